/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef OFFLOADING_CLIENT_H
#define OFFLOADING_CLIENT_H

#include "offloading-header.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

namespace edgeinference
{

/**
 * @ingroup edge-inference-offloading
 * @brief User of multiuser edge inference with batching and early exiting (Z. Liu, Q. Lan,
 * K. Huang, IEEE JSAC 41(4), 2023): once per frame it asks an BatchingEarlyExitServer to run
 * one inference task, uploads the task input if scheduled and waits for the result.
 *
 * **Frames.** The client follows its own frame clock: frame n starts at the application
 * start time + n x FramePeriod (n = 0 .. NumFrames - 1); install all clients with the same
 * start time so that their frames coincide (BatchingEarlyExitHelper does). At the frame
 * start plus a RequestJitter draw it sends a REQUEST (OffloadingHeader over UDP) with its
 * accuracy requirement, its deadline (Deadline, counted from the frame start), the input
 * size (InputBytes, bytes of payload), its channel report (ChannelReportHz; the
 * server prefers the eNB's measurement for the client's IMSI) and the model it needs
 * (ModelIndex, an index into a PartialLoadingServer's catalogue; the batching server
 * ignores it). The same client serves both schemes.
 *
 * **Upload.** A DECISION with status SCHEDULED makes it send the input at once as
 * ceil(InputBytes / DataPayloadBytes) DATA datagrams (each an OffloadingHeader plus up to
 * DataPayloadBytes bytes); the LTE RLC buffers them and the uplink scheduler drains them.
 * UDP, not TCP: a frame has a hard deadline of tens of ms, shorter than a few TCP round
 * trips over LTE, so slow start and retransmissions after the deadline only waste uplink
 * resources; the LTE link layer (HARQ, RLC AM if configured) already repairs losses, and
 * the server's upload cutoff and the client's timeout turn any remaining loss into a
 * defined failure. An unscheduled client sends nothing more in that frame.
 *
 * **Outcome.** ON_TIME: a RESULT with status ON_TIME arrived by frame start + Deadline.
 * LATE (a failure): the RESULT arrived after the deadline or the server reported LATE.
 * FAILED: the server reported FAILED (input incomplete at its cutoff), or no DECISION /
 * RESULT arrived by frame start + Deadline + ResultTimeout (lost packets never hang the
 * application). NOT_SCHEDULED: the server did not serve it in this frame.
 */
class OffloadingClient : public Application
{
  public:
    /// Final state of a task.
    enum Outcome
    {
        PENDING,       ///< Not finished yet
        NOT_SCHEDULED, ///< Not served in its frame
        ON_TIME,       ///< Result received by the deadline
        LATE,          ///< Result late (a failure)
        FAILED,        ///< Failed: lost messages, incomplete input, application stopped
    };

    /// What happened to one task. Times are absolute simulation times, s; -1 = never.
    struct TaskRecord
    {
        uint32_t frame{0};              ///< Frame index
        uint32_t taskId{0};             ///< Task id (unique per client)
        double frameStartS{0};          ///< Frame start
        double requestS{-1};            ///< REQUEST sent
        double deadlineS{0};            ///< Absolute deadline (frame start + Deadline)
        double decisionS{-1};           ///< DECISION received
        bool isScheduled{false};        ///< Scheduled by the server
        uint8_t reason{0};              ///< DECISION reason code
        int32_t exit{-1};               ///< Exit assigned (0-based)
        double bandwidthHz{0};          ///< w_k allocated, Hz
        double predictedUploadEndS{-1}; ///< Server's prediction of the upload end
        /// Server's prediction of when the task reaches its exit (at the server)
        double predictedCompletionS{-1};
        double uploadStartS{-1};   ///< First DATA sent
        uint32_t bytesSent{0};     ///< Input payload bytes handed to the socket
        double completionS{-1};    ///< Exit reached at the server (from the RESULT)
        double resultS{-1};        ///< RESULT received
        Outcome outcome{PENDING};  ///< Outcome
        std::string failureReason; ///< Why it failed / was not scheduled
    };

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    OffloadingClient();
    ~OffloadingClient() override;

    OffloadingClient(const OffloadingClient&) = delete;
    OffloadingClient& operator=(const OffloadingClient&) = delete;

