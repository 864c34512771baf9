/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "split-inference-util.h"

#include "ns3/ipv4-header.h"
#include "ns3/node.h"
#include "ns3/noma-net-device.h"
#include "ns3/noma-spectrum-signal-parameters.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

namespace ns3
{
namespace edgeinference
{
namespace splitinference
{

/**
 * @brief The NomaNetDevice of a node.
 * @param [in] node the node
 * @return the first NomaNetDevice, or null
 */
Ptr<NomaNetDevice>
FindNomaDevice(Ptr<Node> node)
{
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Ptr<NomaNetDevice> d = DynamicCast<NomaNetDevice>(node->GetDevice(i));
        if (d)
        {
            return d;
        }
    }
    return nullptr;
}

/**
 * @brief SDU bytes carried by the segments of one TB (segment headers excluded).
 * @param [in] c the component
 * @return bytes
 */
uint64_t
SegmentPayloadBytes(const NomaComponent& c)
{
    const uint32_t header = NomaSegmentHeader().GetSerializedSize();
    uint64_t bytes = 0;
    for (const auto& s : c.segments)
    {
        bytes += s->GetSize() > header ? s->GetSize() - header : 0;
    }
    return bytes;
}

/**
 * @brief The SplitInferenceHeader of an SDU queued by a NomaNetDevice.
 * @param [in] sdu the SDU (an IPv4 packet, or anything else, e.g. ARP)
 * @param [out] h the header
 * @return true if the SDU is an unfragmented IPv4/UDP datagram carrying a
 * SplitInferenceHeader
 */
bool
ParseSdu(Ptr<const Packet> sdu, SplitInferenceHeader& h)
{
    constexpr uint32_t minBytes = 20 + 8 + SplitInferenceHeader::SERIALIZED_SIZE;
    if (sdu->GetSize() < minBytes)
    {
        return false;
    }
    Ptr<Packet> p = sdu->Copy();
    Ipv4Header ip;
    p->RemoveHeader(ip);
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER || ip.GetFragmentOffset() != 0 ||
        !ip.IsLastFragment())
    {
        return false;
    }
    UdpHeader udp;
    p->RemoveHeader(udp);
    if (p->GetSize() < SplitInferenceHeader::SERIALIZED_SIZE)
    {
        return false;
    }
    p->PeekHeader(h);
    return h.type == SplitInferenceHeader::ACTIVATION || h.type == SplitInferenceHeader::RESULT;
}

/**
 * @brief Whether an SDU queued by a NomaNetDevice is an IPv4 packet.
 * @param [in] sdu the SDU
 * @return true if it starts with an IPv4 version nibble (ARP frames do not)
 */
bool
IsIpv4Sdu(Ptr<const Packet> sdu)
{
    if (sdu->GetSize() < 20)
    {
        return false;
    }
    uint8_t first = 0;
    sdu->CopyData(&first, 1);
    return (first >> 4) == 4;
}

/**
 * @brief Key of a (user, task) pair.
 * @param [in] userId user
 * @param [in] taskId task
 * @return the key
 */
uint64_t
TaskKey(uint32_t userId, uint32_t taskId)
{
    return (static_cast<uint64_t>(userId) << 32) | taskId;
}

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
void
HookAirtimeTraces(Ptr<NomaNetDevice> device,
                  const MacTxSink& macTx,
                  const PhyTxSink& phyTx,
                  bool connect)
{
    if (!device)
    {
        return;
    }
    if (connect)
    {
        device->TraceConnectWithoutContext("MacTx", macTx);
        device->GetPhy()->TraceConnectWithoutContext("Tx", phyTx);
        return;
    }
    device->TraceDisconnectWithoutContext("MacTx", macTx);
    if (device->GetPhy())
    {
        device->GetPhy()->TraceDisconnectWithoutContext("Tx", phyTx);
    }
}

/**
 * @brief Stop receiving on a socket and close it.
 * @param [in] socket the socket (may be null)
 */
void
CloseSocket(Ptr<Socket> socket)
{
    if (socket)
    {
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
    }
}

} // namespace splitinference
} // namespace edgeinference
} // namespace ns3
