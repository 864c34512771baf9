/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_SPLIT_SOLVER_H
#define NOMA_SPLIT_SOLVER_H

#include "ns3/device-compute-model.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma-split
 * @brief Split inference over NOMA: split points, subchannels, powers and edge compute
 * (pure C++, GD and Li-GD).
 *
 * Paper 4: Yuan, Li, Zhang, Li, Chen, Martinez Ortega, Guo, "High Efficiency Inference
 * Accelerating Algorithm for NOMA-based Mobile Edge Computing", arXiv 2312.15850 (journal
 * version IEEE TWC 23(11), 2024). The full text was not available; the model, objective and
 * algorithms follow the module's reconstruction R4.1–R4.4 of [4], which marks them as
 * reconstructions [R]:
 * - user i runs layers 1..l_i on its device, sends the activation o_{l_i} over the NOMA
 *   uplink, the edge runs layers l_i+1..L at its share f_i^e and returns o_res over the
 *   NOMA downlink (l_i = L: fully local, no radio, no edge);
 * - T_i = T^loc + T^up + T^edge + T^down; E_i^dev = kappa_d f_d^2 (cycles) + p_i T^up;
 *   E_i^edge = kappa_e (f_i^e)^2 (cycles) + P_i T^down;
 * - J = sum_i ( w_T T_i + w_d E_i^dev + w_e E_i^edge ) under 0 < p_i <= p^max,
 *   sum P_i <= P^AP (weaker user of a downlink subchannel gets at least the power of a
 *   stronger one), sum f_i^e <= F^e, at most Q users per subchannel and link.
 * The NOMA rates are those of radio-rate.h (UplinkNomaSinr(), DownlinkNomaSinr()); device and
 * edge compute use DeviceComputeModel (FLOPs, FLOP/cycle, kappa per cycle).
 */

namespace ns3
{
namespace edgeinference
{

class DnnModel;

/**
 * @ingroup edge-inference-noma-split
 * @brief Subchannel value of a user that does not use a link (fully local, l_i = L).
 */
static constexpr int32_t NOMA_SPLIT_NO_SUBCHANNEL{-1};

/**
 * @ingroup edge-inference-noma-split
 * @brief DNN profile of one user: workload and activation size per split point.
 */
struct NomaSplitProfile
{
    std::vector<double> layerFlops; ///< c_1..c_L, FLOP per layer (L >= 1 entries, each >= 0)
    /// o_0..o_L, bit: o_0 the input, o_j the output of layer j (L + 1 entries, each >= 0)
    std::vector<double> outputBits;
    double resultBits{0}; ///< o_res, bit returned over the downlink (>= 0)

    /// @return L, the number of layers
    uint32_t GetNLayers() const;

    /**
     * @param [in] split l in 0..L
     * @return FLOPs of layers 1..l (run on the device)
     */
    double GetLocalFlops(uint32_t split) const;

    /**
     * @param [in] split l in 0..L
     * @return FLOPs of layers l+1..L (run at the edge)
     */
    double GetEdgeFlops(uint32_t split) const;

