/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "split-inference-app.h"

#include "ns3/abort.h"
#include "ns3/address-utils.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/noma-net-device.h"
#include "ns3/noma-spectrum-signal-parameters.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("SplitInferenceApp");

NS_OBJECT_ENSURE_REGISTERED(SplitInferenceHeader);
NS_OBJECT_ENSURE_REGISTERED(SplitInferenceClient);
NS_OBJECT_ENSURE_REGISTERED(SplitInferenceServer);

namespace
{

/**
 * @brief The NomaNetDevice of a node.
 * @param [in] node the node
 * @return the first NomaNetDevice, or null
 */
Ptr<NomaNetDevice>
FindNomaDevice(Ptr<Node> node)
{
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Ptr<NomaNetDevice> d = DynamicCast<NomaNetDevice>(node->GetDevice(i));
        if (d)
        {
            return d;
        }
    }
    return nullptr;
}

/**
 * @brief SDU bytes carried by the segments of one TB (segment headers excluded).
 * @param [in] c the component
 * @return bytes
 */
uint64_t
SegmentPayloadBytes(const NomaComponent& c)
{
    const uint32_t header = NomaSegmentHeader().GetSerializedSize();
    uint64_t bytes = 0;
    for (const auto& s : c.segments)
    {
        bytes += s->GetSize() > header ? s->GetSize() - header : 0;
    }
    return bytes;
}

/**
 * @brief The SplitInferenceHeader of an SDU queued by a NomaNetDevice.
 * @param [in] sdu the SDU (an IPv4 packet, or anything else, e.g. ARP)
 * @param [out] h the header
 * @return true if the SDU is an unfragmented IPv4/UDP datagram carrying a
 * SplitInferenceHeader
 */
bool
ParseSdu(Ptr<const Packet> sdu, SplitInferenceHeader& h)
{
    constexpr uint32_t minBytes = 20 + 8 + SplitInferenceHeader::SERIALIZED_SIZE;
    if (sdu->GetSize() < minBytes)
    {
        return false;
    }
    Ptr<Packet> p = sdu->Copy();
    Ipv4Header ip;
    p->RemoveHeader(ip);
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER || ip.GetFragmentOffset() != 0 ||
        !ip.IsLastFragment())
    {
        return false;
    }
    UdpHeader udp;
    p->RemoveHeader(udp);
    if (p->GetSize() < SplitInferenceHeader::SERIALIZED_SIZE)
    {
        return false;
    }
    p->PeekHeader(h);
    return h.type == SplitInferenceHeader::ACTIVATION || h.type == SplitInferenceHeader::RESULT;
}

/**
 * @brief Whether an SDU queued by a NomaNetDevice is an IPv4 packet.
 * @param [in] sdu the SDU
 * @return true if it starts with an IPv4 version nibble (ARP frames do not)
 */
bool
IsIpv4Sdu(Ptr<const Packet> sdu)
{
    if (sdu->GetSize() < 20)
    {
        return false;
    }
    uint8_t first = 0;
    sdu->CopyData(&first, 1);
    return (first >> 4) == 4;
}

/**
 * @brief Key of a (user, task) pair.
 * @param [in] userId user
 * @param [in] taskId task
 * @return the key
 */
uint64_t
TaskKey(uint32_t userId, uint32_t taskId)
{
    return (static_cast<uint64_t>(userId) << 32) | taskId;
}

/// Sink of a NomaNetDevice's MacTx trace.
using MacTxSink = Callback<void, Ptr<const Packet>>;

/// Sink of a NomaSpectrumPhy's Tx trace.
using PhyTxSink = Callback<void, Ptr<const SpectrumSignalParameters>>;

/**
 * @brief Connect or disconnect an application's airtime sinks: the device's MacTx (what
 * enters the queue) and its PHY's Tx (what is radiated).
 * @param [in] device the NOMA device (may be null: nothing to do)
 * @param [in] macTx the MacTx sink
 * @param [in] phyTx the PHY Tx sink
 * @param [in] connect true to connect, false to disconnect
 */
void
HookAirtimeTraces(Ptr<NomaNetDevice> device,
                  const MacTxSink& macTx,
                  const PhyTxSink& phyTx,
                  bool connect)
{
    if (!device)
    {
        return;
    }
    if (connect)
    {
        device->TraceConnectWithoutContext("MacTx", macTx);
        device->GetPhy()->TraceConnectWithoutContext("Tx", phyTx);
        return;
    }
    device->TraceDisconnectWithoutContext("MacTx", macTx);
    if (device->GetPhy())
    {
        device->GetPhy()->TraceDisconnectWithoutContext("Tx", phyTx);
    }
}

/**
 * @brief Stop receiving on a socket and close it.
 * @param [in] socket the socket (may be null)
 */
