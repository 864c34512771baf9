/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * Fault injection: every application of the module under random fractional packet loss
 * (RateErrorModel, a fresh draw per packet) on the core link and on the access / radio side,
 * over 10 seeds each. Whatever is lost, every task must end completed or failed with a
 * reason before the simulation ends: none pending, no crash (a crash fails the runner), no
 * leak (the sanitizer run, utils/ci-sanitizers.sh, runs this suite with leak detection).
 *
 * QUICK (the default suite): every application x both loss points at 5 %, 10 seeds. EXTENSIVE
 * (`ei-test-runner --suite=edge-inference-fault-injection --fullness=EXTENSIVE --verbose`):
 * 1 %, 5 % and 20 %. Each case prints one line of figures (tasks, completed, failed, pending).
 */

#include "noma-test-cell.h"
#include "test-models.h"

#include "ns3/batching-early-exit-helper.h"
#include "ns3/collaborative-inference-helper.h"
#include "ns3/collaborative-task-source.h"
#include "ns3/core-module.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/edge-inference-helper.h"
#include "ns3/edge-lte-topology-helper.h"
#include "ns3/internet-module.h"
#include "ns3/layerwise-inference-client.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/noma-helper.h"
#include "ns3/noma-net-device.h"
#include "ns3/noma-split-inference-helper.h"
#include "ns3/offloading-client.h"
#include "ns3/partial-loading-helper.h"
#include "ns3/point-to-point-module.h"
#include "ns3/slide-helper.h"
#include "ns3/split-inference-client.h"
#include "ns3/test.h"

#include <functional>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// Seeds (RngRun 1..N) per case.
constexpr uint32_t N_SEEDS = 10;

/// The applications under test.
enum class App
{
    STREAMING,     ///< EdgeInferenceHelper: layer streaming over TCP (LTE)
    SLIDE,         ///< SlideHelper: admission, grant, streaming over TCP (LTE)
    BATCHING,      ///< BatchingEarlyExitHelper: UDP offloading (LTE)
    PARTIAL,       ///< PartialLoadingHelper: UDP offloading (LTE)
    SPLIT,         ///< NomaSplitInferenceHelper: split inference over the NOMA PHY
    COLLABORATIVE, ///< CollaborativeInferenceHelper: DTO-EE nodes over wired links
};

/// Where the loss is.
enum class Where
{
    CORE,  ///< The edge server's link (PGW - server; the DTO-EE gateway and node links)
    RADIO, ///< The access side (LTE: the eNB's S1-U link; NOMA: decoded TBs at both ends)
};

/**
 * @param [in] a application
 * @return its name
 */
std::string
AppName(App a)
{
    switch (a)
    {
        case App::STREAMING:
            return "streaming";
        case App::SLIDE:
            return "slide";
        case App::BATCHING:
            return "batching";
        case App::PARTIAL:
            return "partial-loading";
        case App::SPLIT:
            return "noma-split";
        case App::COLLABORATIVE:
            return "dto-ee";
    }
    return "?";
}

/// What one run (or a sum of runs) ended with.
struct Tally
{
    uint32_t tasks{0};     ///< Tasks started
    uint32_t completed{0}; ///< Completed (on time or not)
    uint32_t failed{0};    ///< Failed, with a reason
    uint32_t pending{0};   ///< Neither: must stay 0
    uint32_t noReason{0};  ///< Failed without a reason: must stay 0
    std::string example;   ///< One failure reason seen (for the figures)

    /**
     * @brief Add a task.
     * @param [in] done completed
     * @param [in] failedTask failed
     * @param [in] reason failure reason
     */
    void Add(bool done, bool failedTask, const std::string& reason)
    {
        ++tasks;
        if (done)
        {
            ++completed;
        }
        else if (failedTask)
        {
            ++failed;
            if (reason.empty())
            {
                ++noReason;
            }
            else if (example.empty())
            {
                example = reason;
            }
        }
        else
        {
            ++pending;
        }
    }

    /**
     * @brief Accumulate.
     * @param [in] o another tally
     */
    void operator+=(const Tally& o)
    {
        tasks += o.tasks;
        completed += o.completed;
        failed += o.failed;
        pending += o.pending;
        noReason += o.noReason;
        if (example.empty())
        {
            example = o.example;
        }
    }
};

/**
 * @brief Make a device lose a fraction of what it receives (packet unit).
 * @param [in] device the device
 * @param [in] rate loss probability per packet
 * @param [in,out] stream next RNG stream (fixed streams: runs differ only by RngRun)
 */
