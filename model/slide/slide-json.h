/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SLIDE_JSON_H
#define SLIDE_JSON_H

#include "ns3/json-node.h"
#include "ns3/slide-solver.h"

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

/**
 * @brief A "slide" input document as the solver sees it.
 */
struct SlideJsonInstance
{
    SlideProblem problem; ///< The instance (rate model included)
    SlideOptions options; ///< "leftover" and "seed"
};

/// @return the algorithms of the "slide" problem, the default first (names of
/// SlideAlgorithmNames())
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

/**
 * @brief Read a "slide" input document (what SlideSolve() solves).
 * @param [in] root the input document
 * @return the problem and the solver options
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
SlideJsonInstance SlideInstanceFromJson(const JsonNode& root);

/**
 * @brief Write a problem in the input format, exactly: SlideInstanceFromJson() of the
 * document (after a dump and a parse) is a problem whose Solve() gives the same decision.
 *
 * Models are written as named per-layer arrays (names must be unique and non-empty),
 * candidates by name, every device field explicitly. The rate model is written as what it
 * is: null or ConstantPsdRateModel as "constant-psd" (spectralEfficiency), FixedPowerRateModel
 * as "fixed-power" (snrBandwidthHz), LteAmcRateModel as "lte-amc" (dlBandwidthRb, per-user
 * cqi, and per-user blerSinr if it is BLER-aware), ShannonSinrRateModel as "shannon-sinr"
 * (snrGap, per-user linear sinr); the latter two optionally inside a ScaledRateModel
 * ("rateEfficiency").
 * @param [in] problem the instance (valid)
 * @param [in] options the solver options written as "leftover" and "seed"
 * @return the input document
 * @throw std::invalid_argument for an invalid problem, a rate model the format cannot say,
 * or model names that are empty or not unique
 */
Json SlideInstanceToJson(const SlideProblem& problem, const SlideOptions& options = SlideOptions());

/**
 * @brief The output document of edge-inference-solve for a decision: header, decision and
 * prediction (the one writer of the format, used by SlideSolve()).
 * @param [in] problem the instance
 * @param [in] decision the decision with its prediction
 * @param [in] algorithm the algorithm's name written in the header
 * @param [in] leftover the leftover policy written in the decision
 * @return the output document
 */
Json SlideDecisionToJson(const SlideProblem& problem,
                         const SlideDecision& decision,
                         const std::string& algorithm,
                         LeftoverPolicy leftover);

/**
 * @brief Read a decision in the output format of edge-inference-solve.
 *
 * Read: the header's "algorithm" (a module name selects SlideDecision::algorithm, any other
 * name is accepted and ignored), decision.execution (default streaming) and decision.users,
 * one per user of the instance: "served" (required), "model" (name or index; required if
 * served), "bandwidthHz" and "frequencyHz" (required if served), "minBandwidthHz", "reason"
 * and "reasonText" (optional). The summary fields and the prediction are not read (the
 * module predicts the decision itself). Constraints are not checked here
 * (SlideSolver::CheckDecision()).
 * @param [in] root the output document
 * @param [in] problem the instance the decision is for
 * @return the decision (prediction and totals not set)
 * @throw JsonInputError naming the JSON path and the value on bad input
 */
SlideDecision SlideDecisionFromJson(const JsonNode& root, const SlideProblem& problem);

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // SLIDE_JSON_H
