/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief GoogleTest unit tests of the batching + early-exit allocation
 * (model/batching-early-exit-solver.h).
 *
 * Reference values: the worked examples E3.1-E3.3 of the reconstruction
 * R3.6 of [3] (printed digits, relative tolerance 1e-4),
 * hand arithmetic in the comments, and an independent brute force written here: its own
 * timing formulas and its own bisection for w^min (no code shared with the solver).
 */

#include "gtest-utils.h"

#include "ns3/batching-early-exit-solver.h"
#include "ns3/batching-json.h"
#include "ns3/dnn-model.h"
#include "ns3/lte-ul-amc-rate-model.h"
#include "ns3/radio-rate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/// Relative tolerance against digits printed in the reconstruction.
constexpr double SPEC_REL_TOL = 1e-4;
/// Relative tolerance for identities.
constexpr double IDENTITY_REL_TOL = 1e-9;
/// +infinity
constexpr double INF = std::numeric_limits<double>::infinity();

/// The four schemes.
const std::vector<BatchingEarlyExitScheme> ALL_SCHEMES{
    BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
    BatchingEarlyExitScheme::BATCHING_ONLY,
    BatchingEarlyExitScheme::EARLY_EXIT_ONLY,
    BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT,
};

/**
 * @brief A user with a direct exit.
 * @param [in] exit e_k, 0-based
 * @param [in] deadlineS T_k, s
 * @param [in] bits D_k, bit
 * @param [in] snrHz s_k, Hz
 * @return the user
 */
BatchingEarlyExitUser
MakeUser(uint32_t exit, double deadlineS, double bits, double snrHz)
{
    BatchingEarlyExitUser u;
    u.exit = exit;
    u.deadlineS = deadlineS;
    u.uploadBits = bits;
    u.snrBandwidthHz = snrHz;
    return u;
}

/**
 * @brief Reconstruction E3.2: L = 2, t_1(b) = 2 ms + 1 ms b, t_2(b) = 3 ms + 1.5 ms b, D = 100
 * kbit, u1 (e=1, 50 ms, 1e8 Hz), u2 (e=2, 50 ms, 1e8 Hz), u3 (e=2, 40 ms, 5e7 Hz).
 * @param [in] totalBandwidthHz W, Hz
 * @return the problem (users 0, 1, 2 = u1, u2, u3)
 */
BatchingEarlyExitProblem
MakeE32(double totalBandwidthHz)
{
    BatchingEarlyExitProblem p;
    p.latency = BatchLatencyModel::Affine({2e-3, 3e-3}, {1.0e-3, 1.5e-3});
    p.users = {
        MakeUser(0, 0.050, 1e5, 1e8), MakeUser(1, 0.050, 1e5, 1e8), MakeUser(1, 0.040, 1e5, 5e7)};
    p.totalBandwidthHz = totalBandwidthHz;
    return p;
}

/**
 * @brief Reconstruction E3.3: L = 3, t_l(b) = 3 ms + a_l b, a = (0.8, 1.0, 1.2) ms, D = 0.2 Mbit,
 * W = 5 MHz, 12 users (e_k, T_k ms, s_k MHz) as printed in the reconstruction.
 * @return the problem
 */
BatchingEarlyExitProblem
MakeE33()
{
    const double table[12][3] = {{1, 80, 222.6},
                                 {1, 60, 41.5},
                                 {2, 60, 141.8},
                                 {1, 40, 97.2},
                                 {2, 60, 128.1},
                                 {1, 80, 88.2},
                                 {3, 40, 123.4},
                                 {1, 60, 33.9},
                                 {1, 80, 110.0},
                                 {2, 80, 52.1},
                                 {2, 80, 33.8},
                                 {1, 60, 274.9}};
    BatchingEarlyExitProblem p;
    p.latency = BatchLatencyModel::Affine({3e-3, 3e-3, 3e-3}, {0.8e-3, 1.0e-3, 1.2e-3});
    for (const auto& row : table)
    {
        p.users.push_back(
            MakeUser(static_cast<uint32_t>(row[0]) - 1, row[1] * 1e-3, 0.2e6, row[2] * 1e6));
    }
    p.totalBandwidthHz = 5e6;
    return p;
}

// ---------------------------------------------------------------------------------------------
// Independent reference (no solver or radio-rate code)
// ---------------------------------------------------------------------------------------------

/// Independent copy of an instance with affine blocks.
struct RefInstance
{
    std::vector<double> fixedCost;         ///< c_l, s
    std::vector<double> perTaskCost;       ///< a_l, s
    std::vector<int> exit;                 ///< e_k (0-based), -1 = unreachable
    std::vector<double> deadline;          ///< T_k, s
    std::vector<double> bits;              ///< D_k
    std::vector<double> snr;               ///< s_k, Hz
    double capacity{0};                    ///< W, Hz
    std::shared_ptr<const RateModel> rate; ///< rate model (null: Shannon of snr)
};

/**
 * @brief w^min under a rate model by plain bisection on its Rate() (not its inverse).
 * @param [in] inst instance with a rate model
 * @param [in] k user
 * @param [in] time T
 * @return the bandwidth (0 for D = 0, +infinity if impossible)
 */
double
RefModelMinBandwidth(const RefInstance& inst, int k, double time)
{
    const double bits = inst.bits[k];
    if (bits == 0.0)
    {
        return 0.0;
    }
    if (time <= 0.0)
    {
        return INF;
    }
    const double need = bits / time;
    const auto user = static_cast<uint32_t>(k);
    double hi = 1e3;
    while (inst.rate->Rate(user, hi) < need)
    {
        if (hi > 1e12)
        {
            return INF;
        }
        hi *= 2;
    }
    double lo = 0.0;
    for (int i = 0; i < 200; ++i)
    {
        const double mid = 0.5 * (lo + hi);
        (inst.rate->Rate(user, mid) >= need ? hi : lo) = mid;
    }
    return hi;
}

/**
 * @brief w^min by plain bisection on w log2(1 + s / w) = D / T.
 * @param [in] bits D
 * @param [in] time T
 * @param [in] snr s
 * @return the bandwidth (0 for D = 0, +infinity if impossible)
 */
double
RefMinBandwidth(double bits, double time, double snr)
{
    if (bits == 0.0)
    {
        return 0.0;
    }
    if (time <= 0.0)
    {
        return INF;
    }
    const double rate = bits / time;
    if (rate >= snr / std::log(2.0))
    {
        return INF;
    }
    auto r = [snr](double w)
    {
        return w * std::log2(1.0 + snr / w);
    };
    double lo = 0.0;
    double hi = 1.0;
    while (r(hi) < rate)
    {
        hi *= 2.0;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i)
    {
        const double mid = 0.5 * (lo + hi);
        (r(mid) >= rate ? hi : lo) = mid;
    }
    return hi;
}

/**
 * @brief T_u*(S) of R3.2 of [3] for a scheme, from first principles.
 * @param [in] inst instance
 * @param [in] scheme scheme
 * @param [in] set S (user indices with reachable exits)
 * @return T_u*, s
 */
double
RefUploadEnd(const RefInstance& inst, BatchingEarlyExitScheme scheme, std::vector<int> set)
{
    const int nBlocks = static_cast<int>(inst.fixedCost.size());
    const bool isEarlyExit = scheme == BatchingEarlyExitScheme::BATCHING_EARLY_EXIT ||
                             scheme == BatchingEarlyExitScheme::EARLY_EXIT_ONLY;
    auto exitOf = [&](int k)
    {
        return isEarlyExit ? inst.exit[k] : nBlocks - 1;
    };
    auto t = [&](int l, int b)
    {
        return b == 0 ? 0.0 : inst.fixedCost[l] + inst.perTaskCost[l] * b;
    };
    double best = INF;
    if (scheme == BatchingEarlyExitScheme::BATCHING_EARLY_EXIT ||
        scheme == BatchingEarlyExitScheme::BATCHING_ONLY)
    {
        for (int k : set)
        {
            double done = 0.0; // sum_{l <= e_k} t_l(B_l), B_l = |{j : e_j >= l}|
            for (int l = 0; l <= exitOf(k); ++l)
            {
                int b = 0;
                for (int j : set)
                {
                    b += exitOf(j) >= l ? 1 : 0;
                }
                done += t(l, b);
            }
            best = std::min(best, inst.deadline[k] - done);
        }
        return best;
    }
    std::sort(set.begin(),
              set.end(),
              [&](int a, int b) {
                  return inst.deadline[a] < inst.deadline[b] ||
                         (inst.deadline[a] == inst.deadline[b] && a < b);
              });
    double elapsed = 0.0;
    for (int k : set)
    {
        for (int l = 0; l <= exitOf(k); ++l)
        {
            elapsed += t(l, 1);
        }
        best = std::min(best, inst.deadline[k] - elapsed);
    }
    return best;
}

