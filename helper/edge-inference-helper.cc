/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-inference-helper.h"

#include "edge-inference-trace-helper.h"

#include "ns3/abort.h"
#include "ns3/layer-streaming-server.h"
#include "ns3/layerwise-inference-client.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("EdgeInferenceHelper");

EdgeInferenceHelper::EdgeInferenceHelper()
{
    m_serverFactory.SetTypeId(LayerStreamingServer::GetTypeId());
    m_clientFactory.SetTypeId(LayerwiseInferenceClient::GetTypeId());
}

void
EdgeInferenceHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
}

void
EdgeInferenceHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

void
EdgeInferenceHelper::AddModel(const DnnModel& model)
{
    NS_ABORT_MSG_IF(model.GetNLayers() == 0,
                    "EdgeInferenceHelper::AddModel: model '" << model.GetName()
                                                             << "' has no layers");
    auto same = [&model](const DnnModel& m)
    {
        return m.GetName() == model.GetName();
    };
    auto it = std::find_if(m_models.begin(), m_models.end(), same);
    if (it != m_models.end())
    {
        *it = model;
    }
    else
    {
        m_models.push_back(model);
    }
}

const std::vector<DnnModel>&
EdgeInferenceHelper::GetModels() const
{
    return m_models;
}

ApplicationContainer
EdgeInferenceHelper::InstallServer(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<LayerStreamingServer> server = m_serverFactory.Create<LayerStreamingServer>();
        for (const auto& m : m_models)
        {
            server->AddModel(m);
        }
        (*it)->AddApplication(server);
        apps.Add(server);
    }
    return apps;
}

ApplicationContainer
EdgeInferenceHelper::InstallServer(Ptr<Node> node) const
{
    return InstallServer(NodeContainer(node));
}

ApplicationContainer
EdgeInferenceHelper::InstallClient(NodeContainer nodes,
                                   const Address& serverAddress,
                                   const std::string& modelName) const
{
    if (!m_models.empty())
    {
        const bool known =
            std::any_of(m_models.begin(),
                        m_models.end(),
                        [&modelName](const DnnModel& m) { return m.GetName() == modelName; });
        NS_ABORT_MSG_IF(!known,
                        "EdgeInferenceHelper::InstallClient: model '"
                            << modelName << "' is not in the helper's catalogue");
    }
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<LayerwiseInferenceClient> client = m_clientFactory.Create<LayerwiseInferenceClient>();
        client->SetAttribute("ModelName", StringValue(modelName));
        uint16_t port = 0;
        {
            UintegerValue v;
            client->GetAttribute("RemotePort", v);
            port = static_cast<uint16_t>(v.Get());
        }
        client->SetRemote(serverAddress, port);
        (*it)->AddApplication(client);
        apps.Add(client);
    }
    return apps;
}

ApplicationContainer
EdgeInferenceHelper::InstallClient(Ptr<Node> node,
                                   const Address& serverAddress,
                                   const std::string& modelName) const
{
    return InstallClient(NodeContainer(node), serverAddress, modelName);
}

int64_t
EdgeInferenceHelper::AssignStreams(NodeContainer nodes, int64_t stream) const
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        for (uint32_t i = 0; i < node->GetNApplications(); ++i)
        {
            Ptr<LayerwiseInferenceClient> client =
                DynamicCast<LayerwiseInferenceClient>(node->GetApplication(i));
            if (client)
            {
                current += client->AssignStreams(current);
            }
        }
    }
    return current - stream;
}

Ptr<InferenceTraceWriter>
EdgeInferenceHelper::EnableTraces()
{
    return EdgeInferenceTraceHelper::EnableTraces("slide");
}

} // namespace edgeinference
} // namespace ns3
