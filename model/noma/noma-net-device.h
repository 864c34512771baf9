/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_NET_DEVICE_H
#define NOMA_NET_DEVICE_H

#include "noma-bs-mac.h"
#include "noma-spectrum-phy.h"

#include "ns3/error-model.h"
#include "ns3/event-id.h"
#include "ns3/header.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma
 * @brief IP-capable NOMA net device (base station or UE) with segmentation into TBs.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-noma
 * @brief MAC segment header: one piece of an SDU (IP packet) inside a TB (16 bytes).
 */
class NomaSegmentHeader : public Header
{
  public:
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

    uint16_t seq{0};      ///< SDU sequence number (per transmitter queue)
    uint16_t offset{0};   ///< Offset of this piece in the SDU, bytes
    uint16_t length{0};   ///< Length of this piece, bytes
    uint16_t total{0};    ///< SDU size, bytes
    uint16_t protocol{0}; ///< EtherType of the SDU
    Mac48Address dst;     ///< Destination address of the SDU
};

/**
 * @ingroup edge-inference-noma
 * @brief NOMA net device: a base station (frame scheduler) or a UE, over NomaSpectrumPhy.
 *
 * Star topology: UEs talk to their base station (the base station relays UE-to-UE frames).
 * IP packets (SDUs) wait in per-UE queues (MaxQueuePackets; a full queue drops with the
 * MacTxDrop trace; ARP frames bypass the limit and go ahead of the data) and are cut into
 * segments (NomaSegmentHeader) filling the TBs of the frame schedule; the receiver reassembles them
 * and drops an incomplete SDU (MacRxDrop) when a TB was lost. No HARQ or ARQ. Every FrameDuration
 * the base station asks its NomaBsMac for the schedule, sends the downlink frame (one superposed
 * signal) and hands the uplink grants to its UEs, which transmit in the same frame. Control
 * signalling (grants, buffer status, channel state) is ideal: the base station reads the UE queues
 * directly and gets the channel gains from a gain provider (NomaHelper: the channel's propagation
 * loss model).
 */
