/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-amc-rate-model.h"

#include "bandwidth-share-ffr-algorithm.h"

#include "ns3/lte-amc.h"
#include "ns3/lte-harq-phy.h"
#include "ns3/lte-mi-error-model.h"
#include "ns3/lte-spectrum-value-helper.h"
#include "ns3/ptr.h"
#include "ns3/spectrum-value.h"

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

/**
 * Effective code rate per MCS with which ns-3.37's LteSpectrumPhy sizes the code bits of a
 * failed block in the HARQ history (EffectiveCodingRate[] of src/lte/model/lte-spectrum-phy.cc,
 * a file-local table there, copied verbatim).
 */
constexpr double HARQ_EFFECTIVE_CODING_RATE[29] = {
    0.08, 0.1, 0.11, 0.15, 0.19, 0.24, 0.3, 0.37, 0.44, 0.51, 0.3, 0.33, 0.37, 0.42, 0.48,
    0.54, 0.6, 0.43, 0.45, 0.5,  0.55, 0.6, 0.65, 0.7,  0.75, 0.8, 0.85, 0.89, 0.92};

/// Retransmissions ns-3.37's PF scheduler and LteHarqPhy allow per downlink block.
constexpr uint32_t MAX_DL_RETX = 3;

/// Cell bandwidths ns-3's LTE model accepts, RB.
constexpr uint32_t MAX_DL_RB = 110;

/**
 * @brief p1 and E of one block, as LteSpectrumPhy::EndRxData evaluates its transmissions.
 * @param [in] sinr per-RB SINR of the cell's band (linear)
 * @param [in] nRb RBs of the block (the first nRb of the band; the SINR is flat)
 * @param [in] tbsBits TBS, bits
 * @param [in] mcs MCS 0..28
 * @return p1 and E
 */
LteAmcRateModel::HarqCost
HarqCostOfBlock(const SpectrumValue& sinr, uint32_t nRb, uint32_t tbsBits, int mcs)
{
    std::vector<int> map(nRb);
    for (uint32_t i = 0; i < nRb; ++i)
    {
        map[i] = static_cast<int>(i);
    }
    // PF's DCI: m_tbsSize = TBS / 8 bytes, the size the PHY gives the error model
    const auto size = static_cast<uint16_t>(tbsBits / 8);
    HarqProcessInfoList_t history;
    LteAmcRateModel::HarqCost cost;
    double pAll = 1; // probability that every transmission so far failed
    for (uint32_t tx = 0; tx <= MAX_DL_RETX; ++tx)
    {
        const TbStats_t stats = LteMiErrorModel::GetTbDecodificationStats(
            sinr, map, size, static_cast<uint8_t>(mcs), history);
        if (tx == 0)
        {
            cost.firstTxBler = stats.tbler;
        }
        if (tx < MAX_DL_RETX)
        {
            pAll *= stats.tbler;
            cost.expectedTransmissions += pAll;
        }
        // LteSpectrumPhy on a NACK: UpdateDlHarqProcessStatus(id, layer, mi, size,
        // size / EffectiveCodingRate[mcs]), both byte counts times 8 in 16-bit fields
        HarqProcessInfoElement_t el;
        el.m_mi = stats.mi;
        el.m_rv = 0;
        const auto codeBytes = static_cast<uint16_t>(size / HARQ_EFFECTIVE_CODING_RATE[mcs]);
        el.m_infoBits = static_cast<uint16_t>(size * 8);
        el.m_codeBits = static_cast<uint16_t>(codeBytes * 8);
        history.push_back(el);
    }
    return cost;
}

} // namespace

