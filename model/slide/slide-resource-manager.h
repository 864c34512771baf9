/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SLIDE_RESOURCE_MANAGER_H
#define SLIDE_RESOURCE_MANAGER_H

#include "slide-allocator.h"
#include "slide-solver.h"

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/device-compute-model.h"
#include "ns3/dnn-model.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class NetDevice;

namespace edgeinference
{

class BandwidthShareFfrAlgorithm;
class RateModel;

/**
 * @ingroup edge-inference-slide
 * @brief The cell in which a SlideResourceManager executes its downlink decisions: the
 * radio-specific part (UE identities, CQI reports, the MAC's share table, the AMC rate
 * model). SetCell(ffr, rbs) wraps an LTE eNB's BandwidthShareFfrAlgorithm; the NR
 * counterpart is NrSlideCell (built with 5G-LENA NR).
 */
class SlideCell
{
  public:
    virtual ~SlideCell() = default;

    /**
     * @param [in] imsi a UE
     * @return its RNTI, 0 if not connected
     */
    virtual uint16_t GetRntiOfImsi(uint64_t imsi) = 0;

    /**
     * @param [in] rnti a UE
     * @param [out] cqi its latest downlink CQI as the MAC scheduler uses it for the MCS (LTE:
     * BandwidthShareFfrAlgorithm::GetDlSchedulingCqi(); NR: the wideband CQI)
     * @param [out] when time of that report
     * @return false if it has reported none
     */
    virtual bool GetDlWidebandCqi(uint16_t rnti, uint8_t& cqi, Time& when) const = 0;

    /**
     * @brief Set a UE's downlink share in the MAC.
     * @param [in] imsi the UE
     * @param [in] share fraction of the downlink
     * @throw std::exception if the MAC refuses it
     */
    virtual void SetDlShareByImsi(uint64_t imsi, double share) = 0;

    /// Remove every share (the MAC becomes transparent).
    virtual void ClearShares() = 0;

    /// @return the MAC's scheduling units of the downlink (RBGs on LTE), > 0
    virtual uint32_t GetDlUnits() const = 0;

    /**
     * @param [in] hz a bandwidth
     * @return the downlink share that gives it on average
     */
    virtual double HzToDlShare(double hz) const = 0;

    /// @return the downlink bandwidth the allocator may give out, Hz
    virtual double GetBandwidthHz() const = 0;

    /**
     * @param [in] cqi wideband CQI per user (-1: no report)
     * @return the AMC rate model of those users
     */
    virtual std::shared_ptr<const RateModel> MakeAmcRateModel(
        const std::vector<int>& cqi) const = 0;

    /**
     * @brief The AMC rate model with the first-transmission block errors of the users' MCS
     * at their reported SINR (SlideResourceManager attribute BlerAware). The LTE cell builds
     * the BLER-aware LteAmcRateModel (ns-3's LteMiErrorModel); the default, for a cell
     * without an error model to evaluate, is MakeAmcRateModel(cqi) (no BLER term).
     * @param [in] cqi wideband CQI per user (-1: no report)
     * @param [in] sinr SINR per user the UE PHY reported (linear; negative: none)
     * @return the rate model
     */
    virtual std::shared_ptr<const RateModel> MakeBlerAwareAmcRateModel(
        const std::vector<int>& cqi, const std::vector<double>& sinr) const
    {
        (void)sinr;
        return MakeAmcRateModel(cqi);
    }

    /**
     * @brief Tell the cell which downlink streams will run at once while the next rate model
     * it builds is in use. A cell whose per-user rate depends on them uses them in
     * MakeAmcRateModel() (NR TDD: the streams' TCP ACKs take uplink symbols of the F slots
     * before the downlink gets the rest, NrSlideCell); the default ignores them.
     * @param [in] rateBps the goodput of every stream, bit/s (+infinity: unknown, as fast as
     * the cell allows)
     * @return true if the cell's rate model depends on them
     */
    virtual bool SetConcurrentStreams(const std::vector<double>& rateBps)
    {
        (void)rateBps;
        return false;
    }

