/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef OFFLOADING_SERVER_BASE_H
#define OFFLOADING_SERVER_BASE_H

#include "offloading-header.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

namespace edgeinference
{
class RateModel;
}

namespace edgeinference
{

/**
 * @ingroup edge-inference-offloading
 * @brief Frame machinery shared by the edge servers of the offloading schemes
 * (BatchingEarlyExitServer: batching + early exiting, Liu, Lan, Huang, IEEE JSAC 2023;
 * PartialLoadingServer: PartialLoading, Qu et al., arXiv 2503.22982): requests, frame
 * collection, decisions, uplink bandwidths, uploads, the upload cutoff and results, all as
 * OffloadingHeader datagrams over UDP on one port (attribute Port) with OffloadingClient.
 *
 * **Frame timeline.** The first REQUEST of frame n starts a collection window
 * (CollectionWindow); at its end (t0) the frame is decided among the requests received.
 * The time origin of the decision is t0 + UploadStartDelay (the expected time for the
 * DECISION to reach the UEs and for their uplink grants); request k gets the deadline
 * T_k = (frame start_k + deadline_k - ResultDelay) - (t0 + UploadStartDelay), the upload
 * bits D_k = IP bits of its upload (payload + OffloadingHeader + UDP + IPv4 headers per
 * datagram) and the channel s_k from ReportUplinkChannel() (the eNB's measurement) or, if
 * none, the client's own report. The subclass decides (DecideFrame()); every client then
 * receives a DECISION, the uplink bandwidths of the served users (Hz, by IMSI) are passed
 * to the UplinkBandwidth callback (a helper executes them in the LTE MAC), and an upload
 * cutoff is set at the origin + the decision's latest upload end + CutoffSlack. When the
 * subclass closes the uploads of the frame (CloseUploads(), at the latest at the cutoff)
 * the bandwidths are cleared and every scheduled task whose input is incomplete is FAILED
 * (a RESULT with status FAILED is sent). A task that finishes (CompleteTask()) is ON_TIME
 * if it ends by frame start + deadline - ResultDelay, LATE otherwise (a failure).
 *
 * With DeferUnservedDecisions (default) the DECISIONs of the users not served are sent at
 * the origin t0 + UploadStartDelay instead of at t0: in an LTE cell the downlink scheduler
 * delivers such small messages about one UE per TTI, so K decisions sent together would
 * otherwise push the served users' decisions, hence their uploads, up to K ms later.
 *
 * Requests arriving after their frame was decided get a NOT_SCHEDULED decision with reason
 * OffloadingHeader::REASON_REQUEST_LATE; malformed requests (non-finite or negative fields,
 * or refused by CheckRequest()) one with REASON_INVALID_REQUEST. StopApplication() cancels
 * every pending event of the base and calls DoStop().
 */
class OffloadingServerBase : public Application
{
  public:
    /// DECISION reason: the request has an invalid field.
    static constexpr uint8_t REASON_INVALID_REQUEST = 102;

    /// Final state of a task at the server.
    enum Outcome
    {
        PENDING,       ///< Not finished yet
        NOT_SCHEDULED, ///< Not served in its frame
        ON_TIME,       ///< Finished by the server-side deadline
        LATE,          ///< Finished after the server-side deadline (a failure)
        FAILED,        ///< Scheduled but not processed (input incomplete at the cutoff, ...)
    };

