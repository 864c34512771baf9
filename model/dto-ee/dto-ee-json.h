/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DTO_EE_JSON_H
#define DTO_EE_JSON_H

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

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // DTO_EE_JSON_H
