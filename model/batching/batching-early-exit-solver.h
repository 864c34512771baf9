/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCHING_EARLY_EXIT_SOLVER_H
#define BATCHING_EARLY_EXIT_SOLVER_H

#include "ns3/batch-latency-model.h"
#include "ns3/rate-model.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-batching
 * @brief Joint scheduling and bandwidth allocation with batching and early exiting (pure C++).
 *
 * Z. Liu, Q. Lan, K. Huang, "Resource Allocation for Multiuser Edge Inference with Batching
 * and Early Exiting", IEEE JSAC 41(4), 2023 (arXiv 2204.05223). The full text was not
 * available; the model and algorithms follow the module's reconstruction
 * R3.1–R3.4 of [3], which marks them as reconstructions [R]:
 * - model (R3.1 of [3]): user k is served at exit e_k = min{l : A_l >= alpha_k}; all scheduled
 *   uploads end by a common T_u; one batch then enters block 0 and the tasks of exit l leave
 *   after block l, so block l sees B_l = sum_{m >= l} n_m tasks and task k completes at
 *   C_k = T_u + sum_{l <= e_k} t_l(B_l) (BatchLatencyModel::GetCumulativeLatency());
 * - exact reduction (R3.2 of [3]): for a set S the latest admissible upload end is
 *   T_u*(S) = min_{k in S} (T_k - O_k(S)), O_k the GPU time from T_u to the completion of k;
 *   user k then needs w_k^min(T_u*) (MinBandwidthFixedPower(), Lambert W), S is feasible iff
 *   T_u*(S) >= 0 and sum_k w_k^min <= W, and feasibility is downward closed;
 * - optimal-u (common deadline, enumeration of exit-count vectors), optimal-h (branch and
 *   bound, heterogeneous deadlines) and the greedy of R3.3 of [3];
 * - the baselines of R3.4 of [3] as BatchingEarlyExitScheme values, solved by the same
 *   algorithms.
 *
 * Exits and blocks are 0-based here (block l ends at exit l, as in BatchLatencyModel): the
 * reconstruction's e_k = 1..L is exit e_k - 1. Units: s, bit, Hz.
 */

