/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slide-resource-manager.h"

#include "layer-header.h"
#include "slide-grant-header.h"

#include "ns3/abort.h"
#include "ns3/bandwidth-share-ffr-algorithm.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/lte-amc-rate-model.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("SlideResourceManager");

NS_OBJECT_ENSURE_REGISTERED(SlideResourceManager);

namespace
{

/// Reason code of a request rejected before the allocator (unknown user or task).
constexpr uint8_t REASON_NOT_IN_PROBLEM = 255;

/// Shares are set a hair below their exact value so that rounding never exceeds 1.
constexpr double SHARE_SAFETY = 1.0 - 1e-6;

} // namespace

TypeId
SlideResourceManager::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SlideResourceManager")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddConstructor<SlideResourceManager>()
            .AddAttribute("AdmissionWindow",
                          "Time from the first request of a round to the decision (s); "
                          "requests arriving meanwhile are decided together.",
                          TimeValue(MilliSeconds(50)),
                          MakeTimeAccessor(&SlideResourceManager::m_window),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("Allocator",
                          "The allocator deciding every admission window (a SlideAllocator); "
                          "null: a SlideSolverAllocator with its default attributes.",
                          PointerValue(),
                          MakePointerAccessor(&SlideResourceManager::m_allocator),
                          MakePointerChecker<SlideAllocator>())
            .AddAttribute("RateModel",
                          "Rate model of the allocator: LteAmc (reported wideband CQI -> MCS -> "
                          "transport block size) or Shannon (log2(1 + SINR / gap) of the "
                          "reported SINR).",
                          EnumValue(SlideResourceManager::LTE_AMC),
                          MakeEnumAccessor(&SlideResourceManager::m_rateModel),
                          MakeEnumChecker(SlideResourceManager::LTE_AMC,
                                          "LteAmc",
                                          SlideResourceManager::SHANNON,
                                          "Shannon"))
            .AddAttribute("RateEfficiency",
                          "Factor (0, 1] applied to the rate model (e.g. the goodput left after "
                          "the RLC/PDCP/IP/TCP headers; dimensionless).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SlideResourceManager::m_rateEfficiency),
                          MakeDoubleChecker<double>(1e-6, 1.0))
            .AddAttribute("BlerAware",
                          "With RateModel LteAmc: put the HARQ retransmissions of the blocks "
                          "lost at their first transmission into the rate (the block error "
                          "rate of each user's MCS and grant size at the SINR its UE PHY "
                          "reported, from ns-3's LteMiErrorModel; LteAmcRateModel). A cell "
                          "without an error model (NR) ignores it.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SlideResourceManager::m_blerAware),
                          MakeBooleanChecker())
            .AddAttribute("ShannonGapDb",
                          "SNR gap of the Shannon rate model (dB; 0 = capacity).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&SlideResourceManager::m_shannonGapDb),
                          MakeDoubleChecker<double>(0.0, 30.0))
            .AddAttribute("RejectNoticeTime",
                          "How long a rejected UE keeps one RBG per TTI so that the rejection "
                          "and the TCP close reach it (s); then its share is 0.",
                          TimeValue(MilliSeconds(30)),
                          MakeTimeAccessor(&SlideResourceManager::m_rejectNotice),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("RejectNoticeRbgs",
                          "RBGs per TTI a rejected UE gets during its RejectNoticeTime (RBGs; "
                          "at least 1).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&SlideResourceManager::m_noticeRbgs),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("RejectNoticeMaxFraction",
                          "Largest fraction of the latest round's admitted shares that the "
                          "reject notices may take when the unheld bandwidth is not enough "
                          "(dimensionless, in [0, 1]).",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&SlideResourceManager::m_noticeMaxFraction),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("CoverageCheck",
                          "Reject at admission the UEs whose uplink SINR at the eNB maps to UL "
                          "CQI 0 (ns-3's schedulers give them no uplink grant, so neither the "
                          "request nor the TCP acknowledgements of a stream get through), and "
                          "report registered UEs in that state whose request cannot reach the "
                          "server (GetCoverageRejection(), trace OutOfCoverage).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SlideResourceManager::m_coverageCheck),
                          MakeBooleanChecker())
            .AddAttribute("ReservedDlFraction",
                          "Fraction of the cell's downlink never offered to the allocator: it "
                          "is shared by the UEs of AddReservedUe() (e.g. UEs that offload to "
                          "other servers and need their results and TCP ACKs) while SLIDE "
                          "shares are set (dimensionless, in [0, 1)).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&SlideResourceManager::m_reservedDlFraction),
                          MakeDoubleChecker<double>(0.0, 0.99))
            .AddTraceSource("RoundDecided",
                            "An admission window closed: round index, requests, admitted.",
                            MakeTraceSourceAccessor(&SlideResourceManager::m_roundTrace),
                            "ns3::edgeinference::SlideResourceManager::RoundTracedCallback")
            .AddTraceSource("Grant",
                            "The decision on one request: IMSI and the grant.",
                            MakeTraceSourceAccessor(&SlideResourceManager::m_grantTrace),
                            "ns3::edgeinference::SlideResourceManager::GrantTracedCallback")
            .AddTraceSource("OutOfCoverage",
                            "A registered UE was found out of uplink coverage at admission: "
                            "IMSI and reason.",
                            MakeTraceSourceAccessor(&SlideResourceManager::m_coverageTrace),
                            "ns3::edgeinference::SlideResourceManager::CoverageTracedCallback");
    return tid;
}

SlideResourceManager::SlideResourceManager()
    : m_window(MilliSeconds(50))
    , m_rateModel(LTE_AMC)
    , m_rateEfficiency(1.0)
    , m_shannonGapDb(0.0)
    , m_blerAware(true)
    , m_rejectNotice(MilliSeconds(30))
    , m_noticeRbgs(1)
    , m_noticeMaxFraction(0.5)
    , m_coverageCheck(true)
    , m_libraryValid(false)
    , m_nextId(1)
    , m_totalSolveSeconds(0)
{
    NS_LOG_FUNCTION(this);
}

SlideResourceManager::~SlideResourceManager()
{
    NS_LOG_FUNCTION(this);
}

void
SlideResourceManager::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Simulator::Cancel(m_decideEvent);
    m_pending.clear();
    m_cell.reset();
    m_allocator = nullptr;
    Object::DoDispose();
}

