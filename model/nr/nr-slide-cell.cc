/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "nr-slide-cell.h"

#include "ns3/lte-enb-rrc.h"

namespace ns3
{
namespace edgeinference
{

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
    return std::make_shared<NrDlSymbolRateModel>(m_amc, c, m_resources);
}

} // namespace edgeinference
} // namespace ns3
