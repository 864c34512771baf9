/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LTE_UL_AMC_RATE_MODEL_H
#define LTE_UL_AMC_RATE_MODEL_H

#include "ns3/rate-model.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-lte
 * @brief LTE-aware UPLINK rate of a bandwidth share executed by
 * BandwidthShareFfMacScheduler: SRS SINR -> CQI -> MCS as ns-3's PF uplink scheduler picks
 * them, uplink transport block sizes, whole RBs met over time by the scheduler's credit rule.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-lte
 * @brief Uplink rate of a UE in an ns-3 LTE cell whose uplink bandwidths are executed by
 * BandwidthShareFfMacScheduler (the uplink problems: batching + early exiting, Liu, Lan,
 * Huang, IEEE JSAC 2023; PartialLoading, Qu et al., arXiv 2503.22982).
 *
 * What the MAC executes, TTI by TTI (ns-3.37 PfFfMacScheduler::DoSchedUlTriggerReq and the
 * re-partition of BandwidthShareFfMacScheduler):
 * - the MCS comes from the eNB's SRS SINR: spectral efficiency
 *   s = log2(1 + SINR / Gamma), Gamma = -ln(5 BER) / 1.5 with BER = 5e-5 (PF's "same as DL"
 *   rule), CQI = LteAmc::GetCqiFromSpectralEfficiency(s), MCS = LteAmc::GetMcsFromCqi(CQI);
 *   the share scheduler keeps PF's MCS and recomputes the TB size of its own RB count;
 * - a bandwidth w is x = w / 180 kHz RBs per TTI on average (the uplink has no RBGs: the
 *   granularity is one RB); the credit rule gives floor(x) RBs in some TTIs and ceil(x) in
 *   the others (the fraction frac(x) at ceil(x)), and never fewer than MinUlGrantRbs = m RBs
 *   when it gives any: a UE with x < m gets m RBs in a fraction x / m of the TTIs;
 * - so the average rate is, with TBS(n) = LteAmc::GetUlTbSizeFromMcs(MCS, n) bits per 1 ms TTI,
 *   Rate = (x / m) TBS(m) for x < m, else ((1 - frac(x)) TBS(floor x) + frac(x) TBS(ceil x));
 *   piecewise linear and non-decreasing in w, capped at TBS(N) for the N RBs of the cell;
 *   MinBandwidthForRate() inverts it exactly (+infinity above TBS(N) / 1 ms).
 * It is the MAC rate: RLC/PDCP headers, HARQ retransmissions (rare: the PUSCH concentrates
 * the UE's power on fewer RBs than the SRS, so its SINR is above the one the MCS was chosen
 * for) and the BSR-to-grant delay at the start of an upload are not in it. With fading the
 * scheduler takes the worst RB of the grant; this model takes the wideband SINR reported.
 * A UE whose SINR gives CQI 0 gets no grant from PF (no rate); one without an SRS report yet
 * would be scheduled at MCS 0, which this model reports as "no rate" too (the allocator
 * should wait for the report).
 */
class LteUlAmcRateModel : public RateModel
{
  public:
    /// TTI length, s.
    static constexpr double TTI_S = 1e-3;
    /// Bandwidth of one resource block, Hz.
    static constexpr double RB_HZ = 180e3;
    /// PF's BER target of the SINR -> spectral efficiency rule.
    static constexpr double PF_BER = 5e-5;

    /**
     * @brief Construct from the users' SRS SINRs.
     * @param [in] sinr per user: linear wideband SRS SINR >= 0, or a negative value for "no
     * report"
     * @param [in] ulBandwidthRb cell uplink bandwidth N in RBs (6..110, an LTE bandwidth not
     * required)
     * @param [in] minGrantRbs m, BandwidthShareFfMacScheduler attribute MinUlGrantRbs (1..N)
     * @throw std::invalid_argument naming the value for a NaN/infinite SINR, N outside 6..110
     * or m outside 1..N
     */
    LteUlAmcRateModel(std::vector<double> sinr, uint32_t ulBandwidthRb, uint32_t minGrantRbs = 3);

    /**
     * @brief The CQI PF's uplink scheduler derives from an SRS SINR.
     * @param [in] sinrLinear linear SINR (>= 0)
     * @return CQI 0..15
     */
    static int CqiFromSinr(double sinrLinear);

    /// @return N, RBs
    uint32_t GetUlBandwidthRb() const;
    /// @return m, RBs
    uint32_t GetMinGrantRbs() const;
    /**
     * @param [in] user user index
     * @return the SINR given to the constructor (linear; negative: no report)
     */
    double GetSinr(uint32_t user) const;
    /**
     * @param [in] user user index
     * @return its CQI (CqiFromSinr()), -1 without report
     */
    int GetCqi(uint32_t user) const;
    /**
     * @param [in] user user index
     * @return the MCS PF gives it, -1 without rate
     */
    int GetMcs(uint32_t user) const;
    /**
     * @param [in] user user index
     * @param [in] nRbs RBs per TTI, 0..N
     * @return uplink TBS of nRbs RBs at the user's MCS, bits (0 for 0 RBs or no rate)
     */
    uint32_t GetTbsBits(uint32_t user, uint32_t nRbs) const;

    uint32_t GetNUsers() const override;
    double Rate(uint32_t user, double bandwidthHz) const override;
    double MinBandwidthForRate(uint32_t user, double rateBps) const override;
    bool HasRate(uint32_t user) const override;
    std::string DescribeNoRate(uint32_t user) const override;
    bool IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const override;

  private:
    /**
     * @brief Check a user index.
     * @param [in] user user index
     */
    void CheckUser(uint32_t user) const;

    /**
     * @param [in] user user index with a rate
     * @param [in] x RBs per TTI on average, in [0, N]
     * @return bits per TTI
     */
    double BitsPerTti(uint32_t user, double x) const;

    std::vector<double> m_sinr;               ///< SINR per user (negative: no report)
    std::vector<int> m_cqi;                   ///< CQI per user (-1: no report)
    std::vector<int> m_mcs;                   ///< MCS per user (-1: no rate)
    std::vector<std::vector<uint32_t>> m_tbs; ///< TBS bits per user and RB count 0..N
    uint32_t m_nRb;                           ///< N
    uint32_t m_minGrant;                      ///< m
};

} // namespace edgeinference
} // namespace ns3

#endif /* LTE_UL_AMC_RATE_MODEL_H */
