/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "layerwise-inference-client.h"

#include "inference-request-header.h"
#include "layer-header.h"
#include "slide-grant-header.h"

#include "ns3/abort.h"
#include "ns3/address-utils.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket-teardown.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("LayerwiseInferenceClient");

NS_OBJECT_ENSURE_REGISTERED(LayerwiseInferenceClient);

TypeId
LayerwiseInferenceClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LayerwiseInferenceClient")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<LayerwiseInferenceClient>()
            .AddAttribute("RemoteAddress",
                          "IPv4 address of the LayerStreamingServer.",
                          AddressValue(),
                          MakeAddressAccessor(&LayerwiseInferenceClient::m_remote),
                          MakeAddressChecker())
            .AddAttribute("RemotePort",
                          "TCP port of the LayerStreamingServer.",
                          UintegerValue(5000),
                          MakeUintegerAccessor(&LayerwiseInferenceClient::m_remotePort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("ModelName",
                          "Name of the model to request (must be in the server's catalogue).",
                          StringValue("resnet18"),
                          MakeStringAccessor(&LayerwiseInferenceClient::m_modelName),
                          MakeStringChecker())
            .AddAttribute("Mode",
                          "Streaming: infer with the layers received so far (SLIDE); "
                          "DownloadThenInfer: start after the whole model arrived.",
                          EnumValue(LayerwiseInferenceClient::STREAMING),
                          MakeEnumAccessor(&LayerwiseInferenceClient::m_mode),
                          MakeEnumChecker(LayerwiseInferenceClient::STREAMING,
                                          "Streaming",
                                          LayerwiseInferenceClient::DOWNLOAD_THEN_INFER,
                                          "DownloadThenInfer"))
            .AddAttribute("Samples",
                          "Input samples (e.g. images) processed by one task.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&LayerwiseInferenceClient::m_samples),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("FlopsPerCycle",
                          "Device FLOPs per clock cycle n (FLOP/cycle).",
                          DoubleValue(DeviceComputeModel::DEFAULT_FLOPS_PER_CYCLE),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_flopsPerCycle),
                          MakeDoubleChecker<double>(1e-9))
            .AddAttribute("FrequencyHz",
                          "Device GPU/CPU frequency f (Hz); must lie in "
                          "[MinFrequencyHz, MaxFrequencyHz].",
                          DoubleValue(DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_frequencyHz),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("MinFrequencyHz",
                          "Lowest device frequency (Hz).",
                          DoubleValue(DeviceComputeModel::DEFAULT_MIN_FREQUENCY_HZ),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_minFrequencyHz),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("MaxFrequencyHz",
                          "Highest device frequency (Hz).",
                          DoubleValue(DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_maxFrequencyHz),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("EnergyCoefficient",
                          "Energy coefficient kappa: energy per cycle is kappa f^2 "
                          "(J/cycle per Hz^2, i.e. W/(cycle/s)^3).",
                          DoubleValue(DeviceComputeModel::DEFAULT_ENERGY_COEFFICIENT),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_energyCoefficient),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("NumTasks",
                          "Number of tasks to run one after another.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&LayerwiseInferenceClient::m_numTasks),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("TaskInterval",
                          "Gap between the end of a task and the request of the next (s).",
                          StringValue("ns3::ConstantRandomVariable[Constant=0]"),
                          MakePointerAccessor(&LayerwiseInferenceClient::m_interval),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("TaskTimeout",
                          "A task not completed this long after its request fails.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&LayerwiseInferenceClient::m_timeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddTraceSource(
                "LayerReceived",
                "The last byte of a layer arrived.",
                MakeTraceSourceAccessor(&LayerwiseInferenceClient::m_layerReceivedTrace),
                "ns3::edgeinference::LayerwiseInferenceClient::LayerTracedCallback")
            .AddTraceSource(
                "LayerComputed",
                "A layer finished computing.",
                MakeTraceSourceAccessor(&LayerwiseInferenceClient::m_layerComputedTrace),
                "ns3::edgeinference::LayerwiseInferenceClient::LayerTracedCallback")
            .AddTraceSource(
                "TaskCompleted",
                "A task computed its last layer: latency from the request and energy.",
                MakeTraceSourceAccessor(&LayerwiseInferenceClient::m_completedTrace),
                "ns3::edgeinference::LayerwiseInferenceClient::TaskCompletedTracedCallback")
            .AddTraceSource(
                "GrantReceived",
                "The server's allocation decision arrived: admitted or not, the granted model "
                "variant or the reason, the frequency applied.",
                MakeTraceSourceAccessor(&LayerwiseInferenceClient::m_grantTrace),
                "ns3::edgeinference::LayerwiseInferenceClient::GrantTracedCallback")
            .AddTraceSource(
                "TaskFailed",
                "A task failed (connection failure, truncated stream, timeout).",
                MakeTraceSourceAccessor(&LayerwiseInferenceClient::m_failedTrace),
                "ns3::edgeinference::LayerwiseInferenceClient::TaskFailedTracedCallback");
    return tid;
}

LayerwiseInferenceClient::LayerwiseInferenceClient()
    : m_remotePort(5000)
    , m_mode(STREAMING)
    , m_samples(1)
    , m_flopsPerCycle(DeviceComputeModel::DEFAULT_FLOPS_PER_CYCLE)
    , m_frequencyHz(DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ)
    , m_minFrequencyHz(DeviceComputeModel::DEFAULT_MIN_FREQUENCY_HZ)
    , m_maxFrequencyHz(DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ)
    , m_energyCoefficient(DeviceComputeModel::DEFAULT_ENERGY_COEFFICIENT)
    , m_numTasks(1)
    , m_taskMode(STREAMING)
    , m_grantState(GRANT_MAYBE)
    , m_active(false)
    , m_nLayers(0)
    , m_payloadLeft(0)
    , m_currentLayer(0)
    , m_arrived(0)
    , m_computed(0)
    , m_computing(false)
    , m_layerEnergyJ(0)
{
    NS_LOG_FUNCTION(this);
}

LayerwiseInferenceClient::~LayerwiseInferenceClient()
{
    NS_LOG_FUNCTION(this);
}

void
LayerwiseInferenceClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    m_interval = nullptr;
    Application::DoDispose();
}

void
LayerwiseInferenceClient::SetRemote(const Address& address, uint16_t port)
{
    NS_LOG_FUNCTION(this << address << port);
    if (InetSocketAddress::IsMatchingType(address))
    {
        const InetSocketAddress inet = InetSocketAddress::ConvertFrom(address);
        m_remote = inet.GetIpv4();
        m_remotePort = inet.GetPort();
    }
    else
    {
        m_remote = address;
        m_remotePort = port;
    }
}

void
LayerwiseInferenceClient::SetFrequency(double frequencyHz)
{
    NS_LOG_FUNCTION(this << frequencyHz);
    m_frequencyHz = frequencyHz;
    BuildComputeModel();
}

void
LayerwiseInferenceClient::BuildComputeModel()
{
    try
    {
        m_compute = DeviceComputeModel(m_flopsPerCycle,
                                       m_frequencyHz,
                                       m_energyCoefficient,
                                       m_minFrequencyHz,
                                       m_maxFrequencyHz);
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR("LayerwiseInferenceClient on node " << (GetNode() ? GetNode()->GetId() : 0)
                                                           << ": " << e.what());
    }
}

const DeviceComputeModel&
LayerwiseInferenceClient::GetComputeModel() const
{
    return m_compute;
}

const std::vector<LayerwiseInferenceClient::TaskRecord>&
LayerwiseInferenceClient::GetTaskRecords() const
{
    return m_records;
}

int64_t
LayerwiseInferenceClient::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_interval->SetStream(stream);
    return 1;
}

void
LayerwiseInferenceClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    BuildComputeModel();
    NS_ABORT_MSG_IF(!Ipv4Address::IsMatchingType(m_remote),
                    "LayerwiseInferenceClient on node "
                        << GetNode()->GetId() << ": RemoteAddress is not an IPv4 address");
    StartTask();
}

