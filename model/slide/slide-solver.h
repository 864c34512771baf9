/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SLIDE_SOLVER_H
#define SLIDE_SOLVER_H

#include "layer-streaming-latency.h"

#include "ns3/device-compute-model.h"
#include "ns3/radio-rate.h"
#include "ns3/rate-model.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-slide
 * @brief SLIDE joint model provisioning, bandwidth and GPU-frequency allocation (pure C++).
 *
 * G. Qu, T. Li, Q. Chen, X. Chen, S. Zhou, "SLIDE: Simultaneous Model Downloading and
 * Inference at the Wireless Network Edge", IEEE Trans. Mobile Computing, 2026 (arXiv
 * 2512.20946). The full text was not available; the model and the algorithms follow the
 * the module's reconstruction, R1.1–R1.5 of [1], which marks them as
 * reconstructions [R] consistent with the verified abstract (throughput objective, joint
 * provisioning + bandwidth + computing allocation, optimal polynomial algorithm, DAI baseline).
 *
 * Problem P1 (R1.3 of [1]): serve as many users as possible; a served user k receives one model m
 * of its candidate set M_k, a bandwidth B_k (sum over users <= B) and a GPU frequency
 * f_k in [fMin, fMax] such that its streaming latency (the recursion F_l = max(D_l, F_{l-1}) +
 * tau_l, D_l = S_{<=l} / r_k(B_k), tau_l = b_k C_l / (n_k f_k)) is <= T_k and its compute
 * energy G_k f_k^2 b_k sum_l C_l / n_k is <= E_k.
 *
 * Reused building blocks: LayerStreamingLatency (download finish times, the recursion, the
 * minimum rates), DeviceComputeModel (compute time, energy, f* = min(fMax, f^E)) and the rate
 * functions of radio-rate.h (through RateModel, rate-model.h).
 */

namespace ns3
{
namespace edgeinference
{

class DnnModel;

/**
 * @ingroup edge-inference-slide
 * @brief Relative tolerance of the SLIDE feasibility checks of SlideSolver::Evaluate().
 *
 * A latency x meets a deadline T iff x <= T + tol * max(T, 1 s); an energy e meets a budget
 * E iff e <= E (1 + tol); a bandwidth sum s fits B iff s <= B (1 + tol); a frequency is in
 * range iff fMin (1 - tol) <= f <= fMax (1 + tol). With r = r^min the latency equals T
 * analytically, so rounding must not turn such a user into a deadline miss.
 */
static constexpr double SLIDE_TOLERANCE{1e-9};

/**
 * @ingroup edge-inference-slide
 * @brief Model index of a user that is not provisioned any model.
 */
static constexpr uint32_t SLIDE_NO_MODEL{std::numeric_limits<uint32_t>::max()};

/**
 * @ingroup edge-inference-slide
 * @brief A candidate model as per-layer vectors (built once, shared by all users).
 */
struct SlideModel
{
    std::string name;               ///< Model name (for messages)
    std::vector<double> layerBits;  ///< S_{m,l}: parameter bits of layer l (finite, >= 0)
    std::vector<double> layerFlops; ///< C_{m,l}: FLOPs of layer l for ONE sample (finite, >= 0)

