/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collaborative-inference-helper.h"

#include "edge-inference-trace-helper.h"

#include "ns3/collaborative-inference-header.h"
#include "ns3/collaborative-inference-node.h"
#include "ns3/collaborative-task-source.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/point-to-point-channel.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("CollaborativeInferenceHelper");

namespace
{

/// Bytes per data packet besides its payload: the collaborative header, UDP, IPv4, PPP.
constexpr uint32_t PACKET_OVERHEAD_BYTES = CollaborativeInferenceHeader::SIZE + 8 + 20 + 2;

/// Network of the gateway links (also a client network: wired test clients live there).
const char* const GATEWAY_NETWORK = "10.200.0.0";

} // namespace

CollaborativeInferenceHelper::CollaborativeInferenceHelper()
{
    m_nodeFactory.SetTypeId("ns3::CollaborativeInferenceNode");
    m_sourceFactory.SetTypeId("ns3::CollaborativeTaskSource");
    m_allocatorFactory.SetTypeId("ns3::DtoEeSolverAllocator");
    m_p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    m_p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    m_gatewayP2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    m_gatewayP2p.SetChannelAttribute("Delay", StringValue("1ms"));
}

void
CollaborativeInferenceHelper::SetStages(const std::vector<DtoEeStage>& stages)
{
    NS_ABORT_MSG_IF(m_installed, "CollaborativeInferenceHelper: SetStages() after Install()");
    NS_ABORT_MSG_IF(stages.empty(), "CollaborativeInferenceHelper: stages.size() = 0: need >= 1");
    m_stages = stages;
}

uint32_t
CollaborativeInferenceHelper::AddNode(uint32_t stage, double speedFlops)
{
    NS_ABORT_MSG_IF(m_installed, "CollaborativeInferenceHelper: AddNode() after Install()");
    NS_ABORT_MSG_IF(stage >= m_stages.size(),
                    "CollaborativeInferenceHelper: AddNode stage = "
                        << stage << ": must be < the number of stages " << m_stages.size()
                        << " (call SetStages() first)");
    NS_ABORT_MSG_IF(!(speedFlops > 0.0) || !std::isfinite(speedFlops),
                    "CollaborativeInferenceHelper: AddNode speedFlops = " << speedFlops
                                                                          << ": must be > 0");
    m_nodeStage.push_back(stage);
    m_nodeSpeed.push_back(speedFlops);
    m_extraRate.push_back(0.0);
    return static_cast<uint32_t>(m_nodeStage.size() - 1);
}

void
CollaborativeInferenceHelper::AddLink(uint32_t from, uint32_t to)
{
    NS_ABORT_MSG_IF(m_installed, "CollaborativeInferenceHelper: AddLink() after Install()");
    NS_ABORT_MSG_IF(from >= m_nodeStage.size() || to >= m_nodeStage.size(),
                    "CollaborativeInferenceHelper: AddLink(" << from << ", " << to
                                                             << "): unknown node");
    NS_ABORT_MSG_IF(m_nodeStage[to] != m_nodeStage[from] + 1,
                    "CollaborativeInferenceHelper: AddLink("
                        << from << ", " << to << "): stages " << m_nodeStage[from] << " -> "
                        << m_nodeStage[to] << " are not consecutive");
    NS_ABORT_MSG_IF(
        std::find(m_links.begin(), m_links.end(), std::make_pair(from, to)) != m_links.end(),
        "CollaborativeInferenceHelper: AddLink(" << from << ", " << to << "): duplicated link");
    m_links.emplace_back(from, to);
}

void
CollaborativeInferenceHelper::SetLinkAttribute(const std::string& name, const AttributeValue& value)
{
    if (name == "Delay")
    {
        m_p2p.SetChannelAttribute(name, value);
    }
    else
    {
        m_p2p.SetDeviceAttribute(name, value);
    }
}

void
CollaborativeInferenceHelper::SetGatewayLinkAttribute(const std::string& name,
                                                      const AttributeValue& value)
{
    if (name == "Delay")
    {
        m_gatewayP2p.SetChannelAttribute(name, value);
    }
    else
    {
        m_gatewayP2p.SetDeviceAttribute(name, value);
    }
}

