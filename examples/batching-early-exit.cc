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
 * Topology: edge server --(p2p 1 Gbit/s, 1 ms)-- PGW/EPC -- eNB ~~ K UEs at 50-250 m,
 * path loss 128.1 + 37.6 log10(d/km) dB, UE power 20 dBm without uplink power control. Every frame
 * each UE asks to run one B-AlexNet task (input: one CIFAR-10 image, 3072 bytes; the
 * reconstruction's 0.2 Mbit is --inputBytes=25000) with an accuracy requirement in {0.60, 0.70,
 * 0.75} and a deadline in {60, 80, 100} ms from its request (the reconstruction's {40, 60, 80} ms
 * plus 20 ms for the request/decision signalling); the server allocates the frame from the eNB's
 * SRS SINR reports, the BandwidthShareFfMacScheduler executes the uplink bandwidths, the scheduled
 * UEs upload, and the server runs one batch. See doc/batching-early-exit.rst for the results and
 * why LTE's uplink falls short of the Shannon model at high SNR, and "Several cells" there for
 * --nCells (3 or 7 interfering cells, frames staggered by --staggerFrames).
 *
 *     ./batching-early-exit                  # small sweep, seconds
 *     ./batching-early-exit --full           # paper-like sweep, CSV + gnuplot scripts
 *     ./batching-early-exit --algorithms=greedy,batching-only
 *     ./batching-early-exit --nCells=3 --users=8 --rbs=25 --usersForBandwidth=8
 *                            # 3 interfering cells, 8 users and one server per cell
 *
 * Any external algorithm at packet level (one run, K = the first --users, --bandwidthRbs):
 *
 *     ./batching-early-exit --users=4 --writeInstances=inst-%r.json      # r = frame
 *     edge-inference-solve --input=inst-0.json --output=dec-0.json       # or your solver
 *     ./batching-early-exit --users=4 --decisionFiles=dec-%r.json
 */

#include "edge-lte-scenario.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
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

NS_LOG_COMPONENT_DEFINE("BatchingEarlyExitExample");

namespace
{

/// Scenario parameters.
struct Params
{
    uint32_t nUes{8};                  ///< K
    uint32_t rbs{25};                  ///< Uplink (and downlink) bandwidth, RBs
    uint32_t frames{20};               ///< Frames per run
    uint32_t seeds{1};                 ///< Independent runs (user draws, LTE streams) per point
    uint32_t seed{0};                  ///< Index of the current run
    double framePeriodS{0.15};         ///< Frame period = T_f of the throughput, s
    uint32_t inputBytes{3072};         ///< D_k, bytes (one 32x32x3 CIFAR-10 image)
    double ueTxPowerDbm{20};           ///< p_k
    double snrGapDb{0};                ///< Allocator calibration: SNR gap
    double rateEfficiency{1};          ///< Allocator calibration: rate efficiency
    double uploadStartDelayS{0.020};   ///< Server UploadStartDelay (measured 20-30 ms)
    double resultDelayS{0.008};        ///< Server ResultDelay
    double minDistanceM{50};           ///< Smallest UE distance, m
    double maxDistanceM{250};          ///< Largest UE distance, m
    std::string mac{"share"};          ///< "share" (BandwidthShareFfMacScheduler) or "pf"
    bool workConserving{true};         ///< Share scheduler attribute UlWorkConserving
    std::string rateModel{"LteUlAmc"}; ///< Server UplinkRateModel: LteUlAmc or Shannon
    std::string radio{"lte"};          ///< "lte" or "nr" (--radio)
    uint32_t nCells{1};                ///< Cells (EdgeLteLayout): 1, 3 or 7, K users each
    double interSiteDistanceM{EDGE_LTE_DEFAULT_ISD_M}; ///< Inter-site distance, m
    bool staggerFrames{true}; ///< With several cells: neighbour cells' frames in other thirds
    bool lteTraces{false};    ///< Write ns-3's LTE PHY traces (each run overwrites them)
};

/**
 * The third of the frame period a cell's frames start in when the cells' frames are staggered
 * (--staggerFrames): neighbour cells never share a third. 3 cells (a triangle): cell c in third
 * c. 7 cells: the centre in third 0, the ring cells alternately in thirds 1 and 2 (ring cells
 * c and c + 1 are neighbours; cells of one third are 3^(1/2) x the inter-site distance apart).
 * @param [in] cell the cell
 * @param [in] nCells 1, 3 or 7
 * @return 0, 1 or 2
 */
uint32_t
CellFrameThird(uint32_t cell, uint32_t nCells)
{
    if (nCells == 3)
    {
        return cell;
    }
    if (nCells == 7)
    {
        return cell == 0 ? 0 : 2 - cell % 2;
    }
    return 0;
}

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
    uint32_t cell{0};         ///< Its cell
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
    double predictedThroughput{0};       ///< Mean predicted tasks/s
    double measuredThroughput{0};        ///< On-time results per second
    uint32_t nTasks{0};                  ///< Tasks requested
    uint32_t nScheduled{0};              ///< Tasks scheduled
    uint32_t nOnTime{0};                 ///< On time at the client
    uint32_t nFailed{0};                 ///< Scheduled but late or failed
    double maxAbsRelError{0};            ///< Largest |measured - predicted| / predicted completion
    std::vector<UserResult> users;       ///< First frame, per user
    std::vector<std::string> rejections; ///< Rejected decisions
    std::vector<double> cellPredicted;   ///< Mean predicted tasks/s of each cell's allocator
    std::vector<double> cellMeasured;    ///< On-time results per second, per cell
};