    /**
     * @brief The UE's uplink wideband SINR at the base station, for the admission's coverage
     * check (CoverageCheck). A cell that does not know it returns false and the check is
     * skipped for its UEs.
     * @param [in] rnti a UE
     * @param [out] sinrDb its latest uplink SINR per RB, dB
     * @return false if unknown
     */
    virtual bool GetUlWidebandSinr(uint16_t rnti, double& sinrDb) const
    {
        (void)rnti;
        (void)sinrDb;
        return false;
    }
};

/**
 * @ingroup edge-inference-slide
 * @brief What the resource manager knows about one UE and its task (registered once, e.g.
 * by SlideHelper when the client is installed).
 */
struct SlideUserProfile
{
    uint64_t imsi{0};          ///< IMSI of the UE (for its RNTI, CQI and share)
    Ipv4Address address;       ///< IPv4 address of the UE (requests are matched by it)
    uint32_t samples{1};       ///< b_k: samples per task (>= 1)
    DeviceComputeModel device; ///< n_k, fMin, fMax, G_k of the device
    /// Ebar_k: compute energy budget per task, J (+infinity = none)
    double energyBudgetJ{std::numeric_limits<double>::infinity()};
    double deadlineS{0}; ///< Tbar_k: deadline counted from the decision, s
};

/**
 * @ingroup edge-inference-slide
 * @brief The decision on one request, handed to the server that submitted it.
 */
struct SlideGrant
{
    uint64_t requestId{0};         ///< Id returned by SubmitRequest()
    bool admitted{false};          ///< The user is served
    std::string modelName;         ///< Granted model variant (admitted only)
    double frequencyHz{0};         ///< Device frequency to apply, Hz (admitted only)
    double bandwidthHz{0};         ///< Downlink bandwidth allocated, Hz (admitted only)
    double predictedLatencyS{0};   ///< Predicted completion, s from the decision (admitted)
    bool downloadThenInfer{false}; ///< Execution rule (DAI baseline)
    uint8_t reasonCode{0};         ///< SlideRejectReason as an integer (or 255: see text)
    std::string reasonText;        ///< Why not served (empty if admitted)
    Time decisionTime;             ///< When the decision was taken
};

/**
 * @ingroup edge-inference-slide
 * @brief Server-side SLIDE allocator executed in an LTE cell: model provisioning, downlink
 * bandwidth and device compute frequency for the users whose requests arrive.
 *
 * G. Qu, T. Li, Q. Chen, X. Chen, S. Zhou, "SLIDE: Simultaneous Model Downloading and
 * Inference at the Wireless Network Edge", IEEE TMC 2026 (arXiv 2512.20946); the problem and
 * its optimal algorithm are the reconstruction of SlideSolver (R1.1–R1.5 of [1]).
 *
 * A LayerStreamingServer with a manager (LayerStreamingServer::SetResourceManager()) submits
 * every request here. The first request of a round opens an admission window
 * (AdmissionWindow); when it closes, the manager builds a SlideProblem from
 * - the requests of the window: the user's registered SlideUserProfile (matched by the
 *   source IPv4 address) and the task it names, whose candidate models are the variants
 *   registered with AddTask();
 * - each UE's reported channel quality: the latest downlink CQI the eNB scheduler
 *   takes the MCS from (BandwidthShareFfrAlgorithm::GetDlSchedulingCqi(): the lowest subband
 *   CQI, else the wideband CQI) for RateModel "LteAmc"
 *   (LteAmcRateModel), or the SINR the UE PHY reported (ReportRsrpSinr(), connected to the
 *   LteUePhy trace ReportCurrentCellRsrpSinr) for RateModel "Shannon"
 *   (ShannonSinrRateModel); both scaled by RateEfficiency; with BlerAware (LteAmc only)
 *   the LTE rate also contains the HARQ retransmissions of the blocks lost at their first
 *   transmission, from ns-3's LteMiErrorModel at the SINR the UE PHY reported (the SINR
 *   its CQI was computed from; LteAmcRateModel's three-argument constructor);
 * - the downlink bandwidth not held by transfers in progress (the N schedulable RBGs of the
 *   cell, P x 180 kHz each);
 * hands it to its SlideAllocator (attribute Allocator: SlideSolverAllocator by default, any
 * subclass, e.g. a user's own algorithm or SlideDecisionFileAllocator), which returns a
 * checked decision with its prediction (or serves nobody if the decision was rejected), and
 * executes the decision:
 * - bandwidth: every admitted UE gets the DL share B_k / (N P 180 kHz) in the cell's
 *   BandwidthShareFfrAlgorithm (by IMSI), i.e. B_k / (P 180 kHz) RBGs per TTI on average;
 * - a rejected UE gets share 0, hence no RBG, after a RejectNoticeTime during which it gets
 *   RejectNoticeRbgs RBGs per TTI (from the unheld bandwidth, then pro rata from the
 *   round's admitted UEs, at most RejectNoticeMaxFraction of their shares) so that the
 *   rejection and the TCP close reach it; the same holds for a request the server rejects
 *   after its admission (Reject());
 * - model and frequency: the grant callback of each request (SlideGrant), which the server
 *   turns into a SlideGrantHeader before the layers; the client applies the frequency.
 * A transfer's bandwidth returns to the pool when the server calls Release(); when no
 * transfer is left the FFR is cleared (transparent again).
 *
 * Requests that arrive while a window is open join it; a later request opens the next round,
 * which only shares the bandwidth not held. Defined answers instead of crashes: a request
 * from an unregistered address or for an unknown task is rejected with that reason; users
 * without a CQI/SINR report, impossible deadlines or budgets and B = 0 get the allocator's
 * reasons (SlideRejectReason).
 */
class SlideResourceManager : public Object
{
  public:
    /// Rate model of the allocator.
    enum RateModelType
    {
        LTE_AMC, ///< LteAmcRateModel from the reported wideband CQI
        SHANNON  ///< ShannonSinrRateModel from the reported SINR
    };

