/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Solve time of the module's allocators versus problem size, with fitted growth
 * exponents and a check of the targets.
 *
 * Allocators measured (pure C++ layer, no simulation):
 * - SLIDE: SlideSolver::Solve(SLIDE_OPTIMAL) versus the number of users K and of layers L;
 * - PartialLoading: PartialLoadingSolver::SolveBackboneDp(), GroupGreedy() and
 *   Decide(PARTIAL_LOADING) (DP, then the step-2 drop-and-re-solve loop) versus K, the
 *   number of models and the number of blocks per backbone;
 * - batching + early exit: BatchingEarlyExitSolver::Solve() with OPTIMAL_H, OPTIMAL_U and
 *   GREEDY versus K, and the greedy's optimality ratio |S_greedy| / |S_optimal-h| on random
 *   instances.
 *
 * Every point is the median, over several repetitions, of the wall time of one call
 * (std::chrono::steady_clock); a repetition repeats the call until it lasts at least a
 * minimum time, so that sub-microsecond calls are measured too. Instances are generated
 * from fixed seeds (std::mt19937_64): everything printed is deterministic except the times
 * and what follows from them (repetitions x calls, load average, which points exceed the cap).
 * The growth exponent is the least-squares slope of log(time) versus log(size), over all
 * measured points and over the three largest (constant overheads flatten the small sizes).
 * A search that exceeds the time cap stops the growth of its size: later points print
 * "skipped". The optimal batching algorithms get a node limit extrapolated from the
 * previous point so that one point cannot run much longer than the cap.
 *
 * Scale targets (issue 19), each printed with PASS or MISS: SLIDE K = 10,000 (L = 200)
 * < 100 ms; PartialLoading DP K = 1,000 < 100 ms and group greedy K = 10,000 < 1 s; batching
 * optimal-h K = 100 < 1 s, median and worst over 20 instances (with the most search nodes);
 * batching greedy K = 1,000 < 1 s. (DTO-EE's N = 500 targets are in dto-ee-benchmark.)
 *
 * MILP anchor (built with GLPK only, utils/bench/milp-anchor.h; "skipped" otherwise): on 10
 * random instances per K, optimal-h against the batching C2 MILP and the backbone DP against
 * the PartialLoading schedule MILP must reach the same optimum; per K the median time ratio
 * module / MILP.
 *
 * Times depend on how the edge-inference library was compiled: a Debug (-O0) library is
 * several times slower than an optimised one.
 *
 *     ./allocator-benchmark            # default run (about 10 s optimised on 2 cores)
 *     ./allocator-benchmark --quick    # small subset, under a second (CTest smoke test)
 *     ./allocator-benchmark --full --csv=bench.csv   # larger sizes, more repetitions
 *     ./allocator-benchmark --cap=0.5  # time cap of one optimal-search point, s
 */

#include "bench-util.h"

#include "ns3/batch-latency-model.h"
#include "ns3/batching-early-exit-solver.h"
#include "ns3/command-line.h"
#include "ns3/device-compute-model.h"
#include "ns3/partial-loading-solver.h"
#include "ns3/slide-solver.h"

#ifdef EI_HAVE_GLPK
#    include "milp-anchor.h"
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::bench;

namespace
{

/// Sink of the results of the timed calls, so that the compiler cannot drop them.
volatile uint64_t g_sink = 0;

/// Noise power spectral density -174 dBm/Hz, W/Hz.
constexpr double NOISE_PSD_W_PER_HZ = 3.98e-21;

/// Settings of one run (from the command line).
struct RunSettings
{
    std::string mode{"default"}; ///< "quick", "default" or "full"
    uint32_t reps{9};            ///< Repetitions per point (the median is reported)
    double minRepS{1e-3};        ///< A repetition repeats the call until it lasts this long, s
    double pointBudgetS{1.0};    ///< Time budget for the repetitions of one point, s
    double capS{2.0};            ///< A size whose call exceeds this stops the growth, s
};

/// Timing of one algorithm at one size.
struct Measurement
{
    bool isMeasured{false};  ///< False if the point was skipped
    double medianS{0};       ///< Median time of one call, s
    double minS{0};          ///< Smallest time of one call, s
    uint32_t reps{0};        ///< Repetitions
    uint32_t callsPerRep{0}; ///< Calls per repetition
    std::string note;        ///< Why the point was skipped, or a remark
};

/// One row of a table: a size, one measurement per timed column, deterministic results.
struct Row
{
    uint32_t size{0};                 ///< Problem size (the swept parameter)
    std::vector<Measurement> times;   ///< One per Table::timeColumns entry
    std::vector<std::string> results; ///< One per Table::resultColumns entry
};

/// A sweep: timed algorithms and results versus one size parameter.
struct Table
{
    std::string allocator;                  ///< "SLIDE", "PartialLoading" or "BatchingEarlyExit"
    std::string title;                      ///< Caption
    std::string sizeName;                   ///< Name of the swept parameter, e.g. "K"
    std::string fixed;                      ///< The parameters held fixed
    std::vector<std::string> timeColumns;   ///< Names of the timed algorithms
    std::vector<std::string> resultColumns; ///< Names of the result columns
    std::vector<Row> rows;                  ///< The points
    /// Also fit log(time) against the size itself (exponential-time searches)
    bool isExponentialFit{false};
};

/// A target of the task with its measured time.
struct Target
{
    std::string text;   ///< e.g. "SLIDE K=100, L=200 solves in < 10 ms"
    double limitS{0};   ///< The limit, s
    Measurement time;   ///< The measurement (not measured = not run in this mode)
    double checkedS{0}; ///< The time compared with the limit (0 = time.medianS), s
    std::string detail; ///< Extra text after the time
};

/**
 * @brief Time a call: warm-up, then the median over repetitions of the time of one call.
 *
 * The warm-up call calibrates how many calls a repetition makes (at least minRepS long).
 * The number of repetitions is reduced to fit pointBudgetS; if the warm-up alone exceeds the
 * budget it is the only sample.
 * @tparam F callable returning an integer result (added to g_sink)
 * @param [in] settings run settings
 * @param [in] fn the call
 * @return the measurement
 */
template<typename F>
Measurement
Measure(const RunSettings& settings, F&& fn)
{
    auto timeCalls = [&fn](uint32_t calls)
    {
        const Stopwatch watch;
        for (uint32_t i = 0; i < calls; ++i)
        {
            g_sink = g_sink + static_cast<uint64_t>(fn());
        }
        return watch.ElapsedS() / calls;
    };
    Measurement m;
    m.isMeasured = true;
    const double first = timeCalls(1);
    const double calls = first > 0 ? std::ceil(settings.minRepS / first) : 1e6;
    m.callsPerRep = static_cast<uint32_t>(std::clamp(calls, 1.0, 1e6));
    const double repS = first * m.callsPerRep;
    m.reps = settings.reps;
    if (repS * m.reps > settings.pointBudgetS)
    {
        m.reps = static_cast<uint32_t>(std::max(1.0, std::floor(settings.pointBudgetS / repS)));
    }
    std::vector<double> samples;
    if (m.reps == 1 && m.callsPerRep == 1 && first >= settings.pointBudgetS)
    {
        samples.push_back(first); // too slow to repeat: the warm-up is the sample
        m.note = "1 run";
    }
    else
    {
        for (uint32_t r = 0; r < m.reps; ++r)
        {
            samples.push_back(timeCalls(m.callsPerRep));
        }
    }
    m.medianS = Median(samples);
    m.minS = *std::min_element(samples.begin(), samples.end());
    m.reps = static_cast<uint32_t>(samples.size());
    return m;
}

/**
 * @brief A measurement that was not made.
 * @param [in] note the reason
 * @return the skipped measurement
 */
Measurement
Skipped(const std::string& note)
{
    Measurement m;
    m.note = note;
    return m;
}

/**
 * @brief Least-squares slope of log(time) versus log(size) (or versus size).
 * @param [in] table the sweep
 * @param [in] column timed column index
 * @param [in] lastN use only the lastN largest measured sizes (0 = all)
 * @param [out] nPoints number of points used
 * @param [in] isLogSize regress on log(size) (growth exponent) or on size (log growth rate)
 * @return the slope, NaN with fewer than 2 points
 */
double
FitExponent(const Table& table, size_t column, size_t lastN, size_t& nPoints, bool isLogSize = true)
{
    std::vector<std::pair<double, double>> xy;
    for (const Row& row : table.rows)
    {
        const Measurement& m = row.times[column];
        if (m.isMeasured && m.medianS > 0 && row.size > 0)
        {
            xy.emplace_back(isLogSize ? std::log(row.size) : static_cast<double>(row.size),
                            std::log(m.medianS));
        }
    }
    if (lastN > 0 && xy.size() > lastN)
    {
        xy.erase(xy.begin(), xy.end() - static_cast<std::ptrdiff_t>(lastN));
    }
    nPoints = xy.size();
    return LeastSquaresSlope(xy);
}

/**
 * @brief Format a time in ms with 4 decimals (3 significant digits at least down to 10 us).
 * @param [in] seconds the time, s
 * @return e.g. "0.0123"
 */
std::string
Ms(double seconds)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(seconds < 1e-5 ? 5 : (seconds < 10 ? 4 : 1))
       << seconds * 1e3;
    return os.str();
}

/**
 * @brief Format a number with the default stream format (6 significant digits).
 * @param [in] x the number
 * @return e.g. "0.0002" or "2"
 */
std::string
General(double x)
{
    std::ostringstream os;
    os << x;
    return os.str();
}

/**
 * @brief Print a table and the fitted exponents of its timed columns.
 * @param [in] table the sweep
 */
void
PrintTable(const Table& table)
{
    constexpr int TIME_WIDTH = 14;
    constexpr int RESULT_WIDTH = 13;
    std::cout << "\n" << table.allocator << ": " << table.title << "\n";
    std::cout << "  fixed: " << table.fixed << "\n";
    std::cout << "  median time of one call in ms (min in the CSV)\n";
    std::cout << std::setw(7) << table.sizeName;
    for (const std::string& c : table.timeColumns)
    {
        std::cout << std::setw(TIME_WIDTH) << c;
    }
    for (const std::string& c : table.resultColumns)
    {
        std::cout << std::setw(RESULT_WIDTH) << c;
    }
    std::cout << "  reps x calls\n";
    for (const Row& row : table.rows)
    {
        std::cout << std::setw(7) << row.size;
        std::string reps;
        std::string notes;
        for (size_t c = 0; c < row.times.size(); ++c)
        {
            const Measurement& m = row.times[c];
            std::cout << std::setw(TIME_WIDTH) << (m.isMeasured ? Ms(m.medianS) : "skipped");
            reps += (c > 0 ? " " : "") +
                    (m.isMeasured ? std::to_string(m.reps) + "x" + std::to_string(m.callsPerRep)
                                  : std::string("-"));
            if (!m.note.empty() && !(m.isMeasured && m.note == "1 run"))
            {
                notes += " [" + table.timeColumns[c] + ": " + m.note + "]";
            }
        }
        for (const std::string& r : row.results)
        {
            std::cout << std::setw(RESULT_WIDTH) << r;
        }
        std::cout << "  " << reps << notes << "\n";
    }
    std::cout << "  fitted growth exponent (slope of log t vs log " << table.sizeName << "):\n";
    for (size_t c = 0; c < table.timeColumns.size(); ++c)
    {
        size_t nAll = 0;
        size_t nTail = 0;
        const double all = FitExponent(table, c, 0, nAll);
        const double tail = FitExponent(table, c, 3, nTail);
        std::cout << "    " << PadRight(table.timeColumns[c], 16);
        if (nAll < 2)
        {
            std::cout << "n/a (fewer than 2 points)\n";
            continue;
        }
        std::cout << Fixed(all, 2) << " (" << nAll << " points)";
        if (nAll > nTail)
        {
            std::cout << ", " << Fixed(tail, 2) << " (largest " << nTail << ")";
        }
        std::cout << "\n";
    }
    if (!table.isExponentialFit)
    {
        return;
    }
    std::cout << "  time factor per added user, exp(slope of ln t vs " << table.sizeName
              << "), for the exponential-time searches:\n";
    for (size_t c = 0; c < table.timeColumns.size(); ++c)
    {
        size_t nAll = 0;
        size_t nTail = 0;
        const double all = FitExponent(table, c, 0, nAll, false);
        const double tail = FitExponent(table, c, 3, nTail, false);
        std::cout << "    " << PadRight(table.timeColumns[c], 16);
        if (nAll < 2)
        {
            std::cout << "n/a (fewer than 2 points)\n";
            continue;
        }
        std::cout << "x" << Fixed(std::exp(all), 3) << " (" << nAll << " points)";
        if (nAll > nTail)
        {
            std::cout << ", x" << Fixed(std::exp(tail), 3) << " (largest " << nTail << ")";
        }
        std::cout << "\n";
    }
}

/**
 * @brief Escape a CSV field (quotes if it holds a comma or a quote).
 * @param [in] s the field
 * @return the escaped field
 */
std::string
CsvField(const std::string& s)
{
    if (s.find_first_of(",\"") == std::string::npos)
    {
        return s;
    }
    std::string out = "\"";
    for (char ch : s)
    {
        out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    }
    return out + "\"";
}

/**
 * @brief Write every table as CSV, one line per (size, timed algorithm).
 * @param [in] fileName output file
 * @param [in] tables the sweeps
 * @param [in] settings run settings
 */
void
WriteCsv(const std::string& fileName, const std::vector<Table>& tables, const RunSettings& settings)
{
    std::ofstream out(fileName);
    if (!out)
    {
        throw std::runtime_error("allocator-benchmark: cannot write the CSV file '" + fileName +
                                 "'");
    }
    out << "mode,allocator,table,size_name,size,fixed,algorithm,measured,median_ms,min_ms,reps,"
           "calls_per_rep,exponent_all,exponent_largest3,results,note\n";
    for (const Table& t : tables)
    {
        for (size_t c = 0; c < t.timeColumns.size(); ++c)
        {
            size_t n = 0;
            const double all = FitExponent(t, c, 0, n);
            const double tail = FitExponent(t, c, 3, n);
            for (const Row& row : t.rows)
            {
                const Measurement& m = row.times[c];
                std::string results;
                for (size_t r = 0; r < row.results.size(); ++r)
                {
                    results += (r > 0 ? "; " : "") + t.resultColumns[r] + "=" + row.results[r];
                }
                out << settings.mode << "," << CsvField(t.allocator) << "," << CsvField(t.title)
                    << "," << t.sizeName << "," << row.size << "," << CsvField(t.fixed) << ","
                    << CsvField(t.timeColumns[c]) << "," << (m.isMeasured ? 1 : 0) << ",";
                if (m.isMeasured)
                {
                    out << std::setprecision(6) << m.medianS * 1e3 << "," << m.minS * 1e3 << ","
                        << m.reps << "," << m.callsPerRep;
                }
                else
                {
                    out << ",,,";
                }
                out << "," << (std::isnan(all) ? "" : Fixed(all, 4)) << ","
                    << (std::isnan(tail) ? "" : Fixed(tail, 4)) << "," << CsvField(results) << ","
                    << CsvField(m.note) << "\n";
            }
        }
    }
}

/**
 * @brief Seed of an instance: one stream per sweep and size.
 * @param [in] sweep sweep tag
 * @param [in] size problem size
 * @param [in] index instance index (random-instance studies)
 * @return the seed
 */
uint64_t
SeedFor(uint64_t sweep, uint64_t size, uint64_t index = 0)
{
    return sweep * 1000003ULL + size * 7919ULL + index * 104729ULL + 12345ULL;
}

/**
 * @brief Channel power gain at a distance: 128.1 + 37.6 log10(d / km) dB plus shadowing.
 * @param [in] distanceM distance, m
 * @param [in] shadowingDb shadowing, dB
 * @return the gain (linear)
 */
double
ChannelGain(double distanceM, double shadowingDb)
{
    const double lossDb = 128.1 + 37.6 * std::log10(distanceM / 1000.0) + shadowingDb;
    return std::pow(10.0, -lossDb / 10.0);
}

// ---------------------------------------------------------------- SLIDE

/**
 * @brief A random SLIDE instance (R1.6 of [1] defaults, sizes scaled for the sweep).
 *
 * 4 models of L layers, 2-20 MB (8-bit weights) and 0.5-4 GFLOP per sample, with random
 * per-layer splits; each user has 1-3 candidate models, b = 1-64 samples, the default
 * device (2048 FLOP/cycle, 50-625 MHz, G = 1e-26), a deadline of 0.5-5 s, an energy budget
 * of 0.1-1 J and a distance of 50-500 m (8 dB shadowing, 43 dBm over 50 MHz, 9 dB noise
 * figure). B = 5 MHz per user, so that the admission step has to choose.
 * @param [in] nUsers K
 * @param [in] nLayers L
 * @param [in] seed RNG seed
 * @return the instance
 */
SlideProblem
MakeSlideProblem(uint32_t nUsers, uint32_t nLayers, uint64_t seed)
{
    constexpr uint32_t N_MODELS = 4;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    auto uniform = [&](double lo, double hi)
    {
        return lo + (hi - lo) * unit(rng);
    };

    SlideProblem p;
    for (uint32_t m = 0; m < N_MODELS; ++m)
    {
        SlideModel model;
        model.name = "model" + std::to_string(m);
        const double totalBits = 8.0 * uniform(2e6, 20e6);
        const double totalFlops = uniform(0.5e9, 4e9);
        std::vector<double> bitWeight(nLayers);
        std::vector<double> flopWeight(nLayers);
        double bitSum = 0;
        double flopSum = 0;
        for (uint32_t l = 0; l < nLayers; ++l)
        {
            bitWeight[l] = uniform(0.2, 1.8);
            flopWeight[l] = uniform(0.2, 1.8);
            bitSum += bitWeight[l];
            flopSum += flopWeight[l];
        }
        for (uint32_t l = 0; l < nLayers; ++l)
        {
            model.layerBits.push_back(totalBits * bitWeight[l] / bitSum);
            model.layerFlops.push_back(totalFlops * flopWeight[l] / flopSum);
        }
        p.models.push_back(model);
    }
    const double powerW = 20.0;      // 43 dBm
    const double bandHz = 50e6;      // reference band of the spectral efficiency
    const double noiseFigure = 7.94; // 9 dB
    std::normal_distribution<double> shadowing(0.0, 8.0);
    for (uint32_t k = 0; k < nUsers; ++k)
    {
        SlideUser u;
        std::vector<uint32_t> all(N_MODELS);
        for (uint32_t m = 0; m < N_MODELS; ++m)
        {
            all[m] = m;
        }
        std::shuffle(all.begin(), all.end(), rng);
        const uint32_t nCandidates = 1 + static_cast<uint32_t>(rng() % 3);
        u.candidateModels.assign(all.begin(), all.begin() + nCandidates);
        std::sort(u.candidateModels.begin(), u.candidateModels.end());
        u.samples = 1 + static_cast<uint32_t>(rng() % 64);
        u.device = DeviceComputeModel(DeviceComputeModel::DEFAULT_FLOPS_PER_CYCLE,
                                      DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ);
        u.energyBudgetJ = uniform(0.1, 1.0);
        u.deadlineS = uniform(0.5, 5.0);
        const double gain = ChannelGain(uniform(50.0, 500.0), shadowing(rng));
        u.spectralEfficiency =
            std::log2(1.0 + powerW * gain / (NOISE_PSD_W_PER_HZ * noiseFigure * bandHz));
        p.users.push_back(u);
    }
    p.totalBandwidthHz = 5e6 * nUsers;
    return p;
}

/**
 * @brief Time SlideSolver::Solve(SLIDE_OPTIMAL) on one instance.
 * @param [in] settings run settings
 * @param [in] nUsers K
 * @param [in] nLayers L
 * @param [in] seed RNG seed
 * @param [out] served served users of the decision
 * @return the measurement
 */
Measurement
TimeSlide(
    const RunSettings& settings, uint32_t nUsers, uint32_t nLayers, uint64_t seed, uint32_t& served)
{
    const SlideProblem problem = MakeSlideProblem(nUsers, nLayers, seed);
    return Measure(settings,
                   [&]()
                   {
                       const SlideDecision d =
                           SlideSolver::Solve(problem, SlideAlgorithm::SLIDE_OPTIMAL);
                       served = d.nServed;
                       return d.nServed;
                   });
}

/**
 * @brief SLIDE sweep versus K or versus L.
 * @param [in] settings run settings
 * @param [in] isVersusK sweep K (L fixed) or L (K fixed)
 * @param [in] sizes the swept values
 * @param [in] fixedValue the other parameter
 * @return the table
 */
Table
SlideSweep(const RunSettings& settings,
           bool isVersusK,
           const std::vector<uint32_t>& sizes,
           uint32_t fixedValue)
{
    Table t;
    t.allocator = "SLIDE";
    t.title = std::string("SlideSolver::Solve(slide-optimal) vs ") + (isVersusK ? "K" : "L");
    t.sizeName = isVersusK ? "K" : "L";
    t.fixed = (isVersusK ? "L = " : "K = ") + std::to_string(fixedValue) +
              "; 4 models, 1-3 candidates per user, B = 5 MHz per user";
    t.timeColumns = {"slide-optimal"};
    t.resultColumns = {"served"};
    for (uint32_t size : sizes)
    {
        const uint32_t k = isVersusK ? size : fixedValue;
        const uint32_t l = isVersusK ? fixedValue : size;
        uint32_t served = 0;
        Row row;
        row.size = size;
        row.times.push_back(TimeSlide(settings, k, l, SeedFor(isVersusK ? 1 : 2, size), served));
        row.results.push_back(std::to_string(served) + "/" + std::to_string(k));
        t.rows.push_back(row);
    }
    return t;
}

// ---------------------------------------------------------------- PartialLoading

/**
 * @brief Shape of a PartialLoading instance.
 */
struct PartialLoadingShape
{
    uint32_t nRequests{50};        ///< K
    uint32_t nClusters{4};         ///< Backbone clusters
    uint32_t headsPerCluster{4};   ///< Models per cluster
    uint32_t blocksPerBackbone{8}; ///< Blocks of each backbone
};

/**
 * @brief A random backbone-sharing PartialLoading instance with a common deadline (R2.8 of [2]
 * defaults).
 *
 * Each cluster has a 50-150 MB backbone split into equal-ish blocks; each model adds one
 * private 1-10 MB head. I_m = 1-3 ms, R_L = 6 GB/s, cold GPU. Each request asks for a
 * uniformly random model, uploads 0.1-1 Mbit over a constant-PSD channel of 1-6 bit/s/Hz.
 * The common deadline is half of the GPU time needed to serve everything (one backbone load
 * per requested cluster, one head load per requested model, all inferences), so that the DP
 * has to choose. B = 2 MHz per request.
 * @param [in] shape sizes
 * @param [in] seed RNG seed
 * @return the instance
 */
PartialLoadingProblem
MakePartialLoadingProblem(const PartialLoadingShape& shape, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    auto uniform = [&](double lo, double hi)
    {
        return lo + (hi - lo) * unit(rng);
    };

    PartialLoadingProblem p;
    std::vector<std::pair<std::string, uint64_t>> blocks;
    std::vector<std::pair<std::string, std::vector<std::string>>> models;
    std::vector<uint64_t> backboneBytes;
    std::vector<uint64_t> headBytes;
    std::vector<uint32_t> clusterOf;
    for (uint32_t c = 0; c < shape.nClusters; ++c)
    {
        const double backbone = uniform(50e6, 150e6);
        std::vector<std::string> backboneIds;
        uint64_t sum = 0;
        for (uint32_t b = 0; b < shape.blocksPerBackbone; ++b)
        {
            const auto bytes =
                static_cast<uint64_t>(backbone / shape.blocksPerBackbone * uniform(0.8, 1.2));
            const std::string id = "c" + std::to_string(c) + "b" + std::to_string(b);
            blocks.emplace_back(id, bytes);
            backboneIds.push_back(id);
            sum += bytes;
        }
        backboneBytes.push_back(sum);
        for (uint32_t h = 0; h < shape.headsPerCluster; ++h)
        {
            const std::string head = "c" + std::to_string(c) + "h" + std::to_string(h);
            const auto bytes = static_cast<uint64_t>(uniform(1e6, 10e6));
            blocks.emplace_back(head, bytes);
            std::vector<std::string> ids = backboneIds;
            ids.push_back(head);
            const std::string name = "c" + std::to_string(c) + "m" + std::to_string(h);
            models.emplace_back(name, ids);
            headBytes.push_back(bytes);
            clusterOf.push_back(c);
            p.inferenceTimeS[name] = uniform(1e-3, 3e-3);
        }
    }
    p.family = MakeBlockFamily("benchmark", blocks, models);

    const auto nModels = static_cast<uint32_t>(models.size());
    std::vector<bool> isModelUsed(nModels, false);
    std::vector<bool> isClusterUsed(shape.nClusters, false);
    double workS = 0;
    for (uint32_t k = 0; k < shape.nRequests; ++k)
    {
        const uint32_t m = static_cast<uint32_t>(rng() % nModels);
        PartialLoadingRequest r;
        r.model = models[m].first;
        r.uploadBits = uniform(0.1e6, 1e6);
        r.channel = UplinkChannel::ConstantPsd(uniform(1.0, 6.0));
        p.requests.push_back(r);
        workS += p.inferenceTimeS[r.model];
        isModelUsed[m] = true;
        isClusterUsed[clusterOf[m]] = true;
    }
    for (uint32_t m = 0; m < nModels; ++m)
    {
        workS += isModelUsed[m] ? headBytes[m] / p.loadBandwidthBps : 0.0;
    }
    for (uint32_t c = 0; c < shape.nClusters; ++c)
    {
        workS += isClusterUsed[c] ? backboneBytes[c] / p.loadBandwidthBps : 0.0;
    }
    for (PartialLoadingRequest& r : p.requests)
    {
        r.deadlineS = 0.5 * workS;
    }
    p.totalBandwidthHz = 2e6 * shape.nRequests;
    return p;
}

/**
 * @brief Time the PartialLoading algorithms on one instance and fill a row.
 * @param [in] settings run settings
 * @param [in] shape sizes
 * @param [in] seed RNG seed
 * @param [in] size the swept value (row label)
 * @return the row: setup, DP, greedy, Decide; results n*, greedy served, Decide served, drops
 */
Row
PartialLoadingRow(const RunSettings& settings,
                  const PartialLoadingShape& shape,
                  uint64_t seed,
                  uint32_t size)
{
    const PartialLoadingProblem problem = MakePartialLoadingProblem(shape, seed);
    std::vector<uint32_t> all(problem.requests.size());
    for (uint32_t k = 0; k < all.size(); ++k)
    {
        all[k] = k;
    }
    Row row;
    row.size = size;
    row.times.push_back(Measure(settings,
                                [&]()
                                {
                                    const PartialLoadingSolver s(problem);
                                    return s.GetNRequests();
                                }));
    const PartialLoadingSolver scheduler(problem);
    uint32_t dpServed = 0;
    uint32_t greedyServed = 0;
    PartialLoadingDecision decision;
    row.times.push_back(Measure(settings,
                                [&]()
                                {
                                    dpServed =
                                        scheduler.SolveBackboneDp(all, LoadRule::SHARING).nServed;
                                    return dpServed;
                                }));
    row.times.push_back(Measure(
        settings,
        [&]()
        {
            greedyServed =
                static_cast<uint32_t>(scheduler.GroupGreedy(all, LoadRule::SHARING, false).size());
            return greedyServed;
        }));
    row.times.push_back(Measure(settings,
                                [&]()
                                {
                                    decision =
                                        scheduler.Decide(SchedulingAlgorithm::PARTIAL_LOADING);
                                    return decision.nServed;
                                }));
    row.results = {std::to_string(dpServed) + "/" + std::to_string(shape.nRequests),
                   std::to_string(greedyServed),
                   std::to_string(decision.nServed),
                   std::to_string(decision.nBandwidthDrops)};
    return row;
}

/**
 * @brief Column setup of a PartialLoading table.
 * @param [in] title caption
 * @param [in] sizeName swept parameter
 * @param [in] fixed fixed parameters
 * @return the empty table
 */
Table
PartialLoadingTable(const std::string& title, const std::string& sizeName, const std::string& fixed)
{
    Table t;
    t.allocator = "PartialLoading";
    t.title = title;
    t.sizeName = sizeName;
    t.fixed = fixed + "; common deadline = half the serve-all GPU time, B = 2 MHz per request";
    t.timeColumns = {"setup",
                     ToString(SchedulingAlgorithm::BACKBONE_DP),
                     ToString(SchedulingAlgorithm::GROUP_GREEDY),
                     "Decide"};
    t.resultColumns = {"DP n*", "greedy", "Decide", "drops"};
    return t;
}

/**
 * @brief PartialLoading at scale: SolveBackboneDp() up to a size and GroupGreedy() (uploads
 * ignored, as step 1 runs them) versus K on the benchmark's instances.
 * @param [in] settings run settings
 * @param [in] sizes the K values
 * @param [in] maxDpK the DP is timed up to this K (skipped above)
 * @return the table (times: setup, DP, greedy; results: DP n*, greedy served)
 */
Table
PartialLoadingScaleSweep(const RunSettings& settings,
                         const std::vector<uint32_t>& sizes,
                         uint32_t maxDpK)
{
    Table t;
    t.allocator = "PartialLoading";
    t.title = "scheduler setup, SolveBackboneDp and GroupGreedy at scale vs K";
    t.sizeName = "K";
    t.fixed = "4 clusters x 4 models, 8 blocks per backbone; common deadline = half the "
              "serve-all GPU time; DP timed up to K = " +
              std::to_string(maxDpK);
    t.timeColumns = {"setup",
                     ToString(SchedulingAlgorithm::BACKBONE_DP),
                     ToString(SchedulingAlgorithm::GROUP_GREEDY)};
    t.resultColumns = {"DP n*", "greedy"};
    for (uint32_t k : sizes)
    {
        PartialLoadingShape shape;
        shape.nRequests = k;
        const PartialLoadingProblem problem = MakePartialLoadingProblem(shape, SeedFor(13, k));
        std::vector<uint32_t> all(k);
        for (uint32_t i = 0; i < k; ++i)
        {
            all[i] = i;
        }
        Row row;
        row.size = k;
        row.times.push_back(Measure(settings,
                                    [&]()
                                    {
                                        const PartialLoadingSolver s(problem);
                                        return s.GetNRequests();
                                    }));
        const PartialLoadingSolver scheduler(problem);
        uint32_t dpServed = 0;
        uint32_t greedyServed = 0;
        if (k <= maxDpK)
        {
            row.times.push_back(
                Measure(settings,
                        [&]()
                        {
                            dpServed = scheduler.SolveBackboneDp(all, LoadRule::SHARING).nServed;
                            return dpServed;
                        }));
        }
        else
        {
            row.times.push_back(Skipped("DP timed up to K = " + std::to_string(maxDpK)));
        }
        row.times.push_back(
            Measure(settings,
                    [&]()
                    {
                        greedyServed = static_cast<uint32_t>(
                            scheduler.GroupGreedy(all, LoadRule::SHARING, false).size());
                        return greedyServed;
                    }));
        row.results = {k <= maxDpK ? std::to_string(dpServed) : std::string("-"),
                       std::to_string(greedyServed)};
        t.rows.push_back(row);
    }
    return t;
}

// ---------------------------------------------------------------- batching + early exit

/**
 * @brief A random batching + early-exit instance (R3.5 of [3] defaults).
 *
 * L = 5 exits, A = (0.60, 0.68, 0.72, 0.74, 0.75), t_l(b) = 3 ms + a_l b with a_l = 0.8-1.2
 * ms; alpha_k = 0.55-0.75; D_k = 0.2 Mbit; p_k = 0.1 W at 50-250 m (8 dB shadowing),
 * N_0 = -174 dBm/Hz; W = 5 MHz; T_k in {40, 60, 80} ms, or 60 ms for everybody.
 * With nExits != 5 the accuracies are spread evenly from 0.60 to 0.75.
 * @param [in] nUsers K
 * @param [in] isCommonDeadline every T_k = 60 ms
 * @param [in] seed RNG seed
 * @param [in] nExits L (>= 2)
 * @return the instance
 */
BatchingEarlyExitProblem
MakeBatchingProblem(uint32_t nUsers, bool isCommonDeadline, uint64_t seed, uint32_t nExits = 5)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    auto uniform = [&](double lo, double hi)
    {
        return lo + (hi - lo) * unit(rng);
    };
    std::normal_distribution<double> shadowing(0.0, 8.0);

    BatchingEarlyExitProblem p;
    p.exitAccuracy = {0.60, 0.68, 0.72, 0.74, 0.75};
    if (nExits != p.exitAccuracy.size())
    {
        p.exitAccuracy.clear();
        for (uint32_t l = 0; l < nExits; ++l)
        {
            p.exitAccuracy.push_back(0.60 + 0.15 * l / (nExits - 1));
        }
    }
    for (uint32_t l = 0; l < p.exitAccuracy.size(); ++l)
    {
        p.latency.AddAffineBlock(3e-3, uniform(0.8e-3, 1.2e-3));
    }
    const std::vector<double> deadlines{0.040, 0.060, 0.080};
    for (uint32_t k = 0; k < nUsers; ++k)
    {
        BatchingEarlyExitUser u;
        u.accuracyRequirement = uniform(0.55, 0.75);
        u.deadlineS = isCommonDeadline ? 0.060 : deadlines[rng() % deadlines.size()];
        u.uploadBits = 0.2e6;
        const double gain = ChannelGain(uniform(50.0, 250.0), shadowing(rng));
        u.snrBandwidthHz = 0.1 * gain / NOISE_PSD_W_PER_HZ;
        p.users.push_back(u);
    }
    p.totalBandwidthHz = 5e6;
    return p;
}

