/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief PartialLoading over LTE (Qu, Chen, Chen, Huang, Fang, arXiv 2503.22982; [2]): throughput
 * under deadlines of the proposed scheduler (DP for backbone sharing / group greedy) against the
 * baselines versus the number of users and the GPU loading bandwidth, measured at packet level with
 * an EdgeServer that loads only the missing parameter blocks; predicted beside measured completion
 * per request, and the loading saved by sharing (bytes and seconds loaded against the no-sharing
 * run).
 *
 * Topology: edge server (remote host, EdgeServer aggregated) --(p2p 1 Gbit/s, 1 ms)--
 * PGW/EPC -- eNB ~~ K UEs at distances drawn in [50, 250] m, path loss 128.1 + 37.6
 * log10(d/km) dB, UE power 20 dBm without uplink power control. Every frame each UE asks
 * for one inference by a model of the family (drawn uniformly), with a common deadline;
 * the server decides from the eNB's SRS SINR reports, the BandwidthShareFfMacScheduler
 * executes the uplink bandwidths, the served UEs upload their input and the EdgeServer
 * runs the jobs in the scheduled order.
 *
 *     ./partial-loading            # small sweep, seconds
 *     ./partial-loading --full     # larger sweep, CSV + gnuplot scripts
 *
 * The allocator is installed the helper way (PartialLoadingHelper::SetAllocatorType()).
 * Round trip through any external solver, for the per-request table's runs:
 *
 *     ./partial-loading --writeInstances=pl-instance-%r.json
 *     edge-inference-solve --input=pl-instance-0.json > pl-decision-0.json
 *     ./partial-loading --decisionFiles=pl-decision-%r.json
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
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

NS_LOG_COMPONENT_DEFINE("PartialLoadingExample");