void
CloseSocket(Ptr<Socket> socket)
{
    if (socket)
    {
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
    }
}

} // namespace

// ---------------------------------------------------------------------------------------
// SplitInferenceHeader

TypeId
SplitInferenceHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SplitInferenceHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeInference")
                            .AddConstructor<SplitInferenceHeader>();
    return tid;
}

TypeId
SplitInferenceHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
SplitInferenceHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
SplitInferenceHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(type);
    start.WriteU8(0); // reserved
    start.WriteHtonU16(splitPoint);
    start.WriteHtonU32(userId);
    start.WriteHtonU32(taskId);
    start.WriteHtonU32(totalBytes);
    start.WriteHtonU32(offset);
    start.WriteHtonU32(resultBytes);
    start.WriteHtonU64(edgeFlops);
}

uint32_t
SplitInferenceHeader::Deserialize(Buffer::Iterator start)
{
    type = start.ReadU8();
    start.ReadU8();
    splitPoint = start.ReadNtohU16();
    userId = start.ReadNtohU32();
    taskId = start.ReadNtohU32();
    totalBytes = start.ReadNtohU32();
    offset = start.ReadNtohU32();
    resultBytes = start.ReadNtohU32();
    edgeFlops = start.ReadNtohU64();
    return SERIALIZED_SIZE;
}

void
SplitInferenceHeader::Print(std::ostream& os) const
{
    os << (type == ACTIVATION ? "ACTIVATION" : "RESULT") << " user=" << userId << " task=" << taskId
       << " split=" << splitPoint << " total=" << totalBytes << " offset=" << offset
       << " resultBytes=" << resultBytes << " edgeFlops=" << edgeFlops;
}

// ---------------------------------------------------------------------------------------
// AirtimeLedger

void
AirtimeLedger::Add(uint64_t key, uint64_t bytes)
{
    if (bytes == 0)
    {
        return;
    }
    if (!m_fifo.empty() && m_fifo.back().key == key && m_fifo.back().isKnown)
    {
        m_fifo.back().bytes += bytes;
        return;
    }
    m_fifo.push_back({key, bytes, true});
}

void
AirtimeLedger::AddUnattributed(uint64_t bytes)
{
    if (bytes == 0)
    {
        return;
    }
    if (!m_fifo.empty() && !m_fifo.back().isKnown)
    {
        m_fifo.back().bytes += bytes;
        return;
    }
    m_fifo.push_back({0, bytes, false});
}

std::vector<AirtimeLedger::Charge>
AirtimeLedger::Consume(uint64_t bytes, double energyJ, double airtimeS)
{
    std::vector<Charge> charges;
    if (bytes == 0)
    {
        return charges;
    }
    const uint64_t total = bytes;
    while (bytes > 0 && !m_fifo.empty())
    {
        Entry& e = m_fifo.front();
        const uint64_t take = std::min(bytes, e.bytes);
        e.bytes -= take;
        bytes -= take;
        if (e.isKnown)
        {
            const double share = static_cast<double>(take) / static_cast<double>(total);
            charges.push_back({e.key, energyJ * share, airtimeS * share, e.bytes == 0});
        }
        if (e.bytes == 0)
        {
            m_fifo.pop_front();
        }
    }
    // bytes beyond the FIFO belong to SDUs nobody booked: their share is not charged
    return charges;
}

void
AirtimeLedger::Forget(uint64_t key)
{
    for (auto& e : m_fifo)
    {
        if (e.key == key)
        {
            e.isKnown = false;
        }
    }
}

uint64_t
AirtimeLedger::GetPendingBytes() const
{
    uint64_t sum = 0;
    for (const auto& e : m_fifo)
    {
        sum += e.bytes;
    }
    return sum;
}

// ---------------------------------------------------------------------------------------
// SplitInferenceClient

Time
SplitInferenceClientTask::GetLatency() const
{
    return end - start;
}

double
SplitInferenceClientTask::GetDeviceEnergyJ() const
{
    return computeEnergyJ + txEnergyJ;
}