void
LayerwiseInferenceClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    Simulator::Cancel(m_nextTaskEvent);
    if (m_active)
    {
        Fail("application stopped");
    }
    // no further tasks after a stop
    Simulator::Cancel(m_nextTaskEvent);
}

void
LayerwiseInferenceClient::StartTask()
{
    NS_LOG_FUNCTION(this);
    TaskRecord r;
    r.taskId = static_cast<uint32_t>(m_records.size());
    r.mode = m_mode;
    r.requestTime = Simulator::Now();
    m_records.push_back(r);
    m_active = true;
    m_taskMode = m_mode;
    BuildComputeModel(); // the FrequencyHz attribute, not a previous task's grant
    m_grantState = GRANT_MAYBE;
    m_grantBuf.clear();
    m_nLayers = 0;
    m_headerBuf.clear();
    m_payloadLeft = 0;
    m_currentLayer = 0;
    m_arrived = 0;
    m_computed = 0;
    m_computing = false;

    m_socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    if (m_socket->Bind() == -1)
    {
        Fail("cannot bind a TCP socket");
        return;
    }
    m_socket->SetConnectCallback(
        MakeCallback(&LayerwiseInferenceClient::HandleConnected, this),
        MakeCallback(&LayerwiseInferenceClient::HandleConnectFailed, this));
    m_socket->SetRecvCallback(MakeCallback(&LayerwiseInferenceClient::HandleRead, this));
    m_socket->SetCloseCallbacks(MakeCallback(&LayerwiseInferenceClient::HandlePeerClose, this),
                                MakeCallback(&LayerwiseInferenceClient::HandlePeerError, this));
    m_timeoutEvent = Simulator::Schedule(m_timeout,
                                         [this]()
                                         {
                                             std::ostringstream oss;
                                             oss << "timeout after " << m_timeout.As(Time::S)
                                                 << " with " << m_arrived << " layers received and "
                                                 << m_computed << " computed";
                                             Fail(oss.str());
                                         });
    NS_LOG_INFO("task " << r.taskId << ": requesting '" << m_modelName << "'");
    m_socket->Connect(InetSocketAddress(Ipv4Address::ConvertFrom(m_remote), m_remotePort));
}