void
CollaborativeInferenceHelper::SetNodeAttribute(const std::string& name, const AttributeValue& value)
{
    m_nodeFactory.Set(name, value);
}

void
CollaborativeInferenceHelper::SetSourceAttribute(const std::string& name,
                                                 const AttributeValue& value)
{
    m_sourceFactory.Set(name, value);
}

void
CollaborativeInferenceHelper::SetScheme(DtoEeScheme scheme)
{
    NS_LOG_FUNCTION(this << ToString(scheme));
    SetAllocatorType("ns3::DtoEeSolverAllocator");
    DtoEeScheme algorithm = scheme;
    switch (scheme)
    {
        case DtoEeScheme::DTO_EE:
            m_control = CollaborativeInferenceNode::DTO_EE_CONTROL;
            algorithm = DtoEeScheme::UNIFORM_OFFLOADING;
            break;
        case DtoEeScheme::JOIN_LEAST_LOADED:
            m_control = CollaborativeInferenceNode::JOIN_LEAST_LOADED_CONTROL;
            algorithm = DtoEeScheme::UNIFORM_OFFLOADING;
            break;
        default:
            m_control = CollaborativeInferenceNode::STATIC_CONTROL;
            break;
    }
    SetAllocatorAttribute("Algorithm", EnumValue(static_cast<int>(algorithm)));
}

void
CollaborativeInferenceHelper::SetControl(CollaborativeInferenceNode::ControlMode mode)
{
    m_control = mode;
}

CollaborativeInferenceNode::ControlMode
CollaborativeInferenceHelper::GetControl() const
{
    return m_control;
}

void
CollaborativeInferenceHelper::SetAllocatorType(const std::string& type)
{
    NS_LOG_FUNCTION(this << type);
    NS_ABORT_MSG_IF(m_applied,
                    "CollaborativeInferenceHelper: SetAllocatorType() after "
                    "ApplyScheme()");
    TypeId tid;
    NS_ABORT_MSG_IF(!TypeId::LookupByNameFailSafe(type, &tid),
                    "CollaborativeInferenceHelper: SetAllocatorType(\"" << type
                                                                        << "\"): unknown TypeId");
    NS_ABORT_MSG_IF(!tid.IsChildOf(DtoEeAllocator::GetTypeId()) || !tid.HasConstructor(),
                    "CollaborativeInferenceHelper: SetAllocatorType(\""
                        << type << "\"): not a constructible subclass of ns3::DtoEeAllocator");
    m_allocatorFactory = ObjectFactory();
    m_allocatorFactory.SetTypeId(tid);
}

void
CollaborativeInferenceHelper::SetAllocatorAttribute(const std::string& name,
                                                    const AttributeValue& value)
{
    NS_ABORT_MSG_IF(m_applied,
                    "CollaborativeInferenceHelper: SetAllocatorAttribute() after "
                    "ApplyScheme()");
    m_allocatorFactory.Set(name, value);
}

Ptr<DtoEeAllocator>
CollaborativeInferenceHelper::GetAllocator() const
{
    return m_allocator;
}

void
CollaborativeInferenceHelper::SetAlgorithmOptions(const DtoEeAlgorithmOptions& options)
{
    m_algorithm = options;
}

void
CollaborativeInferenceHelper::SetModelParameters(double betaS,
                                                 double rho,
                                                 double epsilon,
                                                 double thresholdMin)
{
    m_betaS = betaS;
    m_rho = rho;
    m_epsilon = epsilon;
    m_thresholdMin = thresholdMin;
}

std::vector<std::pair<uint32_t, uint32_t>>
CollaborativeInferenceHelper::MakeLinks() const
{
    if (!m_links.empty())
    {
        return m_links;
    }
    std::vector<std::pair<uint32_t, uint32_t>> links;
    for (uint32_t i = 0; i < m_nodeStage.size(); ++i)
    {
        for (uint32_t j = 0; j < m_nodeStage.size(); ++j)
        {
            if (m_nodeStage[j] == m_nodeStage[i] + 1)
            {
                links.emplace_back(i, j);
            }
        }
    }
    return links;
}

