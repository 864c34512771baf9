/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "offloading-server-base.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
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

NS_LOG_COMPONENT_DEFINE("OffloadingServerBase");

NS_OBJECT_ENSURE_REGISTERED(OffloadingServerBase);

namespace
{

/// IPv4 (20) and UDP (8) header bytes of every datagram.
constexpr uint32_t IP_UDP_HEADER_BYTES = 28;

/// Tolerance of the on-time check, s (Time resolution is 1 ns).
constexpr double ON_TIME_TOLERANCE_S = 1e-9;

} // namespace

TypeId
OffloadingServerBase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::OffloadingServerBase")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddAttribute("Port",
                          "UDP port the server listens on.",
                          UintegerValue(6000),
                          MakeUintegerAccessor(&OffloadingServerBase::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("CollectionWindow",
                          "Time from the first REQUEST of a frame to its allocation.",
                          TimeValue(MilliSeconds(5)),
                          MakeTimeAccessor(&OffloadingServerBase::m_collectionWindow),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("UploadStartDelay",
                          "Expected time from the allocation to the start of the uploads "
                          "(DECISION delivery and uplink grant); origin of the allocator's time.",
                          TimeValue(MilliSeconds(15)),
                          MakeTimeAccessor(&OffloadingServerBase::m_uploadStartDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ResultDelay",
                          "Time reserved for a RESULT to reach the client: the server-side "
                          "deadline is the client's deadline minus this.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&OffloadingServerBase::m_resultDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("CutoffSlack",
                          "Extra wait for missing inputs after the latest admissible upload end "
                          "of the allocation.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&OffloadingServerBase::m_cutoffSlack),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DeferUnservedDecisions",
                          "Send the DECISIONs of the users not served at the upload origin "
                          "t0 + UploadStartDelay (after the served users' ones), so that they do "
                          "not delay the served users' decisions on the downlink.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&OffloadingServerBase::m_deferUnserved),
                          MakeBooleanChecker())
            .AddTraceSource("RequestReceived",
                            "A REQUEST arrived: frame, task id, IMSI.",
                            MakeTraceSourceAccessor(&OffloadingServerBase::m_requestTrace),
                            "ns3::edgeinference::OffloadingServerBase::TaskTracedCallback")
            .AddTraceSource("FrameAllocated",
                            "A frame was allocated: frame, requests, served, predicted "
                            "throughput (tasks/s).",
                            MakeTraceSourceAccessor(&OffloadingServerBase::m_allocationTrace),
                            "ns3::edgeinference::OffloadingServerBase::AllocationTracedCallback")
            .AddTraceSource("InputReceived",
                            "The last byte of a scheduled task's input arrived.",
                            MakeTraceSourceAccessor(&OffloadingServerBase::m_inputTrace),
                            "ns3::edgeinference::OffloadingServerBase::TaskTracedCallback")
            .AddTraceSource("TaskExited",
                            "A task finished at the server (outcome ON_TIME or LATE).",
                            MakeTraceSourceAccessor(&OffloadingServerBase::m_exitTrace),
                            "ns3::edgeinference::OffloadingServerBase::TaskRecordTracedCallback")
            .AddTraceSource("TaskFailed",
                            "A scheduled task failed (input incomplete at the upload cutoff, "
                            "or not processed).",
                            MakeTraceSourceAccessor(&OffloadingServerBase::m_failedTrace),
                            "ns3::edgeinference::OffloadingServerBase::TaskRecordTracedCallback");
    return tid;
}

OffloadingServerBase::OffloadingServerBase()
    : m_port(6000)
    , m_deferUnserved(true)
    , m_unexpectedBytes(0)
{
    NS_LOG_FUNCTION(this);
}

OffloadingServerBase::~OffloadingServerBase()
{
    NS_LOG_FUNCTION(this);
}

void
OffloadingServerBase::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    m_uplinkCallback = UplinkBandwidthCallback();
    m_uplinkRateModelFactory = nullptr;
    Application::DoDispose();
}

void
OffloadingServerBase::ReportUplinkChannel(uint64_t imsi, double snrBandwidthHz)
{
    NS_LOG_FUNCTION(this << imsi << snrBandwidthHz);
    NS_ABORT_MSG_IF(!(snrBandwidthHz >= 0) || !std::isfinite(snrBandwidthHz),
                    GetInstanceTypeId().GetName()
                        << "::ReportUplinkChannel: IMSI " << imsi << " snrBandwidthHz is "
                        << snrBandwidthHz << " (must be finite and >= 0)");
    m_channel[imsi] = snrBandwidthHz;
}

double
OffloadingServerBase::GetUplinkChannel(uint64_t imsi) const
{
    auto it = m_channel.find(imsi);
    return it == m_channel.end() ? -1.0 : it->second;
}

void
OffloadingServerBase::SetUplinkBandwidthCallback(UplinkBandwidthCallback cb)
{
    m_uplinkCallback = cb;
}

void
OffloadingServerBase::SetUplinkRateModelFactory(UplinkRateModelFactory factory)
{
    m_uplinkRateModelFactory = std::move(factory);
}

std::shared_ptr<const RateModel>
OffloadingServerBase::MakeUplinkRateModel(const std::vector<double>& sinrLinear,
                                          const std::string& who) const
{
    NS_ABORT_MSG_IF(!m_uplinkRateModelFactory,
                    who << " needs the cell's uplink rate model: connect the server to the NR "
                           "gNB with EdgeNrTopologyHelper::ConnectUplinkShares() or "
                           "ConnectUplinkRateModel() (module built with NR)");
    return m_uplinkRateModelFactory(sinrLinear);
}

void
OffloadingServerBase::ApplyUplinkBandwidth()
{
    NS_LOG_FUNCTION(this);
    std::map<uint64_t, double> merged;
    for (const auto& [frame, bandwidthByImsi] : m_frameUplinkBandwidth)
    {
        for (const auto& [imsi, hz] : bandwidthByImsi)
        {
            merged[imsi] += hz;
        }
    }
    if (!m_uplinkCallback.IsNull())
    {
        m_uplinkCallback(merged);
    }
}

const std::vector<OffloadingServerBase::TaskRecord>&
OffloadingServerBase::GetTaskRecords() const
{
    return m_tasks;
}

const std::map<uint32_t, OffloadingServerBase::FrameRecord>&
OffloadingServerBase::GetFrameRecords() const
{
    return m_frames;
}

uint64_t
OffloadingServerBase::GetUnexpectedDataBytes() const
{
    return m_unexpectedBytes;
}

bool
OffloadingServerBase::CheckRequest(const TaskRecord& t, std::string& why) const
{
    return true;
}

void
OffloadingServerBase::DoStop()
{
}

OffloadingServerBase::TaskRecord&
OffloadingServerBase::Task(size_t index)
{
    return m_tasks.at(index);
}

OffloadingServerBase::FrameRecord&
OffloadingServerBase::Frame(uint32_t frame)
{
    return m_frames[frame];
}

double
OffloadingServerBase::ServerDeadlineS(const TaskRecord& t) const
{
    return t.frameStartS + t.deadlineS - m_resultDelay.GetSeconds();
}

Time
OffloadingServerBase::GetUploadStartDelay() const
{
    return m_uploadStartDelay;
}

Time
OffloadingServerBase::GetCutoffSlack() const
{
    return m_cutoffSlack;
}

void
OffloadingServerBase::StartApplication()
{
    NS_LOG_FUNCTION(this);
    CheckConfiguration();
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) == -1)
        {
            NS_FATAL_ERROR(GetInstanceTypeId().GetName() << ": cannot bind UDP port " << m_port);
        }
        m_socket->SetRecvCallback(MakeCallback(&OffloadingServerBase::HandleRead, this));
    }
}

