/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "nr-amc-rate-model.h"

#include "ns3/nr-spectrum-value-helper.h"
#include "ns3/spectrum-value.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NrDlResources
NrDlResources::Of(double bandwidthHz,
                  uint16_t numerology,
                  const std::string& pattern,
                  double rbOverhead)
{
    NrDlResources r;
    r.rbWidthHz = 12 * 15e3 * std::pow(2.0, numerology);
    r.nRb = static_cast<uint32_t>(bandwidthHz * (1 - rbOverhead) / r.rbWidthHz);
    uint32_t slots = 0;
    std::istringstream in(pattern);
    std::string slot;
    while (std::getline(in, slot, '|'))
    {
        if (slot.empty())
        {
            continue;
        }
        ++slots;
        if (slot == "DL")
        {
            ++r.dlSlots;
        }
        else if (slot == "F")
        {
            ++r.flexibleSlots;
        }
        else if (slot != "UL")
        {
            throw std::invalid_argument("NrDlResources: pattern '" + pattern + "' has slot '" +
                                        slot + "' (must be DL, UL or F)");
        }
    }
    r.patternSeconds = slots * 1e-3 / std::pow(2.0, numerology);
    return r;
}

NrAmcRateModel::NrAmcRateModel(Ptr<const NrAmc> amc,
                               std::vector<uint8_t> cqi,
                               const NrDlResources& resources,
                               double efficiency)
    : m_amc(amc)
    , m_cqi(std::move(cqi))
    , m_res(resources)
    , m_efficiency(efficiency)
{
    if (!m_amc)
    {
        throw std::invalid_argument("NrAmcRateModel: amc is null");
    }
    if (m_res.nRb == 0 || m_res.patternSeconds <= 0 || m_res.dlSlots + m_res.flexibleSlots == 0)
    {
        throw std::invalid_argument("NrAmcRateModel: resources have no DL RB-slot (nRb " +
                                    std::to_string(m_res.nRb) + ", DL slots " +
                                    std::to_string(m_res.dlSlots) + ", F slots " +
                                    std::to_string(m_res.flexibleSlots) + ")");
    }
    if (!(efficiency > 0 && efficiency <= 1))
    {
        throw std::invalid_argument("NrAmcRateModel: efficiency = " + std::to_string(efficiency) +
                                    " (must be in (0, 1])");
    }
    for (std::size_t k = 0; k < m_cqi.size(); ++k)
    {
        if (m_cqi[k] > 15)
        {
            throw std::invalid_argument("NrAmcRateModel: cqi[" + std::to_string(k) +
                                        "] = " + std::to_string(m_cqi[k]) + " (must be 0..15)");
        }
        m_mcs.push_back(m_amc->GetMcsFromCqi(m_cqi[k]));
    }
}

uint8_t
NrAmcRateModel::CqiFromSinr(Ptr<const NrAmc> amc, double sinrLinear, uint32_t nRb)
{
    // the spectrum model only sets the number of bands (its frequencies do not matter here)
    Ptr<const SpectrumModel> sm = NrSpectrumValueHelper::GetSpectrumModel(nRb, 3.5e9, 30e3);
    SpectrumValue sinr(sm);
    sinr = std::max(sinrLinear, 0.0);
    uint8_t mcs = 0;
    return amc->CreateCqiFeedbackWbTdma(sinr, mcs);
}

NrAmcRateModel
NrAmcRateModel::FromSinr(Ptr<const NrAmc> amc,
                         const std::vector<double>& sinrLinear,
                         const NrDlResources& resources,
                         double efficiency)
{
    std::vector<uint8_t> cqi;
    for (double s : sinrLinear)
    {
        cqi.push_back(CqiFromSinr(amc, s, resources.nRb));
    }
    return NrAmcRateModel(amc, cqi, resources, efficiency);
}

const std::vector<uint8_t>&
NrAmcRateModel::GetCqi() const
{
    return m_cqi;
}

const std::vector<uint8_t>&
NrAmcRateModel::GetMcs() const
{
    return m_mcs;
}

double
NrAmcRateModel::BytesPerSecond(uint32_t user, uint32_t nRb) const
{
    if (nRb == 0 || m_cqi.at(user) == 0)
    {
        return 0;
    }
    const uint8_t mcs = m_mcs.at(user);
    const double perPattern =
        m_res.dlSlots * m_amc->CalculateTbSize(mcs, nRb * m_res.dlDataSymbols) +
        m_res.flexibleSlots * m_amc->CalculateTbSize(mcs, nRb * m_res.flexDataSymbols);
    return perPattern / m_res.patternSeconds;
}

uint32_t
NrAmcRateModel::GetNUsers() const
{
    return m_cqi.size();
}

double
NrAmcRateModel::Rate(uint32_t user, double bandwidthHz) const
{
    const auto n = std::min<uint32_t>(
        m_res.nRb,
        static_cast<uint32_t>(std::floor(std::max(0.0, bandwidthHz) / m_res.rbWidthHz + 1e-9)));
    return 8 * BytesPerSecond(user, n) * m_efficiency;
}

