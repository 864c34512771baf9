/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * Tests of the NOMA PHY/MAC/device: post-SIC SINRs measured from the received signals
 * against the closed forms (worked examples E4.1 and E4.2 of R4.6 of [4] and radio-rate.h), the
 * uplink sum-rate identity, decode failures with a wrong SIC order or an insufficient power gap,
 * OMA vs NOMA throughput, and saturated UDP over IP.
 */

#include "test-expect-abort.h"

#include "ns3/applications-module.h"
#include "ns3/constant-spectrum-propagation-loss.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mobility-module.h"
#include "ns3/multi-model-spectrum-channel.h"
#include "ns3/network-module.h"
#include "ns3/noma-bs-mac.h"
#include "ns3/noma-helper.h"
#include "ns3/noma-net-device.h"
#include "ns3/noma-spectrum-phy.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/radio-rate.h"
#include "ns3/test.h"

#include <cmath>
#include <map>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/// Relative tolerance of the SINR comparisons.
const double SINR_TOL = 1e-6;

/// Scenario of a PHY/MAC test: one cell, fixed gains (MatrixPropagationLossModel).
struct Scenario
{
    std::vector<double> gains;       ///< Per UE, linear (both directions)
    uint32_t nSub{1};                ///< Subchannels
    double bandwidthHz{1e6};         ///< B_s
    double noisePsd{1e-19};          ///< N0, W/Hz (sigma^2 = 1e-13 W on 1 MHz, R4.6 of [4])
    std::string mode{"NOMA"};        ///< Scheduler mode
    uint32_t q{2};                   ///< Users per subchannel
    double bsPowerW{1.0};            ///< P^AP
    double uePowerW{0.1};            ///< p
    double weakFraction{0.8};        ///< DL split
    std::string sicOrder{"Default"}; ///< SIC policy
    double eps{0};                   ///< Residual factor
    double gapDb{0};                 ///< SNR gap, dB
    double minGapDb{0};              ///< Pairing: minimum gain gap, dB
    double extraLossDb{0};           ///< Spectrum (fading-like) loss unknown to the scheduler, dB
    Time frame{MilliSeconds(10)};    ///< Frame duration
    uint32_t maxQueue{200};          ///< Queue limit
    uint32_t dlPackets{0};           ///< SDUs of 1000 B queued per UE for the downlink
    uint32_t ulPackets{0};           ///< SDUs of 1000 B queued per UE for the uplink
    uint32_t frames{3};              ///< Frames received
    bool hasDecision{false};         ///< Apply decision
    NomaFrameDecision decision;      ///< External decision
};

/// What a scenario measured.
struct Measured
{
    std::vector<NomaTbReport> dl;             ///< TB reports at the UEs
    std::vector<NomaTbReport> ul;             ///< TB reports at the base station
    std::map<uint32_t, uint64_t> dlBytes;     ///< RxOk bytes per UE (DL)
    std::map<uint32_t, uint64_t> ulBytes;     ///< RxOk bytes per UE (UL)
    uint32_t macRxDrops{0};                   ///< MacRxDrop events (all devices)
    std::vector<NomaFrameSchedule> schedules; ///< Schedule of every frame
};

/**
 * Record a TB report.
 * @param [in] out destination
 * @param [in] r the report
 */
void
RecordTb(std::vector<NomaTbReport>* out, const NomaTbReport& r)
{
    out->push_back(r);
}

/**
 * Record a frame schedule.
 * @param [in] out destination
 * @param [in] sched the schedule
 */
void
RecordSchedule(std::vector<NomaFrameSchedule>* out, const NomaFrameSchedule& sched)
{
    out->push_back(sched);
}

/**
 * Count bytes.
 * @param [in] out destination
 * @param [in] ue UE
 * @param [in] bytes bytes
 */
void
RecordBytes(std::map<uint32_t, uint64_t>* out, uint32_t ue, uint32_t bytes)
{
    (*out)[ue] += bytes;
}

/**
 * Count a packet event.
 * @param [in] n counter
 * @param [in] p the packet
 */
void
CountPacket(uint32_t* n, Ptr<const Packet> p)
{
    ++*n;
}

/**
 * Build nodes, a channel with fixed losses and the devices of one cell.
 * @param [in] s scenario
 * @param [out] nodes base station then UEs
 * @return the devices (base station first)
 */
NetDeviceContainer
BuildCell(const Scenario& s, NodeContainer& nodes)
{
    const uint32_t n = s.gains.size();
    nodes.Create(n + 1);
    MobilityHelper mobility;
    Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
    for (uint32_t i = 0; i <= n; ++i)
    {
        pos->Add(Vector(10.0 * i, 0, 0));
    }
    mobility.SetPositionAllocator(pos);
    mobility.Install(nodes);

    Ptr<MatrixPropagationLossModel> loss = CreateObject<MatrixPropagationLossModel>();
    loss->SetDefaultLoss(250); // UE-UE: irrelevant (FDD bands), kept tiny
    for (uint32_t i = 0; i < n; ++i)
    {
        loss->SetLoss(nodes.Get(0)->GetObject<MobilityModel>(),
                      nodes.Get(i + 1)->GetObject<MobilityModel>(),
                      -10.0 * std::log10(s.gains[i]));
    }
    Ptr<MultiModelSpectrumChannel> channel = CreateObject<MultiModelSpectrumChannel>();
    channel->AddPropagationLossModel(loss);
    if (s.extraLossDb > 0)
    {
        Ptr<ConstantSpectrumPropagationLossModel> extra =
            CreateObject<ConstantSpectrumPropagationLossModel>();
        extra->SetLossDb(s.extraLossDb);
        channel->AddSpectrumPropagationLossModel(extra);
    }

    NomaHelper helper;
    helper.SetChannel(channel);
    helper.SetNumSubchannels(s.nSub);
    helper.SetSubchannelBandwidth(s.bandwidthHz);
    helper.SetPhyAttribute("NoisePsd", DoubleValue(s.noisePsd));
    helper.SetPhyAttribute("ResidualFactor", DoubleValue(s.eps));
    helper.SetPhyAttribute("SnrGapDb", DoubleValue(s.gapDb));
    helper.SetMacAttribute("Mode", StringValue(s.mode));
    helper.SetMacAttribute("BsTxPower", DoubleValue(s.bsPowerW));
    helper.SetMacAttribute("UeTxPower", DoubleValue(s.uePowerW));
    helper.SetMacAttribute("SicOrder", StringValue(s.sicOrder));
    helper.SetPairing(s.q, s.minGapDb);
    helper.SetPowerSplit(s.weakFraction);
    helper.SetDeviceAttribute("FrameDuration", TimeValue(s.frame));
    helper.SetDeviceAttribute("MaxQueuePackets", UintegerValue(s.maxQueue));
    NodeContainer ues;
    for (uint32_t i = 1; i <= n; ++i)
    {
        ues.Add(nodes.Get(i));
    }
    return helper.Install(nodes.Get(0), ues);
}

