/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_EDGE_LTE_TEST_CELL_H
#define EDGE_INFERENCE_EDGE_LTE_TEST_CELL_H

/**
 * @file
 * @ingroup edge-inference-tests
 * The LTE + EPC cell the ns-3 suites share: an edge server (remote host) behind the PGW, one
 * eNB, UEs on a circle (or at given positions), attached. Unlike BuildEdgeLteTopology() (the
 * examples' scenario with a macro path-loss model and antenna heights), it keeps ns-3's default
 * channel (Friis) so the suites' expectations stay those of a plain ns-3 LTE cell.
 */

#include "ns3/core-module.h"
#include "ns3/edge-lte-topology-helper.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{
namespace testutils
{

/**
 * @ingroup edge-inference-tests
 * @brief Options of BuildTestLteCell().
 */
struct TestLteCellOptions
{
    uint32_t rbs{25};                    ///< Downlink and uplink bandwidth, RBs
    std::vector<double> distancesM{100}; ///< UE i at distance d_i, angle 2 pi i / n, m
    /// UE positions, m; when not empty they replace distancesM (one UE per position)
    std::vector<Vector> uePositions;
    Vector enbPosition{0, 0, 0}; ///< eNB position, m
    std::string scheduler;       ///< MAC scheduler TypeId ("" = LteHelper's default)
    std::map<std::string, std::string> schedulerAttributes; ///< Its attributes
    bool installShareFfr{false};    ///< Install ns3::BandwidthShareFfrAlgorithm
    bool idealRrc{true};            ///< LteHelper UseIdealRrc
    std::string coreRate{"10Gbps"}; ///< PGW - edge server link rate
    std::string coreDelay{"1ms"};   ///< PGW - edge server link delay
    /// Called on the LteHelper after the options above, before the devices are installed
    std::function<void(Ptr<LteHelper>)> configure;
};

/**
 * @ingroup edge-inference-tests
 * @brief Build the cell: edge server --(p2p, coreRate, coreDelay)-- PGW -- eNB ~~ UEs.
 * @param [in] o the options
 * @return the topology (serverAddress is the edge server's core address)
 */
inline EdgeLteTopology
BuildTestLteCell(const TestLteCellOptions& o)
{
    EdgeLteTopology t;
    t.lte = CreateObject<LteHelper>();
    t.epc = CreateObject<PointToPointEpcHelper>();
    t.lte->SetEpcHelper(t.epc);
    t.lte->SetAttribute("UseIdealRrc", BooleanValue(o.idealRrc));
    if (!o.scheduler.empty())
    {
        t.lte->SetSchedulerType(o.scheduler);
    }
    for (const auto& kv : o.schedulerAttributes)
    {
        t.lte->SetSchedulerAttribute(kv.first, StringValue(kv.second));
    }
    if (o.installShareFfr)
    {
        t.lte->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
    }
    t.lte->SetEnbDeviceAttribute("DlBandwidth", UintegerValue(o.rbs));
    t.lte->SetEnbDeviceAttribute("UlBandwidth", UintegerValue(o.rbs));
    if (o.configure)
    {
        o.configure(t.lte);
    }

    t.remote.Create(1);
    InternetStackHelper stack;
    stack.Install(t.remote);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(o.coreRate));
    p2p.SetChannelAttribute("Delay", StringValue(o.coreDelay));
    NetDeviceContainer core = p2p.Install(t.epc->GetPgwNode(), t.remote.Get(0));
    Ipv4AddressHelper addr("1.0.0.0", "255.0.0.0");
    t.serverAddress = addr.Assign(core).GetAddress(1);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(t.remote.Get(0)->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"), Ipv4Mask("255.0.0.0"), 1);

    const bool isPlaced = !o.uePositions.empty();
    const uint32_t n = isPlaced ? o.uePositions.size() : o.distancesM.size();
    t.enb.Create(1);
    t.ues.Create(n);
    MobilityHelper mob;
    mob.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mob.Install(t.enb);
    mob.Install(t.ues);
    t.enb.Get(0)->GetObject<MobilityModel>()->SetPosition(o.enbPosition);
    for (uint32_t i = 0; i < n; ++i)
    {
        const double a = 2 * M_PI * i / n;
        t.ues.Get(i)->GetObject<MobilityModel>()->SetPosition(
            isPlaced ? o.uePositions[i]
                     : Vector(o.distancesM[i] * std::cos(a), o.distancesM[i] * std::sin(a), 0));
    }
    t.enbDevices = t.lte->InstallEnbDevice(t.enb);
    t.ueDevices = t.lte->InstallUeDevice(t.ues);
    stack.Install(t.ues);
    t.ueInterfaces = t.epc->AssignUeIpv4Address(t.ueDevices);
    for (uint32_t i = 0; i < n; ++i)
    {
        routing.GetStaticRouting(t.ues.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(t.epc->GetUeDefaultGatewayAddress(), 1);
    }
    t.lte->Attach(t.ueDevices, t.enbDevices.Get(0));
    return t;
}

} // namespace testutils
} // namespace edgeinference
} // namespace ns3

#endif // EDGE_INFERENCE_EDGE_LTE_TEST_CELL_H
