/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-split-inference-helper.h"

#include "edge-inference-trace-helper.h"

#include "ns3/abort.h"
#include "ns3/arp-cache.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/mobility-model.h"
#include "ns3/node.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/radio-rate.h"
#include "ns3/spectrum-channel.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("NomaSplitInferenceHelper");

namespace
{

/// Bytes of IPv4 (20) and UDP (8) headers.
constexpr uint32_t IP_UDP_BYTES{28};

/**
 * @brief Linear channel gain between two nodes as the NomaHelper's gain provider computes it.
 * @param [in] loss the propagation loss model (null: gain 1)
 * @param [in] tx transmitter mobility
 * @param [in] rx receiver mobility
 * @return the gain
 */
double
Gain(Ptr<PropagationLossModel> loss, Ptr<MobilityModel> tx, Ptr<MobilityModel> rx)
{
    return loss ? DbToLinear(loss->CalcRxPower(0, tx, rx)) : 1.0;
}

/**
 * @brief Payload bytes of a message of a given number of bits.
 * @param [in] bits bits
 * @return ceil(bits / 8)
 */
uint64_t
BytesOf(double bits)
{
    return static_cast<uint64_t>(std::ceil(std::max(0.0, bits) / 8.0 - 1e-9));
}

/**
 * @brief SDU sizes (IP packets) of a message cut into datagrams.
 * @param [in] bytes payload bytes
 * @param [in] maxPayload payload per datagram
 * @return the SDU sizes
 */
std::deque<uint64_t>
Sdus(uint64_t bytes, uint32_t maxPayload)
{
    std::deque<uint64_t> sdus;
    uint64_t offset = 0;
    do
    {
        const uint64_t piece = std::min<uint64_t>(maxPayload, bytes - offset);
        sdus.push_back(piece + SplitInferenceHeader::SERIALIZED_SIZE + IP_UDP_BYTES);
        offset += piece;
    } while (offset < bytes);
    return sdus;
}

/**
 * @brief Frames needed to drain SDUs with TBs of a fixed size (the packing of
 * NomaNetDevice: a segment header per piece, a piece only if more than the header fits).
 * @param [in] sdus SDU sizes
 * @param [in] tbBytes TB size
 * @return the number of frames (0 if no progress is possible)
 */
uint64_t
FramesToDrain(std::deque<uint64_t> sdus, uint32_t tbBytes)
{
    const uint32_t header = NomaSegmentHeader().GetSerializedSize();
    if (tbBytes <= header)
    {
        return 0;
    }
    uint64_t frames = 0;
    uint64_t headOffset = 0;
    while (!sdus.empty())
    {
        ++frames;
        uint64_t remaining = tbBytes;
        while (!sdus.empty() && remaining > header)
        {
            const uint64_t take = std::min(sdus.front() - headOffset, remaining - header);
            remaining -= take + header;
            headOffset += take;
            if (headOffset >= sdus.front())
            {
                sdus.pop_front();
                headOffset = 0;
            }
        }
    }
    return frames;
}

/**
 * @brief Index of the first frame that carries data queued at a time (frames at m T).
 *
 * Data queued at time t by an event created at time c goes into frame m = ceil(t / T), unless
 * t = m T exactly and the frame event (created at (m - 1) T) was created no later than c:
 * events of the same time run in creation order, so that frame has already been built.
 * @param [in] t queue time, ns
 * @param [in] c creation time of the event that queued the data, ns
 * @param [in] period T, ns
 * @return m
 */
int64_t
FirstFrame(int64_t t, int64_t c, int64_t period)
{
    int64_t m = (t + period - 1) / period;
    if (m * period == t && c >= (m - 1) * period)
    {
        ++m;
    }
    return m;
}

} // namespace

NomaSplitInferenceHelper::NomaSplitInferenceHelper()
{
    m_clientFactory.SetTypeId(SplitInferenceClient::GetTypeId());
    m_serverFactory.SetTypeId(SplitInferenceServer::GetTypeId());
    m_allocatorFactory.SetTypeId(NomaSplitSolverAllocator::GetTypeId());
}

