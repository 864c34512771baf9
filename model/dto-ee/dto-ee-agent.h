/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DTO_EE_AGENT_H
#define DTO_EE_AGENT_H

#include "dto-ee-solver.h"

#include "ns3/dnn-model.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-dto-ee
 * @brief DTO-EE as a distributed algorithm: per-node agents (DTO-R receiver and DTO-O
 * offloader roles) that only exchange explicit, serialisable messages (pure C++).
 *
 * Xie et al., "Collaborative Inference for Large Models with Task Offloading and Early
 * Exiting", arXiv 2412.08284; the iteration follows the seed R5.3 of [5] [R, roles V].
 * One round: (1) forward, stage by stage, every offloader i sends each successor j a
 * DtoEeUpdateMessage with its planned flow F_ij (the receiver sums them into Lambda_j, what
 * the packet-level receiver measures); (2) backward, stage H-1 down to 1, every receiver j
 * computes delta_j and kappa_j from its state and its successors' replies and sends every
 * predecessor a DtoEeReplyMessage (delta_j, Lambda_j, mu_j, kappa_j, number of offloaders);
 * (3) every offloader
 * updates its offloading fractions (DTO-O) and, every m rounds, its threshold. So a round
 * costs exactly 2 |E| messages and |E| (DTO_EE_UPDATE_BYTES + DTO_EE_REPLY_BYTES) bytes.
 */

namespace ns3
{
namespace edgeinference
{

/// Serialised size of a DtoEeUpdateMessage, bytes (type, round, from, to, rate).
static constexpr uint32_t DTO_EE_UPDATE_BYTES{21};

/// Serialised size of a DtoEeReplyMessage, bytes (type, round, from, to, 4 doubles, count).
static constexpr uint32_t DTO_EE_REPLY_BYTES{49};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Offloader -> receiver: "in round r I plan to send you F_ij task/s" (DTO-O request).
 *
 * Wire format (network byte order): u8 type = 1, u32 round, u32 from, u32 to, f64 rate.
 */
struct DtoEeUpdateMessage
{
    uint32_t round{0}; ///< Round number
    uint32_t from{0};  ///< Offloader node id
    uint32_t to{0};    ///< Receiver node id
    double rate{0};    ///< F_ij, task/s

    /// @return the DTO_EE_UPDATE_BYTES bytes of the message
    std::vector<uint8_t> Serialize() const;

    /**
     * @brief Parse a message. Throws std::invalid_argument naming the size or type on a
     * malformed buffer.
     * @param [in] bytes the buffer
     * @return the message
     */
    static DtoEeUpdateMessage Deserialize(const std::vector<uint8_t>& bytes);
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Receiver -> offloader: the receiver's marginal cost and state (DTO-R reply).
 *
 * Wire format (network byte order): u8 type = 2, u32 round, u32 from, u32 to, f64 delta,
 * f64 arrivalRate, f64 serviceRate, f64 curvature, u32 predecessors.
 */
struct DtoEeReplyMessage
{
    uint32_t round{0};        ///< Round number
    uint32_t from{0};         ///< Receiver node id
    uint32_t to{0};           ///< Offloader node id
    double marginalCost{0};   ///< delta_j, s
    double arrivalRate{0};    ///< Lambda_j, task/s
    double serviceRate{0};    ///< mu_j, task/s
    double curvature{0};      ///< kappa_j, s^2 (second derivative of the cost-to-go)
    uint32_t predecessors{0}; ///< Number of offloaders of the receiver (they move together)

    /// @return the DTO_EE_REPLY_BYTES bytes of the message
    std::vector<uint8_t> Serialize() const;

