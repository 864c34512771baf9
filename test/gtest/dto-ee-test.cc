/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief GoogleTest unit tests of DTO-EE (model/dto-ee/dto-ee-solver.h, dto-ee-agent.h,
 * dto-ee-json.h: instance and decision JSON against the direct solver).
 *
 * Reference values: the worked example of the reconstruction R5.6 of [5] (printed digits, hand
 * arithmetic in the comments), finite differences of the objective (written here), closed forms,
 * and the message-count formula 2 |E| per round.
 */

#include "ns3/dnn-model-zoo.h"
#include "ns3/dto-ee-agent.h"
#include "ns3/dto-ee-json.h"
#include "ns3/dto-ee-solver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// Relative tolerance against digits printed in the reconstruction.
constexpr double SPEC_REL_TOL = 1e-4;

/**
 * @brief Expect |actual - expected| <= relTol * |expected|.
 * @param [in] actual computed value
 * @param [in] expected reference value
 * @param [in] relTol relative tolerance
 */
void
ExpectRel(double actual, double expected, double relTol)
{
    EXPECT_LE(std::abs(actual - expected), relTol * std::abs(expected))
        << "actual " << actual << " expected " << expected;
}

/**
 * @brief The chain A -> {B, C} of R5.6 of [5]: lambda = 20/s at A, mu = 50, 20, 30 task/s,
 * d = 1e6 bit / 2e8 bit/s = 5 ms, q(theta) = 2 (1 - theta) on [0.5, 1], a_1(theta) =
 * (1 + theta) / 2, final accuracy 0.9. Node 0 = A, 1 = B, 2 = C; link 0 = A->B, 1 = A->C.
 * @param [in] beta beta, s
 * @return the problem
 */
DtoEeProblem
WorkedExample(double beta)
{
    DtoEeProblem p;
    DtoEeStage s0;
    s0.workFlop = 1e9;
    s0.featureBits = 1e6;
    s0.exit.exitProfile = {{0.5, 1.0}, {1.0, 0.0}};
    s0.exitAccuracy = {{0.5, 0.75}, {1.0, 1.0}};
    DtoEeStage s1;
    s1.workFlop = 1e9;
    s1.exit.accuracy = 0.9;
    p.stages = {s0, s1};
    p.nodes = {{0, 50e9, 20.0}, {1, 20e9, 0.0}, {1, 30e9, 0.0}};
    p.links = {{0, 1, 2e8, 0.0}, {0, 2, 2e8, 0.0}};
    p.betaS = beta;
    return p;
}

/**
 * @brief A strategy of the worked example.
 * @param [in] theta threshold of A
 * @param [in] xB fraction of A's continuing tasks sent to B
 * @return the strategy
 */
DtoEeStrategy
ExampleStrategy(double theta, double xB)
{
    DtoEeStrategy s;
    s.threshold = {theta, 0.0, 0.0};
    s.split = {xB, 1.0 - xB};
    return s;
}

/**
 * @brief A random, stable, small stage graph.
 * @param [in] rng generator
 * @param [in] nStages H
 * @param [in] maxPerStage max nodes per stage
 * @return the problem
 */
DtoEeProblem
RandomProblem(std::mt19937_64& rng, uint32_t nStages, uint32_t maxPerStage)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::uniform_int_distribution<uint32_t> count(1, maxPerStage);
    DtoEeProblem p;
    for (uint32_t h = 0; h < nStages; ++h)
    {
        DtoEeStage s;
        s.workFlop = 1e9;
        s.featureBits = 1e5 + 1e6 * u(rng);
        const double q1 = 0.6 + 0.4 * u(rng);
        const double q2 = q1 * (0.2 + 0.5 * u(rng));
        s.exit.exitProfile = {{0.3, q1}, {0.7 + 0.2 * u(rng), q2}, {1.0, 0.0}};
        s.exit.accuracy = 0.6 + 0.1 * h + 0.1 * u(rng);
        s.exitAccuracy = {{0.3, s.exit.accuracy - 0.1},
                          {1.0, std::min(1.0, s.exit.accuracy + 0.2)}};
        p.stages.push_back(s);
    }
    std::vector<std::vector<uint32_t>> stageNodes(nStages);
    double lambda = 0;
    for (uint32_t h = 0; h < nStages; ++h)
    {
        const uint32_t k = count(rng);
        for (uint32_t c = 0; c < k; ++c)
        {
            DtoEeNode n;
            n.stage = h;
            n.speedFlops = (20.0 + 40.0 * u(rng)) * 1e9;
            if (h == 0)
            {
                n.arrivalRate = (0.2 + 0.4 * u(rng)) * n.speedFlops / 1e9;
                lambda += n.arrivalRate;
            }
            stageNodes[h].push_back(static_cast<uint32_t>(p.nodes.size()));
            p.nodes.push_back(n);
        }
    }
    // Make later stages able to carry everything (stability under any threshold).
    for (uint32_t h = 1; h < nStages; ++h)
    {
        double cap = 0;
        for (uint32_t j : stageNodes[h])
        {
            cap += p.nodes[j].speedFlops / 1e9;
        }
        const double scale = std::max(1.0, 1.3 * lambda / cap);
        for (uint32_t j : stageNodes[h])
        {
            p.nodes[j].speedFlops *= scale;
        }
    }
    for (uint32_t h = 0; h + 1 < nStages; ++h)
    {
        for (uint32_t i : stageNodes[h])
        {
            for (uint32_t j : stageNodes[h + 1])
            {
                if (u(rng) < 0.7 || j == stageNodes[h + 1].back())
                {
                    p.links.push_back({i, j, 1e8 + 4e8 * u(rng), 0.002 * u(rng)});
                }
            }
        }
    }
    p.betaS = 0.1 + 0.5 * u(rng);
    return p;
}

/**
 * @brief Expect a call to throw std::invalid_argument whose message contains @p needle.
 * @param [in] f the call
 * @param [in] needle expected text
 */
