/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief NOMA vs OMA over the NOMA PHY: N UEs (half near, half far) with saturated UDP in
 * both directions; per-user and sum throughput, predicted vs measured.
 *
 * One base station, nUes UEs: the even ones at dNear, the odd ones at dFar (path loss
 * 128.1 + 37.6 log10(d/km) dB). The total band W = nUes/2 x 1 MHz is used
 *  - NOMA: as nUes/2 subchannels of 2 W / nUes, each carrying a near/far pair (uplink SIC at
 *    the base station, downlink superposition with DlWeakPowerFraction to the far UE);
 *  - OMA: as nUes subchannels of W / nUes, one UE each (same code, Mode = OMA).
 * Prediction: the closed forms of radio-rate.h (UplinkNomaRates, DownlinkNomaRates, Shannon
 * rate for OMA) with the path-loss gains; measurement: UDP payload received per UE in the
 * measurement window (the goodput excludes IP/UDP and segment headers, a few percent).
 *
 *     ./noma-vs-oma --nUes=4 --simTime=1
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/internet-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

NS_LOG_COMPONENT_DEFINE("NomaVsOma");

namespace
{

/// Parameters of the comparison.
struct Params
{
    uint32_t nUes{4};         ///< UEs (even)
    double dNear{100};        ///< Near distance, m
    double dFar{400};         ///< Far distance, m
    double bsPowerW{10};      ///< P^AP, W
    double uePowerW{0.2};     ///< p, W
    double weakFraction{0.8}; ///< DL power share of the far UE
    double simTime{1.0};      ///< Simulated time, s
    double warmup{0.2};       ///< Start of the measurement window, s
};

/// Rates per UE and direction, bit/s.
struct Rates
{
    std::vector<double> ul; ///< Uplink
    std::vector<double> dl; ///< Downlink
};

/// Bytes received in the window, per flow name.
std::map<std::string, uint64_t> g_bytes;
/// Measurement window start, s.
double g_windowStart{0};

/**
 * Sink receive trace.
 * @param [in] name flow name
 * @param [in] p packet
 * @param [in] from source
 */
void
SinkRx(std::string name, Ptr<const Packet> p, const Address& from)
{
    if (Simulator::Now().GetSeconds() >= g_windowStart)
    {
        g_bytes[name] += p->GetSize();
    }
}

/**
 * Closed-form prediction.
 * @param [in] prm parameters
 * @param [in] noma NOMA or OMA
 * @return per-UE rates
 */
Rates
Predict(const Params& prm, bool noma)
{
    const uint32_t n = prm.nUes;
    const double totalHz = 1e6 * n / 2;
    Rates r;
    r.ul.assign(n, 0);
    r.dl.assign(n, 0);
    if (noma)
    {
        const double b = 2 * totalHz / n;
        const double sigma2 = NoisePowerW(b);
        const double pSub = prm.bsPowerW / (n / 2);
        for (uint32_t k = 0; k < n / 2; ++k)
        {
            const std::vector<double> g = {PathLossGain(prm.dNear), PathLossGain(prm.dFar)};
            const auto ul = UplinkNomaRates(b, {prm.uePowerW, prm.uePowerW}, g, sigma2);
            const std::vector<double> p = {pSub * (1 - prm.weakFraction), pSub * prm.weakFraction};
            const auto dl = DownlinkNomaRates(b, p, g, sigma2);
            r.ul[2 * k] = ul[0];
            r.ul[2 * k + 1] = ul[1];
            r.dl[2 * k] = dl[0];
            r.dl[2 * k + 1] = dl[1];
        }
    }
    else
    {
        const double b = totalHz / n;
        const double sigma2 = NoisePowerW(b);
        for (uint32_t u = 0; u < n; ++u)
        {
            const double g = PathLossGain(u % 2 == 0 ? prm.dNear : prm.dFar);
            r.ul[u] = ShannonRate(b, prm.uePowerW * g / sigma2);
            r.dl[u] = ShannonRate(b, prm.bsPowerW / n * g / sigma2);
        }
    }
    return r;
}

/**
 * Simulate one mode.
 * @param [in] prm parameters
 * @param [in] noma NOMA or OMA
 * @param [in] predicted predicted rates (offered load = 1.5 x prediction)
 * @return measured goodput per UE
 */
Rates
Simulate(const Params& prm, bool noma, const Rates& predicted)
{
    g_bytes.clear();
    g_windowStart = prm.warmup;
    const uint32_t n = prm.nUes;
    NodeContainer bsNode;
    bsNode.Create(1);
    NodeContainer ueNodes;
    ueNodes.Create(n);
    MobilityHelper mobility;
    Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
    pos->Add(Vector(0, 0, 0));
    for (uint32_t u = 0; u < n; ++u)
    {
        const double d = (u % 2 == 0) ? prm.dNear : prm.dFar;
        const double angle = 2 * M_PI * u / n;
        pos->Add(Vector(d * std::cos(angle), d * std::sin(angle), 0));
    }
    mobility.SetPositionAllocator(pos);
    mobility.Install(bsNode);
    mobility.Install(ueNodes);

    NomaHelper helper; // default path loss: 128.1 + 37.6 log10(d/km) dB
    helper.SetNumSubchannels(noma ? n / 2 : n);
    helper.SetSubchannelBandwidth(noma ? 2e6 * (n / 2) / n : 1e6 * (n / 2) / n);
    helper.SetMode(noma ? NomaBsMac::NOMA : NomaBsMac::OMA);
    helper.SetPairing(2, 0.0);
    helper.SetPowerSplit(prm.weakFraction);
    helper.SetMacAttribute("BsTxPower", DoubleValue(prm.bsPowerW));
    helper.SetMacAttribute("UeTxPower", DoubleValue(prm.uePowerW));
    helper.SetDeviceAttribute("MaxQueuePackets", UintegerValue(50));
    NetDeviceContainer devs = helper.Install(bsNode.Get(0), ueNodes);
    helper.AssignStreams(devs, 1);

    InternetStackHelper internet;
    internet.Install(bsNode);
    internet.Install(ueNodes);
    Ipv4AddressHelper ip;
    ip.SetBase("10.1.0.0", "255.255.0.0");
    Ipv4InterfaceContainer ifs = ip.Assign(devs);

    ApplicationContainer sinks;
    ApplicationContainer sources;
    for (uint32_t u = 0; u < n; ++u)
    {
        const uint16_t ulPort = 9000 + u;
        PacketSinkHelper ulSink("ns3::UdpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), ulPort));
        ApplicationContainer a = ulSink.Install(bsNode.Get(0));
        a.Get(0)->TraceConnectWithoutContext("Rx",
                                             MakeBoundCallback(&SinkRx, "ul" + std::to_string(u)));
        sinks.Add(a);
        PacketSinkHelper dlSink("ns3::UdpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 10000));
        ApplicationContainer b = dlSink.Install(ueNodes.Get(u));
        b.Get(0)->TraceConnectWithoutContext("Rx",
                                             MakeBoundCallback(&SinkRx, "dl" + std::to_string(u)));
        sinks.Add(b);
        OnOffHelper ul("ns3::UdpSocketFactory", InetSocketAddress(ifs.GetAddress(0), ulPort));
        ul.SetConstantRate(DataRate(static_cast<uint64_t>(1.5 * predicted.ul[u]) + 100000), 1400);
        sources.Add(ul.Install(ueNodes.Get(u)));
        OnOffHelper dl("ns3::UdpSocketFactory", InetSocketAddress(ifs.GetAddress(u + 1), 10000));
        dl.SetConstantRate(DataRate(static_cast<uint64_t>(1.5 * predicted.dl[u]) + 100000), 1400);
        sources.Add(dl.Install(bsNode.Get(0)));
    }
    sinks.Start(Seconds(0));
    sources.Start(Seconds(0.05));
    Simulator::Stop(Seconds(prm.simTime));
    ExampleCommandLine::PrepareRun();
    Simulator::Run();
    Simulator::Destroy();

    Rates r;
    const double window = prm.simTime - prm.warmup;
    for (uint32_t u = 0; u < n; ++u)
    {
        r.ul.push_back(8.0 * g_bytes["ul" + std::to_string(u)] / window);
        r.dl.push_back(8.0 * g_bytes["dl" + std::to_string(u)] / window);
    }
    return r;
}

} // namespace

/**
 * The example, run by main() through ExampleCommandLine::Run (exceptions: exit status 2).
 * @param [in] argc argument count
 * @param [in] argv arguments
 * @return the exit status
 */
int
RunExample(int argc, char* argv[])
{
    Params prm;
    ExampleCommandLine cmd(__FILE__);
    cmd.AddCount("nUes", "Number of UEs (even, 2..64; half near, half far)", prm.nUes, 2, 64);
    cmd.AddNumber("dNear", "Distance of the near UEs, m", prm.dNear, ValueRange::Positive());
    cmd.AddNumber("dFar", "Distance of the far UEs, m", prm.dFar, ValueRange::Positive());
    cmd.AddNumber(
        "bsPower", "Base-station transmit power, W", prm.bsPowerW, ValueRange::Positive());
    cmd.AddNumber("uePower", "UE transmit power, W", prm.uePowerW, ValueRange::Positive());
    cmd.AddNumber("weakFraction",
                  "Downlink power share of the far UE of a pair, in (0, 1)",
                  prm.weakFraction,
                  ValueRange::Open(0, 1));
    cmd.AddNumber("simTime",
                  "Simulated time per mode, s (> warm-up + 0.1 s)",
                  prm.simTime,
                  ValueRange::LeftOpen(prm.warmup + 0.1, 3600));
    cmd.Parse(argc, argv);
    if (prm.nUes % 2 != 0)
    {
        cmd.Fail("nUes", cmd.GetText("nUes"), "an even integer in [2, 64]");
    }

    std::cout << std::fixed << std::setprecision(3);
    std::cout << "noma-vs-oma: " << prm.nUes << " UEs (near " << prm.dNear << " m, far " << prm.dFar
              << " m), band " << prm.nUes / 2 << " MHz, " << prm.simTime << " s per mode\n";
    std::cout << "mode ue dist_m dir predicted_Mbps measured_Mbps rel_error_%\n";
    double maxErr = 0;
    std::map<std::string, std::pair<double, double>> sums; // measured UL, DL
    for (bool noma : {true, false})
    {
        const std::string mode = noma ? "NOMA" : "OMA";
        const Rates pred = Predict(prm, noma);
        const Rates meas = Simulate(prm, noma, pred);
        for (uint32_t u = 0; u < prm.nUes; ++u)
        {
            for (bool up : {true, false})
            {
                const double p = up ? pred.ul[u] : pred.dl[u];
                const double m = up ? meas.ul[u] : meas.dl[u];
                const double err = 100.0 * (m - p) / p;
                PredictionLog::RecordServed(mode + (up ? " UL" : " DL"),
                                            "UE " + std::to_string(u),
                                            "throughput",
                                            "bit/s",
                                            p,
                                            m);
                maxErr = std::max(maxErr, std::abs(err));
                std::cout << mode << " " << u << " " << (u % 2 == 0 ? prm.dNear : prm.dFar) << " "
                          << (up ? "UL" : "DL") << " " << p / 1e6 << " " << m / 1e6 << " " << err
                          << "\n";
                (up ? sums[mode].first : sums[mode].second) += m;
            }
        }
    }
    std::cout << "Sum throughput, Mbit/s: NOMA UL " << sums["NOMA"].first / 1e6 << " DL "
              << sums["NOMA"].second / 1e6 << "; OMA UL " << sums["OMA"].first / 1e6 << " DL "
              << sums["OMA"].second / 1e6 << "\n";
    std::cout << "Largest |relative error| of the prediction: " << maxErr << "%\n";
    std::cout << "Prediction within 5%: " << (maxErr < 5.0 ? "yes" : "no") << "\n";
    return 0;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