namespace
{

/// The LTE cell: an eNB's BandwidthShareFfrAlgorithm and its DL bandwidth.
class LteSlideCell : public SlideCell
{
  public:
    /**
     * @param [in] ffr the FFR algorithm
     * @param [in] nRb DL bandwidth, RB
     */
    LteSlideCell(Ptr<BandwidthShareFfrAlgorithm> ffr, uint32_t nRb)
        : m_ffr(ffr)
        , m_nRb(nRb)
    {
    }

    uint16_t GetRntiOfImsi(uint64_t imsi) override { return m_ffr->GetRntiOfImsi(imsi); }

    bool GetDlWidebandCqi(uint16_t rnti, uint8_t& cqi, Time& when) const override
    {
        // the CQI the PF scheduler takes its MCS from (subband, else wideband)
        return m_ffr->GetDlSchedulingCqi(rnti, cqi, when);
    }

    void SetDlShareByImsi(uint64_t imsi, double share) override
    {
        m_ffr->SetDlShareByImsi(imsi, share);
    }

    void ClearShares() override { m_ffr->ClearShares(); }

    uint32_t GetDlUnits() const override
    {
        return BandwidthShareFfrAlgorithm::SchedulableRbgs(m_nRb);
    }

    double HzToDlShare(double hz) const override
    {
        return BandwidthShareFfrAlgorithm::HzToDlShare(hz, m_nRb);
    }