/**
 * @brief State of a search sweep whose growth stops at the time cap.
 */
struct SearchSweep
{
    bool isStopped{false}; ///< A previous point exceeded the cap
    double nodesPerS{0};   ///< Search speed at the previous point, nodes/s
};

/**
 * @brief Time an optimal batching search (OPTIMAL_H or OPTIMAL_U) under the growth cap.
 *
 * The node limit is 1.5 x cap x the node rate of the previous point (1e9 at the first), so
 * a point that would take much longer than the cap is cut; a cut or a call above the cap
 * stops the sweep.
 * @param [in] settings run settings
 * @param [in,out] sweep sweep state
 * @param [in] problem the instance
 * @param [in] algorithm OPTIMAL_H or OPTIMAL_U
 * @param [out] served |S| of the decision ("-" if skipped)
 * @param [out] nodes search nodes of the decision ("-" if skipped)
 * @return the measurement
 */
Measurement
TimeSearch(const RunSettings& settings,
           SearchSweep& sweep,
           const BatchingEarlyExitProblem& problem,
           BatchingEarlyExitAlgorithm algorithm,
           std::string& served,
           std::string& nodes)
{
    served = "-";
    nodes = "-";
    if (sweep.isStopped)
    {
        return Skipped("previous size exceeded the " + General(settings.capS) + " s cap");
    }
    BatchingEarlyExitSolver solver(problem);
    const double limit = sweep.nodesPerS > 0 ? 1.5 * settings.capS * sweep.nodesPerS : 1e9;
    solver.SetMaxSearchNodes(static_cast<uint64_t>(std::max(limit, 1e4)));
    BatchingEarlyExitDecision d;
    Measurement m =
        Measure(settings,
                [&]()
                {
                    d = solver.Solve(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, algorithm);
                    return d.served.size();
                });
    served = std::to_string(d.served.size());
    nodes = std::to_string(d.nSearchNodes);
    if (!d.isOptimal)
    {
        m.isMeasured = false;
        m.note = "node limit " + std::to_string(solver.GetMaxSearchNodes()) +
                 " (extrapolated to the cap from the previous size) hit after " + Ms(m.medianS) +
                 " ms: growth stopped";
        served += "?";
        sweep.isStopped = true;
        return m;
    }
    sweep.nodesPerS = m.medianS > 0 ? d.nSearchNodes / m.medianS : 0;
    if (m.medianS > settings.capS)
    {
        m.note = "above the " + General(settings.capS) + " s cap: growth stopped";
        sweep.isStopped = true;
    }
    return m;
}

