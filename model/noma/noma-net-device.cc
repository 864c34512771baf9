/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-net-device.h"

#include "ns3/abort.h"
#include "ns3/error-model.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("NomaNetDevice");

NS_OBJECT_ENSURE_REGISTERED(NomaSegmentHeader);
NS_OBJECT_ENSURE_REGISTERED(NomaNetDevice);

/// EtherType of ARP: queued ahead of the data, without limit.
static constexpr uint16_t ARP_PROTOCOL{0x0806};

/// Size of NomaSegmentHeader, bytes.
static constexpr uint32_t SEGMENT_HEADER_BYTES{16};

TypeId
NomaSegmentHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NomaSegmentHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeInference")
                            .AddConstructor<NomaSegmentHeader>();
    return tid;
}

TypeId
NomaSegmentHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
NomaSegmentHeader::GetSerializedSize() const
{
    return SEGMENT_HEADER_BYTES;
}

void
NomaSegmentHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU16(seq);
    start.WriteHtonU16(offset);
    start.WriteHtonU16(length);
    start.WriteHtonU16(total);
    start.WriteHtonU16(protocol);
    uint8_t buf[6];
    dst.CopyTo(buf);
    start.Write(buf, 6);
}

uint32_t
NomaSegmentHeader::Deserialize(Buffer::Iterator start)
{
    seq = start.ReadNtohU16();
    offset = start.ReadNtohU16();
    length = start.ReadNtohU16();
    total = start.ReadNtohU16();
    protocol = start.ReadNtohU16();
    uint8_t buf[6];
    start.Read(buf, 6);
    dst.CopyFrom(buf);
    return SEGMENT_HEADER_BYTES;
}

void
NomaSegmentHeader::Print(std::ostream& os) const
{
    os << "seq=" << seq << " offset=" << offset << " length=" << length << " total=" << total
       << " protocol=" << protocol << " dst=" << dst;
}

TypeId
NomaNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NomaNetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("EdgeInference")
            .AddConstructor<NomaNetDevice>()
            .AddAttribute("Mtu",
                          "MTU, bytes (at most 65535).",
                          UintegerValue(1500),
                          MakeUintegerAccessor(&NomaNetDevice::SetMtu, &NomaNetDevice::GetMtu),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("MaxQueuePackets",
                          "Limit of each transmit queue, SDUs (a full queue drops new SDUs with "
                          "the MacTxDrop trace; ARP frames bypass the limit and go ahead of "
                          "the data).",
                          UintegerValue(100),
                          MakeUintegerAccessor(&NomaNetDevice::m_maxQueuePackets),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("FrameDuration",
                          "Frame duration T (base station): one schedule and one TB per "
                          "scheduled user and subchannel per frame.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&NomaNetDevice::m_frameDuration),
                          MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute("Phy",
                          "The NomaSpectrumPhy.",
                          PointerValue(),
                          MakePointerAccessor(&NomaNetDevice::m_phy),
                          MakePointerChecker<NomaSpectrumPhy>())
            .AddAttribute("ReceiveErrorModel",
                          "Loss of decoded transport blocks (null: none): a TB the PHY decoded "
                          "is dropped when this ErrorModel corrupts a packet of the TB's size, "
                          "and its SDUs are counted in MacRxDrop like a TB the PHY failed to "
                          "decode. For fault injection on the radio (e.g. a RateErrorModel "
                          "with ERROR_UNIT_PACKET).",
                          PointerValue(),
                          MakePointerAccessor(&NomaNetDevice::m_receiveErrorModel),
                          MakePointerChecker<ErrorModel>())
            .AddTraceSource("MacTx",
                            "An SDU was queued for transmission.",
                            MakeTraceSourceAccessor(&NomaNetDevice::m_macTxTrace),
                            "ns3::edgeinference::NomaNetDevice::PacketTracedCallback")
            .AddTraceSource("MacTxDrop",
                            "An SDU was dropped before transmission (queue full or unknown "
                            "destination).",
                            MakeTraceSourceAccessor(&NomaNetDevice::m_macTxDropTrace),
                            "ns3::edgeinference::NomaNetDevice::PacketTracedCallback")
            .AddTraceSource("MacRx",
                            "An SDU was received and passed up.",
                            MakeTraceSourceAccessor(&NomaNetDevice::m_macRxTrace),
                            "ns3::edgeinference::NomaNetDevice::PacketTracedCallback")
            .AddTraceSource("MacRxDrop",
                            "An SDU was lost at the receiver (a TB carrying part of it failed); "
                            "fired once per lost SDU.",
                            MakeTraceSourceAccessor(&NomaNetDevice::m_macRxDropTrace),
                            "ns3::edgeinference::NomaNetDevice::PacketTracedCallback");
    return tid;
}

NomaNetDevice::NomaNetDevice()
{
    NS_LOG_FUNCTION(this);
}

NomaNetDevice::~NomaNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
NomaNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_frameEvent.Cancel();
    m_node = nullptr;
    if (m_phy)
    {
        m_phy->Dispose();
    }
    m_phy = nullptr;
    m_mac = nullptr;
    m_receiveErrorModel = nullptr;
    m_bs = nullptr;
    m_ues.clear();
    m_dlQueues.clear();
    m_ulQueue.sdus.clear();
    m_ulReassembly.clear();
    m_dlReassembly.partial = nullptr;
    m_gainProvider = MakeNullCallback<double, uint32_t, uint32_t, bool>();
    m_rxCallback =
        MakeNullCallback<bool, Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&>();
    m_promiscRxCallback = MakeNullCallback<bool,
                                           Ptr<NetDevice>,
                                           Ptr<const Packet>,
                                           uint16_t,
                                           const Address&,
                                           const Address&,
                                           PacketType>();
    NetDevice::DoDispose();
}

void
NomaNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
NomaNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
NomaNetDevice::GetChannel() const
{
    return nullptr; // the SpectrumChannel is reached through the PHY
}

void
NomaNetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
NomaNetDevice::GetAddress() const
{
    return m_address;
}

bool
NomaNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
NomaNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
NomaNetDevice::IsLinkUp() const
{
    return m_phy != nullptr;
}

void
NomaNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    // the link never changes state
}

