/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PARTIAL_LOADING_SOLVER_H
#define PARTIAL_LOADING_SOLVER_H

#include "ns3/dnn-model.h"
#include "ns3/rate-model.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-partial-loading
 * @brief PartialLoading user scheduling and uplink bandwidth allocation (pure C++).
 *
 * G. Qu, Q. Chen, X. Chen, K. Huang, Y. Fang, "User Scheduling and Bandwidth Allocation for
 * Parameter-sharing Edge Inference", arXiv 2503.22982. The full text was not available; the
 * model and algorithms follow the module's reconstruction R2.1–R2.7 of [2], which marks them as
 * reconstructions [R] consistent with the verified abstract:
 * - timing (R2.2 of [2]): for a schedule pi = (k_1 .. k_n), the GPU loads only the blocks of
 *   model m_i missing after m_{i-1}: lambda_i = bytes(J_{m_i} \ J_{m_{i-1}}) / R_L +
 *   tau_0 * 1[missing blocks], rho_i = e_{i-1} + lambda_i, b_i = max(rho_i, u_{k_i}),
 *   e_i = b_i + I_{m_i}, on time iff e_i <= T_{k_i};
 * - decoupling (R2.4 of [2]): step 1 schedules with u_k = 0, step 2 gives every user the
 *   minimum bandwidth that finishes its upload by rho_i; if the sum exceeds B the served
 *   task with the largest minimum is dropped and step 1 is solved again;
 * - backbone-sharing dynamic programme (R2.5 of [2]), optimal for a common deadline;
 * - group-ratio greedy (R2.6 of [2]) for arbitrary sharing and heterogeneous deadlines;
 * - baselines (R2.7 of [2]).
 *
 * Units: bytes, bytes/s, s, bit, Hz. The GPU holds the blocks of the last loaded model
 * (GpuMemoryModel::EvictionPolicy::KEEP_LAST_MODEL); switch times come from
 * GpuMemoryModel::SwitchTime() and GpuMemoryModel::NoSharingSwitchTime(), minimum bandwidths
 * from MinBandwidthLinear() and MinBandwidthFixedPower() (radio-rate.h).
 *
 * A task is on time when e <= T (1 + 1e-9) for T >= 1 s and e <= T + 1e-9 s otherwise
 * (PARTIAL_LOADING_DEADLINE_TOLERANCE), so that sums of the same durations taken in a
 * different order do not flip a deadline decision.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-partial-loading
 * @brief Deadline tolerance: e is on time iff e <= T + this * max(|T|, 1 s).
 */
static constexpr double PARTIAL_LOADING_DEADLINE_TOLERANCE{1e-9};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Uplink channel of one user (R2.1 of [2] and 2.4).
 */
struct UplinkChannel
{
    /// How the upload rate depends on the allocated bandwidth.
    enum class Type
    {
        CONSTANT_PSD, ///< r = B eta (constant power spectral density; linear in B)
        FIXED_POWER,  ///< r = B log2(1 + s / B) (fixed total power; s = p g / N0)
        /// r = rateModel->Rate(rateModelUser, B), any RateModel (e.g. LteUlAmcRateModel: the
        /// LTE uplink executed by BandwidthShareFfMacScheduler)
        RATE_MODEL,
    };

    Type type{Type::CONSTANT_PSD};              ///< Rate model
    double spectralEfficiency{0};               ///< eta, bit/s/Hz (CONSTANT_PSD only)
    double snrBandwidthHz{0};                   ///< s = p g / N0, Hz (FIXED_POWER only)
    std::shared_ptr<const RateModel> rateModel; ///< The model (RATE_MODEL only)
    uint32_t rateModelUser{0};                  ///< This user's index in it (RATE_MODEL only)

    /**
     * @param [in] spectralEfficiency eta, bit/s/Hz (finite, >= 0)
     * @return a constant-PSD channel
     */
    static UplinkChannel ConstantPsd(double spectralEfficiency);

    /**
     * @param [in] snrBandwidthHz s = p g / N0, Hz (finite, >= 0; see SnrBandwidthHz())
     * @return a fixed-power (Shannon) channel
     */
    static UplinkChannel FixedPower(double snrBandwidthHz);

    /**
     * @param [in] model a rate model (not null)
     * @param [in] user the user's index in it (< model->GetNUsers())
     * @return a channel whose rate is the model's
     */
    static UplinkChannel FromRateModel(std::shared_ptr<const RateModel> model, uint32_t user);

