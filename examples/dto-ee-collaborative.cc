/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Collaborative inference across edge nodes with early exits and task offloading
 * (DTO-EE, Xie et al., arXiv 2412.08284) at packet level: LTE UEs offload LLaMA-2-7B prefill
 * tasks to a 3-stage pipeline of heterogeneous edge nodes; DTO-EE runs distributed over UDP
 * control messages and is compared with fixed thresholds, no early exit, uniform offloading,
 * join-least-loaded and the centralised optimum, predicted (queueing model) against measured.
 *
 * Topology: UEs ~~ eNB -- EPC/PGW --(p2p 1 Gbit/s, 1 ms)-- stage-1 nodes --(p2p, full
 * bipartite)-- stage-2 nodes -- stage-3 nodes. A dynamic phase: at --changeTime one stage-2
 * node slows down (--slowFactor) and the arrival rates are scaled by --rateFactor. See
 * doc/dto-ee-network.rst for the results.
 *
 *     ./dto-ee-collaborative                 # 6 schemes, 2 phases, LTE, seconds
 *     ./dto-ee-collaborative --lte=0         # wired UEs (no LTE access delay)
 *     ./dto-ee-collaborative --full          # longer runs + arrival-rate sweep, CSV + gnuplot
 *
 * Any allocator, at packet level: --writeInstances=inst-%r.json writes the instance handed to
 * the allocator (input of edge-inference-solve); --decisionFiles=dec-%r.json adds a run
 * "decision-file" whose strategy is read from a decision file (output of
 * edge-inference-solve), executed with static control:
 *
 *     ./dto-ee-collaborative --schemes=centralised --writeInstances=inst-%r.json
 *     edge-inference-solve --input=inst-0.json --algorithm=centralised --output=dec-0.json
 *     ./dto-ee-collaborative --schemes=centralised --decisionFiles=dec-%r.json
 */

#include "dto-ee-llama-stages.h"
#include "edge-lte-scenario.h"

#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

NS_LOG_COMPONENT_DEFINE("DtoEeCollaborativeExample");

namespace
{

/// Scenario parameters.
struct Scenario
{
    uint32_t nUes{3};          ///< UEs (task sources)
    uint32_t minUeTasks{20};   ///< Per-UE comparison only for a UE with this many tasks
    double lambda{30};         ///< Total arrival rate, task/s (split evenly over the UEs)
    bool lte{true};            ///< UEs over LTE (else wired to the gateway)
    uint32_t rbs{25};          ///< LTE bandwidth, RBs
    uint32_t seqLen{8};        ///< Prompt tokens of a task (LLaMA-2-7B prefill)
    uint32_t inputBytes{4096}; ///< Task input bytes
    double simTime{30};        ///< Sources stop at this time, s
    double changeTime{15};     ///< Dynamic change at this time, s
    double warmup{3};          ///< Phase 1 counts tasks created from here, s
    double settle{5};          ///< Phase 2 counts tasks created from changeTime + settle (= T_p)
    uint32_t slowNode{3};      ///< Node that slows down at changeTime
    double slowFactor{0.3};    ///< Its speed factor
    double rateFactor{1.0};    ///< Arrival-rate factor at changeTime
    double controlPeriod{5};   ///< T_p, s
    uint32_t rounds{20};       ///< R rounds per period
    double linkRateMbps{200};  ///< Rate of the links between stages
    double linkDelayMs{2};     ///< Delay of the links between stages
    double betaS{0.5};         ///< beta
    double baselineThreshold{0.8}; ///< Threshold of the fixed-threshold baselines
    /// Node ServiceTime: Deterministic (a fixed-size prefill on a GPU; the model's nodes are
    /// M/D/1) or Exponential (the paper's M/M/1 assumption)
    std::string serviceTime{"Deterministic"};
    uint32_t runs{1}; ///< Independent replications per scheme (CI across runs)
    /// Batch means per phase for the CI of a single run (3: the count whose CIs covered the
    /// long-run mean in 96-99 % of the default-length windows of 400 s runs; see the doc)
    uint32_t batches{3};
    std::string writeInstances; ///< Instance file pattern ("" = off)
    std::string decisionFiles;  ///< Decision file pattern of the "decision-file" run
};

/// Name of the run with the decision-file allocator.
const std::string DECISION_FILE_RUN = "decision-file";

/// Measured and predicted figures of one phase.
struct PhaseResult
{
    uint64_t created{0};  ///< Tasks created in the window
    uint64_t received{0}; ///< Of these, results received
    double e2eMs{0};      ///< Mean end-to-end delay, ms
    double netMs{0};      ///< Mean node-network delay (entry to exit decision), ms
    double netCiMs{0};    ///< Half-width of its 95 % confidence interval, ms
    std::vector<std::pair<double, double>> samples; ///< (creation time s, net delay ms)
    double accuracy{0};                             ///< Fraction of correct results
    double predDelayMs{0};                          ///< Model D, ms (inf if unstable)
    double predAccuracy{0};                         ///< Model A
    std::string predReason;                         ///< Model's reason
    /// Per UE: model T of its entry node (DtoEeModel::DelayToExit), ms
    std::vector<double> uePredMs;
    std::vector<double> ueNetMs;      ///< Per UE: mean node-network delay, ms
    std::vector<uint64_t> ueReceived; ///< Per UE: results received in the window
    std::vector<uint64_t> ueCreated;  ///< Per UE: tasks created in the window
    double predSumMs{0};              ///< Sum over the created tasks of their prediction, ms
    double predAccSum{0};             ///< Sum over the created tasks of the model's A
    std::vector<double> uePredSumMs;  ///< Per UE: sum of its tasks' predictions, ms
};

/// Outcome of one scheme.
struct RunResult
{
    std::string scheme;                  ///< Scheme name
    PhaseResult phase[2];                ///< Phase 1 and 2
    uint64_t ctrlMessages{0};            ///< Control messages
    uint64_t ctrlBytes{0};               ///< Control bytes
    std::vector<std::string> rejections; ///< Decisions the allocator rejected
};

/// Task results collected from the sources.
struct Collector
{
    double lo[2]{0, 0};                                  ///< Window starts (creation time), s
    double hi[2]{0, 0};                                  ///< Window ends, s
    PhaseResult* out[2]{};                               ///< Destinations
    uint32_t ue{0};                                      ///< Source index (per-UE figures)
    const CollaborativeInferenceHelper* helper{nullptr}; ///< Predictions when a task is sent