void
NomaSplitInferenceHelper::SetAllocatorType(const std::string& typeId)
{
    NS_LOG_FUNCTION(this << typeId);
    TypeId tid;
    NS_ABORT_MSG_IF(!TypeId::LookupByNameFailSafe(typeId, &tid),
                    "NomaSplitInferenceHelper::SetAllocatorType: unknown TypeId '" << typeId
                                                                                   << "'");
    NS_ABORT_MSG_IF(!tid.IsChildOf(NomaSplitAllocator::GetTypeId()),
                    "NomaSplitInferenceHelper::SetAllocatorType: '"
                        << typeId << "' is not a subclass of ns3::NomaSplitAllocator");
    m_allocatorFactory = ObjectFactory();
    m_allocatorFactory.SetTypeId(tid);
    m_allocator = nullptr;
}

void
NomaSplitInferenceHelper::SetAllocatorAttribute(const std::string& name,
                                                const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_allocatorFactory.Set(name, value);
    m_allocator = nullptr;
}

void
NomaSplitInferenceHelper::SetAlgorithm(NomaSplitAlgorithm algorithm)
{
    SetAllocatorType(NomaSplitSolverAllocator::GetTypeId().GetName());
    SetAllocatorAttribute("Algorithm", EnumValue(static_cast<int>(algorithm)));
}

void
NomaSplitInferenceHelper::SetAccess(NomaSplitAccess access)
{
    m_hasAccess = true;
    m_access = access;
}

Ptr<NomaSplitAllocator>
NomaSplitInferenceHelper::GetAllocator()
{
    if (!m_allocator)
    {
        m_allocator = m_allocatorFactory.Create<NomaSplitAllocator>();
    }
    return m_allocator;
}

bool
NomaSplitInferenceHelper::IsOma() const
{
    if (m_hasAccess)
    {
        return m_access == NomaSplitAccess::OMA;
    }
    Ptr<NomaSplitAllocator> a =
        m_allocator ? m_allocator : m_allocatorFactory.Create<NomaSplitAllocator>();
    Ptr<NomaSplitSolverAllocator> s = DynamicCast<NomaSplitSolverAllocator>(a);
    return s && s->GetAlgorithm() == NomaSplitAlgorithm::OMA_LI_GD;
}

void
NomaSplitInferenceHelper::SetProfile(const NomaSplitProfile& profile)
{
    m_profile = profile;
}

void
NomaSplitInferenceHelper::SetDeviceModel(const DeviceComputeModel& device)
{
    m_device = device;
}

void
NomaSplitInferenceHelper::SetProblemTemplate(const NomaSplitProblem& problem)
{
    m_template = problem;
}

void
NomaSplitInferenceHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

void
NomaSplitInferenceHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
}

NomaSplitProblem
NomaSplitInferenceHelper::BuildProblem(Ptr<NomaNetDevice> bs) const
{
    NS_ABORT_MSG_IF(!bs || !bs->IsBaseStation() || !bs->GetPhy() || !bs->GetMac(),
                    "NomaSplitInferenceHelper: the device given is not an installed NOMA base "
                    "station");
    NS_ABORT_MSG_IF(bs->GetNumUes() == 0, "NomaSplitInferenceHelper: the cell has no UE");
    NS_ABORT_MSG_IF(m_profile.GetNLayers() == 0,
                    "NomaSplitInferenceHelper: no DNN profile (call SetProfile)");
    Ptr<NomaSpectrumPhy> phy = bs->GetPhy();
    Ptr<NomaBsMac> mac = bs->GetMac();
    NomaSplitProblem pr = m_template;
    pr.users.clear();
    UintegerValue q;
    mac->GetAttribute("MaxUsersPerSubchannel", q);
    DoubleValue ueTx;
    mac->GetAttribute("UeTxPower", ueTx);
    DoubleValue bsTx;
    mac->GetAttribute("BsTxPower", bsTx);
    const uint32_t nMac = phy->GetNumSubchannels();
    const bool isOma = IsOma();
    pr.maxUsersPerSubchannel = static_cast<uint32_t>(q.Get());
    pr.access = isOma ? NomaSplitAccess::OMA : NomaSplitAccess::NOMA;
    if (isOma)
    {
        NS_ABORT_MSG_IF(nMac % pr.maxUsersPerSubchannel != 0,
                        "NomaSplitInferenceHelper: the OMA baseline needs N_s Q MAC subchannels "
                        "(slots); the cell has "
                            << nMac << ", not a multiple of Q = " << pr.maxUsersPerSubchannel);
        pr.nSubchannels = nMac / pr.maxUsersPerSubchannel;
        pr.subchannelBandwidthHz = phy->GetSubchannelBandwidthHz() * pr.maxUsersPerSubchannel;
        pr.noisePowerW = phy->GetNoisePowerW() * pr.maxUsersPerSubchannel;
    }
    else
    {
        pr.nSubchannels = nMac;
        pr.subchannelBandwidthHz = phy->GetSubchannelBandwidthHz();
        pr.noisePowerW = phy->GetNoisePowerW();
    }
    pr.maxUplinkPowerW = ueTx.Get();
    pr.apPowerW = bsTx.Get();
    pr.minUplinkPowerW = std::min(pr.minUplinkPowerW, pr.maxUplinkPowerW);
    pr.minDownlinkPowerW = std::min(pr.minDownlinkPowerW, pr.apPowerW);
    pr.residualSicFactor = phy->GetResidualFactor();
    Ptr<PropagationLossModel> loss = phy->GetSpectrumChannel()->GetPropagationLossModel();
    Ptr<MobilityModel> bsMob = phy->GetMobility();
    for (uint32_t u = 0; u < bs->GetNumUes(); ++u)
    {
        Ptr<MobilityModel> ueMob = bs->GetUe(u)->GetPhy()->GetMobility();
        NomaSplitUser user;
        user.profile = m_profile;
        user.device = m_device;
        user.uplinkGain.assign(pr.nSubchannels, Gain(loss, ueMob, bsMob));
        user.downlinkGain.assign(pr.nSubchannels, Gain(loss, bsMob, ueMob));
        pr.users.push_back(user);
    }
    return pr;
}

