/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LTE_AMC_RATE_MODEL_H
#define LTE_AMC_RATE_MODEL_H

#include "ns3/rate-model.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-lte
 * @brief Rate models for the SLIDE allocator in an LTE cell: the transport block size of the
 * reported CQI (LteAmcRateModel), the Shannon rate of a reported SINR (ShannonSinrRateModel)
 * and an efficiency factor (ScaledRateModel).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-lte
 * @brief LTE-aware downlink rate: CQI -> MCS -> transport block size, through ns-3's LteAmc.
 *
 * For SLIDE (Paper 1, arXiv 2512.20946) the paper's rate is Shannon's; in an ns-3 LTE cell
 * the MAC scheduler sends, per 1 ms TTI, one transport block whose size (3GPP TS 36.213
 * Table 7.1.7.2.1-1) depends on the MCS chosen from the UE's CQI and on the number of
 * resource blocks. This model predicts exactly that, for a bandwidth share executed by
 * BandwidthShareFfrAlgorithm:
 * - a share of B Hz is x = B / (P x 180 kHz) resource block groups (RBGs) per TTI, P the
 *   RBG size of the cell, capped at the N schedulable RBGs;
 * - x is met over time by the FFR's credit rule (floor(x) RBGs in some TTIs, ceil(x) in the
 *   others, with the fraction frac(x) of TTIs at ceil(x)), so the average rate is
 *   Rate = ((1 - frac(x)) TBS(floor(x) P) + frac(x) TBS(ceil(x) P)) / 1 ms,
 *   TBS(0) = 0, TBS(n) = LteAmc::GetDlTbSizeFromMcs(LteAmc::GetMcsFromCqi(cqi), n) bits;
 * - it is piecewise linear and non-decreasing in B, and MinBandwidthForRate() inverts it
 *   exactly; a rate above TBS(N P) / 1 ms is unreachable (+infinity).
 * It is the MAC-layer rate: RLC/PDCP/IP/TCP headers and TCP dynamics are not in it (they
 * are what the packet-level run adds). A user with CQI 0 or without a report has no rate
 * (SlideRejectReason::NO_RATE).
 *
 * **HARQ retransmissions (BLER-aware variant).** Built with the users' SINRs (the
 * three-argument constructor), the model also contains the transport blocks lost at their
 * first transmission. ns-3 picks the CQI, hence the MCS, as the highest whose block error
 * rate stays below 10 %, so a UE whose SINR sits just above a CQI threshold loses up to that
 * fraction of its blocks. For a user at linear SINR s and n RBGs (n P resource blocks, MCS m,
 * TBS(n) bits), ns-3's own error model gives the block error rate of transmission i
 * (LteMiErrorModel::GetTbDecodificationStats() on a flat SINR s over the n P RBs, with the
 * HARQ history LteSpectrumPhy records after each failure: its mutual information, the
 * information bits and the code bits size / ECR(m)): p1(n) for the first transmission, p2(n)
 * and p3(n) for the chase-combined retransmissions; at most three retransmissions, as
 * ns3::PfFfMacScheduler and ns3::LteHarqPhy allow. A block then takes on average
 * E(n) = 1 + p1 + p1 p2 + p1 p2 p3 transmissions (E(0) = 1). In ns-3.37's PF a DL
 * retransmission is sent in its own TTI and the UE gets no new block in that TTI, so a
 * retransmission costs the UE one of its TTIs; with the credit rule's mix of floor(x) and
 * ceil(x) RBGs the goodput is
 *   Rate = ((1 - frac(x)) TBS(lo) + frac(x) TBS(hi)) / ((1 - frac(x)) E(lo) + frac(x) E(hi))
 *   / 1 ms, lo = floor(x), hi = lo + 1,
 * i.e. TBS(n) / E(n) at a whole RBG count n and, to first order in p1, (1 - p1) times the
 * plain rate. Combining makes p2 tiny (the retransmission doubles the code bits at the same
 * MI), so E(n) is close to 1 + p1(n). The goodput G(n) = TBS(n) / E(n) must be
 * non-decreasing in n for the rate to be; where the error model would make it fall, E(n) is
 * lowered to keep G(n) = G(n - 1) (GetExpectedTransmissions() returns the value used). A user
 * with a negative SINR (no report) gets no BLER term (E = 1).
 */
