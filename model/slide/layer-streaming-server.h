/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LAYER_STREAMING_SERVER_H
#define LAYER_STREAMING_SERVER_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/dnn-model.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

namespace edgeinference
{

class SlideResourceManager;
struct SlideGrant;

/**
 * @ingroup edge-inference-slide
 * @brief Serves DNN models layer by layer over TCP.
 *
 * The server listens on a TCP port. A client connects and sends an InferenceRequestHeader
 * naming a model of the server's catalogue; the server then writes, for every layer in
 * order, a LayerHeader followed by the layer's parameter bytes (a dummy payload of the
 * right size), back to back, filling the socket's send buffer as it drains (like
 * ns3::BulkSendApplication). When the last byte is handed to TCP the transfer is complete
 * and the server closes its side. A request for an unknown model is rejected by closing
 * the connection. Several clients are served concurrently, one connection each.
 *
 * This is the model server of SLIDE (Paper 1, arXiv 2512.20946): the stream order is the
 * layer order, so a client can infer with the layers it already has.
 *
 * **With an allocator** (SetResourceManager()) the request names a task, not a model: the
 * server submits it to the SlideResourceManager and waits for the decision. It then sends a
 * SlideGrantHeader (model variant, frequency, bandwidth, execution rule, prediction) and,
 * if the user is admitted, the layers of the granted variant; a rejected user gets the grant
 * with the reason and the connection is closed. When a session ends the manager is told
 * (SlideResourceManager::Release()) so that the bandwidth returns to the pool.
 */
class LayerStreamingServer : public Application
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    LayerStreamingServer();
    ~LayerStreamingServer() override;

    LayerStreamingServer(const LayerStreamingServer&) = delete;
    LayerStreamingServer& operator=(const LayerStreamingServer&) = delete;

    /**
     * @brief Add a model to the catalogue (replacing one with the same name).
     * Aborts if the model has no layers.
     * @param [in] model the model
     */
    void AddModel(const DnnModel& model);

    /**
     * @param [in] name a model name
     * @return true if the catalogue has the model
     */
    bool HasModel(const std::string& name) const;

    /**
     * @brief Decide requests with an allocator (null: serve every request for a catalogue
     * model, the default). The manager's library must be in the catalogue.
     * @param [in] manager the allocator
     */
    void SetResourceManager(Ptr<SlideResourceManager> manager);

    /// @return the allocator, or null
    Ptr<SlideResourceManager> GetResourceManager() const;

    /// @return number of requests accepted so far
    uint32_t GetNRequests() const;

    /// @return number of transfers whose last byte was handed to TCP
    uint32_t GetNTransfersCompleted() const;

    /**
     * TracedCallback signature for a received request.
     * @param [in] taskId the client's task id
     * @param [in] modelName requested model
     * @param [in] from client address
     */
    typedef void (*RequestTracedCallback)(uint32_t taskId,
                                          const std::string& modelName,
                                          const Address& from);

    /**
     * TracedCallback signature for a layer or transfer event.
     * @param [in] taskId the task id
     * @param [in] layer 0-based layer index (the last layer for a transfer)
     */
    typedef void (*LayerTracedCallback)(uint32_t taskId, uint32_t layer);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// State of one connection.
    struct Session
    {
        Ptr<Socket> socket;             ///< Connected socket
        Address from;                   ///< Peer address
        std::vector<uint8_t> request;   ///< Bytes of the request received so far
        bool requestParsed{false};      ///< The request is complete
        uint32_t taskId{0};             ///< Task id of the request
        const DnnModel* model{nullptr}; ///< Requested model
        uint32_t layer{0};              ///< Layer being sent
        bool headerSent{false};         ///< The current layer's header was sent
        uint64_t payloadLeft{0};        ///< Payload bytes of the current layer left to send
        bool done{false};               ///< All layers handed to TCP
        uint64_t requestId{0};          ///< Id at the resource manager (0: none)
        bool awaitingDecision{false};   ///< Submitted to the manager, no decision yet
        Ptr<Packet> grant;              ///< Grant still to send (null: none or sent)
        bool closeAfterGrant{false};    ///< Rejected: close once the grant is queued
        std::string requestedName;      ///< Task (or model) named by the request
    };

    /**
     * @brief Accept callback: always accept.
     * @param [in] socket listening socket
     * @param [in] from peer
     * @return true
     */
    bool HandleConnectionRequest(Ptr<Socket> socket, const Address& from);
    /**
     * @brief A connection was established.
     * @param [in] socket the new socket
     * @param [in] from peer
     */
    void HandleAccept(Ptr<Socket> socket, const Address& from);
    /**
     * @brief Data from a client (the request).
     * @param [in] socket the socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * @brief Send buffer space became available.
     * @param [in] socket the socket
     * @param [in] available bytes available
     */
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    /**
     * @brief The peer closed or the connection failed.
     * @param [in] socket the socket
     */
    void HandleClose(Ptr<Socket> socket);
    /**
     * @brief Write as much of the session's stream as the socket takes.
     * @param [in,out] s the session
     */
    void Pump(Session& s);
    /**
     * @brief The resource manager decided a request.
     * @param [in] grant the decision
     */
    void HandleDecision(const SlideGrant& grant);
    /**
     * @brief Remove a session and close its socket.
     * @param [in] socket the session's socket
     */
    void EndSession(Ptr<Socket> socket);

    uint16_t m_port;                             ///< Listening port
    uint32_t m_sendSize;                         ///< Bytes per Send() call
    Ptr<Socket> m_listener;                      ///< Listening socket
    std::map<std::string, DnnModel> m_models;    ///< Catalogue
    std::map<Ptr<Socket>, Session> m_sessions;   ///< Open connections
    uint32_t m_nRequests;                        ///< Requests accepted
    uint32_t m_nCompleted;                       ///< Transfers handed fully to TCP
    Ptr<SlideResourceManager> m_manager;         ///< Allocator (null: none)
    std::map<uint64_t, Ptr<Socket>> m_byRequest; ///< Sessions by manager request id

    TracedCallback<uint32_t, const std::string&, const Address&> m_requestTrace; ///< Request
    TracedCallback<uint32_t, const std::string&, const Address&> m_rejectTrace;  ///< Rejected
    TracedCallback<uint32_t, uint32_t> m_layerSentTrace; ///< Last byte of a layer queued
    TracedCallback<uint32_t, uint32_t> m_transferTrace;  ///< Last byte of a model queued
};

} // namespace edgeinference
} // namespace ns3

#endif /* LAYER_STREAMING_SERVER_H */
