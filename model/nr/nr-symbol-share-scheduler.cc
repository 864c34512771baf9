/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "nr-symbol-share-scheduler.h"

#include "ns3/bandwidth-share-ffr-algorithm.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/nr-gnb-net-device.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("NrSymbolShareScheduler");

namespace
{

/**
 * BandwidthShareFfrAlgorithm::Apportion() where a UE is given its units in chunks: a UE in
 * chunk gets chunk.at(rnti) symbols at once when its credit is the highest (it is passed
 * over if fewer are left); the others one at a time, as Apportion(). Units that no whole
 * chunk fits are then handed out one at a time as Apportion() does (every unit is owned
 * while someone has a positive credit). The credits are paid per unit given, so each UE's
 * share over time is unchanged.
 * @param [in] shares share per RNTI
 * @param [in,out] credits credit per RNTI
 * @param [in] units symbols of the slot
 * @param [in] chunk symbols per grant of the UEs that need more than one
 * @return symbols per RNTI
 */
std::map<uint16_t, uint32_t>
ApportionInChunks(const std::map<uint16_t, double>& shares,
                  std::map<uint16_t, double>& credits,
                  uint32_t units,
                  const std::map<uint16_t, uint32_t>& chunk)
{
    constexpr double EPS = 1e-9; // as BandwidthShareFfrAlgorithm::Apportion()
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
    std::set<uint16_t> skipped; // chunk larger than the units left
    bool single = false;        // no whole chunk fits: the rest one at a time, as Apportion()
    uint32_t left = units;
    while (left > 0)
    {
        auto best = credits.end();
        for (auto it = credits.begin(); it != credits.end(); ++it)
        {
            if (it->second > EPS && (single || !skipped.count(it->first)) &&
                (best == credits.end() || it->second > best->second))
            {
                best = it;
            }
        }
        if (best == credits.end())
        {
            if (single || skipped.empty())
            {
                break; // nobody has a positive credit: the remaining units stay unowned
            }
            single = true;
            continue;
        }
        const auto c = chunk.find(best->first);
        const uint32_t n = single || c == chunk.end() ? 1 : c->second;
        if (n > left)
        {
            skipped.insert(best->first);
            continue;
        }
        best->second -= n;
        given[best->first] += n;
        left -= n;
    }
    return given;
}

/**
 * @param [in] ue a UE with UL data
 * @return its logical channel groups with buffered UL data (from its BSRs)
 */
uint32_t
ActiveLcgs(const NrMacSchedulerNs3::UePtrAndBufferReq& ue)
{
    uint32_t n = 0;
    for (const auto& lcg : ue.first->m_ulLCG)
    {
        n += lcg.second->GetTotalSize() > 0 ? 1 : 0;
    }
    return n;
}

} // namespace

NS_OBJECT_ENSURE_REGISTERED(NrSymbolShareScheduler);

