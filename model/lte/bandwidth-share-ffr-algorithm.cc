/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "bandwidth-share-ffr-algorithm.h"

#include "ns3/boolean.h"
#include "ns3/component-carrier-enb.h"
#include "ns3/log.h"
#include "ns3/lte-amc.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/lte-ue-rrc.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("BandwidthShareFfrAlgorithm");

NS_OBJECT_ENSURE_REGISTERED(BandwidthShareFfrAlgorithm);

namespace
{

/// Tolerance on the sum of the shares and on positive credits.
constexpr double EPS = 1e-9;

} // namespace

BandwidthShareFfrAlgorithm::BandwidthShareFfrAlgorithm()
    : m_ffrSapUser(nullptr)
    , m_ffrSapProvider(nullptr)
    , m_ffrRrcSapUser(nullptr)
    , m_ffrRrcSapProvider(nullptr)
    , m_ulOpenRbs(0)
    , m_ulWindow(0)
    , m_dlOffset(0)
    , m_dlPartitionValid(false)
    , m_ulPartitionValid(false)
    , m_dlTtis(0)
    , m_rotate(true)
    , m_workConserving(false)
    , m_ulExcludeUnshared(true)
    , m_exemptConnecting(true)
{
    NS_LOG_FUNCTION(this);
    m_ffrSapProvider = new MemberLteFfrSapProvider<BandwidthShareFfrAlgorithm>(this);
    m_ffrRrcSapProvider = new MemberLteFfrRrcSapProvider<BandwidthShareFfrAlgorithm>(this);
    // the base class leaves these unset until the RRC configures the cell
    m_dlBandwidth = 0;
    m_ulBandwidth = 0;
    m_cellId = 0;
    m_frCellTypeId = 0;
}

BandwidthShareFfrAlgorithm::~BandwidthShareFfrAlgorithm()
{
    NS_LOG_FUNCTION(this);
    delete m_ffrSapProvider;
    delete m_ffrRrcSapProvider;
}

TypeId
BandwidthShareFfrAlgorithm::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::BandwidthShareFfrAlgorithm")
            .SetParent<LteFfrAlgorithm>()
            .SetGroupName("EdgeInference")
            .AddConstructor<BandwidthShareFfrAlgorithm>()
            .AddAttribute("RotateRbgPositions",
                          "Start the block of contiguous RBGs of the first UE one RBG later in "
                          "every TTI, so that no UE keeps the same frequencies (DL).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&BandwidthShareFfrAlgorithm::m_rotate),
                          MakeBooleanChecker())
            .AddAttribute("WorkConserving",
                          "Let every UE with a positive DL share use the RBGs that no UE owns "
                          "in a TTI (shares summing to less than 1). If false they stay idle.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&BandwidthShareFfrAlgorithm::m_workConserving),
                          MakeBooleanChecker())
            .AddAttribute("UlExcludeUnshared",
                          "While UL shares are set, deny every UL RB to UEs without a positive "
                          "UL share. Caveat: a backlogged excluded UE stops the UL allocation "
                          "loop of the PF/PSS/CQA/TBFQ schedulers in every TTI.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&BandwidthShareFfrAlgorithm::m_ulExcludeUnshared),
                          MakeBooleanChecker())
            .AddAttribute("ExemptConnectingUes",
                          "UEs whose eNB RRC state is not CONNECTED_NORMALLY (random access, "
                          "connection setup, reconfiguration, handover) are not subject to the "
                          "shares, so that RRC signalling and the attach complete.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&BandwidthShareFfrAlgorithm::m_exemptConnecting),
                          MakeBooleanChecker())
            .AddTraceSource(
                "DlPartition",
                "Per TTI (while DL shares are set) and per UE with a share: the "
                "RNTI, the RBGs given to it, the RBGs of the cell.",
                MakeTraceSourceAccessor(&BandwidthShareFfrAlgorithm::m_dlPartitionTrace),
                "ns3::edgeinference::BandwidthShareFfrAlgorithm::"
                "PartitionTracedCallback")
            .AddTraceSource("DlCqiReported",
                            "A UE's downlink wideband CQI report reached the scheduler: RNTI, "
                            "CQI of the first codeword.",
                            MakeTraceSourceAccessor(&BandwidthShareFfrAlgorithm::m_dlCqiTrace),
                            "ns3::edgeinference::BandwidthShareFfrAlgorithm::"
                            "DlCqiTracedCallback")
            .AddTraceSource("UlRegion",
                            "Per TTI (while UL shares are set): RBs open to UEs with an UL "
                            "share, RBs of the uplink band.",
                            MakeTraceSourceAccessor(&BandwidthShareFfrAlgorithm::m_ulRegionTrace),
                            "ns3::edgeinference::BandwidthShareFfrAlgorithm::"
                            "UlRegionTracedCallback");
    return tid;
}