/**
 * @brief Feasibility of S from first principles (R3.2 of [3] steps 1-3).
 * @param [in] inst instance
 * @param [in] scheme scheme
 * @param [in] set S
 * @param [in] relTol relative tolerance on W
 * @return true if feasible
 */
bool
RefFeasible(const RefInstance& inst,
            BatchingEarlyExitScheme scheme,
            const std::vector<int>& set,
            double relTol)
{
    for (int k : set)
    {
        if (inst.exit[k] < 0)
        {
            return false;
        }
    }
    if (set.empty())
    {
        return true;
    }
    const double tu = RefUploadEnd(inst, scheme, set);
    if (tu < 0.0)
    {
        return false;
    }
    double sum = 0.0;
    for (int k : set)
    {
        sum += inst.rate ? RefModelMinBandwidth(inst, k, tu)
                         : RefMinBandwidth(inst.bits[k], tu, inst.snr[k]);
        if (!(sum <= inst.capacity * (1.0 + relTol)))
        {
            return false;
        }
    }
    return true;
}

/**
 * @brief Largest feasible |S| by enumerating all subsets, largest sizes first.
 * @param [in] inst instance
 * @param [in] scheme scheme
 * @return max |S|
 */
int
RefBruteForce(const RefInstance& inst, BatchingEarlyExitScheme scheme)
{
    const int n = static_cast<int>(inst.exit.size());
    for (int size = n; size > 0; --size)
    {
        for (uint32_t mask = 0; mask < (1U << n); ++mask)
        {
            if (__builtin_popcount(mask) != size)
            {
                continue;
            }
            std::vector<int> set;
            for (int k = 0; k < n; ++k)
            {
                if ((mask >> k) & 1U)
                {
                    set.push_back(k);
                }
            }
            if (RefFeasible(inst, scheme, set, 1e-12))
            {
                return size;
            }
        }
    }
    return 0;
}

/**
 * @brief Reference copy of a problem with affine blocks and resolved exits.
 * @param [in] p the problem
 * @return the copy
 */
RefInstance
ToRef(const BatchingEarlyExitProblem& p)
{
    RefInstance r;
    for (uint32_t l = 0; l < p.latency.GetNBlocks(); ++l)
    {
        r.fixedCost.push_back(p.latency.GetFixedCost(l));
        r.perTaskCost.push_back(p.latency.GetPerTaskCost(l));
    }
    for (const auto& u : p.users)
    {
        int e = -1;
        if (u.exit.has_value())
        {
            e = static_cast<int>(*u.exit);
        }
        else
        {
            for (size_t l = 0; l < p.exitAccuracy.size() && e < 0; ++l)
            {
                e = p.exitAccuracy[l] >= u.accuracyRequirement ? static_cast<int>(l) : -1;
            }
        }
        // A past deadline is excluded by the solver; the reference needs no special case as
        // every block has c_l > 0 in the random instances, so T_k <= 0 is infeasible anyway.
        r.exit.push_back(e);
        r.deadline.push_back(u.deadlineS);
        r.bits.push_back(u.uploadBits);
        r.snr.push_back(u.snrBandwidthHz);
    }
    r.capacity = p.totalBandwidthHz;
    r.rate = p.rateModel;
    return r;
}

/**
 * @brief Random small instance (K <= 10, L <= 4).
 * @param [in,out] rng generator
 * @param [in] isCommonDeadline all users share one deadline
 * @return the problem
 */
BatchingEarlyExitProblem
RandomProblem(std::mt19937& rng, bool isCommonDeadline)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    auto uniform = [&](double lo, double hi)
    {
        return lo + (hi - lo) * unit(rng);
    };
    BatchingEarlyExitProblem p;
    const int nBlocks = 1 + static_cast<int>(rng() % 4);
    std::vector<double> c;
    std::vector<double> a;
    for (int l = 0; l < nBlocks; ++l)
    {
        c.push_back(uniform(0.5e-3, 4e-3));
        a.push_back(uniform(0.2e-3, 2e-3));
    }
    p.latency = BatchLatencyModel::Affine(c, a);
    const bool isByAccuracy = unit(rng) < 0.5;
    if (isByAccuracy)
    {
        for (int l = 0; l < nBlocks; ++l)
        {
            p.exitAccuracy.push_back(uniform(0.5, 0.95));
        }
        std::sort(p.exitAccuracy.begin(), p.exitAccuracy.end());
    }
    const int nUsers = static_cast<int>(rng() % 11);
    const double common = uniform(0.015, 0.06);
    // Discrete values create identical and dominated users (ties in every comparison).
    const bool isDiscrete = unit(rng) < 0.4;
    auto pick = [&](const std::vector<double>& v)
    {
        return v[rng() % v.size()];
    };
    for (int k = 0; k < nUsers; ++k)
    {
        BatchingEarlyExitUser u;
        if (isByAccuracy)
        {
            u.accuracyRequirement = uniform(0.45, 1.0); // some unreachable
        }
        else
        {
            u.exit = static_cast<uint32_t>(rng() % nBlocks);
        }
        u.deadlineS = isCommonDeadline ? common
                      : isDiscrete     ? pick({0.02, 0.04, 0.06})
                                       : uniform(0.015, 0.06);
        if (!isCommonDeadline && unit(rng) < 0.03)
        {
            u.deadlineS = -0.001 * (rng() % 2); // already past (or exactly 0)
        }
        u.uploadBits = unit(rng) < 0.05 ? 0.0
                       : isDiscrete     ? pick({0.1e6, 0.2e6})
                                        : uniform(0.05e6, 0.3e6);
        u.snrBandwidthHz = unit(rng) < 0.03 ? 0.0
                           : isDiscrete     ? pick({1e7, 1e8, 1e9})
                                            : std::pow(10.0, uniform(6.0, 9.0));
        p.users.push_back(u);
    }
    const double draw = unit(rng);
    p.totalBandwidthHz = draw < 0.03 ? 0.0 : draw < 0.75 ? uniform(0.3e6, 4e6) : uniform(4e6, 30e6);
    return p;
}

/**
 * @brief Check the invariants every decision must satisfy, with the independent reference.
 * @param [in] p problem
 * @param [in] d decision
 */