namespace ns3
{
namespace edgeinference
{

class DnnModel;

/**
 * @ingroup edge-inference-batching
 * @brief Deadline tolerance of BatchingEarlyExitSolver::Predict(): C is on time iff
 * C <= T + this * max(T, 1 s), so that rounding in D / r(w^min) does not flip a decision.
 */
static constexpr double BATCHING_EARLY_EXIT_DEADLINE_TOLERANCE{1e-9};

/**
 * @ingroup edge-inference-batching
 * @brief Relative bandwidth tolerance: a set is feasible iff sum w^min <= W (1 + this).
 */
static constexpr double BATCHING_EARLY_EXIT_BANDWIDTH_TOLERANCE{1e-12};

/**
 * @ingroup edge-inference-batching
 * @brief Exit value of a user whose accuracy requirement no exit meets.
 */
static constexpr int32_t BATCHING_EARLY_EXIT_NO_EXIT{-1};

/**
 * @ingroup edge-inference-batching
 * @brief One user (one inference task) of the batching + early-exit problem (R3.1 of [3]).
 */
struct BatchingEarlyExitUser
{
    /// alpha_k in [0, 1] (values above every A_l make the user unservable, not an error);
    /// ignored when @c exit is set
    double accuracyRequirement{0};
    /// e_k given directly (0-based exit index < L); overrides @c accuracyRequirement
    std::optional<uint32_t> exit;
    double deadlineS{0};  ///< T_k, s from the frame start (finite; <= 0 means already past)
    double uploadBits{0}; ///< D_k, bit (finite, >= 0)
    /// s_k = p_k g_k / N_0, Hz (finite, >= 0; see SnrBandwidthHz()); the rate model when
    /// BatchingEarlyExitProblem::rateModel is null
    double snrBandwidthHz{0};
};

/**
 * @ingroup edge-inference-batching
 * @brief A batching + early-exit instance (R3.1 of [3]).
 */
struct BatchingEarlyExitProblem
{
    std::vector<BatchingEarlyExitUser> users; ///< The K users (K = 0 allowed)
    /// A_l, one per block of @c latency, in [0, 1] and non-decreasing; may be empty when every
    /// user gives its exit directly
    std::vector<double> exitAccuracy;
    BatchLatencyModel latency;  ///< t_l(b) of the L blocks (L >= 1)
    double totalBandwidthHz{0}; ///< W, Hz (>= 0; +infinity allowed)
    /// T_f for the throughput |S| / T_f, s; 0 = the largest positive deadline of the users
    double frameLengthS{0};
    /// Upload rate r_k(w) of each user (one entry per user); null = the reconstruction's
    /// fixed-power Shannon rate w log2(1 + s_k / w) (FixedPowerRateModel of snrBandwidthHz).
    /// Any model works (the algorithms only need w^min non-increasing in the upload time):
    /// e.g. LteUlAmcRateModel, the rate BandwidthShareFfMacScheduler executes in an LTE cell
    std::shared_ptr<const RateModel> rateModel;
};

/**
 * @ingroup edge-inference-batching
 * @brief Processing scheme: the proposed one and the baselines of R3.4 of [3].
 *
 * In every scheme all scheduled uploads end by a common time T_u, after which the GPU starts.
 * - BATCHING_EARLY_EXIT: one batch, task k leaves at its exit e_k:
 *   C_k = T_u + sum_{l <= e_k} t_l(B_l), B_l = |{j in S : e_j >= l}|.
 * - BATCHING_ONLY (baseline b): one batch through all L blocks, every task leaves at exit
 *   L - 1: C_k = T_u + sum_l t_l(|S|).
 * - EARLY_EXIT_ONLY (baseline c): no batching; the tasks run one at a time (batch size 1) in
 *   EDF order (ties by user index) starting at T_u, task k through blocks 0..e_k:
 *   C_k = T_u + sum_{j in S, j before or = k} P(e_j), P(e) = sum_{l <= e} t_l(1).
 * - NO_BATCHING_NO_EARLY_EXIT (baseline a): as EARLY_EXIT_ONLY but every task runs all L
 *   blocks: C_k = T_u + (position of k in EDF order, from 1) * P(L - 1).
 * EDF order is optimal for the sequential schemes: for a fixed S it maximises
 * T_u*(S) = min_k (T_k - O_k) (Jackson's rule), so no set is lost by fixing the order.
 * In all four schemes O_k(S) does not increase when a user is removed, so the reduction of
 * R3.2 of [3] (T_u*, w^min, downward-closed feasibility) applies unchanged.
 */
enum class BatchingEarlyExitScheme
{
    BATCHING_EARLY_EXIT,       ///< Proposed: batching and early exiting (R3.1 of [3])
    BATCHING_ONLY,             ///< Baseline (b): batching, no early exit
    EARLY_EXIT_ONLY,           ///< Baseline (c): early exit, sequential EDF
    NO_BATCHING_NO_EARLY_EXIT, ///< Baseline (a): sequential EDF through all blocks
};

/**
 * @ingroup edge-inference-batching
 * @brief Algorithms of BatchingEarlyExitSolver::Solve() (R3.3 of [3]).
 */
enum class BatchingEarlyExitAlgorithm
{
    OPTIMAL,   ///< OPTIMAL_U if the candidates share a deadline, else OPTIMAL_H
    OPTIMAL_U, ///< Enumeration of exit-count vectors; needs a common deadline
    OPTIMAL_H, ///< Branch and bound over user sets; any deadlines
    GREEDY,    ///< Add the user giving the smallest bandwidth sum while feasible
};

/**
 * @ingroup edge-inference-batching
 * @brief Why a user is not served. The individual reasons are checked in this order for the
 * user alone (S = {k}) under the scheme solved.
 */
enum class BatchingEarlyExitReason
{
    NONE,                 ///< Served
    ACCURACY_UNREACHABLE, ///< No exit (for the no-early-exit schemes: the last exit) meets alpha_k
    DEADLINE_PASSED,      ///< T_k <= 0
    /// Even alone the GPU time to its exit, P(e_k), leaves no upload time: T_k - P(e_k) < 0,
    /// or = 0 with D_k > 0
    COMPUTE_EXCEEDS_DEADLINE,
    /// Even alone and with infinite bandwidth the upload cannot end by T_k - P(e_k):
    /// D_k / (T_k - P(e_k)) >= s_k / ln 2 (includes s_k = 0 with D_k > 0)
    UPLOAD_RATE_CAP,
    BANDWIDTH_EXCEEDS_TOTAL, ///< Alone it needs w^min(T_k - P(e_k)) > W
    /// Individually feasible but not in the chosen set (shared batch time or bandwidth)
    NOT_SELECTED,
};

/**
 * @ingroup edge-inference-batching
 * @brief The one name table of the schemes, used by ToString(), the allocator's Algorithm
 * attribute, the examples' flags and the "scheme" field of edge-inference-solve.
 * @return (scheme, kebab-case name) pairs, the proposed scheme first
 */
const std::vector<std::pair<BatchingEarlyExitScheme, std::string>>& BatchingEarlyExitSchemeNames();

/**
 * @ingroup edge-inference-batching
 * @brief The one name table of the solver's algorithms, used by ToString(), the allocator's
 * Algorithm attribute and --algorithm of edge-inference-solve.
 * @return (algorithm, kebab-case name) pairs, the default (optimal) first
 */
const std::vector<std::pair<BatchingEarlyExitAlgorithm, std::string>>&
BatchingEarlyExitAlgorithmNames();

/**
 * @param [in] scheme a scheme
 * @return its name in BatchingEarlyExitSchemeNames(), e.g. "early-exit-only"
 */
std::string ToString(BatchingEarlyExitScheme scheme);

/**
 * @param [in] algorithm an algorithm
 * @return its name in BatchingEarlyExitAlgorithmNames(), e.g. "optimal-h"
 */
std::string ToString(BatchingEarlyExitAlgorithm algorithm);

/**
 * @param [in] reason a reason
 * @return its enumerator name, e.g. "NOT_SELECTED"
 */
std::string ToString(BatchingEarlyExitReason reason);

/**
 * @ingroup edge-inference-batching
 * @brief Reduction of R3.2 of [3] for one set S. Per-member vectors follow @c members.
 */
struct BatchingEarlyExitSetEvaluation
{
    std::vector<uint32_t> members; ///< S, in the order given
    /// T_u*(S) = min_{k in S} (T_k - O_k(S)), s; +infinity for an empty set
    double latestUploadEndS{std::numeric_limits<double>::infinity()};
    /// w_k^min(T_u*), Hz (0 for D_k = 0; +infinity if the upload cannot end by T_u*)
    std::vector<double> minBandwidthHz;
    double sumMinBandwidthHz{0}; ///< sum of minBandwidthHz, Hz
    bool isFeasible{true};       ///< T_u*(S) >= 0 and the sum <= W (1 + tolerance)
};

/**
 * @ingroup edge-inference-batching
 * @brief Predicted outcome of an allocation. Per-user vectors have K entries.
 */
struct BatchingEarlyExitPrediction
{
    /// tau_k = D_k / r_k(w_k) (Shannon: r_k(w) = w log2(1 + s_k / w); else the problem's
    /// rate model), s; 0 if unserved or D_k = 0, +infinity if r_k(w_k) = 0 with D_k > 0
    std::vector<double> uploadTimeS;
    /// C_k, s from the frame start (see BatchingEarlyExitScheme); +infinity if unserved
    std::vector<double> completionTimeS;
    std::vector<bool> isOnTime;       ///< C_k <= T_k (BATCHING_EARLY_EXIT_DEADLINE_TOLERANCE)
    std::vector<uint32_t> order;      ///< Served users in GPU order (EDF for sequential schemes)
    std::vector<uint32_t> batchSizes; ///< B_l per block (batch schemes); empty if sequential
    double batchStartS{0};            ///< T_u = max tau_k over served users, s (0 if none)
    double makespanS{0};              ///< Largest C_k over served users, s (0 if none)
    double sumBandwidthHz{0};         ///< sum of w_k over served users, Hz
    uint32_t nServed{0};              ///< |S|
    uint32_t nOnTime{0};              ///< Served users with isOnTime
    /// Every served user is on time and sumBandwidthHz <= W (1 + tolerance)
    bool isFeasible{true};
    double frameLengthS{0}; ///< T_f used for the throughput, s
    /// nOnTime / T_f, tasks/s (= |S| / T_f for a feasible allocation); 0 if T_f is 0
    double throughputPerS{0};
};

/**
 * @ingroup edge-inference-batching
 * @brief Outcome of BatchingEarlyExitSolver::Solve(). Per-user vectors have K entries.
 */
struct BatchingEarlyExitDecision
{
    BatchingEarlyExitScheme scheme{BatchingEarlyExitScheme::BATCHING_EARLY_EXIT}; ///< Scheme
    /// Algorithm actually run (OPTIMAL is resolved to OPTIMAL_U or OPTIMAL_H)
    BatchingEarlyExitAlgorithm algorithm{BatchingEarlyExitAlgorithm::GREEDY};
    std::vector<uint32_t> served;                ///< S, ascending user indices
    std::vector<bool> isServed;                  ///< Per user: in S
    std::vector<BatchingEarlyExitReason> reason; ///< Per user: NONE if served
    /// Per user: exit under the scheme (e_k, or L - 1 without early exit), 0-based;
    /// BATCHING_EARLY_EXIT_NO_EXIT if the accuracy requirement is unreachable
    std::vector<int32_t> exit;
    std::vector<double> bandwidthHz; ///< Per user: w_k = w_k^min(T_u*(S)), Hz; 0 if unserved
    double latestUploadEndS{0};      ///< T_u*(S), s (0 if S is empty)
    double sumBandwidthHz{0};        ///< sum of w_k, Hz (the rest of W stays unused)
    /// The answer is proven optimal: OPTIMAL_U/H finished within the node limit, or GREEDY
    /// served every individually feasible user
    bool isOptimal{false};
    uint64_t nSearchNodes{0};               ///< Count vectors or branch-and-bound nodes visited
    BatchingEarlyExitPrediction prediction; ///< Predict(scheme, served, bandwidthHz)
};

/**
 * @ingroup edge-inference-batching
 * @brief Solver of the batching + early-exit C2 allocation (R3.2–R3.4 of [3]) for one instance.
 *
 * The constructor validates the problem and throws std::invalid_argument naming the field,
 * the user or block and the value: no blocks in the latency model; exitAccuracy neither
 * empty nor of size L, an A_l outside [0, 1] or NaN, or decreasing in l; empty exitAccuracy
 * while a user gives no exit; an exit index >= L; alpha_k NaN or < 0; T_k NaN or infinite;
 * D_k negative, NaN or infinite; s_k negative, NaN or infinite; W negative or NaN;
 * frameLengthS negative, NaN or infinite.
 * Conditions that only make users unservable (unreachable accuracy, past deadlines, zero
 * bandwidth, K = 0) are answers, reported by BatchingEarlyExitReason.
 *
 * Complexity (K users, L blocks, one w^min costs one Lambert W evaluation):
 * OPTIMAL_U evaluates at most prod_{l < L-1} (K_l + 1) * ceil(log2(K_{L-1} + 2)) count
 * vectors of O(K log K + L) each (K_l users of exit class l, empty classes skipped);
 * OPTIMAL_H is exponential in the worst case, O(2^K) nodes of O(K (K + L)); GREEDY is
 * O(K * |S| * (K + L)). Both searches stop after SetMaxSearchNodes() nodes and then return
 * the best set found with isOptimal = false.
 */
class BatchingEarlyExitSolver
{
  public:
    /// Default node limit of the optimal algorithms.
    static constexpr uint64_t DEFAULT_MAX_SEARCH_NODES{1000000};

