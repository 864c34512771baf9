/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-server.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("EdgeServer");

NS_OBJECT_ENSURE_REGISTERED(EdgeServer);

TypeId
EdgeServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::EdgeServer")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddConstructor<EdgeServer>()
            .AddAttribute("GpuMemory",
                          "GPU memory capacity for model parameters, bytes.",
                          UintegerValue(16000000000ULL),
                          MakeUintegerAccessor(&EdgeServer::SetGpuMemoryBytes,
                                               &EdgeServer::GetGpuMemoryBytes),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("LoadRate",
                          "Host-to-GPU loading rate R_L (default 48 Gbit/s = 6 GB/s, "
                          "PCIe 3.0 x16 class).",
                          DataRateValue(DataRate("48Gbps")),
                          MakeDataRateAccessor(&EdgeServer::SetLoadRate, &EdgeServer::GetLoadRate),
                          MakeDataRateChecker())
            .AddAttribute(
                "LoadOverhead",
                "Fixed overhead tau_0 of each load that copies at least one block.",
                TimeValue(Seconds(0)),
                MakeTimeAccessor(&EdgeServer::SetLoadOverhead, &EdgeServer::GetLoadOverhead),
                MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "EvictionPolicy",
                "KeepLastModel: the GPU keeps the blocks of the last loaded model "
                "(PartialLoading); Lru: a block cache evicting the least recently "
                "used blocks until the model fits.",
                EnumValue(EdgeServer::KEEP_LAST_MODEL),
                MakeEnumAccessor(&EdgeServer::SetEvictionPolicy, &EdgeServer::GetEvictionPolicy),
                MakeEnumChecker(
                    EdgeServer::KEEP_LAST_MODEL, "KeepLastModel", EdgeServer::LRU, "Lru"))
            .AddAttribute("GpuFlops",
                          "GPU speed used for the inference time of models without a set "
                          "time: I = samples x FLOPs / GpuFlops, FLOP/s.",
                          DoubleValue(50e12),
                          MakeDoubleAccessor(&EdgeServer::m_gpuFlops),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("SkipLateJobs",
                          "Fail a job without running it if it cannot end by its deadline "
                          "when its inference would start.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&EdgeServer::m_skipLateJobs),
                          MakeBooleanChecker())
            .AddAttribute("ShareBlocks",
                          "Reuse the resident blocks a model shares with the previous one; "
                          "false = the no-sharing baseline: a load of a model other than the "
                          "last loaded one first clears the whole GPU memory (pinned blocks "
                          "included) and copies every block of the model.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&EdgeServer::m_shareBlocks),
                          MakeBooleanChecker())
            .AddTraceSource("LoadStarted",
                            "A model load started: model, missing bytes, loading time.",
                            MakeTraceSourceAccessor(&EdgeServer::m_loadStartedTrace),
                            "ns3::edgeinference::EdgeServer::LoadTracedCallback")
            .AddTraceSource("InferenceStarted",
                            "A job's inference started.",
                            MakeTraceSourceAccessor(&EdgeServer::m_inferenceStartedTrace),
                            "ns3::edgeinference::EdgeServer::JobTracedCallback")
            .AddTraceSource("JobCompleted",
                            "A job's inference ended by its deadline.",
                            MakeTraceSourceAccessor(&EdgeServer::m_jobCompletedTrace),
                            "ns3::edgeinference::EdgeServer::JobTracedCallback")
            .AddTraceSource("JobFailed",
                            "A job failed: late, cancelled, unknown model, or its model does "
                            "not fit the GPU memory.",
                            MakeTraceSourceAccessor(&EdgeServer::m_jobFailedTrace),
                            "ns3::edgeinference::EdgeServer::JobTracedCallback");
    return tid;
}

EdgeServer::EdgeServer()
    : m_loadRate(DataRate("48Gbps"))
    , m_gpuFlops(50e12)
    , m_skipLateJobs(false)
    , m_shareBlocks(true)
    , m_gpu(16000000000ULL, 6e9)
    , m_isBusy(false)
    , m_isHeadLoaded(false)
    , m_nextJobId(1)
    , m_loadedBytes(0)
    , m_loadingTime(Seconds(0))
{
    NS_LOG_FUNCTION(this);
}

EdgeServer::~EdgeServer()
{
    NS_LOG_FUNCTION(this);
}

void
EdgeServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Simulator::Cancel(m_event);
    m_queue.clear();
    m_models.clear();
    Object::DoDispose();
}

