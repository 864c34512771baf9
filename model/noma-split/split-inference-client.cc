/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "split-inference-client.h"

#include "split-inference-util.h"

#include "ns3/abort.h"
#include "ns3/address-utils.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
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
#include <sstream>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("SplitInferenceApp");

NS_OBJECT_ENSURE_REGISTERED(SplitInferenceClient);

using splitinference::CloseSocket;
using splitinference::FindNomaDevice;
using splitinference::HookAirtimeTraces;
using splitinference::IsIpv4Sdu;
using splitinference::ParseSdu;
using splitinference::SegmentPayloadBytes;

Time
SplitInferenceClientTask::GetLatency() const
{
    return end - start;
}

double
SplitInferenceClientTask::GetDeviceEnergyJ() const
{
    return computeEnergyJ + txEnergyJ;
}

TypeId
SplitInferenceClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SplitInferenceClient")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<SplitInferenceClient>()
            .AddAttribute("RemoteAddress",
                          "Address of the SplitInferenceServer (an Ipv4Address, or an "
                          "InetSocketAddress whose port overrides RemotePort).",
                          AddressValue(),
                          MakeAddressAccessor(&SplitInferenceClient::m_peer),
                          MakeAddressChecker())
            .AddAttribute("RemotePort",
                          "UDP port of the server.",
                          UintegerValue(5000),
                          MakeUintegerAccessor(&SplitInferenceClient::m_peerPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("SplitPoint",
                          "l: layers 1..l run on the device, l+1..L at the edge (0 = full "
                          "offload, L = fully local); must be <= L of the profile.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SplitInferenceClient::m_split),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DeviceFrequency",
                          "f_d: device processor frequency, Hz (cycle/s, > 0).",
                          DoubleValue(1e9),
                          MakeDoubleAccessor(&SplitInferenceClient::m_frequencyHz),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("FlopsPerCycle",
                          "n_d: FLOP per cycle of the device (> 0).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SplitInferenceClient::m_flopsPerCycle),
                          MakeDoubleChecker<double>(1e-12))
            .AddAttribute("Kappa",
                          "kappa_d: device energy coefficient, J s^2/cycle^3 (>= 0); compute "
                          "energy = kappa_d f_d^2 x cycles.",
                          DoubleValue(1e-28),
                          MakeDoubleAccessor(&SplitInferenceClient::m_kappa),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("MaxPayloadBytes",
                          "Activation payload per datagram, bytes (the datagram adds a "
                          "SplitInferenceHeader; keep header + payload + 28 <= device MTU).",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&SplitInferenceClient::m_maxPayloadBytes),
                          MakeUintegerChecker<uint32_t>(1, 65000))
            .AddAttribute("NumTasks",
                          "Number of tasks (0 = until the application stops).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&SplitInferenceClient::m_numTasks),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Interval",
                          "Task period (> 0: periodic; 0: the next task starts when the "
                          "previous one ends).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&SplitInferenceClient::m_interval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("TaskTimeout",
                          "A task not finished this long after its start fails (> 0).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&SplitInferenceClient::m_timeout),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddTraceSource("TaskStarted",
                            "A task started: task id, split point.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_taskStartedTrace),
                            "ns3::edgeinference::SplitInferenceClient::TaskStartedTracedCallback")
            .AddTraceSource("LocalDone",
                            "Layers 1..l finished on the device: task id, local time.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_localDoneTrace),
                            "ns3::edgeinference::SplitInferenceClient::TaskTimeTracedCallback")
            .AddTraceSource("UploadSent",
                            "The last uplink TB with the task's activation left the PHY: task "
                            "id, bytes, airtime, transmit energy (J).",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_uploadSentTrace),
                            "ns3::edgeinference::SplitInferenceClient::UploadTracedCallback")
            .AddTraceSource("ResultReceived",
                            "The task ended with its result (or locally for l = L): task id, "
                            "latency.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_resultReceivedTrace),
                            "ns3::edgeinference::SplitInferenceClient::TaskTimeTracedCallback")
            .AddTraceSource("TaskFailed",
                            "The task timed out: task id, time since its start.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_taskFailedTrace),
                            "ns3::edgeinference::SplitInferenceClient::TaskTimeTracedCallback")
            .AddTraceSource("Energy",
                            "Device energy of an ended task: task id, compute J, transmit J.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_energyTrace),
                            "ns3::edgeinference::SplitInferenceClient::EnergyTracedCallback");
    return tid;
}

SplitInferenceClient::SplitInferenceClient()
{
    NS_LOG_FUNCTION(this);
}

SplitInferenceClient::~SplitInferenceClient()
{
    NS_LOG_FUNCTION(this);
}

void
SplitInferenceClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // disposed while running (no StopApplication): no event or callback may reach us later,
    // and no trace fires from the dispose (the running tasks are recorded as failed)
    m_isDisposing = true;
    if (m_isRunning)
    {
        StopApplication();
    }
    m_socket = nullptr;
    m_device = nullptr;
    Application::DoDispose();
}