class LteAmcRateModel : public RateModel
{
  public:
    /// CQI value meaning "no report received yet".
    static constexpr int NO_REPORT = -1;
    /// TTI length, s.
    static constexpr double TTI_S = 1e-3;

    /**
     * @brief Construct from the users' wideband CQIs.
     * @param [in] cqi per user: 0..15, or NO_REPORT
     * @param [in] dlBandwidthRb cell downlink bandwidth in resource blocks (1..110)
     * @throw std::invalid_argument naming the value for a CQI outside -1..15 or a bad
     * bandwidth
     */
    LteAmcRateModel(std::vector<int> cqi, uint32_t dlBandwidthRb);

    /**
     * @brief Construct the BLER-aware model (see the class description) from the users'
     * wideband CQIs and SINRs.
     * @param [in] cqi per user: 0..15, or NO_REPORT
     * @param [in] dlBandwidthRb cell downlink bandwidth in resource blocks (1..110)
     * @param [in] blerSinr per user: linear SINR (>= 0) at which the block error rate is
     * evaluated, or a negative value for "no report" (no BLER term)
     * @throw std::invalid_argument naming the value for a bad CQI or bandwidth, a SINR vector
     * of another length, or a NaN/infinite SINR
     */
    LteAmcRateModel(std::vector<int> cqi, uint32_t dlBandwidthRb, std::vector<double> blerSinr);

    /**
     * @brief Block error statistics of one transport block size under ns-3's error model.
     */
    struct HarqCost
    {
        double firstTxBler{0};           ///< p1: BLER of the first transmission
        double expectedTransmissions{1}; ///< E = 1 + p1 + p1 p2 + p1 p2 p3
    };

    /**
     * @brief BLER of a transport block of nRb resource blocks at MCS mcs under
     * LteMiErrorModel, at a flat SINR, and the expected transmissions with HARQ (up to three
     * chase-combined retransmissions, the history built as LteSpectrumPhy builds it).
     * @param [in] sinrLinear SINR per RB (linear, >= 0)
     * @param [in] mcs MCS 0..28
     * @param [in] nRb resource blocks of the block (1..dlBandwidthRb)
     * @param [in] dlBandwidthRb cell downlink bandwidth, RB
     * @return p1 and E
     * @throw std::invalid_argument naming the value for a bad argument
     */
    static HarqCost ComputeHarqCost(double sinrLinear,
                                    int mcs,
                                    uint32_t nRb,
                                    uint32_t dlBandwidthRb);

    /// @return true if built with SINRs (the BLER term is in the rate)
    bool IsBlerAware() const;

    /**
     * @param [in] user user index
     * @return the SINR given for the BLER term (linear; negative: none or not BLER-aware)
     */
    double GetBlerSinr(uint32_t user) const;

    /**
     * @param [in] user user index
     * @param [in] nRbgs RBGs per TTI, 0..N
     * @return p1 of its TBS(nRbgs) block (0 without BLER term, for 0 RBGs or no rate)
     */
    double GetFirstTxBler(uint32_t user, uint32_t nRbgs) const;

    /**
     * @param [in] user user index
     * @param [in] nRbgs RBGs per TTI, 0..N
     * @return E(nRbgs) as used in the rate (1 without BLER term, for 0 RBGs or no rate)
     */
    double GetExpectedTransmissions(uint32_t user, uint32_t nRbgs) const;

    /// @return the cell downlink bandwidth given to the constructor, RB
    uint32_t GetDlBandwidthRb() const;
    /// @return RBG size P, RB
    uint32_t GetRbgSize() const;
    /// @return schedulable RBGs N
    uint32_t GetNRbgs() const;
    /// @return bandwidth of one RBG, P x 180 kHz, Hz
    double GetRbgBandwidthHz() const;
    /// @return bandwidth of the N schedulable RBGs, Hz
    double GetSchedulableBandwidthHz() const;
    /**
     * @param [in] user user index
     * @return the CQI of the user (NO_REPORT if none)
     */
    int GetCqi(uint32_t user) const;
    /**
     * @param [in] user user index (with a CQI >= 1)
     * @return the MCS LteAmc chooses for its CQI
     */
    int GetMcs(uint32_t user) const;
    /**
     * @param [in] user user index
     * @param [in] nRbgs RBGs per TTI, 0..N
     * @return TBS of nRbgs x P resource blocks at the user's MCS, bits (0 for 0 RBGs or no rate)
     */
    uint32_t GetTbsBits(uint32_t user, uint32_t nRbgs) const;

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
     * @brief Throw for an RBG count above N.
     * @param [in] nRbgs the count
     */
    void CheckRbgs(uint32_t nRbgs) const;

