/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "airtime-ledger.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("AirtimeLedger");

void
AirtimeLedger::Add(uint64_t key, uint64_t bytes)
{
    if (bytes == 0)
    {
        return;
    }
    if (!m_fifo.empty() && m_fifo.back().key == key && m_fifo.back().isKnown)
    {
        m_fifo.back().bytes += bytes;
        return;
    }
    m_fifo.push_back({key, bytes, true});
}

void
AirtimeLedger::AddUnattributed(uint64_t bytes)
{
    if (bytes == 0)
    {
        return;
    }
    if (!m_fifo.empty() && !m_fifo.back().isKnown)
    {
        m_fifo.back().bytes += bytes;
        return;
    }
    m_fifo.push_back({0, bytes, false});
}

std::vector<AirtimeLedger::Charge>
AirtimeLedger::Consume(uint64_t bytes, double energyJ, double airtimeS)
{
    std::vector<Charge> charges;
    if (bytes == 0)
    {
        return charges;
    }
    const uint64_t total = bytes;
    while (bytes > 0 && !m_fifo.empty())
    {
        Entry& e = m_fifo.front();
        const uint64_t take = std::min(bytes, e.bytes);
        e.bytes -= take;
        bytes -= take;
        if (e.isKnown)
        {
            const double share = static_cast<double>(take) / static_cast<double>(total);
            charges.push_back({e.key, energyJ * share, airtimeS * share, e.bytes == 0});
        }
        if (e.bytes == 0)
        {
            m_fifo.pop_front();
        }
    }
    // bytes beyond the FIFO belong to SDUs nobody booked: their share is not charged
    return charges;
}

void
AirtimeLedger::Forget(uint64_t key)
{
    for (auto& e : m_fifo)
    {
        if (e.key == key)
        {
            e.isKnown = false;
        }
    }
}

uint64_t
AirtimeLedger::GetPendingBytes() const
{
    uint64_t sum = 0;
    for (const auto& e : m_fifo)
    {
        sum += e.bytes;
    }
    return sum;
}

} // namespace edgeinference
} // namespace ns3
