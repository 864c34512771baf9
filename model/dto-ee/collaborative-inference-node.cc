/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collaborative-inference-node.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("CollaborativeInferenceNode");

NS_OBJECT_ENSURE_REGISTERED(CollaborativeInferenceNode);

namespace
{

/// Wire type of the JOIN_LEAST_LOADED status message.
constexpr uint8_t TYPE_STATUS = 3;

/// Status message: u8 type, u32 from, u32 queue length, f64 service rate.
constexpr uint32_t STATUS_BYTES = 17;

/**
 * @brief Serialise a status message.
 * @param [in] from sender node index
 * @param [in] queue its queue length
 * @param [in] mu its service rate, task/s
 * @return the bytes
 */
std::vector<uint8_t>
MakeStatus(uint32_t from, uint32_t queue, double mu)
{
    std::vector<uint8_t> out;
    out.push_back(TYPE_STATUS);
    for (uint32_t v : {from, queue})
    {
        for (int s = 24; s >= 0; s -= 8)
        {
            out.push_back(static_cast<uint8_t>((v >> s) & 0xffU));
        }
    }
    uint64_t bits = 0;
    std::memcpy(&bits, &mu, sizeof(bits));
    for (int s = 56; s >= 0; s -= 8)
    {
        out.push_back(static_cast<uint8_t>((bits >> s) & 0xffU));
    }
    return out;
}

} // namespace

