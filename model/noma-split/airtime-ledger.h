/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef AIRTIME_LEDGER_H
#define AIRTIME_LEDGER_H

#include <cstdint>
#include <deque>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma-split
 * @brief Attribution of transmit energy and airtime to the tasks of the split-inference
 * applications.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-noma-split
 * @brief Attributes transmit energy to tasks from the PHY's transmissions (internal helper
 * of the split-inference applications, public for tests).
 *
 * The device announces every SDU it queues (NomaNetDevice MacTx); Add() books its bytes to
 * the task named in its SplitInferenceHeader. Every transport block the PHY sends drains the queue
 * in FIFO order (NomaSegmentHeader pieces); Consume() splits the TB's energy (power x duration) and
 * airtime among the tasks whose bytes it carries, in proportion to their bytes (the padding
 * of a partly filled TB is shared the same way; bytes booked with AddUnattributed(), i.e.
 * other traffic of the device, keep their share unattributed). SDUs that nobody books are
 * taken from the front of the FIFO: the device queues ARP frames ahead of the data, so the
 * attribution is exact only when no ARP frame is sent during a task (fill the ARP caches).
 */
class AirtimeLedger
{
  public:
    /// Energy and airtime charged to one task.
    struct Charge
    {
        uint64_t key{0};    ///< Task key
        double energyJ{0};  ///< Energy, J
        double airtimeS{0}; ///< Airtime, s
        bool isLast{false}; ///< The task's last byte left with this TB
    };

    /**
     * Book bytes for a task (appended to the FIFO).
     * @param [in] key task key
     * @param [in] bytes SDU bytes
     */
    void Add(uint64_t key, uint64_t bytes);

    /**
     * Book bytes of an SDU of no task (appended to the FIFO): the TBs that carry them
     * charge their share to nobody.
     * @param [in] bytes SDU bytes
     */
    void AddUnattributed(uint64_t bytes);

    /**
     * Drain bytes sent in one TB.
     * @param [in] bytes SDU bytes carried (segment headers excluded)
     * @param [in] energyJ energy of the TB, J
     * @param [in] airtimeS duration of the TB, s
     * @return the charges, in FIFO order
     */
    std::vector<Charge> Consume(uint64_t bytes, double energyJ, double airtimeS);

    /**
     * Forget a task (its bytes stay in the FIFO as unattributed).
     * @param [in] key task key
     */
    void Forget(uint64_t key);

    /// @return bytes booked and not yet drained
    uint64_t GetPendingBytes() const;

  private:
    /// Bytes of one task in the FIFO.
    struct Entry
    {
        uint64_t key{0};    ///< Task key
        uint64_t bytes{0};  ///< Bytes left
        bool isKnown{true}; ///< False once forgotten
    };

    std::deque<Entry> m_fifo; ///< Pending bytes in queue order
};

} // namespace edgeinference
} // namespace ns3

#endif /* AIRTIME_LEDGER_H */
