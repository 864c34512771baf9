/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief SLIDE over LTE: the server-side allocator (SlideResourceManager) decides model
 * variant, downlink bandwidth and device frequency for users with heterogeneous tasks,
 * deadlines, devices and distances; the eNB MAC executes the bandwidth
 * (BandwidthShareFfrAlgorithm), the clients apply the frequency from the grant, and the
 * packet-level run measures who completes in time.
 *
 * Paper 1 (G. Qu et al., "SLIDE", IEEE TMC 2026, arXiv 2512.20946); see doc/slide-network.rst.
 *
 * Output: the per-user decision with the predicted and measured completion time (from the
 * decision) and the relative error for SLIDE at the default bandwidth, then the task
 * throughput (users completing within their deadline, measured) of SLIDE and the baselines
 * vs. the total bandwidth and vs. the deadline.
 *
 *     ./slide-lte                       # default sweep (a few simulated seconds per run)
 *     ./slide-lte --rateModel=shannon   # the paper's Shannon rate from the reported SINR
 *     ./slide-lte --full                # larger sweep, writes slide-lte.csv and two .plt files
 *     ./slide-lte --benchmark           # allocator solve time and simulation overhead
 *     ./slide-lte --nCells=7 --nUes=20 --sweeps=false   # 7 interfering cells, 20 UEs each
 *
 * Allocator round trip (doc/slide-network.rst, "Allocator interface and decision files"):
 *
 *     ./slide-lte --writeInstances=slide-%r.json     # the instance of every round
 *     edge-inference-solve --input=slide-0.json --output=decision-0.json
 *     ./slide-lte --decisionFiles=decision-%r.json   # execute the decision of the file
 */

#include "edge-lte-scenario.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

NS_LOG_COMPONENT_DEFINE("SlideLteExample");

