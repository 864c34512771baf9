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

/// One user of the scenario.
struct UserSpec
{
    double distanceM{100};    ///< Distance from the eNB, m
    std::string task;         ///< Requested task
    uint32_t samples{16};     ///< Samples per task
    double flopsPerCycle{64}; ///< Device FLOP/cycle
    double deadlineS{1};      ///< Deadline from the decision, s (before scaling)
    double energyBudgetJ{1};  ///< Compute energy budget, J
};

/// Parameters of one run.
struct RunConfig
{
    std::vector<UserSpec> users;                             ///< The users
    uint32_t rbs{25};                                        ///< DL/UL bandwidth, RB
    double deadlineScale{1};                                 ///< Factor on every deadline
    SlideAlgorithm algorithm{SlideAlgorithm::SLIDE_OPTIMAL}; ///< Allocator
    std::string rateModel{"LteAmc"};                         ///< LteAmc or Shannon
    double rateEfficiency{1};                                ///< RateEfficiency attribute
    bool withManager{true};                 ///< false: plain streaming of fixedVariants (benchmark)
    std::vector<std::string> fixedVariants; ///< Without manager: variant per user ("" none)
    /// Without manager: from 0.56 s give the UEs with a variant equal FFR shares
    bool plainShares{false};
    uint32_t run{1}; ///< RngRun
};

/// What one run produced for one user.
struct UserOutcome
{
    int cqi{-1};            ///< Reported CQI at the decision
    bool admitted{false};   ///< Granted
    std::string text;       ///< Variant or reject reason
    double frequencyHz{0};  ///< Granted frequency
    double bandwidthHz{0};  ///< Granted bandwidth
    double predictedS{0};   ///< Allocator's prediction from the decision
    double measuredS{-1};   ///< Completion minus decision time (-1: not completed)
    double deadlineS{0};    ///< The user's deadline
    bool onTime{false};     ///< Completed within the deadline (measured)
    double modelRateBps{0}; ///< Allocator's rate model at the granted bandwidth
    double goodputBps{0};   ///< Measured: stream bytes / (last byte - first byte)
    double tbsRateBps{0};   ///< LTE-AMC (TBS) rate at the granted bandwidth
};

/// What one run produced.
struct RunOutcome
{
    std::vector<UserOutcome> users; ///< Per user
    uint32_t admitted{0};           ///< Users granted
    uint32_t onTime{0};             ///< Users completing within their deadline
    double solveSeconds{0};         ///< Allocator wall time inside the simulation
    double wallSeconds{0};          ///< Wall time of the whole run
    double simSeconds{0};           ///< Simulated time of the run
    uint64_t bytesDelivered{0};     ///< Stream bytes received by the clients
};

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

/// Tasks and the variants that meet them.
std::map<std::string, std::vector<std::string>>
Tasks()
{
    return {{"cifar", {"b-alexnet-fp32", "b-alexnet-fp16", "b-alexnet-int8"}},
            {"imagenet", {"mobilenetv2-int8", "mobilenetv2-int4"}}};
}

/**
 * Build and run one LTE scenario.
 * @param [in] cfg the configuration
 * @return the outcome
 */
