/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "layer-streaming-server.h"

#include "inference-request-header.h"
#include "layer-header.h"
#include "slide-grant-header.h"
#include "slide-resource-manager.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/socket-teardown.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("LayerStreamingServer");

NS_OBJECT_ENSURE_REGISTERED(LayerStreamingServer);

TypeId
LayerStreamingServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LayerStreamingServer")
            .SetParent<Application>()
            .SetGroupName("EdgeInference")
            .AddConstructor<LayerStreamingServer>()
            .AddAttribute("Port",
                          "TCP port the server listens on.",
                          UintegerValue(5000),
                          MakeUintegerAccessor(&LayerStreamingServer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("SendSize",
                          "Bytes handed to the socket per Send() call (bytes).",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&LayerStreamingServer::m_sendSize),
                          MakeUintegerChecker<uint32_t>(LayerHeader::SIZE, 65535))
            .AddTraceSource("RequestReceived",
                            "A client requested a model of the catalogue.",
                            MakeTraceSourceAccessor(&LayerStreamingServer::m_requestTrace),
                            "ns3::edgeinference::LayerStreamingServer::RequestTracedCallback")
            .AddTraceSource(
                "RequestRejected",
                "A request was malformed, named no model of the catalogue, or was rejected by the "
                "resource manager (task name).",
                MakeTraceSourceAccessor(&LayerStreamingServer::m_rejectTrace),
                "ns3::edgeinference::LayerStreamingServer::RequestTracedCallback")
            .AddTraceSource("LayerSent",
                            "The last byte of a layer was handed to TCP.",
                            MakeTraceSourceAccessor(&LayerStreamingServer::m_layerSentTrace),
                            "ns3::edgeinference::LayerStreamingServer::LayerTracedCallback")
            .AddTraceSource("TransferCompleted",
                            "The last byte of a model was handed to TCP.",
                            MakeTraceSourceAccessor(&LayerStreamingServer::m_transferTrace),
                            "ns3::edgeinference::LayerStreamingServer::LayerTracedCallback");
    return tid;
}

LayerStreamingServer::LayerStreamingServer()
    : m_port(5000)
    , m_sendSize(1400)
    , m_nRequests(0)
    , m_nCompleted(0)
{
    NS_LOG_FUNCTION(this);
}

LayerStreamingServer::~LayerStreamingServer()
{
    NS_LOG_FUNCTION(this);
}

void
LayerStreamingServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_listener = nullptr;
    m_sessions.clear();
    m_byRequest.clear();
    m_manager = nullptr;
    Application::DoDispose();
}

void
LayerStreamingServer::AddModel(const DnnModel& model)
{
    NS_LOG_FUNCTION(this << model.GetName());
    NS_ABORT_MSG_IF(model.GetNLayers() == 0,
                    "LayerStreamingServer: model '" << model.GetName() << "' has no layers");
    NS_ABORT_MSG_IF(model.GetName().size() > InferenceRequestHeader::MAX_NAME_LENGTH,
                    "LayerStreamingServer: model name '" << model.GetName() << "' is too long");
    m_models[model.GetName()] = model;
}

bool
LayerStreamingServer::HasModel(const std::string& name) const
{
    return m_models.count(name) > 0;
}

void
LayerStreamingServer::SetResourceManager(Ptr<SlideResourceManager> manager)
{
    NS_LOG_FUNCTION(this << manager);
    m_manager = manager;
}

Ptr<SlideResourceManager>
LayerStreamingServer::GetResourceManager() const
{
    return m_manager;
}

uint32_t
LayerStreamingServer::GetNRequests() const
{
    return m_nRequests;
}

uint32_t
LayerStreamingServer::GetNTransfersCompleted() const
{
    return m_nCompleted;
}

void
LayerStreamingServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_listener)
    {
        m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        if (m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) == -1)
        {
            NS_FATAL_ERROR("LayerStreamingServer: cannot bind TCP port " << m_port);
        }
        m_listener->Listen();
        m_listener->SetAcceptCallback(
            MakeCallback(&LayerStreamingServer::HandleConnectionRequest, this),
            MakeCallback(&LayerStreamingServer::HandleAccept, this));
    }
}

void
LayerStreamingServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    while (!m_sessions.empty())
    {
        EndSession(m_sessions.begin()->first);
    }
    if (m_listener)
    {
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeNullCallback<void, Ptr<Socket>, const Address&>());
        m_listener->Close();
        m_listener = nullptr;
    }
}

bool
LayerStreamingServer::HandleConnectionRequest(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    return true;
}

