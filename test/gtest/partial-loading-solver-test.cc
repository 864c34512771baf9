/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief GoogleTest unit tests of the PartialLoading scheduler (model/partial-loading-solver.h).
 *
 * Reference values: the worked examples E5 and E6 of R2.9 of [2] (in
 * MB and ms with R_L = 1000 MB/s, written here as bytes and seconds), hand computations in the
 * comments, and an independent brute force (own block-set arithmetic, not the scheduler's)
 * over all orders and subsets of random instances.
 */

#include "gtest-utils.h"

#include "ns3/dnn-model-zoo.h"
#include "ns3/dnn-model.h"
#include "ns3/lte-ul-amc-rate-model.h"
#include "ns3/partial-loading-json.h"
#include "ns3/partial-loading-solver.h"
#include "ns3/radio-rate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/// +infinity
constexpr double INF = std::numeric_limits<double>::infinity();
/// 1 MB in bytes (the reconstruction examples use MB)
constexpr double MB = 1e6;
/// 1 ms in s
constexpr double MS = 1e-3;
/// Absolute tolerance on times, s
constexpr double TIME_TOL = 1e-12;
/// Relative tolerance against digits printed in the reconstruction
constexpr double SPEC_REL_TOL = 1e-4;

/**
 * @brief Reconstruction E5: blocks A = 90, h1 = 10, h2 = 10, B = 40, h3 = 5 MB; m1 = {A, h1},
 * m2 = {A, h2}, m3 = {B, h3}; I = 10, 10, 5 ms; R_L = 1000 MB/s; u1, u2 -> m1, u3 -> m2,
 * u4, u5 -> m3; T = 200 ms; D = 1 Mbit.
 * @param [in] bandwidthHz total uplink B
 * @param [in] channel uplink channel of every user
 * @return the problem
 */
PartialLoadingProblem
E5(double bandwidthHz, UplinkChannel channel = UplinkChannel::ConstantPsd(5.0))
{
    PartialLoadingProblem p;
    p.family = MakeBlockFamily("e5",
                               {{"A", 90 * 1000000ULL},
                                {"h1", 10 * 1000000ULL},
                                {"h2", 10 * 1000000ULL},
                                {"B", 40 * 1000000ULL},
                                {"h3", 5 * 1000000ULL}},
                               {{"m1", {"A", "h1"}}, {"m2", {"A", "h2"}}, {"m3", {"B", "h3"}}});
    p.loadBandwidthBps = 1000 * MB;
    p.inferenceTimeS = {{"m1", 10 * MS}, {"m2", 10 * MS}, {"m3", 5 * MS}};
    for (const char* m : {"m1", "m1", "m2", "m3", "m3"})
    {
        p.requests.push_back({m, 1e6, 200 * MS, channel});
    }
    p.totalBandwidthHz = bandwidthHz;
    return p;
}

/**
 * @brief Reconstruction E6: x = {X (60), hx (1)} with 3 requests, y = {Y (39), hy (1)} with 1
 * request, I = 10 ms, T = 100 ms, R_L = 1000 MB/s, cold GPU.
 * @param [in] isYFirst put the y request first (index 0) instead of last (index 3)
 * @param [in] deadlineX deadline of the x requests, s
 * @return the problem
 */
PartialLoadingProblem
E6(bool isYFirst = false, double deadlineX = 100 * MS)
{
    PartialLoadingProblem p;
    p.family = MakeBlockFamily(
        "e6",
        {{"X", 60 * 1000000ULL}, {"hx", 1000000ULL}, {"Y", 39 * 1000000ULL}, {"hy", 1000000ULL}},
        {{"x", {"X", "hx"}}, {"y", {"Y", "hy"}}});
    p.loadBandwidthBps = 1000 * MB;
    p.inferenceTimeS = {{"x", 10 * MS}, {"y", 10 * MS}};
    const UplinkChannel ch = UplinkChannel::ConstantPsd(5.0);
    if (isYFirst)
    {
        p.requests.push_back({"y", 1e5, 100 * MS, ch});
    }
    for (int i = 0; i < 3; ++i)
    {
        p.requests.push_back({"x", 1e5, deadlineX, ch});
    }
    if (!isYFirst)
    {
        p.requests.push_back({"y", 1e5, 100 * MS, ch});
    }
    p.totalBandwidthHz = INF;
    return p;
}

// ------------------------------------------------------------------------------------------
// Independent brute force (own block-set arithmetic)

/// A step-1 instance for the brute force.
struct BfInstance
{
    std::vector<std::set<std::string>> blocks; ///< J_m per model
    std::map<std::string, double> bytes;       ///< s_j per block
    double rl{1};                              ///< R_L
    double tau0{0};                            ///< tau_0
    std::vector<double> inference;             ///< I_m
    int resident{-1};                          ///< m_0, -1 = cold
    std::vector<int> model;                    ///< m_k per request
    std::vector<double> deadline;              ///< T_k per request
    bool isNoSharing{false};                   ///< Full reloads
};

/**
 * @param [in] in instance
 * @param [in] prev previous model (-1 = cold)
 * @param [in] next next model
 * @return load time by R2.2 of [2], computed from the block sets
 */
double
BfLoad(const BfInstance& in, int prev, int next)
{
    if (prev == next)
    {
        return 0.0;
    }
    double total = 0.0;
    bool isAny = false;
    for (const auto& b : in.blocks[next])
    {
        if (in.isNoSharing || prev < 0 || in.blocks[prev].count(b) == 0)
        {
            total += in.bytes.at(b);
            isAny = true;
        }
    }
    return isAny ? total / in.rl + in.tau0 : 0.0;
}

/**
 * @brief Common deadline: minimum makespan of every number of tasks over all model sequences
 * (requests of one model are interchangeable in step 1, so sequences of models with
 * multiplicities cover all orders and subsets of requests).
 * @param [in] in instance
 * @param [in,out] remaining requests left per model
 * @param [in] prev previous model
 * @param [in] clock current time
 * @param [in] depth tasks so far
 * @param [in,out] best minimum makespan per number of tasks
 */
void
BfMakespan(const BfInstance& in,
           std::vector<int>& remaining,
           int prev,
           double clock,
           size_t depth,
           std::vector<double>& best)
{
    best[depth] = std::min(best[depth], clock);
    for (size_t m = 0; m < remaining.size(); ++m)
    {
        if (remaining[m] == 0)
        {
            continue;
        }
        --remaining[m];
        const int mm = static_cast<int>(m);
        BfMakespan(
            in, remaining, mm, clock + BfLoad(in, prev, mm) + in.inference[m], depth + 1, best);
        ++remaining[m];
    }
}

/**
 * @brief Heterogeneous deadlines: largest number of on-time tasks over all orders and subsets
 * of requests (a sequence is extended only while every task is on time).
 * @param [in] in instance
 * @param [in,out] isUsed requests already in the sequence
 * @param [in] prev previous model
 * @param [in] clock current time
 * @param [in] depth tasks so far
 * @return the best count reachable from here
 */
size_t
BfMaxServed(const BfInstance& in, std::vector<bool>& isUsed, int prev, double clock, size_t depth)
{
    size_t best = depth;
    for (size_t k = 0; k < isUsed.size(); ++k)
    {
        if (isUsed[k])
        {
            continue;
        }
        const int m = in.model[k];
        const double end = clock + BfLoad(in, prev, m) + in.inference[m];
        if (end > in.deadline[k] + 1e-9)
        {
            continue;
        }
        isUsed[k] = true;
        best = std::max(best, BfMaxServed(in, isUsed, m, end, depth + 1));
        isUsed[k] = false;
    }
    return best;
}

/// A random instance in both forms.
struct RandomInstance
{
    PartialLoadingProblem problem; ///< For the scheduler
    BfInstance bf;                 ///< For the brute force
};

/**
 * @brief Fill the brute-force view and the requests' model names.
 * @param [in,out] ri instance with problem.family set and bf.blocks/bytes set
 * @param [in] names model names
 */
void
FinishInstance(RandomInstance& ri, const std::vector<std::string>& names)
{
    ri.bf.rl = ri.problem.loadBandwidthBps;
    ri.bf.tau0 = ri.problem.loadOverheadS;
    ri.bf.resident = -1;
    for (size_t m = 0; m < names.size(); ++m)
    {
        ri.bf.inference.push_back(ri.problem.inferenceTimeS.at(names[m]));
        if (names[m] == ri.problem.residentModel)
        {
            ri.bf.resident = static_cast<int>(m);
        }
    }
    for (const auto& r : ri.problem.requests)
    {
        ri.bf.model.push_back(
            static_cast<int>(std::find(names.begin(), names.end(), r.model) - names.begin()));
        ri.bf.deadline.push_back(r.deadlineS);
    }
}

/**
 * @brief Random backbone-sharing instance with integer sizes and times (R_L = 1 byte/s), so
 * every sum is exact: 1-3 clusters of 1-3 models, backbone 1-60 bytes, 0-2 head blocks of
 * 0-15 bytes per model, I in 1..12 s, tau_0 in {0, 2, 5}, sometimes a resident model,
 * K in 0..8 requests with a common deadline in 0..(everything served).
 * @param [in,out] rng generator
 * @return the instance
 */
RandomInstance
RandomBackbone(std::mt19937& rng)
{
    auto uni = [&rng](int lo, int hi)
    {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    RandomInstance ri;
    std::vector<std::pair<std::string, uint64_t>> blocks;
    std::vector<std::pair<std::string, std::vector<std::string>>> models;
    const int nClusters = uni(1, 3);
    for (int c = 0; c < nClusters; ++c)
    {
        const std::string bb = "c" + std::to_string(c) + "/bb";
        blocks.emplace_back(bb, uni(1, 60));
        ri.bf.bytes[bb] = static_cast<double>(blocks.back().second);
        const int nModels = uni(1, 3);
        for (int j = 0; j < nModels; ++j)
        {
            const std::string name = "c" + std::to_string(c) + "m" + std::to_string(j);
            std::vector<std::string> ids{bb};
            const int nHeads = uni(0, 2);
            for (int h = 0; h < nHeads; ++h)
            {
                const std::string id = name + "/h" + std::to_string(h);
                blocks.emplace_back(id, uni(0, 15));
                ri.bf.bytes[id] = static_cast<double>(blocks.back().second);
                ids.push_back(id);
            }
            models.emplace_back(name, ids);
            ri.bf.blocks.emplace_back(ids.begin(), ids.end());
        }
    }
    ri.problem.family = MakeBlockFamily("random-backbone", blocks, models);
    std::vector<std::string> names;
    for (const auto& m : models)
    {
        names.push_back(m.first);
        ri.problem.inferenceTimeS[m.first] = uni(1, 12);
    }
    ri.problem.loadBandwidthBps = 1.0;
    const int tauChoice = uni(0, 3);
    ri.problem.loadOverheadS = tauChoice == 2 ? 2.0 : (tauChoice == 3 ? 5.0 : 0.0);
    if (uni(0, 9) < 3)
    {
        ri.problem.residentModel = names[uni(0, static_cast<int>(names.size()) - 1)];
    }
    const int nRequests = uni(0, 8);
    double everything = 0.0;
    for (const auto& [id, b] : ri.bf.bytes)
    {
        everything += b + ri.problem.loadOverheadS;
    }
    std::vector<std::string> requested;
    for (int k = 0; k < nRequests; ++k)
    {
        requested.push_back(names[uni(0, static_cast<int>(names.size()) - 1)]);
        everything += ri.problem.inferenceTimeS[requested.back()];
    }
    const double deadline = uni(0, static_cast<int>(everything));
    for (const auto& m : requested)
    {
        ri.problem.requests.push_back({m, 1000.0, deadline, UplinkChannel::ConstantPsd(4.0)});
    }
    ri.problem.totalBandwidthHz = INF;
    FinishInstance(ri, names);
    return ri;
}

/**
 * @brief Random general-sharing instance (integers, R_L = 1): a library of 2-6 blocks of 0-50
 * bytes, 2-5 models with random non-empty block subsets, I in 1..15 s, tau_0 in {0, 3},
 * sometimes a resident model, K in 1..8 requests with deadlines in 0..150 s and random
 * channels (constant PSD eta in [1, 8] or fixed power s in [500, 5000] Hz), D in [1e3, 1e5]
 * bits, B in [0, 3000] Hz.
 * @param [in,out] rng generator
 * @return the instance
 */
RandomInstance
RandomGeneral(std::mt19937& rng)
{
    auto uni = [&rng](int lo, int hi)
    {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    auto real = [&rng](double lo, double hi)
    {
        return std::uniform_real_distribution<double>(lo, hi)(rng);
    };
    RandomInstance ri;
    const int nBlocks = uni(2, 6);
    const int nModels = uni(2, 5);
    std::vector<std::vector<std::string>> sets(nModels);
    std::set<std::string> used;
    for (int m = 0; m < nModels; ++m)
    {
        while (sets[m].empty())
        {
            for (int b = 0; b < nBlocks; ++b)
            {
                if (uni(0, 1) == 1)
                {
                    sets[m].push_back("b" + std::to_string(b));
                }
            }
        }
        used.insert(sets[m].begin(), sets[m].end());
    }
    std::vector<std::pair<std::string, uint64_t>> blocks;
    for (const auto& id : used)
    {
        blocks.emplace_back(id, uni(0, 50));
        ri.bf.bytes[id] = static_cast<double>(blocks.back().second);
    }
    std::vector<std::pair<std::string, std::vector<std::string>>> models;
    std::vector<std::string> names;
    for (int m = 0; m < nModels; ++m)
    {
        names.push_back("g" + std::to_string(m));
        models.emplace_back(names.back(), sets[m]);
        ri.bf.blocks.emplace_back(sets[m].begin(), sets[m].end());
        ri.problem.inferenceTimeS[names.back()] = uni(1, 15);
    }
    ri.problem.family = MakeBlockFamily("random-general", blocks, models);
    ri.problem.loadBandwidthBps = 1.0;
    ri.problem.loadOverheadS = uni(0, 1) == 1 ? 3.0 : 0.0;
    if (uni(0, 9) < 3)
    {
        ri.problem.residentModel = names[uni(0, nModels - 1)];
    }
    const int nRequests = uni(1, 8);
    for (int k = 0; k < nRequests; ++k)
    {
        const UplinkChannel ch = uni(0, 1) == 1 ? UplinkChannel::ConstantPsd(real(1.0, 8.0))
                                                : UplinkChannel::FixedPower(real(500.0, 5000.0));
        ri.problem.requests.push_back(
            {names[uni(0, nModels - 1)], real(1e3, 1e5), static_cast<double>(uni(0, 150)), ch});
    }
    ri.problem.totalBandwidthHz = real(0.0, 3000.0);
    FinishInstance(ri, names);
    return ri;
}

/**
 * @param [in] n K
 * @return 0 .. n-1
 */
std::vector<uint32_t>
All(size_t n)
{
    std::vector<uint32_t> v(n);
    for (size_t i = 0; i < n; ++i)
    {
        v[i] = static_cast<uint32_t>(i);
    }
    return v;
}

} // namespace

// ------------------------------------------------------------------------------------------
// E5

TEST(PartialLoadingTest, E5TimingWithAndWithoutSharing)
{
    const PartialLoadingSolver s(E5(INF));
    // Sharing, order m1, m1, m2, m3, m3 (R2.9 of [2]): loads 100 (A + h1), 0, 10 (h2),
    // 45 (B + h3), 0 ms; rho = 100, 110, 130, 185, 190; e = 110, 120, 140, 190, 195 ms.
    const SchedulePrediction p = s.Evaluate({0, 1, 2, 3, 4});
    const std::vector<double> load{100, 0, 10, 45, 0};
    const std::vector<double> rho{100, 110, 130, 185, 190};
    const std::vector<double> end{110, 120, 140, 190, 195};
    ASSERT_EQ(p.tasks.size(), 5U);
    for (size_t i = 0; i < 5; ++i)
    {
        EXPECT_EQ(p.tasks[i].request, i);
        EXPECT_NEAR(p.tasks[i].loadTimeS, load[i] * MS, TIME_TOL);
        EXPECT_NEAR(p.tasks[i].readyTimeS, rho[i] * MS, TIME_TOL);
        EXPECT_NEAR(p.tasks[i].startTimeS, rho[i] * MS, TIME_TOL); // u = 0 (no bandwidth given)
        EXPECT_NEAR(p.tasks[i].endTimeS, end[i] * MS, TIME_TOL);
        EXPECT_TRUE(p.tasks[i].isOnTime);
    }
    EXPECT_EQ(p.nOnTime, 5U);
    EXPECT_TRUE(p.isAllOnTime);
    EXPECT_NEAR(p.makespanS, 195 * MS, TIME_TOL);
    EXPECT_NEAR(p.throughputPerS, 5 / 0.2, 1e-9); // |S| / T = 25 tasks/s

    // No sharing, same order: m2 reloads all 100 MB: rho3 = 120 + 100 = 220, e3 = 230 (late);
    // m3: rho4 = 230 + 45 = 275, e4 = 280, e5 = 285 (late). Two on time.
    const SchedulePrediction q = s.Evaluate({0, 1, 2, 3, 4}, {}, LoadRule::NO_SHARING);
    EXPECT_NEAR(q.tasks[2].readyTimeS, 220 * MS, TIME_TOL);
    EXPECT_NEAR(q.tasks[4].endTimeS, 285 * MS, TIME_TOL);
    EXPECT_EQ(q.nOnTime, 2U);
    EXPECT_FALSE(q.isAllOnTime);

    // Switch times through the GpuMemoryModel rules: m1 -> m2 = h2 = 10 ms with sharing and
    // 100 ms without; cold -> m3 = 45 ms.
    EXPECT_NEAR(s.GetSwitchTime("m1", "m2", LoadRule::SHARING), 10 * MS, TIME_TOL);
    EXPECT_NEAR(s.GetSwitchTime("m1", "m2", LoadRule::NO_SHARING), 100 * MS, TIME_TOL);
    EXPECT_NEAR(s.GetSwitchTime("", "m3", LoadRule::SHARING), 45 * MS, TIME_TOL);
}

TEST(PartialLoadingTest, E5BackboneDpTables)
{
    const PartialLoadingSolver s(E5(INF));
    EXPECT_TRUE(PartialLoadingSolver::IsBackboneSharing(s.GetProblem().family));
    const BackboneDpResult dp = s.SolveBackboneDp(All(5));
    ASSERT_EQ(dp.clusterModels.size(), 2U);
    EXPECT_EQ(dp.clusterModels[0], (std::vector<std::string>{"m1", "m2"}));
    EXPECT_EQ(dp.clusterModels[1], (std::vector<std::string>{"m3"}));
    // g_c1 = [0, 110, 120, 140]: 90 + 10 + 10; + 10; + (10 + 10) for m2.
    // g_c2 = [0, 50, 55]: 40 + 5 + 5; + 5.
    // F = [0, 50, 55, 140, 175, 195]: F(3) = g_c1(3), F(4) = g_c1(2) + g_c2(2), F(5) = 140 + 55.
    const std::vector<std::vector<double>> g{{0, 110, 120, 140}, {0, 50, 55}};
    const std::vector<double> f{0, 50, 55, 140, 175, 195};
    for (size_t c = 0; c < 2; ++c)
    {
        ASSERT_EQ(dp.clusterTimeS[c].size(), g[c].size());
        for (size_t x = 0; x < g[c].size(); ++x)
        {
            EXPECT_NEAR(dp.clusterTimeS[c][x], g[c][x] * MS, TIME_TOL) << "c " << c << " x " << x;
        }
    }
    ASSERT_EQ(dp.minTimeS.size(), f.size());
    for (size_t n = 0; n < f.size(); ++n)
    {
        EXPECT_NEAR(dp.minTimeS[n], f[n] * MS, TIME_TOL) << "n " << n;
    }
    EXPECT_EQ(dp.nServed, 5U);
    EXPECT_EQ(dp.order, (std::vector<uint32_t>{0, 1, 2, 3, 4})); // m1, m1, m2, m3, m3
    EXPECT_NEAR(s.Evaluate(dp.order).makespanS, 195 * MS, TIME_TOL);
}

TEST(PartialLoadingTest, E5NoSharingOptimumIsFour)
{
    // Reconstruction: m1 x 2 (100 + 20) then m3 x 2 (45 + 10) ends at 175; adding m2 costs +110.
    const PartialLoadingSolver s(E5(INF));
    const BackboneDpResult dp = s.SolveBackboneDp(All(5), LoadRule::NO_SHARING);
    EXPECT_EQ(dp.nServed, 4U);
    EXPECT_NEAR(dp.minTimeS[4], 175 * MS, TIME_TOL);
    const SchedulePrediction p = s.Evaluate(dp.order, {}, LoadRule::NO_SHARING);
    EXPECT_EQ(p.nOnTime, 4U);
    EXPECT_TRUE(p.isAllOnTime);
    EXPECT_NEAR(p.makespanS, 175 * MS, TIME_TOL);

    const PartialLoadingDecision ns = s.Decide(SchedulingAlgorithm::NO_SHARING);
    EXPECT_EQ(ns.scheduler, SchedulingAlgorithm::BACKBONE_DP);
    EXPECT_EQ(ns.loadRule, LoadRule::NO_SHARING);
    EXPECT_EQ(ns.nServed, 4U);
    EXPECT_EQ(ns.reason[2], UnservedReason::DEADLINE); // the m2 request
    const PartialLoadingDecision pl = s.Decide(SchedulingAlgorithm::PARTIAL_LOADING);
    EXPECT_EQ(pl.nServed, 5U); // +25 % over no sharing
}

TEST(PartialLoadingTest, E5GroupGreedy)
{
    // Round 1 (cold): phi_m1 = 2/120, phi_m2 = 1/110, phi_m3 = 2/55 -> m3, ends 50, 55.
    // Round 2: phi_m1 = 2/(100 + 20) > phi_m2 = 1/110 -> m1, ends 165, 175.
    // Round 3: m2 loads h2 (10): ends 195.
    const PartialLoadingSolver s(E5(INF));
    const std::vector<uint32_t> order = s.GroupGreedy(All(5));
    EXPECT_EQ(order, (std::vector<uint32_t>{3, 4, 0, 1, 2}));
    const SchedulePrediction p = s.Evaluate(order);
    const std::vector<double> end{50, 55, 165, 175, 195};
    ASSERT_EQ(p.tasks.size(), 5U);
    for (size_t i = 0; i < 5; ++i)
    {
        EXPECT_NEAR(p.tasks[i].endTimeS, end[i] * MS, TIME_TOL);
    }
    EXPECT_TRUE(p.isAllOnTime);
}

TEST(PartialLoadingTest, E5StepTwoConstantPsd)
{
    // B^min = D / (eta rho) = 1e6 / (5 * [0.100, 0.110, 0.130, 0.185, 0.190])
    //       = [2.0, 1.81818, 1.53846, 1.08108, 1.05263] MHz, sum 7.49035 MHz.
    const std::vector<double> bmin{2.0e6, 1.8181818e6, 1.5384615e6, 1.0810811e6, 1.0526316e6};
    const double sum = 7.4903540e6;
    const PartialLoadingSolver s10(E5(10e6));
    const BandwidthAllocation a = s10.AllocateBandwidth({0, 1, 2, 3, 4});
    EXPECT_TRUE(a.isFeasible);
    ExpectRel(a.sumMinBandwidthHz, sum, 1e-6);
    ExpectRel(a.sumMinBandwidthHz, 7.4904e6, SPEC_REL_TOL);

    const PartialLoadingDecision d = s10.Decide();
    EXPECT_EQ(d.scheduler, SchedulingAlgorithm::BACKBONE_DP);
    EXPECT_EQ(d.order, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
    EXPECT_EQ(d.nBandwidthDrops, 0U);
    double total = 0.0;
    for (size_t k = 0; k < 5; ++k)
    {
        EXPECT_TRUE(d.isServed[k]);
        ExpectRel(d.minBandwidthHz[k], bmin[k], 1e-6);
        // Leftover 10 - 7.49035 MHz pro rata: B_k = B^min_k * 10 / 7.49035.
        ExpectRel(d.bandwidthHz[k], bmin[k] * 10e6 / sum, 1e-6);
        total += d.bandwidthHz[k];
        // Uploads end before the model is ready, so b_i = rho_i.
        EXPECT_LE(d.prediction.tasks[k].uploadTimeS, d.prediction.tasks[k].readyTimeS + 1e-12);
        EXPECT_NEAR(d.prediction.tasks[k].startTimeS, d.prediction.tasks[k].readyTimeS, 1e-12);
    }
    ExpectRel(total, 10e6, 1e-12);
    EXPECT_TRUE(d.prediction.isAllOnTime);
    EXPECT_EQ(d.prediction.nOnTime, 5U);

    // B = 5 MHz: infeasible. Drop u1 (2.0 MHz); the 4-task DP schedule m1, m2, m3, m3 has
    // rho = 100, 120, 175, 180 ms -> B^min = 2.0 + 1.6667 + 1.1429 + 1.1111 = 5.92 MHz > 5:
    // drop u2. Then m2, m3, m3 with rho = 100, 155, 160 ms: 2.0 + 1.2903 + 1.25 = 4.54 MHz.
    const PartialLoadingSolver s5(E5(5e6));
    EXPECT_FALSE(s5.AllocateBandwidth({0, 1, 2, 3, 4}).isFeasible);
    const PartialLoadingDecision d5 = s5.Decide();
    EXPECT_EQ(d5.order, (std::vector<uint32_t>{2, 3, 4}));
    EXPECT_EQ(d5.nBandwidthDrops, 2U);
    EXPECT_EQ(d5.reason[0], UnservedReason::BANDWIDTH);
    EXPECT_EQ(d5.reason[1], UnservedReason::BANDWIDTH);
    ExpectRel(d5.minBandwidthHz[2], 2.0e6, 1e-9);
    ExpectRel(d5.minBandwidthHz[3], 1e6 / (5 * 0.155), 1e-9);
    ExpectRel(d5.minBandwidthHz[4], 1e6 / (5 * 0.160), 1e-9);
    EXPECT_TRUE(d5.prediction.isAllOnTime);
}

TEST(PartialLoadingTest, UploadStartDelaysUploadsNotLoads)
{
    // E5 with the uploads starting 20 ms after the GPU may load (PartialLoadingServer
    // LoadAtAllocation) and the deadlines counted from the GPU's time 0 (220 ms). Step 1 does
    // not see uploads: the schedule and the loads are E5's. Step 2: the upload of slot i fits
    // in rho_i - 20 ms, so B^min = D / (eta (rho_i - 0.020)).
    PartialLoadingProblem p = E5(10e6);
    p.uploadStartS = 0.020;
    for (auto& r : p.requests)
    {
        r.deadlineS += 0.020;
    }
    const PartialLoadingSolver s(p);
    const std::vector<double> rho{0.100, 0.110, 0.130, 0.185, 0.190};
    const BandwidthAllocation a = s.AllocateBandwidth({0, 1, 2, 3, 4});
    ASSERT_EQ(a.minBandwidthHz.size(), 5U);
    double sum = 0.0;
    for (size_t i = 0; i < 5; ++i)
    {
        ExpectRel(a.minBandwidthHz[i], 1e6 / (5.0 * (rho[i] - 0.020)), 1e-9);
        sum += a.minBandwidthHz[i];
    }
    ExpectRel(a.sumMinBandwidthHz, sum, 1e-12);
    EXPECT_TRUE(a.isFeasible); // 8.93 MHz <= 10 MHz
    const PartialLoadingDecision d = s.Decide();
    ASSERT_EQ(d.nServed, 5U);
    for (size_t i = 0; i < 5; ++i)
    {
        const TaskTiming& t = d.prediction.tasks[i];
        const uint32_t k = t.request;
        // u_k = 20 ms + D / (eta B_k), by rho_i, so the GPU timeline is E5's
        EXPECT_NEAR(t.uploadTimeS, 0.020 + 1e6 / (5.0 * d.bandwidthHz[k]), TIME_TOL);
        EXPECT_LE(t.uploadTimeS, t.readyTimeS + 1e-12);
        EXPECT_NEAR(t.readyTimeS, rho[i], TIME_TOL);
    }
    // infinite bandwidth: the upload still cannot end before it starts
    const SchedulePrediction inf = s.Evaluate({0}, std::vector<double>(5, INF));
    EXPECT_NEAR(inf.tasks[0].uploadTimeS, 0.020, TIME_TOL);
    // the same instance without the head start needs less bandwidth at every slot
    const BandwidthAllocation a0 =
        PartialLoadingSolver(E5(10e6)).AllocateBandwidth({0, 1, 2, 3, 4});
    EXPECT_LT(a0.sumMinBandwidthHz, a.sumMinBandwidthHz);
    // bad values are refused with the field's name
    for (double bad : {-0.001, INF, std::nan("")})
    {
        PartialLoadingProblem q = E5(10e6);
        q.uploadStartS = bad;
        try
        {
            PartialLoadingSolver{q};
            ADD_FAILURE() << "uploadStartS = " << bad << " accepted";
        }
        catch (const std::invalid_argument& e)
        {
            EXPECT_NE(std::string(e.what()).find("uploadStartS"), std::string::npos) << e.what();
        }
    }
}

TEST(PartialLoadingTest, E5StepTwoShannon)
{
    // s = p g / N0 = 0.2 * 1e-12 / 3.98e-21 = 5.0251e7 Hz; reconstruction: B^min = 2.17941 MHz at
    // rho = 100 ms and 6.32835 MHz at 50 ms.
    const double snrBw = SnrBandwidthHz(0.2, 1e-12, 3.98e-21);
    const UplinkChannel ch = UplinkChannel::FixedPower(snrBw);
    ExpectRel(ch.MinBandwidth(1e6, 0.100), 2.17941e6, SPEC_REL_TOL);
    ExpectRel(ch.MinBandwidth(1e6, 0.050), 6.32835e6, SPEC_REL_TOL);
    const PartialLoadingDecision d = PartialLoadingSolver(E5(20e6, ch)).Decide();
    ASSERT_EQ(d.nServed, 5U);
    EXPECT_EQ(d.order.front(), 0U);
    EXPECT_NEAR(d.uploadWindowS[0], 0.100, TIME_TOL);
    ExpectRel(d.minBandwidthHz[0], 2.17941e6, SPEC_REL_TOL);
    // The rate at the allocated bandwidth uploads 1 Mbit before rho.
    const double rate = ShannonRateFixedPower(d.bandwidthHz[0], snrBw);
    EXPECT_LE(1e6 / rate, 0.100 * (1 + 1e-9));
    EXPECT_TRUE(d.prediction.isAllOnTime);
}

TEST(PartialLoadingTest, E5Baselines)
{
    // Equal bandwidth B/K = 2 MHz at B = 10 MHz: u = 1e6 / (5 * 2e6) = 100 ms <= rho_1, all 5.
    EXPECT_EQ(
        PartialLoadingSolver(E5(10e6)).Decide(SchedulingAlgorithm::DP_EQUAL_BANDWIDTH).nServed, 5U);
    // At 5 MHz: 1 MHz each, u = 200 ms, so every task ends after 200 ms: nobody.
    const PartialLoadingDecision eq =
        PartialLoadingSolver(E5(5e6)).Decide(SchedulingAlgorithm::DP_EQUAL_BANDWIDTH);
    EXPECT_EQ(eq.nServed, 0U);
    for (auto r : eq.reason)
    {
        EXPECT_EQ(r, UnservedReason::UPLOAD_LATE);
    }
    // Upper bound: step 1 only.
    const PartialLoadingDecision ub =
        PartialLoadingSolver(E5(5e6)).Decide(SchedulingAlgorithm::INFINITE_BANDWIDTH);
    EXPECT_EQ(ub.nServed, 5U);
    EXPECT_TRUE(std::isinf(ub.bandwidthHz[0]));
    EXPECT_NEAR(ub.prediction.makespanS, 195 * MS, TIME_TOL);
    // FCFS and EDF with sharing follow the request order here (common deadline): 5 tasks.
    EXPECT_EQ(PartialLoadingSolver(E5(INF)).Decide(SchedulingAlgorithm::FCFS).nServed, 5U);
    EXPECT_EQ(PartialLoadingSolver(E5(INF)).Decide(SchedulingAlgorithm::EDF).nServed, 5U);
}

// ------------------------------------------------------------------------------------------
// E6

TEST(PartialLoadingTest, E6GreedyMatters)
{
    const PartialLoadingSolver s(E6());
    // Optimum 3: x, x, x ending 71, 81, 91.
    const BackboneDpResult dp = s.SolveBackboneDp(All(4));
    EXPECT_EQ(dp.nServed, 3U);
    const SchedulePrediction p = s.Evaluate(dp.order);
    ASSERT_EQ(p.tasks.size(), 3U);
    EXPECT_NEAR(p.tasks[0].endTimeS, 71 * MS, TIME_TOL);
    EXPECT_NEAR(p.tasks[1].endTimeS, 81 * MS, TIME_TOL);
    EXPECT_NEAR(p.tasks[2].endTimeS, 91 * MS, TIME_TOL);
    // Per-request greedy: y first (40 + 10 = 50 < 61 + 10), then x ends 50 + 61 + 10 = 121.
    EXPECT_EQ(s.PerRequestGreedy(All(4)), (std::vector<uint32_t>{3}));
    const PartialLoadingDecision pr = s.Decide(SchedulingAlgorithm::PER_REQUEST_GREEDY);
    EXPECT_EQ(pr.nServed, 1U);
    EXPECT_EQ(pr.reason[0], UnservedReason::DEADLINE);
    // Group greedy: phi_x = 3 / 91 > phi_y = 1 / 50.
    EXPECT_EQ(s.GroupGreedy(All(4)).size(), 3U);
    EXPECT_EQ(s.Decide(SchedulingAlgorithm::GROUP_GREEDY).nServed, 3U);
    EXPECT_EQ(s.Decide(SchedulingAlgorithm::PARTIAL_LOADING).nServed, 3U);

    // FCFS with y requested first repeats the per-request mistake; EDF with the x deadlines
    // at 95 ms serves x, x, x (91) and skips y (91 + 50 = 141).
    EXPECT_EQ(PartialLoadingSolver(E6(true)).Decide(SchedulingAlgorithm::FCFS).nServed, 1U);
    const PartialLoadingDecision edf =
        PartialLoadingSolver(E6(true, 95 * MS)).Decide(SchedulingAlgorithm::EDF);
    EXPECT_EQ(edf.order, (std::vector<uint32_t>{1, 2, 3}));
    EXPECT_EQ(edf.scheduler, SchedulingAlgorithm::EDF);
}

// ------------------------------------------------------------------------------------------
// Resident model and the upload window rule

TEST(PartialLoadingTest, ResidentModelAndUploadWindows)
{
    // E5 with m1 resident: g_c1 = [0, 10, 20, 40] (h2 = 10 for m2), g_c2 = [0, 50, 55],
    // F = [0, 10, 20, 40, 75, 95]: F(4) = min(g_c1(3) + g_c2(1), g_c1(2) + g_c2(2))
    // = min(40 + 50, 20 + 55) = 75.
    PartialLoadingProblem p = E5(10e6);
    p.residentModel = "m1";
    const PartialLoadingSolver s(p);
    const BackboneDpResult dp = s.SolveBackboneDp(All(5));
    const std::vector<double> f{0, 10, 20, 40, 75, 95};
    for (size_t n = 0; n < f.size(); ++n)
    {
        EXPECT_NEAR(dp.minTimeS[n], f[n] * MS, TIME_TOL);
    }
    EXPECT_EQ(dp.order, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
    EXPECT_NEAR(s.Evaluate(dp.order).makespanS, 95 * MS, TIME_TOL);

    // READY_TIME (reconstruction): rho_1 = 0 needs infinite bandwidth: u1 dropped, then u2 (rho 0
    // again), then u3 (rho = 10 ms: 20 MHz alone); m3 x 2 at rho = 45, 50 ms: 4.44 + 4 <= 10 MHz.
    const PartialLoadingDecision ready = s.Decide();
    EXPECT_EQ(ready.order, (std::vector<uint32_t>{3, 4}));
    EXPECT_EQ(ready.nBandwidthDrops, 3U);

    // LATEST_START: L = 105, 115, 135, 190, 195 ms (backwards from T - I), B^min =
    // 1e6 / (5 L) = 1.905 + 1.739 + 1.481 + 1.053 + 1.026 = 7.20 MHz <= 10: all five.
    p.uploadWindow = UploadWindowRule::LATEST_START;
    const PartialLoadingDecision latest = PartialLoadingSolver(p).Decide();
    EXPECT_EQ(latest.nServed, 5U);
    const std::vector<double> window{105, 115, 135, 190, 195};
    for (size_t k = 0; k < 5; ++k)
    {
        EXPECT_NEAR(latest.uploadWindowS[k], window[k] * MS, TIME_TOL);
        ExpectRel(latest.minBandwidthHz[k], 1e6 / (5 * window[k] * MS), 1e-9);
    }
    EXPECT_TRUE(latest.prediction.isAllOnTime);
}

TEST(PartialLoadingTest, RunReassignmentGivesLaterWindowsToHarderUsers)
{
    // Two m3 users with D = 1 and 3 Mbit (eta = 5) in a run at rho = 45, 50 ms: request order
    // costs 1e6/(5*.045) + 3e6/(5*.05) = 4.444 + 12.0 = 16.44 MHz, swapped 13.33 + 4.0 = 17.33
    // MHz, so the harder user (request 0) must take the later window: 16.44 MHz.
    PartialLoadingProblem p = E5(100e6);
    p.requests = {{"m3", 1e6, 0.2, UplinkChannel::ConstantPsd(5.0)},
                  {"m3", 3e6, 0.2, UplinkChannel::ConstantPsd(5.0)}};
    std::swap(p.requests[0], p.requests[1]); // request 0 = 3 Mbit, request 1 = 1 Mbit
    const PartialLoadingSolver s(p);
    const BandwidthAllocation a = s.AllocateBandwidth({0, 1});
    EXPECT_EQ(a.order, (std::vector<uint32_t>{1, 0}));
    ExpectRel(a.sumMinBandwidthHz, 1e6 / (5 * 0.045) + 3e6 / (5 * 0.050), 1e-9);
    // A deadline that only the first slot meets pins request 0 there (45 + 5 = 50 ms).
    p.requests[0].deadlineS = 0.052;
    const BandwidthAllocation b = PartialLoadingSolver(p).AllocateBandwidth({0, 1});
    EXPECT_EQ(b.order, (std::vector<uint32_t>{0, 1}));
}

// ------------------------------------------------------------------------------------------
// Structure detection and bad input

TEST(PartialLoadingTest, BackboneDetection)
{
    const auto clusters = PartialLoadingSolver::DetectBackboneClusters(E5(INF).family);
    ASSERT_EQ(clusters.size(), 2U);
    EXPECT_EQ(clusters[0].backboneBlocks, (std::vector<std::string>{"A"}));
    EXPECT_EQ(clusters[0].backboneBytes, 90000000U);
    EXPECT_EQ(clusters[0].headBytes, (std::vector<uint64_t>{10000000U, 10000000U}));
    EXPECT_EQ(clusters[1].backboneBytes, 45000000U); // singleton: the whole model

    // A chain m1 -A- m2 -B- m3 is one cluster where A is not held by m3.
    const DnnModelFamily chain =
        MakeBlockFamily("chain",
                        {{"A", 5}, {"B", 5}, {"h1", 1}, {"h2", 1}, {"h3", 1}},
                        {{"m1", {"A", "h1"}}, {"m2", {"A", "B", "h2"}}, {"m3", {"B", "h3"}}});
    EXPECT_FALSE(PartialLoadingSolver::IsBackboneSharing(chain));
    ExpectInvalid([&chain]() { PartialLoadingSolver::DetectBackboneClusters(chain); },
                  {"not backbone-sharing", "block 'A'", "'m1'", "'m2'", "'m3'"});
    // Restricted to m1 and m2 it is backbone-sharing (A shared, B private to m2).
    EXPECT_TRUE(PartialLoadingSolver::IsBackboneSharing(chain, {"m1", "m2"}));

    // Zoo families.
    EXPECT_TRUE(
        PartialLoadingSolver::IsBackboneSharing(DnnModelZoo::BackboneSharingFamily("resnet50", 3)));
    const DnnModelFamily general = DnnModelZoo::GeneralSharingFamily("resnet18", 6, 0.4, 7);
    EXPECT_FALSE(PartialLoadingSolver::IsBackboneSharing(general));

    // BACKBONE_DP on the chain throws once m2 is requested; PARTIAL_LOADING then uses the greedy.
    PartialLoadingProblem p;
    p.family = chain;
    p.loadBandwidthBps = 1.0;
    p.inferenceTimeS = {{"m1", 1.0}, {"m2", 1.0}, {"m3", 1.0}};
    for (const char* m : {"m1", "m3"})
    {
        p.requests.push_back({m, 0.0, 100.0, UplinkChannel::ConstantPsd(1.0)});
    }
    p.totalBandwidthHz = 1.0;
    // Only m1 and m3 requested: they share no block, so the DP applies.
    const PartialLoadingDecision d = PartialLoadingSolver(p).Decide();
    EXPECT_EQ(d.scheduler, SchedulingAlgorithm::BACKBONE_DP);
    EXPECT_EQ(d.nServed, 2U);
    EXPECT_EQ(PartialLoadingSolver(p).Decide(SchedulingAlgorithm::BACKBONE_DP).nServed, 2U);
    p.requests.push_back({"m2", 0.0, 100.0, UplinkChannel::ConstantPsd(1.0)});
    const PartialLoadingSolver s(p);
    ExpectInvalid([&s]() { s.Decide(SchedulingAlgorithm::BACKBONE_DP); },
                  {"not backbone-sharing", "block 'A'"});
    const PartialLoadingDecision d3 = s.Decide();
    EXPECT_EQ(d3.scheduler, SchedulingAlgorithm::GROUP_GREEDY);
    EXPECT_EQ(d3.nServed, 3U);
}

TEST(PartialLoadingTest, BadInput)
{
    // zero efficiency gives no rate, even with infinite bandwidth (not inf * 0 = NaN)
    EXPECT_EQ(UplinkChannel::ConstantPsd(0.0).Rate(std::numeric_limits<double>::infinity()), 0.0);
    // Block library errors name the model and the block.
    ExpectInvalid(
        []() {
            MakeBlockFamily("f", {{"A", 1}}, {{"m1", {"A", "Z"}}});
        },
        {"model 'm1'", "block 'Z'", "not in the block library"});
    ExpectInvalid(
        []() {
            MakeBlockFamily("f", {{"A", 1}, {"Q", 2}}, {{"m1", {"A"}}});
        },
        {"block 'Q'", "referenced by no model"});
    ExpectInvalid(
        []() {
            MakeBlockFamily("f", {{"A", 1}}, {{"m1", {"A", "A"}}});
        },
        {"model 'm1'", "block 'A'", "twice"});
    // Inconsistent sharing (same id, different sizes) is rejected by DnnModelFamily::Add.
    DnnModelFamily fam("inconsistent");
    DnnModel a("a", 1.0);
    a.AddLayer({"l", 10, 0, 0, "shared"});
    DnnModel b("b", 1.0);
    b.AddLayer({"l", 20, 0, 0, "shared"});
    fam.Add(a);
    try
    {
        fam.Add(b);
        ADD_FAILURE() << "no ModelFormatError";
    }
    catch (const ModelFormatError& e)
    {
        EXPECT_NE(std::string(e.what()).find("block 'shared'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("model 'b'"), std::string::npos);
    }

    auto make = [](const std::function<void(PartialLoadingProblem&)>& edit)
    {
        PartialLoadingProblem p = E5(10e6);
        edit(p);
        return [p]()
        {
            PartialLoadingSolver s(p);
        };
    };
    ExpectInvalid(make([](auto& p) { p.requests[3].model = "m9"; }),
                  {"request 3", "model 'm9'", "not in family"});
    ExpectInvalid(make([](auto& p) { p.inferenceTimeS.erase("m2"); }),
                  {"request 2", "model 'm2'", "no inference time"});
    ExpectInvalid(make([](auto& p) { p.inferenceTimeS["m7"] = 1.0; }), {"model 'm7'"});
    ExpectInvalid(make([](auto& p) { p.inferenceTimeS["m1"] = -1.0; }), {"'m1'", "-1"});
    ExpectInvalid(make([](auto& p) { p.loadBandwidthBps = 0.0; }), {"loadBandwidthBps", "0"});
    ExpectInvalid(make([](auto& p) { p.loadOverheadS = -1.0; }), {"loadOverheadS", "-1"});
    ExpectInvalid(make([](auto& p) { p.totalBandwidthHz = -5.0; }), {"totalBandwidthHz", "-5"});
    ExpectInvalid(make([](auto& p) { p.requests[1].uploadBits = -1.0; }),
                  {"request 1", "uploadBits"});
    ExpectInvalid(make([](auto& p) { p.requests[4].deadlineS = std::nan(""); }),
                  {"request 4", "deadlineS"});
    ExpectInvalid(make([](auto& p) { p.requests[0].channel.spectralEfficiency = -2.0; }),
                  {"request 0", "spectralEfficiency", "-2"});
    ExpectInvalid(make([](auto& p) { p.residentModel = "nope"; }), {"residentModel", "'nope'"});
    ExpectInvalid(make(
                      [](auto& p)
                      {
                          p.residentModel = "m1";
                          p.gpuCapacityBytes = 50000000;
                      }),
                  {"residentModel 'm1'", "100000000", "50000000"});
    ExpectInvalid([]() { UplinkChannel::ConstantPsd(-1.0); }, {"spectralEfficiency", "-1"});

    const PartialLoadingSolver s(E5(10e6));
    ExpectInvalid([&s]() { s.Evaluate({0, 0}); }, {"request 0", "twice"});
    ExpectInvalid([&s]() { s.Evaluate({7}); }, {"index 7", "out of range"});
    ExpectInvalid([&s]() { s.Evaluate({0}, {1.0}); }, {"bandwidthHz", "1 entries"});

    // Heterogeneous deadlines: the DP refuses, PARTIAL_LOADING uses the greedy.
    PartialLoadingProblem het = E5(INF);
    het.requests[2].deadlineS = 0.15;
    const PartialLoadingSolver hs(het);
    ExpectInvalid([&hs]() { hs.SolveBackboneDp(All(5)); }, {"common deadline", "request 2"});
    EXPECT_EQ(hs.Decide().scheduler, SchedulingAlgorithm::GROUP_GREEDY);
}

TEST(PartialLoadingTest, DefinedAnswersForDegenerateInput)
{
    // K = 0: empty decision for every algorithm.
    PartialLoadingProblem empty = E5(10e6);
    empty.requests.clear();
    for (auto alg : {SchedulingAlgorithm::PARTIAL_LOADING,
                     SchedulingAlgorithm::BACKBONE_DP,
                     SchedulingAlgorithm::GROUP_GREEDY,
                     SchedulingAlgorithm::PER_REQUEST_GREEDY,
                     SchedulingAlgorithm::NO_SHARING,
                     SchedulingAlgorithm::FCFS,
                     SchedulingAlgorithm::EDF,
                     SchedulingAlgorithm::DP_EQUAL_BANDWIDTH,
                     SchedulingAlgorithm::INFINITE_BANDWIDTH})
    {
        const PartialLoadingDecision d = PartialLoadingSolver(empty).Decide(alg);
        EXPECT_EQ(d.nServed, 0U) << ToString(alg);
        EXPECT_TRUE(d.order.empty());
        EXPECT_TRUE(d.isServed.empty());
        EXPECT_TRUE(d.prediction.tasks.empty());
    }
    // Deadlines below the inference time: nobody, reason DEADLINE.
    PartialLoadingProblem tight = E5(10e6);
    for (auto& r : tight.requests)
    {
        r.deadlineS = 0.004; // < I_m3 = 5 ms
    }
    const PartialLoadingDecision t = PartialLoadingSolver(tight).Decide();
    EXPECT_EQ(t.nServed, 0U);
    for (auto r : t.reason)
    {
        EXPECT_EQ(r, UnservedReason::DEADLINE);
    }
    EXPECT_EQ(ToString(UnservedReason::DEADLINE), "DEADLINE");
    // Models larger than the GPU: m1, m2 (100 MB) do not fit 50 MB; m3 (45 MB) does.
    PartialLoadingProblem small = E5(INF);
    small.gpuCapacityBytes = 50000000;
    const PartialLoadingDecision sm = PartialLoadingSolver(small).Decide();
    EXPECT_EQ(sm.order, (std::vector<uint32_t>{3, 4}));
    for (size_t k = 0; k < 3; ++k)
    {
        EXPECT_EQ(sm.reason[k], UnservedReason::MODEL_EXCEEDS_GPU_MEMORY);
    }
    // Zero bandwidth with nothing to upload is feasible.
    PartialLoadingProblem noUpload = E5(0.0);
    for (auto& r : noUpload.requests)
    {
        r.uploadBits = 0.0;
    }
    EXPECT_EQ(PartialLoadingSolver(noUpload).Decide().nServed, 5U);
    // Zero bandwidth with uploads: nobody, reason BANDWIDTH.
    const PartialLoadingDecision z = PartialLoadingSolver(E5(0.0)).Decide();
    EXPECT_EQ(z.nServed, 0U);
    EXPECT_EQ(z.reason[0], UnservedReason::BANDWIDTH);
}

// ------------------------------------------------------------------------------------------
// Random instances against brute force

TEST(PartialLoadingTest, DpEqualsBruteForceOnRandomBackboneInstances)
{
    std::mt19937 rng(20260501);
    size_t nBinding = 0;
    for (int trial = 0; trial < 1000; ++trial)
    {
        RandomInstance ri = RandomBackbone(rng);
        const size_t nRequests = ri.problem.requests.size();
        const PartialLoadingSolver s(ri.problem);
        for (LoadRule rule : {LoadRule::SHARING, LoadRule::NO_SHARING})
        {
            ri.bf.isNoSharing = rule == LoadRule::NO_SHARING;
            std::vector<int> remaining(ri.bf.blocks.size(), 0);
            for (int m : ri.bf.model)
            {
                ++remaining[m];
            }
            std::vector<double> best(nRequests + 1, INF);
            BfMakespan(ri.bf, remaining, ri.bf.resident, 0.0, 0, best);
            size_t nStar = 0;
            const double deadline = nRequests > 0 ? ri.problem.requests[0].deadlineS : 0.0;
            for (size_t n = 0; n <= nRequests; ++n)
            {
                if (best[n] <= deadline)
                {
                    nStar = n;
                }
            }
            nBinding += (nStar < nRequests) ? 1 : 0;

            const BackboneDpResult dp = s.SolveBackboneDp(All(nRequests), rule);
            ASSERT_EQ(dp.nServed, nStar) << "trial " << trial;
            ASSERT_EQ(dp.minTimeS.size(), nRequests + 1);
            for (size_t n = 0; n <= nRequests; ++n)
            {
                EXPECT_NEAR(dp.minTimeS[n], best[n], 1e-9) << "trial " << trial << " n " << n;
            }
            // The DP's concrete order reaches F(C, n*) with every task on time.
            const SchedulePrediction p = s.Evaluate(dp.order, {}, rule);
            EXPECT_EQ(p.nOnTime, nStar) << "trial " << trial;
            EXPECT_TRUE(p.isAllOnTime);
            EXPECT_NEAR(p.makespanS, best[nStar], 1e-9) << "trial " << trial;
        }
    }
    // The deadline is binding in a good share of the instances (otherwise the test is weak).
    EXPECT_GT(nBinding, 400U);
}

TEST(PartialLoadingTest, GreedyOnRandomGeneralInstances)
{
    std::mt19937 rng(7);
    const int nTrials = 400;
    double sumGroup = 0.0;
    double worstGroup = 1.0;
    double sumPerRequest = 0.0;
    double worstPerRequest = 1.0;
    int nRatios = 0;
    int nGroupOptimal = 0;
    for (int trial = 0; trial < nTrials; ++trial)
    {
        const RandomInstance ri = RandomGeneral(rng);
        const size_t nRequests = ri.problem.requests.size();
        std::vector<bool> isUsed(nRequests, false);
        const size_t opt = BfMaxServed(ri.bf, isUsed, ri.bf.resident, 0.0, 0);
        const PartialLoadingSolver s(ri.problem);

        const std::vector<uint32_t> group = s.GroupGreedy(All(nRequests));
        const SchedulePrediction pg = s.Evaluate(group);
        EXPECT_TRUE(pg.isAllOnTime) << "trial " << trial;
        EXPECT_LE(group.size(), opt);
        const std::vector<uint32_t> perRequest = s.PerRequestGreedy(All(nRequests));
        EXPECT_TRUE(s.Evaluate(perRequest).isAllOnTime);
        EXPECT_LE(perRequest.size(), opt);
        if (opt > 0)
        {
            const double rg = static_cast<double>(group.size()) / static_cast<double>(opt);
            const double rp = static_cast<double>(perRequest.size()) / static_cast<double>(opt);
            EXPECT_GT(rg, 0.0) << "trial " << trial;
            sumGroup += rg;
            worstGroup = std::min(worstGroup, rg);
            sumPerRequest += rp;
            worstPerRequest = std::min(worstPerRequest, rp);
            nGroupOptimal += group.size() == opt ? 1 : 0;
            ++nRatios;
        }

        // Every algorithm's decision: served tasks on time, bandwidth within B and above B^min,
        // never more than the brute-force optimum without upload constraints.
        for (auto alg : {SchedulingAlgorithm::PARTIAL_LOADING,
                         SchedulingAlgorithm::GROUP_GREEDY,
                         SchedulingAlgorithm::PER_REQUEST_GREEDY,
                         SchedulingAlgorithm::NO_SHARING,
                         SchedulingAlgorithm::FCFS,
                         SchedulingAlgorithm::EDF,
                         SchedulingAlgorithm::DP_EQUAL_BANDWIDTH,
                         SchedulingAlgorithm::INFINITE_BANDWIDTH})
        {
            const PartialLoadingDecision d = s.Decide(alg);
            EXPECT_TRUE(d.prediction.isAllOnTime) << ToString(alg) << " trial " << trial;
            EXPECT_EQ(d.prediction.nOnTime, d.nServed);
            EXPECT_LE(d.nServed, opt) << ToString(alg) << " trial " << trial;
            if (alg == SchedulingAlgorithm::INFINITE_BANDWIDTH)
            {
                continue;
            }
            double total = 0.0;
            for (size_t k = 0; k < nRequests; ++k)
            {
                EXPECT_EQ(d.isServed[k], d.reason[k] == UnservedReason::NONE);
                total += d.bandwidthHz[k];
                EXPECT_GE(d.bandwidthHz[k], d.minBandwidthHz[k] * (1 - 1e-12));
            }
            EXPECT_LE(total, ri.problem.totalBandwidthHz * (1 + 1e-9) + 1e-9) << ToString(alg);
        }
    }
    ASSERT_GT(nRatios, 0);
    const double meanGroup = sumGroup / nRatios;
    const double meanPerRequest = sumPerRequest / nRatios;
    std::cout << "[ PartialLoading ] group greedy / optimum over " << nRatios
              << " random general-sharing instances: mean " << meanGroup << ", worst " << worstGroup
              << ", optimal in " << nGroupOptimal << "\n"
              << "[ PartialLoading ] per-request greedy / optimum: mean " << meanPerRequest
              << ", worst " << worstPerRequest << std::endl;
    RecordProperty("groupGreedyMeanRatio", std::to_string(meanGroup));
    RecordProperty("groupGreedyWorstRatio", std::to_string(worstGroup));
    RecordProperty("perRequestGreedyMeanRatio", std::to_string(meanPerRequest));
    RecordProperty("perRequestGreedyWorstRatio", std::to_string(worstPerRequest));
    EXPECT_GT(worstGroup, 0.0);
}

// ------------------------------------------------------------------------------------------
// Allocator interface: name table, decision check, JSON instance and decision formats

namespace
{

/**
 * @brief A random instance of either kind with the optional fields varied: upload window
 * rule, GPU capacity, an infinite deadline or B.
 * @param [in,out] rng generator
 * @param [in] trial trial index
 * @return the problem
 */
PartialLoadingProblem
RandomProblem(std::mt19937& rng, int trial)
{
    PartialLoadingProblem p =
        trial % 2 == 0 ? RandomBackbone(rng).problem : RandomGeneral(rng).problem;
    if (trial % 3 == 1)
    {
        p.uploadWindow = UploadWindowRule::LATEST_START;
    }
    if (trial % 5 == 2)
    {
        p.gpuCapacityBytes = 40;
        if (!p.residentModel.empty() &&
            p.family.Get(p.residentModel).GetTotalBytes() > p.gpuCapacityBytes)
        {
            p.residentModel.clear();
        }
    }
    if (trial % 7 == 3)
    {
        p.totalBandwidthHz = INF;
    }
    if (trial % 11 == 4 && !p.requests.empty())
    {
        p.requests[0].deadlineS = INF;
    }
    if (trial % 4 == 3)
    {
        p.uploadStartS = 0.005 * (1 + trial % 3); // a GPU head start (LoadAtAllocation)
    }
    return p;
}

} // namespace

TEST(PartialLoadingAllocatorTest, NameTableIsTheCliSpelling)
{
    const std::vector<std::string> expected = {"partial-loading",
                                               "backbone-dp",
                                               "group-greedy",
                                               "per-request-greedy",
                                               "no-sharing",
                                               "fcfs",
                                               "edf",
                                               "dp-equal-bandwidth",
                                               "infinite-bandwidth"};
    ASSERT_EQ(SchedulingAlgorithmNames().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
    {
        const SchedulingAlgorithm a = SchedulingAlgorithmNames()[i].first;
        EXPECT_EQ(ToString(a), expected[i]);
        EXPECT_EQ(SchedulingAlgorithmFromString(expected[i]), a);
        EXPECT_EQ(json::PartialLoadingAlgorithms()[i].name, expected[i]);
    }
    EXPECT_EQ(ToString(UploadWindowRule::READY_TIME), "ready-time");
    EXPECT_EQ(ToString(UploadWindowRule::LATEST_START), "latest-start");
    try
    {
        SchedulingAlgorithmFromString("group_greedy");
        FAIL() << "another spelling accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("'group_greedy'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("group-greedy"), std::string::npos);
    }
}

TEST(PartialLoadingAllocatorTest, CheckDecisionNamesRequestAndField)
{
    const PartialLoadingProblem p = E5(10e6);
    const PartialLoadingSolver s(p);
    for (const auto& [a, name] : SchedulingAlgorithmNames())
    {
        EXPECT_EQ(PartialLoadingSolver::CheckDecision(p, s.Decide(a)), "") << name;
    }
    EXPECT_EQ(PartialLoadingSolver::CheckDecision(
                  p, PartialLoadingSolver::NobodyServed(p, UnservedReason::DECISION_REJECTED)),
              "");
    const PartialLoadingDecision good = s.Decide();
    auto expectError = [&p](const PartialLoadingDecision& d, const std::string& part)
    {
        const std::string msg = PartialLoadingSolver::CheckDecision(p, d);
        EXPECT_NE(msg.find(part), std::string::npos) << "got: '" << msg << "'";
    };
    PartialLoadingDecision d = good;
    d.bandwidthHz[3] += 5e6;
    expectError(d, "requests[3].bandwidthHz: ");
    expectError(d, "> B = 10000000 Hz");
    d = good;
    d.order.push_back(d.order[0]);
    expectError(d, "order[5]: request 0 is listed twice");
    d = good;
    d.order.push_back(7);
    expectError(d, "order[5]: request 7 does not exist (K = 5)");
    d = good;
    d.bandwidthHz.pop_back();
    expectError(d, "bandwidthHz: 4 entries for 5 requests");
    d = good;
    d.isServed[2] = false;
    expectError(d, "requests[2].served: false but the request is in the order");
    d = good;
    d.bandwidthHz[1] = std::nan("");
    expectError(d, "requests[1].bandwidthHz: nan (must be >= 0)");
    d = PartialLoadingSolver::NobodyServed(p, UnservedReason::DEADLINE);
    d.bandwidthHz[4] = 1;
    expectError(d, "requests[4].bandwidthHz: 1 Hz for a request that is not served");
    d = PartialLoadingSolver::NobodyServed(p, UnservedReason::NONE);
    expectError(d, "requests[0].reason: NONE for a request that is not served");
    PartialLoadingProblem small = p;
    small.gpuCapacityBytes = 60000000; // m1 and m2 (100 MB) do not fit, m3 (45 MB) does
    EXPECT_NE(PartialLoadingSolver::CheckDecision(small, good)
                  .find("requests[0].served: model 'm1' of 100000000 bytes does not fit"),
              std::string::npos);
}

TEST(PartialLoadingAllocatorTest, InstanceToJsonThenSolveEqualsDirectSolver)
{
    std::mt19937 rng(424242);
    int nCompared = 0;
    for (int trial = 0; trial < 60; ++trial)
    {
        const PartialLoadingProblem p = RandomProblem(rng, trial);
        const json::Json instance = json::PartialLoadingInstanceToJson(p);
        // the instance reads back to the same instance (written again identically)
        const json::Json text = json::ParseDocument(instance.dump(2));
        const PartialLoadingProblem back =
            json::PartialLoadingProblemFromJson(json::JsonNode(text, ""));
        EXPECT_EQ(json::PartialLoadingInstanceToJson(back).dump(), instance.dump())
            << "trial " << trial;
        const PartialLoadingSolver direct(p);
        for (const auto& [a, name] : SchedulingAlgorithmNames())
        {
            PartialLoadingDecision d;
            bool isApplicable = true;
            try
            {
                d = direct.Decide(a);
            }
            catch (const std::invalid_argument&)
            {
                isApplicable = false;
            }
            if (!isApplicable)
            {
                EXPECT_THROW(json::PartialLoadingSolve(json::JsonNode(text, ""), name),
                             json::JsonInputError)
                    << name << " trial " << trial;
                continue;
            }
            const json::Json viaJson = json::PartialLoadingSolve(json::JsonNode(text, ""), name);
            EXPECT_EQ(viaJson.dump(), json::PartialLoadingDecisionToJson(p, d).dump())
                << name << " trial " << trial;
            ++nCompared;
        }
    }
    EXPECT_GT(nCompared, 400);
}

TEST(PartialLoadingAllocatorTest, DecisionToJsonFromJsonRoundTrip)
{
    std::mt19937 rng(99);
    int nServedTotal = 0;
    for (int trial = 0; trial < 60; ++trial)
    {
        const PartialLoadingProblem p = RandomProblem(rng, trial);
        const PartialLoadingSolver s(p);
        for (const auto& [a, name] : SchedulingAlgorithmNames())
        {
            PartialLoadingDecision d;
            try
            {
                d = s.Decide(a);
            }
            catch (const std::invalid_argument&)
            {
                continue;
            }
            const json::Json text =
                json::ParseDocument(json::PartialLoadingDecisionToJson(p, d).dump(2));
            const PartialLoadingDecision r =
                json::PartialLoadingDecisionFromJson(json::JsonNode(text, ""), p);
            EXPECT_EQ(r.algorithm, d.algorithm) << name;
            EXPECT_EQ(r.scheduler, d.scheduler) << name;
            EXPECT_EQ(r.loadRule, d.loadRule) << name;
            EXPECT_EQ(r.order, d.order) << name;
            EXPECT_EQ(r.isServed, d.isServed) << name;
            EXPECT_EQ(r.reason, d.reason) << name;
            EXPECT_EQ(r.bandwidthHz, d.bandwidthHz) << name; // exact: round-trip precision
            EXPECT_EQ(r.minBandwidthHz, d.minBandwidthHz) << name;
            EXPECT_EQ(r.uploadWindowS, d.uploadWindowS) << name;
            EXPECT_EQ(r.nServed, d.nServed) << name;
            EXPECT_EQ(r.nBandwidthDrops, d.nBandwidthDrops) << name;
            EXPECT_EQ(PartialLoadingSolver::CheckDecision(p, r), "") << name;
            nServedTotal += r.nServed;
        }
    }
    EXPECT_GT(nServedTotal, 100);
}

TEST(PartialLoadingAllocatorTest, DecisionFromJsonRejectsWrongFields)
{
    const PartialLoadingProblem p = E5(10e6);
    const json::Json good = json::PartialLoadingDecisionToJson(p, PartialLoadingSolver(p).Decide());
    auto expectError = [&p](const json::Json& doc, const std::string& part)
    {
        try
        {
            json::PartialLoadingDecisionFromJson(json::JsonNode(doc, ""), p);
            ADD_FAILURE() << "accepted; expected an error with '" << part << "'";
        }
        catch (const json::JsonInputError& e)
        {
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
        }
    };
    json::Json d = good;
    d["decision"]["requests"][1]["model"] = "m3";
    expectError(d, "decision.requests[1].model");
    d = good;
    d["decision"]["requests"].erase(4);
    expectError(d, "decision.requests: has 4 entries for the instance's 5 requests");
    d = good;
    d["decision"]["nServed"] = 4;
    expectError(d, "decision.nServed");
    d = good;
    d["decision"]["requests"][0]["served"] = "yes";
    expectError(d, "decision.requests[0].served");
    d = good;
    d["algorithm"] = "greedy";
    expectError(d, "algorithm");
    d = good;
    d["decision"]["requests"][2]["reason"] = "LATE";
    expectError(d, "decision.requests[2].reason");
}

/// The LTE uplink rate model as a PartialLoading channel: the channel's rate and minimum
/// bandwidth are the model's; the solver serves with them; the JSON form (ulSinr) reads back
/// to the same instance and the same decision.
TEST(PartialLoadingAllocatorTest, LteUplinkRateModelChannel)
{
    auto model = std::make_shared<LteUlAmcRateModel>(std::vector<double>{611.68, 10.0, -1.0}, 25);
    const UplinkChannel ch = UplinkChannel::FromRateModel(model, 1);
    EXPECT_DOUBLE_EQ(ch.Rate(10 * 180e3), 2024e3); // MCS 12, 10 RB: TBS 2024 bits per TTI
    EXPECT_DOUBLE_EQ(ch.MinBandwidth(2024.0, 1e-3), 10 * 180e3);
    EXPECT_EQ(ch.MinBandwidth(1.0, 1e-3 / 1e6), std::numeric_limits<double>::infinity());
    EXPECT_THROW(UplinkChannel::FromRateModel(nullptr, 0), std::invalid_argument);
    EXPECT_THROW(UplinkChannel::FromRateModel(model, 3), std::invalid_argument);

    std::mt19937 rng(5);
    int nServed = 0;
    for (int trial = 0; trial < 20; ++trial)
    {
        PartialLoadingProblem p = RandomProblem(rng, trial);
        std::vector<double> sinr;
        for (size_t k = 0; k < p.requests.size(); ++k)
        {
            sinr.push_back(k % 7 == 6 ? -1.0 : std::pow(10.0, 0.1 * (rng() % 300) - 1.0));
        }
        auto m = std::make_shared<LteUlAmcRateModel>(sinr, 50);
        for (size_t k = 0; k < p.requests.size(); ++k)
        {
            p.requests[k].channel = UplinkChannel::FromRateModel(m, static_cast<uint32_t>(k));
            p.requests[k].uploadBits = std::min(p.requests[k].uploadBits, 2e5);
        }
        p.totalBandwidthHz = 50 * 180e3;
        const PartialLoadingDecision d = PartialLoadingSolver(p).Decide();
        for (size_t k = 0; k < p.requests.size(); ++k)
        {
            if (d.isServed[k] && !m->HasRate(static_cast<uint32_t>(k)))
            {
                EXPECT_EQ(p.requests[k].uploadBits, 0.0) << "served without rate";
            }
            nServed += d.isServed[k] ? 1 : 0;
        }
        const json::Json instance = json::PartialLoadingInstanceToJson(p);
        EXPECT_TRUE(instance.contains("ulBandwidthRb"));
        const json::Json text = json::ParseDocument(instance.dump(2));
        const PartialLoadingProblem back =
            json::PartialLoadingProblemFromJson(json::JsonNode(text, ""));
        EXPECT_EQ(json::PartialLoadingInstanceToJson(back).dump(), instance.dump());
        EXPECT_EQ(json::PartialLoadingSolve(json::JsonNode(text, ""), "partial-loading").dump(),
                  json::PartialLoadingDecisionToJson(p, d).dump())
            << "trial " << trial;
    }
    EXPECT_GT(nServed, 20);
}

/// A SymbolShareRateModel (NR's uplink model without NR) as a PartialLoading channel: the
/// "symbolShare" form reads back to the same model (Rate and MinBandwidthForRate bit for bit),
/// the same instance and the same decisions; some requests keep a fixed-power channel.
TEST(PartialLoadingAllocatorTest, SymbolShareRateModelChannel)
{
    std::mt19937 rng(20261207);
    int nServed = 0;
    int nRequests = 0;
    for (int trial = 0; trial < 30; ++trial)
    {
        PartialLoadingProblem p = RandomProblem(rng, trial);
        if (p.requests.empty())
        {
            continue;
        }
        const double w = 20e6;
        const auto m = testutils::RandomSymbolShareModel(rng, p.requests.size(), w);
        // the model's users in reverse request order: the JSON renumbers them
        for (size_t k = 0; k < p.requests.size(); ++k)
        {
            if (k % 4 == 3)
            {
                continue; // keeps its own channel
            }
            p.requests[k].channel =
                UplinkChannel::FromRateModel(m, static_cast<uint32_t>(p.requests.size() - 1 - k));
            p.requests[k].uploadBits = std::min(p.requests[k].uploadBits, 4e5);
        }
        p.totalBandwidthHz = w;
        const json::Json instance = json::PartialLoadingInstanceToJson(p);
        ASSERT_TRUE(instance.contains("symbolShare"));
        EXPECT_FALSE(instance.contains("ulBandwidthRb"));
        const json::Json text = json::ParseDocument(instance.dump(2));
        const PartialLoadingProblem back =
            json::PartialLoadingProblemFromJson(json::JsonNode(text, ""));
        EXPECT_EQ(json::PartialLoadingInstanceToJson(back).dump(), instance.dump());
        for (size_t k = 0; k < p.requests.size(); ++k)
        {
            const UplinkChannel& a = p.requests[k].channel;
            const UplinkChannel& b = back.requests[k].channel;
            ASSERT_EQ(a.type, b.type) << "trial " << trial << " request " << k;
            if (a.type != UplinkChannel::Type::RATE_MODEL)
            {
                continue;
            }
            ASSERT_TRUE(std::dynamic_pointer_cast<const SymbolShareRateModel>(b.rateModel));
            for (double hz : {0.0, 1e3, 2.6e5, 0.1 * w, w / 3, 0.77 * w, w})
            {
                EXPECT_EQ(a.Rate(hz), b.Rate(hz)) << "trial " << trial << " request " << k;
            }
            for (double t : {1e-4, 2e-3, 0.05})
            {
                EXPECT_EQ(a.MinBandwidth(p.requests[k].uploadBits, t),
                          b.MinBandwidth(p.requests[k].uploadBits, t))
                    << "trial " << trial << " request " << k;
            }
        }
        const PartialLoadingDecision d = PartialLoadingSolver(p).Decide();
        EXPECT_EQ(json::PartialLoadingSolve(json::JsonNode(text, ""), "partial-loading").dump(),
                  json::PartialLoadingDecisionToJson(p, d).dump())
            << "trial " << trial;
        for (size_t k = 0; k < p.requests.size(); ++k)
        {
            nServed += d.isServed[k] ? 1 : 0;
            ++nRequests;
        }
    }
    EXPECT_GT(nServed, nRequests / 5);

    // bad input names the field and the value
    auto message = [](const std::string& text) -> std::string
    {
        const json::Json doc = json::ParseDocument(text);
        try
        {
            json::PartialLoadingProblemFromJson(json::JsonNode(doc, ""));
        }
        catch (const json::JsonInputError& e)
        {
            return e.what();
        }
        return "";
    };
    const std::string head =
        R"({"blocks": [{"id": "A", "bytes": 1000}], "models": [{"name": "m", "blocks": ["A"],
            "inferenceTimeS": 0.01}], "totalBandwidthHz": 20e6, )";
    const std::string share = R"("symbolShare": {"slots": [{"perPattern": 1,
        "dataSymbols": 2}], "patternSeconds": 0.001, "bandwidthHz": 20e6}, )";
    auto request = [](const std::string& channel)
    {
        return R"("requests": [{"model": "m", "uploadBits": 1e4, "deadlineS": 0.1, )" + channel +
               "}]}";
    };
    EXPECT_EQ(message(head + share + request(R"("bytesBySymbols": [0, 5, 9])")), "");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {head + request(R"("bytesBySymbols": [0, 5, 9])"),
         "requests[0].bytesBySymbols: needs the top-level \"symbolShare\""},
        {head + share + request(R"("bytesBySymbols": [0, 5])"),
         "requests[0].bytesBySymbols: expected an array of at least 3 byte counts"},
        {head + share + request(R"("bytesBySymbols": [0, 5, 4])"),
         "requests[0].bytesBySymbols[2]: expected a number >= entry [1] = 5"},
        {head + share + request(R"("bytesBySymbols": [0, 5, 9], "spectralEfficiency": 2)"),
         "expected exactly one of"},
        {head + share + R"("ulBandwidthRb": 25, )" + request(R"("ulSinr": 3)"),
         "symbolShare: give \"ulBandwidthRb\" (LTE) or \"symbolShare\", not both"},
        {head + R"("symbolShare": {"slots": [{"perPattern": 1, "dataSymbols": 2}],
            "patternSeconds": -1, "bandwidthHz": 20e6}, )" +
             request(R"("bytesBySymbols": [0, 5, 9])"),
         "symbolShare.patternSeconds: expected a number > 0, got -1"},
    };
    for (const auto& [text, expected] : cases)
    {
        const std::string got = message(text);
        EXPECT_NE(got.find(expected), std::string::npos)
            << "got: " << got << "\nexpected: " << expected;
    }
}