/// The allocator of a run: a built-in (Algorithm attribute name) or decision files.
struct AllocatorChoice
{
    std::string algorithm{"optimal"}; ///< Name of BatchingEarlyExitSolverAllocator::Algorithm
    std::string instanceFiles;        ///< InstanceFileName pattern ("" = none)
    std::string decisionFiles;        ///< Decision-file pattern ("" = the built-in)

    /// @return the column name
    std::string Name() const { return decisionFiles.empty() ? algorithm : "decision-file"; }
};

/// The algorithms compared, in column order (--algorithms).
std::vector<std::string> g_algorithms;

/// Largest |measured - predicted| / predicted throughput of the sweeps, %.
double g_maxThroughputError = 0;

/// With several cells: largest |measured - predicted| / predicted throughput of one cell, %.
double g_maxCellThroughputError = 0;

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

RunResult CollectRun(const Params& p,
                     const std::vector<UserDraw>& draws,
                     const std::vector<Ptr<BatchingEarlyExitServer>>& servers,
                     const ApplicationContainer& clientApps,
                     const std::vector<uint32_t>& ueCell);

#ifdef EI_HAVE_NR
/**
 * The NR branch of RunScenario(): the NR cell of EdgeNrTopologyHelper (its attribute
 * defaults; --ns3::EdgeNrTopologyHelper::...), the gNB's NrSymbolShareScheduler executing
 * w_k as UL symbol shares (--mac=share; pf: plain NrMacSchedulerTdmaRR) and the allocator
 * predicting with NrUlAmcRateModel (--rateModel=NrUlAmc) from the gNB's SRS SINR; W is the
 * bandwidth part's nRb x RB width.
 * @param [in] p parameters
 * @param [in] draws the users
 * @param [in] allocator the allocator
 * @return the measurements
 */
RunResult
RunScenarioNr(const Params& p, const std::vector<UserDraw>& draws, const AllocatorChoice& allocator)
{
    std::vector<double> distances;
    for (const UserDraw& d : draws)
    {
        distances.push_back(d.distanceM);
    }
    Config::SetDefault("ns3::EdgeNrTopologyHelper::SchedulerType",
                       TypeIdValue(p.mac == "share" ? NrSymbolShareScheduler::GetTypeId()
                                                    : NrMacSchedulerTdmaRR::GetTypeId()));
    const EdgeCell cell = BuildEdgeCell(
        "nr", p.rbs, distances, [](Ptr<LteHelper>) {}, EdgeLteGeometry());
    cell.AssignStreams(1000 + 1000 * static_cast<int64_t>(p.seed));
    const double w = EdgeNrTopologyHelper::GetUlBandwidthHz(cell.bs.Get(0));

    BatchingEarlyExitHelper helper;
    if (allocator.decisionFiles.empty())
    {
        helper.SetAllocatorAttribute("Algorithm", StringValue(allocator.algorithm));
    }
    else
    {
        helper.SetAllocatorType("ns3::BatchingEarlyExitDecisionFileAllocator");
        helper.SetAllocatorAttribute("FileName", StringValue(allocator.decisionFiles));
    }
    helper.SetAllocatorAttribute("InstanceFileName", StringValue(allocator.instanceFiles));
    helper.SetServerAttribute("TotalBandwidthHz", DoubleValue(w));
    helper.SetServerAttribute("SnrGapDb", DoubleValue(p.snrGapDb));
    helper.SetServerAttribute("RateEfficiency", DoubleValue(p.rateEfficiency));
    helper.SetServerAttribute("UplinkRateModel", StringValue(p.rateModel));
    helper.SetServerAttribute("UploadStartDelay", TimeValue(Seconds(p.uploadStartDelayS)));
    helper.SetServerAttribute("ResultDelay", TimeValue(Seconds(p.resultDelayS)));
    helper.SetServerAttribute("FrameLength", TimeValue(Seconds(p.framePeriodS)));
    helper.SetClientAttribute("FramePeriod", TimeValue(Seconds(p.framePeriodS)));
    helper.SetClientAttribute("NumFrames", UintegerValue(p.frames));
    helper.SetClientAttribute("InputBytes", UintegerValue(p.inputBytes));
    ApplicationContainer serverApp = helper.InstallServer(cell.remote.Get(0));
    Ptr<BatchingEarlyExitServer> server = DynamicCast<BatchingEarlyExitServer>(serverApp.Get(0));
    EdgeNrTopologyHelper::ConnectChannelReports(server, cell.bs);
    if (p.mac == "share")
    {
        EdgeNrTopologyHelper::ConnectUplinkShares(server, cell.bs.Get(0));
    }
    else
    {
        EdgeNrTopologyHelper::ConnectUplinkRateModel(server, cell.bs.Get(0)); // prediction only
    }
    ApplicationContainer clientApps = helper.InstallClients(cell.ues, cell.serverAddress);
    for (uint32_t i = 0; i < clientApps.GetN(); ++i)
    {
        clientApps.Get(i)->SetAttribute("AccuracyRequirement", DoubleValue(draws[i].accuracy));
        clientApps.Get(i)->SetAttribute("Deadline", TimeValue(Seconds(draws[i].deadlineS)));
    }
    helper.AssignStreams(cell.ues, 100);
    serverApp.Start(Seconds(0));
    const double start = 0.3; // after the attachment and the first SRS reports
    clientApps.Start(Seconds(start));
    Simulator::Stop(Seconds(start + p.frames * p.framePeriodS + 0.1));
    ExampleCommandLine::PrepareRun();
    Simulator::Run();
    return CollectRun(p, draws, {server}, clientApps, std::vector<uint32_t>(draws.size(), 0));
}
#endif