    /**
     * @brief Profile of a DnnModel: c_j = layer FLOPs, o_0 = 8 * input bytes,
     * o_j = 8 * output bytes of layer j.
     * @param [in] model the DNN (at least one layer, Validate()d)
     * @param [in] resultBits o_res in bit; a negative value means o_L (the last output)
     * @return the profile
     */
    static NomaSplitProfile FromDnnModel(const DnnModel& model, double resultBits = -1.0);
};

/**
 * @ingroup edge-inference-noma-split
 * @brief One mobile device of the split-inference problem.
 */
struct NomaSplitUser
{
    NomaSplitProfile profile; ///< DNN layer profile
    /// Device processor: its current frequency f_d, FLOP/cycle n_d and kappa_d are used
    DeviceComputeModel device;
    std::vector<double> uplinkGain;   ///< h_{i,s} per subchannel (N_s entries, each >= 0)
    std::vector<double> downlinkGain; ///< g_{i,s} per subchannel (N_s entries, each >= 0)
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Multiple access of the radio links.
 */
enum class NomaSplitAccess
{
    /// Up to Q users share a subchannel (bandwidth B_s, noise sigma^2) with SIC
    NOMA,
    /// OMA (OFDMA): a subchannel is cut into Q orthogonal slots of B_s / Q, noise sigma^2 / Q,
    /// one user per slot (R4.4 of [4] baseline; E4.1's "half band each")
    OMA,
};

/**
 * @ingroup edge-inference-noma-split
 * @brief A split-inference instance (R4.1–R4.2 of [4]).
 */
struct NomaSplitProblem
{
    std::vector<NomaSplitUser> users;    ///< The U users (U >= 1)
    uint32_t nSubchannels{1};            ///< N_s (>= 1), for the uplink and for the downlink
    uint32_t maxUsersPerSubchannel{2};   ///< Q (>= 1), per link
    double subchannelBandwidthHz{1e6};   ///< B_s, Hz (> 0)
    double noisePowerW{1e-13};           ///< sigma^2 on one subchannel, W (> 0)
    double maxUplinkPowerW{0.2};         ///< p^max, W (> 0)
    double minUplinkPowerW{1e-6};        ///< Lower bound of p_i, W (in (0, p^max])
    double apPowerW{10.0};               ///< P^AP, W (> 0)
    double minDownlinkPowerW{1e-6};      ///< Lower bound of P_i, W (in (0, P^AP])
    double edgeFrequencyHz{20e9};        ///< F^e, cycle/s shared by the users (> 0)
    double minEdgeFrequencyHz{1e3};      ///< Lower bound of f_i^e, cycle/s (in (0, F^e])
    double edgeFlopsPerCycle{1.0};       ///< n_e, FLOP/cycle (> 0)
    double edgeEnergyCoefficient{1e-30}; ///< kappa_e, J s^2/cycle^3 (>= 0)
    double weightLatency{1.0};           ///< w_T in [0, 1], per s
    double weightDeviceEnergy{1.0};      ///< w_d in [0, 1], per J
    double weightEdgeEnergy{1.0};        ///< w_e in [0, 1], per J
    double residualSicFactor{0.0};       ///< Imperfect SIC residual eps in [0, 1] (0: perfect)
    /// Downlink: a weaker user of a subchannel gets at least the power of a stronger one
    bool enforceDownlinkPowerOrder{true};
    NomaSplitAccess access{NomaSplitAccess::NOMA}; ///< Multiple access
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Discrete decision: split points and subchannel assignment.
 */
struct NomaSplitConfiguration
{
    std::vector<uint32_t> split; ///< l_i in 0..L_i
    /// Uplink subchannel of user i (0..N_s-1), NOMA_SPLIT_NO_SUBCHANNEL iff l_i = L_i
    std::vector<int32_t> uplinkSubchannel;
    /// Downlink subchannel of user i (0..N_s-1), NOMA_SPLIT_NO_SUBCHANNEL iff l_i = L_i
    std::vector<int32_t> downlinkSubchannel;