void
SplitInferenceClient::SetProfile(const NomaSplitProfile& profile)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(
        profile.GetNLayers() == 0 || profile.outputBits.size() != profile.GetNLayers() + 1,
        "SplitInferenceClient::SetProfile: the profile needs L >= 1 layers and L + 1 "
        "outputs, got "
            << profile.GetNLayers() << " layers and " << profile.outputBits.size() << " outputs");
    m_profile = profile;
}

const NomaSplitProfile&
SplitInferenceClient::GetProfile() const
{
    return m_profile;
}

void
SplitInferenceClient::SetSplitPoint(uint32_t split)
{
    m_split = split;
}

uint32_t
SplitInferenceClient::GetSplitPoint() const
{
    return m_split;
}

const std::vector<SplitInferenceClientTask>&
SplitInferenceClient::GetTasks() const
{
    return m_tasks;
}

uint32_t
SplitInferenceClient::GetCompletedTasks() const
{
    return m_completed;
}

uint32_t
SplitInferenceClient::GetFailedTasks() const
{
    return m_failed;
}

std::string
SplitInferenceClient::Validate() const
{
    std::ostringstream oss;
    const uint32_t nLayers = m_profile.GetNLayers();
    if (nLayers == 0)
    {
        oss << "SplitInferenceClient: no DNN profile (call SetProfile)";
    }
    else if (m_split > nLayers)
    {
        oss << "SplitInferenceClient: SplitPoint = " << m_split << " exceeds L = " << nLayers;
    }
    else if (m_split < nLayers && m_peer.IsInvalid())
    {
        oss << "SplitInferenceClient: RemoteAddress is not set (SplitPoint = " << m_split
            << " < L = " << nLayers << " needs a server)";
    }
    else if (m_split < nLayers &&
             std::ceil(m_profile.outputBits[m_split] / 8.0) > static_cast<double>(UINT32_MAX))
    {
        oss << "SplitInferenceClient: activation o_" << m_split << " = "
            << m_profile.outputBits[m_split] << " bit exceeds 2^32 bytes";
    }
    else if (m_split < nLayers && m_split > UINT16_MAX)
    {
        oss << "SplitInferenceClient: SplitPoint = " << m_split
            << " exceeds 65535 (16-bit splitPoint of SplitInferenceHeader)";
    }
    else if (m_split < nLayers && std::ceil(std::max(0.0, m_profile.resultBits) / 8.0 - 1e-9) >
                                      static_cast<double>(UINT32_MAX))
    {
        oss << "SplitInferenceClient: resultBits = " << m_profile.resultBits
            << " bit exceeds 2^32 - 1 bytes (32-bit resultBytes of SplitInferenceHeader)";
    }
    else if (m_split < nLayers && !(m_profile.GetEdgeFlops(m_split) < 9223372036854775808.0))
    {
        oss << "SplitInferenceClient: edge FLOPs of layers " << m_split + 1 << ".." << nLayers
            << " = " << m_profile.GetEdgeFlops(m_split)
            << " exceed 2^63 (edgeFlops of SplitInferenceHeader)";
    }
    return oss.str();
}

void
SplitInferenceClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    const std::string error = Validate();
    NS_ABORT_MSG_IF(!error.empty(), error);
    m_device = FindNomaDevice(GetNode());
    NS_ABORT_MSG_IF(!m_device || m_device->IsBaseStation(),
                    "SplitInferenceClient: node " << GetNode()->GetId()
                                                  << " has no NomaNetDevice UE");
    m_userId = m_device->GetUeIndex();
    HookAirtimeTraces(m_device,
                      MakeCallback(&SplitInferenceClient::MacTx, this),
                      MakeCallback(&SplitInferenceClient::PhyTx, this),
                      true);
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind() != 0, "SplitInferenceClient: cannot bind a UDP socket");
        if (InetSocketAddress::IsMatchingType(m_peer))
        {
            m_socket->Connect(m_peer);
        }
        else if (Ipv4Address::IsMatchingType(m_peer))
        {
            m_socket->Connect(InetSocketAddress(Ipv4Address::ConvertFrom(m_peer), m_peerPort));
        }
        m_socket->SetRecvCallback(MakeCallback(&SplitInferenceClient::HandleRead, this));
    }
    m_isRunning = true;
    m_deviceFreeAt = Simulator::Now();
    StartTask();
}