NodeContainer
CollaborativeInferenceHelper::Install()
{
    NS_ABORT_MSG_IF(m_installed, "CollaborativeInferenceHelper: Install() called twice");
    NS_ABORT_MSG_IF(m_stages.empty(), "CollaborativeInferenceHelper: no stage (SetStages())");
    const auto nStages = static_cast<uint32_t>(m_stages.size());
    for (uint32_t h = 0; h < nStages; ++h)
    {
        NS_ABORT_MSG_IF(std::find(m_nodeStage.begin(), m_nodeStage.end(), h) == m_nodeStage.end(),
                        "CollaborativeInferenceHelper: stage " << h << " has no node");
    }
    m_links = MakeLinks();
    m_nodes.Create(static_cast<uint32_t>(m_nodeStage.size()));
    InternetStackHelper stack;
    stack.Install(m_nodes);
    for (uint32_t i = 0; i < m_nodes.GetN(); ++i)
    {
        Ptr<CollaborativeInferenceNode> app = m_nodeFactory.Create<CollaborativeInferenceNode>();
        app->SetComputeSpeed(m_nodeSpeed[i]);
        app->Configure(i, m_nodeStage[i], m_nodeStage[i] + 1 == nStages, m_stages[m_nodeStage[i]]);
        m_nodes.Get(i)->AddApplication(app);
        m_apps.push_back(app);
    }
    UintegerValue payload;
    m_apps[0]->GetAttribute("SegmentPayloadBytes", payload);
    const auto segmentPayload = static_cast<uint32_t>(payload.Get());
    Ipv4AddressHelper addr("10.1.0.0", "255.255.255.0");
    for (const auto& [from, to] : m_links)
    {
        NetDeviceContainer devs = m_p2p.Install(m_nodes.Get(from), m_nodes.Get(to));
        Ipv4InterfaceContainer ifs = addr.Assign(devs);
        addr.NewNetwork();
        m_linkDevices.push_back(devs);
        DataRateValue dr;
        devs.Get(0)->GetAttribute("DataRate", dr);
        TimeValue delay;
        devs.Get(0)->GetChannel()->GetAttribute("Delay", delay);
        const double r = static_cast<double>(dr.Get().GetBitRate());
        const double bytes = std::ceil(m_stages[m_nodeStage[from]].featureBits / 8.0);
        const double segments = std::max(1.0, std::ceil(bytes / segmentPayload));
        const double wireBits = 8.0 * (bytes + segments * PACKET_OVERHEAD_BYTES);
        const double effRate = bytes > 0.0 ? r * 8.0 * bytes / wireBits : r;
        m_linkRateBps.push_back(effRate);
        m_linkDelayS.push_back(delay.Get().GetSeconds());
        const double linkDelayS =
            m_stages[m_nodeStage[from]].featureBits / effRate + delay.Get().GetSeconds();
        m_apps[from]->AddSuccessor(to, ifs.GetAddress(1), linkDelayS);
        m_apps[to]->AddPredecessor(from, ifs.GetAddress(0));
    }
    m_entry.assign(m_nodes.GetN(), Ipv4Address());
    m_installed = true;
    return m_nodes;
}