    double GetBandwidthHz() const override
    {
        return BandwidthShareFfrAlgorithm::SchedulableRbgs(m_nRb) *
               BandwidthShareFfrAlgorithm::RbgSizeFromRbs(m_nRb) *
               BandwidthShareFfrAlgorithm::RB_BANDWIDTH_HZ;
    }

    std::shared_ptr<const RateModel> MakeAmcRateModel(const std::vector<int>& cqi) const override
    {
        return std::make_shared<LteAmcRateModel>(cqi, m_nRb);
    }

    std::shared_ptr<const RateModel> MakeBlerAwareAmcRateModel(
        const std::vector<int>& cqi, const std::vector<double>& sinr) const override
    {
        // the SINR the UE PHY reported (ReportCurrentCellRsrpSinr) is the one its CQI was
        // computed from (control-region SINR, averaged over the RBs)
        return std::make_shared<LteAmcRateModel>(cqi, m_nRb, sinr);
    }

    bool GetUlWidebandSinr(uint16_t rnti, double& sinrDb) const override
    {
        return m_ffr->GetUlWidebandSinr(rnti, sinrDb);
    }

  private:
    Ptr<BandwidthShareFfrAlgorithm> m_ffr; ///< The cell's FFR
    uint32_t m_nRb;                        ///< DL bandwidth, RB
};

} // namespace

void
SlideResourceManager::SetCell(Ptr<BandwidthShareFfrAlgorithm> ffr, uint32_t dlBandwidthRb)
{
    NS_LOG_FUNCTION(this << ffr << dlBandwidthRb);
    NS_ABORT_MSG_IF(!ffr, "SlideResourceManager::SetCell: the FFR algorithm is null");
    try
    {
        BandwidthShareFfrAlgorithm::SchedulableRbgs(dlBandwidthRb);
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR("SlideResourceManager::SetCell: dlBandwidthRb = " << dlBandwidthRb << ": "
                                                                         << e.what());
    }
    m_cell = std::make_shared<LteSlideCell>(ffr, dlBandwidthRb);
}

void
SlideResourceManager::SetCell(std::shared_ptr<SlideCell> cell)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!cell, "SlideResourceManager::SetCell: the cell is null");
    m_cell = std::move(cell);
}

void
SlideResourceManager::AddModel(const DnnModel& model)
{
    NS_LOG_FUNCTION(this << model.GetName());
    NS_ABORT_MSG_IF(model.GetNLayers() == 0,
                    "SlideResourceManager: model '" << model.GetName() << "' has no layers");
    m_models[model.GetName()] = model;
    m_libraryValid = false;
}

void
SlideResourceManager::AddTask(const std::string& task, const std::vector<std::string>& variants)
{
    NS_LOG_FUNCTION(this << task);
    for (const auto& v : variants)
    {
        NS_ABORT_MSG_IF(m_models.count(v) == 0,
                        "SlideResourceManager::AddTask: task '"
                            << task << "' names variant '" << v << "', which is not a model "
                            << "of the library (AddModel first)");
    }
    m_tasks[task] = variants;
}

void
SlideResourceManager::AddUser(const SlideUserProfile& profile)
{
    NS_LOG_FUNCTION(this << profile.imsi << profile.address);
    NS_ABORT_MSG_IF(m_users.count(profile.address) > 0,
                    "SlideResourceManager::AddUser: address " << profile.address
                                                              << " registered twice");
    NS_ABORT_MSG_IF(profile.samples == 0,
                    "SlideResourceManager::AddUser: samples = 0 for IMSI " << profile.imsi);
    NS_ABORT_MSG_IF(!(profile.deadlineS >= 0),
                    "SlideResourceManager::AddUser: deadlineS = " << profile.deadlineS
                                                                  << " for IMSI " << profile.imsi);
    NS_ABORT_MSG_IF(!(profile.energyBudgetJ >= 0),
                    "SlideResourceManager::AddUser: energyBudgetJ = "
                        << profile.energyBudgetJ << " for IMSI " << profile.imsi);
    m_users[profile.address] = profile;
}