void
OffloadingServerBase::StopApplication()
{
    NS_LOG_FUNCTION(this);
    for (auto& kv : m_allocateEvents)
    {
        Simulator::Cancel(kv.second);
    }
    for (auto& kv : m_cutoffEvents)
    {
        Simulator::Cancel(kv.second);
    }
    for (auto& kv : m_decisionEvents)
    {
        Simulator::Cancel(kv.second);
    }
    m_allocateEvents.clear();
    m_cutoffEvents.clear();
    m_decisionEvents.clear();
    DoStop();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
OffloadingServerBase::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        if (packet->GetSize() < OffloadingHeader::SIZE)
        {
            NS_LOG_WARN("dropping a " << packet->GetSize() << "-byte datagram (too short)");
            continue;
        }
        OffloadingHeader h;
        packet->RemoveHeader(h);
        switch (h.GetType())
        {
            case OffloadingHeader::REQUEST:
                HandleRequest(h, from);
                break;
            case OffloadingHeader::DATA:
                HandleData(h, packet->GetSize(), from);
                break;
            default:
                NS_LOG_WARN("dropping a datagram of type " << static_cast<uint32_t>(h.GetType()));
                break;
        }
    }
}

void
OffloadingServerBase::HandleRequest(const OffloadingHeader& h, const Address& from)
{
    NS_LOG_FUNCTION(this << h.GetFrame() << h.GetTaskId() << from);
    const auto key = std::make_tuple(h.GetFrame(), h.GetTaskId(), from);
    if (m_taskIndex.count(key) > 0)
    {
        NS_LOG_WARN("duplicate REQUEST frame " << h.GetFrame() << " task " << h.GetTaskId());
        return;
    }
    TaskRecord t;
    t.frame = h.GetFrame();
    t.taskId = h.GetTaskId();
    t.from = from;
    t.imsi = h.GetImsi();
    t.modelIndex = h.GetModelIndex();
    t.accuracyRequirement = h.GetAccuracyRequirement();
    t.frameStartS = h.GetFrameStartS();
    t.deadlineS = h.GetDeadlineS();
    t.uploadBytes = h.GetUploadBytes();
    t.dataPayloadBytes = h.GetOffset();
    t.snrBandwidthHz = h.GetSnrBandwidthHz();
    const size_t index = m_tasks.size();
    m_tasks.push_back(t);
    m_taskIndex[key] = index;
    m_requestTrace(t.frame, t.taskId, t.imsi);

    FrameRecord& fr = m_frames[t.frame];
    fr.frame = t.frame;
    if (fr.isAllocated)
    {
        TaskRecord& late = m_tasks[index];
        late.outcome = NOT_SCHEDULED;
        late.reason = OffloadingHeader::REASON_REQUEST_LATE;
        late.failureReason = "request arrived after the frame's allocation";
        NS_LOG_INFO("frame " << t.frame << " task " << t.taskId << ": " << late.failureReason);
        SendDecision(late);
        return;
    }
    fr.tasks.push_back(index);
    if (m_allocateEvents.count(t.frame) == 0)
    {
        m_allocateEvents[t.frame] =
            Simulator::Schedule(m_collectionWindow, &OffloadingServerBase::Allocate, this, t.frame);
    }
}

