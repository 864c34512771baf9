/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "inference-request-header.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("EdgeInferenceHeader");

NS_OBJECT_ENSURE_REGISTERED(InferenceRequestHeader);

InferenceRequestHeader::InferenceRequestHeader()
    : m_taskId(0)
    , m_valid(false)
{
}

TypeId
InferenceRequestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::InferenceRequestHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeInference")
                            .AddConstructor<InferenceRequestHeader>();
    return tid;
}

TypeId
InferenceRequestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
InferenceRequestHeader::Print(std::ostream& os) const
{
    os << "task=" << m_taskId << " model=" << m_modelName;
}

uint32_t
InferenceRequestHeader::GetSerializedSize() const
{
    return GetFixedSize() + static_cast<uint32_t>(m_modelName.size());
}

void
InferenceRequestHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU16(MAGIC);
    start.WriteU8(VERSION);
    start.WriteHtonU32(m_taskId);
    start.WriteU8(static_cast<uint8_t>(m_modelName.size()));
    start.Write(reinterpret_cast<const uint8_t*>(m_modelName.data()),
                static_cast<uint32_t>(m_modelName.size()));
}

uint32_t
InferenceRequestHeader::Deserialize(Buffer::Iterator start)
{
    const uint16_t magic = start.ReadNtohU16();
    const uint8_t version = start.ReadU8();
    m_taskId = start.ReadNtohU32();
    const uint8_t declared = start.ReadU8();
    // a truncated packet holds fewer bytes than declared: read those, mark it invalid
    const uint8_t n = static_cast<uint8_t>(std::min<uint32_t>(declared, start.GetRemainingSize()));
    m_modelName.assign(n, '\0');
    if (n > 0)
    {
        start.Read(reinterpret_cast<uint8_t*>(&m_modelName[0]), n);
    }
    m_valid = (magic == MAGIC && version == VERSION) && n == declared;
    return GetFixedSize() + n;
}

void
InferenceRequestHeader::SetTaskId(uint32_t id)
{
    m_taskId = id;
}

uint32_t
InferenceRequestHeader::GetTaskId() const
{
    return m_taskId;
}

void
InferenceRequestHeader::SetModelName(const std::string& name)
{
    NS_ABORT_MSG_IF(name.size() > MAX_NAME_LENGTH,
                    "InferenceRequestHeader: model name '" << name << "' has " << name.size()
                                                           << " characters (at most "
                                                           << MAX_NAME_LENGTH << ")");
    m_modelName = name;
}

const std::string&
InferenceRequestHeader::GetModelName() const
{
    return m_modelName;
}

bool
InferenceRequestHeader::IsValid() const
{
    return m_valid;
}

} // namespace edgeinference
} // namespace ns3