namespace
{

/// The zoo variants: precision variants of two zoo models.
std::vector<DnnModel>
Variants()
{
    std::vector<DnnModel> out;
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, double>>>> spec = {
        {"b-alexnet", {{"fp32", 4}, {"fp16", 2}, {"int8", 1}}},
        {"mobilenetv2", {{"int8", 1}, {"int4", 0.5}}}};
    for (const auto& base : spec)
    {
        for (const auto& prec : base.second)
        {
            DnnModel m = DnnModelZoo::Get(base.first);
            m.SetBytesPerParameter(prec.second);
            m.SetName(base.first + "-" + prec.first);
            out.push_back(m);
        }
    }
    return out;
}

/**
 * The median of some values.
 * @param [in] v the values (copied: sorted here)
 * @return the median, 0 if none
 */
double
Median(std::vector<double> v)
{
    if (v.empty())
    {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/// Tasks and the variants that meet them.
std::map<std::string, std::vector<std::string>>
Tasks()
{
    return {{"cifar", {"b-alexnet-fp32", "b-alexnet-fp16", "b-alexnet-int8"}},
            {"imagenet", {"mobilenetv2-int8", "mobilenetv2-int4"}}};
}

/**
 * The helper configuration of a built-in algorithm.
 * @param [in] algorithm the algorithm
 * @param [in] instances InstanceFileName ("" = none)
 * @return the configuration
 */
std::function<void(SlideHelper&)>
BuiltIn(SlideAlgorithm algorithm, const std::string& instances = "")
{
    return [algorithm, instances](SlideHelper& h)
    {
        h.SetAllocatorType("ns3::SlideSolverAllocator");
        h.SetAllocatorAttribute("Algorithm", StringValue(ToString(algorithm)));
        h.SetAllocatorAttribute("InstanceFileName", StringValue(instances));
    };
}

} // namespace

/**
 * The example, run by main() through ExampleCommandLine::Run (exceptions: exit status 2).
 * @param [in] argc argument count
 * @param [in] argv arguments
 * @return the exit status
 */
int
RunExample(int argc, char* argv[])
{
    uint32_t nUes = 6;
    const std::vector<double> singleCellDist = {100, 250, 400, 550, 700, 850};
    std::vector<double> dist = singleCellDist;
    uint32_t nCells = 1;
    double isd = EDGE_LTE_DEFAULT_ISD_M;
    std::string rateModel = "lte-amc";
    std::vector<uint32_t> rbsSweep = {15, 25};
    std::vector<double> scales = {0.75, 1};
    std::vector<std::string> algorithms = {
        "slide-optimal", "dai-optimal", "equal-bandwidth", "random-model"};
    std::string algorithm = "slide-optimal";
    std::string writeInstances;
    std::string decisionFiles;
    uint32_t rbs = 25;
    double rateEfficiency = SLIDE_LTE_RATE_EFFICIENCY;
    double nrRateEfficiency = 1;
    bool blerAware = SlideLteConfig().blerAware;
    bool full = false;
    bool benchmark = false;
    bool sweeps = true;
    std::vector<uint32_t> benchUes = {5, 10};
    std::string radio = "lte";
    const auto names = NameTable(SlideAlgorithmNames());
    ExampleCommandLine cmd(__FILE__);
    cmd.AddCount(
        "nUes", "Number of UEs (1..319), per cell with --nCells > 1", nUes, 1, LTE_MAX_UES);
    cmd.AddNumberList("distances",
                      "UE distances from the eNB in m (cycled; default 100..850, with --nCells > 1 "
                      "0.08..0.48 x interSiteDistance, inside the cell)",
                      dist,
                      ValueRange::Positive());
    cmd.AddChoice("nCells",
                  "Cells: 1, or 3 or 7 interfering sites on a hexagonal grid, one SLIDE manager "
                  "and server per cell (LTE; the per-user table only with --sweeps=false)",
                  nCells,
                  {1, 3, 7});
    cmd.AddNumber("interSiteDistance",
                  "Distance between neighbour sites with --nCells > 1, m",
                  isd,
                  ValueRange::Positive());
    cmd.AddName(
        "rateModel", "Allocator rate model: lte-amc or shannon", rateModel, {"lte-amc", "shannon"});
    cmd.AddChoice("rbs", "Bandwidth (RB) of the per-user table", rbs, LteBandwidthTable());
    cmd.AddCountList(
        "rbsList", "Bandwidths (RB) of the throughput sweep", rbsSweep, 0, 0, LteBandwidthTable());
    cmd.AddNumberList("deadlineScales",
                      "Deadline factors of the throughput sweep",
                      scales,
                      ValueRange::Positive());
    cmd.AddNameList(
        "algorithms", "Algorithms of the sweep (names of --algorithm)", algorithms, names);
    cmd.AddName(
        "algorithm", "Algorithm of the per-user table (slide-optimal, ...)", algorithm, names);
    cmd.AddValue("writeInstances",
                 "Write the per-user run's instances (edge-inference-solve input; %r = round)",
                 writeInstances);
    cmd.AddValue("decisionFiles",
                 "Run the per-user table with the decisions of these files (solver output; "
                 "%r = round) instead of --algorithm",
                 decisionFiles);
    cmd.AddNumber("rateEfficiency",
                  "Factor (0,1] on the allocator's rate model",
                  rateEfficiency,
                  ValueRange::LeftOpen(0, 1));
    cmd.AddNumber("nrRateEfficiency",
                  "Extra factor (0,1] on the allocator's rate model over NR (NrSlideCell already "
                  "models the headers and the F-slot symbols the TCP ACKs take; 1 = none)",
                  nrRateEfficiency,
                  ValueRange::LeftOpen(0, 1));
    cmd.AddValue("blerAware",
                 "LTE rate model with the HARQ retransmissions of the blocks lost at their first "
                 "transmission (ns-3's LteMiErrorModel at the reported SINR; manager attribute "
                 "BlerAware)",
                 blerAware);
    cmd.AddValue("full", "Larger sweep; write slide-lte.csv and gnuplot files", full);
    cmd.AddValue("benchmark", "Allocator solve time and simulation overhead", benchmark);
    cmd.AddValue("sweeps",
                 "false: the per-user table only (--algorithm, --rbs): one point of a sweep run "
                 "by utils/sweep.py",
                 sweeps);
    cmd.AddCountList(
        "benchmarkUes", "UE counts of the benchmark (1..319)", benchUes, 1, LTE_MAX_UES);
    cmd.AddName("radio",
                "Radio: lte, or nr (5G-LENA, NrSymbolShareScheduler; the NR cell is set by "
                "--ns3::EdgeNrTopologyHelper::...; rbs/rbsList unused)",
                radio,
                EdgeRadioNames());
    cmd.Parse(argc, argv);
    CheckEdgeRadio(radio);
    if (nCells > 1 && radio != "lte")
    {
        throw std::invalid_argument("--nCells=" + std::to_string(nCells) +
                                    ": several cells are LTE only (--radio=" + radio + ")");
    }
    if (nCells > 1 && benchmark)
    {
        throw std::invalid_argument("--nCells=" + std::to_string(nCells) +
                                    ": --benchmark is single-cell (use --nCells=1)");
    }
    if (nCells > 1 && dist == singleCellDist)
    {
        // inside a cell of the grid: the cell's inradius is half the inter-site distance
        dist.clear();
        for (double f : {0.08, 0.16, 0.24, 0.32, 0.40, 0.48})
        {
            dist.push_back(f * isd);
        }
    }
    if (radio == "nr" && rateModel == "shannon")
    {
        throw std::invalid_argument("--rateModel=shannon: over NR only the AMC model (nr-amc) "
                                    "is available");
    }

    const SlideAlgorithm detailAlgorithm = SlideAlgorithmFromString(algorithm);
    std::vector<SlideAlgorithm> algos;
    for (const std::string& a : algorithms)
    {
        algos.push_back(SlideAlgorithmFromString(a));
    }
    if (full)
    {
        rbsSweep = {6, 15, 25, 50};
        scales = {0.5, 0.75, 1, 1.5, 2};
        algos.clear();
        for (const auto& a : SlideAlgorithmNames())
        {
            if (a.first != SlideAlgorithm::MAX_FREQUENCY)
            {
                algos.push_back(a.first);
            }
        }
    }

    // TCP with full-size segments over RLC AM; ideal RRC; CQI from the whole band
    SetSlideLteDefaults();

    // heterogeneous users: tasks, samples, devices, deadlines and budgets cycle
    const std::vector<std::string> tasks = {"cifar", "imagenet"};
    const std::vector<uint32_t> cifarSamples = {256, 128};
    const std::vector<uint32_t> imagenetSamples = {16, 8};
    const std::vector<double> flopsPerCycle = {32, 64, 16};
    const std::vector<double> deadlines = {1.0, 2.0, 1.5, 2.5, 1.2};
    const std::vector<double> budgets = {0.5, 2.0, 1.0};
    auto makeUsers = [&](uint32_t n)
    {
        std::vector<SlideLteUser> users;
        for (uint32_t i = 0; i < n; ++i)
        {
            SlideLteUser u;
            u.distanceM = dist[i % dist.size()];
            u.task = tasks[i % tasks.size()];
            u.samples = u.task == "cifar" ? cifarSamples[(i / 2) % cifarSamples.size()]
                                          : imagenetSamples[(i / 2) % imagenetSamples.size()];
            u.flopsPerCycle = flopsPerCycle[i % flopsPerCycle.size()];
            u.deadlineS = deadlines[i % deadlines.size()];
            u.energyBudgetJ = budgets[i % budgets.size()];
            users.push_back(u);
        }
        return users;
    };

    SlideLteConfig base;
    base.users = makeUsers(nUes);
    if (nCells > 1)
    {
        // the same users in every cell
        const std::vector<SlideLteUser> cell = base.users;
        for (uint32_t c = 1; c < nCells; ++c)
        {
            for (SlideLteUser u : cell)
            {
                u.cell = c;
                base.users.push_back(u);
            }
        }
        base.nCells = nCells;
        base.interSiteDistanceM = isd;
    }
    const auto nUsers = static_cast<uint32_t>(base.users.size());
    base.models = Variants();
    base.tasks = Tasks();
    base.configure = BuiltIn(SlideAlgorithm::SLIDE_OPTIMAL);
    base.rbs = rbs;
    base.rateModel = rateModel == "shannon" ? "Shannon" : "LteAmc";
    base.rateEfficiency = rateEfficiency;
    base.blerAware = blerAware;
    base.run = RngSeedManager::GetRun(); // --RngRun
    base.radio = radio;
    if (radio == "nr")
    {
        base.rateEfficiency = nrRateEfficiency;
    }

    if (benchmark)
    {
        std::cout << "slide-lte benchmark: allocator (SLIDE, " << base.rateModel
                  << ") vs plain streaming of the same variants, " << rbs << " RBs\n"
                  << std::setw(5) << "UEs" << std::setw(10) << "admitted" << std::setw(11)
                  << "solve_us" << std::setw(9) << "sim_s" << std::setw(9) << "wall_s"
                  << std::setw(9) << "plain_s" << std::setw(9) << "wall_s" << std::setw(9)
                  << "ratio" << std::setw(9) << "shared_s" << std::setw(9) << "wall_s"
                  << std::setw(9) << "ratio2" << std::setw(8) << "MB"
                  << "\n";
        for (uint32_t n : benchUes)
        {
            SlideLteConfig cfg = base;
            cfg.users = makeUsers(n);
            const SlideLteOutcome with = RunSlideLte(cfg);
            SlideLteConfig plain = cfg;
            plain.withManager = false;
            for (const auto& u : with.users)
            {
                plain.fixedVariants.push_back(u.admitted ? u.text : "");
            }
            const SlideLteOutcome without = RunSlideLte(plain);
            SlideLteConfig shared = plain;
            shared.plainShares = true;
            const SlideLteOutcome sharedOut = RunSlideLte(shared);
            // LTE costs per simulated TTI: compare wall time per simulated second
            const double perSim = with.wallSeconds / with.simSeconds;
            const double ratio = perSim / (without.wallSeconds / without.simSeconds);
            const double ratio2 = perSim / (sharedOut.wallSeconds / sharedOut.simSeconds);
            std::cout << std::setw(5) << cfg.users.size() << std::setw(10) << with.admitted
                      << std::fixed << std::setprecision(1) << std::setw(11)
                      << with.solveSeconds * 1e6 << std::setprecision(2) << std::setw(9)
                      << with.simSeconds << std::setw(9) << with.wallSeconds << std::setw(9)
                      << without.simSeconds << std::setw(9) << without.wallSeconds
                      << std::setprecision(3) << std::setw(9) << ratio << std::setprecision(2)
                      << std::setw(9) << sharedOut.simSeconds << std::setw(9)
                      << sharedOut.wallSeconds << std::setprecision(3) << std::setw(9) << ratio2
                      << std::setprecision(2) << std::setw(8) << with.bytesDelivered / 1e6 << "\n";
        }
        std::cout
            << "solve_us: wall time of SlideSolver::Solve() inside the simulation; "
               "sim_s / wall_s: simulated and wall time with the allocator (grants, FFR "
               "shares), plain_s / wall_s: the same variants requested directly (FFR "
               "transparent, no grants); shared_s / wall_s: the same with equal FFR shares for "
               "those UEs (no allocator); ratio, ratio2: wall time per simulated second "
               "with the allocator / plain, / shared; MB: stream bytes delivered (equal in "
               "all runs).\n"
            << "slide-lte: benchmark done\n";
        return 0;
    }

    // 1. per-user table: SLIDE at the default bandwidth
    SlideLteConfig detailCfg = base;
    detailCfg.configure = BuiltIn(detailAlgorithm, writeInstances);
    if (!decisionFiles.empty())
    {
        detailCfg.configure = [&decisionFiles](SlideHelper& h)
        {
            h.SetAllocatorType("ns3::SlideDecisionFileAllocator");
            h.SetAllocatorAttribute("FileName", StringValue(decisionFiles));
        };
    }
    const SlideLteOutcome detail = RunSlideLte(detailCfg);
    std::ostringstream cellsText;
    if (nCells > 1)
    {
        cellsText << nCells << " cells (inter-site distance " << isd << " m) x ";
    }
    std::cout << "SLIDE over " << (radio == "nr" ? "NR" : "LTE") << ": " << cellsText.str() << nUes
              << " UEs, "
              << (radio == "nr" ? std::string("NR cell of EdgeNrTopologyHelper")
                                : std::to_string(rbs) + " RBs")
              << ", rate model "
              << (radio == "nr" ? std::string("NrDlSymbol (headers, F-slot uplink)")
                                : base.rateModel)
              << (base.rateEfficiency < 1 ? " (scaled)" : "")
              << (base.blerAware && radio == "lte" && base.rateModel == "LteAmc" ? " + BLER" : "")
              << "; allocator "
              << (decisionFiles.empty() ? ToString(detailAlgorithm)
                                        : "decision files " + decisionFiles)
              << (writeInstances.empty() ? "" : ", instances written to " + writeInstances) << "\n";
    for (const auto& message : detail.rejections)
    {
        std::cout << "rejected decision: " << message << "\n";
    }
    std::cout << "\n" << std::setw(3) << "UE";
    if (nCells > 1)
    {
        std::cout << std::setw(5) << "cell";
    }
    std::cout << std::setw(7) << "dist_m" << std::setw(9) << "task" << std::setw(5) << "CQI"
              << std::setw(8) << "T_s" << std::setw(18) << "variant" << std::setw(8) << "f_MHz"
              << std::setw(8) << "B_MHz" << std::setw(9) << "pred_s" << std::setw(9) << "meas_s"
              << std::setw(8) << "err%" << std::setw(8) << "ontime" << std::setw(7) << "r_pred"
              << std::setw(7) << "r_tbs" << std::setw(7) << "r_meas"
              << "\n";
    double maxErr = 0;
    uint32_t nErr = 0;
    std::vector<double> absErrs;
    std::vector<std::vector<double>> cellErrs(nCells); // |error| per cell
    std::vector<uint32_t> cellAdmitted(nCells, 0);
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        const auto& u = base.users[i];
        const auto& o = detail.users[i];
        std::cout << std::setw(3) << i;
        if (nCells > 1)
        {
            std::cout << std::setw(5) << u.cell;
        }
        std::cout << std::setw(7) << std::fixed << std::setprecision(0) << u.distanceM
                  << std::setw(9) << u.task << std::setw(5) << o.cqi << std::setprecision(2)
                  << std::setw(8) << o.deadlineS;
        const std::string scenario =
            decisionFiles.empty() ? ToString(detailAlgorithm) : "decision files";
        const std::string user = "UE " + std::to_string(i);
        if (!o.admitted)
        {
            std::cout << "  rejected: " << o.text << "\n";
            PredictionLog::Record(scenario,
                                  user,
                                  "latency",
                                  "s",
                                  std::nan(""),
                                  std::nan(""),
                                  PredictionLog::Outcome::UNSERVED,
                                  o.text);
            continue;
        }
        ++cellAdmitted[u.cell];
        std::cout << std::setw(18) << o.text << std::setprecision(1) << std::setw(8)
                  << o.frequencyHz / 1e6 << std::setprecision(3) << std::setw(8)
                  << o.bandwidthHz / 1e6 << std::setw(9) << o.predictedS;
        if (o.measuredS < 0)
        {
            std::cout << "   failed\n";
            PredictionLog::Record(scenario,
                                  user,
                                  "latency",
                                  "s",
                                  o.predictedS,
                                  std::nan(""),
                                  PredictionLog::Outcome::FAILED,
                                  "admitted, not completed");
            continue;
        }
        PredictionLog::RecordServed(scenario, user, "latency", "s", o.predictedS, o.measuredS);
        const double err = (o.measuredS - o.predictedS) / o.predictedS;
        maxErr = std::max(maxErr, std::abs(err));
        absErrs.push_back(std::abs(err));
        cellErrs[u.cell].push_back(std::abs(err));
        ++nErr;
        std::cout << std::setw(9) << o.measuredS << std::setprecision(2) << std::setw(8)
                  << 100 * err << std::setw(8) << (o.onTime ? "yes" : "NO") << std::setw(7)
                  << o.modelRateBps / 1e6 << std::setw(7) << o.tbsRateBps / 1e6 << std::setw(7)
                  << o.goodputBps / 1e6 << "\n";
    }
    std::cout << "\n"
              << (decisionFiles.empty() ? ToString(detailAlgorithm) : "decision files")
              << " admitted " << detail.admitted << "/" << nUsers << ", on time " << detail.onTime
              << "/" << nUsers << "; |relative error| of the prediction: median "
              << std::setprecision(2) << 100 * Median(absErrs) << "%, largest " << 100 * maxErr
              << "% over " << nErr << " users\n";
    if (nCells > 1)
    {
        for (uint32_t c = 0; c < nCells; ++c)
        {
            const auto& e = cellErrs[c];
            std::cout << "  cell " << c << ": admitted " << cellAdmitted[c] << "/" << nUes
                      << ", |relative error| median " << 100 * Median(e) << "%, largest "
                      << 100 * (e.empty() ? 0.0 : *std::max_element(e.begin(), e.end())) << "%\n";
        }
        // the only line that differs between runs of the same seed
        std::cout << "wall time of the per-user run: " << std::setprecision(1) << detail.wallSeconds
                  << " s for " << std::setprecision(2) << detail.simSeconds << " simulated s ("
                  << nCells << " cells, " << nUsers << " UEs)\n";
    }
    uint32_t outOfCoverage = 0;
    for (const auto& o : detail.users)
    {
        outOfCoverage += o.outOfCoverage ? 1 : 0;
    }
    if (outOfCoverage > 0)
    {
        std::cout << outOfCoverage << " UEs out of uplink coverage (rejected at admission: "
                  << "OUT_OF_COVERAGE); see doc \"LTE scenario defaults and coverage\"\n";
    }
    std::cout
        << "pred_s: allocator's prediction (SLIDE recursion at the rate model's rate for "
           "B) from the decision; meas_s: last layer computed minus decision time, "
           "packet level (TCP, RLC UM, HARQ, headers); err% = (meas - pred) / pred; r_pred: the "
           "rate model at B (Mbit/s); r_meas: measured stream goodput, first to last byte "
           "(Mbit/s). r_meas / r_pred < 1 is the packet path (HARQ, headers, TCP), the "
           "rest of err% the rate model's view of the channel.\n\n";

    if (!sweeps)
    {
        std::cout << "slide-lte: done (--sweeps=false: sweeps skipped)\n";
        return 0;
    }
    if (!writeInstances.empty() || !decisionFiles.empty())
    {
        std::cout << "slide-lte: done (allocator round trip: sweeps skipped)\n";
        return 0;
    }

    // 2. throughput sweeps
    std::ofstream csv;
    if (full)
    {
        csv.open("slide-lte.csv");
        csv << "algorithm,rbs,deadline_scale,admitted,on_time\n";
    }
    std::map<std::string, Gnuplot2dDataset> vsRbs;
    std::map<std::string, Gnuplot2dDataset> vsDeadline;
    for (auto a : algos)
    {
        vsRbs[ToString(a)] = Gnuplot2dDataset(ToString(a));
        vsRbs[ToString(a)].SetStyle(Gnuplot2dDataset::LINES_POINTS);
        vsDeadline[ToString(a)] = Gnuplot2dDataset(ToString(a));
        vsDeadline[ToString(a)].SetStyle(Gnuplot2dDataset::LINES_POINTS);
    }
    auto sweepRow = [&](const std::string& label)
    {
        std::cout << std::setw(16) << label;
        for (auto a : algos)
        {
            std::cout << std::setw(17) << ToString(a);
        }
        std::cout << "\n";
    };
    auto runCell = [&](SlideAlgorithm a, uint32_t r, double scale)
    {
        SlideLteConfig cfg = base;
        cfg.configure = BuiltIn(a);
        cfg.rbs = r;
        cfg.deadlineScale = scale;
        const SlideLteOutcome o = RunSlideLte(cfg);
        if (full)
        {
            csv << ToString(a) << "," << r << "," << scale << "," << o.admitted << "," << o.onTime
                << "\n";
        }
        std::ostringstream cell;
        cell << o.onTime << " (" << o.admitted << ")";
        std::cout << std::setw(17) << cell.str();
        return o;
    };
    if (radio == "nr")
    {
        rbsSweep.clear(); // LTE bandwidths; the NR bandwidth is an EdgeNrTopologyHelper attribute
    }
    std::cout << "Task throughput vs total bandwidth (users on time, measured; in brackets: "
                 "admitted), deadline x1:\n";
    sweepRow("RBs (MHz)");
    for (double r : rbsSweep)
    {
        std::ostringstream label;
        label << r << " (" << std::setprecision(2)
              << BandwidthShareFfrAlgorithm::SchedulableRbgs(static_cast<uint32_t>(r)) *
                     BandwidthShareFfrAlgorithm::RbgSizeFromRbs(static_cast<uint32_t>(r)) * 0.18
              << ")";
        std::cout << std::setw(16) << label.str();
        for (auto a : algos)
        {
            const SlideLteOutcome o = runCell(a, static_cast<uint32_t>(r), 1.0);
            vsRbs[ToString(a)].Add(r, o.onTime);
        }
        std::cout << "\n";
    }
    std::cout << "\nTask throughput vs deadline (factor on every deadline), " << rbs << " RBs:\n";
    sweepRow("deadline x");
    for (double s : scales)
    {
        std::ostringstream label;
        label << std::setprecision(2) << s;
        std::cout << std::setw(16) << label.str();
        for (auto a : algos)
        {
            const SlideLteOutcome o = runCell(a, rbs, s);
            vsDeadline[ToString(a)].Add(s, o.onTime);
        }
        std::cout << "\n";
    }
    if (full)
    {
        Gnuplot p1("slide-lte-bandwidth.png", "Task throughput vs total bandwidth");
        p1.SetTerminal("png");
        p1.SetLegend("downlink bandwidth (RB)", "users served on time");
        Gnuplot p2("slide-lte-deadline.png", "Task throughput vs deadline");
        p2.SetTerminal("png");
        p2.SetLegend("deadline factor", "users served on time");
        for (auto a : algos)
        {
            p1.AddDataset(vsRbs[ToString(a)]);
            p2.AddDataset(vsDeadline[ToString(a)]);
        }
        std::ofstream plt1("slide-lte-bandwidth.plt");
        p1.GenerateOutput(plt1);
        std::ofstream plt2("slide-lte-deadline.plt");
        p2.GenerateOutput(plt2);
        std::cout << "\nwrote slide-lte.csv, slide-lte-bandwidth.plt and slide-lte-deadline.plt "
                     "(gnuplot <file>.plt -> <file>.png)\n";
    }
    std::cout << "\nslide-lte: done\n";
    return 0;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