TypeId
NrSymbolShareScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NrSymbolShareScheduler")
            .SetParent<NrMacSchedulerTdmaRR>()
            .SetGroupName("EdgeInference")
            .AddConstructor<NrSymbolShareScheduler>()
            .AddAttribute(
                "DlEqualSharesWithoutShares",
                "Without DL shares, give the UEs with DL data equal shares of the slot's "
                "symbols by the credit rule (the spare symbols rotate; a UE is given the "
                "symbols of the smallest transport block at once, so 13 or more UEs at MCS 0 "
                "are still served), then what they leave to the others; false: "
                "NrMacSchedulerTdmaRR's split (equal symbols per slot, the spare ones always "
                "to the same UEs). The UL without shares: see UlDataChunksWithoutShares",
                BooleanValue(true),
                MakeBooleanAccessor(&NrSymbolShareScheduler::m_equalWithoutShares),
                MakeBooleanChecker())
            .AddAttribute(
                "UlDataChunksWithoutShares",
                "Without UL shares the UL is NrMacSchedulerTdmaRR's split, except in a slot "
                "where that split leaves a UE with UL data without a transport block its MAC "
                "can put data into (5 + 10 bytes per logical channel group with data: one "
                "symbol at UL MCS 0 carries 8 bytes, at MCS 2 13 bytes; or no symbol at all "
                "when more UEs than symbols have data, always the same UEs): that slot is a "
                "round robin giving each UE the symbols of such a block at once, the UEs "
                "served longest ago first; false: always NrMacSchedulerTdmaRR's split (with "
                "many UEs some never send their first packet)",
                BooleanValue(true),
                MakeBooleanAccessor(&NrSymbolShareScheduler::m_ulChunks),
                MakeBooleanChecker())
            .AddAttribute(
                "DlLeftoversWithoutShare",
                "With DL shares, a UE without a share may take the symbols of the slot the "
                "UEs with a share left unused (they first take all they can of theirs, so "
                "their symbols are unchanged); false: only a connecting UE may, the others "
                "only the symbols nobody owns, none when the shares add up to 1 (SLIDE's "
                "rejected users then never receive their REJECT)",
                BooleanValue(true),
                MakeBooleanAccessor(&NrSymbolShareScheduler::m_dlLeftovers),
                MakeBooleanChecker())
            .AddTraceSource(
                "DlSymbols",
                "Per slot (with DL shares, or DlEqualSharesWithoutShares) and per active "
                "UE: the symbols of new data "
                "it was given, the symbols the slot's apportionment gave it and the "
                "slot's DL data symbols",
                MakeTraceSourceAccessor(&NrSymbolShareScheduler::m_dlSymbolsTrace),
                "ns3::edgeinference::NrSymbolShareScheduler::SymbolsTracedCallback")
            .AddTraceSource("UlSymbols",
                            "Per UL (or F) slot with UL shares and per UE with UL data: the "
                            "symbols of new data it was given, the symbols the slot's "
                            "apportionment gave it and the slot's UL data symbols",
                            MakeTraceSourceAccessor(&NrSymbolShareScheduler::m_ulSymbolsTrace),
                            "ns3::edgeinference::NrSymbolShareScheduler::SymbolsTracedCallback");
    return tid;
}

NrSymbolShareScheduler::NrSymbolShareScheduler()
{
    NS_LOG_FUNCTION(this);
}

NrSymbolShareScheduler::~NrSymbolShareScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
NrSymbolShareScheduler::DoDispose()
{
    m_ueView.SetRrc(nullptr);
    NrMacSchedulerTdmaRR::DoDispose();
}

Ptr<NrSymbolShareScheduler>
NrSymbolShareScheduler::GetFromGnbDevice(const Ptr<NetDevice>& gnbDevice, uint8_t bwpId)
{
    Ptr<NrGnbNetDevice> gnb = DynamicCast<NrGnbNetDevice>(gnbDevice);
    if (!gnb)
    {
        throw std::invalid_argument(
            "NrSymbolShareScheduler::GetFromGnbDevice: the device is not an NrGnbNetDevice");
    }
    if (bwpId >= gnb->GetCcMapSize())
    {
        throw std::invalid_argument("NrSymbolShareScheduler::GetFromGnbDevice: bandwidth part " +
                                    std::to_string(bwpId) + " does not exist");
    }
    Ptr<NrSymbolShareScheduler> s = DynamicCast<NrSymbolShareScheduler>(gnb->GetScheduler(bwpId));
    if (!s)
    {
        throw std::invalid_argument(
            "NrSymbolShareScheduler::GetFromGnbDevice: the scheduler of bandwidth part " +
            std::to_string(bwpId) + " is not an NrSymbolShareScheduler");
    }
    s->SetGnbRrc(gnb->GetRrc());
    return s;
}

void
NrSymbolShareScheduler::SetGnbRrc(const Ptr<LteEnbRrc>& rrc)
{
    m_ueView.SetRrc(rrc);
}

void
NrSymbolShareScheduler::StoreShare(const std::string& message)
{
    if (!message.empty())
    {
        throw std::invalid_argument(message);
    }
}

void
NrSymbolShareScheduler::SetDlShare(uint16_t rnti, double share)
{
    NS_LOG_FUNCTION(this << rnti << share);
    StoreShare(m_table.CheckRnti(rnti, share));
    m_table.SetRnti(rnti, share);
}

