/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collaborative-task-source.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <sstream>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("CollaborativeTaskSource");

NS_OBJECT_ENSURE_REGISTERED(CollaborativeTaskSource);

TypeId
CollaborativeTaskSource::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CollaborativeTaskSource")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<CollaborativeTaskSource>()
            .AddAttribute("ArrivalRate",
                          "Poisson arrival rate of the tasks, task/s",
                          DoubleValue(10.0),
                          MakeDoubleAccessor(&CollaborativeTaskSource::SetArrivalRate,
                                             &CollaborativeTaskSource::GetArrivalRate),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("InputBytes",
                          "Bytes of a task input",
                          UintegerValue(2048),
                          MakeUintegerAccessor(&CollaborativeTaskSource::m_inputBytes),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("EntryAddress",
                          "IPv4 address of the first-stage node that receives the tasks",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&CollaborativeTaskSource::m_entry),
                          MakeIpv4AddressChecker())
            .AddAttribute("EntryPort",
                          "Data port of the first-stage node",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&CollaborativeTaskSource::m_entryPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("LocalPort",
                          "UDP port where the results arrive",
                          UintegerValue(9100),
                          MakeUintegerAccessor(&CollaborativeTaskSource::m_localPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("SegmentPayloadBytes",
                          "Payload bytes per packet",
                          UintegerValue(1344),
                          MakeUintegerAccessor(&CollaborativeTaskSource::m_segmentPayload),
                          MakeUintegerChecker<uint32_t>(1, 65000))
            .AddAttribute("SourceId",
                          "Identifier of the source (the high 32 bits of its task ids)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&CollaborativeTaskSource::m_sourceId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxTasks",
                          "Number of tasks to send (0: until the application stops)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&CollaborativeTaskSource::m_maxTasks),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("ReassemblyTimeout",
                          "Incomplete segmented results are forgotten after this time",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&CollaborativeTaskSource::m_reassemblyTimeout),
                          MakeTimeChecker())
            .AddAttribute("TaskTimeout",
                          "A task whose result has not arrived this long after it was sent "
                          "has failed (TaskLost, reason \"no result within ...\"); its result, "
                          "if it comes later, is counted by GetLate() and ignored. Tasks still "
                          "outstanding when the application stops fail with reason "
                          "\"application stopped\". 0 = no timeout.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&CollaborativeTaskSource::m_taskTimeout),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource("TaskSent",
                            "A task input was sent",
                            MakeTraceSourceAccessor(&CollaborativeTaskSource::m_sentTrace),
                            "ns3::edgeinference::CollaborativeTaskSource::TaskSentTracedCallback")
            .AddTraceSource("ResultReceived",
                            "A result arrived (task, created, delay, node-network latency, exit "
                            "stage, correct)",
                            MakeTraceSourceAccessor(&CollaborativeTaskSource::m_resultTrace),
                            "ns3::edgeinference::CollaborativeTaskSource::"
                            "ResultReceivedTracedCallback")
            .AddTraceSource("TaskLost",
                            "A task failed: no result within TaskTimeout, or outstanding at the "
                            "stop (task, reason)",
                            MakeTraceSourceAccessor(&CollaborativeTaskSource::m_lostTrace),
                            "ns3::edgeinference::CollaborativeTaskSource::TaskLostTracedCallback");
    return tid;
}

CollaborativeTaskSource::CollaborativeTaskSource()
{
    NS_LOG_FUNCTION(this);
    m_gap = CreateObject<ExponentialRandomVariable>();
}

CollaborativeTaskSource::~CollaborativeTaskSource() = default;

void
CollaborativeTaskSource::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // Disposed without StopApplication(): no event or socket callback may reach this object,
    // and no trace fires from the dispose (outstanding tasks are counted as lost).
    m_isDisposing = true;
    StopApplication();
    m_socket = nullptr;
    m_gap = nullptr;
    Application::DoDispose();
}

void
CollaborativeTaskSource::SetArrivalRate(double rate)
{
    NS_LOG_FUNCTION(this << rate);
    NS_ABORT_MSG_IF(!(rate > 0.0) || !std::isfinite(rate),
                    "CollaborativeTaskSource: ArrivalRate = " << rate
                                                              << ": must be finite and > 0");
    m_rate = rate;
}

double
CollaborativeTaskSource::GetArrivalRate() const
{
    return m_rate;
}

uint64_t
CollaborativeTaskSource::GetSent() const
{
    return m_sent;
}

uint64_t
CollaborativeTaskSource::GetReceived() const
{
    return m_received;
}

uint64_t
CollaborativeTaskSource::GetLost() const
{
    return m_lost;
}

uint64_t
CollaborativeTaskSource::GetLate() const
{
    return m_late;
}

uint64_t
CollaborativeTaskSource::GetOutstanding() const
{
    return m_outstanding.size();
}

void
CollaborativeTaskSource::TimeOut(uint64_t taskId)
{
    std::ostringstream reason;
    reason << "no result within TaskTimeout " << m_taskTimeout.As(Time::S);
    Lose(taskId, reason.str());
}

void
CollaborativeTaskSource::Lose(uint64_t taskId, const std::string& reason)
{
    NS_LOG_FUNCTION(this << taskId << reason);
    auto it = m_outstanding.find(taskId);
    if (it == m_outstanding.end())
    {
        return;
    }
    it->second.Cancel();
    m_outstanding.erase(it);
    ++m_lost;
    NS_LOG_INFO("task " << taskId << " failed: " << reason);
    if (!m_isDisposing)
    {
        m_lostTrace(taskId, reason);
    }
}

int64_t
CollaborativeTaskSource::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_gap->SetStream(stream);
    return 1;
}

