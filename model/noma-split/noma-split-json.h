/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_SPLIT_JSON_H
#define NOMA_SPLIT_JSON_H

#include "ns3/json-node.h"

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

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // NOMA_SPLIT_JSON_H
