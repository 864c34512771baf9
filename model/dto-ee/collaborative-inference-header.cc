/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collaborative-inference-header.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/socket.h"

#include <algorithm>
#include <cstring>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("CollaborativeInferenceHeader");

NS_OBJECT_ENSURE_REGISTERED(CollaborativeInferenceHeader);

CollaborativeInferenceHeader::CollaborativeInferenceHeader() = default;

TypeId
CollaborativeInferenceHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CollaborativeInferenceHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeInference")
                            .AddConstructor<CollaborativeInferenceHeader>();
    return tid;
}

TypeId
CollaborativeInferenceHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
CollaborativeInferenceHeader::GetSerializedSize() const
{
    return SIZE;
}

void
CollaborativeInferenceHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_type);
    i.WriteHtonU64(m_taskId);
    i.WriteHtonU32(m_origin.Get());
    i.WriteHtonU16(m_originPort);
    i.WriteHtonU32(m_stage);
    i.WriteHtonU16(m_segment);
    i.WriteHtonU16(m_segments);
    i.WriteHtonU32(m_messageBytes);
    i.WriteHtonU64(static_cast<uint64_t>(m_createdNs));
    i.WriteHtonU64(static_cast<uint64_t>(m_enteredNs));
    i.WriteHtonU64(static_cast<uint64_t>(m_exitedNs));
    i.WriteHtonU32(m_exitNode);
    uint64_t bits = 0;
    std::memcpy(&bits, &m_confidence, sizeof(bits));
    i.WriteHtonU64(bits);
    i.WriteU8(m_correct);
}

uint32_t
CollaborativeInferenceHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_type = i.ReadU8();
    m_taskId = i.ReadNtohU64();
    m_origin.Set(i.ReadNtohU32());
    m_originPort = i.ReadNtohU16();
    m_stage = i.ReadNtohU32();
    m_segment = i.ReadNtohU16();
    m_segments = i.ReadNtohU16();
    m_messageBytes = i.ReadNtohU32();
    m_createdNs = static_cast<int64_t>(i.ReadNtohU64());
    m_enteredNs = static_cast<int64_t>(i.ReadNtohU64());
    m_exitedNs = static_cast<int64_t>(i.ReadNtohU64());
    m_exitNode = i.ReadNtohU32();
    const uint64_t bits = i.ReadNtohU64();
    std::memcpy(&m_confidence, &bits, sizeof(bits));
    m_correct = i.ReadU8();
    return SIZE;
}

void
CollaborativeInferenceHeader::Print(std::ostream& os) const
{
    os << "type=" << static_cast<int>(m_type) << " task=" << m_taskId << " origin=" << m_origin
       << ":" << m_originPort << " stage=" << m_stage << " segment=" << m_segment << "/"
       << m_segments << " bytes=" << m_messageBytes;
}

void
CollaborativeInferenceHeader::SetType(MessageType type)
{
    m_type = type;
}

CollaborativeInferenceHeader::MessageType
CollaborativeInferenceHeader::GetType() const
{
    return static_cast<MessageType>(m_type);
}

void
CollaborativeInferenceHeader::SetTaskId(uint64_t id)
{
    m_taskId = id;
}

uint64_t
CollaborativeInferenceHeader::GetTaskId() const
{
    return m_taskId;
}

void
CollaborativeInferenceHeader::SetOriginAddress(Ipv4Address address)
{
    m_origin = address;
}

Ipv4Address
CollaborativeInferenceHeader::GetOriginAddress() const
{
    return m_origin;
}

void
CollaborativeInferenceHeader::SetOriginPort(uint16_t port)
{
    m_originPort = port;
}

uint16_t
CollaborativeInferenceHeader::GetOriginPort() const
{
    return m_originPort;
}

void
CollaborativeInferenceHeader::SetStage(uint32_t stage)
{
    m_stage = stage;
}

uint32_t
CollaborativeInferenceHeader::GetStage() const
{
    return m_stage;
}

void
CollaborativeInferenceHeader::SetSegment(uint16_t segment)
{
    m_segment = segment;
}

uint16_t
CollaborativeInferenceHeader::GetSegment() const
{
    return m_segment;
}

void
CollaborativeInferenceHeader::SetSegments(uint16_t segments)
{
    m_segments = segments;
}

uint16_t
CollaborativeInferenceHeader::GetSegments() const
{
    return m_segments;
}

void
CollaborativeInferenceHeader::SetMessageBytes(uint32_t bytes)
{
    m_messageBytes = bytes;
}

uint32_t
CollaborativeInferenceHeader::GetMessageBytes() const
{
    return m_messageBytes;
}

void
CollaborativeInferenceHeader::SetCreated(Time t)
{
    m_createdNs = t.GetNanoSeconds();
}

Time
CollaborativeInferenceHeader::GetCreated() const
{
    return NanoSeconds(m_createdNs);
}

void
CollaborativeInferenceHeader::SetEntered(Time t)
{
    m_enteredNs = t.GetNanoSeconds();
}

Time
CollaborativeInferenceHeader::GetEntered() const
{
    return NanoSeconds(m_enteredNs);
}

void
CollaborativeInferenceHeader::SetExited(Time t)
{
    m_exitedNs = t.GetNanoSeconds();
}

Time
CollaborativeInferenceHeader::GetExited() const
{
    return NanoSeconds(m_exitedNs);
}

void
CollaborativeInferenceHeader::SetExitNode(uint32_t node)
{
    m_exitNode = node;
}

uint32_t
CollaborativeInferenceHeader::GetExitNode() const
{
    return m_exitNode;
}

void
CollaborativeInferenceHeader::SetConfidence(double confidence)
{
    m_confidence = confidence;
}

double
CollaborativeInferenceHeader::GetConfidence() const
{
    return m_confidence;
}

void
CollaborativeInferenceHeader::SetCorrect(bool correct)
{
    m_correct = correct ? 1 : 0;
}

bool
CollaborativeInferenceHeader::IsCorrect() const
{
    return m_correct != 0;
}

uint64_t
SegmentCount(uint64_t bytes, uint32_t segmentPayload)
{
    NS_ABORT_MSG_IF(segmentPayload == 0, "SegmentCount: segmentPayload = 0: must be > 0");
    return bytes == 0 ? 1 : (bytes - 1) / segmentPayload + 1;
}

uint32_t
SendSegmented(Ptr<Socket> socket,
              CollaborativeInferenceHeader header,
              uint32_t bytes,
              uint32_t segmentPayload,
              Ipv4Address to,
              uint16_t port)
{
    NS_ABORT_MSG_IF(segmentPayload == 0, "SendSegmented: segmentPayload = 0: must be > 0");
    const uint64_t count = SegmentCount(bytes, segmentPayload);
    NS_ABORT_MSG_IF(count > 65535,
                    "SendSegmented: a message of " << bytes << " bytes needs " << count
                                                   << " segments (at most 65535)");
    const auto segments = static_cast<uint32_t>(count);
    header.SetSegments(static_cast<uint16_t>(segments));
    header.SetMessageBytes(bytes);
    uint32_t left = bytes;
    for (uint32_t s = 0; s < segments; ++s)
    {
        const uint32_t size = std::min(left, segmentPayload);
        left -= size;
        header.SetSegment(static_cast<uint16_t>(s));
        Ptr<Packet> p = Create<Packet>(size);
        p->AddHeader(header);
        socket->SendTo(p, 0, InetSocketAddress(to, port));
    }
    return segments;
}

} // namespace edgeinference
} // namespace ns3
