/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-lte-topology-helper.h"

#include "ns3/core-module.h"
#include "ns3/mobility-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace edgeinference
{

bool
IsLteBandwidth(uint32_t rbs)
{
    return rbs == 6 || rbs == 15 || rbs == 25 || rbs == 50 || rbs == 75 || rbs == 100;
}

void
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

double
MacroEnbTxPowerDbm(uint32_t rbs)
{
    return rbs >= 50 ? 46.0 : 43.0;
}

std::vector<Vector>
EdgeLteSitePositions(uint32_t nCells, double interSiteDistanceM)
{
    NS_ABORT_MSG_UNLESS(nCells == 1 || nCells == 3 || nCells == 7,
                        "LTE scenario: layout.nCells = " << nCells << " (expected 1, 3 or 7)");
    NS_ABORT_MSG_UNLESS(std::isfinite(interSiteDistanceM) && interSiteDistanceM > 0,
                        "LTE scenario: layout.interSiteDistanceM = " << interSiteDistanceM
                                                                     << " (expected > 0 m)");
    std::vector<Vector> sites{Vector(0, 0, 0)};
    for (uint32_t k = 0; k + 1 < nCells; ++k)
    {
        const double angle = M_PI / 3 * k;
        sites.emplace_back(
            interSiteDistanceM * std::cos(angle), interSiteDistanceM * std::sin(angle), 0);
    }
    return sites;
}

EdgeLteTopology
BuildEdgeLteTopology(uint32_t rbs,
                     const std::vector<double>& distancesM,
                     const std::function<void(Ptr<LteHelper>)>& configure,
                     const EdgeLteGeometry& geometry,
                     const EdgeLteRadio& radio,
                     const EdgeLteLayout& layout)
{
    NS_ABORT_MSG_UNLESS(IsLteBandwidth(rbs),
                        "LTE scenario: rbs = " << rbs
                                               << " is not an LTE bandwidth (6, 15, 25, 50, 75 or "
                                                  "100 resource blocks)");
    const double enbPowerDbm =
        std::isnan(radio.enbTxPowerDbm) ? MacroEnbTxPowerDbm(rbs) : radio.enbTxPowerDbm;
    NS_ABORT_MSG_UNLESS(std::isfinite(enbPowerDbm) && enbPowerDbm >= -30 && enbPowerDbm <= 70,
                        "LTE scenario: radio.enbTxPowerDbm = " << enbPowerDbm
                                                               << " (expected -30..70 dBm)");
    NS_ABORT_MSG_UNLESS(std::isfinite(radio.ueMaxTxPowerDbm) && radio.ueMaxTxPowerDbm >= -40 &&
                            radio.ueMaxTxPowerDbm <= 40,
                        "LTE scenario: radio.ueMaxTxPowerDbm = " << radio.ueMaxTxPowerDbm
                                                                 << " (expected -40..40 dBm)");
    NS_ABORT_MSG_UNLESS(std::isfinite(radio.enbNoiseFigureDb) && radio.enbNoiseFigureDb >= 0 &&
                            radio.enbNoiseFigureDb <= 30,
                        "LTE scenario: radio.enbNoiseFigureDb = " << radio.enbNoiseFigureDb
                                                                  << " (expected 0..30 dB)");
    NS_ABORT_MSG_UNLESS(std::isfinite(radio.ueNoiseFigureDb) && radio.ueNoiseFigureDb >= 0 &&
                            radio.ueNoiseFigureDb <= 30,
                        "LTE scenario: radio.ueNoiseFigureDb = " << radio.ueNoiseFigureDb
                                                                 << " (expected 0..30 dB)");
    const std::vector<Vector> sites =
        EdgeLteSitePositions(layout.nCells, layout.interSiteDistanceM);
    NS_ABORT_MSG_UNLESS(layout.ueCell.empty() || layout.ueCell.size() == distancesM.size(),
                        "LTE scenario: layout.ueCell has " << layout.ueCell.size()
                                                           << " entries for " << distancesM.size()
                                                           << " UEs");
    EdgeLteTopology t;
    t.ueCell = layout.ueCell.empty() ? std::vector<uint32_t>(distancesM.size(), 0) : layout.ueCell;
    // UEs per cell and the index of each UE within its cell (its angle around the eNB)
    std::vector<uint32_t> cellSize(layout.nCells, 0);
    std::vector<uint32_t> indexInCell(distancesM.size(), 0);
    for (uint32_t i = 0; i < t.ueCell.size(); ++i)
    {
        NS_ABORT_MSG_UNLESS(t.ueCell[i] < layout.nCells,
                            "LTE scenario: layout.ueCell[" << i << "] = " << t.ueCell[i]
                                                           << " (expected 0.." << layout.nCells - 1
                                                           << ")");
        indexInCell[i] = cellSize[t.ueCell[i]]++;
    }
    SetSrsPeriodicityFor(*std::max_element(cellSize.begin(), cellSize.end()));
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

    t.enb.Create(layout.nCells);
    t.ues.Create(distancesM.size());
    MobilityHelper mob;
    mob.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mob.Install(t.enb);
    mob.Install(t.ues);
    for (uint32_t c = 0; c < layout.nCells; ++c)
    {
        t.enb.Get(c)->GetObject<MobilityModel>()->SetPosition(
            Vector(sites[c].x, sites[c].y, geometry.enbHeightM));
    }
    for (uint32_t i = 0; i < distancesM.size(); ++i)
    {
        const Vector& site = sites[t.ueCell[i]];
        const double angle = 2 * M_PI * indexInCell[i] / cellSize[t.ueCell[i]];
        t.ues.Get(i)->GetObject<MobilityModel>()->SetPosition(
            Vector(site.x + distancesM[i] * std::cos(angle),
                   site.y + distancesM[i] * std::sin(angle),
                   geometry.ueHeightM));
    }
    t.enbDevices = t.lte->InstallEnbDevice(t.enb);
    t.ueDevices = t.lte->InstallUeDevice(t.ues);
    for (uint32_t i = 0; i < t.enbDevices.GetN(); ++i)
    {
        Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(t.enbDevices.Get(i));
        Ptr<LteEnbPhy> phy = enb->GetPhy();
        phy->SetAttribute("TxPower", DoubleValue(enbPowerDbm));
        phy->SetAttribute("NoiseFigure", DoubleValue(radio.enbNoiseFigureDb));
        // the eNB PHY builds its UL noise PSD when it is initialised (inside
        // InstallEnbDevice()), so a noise figure set afterwards needs a new PSD
        phy->GetUlSpectrumPhy()->SetNoisePowerSpectralDensity(
            LteSpectrumValueHelper::CreateNoisePowerSpectralDensity(
                enb->GetUlEarfcn(), enb->GetUlBandwidth(), radio.enbNoiseFigureDb));
    }
    for (uint32_t i = 0; i < t.ueDevices.GetN(); ++i)
    {
        Ptr<LteUePhy> phy = DynamicCast<LteUeNetDevice>(t.ueDevices.Get(i))->GetPhy();
        phy->SetAttribute("TxPower", DoubleValue(radio.ueMaxTxPowerDbm));
        phy->SetAttribute("NoiseFigure", DoubleValue(radio.ueNoiseFigureDb));
        phy->GetUplinkPowerControl()->SetPcmax(radio.ueMaxTxPowerDbm);
    }
    stack.Install(t.ues);
    t.ueInterfaces = epc->AssignUeIpv4Address(t.ueDevices);
    for (uint32_t i = 0; i < t.ues.GetN(); ++i)
    {
        routing.GetStaticRouting(t.ues.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(epc->GetUeDefaultGatewayAddress(), 1);
    }
    if (layout.nCells == 1)
    {
        t.lte->Attach(t.ueDevices, t.enbDevices.Get(0));
    }
    else
    {
        // each UE to its own cell: no cell selection, no handover (NoOpHandoverAlgorithm)
        for (uint32_t i = 0; i < t.ueDevices.GetN(); ++i)
        {
            t.lte->Attach(t.ueDevices.Get(i), t.enbDevices.Get(t.ueCell[i]));
        }
    }
    return t;
}

} // namespace edgeinference
} // namespace ns3
