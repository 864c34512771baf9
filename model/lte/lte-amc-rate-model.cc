/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-amc-rate-model.h"

#include "bandwidth-share-ffr-algorithm.h"

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

namespace
{

/**
 * @brief Throw std::invalid_argument for a user index out of range.
 * @param [in] who class name
 * @param [in] user the index
 * @param [in] n number of users
 */
void
RequireUser(const char* who, uint32_t user, size_t n)
{
    if (user >= n)
    {
        std::ostringstream oss;
        oss << who << ": user " << user << " out of range (" << n << " users)";
        throw std::invalid_argument(oss.str());
    }
}

} // namespace

LteAmcRateModel::LteAmcRateModel(std::vector<int> cqi, uint32_t dlBandwidthRb)
    : m_cqi(std::move(cqi))
    , m_nRb(dlBandwidthRb)
    , m_rbgSize(BandwidthShareFfrAlgorithm::RbgSizeFromRbs(dlBandwidthRb))
    , m_nRbgs(BandwidthShareFfrAlgorithm::SchedulableRbgs(dlBandwidthRb))
{
    Ptr<LteAmc> amc = CreateObject<LteAmc>();
    m_mcs.assign(m_cqi.size(), -1);
    m_tbs.assign(m_cqi.size(), std::vector<uint32_t>(m_nRbgs + 1, 0));
    for (size_t k = 0; k < m_cqi.size(); ++k)
    {
        if (m_cqi[k] < NO_REPORT || m_cqi[k] > 15)
        {
            std::ostringstream oss;
            oss << "LteAmcRateModel: cqi[" << k << "] = " << m_cqi[k]
                << " (expected 0..15, or -1 for no report)";
            throw std::invalid_argument(oss.str());
        }
        if (m_cqi[k] <= 0)
        {
            continue;
        }
        m_mcs[k] = amc->GetMcsFromCqi(m_cqi[k]);
        for (uint32_t n = 1; n <= m_nRbgs; ++n)
        {
            m_tbs[k][n] = static_cast<uint32_t>(amc->GetDlTbSizeFromMcs(m_mcs[k], n * m_rbgSize));
        }
    }
}

void
LteAmcRateModel::CheckUser(uint32_t user) const
{
    RequireUser("LteAmcRateModel", user, m_cqi.size());
}

uint32_t
LteAmcRateModel::GetDlBandwidthRb() const
{
    return m_nRb;
}

uint32_t
LteAmcRateModel::GetRbgSize() const
{
    return m_rbgSize;
}

uint32_t
LteAmcRateModel::GetNRbgs() const
{
    return m_nRbgs;
}

double
LteAmcRateModel::GetRbgBandwidthHz() const
{
    return m_rbgSize * BandwidthShareFfrAlgorithm::RB_BANDWIDTH_HZ;
}

double
LteAmcRateModel::GetSchedulableBandwidthHz() const
{
    return m_nRbgs * GetRbgBandwidthHz();
}

int
LteAmcRateModel::GetCqi(uint32_t user) const
{
    CheckUser(user);
    return m_cqi[user];
}

int
LteAmcRateModel::GetMcs(uint32_t user) const
{
    CheckUser(user);
    return m_mcs[user];
}

uint32_t
LteAmcRateModel::GetTbsBits(uint32_t user, uint32_t nRbgs) const
{
    CheckUser(user);
    if (nRbgs > m_nRbgs)
    {
        std::ostringstream oss;
        oss << "LteAmcRateModel: nRbgs = " << nRbgs << " above the " << m_nRbgs
            << " schedulable RBGs";
        throw std::invalid_argument(oss.str());
    }
    return m_tbs[user][nRbgs];
}

uint32_t
LteAmcRateModel::GetNUsers() const
{
    return static_cast<uint32_t>(m_cqi.size());
}

double
LteAmcRateModel::Rate(uint32_t user, double bandwidthHz) const
{
    CheckUser(user);
    if (!(bandwidthHz > 0) || m_mcs[user] < 0)
    {
        return 0;
    }
    const double x = std::min<double>(bandwidthHz / GetRbgBandwidthHz(), m_nRbgs);
    const auto lo = static_cast<uint32_t>(std::floor(x));
    if (lo >= m_nRbgs)
    {
        return m_tbs[user][m_nRbgs] / TTI_S;
    }
    const double frac = x - lo;
    return ((1 - frac) * m_tbs[user][lo] + frac * m_tbs[user][lo + 1]) / TTI_S;
}

double
LteAmcRateModel::MinBandwidthForRate(uint32_t user, double rateBps) const
{
    CheckUser(user);
    if (!(rateBps > 0))
    {
        return 0;
    }
    const double bitsPerTti = rateBps * TTI_S;
    if (m_mcs[user] < 0 || bitsPerTti > m_tbs[user][m_nRbgs])
    {
        return std::numeric_limits<double>::infinity();
    }
    // smallest n with TBS(n) >= bits; the rate is linear between n - 1 and n RBGs
    uint32_t n = 1;
    while (m_tbs[user][n] < bitsPerTti)
    {
        ++n;
    }
    const double lo = m_tbs[user][n - 1];
    const double hi = m_tbs[user][n];
    const double x = (n - 1) + (bitsPerTti - lo) / (hi - lo);
    return x * GetRbgBandwidthHz();
}