    /// One decision round.
    struct Round
    {
        Time time;                           ///< When the decision was taken
        double availableHz{0};               ///< Bandwidth offered to the allocator, Hz
        double solveSeconds{0};              ///< Wall-clock time of SlideAllocator::Allocate()
        std::vector<uint64_t> requestIds;    ///< Requests in the problem (problem order)
        std::vector<uint64_t> imsis;         ///< Their IMSIs
        std::vector<int> cqi;                ///< Reported CQI (-1 none) per user
        std::vector<double> sinr;            ///< Reported SINR (linear, -1 none) per user
        std::vector<std::string> modelNames; ///< The problem's model library
        SlideDecision decision;              ///< The allocator's decision and prediction
        uint32_t nRejectedUpfront{0};        ///< Unknown users or tasks (not in the problem)
        /// Uplink SINR per RB at the eNB (dB, BandwidthShareFfrAlgorithm::GetUlWidebandSinr())
        /// per user in the problem; NaN if the scheduler holds no measurement
        std::vector<double> ulSinrDb;
        /// Registered users found out of uplink coverage in this round, by IMSI, with the
        /// reason (requests rejected for it, and users whose request cannot reach the server)
        std::vector<std::pair<uint64_t, std::string>> outOfCoverage;
    };

    /// Callback that receives a decision.
    typedef Callback<void, const SlideGrant&> GrantCallback;

    /**
     * @brief TracedCallback signature for a round.
     * @param [in] round index of the round (GetRounds())
     * @param [in] nRequests requests decided
     * @param [in] nAdmitted requests admitted
     */
    typedef void (*RoundTracedCallback)(uint32_t round, uint32_t nRequests, uint32_t nAdmitted);

    /**
     * @brief TracedCallback signature for one user's decision.
     * @param [in] imsi the UE (0 if unknown)
     * @param [in] grant the decision
     */
    typedef void (*GrantTracedCallback)(uint64_t imsi, const SlideGrant& grant);

    /**
     * @brief TracedCallback signature for a user found out of coverage at admission.
     * @param [in] imsi the UE
     * @param [in] reason why it cannot be served (names the SINR and CQI)
     */
    typedef void (*CoverageTracedCallback)(uint64_t imsi, const std::string& reason);

    /// Reason code (SlideGrant::reasonCode) of a request from a UE out of uplink coverage.
    static constexpr uint8_t REASON_OUT_OF_COVERAGE = 254;

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    SlideResourceManager();
    ~SlideResourceManager() override;

    SlideResourceManager(const SlideResourceManager&) = delete;
    SlideResourceManager& operator=(const SlideResourceManager&) = delete;

    /**
     * @brief Set the cell whose downlink the manager allocates.
     * @param [in] ffr the eNB's BandwidthShareFfrAlgorithm (with its RRC set)
     * @param [in] dlBandwidthRb the cell's downlink bandwidth, RB
     */
    void SetCell(Ptr<BandwidthShareFfrAlgorithm> ffr, uint32_t dlBandwidthRb);