void
SplitInferenceClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_isRunning = false;
    m_nextTask.Cancel();
    for (auto& e : m_localEvents)
    {
        e.Cancel();
    }
    for (auto& [id, ev] : m_timeouts)
    {
        ev.Cancel();
    }
    m_timeouts.clear();
    // no task stays pending: the running ones (computing, uploading, waiting for the result)
    // fail now
    for (uint32_t i = 0; i < m_tasks.size(); ++i)
    {
        if (!m_tasks[i].isDone)
        {
            Finish(i, false, m_isDisposing ? "application disposed" : "application stopped");
        }
    }
    CloseSocket(m_socket);
    HookAirtimeTraces(m_device,
                      MakeCallback(&SplitInferenceClient::MacTx, this),
                      MakeCallback(&SplitInferenceClient::PhyTx, this),
                      false);
}

void
SplitInferenceClient::StartTask()
{
    NS_LOG_FUNCTION(this);
    if (!m_isRunning || (m_numTasks > 0 && m_tasks.size() >= m_numTasks))
    {
        return;
    }
    // SplitPoint may have been changed since StartApplication()
    const std::string error = Validate();
    NS_ABORT_MSG_IF(!error.empty(), error);
    const uint32_t index = m_tasks.size();
    SplitInferenceClientTask t;
    t.taskId = index;
    t.splitPoint = m_split;
    t.start = Simulator::Now();
    const double flops = m_profile.GetLocalFlops(m_split);
    const double cycles = flops / m_flopsPerCycle;
    t.computeEnergyJ = m_kappa * m_frequencyHz * m_frequencyHz * cycles;
    m_tasks.push_back(t);
    NS_LOG_INFO("user " << m_userId << " task " << index << " starts, split " << m_split);
    m_taskStartedTrace(index, m_split);
    m_timeouts[index] = Simulator::Schedule(m_timeout, &SplitInferenceClient::Timeout, this, index);
    // the device runs one task at a time, in order
    m_localEvents.erase(std::remove_if(m_localEvents.begin(),
                                       m_localEvents.end(),
                                       [](const EventId& e) { return e.IsExpired(); }),
                        m_localEvents.end());
    const Time begin = std::max(Simulator::Now(), m_deviceFreeAt);
    m_deviceFreeAt = begin + Seconds(cycles / m_frequencyHz);
    m_localEvents.push_back(Simulator::Schedule(
        m_deviceFreeAt - Simulator::Now(), &SplitInferenceClient::LocalDone, this, index));
    if (m_interval.IsStrictlyPositive())
    {
        m_nextTask = Simulator::Schedule(m_interval, &SplitInferenceClient::StartTask, this);
    }
}

void
SplitInferenceClient::LocalDone(uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    SplitInferenceClientTask& t = m_tasks[index];
    if (t.isDone)
    {
        return;
    }
    t.localDone = Simulator::Now();
    m_localDoneTrace(t.taskId, t.localDone - t.start);
    // the task's own split: SplitPoint may have changed since the task started
    const uint32_t split = t.splitPoint;
    if (split == m_profile.GetNLayers())
    {
        Finish(index, true);
        return;
    }
    const uint64_t bytes =
        static_cast<uint64_t>(std::ceil(m_profile.outputBits[split] / 8.0 - 1e-9));
    t.uploadBytes = bytes;
    SplitInferenceHeader h;
    h.type = SplitInferenceHeader::ACTIVATION;
    h.splitPoint = static_cast<uint16_t>(split);
    h.userId = m_userId;
    h.taskId = t.taskId;
    h.totalBytes = static_cast<uint32_t>(bytes);
    h.resultBytes =
        static_cast<uint32_t>(std::ceil(std::max(0.0, m_profile.resultBits) / 8.0 - 1e-9));
    h.edgeFlops = static_cast<uint64_t>(std::llround(m_profile.GetEdgeFlops(split)));
    // an empty activation still sends one datagram (the header)
    uint64_t offset = 0;
    do
    {
        const uint32_t piece =
            static_cast<uint32_t>(std::min<uint64_t>(m_maxPayloadBytes, bytes - offset));
        Ptr<Packet> p = Create<Packet>(piece);
        h.offset = static_cast<uint32_t>(offset);
        p->AddHeader(h);
        if (m_socket->Send(p) < 0)
        {
            NS_LOG_WARN("user " << m_userId << " task " << t.taskId << ": send failed");
        }
        offset += piece;
    } while (offset < bytes);
}

