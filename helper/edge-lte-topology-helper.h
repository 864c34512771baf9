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
#include <limits>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-helpers
 * @brief The LTE + EPC topology with an edge server behind the PGW that the module's LTE
 * examples use (one cell, or 3 or 7 interfering cells: EdgeLteLayout):
 * BuildEdgeLteTopology() and its SRS-periodicity rule.
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
    /// Cell (index into enb / enbDevices) each UE is attached to, in UE order
    std::vector<uint32_t> ueCell;
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
 * The eNB transmit power of a macro cell for a bandwidth, after 3GPP TR 36.942 (Table 4.5:
 * 43 dBm for carriers up to 5 MHz, 46 dBm for 10 and 20 MHz) and TR 36.814 (Table
 * A.2.1.1-2: 46 dBm at 10 MHz): 43 dBm for 6, 15 and 25 RBs, 46 dBm for 50, 75 and 100 RBs.
 * @param [in] rbs bandwidth, RBs
 * @return the power, dBm
 */
double MacroEnbTxPowerDbm(uint32_t rbs);

/**
 * Radio parameters of an EdgeLteTopology, applied to the installed PHYs (so they override
 * Config defaults of the same attributes). The defaults are the 3GPP macro-cell values of
 * TR 36.942 / TR 36.814 (see the module documentation, "LTE scenario defaults").
 */
struct EdgeLteRadio
{
    /// eNB total transmit power (LteEnbPhy::TxPower), dBm; NaN (default): MacroEnbTxPowerDbm()
    double enbTxPowerDbm{std::numeric_limits<double>::quiet_NaN()};
    /// UE maximum transmit power (LteUePowerControl::Pcmax, and LteUePhy::TxPower, the power
    /// without uplink power control), dBm; TS 36.101 power class 3
    double ueMaxTxPowerDbm{23};
    double enbNoiseFigureDb{5}; ///< eNB noise figure (LteEnbPhy::NoiseFigure), dB
    double ueNoiseFigureDb{9};  ///< UE noise figure (LteUePhy::NoiseFigure), dB
};

/// Default inter-site distance of EdgeLteLayout, m (3GPP TR 36.814 Table A.2.1.1-2, case 1).
constexpr double EDGE_LTE_DEFAULT_ISD_M = 500;

/**
 * The cell layout of an EdgeLteTopology: one cell (the default), or 3 or 7 sites on a
 * hexagonal grid, one omnidirectional eNB per site. Sites: cell 0 at the origin; cells 1..6
 * on the ring at interSiteDistanceM, at angles 0, 60, ..., 300 degrees (3 cells: 0, 1, 2, an
 * equilateral triangle). No wrap-around: the ring cells see fewer interferers than the centre.
 * Every UE is attached to its own cell (LteHelper::Attach(ue, enb)); handover stays off
 * (LteHelper's default NoOpHandoverAlgorithm), no X2. All eNBs share the LteHelper's one
 * downlink and one uplink spectrum channel, so every cell interferes with every other.
 */
struct EdgeLteLayout
{
    uint32_t nCells{1};                                ///< Number of sites: 1, 3 or 7
    double interSiteDistanceM{EDGE_LTE_DEFAULT_ISD_M}; ///< Distance between neighbour sites, m
    /// Cell of each UE (same length as the distances; empty: every UE in cell 0)
    std::vector<uint32_t> ueCell;
};

/**
 * The site positions of a hexagonal layout (EdgeLteLayout), height 0.
 * @param [in] nCells 1, 3 or 7
 * @param [in] interSiteDistanceM distance between neighbour sites, m (> 0)
 * @return the positions, cell 0 first; aborts naming the field on other values
 */
std::vector<Vector> EdgeLteSitePositions(uint32_t nCells, double interSiteDistanceM);

/**
 * Build edge server (remote host) --(p2p 1 Gbit/s, geometry.coreDelay)-- PGW/EPC -- eNB ~~
 * UEs, the UEs on a circle around the eNB at the given distances, path loss 128.1 + 37.6
 * log10(d/km) dB, rbs uplink and downlink RBs; the UEs are attached. The eNB's SRS
 * periodicity is sized to the UEs (SetSrsPeriodicityFor()). The radio parameters are set on
 * the installed PHYs (radio.enbTxPowerDbm NaN: MacroEnbTxPowerDbm(rbs)); aborts naming the
 * field if one is not finite or out of range.
 *
 * With a multi-cell layout (layout.nCells 3 or 7) there is one eNB per site
 * (EdgeLteSitePositions()), the UEs of each cell on a circle around their own eNB at the given
 * distances (UE j of the n UEs of a cell at angle 2 pi j / n), each attached to its own cell;
 * the SRS periodicity is sized to the largest cell. ueCell of the result is the cell of each UE.
 * @param [in] rbs bandwidth, RBs
 * @param [in] distancesM distance of each UE from its eNB, m
 * @param [in] configure called on the LteHelper before the devices are installed (e.g.
 * to choose the MAC scheduler)
 * @param [in] geometry heights and core link delay
 * @param [in] radio transmit powers and noise figures
 * @param [in] layout the cells (default: one cell) and the cell of each UE
 * @return the topology
 */
EdgeLteTopology BuildEdgeLteTopology(uint32_t rbs,
                                     const std::vector<double>& distancesM,
                                     const std::function<void(Ptr<LteHelper>)>& configure,
                                     const EdgeLteGeometry& geometry = EdgeLteGeometry(),
                                     const EdgeLteRadio& radio = EdgeLteRadio(),
                                     const EdgeLteLayout& layout = EdgeLteLayout());

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_LTE_TOPOLOGY_HELPER_H */
