/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_LTE_TOPOLOGY_HELPER_H
#define EDGE_LTE_TOPOLOGY_HELPER_H

#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/network-module.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-helpers
 * @brief The single-cell LTE + EPC topology with an edge server behind the PGW that the
 * module's LTE examples use: BuildEdgeLteTopology() and its SRS-periodicity rule.
 */

namespace ns3
{
namespace edgeinference
{

/// The nodes and devices of an EdgeLteTopology.
struct EdgeLteTopology
{
    Ptr<LteHelper> lte;                  ///< LTE helper (keeps the EPC alive)
    Ptr<PointToPointEpcHelper> epc;      ///< EPC helper (PGW node, UE gateway)
    NodeContainer remote;                ///< The edge server (remote host)
    NodeContainer enb;                   ///< The eNB
    NodeContainer ues;                   ///< The UEs
    NetDeviceContainer enbDevices;       ///< eNB device
    NetDeviceContainer ueDevices;        ///< UE devices
    Ipv4InterfaceContainer ueInterfaces; ///< UE IPv4 interfaces (7.0.0.0/8)
    Ipv4Address serverAddress;           ///< IPv4 address of the edge server
};

/**
 * @param [in] rbs a bandwidth in resource blocks
 * @return whether ns-3's LTE accepts it (6, 15, 25, 50, 75 or 100 RBs)
 */
bool IsLteBandwidth(uint32_t rbs);

/**
 * Size the eNB's SRS periodicity to the number of UEs: the smallest of 40 (ns-3's default),
 * 80, 160 and 320 ms that is > nUes. ns-3.37 gives each UE its own SRS index and hands out
 * RNTI 0 (then PF aborts) when they run out; measured: 40 UEs abort at 40 ms. Set for every run,
 * since Config defaults outlive a run.
 * @param [in] nUes number of UEs of the cell (at most 319)
 */
void SetSrsPeriodicityFor(std::size_t nUes);

/// Geometry and core link of an EdgeLteTopology.
struct EdgeLteGeometry
{
    double enbHeightM{0};            ///< eNB antenna height, m
    double ueHeightM{0};             ///< UE height, m
    Time coreDelay{MilliSeconds(1)}; ///< One-way delay of the PGW - edge server link
};

/**
 * Build edge server (remote host) --(p2p 1 Gbit/s, geometry.coreDelay)-- PGW/EPC -- eNB ~~
 * UEs, the UEs on a circle around the eNB at the given distances, path loss 128.1 + 37.6
 * log10(d/km) dB, rbs uplink and downlink RBs; the UEs are attached. The eNB's SRS
 * periodicity is sized to the UEs (SetSrsPeriodicityFor()).
 * @param [in] rbs bandwidth, RBs
 * @param [in] distancesM distance of each UE from the eNB, m
 * @param [in] configure called on the LteHelper before the devices are installed (e.g.
 * to choose the MAC scheduler)
 * @param [in] geometry heights and core link delay
 * @return the topology
 */
EdgeLteTopology BuildEdgeLteTopology(uint32_t rbs,
                                     const std::vector<double>& distancesM,
                                     const std::function<void(Ptr<LteHelper>)>& configure,
                                     const EdgeLteGeometry& geometry = EdgeLteGeometry());

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_LTE_TOPOLOGY_HELPER_H */
