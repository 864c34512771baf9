/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "offloading-client.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("OffloadingClient");

NS_OBJECT_ENSURE_REGISTERED(OffloadingClient);

namespace
{
/// Tolerance of the on-time check, s (Time resolution is 1 ns).
constexpr double ON_TIME_TOLERANCE_S = 1e-9;
} // namespace

TypeId
OffloadingClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::OffloadingClient")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<OffloadingClient>()
            .AddAttribute("RemoteAddress",
                          "IPv4 address of the BatchingEarlyExitServer.",
                          AddressValue(),
                          MakeAddressAccessor(&OffloadingClient::m_remote),
                          MakeAddressChecker())
            .AddAttribute("RemotePort",
                          "UDP port of the BatchingEarlyExitServer.",
                          UintegerValue(6000),
                          MakeUintegerAccessor(&OffloadingClient::m_remotePort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("FramePeriod",
                          "Time between frame starts (one task per frame).",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&OffloadingClient::m_framePeriod),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("NumFrames",
                          "Number of frames (tasks).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&OffloadingClient::m_numFrames),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Deadline",
                          "Latency requirement T_k: the result must arrive by frame start + "
                          "this.",
                          TimeValue(MilliSeconds(80)),
                          MakeTimeAccessor(&OffloadingClient::m_deadline),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("AccuracyRequirement",
                          "Accuracy requirement alpha_k in [0, 1]: the server uses the first "
                          "exit whose accuracy reaches it.",
                          DoubleValue(0.7),
                          MakeDoubleAccessor(&OffloadingClient::m_accuracyRequirement),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("InputBytes",
                          "Task input D_k, bytes of payload (25000 bytes = 0.2 Mbit).",
                          UintegerValue(25000),
                          MakeUintegerAccessor(&OffloadingClient::m_inputBytes),
                          MakeUintegerChecker<uint32_t>(0))
            .AddAttribute("DataPayloadBytes",
                          "Input bytes per DATA datagram (bytes; the datagram adds the "
                          "OffloadingHeader).",
                          UintegerValue(1200),
                          MakeUintegerAccessor(&OffloadingClient::m_payloadBytes),
                          MakeUintegerChecker<uint32_t>(1, 65000))
            .AddAttribute("ChannelReportHz",
                          "The client's own channel report s_k = p g / N_0 (Hz), used by the "
                          "server only when it has no eNB measurement for the IMSI; 0 = none.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&OffloadingClient::m_channelReportHz),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("Imsi",
                          "IMSI put in the requests; 0 = the IMSI of the node's LTE UE device, "
                          "else of its first device with an Imsi attribute (an NR UE), else 0.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&OffloadingClient::m_imsi),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("ModelIndex",
                          "Index of the model the task needs in the server's catalogue "
                          "(PartialLoadingServer: the family's models in order); the batching "
                          "server ignores it.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&OffloadingClient::m_modelIndex),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("ResultTimeout",
                          "A task without DECISION or RESULT this long after its deadline "
                          "fails.",
                          TimeValue(MilliSeconds(50)),
                          MakeTimeAccessor(&OffloadingClient::m_resultTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RequestJitter",
                          "Delay of the REQUEST after the frame start (s); the deadline stays "
                          "counted from the frame start.",
                          StringValue("ns3::ConstantRandomVariable[Constant=0]"),
                          MakePointerAccessor(&OffloadingClient::m_jitter),
                          MakePointerChecker<RandomVariableStream>())
            .AddTraceSource("RequestSent",
                            "A REQUEST was sent: frame, task id.",
                            MakeTraceSourceAccessor(&OffloadingClient::m_requestTrace),
                            "ns3::edgeinference::OffloadingClient::TaskEventTracedCallback")
            .AddTraceSource("DecisionReceived",
                            "A DECISION arrived: frame, task id, scheduled, w_k (Hz).",
                            MakeTraceSourceAccessor(&OffloadingClient::m_decisionTrace),
                            "ns3::edgeinference::OffloadingClient::DecisionTracedCallback")
            .AddTraceSource("UploadStarted",
                            "The input was handed to the socket: frame, task id.",
                            MakeTraceSourceAccessor(&OffloadingClient::m_uploadTrace),
                            "ns3::edgeinference::OffloadingClient::TaskEventTracedCallback")
            .AddTraceSource("ResultReceived",
                            "A RESULT arrived: frame, task id.",
                            MakeTraceSourceAccessor(&OffloadingClient::m_resultTrace),
                            "ns3::edgeinference::OffloadingClient::TaskEventTracedCallback")
            .AddTraceSource("TaskOnTime",
                            "A task's result arrived by its deadline.",
                            MakeTraceSourceAccessor(&OffloadingClient::m_onTimeTrace),
                            "ns3::edgeinference::OffloadingClient::TaskRecordTracedCallback")
            .AddTraceSource("TaskFailed",
                            "A task failed: late result, lost messages, incomplete input.",
                            MakeTraceSourceAccessor(&OffloadingClient::m_failedTrace),
                            "ns3::edgeinference::OffloadingClient::TaskRecordTracedCallback")
            .AddTraceSource("TaskNotScheduled",
                            "The server did not serve the task in its frame.",
                            MakeTraceSourceAccessor(&OffloadingClient::m_notScheduledTrace),
                            "ns3::edgeinference::OffloadingClient::TaskRecordTracedCallback");
    return tid;
}

OffloadingClient::OffloadingClient()
    : m_remotePort(6000)
    , m_numFrames(1)
    , m_accuracyRequirement(0.7)
    , m_inputBytes(25000)
    , m_payloadBytes(1200)
    , m_channelReportHz(0)
    , m_imsi(0)
    , m_modelIndex(0)
    , m_nextFrame(0)
{
    NS_LOG_FUNCTION(this);
}

OffloadingClient::~OffloadingClient()
{
    NS_LOG_FUNCTION(this);
}

void
OffloadingClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    m_jitter = nullptr;
    Application::DoDispose();
}

void
OffloadingClient::SetRemote(const Address& address, uint16_t port)
{
    NS_LOG_FUNCTION(this << address << port);
    if (InetSocketAddress::IsMatchingType(address))
    {
        const InetSocketAddress inet = InetSocketAddress::ConvertFrom(address);
        m_remote = inet.GetIpv4();
        m_remotePort = inet.GetPort();
    }
    else
    {
        m_remote = address;
        m_remotePort = port;
    }
}

const std::vector<OffloadingClient::TaskRecord>&
OffloadingClient::GetTaskRecords() const
{
    return m_records;
}

uint64_t
OffloadingClient::GetImsi() const
{
    if (m_imsi != 0 || !GetNode())
    {
        return m_imsi;
    }
    for (uint32_t i = 0; i < GetNode()->GetNDevices(); ++i)
    {
        Ptr<LteUeNetDevice> ue = DynamicCast<LteUeNetDevice>(GetNode()->GetDevice(i));
        if (ue)
        {
            return ue->GetImsi();
        }
    }
    // another cellular UE device with an Imsi attribute (5G-LENA's NrUeNetDevice)
    for (uint32_t i = 0; i < GetNode()->GetNDevices(); ++i)
    {
        Ptr<NetDevice> dev = GetNode()->GetDevice(i);
        TypeId::AttributeInformation info;
        if (dev->GetInstanceTypeId().LookupAttributeByName("Imsi", &info))
        {
            UintegerValue imsi;
            dev->GetAttribute("Imsi", imsi);
            return imsi.Get();
        }
    }
    return 0;
}

int64_t
OffloadingClient::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_jitter->SetStream(stream);
    return 1;
}

void
OffloadingClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!Ipv4Address::IsMatchingType(m_remote),
                    "OffloadingClient: attribute RemoteAddress is not an IPv4 address");
    m_imsi = GetImsi(); // resolve "0 = from the node" once, not for every datagram
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind() == -1, "OffloadingClient: cannot bind a UDP socket");
        m_socket->Connect(InetSocketAddress(Ipv4Address::ConvertFrom(m_remote), m_remotePort));
        m_socket->SetRecvCallback(MakeCallback(&OffloadingClient::HandleRead, this));
    }
    m_nextFrame = 0;
    StartFrame();
}