    /// @param [in] other another configuration @return true iff all three vectors are equal
    bool operator==(const NomaSplitConfiguration& other) const;
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Continuous decision. Entries of fully local users are 0.
 */
struct NomaSplitContinuous
{
    std::vector<double> uplinkPowerW;    ///< p_i, W
    std::vector<double> downlinkPowerW;  ///< P_i, W
    std::vector<double> edgeFrequencyHz; ///< f_i^e, cycle/s
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Predicted latency and energy of a decision. Per-user vectors have U entries.
 */
struct NomaSplitPrediction
{
    std::vector<double> localTimeS;      ///< T^loc, s
    std::vector<double> uplinkTimeS;     ///< T^up = o_l / R^UL, s (0 if local)
    std::vector<double> edgeTimeS;       ///< T^edge, s (0 if local)
    std::vector<double> downlinkTimeS;   ///< T^down = o_res / R^DL, s (0 if local)
    std::vector<double> latencyS;        ///< T_i, s
    std::vector<double> uplinkRateBps;   ///< R^UL, bit/s (0 if local)
    std::vector<double> downlinkRateBps; ///< R^DL, bit/s (0 if local)
    std::vector<double> deviceEnergyJ;   ///< E^dev, J
    std::vector<double> edgeEnergyJ;     ///< E^edge, J
    std::vector<double> userObjective;   ///< w_T T_i + w_d E^dev + w_e E^edge
    double objective{0};                 ///< J (+infinity if a rate is 0)
    double sumLatencyS{0};               ///< sum of T_i, s
    double maxLatencyS{0};               ///< max of T_i, s
    double sumDeviceEnergyJ{0};          ///< sum of E^dev, J
    double sumEdgeEnergyJ{0};            ///< sum of E^edge, J
    bool isDownlinkSicFeasible{true};    ///< CheckDownlinkSic() on every downlink subchannel
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Result of the projected gradient descent for one configuration.
 */
struct NomaSplitGdResult
{
    NomaSplitContinuous point;                                 ///< z*, the last iterate
    double objective{std::numeric_limits<double>::infinity()}; ///< J(z*)
    /// Accepted steps of the block (p, P or f^e) that took the most
    uint32_t iterations{0};
    uint32_t evaluations{0}; ///< Block objective evaluations, all blocks (line search included)
    bool isConverged{false}; ///< Stopped by the step tolerance, not the iteration limit
    bool isFeasible{true};   ///< False: the configuration admits no point (see reason)
    std::string reason;      ///< Why infeasible (empty if feasible)
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Algorithms and baselines of NomaSplitSolver::Solve() (R4.3–R4.4 of [4]).
 */
enum class NomaSplitAlgorithm
{
    LI_GD,         ///< Loop-iteration GD with warm starts (R4.3 of [4])
    EXHAUSTIVE_GD, ///< GD from the default start on every configuration (reference)
    OMA_LI_GD,     ///< Li-GD with NomaSplitAccess::OMA rates (baseline)
    FULLY_LOCAL,   ///< l_i = L for every user (baseline)
    FULL_OFFLOAD,  ///< l_i = 0, strong-weak pairing, GD from the default start (baseline)
    /// Splits and subchannels by Li-GD with w_d = w_e = 0 (Neurosurgeon-style), then GD from
    /// the default start with the true weights (baseline)
    LATENCY_ONLY,
    /// p_i = p^max, equal P_i and f_i^e (the default start, no GD); split points and
    /// subchannels by the Li-GD loops (baseline)
    EQUAL_POWER,
};

/**
 * @ingroup edge-inference-noma-split
 * @brief The one name table of NomaSplitAlgorithm: the command-line names of
 * edge-inference-solve ("li-gd", "exhaustive-gd", "oma-li-gd", "fully-local",
 * "full-offload", "latency-only", "equal-power"), used by ToString(), the Algorithm
 * attribute of NomaSplitSolverAllocator, the example's --algorithms and the solver's
 * --algorithm.
 * @return (name, algorithm) pairs, the default (li-gd) first
 */
const std::vector<std::pair<std::string, NomaSplitAlgorithm>>& NomaSplitAlgorithmNames();

/**
 * @param [in] algorithm an algorithm
 * @return its name in NomaSplitAlgorithmNames(), e.g. "li-gd"
 */
std::string ToString(NomaSplitAlgorithm algorithm);

/**
 * @brief Parse a name of NomaSplitAlgorithmNames().
 * @param [in] name the name, e.g. "oma-li-gd"
 * @return the algorithm
 * @throw std::invalid_argument naming the value and the valid names
 */
NomaSplitAlgorithm NomaSplitAlgorithmFromString(const std::string& name);

/// Work of one configuration evaluation, in block objective evaluations
/// (NomaSplitSolver::SetMaxWork()).
constexpr uint64_t NOMA_SPLIT_WORK_PER_CONFIGURATION = 10;

/**
 * @ingroup edge-inference-noma-split
 * @brief Outcome of NomaSplitSolver::Solve().
 */
struct NomaSplitDecision
{
    NomaSplitAlgorithm algorithm{NomaSplitAlgorithm::LI_GD}; ///< Algorithm run
    NomaSplitConfiguration configuration;                    ///< (l, x, y)
    NomaSplitContinuous continuous;                          ///< (p, P, f^e)
    NomaSplitPrediction prediction;                          ///< Predict(configuration, continuous)
    /// Li-GD family: incumbent J after the initialisation and after every accepted change
    /// (non-increasing); other algorithms: the final J only
    std::vector<double> objectiveHistory;
    uint32_t nRounds{0};         ///< Li-GD rounds of steps 2-3 (0 for the others)
    uint64_t nGdRuns{0};         ///< Projected GD runs
    uint64_t nConfigurations{0}; ///< Configurations evaluated
    /// Objective evaluations of the GD blocks, line searches included (the search's work)
    uint64_t nObjectiveEvaluations{0};
    /// Li-GD family: the search stopped when its work reached SetMaxWork(); the decision is
    /// the best found until then (a valid decision, possibly not Li-GD's local optimum)
    bool isBudgetExhausted{false};
    bool isFeasible{true}; ///< False: no decision of this kind exists (see reason)
    std::string reason;    ///< Why infeasible (empty if feasible)
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Solver of the NOMA split-inference problem (R4.1–R4.4 of [4]) for one instance.
 *
 * Continuous part (fixed configuration), OptimiseContinuous(): J separates into
 * J_ul(p) + J_dl(P) + J_edge(f^e) + const over a product of feasible sets, so the projected
 * gradient descent runs block by block: analytic gradient, variables scaled by their current
 * value (refreshed every 10 steps), Armijo backtracking along the projection arc,
 * Barzilai-Borwein trial steps; a block stops when an accepted step moves no variable by more
 * than the step tolerance (in units of p^max, P^AP or F^e). The projection onto { box,
 * downlink power order, sum P <= P^AP } is exact in the scaled metric: for a multiplier
 * lambda it is the clipped weighted isotonic regression (pool adjacent violators), and lambda
 * is the root of sum = budget (GSL Brent solver); the same for sum f^e <= F^e.
 * Every configuration with at most N_s Q offloading users per link is feasible unless the
 * lower bounds do not fit the budgets; a zero channel gain gives J = +infinity (infeasible).
 *
 * Li-GD (R4.3 of [4] [R]; Solve(LI_GD)): the incumbent starts as the better of the reconstruction's
 * start (l = 0, PairingConfiguration(), GD from DefaultStart()) and the all-local configuration. A
 * round is step 2 then step 3, repeated until a round changes nothing:
 * - step 2: for every user i, sweep l_i = 0..L from the incumbent with the warm start chained
 *   from the previous l's optimum; for every offloading split l < L the user (re)enters the
 *   links: its current slots (if it offloads), every pair of uplink/downlink subchannels with
 *   a free slot once its own slots are freed, and (a local user) the slots of each offloading
 *   user j, who becomes local; the best single-user change over all users is applied if it
 *   lowers J; if none does, each of the LOOKAHEAD_CANDIDATES best changes is followed by
 *   every exchange of step 3b and the best compound change is applied if it lowers J; step 2
 *   repeats until nothing is applied;
 * - step 3: for every offloading user and subchannel s, on the uplink, the downlink and both
 *   links at once: the move to s if it has room and each swap with a member of s, each from
 *   the incumbent as warm start; the first one that lowers J is applied;
 * - step 3b: for every pair of subchannels, on the uplink, the downlink and both links: the
 *   exchange of their whole groups (the gains differ per subchannel).
 * A change is applied only if J drops by ACCEPT_RELATIVE_DECREASE (relative), so J never
 * increases (NomaSplitDecision::objectiveHistory) and the loop ends. The free-slot choices,
 * the replacement, the swaps and the joint move are this module's additions to the reconstruction's
 * single-user moves (without them Li-GD stalled up to 44 % above the exhaustive GD on small
 * random instances); the re-placement of an offloading user at a new split, the replacement
 * by any user, the group exchange of step 3b and the lookahead brought the worst of 200
 * random small instances from +7.6 % to +0.2 % above the exhaustive GD (the gaps were all
 * configurations two single-user moves away, none a local optimum of the continuous part).
 * Within one Li-GD run the optimum of each GD block is kept by what it depends on (uplink:
 * uplink subchannels and splits; downlink: downlink subchannels; edge: splits), so a
 * candidate that changes one link re-optimises only that block; a candidate whose blocks are
 * all known costs one Predict(). This keeps Li-GD >= 1000x faster than the exhaustive GD at
 * U = 6 (utils/bench/noma-split-benchmark) despite the larger neighbourhoods.
 *
 * The constructor validates the problem and throws std::invalid_argument naming the field,
 * the user and the value (no users, a profile with no layer or a wrong number of outputs,
 * negative or NaN FLOPs, bits or gains, a gain vector not of size N_s, N_s or Q = 0,
 * bandwidth, noise, p^max, P^AP, F^e or n_e not > 0, lower bounds not in (0, max], a weight
 * outside [0, 1] or all weights 0, eps outside [0, 1]).
 */
class NomaSplitSolver
{
  public:
    /// Default step tolerance of the GD on the normalised variables (R4.5 of [4]: eps)
    static constexpr double DEFAULT_STEP_TOLERANCE{1e-9};
    /// Default iteration limit of one GD run
    static constexpr uint32_t DEFAULT_MAX_ITERATIONS{500};
    /// Default limit of EXHAUSTIVE_GD on the number of configurations
    static constexpr uint64_t DEFAULT_MAX_CONFIGURATIONS{2000000};
    /// Relative decrease a Li-GD move needs to be accepted
    static constexpr double ACCEPT_RELATIVE_DECREASE{1e-9};
    /// Li-GD step 2 lookahead: how many of the best non-improving single-user changes are
    /// followed by a subchannel group exchange when no single-user change lowers J
    static constexpr size_t LOOKAHEAD_CANDIDATES{4};
    /// Default limit of Li-GD rounds
    static constexpr uint32_t DEFAULT_MAX_ROUNDS{50};

