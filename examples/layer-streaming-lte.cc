/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Flagship example: N UEs download a DNN over LTE (with EPC) from a remote server
 * and run inference layer by layer (SLIDE streaming) or after the full download (DAI).
 *
 * Topology: remote host --(p2p, 1 Gbit/s)-- PGW/EPC -- eNB ~~ UEs at configurable
 * distances, path loss 128.1 + 37.6 log10(d/km) dB (log-distance, exponent 3.76). The
 * scenario runs twice with the same seed, once per mode. For each UE it prints the measured
 * download time, compute time and end-to-end latency in both modes, and two predictions of
 * the SLIDE recursion (resp. DAI) with their relative errors:
 *  - ex ante (pred_s): made before any packet is sent, from the wideband CQI each UE reported
 *    to the eNB (LteAmcRateModel x SLIDE_LTE_RATE_EFFICIENCY) and the proportional-fair
 *    scheduler's equal time shares among the UEs still downloading;
 *  - a posteriori (post_s): from each UE's measured average rate and time to first byte (the
 *    last layer's arrival then matches by construction: this column checks the per-layer
 *    shape only).
 *
 *     ./layer-streaming-lte --nUes=4 --model=mobilenetv2 --bytesPerParameter=1
 */

#include "edge-lte-scenario.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

NS_LOG_COMPONENT_DEFINE("LayerStreamingLteExample");

