/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * Tests of BandwidthShareFfMacScheduler: the credit rule, share validation, and LTE + EPC
 * uplink scenarios (3 UEs at the same distance, saturated UDP to a remote host, 25 RB)
 * where the UL grants follow the shares, unshared UEs get nothing, no shares means PF,
 * and shares changed during the run take effect.
 */

#include "edge-lte-test-cell.h"
#include "test-expect-abort.h"

#include "ns3/applications-module.h"
#include "ns3/bandwidth-share-ff-mac-scheduler.h"
#include "ns3/bandwidth-share-ffr-algorithm.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/test.h"

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/// Number of UEs in every scenario.
constexpr uint32_t N_UES = 3;
/// UL bandwidth of the cell, RBs.
constexpr uint32_t N_RB = 25;

/// What one measurement window saw, per UE index (device order).
struct Window
{
    Time start;                      ///< window start
    Time stop;                       ///< window end
    std::vector<uint64_t> macRbs;    ///< UL RBs per UE, from the MAC's UlScheduling trace
    std::vector<uint64_t> newRbs;    ///< UL RBs of new transmissions, from UlGrant
    std::vector<uint64_t> newGrants; ///< new-transmission grants, from UlGrant
    std::vector<uint64_t> rxBytes;   ///< bytes received by the remote host from each UE
    uint32_t connectedUes{0};        ///< UEs in RRC state CONNECTED_NORMALLY at the end
};

/// Scenario parameters.
struct Params
{
    std::string scheduler{"ns3::BandwidthShareFfMacScheduler"}; ///< MAC scheduler type
    double rateMbps{20};                                        ///< offered UDP load per UE
    bool idealRrc{true};                                        ///< LteHelper UseIdealRrc
    uint32_t nActive{N_UES};                                    ///< only the first nActive UEs send
    Time stop{Seconds(1.0)};                                    ///< end of the simulation
    std::vector<std::pair<Time, Time>> windows{{Seconds(0.3), Seconds(1.0)}}; ///< windows
    /// Called once after installation (scheduler null if it is not ours).
    std::function<void(Ptr<BandwidthShareFfMacScheduler>, NetDeviceContainer)> configure;
};

/**
 * RB count of an UL TB: the smallest n whose TB size at this MCS matches (the schedulers
 * size TBs with exactly this table), 0 if none.
 * @param [in] amc the AMC
 * @param [in] mcs the TB's MCS
 * @param [in] bytes the TB's size in bytes
 * @return n, or 0
 */
uint32_t
UlRbsOfTb(const Ptr<LteAmc>& amc, uint8_t mcs, uint16_t bytes)
{
    for (uint32_t n = 1; n <= N_RB; ++n)
    {
        if (static_cast<uint32_t>(amc->GetUlTbSizeFromMcs(mcs, n) / 8) == bytes)
        {
            return n;
        }
    }
    return 0;
}

/**
 * The RNTI of a UE device.
 * @param [in] dev an LteUeNetDevice
 * @return its RNTI (0 before the connection)
 */
uint16_t
RntiOf(const Ptr<NetDevice>& dev)
{
    return dev->GetObject<LteUeNetDevice>()->GetRrc()->GetRnti();
}

/**
 * LTE + EPC cell (25 RB) with 3 UEs 200 m from the eNB, saturated UDP uplink (1400-byte
 * packets at rateMbps per UE from 0.2 s on) to a remote host; measures per window.
 * @param [in] p parameters
 * @return the windows
 */