/**
 * @brief Time the batching greedy on one instance.
 * @param [in] settings run settings
 * @param [in] problem the instance
 * @param [out] served |S| of the greedy
 * @return the measurement
 */
Measurement
TimeGreedy(const RunSettings& settings, const BatchingEarlyExitProblem& problem, uint32_t& served)
{
    const BatchingEarlyExitSolver solver(problem);
    return Measure(settings,
                   [&]()
                   {
                       served = static_cast<uint32_t>(
                           solver
                               .Solve(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                                      BatchingEarlyExitAlgorithm::GREEDY)
                               .served.size());
                       return served;
                   });
}

/**
 * @brief One row of a search sweep: the optimal search and the greedy on one problem.
 * @param [in] settings run settings
 * @param [in,out] sweep the sweep's state (cap and extrapolation)
 * @param [in] problem the problem
 * @param [in] algorithm the optimal search
 * @param [in] size the swept size of this row
 * @return the row (times: search, greedy; results: |S| opt, nodes, |S| greedy)
 */
Row
SearchRow(const RunSettings& settings,
          SearchSweep& sweep,
          const BatchingEarlyExitProblem& problem,
          BatchingEarlyExitAlgorithm algorithm,
          uint32_t size)
{
    Row row;
    row.size = size;
    std::string served;
    std::string nodes;
    row.times.push_back(TimeSearch(settings, sweep, problem, algorithm, served, nodes));
    uint32_t greedy = 0;
    row.times.push_back(TimeGreedy(settings, problem, greedy));
    row.results = {served, nodes, std::to_string(greedy)};
    return row;
}

