/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef COLLABORATIVE_INFERENCE_HELPER_H
#define COLLABORATIVE_INFERENCE_HELPER_H

#include "ns3/application-container.h"
#include "ns3/collaborative-inference-node.h"
#include "ns3/dto-ee-agent.h"
#include "ns3/dto-ee-allocator.h"
#include "ns3/dto-ee-solver.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-helpers
 * @brief Builds a collaborative inference network (DTO-EE, Xie et al., arXiv 2412.08284):
 * edge nodes per stage, point-to-point links between consecutive stages, the entry links from
 * a gateway (e.g. the LTE PGW), the UEs' task sources, the allocator and the control mode,
 * and the predicted queueing model of the installed configuration.
 */

namespace ns3
{

class Node;

namespace edgeinference
{

class InferenceTraceWriter;

class CollaborativeTaskSource;

/**
 * @ingroup edge-inference-helpers
 * @brief Installs CollaborativeInferenceNode applications on a stage graph and
 * CollaborativeTaskSource applications on the UEs, and applies an allocator's decision under
 * a control mode.
 *
 * Xie et al., arXiv 2412.08284 (DTO-EE). Usage: SetStages(), AddNode() per edge node
 * (optionally AddLink(); without links every node is joined to every node of the next
 * stage), SetScheme() or SetControl() + SetAllocatorType() / SetAllocatorAttribute(),
 * Install(), ConnectGateway(), InstallSources() (or SetExternalRate()), then ApplyScheme()
 * once before the simulation runs.
 *
 * Two things decide the strategy (x_ij, theta_i), and the API keeps them apart:
 * - the allocator (a DtoEeAllocator, created by TypeId with attributes; default
 *   DtoEeSolverAllocator, Algorithm "centralised"): ApplyScheme() hands it GetProblem() and
 *   gets one strategy, computed centrally (a built-in scheme, a decision file or a user's
 *   own algorithm);
 * - the control mode (CollaborativeInferenceNode::ControlMode), a protocol in the network:
 *   "static" executes the allocator's strategy; "distributed" (DTO-EE agents exchanging
 *   messages) starts from it and changes it every ControlPeriod; "join-least-loaded" (status
 *   messages) keeps its thresholds and routes each task to the least-loaded successor.
 * A rejected decision without fallback is "serve nobody": under static and join-least-loaded
 * control the first-stage nodes drop every task input; the DTO-EE agents start from their
 * own start point (DtoEeAlgorithmOptions::initialThreshold, uniform split). Addresses: link k
 * between stages gets 10.1.0.0 + k as a /24, gateway link k gets 10.200.k.0/24. The return path of
 * the results (to the client network given to ConnectGateway() and to 10.200.0.0/16) is a static
 * route toward each node's first predecessor, and from the first stage toward the gateway.
 *
 * GetProblem() is the DtoEeProblem of the installed configuration: the nodes' current
 * speeds, the sources' current rates, and per link the rate that makes s_h / r_ij the
 * transfer time of the s_h bits with the per-packet overhead of the segments (the
 * CollaborativeInferenceHeader, UDP, IPv4 and PPP headers).
 */
class CollaborativeInferenceHelper
{
  public:
    /// Point-to-point links of 1 Gbit/s, 1 ms between stages and from the gateway.
    CollaborativeInferenceHelper();

    /**
     * @brief The sub-models (stages) of the partitioned model.
     * @param [in] stages H >= 1 stages
     */
    void SetStages(const std::vector<DtoEeStage>& stages);

    /**
     * @brief Add an edge node.
     * @param [in] stage its stage, < H
     * @param [in] speedFlops its compute speed f_i, FLOP/s
     * @return its index
     */
    uint32_t AddNode(uint32_t stage, double speedFlops);

    /**
     * @brief Add a link between nodes of consecutive stages (if no link is added, every node
     * is joined to every node of the next stage).
     * @param [in] from node of stage h
     * @param [in] to node of stage h + 1
     */
    void AddLink(uint32_t from, uint32_t to);

    /**
     * @brief Set an attribute of the links between stages: "DataRate" (device) or "Delay"
     * (channel); other names go to the devices.
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetLinkAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the gateway links ("DataRate" or "Delay").
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetGatewayLinkAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the CollaborativeInferenceNode applications.
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetNodeAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the CollaborativeTaskSource applications.
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetSourceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Shorthand for a scheme of the evaluation (replaces the allocator and its
     * attributes by a DtoEeSolverAllocator):
     * - centralised, fixed-threshold, no-early-exit, uniform-offloading, random-offloading:
     *   static control, the allocator's Algorithm = the scheme;
     * - distributed: distributed control, start from Algorithm "uniform-offloading" (uniform
     *   split, BaselineThreshold), the agents' standard start point;
     * - join-least-loaded: join-least-loaded control, thresholds of "uniform-offloading".
     * Set the allocator's other attributes (e.g. BaselineThreshold) afterwards.
     * @param [in] scheme the scheme
     */
    void SetScheme(DtoEeScheme scheme);

