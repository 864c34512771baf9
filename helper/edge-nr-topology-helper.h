/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_NR_TOPOLOGY_HELPER_H
#define EDGE_NR_TOPOLOGY_HELPER_H

#include "ns3/edge-lte-topology-helper.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/nr-amc-rate-model.h"
#include "ns3/nr-helper.h"
#include "ns3/nr-point-to-point-epc-helper.h"
#include "ns3/object.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-helpers
 * @brief The single-cell NR (5G-LENA) + EPC topology with an edge server behind the PGW:
 * EdgeNrTopologyHelper. Built only when 5G-LENA NR is found (EI_HAVE_NR).
 */

namespace ns3
{
namespace edgeinference
{

/// The nodes and devices of an NR cell built by EdgeNrTopologyHelper.
struct EdgeNrTopology
{
    Ptr<NrHelper> nr;                    ///< NR helper (keeps the EPC alive)
    Ptr<NrPointToPointEpcHelper> epc;    ///< EPC helper (PGW node, UE gateway)
    NodeContainer remote;                ///< The edge server (remote host)
    NodeContainer gnb;                   ///< The gNB
    NodeContainer ues;                   ///< The UEs
    NetDeviceContainer gnbDevices;       ///< gNB device
    NetDeviceContainer ueDevices;        ///< UE devices
    Ipv4InterfaceContainer ueInterfaces; ///< UE IPv4 interfaces (7.0.0.0/8)
    Ipv4Address serverAddress;           ///< IPv4 address of the edge server
};

/**
 * @ingroup edge-inference-helpers
 * @brief Builds edge server --(p2p 1 Gbit/s, core delay)-- PGW/EPC -- gNB ~~ UEs over
 * 5G-LENA NR: one operation band with one component carrier and one bandwidth part
 * (numerology, bandwidth and carrier as attributes), a TDD slot pattern, the same
 * log-distance path loss as the module's LTE scenario (128.1 + 37.6 log10(d/km) dB, no
 * shadowing, no fast fading: the SINR is deterministic, as on LTE), single-element
 * isotropic antennas, ideal RRC and the EPC of NrPointToPointEpcHelper.
 *
 * Defaults are 3GPP-like FR1 values: 3.5 GHz (band n78), 20 MHz, numerology 1 (30 kHz,
 * 0.5 ms slots, 51 RBs), gNB 43 dBm, UE 23 dBm, noise figures 5 dB (gNB) and 9 dB (UE),
 * pattern DDDSU with the S slot flexible ("DL|DL|DL|F|UL|" twice). The scheduler is
 * NrMacSchedulerTdmaRR unless SchedulerType names another (e.g.
 * ns3::NrBandwidthShareScheduler, which executes per-UE bandwidth shares). Measured: with
 * 5G-LENA v2.3's NrMacSchedulerOfdmaRR, TCP downloads of some UEs of a 4-UE cell stall
 * (not root-caused), with NrMacSchedulerTdmaRR all complete; hence the TDMA default.
 */
class EdgeNrTopologyHelper : public Object
{
  public:
    /**
     * @brief Register this type.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    EdgeNrTopologyHelper();

    /**
     * @brief Build the topology; the UEs are on a circle around the gNB at the given
     * distances and attached to it.
     * @param [in] distancesM distance of each UE from the gNB, m
     * @param [in] configure called on the NrHelper before the devices are installed
     * @param [in] geometry heights and core link delay (same meaning as on LTE)
     * @return the topology
     */
    EdgeNrTopology Build(const std::vector<double>& distancesM,
                         const std::function<void(Ptr<NrHelper>)>& configure,
                         const EdgeLteGeometry& geometry = EdgeLteGeometry()) const;

    /**
     * @brief Assign streams to the NR devices of a topology (HARQ/error models, random
     * access) so that runs with the same seed are identical. The SRS offsets the gNB
     * scheduler shuffled when Build() constructed it come from the stream of attribute
     * GnbConstructionStream, not from this one; Build() also resets 5G-LENA's RA preamble
     * counter (RewindRaPreambleCounter()), so a cell built after others in one process
     * behaves as in a fresh process.
     * @param [in] topology a topology built by this helper
     * @param [in] stream first stream index
     * @return number of streams used
     */
    static int64_t AssignStreams(const EdgeNrTopology& topology, int64_t stream);

