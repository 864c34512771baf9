/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-inference-trace-helper.h"

#include "ns3/abort.h"
#include "ns3/address.h"
#include "ns3/batching-early-exit-server.h"
#include "ns3/collaborative-inference-node.h"
#include "ns3/collaborative-task-source.h"
#include "ns3/edge-server.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/layerwise-inference-client.h"
#include "ns3/log.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/node-list.h"
#include "ns3/noma-bs-mac.h"
#include "ns3/noma-net-device.h"
#include "ns3/offloading-client.h"
#include "ns3/partial-loading-server.h"
#include "ns3/simulator.h"
#include "ns3/split-inference-client.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("EdgeInferenceTraceHelper");

namespace
{

Ptr<InferenceTraceWriter> g_writer;      ///< The simulation's writer
std::set<const void*> g_connected;       ///< Objects already connected
std::map<uint32_t, uint32_t> g_ipToNode; ///< IPv4 (host order) -> node id, built lazily
std::string g_requestedPrefix;           ///< RequestTraces() prefix
uint32_t g_requestedRuns{0};             ///< Simulations traced with it so far

/// Write the files and forget the writer (a destroy event of the simulation)
void
Finish()
{
    if (g_writer)
    {
        g_writer->Write();
    }
    g_writer = nullptr;
    g_connected.clear();
    g_ipToNode.clear();
}

/// @return the node id owning an IPv4 address, or UINT32_MAX
uint32_t
NodeOfAddress(Ipv4Address a)
{
    auto it = g_ipToNode.find(a.Get());
    if (it != g_ipToNode.end())
    {
        return it->second;
    }
    for (auto n = NodeList::Begin(); n != NodeList::End(); ++n)
    {
        Ptr<Ipv4> ip = (*n)->GetObject<Ipv4>();
        if (ip && ip->GetInterfaceForAddress(a) >= 0)
        {
            g_ipToNode[a.Get()] = (*n)->GetId();
            return (*n)->GetId();
        }
    }
    return UINT32_MAX;
}

/// @return the IMSI of the node's LTE UE device or the index of its NOMA UE device, or -1
int64_t
UeOfNode(Ptr<Node> node)
{
    for (uint32_t d = 0; d < node->GetNDevices(); ++d)
    {
        if (auto lte = DynamicCast<LteUeNetDevice>(node->GetDevice(d)))
        {
            return static_cast<int64_t>(lte->GetImsi());
        }
        auto noma = DynamicCast<NomaNetDevice>(node->GetDevice(d));
        if (noma && !noma->GetMac())
        {
            return noma->GetUeIndex();
        }
    }
    return -1;
}

/// @return b - a if both are set (>= 0), else NaN
double
Span(double a, double b)
{
    return (a >= 0 && b >= 0) ? b - a : InferenceTaskTrace::NONE;
}

/**
 * The raw pointer of an application as the const pointer the bound trace functions take:
 * ns-3's Callback binds arguments by their exact type, and a T* bound to a const T*
 * parameter is a downcast UBSan reports (callback.h).
 * @tparam T the application type
 * @param [in] p the application
 * @return the pointer, const
 */
template<typename T>
const T*
ConstPeek(const Ptr<T>& p)
{
    return PeekPointer(p);
}

// ---------------------------------------------------------------------------- SLIDE

/// A SLIDE task ended (completed or failed): copy the client's record
void
SlideTaskEnded(Ptr<InferenceTraceWriter> w, const LayerwiseInferenceClient* c, uint32_t taskId)
{
    const auto& records = c->GetTaskRecords();
    auto it = std::find_if(
        records.begin(), records.end(), [taskId](const auto& r) { return r.taskId == taskId; });
    if (it == records.end())
    {
        return;
    }
    const LayerwiseInferenceClient::TaskRecord& r = *it;
    Ptr<Node> node = c->GetNode();
    InferenceTaskTrace& t = w->GetTask("slide", node->GetId(), taskId);
    t.ue = UeOfNode(node);
    StringValue model;
    c->GetAttribute("ModelName", model);
    t.request = model.Get();
    if (r.granted)
    {
        std::ostringstream d;
        d << r.grantText << " f_hz=" << r.grantFrequencyHz << " bw_hz=" << r.grantBandwidthHz
          << (r.mode == LayerwiseInferenceClient::DOWNLOAD_THEN_INFER ? " dai" : "");
        t.decision = d.str();
    }
    else if (r.rejected)
    {
        t.decision = "rejected";
    }
    else
    {
        t.decision =
            r.mode == LayerwiseInferenceClient::STREAMING ? "streaming" : "download-then-infer";
    }
    t.requestS = r.requestTime.GetSeconds();
    bool decided = r.granted || r.rejected;
    t.decisionS = decided ? r.decisionTime.GetSeconds() : InferenceTaskTrace::NONE;
    t.originS = decided ? r.decisionTime.GetSeconds() : r.requestTime.GetSeconds();
    t.endS = r.completed ? r.finishTime.GetSeconds() : Simulator::Now().GetSeconds();
    if (!r.layerArrival.empty())
    {
        t.measDownloadS = (r.layerArrival.back() - r.requestTime).GetSeconds();
    }
    double busy = 0;
    for (size_t l = 0; l < r.computeFinish.size() && l < r.computeStart.size(); ++l)
    {
        busy += (r.computeFinish[l] - r.computeStart[l]).GetSeconds();
    }
    if (!r.computeFinish.empty())
    {
        t.measComputeS = busy;
    }
    if (r.granted)
    {
        t.predTotalS = r.predictedLatencyS;
    }
    if (r.completed)
    {
        t.measTotalS = t.endS - t.originS;
        t.outcome = "completed";
    }
    else
    {
        t.outcome = r.rejected ? "rejected" : "failed";
        t.reason = r.rejected ? r.grantText : r.failureReason;
    }
    for (size_t l = 0; l < r.layerArrival.size(); ++l)
    {
        InferenceEventTrace e;
        e.timeS = r.layerArrival[l].GetSeconds();
        e.technique = "slide";
        e.node = node->GetId();
        e.ue = t.ue;
        e.taskId = taskId;
        e.event = "layer-arrival";
        e.index = static_cast<int64_t>(l);
        e.value = l < r.layerWireBytes.size() ? r.layerWireBytes[l] : InferenceTaskTrace::NONE;
        w->AddEvent(e);
    }
    for (size_t l = 0; l < r.computeFinish.size() && l < r.computeStart.size(); ++l)
    {
        InferenceEventTrace e;
        e.timeS = r.computeStart[l].GetSeconds();
        e.technique = "slide";
        e.node = node->GetId();
        e.ue = t.ue;
        e.taskId = taskId;
        e.event = "layer-compute";
        e.index = static_cast<int64_t>(l);
        e.value = (r.computeFinish[l] - r.computeStart[l]).GetSeconds();
        w->AddEvent(e);
    }
}

/// TaskCompleted of a LayerwiseInferenceClient
void
SlideCompleted(Ptr<InferenceTraceWriter> w,
               const LayerwiseInferenceClient* c,
               uint32_t taskId,
               Time /* latency */,
               double /* energyJ */)
{
    SlideTaskEnded(w, c, taskId);
}

/// TaskFailed of a LayerwiseInferenceClient
void
SlideFailed(Ptr<InferenceTraceWriter> w,
            const LayerwiseInferenceClient* c,
            uint32_t taskId,
            const std::string& /* reason */)
{
    SlideTaskEnded(w, c, taskId);
}

// ------------------------------------------------------------------------ offloading

/// @return "batching" or "partial-loading": the type of the server the client talks to
std::string
OffloadingTechnique(Ptr<OffloadingClient> c)
{
    AddressValue remote;
    c->GetAttribute("RemoteAddress", remote);
    Ipv4Address a;
    if (Ipv4Address::IsMatchingType(remote.Get()))
    {
        a = Ipv4Address::ConvertFrom(remote.Get());
    }
    else if (InetSocketAddress::IsMatchingType(remote.Get()))
    {
        a = InetSocketAddress::ConvertFrom(remote.Get()).GetIpv4();
    }
    uint32_t serverNode = NodeOfAddress(a);
    bool batching = false;
    bool partial = false;
    for (auto n = NodeList::Begin(); n != NodeList::End(); ++n)
    {
        if (serverNode != UINT32_MAX && (*n)->GetId() != serverNode)
        {
            continue;
        }
        for (uint32_t i = 0; i < (*n)->GetNApplications(); ++i)
        {
            batching |= DynamicCast<BatchingEarlyExitServer>((*n)->GetApplication(i)) != nullptr;
            partial |= DynamicCast<PartialLoadingServer>((*n)->GetApplication(i)) != nullptr;
        }
    }
    return partial && !batching ? "partial-loading" : "batching";
}

/// A task of an OffloadingClient ended (any outcome): the client's side of the record
void
OffloadingClientEnded(Ptr<InferenceTraceWriter> w,
                      std::string technique,
                      const OffloadingClient* c,
                      const OffloadingClient::TaskRecord& r)
{
    Ptr<Node> node = c->GetNode();
    InferenceTaskTrace& t = w->GetTask(technique, node->GetId(), r.taskId);
    UintegerValue imsi;
    c->GetAttribute("Imsi", imsi);
    t.ue = imsi.Get() ? static_cast<int64_t>(imsi.Get()) : UeOfNode(node);
    if (t.request.empty())
    {
        std::ostringstream q;
        q << "frame=" << r.frame;
        t.request = q.str();
    }
    t.requestS = r.requestS >= 0 ? r.requestS : InferenceTaskTrace::NONE;
    t.decisionS = r.decisionS >= 0 ? r.decisionS : InferenceTaskTrace::NONE;
    t.endS = r.resultS >= 0 ? r.resultS : Simulator::Now().GetSeconds();
    if (r.isScheduled)
    {
        std::ostringstream d;
        d << "exit=" << r.exit << " bw_hz=" << r.bandwidthHz;
        t.decision = d.str();
    }
    else if (r.decisionS >= 0)
    {
        t.decision = "not scheduled";
    }
    t.exit = r.exit;
    t.measDownloadS = Span(r.completionS, r.resultS);
    switch (r.outcome)
    {
        case OffloadingClient::ON_TIME:
            t.outcome = "on-time";
            break;
        case OffloadingClient::LATE:
            t.outcome = "late";
            break;
        case OffloadingClient::FAILED:
            t.outcome = "failed";
            break;
        case OffloadingClient::NOT_SCHEDULED:
            t.outcome = "not-scheduled";
            break;
        default:
            t.outcome = "pending";
            break;
    }
    t.reason = r.failureReason;
}

/// TaskOnTime / TaskFailed / TaskNotScheduled of an OffloadingClient
void
OffloadingClientTrace(Ptr<InferenceTraceWriter> w,
                      std::string technique,
                      const OffloadingClient* c,
                      const OffloadingClient::TaskRecord& r)
{
    OffloadingClientEnded(w, technique, c, r);
}

/// TaskExited / TaskFailed of an offloading server: the server's side of the record
void
OffloadingServerTrace(Ptr<InferenceTraceWriter> w,
                      std::string technique,
                      uint32_t serverNode,
                      const OffloadingServerBase::TaskRecord& r)
{
    if (!InetSocketAddress::IsMatchingType(r.from))
    {
        return;
    }
    uint32_t node = NodeOfAddress(InetSocketAddress::ConvertFrom(r.from).GetIpv4());
    if (node == UINT32_MAX)
    {
        return;
    }
    InferenceTaskTrace& t = w->GetTask(technique, node, r.taskId);
    if (r.imsi != 0)
    {
        t.ue = static_cast<int64_t>(r.imsi);
    }
    std::ostringstream q;
    if (!r.model.empty())
    {
        q << r.model;
    }
    else
    {
        q << "accuracy>=" << r.accuracyRequirement;
    }
    q << " bytes=" << r.uploadBytes;
    t.request = q.str();
    if (r.isScheduled)
    {
        t.originS = r.allocationS;
        t.predUploadS = r.predictedUploadEndS - r.allocationS;
        t.predTotalS = r.predictedCompletionS - r.allocationS;
        t.measUploadS = Span(r.allocationS, r.uploadEndS);
        t.measQueueS = Span(r.uploadEndS, r.batchStartS);
        t.measComputeS = Span(r.batchStartS, r.completionS);
        t.measTotalS = Span(r.allocationS, r.completionS);
        if (technique == "batching" && r.batchStartS >= 0 && r.completionS >= 0)
        {
            InferenceEventTrace e;
            e.timeS = r.batchStartS;
            e.technique = technique;
            e.node = serverNode;
            e.ue = t.ue;
            e.taskId = r.taskId;
            e.event = "batch-task";
            e.index = r.exit;
            e.value = r.completionS - r.batchStartS;
            e.detail = "frame=" + std::to_string(r.frame);
            w->AddEvent(e);
        }
    }
}

/// BatchStarted of a BatchingEarlyExitServer
void
BatchStarted(Ptr<InferenceTraceWriter> w,
             uint32_t serverNode,
             uint32_t frame,
             uint32_t batchSize,
             uint32_t nMissing)
{
    InferenceEventTrace e;
    e.timeS = Simulator::Now().GetSeconds();
    e.technique = "batching";
    e.node = serverNode;
    e.event = "batch";
    e.index = frame;
    e.value = batchSize;
    e.detail = "missing=" + std::to_string(nMissing);
    w->AddEvent(e);
}

/// JobCompleted / JobFailed of an EdgeServer: its load and inference intervals
void
EdgeServerJob(Ptr<InferenceTraceWriter> w, uint32_t serverNode, const EdgeServerJobRecord& r)
{
    if (r.loadedBytes > 0 && !r.loadStart.IsNegative() && r.ready > r.loadStart)
    {
        InferenceEventTrace e;
        e.timeS = r.loadStart.GetSeconds();
        e.technique = "partial-loading";
        e.node = serverNode;
        e.taskId = static_cast<int64_t>(r.jobId);
        e.event = "gpu-load";
        e.index = static_cast<int64_t>(r.loadedBytes);
        e.value = (r.ready - r.loadStart).GetSeconds();
        e.detail = r.model;
        w->AddEvent(e);
    }
    if (!r.start.IsNegative() && !r.end.IsNegative() && r.end >= r.start)
    {
        InferenceEventTrace e;
        e.timeS = r.start.GetSeconds();
        e.technique = "partial-loading";
        e.node = serverNode;
        e.taskId = static_cast<int64_t>(r.jobId);
        e.event = "gpu-infer";
        e.index = r.samples;
        e.value = (r.end - r.start).GetSeconds();
        e.detail = r.model + (r.failure.empty() ? "" : " (" + r.failure + ")");
        w->AddEvent(e);
    }
}

// ------------------------------------------------------------------------ NOMA split

/// ResultReceived / TaskFailed of a SplitInferenceClient
void
SplitTaskEnded(Ptr<InferenceTraceWriter> w,
               const SplitInferenceClient* c,
               uint32_t taskId,
               Time /* duration */)
{
    const auto& tasks = c->GetTasks();
    auto it = std::find_if(
        tasks.begin(), tasks.end(), [taskId](const auto& r) { return r.taskId == taskId; });
    if (it == tasks.end())
    {
        return;
    }
    const SplitInferenceClientTask& r = *it;
    Ptr<Node> node = c->GetNode();
    InferenceTaskTrace& t = w->GetTask("noma-split", node->GetId(), taskId);
    t.ue = UeOfNode(node);
    t.request = "layers=" + std::to_string(c->GetProfile().GetNLayers());
    t.decision = "split=" + std::to_string(r.splitPoint);
    t.requestS = r.start.GetSeconds();
    t.originS = r.start.GetSeconds();
    t.endS = r.end.GetSeconds();
    t.measComputeS = (r.localDone - r.start).GetSeconds();
    if (r.uploadBytes > 0 && r.uploadSent >= r.localDone)
    {
        t.measUploadS = (r.uploadSent - r.localDone).GetSeconds();
        t.measDownloadS = (r.end - r.uploadSent).GetSeconds();
    }
    if (r.isSuccess)
    {
        t.measTotalS = r.GetLatency().GetSeconds();
        t.outcome = "completed";
    }
    else
    {
        t.outcome = "failed";
        t.reason = r.failureReason;
    }
}

/// Schedule of a NOMA base station MAC: one event per transport block
void
NomaFrame(Ptr<InferenceTraceWriter> w, uint32_t bsNode, const NomaFrameSchedule& s)
{
    for (int dir = 0; dir < 2; ++dir)
    {
        const auto& grants = dir == 0 ? s.uplink : s.downlink;
        for (const auto& g : grants)
        {
            InferenceEventTrace e;
            e.timeS = Simulator::Now().GetSeconds();
            e.technique = "noma-split";
            e.node = bsNode;
            e.ue = g.ue;
            e.event = dir == 0 ? "noma-ul" : "noma-dl";
            e.index = g.subchannel;
            e.value = g.tbBytes;
            std::ostringstream d;
            d << "frame=" << s.frameNo << " sic=" << g.sicPosition << " power_w=" << g.powerW;
            e.detail = d.str();
            w->AddEvent(e);
        }
    }
}

// ---------------------------------------------------------------------------- DTO-EE

/// TaskSent of a CollaborativeTaskSource
void
DtoSent(Ptr<InferenceTraceWriter> w, const CollaborativeTaskSource* s, uint64_t taskId)
{
    InferenceTaskTrace& t = w->GetTask("dto-ee", s->GetNode()->GetId(), taskId);
    t.ue = static_cast<int64_t>(taskId >> 32);
    t.request = "task";
    t.requestS = Simulator::Now().GetSeconds();
    t.originS = t.requestS;
}

/// ResultReceived of a CollaborativeTaskSource
void
DtoResult(Ptr<InferenceTraceWriter> w,
          const CollaborativeTaskSource* s,
          uint64_t taskId,
          Time created,
          Time delay,
          Time networkLatency,
          uint32_t exitStage,
          bool correct)
{
    InferenceTaskTrace& t = w->GetTask("dto-ee", s->GetNode()->GetId(), taskId);
    t.ue = static_cast<int64_t>(taskId >> 32);
    t.request = "task";
    t.requestS = created.GetSeconds();
    t.originS = created.GetSeconds();
    t.endS = Simulator::Now().GetSeconds();
    // the node-network part (entry into the first node to the exit decision) is what the
    // model predicts; the rest of the response delay is the access both ways
    t.measTotalS = networkLatency.GetSeconds();
    t.measUploadS = (delay - networkLatency).GetSeconds();
    t.exit = static_cast<int32_t>(exitStage);
    t.decision = "exit-stage=" + std::to_string(exitStage);
    t.outcome = "completed";
    t.reason = correct ? "" : "incorrect result";
}

/// TaskLost of a CollaborativeTaskSource
void
DtoLost(Ptr<InferenceTraceWriter> w,
        const CollaborativeTaskSource* s,
        uint64_t taskId,
        const std::string& reason)
{
    InferenceTaskTrace& t = w->GetTask("dto-ee", s->GetNode()->GetId(), taskId);
    t.ue = static_cast<int64_t>(taskId >> 32);
    t.endS = Simulator::Now().GetSeconds();
    t.outcome = "lost";
    t.reason = reason;
}

/// One DTO-EE node event
void
DtoNodeEvent(Ptr<InferenceTraceWriter> w,
             uint32_t node,
             const std::string& kind,
             uint64_t taskId,
             int64_t index,
             double value)
{
    InferenceEventTrace e;
    e.timeS = Simulator::Now().GetSeconds();
    e.technique = "dto-ee";
    e.node = node;
    e.ue = static_cast<int64_t>(taskId >> 32);
    e.taskId = static_cast<int64_t>(taskId);
    e.event = kind;
    e.index = index;
    e.value = value;
    w->AddEvent(e);
}

/// TaskArrived of a CollaborativeInferenceNode
void
DtoArrived(Ptr<InferenceTraceWriter> w,
           uint32_t node,
           uint64_t taskId,
           uint32_t stage,
           uint32_t queueLength)
{
    DtoNodeEvent(w, node, "stage-arrival", taskId, stage, queueLength);
}

/// TaskExited of a CollaborativeInferenceNode
void
DtoExited(Ptr<InferenceTraceWriter> w,
          uint32_t node,
          uint64_t taskId,
          uint32_t stage,
          double confidence,
          Time /* latency */,
          bool /* correct */)
{
    DtoNodeEvent(w, node, "exit", taskId, stage, confidence);
}

/// TaskForwarded of a CollaborativeInferenceNode
void
DtoForwarded(Ptr<InferenceTraceWriter> w, uint32_t node, uint64_t taskId, uint32_t toNode)
{
    DtoNodeEvent(w, node, "forward", taskId, toNode, InferenceTaskTrace::NONE);
}

/// @return true the first time an object is seen (connect it), false afterwards
bool
FirstTime(const void* object)
{
    return g_connected.insert(object).second;
}

/// Connect one application if it belongs to the technique ("" = any)
void
ConnectApplication(Ptr<InferenceTraceWriter> w, Ptr<Application> app, const std::string& tech)
{
    auto wants = [&tech](const std::string& t)
    {
        return tech.empty() || tech == t;
    };
    uint32_t nodeId = app->GetNode()->GetId();
    if (auto c = DynamicCast<LayerwiseInferenceClient>(app))
    {
        if (wants("slide") && FirstTime(PeekPointer(c)))
        {
            c->TraceConnectWithoutContext("TaskCompleted",
                                          MakeBoundCallback(&SlideCompleted, w, ConstPeek(c)));
            c->TraceConnectWithoutContext("TaskFailed",
                                          MakeBoundCallback(&SlideFailed, w, ConstPeek(c)));
        }
    }
    else if (auto c = DynamicCast<OffloadingClient>(app))
    {
        std::string t = OffloadingTechnique(c);
        if (wants(t) && FirstTime(PeekPointer(c)))
        {
            for (const char* src : {"TaskOnTime", "TaskFailed", "TaskNotScheduled"})
            {
                c->TraceConnectWithoutContext(
                    src, MakeBoundCallback(&OffloadingClientTrace, w, t, ConstPeek(c)));
            }
        }
    }
    else if (auto s = DynamicCast<OffloadingServerBase>(app))
    {
        auto pl = DynamicCast<PartialLoadingServer>(app);
        std::string t = pl ? "partial-loading" : "batching";
        if (wants(t) && FirstTime(PeekPointer(s)))
        {
            for (const char* src : {"TaskExited", "TaskFailed"})
            {
                s->TraceConnectWithoutContext(
                    src, MakeBoundCallback(&OffloadingServerTrace, w, t, nodeId));
            }
            if (auto b = DynamicCast<BatchingEarlyExitServer>(app))
            {
                b->TraceConnectWithoutContext("BatchStarted",
                                              MakeBoundCallback(&BatchStarted, w, nodeId));
            }
            // the node's EdgeServer (aggregated by PartialLoadingHelper::InstallServer())
            Ptr<EdgeServer> edge = pl ? app->GetNode()->GetObject<EdgeServer>() : nullptr;
            if (edge && FirstTime(PeekPointer(edge)))
            {
                for (const char* src : {"JobCompleted", "JobFailed"})
                {
                    edge->TraceConnectWithoutContext(src,
                                                     MakeBoundCallback(&EdgeServerJob, w, nodeId));
                }
            }
        }
    }
    else if (auto c = DynamicCast<SplitInferenceClient>(app))
    {
        if (wants("noma-split") && FirstTime(PeekPointer(c)))
        {
            for (const char* src : {"ResultReceived", "TaskFailed"})
            {
                c->TraceConnectWithoutContext(src,
                                              MakeBoundCallback(&SplitTaskEnded, w, ConstPeek(c)));
            }
        }
    }
    else if (auto s = DynamicCast<CollaborativeTaskSource>(app))
    {
        if (wants("dto-ee") && FirstTime(PeekPointer(s)))
        {
            s->TraceConnectWithoutContext("TaskSent", MakeBoundCallback(&DtoSent, w, ConstPeek(s)));
            s->TraceConnectWithoutContext("ResultReceived",
                                          MakeBoundCallback(&DtoResult, w, ConstPeek(s)));
            s->TraceConnectWithoutContext("TaskLost", MakeBoundCallback(&DtoLost, w, ConstPeek(s)));
        }
    }
    else if (auto n = DynamicCast<CollaborativeInferenceNode>(app))
    {
        if (wants("dto-ee") && FirstTime(PeekPointer(n)))
        {
            n->TraceConnectWithoutContext("TaskArrived", MakeBoundCallback(&DtoArrived, w, nodeId));
            n->TraceConnectWithoutContext("TaskExited", MakeBoundCallback(&DtoExited, w, nodeId));
            n->TraceConnectWithoutContext("TaskForwarded",
                                          MakeBoundCallback(&DtoForwarded, w, nodeId));
        }
    }
}

} // namespace

