/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCHING_EARLY_EXIT_SOLVER_ALLOCATOR_H
#define BATCHING_EARLY_EXIT_SOLVER_ALLOCATOR_H

#include "batching-early-exit-allocator.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-batching
 * @brief The built-in batching + early-exit allocators (BatchingEarlyExitSolver).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-batching
 * @brief The algorithms and baselines of Liu, Lan, Huang (IEEE JSAC 41(4), 2023) as a
 * BatchingEarlyExitAllocator, chosen by the Algorithm attribute (names of
 * AlgorithmNames(), the same as edge-inference-solve's --algorithm and "scheme"):
 * - "optimal", "optimal-u", "optimal-h", "greedy": batching + early exit (the proposed
 *   scheme) with that algorithm of BatchingEarlyExitSolver;
 * - "no-batching-no-early-exit", "batching-only", "early-exit-only": the baselines, each with
 *   its optimal user set (algorithm "optimal").
 * A solver error (e.g. "optimal-u" with different deadlines) is a rejected decision.
 */
class BatchingEarlyExitSolverAllocator : public BatchingEarlyExitAllocator
{
  public:
    /// Algorithm / scheme selected by the Algorithm attribute.
    enum Algorithm
    {
        OPTIMAL,                   ///< Proposed scheme, optimal-u or optimal-h
        OPTIMAL_U,                 ///< Proposed scheme, optimal-u (common deadline)
        OPTIMAL_H,                 ///< Proposed scheme, optimal-h (branch and bound)
        GREEDY,                    ///< Proposed scheme, greedy
        NO_BATCHING_NO_EARLY_EXIT, ///< Baseline (a), optimal set
        BATCHING_ONLY,             ///< Baseline (b), optimal set
        EARLY_EXIT_ONLY,           ///< Baseline (c), optimal set
    };

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    BatchingEarlyExitSolverAllocator();
    ~BatchingEarlyExitSolverAllocator() override;

    BatchingEarlyExitDecision Decide(const BatchingEarlyExitProblem& instance) override;

    /**
     * @brief The one name table of the Algorithm attribute: the solver's algorithm names
     * (BatchingEarlyExitAlgorithmNames()) for the proposed scheme, the scheme names
     * (BatchingEarlyExitSchemeNames()) for the baselines.
     * @return (value, kebab-case name) pairs, the default first
     */
    static const std::vector<std::pair<Algorithm, std::string>>& AlgorithmNames();

    /**
     * @param [in] algorithm an algorithm
     * @return its name, e.g. "greedy"
     */
    static std::string ToString(Algorithm algorithm);

    /**
     * @param [in] name a name of AlgorithmNames()
     * @param [out] algorithm the algorithm
     * @return false if the name is unknown
     */
    static bool FromString(const std::string& name, Algorithm& algorithm);

    /// @return the Algorithm attribute
    Algorithm GetAlgorithm() const;

    /// @return the processing scheme of the selected algorithm
    BatchingEarlyExitScheme GetScheme() const;

    /// @return the solver algorithm of the selected algorithm
    BatchingEarlyExitAlgorithm GetSolverAlgorithm() const;

  private:
    Algorithm m_algorithm;     ///< Attribute Algorithm
    uint64_t m_maxSearchNodes; ///< Attribute MaxSearchNodes
};

} // namespace edgeinference
} // namespace ns3

#endif /* BATCHING_EARLY_EXIT_SOLVER_ALLOCATOR_H */
