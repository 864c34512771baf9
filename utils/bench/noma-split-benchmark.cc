/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Solve time and objective of li-gd versus exhaustive-gd for NOMA split inference
 * (NomaSplitSolver, pure C++), as the number of users and of layers grows.
 *
 * Instances (fixed seed, std::mt19937_64): U users at 50-250 m (path loss 128.1 + 37.6
 * log10(d/km), Rayleigh fading per subchannel and link), N_s = ceil(U / 2) subchannels of
 * 1 MHz, Q = 2, N_0 = -174 dBm/Hz, L layers of 0.05-0.5 Gcycle with 0.01-1.5 Mbit outputs,
 * f_d = 1 GHz, F^e = 20 GHz, p^max = 0.2 W, P^AP = 10 W, w_T = 1, w_d and w_e uniform in
 * [0, 1] (R4.5 of [4] defaults [A]).
 *
 * li-gd is timed (median of repetitions of Solve(LI_GD)). exhaustive-gd is run when
 * NomaSplitSolver::CountConfigurations() is within a budget (--quick 3000, default 30000,
 * --full 200000) and then timed and compared; beyond the budget its time is estimated as
 * (configurations) x (mean time of one cold-start GD on 40 random configurations of the same
 * instance) and marked "est". Everything printed is deterministic except the times.
 *
 * Checks: (1) li-gd is polynomial: the least-squares slope of log(GD runs) versus log(U) must
 * stay <= 4 (R4.3 of [4] bound O(N_out U (L + 1 + 2 N_s) I U), N_s ~ U/2, so ~U^3 per round);
 * (2) at U = 6, exhaustive time / li-gd time >= 1000; (3) J(li-gd) <= 1.01 J(exhaustive-gd) at
 * every measured point. Each prints PASS or MISS.
 *
 *     ./noma-split-benchmark            # U = 2..6 (L = 1) and L = 1..5 (U = 3)
 *     ./noma-split-benchmark --quick    # smaller budgets (CTest smoke test)
 *     ./noma-split-benchmark --full     # exhaustive measured up to 200000 configurations
 */

#include "bench-util.h"

#include "ns3/command-line.h"
#include "ns3/device-compute-model.h"
#include "ns3/noma-split-solver.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
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
 * @brief A random instance (see the file description).
 * @param [in] seed seed
 * @param [in] nUsers U
 * @param [in] nLayers L
 * @return the problem
 */
NomaSplitProblem
MakeInstance(uint64_t seed, uint32_t nUsers, uint32_t nLayers)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::exponential_distribution<double> rayleigh(1.0);
    NomaSplitProblem pr;
    pr.nSubchannels = (nUsers + 1) / 2;
    pr.maxUsersPerSubchannel = 2;
    pr.subchannelBandwidthHz = 1e6;
    pr.noisePowerW = 3.98e-21 * 1e6;
    pr.weightLatency = 1.0;
    pr.weightDeviceEnergy = unit(rng);
    pr.weightEdgeEnergy = unit(rng);
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        NomaSplitUser u;
        u.device = DeviceComputeModel(1.0, 1e9, 1e-28, 1e9, 1e9);
        for (uint32_t j = 0; j < nLayers; ++j)
        {
            u.profile.layerFlops.push_back((0.05 + 0.45 * unit(rng)) * 1e9);
        }
        u.profile.outputBits.push_back((0.5 + 2.0 * unit(rng)) * 1e6);
        for (uint32_t j = 0; j < nLayers; ++j)
        {
            u.profile.outputBits.push_back((0.01 + 1.5 * unit(rng)) * 1e6);
        }
        u.profile.resultBits = 0.01e6;
        const double d = 50.0 + 200.0 * unit(rng);
        const double pl = std::pow(10.0, -(128.1 + 37.6 * std::log10(d / 1000.0)) / 10.0);
        for (uint32_t s = 0; s < pr.nSubchannels; ++s)
        {
            u.uplinkGain.push_back(pl * rayleigh(rng));
            u.downlinkGain.push_back(pl * rayleigh(rng));
        }
        pr.users.push_back(u);
    }
    return pr;
}

/**
 * @brief A random configuration (random split, offloading users on random free slots).
 * @param [in] solver the solver
 * @param [in] rng generator
 * @return the configuration
 */
