/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCH_EXECUTION_H
#define BATCH_EXECUTION_H

#include "ns3/batch-latency-model.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-batching
 * @brief Timing of one GPU run of an edge server that batches tasks through a multi-exit
 * DNN (the execution side of Liu, Lan, Huang, IEEE JSAC 2023; R3.1 of [3] and 3.4).
 */
struct BatchExecutionPlan
{
    /// Per task (in the order given): time from the GPU start until the task reaches its
    /// exit, s
    std::vector<double> finishS;
    /// Batch size entering each block (batched run); empty for a sequential run
    std::vector<uint32_t> batchSizes;
    double makespanS{0}; ///< Time until the last task leaves, s
};

/**
 * @ingroup edge-inference-batching
 * @brief Plans the GPU run of the tasks a server actually has (pure C++).
 *
 * - Batched (the proposed scheme and "batching only"): all tasks enter block 0 together,
 *   block l processes B_l = |{tasks with exit >= l}| tasks in t_l(B_l), and a task with
 *   exit e leaves after block e: finish = sum_{l <= e} t_l(B_l).
 * - Sequential (the two no-batching baselines): the tasks run one at a time in the order
 *   given, each with batch size 1 through blocks 0..exit: finish_i = sum_{j <= i}
 *   sum_{l <= e_j} t_l(1).
 */
class BatchExecution
{
  public:
    /**
     * @brief Plan one run.
     * @param [in] latency t_l(b) of the L blocks (L >= 1)
     * @param [in] exits exit (0-based, < L) of each task, in GPU order
     * @param [in] isSequential true for batch size 1 one task after another
     * @return the plan
     * @throw std::invalid_argument if the model has no blocks or an exit is >= L
     */
    static BatchExecutionPlan Plan(const BatchLatencyModel& latency,
                                   const std::vector<uint32_t>& exits,
                                   bool isSequential);
};

} // namespace edgeinference
} // namespace ns3

#endif /* BATCH_EXECUTION_H */
