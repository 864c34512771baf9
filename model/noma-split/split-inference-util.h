/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SPLIT_INFERENCE_UTIL_H
#define SPLIT_INFERENCE_UTIL_H

#include "split-inference-header.h"

#include "ns3/callback.h"
#include "ns3/ptr.h"
#include "ns3/spectrum-signal-parameters.h"

#include <cstdint>

/**
 * @file
 * @ingroup edge-inference-noma-split
 * @brief Internal helpers shared by SplitInferenceClient and SplitInferenceServer (not part
 * of the module's API: included only by their .cc files, not installed).
 */

namespace ns3
{

class Node;
class Packet;
class Socket;

namespace edgeinference
{

class NomaNetDevice;
struct NomaComponent;

/**
 * @ingroup edge-inference-noma-split
 * @brief Internal helpers of the split-inference applications (split-inference-util.h).
 */
namespace splitinference
{

/**
 * @brief The NomaNetDevice of a node.
 * @param [in] node the node
 * @return the first NomaNetDevice, or null
 */
Ptr<NomaNetDevice> FindNomaDevice(Ptr<Node> node);

/**
 * @brief SDU bytes carried by the segments of one TB (segment headers excluded).
 * @param [in] c the component
 * @return bytes
 */
uint64_t SegmentPayloadBytes(const NomaComponent& c);

/**
 * @brief The SplitInferenceHeader of an SDU queued by a NomaNetDevice.
 * @param [in] sdu the SDU (an IPv4 packet, or anything else, e.g. ARP)
 * @param [out] h the header
 * @return true if the SDU is an unfragmented IPv4/UDP datagram carrying a
 * SplitInferenceHeader
 */
bool ParseSdu(Ptr<const Packet> sdu, SplitInferenceHeader& h);

/**
 * @brief Whether an SDU queued by a NomaNetDevice is an IPv4 packet.
 * @param [in] sdu the SDU
 * @return true if it starts with an IPv4 version nibble (ARP frames do not)
 */
bool IsIpv4Sdu(Ptr<const Packet> sdu);

/**
 * @brief Key of a (user, task) pair.
 * @param [in] userId user
 * @param [in] taskId task
 * @return the key
 */
uint64_t TaskKey(uint32_t userId, uint32_t taskId);

/// Sink of a NomaNetDevice's MacTx trace.
using MacTxSink = Callback<void, Ptr<const Packet>>;

/// Sink of a NomaSpectrumPhy's Tx trace.
using PhyTxSink = Callback<void, Ptr<const SpectrumSignalParameters>>;

/**
 * @brief Connect or disconnect an application's airtime sinks: the device's MacTx (what
 * enters the queue) and its PHY's Tx (what is radiated).
 * @param [in] device the NOMA device (may be null: nothing to do)
 * @param [in] macTx the MacTx sink
 * @param [in] phyTx the PHY Tx sink
 * @param [in] connect true to connect, false to disconnect
 */
void HookAirtimeTraces(Ptr<NomaNetDevice> device,
                       const MacTxSink& macTx,
                       const PhyTxSink& phyTx,
                       bool connect);

/**
 * @brief Stop receiving on a socket and close it.
 * @param [in] socket the socket (may be null)
 */
void CloseSocket(Ptr<Socket> socket);

} // namespace splitinference
} // namespace edgeinference
} // namespace ns3

#endif /* SPLIT_INFERENCE_UTIL_H */
