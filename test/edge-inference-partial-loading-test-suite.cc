/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * Tests of the PartialLoading network side (PartialLoadingServer, EdgeServer,
 * OffloadingClient with ModelIndex, PartialLoadingHelper) on point-to-point links, where
 * every delay is known: the reconstruction's example E5 served over the network (measured
 * completions against the scheduler's prediction and the hand-computed timeline, bytes loaded with
 * and without sharing), a model larger than the GPU memory, an unscheduled user, a lost upload and
 * a stopped server that end as failures without hanging; the allocator interface: a user-defined
 * allocator installed by TypeId, the round trip scenario -> instance file -> PartialLoadingSolve ->
 * decision file -> same scenario, and rejected decisions.
 */

#include "test-block-model.h"

#include "ns3/core-module.h"
#include "ns3/decision-file.h"
#include "ns3/edge-server.h"
#include "ns3/error-model.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/offloading-client.h"
#include "ns3/partial-loading-allocator.h"
#include "ns3/partial-loading-helper.h"
#include "ns3/partial-loading-json.h"
#include "ns3/partial-loading-server.h"
#include "ns3/point-to-point-module.h"
#include "ns3/test.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/// Each of the <= 10 durations on a task's path (loads, inferences, origin) is rounded to
/// 1 ns once by Seconds(); the measured and predicted times may differ by that much.
const double NS_TOLERANCE_S = 1e-8;

/// E5 timeline (ms after the origin) of the order m1, m1, m2, m3, m3 on a cold GPU at
/// 1000 MB/s: loads 100, 0, 10, 45, 0 MB; ends 100+10, +10, +10+10, +45+5, +5.
const std::vector<double> E5_END_MS = {110, 120, 140, 190, 195};

/// A star of point-to-point links: the server in the middle, one client per link.
struct Scenario
{
    std::vector<uint16_t> models;             ///< ModelIndex of each client
    Time deadline{MilliSeconds(220)};         ///< Client attribute Deadline
    std::string algorithm{"partial-loading"}; ///< Allocator attribute Algorithm
    bool loadAtAllocation{false};             ///< Server attribute LoadAtAllocation
    uint64_t gpuMemoryBytes{16000000000ULL};  ///< EdgeServer attribute GpuMemory
    /// Called on the helper before InstallServer() (allocator type and attributes)
    std::function<void(PartialLoadingHelper&)> configure;
    Ptr<PartialLoadingServer> server;        ///< After Build()
    Ptr<EdgeServer> edge;                    ///< After Build()
    std::vector<Ptr<OffloadingClient>> apps; ///< After Build()
    std::vector<NetDeviceContainer> links;   ///< Device 0 = server side, 1 = client side
    std::vector<uint32_t> serverRxPackets;   ///< Datagrams the server received per link