    /**
     * @brief ResultReceived sink.
     * @param [in] taskId task
     * @param [in] created creation time
     * @param [in] delay end-to-end delay
     * @param [in] net node-network latency
     * @param [in] stage exit stage
     * @param [in] correct correct
     */
    void Result(uint64_t taskId, Time created, Time delay, Time net, uint32_t stage, bool correct)
    {
        const double c = created.GetSeconds();
        for (int k = 0; k < 2; ++k)
        {
            if (c >= lo[k] && c < hi[k])
            {
                ++out[k]->received;
                out[k]->e2eMs += delay.GetSeconds() * 1e3;
                out[k]->netMs += net.GetSeconds() * 1e3;
                out[k]->samples.emplace_back(c, net.GetSeconds() * 1e3);
                out[k]->accuracy += correct ? 1.0 : 0.0;
                ++out[k]->ueReceived.at(ue);
                out[k]->ueNetMs.at(ue) += net.GetSeconds() * 1e3;
            }
        }
    }

    /**
     * @brief TaskSent sink (counts the tasks created in the windows).
     * @param [in] taskId task
     */
    void Sent(uint64_t taskId)
    {
        const double c = Simulator::Now().GetSeconds();
        for (int k = 0; k < 2; ++k)
        {
            if (c >= lo[k] && c < hi[k])
            {
                ++out[k]->created;
                ++out[k]->ueCreated.at(ue);
                // the model's prediction for this task, made when it is sent: the delay from
                // its entry node under the strategy, speeds and rates in force now (DTO-EE
                // changes its strategy every period inside a window)
                const auto [ev, delayS] = helper->PredictNow();
                out[k]->predSumMs += delayS.at(ue) * 1e3;
                out[k]->predAccSum += ev.meanAccuracy;
                out[k]->uePredSumMs.at(ue) += delayS.at(ue) * 1e3;
            }
        }
    }
};

/// Node (stage, TFLOP/s): 3 + 2 + 2 heterogeneous edge nodes.
const std::vector<std::pair<uint32_t, double>> NODES{
    {0, 1.0}, {0, 0.7}, {0, 0.5}, {1, 1.0}, {1, 0.6}, {2, 0.8}, {2, 0.6}};

/**
 * @brief Record the model's prediction of the network as it is now.
 * @param [in] helper the helper
 * @param [out] out the phase result (predicted fields)
 */
void
Predict(const CollaborativeInferenceHelper* helper, PhaseResult* out)
{
    const auto [ev, sourceDelayS] = helper->PredictNow();
    for (uint32_t k = 0; k < out->uePredMs.size(); ++k)
    {
        out->uePredMs[k] = sourceDelayS.at(k) * 1e3;
    }
    out->predDelayMs = ev.meanDelayS * 1e3;
    out->predAccuracy = ev.meanAccuracy;
    out->predReason = ToString(ev.reason);
}

double CiHalfWidth(const std::vector<double>& values);
double TQuantile975(double dof);

/**
 * @brief Run one scheme.
 * @param [in] sc the scenario
 * @param [in] scheme the scheme (static control for the "decision-file" run)
 * @param [in] isDecisionFile run the decision-file allocator on sc.decisionFiles
 * @return the result
 */
RunResult
RunScheme(const Scenario& sc, DtoEeScheme scheme, bool isDecisionFile = false)
{
    RunResult res;
    res.scheme = isDecisionFile ? DECISION_FILE_RUN : ToString(scheme);

    CollaborativeInferenceHelper helper;
    helper.SetStages(MakeLlamaDtoEeStages(sc.seqLen));
    for (const auto& [stage, tflops] : NODES)
    {
        helper.AddNode(stage, tflops * 1e12);
    }
    helper.SetLinkAttribute("DataRate", DataRateValue(DataRate(sc.linkRateMbps * 1e6)));
    helper.SetLinkAttribute("Delay", TimeValue(Seconds(sc.linkDelayMs * 1e-3)));
    helper.SetNodeAttribute("ControlPeriod", TimeValue(Seconds(sc.controlPeriod)));
    helper.SetNodeAttribute("Rounds", UintegerValue(sc.rounds));
    // the nodes' service-time distribution; the model (solver and agents) follows it:
    // M/M/1 for exponential, M/D/1 (Pollaczek-Khinchine) for deterministic
    helper.SetNodeAttribute("ServiceTime", StringValue(sc.serviceTime));
    // first period when the sources start: the first measurement window is a full period
    helper.SetNodeAttribute("ControlStart", TimeValue(Seconds(0.5)));
    helper.SetSourceAttribute("InputBytes", UintegerValue(sc.inputBytes));
    helper.SetScheme(scheme); // the control mode and the built-in allocator
    helper.SetAllocatorAttribute("BaselineThreshold", DoubleValue(sc.baselineThreshold));
    if (isDecisionFile)
    {
        helper.SetControl(CollaborativeInferenceNode::STATIC_CONTROL);
        helper.SetAllocatorType("ns3::DtoEeDecisionFileAllocator");
        helper.SetAllocatorAttribute("FileName", StringValue(sc.decisionFiles));
    }
    helper.SetAllocatorAttribute("InstanceFileName", StringValue(sc.writeInstances));
    helper.SetModelParameters(sc.betaS, 1e3, 0.05, 0.0);
    DtoEeAlgorithmOptions ao;
    ao.initialThreshold = sc.baselineThreshold;
    helper.SetAlgorithmOptions(ao);
    helper.Install();

    NodeContainer clients;
    EdgeLteTopology topo;
    std::vector<double> rates(sc.nUes, sc.lambda / sc.nUes);
    if (sc.lte)
    {
        // 100, 150, 200 m for the default 3 UEs; more UEs share 100..500 m, inside the
        // cell's uplink coverage (beyond ~700 m the SRS SINR gives UL CQI 0: no grant)
        const double step = sc.nUes > 1 ? std::min(50.0, 400.0 / (sc.nUes - 1)) : 0.0;
        std::vector<double> distances;
        for (uint32_t k = 0; k < sc.nUes; ++k)
        {
            distances.push_back(100.0 + step * k);
        }
        topo = BuildEdgeLteTopology(sc.rbs, distances, [](Ptr<LteHelper>) {});
        clients = topo.ues;
        helper.ConnectGateway(
            topo.epc->GetPgwNode(), Ipv4Address("7.0.0.0"), Ipv4Mask("255.0.0.0"));
        topo.lte->AssignStreams(NetDeviceContainer(topo.enbDevices, topo.ueDevices), 1000);
    }
    else
    {
        clients = helper.ConnectWiredGateway(sc.nUes);
    }
    ApplicationContainer sources = helper.InstallSources(clients, rates);
    helper.ApplyScheme();
    helper.AssignStreams(100);
    sources.Start(Seconds(0.5));
    sources.Stop(Seconds(sc.simTime));

    for (auto& p : res.phase)
    {
        p.uePredMs.assign(sources.GetN(), 0.0);
        p.ueNetMs.assign(sources.GetN(), 0.0);
        p.ueReceived.assign(sources.GetN(), 0);
        p.ueCreated.assign(sources.GetN(), 0);
        p.uePredSumMs.assign(sources.GetN(), 0.0);
    }
    std::vector<Collector> cols(sources.GetN()); // one per UE, same windows
    for (uint32_t k = 0; k < sources.GetN(); ++k)
    {
        Collector& col = cols[k];
        col.lo[0] = sc.warmup;
        col.hi[0] = sc.changeTime;
        col.lo[1] = sc.changeTime + sc.settle;
        col.hi[1] = sc.simTime;
        col.out[0] = &res.phase[0];
        col.out[1] = &res.phase[1];
        col.ue = k;
        col.helper = &helper;
        sources.Get(k)->TraceConnectWithoutContext("ResultReceived",
                                                   MakeCallback(&Collector::Result, &col));
        sources.Get(k)->TraceConnectWithoutContext("TaskSent",
                                                   MakeCallback(&Collector::Sent, &col));
    }
    // the model's reason at the end of each phase (DTO-EE: its strategy then)
    Simulator::Schedule(Seconds(sc.changeTime) - NanoSeconds(1), &Predict, &helper, &res.phase[0]);
    Simulator::Schedule(Seconds(sc.changeTime),
                        [&helper, &sc]()
                        {
                            Ptr<CollaborativeInferenceNode> n = helper.GetApplication(sc.slowNode);
                            n->SetComputeSpeed(n->GetComputeSpeed() * sc.slowFactor);
                            helper.ScaleSourceRates(sc.rateFactor);
                        });
    Simulator::Schedule(Seconds(sc.simTime) - NanoSeconds(1), &Predict, &helper, &res.phase[1]);
    Simulator::Stop(Seconds(sc.simTime + 2));
    if (EdgeInferenceTraceHelper::AreTracesRequested())
    {
        helper.EnableTraces(); // --traces: adds the helper's predictions to the task records
    }
    ExampleCommandLine::PrepareRun();
    Simulator::Run();
    for (int k = 0; k < 2; ++k)
    {
        PhaseResult& p = res.phase[k];
        if (p.received > 0)
        {
            p.e2eMs /= p.received;
            p.netMs /= p.received;
            p.accuracy /= p.received;
        }
        // the tasks' delays in creation order (results arrive out of order)
        std::sort(p.samples.begin(), p.samples.end());
        // batch means: the window cut in sc.batches equal time slices (by creation time)
        const double lo = k == 0 ? sc.warmup : sc.changeTime + sc.settle;
        const double hi = k == 0 ? sc.changeTime : sc.simTime;
        const uint32_t nb = sc.batches;
        std::vector<double> sum(nb, 0.0);
        std::vector<uint32_t> count(nb, 0);
        for (const auto& [created, ms] : p.samples)
        {
            const auto b =
                std::min<uint32_t>(nb - 1, static_cast<uint32_t>((created - lo) / (hi - lo) * nb));
            sum[b] += ms;
            ++count[b];
        }
        std::vector<double> means;
        for (uint32_t b = 0; b < nb; ++b)
        {
            if (count[b] > 0)
            {
                means.push_back(sum[b] / count[b]);
            }
        }
        p.netCiMs = CiHalfWidth(means);
        for (size_t k = 0; k < p.ueNetMs.size(); ++k)
        {
            p.ueNetMs[k] = p.ueReceived[k] > 0 ? p.ueNetMs[k] / p.ueReceived[k] : 0.0;
            if (p.ueCreated[k] > 0)
            {
                p.uePredMs[k] = p.uePredSumMs[k] / p.ueCreated[k];
            }
        }
        // the predicted means over the window's tasks, each predicted when it was sent (the
        // end-of-phase prediction only gives the reason, or everything if no task was created)
        if (p.created > 0)
        {
            p.predDelayMs = p.predSumMs / p.created;
            p.predAccuracy = p.predAccSum / p.created;
        }
    }
    res.ctrlMessages = helper.GetControlMessages();
    res.ctrlBytes = helper.GetControlBytes();
    res.rejections = helper.GetAllocator()->GetRejections();
    Simulator::Destroy();
    return res;
}

/**
 * @brief Run one scheme sc.runs times with independent random numbers (RngSeedManager run
 * 1, 2, ...); with several runs the measured figures are the means of the runs and the CI of
 * the net delay is over the run means (else over the batch means of the one run).
 * @param [in] sc the scenario
 * @param [in] scheme the scheme
 * @param [in] isDecisionFile run the decision-file allocator
 * @return the result
 */
RunResult
RunReplicated(const Scenario& sc, DtoEeScheme scheme, bool isDecisionFile)
{
    if (sc.runs <= 1)
    {
        return RunScheme(sc, scheme, isDecisionFile);
    }
    std::vector<RunResult> all;
    for (uint32_t r = 0; r < sc.runs; ++r)
    {
        RngSeedManager::SetRun(1 + r);
        all.push_back(RunScheme(sc, scheme, isDecisionFile));
    }
    RngSeedManager::SetRun(1);
    RunResult out = all.front();
    for (int k = 0; k < 2; ++k)
    {
        PhaseResult& p = out.phase[k];
        std::vector<double> netMeans;
        p.created = 0;
        p.received = 0;
        p.e2eMs = 0;
        p.netMs = 0;
        p.accuracy = 0;
        p.predDelayMs = 0;
        p.predAccuracy = 0;
        std::fill(p.uePredMs.begin(), p.uePredMs.end(), 0.0);
        std::fill(p.ueNetMs.begin(), p.ueNetMs.end(), 0.0);
        std::fill(p.ueReceived.begin(), p.ueReceived.end(), 0);
        std::fill(p.ueCreated.begin(), p.ueCreated.end(), 0);
        for (const RunResult& r : all)
        {
            const PhaseResult& q = r.phase[k];
            const double w = 1.0 / all.size();
            p.created += q.created;
            p.received += q.received;
            p.e2eMs += w * q.e2eMs;
            p.netMs += w * q.netMs;
            p.accuracy += w * q.accuracy;
            p.predDelayMs += w * q.predDelayMs;
            p.predAccuracy += w * q.predAccuracy;
            for (size_t u = 0; u < p.ueNetMs.size(); ++u)
            {
                p.uePredMs[u] += w * q.uePredMs[u];
                p.ueNetMs[u] += w * q.ueNetMs[u];
                p.ueReceived[u] += q.ueReceived[u];
                p.ueCreated[u] += q.ueCreated[u];
            }
            if (q.predReason != "NONE")
            {
                p.predReason = q.predReason;
            }
            netMeans.push_back(q.netMs);
        }
        p.netCiMs = CiHalfWidth(netMeans);
    }
    return out;
}

/**
 * @brief 95 % confidence half-width of the mean of independent, roughly normal values:
 * t_{0.975, n-1} s / sqrt(n).
 * @param [in] values the values (batch means or run means)
 * @return the half-width; +infinity for fewer than 2 values
 */
double
CiHalfWidth(const std::vector<double>& values)
{
    const size_t n = values.size();
    if (n < 2)
    {
        return std::numeric_limits<double>::infinity();
    }
    double mean = 0;
    for (double v : values)
    {
        mean += v / n;
    }
    double var = 0;
    for (double v : values)
    {
        var += (v - mean) * (v - mean) / (n - 1);
    }
    return TQuantile975(static_cast<double>(n - 1)) * std::sqrt(var / n);
}

/**
 * @brief The 0.975 quantile of Student's t.
 * @param [in] dof degrees of freedom, >= 1 (fractional: linear interpolation)
 * @return t_{0.975, dof} (the normal's 1.96 beyond 30)
 */
double
TQuantile975(double dof)
{
    // 1..30 degrees of freedom
    static const double t975[] = {12.706, 4.303, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262,
                                  2.228,  2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110,
                                  2.101,  2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
                                  2.056,  2.052, 2.048, 2.045, 2.042, 2.042};
    if (dof >= 30.0)
    {
        return dof >= 31.0 ? 1.96 : t975[29] + (dof - 30.0) * (1.96 - t975[29]);
    }
    dof = std::max(dof, 1.0);
    const auto lo = static_cast<size_t>(dof);
    const double frac = dof - lo;
    return frac > 0.0 ? t975[lo - 1] + frac * (t975[lo] - t975[lo - 1]) : t975[lo - 1];
}

/**
 * @param [in] pred predicted
 * @param [in] meas measured
 * @return relative error in percent, or "-" if not finite
 */
std::string
RelErr(double pred, double meas)
{
    if (!std::isfinite(pred) || meas <= 0.0)
    {
        return "-";
    }
    std::ostringstream o;
    o << std::fixed << std::setprecision(1) << 100.0 * (pred - meas) / meas;
    return o.str();
}

/**
 * @brief The done-criterion of the prediction: within the measured 95 % CI or 10 %, whichever
 * is larger, for a stable operating point.
 * @param [in] pred predicted, ms
 * @param [in] meas measured mean, ms
 * @param [in] ci its 95 % half-width, ms
 * @param [in] reason the model's reason: a node beyond the stability margin
 * (MARGIN_VIOLATED, load above (1 - epsilon) mu) is not a stable operating point; its
 * queue's relaxation time (minutes near saturation) is far longer than a window
 * @return "yes", "NO", or "-" for an unstable (infinite) prediction or not a stable point
 */
std::string
Fit(double pred, double meas, double ci, const std::string& reason)
{
    if (!std::isfinite(pred) || meas <= 0.0 || reason != "NONE")
    {
        return "-";
    }
    return std::abs(pred - meas) <= std::max(ci, 0.1 * meas) ? "yes" : "NO";
}

/**
 * @param [in] v a value
 * @param [in] digits decimals
 * @return "inf" or the value
 */
std::string
Fmt(double v, int digits)
{
    if (!std::isfinite(v))
    {
        return "inf";
    }
    std::ostringstream o;
    o << std::fixed << std::setprecision(digits) << v;
    return o.str();
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
    Scenario sc;
    std::vector<std::string> schemes =
        SplitCommaList("distributed,fixed-threshold,no-early-exit,"
                       "uniform-offloading,join-least-loaded,centralised");
    bool full = false;
    const ValueRange positive = ValueRange::Positive();
    ExampleCommandLine cmd(__FILE__);
    cmd.AddNameList("schemes", "Comma-separated schemes", schemes, NameTable(DtoEeSchemeNames()));
    cmd.AddValue("writeInstances",
                 "Write the allocator's instance (edge-inference-solve input; %r = round)",
                 sc.writeInstances);
    cmd.AddValue("decisionFiles",
                 "Add a run executing these decision files (solver output; %r = round)",
                 sc.decisionFiles);
    cmd.AddCount("nUes", "Number of UEs (1..319)", sc.nUes, 1, LTE_MAX_UES);
    cmd.AddCount("minUeTasks",
                 "Results a UE needs in a phase for its per-UE comparison (1..100000)",
                 sc.minUeTasks,
                 1,
                 100000);
    cmd.AddNumber("lambda", "Total arrival rate, task/s", sc.lambda, positive);
    cmd.AddValue("lte", "UEs over LTE (0: wired to the gateway)", sc.lte);
    cmd.AddChoice("rbs", "LTE bandwidth, RBs", sc.rbs, LteBandwidthTable());
    cmd.AddNumber("simTime", "Sources stop at this time, s", sc.simTime, positive);
    cmd.AddNumber("warmup",
                  "Phase 1 counts the tasks created from this time, s (sources start at 0.5 s)",
                  sc.warmup,
                  ValueRange::NonNegative());
    cmd.AddNumber("changeTime",
                  "Time of the dynamic change, s (warm-up 3 s < changeTime < simTime - "
                  "controlPeriod)",
                  sc.changeTime,
                  positive);
    cmd.AddCount(
        "slowNode", "Node that slows down at changeTime", sc.slowNode, 0, NODES.size() - 1);
    cmd.AddNumber("slowFactor", "Its speed factor (1: no change)", sc.slowFactor, positive);
    cmd.AddNumber("rateFactor", "Arrival-rate factor at changeTime", sc.rateFactor, positive);
    cmd.AddNumber("controlPeriod", "DTO-EE period T_p, s", sc.controlPeriod, positive);
    cmd.AddCount("rounds", "DTO-EE rounds per period (1..1000)", sc.rounds, 1, 1000);
    cmd.AddNumber("beta", "beta, s per unit of accuracy", sc.betaS, ValueRange::NonNegative());
    cmd.AddName("serviceTime",
                "Nodes' service-time distribution (the model follows it: M/M/1 or M/D/1)",
                sc.serviceTime,
                {"Exponential", "Deterministic"});
    cmd.AddCount("runs",
                 "Independent runs per scheme (>= 2: the CI is over the run means), 1..100",
                 sc.runs,
                 1,
                 100);
    cmd.AddCount(
        "batches", "Batch means per phase for the CI of a single run (2..100)", sc.batches, 2, 100);
    cmd.AddValue("full", "Longer runs and an arrival-rate sweep (CSV + gnuplot)", full);
    cmd.Parse(argc, argv);
    if (full)
    {
        sc.simTime = std::max(sc.simTime, 120.0);
        sc.changeTime = sc.simTime / 2;
    }
    sc.settle = sc.controlPeriod; // DTO-EE has had one period to follow the change
    if (!(sc.changeTime > sc.warmup && sc.changeTime + sc.settle < sc.simTime))
    {
        cmd.Fail("changeTime",
                 cmd.GetText("changeTime"),
                 "a time in (" + Fmt(sc.warmup, 1) + ", " + Fmt(sc.simTime - sc.settle, 1) +
                     ") s = (warm-up, simTime - controlPeriod)");
    }
    const std::vector<DtoEeScheme> list = DtoEeSchemeList(cmd.GetText("schemes"));

    const auto stages = MakeLlamaDtoEeStages(sc.seqLen);
    std::cout << "DTO-EE collaborative inference (Xie et al., arXiv 2412.08284), packet level\n"
              << "LLaMA-2-7B prefill of " << sc.seqLen << " tokens in 3 stages: w = ";
    for (const auto& s : stages)
    {
        std::cout << Fmt(s.workFlop / 1e9, 1) << " ";
    }
    std::cout << "GFLOP, features " << Fmt(stages[0].featureBits / 8e3, 0) << " kB; "
              << NODES.size() << " nodes (TFLOP/s:";
    for (const auto& n : NODES)
    {
        std::cout << " s" << n.first + 1 << "=" << n.second;
    }
    std::cout << ")\n"
              << sc.nUes << " UEs " << (sc.lte ? "over LTE" : "wired") << ", lambda = " << sc.lambda
              << " task/s; phase 1: tasks created in [" << sc.warmup << ", " << sc.changeTime
              << ") s; at " << sc.changeTime << " s node " << sc.slowNode << " speed x "
              << sc.slowFactor << ", rates x " << sc.rateFactor << "; phase 2: ["
              << sc.changeTime + sc.settle << ", " << sc.simTime << ") s\n"
              << "delays in ms; net = entry into the first node to the exit decision (what the "
                 "model predicts), e2e = at the UE\n\n";
    std::cout << std::left << std::setw(18) << "scheme" << std::right << std::setw(6) << "phase"
              << std::setw(10) << "pred D" << std::setw(10) << "net D" << std::setw(9) << "95%CI"
              << std::setw(8) << "err%" << std::setw(6) << "fit" << std::setw(10) << "e2e D"
              << std::setw(8) << "pred A" << std::setw(8) << "meas A" << std::setw(14) << "tasks"
              << std::setw(8) << "msgs" << std::setw(9) << "bytes"
              << "\n";
    std::vector<RunResult> results;
    bool delivered = true;
    const size_t nRuns = list.size() + (sc.decisionFiles.empty() ? 0 : 1);
    for (size_t i = 0; i < nRuns; ++i)
    {
        const bool isFile = i == list.size();
        results.push_back(RunReplicated(sc, isFile ? DtoEeScheme::CENTRALISED : list[i], isFile));
        const RunResult& r = results.back();
        for (int k = 0; k < 2; ++k)
        {
            const PhaseResult& p = r.phase[k];
            delivered = delivered && p.received > 0;
            std::cout << std::left << std::setw(18) << r.scheme << std::right << std::setw(6)
                      << k + 1 << std::setw(10) << Fmt(p.predDelayMs, 1) << std::setw(10)
                      << Fmt(p.netMs, 1) << std::setw(9) << ("+-" + Fmt(p.netCiMs, 1))
                      << std::setw(8) << RelErr(p.predDelayMs, p.netMs) << std::setw(6)
                      << Fit(p.predDelayMs, p.netMs, p.netCiMs, p.predReason) << std::setw(10)
                      << Fmt(p.e2eMs, 1) << std::setw(8) << Fmt(p.predAccuracy, 3) << std::setw(8)
                      << Fmt(p.accuracy, 3) << std::setw(14)
                      << (std::to_string(p.received) + "/" + std::to_string(p.created))
                      << std::setw(8) << (k == 0 ? std::to_string(r.ctrlMessages) : "")
                      << std::setw(9) << (k == 0 ? std::to_string(r.ctrlBytes) : "");
            if (p.predReason != "NONE")
            {
                std::cout << "  (" << p.predReason << ")";
            }
            std::cout << "\n";
        }
    }
    // per scheme and phase: the model's mean delay against the mean of all tasks
    for (const RunResult& r : results)
    {
        for (int k = 0; k < 2; ++k)
        {
            const PhaseResult& p = r.phase[k];
            // a node beyond the stability margin (MARGIN_VIOLATED) is not a stable operating
            // point: its queue does not reach the predicted steady state within a window
            const bool stable = std::isfinite(p.predDelayMs) && p.predReason == "NONE";
            PredictionLog::Record(r.scheme + ", phase " + std::to_string(k + 1),
                                  "all UEs",
                                  "mean network delay",
                                  "s",
                                  stable ? p.predDelayMs / 1e3 : std::nan(""),
                                  p.received > 0 ? p.netMs / 1e3 : std::nan(""),
                                  !stable          ? PredictionLog::Outcome::UNSERVED
                                  : p.received > 0 ? PredictionLog::Outcome::SERVED
                                                   : PredictionLog::Outcome::FAILED,
                                  !stable ? "the model predicts no stable operating point (" +
                                                p.predReason + ")"
                                  : p.received > 0 ? ""
                                                   : "no task delivered");
        }
    }
    // per UE: the model's delay from the UE's entry node against the measured one, compared
    // only where the UE's window holds at least minUeTasks results (a UE's mean over a few
    // tasks is noise: at 40 UEs and 30 task/s a UE makes 0.75 task/s)
    std::cout << "\nper UE: net delay of its tasks, ms: predicted (entry node's T) / measured "
                 "(err%) [results]; compared (prediction log) with >= "
              << sc.minUeTasks << " results\n"
              << std::left << std::setw(18) << "scheme" << std::right << std::setw(6) << "phase";
    for (uint32_t k = 0; k < sc.nUes; ++k)
    {
        std::cout << std::setw(32) << ("UE " + std::to_string(k));
    }
    std::cout << "\n";
    uint32_t compared = 0;
    uint32_t tooFew = 0;
    for (const RunResult& r : results)
    {
        for (int k = 0; k < 2; ++k)
        {
            const PhaseResult& p = r.phase[k];
            std::cout << std::left << std::setw(18) << r.scheme << std::right << std::setw(6)
                      << k + 1;
            for (size_t u = 0; u < p.ueNetMs.size(); ++u)
            {
                const bool stable = std::isfinite(p.uePredMs[u]) && p.predReason == "NONE";
                const uint64_t n = p.ueReceived[u];
                const std::string label = r.scheme + ", phase " + std::to_string(k + 1);
                const std::string quantity =
                    "network delay (UE with >= " + std::to_string(sc.minUeTasks) + " results)";
                if (!stable)
                {
                    PredictionLog::Record(label,
                                          "UE " + std::to_string(u),
                                          quantity,
                                          "s",
                                          std::nan(""),
                                          n > 0 ? p.ueNetMs[u] / 1e3 : std::nan(""),
                                          PredictionLog::Outcome::UNSERVED,
                                          "the model predicts no stable operating point (" +
                                              p.predReason + ")");
                }
                else if (n == 0 && p.ueCreated[u] > 0)
                {
                    PredictionLog::Record(label,
                                          "UE " + std::to_string(u),
                                          quantity,
                                          "s",
                                          p.uePredMs[u] / 1e3,
                                          std::nan(""),
                                          PredictionLog::Outcome::FAILED,
                                          "no task delivered of " + std::to_string(p.ueCreated[u]) +
                                              " created");
                }
                else if (n >= sc.minUeTasks)
                {
                    PredictionLog::RecordServed(label,
                                                "UE " + std::to_string(u),
                                                quantity,
                                                "s",
                                                p.uePredMs[u] / 1e3,
                                                p.ueNetMs[u] / 1e3);
                    ++compared;
                }
                else
                {
                    ++tooFew;
                }
                std::cout << std::setw(32)
                          << (Fmt(p.uePredMs[u], 1) + " / " + Fmt(p.ueNetMs[u], 1) + " (" +
                              RelErr(p.uePredMs[u], p.ueNetMs[u]) + ") [" + std::to_string(n) +
                              "]");
            }
            std::cout << "\n";
        }
    }
    std::cout << "per-UE rows compared: " << compared << "; with fewer than " << sc.minUeTasks
              << " results (not compared): " << tooFew << "\n";
    // DTO-EE against the best baseline (not the centralised reference), per phase.
    for (int k = 0; k < 2 && list.size() > 1 && list[0] == DtoEeScheme::DTO_EE; ++k)
    {
        double best = std::numeric_limits<double>::infinity();
        std::string bestName;
        for (size_t i = 1; i < list.size(); ++i)
        {
            if (list[i] != DtoEeScheme::CENTRALISED && results[i].phase[k].netMs < best)
            {
                best = results[i].phase[k].netMs;
                bestName = results[i].scheme;
            }
        }
        if (std::isfinite(best))
        {
            std::cout << "phase " << k + 1 << ": DTO-EE net delay "
                      << Fmt(results[0].phase[k].netMs, 1) << " ms vs best baseline (" << bestName
                      << ") " << Fmt(best, 1)
                      << " ms: " << Fmt(100.0 * std::abs(1.0 - results[0].phase[k].netMs / best), 1)
                      << (results[0].phase[k].netMs <= best ? "% lower\n" : "% higher\n");
        }
    }
    if (full)
    {
        std::ofstream csv("dto-ee-collaborative.csv");
        csv << "lambda,scheme,pred_delay_ms,net_delay_ms,e2e_delay_ms,pred_accuracy,accuracy\n";
        std::vector<double> xs;
        std::vector<std::vector<double>> ys;
        std::vector<std::string> names;
        for (DtoEeScheme s : list)
        {
            names.push_back(ToString(s));
        }
        Scenario sw = sc;
        sw.slowFactor = 1.0;
        sw.rateFactor = 1.0;
        sw.simTime = 60; // phase 1 only: tasks created in [warmup, 57) s
        sw.changeTime = 57;
        for (double lam : {15.0, 20.0, 25.0, 30.0, 35.0})
        {
            sw.lambda = lam;
            xs.push_back(lam);
            ys.emplace_back();
            for (DtoEeScheme s : list)
            {
                const RunResult r = RunScheme(sw, s);
                const PhaseResult& p = r.phase[0];
                csv << lam << "," << r.scheme << "," << p.predDelayMs << "," << p.netMs << ","
                    << p.e2eMs << "," << p.predAccuracy << "," << p.accuracy << "\n";
                ys.back().push_back(p.netMs);
            }
        }
        WriteSweepPlot("dto-ee-collaborative.plt",
                       "Node-network delay vs arrival rate",
                       "lambda (task/s)",
                       "mean delay (ms)",
                       xs,
                       names,
                       ys);
        std::cout << "wrote dto-ee-collaborative.csv and dto-ee-collaborative.plt\n";
    }
    for (const RunResult& r : results)
    {
        for (const std::string& m : r.rejections)
        {
            std::cout << r.scheme << ": decision rejected, nobody served: " << m << "\n";
        }
        if (r.scheme == DECISION_FILE_RUN)
        {
            std::cout << DECISION_FILE_RUN << ": " << r.rejections.size()
                      << " decision(s) rejected\n";
        }
    }
    if (!sc.writeInstances.empty())
    {
        std::cout << "wrote the instance to " << RoundFileName(sc.writeInstances, 0) << "\n";
    }
    std::cout << "Schemes run: " << results.size() << "; "
              << (delivered ? "every scheme delivered results in both phases"
                            : "some scheme delivered no result in a phase")
              << "\n";
    return 0;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
