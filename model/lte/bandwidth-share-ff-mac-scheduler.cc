/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "bandwidth-share-ff-mac-scheduler.h"

#include "ns3/boolean.h"
#include "ns3/component-carrier-enb.h"
#include "ns3/log.h"
#include "ns3/lte-amc.h"
#include "ns3/lte-common.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("BandwidthShareFfMacScheduler");

NS_OBJECT_ENSURE_REGISTERED(BandwidthShareFfMacScheduler);

namespace
{

/// Tolerance on positive credits.
constexpr double EPS = 1e-9;

/// A maximal run of contiguous pooled RBs and how much of it is already given out.
struct Run
{
    uint16_t start;                                      ///< first RB
    uint16_t len;                                        ///< RBs in the run
    uint16_t used;                                       ///< RBs given out, from start on
    std::vector<std::pair<uint16_t, uint16_t>> segments; ///< (rnti, RBs) in order
};

} // namespace

// ---------------------------------------------------------------------------------------
// SAP wrappers
// ---------------------------------------------------------------------------------------

BandwidthShareFfMacScheduler::SchedSapUserWrapper::SchedSapUserWrapper(
    BandwidthShareFfMacScheduler* owner)
    : m_owner(owner)
{
}

void
BandwidthShareFfMacScheduler::SchedSapUserWrapper::SchedDlConfigInd(
    const struct SchedDlConfigIndParameters& params)
{
    m_owner->m_macSapUser->SchedDlConfigInd(params);
}

void
BandwidthShareFfMacScheduler::SchedSapUserWrapper::SchedUlConfigInd(
    const struct SchedUlConfigIndParameters& params)
{
    m_owner->DoSchedUlConfigInd(params);
}

BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedSapProviderWrapper(
    BandwidthShareFfMacScheduler* owner, FfMacSchedSapProvider* pf)
    : m_owner(owner)
    , m_pf(pf)
{
}

