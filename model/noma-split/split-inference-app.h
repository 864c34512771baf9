/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SPLIT_INFERENCE_APP_H
#define SPLIT_INFERENCE_APP_H

#include "noma-split-solver.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/header.h"
#include "ns3/nstime.h"
#include "ns3/spectrum-signal-parameters.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma-split
 * @brief Split inference over the NOMA devices: the UE application (layers 1..l, upload of
 * the activation) and the edge application (layers l+1..L, result over the downlink).
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
class Node;

namespace edgeinference
{

class NomaNetDevice;

/**
 * @ingroup edge-inference-noma-split
 * @brief Header of every split-inference datagram (activation pieces and result pieces).
 *
 * An activation or a result of totalBytes payload bytes travels as ceil(totalBytes /
 * MaxPayloadBytes) UDP datagrams, each this header plus its piece. The activation header
 * carries what the edge needs to finish the task: the FLOPs of layers l+1..L and the result
 * size, so that the server needs no copy of the model profile.
 */
class SplitInferenceHeader : public Header
{
  public:
    /// Message types.
    enum Type : uint8_t
    {
        ACTIVATION = 1, ///< UE to edge: a piece of o_l
        RESULT = 2      ///< Edge to UE: a piece of o_res
    };

    /// Serialized size, bytes.
    static constexpr uint32_t SERIALIZED_SIZE{32};

    /**
     * Get the TypeId.
     * @return the TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    uint8_t type{ACTIVATION}; ///< Message type
    uint16_t splitPoint{0};   ///< l, the last layer run on the device
    uint32_t userId{0};       ///< User (UE index of the client's NomaNetDevice)
    uint32_t taskId{0};       ///< Task number of the user (from 0)
    uint32_t totalBytes{0};   ///< Payload bytes of the whole activation or result
    uint32_t offset{0};       ///< Offset of this piece in the payload, bytes
    uint32_t resultBytes{0};  ///< Activation: bytes of o_res to return
    uint64_t edgeFlops{0};    ///< Activation: FLOPs of layers l+1..L
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Attributes transmit energy to tasks from the PHY's transmissions (internal helper
 * of the split-inference applications, public for tests).
 *
 * The device announces every SDU it queues (NomaNetDevice MacTx); Add() books its bytes to
 * the task named in its SplitInferenceHeader. Every transport block the PHY sends drains the queue
 * in FIFO order (NomaSegmentHeader pieces); Consume() splits the TB's energy (power x duration) and
 * airtime among the tasks whose bytes it carries, in proportion to their bytes (the padding
 * of a partly filled TB is shared the same way; bytes booked with AddUnattributed(), i.e.
 * other traffic of the device, keep their share unattributed). SDUs that nobody books are
 * taken from the front of the FIFO: the device queues ARP frames ahead of the data, so the
 * attribution is exact only when no ARP frame is sent during a task (fill the ARP caches).
 */
class AirtimeLedger
{
  public:
    /// Energy and airtime charged to one task.
    struct Charge
    {
        uint64_t key{0};    ///< Task key
        double energyJ{0};  ///< Energy, J
        double airtimeS{0}; ///< Airtime, s
        bool isLast{false}; ///< The task's last byte left with this TB
    };

    /**
     * Book bytes for a task (appended to the FIFO).
     * @param [in] key task key
     * @param [in] bytes SDU bytes
     */
    void Add(uint64_t key, uint64_t bytes);

    /**
     * Book bytes of an SDU of no task (appended to the FIFO): the TBs that carry them
     * charge their share to nobody.
     * @param [in] bytes SDU bytes
     */
    void AddUnattributed(uint64_t bytes);

    /**
     * Drain bytes sent in one TB.
     * @param [in] bytes SDU bytes carried (segment headers excluded)
     * @param [in] energyJ energy of the TB, J
     * @param [in] airtimeS duration of the TB, s
     * @return the charges, in FIFO order
     */
    std::vector<Charge> Consume(uint64_t bytes, double energyJ, double airtimeS);

    /**
     * Forget a task (its bytes stay in the FIFO as unattributed).
     * @param [in] key task key
     */
    void Forget(uint64_t key);

    /// @return bytes booked and not yet drained
    uint64_t GetPendingBytes() const;

  private:
    /// Bytes of one task in the FIFO.
    struct Entry
    {
        uint64_t key{0};    ///< Task key
        uint64_t bytes{0};  ///< Bytes left
        bool isKnown{true}; ///< False once forgotten
    };