NomaFrameDecision
NomaSplitInferenceHelper::MakeFrameDecision(Time frameDuration, double snrGap)
{
    const NomaSplitProblem& pr = m_problem;
    const uint32_t nUsers = pr.users.size();
    const bool isOma = pr.access == NomaSplitAccess::OMA;
    const uint32_t slots = isOma ? pr.maxUsersPerSubchannel : 1;
    const uint32_t nMac = pr.nSubchannels * slots;
    const double bMac = pr.subchannelBandwidthHz / slots;
    const double noiseMac = pr.noisePowerW / slots;
    NomaFrameDecision fd;
    fd.uplink.resize(nMac);
    fd.downlink.resize(nMac);
    m_ulTb.assign(nUsers, 0);
    m_dlTb.assign(nUsers, 0);
    const auto& cfg = m_decision.configuration;
    const auto& z = m_decision.continuous;
    for (bool isUplink : {true, false})
    {
        const auto& sub = isUplink ? cfg.uplinkSubchannel : cfg.downlinkSubchannel;
        const auto& power = isUplink ? z.uplinkPowerW : z.downlinkPowerW;
        for (uint32_t s = 0; s < pr.nSubchannels; ++s)
        {
            // members in user order, as the solver groups them
            std::vector<uint32_t> members;
            std::vector<double> p;
            std::vector<double> g;
            for (uint32_t i = 0; i < nUsers; ++i)
            {
                if (sub[i] == static_cast<int32_t>(s))
                {
                    members.push_back(i);
                    p.push_back(power[i]);
                    g.push_back(isUplink ? pr.users[i].uplinkGain[s] : pr.users[i].downlinkGain[s]);
                }
            }
            if (members.empty())
            {
                continue;
            }
            std::vector<std::size_t> order(members.size());
            std::vector<double> sinr(members.size());
            if (isOma)
            {
                for (std::size_t k = 0; k < members.size(); ++k)
                {
                    order[k] = k;
                    sinr[k] = p[k] * g[k] / noiseMac;
                }
            }
            else
            {
                order = isUplink ? DefaultUplinkSicOrder(std::vector<double>(g.size(), 1.0), g)
                                 : DefaultDownlinkSicOrder(g);
                sinr = isUplink
                           ? UplinkNomaSinr(p, g, pr.noisePowerW, pr.residualSicFactor, order)
                           : DownlinkNomaSinr(p, g, pr.noisePowerW, pr.residualSicFactor, order);
            }
            for (std::size_t k = 0; k < order.size(); ++k)
            {
                const std::size_t m = order[k];
                const uint32_t i = members[m];
                const uint32_t tb =
                    NomaSpectrumPhy::MaxTbBytes(sinr[m], bMac, frameDuration, snrGap);
                // the solver's rate, for a consistency check of the SINR reconstruction
                const double rate = isUplink ? m_decision.prediction.uplinkRateBps[i]
                                             : m_decision.prediction.downlinkRateBps[i];
                const double mine = bMac * std::log2(1.0 + sinr[m]);
                NS_ABORT_MSG_IF(std::abs(mine - rate) > 1e-6 * std::max(1.0, rate),
                                "NomaSplitInferenceHelper: the "
                                    << (isUplink ? "uplink" : "downlink") << " rate of user " << i
                                    << " does not match the solver (" << mine << " vs " << rate
                                    << " bit/s)");
                const uint32_t macSub = isOma ? s * slots + static_cast<uint32_t>(k) : s;
                auto& list = isUplink ? fd.uplink[macSub].users : fd.downlink[macSub].users;
                // a TB too small to carry a segment would never drain: mark it with 1 byte
                list.push_back({i, p[m], std::max<uint32_t>(tb, 1)});
                (isUplink ? m_ulTb : m_dlTb)[i] = tb;
            }
        }
    }
    return fd;
}