void
LayerwiseInferenceClient::HandleConnected(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    InferenceRequestHeader req;
    req.SetTaskId(m_records.back().taskId);
    req.SetModelName(m_modelName);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(req);
    if (socket->Send(p) < 0)
    {
        Fail("cannot send the request");
    }
}

void
LayerwiseInferenceClient::HandleConnectFailed(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Fail("connection to the server failed");
}

void
LayerwiseInferenceClient::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> packet;
    std::vector<uint8_t> bytes;
    while (m_active && socket == m_socket && (packet = socket->Recv()))
    {
        const uint32_t size = packet->GetSize();
        if (size == 0)
        {
            continue;
        }
        TaskRecord& r = m_records.back();
        if (r.bytesReceived == 0)
        {
            r.firstByteTime = Simulator::Now();
        }
        r.bytesReceived += size;
        bytes.resize(size);
        packet->CopyData(bytes.data(), size);
        Consume(bytes.data(), size);
    }
}

void
LayerwiseInferenceClient::Consume(const uint8_t* data, uint32_t size)
{
    uint32_t pos = 0;
    while (m_grantState != GRANT_DONE && pos < size && m_active)
    {
        m_grantBuf.push_back(data[pos++]);
        if (m_grantState == GRANT_MAYBE && m_grantBuf.size() == 2)
        {
            const uint16_t magic = static_cast<uint16_t>((m_grantBuf[0] << 8) | m_grantBuf[1]);
            if (magic != SlideGrantHeader::MAGIC)
            {
                // no grant: these two bytes start the first layer header
                m_grantState = GRANT_DONE;
                std::vector<uint8_t> prefix;
                prefix.swap(m_grantBuf);
                ConsumeLayers(prefix.data(), static_cast<uint32_t>(prefix.size()));
                break;
            }
            m_grantState = GRANT_READING;
        }
        if (m_grantState == GRANT_READING && m_grantBuf.size() >= SlideGrantHeader::GetFixedSize())
        {
            const uint32_t total =
                SlideGrantHeader::GetFixedSize() + m_grantBuf[SlideGrantHeader::GetFixedSize() - 1];
            if (m_grantBuf.size() == total)
            {
                Ptr<Packet> gp = Create<Packet>(m_grantBuf.data(), total);
                SlideGrantHeader g;
                gp->RemoveHeader(g);
                m_grantState = GRANT_DONE;
                m_grantBuf.clear();
                ApplyGrant(g);
            }
        }
    }
    if (pos < size && m_active)
    {
        ConsumeLayers(data + pos, size - pos);
    }
}