std::vector<Window>
RunScenario(const Params& p)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    std::vector<Window> w;
    for (const auto& win : p.windows)
    {
        w.push_back(Window{win.first,
                           win.second,
                           std::vector<uint64_t>(N_UES, 0),
                           std::vector<uint64_t>(N_UES, 0),
                           std::vector<uint64_t>(N_UES, 0),
                           std::vector<uint64_t>(N_UES, 0)});
    }

    testutils::TestLteCellOptions o;
    o.rbs = N_RB;
    o.distancesM.assign(N_UES, 200.0); // same distance: same SINR and MCS
    o.scheduler = p.scheduler;
    o.idealRrc = p.idealRrc;
    const EdgeLteTopology cell = testutils::BuildTestLteCell(o);
    const NodeContainer& remote = cell.remote;
    const NodeContainer& ues = cell.ues;
    const NetDeviceContainer& enbDev = cell.enbDevices;
    const NetDeviceContainer& ueDev = cell.ueDevices;

    // UE index of an RNTI, looked up when a trace fires (RNTIs exist after attach)
    auto indexOf = [ueDev](uint16_t rnti) -> int
    {
        for (uint32_t i = 0; i < ueDev.GetN(); ++i)
        {
            if (RntiOf(ueDev.Get(i)) == rnti)
            {
                return static_cast<int>(i);
            }
        }
        return -1;
    };
    auto windowsNow = [&w]()
    {
        std::vector<Window*> in;
        const Time now = Simulator::Now();
        for (auto& win : w)
        {
            if (now >= win.start && now < win.stop)
            {
                in.push_back(&win);
            }
        }
        return in;
    };

    if (p.scheduler == "ns3::BandwidthShareFfMacScheduler")
    {
        Ptr<BandwidthShareFfMacScheduler> sched =
            BandwidthShareFfMacScheduler::GetFromEnbDevice(enbDev.Get(0));
        sched->TraceConnectWithoutContext(
            "UlGrant",
            Callback<void, uint16_t, uint16_t, uint16_t, uint16_t>((
                [indexOf, windowsNow](uint16_t rnti, uint16_t, uint16_t rbLen, uint16_t)
                {
                    const int i = indexOf(rnti);
                    for (Window* win : windowsNow())
                    {
                        if (i >= 0)
                        {
                            win->newRbs[i] += rbLen;
                            win->newGrants[i]++;
                        }
                    }
                })));
        if (p.configure)
        {
            p.configure(sched, ueDev);
        }
    }
    else if (p.configure)
    {
        p.configure(nullptr, ueDev);
    }

    Ptr<LteAmc> amc = CreateObject<LteAmc>();
    Ptr<LteEnbMac> mac = enbDev.Get(0)->GetObject<LteEnbNetDevice>()->GetMac();
    mac->TraceConnectWithoutContext(
        "UlScheduling",
        Callback<void, uint32_t, uint32_t, uint16_t, uint8_t, uint16_t, uint8_t>((
            [amc, indexOf, windowsNow](
                uint32_t, uint32_t, uint16_t rnti, uint8_t mcs, uint16_t size, uint8_t)
            {
                const int i = indexOf(rnti);
                for (Window* win : windowsNow())
                {
                    if (i >= 0)
                    {
                        win->macRbs[i] += UlRbsOfTb(amc, mcs, size);
                    }
                }
            })));

    // saturated UDP uplink, one sink port per UE on the remote host
    std::vector<Ptr<PacketSink>> sinks;
    ApplicationContainer senders;
    const Time interval = Seconds(1400 * 8 / (p.rateMbps * 1e6));
    for (uint32_t i = 0; i < N_UES; ++i)
    {
        const uint16_t port = 9 + i;
        PacketSinkHelper sink("ns3::UdpSocketFactory",
                              InetSocketAddress(Ipv4Address::GetAny(), port));
        sinks.push_back(DynamicCast<PacketSink>(sink.Install(remote.Get(0)).Get(0)));
        if (i < p.nActive)
        {
            UdpClientHelper client(cell.serverAddress, port);
            client.SetAttribute("MaxPackets", UintegerValue(100000000));
            client.SetAttribute("Interval", TimeValue(interval));
            client.SetAttribute("PacketSize", UintegerValue(1400));
            senders.Add(client.Install(ues.Get(i)));
        }
    }
    senders.Start(Seconds(0.2));
    for (auto& win : w)
    {
        Window* pw = &win;
        auto snapshot = [pw, sinks](bool start)
        {
            for (uint32_t i = 0; i < N_UES; ++i)
            {
                const uint64_t rx = sinks[i]->GetTotalRx();
                pw->rxBytes[i] = start ? rx : rx - pw->rxBytes[i];
            }
        };
        Simulator::Schedule(win.start, [snapshot]() { snapshot(true); });
        Simulator::Schedule(win.stop, [snapshot]() { snapshot(false); });
    }
    Simulator::Stop(p.stop + MilliSeconds(1));
    Simulator::Run();
    uint32_t connected = 0;
    for (uint32_t i = 0; i < N_UES; ++i)
    {
        const auto state = ueDev.Get(i)->GetObject<LteUeNetDevice>()->GetRrc()->GetState();
        connected += state == LteUeRrc::CONNECTED_NORMALLY ? 1 : 0;
    }
    for (auto& win : w)
    {
        win.connectedUes = connected;
    }
    Simulator::Destroy();
    return w;
}

/**
 * Fractions of per-UE counts.
 * @param [in] counts count per UE
 * @return fraction per UE (0 everywhere if the total is 0)
 */
std::vector<double>
Fractions(const std::vector<uint64_t>& counts)
{
    double total = 0;
    for (uint64_t c : counts)
    {
        total += c;
    }
    std::vector<double> f;
    for (uint64_t c : counts)
    {
        f.push_back(total > 0 ? c / total : 0.0);
    }
    return f;
}

/**
 * Configure UL shares by RNTI at time t (the RNTIs exist after the attach, ~20 ms).
 * @param [in] sched the scheduler
 * @param [in] ueDev the UE devices
 * @param [in] shares share of UE i (negative: no share for that UE)
 * @param [in] t when
 */
