/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Exit-aware SLIDE (SlideExitSolver) and StreamingExitModel against brute force.

#include "ns3/dnn-model-zoo.h"
#include "ns3/dnn-model.h"
#include "ns3/slide-exit-solver.h"
#include "ns3/streaming-exit-model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

using namespace ns3::edgeinference;

namespace
{

constexpr double INF = std::numeric_limits<double>::infinity();

/// A random multi-exit model: its DnnModel (for the exit model) and SLIDE vectors.
struct RandomModel
{
    DnnModel dnn;     ///< layers and exits
    SlideModel slide; ///< bits and FLOPs
};

RandomModel
MakeModel(std::mt19937_64& rng, int index)
{
    auto uni = [&rng](double a, double b)
    {
        return std::uniform_real_distribution<>(a, b)(rng);
    };
    auto pick = [&rng](int a, int b)
    {
        return std::uniform_int_distribution<>(a, b)(rng);
    };
    RandomModel r;
    r.dnn = DnnModel("m" + std::to_string(index), 1.0);
    const int nLayers = pick(2, 6);
    for (int l = 0; l < nLayers; ++l)
    {
        const uint64_t params = static_cast<uint64_t>(uni(1e4, 2e6));
        const double flops = uni(1e6, 4e8);
        r.dnn.AddLayer({"l" + std::to_string(l), params, flops, 100, ""});
        r.slide.layerBits.push_back(8.0 * params);
        r.slide.layerFlops.push_back(flops);
    }
    r.slide.name = r.dnn.GetName();
    // up to two side exits at distinct positions before the last layer
    std::vector<uint32_t> positions(nLayers - 1);
    std::iota(positions.begin(), positions.end(), 0);
    std::shuffle(positions.begin(), positions.end(), rng);
    positions.resize(std::min<size_t>(positions.size(), pick(0, 2)));
    std::sort(positions.begin(), positions.end());
    for (uint32_t pos : positions)
    {
        EarlyExitBranch b;
        b.afterLayer = pos;
        b.flops = uni(0, 5e7);
        b.accuracy = uni(0.3, 0.9);
        const double t1 = uni(0.05, 0.6);
        const double p1 = pick(0, 3) == 0 ? 1.0 : uni(0.2, 1.0);
        b.exitProfile = {{t1, p1}, {uni(t1 + 0.01, 0.99), uni(0.0, p1)}, {1.0, 0.0}};
        r.dnn.AddExit(b);
    }
    return r;
}

/// Oracle exit distribution by enumerating every exit/no-exit outcome of the side exits.
std::vector<double>
OracleDistribution(const DnnModel& m, double theta, uint32_t cap)
{
    const auto& exits = m.GetExits();
    std::vector<double> pi(exits.size() + 1, 0.0);
    const uint32_t n = cap; // side exits before the cap are decisions
    for (uint32_t mask = 0; mask < (1u << n); ++mask)
    {
        double p = 1.0;
        uint32_t first = cap;
        for (uint32_t e = 0; e < n; ++e)
        {
            const double q = exits[e].ExitProbability(theta);
            const bool leaves = mask & (1u << e);
            p *= leaves ? q : 1 - q;
            if (leaves && first == cap)
            {
                first = e;
            }
        }
        pi[first] += p;
    }
    return pi;
}

/// Latency of the streaming recursion F_l = max(D_l, F_{l-1}) + tau_l.
double
Recursion(const std::vector<double>& bits, const std::vector<double>& tau, double rate)
{
    double d = 0;
    double f = 0;
    for (size_t l = 0; l < bits.size(); ++l)
    {
        d += bits[l] / rate;
        f = std::max(d, f) + tau[l];
    }
    return f;
}

/// Oracle B^min of a prefix by bisection on the recursion (f = fMax, no energy budget).
double
OracleBandwidth(const RandomModel& model,
                uint32_t cap,
                double theta,
                const SlideUser& u,
                const StreamingExitModel& ex)
{
    const uint32_t last = ex.GetExitLayer(cap);
    std::vector<double> bits(model.slide.layerBits.begin(),
                             model.slide.layerBits.begin() + last + 1);
    std::vector<double> flops(model.slide.layerFlops.begin(),
                              model.slide.layerFlops.begin() + last + 1);
    const auto& exits = model.dnn.GetExits();
    for (uint32_t e = 0; e < exits.size(); ++e)
    {
        if (e == cap || (e < cap && exits[e].ExitProbability(theta) > 0))
        {
            flops[exits[e].afterLayer] += exits[e].flops;
        }
    }
    const double speed = u.device.GetFlopsPerCycle() * u.device.GetMaxFrequency();
    std::vector<double> tau;
    for (double c : flops)
    {
        tau.push_back(u.samples * c / speed);
    }
    auto ok = [&](double b)
    {
        return Recursion(bits, tau, b * u.spectralEfficiency) <= u.deadlineS;
    };
    if (u.spectralEfficiency <= 0 || !ok(1e18))
    {
        return INF;
    }
    double lo = 0;
    double hi = 1;
    while (!ok(hi))
    {
        hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i)
    {
        const double mid = 0.5 * (lo + hi);
        (ok(mid) ? hi : lo) = mid;
    }
    return hi;
}

/// Largest number of users served: each unserved or one of its options, sum <= B.
uint32_t
BruteForce(const std::vector<std::vector<double>>& need, double b)
{
    const size_t n = need.size();
    std::vector<size_t> choice(n, 0);
    uint32_t best = 0;
    while (true)
    {
        double sum = 0;
        uint32_t count = 0;
        for (size_t k = 0; k < n; ++k)
        {
            if (choice[k] > 0)
            {
                sum += need[k][choice[k] - 1];
                ++count;
            }
        }
        if (sum <= b * (1 + 1e-9) && count > best)
        {
            best = count;
        }
        size_t k = 0;
        while (k < n && ++choice[k] > need[k].size())
        {
            choice[k] = 0;
            ++k;
        }
        if (k == n)
        {
            return best;
        }
    }
}

} // namespace

