/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * NR (5G-LENA) determinism suite, built only with NR (EI_HAVE_NR): a cell built by
 * EdgeNrTopologyHelper behaves the same whatever the process ran before (the 5G-LENA state
 * that outlives Simulator::Destroy(): SRS offsets drawn at construction, the static RA
 * preamble counter).
 */

#include "ns3/core-module.h"
#include "ns3/edge-nr-topology-helper.h"
#include "ns3/lte-ue-rrc.h"
#include "ns3/nr-gnb-net-device.h"
#include "ns3/nr-gnb-phy.h"
#include "ns3/nr-spectrum-phy.h"
#include "ns3/nr-ue-net-device.h"
#include "ns3/test.h"

#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// What one run of the small cell showed.
struct NrCellLog
{
    std::vector<std::pair<int64_t, uint16_t>> srs; ///< SRS reports at the gNB: (time ns, RNTI)
    std::map<uint64_t, uint16_t> rntiByImsi;       ///< RNTI each UE got
    uint8_t preamblesAfter{0}; ///< RA preamble counter after the run (RewindRaPreambleCounter)
    int64_t streams{0};        ///< streams EdgeNrTopologyHelper::AssignStreams() used
};

/**
 * SRS SINR report sink: log the time and the UE.
 * @param [in,out] log the log
 * @param [in] cellId cell
 * @param [in] rnti UE
 * @param [in] sinr SINR (unused)
 */
void
OnSrs(NrCellLog* log, uint16_t /* cellId */, uint16_t rnti, double /* sinr */)
{
    log->srs.emplace_back(Simulator::Now().GetNanoSeconds(), rnti);
}

/// How to run the small cell.
struct NrCellRun
{
    int64_t constructionStream{1000000000}; ///< EdgeNrTopologyHelper::GnbConstructionStream
    uint32_t earlierVariables{0}; ///< random variables the "process" created before Build()
    int preambleAfterBuild{-1};   ///< set the RA preamble counter after Build() (-1: no)
    uint32_t nUes{3};             ///< UEs (50-300 m from the gNB)
};

/**
 * Build a 3-UE cell (default attributes), assign its streams and run it for 0.3 s: the UEs
 * attach (RA preamble, RNTI) and send SRS at the offsets the gNB scheduler gave them.
 * @param [in] how the run
 * @return the log
 */
NrCellLog
RunSmallCell(const NrCellRun& how)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    std::vector<Ptr<UniformRandomVariable>> earlier;
    for (uint32_t i = 0; i < how.earlierVariables; ++i)
    {
        earlier.push_back(CreateObject<UniformRandomVariable>());
    }
    Ptr<EdgeNrTopologyHelper> helper = CreateObject<EdgeNrTopologyHelper>();
    helper->SetAttribute("GnbConstructionStream", IntegerValue(how.constructionStream));
    EdgeLteGeometry geometry;
    geometry.enbHeightM = 30;
    geometry.ueHeightM = 1.5;
    std::vector<double> distances;
    for (uint32_t i = 0; i < how.nUes; ++i)
    {
        distances.push_back(100.0 + 100.0 * (i % 3));
    }
    EdgeNrTopology t = helper->Build(
        distances, [](Ptr<NrHelper>) {}, geometry);
    const int64_t streams = EdgeNrTopologyHelper::AssignStreams(t, 100);
    if (how.preambleAfterBuild >= 0)
    {
        EdgeNrTopologyHelper::RewindRaPreambleCounter(static_cast<uint8_t>(how.preambleAfterBuild));
    }
    NrCellLog log;
    log.streams = streams;
    Ptr<NrGnbNetDevice> gnb = DynamicCast<NrGnbNetDevice>(t.gnbDevices.Get(0));
    gnb->GetPhy(0)->GetSpectrumPhy(0)->AddSrsSinrReportCallback(MakeBoundCallback(&OnSrs, &log));
    Simulator::Stop(Seconds(0.3));
    Simulator::Run();
    for (uint32_t i = 0; i < t.ueDevices.GetN(); ++i)
    {
        Ptr<NrUeNetDevice> ue = DynamicCast<NrUeNetDevice>(t.ueDevices.Get(i));
        log.rntiByImsi[ue->GetImsi()] = ue->GetRrc()->GetRnti();
    }
    Simulator::Destroy();
    log.preamblesAfter = EdgeNrTopologyHelper::RewindRaPreambleCounter();
    return log;
}

/**
 * @param [in] log a log
 * @return its SRS reports as text (for messages)
 */
std::string
SrsText(const NrCellLog& log)
{
    std::ostringstream os;
    for (size_t i = 0; i < log.srs.size() && i < 6; ++i)
    {
        os << log.srs[i].first / 1e6 << " ms RNTI " << log.srs[i].second << "; ";
    }
    return os.str();
}

/**
 * @ingroup edge-inference-tests
 * @brief The SRS offsets (5G-LENA's NrMacSchedulerSrsDefault shuffles them in its
 * constructor, before AssignStreams) do not depend on how many random variables the
 * process created before: same seed, same SRS reports (times and UEs) and RNTIs, run
 * after run in one process. Controls: with 5G-LENA's automatic numbering
 * (GnbConstructionStream -1) the earlier variables change the SRS times (what made
 * in-process reruns differ from fresh runs), and another GnbConstructionStream gives other
 * offsets. The RandomVariableStream::Stream default is restored after Build().
 */
class NrSrsOffsetsTestCase : public TestCase
{
  public:
    NrSrsOffsetsTestCase()
        : TestCase("NR determinism: SRS offsets independent of the random variables created "
                   "before")
    {
    }