    /**
     * @brief Per-layer vectors of a DnnModel: 8 x parameter bytes and FLOPs per sample.
     * @param [in] model the DNN (its layers, or PipeSwitch-style groups, in order)
     * @return the vectors, named like the model
     */
    static SlideModel FromDnnModel(const DnnModel& model);
};

/**
 * @ingroup edge-inference-slide
 * @brief One user (UE) and its task (R1.1 of [1]).
 */
struct SlideUser
{
    std::vector<uint32_t> candidateModels; ///< M_k: indices into SlideProblem::models
    uint32_t samples{1};                   ///< b_k: samples in the task (>= 1)
    /// n_k, fMin, fMax and G_k (its current frequency is ignored)
    DeviceComputeModel device;
    /// Ebar_k: compute energy budget, J (>= 0; +infinity = no budget)
    double energyBudgetJ{std::numeric_limits<double>::infinity()};
    double deadlineS{0}; ///< Tbar_k: end-to-end deadline from download start, s (>= 0)
    /// eta_k, bit/s/Hz (finite, >= 0); used only when SlideProblem::rateModel is null
    double spectralEfficiency{0};
};

/**
 * @ingroup edge-inference-slide
 * @brief A SLIDE instance (R1.1 of [1]).
 */
struct SlideProblem
{
    std::vector<SlideModel> models; ///< The model library, referenced by SlideUser
    std::vector<SlideUser> users;   ///< The K users
    double totalBandwidthHz{0};     ///< B: downlink bandwidth to share, Hz (finite, >= 0)
    /// Rate model; null = ConstantPsdRateModel of the users' spectralEfficiency
    std::shared_ptr<const RateModel> rateModel;
};

/**
 * @ingroup edge-inference-slide
 * @brief Algorithms of SlideSolver::Solve() (R1.4 of [1] and 1.5).
 */
enum class SlideAlgorithm
{
    /// Reconstruction 1.4: f* = min(fMax, f^E), B^min from r^min (streaming), argmin model,
    /// ascending admission, leftover per SlideOptions. Optimal for P1.
    SLIDE_OPTIMAL,
    /// Baseline (i): the same algorithm with download-then-infer and its rate S / (T - sum tau)
    DAI_OPTIMAL,
    /// Baseline (ii): every user gets B / K; served iff B^min (f*, argmin model) <= B / K
    EQUAL_BANDWIDTH,
    /// Baseline (iii): a uniformly random feasible model instead of the argmin
    RANDOM_MODEL,
    /// Baseline (iv): f = fMax without energy check (energy-infeasible users are counted in
    /// SlideDecision::nEnergyViolations); an upper bound on the served count
    MAX_FREQUENCY,
};

/**
 * @ingroup edge-inference-slide
 * @brief What the leftover bandwidth B - sum B^min does.
 */
enum class LeftoverPolicy
{
    PRO_RATA, ///< Shared among the served users in proportion to B^min (equally if all are 0)
    NONE,     ///< Not allocated: each served user gets exactly B^min
};

/**
 * @ingroup edge-inference-slide
 * @brief How a served user executes its model.
 */
enum class SlideExecution
{
    STREAMING,           ///< SLIDE: layer l starts once downloaded and layer l-1 is done
    DOWNLOAD_THEN_INFER, ///< DAI: computing starts after the last layer arrived
};

/**
 * @ingroup edge-inference-slide
 * @brief Why a user is not served (or why a user-model pair is infeasible).
 */
enum class SlideRejectReason
{
    NONE,               ///< Served / feasible
    NO_CANDIDATE_MODEL, ///< M_k is empty
    NO_RATE,      ///< RateModel::HasRate() is false (eta = 0, s = 0, CQI 0); checked before models
    ENERGY,       ///< "energy budget allows no frequency >= fMin": f^E < fMin
    DEADLINE,     ///< "deadline shorter than compute time at max frequency" (at f)
    RATE_LIMIT,   ///< r^min is finite but no bandwidth reaches it (fixed-power cap)
    BANDWIDTH,    ///< "bandwidth exhausted": not admitted within B (or B / K)
    NOT_SELECTED, ///< Not served by an allocator's decision that gives no reason
    DECISION_REJECTED, ///< The allocator's decision was rejected (SlideAllocator), nobody served
};

/**
 * @ingroup edge-inference-slide
 * @brief The one name table of SlideAlgorithm, used by ToString(), the Algorithm attribute of
 * SlideSolverAllocator, the example's flags and edge-inference-solve's --algorithm.
 * @return (algorithm, kebab-case name) pairs, SLIDE_OPTIMAL (the default) first
 */
const std::vector<std::pair<SlideAlgorithm, std::string>>& SlideAlgorithmNames();

/**
 * @ingroup edge-inference-slide
 * @brief Name of an algorithm (SlideAlgorithmNames()).
 * @param [in] algorithm an algorithm
 * @return its name, e.g. "slide-optimal"
 */
std::string ToString(SlideAlgorithm algorithm);

/**
 * @ingroup edge-inference-slide
 * @brief Algorithm of a name of SlideAlgorithmNames().
 * @param [in] name e.g. "dai-optimal"
 * @return the algorithm
 * @throw std::invalid_argument listing the valid names if @p name is not one of them
 */
SlideAlgorithm SlideAlgorithmFromString(const std::string& name);

/**
 * @ingroup edge-inference-slide
 * @brief The one name table of LeftoverPolicy (JSON "leftover", SlideSolverAllocator's
 * Leftover attribute).
 * @return (policy, name) pairs, PRO_RATA (the default) first
 */
const std::vector<std::pair<LeftoverPolicy, std::string>>& LeftoverPolicyNames();

/**
 * @ingroup edge-inference-slide
 * @brief Name of a leftover policy (LeftoverPolicyNames()).
 * @param [in] policy a policy
 * @return "pro-rata" or "none"
 */
std::string ToString(LeftoverPolicy policy);

/**
 * @ingroup edge-inference-slide
 * @brief Name of an enumerator.
 * @param [in] reason a reason
 * @return its enumerator name, e.g. "BANDWIDTH"
 */
std::string ToString(SlideRejectReason reason);

/**
 * @ingroup edge-inference-slide
 * @brief Options of SlideSolver::Solve().
 */
struct SlideOptions
{
    LeftoverPolicy leftover{LeftoverPolicy::PRO_RATA}; ///< Not used by EQUAL_BANDWIDTH
    uint64_t seed{1}; ///< Seed of RANDOM_MODEL (std::mt19937_64; same seed, same decision)
};

/**
 * @ingroup edge-inference-slide
 * @brief Resource need of one user-model pair (R1.4 of [1] steps 1-2).
 */
struct SlidePairRequirement
{
    uint32_t model{SLIDE_NO_MODEL}; ///< Model index m
    /// f: f* = min(fMax, f^E) (fMax for MAX_FREQUENCY), Hz; below fMin when reason is ENERGY
    double frequencyHz{0};
    double computeTimeS{0};   ///< sum_l tau_l at f, s (0 when reason is ENERGY)
    double energyJ{0};        ///< G f^2 b sum C / n at f, J (0 when reason is ENERGY)
    double minRateBps{0};     ///< r^min (streaming) or r^DAI, bit/s; +infinity if T <= compute
    double minBandwidthHz{0}; ///< B^min = MinBandwidthForRate(r^min), Hz; +infinity if none
    SlideRejectReason reason{SlideRejectReason::NONE}; ///< NONE iff B^min is finite
    std::string reasonText;                            ///< Explanation (empty if NONE)
};

/**
 * @ingroup edge-inference-slide
 * @brief Allocation of one user.
 */
struct SlideUserDecision
{
    bool isServed{false}; ///< x_k: the user is provisioned a model
    /// Model index into SlideProblem::models: the provisioned model if served; for an
    /// unserved user the model it would have got (BANDWIDTH), else SLIDE_NO_MODEL
    uint32_t model{SLIDE_NO_MODEL};
    double bandwidthHz{0};    ///< B_k, Hz (0 if not served)
    double frequencyHz{0};    ///< f_k, Hz (0 if not served)
    double minBandwidthHz{0}; ///< B^min of (k, model) at f_k, Hz (+infinity if no model)
    SlideRejectReason reason{SlideRejectReason::NONE}; ///< NONE iff served
    std::string reasonText; ///< Human-readable reason with the numbers (empty if served)
};

/**
 * @ingroup edge-inference-slide
 * @brief Predicted outcome of one user under a decision.
 */
struct SlideUserOutcome
{
    bool isServed{false};           ///< Copied from the decision; the rest is set only if true
    double rateBps{0};              ///< RateModel::Rate(k, B_k), bit/s
    LayerTimeline timeline;         ///< D_l, start and F_l of every layer; latency F_L, s
    double latencyS{0};             ///< F_L (+infinity if a layer is never downloaded), s
    double energyJ{0};              ///< Compute energy at f_k, J
    bool isModelCandidate{false};   ///< The model is in M_k
    bool isFrequencyInRange{false}; ///< fMin <= f_k <= fMax
    bool isDeadlineMet{false};      ///< latency <= T_k
    bool isEnergyMet{false};        ///< energy <= Ebar_k
    bool isFeasible{false};         ///< All four conditions above
};

/**
 * @ingroup edge-inference-slide
 * @brief Predicted outcome of a decision (SlideSolver::Evaluate()).
 */
struct SlideEvaluation
{
    std::vector<SlideUserOutcome> users; ///< One entry per user
    uint32_t nServed{0};                 ///< Users marked served
    uint32_t nFeasible{0};               ///< Served users with isFeasible (completed tasks)
    uint32_t nDeadlineMisses{0};         ///< Served users missing their deadline
    uint32_t nEnergyViolations{0};       ///< Served users over their energy budget
    double usedBandwidthHz{0};           ///< Sum of B_k over served users, Hz
    bool isBandwidthFeasible{true};      ///< usedBandwidthHz <= B
    bool isFeasible{true};               ///< Bandwidth fits and every served user is feasible
};

/**
 * @ingroup edge-inference-slide
 * @brief A complete allocation (x, B, f) with its prediction.
 */
struct SlideDecision
{
    SlideAlgorithm algorithm{SlideAlgorithm::SLIDE_OPTIMAL}; ///< Algorithm that produced it
    SlideExecution execution{SlideExecution::STREAMING};     ///< Execution rule of the users
    std::vector<SlideUserDecision> users;                    ///< One entry per user
    uint32_t nServed{0};                                     ///< Throughput: served users
    double usedBandwidthHz{0};                               ///< Sum of B_k, Hz
    double sumMinBandwidthHz{0};   ///< Sum of B^min of the served users, Hz
    uint32_t nEnergyViolations{0}; ///< Served users over their energy budget (MAX_FREQUENCY)
    SlideEvaluation prediction;    ///< SlideSolver::Evaluate() of this decision
};

/**
 * @ingroup edge-inference-slide
 * @brief SLIDE allocator (R1.4 of [1]), its baselines (R1.5 of [1]) and a decision evaluator.
 *
 * SLIDE_OPTIMAL, per user k and candidate model m:
 * 1. f* = min(fMax, f^E) (DeviceComputeModel::OptimalFrequency()); infeasible (ENERGY) if
 *    f* < fMin, and (DEADLINE) if T_k <= sum_l tau_l(f*);
 * 2. r^min = LayerStreamingLatency::MinRateStreaming() at f*, B^min = MinBandwidthForRate();
 * 3. provisioning: m_k* = argmin_m B^min (ties: first candidate);
 * 4. admission: users by ascending B^min (ties: lower index) while the running sum <= B;
 * 5. leftover per LeftoverPolicy.
 * Cost O(sum_k |M_k| L + K log K).
 *
 * Why B^min at f* is exact: for a fixed pair, latency is non-increasing in the rate and in f
 * (R1.2 of [1] (c)), the rate is non-decreasing in B, and energy increases with f, so any feasible
 * (f, B) stays feasible with f replaced by f* (the largest allowed frequency); the smallest
 * feasible B is therefore min{B : Rate(B) >= r^min(f*)}, as latency <= T iff r >= r^min (closed
 * form). A served set with given models is feasible iff the sum of its B^min is <= B, so P1 is
 * a knapsack with unit values, solved by ascending admission (exchange argument).
 *
 * Bad input throws std::invalid_argument naming the field and the value. Inputs for which
 * nobody can be served (K = 0, B = 0, impossible deadlines or budgets, users without rate)
 * give a decision in which those users are unserved with a reason.
 */
class SlideSolver
{
  public:
    /**
     * @brief Check a problem. Throws std::invalid_argument naming the field and value: a model
     * with no layers, mismatched bits/FLOPs sizes, negative/NaN/infinite bits or FLOPs, a
     * candidate index out of range or listed twice, samples 0, a negative or NaN deadline or
     * energy budget, a negative/NaN/infinite spectral efficiency (without rate model), a
     * negative/NaN/infinite total bandwidth, or a rate model of the wrong size.
     * @param [in] problem the instance
     */
    static void Validate(const SlideProblem& problem);