TypeId
CollaborativeInferenceNode::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CollaborativeInferenceNode")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<CollaborativeInferenceNode>()
            .AddAttribute("ComputeSpeedFlops",
                          "Effective compute speed f_i, FLOP/s (service rate mu_i = f_i / w_h)",
                          DoubleValue(1e10),
                          MakeDoubleAccessor(&CollaborativeInferenceNode::SetComputeSpeed,
                                             &CollaborativeInferenceNode::GetComputeSpeed),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute(
                "ServiceTime",
                "Service-time distribution: exponential with mean w_h / f_i (M/M/1) "
                "or deterministic",
                EnumValue(EXPONENTIAL_SERVICE),
                MakeEnumAccessor(&CollaborativeInferenceNode::m_serviceModel),
                MakeEnumChecker(
                    EXPONENTIAL_SERVICE, "Exponential", DETERMINISTIC_SERVICE, "Deterministic"))
            .AddAttribute("ControlMode",
                          "How the strategy is decided: static (the allocator's strategy given "
                          "by SetStrategy), distributed (the DTO-EE protocol, from that "
                          "strategy) or join-least-loaded (per-task routing from status "
                          "messages, the strategy's thresholds)",
                          EnumValue(STATIC_CONTROL),
                          MakeEnumAccessor(&CollaborativeInferenceNode::m_mode),
                          MakeEnumChecker(STATIC_CONTROL,
                                          ControlModeName(STATIC_CONTROL),
                                          DTO_EE_CONTROL,
                                          ControlModeName(DTO_EE_CONTROL),
                                          JOIN_LEAST_LOADED_CONTROL,
                                          ControlModeName(JOIN_LEAST_LOADED_CONTROL)))
            .AddAttribute("DataPort",
                          "UDP port of task inputs and features",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&CollaborativeInferenceNode::m_dataPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("ControlPort",
                          "UDP port of the control messages",
                          UintegerValue(9001),
                          MakeUintegerAccessor(&CollaborativeInferenceNode::m_controlPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("SegmentPayloadBytes",
                          "Payload bytes per data packet (a message of B bytes takes "
                          "ceil(B / this) packets)",
                          UintegerValue(1344),
                          MakeUintegerAccessor(&CollaborativeInferenceNode::m_segmentPayload),
                          MakeUintegerChecker<uint32_t>(1, 65000))
            .AddAttribute("ResultBytes",
                          "Payload bytes of a result sent to the UE",
                          UintegerValue(64),
                          MakeUintegerAccessor(&CollaborativeInferenceNode::m_resultBytes),
                          MakeUintegerChecker<uint32_t>(0, 65000))
            .AddAttribute("ControlStart",
                          "Time of the first DTO-EE control period (from the start of the "
                          "simulation; the same at every node)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&CollaborativeInferenceNode::m_controlStart),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ControlPeriod",
                          "T_p: period of the DTO-EE rounds",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&CollaborativeInferenceNode::m_controlPeriod),
                          MakeTimeChecker())
            .AddAttribute("Rounds",
                          "R: DTO-EE rounds per control period",
                          UintegerValue(20),
                          MakeUintegerAccessor(&CollaborativeInferenceNode::m_rounds),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RoundTimeout",
                          "Spacing of the rounds; a round not completed by the next round's "
                          "start is abandoned (strategy kept)",
                          TimeValue(MilliSeconds(25)),
                          MakeTimeAccessor(&CollaborativeInferenceNode::m_roundTimeout),
                          MakeTimeChecker())
            .AddAttribute("MeasureArrivalRate",
                          "Feed the agent the measured external arrival rate (EWMA over the "
                          "periods); false: the configured rate",
                          BooleanValue(true),
                          MakeBooleanAccessor(&CollaborativeInferenceNode::m_measure),
                          MakeBooleanChecker())
            .AddAttribute("RateSmoothing",
                          "EWMA weight of the newest period's arrival-rate measurement, (0, 1]",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&CollaborativeInferenceNode::m_smoothing),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("StatusInterval",
                          "join-least-loaded: period of the queue-length messages to the "
                          "predecessors",
                          TimeValue(MilliSeconds(50)),
                          MakeTimeAccessor(&CollaborativeInferenceNode::m_statusInterval),
                          MakeTimeChecker())
            .AddAttribute("ReassemblyTimeout",
                          "Incomplete segmented messages are forgotten after this time",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&CollaborativeInferenceNode::m_reassemblyTimeout),
                          MakeTimeChecker())
            .AddTraceSource(
                "TaskArrived",
                "A complete task input or feature message joined the queue",
                MakeTraceSourceAccessor(&CollaborativeInferenceNode::m_taskArrivedTrace),
                "ns3::edgeinference::CollaborativeInferenceNode::"
                "TaskArrivedTracedCallback")
            .AddTraceSource("TaskExited",
                            "A task exited here (stage, confidence, node-network latency, "
                            "correct)",
                            MakeTraceSourceAccessor(&CollaborativeInferenceNode::m_taskExitedTrace),
                            "ns3::edgeinference::CollaborativeInferenceNode::"
                            "TaskExitedTracedCallback")
            .AddTraceSource(
                "TaskDropped",
                "A task input was dropped: the node serves nobody (SetServing)",
                MakeTraceSourceAccessor(&CollaborativeInferenceNode::m_taskDroppedTrace),
                "ns3::edgeinference::CollaborativeInferenceNode::"
                "TaskDroppedTracedCallback")
            .AddTraceSource(
                "TaskForwarded",
                "A task's features were sent to a successor",
                MakeTraceSourceAccessor(&CollaborativeInferenceNode::m_taskForwardedTrace),
                "ns3::edgeinference::CollaborativeInferenceNode::TaskForwardedTracedCallback")
            .AddTraceSource("QueueLength",
                            "Tasks in the node (queued and in service)",
                            MakeTraceSourceAccessor(&CollaborativeInferenceNode::m_queueLength),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("StrategyUpdated",
                            "The node completed a DTO-EE round (threshold, fractions)",
                            MakeTraceSourceAccessor(&CollaborativeInferenceNode::m_strategyTrace),
                            "ns3::edgeinference::CollaborativeInferenceNode::"
                            "StrategyUpdatedTracedCallback")
            .AddTraceSource(
                "ControlMessageSent",
                "A control message was sent (peer, bytes)",
                MakeTraceSourceAccessor(&CollaborativeInferenceNode::m_controlSentTrace),
                "ns3::edgeinference::CollaborativeInferenceNode::ControlMessageTracedCallback")
            .AddTraceSource(
                "ControlMessageReceived",
                "A control message was received (peer, bytes)",
                MakeTraceSourceAccessor(&CollaborativeInferenceNode::m_controlReceivedTrace),
                "ns3::edgeinference::CollaborativeInferenceNode::ControlMessageTracedCallback");
    return tid;
}

CollaborativeInferenceNode::CollaborativeInferenceNode()
    : m_queueLength(0)
{
    NS_LOG_FUNCTION(this);
    m_serviceRv = CreateObject<ExponentialRandomVariable>();
    m_exitRv = CreateObject<UniformRandomVariable>();
    m_correctRv = CreateObject<UniformRandomVariable>();
    m_routeRv = CreateObject<UniformRandomVariable>();
}

CollaborativeInferenceNode::~CollaborativeInferenceNode() = default;

void
CollaborativeInferenceNode::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // Disposed without StopApplication() (e.g. Node::Dispose() while the simulation runs):
    // no event or socket callback may reach this object afterwards.
    CancelEventsAndCloseSockets();
    m_dataSocket = nullptr;
    m_controlSocket = nullptr;
    m_agent.reset();
    m_queue.clear();
    m_serviceRv = nullptr;
    m_exitRv = nullptr;
    m_correctRv = nullptr;
    m_routeRv = nullptr;
    Application::DoDispose();
}

void
CollaborativeInferenceNode::Configure(uint32_t node,
                                      uint32_t stage,
                                      bool lastStage,
                                      const DtoEeStage& stageModel)
{
    NS_LOG_FUNCTION(this << node << stage << lastStage);
    NS_ABORT_MSG_IF(!(stageModel.workFlop > 0.0) || !std::isfinite(stageModel.workFlop),
                    "CollaborativeInferenceNode " << node << ": workFlop = " << stageModel.workFlop
                                                  << ": must be > 0");
    NS_ABORT_MSG_IF(!(stageModel.featureBits >= 0.0) || stageModel.featureBits > 4e11,
                    "CollaborativeInferenceNode " << node
                                                  << ": featureBits = " << stageModel.featureBits
                                                  << ": must be in [0, 4e11]");
    m_node = node;
    m_stage = stage;
    m_lastStage = lastStage;
    m_stageModel = stageModel;
    m_configured = true;
}

void
CollaborativeInferenceNode::AddSuccessor(uint32_t node, Ipv4Address address, double linkDelayS)
{
    NS_LOG_FUNCTION(this << node << address << linkDelayS);
    m_succ.push_back(node);
    m_succAddr.push_back(address);
    m_succDelayS.push_back(linkDelayS);
    m_split.assign(m_succ.size(), 1.0 / static_cast<double>(m_succ.size()));
}

void
CollaborativeInferenceNode::AddPredecessor(uint32_t node, Ipv4Address address)
{
    NS_LOG_FUNCTION(this << node << address);
    m_pred.push_back(node);
    m_predAddr.push_back(address);
}

void
CollaborativeInferenceNode::SetAgentSettings(const DtoEeAlgorithmOptions& options,
                                             double rateNormalisation,
                                             double betaS,
                                             double rho,
                                             double epsilon,
                                             double thresholdMin)
{
    NS_LOG_FUNCTION(this << rateNormalisation << betaS << rho << epsilon << thresholdMin);
    m_options = options;
    m_rateNormalisation = rateNormalisation;
    m_betaS = betaS;
    m_rho = rho;
    m_epsilon = epsilon;
    m_thresholdMin = thresholdMin;
    if (!m_strategySet) // a strategy set by SetStrategy() is the agent's start point
    {
        m_threshold =
            m_lastStage ? 0.0 : std::min(1.0, std::max(thresholdMin, options.initialThreshold));
    }
}

void
CollaborativeInferenceNode::SetConfiguredArrivalRate(double rate)
{
    NS_LOG_FUNCTION(this << rate);
    NS_ABORT_MSG_IF(!(rate >= 0.0) || !std::isfinite(rate),
                    "CollaborativeInferenceNode " << m_node << ": configured arrival rate = "
                                                  << rate << ": must be finite and >= 0");
    m_configuredRate = rate;
    m_plannedRate = rate;
}

void
CollaborativeInferenceNode::SetStrategy(double threshold, const std::vector<double>& split)
{
    NS_LOG_FUNCTION(this << threshold);
    NS_ABORT_MSG_IF(!(threshold >= 0.0 && threshold <= 1.0),
                    "CollaborativeInferenceNode " << m_node << ": threshold = " << threshold
                                                  << ": must be in [0, 1]");
    NS_ABORT_MSG_IF(split.size() != m_succ.size(),
                    "CollaborativeInferenceNode " << m_node << ": split.size() = " << split.size()
                                                  << ": expected " << m_succ.size()
                                                  << " (one per successor)");
    double sum = 0;
    for (double x : split)
    {
        NS_ABORT_MSG_IF(!(x >= 0.0),
                        "CollaborativeInferenceNode " << m_node << ": split value " << x
                                                      << ": must be >= 0");
        sum += x;
    }
    NS_ABORT_MSG_IF(!split.empty() && std::abs(sum - 1.0) > 1e-6,
                    "CollaborativeInferenceNode " << m_node << ": split sums to " << sum
                                                  << ": must sum to 1");
    m_threshold = m_lastStage ? 0.0 : threshold;
    m_split = split;
    m_strategySet = true;
    if (m_agent)
    {
        m_agent->SetThreshold(m_threshold);
        m_agent->SetSplit(m_split);
    }
}

double
CollaborativeInferenceNode::GetServiceScv() const
{
    return m_serviceModel == EXPONENTIAL_SERVICE ? 1.0 : 0.0;
}

void
CollaborativeInferenceNode::SetComputeSpeed(double flops)
{
    NS_LOG_FUNCTION(this << flops);
    NS_ABORT_MSG_IF(!(flops > 0.0) || !std::isfinite(flops),
                    "CollaborativeInferenceNode " << m_node << ": ComputeSpeedFlops = " << flops
                                                  << ": must be finite and > 0");
    m_speedFlops = flops;
}

double
CollaborativeInferenceNode::GetComputeSpeed() const
{
    return m_speedFlops;
}

double
CollaborativeInferenceNode::GetThreshold() const
{
    return m_threshold;
}

const std::vector<double>&
CollaborativeInferenceNode::GetSplit() const
{
    return m_split;
}

uint32_t
CollaborativeInferenceNode::GetQueueLength() const
{
    return m_queueLength;
}

uint64_t
CollaborativeInferenceNode::GetControlMessagesSent() const
{
    return m_controlMessages;
}

uint64_t
CollaborativeInferenceNode::GetControlBytesSent() const
{
    return m_controlBytes;
}

uint32_t
CollaborativeInferenceNode::GetCompletedRounds() const
{
    return m_completedRounds;
}

uint32_t
CollaborativeInferenceNode::GetAbandonedRounds() const
{
    return m_abandonedRounds;
}

std::string
CollaborativeInferenceNode::ControlModeName(ControlMode mode)
{
    switch (mode)
    {
        case STATIC_CONTROL:
            return "static";
        case DTO_EE_CONTROL:
            return ToString(DtoEeScheme::DTO_EE);
        case JOIN_LEAST_LOADED_CONTROL:
            return ToString(DtoEeScheme::JOIN_LEAST_LOADED);
    }
    return "unknown";
}

void
CollaborativeInferenceNode::SetServing(bool serving)
{
    NS_LOG_FUNCTION(this << serving);
    m_serving = serving;
}

bool
CollaborativeInferenceNode::IsServing() const
{
    return m_serving;
}

uint64_t
CollaborativeInferenceNode::GetDroppedTasks() const
{
    return m_droppedTasks;
}

uint32_t
CollaborativeInferenceNode::GetPendingMessages() const
{
    return m_reassembler.GetPending();
}

double
CollaborativeInferenceNode::GetPlannedArrivalRate() const
{
    return m_plannedRate;
}

int64_t
CollaborativeInferenceNode::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_serviceRv->SetStream(stream);
    m_exitRv->SetStream(stream + 1);
    m_correctRv->SetStream(stream + 2);
    m_routeRv->SetStream(stream + 3);
    return 4;
}

