/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_NOMA_TEST_CELL_H
#define EDGE_INFERENCE_NOMA_TEST_CELL_H

/**
 * @file
 * @ingroup edge-inference-tests
 * The NOMA cell with IPv4 that the split-inference and fault-injection suites share.
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/noma-helper.h"
#include "ns3/noma-net-device.h"
#include "ns3/noma-split-inference-helper.h"

#include <vector>

namespace ns3
{
namespace edgeinference
{
namespace testutils
{

/**
 * @ingroup edge-inference-tests
 * @brief A NOMA cell with IPv4: one base station, UEs on the x axis.
 */
struct NomaTestCell
{
    NodeContainer bs;           ///< Base-station node
    NodeContainer ues;          ///< UE nodes
    NetDeviceContainer devs;    ///< Base station first, then the UEs
    Ptr<NomaNetDevice> bsDev;   ///< The base station
    Ipv4InterfaceContainer ifs; ///< Addresses, same order as devs
};

/**
 * Build a cell (default path loss 128.1 + 37.6 log10(d/km) dB, no fading).
 * @param [in] distances UE distances, m
 * @param [in] nSub subchannels
 * @param [in] bandwidthHz subchannel bandwidth, Hz
 * @param [in] frame frame duration
 * @return the cell
 */
inline NomaTestCell
MakeNomaTestCell(const std::vector<double>& distances,
                 uint32_t nSub,
                 double bandwidthHz,
                 Time frame)
{
    NomaTestCell c;
    c.bs.Create(1);
    c.ues.Create(distances.size());
    MobilityHelper mobility;
    Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
    pos->Add(Vector(0, 0, 0));
    for (double d : distances)
    {
        pos->Add(Vector(d, 0, 0));
    }
    mobility.SetPositionAllocator(pos);
    mobility.Install(c.bs);
    mobility.Install(c.ues);
    NomaHelper noma;
    noma.SetNumSubchannels(nSub);
    noma.SetSubchannelBandwidth(bandwidthHz);
    noma.SetMacAttribute("BsTxPower", DoubleValue(10.0));
    noma.SetMacAttribute("UeTxPower", DoubleValue(0.2));
    noma.SetDeviceAttribute("FrameDuration", TimeValue(frame));
    noma.SetDeviceAttribute("MaxQueuePackets", UintegerValue(1000));
    c.devs = noma.Install(c.bs.Get(0), c.ues);
    c.bsDev = DynamicCast<NomaNetDevice>(c.devs.Get(0));
    InternetStackHelper internet;
    internet.Install(c.bs);
    internet.Install(c.ues);
    Ipv4AddressHelper ip;
    ip.SetBase("10.7.0.0", "255.255.0.0");
    c.ifs = ip.Assign(c.devs);
    NomaSplitInferenceHelper::PopulateArpCaches(c.bsDev);
    return c;
}

} // namespace testutils
} // namespace edgeinference
} // namespace ns3

#endif // EDGE_INFERENCE_NOMA_TEST_CELL_H
