/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * Tests of the batching + early-exit network side (BatchingEarlyExitServer, OffloadingClient,
 * the BatchingEarlyExitAllocator interface and its built-in, decision-file and user-defined
 * implementations, BatchingEarlyExitHelper) on point-to-point links, where every delay is
 * known: measured completion times against the allocator's prediction and against
 * hand-computed batch times, an unscheduled user that sends no input, a user with an
 * impossible deadline, lost or late messages that end as failures without hanging, a
 * user's own allocator, the instance -> solver -> decision file round trip, and malformed
 * decision files.
 */

#include "edge-lte-test-cell.h"

#include "ns3/bandwidth-share-ff-mac-scheduler.h"
#include "ns3/bandwidth-share-ffr-algorithm.h"
#include "ns3/batching-early-exit-allocator.h"
#include "ns3/batching-early-exit-decision-file-allocator.h"
#include "ns3/batching-early-exit-helper.h"
#include "ns3/batching-early-exit-server.h"
#include "ns3/batching-early-exit-solver-allocator.h"
#include "ns3/batching-json.h"
#include "ns3/core-module.h"
#include "ns3/decision-file.h"
#include "ns3/error-model.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/lte-ul-amc-rate-model.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/offloading-client.h"
#include "ns3/point-to-point-module.h"
#include "ns3/test.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// Time resolution tolerance: times are rounded to 1 ns twice (start, then finish).
const double NS_TOLERANCE_S = 3e-9;

/// One client of a scenario.
struct ClientSpec
{
    double accuracy{0.5};            ///< alpha_k
    Time deadline{MilliSeconds(50)}; ///< T_k from the frame start
};

/// A star of point-to-point links: the server in the middle, one client per link.
struct Scenario
{
    std::vector<ClientSpec> clients;        ///< The clients
    Time resultDelay{MilliSeconds(2)};      ///< Server attribute ResultDelay
    Time uploadStartDelay{MilliSeconds(5)}; ///< Server attribute UploadStartDelay
    bool plannedStart{true};                ///< Server attribute StartBatchAtPlannedTime
    double totalBandwidthHz{1e7};           ///< Server attribute TotalBandwidthHz
    /// Called on the helper before InstallServer() (allocator type and attributes)
    std::function<void(BatchingEarlyExitHelper&)> configure;
    Ptr<BatchingEarlyExitServer> server;     ///< After Build()
    std::vector<Ptr<OffloadingClient>> apps; ///< After Build()
    std::vector<NetDeviceContainer> links;   ///< Device 0 = server side, 1 = client side
    std::vector<uint32_t> serverRxPackets;   ///< Datagrams the server received per link

    /**
     * Build the topology and the applications (p2p 100 Mbit/s, 1 ms; E3.2 blocks
     * t_1(b) = 2 ms + 1 ms b, t_2(b) = 3 ms + 1.5 ms b; A = (0.6, 0.8); 2400-byte inputs in
     * 1200-byte datagrams; s_k = 1e8 Hz reported by the client).
     */
    void Build()
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        NodeContainer serverNode;
        serverNode.Create(1);
        NodeContainer clientNodes;
        clientNodes.Create(clients.size());
        InternetStackHelper stack;
        stack.Install(serverNode);
        stack.Install(clientNodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));

        BatchingEarlyExitHelper helper;
        helper.SetServerAttribute("FixedCostsS", StringValue("0.002,0.003"));
        helper.SetServerAttribute("PerTaskCostsS", StringValue("0.001,0.0015"));
        helper.SetServerAttribute("ExitAccuracies", StringValue("0.6,0.8"));
        helper.SetServerAttribute("TotalBandwidthHz", DoubleValue(totalBandwidthHz));
        helper.SetServerAttribute("CollectionWindow", TimeValue(MilliSeconds(1)));
        helper.SetServerAttribute("UploadStartDelay", TimeValue(uploadStartDelay));
        helper.SetServerAttribute("ResultDelay", TimeValue(resultDelay));
        helper.SetServerAttribute("StartBatchAtPlannedTime", BooleanValue(plannedStart));
        helper.SetClientAttribute("InputBytes", UintegerValue(2400));
        helper.SetClientAttribute("DataPayloadBytes", UintegerValue(1200));
        helper.SetClientAttribute("ChannelReportHz", DoubleValue(1e8));
        if (configure)
        {
            configure(helper);
        }
        server =
            DynamicCast<BatchingEarlyExitServer>(helper.InstallServer(serverNode.Get(0)).Get(0));
        serverRxPackets.assign(clients.size(), 0);
        for (size_t i = 0; i < clients.size(); ++i)
        {
            NetDeviceContainer link = p2p.Install(serverNode.Get(0), clientNodes.Get(i));
            links.push_back(link);
            Ipv4AddressHelper addr;
            std::string base = "10.1." + std::to_string(i + 1) + ".0";
            addr.SetBase(Ipv4Address(base.c_str()), "255.255.255.0");
            Ipv4InterfaceContainer ifaces = addr.Assign(link);
            helper.SetClientAttribute("AccuracyRequirement", DoubleValue(clients[i].accuracy));
            helper.SetClientAttribute("Deadline", TimeValue(clients[i].deadline));
            ApplicationContainer app =
                helper.InstallClients(NodeContainer(clientNodes.Get(i)), ifaces.GetAddress(0));
            apps.push_back(DynamicCast<OffloadingClient>(app.Get(0)));
            link.Get(0)->TraceConnectWithoutContext(
                "MacRx", MakeBoundCallback(&Scenario::CountRx, &serverRxPackets[i]));
        }
        helper.AssignStreams(clientNodes, 10);
        server->SetStartTime(Seconds(0));
        for (auto& a : apps)
        {
            a->SetStartTime(Seconds(0));
        }
    }

    /**
     * Count a received datagram.
     * @param [in] counter the counter
     * @param [in] packet the packet
     */
    static void CountRx(uint32_t* counter, Ptr<const Packet> packet) { ++*counter; }
};

/**
 * Find the server's record of a client's task.
 * @param [in] sc scenario
 * @param [in] client client index
 * @return the record (a default one if none)
 */
BatchingEarlyExitServer::TaskRecord
ServerRecord(const Scenario& sc, size_t client)
{
    const Address peer = sc.apps[client]->GetNode()->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
    for (const auto& t : sc.server->GetTaskRecords())
    {
        if (InetSocketAddress::ConvertFrom(t.from).GetIpv4() == Ipv4Address::ConvertFrom(peer))
        {
            return t;
        }
    }
    return BatchingEarlyExitServer::TaskRecord();
}

/**
 * Drop every packet a device receives from now on.
 * @param [in] device the device
 */