void
CollaborativeTaskSource::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_entry == Ipv4Address(),
                    "CollaborativeTaskSource " << m_sourceId
                                               << ": EntryAddress is not set (0.0.0.0)");
    NS_ABORT_MSG_IF(SegmentCount(m_inputBytes, m_segmentPayload) > 65535,
                    "CollaborativeTaskSource "
                        << m_sourceId << ": InputBytes = " << m_inputBytes << " needs "
                        << SegmentCount(m_inputBytes, m_segmentPayload)
                        << " packets of SegmentPayloadBytes = " << m_segmentPayload
                        << " (at most 65535)");
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_localPort)) != 0,
                    "CollaborativeTaskSource " << m_sourceId << ": cannot bind LocalPort "
                                               << m_localPort);
    m_socket->SetRecvCallback(MakeCallback(&CollaborativeTaskSource::HandleRead, this));
    // The address the results come back to: the one the node uses toward the entry node.
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    Ipv4Header probe;
    probe.SetDestination(m_entry);
    Socket::SocketErrno err;
    Ptr<Ipv4Route> route = ipv4->GetRoutingProtocol()->RouteOutput(nullptr, probe, nullptr, err);
    NS_ABORT_MSG_IF(!route,
                    "CollaborativeTaskSource " << m_sourceId << ": no route to EntryAddress "
                                               << m_entry);
    m_localAddress = route->GetSource();
    m_sendEvent = Simulator::Schedule(
        Seconds(m_gap->GetValue(1.0 / m_rate, 0.0)), &CollaborativeTaskSource::SendTask, this);
}

void
CollaborativeTaskSource::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_sendEvent.Cancel();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
    }
    while (!m_outstanding.empty())
    {
        Lose(m_outstanding.begin()->first, "application stopped");
    }
}

void
CollaborativeTaskSource::SendTask()
{
    NS_LOG_FUNCTION(this);
    const uint64_t id = (static_cast<uint64_t>(m_sourceId) << 32) | (m_sent & 0xffffffffULL);
    CollaborativeInferenceHeader h;
    h.SetType(CollaborativeInferenceHeader::TASK_INPUT);
    h.SetTaskId(id);
    h.SetOriginAddress(m_localAddress);
    h.SetOriginPort(m_localPort);
    h.SetStage(0);
    h.SetCreated(Simulator::Now());
    SendSegmented(m_socket, h, m_inputBytes, m_segmentPayload, m_entry, m_entryPort);
    ++m_sent;
    m_outstanding[id] =
        m_taskTimeout.IsStrictlyPositive()
            ? Simulator::Schedule(m_taskTimeout, &CollaborativeTaskSource::TimeOut, this, id)
            : EventId();
    m_sentTrace(id);
    if (m_maxTasks == 0 || m_sent < m_maxTasks)
    {
        m_sendEvent = Simulator::Schedule(
            Seconds(m_gap->GetValue(1.0 / m_rate, 0.0)), &CollaborativeTaskSource::SendTask, this);
    }
}

void
CollaborativeTaskSource::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> packet;
    Address from;
    while ((packet = socket->RecvFrom(from)))
    {
        if (packet->GetSize() < CollaborativeInferenceHeader::SIZE)
        {
            continue;
        }
        CollaborativeInferenceHeader h;
        packet->RemoveHeader(h);
        if (h.GetType() != CollaborativeInferenceHeader::RESULT)
        {
            continue;
        }
        m_reassembler.Purge(Simulator::Now(), m_reassemblyTimeout);
        if (!m_reassembler.Add(h, Simulator::Now()))
        {
            continue;
        }
        auto it = m_outstanding.find(h.GetTaskId());
        if (it == m_outstanding.end())
        {
            NS_LOG_INFO("result of task " << h.GetTaskId() << " after it failed: ignored");
            ++m_late;
            continue;
        }
        it->second.Cancel();
        m_outstanding.erase(it);
        ++m_received;
        const Time delay = Simulator::Now() - h.GetCreated();
        m_resultTrace(h.GetTaskId(),
                      h.GetCreated(),
                      delay,
                      h.GetExited() - h.GetEntered(),
                      h.GetStage(),
                      h.IsCorrect());
    }
}

} // namespace edgeinference
} // namespace ns3
