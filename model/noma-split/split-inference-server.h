/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SPLIT_INFERENCE_SERVER_H
#define SPLIT_INFERENCE_SERVER_H

#include "airtime-ledger.h"
#include "split-inference-header.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/spectrum-signal-parameters.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma-split
 * @brief Split inference over the NOMA devices, edge side: layers l+1..L on the server, result
 * over the downlink.
 *
 * Paper 4: Yuan et al., "High Efficiency Inference Accelerating Algorithm for NOMA-based
 * Mobile Edge Computing", arXiv 2312.15850 (the module's reconstruction, R4 of [4],
 * model [R]). The allocation comes from NomaSplitSolver (noma-split-solver.h); these
 * applications execute it over NomaNetDevice and measure latency and energy.
 */

namespace ns3
{

class Socket;
class Packet;

namespace edgeinference
{

class NomaNetDevice;

/**
 * @ingroup edge-inference-noma-split
 * @brief Per-task record of a SplitInferenceServer.
 */
struct SplitInferenceServerTask
{
    uint32_t userId{0};       ///< User
    uint32_t taskId{0};       ///< Task number of the user
    uint32_t splitPoint{0};   ///< l
    Time firstPiece;          ///< First activation piece received
    Time received;            ///< Activation complete
    Time computeStart;        ///< Start of layers l+1..L
    Time computed;            ///< End of layers l+1..L
    Time resultSent;          ///< Start of the frame of the last TB carrying the result
    double computeEnergyJ{0}; ///< kappa_e (f_i^e)^2 x cycles, J
    double txEnergyJ{0};      ///< P_i x downlink airtime, J
    double airtimeS{0};       ///< Downlink airtime charged to the task, s
    bool isSent{false};       ///< Result fully transmitted
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Edge side of split inference over NOMA (Paper 4, Yuan et al., arXiv 2312.15850
 * [R]).
 *
 * Listens on Port; reassembles each (user, task) activation from its datagrams (pieces in
 * any order; a duplicate piece is ignored, also after the activation is complete: each
 * (user, task) pair runs once; an activation not complete ReassemblyTimeout
 * after its first piece is dropped with the Dropped trace), then runs layers l+1..L for
 * edgeFlops / (n_e f_i^e) with the user's share f_i^e (SetUserFrequency(), otherwise
 * DefaultFrequency); the tasks of one user run one after the other, different users in
 * parallel (each on its own share, as in the model). The result (resultBytes of payload)
 * goes back to the sender's address in datagrams of at most MaxPayloadBytes payload.
 *
 * Energy: computeEnergyJ = kappa_e (f_i^e)^2 edgeFlops / n_e; txEnergyJ is measured from
 * the Tx trace of the base station's NomaSpectrumPhy: each downlink TB for the user's UE
 * (component power P_i x frame duration) is charged to its tasks (AirtimeLedger, one per
 * UE, fed by the base station's MacTx trace: each queued result SDU is booked to the task
 * named in its SplitInferenceHeader, other IPv4 SDUs to a UE that sent an activation to no
 * task). The node must hold the
 * NomaNetDevice base station for the transmit energy (otherwise it stays 0).
 */
class SplitInferenceServer : public Application
{
  public:
    /**
     * Get the TypeId.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    SplitInferenceServer();
    ~SplitInferenceServer() override;

    // delete copy constructor and assignment operator to avoid misuse
    SplitInferenceServer(const SplitInferenceServer&) = delete;
    SplitInferenceServer& operator=(const SplitInferenceServer&) = delete;

    /**
     * Received, Computed, Dropped: a task event.
     * @param [in] userId user
     * @param [in] taskId task number
     */
    typedef void (*TaskTracedCallback)(uint32_t userId, uint32_t taskId);

    /**
     * ResultSent: the last TB with the result left the PHY.
     * @param [in] userId user
     * @param [in] taskId task number
     * @param [in] airtime downlink airtime charged to the task
     * @param [in] energyJ transmit energy charged to the task, J
     */
    typedef void (*ResultSentTracedCallback)(uint32_t userId,
                                             uint32_t taskId,
                                             Time airtime,
                                             double energyJ);

    /**
     * Energy: edge energy of a task whose result was sent.
     * @param [in] userId user
     * @param [in] taskId task number
     * @param [in] computeJ edge compute energy, J
     * @param [in] transmitJ downlink transmit energy, J
     */
    typedef void (*EnergyTracedCallback)(uint32_t userId,
                                         uint32_t taskId,
                                         double computeJ,
                                         double transmitJ);