void
NrSymbolShareScheduler::SetDlShareByImsi(uint64_t imsi, double share)
{
    NS_LOG_FUNCTION(this << imsi << share);
    if (!m_ueView.GetRrc())
    {
        throw std::logic_error("NrSymbolShareScheduler::SetDlShareByImsi: no gNB RRC to resolve "
                               "IMSI " +
                               std::to_string(imsi) +
                               " (obtain the scheduler with GetFromGnbDevice or call SetGnbRrc)");
    }
    StoreShare(m_table.CheckImsi(imsi, share));
    m_table.SetImsi(imsi, share);
}

void
NrSymbolShareScheduler::SetDlShares(const std::map<uint16_t, double>& shares)
{
    StoreShare(m_table.CheckReplace(shares));
    m_table.Replace(shares);
}

void
NrSymbolShareScheduler::SetUlShare(uint16_t rnti, double share)
{
    NS_LOG_FUNCTION(this << rnti << share);
    StoreShare(m_ulTable.CheckRnti(rnti, share));
    m_ulTable.SetRnti(rnti, share);
}

void
NrSymbolShareScheduler::SetUlShareByImsi(uint64_t imsi, double share)
{
    NS_LOG_FUNCTION(this << imsi << share);
    if (!m_ueView.GetRrc())
    {
        throw std::logic_error("NrSymbolShareScheduler::SetUlShareByImsi: no gNB RRC to resolve "
                               "IMSI " +
                               std::to_string(imsi) +
                               " (obtain the scheduler with GetFromGnbDevice or call SetGnbRrc)");
    }
    StoreShare(m_ulTable.CheckImsi(imsi, share));
    m_ulTable.SetImsi(imsi, share);
}

void
NrSymbolShareScheduler::SetUlShares(const std::map<uint16_t, double>& shares)
{
    StoreShare(m_ulTable.CheckReplace(shares));
    m_ulTable.Replace(shares);
}

void
NrSymbolShareScheduler::ClearShares()
{
    m_table.Clear();
    m_credits.clear();
}

void
NrSymbolShareScheduler::ClearUlShares()
{
    m_ulTable.Clear();
    m_ulCredits.clear();
}

bool
NrSymbolShareScheduler::HasUlShares() const
{
    return !m_ulTable.IsEmpty();
}

uint64_t
NrSymbolShareScheduler::GetUlSymbolsOffered(uint16_t rnti) const
{
    auto it = m_ulOffered.find(rnti);
    return it == m_ulOffered.end() ? 0 : it->second;
}

uint64_t
NrSymbolShareScheduler::GetUlSymbolsUsed(uint16_t rnti) const
{
    auto it = m_ulUsed.find(rnti);
    return it == m_ulUsed.end() ? 0 : it->second;
}

bool
NrSymbolShareScheduler::HasDlShares() const
{
    return !m_table.IsEmpty();
}

uint64_t
NrSymbolShareScheduler::GetDlSymbolsOffered(uint16_t rnti) const
{
    auto it = m_offered.find(rnti);
    return it == m_offered.end() ? 0 : it->second;
}

uint64_t
NrSymbolShareScheduler::GetDlSymbolsUsed(uint16_t rnti) const
{
    auto it = m_used.find(rnti);
    return it == m_used.end() ? 0 : it->second;
}

void
NrSymbolShareScheduler::DoSchedDlCqiInfoReq(
    const NrMacSchedSapProvider::SchedDlCqiInfoReqParameters& params)
{
    for (const auto& c : params.m_cqiList)
    {
        if (c.m_cqiType == DlCqiInfo::WB && !c.m_wbCqi.empty())
        {
            m_wbCqi[c.m_rnti] = {c.m_wbCqi.front(), Simulator::Now()};
        }
    }
    NrMacSchedulerTdmaRR::DoSchedDlCqiInfoReq(params);
}

bool
NrSymbolShareScheduler::GetDlWidebandCqi(uint16_t rnti, uint8_t& cqi, Time& when) const
{
    auto it = m_wbCqi.find(rnti);
    if (it == m_wbCqi.end())
    {
        return false;
    }
    cqi = it->second.first;
    when = it->second.second;
    return true;
}

