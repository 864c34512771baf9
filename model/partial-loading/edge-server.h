/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_SERVER_H
#define EDGE_SERVER_H

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/dnn-model.h"
#include "ns3/event-id.h"
#include "ns3/gpu-memory-model.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <string>

/**
 * @file
 * @ingroup edge-inference-partial-loading
 * @brief Edge-server node model: GPU memory with shared parameter blocks, model loading and
 * inference as events in simulated time.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-partial-loading
 * @brief What happened to one job of an EdgeServer.
 *
 * Times are simulation times; a time that was never reached is -1 s.
 */
struct EdgeServerJobRecord
{
    uint64_t jobId{0};            ///< Id returned by EdgeServer::Submit()
    std::string model;            ///< Model name
    uint32_t samples{1};          ///< Input samples
    Time submitted{Seconds(-1)};  ///< When the job was submitted
    Time loadStart{Seconds(-1)};  ///< Start of its model load (= ready time if nothing missing)
    Time ready{Seconds(-1)};      ///< Model ready on the GPU: rho = previous end + lambda
    Time inputReady{Seconds(-1)}; ///< When the job's input was available (upload end u)
    Time start{Seconds(-1)};      ///< Inference start b = max(rho, u)
    Time end{Seconds(-1)};        ///< Inference end e = b + I
    Time deadline{Time::Max()};   ///< Absolute deadline T (Time::Max() = none)
    uint64_t loadedBytes{0};      ///< Bytes loaded for this job (missing blocks only)
    uint32_t evictedBlocks{0};    ///< Blocks evicted by its load
    bool isCompleted{false};      ///< Inference finished (on time or late)
    bool isOnTime{false};         ///< Finished by its deadline
    std::string failure;          ///< Empty if on time, else why the job failed
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief An edge server's GPU, aggregated to a Node: models are loaded into GPU memory block
 * by block over a host-to-GPU link, and inference runs one job at a time.
 *
 * Implements the server timing of PartialLoading (G. Qu, Q. Chen, X. Chen, K. Huang, Y. Fang,
 * "User Scheduling and Bandwidth Allocation for Parameter-sharing Edge Inference", arXiv
 * 2503.22982; module the module's reconstruction, R2.2 of [2], a reconstruction) as events:
 * jobs run in the order they are submitted (the scheduler decides that order). When job i
 * reaches the head of the queue and the GPU is idle, the blocks of its model that are not
 * resident are loaded, taking lambda = missing bytes / LoadBandwidth + LoadOverhead (no
 * load, and no overhead, if nothing is missing); blocks the previous model shares are not
 * loaded again, and the EvictionPolicy decides what leaves the memory (GpuMemoryModel). The
 * model is then ready at rho_i = e_{i-1} + lambda_i. Inference starts at b_i = max(rho_i,
 * u_i), where u_i is when the job's input is available (SetInputReady(), e.g. when its
 * upload arrived), and ends at e_i = b_i + I_m. The next job's load starts at e_i: loading
 * and inference of different jobs do not overlap, as in the reconstruction.
 *
 * I_m is SetInferenceTime() for the model if set, else samples x model FLOPs / GpuFlops.
 *
 * A job whose inference ends after its deadline counts as failed ("deadline missed"), never
 * as done. A job of a model larger than the GPU memory (after the pinned blocks), or of a
 * model not in the catalogue, fails at once with the reason; the queue goes on. With
 * SkipLateJobs a job that can no longer meet its deadline when its inference would start is
 * failed without using the GPU. Cancel() removes a waiting job (e.g. whose upload was lost).
 *
 * The job's callback and the JobCompleted/JobFailed traces report the EdgeServerJobRecord.
 * ShareBlocks = false gives the no-sharing baseline: loading a model other than the last
 * loaded one clears the GPU memory first, so lambda = the whole model / LoadBandwidth
 * (GpuMemoryModel::NoSharingSwitchTime()).
 */
class EdgeServer : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    EdgeServer();
    ~EdgeServer() override;

    // Delete copy constructor and assignment operator to avoid misuse
    EdgeServer(const EdgeServer&) = delete;
    EdgeServer& operator=(const EdgeServer&) = delete;

    /// Eviction policy (attribute EvictionPolicy; see GpuMemoryModel::EvictionPolicy).
    enum EvictionPolicy
    {
        KEEP_LAST_MODEL, ///< Keep the blocks of the last loaded model only (PartialLoading)
        LRU,             ///< Block cache: evict least-recently-used blocks until the model fits
    };

    /// Callback of a finished job (completed on time, late, or failed).
    typedef Callback<void, const EdgeServerJobRecord&> JobCallback;

    /**
     * TracedCallback signature of a model load.
     * @param [in] model the model name
     * @param [in] bytes bytes of the missing blocks
     * @param [in] duration loading time lambda
     */
    typedef void (*LoadTracedCallback)(const std::string& model, uint64_t bytes, Time duration);

    /**
     * TracedCallback signature of a job event.
     * @param [in] record the job record
     */
    typedef void (*JobTracedCallback)(const EdgeServerJobRecord& record);

    /**
     * @brief Add a model to the catalogue (replaces a model of the same name).
     * @param [in] model the model; its parameter blocks decide what is shared
     */
    void AddModel(const DnnModel& model);

    /**
     * @param [in] name a model name
     * @return whether the catalogue has it
     */
    bool HasModel(const std::string& name) const;