    /**
     * @param [in] bandwidthHz allocated bandwidth, Hz (>= 0, finite)
     * @return the upload rate, bit/s
     */
    double Rate(double bandwidthHz) const;

    /**
     * @brief Minimum bandwidth that uploads @p bits within @p timeS (R2.4 of [2] B_k^min).
     * @param [in] bits payload D, bit (>= 0)
     * @param [in] timeS available time, s (<= 0 with bits > 0 is infeasible)
     * @return the bandwidth, Hz: 0 for bits = 0, +infinity if infeasible
     */
    double MinBandwidth(double bits, double timeS) const;
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief One inference request (one user, R2.1 of [2]).
 */
struct PartialLoadingRequest
{
    std::string model;     ///< Requested model m_k: the name of a model of the family
    double uploadBits{0};  ///< Input size D_k, bit (finite, >= 0)
    double deadlineS{0};   ///< Deadline T_k, s from t = 0 (>= 0; +infinity allowed)
    UplinkChannel channel; ///< Uplink channel of the user
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Load rule between consecutive models (R2.2 of [2]).
 */
enum class LoadRule
{
    SHARING,    ///< Load only the missing blocks (GpuMemoryModel::SwitchTime())
    NO_SHARING, ///< Reload the whole model on every change (GpuMemoryModel::NoSharingSwitchTime())
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Upload deadline used by the step-2 bandwidth allocation.
 */
enum class UploadWindowRule
{
    /// Reconstruction 2.4: the upload of the task in slot i must end by its model-ready time rho_i,
    /// so no task is delayed. A task with rho_i = 0 (the resident model's first task) then needs
    /// infinite bandwidth and is dropped.
    READY_TIME,
    /// Extension (not in the reconstruction): the upload must end by the latest start L_i that
    /// keeps every later task on time, L_i = min(T_{k_i}, L_{i+1} - lambda_{i+1}) - I_{m_i}, L_n =
    /// T_{k_n} - I_{m_n}. L_i >= rho_i, so it never needs more bandwidth.
    LATEST_START,
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief A PartialLoading instance (R2.1 of [2]).
 */
struct PartialLoadingProblem
{
    DnnModelFamily family;        ///< Models and their parameter blocks (same id = shared block)
    double loadBandwidthBps{6e9}; ///< R_L, bytes/s (finite, > 0; default 6 GB/s, R2.8 of [2] [A])
    double loadOverheadS{0};      ///< tau_0, s per non-empty load (finite, >= 0)
    std::map<std::string, double> inferenceTimeS; ///< I_m by model name, s (every requested model)
    std::string residentModel; ///< m_0, the model resident at t = 0; empty = cold GPU
    std::vector<PartialLoadingRequest> requests; ///< The K requests
    double totalBandwidthHz{0};                  ///< Uplink total B, Hz (>= 0; +infinity allowed)
    uint64_t gpuCapacityBytes{
        0}; ///< GPU memory, bytes; 0 = unlimited. Larger models are not served
    UploadWindowRule uploadWindow{UploadWindowRule::READY_TIME}; ///< Step-2 window rule
    /// When the uploads start, s (finite, >= 0; default 0, the reconstruction's instance).
    /// Time 0 is when the GPU may start loading; a server that starts loading before the
    /// uploads can start (PartialLoadingServer LoadAtAllocation) sets the head start here.
    /// Upload ends are u_k = uploadStartS + D_k / r_k (uploadStartS with infinite bandwidth,
    /// 0 if D_k = 0) and the step-2 minimum bandwidth of a window w uploads D_k in
    /// w - uploadStartS. Step 1 (u_k = 0) does not depend on it.
    double uploadStartS{0};
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Predicted timing of one task of a schedule (R2.2 of [2]).
 */
struct TaskTiming
{
    uint32_t request{0};   ///< Request index k
    double loadTimeS{0};   ///< lambda_i, s
    double readyTimeS{0};  ///< rho_i = e_{i-1} + lambda_i, s
    double uploadTimeS{0}; ///< u_k, s (0 with infinite bandwidth or D_k = 0)
    double startTimeS{0};  ///< b_i = max(rho_i, u_k), s
    double endTimeS{0};    ///< e_i = b_i + I_m, s
    double deadlineS{0};   ///< T_k, s
    bool isOnTime{false};  ///< e_i <= T_k (within PARTIAL_LOADING_DEADLINE_TOLERANCE)
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Predicted outcome of a schedule.
 */
struct SchedulePrediction
{
    std::vector<TaskTiming> tasks; ///< One entry per scheduled task, in execution order
    uint32_t nOnTime{0};           ///< Tasks that meet their deadline (the throughput |S|)
    bool isAllOnTime{true};        ///< Every scheduled task meets its deadline
    double makespanS{0};           ///< End of the last task, s (0 for an empty schedule)
    /// nOnTime / T_max, T_max the largest deadline of the problem's requests (the common
    /// deadline T in the DP case); 0 if T_max is 0 or infinite, tasks/s
    double throughputPerS{0};
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Algorithms of Decide() (R2.5–R2.7 of [2]).
 */
enum class SchedulingAlgorithm
{
    /// The proposed scheme: BACKBONE_DP when all candidate deadlines are equal and the models
    /// are backbone-sharing, else GROUP_GREEDY (bandwidth-aware); then step 2
    PARTIAL_LOADING,
    BACKBONE_DP,        ///< Reconstruction 2.5 DP then step 2; throws if not applicable
    GROUP_GREEDY,       ///< Reconstruction 2.6 group-ratio greedy then step 2
    PER_REQUEST_GREEDY, ///< Reconstruction 2.6 myopic variant (smallest lambda + I first) then step
                        ///< 2
    NO_SHARING,         ///< Baseline (i): PARTIAL_LOADING's scheduler with full reloads
    FCFS,               ///< Baseline (ii): request order, sharing, skip late tasks; step 2
    EDF,                ///< Baseline (iii): earliest deadline first, sharing; step 2
    DP_EQUAL_BANDWIDTH, ///< Baseline (iv): PARTIAL_LOADING's step 1, then B / K per user
    INFINITE_BANDWIDTH, ///< Baseline (v), upper bound: step 1 only, uploads take no time
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Why a request is not served.
 */
enum class UnservedReason
{
    NONE,                     ///< Served
    MODEL_EXCEEDS_GPU_MEMORY, ///< The model is larger than PartialLoadingProblem::gpuCapacityBytes
    DEADLINE,                 ///< Step 1 could not fit the task before its deadline (GPU time)
    BANDWIDTH,    ///< Dropped by step 2 (largest B^min while the sum exceeded B), or the greedy
                  ///< could not add it within B
    UPLOAD_LATE,  ///< DP_EQUAL_BANDWIDTH: with B / K the upload delays the task past its deadline
    NOT_SELECTED, ///< An allocator's decision left it out without a reason of its own
    DECISION_REJECTED, ///< The allocator's decision was rejected and no fallback served it
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief The one name table of SchedulingAlgorithm: the command-line spelling used by
 * ToString(), the allocator attribute Algorithm, the example flags and edge-inference-solve's
 * --algorithm.
 * @return (algorithm, name) pairs, PARTIAL_LOADING (the default) first
 */
const std::vector<std::pair<SchedulingAlgorithm, std::string>>& SchedulingAlgorithmNames();

/**
 * @param [in] algorithm an algorithm
 * @return its name in SchedulingAlgorithmNames(), e.g. "backbone-dp"
 */
std::string ToString(SchedulingAlgorithm algorithm);

/**
 * @brief Look an algorithm up by its name in SchedulingAlgorithmNames() (exact spelling).
 * @param [in] name e.g. "group-greedy"
 * @return the algorithm
 * @throw std::invalid_argument naming the value and listing the valid names
 */
SchedulingAlgorithm SchedulingAlgorithmFromString(const std::string& name);

/**
 * @ingroup edge-inference-partial-loading
 * @brief The one name table of UploadWindowRule (attribute UploadWindow, input field
 * "uploadWindow").
 * @return (rule, name) pairs: "ready-time", "latest-start"
 */
const std::vector<std::pair<UploadWindowRule, std::string>>& UploadWindowRuleNames();

/**
 * @param [in] rule a rule
 * @return its name in UploadWindowRuleNames()
 */
std::string ToString(UploadWindowRule rule);

/**
 * @param [in] reason a reason
 * @return its enumerator name, e.g. "BANDWIDTH" (the "reason" of the solver's output)
 */
std::string ToString(UnservedReason reason);

/// @return every UnservedReason, in enumerator order
const std::vector<UnservedReason>& AllUnservedReasons();

/**
 * @ingroup edge-inference-partial-loading
 * @brief Outcome of PartialLoadingSolver::Decide(). Per-request vectors have K entries.
 */
struct PartialLoadingDecision
{
    SchedulingAlgorithm algorithm{SchedulingAlgorithm::PARTIAL_LOADING}; ///< Algorithm asked for
    /// Step-1 scheduler actually run: BACKBONE_DP, GROUP_GREEDY, PER_REQUEST_GREEDY, FCFS or EDF
    SchedulingAlgorithm scheduler{SchedulingAlgorithm::BACKBONE_DP};
    LoadRule loadRule{LoadRule::SHARING}; ///< Load rule of the schedule and of the prediction
    std::vector<uint32_t> order;          ///< Served requests in execution order
    std::vector<bool> isServed;           ///< Per request: in the served set S
    std::vector<UnservedReason> reason;   ///< Per request: NONE if served
    /// Per request: allocated bandwidth B_k, Hz; 0 if not served; +infinity for
    /// INFINITE_BANDWIDTH (upload time 0) or when B is infinite
    std::vector<double> bandwidthHz;
    /// Per request: B_k^min at its upload window, Hz (step-2 algorithms only, else 0)
    std::vector<double> minBandwidthHz;
    /// Per request: upload window (rho_i or L_i), s (step-2 algorithms only, else 0)
    std::vector<double> uploadWindowS;
    uint32_t nServed{0};           ///< |S| = order.size()
    uint32_t nBandwidthDrops{0};   ///< Step-2 drop-and-re-solve rounds
    SchedulePrediction prediction; ///< Evaluate(order, bandwidthHz, loadRule)
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief One step-2 allocation for a fixed schedule (R2.4 of [2]), without dropping tasks.
 * Per-slot vectors follow @c order.
 */
struct BandwidthAllocation
{
    /// The schedule after re-assigning users inside each run of one model: later (longer)
    /// windows go to the users needing more bandwidth (largest D_k / eta_k), deadlines allowing;
    /// kept only where it lowers the run's sum of B^min
    std::vector<uint32_t> order;
    std::vector<double> windowS;        ///< Upload window of each slot, s
    std::vector<double> minBandwidthHz; ///< B^min of each slot, Hz (+infinity if impossible)
    double sumMinBandwidthHz{0};        ///< Sum of minBandwidthHz, Hz
    bool isFeasible{true};              ///< sumMinBandwidthHz <= B
    /// Bandwidth of each slot if feasible: B^min plus the leftover pro rata to B^min (equal
    /// shares if every B^min is 0; +infinity if B is infinite); empty if infeasible
    std::vector<double> bandwidthHz;
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief A sharing cluster of a backbone-sharing family (R2.5 of [2]).
 */
struct BackboneCluster
{
    std::vector<std::string> models;         ///< Member models, in family order
    std::vector<std::string> backboneBlocks; ///< Blocks of every member (all blocks if 1 member)
    uint64_t backboneBytes{0};               ///< beta_c, bytes
    std::vector<uint64_t> headBytes;         ///< h_m of each member, bytes
    std::vector<uint32_t> nHeadBlocks;       ///< Number of head blocks of each member
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Tables and answer of the backbone-sharing DP (R2.5 of [2]).
 */
struct BackboneDpResult
{
    /// Clusters in DP order (the resident model's first, then family order)
    std::vector<std::vector<std::string>> clusterModels;
    /// g_c(x), x = 0 .. Q_c: minimum time to serve x of the cluster's candidate tasks, s
    std::vector<std::vector<double>> clusterTimeS;
    std::vector<double> minTimeS; ///< F(C, n), n = 0 .. number of candidates, s
    double deadlineS{0};          ///< Common deadline T
    uint32_t nServed{0};          ///< n* = max{n : F(C, n) <= T}
    std::vector<uint32_t> order;  ///< A schedule of n* requests reaching F(C, n*)
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief PartialLoading scheduler and evaluator for one problem instance.
 *
 * The constructor validates the problem and throws std::invalid_argument naming the field,
 * request or model and value: a requested or resident model not in the family, a requested
 * model without inference time, an inference time for an unknown model, a model without
 * blocks, R_L not > 0, tau_0 < 0, D_k < 0, T_k < 0 or NaN, eta_k or s_k < 0, B < 0 or NaN, or
 * a resident model larger than the GPU capacity.
 */
class PartialLoadingSolver
{
  public:
    /**
     * @brief Validate and prepare a problem.
     * @param [in] problem the instance
     */
    explicit PartialLoadingSolver(PartialLoadingProblem problem);