ApplicationContainer
NomaSplitInferenceHelper::Install(Ptr<NomaNetDevice> bs, Time start)
{
    NS_LOG_FUNCTION(this << bs << start);
    m_problem = BuildProblem(bs);
    m_frameDuration = bs->GetFrameDuration();
    m_start = start;
    Ptr<NomaSpectrumPhy> phy = bs->GetPhy();
    m_decision = GetAllocator()->Allocate(m_problem);
    const uint32_t nUsers = m_problem.users.size();
    if (!m_decision.isFeasible)
    {
        NS_LOG_WARN("NomaSplitInferenceHelper: nobody is served (" << m_decision.reason
                                                                   << "); every user runs locally");
    }
    m_frameDecision = MakeFrameDecision(m_frameDuration, phy->GetSnrGapLinear());
    bs->GetMac()->SetFrameDecision(m_frameDecision);
    PopulateArpCaches(bs);

    // server on the base-station node, at the address of its NOMA interface
    Ptr<Node> bsNode = bs->GetNode();
    Ptr<Ipv4> ipv4 = bsNode->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4 || ipv4->GetInterfaceForDevice(bs) < 0,
                    "NomaSplitInferenceHelper: the base station has no IPv4 interface (assign "
                    "addresses before Install)");
    const Ipv4Address serverAddress =
        ipv4->GetAddress(ipv4->GetInterfaceForDevice(bs), 0).GetLocal();
    ApplicationContainer apps;
    m_server = m_serverFactory.Create<SplitInferenceServer>();
    m_server->SetAttribute("FlopsPerCycle", DoubleValue(m_problem.edgeFlopsPerCycle));
    m_server->SetAttribute("Kappa", DoubleValue(m_problem.edgeEnergyCoefficient));
    UintegerValue port;
    m_server->GetAttribute("Port", port);
    UintegerValue serverPayload;
    m_server->GetAttribute("MaxPayloadBytes", serverPayload);
    m_serverPayload = static_cast<uint32_t>(serverPayload.Get());
    NS_ABORT_MSG_IF(m_serverPayload + SplitInferenceHeader::SERIALIZED_SIZE + IP_UDP_BYTES >
                        bs->GetMtu(),
                    "NomaSplitInferenceHelper: server MaxPayloadBytes = "
                        << m_serverPayload << " + " << SplitInferenceHeader::SERIALIZED_SIZE
                        << " + " << IP_UDP_BYTES << " exceeds the device MTU " << bs->GetMtu()
                        << " (IP fragmentation is not modelled by the frame-aware prediction)");
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        if (m_decision.configuration.split[i] < m_problem.users[i].profile.GetNLayers())
        {
            m_server->SetUserFrequency(i, m_decision.continuous.edgeFrequencyHz[i]);
        }
    }
    bsNode->AddApplication(m_server);
    m_server->SetStartTime(start);
    apps.Add(m_server);
    m_clients.clear();
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        Ptr<SplitInferenceClient> c = m_clientFactory.Create<SplitInferenceClient>();
        c->SetProfile(m_profile);
        c->SetAttribute("SplitPoint", UintegerValue(m_decision.configuration.split[i]));
        c->SetAttribute("DeviceFrequency", DoubleValue(m_device.GetFrequency()));
        c->SetAttribute("FlopsPerCycle", DoubleValue(m_device.GetFlopsPerCycle()));
        c->SetAttribute("Kappa", DoubleValue(m_device.GetEnergyCoefficient()));
        c->SetAttribute("RemoteAddress", AddressValue(serverAddress));
        c->SetAttribute("RemotePort", port);
        UintegerValue payload;
        c->GetAttribute("MaxPayloadBytes", payload);
        m_clientPayload = static_cast<uint32_t>(payload.Get());
        NS_ABORT_MSG_IF(m_clientPayload + SplitInferenceHeader::SERIALIZED_SIZE + IP_UDP_BYTES >
                            bs->GetUe(i)->GetMtu(),
                        "NomaSplitInferenceHelper: client MaxPayloadBytes = "
                            << m_clientPayload << " + " << SplitInferenceHeader::SERIALIZED_SIZE
                            << " + " << IP_UDP_BYTES << " exceeds the MTU "
                            << bs->GetUe(i)->GetMtu() << " of UE " << i);
        bs->GetUe(i)->GetNode()->AddApplication(c);
        c->SetStartTime(start);
        apps.Add(c);
        m_clients.push_back(c);
    }
    return apps;
}