void
SetSharesAt(Ptr<BandwidthShareFfMacScheduler> sched,
            NetDeviceContainer ueDev,
            std::vector<double> shares,
            Time t)
{
    Simulator::Schedule(t,
                        [sched, ueDev, shares]()
                        {
                            std::map<uint16_t, double> byRnti;
                            for (uint32_t i = 0; i < ueDev.GetN(); ++i)
                            {
                                if (shares[i] >= 0)
                                {
                                    byRnti[RntiOf(ueDev.Get(i))] = shares[i];
                                }
                            }
                            sched->SetUlShares(byRnti);
                        });
}

/**
 * Attach many UEs at once to one 25-RB cell (SRS periodicity 40 ms, so 40 SRS indices) and
 * run to 0.3 s.
 * @param [in] scheduler MAC scheduler TypeId
 * @param [in] nUes number of UEs, at 50..250 m
 * @param [out] rachWithoutRnti BandwidthShareFfMacScheduler::GetRachWithoutRnti() (0 for
 * another scheduler)
 * @return the UEs in RRC state CONNECTED_NORMALLY at 0.3 s
 */
uint32_t
RunMassAttach(const std::string& scheduler, uint32_t nUes, uint64_t& rachWithoutRnti)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Config::SetDefault("ns3::LteEnbRrc::SrsPeriodicity", UintegerValue(40));
    testutils::TestLteCellOptions o;
    o.rbs = N_RB;
    o.scheduler = scheduler;
    o.distancesM.clear();
    for (uint32_t i = 0; i < nUes; ++i)
    {
        o.distancesM.push_back(50.0 + 200.0 * i / nUes);
    }
    const EdgeLteTopology cell = testutils::BuildTestLteCell(o);
    Simulator::Stop(Seconds(0.3));
    Simulator::Run();
    uint32_t connected = 0;
    for (uint32_t i = 0; i < cell.ueDevices.GetN(); ++i)
    {
        const auto state = cell.ueDevices.Get(i)->GetObject<LteUeNetDevice>()->GetRrc()->GetState();
        connected += state == LteUeRrc::CONNECTED_NORMALLY ? 1 : 0;
    }
    rachWithoutRnti = 0;
    if (scheduler == "ns3::BandwidthShareFfMacScheduler")
    {
        rachWithoutRnti = BandwidthShareFfMacScheduler::GetFromEnbDevice(cell.enbDevices.Get(0))
                              ->GetRachWithoutRnti();
    }
    Simulator::Destroy();
    return connected;
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * @brief 32 UEs attaching at once to a 25-RB cell: ns-3.37's PfFfMacScheduler aborts ("No
 * info find in HARQ buffer for UE 0": the eNB RRC ran out of SRS indices and the MAC passed
 * RNTI 0 on), BandwidthShareFfMacScheduler drops those preambles and every UE connects.
 */
class UlShareMassAttachTestCase : public TestCase
{
  public:
    UlShareMassAttachTestCase()
        : TestCase("32 UEs attach at 25 RB: PF aborts on RNTI 0, the share scheduler does not")
    {
    }