    /**
     * @brief Set 5G-LENA's process-wide random-access preamble counter, by default back to 0
     * as in a fresh process (Build() does that before installing the UEs).
     *
     * 5G-LENA v2.3's NrUeMac gives each preamble the next value of a static uint8_t counter
     * (NrUeMac::g_raPreambleId, private) that nothing resets, not even Simulator::Destroy().
     * The gNB MAC hands out the RNTIs of the preambles received in one slot in the order of
     * an unordered_map keyed by preamble, so once a process has sent 256 preambles the
     * counter wraps, the keys collide differently and a later run gives its UEs other RNTIs
     * than a fresh run (another scheduling order, other results). This sends preambles
     * from a detached NrUeMac (a PHY SAP that only records them; no channel, no gNB) until
     * the counter is at the wanted value. Call it only while no NR UE is attaching.
     * @param [in] next the preamble the next UE will send
     * @return the preamble the next UE would have sent (the preambles sent so far in the
     * process, modulo 256, if nothing set the counter before)
     */
    static uint8_t RewindRaPreambleCounter(uint8_t next = 0);

    /// @return the numerology (0..4)
    uint16_t GetNumerology() const;
    /// @return the channel bandwidth, Hz
    double GetBandwidthHz() const;
    /// @return resource blocks of the bandwidth part (12 subcarriers each)
    uint32_t GetNumRbs() const;
    /// @return gNB transmit power, dBm
    double GetGnbTxPowerDbm() const;
    /// @return gNB noise figure, dB
    double GetGnbNoiseFigureDb() const;
    /// @return UE transmit power, dBm
    double GetUeTxPowerDbm() const;
    /// @return UE noise figure, dB
    double GetUeNoiseFigureDb() const;
    /// @return the TDD pattern
    std::string GetPattern() const;

    /**
     * @brief The DL data resources of the cell's bandwidth part (for NrAmcRateModel).
     * @return RBs, RB width, pattern duration, DL and F slots
     */
    NrDlResources GetDlResources() const;

    /**
     * @brief The downlink SINR of a UE of this cell, as 5G-LENA computes it here: gNB power
     * spread evenly over the RBs, the log-distance loss over the 3D distance, thermal noise
     * (-174 dBm/Hz) plus the UE noise figure over the RBs; no interference (one cell).
     * @param [in] distanceM horizontal distance from the gNB, m
     * @param [in] geometry heights
     * @return SINR (linear)
     */
    double GetDlSinr(double distanceM, const EdgeLteGeometry& geometry) const;

    /**
     * @param [in] bandwidthHz channel bandwidth
     * @param [in] numerology 0..4
     * @param [in] rbOverhead guard-band fraction (5G-LENA's NrGnbPhy::RbOverhead, 0.04)
     * @return RBs 5G-LENA puts in that bandwidth: floor(B (1 - overhead) / (12 x 15 kHz x
     * 2^mu)), e.g. 53 for 20 MHz at numerology 1
     */
    static uint32_t RbsOf(double bandwidthHz, uint16_t numerology, double rbOverhead = 0.04);

    /**
     * @brief The uplink bandwidth W of a gNB's first bandwidth part: its RBs x 12 x the
     * subcarrier spacing, the bandwidth a share of 1 stands for (the offloading servers'
     * TotalBandwidthHz over NR).
     * @param [in] gnbDevice an ns3::NrGnbNetDevice
     * @return W, Hz
     * @throw std::invalid_argument if the device is not an NR gNB
     */
    static double GetUlBandwidthHz(const Ptr<NetDevice>& gnbDevice);

    /**
     * @brief The UL resources of a gNB's first bandwidth part for NrUlAmcRateModel (RBs,
     * numerology and pattern of its PHY).
     * @param [in] gnbDevice an ns3::NrGnbNetDevice
     * @param [in] nUes UEs of the cell (SRS overhead)
     * @return the resources
     * @throw std::invalid_argument if the device is not an NR gNB
     */
    static NrUlResources GetUlResources(const Ptr<NetDevice>& gnbDevice, uint32_t nUes);

