/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Wall time per simulated second of the NOMA PHY vs ns-3's LTE, for 4 to 64 UEs.
 *
 * The same traffic in both stacks: every UE sends and receives constant-rate UDP
 * (rateKbps per direction, 1000-byte packets). NOMA: one base station with NomaHelper
 * (8 subchannels of 625 kHz, near/far pairs) that is also the traffic end point. LTE: one
 * eNB with EPC (25 RBs, PF scheduler, ideal RRC) and a remote host behind the PGW. UEs on
 * a ring at 100-400 m, path loss 128.1 + 37.6 log10(d/km) dB in both. The output lists, per
 * UE count, the wall-clock seconds per simulated second (set-up included) and the UDP
 * goodput delivered, so that the two costs compare at equal delivered traffic. Wall times
 * depend on the machine and its load.
 *
 *     ./noma-benchmark --nUes=4,8,16,32,64 --simTime=1
 *     ./noma-benchmark --quick
 */

#include "bench-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/edge-lte-topology-helper.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::bench;

NS_LOG_COMPONENT_DEFINE("NomaBenchmark");

namespace
{

/// Start of the traffic, s.
const double APP_START = 0.1;
/// The traffic stops this long before the end, so that nothing is in flight, s.
const double TAIL = 0.1;

/// Bytes received by all sinks.
uint64_t g_rxBytes = 0;

/**
 * Sink receive trace.
 * @param [in] p packet
 * @param [in] from source
 */
void
SinkRx(Ptr<const Packet> p, const Address& from)
{
    g_rxBytes += p->GetSize();
}

/// One measurement.
struct Result
{
    double wallPerSimS{0}; ///< Wall-clock seconds per simulated second
    double goodputMbps{0}; ///< UDP goodput over the traffic period, Mbit/s (both directions)
};

/**
 * Run the simulation to simTime, destroy it, and measure.
 * @param [in] wall started before the scenario was built
 * @param [in] simTime simulated time, s
 * @return the measurement
 */
Result
RunAndMeasure(const Stopwatch& wall, double simTime)
{
    Simulator::Stop(Seconds(simTime));
    Simulator::Run();
    Simulator::Destroy();
    return {wall.ElapsedS() / simTime, 8e-6 * g_rxBytes / (simTime - TAIL - APP_START)};
}

/**
 * Position the UEs on a ring at 100..400 m.
 * @param [in] bs base station node (at the origin)
 * @param [in] ues UE nodes
 */
void
Place(Ptr<Node> bs, const NodeContainer& ues)
{
    MobilityHelper mob;
    mob.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mob.Install(bs);
    mob.Install(ues);
    for (uint32_t i = 0; i < ues.GetN(); ++i)
    {
        const double d = (i % 2 == 0) ? 100.0 : 400.0;
        const double angle = 2 * M_PI * i / ues.GetN();
        ues.Get(i)->GetObject<MobilityModel>()->SetPosition(
            Vector(d * std::cos(angle), d * std::sin(angle), 0));
    }
}

/**
 * Install the UDP flows (UL UE -> server, DL server -> UE).
 * @param [in] server server node
 * @param [in] serverAddr server address seen by the UEs
 * @param [in] ues UE nodes
 * @param [in] ueAddr UE addresses
 * @param [in] rateKbps rate per flow
 * @param [in] simTime end of the traffic, s
 */
void
InstallTraffic(Ptr<Node> server,
               Ipv4Address serverAddr,
               const NodeContainer& ues,
               const std::vector<Ipv4Address>& ueAddr,
               double rateKbps,
               double simTime)
{
    ApplicationContainer apps;
    for (uint32_t u = 0; u < ues.GetN(); ++u)
    {
        const uint16_t ulPort = 9000 + u;
        PacketSinkHelper ulSink("ns3::UdpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), ulPort));
        ApplicationContainer a = ulSink.Install(server);
        a.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&SinkRx));
        PacketSinkHelper dlSink("ns3::UdpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 10000));
        ApplicationContainer b = dlSink.Install(ues.Get(u));
        b.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&SinkRx));
        OnOffHelper ul("ns3::UdpSocketFactory", InetSocketAddress(serverAddr, ulPort));
        ul.SetConstantRate(DataRate(static_cast<uint64_t>(rateKbps * 1e3)), 1000);
        ApplicationContainer c = ul.Install(ues.Get(u));
        OnOffHelper dl("ns3::UdpSocketFactory", InetSocketAddress(ueAddr[u], 10000));
        dl.SetConstantRate(DataRate(static_cast<uint64_t>(rateKbps * 1e3)), 1000);
        ApplicationContainer d = dl.Install(server);
        c.Start(Seconds(APP_START));
        d.Start(Seconds(APP_START));
        c.Stop(Seconds(simTime - TAIL));
        d.Stop(Seconds(simTime - TAIL));
    }
}

/**
 * Run the NOMA scenario.
 * @param [in] nUes UEs
 * @param [in] simTime simulated time, s
 * @param [in] rateKbps rate per flow
 * @return the measurement
 */
Result
RunNoma(uint32_t nUes, double simTime, double rateKbps)
{
    const Stopwatch wall;
    g_rxBytes = 0;
    NodeContainer bs;
    bs.Create(1);
    NodeContainer ues;
    ues.Create(nUes);
    Place(bs.Get(0), ues);
    NomaHelper noma;
    noma.SetNumSubchannels(8);
    noma.SetSubchannelBandwidth(625e3);
    NetDeviceContainer devs = noma.Install(bs.Get(0), ues);
    noma.AssignStreams(devs, 1);
    InternetStackHelper stack;
    stack.Install(bs);
    stack.Install(ues);
    Ipv4AddressHelper ip("10.1.0.0", "255.255.0.0");
    Ipv4InterfaceContainer ifs = ip.Assign(devs);
    std::vector<Ipv4Address> ueAddr;
    for (uint32_t u = 0; u < nUes; ++u)
    {
        ueAddr.push_back(ifs.GetAddress(u + 1));
    }
    InstallTraffic(bs.Get(0), ifs.GetAddress(0), ues, ueAddr, rateKbps, simTime);
    return RunAndMeasure(wall, simTime);
}