void
AddLoss(Ptr<NetDevice> device, double rate, int64_t& stream)
{
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorRate", DoubleValue(rate));
    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    stream += em->AssignStreams(stream);
    device->SetAttribute("ReceiveErrorModel", PointerValue(em));
}

/**
 * @brief The two devices of the point-to-point link of @p node that leads to @p peer.
 * @param [in] node one end
 * @param [in] peer the other end
 * @return both devices (empty if none)
 */
NetDeviceContainer
LinkTo(Ptr<Node> node, Ptr<Node> peer)
{
    NetDeviceContainer out;
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Ptr<PointToPointNetDevice> d = DynamicCast<PointToPointNetDevice>(node->GetDevice(i));
        if (!d)
        {
            continue;
        }
        Ptr<Channel> ch = d->GetChannel();
        for (std::size_t j = 0; j < ch->GetNDevices(); ++j)
        {
            if (ch->GetDevice(j)->GetNode() == peer)
            {
                out.Add(d);
                out.Add(ch->GetDevice(j));
                return out;
            }
        }
    }
    return out;
}

/**
 * @brief Put the loss on an LTE cell.
 * @param [in] cell the cell
 * @param [in] where core: PGW - server link; radio: the eNB's S1-U link (ns-3's LTE devices
 * have no packet error model; the S1-U link carries every packet of the radio bearers)
 * @param [in] rate loss probability per packet, each direction
 */
void
AddLteLoss(const EdgeLteTopology& cell, Where where, double rate)
{
    int64_t stream = 500;
    const NetDeviceContainer link = where == Where::CORE
                                        ? LinkTo(cell.remote.Get(0), cell.epc->GetPgwNode())
                                        : LinkTo(cell.enb.Get(0), cell.epc->GetSgwNode());
    NS_ABORT_MSG_IF(link.GetN() != 2, "fault injection: link not found");
    AddLoss(link.Get(0), rate, stream);
    AddLoss(link.Get(1), rate, stream);
}

/**
 * @brief The examples' cell (BuildEdgeLteTopology(): macro path loss, eNB at 30 m) with 3 UEs
 * at 50, 120 and 200 m, 25 RBs, RLC AM.
 * @param [in] scheduler the MAC scheduler (the offloading servers execute their uplink
 * shares through ns3::BandwidthShareFfMacScheduler; SLIDE its downlink shares through the
 * FFR hook of a PF scheduler)
 * @return the cell
 */
EdgeLteTopology
MakeLteCell(const std::string& scheduler = "ns3::BandwidthShareFfMacScheduler")
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1400));
    Config::SetDefault("ns3::LteEnbRrc::EpsBearerToRlcMapping",
                       EnumValue(LteEnbRrc::RLC_AM_ALWAYS));
    Config::SetDefault("ns3::LteHelper::UseIdealRrc", BooleanValue(true));
    EdgeLteTopology t =
        BuildEdgeLteTopology(25,
                             {50, 120, 200},
                             [&scheduler](Ptr<LteHelper> lte)
                             {
                                 lte->SetSchedulerType(scheduler);
                                 if (scheduler == "ns3::PfFfMacScheduler")
                                 {
                                     lte->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
                                 }
                             });
    t.lte->AssignStreams(NetDeviceContainer(t.enbDevices, t.ueDevices), 1000);
    return t;
}

/**
 * @brief Tally of layer-streaming clients.
 * @param [in] apps the clients
 * @return the tally
 */
Tally
TallyStreaming(const ApplicationContainer& apps)
{
    Tally t;
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        for (const auto& r : DynamicCast<LayerwiseInferenceClient>(apps.Get(i))->GetTaskRecords())
        {
            t.Add(r.completed, r.failed, r.failureReason);
        }
    }
    return t;
}

/**
 * @brief Tally of offloading clients.
 * @param [in] apps the clients
 * @return the tally
 */
Tally
TallyOffloading(const ApplicationContainer& apps)
{
    Tally t;
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        for (const auto& r : DynamicCast<OffloadingClient>(apps.Get(i))->GetTaskRecords())
        {
            const bool done = r.outcome == OffloadingClient::ON_TIME ||
                              r.outcome == OffloadingClient::LATE ||
                              r.outcome == OffloadingClient::NOT_SCHEDULED;
            const bool failed = r.outcome == OffloadingClient::FAILED;
            t.Add(done, failed, failed ? r.failureReason : std::string());
        }
    }
    return t;
}

