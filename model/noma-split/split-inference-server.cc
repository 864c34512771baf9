/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "split-inference-server.h"

#include "split-inference-util.h"

#include "ns3/abort.h"
#include "ns3/address-utils.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/noma-net-device.h"
#include "ns3/noma-spectrum-signal-parameters.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("SplitInferenceServer");

NS_OBJECT_ENSURE_REGISTERED(SplitInferenceServer);

using splitinference::CloseSocket;
using splitinference::FindNomaDevice;
using splitinference::HookAirtimeTraces;
using splitinference::IsIpv4Sdu;
using splitinference::ParseSdu;
using splitinference::SegmentPayloadBytes;
using splitinference::TaskKey;

TypeId
SplitInferenceServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SplitInferenceServer")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<SplitInferenceServer>()
            .AddAttribute("Port",
                          "UDP port to listen on.",
                          UintegerValue(5000),
                          MakeUintegerAccessor(&SplitInferenceServer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("MaxPayloadBytes",
                          "Result payload per datagram, bytes.",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&SplitInferenceServer::m_maxPayloadBytes),
                          MakeUintegerChecker<uint32_t>(1, 65000))
            .AddAttribute("DefaultFrequency",
                          "f^e of a user without a share (SetUserFrequency), Hz (> 0).",
                          DoubleValue(1e9),
                          MakeDoubleAccessor(&SplitInferenceServer::m_defaultFrequencyHz),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("FlopsPerCycle",
                          "n_e: FLOP per cycle of the edge processor (> 0).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SplitInferenceServer::m_flopsPerCycle),
                          MakeDoubleChecker<double>(1e-12))
            .AddAttribute("Kappa",
                          "kappa_e: edge energy coefficient, J s^2/cycle^3 (>= 0).",
                          DoubleValue(1e-30),
                          MakeDoubleAccessor(&SplitInferenceServer::m_kappa),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("ReassemblyTimeout",
                          "An activation not complete this long after its first piece is "
                          "dropped (> 0).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&SplitInferenceServer::m_reassemblyTimeout),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddTraceSource("Received",
                            "An activation is complete: user, task.",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_receivedTrace),
                            "ns3::edgeinference::SplitInferenceServer::TaskTracedCallback")
            .AddTraceSource("Computed",
                            "Layers l+1..L are done: user, task.",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_computedTrace),
                            "ns3::edgeinference::SplitInferenceServer::TaskTracedCallback")
            .AddTraceSource("Dropped",
                            "An incomplete activation was dropped: user, task.",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_droppedTrace),
                            "ns3::edgeinference::SplitInferenceServer::TaskTracedCallback")
            .AddTraceSource("ResultSent",
                            "The last downlink TB with the result left the PHY: user, task, "
                            "airtime, transmit energy (J).",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_resultSentTrace),
                            "ns3::edgeinference::SplitInferenceServer::ResultSentTracedCallback")
            .AddTraceSource("Energy",
                            "Edge energy of a task whose result was sent: user, task, compute "
                            "J, transmit J.",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_energyTrace),
                            "ns3::edgeinference::SplitInferenceServer::EnergyTracedCallback");
    return tid;
}

SplitInferenceServer::SplitInferenceServer()
{
    NS_LOG_FUNCTION(this);
}

SplitInferenceServer::~SplitInferenceServer()
{
    NS_LOG_FUNCTION(this);
}

void
SplitInferenceServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // disposed while running (no StopApplication): no event or callback may reach us later
    if (m_isRunning)
    {
        StopApplication();
    }
    m_socket = nullptr;
    m_device = nullptr;
    m_partials.clear();
    Application::DoDispose();
}

void
SplitInferenceServer::SetUserFrequency(uint32_t userId, double frequencyHz)
{
    NS_LOG_FUNCTION(this << userId << frequencyHz);
    NS_ABORT_MSG_IF(!(frequencyHz > 0) || std::isinf(frequencyHz),
                    "SplitInferenceServer::SetUserFrequency: user "
                        << userId << " needs a finite frequency > 0 Hz, got " << frequencyHz);
    m_userFrequency[userId] = frequencyHz;
}

double
SplitInferenceServer::GetUserFrequency(uint32_t userId) const
{
    auto it = m_userFrequency.find(userId);
    return it == m_userFrequency.end() ? m_defaultFrequencyHz : it->second;
}