    /**
     * @brief Parse a message. Throws std::invalid_argument naming the size or type on a
     * malformed buffer.
     * @param [in] bytes the buffer
     * @return the message
     */
    static DtoEeReplyMessage Deserialize(const std::vector<uint8_t>& bytes);
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Step rules of the offloading and threshold updates.
 */
enum class DtoEeStepRule
{
    /// The reconstruction's rule: x_ij -= eta G_i (phi_ij - min phi) / lambda_n (Gallager form,
    /// mass to the cheapest successor); theta -= eta d(lambda J)/d theta / lambda_n
    GRADIENT,
    /// Scaled: the flow that would equalise phi_ij and min phi (receivers' own M/M/1 terms
    /// exact, downstream to second order via kappa; bisection), times eta, divided by the
    /// receivers' number of offloaders (they move in the same round); theta moves eta of the
    /// way to the minimiser of its local model (see DtoEeAgent)
    SCALED,
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Settings of the distributed iteration.
 */
struct DtoEeAlgorithmOptions
{
    DtoEeStepRule splitRule{DtoEeStepRule::SCALED};     ///< Offloading step rule
    DtoEeStepRule thresholdRule{DtoEeStepRule::SCALED}; ///< Threshold step rule
    double splitStep{1.0};         ///< eta_x (dimensionless for SCALED, s^-1 for GRADIENT)
    double thresholdStep{0.5};     ///< eta_theta (dimensionless for SCALED)
    uint32_t thresholdPeriod{1};   ///< m: thresholds are updated every m rounds
    bool optimiseThresholds{true}; ///< false: thresholds stay at their initial values
    /// lambda_n, task/s, the normalisation of the GRADIENT rule (a configuration constant
    /// of every node); 0: the total arrival rate of the model
    double rateNormalisation{0};
    double initialThreshold{0.8}; ///< theta of every node at the start
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief What one node knows about itself and its neighbours: nothing else.
 */
struct DtoEeAgentConfig
{
    uint32_t node{0};       ///< Own id
    bool lastStage{false};  ///< Whether the node hosts the last sub-model (q = 1)
    double serviceRate{1};  ///< mu_i, task/s (measured locally)
    double externalRate{0}; ///< lambda_i, task/s (measured locally)
    EarlyExitBranch exit;   ///< Own exit head (q profile, constant accuracy)
    std::vector<std::pair<double, double>> exitAccuracy; ///< a(theta) points (empty: constant)
    std::vector<uint32_t> successors;                    ///< Successor ids
    std::vector<double> linkDelayS;                      ///< d_ij per successor, s
    std::vector<uint32_t> predecessors;                  ///< Predecessor ids
    double betaS{0.5};                                   ///< beta
    double rho{1e3};                                     ///< rho
    double epsilon{0.05};                                ///< epsilon
    double thresholdMin{0};                              ///< theta_min
    /// c^2 of the service time: 1 = M/M/1 node (exponential), else M/G/1
    /// (Pollaczek-Khinchine; 0 = deterministic), as DtoEeProblem::serviceScv
    double serviceScv{1};
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief One edge node running DTO-R (as a receiver) and DTO-O (as an offloader).
 *
 * Xie et al., arXiv 2412.08284, R5.3 of [5]. The agent reads only its DtoEeAgentConfig and the
 * messages it receives. The SCALED threshold rule minimises the local model
 * l(theta) = -beta Lambda q a + Phi G(theta) + K/2 (G(theta) - G_0)^2 over [theta_min, 1]
 * (G(theta) = Lambda (1 - q(theta)) the forwarded flow, Phi = sum_j x_j phi_j, K =
 * sum_j x_j^2 kappa_j, all from the replies; grid plus golden-section refinement), then moves
 * eta_theta of the way there.
 */
class DtoEeAgent
{
  public:
    /**
     * @param [in] config the local view
     * @param [in] options the algorithm settings
     * @param [in] rateNormalisation lambda_n of the GRADIENT rule, task/s (> 0)
     */
    DtoEeAgent(DtoEeAgentConfig config,
               const DtoEeAlgorithmOptions& options,
               double rateNormalisation);

    /**
     * @brief Start a round: forget the previous round's updates and replies.
     * @param [in] round the round number
     */
    void BeginRound(uint32_t round);