    /**
     * @brief Validate and prepare a problem.
     * @param [in] problem the instance
     */
    explicit BatchingEarlyExitSolver(BatchingEarlyExitProblem problem);

    /// @return the problem
    const BatchingEarlyExitProblem& GetProblem() const;

    /// @return K, the number of users
    uint32_t GetNUsers() const;

    /// @return L, the number of blocks (= exits)
    uint32_t GetNExits() const;

    /**
     * @brief Earliest exit meeting an accuracy requirement (R3.1 of [3]).
     * @param [in] exitAccuracy A_l, non-decreasing
     * @param [in] requirement alpha
     * @return min{l : A_l >= alpha} (0-based), or BATCHING_EARLY_EXIT_NO_EXIT if none
     */
    static int32_t SelectExit(const std::vector<double>& exitAccuracy, double requirement);

    /**
     * @brief Exit accuracies aligned with the blocks of BatchLatencyModel::FromDnnModel() with
     * Segmentation::EXITS: the accuracy of every early exit of @p model, then
     * @p finalAccuracy for the tail block (the layers after the last exit) if there is one.
     * @param [in] model the multi-exit DNN
     * @param [in] finalAccuracy accuracy of the full model's output, in [0, 1]; only used
     * (and checked) if the model has layers after its last exit or no exit
     * @return A_l, one per block
     */
    static std::vector<double> ExitAccuraciesFromDnnModel(const DnnModel& model,
                                                          double finalAccuracy);

