/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/device-compute-model.h"
#include "ns3/dnn-model.h"
#include "ns3/layer-streaming-latency.h"
#include "ns3/slide-solver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <random>
#include <string>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// ResNet-18 in PipeSwitch-style groups, from the reconstruction table (section 1.6 of Paper 1).
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

// E1 of the reconstruction: S = [8, 8, 8] Mbit, tau = [0.05, 0.15, 0.05] s, r = 80 Mbit/s.
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
    EXPECT_EQ(lstar, 1u); // l* = 2 in the reconstruction's 1-based numbering
    EXPECT_NEAR(LayerStreamingLatency::DownloadThenInfer(d, tau).latency, 0.55, 1e-12);
    // deadline 0.4 s: SLIDE needs max(53.33, 80, 68.57) = 80 Mbit/s, DAI 160 Mbit/s
    EXPECT_NEAR(LayerStreamingLatency::MinRateStreaming(bits, tau, 0.4), 80e6, 1e-3);
    EXPECT_NEAR(LayerStreamingLatency::MinRateDownloadThenInfer(bits, tau, 0.4), 160e6, 1e-3);
}

// E2 of the reconstruction: ResNet-18, b = 64 images, n f = 256 * 300 MHz = 76.8 GFLOP/s, r = 100
// Mbit/s.
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

// Properties (a)-(c) of the reconstruction and closed form == recursion on random instances; at the
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

namespace
{

/// Kind of an event of the reference discrete-event simulator.
enum class DesEventKind
{
    DOWNLOAD_FINISH, ///< the last bit of a layer arrived
    COMPUTE_FINISH,  ///< a layer finished computing
};

/// One event of the reference simulator.
struct DesEvent
{
    double time{0};                                   ///< event time, s
    uint64_t seq{0};                                  ///< insertion order (tie-break)
    DesEventKind kind{DesEventKind::DOWNLOAD_FINISH}; ///< what happens
    size_t layer{0};                                  ///< the layer concerned
};

/// Earliest event first, then the first inserted (a min-heap for std::priority_queue).
struct DesLater
{
    /**
     * @param [in] a first event
     * @param [in] b second event
     * @return true if a comes after b
     */
    bool operator()(const DesEvent& a, const DesEvent& b) const
    {
        return a.time != b.time ? a.time > b.time : a.seq > b.seq;
    }
};

/**
 * Event-by-event simulation of a download-and-inference task, written independently of
 * LayerStreamingLatency: the download sends the layers back to back at a constant rate (the
 * finish of layer l schedules the finish of layer l+1 after S_{l+1} / r); a layer's
 * computation starts when it is downloaded, the previous layer is computed and the
 * processor is idle (for download-then-infer, also only once every layer is downloaded);
 * it finishes tau_l later.
 * @param [in] bits S_l, bits
 * @param [in] rate r, bit/s (> 0)
 * @param [in] tau tau_l, s
 * @param [in] waitForAll true: download-then-infer; false: streaming
 * @return the timeline (downloadFinish, computeStart, computeFinish, latency)
 */
LayerTimeline
SimulateEventByEvent(const std::vector<double>& bits,
                     double rate,
                     const std::vector<double>& tau,
                     bool waitForAll)
{
    const size_t n = bits.size();
    LayerTimeline out;
    out.downloadFinish.assign(n, -1);
    out.computeStart.assign(n, -1);
    out.computeFinish.assign(n, -1);
    if (n == 0)
    {
        return out;
    }
    std::priority_queue<DesEvent, std::vector<DesEvent>, DesLater> queue;
    uint64_t seq = 0;
    auto schedule = [&](double t, DesEventKind kind, size_t layer)
    {
        queue.push(DesEvent{t, seq++, kind, layer});
    };
    std::vector<bool> downloaded(n, false);
    size_t nDownloaded = 0;
    size_t nextToCompute = 0; // layers before it are computed or computing
    bool busy = false;
    auto tryStart = [&](double now)
    {
        if (busy || nextToCompute >= n || !downloaded[nextToCompute] ||
            (waitForAll && nDownloaded < n))
        {
            return;
        }
        busy = true;
        out.computeStart[nextToCompute] = now;
        schedule(now + tau[nextToCompute], DesEventKind::COMPUTE_FINISH, nextToCompute);
        ++nextToCompute;
    };
    schedule(bits[0] / rate, DesEventKind::DOWNLOAD_FINISH, 0);
    while (!queue.empty())
    {
        const DesEvent e = queue.top();
        queue.pop();
        if (e.kind == DesEventKind::DOWNLOAD_FINISH)
        {
            out.downloadFinish[e.layer] = e.time;
            downloaded[e.layer] = true;
            ++nDownloaded;
            if (e.layer + 1 < n)
            {
                schedule(
                    e.time + bits[e.layer + 1] / rate, DesEventKind::DOWNLOAD_FINISH, e.layer + 1);
            }
        }
        else
        {
            out.computeFinish[e.layer] = e.time;
            busy = false;
        }
        tryStart(e.time);
    }
    out.latency = out.computeFinish.back();
    return out;
}

/**
 * Expect two values equal to a relative tolerance (absolute for values near 0).
 * @param [in] actual the value under test
 * @param [in] expected the reference
 * @param [in] what label for the message
 */
void
ExpectClose(double actual, double expected, const std::string& what)
{
    EXPECT_NEAR(actual, expected, 1e-12 * std::max(std::abs(expected), 1e-9)) << what;
}

} // namespace