// ---------------------------------------------------------------------------------------
// Static helpers
// ---------------------------------------------------------------------------------------

Ptr<BandwidthShareFfrAlgorithm>
BandwidthShareFfrAlgorithm::GetFromEnbDevice(const Ptr<NetDevice>& enbDevice, uint8_t ccId)
{
    Ptr<ComponentCarrierEnb> cc =
        FindEnbCarrier(enbDevice, ccId, "BandwidthShareFfrAlgorithm::GetFromEnbDevice");
    Ptr<BandwidthShareFfrAlgorithm> ffr =
        DynamicCast<BandwidthShareFfrAlgorithm>(cc->GetFfrAlgorithm());
    if (!ffr)
    {
        throw std::invalid_argument(
            "BandwidthShareFfrAlgorithm::GetFromEnbDevice: the FFR algorithm of carrier " +
            std::to_string(ccId) +
            " is not a BandwidthShareFfrAlgorithm (call LteHelper::SetFfrAlgorithmType("
            "\"ns3::BandwidthShareFfrAlgorithm\") before InstallEnbDevice)");
    }
    ffr->SetEnbRrc(DynamicCast<LteEnbNetDevice>(enbDevice)->GetRrc());
    return ffr;
}

uint16_t
BandwidthShareFfrAlgorithm::GetUeRnti(const Ptr<NetDevice>& ueDevice)
{
    Ptr<LteUeNetDevice> ue = DynamicCast<LteUeNetDevice>(ueDevice);
    if (!ue)
    {
        throw std::invalid_argument(
            "BandwidthShareFfrAlgorithm::GetUeRnti: the device is not an LteUeNetDevice");
    }
    return ue->GetRrc()->GetRnti();
}

std::map<uint16_t, uint32_t>
BandwidthShareFfrAlgorithm::Apportion(const std::map<uint16_t, double>& shares,
                                      std::map<uint16_t, double>& credits,
                                      uint32_t units)
{
    for (auto it = credits.begin(); it != credits.end();)
    {
        it = shares.count(it->first) ? std::next(it) : credits.erase(it);
    }
    std::map<uint16_t, uint32_t> given;
    for (const auto& kv : shares)
    {
        credits[kv.first] += kv.second * units;
        given[kv.first] = 0;
    }
    for (uint32_t u = 0; u < units; ++u)
    {
        auto best = credits.end();
        for (auto it = credits.begin(); it != credits.end(); ++it)
        {
            // strict > keeps the lowest key on ties (the map is ordered)
            if (it->second > EPS && (best == credits.end() || it->second > best->second))
            {
                best = it;
            }
        }
        if (best == credits.end())
        {
            break; // nobody has a positive credit: the remaining units stay unowned
        }
        best->second -= 1.0;
        given[best->first]++;
    }
    return given;
}

uint32_t
BandwidthShareFfrAlgorithm::RbgSizeFromRbs(uint32_t nRb)
{
    if (nRb == 0 || nRb > 110)
    {
        throw std::invalid_argument("BandwidthShareFfrAlgorithm: bandwidth nRb is " +
                                    std::to_string(nRb) + " RB (must be in 1..110)");
    }
    if (nRb <= 10)
    {
        return 1;
    }
    if (nRb <= 26)
    {
        return 2;
    }
    if (nRb <= 63)
    {
        return 3;
    }
    return 4;
}

uint32_t
BandwidthShareFfrAlgorithm::SchedulableRbgs(uint32_t nRb)
{
    return nRb / RbgSizeFromRbs(nRb);
}

double
BandwidthShareFfrAlgorithm::HzToRbgs(double hz, uint32_t nRb)
{
    if (!std::isfinite(hz) || hz < 0)
    {
        std::ostringstream os;
        os << "BandwidthShareFfrAlgorithm: bandwidth hz is " << hz << " (must be >= 0)";
        throw std::invalid_argument(os.str());
    }
    return hz / (RbgSizeFromRbs(nRb) * RB_BANDWIDTH_HZ);
}

