/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-lte-test-cell.h"
#include "test-models.h"

#include "ns3/config.h"
#include "ns3/core-module.h"
#include "ns3/edge-inference-helper.h"
#include "ns3/edge-lte-topology-helper.h"
#include "ns3/error-model.h"
#include "ns3/internet-module.h"
#include "ns3/layer-header.h"
#include "ns3/layer-streaming-latency.h"
#include "ns3/layer-streaming-server.h"
#include "ns3/layerwise-inference-client.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/test.h"

#include <cmath>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

using testutils::SmallModel;

/// A larger model: three layers of 400 kB, more than a default TCP send buffer holds.
DnnModel
LargeModel()
{
    DnnModel m("large", 4.0);
    for (int i = 0; i < 3; ++i)
    {
        m.AddLayer({"l" + std::to_string(i), 100000, 1.0e6, 1000, ""});
    }
    return m;
}

/// Two nodes joined by a point-to-point link, with the stack and addresses.
struct P2pNet
{
    NodeContainer nodes;           ///< node 0 = server, node 1 = client
    NetDeviceContainer devices;    ///< the link's devices
    Ipv4InterfaceContainer ifaces; ///< addresses
};

P2pNet
MakeP2p(const std::string& rate, const std::string& delay)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1400));
    P2pNet n;
    n.nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetChannelAttribute("Delay", StringValue(delay));
    n.devices = p2p.Install(n.nodes);
    InternetStackHelper stack;
    stack.Install(n.nodes);
    Ipv4AddressHelper addr("10.1.1.0", "255.255.255.0");
    n.ifaces = addr.Assign(n.devices);
    return n;
}

/// Collects trace events.
struct Events
{
    std::vector<uint32_t> received;  ///< layers received, in order
    std::vector<uint32_t> computed;  ///< layers computed, in order
    uint32_t completed{0};           ///< TaskCompleted count
    std::vector<std::string> failed; ///< TaskFailed reasons
    Time failTime;                   ///< when the last failure fired
};

void
OnReceived(Events* e, uint32_t task, uint32_t layer, Time t)
{
    e->received.push_back(layer);
}

void
OnComputed(Events* e, uint32_t task, uint32_t layer, Time t)
{
    e->computed.push_back(layer);
}

void
OnCompleted(Events* e, uint32_t task, Time latency, double energy)
{
    e->completed++;
}

void
OnFailed(Events* e, uint32_t task, const std::string& reason)
{
    e->failed.push_back(reason);
    e->failTime = Simulator::Now();
}

void
Connect(Ptr<Application> app, Events* e)
{
    app->TraceConnectWithoutContext("LayerReceived", MakeBoundCallback(&OnReceived, e));
    app->TraceConnectWithoutContext("LayerComputed", MakeBoundCallback(&OnComputed, e));
    app->TraceConnectWithoutContext("TaskCompleted", MakeBoundCallback(&OnCompleted, e));
    app->TraceConnectWithoutContext("TaskFailed", MakeBoundCallback(&OnFailed, e));
}

