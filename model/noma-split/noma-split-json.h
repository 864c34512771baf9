/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_SPLIT_JSON_H
#define NOMA_SPLIT_JSON_H

#include "ns3/json-node.h"
#include "ns3/noma-split-solver.h"

#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma-split
 * @brief The "noma-split" problem of edge-inference-solve: JSON instance in, decision and
 * prediction out (doc/solver.rst).
 */

namespace ns3
{
namespace edgeinference
{
namespace json
{

/// @return the algorithms of the "noma-split" problem, the default first
std::vector<AlgorithmInfo> NomaSplitAlgorithms();

/// @return the short input schema of the "noma-split" problem (printed by --schema)
std::string NomaSplitSchema();

/**
 * @brief Read a "noma-split" instance, solve it and return the decision with its prediction.
 * @param [in] root the input document (a JSON object)
 * @param [in] algorithm a name of NomaSplitAlgorithms()
 * @return the output document
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
Json NomaSplitSolve(const JsonNode& root, const std::string& algorithm);

/**
 * @brief The output document of edge-inference-solve for a decision (the one writer of the
 * output format: NomaSplitSolve() and the scenarios use it, NomaSplitDecisionFromJson()
 * reads it).
 * @param [in] algorithm the algorithm name written in the header
 * @param [in] decision the decision with its prediction
 * @param [in] problem the instance
 * @param [in] models model name of each user; empty: "model0", "model1", ... as
 * NomaSplitInstanceToJson() names the distinct profiles
 * @return the document
 */
Json NomaSplitDecisionToJson(const std::string& algorithm,
                             const NomaSplitDecision& decision,
                             const NomaSplitProblem& problem,
                             const std::vector<std::string>& models = {});

/**
 * @brief An instance in the input format of edge-inference-solve (every field written; the
 * distinct DNN profiles become models "model0", "model1", ...; every user gets its own
 * device object and one gain per subchannel). NomaSplitSolve() on it solves the same problem.
 * @param [in] problem the instance
 * @return the document
 */
Json NomaSplitInstanceToJson(const NomaSplitProblem& problem);

/**
 * @brief Read a decision in the output format of edge-inference-solve for an instance.
 *
 * Reads "decision": feasible (required), reason, counters, objectiveHistory and, if
 * feasible, exactly one entry per user of the instance with split (required), the
 * subchannels (null: none) and the powers and edge share (null: 0). An infeasible decision
 * is the "serve nobody" decision: every user runs fully locally. "prediction" is not read
 * (the module predicts every decision itself). Only the format is checked here; the
 * constraints are NomaSplitSolver::CheckDecision()'s.
 * @param [in] root the document
 * @param [in] problem the instance the decision is for
 * @return the decision (prediction empty)
 * @throw JsonInputError naming the JSON path and the value
 */
NomaSplitDecision NomaSplitDecisionFromJson(const JsonNode& root, const NomaSplitProblem& problem);

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // NOMA_SPLIT_JSON_H