const NomaSplitProblem&
NomaSplitInferenceHelper::GetProblem() const
{
    return m_problem;
}

const NomaSplitDecision&
NomaSplitInferenceHelper::GetDecision() const
{
    return m_decision;
}

const NomaFrameDecision&
NomaSplitInferenceHelper::GetFrameDecision() const
{
    return m_frameDecision;
}

Ptr<SplitInferenceServer>
NomaSplitInferenceHelper::GetServer() const
{
    return m_server;
}

Ptr<SplitInferenceClient>
NomaSplitInferenceHelper::GetClient(uint32_t ue) const
{
    NS_ABORT_MSG_IF(ue >= m_clients.size(),
                    "NomaSplitInferenceHelper::GetClient: UE " << ue << " of " << m_clients.size());
    return m_clients[ue];
}

std::vector<NomaSplitFramePrediction>
NomaSplitInferenceHelper::PredictFrameAware(uint32_t numTasks) const
{
    NS_ABORT_MSG_IF(numTasks == 0, "NomaSplitInferenceHelper::PredictFrameAware: numTasks = 0");
    std::vector<NomaSplitFramePrediction> out;
    const int64_t period = m_frameDuration.GetTimeStep();
    const double periodS = m_frameDuration.GetSeconds();
    for (uint32_t i = 0; i < m_problem.users.size(); ++i)
    {
        const NomaSplitUser& user = m_problem.users[i];
        const NomaSplitProfile& prof = user.profile;
        const uint32_t l = m_decision.configuration.split[i];
        NomaSplitFramePrediction fp;
        fp.isOffloading = l < prof.GetNLayers();
        fp.uplinkTbBytes = m_ulTb.empty() ? 0 : m_ulTb[i];
        fp.downlinkTbBytes = m_dlTb.empty() ? 0 : m_dlTb[i];
        const double localCycles = prof.GetLocalFlops(l) / user.device.GetFlopsPerCycle();
        const double f = user.device.GetFrequency();
        const Time localTime = Seconds(localCycles / f);
        const double localJ = user.device.GetEnergyCoefficient() * f * f * localCycles;
        const double edgeCycles =
            static_cast<double>(std::llround(prof.GetEdgeFlops(l))) / m_problem.edgeFlopsPerCycle;
        const double fe = m_decision.continuous.edgeFrequencyHz[i];
        uint64_t ulFrames = 0;
        uint64_t dlFrames = 0;
        if (fp.isOffloading)
        {
            ulFrames =
                FramesToDrain(Sdus(BytesOf(prof.outputBits[l]), m_clientPayload), fp.uplinkTbBytes);
            dlFrames =
                FramesToDrain(Sdus(BytesOf(prof.resultBits), m_serverPayload), fp.downlinkTbBytes);
            fp.isFinite = ulFrames > 0 && dlFrames > 0;
        }
        const Time edgeTime = fp.isOffloading ? Seconds(edgeCycles / fe) : Seconds(0);
        int64_t t0 = m_start.GetTimeStep();
        double sumLatency = 0;
        for (uint32_t k = 0; k < numTasks && fp.isFinite; ++k)
        {
            int64_t end = t0 + localTime.GetTimeStep();
            if (fp.isOffloading)
            {
                const int64_t ulFirst = FirstFrame(end, t0, period);
                const int64_t rx = (ulFirst + static_cast<int64_t>(ulFrames)) * period;
                const int64_t computed = rx + edgeTime.GetTimeStep();
                const int64_t dlFirst = FirstFrame(computed, rx, period);
                end = (dlFirst + static_cast<int64_t>(dlFrames)) * period;
            }
            sumLatency += static_cast<double>(end - t0);
            t0 = end;
        }
        fp.uplinkFrames = static_cast<double>(ulFrames);
        fp.downlinkFrames = static_cast<double>(dlFrames);
        fp.latencyS = fp.isFinite
                          ? TimeStep(static_cast<uint64_t>(sumLatency / numTasks)).GetSeconds()
                          : std::numeric_limits<double>::infinity();
        fp.deviceEnergyJ = localJ + (fp.isOffloading ? m_decision.continuous.uplinkPowerW[i] *
                                                           periodS * fp.uplinkFrames
                                                     : 0.0);
        fp.edgeEnergyJ = fp.isOffloading ? m_problem.edgeEnergyCoefficient * fe * fe * edgeCycles +
                                               m_decision.continuous.downlinkPowerW[i] * periodS *
                                                   fp.downlinkFrames
                                         : 0.0;
        out.push_back(fp);
    }
    return out;
}

