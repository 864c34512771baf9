/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCHING_EARLY_EXIT_DECISION_FILE_ALLOCATOR_H
#define BATCHING_EARLY_EXIT_DECISION_FILE_ALLOCATOR_H

#include "batching-early-exit-allocator.h"

#include <string>

/**
 * @file
 * @ingroup edge-inference-batching
 * @brief Batching + early-exit decisions read from files (any external solver).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-batching
 * @brief A BatchingEarlyExitAllocator whose decision of round r is read from the file
 * FileName ("%r" = r) in the output format of edge-inference-solve
 * (json::BatchingEarlyExitDecisionFromJson()). A file that cannot be read or parsed, a field
 * with a wrong value and a decision that violates a constraint of the instance are rejected
 * decisions whose message names the file, the JSON path and the value, never a crash.
 */
class BatchingEarlyExitDecisionFileAllocator : public BatchingEarlyExitAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    BatchingEarlyExitDecisionFileAllocator();
    ~BatchingEarlyExitDecisionFileAllocator() override;

    /**
     * @brief Read the decision of the round GetRound() from its file.
     * @param [in] instance the problem
     * @return the decision
     * @throw json::JsonInputError "<file>: <JSON path>: <what>" on a bad file
     */
    BatchingEarlyExitDecision Decide(const BatchingEarlyExitProblem& instance) override;

  private:
    std::string m_fileName; ///< Attribute FileName
};

} // namespace edgeinference
} // namespace ns3

#endif /* BATCHING_EARLY_EXIT_DECISION_FILE_ALLOCATOR_H */
