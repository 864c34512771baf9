/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-inference-server.h"

#include "batch-execution.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("EdgeInferenceServer");

NS_OBJECT_ENSURE_REGISTERED(EdgeInferenceServer);

namespace
{

/// IPv4 (20) and UDP (8) header bytes of every datagram.
constexpr uint32_t IP_UDP_HEADER_BYTES = 28;

/// Tolerance of the on-time check, s (Time resolution is 1 ns).
constexpr double ON_TIME_TOLERANCE_S = 1e-9;

} // namespace

TypeId
EdgeInferenceServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::EdgeInferenceServer")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<EdgeInferenceServer>()
            .AddAttribute("Port",
                          "UDP port the server listens on.",
                          UintegerValue(6000),
                          MakeUintegerAccessor(&EdgeInferenceServer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("CollectionWindow",
                          "Time from the first REQUEST of a frame to its allocation.",
                          TimeValue(MilliSeconds(5)),
                          MakeTimeAccessor(&EdgeInferenceServer::m_collectionWindow),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("UploadStartDelay",
                          "Expected time from the allocation to the start of the uploads "
                          "(DECISION delivery and uplink grant); origin of the allocator's time.",
                          TimeValue(MilliSeconds(15)),
                          MakeTimeAccessor(&EdgeInferenceServer::m_uploadStartDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ResultDelay",
                          "Time reserved for a RESULT to reach the client: the server-side "
                          "deadline is the client's deadline minus this.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&EdgeInferenceServer::m_resultDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("CutoffSlack",
                          "Extra wait for missing inputs after the latest admissible upload end "
                          "T_u* of the allocation.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&EdgeInferenceServer::m_cutoffSlack),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FrameLength",
                          "Frame length T_f of the throughput |S| / T_f; 0 = the largest "
                          "deadline of the frame's requests.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&EdgeInferenceServer::m_frameLength),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StartBatchAtPlannedTime",
                          "Start a batch not before the allocator's planned start (t0 + "
                          "UploadStartDelay + T_u) even if the inputs arrived earlier "
                          "(frame-synchronous GPU); false = as soon as the inputs are in.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&EdgeInferenceServer::m_startAtPlannedTime),
                          MakeBooleanChecker())
            .AddAttribute("Allocator",
                          "The ns3::BatchingEarlyExitAllocator run at every frame.",
                          PointerValue(),
                          MakePointerAccessor(&EdgeInferenceServer::m_allocator),
                          MakePointerChecker<BatchingEarlyExitAllocator>())
            .AddTraceSource("RequestReceived",
                            "A REQUEST arrived: frame, task id, IMSI.",
                            MakeTraceSourceAccessor(&EdgeInferenceServer::m_requestTrace),
                            "ns3::edgeinference::EdgeInferenceServer::TaskTracedCallback")
            .AddTraceSource("FrameAllocated",
                            "A frame was allocated: frame, requests, served, predicted "
                            "throughput (tasks/s).",
                            MakeTraceSourceAccessor(&EdgeInferenceServer::m_allocationTrace),
                            "ns3::edgeinference::EdgeInferenceServer::AllocationTracedCallback")
            .AddTraceSource("InputReceived",
                            "The last byte of a scheduled task's input arrived.",
                            MakeTraceSourceAccessor(&EdgeInferenceServer::m_inputTrace),
                            "ns3::edgeinference::EdgeInferenceServer::TaskTracedCallback")
            .AddTraceSource("BatchStarted",
                            "A batch entered the GPU: frame, batch size, missing inputs.",
                            MakeTraceSourceAccessor(&EdgeInferenceServer::m_batchTrace),
                            "ns3::edgeinference::EdgeInferenceServer::BatchTracedCallback")
            .AddTraceSource("TaskExited",
                            "A task reached its exit (outcome ON_TIME or LATE).",
                            MakeTraceSourceAccessor(&EdgeInferenceServer::m_exitTrace),
                            "ns3::edgeinference::EdgeInferenceServer::TaskRecordTracedCallback")
            .AddTraceSource("TaskFailed",
                            "A scheduled task's input was incomplete at the upload cutoff.",
                            MakeTraceSourceAccessor(&EdgeInferenceServer::m_failedTrace),
                            "ns3::edgeinference::EdgeInferenceServer::TaskRecordTracedCallback");
    return tid;
}

EdgeInferenceServer::EdgeInferenceServer()
    : m_port(6000)
    , m_startAtPlannedTime(false)
    , m_gpuFreeAt(Seconds(0))
    , m_unexpectedBytes(0)
{
    NS_LOG_FUNCTION(this);
}

EdgeInferenceServer::~EdgeInferenceServer()
{
    NS_LOG_FUNCTION(this);
}

void
EdgeInferenceServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    m_allocator = nullptr;
    m_uplinkCallback = UplinkBandwidthCallback();
    Application::DoDispose();
}

void
EdgeInferenceServer::SetAllocator(Ptr<BatchingEarlyExitAllocator> allocator)
{
    NS_LOG_FUNCTION(this << allocator);
    m_allocator = allocator;
}

Ptr<BatchingEarlyExitAllocator>
EdgeInferenceServer::GetAllocator() const
{
    return m_allocator;
}

void
EdgeInferenceServer::ReportUplinkChannel(uint64_t imsi, double snrBandwidthHz)
{
    NS_LOG_FUNCTION(this << imsi << snrBandwidthHz);
    NS_ABORT_MSG_IF(!(snrBandwidthHz >= 0) || !std::isfinite(snrBandwidthHz),
                    "EdgeInferenceServer::ReportUplinkChannel: IMSI "
                        << imsi << " snrBandwidthHz is " << snrBandwidthHz
                        << " (must be finite and >= 0)");
    m_channel[imsi] = snrBandwidthHz;
}

double
EdgeInferenceServer::GetUplinkChannel(uint64_t imsi) const
{
    auto it = m_channel.find(imsi);
    return it == m_channel.end() ? -1.0 : it->second;
}

void
EdgeInferenceServer::SetUplinkBandwidthCallback(UplinkBandwidthCallback cb)
{
    m_uplinkCallback = cb;
}

const std::vector<EdgeInferenceServer::TaskRecord>&
EdgeInferenceServer::GetTaskRecords() const
{
    return m_tasks;
}

const std::map<uint32_t, EdgeInferenceServer::FrameRecord>&
EdgeInferenceServer::GetFrameRecords() const
{
    return m_frames;
}

uint64_t
EdgeInferenceServer::GetUnexpectedDataBytes() const
{
    return m_unexpectedBytes;
}

void
EdgeInferenceServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_allocator,
                    "EdgeInferenceServer: attribute Allocator is not set (use SetAllocator() or "
                    "BatchingEarlyExitHelper)");
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) == -1)
        {
            NS_FATAL_ERROR("EdgeInferenceServer: cannot bind UDP port " << m_port);
        }
        m_socket->SetRecvCallback(MakeCallback(&EdgeInferenceServer::HandleRead, this));
    }
}

