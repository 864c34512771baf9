/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ENB_UE_VIEW_H
#define ENB_UE_VIEW_H

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>

/**
 * @file
 * @ingroup edge-inference-lte
 * @brief What an eNB's RRC knows of its UEs, for the module's MAC-level share mechanisms.
 */

namespace ns3
{

class ComponentCarrierEnb;
class LteEnbRrc;
class NetDevice;

namespace edgeinference
{

/**
 * @ingroup edge-inference-lte
 * @brief Component carrier @p ccId of an eNB device.
 *
 * Shared by BandwidthShareFfrAlgorithm::GetFromEnbDevice() and
 * BandwidthShareFfMacScheduler::GetFromEnbDevice(): ns-3.37 has no accessor for the FFR
 * algorithm or the scheduler on LteEnbNetDevice, they live on the carriers of GetCcMap().
 * @param [in] enbDevice an eNB device
 * @param [in] ccId component carrier id
 * @param [in] caller name put at the start of the error message
 * @return the carrier
 * @throws std::invalid_argument "<caller>: the device is not an LteEnbNetDevice" or
 * "<caller>: component carrier <ccId> does not exist"
 */
Ptr<ComponentCarrierEnb> FindEnbCarrier(const Ptr<NetDevice>& enbDevice,
                                        uint8_t ccId,
                                        const std::string& caller);

/**
 * @ingroup edge-inference-lte
 * @brief Cached view of the UEs of an eNB: RNTI by IMSI, and the RNTIs that are not yet
 * CONNECTED_NORMALLY (random access, connection set-up, reconfiguration, handover).
 *
 * Read from the RRC's "UeMap" attribute at most once per simulation time stamp, so that the
 * per-RBG queries of a TTI read a cache.
 */
class EnbUeView
{
  public:
    /**
     * @brief Set the RRC to read (null: no UE is known) and drop the cache.
     * @param [in] rrc the eNB RRC
     */
    void SetRrc(const Ptr<LteEnbRrc>& rrc);

    /// @return the RRC read (may be null)
    Ptr<LteEnbRrc> GetRrc() const;

    /// Drop the cache: the next Refresh() reads the RRC again.
    void Invalidate();

    /**
     * @brief Read the RRC unless already done at the current simulation time.
     * @param [in] trackConnecting collect the RNTIs that are not CONNECTED_NORMALLY
     */
    void Refresh(bool trackConnecting);

    /// @return connected UEs' RNTI by IMSI (as of the last Refresh())
    const std::map<uint64_t, uint16_t>& GetRntiOfImsi() const;

    /**
     * @param [in] imsi an IMSI
     * @return its RNTI, or 0 if the UE is not known
     */
    uint16_t GetRnti(uint64_t imsi) const;

    /// @return the RNTIs not CONNECTED_NORMALLY (empty unless Refresh(true))
    const std::set<uint16_t>& GetConnecting() const;

  private:
    Ptr<LteEnbRrc> m_rrc;                      ///< RRC read
    std::map<uint64_t, uint16_t> m_rntiOfImsi; ///< RNTI by IMSI
    std::set<uint16_t> m_connecting;           ///< RNTIs not CONNECTED_NORMALLY
    Time m_time;                               ///< Time of the cache
    bool m_isValid{false};                     ///< The cache is filled
};

} // namespace edgeinference
} // namespace ns3

#endif /* ENB_UE_VIEW_H */