TypeId
SplitInferenceClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SplitInferenceClient")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<SplitInferenceClient>()
            .AddAttribute("RemoteAddress",
                          "Address of the SplitInferenceServer (an Ipv4Address, or an "
                          "InetSocketAddress whose port overrides RemotePort).",
                          AddressValue(),
                          MakeAddressAccessor(&SplitInferenceClient::m_peer),
                          MakeAddressChecker())
            .AddAttribute("RemotePort",
                          "UDP port of the server.",
                          UintegerValue(5000),
                          MakeUintegerAccessor(&SplitInferenceClient::m_peerPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("SplitPoint",
                          "l: layers 1..l run on the device, l+1..L at the edge (0 = full "
                          "offload, L = fully local); must be <= L of the profile.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SplitInferenceClient::m_split),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DeviceFrequency",
                          "f_d: device processor frequency, Hz (cycle/s, > 0).",
                          DoubleValue(1e9),
                          MakeDoubleAccessor(&SplitInferenceClient::m_frequencyHz),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("FlopsPerCycle",
                          "n_d: FLOP per cycle of the device (> 0).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SplitInferenceClient::m_flopsPerCycle),
                          MakeDoubleChecker<double>(1e-12))
            .AddAttribute("Kappa",
                          "kappa_d: device energy coefficient, J s^2/cycle^3 (>= 0); compute "
                          "energy = kappa_d f_d^2 x cycles.",
                          DoubleValue(1e-28),
                          MakeDoubleAccessor(&SplitInferenceClient::m_kappa),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("MaxPayloadBytes",
                          "Activation payload per datagram, bytes (the datagram adds a "
                          "SplitInferenceHeader; keep header + payload + 28 <= device MTU).",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&SplitInferenceClient::m_maxPayloadBytes),
                          MakeUintegerChecker<uint32_t>(1, 65000))
            .AddAttribute("NumTasks",
                          "Number of tasks (0 = until the application stops).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&SplitInferenceClient::m_numTasks),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Interval",
                          "Task period (> 0: periodic; 0: the next task starts when the "
                          "previous one ends).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&SplitInferenceClient::m_interval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("TaskTimeout",
                          "A task not finished this long after its start fails (> 0).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&SplitInferenceClient::m_timeout),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddTraceSource("TaskStarted",
                            "A task started: task id, split point.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_taskStartedTrace),
                            "ns3::edgeinference::SplitInferenceClient::TaskStartedTracedCallback")
            .AddTraceSource("LocalDone",
                            "Layers 1..l finished on the device: task id, local time.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_localDoneTrace),
                            "ns3::edgeinference::SplitInferenceClient::TaskTimeTracedCallback")
            .AddTraceSource("UploadSent",
                            "The last uplink TB with the task's activation left the PHY: task "
                            "id, bytes, airtime, transmit energy (J).",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_uploadSentTrace),
                            "ns3::edgeinference::SplitInferenceClient::UploadTracedCallback")
            .AddTraceSource("ResultReceived",
                            "The task ended with its result (or locally for l = L): task id, "
                            "latency.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_resultReceivedTrace),
                            "ns3::edgeinference::SplitInferenceClient::TaskTimeTracedCallback")
            .AddTraceSource("TaskFailed",
                            "The task timed out: task id, time since its start.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_taskFailedTrace),
                            "ns3::edgeinference::SplitInferenceClient::TaskTimeTracedCallback")
            .AddTraceSource("Energy",
                            "Device energy of an ended task: task id, compute J, transmit J.",
                            MakeTraceSourceAccessor(&SplitInferenceClient::m_energyTrace),
                            "ns3::edgeinference::SplitInferenceClient::EnergyTracedCallback");
    return tid;
}

SplitInferenceClient::SplitInferenceClient()
{
    NS_LOG_FUNCTION(this);
}

SplitInferenceClient::~SplitInferenceClient()
{
    NS_LOG_FUNCTION(this);
}

void
SplitInferenceClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // disposed while running (no StopApplication): no event or callback may reach us later
    if (m_isRunning)
    {
        StopApplication();
    }
    m_socket = nullptr;
    m_device = nullptr;
    Application::DoDispose();
}

void
SplitInferenceClient::SetProfile(const NomaSplitProfile& profile)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(
        profile.GetNLayers() == 0 || profile.outputBits.size() != profile.GetNLayers() + 1,
        "SplitInferenceClient::SetProfile: the profile needs L >= 1 layers and L + 1 "
        "outputs, got "
            << profile.GetNLayers() << " layers and " << profile.outputBits.size() << " outputs");
    m_profile = profile;
}

const NomaSplitProfile&
SplitInferenceClient::GetProfile() const
{
    return m_profile;
}

void
SplitInferenceClient::SetSplitPoint(uint32_t split)
{
    m_split = split;
}

uint32_t
SplitInferenceClient::GetSplitPoint() const
{
    return m_split;
}

const std::vector<SplitInferenceClientTask>&
SplitInferenceClient::GetTasks() const
{
    return m_tasks;
}

uint32_t
SplitInferenceClient::GetCompletedTasks() const
{
    return m_completed;
}

uint32_t
SplitInferenceClient::GetFailedTasks() const
{
    return m_failed;
}