void
CheckDecision(const BatchingEarlyExitProblem& p, const BatchingEarlyExitDecision& d)
{
    const RefInstance ref = ToRef(p);
    std::vector<int> set(d.served.begin(), d.served.end());
    EXPECT_TRUE(RefFeasible(ref, d.scheme, set, 1e-9)) << ToString(d.algorithm);
    EXPECT_TRUE(d.prediction.isFeasible);
    EXPECT_EQ(d.prediction.nOnTime, d.served.size());
    ASSERT_EQ(d.reason.size(), p.users.size());
    double sum = 0.0;
    for (size_t k = 0; k < p.users.size(); ++k)
    {
        EXPECT_EQ(d.isServed[k], d.reason[k] == BatchingEarlyExitReason::NONE);
        if (d.isServed[k])
        {
            sum += d.bandwidthHz[k];
            EXPECT_LE(d.prediction.completionTimeS[k],
                      p.users[k].deadlineS + 1e-9 * std::max(1.0, p.users[k].deadlineS));
        }
        else
        {
            EXPECT_EQ(d.bandwidthHz[k], 0.0);
        }
        if (ref.exit[k] < 0)
        {
            EXPECT_EQ(d.reason[k], BatchingEarlyExitReason::ACCURACY_UNREACHABLE);
        }
        else if (p.users[k].deadlineS <= 0.0)
        {
            EXPECT_EQ(d.reason[k], BatchingEarlyExitReason::DEADLINE_PASSED);
        }
    }
    EXPECT_LE(sum, p.totalBandwidthHz * (1.0 + 1e-9));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Reconstruction worked examples
// ---------------------------------------------------------------------------------------------

TEST(BatchingEarlyExitTest, E31MinimumBandwidth)
{
    // D / T_u = 1e5 / 0.029 = 3.448 Mbit/s: s = 1e8 -> 440 163.39 Hz, s = 5e7 -> 522 926.72 Hz.
    ExpectRel(MinBandwidthFixedPower(1e5, 0.029, 1e8), 440163.39, SPEC_REL_TOL);
    ExpectRel(MinBandwidthFixedPower(1e5, 0.029, 5e7), 522926.72, SPEC_REL_TOL);
    EXPECT_NEAR(
        MinBandwidthFixedPower(1e5, 0.029, 1e8), MinBandwidthBisection(1e5, 0.029, 1e8), 1e-6);
    // Cap for s = 1e8: s / ln 2 = 144.27 Mbit/s.
    ExpectRel(MaxRateFixedPower(1e8), 144.27e6, SPEC_REL_TOL);

    // Through the solver: one block with t(b) = 0, so T_u*({k}) = T_k = 29 ms.
    BatchingEarlyExitProblem p;
    p.latency = BatchLatencyModel::Affine({0.0}, {0.0});
    p.users = {MakeUser(0, 0.029, 1e5, 1e8), MakeUser(0, 0.029, 1e5, 5e7)};
    p.totalBandwidthHz = 1e6;
    BatchingEarlyExitSolver solver(p);
    const auto eval = solver.EvaluateSet(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, {0, 1});
    ExpectRel(eval.latestUploadEndS, 0.029, IDENTITY_REL_TOL);
    ExpectRel(eval.minBandwidthHz[0], 440163.39, SPEC_REL_TOL);
    ExpectRel(eval.minBandwidthHz[1], 522926.72, SPEC_REL_TOL);
    // 440 163.39 + 522 926.72 = 963 090.11 Hz <= 1 MHz
    ExpectRel(eval.sumMinBandwidthHz, 963090.11, SPEC_REL_TOL);
    EXPECT_TRUE(eval.isFeasible);
    // The reference bisection of this file agrees.
    ExpectRel(RefMinBandwidth(1e5, 0.029, 1e8), 440163.39, SPEC_REL_TOL);
}

TEST(BatchingEarlyExitTest, E32Reduction)
{
    BatchingEarlyExitSolver solver(MakeE32(3e6));
    const auto scheme = BatchingEarlyExitScheme::BATCHING_EARLY_EXIT;
    // S = {1,2,3}: B = (3, 2), t = (5, 6) ms, T_u* = min(50-5, 50-11, 40-11) = 29 ms,
    // w^min = (0.4402, 0.4402, 0.5229) MHz, sum 1.4033 MHz.
    auto all = solver.EvaluateSet(scheme, {0, 1, 2});
    ExpectRel(all.latestUploadEndS, 0.029, IDENTITY_REL_TOL);
    ExpectRel(all.minBandwidthHz[0], 0.4402e6, SPEC_REL_TOL);
    ExpectRel(all.minBandwidthHz[1], 0.4402e6, SPEC_REL_TOL);
    ExpectRel(all.minBandwidthHz[2], 0.5229e6, SPEC_REL_TOL);
    ExpectRel(all.sumMinBandwidthHz, 1.4033e6, SPEC_REL_TOL);
    // S = {1,2}: B = (2, 1), t = (4, 4.5) ms, T_u* = min(46, 41.5) = 41.5 ms, sum 0.5697 MHz.
    auto s12 = solver.EvaluateSet(scheme, {0, 1});
    ExpectRel(s12.latestUploadEndS, 0.0415, IDENTITY_REL_TOL);
    ExpectRel(s12.sumMinBandwidthHz, 0.5697e6, SPEC_REL_TOL);
    // S = {1,3}: B = (2, 1), T_u* = min(46, 40 - 8.5) = 31.5 ms, sum 0.8686 MHz.
    auto s13 = solver.EvaluateSet(scheme, {0, 2});
    ExpectRel(s13.latestUploadEndS, 0.0315, IDENTITY_REL_TOL);
    ExpectRel(s13.sumMinBandwidthHz, 0.8686e6, SPEC_REL_TOL);
    // S = {2,3}: B = (2, 2), t = (4, 6) ms, T_u* = min(40, 30) = 30 ms, sum 0.9231 MHz.
    auto s23 = solver.EvaluateSet(scheme, {1, 2});
    ExpectRel(s23.latestUploadEndS, 0.030, IDENTITY_REL_TOL);
    ExpectRel(s23.sumMinBandwidthHz, 0.9231e6, SPEC_REL_TOL);
    // Order of the listed members does not matter for T_u*.
    ExpectRel(solver.EvaluateSet(scheme, {2, 0, 1}).latestUploadEndS, 0.029, IDENTITY_REL_TOL);
    EXPECT_EQ(solver.EvaluateSet(scheme, {}).sumMinBandwidthHz, 0.0);
}

TEST(BatchingEarlyExitTest, E32Decisions)
{
    const auto scheme = BatchingEarlyExitScheme::BATCHING_EARLY_EXIT;
    // W = 3 MHz >= 1.4033 MHz: all three.
    BatchingEarlyExitSolver wide(MakeE32(3e6));
    for (auto algorithm : {BatchingEarlyExitAlgorithm::OPTIMAL,
                           BatchingEarlyExitAlgorithm::OPTIMAL_H,
                           BatchingEarlyExitAlgorithm::GREEDY})
    {
        const auto d = wide.Solve(scheme, algorithm);
        EXPECT_EQ(d.served, (std::vector<uint32_t>{0, 1, 2}));
        ExpectRel(d.latestUploadEndS, 0.029, IDENTITY_REL_TOL);
        ExpectRel(d.sumBandwidthHz, 1.4033e6, SPEC_REL_TOL);
        // C = T_u + (5, 11, 11) ms = (34, 40, 40) ms; throughput 3 / 50 ms = 60 /s.
        ExpectRel(d.prediction.batchStartS, 0.029, 1e-9);
        ExpectRel(d.prediction.completionTimeS[0], 0.034, 1e-9);
        ExpectRel(d.prediction.completionTimeS[1], 0.040, 1e-9);
        ExpectRel(d.prediction.completionTimeS[2], 0.040, 1e-9);
        EXPECT_EQ(d.prediction.batchSizes, (std::vector<uint32_t>{3, 2}));
        ExpectRel(d.prediction.throughputPerS, 60.0, 1e-12);
        EXPECT_TRUE(d.isOptimal);
    }
    EXPECT_EQ(wide.Solve(scheme).algorithm, BatchingEarlyExitAlgorithm::OPTIMAL_H);

    // W = 1 MHz < 1.4033: optimum 2 (every pair fits: 0.5697, 0.8686, 0.9231 MHz).
    BatchingEarlyExitSolver narrow(MakeE32(1e6));
    const auto opt = narrow.Solve(scheme, BatchingEarlyExitAlgorithm::OPTIMAL_H);
    EXPECT_EQ(opt.served.size(), 2U);
    EXPECT_TRUE(opt.isOptimal);
    // Greedy: singletons need w(47 ms, 1e8) < w(42.5 ms, 1e8) < w(32.5 ms, 5e7) -> u1; then
    // {u1,u2} 0.5697 < {u1,u3} 0.8686 -> u2; {u1,u2,u3} 1.4033 > 1 -> stop.
    const auto greedy = narrow.Solve(scheme, BatchingEarlyExitAlgorithm::GREEDY);
    EXPECT_EQ(greedy.served, (std::vector<uint32_t>{0, 1}));
    ExpectRel(greedy.sumBandwidthHz, 0.5697e6, SPEC_REL_TOL);
    ExpectRel(greedy.latestUploadEndS, 0.0415, IDENTITY_REL_TOL);
    EXPECT_EQ(greedy.reason[2], BatchingEarlyExitReason::NOT_SELECTED);
    EXPECT_EQ(greedy.bandwidthHz[2], 0.0);
    EXPECT_EQ(greedy.prediction.completionTimeS[2], INF);
    // The leftover 1 - 0.5697 MHz stays unused (R3.2 of [3]: exactly w^min).
    EXPECT_LT(greedy.prediction.sumBandwidthHz, 0.57e6);
}

TEST(BatchingEarlyExitTest, E33ThroughputGain)
{
    const BatchingEarlyExitProblem p = MakeE33();
    BatchingEarlyExitSolver solver(p);
    // Reconstruction E3.3 exhaustive optima: batch+EE 8, batching only 6, EE only 7, neither 4.
    const std::vector<uint32_t> expected{8, 6, 7, 4};
    const RefInstance ref = ToRef(p);
    for (size_t i = 0; i < ALL_SCHEMES.size(); ++i)
    {
        const auto d = solver.Solve(ALL_SCHEMES[i], BatchingEarlyExitAlgorithm::OPTIMAL);
        EXPECT_EQ(d.algorithm, BatchingEarlyExitAlgorithm::OPTIMAL_H); // deadlines differ
        EXPECT_EQ(d.served.size(), expected[i]) << ToString(ALL_SCHEMES[i]);
        EXPECT_TRUE(d.isOptimal);
        // Independent brute force over the 4096 subsets agrees.
        EXPECT_EQ(RefBruteForce(ref, ALL_SCHEMES[i]), static_cast<int>(expected[i]));
        // Throughput |S| / T_f with T_f = 80 ms.
        ExpectRel(d.prediction.throughputPerS, expected[i] / 0.080, 1e-12);
        CheckDecision(p, d);
    }
    // Greedy batch+EE also reaches 8; 2x the conventional scheme (100 vs 50 tasks/s).
    const auto greedy = solver.Solve(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                                     BatchingEarlyExitAlgorithm::GREEDY);
    EXPECT_EQ(greedy.served.size(), 8U);
    CheckDecision(p, greedy);
    const auto neither = solver.Solve(BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT);
    ExpectRel(greedy.prediction.throughputPerS / neither.prediction.throughputPerS, 2.0, 1e-12);
}

TEST(BatchingEarlyExitTest, SequentialTiming)
{
    // EE only, E3.2 users, W = 3 MHz: P(e=0) = t_1(1) = 3 ms, P(e=1) = 3 + 4.5 = 7.5 ms.
    // EDF order u3 (40), u1 (50), u2 (50): completions T_u + 7.5, + 10.5, + 18 ms;
    // T_u* = min(40 - 7.5, 50 - 10.5, 50 - 18) = 32 ms.
    BatchingEarlyExitSolver solver(MakeE32(3e6));
    const auto scheme = BatchingEarlyExitScheme::EARLY_EXIT_ONLY;
    ExpectRel(solver.EvaluateSet(scheme, {0, 1, 2}).latestUploadEndS, 0.032, IDENTITY_REL_TOL);
    const auto d = solver.Solve(scheme, BatchingEarlyExitAlgorithm::OPTIMAL_H);
    ASSERT_EQ(d.served.size(), 3U);
    EXPECT_EQ(d.prediction.order, (std::vector<uint32_t>{2, 0, 1}));
    ExpectRel(d.prediction.completionTimeS[2], 0.0395, 1e-9);
    ExpectRel(d.prediction.completionTimeS[0], 0.0425, 1e-9);
    ExpectRel(d.prediction.completionTimeS[1], 0.050, 1e-9);
    EXPECT_TRUE(d.prediction.batchSizes.empty());
    // No batching, no EE: P = 7.5 ms each: T_u* = min(40 - 7.5, 50 - 15, 50 - 22.5) = 27.5 ms.
    ExpectRel(solver.EvaluateSet(BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT, {0, 1, 2})
                  .latestUploadEndS,
              0.0275,
              IDENTITY_REL_TOL);
    // Batching only: B = (3, 3), t = 5 + 7.5 = 12.5 ms, T_u* = min(37.5, 37.5, 27.5) = 27.5 ms.
    ExpectRel(
        solver.EvaluateSet(BatchingEarlyExitScheme::BATCHING_ONLY, {0, 1, 2}).latestUploadEndS,
        0.0275,
        IDENTITY_REL_TOL);
}

// ---------------------------------------------------------------------------------------------
// Accuracy requirements, reasons and bad input
// ---------------------------------------------------------------------------------------------

TEST(BatchingEarlyExitTest, ExitFromAccuracy)
{
    const std::vector<double> acc{0.60, 0.68, 0.72, 0.74, 0.75}; // R3.5 of [3] defaults
    EXPECT_EQ(BatchingEarlyExitSolver::SelectExit(acc, 0.0), 0);
    EXPECT_EQ(BatchingEarlyExitSolver::SelectExit(acc, 0.60), 0);
    EXPECT_EQ(BatchingEarlyExitSolver::SelectExit(acc, 0.61), 1);
    EXPECT_EQ(BatchingEarlyExitSolver::SelectExit(acc, 0.70), 2);
    EXPECT_EQ(BatchingEarlyExitSolver::SelectExit(acc, 0.75), 4);
    EXPECT_EQ(BatchingEarlyExitSolver::SelectExit(acc, 0.76), BATCHING_EARLY_EXIT_NO_EXIT);

    BatchingEarlyExitProblem p;
    p.latency =
        BatchLatencyModel::Affine({3e-3, 3e-3, 3e-3, 3e-3, 3e-3}, {1e-3, 1e-3, 1e-3, 1e-3, 1e-3});
    p.exitAccuracy = acc;
    p.totalBandwidthHz = 5e6;
    for (double alpha : {0.70, 0.76, 0.60})
    {
        BatchingEarlyExitUser u;
        u.accuracyRequirement = alpha;
        u.deadlineS = 0.06;
        u.uploadBits = 0.2e6;
        u.snrBandwidthHz = 1e9;
        p.users.push_back(u);
    }
    p.users[2].exit = 3; // a direct exit overrides alpha = 0.60
    BatchingEarlyExitSolver solver(p);
    EXPECT_EQ(solver.GetExit(0), 2);
    EXPECT_EQ(solver.GetExit(1), BATCHING_EARLY_EXIT_NO_EXIT);
    EXPECT_EQ(solver.GetExit(2), 3);
    const auto d = solver.Solve();
    EXPECT_EQ(d.served, (std::vector<uint32_t>{0, 2}));
    EXPECT_EQ(d.reason[1], BatchingEarlyExitReason::ACCURACY_UNREACHABLE);
    EXPECT_EQ(d.exit, (std::vector<int32_t>{2, BATCHING_EARLY_EXIT_NO_EXIT, 3}));
    // Without early exit every task leaves at the last exit (index 4).
    const auto b = solver.Solve(BatchingEarlyExitScheme::BATCHING_ONLY);
    EXPECT_EQ(b.exit, (std::vector<int32_t>{4, BATCHING_EARLY_EXIT_NO_EXIT, 4}));
    ExpectInvalid([&] { solver.EvaluateSet(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, {1}); },
                  {"user 1", "unreachable"});
}

TEST(BatchingEarlyExitTest, ExitAccuraciesFromDnnModel)
{
    DnnModel m("toy");
    for (int i = 0; i < 4; ++i)
    {
        DnnLayer layer;
        layer.name = "l" + std::to_string(i);
        layer.parameters = 10;
        layer.flops = 100.0;
        layer.outputBytes = 4;
        m.AddLayer(layer);
    }
    EarlyExitBranch e0;
    e0.afterLayer = 0;
    e0.accuracy = 0.6;
    EarlyExitBranch e1;
    e1.afterLayer = 2;
    e1.accuracy = 0.7;
    m.AddExit(e0);
    m.AddExit(e1);
    // Blocks of FromDnnModel(EXITS): [l0 + exit0], [l1 l2 + exit1], [l3] -> A = (0.6, 0.7, 0.8).
    EXPECT_EQ(BatchingEarlyExitSolver::ExitAccuraciesFromDnnModel(m, 0.8),
              (std::vector<double>{0.6, 0.7, 0.8}));
    EXPECT_EQ(BatchLatencyModel::FromDnnModel(m, 1e12, 0.0, INF).GetNBlocks(), 3U);
    EarlyExitBranch e2;
    e2.afterLayer = 3;
    e2.accuracy = 0.8;
    m.AddExit(e2);
    // Last exit after the last layer: no tail block, finalAccuracy unused (even if invalid).
    EXPECT_EQ(BatchingEarlyExitSolver::ExitAccuraciesFromDnnModel(m, -1.0),
              (std::vector<double>{0.6, 0.7, 0.8}));
    DnnModel plain("plain");
    DnnLayer layer;
    layer.name = "only";
    plain.AddLayer(layer);
    ExpectInvalid([&] { BatchingEarlyExitSolver::ExitAccuraciesFromDnnModel(plain, 1.5); },
                  {"finalAccuracy", "plain", "1.5"});
}

TEST(BatchingEarlyExitTest, UnservableReasons)
{
    // One block t(b) = 10 ms + 0 b, so T_u*({k}) = T_k - 10 ms.
    BatchingEarlyExitProblem p;
    p.latency = BatchLatencyModel::Affine({0.010}, {0.0});
    p.totalBandwidthHz = 5e6;
    p.users = {
        MakeUser(0, 0.0, 1e5, 1e8),   // deadline 0: past
        MakeUser(0, -0.5, 1e5, 1e8),  // negative deadline: past
        MakeUser(0, 0.008, 1e5, 1e8), // 8 ms < 10 ms of compute
        MakeUser(0, 0.010, 1e5, 1e8), // exactly 10 ms: no upload time left
        MakeUser(0, 0.020, 1e5, 1e5), // needs 1e7 bit/s >= s / ln2 = 1.44e5 bit/s
        MakeUser(0, 0.020, 1e5, 0.0), // s = 0
        MakeUser(0, 0.020, 1e7, 1e9), // 1e9 bit/s in 10 ms with s = 1e9: w ~ 1.25 GHz > 5 MHz
        MakeUser(0, 0.020, 1e5, 1e8), // 1e7 bit/s with s = 1e8: w ~ 1.65 MHz <= 5 MHz
        MakeUser(0, 0.010, 0.0, 0.0), // D = 0 needs no upload: fine with s = 0 and T = t
    };
    BatchingEarlyExitSolver solver(p);
    using R = BatchingEarlyExitReason;
    const std::vector<R> expected{R::DEADLINE_PASSED,
                                  R::DEADLINE_PASSED,
                                  R::COMPUTE_EXCEEDS_DEADLINE,
                                  R::COMPUTE_EXCEEDS_DEADLINE,
                                  R::UPLOAD_RATE_CAP,
                                  R::UPLOAD_RATE_CAP,
                                  R::BANDWIDTH_EXCEEDS_TOTAL,
                                  R::NONE,
                                  R::NONE};
    for (uint32_t k = 0; k < expected.size(); ++k)
    {
        EXPECT_EQ(solver.GetIndividualReason(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, k),
                  expected[k])
            << "user " << k;
    }
    // Users 7 and 8 are each feasible alone but not together: the batch of two still takes
    // 10 ms, so T_u*({7, 8}) = min(20 - 10, 10 - 10) = 0 ms and user 7 cannot upload.
    EXPECT_FALSE(
        solver.EvaluateSet(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, {7, 8}).isFeasible);
    const auto d = solver.Solve();
    ASSERT_EQ(d.served.size(), 1U);
    for (uint32_t k = 0; k < 7; ++k)
    {
        EXPECT_EQ(d.reason[k], expected[k]) << "user " << k;
    }
    const uint32_t other = d.served[0] == 7 ? 8 : 7;
    EXPECT_EQ(d.reason[other], R::NOT_SELECTED);
    EXPECT_EQ(ToString(R::UPLOAD_RATE_CAP), "UPLOAD_RATE_CAP");
    EXPECT_EQ(ToString(BatchingEarlyExitAlgorithm::OPTIMAL_U), "optimal-u");
    EXPECT_EQ(ToString(BatchingEarlyExitScheme::BATCHING_ONLY), "batching-only");
}

TEST(BatchingEarlyExitTest, DegenerateInstances)
{
    // K = 0: empty answers from every algorithm, throughput 0.
    BatchingEarlyExitProblem empty;
    empty.latency = BatchLatencyModel::Affine({1e-3}, {1e-3});
    empty.totalBandwidthHz = 1e6;
    BatchingEarlyExitSolver none(empty);
    for (auto scheme : ALL_SCHEMES)
    {
        for (auto algorithm : {BatchingEarlyExitAlgorithm::OPTIMAL,
                               BatchingEarlyExitAlgorithm::OPTIMAL_U,
                               BatchingEarlyExitAlgorithm::OPTIMAL_H,
                               BatchingEarlyExitAlgorithm::GREEDY})
        {
            const auto d = none.Solve(scheme, algorithm);
            EXPECT_TRUE(d.served.empty());
            EXPECT_TRUE(d.isOptimal);
            EXPECT_EQ(d.prediction.throughputPerS, 0.0);
            EXPECT_EQ(d.prediction.frameLengthS, 0.0);
        }
    }
    // W = 0: every user with D > 0 is unservable; the D = 0 user is served.
    BatchingEarlyExitProblem zero = MakeE32(0.0);
    zero.users.push_back(MakeUser(0, 0.05, 0.0, 1e8));
    BatchingEarlyExitSolver zeroSolver(zero);
    const auto d = zeroSolver.Solve();
    EXPECT_EQ(d.served, (std::vector<uint32_t>{3}));
    for (int k = 0; k < 3; ++k)
    {
        EXPECT_EQ(d.reason[k], BatchingEarlyExitReason::BANDWIDTH_EXCEEDS_TOTAL);
    }
    // W = +infinity: only the timing limits.
    BatchingEarlyExitSolver unlimited(MakeE32(INF));
    EXPECT_EQ(unlimited.Solve().served.size(), 3U);
    // Explicit frame length: 3 tasks / 0.1 s = 30 /s.
    BatchingEarlyExitProblem framed = MakeE32(3e6);
    framed.frameLengthS = 0.1;
    ExpectRel(BatchingEarlyExitSolver(framed).Solve().prediction.throughputPerS, 30.0, 1e-12);
}

TEST(BatchingEarlyExitTest, OptimalUNeedsCommonDeadline)
{
    BatchingEarlyExitSolver solver(MakeE32(3e6));
    ExpectInvalid(
        [&]
        {
            solver.Solve(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                         BatchingEarlyExitAlgorithm::OPTIMAL_U);
        },
        {"optimal-u", "common deadline", "0.04", "0.05"});
    // A user that is individually infeasible does not count: drop u3's deadline to 1 ms.
    BatchingEarlyExitProblem p = MakeE32(3e6);
    p.users[2].deadlineS = 0.001;
    const auto d = BatchingEarlyExitSolver(p).Solve();
    EXPECT_EQ(d.algorithm, BatchingEarlyExitAlgorithm::OPTIMAL_U);
    EXPECT_EQ(d.served, (std::vector<uint32_t>{0, 1}));
    EXPECT_EQ(d.reason[2], BatchingEarlyExitReason::COMPUTE_EXCEEDS_DEADLINE);
}

TEST(BatchingEarlyExitTest, NodeLimit)
{
    BatchingEarlyExitSolver solver(MakeE33());
    solver.SetMaxSearchNodes(1);
    EXPECT_EQ(solver.GetMaxSearchNodes(), 1U);
    const auto d =
        solver.Solve(BatchingEarlyExitScheme::BATCHING_ONLY, BatchingEarlyExitAlgorithm::OPTIMAL_H);
    // Stopped early: not proven optimal, but still the feasible greedy incumbent.
    EXPECT_FALSE(d.isOptimal);
    EXPECT_LE(d.nSearchNodes, 1U);
    CheckDecision(MakeE33(), d);
    ExpectInvalid([&] { solver.SetMaxSearchNodes(0); }, {"maxNodes", "0"});
}

TEST(BatchingEarlyExitTest, InvalidInput)
{
    auto make = [](const std::function<void(BatchingEarlyExitProblem&)>& edit)
    {
        return [edit]
        {
            BatchingEarlyExitProblem p = MakeE32(1e6);
            edit(p);
            BatchingEarlyExitSolver solver(p);
        };
    };
    ExpectInvalid(make([](auto& p) { p.latency = BatchLatencyModel(); }), {"0 blocks"});
    ExpectInvalid(make([](auto& p) { p.exitAccuracy = {0.5}; }),
                  {"exitAccuracy", "1 entries", "L = 2"});
    ExpectInvalid(make([](auto& p) { p.exitAccuracy = {0.5, 1.5}; }), {"A_l", "exit 1", "1.5"});
    ExpectInvalid(make(
                      [](auto& p) {
                          p.exitAccuracy = {0.7, 0.6};
                      }),
                  {"exit 1", "0.6", "non-decreasing"});
    ExpectInvalid(make([](auto& p) { p.users[1].exit = 2; }), {"user 1", "exit e_k", "2"});
    ExpectInvalid(make([](auto& p) { p.users[0].exit.reset(); }),
                  {"user 0", "exitAccuracy is empty"});
    ExpectInvalid(make(
                      [](auto& p)
                      {
                          p.exitAccuracy = {0.5, 0.6};
                          p.users[2].exit.reset();
                          p.users[2].accuracyRequirement = -0.1;
                      }),
                  {"user 2", "alpha_k", "-0.1"});
    ExpectInvalid(make([](auto& p) { p.users[2].deadlineS = INF; }),
                  {"user 2", "deadlineS", "inf"});
    ExpectInvalid(make([](auto& p) { p.users[0].deadlineS = std::nan(""); }),
                  {"user 0", "deadlineS", "nan"});
    ExpectInvalid(make([](auto& p) { p.users[1].uploadBits = -5.0; }),
                  {"user 1", "uploadBits", "-5"});
    ExpectInvalid(make([](auto& p) { p.users[1].snrBandwidthHz = INF; }),
                  {"user 1", "snrBandwidthHz", "inf"});
    ExpectInvalid(make([](auto& p) { p.totalBandwidthHz = -1.0; }), {"totalBandwidthHz", "-1"});
    ExpectInvalid(make([](auto& p) { p.totalBandwidthHz = std::nan(""); }),
                  {"totalBandwidthHz", "nan"});
    ExpectInvalid(make([](auto& p) { p.frameLengthS = -2.0; }), {"frameLengthS", "-2"});

    BatchingEarlyExitSolver solver(MakeE32(1e6));
    const auto scheme = BatchingEarlyExitScheme::BATCHING_EARLY_EXIT;
    ExpectInvalid([&] { solver.EvaluateSet(scheme, {0, 3}); }, {"user index 3", "K = 3"});
    ExpectInvalid([&] { solver.EvaluateSet(scheme, {1, 1}); }, {"user 1", "twice"});
    ExpectInvalid([&] { solver.Predict(scheme, {0}, {1e6}); }, {"bandwidthHz", "1 entries"});
    ExpectInvalid([&] { solver.Predict(scheme, {0}, {-3.0, 0.0, 0.0}); }, {"user 0", "-3"});
    ExpectInvalid([&] { solver.GetExit(7); }, {"user index 7"});
}

TEST(BatchingEarlyExitTest, PredictGivenAllocation)
{
    // E3.2, S = {u1, u2} with 0.3 MHz each: r = 3e5 log2(1 + 1e8 / 3e5) = 2.5155 Mbit/s,
    // tau = 1e5 / r = 39.75 ms; B = (2, 1), C = tau + (4, 4 + 4.5) ms = (43.75, 48.25) ms,
    // both before 50 ms.
    BatchingEarlyExitSolver solver(MakeE32(1e6));
    const double r = 3e5 * std::log2(1.0 + 1e8 / 3e5);
    const double tau = 1e5 / r;
    const auto pr =
        solver.Predict(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, {1, 0}, {3e5, 3e5, 0.0});
    ExpectRel(pr.uploadTimeS[0], tau, 1e-12);
    ExpectRel(pr.batchStartS, tau, 1e-12);
    ExpectRel(pr.completionTimeS[0], tau + 0.004, 1e-12);
    ExpectRel(pr.completionTimeS[1], tau + 0.0085, 1e-12);
    EXPECT_EQ(pr.nOnTime, 2U);
    EXPECT_TRUE(pr.isFeasible);
    ExpectRel(pr.sumBandwidthHz, 6e5, 1e-12);
    // Zero bandwidth for a served user with data: never uploaded, late.
    const auto late =
        solver.Predict(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, {0, 1}, {3e5, 0.0, 0.0});
    EXPECT_EQ(late.uploadTimeS[1], INF);
    EXPECT_EQ(late.nOnTime, 0U);
    EXPECT_FALSE(late.isFeasible);
}

// ---------------------------------------------------------------------------------------------
// Random instances against the independent brute force
// ---------------------------------------------------------------------------------------------

TEST(BatchingEarlyExitTest, RandomInstancesMatchBruteForce)
{
    std::mt19937 rng(20260401);
    const int nInstances = 1000;
    int nCommon = 0;
    double ratioSum = 0.0;
    double ratioWorst = 1.0;
    int nRatio = 0;
    int nGreedyOptimal = 0;
    long servedSum = 0;
    long userSum = 0;
    for (int i = 0; i < nInstances; ++i)
    {
        const bool isCommon = i % 3 == 0;
        nCommon += isCommon ? 1 : 0;
        const BatchingEarlyExitProblem p = RandomProblem(rng, isCommon);
        const RefInstance ref = ToRef(p);
        BatchingEarlyExitSolver solver(p);
        const auto scheme = ALL_SCHEMES[i % ALL_SCHEMES.size()];
        const int brute = RefBruteForce(ref, scheme);

        const auto h = solver.Solve(scheme, BatchingEarlyExitAlgorithm::OPTIMAL_H);
        ASSERT_EQ(static_cast<int>(h.served.size()), brute)
            << "instance " << i << " scheme " << ToString(scheme);
        EXPECT_TRUE(h.isOptimal);
        CheckDecision(p, h);
        if (isCommon)
        {
            const auto u = solver.Solve(scheme, BatchingEarlyExitAlgorithm::OPTIMAL_U);
            ASSERT_EQ(static_cast<int>(u.served.size()), brute) << "instance " << i;
            EXPECT_TRUE(u.isOptimal);
            CheckDecision(p, u);
            EXPECT_EQ(solver.Solve(scheme).algorithm, BatchingEarlyExitAlgorithm::OPTIMAL_U);
        }
        // Batch + EE greedy on every instance: feasible, never above the optimum.
        const auto bee = BatchingEarlyExitScheme::BATCHING_EARLY_EXIT;
        const int optimum = scheme == bee ? brute : RefBruteForce(ref, bee);
        const auto g = solver.Solve(bee, BatchingEarlyExitAlgorithm::GREEDY);
        CheckDecision(p, g);
        EXPECT_LE(static_cast<int>(g.served.size()), optimum);
        if (optimum > 0)
        {
            const double ratio = static_cast<double>(g.served.size()) / optimum;
            ratioSum += ratio;
            ratioWorst = std::min(ratioWorst, ratio);
            ++nRatio;
            nGreedyOptimal += static_cast<int>(g.served.size()) == optimum ? 1 : 0;
        }
        servedSum += optimum;
        userSum += static_cast<long>(p.users.size());
    }
    std::cout << "[ batching-early-exit ] " << nInstances << " instances (" << nCommon
              << " common deadline); batch+EE optimum serves " << servedSum << " of " << userSum
              << " users; greedy/optimum over " << nRatio << " instances: mean "
              << ratioSum / nRatio << ", worst " << ratioWorst << ", optimal in " << nGreedyOptimal
              << std::endl;
    EXPECT_GT(nRatio, nInstances / 2); // the generator gives non-trivial instances
    EXPECT_GT(ratioWorst, 0.0);
}

// The rate model changes the inputs (w^min), not the algorithms: with the LTE uplink model
// (whole RBs, TBS steps, minimum grant, users without rate) the exact algorithms still match
// brute force, whose w^min is a bisection on the model's Rate().
TEST(BatchingEarlyExitTest, LteUplinkRateModelInstancesMatchBruteForce)
{
    std::mt19937 rng(20261207);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const int nInstances = 300;
    long servedSum = 0;
    int nBelowAll = 0;
    for (int i = 0; i < nInstances; ++i)
    {
        const bool isCommon = i % 3 == 0;
        BatchingEarlyExitProblem p = RandomProblem(rng, isCommon);
        const uint32_t rbs[] = {6, 15, 25};
        const uint32_t nRb = rbs[rng() % 3];
        std::vector<double> sinr;
        for (auto& u : p.users)
        {
            u.uploadBits = unit(rng) < 0.05 ? 0.0 : 2e3 + 4e4 * unit(rng);
            sinr.push_back(unit(rng) < 0.05 ? -1.0 : std::pow(10.0, -1.5 + 4.5 * unit(rng)));
        }
        p.rateModel = std::make_shared<LteUlAmcRateModel>(sinr, nRb, 1 + rng() % 3);
        p.totalBandwidthHz = nRb * 180e3 * (unit(rng) < 0.3 ? 0.5 : 1.0);
        const RefInstance ref = ToRef(p);
        BatchingEarlyExitSolver solver(p);
        const auto scheme = ALL_SCHEMES[i % ALL_SCHEMES.size()];
        const int brute = RefBruteForce(ref, scheme);
        const auto h = solver.Solve(scheme, BatchingEarlyExitAlgorithm::OPTIMAL_H);
        ASSERT_EQ(static_cast<int>(h.served.size()), brute)
            << "instance " << i << " scheme " << ToString(scheme);
        EXPECT_TRUE(h.isOptimal);
        CheckDecision(p, h);
        if (isCommon)
        {
            const auto u = solver.Solve(scheme, BatchingEarlyExitAlgorithm::OPTIMAL_U);
            ASSERT_EQ(static_cast<int>(u.served.size()), brute) << "instance " << i;
            CheckDecision(p, u);
        }
        const auto g = solver.Solve(scheme, BatchingEarlyExitAlgorithm::GREEDY);
        CheckDecision(p, g);
        EXPECT_LE(static_cast<int>(g.served.size()), brute);
        // the predicted upload takes exactly D_k / Rate(w_k), the model's rate
        for (uint32_t k : h.served)
        {
            if (p.users[k].uploadBits > 0)
            {
                EXPECT_NEAR(h.prediction.uploadTimeS[k],
                            p.users[k].uploadBits / p.rateModel->Rate(k, h.bandwidthHz[k]),
                            1e-12);
            }
        }
        servedSum += brute;
        nBelowAll += brute < static_cast<int>(p.users.size()) ? 1 : 0;
    }
    EXPECT_GT(servedSum, nInstances);     // non-trivial: users are served
    EXPECT_GT(nBelowAll, nInstances / 4); // and constrained
}

TEST(BatchingEarlyExitTest, LteUplinkInstanceJsonRoundTrip)
{
    std::mt19937 rng(7);
    BatchingEarlyExitProblem p = RandomProblem(rng, false);
    while (p.users.size() < 3)
    {
        p = RandomProblem(rng, false);
    }
    std::vector<double> sinr;
    for (size_t k = 0; k < p.users.size(); ++k)
    {
        p.users[k].uploadBits = 1e4 * (k + 1);
        sinr.push_back(k == 0 ? -1.0 : 3.0 * k);
    }
    p.totalBandwidthHz = 25 * 180e3;
    p.rateModel = std::make_shared<LteUlAmcRateModel>(sinr, 25, 2);
    const json::Json doc = json::BatchingEarlyExitInstanceToJson(p);
    EXPECT_EQ(doc["rateModel"], "lte-ul-amc");
    const json::Json viaJson = json::BatchingEarlyExitSolve(json::JsonNode(doc, ""), "optimal-h");
    const json::Json direct = json::BatchingEarlyExitDecisionToJson(
        p,
        BatchingEarlyExitSolver(p).Solve(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                                         BatchingEarlyExitAlgorithm::OPTIMAL_H),
        "optimal-h");
    ASSERT_EQ(viaJson.dump(), direct.dump());
    // the SINRs travel: user 0 has no report, so it is not served for lack of rate
    EXPECT_EQ(doc["users"][0]["ulSinr"], -1.0);
    EXPECT_FALSE(BatchingEarlyExitSolver(p).Solve().isServed[0]);
}

// The "symbol-share" form (SymbolShareRateModel: NR's uplink model without NR): written,
// carried as text, read back gives the same model (Rate and MinBandwidthForRate bit for bit
// at several bandwidths) and the CLI's code path the in-process solver's decisions.
TEST(BatchingEarlyExitTest, SymbolShareInstanceJsonRoundTrip)
{
    std::mt19937 rng(20261207);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    size_t nServed = 0;
    size_t nUsers = 0;
    for (int i = 0; i < 60; ++i)
    {
        const bool isCommon = i % 2 == 0;
        BatchingEarlyExitProblem p = RandomProblem(rng, isCommon);
        const double w = 20e6;
        for (auto& u : p.users)
        {
            u.uploadBits = std::floor(2e4 + 3e5 * u01(rng));
        }
        p.totalBandwidthHz = i % 3 == 0 ? w : w * (0.2 + 0.8 * u01(rng));
        const auto model = RandomSymbolShareModel(rng, p.users.size(), w);
        p.rateModel = model;
        const json::Json doc = json::ParseDocument(json::BatchingEarlyExitInstanceToJson(p).dump());
        ASSERT_EQ(doc["rateModel"], "symbol-share");
        ASSERT_FALSE(doc.contains("ulBandwidthRb"));
        const BatchingEarlyExitProblem read =
            json::BatchingEarlyExitProblemFromJson(json::JsonNode(doc, ""));
        auto back = std::dynamic_pointer_cast<const SymbolShareRateModel>(read.rateModel);
        ASSERT_TRUE(back) << "instance " << i;
        ExpectSameSymbolShareModel(*model, *back, "instance " + std::to_string(i));
        for (const auto& [algorithm, name] : BatchingEarlyExitAlgorithmNames())
        {
            if (algorithm == BatchingEarlyExitAlgorithm::OPTIMAL_U && !isCommon)
            {
                continue;
            }
            const BatchingEarlyExitDecision d = BatchingEarlyExitSolver(p).Solve(
                BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, algorithm);
            ASSERT_EQ(json::BatchingEarlyExitSolve(json::JsonNode(doc, ""), name).dump(),
                      json::BatchingEarlyExitDecisionToJson(p, d, name).dump())
                << "instance " << i << " " << name;
            if (algorithm == BatchingEarlyExitAlgorithm::OPTIMAL_H)
            {
                nServed += d.served.size();
                nUsers += p.users.size();
            }
        }
    }
    // not all trivial: some users served, some not
    EXPECT_GT(nServed, nUsers / 5);
    EXPECT_LT(nServed, nUsers);
}

// Bad "symbol-share" input: the message names the JSON field and its value.
TEST(BatchingEarlyExitTest, SymbolShareInstanceBadInput)
{
    const std::string head = R"({"blocks": [{"fixedCostS": 0.002, "perTaskCostS": 0.001}],
        "totalBandwidthHz": 20e6, )";
    const std::string share = R"("symbolShare": {"slots": [{"perPattern": 1, "dataSymbols": 2.5},
        {"perPattern": 1, "dataSymbols": 2}], "patternSeconds": 0.0025, "bandwidthHz": 20e6}, )";
    auto message = [](const std::string& text) -> std::string
    {
        const json::Json doc = json::ParseDocument(text);
        try
        {
            json::BatchingEarlyExitProblemFromJson(json::JsonNode(doc, ""));
        }
        catch (const json::JsonInputError& e)
        {
            return e.what();
        }
        return "";
    };
    auto withUsers = [&](const std::string& shareText, const std::string& table)
    {
        return head + R"("rateModel": "symbol-share", )" + shareText +
               R"("users": [{"exit": 0, "deadlineS": 0.05, "uploadBits": 1e5,
                  "bytesBySymbols": [0, 100, 200, 300]}, {"exit": 0, "deadlineS": 0.05,
                  "uploadBits": 1e5, "bytesBySymbols": )" +
               table + "}]}";
    };
    // good: read, and the rate is the model's (x = 0.5 * 2.5 = 1.25 symbols: 1/4 of the
    // slots carry 2, the rest 1 -> 125 bytes; x = 1 in the other class -> 100 bytes)
    ASSERT_EQ(message(withUsers(share, "[0, 100, 200, 300]")), "");
    const json::Json good = json::ParseDocument(withUsers(share, "[0, 100, 200, 300]"));
    const auto p = json::BatchingEarlyExitProblemFromJson(json::JsonNode(good, ""));
    EXPECT_DOUBLE_EQ(p.rateModel->Rate(1, 10e6), 8 * (125.0 + 100.0) / 0.0025);

    const std::vector<std::pair<std::string, std::string>> cases = {
        {withUsers(share, "[0, 100, 200]"),
         "users[1].bytesBySymbols: expected an array of at least 4 byte counts (symbols 0..3"},
        {withUsers(share, "[5, 100, 200, 300]"), "users[1].bytesBySymbols[0]: expected 0"},
        {withUsers(share, "[0, 100, 90, 300]"),
         "users[1].bytesBySymbols[2]: expected a number >= entry [1] = 100 (the table is "
         "non-decreasing), got 90"},
        {withUsers(share, "[0, 100, -1, 300]"), "users[1].bytesBySymbols[2]: expected a number"},
        {withUsers(share, R"("many")"), "users[1].bytesBySymbols: expected an array"},
        {withUsers(R"("symbolShare": {"slots": [{"perPattern": -1, "dataSymbols": 2}],
            "patternSeconds": 0.0025, "bandwidthHz": 20e6}, )",
                   "[0, 1, 2, 3]"),
         "symbolShare.slots[0].perPattern: expected a number"},
        {withUsers(R"("symbolShare": {"slots": [], "patternSeconds": 0.0025,
            "bandwidthHz": 20e6}, )",
                   "[0, 1, 2, 3]"),
         "symbolShare.slots: expected a non-empty array"},
        {withUsers(R"("symbolShare": {"slots": [{"perPattern": 1, "dataSymbols": 2}],
            "patternSeconds": 0, "bandwidthHz": 20e6}, )",
                   "[0, 1, 2, 3]"),
         "symbolShare.patternSeconds: expected a number > 0, got 0"},
        {withUsers(R"("symbolShare": {"slots": [{"perPattern": 1, "dataSymbols": 2}],
            "patternSeconds": 0.001, "bandwidthHz": 20e6, "efficiency": 1.5}, )",
                   "[0, 1, 2, 3]"),
         "symbolShare.efficiency: expected a number in (0, 1], got 1.5"},
        {withUsers(R"("symbolShare": {"slots": [{"perPattern": 1, "dataSymbols": 2}],
            "patternSeconds": 0.001}, )",
                   "[0, 1, 2, 3]"),
         "symbolShare: missing required field \"bandwidthHz\""},
        {withUsers(R"("symbolShare": {"slots": [{"perPattern": 1, "dataSymbol": 2}],
            "patternSeconds": 0.001, "bandwidthHz": 1e6}, )",
                   "[0, 1, 2, 3]"),
         "symbolShare.slots[0].dataSymbol: unknown field"},
        {withUsers("", "[0, 1, 2, 3]"), "missing required field \"symbolShare\""},
        {head + share +
             R"("users": [{"exit": 0, "deadlineS": 0.05, "snrBandwidthHz": 1e8,
                "uploadBits": 1e5}]})",
         "symbolShare: only valid with \"rateModel\": \"symbol-share\""},
        {head + R"("users": [{"exit": 0, "deadlineS": 0.05, "snrBandwidthHz": 1e8,
                "uploadBits": 1e5, "bytesBySymbols": [0, 1]}]})",
         "users[0].bytesBySymbols: only valid with \"rateModel\": \"symbol-share\""},
        {head + R"("rateModel": "symbol-share", )" + share +
             R"("users": [{"exit": 0, "deadlineS": 0.05, "uploadBits": 1e5,
                "ulSinr": 3}]})",
         "users[0].ulSinr: only valid with \"rateModel\": \"lte-ul-amc\""},
        {head + R"("rateModel": "symbol-share", )" + share +
             R"("users": [{"exit": 0, "deadlineS": 0.05, "uploadBits": 1e5}]})",
         "users[0]: missing required field \"bytesBySymbols\""},
    };
    for (const auto& [text, expected] : cases)
    {
        const std::string got = message(text);
        EXPECT_NE(got.find(expected), std::string::npos)
            << "got: " << got << "\nexpected: " << expected;
    }
}