void
CollaborativeInferenceNode::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_configured,
                    "CollaborativeInferenceNode: Configure() was not called before the start");
    NS_ABORT_MSG_IF(!m_lastStage && m_succ.empty(),
                    "CollaborativeInferenceNode " << m_node << ": stage " << m_stage
                                                  << " is not the last stage but the node has "
                                                     "no successor");
    if (!m_lastStage)
    {
        const auto featureBytes = static_cast<uint64_t>(std::ceil(m_stageModel.featureBits / 8.0));
        NS_ABORT_MSG_IF(SegmentCount(featureBytes, m_segmentPayload) > 65535,
                        "CollaborativeInferenceNode "
                            << m_node << ": featureBits = " << m_stageModel.featureBits << " needs "
                            << SegmentCount(featureBytes, m_segmentPayload)
                            << " packets of SegmentPayloadBytes = " << m_segmentPayload
                            << " (at most 65535)");
    }
    NS_ABORT_MSG_IF(m_dataPort == m_controlPort,
                    "CollaborativeInferenceNode " << m_node << ": DataPort = ControlPort = "
                                                  << m_dataPort << ": must differ");
    m_dataSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_dataSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_dataPort)) != 0,
                    "CollaborativeInferenceNode " << m_node << ": cannot bind DataPort "
                                                  << m_dataPort);
    m_dataSocket->SetRecvCallback(MakeCallback(&CollaborativeInferenceNode::HandleData, this));
    m_controlSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(
        m_controlSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_controlPort)) != 0,
        "CollaborativeInferenceNode " << m_node << ": cannot bind ControlPort " << m_controlPort);
    m_controlSocket->SetRecvCallback(
        MakeCallback(&CollaborativeInferenceNode::HandleControl, this));
    if (m_mode == DTO_EE_CONTROL)
    {
        NS_ABORT_MSG_IF(!m_controlPeriod.IsStrictlyPositive(),
                        "CollaborativeInferenceNode " << m_node << ": ControlPeriod = "
                                                      << m_controlPeriod << ": must be > 0");
        NS_ABORT_MSG_IF(!m_roundTimeout.IsStrictlyPositive(),
                        "CollaborativeInferenceNode "
                            << m_node << ": RoundTimeout = " << m_roundTimeout << ": must be > 0");
        NS_ABORT_MSG_IF(m_roundTimeout * static_cast<int64_t>(m_rounds) > m_controlPeriod,
                        "CollaborativeInferenceNode "
                            << m_node << ": Rounds x RoundTimeout = "
                            << m_roundTimeout * static_cast<int64_t>(m_rounds)
                            << " exceeds ControlPeriod = " << m_controlPeriod);
        NS_ABORT_MSG_IF(!(m_smoothing > 0.0),
                        "CollaborativeInferenceNode " << m_node << ": RateSmoothing = "
                                                      << m_smoothing << ": must be in (0, 1]");
        DtoEeAgentConfig c;
        c.node = m_node;
        c.lastStage = m_lastStage;
        c.serviceRate = m_speedFlops / m_stageModel.workFlop;
        c.externalRate = m_configuredRate;
        c.exit = m_stageModel.exit;
        c.exitAccuracy = m_stageModel.exitAccuracy;
        c.successors = m_succ;
        c.linkDelayS = m_succDelayS;
        c.predecessors = m_pred;
        c.betaS = m_betaS;
        c.rho = m_rho;
        c.epsilon = m_epsilon;
        c.thresholdMin = m_thresholdMin;
        c.serviceScv = GetServiceScv(); // the agent's queue model matches the service drawn
        try
        {
            m_agent = std::make_unique<DtoEeAgent>(c, m_options, m_rateNormalisation);
        }
        catch (const std::invalid_argument& e)
        {
            NS_FATAL_ERROR("CollaborativeInferenceNode " << m_node << ": " << e.what());
        }
        if (m_strategySet)
        {
            m_agent->SetThreshold(m_threshold);
            m_agent->SetSplit(m_split);
        }
        else
        {
            m_threshold = m_agent->GetThreshold();
            m_split = m_agent->GetSplit();
        }
        m_plannedRate = m_configuredRate;
        // Every node follows the same schedule: period k starts at ControlStart + k T_p and
        // runs rounds k R .. k R + R - 1. A node that starts late joins at the next period
        // boundary with the round numbers of that period (else its rounds would never match
        // its neighbours' and every round would be abandoned).
        int64_t period = 0;
        const Time now = Simulator::Now();
        if (now > m_controlStart)
        {
            const int64_t elapsed = (now - m_controlStart).GetTimeStep();
            const int64_t length = m_controlPeriod.GetTimeStep();
            period = (elapsed + length - 1) / length;
        }
        m_nextRound = static_cast<uint32_t>(period * static_cast<int64_t>(m_rounds));
        m_periodEvent = Simulator::Schedule(m_controlStart + m_controlPeriod * period - now,
                                            &CollaborativeInferenceNode::StartPeriod,
                                            this);
    }
    else if (m_mode == JOIN_LEAST_LOADED_CONTROL)
    {
        NS_ABORT_MSG_IF(!m_statusInterval.IsStrictlyPositive(),
                        "CollaborativeInferenceNode " << m_node << ": StatusInterval = "
                                                      << m_statusInterval << ": must be > 0");
        m_knownQueue.assign(m_succ.size(), 0.0);
        m_knownMu.assign(m_succ.size(), 1.0);
        m_statusEvent = Simulator::ScheduleNow(&CollaborativeInferenceNode::SendStatus, this);
    }
}