    /**
     * @param [in] algorithm an algorithm or baseline
     * @return whether Solve() runs step 2 for it and so fills
     * SchedulingDecision::uploadWindowS (all but DP_EQUAL_BANDWIDTH and INFINITE_BANDWIDTH)
     */
    static bool HasUploadWindows(SchedulingAlgorithm algorithm);

    /// @return the problem
    const PartialLoadingProblem& GetProblem() const;

    /// @return K, the number of requests
    uint32_t GetNRequests() const;

    /**
     * @brief Load time between two models of the family.
     * @param [in] from resident model name; empty = cold GPU
     * @param [in] to next model name
     * @param [in] rule SHARING or NO_SHARING
     * @return lambda, s
     */
    double GetSwitchTime(const std::string& from, const std::string& to, LoadRule rule) const;

    /**
     * @brief Predict the timing of a schedule (R2.2 of [2]). Every task is executed, late or
     * not. Throws std::invalid_argument for a request index out of range, a request listed
     * twice, a bandwidth vector that is neither empty nor of size K, or a negative/NaN
     * bandwidth.
     * @param [in] order request indices in execution order
     * @param [in] bandwidthHz empty (every upload takes 0 s, the step-1 relaxation) or B_k of
     * every request, Hz; +infinity means upload time 0, 0 with D_k > 0 means never uploaded
     * @param [in] rule load rule
     * @return the prediction
     */
    SchedulePrediction Evaluate(const std::vector<uint32_t>& order,
                                const std::vector<double>& bandwidthHz = {},
                                LoadRule rule = LoadRule::SHARING) const;