    /**
     * @brief Set the server address and port.
     * @param [in] address server IPv4 address (or an InetSocketAddress, whose port wins)
     * @param [in] port server UDP port
     */
    void SetRemote(const Address& address, uint16_t port);

    /// @return the records of all frames started so far
    const std::vector<TaskRecord>& GetTaskRecords() const;

    /// @return the IMSI put in the requests (attribute Imsi, or the node's LTE UE's)
    uint64_t GetImsi() const;

    /**
     * @brief Assign a fixed random variable stream number to the random variables used.
     * @param [in] stream first stream index to use
     * @return the number of stream indices assigned (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature for a task event.
     * @param [in] frame frame index
     * @param [in] taskId the task id
     */
    typedef void (*TaskEventTracedCallback)(uint32_t frame, uint32_t taskId);

    /**
     * TracedCallback signature for a received decision.
     * @param [in] frame frame index
     * @param [in] taskId the task id
     * @param [in] isScheduled the client is served
     * @param [in] bandwidthHz w_k, Hz
     */
    typedef void (*DecisionTracedCallback)(uint32_t frame,
                                           uint32_t taskId,
                                           bool isScheduled,
                                           double bandwidthHz);

    /**
     * TracedCallback signature for a finished task (any outcome).
     * @param [in] record the task
     */
    typedef void (*TaskRecordTracedCallback)(const TaskRecord& record);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Start a frame: schedule the request, the timeout and the next frame.
    void StartFrame();
    /**
     * @brief Send the REQUEST of a task.
     * @param [in] index task index
     */
    void SendRequest(size_t index);
    /**
     * @brief Datagrams arrived.
     * @param [in] socket the socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * @brief Upload the input of a task.
     * @param [in] index task index
     */
    void Upload(size_t index);
    /**
     * @brief No decision or result by the timeout.
     * @param [in] index task index
     */
    void Timeout(size_t index);
    /**
     * @brief Close a task with an outcome.
     * @param [in] index task index
     * @param [in] outcome the outcome
     * @param [in] reason why (for failures)
     */
    void Finish(size_t index, Outcome outcome, const std::string& reason);

    Address m_remote;                   ///< Server address
    uint16_t m_remotePort;              ///< Server port
    Time m_framePeriod;                 ///< Attribute FramePeriod
    uint32_t m_numFrames;               ///< Attribute NumFrames
    Time m_deadline;                    ///< Attribute Deadline
    double m_accuracyRequirement;       ///< Attribute AccuracyRequirement
    uint32_t m_inputBytes;              ///< Attribute InputBytes
    uint32_t m_payloadBytes;            ///< Attribute DataPayloadBytes
    double m_channelReportHz;           ///< Attribute ChannelReportHz
    uint64_t m_imsi;                    ///< Attribute Imsi (0 = from the node)
    uint16_t m_modelIndex;              ///< Attribute ModelIndex
    Time m_resultTimeout;               ///< Attribute ResultTimeout
    Ptr<RandomVariableStream> m_jitter; ///< Attribute RequestJitter, s

    Ptr<Socket> m_socket;                      ///< UDP socket
    std::vector<TaskRecord> m_records;         ///< One per frame
    std::map<uint32_t, size_t> m_open;         ///< Unfinished tasks by task id
    std::map<size_t, EventId> m_timeouts;      ///< Pending timeouts by task index
    std::map<size_t, EventId> m_requestEvents; ///< Pending requests by task index
    EventId m_nextFrameEvent;                  ///< Next frame start
    uint32_t m_nextFrame;                      ///< Next frame index

    TracedCallback<uint32_t, uint32_t> m_requestTrace;                ///< REQUEST sent
    TracedCallback<uint32_t, uint32_t, bool, double> m_decisionTrace; ///< DECISION
    TracedCallback<uint32_t, uint32_t> m_uploadTrace;                 ///< Upload started
    TracedCallback<uint32_t, uint32_t> m_resultTrace;                 ///< RESULT received
    TracedCallback<const TaskRecord&> m_onTimeTrace;                  ///< ON_TIME
    TracedCallback<const TaskRecord&> m_failedTrace;                  ///< LATE or FAILED
    TracedCallback<const TaskRecord&> m_notScheduledTrace;            ///< NOT_SCHEDULED
};

} // namespace edgeinference
} // namespace ns3

#endif /* OFFLOADING_CLIENT_H */
