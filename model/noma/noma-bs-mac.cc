/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-bs-mac.h"

#include "noma-spectrum-phy.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/radio-rate.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("NomaBsMac");

NS_OBJECT_ENSURE_REGISTERED(NomaBsMac);

TypeId
NomaBsMac::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NomaBsMac")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddConstructor<NomaBsMac>()
            .AddAttribute("Mode",
                          "Multiple access: NOMA (superposed users per subchannel) or OMA (one "
                          "user per subchannel).",
                          EnumValue(NomaBsMac::NOMA),
                          MakeEnumAccessor(&NomaBsMac::m_mode),
                          MakeEnumChecker(NomaBsMac::NOMA, "NOMA", NomaBsMac::OMA, "OMA"))
            .AddAttribute("MaxUsersPerSubchannel",
                          "Q: most users superposed on one subchannel in NOMA mode (>= 1).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&NomaBsMac::m_maxUsersPerSubchannel),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MinGainGapDb",
                          "Near/far pairing: a user joins a group only if its channel gain is "
                          "at least this many dB below the previous member's (>= 0 dB).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&NomaBsMac::m_minGainGapDb),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("DlWeakPowerFraction",
                          "Downlink power split a in (0, 1): with two users the weaker one gets "
                          "a of the subchannel power; with more, the weights are 1, beta, "
                          "beta^2, ... from the weakest user, beta = (1 - a) / a.",
                          DoubleValue(0.8),
                          MakeDoubleAccessor(&NomaBsMac::m_dlWeakPowerFraction),
                          MakeDoubleChecker<double>(1e-9, 1.0 - 1e-9))
            .AddAttribute("BsTxPower",
                          "Total base-station transmit power P^AP over all subchannels, W.",
                          DoubleValue(10.0),
                          MakeDoubleAccessor(&NomaBsMac::m_bsTxPowerW),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("UeTxPower",
                          "UE transmit power p on its uplink subchannel, W.",
                          DoubleValue(0.2),
                          MakeDoubleAccessor(&NomaBsMac::m_ueTxPowerW),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute(
                "SicOrder",
                "SIC order: Default (Paper 4: uplink descending received power, "
                "downlink ascending gain) or Reverse (a wrong order).",
                EnumValue(NomaBsMac::DEFAULT_ORDER),
                MakeEnumAccessor(&NomaBsMac::m_sicOrder),
                MakeEnumChecker(
                    NomaBsMac::DEFAULT_ORDER, "Default", NomaBsMac::REVERSE_ORDER, "Reverse"))
            .AddAttribute("LimitTbToQueue",
                          "Size a TB no larger than the bytes that empty the user's queue "
                          "(ideal buffer status); false: always the largest TB the scheduled "
                          "SINR supports. TB sizes fixed by a frame decision are kept.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&NomaBsMac::m_limitTbToQueue),
                          MakeBooleanChecker())
            .AddTraceSource("Schedule",
                            "The schedule of a frame (grants of both directions).",
                            MakeTraceSourceAccessor(&NomaBsMac::m_scheduleTrace),
                            "ns3::edgeinference::NomaBsMac::ScheduleTracedCallback");
    return tid;
}

NomaBsMac::NomaBsMac()
{
    NS_LOG_FUNCTION(this);
}

NomaBsMac::~NomaBsMac()
{
    NS_LOG_FUNCTION(this);
}

void
NomaBsMac::SetFrameDecision(const NomaFrameDecision& decision)
{
    NS_LOG_FUNCTION(this);
    const uint32_t q = (m_mode == OMA) ? 1 : m_maxUsersPerSubchannel;
    for (const auto* dir : {&decision.downlink, &decision.uplink})
    {
        const char* name = dir == &decision.downlink ? "downlink" : "uplink";
        for (std::size_t s = 0; s < dir->size(); ++s)
        {
            const auto& users = (*dir)[s].users;
            NS_ABORT_MSG_IF(users.size() > q,
                            "NomaBsMac::SetFrameDecision: "
                                << name << " subchannel " << s << " has " << users.size()
                                << " users, at most " << q
                                << (m_mode == OMA ? " in OMA mode" : " (MaxUsersPerSubchannel)"));
            for (std::size_t i = 0; i < users.size(); ++i)
            {
                const NomaUserAllocation& u = users[i];
                NS_ABORT_MSG_IF(!(u.powerW >= 0) || std::isinf(u.powerW),
                                "NomaBsMac::SetFrameDecision: powerW of UE "
                                    << u.ue << " must be finite and >= 0, got " << u.powerW);
                for (std::size_t j = 0; j < i; ++j)
                {
                    NS_ABORT_MSG_IF(users[j].ue == u.ue,
                                    "NomaBsMac::SetFrameDecision: UE "
                                        << u.ue << " is listed twice on " << name << " subchannel "
                                        << s);
                }
            }
        }
    }
    m_decision = decision;
}

void
NomaBsMac::ClearFrameDecision()
{
    m_decision.reset();
}

NomaBsMac::Mode
NomaBsMac::GetMode() const
{
    return m_mode;
}

std::vector<NomaGrant>
NomaBsMac::SizeGroup(bool isDownlink,
                     uint32_t subchannel,
                     const std::vector<NomaUserAllocation>& users,
                     const std::vector<std::vector<double>>& gain,
                     const std::vector<uint64_t>& demand,
                     const NomaLinkParameters& link) const
{
    std::vector<double> p;
    std::vector<double> g;
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < users.size(); ++k)
    {
        p.push_back(users[k].powerW);
        g.push_back(gain.at(users[k].ue).at(subchannel));
        order.push_back(k);
    }
    if (users.empty())
    {
        return {};
    }
    std::vector<double> sinr;
    try
    {
        sinr = isDownlink ? DownlinkNomaSinr(p, g, link.noisePowerW, link.residualFactor, order)
                          : UplinkNomaSinr(p, g, link.noisePowerW, link.residualFactor, order);
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR("NomaBsMac: subchannel " << subchannel << ": " << e.what());
    }
    std::vector<NomaGrant> grants;
    for (std::size_t k = 0; k < users.size(); ++k)
    {
        NomaGrant gr;
        gr.ue = users[k].ue;
        gr.subchannel = subchannel;
        gr.powerW = users[k].powerW;
        gr.sicPosition = k;
        gr.scheduledSinr = sinr[k];
        gr.gain = g[k];
        gr.tbBytes = users[k].tbBytes > 0
                         ? users[k].tbBytes
                         : NomaSpectrumPhy::MaxTbBytes(
                               sinr[k], link.bandwidthHz, link.frameDuration, link.snrGapLinear);
        if (users[k].tbBytes == 0 && m_limitTbToQueue)
        {
            gr.tbBytes =
                static_cast<uint32_t>(std::min<uint64_t>(gr.tbBytes, demand.at(users[k].ue)));
        }
        grants.push_back(gr);
    }
    return grants;
}