    /**
     * @brief Solve the problem with one algorithm: step 1, then step 2 (drop the largest
     * B^min and re-solve until the sum fits B) unless the algorithm says otherwise.
     *
     * Every served task of the returned decision meets its deadline in @c prediction. With
     * K = 0 the decision is empty. BACKBONE_DP throws std::invalid_argument if the candidates
     * do not share a common deadline or their models are not backbone-sharing.
     * @param [in] algorithm the algorithm
     * @return the decision and its prediction
     */
    PartialLoadingDecision Decide(
        SchedulingAlgorithm algorithm = SchedulingAlgorithm::PARTIAL_LOADING) const;

    /**
     * @brief Backbone-sharing DP of R2.5 of [2] over a candidate set, uploads ignored (step 1).
     *
     * Clusters are detected from the blocks of the candidates' models and the resident model
     * (DetectBackboneClusters()); with NO_SHARING every model is its own cluster holding all
     * its blocks, which makes the DP exact for full reloads with any family. The resident
     * model's cluster has beta = 0 and h_{m_0} = 0 and runs first. tau_0 is counted once per
     * non-empty load. Among the requests of one model the DP serves those needing the least
     * bandwidth; clusters and models whose users need less bandwidth run first (R2.5 of [2]
     * execution order), a model with head blocks opening each cluster when tau_0 > 0.
     * Throws std::invalid_argument if the candidates' deadlines differ or (SHARING) the models
     * are not backbone-sharing, or if a candidate index is invalid or repeated.
     * @param [in] candidates request indices that may be served
     * @param [in] rule load rule
     * @return the tables, n* and a schedule
     */
    BackboneDpResult SolveBackboneDp(const std::vector<uint32_t>& candidates,
                                     LoadRule rule = LoadRule::SHARING) const;