RunOutcome
Run(const RunConfig& cfg)
{
    const auto wall0 = std::chrono::steady_clock::now();
    RngSeedManager::SetRun(cfg.run);
    const auto nUes = static_cast<uint32_t>(cfg.users.size());
    std::vector<double> distances;
    for (const auto& u : cfg.users)
    {
        distances.push_back(u.distanceM);
    }
    EdgeLteGeometry geometry;
    geometry.enbHeightM = 30;
    geometry.ueHeightM = 1.5;
    geometry.coreDelay = MilliSeconds(5);
    const EdgeLteTopology topo = BuildEdgeLteTopology(
        cfg.rbs,
        distances,
        [](Ptr<LteHelper> lte)
        {
            lte->SetSchedulerType("ns3::PfFfMacScheduler");
            lte->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
        },
        geometry);
    const NodeContainer& remote = topo.remote;
    const NodeContainer& ues = topo.ues;
    const NetDeviceContainer& enbDev = topo.enbDevices;
    const NetDeviceContainer& ueDev = topo.ueDevices;
    // fixed LTE random streams: the runs of one process (allocators, baselines, plain PF)
    // are compared on the same HARQ and random-access draws
    topo.lte->AssignStreams(NetDeviceContainer(enbDev, ueDev), 100000);

    double maxDeadline = 0;
    for (const auto& u : cfg.users)
    {
        maxDeadline = std::max(maxDeadline, u.deadlineS * cfg.deadlineScale);
    }
    const Time timeout = Seconds(0.5 + 3 * maxDeadline);
    const Time start = Seconds(0.5); // after attachment and the first CQI reports

    ApplicationContainer clients;
    Ptr<SlideResourceManager> manager;
    if (cfg.withManager)
    {
        SlideHelper slide;
        slide.SetResourceManagerAttribute("Algorithm", EnumValue(static_cast<int>(cfg.algorithm)));
        slide.SetResourceManagerAttribute("RateModel", StringValue(cfg.rateModel));
        slide.SetResourceManagerAttribute("RateEfficiency", DoubleValue(cfg.rateEfficiency));
        slide.SetClientAttribute("TaskTimeout", TimeValue(timeout));
        for (const auto& m : Variants())
        {
            slide.AddModel(m);
        }
        for (const auto& t : Tasks())
        {
            slide.AddTask(t.first, t.second);
        }
        manager = slide.InstallResourceManager(enbDev.Get(0));
        slide.InstallServer(remote.Get(0)).Start(Seconds(0));
        for (uint32_t i = 0; i < nUes; ++i)
        {
            const UserSpec& u = cfg.users[i];
            SlideUserProfile p;
            p.samples = u.samples;
            p.device =
                DeviceComputeModel(u.flopsPerCycle, DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ);
            p.deadlineS = u.deadlineS * cfg.deadlineScale;
            p.energyBudgetJ = u.energyBudgetJ;
            ApplicationContainer c =
                slide.InstallClient(ues.Get(i), ueDev.Get(i), topo.serverAddress, u.task, p);
            c.Start(start + MilliSeconds(i)); // requests within one admission window
            clients.Add(c);
        }
        slide.AssignStreams(ues, 1000);
    }
    else
    {
        EdgeInferenceHelper helper;
        for (const auto& m : Variants())
        {
            helper.AddModel(m);
        }
        helper.SetClientAttribute("TaskTimeout", TimeValue(timeout));
        helper.InstallServer(remote.Get(0)).Start(Seconds(0));
        for (uint32_t i = 0; i < nUes; ++i)
        {
            if (cfg.fixedVariants.at(i).empty())
            {
                continue;
            }
            helper.SetClientAttribute("Samples", UintegerValue(cfg.users[i].samples));
            helper.SetClientAttribute("FlopsPerCycle", DoubleValue(cfg.users[i].flopsPerCycle));
            ApplicationContainer c =
                helper.InstallClient(ues.Get(i), topo.serverAddress, cfg.fixedVariants[i]);
            c.Start(start + MilliSeconds(i));
            clients.Add(c);
        }
        helper.AssignStreams(ues, 1000);
        if (cfg.plainShares)
        {
            // the MAC-side cost of shares without the allocator: equal DL shares from about
            // the time the allocator would decide
            Ptr<BandwidthShareFfrAlgorithm> ffr =
                BandwidthShareFfrAlgorithm::GetFromEnbDevice(enbDev.Get(0));
            std::vector<uint64_t> imsis;
            for (uint32_t i = 0; i < nUes; ++i)
            {
                if (!cfg.fixedVariants[i].empty())
                {
                    imsis.push_back(DynamicCast<LteUeNetDevice>(ueDev.Get(i))->GetImsi());
                }
            }
            Simulator::Schedule(start + MilliSeconds(60),
                                [ffr, imsis]()
                                {
                                    for (auto imsi : imsis)
                                    {
                                        ffr->SetDlShareByImsi(imsi, (1.0 - 1e-6) / imsis.size());
                                    }
                                });
        }
    }

    // stop once every client is done (LTE never runs out of events)
    std::function<void()> check;
    check = [&clients, &check]()
    {
        for (uint32_t i = 0; i < clients.GetN(); ++i)
        {
            const auto& recs =
                DynamicCast<LayerwiseInferenceClient>(clients.Get(i))->GetTaskRecords();
            if (recs.empty() || (!recs.back().completed && !recs.back().failed))
            {
                Simulator::Schedule(MilliSeconds(50), check);
                return;
            }
        }
        Simulator::Stop();
    };
    Simulator::Schedule(start + MilliSeconds(100), check);
    Simulator::Stop(start + timeout + Seconds(1));
    Simulator::Run();

    RunOutcome out;
    out.simSeconds = Simulator::Now().GetSeconds();
    out.users.resize(nUes);
    uint32_t ci = 0;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        UserOutcome& o = out.users[i];
        o.deadlineS = cfg.users[i].deadlineS * cfg.deadlineScale;
        if (!cfg.withManager && cfg.fixedVariants[i].empty())
        {
            continue;
        }
        const auto& recs =
            DynamicCast<LayerwiseInferenceClient>(clients.Get(ci++))->GetTaskRecords();
        if (recs.empty())
        {
            continue;
        }
        const auto& r = recs.front();
        out.bytesDelivered += r.bytesReceived;
        o.admitted = cfg.withManager ? r.granted : true;
        o.text = !cfg.withManager            ? cfg.fixedVariants[i]
                 : (r.granted || r.rejected) ? r.grantText
                                             : "no grant: " + r.failureReason;
        if (r.completed && r.layerArrival.back() > r.firstByteTime)
        {
            o.goodputBps =
                8.0 * r.bytesReceived / (r.layerArrival.back() - r.firstByteTime).GetSeconds();
        }
        o.frequencyHz = r.grantFrequencyHz;
        o.bandwidthHz = r.grantBandwidthHz;
        o.predictedS = r.predictedLatencyS;
        if (r.completed)
        {
            const Time origin = cfg.withManager ? r.decisionTime : r.requestTime;
            o.measuredS = (r.finishTime - origin).GetSeconds();
            // SLIDE_TOLERANCE-like slack for the time resolution of the simulator
            o.onTime = o.measuredS <= o.deadlineS + 1e-9;
        }
        out.admitted += o.admitted ? 1 : 0;
        out.onTime += o.onTime ? 1 : 0;
    }
    if (manager)
    {
        out.solveSeconds = manager->GetTotalSolveSeconds();
        if (!manager->GetRounds().empty())
        {
            const auto& round = manager->GetRounds().front();
            for (size_t k = 0; k < round.imsis.size(); ++k)
            {
                // IMSIs are assigned 1..K in installation order
                const auto user = static_cast<uint32_t>(round.imsis[k] - 1);
                if (user < nUes)
                {
                    out.users[user].cqi = round.cqi[k];
                    out.users[user].modelRateBps = round.decision.prediction.users[k].rateBps;
                    if (round.cqi[k] >= 0)
                    {
                        LteAmcRateModel tbs({round.cqi[k]}, cfg.rbs);
                        out.users[user].tbsRateBps =
                            tbs.Rate(0, round.decision.users[k].bandwidthHz);
                    }
                }
            }
        }
    }
    Simulator::Destroy();
    out.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    return out;
}