    /**
     * @brief Set the cell whose downlink the manager allocates (any radio).
     * @param [in] cell the cell (not null)
     */
    void SetCell(std::shared_ptr<SlideCell> cell);

    /**
     * @brief Add a model variant to the library (replacing one with the same name); the
     * server must stream the same catalogue. Aborts if it has no layers.
     * @param [in] model the model
     */
    void AddModel(const DnnModel& model);

    /**
     * @brief Define a task by the variants that meet it (M_k of its users).
     * Aborts naming the variant if one is not in the library.
     * @param [in] task task name (what clients request)
     * @param [in] variants model names
     */
    void AddTask(const std::string& task, const std::vector<std::string>& variants);

    /**
     * @brief Register a user. Aborts naming the field for an address registered twice,
     * samples 0, or a negative/NaN deadline or budget.
     * @param [in] profile the user
     */
    void AddUser(const SlideUserProfile& profile);

    /**
     * @brief A UE PHY's RSRP/SINR report (signature of the LteUePhy trace
     * ReportCurrentCellRsrpSinr): keeps the latest SINR per RNTI.
     * @param [in] cellId cell
     * @param [in] rnti the UE
     * @param [in] rsrp RSRP, W
     * @param [in] sinr average SINR, linear
     * @param [in] ccId component carrier
     */
    void ReportRsrpSinr(uint16_t cellId, uint16_t rnti, double rsrp, double sinr, uint8_t ccId);

    /**
     * @brief Submit a request; the decision comes through the callback when the admission
     * window closes (never synchronously).
     * @param [in] from the client's address (InetSocketAddress or Ipv4Address)
     * @param [in] taskId the client's task id
     * @param [in] task the requested task
     * @param [in] callback receives the decision
     * @return the request id
     */
    uint64_t SubmitRequest(const Address& from,
                           uint32_t taskId,
                           const std::string& task,
                           GrantCallback callback);

    /**
     * @brief A request's transfer ended (or its connection went away): its bandwidth returns
     * to the pool and its UE's share is set to 0. A request still waiting for its admission
     * window is withdrawn (it takes no part in the decision). Unknown ids are ignored.
     * @param [in] requestId the id
     */
    void Release(uint64_t requestId);

    /**
     * @brief The server cannot serve an admitted request after all (e.g. the granted variant
     * is not in its catalogue) and sends a rejection: the bandwidth returns to the pool as in
     * Release(), and the UE gets the reject notice share for RejectNoticeTime, so that the
     * rejection reaches it while other UEs hold shares. Unknown ids are ignored; a request
     * still waiting for its window is withdrawn as by Release().
     * @param [in] requestId the id
     */
    void Reject(uint64_t requestId);

    /**
     * @brief Why a registered user was found out of coverage at admission (CheckCoverage), if
     * it was.
     * @param [in] imsi the UE
     * @return the reason, empty if the user was never found out of coverage
     */
    std::string GetCoverageRejection(uint64_t imsi) const;

    /**
     * @brief A UE outside SLIDE that keeps a downlink share while SLIDE shares are set: the
     * ReservedDlFraction of the cell, split equally among the reserved UEs (without it, the
     * FFR gives a UE without a share no RBG at all). When no SLIDE transfer is active the FFR
     * is transparent as before.
     * @param [in] imsi the UE
     */
    void AddReservedUe(uint64_t imsi);

    /// @return the rounds decided so far
    const std::vector<Round>& GetRounds() const;

    /// @return wall-clock seconds spent in SlideAllocator::Allocate() over all rounds
    double GetTotalSolveSeconds() const;

    /// @return the bandwidth of the N schedulable RBGs, Hz (0 before SetCell())
    double GetCellBandwidthHz() const;

    /// @return the bandwidth held by transfers in progress, Hz
    double GetHeldBandwidthHz() const;

