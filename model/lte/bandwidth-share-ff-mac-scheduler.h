/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BANDWIDTH_SHARE_FF_MAC_SCHEDULER_H
#define BANDWIDTH_SHARE_FF_MAC_SCHEDULER_H

#include "enb-ue-view.h"
#include "ue-share-table.h"

#include "ns3/ff-mac-common.h"
#include "ns3/ff-mac-sched-sap.h"
#include "ns3/nstime.h"
#include "ns3/pf-ff-mac-scheduler.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class LteAmc;
class LteEnbRrc;
class NetDevice;

namespace edgeinference
{

/**
 * @ingroup edge-inference-lte
 * @brief LTE eNB MAC scheduler that executes per-UE UPLINK bandwidth shares: the
 * proportional-fair scheduler of ns-3 (ns3::PfFfMacScheduler) whose uplink grants are
 * re-partitioned, TTI by TTI, in proportion to shares set by an allocator.
 *
 * The allocators of this module for PartialLoading (G. Qu et al., arXiv 2503.22982:
 * step-2 uplink bandwidth B_k) and for batching + early exiting (Z. Liu, Q. Lan, K. Huang,
 * IEEE JSAC 41(4), 2023: w_k^min) decide an uplink bandwidth w_k per UE, i.e. a share
 * s_k = w_k / (UlBandwidth x 180 kHz) (BandwidthShareFfrAlgorithm::HzToUlShare()). In ns-3.37 the
 * uplink cannot be partitioned through the frequency-reuse (FFR) hook used by
 * BandwidthShareFfrAlgorithm for the downlink: PfFfMacScheduler::DoSchedUlTriggerReq gives
 * every UE with a non-empty buffer status report (BSR) the same number of RBs, and a UE
 * excluded by the FFR stops its allocation loop. This class therefore sits between PF and
 * the eNB MAC: SetFfMacSchedSapUser() hands PF a wrapper of the MAC's SAP user, and the
 * wrapper rewrites the UL DCIs of each SchedUlConfigInd before the MAC sees them.
 *
 * **Rule of one TTI.** Let P be the set of RBs PF gave to new transmissions (DCIs with
 * ndi = 1) of UEs not exempt (see below), R = |P|, and E the UEs among them with a positive
 * share. Every UE in E gets the quota q_k = R s_k / sum_{j in E} s_j RBs
 * (UlWorkConserving = true, default) or q_k = s_k UlBandwidth, scaled down to R in total
 * if needed (UlWorkConserving = false: the rest of P stays idle). A credit c_k (RBs) carries
 * the rounding across TTIs: c_k += q_k, then RBs are handed out one at a time to the UE with
 * the largest c_k - n_k (ties: lowest RNTI); a UE's first RBs come as a block of
 * MinUlGrantRbs; then c_k -= n_k. Over T TTIs a UE thus receives sum_t q_k(t) - c_k(T) RBs
 * with |c_k| bounded by a few RBs: shares finer than one RB are met over time. The UEs'
 * counts are placed as contiguous segments (SC-FDMA, one per UE and TTI) inside the maximal
 * runs of P (P is one run unless a HARQ retransmission or a random-access grant sits inside
 * it): largest count first, into the first run that holds it, else into the largest free
 * piece; with UlWorkConserving a piece left over goes to a UE without a segment yet, or
 * extends the run's last segment. Credits are kept within +-UlBandwidth, so a UE held
 * below its quota by a fragmented pool does not take more than one band afterwards. Each
 * new DCI
 * keeps PF's MCS; m_rbStart, m_rbLen and m_tbSize (LteAmc::GetUlTbSizeFromMcs / 8) are
 * recomputed. DCIs of UEs without a share (or share 0) are removed and their RBs go to E.
 * Retransmission DCIs (ndi = 0) are not touched. With PoolFreeUlRbs (default) the RBs PF
 * left free (its equal split gives floor(N / n) RBs to each of n UEs, so up to n - 1 RBs
 * idle) join P, so that the shares apply to the whole uplink (not within 10 ms of a random
 * access, whose Msg3 RBs the DCIs do not show).
 *
 * **PF's uplink buffer estimate.** PF lowers its estimate of a UE's buffer by PF's own TB
 * size whenever PF grants it, although the re-partition may give that UE fewer bytes (or
 * none) in that TTI; the UE corrects the estimate with its next BSR, which it sends only
 * after a grant (or on its RLC's 10 ms buffer-status timer). A UE with a small share could
 * thus stall for up to 10 ms with data in its buffer while PF believes it empty. With
 * ResyncUlBsr (default) this scheduler keeps its own estimate (the UE's last BSR minus the
 * TB sizes it actually granted, minus PF's 2-byte RLC allowance) and, in every TTI with shares,
 * hands PF a BSR with that estimate for each UE PF granted, so PF's estimate is the one the
 * grants really left.
 *
 * **Exact PF when idle.** Without any share (initially and after ClearUlShares()) the DCIs
 * are forwarded unchanged: the scheduler is PfFfMacScheduler, grant for grant.
 *
 * **Caveats** (see doc/ul-share.rst): PF's HARQ buffer keeps PF's own DCI, so an UL HARQ
 * retransmission uses PF's RBs and TB size, not the re-partitioned ones; PF decrements its
 * BSR estimate by its own TB size (the UE's next BSR, sent every TTI with fresh data,
 * corrects it); the MCS was chosen by PF on PF's RBs. The SRS-based UL CQI (UlCqiFilter =
 * SRS_UL_CQI, default) covers the whole band and is unaffected; with PUSCH_UL_CQI PF would
 * attribute the measured SINRs to the wrong UEs, so shares are rejected (NS_FATAL_ERROR).
 *
 * **Installation.**
 * @code
 *   lteHelper->SetSchedulerType("ns3::BandwidthShareFfMacScheduler");
 *   NetDeviceContainer enbDevs = lteHelper->InstallEnbDevice(enbNodes);
 *   Ptr<BandwidthShareFfMacScheduler> sched =
 *       BandwidthShareFfMacScheduler::GetFromEnbDevice(enbDevs.Get(0));
 *   sched->SetUlShareByImsi(ueDevs.Get(0)->GetObject<LteUeNetDevice>()->GetImsi(), 0.5);
 * @endcode
 */
class BandwidthShareFfMacScheduler : public PfFfMacScheduler
{
  public:
    /**
     * @brief TracedCallback signature for an uplink grant of a new transmission.
     * @param [in] rnti the UE
     * @param [in] rbStart first RB of the grant
     * @param [in] rbLen number of contiguous RBs
     * @param [in] tbSizeBytes transport block size, bytes
     */
    typedef void (*UlGrantTracedCallback)(uint16_t rnti,
                                          uint16_t rbStart,
                                          uint16_t rbLen,
                                          uint16_t tbSizeBytes);

