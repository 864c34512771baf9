/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DECISION_FILE_H
#define DECISION_FILE_H

#include "json-node.h"

#include <cstdint>
#include <string>

/**
 * @file
 * @ingroup edge-inference-common
 * @brief File access shared by the decision-file allocators and the instance writers of the
 * five problems: per-round file names, JSON files read and written with clear errors.
 *
 * Every network scenario can write the instance it hands to its allocator, once per decision
 * round, in the input format of edge-inference-solve; a DecisionFileAllocator reads the
 * decision of each round in the output format of edge-inference-solve. A file name pattern
 * may contain "%r", replaced by the round index (0, 1, ...); without it every round uses
 * the same file.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @brief The file of one decision round.
 * @param [in] pattern a file name, "%r" standing for the round index
 * @param [in] round the round index
 * @return the pattern with every "%r" replaced by the round index
 */
std::string RoundFileName(const std::string& pattern, uint32_t round);

/**
 * @ingroup edge-inference-common
 * @brief Read and parse a JSON file (duplicate keys rejected, see json::ParseDocument()).
 * @param [in] path the file
 * @return the document
 * @throw json::JsonInputError "<path>: <reason>" if the file cannot be read or parsed
 */
json::Json ReadJsonFile(const std::string& path);

/**
 * @ingroup edge-inference-common
 * @brief Write a JSON document, pretty-printed (2 spaces) with a final newline, the way
 * edge-inference-solve writes its output.
 * @param [in] path the file (replaced)
 * @param [in] document the document
 * @throw std::runtime_error naming the file if it cannot be written
 */
void WriteJsonFile(const std::string& path, const json::Json& document);

} // namespace edgeinference
} // namespace ns3

#endif // DECISION_FILE_H