namespace
{

/// Scenario parameters.
struct Params
{
    uint32_t nUes{8};                         ///< K
    double loadGBps{6};                       ///< GPU loading bandwidth R_L, GB/s
    std::string family{"backbone"};           ///< "backbone" or "general"
    std::string baseModel{"resnet50"};        ///< Zoo model of the family
    bool loadAtAllocation{true};              ///< Server attribute LoadAtAllocation
    uint32_t nVariants{6};                    ///< Models in the family
    double inferenceS{0.004};                 ///< I_m of every model, s
    uint32_t rbs{25};                         ///< Uplink bandwidth, RBs
    uint32_t frames{1};                       ///< Frames per run
    double framePeriodS{0.2};                 ///< Frame period, s
    double deadlineS{0.12};                   ///< Deadline from the request, s
    uint32_t inputBytes{3072};                ///< D_k payload, bytes
    std::string rateModel{"LteUlAmc"};        ///< Server UplinkRateModel: LteUlAmc or Shannon
    double uploadStartDelayS{0.02};           ///< Server UploadStartDelay, s
    double resultDelayS{0.008};               ///< Server ResultDelay, s
    std::string algorithm{"partial-loading"}; ///< Algorithm of the per-request table
    std::string writeInstances;               ///< Allocator InstanceFileName ("" = off)
    std::string decisionFiles; ///< Decision files of the per-request table ("" = built-in)
    std::string radio{"lte"};  ///< "lte" or "nr" (--radio)
};

/// One request's outcome (first frame).
struct RequestResult
{
    uint32_t ue{0};        ///< UE index
    std::string model;     ///< Requested model
    double bandwidthHz{0}; ///< w_k
    double predictedS{-1}; ///< Predicted completion from the frame start, s
    double measuredS{-1};  ///< Measured completion from the frame start, s
    std::string outcome;   ///< Server outcome or reason
};

/// What one run measured.
struct RunResult
{
    uint32_t nTasks{0};                  ///< Requests
    uint32_t nServed{0};                 ///< Served (scheduled)
    uint32_t nOnTime{0};                 ///< On time at the client
    double measuredThroughput{0};        ///< On-time tasks per second of frames
    double predictedOnTime{0};           ///< Tasks predicted on time
    double maxAbsRelError{0};            ///< Largest |measured - predicted| / predicted completion
    uint64_t loadedBytes{0};             ///< Bytes loaded into the GPU
    double loadingS{0};                  ///< Time spent loading, s
    uint32_t nRounds{0};                 ///< Decision rounds of the allocator
    uint32_t nRejected{0};               ///< Decisions the allocator rejected
    std::vector<RequestResult> requests; ///< First frame
};

/// The algorithms compared (PartialLoadingSolverAllocator::Algorithm names).
const std::vector<std::string> ALGORITHMS = {
    "partial-loading", "group-greedy", "no-sharing", "fcfs", "edf", "dp-equal-bandwidth"};

/**
 * @param [in] p parameters
 * @return the model family of the run
 */
DnnModelFamily
MakeFamily(const Params& p)
{
    return p.family == "general" ? DnnModelZoo::GeneralSharingFamily(
                                       p.baseModel, p.nVariants, 0.3, RngSeedManager::GetRun())
                                 : DnnModelZoo::BackboneSharingFamily(p.baseModel, p.nVariants);
}

/**
 * Build the LTE + EPC scenario, run one algorithm, measure.
 * @param [in] p parameters
 * @param [in] algorithm the server's Algorithm attribute
 * @return the measurements
 */
RunResult
RunScenario(const Params& p, const std::string& algorithm)
{
    Ptr<UniformRandomVariable> draw = CreateObject<UniformRandomVariable>();
    draw->SetStream(7);
    std::vector<double> distances;
    std::vector<uint16_t> models;
    for (uint32_t i = 0; i < p.nUes; ++i)
    {
        distances.push_back(draw->GetValue(50, 250));
        models.push_back(static_cast<uint16_t>(draw->GetInteger(0, p.nVariants - 1)));
    }
#ifdef EI_HAVE_NR
    if (p.radio == "nr")
    {
        // NR: NrSymbolShareScheduler executes B_k as UL symbol shares
        Config::SetDefault("ns3::EdgeNrTopologyHelper::SchedulerType",
                           TypeIdValue(NrSymbolShareScheduler::GetTypeId()));
    }
#endif
    const EdgeCell topo = BuildEdgeCell(
        p.radio,
        p.rbs,
        distances,
        [](Ptr<LteHelper> lte)
        {
            lte->SetSchedulerType("ns3::BandwidthShareFfMacScheduler");
            // the served users' DECISIONs and RESULTs share downlink TTIs
            lte->SetSchedulerAttribute("DlFitToBuffer", BooleanValue(true));
        },
        EdgeLteGeometry());

    const DnnModelFamily family = MakeFamily(p);
    // fixed radio streams: every run is the same whatever ran before it in this process
    topo.AssignStreams(1000);
    PartialLoadingHelper helper;
    helper.SetFamily(family);
    for (const DnnModel& m : family.GetModels())
    {
        helper.SetInferenceTime(m.GetName(), Seconds(p.inferenceS));
    }
    helper.SetEdgeServerAttribute("LoadRate", DataRateValue(DataRate(p.loadGBps * 8e9)));
    if (p.decisionFiles.empty())
    {
        helper.SetAllocatorAttribute("Algorithm", StringValue(algorithm));
    }
    else
    {
        helper.SetAllocatorType("ns3::PartialLoadingDecisionFileAllocator");
        helper.SetAllocatorAttribute("FileName", StringValue(p.decisionFiles));
    }
    helper.SetAllocatorAttribute("InstanceFileName", StringValue(p.writeInstances));
    double totalBandwidthHz = p.rbs * 180e3;
#ifdef EI_HAVE_NR
    if (p.radio == "nr")
    {
        totalBandwidthHz = EdgeNrTopologyHelper::GetUlBandwidthHz(topo.bs.Get(0));
    }
#endif
    helper.SetServerAttribute("TotalBandwidthHz", DoubleValue(totalBandwidthHz));
    helper.SetServerAttribute("LoadAtAllocation", BooleanValue(p.loadAtAllocation));
    helper.SetServerAttribute("UplinkRateModel", StringValue(p.rateModel));
    helper.SetServerAttribute("UploadStartDelay", TimeValue(Seconds(p.uploadStartDelayS)));
    helper.SetServerAttribute("ResultDelay", TimeValue(Seconds(p.resultDelayS)));
    helper.SetClientAttribute("FramePeriod", TimeValue(Seconds(p.framePeriodS)));
    helper.SetClientAttribute("NumFrames", UintegerValue(p.frames));
    helper.SetClientAttribute("InputBytes", UintegerValue(p.inputBytes));
    helper.SetClientAttribute("Deadline", TimeValue(Seconds(p.deadlineS)));
    ApplicationContainer serverApp = helper.InstallServer(topo.remote.Get(0));
    Ptr<PartialLoadingServer> server = DynamicCast<PartialLoadingServer>(serverApp.Get(0));
#ifdef EI_HAVE_NR
    if (p.radio == "nr")
    {
        // the gNB's SRS SINR, UL symbol shares and NrUlAmcRateModel (UplinkRateModel NrUlAmc)
        EdgeNrTopologyHelper::ConnectChannelReports(server, topo.bs);
        EdgeNrTopologyHelper::ConnectUplinkShares(server, topo.bs.Get(0));
    }
#endif
    if (p.radio == "lte")
    {
        PartialLoadingHelper::ConnectEnbChannelReports(server, topo.bs);
        PartialLoadingHelper::ConnectUplinkShares(server, topo.bs.Get(0));
    }
    ApplicationContainer clientApps = helper.InstallClients(topo.ues, topo.serverAddress, models);
    helper.AssignStreams(topo.ues, 100);
    serverApp.Start(Seconds(0));
    const double start = 0.3; // after the attachment and the first SRS reports
    clientApps.Start(Seconds(start));
    Simulator::Stop(Seconds(start + p.frames * p.framePeriodS + 0.2));
    ExampleCommandLine::PrepareRun();
    Simulator::Run();

    RunResult r;
    for (const auto& kv : server->GetDecisions())
    {
        r.predictedOnTime += kv.second.prediction.nOnTime;
    }
    for (const auto& t : server->GetTaskRecords())
    {
        ++r.nTasks;
        r.nServed += t.isScheduled ? 1 : 0;
        if (t.isScheduled && t.completionS >= 0)
        {
            const double pred = t.predictedCompletionS - t.frameStartS;
            const double meas = t.completionS - t.frameStartS;
            r.maxAbsRelError = std::max(r.maxAbsRelError, std::abs(meas - pred) / pred);
        }
        if (t.frame == 0)
        {
            RequestResult q;
            q.ue = static_cast<uint32_t>(r.requests.size());
            q.model = family.GetModels().at(t.modelIndex).GetName();
            q.bandwidthHz = t.bandwidthHz;
            if (t.isScheduled)
            {
                q.predictedS = t.predictedCompletionS - t.frameStartS;
                q.measuredS = t.completionS < 0 ? -1 : t.completionS - t.frameStartS;
            }
            const char* names[] = {"pending", "not-scheduled", "on-time", "LATE", "FAILED"};
            q.outcome = names[t.outcome];
            if (t.outcome == PartialLoadingServer::NOT_SCHEDULED)
            {
                q.outcome = t.failureReason;
            }
            r.requests.push_back(q);
        }
    }
    for (uint32_t i = 0; i < clientApps.GetN(); ++i)
    {
        Ptr<OffloadingClient> c = DynamicCast<OffloadingClient>(clientApps.Get(i));
        for (const auto& rec : c->GetTaskRecords())
        {
            r.nOnTime += rec.outcome == OffloadingClient::ON_TIME ? 1 : 0;
        }
    }
    r.measuredThroughput = r.nOnTime / (p.frames * p.framePeriodS);
    r.nRounds = server->GetAllocator()->GetRound();
    r.nRejected = server->GetAllocator()->GetRejections().size();
    for (const std::string& m : server->GetAllocator()->GetRejections())
    {
        std::cout << "rejected decision: " << m << "\n";
    }
    r.loadedBytes = server->GetEdgeServer()->GetLoadedBytes();
    r.loadingS = server->GetEdgeServer()->GetLoadingTime().GetSeconds();
    Simulator::Destroy();
    return r;
}

/**
 * Run every algorithm at every sweep point, print a table, append to the CSV.
 * @param [in] title table title
 * @param [in] sweep sweep name (CSV column)
 * @param [in] points parameters of each point
 * @param [in] xs x value of each point
 * @param [in,out] csv CSV output (may be null)
 * @return results[point][algorithm]
 */
std::vector<std::vector<RunResult>>
Sweep(const std::string& title,
      const std::string& sweep,
      const std::vector<Params>& points,
      const std::vector<double>& xs,
      std::ofstream* csv)
{
    std::cout << "\n" << title << "\n" << std::setw(8) << sweep;
    for (const auto& a : ALGORITHMS)
    {
        std::cout << std::setw(19) << a;
    }
    std::cout << "   (on-time/requests; partial-loading vs no-sharing: MB and ms loaded)\n";
    std::vector<std::vector<RunResult>> all;
    for (size_t i = 0; i < points.size(); ++i)
    {
        std::vector<RunResult> row;
        std::cout << std::setw(8) << xs[i];
        for (const auto& a : ALGORITHMS)
        {
            row.push_back(RunScenario(points[i], a));
            const RunResult& r = row.back();
            std::ostringstream cell;
            cell << r.nOnTime << "/" << r.nTasks;
            std::cout << std::setw(19) << cell.str() << std::flush;
            if (csv)
            {
                *csv << sweep << "," << xs[i] << "," << points[i].family << "," << a << ","
                     << r.nTasks << "," << r.nServed << "," << r.nOnTime << "," << r.predictedOnTime
                     << "," << r.measuredThroughput << "," << r.maxAbsRelError << ","
                     << r.loadedBytes << "," << r.loadingS << "\n";
            }
        }
        const RunResult& pl = row[0];
        const RunResult& ns = row[2];
        std::cout << "   " << pl.loadedBytes / 1e6 << " MB " << pl.loadingS * 1e3 << " ms vs "
                  << ns.loadedBytes / 1e6 << " MB " << ns.loadingS * 1e3 << " ms\n";
        all.push_back(row);
    }
    return all;
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
    Params base;
    bool full = false;
    bool verbose = false;
    std::vector<uint32_t> users = {4, 8};
    std::vector<double> loadList = {2, 12};
    ExampleCommandLine cmd(__FILE__);
    cmd.AddValue("full", "Larger sweeps; write partial-loading.csv and gnuplot scripts", full);
    cmd.AddCountList(
        "users", "Comma-separated numbers of users (users sweep)", users, 1, LTE_MAX_UES);
    cmd.AddNumberList("loads",
                      "Comma-separated GPU loading bandwidths, GB/s (load sweep), in (0, 10000]",
                      loadList,
                      ValueRange::LeftOpen(0, 1e4));
    cmd.AddCount(
        "nUes", "Users of the load sweep and of the per-request table", base.nUes, 1, LTE_MAX_UES);
    cmd.AddNumber("loadGBps",
                  "GPU loading bandwidth of the users sweep, GB/s, in (0, 10000]",
                  base.loadGBps,
                  ValueRange::LeftOpen(0, 1e4));
    cmd.AddName("family",
                "Family of the sweeps: backbone or general",
                base.family,
                {"backbone", "general"});
    cmd.AddName("baseModel",
                "Zoo model the family derives from",
                base.baseModel,
                DnnModelZoo::GetNames(),
                true);
    cmd.AddCount("variants", "Models in the family (1..1000)", base.nVariants, 1, 1000);
    cmd.AddNumber("inference",
                  "Inference time of every model, s, in (0, 60]",
                  base.inferenceS,
                  ValueRange::LeftOpen(0, 60));
    cmd.AddNumber("deadline",
                  "Deadline from the request, s, in (0, 60]",
                  base.deadlineS,
                  ValueRange::LeftOpen(0, 60));
    cmd.AddCount("frames", "Frames per run (1..10000)", base.frames, 1, 10000);
    cmd.AddChoice("rbs", "Uplink bandwidth, RBs", base.rbs, LteBandwidthTable());
    cmd.AddName("rateModel",
                "Allocator's upload rate: LteUlAmc (the TB sizes the UL share scheduler "
                "executes; over NR: NrUlAmc, the symbol shares of NrSymbolShareScheduler) or "
                "Shannon (B log2(1 + s/B))",
                base.rateModel,
                {"LteUlAmc", "NrUlAmc", "Shannon"});
    cmd.AddValue("loadAtAllocation",
                 "Server LoadAtAllocation: load from the decision on, the allocator plans "
                 "with that head start (false: load from the upload origin)",
                 base.loadAtAllocation);
    cmd.AddName("algorithm",
                "Algorithm of the per-request table",
                base.algorithm,
                NameTable(SchedulingAlgorithmNames()));
    cmd.AddValue("writeInstances",
                 "Write each round's instance of the per-request table's run to this file "
                 "pattern (%r = round), in the input format of edge-inference-solve",
                 base.writeInstances);
    cmd.AddValue("decisionFiles",
                 "Run the per-request table with the decisions of these files (%r = round; "
                 "the output format of edge-inference-solve) instead of --algorithm",
                 base.decisionFiles);
    cmd.AddValue("verbose", "Enable the module's log components", verbose);
    cmd.AddName("radio",
                "Radio: lte, or nr (5G-LENA: NrSymbolShareScheduler executes B_k as UL symbol "
                "shares, the allocator predicts with NrUlAmcRateModel; the NR cell is set by "
                "--ns3::EdgeNrTopologyHelper::...; --rbs unused)",
                base.radio,
                EdgeRadioNames());
    cmd.Parse(argc, argv);
    CheckEdgeRadio(base.radio);
    if (base.radio == "nr" && base.rateModel == "LteUlAmc")
    {
        base.rateModel = "NrUlAmc"; // the default's NR counterpart
    }
    if (base.radio == "lte" && base.rateModel == "NrUlAmc")
    {
        throw std::invalid_argument("--rateModel=NrUlAmc: the NR uplink model needs --radio=nr");
    }
    if (full)
    {
        users = {4, 8, 12, 16, 20};
        loadList = {1, 2, 4, 8, 16};
    }
    const std::vector<double> userList(users.begin(), users.end());
    try
    {
        MakeFamily(base);
    }
    catch (const std::invalid_argument& e)
    {
        cmd.Fail("variants", cmd.GetText("variants"), e.what());
    }
    if (verbose)
    {
        LogComponentEnable("PartialLoadingServer", LOG_LEVEL_INFO);
        LogComponentEnable("OffloadingServerBase", LOG_LEVEL_INFO);
        LogComponentEnable("EdgeServer", LOG_LEVEL_INFO);
    }
    Config::SetDefault("ns3::LteHelper::UseIdealRrc", BooleanValue(true));
    Config::SetDefault("ns3::LteUePhy::EnableUplinkPowerControl", BooleanValue(false));
    Config::SetDefault("ns3::LteUePhy::TxPower", DoubleValue(20));
    Config::SetDefault("ns3::LteRlcUm::MaxTxBufferSize", UintegerValue(1 << 20));

    const DnnModelFamily family = MakeFamily(base);
    std::cout << "PartialLoading over " << (base.radio == "nr" ? "NR" : "LTE")
              << " (Qu et al., arXiv 2503.22982): family " << family.GetName() << ", "
              << family.GetModels().size() << " models of "
              << family.GetModels().front().GetTotalBytes() / 1e6 << " MB, " << family.GetNBlocks()
              << " distinct blocks, I = " << base.inferenceS * 1e3 << " ms, deadline "
              << base.deadlineS * 1e3 << " ms, "
              << (base.radio == "nr" ? std::string("the NR cell of EdgeNrTopologyHelper")
                                     : std::to_string(base.rbs) + " RBs")
              << std::endl;

    std::ofstream csv;
    if (full)
    {
        csv.open("partial-loading.csv");
        csv << "sweep,x,family,algorithm,requests,served,on_time,predicted_on_time,"
               "measured_tasks_per_s,max_rel_error,loaded_bytes,loading_s\n";
    }
    std::vector<Params> userPoints;
    for (double k : userList)
    {
        Params p = base;
        p.writeInstances.clear();
        p.decisionFiles.clear();
        p.nUes = static_cast<uint32_t>(k);
        userPoints.push_back(p);
    }
    std::ostringstream usersTitle;
    usersTitle << "Throughput vs number of users (R_L = " << base.loadGBps << " GB/s)";
    const auto byUsers =
        Sweep(usersTitle.str(), "users", userPoints, userList, full ? &csv : nullptr);
    std::vector<Params> loadPoints;
    for (double g : loadList)
    {
        Params p = base;
        p.writeInstances.clear();
        p.decisionFiles.clear();
        p.loadGBps = g;
        loadPoints.push_back(p);
    }
    const auto byLoad =
        Sweep("Throughput vs GPU loading bandwidth (GB/s), " + std::to_string(base.nUes) + " users",
              "GB/s",
              loadPoints,
              loadList,
              full ? &csv : nullptr);

    // per-request table of the proposed scheme at the base point, with the jobs submitted
    // at the decision (LoadAtAllocation) and at the scheduler's origin
    Params other = base;
    other.loadAtAllocation = !base.loadAtAllocation;
    other.writeInstances.clear();
    const RunResult detail = RunScenario(base, base.algorithm);
    const RunResult atOrigin = RunScenario(other, base.algorithm);
    const std::string allocator =
        base.decisionFiles.empty() ? base.algorithm : "decision files " + base.decisionFiles;
    const RunResult& early = base.loadAtAllocation ? detail : atOrigin;
    const RunResult& late = base.loadAtAllocation ? atOrigin : detail;
    std::cout << "\nAllocator: " << allocator << " (" << detail.nRounds << " rounds, "
              << detail.nRejected << " rejected"
              << (base.writeInstances.empty() ? ""
                                              : "; instances written to " + base.writeInstances)
              << ")\n";
    std::cout << base.algorithm << ", " << base.nUes << " users, R_L = " << base.loadGBps
              << " GB/s: predicted vs measured completion (ms from the request), jobs "
                 "submitted at the decision (LoadAtAllocation) / at the origin\n"
              << std::setw(4) << "UE" << std::setw(24) << "model" << std::setw(10) << "w (kHz)"
              << std::setw(11) << "predicted" << std::setw(11) << "at decis." << std::setw(9)
              << "rel.err" << std::setw(11) << "at origin" << std::setw(10) << "rel.err"
              << "  outcome\n";
    for (size_t i = 0; i < early.requests.size() && i < late.requests.size(); ++i)
    {
        const RequestResult& q = early.requests[i];
        const RequestResult& o = late.requests[i];
        const RequestResult& d = detail.requests[i]; // the run with the given LoadAtAllocation
        const bool served = d.predictedS > 0 && d.measuredS >= 0;
        PredictionLog::Record(base.algorithm,
                              "UE " + std::to_string(d.ue),
                              "completion",
                              "s",
                              d.predictedS > 0 ? d.predictedS : std::nan(""),
                              served ? d.measuredS : std::nan(""),
                              served             ? PredictionLog::Outcome::SERVED
                              : d.predictedS > 0 ? PredictionLog::Outcome::FAILED
                                                 : PredictionLog::Outcome::UNSERVED,
                              served ? "" : d.outcome);
        std::cout << std::setw(4) << q.ue << std::setw(24) << q.model << std::setw(10) << std::fixed
                  << std::setprecision(1) << q.bandwidthHz / 1e3;
        if (q.predictedS > 0 && q.measuredS >= 0 && o.measuredS >= 0)
        {
            std::cout << std::setw(11) << std::setprecision(3) << q.predictedS * 1e3
                      << std::setw(11) << q.measuredS * 1e3 << std::setw(8) << std::setprecision(2)
                      << 100 * (q.measuredS - q.predictedS) / q.predictedS << "%" << std::setw(11)
                      << std::setprecision(3) << o.measuredS * 1e3 << std::setw(9)
                      << std::setprecision(2) << 100 * (o.measuredS - o.predictedS) / o.predictedS
                      << "%";
        }
        else
        {
            std::cout << std::setw(11) << "-" << std::setw(11) << "-" << std::setw(9) << "-"
                      << std::setw(11) << "-" << std::setw(10) << "-";
        }
        std::cout << "  " << q.outcome << "\n";
        std::cout.unsetf(std::ios::floatfield);
        std::cout << std::setprecision(6);
    }
    std::cout << "PartialLoading served " << detail.nServed << "/" << detail.nTasks << ", on time "
              << detail.nOnTime << "/" << detail.nTasks
              << "; largest |relative error| of the prediction: " << std::setprecision(3)
              << 100 * detail.maxAbsRelError << "% (LoadAtAllocation "
              << (base.loadAtAllocation ? "true" : "false") << "), "
              << 100 * atOrigin.maxAbsRelError << "% (LoadAtAllocation "
              << (other.loadAtAllocation ? "true" : "false") << ")\n";
    const RunResult& plRef = byLoad.back()[0];
    const RunResult& nsRef = byLoad.back()[2];
    std::cout << "Loading saved by sharing at " << loadList.back() << " GB/s: "
              << (nsRef.loadedBytes - std::min(nsRef.loadedBytes, plRef.loadedBytes)) / 1e6
              << " MB and " << (nsRef.loadingS - plRef.loadingS) * 1e3
              << " ms of loading less than no-sharing" << std::endl;

    if (full)
    {
        const std::string yLabel = "on-time tasks per second, measured over LTE";
        WriteThroughputPlot("partial-loading-users.plt",
                            "PartialLoading: throughput vs users",
                            "users",
                            yLabel,
                            userList,
                            ALGORITHMS,
                            byUsers);
        WriteThroughputPlot("partial-loading-load.plt",
                            "PartialLoading: throughput vs GPU loading bandwidth",
                            "loading bandwidth (GB/s)",
                            yLabel,
                            loadList,
                            ALGORITHMS,
                            byLoad);
        std::cout << "\nWrote partial-loading.csv, partial-loading-users.plt, "
                     "partial-loading-load.plt (gnuplot <file>.plt)"
                  << std::endl;
    }
    std::cout << "partial-loading: done" << std::endl;
    return 0;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
