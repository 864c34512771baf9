/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LAYER_HEADER_H
#define LAYER_HEADER_H

#include "ns3/header.h"

#include <cstdint>

/**
 * @file
 * @ingroup edge-inference-slide
 * @brief Header preceding each layer's parameters in a layer stream (SLIDE).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-slide
 * @brief Header preceding each layer's parameters in a layer stream.
 *
 * It carries what the receiver needs to run the layer: its index, the number of layers,
 * the payload size and the layer's FLOPs per sample. Wire format (network byte order):
 * magic 0x4C59 ("LY", 2 bytes), task id (4), layer index (4), number of layers (4),
 * payload bytes (8), FLOPs per sample (8, IEEE-754 double bits).
 */
class LayerHeader : public Header
{
  public:
    /// Magic number that starts every layer header.
    static constexpr uint16_t MAGIC = 0x4C59;
    /// Serialized size, bytes.
    static constexpr uint32_t SIZE = 2 + 4 + 4 + 4 + 8 + 8;

    LayerHeader();

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
    /// @param [in] index 0-based layer index
    void SetLayerIndex(uint32_t index);
    /// @return the 0-based layer index
    uint32_t GetLayerIndex() const;
    /// @param [in] n number of layers of the model
    void SetNLayers(uint32_t n);
    /// @return number of layers of the model
    uint32_t GetNLayers() const;
    /// @param [in] bytes payload bytes that follow the header
    void SetPayloadBytes(uint64_t bytes);
    /// @return payload bytes that follow the header
    uint64_t GetPayloadBytes() const;
    /// @param [in] flops forward FLOPs per sample of the layer
    void SetFlops(double flops);
    /// @return forward FLOPs per sample of the layer
    double GetFlops() const;
    /// @return true if the last Deserialize() saw the right magic
    bool IsValid() const;

  private:
    uint32_t m_taskId;       ///< Task id
    uint32_t m_layerIndex;   ///< Layer index
    uint32_t m_nLayers;      ///< Number of layers
    uint64_t m_payloadBytes; ///< Payload size
    double m_flops;          ///< FLOPs per sample
    bool m_valid;            ///< Magic was right on deserialisation
};

} // namespace edgeinference
} // namespace ns3

#endif /* LAYER_HEADER_H */
