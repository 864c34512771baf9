/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slide-helper.h"

#include "edge-inference-trace-helper.h"

#include "ns3/abort.h"
#include "ns3/bandwidth-share-ffr-algorithm.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-inference-helper.h"
#include "ns3/edge-lte-topology-helper.h"
#include "ns3/enum.h"
#include "ns3/example-command-line.h"
#include "ns3/ipv4.h"
#include "ns3/layer-streaming-server.h"
#include "ns3/layerwise-inference-client.h"
#include "ns3/log.h"
#include "ns3/lte-amc-rate-model.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/lte-helper.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/lte-ue-phy.h"
#include "ns3/nstime.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#ifdef EI_HAVE_NR
#    include "ns3/edge-nr-topology-helper.h"
#    include "ns3/nr-gnb-net-device.h"
#    include "ns3/nr-gnb-phy.h"
#    include "ns3/nr-slide-cell.h"
#    include "ns3/nr-ue-net-device.h"
#    include "ns3/nr-ue-phy.h"
#endif

#include <algorithm>
#include <chrono>
#include <functional>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("SlideHelper");

namespace
{

/**
 * The IMSI of an LTE or NR UE device.
 * @param [in] dev the UE's device
 * @return its IMSI, 0 if it is neither
 */
uint64_t
UeImsi(Ptr<NetDevice> dev)
{
    if (Ptr<LteUeNetDevice> lte = DynamicCast<LteUeNetDevice>(dev))
    {
        return lte->GetImsi();
    }
#ifdef EI_HAVE_NR
    if (Ptr<NrUeNetDevice> nr = DynamicCast<NrUeNetDevice>(dev))
    {
        return nr->GetImsi();
    }
#endif
    return 0;
}

} // namespace

SlideHelper::SlideHelper()
{
    m_managerFactory.SetTypeId("ns3::SlideResourceManager");
    m_allocatorFactory.SetTypeId("ns3::SlideSolverAllocator");
    m_serverFactory.SetTypeId("ns3::LayerStreamingServer");
    m_clientFactory.SetTypeId("ns3::LayerwiseInferenceClient");
}

void
SlideHelper::SetResourceManagerType(const std::string& type)
{
    m_managerFactory.SetTypeId(type);
}

void
SlideHelper::SetResourceManagerAttribute(const std::string& name, const AttributeValue& value)
{
    m_managerFactory.Set(name, value);
}

void
SlideHelper::SetAllocatorType(const std::string& type)
{
    m_allocatorFactory.SetTypeId(type);
}

void
SlideHelper::SetAllocatorAttribute(const std::string& name, const AttributeValue& value)
{
    m_allocatorFactory.Set(name, value);
}

void
SlideHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
}

void
SlideHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

void
SlideHelper::AddModel(const DnnModel& model)
{
    m_models.push_back(model);
    if (m_manager)
    {
        m_manager->AddModel(model);
    }
}

void
SlideHelper::AddTask(const std::string& task, const std::vector<std::string>& variants)
{
    m_tasks.emplace_back(task, variants);
    if (m_manager)
    {
        m_manager->AddTask(task, variants);
    }
}