/**
 * @brief Optimal search (H or U) and greedy versus K on the same instances.
 * @param [in] settings run settings
 * @param [in] algorithm OPTIMAL_H (heterogeneous deadlines) or OPTIMAL_U (common deadline)
 * @param [in] sizes the K values
 * @return the table
 */
Table
BatchingSearchSweep(const RunSettings& settings,
                    BatchingEarlyExitAlgorithm algorithm,
                    const std::vector<uint32_t>& sizes)
{
    const bool isU = algorithm == BatchingEarlyExitAlgorithm::OPTIMAL_U;
    const std::string name = ToString(algorithm);
    Table t;
    t.allocator = "BatchingEarlyExit";
    t.title = "Solve(" + name + ") and greedy vs K";
    t.sizeName = "K";
    t.fixed = std::string("L = 5, W = 5 MHz, ") +
              (isU ? "common deadline 60 ms" : "deadlines in {40, 60, 80} ms") +
              "; search time capped at " + General(settings.capS) + " s";
    t.timeColumns = {name, ToString(BatchingEarlyExitAlgorithm::GREEDY)};
    t.resultColumns = {"|S| opt", "nodes", "|S| greedy"};
    t.isExponentialFit = true;
    SearchSweep sweep;
    for (uint32_t k : sizes)
    {
        t.rows.push_back(SearchRow(
            settings, sweep, MakeBatchingProblem(k, isU, SeedFor(isU ? 21 : 20, k)), algorithm, k));
    }
    return t;
}

