/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_LTE_SCENARIO_H
#define EDGE_LTE_SCENARIO_H

/**
 * @file
 * @ingroup edge-inference
 * @brief Shared by the LTE examples: the
 * single-cell LTE topology with an edge server behind the PGW, and the throughput plot.
 */

#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cmath>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

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
inline bool
IsLteBandwidth(uint32_t rbs)
{
    return rbs == 6 || rbs == 15 || rbs == 25 || rbs == 50 || rbs == 75 || rbs == 100;
}

/**
 * Size the eNB's SRS periodicity to the number of UEs: the smallest of 40 (ns-3's default),
 * 80, 160 and 320 ms that is > nUes. ns-3.37 gives each UE its own SRS index and hands out
 * RNTI 0 (then PF aborts) when they run out; measured: 40 UEs abort at 40 ms. Set for every run,
 * since Config defaults outlive a run.
 * @param [in] nUes number of UEs of the cell (at most 319)
 */
inline void
SetSrsPeriodicityFor(std::size_t nUes)
{
    if (nUes >= 320)
    {
        NS_FATAL_ERROR("LTE scenario: " << nUes << " UEs in one cell, but ns-3.37 supports at "
                                        << "most 319 (one SRS index per UE, periodicity 320 ms)");
    }
    uint32_t srsPeriodicity = 40;
    while (srsPeriodicity <= nUes)
    {
        srsPeriodicity *= 2;
    }
    Config::SetDefault("ns3::LteEnbRrc::SrsPeriodicity", UintegerValue(srsPeriodicity));
}

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
inline EdgeLteTopology
BuildEdgeLteTopology(uint32_t rbs,
                     const std::vector<double>& distancesM,
                     const std::function<void(Ptr<LteHelper>)>& configure,
                     const EdgeLteGeometry& geometry = EdgeLteGeometry())
{
    NS_ABORT_MSG_UNLESS(IsLteBandwidth(rbs),
                        "LTE scenario: rbs = " << rbs
                                               << " is not an LTE bandwidth (6, 15, 25, 50, 75 or "
                                                  "100 resource blocks)");
    SetSrsPeriodicityFor(distancesM.size());
    EdgeLteTopology t;
    t.lte = CreateObject<LteHelper>();
    t.epc = CreateObject<PointToPointEpcHelper>();
    Ptr<PointToPointEpcHelper> epc = t.epc;
    t.lte->SetEpcHelper(epc);
    t.lte->SetAttribute("PathlossModel", StringValue("ns3::LogDistancePropagationLossModel"));
    // 128.1 + 37.6 log10(d / 1 km) dB = 15.3 + 37.6 log10(d / 1 m) dB
    t.lte->SetPathlossModelAttribute("Exponent", DoubleValue(3.76));
    t.lte->SetPathlossModelAttribute("ReferenceDistance", DoubleValue(1.0));
    t.lte->SetPathlossModelAttribute("ReferenceLoss", DoubleValue(15.3));
    t.lte->SetEnbDeviceAttribute("DlBandwidth", UintegerValue(rbs));
    t.lte->SetEnbDeviceAttribute("UlBandwidth", UintegerValue(rbs));
    configure(t.lte);

    t.remote.Create(1);
    InternetStackHelper stack;
    stack.Install(t.remote);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(geometry.coreDelay));
    NetDeviceContainer core = p2p.Install(epc->GetPgwNode(), t.remote.Get(0));
    Ipv4AddressHelper addr("1.0.0.0", "255.0.0.0");
    Ipv4InterfaceContainer coreIf = addr.Assign(core);
    t.serverAddress = coreIf.GetAddress(1);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(t.remote.Get(0)->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"), Ipv4Mask("255.0.0.0"), 1);

    t.enb.Create(1);
    t.ues.Create(distancesM.size());
    MobilityHelper mob;
    mob.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mob.Install(t.enb);
    mob.Install(t.ues);
    t.enb.Get(0)->GetObject<MobilityModel>()->SetPosition(Vector(0, 0, geometry.enbHeightM));
    for (uint32_t i = 0; i < distancesM.size(); ++i)
    {
        const double angle = 2 * M_PI * i / distancesM.size();
        t.ues.Get(i)->GetObject<MobilityModel>()->SetPosition(Vector(
            distancesM[i] * std::cos(angle), distancesM[i] * std::sin(angle), geometry.ueHeightM));
    }
    t.enbDevices = t.lte->InstallEnbDevice(t.enb);
    t.ueDevices = t.lte->InstallUeDevice(t.ues);
    stack.Install(t.ues);
    t.ueInterfaces = epc->AssignUeIpv4Address(t.ueDevices);
    for (uint32_t i = 0; i < t.ues.GetN(); ++i)
    {
        routing.GetStaticRouting(t.ues.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(epc->GetUeDefaultGatewayAddress(), 1);
    }
    t.lte->Attach(t.ueDevices, t.enbDevices.Get(0));
    return t;
}

/**
 * Write a gnuplot script of one curve per series against a sweep variable; the figure is
 * the script's name with .png.
 * @param [in] file script name (.plt)
 * @param [in] title plot title
 * @param [in] xLabel x axis label
 * @param [in] yLabel y axis label
 * @param [in] xs x values
 * @param [in] names series names
 * @param [in] ys ys[point][series]
 */
inline void
WriteSweepPlot(const std::string& file,
               const std::string& title,
               const std::string& xLabel,
               const std::string& yLabel,
               const std::vector<double>& xs,
               const std::vector<std::string>& names,
               const std::vector<std::vector<double>>& ys)
{
    Gnuplot plot(file.substr(0, file.size() - 4) + ".png");
    plot.SetTitle(title);
    plot.SetTerminal("png");
    plot.SetLegend(xLabel, yLabel);
    plot.AppendExtra("set key top left");
    for (size_t a = 0; a < names.size(); ++a)
    {
        Gnuplot2dDataset ds(names[a]);
        ds.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        for (size_t i = 0; i < xs.size(); ++i)
        {
            ds.Add(xs[i], ys[i][a]);
        }
        plot.AddDataset(ds);
    }
    std::ofstream os(file);
    plot.GenerateOutput(os);
}

/**
 * Write a gnuplot script of the measured throughput (member measuredThroughput of each
 * result) of every algorithm against a sweep variable.
 * @tparam Result a run result with a double member measuredThroughput
 * @param [in] file script name (.plt)
 * @param [in] title plot title
 * @param [in] xLabel x axis label
 * @param [in] yLabel y axis label
 * @param [in] xs x values
 * @param [in] names algorithm names
 * @param [in] results results[point][algorithm]
 */
template<class Result>
void
WriteThroughputPlot(const std::string& file,
                    const std::string& title,
                    const std::string& xLabel,
                    const std::string& yLabel,
                    const std::vector<double>& xs,
                    const std::vector<std::string>& names,
                    const std::vector<std::vector<Result>>& results)
{
    std::vector<std::vector<double>> ys;
    for (const auto& row : results)
    {
        ys.emplace_back();
        for (const Result& r : row)
        {
            ys.back().push_back(r.measuredThroughput);
        }
    }
    WriteSweepPlot(file, title, xLabel, yLabel, xs, names, ys);
}

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_LTE_SCENARIO_H */