std::vector<NomaGrant>
NomaBsMac::ScheduleDirection(uint64_t frameNo,
                             bool isDownlink,
                             const std::vector<uint64_t>& demand,
                             const std::vector<std::vector<double>>& gain,
                             const NomaLinkParameters& link) const
{
    const uint32_t n = link.numSubchannels;
    std::vector<NomaGrant> grants;
    const auto* decided =
        m_decision ? (isDownlink ? &m_decision->downlink : &m_decision->uplink) : nullptr;
    if (decided && !decided->empty())
    {
        NS_ABORT_MSG_IF(decided->size() != n,
                        "NomaBsMac: the frame decision has " << decided->size() << " "
                                                             << (isDownlink ? "downlink" : "uplink")
                                                             << " subchannels, the band has " << n);
        double dlTotal = 0;
        std::vector<double> ulTotal(demand.size(), 0.0);
        for (const auto& sub : *decided)
        {
            for (const auto& u : sub.users)
            {
                NS_ABORT_MSG_IF(u.ue >= demand.size(),
                                "NomaBsMac: the frame decision names UE " << u.ue << ", there are "
                                                                          << demand.size());
                dlTotal += u.powerW;
                ulTotal[u.ue] += u.powerW;
            }
        }
        NS_ABORT_MSG_IF(isDownlink && dlTotal > m_bsTxPowerW * (1 + 1e-9),
                        "NomaBsMac: the downlink decision uses " << dlTotal << " W, BsTxPower is "
                                                                 << m_bsTxPowerW << " W");
        for (uint32_t u = 0; u < demand.size() && !isDownlink; ++u)
        {
            NS_ABORT_MSG_IF(ulTotal[u] > m_ueTxPowerW * (1 + 1e-9),
                            "NomaBsMac: the uplink decision gives UE "
                                << u << " " << ulTotal[u] << " W, UeTxPower is " << m_ueTxPowerW
                                << " W");
        }
        for (uint32_t s = 0; s < n; ++s)
        {
            std::vector<NomaUserAllocation> users;
            for (const auto& u : (*decided)[s].users)
            {
                if (demand[u.ue] > 0)
                {
                    users.push_back(u);
                }
            }
            const auto g = SizeGroup(isDownlink, s, users, gain, demand, link);
            grants.insert(grants.end(), g.begin(), g.end());
        }
        return grants;
    }

    // Automatic: near/far groups over all users with data, served round robin.
    std::vector<uint32_t> act;
    for (uint32_t u = 0; u < demand.size(); ++u)
    {
        if (demand[u] > 0)
        {
            act.push_back(u);
        }
    }
    if (act.empty())
    {
        return grants;
    }
    const uint32_t q = (m_mode == OMA) ? 1 : m_maxUsersPerSubchannel;
    auto meanGain = [&gain, n](uint32_t u)
    {
        double sum = 0;
        for (uint32_t s = 0; s < n; ++s)
        {
            sum += gain.at(u).at(s);
        }
        return sum / n;
    };
    std::stable_sort(act.begin(),
                     act.end(),
                     [&meanGain](uint32_t a, uint32_t b) { return meanGain(a) > meanGain(b); });
    // G0 groups: enough for everyone (ceil(n / Q)) and at least one per subchannel
    const std::size_t g0 =
        std::max<std::size_t>(std::min<std::size_t>(n, act.size()), (act.size() + q - 1) / q);
    const double gapLinear = DbToLinear(m_minGainGapDb);
    std::vector<std::vector<uint32_t>> groups;  // each in descending gain
    std::vector<std::vector<uint32_t>> singles; // users rejected by the gain gap
    for (std::size_t grp = 0; grp < g0; ++grp)
    {
        std::vector<uint32_t> members;
        for (std::size_t r = grp; r < act.size(); r += g0)
        {
            const uint32_t u = act[r];
            if (members.empty() ||
                meanGain(members.back()) >= gapLinear * meanGain(u) * (1 - 1e-12))
            {
                members.push_back(u);
            }
            else
            {
                singles.push_back({u});
            }
        }
        groups.push_back(members);
    }
    groups.insert(groups.end(), singles.begin(), singles.end());
    // N groups per frame, round robin over the frames
    const std::size_t nServed = std::min<std::size_t>(n, groups.size());
    const std::size_t first = (frameNo * n) % groups.size();
    for (std::size_t j = 0; j < nServed; ++j)
    {
        const uint32_t s = j;
        const std::vector<uint32_t>& members = groups[(first + j) % groups.size()];
        std::vector<double> g;
        for (uint32_t u : members)
        {
            g.push_back(gain.at(u).at(s));
        }
        std::vector<NomaUserAllocation> users(members.size());
        if (isDownlink)
        {
            // weights from the weakest user: 1, beta, beta^2, ...
            const std::vector<std::size_t> order = DefaultDownlinkSicOrder(g);
            const double beta = (1.0 - m_dlWeakPowerFraction) / m_dlWeakPowerFraction;
            std::vector<double> w(members.size());
            double wSum = 0;
            for (std::size_t k = 0; k < order.size(); ++k)
            {
                w[order[k]] = std::pow(beta, static_cast<double>(k));
                wSum += w[order[k]];
            }
            const double pSub = m_bsTxPowerW / n;
            for (std::size_t i = 0; i < members.size(); ++i)
            {
                users[i] = {members[i], pSub * w[i] / wSum, 0};
            }
        }
        else
        {
            for (std::size_t i = 0; i < members.size(); ++i)
            {
                users[i] = {members[i], m_ueTxPowerW, 0};
            }
        }
        std::vector<double> p;
        for (const auto& u : users)
        {
            p.push_back(u.powerW);
        }
        std::vector<std::size_t> order =
            isDownlink ? DefaultDownlinkSicOrder(g) : DefaultUplinkSicOrder(p, g);
        if (m_sicOrder == REVERSE_ORDER)
        {
            std::reverse(order.begin(), order.end());
        }
        std::vector<NomaUserAllocation> ordered;
        for (std::size_t k : order)
        {
            ordered.push_back(users[k]);
        }
        const auto gr = SizeGroup(isDownlink, s, ordered, gain, demand, link);
        grants.insert(grants.end(), gr.begin(), gr.end());
    }
    return grants;
}

NomaFrameSchedule
NomaBsMac::Schedule(uint64_t frameNo,
                    const std::vector<uint64_t>& dlDemand,
                    const std::vector<uint64_t>& ulDemand,
                    const std::vector<std::vector<double>>& dlGain,
                    const std::vector<std::vector<double>>& ulGain,
                    const NomaLinkParameters& link)
{
    NS_LOG_FUNCTION(this << frameNo);
    NomaFrameSchedule sched;
    sched.frameNo = frameNo;
    sched.downlink = ScheduleDirection(frameNo, true, dlDemand, dlGain, link);
    sched.uplink = ScheduleDirection(frameNo, false, ulDemand, ulGain, link);
    m_scheduleTrace(sched);
    return sched;
}

} // namespace edgeinference
} // namespace ns3
