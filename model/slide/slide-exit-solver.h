/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SLIDE_EXIT_SOLVER_H
#define SLIDE_EXIT_SOLVER_H

#include "slide-solver.h"
#include "streaming-exit-model.h"

#include <cstdint>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-slide
 * @brief Exit-aware SLIDE allocation (pure C++): bandwidth for the prefix of layers a user's
 * early-exit agent needs to meet its accuracy requirement on average.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-slide
 * @brief An exit-aware SLIDE instance: a SlideProblem whose models have early exits, and per
 * user an accuracy requirement and the threshold of its early-exit agent.
 */
struct SlideExitProblem
{
    SlideProblem base; ///< Models (whole multi-exit models), users, bandwidth, rate model
    /// One per model of base.models: its exits and exit accuracies (a model without side
    /// exits has only the final classifier)
    std::vector<StreamingExitModel> exitModels;
    std::vector<double> accuracyRequirement; ///< alpha_k per user, in [0, 1]
    std::vector<double> threshold;           ///< theta_k of the user's agent, in [0, 1]
};

/**
 * @ingroup edge-inference-slide
 * @brief An exit-aware decision: the SLIDE decision on the expanded problem of prefixes, and
 * per user the prefix (model and last exit) it was granted.
 */
struct SlideExitDecision
{
    /// The problem SLIDE solved: one model per (user, candidate model, cap) admissible pair,
    /// the prefix of layers 0 .. exit layer of the cap with the branch FLOPs of the exits the
    /// agent may take added to their layers
    SlideProblem expanded;
    std::vector<uint32_t> expandedBaseModel; ///< Per expanded model: its base model
    std::vector<uint32_t> expandedCap;       ///< Per expanded model: its cap
    SlideDecision decision;                  ///< SlideSolver::Solve() of the expanded problem
    std::vector<uint32_t> baseModel;      ///< Per user: granted base model (SLIDE_NO_MODEL if not)
    std::vector<uint32_t> cap;            ///< Per user: granted cap (last exit), if served
    std::vector<double> expectedAccuracy; ///< Per user: E[accuracy] of the grant (0 if not)
    std::vector<double> expectedBits;     ///< Per user: E[bits downloaded] (1 sample per task)
    std::vector<double> prefixBits;       ///< Per user: bits of the granted prefix
};

/**
 * @ingroup edge-inference-slide
 * @brief Exit-aware SLIDE: for each user and candidate model, the shortest prefix (cap c)
 * whose expected accuracy under the user's agent, StreamingExitModel::ExpectedAccuracy(
 * theta_k, c), meets alpha_k; the pair's bandwidth need is B^min of that prefix (SLIDE's
 * streaming recursion with the compute of the prefix's layers and of the exit branches the
 * agent runs), so that even a task that goes to the cap meets its deadline; then SLIDE's
 * provisioning (argmin B^min) and ascending admission. Every admissible cap (expected
 * accuracy >= alpha_k) of every candidate model is a candidate of the expanded problem, so
 * the result is optimal for the exit-aware problem by the SLIDE argument (usually the
 * shortest admissible cap wins: fewer bits and FLOPs).
 *
 * The exit-unaware baseline allocates for the whole model (every layer, no branch), admitting
 * a model iff the accuracy of its final classifier meets alpha_k.
 *
 * Reconstruction of ours (the SLIDE paper has no exits): the accuracy of a prefix is that of
 * the agent's exit distribution, sum_e pi_e(theta, c) a_e (StreamingExitModel).
 */
class SlideExitSolver
{
  public:
    /**
     * @brief Check an instance; throws std::invalid_argument naming the field and value
     * (SlideSolver::Validate() of the base, one exit model per model with the model's layer
     * count, one requirement and threshold per user, each in [0, 1]).
     * @param [in] problem the instance
     */
    static void Validate(const SlideExitProblem& problem);

    /**
     * @brief The shortest cap whose expected accuracy meets a requirement.
     * @param [in] model the exit model
     * @param [in] threshold theta
     * @param [in] requirement alpha
     * @return the cap 0 .. E, or E + 1 if even the whole model misses alpha
     */
    static uint32_t NeededCap(const StreamingExitModel& model,
                              double threshold,
                              double requirement);

    /**
     * @brief The prefix a cap leaves of a model, as SLIDE sees it.
     * @param [in] model the whole model (layer bits and FLOPs)
     * @param [in] exits its exit model
     * @param [in] threshold the agent's theta (branches it can take cost compute)
     * @param [in] cap the last exit
     * @return bits and FLOPs of layers 0 .. GetExitLayer(cap), with the branch FLOPs of every
     * side exit e < cap with q_e(theta) > 0, and of the cap if it is a side exit, added to
     * its layer
     */
    static SlideModel PrefixModel(const SlideModel& model,
                                  const StreamingExitModel& exits,
                                  double threshold,
                                  uint32_t cap);

    /**
     * @brief Solve.
     * @param [in] problem the instance
     * @param [in] exitAware true: exit-aware; false: the exit-unaware baseline
     * @param [in] algorithm SLIDE algorithm run on the expanded problem
     * @param [in] options its options
     * @return the decision
     */
    static SlideExitDecision Solve(const SlideExitProblem& problem,
                                   bool exitAware = true,
                                   SlideAlgorithm algorithm = SlideAlgorithm::SLIDE_OPTIMAL,
                                   const SlideOptions& options = SlideOptions());
};

} // namespace edgeinference
} // namespace ns3

#endif /* SLIDE_EXIT_SOLVER_H */