double
NrAmcRateModel::MinBandwidthForRate(uint32_t user, double rateBps) const
{
    if (rateBps <= 0)
    {
        return 0;
    }
    for (uint32_t n = 1; n <= m_res.nRb; ++n)
    {
        if (8 * BytesPerSecond(user, n) * m_efficiency >= rateBps)
        {
            return n * m_res.rbWidthHz;
        }
    }
    return std::numeric_limits<double>::infinity();
}

bool
NrAmcRateModel::HasRate(uint32_t user) const
{
    return m_cqi.at(user) > 0;
}

std::string
NrAmcRateModel::DescribeNoRate(uint32_t user) const
{
    return "NR wideband CQI 0 (user " + std::to_string(user) + ")";
}

NrUlResources
NrUlResources::Of(double bandwidthHz,
                  uint16_t numerology,
                  const std::string& pattern,
                  uint32_t nUes,
                  double rbOverhead)
{
    const double rbWidthHz = 12 * 15e3 * std::pow(2.0, numerology);
    return FromRbs(static_cast<uint32_t>(bandwidthHz * (1 - rbOverhead) / rbWidthHz),
                   numerology,
                   pattern,
                   nUes);
}

NrUlResources
NrUlResources::FromRbs(uint32_t nRb, uint16_t numerology, const std::string& pattern, uint32_t nUes)
{
    // the same slot parsing as the downlink's (bandwidth of one RB, no overhead)
    const NrDlResources dl =
        NrDlResources::Of(12 * 15e3 * std::pow(2.0, numerology), numerology, pattern, 0);
    NrUlResources r;
    r.nRb = nRb;
    r.rbWidthHz = dl.rbWidthHz;
    r.patternSeconds = dl.patternSeconds;
    r.flexibleSlots = dl.flexibleSlots;
    std::istringstream in(pattern);
    std::string slot;
    while (std::getline(in, slot, '|'))
    {
        r.ulSlots += slot == "UL" ? 1 : 0;
    }
    // NrMacSchedulerSrsDefault: periodicity 80 UL/F slots, one offset per UE
    constexpr double srsPeriodicity = 80;
    r.srsSymbols = std::min(1.0, nUes / srsPeriodicity);
    return r;
}

double
NrUlResources::GetBandwidthHz() const
{
    return nRb * rbWidthHz;
}

namespace
{

/**
 * @param [in] amc an AMC
 * @param [in] mcs an MCS
 * @param [in] nRb RBs of the bandwidth part
 * @param [in] maxSymbols the largest symbol count
 * @return TBS(mcs, nRb x j) in bytes for j = 0 .. maxSymbols
 */
std::vector<double>
TbsBySymbols(Ptr<const NrAmc> amc, uint8_t mcs, uint32_t nRb, uint32_t maxSymbols)
{
    std::vector<double> b(maxSymbols + 1, 0.0);
    for (uint32_t j = 1; j <= maxSymbols; ++j)
    {
        b[j] = amc->CalculateTbSize(mcs, nRb * j);
    }
    return b;
}

/**
 * @param [in] amc 5G-LENA UL AMC
 * @param [in] sinr UL SINR per user
 * @param [in] res UL resources
 * @return b_k(j) of every user (zeros for a user with SINR 0)
 * @throw std::invalid_argument as NrUlAmcRateModel's constructor
 */
std::vector<std::vector<double>>
UlTables(Ptr<const NrAmc> amc, const std::vector<double>& sinr, const NrUlResources& res)
{
    if (!amc)
    {
        throw std::invalid_argument("NrUlAmcRateModel: amc is null");
    }
    if (res.nRb == 0 || res.patternSeconds <= 0 || res.ulSlots + res.flexibleSlots == 0)
    {
        throw std::invalid_argument("NrUlAmcRateModel: resources have no UL RB-slot (nRb " +
                                    std::to_string(res.nRb) + ", UL slots " +
                                    std::to_string(res.ulSlots) + ", F slots " +
                                    std::to_string(res.flexibleSlots) + ")");
    }
    std::vector<std::vector<double>> tables;
    const uint32_t maxSymbols = std::max(res.ulDataSymbols, res.flexDataSymbols);
    for (std::size_t k = 0; k < sinr.size(); ++k)
    {
        if (!(sinr[k] >= 0) || !std::isfinite(sinr[k]))
        {
            throw std::invalid_argument("NrUlAmcRateModel: sinrLinear[" + std::to_string(k) +
                                        "] = " + std::to_string(sinr[k]) +
                                        " (must be finite and >= 0)");
        }
        tables.push_back(sinr[k] > 0
                             ? TbsBySymbols(amc,
                                            NrUlAmcRateModel::McsFromSinr(amc, sinr[k], res.nRb),
                                            res.nRb,
                                            maxSymbols)
                             : std::vector<double>(maxSymbols + 1, 0.0));
    }
    return tables;
}

/**
 * @param [in] amc 5G-LENA DL AMC
 * @param [in] cqi CQI per user
 * @param [in] res DL resources
 * @return b_k(j) of every user (zeros for a user with CQI 0)
 * @throw std::invalid_argument as NrDlSymbolRateModel's constructor
 */
std::vector<std::vector<double>>
DlTables(Ptr<const NrAmc> amc, const std::vector<uint8_t>& cqi, const NrDlResources& res)
{
    if (!amc)
    {
        throw std::invalid_argument("NrDlSymbolRateModel: amc is null");
    }
    if (res.nRb == 0 || res.patternSeconds <= 0 || res.dlSlots + res.flexibleSlots == 0)
    {
        throw std::invalid_argument("NrDlSymbolRateModel: resources have no DL RB-slot (nRb " +
                                    std::to_string(res.nRb) + ", DL slots " +
                                    std::to_string(res.dlSlots) + ", F slots " +
                                    std::to_string(res.flexibleSlots) + ")");
    }
    std::vector<std::vector<double>> tables;
    const uint32_t maxSymbols = std::max(res.dlDataSymbols, res.flexDataSymbols);
    for (std::size_t k = 0; k < cqi.size(); ++k)
    {
        if (cqi[k] > 15)
        {
            throw std::invalid_argument("NrDlSymbolRateModel: cqi[" + std::to_string(k) +
                                        "] = " + std::to_string(cqi[k]) + " (must be 0..15)");
        }
        tables.push_back(cqi[k] > 0
                             ? TbsBySymbols(amc, amc->GetMcsFromCqi(cqi[k]), res.nRb, maxSymbols)
                             : std::vector<double>(maxSymbols + 1, 0.0));
    }
    return tables;
}

} // namespace

