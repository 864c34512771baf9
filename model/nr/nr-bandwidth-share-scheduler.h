/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NR_BANDWIDTH_SHARE_SCHEDULER_H
#define NR_BANDWIDTH_SHARE_SCHEDULER_H

#include "ns3/enb-ue-view.h"
#include "ns3/nr-mac-scheduler-ofdma-rr.h"
#include "ns3/traced-callback.h"
#include "ns3/ue-share-table.h"

#include <cstdint>
#include <map>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-nr
 * @brief The gNB scheduler that executes per-UE bandwidth shares over 5G-LENA NR.
 */

namespace ns3
{

class NetDevice;

namespace edgeinference
{

/**
 * @defgroup edge-inference-nr NR (5G-LENA) glue
 * @ingroup edge-inference
 * @brief Built only when 5G-LENA NR is found at configure time (EI_HAVE_NR).
 */

/**
 * @ingroup edge-inference-nr
 * @brief NR OFDMA round-robin scheduler (5G-LENA NrMacSchedulerOfdmaRR) that restricts
 * each UE with a share to its own RBGs: the NR analogue of BandwidthShareFfrAlgorithm
 * (downlink) and BandwidthShareFfMacScheduler (uplink).
 *
 * Per slot and direction, the RBGs of the bandwidth part are apportioned to the UEs with
 * a share by the credit rule of BandwidthShareFfrAlgorithm::Apportion() (share x RBGs per
 * slot on average, whole RBGs each slot), laid out as contiguous blocks in RNTI order.
 * A UE with a share is scheduled only on its block (never outside it), filling it up to
 * its buffer; a UE without a share may use only RBGs owned by nobody (so a share table
 * that sums to 1 leaves it nothing, except while its RRC connection is being set up, when
 * it may use any RBG nobody else took in that slot). With no share set in a direction, the
 * scheduler is exactly NrMacSchedulerOfdmaRR there. Shares live in two UeShareTable (DL,
 * UL), keyed by RNTI or IMSI, with the same checks (and messages) as on LTE.
 *
 * HARQ retransmissions are left to 5G-LENA: they reuse the RBGs of the first
 * transmission. Install with NrHelper::SetSchedulerTypeId(NrBandwidthShareScheduler::
 * GetTypeId()) and obtain it with GetFromGnbDevice().
 */
class NrBandwidthShareScheduler : public NrMacSchedulerOfdmaRR
{
  public:
    /**
     * @brief TracedCallback signature for the RBGs a UE was given in one slot.
     * @param [in] rnti the UE
     * @param [in] rbgs the RBG indices of its DCI
     * @param [in] ownedRbgs the RBGs the partition gave it in that slot (empty: no share)
     */
    typedef void (*RbgsTracedCallback)(uint16_t rnti,
                                       const std::vector<uint16_t>& rbgs,
                                       const std::vector<uint16_t>& ownedRbgs);

    NrBandwidthShareScheduler();
    ~NrBandwidthShareScheduler() override;

    /**
     * @brief Register this type.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * @brief The scheduler of a gNB device installed with
     * NrHelper::SetSchedulerTypeId(NrBandwidthShareScheduler::GetTypeId()); also gives it
     * the gNB RRC so that IMSI-keyed shares work.
     * @param [in] gnbDevice an ns3::NrGnbNetDevice
     * @param [in] bwpId bandwidth part
     * @return the scheduler of that bandwidth part
     * @throw std::invalid_argument if the device is not an NR gNB, the bandwidth part does
     * not exist or its scheduler is not an NrBandwidthShareScheduler
     */
    static Ptr<NrBandwidthShareScheduler> GetFromGnbDevice(const Ptr<NetDevice>& gnbDevice,
                                                           uint8_t bwpId = 0);

    /**
     * @brief The RNTI of a UE in its serving cell (0 before the RRC connection).
     * @param [in] ueDevice an ns3::NrUeNetDevice
     * @return the RNTI
     * @throw std::invalid_argument if the device is not an NR UE
     */
    static uint16_t GetUeRnti(const Ptr<NetDevice>& ueDevice);

    /**
     * @brief Set the gNB RRC used to resolve IMSI-keyed shares.
     * @param [in] rrc the RRC of the gNB this scheduler serves
     */
    void SetGnbRrc(const Ptr<LteEnbRrc>& rrc);

    /**
     * @brief Set a UE's downlink share; the shares must sum to at most 1.
     * @param [in] rnti the UE
     * @param [in] share fraction of the RBGs, in [0, 1]
     * @throw std::invalid_argument if share is outside [0, 1], not finite, or the DL shares
     * would sum to more than 1
     */
    void SetDlShare(uint16_t rnti, double share);

    /**
     * @brief Set a UE's uplink share; the shares must sum to at most 1.
     * @param [in] rnti the UE
     * @param [in] share fraction of the RBGs, in [0, 1]
     * @throw std::invalid_argument as SetDlShare()
     */
    void SetUlShare(uint16_t rnti, double share);

    /**
     * @brief Set a UE's downlink share by IMSI (resolved each slot through the gNB RRC).
     * @param [in] imsi the UE
     * @param [in] share fraction of the RBGs, in [0, 1]
     * @throw std::invalid_argument as SetDlShare()
     * @throw std::logic_error if no gNB RRC is known (see SetGnbRrc())
     */
    void SetDlShareByImsi(uint64_t imsi, double share);

