/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NR_SYMBOL_SHARE_SCHEDULER_H
#define NR_SYMBOL_SHARE_SCHEDULER_H

#include "ns3/enb-ue-view.h"
#include "ns3/nr-mac-scheduler-tdma-rr.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"
#include "ns3/ue-share-table.h"

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-nr
 * @brief The TDMA gNB scheduler that executes per-UE downlink and uplink shares as symbols
 * over 5G-LENA NR.
 */

namespace ns3
{

class NetDevice;

namespace edgeinference
{

/**
 * @ingroup edge-inference-nr
 * @brief NR TDMA round-robin scheduler (5G-LENA NrMacSchedulerTdmaRR) that restricts each
 * UE with a downlink share to its share of the slot's DL data symbols (each symbol carries
 * the whole band): the TDMA counterpart of NrBandwidthShareScheduler.
 *
 * Per slot, the symbols available for new DL data are apportioned to the UEs with a share
 * by the credit rule of BandwidthShareFfrAlgorithm::Apportion() (share x symbols per slot
 * on average, whole symbols each slot). A UE with a share gets at most its symbols (up to
 * its buffer); a UE without one only the symbols nobody owns (any symbol nobody used while
 * its RRC connection is being set up). Same share table and checks as on LTE
 * (UeShareTable). With no DL share the scheduler is NrMacSchedulerTdmaRR in the downlink.
 *
 * **Uplink** (the NR analogue of BandwidthShareFfMacScheduler): the same rule on the
 * symbols of each UL (or F) slot left for new UL data after SRS and HARQ retransmissions,
 * with its own share table and credits (SetUlShare(), SetUlShareByImsi(), SetUlShares()).
 * A UE with an UL share gets at most its symbols of the slot (up to its buffer status;
 * each symbol spans the whole band, TDMA); a UE without one only the symbols nobody owns,
 * or while its RRC connection is being set up any owned symbol its owner left. Unused
 * symbols are not redistributed among the UEs with a share (a UE gets its share, not more:
 * the allocators' upload times are computed for exactly that share). With no UL share the
 * uplink is NrMacSchedulerTdmaRR's. The trace UlSymbols reports every UE's symbols per slot.
 * The wideband SRS SINR the gNB measures for each UE (the channel the allocators use) is
 * reported by EdgeNrTopologyHelper::ConnectChannelReports().
 *
 * Measured: with TCP (RLC AM) downloads of UEs at different distances, 5G-LENA v2.3's
 * OFDMA schedulers (and NrBandwidthShareScheduler, derived from them) starve far UEs, the
 * TDMA ones do not; this scheduler is the one the module's NR scenarios use for shares.
 */
class NrSymbolShareScheduler : public NrMacSchedulerTdmaRR
{
  public:
    /**
     * @brief TracedCallback signature for the symbols a UE was given in one slot.
     * @param [in] rnti the UE
     * @param [in] symbols symbols given (new data)
     * @param [in] owned symbols the slot's apportionment gave it (0 without a share)
     * @param [in] available DL data symbols of the slot
     */
    typedef void (*SymbolsTracedCallback)(uint16_t rnti,
                                          uint32_t symbols,
                                          uint32_t owned,
                                          uint32_t available);

    NrSymbolShareScheduler();
    ~NrSymbolShareScheduler() override;

    /**
     * @brief Register this type.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * @brief The scheduler of a gNB device installed with this type; also gives it the gNB
     * RRC so that IMSI-keyed shares work.
     * @param [in] gnbDevice an ns3::NrGnbNetDevice
     * @param [in] bwpId bandwidth part
     * @return the scheduler
     * @throw std::invalid_argument if the device is not an NR gNB, the bandwidth part does
     * not exist or its scheduler is not an NrSymbolShareScheduler
     */
    static Ptr<NrSymbolShareScheduler> GetFromGnbDevice(const Ptr<NetDevice>& gnbDevice,
                                                        uint8_t bwpId = 0);

    /**
     * @brief Set the gNB RRC used to resolve IMSI-keyed shares.
     * @param [in] rrc the RRC of the gNB
     */
    void SetGnbRrc(const Ptr<LteEnbRrc>& rrc);

    /**
     * @brief Set a UE's downlink share; the shares must sum to at most 1.
     * @param [in] rnti the UE
     * @param [in] share fraction of the DL data symbols, in [0, 1]
     * @throw std::invalid_argument if share is outside [0, 1], not finite, or the shares
     * would sum to more than 1
     */
    void SetDlShare(uint16_t rnti, double share);

    /**
     * @brief Set a UE's downlink share by IMSI (resolved each slot through the gNB RRC).
     * @param [in] imsi the UE
     * @param [in] share fraction of the DL data symbols, in [0, 1]
     * @throw std::invalid_argument as SetDlShare()
     * @throw std::logic_error if no gNB RRC is known
     */
    void SetDlShareByImsi(uint64_t imsi, double share);

