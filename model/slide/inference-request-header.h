/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef INFERENCE_REQUEST_HEADER_H
#define INFERENCE_REQUEST_HEADER_H

#include "ns3/header.h"

#include <cstdint>
#include <string>

/**
 * @file
 * @ingroup edge-inference-slide
 * @brief Request sent by a LayerwiseInferenceClient to a LayerStreamingServer (SLIDE).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-slide
 * @brief Request sent by a LayerwiseInferenceClient to a LayerStreamingServer.
 *
 * Wire format (network byte order): magic 0x4549 ("EI", 2 bytes), version (1 byte),
 * task id (4 bytes), model-name length n (1 byte), model name (n bytes, ASCII).
 */
class InferenceRequestHeader : public Header
{
  public:
    /// Magic number that starts every request.
    static constexpr uint16_t MAGIC = 0x4549;
    /// Protocol version.
    static constexpr uint8_t VERSION = 1;
    /// Longest model name that fits the one-byte length field.
    static constexpr uint32_t MAX_NAME_LENGTH = 255;

    InferenceRequestHeader();

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

    /// @param [in] id the task id
    void SetTaskId(uint32_t id);
    /// @return the task id
    uint32_t GetTaskId() const;
    /**
     * @brief Set the requested model. Aborts (NS_ABORT) if longer than MAX_NAME_LENGTH.
     * @param [in] name model name
     */
    void SetModelName(const std::string& name);
    /// @return the requested model name
    const std::string& GetModelName() const;
    /// @return true if the last Deserialize() saw the right magic and version
    bool IsValid() const;

    /**
     * @brief Bytes needed to know the full size of a request from a stream prefix.
     * @return the length of the fixed part (magic, version, task id, name length)
     */
    static constexpr uint32_t GetFixedSize() { return 2 + 1 + 4 + 1; }

  private:
    uint32_t m_taskId;       ///< Task id chosen by the client
    std::string m_modelName; ///< Requested model
    bool m_valid;            ///< Magic and version were right on deserialisation
};

} // namespace edgeinference
} // namespace ns3

#endif /* INFERENCE_REQUEST_HEADER_H */
