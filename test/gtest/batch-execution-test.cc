/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * GoogleTest of BatchExecution::Plan(): the GPU timing of the batch an BatchingEarlyExitServer
 * actually runs, against hand-computed values.
 */

#include "ns3/batch-execution.h"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// The two blocks of the reconstruction's example E3.2: t_1(b) = 2 ms + 1 ms b, t_2(b) = 3 ms + 1.5
/// ms b.
BatchLatencyModel
E32Blocks()
{
    return BatchLatencyModel::Affine({2e-3, 3e-3}, {1e-3, 1.5e-3});
}

} // namespace

TEST(BatchExecution, BatchedTasksLeaveAtTheirExit)
{
    // exits (0, 1, 1): B = (3, 2); t_1(3) = 2 + 3 = 5 ms, t_2(2) = 3 + 3 = 6 ms;
    // the exit-0 task leaves at 5 ms, the two others at 5 + 6 = 11 ms.
    const auto plan = BatchExecution::Plan(E32Blocks(), {0, 1, 1}, false);
    ASSERT_EQ(plan.finishS.size(), 3u);
    EXPECT_NEAR(plan.finishS[0], 5e-3, 1e-12);
    EXPECT_NEAR(plan.finishS[1], 11e-3, 1e-12);
    EXPECT_NEAR(plan.finishS[2], 11e-3, 1e-12);
    EXPECT_EQ(plan.batchSizes, (std::vector<uint32_t>{3, 2}));
    EXPECT_NEAR(plan.makespanS, 11e-3, 1e-12);
}

TEST(BatchExecution, BatchWithOnlyEarlyExitsSkipsTheLastBlock)
{
    // exits (0, 0): B = (2, 0); t_1(2) = 4 ms, t_2(0) = 0.
    const auto plan = BatchExecution::Plan(E32Blocks(), {0, 0}, false);
    EXPECT_NEAR(plan.finishS[0], 4e-3, 1e-12);
    EXPECT_NEAR(plan.finishS[1], 4e-3, 1e-12);
    EXPECT_EQ(plan.batchSizes, (std::vector<uint32_t>{2, 0}));
    EXPECT_NEAR(plan.makespanS, 4e-3, 1e-12);
}

TEST(BatchExecution, SequentialTasksRunOneAfterAnother)
{
    // batch size 1: P(exit 0) = t_1(1) = 3 ms, P(exit 1) = 3 + t_2(1) = 3 + 4.5 = 7.5 ms;
    // order (0, 1, 1): 3, 3 + 7.5 = 10.5, 10.5 + 7.5 = 18 ms.
    const auto plan = BatchExecution::Plan(E32Blocks(), {0, 1, 1}, true);
    EXPECT_NEAR(plan.finishS[0], 3e-3, 1e-12);
    EXPECT_NEAR(plan.finishS[1], 10.5e-3, 1e-12);
    EXPECT_NEAR(plan.finishS[2], 18e-3, 1e-12);
    EXPECT_TRUE(plan.batchSizes.empty());
    EXPECT_NEAR(plan.makespanS, 18e-3, 1e-12);
}

TEST(BatchExecution, EmptyRunAndBadInput)
{
    const auto plan = BatchExecution::Plan(E32Blocks(), {}, false);
    EXPECT_TRUE(plan.finishS.empty());
    EXPECT_EQ(plan.makespanS, 0.0);
    EXPECT_THROW(BatchExecution::Plan(E32Blocks(), {0, 2}, false), std::invalid_argument);
    EXPECT_THROW(BatchExecution::Plan(BatchLatencyModel(), {0}, true), std::invalid_argument);
}