    /**
     * @brief The control mode (default static: execute the allocator's strategy).
     * @param [in] mode the control mode
     */
    void SetControl(CollaborativeInferenceNode::ControlMode mode);

    /// @return the control mode
    CollaborativeInferenceNode::ControlMode GetControl() const;

    /**
     * @brief The allocator's type (default "ns3::DtoEeSolverAllocator"); a subclass of
     * DtoEeAllocator, e.g. one registered in the user's program. Forgets the attributes set
     * before. Aborts naming the type if it is not a DtoEeAllocator.
     * @param [in] type the TypeId name
     */
    void SetAllocatorType(const std::string& type);

    /**
     * @brief Set an attribute of the allocator (created by ApplyScheme()).
     * @param [in] name attribute name, e.g. "Algorithm", "Fallback", "InstanceFileName"
     * @param [in] value attribute value
     */
    void SetAllocatorAttribute(const std::string& name, const AttributeValue& value);

    /// @return the allocator (null before ApplyScheme())
    Ptr<DtoEeAllocator> GetAllocator() const;

    /// @param [in] options options of the DTO-EE agents
    void SetAlgorithmOptions(const DtoEeAlgorithmOptions& options);

    /**
     * @brief Model parameters shared by the nodes (DtoEeProblem fields).
     * @param [in] betaS beta, s per unit of accuracy
     * @param [in] rho exterior-penalty weight
     * @param [in] epsilon stability margin in (0, 1)
     * @param [in] thresholdMin theta_min in [0, 1]
     */
    void SetModelParameters(double betaS, double rho, double epsilon, double thresholdMin);

    /**
     * @brief Create the edge nodes, their internet stacks, links, addresses and applications.
     * @return the edge nodes, in node-index order
     */
    NodeContainer Install();

    /**
     * @brief Join every first-stage node to the gateway by a point-to-point link and install
     * the return routes of the results.
     * @param [in] gateway a node with an internet stack (e.g. the LTE PGW)
     * @param [in] clientNetwork network of the UEs (e.g. 7.0.0.0)
     * @param [in] clientMask its mask (e.g. 255.0.0.0)
     */
    void ConnectGateway(Ptr<Node> gateway, Ipv4Address clientNetwork, Ipv4Mask clientMask);

    /**
     * @brief A wired gateway: create one host with an internet stack and ConnectGateway() it
     * with the client network 10.200.0.0/16 (the gateway links' network). The host is the
     * client of every source (sources listen on distinct ports).
     * @param [in] nClients number of clients to return
     * @return the host, @p nClients times (the clients of InstallSources())
     */
    NodeContainer ConnectWiredGateway(uint32_t nClients);

    /**
     * @brief Install one task source per client; client k sends to first-stage node
     * k mod (number of first-stage nodes); source k listens on LocalPort + k.
     * @param [in] clients the UEs (with internet stacks and routes to the gateway)
     * @param [in] rates arrival rate per client, task/s (> 0)
     * @return the sources
     */
    ApplicationContainer InstallSources(const NodeContainer& clients,
                                        const std::vector<double>& rates);

    /**
     * @brief Multiply the arrival rate of every source by a factor (dynamic scenarios).
     * @param [in] factor > 0
     */
    void ScaleSourceRates(double factor);

    /**
     * @brief Planned external arrival rate of a first-stage node in addition to its sources'
     * (e.g. for a control-plane-only run).
     * @param [in] node a first-stage node
     * @param [in] rate task/s, >= 0
     */
    void SetExternalRate(uint32_t node, double rate);

    /**
     * @brief Create the allocator, call DtoEeAllocator::Allocate() on GetProblem() and
     * configure every node: control mode, the decision's strategy (under distributed control
     * the agents' start point), or "serve nobody" (call once, after InstallSources()).
     * Aborts with the model's message if the configuration is not a valid DtoEeProblem
     * (e.g. a first-stage node with lambda_i >= mu_i); a bad decision does not abort.
     */
    void ApplyScheme();

    /// @return the predicted queueing model of the configuration as it is now
    DtoEeProblem GetProblem() const;

    /// @return the strategy the nodes use now (thresholds 0 at the last stage)
    DtoEeStrategy GetStrategy() const;

    /**
     * @brief The model's prediction of the network as it is now: GetProblem() and the
     * strategy the nodes use now (join-least-loaded control, which has no x_ij: the solver's
     * fluid join-least-loaded split with the nodes' thresholds; serving nobody: the decision's
     * prediction, NOT_SERVED).
     * The delays use the two-moment arrivals of DtoEeModel::DelayToExitTwoMoment() (equal to
     * the Poisson model's for exponential service), under join-least-loaded control the
     * pooled stages of DtoEeModel::DelayToExitPooled(); the evaluation's meanDelayS is their
     * arrival-weighted mean, its other fields are DtoEeModel::Evaluate()'s.
     * @return the evaluation, and per source the model's delay from its entry node to the
     * exit decision (DtoEeModel::DelayToExitTwoMoment()), s (0 if serving nobody)
     */
    std::pair<DtoEeEvaluation, std::vector<double>> PredictNow() const;