double
BandwidthShareFfrAlgorithm::HzToDlShare(double hz, uint32_t nRb)
{
    return HzToRbgs(hz, nRb) / SchedulableRbgs(nRb);
}

double
BandwidthShareFfrAlgorithm::HzToUlShare(double hz, uint32_t nRb)
{
    HzToRbgs(hz, nRb); // validates both arguments
    return hz / (nRb * RB_BANDWIDTH_HZ);
}

// ---------------------------------------------------------------------------------------
// Share API
// ---------------------------------------------------------------------------------------

void
BandwidthShareFfrAlgorithm::SetEnbRrc(const Ptr<LteEnbRrc>& rrc)
{
    NS_LOG_FUNCTION(this << rrc);
    m_ueView.SetRrc(rrc);
}

void
BandwidthShareFfrAlgorithm::StoreShare(const std::string& message)
{
    if (!message.empty())
    {
        throw std::invalid_argument(message);
    }
}

void
BandwidthShareFfrAlgorithm::SetDlShare(uint16_t rnti, double share)
{
    NS_LOG_FUNCTION(this << rnti << share);
    StoreShare(m_dlTable.CheckRnti(rnti, share));
    m_dlTable.SetRnti(rnti, share); // applies from the next TTI
}

void
BandwidthShareFfrAlgorithm::SetUlShare(uint16_t rnti, double share)
{
    NS_LOG_FUNCTION(this << rnti << share);
    StoreShare(m_ulTable.CheckRnti(rnti, share));
    m_ulTable.SetRnti(rnti, share);
}

void
BandwidthShareFfrAlgorithm::SetDlShareByImsi(uint64_t imsi, double share)
{
    NS_LOG_FUNCTION(this << imsi << share);
    if (!m_ueView.GetRrc())
    {
        throw std::logic_error("BandwidthShareFfrAlgorithm::SetDlShareByImsi: no eNB RRC to "
                               "resolve IMSI " +
                               std::to_string(imsi) +
                               " (obtain the algorithm with GetFromEnbDevice or call SetEnbRrc)");
    }
    StoreShare(m_dlTable.CheckImsi(imsi, share));
    m_dlTable.SetImsi(imsi, share);
}

void
BandwidthShareFfrAlgorithm::SetUlShareByImsi(uint64_t imsi, double share)
{
    NS_LOG_FUNCTION(this << imsi << share);
    if (!m_ueView.GetRrc())
    {
        throw std::logic_error("BandwidthShareFfrAlgorithm::SetUlShareByImsi: no eNB RRC to "
                               "resolve IMSI " +
                               std::to_string(imsi) +
                               " (obtain the algorithm with GetFromEnbDevice or call SetEnbRrc)");
    }
    StoreShare(m_ulTable.CheckImsi(imsi, share));
    m_ulTable.SetImsi(imsi, share);
}

void
BandwidthShareFfrAlgorithm::SetDlShares(const std::map<uint16_t, double>& shares)
{
    NS_LOG_FUNCTION(this << shares.size());
    StoreShare(m_dlTable.CheckReplace(shares));
    m_dlTable.Replace(shares);
}

void
BandwidthShareFfrAlgorithm::SetUlShares(const std::map<uint16_t, double>& shares)
{
    NS_LOG_FUNCTION(this << shares.size());
    StoreShare(m_ulTable.CheckReplace(shares));
    m_ulTable.Replace(shares);
}

void
BandwidthShareFfrAlgorithm::ClearShares()
{
    NS_LOG_FUNCTION(this);
    m_dlTable.Clear();
    m_ulTable.Clear();
    m_dlCredits.clear();
    m_ulCredits.clear();
    m_dlOffered.clear();
    m_dlPartitionValid = false;
    m_ulPartitionValid = false;
}

bool
BandwidthShareFfrAlgorithm::HasDlShares() const
{
    return !m_dlTable.IsEmpty();
}

bool
BandwidthShareFfrAlgorithm::HasUlShares() const
{
    return !m_ulTable.IsEmpty();
}

double
BandwidthShareFfrAlgorithm::GetDlShare(uint16_t rnti)
{
    const auto eff = EffectiveShares(false);
    auto it = eff.find(rnti);
    return it == eff.end() ? 0.0 : it->second;
}