    BandwidthShareFfMacScheduler();
    ~BandwidthShareFfMacScheduler() override;

    // Objects are not copied.
    BandwidthShareFfMacScheduler(const BandwidthShareFfMacScheduler&) = delete;
    BandwidthShareFfMacScheduler& operator=(const BandwidthShareFfMacScheduler&) = delete;

    /**
     * @brief Register this type.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * @brief The scheduler of an eNB device installed with
     * LteHelper::SetSchedulerType("ns3::BandwidthShareFfMacScheduler"); also gives it the
     * eNB RRC, so that IMSI-keyed shares and ExemptConnectingUes work.
     * Aborts (NS_FATAL_ERROR) if the device is not an LTE eNB, the carrier does not exist or
     * its scheduler is of another type.
     * @param [in] enbDevice an ns3::LteEnbNetDevice
     * @param [in] ccId component carrier
     * @return the scheduler of that carrier
     */
    static Ptr<BandwidthShareFfMacScheduler> GetFromEnbDevice(const Ptr<NetDevice>& enbDevice,
                                                              uint8_t ccId = 0);

    /**
     * @brief Check a set of uplink shares: each in [0, 1] and finite, sum <= 1 + 1e-9.
     * @param [in] shareByRnti share per RNTI
     * @return an empty string if valid, else a message naming the offending RNTI and value
     * (or the sum)
     */
    static std::string ValidateUlShares(const std::map<uint16_t, double>& shareByRnti);