NrUlAmcRateModel::NrUlAmcRateModel(Ptr<const NrAmc> amc,
                                   const std::vector<double>& sinrLinear,
                                   const NrUlResources& resources,
                                   double efficiency)
    : SymbolShareRateModel(
          UlTables(amc, sinrLinear, resources),
          {{static_cast<double>(resources.ulSlots), resources.ulDataSymbols - resources.srsSymbols},
           {static_cast<double>(resources.flexibleSlots),
            resources.flexDataSymbols - resources.srsSymbols}},
          resources.patternSeconds,
          resources.GetBandwidthHz(),
          efficiency)
    , m_res(resources)
{
    for (double sinr : sinrLinear)
    {
        m_mcs.push_back(McsFromSinr(amc, sinr, m_res.nRb));
    }
}

uint8_t
NrUlAmcRateModel::McsFromSinr(Ptr<const NrAmc> amc, double sinrLinear, uint32_t nRb)
{
    Ptr<const SpectrumModel> sm = NrSpectrumValueHelper::GetSpectrumModel(nRb, 3.5e9, 30e3);
    SpectrumValue sinr(sm);
    sinr = std::max(sinrLinear, 0.0);
    uint8_t mcs = 0;
    amc->CreateCqiFeedbackWbTdma(sinr, mcs);
    return mcs;
}

const std::vector<uint8_t>&
NrUlAmcRateModel::GetMcs() const
{
    return m_mcs;
}

const NrUlResources&
NrUlAmcRateModel::GetResources() const
{
    return m_res;
}

std::string
NrUlAmcRateModel::DescribeNoRate(uint32_t user) const
{
    return "NR uplink SINR 0 (user " + std::to_string(user) + ")";
}

NrDlSymbolRateModel::NrDlSymbolRateModel(Ptr<const NrAmc> amc,
                                         const std::vector<uint8_t>& cqi,
                                         const NrDlResources& resources,
                                         double efficiency)
    : SymbolShareRateModel(
          DlTables(amc, cqi, resources),
          {{static_cast<double>(resources.dlSlots), static_cast<double>(resources.dlDataSymbols)},
           {static_cast<double>(resources.flexibleSlots),
            std::max(0.0, resources.flexDataSymbols - resources.flexUlSymbols)}},
          resources.patternSeconds,
          resources.nRb * resources.rbWidthHz,
          efficiency)
    , m_cqi(cqi)
{
    for (uint8_t c : m_cqi)
    {
        m_mcs.push_back(amc->GetMcsFromCqi(c));
    }
}

const std::vector<uint8_t>&
NrDlSymbolRateModel::GetCqi() const
{
    return m_cqi;
}

const std::vector<uint8_t>&
NrDlSymbolRateModel::GetMcs() const
{
    return m_mcs;
}

std::string
NrDlSymbolRateModel::DescribeNoRate(uint32_t user) const
{
    return "NR wideband CQI 0 (user " + std::to_string(user) + ")";
}

} // namespace edgeinference
} // namespace ns3
