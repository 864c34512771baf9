/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "nr-bandwidth-share-scheduler.h"

#include "ns3/bandwidth-share-ffr-algorithm.h"
#include "ns3/log.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/nr-gnb-net-device.h"
#include "ns3/nr-ue-net-device.h"
#include "ns3/nr-ue-phy.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("NrBandwidthShareScheduler");
NS_OBJECT_ENSURE_REGISTERED(NrBandwidthShareScheduler);

TypeId
NrBandwidthShareScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NrBandwidthShareScheduler")
            .SetParent<NrMacSchedulerOfdmaRR>()
            .SetGroupName("EdgeInference")
            .AddConstructor<NrBandwidthShareScheduler>()
            .AddTraceSource("DlRbgs",
                            "The RBGs of a downlink DCI of new data, with the RBGs the slot's "
                            "partition gave the UE (empty if it has no share)",
                            MakeTraceSourceAccessor(&NrBandwidthShareScheduler::m_dlRbgsTrace),
                            "ns3::edgeinference::NrBandwidthShareScheduler::RbgsTracedCallback")
            .AddTraceSource("UlRbgs",
                            "The RBGs of an uplink DCI, with the RBGs the slot's partition gave "
                            "the UE (empty if it has no share)",
                            MakeTraceSourceAccessor(&NrBandwidthShareScheduler::m_ulRbgsTrace),
                            "ns3::edgeinference::NrBandwidthShareScheduler::RbgsTracedCallback");
    return tid;
}

NrBandwidthShareScheduler::NrBandwidthShareScheduler()
{
    NS_LOG_FUNCTION(this);
}

NrBandwidthShareScheduler::~NrBandwidthShareScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
NrBandwidthShareScheduler::DoDispose()
{
    m_ueView.SetRrc(nullptr);
    NrMacSchedulerOfdmaRR::DoDispose();
}

Ptr<NrBandwidthShareScheduler>
NrBandwidthShareScheduler::GetFromGnbDevice(const Ptr<NetDevice>& gnbDevice, uint8_t bwpId)
{
    Ptr<NrGnbNetDevice> gnb = DynamicCast<NrGnbNetDevice>(gnbDevice);
    if (!gnb)
    {
        throw std::invalid_argument(
            "NrBandwidthShareScheduler::GetFromGnbDevice: the device is not an NrGnbNetDevice");
    }
    if (bwpId >= gnb->GetCcMapSize())
    {
        throw std::invalid_argument("NrBandwidthShareScheduler::GetFromGnbDevice: bandwidth "
                                    "part " +
                                    std::to_string(bwpId) + " does not exist (the gNB has " +
                                    std::to_string(gnb->GetCcMapSize()) + ")");
    }
    Ptr<NrBandwidthShareScheduler> s =
        DynamicCast<NrBandwidthShareScheduler>(gnb->GetScheduler(bwpId));
    if (!s)
    {
        throw std::invalid_argument(
            "NrBandwidthShareScheduler::GetFromGnbDevice: the scheduler of bandwidth part " +
            std::to_string(bwpId) +
            " is not an NrBandwidthShareScheduler (install it with "
            "NrHelper::SetSchedulerTypeId(NrBandwidthShareScheduler::GetTypeId()))");
    }
    s->SetGnbRrc(gnb->GetRrc());
    return s;
}

uint16_t
NrBandwidthShareScheduler::GetUeRnti(const Ptr<NetDevice>& ueDevice)
{
    Ptr<NrUeNetDevice> ue = DynamicCast<NrUeNetDevice>(ueDevice);
    if (!ue)
    {
        throw std::invalid_argument(
            "NrBandwidthShareScheduler::GetUeRnti: the device is not an NrUeNetDevice");
    }
    return ue->GetPhy(0)->GetRnti();
}

void
NrBandwidthShareScheduler::SetGnbRrc(const Ptr<LteEnbRrc>& rrc)
{
    NS_LOG_FUNCTION(this << rrc);
    m_ueView.SetRrc(rrc);
}

void
NrBandwidthShareScheduler::StoreShare(const std::string& message)
{
    if (!message.empty())
    {
        throw std::invalid_argument(message);
    }
}

void
NrBandwidthShareScheduler::SetDlShare(uint16_t rnti, double share)
{
    NS_LOG_FUNCTION(this << rnti << share);
    StoreShare(m_dl.table.CheckRnti(rnti, share));
    m_dl.table.SetRnti(rnti, share);
}

void
NrBandwidthShareScheduler::SetUlShare(uint16_t rnti, double share)
{
    NS_LOG_FUNCTION(this << rnti << share);
    StoreShare(m_ul.table.CheckRnti(rnti, share));
    m_ul.table.SetRnti(rnti, share);
}

