/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_SERVER_H
#define EDGE_INFERENCE_SERVER_H

#include "batching-early-exit-allocator-object.h"
#include "offloading-header.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

namespace edgeinference
{

/**
 * @ingroup edge-inference
 * @brief Edge server of multiuser edge inference with batching and early exiting (Z. Liu,
 * Q. Lan, K. Huang, IEEE JSAC 41(4), 2023): collects the requests of a frame, runs the
 * BatchingEarlyExitAllocator, tells every client its decision, collects the scheduled
 * users' inputs and runs one batch through the multi-exit DNN in simulated time.
 *
 * All messages are OffloadingHeader datagrams over UDP on one port (attribute Port).
 *
 * **Frame timeline.** The first REQUEST of frame n starts a collection window
 * (CollectionWindow); at its end (t0) the server allocates the frame among the requests
 * received. The allocator's time origin is t0 + UploadStartDelay (the expected time for
 * the DECISION to reach the UEs and for their uplink grants); user k gets the deadline
 * T_k = (frame start_k + deadline_k - ResultDelay) - (t0 + UploadStartDelay), D_k = the IP
 * bits of its upload (payload + OffloadingHeader + UDP + IPv4 headers per datagram) and s_k
 * from ReportUplinkChannel() (the eNB's measurement) or, if none, the client's own report.
 * Each client receives a DECISION; a scheduled one uploads its input. The uplink
 * bandwidths w_k of the served users (Hz, by IMSI) are passed to the UplinkBandwidth
 * callback (the helper executes them in the LTE MAC) and cleared when the batch starts.
 * The batch starts when the last scheduled input is complete (with
 * StartBatchAtPlannedTime: not before the allocator's planned start t0 + UploadStartDelay +
 * T_u, so that an on-time upload gives exactly the predicted completion), at the latest at the
 * upload cutoff t0 + UploadStartDelay + T_u*(S) + CutoffSlack; a scheduled task whose
 * input is incomplete then is FAILED (a RESULT with status FAILED is sent). If the GPU is
 * still busy with an earlier frame, the batch waits for it.
 *
 * **Batch.** The tasks run as BatchExecution::Plan() says for the allocator's scheme
 * (batched: block l processes B_l tasks and a task leaves at its exit; sequential
 * baselines: one at a time in the allocator's EDF order). When a task reaches its exit the
 * server sends its RESULT: ON_TIME if that instant is <= frame start + deadline -
 * ResultDelay, LATE otherwise (a late task is counted as failed, never as done).
 *
 * Requests arriving after their frame was allocated get a NOT_SCHEDULED decision with
 * reason OffloadingHeader::REASON_REQUEST_LATE; malformed requests (non-finite or negative
 * fields) one with REASON_INVALID_REQUEST. Every pending event is cancelled by
 * StopApplication().
 */
class EdgeInferenceServer : public Application
{
  public:
    /// DECISION reason: the request has an invalid field.
    static constexpr uint8_t REASON_INVALID_REQUEST = 102;

    /// Final state of a task at the server.
    enum Outcome
    {
        PENDING,       ///< Not finished yet
        NOT_SCHEDULED, ///< Not served in its frame
        ON_TIME,       ///< Exit reached by the server-side deadline
        LATE,          ///< Exit reached after the server-side deadline (a failure)
        FAILED,        ///< Scheduled but its input was incomplete at the cutoff
    };

    /// What the server knows about one task. Times are absolute simulation times, s.
    struct TaskRecord
    {
        uint32_t frame{0};              ///< Frame index of the client
        uint32_t taskId{0};             ///< Task id of the client
        Address from;                   ///< Client socket address
        uint64_t imsi{0};               ///< IMSI (0 = unknown)
        double accuracyRequirement{0};  ///< alpha_k
        double frameStartS{0};          ///< Client's frame start
        double deadlineS{0};            ///< Deadline relative to the frame start, s
        uint32_t uploadBytes{0};        ///< Input payload bytes
        uint32_t dataPayloadBytes{0};   ///< Payload bytes per DATA datagram
        double uploadBits{0};           ///< D_k given to the allocator (IP bits)
        double snrBandwidthHz{0};       ///< s_k given to the allocator, Hz
        bool isChannelFromEnb{false};   ///< s_k came from ReportUplinkChannel()
        bool isScheduled{false};        ///< Served in its frame
        uint8_t reason{0};              ///< BatchingEarlyExitReason or a REASON_ code
        int32_t exit{-1};               ///< Exit (0-based) under the scheme
        double bandwidthHz{0};          ///< w_k, Hz
        double allocationS{0};          ///< t0 of its frame
        double predictedUploadEndS{0};  ///< Predicted end of its upload
        double predictedCompletionS{0}; ///< Predicted exit time at the server
        uint32_t receivedBytes{0};      ///< Input payload bytes received
        double uploadEndS{-1};          ///< Last input byte received (-1: never)
        double batchStartS{-1};         ///< Start of its batch (-1: none)
        double completionS{-1};         ///< Exit reached (-1: never)
        Outcome outcome{PENDING};       ///< Outcome
        std::string failureReason;      ///< Why it failed / was not scheduled
    };

