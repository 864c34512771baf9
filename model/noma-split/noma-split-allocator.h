/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_SPLIT_ALLOCATOR_H
#define NOMA_SPLIT_ALLOCATOR_H

#include "noma-split-solver.h"

#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma-split
 * @brief The allocator interface of NOMA split inference: NomaSplitAllocator (what the
 * network side calls), NomaSplitSolverAllocator (the built-in algorithms and baselines of
 * NomaSplitSolver) and NomaSplitDecisionFileAllocator (decisions read from the output files of
 * edge-inference-solve).
 *
 * The problem is the one of Yuan, Li, Zhang, Li, Chen, Martinez Ortega, Guo, "High Efficiency
 * Inference Accelerating Algorithm for NOMA-based Mobile Edge Computing", arXiv 2312.15850
 * (journal version IEEE Trans. Wireless Commun. 23(11), 2024): split point, uplink and
 * downlink subchannel, uplink and downlink power and edge compute share per user.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-noma-split
 * @brief Abstract allocator of the NOMA split-inference problem: one NomaSplitProblem in
 * (the instance the network model assembled), one NomaSplitDecision out.
 *
 * The network side (NomaSplitInferenceHelper) calls Allocate() once per decision round;
 * a user's algorithm overrides Decide() only. Allocate():
 * 1. writes the instance, if InstanceFileName is set, in the input format of
 *    edge-inference-solve (NomaSplitInstanceToJson(); "%r" = round index);
 * 2. calls Decide(); an exception thrown by it is a rejected decision;
 * 3. turns a decision with isFeasible false into the "serve nobody" decision (below);
 * 4. checks the decision with NomaSplitSolver::CheckDecision() (user count, split points,
 *    subchannels, users per subchannel, power and edge-share bounds and budgets, downlink
 *    power order); a violation is reported by the DecisionRejected trace and kept in
 *    GetRejections() with a message naming the user and the field;
 * 5. after a rejection, returns the Allocate() of the Fallback allocator (which checks its
 *    own decision the same way), or, without a fallback, serves nobody;
 * 6. replaces the prediction with the module's own (NomaSplitSolver::Predict()), so
 *    predicted vs measured is available for any allocator, and fires the Decision trace.
 *
 * **Serving nobody** in split inference means that no task is offloaded: every user runs
 * its whole DNN on its device (l_i = L, no subchannel, no power, no edge share). This is a
 * decision of the problem (fully local), the tasks still complete and their measured
 * latency and energy still compare with the prediction; the decision has isFeasible false
 * and the reason names the rejection.
 *
 * Allocate() never throws for a bad decision. It throws std::invalid_argument (from the
 * NomaSplitSolver constructor) if the instance itself is invalid, which is an error of the
 * network model, not of the allocator.
 */
class NomaSplitAllocator : public Object
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    NomaSplitAllocator();
    ~NomaSplitAllocator() override;

    NomaSplitAllocator(const NomaSplitAllocator&) = delete;
    NomaSplitAllocator& operator=(const NomaSplitAllocator&) = delete;

    /**
     * @brief Decide one round (see the class description): instance file, Decide(), checks,
     * fallback or serve nobody, prediction.
     * @param [in] instance the instance the network model assembled
     * @return a valid decision of the instance with the module's prediction
     */
    NomaSplitDecision Allocate(const NomaSplitProblem& instance);

    /**
     * @brief The one method a user overrides: decide the split points, subchannels, powers
     * and edge shares of an instance. The prediction returned is ignored (Allocate()
     * recomputes it); an exception is a rejected decision.
     * @param [in] instance the instance
     * @return the decision
     */
    virtual NomaSplitDecision Decide(const NomaSplitProblem& instance) = 0;

    /**
     * @return the rounds decided so far; inside Decide(), the index of the round being decided
     */
    uint32_t GetRound() const;

    /// @return the rejection messages, in order ("round <r>: <message>")
    const std::vector<std::string>& GetRejections() const;

    /**
     * @brief The "serve nobody" decision: every user fully local, isFeasible false.
     * @param [in] instance the instance
     * @param [in] reason the reason kept in the decision
     * @return the decision (prediction not filled)
     */
    static NomaSplitDecision ServeNobody(const NomaSplitProblem& instance,
                                         const std::string& reason);

    /**
     * TracedCallback signature of a decision.
     * @param [in] round the round index
     * @param [in] decision the decision returned by Allocate()
     */
    typedef void (*DecisionTracedCallback)(uint32_t round, const NomaSplitDecision& decision);

    /**
     * TracedCallback signature of a rejected decision.
     * @param [in] round the round index
     * @param [in] message what was wrong, naming the user and the field
     */
    typedef void (*RejectedTracedCallback)(uint32_t round, const std::string& message);

  protected:
    void DoDispose() override;

  private:
    /**
     * @brief Call Decide() and check the result.
     * @param [in] instance the instance
     * @param [out] decision the decision (normalised: serve nobody if isFeasible is false)
     * @return "" if valid, else the rejection message
     */
    std::string TryDecide(const NomaSplitProblem& instance, NomaSplitDecision& decision);

    Ptr<NomaSplitAllocator> m_fallback;    ///< Attribute Fallback (null = serve nobody)
    std::string m_instanceFileName;        ///< Attribute InstanceFileName ("" = off)
    uint32_t m_round{0};                   ///< Rounds decided
    bool m_isAllocating{false};            ///< Inside Allocate() (breaks fallback cycles)
    std::vector<std::string> m_rejections; ///< Rejection messages
    /// Decision trace
    TracedCallback<uint32_t, const NomaSplitDecision&> m_decisionTrace;
    /// DecisionRejected trace
    TracedCallback<uint32_t, const std::string&> m_rejectedTrace;
};