/**
 * Run a PHY/MAC scenario with SDUs queued directly at the devices (no IP).
 * @param [in] s scenario
 * @return the measurements
 */
Measured
RunCell(const Scenario& s)
{
    Measured m;
    NodeContainer nodes;
    NetDeviceContainer devs = BuildCell(s, nodes);
    Ptr<NomaNetDevice> bs = DynamicCast<NomaNetDevice>(devs.Get(0));
    bs->GetPhy()->TraceConnectWithoutContext("RxTb", MakeBoundCallback(&RecordTb, &m.ul));
    bs->GetPhy()->TraceConnectWithoutContext("RxOk", MakeBoundCallback(&RecordBytes, &m.ulBytes));
    bs->TraceConnectWithoutContext("MacRxDrop", MakeBoundCallback(&CountPacket, &m.macRxDrops));
    for (uint32_t i = 1; i < devs.GetN(); ++i)
    {
        Ptr<NomaNetDevice> ue = DynamicCast<NomaNetDevice>(devs.Get(i));
        ue->GetPhy()->TraceConnectWithoutContext("RxTb", MakeBoundCallback(&RecordTb, &m.dl));
        ue->GetPhy()->TraceConnectWithoutContext("RxOk",
                                                 MakeBoundCallback(&RecordBytes, &m.dlBytes));
        ue->TraceConnectWithoutContext("MacRxDrop", MakeBoundCallback(&CountPacket, &m.macRxDrops));
        for (uint32_t k = 0; k < s.dlPackets; ++k)
        {
            bs->Send(Create<Packet>(1000), ue->GetAddress(), 0x0800);
        }
        for (uint32_t k = 0; k < s.ulPackets; ++k)
        {
            ue->Send(Create<Packet>(1000), bs->GetAddress(), 0x0800);
        }
    }
    bs->GetMac()->TraceConnectWithoutContext("Schedule",
                                             MakeBoundCallback(&RecordSchedule, &m.schedules));
    if (s.hasDecision)
    {
        bs->GetMac()->SetFrameDecision(s.decision);
    }
    // frames start at 0, T, 2T, ...: the TBs of frames 0..frames-1 end by frames * T
    Simulator::Stop(s.frame * s.frames + s.frame / 2);
    Simulator::Run();
    Simulator::Destroy();
    return m;
}

/**
 * Relative difference.
 * @param [in] a value
 * @param [in] b reference (non-zero)
 * @return |a - b| / |b|
 */
double
RelErr(double a, double b)
{
    return std::abs(a - b) / std::abs(b);
}

/**
 * Largest TB (bytes) at an SINR, Shannon with no gap: floor(B T log2(1 + x) / 8).
 * @param [in] sinr SINR
 * @param [in] s scenario (B_s, T)
 * @return bytes
 */