    /**
     * @param [in] user user index k < K
     * @return e_k under BATCHING_EARLY_EXIT (given or min{l : A_l >= alpha_k}), 0-based, or
     * BATCHING_EARLY_EXIT_NO_EXIT if no exit meets alpha_k
     */
    int32_t GetExit(uint32_t user) const;

    /**
     * @brief Set the node limit of OPTIMAL_U / OPTIMAL_H (protection against the exponential
     * worst case).
     * @param [in] maxNodes count vectors or branch-and-bound nodes, >= 1
     */
    void SetMaxSearchNodes(uint64_t maxNodes);

    /// @return the node limit of OPTIMAL_U / OPTIMAL_H
    uint64_t GetMaxSearchNodes() const;

    /**
     * @brief Reduction of R3.2 of [3] for a set: T_u*(S), w^min per member, sum, feasibility.
     * Throws std::invalid_argument for an index >= K, a repeated index, or a user whose
     * accuracy requirement is unreachable.
     * @param [in] scheme processing scheme
     * @param [in] members S
     * @return the evaluation
     */
    BatchingEarlyExitSetEvaluation EvaluateSet(BatchingEarlyExitScheme scheme,
                                               const std::vector<uint32_t>& members) const;

    /**
     * @brief Why a user cannot be served even alone (the first four individual reasons of
     * BatchingEarlyExitReason), or NONE if S = {k} is feasible.
     * @param [in] scheme processing scheme
     * @param [in] user user index k < K
     * @return the reason
     */
    BatchingEarlyExitReason GetIndividualReason(BatchingEarlyExitScheme scheme,
                                                uint32_t user) const;