template<typename F>
void
ExpectInvalid(F f, const std::string& needle)
{
    try
    {
        f();
        ADD_FAILURE() << "no exception; expected one mentioning '" << needle << "'";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

} // namespace

/// Reconstruction 5.6 table: optimal split, D and A for each threshold (routing only).
TEST(DtoEeTest, WorkedExampleTable)
{
    const DtoEeModel model(WorkedExample(0.5));
    DtoEeSolver solver(model);

    struct Row
    {
        double theta;
        double lambda2;
        double xB;
        double delayMs;
        double accuracy;
    };

    // Lambda_2 = 20 (1 - 2 (1 - theta)); A = (1 - theta^2) + 0.9 (2 theta - 1), e.g. theta = 0.8:
    // 0.36 + 0.54 = 0.90. x_B solves 20 / (20 - L x)^2 = 30 / (30 - L (1 - x))^2; theta = 0.8, L =
    // 12: x = 0.2433, L_B = 2.920, L_C = 9.080, D = (20/30 + 2.920/17.080 + 9.080/20.920 +
    // 12 * 0.005) / 20 = (0.66667 + 0.17093 + 0.43406 + 0.06) / 20 = 66.583 ms. theta = 0.6:
    // at x_B = 0, 20/20^2 = 0.05 > 30/26^2 = 0.0444, so all go to C: D = (0.66667 + 4/26 +
    // 0.02) / 20 = 42.026 ms.
    const std::vector<Row> rows{{0.6, 4, 0.0, 42.026, 0.82},
                                {0.7, 8, 0.1402, 53.178, 0.87},
                                {0.8, 12, 0.2433, 66.583, 0.90},
                                {0.9, 16, 0.2948, 82.907, 0.91},
                                {1.0, 20, 0.3258, 103.316, 0.90}};
    for (const auto& r : rows)
    {
        const DtoEeSolution sol = solver.SolveRouting(ExampleStrategy(r.theta, 0.5));
        EXPECT_NEAR(sol.evaluation.nodeRate[1] + sol.evaluation.nodeRate[2], r.lambda2, 1e-9);
        EXPECT_NEAR(sol.strategy.split[0], r.xB, 5e-5) << "theta " << r.theta;
        ExpectRel(sol.evaluation.meanDelayS * 1e3, r.delayMs, SPEC_REL_TOL);
        EXPECT_NEAR(sol.evaluation.meanAccuracy, r.accuracy, 1e-12);
        EXPECT_EQ(sol.reason, DtoEeReason::NONE);
        EXPECT_EQ(sol.evaluation.penalty, 0.0);
    }
}

/// Reconstruction 5.6: joint optimum over theta for beta = 0.5 and beta = 0.05, centralised and
/// DTO-EE.
TEST(DtoEeTest, WorkedExampleOptimumOverThreshold)
{
    {
        const DtoEeModel model(WorkedExample(0.5));
        const DtoEeSolution sol = DtoEeSolver(model).Solve();
        // Reconstruction: theta* = 0.763, D = 61.330 ms (printed at theta = 0.763), A = 0.89123:
        // A(0.763) = 1 - 0.582169 + 0.9 * 0.526 = 0.891231.
        EXPECT_NEAR(sol.strategy.threshold[0], 0.763, 1e-3);
        ExpectRel(sol.evaluation.meanDelayS * 1e3, 61.330, SPEC_REL_TOL);
        ExpectRel(sol.evaluation.meanAccuracy, 0.89123, SPEC_REL_TOL);

        DtoEeDistributed dist(model);
        const DtoEeRunResult run = dist.Run(400, 1e-9);
        EXPECT_NEAR(run.solution.strategy.threshold[0], sol.strategy.threshold[0], 1e-4);
        EXPECT_NEAR(run.solution.evaluation.objective, sol.evaluation.objective, 1e-9);
    }
    {
        const DtoEeModel model(WorkedExample(0.05));
        const DtoEeSolution sol = DtoEeSolver(model).Solve();
        // Everything exits at stage 1: theta* <= 0.5, D = 1 / (50 - 20) = 33.333 ms, A = 0.75.
        EXPECT_LE(sol.strategy.threshold[0], 0.5 + 1e-6);
        ExpectRel(sol.evaluation.meanDelayS * 1e3, 33.333, SPEC_REL_TOL);
        EXPECT_NEAR(sol.evaluation.meanAccuracy, 0.75, 1e-9);
    }
}

/// Reconstruction 5.6: one DTO-O step at theta = 0.8, x_B = 0.5 with eta = 0.5 gives x_B = 0.48501.
TEST(DtoEeTest, WorkedExampleOneDtoOStep)
{
    const DtoEeModel model(WorkedExample(0.5));
    // delta_B - delta_C = 20 / 14^2 - 30 / 24^2 = 0.102041 - 0.052083 = 0.049958 (the accuracy
    // term -0.5 * 0.9 is common); dD/dx_B = 12 * 0.049958 / 20 = 0.029974; 0.5 - 0.5 * 0.029974
    // = 0.485013.
    const DtoEeEvaluation ev = model.Evaluate(ExampleStrategy(0.8, 0.5));
    EXPECT_NEAR(ev.marginalCost[1] + 0.5 * 0.9, 0.102041, 1e-6);
    EXPECT_NEAR(ev.marginalCost[2] + 0.5 * 0.9, 0.052083, 1e-6);

    DtoEeAlgorithmOptions opt;
    opt.splitRule = DtoEeStepRule::GRADIENT;
    opt.splitStep = 0.5;
    opt.optimiseThresholds = false;
    DtoEeDistributed dist(model, opt);
    dist.SetStrategy(ExampleStrategy(0.8, 0.5));
    dist.RunRound();
    EXPECT_NEAR(dist.GetStrategy().split[0], 0.48501, 5e-6);
    EXPECT_EQ(dist.GetStrategy().threshold[0], 0.8);
}

/// Gradients of the model equal central finite differences of J_rho on random graphs.
TEST(DtoEeTest, GradientsMatchFiniteDifferences)
{
    std::mt19937_64 rng(7);
    for (int t = 0; t < 10; ++t)
    {
        const DtoEeModel model(RandomProblem(rng, 3, 3));
        const double lambda = model.GetTotalArrivalRate();
        DtoEeStrategy s = model.UniformStrategy(0.55);
        const DtoEeEvaluation ev = model.Evaluate(s);
        const double h = 1e-6;
        for (uint32_t l = 0; l < model.GetNLinks(); ++l)
        {
            // d J / d x_l (x off the simplex, a valid direction of the formula) = G_i phi_l /
            // lambda
            const uint32_t i = model.GetProblem().links[l].from;
            if (model.GetOutLinks(i).size() < 2)
            {
                continue;
            }
            const uint32_t other =
                model.GetOutLinks(i)[0] == l ? model.GetOutLinks(i)[1] : model.GetOutLinks(i)[0];
            DtoEeStrategy plus = s;
            DtoEeStrategy minus = s;
            plus.split[l] += h;
            plus.split[other] -= h;
            minus.split[l] -= h;
            minus.split[other] += h;
            const double fd =
                (model.Evaluate(plus).objective - model.Evaluate(minus).objective) / (2 * h);
            const double g = ev.nodeRate[i] * (1 - model.ExitProbability(i, s.threshold[i]));
            const auto phi = [&](uint32_t k)
            {
                return model.GetLinkDelay(k) + ev.marginalCost[model.GetProblem().links[k].to];
            };
            EXPECT_NEAR(fd, g * (phi(l) - phi(other)) / lambda, 1e-6);
        }
        for (uint32_t i = 0; i < model.GetNNodes(); ++i)
        {
            if (model.IsLastStage(i))
            {
                continue;
            }
            DtoEeStrategy plus = s;
            DtoEeStrategy minus = s;
            plus.threshold[i] += h;
            minus.threshold[i] -= h;
            const double fd =
                (model.Evaluate(plus).objective - model.Evaluate(minus).objective) / (2 * h);
            EXPECT_NEAR(fd, ev.thresholdGradient[i] / lambda, 1e-5);
        }
    }
}

/// Objective() is Evaluate().objective exactly (the forward pass alone), on random graphs and
/// random strategies (thresholds and splits), and checks its input like Evaluate().
TEST(DtoEeTest, ObjectiveEqualsEvaluate)
{
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int t = 0; t < 20; ++t)
    {
        const DtoEeModel model(RandomProblem(rng, 2 + t % 3, 2 + t % 4));
        DtoEeStrategy s = model.UniformStrategy(0.3 + 0.7 * unit(rng));
        for (uint32_t i = 0; i < model.GetNNodes(); ++i)
        {
            if (!model.IsLastStage(i))
            {
                s.threshold[i] = model.GetProblem().thresholdMin +
                                 (1.0 - model.GetProblem().thresholdMin) * unit(rng);
            }
            double sum = 0;
            for (uint32_t l : model.GetOutLinks(i))
            {
                s.split[l] = unit(rng) + 1e-3;
                sum += s.split[l];
            }
            for (uint32_t l : model.GetOutLinks(i))
            {
                s.split[l] /= sum;
            }
        }
        const DtoEeEvaluation ev = model.Evaluate(s);
        EXPECT_EQ(model.Objective(s), ev.objective) << "instance " << t;
        EXPECT_NE(ev.objective, 0.0);
    }
    const DtoEeModel model(RandomProblem(rng, 3, 3));
    DtoEeStrategy bad = model.UniformStrategy(0.5);
    bad.threshold.pop_back();
    EXPECT_THROW(model.Objective(bad), std::invalid_argument);
}