void
EdgeInferenceServer::StopApplication()
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
    for (auto& kv : m_plannedEvents)
    {
        Simulator::Cancel(kv.second);
    }
    m_plannedEvents.clear();
    for (auto& kv : m_exitEvents)
    {
        Simulator::Cancel(kv.second);
    }
    m_allocateEvents.clear();
    m_cutoffEvents.clear();
    m_exitEvents.clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
EdgeInferenceServer::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        if (packet->GetSize() < OffloadingHeader::SIZE)
        {
            NS_LOG_WARN("EdgeInferenceServer: dropping a " << packet->GetSize()
                                                           << "-byte datagram (too short)");
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
                NS_LOG_WARN("EdgeInferenceServer: dropping a datagram of type "
                            << static_cast<uint32_t>(h.GetType()));
                break;
        }
    }
}

void
EdgeInferenceServer::HandleRequest(const OffloadingHeader& h, const Address& from)
{
    NS_LOG_FUNCTION(this << h.GetFrame() << h.GetTaskId() << from);
    const auto key = std::make_tuple(h.GetFrame(), h.GetTaskId(), from);
    if (m_taskIndex.count(key) > 0)
    {
        NS_LOG_WARN("EdgeInferenceServer: duplicate REQUEST frame " << h.GetFrame() << " task "
                                                                    << h.GetTaskId());
        return;
    }
    TaskRecord t;
    t.frame = h.GetFrame();
    t.taskId = h.GetTaskId();
    t.from = from;
    t.imsi = h.GetImsi();
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
            Simulator::Schedule(m_collectionWindow, &EdgeInferenceServer::Allocate, this, t.frame);
    }
}