    /**
     * @brief The DL resources of a gNB's first bandwidth part for NrAmcRateModel and
     * NrDlSymbolRateModel (channel bandwidth, numerology, pattern and RB overhead of its PHY).
     * @param [in] gnbDevice an ns3::NrGnbNetDevice
     * @return the resources
     * @throw std::invalid_argument if the device is not an NR gNB
     */
    static NrDlResources GetDlResources(const Ptr<NetDevice>& gnbDevice);

    /**
     * @brief Report the wideband SRS SINR the gNBs measure for each UE to an offloading
     * server (OffloadingServerBase::ReportUplinkChannel(), s_k =
     * BatchingEarlyExitAllocator::SnrBandwidthFromSinr(SINR, GetUlBandwidthHz())): the NR
     * counterpart of BatchingEarlyExitHelper::ConnectEnbChannelReports().
     * @param [in] server an OffloadingServerBase (batching + early exit, PartialLoading)
     * @param [in] gnbDevices the gNB devices
     * @throw std::invalid_argument if the application is not an OffloadingServerBase or a
     * device is not an NR gNB
     */
    static void ConnectChannelReports(const Ptr<Application>& server,
                                      const NetDeviceContainer& gnbDevices);

    /**
     * @brief Execute an offloading server's uplink bandwidths in the gNB's MAC and give the
     * server the matching rate model: the NR counterpart of
     * BatchingEarlyExitHelper::ConnectUplinkShares(). Each w_k (Hz, by IMSI) becomes the UL
     * share w_k / W (W = GetUlBandwidthHz(); scaled down to a sum of 1 if needed) of the
     * gNB's NrSymbolShareScheduler; the server's UplinkRateModel NrUlAmc gets
     * NrUlAmcRateModel (the scheduler's UL AMC, GetUlResources() with the UEs connected at
     * decision time, the given efficiency). Set the server's TotalBandwidthHz to W.
     * @param [in] server an OffloadingServerBase
     * @param [in] gnbDevice the gNB (scheduler NrSymbolShareScheduler, SchedulerType)
     * @param [in] efficiency NrUlAmcRateModel's factor on the rate, (0, 1]
     * @throw std::invalid_argument if the application is not an OffloadingServerBase, the
     * device not an NR gNB or its scheduler not an NrSymbolShareScheduler
     */
    static void ConnectUplinkShares(const Ptr<Application>& server,
                                    const Ptr<NetDevice>& gnbDevice,
                                    double efficiency = 1.0);

    /**
     * @brief Only the rate-model part of ConnectUplinkShares(): the server's UplinkRateModel
     * NrUlAmc gets NrUlAmcRateModel of this gNB (the UL AMC of its bandwidth part 0
     * scheduler, any 5G-LENA scheduler), without executing the bandwidths (e.g. to compare
     * with the plain NrMacSchedulerTdmaRR).
     * @param [in] server an OffloadingServerBase
     * @param [in] gnbDevice the gNB
     * @param [in] efficiency NrUlAmcRateModel's factor on the rate, (0, 1]
     * @throw std::invalid_argument if the application is not an OffloadingServerBase, the
     * device not an NR gNB or the efficiency outside (0, 1]
     */
    static void ConnectUplinkRateModel(const Ptr<Application>& server,
                                       const Ptr<NetDevice>& gnbDevice,
                                       double efficiency = 1.0);

  private:
    uint16_t m_numerology;       ///< numerology
    double m_centralFrequencyHz; ///< carrier
    double m_bandwidthHz;        ///< channel bandwidth
    double m_gnbTxPowerDbm;      ///< gNB power
    double m_ueTxPowerDbm;       ///< UE power
    double m_gnbNoiseFigureDb;   ///< gNB noise figure
    double m_ueNoiseFigureDb;    ///< UE noise figure
    std::string m_pattern;       ///< TDD pattern
    TypeId m_schedulerType;      ///< gNB MAC scheduler

    /// RNG stream of the variables created while the gNB is installed (-1: automatic)
    int64_t m_gnbConstructionStream{-1};

    /// GnbPowerOverBandwidth: the gNB's power over the whole band in every symbol
    bool m_gnbPowerOverBandwidth{true};
};

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_NR_TOPOLOGY_HELPER_H */
