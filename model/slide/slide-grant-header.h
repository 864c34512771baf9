/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SLIDE_GRANT_HEADER_H
#define SLIDE_GRANT_HEADER_H

#include "ns3/header.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>

/**
 * @file
 * @ingroup edge-inference-slide
 * @brief Allocation decision sent by a LayerStreamingServer to a LayerwiseInferenceClient (SLIDE).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-slide
 * @brief Allocation decision sent by a LayerStreamingServer that runs an allocator
 * (SlideResourceManager) to a LayerwiseInferenceClient, before the first layer.
 *
 * A new message type of the layer-streaming protocol: a server with an allocator answers a
 * request with this message first; if the user is admitted the layers of the granted model
 * variant follow, otherwise the server closes the connection. A client tells the two message
 * types apart by the magic number, so servers without an allocator (layers only) still work.
 *
 * It carries the three decisions of SLIDE (Paper 1, arXiv 2512.20946): the model variant,
 * the downlink bandwidth and the device compute frequency, plus the execution rule and the
 * allocator's prediction. Wire format (network byte order): magic 0x4744 ("GD", 2 bytes),
 * version (1), task id (4), status (1: 0 admitted, 1 rejected), reason code (1, the
 * allocator's reject reason), execution (1: 0 streaming, 1 download-then-infer), frequency
 * Hz (8, IEEE-754 double bits), bandwidth Hz (8, double), predicted latency s from the
 * decision (8, double), decision time ns (8, signed), text length n (1), text (n bytes,
 * ASCII: the model variant if admitted, the reason if rejected).
 */
class SlideGrantHeader : public Header
{
  public:
    /// Magic number that starts every grant.
    static constexpr uint16_t MAGIC = 0x4744;
    /// Protocol version of the grant message.
    static constexpr uint8_t VERSION = 1;
    /// Longest text that fits the one-byte length field (longer text is truncated).
    static constexpr uint32_t MAX_TEXT_LENGTH = 255;

    /// Status of a grant.
    enum Status : uint8_t
    {
        ADMITTED = 0, ///< The user is served: layers follow
        REJECTED = 1  ///< The user is not served: the server closes the connection
    };

    SlideGrantHeader();

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

    /**
     * @brief Bytes needed to know the full size of a grant from a stream prefix.
     * @return the length of the fixed part (everything but the text)
     */
    static constexpr uint32_t GetFixedSize() { return 2 + 1 + 4 + 1 + 1 + 1 + 8 + 8 + 8 + 8 + 1; }

    /// @param [in] id the task id of the request
    void SetTaskId(uint32_t id);
    /// @return the task id
    uint32_t GetTaskId() const;
    /// @param [in] status admitted or rejected
    void SetStatus(Status status);
    /// @return admitted or rejected
    Status GetStatus() const;
    /// @param [in] code the allocator's reject reason (SlideRejectReason as an integer)
    void SetReasonCode(uint8_t code);
    /// @return the reject reason code (0 if admitted)
    uint8_t GetReasonCode() const;
    /// @param [in] downloadThenInfer true if the client must download the whole model first
    void SetDownloadThenInfer(bool downloadThenInfer);
    /// @return true if the client must download the whole model first (DAI)
    bool IsDownloadThenInfer() const;
    /// @param [in] hz device compute frequency to apply, Hz
    void SetFrequencyHz(double hz);
    /// @return device compute frequency to apply, Hz
    double GetFrequencyHz() const;
    /// @param [in] hz downlink bandwidth allocated, Hz
    void SetBandwidthHz(double hz);
    /// @return downlink bandwidth allocated, Hz
    double GetBandwidthHz() const;
    /// @param [in] s predicted completion time counted from the decision, s
    void SetPredictedLatencyS(double s);
    /// @return predicted completion time counted from the decision, s
    double GetPredictedLatencyS() const;
    /// @param [in] t simulation time of the decision
    void SetDecisionTime(Time t);
    /// @return simulation time of the decision
    Time GetDecisionTime() const;
    /**
     * @brief Set the text: the model variant (admitted) or the reason (rejected); text longer
     * than MAX_TEXT_LENGTH is truncated.
     * @param [in] text the text
     */
    void SetText(const std::string& text);
    /// @return the text
    const std::string& GetText() const;
    /// @return true if the last Deserialize() saw the right magic and version
    bool IsValid() const;

  private:
    uint32_t m_taskId;         ///< Task id
    Status m_status;           ///< Admitted or rejected
    uint8_t m_reasonCode;      ///< Reject reason code
    bool m_downloadThenInfer;  ///< Execution rule
    double m_frequencyHz;      ///< Frequency, Hz
    double m_bandwidthHz;      ///< Bandwidth, Hz
    double m_predictedLatency; ///< Prediction, s
    int64_t m_decisionTimeNs;  ///< Decision time, ns
    std::string m_text;        ///< Model variant or reason
    bool m_valid;              ///< Magic and version were right on deserialisation
};

} // namespace edgeinference
} // namespace ns3

#endif /* SLIDE_GRANT_HEADER_H */