  private:
    void DoRun() override
    {
        const NrCellLog first = RunSmallCell({});
        NS_TEST_ASSERT_MSG_GT(first.srs.size(), 6U, "SRS reports of the 3 UEs in 0.3 s");
        std::map<uint16_t, uint32_t> perUe;
        for (const auto& r : first.srs)
        {
            ++perUe[r.second];
        }
        NS_TEST_ASSERT_MSG_EQ(perUe.size(), 3U, "every UE sends SRS");
        // gNB: SRS scheduler + PHY; each UE: MAC (RA) + PHY (error draws)
        NS_TEST_ASSERT_MSG_EQ(first.streams, 2 + 2 * 3, "streams AssignStreams() used");

        TypeId::AttributeInformation info;
        TypeId::LookupByName("ns3::RandomVariableStream").LookupAttributeByName("Stream", &info);
        NS_TEST_ASSERT_MSG_EQ(info.initialValue->SerializeToString(nullptr),
                              "-1",
                              "RandomVariableStream::Stream default restored after Build()");

        NrCellRun shifted;
        shifted.earlierVariables = 37;
        const NrCellLog again = RunSmallCell(shifted);
        const NrCellLog third = RunSmallCell({});
        NS_TEST_ASSERT_MSG_EQ((again.srs == first.srs),
                              true,
                              "after 37 other variables: " << SrsText(again) << " vs "
                                                           << SrsText(first));
        NS_TEST_ASSERT_MSG_EQ((third.srs == first.srs), true, "third run: " << SrsText(third));
        NS_TEST_ASSERT_MSG_EQ((again.rntiByImsi == first.rntiByImsi), true, "same RNTIs");
        NS_TEST_ASSERT_MSG_EQ((third.rntiByImsi == first.rntiByImsi), true, "same RNTIs");

        NrCellRun automatic;
        automatic.constructionStream = -1;
        const NrCellLog autoA = RunSmallCell(automatic);
        automatic.earlierVariables = 37;
        const NrCellLog autoB = RunSmallCell(automatic);
        NS_TEST_ASSERT_MSG_EQ((autoA.srs != autoB.srs),
                              true,
                              "control: with automatic stream numbers the SRS times follow the "
                              "process's earlier variables: "
                                  << SrsText(autoA));

        NrCellRun other;
        other.constructionStream = 7;
        const NrCellLog otherStream = RunSmallCell(other);
        NS_TEST_ASSERT_MSG_EQ((otherStream.srs != first.srs),
                              true,
                              "another GnbConstructionStream, other SRS offsets");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief 5G-LENA's static RA preamble counter (NrUeMac::g_raPreambleId, uint8_t): each UE
 * of a run sends one preamble, RewindRaPreambleCounter() reads and resets the counter, and
 * Build() resets it, so a 10-UE run after a process has sent 250 preambles gives the UEs
 * the RNTIs and SRS reports of a fresh run. Control: a counter that wraps during the
 * attachment (preambles 250..255, 0..3, all in one slot) gives other RNTIs (the gNB MAC
 * numbers a slot's preambles in the order of an unordered_map keyed by preamble).
 */
class NrRaPreambleCounterTestCase : public TestCase
{
  public:
    NrRaPreambleCounterTestCase()
        : TestCase("NR determinism: the RA preamble counter is reset by Build()")
    {
    }

  private:
    void DoRun() override
    {
        NrCellRun ten;
        ten.nUes = 10;
        const NrCellLog fresh = RunSmallCell(ten);
        NS_TEST_ASSERT_MSG_EQ(+fresh.preamblesAfter, 10, "one preamble per UE since Build()");
        NS_TEST_ASSERT_MSG_EQ(
            +EdgeNrTopologyHelper::RewindRaPreambleCounter(), 0, "the rewind reset the counter");
        std::set<uint16_t> rntis;
        for (const auto& kv : fresh.rntiByImsi)
        {
            rntis.insert(kv.second);
        }
        NS_TEST_ASSERT_MSG_EQ(rntis.size(), 10U, "10 UEs with distinct RNTIs");
        NS_TEST_ASSERT_MSG_EQ(*rntis.begin(), 1, "RNTIs 1..10");
        NS_TEST_ASSERT_MSG_EQ(*rntis.rbegin(), 10, "RNTIs 1..10");

        EdgeNrTopologyHelper::RewindRaPreambleCounter(250); // a process that sent 250
        const NrCellLog later = RunSmallCell(ten);
        NS_TEST_ASSERT_MSG_EQ((later.rntiByImsi == fresh.rntiByImsi), true, "fresh RNTIs");
        NS_TEST_ASSERT_MSG_EQ((later.srs == fresh.srs), true, "fresh SRS reports");

        NrCellRun wrapping = ten;
        wrapping.preambleAfterBuild = 250;
        const NrCellLog wrapped = RunSmallCell(wrapping);
        NS_TEST_ASSERT_MSG_EQ(+wrapped.preamblesAfter, 4, "preambles 250..255, 0..3");
        NS_TEST_ASSERT_MSG_EQ((wrapped.rntiByImsi != fresh.rntiByImsi),
                              true,
                              "control: a wrapping counter gives other RNTIs");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief NR determinism suite.
 */
class NrDeterminismTestSuite : public TestSuite
{
  public:
    NrDeterminismTestSuite()
        : TestSuite("edge-inference-nr-determinism")
    {
        AddTestCase(new NrSrsOffsetsTestCase);
        AddTestCase(new NrRaPreambleCounterTestCase);
    }
};

} // namespace

static NrDeterminismTestSuite g_nrDeterminismTestSuite; ///< Static suite instance