bool
NomaNetDevice::IsBroadcast() const
{
    return true;
}

Address
NomaNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
NomaNetDevice::IsMulticast() const
{
    return false;
}

Address
NomaNetDevice::GetMulticast(Ipv4Address multicastGroup) const
{
    return Mac48Address::GetMulticast(multicastGroup);
}

Address
NomaNetDevice::GetMulticast(Ipv6Address addr) const
{
    return Mac48Address::GetMulticast(addr);
}

bool
NomaNetDevice::IsBridge() const
{
    return false;
}

bool
NomaNetDevice::IsPointToPoint() const
{
    return false;
}

bool
NomaNetDevice::SupportsSendFrom() const
{
    return false;
}

bool
NomaNetDevice::SendFrom(Ptr<Packet> packet,
                        const Address& source,
                        const Address& dest,
                        uint16_t protocolNumber)
{
    NS_FATAL_ERROR("NomaNetDevice does not support SendFrom");
    return false;
}

Ptr<Node>
NomaNetDevice::GetNode() const
{
    return m_node;
}

void
NomaNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

bool
NomaNetDevice::NeedsArp() const
{
    return true;
}

void
NomaNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
NomaNetDevice::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb)
{
    m_promiscRxCallback = cb;
}

void
NomaNetDevice::ConfigureBaseStation(uint32_t cellId, Ptr<NomaBsMac> mac)
{
    NS_LOG_FUNCTION(this << cellId);
    m_isBaseStation = true;
    m_cellId = cellId;
    m_mac = mac;
    if (m_phy)
    {
        m_phy->SetIdentity(true, m_cellId, 0);
    }
}

void
NomaNetDevice::ConfigureUe(Ptr<NomaNetDevice> bs)
{
    NS_LOG_FUNCTION(this << bs);
    NS_ABORT_MSG_IF(!bs || !bs->m_isBaseStation,
                    "NomaNetDevice::ConfigureUe: the device given is not a base station");
    m_isBaseStation = false;
    m_bs = bs;
    m_cellId = bs->m_cellId;
    m_ueIndex = bs->m_ues.size();
    bs->m_ues.push_back(this);
    bs->m_dlQueues.emplace_back();
    bs->m_ulReassembly.emplace_back();
    if (m_phy)
    {
        m_phy->SetIdentity(false, m_cellId, m_ueIndex);
    }
}

void
NomaNetDevice::SetPhy(Ptr<NomaSpectrumPhy> phy)
{
    m_phy = phy;
    m_phy->SetDevice(this);
    m_phy->SetIdentity(m_isBaseStation, m_cellId, m_ueIndex);
    m_phy->SetRxTbCallback(MakeCallback(&NomaNetDevice::ReceiveTb, this));
}

Ptr<NomaSpectrumPhy>
NomaNetDevice::GetPhy() const
{
    return m_phy;
}

Ptr<NomaBsMac>
NomaNetDevice::GetMac() const
{
    return m_mac;
}