Ptr<SlideResourceManager>
SlideHelper::InstallResourceManager(Ptr<NetDevice> enbDevice)
{
    Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(enbDevice);
    std::shared_ptr<SlideCell> nrCell;
#ifdef EI_HAVE_NR
    if (Ptr<NrGnbNetDevice> gnb = DynamicCast<NrGnbNetDevice>(enbDevice))
    {
        Ptr<NrSymbolShareScheduler> sched;
        try
        {
            sched = NrSymbolShareScheduler::GetFromGnbDevice(enbDevice);
        }
        catch (const std::invalid_argument& e)
        {
            NS_FATAL_ERROR("SlideHelper::InstallResourceManager: " << e.what());
        }
        Ptr<NrGnbPhy> phy = gnb->GetPhy(0);
        StringValue pattern;
        phy->GetAttribute("Pattern", pattern);
        UintegerValue numerology;
        phy->GetAttribute("Numerology", numerology);
        NrDlResources res = NrDlResources::Of(phy->GetChannelBandwidth(),
                                              static_cast<uint16_t>(numerology.Get()),
                                              pattern.Get(),
                                              phy->GetRbOverhead());
        nrCell = std::make_shared<NrSlideCell>(sched, gnb->GetRrc(), res, CreateObject<NrAmc>());
    }
#endif
    NS_ABORT_MSG_IF(!enb && !nrCell,
                    "SlideHelper::InstallResourceManager: the device is not an LTE eNB"
#ifdef EI_HAVE_NR
                    " or an NR gNB"
#endif
    );
    Ptr<BandwidthShareFfrAlgorithm> ffr;
    if (enb)
    {
        try
        {
            ffr = BandwidthShareFfrAlgorithm::GetFromEnbDevice(enbDevice);
        }
        catch (const std::invalid_argument& e)
        {
            NS_FATAL_ERROR("SlideHelper::InstallResourceManager: " << e.what());
        }
    }
    m_manager = m_managerFactory.Create<SlideResourceManager>();
    NS_ABORT_MSG_IF(!m_manager,
                    "SlideHelper: the resource manager type is not a SlideResourceManager");
    Ptr<SlideAllocator> allocator = m_allocatorFactory.Create()->GetObject<SlideAllocator>();
    NS_ABORT_MSG_IF(!allocator,
                    "SlideHelper: the allocator type " << m_allocatorFactory.GetTypeId().GetName()
                                                       << " is not a SlideAllocator");
    m_manager->SetAttribute("Allocator", PointerValue(allocator));
    if (enb)
    {
        m_manager->SetCell(ffr, enb->GetDlBandwidth());
    }
    else
    {
        m_manager->SetCell(nrCell);
    }
    for (const auto& m : m_models)
    {
        m_manager->AddModel(m);
    }
    for (const auto& t : m_tasks)
    {
        m_manager->AddTask(t.first, t.second);
    }
    return m_manager;
}

Ptr<SlideResourceManager>
SlideHelper::GetResourceManager() const
{
    return m_manager;
}

ApplicationContainer
SlideHelper::InstallServer(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!m_manager, "SlideHelper::InstallServer: call InstallResourceManager() first");
    Ptr<LayerStreamingServer> server = m_serverFactory.Create<LayerStreamingServer>();
    for (const auto& m : m_models)
    {
        server->AddModel(m);
    }
    server->SetResourceManager(m_manager);
    node->AddApplication(server);
    return ApplicationContainer(server);
}

ApplicationContainer
SlideHelper::InstallClient(Ptr<Node> node,
                           Ptr<NetDevice> ueDevice,
                           const Address& serverAddress,
                           const std::string& task,
                           const SlideUserProfile& profile)
{
    NS_ABORT_MSG_IF(!m_manager, "SlideHelper::InstallClient: call InstallResourceManager() first");
    Ptr<LteUeNetDevice> ue = DynamicCast<LteUeNetDevice>(ueDevice);
    uint64_t imsi = ue ? ue->GetImsi() : 0;
#ifdef EI_HAVE_NR
    Ptr<NrUeNetDevice> nrUe = DynamicCast<NrUeNetDevice>(ueDevice);
    if (nrUe)
    {
        imsi = nrUe->GetImsi();
    }
#else
    const bool nrUe = false;
#endif
    NS_ABORT_MSG_IF(!ue && !nrUe,
                    "SlideHelper::InstallClient: the device is not an LTE (or NR) UE");
    Ptr<Ipv4> ip = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ip || ip->GetNInterfaces() < 2,
                    "SlideHelper::InstallClient: node " << node->GetId()
                                                        << " has no IPv4 address yet");
    SlideUserProfile p = profile;
    p.imsi = imsi;
    p.address = ip->GetAddress(1, 0).GetLocal();
    m_manager->AddUser(p);
    if (ue)
    {
        ue->GetPhy()->TraceConnectWithoutContext(
            "ReportCurrentCellRsrpSinr",
            MakeCallback(&SlideResourceManager::ReportRsrpSinr, m_manager));
    }