/**
 * Run the LTE scenario.
 * @param [in] nUes UEs
 * @param [in] simTime simulated time, s
 * @param [in] rateKbps rate per flow
 * @return the measurement
 */
Result
RunLte(uint32_t nUes, double simTime, double rateKbps)
{
    const Stopwatch wall;
    g_rxBytes = 0;
    Ptr<LteHelper> lte = CreateObject<LteHelper>();
    Ptr<PointToPointEpcHelper> epc = CreateObject<PointToPointEpcHelper>();
    lte->SetEpcHelper(epc);
    lte->SetAttribute("PathlossModel", StringValue("ns3::LogDistancePropagationLossModel"));
    lte->SetPathlossModelAttribute("Exponent", DoubleValue(3.76));
    lte->SetPathlossModelAttribute("ReferenceDistance", DoubleValue(1.0));
    lte->SetPathlossModelAttribute("ReferenceLoss", DoubleValue(15.3));
    lte->SetEnbDeviceAttribute("DlBandwidth", UintegerValue(25));
    lte->SetEnbDeviceAttribute("UlBandwidth", UintegerValue(25));
    lte->SetSchedulerType("ns3::PfFfMacScheduler");
    SetSrsPeriodicityFor(nUes);
    Config::SetDefault("ns3::LteHelper::UseIdealRrc", BooleanValue(true));

    NodeContainer remote;
    remote.Create(1);
    InternetStackHelper stack;
    stack.Install(remote);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer core = p2p.Install(epc->GetPgwNode(), remote.Get(0));
    Ipv4AddressHelper addr("1.0.0.0", "255.0.0.0");
    Ipv4InterfaceContainer coreIf = addr.Assign(core);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(remote.Get(0)->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"), Ipv4Mask("255.0.0.0"), 1);

    NodeContainer enb;
    enb.Create(1);
    NodeContainer ues;
    ues.Create(nUes);
    Place(enb.Get(0), ues);
    NetDeviceContainer enbDev = lte->InstallEnbDevice(enb);
    NetDeviceContainer ueDev = lte->InstallUeDevice(ues);
    lte->AssignStreams(enbDev, 1);
    lte->AssignStreams(ueDev, 1000);
    stack.Install(ues);
    Ipv4InterfaceContainer ueIf = epc->AssignUeIpv4Address(ueDev);
    std::vector<Ipv4Address> ueAddr;
    for (uint32_t u = 0; u < nUes; ++u)
    {
        routing.GetStaticRouting(ues.Get(u)->GetObject<Ipv4>())
            ->SetDefaultRoute(epc->GetUeDefaultGatewayAddress(), 1);
        ueAddr.push_back(ueIf.GetAddress(u));
    }
    lte->Attach(ueDev, enbDev.Get(0));
    InstallTraffic(remote.Get(0), coreIf.GetAddress(1), ues, ueAddr, rateKbps, simTime);
    return RunAndMeasure(wall, simTime);
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string nUesList = "4,8,16,32,64";
    double simTime = 1.0;
    double rateKbps = 100;
    RunMode mode;
    CommandLine cmd(__FILE__);
    cmd.AddValue("nUes", "Comma-separated UE counts", nUesList);
    cmd.AddValue("simTime", "Simulated time per run, s", simTime);
    cmd.AddValue("rateKbps", "UDP rate per UE and direction, kbit/s", rateKbps);
    mode.AddTo(cmd, "Short run for the test suite (4 UEs, 0.3 s)");
    cmd.Parse(argc, argv);
    const bool quick = mode.IsQuick();
    if (quick)
    {
        nUesList = "4";
        simTime = 0.3;
    }
    std::vector<uint32_t> counts;
    std::string item;
    if (!ParseCounts(nUesList, UINT32_MAX, counts, item))
    {
        std::cerr << "noma-benchmark: nUes entries must be whole numbers >= 1, got '" << item
                  << "'\n";
        return 1;
    }
    if (!(simTime > APP_START + TAIL + 0.05) || !(rateKbps > 0))
    {
        std::cerr << "noma-benchmark: need simTime > " << APP_START + TAIL + 0.05
                  << " s and rateKbps > 0, got " << simTime << " and " << rateKbps << "\n";
        return 1;
    }
    std::cout << std::fixed << std::setprecision(3);
    std::cout << "noma-benchmark: " << simTime << " s simulated per run, " << rateKbps
              << " kbit/s per UE and direction\n";
    std::cout << "nUes offered_Mbps noma_wall_s_per_sim_s noma_goodput_Mbps "
                 "lte_wall_s_per_sim_s lte_goodput_Mbps\n";
    for (uint32_t n : counts)
    {
        const Result noma = RunNoma(n, simTime, rateKbps);
        const Result lte = RunLte(n, simTime, rateKbps);
        std::cout << n << " " << 2 * n * rateKbps / 1e3 << " " << noma.wallPerSimS << " "
                  << noma.goodputMbps << " " << lte.wallPerSimS << " " << lte.goodputMbps << "\n";
    }
    std::cout << DoneLine("noma-benchmark", quick ? "quick" : "") << "\n";
    return 0;
}