namespace
{

/// Scenario parameters.
struct Scenario
{
    uint32_t nUes{4};                     ///< number of UEs
    std::vector<double> distances;        ///< UE distances from the eNB, m
    std::string modelName{"mobilenetv2"}; ///< zoo model
    double bytesPerParameter{1};          ///< precision of the downloaded weights
    uint32_t samples{64};                 ///< images per task
    double flopsPerCycle{64};             ///< device FLOP/cycle (19.2 GFLOP/s at 300 MHz)
    double frequencyHz{300e6};            ///< device frequency
    uint32_t rbs{50};                     ///< LTE bandwidth in resource blocks
    double timeoutS{60};                  ///< task timeout
    std::string radio{"lte"};             ///< "lte" or "nr" (--radio)
    double accessS{0.04};                 ///< ex-ante time from request to first byte, s
};

/// What one run produced: each UE's task record and the CQI it had reported when the
/// clients started (before any packet of the task).
struct RunOutput
{
    std::vector<LayerwiseInferenceClient::TaskRecord> records; ///< one per UE
    std::vector<int> cqi; ///< wideband CQI per UE at the start (-1: none)
};

/// What one run measured for one UE.
struct UeResult
{
    LayerwiseInferenceClient::TaskRecord record; ///< the task record
};

/**
 * Build the LTE + EPC scenario, run it in one mode, return each UE's task record.
 * @param [in] sc scenario
 * @param [in] model the model
 * @param [in] mode client mode
 * @return one record per UE
 */
RunOutput
RunOnce(const Scenario& sc, const DnnModel& model, LayerwiseInferenceClient::Mode mode)
{
    EdgeLteGeometry geometry;
    geometry.enbHeightM = 30;
    geometry.ueHeightM = 1.5;
    geometry.coreDelay = MilliSeconds(5);
    const std::vector<double> distances(sc.distances.begin(), sc.distances.begin() + sc.nUes);
    const EdgeCell topo = BuildEdgeCell(
        sc.radio,
        sc.rbs,
        distances,
        [](Ptr<LteHelper> lte)
        {
            // PF, grant for grant, without the ns-3.37 abort on random-access preambles that
            // got no temporary RNTI (BandwidthShareFfMacScheduler without shares)
            lte->SetSchedulerType("ns3::BandwidthShareFfMacScheduler");
            // without shares the FFR is transparent (PF as is); it keeps the CQI reports
            lte->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
            lte->SetEnbDeviceAttribute("DlEarfcn", UintegerValue(100));
        },
        geometry);
    // the CQIs the UEs reported before the clients start: the ex-ante prediction's input
    // (LTE: the FFR keeps them; NR: no ex-ante prediction here, see slide-lte --radio=nr)
    RunOutput run;
    run.cqi.assign(topo.ueDevs.GetN(), -1);
    if (sc.radio == "lte")
    {
        Ptr<BandwidthShareFfrAlgorithm> ffr =
            BandwidthShareFfrAlgorithm::GetFromEnbDevice(topo.bs.Get(0));
        Simulator::Schedule(Seconds(0.5) - MicroSeconds(1),
                            [ffr, &run, &topo]()
                            {
                                for (uint32_t i = 0; i < topo.ueDevs.GetN(); ++i)
                                {
                                    const uint64_t imsi =
                                        DynamicCast<LteUeNetDevice>(topo.ueDevs.Get(i))->GetImsi();
                                    const uint16_t rnti = ffr->GetRntiOfImsi(imsi);
                                    uint8_t cqi = 0;
                                    Time when;
                                    if (rnti != 0 && ffr->GetDlWidebandCqi(rnti, cqi, when))
                                    {
                                        run.cqi[i] = cqi;
                                    }
                                }
                            });
    }

    EdgeInferenceHelper helper;
    helper.AddModel(model);
    helper.SetClientAttribute("Mode", EnumValue(mode));
    helper.SetClientAttribute("Samples", UintegerValue(sc.samples));
    helper.SetClientAttribute("FlopsPerCycle", DoubleValue(sc.flopsPerCycle));
    helper.SetClientAttribute("MaxFrequencyHz", DoubleValue(std::max(625e6, sc.frequencyHz)));
    helper.SetClientAttribute("FrequencyHz", DoubleValue(sc.frequencyHz));
    helper.SetClientAttribute("TaskTimeout", TimeValue(Seconds(sc.timeoutS)));
    helper.InstallServer(topo.remote.Get(0)).Start(Seconds(0.0));
    ApplicationContainer clients =
        helper.InstallClient(topo.ues, topo.serverAddress, model.GetName());
    clients.Start(Seconds(0.5)); // after attachment
    helper.AssignStreams(topo.ues, 1000);
    // the same radio randomness (HARQ errors, random access) in both modes: the streaming
    // and the download-then-infer runs of one process are compared on equal terms
    topo.AssignStreams(100000);

    // LTE schedules periodic events, so the simulation never runs out of them: stop it
    // 10 ms after the last task ended (completed or failed), at the latest after the timeout
    auto pending = std::make_shared<uint32_t>(clients.GetN());
    auto onTaskEnd = [pending]()
    {
        if (--(*pending) == 0)
        {
            Simulator::Stop(MilliSeconds(10));
        }
    };
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        clients.Get(i)->TraceConnectWithoutContext(
            "TaskCompleted",
            Callback<void, uint32_t, Time, double>([onTaskEnd](uint32_t, Time, double)
                                                   { onTaskEnd(); }));
        clients.Get(i)->TraceConnectWithoutContext(
            "TaskFailed",
            Callback<void, uint32_t, const std::string&>([onTaskEnd](uint32_t, const std::string&)
                                                         { onTaskEnd(); }));
    }
    Simulator::Stop(Seconds(0.5 + sc.timeoutS + 1));
    ExampleCommandLine::PrepareRun();
    Simulator::Run();
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        run.records.push_back(
            DynamicCast<LayerwiseInferenceClient>(clients.Get(i))->GetTaskRecords().at(0));
    }
    Simulator::Destroy();
    return run;
}

/// Ex-ante download schedule of one UE.
struct ExAnte
{
    double startRateBps{0};           ///< rate while every UE downloads, bit/s (0: no CQI)
    std::vector<double> layerFinishS; ///< predicted arrival of each layer, s from the request
};

