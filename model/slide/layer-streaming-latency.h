/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LAYER_STREAMING_LATENCY_H
#define LAYER_STREAMING_LATENCY_H

#include <cstdint>
#include <vector>

namespace ns3
{
namespace edgeinference
{

class DnnModel;

/**
 * @ingroup edge-inference-slide
 * @brief Per-layer timeline of a downloading-and-inference task.
 *
 * Times are seconds from the start of the download.
 */
struct LayerTimeline
{
    std::vector<double> downloadFinish; ///< D_l: time the last bit of layer l arrived
    std::vector<double> computeStart;   ///< Start of the computation of layer l
    std::vector<double> computeFinish;  ///< F_l: end of the computation of layer l
    double latency{0};                  ///< End-to-end latency F_L (0 for an empty model)
};

/**
 * @ingroup edge-inference-slide
 * @brief Analytic latency of layer streaming (SLIDE) and of download-then-infer (DAI).
 *
 * The model is Paper 1 (G. Qu, T. Li, Q. Chen, X. Chen, S. Zhou, "SLIDE: Simultaneous Model
 * Downloading and Inference at the Wireless Network Edge", IEEE Trans. Mobile Computing,
 * 2026; arXiv 2512.20946), section 1.2 of the module's specification. The paper's abstract
 * (verified) states that inference latency depends recursively on the allocation of every
 * preceding layer; the exact rule F_0 = 0, F_l = max(D_l, F_{l-1}) + tau_l (a layer starts
 * once it is downloaded and the previous layer is done) comes from a third-party reading of
 * the paper and is a reconstruction, as are the closed form and the minimum-rate formula
 * (proved by induction and tested against the recursion).
 */
class LayerStreamingLatency
{
  public:
    /**
     * @brief Download finish times of back-to-back layers at a constant rate.
     * @param [in] layerBits size of each layer, bits
     * @param [in] rateBps download rate, bit/s (> 0)
     * @param [in] startDelay time before the first bit is sent, s
     * @return D_l = startDelay + (sum of bits of layers 1..l) / rate
     */
    static std::vector<double> DownloadFinishTimes(const std::vector<double>& layerBits,
                                                   double rateBps,
                                                   double startDelay = 0.0);

    /**
     * @brief Per-layer compute times on a device.
     * @param [in] model the DNN
     * @param [in] flopsPerSecond effective device speed, FLOP/s (> 0)
     * @param [in] samples number of input samples in the task (batch), >= 1
     * @return tau_l = samples * FLOPs_l / flopsPerSecond
     */
    static std::vector<double> ComputeTimes(const DnnModel& model,
                                            double flopsPerSecond,
                                            uint32_t samples = 1);

    /**
     * @brief Per-layer sizes in bits.
     * @param [in] model the DNN
     * @return 8 * parameter bytes of each layer
     */
    static std::vector<double> LayerBits(const DnnModel& model);

    /**
     * @brief Streaming (SLIDE) timeline by the recursion F_l = max(D_l, F_{l-1}) + tau_l.
     * @param [in] downloadFinish D_l for each layer
     * @param [in] computeTimes tau_l for each layer (same size)
     * @return the timeline
     */
    static LayerTimeline Streaming(const std::vector<double>& downloadFinish,
                                   const std::vector<double>& computeTimes);

    /**
     * @brief Download-then-infer (DAI) timeline: computing starts after the last layer.
     * @param [in] downloadFinish D_l for each layer
     * @param [in] computeTimes tau_l for each layer (same size)
     * @return the timeline; latency = D_L + sum of tau
     */
    static LayerTimeline DownloadThenInfer(const std::vector<double>& downloadFinish,
                                           const std::vector<double>& computeTimes);

    /**
     * @brief Closed form of the streaming latency: max over l of (D_l + sum_{j>=l} tau_j).
     * @param [in] downloadFinish D_l for each layer
     * @param [in] computeTimes tau_l for each layer
     * @param [out] argmax if not null, receives the 0-based index l* attaining the maximum
     * @return the latency (equals Streaming(...).latency)
     */
    static double StreamingClosedForm(const std::vector<double>& downloadFinish,
                                      const std::vector<double>& computeTimes,
                                      uint32_t* argmax = nullptr);

    /**
     * @brief Minimum constant rate that meets a deadline with streaming:
     * max_l S_{<=l} / (T - sum_{j>=l} tau_j).
     * @param [in] layerBits layer sizes, bits
     * @param [in] computeTimes tau_l
     * @param [in] deadline T, s
     * @return the rate in bit/s, or +infinity if T <= sum of tau (no rate suffices)
     */
    static double MinRateStreaming(const std::vector<double>& layerBits,
                                   const std::vector<double>& computeTimes,
                                   double deadline);

    /**
     * @brief Minimum constant rate that meets a deadline with download-then-infer:
     * S / (T - sum tau).
     * @param [in] layerBits layer sizes, bits
     * @param [in] computeTimes tau_l
     * @param [in] deadline T, s
     * @return the rate in bit/s, or +infinity if T <= sum of tau
     */
    static double MinRateDownloadThenInfer(const std::vector<double>& layerBits,
                                           const std::vector<double>& computeTimes,
                                           double deadline);
};

} // namespace edgeinference
} // namespace ns3

#endif /* LAYER_STREAMING_LATENCY_H */
