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

/**
 * @ingroup edge-inference-lte
 * @brief Per-UE fractions of a link's bandwidth, keyed by RNTI or by IMSI: the share table
 * of BandwidthShareFfrAlgorithm (one per direction) and of BandwidthShareFfMacScheduler.
 *
 * Every share is in [0, 1] and finite; the RNTI- and IMSI-keyed shares together sum to at
 * most 1 + 1e-9. The Check*() methods return "" or the message that names the share, the UE
 * and the value (or the sum and every share), prefixed by the label given at construction;
 * the owners turn a message into an exception or an abort. The setters do not check.
 * Effective() resolves IMSIs through an EnbUeView: an IMSI-keyed share overrides the
 * RNTI-keyed share of the same UE, IMSIs without an RNTI are left out, and if a UE keyed
 * both ways pushes the sum above 1 the shares are scaled to sum 1.
 */
class UeShareTable
{
  public:
    /// Tolerance on the sum of the shares.
    static constexpr double SUM_TOLERANCE{1e-9};

    /**
     * @param [in] label start of the messages, e.g. "BandwidthShareFfrAlgorithm: DL"
     */
    explicit UeShareTable(std::string label);

    /**
     * @param [in] rnti a UE
     * @param [in] share its new share
     * @return "" if setting it keeps the table valid, else the message
     */
    std::string CheckRnti(uint16_t rnti, double share) const;

    /**
     * @param [in] imsi a UE
     * @param [in] share its new share
     * @return "" if setting it keeps the table valid, else the message
     */
    std::string CheckImsi(uint64_t imsi, double share) const;

    /**
     * @param [in] shareByRnti shares that would replace the whole table
     * @return "" if they are valid, else the message
     */
    std::string CheckReplace(const std::map<uint16_t, double>& shareByRnti) const;

    /**
     * @brief Set or replace one RNTI-keyed share (no check).
     * @param [in] rnti the UE
     * @param [in] share the share
     */
    void SetRnti(uint16_t rnti, double share);

    /**
     * @brief Set or replace one IMSI-keyed share (no check).
     * @param [in] imsi the UE
     * @param [in] share the share
     */
    void SetImsi(uint64_t imsi, double share);

    /**
     * @brief Replace the RNTI-keyed shares and drop the IMSI-keyed ones (no check).
     * @param [in] shareByRnti the shares
     */
    void Replace(const std::map<uint16_t, double>& shareByRnti);

    /**
     * @brief Drop the RNTI-keyed share of a released UE (its RNTI may be reused).
     * @param [in] rnti the UE
     */
    void EraseRnti(uint16_t rnti);

    /// Drop every share.
    void Clear();

    /// @return true if no share is set
    bool IsEmpty() const;

    /**
     * @param [in] view the eNB's UEs (refreshed by the caller)
     * @param [out] rawSum if not null, the sum before scaling
     * @return the share of every UE that has one, by RNTI
     */
    std::map<uint16_t, double> Effective(const EnbUeView& view, double* rawSum = nullptr) const;

    /**
     * @param [in] shareByRnti shares
     * @return their sum
     */
    static double Sum(const std::map<uint16_t, double>& shareByRnti);

  private:
    /**
     * @param [in] who "RNTI 3" or "IMSI 7"
     * @param [in] share the value
     * @return "" or the range message
     */
    std::string CheckValue(const std::string& who, double share) const;

    /**
     * @param [in] byRnti RNTI-keyed shares
     * @param [in] byImsi IMSI-keyed shares
     * @return "" or the sum message listing every share
     */
    std::string CheckSum(const std::map<uint16_t, double>& byRnti,
                         const std::map<uint64_t, double>& byImsi) const;

    std::string m_label;                 ///< Message prefix
    std::map<uint16_t, double> m_byRnti; ///< Shares by RNTI
    std::map<uint64_t, double> m_byImsi; ///< Shares by IMSI
};

} // namespace edgeinference
} // namespace ns3

#endif /* ENB_UE_VIEW_H */