bool
NomaNetDevice::IsBaseStation() const
{
    return m_isBaseStation;
}

uint32_t
NomaNetDevice::GetUeIndex() const
{
    return m_ueIndex;
}

uint32_t
NomaNetDevice::GetNumUes() const
{
    return m_ues.size();
}

Ptr<NomaNetDevice>
NomaNetDevice::GetUe(uint32_t ue) const
{
    NS_ABORT_MSG_IF(ue >= m_ues.size(),
                    "NomaNetDevice::GetUe: UE " << ue << " of " << m_ues.size());
    return m_ues[ue];
}

void
NomaNetDevice::SetGainProvider(GainProvider provider)
{
    m_gainProvider = provider;
}

Time
NomaNetDevice::GetFrameDuration() const
{
    return m_frameDuration;
}

uint32_t
NomaNetDevice::GetQueuedPackets() const
{
    uint32_t n = m_ulQueue.sdus.size();
    for (const auto& q : m_dlQueues)
    {
        n += q.sdus.size();
    }
    return n;
}

uint32_t
NomaNetDevice::FindUe(Mac48Address a) const
{
    for (uint32_t u = 0; u < m_ues.size(); ++u)
    {
        if (m_ues[u]->m_address == a)
        {
            return u;
        }
    }
    return m_ues.size();
}

bool
NomaNetDevice::Enqueue(TxQueue& queue, Ptr<Packet> packet, Mac48Address dst, uint16_t protocol)
{
    Sdu sdu;
    sdu.packet = packet;
    sdu.dst = dst;
    sdu.protocol = protocol;
    if (protocol == ARP_PROTOCOL)
    {
        // control traffic: no limit, ahead of the data (after the SDU being sent and the
        // ARP frames already queued)
        auto it = queue.sdus.begin();
        if (queue.headOffset > 0)
        {
            ++it;
        }
        while (it != queue.sdus.end() && it->protocol == ARP_PROTOCOL)
        {
            ++it;
        }
        sdu.seq = queue.nextSeq++;
        queue.sdus.insert(it, sdu);
        m_macTxTrace(packet);
        return true;
    }
    if (queue.sdus.size() >= m_maxQueuePackets)
    {
        NS_LOG_LOGIC("queue full, dropping " << packet->GetSize() << " bytes");
        m_macTxDropTrace(packet);
        return false;
    }
    sdu.seq = queue.nextSeq++;
    queue.sdus.push_back(sdu);
    m_macTxTrace(packet);
    return true;
}

bool
NomaNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << dest << protocolNumber);
    NS_ABORT_MSG_IF(packet->GetSize() > m_mtu,
                    "NomaNetDevice::Send: packet of " << packet->GetSize()
                                                      << " bytes exceeds the MTU " << m_mtu);
    const Mac48Address dst = Mac48Address::ConvertFrom(dest);
    if (!m_isBaseStation)
    {
        NS_ABORT_MSG_IF(!m_bs, "NomaNetDevice::Send: UE not attached to a base station");
        return Enqueue(m_ulQueue, packet, dst, protocolNumber);
    }
    if (dst.IsBroadcast() || dst.IsGroup())
    {
        bool ok = !m_ues.empty();
        for (auto& q : m_dlQueues)
        {
            ok = Enqueue(q, packet->Copy(), dst, protocolNumber) && ok;
        }
        return ok;
    }
    const uint32_t u = FindUe(dst);
    if (u == m_ues.size())
    {
        NS_LOG_LOGIC("unknown destination " << dst);
        m_macTxDropTrace(packet);
        return false;
    }
    return Enqueue(m_dlQueues[u], packet, dst, protocolNumber);
}

std::vector<Ptr<Packet>>
NomaNetDevice::BuildTb(TxQueue& queue, uint32_t tbBytes)
{
    std::vector<Ptr<Packet>> segments;
    uint32_t remaining = tbBytes;
    while (!queue.sdus.empty() && remaining > SEGMENT_HEADER_BYTES)
    {
        Sdu& sdu = queue.sdus.front();
        const uint32_t size = sdu.packet->GetSize();
        const uint32_t take = std::min(size - queue.headOffset, remaining - SEGMENT_HEADER_BYTES);
        Ptr<Packet> piece = sdu.packet->CreateFragment(queue.headOffset, take);
        NomaSegmentHeader h;
        h.seq = sdu.seq;
        h.offset = queue.headOffset;
        h.length = take;
        h.total = size;
        h.protocol = sdu.protocol;
        h.dst = sdu.dst;
        piece->AddHeader(h);
        segments.push_back(piece);
        remaining -= take + SEGMENT_HEADER_BYTES;
        queue.headOffset += take;
        if (queue.headOffset >= size)
        {
            queue.sdus.pop_front();
            queue.headOffset = 0;
        }
    }
    return segments;
}