  private:
    void DoRun() override
    {
        constexpr uint32_t N = 32;
        uint64_t dropped = 0;
        const uint32_t connected = RunMassAttach("ns3::BandwidthShareFfMacScheduler", N, dropped);
        NS_TEST_ASSERT_MSG_EQ(connected, N, "every UE is connected at 0.3 s");
        // the scenario reaches the ns-3.37 condition (else this test proves nothing)
        NS_TEST_ASSERT_MSG_GT(dropped, 0u, "preambles without a C-RNTI were seen and dropped");
#ifdef __unix__
        // ns-3.37's PF alone, same scenario: the abort the work-around avoids. If this
        // fails, ns-3 no longer passes RNTI 0 on and the work-around may go.
        const AbortOutcome pf = RunExpectingAbort(
            []()
            {
                uint64_t unused = 0;
                RunMassAttach("ns3::PfFfMacScheduler", N, unused);
            });
        NS_TEST_ASSERT_MSG_EQ(pf.aborted, true, "PfFfMacScheduler aborts");
        NS_TEST_ASSERT_MSG_NE(pf.stderrText.find("No info find in HARQ buffer for UE 0"),
                              std::string::npos,
                              "PF's message: " << pf.stderrText);
#endif
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief The credit rule: a hand-computed TTI, long-run accuracy, sub-RB shares.
 */
class UlShareApportionTestCase : public TestCase
{
  public:
    UlShareApportionTestCase()
        : TestCase("UL credit rule: per-TTI RB counts and long-run accuracy")
    {
    }

  private:
    void DoRun() override
    {
        using S = BandwidthShareFfMacScheduler;
        // 24 pooled RBs, shares 0.5/0.3/0.2: quotas 12, 7.2, 4.8. Picks (largest credit -
        // given; first pick of a UE is a block of 3): A+3 A A, B+3, A A A, C+3, B A B A B A,
        // C B A C -> A 12, B 7, C 5; credits after the TTI 0, 0.2, -0.2
        const std::map<uint16_t, double> quota{{1, 12.0}, {2, 7.2}, {3, 4.8}};
        std::map<uint16_t, double> credits;
        auto g = S::ApportionRbs(quota, credits, 24, 3, true);
        NS_TEST_ASSERT_MSG_EQ(g[1], 12u, "TTI 1, UE 1");
        NS_TEST_ASSERT_MSG_EQ(g[2], 7u, "TTI 1, UE 2");
        NS_TEST_ASSERT_MSG_EQ(g[3], 5u, "TTI 1, UE 3");

        // long run: credits are decreased by what was given; 1000 TTIs give 1000 x quota
        // within a few RBs
        credits.clear();
        std::map<uint16_t, uint64_t> total;
        for (int t = 0; t < 1000; ++t)
        {
            uint32_t sum = 0;
            for (const auto& kv : S::ApportionRbs(quota, credits, 24, 3, true))
            {
                total[kv.first] += kv.second;
                sum += kv.second;
                credits[kv.first] -= kv.second;
            }
            NS_TEST_ASSERT_MSG_EQ(sum, 24u, "work-conserving: every RB is given");
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(total[1]), 12000.0, 3.0, "UE 1");
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(total[2]), 7200.0, 3.0, "UE 2");
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(total[3]), 4800.0, 3.0, "UE 3");

        // sub-RB share, not work-conserving: 0.6 RB per TTI with a 3-RB minimum grant is
        // one grant of 3 RBs every 5 TTIs: 600 RBs in 1000 TTIs
        const std::map<uint16_t, double> small{{7, 0.6}};
        credits.clear();
        uint64_t got = 0;
        uint32_t grants = 0;
        for (int t = 0; t < 1000; ++t)
        {
            const uint32_t n = S::ApportionRbs(small, credits, 24, 3, false)[7];
            NS_TEST_ASSERT_MSG_EQ((n == 0 || n == 3), true, "0 or the minimum grant");
            credits[7] -= n;
            got += n;
            grants += n > 0 ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(got), 600.0, 3.0, "0.6 RB per TTI");
        NS_TEST_ASSERT_MSG_EQ_TOL(
            static_cast<double>(grants), 200.0, 1.0, "one grant every 5 TTIs");

        // the minimum grant is never split: 4 RBs left for a UE with none yet are given as 3
        // + 1 to a UE, never 1 RB alone to a new UE
        credits.clear();
        g = S::ApportionRbs({{1, 2.0}, {2, 2.0}}, credits, 4, 3, true);
        NS_TEST_ASSERT_MSG_EQ(g[1], 4u, "UE 1 (tie: lowest RNTI) takes 3 + 1");
        NS_TEST_ASSERT_MSG_EQ(g[2], 0u, "UE 2 cannot get a 3-RB block");
    }
};

/**
 * Build an UL DCI.
 * @param [in] rnti the UE
 * @param [in] start first RB
 * @param [in] len RBs
 * @param [in] ndi 1 new transmission, 0 HARQ retransmission
 * @return the DCI (MCS 10)
 */
UlDciListElement_s
MakeDci(uint16_t rnti, uint8_t start, uint8_t len, uint8_t ndi)
{
    UlDciListElement_s d;
    d.m_rnti = rnti;
    d.m_rbStart = start;
    d.m_rbLen = len;
    d.m_mcs = 10;
    d.m_tbSize = 0;
    d.m_ndi = ndi;
    return d;
}

/**
 * @ingroup edge-inference-tests
 * @brief The re-partition of one TTI on synthetic PF output: retransmissions and exempt UEs
 * kept, unshared UEs removed, contiguous non-overlapping segments in the pooled runs.
 */
class UlShareRepartitionTestCase : public TestCase
{
  public:
    UlShareRepartitionTestCase()
        : TestCase("UL re-partition of synthetic DCIs: retx hole, exempt and unshared UEs")
    {
    }