/// DTO-EE converges to the centralised optimum on random small graphs after at most 1000
/// rounds: routing only (convex in the flows; relative gap <= 5e-4, the loosest case being two
/// offloaders whose only improvement is a slow, nearly cost-neutral swap of their receivers)
/// and jointly with the thresholds (relative gap <= 1e-4).
/// DelayToExit: the R5.6 of [5] row theta = 0.8 by hand, and D = sum_i lambda_i T_i / lambda on
/// random graphs (Little's law per entry node against the model's flow-based D).
TEST(DtoEeTest, DelayToExit)
{
    const DtoEeModel model(WorkedExample(0.5));
    // theta = 0.8, x_B = 0.2433: Lambda_B = 12 x_B = 2.9196, Lambda_C = 9.0804;
    // T_B = 1 / 17.0804, T_C = 1 / 20.9196, T_A = 1/30 + 0.6 (x_B (0.005 + T_B) +
    // (1 - x_B) (0.005 + T_C)) = 0.033333 + 0.6 (0.2433 x 0.063547 + 0.7567 x 0.052803)
    // = 0.066583 s, the table's D (A is the only entry node)
    const double xB = 0.2433;
    const auto t = model.DelayToExit(ExampleStrategy(0.8, xB));
    const double tB = 1.0 / (20.0 - 12.0 * xB);
    const double tC = 1.0 / (30.0 - 12.0 * (1.0 - xB));
    EXPECT_NEAR(t[1], tB, 1e-12);
    EXPECT_NEAR(t[2], tC, 1e-12);
    EXPECT_NEAR(t[0], 1.0 / 30.0 + 0.6 * (xB * (0.005 + tB) + (1 - xB) * (0.005 + tC)), 1e-12);
    ExpectRel(t[0] * 1e3, 66.583, SPEC_REL_TOL);

    std::mt19937_64 rng(77);
    int checked = 0;
    for (int k = 0; k < 20; ++k)
    {
        const DtoEeModel m(RandomProblem(rng, 2 + k % 3, 3));
        const DtoEeStrategy s = m.UniformStrategy(0.8);
        const DtoEeEvaluation ev = m.Evaluate(s);
        if (!ev.stable)
        {
            continue;
        }
        const auto tk = m.DelayToExit(s);
        double sum = 0;
        for (uint32_t i = 0; i < m.GetNNodes(); ++i)
        {
            sum += m.GetProblem().nodes[i].arrivalRate * tk[i];
        }
        ExpectRel(sum / m.GetTotalArrivalRate(), ev.meanDelayS, 1e-12);
        ++checked;
    }
    EXPECT_GE(checked, 10) << "too few stable random instances";
}

TEST(DtoEeTest, DistributedConvergesToCentralised)
{
    std::mt19937_64 rng(2024);
    double worstRouting = 0;
    double worstJoint = -1;
    double bestJoint = 1;
    for (int t = 0; t < 12; ++t)
    {
        const uint32_t nStages = 2 + t % 3;
        const DtoEeModel model(RandomProblem(rng, nStages, 3));
        DtoEeSolverOptions so;
        so.optimiseThresholds = false;
        so.baselineThreshold = 0.8;
        const DtoEeSolution routing = DtoEeSolver(model, so).Solve();
        // Independent optimality check: moving a little mass between two successors of an
        // offloader never lowers J_rho.
        for (uint32_t i = 0; i < model.GetNNodes(); ++i)
        {
            const auto& out = model.GetOutLinks(i);
            for (uint32_t a : out)
            {
                for (uint32_t b : out)
                {
                    if (a == b || routing.strategy.split[a] < 1e-4)
                    {
                        continue;
                    }
                    DtoEeStrategy s = routing.strategy;
                    s.split[a] -= 1e-4;
                    s.split[b] += 1e-4;
                    EXPECT_GE(model.Evaluate(s).objective, routing.evaluation.objective - 1e-12);
                }
            }
        }
        DtoEeAlgorithmOptions ro;
        ro.optimiseThresholds = false;
        ro.initialThreshold = 0.8;
        const DtoEeRunResult r1 = DtoEeDistributed(model, ro).Run(1000, 1e-10);
        const double gapRouting =
            (r1.solution.evaluation.objective - routing.evaluation.objective) /
            std::abs(routing.evaluation.objective);
        worstRouting = std::max(worstRouting, std::abs(gapRouting));
        EXPECT_LE(std::abs(gapRouting), 5e-4) << "instance " << t;

        const DtoEeSolution joint = DtoEeSolver(model).Solve();
        const DtoEeRunResult r2 = DtoEeDistributed(model).Run(1000, 1e-10);
        const double gapJoint = (r2.solution.evaluation.objective - joint.evaluation.objective) /
                                std::abs(joint.evaluation.objective);
        worstJoint = std::max(worstJoint, gapJoint);
        bestJoint = std::min(bestJoint, gapJoint);
        EXPECT_LE(gapJoint, 1e-4) << "instance " << t;
    }
    std::cout << "DTO-EE vs centralised, worst relative objective gap (J_dto - J_central) / "
                 "|J_central|: routing only "
              << worstRouting << ", joint in [" << bestJoint << ", " << worstJoint
              << "] (negative: DTO-EE found a lower objective)" << std::endl;
}

