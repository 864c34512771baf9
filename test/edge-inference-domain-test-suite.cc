/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The domain layer as an ns-3 TestSuite, so that an in-tree build (where the GoogleTest
// binary is not built) checks it too with ./test.py -s edge-inference-domain. The exhaustive
// checks live in test/gtest/.

#include "ns3/device-compute-model.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/gpu-memory-model.h"
#include "ns3/layer-streaming-latency.h"
#include "ns3/radio-rate.h"
#include "ns3/test.h"

#include <sstream>

using namespace ns3;
using namespace ns3::edgeinference;

/**
 * @ingroup edge-inference-tests
 * @brief Zoo totals against the published figures (within 1 %) and a CSV round trip.
 */
class ZooTotalsTestCase : public TestCase
{
  public:
    ZooTotalsTestCase()
        : TestCase("Zoo parameter and MAC totals match the published figures")
    {
    }

  private:
    void DoRun() override
    {
        struct Row
        {
            const char* name; ///< zoo name
            double params;    ///< published parameters
            double macs;      ///< published MACs at 224x224 (0: not checked)
        };

        const Row rows[] = {{"resnet18", 11.69e6, 1.82e9},
                            {"resnet50", 25.56e6, 4.1e9},
                            {"vgg16", 138.36e6, 15.5e9},
                            {"mobilenetv2", 3.50e6, 0.30e9},
                            {"bert-base", 110e6, 0},
                            {"gpt2", 124.4e6, 0},
                            {"llama2-7b", 6.74e9, 0}};
        for (const auto& r : rows)
        {
            DnnModel m = DnnModelZoo::Get(r.name);
            NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(m.GetTotalParameters()),
                                      r.params,
                                      0.01 * r.params,
                                      r.name << " parameters");
            if (r.macs > 0)
            {
                NS_TEST_ASSERT_MSG_EQ_TOL(
                    m.GetTotalFlops() / 2, r.macs, 0.01 * r.macs, r.name << " MACs");
            }
        }
        DnnModel resnet = DnnModelZoo::Get("resnet50");
        std::ostringstream os;
        resnet.WriteCsv(os);
        std::istringstream is(os.str());
        DnnModel back = DnnModel::ReadCsv(is, "resnet50.csv");
        NS_TEST_ASSERT_MSG_EQ(back.GetTotalBytes(), resnet.GetTotalBytes(), "CSV round trip");
        NS_TEST_ASSERT_MSG_EQ(back.GetNLayers(), resnet.GetNLayers(), "CSV round trip layers");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Worked examples of the specs: E1 (SLIDE), E3.1 (minimum bandwidth), E4.1/E4.2
 * (NOMA SINR), E5 (shared-block loading), E3 (energy-limited frequency).
 */
class WorkedExamplesTestCase : public TestCase
{
  public:
    WorkedExamplesTestCase()
        : TestCase("Worked examples E1, E3, E3.1, E4.1, E4.2, E5")
    {
    }

  private:
    void DoRun() override
    {
        // E1: SLIDE 0.40 s, DAI 0.55 s
        const std::vector<double> bits = {8e6, 8e6, 8e6};
        const std::vector<double> tau = {0.05, 0.15, 0.05};
        auto d = LayerStreamingLatency::DownloadFinishTimes(bits, 80e6);
        NS_TEST_ASSERT_MSG_EQ_TOL(
            LayerStreamingLatency::Streaming(d, tau).latency, 0.40, 1e-12, "E1");
        NS_TEST_ASSERT_MSG_EQ_TOL(
            LayerStreamingLatency::DownloadThenInfer(d, tau).latency, 0.55, 1e-12, "E1 DAI");
        // E3.1: 440 163.39 Hz and 522 926.72 Hz
        NS_TEST_ASSERT_MSG_EQ_TOL(
            MinBandwidthFixedPower(1e5, 0.029, 1e8), 440163.39, 0.01, "E3.1 s=1e8");
        NS_TEST_ASSERT_MSG_EQ_TOL(
            MinBandwidthFixedPower(1e5, 0.029, 5e7), 522926.72, 0.01, "E3.1 s=5e7");
        // E4.1 uplink: SINR 4.7619 and 20
        auto ul = UplinkNomaSinr({0.1, 0.1}, {1e-10, 2e-11}, 1e-13);
        NS_TEST_ASSERT_MSG_EQ_TOL(ul[0], 1e-11 / 2.1e-12, 1e-9, "E4.1 strong");
        NS_TEST_ASSERT_MSG_EQ_TOL(ul[1], 20.0, 1e-9, "E4.1 weak");
        // E4.2 downlink: weak 1.6e-11 / 4.1e-12, strong 200
        auto dl = DownlinkNomaSinr({0.2, 0.8}, {1e-10, 2e-11}, 1e-13);
        NS_TEST_ASSERT_MSG_EQ_TOL(dl[1], 1.6e-11 / 4.1e-12, 1e-9, "E4.2 weak");
        NS_TEST_ASSERT_MSG_EQ_TOL(dl[0], 200.0, 1e-9, "E4.2 strong");
        // E5: cold -> m1 100 ms, m1 -> m2 10 ms (shared A), no sharing 100 ms (1 GB/s)
        DnnModel m1("m1", 1.0);
        m1.AddLayer({"A", 90'000'000, 1, 1, "A"});
        m1.AddLayer({"h1", 10'000'000, 1, 1, "h1"});
        DnnModel m2("m2", 1.0);
        m2.AddLayer({"A", 90'000'000, 1, 1, "A"});
        m2.AddLayer({"h2", 10'000'000, 1, 1, "h2"});
        NS_TEST_ASSERT_MSG_EQ_TOL(
            GpuMemoryModel::SwitchTime(DnnModel(), m1, 1e9), 0.1, 1e-12, "E5");
        NS_TEST_ASSERT_MSG_EQ_TOL(GpuMemoryModel::SwitchTime(m1, m2, 1e9), 0.01, 1e-12, "E5");
        NS_TEST_ASSERT_MSG_EQ_TOL(
            GpuMemoryModel::NoSharingSwitchTime(m1, m2, 1e9), 0.1, 1e-12, "E5 no sharing");
        // E3 (SLIDE energy): f^E = sqrt(0.5 * 256 / (1e-26 * 2.32201e11)) = 234.786 MHz
        DeviceComputeModel dev(256, 300e6, 1e-26);
        NS_TEST_ASSERT_MSG_EQ_TOL(
            dev.MaxFrequencyForEnergy(2.32201388032e11, 0.5) / 1e6, 234.786, 1e-3, "E3 f^E");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Domain test suite.
 */
class EdgeInferenceDomainTestSuite : public TestSuite
{
  public:
    EdgeInferenceDomainTestSuite()
        : TestSuite("edge-inference-domain")
    {
        AddTestCase(new ZooTotalsTestCase);
        AddTestCase(new WorkedExamplesTestCase);
    }
};

/// Static instance of the domain test suite.
static EdgeInferenceDomainTestSuite g_edgeInferenceDomainTestSuite;