/**
 * @brief optimal-h and greedy versus the number of blocks/exits L (heterogeneous deadlines).
 * @param [in] settings run settings
 * @param [in] nUsers K
 * @param [in] sizes the L values
 * @return the table
 */
Table
BatchingExitSweep(const RunSettings& settings, uint32_t nUsers, const std::vector<uint32_t>& sizes)
{
    Table t;
    t.allocator = "BatchingEarlyExit";
    t.title = "Solve(optimal-h) and greedy vs L";
    t.sizeName = "L";
    t.fixed = "K = " + std::to_string(nUsers) +
              ", W = 5 MHz, deadlines in {40, 60, 80} ms; search time capped at " +
              General(settings.capS) + " s";
    t.timeColumns = {ToString(BatchingEarlyExitAlgorithm::OPTIMAL_H),
                     ToString(BatchingEarlyExitAlgorithm::GREEDY)};
    t.resultColumns = {"|S| opt", "nodes", "|S| greedy"};
    SearchSweep sweep;
    for (uint32_t l : sizes)
    {
        t.rows.push_back(SearchRow(settings,
                                   sweep,
                                   MakeBatchingProblem(nUsers, false, SeedFor(24, l), l),
                                   BatchingEarlyExitAlgorithm::OPTIMAL_H,
                                   l));
    }
    return t;
}

