/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "offloading-header.h"

#include "ns3/log.h"

#include <cstring>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("OffloadingHeader");

NS_OBJECT_ENSURE_REGISTERED(OffloadingHeader);

namespace
{

/**
 * @param [in] it buffer iterator
 * @param [in] v value written as its IEEE-754 bits
 */
void
WriteDouble(Buffer::Iterator& it, double v)
{
    uint64_t bits = 0;
    static_assert(sizeof(bits) == sizeof(v), "double must be 64 bits");
    std::memcpy(&bits, &v, sizeof(bits));
    it.WriteHtonU64(bits);
}

/**
 * @param [in] it buffer iterator
 * @return the double read from its IEEE-754 bits
 */
double
ReadDouble(Buffer::Iterator& it)
{
    const uint64_t bits = it.ReadNtohU64();
    double v = 0;
    std::memcpy(&v, &bits, sizeof(v));
    return v;
}

} // namespace

OffloadingHeader::OffloadingHeader()
    : m_type(INVALID)
    , m_status(NOT_SCHEDULED)
    , m_reason(0)
    , m_exit(-1)
    , m_modelIndex(0)
    , m_frame(0)
    , m_taskId(0)
    , m_imsi(0)
    , m_uploadBytes(0)
    , m_offset(0)
    , m_accuracy(0)
    , m_deadlineS(0)
    , m_frameStartS(0)
    , m_snrBandwidthHz(0)
    , m_bandwidthHz(0)
    , m_timeS(0)
    , m_predictedCompletion(0)
{
}

TypeId
OffloadingHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::OffloadingHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeInference")
                            .AddConstructor<OffloadingHeader>();
    return tid;
}

TypeId
OffloadingHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
OffloadingHeader::Print(std::ostream& os) const
{
    os << "type=" << static_cast<uint32_t>(m_type) << " frame=" << m_frame << " task=" << m_taskId
       << " imsi=" << m_imsi << " status=" << static_cast<uint32_t>(m_status) << " exit=" << m_exit
       << " model=" << m_modelIndex << " bytes=" << m_uploadBytes << " offset=" << m_offset;
}

uint32_t
OffloadingHeader::GetSerializedSize() const
{
    return SIZE;
}

void
OffloadingHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU16(MAGIC);
    start.WriteU8(VERSION);
    start.WriteU8(m_type);
    start.WriteU8(m_status);
    start.WriteU8(m_reason);
    start.WriteHtonU16(static_cast<uint16_t>(m_exit));
    start.WriteHtonU16(m_modelIndex);
    start.WriteHtonU32(m_frame);
    start.WriteHtonU32(m_taskId);
    start.WriteHtonU64(m_imsi);
    start.WriteHtonU32(m_uploadBytes);
    start.WriteHtonU32(m_offset);
    WriteDouble(start, m_accuracy);
    WriteDouble(start, m_deadlineS);
    WriteDouble(start, m_frameStartS);
    WriteDouble(start, m_snrBandwidthHz);
    WriteDouble(start, m_bandwidthHz);
    WriteDouble(start, m_timeS);
    WriteDouble(start, m_predictedCompletion);
}

uint32_t
OffloadingHeader::Deserialize(Buffer::Iterator start)
{
    const uint16_t magic = start.ReadNtohU16();
    const uint8_t version = start.ReadU8();
    const uint8_t type = start.ReadU8();
    m_status = static_cast<Status>(start.ReadU8());
    m_reason = start.ReadU8();
    m_exit = static_cast<int16_t>(start.ReadNtohU16());
    m_modelIndex = start.ReadNtohU16();
    m_frame = start.ReadNtohU32();
    m_taskId = start.ReadNtohU32();
    m_imsi = start.ReadNtohU64();
    m_uploadBytes = start.ReadNtohU32();
    m_offset = start.ReadNtohU32();
    m_accuracy = ReadDouble(start);
    m_deadlineS = ReadDouble(start);
    m_frameStartS = ReadDouble(start);
    m_snrBandwidthHz = ReadDouble(start);
    m_bandwidthHz = ReadDouble(start);
    m_timeS = ReadDouble(start);
    m_predictedCompletion = ReadDouble(start);
    const bool valid = magic == MAGIC && version == VERSION && type >= REQUEST && type <= RESULT;
    m_type = valid ? static_cast<Type>(type) : INVALID;
    return SIZE;
}

