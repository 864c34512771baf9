/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "symbol-share-rate-model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

namespace
{

/**
 * @param [in] v a number
 * @return its text
 */
std::string
Text(double v)
{
    return std::to_string(v);
}

} // namespace

SymbolShareRateModel::SymbolShareRateModel(std::vector<std::vector<double>> bytesBySymbols,
                                           std::vector<SymbolSlotClass> slots,
                                           double patternSeconds,
                                           double bandwidthHz,
                                           double efficiency)
    : m_bytes(std::move(bytesBySymbols))
    , m_slots(std::move(slots))
    , m_patternSeconds(patternSeconds)
    , m_bandwidthHz(bandwidthHz)
    , m_efficiency(efficiency)
{
    const std::string what = "SymbolShareRateModel: ";
    if (!(patternSeconds > 0) || !std::isfinite(patternSeconds))
    {
        throw std::invalid_argument(what + "patternSeconds = " + Text(patternSeconds) +
                                    " (must be > 0)");
    }
    if (!(bandwidthHz > 0) || !std::isfinite(bandwidthHz))
    {
        throw std::invalid_argument(what + "bandwidthHz = " + Text(bandwidthHz) + " (must be > 0)");
    }
    if (!(efficiency > 0 && efficiency <= 1))
    {
        throw std::invalid_argument(what + "efficiency = " + Text(efficiency) +
                                    " (must be in (0, 1])");
    }
    double maxSymbols = 0;
    for (std::size_t c = 0; c < m_slots.size(); ++c)
    {
        const SymbolSlotClass& s = m_slots[c];
        if (!(s.perPattern >= 0) || !(s.dataSymbols >= 0) || !std::isfinite(s.perPattern) ||
            !std::isfinite(s.dataSymbols))
        {
            throw std::invalid_argument(what + "slots[" + std::to_string(c) + "] = (" +
                                        Text(s.perPattern) + " per pattern, " +
                                        Text(s.dataSymbols) +
                                        " data symbols) (both must be finite and >= 0)");
        }
        maxSymbols = std::max(maxSymbols, std::ceil(s.dataSymbols - 1e-9));
    }
    for (std::size_t k = 0; k < m_bytes.size(); ++k)
    {
        const std::vector<double>& b = m_bytes[k];
        const std::string field = "bytesBySymbols[" + std::to_string(k) + "]";
        if (b.size() < maxSymbols + 1)
        {
            throw std::invalid_argument(what + field + " has " + std::to_string(b.size()) +
                                        " entries (needs symbols 0.." + Text(maxSymbols) + ")");
        }
        if (b[0] != 0)
        {
            throw std::invalid_argument(what + field + "[0] = " + Text(b[0]) + " (must be 0)");
        }
        for (std::size_t j = 1; j < b.size(); ++j)
        {
            if (!(b[j] >= b[j - 1]) || !std::isfinite(b[j]))
            {
                throw std::invalid_argument(what + field + "[" + std::to_string(j) +
                                            "] = " + Text(b[j]) +
                                            " (must be finite and >= the entry before)");
            }
        }
    }
}

double
SymbolShareRateModel::SlotBytes(uint32_t user, double x) const
{
    const std::vector<double>& b = m_bytes.at(user);
    const double lo = std::floor(x + 1e-9);
    const double f = std::max(0.0, x - lo);
    const auto j = static_cast<std::size_t>(std::min<double>(lo, b.size() - 1));
    const double hi = b[std::min(j + 1, b.size() - 1)];
    return (1 - f) * b[j] + (f > 1e-9 ? f * hi : 0.0);
}

double
SymbolShareRateModel::BytesPerSecond(uint32_t user, double share) const
{
    if (share <= 0)
    {
        return 0;
    }
    share = std::min(share, 1.0);
    double perPattern = 0;
    for (const SymbolSlotClass& c : m_slots)
    {
        perPattern += c.perPattern * SlotBytes(user, share * c.dataSymbols);
    }
    return perPattern / m_patternSeconds;
}

const std::vector<std::vector<double>>&
SymbolShareRateModel::GetBytesBySymbols() const
{
    return m_bytes;
}

const std::vector<SymbolSlotClass>&
SymbolShareRateModel::GetSlots() const
{
    return m_slots;
}

double
SymbolShareRateModel::GetPatternSeconds() const
{
    return m_patternSeconds;
}

double
SymbolShareRateModel::GetBandwidthHz() const
{
    return m_bandwidthHz;
}

double
SymbolShareRateModel::GetEfficiency() const
{
    return m_efficiency;
}

uint32_t
SymbolShareRateModel::GetNUsers() const
{
    return static_cast<uint32_t>(m_bytes.size());
}

double
SymbolShareRateModel::Rate(uint32_t user, double bandwidthHz) const
{
    return 8 * BytesPerSecond(user, std::max(0.0, bandwidthHz) / m_bandwidthHz) * m_efficiency;
}

double
SymbolShareRateModel::MinBandwidthForRate(uint32_t user, double rateBps) const
{
    if (rateBps <= 0)
    {
        return 0;
    }
    if (Rate(user, m_bandwidthHz) < rateBps)
    {
        return std::numeric_limits<double>::infinity();
    }
    double lo = 0;
    double hi = m_bandwidthHz;
    for (int i = 0; i < 60 && hi - lo > 1e-6; ++i)
    {
        const double mid = 0.5 * (lo + hi);
        (Rate(user, mid) >= rateBps ? hi : lo) = mid;
    }
    return hi;
}

bool
SymbolShareRateModel::HasRate(uint32_t user) const
{
    return Rate(user, m_bandwidthHz) > 0;
}

std::string
SymbolShareRateModel::DescribeNoRate(uint32_t user) const
{
    return "no bytes in a slot at any symbol share (user " + std::to_string(user) + ")";
}

} // namespace edgeinference
} // namespace ns3