    /**
     * @brief Replace all downlink shares (RNTI-keyed); empty: transparent.
     * @param [in] shares share per RNTI
     * @throw std::invalid_argument as SetDlShare(); on error nothing changes
     */
    void SetDlShares(const std::map<uint16_t, double>& shares);

    /**
     * @brief Set a UE's uplink share; the UL shares must sum to at most 1.
     * @param [in] rnti the UE
     * @param [in] share fraction of the UL data symbols, in [0, 1]
     * @throw std::invalid_argument if share is outside [0, 1], not finite, or the UL shares
     * would sum to more than 1
     */
    void SetUlShare(uint16_t rnti, double share);

    /**
     * @brief Set a UE's uplink share by IMSI (resolved each slot through the gNB RRC).
     * @param [in] imsi the UE
     * @param [in] share fraction of the UL data symbols, in [0, 1]
     * @throw std::invalid_argument as SetUlShare()
     * @throw std::logic_error if no gNB RRC is known
     */
    void SetUlShareByImsi(uint64_t imsi, double share);

    /**
     * @brief Replace all uplink shares (RNTI-keyed); empty: transparent uplink.
     * @param [in] shares share per RNTI
     * @throw std::invalid_argument as SetUlShare(); on error nothing changes
     */
    void SetUlShares(const std::map<uint16_t, double>& shares);

    /// Remove every downlink share and credit (the uplink ones stay, see ClearUlShares():
    /// SLIDE's NrSlideCell and an offloading server may share one gNB, as on LTE).
    void ClearShares();

    /// Remove every uplink share and credit (the downlink ones stay).
    void ClearUlShares();

    /// @return true if a DL share is set
    bool HasDlShares() const;

    /// @return true if an UL share is set
    bool HasUlShares() const;

    /**
     * @param [in] rnti a UE
     * @return UL data symbols the apportionments gave it so far
     */
    uint64_t GetUlSymbolsOffered(uint16_t rnti) const;

    /**
     * @param [in] rnti a UE
     * @return UL data symbols of new data it was scheduled on so far
     */
    uint64_t GetUlSymbolsUsed(uint16_t rnti) const;

    /**
     * @param [in] rnti a UE
     * @return DL data symbols the apportionments gave it so far
     */
    uint64_t GetDlSymbolsOffered(uint16_t rnti) const;

    /**
     * @param [in] rnti a UE
     * @return DL data symbols of new data it was scheduled on so far
     */
    uint64_t GetDlSymbolsUsed(uint16_t rnti) const;

    /**
     * @brief The latest downlink wideband CQI a UE reported (first stream), as received
     * by this scheduler.
     * @param [in] rnti the UE
     * @param [out] cqi the CQI (0..15), unchanged if none
     * @param [out] when time of the report, unchanged if none
     * @return false if the UE has reported no wideband CQI yet
     */
    bool GetDlWidebandCqi(uint16_t rnti, uint8_t& cqi, Time& when) const;

    /**
     * @return UL slots without UL shares in which NrMacSchedulerTdmaRR's split would have
     * left a UE with UL data without a data-carrying transport block, and which were
     * scheduled in chunks instead (attribute UlDataChunksWithoutShares)
     */
    uint64_t GetUlChunkedSlots() const;

    /**
     * @brief The smallest UL transport block a 5G-LENA UE puts new data into: its MAC
     * (NrUeMac::SendNewData) reserves 5 bytes for a short BSR and needs 10 bytes (3 of MAC
     * subheader, 7 for RLC) per logical channel with data, and otherwise sends only the BSR.
     * @param [in] activeLcs logical channel groups with data (at least 1 is counted)
     * @return 5 + 10 * max(1, activeLcs) bytes
     */
    static uint32_t UlMinDataTbBytes(uint32_t activeLcs);

    void DoSchedDlCqiInfoReq(
        const NrMacSchedSapProvider::SchedDlCqiInfoReqParameters& params) override;

  protected:
    void DoDispose() override;
    BeamSymbolMap AssignDLRBG(uint32_t symAvail, const ActiveUeMap& activeDl) const override;
    BeamSymbolMap AssignULRBG(uint32_t symAvail, const ActiveUeMap& activeUl) const override;

  private:
    /**
     * @param [in] message "" or an error
     * @throw std::invalid_argument with message if not empty
     */
    static void StoreShare(const std::string& message);

    /**
     * @param [in] notchedMask a direction's notched-RBG mask (0: notched)
     * @return the RBGs of the band that are not notched
     */
    uint32_t UsableRbgs(const std::vector<uint8_t>& notchedMask) const;