void
SlideResourceManager::ReportRsrpSinr(
    uint16_t /* cellId */, uint16_t rnti, double /* rsrp */, double sinr, uint8_t /* ccId */)
{
    if (rnti != 0 && std::isfinite(sinr) && sinr >= 0)
    {
        m_sinr[rnti] = sinr;
    }
}

uint64_t
SlideResourceManager::SubmitRequest(const Address& from,
                                    uint32_t taskId,
                                    const std::string& task,
                                    GrantCallback callback)
{
    Pending p;
    p.id = m_nextId++;
    if (InetSocketAddress::IsMatchingType(from))
    {
        p.address = InetSocketAddress::ConvertFrom(from).GetIpv4();
    }
    else if (Ipv4Address::IsMatchingType(from))
    {
        p.address = Ipv4Address::ConvertFrom(from);
    }
    p.taskId = taskId;
    p.task = task;
    p.callback = callback;
    NS_LOG_FUNCTION(this << p.address << taskId << task << p.id);
    m_requested.insert(p.address);
    m_pending.push_back(p);
    if (!m_decideEvent.IsRunning())
    {
        m_decideEvent = Simulator::Schedule(m_window, &SlideResourceManager::Decide, this);
    }
    return p.id;
}

void
SlideResourceManager::RebuildLibrary()
{
    if (m_libraryValid)
    {
        return;
    }
    m_libraryNames.clear();
    m_library.clear();
    for (const auto& kv : m_models)
    {
        // what the allocator budgets is what the server sends: every layer with its
        // LayerHeader, and the grant (with the model name) before the first layer
        SlideModel m = SlideModel::FromDnnModel(kv.second);
        for (auto& bits : m.layerBits)
        {
            bits += 8.0 * LayerHeader::SIZE;
        }
        m.layerBits.front() +=
            8.0 * (SlideGrantHeader::GetFixedSize() +
                   std::min<size_t>(kv.first.size(), SlideGrantHeader::MAX_TEXT_LENGTH));
        m_libraryNames.push_back(kv.first);
        m_library.push_back(m);
    }
    m_libraryValid = true;
}

