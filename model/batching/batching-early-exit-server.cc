/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batching-early-exit-server.h"

#include "batch-execution.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("BatchingEarlyExitServer");

NS_OBJECT_ENSURE_REGISTERED(BatchingEarlyExitServer);

TypeId
BatchingEarlyExitServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::BatchingEarlyExitServer")
            .SetParent<OffloadingServerBase>()
            .SetGroupName("EdgeInference")
            .AddConstructor<BatchingEarlyExitServer>()
            .AddAttribute("FrameLength",
                          "Frame length T_f of the throughput |S| / T_f; 0 = the largest "
                          "deadline of the frame's requests.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&BatchingEarlyExitServer::m_frameLength),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StartBatchAtPlannedTime",
                          "Start a batch not before the allocator's planned start (t0 + "
                          "UploadStartDelay + T_u) even if the inputs arrived earlier "
                          "(frame-synchronous GPU); false = as soon as the inputs are in.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&BatchingEarlyExitServer::m_startAtPlannedTime),
                          MakeBooleanChecker())
            .AddAttribute("Allocator",
                          "The ns3::BatchingEarlyExitAllocator run at every frame.",
                          PointerValue(),
                          MakePointerAccessor(&BatchingEarlyExitServer::m_allocator),
                          MakePointerChecker<BatchingEarlyExitAllocator>())
            .AddTraceSource("BatchStarted",
                            "A batch entered the GPU: frame, batch size, missing inputs.",
                            MakeTraceSourceAccessor(&BatchingEarlyExitServer::m_batchTrace),
                            "ns3::edgeinference::BatchingEarlyExitServer::BatchTracedCallback");
    return tid;
}

BatchingEarlyExitServer::BatchingEarlyExitServer()
    : m_startAtPlannedTime(false)
    , m_gpuFreeAt(Seconds(0))
{
    NS_LOG_FUNCTION(this);
}

BatchingEarlyExitServer::~BatchingEarlyExitServer()
{
    NS_LOG_FUNCTION(this);
}

void
BatchingEarlyExitServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_allocator = nullptr;
    OffloadingServerBase::DoDispose();
}

void
BatchingEarlyExitServer::SetAllocator(Ptr<BatchingEarlyExitAllocator> allocator)
{
    NS_LOG_FUNCTION(this << allocator);
    m_allocator = allocator;
}

Ptr<BatchingEarlyExitAllocator>
BatchingEarlyExitServer::GetAllocator() const
{
    return m_allocator;
}

void
BatchingEarlyExitServer::CheckConfiguration()
{
    NS_ABORT_MSG_IF(
        !m_allocator,
        "BatchingEarlyExitServer: attribute Allocator is not set (use SetAllocator() or "
        "BatchingEarlyExitHelper)");
}

void
BatchingEarlyExitServer::DoStop()
{
    NS_LOG_FUNCTION(this);
    for (auto& kv : m_plannedEvents)
    {
        Simulator::Cancel(kv.second);
    }
    for (auto& kv : m_exitEvents)
    {
        Simulator::Cancel(kv.second);
    }
    m_plannedEvents.clear();
    m_exitEvents.clear();
}

void
BatchingEarlyExitServer::InputComplete(size_t index)
{
    const uint32_t frame = Task(index).frame;
    if (!AllInputsIn(Frame(frame)) || m_plannedEvents.count(frame) > 0)
    {
        return; // wait for the other inputs, or for the planned start
    }
    StartBatch(frame);
}

void
BatchingEarlyExitServer::UploadCutoff(uint32_t frame)
{
    StartBatch(frame);
}

void
BatchingEarlyExitServer::PlannedStart(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    m_plannedEvents.erase(frame);
    if (AllInputsIn(Frame(frame)))
    {
        StartBatch(frame);
    }
}