    /**
     * @brief Group-ratio greedy of R2.6 of [2], uploads ignored unless @p isBandwidthAware.
     *
     * Each round, for every model with pending requests, the pending users are taken in EDF
     * order (ties by index) and a user is added when it still meets its deadline at the next
     * position of the run (users that would be late are skipped, which serves at least as
     * many as the longest on-time prefix) and, if bandwidth-aware, when the B^min of all
     * selected users at their ready times still fits B. The model with the largest
     * a_m / (lambda + a_m I_m) wins; ties go to the earliest deadline, then the smallest
     * lambda, then the lower family index. Stops when no model can add a task.
     * @param [in] candidates request indices that may be served
     * @param [in] rule load rule
     * @param [in] isBandwidthAware also require sum of B^min(rho) <= B
     * @return the schedule
     */
    std::vector<uint32_t> GroupGreedy(const std::vector<uint32_t>& candidates,
                                      LoadRule rule = LoadRule::SHARING,
                                      bool isBandwidthAware = false) const;

    /**
     * @brief Per-request greedy of R2.6 of [2]: repeatedly append the pending task with the
     * smallest lambda + I_m among those that are still on time (ties: earliest deadline, then
     * lowest index).
     * @param [in] candidates request indices that may be served
     * @param [in] rule load rule
     * @param [in] isBandwidthAware also require sum of B^min(rho) <= B
     * @return the schedule
     */
    std::vector<uint32_t> PerRequestGreedy(const std::vector<uint32_t>& candidates,
                                           LoadRule rule = LoadRule::SHARING,
                                           bool isBandwidthAware = false) const;

