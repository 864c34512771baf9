/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-helper.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/mobility-model.h"
#include "ns3/multi-model-spectrum-channel.h"
#include "ns3/node.h"
#include "ns3/noma-spectrum-phy.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/radio-rate.h"
#include "ns3/spectrum-propagation-loss-model.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("NomaHelper");

namespace
{

/**
 * Ideal large-scale CSI: the channel's propagation loss model between the base station and
 * a UE (linear gain; 1 if the channel has no loss model).
 * @param [in] bs the base station device
 * @param [in] ue UE index
 * @param [in] subchannel subchannel (the loss models are flat over the band)
 * @param [in] isDownlink direction
 * @return the gain
 */
double
LossModelGain(Ptr<NomaNetDevice> bs, uint32_t ue, uint32_t subchannel, bool isDownlink)
{
    Ptr<PropagationLossModel> loss = bs->GetPhy()->GetSpectrumChannel()->GetPropagationLossModel();
    if (!loss)
    {
        return 1.0;
    }
    Ptr<MobilityModel> bsMob = bs->GetPhy()->GetMobility();
    Ptr<MobilityModel> ueMob = bs->GetUe(ue)->GetPhy()->GetMobility();
    const double gainDb =
        isDownlink ? loss->CalcRxPower(0, bsMob, ueMob) : loss->CalcRxPower(0, ueMob, bsMob);
    return DbToLinear(gainDb);
}

} // namespace

NomaHelper::NomaHelper()
{
    m_lossFactory.SetTypeId("ns3::LogDistancePropagationLossModel");
    m_lossFactory.Set("Exponent", DoubleValue(3.76));
    m_lossFactory.Set("ReferenceDistance", DoubleValue(1.0));
    m_lossFactory.Set("ReferenceLoss", DoubleValue(15.3));
    m_phyFactory.SetTypeId(NomaSpectrumPhy::GetTypeId());
    m_macFactory.SetTypeId(NomaBsMac::GetTypeId());
    m_deviceFactory.SetTypeId(NomaNetDevice::GetTypeId());
}

void
NomaHelper::SetNumSubchannels(uint32_t n)
{
    NS_ABORT_MSG_IF(n == 0, "NomaHelper::SetNumSubchannels: need >= 1 subchannel, got 0");
    m_numSubchannels = n;
}

void
NomaHelper::SetSubchannelBandwidth(double hz)
{
    NS_ABORT_MSG_IF(!(hz > 0), "NomaHelper::SetSubchannelBandwidth: need > 0 Hz, got " << hz);
    m_bandwidthHz = hz;
}

void
NomaHelper::SetCarriers(double dlLowHz, double ulLowHz)
{
    m_dlLowHz = dlLowHz;
    m_ulLowHz = ulLowHz;
}

void
NomaHelper::SetChannel(Ptr<SpectrumChannel> channel)
{
    m_channel = channel;
}

void
NomaHelper::SetPathlossModelType(const std::string& type)
{
    m_lossFactory = ObjectFactory();
    m_lossFactory.SetTypeId(type);
}

void
NomaHelper::SetPathlossModelAttribute(const std::string& name, const AttributeValue& value)
{
    m_lossFactory.Set(name, value);
}

void
NomaHelper::SetFadingModelType(const std::string& type)
{
    m_fadingType = type;
}

void
NomaHelper::SetPhyAttribute(const std::string& name, const AttributeValue& value)
{
    m_phyFactory.Set(name, value);
}

void
NomaHelper::SetMacAttribute(const std::string& name, const AttributeValue& value)
{
    m_macFactory.Set(name, value);
}

void
NomaHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

void
NomaHelper::SetMode(NomaBsMac::Mode mode)
{
    m_macFactory.Set("Mode", EnumValue(mode));
}

void
NomaHelper::SetPairing(uint32_t maxUsersPerSubchannel, double minGainGapDb)
{
    m_macFactory.Set("MaxUsersPerSubchannel", UintegerValue(maxUsersPerSubchannel));
    m_macFactory.Set("MinGainGapDb", DoubleValue(minGainGapDb));
}

void
NomaHelper::SetPowerSplit(double weakFraction)
{
    m_macFactory.Set("DlWeakPowerFraction", DoubleValue(weakFraction));
}

void
NomaHelper::SetSicOrder(NomaBsMac::SicOrderPolicy policy)
{
    m_macFactory.Set("SicOrder", EnumValue(policy));
}

Ptr<SpectrumChannel>
NomaHelper::GetChannel()
{
    if (!m_channel)
    {
        m_channel = CreateObject<MultiModelSpectrumChannel>();
        m_channel->AddPropagationLossModel(m_lossFactory.Create<PropagationLossModel>());
        if (!m_fadingType.empty())
        {
            ObjectFactory f;
            f.SetTypeId(m_fadingType);
            m_channel->AddSpectrumPropagationLossModel(f.Create<SpectrumPropagationLossModel>());
        }
    }
    return m_channel;
}

NetDeviceContainer
NomaHelper::Install(Ptr<Node> bsNode, const NodeContainer& ueNodes)
{
    NS_LOG_FUNCTION(this << bsNode << ueNodes.GetN());
    Ptr<SpectrumChannel> channel = GetChannel();
    const std::vector<double> key = {
        static_cast<double>(m_numSubchannels), m_bandwidthHz, m_dlLowHz, m_ulLowHz};
    if (!m_plan || key != m_planKey)
    {
        // one SpectrumModel for all cells with the same plan: no spectrum conversion
        m_plan =
            NomaSpectrumPhy::MakeBandPlan(m_numSubchannels, m_bandwidthHz, m_dlLowHz, m_ulLowHz);
        m_planKey = key;
    }
    Ptr<const SpectrumModel> plan = m_plan;
    NetDeviceContainer devices;

    auto make = [&](Ptr<Node> node)
    {
        Ptr<MobilityModel> mob = node->GetObject<MobilityModel>();
        NS_ABORT_MSG_IF(!mob,
                        "NomaHelper::Install: node " << node->GetId() << " has no MobilityModel");
        Ptr<NomaNetDevice> dev = m_deviceFactory.Create<NomaNetDevice>();
        Ptr<NomaSpectrumPhy> phy = m_phyFactory.Create<NomaSpectrumPhy>();
        phy->SetSubchannels(plan, m_numSubchannels, m_bandwidthHz);
        phy->SetMobility(mob);
        phy->SetChannel(channel);
        dev->SetAddress(Mac48Address::Allocate());
        dev->SetNode(node);
        node->AddDevice(dev);
        return std::make_pair(dev, phy);
    };

    auto [bs, bsPhy] = make(bsNode);
    bs->ConfigureBaseStation(m_nextCellId++, m_macFactory.Create<NomaBsMac>());
    bs->SetPhy(bsPhy);
    channel->AddRx(bsPhy);
    bs->SetGainProvider(MakeBoundCallback(&LossModelGain, bs));
    devices.Add(bs);
    for (uint32_t i = 0; i < ueNodes.GetN(); ++i)
    {
        auto [ue, uePhy] = make(ueNodes.Get(i));
        ue->ConfigureUe(bs);
        ue->SetPhy(uePhy);
        channel->AddRx(uePhy);
        devices.Add(ue);
    }
    bs->StartFrames(Seconds(0));
    return devices;
}

int64_t
NomaHelper::AssignStreams(const NetDeviceContainer& devices, int64_t stream)
{
    Ptr<PropagationLossModel> loss = GetChannel()->GetPropagationLossModel();
    return loss ? loss->AssignStreams(stream) : 0;
}

} // namespace edgeinference
} // namespace ns3