    /**
     * @brief DTO-R: take an offloader's planned flow. Throws std::invalid_argument if the
     * message is for another node or round or the sender is not a predecessor.
     * @param [in] message the message
     */
    void ReceiveUpdate(const DtoEeUpdateMessage& message);

    /// @return one update per successor: F_ij = Lambda_i (1 - q_i) x_ij
    std::vector<DtoEeUpdateMessage> MakeUpdates() const;

    /**
     * @brief DTO-O: take a receiver's reply. Throws std::invalid_argument as ReceiveUpdate().
     * @param [in] message the message
     */
    void ReceiveReply(const DtoEeReplyMessage& message);

    /**
     * @brief DTO-R: compute delta_i, kappa_i (needs every successor's reply of this round) and
     * reply to every predecessor. Throws std::logic_error if a reply is missing.
     * @return one reply per predecessor
     */
    std::vector<DtoEeReplyMessage> MakeReplies();

    /**
     * @brief DTO-O: update the offloading fractions and (every m rounds) the threshold from the
     * replies of this round.
     * @return the largest change of a fraction or of the threshold
     */
    double UpdateStrategy();

    /**
     * @brief Dynamic scenario: the node measured a new service rate.
     * @param [in] mu task/s, > 0
     */
    void SetServiceRate(double mu);

    /**
     * @brief Dynamic scenario: the node measured a new external arrival rate.
     * @param [in] rate task/s, >= 0
     */
    void SetExternalRate(double rate);

    /// @return own id
    uint32_t GetNode() const;

    /// @return theta_i
    double GetThreshold() const;

    /**
     * @brief Set the threshold (clamped to [theta_min, 1]).
     * @param [in] threshold theta
     */
    void SetThreshold(double threshold);

    /// @return x_ij per successor (order of DtoEeAgentConfig::successors)
    const std::vector<double>& GetSplit() const;

    /**
     * @brief Set the fractions (must have one entry per successor).
     * @param [in] split the fractions
     */
    void SetSplit(const std::vector<double>& split);

    /// @return Lambda_i of the current round, task/s
    double GetArrivalRate() const;

    /// @return delta_i of the current round, s
    double GetMarginalCost() const;

  private:
    /// @return q_i at the current threshold
    double ExitProbability() const;

    /**
     * @param [in] threshold theta
     * @return q(theta) a(theta)
     */
    double ExitValue(double threshold) const;

    /**
     * @brief SCALED offloading step: the flow to move from successor @p from to successor
     * @p to so that their predicted costs phi become equal (bisection, capped at
     * @p maxFlow).
     * @param [in] from index of the costlier successor
     * @param [in] to index of the cheapest successor
     * @param [in] gap phi_from - phi_to > 0
     * @param [in] maxFlow flow currently sent to @p from, task/s
     * @param [in] shift flow already moved to @p to in this update, task/s
     * @return the flow, task/s
     */
    double MoveToEqualise(size_t from, size_t to, double gap, double maxFlow, double shift) const;

    /**
     * @brief The SCALED threshold target (minimiser of the local model).
     * @param [in] phi Phi_i
     * @param [in] kDown sum_j x_j^2 kappa_j
     * @return the minimiser over [theta_min, 1]
     */
    double LocalThresholdTarget(double phi, double kDown) const;

