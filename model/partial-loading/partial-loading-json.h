/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PARTIAL_LOADING_JSON_H
#define PARTIAL_LOADING_JSON_H

#include "ns3/json-node.h"

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

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // PARTIAL_LOADING_JSON_H