const std::vector<std::string>&
EdgeInferenceTraceHelper::GetTechniques()
{
    static const std::vector<std::string> techniques = {
        "slide", "batching", "partial-loading", "noma-split", "dto-ee"};
    return techniques;
}

Ptr<InferenceTraceWriter>
EdgeInferenceTraceHelper::GetWriter()
{
    if (!g_writer)
    {
        g_writer = CreateObject<InferenceTraceWriter>();
        Simulator::ScheduleDestroy(&Finish);
    }
    return g_writer;
}

void
EdgeInferenceTraceHelper::RequestTraces(const std::string& prefix)
{
    g_requestedPrefix = prefix;
    g_requestedRuns = 0;
}

bool
EdgeInferenceTraceHelper::AreTracesRequested()
{
    return !g_requestedPrefix.empty();
}

Ptr<InferenceTraceWriter>
EdgeInferenceTraceHelper::EnableRequestedTraces()
{
    if (g_requestedPrefix.empty())
    {
        return nullptr;
    }
    ++g_requestedRuns;
    std::string p = g_requestedPrefix;
    if (g_requestedRuns > 1)
    {
        p += "-sim" + std::to_string(g_requestedRuns);
    }
    Ptr<InferenceTraceWriter> w = EnableTraces();
    w->SetAttribute("TaskFileName", StringValue(p + "-tasks.csv"));
    w->SetAttribute("EventFileName", StringValue(p + "-events.csv"));
    w->SetAttribute("DatabaseFileName", StringValue(p + ".db"));
    return w;
}