void
EdgeInferenceServer::HandleData(const OffloadingHeader& h,
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
    FrameRecord& fr = m_frames[t.frame];
    if (!t.isScheduled || fr.isBatchStarted || t.receivedBytes >= t.uploadBytes)
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
    if (!AllInputsIn(fr) || m_plannedEvents.count(t.frame) > 0)
    {
        return; // wait for the other inputs, or for the planned start
    }
    StartBatch(t.frame);
}

bool
EdgeInferenceServer::AllInputsIn(const FrameRecord& fr) const
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
EdgeInferenceServer::PlannedStart(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    m_plannedEvents.erase(frame);
    if (AllInputsIn(m_frames[frame]))
    {
        StartBatch(frame);
    }
}

void
EdgeInferenceServer::Allocate(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    m_allocateEvents.erase(frame);
    FrameRecord& fr = m_frames[frame];
    fr.isAllocated = true;
    const Time t0 = Simulator::Now();
    const double originS = (t0 + m_uploadStartDelay).GetSeconds();
    fr.allocationS = t0.GetSeconds();

    std::vector<BatchingEarlyExitUser> users;
    std::vector<size_t> taskOfUser;
    double maxDeadlineS = 0;
    for (size_t index : fr.tasks)
    {
        TaskRecord& t = m_tasks[index];
        t.allocationS = fr.allocationS;
        const bool valid = std::isfinite(t.accuracyRequirement) && t.accuracyRequirement >= 0 &&
                           std::isfinite(t.deadlineS) && std::isfinite(t.frameStartS) &&
                           std::isfinite(t.snrBandwidthHz) && t.snrBandwidthHz >= 0 &&
                           (t.uploadBytes == 0 || t.dataPayloadBytes > 0);
        if (!valid)
        {
            t.outcome = NOT_SCHEDULED;
            t.reason = REASON_INVALID_REQUEST;
            t.failureReason = "invalid request field";
            continue;
        }
        BatchingEarlyExitUser u;
        u.accuracyRequirement = t.accuracyRequirement;
        u.deadlineS = t.frameStartS + t.deadlineS - m_resultDelay.GetSeconds() - originS;
        const uint32_t nPackets =
            t.uploadBytes == 0 ? 0 : (t.uploadBytes + t.dataPayloadBytes - 1) / t.dataPayloadBytes;
        t.uploadBits =
            8.0 * (static_cast<double>(t.uploadBytes) +
                   nPackets * static_cast<double>(OffloadingHeader::SIZE + IP_UDP_HEADER_BYTES));
        u.uploadBits = t.uploadBits;
        const double enb = t.imsi == 0 ? -1.0 : GetUplinkChannel(t.imsi);
        if (enb >= 0)
        {
            t.snrBandwidthHz = enb;
            t.isChannelFromEnb = true;
        }
        u.snrBandwidthHz = t.snrBandwidthHz;
        maxDeadlineS = std::max(maxDeadlineS, t.deadlineS);
        users.push_back(u);
        taskOfUser.push_back(index);
    }
    fr.nRequests = static_cast<uint32_t>(fr.tasks.size());
    fr.frameLengthS =
        m_frameLength.IsStrictlyPositive() ? m_frameLength.GetSeconds() : maxDeadlineS;

    BatchingEarlyExitDecision decision;
    try
    {
        decision = m_allocator->Allocate(users, fr.frameLengthS);
    }
    catch (const std::exception& e)
    {
        NS_FATAL_ERROR("EdgeInferenceServer: allocation of frame " << frame
                                                                   << " failed: " << e.what());
    }

    std::map<uint64_t, double> bandwidthByImsi;
    for (size_t k = 0; k < users.size(); ++k)
    {
        TaskRecord& t = m_tasks[taskOfUser[k]];
        t.isScheduled = decision.isServed[k];
        t.reason = static_cast<uint8_t>(decision.reason[k]);
        t.exit = decision.exit[k];
        if (t.isScheduled)
        {
            t.bandwidthHz = decision.bandwidthHz[k];
            t.predictedUploadEndS = originS + decision.prediction.uploadTimeS[k];
            t.predictedCompletionS = originS + decision.prediction.completionTimeS[k];
            if (t.imsi != 0)
            {
                bandwidthByImsi[t.imsi] = t.bandwidthHz;
            }
        }
        else
        {
            t.outcome = NOT_SCHEDULED;
            t.failureReason = ToString(decision.reason[k]);
        }
    }
    for (uint32_t k : decision.prediction.order)
    {
        fr.gpuOrder.push_back(taskOfUser[k]);
    }
    fr.nScheduled = static_cast<uint32_t>(decision.served.size());
    fr.predictedThroughputPerS = decision.prediction.throughputPerS;
    fr.predictedBatchStartS = originS + decision.prediction.batchStartS;
    NS_LOG_INFO("frame " << frame << " allocated at " << fr.allocationS << " s: " << fr.nScheduled
                         << "/" << fr.nRequests << " served, T_u* " << decision.latestUploadEndS
                         << " s");
    for (size_t index : fr.tasks)
    {
        SendDecision(m_tasks[index]);
    }
    m_allocationTrace(frame, fr.nRequests, fr.nScheduled, fr.predictedThroughputPerS);
    if (fr.nScheduled == 0)
    {
        fr.isBatchStarted = true;
        return;
    }
    if (!bandwidthByImsi.empty() && !m_uplinkCallback.IsNull())
    {
        m_uplinkCallback(bandwidthByImsi);
    }
    const Time cutoff = Seconds(originS + decision.latestUploadEndS) + m_cutoffSlack;
    m_cutoffEvents[frame] = Simulator::Schedule(std::max(cutoff - Simulator::Now(), Seconds(0)),
                                                &EdgeInferenceServer::StartBatch,
                                                this,
                                                frame);
    if (m_startAtPlannedTime)
    {
        const Time planned = Seconds(fr.predictedBatchStartS);
        m_plannedEvents[frame] =
            Simulator::Schedule(std::max(planned - Simulator::Now(), Seconds(0)),
                                &EdgeInferenceServer::PlannedStart,
                                this,
                                frame);
    }
    else if (AllInputsIn(fr))
    {
        StartBatch(frame); // nothing to upload
    }
}