void
NomaSplitInferenceHelper::PopulateArpCaches(Ptr<NomaNetDevice> bs)
{
    std::vector<Ptr<NomaNetDevice>> devices = {bs};
    for (uint32_t u = 0; u < bs->GetNumUes(); ++u)
    {
        devices.push_back(bs->GetUe(u));
    }
    // (interface, address) of every device
    std::vector<std::pair<Ptr<Ipv4Interface>, Ipv4Address>> ifs;
    for (const auto& d : devices)
    {
        Ptr<Ipv4L3Protocol> l3 = d->GetNode()->GetObject<Ipv4L3Protocol>();
        NS_ABORT_MSG_IF(!l3 || l3->GetInterfaceForDevice(d) < 0,
                        "NomaSplitInferenceHelper: node " << d->GetNode()->GetId()
                                                          << " has no IPv4 interface on its "
                                                             "NOMA device");
        Ptr<Ipv4Interface> iface = l3->GetInterface(l3->GetInterfaceForDevice(d));
        ifs.emplace_back(iface, iface->GetAddress(0).GetLocal());
    }
    for (std::size_t a = 0; a < ifs.size(); ++a)
    {
        for (std::size_t b = 0; b < ifs.size(); ++b)
        {
            if (a == b)
            {
                continue;
            }
            Ptr<ArpCache> cache = ifs[a].first->GetArpCache();
            ArpCache::Entry* e = cache->Lookup(ifs[b].second);
            if (!e)
            {
                e = cache->Add(ifs[b].second);
            }
            e->SetMacAddress(devices[b]->GetAddress());
            e->MarkPermanent();
        }
    }
}

int64_t
NomaSplitInferenceHelper::AssignStreams(int64_t stream)
{
    return 0;
}

Ptr<InferenceTraceWriter>
NomaSplitInferenceHelper::EnableTraces()
{
    Ptr<InferenceTraceWriter> w = EdgeInferenceTraceHelper::EnableTraces("noma-split");
    if (!m_clients.empty())
    {
        UintegerValue numTasks;
        m_clients[0]->GetAttribute("NumTasks", numTasks);
        std::vector<NomaSplitFramePrediction> pred =
            PredictFrameAware(std::max<uint32_t>(1, numTasks.Get()));
        for (size_t ue = 0; ue < m_clients.size() && ue < pred.size(); ++ue)
        {
            if (pred[ue].isFinite)
            {
                w->SetUserPrediction(
                    "noma-split", m_clients[ue]->GetNode()->GetId(), pred[ue].latencyS);
            }
        }
    }
    return w;
}

} // namespace edgeinference
} // namespace ns3
