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
#include "ns3/dnn-model-zoo.h"
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
                "ns3::edgeinference::LayerwiseInferenceClient::TaskFailedTracedCallback")
            .AddAttribute("ExitModelName",
                          "Multi-exit zoo model (e.g. b-alexnet) whose exits the early-exit agent "
                          "uses; it must be the streamed model or one of its prefixes "
                          "(StreamingExitModel::Prefix()). Empty: no agent.",
                          StringValue(""),
                          MakeStringAccessor(&LayerwiseInferenceClient::m_exitModelName),
                          MakeStringChecker())
            .AddAttribute("ExitThreshold",
                          "Confidence threshold theta of the agent in [0, 1]: a sample leaves at "
                          "the first exit where its confidence reaches it (1: never, with the "
                          "zoo's profiles); the initial value under ThresholdRule DtoEeGradient.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_exitThreshold),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("ExitAccuracies",
                          "Accuracy of a sample leaving at each exit (comma-separated: the side "
                          "exits, then the final classifier, each in [0, 1]); empty = the zoo "
                          "branches' accuracies, then FinalAccuracy.",
                          StringValue(""),
                          MakeStringAccessor(&LayerwiseInferenceClient::m_exitAccuracies),
                          MakeStringChecker())
            .AddAttribute("FinalAccuracy",
                          "Accuracy of the final classifier when ExitAccuracies is empty.",
                          DoubleValue(0.7838),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_finalAccuracy),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("ThresholdRule",
                          "Fixed: ExitThreshold for every task; DtoEeGradient: after each "
                          "completed task, theta <- clip(theta - ThresholdStep dJ/dtheta), "
                          "J = E[latency] - ThresholdBetaS E[accuracy] over the exit "
                          "distribution, with each exit's latest measured latency.",
                          EnumValue(LayerwiseInferenceClient::FIXED_THRESHOLD),
                          MakeEnumAccessor(&LayerwiseInferenceClient::m_thresholdRule),
                          MakeEnumChecker(LayerwiseInferenceClient::FIXED_THRESHOLD,
                                          "Fixed",
                                          LayerwiseInferenceClient::DTO_EE_GRADIENT,
                                          "DtoEeGradient"))
            .AddAttribute("ThresholdStep",
                          "Step size eta of the DtoEeGradient rule (threshold per unit of "
                          "gradient, 1/s).",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_thresholdStep),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("ThresholdBetaS",
                          "beta of the DtoEeGradient rule: seconds of latency one unit of "
                          "accuracy is worth (s).",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_thresholdBetaS),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("MinThreshold",
                          "Lower clip of the adapted threshold.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_minThreshold),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("MaxThreshold",
                          "Upper clip of the adapted threshold.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&LayerwiseInferenceClient::m_maxThreshold),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddTraceSource("ExitTaken",
                            "Samples of a task left at an exit: task, exit (E = final "
                            "classifier), samples, correct samples.",
                            MakeTraceSourceAccessor(&LayerwiseInferenceClient::m_exitTrace),
                            "ns3::edgeinference::LayerwiseInferenceClient::ExitTracedCallback")
            .AddTraceSource(
                "DownloadStopped",
                "The early-exit agent stopped a download: task, layers received, stream bytes "
                "parsed.",
                MakeTraceSourceAccessor(&LayerwiseInferenceClient::m_downloadStoppedTrace),
                "ns3::edgeinference::LayerwiseInferenceClient::DownloadStoppedTracedCallback");
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
    , m_finalAccuracy(0.7838)
    , m_exitThreshold(1.0)
    , m_thresholdRule(FIXED_THRESHOLD)
    , m_thresholdStep(0.5)
    , m_thresholdBetaS(0.5)
    , m_minThreshold(0.0)
    , m_maxThreshold(1.0)
    , m_hasExitModel(false)
    , m_agentTask(false)
    , m_samplesLeft(0)
    , m_nextExit(0)
    , m_downloadBound(0)
    , m_downloadStopped(false)
{
    m_confidenceRv = CreateObject<UniformRandomVariable>();
    m_correctRv = CreateObject<UniformRandomVariable>();
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
    m_confidenceRv = nullptr;
    m_correctRv = nullptr;
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
    if (!HasExitAgent())
    {
        return 1; // streams of a client without agent as before
    }
    m_confidenceRv->SetStream(stream + 1);
    m_correctRv->SetStream(stream + 2);
    return 3;
}