/**
 * @brief Put the loss on the cell, run until @p stop, tally, destroy.
 * @param [in] cell the cell
 * @param [in] where loss point
 * @param [in] rate loss rate
 * @param [in] stop simulation stop time (after every task's timeout)
 * @param [in] tally reads the clients' records
 * @return the tally
 */
Tally
RunLteWithLoss(const EdgeLteTopology& cell,
               Where where,
               double rate,
               Time stop,
               const std::function<Tally()>& tally)
{
    AddLteLoss(cell, where, rate);
    Simulator::Stop(stop);
    Simulator::Run();
    const Tally t = tally();
    Simulator::Destroy();
    return t;
}

/**
 * @brief The settings both UDP offloading scenarios share: the cell's 25 RBs, the servers'
 * measured upload start (20 ms) and result delays (8 ms), 5 frames of 3 kB inputs.
 * @param [in,out] helper a BatchingEarlyExitHelper or a PartialLoadingHelper
 * @param [in] frame frame period
 * @param [in] deadline client deadline
 */
template<typename Helper>
void
SetOffloadingAttributes(Helper& helper, Time frame, Time deadline)
{
    helper.SetServerAttribute("TotalBandwidthHz", DoubleValue(25 * 180e3));
    helper.SetServerAttribute("UploadStartDelay", TimeValue(MilliSeconds(20)));
    helper.SetServerAttribute("ResultDelay", TimeValue(MilliSeconds(8)));
    helper.SetClientAttribute("FramePeriod", TimeValue(frame));
    helper.SetClientAttribute("NumFrames", UintegerValue(5));
    helper.SetClientAttribute("InputBytes", UintegerValue(3072));
    helper.SetClientAttribute("Deadline", TimeValue(deadline));
}

/**
 * @brief Connect an offloading server to the eNB (channel reports, uplink shares executed by
 * the MAC) and start it at 0 s and the clients at 0.3 s (after attachment and SRS).
 * @param [in] cell the cell
 * @param [in] server the server
 * @param [in] clients the clients
 */
void
StartOffloading(const EdgeLteTopology& cell,
                ApplicationContainer server,
                ApplicationContainer clients)
{
    BatchingEarlyExitHelper::ConnectEnbChannelReports(server.Get(0), cell.enbDevices);
    BatchingEarlyExitHelper::ConnectUplinkShares(server.Get(0), cell.enbDevices.Get(0));
    server.Start(Seconds(0));
    clients.Start(Seconds(0.3));
}

/**
 * @brief Layer streaming: 3 UEs, 3 tasks each (TaskTimeout 1.5 s).
 * @param [in] where loss point
 * @param [in] rate loss rate
 * @return the tally
 */
Tally
RunStreaming(Where where, double rate)
{
    const EdgeLteTopology cell = MakeLteCell();
    EdgeInferenceHelper helper;
    helper.AddModel(testutils::SmallModel());
    helper.SetClientAttribute("FlopsPerCycle", DoubleValue(10));
    helper.SetClientAttribute("FrequencyHz", DoubleValue(600e6));
    helper.SetClientAttribute("NumTasks", UintegerValue(3));
    helper.SetClientAttribute("TaskTimeout", TimeValue(Seconds(1.5)));
    helper.SetClientAttribute("TaskInterval",
                              StringValue("ns3::ConstantRandomVariable[Constant=0.05]"));
    helper.InstallServer(cell.remote.Get(0)).Start(Seconds(0));
    ApplicationContainer clients = helper.InstallClient(cell.ues, cell.serverAddress, "small");
    clients.Start(Seconds(0.2));
    return RunLteWithLoss(cell,
                          where,
                          rate,
                          Seconds(0.2 + 3 * 1.6 + 1.0),
                          [&clients]() { return TallyStreaming(clients); });
}

/**
 * @brief SLIDE: 3 UEs ask for b-alexnet (fp16/int8) in one admission window.
 * @param [in] where loss point
 * @param [in] rate loss rate
 * @return the tally
 */
