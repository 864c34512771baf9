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

NrUlAmcRateModel::NrUlAmcRateModel(Ptr<const NrAmc> amc,
                                   const std::vector<double>& sinrLinear,
                                   const NrUlResources& resources,
                                   double efficiency)
    : m_amc(amc)
    , m_sinr(sinrLinear)
    , m_res(resources)
    , m_efficiency(efficiency)
{
    if (!m_amc)
    {
        throw std::invalid_argument("NrUlAmcRateModel: amc is null");
    }
    if (m_res.nRb == 0 || m_res.patternSeconds <= 0 || m_res.ulSlots + m_res.flexibleSlots == 0)
    {
        throw std::invalid_argument("NrUlAmcRateModel: resources have no UL RB-slot (nRb " +
                                    std::to_string(m_res.nRb) + ", UL slots " +
                                    std::to_string(m_res.ulSlots) + ", F slots " +
                                    std::to_string(m_res.flexibleSlots) + ")");
    }
    if (!(efficiency > 0 && efficiency <= 1))
    {
        throw std::invalid_argument("NrUlAmcRateModel: efficiency = " + std::to_string(efficiency) +
                                    " (must be in (0, 1])");
    }
    for (std::size_t k = 0; k < m_sinr.size(); ++k)
    {
        if (!(m_sinr[k] >= 0) || !std::isfinite(m_sinr[k]))
        {
            throw std::invalid_argument("NrUlAmcRateModel: sinrLinear[" + std::to_string(k) +
                                        "] = " + std::to_string(m_sinr[k]) +
                                        " (must be finite and >= 0)");
        }
        m_mcs.push_back(McsFromSinr(m_amc, m_sinr[k], m_res.nRb));
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

double
NrUlAmcRateModel::SlotBytes(uint8_t mcs, double x) const
{
    const double lo = std::floor(x + 1e-9);
    const double f = std::max(0.0, x - lo);
    auto tb = [this, mcs](double symbols)
    {
        return symbols <= 0 ? 0.0
                            : static_cast<double>(m_amc->CalculateTbSize(
                                  mcs, m_res.nRb * static_cast<uint32_t>(symbols)));
    };
    return (1 - f) * tb(lo) + (f > 1e-9 ? f * tb(lo + 1) : 0.0);
}

double
NrUlAmcRateModel::BytesPerSecond(uint32_t user, double share) const
{
    if (share <= 0 || m_sinr.at(user) <= 0)
    {
        return 0;
    }
    share = std::min(share, 1.0);
    const uint8_t mcs = m_mcs.at(user);
    const double perPattern =
        m_res.ulSlots * SlotBytes(mcs, share * (m_res.ulDataSymbols - m_res.srsSymbols)) +
        m_res.flexibleSlots * SlotBytes(mcs, share * (m_res.flexDataSymbols - m_res.srsSymbols));
    return perPattern / m_res.patternSeconds;
}

uint32_t
NrUlAmcRateModel::GetNUsers() const
{
    return m_sinr.size();
}

double
NrUlAmcRateModel::Rate(uint32_t user, double bandwidthHz) const
{
    return 8 * BytesPerSecond(user, std::max(0.0, bandwidthHz) / m_res.GetBandwidthHz()) *
           m_efficiency;
}

double
NrUlAmcRateModel::MinBandwidthForRate(uint32_t user, double rateBps) const
{
    if (rateBps <= 0)
    {
        return 0;
    }
    const double w = m_res.GetBandwidthHz();
    if (Rate(user, w) < rateBps)
    {
        return std::numeric_limits<double>::infinity();
    }
    double lo = 0;
    double hi = w;
    for (int i = 0; i < 60 && hi - lo > 1e-6; ++i)
    {
        const double mid = 0.5 * (lo + hi);
        (Rate(user, mid) >= rateBps ? hi : lo) = mid;
    }
    return hi;
}

bool
NrUlAmcRateModel::HasRate(uint32_t user) const
{
    return m_sinr.at(user) > 0;
}

std::string
NrUlAmcRateModel::DescribeNoRate(uint32_t user) const
{
    return "NR uplink SINR 0 (user " + std::to_string(user) + ")";
}

} // namespace edgeinference
} // namespace ns3