Ptr<InferenceTraceWriter>
EdgeInferenceTraceHelper::EnableTraces()
{
    return EnableTraces("");
}

Ptr<InferenceTraceWriter>
EdgeInferenceTraceHelper::EnableTraces(const std::string& technique)
{
    const auto& all = GetTechniques();
    NS_ABORT_MSG_IF(!technique.empty() && std::find(all.begin(), all.end(), technique) == all.end(),
                    "EdgeInferenceTraceHelper::EnableTraces: technique '"
                        << technique
                        << "' is not one of slide, batching, partial-loading, noma-split, dto-ee");
    Ptr<InferenceTraceWriter> w = GetWriter();
    for (auto n = NodeList::Begin(); n != NodeList::End(); ++n)
    {
        for (uint32_t i = 0; i < (*n)->GetNApplications(); ++i)
        {
            ConnectApplication(w, (*n)->GetApplication(i), technique);
        }
        if (technique.empty() || technique == "noma-split")
        {
            for (uint32_t d = 0; d < (*n)->GetNDevices(); ++d)
            {
                auto dev = DynamicCast<NomaNetDevice>((*n)->GetDevice(d));
                if (dev && dev->GetMac() && FirstTime(PeekPointer(dev->GetMac())))
                {
                    dev->GetMac()->TraceConnectWithoutContext(
                        "Schedule", MakeBoundCallback(&NomaFrame, w, (*n)->GetId()));
                }
            }
        }
    }
    NS_LOG_INFO("traces enabled for " << (technique.empty() ? "all techniques" : technique) << ", "
                                      << g_connected.size() << " objects connected");
    return w;
}

} // namespace edgeinference
} // namespace ns3
