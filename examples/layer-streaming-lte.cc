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
 *    scheduler's equal time shares among the UEs still downloading; over NR (--radio=nr) from
 *    the CQI each UE reported to the gNB's NrSymbolShareScheduler (without shares: TDMA round
 *    robin) after a probe datagram (ProbeDownlink()), NrDlSymbolRateModel at the share 1/n
 *    of the DL data symbols among the n UEs still downloading, with the headers and the
 *    F-slot symbols the n streams' TCP ACKs take (NrSlideCell);
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

#ifdef EI_HAVE_NR
#    include "ns3/nr-gnb-net-device.h"
#    include "ns3/nr-slide-cell.h"
#    include "ns3/nr-symbol-share-scheduler.h"
#    include "ns3/nr-ue-net-device.h"
#endif

#include <cmath>
#include <functional>
#include <iomanip>
#include <iostream>
#include <limits>
#include <memory>
#include <sstream>
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
    /// NR: the DL symbol-share rate model of those CQIs (NrSlideCell::MakeAmcRateModel:
    /// NrDlSymbolRateModel with the headers and the F-slot uplink of m streams) for m = 1..n
    /// (index m - 1), built at the snapshot; empty over LTE or without CQIs
    std::vector<std::shared_ptr<const RateModel>> nrModels;
    double nrBandwidthHz{0}; ///< NR: W, the bandwidth a share of 1 stands for, Hz
};

/// What one run measured for one UE.
struct UeResult
{
    LayerwiseInferenceClient::TaskRecord record; ///< the task record
};

#ifdef EI_HAVE_NR
/**
 * Send one small UDP datagram from a node to each of some addresses (to the discard port 9,
 * where nobody listens), one address after the other from a given time at a given spacing:
 * a downlink packet that makes an NR UE report a CQI. One at a time because a 5G-LENA TDMA
 * scheduler gives n UEs with data one symbol each of a slot's 13 DL data symbols: at the
 * starting MCS 0 (no CQI yet) one symbol carries less than the smallest transport block (10
 * bytes), so from 13 UEs probed at once no UE would ever be served.
 * @param [in] from the sending node (the edge server)
 * @param [in] to the receivers' interfaces
 * @param [in] start time of the first datagram
 * @param [in] spacing time between two datagrams
 */
void
ProbeDownlink(Ptr<Node> from, const Ipv4InterfaceContainer& to, Time start, Time spacing)
{
    Ptr<Socket> socket = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    for (uint32_t i = 0; i < to.GetN(); ++i)
    {
        const Ipv4Address a = to.GetAddress(i);
        Simulator::Schedule(start + spacing * i,
                            [socket, a]()
                            { socket->SendTo(Create<Packet>(12), 0, InetSocketAddress(a, 9)); });
    }
}
#endif

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
    // (LTE: the FFR keeps them; NR: the NrSymbolShareScheduler, through NrSlideCell)
    RunOutput run;
    run.cqi.assign(topo.ueDevs.GetN(), -1);
