/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DTO_EE_LLAMA_STAGES_H
#define DTO_EE_LLAMA_STAGES_H

/**
 * @file
 * @ingroup edge-inference
 * @brief Shared by the DTO-EE examples (dto-ee-collaborative, edge-ai-cell): the stage graph
 * of LLaMA-2-7B prefill split over three groups of edge nodes.
 */

#include "ns3/dnn-model-zoo.h"
#include "ns3/dto-ee-solver.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgeinference
{

/**
 * @brief The stages: LLaMA-2-7B prefill cut after blocks 10 and 21 (work and feature sizes
 * from the zoo), exit heads with constructed profiles [C] (see the DTO-EE section of the doc).
 * @param [in] seqLen prompt tokens
 * @return the three stages
 */
inline std::vector<DtoEeStage>
MakeLlamaDtoEeStages(uint32_t seqLen)
{
    const DnnModel llama = DnnModelZoo::Llama2_7B(seqLen);
    // layers: 0 embed_tokens, 1..32 layers.0..31, 33 head
    const std::vector<std::pair<uint32_t, uint32_t>> cuts{{0, 11}, {12, 22}, {23, 33}};
    std::vector<DtoEeStage> stages(3);
    for (uint32_t h = 0; h < 3; ++h)
    {
        stages[h].workFlop = llama.GetFlops(cuts[h].first, cuts[h].second);
        stages[h].featureBits = h < 2 ? 8.0 * llama.GetLayer(cuts[h].second).outputBytes : 0.0;
    }
    // exit head after block 10 and after block 21 (constructed profiles, see the doc)
    stages[0].exit.exitProfile = {{0.3, 1.0}, {0.8, 0.45}, {1.0, 0.0}};
    stages[0].exitAccuracy = {{0.3, 0.55}, {1.0, 0.82}};
    stages[0].exit.accuracy = 0.75;
    stages[1].exit.exitProfile = {{0.3, 1.0}, {0.8, 0.6}, {1.0, 0.0}};
    stages[1].exitAccuracy = {{0.3, 0.65}, {1.0, 0.9}};
    stages[1].exit.accuracy = 0.85;
    stages[2].exit.accuracy = 0.9;
    return stages;
}

} // namespace edgeinference
} // namespace ns3

#endif /* DTO_EE_LLAMA_STAGES_H */
