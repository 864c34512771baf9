/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_SPECTRUM_SIGNAL_PARAMETERS_H
#define NOMA_SPECTRUM_SIGNAL_PARAMETERS_H

#include "ns3/packet.h"
#include "ns3/spectrum-signal-parameters.h"
#include "ns3/spectrum-value.h"

#include <cstdint>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma
 * @brief Signal parameters of the NOMA PHY: the superposed components of one transmission.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-noma
 * @brief One power-domain component of a NOMA transmission on one subchannel.
 *
 * Downlink: the base station superposes one component per co-scheduled UE on a subchannel.
 * Uplink: a UE sends one component on each subchannel of its grant. The component carries one
 * transport block (TB) made of MAC segments (NomaSegmentHeader + payload).
 */
struct NomaComponent
{
    uint32_t ue{0};                    ///< UE index the TB is for (DL) or from (UL)
    uint32_t subchannel{0};            ///< Subchannel index, 0..N-1
    double powerW{0};                  ///< Transmit power of this component, W
    uint32_t sicPosition{0};           ///< Position in the subchannel's SIC order (0 = first)
    uint32_t tbBytes{0};               ///< Transport block size, bytes (the coded rate is
                                       ///< 8 tbBytes / duration)
    std::vector<Ptr<Packet>> segments; ///< MAC segments carried (sum of sizes <= tbBytes)
};

/**
 * @ingroup edge-inference-noma
 * @brief Spectrum signal parameters of NomaSpectrumPhy transmissions.
 *
 * psd (inherited) is the transmitted PSD, W/Hz per band: on each subchannel band the sum of
 * the component powers divided by the subchannel bandwidth. The channel scales psd by the
 * path gain (and fading); txPsd keeps the transmitted PSD, so the receiver measures the
 * channel gain of each band as psd / txPsd and the received power of each component as its
 * powerW times that gain.
 */
struct NomaSignalParameters : public SpectrumSignalParameters
{
    NomaSignalParameters() = default;

    /**
     * Copy constructor (the components share their segment packets).
     * @param [in] p the parameters to copy
     */
    NomaSignalParameters(const NomaSignalParameters& p);

    Ptr<SpectrumSignalParameters> Copy() const override;

    bool isDownlink{true};                 ///< True for a base-station transmission
    uint32_t txId{0};                      ///< Transmitter: UE index (UL), cell id (DL)
    uint32_t cellId{0};                    ///< Cell (base station) id of the frame
    uint64_t frameNo{0};                   ///< Frame number the transmission belongs to
    Ptr<const SpectrumValue> txPsd;        ///< Transmitted PSD (unchanged by the channel)
    std::vector<NomaComponent> components; ///< Superposed components
};

} // namespace edgeinference
} // namespace ns3

#endif // NOMA_SPECTRUM_SIGNAL_PARAMETERS_H
