/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "split-inference-header.h"

#include "ns3/log.h"

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("SplitInferenceHeader");

NS_OBJECT_ENSURE_REGISTERED(SplitInferenceHeader);

TypeId
SplitInferenceHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SplitInferenceHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeInference")
                            .AddConstructor<SplitInferenceHeader>();
    return tid;
}

TypeId
SplitInferenceHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
SplitInferenceHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
SplitInferenceHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(type);
    start.WriteU8(0); // reserved
    start.WriteHtonU16(splitPoint);
    start.WriteHtonU32(userId);
    start.WriteHtonU32(taskId);
    start.WriteHtonU32(totalBytes);
    start.WriteHtonU32(offset);
    start.WriteHtonU32(resultBytes);
    start.WriteHtonU64(edgeFlops);
}

uint32_t
SplitInferenceHeader::Deserialize(Buffer::Iterator start)
{
    type = start.ReadU8();
    start.ReadU8();
    splitPoint = start.ReadNtohU16();
    userId = start.ReadNtohU32();
    taskId = start.ReadNtohU32();
    totalBytes = start.ReadNtohU32();
    offset = start.ReadNtohU32();
    resultBytes = start.ReadNtohU32();
    edgeFlops = start.ReadNtohU64();
    return SERIALIZED_SIZE;
}

void
SplitInferenceHeader::Print(std::ostream& os) const
{
    os << (type == ACTIVATION ? "ACTIVATION" : "RESULT") << " user=" << userId << " task=" << taskId
       << " split=" << splitPoint << " total=" << totalBytes << " offset=" << offset
       << " resultBytes=" << resultBytes << " edgeFlops=" << edgeFlops;
}

} // namespace edgeinference
} // namespace ns3
