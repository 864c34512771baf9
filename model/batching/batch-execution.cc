/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batch-execution.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ns3
{
namespace edgeinference
{

BatchExecutionPlan
BatchExecution::Plan(const BatchLatencyModel& latency,
                     const std::vector<uint32_t>& exits,
                     bool isSequential)
{
    const uint32_t nBlocks = latency.GetNBlocks();
    if (nBlocks == 0)
    {
        throw std::invalid_argument("BatchExecution::Plan: the latency model has no blocks");
    }
    for (size_t i = 0; i < exits.size(); ++i)
    {
        if (exits[i] >= nBlocks)
        {
            throw std::invalid_argument("BatchExecution::Plan: exits[" + std::to_string(i) +
                                        "] is " + std::to_string(exits[i]) +
                                        " (must be < L = " + std::to_string(nBlocks) + ")");
        }
    }
    BatchExecutionPlan plan;
    plan.finishS.resize(exits.size(), 0.0);
    if (exits.empty())
    {
        return plan;
    }
    if (isSequential)
    {
        double t = 0;
        for (size_t i = 0; i < exits.size(); ++i)
        {
            for (uint32_t l = 0; l <= exits[i]; ++l)
            {
                t += latency.GetLatency(l, 1);
            }
            plan.finishS[i] = t;
        }
        plan.makespanS = t;
        return plan;
    }
    std::vector<uint32_t> counts(nBlocks, 0);
    for (uint32_t e : exits)
    {
        ++counts[e];
    }
    plan.batchSizes = BatchLatencyModel::BatchSizesFromExitCounts(counts);
    const std::vector<double> cumulative = latency.GetCumulativeLatency(plan.batchSizes);
    for (size_t i = 0; i < exits.size(); ++i)
    {
        plan.finishS[i] = cumulative[exits[i]];
        plan.makespanS = std::max(plan.makespanS, plan.finishS[i]);
    }
    return plan;
}

} // namespace edgeinference
} // namespace ns3
