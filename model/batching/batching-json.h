/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCHING_JSON_H
#define BATCHING_JSON_H

#include "ns3/batching-early-exit-solver.h"
#include "ns3/json-node.h"

#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-batching
 * @brief The "batching-early-exit" problem of edge-inference-solve: JSON instance in, decision and
 * prediction out (doc/solver.rst).
 */

namespace ns3
{
namespace edgeinference
{
namespace json
{

/// @return the algorithms of the "batching-early-exit" problem, the default first
std::vector<AlgorithmInfo> BatchingEarlyExitAlgorithms();

/// @return the short input schema of the "batching-early-exit" problem (printed by --schema)
std::string BatchingEarlyExitSchema();

/**
 * @brief Read a "batching-early-exit" instance, solve it and return the decision with its
 * prediction.
 * @param [in] root the input document (a JSON object)
 * @param [in] algorithm a name of BatchingEarlyExitAlgorithms()
 * @return the output document
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
Json BatchingEarlyExitSolve(const JsonNode& root, const std::string& algorithm);

/**
 * @brief Read a "batching-early-exit" instance (the input format of edge-inference-solve;
 * "scheme" and "maxSearchNodes" are solver options, not part of the problem).
 * @param [in] root the input document (a JSON object)
 * @return the instance
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
BatchingEarlyExitProblem BatchingEarlyExitProblemFromJson(const JsonNode& root);

/**
 * @brief An instance in the input format of edge-inference-solve (what
 * BatchingEarlyExitSolve() reads back into the same problem). Affine blocks are written as
 * "fixedCostS"/"perTaskCostS"; a table block as its latencies at the batch sizes 1..max(K, 1),
 * the only ones the problem can use, so the written instance is equivalent. Users give
 * "exit" if their exit is set, else "accuracyRequirement".
 * @param [in] problem the instance
 * @return the input document ("problem": "batching-early-exit", no "scheme": the proposed one)
 */
Json BatchingEarlyExitInstanceToJson(const BatchingEarlyExitProblem& problem);

/**
 * @brief The output document of edge-inference-solve for a decision: "problem",
 * "algorithm", "version", then "decision" and "prediction".
 * @param [in] problem the instance the decision is for
 * @param [in] decision the decision with its prediction
 * @param [in] algorithm the algorithm's command-line name
 * @return the output document
 */
Json BatchingEarlyExitDecisionToJson(const BatchingEarlyExitProblem& problem,
                                     const BatchingEarlyExitDecision& decision,
                                     const std::string& algorithm);

/**
 * @brief Read a decision in the output format of edge-inference-solve.
 *
 * Read: "problem" (if present, must be "batching-early-exit"), "decision.scheme" (default
 * the proposed scheme), "decision.algorithmRun", "decision.isOptimal",
 * "decision.nSearchNodes" (optional), "decision.served" (optional; must agree with the
 * users), and per user of "decision.users" (one per user of the instance, in order):
 * "served" (true/false), "bandwidthHz" (needed if served, a number >= 0), "user" (if
 * present, its index) and "exit" (if present and not null, the exit; checked by
 * BatchingEarlyExitSolver::CheckDecision()). Derived fields ("prediction", "reason",
 * "exitAccuracy", sums) are ignored: the module recomputes them.
 * @param [in] root the document
 * @param [in] problem the instance the decision is for
 * @return the decision (not yet checked against the constraints, not completed)
 * @throw JsonInputError naming the JSON path and the value
 */
BatchingEarlyExitDecision BatchingEarlyExitDecisionFromJson(
    const JsonNode& root, const BatchingEarlyExitProblem& problem);

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // BATCHING_JSON_H