#ifdef EI_HAVE_NR
    if (sc.radio == "nr")
    {
        Ptr<NrSymbolShareScheduler> sched;
        try
        {
            sched = NrSymbolShareScheduler::GetFromGnbDevice(topo.bs.Get(0));
        }
        catch (const std::invalid_argument&)
        {
            // another --ns3::EdgeNrTopologyHelper::SchedulerType: no CQI, no ex-ante prediction
        }
        if (sched)
        {
            // a 5G-LENA UE computes its CQI from the SINR of a PDSCH it receives (no CSI-RS
            // in v2.3): the cell has sent it nothing before the clients start, so the edge
            // server sends each UE one small UDP datagram (port 9, nobody listens) between
            // 0.2 s and 0.48 s, which makes it report; LTE UEs report from the control region
            ProbeDownlink(topo.remote.Get(0),
                          topo.nr.ueInterfaces,
                          Seconds(0.2),
                          std::min(MilliSeconds(1), Seconds(0.28) / topo.ueDevs.GetN()));
            PointerValue amc;
            sched->GetAttribute("DlAmc", amc);
            NS_ABORT_MSG_IF(!amc.Get<NrAmc>(),
                            "layer-streaming-lte: the gNB scheduler has no DL AMC");
            auto cell =
                std::make_shared<NrSlideCell>(sched,
                                              DynamicCast<NrGnbNetDevice>(topo.bs.Get(0))->GetRrc(),
                                              EdgeNrTopologyHelper::GetDlResources(topo.bs.Get(0)),
                                              amc.Get<NrAmc>());
            Simulator::Schedule(
                Seconds(0.5) - MicroSeconds(1),
                [cell, &run, &topo]()
                {
                    for (uint32_t i = 0; i < topo.ueDevs.GetN(); ++i)
                    {
                        const uint64_t imsi =
                            DynamicCast<NrUeNetDevice>(topo.ueDevs.Get(i))->GetImsi();
                        const uint16_t rnti = cell->GetRntiOfImsi(imsi);
                        uint8_t cqi = 0;
                        Time when;
                        if (rnti != 0 && cell->GetDlWidebandCqi(rnti, cqi, when))
                        {
                            run.cqi[i] = cqi;
                        }
                    }
                    for (uint32_t m = 1; m <= topo.ueDevs.GetN(); ++m)
                    {
                        // m streams: first as fast as the cell allows (each takes a symbol
                        // of every F slot), then at the mean rate that model gives a UE at
                        // the share 1/m (two fixed-point passes)
                        double rate = std::numeric_limits<double>::infinity();
                        std::shared_ptr<const RateModel> model;
                        for (int pass = 0; pass < 3; ++pass)
                        {
                            cell->SetConcurrentStreams(std::vector<double>(m, rate));
                            model = cell->MakeAmcRateModel(run.cqi);
                            double sum = 0;
                            uint32_t n = 0;
                            for (uint32_t k = 0; k < model->GetNUsers(); ++k)
                            {
                                if (model->HasRate(k))
                                {
                                    sum += model->Rate(k, cell->GetBandwidthHz() / m);
                                    ++n;
                                }
                            }
                            rate = n > 0 ? sum / n : rate;
                        }
                        run.nrModels.push_back(model);
                    }
                    run.nrBandwidthHz = cell->GetBandwidthHz();
                });
        }
    }
#endif
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
 * The rate of a UE while m UEs download, bit/s.
 * @param k the UE
 * @param m UEs downloading (>= 1)
 * @return the rate (0: the UE has no rate)
 */
using SharedRate = std::function<double(size_t k, size_t m)>;

/**
 * Ex-ante download schedule of every UE: the scheduler splits the cell evenly among the UEs
 * still downloading, so UE k downloads at rate(k, n) while n UEs download, then at
 * rate(k, n - 1) once one finishes, and so on. Downloads start accessS after the request.
 * @param [in] n UEs
 * @param [in] rate UE k's rate while m UEs download (LteSharedRate(), NrSharedRate())
 * @param [in] layerBits bits on the wire per layer (LayerHeader + weights)
 * @param [in] accessS time from the request to the first byte, s
 * @return the schedule per UE (empty layerFinishS for a UE without a rate)
 */