/**
 * Ex-ante download schedule of every UE: each UE's full-band rate R_k is the LTE-AMC rate of
 * its reported CQI over the N schedulable RBGs times SLIDE_LTE_RATE_EFFICIENCY; the
 * proportional-fair scheduler gives the n UEs still downloading equal time shares (static
 * channels: PF's metric r_k / T_k equalises the shares), so UE k downloads at R_k / n until
 * one finishes, then at R_k / (n - 1), and so on. Downloads start accessS after the request.
 * @param [in] cqi reported CQI per UE (-1: none)
 * @param [in] rbs cell bandwidth, RBs
 * @param [in] layerBits bits on the wire per layer (LayerHeader + weights)
 * @param [in] accessS time from the request to the first byte, s
 * @return the schedule per UE (empty layerFinishS for a UE without a rate)
 */
std::vector<ExAnte>
PredictExAnte(const std::vector<int>& cqi,
              uint32_t rbs,
              const std::vector<double>& layerBits,
              double accessS)
{
    const LteAmcRateModel amc(cqi, rbs);
    const size_t n = cqi.size();
    std::vector<double> fullRate(n, 0);
    std::vector<double> remaining(n, 0);
    double total = 0;
    for (double b : layerBits)
    {
        total += b;
    }
    std::vector<size_t> active;
    for (size_t k = 0; k < n; ++k)
    {
        fullRate[k] = amc.HasRate(k)
                          ? SLIDE_LTE_RATE_EFFICIENCY * amc.Rate(k, amc.GetSchedulableBandwidthHz())
                          : 0;
        if (fullRate[k] > 0)
        {
            remaining[k] = total;
            active.push_back(k);
        }
    }

    // phases of equal time sharing: (start, end, rate) per UE
    struct Segment
    {
        double start;
        double end;
        double rate;
    };

    std::vector<std::vector<Segment>> segments(n);
    std::vector<ExAnte> out(n);
    double t = accessS;
    while (!active.empty())
    {
        const double m = active.size();
        double dt = std::numeric_limits<double>::infinity();
        for (size_t k : active)
        {
            dt = std::min(dt, remaining[k] * m / fullRate[k]);
        }
        std::vector<size_t> next;
        for (size_t k : active)
        {
            if (segments[k].empty())
            {
                out[k].startRateBps = fullRate[k] / m;
            }
            segments[k].push_back({t, t + dt, fullRate[k] / m});
            remaining[k] -= fullRate[k] / m * dt;
            if (remaining[k] > 1e-9 * total)
            {
                next.push_back(k);
            }
        }
        active = next;
        t += dt;
    }
    for (size_t k = 0; k < n; ++k)
    {
        double cumulative = 0;
        double target = 0;
        size_t seg = 0;
        double bitsBeforeSeg = 0;
        for (double b : layerBits)
        {
            target = cumulative + b;
            cumulative = target;
            while (seg < segments[k].size() &&
                   bitsBeforeSeg +
                           segments[k][seg].rate * (segments[k][seg].end - segments[k][seg].start) <
                       target * (1 - 1e-12))
            {
                bitsBeforeSeg +=
                    segments[k][seg].rate * (segments[k][seg].end - segments[k][seg].start);
                ++seg;
            }
            if (seg == segments[k].size())
            {
                break; // no rate: no prediction
            }
            out[k].layerFinishS.push_back(segments[k][seg].start +
                                          (target - bitsBeforeSeg) / segments[k][seg].rate);
        }
    }
    return out;
}

/// A-posteriori reconstruction of a task from its measured average download rate.
struct Prediction
{
    double rateBps{0}; ///< measured average rate, first byte to last byte
    double latency{0}; ///< predicted end-to-end latency, s
};

/**
 * Predict a task's latency with the SLIDE recursion (or DAI) from the measured average
 * rate: D_l = (first byte - request) + cumulative stream bytes of layers 1..l / rate.
 * @param [in] r the task record
 * @param [in] tau per-layer compute times
 * @return the prediction
 */