    /**
     * @brief Validate and keep a problem.
     * @param [in] problem the instance
     */
    explicit NomaSplitSolver(NomaSplitProblem problem);

    /// @return the problem
    const NomaSplitProblem& GetProblem() const;

    /// @return U
    uint32_t GetNUsers() const;

    /**
     * @brief Set the GD step tolerance.
     * @param [in] tolerance > 0, on the normalised variables
     */
    void SetStepTolerance(double tolerance);

    /**
     * @brief Set the GD iteration limit.
     * @param [in] maxIterations >= 1
     */
    void SetMaxIterations(uint32_t maxIterations);

    /**
     * @brief Set the configuration limit of EXHAUSTIVE_GD.
     * @param [in] maxConfigurations >= 1
     */
    void SetMaxConfigurations(uint64_t maxConfigurations);

    /**
     * @brief Bound the work of the Li-GD family (LI_GD, OMA_LI_GD, EQUAL_POWER,
     * LATENCY_ONLY). Work = nObjectiveEvaluations + (NOMA_SPLIT_WORK_PER_CONFIGURATION + U /
     * 4) x nConfigurations for U users (measured: a configuration's bookkeeping costs about
     * 10 + U / 4 block objective evaluations). Once the work reaches the bound, further candidate
     * configurations are skipped and NomaSplitDecision::isBudgetExhausted is set.
     * Deterministic (counts, not a clock). Default: no bound. The JSON solver sets
     * 400,000 (under 1 s here) unless the input gives solver.maxWork.
     * @param [in] maxWork >= 1
     */
    void SetMaxWork(uint64_t maxWork);