TEST(BatchingEarlyExitTest, ServedCountMonotoneInBandwidth)
{
    std::mt19937 rng(7);
    int nGreedyDrops = 0;
    int nChecks = 0;
    for (int i = 0; i < 200; ++i)
    {
        BatchingEarlyExitProblem p = RandomProblem(rng, i % 2 == 0);
        const auto scheme = ALL_SCHEMES[i % ALL_SCHEMES.size()];
        size_t previous = 0;
        size_t previousGreedy = 0;
        for (double w : {0.0, 0.25e6, 0.5e6, 1e6, 2e6, 4e6, 8e6, 16e6, INF})
        {
            p.totalBandwidthHz = w;
            BatchingEarlyExitSolver solver(p);
            const size_t n =
                solver.Solve(scheme, BatchingEarlyExitAlgorithm::OPTIMAL_H).served.size();
            EXPECT_GE(n, previous) << "instance " << i << " W " << w;
            previous = n;
            const size_t g = solver.Solve(scheme, BatchingEarlyExitAlgorithm::GREEDY).served.size();
            nGreedyDrops += g < previousGreedy ? 1 : 0;
            previousGreedy = g;
            ++nChecks;
        }
    }
    // Greedy is not guaranteed monotone in W; report how often it dropped.
    std::cout << "[ batching-early-exit ] greedy served count fell when W grew in " << nGreedyDrops
              << " of " << nChecks << " steps" << std::endl;
}