/**
 * @brief Greedy alone versus K (heterogeneous deadlines).
 * @param [in] settings run settings
 * @param [in] sizes the K values
 * @return the table
 */
Table
BatchingGreedySweep(const RunSettings& settings, const std::vector<uint32_t>& sizes)
{
    Table t;
    t.allocator = "BatchingEarlyExit";
    t.title = "Solve(greedy) vs K";
    t.sizeName = "K";
    t.fixed = "L = 5, W = 5 MHz, deadlines in {40, 60, 80} ms";
    t.timeColumns = {ToString(BatchingEarlyExitAlgorithm::GREEDY)};
    t.resultColumns = {"|S| greedy"};
    for (uint32_t k : sizes)
    {
        Row row;
        row.size = k;
        uint32_t served = 0;
        row.times.push_back(
            TimeGreedy(settings, MakeBatchingProblem(k, false, SeedFor(22, k)), served));
        row.results = {std::to_string(served)};
        t.rows.push_back(row);
    }
    return t;
}

/**
 * @brief Print the greedy's optimality ratio |S_greedy| / |S_optimal-h| on random instances.
 * @param [in] sizes the K values
 * @param [in] nInstances instances per K
 */
void
PrintGreedyRatio(const std::vector<uint32_t>& sizes, uint32_t nInstances)
{
    std::cout << "\nBatchingEarlyExit: greedy optimality ratio |S_greedy| / |S_optimal-h|\n";
    std::cout << "  fixed: " << nInstances
              << " random instances per K (L = 5, W = 5 MHz, deadlines in {40, 60, 80} ms); "
                 "instances with |S_opt| = 0 are left out\n";
    PrintCells(std::cout,
               {{7, "K"},
                {11, "instances"},
                {11, "mean"},
                {11, "worst"},
                {11, "optimal"},
                {13, "mean |S_opt|"}});
    std::cout << "\n";
    double overallSum = 0;
    double overallWorst = 1;
    uint32_t overallN = 0;
    uint32_t overallEqual = 0;
    for (uint32_t k : sizes)
    {
        double sum = 0;
        double worst = 1;
        double optSum = 0;
        uint32_t n = 0;
        uint32_t equal = 0;
        uint32_t unproven = 0;
        for (uint32_t i = 0; i < nInstances; ++i)
        {
            BatchingEarlyExitSolver solver(MakeBatchingProblem(k, false, SeedFor(23, k, i)));
            solver.SetMaxSearchNodes(100000000);
            const BatchingEarlyExitDecision opt =
                solver.Solve(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                             BatchingEarlyExitAlgorithm::OPTIMAL_H);
            const BatchingEarlyExitDecision greedy = solver.Solve(
                BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, BatchingEarlyExitAlgorithm::GREEDY);
            unproven += opt.isOptimal ? 0 : 1;
            if (opt.served.empty())
            {
                continue;
            }
            const double ratio =
                static_cast<double>(greedy.served.size()) / static_cast<double>(opt.served.size());
            sum += ratio;
            worst = std::min(worst, ratio);
            optSum += opt.served.size();
            equal += greedy.served.size() == opt.served.size() ? 1 : 0;
            ++n;
        }
        std::cout << std::setw(7) << k << std::setw(11) << n << std::setw(11)
                  << (n > 0 ? Fixed(sum / n, 4) : "-") << std::setw(11)
                  << (n > 0 ? Fixed(worst, 4) : "-") << std::setw(11)
                  << (std::to_string(equal) + "/" + std::to_string(n)) << std::setw(13)
                  << (n > 0 ? Fixed(optSum / n, 2) : "-");
        if (unproven > 0)
        {
            std::cout << "  (" << unproven << " optimal-h runs hit the node limit)";
        }
        std::cout << "\n";
        overallSum += sum;
        overallWorst = std::min(overallWorst, n > 0 ? worst : 1.0);
        overallN += n;
        overallEqual += equal;
    }
    std::cout << "  all K: mean " << (overallN > 0 ? Fixed(overallSum / overallN, 4) : "-")
              << ", worst " << Fixed(overallWorst, 4) << ", greedy optimal on " << overallEqual
              << "/" << overallN << " instances\n";
}

/**
 * @brief optimal-h at one K on several random instances (heterogeneous deadlines): the
 * median over repetitions per instance, then the median and the worst over the instances.
 * The default node limit (BatchingEarlyExitSolver::DEFAULT_MAX_SEARCH_NODES) applies; an
 * instance that hits it fails the target.
 * @param [in] settings run settings
 * @param [in] nUsers K
 * @param [in] nInstances number of instances
 * @param [in] limitS the target, s
 * @return the target
 */
Target
OptimalHTarget(const RunSettings& settings, uint32_t nUsers, uint32_t nInstances, double limitS)
{
    Target target;
    target.text = "Batching optimal-h K=" + std::to_string(nUsers) + " < " + Fixed(limitS, 0) +
                  " s (median and worst over " + std::to_string(nInstances) + " instances)";
    target.limitS = limitS;
    std::vector<double> times;
    uint64_t maxNodes = 0;
    uint32_t nCut = 0;
    for (uint32_t i = 0; i < nInstances; ++i)
    {
        const BatchingEarlyExitSolver solver(
            MakeBatchingProblem(nUsers, false, SeedFor(24, nUsers, i)));
        BatchingEarlyExitDecision d;
        const Measurement m =
            Measure(settings,
                    [&]()
                    {
                        d = solver.Solve(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                                         BatchingEarlyExitAlgorithm::OPTIMAL_H);
                        return d.served.size();
                    });
        times.push_back(m.medianS);
        maxNodes = std::max(maxNodes, d.nSearchNodes);
        nCut += d.isOptimal ? 0 : 1;
    }
    std::sort(times.begin(), times.end());
    target.time.isMeasured = true;
    target.time.medianS = times[times.size() / 2];
    target.time.minS = times.front();
    target.time.reps = nInstances;
    target.checkedS = nCut > 0 ? std::numeric_limits<double>::infinity() : times.back();
    target.detail = "median over " + std::to_string(nInstances) + " instances, worst " +
                    Ms(times.back()) + " ms, at most " + std::to_string(maxNodes) + " nodes";
    if (nCut > 0)
    {
        target.detail += ", " + std::to_string(nCut) + " instances hit the node limit";
    }
    return target;
}

/**
 * @brief The MILP anchor (GLPK, utils/bench/milp-anchor.h): on random instances, the
 * module's exact algorithm and the MILP must reach the same optimum; prints per K the
 * agreement and the median time ratio module / MILP (module: median of repetitions; MILP:
 * one solve, cutting-plane loop included). Prints "skipped" without GLPK.
 * @param [in] settings run settings
 * @param [in] batchingSizes K values of the batching C2 problem
 * @param [in] loadingSizes K values of the PartialLoading schedule
 * @param [in] perK instances per K
 * @return true if every instance agreed (or the anchor is skipped)
 */