    /**
     * @brief Set the inference time I_m of a model (overrides the FLOPs-based time).
     * @param [in] name model name (in the catalogue)
     * @param [in] time inference time of one job (> 0)
     */
    void SetInferenceTime(const std::string& name, Time time);

    /**
     * @param [in] name model name (in the catalogue)
     * @param [in] samples input samples of the job
     * @return I_m: the set inference time, else samples x FLOPs / GpuFlops
     */
    Time GetInferenceTime(const std::string& name, uint32_t samples = 1) const;

    /**
     * @brief Queue a job. It runs after the jobs submitted before it.
     * @param [in] model model name
     * @param [in] samples input samples (>= 1)
     * @param [in] deadline absolute deadline (Time::Max() for none)
     * @param [in] isInputReady whether the input is already there (else call SetInputReady())
     * @param [in] callback called once when the job finishes or fails (may be null)
     * @return the job id
     */
    uint64_t Submit(const std::string& model,
                    uint32_t samples,
                    Time deadline,
                    bool isInputReady,
                    JobCallback callback = JobCallback());

    /**
     * @brief Mark a job's input as available now. Unknown or finished jobs are ignored.
     * @param [in] jobId the job
     */
    void SetInputReady(uint64_t jobId);

    /**
     * @brief Remove a job that has not started its inference; it fails with @p reason.
     * @param [in] jobId the job
     * @param [in] reason why (reported in the record)
     * @return whether the job was found and cancelled
     */
    bool Cancel(uint64_t jobId, const std::string& reason);

    /// @return jobs submitted and not finished (including the one running)
    uint32_t GetNPendingJobs() const;

    /// @return the GPU memory state
    const GpuMemoryModel& GetGpuMemory() const;

    /// @return total bytes loaded into the GPU so far
    uint64_t GetLoadedBytes() const;

    /// @return total time spent loading so far
    Time GetLoadingTime() const;

  protected:
    void DoDispose() override;

  private:
    /// A queued job.
    struct Job
    {
        EdgeServerJobRecord record; ///< What happened so far
        JobCallback callback;       ///< Called when it ends
        /// Cancelled while its model was loading: reported already, leaves the queue when
        /// the load (whose bytes are already committed to the GPU memory) completes
        bool isCancelled{false};
    };

    /// @param [in] bytes GPU memory capacity (attribute setter)
    void SetGpuMemoryBytes(uint64_t bytes);
    /// @return GPU memory capacity, bytes (attribute getter)
    uint64_t GetGpuMemoryBytes() const;
    /// @param [in] rate host-to-GPU loading rate (attribute setter)
    void SetLoadRate(DataRate rate);
    /// @return host-to-GPU loading rate (attribute getter)
    DataRate GetLoadRate() const;
    /// @param [in] overhead per-load overhead tau_0 (attribute setter)
    void SetLoadOverhead(Time overhead);
    /// @return per-load overhead tau_0 (attribute getter)
    Time GetLoadOverhead() const;
    /// @param [in] policy eviction policy (attribute setter)
    void SetEvictionPolicy(EvictionPolicy policy);
    /// @return eviction policy (attribute getter)
    EvictionPolicy GetEvictionPolicy() const;

    /**
     * @param [in] it the job
     * @return why the job cannot run at all (empty if it can)
     */
    std::string CannotRun(const Job& it) const;

    /// Start the head job's load if the GPU is idle.
    void TryStartNext();

    /// The head job's model is ready: start inference if its input is there.
    void ModelReady();

    /// Start the head job's inference.
    void StartInference();

    /// The head job's inference ended.
    void InferenceDone();

    /**
     * @brief Finish a job (remove from the queue, fire traces and the callback).
     * @param [in] job the job (copied: it leaves the queue)
     */
    void Finish(Job job);

    DataRate m_loadRate;           ///< R_L (attribute LoadRate)
    double m_gpuFlops;             ///< GPU speed for FLOPs-based I_m, FLOP/s
    bool m_skipLateJobs;           ///< Fail hopeless jobs before they start
    bool m_shareBlocks;            ///< Reuse shared resident blocks (false: no-sharing baseline)
    std::string m_lastLoadedModel; ///< Model of the last load (empty: none yet)

    GpuMemoryModel m_gpu;                        ///< GPU memory state
    std::map<std::string, DnnModel> m_models;    ///< Catalogue by name
    std::map<std::string, Time> m_inferenceTime; ///< I_m overrides
    std::deque<Job> m_queue;                     ///< Jobs in run order (head = current)
    bool m_isBusy;                               ///< Loading or computing the head job
    bool m_isHeadLoaded;                         ///< Head job's model is ready
    EventId m_event;                             ///< Pending load or inference end
    uint64_t m_nextJobId;                        ///< Next job id
    uint64_t m_loadedBytes;                      ///< Cumulative loaded bytes
    Time m_loadingTime;                          ///< Cumulative loading time

    TracedCallback<const std::string&, uint64_t, Time> m_loadStartedTrace; ///< Load started
    TracedCallback<const EdgeServerJobRecord&> m_inferenceStartedTrace;    ///< Inference start
    TracedCallback<const EdgeServerJobRecord&> m_jobCompletedTrace;        ///< On time
    TracedCallback<const EdgeServerJobRecord&> m_jobFailedTrace;           ///< Failed or late
};

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_SERVER_H */