// The instance written by the network (InstanceToJson) solved through the CLI's code path
// (BatchingEarlyExitSolve) gives exactly the direct solver's output, for every scheme and
// algorithm, also with table blocks.
TEST(BatchingEarlyExitTest, InstanceJsonSolveMatchesDirectSolver)
{
    std::mt19937 rng(20260402);
    for (int i = 0; i < 200; ++i)
    {
        const bool isCommon = i % 3 == 0;
        BatchingEarlyExitProblem p = RandomProblem(rng, isCommon);
        p.frameLengthS = i % 2 == 0 ? 0.0 : 0.1;
        if (i % 5 == 1)
        {
            // a measured block: the JSON holds t_l(1..K), all the problem can use
            BatchLatencyModel latency = p.latency;
            latency.AddTableBlock({{1, 0.004}, {4, 0.007}, {16, 0.02}});
            p.latency = latency;
            if (!p.exitAccuracy.empty())
            {
                p.exitAccuracy.push_back(0.99);
            }
        }
        const auto scheme = ALL_SCHEMES[i % ALL_SCHEMES.size()];
        json::Json instance = json::BatchingEarlyExitInstanceToJson(p);
        instance["scheme"] = ToString(scheme);
        for (const auto& [algorithm, name] : BatchingEarlyExitAlgorithmNames())
        {
            if (algorithm == BatchingEarlyExitAlgorithm::OPTIMAL_U && !isCommon)
            {
                continue;
            }
            const json::Json viaJson =
                json::BatchingEarlyExitSolve(json::JsonNode(instance, ""), name);
            const json::Json direct = json::BatchingEarlyExitDecisionToJson(
                p, BatchingEarlyExitSolver(p).Solve(scheme, algorithm), name);
            ASSERT_EQ(viaJson.dump(), direct.dump()) << "instance " << i << " " << name;
        }
    }
}

