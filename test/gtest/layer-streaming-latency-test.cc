/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/dnn-model.h"
#include "ns3/layer-streaming-latency.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// ResNet-18 in PipeSwitch-style groups, from the spec table (section 1.6 of Paper 1).
DnnModel
ResNet18Groups()
{
    DnnModel m("resnet18-groups", 4.0);
    const char* names[] = {"stem", "layer1", "layer2", "layer3", "layer4", "fc"};
    const uint64_t params[] = {9536, 147968, 525568, 2099712, 8393728, 513000};
    // exact MACs at 224x224: stem 7x7x3x64 at 112x112; layer1 4 x 3x3x64x64 at 56x56;
    // layer2 3x3x64x128 + 3 x 3x3x128x128 + 1x1x64x128 at 28x28 (same count for layer3/4)
    const double mac[] = {118013952, 462422016, 411041792, 411041792, 411041792, 512000};
    for (int i = 0; i < 6; ++i)
    {
        m.AddLayer({names[i], params[i], 2.0 * mac[i], 0, names[i]});
    }
    return m;
}

} // namespace

// E1 of the spec: S = [8, 8, 8] Mbit, tau = [0.05, 0.15, 0.05] s, r = 80 Mbit/s.
TEST(LayerStreamingLatency, WorkedExampleE1)
{
    const std::vector<double> bits = {8e6, 8e6, 8e6};
    const std::vector<double> tau = {0.05, 0.15, 0.05};
    auto d = LayerStreamingLatency::DownloadFinishTimes(bits, 80e6);
    ASSERT_EQ(d.size(), 3u);
    EXPECT_NEAR(d[0], 0.1, 1e-12);
    EXPECT_NEAR(d[1], 0.2, 1e-12);
    EXPECT_NEAR(d[2], 0.3, 1e-12);
    auto s = LayerStreamingLatency::Streaming(d, tau);
    EXPECT_NEAR(s.computeFinish[0], 0.15, 1e-12);
    EXPECT_NEAR(s.computeFinish[1], 0.35, 1e-12);
    EXPECT_NEAR(s.latency, 0.40, 1e-12);
    uint32_t lstar = 99;
    EXPECT_NEAR(LayerStreamingLatency::StreamingClosedForm(d, tau, &lstar), 0.40, 1e-12);
    EXPECT_EQ(lstar, 1u); // l* = 2 in the spec's 1-based numbering
    EXPECT_NEAR(LayerStreamingLatency::DownloadThenInfer(d, tau).latency, 0.55, 1e-12);
    // deadline 0.4 s: SLIDE needs max(53.33, 80, 68.57) = 80 Mbit/s, DAI 160 Mbit/s
    EXPECT_NEAR(LayerStreamingLatency::MinRateStreaming(bits, tau, 0.4), 80e6, 1e-3);
    EXPECT_NEAR(LayerStreamingLatency::MinRateDownloadThenInfer(bits, tau, 0.4), 160e6, 1e-3);
}

// E2 of the spec: ResNet-18, b = 64 images, n f = 256 * 300 MHz = 76.8 GFLOP/s, r = 100 Mbit/s.
TEST(LayerStreamingLatency, WorkedExampleE2ResNet18)
{
    DnnModel m = ResNet18Groups();
    auto tau = LayerStreamingLatency::ComputeTimes(m, 256 * 300e6, 64);
    const double tauExpected[] = {0.19669, 0.77070, 0.68507, 0.68507, 0.68507, 0.00085};
    double sum = 0;
    for (int i = 0; i < 6; ++i)
    {
        EXPECT_NEAR(tau[i], tauExpected[i], 1e-5) << "layer " << i;
        sum += tau[i];
    }
    EXPECT_NEAR(sum, 3.02346, 1e-5);
    auto bits = LayerStreamingLatency::LayerBits(m);
    auto d = LayerStreamingLatency::DownloadFinishTimes(bits, 100e6);
    const double dExpected[] = {0.00305, 0.05040, 0.21858, 0.89049, 3.57648, 3.74064};
    for (int i = 0; i < 6; ++i)
    {
        EXPECT_NEAR(d[i], dExpected[i], 1e-5) << "layer " << i;
    }
    uint32_t lstar = 0;
    EXPECT_NEAR(LayerStreamingLatency::Streaming(d, tau).latency, 4.26241, 1e-5);
    EXPECT_NEAR(LayerStreamingLatency::StreamingClosedForm(d, tau, &lstar), 4.26241, 1e-5);
    EXPECT_EQ(lstar, 4u); // l* = 5
    EXPECT_NEAR(LayerStreamingLatency::DownloadThenInfer(d, tau).latency, 6.76410, 1e-5);
    // T = 4 s: 107.918 vs 383.049 Mbit/s; T = 5 s: 82.903 vs 189.252 Mbit/s
    EXPECT_NEAR(LayerStreamingLatency::MinRateStreaming(bits, tau, 4.0) / 1e6, 107.918, 1e-3);
    EXPECT_NEAR(
        LayerStreamingLatency::MinRateDownloadThenInfer(bits, tau, 4.0) / 1e6, 383.049, 1e-3);
    EXPECT_NEAR(LayerStreamingLatency::MinRateStreaming(bits, tau, 5.0) / 1e6, 82.903, 1e-3);
    EXPECT_NEAR(
        LayerStreamingLatency::MinRateDownloadThenInfer(bits, tau, 5.0) / 1e6, 189.252, 1e-3);
}

