/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef COLLABORATIVE_REASSEMBLER_H
#define COLLABORATIVE_REASSEMBLER_H

#include "collaborative-inference-header.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-dto-ee
 * @brief Reassembly of the segmented messages of the collaborative inference network
 * (DTO-EE).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-dto-ee
 * @brief Reassembly of segmented messages (UDP: segments may be lost; incomplete messages are
 * forgotten after a timeout, so nothing leaks).
 */
class CollaborativeReassembler
{
  public:
    /**
     * @brief Take one received segment. A duplicate of a segment already received and a
     * segment index >= the segment count are ignored.
     * @param [in] header its header
     * @param [in] now the current time
     * @return true if this segment completes its message
     */
    bool Add(const CollaborativeInferenceHeader& header, Time now);

    /**
     * @brief Forget the messages whose first segment arrived before now - timeout.
     * @param [in] now the current time
     * @param [in] timeout the reassembly timeout
     * @return the number of messages dropped
     */
    uint32_t Purge(Time now, Time timeout);

    /// @return messages being reassembled
    uint32_t GetPending() const;

  private:
    /// (type, origin address, task id, stage)
    using Key = std::tuple<uint8_t, uint32_t, uint64_t, uint32_t>;

    /// A message being reassembled.
    struct Entry
    {
        Time first;             ///< Arrival of its first segment
        uint32_t received{0};   ///< Distinct segments received
        std::vector<bool> seen; ///< Received flag per segment index
    };

    std::map<Key, Entry> m_pending; ///< Messages being reassembled
};

} // namespace edgeinference
} // namespace ns3

#endif /* COLLABORATIVE_REASSEMBLER_H */