void
OffloadingServerBase::HandleData(const OffloadingHeader& h,
                                 uint32_t payloadBytes,
                                 const Address& from)
{
    NS_LOG_FUNCTION(this << h.GetFrame() << h.GetTaskId() << payloadBytes);
    auto it = m_taskIndex.find(std::make_tuple(h.GetFrame(), h.GetTaskId(), from));
    if (it == m_taskIndex.end())
    {
        m_unexpectedBytes += payloadBytes;
        return;
    }
    TaskRecord& t = m_tasks[it->second];
    const FrameRecord& fr = m_frames[t.frame];
    if (!t.isScheduled || fr.isUploadClosed || t.receivedBytes >= t.uploadBytes)
    {
        m_unexpectedBytes += payloadBytes;
        return;
    }
    t.receivedBytes = std::min(t.uploadBytes, t.receivedBytes + payloadBytes);
    if (t.receivedBytes < t.uploadBytes)
    {
        return;
    }
    t.uploadEndS = Simulator::Now().GetSeconds();
    NS_LOG_INFO("frame " << t.frame << " task " << t.taskId << ": input complete at "
                         << t.uploadEndS << " s (predicted " << t.predictedUploadEndS << " s)");
    m_inputTrace(t.frame, t.taskId, t.imsi);
    InputComplete(it->second);
}