// DecisionToJson -> DecisionFromJson gives back the decision; completing it reproduces the
// solver's decision and prediction.
TEST(BatchingEarlyExitTest, DecisionJsonRoundTrip)
{
    std::mt19937 rng(20260403);
    int nServedTotal = 0;
    for (int i = 0; i < 200; ++i)
    {
        const BatchingEarlyExitProblem p = RandomProblem(rng, false);
        const auto scheme = ALL_SCHEMES[i % ALL_SCHEMES.size()];
        BatchingEarlyExitSolver solver(p);
        const auto d = solver.Solve(scheme,
                                    i % 2 ? BatchingEarlyExitAlgorithm::GREEDY
                                          : BatchingEarlyExitAlgorithm::OPTIMAL_H);
        const json::Json j = json::BatchingEarlyExitDecisionToJson(p, d, "optimal-h");
        const auto back = json::BatchingEarlyExitDecisionFromJson(json::JsonNode(j, ""), p);
        EXPECT_EQ(back.scheme, d.scheme);
        EXPECT_EQ(back.algorithm, d.algorithm);
        EXPECT_EQ(back.isOptimal, d.isOptimal);
        EXPECT_EQ(back.nSearchNodes, d.nSearchNodes);
        EXPECT_EQ(back.served, d.served);
        EXPECT_EQ(back.isServed, d.isServed);
        for (uint32_t k : d.served)
        {
            EXPECT_EQ(back.bandwidthHz[k], d.bandwidthHz[k]) << "instance " << i;
            EXPECT_EQ(back.exit.at(k), d.exit[k]);
        }
        EXPECT_EQ(BatchingEarlyExitSolver::CheckDecision(p, back), "") << "instance " << i;
        const auto completed = solver.CompleteDecision(back);
        EXPECT_EQ(completed.served, d.served);
        EXPECT_EQ(completed.reason, d.reason);
        EXPECT_EQ(completed.exit, d.exit);
        EXPECT_EQ(completed.bandwidthHz, d.bandwidthHz);
        EXPECT_EQ(completed.latestUploadEndS, d.latestUploadEndS);
        ExpectRel(completed.sumBandwidthHz, d.sumBandwidthHz, 1e-12);
        EXPECT_EQ(completed.prediction.completionTimeS, d.prediction.completionTimeS);
        EXPECT_EQ(completed.prediction.nOnTime, d.prediction.nOnTime);
        nServedTotal += static_cast<int>(d.served.size());
    }
    EXPECT_GT(nServedTotal, 200); // non-trivial decisions
}