void
LayerwiseInferenceClient::ApplyGrant(const SlideGrantHeader& g)
{
    NS_LOG_FUNCTION(this);
    TaskRecord& r = m_records.back();
    if (!g.IsValid())
    {
        Fail("malformed grant (bad version, status or execution field)");
        return;
    }
    if (g.GetTaskId() != r.taskId)
    {
        std::ostringstream oss;
        oss << "grant for task " << g.GetTaskId() << " received by task " << r.taskId;
        Fail(oss.str());
        return;
    }
    r.grantTime = Simulator::Now();
    r.decisionTime = g.GetDecisionTime();
    r.grantText = g.GetText();
    r.grantReasonCode = g.GetReasonCode();
    r.grantBandwidthHz = g.GetBandwidthHz();
    r.predictedLatencyS = g.GetPredictedLatencyS();
    if (g.GetStatus() == SlideGrantHeader::REJECTED)
    {
        r.rejected = true;
        m_grantTrace(r.taskId, false, g.GetText(), 0.0);
        Fail("rejected by the server: " + g.GetText());
        return;
    }
    const double f = g.GetFrequencyHz();
    // the allocator's range check has a relative tolerance of 1e-9
    const double tol = 1e-6;
    if (!(f >= m_minFrequencyHz * (1 - tol) && f <= m_maxFrequencyHz * (1 + tol)))
    {
        std::ostringstream oss;
        oss << "granted frequency " << f << " Hz outside [MinFrequencyHz, MaxFrequencyHz] = ["
            << m_minFrequencyHz << ", " << m_maxFrequencyHz << "] Hz";
        Fail(oss.str());
        return;
    }
    // for this task only: the next task starts again at the FrequencyHz attribute
    m_compute.SetFrequency(std::min(m_maxFrequencyHz, std::max(m_minFrequencyHz, f)));
    m_taskMode = g.IsDownloadThenInfer() ? DOWNLOAD_THEN_INFER : STREAMING;
    r.mode = m_taskMode;
    r.granted = true;
    r.grantFrequencyHz = m_compute.GetFrequency();
    NS_LOG_INFO("task " << r.taskId << ": granted '" << g.GetText() << "' at " << f / 1e6
                        << " MHz, " << g.GetBandwidthHz() / 1e6 << " MHz of bandwidth");
    m_grantTrace(r.taskId, true, g.GetText(), r.grantFrequencyHz);
}

void
LayerwiseInferenceClient::ConsumeLayers(const uint8_t* data, uint32_t size)
{
    uint32_t pos = 0;
    while (pos < size && m_active)
    {
        TaskRecord& r = m_records.back();
        if (m_nLayers > 0 && m_currentLayer >= m_nLayers)
        {
            Fail("the server sent bytes after the last layer");
            return;
        }
        if (m_headerBuf.size() < LayerHeader::SIZE)
        {
            const uint32_t take = std::min<uint32_t>(
                size - pos, LayerHeader::SIZE - static_cast<uint32_t>(m_headerBuf.size()));
            m_headerBuf.insert(m_headerBuf.end(), data + pos, data + pos + take);
            pos += take;
            if (m_headerBuf.size() < LayerHeader::SIZE)
            {
                return;
            }
            Ptr<Packet> hp = Create<Packet>(m_headerBuf.data(), LayerHeader::SIZE);
            LayerHeader h;
            hp->RemoveHeader(h);
            std::ostringstream why;
            if (!h.IsValid())
            {
                why << "malformed layer header (bad magic) at layer " << m_currentLayer;
            }
            else if (h.GetLayerIndex() != m_currentLayer)
            {
                why << "layer " << h.GetLayerIndex() << " received, " << m_currentLayer
                    << " expected";
            }
            else if (h.GetNLayers() == 0 || (m_nLayers > 0 && h.GetNLayers() != m_nLayers))
            {
                why << "inconsistent layer count " << h.GetNLayers();
            }
            else if (h.GetTaskId() != r.taskId)
            {
                why << "stream for task " << h.GetTaskId() << " received by task " << r.taskId;
            }
            if (!why.str().empty())
            {
                Fail(why.str());
                return;
            }
            if (m_nLayers == 0)
            {
                m_nLayers = h.GetNLayers();
                r.layerArrival.assign(m_nLayers, Time());
                r.layerWireBytes.assign(m_nLayers, 0);
                r.computeStart.assign(m_nLayers, Time());
                r.computeFinish.assign(m_nLayers, Time());
                r.layerFlops.assign(m_nLayers, 0.0);
            }
            r.layerFlops[m_currentLayer] = h.GetFlops();
            r.layerWireBytes[m_currentLayer] = LayerHeader::SIZE + h.GetPayloadBytes();
            m_payloadLeft = h.GetPayloadBytes();
        }
        const uint64_t take = std::min<uint64_t>(m_payloadLeft, size - pos);
        pos += static_cast<uint32_t>(take);
        m_payloadLeft -= take;
        if (m_payloadLeft == 0)
        {
            const uint32_t layer = m_currentLayer;
            ++m_currentLayer;
            m_headerBuf.clear();
            LayerArrived(layer);
        }
    }
}

