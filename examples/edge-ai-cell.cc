/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief One LTE cell where the techniques run together: UEs stream a multi-exit model
 * (SLIDE, exit-aware, with early-exit agents that stop their downloads), UEs offload to an
 * edge server that batches with early exits and to one whose GPU shares parameter blocks
 * (PartialLoading), and UEs send tasks to edge servers that split a large model and balance
 * it with DTO-EE control messages; beside the cell, UEs do split inference over the module's
 * NOMA uplink (their own access point at the eNB's site, with the split-inference edge server,
 * and their own band: NomaHelper + NomaSplitInferenceHelper, Li-GD).
 *
 * Radio sharing in the one cell: the SLIDE manager's downlink shares (FFR) keep
 * --reservedDl of the cell for the UEs of the other techniques (their results and TCP ACKs,
 * SlideResourceManager::AddReservedUe()); the uplink share scheduler executes the batching
 * and PartialLoading bandwidths, each server deciding over half of 1 - --reservedUl of the
 * uplink, the rest shared by the SLIDE and DTO-EE UEs (requests, ACKs, task inputs).
 * --radio=nr: the same cell on 5G-LENA (EdgeNrTopologyHelper): NrSymbolShareScheduler executes
 * the SLIDE downlink shares and the merged uplink shares (symbol shares, W = the bandwidth
 * part's uplink bandwidth), the offloading servers predict with NrUlAmc from the gNB's SRS SINR.
 *
 * Each allocator is installed by its helper and prints its predicted vs measured table; then
 * one summary row per technique. --disable=slide,ue-exit,batching,partial-loading,dto-ee,noma
 * replaces a technique by its baseline (DAI download-then-infer; exit-unaware whole model
 * without exits; no batching and no early exit; no block sharing; uniform offloading without
 * control messages; Li-GD over OMA slots instead of NOMA), and --ablation prints the ablation
 * table (one run per disabled technique).
 *
 *     ./edge-ai-cell                   # the cell with every technique, then the ablation
 *     ./edge-ai-cell --ablation=0      # one run
 *     ./edge-ai-cell --disable=ue-exit,batching
 */

#include "dto-ee-llama-stages.h"
#include "edge-lte-scenario.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#ifdef EI_HAVE_NR
#    include "ns3/nr-symbol-share-scheduler.h"
#    include "ns3/nr-ue-net-device.h"
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

NS_LOG_COMPONENT_DEFINE("EdgeAiCellExample");

namespace
{

/// The techniques that --disable names.
const std::vector<std::string> TECHNIQUES = {
    "slide", "ue-exit", "batching", "partial-loading", "dto-ee", "noma"};

/// Scenario parameters.
struct CellConfig
{
    uint32_t nSlide{4};             ///< UEs streaming b-alexnet
    uint32_t nBatch{5};             ///< UEs offloading to the batching server
    uint32_t nPl{4};                ///< UEs offloading to the PartialLoading server
    uint32_t nDto{2};               ///< UEs sending tasks to the DTO-EE edge servers
    uint32_t nNoma{4};              ///< UEs doing split inference over the NOMA uplink
    uint32_t nomaTasks{8};          ///< Closed-loop split-inference tasks per NOMA UE
    uint32_t rbs{25};               ///< Cell bandwidth, RBs (LTE)
    std::string radio{"lte"};       ///< Radio of the cell: lte or nr
    double nrRateEfficiency{1.0};   ///< extra factor on the SLIDE allocator's NR rate
    uint32_t slideTasks{4};         ///< Tasks per SLIDE UE
    double threshold{0.8};          ///< SLIDE UEs' exit threshold
    double accuracy{0.66};          ///< SLIDE UEs' accuracy requirement (expected)
    double slideDeadlineS{0.35};    ///< SLIDE deadline from the decision, s
    uint32_t frames{4};             ///< Offloading frames
    double framePeriodS{0.2};       ///< Offloading frame period, s
    double dtoRate{20};             ///< DTO-EE total arrival rate, task/s
    double simTimeS{3.0};           ///< Simulated time after the start, s
    double reservedDl{0.2};         ///< Downlink fraction kept from the SLIDE allocator
    double reservedUl{0.2};         ///< Uplink fraction kept from the offloading allocators
    double loadGBps{6};             ///< GPU loading bandwidth of the PartialLoading server, GB/s
    double uploadStartDelayS{0.02}; ///< Offloading servers' UploadStartDelay, s
    std::set<std::string> off;      ///< Disabled techniques
    bool print{true};               ///< Print the per-technique tables
};

/// One technique's summary.
struct Summary
{
    std::string name;    ///< Technique
    std::string metric;  ///< What is compared
    double predicted{0}; ///< Prediction
    double measured{0};  ///< Measurement
    std::string extra;   ///< Other figures
};

/// What one run measured (per technique, for the ablation table).
struct CellResult
{
    std::vector<Summary> rows; ///< Summary rows
    uint32_t slideOnTime{0};   ///< SLIDE tasks completed within their deadline
    uint32_t slideTasks{0};    ///< SLIDE tasks requested
    double slideMBytes{0};     ///< Stream MB parsed by the SLIDE UEs
    uint32_t batchOnTime{0};   ///< Batching tasks on time
    uint32_t batchTasks{0};    ///< Batching tasks
    uint32_t batchFailed{0};   ///< Batching tasks scheduled but failed or pending
    uint32_t plOnTime{0};      ///< PartialLoading tasks on time
    uint32_t plTasks{0};       ///< PartialLoading tasks
    uint32_t plFailed{0};      ///< PartialLoading tasks scheduled but failed or pending
    double dtoNetMs{0};        ///< DTO-EE mean edge-network latency, ms
    double dtoAccuracy{0};     ///< DTO-EE accuracy
    uint32_t dtoResults{0};    ///< DTO-EE results
    uint32_t nomaOk{0};        ///< NOMA split tasks with a result in time
    uint32_t nomaTasks{0};     ///< NOMA split tasks
    uint32_t nomaOffload{0};   ///< NOMA UEs that offload (split point < L)
    uint32_t nomaUes{0};       ///< NOMA UEs
    double nomaLatencyMs{0};   ///< NOMA mean measured task latency, ms
    double nomaDeviceMj{0};    ///< NOMA mean measured device energy per task, mJ
    double nomaFrameErr{0};    ///< NOMA largest |error| of the measured vs frame-aware latency, %
    double wallS{0};           ///< Wall time of the run, s
};

/// Uplink shares of the cell: the offloading servers' bandwidths plus reserved shares.
struct UplinkShares
{
    /// Remove every uplink share of the cell's scheduler (LTE BandwidthShareFfMacScheduler,
    /// NR NrSymbolShareScheduler)
    std::function<void()> clear;
    /// Set one UE's uplink share (by IMSI) in the cell's scheduler
    std::function<void(uint64_t, double)> set;
    /// The share a bandwidth (Hz) stands for: Hz / the cell's uplink bandwidth
    std::function<double(double)> toShare;
    std::map<uint64_t, double> batch; ///< Batching server's w_k by IMSI, Hz
    std::map<uint64_t, double> pl;    ///< PartialLoading server's w_k by IMSI, Hz
    std::vector<uint64_t> reserved;   ///< Other UEs
    double reservedFraction{0.2};     ///< Their part of the uplink
};

/**
 * Apply the merged uplink shares (an empty merge clears them: PF / round robin again).
 * @param [in] ul the shares
 */
void
ApplyUplink(UplinkShares* ul)
{
    ul->clear();
    std::map<uint64_t, double> share;
    double sum = 0;
    for (const auto* m : {&ul->batch, &ul->pl})
    {
        for (const auto& [imsi, hz] : *m)
        {
            share[imsi] += ul->toShare(hz);
            sum += ul->toShare(hz);
        }
    }
    if (share.empty())
    {
        return;
    }
    const double room = ul->reserved.empty() ? 1.0 : 1.0 - ul->reservedFraction;
    const double scale = sum > room ? room / sum : 1.0;
    for (const auto& [imsi, s] : share)
    {
        ul->set(imsi, std::min(1.0, s * scale) * (1 - 1e-6));
    }
    for (uint64_t imsi : ul->reserved)
    {
        ul->set(imsi, ul->reservedFraction / ul->reserved.size() * (1 - 1e-6));
    }
}

/**
 * The batching server's bandwidths.
 * @param [in] ul the shares
 * @param [in] w w_k by IMSI, Hz
 */
void
OnBatchShares(UplinkShares* ul, const std::map<uint64_t, double>& w)
{
    ul->batch = w;
    ApplyUplink(ul);
}

/**
 * The PartialLoading server's bandwidths.
 * @param [in] ul the shares
 * @param [in] w w_k by IMSI, Hz
 */
void
OnPlShares(UplinkShares* ul, const std::map<uint64_t, double>& w)
{
    ul->pl = w;
    ApplyUplink(ul);
}

/// DTO-EE measurements.
struct DtoCollector
{
    uint32_t received{0}; ///< Results
    double netMs{0};      ///< Sum of edge-network latencies, ms
    double correct{0};    ///< Correct results

    /**
     * A result arrived (CollaborativeTaskSource::ResultReceived).
     * @param [in] taskId task
     * @param [in] created creation time
     * @param [in] delay end-to-end delay
     * @param [in] net edge-network latency
     * @param [in] stage exit stage
     * @param [in] isCorrect correct
     */
    void Result(uint64_t taskId, Time created, Time delay, Time net, uint32_t stage, bool isCorrect)
    {
        ++received;
        netMs += net.GetSeconds() * 1e3;
        correct += isCorrect ? 1.0 : 0.0;
    }
};

/**
 * @param [in] pred predicted
 * @param [in] meas measured
 * @return relative error (meas - pred) / pred in percent, or "-"
 */
std::string
RelErr(double pred, double meas)
{
    if (!(pred > 0) || !std::isfinite(pred) || meas < 0)
    {
        return "-";
    }
    std::ostringstream o;
    o << std::fixed << std::setprecision(1) << 100.0 * (meas - pred) / pred << "%";
    return o.str();
}

/**
 * Build the cell, run it, measure and (optionally) print each technique's table.
 * @param [in] cfg the scenario
 * @return the measurements
 */
CellResult
RunCell(const CellConfig& cfg)
{
    const auto wall0 = std::chrono::steady_clock::now();
    const bool slideOn = !cfg.off.count("slide");
    const bool exitOn = !cfg.off.count("ue-exit");
    const bool batchOn = !cfg.off.count("batching");
    const bool plOn = !cfg.off.count("partial-loading");
    const bool dtoOn = !cfg.off.count("dto-ee");
    const bool nomaOn = !cfg.off.count("noma");
    SetSlideLteDefaults();
    RngSeedManager::SetRun(1);

    // UEs: SLIDE, batching, PartialLoading, DTO-EE, on a circle of growing radius
    const uint32_t nUes = cfg.nSlide + cfg.nBatch + cfg.nPl + cfg.nDto;
    std::vector<double> distances;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        distances.push_back(60.0 + 140.0 * (i % 4) / 3.0);
    }
    EdgeLteGeometry geometry;
    geometry.enbHeightM = 30;
    geometry.ueHeightM = 1.5;
    geometry.coreDelay = MilliSeconds(5);
    const bool isNr = cfg.radio == "nr";
#ifdef EI_HAVE_NR
    if (isNr)
    {
        // SLIDE's downlink shares are executed by the NR symbol-share scheduler
        Config::SetDefault("ns3::EdgeNrTopologyHelper::SchedulerType",
                           TypeIdValue(NrSymbolShareScheduler::GetTypeId()));
    }
#endif
    const EdgeCell topo = BuildEdgeCell(
        cfg.radio,
        cfg.rbs,
        distances,
        [](Ptr<LteHelper> lte)
        {
            lte->SetSchedulerType("ns3::BandwidthShareFfMacScheduler");
            lte->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
        },
        geometry);
    topo.AssignStreams(1000);
    Ptr<Node> pgw = topo.lte.epc ? topo.lte.epc->GetPgwNode() : nullptr;
#ifdef EI_HAVE_NR
    if (isNr)
    {
        pgw = topo.nr.epc->GetPgwNode();
    }
#endif
    auto imsiOf = [&topo](uint32_t i)
    {
        if (Ptr<LteUeNetDevice> lteUe = DynamicCast<LteUeNetDevice>(topo.ueDevs.Get(i)))
        {
            return lteUe->GetImsi();
        }
#ifdef EI_HAVE_NR
        return DynamicCast<NrUeNetDevice>(topo.ueDevs.Get(i))->GetImsi();
#else
        return uint64_t{0};
#endif
    };
    NodeContainer slideUes;
    NodeContainer batchUes;
    NodeContainer plUes;
    NodeContainer dtoUes;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        NodeContainer& c = i < cfg.nSlide                          ? slideUes
                           : i < cfg.nSlide + cfg.nBatch           ? batchUes
                           : i < cfg.nSlide + cfg.nBatch + cfg.nPl ? plUes
                                                                   : dtoUes;
        c.Add(topo.ues.Get(i));
    }
    const Time start = Seconds(0.5); // after the attachment and the first CQI/SRS reports

    // ---- SLIDE with UE early exits: b-alexnet INT8, prefixes as variants -----------------
    DnnModel alex = DnnModelZoo::BranchyAlexNet();
    alex.SetBytesPerParameter(1.0);
    alex.SetName("b-alexnet-int8");
    const std::vector<double> exitAccuracy{0.64, 0.72, 0.7838};
    const StreamingExitModel exits(alex, exitAccuracy);
    const double theta = exitOn ? cfg.threshold : 1.0;
    std::vector<std::string> variants;
    SlideHelper slide;
    slide.SetResourceManagerAttribute("ReservedDlFraction", DoubleValue(cfg.reservedDl));
    if (isNr)
    {
        // an extra factor (default 1): NrSlideCell models the headers and the F-slot uplink
        slide.SetResourceManagerAttribute("RateEfficiency", DoubleValue(cfg.nrRateEfficiency));
    }
    slide.SetAllocatorAttribute("Algorithm",
                                StringValue(slideOn ? "slide-optimal" : "dai-optimal"));
    slide.AddModel(alex);
    if (exitOn)
    {
        // exit-aware: every prefix whose expected accuracy meets the requirement
        const uint32_t first = SlideExitSolver::NeededCap(exits, theta, cfg.accuracy);
        for (uint32_t c = first; c < exits.GetNSideExits(); ++c)
        {
            const DnnModel p = StreamingExitModel::Prefix(alex, c);
            slide.AddModel(p);
            variants.push_back(p.GetName());
        }
    }
    variants.push_back(alex.GetName());
    slide.AddTask("cifar", variants);
    slide.SetClientAttribute("NumTasks", UintegerValue(cfg.slideTasks));
    slide.SetClientAttribute("TaskInterval",
                             StringValue("ns3::ConstantRandomVariable[Constant=0.02]"));
    slide.SetClientAttribute("TaskTimeout", TimeValue(Seconds(3 * cfg.slideDeadlineS)));
    slide.SetClientAttribute("ExitModelName", StringValue("b-alexnet"));
    slide.SetClientAttribute("ExitAccuracies", StringValue("0.64,0.72,0.7838"));
    slide.SetClientAttribute("ExitThreshold", DoubleValue(theta));
    Ptr<SlideResourceManager> manager = slide.InstallResourceManager(topo.bs.Get(0));
    slide.InstallServer(topo.remote.Get(0)).Start(Seconds(0));
    ApplicationContainer slideClients;
    for (uint32_t i = 0; i < cfg.nSlide; ++i)
    {
        SlideUserProfile p;
        p.samples = 16;
        p.device = DeviceComputeModel(8, DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ);
        p.deadlineS = cfg.slideDeadlineS;
        p.energyBudgetJ = 1.0;
        ApplicationContainer c = slide.InstallClient(
            slideUes.Get(i), topo.ueDevs.Get(i), topo.serverAddress, "cifar", p);
        c.Start(start + MilliSeconds(i));
        slideClients.Add(c);
    }
    for (uint32_t i = cfg.nSlide; i < nUes; ++i)
    {
        manager->AddReservedUe(imsiOf(i));
    }
    slide.AssignStreams(slideUes, 2000);

    // ---- uplink shares of the cell: the offloading servers' bandwidths, merged ------------
    // LTE: BandwidthShareFfMacScheduler's UL RB shares; NR: NrSymbolShareScheduler's UL symbol
    // shares (W = the bandwidth part's RBs x 12 x SCS, a share of 1). Each server decides over
    // its part of W; ApplyUplink() writes both servers' w_k / W (and the reserved shares) into
    // the one scheduler, so that neither server's decision overwrites the other's.
    UplinkShares ul;
    Ptr<BatchingEarlyExitServer> batchServer;
    ApplicationContainer batchClients;
    Ptr<PartialLoadingServer> plServer;
    ApplicationContainer plClients;
    {
        double cellUlHz = cfg.rbs * 180e3;
        std::string rateModel = "LteUlAmc";
        if (!isNr)
        {
            Ptr<BandwidthShareFfMacScheduler> sched =
                BandwidthShareFfMacScheduler::GetFromEnbDevice(topo.bs.Get(0));
            const uint32_t nRb = cfg.rbs;
            ul.clear = [sched]()
            {
                sched->ClearUlShares();
            };
            ul.set = [sched](uint64_t imsi, double share)
            {
                sched->SetUlShareByImsi(imsi, share);
            };
            ul.toShare = [nRb](double hz)
            {
                return BandwidthShareFfrAlgorithm::HzToUlShare(hz, nRb);
            };
        }
#ifdef EI_HAVE_NR
        else
        {
            Ptr<NrSymbolShareScheduler> sched =
                NrSymbolShareScheduler::GetFromGnbDevice(topo.bs.Get(0));
            cellUlHz = EdgeNrTopologyHelper::GetUlBandwidthHz(topo.bs.Get(0));
            rateModel = "NrUlAmc";
            ul.clear = [sched]()
            {
                sched->ClearUlShares();
            };
            ul.set = [sched](uint64_t imsi, double share)
            {
                sched->SetUlShareByImsi(imsi, share);
            };
            ul.toShare = [cellUlHz](double hz)
            {
                return hz / cellUlHz;
            };
        }
#endif
        // connect a server's channel reports and rate model to the cell; its bandwidths go to
        // the merge (cb), not straight to the scheduler
        auto connect = [&topo, isNr](Ptr<OffloadingServerBase> server,
                                     OffloadingServerBase::UplinkBandwidthCallback cb)
        {
            if (!isNr)
            {
                BatchingEarlyExitHelper::ConnectEnbChannelReports(server, topo.bs);
            }
#ifdef EI_HAVE_NR
            else
            {
                // the gNB's SRS SINR; the server's UplinkRateModel NrUlAmc gets
                // NrUlAmcRateModel (the symbol shares as NrSymbolShareScheduler executes them)
                EdgeNrTopologyHelper::ConnectChannelReports(server, topo.bs);
                EdgeNrTopologyHelper::ConnectUplinkShares(server, topo.bs.Get(0));
            }
#endif
            server->SetUplinkBandwidthCallback(cb); // replaces ConnectUplinkShares' callback
        };
        ul.reservedFraction = cfg.reservedUl;
        for (uint32_t i = 0; i < cfg.nSlide; ++i)
        {
            ul.reserved.push_back(imsiOf(i));
        }
        for (uint32_t i = cfg.nSlide + cfg.nBatch + cfg.nPl; i < nUes; ++i)
        {
            ul.reserved.push_back(imsiOf(i));
        }
        // the offloading servers decide at the same frame times: each gets its part of the uplink
        const uint32_t nOffloadServers = (cfg.nBatch > 0 ? 1 : 0) + (cfg.nPl > 0 ? 1 : 0);
        const double ulHz =
            cellUlHz * (1.0 - cfg.reservedUl) / std::max<uint32_t>(1, nOffloadServers);

        // ---- batching + early exit on the edge server ---------------------------------------
        BatchingEarlyExitHelper batching;
        batching.SetAllocatorAttribute(
            "Algorithm", StringValue(batchOn ? "optimal" : "no-batching-no-early-exit"));
        batching.SetServerAttribute("Port", UintegerValue(6001));
        batching.SetServerAttribute("TotalBandwidthHz", DoubleValue(ulHz));
        batching.SetServerAttribute("UplinkRateModel", StringValue(rateModel));
        batching.SetServerAttribute("CellUplinkBandwidthHz", DoubleValue(cellUlHz));
        batching.SetServerAttribute("UploadStartDelay", TimeValue(Seconds(cfg.uploadStartDelayS)));
        batching.SetServerAttribute("ResultDelay", TimeValue(Seconds(0.008)));
        batching.SetServerAttribute("FrameLength", TimeValue(Seconds(cfg.framePeriodS)));
        batching.SetClientAttribute("RemotePort", UintegerValue(6001));
        batching.SetClientAttribute("FramePeriod", TimeValue(Seconds(cfg.framePeriodS)));
        batching.SetClientAttribute("NumFrames", UintegerValue(cfg.frames));
        batching.SetClientAttribute("InputBytes", UintegerValue(3072));
        batching.SetClientAttribute("Deadline", TimeValue(Seconds(0.12)));
        ApplicationContainer batchServerApp = batching.InstallServer(topo.remote.Get(0));
        batchServer = DynamicCast<BatchingEarlyExitServer>(batchServerApp.Get(0));
        connect(batchServer, MakeBoundCallback(&OnBatchShares, &ul));
        batchClients = batching.InstallClients(batchUes, topo.serverAddress);
        const double accuracies[] = {0.6, 0.7, 0.75};
        const double deadlines[] = {0.06, 0.08, 0.1};
        for (uint32_t i = 0; i < batchClients.GetN(); ++i)
        {
            batchClients.Get(i)->SetAttribute("AccuracyRequirement",
                                              DoubleValue(accuracies[i % 3]));
            batchClients.Get(i)->SetAttribute("Deadline", TimeValue(Seconds(deadlines[i % 3])));
        }
        batching.AssignStreams(batchUes, 3000);
        batchServerApp.Start(Seconds(0));
        batchClients.Start(start + MilliSeconds(50));

        // ---- PartialLoading on the edge server's GPU -----------------------------------------
        const DnnModelFamily family = DnnModelZoo::BackboneSharingFamily("resnet50", 4);
        PartialLoadingHelper pl;
        pl.SetFamily(family);
        for (const DnnModel& m : family.GetModels())
        {
            pl.SetInferenceTime(m.GetName(), Seconds(0.004));
        }
        pl.SetAllocatorAttribute("Algorithm", StringValue(plOn ? "partial-loading" : "no-sharing"));
        pl.SetEdgeServerAttribute("LoadRate", DataRateValue(DataRate(cfg.loadGBps * 8e9)));
        pl.SetServerAttribute("Port", UintegerValue(6002));
        pl.SetServerAttribute("TotalBandwidthHz", DoubleValue(ulHz));
        pl.SetServerAttribute("UplinkRateModel", StringValue(rateModel));
        pl.SetServerAttribute("CellUplinkBandwidthHz", DoubleValue(cellUlHz));
        pl.SetServerAttribute("UploadStartDelay", TimeValue(Seconds(cfg.uploadStartDelayS)));
        pl.SetServerAttribute("ResultDelay", TimeValue(Seconds(0.008)));
        pl.SetClientAttribute("RemotePort", UintegerValue(6002));
        pl.SetClientAttribute("FramePeriod", TimeValue(Seconds(cfg.framePeriodS)));
        pl.SetClientAttribute("NumFrames", UintegerValue(cfg.frames));
        pl.SetClientAttribute("InputBytes", UintegerValue(3072));
        pl.SetClientAttribute("Deadline", TimeValue(Seconds(0.12)));
        ApplicationContainer plServerApp = pl.InstallServer(topo.remote.Get(0));
        plServer = DynamicCast<PartialLoadingServer>(plServerApp.Get(0));
        connect(plServer, MakeBoundCallback(&OnPlShares, &ul));
        std::vector<uint16_t> plModels;
        for (uint32_t i = 0; i < cfg.nPl; ++i)
        {
            plModels.push_back(static_cast<uint16_t>(i % family.GetModels().size()));
        }
        plClients = pl.InstallClients(plUes, topo.serverAddress, plModels);
        pl.AssignStreams(plUes, 4000);
        plServerApp.Start(Seconds(0));
        plClients.Start(start + MilliSeconds(60));
        if (cfg.print && EdgeInferenceTraceHelper::AreTracesRequested())
        {
            batching.EnableTraces(); // --traces: the helpers' predictions in the task records
            pl.EnableTraces();
        }
    }

    // ---- DTO-EE over the edge servers behind the PGW -------------------------------------
    CollaborativeInferenceHelper dto;
    dto.SetStages(MakeLlamaDtoEeStages(8)); // as dto-ee-collaborative
    for (const auto& [stage, tflops] :
         std::vector<std::pair<uint32_t, double>>{{0, 1.0}, {0, 0.6}, {1, 1.0}, {1, 0.6}, {2, 0.8}})
    {
        dto.AddNode(stage, tflops * 1e12);
    }
    dto.SetNodeAttribute("ControlPeriod", TimeValue(Seconds(0.5)));
    dto.SetNodeAttribute("ControlStart", TimeValue(start));
    dto.SetSourceAttribute("InputBytes", UintegerValue(4096));
    dto.SetScheme(dtoOn ? DtoEeScheme::DTO_EE : DtoEeScheme::UNIFORM_OFFLOADING);
    dto.SetModelParameters(0.5, 1e3, 0.05, 0.0);
    dto.Install();
    dto.ConnectGateway(pgw, Ipv4Address("7.0.0.0"), Ipv4Mask("255.0.0.0"));
    std::vector<double> rates(cfg.nDto, cfg.dtoRate / std::max<uint32_t>(1, cfg.nDto));
    ApplicationContainer sources = dto.InstallSources(dtoUes, rates);
    dto.ApplyScheme();
    dto.AssignStreams(5000);
    sources.Start(start);
    const Time stop = start + Seconds(cfg.simTimeS);
    sources.Stop(stop - Seconds(0.5));
    std::vector<DtoCollector> dtoCol(sources.GetN());
    for (uint32_t k = 0; k < sources.GetN(); ++k)
    {
        sources.Get(k)->TraceConnectWithoutContext("ResultReceived",
                                                   MakeCallback(&DtoCollector::Result, &dtoCol[k]));
    }
    std::pair<DtoEeEvaluation, std::vector<double>> dtoPrediction;
    Simulator::Schedule(stop - NanoSeconds(1),
                        [&dto, &dtoPrediction]() { dtoPrediction = dto.PredictNow(); });

    // ---- NOMA split inference: its own access point and band beside the LTE cell ----------
    // The module's NOMA PHY/MAC (NomaHelper) on its own spectrum channel and carriers (band 7,
    // 2.62 / 2.50 GHz: no interference with the LTE cell's band 1); the access point stands at
    // the eNB's site and hosts the split-inference edge server (MEC at the base station).
    // N_s = nNoma / 2 subchannels of 1 MHz with Q = 2 (NOMA, Li-GD), or the OMA baseline on
    // 2 N_s slots of 0.5 MHz (--disable=noma: the same Li-GD with orthogonal access).
    NomaSplitInferenceHelper nomaSplit;
    NodeContainer nomaAp;
    NodeContainer nomaUes;
    const uint32_t nomaSub = (cfg.nNoma + 1) / 2;
    if (cfg.nNoma > 0)
    {
        nomaAp.Create(1);
        nomaUes.Create(cfg.nNoma);
        MobilityHelper mobility;
        Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
        pos->Add(Vector(0, 0, geometry.enbHeightM));
        for (uint32_t u = 0; u < cfg.nNoma; ++u)
        {
            const double d = 50.0 + 30.0 * u; // 50, 80, 110, 140 m
            const double angle = M_PI / 4 + 2 * M_PI * u / cfg.nNoma;
            pos->Add(Vector(d * std::cos(angle), d * std::sin(angle), geometry.ueHeightM));
        }
        mobility.SetPositionAllocator(pos);
        mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
        mobility.Install(nomaAp);
        mobility.Install(nomaUes);
        NomaHelper noma; // path loss 128.1 + 37.6 log10(d/km) dB
        noma.SetCarriers(2.62e9, 2.50e9);
        noma.SetNumSubchannels(nomaOn ? nomaSub : 2 * nomaSub);
        noma.SetSubchannelBandwidth(nomaOn ? 1e6 : 0.5e6);
        noma.SetPairing(2, 0.0);
        noma.SetMacAttribute("BsTxPower", DoubleValue(10.0));
        noma.SetMacAttribute("UeTxPower", DoubleValue(0.2));
        noma.SetDeviceAttribute("FrameDuration", TimeValue(MilliSeconds(1)));
        noma.SetDeviceAttribute("MaxQueuePackets", UintegerValue(100000));
        NetDeviceContainer nomaDevs = noma.Install(nomaAp.Get(0), nomaUes);
        noma.AssignStreams(nomaDevs, 6000);
        InternetStackHelper internet;
        internet.Install(nomaAp);
        internet.Install(nomaUes);
        Ipv4AddressHelper ip;
        ip.SetBase("172.16.0.0", "255.255.0.0");
        ip.Assign(nomaDevs);
        nomaSplit.SetAlgorithm(nomaOn ? NomaSplitAlgorithm::LI_GD : NomaSplitAlgorithm::OMA_LI_GD);
        const DnnModel mobilenet = DnnModelZoo::Get("mobilenetv2");
        nomaSplit.SetProfile(NomaSplitProfile::FromDnnModel(mobilenet, 8000));
        nomaSplit.SetDeviceModel(DeviceComputeModel(8, 1e9, 1e-28, 1e9, 1e9));
        NomaSplitProblem tmpl;
        tmpl.edgeFrequencyHz = 20e9;
        tmpl.edgeFlopsPerCycle = 8;
        tmpl.edgeEnergyCoefficient = 1e-30;
        tmpl.weightLatency = 1.0;
        tmpl.weightDeviceEnergy = 0.5;
        tmpl.weightEdgeEnergy = 0.1;
        nomaSplit.SetProblemTemplate(tmpl);
        nomaSplit.SetClientAttribute("NumTasks", UintegerValue(cfg.nomaTasks));
        nomaSplit.SetClientAttribute("TaskTimeout", TimeValue(Seconds(1)));
        const uint32_t payload = 1500 - SplitInferenceHeader::SERIALIZED_SIZE - 28;
        nomaSplit.SetClientAttribute("MaxPayloadBytes", UintegerValue(payload));
        nomaSplit.SetServerAttribute("MaxPayloadBytes", UintegerValue(payload));
        nomaSplit.Install(DynamicCast<NomaNetDevice>(nomaDevs.Get(0)), start);
    }

    Simulator::Stop(stop);
    if (cfg.print) // --traces and --progress for the printed run, not the ablation's
    {
        if (EdgeInferenceTraceHelper::AreTracesRequested())
        {
            slide.EnableTraces();
            dto.EnableTraces();
            if (cfg.nNoma > 0)
            {
                nomaSplit.EnableTraces();
            }
        }
        ExampleCommandLine::PrepareRun();
    }
    Simulator::Run();

    CellResult res;
    std::ostringstream os;
    os << std::fixed;

    // ---- SLIDE table ---------------------------------------------------------------------
    if (cfg.print)
    {
        os << "\nSLIDE with UE early exits (" << (slideOn ? "streaming" : "DAI baseline") << ", "
           << (exitOn ? "exit-aware, theta " : "exit-unaware, theta ") << std::setprecision(2)
           << theta << ", accuracy requirement " << cfg.accuracy
           << "): per task, from the decision\n"
           << "  UE task granted            B MHz  pred ms  meas ms   error  exit  pred kB  "
              "meas kB\n";
    }
    std::vector<double> wire;
    for (uint32_t l = 0; l < alex.GetNLayers(); ++l)
    {
        wire.push_back(LayerHeader::SIZE + static_cast<double>(alex.GetLayerBytes(l)));
    }
    double slidePredBytes = 0;
    double slidePredLatency = 0;
    double slideMeasLatency = 0;
    uint32_t slideDone = 0;
    double slideAccPred = 0;
    double slideAccMeas = 0;
    for (uint32_t i = 0; i < slideClients.GetN(); ++i)
    {
        auto c = DynamicCast<LayerwiseInferenceClient>(slideClients.Get(i));
        for (const auto& r : c->GetTaskRecords())
        {
            ++res.slideTasks;
            res.slideMBytes += r.bytesConsumed / 1e6;
            uint32_t cap = exits.GetNSideExits();
            const auto at = r.grantText.find("@exit");
            if (at != std::string::npos)
            {
                cap = std::stoul(r.grantText.substr(at + 5));
            }
            const double predBytes = r.granted ? exits.ExpectedPrefixSum(wire, theta, cap, 16) : 0;
            const double measS = r.completed ? (r.finishTime - r.decisionTime).GetSeconds() : -1;
            if (r.completed && measS <= cfg.slideDeadlineS * (1 + 1e-9))
            {
                ++res.slideOnTime;
            }
            if (r.completed)
            {
                ++slideDone;
                slidePredBytes += predBytes;
                slidePredLatency += r.predictedLatencyS;
                slideMeasLatency += measS;
                slideAccPred += exits.ExpectedAccuracy(theta, cap);
                slideAccMeas += static_cast<double>(r.correctSamples) / 16.0;
            }
            if (cfg.print)
            {
                const std::string user =
                    "UE " + std::to_string(i) + " task " + std::to_string(r.taskId);
                PredictionLog::Record(
                    "slide+ue-exit",
                    user,
                    "latency",
                    "s",
                    r.granted ? r.predictedLatencyS : std::nan(""),
                    r.completed ? measS : std::nan(""),
                    r.completed ? PredictionLog::Outcome::SERVED
                    : r.granted ? PredictionLog::Outcome::FAILED
                                : PredictionLog::Outcome::UNSERVED,
                    r.completed ? "" : (r.failureReason.empty() ? r.grantText : r.failureReason));
                os << "  " << std::setw(2) << i << std::setw(5) << r.taskId << " " << std::left
                   << std::setw(20) << (r.granted ? r.grantText : "not served") << std::right
                   << std::setprecision(2) << std::setw(6) << r.grantBandwidthHz / 1e6
                   << std::setprecision(1) << std::setw(9) << r.predictedLatencyS * 1e3
                   << std::setw(9) << (measS < 0 ? -1.0 : measS * 1e3) << std::setw(8)
                   << RelErr(r.predictedLatencyS, measS) << std::setw(6) << r.deepestExit
                   << std::setw(9) << predBytes / 1e3 << std::setw(9) << r.bytesConsumed / 1e3
                   << "\n";
            }
        }
    }
    const double nd = std::max<uint32_t>(1, slideDone);
    res.rows.push_back({"slide+ue-exit",
                        "latency ms (cap), kB/task",
                        slidePredLatency / nd * 1e3,
                        slideMeasLatency / nd * 1e3,
                        std::to_string(res.slideOnTime) + "/" + std::to_string(res.slideTasks) +
                            " on time; kB pred " + std::to_string(int(slidePredBytes / nd / 1e3)) +
                            " meas " + std::to_string(int(res.slideMBytes * 1e3 / nd)) +
                            "; accuracy pred " + std::to_string(slideAccPred / nd).substr(0, 5) +
                            " meas " + std::to_string(slideAccMeas / nd).substr(0, 5)});

    // ---- offloading tables ---------------------------------------------------------------
    auto offloadTable = [&](const std::string& name,
                            const ApplicationContainer& clients,
                            const std::vector<OffloadingServerBase::TaskRecord>& tasks,
                            uint32_t& onTime,
                            uint32_t& nTasks,
                            uint32_t& nFailed)
    {
        double pred = 0;
        double meas = 0;
        uint32_t n = 0;
        if (cfg.print)
        {
            os << "\n"
               << name << ": per task, completion from the frame start\n"
               << "  frame  IMSI  B kHz  pred ms  meas ms   error  outcome\n";
        }
        for (const auto& t : tasks)
        {
            const double p = t.isScheduled ? t.predictedCompletionS - t.frameStartS : -1;
            const double m =
                t.isScheduled && t.completionS >= 0 ? t.completionS - t.frameStartS : -1;
            if (p > 0 && m >= 0)
            {
                pred += p;
                meas += m;
                ++n;
            }
            if (cfg.print)
            {
                PredictionLog::Record(name,
                                      "IMSI " + std::to_string(t.imsi) + " frame " +
                                          std::to_string(t.frame),
                                      "completion",
                                      "s",
                                      p > 0 ? p : std::nan(""),
                                      p > 0 && m >= 0 ? m : std::nan(""),
                                      p > 0 && m >= 0 ? PredictionLog::Outcome::SERVED
                                      : t.isScheduled ? PredictionLog::Outcome::FAILED
                                                      : PredictionLog::Outcome::UNSERVED,
                                      p > 0 && m >= 0 ? ""
                                      : t.isScheduled ? "scheduled, not completed"
                                                      : "not scheduled");
            }
            if (cfg.print && t.frame == 0)
            {
                os << "  " << std::setw(5) << t.frame << std::setw(6) << t.imsi
                   << std::setprecision(0) << std::setw(7) << t.bandwidthHz / 1e3
                   << std::setprecision(1) << std::setw(9) << p * 1e3 << std::setw(9) << m * 1e3
                   << std::setw(8) << RelErr(p, m) << "  "
                   << (t.isScheduled ? "scheduled" : "not scheduled") +
                          (t.failureReason.empty() ? "" : ": " + t.failureReason)
                   << "\n";
            }
        }
        uint32_t outcomes[5] = {0, 0, 0, 0, 0};
        for (uint32_t i = 0; i < clients.GetN(); ++i)
        {
            for (const auto& rec : DynamicCast<OffloadingClient>(clients.Get(i))->GetTaskRecords())
            {
                ++nTasks;
                onTime += rec.outcome == OffloadingClient::ON_TIME ? 1 : 0;
                ++outcomes[rec.outcome];
            }
        }
        nFailed = outcomes[OffloadingClient::FAILED] + outcomes[OffloadingClient::PENDING];
        const double k = std::max<uint32_t>(1, n);
        res.rows.push_back({name,
                            "completion ms",
                            pred / k * 1e3,
                            meas / k * 1e3,
                            std::to_string(onTime) + "/" + std::to_string(nTasks) + " on time, " +
                                std::to_string(outcomes[OffloadingClient::LATE]) + " late, " +
                                std::to_string(outcomes[OffloadingClient::NOT_SCHEDULED]) +
                                " not scheduled, " +
                                std::to_string(outcomes[OffloadingClient::FAILED] +
                                               outcomes[OffloadingClient::PENDING]) +
                                " failed"});
    };
    if (batchServer)
    {
        offloadTable(batchOn ? "batching+early-exit" : "batching (off: no batching, no exit)",
                     batchClients,
                     batchServer->GetTaskRecords(),
                     res.batchOnTime,
                     res.batchTasks,
                     res.batchFailed);
    }
    if (plServer)
    {
        offloadTable(plOn ? "partial-loading" : "partial-loading (off: no sharing)",
                     plClients,
                     plServer->GetTaskRecords(),
                     res.plOnTime,
                     res.plTasks,
                     res.plFailed);
        res.rows.back().extra +=
            "; GPU loaded " +
            std::to_string(plServer->GetEdgeServer()->GetLoadedBytes() / 1000000) + " MB";
    }

    // ---- DTO-EE ----------------------------------------------------------------------------
    double netMs = 0;
    double correct = 0;
    for (const auto& c : dtoCol)
    {
        res.dtoResults += c.received;
        netMs += c.netMs;
        correct += c.correct;
    }
    res.dtoNetMs = res.dtoResults ? netMs / res.dtoResults : 0;
    res.dtoAccuracy = res.dtoResults ? correct / res.dtoResults : 0;
    if (cfg.print)
    {
        os << "\nDTO-EE ("
           << ToString(dtoOn ? DtoEeScheme::DTO_EE : DtoEeScheme::UNIFORM_OFFLOADING)
           << ") over 5 edge servers: edge-network latency and accuracy\n"
           << "  predicted " << std::setprecision(1) << dtoPrediction.first.meanDelayS * 1e3
           << " ms, " << std::setprecision(3) << dtoPrediction.first.meanAccuracy << "; measured "
           << std::setprecision(1) << res.dtoNetMs << " ms, " << std::setprecision(3)
           << res.dtoAccuracy << " over " << res.dtoResults << " results; control messages "
           << dto.GetControlMessages() << "\n";
    }
    res.rows.push_back({dtoOn ? "dto-ee" : "dto-ee (off: uniform)",
                        "edge latency ms",
                        dtoPrediction.first.meanDelayS * 1e3,
                        res.dtoNetMs,
                        std::to_string(res.dtoResults) + " results, accuracy " +
                            std::to_string(res.dtoAccuracy).substr(0, 5) + ", " +
                            std::to_string(dto.GetControlMessages()) + " control msgs"});

    // ---- NOMA split inference --------------------------------------------------------------
    if (cfg.nNoma > 0)
    {
        const NomaSplitDecision& d = nomaSplit.GetDecision();
        res.nomaUes = cfg.nNoma;
        const std::vector<NomaSplitFramePrediction> frames =
            nomaSplit.PredictFrameAware(cfg.nomaTasks);
        const uint32_t nLayers = nomaSplit.GetProblem().users.at(0).profile.GetNLayers();
        const std::string name = nomaOn ? "noma-split (li-gd)" : "noma-split (off: oma-li-gd)";
        if (cfg.print)
        {
            os << "\n"
               << name << ": " << cfg.nNoma << " UEs, mobilenetv2 (L = " << nLayers << "), "
               << (nomaOn ? std::to_string(nomaSub) + " x 1 MHz NOMA subchannels (Q = 2)"
                          : std::to_string(2 * nomaSub) + " x 0.5 MHz OMA slots")
               << ", per UE mean over " << cfg.nomaTasks << " closed-loop tasks\n"
               << "  UE dist_m split  p_mW  pred ms  frame ms  meas ms   error  pred mJ  meas mJ"
                  "  ok\n";
            for (const std::string& r : nomaSplit.GetAllocator()->GetRejections())
            {
                os << "  decision rejected: " << r << "\n";
            }
        }
        double predMs = 0;
        double predMj = 0;
        uint32_t measured = 0; // UEs with at least one result
        for (uint32_t u = 0; u < cfg.nNoma; ++u)
        {
            double latS = 0;
            double devJ = 0;
            uint32_t ok = 0;
            const auto& tasks = nomaSplit.GetClient(u)->GetTasks();
            for (const auto& t : tasks)
            {
                if (t.isSuccess)
                {
                    latS += t.GetLatency().GetSeconds();
                    devJ += t.GetDeviceEnergyJ();
                    ++ok;
                }
            }
            res.nomaTasks += cfg.nomaTasks;
            res.nomaOk += ok;
            const bool complete = ok == cfg.nomaTasks;
            latS = ok ? latS / ok : -1;
            devJ = ok ? devJ / ok : -1;
            const uint32_t split = d.configuration.split.at(u);
            res.nomaOffload += split < nLayers ? 1 : 0;
            const double tPred = d.prediction.latencyS.at(u);
            predMs += tPred * 1e3;
            predMj += d.prediction.deviceEnergyJ.at(u) * 1e3;
            if (ok > 0)
            {
                res.nomaFrameErr = std::max(
                    res.nomaFrameErr,
                    std::abs(100.0 * (latS - frames.at(u).latencyS) / frames.at(u).latencyS));
                res.nomaLatencyMs += latS * 1e3;
                res.nomaDeviceMj += devJ * 1e3;
                ++measured;
            }
            if (cfg.print)
            {
                PredictionLog::Record(
                    name,
                    "NOMA UE " + std::to_string(u),
                    "latency",
                    "s",
                    tPred,
                    complete ? latS : std::nan(""),
                    complete ? PredictionLog::Outcome::SERVED : PredictionLog::Outcome::FAILED,
                    complete ? ""
                             : std::to_string(cfg.nomaTasks - ok) + " task(s) without a result");
                os << "  " << std::setw(2) << u << std::setprecision(0) << std::setw(7)
                   << 50.0 + 30.0 * u << std::setw(6) << split << std::setw(6)
                   << d.continuous.uplinkPowerW.at(u) * 1e3 << std::setprecision(1) << std::setw(9)
                   << tPred * 1e3 << std::setw(10) << frames.at(u).latencyS * 1e3 << std::setw(9)
                   << latS * 1e3 << std::setw(8) << RelErr(tPred, latS) << std::setprecision(2)
                   << std::setw(9) << d.prediction.deviceEnergyJ.at(u) * 1e3 << std::setw(9)
                   << devJ * 1e3 << std::setw(4) << ok << "\n";
            }
        }
        predMs /= cfg.nNoma;
        predMj /= cfg.nNoma;
        res.nomaLatencyMs /= std::max<uint32_t>(1, measured);
        res.nomaDeviceMj /= std::max<uint32_t>(1, measured);
        std::ostringstream extra;
        extra << std::fixed << res.nomaOk << "/" << res.nomaTasks << " results, " << res.nomaOffload
              << "/" << cfg.nNoma << " UEs offload; device mJ pred " << std::setprecision(2)
              << predMj << " meas " << res.nomaDeviceMj;
        res.rows.push_back({name, "task latency ms", predMs, res.nomaLatencyMs, extra.str()});
    }
    Simulator::Destroy();
    res.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    if (cfg.print)
    {
        std::cout << os.str();
        std::cout << "\nSummary (one row per technique; predicted and measured means)\n"
                  << std::left << std::setw(38) << "  technique" << std::setw(26) << "metric"
                  << std::right << std::setw(10) << "predicted" << std::setw(10) << "measured"
                  << std::setw(9) << "error"
                  << "  other\n";
        for (const auto& r : res.rows)
        {
            std::cout << "  " << std::left << std::setw(36) << r.name << std::setw(26) << r.metric
                      << std::right << std::fixed << std::setprecision(1) << std::setw(10)
                      << r.predicted << std::setw(10) << r.measured << std::setw(9)
                      << RelErr(r.predicted, r.measured) << "  " << r.extra << "\n";
        }
    }
    return res;
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
    CellConfig cfg;
    std::string disable;
    bool ablation = true;
    bool quick = false;
    ExampleCommandLine cmd(__FILE__);
    cmd.AddValue("disable",
                 "Comma-separated techniques replaced by their baseline: slide, ue-exit, "
                 "batching, partial-loading, dto-ee, noma",
                 disable);
    cmd.AddValue("ablation", "Also print the ablation table (one run per technique)", ablation);
    cmd.AddValue("quick", "Short run (CTest): fewer tasks and frames, 2 s", quick);
    cmd.AddCount("nSlide", "UEs streaming b-alexnet (SLIDE)", cfg.nSlide, 0, 20);
    cmd.AddCount("nBatch", "UEs offloading to the batching server", cfg.nBatch, 0, 20);
    cmd.AddCount("nPl", "UEs offloading to the PartialLoading server", cfg.nPl, 0, 20);
    cmd.AddCount("nDto", "UEs sending tasks to the DTO-EE servers", cfg.nDto, 0, 20);
    cmd.AddCount("nNoma",
                 "UEs doing split inference over the NOMA uplink (own access point and band)",
                 cfg.nNoma,
                 0,
                 20);
    cmd.AddChoice("rbs", "Cell bandwidth, RBs (LTE)", cfg.rbs, LteBandwidthTable());
    cmd.AddName("radio",
                "Radio of the cell: lte, or nr (5G-LENA; the NR cell is set by "
                "--ns3::EdgeNrTopologyHelper::...; the offloading servers' bandwidths become "
                "NrSymbolShareScheduler's UL symbol shares, predicted with NrUlAmc)",
                cfg.radio,
                EdgeRadioNames());
    cmd.AddNumber("nrRateEfficiency",
                  "Extra factor (0,1] on the SLIDE allocator's NR rate model (which already "
                  "counts the headers and the F-slot symbols the TCP ACKs take; 1 = none)",
                  cfg.nrRateEfficiency,
                  ValueRange::LeftOpen(0, 1));
    cmd.AddNumber("threshold",
                  "Exit threshold of the SLIDE UEs' agents",
                  cfg.threshold,
                  ValueRange::NonNegative());
    cmd.AddNumber("accuracy",
                  "Accuracy requirement of the SLIDE UEs (expected, exit-aware)",
                  cfg.accuracy,
                  ValueRange::NonNegative());
    cmd.AddNumber(
        "simTime", "Simulated time after the start, s", cfg.simTimeS, ValueRange::Positive());
    cmd.AddNumber("uploadStartDelay",
                  "UploadStartDelay of the batching and PartialLoading servers, s (expected "
                  "time from a decision to the start of the uploads), in [0, 1]",
                  cfg.uploadStartDelayS,
                  ValueRange::Closed(0, 1));
    cmd.AddNumber("reservedDl",
                  "Downlink fraction kept from the SLIDE allocator for the other UEs",
                  cfg.reservedDl,
                  ValueRange::NonNegative());
    cmd.AddNumber("reservedUl",
                  "Uplink fraction kept from the offloading allocators for the other UEs",
                  cfg.reservedUl,
                  ValueRange::NonNegative());
    cmd.Parse(argc, argv);
    for (const std::string& t :
         disable.empty() ? std::vector<std::string>{} : SplitCommaList(disable))
    {
        if (std::find(TECHNIQUES.begin(), TECHNIQUES.end(), t) == TECHNIQUES.end())
        {
            cmd.Fail("disable", t, "slide, ue-exit, batching, partial-loading, dto-ee or noma");
        }
        cfg.off.insert(t);
    }
    if (cfg.threshold > 1)
    {
        cmd.Fail("threshold", std::to_string(cfg.threshold), "a threshold in [0, 1]");
    }
    if (cfg.accuracy > 1)
    {
        cmd.Fail("accuracy", std::to_string(cfg.accuracy), "an accuracy in [0, 1]");
    }
    if (cfg.reservedDl >= 1 || cfg.reservedUl >= 1)
    {
        cmd.Fail("reservedDl/reservedUl", "", "fractions in [0, 1)");
    }
    CheckEdgeRadio(cfg.radio);
    if (quick)
    {
        cfg.slideTasks = 2;
        cfg.frames = 2;
        cfg.simTimeS = 2.0;
        cfg.nomaTasks = 4;
    }

    std::cout << "edge-ai-cell: one "
              << (cfg.radio == "nr" ? std::string("NR cell (EdgeNrTopologyHelper)")
                                    : "LTE cell (" + std::to_string(cfg.rbs) + " RB)")
              << ", " << cfg.nSlide << " SLIDE UEs, " << cfg.nBatch << " batching UEs, " << cfg.nPl
              << " PartialLoading UEs, " << cfg.nDto << " DTO-EE UEs; " << cfg.nNoma
              << " NOMA split-inference UEs on their own access point; disabled: "
              << (disable.empty() ? "none" : disable) << "\n";
    const CellResult all = RunCell(cfg);

    if (ablation)
    {
        std::cout << "\nAblation (each technique replaced by its baseline, the others on)\n"
                  << std::left << std::setw(20) << "  disabled" << std::right << std::setw(12)
                  << "SLIDE ok" << std::setw(10) << "SLIDE MB" << std::setw(12) << "batch ok"
                  << std::setw(10) << "PL ok" << std::setw(12) << "DTO ms" << std::setw(10)
                  << "DTO acc" << std::setw(10) << "NOMA ms" << std::setw(10) << "NOMA mJ"
                  << std::setw(10) << "NOMA offl"
                  << "\n";
        auto row = [](const std::string& name, const CellResult& r)
        {
            std::cout << "  " << std::left << std::setw(18) << name << std::right << std::setw(12)
                      << (std::to_string(r.slideOnTime) + "/" + std::to_string(r.slideTasks))
                      << std::setw(10) << std::setprecision(2) << r.slideMBytes << std::setw(12)
                      << (std::to_string(r.batchOnTime) + "/" + std::to_string(r.batchTasks))
                      << std::setw(10)
                      << (std::to_string(r.plOnTime) + "/" + std::to_string(r.plTasks))
                      << std::setw(12) << std::setprecision(1) << r.dtoNetMs << std::setw(10)
                      << std::setprecision(3) << r.dtoAccuracy << std::setw(10)
                      << std::setprecision(1) << r.nomaLatencyMs << std::setw(10)
                      << std::setprecision(2) << r.nomaDeviceMj << std::setw(10)
                      << (std::to_string(r.nomaOffload) + "/" + std::to_string(r.nomaUes)) << "\n";
            std::cout.flush(); // each row as soon as it is measured (utils/check-ablation.py)
        };
        row(disable.empty() ? "none" : disable, all);
        for (const std::string& t : TECHNIQUES)
        {
            if (cfg.off.count(t))
            {
                continue;
            }
            CellConfig c = cfg;
            c.off.insert(t);
            c.print = false;
            row(t, RunCell(c));
        }
    }
    std::cout << "edge-ai-cell: " << all.slideTasks << " SLIDE tasks (" << all.slideOnTime
              << " on time), " << all.batchTasks << " batching tasks (" << all.batchOnTime
              << " on time, " << all.batchFailed << " failed), " << all.plTasks
              << " PartialLoading tasks (" << all.plOnTime << " on time, " << all.plFailed
              << " failed), " << all.dtoResults << " DTO-EE results, " << all.nomaOk << "/"
              << all.nomaTasks << " NOMA split-inference results (" << all.nomaOffload
              << " UEs offload; measured vs frame-aware prediction: largest |error| "
              << std::setprecision(1) << all.nomaFrameErr << "%)\n";
    return 0;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
