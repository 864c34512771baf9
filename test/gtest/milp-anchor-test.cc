/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief GoogleTest: the module's exact algorithms against a generic MILP solver (GLPK) on
 * random instances (utils/bench/milp-anchor.h): batching + early-exit optimal-h against the
 * C2 MILP with tangent cuts, the PartialLoading backbone DP against the schedule MILP.
 *
 * Built with GLPK (configure-time detection, EI_HAVE_GLPK); without it every test here is
 * reported SKIPPED with the reason.
 */

#include "ns3/batching-early-exit-solver.h"
#include "ns3/partial-loading-solver.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#ifdef EI_HAVE_GLPK
#    include "milp-anchor.h"
#endif

using namespace ns3;
using namespace ns3::edgeinference;

#ifdef EI_HAVE_GLPK
namespace
{

/// Random instances per problem.
constexpr int N_INSTANCES = 60;

/**
 * @brief A random batching + early-exit instance (R3.5 of [3] defaults, as the allocator
 * benchmark): L = 5, deadlines in {40, 60, 80} ms, W = 5 MHz.
 * @param [in] rng generator
 * @param [in] nUsers K
 * @param [in] isTable table latency blocks (from the affine ones) instead of affine blocks
 * @return the problem
 */
BatchingEarlyExitProblem
RandomBatching(std::mt19937_64& rng, uint32_t nUsers, bool isTable)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> shadowing(0.0, 8.0);
    BatchingEarlyExitProblem p;
    p.exitAccuracy = {0.60, 0.68, 0.72, 0.74, 0.75};
    for (uint32_t l = 0; l < p.exitAccuracy.size(); ++l)
    {
        const double a = (0.8 + 0.4 * unit(rng)) * 1e-3;
        if (isTable)
        {
            // concave table: the per-task cost falls with the batch size
            std::vector<std::pair<uint32_t, double>> points;
            for (uint32_t b = 1; b <= nUsers; ++b)
            {
                points.emplace_back(b, 3e-3 + a * std::pow(b, 0.8));
            }
            p.latency.AddTableBlock(points);
        }
        else
        {
            p.latency.AddAffineBlock(3e-3, a);
        }
    }
    const std::vector<double> deadlines{0.040, 0.060, 0.080};
    for (uint32_t k = 0; k < nUsers; ++k)
    {
        BatchingEarlyExitUser u;
        u.accuracyRequirement = 0.55 + 0.2 * unit(rng);
        u.deadlineS = deadlines[rng() % deadlines.size()];
        u.uploadBits = 0.2e6;
        const double d = 50.0 + 200.0 * unit(rng);
        const double lossDb = 128.1 + 37.6 * std::log10(d / 1000.0) + shadowing(rng);
        u.snrBandwidthHz = 0.1 * std::pow(10.0, -lossDb / 10.0) / 3.98e-21;
        p.users.push_back(u);
    }
    p.totalBandwidthHz = 5e6;
    return p;
}

/**
 * @brief A random backbone-sharing PartialLoading instance with a common deadline: 3 clusters
 * of 2-3 models, 50-150 MB backbones in 4 blocks, 1-10 MB heads, I_m 1-3 ms, cold GPU; the
 * deadline is a random fraction (0.2-0.8) of the serve-all GPU time, so that the schedule
 * has to choose.
 * @param [in] rng generator
 * @param [in] nRequests K
 * @return the problem
 */
PartialLoadingProblem
RandomPartialLoading(std::mt19937_64& rng, uint32_t nRequests)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    PartialLoadingProblem p;
    std::vector<std::pair<std::string, uint64_t>> blocks;
    std::vector<std::pair<std::string, std::vector<std::string>>> models;
    double allBytes = 0;
    for (uint32_t c = 0; c < 3; ++c)
    {
        std::vector<std::string> backbone;
        const double bytes = 50e6 + 100e6 * unit(rng);
        for (uint32_t b = 0; b < 4; ++b)
        {
            const std::string id = "c" + std::to_string(c) + "b" + std::to_string(b);
            blocks.emplace_back(id, static_cast<uint64_t>(bytes / 4 * (0.8 + 0.4 * unit(rng))));
            backbone.push_back(id);
            allBytes += blocks.back().second;
        }
        const uint32_t nHeads = 2 + static_cast<uint32_t>(rng() % 2);
        for (uint32_t h = 0; h < nHeads; ++h)
        {
            const std::string head = "c" + std::to_string(c) + "h" + std::to_string(h);
            blocks.emplace_back(head, static_cast<uint64_t>(1e6 + 9e6 * unit(rng)));
            allBytes += blocks.back().second;
            std::vector<std::string> ids = backbone;
            ids.push_back(head);
            const std::string name = "c" + std::to_string(c) + "m" + std::to_string(h);
            models.emplace_back(name, ids);
            p.inferenceTimeS[name] = 1e-3 + 2e-3 * unit(rng);
        }
    }
    p.family = MakeBlockFamily("milp", blocks, models);
    double workS = allBytes / p.loadBandwidthBps;
    for (uint32_t k = 0; k < nRequests; ++k)
    {
        PartialLoadingRequest r;
        r.model = models[rng() % models.size()].first;
        r.uploadBits = 0.5e6;
        r.channel = UplinkChannel::ConstantPsd(3.0);
        workS += p.inferenceTimeS[r.model];
        p.requests.push_back(r);
    }
    const double deadline = (0.2 + 0.6 * unit(rng)) * workS;
    for (auto& r : p.requests)
    {
        r.deadlineS = deadline;
    }
    p.totalBandwidthHz = 1e9;
    return p;
}

} // namespace
#endif

