/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collaborative-reassembler.h"

#include "ns3/log.h"

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("CollaborativeReassembler");

bool
CollaborativeReassembler::Add(const CollaborativeInferenceHeader& header, Time now)
{
    if (header.GetSegments() <= 1)
    {
        return true;
    }
    const Key key{static_cast<uint8_t>(header.GetType()),
                  header.GetOriginAddress().Get(),
                  header.GetTaskId(),
                  header.GetStage()};
    auto it = m_pending.find(key);
    if (it == m_pending.end())
    {
        Entry e;
        e.first = now;
        e.seen.assign(header.GetSegments(), false);
        it = m_pending.emplace(key, e).first;
    }
    const uint16_t index = header.GetSegment();
    if (index >= it->second.seen.size() || it->second.seen[index])
    {
        NS_LOG_LOGIC("segment " << index << " of task " << header.GetTaskId()
                                << " ignored (duplicate or out of range)");
        return false;
    }
    it->second.seen[index] = true;
    if (++it->second.received >= it->second.seen.size())
    {
        m_pending.erase(it);
        return true;
    }
    return false;
}

uint32_t
CollaborativeReassembler::Purge(Time now, Time timeout)
{
    uint32_t dropped = 0;
    for (auto it = m_pending.begin(); it != m_pending.end();)
    {
        if (it->second.first + timeout < now)
        {
            it = m_pending.erase(it);
            ++dropped;
        }
        else
        {
            ++it;
        }
    }
    return dropped;
}

uint32_t
CollaborativeReassembler::GetPending() const
{
    return static_cast<uint32_t>(m_pending.size());
}

} // namespace edgeinference
} // namespace ns3
