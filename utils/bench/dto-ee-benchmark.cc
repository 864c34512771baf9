/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief DTO-EE (pure C++ layer, no simulation): convergence rounds and control-message
 * overhead of the distributed iteration versus the number of nodes and of stages, the
 * objective gap to the centralised solver, and the baselines on one instance.
 *
 * Instances follow the defaults of the seed R5.5 of [5] [A]: mu_i 10-60 task/s, link
 * delays 2-10 ms, beta = 0.5 s, rho = 1e3, eps = 0.05; N nodes spread over H stages, each
 * node linked to up to 3 random next-stage nodes (every node has a predecessor); external
 * arrivals at 50% of the first stage's capacity, later stages sized to carry all tasks.
 * Exit heads: q(theta) piecewise linear (1 at 0.3, 0.4-0.8 at 0.8, 0 at 1), accuracy rising
 * with the stage and the threshold. Everything printed is deterministic (fixed seeds).
 *
 * "rounds to x%" is the first round after which the DTO-EE objective stays within x% (of
 * |J*|) of the centralised optimum J* until the last round; "MISS" marks a message count
 * different from the formula 2 |E| per round.
 *
 * At scale (H = 5, N = 100, 200, 500): the centralised solve time (median of 3, with its
 * fitted growth exponent) and the distributed rounds to 1 % of the optimum (up to 1000
 * rounds); targets, with PASS or MISS: centralised N = 500 < 1 s, distributed N = 500
 * within 1 %.
 *
 *     ./dto-ee-benchmark            # N up to 50, H = 2..5, then N = 100..500
 *     ./dto-ee-benchmark --quick    # small subset (CTest smoke test)
 *     ./dto-ee-benchmark --rounds=500 --csv=dto.csv
 */

#include "bench-util.h"

#include "ns3/command-line.h"
#include "ns3/dto-ee-agent.h"
#include "ns3/dto-ee-solver.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::bench;

namespace
{

/**
 * @brief Build a benchmark instance.
 * @param [in] nNodes N (>= H)
 * @param [in] nStages H
 * @param [in] seed generator seed
 * @return the problem
 */
DtoEeProblem
MakeInstance(uint32_t nNodes, uint32_t nStages, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    DtoEeProblem p;
    for (uint32_t h = 0; h < nStages; ++h)
    {
        DtoEeStage s;
        s.workFlop = 1e9;
        s.featureBits = 1e6;
        s.exit.exitProfile = {{0.3, 1.0}, {0.8, 0.4 + 0.4 * u(rng)}, {1.0, 0.0}};
        s.exit.accuracy = std::min(0.95, 0.7 + 0.05 * h);
        s.exitAccuracy = {{0.3, s.exit.accuracy - 0.15}, {1.0, s.exit.accuracy + 0.05}};
        p.stages.push_back(s);
    }
    std::vector<std::vector<uint32_t>> stageNodes(nStages);
    for (uint32_t i = 0; i < nNodes; ++i)
    {
        DtoEeNode n;
        n.stage = i < nStages ? i : static_cast<uint32_t>(u(rng) * nStages) % nStages;
        n.speedFlops = (10.0 + 50.0 * u(rng)) * 1e9;
        stageNodes[n.stage].push_back(i);
        p.nodes.push_back(n);
    }
    double firstCap = 0;
    for (uint32_t i : stageNodes[0])
    {
        firstCap += p.nodes[i].speedFlops / 1e9;
    }
    const double lambda = 0.5 * firstCap;
    for (uint32_t i : stageNodes[0])
    {
        p.nodes[i].arrivalRate = 0.5 * p.nodes[i].speedFlops / 1e9;
    }
    for (uint32_t h = 1; h < nStages; ++h)
    {
        double cap = 0;
        for (uint32_t j : stageNodes[h])
        {
            cap += p.nodes[j].speedFlops / 1e9;
        }
        const double scale = std::max(1.0, 1.4 * lambda / cap);
        for (uint32_t j : stageNodes[h])
        {
            p.nodes[j].speedFlops *= scale;
        }
    }
    for (uint32_t h = 0; h + 1 < nStages; ++h)
    {
        const auto& next = stageNodes[h + 1];
        std::vector<bool> hasPred(next.size(), false);
        for (uint32_t i : stageNodes[h])
        {
            std::vector<uint32_t> order(next.size());
            for (uint32_t k = 0; k < order.size(); ++k)
            {
                order[k] = k;
            }
            std::shuffle(order.begin(), order.end(), rng);
            for (uint32_t k = 0; k < std::min<size_t>(3, order.size()); ++k)
            {
                // delay 2-10 ms: 1e6 bit at 1e6 / 0.002..0.01 bit/s
                p.links.push_back({i, next[order[k]], 1e6 / (0.002 + 0.008 * u(rng)), 0.0});
                hasPred[order[k]] = true;
            }
        }
        for (uint32_t k = 0; k < next.size(); ++k)
        {
            if (!hasPred[k])
            {
                const uint32_t i = stageNodes[h][k % stageNodes[h].size()];
                p.links.push_back({i, next[k], 1e6 / (0.002 + 0.008 * u(rng)), 0.0});
            }
        }
    }
    return p;
}

/**
 * @brief First round after which the objective stays within @p tol |J*| of J*.
 * @param [in] history per-round records
 * @param [in] best J*
 * @param [in] tol relative tolerance
 * @return the round (1-based count), or -1 if the last round is outside
 */
int64_t
RoundsTo(const std::vector<DtoEeRoundRecord>& history, double best, double tol)
{
    int64_t r = static_cast<int64_t>(history.size());
    while (r > 0 && history[r - 1].objective - best <= tol * std::abs(best))
    {
        --r;
    }
    return r == static_cast<int64_t>(history.size()) ? -1 : r + 1;
}

} // namespace