NrMacSchedulerNs3::BeamSymbolMap
NrSymbolShareScheduler::AssignDLRBG(uint32_t symAvail, const ActiveUeMap& activeDl) const
{
    NS_LOG_FUNCTION(this << symAvail);
    const bool equal = !HasDlShares();
    if (equal && !m_equalWithoutShares)
    {
        return NrMacSchedulerTdmaRR::AssignDLRBG(symAvail, activeDl);
    }
    m_ueView.Refresh(true);
    const std::map<uint16_t, double> eff =
        equal ? EqualShares(activeDl) : m_table.Effective(m_ueView);
    const uint32_t nRbg = UsableRbgs(GetDlNotchedRbgMask());

    std::vector<UePtrAndBufferReq> ues = Flatten(activeDl);
    // As in the uplink: symbols too few for the smallest DL TB at the UE's MCS (10 bytes, see
    // NrMacSchedulerTdma::CreateDlDci) carry nothing, and a UE at its starting MCS (no CQI
    // yet: it never received a PDSCH) would never get the data that raises it: with a small
    // share (e.g. a reserved UE's) it would be given one symbol at a time, 8 bytes at MCS 0,
    // and no DCI. Such a UE is given the symbols of a 10-byte TB at once (ApportionInChunks).
    std::map<uint16_t, uint32_t> chunk;
    for (auto& ue : ues)
    {
        BeforeDlSched(ue, FTResources(nRbg, 1));
        if (!eff.count(ue.first->m_rnti) || ue.first->m_dlMcs.empty())
        {
            continue;
        }
        for (uint32_t n = 1; n <= symAvail; ++n)
        {
            uint32_t largest = 0;
            for (uint8_t mcs : ue.first->m_dlMcs)
            {
                largest =
                    std::max(largest, m_dlAmc->CalculateTbSize(mcs, n * nRbg * GetNumRbPerRbg()));
            }
            if (largest >= 10)
            {
                if (n > 1)
                {
                    chunk[ue.first->m_rnti] = n;
                }
                break;
            }
        }
    }
    const auto given = chunk.empty()
                           ? BandwidthShareFfrAlgorithm::Apportion(eff, m_credits, symAvail)
                           : ApportionInChunks(eff, m_credits, symAvail, chunk);
    uint32_t owned = 0;
    for (const auto& kv : given)
    {
        owned += kv.second;
        m_offered[kv.first] += kv.second;
    }
    // shared UEs first, in the scheduler's (round-robin) order
    std::stable_sort(ues.begin(), ues.end(), GetUeCompareDlFn());
    std::stable_sort(ues.begin(),
                     ues.end(),
                     [&eff](const UePtrAndBufferReq& a, const UePtrAndBufferReq& b)
                     { return eff.count(a.first->m_rnti) > eff.count(b.first->m_rnti); });
    FTResources assigned(0, 0);
    uint32_t freeSymbols = symAvail - std::min(owned, symAvail);
    auto fill = [&](UePtrAndBufferReq& ue, uint32_t limit)
    {
        uint32_t n = 0;
        while (n < limit)
        {
            uint32_t tb = 0;
            for (uint32_t t : ue.first->m_dlTbSize)
            {
                tb += t;
            }
            if (tb >= std::max(ue.second, 10U))
            {
                break;
            }
            ue.first->m_dlRBG += nRbg;
            ue.first->m_dlSym += 1;
            assigned.m_rbg += nRbg;
            assigned.m_sym += 1;
            AssignedDlResources(ue, FTResources(nRbg, 1), assigned);
            ++n;
        }
        return n;
    };
    DistributeSymbols(m_dlLeftovers,
                      ues,
                      eff,
                      given,
                      freeSymbols,
                      fill,
                      [&](uint16_t rnti, uint32_t n, uint32_t mine)
                      {
                          m_used[rnti] += n;
                          if (!equal)
                          {
                              m_dlSymbolsTrace(rnti, n, mine, symAvail);
                          }
                      });
    if (equal)
    {
        // without shares the scheduler is work-conserving: what a UE leaves goes to the next
        // UEs with data, in round-robin order; the trace reports both passes together
        uint32_t left = symAvail - std::min<uint32_t>(assigned.m_sym, symAvail);
        for (auto& ue : ues)
        {
            const uint16_t rnti = ue.first->m_rnti;
            const uint32_t n = left > 0 ? fill(ue, left) : 0;
            left -= n;
            m_used[rnti] += n;
            const auto g = given.find(rnti);
            m_dlSymbolsTrace(
                rnti, ue.first->m_dlRBG / nRbg, g != given.end() ? g->second : 0, symAvail);
        }
    }
    return SymbolsPerBeam(activeDl, nRbg, &NrMacSchedulerUeInfo::m_dlRBG);
}