void
NrBandwidthShareScheduler::SetDlShareByImsi(uint64_t imsi, double share)
{
    NS_LOG_FUNCTION(this << imsi << share);
    if (!m_ueView.GetRrc())
    {
        throw std::logic_error("NrBandwidthShareScheduler::SetDlShareByImsi: no gNB RRC to "
                               "resolve IMSI " +
                               std::to_string(imsi) +
                               " (obtain the scheduler with GetFromGnbDevice or call SetGnbRrc)");
    }
    StoreShare(m_dl.table.CheckImsi(imsi, share));
    m_dl.table.SetImsi(imsi, share);
}

void
NrBandwidthShareScheduler::SetUlShareByImsi(uint64_t imsi, double share)
{
    NS_LOG_FUNCTION(this << imsi << share);
    if (!m_ueView.GetRrc())
    {
        throw std::logic_error("NrBandwidthShareScheduler::SetUlShareByImsi: no gNB RRC to "
                               "resolve IMSI " +
                               std::to_string(imsi) +
                               " (obtain the scheduler with GetFromGnbDevice or call SetGnbRrc)");
    }
    StoreShare(m_ul.table.CheckImsi(imsi, share));
    m_ul.table.SetImsi(imsi, share);
}

void
NrBandwidthShareScheduler::SetDlShares(const std::map<uint16_t, double>& shares)
{
    NS_LOG_FUNCTION(this << shares.size());
    StoreShare(m_dl.table.CheckReplace(shares));
    m_dl.table.Replace(shares);
}

void
NrBandwidthShareScheduler::SetUlShares(const std::map<uint16_t, double>& shares)
{
    NS_LOG_FUNCTION(this << shares.size());
    StoreShare(m_ul.table.CheckReplace(shares));
    m_ul.table.Replace(shares);
}

void
NrBandwidthShareScheduler::ClearShares()
{
    NS_LOG_FUNCTION(this);
    for (Direction* d : {&m_dl, &m_ul})
    {
        d->table.Clear();
        d->credits.clear();
        d->effective.clear();
        d->owner.clear();
        d->chosen.clear();
    }
}

bool
NrBandwidthShareScheduler::HasDlShares() const
{
    return !m_dl.table.IsEmpty();
}

bool
NrBandwidthShareScheduler::HasUlShares() const
{
    return !m_ul.table.IsEmpty();
}

uint64_t
NrBandwidthShareScheduler::GetDlRbgsOffered(uint16_t rnti) const
{
    auto it = m_dl.offered.find(rnti);
    return it == m_dl.offered.end() ? 0 : it->second;
}

uint64_t
NrBandwidthShareScheduler::GetDlRbgsUsed(uint16_t rnti) const
{
    auto it = m_dl.used.find(rnti);
    return it == m_dl.used.end() ? 0 : it->second;
}

uint64_t
NrBandwidthShareScheduler::GetDlPartitions() const
{
    return m_dl.partitions;
}

void
NrBandwidthShareScheduler::Partition(Direction& d) const
{
    const uint32_t nRbg = GetBandwidthInRbg();
    m_ueView.Refresh(true);
    d.effective = d.table.Effective(m_ueView);
    const auto given = BandwidthShareFfrAlgorithm::Apportion(d.effective, d.credits, nRbg);
    d.owner.assign(nRbg, 0);
    d.taken.assign(nRbg, false);
    d.chosen.clear();
    uint32_t pos = 0;
    for (const auto& kv : given)
    {
        for (uint32_t i = 0; i < kv.second && pos < nRbg; ++i)
        {
            d.owner[pos++] = kv.first;
        }
        d.offered[kv.first] += kv.second;
    }
    ++d.partitions;
}

std::vector<uint16_t>
NrBandwidthShareScheduler::Allowed(const Direction& d,
                                   uint16_t rnti,
                                   const std::vector<uint8_t>& notched) const
{
    const auto it = d.effective.find(rnti);
    const bool shared = it != d.effective.end() && it->second > 0;
    const bool connecting = m_ueView.GetConnecting().count(rnti) > 0;
    std::vector<uint16_t> out;
    for (uint16_t i = 0; i < d.owner.size(); ++i)
    {
        if ((!notched.empty() && notched[i] == 0) || d.taken[i])
        {
            continue;
        }
        if (shared ? d.owner[i] == rnti : (d.owner[i] == 0 || connecting))
        {
            out.push_back(i);
        }
    }
    return out;
}