OffloadingServerBase::FrameDecision
BatchingEarlyExitServer::DecideFrame(uint32_t frame, const std::vector<FrameRequest>& requests)
{
    NS_LOG_FUNCTION(this << frame);
    std::vector<BatchingEarlyExitUser> users;
    double maxDeadlineS = 0;
    for (const FrameRequest& r : requests)
    {
        const TaskRecord& t = Task(r.task);
        BatchingEarlyExitUser u;
        u.accuracyRequirement = t.accuracyRequirement;
        u.deadlineS = r.deadlineS;
        u.uploadBits = r.uploadBits;
        u.snrBandwidthHz = r.snrBandwidthHz;
        maxDeadlineS = std::max(maxDeadlineS, t.deadlineS);
        users.push_back(u);
    }
    FrameDecision out;
    out.frameLengthS =
        m_frameLength.IsStrictlyPositive() ? m_frameLength.GetSeconds() : maxDeadlineS;
    BatchingEarlyExitDecision decision;
    try
    {
        decision = m_allocator->Allocate(users, out.frameLengthS);
    }
    catch (const std::exception& e)
    {
        NS_FATAL_ERROR("BatchingEarlyExitServer: allocation of frame " << frame
                                                                       << " failed: " << e.what());
    }
    for (size_t k = 0; k < users.size(); ++k)
    {
        out.isServed.push_back(decision.isServed[k]);
        out.reason.push_back(static_cast<uint8_t>(decision.reason[k]));
        out.reasonText.push_back(decision.isServed[k] ? "" : ToString(decision.reason[k]));
        out.exit.push_back(decision.exit[k]);
        out.bandwidthHz.push_back(decision.isServed[k] ? decision.bandwidthHz[k] : 0.0);
        out.uploadEndS.push_back(decision.isServed[k] ? decision.prediction.uploadTimeS[k] : 0.0);
        out.completionS.push_back(decision.isServed[k] ? decision.prediction.completionTimeS[k]
                                                       : 0.0);
    }
    out.order = decision.prediction.order;
    out.throughputPerS = decision.prediction.throughputPerS;
    out.startS = decision.prediction.batchStartS;
    out.latestUploadEndS = decision.latestUploadEndS;
    return out;
}

void
BatchingEarlyExitServer::FrameDecided(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    const FrameRecord& fr = Frame(frame);
    if (m_startAtPlannedTime)
    {
        const Time planned = Seconds(fr.predictedBatchStartS);
        m_plannedEvents[frame] =
            Simulator::Schedule(std::max(planned - Simulator::Now(), Seconds(0)),
                                &BatchingEarlyExitServer::PlannedStart,
                                this,
                                frame);
    }
    else if (AllInputsIn(fr))
    {
        StartBatch(frame); // nothing to upload
    }
}

void
BatchingEarlyExitServer::StartBatch(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    FrameRecord& fr = Frame(frame);
    if (fr.isUploadClosed)
    {
        return;
    }
    auto planned = m_plannedEvents.find(frame);
    if (planned != m_plannedEvents.end())
    {
        Simulator::Cancel(planned->second);
        m_plannedEvents.erase(planned);
    }
    const std::vector<size_t> members = CloseUploads(frame);
    const auto nMissing = static_cast<uint32_t>(fr.gpuOrder.size() - members.size());
    std::vector<uint32_t> exits;
    for (size_t i : members)
    {
        exits.push_back(static_cast<uint32_t>(Task(i).exit));
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
        Task(members[j]).batchStartS = fr.batchStartS;
        m_exitEvents[members[j]] =
            Simulator::Schedule(start - Simulator::Now() + Seconds(plan.finishS[j]),
                                &BatchingEarlyExitServer::TaskExit,
                                this,
                                members[j]);
    }
    m_gpuFreeAt = start + Seconds(plan.makespanS);
}

void
BatchingEarlyExitServer::TaskExit(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_exitEvents.erase(index);
    CompleteTask(index);
}

} // namespace edgeinference
} // namespace ns3