class NomaNetDevice : public NetDevice
{
  public:
    /**
     * Get the TypeId.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    NomaNetDevice();
    ~NomaNetDevice() override;

    /// Channel gain provider: (UE index, subchannel, isDownlink) -> linear gain.
    typedef Callback<double, uint32_t, uint32_t, bool> GainProvider;

    /**
     * Signature of the packet trace sources.
     * @param [in] packet the packet (SDU)
     */
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet);

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

    /**
     * Configure as a base station.
     * @param [in] cellId cell id
     * @param [in] mac the frame scheduler
     */
    void ConfigureBaseStation(uint32_t cellId, Ptr<NomaBsMac> mac);

    /**
     * Configure as a UE attached to a base station (also registers it there).
     * @param [in] bs the base station device
     */
    void ConfigureUe(Ptr<NomaNetDevice> bs);

    /**
     * Set the PHY (also sets its device and identity).
     * @param [in] phy the PHY
     */
    void SetPhy(Ptr<NomaSpectrumPhy> phy);
    /// @return the PHY
    Ptr<NomaSpectrumPhy> GetPhy() const;
    /// @return the scheduler (base station only, else null)
    Ptr<NomaBsMac> GetMac() const;
    /// @return true for a base station
    bool IsBaseStation() const;
    /// @return the UE index (UE only)
    uint32_t GetUeIndex() const;
    /// @return the number of UEs attached (base station)
    uint32_t GetNumUes() const;
    /**
     * Get an attached UE (base station).
     * @param [in] ue UE index
     * @return its device
     */
    Ptr<NomaNetDevice> GetUe(uint32_t ue) const;

    /**
     * Set the channel gain provider used by the scheduler (base station).
     * @param [in] provider the provider
     */
    void SetGainProvider(GainProvider provider);

    /**
     * Start the frame clock (base station): the first frame starts after delay.
     * @param [in] delay time to the first frame
     */
    void StartFrames(Time delay);

    /// @return the frame duration T
    Time GetFrameDuration() const;

    /// @return the number of SDUs waiting (all queues of this device)
    uint32_t GetQueuedPackets() const;

  protected:
    void DoDispose() override;

  private:
    /// An SDU waiting for transmission.
    struct Sdu
    {
        Ptr<Packet> packet;   ///< The SDU
        Mac48Address dst;     ///< Destination
        uint16_t protocol{0}; ///< EtherType
        uint16_t seq{0};      ///< Sequence number
    };

    /// A transmit queue (one per UE at the base station, one at a UE).
    struct TxQueue
    {
        std::deque<Sdu> sdus;   ///< Waiting SDUs
        uint32_t headOffset{0}; ///< Bytes of the head SDU already sent
        uint16_t nextSeq{0};    ///< Next sequence number
    };

    /// Reassembly state of one transmitter.
    struct Reassembly
    {
        Ptr<Packet> partial; ///< Received part of the current SDU (null if none)
        uint16_t seq{0};     ///< Its sequence number
        uint16_t total{0};   ///< Its size
    };

    /**
     * Queue an SDU.
     * @param [in] queue the queue
     * @param [in] packet the SDU
     * @param [in] dst destination
     * @param [in] protocol EtherType
     * @return false if the queue was full (the SDU is dropped and traced)
     */
    bool Enqueue(TxQueue& queue, Ptr<Packet> packet, Mac48Address dst, uint16_t protocol);

    /**
     * Fill a TB with segments from a queue.
     * @param [in] queue the queue
     * @param [in] tbBytes TB size
     * @return the segments
     */
    std::vector<Ptr<Packet>> BuildTb(TxQueue& queue, uint32_t tbBytes);

    /**
     * Bytes that empty a queue: the SDU bytes not yet sent plus one segment header per SDU.
     * @param [in] queue the queue
     * @return the bytes (0 if the queue is empty)
     */
    static uint64_t DemandBytes(const TxQueue& queue);

    /// Start of a frame (base station).
    void Frame();

    /**
     * Uplink grants of a frame (UE): fill and send the TBs.
     * @param [in] frameNo frame number
     * @param [in] grants this UE's grants
     */
    void TransmitUplink(uint64_t frameNo, const std::vector<NomaGrant>& grants);

    /**
     * A TB from the PHY.
     * @param [in] comp the component (TB)
     * @param [in] report the decode report
     */
    void ReceiveTb(const NomaComponent& comp, const NomaTbReport& report);

    /**
     * One segment received from a transmitter.
     * @param [in] state reassembly state of the transmitter
     * @param [in] segment the segment (with header)
     * @param [in] from transmitter address
     */
    void ReceiveSegment(Reassembly& state, Ptr<Packet> segment, Mac48Address from);

    /**
     * A complete SDU.
     * @param [in] sdu the SDU
     * @param [in] protocol EtherType
     * @param [in] from source
     * @param [in] to destination
     */
    void DeliverSdu(Ptr<Packet> sdu, uint16_t protocol, Mac48Address from, Mac48Address to);

    /**
     * The UE with an address.
     * @param [in] a the address
     * @return its index, or the number of UEs if none
     */
    uint32_t FindUe(Mac48Address a) const;

    Ptr<Node> m_node;                        ///< Node
    Ptr<NomaSpectrumPhy> m_phy;              ///< PHY
    Ptr<NomaBsMac> m_mac;                    ///< Scheduler (base station)
    Ptr<ErrorModel> m_receiveErrorModel;     ///< Loss of decoded TBs (fault injection), or null
    uint32_t m_ifIndex{0};                   ///< Interface index
    Mac48Address m_address;                  ///< Address
    uint16_t m_mtu{1500};                    ///< MTU, bytes
    uint32_t m_maxQueuePackets{100};         ///< Queue limit, SDUs per queue
    Time m_frameDuration;                    ///< T
    bool m_isBaseStation{false};             ///< Role
    uint32_t m_cellId{0};                    ///< Cell id
    uint32_t m_ueIndex{0};                   ///< UE index (UE)
    Ptr<NomaNetDevice> m_bs;                 ///< Base station (UE)
    std::vector<Ptr<NomaNetDevice>> m_ues;   ///< UEs (base station)
    std::vector<TxQueue> m_dlQueues;         ///< DL queues per UE (base station)
    TxQueue m_ulQueue;                       ///< UL queue (UE)
    std::vector<Reassembly> m_ulReassembly;  ///< Per UE (base station)
    Reassembly m_dlReassembly;               ///< From the base station (UE)
    uint64_t m_frameNo{0};                   ///< Next frame number
    EventId m_frameEvent;                    ///< Next frame
    GainProvider m_gainProvider;             ///< Channel gains for the scheduler
    NetDevice::ReceiveCallback m_rxCallback; ///< Up-call
    NetDevice::PromiscReceiveCallback m_promiscRxCallback; ///< Promiscuous up-call
    TracedCallback<Ptr<const Packet>> m_macTxTrace;        ///< SDU queued
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace;    ///< SDU dropped (queue full, unknown
                                                           ///< destination)
    TracedCallback<Ptr<const Packet>> m_macRxTrace;        ///< SDU delivered
    TracedCallback<Ptr<const Packet>> m_macRxDropTrace;    ///< Incomplete SDU dropped
};

} // namespace edgeinference
} // namespace ns3

#endif // NOMA_NET_DEVICE_H
