/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SLIDE_JSON_H
#define SLIDE_JSON_H

#include "ns3/json-node.h"

#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-slide
 * @brief The "slide" problem of edge-inference-solve: JSON instance in, decision and
 * prediction out (doc/solver.rst).
 */

namespace ns3
{
namespace edgeinference
{
namespace json
{

/// @return the algorithms of the "slide" problem, the default first
std::vector<AlgorithmInfo> SlideAlgorithms();

/// @return the short input schema of the "slide" problem (printed by --schema)
std::string SlideSchema();

/**
 * @brief Read a "slide" instance, solve it and return the decision with its prediction.
 * @param [in] root the input document (a JSON object)
 * @param [in] algorithm a name of SlideAlgorithms()
 * @return the output document
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
Json SlideSolve(const JsonNode& root, const std::string& algorithm);

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // SLIDE_JSON_H
