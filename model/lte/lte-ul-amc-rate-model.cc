/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-ul-amc-rate-model.h"

#include "ns3/lte-amc.h"
#include "ns3/ptr.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

LteUlAmcRateModel::LteUlAmcRateModel(std::vector<double> sinr,
                                     uint32_t ulBandwidthRb,
                                     uint32_t minGrantRbs)
    : m_sinr(std::move(sinr))
    , m_nRb(ulBandwidthRb)
    , m_minGrant(minGrantRbs)
{
    if (m_nRb < 6 || m_nRb > 110)
    {
        std::ostringstream oss;
        oss << "LteUlAmcRateModel: ulBandwidthRb = " << m_nRb << " (expected 6..110)";
        throw std::invalid_argument(oss.str());
    }
    if (m_minGrant < 1 || m_minGrant > m_nRb)
    {
        std::ostringstream oss;
        oss << "LteUlAmcRateModel: minGrantRbs = " << m_minGrant << " (expected 1.." << m_nRb
            << ")";
        throw std::invalid_argument(oss.str());
    }
    Ptr<LteAmc> amc = CreateObject<LteAmc>();
    m_cqi.assign(m_sinr.size(), -1);
    m_mcs.assign(m_sinr.size(), -1);
    m_tbs.assign(m_sinr.size(), std::vector<uint32_t>(m_nRb + 1, 0));
    for (size_t k = 0; k < m_sinr.size(); ++k)
    {
        if (!std::isfinite(m_sinr[k]))
        {
            std::ostringstream oss;
            oss << "LteUlAmcRateModel: sinr[" << k << "] = " << m_sinr[k]
                << " (expected finite; negative for no report)";
            throw std::invalid_argument(oss.str());
        }
        if (m_sinr[k] < 0)
        {
            continue;
        }
        m_cqi[k] = CqiFromSinr(m_sinr[k]);
        if (m_cqi[k] == 0)
        {
            continue;
        }
        m_mcs[k] = amc->GetMcsFromCqi(m_cqi[k]);
        for (uint32_t n = 1; n <= m_nRb; ++n)
        {
            m_tbs[k][n] = static_cast<uint32_t>(amc->GetUlTbSizeFromMcs(m_mcs[k], n));
        }
    }
}

int
LteUlAmcRateModel::CqiFromSinr(double sinrLinear)
{
    if (!(sinrLinear >= 0) || !std::isfinite(sinrLinear))
    {
        std::ostringstream oss;
        oss << "LteUlAmcRateModel::CqiFromSinr: sinrLinear = " << sinrLinear
            << " (expected finite and >= 0)";
        throw std::invalid_argument(oss.str());
    }
    // PfFfMacScheduler::DoSchedUlTriggerReq (ns-3.37): the SINR goes through dB and back
    const double sinrDb = 10 * std::log10(sinrLinear);
    const double gamma = -std::log(5.0 * PF_BER) / 1.5;
    const double s = std::log2(1 + std::pow(10, sinrDb / 10) / gamma);
    return CreateObject<LteAmc>()->GetCqiFromSpectralEfficiency(s);
}

void
LteUlAmcRateModel::CheckUser(uint32_t user) const
{
    if (user >= m_sinr.size())
    {
        std::ostringstream oss;
        oss << "LteUlAmcRateModel: user " << user << " out of range (" << m_sinr.size()
            << " users)";
        throw std::invalid_argument(oss.str());
    }
}

uint32_t
LteUlAmcRateModel::GetUlBandwidthRb() const
{
    return m_nRb;
}

uint32_t
LteUlAmcRateModel::GetMinGrantRbs() const
{
    return m_minGrant;
}

double
LteUlAmcRateModel::GetSinr(uint32_t user) const
{
    CheckUser(user);
    return m_sinr[user];
}

int
LteUlAmcRateModel::GetCqi(uint32_t user) const
{
    CheckUser(user);
    return m_cqi[user];
}

int
LteUlAmcRateModel::GetMcs(uint32_t user) const
{
    CheckUser(user);
    return m_mcs[user];
}

uint32_t
LteUlAmcRateModel::GetTbsBits(uint32_t user, uint32_t nRbs) const
{
    CheckUser(user);
    if (nRbs > m_nRb)
    {
        std::ostringstream oss;
        oss << "LteUlAmcRateModel: nRbs = " << nRbs << " above the " << m_nRb << " RBs of the cell";
        throw std::invalid_argument(oss.str());
    }
    return m_tbs[user][nRbs];
}

uint32_t
LteUlAmcRateModel::GetNUsers() const
{
    return static_cast<uint32_t>(m_sinr.size());
}

double
LteUlAmcRateModel::BitsPerTti(uint32_t user, double x) const
{
    const std::vector<uint32_t>& tbs = m_tbs[user];
    if (x <= m_minGrant)
    {
        return x / m_minGrant * tbs[m_minGrant];
    }
    const auto lo = static_cast<uint32_t>(std::floor(x));
    if (lo >= m_nRb)
    {
        return tbs[m_nRb];
    }
    const double frac = x - lo;
    return (1 - frac) * tbs[lo] + frac * tbs[lo + 1];
}

double
LteUlAmcRateModel::Rate(uint32_t user, double bandwidthHz) const
{
    CheckUser(user);
    if (!(bandwidthHz > 0) || m_mcs[user] < 0)
    {
        return 0;
    }
    const double x = std::min<double>(bandwidthHz / RB_HZ, m_nRb);
    return BitsPerTti(user, x) / TTI_S;
}

double
LteUlAmcRateModel::MinBandwidthForRate(uint32_t user, double rateBps) const
{
    CheckUser(user);
    if (!(rateBps > 0))
    {
        return 0;
    }
    const std::vector<uint32_t>& tbs = m_tbs[user];
    const double bits = rateBps * TTI_S;
    if (m_mcs[user] < 0 || bits > tbs[m_nRb])
    {
        return std::numeric_limits<double>::infinity();
    }
    if (bits <= tbs[m_minGrant])
    {
        return m_minGrant * bits / tbs[m_minGrant] * RB_HZ;
    }
    // smallest n > m with TBS(n) >= bits; the rate is linear between n - 1 and n RBs
    uint32_t n = m_minGrant + 1;
    while (tbs[n] < bits)
    {
        ++n;
    }
    const double lo = tbs[n - 1];
    const double hi = tbs[n];
    const double x = (n - 1) + (hi > lo ? (bits - lo) / (hi - lo) : 1.0);
    return x * RB_HZ;
}

bool
LteUlAmcRateModel::HasRate(uint32_t user) const
{
    CheckUser(user);
    return m_mcs[user] >= 0;
}

std::string
LteUlAmcRateModel::DescribeNoRate(uint32_t user) const
{
    CheckUser(user);
    return m_cqi[user] < 0 ? "no uplink SINR (SRS) report received yet"
                           : "uplink CQI 0 (SINR too low): PF grants no RB";
}

bool
LteUlAmcRateModel::IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const
{
    CheckUser(a);
    CheckUser(b);
    return m_mcs[a] >= m_mcs[b];
}

} // namespace edgeinference
} // namespace ns3
