/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef COLLABORATIVE_INFERENCE_HEADER_H
#define COLLABORATIVE_INFERENCE_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>

/**
 * @file
 * @ingroup edge-inference-dto-ee
 * @brief Data-plane header of the collaborative inference network (DTO-EE, Xie et al.,
 * arXiv 2412.08284): task inputs, intermediate features and results, segmented into UDP
 * packets (their reassembly: collaborative-reassembler.h).
 */

namespace ns3
{

class Socket;

namespace edgeinference
{

/**
 * @ingroup edge-inference-dto-ee
 * @brief Header of every data packet of the collaborative inference network.
 *
 * One message (a task input, the intermediate features of a stage or a result) of
 * GetMessageBytes() bytes travels as GetSegments() UDP packets, each carrying this header and
 * up to SegmentPayloadBytes bytes of (dummy) payload. Wire format, network byte order
 * (SIZE = 64 bytes): u8 type, u64 task id, u32 origin IPv4 address, u16 origin port,
 * u32 stage, u16 segment, u16 segments, u32 message bytes, i64 created (ns), i64 entered (ns),
 * i64 exited (ns), u32 exit node, f64 confidence, u8 correct.
 */
class CollaborativeInferenceHeader : public Header
{
  public:
    /// What a message carries.
    enum MessageType : uint8_t
    {
        TASK_INPUT = 1, ///< UE -> first-stage node: the task input
        FEATURES = 2,   ///< Stage h -> stage h + 1: the intermediate features
        RESULT = 3,     ///< Exit node -> UE: the inference result
    };

    /// Serialised size, bytes.
    static constexpr uint32_t SIZE{64};

    CollaborativeInferenceHeader();

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// @param [in] type the message type
    void SetType(MessageType type);
    /// @return the message type
    MessageType GetType() const;
    /// @param [in] id task id (unique per source: source id in the high 32 bits)
    void SetTaskId(uint64_t id);
    /// @return the task id
    uint64_t GetTaskId() const;
    /// @param [in] address IPv4 address of the UE that created the task
    void SetOriginAddress(Ipv4Address address);
    /// @return IPv4 address of the UE that created the task
    Ipv4Address GetOriginAddress() const;
    /// @param [in] port UDP port of the UE that waits for the result
    void SetOriginPort(uint16_t port);
    /// @return UDP port of the UE
    uint16_t GetOriginPort() const;
    /// @param [in] stage stage that processes the message (RESULT: the exit stage)
    void SetStage(uint32_t stage);
    /// @return the stage
    uint32_t GetStage() const;
    /// @param [in] segment index of this packet in the message
    void SetSegment(uint16_t segment);
    /// @return index of this packet in the message
    uint16_t GetSegment() const;
    /// @param [in] segments number of packets of the message (>= 1)
    void SetSegments(uint16_t segments);
    /// @return number of packets of the message
    uint16_t GetSegments() const;
    /// @param [in] bytes payload bytes of the whole message
    void SetMessageBytes(uint32_t bytes);
    /// @return payload bytes of the whole message
    uint32_t GetMessageBytes() const;
    /// @param [in] t creation time of the task at the UE
    void SetCreated(Time t);
    /// @return creation time of the task at the UE
    Time GetCreated() const;
    /// @param [in] t arrival time of the task input at the first-stage node
    void SetEntered(Time t);
    /// @return arrival time of the task input at the first-stage node
    Time GetEntered() const;
    /// @param [in] t time of the exit decision (RESULT)
    void SetExited(Time t);
    /// @return time of the exit decision
    Time GetExited() const;
    /// @param [in] node node index where the task exited (RESULT)
    void SetExitNode(uint32_t node);
    /// @return node index where the task exited
    uint32_t GetExitNode() const;
    /// @param [in] confidence confidence of the exit head that classified the task
    void SetConfidence(double confidence);
    /// @return confidence of the exit head that classified the task
    double GetConfidence() const;
    /// @param [in] correct whether the result is correct (drawn from the exit accuracy)
    void SetCorrect(bool correct);
    /// @return whether the result is correct
    bool IsCorrect() const;

  private:
    uint8_t m_type{TASK_INPUT}; ///< MessageType
    uint64_t m_taskId{0};       ///< Task id
    Ipv4Address m_origin;       ///< UE address
    uint16_t m_originPort{0};   ///< UE port
    uint32_t m_stage{0};        ///< Stage
    uint16_t m_segment{0};      ///< Segment index
    uint16_t m_segments{1};     ///< Number of segments
    uint32_t m_messageBytes{0}; ///< Message payload bytes
    int64_t m_createdNs{0};     ///< Creation time, ns
    int64_t m_enteredNs{0};     ///< Entry time, ns
    int64_t m_exitedNs{0};      ///< Exit-decision time, ns
    uint32_t m_exitNode{0};     ///< Exit node
    double m_confidence{0};     ///< Confidence
    uint8_t m_correct{0};       ///< Correct flag
};

/**
 * @ingroup edge-inference-dto-ee
 * @brief Number of packets of a message: ceil(bytes / segmentPayload), at least one (a
 * message of 0 bytes is one packet with the header only). 64-bit: no overflow.
 * @param [in] bytes payload bytes of the message
 * @param [in] segmentPayload payload bytes per packet, > 0
 * @return the number of packets
 */
uint64_t SegmentCount(uint64_t bytes, uint32_t segmentPayload);

/**
 * @ingroup edge-inference-dto-ee
 * @brief Send one message as segments: ceil(bytes / segmentPayload) packets (at least one),
 * each with a copy of @p header (segment fields filled in) and its share of the payload.
 * @param [in] socket a UDP socket
 * @param [in] header the message header (segment, segments and message bytes are set here)
 * @param [in] bytes payload bytes of the message
 * @param [in] segmentPayload payload bytes per packet, > 0
 * @param [in] to destination address
 * @param [in] port destination port
 * @return the number of packets sent
 */
uint32_t SendSegmented(Ptr<Socket> socket,
                       CollaborativeInferenceHeader header,
                       uint32_t bytes,
                       uint32_t segmentPayload,
                       Ipv4Address to,
                       uint16_t port);

} // namespace edgeinference
} // namespace ns3

#endif /* COLLABORATIVE_INFERENCE_HEADER_H */