    /**
     * @brief Set a UE's uplink share by IMSI.
     * @param [in] imsi the UE
     * @param [in] share fraction of the RBGs, in [0, 1]
     * @throw std::invalid_argument as SetDlShare()
     * @throw std::logic_error if no gNB RRC is known
     */
    void SetUlShareByImsi(uint64_t imsi, double share);

    /**
     * @brief Replace all downlink shares (RNTI-keyed); an empty map makes the downlink
     * transparent.
     * @param [in] shares share per RNTI
     * @throw std::invalid_argument as SetDlShare(); on error nothing changes
     */
    void SetDlShares(const std::map<uint16_t, double>& shares);

    /**
     * @brief Replace all uplink shares (RNTI-keyed).
     * @param [in] shares share per RNTI
     * @throw std::invalid_argument as SetDlShare(); on error nothing changes
     */
    void SetUlShares(const std::map<uint16_t, double>& shares);

    /// Remove every share and credit: the scheduler becomes NrMacSchedulerOfdmaRR.
    void ClearShares();

    /// @return true if a DL share is set
    bool HasDlShares() const;

    /// @return true if an UL share is set
    bool HasUlShares() const;

    /**
     * @brief RBGs the downlink partitions gave a UE so far (one count per slot in which DL
     * data was scheduled, whether or not the UE used them).
     * @param [in] rnti the UE
     * @return RBG count
     */
    uint64_t GetDlRbgsOffered(uint16_t rnti) const;

    /**
     * @brief RBGs the UE's DL DCIs of new data carried so far.
     * @param [in] rnti the UE
     * @return RBG count (one per RBG per DCI, whatever its symbols)
     */
    uint64_t GetDlRbgsUsed(uint16_t rnti) const;

    /// @return number of slots in which a downlink partition was computed
    uint64_t GetDlPartitions() const;

  protected:
    void DoDispose() override;

    BeamSymbolMap AssignDLRBG(uint32_t symAvail, const ActiveUeMap& activeDl) const override;
    BeamSymbolMap AssignULRBG(uint32_t symAvail, const ActiveUeMap& activeUl) const override;
    std::shared_ptr<DciInfoElementTdma> CreateDlDci(
        PointInFTPlane* spoint,
        const std::shared_ptr<NrMacSchedulerUeInfo>& ueInfo,
        uint32_t maxSym) const override;
    std::shared_ptr<DciInfoElementTdma> CreateUlDci(
        PointInFTPlane* spoint,
        const std::shared_ptr<NrMacSchedulerUeInfo>& ueInfo,
        uint32_t maxSym) const override;

  private:
    /// Partition state of one direction, rebuilt every slot.
    struct Direction
    {
        explicit Direction(const std::string& label)
            : table(label)
        {
        }

        UeShareTable table;                               ///< the shares
        std::map<uint16_t, double> credits;               ///< credit rule state
        std::map<uint16_t, double> effective;             ///< shares of the current slot
        std::vector<uint16_t> owner;                      ///< owner RNTI of each RBG (0: nobody)
        std::map<uint16_t, std::vector<uint16_t>> chosen; ///< RBGs picked per RNTI
        std::vector<bool> taken;                          ///< RBG picked by somebody this slot
        std::map<uint16_t, uint64_t> offered;             ///< RBGs offered per RNTI
        std::map<uint16_t, uint64_t> used;                ///< RBGs used per RNTI
        uint64_t partitions{0};                           ///< slots partitioned
    };

    /**
     * @param [in] message "" or an error
     * @throw std::invalid_argument with message if not empty
     */
    static void StoreShare(const std::string& message);

    /**
     * @brief Recompute the partition of one direction for this slot.
     * @param [in,out] d the direction
     */
    void Partition(Direction& d) const;

    /**
     * @brief The RBGs a UE may use now, in order.
     * @param [in] d the direction
     * @param [in] rnti the UE
     * @param [in] notched the notched mask (empty: none)
     * @return RBG indices
     */
    std::vector<uint16_t> Allowed(const Direction& d,
                                  uint16_t rnti,
                                  const std::vector<uint8_t>& notched) const;

    /**
     * @brief The DCI bitmask of the RBGs picked for a UE.
     * @param [in,out] d the direction
     * @param [in] rnti the UE
     * @param [in] rbgNum RBGs of the DCI
     * @return the bitmask
     */
    std::vector<uint8_t> Mask(Direction& d, uint16_t rnti, uint32_t rbgNum) const;

    mutable EnbUeView m_ueView;                              ///< the gNB's UEs
    mutable Direction m_dl{"NrBandwidthShareScheduler: DL"}; ///< downlink
    mutable Direction m_ul{"NrBandwidthShareScheduler: UL"}; ///< uplink
    /// The RBGs of every new-data DL DCI
    mutable TracedCallback<uint16_t, const std::vector<uint16_t>&, const std::vector<uint16_t>&>
        m_dlRbgsTrace;
    /// The RBGs of every UL DCI
    mutable TracedCallback<uint16_t, const std::vector<uint16_t>&, const std::vector<uint16_t>&>
        m_ulRbgsTrace;
};

} // namespace edgeinference
} // namespace ns3

#endif /* NR_BANDWIDTH_SHARE_SCHEDULER_H */