void
OffloadingClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    Simulator::Cancel(m_nextFrameEvent);
    std::vector<size_t> open;
    for (const auto& kv : m_open)
    {
        open.push_back(kv.second);
    }
    for (size_t index : open)
    {
        Finish(index, FAILED, "application stopped");
    }
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
OffloadingClient::StartFrame()
{
    NS_LOG_FUNCTION(this << m_nextFrame);
    TaskRecord r;
    r.frame = m_nextFrame;
    r.taskId = static_cast<uint32_t>(m_records.size());
    r.frameStartS = Simulator::Now().GetSeconds();
    r.deadlineS = (Simulator::Now() + m_deadline).GetSeconds();
    const size_t index = m_records.size();
    m_records.push_back(r);
    m_open[r.taskId] = index;
    const double jitter = std::max(0.0, m_jitter->GetValue());
    m_requestEvents[index] =
        Simulator::Schedule(Seconds(jitter), &OffloadingClient::SendRequest, this, index);
    m_timeouts[index] =
        Simulator::Schedule(m_deadline + m_resultTimeout, &OffloadingClient::Timeout, this, index);
    ++m_nextFrame;
    if (m_nextFrame < m_numFrames)
    {
        m_nextFrameEvent = Simulator::Schedule(m_framePeriod, &OffloadingClient::StartFrame, this);
    }
}