NrMacSchedulerNs3::BeamSymbolMap
NrSymbolShareScheduler::AssignULRBG(uint32_t symAvail, const ActiveUeMap& activeUl) const
{
    NS_LOG_FUNCTION(this << symAvail);
    if (!HasUlShares())
    {
        ++m_ulSlot;
        BeamSymbolMap ret = NrMacSchedulerTdmaRR::AssignULRBG(symAvail, activeUl);
        if (!m_ulChunks)
        {
            return ret;
        }
        bool starving = false;
        for (const auto& el : activeUl)
        {
            for (const auto& ue : el.second)
            {
                if (ue.second > 0 && ue.first->m_ulTbSize < UlMinDataTbBytes(ActiveLcgs(ue)))
                {
                    starving = true;
                }
            }
        }
        if (!starving)
        {
            for (const auto& el : activeUl)
            {
                for (const auto& ue : el.second)
                {
                    if (ue.first->m_ulRBG > 0)
                    {
                        m_ulLastServed[ue.first->m_rnti] = m_ulSlot;
                    }
                }
            }
            return ret;
        }
        ++m_ulChunkedSlots;
        return AssignUlInChunks(symAvail, activeUl);
    }
    m_ueView.Refresh(true);
    const std::map<uint16_t, double> eff = m_ulTable.Effective(m_ueView);
    auto given = BandwidthShareFfrAlgorithm::Apportion(eff, m_ulCredits, symAvail);
    const uint32_t nRbg = UsableRbgs(GetUlNotchedRbgMask());

    std::vector<UePtrAndBufferReq> ues = Flatten(activeUl);
    for (auto& ue : ues)
    {
        BeforeUlSched(ue, FTResources(nRbg, 1));
        // Symbols too few for the smallest UL TB at the UE's MCS (12 bytes, see
        // NrMacSchedulerTdma::CreateUlDci) carry nothing: no DCI would be sent, and a UE at
        // its starting MCS would never send the PUSCH that raises it. It keeps them in its
        // credit instead and gets them later, together (its share over time is unchanged).
        const uint16_t rnti = ue.first->m_rnti;
        auto mine = given.find(rnti);
        if (mine != given.end() && mine->second > 0 &&
            m_ulAmc->CalculateTbSize(ue.first->m_ulMcs, mine->second * nRbg * GetNumRbPerRbg()) <
                12)
        {
            m_ulCredits[rnti] += mine->second;
            mine->second = 0;
        }
    }
    uint32_t owned = 0;
    for (const auto& kv : given)
    {
        owned += kv.second;
        m_ulOffered[kv.first] += kv.second;
    }
    // UEs with a share first, in the scheduler's (round-robin) order
    std::stable_sort(ues.begin(), ues.end(), GetUeCompareUlFn());
    std::stable_sort(ues.begin(),
                     ues.end(),
                     [&eff](const UePtrAndBufferReq& a, const UePtrAndBufferReq& b)
                     { return eff.count(a.first->m_rnti) > eff.count(b.first->m_rnti); });
    FTResources assigned(0, 0);
    uint32_t freeSymbols = symAvail - std::min(owned, symAvail);
    // whole-band symbols one at a time, until the TB holds the UE's buffer status (as
    // NrMacSchedulerTdma::AssignRBGTDMA) or the limit is reached
    auto fill = [&](UePtrAndBufferReq& ue, uint32_t limit)
    {
        uint32_t n = 0;
        while (n < limit && ue.first->m_ulTbSize < std::max(ue.second, 10U))
        {
            ue.first->m_ulRBG += nRbg;
            ue.first->m_ulSym += 1;
            assigned.m_rbg += nRbg;
            assigned.m_sym += 1;
            AssignedUlResources(ue, FTResources(nRbg, 1), assigned);
            ++n;
        }
        return n;
    };
    DistributeSymbols(false,
                      ues,
                      eff,
                      given,
                      freeSymbols,
                      fill,
                      [&](uint16_t rnti, uint32_t n, uint32_t mine)
                      {
                          m_ulUsed[rnti] += n;
                          m_ulSymbolsTrace(rnti, n, mine, symAvail);
                          NS_LOG_INFO("UL RNTI " << rnti << " symbols " << n << " owned " << mine
                                                 << " of " << symAvail);
                      });
    return SymbolsPerBeam(activeUl, nRbg, &NrMacSchedulerUeInfo::m_ulRBG);
}

