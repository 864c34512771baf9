/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DTO_EE_SOLVER_H
#define DTO_EE_SOLVER_H

#include "ns3/dnn-model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-dto-ee
 * @brief Collaborative inference over a stage graph with early exits: the queueing model,
 * its exterior-penalty objective, a centralised solver and the baselines (pure C++).
 *
 * R. Xie, Q. Xu, H. Xu, Y. Liao, Z. Yao, "Collaborative Inference for Large Models with
 * Task Offloading and Early Exiting", arXiv 2412.08284 (DTO-EE). The full text was not
 * available; the model follows the module's reconstruction R5.1–R5.4 of [5], which marks it as a
 * reconstruction [R]. The distributed algorithm (DTO-R / DTO-O agents and their messages) is in
 * dto-ee-agent.h.
 *
 * Indices are 0-based here: stage h = 0..H-1 (the reconstruction's 1..H), nodes and links are
 * indices into DtoEeProblem::nodes and DtoEeProblem::links. Units: s, bit, FLOP, task/s.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-dto-ee
 * @brief One sub-model (stage) of the partitioned model, with the exit head at its end.
 *
 * The exit head is an EarlyExitBranch of the module's DnnModel: its exit profile gives
 * q_h(theta) = P(confidence >= theta). The accuracy a_h(theta) of the tasks that exit here is
 * the piecewise-linear @c exitAccuracy if given, else the constant @c exit.accuracy. At the
 * last stage every task exits (q = 1, threshold ignored) with accuracy a_H(0).
 */
struct DtoEeStage
{
    double workFlop{1e9};  ///< w_h: FLOPs of the sub-model plus its exit head, per task
    double featureBits{0}; ///< s_h: intermediate-feature size sent to the next stage, bit
    EarlyExitBranch exit;  ///< Exit head (accuracy and exit-probability profile)
    /// (threshold, accuracy of the exiting tasks), thresholds increasing in [0, 1]; empty:
    /// the constant exit.accuracy
    std::vector<std::pair<double, double>> exitAccuracy;
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief One edge node hosting the sub-model of one stage.
 */
struct DtoEeNode
{
    uint32_t stage{0};       ///< Stage h hosted by the node, < H
    double speedFlops{1e10}; ///< f_i: effective compute speed, FLOP/s (mu_i = f_i / w_h)
    double arrivalRate{0};   ///< lambda_i: external Poisson arrivals, task/s (stage 0 only)
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief A directed link i -> j between nodes of consecutive stages.
 */
struct DtoEeLink
{
    uint32_t from{0};            ///< Offloader i (stage h)
    uint32_t to{0};              ///< Receiver j (stage h + 1)
    double rateBps{1e8};         ///< r_ij: link rate, bit/s
    double propagationDelayS{0}; ///< prop_ij: propagation delay, s
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief The DTO-EE problem (R5.1 of [5], 5.2).
 */
struct DtoEeProblem
{
    std::vector<DtoEeStage> stages; ///< The H stages (H >= 1)
    std::vector<DtoEeNode> nodes;   ///< Edge nodes
    std::vector<DtoEeLink> links;   ///< Directed links between consecutive stages
    double betaS{0.5};              ///< beta: seconds of delay per unit of accuracy
    double rho{1e3};                ///< rho: exterior-penalty weight, s^2/task (R5.2 of [5])
    double epsilon{0.05};           ///< epsilon: stability margin, Lambda <= (1-eps) mu
    double thresholdMin{0};         ///< theta_min: lower bound of the thresholds, in [0, 1]
    /// c^2: squared coefficient of variation of the nodes' service times (Var S / E[S]^2).
    /// 1 = exponential service, the M/M/1 node of R5.1 of [5]; any other value makes every
    /// node an M/G/1 queue (Pollaczek-Khinchine): 0 = deterministic GPU times (M/D/1).
    /// Finite, >= 0
    double serviceScv{1};
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief A decision: per-node thresholds and per-link offloading fractions.
 */
struct DtoEeStrategy
{
    std::vector<double> threshold; ///< theta_i per node (ignored at the last stage)
    std::vector<double> split;     ///< x_ij per link; fractions of one offloader sum to 1
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Why a solution is not a stable operating point.
 */
enum class DtoEeReason
{
    NONE,             ///< Every node is stable: Lambda_i < mu_i
    NO_TRAFFIC,       ///< lambda = 0: nothing to serve (delay and accuracy are 0)
    STAGE_OVERLOADED, ///< Even with theta = theta_min some stage's load exceeds its capacity
    NODE_OVERLOADED,  ///< The strategy puts some node at Lambda_i >= mu_i
    MARGIN_VIOLATED,  ///< Stable, but some node exceeds (1 - epsilon) mu_i (penalty active)
    NOT_SERVED,       ///< "Serve nobody": no strategy, every task is dropped at its entry node
};

/**
 * @param [in] reason a reason
 * @return its name, e.g. "STAGE_OVERLOADED"
 */
std::string ToString(DtoEeReason reason);

/**
 * @ingroup edge-inference-dto-ee
 * @brief Everything the model predicts for a strategy.
 */
struct DtoEeEvaluation
{
    std::vector<double> nodeRate;          ///< Lambda_i, task/s
    std::vector<double> linkFlow;          ///< F_ij, task/s
    std::vector<double> marginalCost;      ///< delta_i = d(lambda J_rho)/d Lambda_i, s
    std::vector<double> curvature;         ///< kappa_i, second derivative along Lambda_i, s^2
    std::vector<double> thresholdGradient; ///< d(lambda J_rho)/d theta_i (0 at the last stage)
    double meanDelayS{0};                  ///< D (R5.1 of [5]), +infinity if some node is unstable
    double meanAccuracy{0};                ///< A (R5.1 of [5])
    double penalty{0};                     ///< (rho / lambda) sum max(0, Lambda - (1-eps) mu)^2
    double objective{0}; ///< J_rho = D~ - beta A + penalty, D~ with the linear extension
    bool stable{true};   ///< Lambda_i < mu_i at every node
    DtoEeReason reason{
        DtoEeReason::NONE}; ///< NONE, NO_TRAFFIC, NODE_OVERLOADED, MARGIN_VIOLATED, NOT_SERVED
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief A validated DTO-EE instance: the queueing model, objective, gradients (R5.1–R5.3 of [5]).
 *
 * Xie et al., arXiv 2412.08284 (see the file documentation). With G_i = Lambda_i (1 - q_i)
 * the continuing flow of node i and d_ij = s_h / r_ij + prop_ij:
 * - lambda J_rho = sum_i C_i(Lambda_i) + sum_ij F_ij d_ij - beta sum_i Lambda_i q_i a_i, where
 *   C_i(L) = T_i(L) + rho max(0, L - (1-eps) mu_i)^2 and T_i(L) = L / (mu_i - L) extended
 *   linearly beyond (1 - eps) mu_i;
 * - delta_i = C_i'(Lambda_i) - beta q_i a_i + (1 - q_i) sum_j x_ij (d_ij + delta_j) (backward);
 * - kappa_i = C_i''(Lambda_i) + (1 - q_i)^2 sum_j x_ij^2 kappa_j;
 * - d(lambda J_rho)/d x_ij = G_i (d_ij + delta_j);
 *   d(lambda J_rho)/d theta_i = -Lambda_i q_i' Phi_i - beta Lambda_i (q_i a_i)', Phi_i =
 *   sum_j x_ij (d_ij + delta_j).
 *
 * The constructor throws std::invalid_argument naming the field and the value for:
 * no stage, a non-positive or non-finite work, speed or link rate, a negative feature size,
 * arrival rate or propagation delay, external arrivals at a node that is not in stage 0,
 * a first-stage node with lambda_i >= mu_i (unstable load no decision can change), a link
 * that does not join consecutive stages or is duplicated, a node before the last stage
 * without a successor (no path to the last stage), a stage without nodes, thresholds or
 * accuracies outside [0, 1], beta, rho < 0, epsilon outside (0, 1).
 */
class DtoEeModel
{
  public:
    /**
     * @brief Validate and index the problem.
     * @param [in] problem the instance
     */
    explicit DtoEeModel(DtoEeProblem problem);

    /// @return the instance
    const DtoEeProblem& GetProblem() const;

    /// @return H
    uint32_t GetNStages() const;

    /// @return number of nodes
    uint32_t GetNNodes() const;

    /// @return number of links
    uint32_t GetNLinks() const;

    /// @return lambda = sum of external arrival rates, task/s
    double GetTotalArrivalRate() const;

    /**
     * @param [in] node a node
     * @return mu_i = f_i / w_h, task/s
     */
    double GetServiceRate(uint32_t node) const;

    /**
     * @param [in] link a link
     * @return d_ij = s_h / r_ij + prop_ij, s
     */
    double GetLinkDelay(uint32_t link) const;

    /**
     * @param [in] node a node
     * @return true if the node is in the last stage
     */
    bool IsLastStage(uint32_t node) const;

    /**
     * @param [in] node a node
     * @return indices of the links leaving the node, in DtoEeProblem::links order
     */
    const std::vector<uint32_t>& GetOutLinks(uint32_t node) const;

    /**
     * @param [in] node a node
     * @return indices of the links entering the node
     */
    const std::vector<uint32_t>& GetInLinks(uint32_t node) const;

    /**
     * @param [in] stage a stage
     * @return the nodes of the stage, increasing
     */
    const std::vector<uint32_t>& GetStageNodes(uint32_t stage) const;

    /**
     * @param [in] node a node
     * @param [in] threshold theta
     * @return q_h(theta) (1 at the last stage)
     */
    double ExitProbability(uint32_t node, double threshold) const;

    /**
     * @param [in] node a node
     * @param [in] threshold theta
     * @return a_h(theta) (a_H(0) at the last stage)
     */
    double ExitAccuracy(uint32_t node, double threshold) const;

    /**
     * @brief Check a strategy. Throws std::invalid_argument naming the field and value if the
     * vectors have the wrong size, a threshold is outside [theta_min, 1] or a split is
     * negative or does not sum to 1 (within 1e-6) over the links of an offloader.
     * @param [in] strategy the strategy
     */
    void CheckStrategy(const DtoEeStrategy& strategy) const;

    /**
     * @brief Evaluate a strategy: flows, D, A, J_rho, marginal costs and gradients.
     * @param [in] strategy the strategy (checked with CheckStrategy())
     * @return the evaluation
     */
    DtoEeEvaluation Evaluate(const DtoEeStrategy& strategy) const;

    /**
     * @brief The objective J_rho of a strategy alone (Evaluate().objective without the
     * backward pass: no marginal costs, curvatures or gradients).
     * @param [in] strategy the strategy (checked with CheckStrategy())
     * @return J_rho (0 without traffic)
     */
    double Objective(const DtoEeStrategy& strategy) const;

    /**
     * @brief Mean time from a task's arrival at each node until its exit decision:
     * T_i = 1 / (mu_i - Lambda_i) + (1 - q_i) sum_j x_ij (d_ij + T_j) (last stage: no sum),
     * the per-entry-node view of D (D = sum_i lambda_i T_i / lambda).
     * @param [in] strategy the strategy (checked with CheckStrategy())
     * @return T_i per node, s (+infinity where the node or a node downstream is unstable)
     */
    std::vector<double> DelayToExit(const DtoEeStrategy& strategy) const;

    /**
     * @brief Squared coefficient of variation c_a^2 of each node's arrival process under the
     * two-moment approximation of Whitt's Queueing Network Analyzer [C]: Poisson external
     * arrivals (c^2 = 1); a node's departures c_d^2 = rho^2 c_s^2 + (1 - rho^2) c_a^2; the
     * Bernoulli split to link ij (probability p = (1 - q_i) x_ij) c^2 = p c_d^2 + 1 - p; a node's
     * arrivals are the flow-weighted mean of its incoming links' c^2. With exponential service
     * (c_s^2 = 1) every c_a^2 is 1 (the Jackson network of the M/M/1 model); with deterministic
     * service the departures of a loaded node are smoother than Poisson.
     * @param [in] strategy the strategy (checked with CheckStrategy())
     * @return c_a^2 per node (1 where nothing arrives)
     */
    std::vector<double> ArrivalScv(const DtoEeStrategy& strategy) const;

    /**
     * @brief DelayToExit() with the two-moment node sojourn
     * 1/mu_i + (c_a^2 + c_s^2)/2 Lambda_i / (mu_i (mu_i - Lambda_i)) (Kingman / Allen-Cunneen
     * with ArrivalScv()) instead of the Poisson-arrival one [C]. Equal to DelayToExit() when
     * c_s^2 = 1; lower with deterministic service, where the forwarded flows are smoother than
     * Poisson. It is a prediction only: the objective, its gradients, the solver and the
     * agents keep the Poisson arrivals of the model.
     * @param [in] strategy the strategy (checked with CheckStrategy())
     * @return T_i per node, s (+infinity where the node or a node downstream is unstable)
     */
    std::vector<double> DelayToExitTwoMoment(const DtoEeStrategy& strategy) const;

    /**
     * @brief DelayToExitTwoMoment() for per-task queue-aware routing (join-least-loaded) [C]:
     * every stage h >= 1 whose nodes all receive from every node of stage h - 1 is one pooled
     * queue (the offloaders send each task to the successor with the least expected wait, so
     * no successor idles while another has a queue). Its wait is the M/M/c wait with c = the
     * stage's nodes, total rate sum mu_j and the stage's load (Erlang C), scaled by
     * (c_a^2 + c_s^2) / 2 (Allen-Cunneen); node j's sojourn is 1/mu_j plus that wait. Other
     * stages (and stage 0, whose arrivals are bound to their entry nodes) keep the per-node
     * sojourn of DelayToExitTwoMoment(). The flows are the strategy's (e.g. the solver's fluid
     * join-least-loaded split).
     * @param [in] strategy the strategy (checked with CheckStrategy())
     * @return T_i per node, s (+infinity where a stage or a node downstream is unstable)
     */
    std::vector<double> DelayToExitPooled(const DtoEeStrategy& strategy) const;

    /**
     * @brief Uniform offloading with the given threshold everywhere (clamped to
     * [theta_min, 1]).
     * @param [in] threshold theta for every node
     * @return the strategy
     */
    DtoEeStrategy UniformStrategy(double threshold) const;

    /**
     * @brief Whether some stage cannot carry its load even at theta = theta_min everywhere
     * (sum of (1 - eps) mu over the stage below the minimal possible inflow).
     * @return STAGE_OVERLOADED or NONE
     */
    DtoEeReason CapacityCheck() const;

  private:
    /**
     * @brief Evaluate() or, with isObjectiveOnly, only the forward pass and J_rho.
     * @param [in] strategy the strategy (checked)
     * @param [in] isObjectiveOnly stop after the objective
     * @return the evaluation (with isObjectiveOnly only objective, flows and rates are set)
     */
    DtoEeEvaluation Evaluate(const DtoEeStrategy& strategy, bool isObjectiveOnly) const;

    /**
     * @brief DelayToExitTwoMoment() or DelayToExitPooled().
     * @param [in] strategy the strategy (checked)
     * @param [in] isPooled pool the stages fed by every node of the previous stage
     * @return T_i per node, s
     */
    std::vector<double> DelayToExitWithArrivalScv(const DtoEeStrategy& strategy,
                                                  bool isPooled) const;

    DtoEeProblem m_problem;                          ///< The instance
    std::vector<std::vector<uint32_t>> m_outLinks;   ///< Links leaving each node
    std::vector<double> m_linkDelayS;                ///< d_ij of each link, s
    std::vector<std::vector<uint32_t>> m_inLinks;    ///< Links entering each node
    std::vector<std::vector<uint32_t>> m_stageNodes; ///< Nodes of each stage
    double m_lambda{0};                              ///< Total arrival rate
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Node cost C(L) = N(L) + rho max(0, L - (1-eps) mu)^2 and its derivatives (R5.2 of [5]),
 * N(L) the mean number of tasks at the node, extended linearly beyond (1 - eps) mu.
 *
 * With service-time SCV c^2 (M/G/1, Pollaczek-Khinchine mean sojourn 1/mu + (1 + c^2) L /
 * (2 mu (mu - L))): N(L) = L / mu + k L^2 / (mu (mu - L)), k = (1 + c^2) / 2, so
 * N'(L) = 1/mu + k (2 mu L - L^2) / (mu (mu - L)^2) and N''(L) = 2 k mu / (mu - L)^3.
 * c^2 = 1 (the default) is the M/M/1 node N(L) = L / (mu - L) of R5.1 of [5], computed with
 * that formula; c^2 = 0 is M/D/1.
 */
struct DtoEeNodeCost
{
    /**
     * @param [in] rate Lambda, task/s
     * @param [in] mu service rate, task/s
     * @param [in] rho penalty weight
     * @param [in] epsilon stability margin
     * @param [in] scv c^2 of the service time (1: M/M/1)
     * @return C(Lambda)
     */
    static double Value(double rate, double mu, double rho, double epsilon, double scv = 1.0);

    /**
     * @param [in] rate Lambda, task/s
     * @param [in] mu service rate, task/s
     * @param [in] rho penalty weight
     * @param [in] epsilon stability margin
     * @param [in] scv c^2 of the service time (1: M/M/1)
     * @return C'(Lambda)
     */
    static double Derivative(double rate, double mu, double rho, double epsilon, double scv = 1.0);

    /**
     * @param [in] rate Lambda, task/s
     * @param [in] mu service rate, task/s
     * @param [in] rho penalty weight
     * @param [in] epsilon stability margin
     * @param [in] scv c^2 of the service time (1: M/M/1)
     * @return C''(Lambda)
     */
    static double SecondDerivative(
        double rate, double mu, double rho, double epsilon, double scv = 1.0);

    /**
     * @brief Mean sojourn time of an M/G/1 node (Pollaczek-Khinchine).
     * @param [in] rate Lambda, task/s
     * @param [in] mu service rate, task/s
     * @param [in] scv c^2 of the service time
     * @return 1/mu + (1 + c^2) Lambda / (2 mu (mu - Lambda)), s (1/(mu - Lambda) for c^2 = 1);
     * +infinity if Lambda >= mu
     */
    static double Sojourn(double rate, double mu, double scv = 1.0);
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Piecewise-linear profile helpers shared by the model and the agents.
 */
struct DtoEeProfile
{
    /**
     * @param [in] points (x, y) with increasing x; empty means the constant @p empty
     * @param [in] x the abscissa (clamped to the first and last points)
     * @param [in] empty value of an empty profile
     * @return y(x), linear interpolation
     */
    static double Value(const std::vector<std::pair<double, double>>& points,
                        double x,
                        double empty);

    /**
     * @brief Slope of the segment holding x (the right segment at a breakpoint, the left one
     * at the last point); 0 outside the points or for fewer than two points.
     * @param [in] points (x, y) with increasing x
     * @param [in] x the abscissa
     * @return dy/dx
     */
    static double Slope(const std::vector<std::pair<double, double>>& points, double x);
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Schemes compared in the evaluation (R5.4 of [5]).
 *
 * Each scheme has exactly one name, the kebab-case name of edge-inference-solve's
 * --algorithm (DtoEeSchemeNames()), used by ToString(), the Algorithm attribute of
 * DtoEeSolverAllocator, the examples' flags and the JSON output.
 */
enum class DtoEeScheme
{
    DTO_EE,             ///< "distributed": DTO-EE offloading and thresholds (DtoEeDistributed)
    CENTRALISED,        ///< "centralised": solver of R5.2 of [5] (reference optimum)
    FIXED_THRESHOLD,    ///< "fixed-threshold": optimal offloading, baseline threshold
    NO_EARLY_EXIT,      ///< "no-early-exit": optimal offloading, theta = 1 everywhere
    UNIFORM_OFFLOADING, ///< "uniform-offloading": x uniform over successors, baseline threshold
    RANDOM_OFFLOADING,  ///< "random-offloading": x random (seeded), baseline threshold
    JOIN_LEAST_LOADED,  ///< "join-least-loaded": fluid join-least-utilised, baseline threshold
};

/**
 * @brief The name table of DtoEeScheme: one kebab-case name per scheme, in enumerator order.
 * @return (scheme, name) pairs
 */
const std::vector<std::pair<DtoEeScheme, std::string>>& DtoEeSchemeNames();

/**
 * @param [in] scheme a scheme
 * @return its name in DtoEeSchemeNames(), e.g. "join-least-loaded"
 */
std::string ToString(DtoEeScheme scheme);

/**
 * @param [in] name a name of DtoEeSchemeNames(), e.g. "fixed-threshold"
 * @return the scheme, or nothing if the name is not in the table
 */
std::optional<DtoEeScheme> DtoEeSchemeFromString(const std::string& name);

/**
 * @return the names of DtoEeSchemeNames() joined by ", " (for error messages and help texts)
 */
std::string DtoEeSchemeNameList();

/**
 * @brief Parse a comma-separated list of scheme names (e.g. an example's --schemes flag).
 * @param [in] list e.g. "distributed,fixed-threshold"
 * @return the schemes, in order
 * @throw std::invalid_argument naming the unknown name and listing the valid ones, or if the
 * list is empty
 */
std::vector<DtoEeScheme> DtoEeSchemeList(const std::string& list);

/**
 * @ingroup edge-inference-dto-ee
 * @brief Settings of the centralised solver and the baselines.
 */
struct DtoEeSolverOptions
{
    double routingTolerance{1e-9}; ///< Stop the routing when the KKT residual / lambda is below
    uint32_t maxRoutingIterations{2000};  ///< Cap of routing iterations per solve
    double thresholdTolerance{1e-9};      ///< Stop the threshold search at this objective change
    uint32_t maxThresholdIterations{100}; ///< Cap of projected-gradient steps on theta
    bool optimiseThresholds{true};        ///< false: keep the initial thresholds (routing only)
    double baselineThreshold{0.8};        ///< Threshold of the fixed-threshold baselines
    uint64_t seed{1};                     ///< Seed of RANDOM_OFFLOADING (std::mt19937_64)
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Outcome of a solver or a baseline.
 */
struct DtoEeSolution
{
    DtoEeScheme scheme{DtoEeScheme::CENTRALISED}; ///< Scheme that produced it
    DtoEeStrategy strategy;                       ///< The decision
    DtoEeEvaluation evaluation;                   ///< Its evaluation
    DtoEeReason reason{DtoEeReason::NONE};        ///< NONE if a stable operating point
    uint32_t iterations{0};                       ///< Routing iterations (solver) or rounds
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Centralised reference solver of R5.2 of [5] and the static baselines of R5.4 of [5].
 *
 * Uses global state (it is the reference, not the distributed algorithm):
 * - routing for fixed thresholds: Gallager-type flow deviation toward the cheapest successor
 *   with a second-derivative scaled step and a backtracking (Armijo) line search on the global
 *   J_rho, until the KKT residual sum_i G_i (Phi_i - min_j phi_ij) / lambda is below the
 *   tolerance (J_rho is convex in the link flows for fixed thresholds, so this is the
 *   optimum);
 * - thresholds: projected gradient with backtracking on V(theta) = min_x J_rho(x, theta), the
 *   gradient by the envelope theorem, from several starting points (theta_min, the middle,
 *   1 and the baseline threshold), keeping the best, then a pattern-search polish of it
 *   (theta_i +- 0.05 ... 4e-4, since the exit profiles make J_rho only piecewise smooth in
 *   theta) in which a trial is evaluated with the current offloading fractions and re-routed
 *   only if that lowers J (O(N + |E|) per trial instead of a routing solve: the polish of
 *   each start with a routing solve per trial took 63 s at N = 500).
 *   It is a local method: J_rho is not jointly convex in (x, theta).
 */
class DtoEeSolver
{
  public:
    /**
     * Throws std::invalid_argument naming the option if a tolerance is not finite and > 0 or
     * baselineThreshold is outside [0, 1] (the fixed-threshold baselines raise it to
     * thresholdMin).
     * @param [in] model the validated instance
     * @param [in] options settings
     */
    DtoEeSolver(const DtoEeModel& model, DtoEeSolverOptions options = {});

    /**
     * @brief Optimise the offloading fractions for the thresholds of @p start.
     * @param [in] start initial strategy (its thresholds are kept)
     * @return the solution (scheme CENTRALISED)
     */
    DtoEeSolution SolveRouting(const DtoEeStrategy& start) const;

    /**
     * @brief Optimise offloading and thresholds (or only offloading if
     * optimiseThresholds is false, from the baseline threshold).
     * @return the solution (scheme CENTRALISED)
     */
    DtoEeSolution Solve() const;

    /**
     * @brief A static scheme (every scheme but DTO_EE, which needs DtoEeDistributed).
     * Throws std::invalid_argument for DTO_EE.
     * @param [in] scheme the scheme
     * @return the solution
     */
    DtoEeSolution SolveScheme(DtoEeScheme scheme) const;

    /**
     * @brief The fluid join-least-utilised split (scheme JOIN_LEAST_LOADED) for given
     * thresholds: each offloader, in stage and index order, sends its continuing flow in
     * small chunks, each to the successor of least (Lambda_j + chunk) / mu_j.
     * @param [in] thresholds a strategy whose thresholds are used (its splits are replaced;
     * checked with DtoEeModel::CheckStrategy())
     * @return the strategy with the fluid split
     */
    DtoEeStrategy JoinLeastLoadedStrategy(const DtoEeStrategy& thresholds) const;

    /**
     * @brief The module's prediction of a decision made elsewhere (e.g. by a user's
     * allocator): its evaluation and reason, the scheme and iterations kept. A decision with
     * reason NOT_SERVED is ServeNobody(). Throws std::invalid_argument like
     * DtoEeModel::CheckStrategy() for an invalid strategy (check it with CheckDecision()).
     * @param [in] decision the decision (strategy, or reason NOT_SERVED)
     * @return the decision with its evaluation and reason
     */
    DtoEeSolution Predict(const DtoEeSolution& decision) const;

    /**
     * @brief The "serve nobody" decision: no strategy (empty vectors), every task dropped at
     * its entry node; evaluation with zero rates, delay, accuracy and objective, reason
     * NOT_SERVED.
     * @return the decision
     */
    DtoEeSolution ServeNobody() const;

    /**
     * @brief Check a decision against an instance without throwing.
     *
     * A decision with reason NOT_SERVED is valid whatever its strategy. Otherwise the
     * strategy needs one threshold per node and one split per link (messages "threshold: 3
     * values, expected 4 (one per node)"), every threshold in [thresholdMin, 1] (the last
     * stage's in [0, 1]; "nodes[2].threshold = 1.5: must be in [0, 1]"), every split finite
     * and >= 0 ("nodes[0].split to node 3 (links[1]) = -0.2: must be >= 0") and the splits
     * of every node before the last stage summing to 1 within 1e-6 over its links ("nodes[0]
     * .split: sums to 0.7 over its links to nodes 3, 4: must sum to 1").
     * @param [in] problem the instance
     * @param [in] decision the decision
     * @return "" if valid, else the first problem found, naming the node and the field; an
     * invalid instance gives "instance: " and the model's message
     */
    static std::string CheckDecision(const DtoEeProblem& problem, const DtoEeSolution& decision);

  private:
    /// Routing tolerance inside the threshold search (the final routing uses the option's)
    static constexpr double INNER_ROUTING_TOLERANCE{1e-5};

    /**
     * @brief Fill the reason of a solution from its evaluation and the capacity check.
     * @param [in,out] solution the solution
     */
    void SetReason(DtoEeSolution& solution) const;

    /**
     * @brief Projected gradient on the thresholds from one start.
     * @param [in] start initial strategy
     * @return the best solution found
     */
    DtoEeSolution DescendThresholds(const DtoEeStrategy& start) const;

    /**
     * @brief SolveRouting() with an explicit stopping tolerance.
     * @param [in] start initial strategy (its thresholds are kept)
     * @param [in] tolerance KKT residual / lambda below which the routing stops
     * @return the solution
     */
    DtoEeSolution SolveRouting(const DtoEeStrategy& start, double tolerance) const;

    /**
     * @brief Pattern-search polish of the thresholds (theta_i +- 0.05 ... 4e-4).
     * @param [in] solution a solution of DescendThresholds()
     * @return the polished solution (J not larger)
     */
    DtoEeSolution PolishThresholds(DtoEeSolution solution) const;

    const DtoEeModel& m_model;    ///< The instance
    DtoEeSolverOptions m_options; ///< Settings
};

} // namespace edgeinference
} // namespace ns3

#endif /* DTO_EE_SOLVER_H */