    /**
     * @brief List scheduling: walk @p priority and append each task that is still on time
     * (uploads ignored); late tasks are skipped. FCFS and EDF use this.
     * @param [in] priority request indices in priority order
     * @param [in] rule load rule
     * @return the schedule
     */
    std::vector<uint32_t> ListSchedule(const std::vector<uint32_t>& priority,
                                       LoadRule rule = LoadRule::SHARING) const;

    /**
     * @brief Step-2 allocation for a fixed schedule (R2.4 of [2]), windows by
     * PartialLoadingProblem::uploadWindow, without dropping tasks.
     * @param [in] order a schedule whose tasks are on time with u = 0
     * @param [in] rule load rule of the schedule
     * @return the allocation
     */
    BandwidthAllocation AllocateBandwidth(const std::vector<uint32_t>& order,
                                          LoadRule rule = LoadRule::SHARING) const;

    /**
     * @brief Detect the backbone-sharing structure of a family (R2.5 of [2]).
     *
     * Models sharing a block, directly or through other models, form a cluster. The family is
     * backbone-sharing iff in every cluster each block held by two or more members is held by
     * all of them (the backbone); the other blocks are the members' private heads. Throws
     * std::invalid_argument naming the block and the models that break this.
     * @param [in] family the family
     * @param [in] models names of the models to consider; empty = every model
     * @return the clusters, ordered by their first member in family order
     */
    static std::vector<BackboneCluster> DetectBackboneClusters(
        const DnnModelFamily& family, const std::vector<std::string>& models = {});

    /**
     * @param [in] family the family
     * @param [in] models names of the models to consider; empty = every model
     * @return true if DetectBackboneClusters() succeeds
     */
    static bool IsBackboneSharing(const DnnModelFamily& family,
                                  const std::vector<std::string>& models = {});

    /**
     * @brief Check a decision against its instance (the constraints of R2.3 of [2] that a
     * decision can break, whoever made it).
     *
     * Checked: every per-request vector has K entries (minBandwidthHz and uploadWindowS may
     * also be empty); @c order lists distinct request indices < K and exactly the requests
     * with isServed; a served request has reason NONE, an unserved one not NONE; a served
     * request's model fits the GPU capacity; every bandwidth is >= 0 (not NaN), an unserved
     * request's is 0, and the finite bandwidths of the served requests sum to at most B
     * (relative tolerance 1e-9); nServed equals the length of the order. A served task
     * predicted late (e.g. bandwidth 0 with D_k > 0: never uploaded) is not an error; the
     * network then measures it LATE or FAILED.
     * @param [in] problem the instance (K = problem.requests.size())
     * @param [in] decision the decision
     * @return "" if valid, else the first violation naming the request and the field, e.g.
     * "requests[3].bandwidthHz: 4e+06 Hz makes the served sum 1.2e+07 Hz > B = 1e+07 Hz"
     */
    static std::string CheckDecision(const PartialLoadingProblem& problem,
                                     const PartialLoadingDecision& decision);

    /**
     * @param [in] problem the instance
     * @param [in] reason the reason given to every request
     * @return the decision that serves nobody (a valid decision of every instance), with its
     * empty prediction
     */
    static PartialLoadingDecision NobodyServed(const PartialLoadingProblem& problem,
                                               UnservedReason reason);

  private:
    /// Result of a step-1 run inside Decide().
    struct Step1Result
    {
        std::vector<uint32_t> order;          ///< Schedule
        std::vector<uint32_t> bandwidthBlock; ///< Candidates left out because of bandwidth
    };

