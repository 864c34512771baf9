/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "enb-ue-view.h"

#include "ns3/component-carrier-enb.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/object-map.h"
#include "ns3/simulator.h"

#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

Ptr<ComponentCarrierEnb>
FindEnbCarrier(const Ptr<NetDevice>& enbDevice, uint8_t ccId, const std::string& caller)
{
    Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(enbDevice);
    if (!enb)
    {
        throw std::invalid_argument(caller + ": the device is not an LteEnbNetDevice");
    }
    const auto ccMap = enb->GetCcMap();
    auto it = ccMap.find(ccId);
    Ptr<ComponentCarrierEnb> cc =
        it == ccMap.end() ? nullptr : DynamicCast<ComponentCarrierEnb>(it->second);
    if (!cc)
    {
        throw std::invalid_argument(caller + ": component carrier " + std::to_string(ccId) +
                                    " does not exist");
    }
    return cc;
}

void
EnbUeView::SetRrc(const Ptr<LteEnbRrc>& rrc)
{
    m_rrc = rrc;
    Invalidate();
}

Ptr<LteEnbRrc>
EnbUeView::GetRrc() const
{
    return m_rrc;
}

void
EnbUeView::Invalidate()
{
    m_isValid = false;
}

void
EnbUeView::Refresh(bool trackConnecting)
{
    const Time now = Simulator::Now();
    if (m_isValid && now == m_time)
    {
        return;
    }
    m_time = now;
    m_isValid = true;
    m_rntiOfImsi.clear();
    m_connecting.clear();
    if (!m_rrc)
    {
        return;
    }
    ObjectMapValue ueMap;
    m_rrc->GetAttribute("UeMap", ueMap);
    for (auto it = ueMap.Begin(); it != ueMap.End(); ++it)
    {
        Ptr<UeManager> ue = DynamicCast<UeManager>(it->second);
        if (!ue)
        {
            continue;
        }
        const auto rnti = static_cast<uint16_t>(it->first);
        if (ue->GetImsi() != 0)
        {
            m_rntiOfImsi[ue->GetImsi()] = rnti;
        }
        if (trackConnecting && ue->GetState() != UeManager::CONNECTED_NORMALLY)
        {
            m_connecting.insert(rnti);
        }
    }
}

const std::map<uint64_t, uint16_t>&
EnbUeView::GetRntiOfImsi() const
{
    return m_rntiOfImsi;
}

uint16_t
EnbUeView::GetRnti(uint64_t imsi) const
{
    auto it = m_rntiOfImsi.find(imsi);
    return it == m_rntiOfImsi.end() ? 0 : it->second;
}

const std::set<uint16_t>&
EnbUeView::GetConnecting() const
{
    return m_connecting;
}

} // namespace edgeinference
} // namespace ns3