bool
PrintMilpAnchor(const RunSettings& settings,
                const std::vector<uint32_t>& batchingSizes,
                const std::vector<uint32_t>& loadingSizes,
                uint32_t perK)
{
#ifndef EI_HAVE_GLPK
    std::cout << "\nMILP anchor: skipped (built without GLPK; apt-get install libglpk-dev and "
                 "reconfigure)\n";
    return true;
#else
    RunSettings quick = settings;
    quick.reps = 3;
    quick.pointBudgetS = 0.2;
    std::cout << "\nMILP anchor: the module's exact algorithms vs GLPK " << milp::SolverVersion()
              << " (glp_intopt, presolve) on the same random instances\n";
    bool isAllSame = true;
    auto header = [](const std::string& title)
    {
        std::cout << title << "\n";
        PrintCells(std::cout,
                   {{7, "K"},
                    {11, "instances"},
                    {11, "same opt"},
                    {12, "module ms"},
                    {12, "MILP ms"},
                    {14, "module/MILP"},
                    {11, "MILPs"},
                    {12, "mean |S*|"}});
        std::cout << "\n";
    };
    auto row = [&](uint32_t k,
                   uint32_t n,
                   uint32_t same,
                   std::vector<double>& mod,
                   std::vector<double>& mil,
                   std::vector<double>& ratio,
                   uint32_t maxSolves,
                   double optSum)
    {
        std::cout << std::setw(7) << k << std::setw(11) << n << std::setw(11)
                  << (std::to_string(same) + "/" + std::to_string(n)) << std::setw(12)
                  << Ms(Median(mod)) << std::setw(12) << Ms(Median(mil)) << std::setw(14)
                  << General(Median(ratio)) << std::setw(11) << maxSolves << std::setw(12)
                  << Fixed(optSum / n, 2) << "\n";
        isAllSame = isAllSame && same == n;
    };
    header("  batching + early exit C2, optimal-h vs MILP with tangent cuts on w^min (L = 5, W = "
           "5 MHz, deadlines in {40, 60, 80} ms); MILPs = most cutting-plane solves");
    uint32_t totalSame = 0;
    uint32_t total = 0;
    for (uint32_t k : batchingSizes)
    {
        std::vector<double> mod;
        std::vector<double> mil;
        std::vector<double> ratio;
        uint32_t same = 0;
        uint32_t maxSolves = 0;
        double optSum = 0;
        for (uint32_t i = 0; i < perK; ++i)
        {
            const BatchingEarlyExitSolver solver(MakeBatchingProblem(k, false, SeedFor(30, k, i)));
            BatchingEarlyExitDecision d;
            const Measurement m =
                Measure(quick,
                        [&]()
                        {
                            d = solver.Solve(BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                                             BatchingEarlyExitAlgorithm::OPTIMAL_H);
                            return d.served.size();
                        });
            const milp::MilpResult r = milp::SolveBatchingMilp(solver);
            const bool isSame = d.isOptimal && r.isOptimal && r.nServed == d.served.size();
            same += isSame ? 1 : 0;
            if (!isSame)
            {
                std::cout << "  DIFFERENT K=" << k << " instance " << i << ": optimal-h "
                          << d.served.size() << (d.isOptimal ? "" : " (not proven)") << ", MILP "
                          << r.nServed << " " << r.message << "\n";
            }
            mod.push_back(m.medianS);
            mil.push_back(r.wallTimeS);
            ratio.push_back(m.medianS / r.wallTimeS);
            maxSolves = std::max(maxSolves, r.nSolves);
            optSum += static_cast<double>(d.served.size());
        }
        row(k, perK, same, mod, mil, ratio, maxSolves, optSum);
        totalSame += same;
        total += perK;
    }
    std::cout << "  batching: same optimum on " << totalSame << "/" << total << " instances "
              << Verdict(totalSame == total) << "\n";
    header("  PartialLoading schedule (common deadline, uploads ignored, SHARING), backbone DP "
           "vs position MILP (3 clusters x 3 models, 4 blocks per backbone)");
    totalSame = 0;
    total = 0;
    for (uint32_t k : loadingSizes)
    {
        std::vector<double> mod;
        std::vector<double> mil;
        std::vector<double> ratio;
        uint32_t same = 0;
        double optSum = 0;
        for (uint32_t i = 0; i < perK; ++i)
        {
            PartialLoadingShape shape;
            shape.nRequests = k;
            shape.nClusters = 3;
            shape.headsPerCluster = 3;
            shape.blocksPerBackbone = 4;
            const PartialLoadingSolver solver(MakePartialLoadingProblem(shape, SeedFor(31, k, i)));
            std::vector<uint32_t> all(k);
            for (uint32_t j = 0; j < k; ++j)
            {
                all[j] = j;
            }
            uint32_t n = 0;
            const Measurement m = Measure(quick,
                                          [&]()
                                          {
                                              n = solver.SolveBackboneDp(all).nServed;
                                              return n;
                                          });
            const milp::MilpResult r = milp::SolvePartialLoadingMilp(solver);
            const bool isSame = r.isOptimal && r.nServed == n;
            same += isSame ? 1 : 0;
            if (!isSame)
            {
                std::cout << "  DIFFERENT K=" << k << " instance " << i << ": DP " << n << ", MILP "
                          << r.nServed << " " << r.message << "\n";
            }
            mod.push_back(m.medianS);
            mil.push_back(r.wallTimeS);
            ratio.push_back(m.medianS / r.wallTimeS);
            optSum += n;
        }
        row(k, perK, same, mod, mil, ratio, 1, optSum);
        totalSame += same;
        total += perK;
    }
    std::cout << "  PartialLoading: same optimum on " << totalSame << "/" << total << " instances "
              << Verdict(totalSame == total) << "\n";
    return isAllSame;
#endif
}

/**
 * @brief The measurement of a table at a size and column.
 * @param [in] table the table
 * @param [in] size the size
 * @param [in] column timed column index
 * @return the measurement, or a skipped one if the size is not in the table
 */
Measurement
Lookup(const Table& table, uint32_t size, size_t column)
{
    for (const Row& row : table.rows)
    {
        if (row.size == size)
        {
            return row.times[column];
        }
    }
    return Skipped("size not in this run's sweep");
}

/**
 * @return the 1-minute load average, or a negative value if unknown
 */
double
LoadAverage()
{
    std::ifstream in("/proc/loadavg");
    double load = -1;
    if (!(in >> load))
    {
        return -1;
    }
    return load;
}

} // namespace