    /**
     * @brief Predict the timing of an allocation: uploads with the given bandwidths, then the
     * GPU as described for @p scheme. Every listed user is processed, late or not.
     * Throws std::invalid_argument for a bad or repeated index, an unreachable user, a
     * bandwidth vector not of size K, or a negative or NaN bandwidth of a served user.
     * @param [in] scheme processing scheme
     * @param [in] served S
     * @param [in] bandwidthHz w_k for every user (entries of unserved users are ignored), Hz
     * @return the prediction
     */
    BatchingEarlyExitPrediction Predict(BatchingEarlyExitScheme scheme,
                                        const std::vector<uint32_t>& served,
                                        const std::vector<double>& bandwidthHz) const;

    /**
     * @brief Solve: choose S and w maximising |S| (R3.2 of [3]) under a scheme.
     *
     * Every algorithm returns a feasible S (every served user on time in @c prediction, sum
     * of w^min <= W) and gives each served user exactly w_k^min(T_u*(S)). OPTIMAL_U breaks
     * ties between maximum sets by the smallest bandwidth sum; OPTIMAL_H keeps the first
     * maximum set found (the greedy set unless beaten). OPTIMAL_U throws
     * std::invalid_argument if the individually feasible users do not share a deadline
     * (relative difference above 1e-12).
     * @param [in] scheme processing scheme
     * @param [in] algorithm algorithm
     * @return the decision and its prediction
     */
    BatchingEarlyExitDecision Solve(
        BatchingEarlyExitScheme scheme = BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
        BatchingEarlyExitAlgorithm algorithm = BatchingEarlyExitAlgorithm::OPTIMAL) const;

    /**
     * @brief Check a decision made by anyone (a built-in, a user's allocator, a decision file)
     * against an instance: the constraints the network cannot execute or the model cannot
     * evaluate.
     *
     * Checked, in this order: bandwidthHz has one entry per user, and so have isServed and
     * exit if they are not empty; every served index exists and is listed once; isServed
     * agrees with served; a served user's accuracy requirement is met by an exit (under the
     * decision's scheme), and its exit, if given, is the one the scheme gives it; a served
     * user's bandwidth is finite and >= 0, and > 0 if it has bits to upload; the served
     * users' bandwidths sum to at most
     * W (1 + BATCHING_EARLY_EXIT_BANDWIDTH_TOLERANCE). Deadlines are not constraints of the
     * check: a decision whose users will be late is executed and predicted as late.
     * @param [in] problem the instance
     * @param [in] decision the decision (only scheme, served, isServed, exit and bandwidthHz
     * are read)
     * @return "" if the decision is valid, else a message naming the user and the field,
     * e.g. "users[2].bandwidthHz: ..."; "instance: ..." if the instance itself is invalid
     */
    static std::string CheckDecision(const BatchingEarlyExitProblem& problem,
                                     const BatchingEarlyExitDecision& decision);