/// Device: 1e9 FLOP/s (n = 10, f = 100 MHz), kappa = 1e-27.
void
SetDevice(EdgeInferenceHelper& h)
{
    h.SetClientAttribute("FlopsPerCycle", DoubleValue(10));
    h.SetClientAttribute("FrequencyHz", DoubleValue(100e6));
    h.SetClientAttribute("EnergyCoefficient", DoubleValue(1e-27));
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * @brief Streaming vs download-then-infer over a point-to-point link: layer order, the
 * SLIDE recursion on the measured arrivals, energy, and download time vs the link rate.
 */
class StreamingP2pTestCase : public TestCase
{
  public:
    /**
     * @brief Constructor.
     * @param [in] mode client mode under test
     */
    StreamingP2pTestCase(LayerwiseInferenceClient::Mode mode)
        : TestCase(
              std::string("Layer streaming over point-to-point, mode ") +
              (mode == LayerwiseInferenceClient::STREAMING ? "Streaming" : "DownloadThenInfer"))
        , m_mode(mode)
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        P2pNet net = MakeP2p("8Mbps", "2ms");
        EdgeInferenceHelper helper;
        helper.AddModel(SmallModel());
        SetDevice(helper);
        helper.SetClientAttribute("Mode", EnumValue(m_mode));
        helper.SetClientAttribute("Samples", UintegerValue(2));
        ApplicationContainer server = helper.InstallServer(net.nodes.Get(0));
        ApplicationContainer client =
            helper.InstallClient(net.nodes.Get(1), net.ifaces.GetAddress(0), "small");
        server.Start(Seconds(0));
        client.Start(Seconds(0.1));
        Events ev;
        Connect(client.Get(0), &ev);
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        auto c = DynamicCast<LayerwiseInferenceClient>(client.Get(0));
        const auto& recs = c->GetTaskRecords();
        NS_TEST_ASSERT_MSG_EQ(recs.size(), 1u, "one task");
        const auto& r = recs[0];
        NS_TEST_ASSERT_MSG_EQ(r.completed, true, "task completed: " << r.failureReason);
        NS_TEST_ASSERT_MSG_EQ(ev.completed, 1u, "TaskCompleted fired once");
        NS_TEST_ASSERT_MSG_EQ(ev.failed.size(), 0u, "no failure");
        NS_TEST_ASSERT_MSG_EQ(
            (ev.received == std::vector<uint32_t>{0, 1, 2}), true, "layers in order");
        NS_TEST_ASSERT_MSG_EQ(
            (ev.computed == std::vector<uint32_t>{0, 1, 2}), true, "computed in order");
        const DnnModel m = SmallModel();
        // stream bytes = payload + one 30-byte header per layer
        NS_TEST_ASSERT_MSG_EQ(r.bytesReceived, m.GetTotalBytes() + 3 * LayerHeader::SIZE, "bytes");

        // compute times: 2 samples x FLOPs / 1e9 FLOP/s
        const double tau[] = {0.4, 1.2, 0.002};
        for (uint32_t l = 0; l < 3; ++l)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL((r.computeFinish[l] - r.computeStart[l]).GetSeconds(),
                                      tau[l],
                                      1e-9,
                                      "compute time of layer " << l);
            const Time ready = (m_mode == LayerwiseInferenceClient::STREAMING) ? r.layerArrival[l]
                                                                               : r.layerArrival[2];
            const Time prev = l == 0 ? Time(0) : r.computeFinish[l - 1];
            NS_TEST_ASSERT_MSG_EQ(r.computeStart[l], std::max(ready, prev), "start rule " << l);
        }
        // the recursion evaluated on the measured arrivals gives the measured latency
        std::vector<double> d;
        for (const auto& a : r.layerArrival)
        {
            d.push_back((a - r.requestTime).GetSeconds());
        }
        std::vector<double> tv(tau, tau + 3);
        const double predicted = m_mode == LayerwiseInferenceClient::STREAMING
                                     ? LayerStreamingLatency::Streaming(d, tv).latency
                                     : LayerStreamingLatency::DownloadThenInfer(d, tv).latency;
        NS_TEST_ASSERT_MSG_EQ_TOL(r.latency.GetSeconds(), predicted, 1e-9, "latency");
        // energy = kappa f^2 cycles = 1e-27 * 1e16 * (2 * 8.01e8 / 10) J
        NS_TEST_ASSERT_MSG_EQ_TOL(r.energyJ, 1e-27 * 1e16 * 2 * 8.01e8 / 10, 1e-15, "energy");
        // download: 180 090 bytes over 8 Mbit/s take >= 0.18 s; TCP/IP/PPP headers add
        // (40 + 2) / 1400 = 3 %, slow start a few RTTs: allow 25 %
        const double download = (r.layerArrival[2] - r.requestTime).GetSeconds();
        const double ideal = r.bytesReceived * 8.0 / 8e6;
        NS_TEST_ASSERT_MSG_GT(download, ideal, "cannot beat the link rate");
        NS_TEST_ASSERT_MSG_LT(download, ideal * 1.25, "close to the link rate");
        if (m_mode == LayerwiseInferenceClient::STREAMING)
        {
            NS_TEST_ASSERT_MSG_LT(r.computeStart[0], r.layerArrival[2], "overlap");
        }
        Simulator::Destroy();
    }

    LayerwiseInferenceClient::Mode m_mode; ///< Mode under test
};