    /**
     * @brief Check a configuration: sizes, split ranges, subchannel set iff offloading,
     * subchannel indices and at most Q users per subchannel and link. Throws
     * std::invalid_argument naming the first violation.
     * @param [in] configuration the configuration
     */
    void CheckConfiguration(const NomaSplitConfiguration& configuration) const;

    /**
     * @brief The default start z^(0) of R4.3 of [4]: p_i = p^max, P_i = P^AP / (offloading users),
     * f_i^e = F^e / (offloading users); 0 for local users.
     * @param [in] configuration the configuration
     * @return z^(0)
     */
    NomaSplitContinuous DefaultStart(const NomaSplitConfiguration& configuration) const;

    /**
     * @brief Latency, energy and objective of a decision (no constraint check on the
     * continuous values beyond >= 0; entries of local users are ignored).
     * @param [in] configuration (l, x, y), see CheckConfiguration()
     * @param [in] continuous (p, P, f^e), vectors of size U
     * @return the prediction
     */
    NomaSplitPrediction Predict(const NomaSplitConfiguration& configuration,
                                const NomaSplitContinuous& continuous) const;

    /**
     * @brief Analytic gradient of J with respect to p_i, P_i and f_i^e (0 for local users).
     * @param [in] configuration the configuration
     * @param [in] continuous the point (> 0 entries for offloading users)
     * @return dJ/dp (per W), dJ/dP (per W), dJ/df^e (per cycle/s) in a NomaSplitContinuous
     */
    NomaSplitContinuous Gradient(const NomaSplitConfiguration& configuration,
                                 const NomaSplitContinuous& continuous) const;