std::string
SplitInferenceClient::Validate() const
{
    std::ostringstream oss;
    const uint32_t nLayers = m_profile.GetNLayers();
    if (nLayers == 0)
    {
        oss << "SplitInferenceClient: no DNN profile (call SetProfile)";
    }
    else if (m_split > nLayers)
    {
        oss << "SplitInferenceClient: SplitPoint = " << m_split << " exceeds L = " << nLayers;
    }
    else if (m_split < nLayers && m_peer.IsInvalid())
    {
        oss << "SplitInferenceClient: RemoteAddress is not set (SplitPoint = " << m_split
            << " < L = " << nLayers << " needs a server)";
    }
    else if (m_split < nLayers &&
             std::ceil(m_profile.outputBits[m_split] / 8.0) > static_cast<double>(UINT32_MAX))
    {
        oss << "SplitInferenceClient: activation o_" << m_split << " = "
            << m_profile.outputBits[m_split] << " bit exceeds 2^32 bytes";
    }
    else if (m_split < nLayers && m_split > UINT16_MAX)
    {
        oss << "SplitInferenceClient: SplitPoint = " << m_split
            << " exceeds 65535 (16-bit splitPoint of SplitInferenceHeader)";
    }
    else if (m_split < nLayers && std::ceil(std::max(0.0, m_profile.resultBits) / 8.0 - 1e-9) >
                                      static_cast<double>(UINT32_MAX))
    {
        oss << "SplitInferenceClient: resultBits = " << m_profile.resultBits
            << " bit exceeds 2^32 - 1 bytes (32-bit resultBytes of SplitInferenceHeader)";
    }
    else if (m_split < nLayers && !(m_profile.GetEdgeFlops(m_split) < 9223372036854775808.0))
    {
        oss << "SplitInferenceClient: edge FLOPs of layers " << m_split + 1 << ".." << nLayers
            << " = " << m_profile.GetEdgeFlops(m_split)
            << " exceed 2^63 (edgeFlops of SplitInferenceHeader)";
    }
    return oss.str();
}

void
SplitInferenceClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    const std::string error = Validate();
    NS_ABORT_MSG_IF(!error.empty(), error);
    m_device = FindNomaDevice(GetNode());
    NS_ABORT_MSG_IF(!m_device || m_device->IsBaseStation(),
                    "SplitInferenceClient: node " << GetNode()->GetId()
                                                  << " has no NomaNetDevice UE");
    m_userId = m_device->GetUeIndex();
    HookAirtimeTraces(m_device,
                      MakeCallback(&SplitInferenceClient::MacTx, this),
                      MakeCallback(&SplitInferenceClient::PhyTx, this),
                      true);
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind() != 0, "SplitInferenceClient: cannot bind a UDP socket");
        if (InetSocketAddress::IsMatchingType(m_peer))
        {
            m_socket->Connect(m_peer);
        }
        else if (Ipv4Address::IsMatchingType(m_peer))
        {
            m_socket->Connect(InetSocketAddress(Ipv4Address::ConvertFrom(m_peer), m_peerPort));
        }
        m_socket->SetRecvCallback(MakeCallback(&SplitInferenceClient::HandleRead, this));
    }
    m_isRunning = true;
    m_deviceFreeAt = Simulator::Now();
    StartTask();
}

void
SplitInferenceClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_isRunning = false;
    m_nextTask.Cancel();
    for (auto& e : m_localEvents)
    {
        e.Cancel();
    }
    for (auto& [id, ev] : m_timeouts)
    {
        ev.Cancel();
    }
    m_timeouts.clear();
    CloseSocket(m_socket);
    HookAirtimeTraces(m_device,
                      MakeCallback(&SplitInferenceClient::MacTx, this),
                      MakeCallback(&SplitInferenceClient::PhyTx, this),
                      false);
}

void
SplitInferenceClient::StartTask()
{
    NS_LOG_FUNCTION(this);
    if (!m_isRunning || (m_numTasks > 0 && m_tasks.size() >= m_numTasks))
    {
        return;
    }
    // SplitPoint may have been changed since StartApplication()
    const std::string error = Validate();
    NS_ABORT_MSG_IF(!error.empty(), error);
    const uint32_t index = m_tasks.size();
    SplitInferenceClientTask t;
    t.taskId = index;
    t.splitPoint = m_split;
    t.start = Simulator::Now();
    const double flops = m_profile.GetLocalFlops(m_split);
    const double cycles = flops / m_flopsPerCycle;
    t.computeEnergyJ = m_kappa * m_frequencyHz * m_frequencyHz * cycles;
    m_tasks.push_back(t);
    NS_LOG_INFO("user " << m_userId << " task " << index << " starts, split " << m_split);
    m_taskStartedTrace(index, m_split);
    m_timeouts[index] = Simulator::Schedule(m_timeout, &SplitInferenceClient::Timeout, this, index);
    // the device runs one task at a time, in order
    m_localEvents.erase(std::remove_if(m_localEvents.begin(),
                                       m_localEvents.end(),
                                       [](const EventId& e) { return e.IsExpired(); }),
                        m_localEvents.end());
    const Time begin = std::max(Simulator::Now(), m_deviceFreeAt);
    m_deviceFreeAt = begin + Seconds(cycles / m_frequencyHz);
    m_localEvents.push_back(Simulator::Schedule(
        m_deviceFreeAt - Simulator::Now(), &SplitInferenceClient::LocalDone, this, index));
    if (m_interval.IsStrictlyPositive())
    {
        m_nextTask = Simulator::Schedule(m_interval, &SplitInferenceClient::StartTask, this);
    }
}