uint64_t
BandwidthShareFfrAlgorithm::GetDlRbgsOffered(uint16_t rnti) const
{
    auto it = m_dlOffered.find(rnti);
    return it == m_dlOffered.end() ? 0 : it->second;
}

uint64_t
BandwidthShareFfrAlgorithm::GetDlPartitionTtis() const
{
    return m_dlTtis;
}

void
BandwidthShareFfrAlgorithm::RefreshUeView()
{
    m_ueView.Refresh(m_exemptConnecting);
}

std::map<uint16_t, double>
BandwidthShareFfrAlgorithm::EffectiveShares(bool uplink)
{
    RefreshUeView();
    double sum = 0;
    auto eff = (uplink ? m_ulTable : m_dlTable).Effective(m_ueView, &sum);
    if (sum > 1 + EPS)
    {
        // a UE keyed both ways could push the sum over 1 (the setters cannot see it)
        NS_LOG_WARN("effective " << (uplink ? "UL" : "DL") << " shares sum to " << sum
                                 << ", scaled to 1");
    }
    return eff;
}

// ---------------------------------------------------------------------------------------
// Partitions
// ---------------------------------------------------------------------------------------

void
BandwidthShareFfrAlgorithm::UpdateDlPartition()
{
    const Time now = Simulator::Now();
    if (m_dlPartitionValid && now == m_dlPartitionTime)
    {
        return;
    }
    m_dlPartitionTime = now;
    m_dlPartitionValid = true;
    m_dlOwner.clear();
    m_dlEffective.clear();
    if (!HasDlShares() || m_dlBandwidth == 0)
    {
        return;
    }
    const uint32_t nRbg = m_dlBandwidth / GetRbgSize(m_dlBandwidth);
    m_dlEffective = EffectiveShares(false);
    const auto given = Apportion(m_dlEffective, m_dlCredits, nRbg);
    m_dlOwner.assign(nRbg, 0);
    uint32_t pos = m_dlOffset;
    for (const auto& kv : given)
    {
        for (uint32_t i = 0; i < kv.second; ++i)
        {
            m_dlOwner[pos % nRbg] = kv.first;
            ++pos;
        }
        m_dlOffered[kv.first] += kv.second;
        m_dlPartitionTrace(kv.first, static_cast<uint16_t>(kv.second), nRbg);
        NS_LOG_LOGIC("TTI " << now.As(Time::MS) << " RNTI " << kv.first << " share "
                            << m_dlEffective.at(kv.first) << " RBGs " << kv.second << " of " << nRbg
                            << " credit " << m_dlCredits[kv.first]);
    }
    if (m_rotate)
    {
        m_dlOffset = (m_dlOffset + 1) % nRbg;
    }
    ++m_dlTtis;
}

void
BandwidthShareFfrAlgorithm::UpdateUlPartition()
{
    const Time now = Simulator::Now();
    if (m_ulPartitionValid && now == m_ulPartitionTime)
    {
        return;
    }
    m_ulPartitionTime = now;
    m_ulPartitionValid = true;
    m_ulEffective.clear();
    m_ulOpenRbs = m_ulBandwidth;
    m_ulWindow = m_ulBandwidth;
    if (!HasUlShares() || !m_enabledInUplink || m_ulBandwidth == 0)
    {
        return;
    }
    m_ulEffective = EffectiveShares(true);
    const std::map<uint16_t, double> total{{0, UeShareTable::Sum(m_ulEffective)}};
    const auto given = Apportion(total, m_ulCredits, m_ulBandwidth);
    m_ulOpenRbs = static_cast<uint16_t>(given.at(0));
    // every UE allowed in the region must fit: W = floor(R_t / those UEs)
    uint32_t inRegion = 0;
    for (const auto& kv : m_ulEffective)
    {
        inRegion += (kv.second > 0 && !m_ueView.GetConnecting().count(kv.first)) ? 1 : 0;
    }
    if (!m_ulExcludeUnshared)
    {
        for (const auto& kv : m_ueView.GetRntiOfImsi())
        {
            const auto it = m_ulEffective.find(kv.second);
            const bool shared = it != m_ulEffective.end() && it->second > 0;
            inRegion += (!shared && !m_ueView.GetConnecting().count(kv.second)) ? 1 : 0;
        }
    }
    if (inRegion > 0)
    {
        m_ulWindow = std::max<uint16_t>(1, m_ulOpenRbs / inRegion);
    }
    m_ulRegionTrace(m_ulOpenRbs, m_ulBandwidth);
    NS_LOG_LOGIC("TTI " << now.As(Time::MS) << " UL open RBs " << m_ulOpenRbs << " of "
                        << static_cast<uint16_t>(m_ulBandwidth) << ", window " << m_ulWindow);
}