/**
 * Parse a comma-separated list of numbers.
 * @param [in] text the list
 * @param [in] what option name for the error message
 * @param [out] out the numbers
 * @return false (with a message on stderr) if an entry is not a number > 0
 */
bool
ParseList(const std::string& text, const std::string& what, std::vector<double>& out)
{
    out.clear();
    std::istringstream is(text);
    std::string tok;
    while (std::getline(is, tok, ','))
    {
        std::istringstream ts(tok);
        double v = 0;
        if (!(ts >> v) || !(v > 0))
        {
            std::cerr << "error: --" << what << " entry '" << tok << "' is not a number > 0"
                      << std::endl;
            return false;
        }
        out.push_back(v);
    }
    if (out.empty())
    {
        std::cerr << "error: --" << what << " is empty" << std::endl;
        return false;
    }
    return true;
}

/// Algorithms by command-line name.
const std::vector<std::pair<std::string, SlideAlgorithm>> ALGORITHMS = {
    {"slide", SlideAlgorithm::SLIDE_OPTIMAL},
    {"dai", SlideAlgorithm::DAI_OPTIMAL},
    {"equal", SlideAlgorithm::EQUAL_BANDWIDTH},
    {"random", SlideAlgorithm::RANDOM_MODEL},
};

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nUes = 6;
    std::string distances = "100,250,400,550,700,850";
    std::string rateModel = "lte-amc";
    std::string rbsList = "15,25";
    std::string scaleList = "0.75,1";
    std::string algorithms = "slide,dai,equal,random";
    uint32_t rbs = 25;
    double rateEfficiency = 0.85;
    bool full = false;
    bool benchmark = false;
    std::string benchmarkUes = "5,10";
    uint32_t run = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("nUes", "Number of UEs", nUes);
    cmd.AddValue("distances", "UE distances from the eNB in m (cycled)", distances);
    cmd.AddValue("rateModel", "Allocator rate model: lte-amc or shannon", rateModel);
    cmd.AddValue("rbs", "Bandwidth (RB) of the per-user table", rbs);
    cmd.AddValue("rbsList", "Bandwidths (RB) of the throughput sweep", rbsList);
    cmd.AddValue("deadlineScales", "Deadline factors of the throughput sweep", scaleList);
    cmd.AddValue("algorithms", "Algorithms of the sweep (slide,dai,equal,random)", algorithms);
    cmd.AddValue("rateEfficiency", "Factor (0,1] on the allocator's rate model", rateEfficiency);
    cmd.AddValue("full", "Larger sweep; write slide-lte.csv and gnuplot files", full);
    cmd.AddValue("benchmark", "Allocator solve time and simulation overhead", benchmark);
    cmd.AddValue("benchmarkUes", "UE counts of the benchmark", benchmarkUes);
    cmd.AddValue("run", "RngRun", run);
    cmd.Parse(argc, argv);

    if (nUes == 0)
    {
        std::cerr << "error: --nUes must be >= 1 (got 0)" << std::endl;
        return 1;
    }
    if (rateModel != "lte-amc" && rateModel != "shannon")
    {
        std::cerr << "error: --rateModel must be lte-amc or shannon (got '" << rateModel << "')"
                  << std::endl;
        return 1;
    }
    if (!(rateEfficiency > 0 && rateEfficiency <= 1))
    {
        std::cerr << "error: --rateEfficiency must be in (0, 1] (got " << rateEfficiency << ")"
                  << std::endl;
        return 1;
    }
    std::vector<double> dist;
    std::vector<double> rbsSweep;
    std::vector<double> scales;
    std::vector<double> benchUes;
    if (!ParseList(distances, "distances", dist) || !ParseList(rbsList, "rbsList", rbsSweep) ||
        !ParseList(scaleList, "deadlineScales", scales) ||
        !ParseList(benchmarkUes, "benchmarkUes", benchUes))
    {
        return 1;
    }
    if (!IsLteBandwidth(rbs))
    {
        std::cerr << "error: --rbs must be 6, 15, 25, 50, 75 or 100 (got " << rbs << ")"
                  << std::endl;
        return 1;
    }
    for (double r : rbsSweep)
    {
        if (r != std::floor(r) || r < 0 || !IsLteBandwidth(static_cast<uint32_t>(r)))
        {
            std::cerr << "error: --rbsList entry " << r << " is not 6, 15, 25, 50, 75 or 100"
                      << std::endl;
            return 1;
        }
    }
    std::vector<std::pair<std::string, SlideAlgorithm>> algos;
    {
        std::istringstream is(algorithms);
        std::string tok;
        while (std::getline(is, tok, ','))
        {
            bool found = false;
            for (const auto& a : ALGORITHMS)
            {
                if (a.first == tok)
                {
                    algos.push_back(a);
                    found = true;
                }
            }
            if (!found)
            {
                std::cerr << "error: --algorithms entry '" << tok
                          << "' is not one of slide, dai, equal, random" << std::endl;
                return 1;
            }
        }
    }
    if (full)
    {
        rbsSweep = {6, 15, 25, 50};
        scales = {0.5, 0.75, 1, 1.5, 2};
        algos = ALGORITHMS;
    }

    // TCP with full-size segments over RLC AM; ideal RRC; CQI from the whole band
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1400));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(1 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(1 << 20));
    Config::SetDefault("ns3::LteEnbRrc::EpsBearerToRlcMapping",
                       EnumValue(LteEnbRrc::RLC_AM_ALWAYS));
    Config::SetDefault("ns3::LteRlcAm::MaxTxBufferSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::LteHelper::UseIdealRrc", BooleanValue(true));
    Config::SetDefault("ns3::LteHelper::UsePdschForCqiGeneration", BooleanValue(false));
    Config::SetDefault("ns3::LteEnbPhy::TxPower", DoubleValue(43));

    // heterogeneous users: tasks, samples, devices, deadlines and budgets cycle
    const std::vector<std::string> tasks = {"cifar", "imagenet"};
    const std::vector<uint32_t> cifarSamples = {256, 128};
    const std::vector<uint32_t> imagenetSamples = {16, 8};
    const std::vector<double> flopsPerCycle = {32, 64, 16};
    const std::vector<double> deadlines = {1.0, 2.0, 1.5, 2.5, 1.2};
    const std::vector<double> budgets = {0.5, 2.0, 1.0};
    auto makeUsers = [&](uint32_t n)
    {
        std::vector<UserSpec> users;
        for (uint32_t i = 0; i < n; ++i)
        {
            UserSpec u;
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

    RunConfig base;
    base.users = makeUsers(nUes);
    base.rbs = rbs;
    base.rateModel = rateModel == "shannon" ? "Shannon" : "LteAmc";
    base.rateEfficiency = rateEfficiency;
    base.run = run;

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
        for (double n : benchUes)
        {
            RunConfig cfg = base;
            cfg.users = makeUsers(static_cast<uint32_t>(n));
            const RunOutcome with = Run(cfg);
            RunConfig plain = cfg;
            plain.withManager = false;
            for (const auto& u : with.users)
            {
                plain.fixedVariants.push_back(u.admitted ? u.text : "");
            }
            const RunOutcome without = Run(plain);
            RunConfig shared = plain;
            shared.plainShares = true;
            const RunOutcome sharedOut = Run(shared);
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
    const RunOutcome detail = Run(base);
    std::cout << "SLIDE over LTE: " << nUes << " UEs, " << rbs << " RBs, rate model "
              << base.rateModel << (rateEfficiency < 1 ? " (scaled)" : "") << "\n\n"
              << std::setw(3) << "UE" << std::setw(7) << "dist_m" << std::setw(9) << "task"
              << std::setw(5) << "CQI" << std::setw(8) << "T_s" << std::setw(18) << "variant"
              << std::setw(8) << "f_MHz" << std::setw(8) << "B_MHz" << std::setw(9) << "pred_s"
              << std::setw(9) << "meas_s" << std::setw(8) << "err%" << std::setw(8) << "ontime"
              << std::setw(7) << "r_pred" << std::setw(7) << "r_tbs" << std::setw(7) << "r_meas"
              << "\n";
    double maxErr = 0;
    uint32_t nErr = 0;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        const auto& u = base.users[i];
        const auto& o = detail.users[i];
        std::cout << std::setw(3) << i << std::setw(7) << std::fixed << std::setprecision(0)
                  << u.distanceM << std::setw(9) << u.task << std::setw(5) << o.cqi
                  << std::setprecision(2) << std::setw(8) << o.deadlineS;
        if (!o.admitted)
        {
            std::cout << "  rejected: " << o.text << "\n";
            continue;
        }
        std::cout << std::setw(18) << o.text << std::setprecision(1) << std::setw(8)
                  << o.frequencyHz / 1e6 << std::setprecision(3) << std::setw(8)
                  << o.bandwidthHz / 1e6 << std::setw(9) << o.predictedS;
        if (o.measuredS < 0)
        {
            std::cout << "   failed\n";
            continue;
        }
        const double err = (o.measuredS - o.predictedS) / o.predictedS;
        maxErr = std::max(maxErr, std::abs(err));
        ++nErr;
        std::cout << std::setw(9) << o.measuredS << std::setprecision(2) << std::setw(8)
                  << 100 * err << std::setw(8) << (o.onTime ? "yes" : "NO") << std::setw(7)
                  << o.modelRateBps / 1e6 << std::setw(7) << o.tbsRateBps / 1e6 << std::setw(7)
                  << o.goodputBps / 1e6 << "\n";
    }
    std::cout << "\nSLIDE admitted " << detail.admitted << "/" << nUes << ", on time "
              << detail.onTime << "/" << nUes
              << "; largest |relative error| of the prediction: " << std::setprecision(2)
              << 100 * maxErr << "% over " << nErr << " users\n";
    std::cout
        << "pred_s: allocator's prediction (SLIDE recursion at the rate model's rate for "
           "B) from the decision; meas_s: last layer computed minus decision time, "
           "packet level (TCP, RLC AM, HARQ, headers); err% = (meas - pred) / pred; r_pred: the "
           "rate model at B (Mbit/s); r_meas: measured stream goodput, first to last byte "
           "(Mbit/s). r_meas / r_pred < 1 is the packet path (HARQ, headers, TCP), the "
           "rest of err% the rate model's view of the channel.\n\n";

    // 2. throughput sweeps
    std::ofstream csv;
    if (full)
    {
        csv.open("slide-lte.csv");
        csv << "algorithm,rbs,deadline_scale,admitted,on_time\n";
    }
    std::map<std::string, Gnuplot2dDataset> vsRbs;
    std::map<std::string, Gnuplot2dDataset> vsDeadline;
    for (const auto& a : algos)
    {
        vsRbs[a.first] = Gnuplot2dDataset(a.first);
        vsRbs[a.first].SetStyle(Gnuplot2dDataset::LINES_POINTS);
        vsDeadline[a.first] = Gnuplot2dDataset(a.first);
        vsDeadline[a.first].SetStyle(Gnuplot2dDataset::LINES_POINTS);
    }
    auto sweepRow = [&](const std::string& label)
    {
        std::cout << std::setw(16) << label;
        for (const auto& a : algos)
        {
            std::cout << std::setw(14) << a.first;
        }
        std::cout << "\n";
    };
    auto runCell = [&](const std::pair<std::string, SlideAlgorithm>& a, uint32_t r, double scale)
    {
        RunConfig cfg = base;
        cfg.algorithm = a.second;
        cfg.rbs = r;
        cfg.deadlineScale = scale;
        const RunOutcome o = Run(cfg);
        if (full)
        {
            csv << a.first << "," << r << "," << scale << "," << o.admitted << "," << o.onTime
                << "\n";
        }
        std::ostringstream cell;
        cell << o.onTime << " (" << o.admitted << ")";
        std::cout << std::setw(14) << cell.str();
        return o;
    };
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
        for (const auto& a : algos)
        {
            const RunOutcome o = runCell(a, static_cast<uint32_t>(r), 1.0);
            vsRbs[a.first].Add(r, o.onTime);
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
        for (const auto& a : algos)
        {
            const RunOutcome o = runCell(a, rbs, s);
            vsDeadline[a.first].Add(s, o.onTime);
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
        for (const auto& a : algos)
        {
            p1.AddDataset(vsRbs[a.first]);
            p2.AddDataset(vsDeadline[a.first]);
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
