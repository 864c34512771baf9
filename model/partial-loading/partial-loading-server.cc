/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "partial-loading-server.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/lte-ul-amc-rate-model.h"
#include "ns3/name-table-checker.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("PartialLoadingServer");

NS_OBJECT_ENSURE_REGISTERED(PartialLoadingServer);

TypeId
PartialLoadingServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PartialLoadingServer")
            .SetParent<OffloadingServerBase>()
            .SetGroupName("EdgeInference")
            .AddConstructor<PartialLoadingServer>()
            .AddAttribute("Allocator",
                          "The PartialLoadingAllocator asked once per frame (null at the start: "
                          "a PartialLoadingSolverAllocator with its defaults).",
                          PointerValue(),
                          MakePointerAccessor(&PartialLoadingServer::m_allocator),
                          MakePointerChecker<PartialLoadingAllocator>())
            .AddAttribute("TotalBandwidthHz",
                          "Uplink bandwidth B shared by the served users, Hz (e.g. 25 RB x "
                          "180 kHz = 4.5 MHz).",
                          DoubleValue(4.5e6),
                          MakeDoubleAccessor(&PartialLoadingServer::m_totalBandwidthHz),
                          MakeDoubleChecker<double>(0.0, std::numeric_limits<double>::max()))
            .AddAttribute(
                "UploadWindow",
                "Step-2 upload window of the instance: ready-time (R2.4 of [2]: upload by "
                "the model-ready time rho_i; the resident model's first task cannot "
                "be served) or latest-start (extension: by the latest start keeping "
                "every later task on time).",
                EnumValue(static_cast<int>(UploadWindowRule::LATEST_START)),
                MakeEnumAccessor(&PartialLoadingServer::SetUploadWindowValue,
                                 &PartialLoadingServer::GetUploadWindowValue),
                MakeNameTableChecker(UploadWindowRuleNames(), UploadWindowRule::LATEST_START))
            .AddAttribute("LoadAtAllocation",
                          "Submit the served tasks to the EdgeServer at the decision, so "
                          "loading starts UploadStartDelay before the uploads' origin; the "
                          "instance says so (PartialLoadingProblem::uploadStartS = "
                          "UploadStartDelay, deadlines from the decision), so the allocator "
                          "plans with that head start. false = submit them at the origin "
                          "(the GPU idles during UploadStartDelay).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&PartialLoadingServer::m_loadAtAllocation),
                          MakeBooleanChecker())
            .AddAttribute("UplinkRateModel",
                          "Upload rate of the instances: Shannon (B log2(1 + s / B), the "
                          "reconstruction's fixed-power rate) or LteUlAmc (LteUlAmcRateModel: "
                          "uplink TB sizes of the MCS PF picks from the SRS SINR s_k / "
                          "TotalBandwidthHz, whole RBs, as BandwidthShareFfMacScheduler "
                          "executes B_k; TotalBandwidthHz must be the cell's uplink).",
                          EnumValue(0),
                          MakeEnumAccessor(&PartialLoadingServer::m_uplinkRateModel),
                          MakeEnumChecker(0, "Shannon", 1, "LteUlAmc"))
            .AddAttribute("MinUlGrantRbs",
                          "LteUlAmc: smallest uplink grant, RBs (the scheduler's MinUlGrantRbs).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&PartialLoadingServer::m_minUlGrantRbs),
                          MakeUintegerChecker<uint32_t>(1, 110));
    return tid;
}

PartialLoadingServer::PartialLoadingServer()
    : m_totalBandwidthHz(4.5e6)
    , m_uploadWindow(UploadWindowRule::LATEST_START)
    , m_uplinkRateModel(0)
    , m_minUlGrantRbs(3)
    , m_loadAtAllocation(true)
    , m_shareBlocks(true)
{
    NS_LOG_FUNCTION(this);
}

PartialLoadingServer::~PartialLoadingServer()
{
    NS_LOG_FUNCTION(this);
}

void
PartialLoadingServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_edge = nullptr;
    m_allocator = nullptr;
    OffloadingServerBase::DoDispose();
}

void
PartialLoadingServer::SetFamily(const DnnModelFamily& family)
{
    NS_LOG_FUNCTION(this << family.GetName());
    m_family = family;
}

const DnnModelFamily&
PartialLoadingServer::GetFamily() const
{
    return m_family;
}

Ptr<EdgeServer>
PartialLoadingServer::GetEdgeServer() const
{
    return m_edge;
}

Ptr<PartialLoadingAllocator>
PartialLoadingServer::GetAllocator() const
{
    return m_allocator;
}

