/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Multiuser edge inference with batching and early exiting over LTE (Liu, Lan,
 * Huang, IEEE JSAC 2023): throughput of the optimal and greedy allocations and of the three
 * baselines versus the number of users and the uplink bandwidth, measured at packet level,
 * with the allocator's prediction beside the measurement.
 *
 * Topology: edge server (remote host) --(p2p 1 Gbit/s, 1 ms)-- PGW/EPC -- eNB ~~ K UEs at
 * distances drawn in [50, 250] m, path loss 128.1 + 37.6 log10(d/km) dB, UE power 20 dBm
 * (0.1 W) without uplink power control. Every frame each UE asks to run one B-AlexNet task
 * (input: one CIFAR-10 image, 3072 bytes; the spec's 0.2 Mbit is --inputBytes=25000) with an
 * accuracy requirement in {0.60, 0.70, 0.75} and a deadline in {60, 80, 100} ms from its
 * request (the spec's {40, 60, 80} ms plus 20 ms for the request/decision signalling); the
 * server allocates the frame from the eNB's SRS SINR reports, the BandwidthShareFfMacScheduler
 * executes the uplink bandwidths, the scheduled UEs upload, and the server runs one batch.
 * See doc/batching-early-exit.rst for the results and why LTE's uplink falls short of the
 * Shannon model at high SNR.
 *
 *     ./batching-early-exit                  # small sweep, seconds
 *     ./batching-early-exit --full           # paper-like sweep, CSV + gnuplot scripts
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

NS_LOG_COMPONENT_DEFINE("BatchingEarlyExitExample");

namespace
{

/// Scenario parameters.
struct Params
{
    uint32_t nUes{8};                ///< K
    uint32_t rbs{25};                ///< Uplink (and downlink) bandwidth, RBs
    uint32_t frames{2};              ///< Frames per run
    double framePeriodS{0.15};       ///< Frame period = T_f of the throughput, s
    uint32_t inputBytes{3072};       ///< D_k, bytes (one 32x32x3 CIFAR-10 image)
    double ueTxPowerDbm{20};         ///< p_k
    double snrGapDb{0};              ///< Allocator calibration: SNR gap
    double rateEfficiency{1};        ///< Allocator calibration: rate efficiency
    double uploadStartDelayS{0.020}; ///< Server UploadStartDelay (measured 20-30 ms)
    double resultDelayS{0.008};      ///< Server ResultDelay
    uint32_t run{1};                 ///< RNG run
    double minDistanceM{50};         ///< Smallest UE distance, m
    double maxDistanceM{250};        ///< Largest UE distance, m
    std::string mac{"share"};        ///< "share" (BandwidthShareFfMacScheduler) or "pf"
    bool workConserving{true};       ///< Share scheduler attribute UlWorkConserving
};

/// One user's draw.
struct UserDraw
{
    double distanceM{100}; ///< Distance to the eNB, m
    double accuracy{0.6};  ///< alpha_k
    double deadlineS{0.1}; ///< T_k from the request, s
};

/// One user's first-frame outcome.
struct UserResult
{
    UserDraw draw;            ///< Its parameters
    double snrBandwidthHz{0}; ///< s_k used by the allocator (eNB measurement), Hz
    int32_t exit{-1};         ///< Exit
    double bandwidthHz{0};    ///< w_k
    double predictedS{-1};    ///< Predicted completion from the frame start, s
    double measuredS{-1};     ///< Measured completion from the frame start, s
    std::string outcome;      ///< Client outcome
};

/// What one run measured.
struct RunResult
{
    double predictedThroughput{0}; ///< Mean predicted tasks/s
    double measuredThroughput{0};  ///< On-time results per second
    uint32_t nTasks{0};            ///< Tasks requested
    uint32_t nScheduled{0};        ///< Tasks scheduled
    uint32_t nOnTime{0};           ///< On time at the client
    uint32_t nFailed{0};           ///< Scheduled but late or failed
    double maxAbsRelError{0};      ///< Largest |measured - predicted| / predicted completion
    std::vector<UserResult> users; ///< First frame, per user
};

/// The algorithms compared, in column order.
const std::vector<BatchingEarlyExitAllocator::Algorithm> ALGORITHMS = {
    BatchingEarlyExitAllocator::OPTIMAL,
    BatchingEarlyExitAllocator::GREEDY,
    BatchingEarlyExitAllocator::NO_BATCHING_NO_EARLY_EXIT,
    BatchingEarlyExitAllocator::BATCHING_ONLY,
    BatchingEarlyExitAllocator::EARLY_EXIT_ONLY,
};

/**
 * Draw the users with an ns-3 random stream (same users for every algorithm).
 * @param [in] n number of users
 * @param [in] stream stream index
 * @param [in] minDistanceM smallest distance, m
 * @param [in] maxDistanceM largest distance, m
 * @return the users
 */
std::vector<UserDraw>
DrawUsers(uint32_t n, int64_t stream, double minDistanceM, double maxDistanceM)
{
    Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
    u->SetStream(stream);
    const double accuracies[] = {0.60, 0.70, 0.75};
    const double deadlines[] = {0.060, 0.080, 0.100};
    std::vector<UserDraw> users;
    for (uint32_t i = 0; i < n; ++i)
    {
        UserDraw d;
        d.distanceM = u->GetValue(minDistanceM, maxDistanceM);
        d.accuracy = accuracies[u->GetInteger(0, 2)];
        d.deadlineS = deadlines[u->GetInteger(0, 2)];
        users.push_back(d);
    }
    return users;
}

/**
 * Build the LTE + EPC scenario, run one algorithm, measure.
 * @param [in] p parameters
 * @param [in] draws the users
 * @param [in] algorithm the allocator's algorithm
 * @return the measurements
 */
RunResult
RunScenario(const Params& p,
            const std::vector<UserDraw>& draws,
            BatchingEarlyExitAllocator::Algorithm algorithm)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(p.run);
    std::vector<double> distances;
    for (const UserDraw& d : draws)
    {
        distances.push_back(d.distanceM);
    }
    const EdgeLteTopology topo = BuildEdgeLteTopology(
        p.rbs,
        distances,
        [&p](Ptr<LteHelper> lte)
        {
            if (p.mac == "share")
            {
                lte->SetSchedulerType("ns3::BandwidthShareFfMacScheduler");
                lte->SetSchedulerAttribute("UlWorkConserving", BooleanValue(p.workConserving));
            }
            else
            {
                lte->SetSchedulerType("ns3::PfFfMacScheduler");
            }
        });
    // fixed LTE streams: every algorithm's run sees the same HARQ/RLC randomness, whatever
    // ran before it in this process
    topo.lte->AssignStreams(NetDeviceContainer(topo.enbDevices, topo.ueDevices), 1000);
    const NetDeviceContainer& enbDev = topo.enbDevices;
    const NodeContainer& ues = topo.ues;

    BatchingEarlyExitHelper helper;
    helper.SetAllocatorAttribute("Algorithm", EnumValue(algorithm));
    helper.SetAllocatorAttribute("TotalBandwidthHz", DoubleValue(p.rbs * 180e3));
    helper.SetAllocatorAttribute("SnrGapDb", DoubleValue(p.snrGapDb));
    helper.SetAllocatorAttribute("RateEfficiency", DoubleValue(p.rateEfficiency));
    helper.SetServerAttribute("UploadStartDelay", TimeValue(Seconds(p.uploadStartDelayS)));
    helper.SetServerAttribute("ResultDelay", TimeValue(Seconds(p.resultDelayS)));
    helper.SetServerAttribute("FrameLength", TimeValue(Seconds(p.framePeriodS)));
    helper.SetClientAttribute("FramePeriod", TimeValue(Seconds(p.framePeriodS)));
    helper.SetClientAttribute("NumFrames", UintegerValue(p.frames));
    helper.SetClientAttribute("InputBytes", UintegerValue(p.inputBytes));
    ApplicationContainer serverApp = helper.InstallServer(topo.remote.Get(0));
    Ptr<BatchingEarlyExitServer> server = DynamicCast<BatchingEarlyExitServer>(serverApp.Get(0));
    BatchingEarlyExitHelper::ConnectEnbChannelReports(server, enbDev);
    if (p.mac == "share")
    {
        BatchingEarlyExitHelper::ConnectUplinkShares(server, enbDev.Get(0));
    }
    ApplicationContainer clientApps = helper.InstallClients(ues, topo.serverAddress);
    for (uint32_t i = 0; i < clientApps.GetN(); ++i)
    {
        clientApps.Get(i)->SetAttribute("AccuracyRequirement", DoubleValue(draws[i].accuracy));
        clientApps.Get(i)->SetAttribute("Deadline", TimeValue(Seconds(draws[i].deadlineS)));
    }
    helper.AssignStreams(ues, 100);
    serverApp.Start(Seconds(0));
    const double start = 0.3; // after the attachment and the first SRS reports
    clientApps.Start(Seconds(start));
    Simulator::Stop(Seconds(start + p.frames * p.framePeriodS + 0.1));
    Simulator::Run();

    RunResult r;
    double predictedSum = 0;
    for (const auto& kv : server->GetFrameRecords())
    {
        predictedSum += kv.second.predictedThroughputPerS;
    }
    r.predictedThroughput = predictedSum / p.frames;
    std::map<uint32_t, const BatchingEarlyExitServer::TaskRecord*> serverFirstFrame;
    for (const auto& t : server->GetTaskRecords())
    {
        if (t.frame == 0)
        {
            serverFirstFrame[t.imsi] = &t;
        }
    }
    for (uint32_t i = 0; i < clientApps.GetN(); ++i)
    {
        Ptr<OffloadingClient> c = DynamicCast<OffloadingClient>(clientApps.Get(i));
        for (const auto& rec : c->GetTaskRecords())
        {
            ++r.nTasks;
            r.nScheduled += rec.isScheduled ? 1 : 0;
            r.nOnTime += rec.outcome == OffloadingClient::ON_TIME ? 1 : 0;
            r.nFailed += rec.isScheduled && rec.outcome != OffloadingClient::ON_TIME ? 1 : 0;
            if (rec.isScheduled && rec.completionS >= 0)
            {
                const double pred = rec.predictedCompletionS - rec.frameStartS;
                const double meas = rec.completionS - rec.frameStartS;
                r.maxAbsRelError = std::max(r.maxAbsRelError, std::abs(meas - pred) / pred);
            }
        }
        const auto& first = c->GetTaskRecords().at(0);
        UserResult u;
        u.draw = draws[i];
        u.exit = first.exit;
        u.bandwidthHz = first.bandwidthHz;
        auto it = serverFirstFrame.find(c->GetImsi());
        u.snrBandwidthHz = it == serverFirstFrame.end() ? 0 : it->second->snrBandwidthHz;
        if (first.isScheduled)
        {
            u.predictedS = first.predictedCompletionS - first.frameStartS;
            u.measuredS = first.completionS < 0 ? -1 : first.completionS - first.frameStartS;
        }
        const char* names[] = {"pending", "not-scheduled", "on-time", "LATE", "FAILED"};
        u.outcome = names[first.outcome];
        if (first.outcome == OffloadingClient::NOT_SCHEDULED)
        {
            u.outcome = ToString(static_cast<BatchingEarlyExitReason>(first.reason));
        }
        r.users.push_back(u);
    }
    r.measuredThroughput = r.nOnTime / (p.frames * p.framePeriodS);
    Simulator::Destroy();
    return r;
}

/**
 * Print one sweep table and return its results.
 * @param [in] title table title
 * @param [in] label x-axis label
 * @param [in] xs x values
 * @param [in] make parameters for an x value
 * @param [in,out] csv CSV output (may be null)
 * @param [in] sweep sweep name for the CSV
 * @return results[x index][algorithm index]
 */
std::vector<std::vector<RunResult>>
Sweep(const std::string& title,
      const std::string& label,
      const std::vector<uint32_t>& xs,
      const std::function<Params(uint32_t)>& make,
      std::ofstream* csv,
      const std::string& sweep)
{
    std::cout << "\n" << title << " (tasks/s, predicted / measured at packet level)\n";
    std::cout << std::setw(6) << label;
    for (auto a : ALGORITHMS)
    {
        std::cout << std::setw(24) << BatchingEarlyExitAllocator::AlgorithmName(a);
    }
    std::cout << "\n";
    std::vector<std::vector<RunResult>> all;
    for (uint32_t x : xs)
    {
        const Params p = make(x);
        const auto draws = DrawUsers(p.nUes, 7, p.minDistanceM, p.maxDistanceM);
        std::cout << std::setw(6) << x;
        std::vector<RunResult> row;
        for (auto a : ALGORITHMS)
        {
            const RunResult r = RunScenario(p, draws, a);
            std::ostringstream cell;
            cell << std::fixed << std::setprecision(1) << r.predictedThroughput << " / "
                 << r.measuredThroughput;
            std::cout << std::setw(24) << cell.str() << std::flush;
            if (csv)
            {
                *csv << sweep << "," << p.nUes << "," << p.rbs << ","
                     << BatchingEarlyExitAllocator::AlgorithmName(a) << "," << r.predictedThroughput
                     << "," << r.measuredThroughput << "," << r.nTasks << "," << r.nScheduled << ","
                     << r.nOnTime << "," << r.nFailed << "," << r.maxAbsRelError << "\n";
            }
            row.push_back(r);
        }
        std::cout << "\n";
        all.push_back(row);
    }
    return all;
}

/**
 * Write a gnuplot script of measured throughput per algorithm.
 * @param [in] file script name
 * @param [in] title plot title
 * @param [in] xLabel x-axis label
 * @param [in] xs x values
 * @param [in] results results[x][algorithm]
 */
void
WritePlot(const std::string& file,
          const std::string& title,
          const std::string& xLabel,
          const std::vector<uint32_t>& xs,
          const std::vector<std::vector<RunResult>>& results)
{
    std::vector<std::string> names;
    for (const auto a : ALGORITHMS)
    {
        names.push_back(BatchingEarlyExitAllocator::AlgorithmName(a));
    }
    WriteThroughputPlot(file,
                        title,
                        xLabel,
                        "throughput (tasks/s), measured over LTE",
                        std::vector<double>(xs.begin(), xs.end()),
                        names,
                        results);
}

} // namespace

int
main(int argc, char* argv[])
{
    Params base;
    bool full = false;
    bool verbose = false;
    std::string users = "4,8";
    std::string rbsList = "15,25";
    uint32_t usersForBandwidth = 8;
    CommandLine cmd(__FILE__);
    cmd.AddValue("full",
                 "Paper-like sweep (more users, bandwidths and frames); writes CSV + "
                 "gnuplot scripts",
                 full);
    cmd.AddValue("users", "Comma-separated numbers of users for the first sweep", users);
    cmd.AddValue("rbs", "Comma-separated uplink bandwidths (RBs) for the second sweep", rbsList);
    cmd.AddValue("usersForBandwidth", "Users in the bandwidth sweep", usersForBandwidth);
    cmd.AddValue("bandwidthRbs", "Uplink bandwidth (RBs) of the users sweep", base.rbs);
    cmd.AddValue("frames", "Frames per run", base.frames);
    cmd.AddValue("framePeriod", "Frame period = T_f, s", base.framePeriodS);
    cmd.AddValue("inputBytes", "Task input D_k, bytes", base.inputBytes);
    cmd.AddValue("snrGapDb", "Allocator calibration: SNR gap, dB", base.snrGapDb);
    cmd.AddValue("rateEfficiency", "Allocator calibration: rate efficiency", base.rateEfficiency);
    cmd.AddValue("uploadStartDelay", "Server UploadStartDelay, s", base.uploadStartDelayS);
    cmd.AddValue("resultDelay", "Server ResultDelay, s", base.resultDelayS);
    cmd.AddValue("run", "RNG run number", base.run);
    cmd.AddValue("minDistance", "Smallest UE distance from the eNB, m", base.minDistanceM);
    cmd.AddValue("maxDistance", "Largest UE distance from the eNB, m", base.maxDistanceM);
    cmd.AddValue("mac",
                 "Uplink MAC: share (BandwidthShareFfMacScheduler executes w_k) or pf (plain "
                 "PF: the served UEs split the band equally)",
                 base.mac);
    cmd.AddValue("workConserving",
                 "Share scheduler: give the served UEs all RBs in proportion to w_k (true) "
                 "or exactly w_k (false)",
                 base.workConserving);
    cmd.AddValue("verbose", "Enable the module's log components", verbose);
    cmd.Parse(argc, argv);

    auto parse = [](const std::string& text, const std::string& name)
    {
        std::vector<uint32_t> out;
        std::istringstream is(text);
        std::string tok;
        while (std::getline(is, tok, ','))
        {
            std::istringstream ts(tok);
            uint32_t v = 0;
            if (!(ts >> v) || v == 0)
            {
                std::cerr << "error: --" << name << " entry '" << tok << "' is not a positive "
                          << "integer" << std::endl;
                std::exit(1);
            }
            out.push_back(v);
        }
        return out;
    };
    std::vector<uint32_t> userCounts = parse(users, "users");
    std::vector<uint32_t> rbs = parse(rbsList, "rbs");
    if (full)
    {
        userCounts = {2, 4, 6, 8, 10, 12, 16};
        rbs = {15, 25, 50, 75};
        usersForBandwidth = 8;
        base.frames = std::max<uint32_t>(base.frames, 10);
    }
    for (uint32_t rb : rbs)
    {
        if (rb != 6 && rb != 15 && rb != 25 && rb != 50 && rb != 75 && rb != 100)
        {
            std::cerr << "error: --rbs entry " << rb << " is not an LTE bandwidth "
                      << "(6, 15, 25, 50, 75, 100)" << std::endl;
            return 1;
        }
    }
    if (base.mac != "share" && base.mac != "pf")
    {
        std::cerr << "error: --mac is '" << base.mac << "' (expected share or pf)" << std::endl;
        return 1;
    }
    if (verbose)
    {
        LogComponentEnable("BatchingEarlyExitServer", LOG_LEVEL_INFO);
        LogComponentEnable("OffloadingClient", LOG_LEVEL_INFO);
    }

    Config::SetDefault("ns3::LteHelper::UseIdealRrc", BooleanValue(true));
    Config::SetDefault("ns3::LteUePhy::EnableUplinkPowerControl", BooleanValue(false));
    Config::SetDefault("ns3::LteUePhy::TxPower", DoubleValue(base.ueTxPowerDbm));
    Config::SetDefault("ns3::LteRlcUm::MaxTxBufferSize", UintegerValue(1 << 20));

    Ptr<BatchingEarlyExitAllocator> reference = CreateObject<BatchingEarlyExitAllocator>();
    const BatchLatencyModel latency = reference->GetLatencyModel();
    const auto accuracy = reference->GetExitAccuracies();
    std::cout << "Batching + early exit over LTE (Liu, Lan, Huang, JSAC 2023): B-AlexNet, "
              << latency.GetNBlocks() << " exits, A = (";
    for (size_t l = 0; l < accuracy.size(); ++l)
    {
        std::cout << (l ? ", " : "") << accuracy[l];
    }
    std::cout << "), t_l(b) = c_l + a_l b with (c_l, a_l) ms =";
    for (uint32_t l = 0; l < latency.GetNBlocks(); ++l)
    {
        std::cout << std::fixed << std::setprecision(3) << " (" << 1e3 * latency.GetFixedCost(l)
                  << ", " << 1e3 * latency.GetPerTaskCost(l) << ")";
    }
    std::cout << "; D_k = " << base.inputBytes * 8 / 1e6 << " Mbit, frame " << base.framePeriodS
              << " s, " << base.frames << " frames per run\n";

    std::ofstream csv;
    if (full)
    {
        csv.open("batching-early-exit.csv");
        csv << "sweep,users,rbs,algorithm,predicted_tasks_per_s,measured_tasks_per_s,tasks,"
               "scheduled,on_time,failed,max_rel_error\n";
    }
    const auto byUsers = Sweep(
        "Throughput vs number of users, W = " + std::to_string(base.rbs) + " RB",
        "K",
        userCounts,
        [&base](uint32_t k)
        {
            Params p = base;
            p.nUes = k;
            return p;
        },
        full ? &csv : nullptr,
        "users");
    const auto byRbs = Sweep(
        "Throughput vs uplink bandwidth, K = " + std::to_string(usersForBandwidth),
        "RB",
        rbs,
        [&base, usersForBandwidth](uint32_t rb)
        {
            Params p = base;
            p.nUes = usersForBandwidth;
            p.rbs = rb;
            return p;
        },
        full ? &csv : nullptr,
        "bandwidth");

    // Per-user prediction vs measurement: the optimal allocation at the last users point.
    const RunResult& detail = byUsers.back().front();
    std::cout << "\nPer user, Optimal, K = " << userCounts.back() << ", frame 0 "
              << "(completion = exit reached at the server, from the UE's frame start)\n"
              << std::setw(4) << "UE" << std::setw(8) << "dist_m" << std::setw(7) << "alpha"
              << std::setw(7) << "T_ms" << std::setw(10) << "s_MHz" << std::setw(6) << "exit"
              << std::setw(9) << "w_kHz" << std::setw(10) << "pred_ms" << std::setw(10) << "meas_ms"
              << std::setw(9) << "err%"
              << "  outcome\n";
    for (size_t i = 0; i < detail.users.size(); ++i)
    {
        const UserResult& u = detail.users[i];
        std::cout << std::fixed << std::setw(4) << i << std::setprecision(0) << std::setw(8)
                  << u.draw.distanceM << std::setprecision(2) << std::setw(7) << u.draw.accuracy
                  << std::setprecision(0) << std::setw(7) << 1e3 * u.draw.deadlineS
                  << std::setprecision(1) << std::setw(10) << u.snrBandwidthHz / 1e6 << std::setw(6)
                  << u.exit << std::setprecision(0) << std::setw(9) << u.bandwidthHz / 1e3;
        if (u.predictedS > 0)
        {
            std::cout << std::setprecision(2) << std::setw(10) << 1e3 * u.predictedS;
            if (u.measuredS >= 0)
            {
                std::cout << std::setw(10) << 1e3 * u.measuredS << std::setw(9)
                          << 100 * (u.measuredS - u.predictedS) / u.predictedS;
            }
            else
            {
                std::cout << std::setw(10) << "-" << std::setw(9) << "-";
            }
        }
        else
        {
            std::cout << std::setw(10) << "-" << std::setw(10) << "-" << std::setw(9) << "-";
        }
        std::cout << "  " << u.outcome << "\n";
    }

    if (full)
    {
        WritePlot(
            "batching-early-exit-users.plt", "Throughput vs users", "users K", userCounts, byUsers);
        WritePlot("batching-early-exit-bandwidth.plt",
                  "Throughput vs bandwidth",
                  "uplink RBs",
                  rbs,
                  byRbs);
        std::cout << "\nWrote batching-early-exit.csv, batching-early-exit-users.plt, "
                     "batching-early-exit-bandwidth.plt (gnuplot <file>.plt)\n";
    }
    const RunResult& opt = byUsers.back()[0];
    const RunResult& none = byUsers.back()[2];
    std::cout << "\nbatching-early-exit: done; K = " << userCounts.back()
              << ": measured throughput Optimal " << std::setprecision(1) << opt.measuredThroughput
              << " tasks/s vs NoBatchingNoEarlyExit " << none.measuredThroughput
              << " tasks/s; largest |relative error| of the "
              << "predicted completion (Optimal): " << std::setprecision(1)
              << 100 * opt.maxAbsRelError << "%\n";
    return 0;
}