// ---------------------------------------------------------------------------------------
// LteFfrAlgorithm
// ---------------------------------------------------------------------------------------

void
BandwidthShareFfrAlgorithm::SetLteFfrSapUser(LteFfrSapUser* s)
{
    NS_LOG_FUNCTION(this << s);
    m_ffrSapUser = s;
}

LteFfrSapProvider*
BandwidthShareFfrAlgorithm::GetLteFfrSapProvider()
{
    NS_LOG_FUNCTION(this);
    return m_ffrSapProvider;
}

void
BandwidthShareFfrAlgorithm::SetLteFfrRrcSapUser(LteFfrRrcSapUser* s)
{
    NS_LOG_FUNCTION(this << s);
    m_ffrRrcSapUser = s;
}

LteFfrRrcSapProvider*
BandwidthShareFfrAlgorithm::GetLteFfrRrcSapProvider()
{
    NS_LOG_FUNCTION(this);
    return m_ffrRrcSapProvider;
}

void
BandwidthShareFfrAlgorithm::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    LteFfrAlgorithm::DoInitialize();
}

void
BandwidthShareFfrAlgorithm::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_ueView.SetRrc(nullptr);
    LteFfrAlgorithm::DoDispose();
}

void
BandwidthShareFfrAlgorithm::Reconfigure()
{
    NS_LOG_FUNCTION(this);
    // no automatic (FrCellTypeId) configuration: the shares are set by the user
    m_needReconfiguration = false;
}

std::vector<bool>
BandwidthShareFfrAlgorithm::DoGetAvailableDlRbg()
{
    NS_LOG_FUNCTION(this);
    // first FFR call of a TTI in every FFR-aware ns-3.37 scheduler: computes the partition
    UpdateDlPartition();
    // no RBG is blocked for all UEs: HARQ retransmissions may use any RBG
    return std::vector<bool>(m_dlBandwidth / GetRbgSize(m_dlBandwidth), false);
}

bool
BandwidthShareFfrAlgorithm::DoIsDlRbgAvailableForUe(int i, uint16_t rnti)
{
    UpdateDlPartition();
    if (m_dlOwner.empty())
    {
        return !HasDlShares(); // transparent; shares set but no bandwidth yet: nothing
    }
    if (i < 0 || static_cast<std::size_t>(i) >= m_dlOwner.size())
    {
        return false;
    }
    const uint16_t owner = m_dlOwner[i];
    if (owner == rnti || m_ueView.GetConnecting().count(rnti))
    {
        return true;
    }
    if (owner == 0 && m_workConserving)
    {
        auto it = m_dlEffective.find(rnti);
        return it != m_dlEffective.end() && it->second > 0;
    }
    return false;
}

std::vector<bool>
BandwidthShareFfrAlgorithm::DoGetAvailableUlRbg()
{
    NS_LOG_FUNCTION(this);
    UpdateUlPartition();
    // nothing is blocked for every UE: random-access grants always find room
    return std::vector<bool>(m_ulBandwidth, false);
}

bool
BandwidthShareFfrAlgorithm::DoIsUlRbgAvailableForUe(int i, uint16_t rnti)
{
    UpdateUlPartition();
    if (!HasUlShares() || !m_enabledInUplink || m_ueView.GetConnecting().count(rnti))
    {
        return true;
    }
    if (i < 0 || i >= m_ulOpenRbs)
    {
        return false;
    }
    if (!m_ulExcludeUnshared)
    {
        return true;
    }
    auto it = m_ulEffective.find(rnti);
    return it != m_ulEffective.end() && it->second > 0;
}