void
CollaborativeInferenceNode::StopApplication()
{
    NS_LOG_FUNCTION(this);
    CancelEventsAndCloseSockets();
    m_queue.clear();
    m_busy = false;
    SetQueueLength(0);
}

void
CollaborativeInferenceNode::CancelEventsAndCloseSockets()
{
    NS_LOG_FUNCTION(this);
    m_serviceEvent.Cancel();
    m_periodEvent.Cancel();
    m_statusEvent.Cancel();
    for (auto& e : m_roundEvents)
    {
        e.Cancel();
    }
    m_roundEvents.clear();
    for (Ptr<Socket> s : {m_dataSocket, m_controlSocket})
    {
        if (s)
        {
            s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            s->Close();
        }
    }
}

void
CollaborativeInferenceNode::SetQueueLength(uint32_t length)
{
    m_queueLength = length;
}

void
CollaborativeInferenceNode::HandleData(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> packet;
    Address from;
    while ((packet = socket->RecvFrom(from)))
    {
        if (packet->GetSize() < CollaborativeInferenceHeader::SIZE)
        {
            NS_LOG_WARN("node " << m_node << ": runt data packet of " << packet->GetSize()
                                << " bytes dropped");
            continue;
        }
        CollaborativeInferenceHeader h;
        packet->RemoveHeader(h);
        const auto type = h.GetType();
        if (type != CollaborativeInferenceHeader::TASK_INPUT &&
            type != CollaborativeInferenceHeader::FEATURES)
        {
            NS_LOG_WARN("node " << m_node << ": unexpected message type "
                                << static_cast<int>(type));
            continue;
        }
        m_reassembler.Purge(Simulator::Now(), m_reassemblyTimeout);
        if (!m_reassembler.Add(h, Simulator::Now()))
        {
            continue;
        }
        if (!m_serving && type == CollaborativeInferenceHeader::TASK_INPUT)
        {
            ++m_droppedTasks;
            m_taskDroppedTrace(h.GetTaskId(), m_stage);
            NS_LOG_LOGIC("node " << m_node << ": task " << h.GetTaskId()
                                 << " dropped (serving nobody)");
            continue;
        }
        Task t;
        t.header = h;
        if (type == CollaborativeInferenceHeader::TASK_INPUT)
        {
            t.header.SetEntered(Simulator::Now());
            ++m_externalArrivals;
        }
        m_queue.push_back(t);
        SetQueueLength(static_cast<uint32_t>(m_queue.size()));
        m_taskArrivedTrace(h.GetTaskId(), m_stage, static_cast<uint32_t>(m_queue.size()));
        NS_LOG_LOGIC("node " << m_node << ": task " << h.GetTaskId() << " arrived, queue "
                             << m_queue.size());
        StartService();
    }
}

