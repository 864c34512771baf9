/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_HELPER_H
#define EDGE_INFERENCE_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/dnn-model.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/ptr.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{

class InferenceTraceWriter;

/**
 * @ingroup edge-inference-helpers
 * @brief Installs LayerStreamingServer and LayerwiseInferenceClient applications.
 *
 * @code
 * EdgeInferenceHelper helper;
 * helper.AddModel(DnnModelZoo::Get("mobilenetv2"));
 * ApplicationContainer server = helper.InstallServer(remoteHost);
 * helper.SetClientAttribute("Mode", StringValue("Streaming"));
 * ApplicationContainer clients = helper.InstallClient(ueNodes, serverIp, "mobilenetv2");
 * helper.AssignStreams(ueNodes, 100);
 * @endcode
 */
class EdgeInferenceHelper
{
  public:
    /// Factories for ns3::LayerStreamingServer and ns3::LayerwiseInferenceClient.
    EdgeInferenceHelper();

    /**
     * @brief Set an attribute of the servers created by InstallServer().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the clients created by InstallClient().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Add a model to the catalogue given to every server installed afterwards.
     * @param [in] model the model
     */
    void AddModel(const DnnModel& model);

    /// @return the catalogue
    const std::vector<DnnModel>& GetModels() const;

    /**
     * @brief Install a LayerStreamingServer with the catalogue on each node.
     * @param [in] nodes the nodes
     * @return the applications
     */
    ApplicationContainer InstallServer(NodeContainer nodes) const;

    /**
     * @brief Install a LayerStreamingServer on one node.
     * @param [in] node the node
     * @return the application
     */
    ApplicationContainer InstallServer(Ptr<Node> node) const;

    /**
     * @brief Install a LayerwiseInferenceClient on each node, requesting one model.
     * Aborts if the catalogue is not empty and lacks the model.
     * @param [in] nodes the nodes
     * @param [in] serverAddress IPv4 address of the server
     * @param [in] modelName the model to request
     * @return the applications
     */
    ApplicationContainer InstallClient(NodeContainer nodes,
                                       const Address& serverAddress,
                                       const std::string& modelName) const;

    /**
     * @brief Install a LayerwiseInferenceClient on one node.
     * @param [in] node the node
     * @param [in] serverAddress IPv4 address of the server
     * @param [in] modelName the model to request
     * @return the application
     */
    ApplicationContainer InstallClient(Ptr<Node> node,
                                       const Address& serverAddress,
                                       const std::string& modelName) const;

    /**
     * @brief Assign fixed random variable streams to the module's applications on the nodes.
     * @param [in] nodes the nodes
     * @param [in] stream first stream index
     * @return the number of stream indices used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream) const;

    /**
     * @brief Per-task and per-event traces of this technique with one call: connects the
     * streaming clients (LayerwiseInferenceClient) on every node; technique "slide" to the
     * simulation's InferenceTraceWriter (EdgeInferenceTraceHelper), which writes the CSV files and
     * the SQLite database when the simulation is destroyed. Call after installing, before
     * Simulator::Run().
     * @return the writer (set its file-name attributes before the end of the simulation)
     */
    Ptr<InferenceTraceWriter> EnableTraces();

  private:
    ObjectFactory m_serverFactory;  ///< Server factory
    ObjectFactory m_clientFactory;  ///< Client factory
    std::vector<DnnModel> m_models; ///< Catalogue for new servers
};

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_INFERENCE_HELPER_H */