void
BandwidthShareFfrAlgorithm::DoReportDlCqiInfo(
    const struct FfMacSchedSapProvider::SchedDlCqiInfoReqParameters& params)
{
    // CQIs do not change the partition; they are kept for allocators (GetDlWidebandCqi)
    for (const auto& report : params.m_cqiList)
    {
        if (report.m_cqiType == CqiListElement_s::A30)
        {
            // the scheduler's MCS source (GetDlSchedulingCqi): the lowest subband CQI
            int lowest = -1;
            for (const auto& subband : report.m_sbMeasResult.m_higherLayerSelected)
            {
                if (!subband.m_sbCqi.empty() && (lowest < 0 || subband.m_sbCqi.front() < lowest))
                {
                    lowest = subband.m_sbCqi.front();
                }
            }
            if (lowest >= 0)
            {
                m_dlSubbandCqi[report.m_rnti] = {static_cast<uint8_t>(lowest), Simulator::Now()};
            }
        }
        if (report.m_wbCqi.empty())
        {
            continue;
        }
        const uint8_t cqi = report.m_wbCqi.front();
        m_dlWidebandCqi[report.m_rnti] = {cqi, Simulator::Now()};
        m_dlCqiTrace(report.m_rnti, cqi);
    }
}

bool
BandwidthShareFfrAlgorithm::GetDlWidebandCqi(uint16_t rnti, uint8_t& cqi, Time& when) const
{
    auto it = m_dlWidebandCqi.find(rnti);
    if (it == m_dlWidebandCqi.end())
    {
        return false;
    }
    cqi = it->second.first;
    when = it->second.second;
    return true;
}

bool
BandwidthShareFfrAlgorithm::GetDlSchedulingCqi(uint16_t rnti, uint8_t& cqi, Time& when) const
{
    auto it = m_dlSubbandCqi.find(rnti);
    if (it == m_dlSubbandCqi.end())
    {
        return GetDlWidebandCqi(rnti, cqi, when);
    }
    cqi = it->second.first;
    when = it->second.second;
    return true;
}

uint16_t
BandwidthShareFfrAlgorithm::GetRntiOfImsi(uint64_t imsi)
{
    RefreshUeView();
    return m_ueView.GetRnti(imsi);
}

void
BandwidthShareFfrAlgorithm::DoReportUlCqiInfo(
    const struct FfMacSchedSapProvider::SchedUlCqiInfoReqParameters& /* params */)
{
    // CQIs do not change the partition
}

void
BandwidthShareFfrAlgorithm::DoReportUlCqiInfo(std::map<uint16_t, std::vector<double>> ulCqiMap)
{
    // CQIs do not change the partition; they are kept for allocators (GetUlWidebandSinr)
    m_ulSinrDb = std::move(ulCqiMap);
}

bool
BandwidthShareFfrAlgorithm::GetUlWidebandSinr(uint16_t rnti, double& sinrDb) const
{
    auto it = m_ulSinrDb.find(rnti);
    if (it == m_ulSinrDb.end())
    {
        return false;
    }
    // the schedulers mark RBs without a measurement with NO_SINR = -5000 dB
    constexpr double NO_MEASUREMENT_DB = -4999;
    bool any = false;
    double lowest = 0;
    for (double s : it->second)
    {
        if (s > NO_MEASUREMENT_DB && (!any || s < lowest))
        {
            lowest = s;
            any = true;
        }
    }
    if (any)
    {
        sinrDb = lowest;
    }
    return any;
}

int
BandwidthShareFfrAlgorithm::UlCqiFromSinrDb(double sinrDb)
{
    Ptr<LteAmc> amc = CreateObject<LteAmc>();
    const double gap = -std::log(5.0 * 0.00005) / 1.5;
    const double s = std::log2(1 + std::pow(10.0, sinrDb / 10) / gap);
    return amc->GetCqiFromSpectralEfficiency(s);
}

uint8_t
BandwidthShareFfrAlgorithm::DoGetTpc(uint16_t /* rnti */)
{
    // 1 = 0 dB in accumulated mode, -1 dB in absolute mode (TS 36.213 Table 5.1.1.1-2)
    return 1;
}

uint16_t
BandwidthShareFfrAlgorithm::DoGetMinContinuousUlBandwidth()
{
    NS_LOG_FUNCTION(this);
    UpdateUlPartition();
    return m_ulWindow;
}

void
BandwidthShareFfrAlgorithm::DoReportUeMeas(uint16_t rnti, LteRrcSap::MeasResults measResults)
{
    NS_LOG_FUNCTION(this << rnti << static_cast<uint16_t>(measResults.measId));
    // no measurement configured: nothing to do
}

void
BandwidthShareFfrAlgorithm::DoRecvLoadInformation(EpcX2Sap::LoadInformationParams /* params */)
{
    NS_LOG_FUNCTION(this);
    // no inter-cell coordination
}

} // namespace edgeinference
} // namespace ns3
