/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef STREAMING_EXIT_MODEL_H
#define STREAMING_EXIT_MODEL_H

#include "ns3/dnn-model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-slide
 * @brief Exit statistics of a multi-exit model streamed layer by layer to a UE whose
 * early-exit agent leaves at the first exit where a sample's confidence reaches a threshold
 * (pure C++).
 *
 * Exits are numbered 0 .. E-1 for the side branches (DnnModel::GetExits(), by position)
 * and E for the final classifier. A sample reaching side exit e leaves there with
 * probability q_e(theta) = EarlyExitBranch::ExitProbability(theta), independently of the
 * other exits (the zoo's profiles are conditional on reaching the exit). A stream may be a
 * prefix of the model that ends at side exit c (the "cap", see Prefix()): every sample
 * still there leaves at c. So, with cap c (c = E for the whole model),
 * pi_e = prod_{j<e} (1 - q_j) q_e for e < c and pi_c = prod_{j<c} (1 - q_j).
 *
 * A sample that leaves at exit e is correct with probability a_e (the exit's accuracy, the
 * same whatever made it leave there; a simplification of ours). A task has b samples that
 * exit independently; its download can stop once every sample has left, so the layers
 * a task needs are those up to the deepest exit of its samples, whose distribution is
 * P(deepest <= e) = (sum_{j<=e} pi_j)^b.
 */
class StreamingExitModel
{
  public:
    /// An empty model (no layers, no exits).
    StreamingExitModel();

    /**
     * @brief Build from a multi-exit model. Throws std::invalid_argument naming the field if
     * the model has no layers, an exit is attached after the last layer (the final
     * classifier is the model's end), the accuracy list has the wrong size, or an accuracy
     * is outside [0, 1].
     * @param [in] model the multi-exit model (its layers and exits)
     * @param [in] accuracies a_0 .. a_E (E side exits, then the final classifier); empty =
     * each branch's accuracy, then @p finalAccuracy
     * @param [in] finalAccuracy accuracy of the final classifier when @p accuracies is empty
     */
    StreamingExitModel(const DnnModel& model,
                       const std::vector<double>& accuracies = {},
                       double finalAccuracy = 0.7838);

    /// @return E, the number of side exits (the final classifier is exit E)
    uint32_t GetNSideExits() const;

    /// @return the number of backbone layers of the whole model
    uint32_t GetNLayers() const;

    /**
     * @param [in] exit an exit 0 .. E
     * @return the last backbone layer a sample leaving at @p exit needs (afterLayer of a side
     * exit, the last layer for the final classifier)
     */
    uint32_t GetExitLayer(uint32_t exit) const;

    /**
     * @param [in] exit an exit 0 .. E
     * @return FLOPs per sample of the exit branch (0 for the final classifier)
     */
    double GetBranchFlops(uint32_t exit) const;

    /**
     * @param [in] exit an exit 0 .. E
     * @return a_e
     */
    double GetAccuracy(uint32_t exit) const;

    /// @return the side branches, by position
    const std::vector<EarlyExitBranch>& GetBranches() const;

    /**
     * @brief The cap of a stream of @p nLayers layers: E for the whole model, c for a prefix
     * ending at side exit c (nLayers = afterLayer_c + 1).
     * @param [in] nLayers layers announced by the stream
     * @param [out] cap the cap
     * @return false if @p nLayers is neither the whole model nor the end of a side exit
     */
    bool CapOfStream(uint32_t nLayers, uint32_t& cap) const;

    /**
     * @brief Exit distribution of one sample.
     * @param [in] threshold confidence threshold theta in [0, 1]
     * @param [in] cap last exit of the stream (E: whole model)
     * @return pi_0 .. pi_E (entries after @p cap are 0); sums to 1
     */
    std::vector<double> ExitDistribution(double threshold, uint32_t cap) const;

    /**
     * @brief Distribution of the deepest exit of @p samples independent samples.
     * @param [in] threshold theta
     * @param [in] cap last exit
     * @param [in] samples b >= 1
     * @return P(deepest = e), e = 0 .. E
     */
    std::vector<double> DeepestExitDistribution(double threshold,
                                                uint32_t cap,
                                                uint32_t samples) const;

    /**
     * @param [in] threshold theta
     * @param [in] cap last exit
     * @return expected accuracy of a sample, sum_e pi_e a_e
     */
    double ExpectedAccuracy(double threshold, uint32_t cap) const;

    /**
     * @param [in] threshold theta
     * @param [in] cap last exit
     * @return expected exit index of a sample, sum_e e pi_e
     */
    double ExpectedExit(double threshold, uint32_t cap) const;

    /**
     * @brief Expected sum of a per-layer quantity over the layers a task needs (up to the
     * deepest exit of its samples), e.g. the stream bytes of each layer.
     * @param [in] perLayer one value per backbone layer (size GetNLayers())
     * @param [in] threshold theta
     * @param [in] cap last exit
     * @param [in] samples b
     * @return sum_e P(deepest = e) sum_{l <= GetExitLayer(e)} perLayer[l]
     */
    double ExpectedPrefixSum(const std::vector<double>& perLayer,
                             double threshold,
                             uint32_t cap,
                             uint32_t samples) const;

    /**
     * @brief The first exit that every sample still there leaves for sure (q_e(theta) = 1),
     * or the cap: no sample ever needs a layer after GetExitLayer() of it.
     * @param [in] threshold theta
     * @param [in] cap last exit
     * @return that exit
     */
    uint32_t CertainExit(double threshold, uint32_t cap) const;

    /**
     * @brief Confidence of a sample at a side exit from a uniform draw: the largest c with
     * q_e(c) > u (so that c >= theta iff u < q_e(theta)), 0 if none.
     * @param [in] exit a side exit
     * @param [in] u a draw in [0, 1)
     * @return the confidence in [0, 1]
     */
    double Confidence(uint32_t exit, double u) const;

    /**
     * @brief The prefix of a multi-exit model that ends at a side exit: layers 0 ..
     * afterLayer_c and the exits up to c, named "<model>@exit<c>". Streamed instead of the
     * whole model, it is a variant for a user who needs at most exit c. Throws
     * std::invalid_argument if @p exit is not a side exit.
     * @param [in] model the multi-exit model
     * @param [in] exit side exit c (0-based)
     * @return the prefix model (same parameter block ids)
     */
    static DnnModel Prefix(const DnnModel& model, uint32_t exit);

    /**
     * @brief Threshold update of DTO-EE applied by one agent to its own tasks: one step
     * theta <- clip(theta - step * dJ/dtheta) on J(theta) = E[latency] - beta E[accuracy],
     * with the derivative taken by central differences of the expected values of the exit
     * distribution: E[latency] = sum_e pi_e remainingS_e, E[accuracy] = sum_e pi_e a_e.
     * @param [in] threshold current theta
     * @param [in] cap last exit
     * @param [in] exitLatencyS latency of a sample that leaves at exit e (measured or
     * predicted), s, one per exit 0 .. E
     * @param [in] betaS seconds of latency one unit of accuracy is worth
     * @param [in] step step size eta
     * @param [in] minThreshold lower clip
     * @param [in] maxThreshold upper clip
     * @return the new threshold
     */
    double UpdateThreshold(double threshold,
                           uint32_t cap,
                           const std::vector<double>& exitLatencyS,
                           double betaS,
                           double step,
                           double minThreshold,
                           double maxThreshold) const;

  private:
    uint32_t m_nLayers;                      ///< Backbone layers
    std::vector<EarlyExitBranch> m_branches; ///< Side exits by position
    std::vector<double> m_accuracy;          ///< a_0 .. a_E
};

} // namespace edgeinference
} // namespace ns3

#endif /* STREAMING_EXIT_MODEL_H */