const std::map<uint32_t, PartialLoadingDecision>&
PartialLoadingServer::GetDecisions() const
{
    return m_decisions;
}

const std::map<size_t, EdgeServerJobRecord>&
PartialLoadingServer::GetJobRecords() const
{
    return m_jobRecords;
}

void
PartialLoadingServer::CheckConfiguration()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_family.GetModels().empty(),
                    "PartialLoadingServer: the catalogue is empty (use SetFamily() or "
                    "PartialLoadingHelper::SetFamily())");
    NS_ABORT_MSG_IF(m_family.GetModels().size() > 65536,
                    "PartialLoadingServer: the catalogue has " << m_family.GetModels().size()
                                                               << " models (at most 65536)");
    m_edge = GetNode()->GetObject<EdgeServer>();
    NS_ABORT_MSG_IF(!m_edge,
                    "PartialLoadingServer: node " << GetNode()->GetId()
                                                  << " has no EdgeServer aggregated");
    for (const DnnModel& m : m_family.GetModels())
    {
        if (!m_edge->HasModel(m.GetName()))
        {
            m_edge->AddModel(m);
        }
    }
    BooleanValue share;
    m_edge->GetAttribute("ShareBlocks", share);
    m_shareBlocks = share.Get();
    if (!m_allocator)
    {
        m_allocator = CreateObject<PartialLoadingSolverAllocator>();
    }
}

bool
PartialLoadingServer::CheckRequest(const TaskRecord& t, std::string& why) const
{
    if (t.modelIndex >= m_family.GetModels().size())
    {
        std::ostringstream oss;
        oss << "model index " << t.modelIndex << " is not in the catalogue '" << m_family.GetName()
            << "' of " << m_family.GetModels().size() << " models";
        why = oss.str();
        return false;
    }
    return true;
}

void
PartialLoadingServer::SetUploadWindowValue(int value)
{
    m_uploadWindow = static_cast<UploadWindowRule>(value);
}

int
PartialLoadingServer::GetUploadWindowValue() const
{
    return static_cast<int>(m_uploadWindow);
}

std::string
PartialLoadingServer::ResidentModel() const
{
    return m_edge->GetNPendingJobs() > 0 ? m_lastSubmittedModel : m_residentModel;
}

