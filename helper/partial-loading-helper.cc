/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "partial-loading-helper.h"

#include "batching-early-exit-helper.h"
#include "edge-inference-trace-helper.h"

#include "ns3/abort.h"
#include "ns3/edge-server.h"
#include "ns3/log.h"
#include "ns3/offloading-client.h"
#include "ns3/partial-loading-allocator.h"
#include "ns3/partial-loading-server.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("PartialLoadingHelper");

PartialLoadingHelper::PartialLoadingHelper()
{
    m_serverFactory.SetTypeId("ns3::PartialLoadingServer");
    m_edgeFactory.SetTypeId("ns3::EdgeServer");
    m_clientFactory.SetTypeId("ns3::OffloadingClient");
    m_allocatorFactory.SetTypeId("ns3::PartialLoadingSolverAllocator");
}

void
PartialLoadingHelper::SetAllocatorType(const std::string& typeId)
{
    m_allocatorFactory = ObjectFactory();
    m_allocatorFactory.SetTypeId(typeId);
}

void
PartialLoadingHelper::SetAllocatorAttribute(const std::string& name, const AttributeValue& value)
{
    m_allocatorFactory.Set(name, value);
}

void
PartialLoadingHelper::SetFamily(const DnnModelFamily& family)
{
    m_family = family;
}

void
PartialLoadingHelper::SetInferenceTime(const std::string& model, Time time)
{
    m_inferenceTime[model] = time;
}

void
PartialLoadingHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
}

void
PartialLoadingHelper::SetEdgeServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_edgeFactory.Set(name, value);
}

void
PartialLoadingHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

ApplicationContainer
PartialLoadingHelper::InstallServer(Ptr<Node> node) const
{
    NS_ABORT_MSG_IF(m_family.GetModels().empty(),
                    "PartialLoadingHelper::InstallServer: no family (call SetFamily())");
    Ptr<EdgeServer> edge = node->GetObject<EdgeServer>();
    if (!edge)
    {
        edge = m_edgeFactory.Create<EdgeServer>();
        node->AggregateObject(edge);
    }
    for (const DnnModel& m : m_family.GetModels())
    {
        edge->AddModel(m);
    }
    for (const auto& kv : m_inferenceTime)
    {
        NS_ABORT_MSG_IF(!edge->HasModel(kv.first),
                        "PartialLoadingHelper::InstallServer: inference time set for model '"
                            << kv.first << "', which is not in the family '" << m_family.GetName()
                            << "'");
        edge->SetInferenceTime(kv.first, kv.second);
    }
    Ptr<Object> object = m_allocatorFactory.Create();
    Ptr<PartialLoadingAllocator> allocator = DynamicCast<PartialLoadingAllocator>(object);
    NS_ABORT_MSG_IF(!allocator,
                    "PartialLoadingHelper::InstallServer: allocator type '"
                        << m_allocatorFactory.GetTypeId().GetName()
                        << "' is not a ns3::PartialLoadingAllocator");
    Ptr<PartialLoadingServer> server = m_serverFactory.Create<PartialLoadingServer>();
    server->SetAttribute("Allocator", PointerValue(allocator));
    server->SetFamily(m_family);
    node->AddApplication(server);
    return ApplicationContainer(server);
}

ApplicationContainer
PartialLoadingHelper::InstallClients(NodeContainer nodes,
                                     const Address& serverAddress,
                                     const std::vector<uint16_t>& modelIndices) const
{
    ApplicationContainer apps;
    size_t i = 0;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it, ++i)
    {
        Ptr<OffloadingClient> client = m_clientFactory.Create<OffloadingClient>();
        client->SetAttribute("RemoteAddress", AddressValue(serverAddress));
        if (!modelIndices.empty())
        {
            client->SetAttribute("ModelIndex",
                                 UintegerValue(modelIndices[i % modelIndices.size()]));
        }
        (*it)->AddApplication(client);
        apps.Add(client);
    }
    return apps;
}

void
PartialLoadingHelper::ConnectEnbChannelReports(Ptr<Application> server,
                                               const NetDeviceContainer& enbDevices)
{
    NS_ABORT_MSG_IF(!DynamicCast<PartialLoadingServer>(server),
                    "PartialLoadingHelper::ConnectEnbChannelReports: not a PartialLoadingServer");
    BatchingEarlyExitHelper::ConnectEnbChannelReports(server, enbDevices);
}

void
PartialLoadingHelper::ConnectUplinkShares(Ptr<Application> server, Ptr<NetDevice> enbDevice)
{
    NS_ABORT_MSG_IF(!DynamicCast<PartialLoadingServer>(server),
                    "PartialLoadingHelper::ConnectUplinkShares: not a PartialLoadingServer");
    BatchingEarlyExitHelper::ConnectUplinkShares(server, enbDevice);
}

int64_t
PartialLoadingHelper::AssignStreams(NodeContainer nodes, int64_t stream) const
{
    return BatchingEarlyExitHelper().AssignStreams(nodes, stream);
}

Ptr<InferenceTraceWriter>
PartialLoadingHelper::EnableTraces()
{
    return EdgeInferenceTraceHelper::EnableTraces("partial-loading");
}

} // namespace edgeinference
} // namespace ns3
