/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slide-grant-header.h"

#include "ns3/log.h"

#include <algorithm>
#include <cstring>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("SlideGrantHeader");

NS_OBJECT_ENSURE_REGISTERED(SlideGrantHeader);

namespace
{

/**
 * @brief Write a double as its IEEE-754 bits in network byte order.
 * @param [in,out] it buffer iterator
 * @param [in] value the value
 */
void
WriteDouble(Buffer::Iterator& it, double value)
{
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof(bits));
    it.WriteHtonU64(bits);
}

/**
 * @brief Read a double written by WriteDouble().
 * @param [in,out] it buffer iterator
 * @return the value
 */
double
ReadDouble(Buffer::Iterator& it)
{
    const uint64_t bits = it.ReadNtohU64();
    double value = 0;
    std::memcpy(&value, &bits, sizeof(value));
    return value;
}

} // namespace

SlideGrantHeader::SlideGrantHeader()
    : m_taskId(0)
    , m_status(REJECTED)
    , m_reasonCode(0)
    , m_downloadThenInfer(false)
    , m_frequencyHz(0)
    , m_bandwidthHz(0)
    , m_predictedLatency(0)
    , m_decisionTimeNs(0)
    , m_valid(false)
{
}

TypeId
SlideGrantHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SlideGrantHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeInference")
                            .AddConstructor<SlideGrantHeader>();
    return tid;
}

TypeId
SlideGrantHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
SlideGrantHeader::Print(std::ostream& os) const
{
    os << "task=" << m_taskId << (m_status == ADMITTED ? " admitted" : " rejected")
       << " reason=" << static_cast<uint32_t>(m_reasonCode)
       << (m_downloadThenInfer ? " dai" : " streaming") << " f=" << m_frequencyHz
       << "Hz B=" << m_bandwidthHz << "Hz pred=" << m_predictedLatency << "s t=" << m_decisionTimeNs
       << "ns text=" << m_text;
}

uint32_t
SlideGrantHeader::GetSerializedSize() const
{
    return GetFixedSize() + static_cast<uint32_t>(m_text.size());
}

void
SlideGrantHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU16(MAGIC);
    start.WriteU8(VERSION);
    start.WriteHtonU32(m_taskId);
    start.WriteU8(static_cast<uint8_t>(m_status));
    start.WriteU8(m_reasonCode);
    start.WriteU8(m_downloadThenInfer ? 1 : 0);
    WriteDouble(start, m_frequencyHz);
    WriteDouble(start, m_bandwidthHz);
    WriteDouble(start, m_predictedLatency);
    start.WriteHtonU64(static_cast<uint64_t>(m_decisionTimeNs));
    start.WriteU8(static_cast<uint8_t>(m_text.size()));
    start.Write(reinterpret_cast<const uint8_t*>(m_text.data()),
                static_cast<uint32_t>(m_text.size()));
}

uint32_t
SlideGrantHeader::Deserialize(Buffer::Iterator start)
{
    const uint16_t magic = start.ReadNtohU16();
    const uint8_t version = start.ReadU8();
    m_taskId = start.ReadNtohU32();
    const uint8_t status = start.ReadU8();
    m_reasonCode = start.ReadU8();
    const uint8_t execution = start.ReadU8();
    m_frequencyHz = ReadDouble(start);
    m_bandwidthHz = ReadDouble(start);
    m_predictedLatency = ReadDouble(start);
    m_decisionTimeNs = static_cast<int64_t>(start.ReadNtohU64());
    const uint8_t declared = start.ReadU8();
    // a truncated packet holds fewer bytes than declared: read those, mark it invalid
    const uint8_t n = static_cast<uint8_t>(std::min<uint32_t>(declared, start.GetRemainingSize()));
    m_text.assign(n, '\0');
    if (n > 0)
    {
        start.Read(reinterpret_cast<uint8_t*>(&m_text[0]), n);
    }
    m_status = status == ADMITTED ? ADMITTED : REJECTED;
    m_downloadThenInfer = execution == 1;
    m_valid = magic == MAGIC && version == VERSION && status <= REJECTED && execution <= 1 &&
              n == declared;
    return GetFixedSize() + n;
}

void
SlideGrantHeader::SetTaskId(uint32_t id)
{
    m_taskId = id;
}

uint32_t
SlideGrantHeader::GetTaskId() const
{
    return m_taskId;
}

void
SlideGrantHeader::SetStatus(Status status)
{
    m_status = status;
}

SlideGrantHeader::Status
SlideGrantHeader::GetStatus() const
{
    return m_status;
}

void
SlideGrantHeader::SetReasonCode(uint8_t code)
{
    m_reasonCode = code;
}

uint8_t
SlideGrantHeader::GetReasonCode() const
{
    return m_reasonCode;
}

void
SlideGrantHeader::SetDownloadThenInfer(bool downloadThenInfer)
{
    m_downloadThenInfer = downloadThenInfer;
}

bool
SlideGrantHeader::IsDownloadThenInfer() const
{
    return m_downloadThenInfer;
}

void
SlideGrantHeader::SetFrequencyHz(double hz)
{
    m_frequencyHz = hz;
}

double
SlideGrantHeader::GetFrequencyHz() const
{
    return m_frequencyHz;
}

void
SlideGrantHeader::SetBandwidthHz(double hz)
{
    m_bandwidthHz = hz;
}

double
SlideGrantHeader::GetBandwidthHz() const
{
    return m_bandwidthHz;
}

void
SlideGrantHeader::SetPredictedLatencyS(double s)
{
    m_predictedLatency = s;
}

double
SlideGrantHeader::GetPredictedLatencyS() const
{
    return m_predictedLatency;
}

void
SlideGrantHeader::SetDecisionTime(Time t)
{
    m_decisionTimeNs = t.GetNanoSeconds();
}

Time
SlideGrantHeader::GetDecisionTime() const
{
    return NanoSeconds(m_decisionTimeNs);
}

void
SlideGrantHeader::SetText(const std::string& text)
{
    m_text = text.substr(0, MAX_TEXT_LENGTH);
}

const std::string&
SlideGrantHeader::GetText() const
{
    return m_text;
}

bool
SlideGrantHeader::IsValid() const
{
    return m_valid;
}

} // namespace edgeinference
} // namespace ns3