void
LayerwiseInferenceClient::LayerArrived(uint32_t layer)
{
    NS_LOG_FUNCTION(this << layer);
    TaskRecord& r = m_records.back();
    r.layerArrival[layer] = Simulator::Now();
    ++m_arrived;
    NS_LOG_LOGIC("task " << r.taskId << ": layer " << layer << " received");
    m_layerReceivedTrace(r.taskId, layer, Simulator::Now());
    TryCompute();
}

void
LayerwiseInferenceClient::TryCompute()
{
    if (!m_active || m_computing || m_computed >= m_arrived || m_nLayers == 0)
    {
        return;
    }
    if (m_taskMode == DOWNLOAD_THEN_INFER && m_arrived < m_nLayers)
    {
        return;
    }
    TaskRecord& r = m_records.back();
    const uint32_t layer = m_computed;
    const double flops = static_cast<double>(m_samples) * r.layerFlops[layer];
    const Time duration = Seconds(m_compute.ComputeTime(flops));
    r.computeStart[layer] = Simulator::Now();
    m_layerEnergyJ = m_compute.Energy(flops); // at the frequency the layer runs at
    m_computing = true;
    m_computeEvent =
        Simulator::Schedule(duration, &LayerwiseInferenceClient::ComputeDone, this, layer);
}

void
LayerwiseInferenceClient::ComputeDone(uint32_t layer)
{
    NS_LOG_FUNCTION(this << layer);
    TaskRecord& r = m_records.back();
    r.computeFinish[layer] = Simulator::Now();
    // counted when the layer completes: a task that fails mid-layer does not count it
    r.energyJ += m_layerEnergyJ;
    m_computing = false;
    ++m_computed;
    m_layerComputedTrace(r.taskId, layer, Simulator::Now());
    if (m_computed == m_nLayers)
    {
        Complete();
        return;
    }
    TryCompute();
}

void
LayerwiseInferenceClient::HandlePeerClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (m_active && socket == m_socket && (m_nLayers == 0 || m_arrived < m_nLayers))
    {
        std::ostringstream oss;
        oss << "connection closed by the server after " << m_arrived << " of "
            << (m_nLayers ? std::to_string(m_nLayers) : std::string("?")) << " layers";
        Fail(oss.str());
    }
}

void
LayerwiseInferenceClient::HandlePeerError(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (m_active && socket == m_socket)
    {
        std::ostringstream oss;
        oss << "connection error after " << m_arrived << " layers";
        Fail(oss.str());
    }
}

void
LayerwiseInferenceClient::Fail(const std::string& reason)
{
    NS_LOG_FUNCTION(this << reason);
    if (!m_active)
    {
        return;
    }
    TaskRecord& r = m_records.back();
    r.failed = true;
    r.failureReason = reason;
    NS_LOG_INFO("task " << r.taskId << " failed: " << reason);
    FinishTask();
    m_failedTrace(r.taskId, reason);
}

void
LayerwiseInferenceClient::Complete()
{
    NS_LOG_FUNCTION(this);
    TaskRecord& r = m_records.back();
    r.completed = true;
    r.finishTime = Simulator::Now();
    r.latency = Simulator::Now() - r.requestTime;
    NS_LOG_INFO("task " << r.taskId << " completed in " << r.latency.As(Time::S));
    FinishTask();
    m_completedTrace(r.taskId, r.latency, r.energyJ);
}

void
LayerwiseInferenceClient::FinishTask()
{
    NS_LOG_FUNCTION(this);
    m_active = false;
    m_computing = false;
    Simulator::Cancel(m_computeEvent);
    Simulator::Cancel(m_timeoutEvent);
    if (m_socket)
    {
        // a stream stopped mid-way must not stall TCP on a full receive buffer (see
        // CloseDiscardingInput())
        CloseDiscardingInput(m_socket);
        m_socket = nullptr;
    }
    if (m_records.size() < m_numTasks)
    {
        const double gap = std::max(0.0, m_interval->GetValue());
        m_nextTaskEvent =
            Simulator::Schedule(Seconds(gap), &LayerwiseInferenceClient::StartTask, this);
    }
}

} // namespace edgeinference
} // namespace ns3