    /**
     * @param [in] from model index, or the number of models for a cold GPU
     * @param [in] to model index
     * @param [in] rule load rule
     * @return lambda, s
     */
    double Switch(uint32_t from, uint32_t to, LoadRule rule) const;

    /**
     * @param [in] k request index
     * @param [in] windowS upload window, s
     * @return B_k^min, Hz
     */
    double MinBandwidth(uint32_t k, double windowS) const;

    /**
     * @param [in] k request index
     * @return B_k^min at the reference time, used to rank users by upload difficulty
     */
    double DifficultyKey(uint32_t k) const;

    /**
     * @param [in] candidates request indices
     * @param [in] who caller name for messages
     * @return the candidates, checked (in range, no repeats)
     */
    std::vector<uint32_t> CheckCandidates(const std::vector<uint32_t>& candidates,
                                          const char* who) const;

    /**
     * @brief Greedy core shared by GroupGreedy() and PerRequestGreedy().
     * @param [in] candidates request indices
     * @param [in] rule load rule
     * @param [in] isBandwidthAware check B^min
     * @param [in] isPerRequest per-request variant
     * @return the schedule and the candidates blocked by bandwidth
     */
    Step1Result Greedy(const std::vector<uint32_t>& candidates,
                       LoadRule rule,
                       bool isBandwidthAware,
                       bool isPerRequest) const;

    /**
     * @param [in] candidates request indices
     * @param [in] rule load rule
     * @return true if BACKBONE_DP applies (common deadline; backbone-sharing or NO_SHARING)
     */
    bool IsDpApplicable(const std::vector<uint32_t>& candidates, LoadRule rule) const;

    PartialLoadingProblem m_problem;        ///< The instance
    uint32_t m_nModels{0};                  ///< Models in the family
    uint32_t m_resident{0};                 ///< m_0 index, m_nModels if cold
    std::vector<uint32_t> m_modelOfRequest; ///< m_k as a family index
    std::vector<double> m_inferenceS;       ///< I_m by family index (NaN if not given)
    std::vector<uint64_t> m_modelBytes;     ///< S_m by family index
    std::vector<double> m_switchSharing;    ///< (m_nModels + 1) x m_nModels, SHARING
    std::vector<double> m_switchNoSharing;  ///< (m_nModels + 1) x m_nModels, NO_SHARING
    double m_maxDeadlineS{0};               ///< Largest deadline of the requests
    double m_referenceTimeS{1};             ///< Reference window of DifficultyKey(), s
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Convenience: PartialLoadingSolver(problem).Evaluate(order, bandwidthHz, rule).
 * @param [in] problem the instance
 * @param [in] order request indices in execution order
 * @param [in] bandwidthHz empty (u = 0) or B_k of every request, Hz
 * @param [in] rule load rule
 * @return the prediction
 */
SchedulePrediction EvaluatePartialLoadingSchedule(const PartialLoadingProblem& problem,
                                                  const std::vector<uint32_t>& order,
                                                  const std::vector<double>& bandwidthHz = {},
                                                  LoadRule rule = LoadRule::SHARING);

/**
 * @ingroup edge-inference-partial-loading
 * @brief Convenience: PartialLoadingSolver(problem).Decide(algorithm).
 * @param [in] problem the instance
 * @param [in] algorithm the algorithm
 * @return the decision
 */
PartialLoadingDecision SolvePartialLoading(
    const PartialLoadingProblem& problem,
    SchedulingAlgorithm algorithm = SchedulingAlgorithm::PARTIAL_LOADING);

/**
 * @ingroup edge-inference-partial-loading
 * @brief Build a family from a block library and per-model block lists (R2.1 of [2] J_m).
 *
 * Each model gets one layer per listed block (parameters = bytes, 1 byte per parameter,
 * 0 FLOPs), in the listed order. Throws std::invalid_argument naming the model and block for
 * a block id listed twice in the library, a model that references a block not in the
 * library or lists a block twice, a model without blocks, and a library block referenced by
 * no model; duplicate model names throw ModelFormatError (DnnModelFamily::Add()).
 * @param [in] familyName the family name
 * @param [in] blocks (block id, bytes) pairs
 * @param [in] models (model name, block ids) pairs
 * @return the family
 */
DnnModelFamily MakeBlockFamily(
    const std::string& familyName,
    const std::vector<std::pair<std::string, uint64_t>>& blocks,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& models);

} // namespace edgeinference
} // namespace ns3

#endif /* PARTIAL_LOADING_SOLVER_H */