uint64_t
NomaNetDevice::DemandBytes(const TxQueue& queue)
{
    uint64_t bytes = 0;
    for (const auto& sdu : queue.sdus)
    {
        bytes += sdu.packet->GetSize() + SEGMENT_HEADER_BYTES;
    }
    return queue.sdus.empty() ? 0 : bytes - queue.headOffset;
}

void
NomaNetDevice::StartFrames(Time delay)
{
    NS_LOG_FUNCTION(this << delay);
    NS_ABORT_MSG_IF(!m_isBaseStation, "NomaNetDevice::StartFrames: not a base station");
    m_frameEvent.Cancel();
    auto schedule = [this, delay]()
    {
        // a later StartFrames() replaces the chain: one frame clock per base station
        m_frameEvent.Cancel();
        m_frameEvent = Simulator::Schedule(delay, &NomaNetDevice::Frame, this);
    };
    if (m_node)
    {
        // enter the node's context first (ScheduleWithContext returns no id), so that the
        // frame events inherit it and have ids
        Simulator::ScheduleWithContext(m_node->GetId(),
                                       Seconds(0),
                                       [this, schedule]()
                                       {
                                           if (m_mac)
                                           {
                                               schedule();
                                           }
                                       });
    }
    else
    {
        schedule();
    }
}

void
NomaNetDevice::Frame()
{
    NS_LOG_FUNCTION(this << m_frameNo);
    if (!m_phy || !m_mac)
    {
        return; // disposed
    }
    m_frameEvent.Cancel();
    const uint64_t frameNo = m_frameNo++;
    m_frameEvent = Simulator::Schedule(m_frameDuration, &NomaNetDevice::Frame, this);
    const uint32_t nUes = m_ues.size();
    std::vector<uint64_t> dlDemand(nUes);
    std::vector<uint64_t> ulDemand(nUes);
    bool any = false;
    for (uint32_t u = 0; u < nUes; ++u)
    {
        dlDemand[u] = DemandBytes(m_dlQueues[u]);
        ulDemand[u] = DemandBytes(m_ues[u]->m_ulQueue);
        any = any || dlDemand[u] > 0 || ulDemand[u] > 0;
    }
    if (!any)
    {
        return;
    }
    NS_ABORT_MSG_IF(m_gainProvider.IsNull(), "NomaNetDevice: no gain provider (SetGainProvider)");
    NomaLinkParameters link;
    link.numSubchannels = m_phy->GetNumSubchannels();
    link.bandwidthHz = m_phy->GetSubchannelBandwidthHz();
    link.frameDuration = m_frameDuration;
    link.noisePowerW = m_phy->GetNoisePowerW();
    link.residualFactor = m_phy->GetResidualFactor();
    link.snrGapLinear = m_phy->GetSnrGapLinear();
    std::vector<std::vector<double>> dlGain(nUes, std::vector<double>(link.numSubchannels));
    std::vector<std::vector<double>> ulGain(nUes, std::vector<double>(link.numSubchannels));
    for (uint32_t u = 0; u < nUes; ++u)
    {
        for (uint32_t s = 0; s < link.numSubchannels; ++s)
        {
            dlGain[u][s] = m_gainProvider(u, s, true);
            ulGain[u][s] = m_gainProvider(u, s, false);
        }
    }
    const NomaFrameSchedule sched =
        m_mac->Schedule(frameNo, dlDemand, ulDemand, dlGain, ulGain, link);

    std::vector<NomaComponent> dl;
    for (const auto& g : sched.downlink)
    {
        NomaComponent c;
        c.ue = g.ue;
        c.subchannel = g.subchannel;
        c.powerW = g.powerW;
        c.sicPosition = g.sicPosition;
        c.tbBytes = g.tbBytes;
        c.segments = BuildTb(m_dlQueues[g.ue], g.tbBytes);
        dl.push_back(c);
    }
    m_phy->Transmit(frameNo, m_frameDuration, dl);

    std::map<uint32_t, std::vector<NomaGrant>> ul;
    for (const auto& g : sched.uplink)
    {
        ul[g.ue].push_back(g);
    }
    for (const auto& [ue, grants] : ul)
    {
        m_ues[ue]->TransmitUplink(frameNo, grants);
    }
}