#ifdef EI_HAVE_NR
    else
    {
        // NR's trace adds the stream id
        Ptr<SlideResourceManager> manager = m_manager;
        nrUe->GetPhy(0)->TraceConnectWithoutContext(
            "ReportCurrentCellRsrpSinr",
            Callback<void, uint16_t, uint16_t, double, double, uint16_t, uint8_t>(
                [manager](
                    uint16_t cell, uint16_t rnti, double rsrp, double sinr, uint16_t bwp, uint8_t)
                { manager->ReportRsrpSinr(cell, rnti, rsrp, sinr, static_cast<uint8_t>(bwp)); }));
    }
#endif

    Ptr<LayerwiseInferenceClient> client = m_clientFactory.Create<LayerwiseInferenceClient>();
    client->SetAttribute("ModelName", StringValue(task));
    client->SetAttribute("Samples", UintegerValue(p.samples));
    client->SetAttribute("FlopsPerCycle", DoubleValue(p.device.GetFlopsPerCycle()));
    client->SetAttribute("MinFrequencyHz", DoubleValue(p.device.GetMinFrequency()));
    client->SetAttribute("MaxFrequencyHz", DoubleValue(p.device.GetMaxFrequency()));
    client->SetAttribute("FrequencyHz", DoubleValue(p.device.GetMaxFrequency()));
    client->SetAttribute("EnergyCoefficient", DoubleValue(p.device.GetEnergyCoefficient()));
    UintegerValue port;
    client->GetAttribute("RemotePort", port);
    client->SetRemote(serverAddress, static_cast<uint16_t>(port.Get()));
    node->AddApplication(client);
    return ApplicationContainer(client);
}

int64_t
SlideHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t current = stream;
    if (m_manager)
    {
        current += m_manager->AssignStreams(current);
    }
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        for (uint32_t i = 0; i < (*it)->GetNApplications(); ++i)
        {
            Ptr<LayerwiseInferenceClient> client =
                DynamicCast<LayerwiseInferenceClient>((*it)->GetApplication(i));
            if (client)
            {
                current += client->AssignStreams(current);
            }
        }
    }
    return current - stream;
}

void
SetSlideLteDefaults()
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1400));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(1 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(1 << 20));
    // a window of 100 segments (140 kB, about the bandwidth-delay product of a 20 MHz cell):
    // a transfer runs at the rate the MAC gives it from the first round trip; with ns-3's 10
    // segments, slow start costs a few round trips that no rate model of the allocators has
    Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(SLIDE_LTE_INITIAL_CWND));
    // RLC UM (ns-3's default mapping) with room for a TCP window: in ns-3.37 an RLC AM
    // entity polls on every PDU (pollPDU = 1) and a STATUS PDU takes a whole transmission
    // opportunity (LteRlcAm::DoNotifyTxOpportunity returns after it), so the STATUS PDUs
    // acknowledging the UEs' TCP ACKs ate a third of the downlink of 10 streaming UEs, half
    // of 50 (doc: "Cell capacity with many flows")
    Config::SetDefault("ns3::LteEnbRrc::EpsBearerToRlcMapping",
                       EnumValue(LteEnbRrc::RLC_UM_ALWAYS));
    Config::SetDefault("ns3::LteRlcUm::MaxTxBufferSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::LteRlcAm::MaxTxBufferSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::LteHelper::UseIdealRrc", BooleanValue(true));
    Config::SetDefault("ns3::LteHelper::UsePdschForCqiGeneration", BooleanValue(false));
    Config::SetDefault("ns3::LteEnbPhy::TxPower", DoubleValue(43));
}

