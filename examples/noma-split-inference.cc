/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Split inference over NOMA (Paper 4, Yuan et al., arXiv 2312.15850 [R]): Li-GD and
 * the baselines decide split points, subchannels, powers and edge shares; the decision runs
 * over the NOMA PHY/MAC with SplitInferenceClient / SplitInferenceServer and the measured
 * latency and energy are compared with the solver's prediction.
 *
 * One base station, nUes UEs at the given distances (path loss 128.1 + 37.6 log10(d/km) dB),
 * N_s = nUes / 2 subchannels of 1 MHz (Q = 2), 1 ms frames, p^max = 0.2 W, P^AP = 10 W. The
 * OMA baseline runs on N_s Q subchannels of 0.5 MHz (its slots). Every user runs `tasks`
 * closed-loop inferences of a zoo model, sent in datagrams that fill the device MTU. Columns per
 * user: split point, UL/DL subchannel, p_i, P_i, f_i^e; latency predicted by the solver (Shannon
 * rates), predicted frame-aware (the helper's replay of frames and TBs) and measured, with the
 * relative error of the measurement against the solver; device and edge energy predicted vs
 * measured.
 *
 *     ./noma-split-inference                 # the table (default 4 UEs)
 *     ./noma-split-inference --full          # + Pareto sweep of w_T vs w_E (CSV + gnuplot)
 *
 * The decision of each scenario comes from a NomaSplitAllocator installed through the helper
 * (NomaSplitSolverAllocator with the algorithm's name). Round trip through any external
 * solver ("%a" = algorithm name, "%r" = round index):
 *
 *     ./noma-split-inference --algorithms=li-gd --writeInstances=inst-%a-%r.json
 *     edge-inference-solve --input=inst-li-gd-0.json --output=dec-li-gd-0.json
 *     ./noma-split-inference --algorithms=li-gd --decisionFiles=dec-%a-%r.json
 */

#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

NS_LOG_COMPONENT_DEFINE("NomaSplitInferenceExample");

namespace
{

/// Parameters of the scenario.
struct Params
{
    std::vector<double> distances{50, 100, 200, 300}; ///< UE distances, m
    std::string model{"mobilenetv2"};                 ///< Zoo model
    double deviceFlopsPerCycle{8};                    ///< n_d, FLOP/cycle
    double deviceHz{1e9};                             ///< f_d, Hz
    double kappaDevice{1e-28};                        ///< kappa_d
    double edgeHz{20e9};                              ///< F^e, Hz
    double edgeFlopsPerCycle{8};                      ///< n_e, FLOP/cycle
    double kappaEdge{1e-30};                          ///< kappa_e
    double resultBits{8000};                          ///< o_res, bit
    double weightLatency{1.0};                        ///< w_T
    double weightDevice{0.5};                         ///< w_d
    double weightEdge{0.1};                           ///< w_e
    uint32_t tasks{2};                                ///< Tasks per user
    double frameMs{1.0};                              ///< Frame duration, ms
    uint32_t mtu{1500};                               ///< Device MTU, bytes
    std::string writeInstances;                       ///< Instance file pattern ("" = off)
    std::string decisionFiles;                        ///< Decision file pattern ("" = off)
};

/// Outcome of one algorithm.
struct Outcome
{
    NomaSplitProblem problem;                     ///< Problem
    NomaSplitDecision decision;                   ///< Decision
    std::vector<NomaSplitFramePrediction> frames; ///< Frame-aware prediction
    std::vector<double> latencyS;                 ///< Measured mean latency per user
    std::vector<double> deviceJ;                  ///< Measured mean device energy per user
    std::vector<double> edgeJ;                    ///< Measured mean edge energy per user
    std::vector<uint32_t> failed;                 ///< Failed tasks per user
    double measuredObjective{0};                  ///< J from the measurements
    std::vector<std::string> rejections;          ///< Rejected decisions
};

/**
 * Replace "%a" by the algorithm name ("%r" is left to the allocator).
 * @param [in] pattern a file name pattern
 * @param [in] name algorithm name
 * @return the pattern for this algorithm
 */
std::string
ForAlgorithm(const std::string& pattern, const std::string& name)
{
    std::string out = pattern;
    for (std::size_t k = out.find("%a"); k != std::string::npos; k = out.find("%a", k))
    {
        out.replace(k, 2, name);
        k += name.size();
    }
    return out;
}

/// Tasks still running (the simulation stops when none is left).
uint32_t g_open{0};

/**
 * A task ended.
 * @param [in] id task
 * @param [in] t duration
 */
void
TaskEnded(uint32_t id, Time t)
{
    if (--g_open == 0)
    {
        Simulator::Stop();
    }
}

/**
 * Simulate one algorithm.
 * @param [in] prm parameters
 * @param [in] algorithm algorithm
 * @return the outcome
 */
Outcome
Run(const Params& prm, NomaSplitAlgorithm algorithm)
{
    Outcome out;
    const uint32_t n = prm.distances.size();
    const bool isOma = algorithm == NomaSplitAlgorithm::OMA_LI_GD;
    const uint32_t nSub = (n + 1) / 2;
    NodeContainer bsNode;
    bsNode.Create(1);
    NodeContainer ueNodes;
    ueNodes.Create(n);
    MobilityHelper mobility;
    Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
    pos->Add(Vector(0, 0, 0));
    for (uint32_t u = 0; u < n; ++u)
    {
        const double angle = 2 * M_PI * u / n;
        pos->Add(Vector(prm.distances[u] * std::cos(angle), prm.distances[u] * std::sin(angle), 0));
    }
    mobility.SetPositionAllocator(pos);
    mobility.Install(bsNode);
    mobility.Install(ueNodes);
    NomaHelper noma; // default path loss: 128.1 + 37.6 log10(d/km) dB
    noma.SetNumSubchannels(isOma ? 2 * nSub : nSub);
    noma.SetSubchannelBandwidth(isOma ? 0.5e6 : 1e6);
    noma.SetPairing(2, 0.0);
    noma.SetMacAttribute("BsTxPower", DoubleValue(10.0));
    noma.SetMacAttribute("UeTxPower", DoubleValue(0.2));
    noma.SetDeviceAttribute("FrameDuration", TimeValue(MilliSeconds(1) * prm.frameMs));
    noma.SetDeviceAttribute("MaxQueuePackets", UintegerValue(100000));
    noma.SetDeviceAttribute("Mtu", UintegerValue(prm.mtu));
    NetDeviceContainer devs = noma.Install(bsNode.Get(0), ueNodes);
    noma.AssignStreams(devs, 1);
    InternetStackHelper internet;
    internet.Install(bsNode);
    internet.Install(ueNodes);
    Ipv4AddressHelper ip;
    ip.SetBase("10.1.0.0", "255.255.0.0");
    ip.Assign(devs);

    NomaSplitInferenceHelper helper;
    const std::string name = ToString(algorithm);
    if (prm.decisionFiles.empty())
    {
        helper.SetAllocatorType("ns3::NomaSplitSolverAllocator");
        helper.SetAllocatorAttribute("Algorithm", EnumValue(static_cast<int>(algorithm)));
    }
    else
    {
        // the scenario of this algorithm (NOMA or OMA cell), the decision of a file
        helper.SetAllocatorType("ns3::NomaSplitDecisionFileAllocator");
        helper.SetAllocatorAttribute("FileName",
                                     StringValue(ForAlgorithm(prm.decisionFiles, name)));
        helper.SetAccess(isOma ? NomaSplitAccess::OMA : NomaSplitAccess::NOMA);
    }
    if (!prm.writeInstances.empty())
    {
        helper.SetAllocatorAttribute("InstanceFileName",
                                     StringValue(ForAlgorithm(prm.writeInstances, name)));
    }
    helper.SetProfile(NomaSplitProfile::FromDnnModel(DnnModelZoo::Get(prm.model), prm.resultBits));
    helper.SetDeviceModel(DeviceComputeModel(
        prm.deviceFlopsPerCycle, prm.deviceHz, prm.kappaDevice, prm.deviceHz, prm.deviceHz));
    NomaSplitProblem tmpl;
    tmpl.edgeFrequencyHz = prm.edgeHz;
    tmpl.edgeFlopsPerCycle = prm.edgeFlopsPerCycle;
    tmpl.edgeEnergyCoefficient = prm.kappaEdge;
    tmpl.weightLatency = prm.weightLatency;
    tmpl.weightDeviceEnergy = prm.weightDevice;
    tmpl.weightEdgeEnergy = prm.weightEdge;
    helper.SetProblemTemplate(tmpl);
    helper.SetClientAttribute("NumTasks", UintegerValue(prm.tasks));
    helper.SetClientAttribute("TaskTimeout", TimeValue(Seconds(60)));
    // datagrams fill the MTU: payload + SplitInferenceHeader + UDP/IP headers
    const uint32_t payload = prm.mtu - SplitInferenceHeader::SERIALIZED_SIZE - 28;
    helper.SetClientAttribute("MaxPayloadBytes", UintegerValue(payload));
    helper.SetServerAttribute("MaxPayloadBytes", UintegerValue(payload));
    Ptr<NomaNetDevice> bs = DynamicCast<NomaNetDevice>(devs.Get(0));
    const Time start = Seconds(0.1);
    helper.Install(bs, start);
    out.rejections = helper.GetAllocator()->GetRejections();
    out.problem = helper.GetProblem();
    out.decision = helper.GetDecision();
    out.frames = helper.PredictFrameAware(prm.tasks);
    g_open = n * prm.tasks;
    for (uint32_t u = 0; u < n; ++u)
    {
        helper.GetClient(u)->TraceConnectWithoutContext("ResultReceived", MakeCallback(&TaskEnded));
        helper.GetClient(u)->TraceConnectWithoutContext("TaskFailed", MakeCallback(&TaskEnded));
    }
    Simulator::Stop(Seconds(3600)); // safety net; the last task stops the run
    if (EdgeInferenceTraceHelper::AreTracesRequested())
    {
        helper.EnableTraces(); // --traces: adds the helper's predictions to the task records
    }
    ExampleCommandLine::PrepareRun();
    Simulator::Run();
    out.latencyS.assign(n, 0);
    out.deviceJ.assign(n, 0);
    out.edgeJ.assign(n, 0);
    out.failed.assign(n, 0);
    for (uint32_t u = 0; u < n; ++u)
    {
        for (const auto& t : helper.GetClient(u)->GetTasks())
        {
            out.latencyS[u] += t.GetLatency().GetSeconds() / prm.tasks;
            out.deviceJ[u] += t.GetDeviceEnergyJ() / prm.tasks;
            out.failed[u] += t.isSuccess ? 0 : 1;
        }
    }
    for (const auto& t : helper.GetServer()->GetTasks())
    {
        out.edgeJ[t.userId] += (t.computeEnergyJ + t.txEnergyJ) / prm.tasks;
    }
    for (uint32_t u = 0; u < n; ++u)
    {
        out.measuredObjective += prm.weightLatency * out.latencyS[u] +
                                 prm.weightDevice * out.deviceJ[u] + prm.weightEdge * out.edgeJ[u];
    }
    Simulator::Destroy();
    return out;
}

/**
 * Relative error in percent.
 * @param [in] measured measured
 * @param [in] predicted predicted
 * @return 100 (measured - predicted) / predicted (0 if both are 0)
 */
double
RelErr(double measured, double predicted)
{
    if (predicted == 0)
    {
        return measured == 0 ? 0.0 : 100.0;
    }
    return 100.0 * (measured - predicted) / predicted;
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
    Params prm;
    bool full = false;
    bool details = false;
    std::vector<std::string> algorithms = {"li-gd",
                                           "exhaustive-gd",
                                           "oma-li-gd",
                                           "fully-local",
                                           "full-offload",
                                           "latency-only",
                                           "equal-power"};
    uint32_t nUes = 0;
    const ValueRange unit = ValueRange::Closed(0, 1);
    ExampleCommandLine cmd(__FILE__);
    cmd.AddNumberList(
        "distances", "UE distances, m (comma-separated)", prm.distances, ValueRange::Positive());
    cmd.AddCount("nUes", "Use the first nUes distances (0 = all)", nUes, 0, 1000);
    cmd.AddName(
        "model", "Zoo model (DnnModelZoo::GetNames)", prm.model, DnnModelZoo::GetNames(), true);
    cmd.AddNameList("algorithms",
                    "Algorithms (comma-separated)",
                    algorithms,
                    NameTable(NomaSplitAlgorithmNames()));
    cmd.AddCount("tasks", "Closed-loop tasks per user (1..10000)", prm.tasks, 1, 10000);
    cmd.AddNumber(
        "frameMs", "Frame duration, ms, in (0, 1000]", prm.frameMs, ValueRange::LeftOpen(0, 1000));
    cmd.AddCount("mtu", "MTU of the NOMA devices, bytes (100..65535)", prm.mtu, 100, 65535);
    cmd.AddNumber("wT", "Latency weight w_T in [0, 1]", prm.weightLatency, unit);
    cmd.AddNumber("wD", "Device energy weight w_d in [0, 1]", prm.weightDevice, unit);
    cmd.AddNumber(
        "wE", "Edge energy weight w_e in [0, 1] (wT + wD + wE > 0)", prm.weightEdge, unit);
    cmd.AddValue("details", "Print the per-link frames and TB sizes of offloading users", details);
    cmd.AddValue("full", "Also sweep the weights (Pareto front, CSV + gnuplot)", full);
    cmd.AddValue("writeInstances",
                 "Write each scenario's instance (solver input format) to this file pattern "
                 "(%a = algorithm, %r = round)",
                 prm.writeInstances);
    cmd.AddValue("decisionFiles",
                 "Run the decisions of these files (solver output format; %a = algorithm, "
                 "%r = round) instead of the algorithms",
                 prm.decisionFiles);
    cmd.Parse(argc, argv);
    if (nUes > prm.distances.size())
    {
        cmd.Fail("nUes",
                 cmd.GetText("nUes"),
                 "at most the " + std::to_string(prm.distances.size()) + " UEs of --distances");
    }
    if (nUes > 0)
    {
        prm.distances.resize(nUes);
    }
    if (!(prm.weightLatency + prm.weightDevice + prm.weightEdge > 0))
    {
        cmd.Fail("wE", cmd.GetText("wE"), "weights with wT + wD + wE > 0");
    }
    std::vector<NomaSplitAlgorithm> algs;
    for (const std::string& item : algorithms)
    {
        algs.push_back(NomaSplitAlgorithmFromString(item));
    }
    const DnnModel model = DnnModelZoo::Get(prm.model);
    std::cout << std::fixed << std::setprecision(2);
    std::cout << "noma-split-inference: " << prm.distances.size() << " UEs, model " << prm.model
              << " (L = " << model.GetNLayers() << "), " << (prm.distances.size() + 1) / 2
              << " subchannels x 1 MHz, frame " << prm.frameMs << " ms, " << prm.tasks
              << " tasks per user, w = (" << prm.weightLatency << ", " << prm.weightDevice << ", "
              << prm.weightEdge << ")\n";
    std::cout << "alg ue dist_m l ul dl p_W P_W fe_GHz T_pred_s T_frame_s T_meas_s err_% "
                 "Edev_pred_J Edev_frame_J Edev_meas_J Eedge_pred_J Eedge_frame_J Eedge_meas_J\n";
    double maxErr = 0;
    double maxErrFrame = 0;
    double maxEnergyErrFrame = 0;
    for (NomaSplitAlgorithm a : algs)
    {
        const std::string name = ToString(a);
        const Outcome o = Run(prm, a);
        for (const std::string& r : o.rejections)
        {
            std::cout << name << " decision rejected: " << r << "\n";
        }
        const auto& d = o.decision;
        for (uint32_t u = 0; u < prm.distances.size(); ++u)
        {
            const double tPred = d.prediction.latencyS[u];
            const double err = RelErr(o.latencyS[u], tPred);
            PredictionLog::Record(name,
                                  "UE " + std::to_string(u),
                                  "latency",
                                  "s",
                                  tPred,
                                  o.failed[u] > 0 ? std::nan("") : o.latencyS[u],
                                  o.failed[u] > 0 ? PredictionLog::Outcome::FAILED
                                                  : PredictionLog::Outcome::SERVED,
                                  o.failed[u] > 0 ? "task failed" : "");
            maxErr = std::max(maxErr, std::abs(err));
            maxErrFrame =
                std::max(maxErrFrame, std::abs(RelErr(o.latencyS[u], o.frames[u].latencyS)));
            maxEnergyErrFrame = std::max({maxEnergyErrFrame,
                                          std::abs(RelErr(o.deviceJ[u], o.frames[u].deviceEnergyJ)),
                                          std::abs(RelErr(o.edgeJ[u], o.frames[u].edgeEnergyJ))});
            std::cout << std::setprecision(0) << name << " " << u << " " << prm.distances[u] << " "
                      << d.configuration.split[u] << " " << d.configuration.uplinkSubchannel[u]
                      << " " << d.configuration.downlinkSubchannel[u] << std::setprecision(4) << " "
                      << d.continuous.uplinkPowerW[u] << " " << d.continuous.downlinkPowerW[u]
                      << " " << d.continuous.edgeFrequencyHz[u] / 1e9 << " " << tPred << " "
                      << o.frames[u].latencyS << " " << o.latencyS[u] << std::setprecision(2) << " "
                      << err << std::setprecision(5) << " " << d.prediction.deviceEnergyJ[u] << " "
                      << o.frames[u].deviceEnergyJ << " " << o.deviceJ[u] << " "
                      << d.prediction.edgeEnergyJ[u] << " " << o.frames[u].edgeEnergyJ << " "
                      << o.edgeJ[u] << (o.failed[u] > 0 ? " FAILED" : "") << "\n";
        }
        if (details)
        {
            // where the gap to the solver comes from: frames and TB sizes per link
            for (uint32_t u = 0; u < prm.distances.size(); ++u)
            {
                if (!o.frames[u].isOffloading)
                {
                    continue;
                }
                const uint32_t l = d.configuration.split[u];
                std::cout << std::setprecision(6) << "  details " << name << " ue " << u << ": o_l "
                          << o.problem.users[u].profile.outputBits[l] / 8 << " B, T_loc "
                          << d.prediction.localTimeS[u] << " s, T_up "
                          << d.prediction.uplinkTimeS[u] << " s vs " << o.frames[u].uplinkFrames
                          << " frames of " << o.frames[u].uplinkTbBytes << " B, T_edge "
                          << d.prediction.edgeTimeS[u] << " s, T_down "
                          << d.prediction.downlinkTimeS[u] << " s vs " << o.frames[u].downlinkFrames
                          << " frames of " << o.frames[u].downlinkTbBytes << " B\n";
            }
        }
        std::cout << std::setprecision(5) << name << " objective J: predicted "
                  << d.prediction.objective << " measured " << o.measuredObjective
                  << (d.isFeasible ? "" : " (infeasible: " + d.reason + ")") << "\n";
    }
    std::cout << std::setprecision(2)
              << "Largest |relative error| of the measured latency: vs the solver " << maxErr
              << "%, vs the frame-aware prediction " << maxErrFrame << "%\n";
    std::cout << "Largest |relative error| of the measured energy vs the frame-aware prediction: "
              << maxEnergyErrFrame << "%\n";

    if (full)
    {
        // Pareto sweep: w_T = x, w_d = w_e = 1 - x
        const std::vector<double> xs = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0};
        const std::vector<NomaSplitAlgorithm> sweepAlgs = {NomaSplitAlgorithm::LI_GD,
                                                           NomaSplitAlgorithm::OMA_LI_GD,
                                                           NomaSplitAlgorithm::FULL_OFFLOAD,
                                                           NomaSplitAlgorithm::LATENCY_ONLY};
        std::ofstream csv("noma-split-inference-pareto.csv");
        csv << "algorithm,wT,wE,sum_latency_pred_s,sum_latency_meas_s,sum_device_energy_pred_J,"
               "sum_device_energy_meas_J\n";
        Gnuplot plot("noma-split-inference-pareto.png");
        plot.SetTitle("Split inference over NOMA: measured sum latency vs device energy");
        plot.SetTerminal("png");
        plot.SetLegend("sum of mean latencies (s)", "sum of mean device energies (J)");
        for (NomaSplitAlgorithm a : sweepAlgs)
        {
            const std::string name = ToString(a);
            Gnuplot2dDataset ds(name);
            ds.SetStyle(Gnuplot2dDataset::LINES_POINTS);
            for (double x : xs)
            {
                Params p = prm;
                p.weightLatency = x;
                p.weightDevice = 1 - x;
                p.weightEdge = 1 - x;
                if (x == 1.0)
                {
                    p.weightDevice = 0;
                    p.weightEdge = 0;
                }
                const Outcome o = Run(p, a);
                double tp = 0;
                double tm = 0;
                double ep = 0;
                double em = 0;
                for (uint32_t u = 0; u < prm.distances.size(); ++u)
                {
                    tp += o.decision.prediction.latencyS[u];
                    tm += o.latencyS[u];
                    ep += o.decision.prediction.deviceEnergyJ[u];
                    em += o.deviceJ[u];
                }
                csv << name << "," << x << "," << 1 - x << "," << tp << "," << tm << "," << ep
                    << "," << em << "\n";
                ds.Add(tm, em);
            }
            plot.AddDataset(ds);
        }
        std::ofstream plt("noma-split-inference-pareto.plt");
        plot.GenerateOutput(plt);
        std::cout << "Pareto sweep written: noma-split-inference-pareto.csv, "
                     "noma-split-inference-pareto.plt (gnuplot <file>.plt)\n";
    }
    std::cout << "noma-split-inference: done\n";
    return 0;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