void
SplitInferenceClient::LocalDone(uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    SplitInferenceClientTask& t = m_tasks[index];
    if (t.isDone)
    {
        return;
    }
    t.localDone = Simulator::Now();
    m_localDoneTrace(t.taskId, t.localDone - t.start);
    // the task's own split: SplitPoint may have changed since the task started
    const uint32_t split = t.splitPoint;
    if (split == m_profile.GetNLayers())
    {
        Finish(index, true);
        return;
    }
    const uint64_t bytes =
        static_cast<uint64_t>(std::ceil(m_profile.outputBits[split] / 8.0 - 1e-9));
    t.uploadBytes = bytes;
    SplitInferenceHeader h;
    h.type = SplitInferenceHeader::ACTIVATION;
    h.splitPoint = static_cast<uint16_t>(split);
    h.userId = m_userId;
    h.taskId = t.taskId;
    h.totalBytes = static_cast<uint32_t>(bytes);
    h.resultBytes =
        static_cast<uint32_t>(std::ceil(std::max(0.0, m_profile.resultBits) / 8.0 - 1e-9));
    h.edgeFlops = static_cast<uint64_t>(std::llround(m_profile.GetEdgeFlops(split)));
    // an empty activation still sends one datagram (the header)
    uint64_t offset = 0;
    do
    {
        const uint32_t piece =
            static_cast<uint32_t>(std::min<uint64_t>(m_maxPayloadBytes, bytes - offset));
        Ptr<Packet> p = Create<Packet>(piece);
        h.offset = static_cast<uint32_t>(offset);
        p->AddHeader(h);
        if (m_socket->Send(p) < 0)
        {
            NS_LOG_WARN("user " << m_userId << " task " << t.taskId << ": send failed");
        }
        offset += piece;
    } while (offset < bytes);
}

void
SplitInferenceClient::MacTx(Ptr<const Packet> packet)
{
    SplitInferenceHeader h;
    if (ParseSdu(packet, h) && h.type == SplitInferenceHeader::ACTIVATION && h.userId == m_userId &&
        h.taskId < m_tasks.size() && !m_tasks[h.taskId].isDone)
    {
        m_ledger.Add(h.taskId, packet->GetSize());
    }
    else if (IsIpv4Sdu(packet))
    {
        // other IPv4 traffic joins the queue after ours: its bytes must keep their share,
        // or the TBs that carry them would drain (and charge) the tasks booked before them
        m_ledger.AddUnattributed(packet->GetSize());
    }
}

void
SplitInferenceClient::PhyTx(Ptr<const SpectrumSignalParameters> params)
{
    Ptr<const NomaSignalParameters> noma = DynamicCast<const NomaSignalParameters>(params);
    if (!noma || noma->isDownlink)
    {
        return;
    }
    const double duration = params->duration.GetSeconds();
    for (const auto& c : noma->components)
    {
        const auto charges =
            m_ledger.Consume(SegmentPayloadBytes(c), c.powerW * duration, duration);
        for (const auto& ch : charges)
        {
            SplitInferenceClientTask& t = m_tasks.at(ch.key);
            t.txEnergyJ += ch.energyJ;
            t.airtimeS += ch.airtimeS;
            if (ch.isLast)
            {
                t.uploadSent = Simulator::Now();
                m_uploadSentTrace(t.taskId, t.uploadBytes, Seconds(t.airtimeS), t.txEnergyJ);
            }
        }
    }
}

void
SplitInferenceClient::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> p;
    while ((p = socket->Recv()))
    {
        if (p->GetSize() < SplitInferenceHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        SplitInferenceHeader h;
        p->RemoveHeader(h);
        if (h.type != SplitInferenceHeader::RESULT || h.userId != m_userId ||
            h.taskId >= m_tasks.size() || m_tasks[h.taskId].isDone)
        {
            continue; // a late piece of a failed task, or not for us
        }
        // count distinct pieces: a duplicated piece must not complete the result
        ResultPieces& got = m_received[h.taskId];
        if (got.pieces.emplace(h.offset, p->GetSize()).second)
        {
            got.bytes += p->GetSize();
        }
        if (got.bytes >= h.totalBytes)
        {
            Finish(h.taskId, true);
        }
    }
}