void
LayerwiseInferenceClient::SetExitModel(const StreamingExitModel& model)
{
    NS_LOG_FUNCTION(this);
    m_exitModel = model;
    m_hasExitModel = true;
}

bool
LayerwiseInferenceClient::HasExitAgent() const
{
    return m_hasExitModel || !m_exitModelName.empty();
}

const StreamingExitModel&
LayerwiseInferenceClient::GetExitModel() const
{
    return m_exitModel;
}

double
LayerwiseInferenceClient::GetExitThreshold() const
{
    return m_exitThreshold;
}

void
LayerwiseInferenceClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    BuildComputeModel();
    if (!m_hasExitModel && !m_exitModelName.empty())
    {
        const uint32_t node = GetNode() ? GetNode()->GetId() : 0;
        std::vector<double> accuracies;
        std::istringstream list(m_exitAccuracies);
        std::string item;
        while (std::getline(list, item, ','))
        {
            size_t used = 0;
            bool ok = true;
            try
            {
                accuracies.push_back(std::stod(item, &used));
                ok = item.find_first_not_of(" \t", used) == std::string::npos;
            }
            catch (const std::exception&)
            {
                ok = false;
            }
            NS_ABORT_MSG_IF(!ok,
                            "LayerwiseInferenceClient on node " << node << ": ExitAccuracies '"
                                                                << m_exitAccuracies << "': '"
                                                                << item << "' is not a number");
        }
        try
        {
            m_exitModel =
                StreamingExitModel(DnnModelZoo::Get(m_exitModelName), accuracies, m_finalAccuracy);
        }
        catch (const std::exception& e)
        {
            NS_FATAL_ERROR("LayerwiseInferenceClient on node "
                           << node << ": ExitModelName '" << m_exitModelName
                           << "' / ExitAccuracies '" << m_exitAccuracies << "': " << e.what());
        }
        m_hasExitModel = true;
    }
    NS_ABORT_MSG_IF(m_minThreshold > m_maxThreshold,
                    "LayerwiseInferenceClient: MinThreshold "
                        << m_minThreshold << " > MaxThreshold " << m_maxThreshold);
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
    m_agentTask = false;
    m_samplesLeft = m_samples;
    m_nextExit = 0;
    m_downloadBound = 0;
    m_downloadStopped = false;

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
        ++m_records.back().bytesConsumed;
        if (m_grantState == GRANT_MAYBE && m_grantBuf.size() == 2)
        {
            const uint16_t magic = static_cast<uint16_t>((m_grantBuf[0] << 8) | m_grantBuf[1]);
            if (magic != SlideGrantHeader::MAGIC)
            {
                // no grant: these two bytes start the first layer header
                m_grantState = GRANT_DONE;
                std::vector<uint8_t> prefix;
                prefix.swap(m_grantBuf);
                m_records.back().bytesConsumed -= prefix.size(); // counted again as layer bytes
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
    while (pos < size && m_active && !m_downloadStopped)
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
            r.bytesConsumed += take;
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
                if (HasExitAgent() && !StartAgent())
                {
                    return;
                }
            }
            r.layerFlops[m_currentLayer] = h.GetFlops();
            r.layerWireBytes[m_currentLayer] = LayerHeader::SIZE + h.GetPayloadBytes();
            m_payloadLeft = h.GetPayloadBytes();
        }
        const uint64_t take = std::min<uint64_t>(m_payloadLeft, size - pos);
        pos += static_cast<uint32_t>(take);
        m_payloadLeft -= take;
        r.bytesConsumed += take;
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
    if (m_agentTask && layer == m_downloadBound && layer + 1 < m_nLayers)
    {
        // no sample can need a later layer
        StopDownload();
    }
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
    const double flops = static_cast<double>(m_samplesLeft) * r.layerFlops[layer];
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
    if (m_agentTask && AgentAfterLayer(layer))
    {
        return;
    }
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
    if (m_agentTask)
    {
        AdaptThreshold();
    }
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