void
SplitInferenceClient::MacTx(Ptr<const Packet> packet)
{
    SplitInferenceHeader h;
    if (ParseSdu(packet, h) && h.type == SplitInferenceHeader::ACTIVATION && h.userId == m_userId &&
        h.taskId < m_tasks.size() && !m_tasks[h.taskId].isDone)
    {
        m_ledger.Add(h.taskId, packet->GetSize());
    }
    else if (IsIpv4Sdu(packet))
    {
        // other IPv4 traffic joins the queue after ours: its bytes must keep their share,
        // or the TBs that carry them would drain (and charge) the tasks booked before them
        m_ledger.AddUnattributed(packet->GetSize());
    }
}

void
SplitInferenceClient::PhyTx(Ptr<const SpectrumSignalParameters> params)
{
    Ptr<const NomaSignalParameters> noma = DynamicCast<const NomaSignalParameters>(params);
    if (!noma || noma->isDownlink)
    {
        return;
    }
    const double duration = params->duration.GetSeconds();
    for (const auto& c : noma->components)
    {
        const auto charges =
            m_ledger.Consume(SegmentPayloadBytes(c), c.powerW * duration, duration);
        for (const auto& ch : charges)
        {
            SplitInferenceClientTask& t = m_tasks.at(ch.key);
            t.txEnergyJ += ch.energyJ;
            t.airtimeS += ch.airtimeS;
            if (ch.isLast)
            {
                t.uploadSent = Simulator::Now();
                m_uploadSentTrace(t.taskId, t.uploadBytes, Seconds(t.airtimeS), t.txEnergyJ);
            }
        }
    }
}

void
SplitInferenceClient::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> p;
    while ((p = socket->Recv()))
    {
        if (p->GetSize() < SplitInferenceHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        SplitInferenceHeader h;
        p->RemoveHeader(h);
        if (h.type != SplitInferenceHeader::RESULT || h.userId != m_userId ||
            h.taskId >= m_tasks.size() || m_tasks[h.taskId].isDone)
        {
            continue; // a late piece of a failed task, or not for us
        }
        // count distinct pieces: a duplicated piece must not complete the result
        ResultPieces& got = m_received[h.taskId];
        if (got.pieces.emplace(h.offset, p->GetSize()).second)
        {
            got.bytes += p->GetSize();
        }
        if (got.bytes >= h.totalBytes)
        {
            Finish(h.taskId, true);
        }
    }
}

void
SplitInferenceClient::Timeout(uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_timeouts.erase(index);
    if (!m_tasks[index].isDone)
    {
        NS_LOG_INFO("user " << m_userId << " task " << index << " timed out");
        std::ostringstream reason;
        reason << "timeout after " << m_timeout.As(Time::S) << " without the full result";
        Finish(index, false, reason.str());
    }
}

void
SplitInferenceClient::Finish(uint32_t index, bool success, const std::string& reason)
{
    NS_LOG_FUNCTION(this << index << success << reason);
    SplitInferenceClientTask& t = m_tasks[index];
    t.isDone = true;
    t.isSuccess = success;
    t.failureReason = success ? std::string() : reason;
    t.end = Simulator::Now();
    m_received.erase(index);
    auto it = m_timeouts.find(index);
    if (it != m_timeouts.end())
    {
        it->second.Cancel();
        m_timeouts.erase(it);
    }
    if (success)
    {
        ++m_completed;
    }
    else
    {
        ++m_failed;
        m_ledger.Forget(index); // bytes still queued are no longer this task's
    }
    if (!m_isDisposing)
    {
        if (success)
        {
            m_resultReceivedTrace(t.taskId, t.GetLatency());
        }
        else
        {
            m_taskFailedTrace(t.taskId, t.GetLatency());
        }
        m_energyTrace(t.taskId, t.computeEnergyJ, t.txEnergyJ);
    }
    if (!m_interval.IsStrictlyPositive() && m_isRunning)
    {
        // closed loop: the next task starts now (scheduled, so that traces see a clean state)
        m_nextTask = Simulator::ScheduleNow(&SplitInferenceClient::StartTask, this);
    }
}

} // namespace edgeinference
} // namespace ns3