    /**
     * @brief Replace all uplink shares (RNTI- and IMSI-keyed) and reset the credits. An
     * empty map is the same as ClearUlShares(). Aborts (NS_FATAL_ERROR, message of
     * ValidateUlShares()) on invalid shares, and if UlCqiFilter is PUSCH_UL_CQI.
     * @param [in] shareByRnti fraction of the uplink per RNTI, each in [0, 1], sum <= 1
     */
    void SetUlShares(const std::map<uint16_t, double>& shareByRnti);

    /**
     * @brief Set or replace one UE's uplink share (its credit restarts at 0). Aborts as
     * SetUlShares() if the shares would become invalid.
     * @param [in] rnti the UE
     * @param [in] share fraction of the uplink, in [0, 1]
     */
    void SetUlShare(uint16_t rnti, double share);

    /**
     * @brief Set or replace one UE's uplink share by IMSI, resolved every TTI through the
     * eNB RRC's UE map, so it applies from the UE's RRC connection on and survives the RNTI
     * assignment. An IMSI-keyed share overrides an RNTI-keyed share of the same UE. Aborts
     * if no eNB RRC is known (use GetFromEnbDevice() or SetEnbRrc()) or the shares (RNTI-
     * and IMSI-keyed together) would become invalid.
     * @param [in] imsi the UE
     * @param [in] share fraction of the uplink, in [0, 1]
     */
    void SetUlShareByImsi(uint64_t imsi, double share);

    /**
     * @brief Remove every share and credit: from the next TTI the grants are PF's.
     */
    void ClearUlShares();

    /**
     * @brief Whether any uplink share is set.
     * @return true if an RNTI- or IMSI-keyed share is set
     */
    bool HasUlShares() const;

    /**
     * @brief The share that applies to a UE now (IMSI-keyed shares resolved).
     * @param [in] rnti the UE
     * @return its share, 0 if none
     */
    double GetUlShare(uint16_t rnti);

    /**
     * @brief RBs granted to a UE for new uplink transmissions since the start of the
     * simulation (HARQ retransmissions not counted), as sent to the MAC.
     * @param [in] rnti the UE
     * @return RB count (RB x TTI)
     */
    uint64_t GetUlRbsGranted(uint16_t rnti) const;

    /**
     * @brief Random-access preambles the eNB MAC reported without a temporary C-RNTI and
     * that this scheduler therefore did not pass to PF. ns-3.37's eNB RRC returns RNTI 0
     * when all SRS configuration indices are taken (LteEnbRrc::DoAllocateTemporaryCellRnti),
     * which happens when many UEs attach at once; PF would abort on it ("No info find in
     * HARQ buffer for UE 0"). The UE retries, as after a preamble collision.
     * @return preamble count since the start of the simulation
     */
    uint64_t GetRachWithoutRnti() const;

    /**
     * @brief Set the eNB RRC used to resolve IMSI-keyed shares and connection states.
     * @param [in] rrc the RRC of the eNB this scheduler serves
     */
    void SetEnbRrc(const Ptr<LteEnbRrc>& rrc);

    /**
     * @brief One TTI of the credit rule: add quota[k] to credit[k] for every UE in quota,
     * then hand out up to units RBs one at a time to the UE with the largest credit[k] -
     * n[k] (ties: lowest RNTI); a UE's first RBs come as a block of minGrant (only if that
     * many are left); finally credit[k] -= n[k]. If workConserving, the handing out goes on
     * while any UE can take an RB; otherwise it stops when no UE has credit[k] - n[k] > 0.
     * @param [in] quota RBs owed to each UE in this TTI (>= 0)
     * @param [in,out] credits credit per UE, RBs (UEs missing start at 0)
     * @param [in] units RBs available
     * @param [in] minGrant smallest non-zero count per UE (>= 1)
     * @param [in] workConserving hand out all units if possible
     * @return RBs per UE of quota (0 included); the credits are NOT yet decreased by them
     */
    static std::map<uint16_t, uint32_t> ApportionRbs(const std::map<uint16_t, double>& quota,
                                                     std::map<uint16_t, double>& credits,
                                                     uint32_t units,
                                                     uint32_t minGrant,
                                                     bool workConserving);