void
CollaborativeInferenceHelper::ConnectGateway(Ptr<Node> gateway,
                                             Ipv4Address clientNetwork,
                                             Ipv4Mask clientMask)
{
    NS_ABORT_MSG_IF(!m_installed,
                    "CollaborativeInferenceHelper: ConnectGateway() before Install()");
    NS_ABORT_MSG_IF(!gateway || !gateway->GetObject<Ipv4>(),
                    "CollaborativeInferenceHelper: ConnectGateway: the gateway has no internet "
                    "stack");
    Ipv4AddressHelper addr(GATEWAY_NETWORK, "255.255.255.0");
    Ipv4StaticRoutingHelper routing;
    const std::vector<std::pair<Ipv4Address, Ipv4Mask>> clientNets{
        {clientNetwork, clientMask}, {Ipv4Address(GATEWAY_NETWORK), Ipv4Mask("255.255.0.0")}};
    for (uint32_t i = 0; i < m_nodes.GetN(); ++i)
    {
        Ptr<Ipv4> ipv4 = m_nodes.Get(i)->GetObject<Ipv4>();
        Ipv4Address nextHop;
        Ptr<NetDevice> dev;
        if (m_nodeStage[i] == 0)
        {
            NetDeviceContainer devs = m_gatewayP2p.Install(gateway, m_nodes.Get(i));
            Ipv4InterfaceContainer ifs = addr.Assign(devs);
            addr.NewNetwork();
            m_entry[i] = ifs.GetAddress(1);
            nextHop = ifs.GetAddress(0);
            dev = devs.Get(1);
        }
        else
        {
            for (uint32_t l = 0; l < m_links.size(); ++l)
            {
                if (m_links[l].second == i)
                {
                    dev = m_linkDevices[l].Get(1);
                    Ptr<Ipv4> up = m_nodes.Get(m_links[l].first)->GetObject<Ipv4>();
                    const int32_t upIf = up->GetInterfaceForDevice(m_linkDevices[l].Get(0));
                    nextHop = up->GetAddress(upIf, 0).GetLocal();
                    break;
                }
            }
        }
        NS_ASSERT(dev);
        const int32_t ifIndex = ipv4->GetInterfaceForDevice(dev);
        for (const auto& [net, mask] : clientNets)
        {
            routing.GetStaticRouting(ipv4)->AddNetworkRouteTo(net, mask, nextHop, ifIndex);
        }
    }
}

NodeContainer
CollaborativeInferenceHelper::ConnectWiredGateway(uint32_t nClients)
{
    NS_LOG_FUNCTION(this << nClients);
    NodeContainer host;
    host.Create(1);
    InternetStackHelper stack;
    stack.Install(host);
    ConnectGateway(host.Get(0), Ipv4Address(GATEWAY_NETWORK), Ipv4Mask("255.255.0.0"));
    NodeContainer clients;
    for (uint32_t k = 0; k < nClients; ++k)
    {
        clients.Add(host.Get(0));
    }
    return clients;
}

void
CollaborativeInferenceHelper::ScaleSourceRates(double factor)
{
    NS_LOG_FUNCTION(this << factor);
    NS_ABORT_MSG_IF(!(factor > 0.0) || !std::isfinite(factor),
                    "CollaborativeInferenceHelper: ScaleSourceRates factor = " << factor
                                                                               << ": must be > 0");
    for (auto& src : m_sources)
    {
        src->SetArrivalRate(src->GetArrivalRate() * factor);
    }
}

ApplicationContainer
CollaborativeInferenceHelper::InstallSources(const NodeContainer& clients,
                                             const std::vector<double>& rates)
{
    NS_ABORT_MSG_IF(!m_installed,
                    "CollaborativeInferenceHelper: InstallSources() before Install()");
    NS_ABORT_MSG_IF(rates.size() != clients.GetN(),
                    "CollaborativeInferenceHelper: InstallSources: rates.size() = "
                        << rates.size() << ": expected one per client (" << clients.GetN() << ")");
    std::vector<uint32_t> first;
    for (uint32_t i = 0; i < m_nodeStage.size(); ++i)
    {
        if (m_nodeStage[i] == 0)
        {
            first.push_back(i);
        }
    }
    NS_ABORT_MSG_IF(m_entry[first[0]] == Ipv4Address(),
                    "CollaborativeInferenceHelper: InstallSources() before ConnectGateway()");
    UintegerValue port;
    m_apps[0]->GetAttribute("DataPort", port);
    UintegerValue payload;
    m_apps[0]->GetAttribute("SegmentPayloadBytes", payload);
    const uint16_t basePort = [this]()
    {
        Ptr<CollaborativeTaskSource> probe = m_sourceFactory.Create<CollaborativeTaskSource>();
        UintegerValue v;
        probe->GetAttribute("LocalPort", v);
        return static_cast<uint16_t>(v.Get());
    }();
    ApplicationContainer out;
    for (uint32_t k = 0; k < clients.GetN(); ++k)
    {
        const uint32_t entry = first[k % first.size()];
        Ptr<CollaborativeTaskSource> src = m_sourceFactory.Create<CollaborativeTaskSource>();
        src->SetArrivalRate(rates[k]);
        src->SetAttribute("EntryAddress", Ipv4AddressValue(m_entry[entry]));
        src->SetAttribute("EntryPort", port);
        src->SetAttribute("SegmentPayloadBytes", payload);
        src->SetAttribute("SourceId", UintegerValue(static_cast<uint32_t>(m_sources.size())));
        // distinct ports, so that several sources may share a node
        src->SetAttribute("LocalPort", UintegerValue(basePort + m_sources.size()));
        clients.Get(k)->AddApplication(src);
        m_sources.push_back(src);
        m_sourceEntry.push_back(entry);
        out.Add(src);
    }
    return out;
}