LteAmcRateModel::HarqCost
LteAmcRateModel::ComputeHarqCost(double sinrLinear, int mcs, uint32_t nRb, uint32_t dlBandwidthRb)
{
    std::ostringstream oss;
    if (!std::isfinite(sinrLinear) || !(sinrLinear >= 0))
    {
        oss << "LteAmcRateModel::ComputeHarqCost: sinrLinear = " << sinrLinear
            << " (expected finite and >= 0)";
    }
    else if (mcs < 0 || mcs > 28)
    {
        oss << "LteAmcRateModel::ComputeHarqCost: mcs = " << mcs << " (expected 0..28)";
    }
    else if (dlBandwidthRb < 1 || dlBandwidthRb > MAX_DL_RB)
    {
        oss << "LteAmcRateModel::ComputeHarqCost: dlBandwidthRb = " << dlBandwidthRb
            << " (expected 1.." << MAX_DL_RB << ")";
    }
    else if (nRb < 1 || nRb > dlBandwidthRb)
    {
        oss << "LteAmcRateModel::ComputeHarqCost: nRb = " << nRb << " (expected 1.."
            << dlBandwidthRb << ")";
    }
    if (!oss.str().empty())
    {
        throw std::invalid_argument(oss.str());
    }
    Ptr<LteAmc> amc = CreateObject<LteAmc>();
    SpectrumValue sinr(LteSpectrumValueHelper::GetSpectrumModel(100, dlBandwidthRb));
    sinr = sinrLinear;
    return HarqCostOfBlock(
        sinr, nRb, static_cast<uint32_t>(amc->GetDlTbSizeFromMcs(mcs, nRb)), mcs);
}

LteAmcRateModel::LteAmcRateModel(std::vector<int> cqi,
                                 uint32_t dlBandwidthRb,
                                 std::vector<double> blerSinr)
    : LteAmcRateModel(std::move(cqi), dlBandwidthRb)
{
    if (blerSinr.size() != m_cqi.size())
    {
        std::ostringstream oss;
        oss << "LteAmcRateModel: blerSinr has " << blerSinr.size() << " entries for "
            << m_cqi.size() << " users";
        throw std::invalid_argument(oss.str());
    }
    for (size_t k = 0; k < blerSinr.size(); ++k)
    {
        if (!std::isfinite(blerSinr[k]))
        {
            std::ostringstream oss;
            oss << "LteAmcRateModel: blerSinr[" << k << "] = " << blerSinr[k]
                << " (expected finite; negative for no report)";
            throw std::invalid_argument(oss.str());
        }
    }
    m_blerSinr = std::move(blerSinr);
    m_blerAware = true;
    ComputeBlerTerm();
}

void
LteAmcRateModel::ComputeBlerTerm()
{
    SpectrumValue sinr(LteSpectrumValueHelper::GetSpectrumModel(100, m_nRb));
    for (size_t k = 0; k < m_cqi.size(); ++k)
    {
        if (m_mcs[k] < 0 || m_blerSinr[k] < 0)
        {
            continue; // no rate, or no SINR: no BLER term
        }
        sinr = m_blerSinr[k];
        double previous = 0; // G(0)
        for (uint32_t n = 1; n <= m_nRbgs; ++n)
        {
            const HarqCost c = HarqCostOfBlock(sinr, n * m_rbgSize, m_tbs[k][n], m_mcs[k]);
            m_p1[k][n] = c.firstTxBler;
            m_tx[k][n] = c.expectedTransmissions;
            // keep the goodput non-decreasing in n (the rate model's contract)
            if (m_tbs[k][n] / m_tx[k][n] < previous)
            {
                m_tx[k][n] = m_tbs[k][n] / previous;
            }
            previous = m_tbs[k][n] / m_tx[k][n];
        }
    }
}