int
main(int argc, char* argv[])
{
    RunMode mode;
    uint32_t rounds = 300;
    uint64_t seed = 1;
    std::string csv;
    CommandLine cmd(__FILE__);
    mode.AddTo(cmd, "Small subset (smoke test)");
    cmd.AddValue("rounds", "DTO-EE rounds per instance", rounds);
    cmd.AddValue("seed", "Instance seed", seed);
    cmd.AddValue("csv", "Also write the sweep to this CSV file", csv);
    cmd.Parse(argc, argv);
    const bool quick = mode.IsQuick();

    std::vector<uint32_t> sizes{6, 10, 20, 30, 40, 50};
    std::vector<uint32_t> stages{2, 3, 4, 5};
    if (quick)
    {
        sizes = {6, 12};
        stages = {2, 3};
        rounds = std::min<uint32_t>(rounds, 150);
    }
    std::ofstream out;
    if (!csv.empty())
    {
        out.open(csv);
        out << "nodes,stages,links,msgsPerRound,bytesPerRound,roundsTo1pct,roundsTo01pct,"
               "finalGap,delayMs,accuracy\n";
    }
    std::cout
        << "dto-ee-benchmark: DTO-EE (scaled steps, eta_x = 1, eta_theta = 0.5) vs centralised, "
        << rounds << " rounds\n";
    PrintCells(std::cout,
               {{5, "N"},
                {4, "H"},
                {6, "|E|"},
                {10, "msg/rnd"},
                {10, "B/rnd"},
                {9, "r(1%)"},
                {9, "r(0.1%)"},
                {12, "msgs(0.1%)"},
                {12, "final gap"},
                {10, "D ms"},
                {9, "A"}});
    std::cout << "\n";
    bool allCounts = true;
    double worstGap = 0;
    for (uint32_t h : stages)
    {
        for (uint32_t n : sizes)
        {
            if (n < h)
            {
                continue;
            }
            const DtoEeModel model(MakeInstance(n, h, seed * 1000 + n * 10 + h));
            const DtoEeSolution central = DtoEeSolver(model).Solve();
            DtoEeDistributed dist(model);
            const DtoEeRunResult run = dist.Run(rounds, 0.0);
            const double best =
                std::min(central.evaluation.objective, run.solution.evaluation.objective);
            const int64_t r1 = RoundsTo(run.history, best, 1e-2);
            const int64_t r01 = RoundsTo(run.history, best, 1e-3);
            const double gap = (run.solution.evaluation.objective - central.evaluation.objective) /
                               std::abs(central.evaluation.objective);
            worstGap = std::max(worstGap, gap);
            const uint64_t perRound = DtoEeDistributed::MessagesPerRound(model);
            const bool countOk = run.messages == perRound * run.rounds &&
                                 run.bytes == DtoEeDistributed::BytesPerRound(model) * run.rounds;
            allCounts = allCounts && countOk;
            std::cout << std::setw(5) << n << std::setw(4) << h << std::setw(6) << model.GetNLinks()
                      << std::setw(10) << perRound << std::setw(10)
                      << DtoEeDistributed::BytesPerRound(model) << std::setw(9) << r1
                      << std::setw(9) << r01 << std::setw(12)
                      << (r01 < 0 ? -1 : static_cast<int64_t>(perRound) * r01) << std::setw(12)
                      << std::scientific << std::setprecision(2) << gap << std::fixed
                      << std::setw(10) << std::setprecision(3)
                      << run.solution.evaluation.meanDelayS * 1e3 << std::setw(9)
                      << std::setprecision(4) << run.solution.evaluation.meanAccuracy
                      << (countOk ? "" : "  MISS") << "\n";
            if (out)
            {
                out << n << "," << h << "," << model.GetNLinks() << "," << perRound << ","
                    << DtoEeDistributed::BytesPerRound(model) << "," << r1 << "," << r01 << ","
                    << gap << "," << run.solution.evaluation.meanDelayS * 1e3 << ","
                    << run.solution.evaluation.meanAccuracy << "\n";
            }
        }
    }
    std::cout << std::scientific << std::setprecision(2)
              << "worst final gap DTO-EE vs centralised: " << worstGap << std::fixed << "\n";

    // Baselines on one instance.
    const uint32_t bn = quick ? 12 : 30;
    const DtoEeModel model(MakeInstance(bn, 3, seed * 1000 + bn * 10 + 3));
    DtoEeSolver solver(model);
    DtoEeDistributed dist(model);
    const DtoEeRunResult run = dist.Run(rounds, 0.0);
    std::cout << "schemes on N = " << bn << ", H = 3 (D ms, A, J):\n";
    auto row = [](const std::string& name, const DtoEeSolution& s, const DtoEeSolution& ref)
    {
        std::cout << "  " << PadRight(name, 20) << std::fixed << std::setprecision(3)
                  << std::setw(10) << s.evaluation.meanDelayS * 1e3 << std::setprecision(4)
                  << std::setw(9) << s.evaluation.meanAccuracy << std::setprecision(5)
                  << std::setw(11) << s.evaluation.objective << "  delay vs DTO-EE "
                  << std::setprecision(1) << std::showpos
                  << 100.0 * (s.evaluation.meanDelayS / ref.evaluation.meanDelayS - 1.0) << "%"
                  << std::noshowpos << "  " << ToString(s.reason) << "\n";
    };
    row(ToString(DtoEeScheme::DTO_EE), run.solution, run.solution);
    for (auto scheme : {DtoEeScheme::CENTRALISED,
                        DtoEeScheme::FIXED_THRESHOLD,
                        DtoEeScheme::NO_EARLY_EXIT,
                        DtoEeScheme::UNIFORM_OFFLOADING,
                        DtoEeScheme::RANDOM_OFFLOADING,
                        DtoEeScheme::JOIN_LEAST_LOADED})
    {
        row(ToString(scheme), solver.SolveScheme(scheme), run.solution);
    }
    // At scale: centralised solve time and distributed rounds to 1 % of its optimum.
    const std::vector<uint32_t> scaleSizes =
        quick ? std::vector<uint32_t>{50, 100} : std::vector<uint32_t>{100, 200, 500};
    const uint32_t scaleStages = 5;
    const uint32_t scaleRounds = quick ? 300 : std::max<uint32_t>(rounds, 1000);
    std::cout << "at scale (H = " << scaleStages << ", up to " << scaleRounds
              << " distributed rounds; centralised time = median of 3 solves):\n";
    PrintCells(std::cout,
               {{6, "N"},
                {7, "|E|"},
                {14, "central ms"},
                {9, "r(1%)"},
                {12, "dist ms"},
                {12, "final gap"}});
    std::cout << "\n";
    std::vector<std::pair<double, double>> xy;
    double centralAtTarget = -1;
    int64_t roundsAtTarget = -1;
    for (uint32_t n : scaleSizes)
    {
        const DtoEeModel model(MakeInstance(n, scaleStages, seed * 1000 + n * 10 + scaleStages));
        const DtoEeSolver solver(model);
        DtoEeSolution central;
        std::vector<double> times;
        for (int rep = 0; rep < 3; ++rep)
        {
            const Stopwatch watch;
            central = solver.Solve();
            times.push_back(watch.ElapsedS());
        }
        const double centralS = Median(times);
        xy.emplace_back(std::log(n), std::log(centralS));
        DtoEeDistributed dist(model);
        const Stopwatch watch;
        const DtoEeRunResult run = dist.Run(scaleRounds, 0.0);
        const double distS = watch.ElapsedS();
        const double best =
            std::min(central.evaluation.objective, run.solution.evaluation.objective);
        const int64_t r1 = RoundsTo(run.history, best, 1e-2);
        const double gap = (run.solution.evaluation.objective - central.evaluation.objective) /
                           std::abs(central.evaluation.objective);
        std::cout << std::setw(6) << n << std::setw(7) << model.GetNLinks() << std::setw(14)
                  << std::fixed << std::setprecision(3) << centralS * 1e3 << std::setw(9) << r1
                  << std::setw(12) << std::setprecision(1) << distS * 1e3 << std::setw(12)
                  << std::scientific << std::setprecision(2) << gap << std::fixed << "\n";
        if (n == scaleSizes.back())
        {
            centralAtTarget = centralS;
            roundsAtTarget = r1;
        }
    }
    std::cout << "  fitted growth exponent of the centralised time (slope of log t vs log N): "
              << std::setprecision(2) << LeastSquaresSlope(xy) << "\n";
    if (quick)
    {
        std::cout << "  (the N = 500 targets are checked by the default run)\n";
    }
    else
    {
        std::cout << "target: centralised N=" << scaleSizes.back()
                  << " < 1 s: " << std::setprecision(1) << centralAtTarget * 1e3 << " ms ("
                  << Verdict(centralAtTarget < 1.0) << ")\n";
        std::cout << "target: distributed N=" << scaleSizes.back() << " within 1 % of the optimum: "
                  << (roundsAtTarget < 0
                          ? std::string("not within ") + std::to_string(scaleRounds) + " rounds"
                          : "after " + std::to_string(roundsAtTarget) + " rounds")
                  << " (" << Verdict(roundsAtTarget >= 0) << ")\n";
    }

    std::cout << "message counts = 2|E| per round: " << (allCounts ? "ok" : "MISS") << "\n";
    std::cout << DoneLine("dto-ee-benchmark", quick ? "quick" : "") << std::endl;
    return 0;
}