void
CollaborativeInferenceHelper::SetExternalRate(uint32_t node, double rate)
{
    NS_ABORT_MSG_IF(node >= m_nodeStage.size(),
                    "CollaborativeInferenceHelper: SetExternalRate node = " << node
                                                                            << ": unknown node");
    NS_ABORT_MSG_IF(m_nodeStage[node] != 0,
                    "CollaborativeInferenceHelper: SetExternalRate node = "
                        << node << ": external arrivals only at first-stage nodes");
    NS_ABORT_MSG_IF(!(rate >= 0.0) || !std::isfinite(rate),
                    "CollaborativeInferenceHelper: SetExternalRate rate = " << rate
                                                                            << ": must be >= 0");
    m_extraRate[node] = rate;
}

DtoEeProblem
CollaborativeInferenceHelper::GetProblem() const
{
    NS_ABORT_MSG_IF(!m_installed, "CollaborativeInferenceHelper: GetProblem() before Install()");
    DtoEeProblem p;
    p.stages = m_stages;
    p.betaS = m_betaS;
    p.rho = m_rho;
    p.epsilon = m_epsilon;
    p.thresholdMin = m_thresholdMin;
    for (uint32_t i = 0; i < m_nodeStage.size(); ++i)
    {
        // the model's queues match the service the nodes draw (M/M/1 or M/D/1)
        const double scv = m_apps[i]->GetServiceScv();
        NS_ABORT_MSG_IF(i > 0 && scv != p.serviceScv,
                        "CollaborativeInferenceHelper: the nodes draw different service-time "
                        "distributions (node "
                            << i << " c^2 = " << scv << ", node 0 c^2 = " << p.serviceScv
                            << "); DtoEeProblem has one serviceScv");
        p.serviceScv = scv;
        DtoEeNode n;
        n.stage = m_nodeStage[i];
        n.speedFlops = m_apps[i]->GetComputeSpeed();
        n.arrivalRate = m_extraRate[i];
        p.nodes.push_back(n);
    }
    for (size_t k = 0; k < m_sources.size(); ++k)
    {
        p.nodes[m_sourceEntry[k]].arrivalRate += m_sources[k]->GetArrivalRate();
    }
    for (size_t l = 0; l < m_links.size(); ++l)
    {
        DtoEeLink link;
        link.from = m_links[l].first;
        link.to = m_links[l].second;
        link.rateBps = m_linkRateBps[l];
        link.propagationDelayS = m_linkDelayS[l];
        p.links.push_back(link);
    }
    return p;
}

