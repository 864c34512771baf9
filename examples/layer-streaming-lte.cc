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
 * download time, compute time and end-to-end latency in both modes, and the analytic
 * prediction of the SLIDE recursion from the measured average rate, with the relative error.
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
    double enbTxPowerDbm{43};             ///< eNB power
    double timeoutS{60};                  ///< task timeout
    std::string radio{"lte"};             ///< "lte" or "nr" (--radio)
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
std::vector<LayerwiseInferenceClient::TaskRecord>
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
        [&sc](Ptr<LteHelper> lte)
        {
            lte->SetSchedulerType("ns3::PfFfMacScheduler");
            lte->SetEnbDeviceAttribute("DlEarfcn", UintegerValue(100));
            Config::SetDefault("ns3::LteEnbPhy::TxPower", DoubleValue(sc.enbTxPowerDbm));
        },
        geometry,
        sc.enbTxPowerDbm);

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
    Simulator::Run();
    std::vector<LayerwiseInferenceClient::TaskRecord> out;
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        out.push_back(
            DynamicCast<LayerwiseInferenceClient>(clients.Get(i))->GetTaskRecords().at(0));
    }
    Simulator::Destroy();
    return out;
}

/// Analytic prediction of a task from its measured average download rate.
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

    // TCP with full-size segments; RLC AM so that TCP sees a reliable, loss-free bearer
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1400));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(1 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(1 << 20));
    Config::SetDefault("ns3::LteEnbRrc::EpsBearerToRlcMapping",
                       EnumValue(LteEnbRrc::RLC_AM_ALWAYS));
    Config::SetDefault("ns3::LteRlcAm::MaxTxBufferSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::LteHelper::UseIdealRrc", BooleanValue(true));

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

    const auto streaming = RunOnce(sc, model, LayerwiseInferenceClient::STREAMING);
    const auto dai = RunOnce(sc, model, LayerwiseInferenceClient::DOWNLOAD_THEN_INFER);

    std::cout << "\n"
              << std::setw(3) << "UE" << std::setw(7) << "dist_m" << std::setw(10) << "rate_Mbps"
              << std::setw(11) << "download_s" << std::setw(10) << "compute_s"
              << " |" << std::setw(10) << "slide_s" << std::setw(10) << "pred_s" << std::setw(8)
              << "err%"
              << " |" << std::setw(10) << "dai_s" << std::setw(10) << "pred_s" << std::setw(8)
              << "err%"
              << " |" << std::setw(9) << "saving%"
              << "\n";
    uint32_t completed = 0;
    double maxAbsErr = 0;
    for (uint32_t i = 0; i < sc.nUes; ++i)
    {
        const auto& s = streaming[i];
        const auto& d = dai[i];
        std::cout << std::setw(3) << i << std::setw(7) << std::setprecision(0) << sc.distances[i];
        if (!s.completed || !d.completed)
        {
            std::cout << "  FAILED: " << (s.completed ? "" : "streaming: " + s.failureReason + " ")
                      << (d.completed ? "" : "dai: " + d.failureReason) << "\n";
            continue;
        }
        ++completed;
        const Prediction ps = Predict(s, tau);
        const Prediction pd = Predict(d, tau);
        const double download = (s.layerArrival.back() - s.requestTime).GetSeconds();
        const double es = (s.latency.GetSeconds() - ps.latency) / s.latency.GetSeconds();
        const double ed = (d.latency.GetSeconds() - pd.latency) / d.latency.GetSeconds();
        maxAbsErr = std::max({maxAbsErr, std::abs(es), std::abs(ed)});
        const double saving = 1 - s.latency.GetSeconds() / d.latency.GetSeconds();
        std::cout << std::setprecision(2) << std::setw(10) << ps.rateBps / 1e6
                  << std::setprecision(3) << std::setw(11) << download << std::setw(10)
                  << computeTotal << " |" << std::setw(10) << s.latency.GetSeconds()
                  << std::setw(10) << ps.latency << std::setprecision(3) << std::setw(8) << 100 * es
                  << " |" << std::setprecision(3) << std::setw(10) << d.latency.GetSeconds()
                  << std::setw(10) << pd.latency << std::setprecision(3) << std::setw(8) << 100 * ed
                  << " |" << std::setw(9) << 100 * saving << "\n";
    }
    std::cout << "\nTasks completed in both modes: " << completed << "/" << sc.nUes
              << "; largest |relative error| of the prediction: " << std::setprecision(3)
              << 100 * maxAbsErr << "%\n";
    std::cout << "dist_m: horizontal distance (eNB at 30 m, UEs at 1.5 m height). pred_s: SLIDE "
                 "recursion (resp. DAI) with the UE's measured average rate (first to last byte) "
                 "and time to first byte, so the last layer's predicted arrival matches by "
                 "construction; err% = (measured - predicted) / measured shows how far the "
                 "per-layer arrivals depart from a constant rate.\n";
    return completed == sc.nUes ? 0 : 1;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
