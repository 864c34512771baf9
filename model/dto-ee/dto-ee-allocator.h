/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DTO_EE_ALLOCATOR_H
#define DTO_EE_ALLOCATOR_H

#include "dto-ee-solver.h"

#include "ns3/json-node.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-dto-ee
 * @brief The allocator interface of collaborative inference with early exits (DTO-EE): the
 * network side asks it for the offloading fractions x_ij and thresholds theta_i of an
 * instance; built-in algorithms, decision files and a user's own algorithm plug in the same
 * way.
 *
 * R. Xie, Q. Xu, H. Xu, Y. Liao, Z. Yao, "Collaborative Inference for Large Models with Task
 * Offloading and Early Exiting", arXiv 2412.08284 (2024).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-dto-ee
 * @brief Abstract allocator of a DTO-EE instance: returns a strategy (x_ij, theta_i) as a
 * DtoEeSolution, the type DtoEeSolver returns.
 *
 * CollaborativeInferenceHelper::ApplyScheme() calls Allocate() once with the instance it
 * assembled from the network (DtoEeProblem of the installed nodes, links and sources). What
 * the network does with the decision depends on the control mode, not on the allocator:
 * - static control: the nodes execute the strategy for the whole run (centrally computed
 *   schemes: the built-in solver, a decision file, a user's algorithm);
 * - distributed control (DTO-EE agents): the strategy is the agents' start point, the
 *   agents then change it by message passing;
 * - join-least-loaded control: the nodes use the thresholds, the routing is per task.
 *
 * Allocate() writes the instance file (InstanceFileName), calls Decide(), checks the decision
 * (DtoEeSolver::CheckDecision(): one threshold per node in [thresholdMin, 1], one split per
 * link, >= 0, summing to 1 per offloader), falls back to the Fallback allocator (itself
 * checked) or to "serve nobody" if it is invalid or Decide() throws, and returns the decision
 * with the module's prediction (DtoEeSolver::Predict()). "Serve nobody" (reason NOT_SERVED)
 * makes the entry nodes drop every task under static and join-least-loaded control; under
 * distributed control the agents start from their own start point (InitialThreshold,
 * uniform split).
 */
class DtoEeAllocator : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    DtoEeAllocator();
    ~DtoEeAllocator() override;

    DtoEeAllocator(const DtoEeAllocator&) = delete;
    DtoEeAllocator& operator=(const DtoEeAllocator&) = delete;

    /**
     * @brief What the network side calls, once per decision round: writes the instance file,
     * calls Decide(), checks the decision, falls back (Fallback attribute) or serves nobody,
     * and returns the decision with its prediction. Never throws for a bad decision.
     * @param [in] instance the instance the network assembled
     * @return the decision, with evaluation and reason
     * @throw std::invalid_argument if the instance itself is invalid (DtoEeModel's message)
     */
    DtoEeSolution Allocate(const DtoEeProblem& instance);

    /**
     * @brief The one method a user overrides: decide the strategy of an instance. Only
     * strategy (and reason NOT_SERVED for "serve nobody") matter: the evaluation is recomputed
     * by Allocate(). May throw: the exception's message becomes the rejection message.
     * @param [in] instance the instance
     * @return the decision
     */
    virtual DtoEeSolution Decide(const DtoEeProblem& instance) = 0;

    /// @return the rounds decided so far
    uint32_t GetRound() const;

    /// @return the rejection messages, in order ("round 0: nodes[2].threshold = ...")
    const std::vector<std::string>& GetRejections() const;

    /// @return the fallback allocator (null: serve nobody)
    Ptr<DtoEeAllocator> GetFallback() const;

    /**
     * TracedCallback signature of Decision.
     * @param [in] round the round index
     * @param [in] solution the decision returned by Allocate() (after checks and fallback)
     */
    typedef void (*DecisionTracedCallback)(uint32_t round, const DtoEeSolution& solution);

    /**
     * TracedCallback signature of DecisionRejected.
     * @param [in] round the round index
     * @param [in] message why the decision was rejected, naming the node and the field
     */
    typedef void (*DecisionRejectedTracedCallback)(uint32_t round, const std::string& message);

  protected:
    void DoDispose() override;

    /**
     * @brief The instance document written to InstanceFileName (the input format of
     * edge-inference-solve); subclasses may add their options (e.g. a "solver" block).
     * @param [in] instance the instance
     * @return the document
     */
    virtual json::Json InstanceDocument(const DtoEeProblem& instance) const;

  private:
    Ptr<DtoEeAllocator> m_fallback;     ///< Attribute Fallback
    std::string m_instanceFileName;     ///< Attribute InstanceFileName
    uint32_t m_round{0};                ///< Rounds decided so far
    std::vector<std::string> m_rejects; ///< Rejection messages
    bool m_isAllocating{false};         ///< Inside Allocate() (fallback loop guard)
    TracedCallback<uint32_t, const DtoEeSolution&> m_decisionTrace; ///< Decision
    TracedCallback<uint32_t, const std::string&> m_rejectedTrace;   ///< DecisionRejected
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief The built-in centrally computed schemes: DtoEeSolver::SolveScheme() with the
 * Algorithm attribute and the solver's options as attributes.
 *
 * Algorithm: "centralised" (the reference optimum of R5.2 of [5]), "fixed-threshold",
 * "no-early-exit", "uniform-offloading", "random-offloading" (the baselines of R5.4 of [5]).
 * The protocols "distributed" and "join-least-loaded" are not allocators: they run in the
 * nodes (CollaborativeInferenceNode's ControlMode).
 */
class DtoEeSolverAllocator : public DtoEeAllocator
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    DtoEeSolverAllocator();
    ~DtoEeSolverAllocator() override;

    DtoEeSolution Decide(const DtoEeProblem& instance) override;

    /// @return the scheme of the Algorithm attribute
    DtoEeScheme GetAlgorithm() const;

    /// @return the solver options described by the attributes
    DtoEeSolverOptions GetSolverOptions() const;

  protected:
    json::Json InstanceDocument(const DtoEeProblem& instance) const override;

  private:
    /// @param [in] value the Algorithm attribute (a DtoEeScheme)
    void SetAlgorithmValue(int value);

    /// @return the Algorithm attribute
    int GetAlgorithmValue() const;

    DtoEeScheme m_algorithm{DtoEeScheme::CENTRALISED}; ///< Attribute Algorithm
    double m_baselineThreshold{0.8};                   ///< Attribute BaselineThreshold
    bool m_optimiseThresholds{true};                   ///< Attribute OptimiseThresholds
    uint64_t m_seed{1};                                ///< Attribute Seed
    double m_routingTolerance{1e-9};                   ///< Attribute RoutingTolerance
    uint32_t m_maxRoutingIterations{2000};             ///< Attribute MaxRoutingIterations
    double m_thresholdTolerance{1e-9};                 ///< Attribute ThresholdTolerance
    uint32_t m_maxThresholdIterations{100};            ///< Attribute MaxThresholdIterations
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Reads each round's decision from a file in the output format of
 * edge-inference-solve --problem=dto-ee (DtoEeDecisionFromJson()).
 *
 * A file that cannot be read or parsed, a field with a wrong value, a node or link missing
 * or not in the instance is a rejected decision whose message names the file, the JSON path
 * and the value; the round goes on with the fallback or serves nobody.
 */
class DtoEeDecisionFileAllocator : public DtoEeAllocator
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    DtoEeDecisionFileAllocator();
    ~DtoEeDecisionFileAllocator() override;

    DtoEeSolution Decide(const DtoEeProblem& instance) override;

  private:
    std::string m_fileName; ///< Attribute FileName ("%r" = round index)
};

} // namespace edgeinference
} // namespace ns3

#endif /* DTO_EE_ALLOCATOR_H */