void
SlideResourceManager::Decide()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_cell, "SlideResourceManager: no cell (call SetCell() before requests)");
    RebuildLibrary();
    std::vector<Pending> pending;
    pending.swap(m_pending);

    Round round;
    round.time = Simulator::Now();
    round.modelNames = m_libraryNames;
    const double cellHz = GetCellBandwidthHz();
    round.availableHz = std::max(0.0, cellHz * (1.0 - m_reservedDlFraction) - GetHeldBandwidthHz());

    SlideProblem problem;
    problem.models = m_library;
    problem.totalBandwidthHz = round.availableHz;
    std::vector<const Pending*> inProblem;
    std::vector<std::pair<const Pending*, std::string>> upfront;
    std::vector<uint64_t> upfrontImsis;
    std::vector<const Pending*> upfrontCoverage;
    for (const auto& p : pending)
    {
        auto user = m_users.find(p.address);
        auto task = m_tasks.find(p.task);
        if (user == m_users.end())
        {
            std::ostringstream oss;
            oss << "unknown user " << p.address << " (no registered profile)";
            upfront.emplace_back(&p, oss.str());
            continue;
        }
        if (task == m_tasks.end())
        {
            upfront.emplace_back(&p, "unknown task '" + p.task + "'");
            upfrontImsis.push_back(user->second.imsi); // it needs the notice share too
            continue;
        }
        double ulSinrDb = std::numeric_limits<double>::quiet_NaN();
        const std::string coverage = CheckUplinkCoverage(user->second.imsi, ulSinrDb);
        if (!coverage.empty())
        {
            upfront.emplace_back(&p, coverage);
            upfrontImsis.push_back(user->second.imsi); // the rejection goes out on the DL
            upfrontCoverage.push_back(&p);
            round.outOfCoverage.emplace_back(user->second.imsi, coverage);
            continue;
        }
        SlideUser u;
        for (const auto& v : task->second)
        {
            const auto idx =
                std::find(m_libraryNames.begin(), m_libraryNames.end(), v) - m_libraryNames.begin();
            u.candidateModels.push_back(static_cast<uint32_t>(idx));
        }
        u.samples = user->second.samples;
        u.device = user->second.device;
        u.energyBudgetJ = user->second.energyBudgetJ;
        u.deadlineS = user->second.deadlineS;
        problem.users.push_back(u);
        inProblem.push_back(&p);
        const uint64_t imsi = user->second.imsi;
        round.requestIds.push_back(p.id);
        round.imsis.push_back(imsi);
        const uint16_t rnti = m_cell->GetRntiOfImsi(imsi);
        uint8_t cqi = 0;
        Time when;
        round.cqi.push_back(rnti != 0 && m_cell->GetDlWidebandCqi(rnti, cqi, when)
                                ? static_cast<int>(cqi)
                                : LteAmcRateModel::NO_REPORT);
        auto s = m_sinr.find(rnti);
        round.sinr.push_back(rnti != 0 && s != m_sinr.end() ? s->second : -1.0);
        round.ulSinrDb.push_back(ulSinrDb);
    }
    round.nRejectedUpfront = static_cast<uint32_t>(upfront.size());
    // registered users that never requested and cannot: their request cannot reach the
    // server, so this is the only place where the allocator can say why they are not served
    for (const auto& kv : m_users)
    {
        const uint64_t imsi = kv.second.imsi;
        if (m_requested.count(kv.first) > 0 || m_outOfCoverage.count(imsi) > 0)
        {
            continue;
        }
        double sinrDb = 0;
        const std::string coverage = CheckUplinkCoverage(imsi, sinrDb);
        if (!coverage.empty())
        {
            round.outOfCoverage.emplace_back(imsi,
                                             coverage + "; its request cannot reach the server");
        }
    }
    for (const auto& oc : round.outOfCoverage)
    {
        m_outOfCoverage[oc.first] = oc.second;
        m_coverageTrace(oc.first, oc.second);
    }

    auto buildRate = [this, &round]()
    {
        std::shared_ptr<const RateModel> rate;
        if (m_rateModel == LTE_AMC)
        {
            rate = m_blerAware ? m_cell->MakeBlerAwareAmcRateModel(round.cqi, round.sinr)
                               : m_cell->MakeAmcRateModel(round.cqi);
        }
        else
        {
            rate = std::make_shared<ShannonSinrRateModel>(round.sinr,
                                                          std::pow(10.0, m_shannonGapDb / 10));
        }
        if (m_rateEfficiency < 1.0)
        {
            rate = std::make_shared<ScaledRateModel>(rate, m_rateEfficiency);
        }
        return rate;
    };
    // A cell whose rate depends on the streams running at once (NR TDD: the TCP ACKs of
    // the streams take uplink symbols of the F slots) decides with the most this round can
    // start, each as fast as the cell allows (every user of the problem, plus the transfers
    // still running): an upper bound on the overhead, so the decision holds whoever is
    // admitted.
    const double unknown = std::numeric_limits<double>::infinity();
    const std::vector<double> running(m_active.size(), unknown);
    std::vector<double> streams = running;
    streams.resize(running.size() + inProblem.size(), unknown);
    const bool dependsOnStreams = m_cell->SetConcurrentStreams(streams);
    problem.rateModel = buildRate();

    const auto t0 = std::chrono::steady_clock::now();
    round.decision = GetAllocator()->Allocate(problem);
    round.solveSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    m_totalSolveSeconds += round.solveSeconds;
    if (dependsOnStreams)
    {
        // ... and its outcome is predicted with the streams it starts, at their predicted
        // rates (fixed point, before any packet of them); the decision (models, frequencies,
        // bandwidths) is unchanged
        SlideProblem admitted = problem;
        for (int pass = 0; pass < 3; ++pass)
        {
            streams = running;
            for (const SlideUserOutcome& u : round.decision.prediction.users)
            {
                if (u.isServed)
                {
                    streams.push_back(u.rateBps);
                }
            }
            m_cell->SetConcurrentStreams(streams);
            admitted.rateModel = buildRate();
            round.decision.prediction = SlideSolver::Evaluate(admitted, round.decision);
        }
    }

    // execute the bandwidth decision
    std::vector<uint64_t> admittedImsis;
    std::vector<uint64_t> rejectedImsis = upfrontImsis;
    std::vector<SlideGrant> grants;
    for (size_t k = 0; k < inProblem.size(); ++k)
    {
        const SlideUserDecision& d = round.decision.users[k];
        SlideGrant g;
        g.requestId = inProblem[k]->id;
        g.decisionTime = round.time;
        g.downloadThenInfer = round.decision.execution == SlideExecution::DOWNLOAD_THEN_INFER;
        g.admitted = d.isServed;
        if (d.isServed)
        {
            g.modelName = m_libraryNames[d.model];
            g.frequencyHz = d.frequencyHz;
            g.bandwidthHz = d.bandwidthHz;
            g.predictedLatencyS = round.decision.prediction.users[k].latencyS;
            m_active[g.requestId] = Active{round.imsis[k], d.bandwidthHz};
            admittedImsis.push_back(round.imsis[k]);
        }
        else
        {
            g.reasonCode = static_cast<uint8_t>(d.reason);
            g.reasonText = ToString(d.reason) + ": " + d.reasonText;
            rejectedImsis.push_back(round.imsis[k]);
        }
        grants.push_back(g);
    }
    m_roundImsis = admittedImsis;
    m_noticeImsis.insert(m_noticeImsis.end(), rejectedImsis.begin(), rejectedImsis.end());
    ApplyShares(m_noticeImsis, m_roundImsis);
    if (!rejectedImsis.empty())
    {
        Simulator::Schedule(m_rejectNotice, &SlideResourceManager::EndNotice, this, rejectedImsis);
    }

    const auto roundIndex = static_cast<uint32_t>(m_rounds.size());
    const uint32_t nAdmitted = round.decision.nServed;
    NS_LOG_INFO("round " << roundIndex << ": " << pending.size() << " requests, " << nAdmitted
                         << " admitted, " << round.availableHz / 1e6 << " MHz available, solve "
                         << round.solveSeconds * 1e6 << " us");
    m_rounds.push_back(std::move(round));

    for (size_t k = 0; k < inProblem.size(); ++k)
    {
        m_grantTrace(m_rounds.back().imsis[k], grants[k]);
        inProblem[k]->callback(grants[k]);
    }
    for (const auto& u : upfront)
    {
        SlideGrant g;
        g.requestId = u.first->id;
        g.decisionTime = m_rounds.back().time;
        const bool coverage = std::find(upfrontCoverage.begin(), upfrontCoverage.end(), u.first) !=
                              upfrontCoverage.end();
        g.reasonCode = coverage ? REASON_OUT_OF_COVERAGE : REASON_NOT_IN_PROBLEM;
        g.reasonText = u.second;
        m_grantTrace(0, g);
        u.first->callback(g);
    }
    m_roundTrace(roundIndex, static_cast<uint32_t>(pending.size()), nAdmitted);
}

