/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PARTIAL_LOADING_ALLOCATOR_H
#define PARTIAL_LOADING_ALLOCATOR_H

#include "partial-loading-solver.h"

#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-partial-loading
 * @brief The allocator interface of PartialLoading (G. Qu, Q. Chen, X. Chen, K. Huang,
 * Y. Fang, "User Scheduling and Bandwidth Allocation for Parameter-sharing Edge Inference",
 * arXiv 2503.22982): what PartialLoadingServer calls once per frame, the built-in
 * algorithms, and a reader of decisions computed elsewhere.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-partial-loading
 * @brief Decides one PartialLoading round: who is served, in which GPU order, with which
 * uplink bandwidth (abstract; override Decide()).
 *
 * The network side (PartialLoadingServer) calls Allocate() with the instance it assembled
 * (catalogue blocks, GPU state, the measured uplink channels, deadlines); Allocate() writes
 * the instance file (attribute InstanceFileName, the input format of edge-inference-solve),
 * calls Decide(), completes and checks the decision (PartialLoadingSolver::CheckDecision()),
 * and on a violation records a message naming the request and the field, fires
 * DecisionRejected and asks the Fallback allocator (checked the same way) or serves nobody
 * (reason DECISION_REJECTED). The decision returned always carries the module's prediction
 * of it (PartialLoadingSolver::Evaluate() with the decision's order, bandwidths and load
 * rule), so the network can put the predicted beside the measured outcome whatever
 * algorithm decided. Allocate() never throws for a bad decision; an exception thrown by
 * Decide() is a rejected decision.
 *
 * What Decide() may leave empty (Allocate() completes it): isServed (then derived from
 * order), reason (NONE for the served, NOT_SELECTED for the others), minBandwidthHz and
 * uploadWindowS (zeros); nServed and prediction are always recomputed. bandwidthHz must have
 * one entry per request (0 for the unserved; +infinity = upload time 0, executed as an
 * equal share of B). uploadWindowS[k] > 0 sets the end of request k's upload window at the
 * server (input cutoff); else the window ends at T_k - I_m.
 */
class PartialLoadingAllocator : public Object
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    PartialLoadingAllocator();
    ~PartialLoadingAllocator() override;

    PartialLoadingAllocator(const PartialLoadingAllocator&) = delete;
    PartialLoadingAllocator& operator=(const PartialLoadingAllocator&) = delete;

    /**
     * @brief Decide one round (what the network side calls): write the instance file, call
     * Decide(), check, fall back or serve nobody, predict.
     * @param [in] instance the instance the network assembled
     * @return a valid decision of @p instance with its prediction
     */
    PartialLoadingDecision Allocate(const PartialLoadingProblem& instance);

    /**
     * @brief The one method a user overrides.
     * @param [in] instance the instance
     * @return the decision (see the class description for what may be left empty)
     */
    virtual PartialLoadingDecision Decide(const PartialLoadingProblem& instance) = 0;

    /// @return the rounds decided so far (the index of the round being decided, in Decide())
    uint32_t GetRound() const;

    /// @return the messages of the rejected decisions, in order
    const std::vector<std::string>& GetRejections() const;

    /**
     * TracedCallback signature of a decided round.
     * @param [in] round the round index
     * @param [in] decision the decision returned by Allocate(), with its prediction
     */
    typedef void (*DecisionTracedCallback)(uint32_t round, const PartialLoadingDecision& decision);

    /**
     * TracedCallback signature of a rejected decision.
     * @param [in] round the round index
     * @param [in] message why, naming the request and the field
     */
    typedef void (*DecisionRejectedTracedCallback)(uint32_t round, const std::string& message);

  protected:
    void DoDispose() override;

  private:
    /**
     * @brief Ask an allocator for a decision, complete it, check it and predict it.
     * @param [in] allocator the allocator (this or the fallback)
     * @param [in] instance the instance
     * @param [in] solver the instance's solver (the evaluator)
     * @param [out] decision the decision, if valid
     * @return "" if valid, else the message
     */
    std::string TryDecide(Ptr<PartialLoadingAllocator> allocator,
                          const PartialLoadingProblem& instance,
                          const PartialLoadingSolver& solver,
                          PartialLoadingDecision& decision);

    /**
     * @brief Record a rejected decision.
     * @param [in] round the round
     * @param [in] message the message
     */
    void Reject(uint32_t round, const std::string& message);

    Ptr<PartialLoadingAllocator> m_fallback; ///< Attribute Fallback (null: serve nobody)
    std::string m_instanceFileName;          ///< Attribute InstanceFileName ("" = off)
    uint32_t m_round;                        ///< Rounds decided so far
    std::vector<std::string> m_rejections;   ///< Messages of rejected decisions
    TracedCallback<uint32_t, const PartialLoadingDecision&> m_decisionTrace; ///< Decision
    TracedCallback<uint32_t, const std::string&> m_rejectedTrace;            ///< DecisionRejected
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief The built-in algorithms and baselines of PartialLoadingSolver::Decide(), chosen by
 * the attribute Algorithm (names of SchedulingAlgorithmNames(), e.g. "partial-loading",
 * "no-sharing"). A solver error (e.g. backbone-dp on a family that is not backbone-sharing)
 * is a rejected decision.
 */
class PartialLoadingSolverAllocator : public PartialLoadingAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    PartialLoadingSolverAllocator();
    ~PartialLoadingSolverAllocator() override;

    PartialLoadingDecision Decide(const PartialLoadingProblem& instance) override;

    /// @return the algorithm (attribute Algorithm)
    SchedulingAlgorithm GetAlgorithm() const;

  private:
    /// @param [in] value a SchedulingAlgorithm (attribute Algorithm)
    void SetAlgorithmValue(int value);
    /// @return the SchedulingAlgorithm (attribute Algorithm)
    int GetAlgorithmValue() const;

    SchedulingAlgorithm m_algorithm; ///< Attribute Algorithm
};

/**
 * @ingroup edge-inference-partial-loading
 * @brief Reads each round's decision from a file in the output format of
 * edge-inference-solve (attribute FileName, "%r" = round index), e.g. computed by an
 * external solver from the instance files the scenario wrote (InstanceFileName). A file
 * that cannot be read or parsed, a field with a wrong value, or a decision that violates
 * the instance's constraints is a rejected decision whose message names the file, the JSON
 * path and the value.
 */
class PartialLoadingDecisionFileAllocator : public PartialLoadingAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    PartialLoadingDecisionFileAllocator();
    ~PartialLoadingDecisionFileAllocator() override;

    PartialLoadingDecision Decide(const PartialLoadingProblem& instance) override;

  private:
    std::string m_fileName; ///< Attribute FileName
};

} // namespace edgeinference
} // namespace ns3

#endif /* PARTIAL_LOADING_ALLOCATOR_H */