uint32_t
TbAt(double sinr, const Scenario& s)
{
    return static_cast<uint32_t>(
        std::floor(s.bandwidthHz * s.frame.GetSeconds() * std::log2(1.0 + sinr) / 8.0));
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * @brief Two-user downlink (E4.2) and uplink (E4.1): measured SINRs equal the closed forms.
 */
class NomaTwoUserTestCase : public TestCase
{
  public:
    NomaTwoUserTestCase()
        : TestCase("two users: E4.1 uplink and E4.2 downlink SINRs, SIC, sum-rate identity")
    {
    }

  private:
    void DoRun() override
    {
        Scenario s;
        s.gains = {1e-10, 2e-11}; // UE 0 strong, UE 1 weak (R4.6 of [4])
        s.bsPowerW = 1.0;         // P = (0.2, 0.8) W with weak fraction 0.8
        s.uePowerW = 0.1;         // p = (0.1, 0.1) W
        s.dlPackets = 60;
        s.ulPackets = 60;
        const Measured m = RunCell(s);
        const double sigma2 = 1e-13;

        // E4.2: weak 1.6e-11 / (4e-12 + 1e-13) = 3.9024; strong 2e-11 / 1e-13 = 200 after
        // cancelling the weak signal (SINR of that attempt 8e-11/(2e-11+1e-13) = 3.9801).
        const std::vector<double> dlClosed =
            DownlinkNomaSinr({0.2, 0.8}, s.gains, sigma2, 0.0, {1, 0});
        const std::vector<double> dlE42 = {200.0, 1.6e-11 / 4.1e-12};
        NS_TEST_ASSERT_MSG_EQ(m.dl.size(), 2 * s.frames, "two DL TBs per frame");
        for (const auto& r : m.dl)
        {
            NS_TEST_EXPECT_MSG_LT(
                RelErr(r.sinrAfterSic, dlClosed[r.ue]), SINR_TOL, "DL closed form");
            NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, dlE42[r.ue]), 1e-12, "DL E4.2");
            NS_TEST_EXPECT_MSG_EQ(r.success, true, "DL TB decoded");
            NS_TEST_EXPECT_MSG_EQ(r.groupSize, 2, "two superposed signals");
            NS_TEST_EXPECT_MSG_LT(RelErr(r.noiseW, sigma2), 1e-12, "noise N0 B");
        }
        for (const auto& r : m.dl)
        {
            if (r.ue == 0)
            {
                NS_TEST_EXPECT_MSG_EQ(r.cancelledSignals, 1, "strong UE cancels the weak signal");
                // before SIC: 2e-11 / (8e-11 + 1e-13)
                NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrBeforeSic, 2e-11 / 8.01e-11), SINR_TOL, "");
                // E4.2 rate 7.6511 Mbit/s
                NS_TEST_EXPECT_MSG_EQ_TOL(
                    1e6 * std::log2(1 + r.sinrAfterSic) / 1e6, 7.6511, 1e-4, "");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(r.cancelledSignals, 0, "weak UE decodes first");
                NS_TEST_EXPECT_MSG_EQ_TOL(std::log2(1 + r.sinrAfterSic), 2.2935, 1e-4, "E4.2 rate");
            }
        }

        // E4.1: strong decoded first: 1e-11 / (2e-12 + 1e-13) = 4.7619; weak 2e-12/1e-13 = 20.
        const std::vector<double> ulClosed = UplinkNomaSinr({0.1, 0.1}, s.gains, sigma2);
        const std::vector<double> ulE41 = {1e-11 / 2.1e-12, 20.0};
        NS_TEST_ASSERT_MSG_EQ(m.ul.size(), 2 * s.frames, "two UL TBs per frame");
        std::map<uint64_t, double> sumRate;
        for (const auto& r : m.ul)
        {
            NS_TEST_EXPECT_MSG_LT(
                RelErr(r.sinrAfterSic, ulClosed[r.ue]), SINR_TOL, "UL closed form");
            NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, ulE41[r.ue]), 1e-12, "UL E4.1");
            NS_TEST_EXPECT_MSG_EQ(r.success, true, "UL TB decoded");
            NS_TEST_EXPECT_MSG_EQ(r.sicPosition, r.ue, "descending received power");
            sumRate[r.frameNo] += s.bandwidthHz * std::log2(1 + r.sinrAfterSic);
        }
        // sum-rate identity: B log2(1 + (1e-11 + 2e-12) / 1e-13) = log2(121) Mbit/s
        for (const auto& [frame, rate] : sumRate)
        {
            NS_TEST_EXPECT_MSG_LT(RelErr(rate, 1e6 * std::log2(121.0)), 1e-9, "UL sum rate");
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Three users per subchannel, uplink and downlink, with imperfect SIC.
 */
class NomaThreeUserTestCase : public TestCase
{
  public:
    NomaThreeUserTestCase()
        : TestCase("three users: measured SINRs equal the closed forms (eps = 0 and 0.02)")
    {
    }

  private:
    void DoRun() override
    {
        for (double eps : {0.0, 0.02})
        {
            Scenario s;
            s.gains = {1e-10, 2e-11, 4e-12};
            s.q = 3;
            s.eps = eps;
            s.weakFraction = 0.6; // weights 1, beta, beta^2 from the weakest, beta = 2/3
            s.bsPowerW = 2.0;
            s.uePowerW = 0.1;
            s.dlPackets = 60;
            s.ulPackets = 60;
            const Measured m = RunCell(s);
            const double sigma2 = 1e-13;
            // DL powers (strong, mid, weak) = 2 (4/9, 6/9, 1) / (19/9) = (8, 12, 18)/19 W
            const std::vector<double> p = {8.0 / 19, 12.0 / 19, 18.0 / 19};
            const std::vector<double> dl = DownlinkNomaSinr(p, s.gains, sigma2, eps, {2, 1, 0});
            // hand check for eps = 0, strong UE: (8/19) 1e-10 / 1e-13 = 421.05
            if (eps == 0.0)
            {
                NS_TEST_EXPECT_MSG_LT(RelErr(dl[0], 8.0 / 19 * 1e3), 1e-12, "closed form");
            }
            NS_TEST_ASSERT_MSG_EQ(m.dl.size(), 3 * s.frames, "three DL TBs per frame");
            for (const auto& r : m.dl)
            {
                NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, dl[r.ue]), SINR_TOL, "DL 3 users");
                NS_TEST_EXPECT_MSG_EQ(r.success, true, "DL decoded");
                NS_TEST_EXPECT_MSG_EQ(r.cancelledSignals, 2 - r.ue, "cancels the weaker UEs");
            }
            const std::vector<double> ul =
                UplinkNomaSinr({0.1, 0.1, 0.1}, s.gains, sigma2, eps, {0, 1, 2});
            NS_TEST_ASSERT_MSG_EQ(m.ul.size(), 3 * s.frames, "three UL TBs per frame");
            std::map<uint64_t, double> sumRate;
            for (const auto& r : m.ul)
            {
                NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, ul[r.ue]), SINR_TOL, "UL 3 users");
                NS_TEST_EXPECT_MSG_EQ(r.success, true, "UL decoded");
                sumRate[r.frameNo] += std::log2(1 + r.sinrAfterSic);
            }
            if (eps == 0.0)
            {
                // sum of received SNRs: (1e-11 + 2e-12 + 4e-13) / 1e-13 = 124
                for (const auto& [frame, rate] : sumRate)
                {
                    NS_TEST_EXPECT_MSG_LT(RelErr(rate, std::log2(125.0)), 1e-9, "sum rate");
                }
            }
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief A wrong SIC order or an insufficient power gap makes decodes fail as theory says.
 */
class NomaSicFailureTestCase : public TestCase
{
  public:
    NomaSicFailureTestCase()
        : TestCase("wrong SIC order and insufficient power gap: failures as predicted")
    {
    }