void
SlideResourceManager::ApplyShares(const std::vector<uint64_t>& noticeImsis,
                                  const std::vector<uint64_t>& roundImsis)
{
    const uint32_t nRbgs = m_cell->GetDlUnits();
    // the rejected UEs' notice shares come out of the latest round's admitted UEs
    double roundShare = 0;
    for (const auto& kv : m_active)
    {
        if (std::find(roundImsis.begin(), roundImsis.end(), kv.second.imsi) != roundImsis.end())
        {
            roundShare += m_cell->HzToDlShare(kv.second.bandwidthHz);
        }
    }
    double noticeEach =
        noticeImsis.empty() ? 0.0 : std::min(1.0, static_cast<double>(m_noticeRbgs) / nRbgs);
    // the reserved UEs' fraction is not free for notices either
    double heldFree = 1.0 - (m_reservedImsis.empty() ? 0.0 : m_reservedDlFraction);
    for (const auto& kv : m_active)
    {
        heldFree -= m_cell->HzToDlShare(kv.second.bandwidthHz);
    }
    heldFree = std::max(0.0, heldFree);
    // notice shares use what nobody holds, then at most RejectNoticeMaxFraction of the round's
    // admitted share
    const double noticeBudget = heldFree + m_noticeMaxFraction * roundShare;
    if (noticeEach * noticeImsis.size() > noticeBudget)
    {
        noticeEach = noticeBudget / noticeImsis.size();
    }
    const double fromRound = std::max(0.0, noticeEach * noticeImsis.size() - heldFree);
    const double roundScale = roundShare > 0 ? std::max(0.0, 1.0 - fromRound / roundShare) : 1.0;

    // all to 0 first (same instant, no TTI in between), then the targets, so that the FFR's sum
    // check never sees more than 1
    std::map<uint64_t, double> target;
    for (auto imsi : noticeImsis)
    {
        target[imsi] = noticeEach * SHARE_SAFETY;
    }
    for (const auto& kv : m_active)
    {
        double share = m_cell->HzToDlShare(kv.second.bandwidthHz);
        if (std::find(roundImsis.begin(), roundImsis.end(), kv.second.imsi) != roundImsis.end())
        {
            share *= roundScale;
        }
        target[kv.second.imsi] += std::min(1.0, share) * SHARE_SAFETY;
    }
    if (!m_reservedImsis.empty())
    {
        // the reserved fraction, equally among the reserved UEs (a SLIDE user that is also
        // reserved keeps both)
        const double each = m_reservedDlFraction / m_reservedImsis.size() * SHARE_SAFETY;
        for (uint64_t imsi : m_reservedImsis)
        {
            target[imsi] += each;
        }
    }
    try
    {
        for (auto& kv : target)
        {
            m_cell->SetDlShareByImsi(kv.first, 0.0);
        }
        for (auto& kv : target)
        {
            m_cell->SetDlShareByImsi(kv.first, std::min(1.0, kv.second));
        }
    }
    catch (const std::exception& e)
    {
        NS_FATAL_ERROR("SlideResourceManager: cannot execute the bandwidth decision in the FFR ("
                       << e.what()
                       << "); install with SlideHelper::InstallResourceManager() or give the "
                          "FFR its eNB RRC (BandwidthShareFfrAlgorithm::SetEnbRrc())");
    }
}