FfMacSchedSapProvider*
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::GetPf() const
{
    return m_pf;
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedDlRlcBufferReq(
    const struct SchedDlRlcBufferReqParameters& params)
{
    m_pf->SchedDlRlcBufferReq(params);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedDlPagingBufferReq(
    const struct SchedDlPagingBufferReqParameters& params)
{
    m_pf->SchedDlPagingBufferReq(params);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedDlMacBufferReq(
    const struct SchedDlMacBufferReqParameters& params)
{
    m_pf->SchedDlMacBufferReq(params);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedDlTriggerReq(
    const struct SchedDlTriggerReqParameters& params)
{
    m_pf->SchedDlTriggerReq(params);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedDlRachInfoReq(
    const struct SchedDlRachInfoReqParameters& params)
{
    // Work-around of an ns-3.37 abort with many UEs attaching at once ("No info find in
    // HARQ buffer for UE 0", src/lte/model/pf-ff-mac-scheduler.cc,
    // PfFfMacScheduler::DoSchedDlTriggerReq, random-access loop). LteEnbMac::
    // DoSubframeIndication (lte-enb-mac.cc) asks the RRC for a temporary C-RNTI for every
    // received preamble, and LteEnbRrc::DoAllocateTemporaryCellRnti (lte-enb-rrc.cc) returns
    // 0 when all SRS configuration indices are taken (IsMaxSrsReached()); the MAC forwards
    // that RNTI 0 to the scheduler, whose HARQ maps have no entry for it. The indices run
    // out because PF sends only the random-access responses whose Msg3 fits in the uplink
    // band of the TTI (6 RBs each at UlGrantMcs 0: 4 per TTI at 25 RBs) and forgets the
    // other preambles of the TTI after the RRC has created their UE contexts: each such UE
    // retries and takes one more context, and every stale context holds an SRS index until
    // its ConnectionRequestTimeoutDuration (15 ms) expires. A preamble without an RNTI gets
    // no random-access response here, as on a preamble collision; the UE retries after its
    // response window.
    SchedDlRachInfoReqParameters filtered = params;
    const auto noRnti = std::remove_if(filtered.m_rachList.begin(),
                                       filtered.m_rachList.end(),
                                       [](const RachListElement_s& r) { return r.m_rnti == 0; });
    if (noRnti != filtered.m_rachList.end())
    {
        const auto dropped = std::distance(noRnti, filtered.m_rachList.end());
        m_owner->m_rachWithoutRnti += dropped;
        NS_LOG_INFO("dropped " << dropped
                               << " random-access preamble(s) without a temporary C-RNTI "
                                  "(no free SRS index at the eNB RRC)");
        filtered.m_rachList.erase(noRnti, filtered.m_rachList.end());
    }
    if (!filtered.m_rachList.empty())
    {
        m_owner->m_lastRach = Simulator::Now(); // PF reserves UL RBs for their Msg3
    }
    m_pf->SchedDlRachInfoReq(filtered);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedDlCqiInfoReq(
    const struct SchedDlCqiInfoReqParameters& params)
{
    m_pf->SchedDlCqiInfoReq(params);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedUlTriggerReq(
    const struct SchedUlTriggerReqParameters& params)
{
    m_pf->SchedUlTriggerReq(params);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedUlNoiseInterferenceReq(
    const struct SchedUlNoiseInterferenceReqParameters& params)
{
    m_pf->SchedUlNoiseInterferenceReq(params);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedUlSrInfoReq(
    const struct SchedUlSrInfoReqParameters& params)
{
    m_pf->SchedUlSrInfoReq(params);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedUlMacCtrlInfoReq(
    const struct SchedUlMacCtrlInfoReqParameters& params)
{
    // the same decoding as PfFfMacScheduler::DoSchedUlMacCtrlInfoReq: LCGs summed
    for (const auto& ce : params.m_macCeList)
    {
        if (ce.m_macCeType == MacCeListElement_s::BSR)
        {
            uint32_t buffer = 0;
            for (uint8_t id : ce.m_macCeValue.m_bufferStatus)
            {
                buffer += BufferSizeLevelBsr::BsrId2BufferSize(id);
            }
            m_owner->m_ulBuffer[ce.m_rnti] = buffer;
        }
    }
    m_pf->SchedUlMacCtrlInfoReq(params);
}

void
BandwidthShareFfMacScheduler::SchedSapProviderWrapper::SchedUlCqiInfoReq(
    const struct SchedUlCqiInfoReqParameters& params)
{
    m_pf->SchedUlCqiInfoReq(params);
}

BandwidthShareFfMacScheduler::CschedSapProviderWrapper::CschedSapProviderWrapper(
    BandwidthShareFfMacScheduler* owner, FfMacCschedSapProvider* pf)
    : m_owner(owner)
    , m_pf(pf)
{
}

void
BandwidthShareFfMacScheduler::CschedSapProviderWrapper::CschedCellConfigReq(
    const struct CschedCellConfigReqParameters& params)
{
    m_owner->m_ulBandwidth = params.m_ulBandwidth;
    m_pf->CschedCellConfigReq(params);
}

void
BandwidthShareFfMacScheduler::CschedSapProviderWrapper::CschedUeConfigReq(
    const struct CschedUeConfigReqParameters& params)
{
    m_pf->CschedUeConfigReq(params);
}

void
BandwidthShareFfMacScheduler::CschedSapProviderWrapper::CschedLcConfigReq(
    const struct CschedLcConfigReqParameters& params)
{
    m_pf->CschedLcConfigReq(params);
}

void
BandwidthShareFfMacScheduler::CschedSapProviderWrapper::CschedLcReleaseReq(
    const struct CschedLcReleaseReqParameters& params)
{
    m_pf->CschedLcReleaseReq(params);
}

void
BandwidthShareFfMacScheduler::CschedSapProviderWrapper::CschedUeReleaseReq(
    const struct CschedUeReleaseReqParameters& params)
{
    // the RNTI may be given to another UE later: its RNTI-keyed share must not follow it
    NS_LOG_INFO("UE " << params.m_rnti << " released: its RNTI-keyed UL share is removed");
    m_owner->m_table.EraseRnti(params.m_rnti);
    m_owner->m_credits.erase(params.m_rnti);
    m_owner->m_ulBuffer.erase(params.m_rnti);
    m_pf->CschedUeReleaseReq(params);
}

// ---------------------------------------------------------------------------------------
// Object
// ---------------------------------------------------------------------------------------

TypeId
BandwidthShareFfMacScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::BandwidthShareFfMacScheduler")
            .SetParent<PfFfMacScheduler>()
            .SetGroupName("EdgeInference")
            .AddConstructor<BandwidthShareFfMacScheduler>()
            .AddAttribute("MinUlGrantRbs",
                          "Smallest uplink grant given to a UE with a share, in RBs (PF's own "
                          "minimum is 3 RBs, so that a transport block carries at least 7 "
                          "bytes at MCS 0).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&BandwidthShareFfMacScheduler::m_minGrant),
                          MakeUintegerChecker<uint32_t>(1, 110))
            .AddAttribute("ResyncUlBsr",
                          "If true, in every TTI with shares PF's uplink buffer estimate of each "
                          "UE it granted is reset to the UE's last BSR minus the TB sizes this "
                          "scheduler actually granted (PF lowers it by its own, larger TBs, "
                          "which can stall a UE with a small share until its next BSR).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&BandwidthShareFfMacScheduler::m_resyncUlBsr),
                          MakeBooleanChecker())
            .AddAttribute("PoolFreeUlRbs",
                          "If true, the RBs PF leaves idle in a TTI with shares (its equal split "
                          "gives floor(N / n) RBs to each of n UEs) join the pool re-partitioned "
                          "among the UEs with a share, so that the shares apply to the whole "
                          "uplink; not within 10 ms of a random access (PF reserves RBs for its "
                          "Msg3 that the DCIs do not show).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&BandwidthShareFfMacScheduler::m_poolFreeUlRbs),
                          MakeBooleanChecker())
            .AddAttribute("UlWorkConserving",
                          "If true, all RBs that PF gives to new transmissions are split among "
                          "the UEs with a positive share, in proportion to the shares (dimension"
                          "less; normalised to their sum). If false, a UE gets on average at "
                          "most share x UlBandwidth RBs per TTI and the rest stays idle.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&BandwidthShareFfMacScheduler::m_workConserving),
                          MakeBooleanChecker())
            .AddAttribute("ExemptConnectingUes",
                          "If true, a UE whose eNB RRC state is not CONNECTED_NORMALLY keeps "
                          "PF's grant unchanged, so that RRC signalling and attach complete "
                          "before an allocator provisioned it (needs the eNB RRC: "
                          "GetFromEnbDevice or SetEnbRrc).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&BandwidthShareFfMacScheduler::m_exemptConnecting),
                          MakeBooleanChecker())
            .AddTraceSource("UlGrant",
                            "An uplink grant of a new transmission sent to the MAC (after the "
                            "re-partition): RNTI, first RB, number of RBs, TB size in bytes.",
                            MakeTraceSourceAccessor(&BandwidthShareFfMacScheduler::m_ulGrantTrace),
                            "ns3::edgeinference::BandwidthShareFfMacScheduler::"
                            "UlGrantTracedCallback");
    return tid;
}

BandwidthShareFfMacScheduler::BandwidthShareFfMacScheduler()
    : m_macSapUser(nullptr)
    , m_wrapper(nullptr)
    , m_cschedWrapper(nullptr)
    , m_schedWrapper(nullptr)
    , m_resyncUlBsr(true)
    , m_poolFreeUlRbs(true)
    , m_lastRach(Seconds(-1))
    , m_rachWithoutRnti(0)
    , m_ulBandwidth(0)
    , m_amc(CreateObject<LteAmc>())
    , m_minGrant(3)
    , m_workConserving(true)
    , m_exemptConnecting(true)
{
    NS_LOG_FUNCTION(this);
    m_wrapper = new SchedSapUserWrapper(this);
}

BandwidthShareFfMacScheduler::~BandwidthShareFfMacScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
BandwidthShareFfMacScheduler::DoDispose()
{
    NS_LOG_FUNCTION(this);
    PfFfMacScheduler::DoDispose();
    delete m_wrapper;
    m_wrapper = nullptr;
    delete m_cschedWrapper;
    m_cschedWrapper = nullptr;
    delete m_schedWrapper;
    m_schedWrapper = nullptr;
    m_macSapUser = nullptr;
    m_amc = nullptr;
    m_ueView.SetRrc(nullptr);
}

void
BandwidthShareFfMacScheduler::SetFfMacSchedSapUser(FfMacSchedSapUser* s)
{
    NS_LOG_FUNCTION(this << s);
    m_macSapUser = s;
    PfFfMacScheduler::SetFfMacSchedSapUser(m_wrapper);
}

FfMacCschedSapProvider*
BandwidthShareFfMacScheduler::GetFfMacCschedSapProvider()
{
    NS_LOG_FUNCTION(this);
    if (!m_cschedWrapper)
    {
        m_cschedWrapper =
            new CschedSapProviderWrapper(this, PfFfMacScheduler::GetFfMacCschedSapProvider());
    }
    return m_cschedWrapper;
}

FfMacSchedSapProvider*
BandwidthShareFfMacScheduler::GetFfMacSchedSapProvider()
{
    NS_LOG_FUNCTION(this);
    if (!m_schedWrapper)
    {
        m_schedWrapper =
            new SchedSapProviderWrapper(this, PfFfMacScheduler::GetFfMacSchedSapProvider());
    }
    return m_schedWrapper;
}

Ptr<BandwidthShareFfMacScheduler>
BandwidthShareFfMacScheduler::GetFromEnbDevice(const Ptr<NetDevice>& enbDevice, uint8_t ccId)
{
    Ptr<ComponentCarrierEnb> cc;
    try
    {
        cc = FindEnbCarrier(enbDevice, ccId, "BandwidthShareFfMacScheduler::GetFromEnbDevice");
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR(e.what());
    }
    Ptr<BandwidthShareFfMacScheduler> sched =
        DynamicCast<BandwidthShareFfMacScheduler>(cc->GetFfMacScheduler());
    if (!sched)
    {
        NS_FATAL_ERROR("BandwidthShareFfMacScheduler::GetFromEnbDevice: the scheduler of "
                       "carrier "
                       << static_cast<uint32_t>(ccId)
                       << " is not a BandwidthShareFfMacScheduler (call LteHelper::"
                          "SetSchedulerType(\"ns3::BandwidthShareFfMacScheduler\") before "
                          "InstallEnbDevice)");
    }
    sched->SetEnbRrc(DynamicCast<LteEnbNetDevice>(enbDevice)->GetRrc());
    return sched;
}

void
BandwidthShareFfMacScheduler::SetEnbRrc(const Ptr<LteEnbRrc>& rrc)
{
    NS_LOG_FUNCTION(this << rrc);
    m_ueView.SetRrc(rrc);
}

// ---------------------------------------------------------------------------------------
// Share API
// ---------------------------------------------------------------------------------------

std::string
BandwidthShareFfMacScheduler::ValidateUlShares(const std::map<uint16_t, double>& shareByRnti)
{
    return UeShareTable(SHARE_LABEL).CheckReplace(shareByRnti);
}

void
BandwidthShareFfMacScheduler::CheckCqiFilter() const
{
    if (m_ulCqiFilter == FfMacScheduler::PUSCH_UL_CQI)
    {
        NS_FATAL_ERROR("BandwidthShareFfMacScheduler: UL shares need UlCqiFilter = SRS_UL_CQI "
                       "(PUSCH_UL_CQI is set): PF maps PUSCH SINRs to UEs through its own RB "
                       "allocation, which the shares change");
    }
}

void
BandwidthShareFfMacScheduler::SetUlShares(const std::map<uint16_t, double>& shareByRnti)
{
    NS_LOG_FUNCTION(this << shareByRnti.size());
    const std::string msg = ValidateUlShares(shareByRnti);
    if (!msg.empty())
    {
        NS_FATAL_ERROR(msg);
    }
    if (!shareByRnti.empty())
    {
        CheckCqiFilter();
    }
    m_table.Replace(shareByRnti);
    m_credits.clear();
}

void
BandwidthShareFfMacScheduler::SetUlShare(uint16_t rnti, double share)
{
    NS_LOG_FUNCTION(this << rnti << share);
    const std::string msg = m_table.CheckRnti(rnti, share);
    if (!msg.empty())
    {
        NS_FATAL_ERROR(msg);
    }
    CheckCqiFilter();
    m_table.SetRnti(rnti, share);
    m_credits.erase(rnti);
}

void
BandwidthShareFfMacScheduler::SetUlShareByImsi(uint64_t imsi, double share)
{
    NS_LOG_FUNCTION(this << imsi << share);
    if (!m_ueView.GetRrc())
    {
        NS_FATAL_ERROR("BandwidthShareFfMacScheduler::SetUlShareByImsi: no eNB RRC to resolve "
                       "IMSI "
                       << imsi << " (obtain the scheduler with GetFromEnbDevice or call "
                       << "SetEnbRrc)");
    }
    const std::string msg = m_table.CheckImsi(imsi, share);
    if (!msg.empty())
    {
        NS_FATAL_ERROR(msg);
    }
    CheckCqiFilter();
    m_table.SetImsi(imsi, share);
    auto it = m_ueView.GetRntiOfImsi().find(imsi);
    if (it != m_ueView.GetRntiOfImsi().end())
    {
        m_credits.erase(it->second);
    }
}

void
BandwidthShareFfMacScheduler::ClearUlShares()
{
    NS_LOG_FUNCTION(this);
    m_table.Clear();
    m_credits.clear();
}

bool
BandwidthShareFfMacScheduler::HasUlShares() const
{
    return !m_table.IsEmpty();
}

double
BandwidthShareFfMacScheduler::GetUlShare(uint16_t rnti)
{
    const auto eff = EffectiveShares();
    auto it = eff.find(rnti);
    return it == eff.end() ? 0.0 : it->second;
}

uint64_t
BandwidthShareFfMacScheduler::GetUlRbsGranted(uint16_t rnti) const
{
    auto it = m_granted.find(rnti);
    return it == m_granted.end() ? 0 : it->second;
}

uint64_t
BandwidthShareFfMacScheduler::GetRachWithoutRnti() const
{
    return m_rachWithoutRnti;
}

void
BandwidthShareFfMacScheduler::RefreshUeView()
{
    m_ueView.Refresh(m_exemptConnecting);
}

std::map<uint16_t, double>
BandwidthShareFfMacScheduler::EffectiveShares()
{
    RefreshUeView();
    return m_table.Effective(m_ueView);
}

// ---------------------------------------------------------------------------------------
// Re-partition
// ---------------------------------------------------------------------------------------

std::map<uint16_t, uint32_t>
BandwidthShareFfMacScheduler::ApportionRbs(const std::map<uint16_t, double>& quota,
                                           std::map<uint16_t, double>& credits,
                                           uint32_t units,
                                           uint32_t minGrant,
                                           bool workConserving)
{
    NS_ASSERT_MSG(minGrant >= 1, "minGrant must be at least 1");
    std::map<uint16_t, uint32_t> given;
    for (const auto& kv : quota)
    {
        credits[kv.first] += kv.second;
        given[kv.first] = 0;
    }
    uint32_t remaining = units;
    while (remaining > 0)
    {
        bool found = false;
        uint16_t best = 0;
        double bestValue = 0;
        for (const auto& kv : given)
        {
            const uint32_t need = kv.second == 0 ? minGrant : 1;
            if (need > remaining)
            {
                continue;
            }
            const double value = credits[kv.first] - kv.second;
            if (!workConserving && value <= EPS)
            {
                continue;
            }
            // strict > keeps the lowest RNTI on ties (the map is ordered)
            if (!found || value > bestValue)
            {
                found = true;
                best = kv.first;
                bestValue = value;
            }
        }
        if (!found)
        {
            break;
        }
        const uint32_t give = given[best] == 0 ? minGrant : 1;
        given[best] += give;
        remaining -= give;
    }
    return given;
}

std::vector<UlDciListElement_s>
BandwidthShareFfMacScheduler::RepartitionUlDcis(const std::vector<UlDciListElement_s>& dcis,
                                                const std::map<uint16_t, double>& shares,
                                                const std::set<uint16_t>& exempt,
                                                std::map<uint16_t, double>& credits,
                                                uint16_t ulBandwidth,
                                                uint32_t minGrant,
                                                bool workConserving,
                                                const Ptr<LteAmc>& amc,
                                                bool poolFreeRbs)
{
    std::vector<UlDciListElement_s> out;
    // PF's new-transmission DCI of each UE subject to the shares, and the pooled RBs
    std::map<uint16_t, UlDciListElement_s> pfDci;
    uint32_t maxRb = ulBandwidth;
    for (const auto& dci : dcis)
    {
        maxRb = std::max<uint32_t>(maxRb, dci.m_rbStart + dci.m_rbLen);
    }
    std::vector<bool> pooled(maxRb, false);
    for (const auto& dci : dcis)
    {
        if (dci.m_ndi == 0 || exempt.count(dci.m_rnti) || pfDci.count(dci.m_rnti))
        {
            out.push_back(dci); // HARQ retx, exempt UE: unchanged
            continue;
        }
        pfDci[dci.m_rnti] = dci;
        for (uint32_t rb = dci.m_rbStart; rb < dci.m_rbStart + dci.m_rbLen; ++rb)
        {
            pooled[rb] = true;
        }
    }
    if (poolFreeRbs && !pfDci.empty())
    {
        // PF's equal split leaves N - floor(N / n) n RBs idle: they join the pool
        std::vector<bool> used(maxRb, false);
        for (const auto& dci : dcis)
        {
            for (uint32_t rb = dci.m_rbStart; rb < dci.m_rbStart + dci.m_rbLen; ++rb)
            {
                used[rb] = true;
            }
        }
        for (uint32_t rb = 0; rb < ulBandwidth; ++rb)
        {
            pooled[rb] = pooled[rb] || !used[rb];
        }
    }
    std::vector<Run> runs;
    uint32_t pool = 0;
    for (uint32_t rb = 0; rb < pooled.size(); ++rb)
    {
        if (!pooled[rb])
        {
            continue;
        }
        ++pool;
        if (!runs.empty() && runs.back().start + runs.back().len == rb)
        {
            runs.back().len++;
        }
        else
        {
            runs.push_back(Run{static_cast<uint16_t>(rb), 1, 0, {}});
        }
    }

    // quotas of the UEs PF scheduled that have a positive share
    std::map<uint16_t, double> quota;
    double shareSum = 0;
    for (const auto& kv : pfDci)
    {
        auto it = shares.find(kv.first);
        if (it != shares.end() && it->second > 0)
        {
            quota[kv.first] = it->second;
            shareSum += it->second;
        }
        else
        {
            NS_LOG_LOGIC("UE " << kv.first << " has no UL share: PF's grant of "
                               << static_cast<uint32_t>(kv.second.m_rbLen) << " RBs removed");
        }
    }
    double quotaSum = 0;
    for (auto& kv : quota)
    {
        kv.second = workConserving ? pool * kv.second / shareSum : kv.second * ulBandwidth;
        quotaSum += kv.second;
    }
    if (quotaSum > pool)
    {
        for (auto& kv : quota)
        {
            kv.second *= pool / quotaSum;
        }
    }
    const auto wanted = ApportionRbs(quota, credits, pool, minGrant, workConserving);

    // place the counts as contiguous segments: largest first, first run that fits
    std::vector<std::pair<uint32_t, uint16_t>> order; // (count, rnti)
    for (const auto& kv : wanted)
    {
        if (kv.second > 0)
        {
            order.emplace_back(kv.second, kv.first);
        }
    }
    std::stable_sort(order.begin(),
                     order.end(),
                     [](const std::pair<uint32_t, uint16_t>& a,
                        const std::pair<uint32_t, uint16_t>& b) { return a.first > b.first; });
    for (const auto& o : order)
    {
        Run* target = nullptr;
        for (auto& run : runs)
        {
            if (static_cast<uint32_t>(run.len - run.used) >= o.first)
            {
                target = &run;
                break;
            }
        }
        uint32_t count = o.first;
        if (!target)
        {
            // no run holds the whole count: the largest free piece, if a grant fits
            for (auto& run : runs)
            {
                if (!target || run.len - run.used > target->len - target->used)
                {
                    target = &run;
                }
            }
            count = target ? static_cast<uint32_t>(target->len - target->used) : 0;
            if (count < minGrant)
            {
                NS_LOG_LOGIC("UE " << o.second << " wanted " << o.first
                                   << " RBs: no room in one piece this TTI");
                continue;
            }
        }
        target->segments.emplace_back(o.second, static_cast<uint16_t>(count));
        target->used += count;
    }
    std::map<uint16_t, uint32_t> actual;
    for (const auto& kv : quota)
    {
        actual[kv.first] = 0;
    }
    std::set<uint16_t> placed;
    for (const auto& run : runs)
    {
        for (const auto& seg : run.segments)
        {
            placed.insert(seg.first);
        }
    }
    for (auto& run : runs)
    {
        const uint32_t free = run.len - run.used;
        if (workConserving && free > 0)
        {
            // the free piece goes to a UE without a grant in this TTI (largest credit), else
            // it extends the last segment of the run
            bool found = false;
            uint16_t best = 0;
            if (free >= minGrant)
            {
                for (const auto& kv : quota)
                {
                    if (!placed.count(kv.first) &&
                        (!found || credits.at(kv.first) > credits.at(best)))
                    {
                        found = true;
                        best = kv.first;
                    }
                }
            }
            if (found)
            {
                run.segments.emplace_back(best, static_cast<uint16_t>(free));
                placed.insert(best);
                run.used = run.len;
            }
            else if (!run.segments.empty())
            {
                run.segments.back().second += free;
                run.used = run.len;
            }
        }
        uint16_t rb = run.start;
        for (const auto& seg : run.segments)
        {
            UlDciListElement_s dci = pfDci.at(seg.first);
            dci.m_rbStart = static_cast<uint8_t>(rb);
            dci.m_rbLen = static_cast<uint8_t>(seg.second);
            dci.m_tbSize =
                static_cast<uint16_t>(amc->GetUlTbSizeFromMcs(dci.m_mcs, seg.second) / 8);
            rb += seg.second;
            actual[seg.first] += seg.second;
            NS_LOG_LOGIC("UE " << seg.first << " share " << shares.at(seg.first) << " quota "
                               << quota.at(seg.first) << " PF RBs "
                               << static_cast<uint32_t>(pfDci.at(seg.first).m_rbLen) << " -> RBs "
                               << seg.second << " from " << static_cast<uint32_t>(dci.m_rbStart)
                               << " TB " << dci.m_tbSize << " B");
            out.push_back(dci);
        }
    }
    // a fragmented pool can keep a UE below its quota: bound the credits so that it does
    // not take more than one band's worth once the pool is whole again
    const double cap = std::max<double>(ulBandwidth, pool);
    for (const auto& kv : actual)
    {
        double& c = credits[kv.first];
        c = std::min(cap, std::max(-cap, c - kv.second));
    }
    return out;
}

void
BandwidthShareFfMacScheduler::DoSchedUlConfigInd(
    const FfMacSchedSapUser::SchedUlConfigIndParameters& params)
{
    NS_LOG_FUNCTION(this);
    FfMacSchedSapUser::SchedUlConfigIndParameters out = params;
    const bool hasShares = HasUlShares();
    if (hasShares)
    {
        CheckCqiFilter();
        const std::map<uint16_t, double> shares = EffectiveShares();
        out.m_dciList =
            RepartitionUlDcis(params.m_dciList,
                              shares,
                              m_ueView.GetConnecting(),
                              m_credits,
                              m_ulBandwidth,
                              m_minGrant,
                              m_workConserving,
                              m_amc,
                              m_poolFreeUlRbs && Simulator::Now() >= m_lastRach + MilliSeconds(10));
    }
    for (const auto& dci : out.m_dciList)
    {
        if (dci.m_ndi == 1)
        {
            m_granted[dci.m_rnti] += dci.m_rbLen;
            m_ulGrantTrace(dci.m_rnti, dci.m_rbStart, dci.m_rbLen, dci.m_tbSize);
            // what the grant takes from the UE's buffer, as PF counts it (2 bytes of RLC)
            auto it = m_ulBuffer.find(dci.m_rnti);
            if (it != m_ulBuffer.end())
            {
                const uint32_t used = dci.m_tbSize > 2 ? dci.m_tbSize - 2U : 0U;
                it->second = it->second > used ? it->second - used : 0;
            }
        }
    }
    m_macSapUser->SchedUlConfigInd(out);
    if (!hasShares || !m_resyncUlBsr || !m_schedWrapper)
    {
        return;
    }
    // PF lowered its estimate by its own TB sizes: give it back what the grants really left
    FfMacSchedSapProvider::SchedUlMacCtrlInfoReqParameters bsr;
    bsr.m_sfnSf = 0;
    for (const auto& dci : params.m_dciList)
    {
        auto it = m_ulBuffer.find(dci.m_rnti);
        if (dci.m_ndi != 1 || it == m_ulBuffer.end() || it->second == 0)
        {
            continue;
        }
        MacCeListElement_s ce;
        ce.m_rnti = dci.m_rnti;
        ce.m_macCeType = MacCeListElement_s::BSR;
        ce.m_macCeValue.m_bufferStatus = {
            BufferSizeLevelBsr::BufferSize2BsrId(it->second), 0, 0, 0};
        bsr.m_macCeList.push_back(ce);
    }
    if (!bsr.m_macCeList.empty())
    {
        m_schedWrapper->GetPf()->SchedUlMacCtrlInfoReq(bsr);
    }
}

} // namespace edgeinference
} // namespace ns3