    std::deque<Entry> m_fifo; ///< Pending bytes in queue order
};

/**
 * @ingroup edge-inference-noma-split
 * @brief Per-task record of a SplitInferenceClient.
 */
struct SplitInferenceClientTask
{
    uint32_t taskId{0};       ///< Task number
    uint32_t splitPoint{0};   ///< l
    Time start;               ///< Task start
    Time localDone;           ///< End of layers 1..l on the device
    Time uploadSent;          ///< Start of the frame of the last TB carrying the activation
    Time end;                 ///< Result received or failure
    uint64_t uploadBytes{0};  ///< Activation payload, bytes
    double computeEnergyJ{0}; ///< kappa_d f_d^2 x cycles, J
    double txEnergyJ{0};      ///< p_i x uplink airtime, J
    double airtimeS{0};       ///< Uplink airtime charged to the task, s
    bool isDone{false};       ///< Finished (success or failure)
    bool isSuccess{false};    ///< Result received in time

    /// @return latency (end - start)
    Time GetLatency() const;
    /// @return computeEnergyJ + txEnergyJ
    double GetDeviceEnergyJ() const;
};

/**
 * @ingroup edge-inference-noma-split
 * @brief UE side of split inference over NOMA (Paper 4, Yuan et al., arXiv 2312.15850 [R]).
 *
 * Per task: layers 1..l run on the device for sum_{j<=l} c_j / (n_d f_d) (one event; tasks
 * run one at a time on the device, in order), then the activation o_l (o_0, the input, if
 * l = 0) is sent to the server over UDP in datagrams of at most MaxPayloadBytes payload plus
 * a SplitInferenceHeader; the task succeeds when all ceil(o_res / 8) result bytes are back
 * (distinct pieces: a duplicated piece counts once).
 * l = L runs everything on the device and sends nothing (the task ends at the local
 * completion). A task not finished TaskTimeout after its start fails (TaskFailed), and
 * later pieces of it are ignored, so a lost datagram never hangs the application.
 *
 * Tasks: NumTasks tasks (0 = until the application stops); Interval > 0 starts them
 * periodically, Interval = 0 starts the next one when the previous ends (closed loop). A task
 * keeps the split point it started with: changing SplitPoint while the application runs
 * applies to the tasks started afterwards.
 *
 * Energy: computeEnergyJ = kappa_d f_d^2 (cycles of layers 1..l), cycles = FLOPs / n_d.
 * txEnergyJ is measured, not predicted: the client listens to the Tx trace of its own
 * NomaSpectrumPhy and charges each uplink TB's power x duration (the component's power and
 * the frame duration, i.e. the frames in which the UE actually transmitted) to the tasks
 * whose bytes the TB carries (AirtimeLedger; every SDU the device queues is booked from
 * its MacTx trace to the task named in its SplitInferenceHeader, so SDUs that wait for ARP
 * are booked when they reach the device; other IPv4 SDUs of the UE are booked to no task). The PHY
 * trace is used rather than the MAC's Schedule trace because it sees only this UE's transmissions,
 * carries the power actually radiated and the segments actually sent, and needs no access to the
 * base station.
 *
 * The node must hold a NomaNetDevice UE; its UE index is the user id sent to the server.
 * Fill the ARP caches first (NomaSplitInferenceHelper::PopulateArpCaches(); the helper's
 * Install() does): ns-3 keeps only 3 packets per unresolved address, so a multi-datagram
 * activation sent before ARP resolves loses the rest and the task times out.
 */
class SplitInferenceClient : public Application
{
  public:
    /**
     * Get the TypeId.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    SplitInferenceClient();
    ~SplitInferenceClient() override;

    // delete copy constructor and assignment operator to avoid misuse
    SplitInferenceClient(const SplitInferenceClient&) = delete;
    SplitInferenceClient& operator=(const SplitInferenceClient&) = delete;

    /**
     * TaskStarted: task id and split point.
     * @param [in] taskId task number
     * @param [in] splitPoint l
     */
    typedef void (*TaskStartedTracedCallback)(uint32_t taskId, uint32_t splitPoint);

    /**
     * LocalDone, ResultReceived, TaskFailed: task id and a duration.
     * @param [in] taskId task number
     * @param [in] duration local compute time, latency or time until the failure
     */
    typedef void (*TaskTimeTracedCallback)(uint32_t taskId, Time duration);

    /**
     * UploadSent: the last TB with the task's activation left the PHY.
     * @param [in] taskId task number
     * @param [in] bytes activation payload bytes
     * @param [in] airtime uplink airtime charged to the task
     * @param [in] energyJ transmit energy charged to the task, J
     */
    typedef void (*UploadTracedCallback)(uint32_t taskId,
                                         uint64_t bytes,
                                         Time airtime,
                                         double energyJ);

    /**
     * Energy: device energy of a finished task.
     * @param [in] taskId task number
     * @param [in] computeJ local compute energy, J
     * @param [in] transmitJ uplink transmit energy, J
     */
    typedef void (*EnergyTracedCallback)(uint32_t taskId, double computeJ, double transmitJ);