NomaSplitConfiguration
RandomConfiguration(const NomaSplitSolver& solver, std::mt19937_64& rng)
{
    const auto& pr = solver.GetProblem();
    const uint32_t nUsers = solver.GetNUsers();
    NomaSplitConfiguration c;
    c.split.resize(nUsers);
    c.uplinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    c.downlinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    std::vector<int32_t> ulSlots;
    for (uint32_t s = 0; s < pr.nSubchannels; ++s)
    {
        for (uint32_t k = 0; k < pr.maxUsersPerSubchannel; ++k)
        {
            ulSlots.push_back(static_cast<int32_t>(s));
        }
    }
    std::vector<int32_t> dlSlots = ulSlots;
    std::shuffle(ulSlots.begin(), ulSlots.end(), rng);
    std::shuffle(dlSlots.begin(), dlSlots.end(), rng);
    std::size_t used = 0;
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        const uint32_t nLayers = pr.users[i].profile.GetNLayers();
        c.split[i] = static_cast<uint32_t>(rng() % (nLayers + 1));
        if (c.split[i] < nLayers && used < ulSlots.size())
        {
            c.uplinkSubchannel[i] = ulSlots[used];
            c.downlinkSubchannel[i] = dlSlots[used];
            ++used;
        }
        else
        {
            c.split[i] = nLayers;
        }
    }
    return c;
}

/**
 * @brief Median wall time of a call, repeated until each repetition lasts >= minS.
 * @param [in] fn the call
 * @param [in] minS minimum duration of a repetition, s
 * @return seconds per call
 */
template<typename F>
double
TimeCall(F fn, double minS)
{
    std::vector<double> samples;
    for (int rep = 0; rep < 3; ++rep)
    {
        uint64_t calls = 0;
        const Stopwatch watch;
        double elapsed = 0;
        do
        {
            fn();
            ++calls;
            elapsed = watch.ElapsedS();
        } while (elapsed < minS);
        samples.push_back(elapsed / static_cast<double>(calls));
    }
    return Median(samples);
}

/// One row of a table.
struct Row
{
    uint32_t nUsers{0};          ///< U
    uint32_t nLayers{0};         ///< L
    double liTimeS{0};           ///< li-gd time, s
    double liObjective{0};       ///< li-gd J
    uint64_t liRuns{0};          ///< li-gd GD runs
    uint64_t nConfigurations{0}; ///< Exhaustive configurations
    double exTimeS{0};           ///< Exhaustive time (measured or estimated), s
    bool isExMeasured{false};    ///< Exhaustive actually run
    double exObjective{0};       ///< Exhaustive J (if measured)
};

/**
 * @brief Measure one instance size.
 * @param [in] nUsers U
 * @param [in] nLayers L
 * @param [in] budget largest configuration count run exhaustively
 * @return the row
 */
Row
Measure(uint32_t nUsers, uint32_t nLayers, uint64_t budget)
{
    Row row;
    row.nUsers = nUsers;
    row.nLayers = nLayers;
    const NomaSplitSolver solver(MakeInstance(1000 + 17 * nUsers + nLayers, nUsers, nLayers));
    const auto li = solver.Solve(NomaSplitAlgorithm::LI_GD);
    row.liObjective = li.prediction.objective;
    row.liRuns = li.nGdRuns;
    row.liTimeS = TimeCall([&] { solver.Solve(NomaSplitAlgorithm::LI_GD); }, 0.02);
    row.nConfigurations = solver.CountConfigurations();
    if (row.nConfigurations <= budget)
    {
        const Stopwatch watch;
        const auto ex = solver.Solve(NomaSplitAlgorithm::EXHAUSTIVE_GD);
        row.exTimeS = watch.ElapsedS();
        row.exObjective = ex.prediction.objective;
        row.isExMeasured = true;
    }
    else
    {
        std::mt19937_64 rng(7 * nUsers + nLayers);
        std::vector<NomaSplitConfiguration> sample;
        for (int k = 0; k < 40; ++k)
        {
            sample.push_back(RandomConfiguration(solver, rng));
        }
        const double perSample = TimeCall(
            [&]
            {
                for (const auto& c : sample)
                {
                    solver.OptimiseContinuous(c, solver.DefaultStart(c));
                }
            },
            0.02);
        row.exTimeS = perSample / sample.size() * static_cast<double>(row.nConfigurations);
    }
    return row;
}

/**
 * @brief Print a table.
 * @param [in] title title
 * @param [in] rows rows
 */
