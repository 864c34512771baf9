/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SLIDE_ALLOCATOR_H
#define SLIDE_ALLOCATOR_H

#include "slide-solver.h"

#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-slide
 * @brief The SLIDE allocator interface of the network side (SlideAllocator), its built-in
 * algorithms (SlideSolverAllocator) and decisions read from files
 * (SlideDecisionFileAllocator).
 *
 * G. Qu, T. Li, Q. Chen, X. Chen, S. Zhou, "SLIDE: Simultaneous Model Downloading and
 * Inference at the Wireless Network Edge", IEEE Trans. Mobile Computing, 2026.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-slide
 * @brief What SlideResourceManager calls once per admission window: a SlideProblem in, a
 * SlideDecision (model, bandwidth and frequency per user) out.
 *
 * A user brings an algorithm of their own by deriving from this class and overriding
 * Decide(); SlideHelper::SetAllocatorType() installs it by TypeId. Allocate() wraps Decide():
 * 1. it writes the instance, if InstanceFileName is set, in the input format of
 *    edge-inference-solve (json::SlideInstanceToJson(), with GetInstanceOptions());
 * 2. it calls Decide() and checks the decision with SlideSolver::CheckDecision() (user count,
 *    model index and candidate set, bandwidth, frequency range, bandwidth sum over B); an
 *    exception thrown by Decide() counts as a rejected decision;
 * 3. a rejected decision is reported (DecisionRejected trace, GetRejections(), a warning)
 *    with a message naming the round, the allocator, the user and the field; the Fallback
 *    allocator then decides (checked the same way, and its own Fallback after it), and if
 *    none is left nobody is served (SlideRejectReason::DECISION_REJECTED with the message);
 * 4. it returns the decision with the module's prediction of it (SlideSolver::Evaluate())
 *    and the totals recomputed, whatever allocator produced it.
 * Allocate() never throws for a bad decision. An instance the network side built wrong is a
 * fatal error (a module bug), and so is an instance file that cannot be written.
 */
class SlideAllocator : public Object
{
  public:
    /**
     * @brief TracedCallback signature of a decision that is executed.
     * @param [in] round the round index (0, 1, ...)
     * @param [in] decision the decision with its prediction
     */
    typedef void (*DecisionTracedCallback)(uint32_t round, const SlideDecision& decision);

    /**
     * @brief TracedCallback signature of a rejected decision.
     * @param [in] round the round index
     * @param [in] message why, naming the allocator, the user and the field
     */
    typedef void (*RejectedTracedCallback)(uint32_t round, const std::string& message);

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    SlideAllocator();
    ~SlideAllocator() override;

    SlideAllocator(const SlideAllocator&) = delete;
    SlideAllocator& operator=(const SlideAllocator&) = delete;

    /**
     * @brief Decide one round (see the class description).
     * @param [in] instance the problem the network side assembled
     * @return the executable decision with its prediction
     */
    SlideDecision Allocate(const SlideProblem& instance);

    /**
     * @brief The allocation algorithm: the one method a user overrides.
     * @param [in] instance the problem (valid, see SlideSolver::Validate())
     * @return one SlideUserDecision per user (model, bandwidth, frequency of the served
     * ones); the totals and the prediction need not be set
     */
    virtual SlideDecision Decide(const SlideProblem& instance) = 0;

    /**
     * @brief Solver options written with the instance ("leftover", "seed"), so that
     * edge-inference-solve on the instance file reproduces a built-in decision.
     * @return the options of the current round (default: SlideOptions())
     */
    virtual SlideOptions GetInstanceOptions();

    /**
     * @brief Assign fixed random variable streams.
     * @param [in] stream first stream index
     * @return the number of streams used (0 here)
     */
    virtual int64_t AssignStreams(int64_t stream);

    /// @return rounds decided so far; during Decide(), the index of the round being decided
    /// (for a fallback: the round of the allocator it backs up)
    uint32_t GetRound() const;

    /// @return the messages of the rejected decisions, in order
    const std::vector<std::string>& GetRejections() const;

  protected:
    void DoDispose() override;

  private:
    /**
     * @brief Call Decide() and check its decision.
     * @param [in] instance the problem
     * @param [out] decision the decision (valid only if the result is empty)
     * @return "" if the decision can be executed, else why not
     */
    std::string TryDecide(const SlideProblem& instance, SlideDecision& decision);

    Ptr<SlideAllocator> m_fallback;        ///< Fallback (null: serve nobody)
    std::string m_instanceFileName;        ///< InstanceFileName ("" = off, "%r" = round)
    uint32_t m_round;                      ///< Rounds decided so far
    std::vector<std::string> m_rejections; ///< Rejection messages

    TracedCallback<uint32_t, const SlideDecision&> m_decisionTrace;       ///< Decision
    TracedCallback<uint32_t, const std::string&> m_decisionRejectedTrace; ///< DecisionRejected
};

/**
 * @ingroup edge-inference-slide
 * @brief The built-in algorithms: SlideSolver::Solve() with the Algorithm attribute (the
 * optimal SLIDE algorithm or a baseline), the Leftover policy and the random-model Seed.
 */
class SlideSolverAllocator : public SlideAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    SlideSolverAllocator();
    ~SlideSolverAllocator() override;

    SlideDecision Decide(const SlideProblem& instance) override;
    SlideOptions GetInstanceOptions() override;
    int64_t AssignStreams(int64_t stream) override;

    /// @return the Algorithm attribute
    SlideAlgorithm GetAlgorithm() const;

  protected:
    void DoDispose() override;

  private:
    int m_algorithm;                  ///< Algorithm (a SlideAlgorithm)
    int m_leftover;                   ///< Leftover (a LeftoverPolicy)
    uint64_t m_seed;                  ///< Seed (0: drawn per round)
    Ptr<UniformRandomVariable> m_rng; ///< Seeds drawn per round
    uint32_t m_seedRound;             ///< Round of m_roundSeed
    bool m_hasRoundSeed;              ///< m_roundSeed drawn
    uint64_t m_roundSeed;             ///< Seed of round m_seedRound
};

/**
 * @ingroup edge-inference-slide
 * @brief Decisions read from files in the output format of edge-inference-solve
 * (json::SlideDecisionFromJson()), one per round: any external algorithm can be executed.
 *
 * A file that cannot be read or parsed, or a field with a wrong value, throws from Decide()
 * with a message naming the file, the JSON path and the value; Allocate() turns it into a
 * rejected decision.
 */
class SlideDecisionFileAllocator : public SlideAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    SlideDecisionFileAllocator();
    ~SlideDecisionFileAllocator() override;

    SlideDecision Decide(const SlideProblem& instance) override;

  private:
    std::string m_fileName; ///< FileName ("%r" = round)
};

} // namespace edgeinference
} // namespace ns3

#endif /* SLIDE_ALLOCATOR_H */