    /**
     * @brief Assign fixed random variable streams to the allocator (e.g. the seeds of the
     * random-model baseline of SlideSolverAllocator).
     * @param [in] stream first stream index
     * @return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// @return the allocator (a default SlideSolverAllocator is created if none was set)
    Ptr<SlideAllocator> GetAllocator();

  protected:
    void DoDispose() override;

  private:
    /// A request waiting for the decision.
    struct Pending
    {
        uint64_t id{0};         ///< Request id
        Ipv4Address address;    ///< Source address
        uint32_t taskId{0};     ///< Client task id
        std::string task;       ///< Task name
        GrantCallback callback; ///< Where the decision goes
    };

    /// An admitted transfer holding bandwidth.
    struct Active
    {
        uint64_t imsi{0};      ///< The UE
        double bandwidthHz{0}; ///< Its B_k, Hz
    };

    /// Close the admission window: build the problem, solve, execute.
    void Decide();

    /**
     * @brief Set the DL shares: held transfers at full share, this round's admitted scaled
     * by the notice factor, the rejected UEs at the notice share.
     * @param [in] noticeImsis UEs in their reject notice period
     * @param [in] roundImsis UEs admitted in the latest round
     */
    void ApplyShares(const std::vector<uint64_t>& noticeImsis,
                     const std::vector<uint64_t>& roundImsis);

    /**
     * @brief End of the reject notice of a round: the rejected UEs get share 0.
     * @param [in] noticeImsis the rejected UEs
     */
    void EndNotice(std::vector<uint64_t> noticeImsis);

    /**
     * @brief Whether a UE can use the uplink: its UL SINR at the eNB gives UL CQI > 0.
     * @param [in] imsi the UE
     * @param [out] sinrDb its UL SINR per RB (dB), NaN if not measured
     * @return empty if in coverage (or not measured), else the reason
     */
    std::string CheckUplinkCoverage(uint64_t imsi, double& sinrDb);

    /// Rebuild the allocator's model library from the catalogue.
    void RebuildLibrary();

    // attributes
    Time m_window;                         ///< AdmissionWindow
    RateModelType m_rateModel;             ///< RateModel
    double m_rateEfficiency;               ///< RateEfficiency
    double m_shannonGapDb;                 ///< ShannonGapDb
    bool m_blerAware;                      ///< BlerAware
    Time m_rejectNotice;                   ///< RejectNoticeTime
    uint32_t m_noticeRbgs;                 ///< RejectNoticeRbgs
    double m_noticeMaxFraction;            ///< RejectNoticeMaxFraction
    bool m_coverageCheck;                  ///< CoverageCheck
    double m_reservedDlFraction{0};        ///< ReservedDlFraction
    std::vector<uint64_t> m_reservedImsis; ///< AddReservedUe()

    std::shared_ptr<SlideCell> m_cell; ///< The cell (LTE FFR or NR scheduler)
    Ptr<SlideAllocator> m_allocator;   ///< Allocator

    std::map<std::string, DnnModel> m_models;                ///< Catalogue
    std::map<std::string, std::vector<std::string>> m_tasks; ///< Task -> variants
    std::vector<std::string> m_libraryNames;                 ///< Library order
    std::vector<SlideModel> m_library;                       ///< Allocator's models
    bool m_libraryValid;                                     ///< Library up to date
    std::map<Ipv4Address, SlideUserProfile> m_users;         ///< Users by address
    std::map<uint16_t, double> m_sinr;                       ///< Latest SINR per RNTI

    std::vector<Pending> m_pending;      ///< Requests of the open window
    EventId m_decideEvent;               ///< End of the open window
    uint64_t m_nextId;                   ///< Next request id
    std::map<uint64_t, Active> m_active; ///< Admitted transfers holding bandwidth
    std::vector<uint64_t> m_roundImsis;  ///< Admitted UEs of the latest round (notice scaling)
    std::vector<uint64_t> m_noticeImsis; ///< UEs in a reject notice period
    std::vector<Round> m_rounds;         ///< Decided rounds
    double m_totalSolveSeconds;          ///< Sum of solve times, s
    std::set<Ipv4Address> m_requested;   ///< Addresses that submitted a request
    std::map<uint64_t, std::string> m_outOfCoverage; ///< Coverage rejections by IMSI

    TracedCallback<uint32_t, uint32_t, uint32_t> m_roundTrace;    ///< Round decided
    TracedCallback<uint64_t, const SlideGrant&> m_grantTrace;     ///< One user's decision
    TracedCallback<uint64_t, const std::string&> m_coverageTrace; ///< Out of coverage
};

} // namespace edgeinference
} // namespace ns3

#endif /* SLIDE_RESOURCE_MANAGER_H */
