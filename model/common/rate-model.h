/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RATE_MODEL_H
#define RATE_MODEL_H

#include "radio-rate.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-common
 * @brief Downlink rate of each user as a function of its bandwidth share: the RateModel
 * interface and its Shannon models with constant power spectral density
 * (ConstantPsdRateModel) and fixed per-user power (FixedPowerRateModel); pure C++.
 *
 * R1.1 of [1] is a reconstruction item of the SLIDE problem (doc/edge-inference.rst lists
 * the items and the papers; [1] is SLIDE, arXiv 2512.20946, see slide-solver.h).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @brief Downlink rate of each user as a function of its bandwidth share.
 *
 * The allocator only needs, per user k, a rate Rate(k, B) that is non-decreasing in B with
 * Rate(k, 0) = 0, and its generalised inverse MinBandwidthForRate(k, r) = min{B : Rate(k, B)
 * >= r} (0 for r = 0, +infinity if no finite B reaches r). Any such model works, including
 * step functions: an LTE model (CQI -> MCS -> TBS through ns-3's LteAmc, bandwidth in whole
 * resource blocks) can be added in the network layer by deriving from this class, returning
 * the smallest RB count times the RB width from MinBandwidthForRate() and false from HasRate()
 * for a user reporting CQI 0.
 */
class RateModel
{
  public:
    virtual ~RateModel() = default;

    /// @return the number of users the model describes
    virtual uint32_t GetNUsers() const = 0;

    /**
     * @brief Downlink rate of a user.
     * @param [in] user user index k, < GetNUsers()
     * @param [in] bandwidthHz bandwidth B_k, Hz (>= 0)
     * @return the rate, bit/s (non-decreasing in bandwidthHz, 0 at 0 Hz)
     */
    virtual double Rate(uint32_t user, double bandwidthHz) const = 0;

    /**
     * @brief Smallest bandwidth whose rate reaches a target.
     * @param [in] user user index k, < GetNUsers()
     * @param [in] rateBps target rate r, bit/s (>= 0)
     * @return min{B : Rate(user, B) >= r}, Hz; 0 for r = 0; +infinity if unreachable
     */
    virtual double MinBandwidthForRate(uint32_t user, double rateBps) const = 0;

    /**
     * @param [in] user user index k, < GetNUsers()
     * @return false if the user can receive nothing at any bandwidth (e.g. CQI 0)
     */
    virtual bool HasRate(uint32_t user) const = 0;

    /**
     * @param [in] user user index k, < GetNUsers()
     * @return the text of SlideRejectReason::NO_RATE for this user
     */
    virtual std::string DescribeNoRate(uint32_t user) const;

    /**
     * @brief Whether one user's rate is at least another's at every bandwidth: a sufficient
     * test used by exact searches to prune dominated users (e.g. the branch and bound of
     * BatchingEarlyExitSolver). The default answers false ("unknown"), which is always safe.
     * @param [in] a user index, < GetNUsers()
     * @param [in] b user index, < GetNUsers()
     * @return true only if Rate(a, B) >= Rate(b, B) for every B >= 0
     */
    virtual bool IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const;
};

/**
 * @ingroup edge-inference-common
 * @brief Constant power spectral density: r_k = B_k eta_k (R1.1 of [1]).
 *
 * With the BS power P spread evenly over the whole band B, every user sees the same SNR per
 * Hz at any share, so the rate is linear in the share: eta_k = log2(1 + P g_k / (N0 B)).
 */
class ConstantPsdRateModel : public RateModel
{
  public:
    /**
     * @brief Construct from the spectral efficiencies.
     * @param [in] spectralEfficiency eta_k of every user, bit/s/Hz (finite, >= 0)
     */
    explicit ConstantPsdRateModel(std::vector<double> spectralEfficiency);

    /**
     * @brief Spectral efficiencies of the Shannon constant-PSD model:
     * eta_k = log2(1 + P g_k / (N0 B)).
     * @param [in] totalPowerW BS power P spread over the band, W (>= 0)
     * @param [in] gain channel power gains g_k (>= 0)
     * @param [in] totalBandwidthHz the whole band B, Hz (> 0, finite)
     * @param [in] noisePsdWPerHz N0, W/Hz (> 0; default THERMAL_NOISE_PSD_W_PER_HZ)
     * @return the model
     */
    static ConstantPsdRateModel FromChannel(double totalPowerW,
                                            const std::vector<double>& gain,
                                            double totalBandwidthHz,
                                            double noisePsdWPerHz = THERMAL_NOISE_PSD_W_PER_HZ);

    /// @return eta_k of every user, bit/s/Hz
    const std::vector<double>& GetSpectralEfficiency() const;

    uint32_t GetNUsers() const override;
    double Rate(uint32_t user, double bandwidthHz) const override;
    double MinBandwidthForRate(uint32_t user, double rateBps) const override;
    bool HasRate(uint32_t user) const override;
    std::string DescribeNoRate(uint32_t user) const override;
    bool IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const override;

  private:
    std::vector<double> m_spectralEfficiency; ///< eta_k, bit/s/Hz
};

/**
 * @ingroup edge-inference-common
 * @brief Fixed per-user power: r_k = B_k log2(1 + s_k / B_k), s_k = P_k g_k / N0 (R1.1 of [1]
 * variant), inverted with the Lambert W closed form MinBandwidthForRate() of radio-rate.h.
 *
 * The rate saturates at s_k / ln 2: a larger target needs infinite bandwidth.
 */
class FixedPowerRateModel : public RateModel
{
  public:
    /**
     * @brief Construct from the SNR bandwidths.
     * @param [in] snrBandwidthHz s_k = P_k g_k / N0 of every user, Hz (finite, >= 0)
     */
    explicit FixedPowerRateModel(std::vector<double> snrBandwidthHz);

    /**
     * @brief SNR bandwidths s_k = P_k g_k / N0.
     * @param [in] powerW per-user power P_k, W (>= 0)
     * @param [in] gain channel power gains g_k (>= 0), same size
     * @param [in] noisePsdWPerHz N0, W/Hz (> 0; default THERMAL_NOISE_PSD_W_PER_HZ)
     * @return the model
     */
    static FixedPowerRateModel FromChannel(const std::vector<double>& powerW,
                                           const std::vector<double>& gain,
                                           double noisePsdWPerHz = THERMAL_NOISE_PSD_W_PER_HZ);

    /// @return s_k of every user, Hz
    const std::vector<double>& GetSnrBandwidth() const;

    uint32_t GetNUsers() const override;
    double Rate(uint32_t user, double bandwidthHz) const override;
    double MinBandwidthForRate(uint32_t user, double rateBps) const override;
    bool HasRate(uint32_t user) const override;
    std::string DescribeNoRate(uint32_t user) const override;
    bool IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const override;

  private:
    std::vector<double> m_snrBandwidthHz; ///< s_k, Hz
};

} // namespace edgeinference
} // namespace ns3

#endif /* RATE_MODEL_H */