    /**
     * @brief The module's own account of a valid decision (see CheckDecision()): from its
     * scheme, served set and bandwidths, fill served (ascending), isServed, exit, reason
     * (NONE, the individual reason, or NOT_SELECTED), bandwidthHz (0 if unserved),
     * latestUploadEndS (T_u*(S), 0 if S is empty), sumBandwidthHz and the prediction
     * (Predict()). algorithm, isOptimal and nSearchNodes are copied.
     * @param [in] decision a decision that passed CheckDecision() for this problem
     * @return the completed decision
     */
    BatchingEarlyExitDecision CompleteDecision(const BatchingEarlyExitDecision& decision) const;

  private:
    /// Candidate of the branch and bound: compatible with the current set.
    struct Candidate
    {
        uint32_t user{0};             ///< User index
        double uploadEndS{0};         ///< T_u*(S + user), s
        double ownBandwidthHz{0};     ///< w_user^min(T_u*(S + user)), Hz
        double membersBandwidthHz{0}; ///< sum over S of w^min(T_u*(S + user)), Hz
    };

    /// Mutable state of one branch-and-bound run.
    struct SearchState
    {
        BatchingEarlyExitScheme scheme{BatchingEarlyExitScheme::BATCHING_EARLY_EXIT}; ///< Scheme
        std::vector<uint32_t> best; ///< Best set so far (EDF-rank order)
        uint64_t nodes{0};          ///< Nodes visited
        bool isAborted{false};      ///< Node limit hit
        /// dominates[y * K + x]: y weakly dominates x and precedes it in the branching order
        std::vector<bool> dominates;
    };

    /**
     * @param [in] scheme scheme
     * @param [in] user user index with a reachable exit
     * @return the exit the user leaves at under the scheme
     */
    uint32_t SchemeExit(BatchingEarlyExitScheme scheme, uint32_t user) const;

    /**
     * @param [in] scheme scheme
     * @return true for the two sequential (no batching) schemes
     */
    static bool IsSequential(BatchingEarlyExitScheme scheme);

    /**
     * @brief T_u*(S + extra) for members sorted by EDF rank (R3.2 of [3] step 1).
     * @param [in] scheme scheme
     * @param [in] sortedMembers S sorted by m_edfRank
     * @param [in] extra an extra user not in S, or -1
     * @return T_u*, s; +infinity if the set is empty
     */
    double LatestUploadEnd(BatchingEarlyExitScheme scheme,
                           const std::vector<uint32_t>& sortedMembers,
                           int64_t extra) const;

    /**
     * @param [in] user user index
     * @param [in] uploadEndS available upload time T_u, s
     * @return w^min of the user, Hz (+infinity if impossible)
     */
    double MinBandwidth(uint32_t user, double uploadEndS) const;

    /**
     * @param [in] members users
     * @param [in] uploadEndS T_u, s
     * @return sum of w^min over the users, Hz
     */
    double SumMinBandwidth(const std::vector<uint32_t>& members, double uploadEndS) const;

    /**
     * @param [in] sumBandwidthHz a bandwidth sum, Hz
     * @param [in] uploadEndS T_u*, s
     * @return uploadEndS >= 0 and sumBandwidthHz <= W (1 + tolerance)
     */
    bool Fits(double sumBandwidthHz, double uploadEndS) const;

    /**
     * @param [in] members users
     * @return the users sorted by EDF rank
     */
    std::vector<uint32_t> SortByRank(std::vector<uint32_t> members) const;

    /**
     * @param [in] scheme scheme
     * @return the individually feasible users, ascending
     */
    std::vector<uint32_t> Candidates(BatchingEarlyExitScheme scheme) const;

    /**
     * @param [in] scheme scheme
     * @param [in] candidates individually feasible users
     * @return the greedy set (EDF-rank order)
     */
    std::vector<uint32_t> RunGreedy(BatchingEarlyExitScheme scheme,
                                    const std::vector<uint32_t>& candidates) const;

    /**
     * @param [in] scheme scheme
     * @param [in] candidates individually feasible users sharing a deadline
     * @param [out] nodes count vectors evaluated
     * @param [out] isComplete false if the node limit stopped the enumeration
     * @return the best set found
     */
    std::vector<uint32_t> RunOptimalU(BatchingEarlyExitScheme scheme,
                                      const std::vector<uint32_t>& candidates,
                                      uint64_t& nodes,
                                      bool& isComplete) const;