    /**
     * @brief The re-partition of one TTI (see the class description), as a pure function.
     * DCIs with ndi = 0 and DCIs of exempt UEs are copied unchanged (first, in their
     * order); the new-transmission DCIs of the other UEs are pooled and replaced by one DCI
     * per UE with a positive share that gets RBs (PF's DCI with new m_rbStart, m_rbLen and
     * m_tbSize), in ascending RB order; credits are updated by the quotas and the RBs given.
     * @param [in] dcis PF's UL DCIs of the TTI
     * @param [in] shares share per RNTI (UEs missing or with share 0 get nothing)
     * @param [in] exempt UEs whose DCIs are kept unchanged
     * @param [in,out] credits credit per RNTI, RBs
     * @param [in] ulBandwidth UL bandwidth of the cell, RBs
     * @param [in] minGrant smallest grant, RBs (>= 1)
     * @param [in] workConserving see the attribute UlWorkConserving
     * @param [in] amc AMC for the TB sizes
     * @param [in] poolFreeRbs add the RBs of 0..ulBandwidth-1 that no DCI uses to the pool
     * (attribute PoolFreeUlRbs)
     * @return the DCIs to send
     */
    static std::vector<UlDciListElement_s> RepartitionUlDcis(
        const std::vector<UlDciListElement_s>& dcis,
        const std::map<uint16_t, double>& shares,
        const std::set<uint16_t>& exempt,
        std::map<uint16_t, double>& credits,
        uint16_t ulBandwidth,
        uint32_t minGrant,
        bool workConserving,
        const Ptr<LteAmc>& amc,
        bool poolFreeRbs = false);

    // inherited from FfMacScheduler
    void SetFfMacSchedSapUser(FfMacSchedSapUser* s) override;
    FfMacCschedSapProvider* GetFfMacCschedSapProvider() override;
    FfMacSchedSapProvider* GetFfMacSchedSapProvider() override;

  protected:
    // inherited from Object
    void DoDispose() override;

  private:
    /// Wrapper of the MAC's SAP user given to PF: rewrites the UL DCIs.
    class SchedSapUserWrapper : public FfMacSchedSapUser
    {
      public:
        /**
         * @brief Constructor.
         * @param [in] owner the scheduler
         */
        explicit SchedSapUserWrapper(BandwidthShareFfMacScheduler* owner);
        void SchedDlConfigInd(const struct SchedDlConfigIndParameters& params) override;
        void SchedUlConfigInd(const struct SchedUlConfigIndParameters& params) override;

      private:
        BandwidthShareFfMacScheduler* m_owner; ///< the scheduler
    };

    /// Wrapper of PF's SCHED SAP provider given to the MAC: records the UEs' BSRs.
    class SchedSapProviderWrapper : public FfMacSchedSapProvider
    {
      public:
        /**
         * @brief Constructor.
         * @param [in] owner the scheduler
         * @param [in] pf PF's provider, to which every call is forwarded
         */
        SchedSapProviderWrapper(BandwidthShareFfMacScheduler* owner, FfMacSchedSapProvider* pf);
        void SchedDlRlcBufferReq(const struct SchedDlRlcBufferReqParameters& params) override;
        void SchedDlPagingBufferReq(const struct SchedDlPagingBufferReqParameters& params) override;
        void SchedDlMacBufferReq(const struct SchedDlMacBufferReqParameters& params) override;
        void SchedDlTriggerReq(const struct SchedDlTriggerReqParameters& params) override;
        void SchedDlRachInfoReq(const struct SchedDlRachInfoReqParameters& params) override;
        void SchedDlCqiInfoReq(const struct SchedDlCqiInfoReqParameters& params) override;
        void SchedUlTriggerReq(const struct SchedUlTriggerReqParameters& params) override;
        void SchedUlNoiseInterferenceReq(
            const struct SchedUlNoiseInterferenceReqParameters& params) override;
        void SchedUlSrInfoReq(const struct SchedUlSrInfoReqParameters& params) override;
        void SchedUlMacCtrlInfoReq(const struct SchedUlMacCtrlInfoReqParameters& params) override;
        void SchedUlCqiInfoReq(const struct SchedUlCqiInfoReqParameters& params) override;