const std::vector<SplitInferenceServerTask>&
SplitInferenceServer::GetTasks() const
{
    return m_tasks;
}

uint32_t
SplitInferenceServer::GetDroppedTasks() const
{
    return m_dropped;
}

void
SplitInferenceServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_isRunning = true;
    m_device = FindNomaDevice(GetNode());
    if (m_device && m_device->IsBaseStation())
    {
        HookAirtimeTraces(m_device,
                          MakeCallback(&SplitInferenceServer::MacTx, this),
                          MakeCallback(&SplitInferenceServer::PhyTx, this),
                          true);
    }
    else
    {
        NS_LOG_WARN("SplitInferenceServer: node " << GetNode()->GetId()
                                                  << " has no NomaNetDevice base station; "
                                                     "downlink energy is not measured");
        m_device = nullptr;
    }
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                        "SplitInferenceServer: cannot bind UDP port " << m_port);
        m_socket->SetRecvCallback(MakeCallback(&SplitInferenceServer::HandleRead, this));
    }
}

void
SplitInferenceServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_isRunning = false;
    for (auto& [key, partial] : m_partials)
    {
        partial.timeout.Cancel();
    }
    m_partials.clear();
    for (auto& e : m_computeEvents)
    {
        e.Cancel();
    }
    CloseSocket(m_socket);
    HookAirtimeTraces(m_device,
                      MakeCallback(&SplitInferenceServer::MacTx, this),
                      MakeCallback(&SplitInferenceServer::PhyTx, this),
                      false);
}

void
SplitInferenceServer::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> p;
    Address from;
    while ((p = socket->RecvFrom(from)))
    {
        if (p->GetSize() < SplitInferenceHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        SplitInferenceHeader h;
        p->RemoveHeader(h);
        if (h.type != SplitInferenceHeader::ACTIVATION)
        {
            continue;
        }
        const uint64_t key = TaskKey(h.userId, h.taskId);
        if (m_taskIndex.count(key) != 0)
        {
            // a late copy of a piece of an activation already complete: neither run the task
            // again nor open a reassembly that would be dropped
            NS_LOG_LOGIC("user " << h.userId << " task " << h.taskId
                                 << ": piece of a received activation ignored");
            continue;
        }
        auto it = m_partials.find(key);
        if (it == m_partials.end())
        {
            Partial part;
            part.header = h;
            part.from = from;
            part.first = Simulator::Now();
            part.timeout = Simulator::Schedule(
                m_reassemblyTimeout, &SplitInferenceServer::DropPartial, this, key);
            it = m_partials.emplace(key, part).first;
        }
        Partial& part = it->second;
        if (part.pieces.count(h.offset) == 0)
        {
            part.pieces[h.offset] = p->GetSize();
            part.bytes += p->GetSize();
        }
        if (part.bytes < h.totalBytes)
        {
            continue;
        }
        part.timeout.Cancel();
        SplitInferenceServerTask t;
        t.userId = h.userId;
        t.taskId = h.taskId;
        t.splitPoint = h.splitPoint;
        t.firstPiece = part.first;
        t.received = Simulator::Now();
        const double f = GetUserFrequency(h.userId);
        t.computeEnergyJ =
            m_kappa * f * f * static_cast<double>(part.header.edgeFlops) / m_flopsPerCycle;
        m_tasks.push_back(t);
        m_replyTo.push_back(part.from);
        if (InetSocketAddress::IsMatchingType(part.from))
        {
            m_userByAddress[InetSocketAddress::ConvertFrom(part.from).GetIpv4().Get()] = h.userId;
        }
        m_resultBytes.push_back(part.header.resultBytes);
        m_edgeFlops.push_back(part.header.edgeFlops);
        m_taskIndex[key] = m_tasks.size() - 1;
        m_partials.erase(it);
        NS_LOG_INFO("user " << h.userId << " task " << h.taskId << ": activation complete");
        m_receivedTrace(h.userId, h.taskId);
        m_waiting[h.userId].push_back(m_tasks.size() - 1);
        TryCompute(h.userId);
    }
}

void
SplitInferenceServer::DropPartial(uint64_t key)
{
    NS_LOG_FUNCTION(this << key);
    auto it = m_partials.find(key);
    if (it == m_partials.end())
    {
        return;
    }
    ++m_dropped;
    const SplitInferenceHeader h = it->second.header;
    m_partials.erase(it);
    NS_LOG_INFO("user " << h.userId << " task " << h.taskId << ": activation incomplete, dropped");
    m_droppedTrace(h.userId, h.taskId);
}

