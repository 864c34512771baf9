/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_TEST_BLOCK_MODEL_H
#define EDGE_INFERENCE_TEST_BLOCK_MODEL_H

/**
 * @file
 * @ingroup edge-inference-tests
 * Models made of named parameter blocks, for the GPU-memory tests (GoogleTest and ns-3).
 */

#include "ns3/dnn-model.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgeinference
{
namespace testutils
{

/// Bytes per MB in the PartialLoading worked examples (R2.9 of [2]).
constexpr double MB = 1e6;

/**
 * @brief A model with one single-layer block per entry, 1 byte per parameter (so
 * parameters = bytes) and 1 MFLOP per layer.
 * @param [in] name model name
 * @param [in] blocks (block id, size in MB)
 * @return the model
 */
inline DnnModel
BlockModel(const std::string& name, const std::vector<std::pair<std::string, double>>& blocks)
{
    DnnModel m(name, 1.0);
    for (const auto& [id, mb] : blocks)
    {
        DnnLayer layer;
        layer.name = id + "-layer";
        layer.parameters = static_cast<uint64_t>(std::llround(mb * MB));
        layer.flops = 1e6;
        layer.blockId = id;
        m.AddLayer(layer);
    }
    return m;
}

} // namespace testutils
} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_INFERENCE_TEST_BLOCK_MODEL_H */