// CheckDecision names the user and the field of each violation.
TEST(BatchingEarlyExitTest, CheckDecisionMessages)
{
    const BatchingEarlyExitProblem p = MakeE32(1e6);
    const auto good = BatchingEarlyExitSolver(p).Solve();
    EXPECT_EQ(BatchingEarlyExitSolver::CheckDecision(p, good), "");
    auto expectMessage = [&p](BatchingEarlyExitDecision d, const std::string& start)
    {
        const std::string m = BatchingEarlyExitSolver::CheckDecision(p, d);
        EXPECT_EQ(m.substr(0, start.size()), start) << m;
    };
    BatchingEarlyExitDecision d;
    d.bandwidthHz = {1e5, 1e5};
    expectMessage(d, "users: bandwidthHz has 2 entries for 3 users");
    d.bandwidthHz = {1e5, 1e5, 1e5};
    d.served = {0, 3};
    expectMessage(d, "served[1]: user 3 does not exist");
    d.served = {1, 1};
    expectMessage(d, "served[1]: user 1 is listed twice");
    d.served = {0, 1};
    d.isServed = {true, false, false};
    expectMessage(d, "users[1].served: false but the served list holds user 1");
    d.isServed.clear();
    d.bandwidthHz = {1e5, NAN, 0};
    expectMessage(d, "users[1].bandwidthHz: nan");
    d.bandwidthHz = {1e5, 0, 0};
    expectMessage(d, "users[1].bandwidthHz: 0 for a served user with uploadBits 100000");
    d.bandwidthHz = {6e5, 5e5, 0};
    expectMessage(d,
                  "users[1].bandwidthHz: 500000 Hz makes the served users' sum exceed "
                  "totalBandwidthHz W = 1e+06 Hz (sum 1.1e+06 Hz)");
    d.bandwidthHz = {5e5, 5e5, 0};
    d.exit = {0, 0, 1};
    expectMessage(d,
                  "users[1].exit: 0, but under scheme batching-early-exit the user leaves "
                  "at exit 1");
    d.exit.clear();
    EXPECT_EQ(BatchingEarlyExitSolver::CheckDecision(p, d), ""); // W exactly used
    d.scheme = BatchingEarlyExitScheme::BATCHING_ONLY;
    d.exit = {1, 1, 1};
    EXPECT_EQ(BatchingEarlyExitSolver::CheckDecision(p, d), "");
    BatchingEarlyExitProblem unreachable = p;
    unreachable.users[0].exit.reset();
    unreachable.users[0].accuracyRequirement = 0.99;
    unreachable.exitAccuracy = {0.6, 0.8};
    d.exit.clear();
    const std::string m = BatchingEarlyExitSolver::CheckDecision(unreachable, d);
    EXPECT_EQ(m, "users[0].served: true, but no exit meets its accuracy requirement 0.99");
}