void
SplitInferenceServer::TryCompute(uint32_t userId)
{
    NS_LOG_FUNCTION(this << userId);
    auto& queue = m_waiting[userId];
    if (m_busy[userId] || queue.empty())
    {
        return;
    }
    const uint32_t index = queue.front();
    queue.pop_front();
    m_busy[userId] = true;
    m_computeEvents.erase(std::remove_if(m_computeEvents.begin(),
                                         m_computeEvents.end(),
                                         [](const EventId& e) { return e.IsExpired(); }),
                          m_computeEvents.end());
    m_tasks[index].computeStart = Simulator::Now();
    const double cycles = static_cast<double>(m_edgeFlops[index]) / m_flopsPerCycle;
    m_computeEvents.push_back(Simulator::Schedule(
        Seconds(cycles / GetUserFrequency(userId)), &SplitInferenceServer::Computed, this, index));
}

void
SplitInferenceServer::Computed(uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    SplitInferenceServerTask& t = m_tasks[index];
    t.computed = Simulator::Now();
    m_computedTrace(t.userId, t.taskId);
    const uint64_t bytes = m_resultBytes[index];
    SplitInferenceHeader h;
    h.type = SplitInferenceHeader::RESULT;
    h.splitPoint = static_cast<uint16_t>(t.splitPoint);
    h.userId = t.userId;
    h.taskId = t.taskId;
    h.totalBytes = static_cast<uint32_t>(bytes);
    uint64_t offset = 0;
    do
    {
        const uint32_t piece =
            static_cast<uint32_t>(std::min<uint64_t>(m_maxPayloadBytes, bytes - offset));
        Ptr<Packet> p = Create<Packet>(piece);
        h.offset = static_cast<uint32_t>(offset);
        p->AddHeader(h);
        if (m_socket->SendTo(p, 0, m_replyTo[index]) < 0)
        {
            NS_LOG_WARN("user " << t.userId << " task " << t.taskId << ": send failed");
        }
        offset += piece;
    } while (offset < bytes);
    m_busy[t.userId] = false;
    TryCompute(t.userId);
}

void
SplitInferenceServer::MacTx(Ptr<const Packet> packet)
{
    SplitInferenceHeader h;
    if (ParseSdu(packet, h) && h.type == SplitInferenceHeader::RESULT)
    {
        auto it = m_taskIndex.find(TaskKey(h.userId, h.taskId));
        if (it != m_taskIndex.end())
        {
            m_ledgers[h.userId].Add(it->second, packet->GetSize());
            return;
        }
    }
    if (!IsIpv4Sdu(packet))
    {
        return;
    }
    // other IPv4 traffic to a known UE joins that UE's queue after the results booked
    // before it: book it to no task, so that it keeps its share of the TBs
    Ipv4Header ip;
    packet->PeekHeader(ip);
    auto user = m_userByAddress.find(ip.GetDestination().Get());
    if (user != m_userByAddress.end())
    {
        m_ledgers[user->second].AddUnattributed(packet->GetSize());
    }
}

void
SplitInferenceServer::PhyTx(Ptr<const SpectrumSignalParameters> params)
{
    Ptr<const NomaSignalParameters> noma = DynamicCast<const NomaSignalParameters>(params);
    if (!noma || !noma->isDownlink)
    {
        return;
    }
    const double duration = params->duration.GetSeconds();
    for (const auto& c : noma->components)
    {
        auto it = m_ledgers.find(c.ue);
        if (it == m_ledgers.end())
        {
            continue;
        }
        const auto charges =
            it->second.Consume(SegmentPayloadBytes(c), c.powerW * duration, duration);
        for (const auto& ch : charges)
        {
            SplitInferenceServerTask& t = m_tasks.at(ch.key);
            t.txEnergyJ += ch.energyJ;
            t.airtimeS += ch.airtimeS;
            if (ch.isLast)
            {
                t.isSent = true;
                t.resultSent = Simulator::Now();
                m_resultSentTrace(t.userId, t.taskId, Seconds(t.airtimeS), t.txEnergyJ);
                m_energyTrace(t.userId, t.taskId, t.computeEnergyJ, t.txEnergyJ);
            }
        }
    }
}

} // namespace edgeinference
} // namespace ns3
