/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ue-share-table.h"

#include <cmath>
#include <sstream>
#include <utility>

namespace ns3
{
namespace edgeinference
{

namespace
{

/**
 * @brief Sum of the values of a map.
 * @param [in] m the map
 * @return the sum
 */
template<typename K>
double
SumOf(const std::map<K, double>& m)
{
    double s = 0;
    for (const auto& kv : m)
    {
        s += kv.second;
    }
    return s;
}

} // namespace

UeShareTable::UeShareTable(std::string label)
    : m_label(std::move(label))
{
}

std::string
UeShareTable::CheckValue(const std::string& who, double share) const
{
    if (std::isfinite(share) && share >= 0 && share <= 1)
    {
        return "";
    }
    std::ostringstream os;
    os << m_label << " share of " << who << " is " << share << " (must be in [0, 1])";
    return os.str();
}

std::string
UeShareTable::CheckSum(const std::map<uint16_t, double>& byRnti,
                       const std::map<uint64_t, double>& byImsi) const
{
    const double sum = SumOf(byRnti) + SumOf(byImsi);
    if (sum <= 1 + SUM_TOLERANCE)
    {
        return "";
    }
    std::ostringstream os;
    os << m_label << " shares sum to " << sum << " (must be <= 1):";
    for (const auto& kv : byRnti)
    {
        os << " RNTI " << kv.first << " = " << kv.second << ";";
    }
    for (const auto& kv : byImsi)
    {
        os << " IMSI " << kv.first << " = " << kv.second << ";";
    }
    return os.str();
}

std::string
UeShareTable::CheckRnti(uint16_t rnti, double share) const
{
    std::string msg = CheckValue("RNTI " + std::to_string(rnti), share);
    if (msg.empty())
    {
        std::map<uint16_t, double> byRnti = m_byRnti;
        byRnti[rnti] = share;
        msg = CheckSum(byRnti, m_byImsi);
    }
    return msg;
}

std::string
UeShareTable::CheckImsi(uint64_t imsi, double share) const
{
    std::string msg = CheckValue("IMSI " + std::to_string(imsi), share);
    if (msg.empty())
    {
        std::map<uint64_t, double> byImsi = m_byImsi;
        byImsi[imsi] = share;
        msg = CheckSum(m_byRnti, byImsi);
    }
    return msg;
}

std::string
UeShareTable::CheckReplace(const std::map<uint16_t, double>& shareByRnti) const
{
    for (const auto& kv : shareByRnti)
    {
        std::string msg = CheckValue("RNTI " + std::to_string(kv.first), kv.second);
        if (!msg.empty())
        {
            return msg;
        }
    }
    return CheckSum(shareByRnti, {});
}

void
UeShareTable::SetRnti(uint16_t rnti, double share)
{
    m_byRnti[rnti] = share;
}

void
UeShareTable::SetImsi(uint64_t imsi, double share)
{
    m_byImsi[imsi] = share;
}

void
UeShareTable::Replace(const std::map<uint16_t, double>& shareByRnti)
{
    m_byRnti = shareByRnti;
    m_byImsi.clear();
}

void
UeShareTable::EraseRnti(uint16_t rnti)
{
    m_byRnti.erase(rnti);
}

void
UeShareTable::Clear()
{
    m_byRnti.clear();
    m_byImsi.clear();
}

bool
UeShareTable::IsEmpty() const
{
    return m_byRnti.empty() && m_byImsi.empty();
}

double
UeShareTable::Sum(const std::map<uint16_t, double>& shareByRnti)
{
    return SumOf(shareByRnti);
}

std::map<uint16_t, double>
UeShareTable::Effective(const EnbUeView& view, double* rawSum) const
{
    std::map<uint16_t, double> eff = m_byRnti;
    for (const auto& kv : m_byImsi)
    {
        auto it = view.GetRntiOfImsi().find(kv.first);
        if (it != view.GetRntiOfImsi().end())
        {
            eff[it->second] = kv.second;
        }
    }
    const double sum = SumOf(eff);
    if (rawSum)
    {
        *rawSum = sum;
    }
    if (sum > 1 + SUM_TOLERANCE)
    {
        for (auto& kv : eff)
        {
            kv.second /= sum;
        }
    }
    return eff;
}

} // namespace edgeinference
} // namespace ns3