    /// What the server knows about one task. Times are absolute simulation times, s.
    struct TaskRecord
    {
        uint32_t frame{0};              ///< Frame index of the client
        uint32_t taskId{0};             ///< Task id of the client
        Address from;                   ///< Client socket address
        uint64_t imsi{0};               ///< IMSI (0 = unknown)
        uint16_t modelIndex{0};         ///< Model index of the request (catalogue index)
        std::string model;              ///< Model name (PartialLoadingServer; else empty)
        double accuracyRequirement{0};  ///< alpha_k (batching)
        double frameStartS{0};          ///< Client's frame start
        double deadlineS{0};            ///< Deadline relative to the frame start, s
        uint32_t uploadBytes{0};        ///< Input payload bytes
        uint32_t dataPayloadBytes{0};   ///< Payload bytes per DATA datagram
        double uploadBits{0};           ///< D_k given to the decision (IP bits)
        double snrBandwidthHz{0};       ///< s_k given to the decision, Hz
        bool isChannelFromEnb{false};   ///< s_k came from ReportUplinkChannel()
        bool isScheduled{false};        ///< Served in its frame
        uint8_t reason{0};              ///< Scheme's reason code or a REASON_ code
        int32_t exit{-1};               ///< Exit (0-based) under the batching scheme
        double bandwidthHz{0};          ///< w_k, Hz
        double allocationS{0};          ///< t0 of its frame
        double predictedUploadEndS{0};  ///< Predicted end of its upload
        double predictedCompletionS{0}; ///< Predicted end of its inference at the server
        uint32_t receivedBytes{0};      ///< Input payload bytes received
        double uploadEndS{-1};          ///< Last input byte received (-1: never)
        /// Batching: start of its batch; PartialLoading: start b of its inference (-1: none)
        double batchStartS{-1};
        double completionS{-1};    ///< Exit / end of inference reached (-1: never)
        Outcome outcome{PENDING};  ///< Outcome
        std::string failureReason; ///< Why it failed / was not scheduled
    };

    /// What the server knows about one frame.
    struct FrameRecord
    {
        uint32_t frame{0};                 ///< Frame index
        double allocationS{0};             ///< t0
        uint32_t nRequests{0};             ///< Requests decided
        uint32_t nScheduled{0};            ///< Users served
        double predictedThroughputPerS{0}; ///< The decision's throughput prediction, tasks/s
        double frameLengthS{0};            ///< Frame length used for the throughput, s
        /// Batching: t0 + UploadStartDelay + T_u; PartialLoading: the origin (GPU start)
        double predictedBatchStartS{0};
        double batchStartS{-1};         ///< Measured batch start (-1: no batch; batching)
        uint32_t nOnTime{0};            ///< Tasks ON_TIME
        uint32_t nLate{0};              ///< Tasks LATE
        uint32_t nFailed{0};            ///< Tasks FAILED
        std::vector<size_t> tasks;      ///< Indices into GetTaskRecords()
        std::vector<uint32_t> gpuOrder; ///< Indices into GetTaskRecords(), in GPU order
        bool isAllocated{false};        ///< The frame was decided
        bool isUploadClosed{false};     ///< The uploads are over (CloseUploads(), no user)
    };

    /// Callback with the uplink bandwidth of each served UE, by IMSI (Hz); empty = clear.
    typedef Callback<void, const std::map<uint64_t, double>&> UplinkBandwidthCallback;

    /**
     * Builds a frame's uplink rate model from the requests' wideband uplink SINRs (linear,
     * s_k / TotalBandwidthHz, in request order): the radio's model of what its MAC executes
     * (e.g. NrUlAmcRateModel, installed by EdgeNrTopologyHelper::ConnectUplinkShares()).
     */
    using UplinkRateModelFactory =
        std::function<std::shared_ptr<const RateModel>(const std::vector<double>& sinrLinear)>;

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    OffloadingServerBase();
    ~OffloadingServerBase() override;

    OffloadingServerBase(const OffloadingServerBase&) = delete;
    OffloadingServerBase& operator=(const OffloadingServerBase&) = delete;

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
     * @param [in] cb called with w_k by IMSI whenever the set of frames with open uploads
     * changes: at a decision that serves someone and when a frame's uploads close. The map
     * merges every frame whose uploads are still open (a UE in two such frames gets the
     * sum of its two bandwidths); it is empty when no upload window is open
     */
    void SetUplinkBandwidthCallback(UplinkBandwidthCallback cb);

    /**
     * @brief The rate model of the cell's uplink, used by the subclasses whose attribute
     * UplinkRateModel is NrUlAmc.
     * @param [in] factory builds the model of a frame (empty: none)
     */
    void SetUplinkRateModelFactory(UplinkRateModelFactory factory);

    /**
     * @param [in] sinrLinear the requests' wideband uplink SINRs (linear)
     * @param [in] who the subclass and attribute value, for the error message
     * @return the model of the installed factory (fatal error naming who if none is
     * installed)
     */
    std::shared_ptr<const RateModel> MakeUplinkRateModel(const std::vector<double>& sinrLinear,
                                                         const std::string& who) const;