void
DropAllRx(Ptr<NetDevice> device)
{
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorRate", DoubleValue(1.0));
    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    device->SetAttribute("ReceiveErrorModel", PointerValue(em));
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * Three users, all served: measured completion times equal the prediction and the
 * hand-computed batch times.
 */
class BatchingPredictionTestCase : public TestCase
{
  public:
    BatchingPredictionTestCase()
        : TestCase("3 users: measured completion = predicted completion = hand-computed batch")
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.clients = {{0.5, MilliSeconds(50)}, {0.7, MilliSeconds(50)}, {0.7, MilliSeconds(50)}};
        sc.Build();
        Simulator::Run();
        // exits (0, 1, 1): B = (3, 2), t_1(3) = 5 ms, t_2(2) = 6 ms, so the exit-0 task
        // leaves 5 ms and the others 11 ms after the batch start.
        const double expectedOffset[] = {5e-3, 11e-3, 11e-3};
        for (size_t i = 0; i < 3; ++i)
        {
            const auto& c = sc.apps[i]->GetTaskRecords().at(0);
            const auto s = ServerRecord(sc, i);
            NS_TEST_ASSERT_MSG_EQ(c.outcome, OffloadingClient::ON_TIME, "client " << i);
            NS_TEST_ASSERT_MSG_EQ(s.outcome, BatchingEarlyExitServer::ON_TIME, "server " << i);
            NS_TEST_ASSERT_MSG_EQ(c.exit, (i == 0 ? 0 : 1), "exit of client " << i);
            // The p2p upload (2 x 1304 bytes at 100 Mbit/s + 1 ms) ends long before the
            // planned upload end T_u* (about 30 ms), and the batch starts at the planned
            // time, so the measured exit time is the predicted one up to the ns rounding.
            NS_TEST_ASSERT_MSG_LT(s.uploadEndS, s.predictedUploadEndS, "upload " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(s.completionS,
                                      s.predictedCompletionS,
                                      NS_TOLERANCE_S,
                                      "completion of client " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(s.completionS - s.batchStartS,
                                      expectedOffset[i],
                                      NS_TOLERANCE_S,
                                      "batch time of client " << i);
            // the client sees the server's completion time and the prediction
            NS_TEST_ASSERT_MSG_EQ_TOL(c.completionS, s.completionS, 1e-12, "client view");
            NS_TEST_ASSERT_MSG_EQ_TOL(
                c.predictedCompletionS, s.predictedCompletionS, 1e-12, "client prediction");
            // the RESULT crosses one 1 ms link: 1 ms + (56 + 2 + 20 + 8 bytes) at 100 Mbit/s
            NS_TEST_ASSERT_MSG_EQ_TOL(c.resultS - c.completionS,
                                      1e-3 + 8.0 * (OffloadingHeader::SIZE + 30) / 1e8,
                                      1e-8,
                                      "result delivery");
            NS_TEST_ASSERT_MSG_EQ(c.bytesSent, 2400u, "input bytes sent");
        }
        // The binding users (exit 1) finish exactly at their server-side deadline
        // (frame start + 50 ms - ResultDelay 2 ms): they got the minimum bandwidth for T_u*.
        const auto s1 = ServerRecord(sc, 1);
        NS_TEST_ASSERT_MSG_EQ_TOL(s1.completionS, 0.048, NS_TOLERANCE_S, "binding deadline");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * Two frames whose upload windows overlap: the uplink bandwidths handed to the MAC are the
 * sum over the frames with open uploads, and closing one frame withdraws only its own
 * bandwidths (before, each frame's decision or close replaced or cleared the other's).
 */
class BatchingOverlappingFramesTestCase : public TestCase
{
  public:
    BatchingOverlappingFramesTestCase()
        : TestCase("overlapping upload windows: the MAC gets both frames' bandwidths")
    {
    }

  private:
    /**
     * Record one call of the uplink bandwidth callback.
     * @param [in] calls the record
     * @param [in] bandwidthByImsi the bandwidths
     */
    static void Record(std::vector<std::map<uint64_t, double>>* calls,
                       const std::map<uint64_t, double>& bandwidthByImsi)
    {
        calls->push_back(bandwidthByImsi);
    }

    void DoRun() override
    {
        Scenario sc;
        sc.clients = {{0.5, MilliSeconds(80)}, {0.5, MilliSeconds(80)}};
        sc.Build();
        // two frames 10 ms apart; client 0 (IMSI 100) is on a 1 Mbit/s link, so its
        // 2400-byte input of frame 0 (about 20 ms) is still uploading when frame 1 is decided
        // (at 12 ms); its frame-1 request waits behind that input and arrives too late, so
        // frame 1 serves client 1 (IMSI 101) only. The server closes a frame's uploads at its
        // planned batch start (StartBatchAtPlannedTime): frame 0 at about 69 ms, frame 1 at
        // about 80 ms
        for (uint32_t d = 0; d < 2; ++d)
        {
            sc.links[0].Get(d)->SetAttribute("DataRate", StringValue("1Mbps"));
        }
        for (uint32_t i = 0; i < 2; ++i)
        {
            sc.apps[i]->SetAttribute("Imsi", UintegerValue(100 + i));
            sc.apps[i]->SetAttribute("FramePeriod", TimeValue(MilliSeconds(10)));
            sc.apps[i]->SetAttribute("NumFrames", UintegerValue(2));
        }
        std::vector<std::map<uint64_t, double>> calls;
        sc.server->SetUplinkBandwidthCallback(MakeBoundCallback(&Record, &calls));
        Simulator::Run();
        // the decided w_k of each frame, from the server's records
        std::map<uint64_t, double> frame[2];
        for (const auto& t : sc.server->GetTaskRecords())
        {
            if (t.isScheduled && t.frame < 2)
            {
                frame[t.frame][t.imsi] = t.bandwidthHz;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(frame[0].size(), 2u, "frame 0 serves both users");
        NS_TEST_ASSERT_MSG_EQ(frame[1].size(), 1u, "frame 1 serves one user");
        NS_TEST_ASSERT_MSG_EQ(frame[1].count(101), 1u, "frame 1 serves IMSI 101");
        if (frame[0].size() != 2 || frame[1].size() != 1 || frame[1].count(101) != 1)
        {
            return;
        }
        std::map<uint64_t, double> both = frame[0];
        both[101] += frame[1][101];
        // decision 0; decision 1 while frame 0 is open (the sum); frame 0 closed (frame 1's
        // bandwidth stays); frame 1 closed (nothing)
        const std::vector<std::map<uint64_t, double>> expected{frame[0], both, frame[1], {}};
        NS_TEST_ASSERT_MSG_EQ(calls.size(), expected.size(), "two decisions and two closes");
        for (size_t c = 0; c < std::min(calls.size(), expected.size()); ++c)
        {
            NS_TEST_ASSERT_MSG_EQ(calls[c].size(), expected[c].size(), "IMSIs of call " << c);
            for (const auto& [imsi, hz] : expected[c])
            {
                NS_TEST_ASSERT_MSG_EQ(calls[c].count(imsi), 1u, "call " << c << " IMSI " << imsi);
                NS_TEST_ASSERT_MSG_EQ_TOL(
                    calls[c][imsi], hz, 1e-9 * hz, "call " << c << " IMSI " << imsi);
            }
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * A user whose accuracy requirement no exit meets is not scheduled and uploads nothing.
 */
class BatchingUnscheduledTestCase : public TestCase
{
  public:
    BatchingUnscheduledTestCase()
        : TestCase("An unscheduled user uploads nothing")
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.clients = {{0.5, MilliSeconds(50)}, {0.7, MilliSeconds(50)}, {0.9, MilliSeconds(50)}};
        sc.Build();
        Simulator::Run();
        const auto& c2 = sc.apps[2]->GetTaskRecords().at(0);
        NS_TEST_ASSERT_MSG_EQ(c2.outcome, OffloadingClient::NOT_SCHEDULED, "client 2 outcome");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(c2.reason),
                              static_cast<uint32_t>(BatchingEarlyExitReason::ACCURACY_UNREACHABLE),
                              "reason: 0.9 > max A_l = 0.8");
        NS_TEST_ASSERT_MSG_EQ(c2.bytesSent, 0u, "no input sent");
        NS_TEST_ASSERT_MSG_EQ(c2.uploadStartS, -1.0, "no upload started");
        // only its REQUEST crossed its link (2 DATA datagrams each for the others)
        NS_TEST_ASSERT_MSG_EQ(sc.serverRxPackets[2], 1u, "datagrams from the unscheduled user");
        NS_TEST_ASSERT_MSG_EQ(sc.serverRxPackets[0], 3u, "datagrams from a served user");
        NS_TEST_ASSERT_MSG_EQ(sc.server->GetUnexpectedDataBytes(), 0u, "no stray DATA");
        for (size_t i = 0; i < 2; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(sc.apps[i]->GetTaskRecords().at(0).outcome,
                                  OffloadingClient::ON_TIME,
                                  "served client " << i);
        }
        // the batch holds the two served tasks: exits (0, 1) give B = (2, 1)
        const auto s1 = ServerRecord(sc, 1);
        // t_1(2) + t_2(1) = 4 + 4.5 ms
        NS_TEST_ASSERT_MSG_EQ_TOL(s1.completionS - s1.batchStartS, 8.5e-3, NS_TOLERANCE_S, "B");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * A user whose deadline cannot cover its compute time is reported with the reason.
 */
class BatchingImpossibleDeadlineTestCase : public TestCase
{
  public:
    BatchingImpossibleDeadlineTestCase()
        : TestCase("A user with an impossible deadline is not served, with the reason")
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        // Client 1: T_k = 15 ms - ResultDelay 2 ms - (t0 + UploadStartDelay 5 ms), with the
        // allocation t0 about 2.01 ms after the frame start (1 ms link + 1 ms window), i.e.
        // about 5.99 ms < P(exit 1) = t_1(1) + t_2(1) = 3 + 4.5 = 7.5 ms.
        sc.clients = {{0.5, MilliSeconds(50)}, {0.7, MilliSeconds(15)}};
        sc.Build();
        Simulator::Run();
        const auto& c1 = sc.apps[1]->GetTaskRecords().at(0);
        NS_TEST_ASSERT_MSG_EQ(c1.outcome, OffloadingClient::NOT_SCHEDULED, "outcome");
        NS_TEST_ASSERT_MSG_EQ(
            static_cast<uint32_t>(c1.reason),
            static_cast<uint32_t>(BatchingEarlyExitReason::COMPUTE_EXCEEDS_DEADLINE),
            "reason");
        NS_TEST_ASSERT_MSG_EQ(c1.failureReason.empty(), false, "a reason text");
        NS_TEST_ASSERT_MSG_EQ(c1.bytesSent, 0u, "no input sent");
        const auto s1 = ServerRecord(sc, 1);
        NS_TEST_ASSERT_MSG_EQ(s1.failureReason, "COMPUTE_EXCEEDS_DEADLINE", "server reason");
        NS_TEST_ASSERT_MSG_EQ(sc.apps[0]->GetTaskRecords().at(0).outcome,
                              OffloadingClient::ON_TIME,
                              "the other user is served");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * Lost and late messages: the task fails with a reason, the simulation ends by itself and
 * no event is left over.
 */
class BatchingLossTestCase : public TestCase
{
  public:
    /// What goes wrong.
    enum Fault
    {
        LOST_RESULT, ///< The client's link drops the RESULT
        LATE_RESULT, ///< ResultDelay 0: the RESULT arrives 1 ms after the deadline
        LOST_INPUT,  ///< The server's link drops the DATA
    };

    /**
     * @param [in] fault what goes wrong
     */
    BatchingLossTestCase(Fault fault)
        : TestCase(fault == LOST_RESULT   ? "Lost result: failed by timeout, no hang"
                   : fault == LATE_RESULT ? "Late result: counted as failed"
                                          : "Lost input: failed at the upload cutoff, no hang")
        , m_fault(fault)
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.clients = {{0.7, MilliSeconds(50)}};
        if (m_fault == LATE_RESULT)
        {
            sc.resultDelay = Seconds(0);
        }
        sc.Build();
        if (m_fault == LOST_RESULT)
        {
            Ptr<NetDevice> dev = sc.links[0].Get(1);
            sc.apps[0]->TraceConnectWithoutContext(
                "UploadStarted", MakeBoundCallback(&BatchingLossTestCase::OnUpload, dev));
        }
        else if (m_fault == LOST_INPUT)
        {
            Ptr<NetDevice> dev = sc.links[0].Get(0);
            sc.apps[0]->TraceConnectWithoutContext(
                "DecisionReceived", MakeBoundCallback(&BatchingLossTestCase::OnDecision, dev));
        }
        // No Simulator::Stop: the run must end by itself.
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(Simulator::IsFinished(), true, "no event left over");
        const auto& c = sc.apps[0]->GetTaskRecords().at(0);
        const auto s = ServerRecord(sc, 0);
        const double deadline = 0.050;
        const double timeout = deadline + 0.050; // Deadline + ResultTimeout (default 50 ms)
        switch (m_fault)
        {
            case LOST_RESULT:
                NS_TEST_ASSERT_MSG_EQ(c.outcome, OffloadingClient::FAILED, "client outcome");
                NS_TEST_ASSERT_MSG_EQ(
                    c.failureReason, "no result by the deadline + ResultTimeout", "reason");
                NS_TEST_ASSERT_MSG_EQ(
                    s.outcome, BatchingEarlyExitServer::ON_TIME, "server outcome");
                NS_TEST_ASSERT_MSG_EQ_TOL(Simulator::Now().GetSeconds(), timeout, 1e-9, "end");
                break;
            case LATE_RESULT:
                // alone, the task gets w^min for T_u* = T - 7.5 ms and so reaches exit 1 exactly
                // at its deadline; the RESULT needs 1 ms more
                NS_TEST_ASSERT_MSG_EQ(
                    s.outcome, BatchingEarlyExitServer::ON_TIME, "server outcome");
                NS_TEST_ASSERT_MSG_EQ_TOL(s.completionS, deadline, NS_TOLERANCE_S, "exit time");
                NS_TEST_ASSERT_MSG_EQ(c.outcome, OffloadingClient::LATE, "client outcome");
                NS_TEST_ASSERT_MSG_GT(c.resultS, deadline, "result after the deadline");
                break;
            case LOST_INPUT:
                NS_TEST_ASSERT_MSG_EQ(s.outcome, BatchingEarlyExitServer::FAILED, "server outcome");
                NS_TEST_ASSERT_MSG_EQ(s.receivedBytes, 0u, "no input received");
                NS_TEST_ASSERT_MSG_EQ(c.outcome, OffloadingClient::FAILED, "client outcome");
                NS_TEST_ASSERT_MSG_EQ(
                    c.failureReason, "server: input incomplete at the upload cutoff", "reason");
                // the FAILED result came at the cutoff t0 + 5 ms + T_u*, before the timeout
                NS_TEST_ASSERT_MSG_LT(c.resultS, deadline, "failure reported early");
                break;
        }
        Simulator::Destroy();
    }

    /**
     * Start dropping everything the client receives once it uploads.
     * @param [in] dev the client's device
     * @param [in] frame frame
     * @param [in] taskId task
     */
    static void OnUpload(Ptr<NetDevice> dev, uint32_t frame, uint32_t taskId) { DropAllRx(dev); }

    /**
     * Start dropping everything the server receives once the client has its decision.
     * @param [in] dev the server's device
     * @param [in] frame frame
     * @param [in] taskId task
     * @param [in] scheduled scheduled
     * @param [in] hz bandwidth
     */
    static void OnDecision(
        Ptr<NetDevice> dev, uint32_t frame, uint32_t taskId, bool scheduled, double hz)
    {
        DropAllRx(dev);
    }

    Fault m_fault; ///< What goes wrong
};

/**
 * @ingroup edge-inference-tests
 * Three UEs over LTE with the bandwidth-share MAC scheduler: the served UEs' measured exit
 * times equal the prediction, and the unscheduled UE gets no uplink RB after the
 * allocation.
 */
class BatchingLteTestCase : public TestCase
{
  public:
    BatchingLteTestCase()
        : TestCase("LTE, 3 UEs: measured = predicted completion; no RB for the unscheduled UE")
    {
    }

  private:
    /// RBs granted per UE at the allocation.
    struct Snapshot
    {
        Ptr<BandwidthShareFfMacScheduler> sched; ///< The scheduler
        std::vector<uint16_t> rntis;             ///< RNTI per UE
        std::vector<uint64_t> rbs;               ///< RBs granted at the allocation
    };

    /**
     * Record the RBs granted so far.
     * @param [in] snap the snapshot
     * @param [in] frame frame
     * @param [in] nRequests requests
     * @param [in] nScheduled served
     * @param [in] throughput predicted throughput
     */
    static void OnAllocation(
        Snapshot* snap, uint32_t frame, uint32_t nRequests, uint32_t nScheduled, double throughput)
    {
        snap->rbs.clear();
        for (uint16_t rnti : snap->rntis)
        {
            snap->rbs.push_back(snap->sched->GetUlRbsGranted(rnti));
        }
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Config::SetDefault("ns3::LteUePhy::EnableUplinkPowerControl", BooleanValue(false));
        Config::SetDefault("ns3::LteUePhy::TxPower", DoubleValue(20));
        Config::SetDefault("ns3::LteRlcUm::MaxTxBufferSize", UintegerValue(1 << 20));
        testutils::TestLteCellOptions o;
        o.rbs = 25;
        o.scheduler = "ns3::BandwidthShareFfMacScheduler";
        o.coreRate = "1Gbps";
        for (uint32_t i = 0; i < 3; ++i)
        {
            o.uePositions.emplace_back(100.0 + 50 * i, 0, 0);
        }
        const EdgeLteTopology cell = testutils::BuildTestLteCell(o);
        const NodeContainer& remote = cell.remote;
        const NodeContainer& ues = cell.ues;
        const NetDeviceContainer& enbDev = cell.enbDevices;
        const NetDeviceContainer& ueDev = cell.ueDevices;

        BatchingEarlyExitHelper helper;
        helper.SetServerAttribute("TotalBandwidthHz", DoubleValue(25 * 180e3));
        helper.SetServerAttribute("UploadStartDelay", TimeValue(MilliSeconds(20)));
        helper.SetServerAttribute("ResultDelay", TimeValue(MilliSeconds(8)));
        helper.SetServerAttribute("StartBatchAtPlannedTime", BooleanValue(true));
        helper.SetClientAttribute("InputBytes", UintegerValue(3072));
        helper.SetClientAttribute("Deadline", TimeValue(MilliSeconds(100)));
        ApplicationContainer serverApp = helper.InstallServer(remote.Get(0));
        Ptr<BatchingEarlyExitServer> server =
            DynamicCast<BatchingEarlyExitServer>(serverApp.Get(0));
        BatchingEarlyExitHelper::ConnectEnbChannelReports(server, enbDev);
        BatchingEarlyExitHelper::ConnectUplinkShares(server, enbDev.Get(0));
        ApplicationContainer clients = helper.InstallClients(ues, cell.serverAddress);
        clients.Get(0)->SetAttribute("AccuracyRequirement", DoubleValue(0.6));
        clients.Get(1)->SetAttribute("AccuracyRequirement", DoubleValue(0.7));
        clients.Get(2)->SetAttribute("AccuracyRequirement", DoubleValue(0.9)); // > max A_l
        helper.AssignStreams(ues, 100);
        serverApp.Start(Seconds(0));
        clients.Start(Seconds(0.3));
        Snapshot snap;
        snap.sched = BandwidthShareFfMacScheduler::GetFromEnbDevice(enbDev.Get(0));
        Simulator::Schedule(Seconds(0.29),
                            [&snap, &ueDev]()
                            {
                                for (uint32_t i = 0; i < 3; ++i)
                                {
                                    snap.rntis.push_back(
                                        BandwidthShareFfrAlgorithm::GetUeRnti(ueDev.Get(i)));
                                }
                            });
        server->TraceConnectWithoutContext("FrameAllocated",
                                           MakeBoundCallback(&OnAllocation, &snap));
        Simulator::Stop(Seconds(0.5));
        Simulator::Run();

        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<OffloadingClient> c = DynamicCast<OffloadingClient>(clients.Get(i));
            const auto& r = c->GetTaskRecords().at(0);
            NS_TEST_ASSERT_MSG_EQ(r.outcome, OffloadingClient::ON_TIME, "UE " << i);
            // The inputs arrive before the planned batch start and the GPU is simulated
            // exactly, so the exit instant is the prediction up to the ns rounding.
            NS_TEST_ASSERT_MSG_EQ_TOL(
                r.completionS, r.predictedCompletionS, NS_TOLERANCE_S, "completion of UE " << i);
            NS_TEST_ASSERT_MSG_GT(snap.sched->GetUlRbsGranted(snap.rntis[i]),
                                  snap.rbs.at(i),
                                  "RBs for the served UE " << i);
            NS_TEST_ASSERT_MSG_GT(
                server->GetUplinkChannel(c->GetImsi()), 0.0, "eNB channel report of UE " << i);
        }
        Ptr<OffloadingClient> c2 = DynamicCast<OffloadingClient>(clients.Get(2));
        NS_TEST_ASSERT_MSG_EQ(
            c2->GetTaskRecords().at(0).outcome, OffloadingClient::NOT_SCHEDULED, "UE 2");
        NS_TEST_ASSERT_MSG_EQ(snap.sched->GetUlRbsGranted(snap.rntis[2]),
                              snap.rbs.at(2),
                              "no RB for the unscheduled UE after the allocation");
        Simulator::Destroy();
        Config::Reset(); // the LTE defaults above must not leak into other suites
    }
};

/**
 * @ingroup edge-inference-tests
 * OffloadingHeader: every field survives serialisation; a wrong magic gives INVALID.
 */
class OffloadingHeaderTestCase : public TestCase
{
  public:
    OffloadingHeaderTestCase()
        : TestCase("OffloadingHeader round trip and bad magic")
    {
    }

  private:
    void DoRun() override
    {
        OffloadingHeader h;
        h.SetType(OffloadingHeader::DECISION);
        h.SetStatus(OffloadingHeader::SCHEDULED);
        h.SetReason(6);
        h.SetExit(-1);
        h.SetModelIndex(0xBEEF);
        h.SetFrame(7);
        h.SetTaskId(70000);
        h.SetImsi(0x123456789ULL);
        h.SetUploadBytes(25000);
        h.SetOffset(1200);
        h.SetAccuracyRequirement(0.75);
        h.SetDeadlineS(0.08);
        h.SetFrameStartS(1.5);
        h.SetSnrBandwidthHz(2.5e8);
        h.SetBandwidthHz(4.4e5);
        h.SetTimeS(1.53);
        h.SetPredictedCompletionS(1.57);
        Ptr<Packet> p = Create<Packet>(10);
        p->AddHeader(h);
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 10 + OffloadingHeader::SIZE, "size");
        NS_TEST_ASSERT_MSG_EQ(OffloadingHeader::SIZE, 90u, "2+1+1+1+1+2+2+4+4+8+4+4+7*8");
        OffloadingHeader r;
        p->RemoveHeader(r);
        NS_TEST_ASSERT_MSG_EQ(r.GetType(), OffloadingHeader::DECISION, "type");
        NS_TEST_ASSERT_MSG_EQ(r.GetStatus(), OffloadingHeader::SCHEDULED, "status");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(r.GetReason()), 6u, "reason");
        NS_TEST_ASSERT_MSG_EQ(r.GetExit(), -1, "exit");
        NS_TEST_ASSERT_MSG_EQ(r.GetModelIndex(), 0xBEEF, "model index");
        NS_TEST_ASSERT_MSG_EQ(r.GetFrame(), 7u, "frame");
        NS_TEST_ASSERT_MSG_EQ(r.GetTaskId(), 70000u, "task");
        NS_TEST_ASSERT_MSG_EQ(r.GetImsi(), 0x123456789ULL, "imsi");
        NS_TEST_ASSERT_MSG_EQ(r.GetUploadBytes(), 25000u, "bytes");
        NS_TEST_ASSERT_MSG_EQ(r.GetOffset(), 1200u, "offset");
        NS_TEST_ASSERT_MSG_EQ(r.GetAccuracyRequirement(), 0.75, "alpha");
        NS_TEST_ASSERT_MSG_EQ(r.GetDeadlineS(), 0.08, "deadline");
        NS_TEST_ASSERT_MSG_EQ(r.GetFrameStartS(), 1.5, "frame start");
        NS_TEST_ASSERT_MSG_EQ(r.GetSnrBandwidthHz(), 2.5e8, "s");
        NS_TEST_ASSERT_MSG_EQ(r.GetBandwidthHz(), 4.4e5, "w");
        NS_TEST_ASSERT_MSG_EQ(r.GetTimeS(), 1.53, "time");
        NS_TEST_ASSERT_MSG_EQ(r.GetPredictedCompletionS(), 1.57, "prediction");
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 10u, "payload left");

        uint8_t bytes[OffloadingHeader::SIZE] = {0x12, 0x34, OffloadingHeader::VERSION, 1};
        Ptr<Packet> bad = Create<Packet>(bytes, OffloadingHeader::SIZE);
        OffloadingHeader b;
        bad->RemoveHeader(b);
        NS_TEST_ASSERT_MSG_EQ(b.GetType(), OffloadingHeader::INVALID, "bad magic");

        // a version-1 message (no model index field) is rejected, not misread
        uint8_t v1[OffloadingHeader::SIZE] = {0x42, 0x45, 1, OffloadingHeader::REQUEST};
        Ptr<Packet> old = Create<Packet>(v1, OffloadingHeader::SIZE);
        OffloadingHeader o;
        old->RemoveHeader(o);
        NS_TEST_ASSERT_MSG_EQ(o.GetType(), OffloadingHeader::INVALID, "version 1");
    }
};

/**
 * @ingroup edge-inference-tests
 * BatchingEarlyExitSolverAllocator on the example E3.2 of Liu, Lan, Huang (IEEE JSAC 2023):
 * the Algorithm attribute's names and schemes, and the server's calibration attributes.
 */
class BatchingAllocatorObjectTestCase : public TestCase
{
  public:
    BatchingAllocatorObjectTestCase()
        : TestCase("BatchingEarlyExitSolverAllocator: E3.2, algorithms, calibration")
    {
    }

  private:
    /**
     * @param [in] algorithm Algorithm attribute value
     * @return an allocator
     */
    static Ptr<BatchingEarlyExitAllocator> Make(const std::string& algorithm)
    {
        Ptr<BatchingEarlyExitSolverAllocator> a = CreateObject<BatchingEarlyExitSolverAllocator>();
        a->SetAttribute("Algorithm", StringValue(algorithm));
        return a;
    }

    /**
     * @param [in] bandwidthHz W
     * @return E3.2: blocks t_1(b) = 2 + 1 b ms, t_2(b) = 3 + 1.5 b ms, A = (0.6, 0.8), the
     * three users (u1: exit 1, u2, u3: exit 2)
     */
    static BatchingEarlyExitProblem Problem(double bandwidthHz)
    {
        BatchingEarlyExitProblem p;
        p.latency = BatchLatencyModel::Affine({0.002, 0.003}, {0.001, 0.0015});
        p.exitAccuracy = {0.6, 0.8};
        p.totalBandwidthHz = bandwidthHz;
        p.users.resize(3);
        p.users[0].accuracyRequirement = 0.5;
        p.users[0].deadlineS = 0.050;
        p.users[0].snrBandwidthHz = 1e8;
        p.users[1].accuracyRequirement = 0.7;
        p.users[1].deadlineS = 0.050;
        p.users[1].snrBandwidthHz = 1e8;
        p.users[2].accuracyRequirement = 0.7;
        p.users[2].deadlineS = 0.040;
        p.users[2].snrBandwidthHz = 5e7;
        for (auto& x : p.users)
        {
            x.uploadBits = 1e5;
        }
        return p;
    }

    void DoRun() override
    {
        // E3.2: W = 3 MHz serves all three with sum w^min = 1.4033 MHz;
        // W = 1 MHz serves 2 ({u1, u2}, sum 0.5697 MHz).
        auto d3 = Make("optimal")->Allocate(Problem(3e6));
        NS_TEST_ASSERT_MSG_EQ(d3.served.size(), 3u, "W = 3 MHz");
        NS_TEST_ASSERT_MSG_EQ_TOL(d3.sumBandwidthHz, 1.4033e6, 1e2, "sum w, W = 3 MHz");
        NS_TEST_ASSERT_MSG_EQ_TOL(d3.latestUploadEndS, 0.029, 1e-12, "T_u*");
        auto d1 = Make("greedy")->Allocate(Problem(1e6));
        NS_TEST_ASSERT_MSG_EQ(d1.served.size(), 2u, "W = 1 MHz");
        NS_TEST_ASSERT_MSG_EQ(d1.isServed[2], false, "u3 left out");
        NS_TEST_ASSERT_MSG_EQ_TOL(d1.sumBandwidthHz, 0.5697e6, 1e2, "sum w, W = 1 MHz");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(d1.algorithm),
                              static_cast<int>(BatchingEarlyExitAlgorithm::GREEDY),
                              "greedy");

        // one spelling per algorithm, shared with the CLI's --algorithm and "scheme"
        const std::pair<std::string, BatchingEarlyExitScheme> schemes[] = {
            {"optimal", BatchingEarlyExitScheme::BATCHING_EARLY_EXIT},
            {"optimal-u", BatchingEarlyExitScheme::BATCHING_EARLY_EXIT},
            {"optimal-h", BatchingEarlyExitScheme::BATCHING_EARLY_EXIT},
            {"greedy", BatchingEarlyExitScheme::BATCHING_EARLY_EXIT},
            {"no-batching-no-early-exit", BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT},
            {"batching-only", BatchingEarlyExitScheme::BATCHING_ONLY},
            {"early-exit-only", BatchingEarlyExitScheme::EARLY_EXIT_ONLY},
        };
        NS_TEST_ASSERT_MSG_EQ(
            BatchingEarlyExitSolverAllocator::AlgorithmNames().size(), 7u, "name table");
        for (const auto& kv : schemes)
        {
            Ptr<BatchingEarlyExitAllocator> a = Make(kv.first);
            auto d = a->Allocate(Problem(3e6));
            NS_TEST_ASSERT_MSG_EQ(
                static_cast<int>(d.scheme), static_cast<int>(kv.second), "scheme of " << kv.first);
            EnumValue v;
            a->GetAttribute("Algorithm", v);
            NS_TEST_ASSERT_MSG_EQ(
                BatchingEarlyExitSolverAllocator::ToString(
                    static_cast<BatchingEarlyExitSolverAllocator::Algorithm>(v.Get())),
                kv.first,
                "ToString");
        }
        // optimal-u on different deadlines is a solver error: a rejection, nobody served
        Ptr<BatchingEarlyExitAllocator> u = Make("optimal-u");
        auto du = u->Allocate(Problem(3e6));
        NS_TEST_ASSERT_MSG_EQ(du.served.size(), 0u, "optimal-u rejected: nobody served");
        NS_TEST_ASSERT_MSG_EQ(u->GetRejections().size(), 1u, "one rejection");
        NS_TEST_ASSERT_MSG_NE(u->GetRejections().at(0).find("common deadline"),
                              std::string::npos,
                              u->GetRejections().at(0));
        NS_TEST_ASSERT_MSG_EQ(u->GetRound(), 1u, "round counted");
        // ... or the fallback's decision
        u->SetAttribute("Fallback", PointerValue(Make("optimal-h")));
        auto df = u->Allocate(Problem(3e6));
        NS_TEST_ASSERT_MSG_EQ(df.served.size(), 3u, "fallback optimal-h serves all three");

        // Calibration (server attributes): Gamma = 2 (3.0103 dB) and eta = 0.5 give an
        // instance with s / 2 and 2 D.
        Ptr<BatchingEarlyExitServer> server = CreateObject<BatchingEarlyExitServer>();
        server->SetAttribute("FixedCostsS", StringValue("0.002,0.003"));
        server->SetAttribute("PerTaskCostsS", StringValue("0.001,0.0015"));
        server->SetAttribute("ExitAccuracies", StringValue("0.6,0.8"));
        server->SetAttribute("TotalBandwidthHz", DoubleValue(3e6));
        server->SetAttribute("SnrGapDb", DoubleValue(10 * std::log10(2.0)));
        server->SetAttribute("RateEfficiency", DoubleValue(0.5));
        const auto cal = server->MakeProblem({Problem(3e6).users[0]}, 0.1);
        NS_TEST_ASSERT_MSG_EQ(cal.users.size(), 1u, "one user");
        NS_TEST_ASSERT_MSG_EQ_TOL(cal.users[0].snrBandwidthHz, 5e7, 1e-3, "s / Gamma");
        NS_TEST_ASSERT_MSG_EQ_TOL(cal.users[0].uploadBits, 2e5, 1e-9, "D / eta");
        NS_TEST_ASSERT_MSG_EQ(cal.totalBandwidthHz, 3e6, "W");
        NS_TEST_ASSERT_MSG_EQ(cal.frameLengthS, 0.1, "T_f");
        NS_TEST_ASSERT_MSG_EQ(cal.latency.GetNBlocks(), 2u, "blocks");
        NS_TEST_ASSERT_MSG_EQ_TOL(cal.latency.GetLatency(1, 2), 0.006, 1e-15, "t_2(2)");
        NS_TEST_ASSERT_MSG_EQ_TOL(BatchingEarlyExitAllocator::SnrBandwidthFromSinr(100, 4.5e6),
                                  4.5e8,
                                  1e-3,
                                  "s = SINR x B");

        // LteUlAmc over a part W = 10 RB of a 25-RB cell: the SRS SINR is s_k / the cell's
        // uplink (CellUplinkBandwidthHz), not s_k / W (which would read a 2.5x higher SINR)
        Ptr<BatchingEarlyExitServer> part = CreateObject<BatchingEarlyExitServer>();
        part->SetAttribute("TotalBandwidthHz", DoubleValue(1.8e6));
        part->SetAttribute("UplinkRateModel", StringValue("LteUlAmc"));
        BatchingEarlyExitUser u0 = Problem(3e6).users[0];
        u0.snrBandwidthHz = BatchingEarlyExitAllocator::SnrBandwidthFromSinr(4.0, 4.5e6);
        const LteUlAmcRateModel truth({4.0}, 25);
        const auto wrong = part->MakeProblem({u0}, 0.1);
        NS_TEST_ASSERT_MSG_GT(wrong.rateModel->Rate(0, 9e5),
                              truth.Rate(0, 9e5) * 1.2,
                              "without CellUplinkBandwidthHz: SINR read over W, too optimistic");
        part->SetAttribute("CellUplinkBandwidthHz", DoubleValue(4.5e6));
        const auto right = part->MakeProblem({u0}, 0.1);
        NS_TEST_ASSERT_MSG_EQ(right.totalBandwidthHz, 1.8e6, "W stays the server's part");
        for (double w : {1.8e5, 5.4e5, 9e5, 1.8e6})
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(right.rateModel->Rate(0, w),
                                      truth.Rate(0, w),
                                      1e-9 * truth.Rate(0, w),
                                      "LteUlAmc rate at " << w << " Hz from the cell's SINR");
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * A user's own allocator, written here: serve the first NServed users (in request order) with
 * an equal split of W, by the proposed scheme.
 */
class TestFirstUsersBatchingAllocator : public BatchingEarlyExitAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("ns3::TestFirstUsersBatchingAllocator")
                .SetParent<BatchingEarlyExitAllocator>()
                .SetGroupName("EdgeInference")
                .AddConstructor<TestFirstUsersBatchingAllocator>()
                .AddAttribute("NServed",
                              "Users served (the first ones).",
                              UintegerValue(1),
                              MakeUintegerAccessor(&TestFirstUsersBatchingAllocator::m_nServed),
                              MakeUintegerChecker<uint32_t>());
        return tid;
    }

    BatchingEarlyExitDecision Decide(const BatchingEarlyExitProblem& instance) override
    {
        BatchingEarlyExitDecision d;
        const auto n = std::min<uint32_t>(m_nServed, instance.users.size());
        d.bandwidthHz.assign(instance.users.size(), 0.0);
        for (uint32_t k = 0; k < n; ++k)
        {
            d.served.push_back(k);
            d.bandwidthHz[k] = instance.totalBandwidthHz / n;
        }
        return d;
    }

  private:
    uint32_t m_nServed{1}; ///< Attribute NServed
};

NS_OBJECT_ENSURE_REGISTERED(TestFirstUsersBatchingAllocator);

namespace
{

/// What a client saw of its first task, compared between runs.
struct Outcome
{
    bool isScheduled{false}; ///< Scheduled
    int32_t exit{-1};        ///< Exit
    double bandwidthHz{0};   ///< w_k
    double predictedS{0};    ///< Predicted completion
    double completionS{0};   ///< Measured completion
    uint32_t outcome{0};     ///< Client outcome
};

/**
 * @param [in] sc a scenario that ran
 * @return the clients' first-task outcomes
 */
std::vector<Outcome>
Outcomes(const Scenario& sc)
{
    std::vector<Outcome> out;
    for (const auto& app : sc.apps)
    {
        const auto& r = app->GetTaskRecords().at(0);
        out.push_back({r.isScheduled,
                       r.exit,
                       r.bandwidthHz,
                       r.predictedCompletionS,
                       r.completionS,
                       static_cast<uint32_t>(r.outcome)});
    }
    return out;
}

/// Clients of the decision-file tests: W = 200 kHz serves two of the three.
const double W_TWO_OF_THREE = 2e5;

/// The clients of the decision-file tests.
const std::vector<ClientSpec> THREE_CLIENTS = {
    {0.5, MilliSeconds(50)}, {0.7, MilliSeconds(50)}, {0.7, MilliSeconds(40)}};

/**
 * @param [in] sc scenario to configure
 * @param [in] fileName decision file pattern
 * @param [in] withFallback give the decision-file allocator an optimal fallback
 */
void
UseDecisionFile(Scenario& sc, const std::string& fileName, bool withFallback)
{
    sc.configure = [fileName, withFallback](BatchingEarlyExitHelper& h)
    {
        h.SetAllocatorType("ns3::BatchingEarlyExitDecisionFileAllocator");
        h.SetAllocatorAttribute("FileName", StringValue(fileName));
        if (withFallback)
        {
            h.SetAllocatorAttribute("Fallback",
                                    PointerValue(CreateObject<BatchingEarlyExitSolverAllocator>()));
        }
    };
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * A user-defined allocator installed through the helper by TypeId: the packets execute its
 * decision (served set, bandwidths) and the prediction of it holds.
 */
class BatchingUserAllocatorTestCase : public TestCase
{
  public:
    BatchingUserAllocatorTestCase()
        : TestCase("user-defined allocator by TypeId: first 2 of 3 served with half of W each")
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.clients = {{0.5, MilliSeconds(50)}, {0.5, MilliSeconds(50)}, {0.5, MilliSeconds(50)}};
        sc.configure = [](BatchingEarlyExitHelper& h)
        {
            h.SetAllocatorType("ns3::TestFirstUsersBatchingAllocator");
            h.SetAllocatorAttribute("NServed", UintegerValue(2));
        };
        sc.Build();
        std::vector<std::map<uint64_t, double>> calls;
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(sc.server->GetAllocator()->GetInstanceTypeId().GetName(),
                              "ns3::TestFirstUsersBatchingAllocator",
                              "installed by TypeId");
        NS_TEST_ASSERT_MSG_EQ(sc.server->GetAllocator()->GetRejections().size(), 0u, "valid");
        // the optimal allocation would serve all three (W = 10 MHz)
        for (size_t i = 0; i < 3; ++i)
        {
            const auto& c = sc.apps[i]->GetTaskRecords().at(0);
            const auto s = ServerRecord(sc, i);
            if (i < 2)
            {
                NS_TEST_ASSERT_MSG_EQ(c.outcome, OffloadingClient::ON_TIME, "client " << i);
                NS_TEST_ASSERT_MSG_EQ_TOL(c.bandwidthHz, 5e6, 1e-6, "w = W / 2 of " << i);
                NS_TEST_ASSERT_MSG_EQ(c.bytesSent, 2400u, "input of " << i);
                // batch of 2 at exit 0: t_1(2) = 4 ms after the planned start
                NS_TEST_ASSERT_MSG_EQ_TOL(s.completionS - s.batchStartS,
                                          4e-3,
                                          NS_TOLERANCE_S,
                                          "batch of the two served, client " << i);
                NS_TEST_ASSERT_MSG_EQ_TOL(s.completionS,
                                          s.predictedCompletionS,
                                          NS_TOLERANCE_S,
                                          "measured = predicted, client " << i);
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(c.outcome, OffloadingClient::NOT_SCHEDULED, "client 2");
                NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(c.reason),
                                      static_cast<uint32_t>(BatchingEarlyExitReason::NOT_SELECTED),
                                      "reason of client 2");
                NS_TEST_ASSERT_MSG_EQ(c.bytesSent, 0u, "no input from client 2");
            }
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * Round trip: the built-in allocator writes the instance, BatchingEarlyExitSolve (the CLI's
 * code path) solves it, the decision-file allocator executes the written decision: the same
 * per-user packet-level outcome as the built-in run.
 */
class BatchingDecisionRoundTripTestCase : public TestCase
{
  public:
    BatchingDecisionRoundTripTestCase()
        : TestCase("round trip: instance file -> BatchingEarlyExitSolve -> decision file")
    {
    }

  private:
    void DoRun() override
    {
        const std::string instancePattern = CreateTempDirFilename("bee-instance-%r.json");
        const std::string decisionPattern = CreateTempDirFilename("bee-decision-%r.json");
        Scenario builtIn;
        builtIn.clients = THREE_CLIENTS;
        builtIn.totalBandwidthHz = W_TWO_OF_THREE;
        builtIn.configure = [&instancePattern](BatchingEarlyExitHelper& h)
        {
            h.SetAllocatorAttribute("InstanceFileName", StringValue(instancePattern));
        };
        builtIn.Build();
        Simulator::Run();
        const std::vector<Outcome> expected = Outcomes(builtIn);
        const uint32_t rounds = builtIn.server->GetAllocator()->GetRound();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(rounds, 1u, "one frame");
        uint32_t nServed = 0;
        for (const auto& o : expected)
        {
            nServed += o.isScheduled ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(nServed, 2u, "W = 200 kHz serves two of three");

        const json::Json instance = ReadJsonFile(RoundFileName(instancePattern, 0));
        const json::Json solved =
            json::BatchingEarlyExitSolve(json::JsonNode(instance, ""), "optimal");
        WriteJsonFile(RoundFileName(decisionPattern, 0), solved);

        Scenario fromFile;
        fromFile.clients = THREE_CLIENTS;
        fromFile.totalBandwidthHz = W_TWO_OF_THREE;
        UseDecisionFile(fromFile, decisionPattern, false);
        fromFile.Build();
        Simulator::Run();
        const std::vector<Outcome> got = Outcomes(fromFile);
        NS_TEST_ASSERT_MSG_EQ(
            fromFile.server->GetAllocator()->GetRejections().size(), 0u, "decision file accepted");
        for (size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(got[i].isScheduled, expected[i].isScheduled, "served " << i);
            NS_TEST_ASSERT_MSG_EQ(got[i].exit, expected[i].exit, "exit " << i);
            NS_TEST_ASSERT_MSG_EQ(got[i].outcome, expected[i].outcome, "outcome " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(
                got[i].bandwidthHz, expected[i].bandwidthHz, 1e-9, "bandwidth " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(
                got[i].predictedS, expected[i].predictedS, 1e-12, "prediction " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(
                got[i].completionS, expected[i].completionS, 1e-12, "measured " << i);
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * Malformed decision files are rejected with a message naming the file, the user and the
 * field; the run goes on with the fallback or with nobody served.
 */
class BatchingBadDecisionFileTestCase : public TestCase
{
  public:
    /// What is wrong with the file.
    enum Fault
    {
        BAD_JSON,       ///< Not JSON
        WRONG_VALUE,    ///< A negative bandwidth
        OVER_BANDWIDTH, ///< Bandwidths summing above W
        USER_COUNT,     ///< Two users for three
        MISSING_FILE,   ///< No file for the round
    };

    /**
     * @param [in] fault what is wrong
     * @param [in] withFallback use an optimal fallback
     */
    BatchingBadDecisionFileTestCase(Fault fault, bool withFallback)
        : TestCase(std::string("bad decision file (") + Name(fault) + "): rejected, " +
                   (withFallback ? "fallback serves" : "nobody served"))
        , m_fault(fault)
        , m_withFallback(withFallback)
    {
    }

  private:
    /**
     * @param [in] fault a fault
     * @return its name
     */
    static const char* Name(Fault fault)
    {
        const char* names[] = {
            "bad JSON", "negative bandwidth", "sum above W", "user count", "missing file"};
        return names[fault];
    }

    void DoRun() override
    {
        const std::string path = CreateTempDirFilename("bee-bad-decision.json");
        const std::string users3 =
            R"([{"served": true, "bandwidthHz": 1e5}, {"served": true, "bandwidthHz": )";
        std::string text;
        std::string expectMessage;
        switch (m_fault)
        {
            case BAD_JSON:
                text = R"({"decision": {"users": [)";
                expectMessage = path + ": ";
                break;
            case WRONG_VALUE:
                text = R"({"problem": "batching-early-exit", "decision": {"users": )" + users3 +
                       R"(-5}, {"served": false}]}})";
                expectMessage = path + ": decision.users[1].bandwidthHz: expected a number >= 0, "
                                       "got -5";
                break;
            case OVER_BANDWIDTH:
                text = R"({"decision": {"scheme": "batching-early-exit", "users": )" + users3 +
                       R"(1.5e5}, {"served": false}]}})";
                expectMessage = path + ": decision.users[1].bandwidthHz: 150000 Hz makes the "
                                       "served users' sum exceed totalBandwidthHz W = 200000 Hz "
                                       "(sum 250000 Hz)";
                break;
            case USER_COUNT:
                text = R"({"decision": {"users": [{"served": false}, {"served": false}]}})";
                expectMessage = path + ": decision.users: expected an array of 3 users";
                break;
            case MISSING_FILE:
                expectMessage = path + ".missing: cannot open the file";
                break;
        }
        if (m_fault != MISSING_FILE)
        {
            std::ofstream(path) << text;
        }
        Scenario sc;
        sc.clients = THREE_CLIENTS;
        sc.totalBandwidthHz = W_TWO_OF_THREE;
        UseDecisionFile(sc, m_fault == MISSING_FILE ? path + ".missing" : path, m_withFallback);
        sc.Build();
        std::vector<std::string> traced;
        sc.server->GetAllocator()->TraceConnectWithoutContext(
            "DecisionRejected",
            MakeBoundCallback(&BatchingBadDecisionFileTestCase::OnRejected, &traced));
        Simulator::Run();
        const auto& rejections = sc.server->GetAllocator()->GetRejections();
        NS_TEST_ASSERT_MSG_EQ(rejections.size(), 1u, "one rejection");
        NS_TEST_ASSERT_MSG_EQ(traced.size(), 1u, "traced");
        if (rejections.size() == 1 && traced.size() == 1)
        {
            NS_TEST_ASSERT_MSG_NE(rejections[0].find(expectMessage),
                                  std::string::npos,
                                  "message '" << rejections[0] << "' lacks '" << expectMessage
                                              << "'");
            NS_TEST_ASSERT_MSG_EQ(rejections[0], "round 0: " + traced[0], "trace = record");
        }
        NS_TEST_ASSERT_MSG_EQ(sc.server->GetAllocator()->GetRound(), 1u, "the round is decided");
        // the fallback (optimal) serves users 0 and 1; without it nobody is served
        for (size_t i = 0; i < 3; ++i)
        {
            const auto& c = sc.apps[i]->GetTaskRecords().at(0);
            const bool isServed = m_withFallback && i < 2;
            NS_TEST_ASSERT_MSG_EQ(c.outcome,
                                  isServed ? OffloadingClient::ON_TIME
                                           : OffloadingClient::NOT_SCHEDULED,
                                  "client " << i);
        }
        Simulator::Destroy();
    }

    /**
     * @param [in] out messages
     * @param [in] round round
     * @param [in] message message
     */
    static void OnRejected(std::vector<std::string>* out,
                           uint32_t round,
                           const std::string& message)
    {
        out->push_back(message);
    }

    Fault m_fault;       ///< What is wrong
    bool m_withFallback; ///< Use a fallback
};

/**
 * @ingroup edge-inference-tests
 * Suite of the batching + early-exit network side.
 */
class EdgeInferenceBatchingTestSuite : public TestSuite
{
  public:
    EdgeInferenceBatchingTestSuite()
        : TestSuite("edge-inference-batching")
    {
        AddTestCase(new OffloadingHeaderTestCase);
        AddTestCase(new BatchingAllocatorObjectTestCase);
        AddTestCase(new BatchingPredictionTestCase);
        AddTestCase(new BatchingOverlappingFramesTestCase);
        AddTestCase(new BatchingUnscheduledTestCase);
        AddTestCase(new BatchingImpossibleDeadlineTestCase);
        AddTestCase(new BatchingLossTestCase(BatchingLossTestCase::LOST_RESULT));
        AddTestCase(new BatchingLossTestCase(BatchingLossTestCase::LATE_RESULT));
        AddTestCase(new BatchingLossTestCase(BatchingLossTestCase::LOST_INPUT));
        AddTestCase(new BatchingLteTestCase);
        AddTestCase(new BatchingUserAllocatorTestCase);
        AddTestCase(new BatchingDecisionRoundTripTestCase);
        using Bad = BatchingBadDecisionFileTestCase;
        AddTestCase(new Bad(Bad::BAD_JSON, false));
        AddTestCase(new Bad(Bad::WRONG_VALUE, true));
        AddTestCase(new Bad(Bad::OVER_BANDWIDTH, false));
        AddTestCase(new Bad(Bad::USER_COUNT, true));
        AddTestCase(new Bad(Bad::MISSING_FILE, false));
    }
};

/// Static instance of the suite.
static EdgeInferenceBatchingTestSuite g_edgeInferenceBatchingTestSuite;