void
LayerStreamingServer::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    Session s;
    s.socket = socket;
    s.from = from;
    m_sessions[socket] = s;
    socket->SetRecvCallback(MakeCallback(&LayerStreamingServer::HandleRead, this));
    socket->SetSendCallback(MakeCallback(&LayerStreamingServer::HandleSend, this));
    socket->SetCloseCallbacks(MakeCallback(&LayerStreamingServer::HandleClose, this),
                              MakeCallback(&LayerStreamingServer::HandleClose, this));
}

void
LayerStreamingServer::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    auto it = m_sessions.find(socket);
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        if (it == m_sessions.end() || it->second.requestParsed)
        {
            continue; // bytes after the request are ignored
        }
        Session& s = it->second;
        const uint32_t size = packet->GetSize();
        const size_t old = s.request.size();
        s.request.resize(old + size);
        packet->CopyData(s.request.data() + old, size);
        if (s.request.size() < InferenceRequestHeader::GetFixedSize())
        {
            continue;
        }
        const uint32_t nameLength = s.request[InferenceRequestHeader::GetFixedSize() - 1];
        const uint32_t total = InferenceRequestHeader::GetFixedSize() + nameLength;
        if (s.request.size() < total)
        {
            continue;
        }
        Ptr<Packet> reqPacket = Create<Packet>(s.request.data(), total);
        InferenceRequestHeader req;
        reqPacket->RemoveHeader(req);
        s.requestParsed = true;
        if (m_manager && req.IsValid())
        {
            s.taskId = req.GetTaskId();
            s.awaitingDecision = true;
            s.requestedName = req.GetModelName();
            m_requestTrace(s.taskId, req.GetModelName(), s.from);
            s.requestId =
                m_manager->SubmitRequest(s.from,
                                         s.taskId,
                                         req.GetModelName(),
                                         MakeCallback(&LayerStreamingServer::HandleDecision, this));
            m_byRequest[s.requestId] = socket;
            NS_LOG_INFO("task " << s.taskId << ": task '" << req.GetModelName()
                                << "' submitted to the allocator as request " << s.requestId);
            return;
        }
        auto model = m_models.find(req.GetModelName());
        if (!req.IsValid() || model == m_models.end())
        {
            NS_LOG_WARN("LayerStreamingServer: rejecting request for model '"
                        << req.GetModelName() << "' (valid header: " << req.IsValid() << ")");
            m_rejectTrace(req.GetTaskId(), req.GetModelName(), s.from);
            EndSession(socket);
            return;
        }
        s.taskId = req.GetTaskId();
        s.model = &model->second;
        s.payloadLeft = s.model->GetLayerBytes(0);
        ++m_nRequests;
        NS_LOG_INFO("task " << s.taskId << ": streaming '" << s.model->GetName() << "' ("
                            << s.model->GetNLayers() << " layers, " << s.model->GetTotalBytes()
                            << " bytes)");
        m_requestTrace(s.taskId, s.model->GetName(), s.from);
        Pump(s);
    }
}

void
LayerStreamingServer::HandleDecision(const SlideGrant& grant)
{
    NS_LOG_FUNCTION(this << grant.requestId << grant.admitted);
    auto sock = m_byRequest.find(grant.requestId);
    auto it = sock == m_byRequest.end() ? m_sessions.end() : m_sessions.find(sock->second);
    if (it == m_sessions.end())
    {
        // the client went away while the allocator decided
        if (sock != m_byRequest.end())
        {
            m_byRequest.erase(sock);
        }
        m_manager->Release(grant.requestId);
        return;
    }
    Session& s = it->second;
    s.awaitingDecision = false;
    SlideGrantHeader h;
    h.SetTaskId(s.taskId);
    h.SetDecisionTime(grant.decisionTime);
    h.SetDownloadThenInfer(grant.downloadThenInfer);
    auto model = m_models.find(grant.modelName);
    if (grant.admitted && model == m_models.end())
    {
        NS_LOG_WARN("LayerStreamingServer: granted variant '" << grant.modelName
                                                              << "' is not in the catalogue");
        h.SetStatus(SlideGrantHeader::REJECTED);
        h.SetReasonCode(255);
        h.SetText("granted variant '" + grant.modelName + "' is not in the server's catalogue");
        s.closeAfterGrant = true;
        m_manager->Reject(grant.requestId); // notice share: the rejection must reach the UE
    }
    else if (grant.admitted)
    {
        h.SetStatus(SlideGrantHeader::ADMITTED);
        h.SetFrequencyHz(grant.frequencyHz);
        h.SetBandwidthHz(grant.bandwidthHz);
        h.SetPredictedLatencyS(grant.predictedLatencyS);
        h.SetText(grant.modelName);
        s.model = &model->second;
        s.payloadLeft = s.model->GetLayerBytes(0);
        ++m_nRequests;
        NS_LOG_INFO("task " << s.taskId << ": admitted, streaming '" << s.model->GetName()
                            << "' at " << grant.bandwidthHz / 1e6 << " MHz, device "
                            << grant.frequencyHz / 1e6 << " MHz");
    }
    else
    {
        h.SetStatus(SlideGrantHeader::REJECTED);
        h.SetReasonCode(grant.reasonCode);
        h.SetText(grant.reasonText);
        s.closeAfterGrant = true;
        NS_LOG_INFO("task " << s.taskId << ": rejected: " << grant.reasonText);
    }
    s.grant = Create<Packet>();
    s.grant->AddHeader(h);
    Pump(s);
}