    /// @return the allocator's decision applied by ApplyScheme(), with its prediction
    const DtoEeSolution& GetDecision() const;

    /// @return number of edge nodes
    uint32_t GetNNodes() const;

    /**
     * @param [in] node a node index
     * @return its application
     */
    Ptr<CollaborativeInferenceNode> GetApplication(uint32_t node) const;

    /**
     * @param [in] node a node index
     * @return the ns-3 node
     */
    Ptr<Node> GetNode(uint32_t node) const;

    /**
     * @param [in] node a first-stage node index
     * @return its address on the gateway link (after ConnectGateway())
     */
    Ipv4Address GetEntryAddress(uint32_t node) const;

    /**
     * @param [in] source index of a source installed by InstallSources()
     * @return the first-stage node its tasks enter
     */
    uint32_t GetSourceEntryNode(uint32_t source) const;

    /// @return the links as (from, to), in DtoEeProblem::links order
    const std::vector<std::pair<uint32_t, uint32_t>>& GetLinks() const;

    /**
     * @param [in] link a link index
     * @return its two devices (from, to)
     */
    NetDeviceContainer GetLinkDevices(uint32_t link) const;

    /// @return the task sources
    ApplicationContainer GetSources() const;

    /// @return control messages sent by all nodes
    uint64_t GetControlMessages() const;

    /// @return control bytes (UDP payload) sent by all nodes
    uint64_t GetControlBytes() const;

    /**
     * @brief Assign fixed random-variable streams to the nodes (4 each) and sources (1 each).
     * @param [in] stream first stream index
     * @return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * @brief Per-task and per-event traces of this technique with one call: connects the
     * CollaborativeTaskSources and CollaborativeInferenceNodes on every node to the simulation's
     * InferenceTraceWriter (EdgeInferenceTraceHelper), which writes the CSV files and the SQLite
     * database when the simulation is destroyed. If called after ApplyScheme(), each task gets
     * as pred_total_s the model's delay from its source's entry node to the exit decision
     * (PredictNow()) computed when the task is sent: with the strategy in force then (after
     * the latest threshold/offloading update of the control), the nodes' speeds and the
     * sources' rates then; none (NaN) where the model predicts an unstable node. The
     * prediction uses a copy of this helper, so the helper itself may go out of scope. Call
     * after installing, before Simulator::Run().
     * @return the writer (set its file-name attributes before the end of the simulation)
     */
    Ptr<InferenceTraceWriter> EnableTraces();

  private:
    /// @return the links, the default full bipartite graph if none was added
    std::vector<std::pair<uint32_t, uint32_t>> MakeLinks() const;

    std::vector<DtoEeStage> m_stages;                   ///< Stages
    std::vector<uint32_t> m_nodeStage;                  ///< Stage per node
    std::vector<double> m_nodeSpeed;                    ///< Speed per node at Install
    std::vector<double> m_extraRate;                    ///< SetExternalRate per node
    std::vector<std::pair<uint32_t, uint32_t>> m_links; ///< Links (from, to)
    PointToPointHelper m_p2p;                           ///< Links between stages
    PointToPointHelper m_gatewayP2p;                    ///< Gateway links
    ObjectFactory m_nodeFactory;                        ///< CollaborativeInferenceNode
    ObjectFactory m_sourceFactory;                      ///< CollaborativeTaskSource
    ObjectFactory m_allocatorFactory;                   ///< The allocator
    Ptr<DtoEeAllocator> m_allocator;                    ///< Created by ApplyScheme()
    CollaborativeInferenceNode::ControlMode m_control{
        CollaborativeInferenceNode::STATIC_CONTROL};     ///< Control mode
    DtoEeAlgorithmOptions m_algorithm;                   ///< Agent options
    double m_betaS{0.5};                                 ///< beta
    double m_rho{1e3};                                   ///< rho
    double m_epsilon{0.05};                              ///< epsilon
    double m_thresholdMin{0};                            ///< theta_min
    NodeContainer m_nodes;                               ///< Edge nodes
    std::vector<Ptr<CollaborativeInferenceNode>> m_apps; ///< Node applications
    std::vector<NetDeviceContainer> m_linkDevices;       ///< Devices per link
    std::vector<double> m_linkRateBps;                   ///< Link data rate, bit/s
    std::vector<double> m_linkDelayS;                    ///< Link propagation delay, s
    std::vector<Ipv4Address> m_entry;                    ///< Entry address per node
    std::vector<Ptr<CollaborativeTaskSource>> m_sources; ///< Sources
    std::vector<uint32_t> m_sourceEntry;                 ///< Entry node per source
    DtoEeSolution m_decision;                            ///< The allocator's decision
    bool m_installed{false};                             ///< Install() done
    bool m_applied{false};                               ///< ApplyScheme() done
};

} // namespace edgeinference
} // namespace ns3

#endif /* COLLABORATIVE_INFERENCE_HELPER_H */
