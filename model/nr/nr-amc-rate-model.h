/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NR_AMC_RATE_MODEL_H
#define NR_AMC_RATE_MODEL_H

#include "ns3/nr-amc.h"
#include "ns3/rate-model.h"
#include "ns3/symbol-share-rate-model.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-nr
 * @brief Downlink and uplink rates over 5G-LENA NR as a function of the bandwidth share: NR
 * AMC (CQI -> MCS -> TBS through 5G-LENA's NrAmc), numerology, TDD pattern and control
 * overheads (NrAmcRateModel, NrUlAmcRateModel).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-nr
 * @brief The DL data resources of an NR bandwidth part per second.
 */
struct NrDlResources
{
    uint32_t nRb{0};              ///< RBs of the bandwidth part
    double rbWidthHz{0};          ///< 12 x subcarrier spacing, Hz
    double patternSeconds{0};     ///< duration of one TDD pattern, s
    uint32_t dlSlots{0};          ///< DL slots per pattern (13 data symbols each)
    uint32_t flexibleSlots{0};    ///< F slots per pattern (12 data symbols, all DL assumed)
    uint32_t dlDataSymbols{13};   ///< data symbols of a DL slot (14 minus 1 DL CTRL)
    uint32_t flexDataSymbols{12}; ///< data symbols of an F slot (14 minus DL and UL CTRL)
    double flexUlSymbols{0}; ///< mean symbols of an F slot the UL takes first (NrDlSymbolRateModel)

    /**
     * @brief The resources of a 5G-LENA bandwidth part.
     * @param [in] bandwidthHz channel bandwidth, Hz
     * @param [in] numerology mu (0..4)
     * @param [in] pattern TDD pattern in 5G-LENA syntax ("DL|DL|DL|F|UL|...")
     * @param [in] rbOverhead 5G-LENA's guard fraction (NrGnbPhy::RbOverhead)
     * @return the resources
     * @throw std::invalid_argument naming the pattern if it has a slot other than DL, UL, F
     */
    static NrDlResources Of(double bandwidthHz,
                            uint16_t numerology,
                            const std::string& pattern,
                            double rbOverhead = 0.04);
};

/**
 * @ingroup edge-inference-nr
 * @brief NR downlink rate of each user from its MCS: Rate(k, B) = 8 x (d x TBS(m_k, n x 13)
 * + f x TBS(m_k, n x 12)) / T_pattern x efficiency, n = floor(B / RB width) RBs (at most
 * the BWP's), d DL and f F slots per pattern, TBS from 5G-LENA's NrAmc (its error model's
 * MCS table, reference-signal overhead, CRC and code-block segmentation). The bandwidth is
 * counted in whole RBs (the share scheduler hands out whole RBGs of one RB by default), so
 * Rate is a step function and MinBandwidthForRate() returns whole RBs.
 *
 * The MCS comes from a CQI as 5G-LENA's scheduler maps it (NrAmc::GetMcsFromCqi()), and the
 * CQI from the SINR as the UE PHY computes it (NrAmc::CreateCqiFeedbackWbTdma() on a flat
 * SINR; FromSinr()). F slots are counted as all-DL: the uplink of a streaming download is
 * its TCP ACKs, which 5G-LENA puts in the UL slots.
 */
class NrAmcRateModel : public RateModel
{
  public:
    /**
     * @param [in] amc 5G-LENA AMC (its error model sets the MCS table)
     * @param [in] cqi wideband CQI of every user (0..15; 0: no rate)
     * @param [in] resources DL resources of the bandwidth part
     * @param [in] efficiency factor (0, 1] on the rate (headers, HARQ)
     * @throw std::invalid_argument naming the field if a CQI is above 15, the resources are
     * empty or the efficiency is outside (0, 1]
     */
    NrAmcRateModel(Ptr<const NrAmc> amc,
                   std::vector<uint8_t> cqi,
                   const NrDlResources& resources,
                   double efficiency = 1.0);

    /**
     * @brief The model of users with the given flat downlink SINRs.
     * @param [in] amc 5G-LENA AMC
     * @param [in] sinrLinear SINR of every user (linear, >= 0)
     * @param [in] resources DL resources of the bandwidth part
     * @param [in] efficiency factor (0, 1] on the rate
     * @return the model
     */
    static NrAmcRateModel FromSinr(Ptr<const NrAmc> amc,
                                   const std::vector<double>& sinrLinear,
                                   const NrDlResources& resources,
                                   double efficiency = 1.0);

    /**
     * @brief The wideband CQI 5G-LENA's UE reports for a flat SINR.
     * @param [in] amc 5G-LENA AMC
     * @param [in] sinrLinear SINR (linear)
     * @param [in] nRb RBs of the bandwidth part
     * @return the CQI (0..15)
     */
    static uint8_t CqiFromSinr(Ptr<const NrAmc> amc, double sinrLinear, uint32_t nRb);

    /// @return the CQI of every user
    const std::vector<uint8_t>& GetCqi() const;

    /// @return the MCS of every user (NrAmc::GetMcsFromCqi)
    const std::vector<uint8_t>& GetMcs() const;

    /**
     * @param [in] user a user
     * @param [in] nRb RBs
     * @return bytes of DL data per second on nRb RBs, before the efficiency factor
     */
    double BytesPerSecond(uint32_t user, uint32_t nRb) const;

    uint32_t GetNUsers() const override;
    double Rate(uint32_t user, double bandwidthHz) const override;
    double MinBandwidthForRate(uint32_t user, double rateBps) const override;
    bool HasRate(uint32_t user) const override;
    std::string DescribeNoRate(uint32_t user) const override;

  private:
    Ptr<const NrAmc> m_amc;     ///< AMC
    std::vector<uint8_t> m_cqi; ///< CQI per user
    std::vector<uint8_t> m_mcs; ///< MCS per user
    NrDlResources m_res;        ///< DL resources
    double m_efficiency;        ///< factor on the rate
};

/**
 * @ingroup edge-inference-nr
 * @brief The UL data symbols of an NR bandwidth part per second, as 5G-LENA's scheduler
 * (NrMacSchedulerNs3::DoScheduleUl) leaves them for new UL data.
 */
struct NrUlResources
{
    uint32_t nRb{0};              ///< RBs of the bandwidth part
    double rbWidthHz{0};          ///< 12 x subcarrier spacing, Hz
    double patternSeconds{0};     ///< duration of one TDD pattern, s
    uint32_t ulSlots{0};          ///< UL slots per pattern
    uint32_t flexibleSlots{0};    ///< F slots per pattern (UL data is scheduled first there)
    uint32_t ulDataSymbols{13};   ///< data symbols of an UL slot (14 minus 1 UL CTRL)
    uint32_t flexDataSymbols{12}; ///< data symbols of an F slot (14 minus DL and UL CTRL)
    double srsSymbols{0};         ///< mean SRS symbols per UL / F slot

    /**
     * @brief The resources of a 5G-LENA bandwidth part with its default SRS (one symbol in
     * every UL and F slot whose counter matches a UE's offset, periodicity 80 such slots,
     * NrMacSchedulerSrsDefault): on average min(1, nUes / 80) symbol per slot.
     * @param [in] bandwidthHz channel bandwidth, Hz
     * @param [in] numerology mu (0..4)
     * @param [in] pattern TDD pattern in 5G-LENA syntax ("DL|DL|DL|F|UL|...")
     * @param [in] nUes UEs of the cell (for the SRS overhead)
     * @param [in] rbOverhead 5G-LENA's guard fraction (NrGnbPhy::RbOverhead)
     * @return the resources
     * @throw std::invalid_argument naming the pattern if it has a slot other than DL, UL, F
     */
    static NrUlResources Of(double bandwidthHz,
                            uint16_t numerology,
                            const std::string& pattern,
                            uint32_t nUes,
                            double rbOverhead = 0.04);

    /**
     * @brief As Of(), from the RBs of the bandwidth part (e.g. NrPhy::GetRbNum()).
     * @param [in] nRb RBs of the bandwidth part
     * @param [in] numerology mu (0..4)
     * @param [in] pattern TDD pattern in 5G-LENA syntax
     * @param [in] nUes UEs of the cell (for the SRS overhead)
     * @return the resources
     * @throw std::invalid_argument naming the pattern if it has a slot other than DL, UL, F
     */
    static NrUlResources FromRbs(uint32_t nRb,
                                 uint16_t numerology,
                                 const std::string& pattern,
                                 uint32_t nUes);

    /// @return W = nRb x rbWidthHz, the bandwidth a share of 1 stands for, Hz
    double GetBandwidthHz() const;
};

/**
 * @ingroup edge-inference-nr
 * @brief NR uplink rate of each user as NrSymbolShareScheduler executes an UL share: the
 * share s = B / W (W = nRb x RB width) of the UL data symbols of every UL and F slot, each
 * symbol over the whole band (TDMA), whole symbols per slot by the credit rule.
 *
 * With a = the data symbols of a slot (UL: 13, F: 12, minus the mean SRS symbols) and
 * x = s a, the credit rule gives floor(x) or ceil(x) symbols, ceil(x) in a fraction
 * x - floor(x) of the slots, so the bytes per slot are the interpolation
 * (1 - f) TBS(m_k, n floor(x)) + f TBS(m_k, n ceil(x)), f = x - floor(x), n = nRb, TBS from
 * 5G-LENA's UL NrAmc. Rate(k, B) = 8 x (u bytes(UL slot) + f bytes(F slot)) / T_pattern x
 * efficiency. The MCS m_k is the one 5G-LENA's scheduler picks from the PUSCH SINR
 * (NrAmc::CreateCqiFeedbackWbTdma() on the flat SINR over the band: the UE's power is spread
 * over the RBs it uses, all of them under TDMA, so PUSCH and SRS see the same SINR).
 * Rate is continuous and increasing in B; MinBandwidthForRate() inverts it by bisection
 * (the result's rate is >= the target).
 */
class NrUlAmcRateModel : public SymbolShareRateModel
{
  public:
    /**
     * @param [in] amc 5G-LENA UL AMC (the scheduler's attribute UlAmc)
     * @param [in] sinrLinear wideband UL SINR of every user (linear, >= 0; the gNB's SRS
     * SINR)
     * @param [in] resources UL resources of the bandwidth part
     * @param [in] efficiency factor (0, 1] on the rate (HARQ retransmissions, headers)
     * @throw std::invalid_argument naming the field if the AMC is null, a SINR is negative or
     * not finite, the resources have no UL symbol or the efficiency is outside (0, 1]
     */
    NrUlAmcRateModel(Ptr<const NrAmc> amc,
                     const std::vector<double>& sinrLinear,
                     const NrUlResources& resources,
                     double efficiency = 1.0);

    /**
     * @brief The MCS 5G-LENA's scheduler picks for an UL transmission over the whole band.
     * @param [in] amc 5G-LENA UL AMC
     * @param [in] sinrLinear SINR (linear)
     * @param [in] nRb RBs of the bandwidth part
     * @return the MCS
     */
    static uint8_t McsFromSinr(Ptr<const NrAmc> amc, double sinrLinear, uint32_t nRb);

    /// @return the MCS of every user
    const std::vector<uint8_t>& GetMcs() const;

    /// @return the resources
    const NrUlResources& GetResources() const;

    std::string DescribeNoRate(uint32_t user) const override;

  private:
    std::vector<uint8_t> m_mcs; ///< MCS per user
    NrUlResources m_res;        ///< UL resources
};

/**
 * @ingroup edge-inference-nr
 * @brief NR downlink rate of each user as NrSymbolShareScheduler executes a DL share (and as
 * a TDMA scheduler serves N backlogged UEs: share 1 / N): the share s = B / W of the DL data
 * symbols of every DL and F slot, each symbol over the whole band, whole symbols per slot by
 * the credit rule (SymbolShareRateModel). The MCS comes from the CQI as 5G-LENA's scheduler
 * maps it (NrAmc::GetMcsFromCqi()); b_k(j) = TBS(m_k, nRb x j) from the AMC. DL slots have
 * dlDataSymbols (13), F slots flexDataSymbols (12), counted as all-DL as in NrAmcRateModel.
 * NrAmcRateModel is the frequency-domain counterpart (whole RBs of every symbol, the
 * NrBandwidthShareScheduler's execution).
 */
class NrDlSymbolRateModel : public SymbolShareRateModel
{
  public:
    /**
     * @param [in] amc 5G-LENA DL AMC (its error model sets the MCS table)
     * @param [in] cqi wideband CQI of every user (0..15; 0: no rate)
     * @param [in] resources DL resources of the bandwidth part
     * @param [in] efficiency factor (0, 1] on the rate (headers)
     * @throw std::invalid_argument naming the field if the AMC is null, a CQI is above 15,
     * the resources have no DL symbol or the efficiency is outside (0, 1]
     */
    NrDlSymbolRateModel(Ptr<const NrAmc> amc,
                        const std::vector<uint8_t>& cqi,
                        const NrDlResources& resources,
                        double efficiency = 1.0);

    /// @return the CQI of every user
    const std::vector<uint8_t>& GetCqi() const;

    /// @return the MCS of every user (NrAmc::GetMcsFromCqi)
    const std::vector<uint8_t>& GetMcs() const;

    std::string DescribeNoRate(uint32_t user) const override;

  private:
    std::vector<uint8_t> m_cqi; ///< CQI per user
    std::vector<uint8_t> m_mcs; ///< MCS per user
};

} // namespace edgeinference
} // namespace ns3

#endif /* NR_AMC_RATE_MODEL_H */