    /// @return every task seen, in arrival order of the requests
    const std::vector<TaskRecord>& GetTaskRecords() const;

    /// @return every frame decided, by frame index
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
     * TracedCallback signature for a frame decision.
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
     * TracedCallback signature for a finished task.
     * @param [in] record the task
     */
    typedef void (*TaskRecordTracedCallback)(const TaskRecord& record);

  protected:
    /// A valid request of a frame as given to DecideFrame().
    struct FrameRequest
    {
        size_t task{0};           ///< Index into GetTaskRecords()
        double deadlineS{0};      ///< T_k relative to the origin, s (may be negative)
        double uploadBits{0};     ///< D_k, IP bits
        double snrBandwidthHz{0}; ///< s_k, Hz
    };

    /// A subclass's decision for a frame; per-request vectors follow the FrameRequest order,
    /// times are relative to the origin t0 + UploadStartDelay, s.
    struct FrameDecision
    {
        std::vector<bool> isServed;          ///< Served
        std::vector<uint8_t> reason;         ///< Reason code put in the DECISION
        std::vector<std::string> reasonText; ///< Reason text (for the unserved)
        std::vector<int32_t> exit;           ///< Exit (-1 if none)
        std::vector<double> bandwidthHz;     ///< w_k, Hz (0 if not served)
        std::vector<double> uploadEndS;      ///< Predicted upload end
        std::vector<double> completionS;     ///< Predicted completion
        std::vector<uint32_t> order;         ///< Served requests in GPU order
        double throughputPerS{0};            ///< Predicted throughput, tasks/s
        double frameLengthS{0};              ///< Frame length of the throughput, s
        double startS{0};                    ///< Predicted GPU (batch) start
        double latestUploadEndS{0};          ///< Uploads cut off after this (+ CutoffSlack)
    };

    void DoDispose() override;

    /// Check (and complete) the subclass's configuration at StartApplication(); abort on error.
    virtual void CheckConfiguration() = 0;
    /**
     * @brief Scheme-specific check of a request (beyond finite, non-negative fields).
     * @param [in] t the task, as received
     * @param [out] why the reason text if refused
     * @return true to accept the request
     */
    virtual bool CheckRequest(const TaskRecord& t, std::string& why) const;
    /**
     * @brief Decide a frame.
     * @param [in] frame the frame
     * @param [in] requests its valid requests
     * @return the decision (vectors of requests.size())
     */
    virtual FrameDecision DecideFrame(uint32_t frame,
                                      const std::vector<FrameRequest>& requests) = 0;
    /**
     * @brief The frame was decided with at least one served user: DECISIONs sent, shares
     * set, cutoff scheduled.
     * @param [in] frame the frame
     */
    virtual void FrameDecided(uint32_t frame) = 0;
    /**
     * @brief The input of a scheduled task of a frame whose uploads are open is complete.
     * @param [in] index task index
     */
    virtual void InputComplete(size_t index) = 0;
    /**
     * @brief The upload cutoff of a frame passed (the uploads are still open).
     * @param [in] frame the frame
     */
    virtual void UploadCutoff(uint32_t frame) = 0;
    /// Cancel the subclass's pending events (called by StopApplication()).
    virtual void DoStop();