void
OffloadingHeader::SetType(Type type)
{
    m_type = type;
}

OffloadingHeader::Type
OffloadingHeader::GetType() const
{
    return m_type;
}

void
OffloadingHeader::SetStatus(Status status)
{
    m_status = status;
}

OffloadingHeader::Status
OffloadingHeader::GetStatus() const
{
    return m_status;
}

void
OffloadingHeader::SetReason(uint8_t reason)
{
    m_reason = reason;
}

uint8_t
OffloadingHeader::GetReason() const
{
    return m_reason;
}

void
OffloadingHeader::SetExit(int16_t exit)
{
    m_exit = exit;
}

int16_t
OffloadingHeader::GetExit() const
{
    return m_exit;
}

void
OffloadingHeader::SetModelIndex(uint16_t index)
{
    m_modelIndex = index;
}

uint16_t
OffloadingHeader::GetModelIndex() const
{
    return m_modelIndex;
}

void
OffloadingHeader::SetFrame(uint32_t frame)
{
    m_frame = frame;
}

uint32_t
OffloadingHeader::GetFrame() const
{
    return m_frame;
}

void
OffloadingHeader::SetTaskId(uint32_t id)
{
    m_taskId = id;
}

uint32_t
OffloadingHeader::GetTaskId() const
{
    return m_taskId;
}

void
OffloadingHeader::SetImsi(uint64_t imsi)
{
    m_imsi = imsi;
}

uint64_t
OffloadingHeader::GetImsi() const
{
    return m_imsi;
}

void
OffloadingHeader::SetUploadBytes(uint32_t bytes)
{
    m_uploadBytes = bytes;
}

uint32_t
OffloadingHeader::GetUploadBytes() const
{
    return m_uploadBytes;
}

void
OffloadingHeader::SetOffset(uint32_t offset)
{
    m_offset = offset;
}

uint32_t
OffloadingHeader::GetOffset() const
{
    return m_offset;
}

void
OffloadingHeader::SetAccuracyRequirement(double alpha)
{
    m_accuracy = alpha;
}

double
OffloadingHeader::GetAccuracyRequirement() const
{
    return m_accuracy;
}

void
OffloadingHeader::SetDeadlineS(double s)
{
    m_deadlineS = s;
}

double
OffloadingHeader::GetDeadlineS() const
{
    return m_deadlineS;
}

void
OffloadingHeader::SetFrameStartS(double s)
{
    m_frameStartS = s;
}

double
OffloadingHeader::GetFrameStartS() const
{
    return m_frameStartS;
}

void
OffloadingHeader::SetSnrBandwidthHz(double hz)
{
    m_snrBandwidthHz = hz;
}

double
OffloadingHeader::GetSnrBandwidthHz() const
{
    return m_snrBandwidthHz;
}

void
OffloadingHeader::SetBandwidthHz(double hz)
{
    m_bandwidthHz = hz;
}

double
OffloadingHeader::GetBandwidthHz() const
{
    return m_bandwidthHz;
}

void
OffloadingHeader::SetTimeS(double s)
{
    m_timeS = s;
}

double
OffloadingHeader::GetTimeS() const
{
    return m_timeS;
}

void
OffloadingHeader::SetPredictedCompletionS(double s)
{
    m_predictedCompletion = s;
}

double
OffloadingHeader::GetPredictedCompletionS() const
{
    return m_predictedCompletion;
}

} // namespace edgeinference
} // namespace ns3