bool
OffloadingServerBase::AllInputsIn(const FrameRecord& fr) const
{
    for (size_t i : fr.gpuOrder)
    {
        if (m_tasks[i].receivedBytes < m_tasks[i].uploadBytes)
        {
            return false;
        }
    }
    return true;
}

void
OffloadingServerBase::Allocate(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    m_allocateEvents.erase(frame);
    FrameRecord& fr = m_frames[frame];
    fr.isAllocated = true;
    const Time t0 = Simulator::Now();
    const double originS = (t0 + m_uploadStartDelay).GetSeconds();
    fr.allocationS = t0.GetSeconds();

    std::vector<FrameRequest> requests;
    for (size_t index : fr.tasks)
    {
        TaskRecord& t = m_tasks[index];
        t.allocationS = fr.allocationS;
        std::string why = "invalid request field";
        const bool valid = std::isfinite(t.accuracyRequirement) && t.accuracyRequirement >= 0 &&
                           std::isfinite(t.deadlineS) && std::isfinite(t.frameStartS) &&
                           std::isfinite(t.snrBandwidthHz) && t.snrBandwidthHz >= 0 &&
                           (t.uploadBytes == 0 || t.dataPayloadBytes > 0) && CheckRequest(t, why);
        if (!valid)
        {
            t.outcome = NOT_SCHEDULED;
            t.reason = REASON_INVALID_REQUEST;
            t.failureReason = why;
            continue;
        }
        FrameRequest r;
        r.task = index;
        r.deadlineS = ServerDeadlineS(t) - originS;
        const uint32_t nPackets =
            t.uploadBytes == 0 ? 0 : (t.uploadBytes + t.dataPayloadBytes - 1) / t.dataPayloadBytes;
        t.uploadBits =
            8.0 * (static_cast<double>(t.uploadBytes) +
                   nPackets * static_cast<double>(OffloadingHeader::SIZE + IP_UDP_HEADER_BYTES));
        r.uploadBits = t.uploadBits;
        const double enb = t.imsi == 0 ? -1.0 : GetUplinkChannel(t.imsi);
        if (enb >= 0)
        {
            t.snrBandwidthHz = enb;
            t.isChannelFromEnb = true;
        }
        r.snrBandwidthHz = t.snrBandwidthHz;
        requests.push_back(r);
    }
    fr.nRequests = static_cast<uint32_t>(fr.tasks.size());

    const FrameDecision decision = DecideFrame(frame, requests);
    // every per-request vector of a subclass's decision must have one entry per request
    const std::pair<const char*, size_t> sizes[] = {{"isServed", decision.isServed.size()},
                                                    {"reason", decision.reason.size()},
                                                    {"reasonText", decision.reasonText.size()},
                                                    {"exit", decision.exit.size()},
                                                    {"bandwidthHz", decision.bandwidthHz.size()},
                                                    {"uploadEndS", decision.uploadEndS.size()},
                                                    {"completionS", decision.completionS.size()}};
    for (const auto& [name, size] : sizes)
    {
        NS_ABORT_MSG_IF(size != requests.size(),
                        GetInstanceTypeId().GetName()
                            << ": decision of frame " << frame << ": FrameDecision::" << name
                            << " has " << size << " entries for " << requests.size()
                            << " requests");
    }

    std::map<uint64_t, double> bandwidthByImsi;
    for (size_t k = 0; k < requests.size(); ++k)
    {
        TaskRecord& t = m_tasks[requests[k].task];
        t.isScheduled = decision.isServed[k];
        t.reason = decision.reason[k];
        t.exit = decision.exit[k];
        if (t.isScheduled)
        {
            t.bandwidthHz = decision.bandwidthHz[k];
            t.predictedUploadEndS = originS + decision.uploadEndS[k];
            t.predictedCompletionS = originS + decision.completionS[k];
            if (t.imsi != 0)
            {
                bandwidthByImsi[t.imsi] = t.bandwidthHz;
            }
        }
        else
        {
            t.outcome = NOT_SCHEDULED;
            t.failureReason = decision.reasonText[k];
        }
    }
    for (uint32_t k : decision.order)
    {
        fr.gpuOrder.push_back(requests.at(k).task);
    }
    fr.nScheduled = static_cast<uint32_t>(decision.order.size());
    fr.predictedThroughputPerS = decision.throughputPerS;
    fr.frameLengthS = decision.frameLengthS;
    fr.predictedBatchStartS = originS + decision.startS;
    NS_LOG_INFO("frame " << frame << " allocated at " << fr.allocationS << " s: " << fr.nScheduled
                         << "/" << fr.nRequests << " served, latest upload end "
                         << decision.latestUploadEndS << " s after the origin");
    for (size_t index : fr.tasks)
    {
        if (m_tasks[index].isScheduled || !m_deferUnserved)
        {
            SendDecision(m_tasks[index]);
        }
    }
    if (m_deferUnserved)
    {
        const Time origin = Seconds(originS);
        for (size_t index : fr.tasks)
        {
            if (!m_tasks[index].isScheduled)
            {
                m_decisionEvents[index] =
                    Simulator::Schedule(std::max(origin - Simulator::Now(), Seconds(0)),
                                        &OffloadingServerBase::SendDeferredDecision,
                                        this,
                                        index);
            }
        }
    }
    m_allocationTrace(frame, fr.nRequests, fr.nScheduled, fr.predictedThroughputPerS);
    if (fr.nScheduled == 0)
    {
        fr.isUploadClosed = true;
        return;
    }
    if (!bandwidthByImsi.empty())
    {
        m_frameUplinkBandwidth[frame] = bandwidthByImsi;
        ApplyUplinkBandwidth();
    }
    const Time cutoff = Seconds(originS + decision.latestUploadEndS) + m_cutoffSlack;
    m_cutoffEvents[frame] = Simulator::Schedule(std::max(cutoff - Simulator::Now(), Seconds(0)),
                                                &OffloadingServerBase::Cutoff,
                                                this,
                                                frame);
    FrameDecided(frame);
}