void
OffloadingClient::SendRequest(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_requestEvents.erase(index);
    TaskRecord& r = m_records[index];
    OffloadingHeader h;
    h.SetType(OffloadingHeader::REQUEST);
    h.SetFrame(r.frame);
    h.SetTaskId(r.taskId);
    h.SetImsi(GetImsi());
    h.SetAccuracyRequirement(m_accuracyRequirement);
    h.SetDeadlineS(m_deadline.GetSeconds());
    h.SetFrameStartS(r.frameStartS);
    h.SetUploadBytes(m_inputBytes);
    h.SetOffset(m_payloadBytes);
    h.SetSnrBandwidthHz(m_channelReportHz);
    h.SetModelIndex(m_modelIndex);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    r.requestS = Simulator::Now().GetSeconds();
    if (m_socket->Send(p) < 0)
    {
        Finish(index, FAILED, "cannot send the request");
        return;
    }
    m_requestTrace(r.frame, r.taskId);
}

void
OffloadingClient::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        if (packet->GetSize() < OffloadingHeader::SIZE)
        {
            continue;
        }
        OffloadingHeader h;
        packet->RemoveHeader(h);
        auto it = m_open.find(h.GetTaskId());
        if (it == m_open.end() || m_records[it->second].frame != h.GetFrame())
        {
            NS_LOG_INFO("OffloadingClient: message for finished or unknown task " << h.GetTaskId()
                                                                                  << " ignored");
            continue;
        }
        const size_t index = it->second;
        TaskRecord& r = m_records[index];
        const double now = Simulator::Now().GetSeconds();
        if (h.GetType() == OffloadingHeader::DECISION && r.decisionS < 0)
        {
            r.decisionS = now;
            r.isScheduled = h.GetStatus() == OffloadingHeader::SCHEDULED;
            r.reason = h.GetReason();
            r.exit = h.GetExit();
            r.bandwidthHz = h.GetBandwidthHz();
            m_decisionTrace(r.frame, r.taskId, r.isScheduled, r.bandwidthHz);
            if (!r.isScheduled)
            {
                std::ostringstream oss;
                oss << "not scheduled (reason code " << static_cast<uint32_t>(r.reason) << ")";
                Finish(index, NOT_SCHEDULED, oss.str());
                continue;
            }
            r.predictedUploadEndS = h.GetTimeS();
            r.predictedCompletionS = h.GetPredictedCompletionS();
            Upload(index);
        }
        else if (h.GetType() == OffloadingHeader::RESULT)
        {
            r.resultS = now;
            r.completionS = h.GetTimeS();
            m_resultTrace(r.frame, r.taskId);
            if (h.GetStatus() == OffloadingHeader::FAILED)
            {
                Finish(index, FAILED, "server: input incomplete at the upload cutoff");
            }
            else if (h.GetStatus() == OffloadingHeader::LATE)
            {
                Finish(index, LATE, "server: exit reached after the server-side deadline");
            }
            else if (now > r.deadlineS + ON_TIME_TOLERANCE_S)
            {
                std::ostringstream oss;
                oss << "result arrived at " << now << " s, after the deadline " << r.deadlineS
                    << " s";
                Finish(index, LATE, oss.str());
            }
            else
            {
                Finish(index, ON_TIME, "");
            }
        }
    }
}

