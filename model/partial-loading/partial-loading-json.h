/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PARTIAL_LOADING_JSON_H
#define PARTIAL_LOADING_JSON_H

#include "ns3/json-node.h"
#include "ns3/partial-loading-solver.h"

#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-partial-loading
 * @brief The "partial-loading" problem of edge-inference-solve: JSON instance in, decision and
 * prediction out (doc/solver.rst).
 */

namespace ns3
{
namespace edgeinference
{
namespace json
{

/// @return the algorithms of the "partial-loading" problem, the default first
std::vector<AlgorithmInfo> PartialLoadingAlgorithms();

/// @return the short input schema of the "partial-loading" problem (printed by --schema)
std::string PartialLoadingSchema();

/**
 * @brief Read a "partial-loading" instance, solve it and return the decision with its prediction.
 * @param [in] root the input document (a JSON object)
 * @param [in] algorithm a name of PartialLoadingAlgorithms()
 * @return the output document
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
Json PartialLoadingSolve(const JsonNode& root, const std::string& algorithm);

/**
 * @brief Read a "partial-loading" instance (the input format of edge-inference-solve).
 * @param [in] root the input document (a JSON object)
 * @return the instance
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
PartialLoadingProblem PartialLoadingProblemFromJson(const JsonNode& root);

/**
 * @brief Write an instance in the input format of edge-inference-solve, exactly: reading it
 * back with PartialLoadingProblemFromJson() gives the same blocks, models, inference times,
 * GPU state (resident model, capacity, R_L, tau_0), window rule, B and requests (numbers
 * are written with round-trip precision; +infinity as "inf"). The family's layers are not
 * written: the solver only sees blocks.
 * @param [in] problem the instance
 * @return the input document
 * @throw std::invalid_argument if two models give one block id different sizes
 */
Json PartialLoadingInstanceToJson(const PartialLoadingProblem& problem);

/**
 * @brief The output document of edge-inference-solve for a decision (the only writer of
 * that format, used by PartialLoadingSolve()).
 * @param [in] problem the instance
 * @param [in] decision the decision with its prediction
 * @return the output document ("problem", "algorithm", "version", "decision", "prediction")
 */
Json PartialLoadingDecisionToJson(const PartialLoadingProblem& problem,
                                  const PartialLoadingDecision& decision);

/**
 * @brief Read a decision in the output format of edge-inference-solve. Read: "algorithm",
 * decision.scheduler, loadRule, nBandwidthDrops, order, and per request served,
 * bandwidthHz, minBandwidthHz, uploadWindowS and reason; checked against the instance:
 * "problem", uploadWindow, nServed (= length of order), the number of requests and each
 * request's index and model. The prediction is ignored (the allocator predicts again).
 * @param [in] root the output document
 * @param [in] problem the instance the decision is for
 * @return the decision, without prediction
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
PartialLoadingDecision PartialLoadingDecisionFromJson(const JsonNode& root,
                                                      const PartialLoadingProblem& problem);

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // PARTIAL_LOADING_JSON_H
