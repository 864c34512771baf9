/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCHING_JSON_H
#define BATCHING_JSON_H

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

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // BATCHING_JSON_H