    /**
     * @param [in] active the active UEs of a direction, per beam
     * @return them in one list
     */
    static std::vector<UePtrAndBufferReq> Flatten(const ActiveUeMap& active);

    /**
     * @param [in] active the active UEs of a direction, per beam
     * @param [in] nRbg the usable RBGs (a symbol's RBGs)
     * @param [in] rbgs the UE field holding the RBGs given in this slot (m_dlRBG, m_ulRBG)
     * @return the symbols given per beam
     */
    static BeamSymbolMap SymbolsPerBeam(const ActiveUeMap& active,
                                        uint32_t nRbg,
                                        uint32_t NrMacSchedulerUeInfo::*rbgs);

    /**
     * @param [in] active the active UEs of a direction
     * @return share 1 / n for each of the n UEs
     */
    static std::map<uint16_t, double> EqualShares(const ActiveUeMap& active);

    /**
     * The ownership rule of both directions: a UE with a share takes up to its apportioned
     * symbols (what it leaves stays unused, except by connecting UEs without a share, and in
     * the DL with DlLeftoversWithoutShare by every UE without a share); a UE without a share
     * takes the symbols nobody owns.
     * @param [in] leftoversToAll whether every UE without a share may take what the UEs
     * with a share left (otherwise only connecting UEs)
     * @param [in,out] ues the active UEs, UEs with a share first
     * @param [in] eff the effective shares by RNTI
     * @param [in] given the symbols apportioned to each UE with a share
     * @param [in] freeSymbols the symbols nobody owns
     * @param [in] fill gives a UE up to a number of symbols, returns how many it took
     * @param [in] done called per UE with (RNTI, symbols taken, symbols owned)
     */
    void DistributeSymbols(bool leftoversToAll,
                           std::vector<UePtrAndBufferReq>& ues,
                           const std::map<uint16_t, double>& eff,
                           const std::map<uint16_t, uint32_t>& given,
                           uint32_t freeSymbols,
                           const std::function<uint32_t(UePtrAndBufferReq&, uint32_t)>& fill,
                           const std::function<void(uint16_t, uint32_t, uint32_t)>& done) const;

    /**
     * Without UL shares, in a slot where NrMacSchedulerTdmaRR's split leaves a UE with data
     * without a transport block that carries data (UlMinDataTbBytes()): a round robin that
     * gives each UE the symbols of such a block at once, the UEs served longest ago first.
     * @param [in] symAvail the slot's UL data symbols
     * @param [in] activeUl the UEs with UL data (their UL assignment is reset first)
     * @return the symbols per beam
     */
    BeamSymbolMap AssignUlInChunks(uint32_t symAvail, const ActiveUeMap& activeUl) const;

    bool m_equalWithoutShares{true};                      ///< DlEqualSharesWithoutShares
    bool m_ulChunks{true};                                ///< UlDataChunksWithoutShares
    bool m_dlLeftovers{true};                             ///< DlLeftoversWithoutShare
    mutable uint64_t m_ulSlot{0};                         ///< UL slots scheduled without shares
    mutable uint64_t m_ulChunkedSlots{0};                 ///< of them, scheduled in chunks
    mutable std::map<uint16_t, uint64_t> m_ulLastServed;  ///< m_ulSlot a UE last got symbols
    mutable EnbUeView m_ueView;                           ///< the gNB's UEs
    UeShareTable m_table{"NrSymbolShareScheduler: DL"};   ///< DL shares
    mutable std::map<uint16_t, double> m_credits;         ///< credit rule state
    mutable std::map<uint16_t, uint64_t> m_offered;       ///< symbols offered per RNTI
    mutable std::map<uint16_t, uint64_t> m_used;          ///< symbols used per RNTI
    std::map<uint16_t, std::pair<uint8_t, Time>> m_wbCqi; ///< latest WB CQI per RNTI
    /// Symbols of every UE in every slot with shares
    mutable TracedCallback<uint16_t, uint32_t, uint32_t, uint32_t> m_dlSymbolsTrace;
    UeShareTable m_ulTable{"NrSymbolShareScheduler: UL"}; ///< UL shares
    mutable std::map<uint16_t, double> m_ulCredits;       ///< UL credit rule state
    mutable std::map<uint16_t, uint64_t> m_ulOffered;     ///< UL symbols offered per RNTI
    mutable std::map<uint16_t, uint64_t> m_ulUsed;        ///< UL symbols used per RNTI
    /// UL symbols of every UE in every slot with UL shares
    mutable TracedCallback<uint16_t, uint32_t, uint32_t, uint32_t> m_ulSymbolsTrace;
};

} // namespace edgeinference
} // namespace ns3

#endif /* NR_SYMBOL_SHARE_SCHEDULER_H */
