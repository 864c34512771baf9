/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NR_AMC_RATE_MODEL_H
#define NR_AMC_RATE_MODEL_H

#include "ns3/nr-amc.h"
#include "ns3/rate-model.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-nr
 * @brief Downlink rate over 5G-LENA NR as a function of the bandwidth share: NR AMC (CQI ->
 * MCS -> TBS through 5G-LENA's NrAmc), numerology, TDD pattern and control overheads.
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

} // namespace edgeinference
} // namespace ns3

#endif /* NR_AMC_RATE_MODEL_H */
