/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "layer-header.h"

#include "ns3/log.h"

#include <cstring>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("LayerHeader");

NS_OBJECT_ENSURE_REGISTERED(LayerHeader);

LayerHeader::LayerHeader()
    : m_taskId(0)
    , m_layerIndex(0)
    , m_nLayers(0)
    , m_payloadBytes(0)
    , m_flops(0)
    , m_valid(false)
{
}

TypeId
LayerHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LayerHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeInference")
                            .AddConstructor<LayerHeader>();
    return tid;
}

TypeId
LayerHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LayerHeader::Print(std::ostream& os) const
{
    os << "task=" << m_taskId << " layer=" << m_layerIndex << "/" << m_nLayers
       << " bytes=" << m_payloadBytes << " flops=" << m_flops;
}

uint32_t
LayerHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LayerHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU16(MAGIC);
    start.WriteHtonU32(m_taskId);
    start.WriteHtonU32(m_layerIndex);
    start.WriteHtonU32(m_nLayers);
    start.WriteHtonU64(m_payloadBytes);
    uint64_t bits = 0;
    static_assert(sizeof(bits) == sizeof(m_flops), "double must be 64 bits");
    std::memcpy(&bits, &m_flops, sizeof(bits));
    start.WriteHtonU64(bits);
}

uint32_t
LayerHeader::Deserialize(Buffer::Iterator start)
{
    const uint16_t magic = start.ReadNtohU16();
    m_taskId = start.ReadNtohU32();
    m_layerIndex = start.ReadNtohU32();
    m_nLayers = start.ReadNtohU32();
    m_payloadBytes = start.ReadNtohU64();
    const uint64_t bits = start.ReadNtohU64();
    std::memcpy(&m_flops, &bits, sizeof(bits));
    m_valid = (magic == MAGIC);
    return SIZE;
}

void
LayerHeader::SetTaskId(uint32_t id)
{
    m_taskId = id;
}

uint32_t
LayerHeader::GetTaskId() const
{
    return m_taskId;
}

void
LayerHeader::SetLayerIndex(uint32_t index)
{
    m_layerIndex = index;
}

uint32_t
LayerHeader::GetLayerIndex() const
{
    return m_layerIndex;
}

void
LayerHeader::SetNLayers(uint32_t n)
{
    m_nLayers = n;
}

uint32_t
LayerHeader::GetNLayers() const
{
    return m_nLayers;
}

void
LayerHeader::SetPayloadBytes(uint64_t bytes)
{
    m_payloadBytes = bytes;
}

uint64_t
LayerHeader::GetPayloadBytes() const
{
    return m_payloadBytes;
}

void
LayerHeader::SetFlops(double flops)
{
    m_flops = flops;
}

double
LayerHeader::GetFlops() const
{
    return m_flops;
}

bool
LayerHeader::IsValid() const
{
    return m_valid;
}

} // namespace edgeinference
} // namespace ns3