    /// What the server knows about one frame.
    struct FrameRecord
    {
        uint32_t frame{0};                 ///< Frame index
        double allocationS{0};             ///< t0
        uint32_t nRequests{0};             ///< Requests allocated
        uint32_t nScheduled{0};            ///< Users served
        double predictedThroughputPerS{0}; ///< Allocator's throughput prediction, tasks/s
        double frameLengthS{0};            ///< T_f used for the throughput, s
        double predictedBatchStartS{0};    ///< t0 + UploadStartDelay + T_u
        double batchStartS{-1};            ///< Measured batch start (-1: no batch)
        uint32_t nOnTime{0};               ///< Tasks ON_TIME
        uint32_t nLate{0};                 ///< Tasks LATE
        uint32_t nFailed{0};               ///< Tasks FAILED
        std::vector<size_t> tasks;         ///< Indices into GetTaskRecords()
        std::vector<uint32_t> gpuOrder;    ///< Indices into tasks, in the allocator's GPU order
        bool isAllocated{false};           ///< The frame was allocated
        bool isBatchStarted{false};        ///< The batch started (or the frame ended)
    };

    /// Callback with the uplink bandwidth of each served UE, by IMSI (Hz); empty = clear.
    typedef Callback<void, const std::map<uint64_t, double>&> UplinkBandwidthCallback;

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    EdgeInferenceServer();
    ~EdgeInferenceServer() override;

    EdgeInferenceServer(const EdgeInferenceServer&) = delete;
    EdgeInferenceServer& operator=(const EdgeInferenceServer&) = delete;

    /**
     * @param [in] allocator the allocator run at every frame (also attribute Allocator)
     */
    void SetAllocator(Ptr<BatchingEarlyExitAllocator> allocator);

    /// @return the allocator
    Ptr<BatchingEarlyExitAllocator> GetAllocator() const;

    /**
     * @brief Record a UE's uplink channel s_k = p g / N_0 (e.g. from the eNB's SRS SINR,
     * see BatchingEarlyExitAllocator::SnrBandwidthFromSinr()). The latest report is used.
     * @param [in] imsi the UE
     * @param [in] snrBandwidthHz s_k, Hz (>= 0)
     */
    void ReportUplinkChannel(uint64_t imsi, double snrBandwidthHz);

    /**
     * @param [in] imsi a UE
     * @return its latest channel report, Hz (-1 if none)
     */
    double GetUplinkChannel(uint64_t imsi) const;

    /**
     * @param [in] cb called at every allocation with w_k by IMSI, and with an empty map
     * when the uploads of the frame are over
     */
    void SetUplinkBandwidthCallback(UplinkBandwidthCallback cb);

    /// @return every task seen, in arrival order of the requests
    const std::vector<TaskRecord>& GetTaskRecords() const;

    /// @return every frame allocated, by frame index
    const std::map<uint32_t, FrameRecord>& GetFrameRecords() const;

    /// @return DATA bytes received for no scheduled, incomplete task
    uint64_t GetUnexpectedDataBytes() const;

    /**
     * TracedCallback signature for a task event.
     * @param [in] frame frame index
     * @param [in] taskId the client's task id
     * @param [in] imsi the client's IMSI (0 = unknown)
     */
    typedef void (*TaskTracedCallback)(uint32_t frame, uint32_t taskId, uint64_t imsi);

    /**
     * TracedCallback signature for a frame allocation.
     * @param [in] frame frame index
     * @param [in] nRequests users of the frame
     * @param [in] nScheduled users served
     * @param [in] throughputPerS predicted throughput, tasks/s
     */
    typedef void (*AllocationTracedCallback)(uint32_t frame,
                                             uint32_t nRequests,
                                             uint32_t nScheduled,
                                             double throughputPerS);