void
CollaborativeInferenceHelper::ApplyScheme()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_installed, "CollaborativeInferenceHelper: ApplyScheme() before Install()");
    NS_ABORT_MSG_IF(m_applied, "CollaborativeInferenceHelper: ApplyScheme() called twice");
    m_applied = true;
    const DtoEeProblem problem = GetProblem();
    m_allocator = m_allocatorFactory.Create<DtoEeAllocator>();
    try
    {
        const DtoEeModel model(problem);
        m_decision = m_allocator->Allocate(problem);
        const bool isServed = m_decision.reason != DtoEeReason::NOT_SERVED;
        double norm = m_algorithm.rateNormalisation;
        if (norm <= 0.0)
        {
            norm = model.GetTotalArrivalRate() > 0.0 ? model.GetTotalArrivalRate() : 1.0;
        }
        for (uint32_t i = 0; i < m_apps.size(); ++i)
        {
            Ptr<CollaborativeInferenceNode> app = m_apps[i];
            app->SetConfiguredArrivalRate(problem.nodes[i].arrivalRate);
            app->SetAttribute("ControlMode", EnumValue(m_control));
            if (m_control == CollaborativeInferenceNode::DTO_EE_CONTROL)
            {
                app->SetAgentSettings(m_algorithm, norm, m_betaS, m_rho, m_epsilon, m_thresholdMin);
            }
            if (isServed)
            {
                std::vector<double> split;
                for (uint32_t l : model.GetOutLinks(i))
                {
                    split.push_back(m_decision.strategy.split[l]);
                }
                app->SetStrategy(model.IsLastStage(i) ? 0.0 : m_decision.strategy.threshold[i],
                                 split);
            }
            else if (m_control != CollaborativeInferenceNode::DTO_EE_CONTROL)
            {
                app->SetServing(false);
            }
        }
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR("CollaborativeInferenceHelper: the configuration is not a valid DTO-EE "
                       "problem: "
                       << e.what());
    }
}

DtoEeStrategy
CollaborativeInferenceHelper::GetStrategy() const
{
    DtoEeStrategy s;
    s.split.assign(m_links.size(), 0.0);
    std::vector<uint32_t> seen(m_apps.size(), 0);
    for (uint32_t i = 0; i < m_apps.size(); ++i)
    {
        s.threshold.push_back(m_apps[i]->GetThreshold());
    }
    for (size_t l = 0; l < m_links.size(); ++l)
    {
        const uint32_t from = m_links[l].first;
        s.split[l] = m_apps[from]->GetSplit().at(seen[from]++);
    }
    return s;
}

std::pair<DtoEeEvaluation, std::vector<double>>
CollaborativeInferenceHelper::PredictNow() const
{
    NS_ABORT_MSG_IF(!m_applied, "CollaborativeInferenceHelper: PredictNow() before ApplyScheme()");
    std::vector<double> sourceDelay(m_sources.size(), 0.0);
    if (m_decision.reason == DtoEeReason::NOT_SERVED &&
        m_control != CollaborativeInferenceNode::DTO_EE_CONTROL)
    {
        return {m_decision.evaluation, sourceDelay};
    }
    const DtoEeModel model(GetProblem());
    DtoEeStrategy s = GetStrategy();
    if (m_control == CollaborativeInferenceNode::JOIN_LEAST_LOADED_CONTROL)
    {
        s = DtoEeSolver(model).JoinLeastLoadedStrategy(s);
    }
    // two-moment arrivals (DtoEeModel::DelayToExitTwoMoment): the forwarded flows of nodes
    // with deterministic service are smoother than Poisson; the same as the Poisson model for
    // exponential service
    // join-least-loaded routes each task by the successors' queues: pooled stages
    const std::vector<double> t = m_control == CollaborativeInferenceNode::JOIN_LEAST_LOADED_CONTROL
                                      ? model.DelayToExitPooled(s)
                                      : model.DelayToExitTwoMoment(s);
    for (size_t k = 0; k < m_sources.size(); ++k)
    {
        sourceDelay[k] = t.at(m_sourceEntry[k]);
    }
    DtoEeEvaluation ev = model.Evaluate(s);
    if (ev.stable && model.GetTotalArrivalRate() > 0.0)
    {
        // D = sum_i lambda_i T_i / lambda
        double sum = 0;
        for (uint32_t i = 0; i < model.GetNNodes(); ++i)
        {
            const double lambda = model.GetProblem().nodes[i].arrivalRate;
            sum += lambda > 0.0 ? lambda * t[i] : 0.0;
        }
        ev.meanDelayS = sum / model.GetTotalArrivalRate();
    }
    return {ev, sourceDelay};
}

const DtoEeSolution&
CollaborativeInferenceHelper::GetDecision() const
{
    return m_decision;
}

uint32_t
CollaborativeInferenceHelper::GetNNodes() const
{
    return static_cast<uint32_t>(m_nodeStage.size());
}

Ptr<CollaborativeInferenceNode>
CollaborativeInferenceHelper::GetApplication(uint32_t node) const
{
    return m_apps.at(node);
}