    DtoEeAgentConfig m_config;                ///< Local view
    DtoEeAlgorithmOptions m_options;          ///< Settings
    double m_rateNormalisation;               ///< lambda_n
    double m_threshold;                       ///< theta_i
    std::vector<double> m_split;              ///< x_ij per successor
    uint32_t m_round{0};                      ///< Current round
    double m_arrivalRate{0};                  ///< Lambda_i of this round
    std::vector<bool> m_updateSeen;           ///< Update received from each predecessor this round
    std::vector<bool> m_replySeen;            ///< Reply received from each successor this round
    std::vector<DtoEeReplyMessage> m_replies; ///< Replies of this round, per successor
    double m_marginalCost{0};                 ///< delta_i
    double m_curvature{0};                    ///< kappa_i
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Objective and control traffic after one round.
 */
struct DtoEeRoundRecord
{
    uint32_t round{0};      ///< Round number (0-based)
    double objective{0};    ///< J_rho of the strategy after the round (observer's view)
    double meanDelayS{0};   ///< D after the round, s
    double meanAccuracy{0}; ///< A after the round
    double maxChange{0};    ///< Largest local change of a fraction or threshold
    uint64_t messages{0};   ///< Cumulative messages
    uint64_t bytes{0};      ///< Cumulative bytes
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Outcome of DtoEeDistributed::Run().
 */
struct DtoEeRunResult
{
    std::vector<DtoEeRoundRecord> history; ///< One record per round
    bool converged{false};                 ///< Max local change fell below the tolerance
    uint32_t rounds{0};                    ///< Rounds run
    uint64_t messages{0};                  ///< Control messages exchanged
    uint64_t bytes{0};                     ///< Control bytes exchanged
    DtoEeSolution solution;                ///< Final strategy and its evaluation (scheme DTO_EE)
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Runs the DTO-EE agents of a model, carrying their messages as bytes.
 *
 * Builds one DtoEeAgent per node from the model (each gets only its local view), then runs
 * rounds: the messages are serialised, counted and parsed on delivery, so the agents
 * interoperate only through the wire format that the ns-3 network side will carry. The model
 * is used only to build the agents and, as an observer, to evaluate each round's strategy.
 */
class DtoEeDistributed
{
  public:
    /**
     * @param [in] model the instance (must outlive this object)
     * @param [in] options the algorithm settings
     */
    DtoEeDistributed(const DtoEeModel& model, DtoEeAlgorithmOptions options = {});

    /**
     * @brief Start from a given strategy instead of uniform offloading.
     * @param [in] strategy the strategy (checked by the model)
     */
    void SetStrategy(const DtoEeStrategy& strategy);

    /// @return one round, then its record
    DtoEeRoundRecord RunRound();

    /**
     * @brief Run rounds until the largest local change is below @p tolerance for
     * @p patience consecutive rounds or @p maxRounds rounds.
     * @param [in] maxRounds cap
     * @param [in] tolerance threshold of the largest local change
     * @param [in] patience consecutive quiet rounds required
     * @return the result
     */
    DtoEeRunResult Run(uint32_t maxRounds, double tolerance = 1e-6, uint32_t patience = 3);

    /**
     * @brief Dynamic scenario: the nodes measure new service and arrival rates. The new
     * model must have the same nodes, stages and links (else std::invalid_argument).
     * @param [in] model the changed instance (must outlive this object)
     */
    void UpdateEnvironment(const DtoEeModel& model);

    /// @return the agents' current strategy
    DtoEeStrategy GetStrategy() const;

    /// @return messages exchanged so far
    uint64_t GetMessages() const;

    /// @return bytes exchanged so far
    uint64_t GetBytes() const;

    /**
     * @param [in] model an instance
     * @return messages per round, 2 |E|
     */
    static uint64_t MessagesPerRound(const DtoEeModel& model);

    /**
     * @param [in] model an instance
     * @return bytes per round, |E| (DTO_EE_UPDATE_BYTES + DTO_EE_REPLY_BYTES)
     */
    static uint64_t BytesPerRound(const DtoEeModel& model);

  private:
    const DtoEeModel* m_model;        ///< The instance (observer and agent factory)
    DtoEeAlgorithmOptions m_options;  ///< Settings
    std::vector<DtoEeAgent> m_agents; ///< One per node
    uint32_t m_round{0};              ///< Next round number
    uint64_t m_messages{0};           ///< Messages so far
    uint64_t m_bytes{0};              ///< Bytes so far
};

} // namespace edgeinference
} // namespace ns3

#endif /* DTO_EE_AGENT_H */