        /// @return PF's provider
        FfMacSchedSapProvider* GetPf() const;

      private:
        BandwidthShareFfMacScheduler* m_owner; ///< the scheduler
        FfMacSchedSapProvider* m_pf;           ///< PF's provider
    };

    /// Wrapper of PF's CSCHED SAP provider given to the MAC: learns the UL bandwidth and
    /// forgets the state of released UEs.
    class CschedSapProviderWrapper : public FfMacCschedSapProvider
    {
      public:
        /**
         * @brief Constructor.
         * @param [in] owner the scheduler
         * @param [in] pf PF's provider, to which every call is forwarded
         */
        CschedSapProviderWrapper(BandwidthShareFfMacScheduler* owner, FfMacCschedSapProvider* pf);
        void CschedCellConfigReq(const struct CschedCellConfigReqParameters& params) override;
        void CschedUeConfigReq(const struct CschedUeConfigReqParameters& params) override;
        void CschedLcConfigReq(const struct CschedLcConfigReqParameters& params) override;
        void CschedLcReleaseReq(const struct CschedLcReleaseReqParameters& params) override;
        void CschedUeReleaseReq(const struct CschedUeReleaseReqParameters& params) override;

      private:
        BandwidthShareFfMacScheduler* m_owner; ///< the scheduler
        FfMacCschedSapProvider* m_pf;          ///< PF's provider
    };

    /**
     * @brief Rewrite the UL DCIs of one TTI (see the class description) and forward them
     * to the MAC.
     * @param [in] params PF's UL configuration of the TTI
     */
    void DoSchedUlConfigInd(const FfMacSchedSapUser::SchedUlConfigIndParameters& params);

    /// Refresh, once per TTI, the IMSI -> RNTI map and the exempt UEs from the eNB RRC.
    void RefreshUeView();

    /**
     * @brief The shares that apply now, by RNTI (IMSI-keyed shares resolved).
     * @return share per RNTI
     */
    std::map<uint16_t, double> EffectiveShares();

    /// Abort if shares are set while UlCqiFilter is PUSCH_UL_CQI.
    void CheckCqiFilter() const;

    FfMacSchedSapUser* m_macSapUser;           ///< the MAC's SAP user
    SchedSapUserWrapper* m_wrapper;            ///< the SAP user given to PF
    CschedSapProviderWrapper* m_cschedWrapper; ///< the CSCHED provider given to the MAC
    SchedSapProviderWrapper* m_schedWrapper;   ///< the SCHED provider given to the MAC
    std::map<uint16_t, uint32_t> m_ulBuffer;   ///< UL buffer estimate per RNTI, bytes
    bool m_resyncUlBsr;                        ///< attribute ResyncUlBsr
    bool m_poolFreeUlRbs;                      ///< attribute PoolFreeUlRbs
    Time m_lastRach;                           ///< last random-access report
    uint64_t m_rachWithoutRnti;                ///< preambles dropped for lack of an RNTI
    uint16_t m_ulBandwidth;                    ///< UL bandwidth of the cell, RBs
    Ptr<LteAmc> m_amc;                         ///< TB sizes of the rewritten DCIs
    EnbUeView m_ueView; ///< UEs of the eNB (RNTI by IMSI, connecting UEs), from its RRC
    /// Start of the share messages
    static constexpr const char* SHARE_LABEL{"BandwidthShareFfMacScheduler: UL"};
    UeShareTable m_table{SHARE_LABEL};      ///< UL shares
    std::map<uint16_t, double> m_credits;   ///< credit per RNTI, RBs
    std::map<uint16_t, uint64_t> m_granted; ///< RBs granted per RNTI (new transmissions)

    uint32_t m_minGrant;     ///< attribute MinUlGrantRbs
    bool m_workConserving;   ///< attribute UlWorkConserving
    bool m_exemptConnecting; ///< attribute ExemptConnectingUes

    /// New-transmission UL grants sent to the MAC: rnti, rbStart, rbLen, TB bytes.
    TracedCallback<uint16_t, uint16_t, uint16_t, uint16_t> m_ulGrantTrace;
};

} // namespace edgeinference
} // namespace ns3

#endif // BANDWIDTH_SHARE_FF_MAC_SCHEDULER_H