TEST(StreamingExitModel, DistributionMatchesEnumeration)
{
    std::mt19937_64 rng(7);
    for (int trial = 0; trial < 300; ++trial)
    {
        const RandomModel m = MakeModel(rng, trial);
        std::vector<double> acc;
        for (const auto& b : m.dnn.GetExits())
        {
            acc.push_back(b.accuracy);
        }
        acc.push_back(0.8);
        const StreamingExitModel ex(m.dnn, acc);
        const double theta = std::uniform_real_distribution<>(0, 1)(rng);
        for (uint32_t cap = 0; cap <= ex.GetNSideExits(); ++cap)
        {
            const auto pi = ex.ExitDistribution(theta, cap);
            const auto oracle = OracleDistribution(m.dnn, theta, cap);
            double a = 0;
            for (size_t e = 0; e < pi.size(); ++e)
            {
                EXPECT_NEAR(pi[e], oracle[e], 1e-12) << "trial " << trial << " cap " << cap;
                a += oracle[e] * acc[e];
            }
            EXPECT_NEAR(ex.ExpectedAccuracy(theta, cap), a, 1e-12);
            // deepest of 3 samples, by enumerating the 3 exits
            const auto deep = ex.DeepestExitDistribution(theta, cap, 3);
            std::vector<double> d(pi.size(), 0.0);
            for (size_t a1 = 0; a1 < pi.size(); ++a1)
            {
                for (size_t a2 = 0; a2 < pi.size(); ++a2)
                {
                    for (size_t a3 = 0; a3 < pi.size(); ++a3)
                    {
                        d[std::max({a1, a2, a3})] += oracle[a1] * oracle[a2] * oracle[a3];
                    }
                }
            }
            for (size_t e = 0; e < pi.size(); ++e)
            {
                EXPECT_NEAR(deep[e], d[e], 1e-12);
            }
        }
    }
}

