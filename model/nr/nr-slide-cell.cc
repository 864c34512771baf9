/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "nr-slide-cell.h"

#include "ns3/abort.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace edgeinference
{

namespace
{

/**
 * @param [in] name an attribute of ns3::TcpSocket (unsigned integer)
 * @return its default value (Config::SetDefault() included)
 */
uint32_t
TcpDefault(const std::string& name)
{
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(TypeId::LookupByName("ns3::TcpSocket").LookupAttributeByName(name, &info),
                        "NrSlideCell: ns3::TcpSocket has no attribute " << name);
    return static_cast<uint32_t>(DynamicCast<const UintegerValue>(info.initialValue)->Get());
}

} // namespace

NrSlideCell::NrSlideCell(Ptr<NrSymbolShareScheduler> scheduler,
                         Ptr<LteEnbRrc> rrc,
                         const NrDlResources& resources,
                         Ptr<const NrAmc> amc)
    : m_scheduler(scheduler)
    , m_resources(resources)
    , m_amc(amc)
{
    m_view.SetRrc(rrc);
}

uint16_t
NrSlideCell::GetRntiOfImsi(uint64_t imsi)
{
    m_view.Refresh(false);
    return m_view.GetRnti(imsi);
}

bool
NrSlideCell::GetDlWidebandCqi(uint16_t rnti, uint8_t& cqi, Time& when) const
{
    return m_scheduler->GetDlWidebandCqi(rnti, cqi, when);
}

void
NrSlideCell::SetDlShareByImsi(uint64_t imsi, double share)
{
    m_scheduler->SetDlShareByImsi(imsi, share);
}

void
NrSlideCell::ClearShares()
{
    m_scheduler->ClearShares();
}

uint32_t
NrSlideCell::GetDlUnits() const
{
    return m_resources.dlDataSymbols;
}

double
NrSlideCell::HzToDlShare(double hz) const
{
    return hz / GetBandwidthHz();
}

double
NrSlideCell::GetBandwidthHz() const
{
    return m_resources.nRb * m_resources.rbWidthHz;
}

std::shared_ptr<const RateModel>
NrSlideCell::MakeAmcRateModel(const std::vector<int>& cqi) const
{
    std::vector<uint8_t> c;
    for (int q : cqi)
    {
        c.push_back(q < 0 ? 0 : static_cast<uint8_t>(q));
    }
    NrDlResources r = m_resources;
    constexpr double srsPeriodicity = 80; // NrMacSchedulerSrsDefault: one offset per UE
    const double srs = std::min(1.0, m_view.GetRntiOfImsi().size() / srsPeriodicity);
    r.flexUlSymbols = std::min<double>(r.flexDataSymbols, m_flexUlSymbols + srs);
    return std::make_shared<NrDlSymbolRateModel>(
        m_amc, c, r, PayloadFraction(TcpDefault("SegmentSize")));
}

bool
NrSlideCell::SetConcurrentStreams(const std::vector<double>& rateBps)
{
    const double ackBits = 8.0 * TcpDefault("SegmentSize") * TcpDefault("DelAckCount");
    m_flexUlSymbols = 0;
    for (double r : rateBps)
    {
        m_flexUlSymbols +=
            std::isfinite(r) ? 1 - std::exp(-r / ackBits * m_resources.patternSeconds) : 1.0;
    }
    return true;
}

double
NrSlideCell::PayloadFraction(uint32_t segmentBytes)
{
    constexpr double headers = 20 + 32 + 2 + 2 + 3; // IPv4, TCP + timestamps, PDCP, RLC, MAC
    return segmentBytes / (segmentBytes + headers);
}

} // namespace edgeinference
} // namespace ns3