void
LayerStreamingServer::HandleSend(Ptr<Socket> socket, uint32_t available)
{
    NS_LOG_FUNCTION(this << socket << available);
    auto it = m_sessions.find(socket);
    if (it != m_sessions.end() && it->second.requestParsed && !it->second.awaitingDecision)
    {
        Pump(it->second);
    }
}

void
LayerStreamingServer::Pump(Session& s)
{
    NS_LOG_FUNCTION(this << s.taskId);
    if (s.grant)
    {
        if (s.socket->GetTxAvailable() < s.grant->GetSize() || s.socket->Send(s.grant) < 0)
        {
            return; // retried from HandleSend
        }
        s.grant = nullptr;
        if (s.closeAfterGrant)
        {
            m_rejectTrace(s.taskId, s.requestedName, s.from);
            s.done = true;
            // Close() lets TCP deliver the grant, then sends FIN
            s.socket->Close();
            return;
        }
    }
    if (s.done || !s.model)
    {
        return;
    }
    const uint32_t nLayers = s.model->GetNLayers();
    while (!s.done)
    {
        Ptr<Packet> packet;
        if (!s.headerSent)
        {
            // header and the first part of the payload in one Send()
            const uint64_t firstPart =
                std::min<uint64_t>(s.payloadLeft, m_sendSize - LayerHeader::SIZE);
            if (s.socket->GetTxAvailable() < LayerHeader::SIZE + firstPart)
            {
                return;
            }
            LayerHeader h;
            h.SetTaskId(s.taskId);
            h.SetLayerIndex(s.layer);
            h.SetNLayers(nLayers);
            h.SetPayloadBytes(s.payloadLeft);
            h.SetFlops(s.model->GetLayer(s.layer).flops);
            packet = Create<Packet>(static_cast<uint32_t>(firstPart));
            packet->AddHeader(h);
            if (s.socket->Send(packet) < 0)
            {
                return;
            }
            s.headerSent = true;
            s.payloadLeft -= firstPart;
        }
        else if (s.payloadLeft > 0)
        {
            const uint32_t chunk = static_cast<uint32_t>(
                std::min<uint64_t>({s.payloadLeft, m_sendSize, s.socket->GetTxAvailable()}));
            if (chunk == 0)
            {
                return;
            }
            packet = Create<Packet>(chunk);
            const int sent = s.socket->Send(packet);
            if (sent <= 0)
            {
                return;
            }
            s.payloadLeft -= static_cast<uint32_t>(sent);
        }
        if (s.headerSent && s.payloadLeft == 0)
        {
            NS_LOG_LOGIC("task " << s.taskId << ": layer " << s.layer << " queued");
            m_layerSentTrace(s.taskId, s.layer);
            ++s.layer;
            s.headerSent = false;
            if (s.layer == nLayers)
            {
                s.done = true;
                ++m_nCompleted;
                m_transferTrace(s.taskId, nLayers - 1);
                // Close() lets TCP deliver what is queued, then sends FIN.
                s.socket->Close();
                return;
            }
            s.payloadLeft = s.model->GetLayerBytes(s.layer);
        }
    }
}

void
LayerStreamingServer::HandleClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    auto it = m_sessions.find(socket);
    if (it != m_sessions.end())
    {
        if (!it->second.done)
        {
            NS_LOG_INFO("task " << it->second.taskId << ": connection closed by the peer after "
                                << it->second.layer << " layers");
        }
        // closes our side too if the peer went away before the transfer ended
        EndSession(socket);
    }
}

void
LayerStreamingServer::EndSession(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    auto it = m_sessions.find(socket);
    if (it == m_sessions.end())
    {
        return;
    }
    Ptr<Socket> s = it->second.socket;
    const uint64_t requestId = it->second.requestId;
    m_sessions.erase(it);
    if (requestId != 0)
    {
        m_byRequest.erase(requestId);
        if (m_manager)
        {
            m_manager->Release(requestId);
        }
    }
    CloseDiscardingInput(s);
}

} // namespace edgeinference
} // namespace ns3