uint32_t
NrSymbolShareScheduler::UlMinDataTbBytes(uint32_t activeLcs)
{
    return 5 + 10 * std::max<uint32_t>(1, activeLcs);
}

uint64_t
NrSymbolShareScheduler::GetUlChunkedSlots() const
{
    return m_ulChunkedSlots;
}

NrMacSchedulerNs3::BeamSymbolMap
NrSymbolShareScheduler::AssignUlInChunks(uint32_t symAvail, const ActiveUeMap& activeUl) const
{
    NS_LOG_FUNCTION(this << symAvail);
    const uint32_t nRbg = UsableRbgs(GetUlNotchedRbgMask());
    std::vector<UePtrAndBufferReq> ues = Flatten(activeUl);
    // the symbols of the smallest block that carries data, per UE
    std::map<uint16_t, uint32_t> chunk;
    for (auto& ue : ues)
    {
        // undo NrMacSchedulerTdmaRR's split (the fields NrMacSchedulerNs3 resets after
        // creating the DCIs)
        ue.first->m_ulRBG = 0;
        ue.first->m_ulSym = 0;
        ue.first->m_ulTbSize = 0;
        BeforeUlSched(ue, FTResources(nRbg, 1));
        const uint32_t least = UlMinDataTbBytes(ActiveLcgs(ue));
        uint32_t n = 1;
        while (n < symAvail &&
               m_ulAmc->CalculateTbSize(ue.first->m_ulMcs, n * nRbg * GetNumRbPerRbg()) < least)
        {
            ++n;
        }
        chunk[ue.first->m_rnti] = n;
    }
    auto lastServed = [this](uint16_t rnti)
    {
        auto it = m_ulLastServed.find(rnti);
        return it == m_ulLastServed.end() ? 0 : it->second;
    };
    // as NrMacSchedulerTdma::AssignRBGTDMA (a symbol at a time to the UE with the fewest,
    // until its TB holds its buffer status), except that a UE's first symbols are a chunk
    // and that ties go to the UE served longest ago (NrMacSchedulerTdmaRR's order has no
    // memory across slots)
    FTResources assigned(0, 0);
    uint32_t left = symAvail;
    while (left > 0)
    {
        std::sort(ues.begin(),
                  ues.end(),
                  [&lastServed](const UePtrAndBufferReq& a, const UePtrAndBufferReq& b)
                  {
                      const auto ka = std::make_tuple(
                          a.first->m_ulRBG, lastServed(a.first->m_rnti), a.first->m_rnti);
                      const auto kb = std::make_tuple(
                          b.first->m_ulRBG, lastServed(b.first->m_rnti), b.first->m_rnti);
                      return ka < kb;
                  });
        UePtrAndBufferReq* next = nullptr;
        uint32_t n = 0;
        for (auto& ue : ues)
        {
            if (ue.first->m_ulTbSize >= std::max(ue.second, 10U))
            {
                continue;
            }
            n = ue.first->m_ulRBG == 0 ? chunk[ue.first->m_rnti] : 1;
            if (n <= left)
            {
                next = &ue;
                break;
            }
        }
        if (next == nullptr)
        {
            break;
        }
        next->first->m_ulRBG += n * nRbg;
        next->first->m_ulSym += n;
        assigned.m_rbg += n * nRbg;
        assigned.m_sym += n;
        AssignedUlResources(*next, FTResources(n * nRbg, n), assigned);
        left -= n;
    }
    BeamSymbolMap ret;
    for (const auto& el : activeUl)
    {
        uint32_t sym = 0;
        for (const auto& ue : el.second)
        {
            sym += ue.first->m_ulRBG / nRbg;
            if (ue.first->m_ulRBG > 0)
            {
                m_ulLastServed[ue.first->m_rnti] = m_ulSlot;
            }
            NS_LOG_INFO("UL RNTI " << ue.first->m_rnti << " MCS " << +ue.first->m_ulMcs
                                   << " buffer " << ue.second << " symbols "
                                   << ue.first->m_ulRBG / nRbg << " TB " << ue.first->m_ulTbSize
                                   << " (in chunks)");
        }
        ret.insert(std::make_pair(el.first, sym));
    }
    return ret;
}