  private:
    void DoRun() override
    {
        using S = BandwidthShareFfMacScheduler;
        Ptr<LteAmc> amc = CreateObject<LteAmc>();
        // 50 RB: UE 1 new [0,10), UE 4 retx [10,20), UE 2 new [20,30), UE 3 new [30,40) (no
        // share), UE 6 new [40,48) (exempt). Pool [0,10) + [20,40): R = 30 in two runs.
        const std::vector<UlDciListElement_s> pf{MakeDci(1, 0, 10, 1),
                                                 MakeDci(4, 10, 10, 0),
                                                 MakeDci(2, 20, 10, 1),
                                                 MakeDci(3, 30, 10, 1),
                                                 MakeDci(6, 40, 8, 1)};
        std::map<uint16_t, double> credits;
        const auto out = S::RepartitionUlDcis(
            pf, {{1, 0.5}, {2, 0.3}, {6, 0.2}}, {6}, credits, 50, 3, true, amc);
        // quotas 30 x 0.5 / 0.8 = 18.75 and 11.25 -> credit rule gives 19 and 11; UE 1 fits
        // the 20-RB run (and takes its last RB, work-conserving), UE 2 the 10-RB run
        NS_TEST_ASSERT_MSG_EQ(out.size(), 4u, "retx, exempt, UE 2, UE 1");
        NS_TEST_ASSERT_MSG_EQ(out[0].m_rnti, 4, "retx first, unchanged");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(out[0].m_rbStart), 10u, "retx RBs");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(out[0].m_ndi), 0u, "retx ndi");
        NS_TEST_ASSERT_MSG_EQ(out[1].m_rnti, 6, "exempt UE unchanged");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(out[1].m_rbLen), 8u, "exempt UE RBs");
        NS_TEST_ASSERT_MSG_EQ(out[2].m_rnti, 2, "UE 2 in the first run");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(out[2].m_rbStart), 0u, "UE 2 start");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(out[2].m_rbLen), 10u, "UE 2 RBs");
        NS_TEST_ASSERT_MSG_EQ(out[3].m_rnti, 1, "UE 1 in the second run");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(out[3].m_rbStart), 20u, "UE 1 start");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(out[3].m_rbLen), 20u, "UE 1 RBs");
        NS_TEST_ASSERT_MSG_EQ(
            out[3].m_tbSize, amc->GetUlTbSizeFromMcs(10, 20) / 8, "TB size of 20 RBs at MCS 10");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(out[3].m_mcs), 10u, "PF's MCS kept");
        // credits: 18.75 - 20 and 11.25 - 10
        NS_TEST_ASSERT_MSG_EQ_TOL(credits[1], -1.25, 1e-9, "credit of UE 1");
        NS_TEST_ASSERT_MSG_EQ_TOL(credits[2], 1.25, 1e-9, "credit of UE 2");

        // two 8-RB runs around a retx, shares 0.75 / 0.25 (quotas 12, 4): a UE gets one
        // segment per TTI, so UE 1 is held to 8 RBs, but no run is left idle and the credits
        // stay bounded by the band (25 RB)
        const std::vector<UlDciListElement_s> holed{
            MakeDci(1, 0, 8, 1), MakeDci(4, 8, 8, 0), MakeDci(2, 16, 8, 1)};
        credits.clear();
        for (int t = 0; t < 50; ++t)
        {
            const auto o =
                S::RepartitionUlDcis(holed, {{1, 0.75}, {2, 0.25}}, {}, credits, 25, 3, true, amc);
            uint32_t used = 0;
            std::vector<bool> rb(25, false);
            for (const auto& d : o)
            {
                for (uint32_t k = d.m_rbStart; k < static_cast<uint32_t>(d.m_rbStart + d.m_rbLen);
                     ++k)
                {
                    NS_TEST_ASSERT_MSG_EQ(rb[k], false, "RB " << k << " granted twice");
                    rb[k] = true;
                    ++used;
                }
            }
            NS_TEST_ASSERT_MSG_EQ(used, 24u, "both runs and the retx used, TTI " << t);
            NS_TEST_ASSERT_MSG_LT_OR_EQ(std::abs(credits[1]), 25.0, "credit bounded");
        }

        // PF's equal split of 25 RB among 7 UEs: 3 RB each, RBs 21..24 idle. With poolFreeRbs
        // they join the pool: shares 0.6 / 0.4 of the whole band, 15 + 10 RB; without, 21 RB
        std::vector<UlDciListElement_s> split;
        for (uint16_t u = 0; u < 7; ++u)
        {
            split.push_back(MakeDci(u + 1, 3 * u, 3, 1));
        }
        for (const bool pool : {false, true})
        {
            credits.clear();
            const auto o = S::RepartitionUlDcis(
                split, {{1, 0.6}, {2, 0.4}}, {}, credits, 25, 3, true, amc, pool);
            uint32_t n1 = 0;
            uint32_t n2 = 0;
            for (const auto& d : o)
            {
                (d.m_rnti == 1 ? n1 : n2) += d.m_rbLen;
                NS_TEST_ASSERT_MSG_LT_OR_EQ(d.m_rbStart + d.m_rbLen, 25, "inside the band");
            }
            NS_TEST_ASSERT_MSG_EQ(n1 + n2, pool ? 25u : 21u, "pool size, poolFreeRbs " << pool);
            NS_TEST_ASSERT_MSG_EQ(n1, pool ? 15u : 13u, "UE 1 RBs (0.6 of the pool)");
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Validation of the shares and the Hz conversion reused from the FFR algorithm.
 */
class UlShareValidationTestCase : public TestCase
{
  public:
    UlShareValidationTestCase()
        : TestCase("UL share validation: range, sum, messages")
    {
    }

  private:
    void DoRun() override
    {
        using S = BandwidthShareFfMacScheduler;
        NS_TEST_ASSERT_MSG_EQ(
            S::ValidateUlShares({{1, 0.5}, {2, 0.3}, {3, 0.2}}), "", "sum 1 is valid");
        NS_TEST_ASSERT_MSG_EQ(
            S::ValidateUlShares({{1, 0.5}, {2, 0.5 + 1e-10}}), "", "sum within 1 + 1e-9 is valid");
        NS_TEST_ASSERT_MSG_EQ(S::ValidateUlShares({}), "", "no share is valid");
        const std::string sum = S::ValidateUlShares({{4, 0.6}, {5, 0.5}});
        NS_TEST_ASSERT_MSG_NE(sum.find("sum to 1.1"), std::string::npos, sum);
        NS_TEST_ASSERT_MSG_NE(sum.find("RNTI 4 = 0.6"), std::string::npos, sum);
        NS_TEST_ASSERT_MSG_NE(sum.find("RNTI 5 = 0.5"), std::string::npos, sum);
        const std::string neg = S::ValidateUlShares({{1, 0.2}, {7, -0.25}});
        NS_TEST_ASSERT_MSG_NE(neg.find("RNTI 7 is -0.25"), std::string::npos, neg);
        const std::string big = S::ValidateUlShares({{9, 1.5}});
        NS_TEST_ASSERT_MSG_NE(big.find("RNTI 9 is 1.5"), std::string::npos, big);
        NS_TEST_ASSERT_MSG_NE(S::ValidateUlShares({{2, std::nan("")}}), "", "NaN rejected");
#ifdef __unix__
        // the setters abort with the message (run in a child process)
        auto tooMuch = RunExpectingAbort(
            []() {
                CreateObject<BandwidthShareFfMacScheduler>()->SetUlShares({{1, 0.7}, {2, 0.6}});
            });
        NS_TEST_ASSERT_MSG_EQ(tooMuch.aborted, true, "sum 1.3 aborts");
        NS_TEST_ASSERT_MSG_NE(
            tooMuch.stderrText.find("RNTI 2 = 0.6"), std::string::npos, tooMuch.stderrText);
        auto negative = RunExpectingAbort(
            []()
            {
                Ptr<BandwidthShareFfMacScheduler> s = CreateObject<BandwidthShareFfMacScheduler>();
                s->SetUlShare(1, 0.5);
                s->SetUlShare(3, -0.5);
            });
        NS_TEST_ASSERT_MSG_EQ(negative.aborted, true, "negative share aborts");
        NS_TEST_ASSERT_MSG_NE(
            negative.stderrText.find("RNTI 3 is -0.5"), std::string::npos, negative.stderrText);
        auto pusch = RunExpectingAbort(
            []()
            {
                Ptr<BandwidthShareFfMacScheduler> s = CreateObject<BandwidthShareFfMacScheduler>();
                s->SetAttribute("UlCqiFilter", EnumValue(FfMacScheduler::PUSCH_UL_CQI));
                s->SetUlShares({{1, 0.5}});
            });
        NS_TEST_ASSERT_MSG_EQ(pusch.aborted, true, "shares with PUSCH_UL_CQI abort");
        NS_TEST_ASSERT_MSG_NE(
            pusch.stderrText.find("PUSCH_UL_CQI"), std::string::npos, pusch.stderrText);
        auto fine = RunExpectingAbort(
            []()
            {
                Ptr<BandwidthShareFfMacScheduler> s = CreateObject<BandwidthShareFfMacScheduler>();
                s->SetUlShares({{1, 0.5}, {2, 0.5}});
                s->SetUlShare(2, 0.25);
            });
        NS_TEST_ASSERT_MSG_EQ(fine.aborted, false, "valid shares do not abort");
#endif
        // 2.7 MHz of a 25-RB uplink (4.5 MHz of RBs) is a share of 0.6
        NS_TEST_ASSERT_MSG_EQ_TOL(
            BandwidthShareFfrAlgorithm::HzToUlShare(2.7e6, 25), 0.6, 1e-12, "Hz to UL share");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Shares 0.5/0.3/0.2: granted RBs and received bytes follow the shares (PF alone
 * would give a third each).
 */
class UlShareProportionalTestCase : public TestCase
{
  public:
    UlShareProportionalTestCase()
        : TestCase("UL shares 0.5, 0.3, 0.2 give RBs and bytes in proportion")
    {
    }

  private:
    void DoRun() override
    {
        Params p;
        p.configure = [](Ptr<BandwidthShareFfMacScheduler> s, NetDeviceContainer ues)
        {
            SetSharesAt(s, ues, {0.5, 0.3, 0.2}, Seconds(0.1));
        };
        const Window w = RunScenario(p).at(0);
        const std::vector<double> shares{0.5, 0.3, 0.2};
        const auto rbs = Fractions(w.macRbs);
        const auto newRbs = Fractions(w.newRbs);
        const auto bytes = Fractions(w.rxBytes);
        // PF gives 3 x 8 = 24 RBs per TTI, plus its idle RB (PoolFreeUlRbs). The credit keeps each
        // UE within a few RBs of its quota, so the RB fractions match to 1e-3 (plus the few HARQ
        // retransmissions of PF's size seen by the MAC trace: 1%).
        for (uint32_t i = 0; i < N_UES; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(newRbs[i], shares[i], 0.002, "UlGrant RB fraction, UE " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(rbs[i], shares[i], 0.01, "MAC RB fraction, UE " << i);
            // bytes: same MCS for all (same distance); TBS is linear in the RB count to ~3%
            // (36.213 Table 7.1.7.2.1-1), plus one partly delivered packet per window edge:
            // 5% relative tolerance
            NS_TEST_ASSERT_MSG_EQ_TOL(bytes[i], shares[i], 0.05 * shares[i], "bytes, UE " << i);
        }
        NS_TEST_ASSERT_MSG_GT(w.rxBytes[2], 100000u, "the smallest share still transmits");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Shares {A: 1, B: 0, C: none}: B and C get no grant, A gets the whole pool. With
 * the real RRC protocol, B and C still attach (ExemptConnectingUes).
 */
class UlShareExclusionTestCase : public TestCase
{
  public:
    /**
     * Constructor.
     * @param [in] idealRrc LteHelper UseIdealRrc
     */
    UlShareExclusionTestCase(bool idealRrc)
        : TestCase(std::string("UL shares 1, 0, none: unshared UEs get nothing, no stall (") +
                   (idealRrc ? "ideal" : "real") + " RRC)")
        , m_idealRrc(idealRrc)
    {
    }

  private:
    void DoRun() override
    {
        // reference: A alone with plain PF gets the whole band (25 RBs)
        Params alone;
        alone.scheduler = "ns3::PfFfMacScheduler";
        alone.nActive = 1;
        alone.idealRrc = m_idealRrc;
        const Window ref = RunScenario(alone).at(0);

        Params p;
        p.configure = [](Ptr<BandwidthShareFfMacScheduler> s, NetDeviceContainer ues)
        {
            // by IMSI, before the attach: resolved through the eNB RRC once connected
            s->SetUlShareByImsi(ues.Get(0)->GetObject<LteUeNetDevice>()->GetImsi(), 1.0);
            s->SetUlShareByImsi(ues.Get(1)->GetObject<LteUeNetDevice>()->GetImsi(), 0.0);
        };
        p.idealRrc = m_idealRrc;
        // traffic starts at 0.2 s, long after the connection
        p.windows = {{Seconds(0.2), Seconds(1.0)}, {Seconds(0.3), Seconds(1.0)}};
        const auto w = RunScenario(p);
        for (uint32_t i = 1; i < N_UES; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(w[0].newGrants[i], 0u, "no new grant, UE " << i);
            NS_TEST_ASSERT_MSG_EQ(w[0].macRbs[i], 0u, "no RB at the MAC, UE " << i);
            NS_TEST_ASSERT_MSG_EQ(w[0].rxBytes[i], 0u, "no byte received, UE " << i);
        }
        // PF splits 24 RBs among 3 backlogged UEs and leaves 1 idle; with PoolFreeUlRbs all
        // 25 go to A: the single-UE throughput (>= 0.9 allows for TBS granularity)
        NS_TEST_ASSERT_MSG_GT(w[1].newGrants[0], 690u, "A granted (almost) every TTI");
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(w[1].newRbs[0]) / w[1].newGrants[0],
                                  25.0,
                                  0.01,
                                  "A gets the whole uplink (PF's pool and its idle RB)");
        NS_TEST_ASSERT_MSG_GT(static_cast<double>(w[1].rxBytes[0]),
                              0.9 * ref.rxBytes[0],
                              "A's throughput near the full cell");
        // connecting UEs keep PF's grants: with the real RRC, B and C finish the attach
        // (RRC connection setup complete and reconfiguration complete go over UL grants)
        NS_TEST_ASSERT_MSG_EQ(w[0].connectedUes, N_UES, "every UE connected");
    }

    bool m_idealRrc; ///< LteHelper UseIdealRrc
};

/**
 * @ingroup edge-inference-tests
 * @brief No share: the grants and bytes are PF's, exactly (same seed).
 */
class UlShareTransparentTestCase : public TestCase
{
  public:
    UlShareTransparentTestCase()
        : TestCase("No UL share: identical to PfFfMacScheduler")
    {
    }

  private:
    void DoRun() override
    {
        Params pf;
        pf.scheduler = "ns3::PfFfMacScheduler";
        const Window a = RunScenario(pf).at(0);
        Params ours;
        const Window b = RunScenario(ours).at(0);
        for (uint32_t i = 0; i < N_UES; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(b.rxBytes[i], a.rxBytes[i], "bytes, UE " << i);
            NS_TEST_ASSERT_MSG_EQ(b.macRbs[i], a.macRbs[i], "RBs, UE " << i);
            NS_TEST_ASSERT_MSG_GT(a.rxBytes[i], 100000u, "UE " << i << " transmits");
        }
        // PF: equal RB counts (24 / 3 = 8 per UE and TTI)
        const auto f = Fractions(a.macRbs);
        NS_TEST_ASSERT_MSG_EQ_TOL(f[0], 1.0 / 3, 0.01, "PF splits equally");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Shares changed at run time (0.5/0.3/0.2, then 0.2/0.3/0.5 at 0.6 s) take effect.
 */
class UlShareChangeTestCase : public TestCase
{
  public:
    UlShareChangeTestCase()
        : TestCase("UL shares changed during the run take effect")
    {
    }

  private:
    void DoRun() override
    {
        Params p;
        p.stop = Seconds(1.1);
        p.windows = {{Seconds(0.25), Seconds(0.6)}, {Seconds(0.6), Seconds(1.1)}};
        p.configure = [](Ptr<BandwidthShareFfMacScheduler> s, NetDeviceContainer ues)
        {
            SetSharesAt(s, ues, {0.5, 0.3, 0.2}, Seconds(0.1));
            SetSharesAt(s, ues, {0.2, 0.3, 0.5}, Seconds(0.6));
        };
        const auto w = RunScenario(p);
        const std::vector<std::vector<double>> shares{{0.5, 0.3, 0.2}, {0.2, 0.3, 0.5}};
        for (std::size_t k = 0; k < 2; ++k)
        {
            const auto f = Fractions(w[k].newRbs);
            for (uint32_t i = 0; i < N_UES; ++i)
            {
                NS_TEST_ASSERT_MSG_EQ_TOL(
                    f[i], shares[k][i], 0.002, "window " << k << ", UE " << i);
            }
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief UlWorkConserving = false: a UE gets share x UlBandwidth RBs per TTI, the rest of
 * PF's grants stays idle.
 */
class UlShareNonWorkConservingTestCase : public TestCase
{
  public:
    UlShareNonWorkConservingTestCase()
        : TestCase("UL shares, not work-conserving: share x UlBandwidth RBs per TTI")
    {
    }

  private:
    void DoRun() override
    {
        Params p;
        p.configure = [](Ptr<BandwidthShareFfMacScheduler> s, NetDeviceContainer ues)
        {
            s->SetAttribute("UlWorkConserving", BooleanValue(false));
            SetSharesAt(s, ues, {0.2, 0.4, -1}, Seconds(0.1));
        };
        const Window w = RunScenario(p).at(0);
        // quotas 0.2 x 25 = 5 and 0.4 x 25 = 10 RBs per TTI (integers: exact every TTI);
        // 700 TTIs in the window
        NS_TEST_ASSERT_MSG_EQ(w.newGrants[0], 700u, "UE 0 granted every TTI");
        NS_TEST_ASSERT_MSG_EQ(w.newRbs[0], 700u * 5, "UE 0: 5 RBs per TTI");
        NS_TEST_ASSERT_MSG_EQ(w.newRbs[1], 700u * 10, "UE 1: 10 RBs per TTI");
        NS_TEST_ASSERT_MSG_EQ(w.newRbs[2], 0u, "UE 2 (no share): nothing");
        NS_TEST_ASSERT_MSG_EQ(w.rxBytes[2], 0u, "UE 2 (no share): no byte");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief BandwidthShareFfMacScheduler test suite.
 */
class EdgeInferenceUlShareTestSuite : public TestSuite
{
  public:
    EdgeInferenceUlShareTestSuite()
        : TestSuite("edge-inference-ul-share")
    {
        AddTestCase(new UlShareApportionTestCase);
        AddTestCase(new UlShareValidationTestCase);
        AddTestCase(new UlShareRepartitionTestCase);
        AddTestCase(new UlShareProportionalTestCase);
        AddTestCase(new UlShareExclusionTestCase(true));
        AddTestCase(new UlShareExclusionTestCase(false));
        AddTestCase(new UlShareTransparentTestCase);
        AddTestCase(new UlShareChangeTestCase);
        AddTestCase(new UlShareNonWorkConservingTestCase);
        AddTestCase(new UlShareMassAttachTestCase);
    }
};

/// Static instance of the UL share test suite.
static EdgeInferenceUlShareTestSuite g_edgeInferenceUlShareTestSuite;