Tally
RunSlide(Where where, double rate)
{
    SetSlideLteDefaults();
    const EdgeLteTopology cell = MakeLteCell("ns3::PfFfMacScheduler");
    SlideHelper slide;
    slide.SetClientAttribute("TaskTimeout", TimeValue(Seconds(3)));
    for (const std::string suffix : {"fp16", "int8"})
    {
        DnnModel m = DnnModelZoo::BranchyAlexNet();
        m.SetBytesPerParameter(suffix == std::string("fp16") ? 2 : 1);
        m.SetName("b-alexnet-" + suffix);
        slide.AddModel(m);
    }
    slide.AddTask("cifar", {"b-alexnet-fp16", "b-alexnet-int8"});
    slide.InstallResourceManager(cell.enbDevices.Get(0));
    slide.InstallServer(cell.remote.Get(0)).Start(Seconds(0));
    ApplicationContainer clients;
    for (uint32_t i = 0; i < cell.ues.GetN(); ++i)
    {
        SlideUserProfile p;
        p.samples = 16;
        p.device = DeviceComputeModel(64, 625e6);
        p.deadlineS = 2.0;
        p.energyBudgetJ = 1.0;
        ApplicationContainer c = slide.InstallClient(
            cell.ues.Get(i), cell.ueDevices.Get(i), cell.serverAddress, "cifar", p);
        c.Start(Seconds(0.5) + MilliSeconds(i));
        clients.Add(c);
    }
    slide.AssignStreams(cell.ues, 100);
    return RunLteWithLoss(cell,
                          where,
                          rate,
                          Seconds(0.5 + 3 + 1.0),
                          [&clients]() { return TallyStreaming(clients); });
}

/**
 * @brief Batching + early exit: 3 UEs, 5 frames of 200 ms.
 * @param [in] where loss point
 * @param [in] rate loss rate
 * @return the tally
 */
Tally
RunBatching(Where where, double rate)
{
    const EdgeLteTopology cell = MakeLteCell();
    BatchingEarlyExitHelper helper;
    SetOffloadingAttributes(helper, MilliSeconds(200), MilliSeconds(150));
    helper.SetServerAttribute("FrameLength", TimeValue(MilliSeconds(200)));
    helper.SetClientAttribute("AccuracyRequirement", DoubleValue(0.6));
    ApplicationContainer server = helper.InstallServer(cell.remote.Get(0));
    ApplicationContainer clients = helper.InstallClients(cell.ues, cell.serverAddress);
    StartOffloading(cell, server, clients);
    helper.AssignStreams(cell.ues, 100);
    return RunLteWithLoss(cell,
                          where,
                          rate,
                          Seconds(0.3 + 5 * 0.2 + 1.5),
                          [&clients]() { return TallyOffloading(clients); });
}

/**
 * @brief PartialLoading: 3 UEs asking for 3 variants of a backbone-sharing ResNet-18 family,
 * 5 frames of 300 ms.
 * @param [in] where loss point
 * @param [in] rate loss rate
 * @return the tally
 */
Tally
RunPartial(Where where, double rate)
{
    const EdgeLteTopology cell = MakeLteCell();
    const DnnModelFamily family = DnnModelZoo::BackboneSharingFamily("resnet18", 3);
    PartialLoadingHelper helper;
    helper.SetFamily(family);
    for (const DnnModel& m : family.GetModels())
    {
        helper.SetInferenceTime(m.GetName(), MilliSeconds(10));
    }
    SetOffloadingAttributes(helper, MilliSeconds(300), MilliSeconds(250));
    ApplicationContainer server = helper.InstallServer(cell.remote.Get(0));
    ApplicationContainer clients = helper.InstallClients(cell.ues, cell.serverAddress, {0, 1, 2});
    StartOffloading(cell, server, clients);
    helper.AssignStreams(cell.ues, 100);
    return RunLteWithLoss(cell,
                          where,
                          rate,
                          Seconds(0.3 + 5 * 0.3 + 1.5),
                          [&clients]() { return TallyOffloading(clients); });
}

/**
 * @brief Split inference over NOMA: 4 UEs, 2 subchannels, Li-GD decision, 4 tasks each.
 * @param [in] where core: the server's uplink TBs are lost at the base station only;
 * radio: TBs lost at both ends (uplink and downlink)
 * @param [in] rate loss probability per TB
 * @return the tally
 */
