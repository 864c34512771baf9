/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * The multi-cell LTE layout (EdgeLteLayout): hexagonal sites, per-cell attachment,
 * inter-cell interference seen in the CQIs, and SLIDE with one manager per cell.
 */

#include "test-expect-abort.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/test.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/// The examples' heights: eNB at 30 m, UEs at 1.5 m.
EdgeLteGeometry
MacroGeometry()
{
    EdgeLteGeometry g;
    g.enbHeightM = 30;
    g.ueHeightM = 1.5;
    return g;
}

/// PF with the share FFR (transparent without shares), as the SLIDE scenarios.
void
PfWithShareFfr(Ptr<LteHelper> lte)
{
    lte->SetSchedulerType("ns3::PfFfMacScheduler");
    lte->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * @brief EdgeLteLayout: the hexagonal sites, the UEs around their own site, each UE connected
 * to the cell it was given (not the one cell selection would pick), and bad layouts refused.
 */
class MultiCellAttachmentTestCase : public TestCase
{
  public:
    MultiCellAttachmentTestCase()
        : TestCase("Multi-cell layout: hexagonal sites, each UE attached to its own cell")
    {
    }

  private:
    void DoRun() override
    {
        SetSlideLteDefaults();
        const std::vector<Vector> seven = EdgeLteSitePositions(7, 500);
        NS_TEST_ASSERT_MSG_EQ(seven.size(), 7u, "7 sites");
        for (uint32_t c = 1; c < 7; ++c)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(
                CalculateDistance(seven[0], seven[c]), 500.0, 1e-9, "ring site " << c);
            // neighbours on the ring are one inter-site distance apart too (hexagon)
            NS_TEST_ASSERT_MSG_EQ_TOL(CalculateDistance(seven[c], seven[c % 6 + 1]),
                                      500.0,
                                      1e-9,
                                      "ring sites " << c << ", " << c % 6 + 1);
        }
        const std::vector<Vector> three = EdgeLteSitePositions(3, 400);
        NS_TEST_ASSERT_MSG_EQ_TOL(
            CalculateDistance(three[1], three[2]), 400.0, 1e-9, "3 sites: a triangle");

        // 7 cells x 3 UEs, the cells of consecutive UEs interleaved
        std::vector<double> distances;
        std::vector<uint32_t> ueCell;
        for (uint32_t k = 0; k < 21; ++k)
        {
            ueCell.push_back((k * 5) % 7); // cells 0, 5, 3, 1, 6, 4, 2, 0, ...
            distances.push_back(60.0 + 60.0 * (k % 3));
        }
        EdgeLteLayout layout;
        layout.nCells = 7;
        layout.interSiteDistanceM = 500;
        layout.ueCell = ueCell;
        const EdgeLteTopology t = BuildEdgeLteTopology(
            25, distances, PfWithShareFfr, MacroGeometry(), EdgeLteRadio(), layout);
        NS_TEST_ASSERT_MSG_EQ(t.enbDevices.GetN(), 7u, "one eNB per site");
        NS_TEST_ASSERT_MSG_EQ(t.ueCell.size(), 21u, "the cell of each UE");
        for (uint32_t c = 0; c < 7; ++c)
        {
            const Vector p = t.enb.Get(c)->GetObject<MobilityModel>()->GetPosition();
            NS_TEST_ASSERT_MSG_EQ_TOL(p.x, seven[c].x, 1e-9, "site " << c);
            NS_TEST_ASSERT_MSG_EQ_TOL(p.y, seven[c].y, 1e-9, "site " << c);
            NS_TEST_ASSERT_MSG_EQ_TOL(p.z, 30.0, 1e-12, "eNB height " << c);
        }
        for (uint32_t i = 0; i < t.ues.GetN(); ++i)
        {
            const Vector p = t.ues.Get(i)->GetObject<MobilityModel>()->GetPosition();
            const Vector& site = seven[ueCell[i]];
            NS_TEST_ASSERT_MSG_EQ_TOL(
                std::hypot(p.x - site.x, p.y - site.y), distances[i], 1e-9, "UE " << i);
        }
        Simulator::Stop(Seconds(0.3));
        Simulator::Run();
        for (uint32_t i = 0; i < t.ueDevices.GetN(); ++i)
        {
            Ptr<LteUeNetDevice> ue = DynamicCast<LteUeNetDevice>(t.ueDevices.Get(i));
            const uint16_t intended =
                DynamicCast<LteEnbNetDevice>(t.enbDevices.Get(ueCell[i]))->GetCellId();
            NS_TEST_ASSERT_MSG_EQ(ue->GetRrc()->GetCellId(), intended, "UE " << i << "'s cell");
            NS_TEST_ASSERT_MSG_EQ(
                ue->GetRrc()->GetState(), LteUeRrc::CONNECTED_NORMALLY, "UE " << i << " connected");
            // the cell's scheduler knows it (its FFR maps the IMSI to an RNTI)
            Ptr<BandwidthShareFfrAlgorithm> ffr =
                BandwidthShareFfrAlgorithm::GetFromEnbDevice(t.enbDevices.Get(ueCell[i]));
            NS_TEST_ASSERT_MSG_NE(ffr->GetRntiOfImsi(ue->GetImsi()), 0, "UE " << i << " known");
        }
        Simulator::Destroy();

        auto five = RunExpectingAbort([]() { EdgeLteSitePositions(5, 500); });
        NS_TEST_ASSERT_MSG_EQ(five.aborted, true, "5 cells");
        NS_TEST_ASSERT_MSG_NE(
            five.stderrText.find("layout.nCells = 5"), std::string::npos, five.stderrText);
        auto badCell = RunExpectingAbort(
            []()
            {
                EdgeLteLayout l;
                l.nCells = 3;
                l.ueCell = {0, 3};
                BuildEdgeLteTopology(
                    25, {100, 100}, PfWithShareFfr, MacroGeometry(), EdgeLteRadio(), l);
            });
        NS_TEST_ASSERT_MSG_EQ(badCell.aborted, true, "UE in cell 3 of 3");
        NS_TEST_ASSERT_MSG_NE(
            badCell.stderrText.find("layout.ueCell[1] = 3"), std::string::npos, badCell.stderrText);
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Inter-cell interference in the CQIs. A probe UE of cell 0, 200 m from its eNB
 * towards site 1, reports its CQI: (1) alone; (2) with two neighbour cells whose eNBs carry
 * no data; (3) the same with neighbour cell 1 saturated by a downlink flow. With the
 * control-region CQI of the module's scenarios (UsePdschForCqiGeneration false) the
 * neighbours' control channel, sent over the whole band every subframe, lowers the CQI
 * whether or not they carry data: (2) < (1) and (3) = (2). With ns-3's PDSCH-based CQI the
 * interference is measured on data only, so the neighbour's load lowers it: (3) < (2).
 * Every strict inequality would be an equality without inter-cell interference.
 */
class MultiCellInterferenceTestCase : public TestCase
{
  public:
    MultiCellInterferenceTestCase()
        : TestCase("Multi-cell layout: the neighbours' power lowers a UE's CQI")
    {
    }

  private:
    /**
     * The probe's latest wideband CQI at 0.6 s.
     * @param [in] nCells 1 or 3
     * @param [in] neighbourLoad a saturating downlink flow to a UE of cell 1
     * @param [in] pdschCqi LteHelper UsePdschForCqiGeneration
     * @return the CQI, -1 if none
     */
    static int ProbeCqi(uint32_t nCells, bool neighbourLoad, bool pdschCqi)
    {
        SetSlideLteDefaults();
        EdgeLteLayout layout;
        layout.nCells = nCells;
        std::vector<double> distances = {200};
        if (nCells > 1)
        {
            distances.push_back(150); // a UE of cell 1, on the far side of its eNB
            layout.ueCell = {0, 1};
        }
        const EdgeLteTopology t = BuildEdgeLteTopology(
            25,
            distances,
            [pdschCqi](Ptr<LteHelper> lte)
            {
                PfWithShareFfr(lte);
                lte->SetAttribute("UsePdschForCqiGeneration", BooleanValue(pdschCqi));
            },
            MacroGeometry(),
            EdgeLteRadio(),
            layout);
        t.lte->AssignStreams(NetDeviceContainer(t.enbDevices, t.ueDevices), 7);
        // the probe's own cell sends it data (the PDSCH CQI measures interference on data)
        auto flow = [&t](uint32_t ue, const std::string& rate)
        {
            OnOffHelper onOff("ns3::UdpSocketFactory",
                              InetSocketAddress(t.ueInterfaces.GetAddress(ue), 9));
            onOff.SetConstantRate(DataRate(rate), 1200);
            ApplicationContainer app = onOff.Install(t.remote.Get(0));
            app.Start(Seconds(0.2));
        };
        flow(0, "2Mbps");
        if (neighbourLoad)
        {
            flow(1, "40Mbps"); // more than a 25-RB cell carries: every RB, every TTI
        }
        int cqi = -1;
        Ptr<BandwidthShareFfrAlgorithm> ffr =
            BandwidthShareFfrAlgorithm::GetFromEnbDevice(t.enbDevices.Get(0));
        const uint64_t imsi = DynamicCast<LteUeNetDevice>(t.ueDevices.Get(0))->GetImsi();
        Simulator::Schedule(Seconds(0.6),
                            [&cqi, ffr, imsi]()
                            {
                                uint8_t c = 0;
                                Time when;
                                if (ffr->GetDlWidebandCqi(ffr->GetRntiOfImsi(imsi), c, when))
                                {
                                    cqi = c;
                                }
                            });
        Simulator::Stop(Seconds(0.61));
        Simulator::Run();
        Simulator::Destroy();
        return cqi;
    }

    void DoRun() override
    {
        const int alone = ProbeCqi(1, false, false);
        const int idle = ProbeCqi(3, false, false);
        const int loaded = ProbeCqi(3, true, false);
        NS_TEST_ASSERT_MSG_EQ(alone, 15, "200 m from a lone eNB");
        NS_TEST_ASSERT_MSG_GT(idle, 0, "a CQI with neighbours");
        NS_TEST_ASSERT_MSG_LT(idle, alone, "the neighbours' control channel interferes");
        NS_TEST_ASSERT_MSG_EQ(loaded, idle, "control-region CQI: full-load interference");
        const int pdschIdle = ProbeCqi(3, false, true);
        const int pdschLoaded = ProbeCqi(3, true, true);
        NS_TEST_ASSERT_MSG_GT(pdschLoaded, 0, "a PDSCH CQI");
        NS_TEST_ASSERT_MSG_LT(pdschLoaded, pdschIdle, "PDSCH CQI: the neighbour's load");
        // the PDSCH CQI with a loaded neighbour is the control-region one (same interferer
        // power per RB, cell 2 idle): within one CQI step
        NS_TEST_ASSERT_MSG_GT_OR_EQ(pdschLoaded, idle, "no more interference than full load");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief SLIDE in 3 cells x 4 UEs (slide-lte --nCells=3 --nUes=4): one manager per cell
 * decides its own cell's UEs only, and every admitted user completes within 5 % of the
 * prediction. Before the managers read the subband CQI the PF scheduler takes the MCS from
 * (BandwidthShareFfrAlgorithm::GetDlSchedulingCqi()), UE 10 (cell 2, 120 m, wideband CQI 15,
 * subbands 14) ended 10.4 % late.
 */
class MultiCellSlideTestCase : public TestCase
{
  public:
    MultiCellSlideTestCase()
        : TestCase("Multi-cell SLIDE: one manager per cell, predictions within 5 %")
    {
    }

  private:
    void DoRun() override
    {
        SetSlideLteDefaults();
        RngSeedManager::SetSeed(1);
        SlideLteConfig cfg;
        // slide-lte's variants and its users at --nCells=3 --nUes=4 (distances 0.08..0.32 x
        // the 500 m inter-site distance)
        for (const auto& v : std::vector<std::pair<std::string, double>>{{"b-alexnet-fp32", 4},
                                                                         {"b-alexnet-fp16", 2},
                                                                         {"b-alexnet-int8", 1},
                                                                         {"mobilenetv2-int8", 1},
                                                                         {"mobilenetv2-int4", 0.5}})
        {
            DnnModel m = DnnModelZoo::Get(v.first.substr(0, v.first.rfind('-')));
            m.SetBytesPerParameter(v.second);
            m.SetName(v.first);
            cfg.models.push_back(m);
        }
        cfg.tasks = {{"cifar", {"b-alexnet-fp32", "b-alexnet-fp16", "b-alexnet-int8"}},
                     {"imagenet", {"mobilenetv2-int8", "mobilenetv2-int4"}}};
        const std::vector<double> dist = {40, 80, 120, 160};
        const std::vector<uint32_t> samples = {256, 16, 128, 8};
        const std::vector<double> flops = {32, 64, 16, 32};
        const std::vector<double> deadline = {1.0, 2.0, 1.5, 2.5};
        const std::vector<double> budget = {0.5, 2.0, 1.0, 0.5};
        for (uint32_t c = 0; c < 3; ++c)
        {
            for (uint32_t i = 0; i < 4; ++i)
            {
                SlideLteUser u;
                u.cell = c;
                u.distanceM = dist[i];
                u.task = i % 2 == 0 ? "cifar" : "imagenet";
                u.samples = samples[i];
                u.flopsPerCycle = flops[i];
                u.deadlineS = deadline[i];
                u.energyBudgetJ = budget[i];
                cfg.users.push_back(u);
            }
        }
        cfg.nCells = 3;
        cfg.rbs = 25;
        cfg.rateModel = "LteAmc";
        cfg.rateEfficiency = SLIDE_LTE_RATE_EFFICIENCY;
        cfg.configure = [](SlideHelper& h)
        {
            h.SetAllocatorAttribute("Algorithm", StringValue("slide-optimal"));
        };
        const SlideLteOutcome out = RunSlideLte(cfg);
        NS_TEST_ASSERT_MSG_EQ(out.rounds.size(), 3u, "one round per cell's manager");
        for (uint32_t c = 0; c < out.rounds.size(); ++c)
        {
            // rounds in cell order; IMSIs 1..12 in user order, 4 per cell
            NS_TEST_ASSERT_MSG_EQ(out.rounds[c].imsis.size(), 4u, "round of cell " << c);
            for (uint64_t imsi : out.rounds[c].imsis)
            {
                NS_TEST_ASSERT_MSG_EQ((imsi - 1) / 4, c, "IMSI " << imsi << " in cell " << c);
            }
        }
        uint32_t admitted = 0;
        for (uint32_t i = 0; i < out.users.size(); ++i)
        {
            const SlideLteUserOutcome& o = out.users[i];
            if (!o.admitted)
            {
                continue;
            }
            ++admitted;
            NS_TEST_ASSERT_MSG_GT(o.measuredS, 0, "UE " << i << " completed");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(std::abs(o.measuredS - o.predictedS) / o.predictedS,
                                        0.05,
                                        "UE " << i << " (CQI " << o.cqi << ")");
        }
        NS_TEST_ASSERT_MSG_GT_OR_EQ(admitted, 3u, "users admitted in the three cells");

        cfg.users.back().cell = 3;
        auto badCell = RunExpectingAbort([&cfg]() { RunSlideLte(cfg); });
        NS_TEST_ASSERT_MSG_EQ(badCell.aborted, true, "a user in cell 3 of 3");
        NS_TEST_ASSERT_MSG_NE(
            badCell.stderrText.find("users[11].cell = 3"), std::string::npos, badCell.stderrText);
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Multi-cell test suite.
 */
class EdgeInferenceMultiCellTestSuite : public TestSuite
{
  public:
    EdgeInferenceMultiCellTestSuite()
        : TestSuite("edge-inference-multi-cell")
    {
        AddTestCase(new MultiCellAttachmentTestCase);
        AddTestCase(new MultiCellInterferenceTestCase);
        AddTestCase(new MultiCellSlideTestCase);
    }
};

/// Static instance of the multi-cell test suite.
static EdgeInferenceMultiCellTestSuite g_edgeInferenceMultiCellTestSuite;