std::vector<ExAnte>
PredictExAnte(size_t n,
              const SharedRate& rate,
              const std::vector<double>& layerBits,
              double accessS)
{
    std::vector<double> remaining(n, 0);
    double total = 0;
    for (double b : layerBits)
    {
        total += b;
    }
    std::vector<size_t> active;
    for (size_t k = 0; k < n; ++k)
    {
        if (rate(k, 1) > 0)
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
        const size_t m = active.size();
        double dt = std::numeric_limits<double>::infinity();
        for (size_t k : active)
        {
            dt = std::min(dt, remaining[k] / rate(k, m));
        }
        std::vector<size_t> next;
        for (size_t k : active)
        {
            const double r = rate(k, m);
            if (segments[k].empty())
            {
                out[k].startRateBps = r;
            }
            segments[k].push_back({t, t + dt, r});
            remaining[k] -= r * dt;
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

/**
 * LTE: UE k's full-band rate R_k is the LTE-AMC rate of its reported CQI over the schedulable
 * RBGs times SLIDE_LTE_RATE_EFFICIENCY; the proportional-fair scheduler gives the m UEs still
 * downloading equal time shares (static channels: PF's metric r_k / T_k equalises the
 * shares), so UE k gets R_k / m.
 * @param [in] cqi reported CQI per UE (-1: none)
 * @param [in] rbs cell bandwidth, RBs
 * @return the rate function
 */
SharedRate
LteSharedRate(const std::vector<int>& cqi, uint32_t rbs)
{
    auto amc = std::make_shared<const LteAmcRateModel>(cqi, rbs);
    return [amc](size_t k, size_t m)
    {
        return amc->HasRate(k)
                   ? SLIDE_LTE_RATE_EFFICIENCY * amc->Rate(k, amc->GetSchedulableBandwidthHz()) / m
                   : 0.0;
    };
}

/**
 * NR: the TDMA round-robin scheduler (NrSymbolShareScheduler without shares =
 * NrMacSchedulerTdmaRR) gives the m UEs still downloading equal numbers of DL data symbols per
 * slot, so UE k gets the share 1 / m: NrDlSymbolRateModel::Rate(k, W / m) (whole symbols per
 * slot by the credit rule), with the headers and the F-slot symbols the m streams' TCP ACKs
 * take (NrSlideCell).
 * @param [in] models the NR DL symbol-share rate models of the reported CQIs with m = 1..n
 * streams (empty: no rate)
 * @param [in] bandwidthHz W, the bandwidth of a share of 1, Hz
 * @return the rate function
 */
SharedRate
NrSharedRate(const std::vector<std::shared_ptr<const RateModel>>& models, double bandwidthHz)
{
    return [models, bandwidthHz](size_t k, size_t m)
    {
        if (m == 0 || m > models.size() || !models[m - 1]->HasRate(k))
        {
            return 0.0;
        }
        return models[m - 1]->Rate(k, bandwidthHz / m);
    };
}

/**
 * The shared-rate function of a run's radio.
 * @param [in] sc scenario
 * @param [in] run the run (its CQIs; over NR its rate model)
 * @return the rate function
 */
SharedRate
RunSharedRate(const Scenario& sc, const RunOutput& run)
{
    return sc.radio == "nr" ? NrSharedRate(run.nrModels, run.nrBandwidthHz)
                            : LteSharedRate(run.cqi, sc.rbs);
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
#ifdef EI_HAVE_NR
    // NR: TDMA round robin that keeps the UEs' CQI reports (NrSymbolShareScheduler without
    // shares is NrMacSchedulerTdmaRR); before Parse, so the command line can still set another
    Config::SetDefault("ns3::EdgeNrTopologyHelper::SchedulerType",
                       TypeIdValue(NrSymbolShareScheduler::GetTypeId()));
#endif
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
    const auto exStreaming =
        PredictExAnte(sc.nUes, RunSharedRate(sc, streamingRun), layerBits, sc.accessS);
    const auto exDai = PredictExAnte(sc.nUes, RunSharedRate(sc, daiRun), layerBits, sc.accessS);

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
        // no UE had reported a CQI (e.g. over NR with a scheduler other than
        // NrSymbolShareScheduler, which keeps no CQI)
        std::cout << "none (no CQI before the first packet)";
    }
    std::cout << ", a-posteriori reconstruction " << std::setprecision(2) << 100 * maxPost << "%\n";
    std::ostringstream rateModel;
    rateModel << std::setprecision(3);
    if (sc.radio == "nr")
    {
        rateModel << "NR DL symbol-share model (NrDlSymbolRateModel) of the CQI at share 1/n "
                     "of the DL data symbols, n the UEs still downloading, as the TDMA round "
                     "robin shares them, with the headers (NrSlideCell::PayloadFraction) and "
                     "the F-slot symbols of the streams' TCP ACKs";
    }
    else
    {
        rateModel << "LTE AMC of the CQI over the whole band x " << SLIDE_LTE_RATE_EFFICIENCY
                  << ", shared equally in time among the UEs still downloading, as PF does "
                     "with static channels";
    }
    std::cout << "dist_m: horizontal distance (" << (sc.radio == "nr" ? "gNB" : "eNB")
              << " at 30 m, UEs at 1.5 m height). CQI: wideband CQI the UE reported before the "
                 "clients started"
              << (sc.radio == "nr" ? " (after a 12-byte probe datagram, one UE per ms from 0.2 s)"
                                   : "")
              << ". pred_s: ex-ante prediction, made before any packet of the task: SLIDE "
                 "recursion (resp. DAI) over the layer arrivals of the rate model ("
              << rateModel.str()
              << ") after --accessDelay; r_pred: that rate while all UEs download (Mbit/s). "
                 "post_s: a-posteriori reconstruction with the UE's measured "
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
