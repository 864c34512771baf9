/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BANDWIDTH_SHARE_FFR_ALGORITHM_H
#define BANDWIDTH_SHARE_FFR_ALGORITHM_H

#include "enb-ue-view.h"
#include "ue-share-table.h"

#include "ns3/lte-ffr-algorithm.h"
#include "ns3/lte-ffr-rrc-sap.h"
#include "ns3/lte-ffr-sap.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace ns3
{

class LteEnbRrc;
class NetDevice;

namespace edgeinference
{

/**
 * @ingroup edge-inference-lte
 * @brief Enforces per-UE bandwidth shares in an LTE eNB through the MAC scheduler's
 * frequency-reuse (FFR) interface: the bandwidth-share mechanism of the module.
 *
 * An allocator gives UE k a share s_k of the cell bandwidth (SetDlShare(), SetUlShare(),
 * the IMSI-keyed variants, or a share computed from Hz with HzToDlShare()). The scheduler
 * asks this object, for every resource block group (RBG) and UE, whether the UE may use the
 * RBG; the answer implements the partition below. The scheduler still picks the MCS from the
 * CQI, handles HARQ and only serves UEs with data.
 *
 * **Downlink rule.** Let N = DlBandwidth / RbgSize be the number of RBGs the ns-3
 * schedulers use (36.213 Table 7.1.6.1-1; ns-3 drops a trailing partial RBG, so 25 RB give
 * 12 RBGs of 2 RB). Each UE with a share keeps a credit c_k (in RBGs, initially 0). At each
 * TTI: c_k += s_k N for every UE; then the N RBGs are handed out one at a time, each to the
 * UE with the largest credit among those with c_k > 0 (ties: lowest RNTI), and that credit
 * is decreased by 1 (Apportion()). A UE therefore gets n_k(t) RBGs in TTI t with
 * sum_t n_k(t) = s_k N T - c_k(T): the count is exact over time up to the bounded credit
 * (-1 < c_k, and c_k < number of UEs when the shares sum to 1), so a share worth 3.6 RBGs
 * alternates between 3 and 4 RBGs per TTI. The UEs' RBGs form contiguous blocks in
 * ascending RNTI order; with RotateRbgPositions the first block starts one RBG later every
 * TTI, so no UE keeps the same frequencies. An RBG owned by nobody (shares summing to less
 * than 1) is given to nobody, unless WorkConserving lets every UE with a positive share use
 * it. A UE without a share, or with share 0, gets no RBG. If no share is set at all
 * (initially, or after ClearShares()) every RBG is available to every UE: the algorithm is
 * transparent, like ns3::LteFrNoOpAlgorithm.
 *
 * **Once per TTI.** The partition of a TTI is computed by the first FFR query of that TTI
 * and cached until the simulation time changes. In ns-3.37 LteEnbMac::DoSubframeIndication
 * calls SchedDlTriggerReq once per TTI and every FFR-aware scheduler starts it with
 * GetAvailableDlRbg() (then GetAvailableUlRbg() for the RACH grants), so DoGetAvailableDlRbg()
 * marks a new TTI; the per-RBG per-UE DoIsDlRbgAvailableForUe() calls that follow read the
 * cache. The UL trigger of the same subframe (same time stamp) reads the same UL cache.
 *
 * **Schedulers.** In ns-3.37 the FFR SAP is consulted (GetAvailableDlRbg,
 * IsDlRbgAvailableForUe, GetAvailableUlRbg, IsUlRbgAvailableForUe,
 * GetMinContinuousUlBandwidth, GetTpc) by ns3::PfFfMacScheduler, ns3::PssFfMacScheduler,
 * ns3::CqaFfMacScheduler, ns3::FdTbfqFfMacScheduler and ns3::TdTbfqFfMacScheduler only.
 * ns3::RrFfMacScheduler, ns3::FdMtFfMacScheduler, ns3::TdMtFfMacScheduler,
 * ns3::FdBetFfMacScheduler, ns3::TdBetFfMacScheduler and ns3::TtaFfMacScheduler accept the
 * SAP but never call it: with them the shares have no effect. Of the five:
 * - PF and CQA execute the DL shares (tested: RBG fractions equal to the shares).
 * - PSS asks the FFR only in its frequency-domain stage, after a time-domain stage that
 *   keeps nMux UEs per TTI (default: half of them); the RBGs of the UEs left out then stay
 *   idle. Set ns3::PssFfMacScheduler::nMux to at least the number of UEs (tested).
 * - TD-TBFQ gives all RBGs of a TTI to one UE, so with a partition only that UE's block is
 *   used; FD-TBFQ and TD-TBFQ are token-bucket schedulers for GBR bearers and, with the
 *   default non-GBR bearer, do not serve full-buffer UEs even without this algorithm
 *   (measured with 3 UEs: FD-TBFQ served none, TD-TBFQ one). Not recommended here.
 *
 * DL HARQ retransmissions are placed by the scheduler on the RBGs of the original
 * transmission (or moved to any free RBG) without asking IsDlRbgAvailableForUe, so a
 * retransmission may use an RBG of another UE's block in that TTI; with a low BLER this is
 * rare.
 *
 * **Uplink rule (limited).** The five schedulers share one uplink algorithm: every
 * backlogged UE gets the same number W = min(GetMinContinuousUlBandwidth(), RBs not blocked
 * by GetAvailableUlRbg() / backlogged UEs) (at least 3) of contiguous RBs, in round-robin
 * order, and the allocation of the TTI stops at the first UE for which no eligible window
 * of W RBs exists (PF then restarts from that UE in the next TTI). Hence per-UE proportional
 * uplink shares cannot be imposed through the FFR interface: all backlogged UEs get equal
 * windows, and a smaller block only stalls the loop. What this class enforces in the uplink
 * is the provisioned total and the exclusion of unprovisioned UEs: with S = sum of the UL
 * shares, R_t RBs (from the same credit rule applied to S x UlBandwidth) are open, RBs
 * [0, R_t) of the band; a UE with a positive UL share may use only those, a UE without one
 * none (UlExcludeUnshared), and GetMinContinuousUlBandwidth() returns floor(R_t / number of
 * UEs with a positive UL share) so that each of them fits into the region. The scheduler
 * splits the region equally among the backlogged ones. No RB is blocked globally, so the
 * random-access (Msg3) grants, which only look at GetAvailableUlRbg(), always find room.
 * The scheduler's window is at least 3 RBs, so R_t should be at least 3 x the UEs with an
 * UL share. Caveat: a backlogged UE that is excluded stops the scheduler's UL loop every TTI (see
 * above), so every connected UE that can have uplink data (TCP ACKs, RLC AM status, real-RRC
 * signalling) needs an UL share, or set UlExcludeUnshared to false. Uplink restrictions
 * apply only while the base attribute EnabledInUplink is true.
 *
 * **UEs being connected.** With ExemptConnectingUes (default), a UE whose eNB RRC state is
 * not CONNECTED_NORMALLY (random access, connection setup, reconfiguration, handover) is not
 * subject to the shares: it may use every RBG and RB, so that RRC signalling (real RRC
 * protocol) and the attach complete even before the allocator provisioned the UE. This
 * needs the eNB RRC (GetFromEnbDevice() or SetEnbRrc()). Once connected, a UE with DL share
 * 0 receives nothing over the MAC, signalling included (RLC AM status, later RRC messages
 * such as a handover command); give it a small share if it must stay manageable.
 *
 * **RNTI and IMSI.** The MAC knows UEs by RNTI. Shares keyed by IMSI (SetDlShareByImsi())
 * are resolved every TTI through the eNB RRC's UE map (attribute "UeMap" of
 * ns3::LteEnbRrc), so they survive the RNTI assignment at attach. The RRC is set by
 * GetFromEnbDevice() or SetEnbRrc(). GetUeRnti() returns a connected UE's RNTI.
 *
 * **Installation.**
 * @code
 *   lteHelper->SetSchedulerType("ns3::PfFfMacScheduler");
 *   lteHelper->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
 *   NetDeviceContainer enbDevs = lteHelper->InstallEnbDevice(enbNodes);
 *   Ptr<BandwidthShareFfrAlgorithm> ffr =
 *       BandwidthShareFfrAlgorithm::GetFromEnbDevice(enbDevs.Get(0));
 *   ffr->SetDlShareByImsi(ueDevs.Get(0)->GetObject<LteUeNetDevice>()->GetImsi(), 0.5);
 * @endcode
 * ns-3.37 has no LteEnbNetDevice::GetFfrAlgorithm(): the algorithm of carrier c is
 * ComponentCarrierEnb::GetFfrAlgorithm() of GetCcMap()[c] (also the eNB device's
 * "LteFfrAlgorithm" attribute for carrier 0), which is what GetFromEnbDevice() uses.
 *
 * **Hz.** A share given in Hz maps to RBGs as hz / (P x 180 kHz), P = RBG size in RB
 * (HzToRbgs()), and to a DL share as that divided by the N schedulable RBGs
 * (HzToDlShare()); an UL share is hz / (UlBandwidth x 180 kHz) (HzToUlShare()).
 */
class BandwidthShareFfrAlgorithm : public LteFfrAlgorithm
{
  public:
    /// Bandwidth of one LTE resource block, Hz (12 subcarriers x 15 kHz).
    static constexpr double RB_BANDWIDTH_HZ = 180e3;

    /**
     * @brief TracedCallback signature for the partition of one TTI.
     * @param [in] rnti the UE
     * @param [in] units RBGs (DL) given to the UE in this TTI
     * @param [in] total RBGs (DL) in the cell
     */
    typedef void (*PartitionTracedCallback)(uint16_t rnti, uint16_t units, uint16_t total);

    /**
     * @brief TracedCallback signature for a downlink wideband CQI report received by the eNB.
     * @param [in] rnti the UE
     * @param [in] cqi wideband CQI of the first codeword (0..15)
     */
    typedef void (*DlCqiTracedCallback)(uint16_t rnti, uint8_t cqi);

    /**
     * @brief TracedCallback signature for the uplink region of one TTI.
     * @param [in] openRbs RBs [0, openRbs) open to UEs with an UL share in this TTI
     * @param [in] totalRbs RBs in the uplink band
     */
    typedef void (*UlRegionTracedCallback)(uint16_t openRbs, uint16_t totalRbs);

    BandwidthShareFfrAlgorithm();
    ~BandwidthShareFfrAlgorithm() override;

    // Objects are not copied.
    BandwidthShareFfrAlgorithm(const BandwidthShareFfrAlgorithm&) = delete;
    BandwidthShareFfrAlgorithm& operator=(const BandwidthShareFfrAlgorithm&) = delete;

    /**
     * @brief Register this type.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * @brief The algorithm of an eNB device installed with
     * LteHelper::SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm"); also gives it the
     * eNB RRC so that IMSI-keyed shares work.
     * @param [in] enbDevice an ns3::LteEnbNetDevice
     * @param [in] ccId component carrier
     * @return the algorithm of that carrier
     * @throw std::invalid_argument if the device is not an LTE eNB, the carrier does not
     * exist or its FFR algorithm is not a BandwidthShareFfrAlgorithm
     */
    static Ptr<BandwidthShareFfrAlgorithm> GetFromEnbDevice(const Ptr<NetDevice>& enbDevice,
                                                            uint8_t ccId = 0);

    /**
     * @brief The RNTI of a UE in its serving cell (0 before the RRC connection).
     * @param [in] ueDevice an ns3::LteUeNetDevice
     * @return the RNTI
     * @throw std::invalid_argument if the device is not an LTE UE
     */
    static uint16_t GetUeRnti(const Ptr<NetDevice>& ueDevice);

    /**
     * @brief Set the eNB RRC used to resolve IMSI-keyed shares.
     * @param [in] rrc the RRC of the eNB this algorithm serves
     */
    void SetEnbRrc(const Ptr<LteEnbRrc>& rrc);

    /**
     * @brief Set a UE's downlink share; the shares must sum to at most 1.
     * @param [in] rnti the UE
     * @param [in] share fraction of the schedulable RBGs, in [0, 1]
     * @throw std::invalid_argument if share is outside [0, 1], not finite, or the DL shares
     * (RNTI- and IMSI-keyed) would sum to more than 1
     */
    void SetDlShare(uint16_t rnti, double share);

    /**
     * @brief Set a UE's uplink share (see the class description for what the uplink
     * enforces); the shares must sum to at most 1.
     * @param [in] rnti the UE
     * @param [in] share fraction of the uplink RBs, in [0, 1]
     * @throw std::invalid_argument as SetDlShare()
     */
    void SetUlShare(uint16_t rnti, double share);

    /**
     * @brief Set a UE's downlink share by IMSI (resolved each TTI through the eNB RRC).
     * If a UE has both an RNTI- and an IMSI-keyed share, the IMSI-keyed one applies.
     * @param [in] imsi the UE
     * @param [in] share fraction of the schedulable RBGs, in [0, 1]
     * @throw std::invalid_argument as SetDlShare()
     * @throw std::logic_error if no eNB RRC is known (see SetEnbRrc())
     */
    void SetDlShareByImsi(uint64_t imsi, double share);

    /**
     * @brief Set a UE's uplink share by IMSI.
     * @param [in] imsi the UE
     * @param [in] share fraction of the uplink RBs, in [0, 1]
     * @throw std::invalid_argument as SetDlShare()
     * @throw std::logic_error if no eNB RRC is known
     */
    void SetUlShareByImsi(uint64_t imsi, double share);

    /**
     * @brief Replace all downlink shares at once (RNTI-keyed; IMSI-keyed DL shares are
     * removed). An empty map makes the downlink transparent.
     * @param [in] shares share per RNTI
     * @throw std::invalid_argument as SetDlShare(); on error nothing changes
     */
    void SetDlShares(const std::map<uint16_t, double>& shares);

    /**
     * @brief Replace all uplink shares at once (RNTI-keyed; IMSI-keyed UL shares are
     * removed). An empty map makes the uplink transparent.
     * @param [in] shares share per RNTI
     * @throw std::invalid_argument as SetDlShare(); on error nothing changes
     */
    void SetUlShares(const std::map<uint16_t, double>& shares);

    /**
     * @brief Remove every share and credit: the algorithm becomes transparent.
     */
    void ClearShares();

    /**
     * @brief Whether any downlink share is set (otherwise the downlink is transparent).
     * @return true if a DL share (RNTI- or IMSI-keyed) is set
     */
    bool HasDlShares() const;

    /**
     * @brief Whether any uplink share is set.
     * @return true if an UL share (RNTI- or IMSI-keyed) is set
     */
    bool HasUlShares() const;

    /**
     * @brief The downlink share that applies to a UE now (IMSI-keyed shares resolved).
     * @param [in] rnti the UE
     * @return its share, 0 if none
     */
    double GetDlShare(uint16_t rnti);

    /**
     * @brief RBGs given to a UE in the downlink since the last ClearShares() (sum of the
     * per-TTI partitions, whether or not the scheduler used them).
     * @param [in] rnti the UE
     * @return RBG count
     */
    uint64_t GetDlRbgsOffered(uint16_t rnti) const;

    /**
     * @brief The latest downlink wideband CQI a UE reported (first codeword), as received
     * by the scheduler through the FFR SAP (periodic P10 and aperiodic A30 reports).
     * @param [in] rnti the UE
     * @param [out] cqi the CQI (0..15), unchanged if none
     * @param [out] when time of the report, unchanged if none
     * @return false if the UE has reported no wideband CQI yet
     */
    bool GetDlWidebandCqi(uint16_t rnti, uint8_t& cqi, Time& when) const;

    /**
     * @brief The downlink CQI the MAC scheduler derives a UE's MCS from. ns-3's PF (and the
     * other subband-aware schedulers) take the lowest aperiodic A30 subband CQI over the RBGs
     * they give the UE, and the UE computes each subband CQI for a transport block of one RBG,
     * but the P10 wideband CQI for one spanning the whole band. Near an MCS threshold the two
     * differ (measured: wideband 15, subbands 14 for a UE at 19.7 dB SINR in a multi-cell
     * layout), and the rate the MAC executes follows the subbands. Without frequency-selective
     * fading all subbands carry the same SINR, so this returns the lowest subband CQI of the
     * latest A30 report; before the UE's first A30 report, the wideband CQI.
     * @param [in] rnti the UE
     * @param [out] cqi the CQI (0..15), unchanged if none
     * @param [out] when time of the report, unchanged if none
     * @return false if the UE has reported no CQI yet
     */
    bool GetDlSchedulingCqi(uint16_t rnti, uint8_t& cqi, Time& when) const;

    /**
     * @brief The uplink SINR the scheduler holds for a UE: the smallest per-RB SINR of the
     * UL CQI map that the scheduler passes to the FFR every TTI (SRS-based by default: the
     * SRS spans the whole UL band at the UE's capped power, so this is the SINR per RB when
     * the UE spreads its power over the whole band). RBs without a measurement are skipped.
     * @param [in] rnti the UE
     * @param [out] sinrDb the SINR (dB), unchanged if none
     * @return false if the scheduler holds no UL measurement of the UE
     */
    bool GetUlWidebandSinr(uint16_t rnti, double& sinrDb) const;

    /**
     * @brief The UL CQI that ns-3's PF, PSS, CQA, TD/TTA/FD schedulers derive from an UL
     * SINR: CQI of the spectral efficiency log2(1 + SINR / Gamma), Gamma = -ln(5 BER) / 1.5,
     * BER = 5e-5 (LteAmc's gap). The schedulers give no UL grant to a UE whose CQI is 0
     * ("out of range", TS 36.213 Table 7.2.3-1): such a UE cannot send anything.
     * @param [in] sinrDb the SINR, dB
     * @return the CQI, 0..15
     */
    static int UlCqiFromSinrDb(double sinrDb);

    /**
     * @brief The RNTI of a connected UE, from the eNB RRC's UE map.
     * @param [in] imsi the UE
     * @return its RNTI, 0 if unknown (not connected, or no eNB RRC set)
     */
    uint16_t GetRntiOfImsi(uint64_t imsi);

    /**
     * @brief Number of TTIs for which a downlink partition was computed.
     * @return TTI count
     */
    uint64_t GetDlPartitionTtis() const;

    /**
     * @brief One TTI of the credit rule: add share x units to every UE's credit, then hand
     * out the units one at a time to the UE with the largest positive credit (ties: lowest
     * key), decreasing its credit by 1. Credits of keys not in shares are removed.
     * @param [in] shares share per UE, each in [0, 1], sum at most 1
     * @param [in,out] credits credit per UE, in units
     * @param [in] units units to distribute (RBGs or RBs)
     * @return units given to each UE in shares (0 included)
     */
    static std::map<uint16_t, uint32_t> Apportion(const std::map<uint16_t, double>& shares,
                                                  std::map<uint16_t, double>& credits,
                                                  uint32_t units);

    /**
     * @brief RBG size P for a bandwidth, 3GPP TS 36.213 Table 7.1.6.1-1: up to 10 RB: 1,
     * 11-26: 2, 27-63: 3, 64-110: 4. (The ns-3.37 schedulers' own table uses strict
     * thresholds, e.g. 10 RB -> 2, but agrees for the LTE bandwidths 6, 15, 25, 50, 75 and
     * 100 RB: 1, 2, 2, 3, 4, 4.)
     * @param [in] nRb bandwidth in resource blocks (1..110)
     * @return RBG size in RB
     * @throw std::invalid_argument if nRb is 0 or above 110
     */
    static uint32_t RbgSizeFromRbs(uint32_t nRb);

    /**
     * @brief RBGs the ns-3 schedulers use: floor(nRb / P) (a trailing partial RBG is not
     * scheduled by ns-3, e.g. 25 RB give 12 RBGs).
     * @param [in] nRb bandwidth in resource blocks (1..110)
     * @return RBG count
     * @throw std::invalid_argument as RbgSizeFromRbs()
     */
    static uint32_t SchedulableRbgs(uint32_t nRb);

    /**
     * @brief RBGs (possibly fractional, met over time) worth a bandwidth: hz / (P x 180 kHz).
     * @param [in] hz bandwidth, Hz (>= 0)
     * @param [in] nRb cell bandwidth in resource blocks
     * @return RBGs per TTI
     * @throw std::invalid_argument if hz is negative or not finite, or nRb is invalid
     */
    static double HzToRbgs(double hz, uint32_t nRb);

    /**
     * @brief Downlink share worth a bandwidth: HzToRbgs(hz, nRb) / SchedulableRbgs(nRb).
     * The result may exceed 1 (then SetDlShare() rejects it).
     * @param [in] hz bandwidth, Hz (>= 0)
     * @param [in] nRb cell bandwidth in resource blocks
     * @return share of the schedulable RBGs
     * @throw std::invalid_argument as HzToRbgs()
     */
    static double HzToDlShare(double hz, uint32_t nRb);

    /**
     * @brief Uplink share worth a bandwidth: hz / (nRb x 180 kHz).
     * @param [in] hz bandwidth, Hz (>= 0)
     * @param [in] nRb uplink bandwidth in resource blocks (1..110)
     * @return share of the uplink RBs
     * @throw std::invalid_argument as HzToRbgs()
     */
    static double HzToUlShare(double hz, uint32_t nRb);

    // inherited from LteFfrAlgorithm
    void SetLteFfrSapUser(LteFfrSapUser* s) override;
    LteFfrSapProvider* GetLteFfrSapProvider() override;
    void SetLteFfrRrcSapUser(LteFfrRrcSapUser* s) override;
    LteFfrRrcSapProvider* GetLteFfrRrcSapProvider() override;

    /// let the forwarder class access the protected and private members
    friend class MemberLteFfrSapProvider<BandwidthShareFfrAlgorithm>;
    /// let the forwarder class access the protected and private members
    friend class MemberLteFfrRrcSapProvider<BandwidthShareFfrAlgorithm>;

  protected:
    // inherited from Object
    void DoInitialize() override;
    void DoDispose() override;

    void Reconfigure() override;

    // FFR SAP PROVIDER IMPLEMENTATION
    std::vector<bool> DoGetAvailableDlRbg() override;
    bool DoIsDlRbgAvailableForUe(int i, uint16_t rnti) override;
    std::vector<bool> DoGetAvailableUlRbg() override;
    bool DoIsUlRbgAvailableForUe(int i, uint16_t rnti) override;
    void DoReportDlCqiInfo(
        const struct FfMacSchedSapProvider::SchedDlCqiInfoReqParameters& params) override;
    void DoReportUlCqiInfo(
        const struct FfMacSchedSapProvider::SchedUlCqiInfoReqParameters& params) override;
    void DoReportUlCqiInfo(std::map<uint16_t, std::vector<double>> ulCqiMap) override;
    uint8_t DoGetTpc(uint16_t rnti) override;
    uint16_t DoGetMinContinuousUlBandwidth() override;

    // FFR SAP RRC PROVIDER IMPLEMENTATION
    void DoReportUeMeas(uint16_t rnti, LteRrcSap::MeasResults measResults) override;
    void DoRecvLoadInformation(EpcX2Sap::LoadInformationParams params) override;

  private:
    /**
     * @brief Throw std::invalid_argument with a share table's message, if any.
     * @param [in] message "" (valid) or the message of UeShareTable::Check*()
     */
    static void StoreShare(const std::string& message);

    /**
     * @brief The shares that apply now, by RNTI (IMSI-keyed shares resolved).
     * @param [in] uplink true for the UL shares
     * @return share per RNTI
     */
    std::map<uint16_t, double> EffectiveShares(bool uplink);

    /// Refresh, once per TTI, the IMSI -> RNTI map and the exempt UEs from the eNB RRC.
    void RefreshUeView();

    /// Compute the downlink partition of the current TTI if not done yet.
    void UpdateDlPartition();

    /// Compute the uplink region of the current TTI if not done yet.
    void UpdateUlPartition();

    // FFR SAP
    LteFfrSapUser* m_ffrSapUser;         ///< FFR SAP user (the scheduler)
    LteFfrSapProvider* m_ffrSapProvider; ///< FFR SAP provider (this object)

    // FFR RRC SAP
    LteFfrRrcSapUser* m_ffrRrcSapUser;         ///< FFR RRC SAP user (the RRC)
    LteFfrRrcSapProvider* m_ffrRrcSapProvider; ///< FFR RRC SAP provider (this object)

    EnbUeView m_ueView; ///< UEs of the eNB (RNTI by IMSI, connecting UEs), from its RRC

    UeShareTable m_dlTable{"BandwidthShareFfrAlgorithm: DL"}; ///< DL shares
    UeShareTable m_ulTable{"BandwidthShareFfrAlgorithm: UL"}; ///< UL shares

    std::map<uint16_t, double> m_dlCredits;   ///< DL credit per RNTI, RBGs
    std::map<uint16_t, double> m_ulCredits;   ///< UL aggregate credit (key 0), RBs
    std::map<uint16_t, double> m_dlEffective; ///< DL shares of the current TTI
    std::map<uint16_t, double> m_ulEffective; ///< UL shares of the current TTI
    std::map<uint16_t, uint64_t> m_dlOffered; ///< DL RBGs offered per RNTI
    std::vector<uint16_t> m_dlOwner;          ///< owner RNTI of each RBG (0 = nobody)
    uint16_t m_ulOpenRbs;                     ///< RBs open in the UL in this TTI
    uint16_t m_ulWindow;                      ///< GetMinContinuousUlBandwidth in this TTI
    uint32_t m_dlOffset;                      ///< first RBG of the first block
    Time m_dlPartitionTime;                   ///< time of the cached DL partition
    Time m_ulPartitionTime;                   ///< time of the cached UL region
    bool m_dlPartitionValid;                  ///< the DL cache holds a partition
    bool m_ulPartitionValid;                  ///< the UL cache holds a region
    uint64_t m_dlTtis;                        ///< DL partitions computed

    bool m_rotate;            ///< attribute RotateRbgPositions
    bool m_workConserving;    ///< attribute WorkConserving
    bool m_ulExcludeUnshared; ///< attribute UlExcludeUnshared
    bool m_exemptConnecting;  ///< attribute ExemptConnectingUes

    /// Per-TTI DL partition: rnti, RBGs, total RBGs.
    TracedCallback<uint16_t, uint16_t, uint16_t> m_dlPartitionTrace;
    /// Latest wideband CQI per RNTI and the time it was reported.
    std::map<uint16_t, std::pair<uint8_t, Time>> m_dlWidebandCqi;
    /// Lowest subband CQI of the latest A30 report per RNTI and the time it was reported.
    std::map<uint16_t, std::pair<uint8_t, Time>> m_dlSubbandCqi;
    /// Latest UL CQI map of the scheduler (per RNTI, SINR per RB in dB).
    std::map<uint16_t, std::vector<double>> m_ulSinrDb;
    /// DL wideband CQI received: rnti, CQI.
    TracedCallback<uint16_t, uint8_t> m_dlCqiTrace;
    /// Per-TTI UL region: open RBs, total RBs.
    TracedCallback<uint16_t, uint16_t> m_ulRegionTrace;
};

} // namespace edgeinference
} // namespace ns3

#endif // BANDWIDTH_SHARE_FFR_ALGORITHM_H