Ptr<Node>
CollaborativeInferenceHelper::GetNode(uint32_t node) const
{
    return m_nodes.Get(node);
}

Ipv4Address
CollaborativeInferenceHelper::GetEntryAddress(uint32_t node) const
{
    return m_entry.at(node);
}

uint32_t
CollaborativeInferenceHelper::GetSourceEntryNode(uint32_t source) const
{
    return m_sourceEntry.at(source);
}

const std::vector<std::pair<uint32_t, uint32_t>>&
CollaborativeInferenceHelper::GetLinks() const
{
    return m_links;
}

NetDeviceContainer
CollaborativeInferenceHelper::GetLinkDevices(uint32_t link) const
{
    return m_linkDevices.at(link);
}

ApplicationContainer
CollaborativeInferenceHelper::GetSources() const
{
    ApplicationContainer c;
    for (const auto& s : m_sources)
    {
        c.Add(s);
    }
    return c;
}

uint64_t
CollaborativeInferenceHelper::GetControlMessages() const
{
    uint64_t n = 0;
    for (const auto& app : m_apps)
    {
        n += app->GetControlMessagesSent();
    }
    return n;
}

uint64_t
CollaborativeInferenceHelper::GetControlBytes() const
{
    uint64_t n = 0;
    for (const auto& app : m_apps)
    {
        n += app->GetControlBytesSent();
    }
    return n;
}

int64_t
CollaborativeInferenceHelper::AssignStreams(int64_t stream)
{
    int64_t used = 0;
    for (auto& app : m_apps)
    {
        used += app->AssignStreams(stream + used);
    }
    for (auto& src : m_sources)
    {
        used += src->AssignStreams(stream + used);
    }
    return used;
}

namespace
{

/// A copy of the helper, owned by the per-task prediction callbacks until the simulation is
/// destroyed (the copy holds the applications; resetting it then breaks the reference cycle
/// application -> callback -> copy -> application).
struct PredictionSnapshot
{
    std::unique_ptr<CollaborativeInferenceHelper> helper; ///< The copy (null after Destroy)
};

/**
 * @brief TaskSent of a source: the model's delay from the source's entry node to the exit
 * decision under the strategy, speeds and rates in force now, as the task's pred_total_s.
 * @param [in] snapshot the helper's copy
 * @param [in] w the writer
 * @param [in] index the source's index in the helper
 * @param [in] node the source's node id
 * @param [in] taskId the task
 */
void
PredictTask(std::shared_ptr<PredictionSnapshot> snapshot,
            Ptr<InferenceTraceWriter> w,
            uint32_t index,
            uint32_t node,
            uint64_t taskId)
{
    if (!snapshot->helper)
    {
        return;
    }
    const double delayS = snapshot->helper->PredictNow().second.at(index);
    // NaN (no prediction) when the model has none: unstable or serving nobody
    w->GetTask("dto-ee", node, taskId).predTotalS =
        std::isfinite(delayS) && delayS > 0 ? delayS : std::nan("");
}

} // namespace

Ptr<InferenceTraceWriter>
CollaborativeInferenceHelper::EnableTraces()
{
    Ptr<InferenceTraceWriter> w = EdgeInferenceTraceHelper::EnableTraces("dto-ee");
    if (m_applied)
    {
        // per task: the model's delay from its entry node to the exit decision (what the
        // node-network latency meas_total_s is compared to) under the strategy, speeds and
        // rates in force when the task is sent, i.e. after the latest threshold/offloading
        // update of the control and any SetComputeSpeed() / ScaleSourceRates() change
        auto snapshot = std::make_shared<PredictionSnapshot>();
        snapshot->helper = std::make_unique<CollaborativeInferenceHelper>(*this);
        for (uint32_t i = 0; i < m_sources.size(); ++i)
        {
            m_sources[i]->TraceConnectWithoutContext(
                "TaskSent",
                MakeBoundCallback(&PredictTask, snapshot, w, i, m_sources[i]->GetNode()->GetId()));
        }
        Simulator::ScheduleDestroy([snapshot]() { snapshot->helper.reset(); });
    }
    return w;
}

} // namespace edgeinference
} // namespace ns3
