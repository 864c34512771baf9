/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_TEST_MODELS_H
#define EDGE_INFERENCE_TEST_MODELS_H

/**
 * @file
 * @ingroup edge-inference-tests
 * Small models the ns-3 suites share: a three-layer streaming model and a DTO-EE stage.
 */

#include "ns3/dnn-model.h"
#include "ns3/dto-ee-solver.h"

namespace ns3
{
namespace edgeinference
{
namespace testutils
{

/**
 * @ingroup edge-inference-tests
 * @brief A small three-layer model "small": 40 kB, 120 kB and 20 kB of FP32 parameters;
 * 0.2, 0.6 and 0.001 GFLOP.
 * @return the model
 */
inline DnnModel
SmallModel()
{
    DnnModel m("small", 4.0);
    m.AddLayer({"conv", 10000, 2.0e8, 1000, "stem"});
    m.AddLayer({"body", 30000, 6.0e8, 1000, "body"});
    m.AddLayer({"fc", 5000, 1.0e6, 40, "head"});
    return m;
}

/**
 * @ingroup edge-inference-tests
 * @brief A DTO-EE stage of 1 GFLOP with the exit profile q = 1 up to 0.3, 0.6 at 0.8, 0 at 1.
 * @param [in] accuracy constant accuracy of the exiting tasks
 * @param [in] featureBits s_h, bit
 * @return the stage
 */
inline DtoEeStage
MakeStage(double accuracy, double featureBits)
{
    DtoEeStage s;
    s.workFlop = 1e9;
    s.featureBits = featureBits;
    s.exit.accuracy = accuracy;
    s.exit.exitProfile = {{0.3, 1.0}, {0.8, 0.6}, {1.0, 0.0}};
    return s;
}

} // namespace testutils
} // namespace edgeinference
} // namespace ns3

#endif // EDGE_INFERENCE_TEST_MODELS_H
