/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_HELPER_H
#define NOMA_HELPER_H

#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/noma-bs-mac.h"
#include "ns3/noma-net-device.h"
#include "ns3/object-factory.h"
#include "ns3/spectrum-channel.h"

#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-helpers
 * @brief NomaHelper: installs NOMA base-station and UE devices on a shared spectrum channel.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-helpers
 * @brief Installs NomaNetDevice base stations and UEs (the counterpart of LteHelper).
 *
 * Creates (once) a MultiModelSpectrumChannel with a propagation loss model (default: the
 * 128.1 + 37.6 log10(d/km) dB macro model of Paper 4's defaults, as a
 * LogDistancePropagationLossModel with exponent 3.76 and 15.3 dB at 1 m) and an optional
 * SpectrumPropagationLossModel (fading), or uses the channel given to SetChannel(). Each
 * Install() adds one cell: a base station and its UEs, with the band plan (N subchannels of
 * B_s in a DL band and an UL band), the PHY/MAC/device attributes set here, a gain provider
 * that evaluates the channel's propagation loss model between the nodes' mobility models
 * (ideal large-scale CSI), and the frame clock started at time 0. Every node needs a
 * MobilityModel.
 */
class NomaHelper
{
  public:
    NomaHelper();

    /**
     * Set the number of subchannels N (default 4).
     * @param [in] n N, >= 1
     */
    void SetNumSubchannels(uint32_t n);

    /**
     * Set the subchannel bandwidth B_s (default 1 MHz).
     * @param [in] hz B_s in Hz, > 0
     */
    void SetSubchannelBandwidth(double hz);

    /**
     * Set the lower band edges (defaults 2.11 GHz DL, 1.92 GHz UL).
     * @param [in] dlLowHz lower edge of the DL band, Hz
     * @param [in] ulLowHz lower edge of the UL band, Hz
     */
    void SetCarriers(double dlLowHz, double ulLowHz);

    /**
     * Use this channel instead of creating one.
     * @param [in] channel the channel (its loss models are used as they are)
     */
    void SetChannel(Ptr<SpectrumChannel> channel);

    /**
     * Set the propagation loss model type of the channel created by the helper.
     * @param [in] type TypeId name, e.g. "ns3::FriisPropagationLossModel"
     */
    void SetPathlossModelType(const std::string& type);

    /**
     * Set an attribute of the propagation loss model.
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetPathlossModelAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Add a spectrum propagation loss model (fading) to the created channel ("" = none).
     * @param [in] type TypeId name of a SpectrumPropagationLossModel
     */
    void SetFadingModelType(const std::string& type);

    /**
     * Set an attribute of every NomaSpectrumPhy (NoisePsd, ResidualFactor, SnrGapDb).
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetPhyAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Set an attribute of the scheduler NomaBsMac (Mode, MaxUsersPerSubchannel, MinGainGapDb,
     * DlWeakPowerFraction, BsTxPower, UeTxPower, SicOrder).
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetMacAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Set an attribute of every NomaNetDevice (Mtu, MaxQueuePackets, FrameDuration).
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * NOMA or OMA (shortcut for the Mode attribute of the scheduler).
     * @param [in] mode the mode
     */
    void SetMode(NomaBsMac::Mode mode);

    /**
     * Near/far pairing policy (MaxUsersPerSubchannel and MinGainGapDb of the scheduler).
     * @param [in] maxUsersPerSubchannel Q, >= 1
     * @param [in] minGainGapDb minimum gain gap between superposed users, dB
     */
    void SetPairing(uint32_t maxUsersPerSubchannel, double minGainGapDb);

    /**
     * Downlink power split (DlWeakPowerFraction of the scheduler).
     * @param [in] weakFraction share of the subchannel power of the weaker of two users
     */
    void SetPowerSplit(double weakFraction);

    /**
     * SIC order policy (SicOrder of the scheduler).
     * @param [in] policy the policy
     */
    void SetSicOrder(NomaBsMac::SicOrderPolicy policy);

    /**
     * Install one cell.
     * @param [in] bsNode the base station node
     * @param [in] ueNodes the UE nodes (UE index = position in the container)
     * @return the devices: the base station first, then the UEs in order
     */
    NetDeviceContainer Install(Ptr<Node> bsNode, const NodeContainer& ueNodes);

    /**
     * @return the channel (created on first use)
     */
    Ptr<SpectrumChannel> GetChannel();

    /**
     * Assign fixed random-variable streams to the channel's propagation loss models.
     * @param [in] devices devices installed by this helper (unused: the models are shared)
     * @param [in] stream first stream index
     * @return the number of streams assigned
     */
    int64_t AssignStreams(const NetDeviceContainer& devices, int64_t stream);

  private:
    uint32_t m_numSubchannels{4};    ///< N
    double m_bandwidthHz{1e6};       ///< B_s
    double m_dlLowHz{2.11e9};        ///< DL band lower edge
    double m_ulLowHz{1.92e9};        ///< UL band lower edge
    Ptr<SpectrumChannel> m_channel;  ///< Shared channel
    Ptr<const SpectrumModel> m_plan; ///< Band plan shared by the cells (same settings)
    std::vector<double> m_planKey;   ///< Settings of m_plan (N, B_s, DL, UL)
    ObjectFactory m_lossFactory;     ///< Propagation loss model
    std::string m_fadingType;        ///< Spectrum propagation loss ("" = none)
    ObjectFactory m_phyFactory;      ///< NomaSpectrumPhy
    ObjectFactory m_macFactory;      ///< NomaBsMac
    ObjectFactory m_deviceFactory;   ///< NomaNetDevice
    uint32_t m_nextCellId{1};        ///< Next cell id
};

} // namespace edgeinference
} // namespace ns3

#endif // NOMA_HELPER_H