/**
 * @ingroup edge-inference-noma-split
 * @brief The built-in algorithms and baselines of NomaSplitSolver, chosen by the Algorithm
 * attribute (names of NomaSplitAlgorithmNames(): "li-gd", "exhaustive-gd", "oma-li-gd",
 * "fully-local", "full-offload", "latency-only", "equal-power").
 *
 * "oma-li-gd" solves the instance with OMA rates (Q orthogonal slots of B_s / Q per
 * subchannel); NomaSplitInferenceHelper then builds the instance of an OMA cell (N_s Q MAC
 * subchannels). "exhaustive-gd" beyond MaxConfigurations is a rejected decision.
 */
class NomaSplitSolverAllocator : public NomaSplitAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    NomaSplitSolverAllocator();
    ~NomaSplitSolverAllocator() override;

    /**
     * @brief Solve with NomaSplitSolver and the Algorithm attribute.
     * @param [in] instance the instance
     * @return the solver's decision
     */
    NomaSplitDecision Decide(const NomaSplitProblem& instance) override;

    /// @return the Algorithm attribute
    NomaSplitAlgorithm GetAlgorithm() const;

    /**
     * @brief Set the Algorithm attribute.
     * @param [in] algorithm the algorithm
     */
    void SetAlgorithm(NomaSplitAlgorithm algorithm);

  private:
    /// @param [in] value the algorithm as an int (attribute setter)
    void SetAlgorithmValue(int value);

    /// @return the algorithm as an int (attribute getter)
    int GetAlgorithmValue() const;

    NomaSplitAlgorithm m_algorithm{NomaSplitAlgorithm::LI_GD}; ///< Attribute Algorithm
    double m_stepTolerance;                                    ///< Attribute StepTolerance
    uint32_t m_maxIterations;                                  ///< Attribute MaxIterations
    uint64_t m_maxConfigurations;                              ///< Attribute MaxConfigurations
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Decisions read from files in the output format of edge-inference-solve
 * (NomaSplitDecisionFromJson()), one per round: FileName, "%r" = round index.
 *
 * A file that cannot be read or parsed, or a field with a wrong value, is a rejected
 * decision whose message names the file, the JSON path and the value.
 */
class NomaSplitDecisionFileAllocator : public NomaSplitAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    NomaSplitDecisionFileAllocator();
    ~NomaSplitDecisionFileAllocator() override;

    /**
     * @brief Read the decision of the current round.
     * @param [in] instance the instance
     * @return the decision of the file
     * @throw json::JsonInputError "<file>: <JSON path>: <problem>"
     */
    NomaSplitDecision Decide(const NomaSplitProblem& instance) override;

  private:
    std::string m_fileName; ///< Attribute FileName
};

} // namespace edgeinference
} // namespace ns3

#endif /* NOMA_SPLIT_ALLOCATOR_H */
