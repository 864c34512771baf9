/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SPLIT_INFERENCE_CLIENT_H
#define SPLIT_INFERENCE_CLIENT_H

#include "airtime-ledger.h"
#include "noma-split-solver.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/spectrum-signal-parameters.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma-split
 * @brief Split inference over the NOMA devices, UE side: layers 1..l on the device, upload of
 * the activation, result over the downlink.
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
    /// Why the task failed ("" if it succeeded or is running): "timeout after ...",
    /// "application stopped" or "application disposed"
    std::string failureReason;

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
    void Finish(uint32_t index, bool success, const std::string& reason = "");

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
    bool m_isDisposing{false};                     ///< In DoDispose(): no trace fires
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

} // namespace edgeinference
} // namespace ns3

#endif /* SPLIT_INFERENCE_CLIENT_H */