    /**
     * @param [in] scheme scheme
     * @param [in] candidates individually feasible users
     * @param [out] nodes nodes visited
     * @param [out] isComplete false if the node limit stopped the search
     * @return the best set found
     */
    std::vector<uint32_t> RunOptimalH(BatchingEarlyExitScheme scheme,
                                      const std::vector<uint32_t>& candidates,
                                      uint64_t& nodes,
                                      bool& isComplete) const;

    /**
     * @brief One branch-and-bound node: record @p members, then for i = 0, 1, ... branch on
     * "candidates[i] joins, candidates[0..i-1] are excluded" while the bound allows.
     *
     * Dominance: y weakly dominates x if exit(y) <= exit(x), T_y >= T_x, D_y <= D_x and
     * r_y(w) >= r_x(w) at every w (s_y >= s_x for the Shannon rate;
     * RateModel::IsRateAlwaysAtLeast() for a rate model). Then S - x + y is feasible whenever S is
     * (same or smaller batches, or a shorter task in the same EDF slot; a no-later deadline; no
     * more bandwidth at any T_u), so some maximum set never holds x without y when y precedes x in
     * the branching order: x is not added after y was excluded.
     * @param [in,out] state search state
     * @param [in] members current feasible set (EDF-rank order)
     * @param [in] candidates users compatible with the set, in branching order
     */
    void Branch(SearchState& state,
                const std::vector<uint32_t>& members,
                const std::vector<Candidate>& candidates) const;

    /**
     * @brief Upper bound on how many of candidates[first..] can join the members.
     *
     * If a non-empty R of them joins S, T_u*(S + R) <= T_u*(S + j) for every j in R
     * (downward closure) and w^min falls with T_u, so the members need at least
     * max_{j in R} membersBandwidthHz_j >= min_{j >= first} membersBandwidthHz_j and each j
     * in R at least its ownBandwidthHz. The bound counts the smallest ownBandwidthHz that fit
     * in W minus that minimum (a knapsack with unit values, solved exactly by sorting).
     * @param [in] candidates compatible candidates
     * @param [in] first first candidate still undecided
     * @return the bound
     */
    uint32_t CandidateBound(const std::vector<Candidate>& candidates, size_t first) const;

    /**
     * @brief Whether m = |best| + 1 - |S| of candidates[first..] might join S (a necessary
     * condition; false prunes the rest of the node).
     *
     * Besides CandidateBound(), for any R of m candidates:
     * - batch schemes: the m candidates with the smallest exits minimise every B_l at once,
     *   giving the least cumulative latency cum_min; T_u*(S + R) <= U = min(min_{k in S}
     *   (T_k - cum_min[e_k]), m-th largest over the candidates of T_j - cum_min[e_j]);
     * - sequential schemes: the task finishing last has a deadline <= the largest deadline
     *   of S and the candidates and runs after all of S + R, so T_u*(S + R) <= U =
     *   min(T_u*(S), m-th largest T_u*(S + j), maxT - P(S) - sum of the m smallest P(e_j));
     * then S needs at least sum_{k in S} w_k^min(U) and R at least the m smallest
     * w_j^min(min(U, T_u*(S + j))).
     * @param [in] state search state (scheme, incumbent)
     * @param [in] members S (EDF-rank order)
     * @param [in] candidates compatible candidates
     * @param [in] first first candidate still undecided
     * @return false if no set larger than the incumbent can be reached
     */
    bool CanImprove(const SearchState& state,
                    const std::vector<uint32_t>& members,
                    const std::vector<Candidate>& candidates,
                    size_t first) const;

    BatchingEarlyExitProblem m_problem; ///< The instance
    std::vector<int32_t> m_exit;        ///< e_k (BATCHING_EARLY_EXIT), or NO_EXIT
    std::vector<uint32_t> m_edfRank;    ///< Rank of each user in (T_k, k) order
    std::vector<double> m_singleTimeS;  ///< P(l) = sum_{j <= l} t_j(1), s, per exit
    uint64_t m_maxSearchNodes{DEFAULT_MAX_SEARCH_NODES}; ///< Node limit
};

} // namespace edgeinference
} // namespace ns3

#endif /* BATCHING_EARLY_EXIT_SOLVER_H */