bool
LteAmcRateModel::HasRate(uint32_t user) const
{
    CheckUser(user);
    return m_mcs[user] >= 0;
}

std::string
LteAmcRateModel::DescribeNoRate(uint32_t user) const
{
    CheckUser(user);
    return m_cqi[user] == NO_REPORT ? "no CQI report received yet"
                                    : "CQI 0 (out of range): no transport block fits";
}

bool
LteAmcRateModel::IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const
{
    CheckUser(a);
    CheckUser(b);
    // the TBS table grows with the MCS at every RBG count; no rate (-1) is the least
    return m_mcs[a] >= m_mcs[b];
}

ShannonSinrRateModel::ShannonSinrRateModel(std::vector<double> sinr, double gap)
    : m_sinr(std::move(sinr))
    , m_gap(gap)
{
    if (!(gap > 0) || !std::isfinite(gap))
    {
        std::ostringstream oss;
        oss << "ShannonSinrRateModel: gap = " << gap << " (expected finite and > 0)";
        throw std::invalid_argument(oss.str());
    }
    m_eta.assign(m_sinr.size(), 0.0);
    for (size_t k = 0; k < m_sinr.size(); ++k)
    {
        if (!std::isfinite(m_sinr[k]))
        {
            std::ostringstream oss;
            oss << "ShannonSinrRateModel: sinr[" << k << "] = " << m_sinr[k]
                << " (expected finite; negative for no report)";
            throw std::invalid_argument(oss.str());
        }
        m_eta[k] = m_sinr[k] > 0 ? std::log2(1 + m_sinr[k] / gap) : 0.0;
    }
}

double
ShannonSinrRateModel::GetSpectralEfficiency(uint32_t user) const
{
    RequireUser("ShannonSinrRateModel", user, m_eta.size());
    return m_eta[user];
}

double
ShannonSinrRateModel::GetSinr(uint32_t user) const
{
    RequireUser("ShannonSinrRateModel", user, m_sinr.size());
    return m_sinr[user];
}

double
ShannonSinrRateModel::GetGap() const
{
    return m_gap;
}

uint32_t
ShannonSinrRateModel::GetNUsers() const
{
    return static_cast<uint32_t>(m_eta.size());
}

double
ShannonSinrRateModel::Rate(uint32_t user, double bandwidthHz) const
{
    RequireUser("ShannonSinrRateModel", user, m_eta.size());
    return bandwidthHz > 0 ? bandwidthHz * m_eta[user] : 0.0;
}

double
ShannonSinrRateModel::MinBandwidthForRate(uint32_t user, double rateBps) const
{
    RequireUser("ShannonSinrRateModel", user, m_eta.size());
    if (!(rateBps > 0))
    {
        return 0;
    }
    return m_eta[user] > 0 ? rateBps / m_eta[user] : std::numeric_limits<double>::infinity();
}

bool
ShannonSinrRateModel::HasRate(uint32_t user) const
{
    RequireUser("ShannonSinrRateModel", user, m_eta.size());
    return m_eta[user] > 0;
}

std::string
ShannonSinrRateModel::DescribeNoRate(uint32_t user) const
{
    RequireUser("ShannonSinrRateModel", user, m_eta.size());
    return m_sinr[user] < 0 ? "no SINR report received yet" : "SINR 0: no rate";
}

bool
ShannonSinrRateModel::IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const
{
    RequireUser("ShannonSinrRateModel", a, m_eta.size());
    RequireUser("ShannonSinrRateModel", b, m_eta.size());
    return m_eta[a] >= m_eta[b];
}

ScaledRateModel::ScaledRateModel(std::shared_ptr<const RateModel> base, double efficiency)
    : m_base(std::move(base))
    , m_efficiency(efficiency)
{
    if (!m_base)
    {
        throw std::invalid_argument("ScaledRateModel: base rate model is null");
    }
    if (!(efficiency > 0 && efficiency <= 1))
    {
        std::ostringstream oss;
        oss << "ScaledRateModel: efficiency = " << efficiency << " (expected in (0, 1])";
        throw std::invalid_argument(oss.str());
    }
}

std::shared_ptr<const RateModel>
ScaledRateModel::GetBase() const
{
    return m_base;
}

double
ScaledRateModel::GetEfficiency() const
{
    return m_efficiency;
}

uint32_t
ScaledRateModel::GetNUsers() const
{
    return m_base->GetNUsers();
}

double
ScaledRateModel::Rate(uint32_t user, double bandwidthHz) const
{
    return m_efficiency * m_base->Rate(user, bandwidthHz);
}

double
ScaledRateModel::MinBandwidthForRate(uint32_t user, double rateBps) const
{
    return m_base->MinBandwidthForRate(user, rateBps / m_efficiency);
}

bool
ScaledRateModel::HasRate(uint32_t user) const
{
    return m_base->HasRate(user);
}

std::string
ScaledRateModel::DescribeNoRate(uint32_t user) const
{
    return m_base->DescribeNoRate(user);
}

bool
ScaledRateModel::IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const
{
    return m_base->IsRateAlwaysAtLeast(a, b);
}

} // namespace edgeinference
} // namespace ns3