void
CollaborativeInferenceNode::StartService()
{
    NS_LOG_FUNCTION(this);
    if (m_busy || m_queue.empty())
    {
        return;
    }
    m_busy = true;
    const double mean = m_stageModel.workFlop / m_speedFlops;
    const double s =
        m_serviceModel == EXPONENTIAL_SERVICE ? m_serviceRv->GetValue(mean, 0.0) : mean;
    m_serviceEvent =
        Simulator::Schedule(Seconds(s), &CollaborativeInferenceNode::FinishService, this);
}

void
CollaborativeInferenceNode::FinishService()
{
    NS_LOG_FUNCTION(this);
    NS_ASSERT(m_busy && !m_queue.empty());
    const Task task = m_queue.front();
    m_queue.pop_front();
    m_busy = false;
    SetQueueLength(static_cast<uint32_t>(m_queue.size()));
    const double u = m_exitRv->GetValue();
    const bool exits = m_lastStage || u < ExitProbability();
    if (exits)
    {
        const bool correct = m_correctRv->GetValue() < ExitAccuracy();
        SendResult(task, ConfidenceFor(u), correct);
    }
    else
    {
        Forward(task);
    }
    StartService();
}

double
CollaborativeInferenceNode::ExitProbability() const
{
    return m_lastStage ? 1.0 : m_stageModel.exit.ExitProbability(m_threshold);
}