  private:
    void DoRun() override
    {
        const double sigma2 = 1e-13;
        const std::vector<double> g = {1e-10, 2e-11};
        {
            // DL, reversed order (strong signal decoded first): the weak UE cannot decode
            // the strong UE's signal (CheckDownlinkSic: needs g_weak >= g_strong) and its
            // own TB, sized for 1.6e-11 / 1e-13 = 160, sees 3.90: fails; the strong UE's TB,
            // sized for 2e-11 / (8e-11 + 1e-13), succeeds.
            Scenario s;
            s.gains = g;
            s.sicOrder = "Reverse";
            s.dlPackets = 60;
            const Measured m = RunCell(s);
            const DownlinkSicReport theory = CheckDownlinkSic({0.2, 0.8}, g, sigma2, 0.0, {0, 1});
            NS_TEST_ASSERT_MSG_EQ(theory.users[1].feasible, false, "theory: weak UE fails SIC");
            NS_TEST_ASSERT_MSG_EQ(m.dl.size(), 2 * s.frames, "two DL TBs per frame");
            for (const auto& r : m.dl)
            {
                NS_TEST_EXPECT_MSG_EQ(
                    r.success, theory.users[r.ue].feasible, "as CheckDownlinkSic");
                if (r.ue == 1)
                {
                    NS_TEST_EXPECT_MSG_EQ(r.failedCancellations, 1, "strong signal not cancelled");
                    NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, 1.6e-11 / 4.1e-12), SINR_TOL, "");
                    NS_TEST_EXPECT_MSG_LT(RelErr(r.requiredSinr, 160.0), 1e-3, "TB for 160");
                }
            }
            NS_TEST_EXPECT_MSG_GT(m.macRxDrops, 0, "lost SDUs are traced");
        }
        {
            // UL, weak UE decoded first with the TBs of the default order (strong first):
            // weak needs 20 and sees 2e-12 / (1e-11 + 1e-13) = 0.198: fails, stays
            // uncancelled; the strong UE then sees 1e-11 / (2e-12 + 1e-13) = 4.76 = what its
            // TB was sized for: succeeds.
            Scenario s;
            s.gains = g;
            s.ulPackets = 60;
            s.hasDecision = true;
            const uint32_t tbStrong = TbAt(1e-11 / 2.1e-12, s);
            const uint32_t tbWeak = TbAt(20.0, s);
            s.decision.uplink = {{{{1, 0.1, tbWeak}, {0, 0.1, tbStrong}}}};
            const Measured m = RunCell(s);
            NS_TEST_ASSERT_MSG_EQ(m.ul.size(), 2 * s.frames, "two UL TBs per frame");
            for (const auto& r : m.ul)
            {
                if (r.ue == 1)
                {
                    NS_TEST_EXPECT_MSG_EQ(r.success, false, "weak decoded first fails");
                    NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, 2e-12 / 1.01e-11), SINR_TOL, "");
                }
                else
                {
                    NS_TEST_EXPECT_MSG_EQ(r.success, true, "strong succeeds, weak not cancelled");
                    NS_TEST_EXPECT_MSG_EQ(r.failedCancellations, 1, "one failed cancellation");
                    NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, 1e-11 / 2.1e-12), SINR_TOL, "");
                }
            }
            NS_TEST_EXPECT_MSG_EQ(m.ulBytes.count(1), 0, "no byte of the weak UE received");
        }
        for (bool enoughGap : {true, false})
        {
            // DL with fixed TBs: weak needs SINR 1.5, strong 100. With P = (0.2, 0.8) W the
            // weak UE gets 3.90 >= 1.5, the strong UE decodes the weak signal at
            // 8e-11 / (2e-11 + 1e-13) = 3.98 >= 1.5, cancels it and gets 200 >= 100. With
            // equal powers (0.5, 0.5): weak 1e-11 / (1e-11 + 1e-13) < 1 < 1.5 fails; at the
            // strong UE the same ratio (< 1) fails, the weak signal stays and the strong
            // SINR is 5e-11 / (5e-11 + 1e-13) < 100: both fail.
            Scenario s;
            s.gains = g;
            s.dlPackets = 60;
            s.hasDecision = true;
            const double pWeak = enoughGap ? 0.8 : 0.5;
            const double pStrong = enoughGap ? 0.2 : 0.5;
            s.decision.downlink = {{{{1, pWeak, TbAt(1.5, s)}, {0, pStrong, TbAt(100.0, s)}}}};
            const Measured m = RunCell(s);
            NS_TEST_ASSERT_MSG_EQ(m.dl.size(), 2 * s.frames, "two DL TBs per frame");
            for (const auto& r : m.dl)
            {
                NS_TEST_EXPECT_MSG_EQ(r.success, enoughGap, "power gap decides");
                if (r.ue == 0)
                {
                    NS_TEST_EXPECT_MSG_EQ(r.cancelledSignals, enoughGap ? 1 : 0, "");
                    const double expected = enoughGap ? 200.0 : 5e-11 / 5.01e-11;
                    NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, expected), SINR_TOL, "");
                }
            }
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief OMA vs NOMA uplink throughput for a near/far pair (E4.1).
 */
class NomaVsOmaTestCase : public TestCase
{
  public:
    NomaVsOmaTestCase()
        : TestCase("near-far pair: measured NOMA and OMA rates and their ordering (E4.1)")
    {
    }