TEST(MilpAnchor, BatchingOptimalHEqualsMilp)
{
#ifndef EI_HAVE_GLPK
    GTEST_SKIP() << "GLPK not found at configure time (apt-get install libglpk-dev): the MILP "
                    "optimality check is skipped";
#else
    // optimal-h (branch and bound) and the C2 MILP (tangent cuts on w^min) must reach the
    // same |S| on every instance; affine and table latency models
    std::mt19937_64 rng(1919);
    uint32_t nProper = 0; // 0 < |S*| < individually feasible users: the choice mattered
    uint32_t maxSolves = 0;
    for (int inst = 0; inst < N_INSTANCES; ++inst)
    {
        const uint32_t nUsers = 4 + inst % 7; // 4..10
        const bool isTable = inst % 3 == 2;
        const BatchingEarlyExitSolver solver(RandomBatching(rng, nUsers, isTable));
        const auto opt = solver.Solve(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                                      BatchingEarlyExitAlgorithm::OPTIMAL_H);
        ASSERT_TRUE(opt.isOptimal) << "instance " << inst;
        const milp::MilpResult m = milp::SolveBatchingMilp(solver);
        ASSERT_TRUE(m.isOptimal) << "instance " << inst << ": " << m.message;
        EXPECT_EQ(m.nServed, opt.served.size()) << "instance " << inst;
        EXPECT_TRUE(
            solver.EvaluateSet(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, m.set).isFeasible);
        uint32_t nFeasible = 0;
        for (uint32_t k = 0; k < nUsers; ++k)
        {
            nFeasible += solver.GetIndividualReason(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                                                    k) == BatchingEarlyExitReason::NONE
                             ? 1
                             : 0;
        }
        nProper += !opt.served.empty() && opt.served.size() < nFeasible ? 1 : 0;
        maxSolves = std::max(maxSolves, m.nSolves);
    }
    // the instances are not trivial: on most of them some feasible user had to be left out
    EXPECT_GE(nProper, N_INSTANCES / 2);
    std::cout << "[ MILP anchor ] batching: " << N_INSTANCES << " instances agree, " << nProper
              << " with 0 < |S*| < feasible users; at most " << maxSolves
              << " MILPs per instance (cutting planes)" << std::endl;
#endif
}

TEST(MilpAnchor, PartialLoadingDpEqualsMilp)
{
#ifndef EI_HAVE_GLPK
    GTEST_SKIP() << "GLPK not found at configure time (apt-get install libglpk-dev): the MILP "
                    "optimality check is skipped";
#else
    std::mt19937_64 rng(2025);
    uint32_t nProper = 0;
    for (int inst = 0; inst < N_INSTANCES; ++inst)
    {
        const uint32_t nRequests = 3 + inst % 6; // 3..8
        const PartialLoadingSolver solver(RandomPartialLoading(rng, nRequests));
        std::vector<uint32_t> all(nRequests);
        for (uint32_t k = 0; k < nRequests; ++k)
        {
            all[k] = k;
        }
        const BackboneDpResult dp = solver.SolveBackboneDp(all, LoadRule::SHARING);
        const milp::MilpResult m = milp::SolvePartialLoadingMilp(solver);
        ASSERT_TRUE(m.isOptimal) << "instance " << inst << ": " << m.message;
        EXPECT_EQ(m.nServed, dp.nServed) << "instance " << inst;
        // the DP's schedule is on time (the MILP's optimum is reachable)
        EXPECT_TRUE(solver.Evaluate(dp.order).isAllOnTime) << "instance " << inst;
        nProper += dp.nServed > 0 && dp.nServed < nRequests ? 1 : 0;
    }
    EXPECT_GE(nProper, N_INSTANCES / 2);
    std::cout << "[ MILP anchor ] PartialLoading: " << N_INSTANCES << " instances agree, "
              << nProper << " with 0 < n* < K" << std::endl;
#endif
}
