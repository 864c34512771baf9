/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DTO_EE_JSON_H
#define DTO_EE_JSON_H

#include "ns3/dto-ee-solver.h"
#include "ns3/json-node.h"

#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-dto-ee
 * @brief The "dto-ee" problem of edge-inference-solve: JSON instance in, decision and
 * prediction out (doc/solver.rst).
 */

namespace ns3
{
namespace edgeinference
{
namespace json
{

/// @return the algorithms of the "dto-ee" problem, the default first
std::vector<AlgorithmInfo> DtoEeAlgorithms();

/// @return the short input schema of the "dto-ee" problem (printed by --schema)
std::string DtoEeSchema();

/**
 * @brief Read a "dto-ee" instance, solve it and return the decision with its prediction.
 * @param [in] root the input document (a JSON object)
 * @param [in] algorithm a name of DtoEeAlgorithms()
 * @return the output document
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
Json DtoEeSolve(const JsonNode& root, const std::string& algorithm);

/**
 * @brief Write an instance in the input format of DtoEeSolve() (nodes unnamed, so the
 * output names them by index: "0", "1", ...; links name their nodes by index).
 * @param [in] problem the instance
 * @return the input document (with "problem": "dto-ee")
 */
Json DtoEeInstanceToJson(const DtoEeProblem& problem);

/**
 * @brief Write a decision and the module's prediction of it in the output format of
 * DtoEeSolve() (the "distributed" block of --algorithm=distributed is added by DtoEeSolve()).
 * A NOT_SERVED decision is written with "reason": "NOT_SERVED" and empty node and link lists.
 * @param [in] problem the instance
 * @param [in] solution the decision with its evaluation (e.g. from DtoEeSolver::Predict())
 * @param [in] algorithm the algorithm's name, written in the header
 * @param [in] nodeNames node names (empty: "0", "1", ...)
 * @return the output document
 */
Json DtoEeDecisionToJson(const DtoEeProblem& problem,
                         const DtoEeSolution& solution,
                         const std::string& algorithm,
                         const std::vector<std::string>& nodeNames = {});

/**
 * @brief Read a decision in the output format of DtoEeSolve() for an instance.
 *
 * Reads "decision": "reason" (optional; "NOT_SERVED" is the serve-nobody decision, the
 * strategy is then ignored), "nodes" (one entry per node, "node" naming it by index, as a
 * number or a string, "threshold" a number, or null at the last stage) and "links" (one
 * entry per link of the instance, "from" and "to" naming its nodes, "split" a number). The
 * values are not range-checked here (DtoEeSolver::CheckDecision() does, naming the node);
 * "iterations" and "scheme" are kept if present; "prediction" is ignored.
 * @param [in] root the output document
 * @param [in] problem the instance
 * @return the decision (evaluation not filled)
 * @throw JsonInputError naming the JSON path and the value on a malformed document, a node
 * or link missing, duplicated or not in the instance
 */
DtoEeSolution DtoEeDecisionFromJson(const JsonNode& root, const DtoEeProblem& problem);

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // DTO_EE_JSON_H