TEST(StreamingExitModel, BranchyAlexNetOperatingPoint)
{
    const StreamingExitModel ex(DnnModelZoo::BranchyAlexNet(), {}, 0.45);
    const auto pi = ex.ExitDistribution(0.9, ex.GetNSideExits());
    // the published exit fractions of BranchyNet, Table 1: 65.6 %, 25.2 %, 9.2 %
    EXPECT_NEAR(pi[0], 0.656, 1e-9);
    EXPECT_NEAR(pi[1], 0.252, 1e-3);
    EXPECT_NEAR(pi[2], 0.092, 1e-3);
    EXPECT_NEAR(ex.ExpectedAccuracy(0.9, 2), 0.7919, 1e-3);
    EXPECT_EQ(ex.CertainExit(0.0, 2), 0u);
    EXPECT_EQ(ex.CertainExit(1.0, 2), 2u);
    const double c = ex.Confidence(0, 0.5);
    EXPECT_GE(ex.GetBranches()[0].ExitProbability(c), 0.5 - 1e-9);
    EXPECT_THROW(StreamingExitModel(DnnModelZoo::BranchyAlexNet(), {0.5, 0.5}),
                 std::invalid_argument);
    EXPECT_THROW(StreamingExitModel::Prefix(DnnModelZoo::BranchyAlexNet(), 2),
                 std::invalid_argument);
}

// 500 random instances (K <= 4, |M_k| <= 2, L <= 6, up to 2 side exits): the exit-aware
// served count equals brute force over every (model, cap) with an enumerated expected
// accuracy >= alpha and a bisected B^min; every served user meets alpha in expectation and its
// prefix meets the deadline at its bandwidth; the exit-unaware baseline equals its own brute
// force (whole models, final accuracy >= alpha).
TEST(SlideExitSolver, RandomInstancesMatchBruteForce)
{
    std::mt19937_64 rng(20261207);
    auto uni = [&rng](double a, double b)
    {
        return std::uniform_real_distribution<>(a, b)(rng);
    };
    auto pick = [&rng](int a, int b)
    {
        return std::uniform_int_distribution<>(a, b)(rng);
    };
    uint32_t servedTotal = 0;
    uint32_t prefixGrants = 0;
    for (int trial = 0; trial < 500; ++trial)
    {
        SlideExitProblem p;
        std::vector<RandomModel> models;
        const int nModels = pick(1, 3);
        for (int m = 0; m < nModels; ++m)
        {
            models.push_back(MakeModel(rng, m));
            std::vector<double> acc;
            double a = uni(0.3, 0.6);
            for (size_t e = 0; e <= models.back().dnn.GetExits().size(); ++e)
            {
                acc.push_back(a);
                a = std::min(1.0, a + uni(0.0, 0.2));
            }
            p.base.models.push_back(models.back().slide);
            p.exitModels.emplace_back(models.back().dnn, acc);
        }
        const int nUsers = pick(1, 4);
        for (int k = 0; k < nUsers; ++k)
        {
            SlideUser u;
            std::vector<uint32_t> all(nModels);
            std::iota(all.begin(), all.end(), 0);
            std::shuffle(all.begin(), all.end(), rng);
            all.resize(pick(1, std::min(2, nModels)));
            u.candidateModels = all;
            u.samples = pick(1, 8);
            u.device = DeviceComputeModel(1024, 600e6, 1e-26, 50e6, 600e6);
            u.deadlineS = uni(0.05, 1.5);
            u.spectralEfficiency = uni(0.5, 6.0);
            p.base.users.push_back(u);
            p.accuracyRequirement.push_back(uni(0.3, 0.9));
            p.threshold.push_back(pick(0, 4) == 0 ? 1.0 : uni(0.0, 1.0));
        }
        p.base.totalBandwidthHz = uni(1e6, 40e6);

        for (bool aware : {true, false})
        {
            std::vector<std::vector<double>> need(nUsers);
            for (int k = 0; k < nUsers; ++k)
            {
                for (uint32_t m : p.base.users[k].candidateModels)
                {
                    const StreamingExitModel& ex = p.exitModels[m];
                    const uint32_t whole = ex.GetNSideExits();
                    for (uint32_t cap = aware ? 0 : whole; cap <= whole; ++cap)
                    {
                        const auto pi = OracleDistribution(models[m].dnn, p.threshold[k], cap);
                        double acc = 0;
                        for (size_t e = 0; e < pi.size(); ++e)
                        {
                            acc += pi[e] * ex.GetAccuracy(e);
                        }
                        const double check = aware ? acc : ex.GetAccuracy(whole);
                        if (check < p.accuracyRequirement[k] - 1e-12)
                        {
                            continue;
                        }
                        const double b =
                            aware ? OracleBandwidth(
                                        models[m], cap, p.threshold[k], p.base.users[k], ex)
                                  : OracleBandwidth(models[m], whole, 1.0, p.base.users[k], ex);
                        if (std::isfinite(b))
                        {
                            need[k].push_back(b);
                        }
                    }
                }
            }
            const uint32_t best = BruteForce(need, p.base.totalBandwidthHz);
            const SlideExitDecision d = SlideExitSolver::Solve(p, aware);
            ASSERT_EQ(d.decision.nServed, best) << "trial " << trial << " aware " << aware;
            for (int k = 0; k < nUsers; ++k)
            {
                if (!d.decision.users[k].isServed)
                {
                    continue;
                }
                EXPECT_TRUE(d.decision.prediction.users[k].isDeadlineMet) << "trial " << trial;
                if (aware)
                {
                    EXPECT_GE(d.expectedAccuracy[k], p.accuracyRequirement[k] - 1e-12);
                    prefixGrants += d.cap[k] < p.exitModels[d.baseModel[k]].GetNSideExits();
                }
            }
            servedTotal += aware ? best : 0;
        }
    }
    EXPECT_GT(servedTotal, 200u) << "instances are not trivial";
    EXPECT_GT(prefixGrants, 50u) << "prefixes are granted";
}