// The recursion F_l = max(D_l, F_{l-1}) + tau_l (and the DAI rule) predicts the
// same timeline as an independent event-by-event simulation of the same model, and so does
// SlideSolver::Evaluate (rate eta * B, tau_l = b C_l / (n f)), on 1,000 random instances
// with 1 to 40 layers, rates over four decades, and some empty layers / zero-FLOP layers.
TEST(LayerStreamingLatency, RecursionEqualsEventByEventSimulation)
{
    std::mt19937_64 rng(20260303);
    std::uniform_int_distribution<int> nLayers(1, 40);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_real_distribution<double> logRate(6.0, 10.0); // 1 Mbit/s .. 10 Gbit/s
    int nOverlap = 0; // instances where streaming beats DAI: the two rules are distinguished
    for (int instance = 0; instance < 1000; ++instance)
    {
        const int n = nLayers(rng);
        SlideModel model;
        model.name = "random";
        const double eta = 0.5 + 7.5 * unit(rng); // bit/s/Hz
        const double rate = std::pow(10.0, logRate(rng));
        const double bandwidth = rate / eta;
        const double flopsPerCycle = 16.0 + 112.0 * unit(rng);
        const double frequency = 100e6 + 500e6 * unit(rng);
        const uint32_t samples = 1 + static_cast<uint32_t>(63 * unit(rng));
        std::vector<double> bits;
        std::vector<double> tau;
        for (int l = 0; l < n; ++l)
        {
            // about one layer in 10 has no weights, one in 10 no FLOPs
            const double b = unit(rng) < 0.1 ? 0.0 : std::pow(10.0, 3.0 + 6.0 * unit(rng));
            const double c = unit(rng) < 0.1 ? 0.0 : std::pow(10.0, 6.0 + 4.0 * unit(rng));
            model.layerBits.push_back(b);
            model.layerFlops.push_back(c);
            bits.push_back(b);
            // tau_l = b C_l / (n f), the device model written out
            tau.push_back(samples * c / (flopsPerCycle * frequency));
        }
        // rate as Evaluate computes it (ConstantPsdRateModel: eta * B)
        const double evalRate = eta * bandwidth;

        for (const bool dai : {false, true})
        {
            const LayerTimeline des = SimulateEventByEvent(bits, evalRate, tau, dai);
            const auto d = LayerStreamingLatency::DownloadFinishTimes(bits, evalRate);
            const LayerTimeline rec = dai ? LayerStreamingLatency::DownloadThenInfer(d, tau)
                                          : LayerStreamingLatency::Streaming(d, tau);
            const std::string tag =
                "instance " + std::to_string(instance) + (dai ? " DAI" : " streaming");
            ASSERT_EQ(rec.computeFinish.size(), static_cast<size_t>(n)) << tag;
            for (int l = 0; l < n; ++l)
            {
                const std::string at = tag + " layer " + std::to_string(l);
                ExpectClose(rec.downloadFinish[l], des.downloadFinish[l], at + " D_l");
                ExpectClose(rec.computeStart[l], des.computeStart[l], at + " start");
                ExpectClose(rec.computeFinish[l], des.computeFinish[l], at + " F_l");
            }
            ExpectClose(rec.latency, des.latency, tag + " latency");
            if (!dai)
            {
                ExpectClose(LayerStreamingLatency::StreamingClosedForm(d, tau),
                            des.latency,
                            tag + " closed form");
            }

            // the allocator's prediction of the same task
            SlideProblem p;
            p.models.push_back(model);
            SlideUser u;
            u.candidateModels = {0};
            u.samples = samples;
            u.device = DeviceComputeModel(flopsPerCycle, frequency, 1e-26, 50e6, 625e6);
            u.deadlineS = 1e9;
            u.spectralEfficiency = eta;
            p.users.push_back(u);
            p.totalBandwidthHz = bandwidth;
            SlideDecision dec;
            dec.execution = dai ? SlideExecution::DOWNLOAD_THEN_INFER : SlideExecution::STREAMING;
            dec.users.resize(1);
            dec.users[0].isServed = true;
            dec.users[0].model = 0;
            dec.users[0].bandwidthHz = bandwidth;
            dec.users[0].frequencyHz = frequency;
            const SlideEvaluation e = SlideSolver::Evaluate(p, dec);
            ExpectClose(e.users[0].rateBps, rate, tag + " Evaluate rate");
            ExpectClose(e.users[0].latencyS, des.latency, tag + " Evaluate latency");
        }
        const double streamingLatency =
            SimulateEventByEvent(bits, eta * bandwidth, tau, false).latency;
        const double daiLatency = SimulateEventByEvent(bits, eta * bandwidth, tau, true).latency;
        nOverlap += streamingLatency < daiLatency * (1 - 1e-9) ? 1 : 0;
    }
    // the instances mix download and compute so that overlapping matters in most of them
    EXPECT_GT(nOverlap, 500);
}