double
CollaborativeInferenceNode::ExitAccuracy() const
{
    return DtoEeProfile::Value(
        m_stageModel.exitAccuracy, m_lastStage ? 0.0 : m_threshold, m_stageModel.exit.accuracy);
}

double
CollaborativeInferenceNode::ConfidenceFor(double u) const
{
    // q is non-increasing in the confidence: the largest c with q(c) > u.
    const auto& exit = m_stageModel.exit;
    if (exit.ExitProbability(1.0) > u)
    {
        return 1.0;
    }
    if (exit.ExitProbability(0.0) <= u)
    {
        return 0.0;
    }
    double lo = 0.0;
    double hi = 1.0;
    for (int it = 0; it < 50; ++it)
    {
        const double mid = 0.5 * (lo + hi);
        if (exit.ExitProbability(mid) > u)
        {
            lo = mid;
        }
        else
        {
            hi = mid;
        }
    }
    return lo;
}

void
CollaborativeInferenceNode::SendResult(const Task& task, double confidence, bool correct)
{
    NS_LOG_FUNCTION(this << confidence << correct);
    const Time latency = Simulator::Now() - task.header.GetEntered();
    m_taskExitedTrace(task.header.GetTaskId(), m_stage, confidence, latency, correct);
    NS_LOG_LOGIC("node " << m_node << ": task " << task.header.GetTaskId() << " exits, latency "
                         << latency.As(Time::MS));
    CollaborativeInferenceHeader h = task.header;
    h.SetType(CollaborativeInferenceHeader::RESULT);
    h.SetStage(m_stage);
    h.SetExitNode(m_node);
    h.SetExited(Simulator::Now());
    h.SetConfidence(confidence);
    h.SetCorrect(correct);
    SendSegmented(m_dataSocket,
                  h,
                  m_resultBytes,
                  m_segmentPayload,
                  task.header.GetOriginAddress(),
                  task.header.GetOriginPort());
}