LteAmcRateModel::LteAmcRateModel(std::vector<int> cqi, uint32_t dlBandwidthRb)
    : m_cqi(std::move(cqi))
    , m_nRb(dlBandwidthRb)
    , m_rbgSize(BandwidthShareFfrAlgorithm::RbgSizeFromRbs(dlBandwidthRb))
    , m_nRbgs(BandwidthShareFfrAlgorithm::SchedulableRbgs(dlBandwidthRb))
{
    Ptr<LteAmc> amc = CreateObject<LteAmc>();
    m_mcs.assign(m_cqi.size(), -1);
    m_tbs.assign(m_cqi.size(), std::vector<uint32_t>(m_nRbgs + 1, 0));
    m_blerSinr.assign(m_cqi.size(), -1.0);
    m_p1.assign(m_cqi.size(), std::vector<double>(m_nRbgs + 1, 0.0));
    m_tx.assign(m_cqi.size(), std::vector<double>(m_nRbgs + 1, 1.0));
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

void
LteAmcRateModel::CheckRbgs(uint32_t nRbgs) const
{
    if (nRbgs > m_nRbgs)
    {
        std::ostringstream oss;
        oss << "LteAmcRateModel: nRbgs = " << nRbgs << " above the " << m_nRbgs
            << " schedulable RBGs";
        throw std::invalid_argument(oss.str());
    }
}

uint32_t
LteAmcRateModel::GetTbsBits(uint32_t user, uint32_t nRbgs) const
{
    CheckUser(user);
    CheckRbgs(nRbgs);
    return m_tbs[user][nRbgs];
}

bool
LteAmcRateModel::IsBlerAware() const
{
    return m_blerAware;
}

double
LteAmcRateModel::GetBlerSinr(uint32_t user) const
{
    CheckUser(user);
    return m_blerSinr[user];
}

double
LteAmcRateModel::GetFirstTxBler(uint32_t user, uint32_t nRbgs) const
{
    CheckUser(user);
    CheckRbgs(nRbgs);
    return m_p1[user][nRbgs];
}

double
LteAmcRateModel::GetExpectedTransmissions(uint32_t user, uint32_t nRbgs) const
{
    CheckUser(user);
    CheckRbgs(nRbgs);
    return m_tx[user][nRbgs];
}

double
LteAmcRateModel::Goodput(uint32_t user, uint32_t n) const
{
    return m_tbs[user][n] / m_tx[user][n];
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
        return Goodput(user, m_nRbgs) / TTI_S; // TBS(N) / 1 without BLER term: exact
    }
    const double frac = x - lo;
    if (m_blerAware)
    {
        // a retransmission takes one of the UE's TTIs, whatever its RBG count
        const double bits = (1 - frac) * m_tbs[user][lo] + frac * m_tbs[user][lo + 1];
        const double tx = (1 - frac) * m_tx[user][lo] + frac * m_tx[user][lo + 1];
        return bits / tx / TTI_S;
    }
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
    if (m_blerAware)
    {
        if (m_mcs[user] < 0 || bitsPerTti > Goodput(user, m_nRbgs))
        {
            return std::numeric_limits<double>::infinity();
        }
        // smallest n with G(n) >= bits (G non-decreasing; a relative 1e-12 so that a flat
        // segment, where the guard of ComputeBlerTerm() acted, ends at its left end); on
        // [n - 1, n] the rate is (A + f (B - A)) / (a + f (b - a)), monotone in f: solve it
        uint32_t n = 1;
        while (Goodput(user, n) < bitsPerTti * (1 - 1e-12))
        {
            ++n;
        }
        const double bitsA = m_tbs[user][n - 1];
        const double bitsB = m_tbs[user][n];
        const double txA = m_tx[user][n - 1];
        const double txB = m_tx[user][n];
        // denominator > 0: B >= bits b (G(n) >= bits) and A < bits a (G(n - 1) < bits)
        const double f = (bitsPerTti * txA - bitsA) / ((bitsB - bitsA) - bitsPerTti * (txB - txA));
        return ((n - 1) + std::min(1.0, std::max(0.0, f))) * GetRbgBandwidthHz();
    }
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
    if (!m_blerAware || m_mcs[b] < 0 || m_mcs[a] < m_mcs[b])
    {
        return m_mcs[a] >= m_mcs[b];
    }
    // sufficient: a's TBS at least b's and a's E at most b's at every RBG count, so the
    // numerator of the rate is larger and its denominator smaller at every bandwidth
    for (uint32_t n = 1; n <= m_nRbgs; ++n)
    {
        if (m_tx[a][n] > m_tx[b][n])
        {
            return false;
        }
    }
    return true;
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