/**
 * Build the LTE + EPC scenario, run one algorithm, measure. With p.nCells > 1: p.nCells
 * interfering cells (EdgeLteLayout), users p.nUes * c .. p.nUes * (c + 1) - 1 in cell c, one
 * server (and allocator) per cell on UDP port 6000 + c, fed by its own eNB's SRS reports and
 * executed by its own eNB's uplink share scheduler.
 * @param [in] p parameters
 * @param [in] draws the users (p.nUes per cell, cell by cell)
 * @param [in] allocator the allocator
 * @return the measurements
 */
RunResult
RunScenario(const Params& p, const std::vector<UserDraw>& draws, const AllocatorChoice& allocator)
{
#ifdef EI_HAVE_NR
    if (p.radio == "nr")
    {
        return RunScenarioNr(p, draws, allocator);
    }
#endif
    std::vector<double> distances;
    for (const UserDraw& d : draws)
    {
        distances.push_back(d.distanceM);
    }
    // several cells: the downlink CQI from the control region, which every eNB sends over
    // the whole band in every subframe, so it contains the neighbours at full power and is
    // never optimistic (doc/lte-scenario.rst, "Multi-cell scenarios"); ns-3's PDSCH-based CQI
    // (its default, kept for one cell) measured while the neighbours are idle gave cell-edge
    // UEs CQI 15, whose first transmission of the RESULT then failed (HARQ: +7 ms)
    Config::SetDefault("ns3::LteHelper::UsePdschForCqiGeneration", BooleanValue(p.nCells == 1));
    EdgeLteLayout layout; // default: the single cell
    layout.nCells = p.nCells;
    layout.interSiteDistanceM = p.interSiteDistanceM;
    for (uint32_t i = 0; p.nCells > 1 && i < draws.size(); ++i)
    {
        layout.ueCell.push_back(i / p.nUes);
    }
    const EdgeLteTopology topo = BuildEdgeLteTopology(
        p.rbs,
        distances,
        [&p](Ptr<LteHelper> lte)
        {
            // pf: the share scheduler without shares is PF grant for grant, and it avoids
            // ns-3.37 PF's abort when many UEs attach at once (K = 32 at 25 RBs; see
            // BandwidthShareFfMacScheduler::GetRachWithoutRnti())
            lte->SetSchedulerType("ns3::BandwidthShareFfMacScheduler");
            lte->SetSchedulerAttribute("UlWorkConserving", BooleanValue(p.workConserving));
            // the served users' DECISIONs and a batch's RESULTs share downlink TTIs
            lte->SetSchedulerAttribute("DlFitToBuffer", BooleanValue(p.mac == "share"));
        },
        EdgeLteGeometry(),
        EdgeLteRadio(),
        layout);
    // fixed LTE streams: every algorithm's run sees the same HARQ/RLC randomness, whatever
    // ran before it in this process
    topo.lte->AssignStreams(NetDeviceContainer(topo.enbDevices, topo.ueDevices),
                            1000 + 1000 * static_cast<int64_t>(p.seed));
    if (p.lteTraces)
    {
        topo.lte->EnablePhyTraces(); // DlRxPhyStats.txt, UlRxPhyStats.txt, UlSinrStats.txt, ...
    }
    const NetDeviceContainer& enbDev = topo.enbDevices;
    const NodeContainer& ues = topo.ues;

    std::vector<Ptr<BatchingEarlyExitServer>> servers; // one per cell
    std::vector<Ptr<Application>> clientOf(draws.size());
    for (uint32_t c = 0; c < p.nCells; ++c)
    {
        BatchingEarlyExitHelper helper; // the allocator the helper way: by TypeId + attributes
        if (allocator.decisionFiles.empty())
        {
            helper.SetAllocatorAttribute("Algorithm", StringValue(allocator.algorithm));
        }
        else
        {
            helper.SetAllocatorType("ns3::BatchingEarlyExitDecisionFileAllocator");
            helper.SetAllocatorAttribute("FileName", StringValue(allocator.decisionFiles));
        }
        helper.SetAllocatorAttribute("InstanceFileName", StringValue(allocator.instanceFiles));
        helper.SetServerAttribute("TotalBandwidthHz", DoubleValue(p.rbs * 180e3));
        helper.SetServerAttribute("SnrGapDb", DoubleValue(p.snrGapDb));
        helper.SetServerAttribute("RateEfficiency", DoubleValue(p.rateEfficiency));
        helper.SetServerAttribute("UplinkRateModel", StringValue(p.rateModel));
        helper.SetServerAttribute("UploadStartDelay", TimeValue(Seconds(p.uploadStartDelayS)));
        helper.SetServerAttribute("ResultDelay", TimeValue(Seconds(p.resultDelayS)));
        helper.SetServerAttribute("FrameLength", TimeValue(Seconds(p.framePeriodS)));
        // one server per cell on the edge server, each on its own port
        helper.SetServerAttribute("Port", UintegerValue(6000 + c));
        helper.SetClientAttribute("RemotePort", UintegerValue(6000 + c));
        helper.SetClientAttribute("FramePeriod", TimeValue(Seconds(p.framePeriodS)));
        helper.SetClientAttribute("NumFrames", UintegerValue(p.frames));
        helper.SetClientAttribute("InputBytes", UintegerValue(p.inputBytes));
        ApplicationContainer serverApp = helper.InstallServer(topo.remote.Get(0));
        Ptr<BatchingEarlyExitServer> server =
            DynamicCast<BatchingEarlyExitServer>(serverApp.Get(0));
        // the cell's allocator sees its own eNB's SRS SINRs, and its own eNB's uplink
        // scheduler executes its bandwidths
        BatchingEarlyExitHelper::ConnectEnbChannelReports(server,
                                                          NetDeviceContainer(enbDev.Get(c)));
        if (p.mac == "share")
        {
            BatchingEarlyExitHelper::ConnectUplinkShares(server, enbDev.Get(c));
        }
        NodeContainer cellUes;
        std::vector<uint32_t> cellUsers;
        for (uint32_t i = 0; i < ues.GetN(); ++i)
        {
            if (topo.ueCell[i] == c)
            {
                cellUes.Add(ues.Get(i));
                cellUsers.push_back(i);
            }
        }
        ApplicationContainer cellApps = helper.InstallClients(cellUes, topo.serverAddress);
        for (uint32_t j = 0; j < cellApps.GetN(); ++j)
        {
            const uint32_t i = cellUsers[j];
            cellApps.Get(j)->SetAttribute("AccuracyRequirement", DoubleValue(draws[i].accuracy));
            cellApps.Get(j)->SetAttribute("Deadline", TimeValue(Seconds(draws[i].deadlineS)));
            clientOf[i] = cellApps.Get(j);
        }
        serverApp.Start(Seconds(0));
        servers.push_back(server);
    }
    ApplicationContainer clientApps; // in user order
    for (const auto& app : clientOf)
    {
        clientApps.Add(app);
    }
    BatchingEarlyExitHelper().AssignStreams(ues, 100);
    const double start = 0.3; // after the attachment and the first SRS reports
    double lastOffsetS = 0;
    for (uint32_t i = 0; i < clientApps.GetN(); ++i)
    {
        const double offsetS =
            p.staggerFrames ? CellFrameThird(topo.ueCell[i], p.nCells) * p.framePeriodS / 3 : 0.0;
        lastOffsetS = std::max(lastOffsetS, offsetS);
        clientApps.Get(i)->SetStartTime(Seconds(start + offsetS));
    }
    Simulator::Stop(Seconds(start + lastOffsetS + p.frames * p.framePeriodS + 0.1));
    ExampleCommandLine::PrepareRun();
    Simulator::Run();
    return CollectRun(p, draws, servers, clientApps, topo.ueCell);
}