    /**
     * @brief Euclidean projection (in normalised variables) onto the feasible set.
     * @param [in] configuration the configuration
     * @param [in] continuous any point (entries of local users ignored)
     * @return the projected point, local users' entries 0
     */
    NomaSplitContinuous Project(const NomaSplitConfiguration& configuration,
                                const NomaSplitContinuous& continuous) const;

    /**
     * @brief Projected gradient descent on (p, P, f^e) for a fixed configuration.
     * @param [in] configuration the configuration
     * @param [in] start the start (projected first); entries of users that were local in the
     * start's configuration may be 0 and are then replaced by DefaultStart()'s
     * @return the result
     */
    NomaSplitGdResult OptimiseContinuous(const NomaSplitConfiguration& configuration,
                                         const NomaSplitContinuous& start) const;

    /**
     * @brief Number of configurations EXHAUSTIVE_GD visits: sum over split vectors of the
     * squared number of assignments of the offloading users (at most Q per subchannel).
     * @return the count (saturates at UINT64_MAX)
     */
    uint64_t CountConfigurations() const;

    /**
     * @brief The initial configuration of Li-GD (R4.3 of [4] step 1): l_i = 0; users ranked by
     * mean gain are dealt to min(U, N_s) subchannels in snake order (strongest with weakest
     * for Q = 2); users beyond N_s Q slots (the weakest) stay local.
     * @return the configuration
     */
    NomaSplitConfiguration PairingConfiguration() const;

    /**
     * @brief Check a decision against the constraints of an instance (the check the network
     * side runs on any allocator's decision before executing it).
     *
     * Checks, in this order, and reports the first violation: the number of users of every
     * vector of the decision (U); per user i, the split point (l_i <= L_i), the subchannels
     * (null iff l_i = L_i, else in 0..N_s-1), at most Q users per subchannel and link (OMA: Q
     * orthogonal slots, one user each), and for an offloading user p_i in
     * [minUplinkPowerW, p^max], P_i in [minDownlinkPowerW, P^AP] and f_i^e in
     * [minEdgeFrequencyHz, F^e] (finite); then sum P_i <= P^AP, sum f_i^e <= F^e and, if
     * enforceDownlinkPowerOrder (NOMA), P_weak >= P_strong on every downlink subchannel.
     * Bounds are checked with a relative tolerance of 1e-9. Entries of fully local users
     * are ignored. A decision with isFeasible false is checked the same way (it must be a
     * valid decision too, normally the all-local one).
     * @param [in] problem the instance (valid, see the constructor)
     * @param [in] decision the decision
     * @return "" if the decision is valid, else a message naming the user and the field,
     * e.g. "users[3].uplinkPowerW: 0.3 W is above p^max = 0.2 W"
     */
    static std::string CheckDecision(const NomaSplitProblem& problem,
                                     const NomaSplitDecision& decision);

    /**
     * @brief Solve with an algorithm or baseline.
     * @param [in] algorithm which one
     * @return the decision; EXHAUSTIVE_GD throws std::invalid_argument if
     * CountConfigurations() exceeds the limit
     */
    NomaSplitDecision Solve(NomaSplitAlgorithm algorithm = NomaSplitAlgorithm::LI_GD) const;

  private:
    /**
     * @brief A solver of another instance (a baseline's variant of this one) with this
     * solver's limits (step tolerance, iterations, configurations, work).
     * @param [in] problem the instance
     * @return the solver
     */
    NomaSplitSolver WithProblem(const NomaSplitProblem& problem) const;