NrMacSchedulerNs3::BeamSymbolMap
NrBandwidthShareScheduler::AssignDLRBG(uint32_t symAvail, const ActiveUeMap& activeDl) const
{
    NS_LOG_FUNCTION(this << symAvail);
    if (!HasDlShares())
    {
        return NrMacSchedulerOfdmaRR::AssignDLRBG(symAvail, activeDl);
    }
    Partition(m_dl);
    const std::vector<uint8_t> notched = GetDlNotchedRbgMask();
    BeamSymbolMap symPerBeam = GetSymPerBeam(symAvail, activeDl);
    for (const auto& el : activeDl)
    {
        const uint32_t beamSym = symPerBeam.at(el.first);
        FTResources assigned(0, 0);
        std::vector<UePtrAndBufferReq> ueVector(el.second.begin(), el.second.end());
        for (auto& ue : ueVector)
        {
            BeforeDlSched(ue, FTResources(beamSym * beamSym, beamSym));
        }
        // shared UEs first (their RBGs are theirs), then the others on what is left
        std::stable_sort(ueVector.begin(),
                         ueVector.end(),
                         [this](const UePtrAndBufferReq& a, const UePtrAndBufferReq& b) {
                             return m_dl.effective.count(a.first->m_rnti) >
                                    m_dl.effective.count(b.first->m_rnti);
                         });
        for (auto& ue : ueVector)
        {
            for (uint16_t rbg : Allowed(m_dl, ue.first->m_rnti, notched))
            {
                uint32_t tbSize = 0;
                for (uint32_t tb : ue.first->m_dlTbSize)
                {
                    tbSize += tb;
                }
                if (tbSize >= std::max(ue.second, 10U))
                {
                    break;
                }
                ue.first->m_dlRBG += beamSym;
                ue.first->m_dlSym = beamSym;
                assigned.m_rbg += beamSym;
                assigned.m_sym = beamSym;
                m_dl.taken[rbg] = true;
                m_dl.chosen[ue.first->m_rnti].push_back(rbg);
                AssignedDlResources(ue, FTResources(beamSym, beamSym), assigned);
            }
        }
    }
    return symPerBeam;
}

NrMacSchedulerNs3::BeamSymbolMap
NrBandwidthShareScheduler::AssignULRBG(uint32_t symAvail, const ActiveUeMap& activeUl) const
{
    NS_LOG_FUNCTION(this << symAvail);
    if (!HasUlShares())
    {
        return NrMacSchedulerOfdmaRR::AssignULRBG(symAvail, activeUl);
    }
    Partition(m_ul);
    const std::vector<uint8_t> notched = GetUlNotchedRbgMask();
    BeamSymbolMap symPerBeam = GetSymPerBeam(symAvail, activeUl);
    for (const auto& el : activeUl)
    {
        const uint32_t beamSym = symPerBeam.at(el.first);
        FTResources assigned(0, 0);
        std::vector<UePtrAndBufferReq> ueVector(el.second.begin(), el.second.end());
        for (auto& ue : ueVector)
        {
            BeforeUlSched(ue, FTResources(beamSym * beamSym, beamSym));
        }
        std::stable_sort(ueVector.begin(),
                         ueVector.end(),
                         [this](const UePtrAndBufferReq& a, const UePtrAndBufferReq& b) {
                             return m_ul.effective.count(a.first->m_rnti) >
                                    m_ul.effective.count(b.first->m_rnti);
                         });
        for (auto& ue : ueVector)
        {
            for (uint16_t rbg : Allowed(m_ul, ue.first->m_rnti, notched))
            {
                if (ue.first->m_ulTbSize >= std::max(ue.second, 12U))
                {
                    break;
                }
                ue.first->m_ulRBG += beamSym;
                ue.first->m_ulSym = beamSym;
                assigned.m_rbg += beamSym;
                assigned.m_sym = beamSym;
                m_ul.taken[rbg] = true;
                m_ul.chosen[ue.first->m_rnti].push_back(rbg);
                AssignedUlResources(ue, FTResources(beamSym, beamSym), assigned);
            }
        }
    }
    return symPerBeam;
}

std::vector<uint8_t>
NrBandwidthShareScheduler::Mask(Direction& d, uint16_t rnti, uint32_t rbgNum) const
{
    std::vector<uint8_t> mask(GetBandwidthInRbg(), 0);
    const auto it = d.chosen.find(rnti);
    NS_ABORT_MSG_IF(it == d.chosen.end() || it->second.size() < rbgNum,
                    "NrBandwidthShareScheduler: RNTI " << rnti << " has " << rbgNum
                                                       << " RBGs but fewer were picked");
    for (uint32_t k = 0; k < rbgNum; ++k)
    {
        mask[it->second[k]] = 1;
    }
    return mask;
}

