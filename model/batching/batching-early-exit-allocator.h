/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCHING_EARLY_EXIT_ALLOCATOR_H
#define BATCHING_EARLY_EXIT_ALLOCATOR_H

#include "batching-early-exit-solver.h"

#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-batching
 * @brief The allocator interface of multiuser edge inference with batching and early exiting:
 * what BatchingEarlyExitServer calls once per frame.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-batching
 * @brief Joint scheduling and uplink bandwidth allocation for multiuser edge inference with
 * batching and early exiting (Z. Liu, Q. Lan, K. Huang, "Resource Allocation for Multiuser
 * Edge Inference with Batching and Early Exiting", IEEE JSAC 41(4), 2023): the abstract ns-3
 * interface the network side calls, once per decision round (frame).
 *
 * BatchingEarlyExitServer assembles the frame's BatchingEarlyExitProblem (blocks t_l(b),
 * exit accuracies A_l, total bandwidth W, the users' deadlines, upload bits and SNR
 * bandwidths, calibrated) and calls Allocate(), which:
 * 1. writes the instance in the input format of edge-inference-solve if InstanceFileName is
 *    set ("%r" = the round index);
 * 2. calls Decide(), the one method a subclass overrides;
 * 3. checks the decision with BatchingEarlyExitSolver::CheckDecision() (one bandwidth per
 *    user, served users that exist, reachable exits, finite non-negative bandwidths, sum of
 *    the served users' bandwidths <= W); an exception thrown by Decide() counts as a
 *    rejected decision too;
 * 4. on a rejection records the message (GetRejections(), trace DecisionRejected) and asks
 *    the Fallback allocator's Decide() (checked the same way; its GetRound() is set to
 *    this round first), or serves nobody;
 * 5. returns the decision completed with the module's own prediction
 *    (BatchingEarlyExitSolver::CompleteDecision()), so that the server can report predicted
 *    beside measured for any allocator.
 *
 * Built-ins: BatchingEarlyExitSolverAllocator; decisions from files (any external solver):
 * BatchingEarlyExitDecisionFileAllocator.
 */
class BatchingEarlyExitAllocator : public Object
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    BatchingEarlyExitAllocator();
    ~BatchingEarlyExitAllocator() override;

    BatchingEarlyExitAllocator(const BatchingEarlyExitAllocator&) = delete;
    BatchingEarlyExitAllocator& operator=(const BatchingEarlyExitAllocator&) = delete;

    /**
     * @brief Decide one round (what the network side calls). Never throws for a bad
     * decision; aborts (naming the field) only if the instance itself is invalid or the
     * instance file cannot be written.
     * @param [in] instance the problem the network assembled
     * @return the checked decision (or the fallback's, or nobody served) with its prediction
     */
    BatchingEarlyExitDecision Allocate(const BatchingEarlyExitProblem& instance);

    /**
     * @brief The decision of one round: the one method a subclass overrides.
     *
     * Fill at least scheme, served and bandwidthHz (one entry per user, Hz); isServed and
     * exit may be left empty. Everything else is recomputed by Allocate(). Throwing a
     * std::exception rejects the decision with its message.
     * @param [in] instance the problem
     * @return the decision
     */
    virtual BatchingEarlyExitDecision Decide(const BatchingEarlyExitProblem& instance) = 0;

    /// @return the number of rounds decided so far (during Decide(): the index of the round
    /// being decided)
    uint32_t GetRound() const;

    /// @return the messages of the rejected decisions, in order ("round r: <message>")
    const std::vector<std::string>& GetRejections() const;

    /**
     * @brief The nobody-served decision of an instance (a valid answer, every user unserved
     * with its reason), completed with its prediction.
     * @param [in] instance the problem
     * @return the decision
     */
    static BatchingEarlyExitDecision ServeNobody(const BatchingEarlyExitProblem& instance);

    /**
     * @brief s = p g / N_0 from a wideband SINR: with the power p spread over the measured
     * bandwidth B (as the LTE SRS is, without uplink power control), SINR = p g / (N_0 B),
     * so s = SINR x B.
     * @param [in] sinrLinear measured SINR (linear, >= 0)
     * @param [in] measuredBandwidthHz bandwidth the SINR was measured over, Hz (> 0)
     * @return s, Hz
     */
    static double SnrBandwidthFromSinr(double sinrLinear, double measuredBandwidthHz);

    /**
     * TracedCallback signature of a decided round.
     * @param [in] round round index
     * @param [in] nUsers users of the round
     * @param [in] nServed users served
     * @param [in] throughputPerS predicted throughput, tasks/s
     */
    typedef void (*DecisionTracedCallback)(uint32_t round,
                                           uint32_t nUsers,
                                           uint32_t nServed,
                                           double throughputPerS);

    /**
     * TracedCallback signature of a rejected decision.
     * @param [in] round round index
     * @param [in] message what is wrong, naming the user and the field
     */
    typedef void (*DecisionRejectedTracedCallback)(uint32_t round, const std::string& message);

  protected:
    void DoDispose() override;

  private:
    /**
     * @brief Run an allocator's Decide() and check the result.
     * @param [in] allocator the allocator
     * @param [in] instance the problem
     * @param [out] decision the decision if valid
     * @return "" if valid, else the message
     */
    static std::string TryDecide(BatchingEarlyExitAllocator& allocator,
                                 const BatchingEarlyExitProblem& instance,
                                 BatchingEarlyExitDecision& decision);

    /**
     * @brief Record and trace a rejection.
     * @param [in] message the message
     */
    void Reject(const std::string& message);

    Ptr<BatchingEarlyExitAllocator> m_fallback; ///< Attribute Fallback
    std::string m_instanceFileName;             ///< Attribute InstanceFileName
    uint32_t m_round;                           ///< Rounds decided
    std::vector<std::string> m_rejections;      ///< Rejection messages
    /// Decision trace
    TracedCallback<uint32_t, uint32_t, uint32_t, double> m_decisionTrace;
    /// Rejection trace
    TracedCallback<uint32_t, const std::string&> m_rejectedTrace;
};

} // namespace edgeinference
} // namespace ns3

#endif /* BATCHING_EARLY_EXIT_ALLOCATOR_H */