    /**
     * TracedCallback signature for a batch start.
     * @param [in] frame frame index
     * @param [in] batchSize tasks in the batch
     * @param [in] nMissing scheduled tasks whose input was incomplete
     */
    typedef void (*BatchTracedCallback)(uint32_t frame, uint32_t batchSize, uint32_t nMissing);

    /**
     * TracedCallback signature for a finished task.
     * @param [in] record the task
     */
    typedef void (*TaskRecordTracedCallback)(const TaskRecord& record);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * @brief Datagrams arrived.
     * @param [in] socket the socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * @brief A REQUEST arrived.
     * @param [in] h its header
     * @param [in] from sender
     */
    void HandleRequest(const OffloadingHeader& h, const Address& from);
    /**
     * @brief A DATA datagram arrived.
     * @param [in] h its header
     * @param [in] payloadBytes payload size
     * @param [in] from sender
     */
    void HandleData(const OffloadingHeader& h, uint32_t payloadBytes, const Address& from);
    /**
     * @brief Allocate a frame (end of its collection window).
     * @param [in] frame the frame
     */
    void Allocate(uint32_t frame);
    /**
     * @brief Start the batch of a frame (all inputs in, or the cutoff).
     * @param [in] frame the frame
     */
    void StartBatch(uint32_t frame);
    /**
     * @brief The planned batch start of a frame (StartBatchAtPlannedTime): start if every
     * input is in, else wait for them until the cutoff.
     * @param [in] frame the frame
     */
    void PlannedStart(uint32_t frame);
    /**
     * @param [in] fr a frame
     * @return true if every scheduled input of the frame is complete
     */
    bool AllInputsIn(const FrameRecord& fr) const;
    /**
     * @brief A task reached its exit.
     * @param [in] index task index
     */
    void TaskExit(size_t index);
    /**
     * @brief Send a DECISION.
     * @param [in] t the task
     */
    void SendDecision(const TaskRecord& t);
    /**
     * @brief Send a RESULT.
     * @param [in] t the task
     * @param [in] status its status
     */
    void SendResult(const TaskRecord& t, OffloadingHeader::Status status);
    /**
     * @brief Close the books of a frame with no batch pending (clears the UL shares).
     * @param [in] frame the frame
     */
    void ClearUplink(uint32_t frame);

    uint16_t m_port;                             ///< Attribute Port
    Time m_collectionWindow;                     ///< Attribute CollectionWindow
    Time m_uploadStartDelay;                     ///< Attribute UploadStartDelay
    Time m_resultDelay;                          ///< Attribute ResultDelay
    Time m_cutoffSlack;                          ///< Attribute CutoffSlack
    Time m_frameLength;                          ///< Attribute FrameLength
    bool m_startAtPlannedTime;                   ///< Attribute StartBatchAtPlannedTime
    Ptr<BatchingEarlyExitAllocator> m_allocator; ///< Attribute Allocator
    Ptr<Socket> m_socket;                        ///< UDP socket
    std::vector<TaskRecord> m_tasks;             ///< All tasks
    std::map<uint32_t, FrameRecord> m_frames;    ///< All frames
    std::map<std::tuple<uint32_t, uint32_t, Address>, size_t> m_taskIndex; ///< Lookup
    std::map<uint64_t, double> m_channel;         ///< Latest s_k by IMSI, Hz
    UplinkBandwidthCallback m_uplinkCallback;     ///< Executes w_k
    std::map<uint32_t, EventId> m_allocateEvents; ///< Pending allocations
    std::map<uint32_t, EventId> m_cutoffEvents;   ///< Pending cutoffs
    std::map<uint32_t, EventId> m_plannedEvents;  ///< Pending planned starts
    std::map<size_t, EventId> m_exitEvents;       ///< Pending exits by task
    Time m_gpuFreeAt;                             ///< End of the last batch
    uint64_t m_unexpectedBytes;                   ///< DATA for no open task

    TracedCallback<uint32_t, uint32_t, uint64_t> m_requestTrace;            ///< REQUEST
    TracedCallback<uint32_t, uint32_t, uint32_t, double> m_allocationTrace; ///< Allocation
    TracedCallback<uint32_t, uint32_t, uint64_t> m_inputTrace;              ///< Input complete
    TracedCallback<uint32_t, uint32_t, uint32_t> m_batchTrace;              ///< Batch start
    TracedCallback<const TaskRecord&> m_exitTrace;                          ///< Exit reached
    TracedCallback<const TaskRecord&> m_failedTrace;                        ///< Input missing
};

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_INFERENCE_SERVER_H */