SlideLteOutcome
RunSlideLte(const SlideLteConfig& cfg)
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
    NS_ABORT_MSG_IF(cfg.radio != "lte" && cfg.radio != "nr",
                    "RunSlideLte: radio = '" << cfg.radio << "' (must be lte or nr)");
    NS_ABORT_MSG_UNLESS(cfg.nCells == 1 || cfg.nCells == 3 || cfg.nCells == 7,
                        "RunSlideLte: nCells = " << cfg.nCells << " (must be 1, 3 or 7)");
    NS_ABORT_MSG_IF(cfg.nCells > 1 && cfg.radio != "lte",
                    "RunSlideLte: nCells = " << cfg.nCells << " is LTE only (radio = '" << cfg.radio
                                             << "')");
    NS_ABORT_MSG_IF(cfg.nCells > 1 && cfg.plainShares,
                    "RunSlideLte: nCells = " << cfg.nCells << ": plainShares is single-cell only");
    EdgeLteLayout layout;
    layout.nCells = cfg.nCells;
    layout.interSiteDistanceM = cfg.interSiteDistanceM;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        NS_ABORT_MSG_UNLESS(cfg.users[i].cell < cfg.nCells,
                            "RunSlideLte: users[" << i << "].cell = " << cfg.users[i].cell
                                                  << " (nCells = " << cfg.nCells << ")");
        layout.ueCell.push_back(cfg.users[i].cell);
    }
#ifndef EI_HAVE_NR
    NS_ABORT_MSG_IF(cfg.radio == "nr",
                    "RunSlideLte: radio = 'nr' but this build has no NR (5G-LENA not found at "
                    "configure time; see the README)");
#endif
    EdgeLteTopology topo;
    NodeContainer remote;
    NodeContainer ues;
    NetDeviceContainer enbDev;
    NetDeviceContainer ueDev;
    Ipv4Address serverAddress;
#ifdef EI_HAVE_NR
    EdgeNrTopology nrTopo;
    if (cfg.radio == "nr")
    {
        NS_ABORT_MSG_IF(cfg.plainShares, "RunSlideLte: plainShares is LTE only");
        Ptr<EdgeNrTopologyHelper> nrHelper = CreateObject<EdgeNrTopologyHelper>();
        nrHelper->SetAttribute("SchedulerType", TypeIdValue(NrSymbolShareScheduler::GetTypeId()));
        nrTopo = nrHelper->Build(
            distances, [](Ptr<NrHelper>) {}, geometry);
        remote = nrTopo.remote;
        ues = nrTopo.ues;
        enbDev = nrTopo.gnbDevices;
        ueDev = nrTopo.ueDevices;
        serverAddress = nrTopo.serverAddress;
        EdgeNrTopologyHelper::AssignStreams(nrTopo, 100000);
    }
