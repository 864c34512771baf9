/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slide-helper.h"

#include "ns3/abort.h"
#include "ns3/bandwidth-share-ffr-algorithm.h"
#include "ns3/double.h"
#include "ns3/ipv4.h"
#include "ns3/layer-streaming-server.h"
#include "ns3/layerwise-inference-client.h"
#include "ns3/log.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/lte-ue-phy.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("SlideHelper");

SlideHelper::SlideHelper()
{
    m_managerFactory.SetTypeId("ns3::SlideResourceManager");
    m_serverFactory.SetTypeId("ns3::LayerStreamingServer");
    m_clientFactory.SetTypeId("ns3::LayerwiseInferenceClient");
}

void
SlideHelper::SetResourceManagerType(const std::string& type)
{
    m_managerFactory.SetTypeId(type);
}

void
SlideHelper::SetResourceManagerAttribute(const std::string& name, const AttributeValue& value)
{
    m_managerFactory.Set(name, value);
}

void
SlideHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
}

void
SlideHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

void
SlideHelper::AddModel(const DnnModel& model)
{
    m_models.push_back(model);
    if (m_manager)
    {
        m_manager->AddModel(model);
    }
}

void
SlideHelper::AddTask(const std::string& task, const std::vector<std::string>& variants)
{
    m_tasks.emplace_back(task, variants);
    if (m_manager)
    {
        m_manager->AddTask(task, variants);
    }
}

Ptr<SlideResourceManager>
SlideHelper::InstallResourceManager(Ptr<NetDevice> enbDevice)
{
    Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(enbDevice);
    NS_ABORT_MSG_IF(!enb, "SlideHelper::InstallResourceManager: the device is not an LTE eNB");
    Ptr<BandwidthShareFfrAlgorithm> ffr;
    try
    {
        ffr = BandwidthShareFfrAlgorithm::GetFromEnbDevice(enbDevice);
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR("SlideHelper::InstallResourceManager: " << e.what());
    }
    m_manager = m_managerFactory.Create<SlideResourceManager>();
    NS_ABORT_MSG_IF(!m_manager, "SlideHelper: the allocator type is not a SlideResourceManager");
    m_manager->SetCell(ffr, enb->GetDlBandwidth());
    for (const auto& m : m_models)
    {
        m_manager->AddModel(m);
    }
    for (const auto& t : m_tasks)
    {
        m_manager->AddTask(t.first, t.second);
    }
    return m_manager;
}

Ptr<SlideResourceManager>
SlideHelper::GetResourceManager() const
{
    return m_manager;
}

ApplicationContainer
SlideHelper::InstallServer(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!m_manager, "SlideHelper::InstallServer: call InstallResourceManager() first");
    Ptr<LayerStreamingServer> server = m_serverFactory.Create<LayerStreamingServer>();
    for (const auto& m : m_models)
    {
        server->AddModel(m);
    }
    server->SetResourceManager(m_manager);
    node->AddApplication(server);
    return ApplicationContainer(server);
}

ApplicationContainer
SlideHelper::InstallClient(Ptr<Node> node,
                           Ptr<NetDevice> ueDevice,
                           const Address& serverAddress,
                           const std::string& task,
                           const SlideUserProfile& profile)
{
    NS_ABORT_MSG_IF(!m_manager, "SlideHelper::InstallClient: call InstallResourceManager() first");
    Ptr<LteUeNetDevice> ue = DynamicCast<LteUeNetDevice>(ueDevice);
    NS_ABORT_MSG_IF(!ue, "SlideHelper::InstallClient: the device is not an LTE UE");
    Ptr<Ipv4> ip = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ip || ip->GetNInterfaces() < 2,
                    "SlideHelper::InstallClient: node " << node->GetId()
                                                        << " has no IPv4 address yet");
    SlideUserProfile p = profile;
    p.imsi = ue->GetImsi();
    p.address = ip->GetAddress(1, 0).GetLocal();
    m_manager->AddUser(p);
    ue->GetPhy()->TraceConnectWithoutContext(
        "ReportCurrentCellRsrpSinr",
        MakeCallback(&SlideResourceManager::ReportRsrpSinr, m_manager));

    Ptr<LayerwiseInferenceClient> client = m_clientFactory.Create<LayerwiseInferenceClient>();
    client->SetAttribute("ModelName", StringValue(task));
    client->SetAttribute("Samples", UintegerValue(p.samples));
    client->SetAttribute("FlopsPerCycle", DoubleValue(p.device.GetFlopsPerCycle()));
    client->SetAttribute("MinFrequencyHz", DoubleValue(p.device.GetMinFrequency()));
    client->SetAttribute("MaxFrequencyHz", DoubleValue(p.device.GetMaxFrequency()));
    client->SetAttribute("FrequencyHz", DoubleValue(p.device.GetMaxFrequency()));
    client->SetAttribute("EnergyCoefficient", DoubleValue(p.device.GetEnergyCoefficient()));
    UintegerValue port;
    client->GetAttribute("RemotePort", port);
    client->SetRemote(serverAddress, static_cast<uint16_t>(port.Get()));
    node->AddApplication(client);
    return ApplicationContainer(client);
}

int64_t
SlideHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t current = stream;
    if (m_manager)
    {
        current += m_manager->AssignStreams(current);
    }
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        for (uint32_t i = 0; i < (*it)->GetNApplications(); ++i)
        {
            Ptr<LayerwiseInferenceClient> client =
                DynamicCast<LayerwiseInferenceClient>((*it)->GetApplication(i));
            if (client)
            {
                current += client->AssignStreams(current);
            }
        }
    }
    return current - stream;
}

} // namespace edgeinference
} // namespace ns3