void
SplitInferenceClient::Timeout(uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_timeouts.erase(index);
    if (!m_tasks[index].isDone)
    {
        NS_LOG_INFO("user " << m_userId << " task " << index << " timed out");
        Finish(index, false);
    }
}

void
SplitInferenceClient::Finish(uint32_t index, bool success)
{
    NS_LOG_FUNCTION(this << index << success);
    SplitInferenceClientTask& t = m_tasks[index];
    t.isDone = true;
    t.isSuccess = success;
    t.end = Simulator::Now();
    m_received.erase(index);
    auto it = m_timeouts.find(index);
    if (it != m_timeouts.end())
    {
        it->second.Cancel();
        m_timeouts.erase(it);
    }
    if (success)
    {
        ++m_completed;
        m_resultReceivedTrace(t.taskId, t.GetLatency());
    }
    else
    {
        ++m_failed;
        m_ledger.Forget(index); // bytes still queued are no longer this task's
        m_taskFailedTrace(t.taskId, t.GetLatency());
    }
    m_energyTrace(t.taskId, t.computeEnergyJ, t.txEnergyJ);
    if (!m_interval.IsStrictlyPositive() && m_isRunning)
    {
        // closed loop: the next task starts now (scheduled, so that traces see a clean state)
        m_nextTask = Simulator::ScheduleNow(&SplitInferenceClient::StartTask, this);
    }
}

// ---------------------------------------------------------------------------------------
// SplitInferenceServer

TypeId
SplitInferenceServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SplitInferenceServer")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<SplitInferenceServer>()
            .AddAttribute("Port",
                          "UDP port to listen on.",
                          UintegerValue(5000),
                          MakeUintegerAccessor(&SplitInferenceServer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("MaxPayloadBytes",
                          "Result payload per datagram, bytes.",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&SplitInferenceServer::m_maxPayloadBytes),
                          MakeUintegerChecker<uint32_t>(1, 65000))
            .AddAttribute("DefaultFrequency",
                          "f^e of a user without a share (SetUserFrequency), Hz (> 0).",
                          DoubleValue(1e9),
                          MakeDoubleAccessor(&SplitInferenceServer::m_defaultFrequencyHz),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("FlopsPerCycle",
                          "n_e: FLOP per cycle of the edge processor (> 0).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SplitInferenceServer::m_flopsPerCycle),
                          MakeDoubleChecker<double>(1e-12))
            .AddAttribute("Kappa",
                          "kappa_e: edge energy coefficient, J s^2/cycle^3 (>= 0).",
                          DoubleValue(1e-30),
                          MakeDoubleAccessor(&SplitInferenceServer::m_kappa),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("ReassemblyTimeout",
                          "An activation not complete this long after its first piece is "
                          "dropped (> 0).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&SplitInferenceServer::m_reassemblyTimeout),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddTraceSource("Received",
                            "An activation is complete: user, task.",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_receivedTrace),
                            "ns3::edgeinference::SplitInferenceServer::TaskTracedCallback")
            .AddTraceSource("Computed",
                            "Layers l+1..L are done: user, task.",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_computedTrace),
                            "ns3::edgeinference::SplitInferenceServer::TaskTracedCallback")
            .AddTraceSource("Dropped",
                            "An incomplete activation was dropped: user, task.",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_droppedTrace),
                            "ns3::edgeinference::SplitInferenceServer::TaskTracedCallback")
            .AddTraceSource("ResultSent",
                            "The last downlink TB with the result left the PHY: user, task, "
                            "airtime, transmit energy (J).",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_resultSentTrace),
                            "ns3::edgeinference::SplitInferenceServer::ResultSentTracedCallback")
            .AddTraceSource("Energy",
                            "Edge energy of a task whose result was sent: user, task, compute "
                            "J, transmit J.",
                            MakeTraceSourceAccessor(&SplitInferenceServer::m_energyTrace),
                            "ns3::edgeinference::SplitInferenceServer::EnergyTracedCallback");
    return tid;
}

SplitInferenceServer::SplitInferenceServer()
{
    NS_LOG_FUNCTION(this);
}

SplitInferenceServer::~SplitInferenceServer()
{
    NS_LOG_FUNCTION(this);
}

void
SplitInferenceServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // disposed while running (no StopApplication): no event or callback may reach us later
    if (m_isRunning)
    {
        StopApplication();
    }
    m_socket = nullptr;
    m_device = nullptr;
    m_partials.clear();
    Application::DoDispose();
}