void
OffloadingServerBase::Cutoff(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    m_cutoffEvents.erase(frame);
    if (!m_frames[frame].isUploadClosed)
    {
        UploadCutoff(frame);
    }
}

std::vector<size_t>
OffloadingServerBase::CloseUploads(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    FrameRecord& fr = m_frames[frame];
    std::vector<size_t> members;
    if (fr.isUploadClosed)
    {
        return members;
    }
    fr.isUploadClosed = true;
    auto cut = m_cutoffEvents.find(frame);
    if (cut != m_cutoffEvents.end())
    {
        Simulator::Cancel(cut->second);
        m_cutoffEvents.erase(cut);
    }
    if (m_frameUplinkBandwidth.erase(frame) > 0)
    {
        ApplyUplinkBandwidth();
    }
    for (size_t i : fr.gpuOrder)
    {
        TaskRecord& t = m_tasks[i];
        if (t.receivedBytes < t.uploadBytes)
        {
            std::ostringstream oss;
            oss << "input incomplete at the upload cutoff (" << t.receivedBytes << " of "
                << t.uploadBytes << " bytes)";
            FailTask(i, oss.str());
            continue;
        }
        members.push_back(i);
    }
    return members;
}

void
OffloadingServerBase::CompleteTask(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    TaskRecord& t = m_tasks.at(index);
    FrameRecord& fr = m_frames[t.frame];
    t.completionS = Simulator::Now().GetSeconds();
    const double serverDeadlineS = ServerDeadlineS(t);
    const bool onTime = t.completionS <= serverDeadlineS + ON_TIME_TOLERANCE_S;
    t.outcome = onTime ? ON_TIME : LATE;
    if (onTime)
    {
        ++fr.nOnTime;
    }
    else
    {
        ++fr.nLate;
        std::ostringstream oss;
        oss << "finished at " << t.completionS << " s, after the server-side deadline "
            << serverDeadlineS << " s";
        t.failureReason = oss.str();
    }
    NS_LOG_INFO("frame " << t.frame << " task " << t.taskId << ": done at " << t.completionS
                         << " s (predicted " << t.predictedCompletionS << " s), "
                         << (onTime ? "on time" : "LATE"));
    SendResult(t, onTime ? OffloadingHeader::ON_TIME : OffloadingHeader::LATE);
    m_exitTrace(t);
}