bool
LayerwiseInferenceClient::StartAgent()
{
    NS_LOG_FUNCTION(this);
    TaskRecord& r = m_records.back();
    uint32_t cap = 0;
    if (!m_exitModel.CapOfStream(m_nLayers, cap))
    {
        std::ostringstream oss;
        oss << "early-exit agent: a stream of " << m_nLayers
            << " layers is neither the exit model (" << m_exitModel.GetNLayers()
            << " layers) nor one of its prefixes ending at a side exit";
        Fail(oss.str());
        return false;
    }
    m_agentTask = true;
    r.hasAgent = true;
    r.exitThreshold = m_exitThreshold;
    r.exitCap = cap;
    r.exitSamples.assign(m_exitModel.GetNSideExits() + 1, 0);
    m_downloadBound = m_exitModel.GetExitLayer(m_exitModel.CertainExit(m_exitThreshold, cap));
    if (m_exitLatencyS.size() != m_exitModel.GetNSideExits() + 1)
    {
        m_exitLatencyS.assign(m_exitModel.GetNSideExits() + 1, -1.0);
    }
    NS_LOG_INFO("task " << r.taskId << ": early-exit agent, threshold " << m_exitThreshold
                        << ", last exit " << cap << ", download bound layer " << m_downloadBound);
    return true;
}

bool
LayerwiseInferenceClient::AgentAfterLayer(uint32_t layer)
{
    const TaskRecord& r = m_records.back();
    const uint32_t cap = r.exitCap;
    while (m_nextExit <= cap && m_exitModel.GetExitLayer(m_nextExit) < layer)
    {
        ++m_nextExit; // not reached through this layer (cannot happen for a valid model)
    }
    if (m_nextExit > cap || m_exitModel.GetExitLayer(m_nextExit) != layer)
    {
        return false;
    }
    const uint32_t exit = m_nextExit++;
    const bool forced = exit == cap;
    if (!forced && m_exitModel.GetBranches()[exit].ExitProbability(m_exitThreshold) <= 0.0)
    {
        NS_LOG_LOGIC("task " << r.taskId << ": exit " << exit << " skipped (no sample can leave)");
        return false;
    }
    const double branchFlops = m_exitModel.GetBranchFlops(exit);
    if (branchFlops <= 0.0)
    {
        BranchDone(exit);
        return true;
    }
    const double flops = static_cast<double>(m_samplesLeft) * branchFlops;
    m_layerEnergyJ = m_compute.Energy(flops);
    m_computing = true;
    m_computeEvent = Simulator::Schedule(Seconds(m_compute.ComputeTime(flops)),
                                         [this, exit]()
                                         {
                                             m_records.back().energyJ += m_layerEnergyJ;
                                             m_computing = false;
                                             BranchDone(exit);
                                         });
    return true;
}

void
LayerwiseInferenceClient::BranchDone(uint32_t exit)
{
    NS_LOG_FUNCTION(this << exit);
    TaskRecord& r = m_records.back();
    const Time sinceRequest = Simulator::Now() - r.requestTime;
    m_exitLatencyS[exit] = sinceRequest.GetSeconds();
    uint32_t leaving = m_samplesLeft;
    if (exit < r.exitCap)
    {
        leaving = 0;
        const double q = m_exitModel.GetBranches()[exit].ExitProbability(m_exitThreshold);
        for (uint32_t s = 0; s < m_samplesLeft; ++s)
        {
            // confidence >= threshold iff u < q(threshold) (StreamingExitModel::Confidence)
            if (m_confidenceRv->GetValue() < q)
            {
                ++leaving;
            }
        }
    }
    if (leaving > 0)
    {
        SamplesExit(exit, leaving);
    }
    if (m_samplesLeft == 0)
    {
        if (m_arrived < m_nLayers && !m_downloadStopped)
        {
            StopDownload();
        }
        Complete();
        return;
    }
    if (m_computed == m_nLayers)
    {
        Complete(); // cannot happen: the last layer ends at the cap
        return;
    }
    TryCompute();
}