void
EdgeServer::SetGpuMemoryBytes(uint64_t bytes)
{
    try
    {
        m_gpu.SetCapacity(bytes);
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR("EdgeServer: attribute GpuMemory = " << bytes << " bytes: " << e.what());
    }
}

uint64_t
EdgeServer::GetGpuMemoryBytes() const
{
    return m_gpu.GetCapacity();
}

void
EdgeServer::SetLoadRate(DataRate rate)
{
    NS_ABORT_MSG_IF(rate.GetBitRate() == 0, "EdgeServer: attribute LoadRate is 0 bit/s");
    m_loadRate = rate;
    m_gpu.SetLoadBandwidth(rate.GetBitRate() / 8.0);
}

DataRate
EdgeServer::GetLoadRate() const
{
    return m_loadRate;
}

void
EdgeServer::SetLoadOverhead(Time overhead)
{
    NS_ABORT_MSG_IF(overhead.IsStrictlyNegative(),
                    "EdgeServer: attribute LoadOverhead is " << overhead.As(Time::S)
                                                             << " (must be >= 0)");
    m_gpu.SetLoadOverhead(overhead.GetSeconds());
}

Time
EdgeServer::GetLoadOverhead() const
{
    return Seconds(m_gpu.GetLoadOverhead());
}

void
EdgeServer::SetEvictionPolicy(EvictionPolicy policy)
{
    m_gpu.SetEvictionPolicy(policy == LRU ? GpuMemoryModel::EvictionPolicy::LRU
                                          : GpuMemoryModel::EvictionPolicy::KEEP_LAST_MODEL);
}

EdgeServer::EvictionPolicy
EdgeServer::GetEvictionPolicy() const
{
    return m_gpu.GetEvictionPolicy() == GpuMemoryModel::EvictionPolicy::LRU ? LRU : KEEP_LAST_MODEL;
}

void
EdgeServer::AddModel(const DnnModel& model)
{
    NS_LOG_FUNCTION(this << model.GetName());
    NS_ABORT_MSG_IF(model.GetName().empty(), "EdgeServer::AddModel: the model has no name");
    NS_ABORT_MSG_IF(model.GetNLayers() == 0,
                    "EdgeServer::AddModel: model '" << model.GetName() << "' has no layers");
    if (model.GetTotalBytes() > m_gpu.GetCapacity())
    {
        NS_LOG_WARN("model '" << model.GetName() << "' needs " << model.GetTotalBytes()
                              << " bytes, more than the GPU memory (" << m_gpu.GetCapacity()
                              << " bytes): its jobs will fail");
    }
    m_models.erase(model.GetName());
    m_models.emplace(model.GetName(), model);
}

bool
EdgeServer::HasModel(const std::string& name) const
{
    return m_models.count(name) > 0;
}

void
EdgeServer::SetInferenceTime(const std::string& name, Time time)
{
    NS_ABORT_MSG_IF(!HasModel(name),
                    "EdgeServer::SetInferenceTime: model '" << name << "' is not in the catalogue");
    NS_ABORT_MSG_IF(!time.IsStrictlyPositive(),
                    "EdgeServer::SetInferenceTime: time of model '"
                        << name << "' is " << time.As(Time::S) << " (must be > 0)");
    m_inferenceTime[name] = time;
}

Time
EdgeServer::GetInferenceTime(const std::string& name, uint32_t samples) const
{
    auto it = m_inferenceTime.find(name);
    if (it != m_inferenceTime.end())
    {
        return it->second;
    }
    auto model = m_models.find(name);
    NS_ABORT_MSG_IF(model == m_models.end(),
                    "EdgeServer::GetInferenceTime: model '" << name << "' is not in the catalogue");
    return Seconds(samples * model->second.GetTotalFlops() / m_gpuFlops);
}

