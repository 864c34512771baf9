/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCHING_EARLY_EXIT_HELPER_H
#define BATCHING_EARLY_EXIT_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/ptr.h"

#include <string>

namespace ns3
{
namespace edgeinference
{

class InferenceTraceWriter;

class BatchingEarlyExitServer;

/**
 * @ingroup edge-inference-helpers
 * @brief Installs the batching + early-exit edge inference scenario (Liu, Lan, Huang,
 * IEEE JSAC 2023): a BatchingEarlyExitServer with an allocator chosen by TypeId (default
 * ns3::BatchingEarlyExitSolverAllocator; any subclass of ns3::BatchingEarlyExitAllocator,
 * also one written in the user's program, e.g. ns3::BatchingEarlyExitDecisionFileAllocator),
 * and
 * OffloadingClient applications, and connects the eNB's channel measurements (and, with a
 * bandwidth-share MAC scheduler, the uplink bandwidths) to the server.
 *
 * @code
 * BatchingEarlyExitHelper helper;
 * helper.SetAllocatorAttribute("Algorithm", StringValue("greedy"));
 * ApplicationContainer server = helper.InstallServer(remoteHost);
 * ApplicationContainer clients = helper.InstallClients(ueNodes, serverIp);
 * BatchingEarlyExitHelper::ConnectEnbChannelReports(server.Get(0), enbDevs);
 * helper.AssignStreams(ueNodes, 100);
 * @endcode
 */
class BatchingEarlyExitHelper
{
  public:
    /// Factories for ns3::BatchingEarlyExitServer, ns3::OffloadingClient and
    /// ns3::BatchingEarlyExitSolverAllocator.
    BatchingEarlyExitHelper();

    /**
     * @brief Choose the allocator type: a concrete subclass of
     * ns3::BatchingEarlyExitAllocator registered with a constructor (aborts at
     * InstallServer() otherwise).
     * @param [in] typeId its TypeId name, e.g. "ns3::BatchingEarlyExitDecisionFileAllocator"
     */
    void SetAllocatorType(const std::string& typeId);

    /**
     * @brief Set an attribute of the allocators created by InstallServer().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetAllocatorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the servers created by InstallServer().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the clients created by InstallClients().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Install an BatchingEarlyExitServer with a new allocator on a node.
     * @param [in] node the node
     * @return the application
     */
    ApplicationContainer InstallServer(Ptr<Node> node) const;

    /**
     * @brief Install an OffloadingClient on each node; all get the same attributes (set
     * per-client values on the returned applications).
     * @param [in] nodes the nodes
     * @param [in] serverAddress IPv4 address of the server
     * @return the applications
     */
    ApplicationContainer InstallClients(NodeContainer nodes, const Address& serverAddress) const;

    /**
     * @brief Feed the server with the eNBs' uplink channel measurements: every wideband SRS
     * SINR report (LteEnbPhy trace ReportUeSinr) of a UE becomes s_k = SINR x uplink
     * bandwidth (BatchingEarlyExitAllocator::SnrBandwidthFromSinr()), keyed by the UE's
     * IMSI (from the eNB RRC). Valid as s_k = p g / N_0 when the UE spreads a fixed power
     * over the SRS band, i.e. with ns3::LteUePhy::EnableUplinkPowerControl false.
     * @param [in] server an BatchingEarlyExitServer (or another OffloadingServerBase, e.g. a
     * PartialLoadingServer) application
     * @param [in] enbDevices LTE eNB devices
     */
    static void ConnectEnbChannelReports(Ptr<Application> server,
                                         const NetDeviceContainer& enbDevices);

    /**
     * @brief Execute the server's uplink bandwidths in the LTE MAC: at every allocation the
     * served UEs' w_k become IMSI-keyed uplink shares w_k / (UlBandwidth x 180 kHz)
     * (BandwidthShareFfrAlgorithm::HzToUlShare()) of the eNB's
     * ns3::BandwidthShareFfMacScheduler, which then grants them RBs in proportion (exactly
     * w_k with its attribute UlWorkConserving = false); unscheduled UEs get no share, hence
     * no RB for new transmissions while the shares are set. The shares are cleared when the
     * frame's batch starts (the scheduler is plain PF again). If the shares sum to more than
     * 1 (TotalBandwidthHz larger than the cell's uplink) they are scaled down to sum 1.
     * Aborts if the eNB's scheduler is not a BandwidthShareFfMacScheduler.
     * @param [in] server an BatchingEarlyExitServer (or another OffloadingServerBase, e.g. a
     * PartialLoadingServer) application
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
     * OffloadingClients of BatchingEarlyExitServers and the servers on every node to the
     * simulation's InferenceTraceWriter (EdgeInferenceTraceHelper), which writes the CSV files and
     * the SQLite database when the simulation is destroyed. Call after installing, before
     * Simulator::Run().
     * @return the writer (set its file-name attributes before the end of the simulation)
     */
    Ptr<InferenceTraceWriter> EnableTraces();

  private:
    ObjectFactory m_serverFactory;    ///< Server factory
    ObjectFactory m_clientFactory;    ///< Client factory
    ObjectFactory m_allocatorFactory; ///< Allocator factory
};

} // namespace edgeinference
} // namespace ns3

#endif /* BATCHING_EARLY_EXIT_HELPER_H */