uint32_t
CollaborativeInferenceNode::ChooseSuccessor()
{
    const size_t n = m_succ.size();
    if (m_mode == JOIN_LEAST_LOADED_CONTROL)
    {
        size_t best = 0;
        double bestCost = std::numeric_limits<double>::infinity();
        for (size_t k = 0; k < n; ++k)
        {
            const double cost = (m_knownQueue[k] + 1.0) / m_knownMu[k];
            if (cost < bestCost)
            {
                bestCost = cost;
                best = k;
            }
        }
        m_knownQueue[best] += 1.0; // until the next status message
        return static_cast<uint32_t>(best);
    }
    const double u = m_routeRv->GetValue();
    double acc = 0;
    for (size_t k = 0; k < n; ++k)
    {
        acc += m_split[k];
        if (u < acc)
        {
            return static_cast<uint32_t>(k);
        }
    }
    // Rounding: the last successor with a positive fraction.
    for (size_t k = n; k-- > 0;)
    {
        if (m_split[k] > 0.0)
        {
            return static_cast<uint32_t>(k);
        }
    }
    return 0;
}

void
CollaborativeInferenceNode::Forward(const Task& task)
{
    NS_LOG_FUNCTION(this);
    const uint32_t k = ChooseSuccessor();
    m_taskForwardedTrace(task.header.GetTaskId(), m_succ[k]);
    NS_LOG_LOGIC("node " << m_node << ": task " << task.header.GetTaskId() << " to node "
                         << m_succ[k]);
    CollaborativeInferenceHeader h = task.header;
    h.SetType(CollaborativeInferenceHeader::FEATURES);
    h.SetStage(m_stage + 1);
    const auto bytes = static_cast<uint32_t>(std::ceil(m_stageModel.featureBits / 8.0));
    SendSegmented(m_dataSocket, h, bytes, m_segmentPayload, m_succAddr[k], m_dataPort);
}

void
CollaborativeInferenceNode::StartPeriod()
{
    NS_LOG_FUNCTION(this);
    const Time now = Simulator::Now();
    const Time elapsed = now - m_periodStart;
    // The measurement windows are the control periods: the first period starts the first
    // window (before it the sources may not run yet, e.g. ControlStart = their start).
    if (m_measure && m_pred.empty() && m_periodStarted && elapsed.IsStrictlyPositive())
    {
        const double measured = static_cast<double>(m_externalArrivals) / elapsed.GetSeconds();
        m_plannedRate = m_rateMeasured
                            ? m_smoothing * measured + (1.0 - m_smoothing) * m_plannedRate
                            : measured;
        m_rateMeasured = true;
    }
    m_externalArrivals = 0;
    m_periodStart = now;
    m_periodStarted = true;
    m_agent->SetExternalRate(m_pred.empty() ? m_plannedRate : 0.0);
    m_agent->SetServiceRate(m_speedFlops / m_stageModel.workFlop);
    m_roundEvents.clear();
    for (uint32_t r = 0; r < m_rounds; ++r)
    {
        m_roundEvents.push_back(Simulator::Schedule(m_roundTimeout * static_cast<int64_t>(r),
                                                    &CollaborativeInferenceNode::StartRound,
                                                    this,
                                                    m_nextRound + r));
    }
    m_nextRound += m_rounds;
    m_periodEvent =
        Simulator::Schedule(m_controlPeriod, &CollaborativeInferenceNode::StartPeriod, this);
}

void
CollaborativeInferenceNode::StartRound(uint32_t round)
{
    NS_LOG_FUNCTION(this << round);
    if (m_roundOpen)
    {
        ++m_abandonedRounds;
        NS_LOG_INFO("node " << m_node << ": round " << m_round
                            << " abandoned (a control message is missing); strategy kept");
    }
    m_round = round;
    m_roundOpen = true;
    m_updatesIn = 0;
    m_repliesIn = 0;
    m_agent->BeginRound(round);
    if (m_pred.empty())
    {
        OnAllUpdates();
    }
}

void
CollaborativeInferenceNode::OnAllUpdates()
{
    NS_LOG_FUNCTION(this);
    if (m_succ.empty())
    {
        OnAllReplies();
        return;
    }
    for (const auto& m : m_agent->MakeUpdates())
    {
        const size_t k = std::find(m_succ.begin(), m_succ.end(), m.to) - m_succ.begin();
        SendControl(m.to, m_succAddr[k], m.Serialize());
    }
}