OffloadingServerBase::FrameDecision
PartialLoadingServer::DecideFrame(uint32_t frame, const std::vector<FrameRequest>& requests)
{
    NS_LOG_FUNCTION(this << frame << requests.size());
    const size_t n = requests.size();
    FrameDecision out;
    out.isServed.assign(n, false);
    out.reason.assign(n, 0);
    out.reasonText.assign(n, "");
    out.exit.assign(n, -1);
    out.bandwidthHz.assign(n, 0.0);
    out.uploadEndS.assign(n, 0.0);
    out.completionS.assign(n, 0.0);
    if (n == 0)
    {
        return out;
    }

    PartialLoadingProblem problem;
    problem.family = m_family;
    DataRateValue rate;
    m_edge->GetAttribute("LoadRate", rate);
    problem.loadBandwidthBps = static_cast<double>(rate.Get().GetBitRate()) / 8.0;
    TimeValue overhead;
    m_edge->GetAttribute("LoadOverhead", overhead);
    problem.loadOverheadS = overhead.Get().GetSeconds();
    UintegerValue capacity;
    m_edge->GetAttribute("GpuMemory", capacity);
    problem.gpuCapacityBytes = capacity.Get();
    for (const DnnModel& m : m_family.GetModels())
    {
        problem.inferenceTimeS[m.GetName()] = m_edge->GetInferenceTime(m.GetName()).GetSeconds();
    }
    problem.residentModel = ResidentModel();
    problem.totalBandwidthHz = m_totalBandwidthHz;
    problem.uploadWindow = m_uploadWindow;
    // time 0 of the instance: when the GPU may start loading. With LoadAtAllocation the jobs
    // are submitted now, UploadStartDelay before the uploads' origin: the instance's time 0 is
    // now and its uploads start UploadStartDelay later, so that the prediction includes the
    // head start the execution has; otherwise time 0 is the origin.
    const double headStartS = m_loadAtAllocation ? GetUploadStartDelay().GetSeconds() : 0.0;
    problem.uploadStartS = headStartS;
    std::shared_ptr<const RateModel> lteUl;
    if (m_uplinkRateModel == 1)
    {
        const double rbs = m_totalBandwidthHz / LteUlAmcRateModel::RB_HZ;
        const auto nRb = static_cast<uint32_t>(std::lround(rbs));
        NS_ABORT_MSG_IF(std::abs(rbs - nRb) > 1e-6 || nRb < 6 || nRb > 110 || m_minUlGrantRbs > nRb,
                        "PartialLoadingServer: UplinkRateModel LteUlAmc needs TotalBandwidthHz = "
                        "the cell's uplink, 6..110 RBs of 180 kHz, and MinUlGrantRbs <= that; "
                        "they are "
                            << m_totalBandwidthHz << " Hz and " << m_minUlGrantRbs << " RBs");
        std::vector<double> sinr;
        for (const FrameRequest& r : requests)
        {
            sinr.push_back(r.snrBandwidthHz / m_totalBandwidthHz);
        }
        lteUl = std::make_shared<LteUlAmcRateModel>(sinr, nRb, m_minUlGrantRbs);
    }
    for (size_t i = 0; i < requests.size(); ++i)
    {
        const FrameRequest& r = requests[i];
        TaskRecord& t = Task(r.task);
        t.model = m_family.GetModels()[t.modelIndex].GetName();
        PartialLoadingRequest q;
        q.model = t.model;
        q.uploadBits = r.uploadBits;
        q.deadlineS = std::max(0.0, r.deadlineS) + headStartS;
        q.channel = lteUl ? UplinkChannel::FromRateModel(lteUl, static_cast<uint32_t>(i))
                          : UplinkChannel::FixedPower(r.snrBandwidthHz);
        problem.requests.push_back(q);
        out.frameLengthS = std::max(out.frameLengthS, std::max(0.0, r.deadlineS));
    }

    const PartialLoadingDecision decision = m_allocator->Allocate(problem);
    const std::vector<std::string>& rejections = m_allocator->GetRejections();
    const std::string lastRejection = rejections.empty() ? "" : rejections.back();

    const double equalShareHz =
        decision.nServed == 0 ? 0.0 : m_totalBandwidthHz / static_cast<double>(decision.nServed);
    for (size_t k = 0; k < n; ++k)
    {
        out.isServed[k] = decision.isServed[k];
        out.reason[k] = static_cast<uint8_t>(decision.reason[k]);
        out.reasonText[k] = decision.isServed[k] ? "" : ToString(decision.reason[k]);
        if (decision.reason[k] == UnservedReason::DECISION_REJECTED)
        {
            out.reasonText[k] += ": " + lastRejection;
        }
        if (decision.isServed[k])
        {
            out.bandwidthHz[k] =
                std::isfinite(decision.bandwidthHz[k]) ? decision.bandwidthHz[k] : equalShareHz;
        }
    }
    const bool hasWindows = PartialLoadingSolver::HasUploadWindows(decision.algorithm);
    const Time origin = Simulator::Now() + GetUploadStartDelay();
    // the instance's times are from the instance's time 0, the base class's from the origin
    for (const TaskTiming& slot : decision.prediction.tasks)
    {
        const uint32_t k = slot.request;
        out.uploadEndS[k] = slot.uploadTimeS - headStartS;
        out.completionS[k] = slot.endTimeS - headStartS;
        // the input must be in by the step-2 window (rho_i or L_i), else by T_k - I_m
        const double inferenceS = problem.inferenceTimeS.at(problem.requests[k].model);
        const bool hasWindow = hasWindows && decision.uploadWindowS[k] > 0.0;
        const double windowS = std::max(slot.uploadTimeS,
                                        hasWindow ? decision.uploadWindowS[k]
                                                  : problem.requests[k].deadlineS - inferenceS) -
                               headStartS;
        m_inputCutoff[requests[k].task] = origin + Seconds(windowS);
        out.latestUploadEndS = std::max(out.latestUploadEndS, windowS);
    }
    out.order = decision.order;
    // on-time tasks per second of the largest deadline from the origin (the solver's
    // throughputPerS divides by the largest deadline of the instance, which includes the
    // head start)
    out.throughputPerS = out.frameLengthS > 0.0 && std::isfinite(out.frameLengthS)
                             ? decision.prediction.nOnTime / out.frameLengthS
                             : 0.0;
    out.startS = 0;
    NS_LOG_INFO("frame " << frame << ": " << ToString(decision.algorithm) << " (scheduler "
                         << ToString(decision.scheduler) << ") serves " << decision.nServed << "/"
                         << n << ", predicted makespan " << decision.prediction.makespanS << " s");
    m_decisions[frame] = decision;
    return out;
}