void
PrintTable(const std::string& title, const std::vector<Row>& rows)
{
    std::cout << "\n" << title << "\n";
    std::cout << "  U  L  li-gd[ms]  GD runs  J(li-gd)     configs  exhaustive[ms]  "
                 "J(exh.)   J ratio  time ratio\n";
    for (const auto& r : rows)
    {
        std::cout << std::setw(3) << r.nUsers << std::setw(3) << r.nLayers << std::fixed
                  << std::setprecision(3) << std::setw(11) << r.liTimeS * 1e3 << std::setw(9)
                  << r.liRuns << std::setprecision(5) << std::setw(10) << r.liObjective
                  << std::setw(12) << r.nConfigurations << std::setprecision(1) << std::setw(13)
                  << r.exTimeS * 1e3 << (r.isExMeasured ? "   " : " est");
        if (r.isExMeasured)
        {
            std::cout << std::setprecision(5) << std::setw(9) << r.exObjective << std::setw(10)
                      << r.liObjective / r.exObjective;
        }
        else
        {
            std::cout << std::setw(9) << "-" << std::setw(10) << "-";
        }
        std::cout << std::setprecision(1) << std::setw(11) << r.exTimeS / r.liTimeS << "x\n";
    }
}

/**
 * @brief Least-squares slope of log(y) versus log(x).
 * @param [in] x sizes
 * @param [in] y values
 * @return the slope
 */
double
LogSlope(const std::vector<double>& x, const std::vector<double>& y)
{
    std::vector<std::pair<double, double>> xy;
    for (std::size_t k = 0; k < x.size(); ++k)
    {
        xy.emplace_back(std::log(x[k]), std::log(y[k]));
    }
    return LeastSquaresSlope(xy);
}

} // namespace

int
main(int argc, char* argv[])
{
    RunMode mode;
    CommandLine cmd(__FILE__);
    mode.AddTo(cmd,
               "Smaller exhaustive budget (CTest smoke test)",
               "Run exhaustive-gd up to 200000 configurations");
    cmd.Parse(argc, argv);
    if (!mode.Check("noma-split-benchmark", std::cerr))
    {
        return 1;
    }
    const uint64_t budget = mode.Pick<uint64_t>(3000, 30000, 200000);
    std::cout << "noma-split-benchmark (" << mode.GetName()
              << "): li-gd vs exhaustive-gd, exhaustive run "
              << "up to " << budget << " configurations, else estimated (est)\n";

    std::vector<Row> byUsers;
    for (uint32_t u = 2; u <= 6; ++u)
    {
        byUsers.push_back(Measure(u, 1, budget));
    }
    PrintTable("Users grow (L = 1, N_s = ceil(U/2), Q = 2):", byUsers);

    std::vector<Row> byLayers;
    const uint32_t maxLayers = mode.IsQuick() ? 3 : 5;
    for (uint32_t l = 1; l <= maxLayers; ++l)
    {
        byLayers.push_back(Measure(3, l, budget));
    }
    PrintTable("Layers grow (U = 3, N_s = 2, Q = 2):", byLayers);

    std::vector<double> x;
    std::vector<double> runs;
    std::vector<double> configs;
    for (const auto& r : byUsers)
    {
        x.push_back(r.nUsers);
        runs.push_back(static_cast<double>(r.liRuns));
        configs.push_back(static_cast<double>(r.nConfigurations));
    }
    const double slope = LogSlope(x, runs);
    std::cout << "\nli-gd GD runs ~ U^" << std::setprecision(2) << slope
              << " (exhaustive configurations ~ U^" << LogSlope(x, configs)
              << " over U = 2..6, exponential): polynomial growth bound U^4 "
              << Verdict(slope <= 4.0) << "\n";
    double worstRatio = 0;
    for (const auto& rows : {byUsers, byLayers})
    {
        for (const auto& r : rows)
        {
            if (r.isExMeasured)
            {
                worstRatio = std::max(worstRatio, r.liObjective / r.exObjective);
            }
        }
    }
    std::cout << "Worst J(li-gd)/J(exhaustive-gd) over the measured points: "
              << std::setprecision(4) << worstRatio << ", target <= 1.01 "
              << Verdict(worstRatio <= 1.01) << "\n";
    const Row& six = byUsers.back();
    const double speedup = six.exTimeS / six.liTimeS;
    std::cout << "U = 6: exhaustive " << std::setprecision(1) << six.exTimeS * 1e3 << " ms ("
              << (six.isExMeasured ? "measured" : "estimated") << ") / li-gd "
              << std::setprecision(2) << six.liTimeS * 1e3 << " ms = " << std::setprecision(0)
              << speedup << "x, target >= 1000x " << Verdict(speedup >= 1000.0) << "\n";
    std::cout << DoneLine("noma-split-benchmark", mode.GetName()) << "\n";
    return 0;
}