void
OffloadingServerBase::FailTask(size_t index, const std::string& reason)
{
    NS_LOG_FUNCTION(this << index << reason);
    TaskRecord& t = m_tasks.at(index);
    if (t.outcome != PENDING)
    {
        return;
    }
    ++m_frames[t.frame].nFailed;
    t.outcome = FAILED;
    t.failureReason = reason;
    NS_LOG_INFO("frame " << t.frame << " task " << t.taskId << ": " << reason);
    SendResult(t, OffloadingHeader::FAILED);
    m_failedTrace(t);
}

void
OffloadingServerBase::SendDeferredDecision(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_decisionEvents.erase(index);
    SendDecision(m_tasks.at(index));
}

void
OffloadingServerBase::SendDecision(const TaskRecord& t)
{
    NS_LOG_FUNCTION(this << t.frame << t.taskId);
    OffloadingHeader h;
    h.SetType(OffloadingHeader::DECISION);
    h.SetStatus(t.isScheduled ? OffloadingHeader::SCHEDULED : OffloadingHeader::NOT_SCHEDULED);
    h.SetReason(t.reason);
    h.SetBandwidthHz(t.bandwidthHz);
    h.SetTimeS(t.predictedUploadEndS);
    h.SetUploadBytes(t.uploadBytes);
    h.SetOffset(t.dataPayloadBytes);
    Send(h, t, "DECISION");
}

void
OffloadingServerBase::SendResult(const TaskRecord& t, OffloadingHeader::Status status)
{
    NS_LOG_FUNCTION(this << t.frame << t.taskId << static_cast<uint32_t>(status));
    OffloadingHeader h;
    h.SetType(OffloadingHeader::RESULT);
    h.SetStatus(status);
    h.SetTimeS(t.completionS);
    Send(h, t, "RESULT");
}

void
OffloadingServerBase::Send(const OffloadingHeader& header, const TaskRecord& t, const char* what)
{
    if (!m_socket)
    {
        return;
    }
    OffloadingHeader h = header;
    h.SetFrame(t.frame);
    h.SetTaskId(t.taskId);
    h.SetImsi(t.imsi);
    h.SetModelIndex(t.modelIndex);
    h.SetExit(static_cast<int16_t>(t.exit));
    h.SetPredictedCompletionS(t.predictedCompletionS);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    if (m_socket->SendTo(p, 0, t.from) < 0)
    {
        NS_LOG_WARN("cannot send the " << what << " of task " << t.taskId);
    }
}

} // namespace edgeinference
} // namespace ns3