    /**
     * Build the topology and applications: p2p 100 Mbit/s, 1 ms; the E5 family (m1 = {A 90,
     * h1 10}, m2 = {A 90, h2 10}, m3 = {B 40, h3 5} MB; I = 10, 10, 5 ms) plus "big" = {C
     * 2000 MB}; LoadRate 1000 MB/s; CollectionWindow 1 ms, UploadStartDelay 5 ms,
     * ResultDelay 2 ms; 2400-byte inputs in 1200-byte datagrams; s_k = 1e12 Hz reported by
     * the clients, B = 10 MHz (uploads take well under 1 ms).
     */
    void Build()
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        NodeContainer serverNode;
        serverNode.Create(1);
        NodeContainer clientNodes;
        clientNodes.Create(models.size());
        InternetStackHelper stack;
        stack.Install(serverNode);
        stack.Install(clientNodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));

        DnnModelFamily family("e5");
        family.Add(BlockModel("m1", {{"A", 90}, {"h1", 10}}));
        family.Add(BlockModel("m2", {{"A", 90}, {"h2", 10}}));
        family.Add(BlockModel("m3", {{"B", 40}, {"h3", 5}}));
        family.Add(BlockModel("big", {{"C", 2000}}));
        PartialLoadingHelper helper;
        helper.SetFamily(family);
        helper.SetInferenceTime("m1", MilliSeconds(10));
        helper.SetInferenceTime("m2", MilliSeconds(10));
        helper.SetInferenceTime("m3", MilliSeconds(5));
        helper.SetInferenceTime("big", MilliSeconds(10));
        helper.SetEdgeServerAttribute("LoadRate", DataRateValue(DataRate(8e9)));
        helper.SetEdgeServerAttribute("GpuMemory", UintegerValue(gpuMemoryBytes));
        helper.SetAllocatorAttribute("Algorithm", StringValue(algorithm));
        if (configure)
        {
            configure(helper);
        }
        helper.SetServerAttribute("LoadAtAllocation", BooleanValue(loadAtAllocation));
        helper.SetServerAttribute("TotalBandwidthHz", DoubleValue(1e7));
        helper.SetServerAttribute("CollectionWindow", TimeValue(MilliSeconds(1)));
        helper.SetServerAttribute("UploadStartDelay", TimeValue(MilliSeconds(5)));
        helper.SetServerAttribute("ResultDelay", TimeValue(MilliSeconds(2)));
        helper.SetClientAttribute("InputBytes", UintegerValue(2400));
        helper.SetClientAttribute("DataPayloadBytes", UintegerValue(1200));
        helper.SetClientAttribute("ChannelReportHz", DoubleValue(1e12));
        helper.SetClientAttribute("Deadline", TimeValue(deadline));
        server = DynamicCast<PartialLoadingServer>(helper.InstallServer(serverNode.Get(0)).Get(0));
        edge = serverNode.Get(0)->GetObject<EdgeServer>();
        serverRxPackets.assign(models.size(), 0);
        for (size_t i = 0; i < models.size(); ++i)
        {
            NetDeviceContainer link = p2p.Install(serverNode.Get(0), clientNodes.Get(i));
            links.push_back(link);
            Ipv4AddressHelper addr;
            std::string base = "10.1." + std::to_string(i + 1) + ".0";
            addr.SetBase(Ipv4Address(base.c_str()), "255.255.255.0");
            Ipv4InterfaceContainer ifaces = addr.Assign(link);
            ApplicationContainer app = helper.InstallClients(
                NodeContainer(clientNodes.Get(i)), ifaces.GetAddress(0), {models[i]});
            apps.push_back(DynamicCast<OffloadingClient>(app.Get(0)));
            link.Get(0)->TraceConnectWithoutContext(
                "MacRx", MakeBoundCallback(&Scenario::CountRx, &serverRxPackets[i]));
        }
        helper.AssignStreams(clientNodes, 10);
    }

    /**
     * Count a received datagram.
     * @param [in] counter the counter
     * @param [in] packet the packet
     */
    static void CountRx(uint32_t* counter, Ptr<const Packet> packet) { ++*counter; }

    /**
     * @param [in] client client index
     * @return the server's record of the client's task (a default one if none)
     */
    PartialLoadingServer::TaskRecord ServerRecord(size_t client) const
    {
        const Ipv4Address peer =
            apps[client]->GetNode()->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
        for (const auto& t : server->GetTaskRecords())
        {
            if (InetSocketAddress::ConvertFrom(t.from).GetIpv4() == peer)
            {
                return t;
            }
        }
        return PartialLoadingServer::TaskRecord();
    }

    /// @return the scheduler's time origin of frame 0 (t0 + UploadStartDelay), s
    double OriginS() const { return server->GetFrameRecords().at(0).allocationS + 0.005; }

    /// @return the completion times of the served tasks, sorted, s
    std::vector<double> SortedCompletions() const
    {
        std::vector<double> out;
        for (const auto& t : server->GetTaskRecords())
        {
            if (t.completionS >= 0)
            {
                out.push_back(t.completionS);
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

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

/**
 * DecisionReceived sink: drop everything the server receives from now on on a link.
 * @param [in] device the server-side device of the link
 * @param [in] frame frame index
 * @param [in] taskId task id
 * @param [in] isScheduled scheduled
 * @param [in] bandwidthHz bandwidth
 */
void
DropInputAfterDecision(
    Ptr<NetDevice> device, uint32_t frame, uint32_t taskId, bool isScheduled, double bandwidthHz)
{
    DropAllRx(device);
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * E5 over the network: the five requests m1, m1, m2, m3, m3 with T ~ 211 ms after the origin
 * are all served in the order m1, m1, m2, m3, m3; every measured completion equals the
 * scheduler's prediction and the hand-computed E5 end times, and the GPU loads 155 MB (the
 * shared backbone A is loaded once). With LoadAtAllocation the loads start 5 ms
 * (UploadStartDelay) before the origin, and since every task waits for its model (b = rho),
 * every completion is exactly 5 ms earlier than the hand-computed E5 end times; the
 * instance has that head start (uploadStartS), so the prediction is still the measurement.
 */
class PartialLoadingE5TestCase : public TestCase
{
  public:
    /**
     * @param [in] loadAtAllocation server attribute LoadAtAllocation
     */
    PartialLoadingE5TestCase(bool loadAtAllocation)
        : TestCase(loadAtAllocation
                       ? "E5, LoadAtAllocation: measured = predicted = E5 - UploadStartDelay"
                       : "E5 over p2p: measured = predicted = hand-computed; 155 MB loaded")
        , m_loadAtAllocation(loadAtAllocation)
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.models = {0, 0, 1, 2, 2};
        sc.loadAtAllocation = m_loadAtAllocation;
        sc.Build();
        Simulator::Run();
        const double shift = m_loadAtAllocation ? 0.005 : 0.0;
        const double origin = sc.OriginS();
        for (size_t i = 0; i < sc.apps.size(); ++i)
        {
            const auto& c = sc.apps[i]->GetTaskRecords().at(0);
            const auto s = sc.ServerRecord(i);
            NS_TEST_ASSERT_MSG_EQ(c.outcome, OffloadingClient::ON_TIME, "client " << i);
            NS_TEST_ASSERT_MSG_EQ(s.outcome, PartialLoadingServer::ON_TIME, "server " << i);
            NS_TEST_ASSERT_MSG_EQ(s.model,
                                  std::string(i < 2 ? "m1" : (i == 2 ? "m2" : "m3")),
                                  "model of client " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(s.completionS,
                                      s.predictedCompletionS,
                                      NS_TOLERANCE_S,
                                      "completion of client " << i);
            NS_TEST_ASSERT_MSG_LT(s.uploadEndS, origin, "input in before the origin");
            NS_TEST_ASSERT_MSG_EQ_TOL(c.completionS, s.completionS, 1e-12, "client view");
        }
        const std::vector<double> ends = sc.SortedCompletions();
        NS_TEST_ASSERT_MSG_EQ(ends.size(), 5u, "five completions");
        for (size_t j = 0; j < ends.size() && j < E5_END_MS.size(); ++j)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(
                ends[j], origin + E5_END_MS[j] * 1e-3 - shift, NS_TOLERANCE_S, "E5 end " << j);
        }
        // m1 loads A + h1 = 100 MB, m2 only h2 = 10 MB, m3 B + h3 = 45 MB
        NS_TEST_ASSERT_MSG_EQ(sc.edge->GetLoadedBytes(), 155000000ULL, "bytes loaded");
        NS_TEST_ASSERT_MSG_EQ_TOL(
            sc.edge->GetLoadingTime().GetSeconds(), 0.155, NS_TOLERANCE_S, "loading time");
        const auto& fr = sc.server->GetFrameRecords().at(0);
        NS_TEST_ASSERT_MSG_EQ(fr.nScheduled, 5u, "served");
        NS_TEST_ASSERT_MSG_EQ(fr.nOnTime, 5u, "on time");
        NS_TEST_ASSERT_MSG_EQ(sc.server->GetUnexpectedDataBytes(), 0u, "no stray DATA");
        Simulator::Destroy();
    }

    bool m_loadAtAllocation; ///< Attribute LoadAtAllocation
};

/**
 * @ingroup edge-inference-tests
 * The no-sharing baseline really reloads: (a) with T ~ 211 ms it serves 4 of the E5
 * requests (m1 x 2 then m3 x 2 take 120 + 55 = 175 ms; adding m2 costs 110 ms more), the m2
 * user is NOT_SCHEDULED (DEADLINE) and uploads nothing; (b) with T ~ 291 ms all five fit
 * (285 ms), and the GPU loads m1, m2 and m3 whole: 100 + 100 + 45 = 245 MB instead of 155.
 */
class PartialLoadingNoSharingTestCase : public TestCase
{
  public:
    PartialLoadingNoSharingTestCase()
        : TestCase("NoSharing: 4 of 5 served at T=211 ms, 245 MB loaded at T=291 ms; "
                   "the unscheduled user uploads nothing")
    {
    }

  private:
    void DoRun() override
    {
        {
            Scenario sc;
            sc.models = {0, 0, 1, 2, 2};
            sc.algorithm = "no-sharing";
            sc.Build();
            Simulator::Run();
            const auto c2 = sc.apps[2]->GetTaskRecords().at(0);
            NS_TEST_ASSERT_MSG_EQ(c2.outcome, OffloadingClient::NOT_SCHEDULED, "m2 user");
            NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(c2.reason),
                                  static_cast<uint32_t>(UnservedReason::DEADLINE),
                                  "reason");
            NS_TEST_ASSERT_MSG_EQ(c2.bytesSent, 0u, "no input sent");
            NS_TEST_ASSERT_MSG_EQ(sc.serverRxPackets[2], 1u, "only the REQUEST");
            NS_TEST_ASSERT_MSG_EQ(sc.serverRxPackets[0], 3u, "REQUEST + 2 DATA");
            for (size_t i : {0, 1, 3, 4})
            {
                const auto s = sc.ServerRecord(i);
                NS_TEST_ASSERT_MSG_EQ(s.outcome, PartialLoadingServer::ON_TIME, "user " << i);
                NS_TEST_ASSERT_MSG_EQ_TOL(
                    s.completionS, s.predictedCompletionS, NS_TOLERANCE_S, "user " << i);
            }
            const std::vector<double> ends = sc.SortedCompletions();
            NS_TEST_ASSERT_MSG_EQ(ends.size(), 4u, "four completions");
            NS_TEST_ASSERT_MSG_EQ_TOL(ends.back(), sc.OriginS() + 0.175, NS_TOLERANCE_S, "end");
            NS_TEST_ASSERT_MSG_EQ(sc.edge->GetLoadedBytes(), 145000000ULL, "m1 + m3 whole");
            Simulator::Destroy();
        }
        {
            Scenario sc;
            sc.models = {0, 0, 1, 2, 2};
            sc.algorithm = "no-sharing";
            sc.deadline = MilliSeconds(300);
            sc.Build();
            Simulator::Run();
            const std::vector<double> ends = sc.SortedCompletions();
            NS_TEST_ASSERT_MSG_EQ(ends.size(), 5u, "five completions");
            NS_TEST_ASSERT_MSG_EQ_TOL(ends.back(), sc.OriginS() + 0.285, NS_TOLERANCE_S, "end");
            NS_TEST_ASSERT_MSG_EQ(sc.edge->GetLoadedBytes(), 245000000ULL, "every model whole");
            for (size_t i = 0; i < sc.apps.size(); ++i)
            {
                const auto s = sc.ServerRecord(i);
                NS_TEST_ASSERT_MSG_EQ_TOL(
                    s.completionS, s.predictedCompletionS, NS_TOLERANCE_S, "user " << i);
            }
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * A request for "big" (2000 MB) on a 1000 MB GPU is answered NOT_SCHEDULED with reason
 * MODEL_EXCEEDS_GPU_MEMORY and a text, and uploads nothing; the m1 and m3 users are served
 * on time as predicted, and the GPU loads m1 (100 MB) and m3 (45 MB) once each. A model
 * index outside the catalogue is refused as an invalid request naming the index.
 */
class PartialLoadingOversizeTestCase : public TestCase
{
  public:
    PartialLoadingOversizeTestCase()
        : TestCase("Model larger than the GPU and unknown model: answered with a reason, "
                   "the rest served")
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.models = {3, 0, 2, 9};
        sc.gpuMemoryBytes = 1000000000ULL;
        sc.Build();
        Simulator::Run();
        const auto big = sc.apps[0]->GetTaskRecords().at(0);
        NS_TEST_ASSERT_MSG_EQ(big.outcome, OffloadingClient::NOT_SCHEDULED, "big model");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(big.reason),
                              static_cast<uint32_t>(UnservedReason::MODEL_EXCEEDS_GPU_MEMORY),
                              "reason code");
        NS_TEST_ASSERT_MSG_EQ(big.bytesSent, 0u, "no input sent");
        NS_TEST_ASSERT_MSG_EQ(sc.ServerRecord(0).failureReason,
                              ToString(UnservedReason::MODEL_EXCEEDS_GPU_MEMORY),
                              "reason text");
        const auto unknown = sc.apps[3]->GetTaskRecords().at(0);
        NS_TEST_ASSERT_MSG_EQ(unknown.outcome, OffloadingClient::NOT_SCHEDULED, "unknown");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(unknown.reason),
                              static_cast<uint32_t>(PartialLoadingServer::REASON_INVALID_REQUEST),
                              "invalid request");
        const bool namesIndex =
            sc.ServerRecord(3).failureReason.find("model index 9") != std::string::npos;
        NS_TEST_ASSERT_MSG_EQ(namesIndex, true, "text names the index");
        for (size_t i : {1, 2})
        {
            NS_TEST_ASSERT_MSG_EQ(sc.apps[i]->GetTaskRecords().at(0).outcome,
                                  OffloadingClient::ON_TIME,
                                  "user " << i);
            const auto s = sc.ServerRecord(i);
            NS_TEST_ASSERT_MSG_EQ_TOL(
                s.completionS, s.predictedCompletionS, NS_TOLERANCE_S, "user " << i);
        }
        // m1 (100 MB) and m3 (45 MB) loaded once each; "big" never touched the GPU
        NS_TEST_ASSERT_MSG_EQ(sc.edge->GetLoadedBytes(), 145000000ULL, "bytes loaded");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * Two m1 users; the server's link drops everything from user 1 after its DECISION. Its task
 * fails at its upload window (L_i, the latest start that keeps the other task on time),
 * the client learns FAILED, the other user is still on time, and the simulation runs out of
 * events by itself. A second run stops the server 50 ms into the loading: the pending jobs
 * are cancelled, both clients end FAILED (timeout) and nothing hangs.
 */
class PartialLoadingLossTestCase : public TestCase
{
  public:
    PartialLoadingLossTestCase()
        : TestCase("Lost upload: FAILED at its window, the other on time; stopped server: "
                   "no hang")
    {
    }

  private:
    void DoRun() override
    {
        {
            Scenario sc;
            sc.models = {0, 0};
            sc.Build();
            sc.apps[1]->TraceConnectWithoutContext(
                "DecisionReceived", MakeBoundCallback(&DropInputAfterDecision, sc.links[1].Get(0)));
            Simulator::Run(); // no Stop: must end by itself
            NS_TEST_ASSERT_MSG_EQ(Simulator::IsFinished(), true, "no event left");
            const auto s1 = sc.ServerRecord(1);
            NS_TEST_ASSERT_MSG_EQ(s1.outcome, PartialLoadingServer::FAILED, "lost upload");
            NS_TEST_ASSERT_MSG_EQ(s1.receivedBytes, 0u, "nothing received");
            NS_TEST_ASSERT_MSG_EQ(sc.apps[1]->GetTaskRecords().at(0).outcome,
                                  OffloadingClient::FAILED,
                                  "client of the lost upload");
            NS_TEST_ASSERT_MSG_EQ(
                sc.ServerRecord(0).outcome, PartialLoadingServer::ON_TIME, "the other user");
            NS_TEST_ASSERT_MSG_EQ(sc.apps[0]->GetTaskRecords().at(0).outcome,
                                  OffloadingClient::ON_TIME,
                                  "the other client");
            NS_TEST_ASSERT_MSG_EQ(sc.edge->GetNPendingJobs(), 0u, "no job left");
            Simulator::Destroy();
        }
        {
            Scenario sc;
            sc.models = {0, 2};
            sc.Build();
            sc.server->SetStopTime(MilliSeconds(50));
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(Simulator::IsFinished(), true, "no event left");
            NS_TEST_ASSERT_MSG_EQ(sc.edge->GetNPendingJobs(), 0u, "jobs cancelled");
            for (size_t i = 0; i < 2; ++i)
            {
                NS_TEST_ASSERT_MSG_EQ(sc.apps[i]->GetTaskRecords().at(0).outcome,
                                      OffloadingClient::FAILED,
                                      "client " << i);
                NS_TEST_ASSERT_MSG_EQ(
                    sc.ServerRecord(i).outcome, PartialLoadingServer::FAILED, "server " << i);
            }
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * A user-defined allocator, as a researcher would write it in their own program: serve the
 * first K requests of the instance in REVERSE order (the last of them first), each with
 * BandwidthHz; no upload windows, no reasons (PartialLoadingAllocator::Allocate() completes
 * them).
 */
class ServeFirstKAllocator : public PartialLoadingAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("ServeFirstKAllocator")
                .SetParent<PartialLoadingAllocator>()
                .AddConstructor<ServeFirstKAllocator>()
                .AddAttribute("K",
                              "Requests served (the first K of the instance).",
                              UintegerValue(1),
                              MakeUintegerAccessor(&ServeFirstKAllocator::m_k),
                              MakeUintegerChecker<uint32_t>())
                .AddAttribute("BandwidthHz",
                              "Uplink bandwidth of each served request, Hz.",
                              DoubleValue(1e6),
                              MakeDoubleAccessor(&ServeFirstKAllocator::m_bandwidthHz),
                              MakeDoubleChecker<double>());
        return tid;
    }

    PartialLoadingDecision Decide(const PartialLoadingProblem& instance) override
    {
        PartialLoadingDecision d;
        d.bandwidthHz.assign(instance.requests.size(), 0.0);
        const uint32_t k = std::min<uint32_t>(m_k, instance.requests.size());
        for (uint32_t i = k; i > 0; --i)
        {
            d.order.push_back(i - 1);
            d.bandwidthHz[i - 1] = m_bandwidthHz;
        }
        return d;
    }

  private:
    uint32_t m_k{1};           ///< Attribute K
    double m_bandwidthHz{1e6}; ///< Attribute BandwidthHz
};

NS_OBJECT_ENSURE_REGISTERED(ServeFirstKAllocator);

namespace
{

/**
 * @param [in] text a text
 * @param [in] part a part
 * @return whether @p text contains @p part
 */
bool
Contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * A user allocator installed through the helper by TypeId (ServeFirstKAllocator, K = 3,
 * 2 MHz each): the packet-level outcome is its decision: the first three requests of the
 * instance are served with 2 MHz each in reverse order (their completions decrease with the
 * request index, each equal to the module's prediction of that decision), the other two
 * are NOT_SCHEDULED with reason NOT_SELECTED and upload nothing. The same allocator with
 * K = 2 and 6 MHz each (12 MHz > B = 10 MHz) is rejected with a message naming
 * requests[1].bandwidthHz; without a fallback nobody is served (DECISION_REJECTED).
 */
class PartialLoadingUserAllocatorTestCase : public TestCase
{
  public:
    PartialLoadingUserAllocatorTestCase()
        : TestCase("User allocator by TypeId: served set, order and bandwidths executed; a "
                   "decision over B is rejected naming the field, nobody served")
    {
    }

  private:
    void DoRun() override
    {
        {
            Scenario sc;
            sc.models = {0, 0, 1, 2, 2};
            sc.configure = [](PartialLoadingHelper& h)
            {
                h.SetAllocatorType("ServeFirstKAllocator");
                h.SetAllocatorAttribute("K", UintegerValue(3));
                h.SetAllocatorAttribute("BandwidthHz", DoubleValue(2e6));
            };
            sc.Build();
            Simulator::Run();
            NS_TEST_ASSERT_MSG_NE(DynamicCast<ServeFirstKAllocator>(sc.server->GetAllocator()),
                                  nullptr,
                                  "the user's allocator is installed");
            const auto& tasks = sc.server->GetTaskRecords();
            NS_TEST_ASSERT_MSG_EQ(tasks.size(), 5u, "five requests");
            for (size_t k = 0; k < tasks.size(); ++k)
            {
                const auto& t = tasks[k];
                if (k < 3)
                {
                    NS_TEST_ASSERT_MSG_EQ(t.isScheduled, true, "request " << k << " served");
                    NS_TEST_ASSERT_MSG_EQ(t.outcome, PartialLoadingServer::ON_TIME, "k " << k);
                    NS_TEST_ASSERT_MSG_EQ_TOL(t.bandwidthHz, 2e6, 1e-6, "w of request " << k);
                    NS_TEST_ASSERT_MSG_EQ_TOL(
                        t.completionS, t.predictedCompletionS, NS_TOLERANCE_S, "k " << k);
                    NS_TEST_ASSERT_MSG_EQ(t.receivedBytes, 2400u, "input of request " << k);
                }
                else
                {
                    NS_TEST_ASSERT_MSG_EQ(t.isScheduled, false, "request " << k);
                    NS_TEST_ASSERT_MSG_EQ(t.outcome, PartialLoadingServer::NOT_SCHEDULED, "k");
                    NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(t.reason),
                                          static_cast<uint32_t>(UnservedReason::NOT_SELECTED),
                                          "reason of request " << k);
                    NS_TEST_ASSERT_MSG_EQ(t.receivedBytes, 0u, "no input from request " << k);
                }
            }
            // reverse order: request 2 runs first, then 1, then 0
            NS_TEST_ASSERT_MSG_LT(tasks[2].completionS, tasks[1].completionS, "2 before 1");
            NS_TEST_ASSERT_MSG_LT(tasks[1].completionS, tasks[0].completionS, "1 before 0");
            const auto& d = sc.server->GetDecisions().at(0);
            NS_TEST_ASSERT_MSG_EQ(d.order.size(), 3u, "decision order");
            NS_TEST_ASSERT_MSG_EQ(d.order[0], 2u, "first in GPU order");
            NS_TEST_ASSERT_MSG_EQ(d.prediction.nOnTime, 3u, "predicted on time");
            NS_TEST_ASSERT_MSG_EQ(
                sc.server->GetAllocator()->GetRejections().size(), 0u, "nothing rejected");
            Simulator::Destroy();
        }
        {
            Scenario sc;
            sc.models = {0, 0, 1};
            sc.configure = [](PartialLoadingHelper& h)
            {
                h.SetAllocatorType("ServeFirstKAllocator");
                h.SetAllocatorAttribute("K", UintegerValue(2));
                h.SetAllocatorAttribute("BandwidthHz", DoubleValue(6e6));
            };
            sc.Build();
            Simulator::Run();
            const auto& rejections = sc.server->GetAllocator()->GetRejections();
            NS_TEST_ASSERT_MSG_EQ(rejections.size(), 1u, "one rejection");
            const std::string msg = rejections.empty() ? "" : rejections[0];
            NS_TEST_ASSERT_MSG_EQ(Contains(msg, "requests[1].bandwidthHz"), true, msg);
            NS_TEST_ASSERT_MSG_EQ(Contains(msg, "> B = 10000000 Hz"), true, msg);
            for (size_t i = 0; i < sc.apps.size(); ++i)
            {
                const auto c = sc.apps[i]->GetTaskRecords().at(0);
                NS_TEST_ASSERT_MSG_EQ(c.outcome, OffloadingClient::NOT_SCHEDULED, "client " << i);
                NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(c.reason),
                                      static_cast<uint32_t>(UnservedReason::DECISION_REJECTED),
                                      "reason of client " << i);
                NS_TEST_ASSERT_MSG_EQ(c.bytesSent, 0u, "nothing uploaded");
                NS_TEST_ASSERT_MSG_EQ(
                    Contains(sc.ServerRecord(i).failureReason, "requests[1].bandwidthHz"),
                    true,
                    "reason text of client " << i);
            }
            NS_TEST_ASSERT_MSG_EQ(sc.edge->GetLoadedBytes(), 0u, "GPU untouched");
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * Round trip, for partial-loading and no-sharing on E5 (T ~ 211 ms: 5 and 4 served): the run
 * with the built-in allocator writes its instance (InstanceFileName, "%r"); the instance is
 * solved by PartialLoadingSolve() (the code path of edge-inference-solve) and written with
 * WriteJsonFile(); the same scenario run with PartialLoadingDecisionFileAllocator on that
 * file gives, per user, the same served set, bandwidth, outcome, completion and prediction,
 * and the same bytes loaded.
 */
class PartialLoadingRoundTripTestCase : public TestCase
{
  public:
    PartialLoadingRoundTripTestCase()
        : TestCase("Round trip: instance file -> PartialLoadingSolve -> decision file -> same "
                   "per-user outcome")
    {
    }

  private:
    void DoRun() override
    {
        for (const std::string algorithm : {"partial-loading", "no-sharing"})
        {
            const std::string instances = CreateTempDirFilename(algorithm + "-instance-%r.json");
            const std::string decisions = CreateTempDirFilename(algorithm + "-decision-%r.json");
            Scenario a;
            a.models = {0, 0, 1, 2, 2};
            a.algorithm = algorithm;
            a.configure = [&instances](PartialLoadingHelper& h)
            {
                h.SetAllocatorAttribute("InstanceFileName", StringValue(instances));
            };
            a.Build();
            Simulator::Run();
            const auto tasksA = a.server->GetTaskRecords();
            const uint64_t loadedA = a.edge->GetLoadedBytes();
            Simulator::Destroy();

            const json::Json instance = ReadJsonFile(RoundFileName(instances, 0));
            WriteJsonFile(RoundFileName(decisions, 0),
                          json::PartialLoadingSolve(json::JsonNode(instance, ""), algorithm));

            Scenario b;
            b.models = a.models;
            b.configure = [&decisions](PartialLoadingHelper& h)
            {
                h.SetAllocatorType("ns3::PartialLoadingDecisionFileAllocator");
                h.SetAllocatorAttribute("FileName", StringValue(decisions));
            };
            b.Build();
            Simulator::Run();
            const auto tasksB = b.server->GetTaskRecords();
            NS_TEST_ASSERT_MSG_EQ(b.server->GetAllocator()->GetRejections().size(),
                                  0u,
                                  algorithm << ": decision file accepted");
            NS_TEST_ASSERT_MSG_EQ(tasksB.size(), tasksA.size(), algorithm << ": requests");
            uint32_t nServed = 0;
            for (size_t k = 0; k < tasksA.size() && k < tasksB.size(); ++k)
            {
                nServed += tasksA[k].isScheduled ? 1 : 0;
                NS_TEST_ASSERT_MSG_EQ(tasksB[k].isScheduled, tasksA[k].isScheduled, "k " << k);
                NS_TEST_ASSERT_MSG_EQ(tasksB[k].outcome, tasksA[k].outcome, "k " << k);
                NS_TEST_ASSERT_MSG_EQ(tasksB[k].reason, tasksA[k].reason, "k " << k);
                NS_TEST_ASSERT_MSG_EQ_TOL(
                    tasksB[k].bandwidthHz, tasksA[k].bandwidthHz, 1e-6, "w of " << k);
                NS_TEST_ASSERT_MSG_EQ_TOL(
                    tasksB[k].completionS, tasksA[k].completionS, 1e-12, "end of " << k);
                NS_TEST_ASSERT_MSG_EQ_TOL(tasksB[k].predictedCompletionS,
                                          tasksA[k].predictedCompletionS,
                                          1e-12,
                                          "prediction of " << k);
            }
            const uint32_t expected = algorithm == "no-sharing" ? 4 : 5;
            NS_TEST_ASSERT_MSG_EQ(nServed, expected, algorithm << ": served");
            NS_TEST_ASSERT_MSG_EQ(b.edge->GetLoadedBytes(), loadedA, algorithm << ": loaded");
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * Malformed decision files are rejected with a message naming the file, the JSON path and
 * the value, and the run goes on: (a) bad JSON, no fallback: nobody served
 * (DECISION_REJECTED), the GPU untouched; (b) requests[2].bandwidthHz = -5: the message
 * names decision.requests[2].bandwidthHz and -5; (c) requests[3].bandwidthHz = 9 MHz (sum >
 * B): the message names decision.requests[3].bandwidthHz and B, and the Fallback
 * (partial-loading) serves all five on time.
 */
class PartialLoadingBadDecisionFileTestCase : public TestCase
{
  public:
    PartialLoadingBadDecisionFileTestCase()
        : TestCase("Bad decision files: bad JSON, negative bandwidth, sum over B; rejected "
                   "naming file and field, nobody served or the fallback")
    {
    }

  private:
    /**
     * Run E5 with the decision-file allocator.
     * @param [in] file the decision file
     * @param [in] hasFallback give a partial-loading fallback
     * @param [out] message the first rejection message
     * @return the server's task records
     */
    std::vector<PartialLoadingServer::TaskRecord> RunWith(const std::string& file,
                                                          bool hasFallback,
                                                          std::string& message)
    {
        Scenario sc;
        sc.models = {0, 0, 1, 2, 2};
        sc.configure = [&file, hasFallback](PartialLoadingHelper& h)
        {
            h.SetAllocatorType("ns3::PartialLoadingDecisionFileAllocator");
            h.SetAllocatorAttribute("FileName", StringValue(file));
            if (hasFallback)
            {
                h.SetAllocatorAttribute(
                    "Fallback", PointerValue(CreateObject<PartialLoadingSolverAllocator>()));
            }
        };
        sc.Build();
        Simulator::Run();
        const auto& rejections = sc.server->GetAllocator()->GetRejections();
        message = rejections.empty() ? "" : rejections[0];
        const auto tasks = sc.server->GetTaskRecords();
        Simulator::Destroy();
        return tasks;
    }

    void DoRun() override
    {
        // a valid decision to corrupt: the built-in allocator's instance, solved
        const std::string instanceFile = CreateTempDirFilename("bad-instance.json");
        {
            Scenario sc;
            sc.models = {0, 0, 1, 2, 2};
            sc.configure = [&instanceFile](PartialLoadingHelper& h)
            {
                h.SetAllocatorAttribute("InstanceFileName", StringValue(instanceFile));
            };
            sc.Build();
            Simulator::Run();
            Simulator::Destroy();
        }
        const json::Json instance = ReadJsonFile(instanceFile);
        const json::Json good =
            json::PartialLoadingSolve(json::JsonNode(instance, ""), "partial-loading");

        // (a) not JSON
        const std::string badJson = CreateTempDirFilename("bad-json.json");
        {
            std::ofstream out(badJson);
            out << "{\"problem\": \"partial-loading\", \"decision\": [1, 2,";
        }
        std::string msg;
        auto tasks = RunWith(badJson, false, msg);
        NS_TEST_ASSERT_MSG_EQ(Contains(msg, badJson), true, "names the file: " << msg);
        NS_TEST_ASSERT_MSG_EQ(tasks.size(), 5u, "five requests");
        for (const auto& t : tasks)
        {
            NS_TEST_ASSERT_MSG_EQ(t.outcome, PartialLoadingServer::NOT_SCHEDULED, msg);
            NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(t.reason),
                                  static_cast<uint32_t>(UnservedReason::DECISION_REJECTED),
                                  "nobody served");
        }

        // (b) a field with a wrong value
        json::Json negative = good;
        negative["decision"]["requests"][2]["bandwidthHz"] = -5;
        const std::string negativeFile = CreateTempDirFilename("bad-negative.json");
        WriteJsonFile(negativeFile, negative);
        tasks = RunWith(negativeFile, false, msg);
        NS_TEST_ASSERT_MSG_EQ(Contains(msg, negativeFile), true, msg);
        NS_TEST_ASSERT_MSG_EQ(Contains(msg, "decision.requests[2].bandwidthHz"), true, msg);
        NS_TEST_ASSERT_MSG_EQ(Contains(msg, "-5"), true, msg);
        for (const auto& t : tasks)
        {
            NS_TEST_ASSERT_MSG_EQ(t.isScheduled, false, msg);
        }

        // (c) a constraint violated, with a fallback
        json::Json over = good;
        over["decision"]["requests"][3]["bandwidthHz"] = 9e6;
        const std::string overFile = CreateTempDirFilename("bad-over.json");
        WriteJsonFile(overFile, over);
        tasks = RunWith(overFile, true, msg);
        NS_TEST_ASSERT_MSG_EQ(Contains(msg, overFile), true, msg);
        NS_TEST_ASSERT_MSG_EQ(Contains(msg, "decision.requests[3].bandwidthHz"), true, msg);
        NS_TEST_ASSERT_MSG_EQ(Contains(msg, "> B = 10000000 Hz"), true, msg);
        uint32_t nOnTime = 0;
        for (const auto& t : tasks)
        {
            nOnTime += t.outcome == PartialLoadingServer::ON_TIME ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(nOnTime, 5u, "the fallback serves all five");
    }
};

/**
 * @ingroup edge-inference-tests
 * Suite of the PartialLoading network side.
 */
class EdgeInferencePartialLoadingTestSuite : public TestSuite
{
  public:
    EdgeInferencePartialLoadingTestSuite()
        : TestSuite("edge-inference-partial-loading")
    {
        AddTestCase(new PartialLoadingE5TestCase(false));
        AddTestCase(new PartialLoadingE5TestCase(true));
        AddTestCase(new PartialLoadingNoSharingTestCase);
        AddTestCase(new PartialLoadingOversizeTestCase);
        AddTestCase(new PartialLoadingLossTestCase);
        AddTestCase(new PartialLoadingUserAllocatorTestCase);
        AddTestCase(new PartialLoadingRoundTripTestCase);
        AddTestCase(new PartialLoadingBadDecisionFileTestCase);
    }
};

/// Static instance of the suite.
static EdgeInferencePartialLoadingTestSuite g_edgeInferencePartialLoadingTestSuite;