/// Messages: 2 |E| per round, |E| (21 + 49) bytes per round; round trip of the wire format.
TEST(DtoEeTest, MessageCountsAndWireFormat)
{
    std::mt19937_64 rng(3);
    const DtoEeModel model(RandomProblem(rng, 4, 3));
    DtoEeDistributed dist(model);
    const DtoEeRunResult run = dist.Run(7, 0.0);
    const uint64_t e = model.GetNLinks();
    EXPECT_EQ(run.rounds, 7U);
    EXPECT_EQ(run.messages, 7 * 2 * e);
    EXPECT_EQ(run.bytes, 7 * e * (21 + 49));
    EXPECT_EQ(DtoEeDistributed::MessagesPerRound(model), 2 * e);

    DtoEeReplyMessage m;
    m.round = 3;
    m.from = 70000;
    m.to = 5;
    m.marginalCost = -0.125;
    m.arrivalRate = 12.5;
    m.serviceRate = 30;
    m.curvature = 1e-3;
    m.predecessors = 4;
    const auto wire = m.Serialize();
    ASSERT_EQ(wire.size(), 49U);
    EXPECT_EQ(wire[0], 2);
    // round 3 in network byte order
    EXPECT_EQ(wire[4], 3);
    const DtoEeReplyMessage back = DtoEeReplyMessage::Deserialize(wire);
    EXPECT_EQ(back.from, 70000U);
    EXPECT_EQ(back.marginalCost, -0.125);
    EXPECT_EQ(back.curvature, 1e-3);
    EXPECT_EQ(back.predecessors, 4U);
    EXPECT_EQ(wire[48], 4); // last byte of the big-endian count
    DtoEeUpdateMessage u;
    u.from = 1;
    u.to = 2;
    u.rate = 4.5;
    EXPECT_EQ(DtoEeUpdateMessage::Deserialize(u.Serialize()).rate, 4.5);
    ExpectInvalid([&] { DtoEeUpdateMessage::Deserialize(wire); }, "size = 49");
    auto bad = u.Serialize();
    bad[0] = 9;
    ExpectInvalid([&] { DtoEeUpdateMessage::Deserialize(bad); }, "type = 9");
}

/// Penalty and monotone properties implied by R5.1–R5.2 of [5].
TEST(DtoEeTest, PenaltyAndMonotoneProperties)
{
    // Node cost: below (1 - eps) mu it is L / (mu - L); above, linear extension + rho excess^2.
    // mu = 20, eps = 0.05: knee 19, T(19) = 19, T'(19) = 20; at 21: 19 + 2 * 20 + rho * 4.
    EXPECT_DOUBLE_EQ(DtoEeNodeCost::Value(10, 20, 1e3, 0.05), 1.0);
    EXPECT_DOUBLE_EQ(DtoEeNodeCost::Value(21, 20, 1e3, 0.05), 19 + 40 + 4000);
    EXPECT_DOUBLE_EQ(DtoEeNodeCost::Derivative(21, 20, 1e3, 0.05), 20 + 2e3 * 2);

    // The optimal accuracy does not decrease with beta (comparative statics of D - beta A).
    double prevA = 0;
    for (double beta : {0.0, 0.05, 0.2, 0.5, 1.0, 3.0})
    {
        const DtoEeModel model(WorkedExample(beta));
        const DtoEeSolution sol = DtoEeSolver(model).Solve();
        EXPECT_GE(sol.evaluation.meanAccuracy, prevA - 1e-6) << "beta " << beta;
        prevA = sol.evaluation.meanAccuracy;
    }

    // Centralised optimum is no worse than every baseline.
    std::mt19937_64 rng(11);
    for (int t = 0; t < 5; ++t)
    {
        const DtoEeModel model(RandomProblem(rng, 3, 3));
        DtoEeSolver solver(model);
        const double best = solver.Solve().evaluation.objective;
        for (auto scheme : {DtoEeScheme::FIXED_THRESHOLD,
                            DtoEeScheme::NO_EARLY_EXIT,
                            DtoEeScheme::UNIFORM_OFFLOADING,
                            DtoEeScheme::RANDOM_OFFLOADING,
                            DtoEeScheme::JOIN_LEAST_LOADED})
        {
            const DtoEeSolution b = solver.SolveScheme(scheme);
            EXPECT_GE(b.evaluation.objective, best - 1e-9) << ToString(scheme);
            EXPECT_EQ(b.scheme, scheme);
        }
        // No early exit: every task reaches the last stage (q(1) = 0 in RandomProblem).
        const DtoEeSolution ne = solver.SolveScheme(DtoEeScheme::NO_EARLY_EXIT);
        double last = 0;
        for (uint32_t j : model.GetStageNodes(model.GetNStages() - 1))
        {
            last += ne.evaluation.nodeRate[j];
        }
        EXPECT_NEAR(last, model.GetTotalArrivalRate(), 1e-9);
    }

    // Exit probabilities come from the module's EarlyExitBranch (zoo's B-AlexNet exit 1).
    const DnnModel alex = DnnModelZoo::BranchyAlexNet();
    DtoEeProblem p = WorkedExample(0.5);
    p.stages[0].exit = alex.GetExits()[0];
    p.stages[0].exitAccuracy.clear();
    const DtoEeModel zooModel(p);
    for (double th : {0.1, 0.5, 0.9, 0.95})
    {
        EXPECT_EQ(zooModel.ExitProbability(0, th), alex.GetExits()[0].ExitProbability(th));
        EXPECT_EQ(zooModel.ExitAccuracy(0, th), alex.GetExits()[0].accuracy);
    }
}

/// Overload: a defined answer with a reason, finite penalised objective, infinite delay.
TEST(DtoEeTest, OverloadGivesReason)
{
    DtoEeProblem p = WorkedExample(0.5);
    p.nodes[1].speedFlops = 5e9; // mu_B = 5
    p.nodes[2].speedFlops = 8e9; // mu_C = 8: 13 < 20 tasks/s reaching stage 2 at theta = 1
    p.thresholdMin = 0.9;        // at least 16 task/s reach stage 2 > 0.95 * 13
    const DtoEeModel model(p);
    EXPECT_EQ(model.CapacityCheck(), DtoEeReason::STAGE_OVERLOADED);
    const DtoEeSolution sol = DtoEeSolver(model).Solve();
    EXPECT_EQ(sol.reason, DtoEeReason::STAGE_OVERLOADED);
    EXPECT_TRUE(std::isfinite(sol.evaluation.objective));
    EXPECT_GT(sol.evaluation.penalty, 0.0);
    const DtoEeRunResult run = DtoEeDistributed(model).Run(50);
    EXPECT_EQ(run.solution.reason, DtoEeReason::STAGE_OVERLOADED);
    EXPECT_EQ(ToString(DtoEeReason::STAGE_OVERLOADED), "STAGE_OVERLOADED");
}

/// Dynamic scenario: after node speeds change, the agents follow to the new optimum.
TEST(DtoEeTest, DynamicEnvironment)
{
    const DtoEeModel before(WorkedExample(0.5));
    DtoEeProblem p = WorkedExample(0.5);
    std::swap(p.nodes[1].speedFlops, p.nodes[2].speedFlops); // B fast, C slow now
    const DtoEeModel after(p);
    DtoEeDistributed dist(before);
    dist.Run(200, 1e-10);
    EXPECT_LT(dist.GetStrategy().split[0], 0.5);
    dist.UpdateEnvironment(after);
    const DtoEeRunResult run = dist.Run(400, 1e-10);
    const DtoEeSolution ref = DtoEeSolver(after).Solve();
    EXPECT_GT(run.solution.strategy.split[0], 0.5);
    EXPECT_NEAR(run.solution.evaluation.objective, ref.evaluation.objective, 1e-8);
}