    /**
     * @brief Solve a problem.
     * @param [in] problem the instance (validated)
     * @param [in] algorithm SLIDE_OPTIMAL or a baseline
     * @param [in] options leftover policy and random seed
     * @return the decision, with prediction = Evaluate(problem, decision)
     */
    static SlideDecision Solve(const SlideProblem& problem,
                               SlideAlgorithm algorithm = SlideAlgorithm::SLIDE_OPTIMAL,
                               const SlideOptions& options = SlideOptions());

    /**
     * @brief Resource need of one user-model pair as computed by an algorithm (steps 1-2).
     *
     * DAI_OPTIMAL uses the download-then-infer rate, MAX_FREQUENCY f = fMax without energy
     * check, the others f* and the streaming rate. NO_RATE is not checked here.
     * @param [in] problem the instance (validated)
     * @param [in] user user index k
     * @param [in] model model index m (any model of the library)
     * @param [in] algorithm the algorithm
     * @return f, compute time, energy, r^min, B^min and the reason if infeasible
     */
    static SlidePairRequirement Requirement(
        const SlideProblem& problem,
        uint32_t user,
        uint32_t model,
        SlideAlgorithm algorithm = SlideAlgorithm::SLIDE_OPTIMAL);

    /**
     * @brief Predict the outcome of any decision: for every served user, the rate at B_k, the
     * per-layer timeline (SLIDE recursion or DAI, per decision.execution), the energy at f_k
     * and whether model, frequency, deadline and energy are admissible; totals and the
     * bandwidth check. Only decision.execution and decision.users are read. Throws
     * std::invalid_argument if decision.users does not have K entries, or a served user has a
     * model index out of range, a negative/NaN/infinite bandwidth or a frequency that is not
     * finite and > 0.
     * @param [in] problem the instance (checked with Validate())
     * @param [in] decision the decision
     * @return the prediction
     */
    static SlideEvaluation Evaluate(const SlideProblem& problem, const SlideDecision& decision);

    /**
     * @brief Check a decision against the constraints of its instance, before it is executed.
     *
     * Rejected: a user count other than K; for a served user, a model index out of range or
     * not in M_k, a negative/NaN/infinite bandwidth, a frequency that is not finite or outside
     * [fMin, fMax] (SLIDE_TOLERANCE); and a bandwidth sum above B (1 + SLIDE_TOLERANCE),
     * named at the served user whose share makes the running sum exceed B. Deadline and
     * energy are not constraints here: they are predictions (Evaluate()), measured by the
     * packet-level run (MAX_FREQUENCY violates energy budgets by design).
     * @param [in] problem the instance (valid)
     * @param [in] decision the decision (only users is read)
     * @return "" if the decision can be executed, else "users[k].field: what is wrong"
     * (or "users: ..." for a wrong user count)
     */
    static std::string CheckDecision(const SlideProblem& problem, const SlideDecision& decision);
};

} // namespace edgeinference
} // namespace ns3

#endif /* SLIDE_SOLVER_H */