// Properties (a)-(c) of the spec and closed form == recursion on random instances; at the
// minimum rate the latency equals the deadline.
TEST(LayerStreamingLatency, RandomInstancesProperties)
{
    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> u(0.01, 1.0);
    std::uniform_int_distribution<int> nl(1, 12);
    for (int trial = 0; trial < 2000; ++trial)
    {
        const int n = nl(rng);
        std::vector<double> bits(n);
        std::vector<double> tau(n);
        for (int i = 0; i < n; ++i)
        {
            bits[i] = u(rng) * 1e7;
            tau[i] = u(rng) * 0.2;
        }
        const double rate = u(rng) * 1e8;
        auto d = LayerStreamingLatency::DownloadFinishTimes(bits, rate);
        const double rec = LayerStreamingLatency::Streaming(d, tau).latency;
        const double closed = LayerStreamingLatency::StreamingClosedForm(d, tau);
        const double dai = LayerStreamingLatency::DownloadThenInfer(d, tau).latency;
        ASSERT_NEAR(rec, closed, 1e-9 * std::max(1.0, rec));
        ASSERT_LE(rec, dai + 1e-12); // (a)
        // (b): saving <= min(sum_{j<L} tau_j, D_L - D_1)
        double sumButLast = 0;
        for (int i = 0; i + 1 < n; ++i)
        {
            sumButLast += tau[i];
        }
        ASSERT_LE(dai - rec, std::min(sumButLast, d.back() - d.front()) + 1e-9);
        // (c): non-increasing in the rate
        auto dFaster = LayerStreamingLatency::DownloadFinishTimes(bits, rate * 1.3);
        ASSERT_LE(LayerStreamingLatency::Streaming(dFaster, tau).latency, rec + 1e-12);
        // minimum rate meets the deadline exactly
        double total = 0;
        for (double t : tau)
        {
            total += t;
        }
        const double deadline = total + u(rng);
        const double rmin = LayerStreamingLatency::MinRateStreaming(bits, tau, deadline);
        auto dMin = LayerStreamingLatency::DownloadFinishTimes(bits, rmin);
        ASSERT_NEAR(LayerStreamingLatency::Streaming(dMin, tau).latency, deadline, 1e-9 * deadline);
        ASSERT_LE(rmin,
                  LayerStreamingLatency::MinRateDownloadThenInfer(bits, tau, deadline) *
                      (1 + 1e-12));
    }
}

TEST(LayerStreamingLatency, InfeasibleAndBadInput)
{
    const std::vector<double> bits = {1e6};
    const std::vector<double> tau = {0.5};
    EXPECT_TRUE(std::isinf(LayerStreamingLatency::MinRateStreaming(bits, tau, 0.5)));
    EXPECT_TRUE(std::isinf(LayerStreamingLatency::MinRateDownloadThenInfer(bits, tau, 0.1)));
    EXPECT_THROW(LayerStreamingLatency::DownloadFinishTimes(bits, 0.0), std::invalid_argument);
    EXPECT_THROW(LayerStreamingLatency::Streaming({1.0, 2.0}, tau), std::invalid_argument);
    EXPECT_DOUBLE_EQ(LayerStreamingLatency::Streaming({}, {}).latency, 0.0);
}