void
EdgeInferenceServer::StartBatch(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    FrameRecord& fr = m_frames[frame];
    if (fr.isBatchStarted)
    {
        return;
    }
    fr.isBatchStarted = true;
    auto cut = m_cutoffEvents.find(frame);
    if (cut != m_cutoffEvents.end())
    {
        Simulator::Cancel(cut->second);
        m_cutoffEvents.erase(cut);
    }
    auto planned = m_plannedEvents.find(frame);
    if (planned != m_plannedEvents.end())
    {
        Simulator::Cancel(planned->second);
        m_plannedEvents.erase(planned);
    }
    ClearUplink(frame);

    std::vector<size_t> members;
    std::vector<uint32_t> exits;
    uint32_t nMissing = 0;
    for (size_t i : fr.gpuOrder)
    {
        TaskRecord& t = m_tasks[i];
        if (t.receivedBytes < t.uploadBytes)
        {
            ++nMissing;
            ++fr.nFailed;
            t.outcome = FAILED;
            std::ostringstream oss;
            oss << "input incomplete at the upload cutoff (" << t.receivedBytes << " of "
                << t.uploadBytes << " bytes)";
            t.failureReason = oss.str();
            NS_LOG_INFO("frame " << frame << " task " << t.taskId << ": " << t.failureReason);
            SendResult(t, OffloadingHeader::FAILED);
            m_failedTrace(t);
            continue;
        }
        members.push_back(i);
        exits.push_back(static_cast<uint32_t>(t.exit));
    }
    const Time start = std::max(Simulator::Now(), m_gpuFreeAt);
    fr.batchStartS = start.GetSeconds();
    m_batchTrace(frame, static_cast<uint32_t>(members.size()), nMissing);
    if (members.empty())
    {
        return;
    }
    const BatchingEarlyExitScheme scheme = m_allocator->GetScheme();
    const bool sequential = scheme == BatchingEarlyExitScheme::EARLY_EXIT_ONLY ||
                            scheme == BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT;
    const BatchExecutionPlan plan =
        BatchExecution::Plan(m_allocator->GetLatencyModel(), exits, sequential);
    NS_LOG_INFO("frame " << frame << ": batch of " << members.size() << " starts at "
                         << fr.batchStartS << " s (predicted " << fr.predictedBatchStartS
                         << " s), makespan " << plan.makespanS << " s");
    for (size_t j = 0; j < members.size(); ++j)
    {
        m_tasks[members[j]].batchStartS = fr.batchStartS;
        m_exitEvents[members[j]] =
            Simulator::Schedule(start - Simulator::Now() + Seconds(plan.finishS[j]),
                                &EdgeInferenceServer::TaskExit,
                                this,
                                members[j]);
    }
    m_gpuFreeAt = start + Seconds(plan.makespanS);
}