#endif
    if (cfg.radio == "lte")
    {
        topo = BuildEdgeLteTopology(
            cfg.rbs,
            distances,
            [](Ptr<LteHelper> lte)
            {
                // PF, grant for grant, without the ns-3.37 abort on random-access preambles that
                // got no temporary RNTI (BandwidthShareFfMacScheduler without shares)
                lte->SetSchedulerType("ns3::BandwidthShareFfMacScheduler");
                lte->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
            },
            geometry,
            EdgeLteRadio(),
            layout);
        remote = topo.remote;
        ues = topo.ues;
        enbDev = topo.enbDevices;
        ueDev = topo.ueDevices;
        serverAddress = topo.serverAddress;
        // fixed LTE random streams: the runs of one process (allocators, baselines, plain PF)
        // are compared on the same HARQ and random-access draws
        topo.lte->AssignStreams(NetDeviceContainer(enbDev, ueDev), 100000);
    }

    double maxDeadline = 0;
    for (const auto& u : cfg.users)
    {
        maxDeadline = std::max(maxDeadline, u.deadlineS * cfg.deadlineScale);
    }
    const Time timeout = Seconds(0.5 + 3 * maxDeadline);
    const Time start = Seconds(0.5); // after attachment and the first CQI reports

    ApplicationContainer clients;
    // the resource manager of each cell, and of each client (clients in user order)
    std::vector<Ptr<SlideResourceManager>> managers;
    std::vector<Ptr<SlideResourceManager>> clientManager;
    if (cfg.withManager)
    {
        std::vector<Ptr<Application>> clientOf(nUes);
        int64_t stream = 1000;
        for (uint32_t c = 0; c < cfg.nCells; ++c)
        {
            SlideHelper slide;
            slide.SetResourceManagerAttribute("RateModel", StringValue(cfg.rateModel));
            slide.SetResourceManagerAttribute("RateEfficiency", DoubleValue(cfg.rateEfficiency));
            slide.SetResourceManagerAttribute("BlerAware", BooleanValue(cfg.blerAware));
            slide.SetClientAttribute("TaskTimeout", TimeValue(timeout));
            if (cfg.nCells > 1)
            {
                // one server per cell on the edge server, each consulting its cell's manager
                slide.SetServerAttribute("Port", UintegerValue(5000 + c));
                slide.SetClientAttribute("RemotePort", UintegerValue(5000 + c));
            }
            if (cfg.configure)
            {
                cfg.configure(slide);
            }
            for (const auto& m : cfg.models)
            {
                slide.AddModel(m);
            }
            for (const auto& t : cfg.tasks)
            {
                slide.AddTask(t.first, t.second);
            }
            managers.push_back(slide.InstallResourceManager(enbDev.Get(c)));
            slide.InstallServer(remote.Get(0)).Start(Seconds(0));
            NodeContainer cellUes;
            for (uint32_t i = 0; i < nUes; ++i)
            {
                const SlideLteUser& u = cfg.users[i];
                if (u.cell != c)
                {
                    continue;
                }
                SlideUserProfile p;
                p.samples = u.samples;
                p.device = DeviceComputeModel(u.flopsPerCycle,
                                              DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ);
                p.deadlineS = u.deadlineS * cfg.deadlineScale;
                p.energyBudgetJ = u.energyBudgetJ;
                ApplicationContainer a =
                    slide.InstallClient(ues.Get(i), ueDev.Get(i), serverAddress, u.task, p);
                a.Start(start + MilliSeconds(i)); // requests within one admission window
                clientOf[i] = a.Get(0);
                cellUes.Add(ues.Get(i));
            }
            stream += slide.AssignStreams(cfg.nCells == 1 ? ues : cellUes, stream);
        }
        for (uint32_t i = 0; i < nUes; ++i)
        {
            clients.Add(clientOf[i]);
            clientManager.push_back(managers[cfg.users[i].cell]);
        }
    }
    else
    {
        EdgeInferenceHelper helper;
        for (const auto& m : cfg.models)
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
                helper.InstallClient(ues.Get(i), serverAddress, cfg.fixedVariants[i]);
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

    // stop once every client is done (LTE never runs out of events); a client whose UE the
    // allocator found out of uplink coverage is done: its request cannot reach the server
    std::vector<uint64_t> clientImsi;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        if (cfg.withManager || !cfg.fixedVariants.at(i).empty())
        {
            clientImsi.push_back(UeImsi(ueDev.Get(i)));
        }
    }
    std::function<void()> check;
    check = [&clients, &check, &clientManager, &clientImsi]()
    {
        for (uint32_t i = 0; i < clients.GetN(); ++i)
        {
            const auto& recs =
                DynamicCast<LayerwiseInferenceClient>(clients.Get(i))->GetTaskRecords();
            const Ptr<SlideResourceManager> manager =
                i < clientManager.size() ? clientManager[i] : nullptr;
            const bool unreachable = manager && (recs.empty() || !recs.back().granted) &&
                                     !manager->GetCoverageRejection(clientImsi[i]).empty();
            if (!unreachable && (recs.empty() || (!recs.back().completed && !recs.back().failed)))
            {
                Simulator::Schedule(MilliSeconds(50), check);
                return;
            }
        }
        Simulator::Stop();
    };
    Simulator::Schedule(start + MilliSeconds(100), check);
    Simulator::Stop(start + timeout + Seconds(1));
    ExampleCommandLine::PrepareRun();
    Simulator::Run();

    SlideLteOutcome out;
    out.simSeconds = Simulator::Now().GetSeconds();
    out.users.resize(nUes);
    uint32_t ci = 0;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        SlideLteUserOutcome& o = out.users[i];
        o.deadlineS = cfg.users[i].deadlineS * cfg.deadlineScale;
        if (!cfg.withManager && cfg.fixedVariants[i].empty())
        {
            continue;
        }
        const auto& recs =
            DynamicCast<LayerwiseInferenceClient>(clients.Get(ci++))->GetTaskRecords();
        const std::string coverage =
            cfg.withManager
                ? managers[cfg.users[i].cell]->GetCoverageRejection(UeImsi(ueDev.Get(i)))
                : "";
        // a request answered by the server (granted or rejected) keeps the server's answer
        const bool answered = !recs.empty() && (recs.front().granted || recs.front().rejected);
        if (!coverage.empty() && !answered)
        {
            // rejected at admission: either its request was answered with this reason, or
            // it could not reach the server
            o.outOfCoverage = true;
            o.text = coverage;
            if (!recs.empty())
            {
                o.bytesReceived = recs.front().bytesReceived;
            }
            continue;
        }
        if (recs.empty())
        {
            continue;
        }
        const auto& r = recs.front();
        out.bytesDelivered += r.bytesReceived;
        o.bytesReceived = r.bytesReceived;
        o.admitted = cfg.withManager ? r.granted : true;
        o.text = !cfg.withManager            ? cfg.fixedVariants[i]
                 : (r.granted || r.rejected) ? r.grantText
                                             : "no grant: " + r.failureReason;
        if (r.completed && r.layerArrival.back() > r.firstByteTime)
        {
            o.goodputBps =
                8.0 * r.bytesReceived / (r.layerArrival.back() - r.firstByteTime).GetSeconds();
        }
        o.outOfCoverage =
            r.rejected && r.grantReasonCode == SlideResourceManager::REASON_OUT_OF_COVERAGE;
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
    for (const Ptr<SlideResourceManager>& manager : managers)
    {
        out.solveSeconds += manager->GetTotalSolveSeconds();
        out.rounds.insert(
            out.rounds.end(), manager->GetRounds().begin(), manager->GetRounds().end());
        const auto rejections = manager->GetAllocator()->GetRejections();
        out.rejections.insert(out.rejections.end(), rejections.begin(), rejections.end());
        // every round: with many UEs the requests arrive over several admission windows
        for (size_t ri = 0; ri < manager->GetRounds().size(); ++ri)
        {
            const auto& round = manager->GetRounds()[ri];
            for (size_t k = 0; k < round.imsis.size(); ++k)
            {
                // IMSIs are assigned 1..K in installation order
                const auto user = static_cast<uint32_t>(round.imsis[k] - 1);
                if (user < nUes)
                {
                    out.users[user].round = static_cast<int>(ri);
                    out.users[user].cqi = round.cqi[k];
                    out.users[user].modelRateBps = round.decision.prediction.users[k].rateBps;
                    if (round.cqi[k] >= 0 && cfg.radio == "lte")
                    {
                        LteAmcRateModel tbs({round.cqi[k]}, cfg.rbs);
                        out.users[user].tbsRateBps =
                            tbs.Rate(0, round.decision.users[k].bandwidthHz);
                    }
#ifdef EI_HAVE_NR
                    if (round.cqi[k] >= 0 && cfg.radio == "nr")
                    {
                        Ptr<EdgeNrTopologyHelper> h = CreateObject<EdgeNrTopologyHelper>();
                        NrDlSymbolRateModel tbs(CreateObject<NrAmc>(),
                                                {static_cast<uint8_t>(round.cqi[k])},
                                                h->GetDlResources());
                        out.users[user].tbsRateBps =
                            tbs.Rate(0, round.decision.users[k].bandwidthHz);
                    }
#endif
                }
            }
        }
    }
    Simulator::Destroy();
    out.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    return out;
}

Ptr<InferenceTraceWriter>
SlideHelper::EnableTraces()
{
    return EdgeInferenceTraceHelper::EnableTraces("slide");
}

} // namespace edgeinference
} // namespace ns3