void
SlideResourceManager::EndNotice(std::vector<uint64_t> noticeImsis)
{
    NS_LOG_FUNCTION(this);
    for (auto imsi : noticeImsis)
    {
        auto it = std::find(m_noticeImsis.begin(), m_noticeImsis.end(), imsi);
        if (it != m_noticeImsis.end())
        {
            m_noticeImsis.erase(it);
        }
        m_cell->SetDlShareByImsi(imsi, 0.0);
    }
    if (m_noticeImsis.empty())
    {
        m_roundImsis.clear(); // the round's admitted UEs get their full shares back
    }
    if (m_active.empty() && m_noticeImsis.empty())
    {
        m_cell->ClearShares();
        return;
    }
    ApplyShares(m_noticeImsis, m_roundImsis);
}

void
SlideResourceManager::Release(uint64_t requestId)
{
    NS_LOG_FUNCTION(this << requestId);
    // a request released before its window closed (the client left) is not allocated
    auto waiting = std::find_if(m_pending.begin(),
                                m_pending.end(),
                                [requestId](const Pending& p) { return p.id == requestId; });
    if (waiting != m_pending.end())
    {
        m_pending.erase(waiting);
        if (m_pending.empty())
        {
            Simulator::Cancel(m_decideEvent);
        }
        return;
    }
    auto it = m_active.find(requestId);
    if (it == m_active.end())
    {
        return;
    }
    const uint64_t imsi = it->second.imsi;
    m_active.erase(it);
    m_cell->SetDlShareByImsi(imsi, 0.0);
    if (m_active.empty() && m_noticeImsis.empty())
    {
        NS_LOG_INFO("no transfer left: the FFR is transparent again");
        m_cell->ClearShares();
        return;
    }
    // the same UE may hold another transfer, or be in a notice period
    ApplyShares(m_noticeImsis, m_roundImsis);
}