/**
 * @ingroup edge-inference-tests
 * @brief Failure paths: unknown model, truncated transfer, dead link (timeout), and a
 * sequence of tasks. No path hangs: the simulator runs out of events.
 */
class StreamingFailureTestCase : public TestCase
{
  public:
    StreamingFailureTestCase()
        : TestCase("Layer streaming failures end tasks, never hang")
    {
    }

  private:
    /**
     * @brief Run one scenario.
     * @param [in] model model the client asks for
     * @param [in] serverStop when the server stops (0 = never)
     * @param [in] linkDown when the link starts dropping everything (0 = never)
     * @param [out] ev trace events
     * @param [in] stop simulation stop time (0 = run until no event is left)
     * @return the client's records
     */
    std::vector<LayerwiseInferenceClient::TaskRecord> Run(
        const std::string& model, Time serverStop, Time linkDown, Events& ev, Time stop = Time(0))
    {
        P2pNet net = MakeP2p("1Mbps", "5ms");
        EdgeInferenceHelper helper;
        helper.AddModel(SmallModel());
        helper.AddModel(LargeModel());
        SetDevice(helper);
        ApplicationContainer server = helper.InstallServer(net.nodes.Get(0));
        Ptr<LayerwiseInferenceClient> client = CreateObject<LayerwiseInferenceClient>();
        client->SetAttribute("ModelName", StringValue(model));
        client->SetAttribute("FlopsPerCycle", DoubleValue(10));
        client->SetAttribute("FrequencyHz", DoubleValue(100e6));
        client->SetAttribute("TaskTimeout", TimeValue(Seconds(5)));
        client->SetRemote(net.ifaces.GetAddress(0), 5000);
        net.nodes.Get(1)->AddApplication(client);
        server.Start(Seconds(0));
        if (!serverStop.IsZero())
        {
            server.Stop(serverStop);
        }
        client->SetStartTime(Seconds(0.1));
        Connect(client, &ev);
        if (!linkDown.IsZero())
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetAttribute("ErrorRate", DoubleValue(1.0));
            em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
            NetDeviceContainer devs = net.devices;
            Simulator::Schedule(
                linkDown,
                [devs, em]()
                {
                    devs.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(em));
                    devs.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));
                });
        }
        if (!stop.IsZero())
        {
            Simulator::Stop(stop);
        }
        Simulator::Run(); // without a stop time, it must run out of events
        auto recs = client->GetTaskRecords();
        Simulator::Destroy();
        return recs;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        {
            Events ev;
            auto recs = Run("no-such-model", Time(0), Time(0), ev);
            NS_TEST_ASSERT_MSG_EQ(recs.size(), 1u, "one task");
            NS_TEST_ASSERT_MSG_EQ(recs[0].failed, true, "unknown model fails");
            NS_TEST_ASSERT_MSG_EQ(ev.failed.size(), 1u, "TaskFailed fired");
            NS_TEST_ASSERT_MSG_LT(ev.failTime, Seconds(1), "rejected quickly, no timeout");
            NS_TEST_ASSERT_MSG_NE(
                ev.failed[0].find("closed by the server after 0"), std::string::npos, ev.failed[0]);
        }
        {
            // 1.2 MB at 1 Mbit/s take ~10 s: stopping the server at 0.6 s truncates the
            // stream after what TCP had already buffered (Close() delivers queued bytes)
            Events ev;
            auto recs = Run("large", Seconds(0.6), Time(0), ev);
            NS_TEST_ASSERT_MSG_EQ(recs[0].failed, true, "truncated transfer fails");
            NS_TEST_ASSERT_MSG_EQ(recs[0].completed, false, "not completed");
            NS_TEST_ASSERT_MSG_LT(ev.failTime, Seconds(5), "before the timeout");
            NS_TEST_ASSERT_MSG_LT(ev.received.size(), 3u, "not all layers");
        }
        {
            // the link dies at 0.5 s: TCP retransmits in vain (for long: its own retry timers
            // outlive the task, so the run is bounded), the 5 s timeout ends the task
            Events ev;
            auto recs = Run("small", Time(0), Seconds(0.5), ev, Seconds(30));
            NS_TEST_ASSERT_MSG_EQ(recs[0].failed, true, "dead link fails");
            NS_TEST_ASSERT_MSG_NE(
                recs[0].failureReason.find("timeout"), std::string::npos, recs[0].failureReason);
            NS_TEST_ASSERT_MSG_EQ(ev.failTime, Seconds(5.1), "fails at request + TaskTimeout");
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Several tasks one after another with a random interval; AssignStreams makes the
 * run reproducible.
 */
class StreamingSequenceTestCase : public TestCase
{
  public:
    StreamingSequenceTestCase()
        : TestCase("A client runs NumTasks tasks separated by TaskInterval draws")
    {
    }

  private:
    std::vector<Time> RunOnce()
    {
        P2pNet net = MakeP2p("20Mbps", "1ms");
        EdgeInferenceHelper helper;
        helper.AddModel(SmallModel());
        SetDevice(helper);
        helper.SetClientAttribute("NumTasks", UintegerValue(3));
        helper.SetClientAttribute("TaskInterval",
                                  StringValue("ns3::UniformRandomVariable[Min=0.5|Max=1.5]"));
        helper.InstallServer(net.nodes.Get(0));
        ApplicationContainer client =
            helper.InstallClient(net.nodes.Get(1), net.ifaces.GetAddress(0), "small");
        const int64_t used = helper.AssignStreams(net.nodes, 42);
        NS_TEST_EXPECT_MSG_EQ(used, 1, "one stream per client");
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        std::vector<Time> starts;
        for (const auto& r : DynamicCast<LayerwiseInferenceClient>(client.Get(0))->GetTaskRecords())
        {
            NS_TEST_EXPECT_MSG_EQ(r.completed, true, "task " << r.taskId);
            starts.push_back(r.requestTime);
        }
        Simulator::Destroy();
        return starts;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(7);
        auto a = RunOnce();
        auto b = RunOnce();
        NS_TEST_ASSERT_MSG_EQ(a.size(), 3u, "three tasks");
        NS_TEST_ASSERT_MSG_EQ((a == b), true, "same seed and streams: same request times");
        NS_TEST_ASSERT_MSG_NE(a[1] - a[0], a[2] - a[1], "intervals are random draws");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief The vertical slice over LTE with EPC: one UE streams a model from a remote host.
 */
class StreamingLteTestCase : public TestCase
{
  public:
    StreamingLteTestCase()
        : TestCase("Layer streaming over LTE with EPC")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1400));
        Config::SetDefault("ns3::LteEnbRrc::EpsBearerToRlcMapping",
                           EnumValue(LteEnbRrc::RLC_AM_ALWAYS));
        Config::SetDefault("ns3::LteRlcAm::MaxTxBufferSize", UintegerValue(2 * 1024 * 1024));
        testutils::TestLteCellOptions o;
        o.distancesM = {100};
        o.coreRate = "1Gbps";
        const EdgeLteTopology cell = testutils::BuildTestLteCell(o);
        const NodeContainer& remote = cell.remote;
        const NodeContainer& ue = cell.ues;

        EdgeInferenceHelper helper;
        helper.AddModel(SmallModel());
        SetDevice(helper);
        helper.InstallServer(remote.Get(0));
        ApplicationContainer client = helper.InstallClient(ue.Get(0), cell.serverAddress, "small");
        client.Start(Seconds(0.2));
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        const auto& r =
            DynamicCast<LayerwiseInferenceClient>(client.Get(0))->GetTaskRecords().at(0);
        NS_TEST_ASSERT_MSG_EQ(r.completed, true, "completed over LTE: " << r.failureReason);
        std::vector<double> d;
        for (const auto& a : r.layerArrival)
        {
            d.push_back((a - r.requestTime).GetSeconds());
        }
        const double predicted =
            LayerStreamingLatency::Streaming(d, std::vector<double>{0.2, 0.6, 0.001}).latency;
        NS_TEST_ASSERT_MSG_EQ_TOL(r.latency.GetSeconds(), predicted, 1e-9, "recursion");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * BuildEdgeLteTopology(): the UEs at the given distances and heights, the server reachable
 * behind the PGW, the SRS periodicity sized to the UEs, and the LTE bandwidth rule.
 */
class EdgeLteTopologyTestCase : public TestCase
{
  public:
    EdgeLteTopologyTestCase()
        : TestCase("BuildEdgeLteTopology: geometry, addresses, SRS periodicity, radio")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_ASSERT_MSG_EQ(IsLteBandwidth(25), true, "25 RBs");
        NS_TEST_ASSERT_MSG_EQ(IsLteBandwidth(30), false, "30 RBs");
        // 41 UEs need more than 40 SRS indices: the periodicity doubles to 80 ms
        std::vector<double> distances(41);
        for (size_t i = 0; i < distances.size(); ++i)
        {
            distances[i] = 100.0 + 10.0 * i;
        }
        EdgeLteGeometry geometry;
        geometry.enbHeightM = 30;
        geometry.ueHeightM = 1.5;
        const EdgeLteTopology t = BuildEdgeLteTopology(
            25,
            distances,
            [](Ptr<LteHelper> lte) { lte->SetSchedulerType("ns3::RrFfMacScheduler"); },
            geometry);
        NS_TEST_ASSERT_MSG_EQ(t.ues.GetN(), 41u, "one UE per distance");
        NS_TEST_ASSERT_MSG_EQ(t.ueInterfaces.GetN(), 41u, "one address per UE");
        NS_TEST_ASSERT_MSG_EQ(t.serverAddress, Ipv4Address("1.0.0.2"), "server behind the PGW");
        const Vector enb = t.enb.Get(0)->GetObject<MobilityModel>()->GetPosition();
        NS_TEST_ASSERT_MSG_EQ_TOL(enb.z, 30.0, 1e-12, "eNB height");
        for (uint32_t i = 0; i < t.ues.GetN(); ++i)
        {
            const Vector p = t.ues.Get(i)->GetObject<MobilityModel>()->GetPosition();
            NS_TEST_ASSERT_MSG_EQ_TOL(std::hypot(p.x, p.y), distances[i], 1e-9, "UE " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(p.z, 1.5, 1e-12, "UE height " << i);
        }
        Ptr<LteEnbNetDevice> enbDev = DynamicCast<LteEnbNetDevice>(t.enbDevices.Get(0));
        UintegerValue srs;
        enbDev->GetRrc()->GetAttribute("SrsPeriodicity", srs);
        NS_TEST_ASSERT_MSG_EQ(srs.Get(), 80u, "SRS periodicity > 41 UEs");
        NS_TEST_ASSERT_MSG_EQ(enbDev->GetUlBandwidth(), 25u, "UL RBs");
        // the radio defaults (EdgeLteRadio) are set on the installed PHYs
        NS_TEST_ASSERT_MSG_EQ_TOL(enbDev->GetPhy()->GetTxPower(), 43.0, 1e-12, "eNB, 25 RB");
        for (uint32_t i = 0; i < t.ueDevices.GetN(); ++i)
        {
            Ptr<LteUePhy> ue = DynamicCast<LteUeNetDevice>(t.ueDevices.Get(i))->GetPhy();
            NS_TEST_ASSERT_MSG_EQ_TOL(ue->GetTxPower(), 23.0, 1e-12, "UE power " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(
                ue->GetUplinkPowerControl()->GetPcmax(), 23.0, 1e-12, "UE Pcmax " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(ue->GetNoiseFigure(), 9.0, 1e-12, "UE NF " << i);
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(enbDev->GetPhy()->GetNoiseFigure(), 5.0, 1e-12, "eNB NF");
        Simulator::Destroy();

        // 20 MHz: the macro power of the band; explicit parameters win
        const EdgeLteTopology wide = BuildEdgeLteTopology(
            100,
            {200},
            [](Ptr<LteHelper> lte) { lte->SetSchedulerType("ns3::RrFfMacScheduler"); },
            geometry);
        NS_TEST_ASSERT_MSG_EQ_TOL(
            DynamicCast<LteEnbNetDevice>(wide.enbDevices.Get(0))->GetPhy()->GetTxPower(),
            46.0,
            1e-12,
            "eNB, 100 RB");
        Simulator::Destroy();
        EdgeLteRadio radio;
        radio.enbTxPowerDbm = 30;
        radio.ueMaxTxPowerDbm = 20;
        radio.enbNoiseFigureDb = 7;
        radio.ueNoiseFigureDb = 8;
        const EdgeLteTopology own = BuildEdgeLteTopology(
            100,
            {200},
            [](Ptr<LteHelper> lte) { lte->SetSchedulerType("ns3::RrFfMacScheduler"); },
            geometry,
            radio);
        Ptr<LteEnbPhy> enbPhy = DynamicCast<LteEnbNetDevice>(own.enbDevices.Get(0))->GetPhy();
        Ptr<LteUePhy> uePhy = DynamicCast<LteUeNetDevice>(own.ueDevices.Get(0))->GetPhy();
        NS_TEST_ASSERT_MSG_EQ_TOL(enbPhy->GetTxPower(), 30.0, 1e-12, "eNB power given");
        NS_TEST_ASSERT_MSG_EQ_TOL(enbPhy->GetNoiseFigure(), 7.0, 1e-12, "eNB NF given");
        NS_TEST_ASSERT_MSG_EQ_TOL(
            uePhy->GetUplinkPowerControl()->GetPcmax(), 20.0, 1e-12, "UE Pcmax given");
        NS_TEST_ASSERT_MSG_EQ_TOL(uePhy->GetNoiseFigure(), 8.0, 1e-12, "UE NF given");
        NS_TEST_ASSERT_MSG_EQ_TOL(MacroEnbTxPowerDbm(6), 43.0, 1e-12, "1.4 MHz");
        NS_TEST_ASSERT_MSG_EQ_TOL(MacroEnbTxPowerDbm(50), 46.0, 1e-12, "10 MHz");
        Simulator::Destroy();
        SetSrsPeriodicityFor(0); // restore ns-3's default (40 ms) for the next tests
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Streaming test suite.
 */
class EdgeInferenceStreamingTestSuite : public TestSuite
{
  public:
    EdgeInferenceStreamingTestSuite()
        : TestSuite("edge-inference-streaming")
    {
        AddTestCase(new StreamingP2pTestCase(LayerwiseInferenceClient::STREAMING));
        AddTestCase(new StreamingP2pTestCase(LayerwiseInferenceClient::DOWNLOAD_THEN_INFER));
        AddTestCase(new StreamingFailureTestCase);
        AddTestCase(new StreamingSequenceTestCase);
        AddTestCase(new StreamingLteTestCase);
        AddTestCase(new EdgeLteTopologyTestCase);
    }
};

/// Static instance of the streaming test suite.
static EdgeInferenceStreamingTestSuite g_edgeInferenceStreamingTestSuite;