/// Bad input names the field and the value.
TEST(DtoEeTest, BadInput)
{
    ExpectInvalid(
        []
        {
            DtoEeProblem p = WorkedExample(0.5);
            p.links[1].rateBps = -1;
            DtoEeModel m(p);
        },
        "links[1].rateBps = -1");
    ExpectInvalid(
        []
        {
            DtoEeProblem p = WorkedExample(0.5);
            p.nodes[0].arrivalRate = -3;
            DtoEeModel m(p);
        },
        "nodes[0].arrivalRate = -3");
    ExpectInvalid(
        []
        {
            DtoEeProblem p = WorkedExample(0.5);
            p.nodes[0].arrivalRate = 60; // mu_A = 50
            DtoEeModel m(p);
        },
        "nodes[0].arrivalRate = 60: unstable load");
    ExpectInvalid(
        []
        {
            DtoEeProblem p = WorkedExample(0.5);
            p.links.clear();
            DtoEeModel m(p);
        },
        "nodes[0] successors = 0: no path to the last stage");
    ExpectInvalid(
        []
        {
            DtoEeProblem p = WorkedExample(0.5);
            p.thresholdMin = 1.5;
            DtoEeModel m(p);
        },
        "thresholdMin = 1.5");
    ExpectInvalid(
        []
        {
            DtoEeProblem p = WorkedExample(0.5);
            p.stages[0].exit.exitProfile = {{-0.1, 1.0}, {1.0, 0.0}};
            DtoEeModel m(p);
        },
        "stages[0].exit.exitProfile[0].threshold = -0.1");
    ExpectInvalid(
        []
        {
            DtoEeProblem p = WorkedExample(0.5);
            p.links.push_back({1, 2, 1e8, 0});
            DtoEeModel m(p);
        },
        "links[2].to = 2");
    ExpectInvalid(
        []
        {
            DtoEeProblem p = WorkedExample(0.5);
            p.epsilon = 0; // knee at mu: the penalised cost divides by zero there
            DtoEeModel m(p);
        },
        "epsilon = 0");
    const DtoEeModel model(WorkedExample(0.5));
    ExpectInvalid(
        [&]
        {
            DtoEeSolverOptions o;
            o.baselineThreshold = std::nan("");
            DtoEeSolver s(model, o);
        },
        "options.baselineThreshold = nan");
    ExpectInvalid(
        [&]
        {
            DtoEeSolverOptions o;
            o.routingTolerance = 0;
            DtoEeSolver s(model, o);
        },
        "options.routingTolerance = 0");
    ExpectInvalid([&] { model.Evaluate(ExampleStrategy(1.2, 0.5)); }, "threshold[0] = 1.2");
    ExpectInvalid([&] { model.Evaluate(ExampleStrategy(0.8, 1.5)); }, "split[1] = -0.5");
    ExpectInvalid([&] { DtoEeSolver(model).SolveScheme(DtoEeScheme::DTO_EE); },
                  "scheme = distributed");
    ExpectInvalid(
        [&]
        {
            DtoEeAlgorithmOptions o;
            o.initialThreshold = 2;
            DtoEeDistributed d(model, o);
        },
        "initialThreshold = 2");
}

/// The reconstruction's GRADIENT rules (x and theta) also reach the optimum of R5.6 of [5] (beta =
/// 0.5).
TEST(DtoEeTest, GradientRuleConvergesOnWorkedExample)
{
    const DtoEeModel model(WorkedExample(0.5));
    DtoEeAlgorithmOptions opt;
    opt.splitRule = DtoEeStepRule::GRADIENT;
    opt.thresholdRule = DtoEeStepRule::GRADIENT;
    opt.splitStep = 0.5;
    opt.thresholdStep = 0.5;
    const DtoEeRunResult run = DtoEeDistributed(model, opt).Run(3000, 1e-10);
    // theta* = 0.763 and x_B* between the table's 0.2433 (theta 0.8) and 0.1402 (theta 0.7).
    EXPECT_NEAR(run.solution.strategy.threshold[0], 0.763, 1e-3);
    EXPECT_GT(run.solution.strategy.split[0], 0.1402);
    EXPECT_LT(run.solution.strategy.split[0], 0.2433);
    ExpectRel(run.solution.evaluation.meanDelayS * 1e3, 61.330, SPEC_REL_TOL);
}

/// An agent accepts messages only from its neighbours, for itself, in the current round.
TEST(DtoEeTest, AgentRejectsForeignMessages)
{
    DtoEeAgentConfig c;
    c.node = 0;
    c.serviceRate = 50;
    c.externalRate = 20;
    c.exit.exitProfile = {{0.5, 1.0}, {1.0, 0.0}};
    c.successors = {1, 2};
    c.linkDelayS = {0.005, 0.005};
    DtoEeAgent agent(c, DtoEeAlgorithmOptions{}, 20.0);
    DtoEeReplyMessage r;
    r.from = 7; // not a successor
    r.to = 0;
    ExpectInvalid([&] { agent.ReceiveReply(r); }, "unexpected reply from 7");
    r.from = 1;
    r.round = 5; // wrong round
    ExpectInvalid([&] { agent.ReceiveReply(r); }, "round 5");
    DtoEeUpdateMessage u;
    u.from = 3; // node 0 has no predecessor
    ExpectInvalid([&] { agent.ReceiveUpdate(u); }, "unexpected update from 3");
    // Missing replies: the DTO-R computation refuses to run.
    EXPECT_THROW(agent.MakeReplies(), std::logic_error);
    // Planned flows: 20 (1 - q(0.8)) = 20 * 0.6 = 12 task/s, half to each successor.
    const auto updates = agent.MakeUpdates();
    ASSERT_EQ(updates.size(), 2U);
    EXPECT_DOUBLE_EQ(updates[0].rate, 6.0);
    EXPECT_DOUBLE_EQ(updates[1].rate, 6.0);
}