  private:
    void DoRun() override
    {
        std::map<std::string, std::vector<double>> rate;
        for (const std::string mode : {"NOMA", "OMA"})
        {
            Scenario s;
            s.gains = {1e-10, 2e-11};
            s.mode = mode;
            // OMA: two subchannels of half the band (noise proportional to the band)
            s.nSub = (mode == "NOMA") ? 1 : 2;
            s.bandwidthHz = (mode == "NOMA") ? 1e6 : 0.5e6;
            s.ulPackets = 100;
            s.frames = 10;
            const Measured m = RunCell(s);
            for (uint32_t u = 0; u < 2; ++u)
            {
                const double bits = 8.0 * m.ulBytes.at(u);
                rate[mode].push_back(bits / (s.frames * s.frame.GetSeconds()));
            }
        }
        // E4.1: NOMA (2.5265, 4.3923) Mbit/s; OMA (3.8255, 2.6788) Mbit/s. The TBs are whole
        // bytes and may leave < 16 bytes unused: measured within 1 %.
        const std::vector<double> noma = {2.5265e6, 4.3923e6};
        const std::vector<double> oma = {3.8255e6, 2.6788e6};
        for (uint32_t u = 0; u < 2; ++u)
        {
            NS_TEST_EXPECT_MSG_LT(RelErr(rate["NOMA"][u], noma[u]), 0.01, "NOMA rate");
            NS_TEST_EXPECT_MSG_LT(RelErr(rate["OMA"][u], oma[u]), 0.01, "OMA rate");
        }
        NS_TEST_EXPECT_MSG_GT(rate["NOMA"][0] + rate["NOMA"][1],
                              rate["OMA"][0] + rate["OMA"][1],
                              "NOMA sum rate above OMA");
        NS_TEST_EXPECT_MSG_GT(rate["NOMA"][1], rate["OMA"][1], "weak user gains with NOMA");
        NS_TEST_EXPECT_MSG_GT(rate["OMA"][0], rate["NOMA"][0], "strong user loses with NOMA");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Saturated UDP over IP in both directions: goodput vs predicted rate, no silent loss.
 */
class NomaUdpTestCase : public TestCase
{
  public:
    NomaUdpTestCase()
        : TestCase("saturated UDP over the device: goodput within 5 % of the rate, drops traced")
    {
    }

  private:
    /// Bytes received by each sink in the window.
    std::map<std::string, uint64_t> m_bytes;
    uint32_t m_macTx{0};     ///< SDUs accepted
    uint32_t m_macTxDrop{0}; ///< SDUs dropped before transmission
    uint32_t m_macRx{0};     ///< SDUs delivered
    uint32_t m_macRxDrop{0}; ///< SDUs lost at a receiver

    /**
     * Sink receive.
     * @param [in] name flow name
     * @param [in] p packet
     * @param [in] from source
     */
    void SinkRx(std::string name, Ptr<const Packet> p, const Address& from)
    {
        const double t = Simulator::Now().GetSeconds();
        if (t >= 0.15 && t < 0.6)
        {
            m_bytes[name] += p->GetSize();
        }
    }

    /**
     * Count.
     * @param [in] n counter
     * @param [in] p packet
     */
    static void Count(uint32_t* n, Ptr<const Packet> p) { ++*n; }

    void DoRun() override
    {
        Scenario s;
        s.gains = {1e-10, 2e-11};
        s.maxQueue = 30;
        NodeContainer nodes;
        NetDeviceContainer devs = BuildCell(s, nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        Ipv4AddressHelper ip;
        ip.SetBase("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = ip.Assign(devs);
        for (uint32_t i = 0; i < devs.GetN(); ++i)
        {
            devs.Get(i)->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&Count, &m_macTx));
            devs.Get(i)->TraceConnectWithoutContext("MacTxDrop",
                                                    MakeBoundCallback(&Count, &m_macTxDrop));
            devs.Get(i)->TraceConnectWithoutContext("MacRx", MakeBoundCallback(&Count, &m_macRx));
            devs.Get(i)->TraceConnectWithoutContext("MacRxDrop",
                                                    MakeBoundCallback(&Count, &m_macRxDrop));
        }
        ApplicationContainer sinks;
        ApplicationContainer sources;
        for (uint32_t u = 0; u < 2; ++u)
        {
            // uplink UE u -> BS port 9000 + u; downlink BS -> UE u port 10000
            const uint16_t ulPort = 9000 + u;
            PacketSinkHelper ulSink("ns3::UdpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), ulPort));
            ApplicationContainer a = ulSink.Install(nodes.Get(0));
            a.Get(0)->TraceConnectWithoutContext(
                "Rx", MakeCallback(&NomaUdpTestCase::SinkRx, this).Bind("ul" + std::to_string(u)));
            sinks.Add(a);
            PacketSinkHelper dlSink("ns3::UdpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 10000));
            ApplicationContainer b = dlSink.Install(nodes.Get(u + 1));
            b.Get(0)->TraceConnectWithoutContext(
                "Rx", MakeCallback(&NomaUdpTestCase::SinkRx, this).Bind("dl" + std::to_string(u)));
            sinks.Add(b);

            OnOffHelper ul("ns3::UdpSocketFactory", InetSocketAddress(ifs.GetAddress(0), ulPort));
            ul.SetConstantRate(DataRate("10Mbps"), 1400);
            sources.Add(ul.Install(nodes.Get(u + 1)));
            OnOffHelper dl("ns3::UdpSocketFactory",
                           InetSocketAddress(ifs.GetAddress(u + 1), 10000));
            dl.SetConstantRate(DataRate("16Mbps"), 1400);
            sources.Add(dl.Install(nodes.Get(0)));
        }
        sinks.Start(Seconds(0));
        sources.Start(Seconds(0.05));
        sources.Stop(Seconds(0.6));
        Simulator::Stop(Seconds(1.5));
        Simulator::Run();

        uint32_t queued = 0;
        for (uint32_t i = 0; i < devs.GetN(); ++i)
        {
            queued += DynamicCast<NomaNetDevice>(devs.Get(i))->GetQueuedPackets();
        }
        Simulator::Destroy();

        // E4.1 / E4.2 rates (radio-rate.h), goodput = UDP payload bytes in [0.15, 0.6) s.
        const double sigma2 = 1e-13;
        const std::vector<double> ulRate = UplinkNomaRates(1e6, {0.1, 0.1}, s.gains, sigma2);
        const std::vector<double> dlRate =
            DownlinkNomaRates(1e6, {0.2, 0.8}, s.gains, sigma2, 0.0, {1, 0});
        for (uint32_t u = 0; u < 2; ++u)
        {
            const double ulGoodput = 8.0 * m_bytes["ul" + std::to_string(u)] / 0.45;
            const double dlGoodput = 8.0 * m_bytes["dl" + std::to_string(u)] / 0.45;
            NS_TEST_EXPECT_MSG_LT(RelErr(ulGoodput, ulRate[u]), 0.05, "UL goodput UE " << u);
            NS_TEST_EXPECT_MSG_LT(RelErr(dlGoodput, dlRate[u]), 0.05, "DL goodput UE " << u);
            NS_TEST_EXPECT_MSG_LT(ulGoodput, ulRate[u], "goodput below the Shannon rate");
            NS_TEST_EXPECT_MSG_LT(dlGoodput, dlRate[u], "goodput below the Shannon rate");
        }
        // Saturation: the queue limit drops SDUs, with a trace; every accepted SDU was
        // delivered, dropped at a receiver or is still queued.
        NS_TEST_EXPECT_MSG_GT(m_macTxDrop, 0, "queue limit drops are traced");
        NS_TEST_EXPECT_MSG_EQ(m_macTx, m_macRx + m_macRxDrop + queued, "no silent loss");
        NS_TEST_EXPECT_MSG_EQ(m_macRxDrop, 0, "no TB lost on fixed channels");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief SNR gap in the decoding rule, and a channel loss the scheduler does not know.
 */
class NomaGapAndFadingTestCase : public TestCase
{
  public:
    NomaGapAndFadingTestCase()
        : TestCase("SNR gap shrinks the TBs; an unknown extra loss makes the TBs fail")
    {
    }

  private:
    void DoRun() override
    {
        {
            // Gap 3 dB (Gamma = 1.9953): TBs floor(B T log2(1 + SINR / Gamma) / 8) with the
            // E4.1 SINRs 4.7619 and 20: 1e4 log2(1 + 4.7619/1.9953)/8 = 2199 B,
            // 1e4 log2(1 + 20/1.9953)/8 = 4328 B; all decoded.
            Scenario s;
            s.gains = {1e-10, 2e-11};
            s.gapDb = 3.0;
            s.ulPackets = 60;
            const Measured m = RunCell(s);
            const double gamma = std::pow(10.0, 0.3);
            const std::vector<double> sinr = {1e-11 / 2.1e-12, 20.0};
            NS_TEST_ASSERT_MSG_EQ(m.ul.size(), 2 * s.frames, "two UL TBs per frame");
            for (const auto& r : m.ul)
            {
                const uint32_t tb =
                    static_cast<uint32_t>(std::floor(1e4 * std::log2(1 + sinr[r.ue] / gamma) / 8));
                NS_TEST_EXPECT_MSG_EQ(r.tbBytes, tb, "TB sized with the gap");
                NS_TEST_EXPECT_MSG_EQ(r.success, true, "decoded");
                NS_TEST_EXPECT_MSG_LT(r.requiredSinr, r.sinrAfterSic, "margin");
                NS_TEST_EXPECT_MSG_GT(r.requiredSinr, r.sinrAfterSic / 2.2, "gap used");
            }
            NS_TEST_EXPECT_MSG_EQ(m.ul[0].tbBytes + m.ul[1].tbBytes, 2199 + 4328, "hand values");
        }
        {
            // 3 dB extra loss in a SpectrumPropagationLossModel: the received gains are
            // 10^-0.3 of what the scheduler assumes. Strong UE decoded first:
            // 0.5012e-11 / (1.0024e-12 + 1e-13) = 4.547 < 4.7619: fails; the weak UE (strong
            // signal not cancelled): 1.0024e-12 / (5.012e-12 + 1e-13) = 0.196 < 20: fails.
            Scenario s;
            s.gains = {1e-10, 2e-11};
            s.extraLossDb = 3.0;
            s.ulPackets = 60;
            const Measured m = RunCell(s);
            const double a = std::pow(10.0, -0.3);
            const double q0 = 0.1 * 1e-10 * a;
            const double q1 = 0.1 * 2e-11 * a;
            NS_TEST_ASSERT_MSG_EQ(m.ul.size(), 2 * s.frames, "two UL TBs per frame");
            for (const auto& r : m.ul)
            {
                NS_TEST_EXPECT_MSG_EQ(r.success, false, "TB sized for the larger gain fails");
                const double expected = (r.ue == 0) ? q0 / (q1 + 1e-13) : q1 / (q0 + 1e-13);
                NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, expected), SINR_TOL, "measured");
                NS_TEST_EXPECT_MSG_LT(RelErr(r.rxPowerW, r.ue == 0 ? q0 : q1), SINR_TOL, "");
            }
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Two cells on one channel: the other cell's signal is interference.
 */
class NomaTwoCellTestCase : public TestCase
{
  public:
    NomaTwoCellTestCase()
        : TestCase("two cells: other-cell signals are interference in the measured SINR")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes; // BS A, UE a, BS B, UE b
        nodes.Create(4);
        MobilityHelper mobility;
        mobility.Install(nodes);
        std::vector<Ptr<MobilityModel>> mob;
        for (uint32_t i = 0; i < 4; ++i)
        {
            mob.push_back(nodes.Get(i)->GetObject<MobilityModel>());
        }
        Ptr<MatrixPropagationLossModel> loss = CreateObject<MatrixPropagationLossModel>();
        loss->SetDefaultLoss(250);
        loss->SetLoss(mob[0], mob[1], 100); // serving links: g = 1e-10
        loss->SetLoss(mob[2], mob[3], 100);
        loss->SetLoss(mob[0], mob[3], 110); // cross links: g = 1e-11
        loss->SetLoss(mob[2], mob[1], 110);
        Ptr<MultiModelSpectrumChannel> channel = CreateObject<MultiModelSpectrumChannel>();
        channel->AddPropagationLossModel(loss);
        NomaHelper helper;
        helper.SetChannel(channel);
        helper.SetNumSubchannels(1);
        helper.SetSubchannelBandwidth(1e6);
        helper.SetPhyAttribute("NoisePsd", DoubleValue(1e-19));
        helper.SetMacAttribute("BsTxPower", DoubleValue(1.0));
        NetDeviceContainer a = helper.Install(nodes.Get(0), NodeContainer(nodes.Get(1)));
        NetDeviceContainer b = helper.Install(nodes.Get(2), NodeContainer(nodes.Get(3)));
        std::vector<NomaTbReport> reports;
        for (const auto* c : {&a, &b})
        {
            Ptr<NomaNetDevice> ue = DynamicCast<NomaNetDevice>(c->Get(1));
            ue->GetPhy()->TraceConnectWithoutContext("RxTb",
                                                     MakeBoundCallback(&RecordTb, &reports));
            for (uint32_t k = 0; k < 30; ++k)
            {
                c->Get(0)->Send(Create<Packet>(1000), ue->GetAddress(), 0x0800);
            }
        }
        Simulator::Stop(MilliSeconds(25));
        Simulator::Run();
        Simulator::Destroy();
        // SINR = 1e-10 / (1e-11 + 1e-13) = 9.901; the TB was sized for SNR 1000: fails.
        NS_TEST_ASSERT_MSG_EQ(reports.size(), 4, "one DL TB per cell and frame, two frames");
        for (const auto& r : reports)
        {
            NS_TEST_EXPECT_MSG_LT(RelErr(r.interferenceW, 1e-11), SINR_TOL, "other cell");
            NS_TEST_EXPECT_MSG_LT(RelErr(r.sinrAfterSic, 1e-10 / 1.01e-11), SINR_TOL, "SINR");
            NS_TEST_EXPECT_MSG_EQ(r.success, false, "TB sized without interference fails");
            NS_TEST_EXPECT_MSG_EQ(r.groupSize, 1, "one signal of its own cell");
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Automatic scheduling: near/far pairing, the gain-gap rule, powers, round robin.
 */
class NomaPairingTestCase : public TestCase
{
  public:
    NomaPairingTestCase()
        : TestCase("scheduler: near-far pairs, gain gap, downlink power split, round robin")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<double> g = {1e-10, 9e-11, 2e-11, 1.8e-11};
        {
            // 4 UEs, N = 2, Q = 2: ranks (0, 2) and (1, 3) share a subchannel; DL power
            // 1 W / 2 per subchannel split 0.8 / 0.2: weak 0.4 W, strong 0.1 W.
            Scenario s;
            s.gains = g;
            s.nSub = 2;
            s.dlPackets = 30;
            s.ulPackets = 30;
            const Measured m = RunCell(s);
            NS_TEST_ASSERT_MSG_GT(m.schedules.size(), 2, "frames scheduled");
            const NomaFrameSchedule& f = m.schedules[1];
            NS_TEST_ASSERT_MSG_EQ(f.uplink.size(), 4, "four UL grants");
            // expected (ue, subchannel, position) in the UL: strongest decoded first
            const std::vector<std::vector<uint32_t>> ul = {
                {0, 0, 0}, {2, 0, 1}, {1, 1, 0}, {3, 1, 1}};
            for (const auto& e : ul)
            {
                bool found = false;
                for (const auto& gr : f.uplink)
                {
                    found =
                        found || (gr.ue == e[0] && gr.subchannel == e[1] && gr.sicPosition == e[2]);
                }
                NS_TEST_EXPECT_MSG_EQ(found, true, "UL grant of UE " << e[0]);
            }
            NS_TEST_ASSERT_MSG_EQ(f.downlink.size(), 4, "four DL TBs");
            for (const auto& gr : f.downlink)
            {
                const bool weak = gr.ue >= 2;
                NS_TEST_EXPECT_MSG_EQ(gr.sicPosition, weak ? 0 : 1, "weak decoded first");
                const double expectedPower = weak ? 0.4 : 0.1;
                NS_TEST_EXPECT_MSG_EQ_TOL(gr.powerW, expectedPower, 1e-12, "power split");
                NS_TEST_EXPECT_MSG_EQ(gr.subchannel, gr.ue % 2, "pairs (0, 2) and (1, 3)");
            }
        }
        {
            // Gap 10 dB: 1e-10 / 2e-11 is 7 dB, so nobody is paired; four single groups,
            // two per frame: frames alternate {0, 1} and {2, 3}; everyone gets data.
            Scenario s;
            s.gains = g;
            s.nSub = 2;
            s.minGapDb = 10;
            s.ulPackets = 30;
            s.frames = 4;
            const Measured m = RunCell(s);
            for (const auto& f : m.schedules)
            {
                NS_TEST_EXPECT_MSG_EQ(f.uplink.size(), 2, "one UE per subchannel");
                for (const auto& gr : f.uplink)
                {
                    NS_TEST_EXPECT_MSG_EQ(gr.ue / 2, f.frameNo % 2, "round robin");
                }
            }
            NS_TEST_EXPECT_MSG_EQ(m.ulBytes.size(), 4, "every UE served");
        }
        {
            // OMA, 3 UEs on one subchannel: one UE per frame, each once in 3 frames.
            Scenario s;
            s.gains = {1e-10, 2e-11, 4e-12};
            s.mode = "OMA";
            s.ulPackets = 30;
            s.frames = 3;
            const Measured m = RunCell(s);
            std::map<uint32_t, uint32_t> served;
            for (const auto& f : m.schedules)
            {
                NS_TEST_EXPECT_MSG_EQ(f.uplink.size(), 1, "one UE per frame");
                if (f.frameNo < 3)
                {
                    ++served[f.uplink.at(0).ue];
                }
            }
            NS_TEST_EXPECT_MSG_EQ(served.size(), 3, "each UE once in 3 frames");
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief NomaHelper's own channel: default path loss and an added fading model.
 */
class NomaHelperChannelTestCase : public TestCase
{
  public:
    NomaHelperChannelTestCase()
        : TestCase(
              "helper channel: 128.1 + 37.6 log10(d in km) dB default loss, fading model added")
    {
    }

  private:
    void DoRun() override
    {
        for (bool limitTb : {true, false})
        {
            Check(limitTb);
        }
    }

    /**
     * One run.
     * @param [in] limitTb LimitTbToQueue of the scheduler
     */
    void Check(bool limitTb)
    {
        NodeContainer nodes;
        nodes.Create(2);
        MobilityHelper mobility;
        Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
        pos->Add(Vector(0, 0, 0));
        pos->Add(Vector(300, 0, 0));
        mobility.SetPositionAllocator(pos);
        mobility.Install(nodes);
        NomaHelper helper;
        helper.SetNumSubchannels(1);
        helper.SetFadingModelType("ns3::ConstantSpectrumPropagationLossModel"); // 1 dB
        helper.SetMacAttribute("LimitTbToQueue", BooleanValue(limitTb));
        NetDeviceContainer devs = helper.Install(nodes.Get(0), NodeContainer(nodes.Get(1)));
        NS_TEST_EXPECT_MSG_EQ(helper.AssignStreams(devs, 7), 0, "log-distance: no streams");
        std::vector<NomaTbReport> reports;
        Ptr<NomaNetDevice> ue = DynamicCast<NomaNetDevice>(devs.Get(1));
        ue->GetPhy()->TraceConnectWithoutContext("RxTb", MakeBoundCallback(&RecordTb, &reports));
        devs.Get(0)->Send(Create<Packet>(500), ue->GetAddress(), 0x0800);
        Simulator::Stop(MilliSeconds(15));
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(reports.size(), 1, "one TB");
        // 300 m: 128.1 + 37.6 log10(0.3) = 108.44 dB, plus 1 dB of the fading model; the
        // BS sends 10 W / 1 subchannel to its only UE.
        const double expected = 10.0 * std::pow(10.0, -(128.1 + 37.6 * std::log10(0.3) + 1) / 10);
        NS_TEST_EXPECT_MSG_LT(RelErr(reports[0].rxPowerW, expected), 1e-9, "received power");
        NS_TEST_EXPECT_MSG_LT(
            RelErr(reports[0].rxPowerW, 10.0 * PathLossGain(300) * std::pow(10.0, -0.1)),
            1e-9,
            "same as radio-rate.h PathLossGain");
        if (limitTb)
        {
            // TB = 500 + 16 bytes: needs 2^(8 * 516 / 1e4) - 1 = 0.3313, far below the SNR.
            NS_TEST_EXPECT_MSG_EQ(reports[0].tbBytes, 516, "TB sized to the queue");
            NS_TEST_EXPECT_MSG_LT(RelErr(reports[0].requiredSinr, 0.33127), 1e-4, "");
            NS_TEST_EXPECT_MSG_EQ(reports[0].success, true, "decoded despite the 1 dB");
        }
        else
        {
            // The scheduler does not see the 1 dB and sizes the TB for the full SNR: fails.
            NS_TEST_EXPECT_MSG_EQ(reports[0].success, false, "TB without the fading fails");
            NS_TEST_EXPECT_MSG_LT(reports[0].sinrAfterSic, reports[0].requiredSinr, "");
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief StartFrames() after Install() moves the frame clock instead of adding a second one:
 * one schedule per frame duration, the first at the new start.
 */
class NomaStartFramesTestCase : public TestCase
{
  public:
    NomaStartFramesTestCase()
        : TestCase("StartFrames replaces the running frame clock")
    {
    }

  private:
    void DoRun() override
    {
        Scenario s;
        s.gains = {1e-9, 1e-10}; // about 14 kB per 10 ms frame to UE 0
        NodeContainer nodes;
        NetDeviceContainer devs = BuildCell(s, nodes); // Install() starts frames at t = 0
        Ptr<NomaNetDevice> bs = DynamicCast<NomaNetDevice>(devs.Get(0));
        for (uint32_t k = 0; k < 200; ++k) // more than 4 frames carry: every frame schedules
        {
            bs->Send(Create<Packet>(1000), devs.Get(1)->GetAddress(), 0x0800);
        }
        std::vector<Time> frames;
        bs->GetMac()->TraceConnectWithoutContext(
            "Schedule",
            Callback<void, const NomaFrameSchedule&>([&frames](const NomaFrameSchedule&)
                                                     { frames.push_back(Simulator::Now()); }));
        bs->StartFrames(MilliSeconds(25)); // frames at 25, 35, 45, 55 ms
        Simulator::Stop(MilliSeconds(60));
        Simulator::Run();
        // a second clock would add frames at 0, 10, ... 50 ms (and two per slot later)
        NS_TEST_ASSERT_MSG_EQ(frames.size(), 4u, "one frame clock");
        NS_TEST_ASSERT_MSG_EQ(frames.empty(), false, "frames scheduled");
        NS_TEST_EXPECT_MSG_EQ(frames.front(), MilliSeconds(25), "first frame at the new start");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * NomaBsMac::SetFrameDecision() rejects a decision the mode cannot carry (too many users on a
 * subchannel, 2 in OMA mode), a UE listed twice on a subchannel and a negative power, each
 * with a message naming it; a valid decision is taken.
 */
class NomaDecisionCheckTestCase : public TestCase
{
  public:
    NomaDecisionCheckTestCase()
        : TestCase("NomaBsMac::SetFrameDecision: users per subchannel, duplicates, powers")
    {
    }

  private:
    void DoRun() override
    {
#ifdef __unix__
        auto decision = [](std::vector<NomaUserAllocation> users)
        {
            NomaFrameDecision d;
            d.uplink.push_back(NomaSubchannelAllocation{std::move(users)});
            return d;
        };
        auto three = RunExpectingAbort(
            [&]()
            {
                CreateObject<NomaBsMac>()->SetFrameDecision(
                    decision({{0, 0.1, 0}, {1, 0.1, 0}, {2, 0.1, 0}}));
            });
        NS_TEST_ASSERT_MSG_EQ(three.aborted, true, "3 users with MaxUsersPerSubchannel 2");
        NS_TEST_ASSERT_MSG_NE(three.stderrText.find("uplink subchannel 0 has 3 users, at most 2"),
                              std::string::npos,
                              three.stderrText);
        auto oma = RunExpectingAbort(
            [&]()
            {
                Ptr<NomaBsMac> mac = CreateObject<NomaBsMac>();
                mac->SetAttribute("Mode", EnumValue(NomaBsMac::OMA));
                mac->SetFrameDecision(decision({{0, 0.1, 0}, {1, 0.1, 0}}));
            });
        NS_TEST_ASSERT_MSG_EQ(oma.aborted, true, "2 users in OMA mode");
        NS_TEST_ASSERT_MSG_NE(
            oma.stderrText.find("at most 1 in OMA mode"), std::string::npos, oma.stderrText);
        auto twice = RunExpectingAbort(
            [&]() {
                CreateObject<NomaBsMac>()->SetFrameDecision(decision({{4, 0.1, 0}, {4, 0.1, 0}}));
            });
        NS_TEST_ASSERT_MSG_EQ(twice.aborted, true, "UE listed twice");
        NS_TEST_ASSERT_MSG_NE(twice.stderrText.find("UE 4 is listed twice on uplink subchannel 0"),
                              std::string::npos,
                              twice.stderrText);
        auto negative = RunExpectingAbort(
            [&]() {
                CreateObject<NomaBsMac>()->SetFrameDecision(decision({{1, -0.1, 0}}));
            });
        NS_TEST_ASSERT_MSG_EQ(negative.aborted, true, "negative power");
        auto fine = RunExpectingAbort(
            [&]() {
                CreateObject<NomaBsMac>()->SetFrameDecision(decision({{0, 0.1, 0}, {1, 0.2, 0}}));
            });
        NS_TEST_ASSERT_MSG_EQ(fine.aborted, false, "a valid decision is taken");
#endif
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief NOMA PHY/MAC/device test suite.
 */
class EdgeInferenceNomaTestSuite : public TestSuite
{
  public:
    EdgeInferenceNomaTestSuite()
        : TestSuite("edge-inference-noma")
    {
        AddTestCase(new NomaTwoUserTestCase);
        AddTestCase(new NomaThreeUserTestCase);
        AddTestCase(new NomaSicFailureTestCase);
        AddTestCase(new NomaVsOmaTestCase);
        AddTestCase(new NomaUdpTestCase);
        AddTestCase(new NomaGapAndFadingTestCase);
        AddTestCase(new NomaTwoCellTestCase);
        AddTestCase(new NomaPairingTestCase);
        AddTestCase(new NomaHelperChannelTestCase);
        AddTestCase(new NomaStartFramesTestCase);
        AddTestCase(new NomaDecisionCheckTestCase);
    }
};

/// Static instance of the NOMA test suite.
static EdgeInferenceNomaTestSuite g_edgeInferenceNomaTestSuite;