Tally
RunSplit(Where where, double rate)
{
    testutils::NomaTestCell cell =
        testutils::MakeNomaTestCell({60, 120, 250, 400}, 2, 1e6, MilliSeconds(1));
    Ptr<NomaNetDevice> bsDev = cell.bsDev;
    const NetDeviceContainer& devs = cell.devs;

    NomaSplitProfile p;
    p.layerFlops = {4e8, 4e8, 4e8, 4e8};
    p.outputBits = {8.0 * 20000, 8.0 * 12000, 8.0 * 6000, 8.0 * 3000, 8.0 * 100};
    p.resultBits = 800;
    NomaSplitInferenceHelper h;
    h.SetProfile(p);
    h.SetDeviceModel(DeviceComputeModel(1.0, 1e9, 1e-28, 1e9, 1e9));
    NomaSplitProblem tmpl;
    tmpl.edgeFrequencyHz = 20e9;
    tmpl.weightDeviceEnergy = 0.5;
    tmpl.weightEdgeEnergy = 0.1;
    h.SetProblemTemplate(tmpl);
    h.SetClientAttribute("NumTasks", UintegerValue(4));
    h.SetClientAttribute("TaskTimeout", TimeValue(Seconds(1)));
    ApplicationContainer apps = h.Install(bsDev, Seconds(0.0503));
    int64_t stream = 700;
    AddLoss(bsDev, rate, stream);
    if (where == Where::RADIO)
    {
        for (uint32_t i = 1; i < devs.GetN(); ++i)
        {
            AddLoss(devs.Get(i), rate, stream);
        }
    }
    Simulator::Stop(Seconds(0.05 + 4 * 1.0 + 1.0));
    Simulator::Run();
    Tally t;
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        Ptr<SplitInferenceClient> c = DynamicCast<SplitInferenceClient>(apps.Get(i));
        if (!c)
        {
            continue; // the server
        }
        for (const auto& task : c->GetTasks())
        {
            t.Add(
                task.isDone && task.isSuccess, task.isDone && !task.isSuccess, task.failureReason);
        }
    }
    Simulator::Destroy();
    return t;
}

/**
 * @brief DTO-EE: two edge nodes (two stages, segmented features), DTO-EE control rounds, one
 * source of 40 tasks at 20 task/s, TaskTimeout 1 s.
 * @param [in] where core: the gateway link; radio: every node link
 * @param [in] rate loss rate
 * @return the tally
 */