    /**
     * @param [in] index task index
     * @return the task
     */
    TaskRecord& Task(size_t index);
    /**
     * @param [in] frame frame index
     * @return the frame (created if new)
     */
    FrameRecord& Frame(uint32_t frame);
    /**
     * @param [in] fr a frame
     * @return true if every scheduled input of the frame is complete
     */
    bool AllInputsIn(const FrameRecord& fr) const;
    /**
     * @brief End the uploads of a frame: cancel the cutoff, withdraw the frame's uplink
     * bandwidths (ApplyUplinkBandwidth()) and fail (RESULT FAILED) every scheduled task whose input
     * is incomplete. Idempotent.
     * @param [in] frame the frame
     * @return the scheduled tasks with a complete input, in GPU order (empty if already closed)
     */
    std::vector<size_t> CloseUploads(uint32_t frame);
    /// Pass the merged uplink bandwidths of the frames with open uploads to the callback.
    void ApplyUplinkBandwidth();
    /**
     * @brief A task finished now: ON_TIME or LATE against the server-side deadline, RESULT
     * sent, TaskExited fired.
     * @param [in] index task index
     */
    void CompleteTask(size_t index);
    /**
     * @brief A scheduled task failed: RESULT FAILED sent, TaskFailed fired.
     * @param [in] index task index
     * @param [in] reason why
     */
    void FailTask(size_t index, const std::string& reason);
    /**
     * @param [in] t a task
     * @return its server-side deadline: frame start + deadline - ResultDelay, absolute s
     */
    double ServerDeadlineS(const TaskRecord& t) const;
    /// @return attribute UploadStartDelay
    Time GetUploadStartDelay() const;
    /// @return attribute CutoffSlack
    Time GetCutoffSlack() const;

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
     * @brief Decide a frame (end of its collection window).
     * @param [in] frame the frame
     */
    void Allocate(uint32_t frame);
    /**
     * @brief The cutoff event of a frame.
     * @param [in] frame the frame
     */
    void Cutoff(uint32_t frame);
    /**
     * @brief Send a DECISION.
     * @param [in] t the task
     */
    void SendDecision(const TaskRecord& t);
    /**
     * @brief Send the DECISION of a task (a deferred one).
     * @param [in] index task index
     */
    void SendDeferredDecision(size_t index);
    /**
     * @brief Send a RESULT.
     * @param [in] t the task
     * @param [in] status its status
     */
    void SendResult(const TaskRecord& t, OffloadingHeader::Status status);
    /**
     * @brief Send a datagram to a client.
     * @param [in] h the header
     * @param [in] t the task
     * @param [in] what message name for the log
     */
    void Send(const OffloadingHeader& h, const TaskRecord& t, const char* what);

    uint16_t m_port;                          ///< Attribute Port
    Time m_collectionWindow;                  ///< Attribute CollectionWindow
    Time m_uploadStartDelay;                  ///< Attribute UploadStartDelay
    Time m_resultDelay;                       ///< Attribute ResultDelay
    Time m_cutoffSlack;                       ///< Attribute CutoffSlack
    Ptr<Socket> m_socket;                     ///< UDP socket
    std::vector<TaskRecord> m_tasks;          ///< All tasks
    std::map<uint32_t, FrameRecord> m_frames; ///< All frames
    std::map<std::tuple<uint32_t, uint32_t, Address>, size_t> m_taskIndex; ///< Lookup
    std::map<uint64_t, double> m_channel;         ///< Latest s_k by IMSI, Hz
    UplinkBandwidthCallback m_uplinkCallback;     ///< Executes w_k
    std::map<uint32_t, EventId> m_allocateEvents; ///< Pending decisions
    std::map<uint32_t, EventId> m_cutoffEvents;   ///< Pending cutoffs
    std::map<size_t, EventId> m_decisionEvents;   ///< Deferred DECISIONs by task index
    bool m_deferUnserved;                         ///< Attribute DeferUnservedDecisions
    /// w_k by IMSI, Hz, of every frame whose uploads are open
    std::map<uint32_t, std::map<uint64_t, double>> m_frameUplinkBandwidth;
    uint64_t m_unexpectedBytes; ///< DATA for no open task
    /// The cell's uplink rate model (SetUplinkRateModelFactory())
    UplinkRateModelFactory m_uplinkRateModelFactory;

    TracedCallback<uint32_t, uint32_t, uint64_t> m_requestTrace;            ///< REQUEST
    TracedCallback<uint32_t, uint32_t, uint32_t, double> m_allocationTrace; ///< Decision
    TracedCallback<uint32_t, uint32_t, uint64_t> m_inputTrace;              ///< Input complete
    TracedCallback<const TaskRecord&> m_exitTrace;                          ///< Finished
    TracedCallback<const TaskRecord&> m_failedTrace;                        ///< Failed
};

} // namespace edgeinference
} // namespace ns3

#endif /* OFFLOADING_SERVER_BASE_H */