void
CollaborativeInferenceNode::OnAllReplies()
{
    NS_LOG_FUNCTION(this);
    for (const auto& m : m_agent->MakeReplies())
    {
        const size_t k = std::find(m_pred.begin(), m_pred.end(), m.to) - m_pred.begin();
        SendControl(m.to, m_predAddr[k], m.Serialize());
    }
    m_agent->UpdateStrategy();
    m_roundOpen = false;
    ++m_completedRounds;
    AdoptAgentStrategy();
}

void
CollaborativeInferenceNode::AdoptAgentStrategy()
{
    m_threshold = m_agent->GetThreshold();
    m_split = m_agent->GetSplit();
    m_strategyTrace(m_threshold, m_split);
}

void
CollaborativeInferenceNode::SendControl(uint32_t peer,
                                        Ipv4Address address,
                                        const std::vector<uint8_t>& bytes)
{
    NS_LOG_FUNCTION(this << peer << address);
    Ptr<Packet> p = Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
    m_controlSocket->SendTo(p, 0, InetSocketAddress(address, m_controlPort));
    ++m_controlMessages;
    m_controlBytes += bytes.size();
    m_controlSentTrace(peer, static_cast<uint32_t>(bytes.size()));
}

void
CollaborativeInferenceNode::HandleControl(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> packet;
    Address from;
    while ((packet = socket->RecvFrom(from)))
    {
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
        if (bytes.empty())
        {
            continue;
        }
        try
        {
            if (bytes[0] == TYPE_STATUS && bytes.size() == STATUS_BYTES)
            {
                uint32_t sender = 0;
                uint32_t queue = 0;
                for (size_t k = 1; k < 5; ++k)
                {
                    sender = (sender << 8) | bytes[k];
                }
                for (size_t k = 5; k < 9; ++k)
                {
                    queue = (queue << 8) | bytes[k];
                }
                uint64_t bits = 0;
                for (size_t k = 9; k < 17; ++k)
                {
                    bits = (bits << 8) | bytes[k];
                }
                double mu = 0;
                std::memcpy(&mu, &bits, sizeof(mu));
                m_controlReceivedTrace(sender, static_cast<uint32_t>(bytes.size()));
                const size_t k = std::find(m_succ.begin(), m_succ.end(), sender) - m_succ.begin();
                if (k < m_succ.size() && k < m_knownQueue.size() && mu > 0.0)
                {
                    m_knownQueue[k] = queue;
                    m_knownMu[k] = mu;
                }
            }
            else if (bytes.size() == DTO_EE_UPDATE_BYTES)
            {
                const auto m = DtoEeUpdateMessage::Deserialize(bytes);
                m_controlReceivedTrace(m.from, static_cast<uint32_t>(bytes.size()));
                if (!m_agent || !m_roundOpen || m.round != m_round)
                {
                    NS_LOG_INFO("node " << m_node << ": late update of round " << m.round
                                        << " dropped");
                    continue;
                }
                m_agent->ReceiveUpdate(m);
                if (++m_updatesIn == m_pred.size())
                {
                    OnAllUpdates();
                }
            }
            else if (bytes.size() == DTO_EE_REPLY_BYTES)
            {
                const auto m = DtoEeReplyMessage::Deserialize(bytes);
                m_controlReceivedTrace(m.from, static_cast<uint32_t>(bytes.size()));
                if (!m_agent || !m_roundOpen || m.round != m_round || m_updatesIn < m_pred.size())
                {
                    NS_LOG_INFO("node " << m_node << ": late reply of round " << m.round
                                        << " dropped");
                    continue;
                }
                m_agent->ReceiveReply(m);
                if (++m_repliesIn == m_succ.size())
                {
                    OnAllReplies();
                }
            }
            else
            {
                NS_LOG_WARN("node " << m_node << ": control message of " << bytes.size()
                                    << " bytes ignored");
            }
        }
        catch (const std::invalid_argument& e)
        {
            NS_LOG_WARN("node " << m_node << ": control message rejected: " << e.what());
        }
    }
}

void
CollaborativeInferenceNode::SendStatus()
{
    NS_LOG_FUNCTION(this);
    const double mu = m_speedFlops / m_stageModel.workFlop;
    const auto bytes = MakeStatus(m_node, m_queueLength, mu);
    for (size_t k = 0; k < m_pred.size(); ++k)
    {
        SendControl(m_pred[k], m_predAddr[k], bytes);
    }
    m_statusEvent =
        Simulator::Schedule(m_statusInterval, &CollaborativeInferenceNode::SendStatus, this);
}

} // namespace edgeinference
} // namespace ns3