Tally
RunCollaborative(Where where, double rate)
{
    CollaborativeInferenceHelper helper;
    helper.SetStages({testutils::MakeStage(0.7, 8e4), testutils::MakeStage(0.9, 0)});
    helper.AddNode(0, 1e11);
    helper.AddNode(1, 1e11);
    helper.SetScheme(DtoEeScheme::DTO_EE);
    helper.SetNodeAttribute("ControlPeriod", TimeValue(MilliSeconds(300)));
    helper.SetNodeAttribute("Rounds", UintegerValue(3));
    helper.SetNodeAttribute("ReassemblyTimeout", TimeValue(MilliSeconds(200)));
    helper.SetSourceAttribute("InputBytes", UintegerValue(3000));
    helper.SetSourceAttribute("MaxTasks", UintegerValue(40));
    helper.SetSourceAttribute("TaskTimeout", TimeValue(Seconds(1)));
    helper.Install();
    NodeContainer host;
    host.Create(1);
    InternetStackHelper stack;
    stack.Install(host);
    helper.ConnectGateway(host.Get(0), Ipv4Address("10.200.0.0"), Ipv4Mask("255.255.0.0"));
    helper.InstallSources(NodeContainer(host.Get(0)), {20.0});
    helper.ApplyScheme();
    helper.AssignStreams(60);
    int64_t stream = 900;
    if (where == Where::CORE)
    {
        const NetDeviceContainer gw = LinkTo(host.Get(0), helper.GetNode(0));
        NS_ABORT_MSG_IF(gw.GetN() != 2, "fault injection: gateway link not found");
        AddLoss(gw.Get(0), rate, stream);
        AddLoss(gw.Get(1), rate, stream);
    }
    else
    {
        for (uint32_t l = 0; l < helper.GetLinks().size(); ++l)
        {
            AddLoss(helper.GetLinkDevices(l).Get(0), rate, stream);
            AddLoss(helper.GetLinkDevices(l).Get(1), rate, stream);
        }
    }
    helper.GetSources().Start(Seconds(0));
    Simulator::Stop(Seconds(40 / 20.0 * 3 + 1 + 1));
    Simulator::Run();
    Ptr<CollaborativeTaskSource> src =
        DynamicCast<CollaborativeTaskSource>(helper.GetSources().Get(0));
    Tally t;
    t.tasks = src->GetSent();
    t.completed = src->GetReceived();
    t.failed = src->GetLost();
    t.pending = src->GetOutstanding();
    t.noReason = 0; // TaskLost always carries a reason
    Simulator::Destroy();
    return t;
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * @brief One application under random loss at one point and rate, over N_SEEDS seeds.
 */
class FaultInjectionTestCase : public TestCase
{
  public:
    /**
     * @brief Constructor.
     * @param [in] app the application
     * @param [in] where the loss point
     * @param [in] rate the loss rate
     */
    FaultInjectionTestCase(App app, Where where, double rate)
        : TestCase(Name(app, where, rate))
        , m_app(app)
        , m_where(where)
        , m_rate(rate)
    {
    }

  private:
    /**
     * @param [in] app the application
     * @param [in] where the loss point
     * @param [in] rate the loss rate
     * @return the case name
     */
    static std::string Name(App app, Where where, double rate)
    {
        std::ostringstream oss;
        oss << AppName(app) << ", " << (where == Where::CORE ? "core" : "radio") << " loss "
            << rate * 100 << " %, " << N_SEEDS << " seeds: no task pending, every failure "
            << "with a reason";
        return oss.str();
    }

    void DoRun() override
    {
        Tally sum;
        for (uint32_t seed = 1; seed <= N_SEEDS; ++seed)
        {
            Config::Reset(); // each run from ns-3's defaults, whatever ran before
            RngSeedManager::SetSeed(1);
            RngSeedManager::SetRun(seed);
            Tally t;
            switch (m_app)
            {
                case App::STREAMING:
                    t = RunStreaming(m_where, m_rate);
                    break;
                case App::SLIDE:
                    t = RunSlide(m_where, m_rate);
                    break;
                case App::BATCHING:
                    t = RunBatching(m_where, m_rate);
                    break;
                case App::PARTIAL:
                    t = RunPartial(m_where, m_rate);
                    break;
                case App::SPLIT:
                    t = RunSplit(m_where, m_rate);
                    break;
                case App::COLLABORATIVE:
                    t = RunCollaborative(m_where, m_rate);
                    break;
            }
            NS_TEST_EXPECT_MSG_EQ(t.pending, 0u, "seed " << seed << ": tasks left pending");
            NS_TEST_EXPECT_MSG_EQ(t.noReason, 0u, "seed " << seed << ": failures without reason");
            NS_TEST_EXPECT_MSG_GT(t.tasks, 0u, "seed " << seed << ": no task started");
            sum += t;
        }
        std::cout << "[fault-injection] " << std::left << std::setw(16) << AppName(m_app)
                  << (m_where == Where::CORE ? "core " : "radio") << " loss " << std::setw(4)
                  << m_rate * 100 << "%: " << sum.tasks << " tasks, " << sum.completed
                  << " completed, " << sum.failed << " failed, " << sum.pending << " pending"
                  << (sum.example.empty() ? "" : " (e.g. \"" + sum.example + "\")") << std::endl;
        if (m_rate <= 0.05)
        {
            // up to 5 % the applications still work under the loss (at 20 % TCP streams
            // rarely finish within their timeouts: only the clean ending is checked there)
            NS_TEST_ASSERT_MSG_GT(sum.completed, 0u, "some task completes at this loss rate");
        }
    }

    App m_app;     ///< Application
    Where m_where; ///< Loss point
    double m_rate; ///< Loss rate
};

/**
 * @ingroup edge-inference-tests
 * @brief The fault-injection suite.
 */
class EdgeInferenceFaultInjectionTestSuite : public TestSuite
{
  public:
    EdgeInferenceFaultInjectionTestSuite()
        : TestSuite("edge-inference-fault-injection")
    {
        for (App app : {App::STREAMING,
                        App::SLIDE,
                        App::BATCHING,
                        App::PARTIAL,
                        App::SPLIT,
                        App::COLLABORATIVE})
        {
            for (Where where : {Where::CORE, Where::RADIO})
            {
                AddTestCase(new FaultInjectionTestCase(app, where, 0.05), TestCase::QUICK);
                AddTestCase(new FaultInjectionTestCase(app, where, 0.01), TestCase::EXTENSIVE);
                AddTestCase(new FaultInjectionTestCase(app, where, 0.20), TestCase::EXTENSIVE);
            }
        }
    }
};

/// Static instance.
static EdgeInferenceFaultInjectionTestSuite g_edgeInferenceFaultInjectionTestSuite;
