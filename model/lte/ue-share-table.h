/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef UE_SHARE_TABLE_H
#define UE_SHARE_TABLE_H

#include "enb-ue-view.h"

#include <cstdint>
#include <map>
#include <string>

/**
 * @file
 * @ingroup edge-inference-lte
 * @brief Per-UE fractions of a link's bandwidth, keyed by RNTI or by IMSI.
 */

namespace ns3
{
namespace edgeinference
{

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

#endif /* UE_SHARE_TABLE_H */