void
SplitInferenceServer::SetUserFrequency(uint32_t userId, double frequencyHz)
{
    NS_LOG_FUNCTION(this << userId << frequencyHz);
    NS_ABORT_MSG_IF(!(frequencyHz > 0) || std::isinf(frequencyHz),
                    "SplitInferenceServer::SetUserFrequency: user "
                        << userId << " needs a finite frequency > 0 Hz, got " << frequencyHz);
    m_userFrequency[userId] = frequencyHz;
}

double
SplitInferenceServer::GetUserFrequency(uint32_t userId) const
{
    auto it = m_userFrequency.find(userId);
    return it == m_userFrequency.end() ? m_defaultFrequencyHz : it->second;
}

const std::vector<SplitInferenceServerTask>&
SplitInferenceServer::GetTasks() const
{
    return m_tasks;
}

uint32_t
SplitInferenceServer::GetDroppedTasks() const
{
    return m_dropped;
}

void
SplitInferenceServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_isRunning = true;
    m_device = FindNomaDevice(GetNode());
    if (m_device && m_device->IsBaseStation())
    {
        HookAirtimeTraces(m_device,
                          MakeCallback(&SplitInferenceServer::MacTx, this),
                          MakeCallback(&SplitInferenceServer::PhyTx, this),
                          true);
    }
    else
    {
        NS_LOG_WARN("SplitInferenceServer: node " << GetNode()->GetId()
                                                  << " has no NomaNetDevice base station; "
                                                     "downlink energy is not measured");
        m_device = nullptr;
    }
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                        "SplitInferenceServer: cannot bind UDP port " << m_port);
        m_socket->SetRecvCallback(MakeCallback(&SplitInferenceServer::HandleRead, this));
    }
}

void
SplitInferenceServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_isRunning = false;
    for (auto& [key, partial] : m_partials)
    {
        partial.timeout.Cancel();
    }
    m_partials.clear();
    for (auto& e : m_computeEvents)
    {
        e.Cancel();
    }
    CloseSocket(m_socket);
    HookAirtimeTraces(m_device,
                      MakeCallback(&SplitInferenceServer::MacTx, this),
                      MakeCallback(&SplitInferenceServer::PhyTx, this),
                      false);
}

void
SplitInferenceServer::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> p;
    Address from;
    while ((p = socket->RecvFrom(from)))
    {
        if (p->GetSize() < SplitInferenceHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        SplitInferenceHeader h;
        p->RemoveHeader(h);
        if (h.type != SplitInferenceHeader::ACTIVATION)
        {
            continue;
        }
        const uint64_t key = TaskKey(h.userId, h.taskId);
        if (m_taskIndex.count(key) != 0)
        {
            // a late copy of a piece of an activation already complete: neither run the task
            // again nor open a reassembly that would be dropped
            NS_LOG_LOGIC("user " << h.userId << " task " << h.taskId
                                 << ": piece of a received activation ignored");
            continue;
        }
        auto it = m_partials.find(key);
        if (it == m_partials.end())
        {
            Partial part;
            part.header = h;
            part.from = from;
            part.first = Simulator::Now();
            part.timeout = Simulator::Schedule(
                m_reassemblyTimeout, &SplitInferenceServer::DropPartial, this, key);
            it = m_partials.emplace(key, part).first;
        }
        Partial& part = it->second;
        if (part.pieces.count(h.offset) == 0)
        {
            part.pieces[h.offset] = p->GetSize();
            part.bytes += p->GetSize();
        }
        if (part.bytes < h.totalBytes)
        {
            continue;
        }
        part.timeout.Cancel();
        SplitInferenceServerTask t;
        t.userId = h.userId;
        t.taskId = h.taskId;
        t.splitPoint = h.splitPoint;
        t.firstPiece = part.first;
        t.received = Simulator::Now();
        const double f = GetUserFrequency(h.userId);
        t.computeEnergyJ =
            m_kappa * f * f * static_cast<double>(part.header.edgeFlops) / m_flopsPerCycle;
        m_tasks.push_back(t);
        m_replyTo.push_back(part.from);
        if (InetSocketAddress::IsMatchingType(part.from))
        {
            m_userByAddress[InetSocketAddress::ConvertFrom(part.from).GetIpv4().Get()] = h.userId;
        }
        m_resultBytes.push_back(part.header.resultBytes);
        m_edgeFlops.push_back(part.header.edgeFlops);
        m_taskIndex[key] = m_tasks.size() - 1;
        m_partials.erase(it);
        NS_LOG_INFO("user " << h.userId << " task " << h.taskId << ": activation complete");
        m_receivedTrace(h.userId, h.taskId);
        m_waiting[h.userId].push_back(m_tasks.size() - 1);
        TryCompute(h.userId);
    }
}