uint64_t
EdgeServer::Submit(const std::string& model,
                   uint32_t samples,
                   Time deadline,
                   bool isInputReady,
                   JobCallback callback)
{
    NS_ABORT_MSG_IF(samples == 0,
                    "EdgeServer::Submit: samples is 0 for model '" << model << "' (must be >= 1)");
    Job job;
    job.record.jobId = m_nextJobId++;
    job.record.model = model;
    job.record.samples = samples;
    job.record.submitted = Simulator::Now();
    job.record.deadline = deadline;
    if (isInputReady)
    {
        job.record.inputReady = Simulator::Now();
    }
    job.callback = callback;
    NS_LOG_FUNCTION(this << job.record.jobId << model << samples << deadline << isInputReady);
    m_queue.push_back(job);
    if (!m_isBusy)
    {
        // start from a fresh event so that the caller's state is consistent first
        m_isBusy = true;
        m_event = Simulator::ScheduleNow(&EdgeServer::TryStartNext, this);
    }
    return job.record.jobId;
}

void
EdgeServer::SetInputReady(uint64_t jobId)
{
    NS_LOG_FUNCTION(this << jobId);
    for (auto& job : m_queue)
    {
        if (job.record.jobId == jobId)
        {
            if (!job.isCancelled && job.record.inputReady.IsStrictlyNegative())
            {
                job.record.inputReady = Simulator::Now();
                if (&job == &m_queue.front() && m_isHeadLoaded &&
                    job.record.start.IsStrictlyNegative())
                {
                    StartInference();
                }
            }
            return;
        }
    }
}

bool
EdgeServer::Cancel(uint64_t jobId, const std::string& reason)
{
    NS_LOG_FUNCTION(this << jobId << reason);
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it)
    {
        if (it->record.jobId != jobId || !it->record.start.IsStrictlyNegative())
        {
            continue;
        }
        if (it->isCancelled)
        {
            return false; // already cancelled, its load is finishing
        }
        it->record.failure = "cancelled: " + reason;
        if (it == m_queue.begin() && m_isBusy && !m_isHeadLoaded)
        {
            // its blocks are being copied: the GPU memory already holds them, so the copy
            // finishes (ModelReady() drops the job) before the next job may use them
            it->isCancelled = true;
            Finish(*it);
            return true;
        }
        const bool isWaitingHead = it == m_queue.begin() && m_isBusy;
        Job job = *it;
        m_queue.erase(it);
        if (isWaitingHead)
        {
            // the head was loaded and waiting for its input: the GPU moves on
            Simulator::Cancel(m_event);
            m_isHeadLoaded = false;
            m_event = Simulator::ScheduleNow(&EdgeServer::TryStartNext, this);
        }
        Finish(job);
        return true;
    }
    return false;
}

uint32_t
EdgeServer::GetNPendingJobs() const
{
    return m_queue.size();
}

const GpuMemoryModel&
EdgeServer::GetGpuMemory() const
{
    return m_gpu;
}

uint64_t
EdgeServer::GetLoadedBytes() const
{
    return m_loadedBytes;
}

Time
EdgeServer::GetLoadingTime() const
{
    return m_loadingTime;
}

std::string
EdgeServer::CannotRun(const Job& job) const
{
    auto model = m_models.find(job.record.model);
    if (model == m_models.end())
    {
        return "unknown model '" + job.record.model + "'";
    }
    return "";
}