Prediction
Predict(const LayerwiseInferenceClient::TaskRecord& r, const std::vector<double>& tau)
{
    Prediction p;
    const double t0 = (r.firstByteTime - r.requestTime).GetSeconds();
    const double span = (r.layerArrival.back() - r.firstByteTime).GetSeconds();
    p.rateBps = span > 0 ? 8.0 * r.bytesReceived / span : 0;
    std::vector<double> bits;
    for (auto b : r.layerWireBytes)
    {
        bits.push_back(8.0 * b);
    }
    auto d = LayerStreamingLatency::DownloadFinishTimes(bits, p.rateBps, t0);
    p.latency = r.mode == LayerwiseInferenceClient::STREAMING
                    ? LayerStreamingLatency::Streaming(d, tau).latency
                    : LayerStreamingLatency::DownloadThenInfer(d, tau).latency;
    return p;
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
    sc.distances = {150, 300, 450, 600};
    bool verbose = false;
    ExampleCommandLine cmd(__FILE__);
    cmd.AddCount("nUes", "Number of UEs (1..319)", sc.nUes, 1, LTE_MAX_UES);
    cmd.AddNumberList("distances",
                      "Comma-separated UE distances from the eNB in m (cycled if fewer than nUes)",
                      sc.distances,
                      ValueRange::Positive());
    cmd.AddName("model", "Zoo model to download", sc.modelName, DnnModelZoo::GetNames(), true);
    cmd.AddNumber("bytesPerParameter",
                  "Bytes per weight (4 FP32, 2 FP16, 1 INT8), in (0, 8]",
                  sc.bytesPerParameter,
                  ValueRange::LeftOpen(0, 8));
    cmd.AddCount("samples", "Images per inference task (1..100000)", sc.samples, 1, 100000);
    cmd.AddNumber(
        "flopsPerCycle", "Device FLOPs per cycle", sc.flopsPerCycle, ValueRange::Positive());
    cmd.AddNumber("frequencyHz",
                  "Device frequency in Hz, in [5e7, 1e11]",
                  sc.frequencyHz,
                  ValueRange::Closed(50e6, 100e9));
    cmd.AddChoice("rbs",
                  "LTE bandwidth in resource blocks (6, 15, 25, 50, 75, 100)",
                  sc.rbs,
                  LteBandwidthTable());
    cmd.AddNumber("timeout",
                  "Task timeout in s, in [0.001, 3600]",
                  sc.timeoutS,
                  ValueRange::Closed(1e-3, 3600));
    cmd.AddNumber("accessDelay",
                  "Ex-ante time from a request to its first byte in s (TCP handshake and "
                  "request: two round trips), in [0, 10]",
                  sc.accessS,
                  ValueRange::Closed(0, 10));
    cmd.AddName("radio",
                "Radio: lte, or nr (5G-LENA; NR cell set by --ns3::EdgeNrTopologyHelper::...)",
                sc.radio,
                EdgeRadioNames());
    cmd.AddValue("verbose", "Enable the module's log components", verbose);
    cmd.Parse(argc, argv);
    CheckEdgeRadio(sc.radio);
    for (uint32_t i = sc.distances.size(); i < sc.nUes; ++i)
    {
        sc.distances.push_back(sc.distances[i % sc.distances.size()]);
    }
    if (verbose)
    {
        LogComponentEnable("LayerwiseInferenceClient", LOG_LEVEL_INFO);
        LogComponentEnable("LayerStreamingServer", LOG_LEVEL_INFO);
    }

    DnnModel model = DnnModelZoo::Get(sc.modelName);
    model.SetBytesPerParameter(sc.bytesPerParameter);

    // the module's LTE scenario defaults: TCP with full-size segments and a 100-segment
    // initial window, RLC UM with room for the window, ideal RRC
    SetSlideLteDefaults();

    DeviceComputeModel device(sc.flopsPerCycle,
                              sc.frequencyHz,
                              DeviceComputeModel::DEFAULT_ENERGY_COEFFICIENT,
                              DeviceComputeModel::DEFAULT_MIN_FREQUENCY_HZ,
                              std::max(625e6, sc.frequencyHz));
    const auto tau =
        LayerStreamingLatency::ComputeTimes(model, device.GetFlopsPerSecond(), sc.samples);
    double computeTotal = 0;
    for (double t : tau)
    {
        computeTotal += t;
    }

    std::cout << "Layer streaming over " << (sc.radio == "nr" ? "NR" : "LTE") << ": " << sc.nUes
              << " UEs, model " << model.GetName() << " (" << model.GetNLayers() << " layers, "
              << std::fixed << std::setprecision(2) << model.GetTotalBytes() / 1e6 << " MB at "
              << sc.bytesPerParameter << " B/param), " << sc.samples << " samples/task, device "
              << device.GetFlopsPerSecond() / 1e9 << " GFLOP/s, "
              << (sc.radio == "nr" ? "NR cell of EdgeNrTopologyHelper"
                                   : std::to_string(sc.rbs) + " RBs")
              << "\n";

    const RunOutput streamingRun = RunOnce(sc, model, LayerwiseInferenceClient::STREAMING);
    const RunOutput daiRun = RunOnce(sc, model, LayerwiseInferenceClient::DOWNLOAD_THEN_INFER);
    const auto& streaming = streamingRun.records;
    const auto& dai = daiRun.records;
    // ex ante: what is on the wire per layer, and the CQIs reported before the first packet
    std::vector<double> layerBits;
    for (uint32_t l = 0; l < model.GetNLayers(); ++l)
    {
        layerBits.push_back(8.0 * (LayerHeader::SIZE + model.GetLayerBytes(l)));
    }
    const auto exStreaming = PredictExAnte(streamingRun.cqi, sc.rbs, layerBits, sc.accessS);
    const auto exDai = PredictExAnte(daiRun.cqi, sc.rbs, layerBits, sc.accessS);

    std::cout << "\n"
              << std::setw(3) << "UE" << std::setw(7) << "dist_m" << std::setw(5) << "CQI"
              << std::setw(8) << "r_pred" << std::setw(8) << "r_meas" << std::setw(11)
              << "download_s" << std::setw(10) << "compute_s"
              << " |" << std::setw(9) << "slide_s" << std::setw(9) << "pred_s" << std::setw(7)
              << "err%" << std::setw(9) << "post_s" << std::setw(7) << "err%"
              << " |" << std::setw(9) << "dai_s" << std::setw(9) << "pred_s" << std::setw(7)
              << "err%" << std::setw(9) << "post_s" << std::setw(7) << "err%"
              << " |" << std::setw(8) << "saving%"
              << "\n";
    uint32_t completed = 0;
    double maxExAnte = 0;
    uint32_t nExAnte = 0; // completed UEs with an ex-ante prediction
    double maxPost = 0;
    for (uint32_t i = 0; i < sc.nUes; ++i)
    {
        const auto& s = streaming[i];
        const auto& d = dai[i];
        std::cout << std::setw(3) << i << std::setw(7) << std::setprecision(0) << sc.distances[i]
                  << std::setw(5) << streamingRun.cqi[i];
        const std::string user = "UE " + std::to_string(i);
        if (!s.completed || !d.completed)
        {
            std::cout << "  FAILED: " << (s.completed ? "" : "streaming: " + s.failureReason + " ")
                      << (d.completed ? "" : "dai: " + d.failureReason) << "\n";
            for (const auto* r : {&s, &d})
            {
                if (!r->completed)
                {
                    PredictionLog::Record(r == &s ? "streaming" : "dai",
                                          user,
                                          "latency",
                                          "s",
                                          std::nan(""),
                                          std::nan(""),
                                          PredictionLog::Outcome::FAILED,
                                          r->failureReason);
                }
            }
            continue;
        }
        ++completed;
        const Prediction ps = Predict(s, tau);
        const Prediction pd = Predict(d, tau);
        const bool hasExAnte = exStreaming[i].layerFinishS.size() == tau.size() &&
                               exDai[i].layerFinishS.size() == tau.size();
        const double xs =
            hasExAnte ? LayerStreamingLatency::Streaming(exStreaming[i].layerFinishS, tau).latency
                      : 0;
        const double xd =
            hasExAnte ? LayerStreamingLatency::DownloadThenInfer(exDai[i].layerFinishS, tau).latency
                      : 0;
        const double download = (s.layerArrival.back() - s.requestTime).GetSeconds();
        const double ms = s.latency.GetSeconds();
        const double md = d.latency.GetSeconds();
        const double es = (ms - ps.latency) / ms;
        const double ed = (md - pd.latency) / md;
        const double xes = hasExAnte ? (ms - xs) / ms : 0;
        const double xed = hasExAnte ? (md - xd) / md : 0;
        maxPost = std::max({maxPost, std::abs(es), std::abs(ed)});
        maxExAnte = std::max({maxExAnte, std::abs(xes), std::abs(xed)});
        nExAnte += hasExAnte ? 1 : 0;
        if (hasExAnte) // the ex-ante prediction only: the reconstruction is no prediction
        {
            PredictionLog::RecordServed("streaming", user, "latency", "s", xs, ms);
            PredictionLog::RecordServed("dai", user, "latency", "s", xd, md);
        }
        const double saving = 1 - ms / md;
        std::cout << std::setprecision(2) << std::setw(8) << exStreaming[i].startRateBps / 1e6
                  << std::setw(8) << ps.rateBps / 1e6 << std::setprecision(3) << std::setw(11)
                  << download << std::setw(10) << computeTotal << " |" << std::setw(9) << ms;
        if (hasExAnte)
        {
            std::cout << std::setw(9) << xs << std::setprecision(2) << std::setw(7) << 100 * xes;
        }
        else
        {
            std::cout << std::setw(16) << "no CQI";
        }
        std::cout << std::setprecision(3) << std::setw(9) << ps.latency << std::setprecision(2)
                  << std::setw(7) << 100 * es << " |" << std::setprecision(3) << std::setw(9) << md;
        if (hasExAnte)
        {
            std::cout << std::setw(9) << xd << std::setprecision(2) << std::setw(7) << 100 * xed;
        }
        else
        {
            std::cout << std::setw(16) << "no CQI";
        }
        std::cout << std::setprecision(3) << std::setw(9) << pd.latency << std::setprecision(2)
                  << std::setw(7) << 100 * ed << " |" << std::setw(8) << 100 * saving << "\n";
    }
    std::cout << "\nTasks completed in both modes: " << completed << "/" << sc.nUes
              << "; largest |relative error|: ex-ante prediction ";
    if (nExAnte > 0)
    {
        std::cout << std::setprecision(2) << 100 * maxExAnte << "% (" << nExAnte << " UEs)";
    }
    else
    {
        // over NR this example takes no CQI snapshot (slide-lte --radio=nr predicts over NR)
        std::cout << "none (no CQI before the first packet)";
    }
    std::cout << ", a-posteriori reconstruction " << std::setprecision(2) << 100 * maxPost << "%\n";
    std::cout << "dist_m: horizontal distance (eNB at 30 m, UEs at 1.5 m height). CQI: wideband "
                 "CQI the UE reported before the clients started. pred_s: ex-ante prediction, "
                 "made before any packet of the task: SLIDE recursion (resp. DAI) over the "
                 "layer arrivals of the rate model (LTE AMC of the CQI over the whole band x "
                 "0.955, shared equally in time among the UEs still downloading, as PF does "
                 "with static channels) after --accessDelay; r_pred: that rate while all UEs "
                 "download (Mbit/s). post_s: a-posteriori reconstruction with the UE's measured "
                 "average rate r_meas (first to last byte) and time to first byte: its last "
                 "layer matches by construction, so its err% only shows how far the per-layer "
                 "arrivals depart from a constant rate. err% = (measured - predicted) / "
                 "measured.\n";
    return completed == sc.nUes ? 0 : 1;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