void
EdgeInferenceServer::TaskExit(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_exitEvents.erase(index);
    TaskRecord& t = m_tasks[index];
    FrameRecord& fr = m_frames[t.frame];
    t.completionS = Simulator::Now().GetSeconds();
    const double serverDeadlineS = t.frameStartS + t.deadlineS - m_resultDelay.GetSeconds();
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
        oss << "exit reached at " << t.completionS << " s, after the server-side deadline "
            << serverDeadlineS << " s";
        t.failureReason = oss.str();
    }
    NS_LOG_INFO("frame " << t.frame << " task " << t.taskId << ": exit " << t.exit << " at "
                         << t.completionS << " s (predicted " << t.predictedCompletionS << " s), "
                         << (onTime ? "on time" : "LATE"));
    SendResult(t, onTime ? OffloadingHeader::ON_TIME : OffloadingHeader::LATE);
    m_exitTrace(t);
}

void
EdgeInferenceServer::SendDecision(const TaskRecord& t)
{
    NS_LOG_FUNCTION(this << t.frame << t.taskId);
    if (!m_socket)
    {
        return;
    }
    OffloadingHeader h;
    h.SetType(OffloadingHeader::DECISION);
    h.SetFrame(t.frame);
    h.SetTaskId(t.taskId);
    h.SetImsi(t.imsi);
    h.SetStatus(t.isScheduled ? OffloadingHeader::SCHEDULED : OffloadingHeader::NOT_SCHEDULED);
    h.SetReason(t.reason);
    h.SetExit(static_cast<int16_t>(t.exit));
    h.SetBandwidthHz(t.bandwidthHz);
    h.SetTimeS(t.predictedUploadEndS);
    h.SetPredictedCompletionS(t.predictedCompletionS);
    h.SetUploadBytes(t.uploadBytes);
    h.SetOffset(t.dataPayloadBytes);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    if (m_socket->SendTo(p, 0, t.from) < 0)
    {
        NS_LOG_WARN("EdgeInferenceServer: cannot send the DECISION of task " << t.taskId);
    }
}

void
EdgeInferenceServer::SendResult(const TaskRecord& t, OffloadingHeader::Status status)
{
    NS_LOG_FUNCTION(this << t.frame << t.taskId << static_cast<uint32_t>(status));
    if (!m_socket)
    {
        return;
    }
    OffloadingHeader h;
    h.SetType(OffloadingHeader::RESULT);
    h.SetFrame(t.frame);
    h.SetTaskId(t.taskId);
    h.SetImsi(t.imsi);
    h.SetStatus(status);
    h.SetExit(static_cast<int16_t>(t.exit));
    h.SetTimeS(t.completionS);
    h.SetPredictedCompletionS(t.predictedCompletionS);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    if (m_socket->SendTo(p, 0, t.from) < 0)
    {
        NS_LOG_WARN("EdgeInferenceServer: cannot send the RESULT of task " << t.taskId);
    }
}

void
EdgeInferenceServer::ClearUplink(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    if (!m_uplinkCallback.IsNull())
    {
        m_uplinkCallback(std::map<uint64_t, double>());
    }
}

} // namespace edgeinference
} // namespace ns3