void
NomaNetDevice::TransmitUplink(uint64_t frameNo, const std::vector<NomaGrant>& grants)
{
    NS_LOG_FUNCTION(this << frameNo << grants.size());
    std::vector<NomaComponent> comps;
    for (const auto& g : grants)
    {
        NomaComponent c;
        c.ue = m_ueIndex;
        c.subchannel = g.subchannel;
        c.powerW = g.powerW;
        c.sicPosition = g.sicPosition;
        c.tbBytes = g.tbBytes;
        c.segments = BuildTb(m_ulQueue, g.tbBytes);
        comps.push_back(c);
    }
    m_phy->Transmit(frameNo, m_bs->m_frameDuration, comps);
}

void
NomaNetDevice::ReceiveTb(const NomaComponent& comp, const NomaTbReport& report)
{
    NS_LOG_FUNCTION(this << comp.ue << report.success);
    Reassembly& state = m_isBaseStation ? m_ulReassembly.at(comp.ue) : m_dlReassembly;
    bool success = report.success;
    if (success && m_receiveErrorModel)
    {
        uint32_t tbBytes = 0;
        for (const auto& s : comp.segments)
        {
            tbBytes += s->GetSize();
        }
        if (m_receiveErrorModel->IsCorrupt(Create<Packet>(tbBytes)))
        {
            NS_LOG_LOGIC("TB of UE " << comp.ue << " (" << tbBytes << " bytes) lost by the "
                                     << "ReceiveErrorModel");
            success = false;
        }
    }
    if (!success)
    {
        // Account for every SDU the lost TB touched, once.
        for (const auto& s : comp.segments)
        {
            Ptr<Packet> p = s->Copy();
            NomaSegmentHeader h;
            p->RemoveHeader(h);
            if (state.partial && state.seq == h.seq)
            {
                m_macRxDropTrace(state.partial);
                state.partial = nullptr;
            }
            else if (h.offset == 0)
            {
                m_macRxDropTrace(p);
            }
        }
        return;
    }
    const Mac48Address from = m_isBaseStation ? m_ues.at(comp.ue)->m_address : m_bs->m_address;
    for (const auto& s : comp.segments)
    {
        ReceiveSegment(state, s->Copy(), from);
    }
}

void
NomaNetDevice::ReceiveSegment(Reassembly& state, Ptr<Packet> segment, Mac48Address from)
{
    NomaSegmentHeader h;
    segment->RemoveHeader(h);
    if (h.offset == 0)
    {
        if (state.partial)
        {
            m_macRxDropTrace(state.partial);
        }
        state.partial = segment;
        state.seq = h.seq;
        state.total = h.total;
    }
    else if (state.partial && state.seq == h.seq && state.partial->GetSize() == h.offset)
    {
        state.partial->AddAtEnd(segment);
    }
    else
    {
        // continuation of an SDU already counted as lost
        return;
    }
    if (state.partial->GetSize() >= state.total)
    {
        Ptr<Packet> sdu = state.partial;
        state.partial = nullptr;
        DeliverSdu(sdu, h.protocol, from, h.dst);
    }
}

void
NomaNetDevice::DeliverSdu(Ptr<Packet> sdu, uint16_t protocol, Mac48Address from, Mac48Address to)
{
    NS_LOG_FUNCTION(this << sdu << protocol << from << to);
    m_macRxTrace(sdu);
    if (m_isBaseStation)
    {
        // relay towards other UEs
        if (to.IsBroadcast() || to.IsGroup())
        {
            for (uint32_t u = 0; u < m_ues.size(); ++u)
            {
                if (m_ues[u]->m_address != from)
                {
                    Enqueue(m_dlQueues[u], sdu->Copy(), to, protocol);
                }
            }
        }
        else if (to != m_address)
        {
            const uint32_t u = FindUe(to);
            if (u < m_ues.size())
            {
                Enqueue(m_dlQueues[u], sdu, to, protocol);
            }
            else
            {
                m_macTxDropTrace(sdu);
            }
            return;
        }
    }
    PacketType type = PACKET_OTHERHOST;
    if (to.IsBroadcast())
    {
        type = PACKET_BROADCAST;
    }
    else if (to.IsGroup())
    {
        type = PACKET_MULTICAST;
    }
    else if (to == m_address)
    {
        type = PACKET_HOST;
    }
    if (!m_promiscRxCallback.IsNull())
    {
        m_promiscRxCallback(this, sdu, protocol, from, to, type);
    }
    if (type != PACKET_OTHERHOST && !m_rxCallback.IsNull())
    {
        m_rxCallback(this, sdu, protocol, from);
    }
}

} // namespace edgeinference
} // namespace ns3