void
SlideResourceManager::Reject(uint64_t requestId)
{
    NS_LOG_FUNCTION(this << requestId);
    auto it = m_active.find(requestId);
    if (it == m_active.end())
    {
        Release(requestId); // withdraws a waiting request; ignores unknown ids
        return;
    }
    const uint64_t imsi = it->second.imsi;
    m_active.erase(it);
    m_cell->SetDlShareByImsi(imsi, 0.0);
    m_noticeImsis.push_back(imsi);
    ApplyShares(m_noticeImsis, m_roundImsis);
    Simulator::Schedule(
        m_rejectNotice, &SlideResourceManager::EndNotice, this, std::vector<uint64_t>{imsi});
}

std::string
SlideResourceManager::CheckUplinkCoverage(uint64_t imsi, double& sinrDb)
{
    sinrDb = std::numeric_limits<double>::quiet_NaN();
    const uint16_t rnti = m_cell->GetRntiOfImsi(imsi);
    double measured = 0;
    if (rnti == 0 || !m_cell->GetUlWidebandSinr(rnti, measured))
    {
        return "";
    }
    sinrDb = measured;
    if (!m_coverageCheck || BandwidthShareFfrAlgorithm::UlCqiFromSinrDb(measured) > 0)
    {
        return "";
    }
    std::ostringstream oss;
    oss << "OUT_OF_COVERAGE: uplink SINR " << std::fixed << std::setprecision(1) << measured
        << " dB per RB at the eNB (SRS over the whole UL band at the UE's maximum power) maps "
           "to UL CQI 0: the scheduler grants it no uplink";
    return oss.str();
}

std::string
SlideResourceManager::GetCoverageRejection(uint64_t imsi) const
{
    auto it = m_outOfCoverage.find(imsi);
    return it == m_outOfCoverage.end() ? "" : it->second;
}

void
SlideResourceManager::AddReservedUe(uint64_t imsi)
{
    NS_LOG_FUNCTION(this << imsi);
    if (std::find(m_reservedImsis.begin(), m_reservedImsis.end(), imsi) == m_reservedImsis.end())
    {
        m_reservedImsis.push_back(imsi);
    }
}

const std::vector<SlideResourceManager::Round>&
SlideResourceManager::GetRounds() const
{
    return m_rounds;
}

double
SlideResourceManager::GetTotalSolveSeconds() const
{
    return m_totalSolveSeconds;
}

double
SlideResourceManager::GetCellBandwidthHz() const
{
    return m_cell ? m_cell->GetBandwidthHz() : 0;
}

double
SlideResourceManager::GetHeldBandwidthHz() const
{
    double sum = 0;
    for (const auto& kv : m_active)
    {
        sum += kv.second.bandwidthHz;
    }
    return sum;
}

int64_t
SlideResourceManager::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    return GetAllocator()->AssignStreams(stream);
}

Ptr<SlideAllocator>
SlideResourceManager::GetAllocator()
{
    if (!m_allocator)
    {
        m_allocator = CreateObject<SlideSolverAllocator>();
    }
    return m_allocator;
}

} // namespace edgeinference
} // namespace ns3