    /// Optimum of each GD block (uplink p, downlink P, edge f^e) by what it depends on, kept
    /// during one Li-GD run: candidates that share a block reuse its optimum.
    struct BlockCache
    {
        /// Uplink block: per user (uplink subchannel << 16) + split, -1 if local
        std::map<std::vector<int32_t>, std::vector<double>> uplink;
        /// Downlink block: the downlink subchannel per user
        std::map<std::vector<int32_t>, std::vector<double>> downlink;
        /// Edge block: the split per user, -1 if local
        std::map<std::vector<int32_t>, std::vector<double>> edge;
    };

    /**
     * @brief OptimiseContinuous() with a block cache.
     * @param [in] configuration the configuration
     * @param [in] start the start
     * @param [in,out] cache block optima to reuse and fill; nullptr = none
     * @return the result (a block taken from the cache counts no iteration)
     */
    NomaSplitGdResult OptimiseContinuous(const NomaSplitConfiguration& configuration,
                                         const NomaSplitContinuous& start,
                                         BlockCache* cache) const;

    /// Incumbent of the loop iteration.
    struct Incumbent
    {
        NomaSplitConfiguration configuration; ///< (l, x, y)
        NomaSplitContinuous point;            ///< (p, P, f^e)
        double objective{0};                  ///< J
    };

    /**
     * @brief Li-GD loops (R4.3 of [4] steps 2-4).
     * @param [in] useGd true: warm-started GD per candidate; false: evaluate DefaultStart()
     * @param [in,out] decision receives the history and the counters
     * @return the final incumbent
     */
    Incumbent RunLoopIteration(bool useGd, NomaSplitDecision& decision) const;

    /**
     * @brief Evaluate a candidate configuration (GD from a warm start or the default start).
     * @param [in] configuration candidate
     * @param [in] warm warm start
     * @param [in] useGd see RunLoopIteration()
     * @param [in,out] decision counters
     * @param [in,out] cache block optima of this Li-GD run (nullptr = none)
     * @return the candidate's incumbent record (objective +infinity if infeasible)
     */
    Incumbent EvaluateCandidate(const NomaSplitConfiguration& configuration,
                                const NomaSplitContinuous& warm,
                                bool useGd,
                                NomaSplitDecision& decision,
                                BlockCache* cache = nullptr) const;

    /**
     * @brief Projection of the uplink powers: clip to [minUplinkPowerW, p^max].
     * @param [in] offloading offloading users
     * @param [in] p powers, size U
     * @return projected powers, size U (0 for the others)
     */
    std::vector<double> ProjectUplink(const std::vector<uint32_t>& offloading,
                                      const std::vector<double>& p) const;

    /**
     * @brief Projection of the downlink powers onto box, order and budget.
     * @param [in] members downlink groups, users in SIC order
     * @param [in] power powers, size U
     * @param [in] weight metric weights per user (size U), empty = Euclidean
     * @return projected powers, size U (0 for users in no group)
     */
    std::vector<double> ProjectDownlink(const std::vector<std::vector<uint32_t>>& members,
                                        const std::vector<double>& power,
                                        const std::vector<double>& weight) const;

    /**
     * @brief Projection of the edge frequencies onto box and budget.
     * @param [in] offloading offloading users
     * @param [in] f frequencies, size U
     * @param [in] weight metric weights per user (size U), empty = Euclidean
     * @return projected frequencies, size U (0 for the others)
     */
    std::vector<double> ProjectEdge(const std::vector<uint32_t>& offloading,
                                    const std::vector<double>& f,
                                    const std::vector<double>& weight) const;

    /**
     * @brief Fill a decision from a configuration and a point.
     * @param [in] algorithm algorithm
     * @param [in] configuration configuration
     * @param [in] point point
     * @param [in,out] decision the decision
     */
    void Finish(NomaSplitAlgorithm algorithm,
                const NomaSplitConfiguration& configuration,
                const NomaSplitContinuous& point,
                NomaSplitDecision& decision) const;

    NomaSplitProblem m_problem;                               ///< The instance
    double m_stepTolerance;                                   ///< GD step tolerance (normalised)
    uint32_t m_maxIterations;                                 ///< GD iteration limit
    uint64_t m_maxConfigurations;                             ///< EXHAUSTIVE_GD limit
    uint64_t m_maxWork{std::numeric_limits<uint64_t>::max()}; ///< Li-GD family work limit
};

} // namespace edgeinference
} // namespace ns3

#endif /* NOMA_SPLIT_SOLVER_H */