/**
 * What a run measured (after Simulator::Run; destroys the simulation).
 * @param [in] p parameters
 * @param [in] draws the users
 * @param [in] servers the servers, one per cell
 * @param [in] clientApps the clients, in the order of draws
 * @param [in] ueCell each user's cell
 * @return the measurements
 */
RunResult
CollectRun(const Params& p,
           const std::vector<UserDraw>& draws,
           const std::vector<Ptr<BatchingEarlyExitServer>>& servers,
           const ApplicationContainer& clientApps,
           const std::vector<uint32_t>& ueCell)
{
    RunResult r;
    double predictedSum = 0;
    std::map<uint64_t, double> snrByImsi; // s_k of the first frame, by IMSI
    for (const auto& server : servers)
    {
        double cellSum = 0;
        for (const auto& kv : server->GetFrameRecords())
        {
            predictedSum += kv.second.predictedThroughputPerS;
            cellSum += kv.second.predictedThroughputPerS;
        }
        r.cellPredicted.push_back(cellSum / p.frames);
        for (const auto& t : server->GetTaskRecords())
        {
            snrByImsi.emplace(t.imsi, t.snrBandwidthHz);
        }
    }
    r.predictedThroughput = predictedSum / p.frames;
    std::vector<uint32_t> cellOnTime(p.nCells, 0);
    for (uint32_t i = 0; i < clientApps.GetN(); ++i)
    {
        Ptr<OffloadingClient> c = DynamicCast<OffloadingClient>(clientApps.Get(i));
        for (const auto& rec : c->GetTaskRecords())
        {
            ++r.nTasks;
            r.nScheduled += rec.isScheduled ? 1 : 0;
            r.nOnTime += rec.outcome == OffloadingClient::ON_TIME ? 1 : 0;
            cellOnTime[ueCell[i]] += rec.outcome == OffloadingClient::ON_TIME ? 1 : 0;
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
        u.cell = ueCell[i];
        u.exit = first.exit;
        u.bandwidthHz = first.bandwidthHz;
        u.snrBandwidthHz = snrByImsi.count(c->GetImsi()) ? snrByImsi[c->GetImsi()] : 0.0;
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
    for (uint32_t c = 0; c < p.nCells; ++c)
    {
        r.cellMeasured.push_back(cellOnTime[c] / (p.frames * p.framePeriodS));
        for (const auto& m : servers[c]->GetAllocator()->GetRejections())
        {
            r.rejections.push_back(p.nCells > 1 ? "cell " + std::to_string(c) + ": " + m : m);
        }
    }
    Simulator::Destroy();
    return r;
}

/**
 * Print one sweep table and return its results.
 * @param [in] base parameters
 * @param [in] usersForBandwidth K of the bandwidth sweep
 * @param [in] xs x values (users or RBs)
 * @param [in] isUsers sweep the number of users (else the bandwidth)
 * @param [in,out] csv CSV output (may be null)
 * @return results[x index][algorithm index]
 */
std::vector<std::vector<RunResult>>
Sweep(const Params& base,
      uint32_t usersForBandwidth,
      const std::vector<uint32_t>& xs,
      bool isUsers,
      std::ofstream* csv)
{
    const std::string cellLabel =
        base.radio == "nr" ? std::string("the NR cell") : std::to_string(base.rbs) + " RB";
    const std::string cells =
        base.nCells > 1 ? " per cell, sum over " + std::to_string(base.nCells) + " cells" : "";
    const std::string title =
        isUsers
            ? "Throughput vs number of users" + cells + ", W = " + cellLabel
            : "Throughput vs uplink bandwidth, K = " + std::to_string(usersForBandwidth) + cells;
    const std::string label = isUsers ? "K" : "RB";
    const std::string sweep = isUsers ? "users" : "bandwidth";
    std::cout << "\n"
              << title << " (tasks/s over " << base.frames << " frames x " << base.seeds
              << " seeds: predicted / measured at packet level (error))\n";
    std::cout << std::setw(6) << label;
    for (const auto& a : g_algorithms)
    {
        std::cout << std::setw(30) << a;
    }
    std::cout << "\n";
    std::vector<std::vector<RunResult>> all;
    std::ostringstream perCell; // with several cells: one line per x and cell
    for (uint32_t x : xs)
    {
        Params p = base;
        p.nUes = isUsers ? x : usersForBandwidth;
        p.rbs = isUsers ? base.rbs : x;
        std::cout << std::setw(6) << x;
        std::vector<RunResult> row;
        for (const auto& a : g_algorithms)
        {
            AllocatorChoice choice;
            choice.algorithm = a;
            RunResult r;
            for (uint32_t seed = 0; seed < base.seeds; ++seed)
            {
                p.seed = seed;
                const auto draws =
                    DrawUsers(p.nUes * p.nCells, 7 + seed, p.minDistanceM, p.maxDistanceM);
                const RunResult one = RunScenario(p, draws, choice);
                r = seed == 0 ? one : r;
                if (seed > 0)
                {
                    for (uint32_t c = 0; c < p.nCells; ++c)
                    {
                        r.cellPredicted[c] += one.cellPredicted[c];
                        r.cellMeasured[c] += one.cellMeasured[c];
                    }
                    r.predictedThroughput += one.predictedThroughput;
                    r.measuredThroughput += one.measuredThroughput;
                    r.nTasks += one.nTasks;
                    r.nScheduled += one.nScheduled;
                    r.nOnTime += one.nOnTime;
                    r.nFailed += one.nFailed;
                    r.maxAbsRelError = std::max(r.maxAbsRelError, one.maxAbsRelError);
                }
            }
            r.predictedThroughput /= base.seeds;
            r.measuredThroughput /= base.seeds;
            for (uint32_t c = 0; c < p.nCells; ++c)
            {
                r.cellPredicted[c] /= base.seeds;
                r.cellMeasured[c] /= base.seeds;
            }
            std::ostringstream cell;
            const double err =
                r.predictedThroughput > 0
                    ? 100 * (r.measuredThroughput - r.predictedThroughput) / r.predictedThroughput
                    : 0.0;
            g_maxThroughputError = std::max(g_maxThroughputError, std::abs(err));
            // the cell's throughput is the batching allocator's predicted outcome
            PredictionLog::RecordServed(
                sweep + " sweep",
                a + ", K = " + std::to_string(p.nUes) + ", " +
                    (p.radio == "nr" ? std::string("NR") : std::to_string(p.rbs) + " RB"),
                "throughput",
                "tasks/s",
                r.predictedThroughput,
                r.measuredThroughput);
            cell << std::fixed << std::setprecision(1) << r.predictedThroughput << " / "
                 << r.measuredThroughput << " (" << std::showpos << err << std::noshowpos << "%)";
            std::cout << std::setw(30) << cell.str() << std::flush;
            for (uint32_t c = 0; p.nCells > 1 && c < p.nCells; ++c)
            {
                // each cell's allocator predicts its own cell's throughput
                const double pc = r.cellPredicted[c];
                const double mc = r.cellMeasured[c];
                const double cellErr = pc > 0 ? 100 * (mc - pc) / pc : 0.0;
                g_maxCellThroughputError = std::max(g_maxCellThroughputError, std::abs(cellErr));
                PredictionLog::RecordServed(sweep + " sweep",
                                            a + ", K = " + std::to_string(p.nUes) + ", " +
                                                std::to_string(p.rbs) + " RB, cell " +
                                                std::to_string(c),
                                            "throughput",
                                            "tasks/s",
                                            pc,
                                            mc);
                perCell << std::setw(6) << x << std::setw(6) << c << std::setw(28) << a
                        << std::fixed << std::setprecision(1) << std::setw(12) << pc
                        << std::setw(12) << mc << std::setw(10) << std::showpos << cellErr
                        << std::noshowpos << "%\n";
            }
            if (csv)
            {
                *csv << sweep << "," << p.nUes << "," << p.rbs << "," << a << ","
                     << r.predictedThroughput << "," << r.measuredThroughput << "," << r.nTasks
                     << "," << r.nScheduled << "," << r.nOnTime << "," << r.nFailed << ","
                     << r.maxAbsRelError << "\n";
            }
            row.push_back(r);
        }
        std::cout << "\n";
        all.push_back(row);
    }
    if (base.nCells > 1)
    {
        std::cout << "\nPer cell (" << sweep << " sweep): tasks/s predicted by the cell's allocator"
                  << " / measured (error)\n"
                  << std::setw(6) << label << std::setw(6) << "cell" << std::setw(28) << "algorithm"
                  << std::setw(12) << "predicted" << std::setw(12) << "measured" << std::setw(11)
                  << "error\n"
                  << perCell.str();
    }
    return all;
}

/**
 * Print the per-user prediction and measurement of a run's first frame.
 * @param [in] title what the run was
 * @param [in] r the run
 */
void
PrintUsers(const std::string& title, const RunResult& r)
{
    const bool cells = r.cellPredicted.size() > 1;
    std::cout << "\nPer user, " << title << ", frame 0 "
              << "(completion = exit reached at the server, from the UE's frame start)\n"
              << std::setw(4) << "UE";
    if (cells)
    {
        std::cout << std::setw(5) << "cell";
    }
    std::cout << std::setw(8) << "dist_m" << std::setw(7) << "alpha" << std::setw(7) << "T_ms"
              << std::setw(10) << "s_MHz" << std::setw(6) << "exit" << std::setw(9) << "w_kHz"
              << std::setw(10) << "pred_ms" << std::setw(10) << "meas_ms" << std::setw(9) << "err%"
              << "  outcome\n";
    for (size_t i = 0; i < r.users.size(); ++i)
    {
        const UserResult& u = r.users[i];
        std::cout << std::fixed << std::setw(4) << i;
        if (cells)
        {
            std::cout << std::setw(5) << u.cell;
        }
        std::cout << std::setprecision(0) << std::setw(8) << u.draw.distanceM
                  << std::setprecision(2) << std::setw(7) << u.draw.accuracy << std::setprecision(0)
                  << std::setw(7) << 1e3 * u.draw.deadlineS << std::setprecision(1) << std::setw(10)
                  << u.snrBandwidthHz / 1e6 << std::setw(6) << u.exit << std::setprecision(0)
                  << std::setw(9) << u.bandwidthHz / 1e3 << std::setprecision(2) << std::setw(10);
        const bool isMeasured = u.predictedS > 0 && u.measuredS >= 0;
        PredictionLog::Record(title,
                              "UE " + std::to_string(i),
                              "completion",
                              "s",
                              u.predictedS > 0 ? u.predictedS : std::nan(""),
                              isMeasured ? u.measuredS : std::nan(""),
                              isMeasured         ? PredictionLog::Outcome::SERVED
                              : u.predictedS > 0 ? PredictionLog::Outcome::FAILED
                                                 : PredictionLog::Outcome::UNSERVED,
                              isMeasured ? "" : u.outcome);
        (u.predictedS > 0 ? std::cout << 1e3 * u.predictedS : std::cout << "-") << std::setw(10);
        (isMeasured ? std::cout << 1e3 * u.measuredS : std::cout << "-") << std::setw(9);
        (isMeasured ? std::cout << 100 * (u.measuredS - u.predictedS) / u.predictedS
                    : std::cout << "-")
            << "  " << u.outcome << "\n";
    }
    for (const auto& m : r.rejections)
    {
        std::cout << "rejected decision: " << m << "\n";
    }
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
    std::vector<uint32_t> userCounts = {4, 8};
    std::vector<uint32_t> rbs = {15, 25};
    uint32_t usersForBandwidth = 8;
    g_algorithms = {
        "optimal", "greedy", "no-batching-no-early-exit", "batching-only", "early-exit-only"};
    AllocatorChoice single; // --writeInstances / --decisionFiles: one run
    ExampleCommandLine cmd(__FILE__);
    cmd.AddValue("full",
                 "Paper-like sweep (more users, bandwidths and frames); writes CSV + "
                 "gnuplot scripts",
                 full);
    cmd.AddCountList("users",
                     "Comma-separated numbers of users for the first sweep",
                     userCounts,
                     1,
                     LTE_MAX_UES);
    cmd.AddCountList("rbs",
                     "Comma-separated uplink bandwidths (RBs) for the second sweep",
                     rbs,
                     0,
                     0,
                     LteBandwidthTable());
    cmd.AddCount(
        "usersForBandwidth", "Users in the bandwidth sweep", usersForBandwidth, 1, LTE_MAX_UES);
    cmd.AddChoice(
        "bandwidthRbs", "Uplink bandwidth (RBs) of the users sweep", base.rbs, LteBandwidthTable());
    cmd.AddCount("frames", "Frames per run (1..10000)", base.frames, 1, 10000);
    cmd.AddCount("seeds",
                 "Independent runs per point (user draws and LTE streams), 1..100",
                 base.seeds,
                 1,
                 100);
    cmd.AddNumber("framePeriod",
                  "Frame period = T_f, s, in [0.001, 60]",
                  base.framePeriodS,
                  ValueRange::Closed(1e-3, 60));
    cmd.AddCount("inputBytes", "Task input D_k, bytes (1..1e8)", base.inputBytes, 1, 100000000);
    cmd.AddNumber("snrGapDb",
                  "Allocator calibration: SNR gap, dB, in [0, 30]",
                  base.snrGapDb,
                  ValueRange::Closed(0, 30));
    cmd.AddNumber("rateEfficiency",
                  "Allocator calibration: rate efficiency, in [0.001, 1]",
                  base.rateEfficiency,
                  ValueRange::Closed(1e-3, 1));
    cmd.AddNumber("uploadStartDelay",
                  "Server UploadStartDelay, s, in [0, 10]",
                  base.uploadStartDelayS,
                  ValueRange::Closed(0, 10));
    cmd.AddNumber("resultDelay",
                  "Server ResultDelay, s, in [0, 10]",
                  base.resultDelayS,
                  ValueRange::Closed(0, 10));
    cmd.AddNumber("minDistance",
                  "Smallest UE distance from the eNB, m",
                  base.minDistanceM,
                  ValueRange::Positive());
    cmd.AddNumber("maxDistance",
                  "Largest UE distance from the eNB, m (>= minDistance)",
                  base.maxDistanceM,
                  ValueRange::Positive());
    cmd.AddName("mac",
                "MAC: share (BandwidthShareFfMacScheduler executes w_k; downlink "
                "DlFitToBuffer) or pf (no shares: ns-3's PF in both directions, the served "
                "UEs split the band equally)",
                base.mac,
                {"share", "pf"});
    cmd.AddName("rateModel",
                "Allocator's upload rate: LteUlAmc (the TB sizes the UL share scheduler "
                "executes; over NR: NrUlAmc, the symbol shares of NrSymbolShareScheduler) or "
                "Shannon (the reconstruction's w log2(1 + s/w))",
                base.rateModel,
                {"LteUlAmc", "NrUlAmc", "Shannon"});
    cmd.AddValue("workConserving",
                 "Share scheduler: give the served UEs all RBs in proportion to w_k (true) "
                 "or exactly w_k (false)",
                 base.workConserving);
    cmd.AddNameList("algorithms",
                    "Comma-separated algorithms compared",
                    g_algorithms,
                    NameTable(BatchingEarlyExitSolverAllocator::AlgorithmNames()));
    cmd.AddValue("writeInstances",
                 "One run (K = first --users, --bandwidthRbs, first --algorithms) writing each "
                 "frame's instance to this file pattern (%r = frame) for edge-inference-solve",
                 single.instanceFiles);
    cmd.AddValue("decisionFiles",
                 "One run executing the decisions read from this file pattern (%r = frame, the "
                 "output format of edge-inference-solve)",
                 single.decisionFiles);
    cmd.AddChoice("nCells",
                  "Cells: 1, or 3 or 7 interfering sites on a hexagonal grid (EdgeLteLayout), "
                  "K users in each, one server and allocator per cell; --users and "
                  "--usersForBandwidth count the users per cell",
                  base.nCells,
                  {1, 3, 7});
    cmd.AddNumber("interSiteDistance",
                  "Distance between neighbour sites with --nCells > 1, m (> 2 x maxDistance)",
                  base.interSiteDistanceM,
                  ValueRange::Positive());
    cmd.AddValue("staggerFrames",
                 "With --nCells > 1: start neighbour cells' frames a third of the frame period "
                 "apart, so that their uploads do not overlap (time-domain inter-cell "
                 "coordination; false: all cells' frames start together)",
                 base.staggerFrames);
    cmd.AddValue("lteTraces",
                 "Write ns-3's LTE PHY traces (UlRxPhyStats.txt, UlSinrStats.txt, "
                 "UlInterferenceStats.txt, ...; each run of the process overwrites them, so the "
                 "files hold the last run's)",
                 base.lteTraces);
    cmd.AddValue("verbose", "Enable the module's log components", verbose);
    cmd.AddName("radio",
                "Radio: lte, or nr (5G-LENA: NrSymbolShareScheduler executes w_k as UL symbol "
                "shares, the allocator predicts with NrUlAmcRateModel; the NR cell is set by "
                "--ns3::EdgeNrTopologyHelper::...; --rbs/--bandwidthRbs unused)",
                base.radio,
                EdgeRadioNames());
    cmd.Parse(argc, argv);
    cmd.CheckOrdered("minDistance", base.minDistanceM, "maxDistance", base.maxDistanceM);
    CheckEdgeRadio(base.radio);
    if (base.radio == "nr")
    {
        if (base.rateModel == "LteUlAmc")
        {
            base.rateModel = "NrUlAmc"; // the default's NR counterpart
        }
        rbs.clear(); // the NR bandwidth is an EdgeNrTopologyHelper attribute: no RB sweep
    }
    if (base.radio == "lte" && base.rateModel == "NrUlAmc")
    {
        throw std::invalid_argument("--rateModel=NrUlAmc: the NR uplink model needs --radio=nr");
    }
    if (base.nCells > 1 && base.radio != "lte")
    {
        throw std::invalid_argument("--nCells=" + std::to_string(base.nCells) +
                                    ": several cells are LTE only (--radio=" + base.radio + ")");
    }
    if (base.nCells > 1 && (!single.instanceFiles.empty() || !single.decisionFiles.empty()))
    {
        throw std::invalid_argument("--nCells=" + std::to_string(base.nCells) +
                                    ": --writeInstances and --decisionFiles are single-cell "
                                    "(use --nCells=1)");
    }
    if (base.nCells > 1 && 2 * base.maxDistanceM > base.interSiteDistanceM)
    {
        std::ostringstream msg;
        msg << "--nCells=" << base.nCells << ": --maxDistance=" << base.maxDistanceM
            << " m puts users outside their cell (at most half of --interSiteDistance="
            << base.interSiteDistanceM << " m)";
        throw std::invalid_argument(msg.str());
    }
    const auto wallStart = std::chrono::steady_clock::now();
    if (full)
    {
        userCounts = {4, 8, 16, 32};
        rbs = {15, 25, 50, 75};
        usersForBandwidth = 8;
        base.frames = std::max<uint32_t>(base.frames, 20);
        base.seeds = std::max<uint32_t>(base.seeds, 3);
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

    Ptr<BatchingEarlyExitServer> reference = CreateObject<BatchingEarlyExitServer>();
    const BatchLatencyModel latency = reference->GetLatencyModel();
    const auto accuracy = reference->GetExitAccuracies();
    std::cout << "Batching + early exit over " << (base.radio == "nr" ? "NR" : "LTE")
              << " (Liu, Lan, Huang, JSAC 2023): B-AlexNet, " << latency.GetNBlocks()
              << " exits, A = (";
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
    if (base.nCells > 1)
    {
        std::cout << std::defaultfloat << base.nCells << " interfering cells (inter-site distance "
                  << base.interSiteDistanceM << " m, one uplink channel), K users per cell at "
                  << base.minDistanceM << "-" << base.maxDistanceM
                  << " m from their eNB; one server and allocator per cell (UDP port 6000 + "
                     "cell), each fed by its own eNB's SRS reports\n";
    }

    if (!single.instanceFiles.empty() || !single.decisionFiles.empty())
    {
        Params p = base;
        p.nUes = userCounts.front();
        single.algorithm = g_algorithms.front();
        const RunResult r =
            RunScenario(p, DrawUsers(p.nUes, 7, p.minDistanceM, p.maxDistanceM), single);
        PrintUsers(single.Name() + ", K = " + std::to_string(p.nUes), r);
        std::cout << std::setprecision(1) << "\nbatching-early-exit: done (" << single.Name()
                  << "); K = " << p.nUes << ", " << p.rbs << " RB: " << r.nScheduled << "/"
                  << r.nTasks << " scheduled, " << r.nOnTime << " on time, " << r.rejections.size()
                  << " rejected decisions; measured throughput " << r.measuredThroughput
                  << " tasks/s, predicted " << r.predictedThroughput
                  << "; largest |relative error| of the predicted completion: "
                  << 100 * r.maxAbsRelError << "%\n";
        return 0;
    }

    std::ofstream csv;
    if (full)
    {
        csv.open("batching-early-exit.csv");
        csv << "sweep,users,rbs,algorithm,predicted_tasks_per_s,measured_tasks_per_s,tasks,"
               "scheduled,on_time,failed,max_rel_error\n";
    }
    const auto byUsers = Sweep(base, usersForBandwidth, userCounts, true, full ? &csv : nullptr);
    const auto byRbs = rbs.empty()
                           ? std::vector<std::vector<RunResult>>()
                           : Sweep(base, usersForBandwidth, rbs, false, full ? &csv : nullptr);

    PrintUsers(g_algorithms.front() + ", K = " + std::to_string(userCounts.back()) +
                   (base.nCells > 1 ? " per cell" : ""),
               byUsers.back().front());

    if (full)
    {
        for (const bool isUsers : {true, false})
        {
            const auto& xs = isUsers ? userCounts : rbs;
            if (xs.empty())
            {
                continue; // no bandwidth sweep over NR
            }
            WriteThroughputPlot(isUsers ? "batching-early-exit-users.plt"
                                        : "batching-early-exit-bandwidth.plt",
                                isUsers ? "Throughput vs users" : "Throughput vs bandwidth",
                                isUsers ? "users K" : "uplink RBs",
                                "throughput (tasks/s), measured over LTE",
                                std::vector<double>(xs.begin(), xs.end()),
                                g_algorithms,
                                isUsers ? byUsers : byRbs);
        }
        std::cout << "\nWrote batching-early-exit.csv, batching-early-exit-users.plt, "
                     "batching-early-exit-bandwidth.plt (gnuplot <file>.plt)\n";
    }
    const auto it =
        std::find(g_algorithms.begin(), g_algorithms.end(), "no-batching-no-early-exit");
    const size_t base0 =
        it == g_algorithms.end() ? g_algorithms.size() - 1 : it - g_algorithms.begin();
    const RunResult& opt = byUsers.back()[0];
    const RunResult& none = byUsers.back()[base0];
    std::cout << "\nbatching-early-exit: done; K = " << userCounts.back()
              << ": measured throughput " << g_algorithms.front() << " " << std::setprecision(1)
              << opt.measuredThroughput << " tasks/s vs " << g_algorithms[base0] << " "
              << none.measuredThroughput
              << " tasks/s; largest |relative error| of the predicted completion ("
              << g_algorithms.front() << "): " << std::setprecision(1) << 100 * opt.maxAbsRelError
              << "%; largest |throughput error| of all cells: " << g_maxThroughputError << "%\n";
    if (base.nCells > 1)
    {
        const double wallS =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        std::cout << "batching-early-exit: " << base.nCells
                  << " cells: largest per-cell |throughput error| " << g_maxCellThroughputError
                  << "% (each cell's allocator vs its cell's measurement); wall time " << wallS
                  << " s\n";
    }
    return 0;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