uint32_t
NrSymbolShareScheduler::UsableRbgs(const std::vector<uint8_t>& notchedMask) const
{
    return GetBandwidthInRbg() -
           std::count(notchedMask.begin(), notchedMask.end(), static_cast<uint8_t>(0));
}

std::vector<NrMacSchedulerNs3::UePtrAndBufferReq>
NrSymbolShareScheduler::Flatten(const ActiveUeMap& active)
{
    std::vector<UePtrAndBufferReq> ues;
    for (const auto& el : active)
    {
        ues.insert(ues.end(), el.second.begin(), el.second.end());
    }
    return ues;
}

NrMacSchedulerNs3::BeamSymbolMap
NrSymbolShareScheduler::SymbolsPerBeam(const ActiveUeMap& active,
                                       uint32_t nRbg,
                                       uint32_t NrMacSchedulerUeInfo::*rbgs)
{
    BeamSymbolMap ret;
    for (const auto& el : active)
    {
        uint32_t sym = 0;
        for (const auto& ue : el.second)
        {
            sym += (*ue.first).*rbgs / nRbg;
        }
        ret.insert(std::make_pair(el.first, sym));
    }
    return ret;
}

std::map<uint16_t, double>
NrSymbolShareScheduler::EqualShares(const ActiveUeMap& active)
{
    std::map<uint16_t, double> eff;
    for (const auto& el : active)
    {
        for (const auto& ue : el.second)
        {
            eff[ue.first->m_rnti] = 0;
        }
    }
    for (auto& kv : eff)
    {
        kv.second = 1.0 / eff.size();
    }
    return eff;
}

void
NrSymbolShareScheduler::DistributeSymbols(
    bool leftoversToAll,
    std::vector<UePtrAndBufferReq>& ues,
    const std::map<uint16_t, double>& eff,
    const std::map<uint16_t, uint32_t>& given,
    uint32_t freeSymbols,
    const std::function<uint32_t(UePtrAndBufferReq&, uint32_t)>& fill,
    const std::function<void(uint16_t, uint32_t, uint32_t)>& done) const
{
    uint32_t unusedOwned = 0; // symbols UEs with a share left (see leftoversToAll)
    for (auto& ue : ues)
    {
        const uint16_t rnti = ue.first->m_rnti;
        const auto share = eff.find(rnti);
        uint32_t n = 0;
        uint32_t mine = 0;
        if (share != eff.end() && share->second > 0)
        {
            const auto g = given.find(rnti);
            mine = g != given.end() ? g->second : 0;
            n = fill(ue, mine);
            unusedOwned += mine - n;
        }
        else
        {
            const bool connecting = m_ueView.GetConnecting().count(rnti) > 0;
            n = fill(ue, freeSymbols + (connecting || leftoversToAll ? unusedOwned : 0));
            const uint32_t fromFree = std::min(n, freeSymbols);
            freeSymbols -= fromFree;
            unusedOwned -= n - fromFree;
        }
        done(rnti, n, mine);
    }
}

} // namespace edgeinference
} // namespace ns3