// With the whole model admissible at theta = 1 (no early exits), exit-aware SLIDE equals
// plain SLIDE on the whole models; with BranchyAlexNet and a low requirement it grants the
// first exit's prefix and needs less bandwidth than the exit-unaware baseline.
TEST(SlideExitSolver, BranchyAlexNetPrefixNeedsLessBandwidth)
{
    DnnModel alex = DnnModelZoo::BranchyAlexNet();
    SlideExitProblem p;
    p.base.models.push_back(SlideModel::FromDnnModel(alex));
    p.exitModels.emplace_back(alex, std::vector<double>{0.64, 0.72, 0.7838});
    SlideUser u;
    u.candidateModels = {0};
    u.samples = 16;
    u.device = DeviceComputeModel(64, 625e6);
    u.deadlineS = 1.0;
    u.spectralEfficiency = 3.0;
    p.base.users = {u, u};
    p.base.totalBandwidthHz = 20e6;
    p.accuracyRequirement = {0.6, 0.7838};
    p.threshold = {0.9, 1.0};
    const SlideExitDecision aware = SlideExitSolver::Solve(p, true);
    const SlideExitDecision unaware = SlideExitSolver::Solve(p, false);
    ASSERT_TRUE(aware.decision.users[0].isServed);
    ASSERT_TRUE(unaware.decision.users[0].isServed);
    EXPECT_EQ(aware.cap[0], 0u);
    EXPECT_EQ(aware.cap[1], 2u); // needs the whole model
    EXPECT_LT(aware.decision.users[0].minBandwidthHz,
              0.5 * unaware.decision.users[0].minBandwidthHz);
    EXPECT_NEAR(aware.decision.users[1].minBandwidthHz,
                unaware.decision.users[1].minBandwidthHz,
                1e-6 * unaware.decision.users[1].minBandwidthHz);
    EXPECT_LT(aware.expectedBits[0], aware.prefixBits[0] + 1e-9);
    SlideExitProblem bad = p;
    bad.threshold = {0.5};
    EXPECT_THROW(SlideExitSolver::Solve(bad), std::invalid_argument);
}