    /**
     * Set the edge frequency share of a user.
     * @param [in] userId user
     * @param [in] frequencyHz f_i^e, cycle/s (> 0)
     */
    void SetUserFrequency(uint32_t userId, double frequencyHz);

    /**
     * @param [in] userId user
     * @return f_i^e of the user (DefaultFrequency if not set)
     */
    double GetUserFrequency(uint32_t userId) const;

    /// @return the records of the tasks whose activation was complete, in arrival order
    const std::vector<SplitInferenceServerTask>& GetTasks() const;

    /// @return activations dropped incomplete
    uint32_t GetDroppedTasks() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// An activation being reassembled.
    struct Partial
    {
        SplitInferenceHeader header;         ///< Header of the first piece
        Address from;                        ///< Sender
        std::map<uint32_t, uint32_t> pieces; ///< offset -> bytes
        uint64_t bytes{0};                   ///< Distinct bytes received
        Time first;                          ///< First piece
        EventId timeout;                     ///< Reassembly timeout
    };

    /**
     * Socket receive callback.
     * @param [in] socket the socket
     */
    void HandleRead(Ptr<Socket> socket);

    /**
     * Reassembly timeout.
     * @param [in] key (user, task) key
     */
    void DropPartial(uint64_t key);

    /**
     * Start the next task of a user if the user's processor is free.
     * @param [in] userId user
     */
    void TryCompute(uint32_t userId);

    /**
     * Layers l+1..L done: send the result.
     * @param [in] index index into m_tasks
     */
    void Computed(uint32_t index);

    /**
     * MacTx trace of the base station: books the result SDUs.
     * @param [in] packet the SDU
     */
    void MacTx(Ptr<const Packet> packet);

    /**
     * Tx trace of the base station PHY.
     * @param [in] params the signal
     */
    void PhyTx(Ptr<const SpectrumSignalParameters> params);

    uint16_t m_port{5000};                              ///< Listening port
    uint32_t m_maxPayloadBytes{1400};                   ///< Payload per datagram, bytes
    double m_defaultFrequencyHz{1e9};                   ///< f^e of users without a share
    double m_flopsPerCycle{1.0};                        ///< n_e
    double m_kappa{1e-30};                              ///< kappa_e
    Time m_reassemblyTimeout;                           ///< Reassembly timeout
    Ptr<Socket> m_socket;                               ///< UDP socket
    Ptr<NomaNetDevice> m_device;                        ///< Base station (may be null)
    std::map<uint32_t, double> m_userFrequency;         ///< f_i^e per user
    std::map<uint64_t, Partial> m_partials;             ///< Activations being reassembled
    std::vector<SplitInferenceServerTask> m_tasks;      ///< Complete activations
    std::vector<Address> m_replyTo;                     ///< Sender per m_tasks entry
    std::vector<uint32_t> m_resultBytes;                ///< Result size per m_tasks entry
    std::vector<uint64_t> m_edgeFlops;                  ///< FLOPs per m_tasks entry
    std::map<uint32_t, std::deque<uint32_t>> m_waiting; ///< Per user: tasks to compute
    std::map<uint32_t, bool> m_busy;                    ///< Per user: computing
    std::vector<EventId> m_computeEvents;               ///< Pending compute completions
    std::map<uint32_t, AirtimeLedger> m_ledgers;        ///< Per UE index: downlink attribution
    std::map<uint64_t, uint32_t> m_taskIndex;           ///< (user, task) -> m_tasks index
    std::map<uint32_t, uint32_t> m_userByAddress;       ///< UE IPv4 address -> user
    uint32_t m_dropped{0};                              ///< Incomplete activations dropped
    bool m_isRunning{false};                            ///< Between start and stop

    TracedCallback<uint32_t, uint32_t> m_receivedTrace;                 ///< Received
    TracedCallback<uint32_t, uint32_t> m_computedTrace;                 ///< Computed
    TracedCallback<uint32_t, uint32_t> m_droppedTrace;                  ///< Dropped
    TracedCallback<uint32_t, uint32_t, Time, double> m_resultSentTrace; ///< ResultSent
    TracedCallback<uint32_t, uint32_t, double, double> m_energyTrace;   ///< Energy
};

} // namespace edgeinference
} // namespace ns3

#endif /* SPLIT_INFERENCE_SERVER_H */