int
main(int argc, char* argv[])
{
    RunMode mode;
    std::string csvFile;
    double capS = 0;
    CommandLine cmd(__FILE__);
    cmd.Usage("Solve time of the SLIDE, PartialLoading and batching + early-exit allocators "
              "versus problem size, with fitted growth exponents.");
    mode.AddTo(cmd,
               "Small, fast subset (CTest smoke test)",
               "Full sweep (larger sizes, more repetitions)");
    cmd.AddValue("csv", "Also write the measurements to this CSV file", csvFile);
    cmd.AddValue("cap",
                 "Time cap of one point of the optimal batching searches, s (0 = 0.5 s with "
                 "--quick, else 2 s); a point above it stops the growth of K",
                 capS);
    cmd.Parse(argc, argv);
    if (!mode.Check("allocator-benchmark", std::cerr))
    {
        return 1;
    }
    if (!(capS >= 0) || std::isinf(capS))
    {
        std::cerr << "allocator-benchmark: --cap=" << capS << " (must be finite and >= 0)\n";
        return 1;
    }

    const bool isQuick = mode.IsQuick();
    RunSettings settings;
    settings.mode = mode.GetName();
    if (isQuick)
    {
        settings.reps = 3;
        settings.minRepS = 2e-4;
        settings.pointBudgetS = 0.05;
        settings.capS = 0.5;
    }
    else if (mode.IsFull())
    {
        settings.reps = 15;
        settings.minRepS = 2e-3;
        settings.pointBudgetS = 3.0;
        settings.capS = 2.0;
    }
    if (capS > 0)
    {
        settings.capS = capS;
    }
    const bool isDefault = mode.IsDefault();
    using Sizes = std::vector<uint32_t>;
    auto pick = [&mode](const Sizes& quick, const Sizes& normal, const Sizes& full)
    {
        return mode.Pick(quick, normal, full);
    };

    const Stopwatch wallTime;
    const double loadStart = LoadAverage();
    std::cout << "allocator-benchmark (" << settings.mode << "): median of up to " << settings.reps
              << " repetitions per point, std::chrono::steady_clock\n";
    std::cout << "host: " << std::thread::hardware_concurrency() << " hardware threads";
    if (loadStart >= 0)
    {
        std::cout << ", 1-min load average " << Fixed(loadStart, 2) << " at start";
    }
    std::cout << "\nbenchmark translation unit "
#ifdef __OPTIMIZE__
              << "optimised"
#else
              << "NOT optimised"
#endif
              << "; the times are those of the linked edge-inference library's build\n";

    std::vector<Table> tables;
    std::vector<Target> targets;

    // SLIDE
    tables.push_back(SlideSweep(
        settings,
        true,
        pick({10, 30, 100}, {10, 30, 100, 300, 1000}, {10, 30, 100, 300, 1000, 3000, 10000}),
        50));
    PrintTable(tables.back());
    tables.push_back(
        SlideSweep(settings,
                   false,
                   pick({10, 30, 100}, {10, 30, 100, 300}, {10, 30, 100, 300, 1000, 3000}),
                   100));
    PrintTable(tables.back());
    {
        // at scale: L = 200, K up to 10,000 (the target size)
        Table t = SlideSweep(
            settings,
            true,
            pick({100, 300, 1000}, {300, 1000, 3000, 10000}, {300, 1000, 3000, 10000, 30000}),
            200);
        t.title += " at scale";
        tables.push_back(t);
        PrintTable(t);
        Target target;
        target.text = "SLIDE K=10000, L=200 solves in < 100 ms";
        target.limitS = 100e-3;
        target.time = Lookup(t, 10000, 0);
        targets.push_back(target);
    }

    // PartialLoading
    {
        Table t = PartialLoadingTable("scheduler setup, SolveBackboneDp, GroupGreedy and "
                                      "Decide(partial-loading) vs K",
                                      "K",
                                      "4 clusters x 4 models, 8 blocks per backbone");
        for (uint32_t k :
             pick({5, 10, 20, 50}, {5, 10, 20, 50, 100, 200}, {5, 10, 20, 50, 100, 200, 500, 1000}))
        {
            PartialLoadingShape shape;
            shape.nRequests = k;
            t.rows.push_back(PartialLoadingRow(settings, shape, SeedFor(10, k), k));
        }
        tables.push_back(t);
        PrintTable(t);
    }
    {
        Table t = PartialLoadingScaleSweep(settings,
                                           pick({100, 300, 1000},
                                                {100, 300, 1000, 3000, 10000},
                                                {100, 300, 1000, 3000, 10000, 30000}),
                                           mode.IsFull() ? 3000 : 1000);
        tables.push_back(t);
        PrintTable(t);
        Target dp;
        dp.text = "PartialLoading DP (SolveBackboneDp) K=1000 < 100 ms";
        dp.limitS = 100e-3;
        dp.time = Lookup(t, 1000, 1);
        targets.push_back(dp);
        Target greedy;
        greedy.text = "PartialLoading group greedy K=10000 < 1 s";
        greedy.limitS = 1.0;
        greedy.time = Lookup(t, 10000, 2);
        targets.push_back(greedy);
    }
    {
        Table t = PartialLoadingTable("the same vs the number of models M (4 clusters)",
                                      "M",
                                      "K = 50, 8 blocks per backbone");
        for (uint32_t m : pick({4, 16}, {4, 8, 16, 32, 64, 128}, {4, 8, 16, 32, 64, 128, 256, 512}))
        {
            PartialLoadingShape shape;
            shape.headsPerCluster = m / shape.nClusters;
            t.rows.push_back(PartialLoadingRow(settings, shape, SeedFor(11, m), m));
        }
        tables.push_back(t);
        PrintTable(t);
    }
    {
        Table t = PartialLoadingTable("the same vs the number of blocks per backbone",
                                      "blocks",
                                      "K = 50, 4 clusters x 4 models");
        for (uint32_t b : pick({1, 8}, {1, 4, 16, 64, 256}, {1, 4, 16, 64, 256, 1024}))
        {
            PartialLoadingShape shape;
            shape.blocksPerBackbone = b;
            t.rows.push_back(PartialLoadingRow(settings, shape, SeedFor(12, b), b));
        }
        tables.push_back(t);
        PrintTable(t);
    }

    // Batching + early exit
    {
        Table t = BatchingSearchSweep(settings,
                                      BatchingEarlyExitAlgorithm::OPTIMAL_H,
                                      pick({5, 10, 15},
                                           {5, 10, 15, 20, 25, 30, 40, 60, 100},
                                           {5, 10, 15, 20, 25, 30, 40, 60, 100, 150, 200, 300}));
        tables.push_back(t);
        PrintTable(t);
        targets.push_back(OptimalHTarget(settings, isQuick ? 30 : 100, isQuick ? 3 : 20, 1.0));
    }
    {
        Table t = BatchingSearchSweep(settings,
                                      BatchingEarlyExitAlgorithm::OPTIMAL_U,
                                      pick({5, 10, 20},
                                           {5, 10, 15, 20, 25, 30, 40, 60, 100},
                                           {5, 10, 15, 20, 25, 30, 40, 60, 100, 150, 200, 300}));
        tables.push_back(t);
        PrintTable(t);
    }
    {
        Table t = BatchingExitSweep(settings,
                                    isQuick ? 10 : 20,
                                    pick({2, 5}, {2, 3, 5, 8, 12, 20}, {2, 3, 5, 8, 12, 20, 30}));
        tables.push_back(t);
        PrintTable(t);
    }
    {
        Table t = BatchingGreedySweep(settings,
                                      pick({5, 20, 100, 1000},
                                           {5, 10, 20, 50, 100, 200, 500, 1000},
                                           {5, 10, 20, 50, 100, 200, 500, 1000, 2000}));
        tables.push_back(t);
        PrintTable(t);
        Target target;
        target.text = "Batching greedy K=1000 < 1 s";
        target.limitS = 1.0;
        target.time = Lookup(t, 1000, 0);
        targets.push_back(target);
    }
    PrintGreedyRatio(pick({5, 10}, {5, 10, 15, 20}, {5, 10, 15, 20}),
                     isQuick ? 5 : (isDefault ? 20 : 50));

    PrintMilpAnchor(settings,
                    pick({4, 6}, {4, 6, 8, 10, 12}, {4, 6, 8, 10, 12, 14, 16}),
                    pick({3, 5}, {3, 4, 5, 6, 8}, {3, 4, 5, 6, 8, 10}),
                    isQuick ? 2 : 10);

    std::cout << "\nTargets (" << settings.mode << " run):\n";
    for (const Target& t : targets)
    {
        std::cout << "  " << t.text << ": ";
        if (!t.time.isMeasured)
        {
            std::cout << "not measured (" << t.time.note << ") (MISS)\n";
            continue;
        }
        const double checked = t.checkedS > 0 ? t.checkedS : t.time.medianS;
        std::cout << Ms(t.time.medianS) << " ms";
        if (!t.detail.empty())
        {
            std::cout << " (" << t.detail << ")";
        }
        std::cout << " (" << Verdict(checked < t.limitS) << ")\n";
    }

    if (!csvFile.empty())
    {
        WriteCsv(csvFile, tables, settings);
        std::cout << "\nCSV written to " << csvFile << "\n";
    }
    const double elapsed = wallTime.ElapsedS();
    const double loadEnd = LoadAverage();
    std::cout << "\nwall time " << Fixed(elapsed, 1) << " s";
    if (loadEnd >= 0)
    {
        std::cout << ", 1-min load average " << Fixed(loadEnd, 2) << " at the end";
    }
    std::cout << "\n" << DoneLine("allocator-benchmark", settings.mode) << "\n";
    return 0;
}
