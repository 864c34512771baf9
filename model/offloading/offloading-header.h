/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef OFFLOADING_HEADER_H
#define OFFLOADING_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-offloading
 * @brief Header of every message between an OffloadingClient and an BatchingEarlyExitServer
 * (batching + early exiting, Liu, Lan, Huang, IEEE JSAC 2023).
 *
 * One fixed-size header (SIZE bytes) carries the fields of all four message types; a field
 * a type does not use is 0:
 * - REQUEST (client to server, once per frame): frame, taskId, imsi, accuracyRequirement,
 *   deadlineS (relative to frameStartS), frameStartS (the request's send time), uploadBytes
 *   (the task input D_k in bytes of payload), offset (payload bytes per DATA datagram),
 *   snrBandwidthHz (the client's own channel report s_k, 0 if none), modelIndex (the model
 *   the task needs, an index into the server's catalogue; PartialLoadingServer).
 * - DECISION (server to client): status SCHEDULED or NOT_SCHEDULED, reason (a
 *   BatchingEarlyExitReason, or REASON_REQUEST_LATE / REASON_NO_ALLOCATOR), exit,
 *   bandwidthHz (w_k), predictedUploadEndS and predictedCompletionS (absolute simulation
 *   times, s), uploadBytes and offset (echo of the request's input size and payload per
 *   DATA datagram).
 * - DATA (client to server): offset and uploadBytes (total payload bytes of the input), the
 *   payload follows the header.
 * - RESULT (server to client): status ON_TIME, LATE or FAILED, exit, predictedCompletionS,
 *   completionS (when the task reached its exit at the server, absolute s).
 * DECISION and RESULT echo the request's modelIndex.
 *
 * Wire format, network byte order: magic 0x4245 (2), version (1), type (1), status (1),
 * reason (1), exit (2, signed), model index (2), frame (4), task id (4), IMSI (8), upload bytes
 * (4), offset (4), then seven IEEE-754 doubles (8 each): accuracy requirement, deadline, frame
 * start, SNR bandwidth, bandwidth, predicted upload end / completion time of the result, predicted
 * completion.
 */
class OffloadingHeader : public Header
{
  public:
    /// Magic number that starts every message ("BE").
    static constexpr uint16_t MAGIC = 0x4245;
    /// Protocol version.
    static constexpr uint8_t VERSION = 2;
    /// Serialized size, bytes.
    static constexpr uint32_t SIZE = 2 + 1 + 1 + 1 + 1 + 2 + 2 + 4 + 4 + 8 + 4 + 4 + 7 * 8;

    /// Message type.
    enum Type : uint8_t
    {
        INVALID = 0,  ///< Not a message (bad magic or version)
        REQUEST = 1,  ///< Client asks to be served in a frame
        DECISION = 2, ///< Server tells whether the client is scheduled
        DATA = 3,     ///< Part of the task input
        RESULT = 4,   ///< Inference result
    };

    /// Status of a DECISION or RESULT.
    enum Status : uint8_t
    {
        NOT_SCHEDULED = 0, ///< DECISION: not served in this frame
        SCHEDULED = 1,     ///< DECISION: served; upload the input
        ON_TIME = 2,       ///< RESULT: exit reached by the server-side deadline
        LATE = 3,          ///< RESULT: exit reached after the server-side deadline
        FAILED = 4,        ///< RESULT: not processed (input incomplete at the cutoff)
    };

    /// DECISION reason: the request arrived after the frame's allocation.
    static constexpr uint8_t REASON_REQUEST_LATE = 100;
    /// DECISION reason: the server has no allocator.
    static constexpr uint8_t REASON_NO_ALLOCATOR = 101;

    OffloadingHeader();

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /// @param [in] type the message type
    void SetType(Type type);
    /// @return the message type (INVALID if the magic or version was wrong)
    Type GetType() const;
    /// @param [in] status the status
    void SetStatus(Status status);
    /// @return the status
    Status GetStatus() const;
    /// @param [in] reason a BatchingEarlyExitReason value or a REASON_ constant
    void SetReason(uint8_t reason);
    /// @return the reason
    uint8_t GetReason() const;
    /// @param [in] exit exit index (0-based), -1 for none
    void SetExit(int16_t exit);
    /// @return exit index (0-based), -1 for none
    int16_t GetExit() const;
    /// @param [in] index model index in the server's catalogue (0 if the server has one model)
    void SetModelIndex(uint16_t index);
    /// @return model index in the server's catalogue
    uint16_t GetModelIndex() const;
    /// @param [in] frame frame index
    void SetFrame(uint32_t frame);
    /// @return frame index
    uint32_t GetFrame() const;
    /// @param [in] id task id chosen by the client
    void SetTaskId(uint32_t id);
    /// @return task id
    uint32_t GetTaskId() const;
    /// @param [in] imsi IMSI of the client's UE (0 = unknown)
    void SetImsi(uint64_t imsi);
    /// @return IMSI of the client's UE (0 = unknown)
    uint64_t GetImsi() const;
    /// @param [in] bytes task input size, bytes of payload
    void SetUploadBytes(uint32_t bytes);
    /// @return task input size, bytes of payload
    uint32_t GetUploadBytes() const;
    /// @param [in] offset byte offset of a DATA payload in the input
    void SetOffset(uint32_t offset);
    /// @return byte offset of a DATA payload in the input
    uint32_t GetOffset() const;
    /// @param [in] alpha accuracy requirement in [0, 1]
    void SetAccuracyRequirement(double alpha);
    /// @return accuracy requirement
    double GetAccuracyRequirement() const;
    /// @param [in] s deadline relative to the frame start, s
    void SetDeadlineS(double s);
    /// @return deadline relative to the frame start, s
    double GetDeadlineS() const;
    /// @param [in] s frame start (request send time), absolute simulation time, s
    void SetFrameStartS(double s);
    /// @return frame start, absolute simulation time, s
    double GetFrameStartS() const;
    /// @param [in] hz the client's channel report s_k = p g / N_0, Hz (0 = none)
    void SetSnrBandwidthHz(double hz);
    /// @return the client's channel report, Hz
    double GetSnrBandwidthHz() const;
    /// @param [in] hz allocated bandwidth w_k, Hz
    void SetBandwidthHz(double hz);
    /// @return allocated bandwidth w_k, Hz
    double GetBandwidthHz() const;
    /// @param [in] s DECISION: predicted upload end; RESULT: measured completion (absolute s)
    void SetTimeS(double s);
    /// @return DECISION: predicted upload end; RESULT: measured completion (absolute s)
    double GetTimeS() const;
    /// @param [in] s predicted completion at the server, absolute simulation time, s
    void SetPredictedCompletionS(double s);
    /// @return predicted completion at the server, absolute simulation time, s
    double GetPredictedCompletionS() const;

  private:
    Type m_type;                  ///< Message type
    Status m_status;              ///< Status
    uint8_t m_reason;             ///< Reason code
    int16_t m_exit;               ///< Exit index
    uint16_t m_modelIndex;        ///< Model index
    uint32_t m_frame;             ///< Frame index
    uint32_t m_taskId;            ///< Task id
    uint64_t m_imsi;              ///< IMSI
    uint32_t m_uploadBytes;       ///< Input size, bytes
    uint32_t m_offset;            ///< DATA offset, bytes
    double m_accuracy;            ///< Accuracy requirement
    double m_deadlineS;           ///< Deadline, s
    double m_frameStartS;         ///< Frame start, s
    double m_snrBandwidthHz;      ///< Channel report, Hz
    double m_bandwidthHz;         ///< Allocated bandwidth, Hz
    double m_timeS;               ///< Predicted upload end or measured completion, s
    double m_predictedCompletion; ///< Predicted completion, s
};

} // namespace edgeinference
} // namespace ns3

#endif /* OFFLOADING_HEADER_H */