/// One name per scheme: ToString and DtoEeSchemeFromString are inverse, other spellings fail.
TEST(DtoEeTest, SchemeNameTable)
{
    ASSERT_EQ(DtoEeSchemeNames().size(), 7U);
    for (const auto& [scheme, name] : DtoEeSchemeNames())
    {
        EXPECT_EQ(ToString(scheme), name);
        ASSERT_TRUE(DtoEeSchemeFromString(name).has_value()) << name;
        EXPECT_EQ(*DtoEeSchemeFromString(name), scheme);
        EXPECT_EQ(name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_ "), std::string::npos) << name;
    }
    EXPECT_EQ(ToString(DtoEeScheme::DTO_EE), "distributed");
    EXPECT_FALSE(DtoEeSchemeFromString("FIXED_THRESHOLD").has_value());
    EXPECT_FALSE(DtoEeSchemeFromString("dtoee").has_value());
    const auto list = DtoEeSchemeList("distributed,no-early-exit");
    ASSERT_EQ(list.size(), 2U);
    EXPECT_EQ(list[1], DtoEeScheme::NO_EARLY_EXIT);
    ExpectInvalid([] { DtoEeSchemeList("distributed,jll"); }, "unknown scheme \"jll\"");
    // the CLI's algorithms are the table's names
    for (const auto& a : json::DtoEeAlgorithms())
    {
        EXPECT_TRUE(DtoEeSchemeFromString(a.name).has_value()) << a.name;
    }
}

/// InstanceToJson -> DtoEeSolve (the CLI's code path) gives exactly the direct solver's
/// decision and prediction, on random small instances and every static scheme.
TEST(DtoEeTest, InstanceJsonSolveEqualsDirectSolver)
{
    std::mt19937_64 rng(99);
    for (int k = 0; k < 6; ++k)
    {
        const DtoEeProblem p = RandomProblem(rng, 2 + k % 3, 3);
        // through the text, as a file would carry it
        const json::Json in = json::ParseDocument(json::DtoEeInstanceToJson(p).dump(2));
        const DtoEeModel model(p);
        for (const auto& [scheme, name] : DtoEeSchemeNames())
        {
            if (scheme == DtoEeScheme::DTO_EE)
            {
                continue;
            }
            const json::Json out = json::DtoEeSolve(json::JsonNode(in, ""), name);
            const DtoEeSolution direct = DtoEeSolver(model).SolveScheme(scheme);
            EXPECT_EQ(out.dump(), json::DtoEeDecisionToJson(p, direct, name).dump())
                << "instance " << k << " " << name;
            const DtoEeSolution back = json::DtoEeDecisionFromJson(json::JsonNode(out, ""), p);
            ASSERT_EQ(back.strategy.split.size(), direct.strategy.split.size());
            for (size_t l = 0; l < back.strategy.split.size(); ++l)
            {
                EXPECT_EQ(back.strategy.split[l], direct.strategy.split[l]) << name << " x " << l;
            }
            for (uint32_t i = 0; i < model.GetNNodes(); ++i)
            {
                if (!model.IsLastStage(i))
                {
                    EXPECT_EQ(back.strategy.threshold[i], direct.strategy.threshold[i]) << name;
                }
            }
        }
    }
}

/// DecisionToJson -> text -> DecisionFromJson restores the decision; NOT_SERVED too; a
/// missing link, a foreign link and a wrong value are errors naming the JSON path.
TEST(DtoEeTest, DecisionJsonRoundTrip)
{
    std::mt19937_64 rng(5);
    const DtoEeProblem p = RandomProblem(rng, 3, 3);
    const DtoEeModel model(p);
    DtoEeSolution sol = DtoEeSolver(model).SolveScheme(DtoEeScheme::RANDOM_OFFLOADING);
    sol.iterations = 17;
    const json::Json doc =
        json::ParseDocument(json::DtoEeDecisionToJson(p, sol, "random-offloading").dump());
    const DtoEeSolution back = json::DtoEeDecisionFromJson(json::JsonNode(doc, ""), p);
    EXPECT_EQ(back.scheme, DtoEeScheme::RANDOM_OFFLOADING);
    EXPECT_EQ(back.iterations, 17U);
    EXPECT_EQ(back.strategy.split, sol.strategy.split);
    for (uint32_t i = 0; i < model.GetNNodes(); ++i)
    {
        EXPECT_EQ(back.strategy.threshold[i],
                  model.IsLastStage(i) ? 0.0 : sol.strategy.threshold[i]);
    }
    EXPECT_EQ(DtoEeSolver::CheckDecision(p, back), "");
    const DtoEeSolution predicted = DtoEeSolver(model).Predict(back);
    EXPECT_EQ(predicted.evaluation.meanDelayS, sol.evaluation.meanDelayS);

    const DtoEeSolution none = DtoEeSolver(model).ServeNobody();
    const json::Json noneDoc = json::DtoEeDecisionToJson(p, none, "mine");
    EXPECT_EQ(noneDoc["decision"]["reason"], "NOT_SERVED");
    EXPECT_EQ(json::DtoEeDecisionFromJson(json::JsonNode(noneDoc, ""), p).reason,
              DtoEeReason::NOT_SERVED);

    auto expectError = [&p](const json::Json& d, const std::string& needle)
    {
        try
        {
            json::DtoEeDecisionFromJson(json::JsonNode(d, ""), p);
            ADD_FAILURE() << "no error; expected '" << needle << "'";
        }
        catch (const json::JsonInputError& e)
        {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    json::Json missing = doc;
    missing["decision"]["links"].erase(0);
    expectError(missing,
                "decision.links: no split for link " + std::to_string(p.links[0].from) + " -> " +
                    std::to_string(p.links[0].to));
    json::Json foreign = doc;
    foreign["decision"]["links"][0]["to"] = p.links[0].from; // same stage: no such link
    expectError(foreign, "decision.links[0]: no link");
    json::Json wrong = doc;
    wrong["decision"]["nodes"][0]["threshold"] = "high";
    expectError(wrong, "decision.nodes[0].threshold: expected");
    json::Json unknownNode = doc;
    unknownNode["decision"]["nodes"][0]["node"] = "A";
    expectError(unknownNode, "decision.nodes[0].node: expected a node index");

    // constraint violations are CheckDecision's, naming the node and the field
    DtoEeSolution bad = back;
    bad.strategy.split[model.GetOutLinks(0)[0]] += 0.25;
    EXPECT_NE(DtoEeSolver::CheckDecision(p, bad).find("nodes[0].split: sums to"), std::string::npos)
        << DtoEeSolver::CheckDecision(p, bad);
    bad = back;
    bad.strategy.threshold[0] = -0.5;
    EXPECT_EQ(DtoEeSolver::CheckDecision(p, bad).rfind("nodes[0].threshold = -0.5: must be in", 0),
              0U)
        << DtoEeSolver::CheckDecision(p, bad);
}

/// M/G/1 nodes (Pollaczek-Khinchine): the node cost, its derivatives and the sojourn time
/// for a service-time SCV c^2, by hand and by finite differences; c^2 = 1 is M/M/1 exactly.
TEST(DtoEeTest, PollaczekKhinchineNodeCost)
{
    // mu = 20, Lambda = 10: M/M/1 sojourn 1/10 = 0.1 s; M/D/1: 1/20 + 10 / (2 x 20 x 10)
    // = 0.05 + 0.025 = 0.075 s (half the M/M/1 wait 0.05 s); c^2 = 2: 0.05 + 0.075 = 0.125 s
    EXPECT_DOUBLE_EQ(DtoEeNodeCost::Sojourn(10, 20), 0.1);
    EXPECT_DOUBLE_EQ(DtoEeNodeCost::Sojourn(10, 20, 0.0), 0.075);
    EXPECT_DOUBLE_EQ(DtoEeNodeCost::Sojourn(10, 20, 2.0), 0.125);
    EXPECT_EQ(DtoEeNodeCost::Sojourn(20, 20, 0.0), std::numeric_limits<double>::infinity());
    // N(L) = L T(L): M/D/1 at L = 10 holds 0.75 tasks
    EXPECT_DOUBLE_EQ(DtoEeNodeCost::Value(10, 20, 1e3, 0.05, 0.0), 0.75);
    EXPECT_DOUBLE_EQ(DtoEeNodeCost::Value(10, 20, 1e3, 0.05, 1.0),
                     DtoEeNodeCost::Value(10, 20, 1e3, 0.05));
    for (double scv : {0.0, 0.3, 1.0, 2.5})
    {
        for (double l : {1.0, 8.0, 15.0, 18.5, 19.5, 22.0})
        {
            const double h = 1e-5;
            const double fd1 = (DtoEeNodeCost::Value(l + h, 20, 1e3, 0.05, scv) -
                                DtoEeNodeCost::Value(l - h, 20, 1e3, 0.05, scv)) /
                               (2 * h);
            EXPECT_NEAR(DtoEeNodeCost::Derivative(l, 20, 1e3, 0.05, scv),
                        fd1,
                        1e-5 * std::max(1.0, std::abs(fd1)))
                << "c2 " << scv << " L " << l;
            const double fd2 = (DtoEeNodeCost::Derivative(l + h, 20, 1e3, 0.05, scv) -
                                DtoEeNodeCost::Derivative(l - h, 20, 1e3, 0.05, scv)) /
                               (2 * h);
            EXPECT_NEAR(DtoEeNodeCost::SecondDerivative(l, 20, 1e3, 0.05, scv),
                        fd2,
                        1e-4 * std::max(1.0, std::abs(fd2)))
                << "c2 " << scv << " L " << l;
            if (l < 19)
            {
                EXPECT_NEAR(DtoEeNodeCost::Value(l, 20, 1e3, 0.05, scv),
                            l * DtoEeNodeCost::Sojourn(l, 20, scv),
                            1e-12);
            }
        }
    }
}

/// The model with M/D/1 nodes: the worked example's delay by hand, Little's law per entry node,
/// the gradients, and DTO-EE's agents (which use the same c^2) reaching the centralised optimum.
TEST(DtoEeTest, DeterministicServiceModel)
{
    DtoEeProblem p = WorkedExample(0.5);
    p.serviceScv = 0.0;
    const DtoEeModel model(p);
    const double xB = 0.2433;
    const auto t = model.DelayToExit(ExampleStrategy(0.8, xB));
    const double lB = 12.0 * xB;
    const double lC = 12.0 * (1.0 - xB);
    const double tB = 1.0 / 20 + lB / (2 * 20 * (20 - lB));
    const double tC = 1.0 / 30 + lC / (2 * 30 * (30 - lC));
    const double tA = 1.0 / 50 + 20.0 / (2 * 50 * 30);
    EXPECT_NEAR(t[1], tB, 1e-12);
    EXPECT_NEAR(t[2], tC, 1e-12);
    EXPECT_NEAR(t[0], tA + 0.6 * (xB * (0.005 + tB) + (1 - xB) * (0.005 + tC)), 1e-12);
    EXPECT_NEAR(model.Evaluate(ExampleStrategy(0.8, xB)).meanDelayS, t[0], 1e-12);
    p.serviceScv = -0.1;
    EXPECT_THROW(DtoEeModel{p}, std::invalid_argument);

    std::mt19937_64 rng(2025);
    for (int k = 0; k < 6; ++k)
    {
        DtoEeProblem q = RandomProblem(rng, 2 + k % 3, 3);
        q.serviceScv = 0.0;
        const DtoEeModel m(q);
        const DtoEeSolution joint = DtoEeSolver(m).Solve();
        const DtoEeRunResult r = DtoEeDistributed(m).Run(1000, 1e-10);
        const double gap = (r.solution.evaluation.objective - joint.evaluation.objective) /
                           std::abs(joint.evaluation.objective);
        EXPECT_LE(gap, 1e-4) << "instance " << k;
        // lower delay than the M/M/1 model of the same strategy
        DtoEeProblem mm = q;
        mm.serviceScv = 1.0;
        const auto evD = m.Evaluate(joint.strategy);
        const auto evM = DtoEeModel(mm).Evaluate(joint.strategy);
        if (evD.stable && q.nodes.size() > 0)
        {
            EXPECT_LT(evD.meanDelayS, evM.meanDelayS) << "instance " << k;
        }
    }
}

/// Two-moment arrivals: the M/M/1 model unchanged, the worked example's M/D/1 downstream
/// node by hand (c_a^2 of A's thinned departures).
TEST(DtoEeTest, TwoMomentArrivalsByHand)
{
    std::mt19937_64 rng(77);
    for (int k = 0; k < 6; ++k)
    {
        const DtoEeModel m(RandomProblem(rng, 2 + k % 3, 3));
        const DtoEeStrategy s = m.UniformStrategy(0.6);
        const auto poisson = m.DelayToExit(s);
        const auto twoMoment = m.DelayToExitTwoMoment(s);
        for (uint32_t i = 0; i < m.GetNNodes(); ++i)
        {
            EXPECT_NEAR(m.ArrivalScv(s)[i], 1.0, 1e-12) << "instance " << k;
            if (std::isfinite(poisson[i]))
            {
                EXPECT_NEAR(twoMoment[i], poisson[i], 1e-12 * poisson[i]) << "instance " << k;
            }
        }
    }
    DtoEeProblem p = WorkedExample(0.5);
    p.serviceScv = 0.0;
    const DtoEeModel model(p);
    const double xB = 0.3;
    const DtoEeStrategy s = ExampleStrategy(0.8, xB); // q_A(0.8) = 0.4
    const double cd2 = (1.0 - 0.4 * 0.4) * 1.0;       // rho_A = 20 / 50, c_s^2 = 0
    const double pB = 0.6 * xB;
    const double pC = 0.6 * (1.0 - xB);
    const double caB = pB * cd2 + 1.0 - pB;
    const double caC = pC * cd2 + 1.0 - pC;
    const auto ca = model.ArrivalScv(s);
    EXPECT_NEAR(ca[0], 1.0, 1e-12);
    EXPECT_NEAR(ca[1], caB, 1e-12);
    EXPECT_NEAR(ca[2], caC, 1e-12);
    const double lB = 12.0 * xB;
    const double lC = 12.0 * (1.0 - xB);
    const double tB = 1.0 / 20 + 0.5 * caB * lB / (20 * (20 - lB));
    const double tC = 1.0 / 30 + 0.5 * caC * lC / (30 * (30 - lC));
    const double tA = 1.0 / 50 + 0.5 * 20.0 / (50 * 30);
    const auto t = model.DelayToExitTwoMoment(s);
    EXPECT_NEAR(t[1], tB, 1e-12);
    EXPECT_NEAR(t[2], tC, 1e-12);
    EXPECT_NEAR(t[0], tA + 0.6 * (xB * (0.005 + tB) + (1 - xB) * (0.005 + tC)), 1e-12);
    // pooled stage 1 (B and C both fed by A): Erlang C for c = 2 is 2 rho^2 / (1 + rho)
    const double rho = 12.0 / 50;
    const double wPool =
        0.5 * (lB * caB + lC * caC) / 12.0 * (2 * rho * rho / (1 + rho)) / (50.0 - 12.0);
    const auto tp = model.DelayToExitPooled(s);
    EXPECT_NEAR(tp[1], 1.0 / 20 + wPool, 1e-12);
    EXPECT_NEAR(tp[2], 1.0 / 30 + wPool, 1e-12);
    EXPECT_NEAR(tp[0], tA + 0.6 * (xB * (0.005 + tp[1]) + (1 - xB) * (0.005 + tp[2])), 1e-12);
}

namespace
{

/**
 * @brief Simulate, by Lindley's recursion, a two-stage network of deterministic FIFO servers:
 * Poisson arrivals at each stage-0 node, a task leaves after stage 0 with probability @p exit,
 * else it goes to a stage-1 node drawn with @p split[i] (static) or, with @p isSed, to the
 * stage-1 node of least (queue + 1) / mu (exact queue lengths).
 * @param [in] mu0 stage-0 service rates
 * @param [in] lambda0 their arrival rates
 * @param [in] exit exit probability after stage 0
 * @param [in] mu1 stage-1 service rates
 * @param [in] split per stage-0 node, the fractions to the stage-1 nodes
 * @param [in] isSed route by least expected delay instead of split
 * @param [in] horizon simulated time, s
 * @return the mean sojourn at stage 1, s
 */
double
SimulateStageOneSojourn(const std::vector<double>& mu0,
                        const std::vector<double>& lambda0,
                        double exit,
                        const std::vector<double>& mu1,
                        const std::vector<std::vector<double>>& split,
                        bool isSed,
                        double horizon)
{
    std::mt19937_64 rng(4242);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<std::pair<double, uint32_t>> forwarded; // (arrival at stage 1, from)
    for (size_t i = 0; i < mu0.size(); ++i)
    {
        std::exponential_distribution<double> gap(lambda0[i]);
        double a = 0;
        double d = 0;
        while ((a += gap(rng)) < horizon)
        {
            d = std::max(a, d) + 1.0 / mu0[i];
            if (u(rng) >= exit)
            {
                forwarded.emplace_back(d, static_cast<uint32_t>(i));
            }
        }
    }
    std::sort(forwarded.begin(), forwarded.end());
    std::vector<std::vector<double>> departures(mu1.size()); // per node, FIFO order
    std::vector<size_t> head(mu1.size(), 0);
    double sum = 0;
    uint64_t n = 0;
    for (const auto& [t, from] : forwarded)
    {
        size_t j = 0;
        if (isSed)
        {
            double best = std::numeric_limits<double>::infinity();
            for (size_t k = 0; k < mu1.size(); ++k)
            {
                while (head[k] < departures[k].size() && departures[k][head[k]] <= t)
                {
                    ++head[k];
                }
                const double q = static_cast<double>(departures[k].size() - head[k]);
                if ((q + 1) / mu1[k] < best)
                {
                    best = (q + 1) / mu1[k];
                    j = k;
                }
            }
        }
        else
        {
            double r = u(rng);
            while (j + 1 < mu1.size() && r >= split[from][j])
            {
                r -= split[from][j];
                ++j;
            }
        }
        const double last = departures[j].empty() ? 0.0 : departures[j].back();
        const double d = std::max(t, last) + 1.0 / mu1[j];
        departures[j].push_back(d);
        sum += d - t;
        ++n;
    }
    return sum / n;
}

/**
 * @brief The model's mean stage-1 sojourn (flow-weighted) from per-node delays T (stage 1 is
 * the last stage: T is the sojourn).
 * @param [in] model the model
 * @param [in] s the strategy
 * @param [in] t T per node
 * @return the mean, s
 */
double
StageOneMean(const DtoEeModel& model, const DtoEeStrategy& s, const std::vector<double>& t)
{
    const DtoEeEvaluation ev = model.Evaluate(s);
    double sum = 0;
    double rate = 0;
    for (uint32_t j : model.GetStageNodes(1))
    {
        sum += ev.nodeRate[j] * t[j];
        rate += ev.nodeRate[j];
    }
    return sum / rate;
}

} // namespace

/// Against simulation (Lindley's recursion, about 10^5 tasks per case): with deterministic
/// service the two-moment prediction of the downstream nodes is closer than the Poisson
/// (M/D/1) one and within 7 %; with least-expected-delay routing the pooled prediction is
/// closer than the per-node one and within 12 %. The example's stage speeds (s1: 1, 0.7, 0.5
/// TFLOP/s; s2: 1 and 0.6 TFLOP/s, and the 0.3x slow-down of phase 2) and loads. Measured:
/// no exit, static split: simulated 78.4 ms, two-moment 82.5, Poisson 89.2; least expected
/// delay: 54.2, pooled 59.6, per node 82.5; slowed node, exits at 0.8: 144.1, 147.4, 153.4;
/// 101.1, 105.8, 147.4.
TEST(DtoEeTest, TwoMomentAndPooledAgainstSimulation)
{
    DtoEeStage s0;
    s0.workFlop = 35.6e9;
    s0.featureBits = 0;
    s0.exit.exitProfile = {{0.3, 1.0}, {0.8, 0.45}, {1.0, 0.0}};
    DtoEeStage s1;
    s1.workFlop = 35.6e9;
    const std::vector<double> speed0{1.0e12, 0.7e12, 0.5e12};
    for (int slow = 0; slow < 2; ++slow)
    {
        const std::vector<double> speed1{slow ? 0.3e12 : 1.0e12, 0.6e12};
        DtoEeProblem p;
        p.stages = {s0, s1};
        p.serviceScv = 0.0;
        for (double f : speed0)
        {
            p.nodes.push_back({0, f, 10.0});
        }
        for (double f : speed1)
        {
            p.nodes.push_back({1, f, 0.0});
        }
        for (uint32_t i = 0; i < 3; ++i)
        {
            p.links.push_back({i, 3, 1e12, 0.0});
            p.links.push_back({i, 4, 1e12, 0.0});
        }
        const DtoEeModel model(p);
        std::vector<double> mu0;
        std::vector<double> mu1;
        for (uint32_t i = 0; i < 3; ++i)
        {
            mu0.push_back(model.GetServiceRate(i));
        }
        for (uint32_t j = 3; j < 5; ++j)
        {
            mu1.push_back(model.GetServiceRate(j));
        }
        const double q = model.ExitProbability(0, slow ? 0.8 : 1.0);
        // static split: the solver's fluid join-least-loaded split (balanced utilisation)
        DtoEeStrategy th = model.UniformStrategy(slow ? 0.8 : 1.0);
        const DtoEeStrategy s = DtoEeSolver(model).JoinLeastLoadedStrategy(th);
        std::vector<std::vector<double>> split(3);
        for (uint32_t l = 0; l < p.links.size(); ++l)
        {
            split[p.links[l].from].push_back(s.split[l]);
        }
        const double simStatic =
            SimulateStageOneSojourn(mu0, {10, 10, 10}, q, mu1, split, false, 6000);
        const double poisson = StageOneMean(model, s, model.DelayToExit(s));
        const double twoMoment = StageOneMean(model, s, model.DelayToExitTwoMoment(s));
        EXPECT_LT(std::abs(twoMoment - simStatic), std::abs(poisson - simStatic))
            << "slow " << slow << ": simulated " << simStatic << " two-moment " << twoMoment
            << " Poisson " << poisson;
        EXPECT_NEAR(twoMoment, simStatic, 0.07 * simStatic) << "slow " << slow;

        const double simSed = SimulateStageOneSojourn(mu0, {10, 10, 10}, q, mu1, split, true, 6000);
        const double pooled = StageOneMean(model, s, model.DelayToExitPooled(s));
        EXPECT_LT(std::abs(pooled - simSed), std::abs(twoMoment - simSed))
            << "slow " << slow << ": simulated " << simSed << " pooled " << pooled << " per node "
            << twoMoment;
        EXPECT_NEAR(pooled, simSed, 0.12 * simSed) << "slow " << slow;
    }
}