namespace
{

/**
 * @param [in] mask an RBG bitmask
 * @return the indices of its ones
 */
std::vector<uint16_t>
Indices(const std::vector<uint8_t>& mask)
{
    std::vector<uint16_t> out;
    for (uint16_t i = 0; i < mask.size(); ++i)
    {
        if (mask[i])
        {
            out.push_back(i);
        }
    }
    return out;
}

/**
 * @param [in] owner owner of every RBG
 * @param [in] rnti a UE
 * @return the RBGs it owns
 */
std::vector<uint16_t>
Owned(const std::vector<uint16_t>& owner, uint16_t rnti)
{
    std::vector<uint16_t> out;
    for (uint16_t i = 0; i < owner.size(); ++i)
    {
        if (owner[i] == rnti)
        {
            out.push_back(i);
        }
    }
    return out;
}

} // namespace

std::shared_ptr<DciInfoElementTdma>
NrBandwidthShareScheduler::CreateDlDci(PointInFTPlane* spoint,
                                       const std::shared_ptr<NrMacSchedulerUeInfo>& ueInfo,
                                       uint32_t maxSym) const
{
    NS_LOG_FUNCTION(this);
    if (!HasDlShares() || m_dl.owner.empty())
    {
        return NrMacSchedulerOfdmaRR::CreateDlDci(spoint, ueInfo, maxSym);
    }
    uint32_t small = 0;
    std::vector<uint8_t> ndi(ueInfo->m_dlTbSize.size(), 0);
    std::vector<uint8_t> rv(ueInfo->m_dlTbSize.size(), 0);
    for (std::size_t tb = 0; tb < ueInfo->m_dlTbSize.size(); ++tb)
    {
        if (ueInfo->m_dlTbSize[tb] < 10)
        {
            ++small;
            ueInfo->m_dlTbSize[tb] = 0;
            continue;
        }
        ndi[tb] = 1;
    }
    if (small == ueInfo->m_dlTbSize.size())
    {
        return nullptr;
    }
    NS_ASSERT(ueInfo->m_dlRBG % maxSym == 0);
    auto dci = std::make_shared<DciInfoElementTdma>(ueInfo->m_rnti,
                                                    DciInfoElementTdma::DL,
                                                    spoint->m_sym,
                                                    maxSym,
                                                    ueInfo->m_dlMcs,
                                                    ueInfo->m_dlTbSize,
                                                    ndi,
                                                    rv,
                                                    DciInfoElementTdma::DATA,
                                                    GetBwpId(),
                                                    GetTpc());
    dci->m_rbgBitmask = Mask(m_dl, ueInfo->m_rnti, ueInfo->m_dlRBG / maxSym);
    const std::vector<uint16_t> rbgs = Indices(dci->m_rbgBitmask);
    m_dl.used[ueInfo->m_rnti] += rbgs.size();
    m_dlRbgsTrace(ueInfo->m_rnti, rbgs, Owned(m_dl.owner, ueInfo->m_rnti));
    NS_LOG_INFO("DL RNTI " << ueInfo->m_rnti << " RBGs " << rbgs.size() << " from "
                           << (rbgs.empty() ? 0 : rbgs.front()));
    return dci;
}

std::shared_ptr<DciInfoElementTdma>
NrBandwidthShareScheduler::CreateUlDci(PointInFTPlane* spoint,
                                       const std::shared_ptr<NrMacSchedulerUeInfo>& ueInfo,
                                       uint32_t maxSym) const
{
    NS_LOG_FUNCTION(this);
    if (!HasUlShares() || m_ul.owner.empty())
    {
        return NrMacSchedulerOfdmaRR::CreateUlDci(spoint, ueInfo, maxSym);
    }
    const uint32_t tbs =
        m_ulAmc->CalculateTbSize(ueInfo->m_ulMcs, ueInfo->m_ulRBG * GetNumRbPerRbg());
    if (tbs < 12)
    {
        return nullptr;
    }
    // UL data is placed at the end of the slot, before the UL CTRL symbol (as the parent)
    NS_ASSERT(spoint->m_sym >= maxSym);
    auto dci = std::make_shared<DciInfoElementTdma>(ueInfo->m_rnti,
                                                    DciInfoElementTdma::UL,
                                                    spoint->m_sym - maxSym,
                                                    maxSym,
                                                    std::vector<uint8_t>{ueInfo->m_ulMcs},
                                                    std::vector<uint32_t>{tbs},
                                                    std::vector<uint8_t>{1},
                                                    std::vector<uint8_t>{0},
                                                    DciInfoElementTdma::DATA,
                                                    GetBwpId(),
                                                    GetTpc());
    dci->m_rbgBitmask = Mask(m_ul, ueInfo->m_rnti, ueInfo->m_ulRBG / maxSym);
    const std::vector<uint16_t> rbgs = Indices(dci->m_rbgBitmask);
    m_ul.used[ueInfo->m_rnti] += rbgs.size();
    m_ulRbgsTrace(ueInfo->m_rnti, rbgs, Owned(m_ul.owner, ueInfo->m_rnti));
    return dci;
}

} // namespace edgeinference
} // namespace ns3