    /**
     * Set the DNN profile (c_j, o_j, o_res).
     * @param [in] profile the profile (L >= 1)
     */
    void SetProfile(const NomaSplitProfile& profile);

    /// @return the profile
    const NomaSplitProfile& GetProfile() const;

    /**
     * Set the split point (same as the SplitPoint attribute).
     * @param [in] split l in 0..L
     */
    void SetSplitPoint(uint32_t split);

    /// @return the split point l
    uint32_t GetSplitPoint() const;

    /// @return the records of all started tasks, in order
    const std::vector<SplitInferenceClientTask>& GetTasks() const;

    /// @return tasks that ended with their result
    uint32_t GetCompletedTasks() const;

    /// @return tasks that failed (timeout)
    uint32_t GetFailedTasks() const;

    /**
     * Check the configuration (profile set, split point in 0..L, server address, sizes
     * that fit the SplitInferenceHeader fields: o_l and o_res < 2^32 bytes, l <= 65535,
     * edge FLOPs < 2^63);
     * StartApplication() aborts with this message if it is not empty.
     * @return an empty string if valid, else what is wrong (attribute and value)
     */
    std::string Validate() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Start a task (and schedule the next one if periodic).
    void StartTask();

    /**
     * Layers 1..l done.
     * @param [in] index index into m_tasks
     */
    void LocalDone(uint32_t index);

    /**
     * End a task.
     * @param [in] index index into m_tasks
     * @param [in] success result received
     */
    void Finish(uint32_t index, bool success);

    /**
     * Timeout of a task.
     * @param [in] index index into m_tasks
     */
    void Timeout(uint32_t index);

    /**
     * Socket receive callback.
     * @param [in] socket the socket
     */
    void HandleRead(Ptr<Socket> socket);

    /**
     * MacTx trace of the UE device: books SDUs of the task being sent.
     * @param [in] packet the SDU
     */
    void MacTx(Ptr<const Packet> packet);

    /**
     * Tx trace of the UE PHY: charges uplink TBs to tasks.
     * @param [in] params the signal
     */
    void PhyTx(Ptr<const SpectrumSignalParameters> params);

    /// Result pieces received for an open task.
    struct ResultPieces
    {
        std::map<uint32_t, uint32_t> pieces; ///< offset -> bytes
        uint64_t bytes{0};                   ///< Distinct bytes received
    };

    NomaSplitProfile m_profile;                    ///< DNN profile
    uint32_t m_split{0};                           ///< l
    double m_frequencyHz{1e9};                     ///< f_d, Hz
    double m_flopsPerCycle{1.0};                   ///< n_d, FLOP/cycle
    double m_kappa{1e-28};                         ///< kappa_d, J s^2/cycle^3
    Address m_peer;                                ///< Server address
    uint16_t m_peerPort{5000};                     ///< Server port
    uint32_t m_maxPayloadBytes{1400};              ///< Payload per datagram, bytes
    uint32_t m_numTasks{1};                        ///< Tasks (0 = unlimited)
    Time m_interval;                               ///< Period (0 = closed loop)
    Time m_timeout;                                ///< Task timeout
    Ptr<Socket> m_socket;                          ///< UDP socket
    Ptr<NomaNetDevice> m_device;                   ///< The UE device
    uint32_t m_userId{0};                          ///< UE index
    bool m_isRunning{false};                       ///< Between start and stop
    std::vector<SplitInferenceClientTask> m_tasks; ///< Task records
    std::map<uint32_t, ResultPieces> m_received;   ///< Result pieces per open task
    std::map<uint32_t, EventId> m_timeouts;        ///< Timeout per open task
    Time m_deviceFreeAt;                           ///< End of the last local computation
    EventId m_nextTask;                            ///< Next periodic task
    std::vector<EventId> m_localEvents;            ///< Pending local completions
    AirtimeLedger m_ledger;                        ///< Uplink energy attribution
    uint32_t m_completed{0};                       ///< Successful tasks
    uint32_t m_failed{0};                          ///< Failed tasks

    TracedCallback<uint32_t, uint32_t> m_taskStartedTrace;              ///< TaskStarted
    TracedCallback<uint32_t, Time> m_localDoneTrace;                    ///< LocalDone
    TracedCallback<uint32_t, uint64_t, Time, double> m_uploadSentTrace; ///< UploadSent
    TracedCallback<uint32_t, Time> m_resultReceivedTrace;               ///< ResultReceived
    TracedCallback<uint32_t, Time> m_taskFailedTrace;                   ///< TaskFailed
    TracedCallback<uint32_t, double, double> m_energyTrace;             ///< Energy
};

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

#endif /* SPLIT_INFERENCE_APP_H */
