/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SPLIT_INFERENCE_HEADER_H
#define SPLIT_INFERENCE_HEADER_H

#include "ns3/header.h"

#include <cstdint>

/**
 * @file
 * @ingroup edge-inference-noma-split
 * @brief Header of every split-inference datagram (activation pieces and result pieces).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-noma-split
 * @brief Header of every split-inference datagram (activation pieces and result pieces).
 *
 * An activation or a result of totalBytes payload bytes travels as ceil(totalBytes /
 * MaxPayloadBytes) UDP datagrams, each this header plus its piece. The activation header
 * carries what the edge needs to finish the task: the FLOPs of layers l+1..L and the result
 * size, so that the server needs no copy of the model profile.
 */
class SplitInferenceHeader : public Header
{
  public:
    /// Message types.
    enum Type : uint8_t
    {
        ACTIVATION = 1, ///< UE to edge: a piece of o_l
        RESULT = 2      ///< Edge to UE: a piece of o_res
    };

    /// Serialized size, bytes.
    static constexpr uint32_t SERIALIZED_SIZE{32};

    /**
     * Get the TypeId.
     * @return the TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    uint8_t type{ACTIVATION}; ///< Message type
    uint16_t splitPoint{0};   ///< l, the last layer run on the device
    uint32_t userId{0};       ///< User (UE index of the client's NomaNetDevice)
    uint32_t taskId{0};       ///< Task number of the user (from 0)
    uint32_t totalBytes{0};   ///< Payload bytes of the whole activation or result
    uint32_t offset{0};       ///< Offset of this piece in the payload, bytes
    uint32_t resultBytes{0};  ///< Activation: bytes of o_res to return
    uint64_t edgeFlops{0};    ///< Activation: FLOPs of layers l+1..L
};

} // namespace edgeinference
} // namespace ns3

#endif /* SPLIT_INFERENCE_HEADER_H */