void
OffloadingClient::Upload(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    TaskRecord& r = m_records[index];
    r.uploadStartS = Simulator::Now().GetSeconds();
    m_uploadTrace(r.frame, r.taskId);
    uint32_t offset = 0;
    while (offset < m_inputBytes)
    {
        const uint32_t chunk = std::min(m_payloadBytes, m_inputBytes - offset);
        OffloadingHeader h;
        h.SetType(OffloadingHeader::DATA);
        h.SetFrame(r.frame);
        h.SetTaskId(r.taskId);
        h.SetImsi(GetImsi());
        h.SetUploadBytes(m_inputBytes);
        h.SetOffset(offset);
        Ptr<Packet> p = Create<Packet>(chunk);
        p->AddHeader(h);
        if (m_socket->Send(p) < 0)
        {
            NS_LOG_WARN("OffloadingClient: task " << r.taskId << ": the socket refused DATA at "
                                                  << offset << " bytes");
            break; // the server's cutoff or our timeout ends the task
        }
        offset += chunk;
    }
    r.bytesSent = offset;
}

void
OffloadingClient::Timeout(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_timeouts.erase(index);
    const TaskRecord& r = m_records[index];
    Finish(index,
           FAILED,
           r.decisionS < 0 ? "no decision by the deadline + ResultTimeout"
                           : "no result by the deadline + ResultTimeout");
}

void
OffloadingClient::Finish(size_t index, Outcome outcome, const std::string& reason)
{
    NS_LOG_FUNCTION(this << index << outcome << reason);
    TaskRecord& r = m_records[index];
    if (r.outcome != PENDING)
    {
        return;
    }
    r.outcome = outcome;
    r.failureReason = reason;
    m_open.erase(r.taskId);
    auto t = m_timeouts.find(index);
    if (t != m_timeouts.end())
    {
        Simulator::Cancel(t->second);
        m_timeouts.erase(t);
    }
    auto q = m_requestEvents.find(index);
    if (q != m_requestEvents.end())
    {
        Simulator::Cancel(q->second);
        m_requestEvents.erase(q);
    }
    NS_LOG_INFO("frame " << r.frame << " task " << r.taskId << ": outcome " << outcome
                         << (reason.empty() ? "" : " (" + reason + ")"));
    switch (outcome)
    {
        case ON_TIME:
            m_onTimeTrace(r);
            break;
        case NOT_SCHEDULED:
            m_notScheduledTrace(r);
            break;
        default:
            m_failedTrace(r);
            break;
    }
}

} // namespace edgeinference
} // namespace ns3