    /// Fill m_p1 and m_tx from m_blerSinr (BLER-aware construction).
    void ComputeBlerTerm();

    /**
     * @param [in] user user index (with rate)
     * @param [in] n RBGs, 0..N
     * @return goodput TBS(n) / E(n) per TTI, bits
     */
    double Goodput(uint32_t user, uint32_t n) const;

    std::vector<int> m_cqi;                   ///< CQI per user
    std::vector<int> m_mcs;                   ///< MCS per user (-1 without rate)
    std::vector<std::vector<uint32_t>> m_tbs; ///< TBS bits per user and RBG count 0..N
    uint32_t m_nRb;                           ///< Cell DL bandwidth, RB
    uint32_t m_rbgSize;                       ///< P
    uint32_t m_nRbgs;                         ///< N
    bool m_blerAware{false};                  ///< Built with SINRs
    std::vector<double> m_blerSinr;           ///< SINR per user for the BLER term (linear)
    std::vector<std::vector<double>> m_p1;    ///< p1 per user and RBG count 0..N
    std::vector<std::vector<double>> m_tx;    ///< E per user and RBG count 0..N
};

/**
 * @ingroup edge-inference-lte
 * @brief The paper's Shannon rate at a reported SINR: r_k = B_k log2(1 + SINR_k / gap),
 * linear in B_k (constant power spectral density, R1.1 of [1]). gap = 1 is Shannon's capacity.
 */
class ShannonSinrRateModel : public RateModel
{
  public:
    /**
     * @brief Construct from the users' SINRs.
     * @param [in] sinr per user: linear SINR >= 0, or a negative value for "no report"
     * @param [in] gap SNR gap (linear, >= 1 would be usual; > 0 required)
     * @throw std::invalid_argument naming the value for a NaN/infinite SINR or gap <= 0
     */
    ShannonSinrRateModel(std::vector<double> sinr, double gap = 1.0);

    /**
     * @param [in] user user index
     * @return spectral efficiency log2(1 + SINR / gap), bit/s/Hz (0 without report)
     */
    double GetSpectralEfficiency(uint32_t user) const;

    /**
     * @param [in] user user index
     * @return the SINR given to the constructor (linear; negative: no report)
     */
    double GetSinr(uint32_t user) const;

    /// @return the SNR gap given to the constructor (linear)
    double GetGap() const;

    uint32_t GetNUsers() const override;
    double Rate(uint32_t user, double bandwidthHz) const override;
    double MinBandwidthForRate(uint32_t user, double rateBps) const override;
    bool HasRate(uint32_t user) const override;
    std::string DescribeNoRate(uint32_t user) const override;
    bool IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const override;

  private:
    std::vector<double> m_sinr; ///< SINR per user (negative: no report)
    std::vector<double> m_eta;  ///< Spectral efficiency per user, bit/s/Hz
    double m_gap;               ///< SNR gap (linear)
};

/**
 * @ingroup edge-inference-lte
 * @brief Another rate model times an efficiency e in (0, 1]: Rate = e x base Rate (e.g. the
 * goodput left after RLC/PDCP/IP/TCP headers).
 */
class ScaledRateModel : public RateModel
{
  public:
    /**
     * @brief Wrap a model.
     * @param [in] base the model (not null)
     * @param [in] efficiency e in (0, 1]
     * @throw std::invalid_argument for a null base or e outside (0, 1]
     */
    ScaledRateModel(std::shared_ptr<const RateModel> base, double efficiency);

    /// @return the wrapped model
    std::shared_ptr<const RateModel> GetBase() const;

    /// @return the efficiency e
    double GetEfficiency() const;

    uint32_t GetNUsers() const override;
    double Rate(uint32_t user, double bandwidthHz) const override;
    double MinBandwidthForRate(uint32_t user, double rateBps) const override;
    bool HasRate(uint32_t user) const override;
    std::string DescribeNoRate(uint32_t user) const override;
    bool IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const override;

  private:
    std::shared_ptr<const RateModel> m_base; ///< Wrapped model
    double m_efficiency;                     ///< e
};

} // namespace edgeinference
} // namespace ns3

#endif /* LTE_AMC_RATE_MODEL_H */
