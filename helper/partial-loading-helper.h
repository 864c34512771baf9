/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PARTIAL_LOADING_HELPER_H
#define PARTIAL_LOADING_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/dnn-model.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{

class InferenceTraceWriter;

/**
 * @ingroup edge-inference-helpers
 * @brief Installs the PartialLoading scenario (Qu et al., arXiv 2503.22982; [2]): an EdgeServer
 * aggregated to the edge node with the family's models and inference times, a PartialLoadingServer
 * driving it with an allocator created by TypeId (any PartialLoadingAllocator, also one defined in
 * the user's program), and OffloadingClient applications naming their models; connects the eNB's
 * channel measurements and executes the uplink bandwidths in the LTE MAC (both through
 * BatchingEarlyExitHelper's connectors, which take any OffloadingServerBase).
 * @code
 * PartialLoadingHelper helper;
 * helper.SetFamily(DnnModelZoo::BackboneSharingFamily(...));
 * helper.SetInferenceTime("m1", MilliSeconds(10));
 * helper.SetAllocatorAttribute("Algorithm", StringValue("partial-loading"));
 * ApplicationContainer server = helper.InstallServer(remoteHost);
 * ApplicationContainer clients = helper.InstallClients(ueNodes, serverIp, {0, 1, 2});
 * PartialLoadingHelper::ConnectEnbChannelReports(server.Get(0), enbDevs);
 * PartialLoadingHelper::ConnectUplinkShares(server.Get(0), enbDevs.Get(0));
 * helper.AssignStreams(ueNodes, 100);
 * @endcode
 */
class PartialLoadingHelper
{
  public:
    /// Factories for ns3::PartialLoadingServer, ns3::EdgeServer, ns3::OffloadingClient and the
    /// allocator (default ns3::PartialLoadingSolverAllocator).
    PartialLoadingHelper();

    /**
     * @brief Choose the allocator installed with each server (a subclass of
     * ns3::PartialLoadingAllocator registered with NS_OBJECT_ENSURE_REGISTERED). Clears the
     * allocator attributes set so far.
     * @param [in] typeId its TypeId name, e.g. "ns3::PartialLoadingDecisionFileAllocator"
     */
    void SetAllocatorType(const std::string& typeId);

    /**
     * @brief Set an attribute of the allocators created by InstallServer().
     * @param [in] name attribute name, e.g. "Algorithm", "InstanceFileName", "Fallback"
     * @param [in] value attribute value
     */
    void SetAllocatorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @param [in] family the catalogue (client ModelIndex i = family.GetModels()[i])
     */
    void SetFamily(const DnnModelFamily& family);

    /**
     * @brief Set the inference time I_m of a model on the EdgeServers created (else the
     * EdgeServer's FLOPs-based time).
     * @param [in] model model name
     * @param [in] time inference time (> 0)
     */
    void SetInferenceTime(const std::string& model, Time time);

    /**
     * @brief Set an attribute of the servers created by InstallServer().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the EdgeServers created by InstallServer().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetEdgeServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the clients created by InstallClients().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Install a PartialLoadingServer with a new allocator (SetAllocatorType()) on a
     * node, and an EdgeServer if the node has none (an existing one is kept; the family's
     * models are added to it). Aborts naming the TypeId if it is not a
     * PartialLoadingAllocator.
     * @param [in] node the node
     * @return the application
     */
    ApplicationContainer InstallServer(Ptr<Node> node) const;

    /**
     * @brief Install an OffloadingClient on each node.
     * @param [in] nodes the nodes
     * @param [in] serverAddress IPv4 address of the server
     * @param [in] modelIndices ModelIndex of client i = modelIndices[i % size] (empty: 0)
     * @return the applications
     */
    ApplicationContainer InstallClients(NodeContainer nodes,
                                        const Address& serverAddress,
                                        const std::vector<uint16_t>& modelIndices = {}) const;

    /**
     * @brief Feed the server with the eNBs' uplink SRS SINR reports as s_k (see
     * BatchingEarlyExitHelper::ConnectEnbChannelReports()).
     * @param [in] server a PartialLoadingServer application
     * @param [in] enbDevices LTE eNB devices
     */
    static void ConnectEnbChannelReports(Ptr<Application> server,
                                         const NetDeviceContainer& enbDevices);

    /**
     * @brief Execute the server's uplink bandwidths as uplink shares of the eNB's
     * ns3::BandwidthShareFfMacScheduler (see BatchingEarlyExitHelper::ConnectUplinkShares()).
     * @param [in] server a PartialLoadingServer application
     * @param [in] enbDevice the LTE eNB device of the cell
     */
    static void ConnectUplinkShares(Ptr<Application> server, Ptr<NetDevice> enbDevice);

    /**
     * @brief Assign fixed random variable streams to the clients on the nodes.
     * @param [in] nodes the nodes
     * @param [in] stream first stream index
     * @return the number of stream indices used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream) const;

    /**
     * @brief Per-task and per-event traces of this technique with one call: connects the
     * OffloadingClients of PartialLoadingServers, the servers and their EdgeServers (GPU loads and
     * inferences) on every node to the simulation's InferenceTraceWriter
     * (EdgeInferenceTraceHelper), which writes the CSV files and the SQLite database when the
     * simulation is destroyed. Call after installing, before Simulator::Run().
     * @return the writer (set its file-name attributes before the end of the simulation)
     */
    Ptr<InferenceTraceWriter> EnableTraces();

  private:
    ObjectFactory m_serverFactory;               ///< Server factory
    ObjectFactory m_edgeFactory;                 ///< EdgeServer factory
    ObjectFactory m_clientFactory;               ///< Client factory
    ObjectFactory m_allocatorFactory;            ///< Allocator factory
    DnnModelFamily m_family;                     ///< Catalogue
    std::map<std::string, Time> m_inferenceTime; ///< I_m overrides
};

} // namespace edgeinference
} // namespace ns3

#endif /* PARTIAL_LOADING_HELPER_H */