void
LayerwiseInferenceClient::SamplesExit(uint32_t exit, uint32_t samples)
{
    TaskRecord& r = m_records.back();
    uint32_t correct = 0;
    const double a = m_exitModel.GetAccuracy(exit);
    for (uint32_t s = 0; s < samples; ++s)
    {
        if (m_correctRv->GetValue() < a)
        {
            ++correct;
        }
    }
    m_samplesLeft -= samples;
    r.exitSamples[exit] += samples;
    r.correctSamples += correct;
    r.deepestExit = static_cast<int32_t>(exit);
    NS_LOG_INFO("task " << r.taskId << ": " << samples << " sample(s) leave at exit " << exit
                        << " (" << correct << " correct), " << m_samplesLeft << " left");
    m_exitTrace(r.taskId, exit, samples, correct);
}

namespace
{

void ResetOnData(Ptr<Socket> socket);

/**
 * @brief Reset a connection whose data is no longer wanted: Close() with unread data makes
 * ns-3's TCP send a RST (and drop its buffers), so the server stops at once. Without unread
 * data, wait for the next segment.
 * @param [in] socket the socket
 */
void
ResetStream(Ptr<Socket> socket)
{
    if (socket->GetRxAvailable() > 0)
    {
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                  MakeNullCallback<void, Ptr<Socket>>());
        socket->Close(); // unread data: RST
    }
    else
    {
        socket->SetRecvCallback(MakeCallback(&ResetOnData));
    }
}

/**
 * @brief Data arrived on a stopped stream: reset it (not from inside TCP's receive path).
 * @param [in] socket the socket
 */
void
ResetOnData(Ptr<Socket> socket)
{
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    Simulator::ScheduleNow(&ResetStream, socket);
}

/**
 * @brief The peer closed a stopped stream first: close our side.
 * @param [in] socket the socket
 */
void
CloseStopped(Ptr<Socket> socket)
{
    CloseDiscardingInput(socket);
}

} // namespace

void
LayerwiseInferenceClient::StopDownload()
{
    NS_LOG_FUNCTION(this);
    TaskRecord& r = m_records.back();
    m_downloadStopped = true;
    r.downloadStopped = true;
    r.downloadStopTime = Simulator::Now();
    NS_LOG_INFO("task " << r.taskId << ": download stopped after " << m_arrived << " of "
                        << m_nLayers << " layers, " << r.bytesConsumed << " bytes");
    Ptr<Socket> s = m_socket;
    m_socket = nullptr; // HandleRead ignores it from now on
    if (s)
    {
        s->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
        s->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        s->SetCloseCallbacks(MakeCallback(&CloseStopped), MakeCallback(&CloseStopped));
        s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        Simulator::ScheduleNow(&ResetStream, s); // not from inside TCP's receive path
    }
    m_downloadStoppedTrace(r.taskId, m_arrived, r.bytesConsumed);
}

void
LayerwiseInferenceClient::AdaptThreshold()
{
    if (m_thresholdRule != DTO_EE_GRADIENT)
    {
        return;
    }
    const TaskRecord& r = m_records.back();
    // exits not measured yet: the latest known one plus the compute time of the layers in
    // between at the current speed (a lower bound)
    std::vector<double> latency = m_exitLatencyS;
    double known = 0.0;
    uint32_t knownLayer = 0;
    bool any = false;
    for (uint32_t e = 0; e < latency.size(); ++e)
    {
        const uint32_t layer = m_exitModel.GetExitLayer(e);
        if (latency[e] >= 0.0)
        {
            known = latency[e];
            knownLayer = layer;
            any = true;
            continue;
        }
        double extra = 0.0;
        for (uint32_t l = any ? knownLayer + 1 : 0; l <= layer && l < r.layerFlops.size(); ++l)
        {
            extra += m_compute.ComputeTime(static_cast<double>(m_samples) * r.layerFlops[l]);
        }
        latency[e] = known + extra;
    }
    const double before = m_exitThreshold;
    m_exitThreshold = m_exitModel.UpdateThreshold(m_exitThreshold,
                                                  r.exitCap,
                                                  latency,
                                                  m_thresholdBetaS,
                                                  m_thresholdStep,
                                                  m_minThreshold,
                                                  m_maxThreshold);
    NS_LOG_INFO("task " << r.taskId << ": threshold " << before << " -> " << m_exitThreshold);
}

} // namespace edgeinference
} // namespace ns3