void
EdgeServer::TryStartNext()
{
    NS_LOG_FUNCTION(this);
    m_isHeadLoaded = false;
    while (!m_queue.empty())
    {
        Job& head = m_queue.front();
        std::string why = CannotRun(head);
        const DnnModel* model = nullptr;
        if (why.empty())
        {
            model = &m_models.at(head.record.model);
            if (!m_shareBlocks && model->GetName() != m_lastLoadedModel)
            {
                m_gpu.Clear(); // no-sharing baseline: nothing of the previous model is reused
            }
            const Time lambda = Seconds(m_gpu.LoadTime(*model));
            try
            {
                const GpuLoadResult load = m_gpu.Load(*model, Simulator::Now().GetSeconds());
                head.record.loadStart = Simulator::Now();
                m_lastLoadedModel = model->GetName();
                head.record.loadedBytes = load.loadedBytes;
                head.record.evictedBlocks = load.evicted.size();
                m_loadedBytes += load.loadedBytes;
                m_loadingTime += lambda;
                if (load.loadedBytes > 0)
                {
                    NS_LOG_INFO("job " << head.record.jobId << ": loading "
                                       << load.loadedBlocks.size() << " blocks ("
                                       << load.loadedBytes << " bytes) of '" << model->GetName()
                                       << "' in " << lambda.As(Time::MS) << ", evicting "
                                       << load.evicted.size());
                    m_loadStartedTrace(model->GetName(), load.loadedBytes, lambda);
                }
                m_isBusy = true;
                m_event = Simulator::Schedule(lambda, &EdgeServer::ModelReady, this);
                return;
            }
            catch (const std::invalid_argument& e)
            {
                // the model does not fit next to the pinned blocks; the state is unchanged
                why = e.what();
            }
        }
        Job failed = head;
        m_queue.pop_front();
        failed.record.failure = why;
        Finish(failed);
    }
    m_isBusy = false;
}

void
EdgeServer::ModelReady()
{
    NS_LOG_FUNCTION(this);
    NS_ASSERT(!m_queue.empty());
    if (m_queue.front().isCancelled)
    {
        m_queue.pop_front();
        TryStartNext();
        return;
    }
    m_isHeadLoaded = true;
    Job& head = m_queue.front();
    head.record.ready = Simulator::Now();
    if (!head.record.inputReady.IsStrictlyNegative())
    {
        StartInference();
    }
    // else: SetInputReady() starts it
}

void
EdgeServer::StartInference()
{
    NS_LOG_FUNCTION(this);
    Job& head = m_queue.front();
    const Time duration = GetInferenceTime(head.record.model, head.record.samples);
    if (m_skipLateJobs && Simulator::Now() + duration > head.record.deadline)
    {
        Job failed = head;
        m_queue.pop_front();
        failed.record.failure = "skipped: cannot end by the deadline";
        m_event = Simulator::ScheduleNow(&EdgeServer::TryStartNext, this);
        Finish(failed);
        return;
    }
    head.record.start = Simulator::Now();
    m_gpu.Touch(m_models.at(head.record.model), Simulator::Now().GetSeconds());
    m_inferenceStartedTrace(head.record);
    m_event = Simulator::Schedule(duration, &EdgeServer::InferenceDone, this);
}

void
EdgeServer::InferenceDone()
{
    NS_LOG_FUNCTION(this);
    Job job = m_queue.front();
    m_queue.pop_front();
    job.record.end = Simulator::Now();
    job.record.isCompleted = true;
    m_isHeadLoaded = false; // the next head is not loaded yet (a SetInputReady() from the
                            // callback below must not start it before TryStartNext())
    job.record.isOnTime = job.record.end <= job.record.deadline;
    if (!job.record.isOnTime)
    {
        job.record.failure = "deadline missed";
    }
    // the next job's load starts now, before the callback can submit more
    m_event = Simulator::ScheduleNow(&EdgeServer::TryStartNext, this);
    Finish(job);
}

void
EdgeServer::Finish(Job job)
{
    NS_LOG_INFO("job " << job.record.jobId << " (" << job.record.model << ") ended at "
                       << job.record.end.As(Time::S) << (job.record.isOnTime ? " on time" : "")
                       << (job.record.failure.empty() ? "" : ": " + job.record.failure));
    if (job.record.isOnTime)
    {
        m_jobCompletedTrace(job.record);
    }
    else
    {
        m_jobFailedTrace(job.record);
    }
    if (!job.callback.IsNull())
    {
        job.callback(job.record);
    }
}

} // namespace edgeinference
} // namespace ns3