void
SplitInferenceServer::DropPartial(uint64_t key)
{
    NS_LOG_FUNCTION(this << key);
    auto it = m_partials.find(key);
    if (it == m_partials.end())
    {
        return;
    }
    ++m_dropped;
    const SplitInferenceHeader h = it->second.header;
    m_partials.erase(it);
    NS_LOG_INFO("user " << h.userId << " task " << h.taskId << ": activation incomplete, dropped");
    m_droppedTrace(h.userId, h.taskId);
}

void
SplitInferenceServer::TryCompute(uint32_t userId)
{
    NS_LOG_FUNCTION(this << userId);
    auto& queue = m_waiting[userId];
    if (m_busy[userId] || queue.empty())
    {
        return;
    }
    const uint32_t index = queue.front();
    queue.pop_front();
    m_busy[userId] = true;
    m_computeEvents.erase(std::remove_if(m_computeEvents.begin(),
                                         m_computeEvents.end(),
                                         [](const EventId& e) { return e.IsExpired(); }),
                          m_computeEvents.end());
    m_tasks[index].computeStart = Simulator::Now();
    const double cycles = static_cast<double>(m_edgeFlops[index]) / m_flopsPerCycle;
    m_computeEvents.push_back(Simulator::Schedule(
        Seconds(cycles / GetUserFrequency(userId)), &SplitInferenceServer::Computed, this, index));
}

void
SplitInferenceServer::Computed(uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    SplitInferenceServerTask& t = m_tasks[index];
    t.computed = Simulator::Now();
    m_computedTrace(t.userId, t.taskId);
    const uint64_t bytes = m_resultBytes[index];
    SplitInferenceHeader h;
    h.type = SplitInferenceHeader::RESULT;
    h.splitPoint = static_cast<uint16_t>(t.splitPoint);
    h.userId = t.userId;
    h.taskId = t.taskId;
    h.totalBytes = static_cast<uint32_t>(bytes);
    uint64_t offset = 0;
    do
    {
        const uint32_t piece =
            static_cast<uint32_t>(std::min<uint64_t>(m_maxPayloadBytes, bytes - offset));
        Ptr<Packet> p = Create<Packet>(piece);
        h.offset = static_cast<uint32_t>(offset);
        p->AddHeader(h);
        if (m_socket->SendTo(p, 0, m_replyTo[index]) < 0)
        {
            NS_LOG_WARN("user " << t.userId << " task " << t.taskId << ": send failed");
        }
        offset += piece;
    } while (offset < bytes);
    m_busy[t.userId] = false;
    TryCompute(t.userId);
}

void
SplitInferenceServer::MacTx(Ptr<const Packet> packet)
{
    SplitInferenceHeader h;
    if (ParseSdu(packet, h) && h.type == SplitInferenceHeader::RESULT)
    {
        auto it = m_taskIndex.find(TaskKey(h.userId, h.taskId));
        if (it != m_taskIndex.end())
        {
            m_ledgers[h.userId].Add(it->second, packet->GetSize());
            return;
        }
    }
    if (!IsIpv4Sdu(packet))
    {
        return;
    }
    // other IPv4 traffic to a known UE joins that UE's queue after the results booked
    // before it: book it to no task, so that it keeps its share of the TBs
    Ipv4Header ip;
    packet->PeekHeader(ip);
    auto user = m_userByAddress.find(ip.GetDestination().Get());
    if (user != m_userByAddress.end())
    {
        m_ledgers[user->second].AddUnattributed(packet->GetSize());
    }
}

void
SplitInferenceServer::PhyTx(Ptr<const SpectrumSignalParameters> params)
{
    Ptr<const NomaSignalParameters> noma = DynamicCast<const NomaSignalParameters>(params);
    if (!noma || !noma->isDownlink)
    {
        return;
    }
    const double duration = params->duration.GetSeconds();
    for (const auto& c : noma->components)
    {
        auto it = m_ledgers.find(c.ue);
        if (it == m_ledgers.end())
        {
            continue;
        }
        const auto charges =
            it->second.Consume(SegmentPayloadBytes(c), c.powerW * duration, duration);
        for (const auto& ch : charges)
        {
            SplitInferenceServerTask& t = m_tasks.at(ch.key);
            t.txEnergyJ += ch.energyJ;
            t.airtimeS += ch.airtimeS;
            if (ch.isLast)
            {
                t.isSent = true;
                t.resultSent = Simulator::Now();
                m_resultSentTrace(t.userId, t.taskId, Seconds(t.airtimeS), t.txEnergyJ);
                m_energyTrace(t.userId, t.taskId, t.computeEnergyJ, t.txEnergyJ);
            }
        }
    }
}

} // namespace edgeinference
} // namespace ns3