void
PartialLoadingServer::FrameDecided(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    for (size_t i : Frame(frame).gpuOrder)
    {
        const Time at = m_inputCutoff.at(i) + GetCutoffSlack();
        m_inputCutoff.erase(i); // only needed to schedule the cutoff
        m_inputCutoffEvents[i] = Simulator::Schedule(std::max(at - Simulator::Now(), Seconds(0)),
                                                     &PartialLoadingServer::InputCutoff,
                                                     this,
                                                     i);
    }
    if (m_loadAtAllocation)
    {
        SubmitJobs(frame);
    }
    else
    {
        m_submitEvents[frame] = Simulator::Schedule(
            GetUploadStartDelay(), &PartialLoadingServer::SubmitJobs, this, frame);
    }
    if (AllInputsIn(Frame(frame)))
    {
        CloseUploads(frame); // nothing to upload
    }
}

void
PartialLoadingServer::SubmitJobs(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    m_submitEvents.erase(frame);
    // execute the decision's load rule (no-sharing: every change of model reloads it whole)
    auto decision = m_decisions.find(frame);
    const bool isSharing =
        decision == m_decisions.end() || decision->second.loadRule == LoadRule::SHARING;
    m_edge->SetAttribute("ShareBlocks", BooleanValue(m_shareBlocks && isSharing));
    for (size_t i : Frame(frame).gpuOrder)
    {
        const TaskRecord& t = Task(i);
        if (t.outcome != PENDING)
        {
            continue; // failed at the cutoff before the submission
        }
        const bool isInputReady = t.receivedBytes >= t.uploadBytes;
        const uint64_t job = m_edge->Submit(t.model,
                                            1,
                                            Seconds(ServerDeadlineS(t)),
                                            isInputReady,
                                            MakeCallback(&PartialLoadingServer::JobDone, this));
        m_jobOfTask[i] = job;
        m_taskOfJob[job] = i;
        m_lastSubmittedModel = t.model;
    }
}

void
PartialLoadingServer::InputComplete(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    auto job = m_jobOfTask.find(index);
    if (job != m_jobOfTask.end())
    {
        m_edge->SetInputReady(job->second);
    }
    const uint32_t frame = Task(index).frame;
    if (AllInputsIn(Frame(frame)))
    {
        CloseUploads(frame);
    }
}

void
PartialLoadingServer::InputCutoff(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_inputCutoffEvents.erase(index);
    const TaskRecord& t = Task(index);
    if (t.outcome != PENDING || t.receivedBytes >= t.uploadBytes)
    {
        return;
    }
    std::ostringstream oss;
    oss << "input incomplete at its upload window (" << t.receivedBytes << " of " << t.uploadBytes
        << " bytes)";
    FailTask(index, oss.str());
    auto job = m_jobOfTask.find(index);
    if (job != m_jobOfTask.end())
    {
        m_edge->Cancel(job->second, t.failureReason);
    }
}

void
PartialLoadingServer::UploadCutoff(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    CloseUploads(frame);
    for (size_t i : Frame(frame).gpuOrder)
    {
        auto job = m_jobOfTask.find(i);
        if (Task(i).outcome == FAILED && job != m_jobOfTask.end())
        {
            m_edge->Cancel(job->second, Task(i).failureReason);
        }
    }
}

void
PartialLoadingServer::JobDone(const EdgeServerJobRecord& record)
{
    NS_LOG_FUNCTION(this << record.jobId);
    if (record.loadStart >= Seconds(0))
    {
        m_residentModel = record.model;
    }
    auto it = m_taskOfJob.find(record.jobId);
    if (it == m_taskOfJob.end())
    {
        return;
    }
    const size_t index = it->second;
    m_jobRecords[index] = record;
    TaskRecord& t = Task(index);
    if (t.outcome != PENDING)
    {
        return; // cancelled by the cutoff
    }
    if (record.start >= Seconds(0))
    {
        t.batchStartS = record.start.GetSeconds();
    }
    if (record.isCompleted)
    {
        CompleteTask(index);
    }
    else
    {
        FailTask(index, record.failure);
    }
}

void
PartialLoadingServer::DoStop()
{
    NS_LOG_FUNCTION(this);
    for (auto& kv : m_submitEvents)
    {
        Simulator::Cancel(kv.second);
    }
    m_submitEvents.clear();
    for (auto& kv : m_inputCutoffEvents)
    {
        Simulator::Cancel(kv.second);
    }
    m_inputCutoffEvents.clear();
    if (!m_edge)
    {
        return;
    }
    const std::map<size_t, uint64_t> jobs = m_jobOfTask;
    for (const auto& kv : jobs)
    {
        if (Task(kv.first).outcome == PENDING)
        {
            m_edge->Cancel(kv.second, "server application stopped");
        }
    }
}

} // namespace edgeinference
} // namespace ns3
