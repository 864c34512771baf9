/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "../test-block-model.h"
#include "gtest-utils.h"

#include "ns3/batch-latency-model.h"
#include "ns3/device-compute-model.h"
#include "ns3/dnn-model.h"
#include "ns3/gpu-memory-model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/// Per-image FLOPs of the ResNet-18 PipeSwitch-style groups (R1.6 of [1] table, FLOP = 2 MAC).
std::vector<double>
ResNet18GroupFlops()
{
    // exact MACs at 224x224 (stem, layer1, layer2, layer3, layer4, fc)
    const double mac[] = {118013952, 462422016, 411041792, 411041792, 411041792, 512000};
    std::vector<double> flops;
    for (double m : mac)
    {
        flops.push_back(2.0 * m);
    }
    return flops;
}

/// Reconstruction 2.9 E5 models: A = 90, h1 = 10, h2 = 10, B = 40, h3 = 5 (MB).
struct E5Models
{
    DnnModel m1 = BlockModel("m1", {{"A", 90}, {"h1", 10}}); ///< m1 = {A, h1}
    DnnModel m2 = BlockModel("m2", {{"A", 90}, {"h2", 10}}); ///< m2 = {A, h2}
    DnnModel m3 = BlockModel("m3", {{"B", 40}, {"h3", 5}});  ///< m3 = {B, h3}
};

constexpr double RL = 1000 * MB; ///< R_L = 1000 MB/s (1 ms per MB)

} // namespace

// ---------------------------------------------------------------------------------------------
// DeviceComputeModel
// ---------------------------------------------------------------------------------------------

// Reconstruction 1.7 E2: ResNet-18, b = 64, n = 256 FLOP/cycle, f = 300 MHz => 76.8 GFLOP/s.
TEST(DeviceComputeModel, SlideE2ComputeTimes)
{
    DeviceComputeModel dev(256, 300e6);
    EXPECT_DOUBLE_EQ(dev.GetFlopsPerSecond(), 76.8e9); // 256 * 3e8
    const auto flops = ResNet18GroupFlops();
    // per-group tau from the reconstruction: 64 * FLOPs / 76.8e9
    const double tauSpec[] = {0.19669, 0.77070, 0.68507, 0.68507, 0.68507, 0.00085};
    double total = 0;
    double sumTau = 0;
    for (size_t i = 0; i < flops.size(); ++i)
    {
        const double tau = dev.ComputeTime(64 * flops[i]);
        EXPECT_NEAR(tau, tauSpec[i], 5e-6) << "group " << i;
        total += 64 * flops[i];
        sumTau += tau;
    }
    // sum of FLOPs: 2 * 1 814 073 344 MAC * 64 = 232 201 388 032 = 2.32201e11
    EXPECT_NEAR(total, 2.32201388032e11, 1.0);
    // 2.32201388032e11 / 7.68e10 = 3.023455...
    EXPECT_NEAR(sumTau, 3.02346, 5e-6);
    EXPECT_NEAR(dev.ComputeTime(total), 3.02346, 5e-6);
}

// Reconstruction 1.7 E3: G = 1e-26, budget 0.5 J, same task at n = 256.
TEST(DeviceComputeModel, SlideE3EnergyBudget)
{
    const double total = 2.32201388032e11;
    DeviceComputeModel dev(256, 300e6, 1e-26);
    // f^E = sqrt(0.5 * 256 / (1e-26 * 2.32201388032e11)) = 234.786 MHz
    const double fE = dev.MaxFrequencyForEnergy(total, 0.5);
    EXPECT_NEAR(fE, 234.786e6, 1e3);
    // f^E < fMax = 625 MHz, so the optimum is f^E
    EXPECT_DOUBLE_EQ(dev.OptimalFrequency(total, 0.5), fE);
    // at 300 MHz the energy exceeds the budget: 1e-26 * 9e16 * 2.322e11 / 256 = 0.8163 J
    EXPECT_NEAR(dev.Energy(total), 0.81633, 1e-5);
    dev.SetFrequency(fE);
    EXPECT_NEAR(dev.Energy(total), 0.5, 1e-12);
    // reconstruction: sum tau = 3.86325 s at f^E
    EXPECT_NEAR(dev.ComputeTime(total), 3.86325, 5e-6);
    // a 10 J budget gives f^E = sqrt(10*256/2.322e-15) = 1.05 GHz > fMax: clamp to 625 MHz
    EXPECT_DOUBLE_EQ(dev.OptimalFrequency(total, 10.0), 625e6);
    // no workload: any frequency fits
    EXPECT_TRUE(std::isinf(dev.MaxFrequencyForEnergy(0.0, 0.5)));
}

// Reconstruction 1.7 E3 last line: n = 2048, f = 625 MHz, b = 1 => E = 6.920 mJ; the default
// device.
TEST(DeviceComputeModel, DefaultDeviceSingleImage)
{
    DeviceComputeModel dev;
    EXPECT_DOUBLE_EQ(dev.GetFlopsPerCycle(), 2048);
    EXPECT_DOUBLE_EQ(dev.GetFrequency(), 625e6);
    EXPECT_DOUBLE_EQ(dev.GetMinFrequency(), 50e6);
    EXPECT_DOUBLE_EQ(dev.GetMaxFrequency(), 625e6);
    EXPECT_DOUBLE_EQ(dev.GetEnergyCoefficient(), 1e-26);
    const double oneImage = 2.32201388032e11 / 64; // 3.628146688e9 FLOP
    // 1e-26 * (6.25e8)^2 * 3.628146688e9 / 2048 = 6.9202e-3 J
    EXPECT_NEAR(dev.Energy(oneImage), 6.920e-3, 5e-7);
    // power 1e-26 * (6.25e8)^3 = 2.44140625 W; time 3.628e9 / 1.28e12 = 2.83449 ms
    EXPECT_NEAR(dev.GetPower(), 2.44140625, 1e-9);
    EXPECT_NEAR(dev.ComputeTime(oneImage), 2.834489600e-3, 1e-12);
    EXPECT_NEAR(dev.GetPower() * dev.ComputeTime(oneImage), dev.Energy(oneImage), 1e-12);
}

TEST(DeviceComputeModel, Validation)
{
    DeviceComputeModel dev;
    ExpectInvalid([&] { dev.SetFrequency(700e6); }, {"frequencyHz", "7e+08"});
    ExpectInvalid([&] { dev.SetFrequency(10e6); }, {"frequencyHz", "1e+07"});
    EXPECT_DOUBLE_EQ(dev.GetFrequency(), 625e6); // unchanged after the failed calls
    ExpectInvalid([&] { dev.SetFlopsPerCycle(0); }, {"flopsPerCycle", "0"});
    ExpectInvalid([&] { dev.SetEnergyCoefficient(-1); }, {"energyCoefficient", "-1"});
    ExpectInvalid([&] { dev.ComputeTime(-5); }, {"flops", "-5"});
    ExpectInvalid([&] { dev.MaxFrequencyForEnergy(1e9, -0.1); }, {"budgetJ", "-0.1"});
    ExpectInvalid([] { DeviceComputeModel(256, 700e6); }, {"frequencyHz"});
    ExpectInvalid([] { DeviceComputeModel(256, 300e6, 1e-26, 400e6, 300e6); },
                  {"maxFrequencyHz", "3e+08"});
    // a new range clamps the current frequency: 625 MHz -> 500 MHz
    dev.SetFrequencyRange(100e6, 500e6);
    EXPECT_DOUBLE_EQ(dev.GetFrequency(), 500e6);
    dev.SetFrequency(100e6);
    EXPECT_DOUBLE_EQ(dev.GetFlopsPerSecond(), 2048 * 100e6);
}

// ---------------------------------------------------------------------------------------------
// BatchLatencyModel
// ---------------------------------------------------------------------------------------------

// Reconstruction 3.6 E3.2: t_1(b) = 2 ms + 1 ms b, t_2(b) = 3 ms + 1.5 ms b.
TEST(BatchLatencyModel, AffineE32)
{
    auto model = BatchLatencyModel::Affine({2e-3, 3e-3}, {1e-3, 1.5e-3});
    ASSERT_EQ(model.GetNBlocks(), 2u);
    EXPECT_TRUE(model.IsAffine(0));
    EXPECT_DOUBLE_EQ(model.GetFixedCost(1), 3e-3);
    EXPECT_DOUBLE_EQ(model.GetPerTaskCost(1), 1.5e-3);
    EXPECT_DOUBLE_EQ(model.GetLatency(0, 0), 0.0);
    // S = {1,2,3}: exit counts n = (1, 2) -> B = (3, 2)
    const auto sizes = BatchLatencyModel::BatchSizesFromExitCounts({1, 2});
    ASSERT_EQ(sizes, (std::vector<uint32_t>{3, 2}));
    EXPECT_NEAR(model.GetLatency(0, 3), 5e-3, 1e-15); // 2 + 3
    EXPECT_NEAR(model.GetLatency(1, 2), 6e-3, 1e-15); // 3 + 3
    const auto cum = model.GetCumulativeLatency(sizes);
    ASSERT_EQ(cum.size(), 2u);
    EXPECT_NEAR(cum[0], 5e-3, 1e-15);
    EXPECT_NEAR(cum[1], 11e-3, 1e-15);
    // T_u* = min(50 - 5, 50 - 11, 40 - 11) = 29 ms
    const double tu = std::min({50e-3 - cum[0], 50e-3 - cum[1], 40e-3 - cum[1]});
    EXPECT_NEAR(tu, 29e-3, 1e-15);
    // S = {1,2}: B = (2, 1), t = (4, 4.5) ms, T_u* = min(50 - 4, 50 - 8.5) = 41.5 ms
    const auto cum12 = model.GetCumulativeLatency({2, 1});
    EXPECT_NEAR(cum12[0], 4e-3, 1e-15);
    EXPECT_NEAR(cum12[1], 8.5e-3, 1e-15);
    // S = {2,3}: B = (2, 2), t = (4, 6) ms
    EXPECT_NEAR(model.GetTotalLatency({2, 2}), 10e-3, 1e-15);
    // no early exit, b = 3: (2+3) + (3+4.5) = 12.5 ms
    EXPECT_NEAR(model.GetFullLatency(3), 12.5e-3, 1e-15);
    // all tasks leave at exit 1: block 2 gets no batch and costs nothing
    const auto cumOnly1 = model.GetCumulativeLatency({4, 0});
    EXPECT_NEAR(cumOnly1[1], 6e-3, 1e-15);
}

TEST(BatchLatencyModel, TableInterpolation)
{
    // block 0: measured at 1, 4, 8 (given unsorted); block 1 starts at 2; block 2 one point;
    // block 3's first segment extrapolates below 0 and is clamped
    auto model = BatchLatencyModel::FromTable({
        {{8, 0.020}, {1, 0.010}, {4, 0.016}},
        {{2, 0.004}, {4, 0.008}},
        {{8, 0.050}},
        {{4, 0.001}, {8, 0.009}},
    });
    ASSERT_EQ(model.GetNBlocks(), 4u);
    EXPECT_FALSE(model.IsAffine(0));
    EXPECT_DOUBLE_EQ(model.GetLatency(0, 0), 0.0);
    EXPECT_NEAR(model.GetLatency(0, 1), 0.010, 1e-15);
    EXPECT_NEAR(model.GetLatency(0, 4), 0.016, 1e-15);
    EXPECT_NEAR(model.GetLatency(0, 2), 0.012, 1e-15);  // 0.010 + 0.006 * 1/3
    EXPECT_NEAR(model.GetLatency(0, 6), 0.018, 1e-15);  // 0.016 + 0.004 * 2/4
    EXPECT_NEAR(model.GetLatency(0, 16), 0.028, 1e-15); // 0.020 + 8 * 0.001 (last slope)
    EXPECT_NEAR(model.GetLatency(1, 1), 0.002, 1e-15);  // 0.004 - 1 * 0.002 (first slope)
    EXPECT_NEAR(model.GetLatency(1, 3), 0.006, 1e-15);
    EXPECT_NEAR(model.GetLatency(2, 1), 0.050, 1e-15);
    EXPECT_NEAR(model.GetLatency(2, 100), 0.050, 1e-15);
    EXPECT_NEAR(model.GetLatency(3, 1), 0.0, 1e-15); // 0.001 - 3 * 0.002 < 0 -> 0
    EXPECT_NEAR(model.GetLatency(3, 6), 0.005, 1e-15);
    // cumulative with B = (6, 3, 1, 1): 0.018, +0.006, +0.050, +0
    const auto cum = model.GetCumulativeLatency({6, 3, 1, 1});
    EXPECT_NEAR(cum[0], 0.018, 1e-15);
    EXPECT_NEAR(cum[1], 0.024, 1e-15);
    EXPECT_NEAR(cum[2], 0.074, 1e-15);
    EXPECT_NEAR(cum[3], 0.074, 1e-15);
    // non-decreasing in b
    for (uint32_t l = 0; l < model.GetNBlocks(); ++l)
    {
        for (uint32_t b = 1; b < 40; ++b)
        {
            EXPECT_LE(model.GetLatency(l, b), model.GetLatency(l, b + 1) + 1e-15);
        }
    }
    // mixed model: an affine block after a table block
    model.AddAffineBlock(1e-3, 2e-3);
    EXPECT_TRUE(model.IsAffine(4));
    EXPECT_NEAR(model.GetLatency(4, 5), 11e-3, 1e-15);
}

TEST(BatchLatencyModel, FromDnnModel)
{
    // FP32; layers L0 (1000 params, 2 MFLOP), L1 (2000, 4 MFLOP), L2 (500, 1 MFLOP);
    // an exit after L0 with 250 params and 0.1 MFLOP
    DnnModel dnn("toy", 4.0);
    dnn.AddLayer({"L0", 1000, 2e6, 0, "b0"});
    dnn.AddLayer({"L1", 2000, 4e6, 0, "b1"});
    dnn.AddLayer({"L2", 500, 1e6, 0, "b2"});
    EarlyExitBranch exit;
    exit.afterLayer = 0;
    exit.flops = 1e5;
    exit.parameters = 250;
    exit.accuracy = 0.6;
    dnn.AddExit(exit);
    // GPU 1e9 FLOP/s, 0.1 ms per-block overhead, 1e8 B/s memory bandwidth
    auto byExit = BatchLatencyModel::FromDnnModel(dnn, 1e9, 1e-4, 1e8);
    ASSERT_EQ(byExit.GetNBlocks(), 2u);
    // block 0 = L0 + exit: (4000 + 1000) B / 1e8 = 5e-5 s; (2e6 + 1e5) / 1e9 = 2.1e-3 s
    EXPECT_NEAR(byExit.GetFixedCost(0), 1.5e-4, 1e-15);
    EXPECT_NEAR(byExit.GetPerTaskCost(0), 2.1e-3, 1e-15);
    // block 1 = L1 + L2: 10000 B / 1e8 = 1e-4 s; 5e6 / 1e9 = 5e-3 s
    EXPECT_NEAR(byExit.GetFixedCost(1), 2e-4, 1e-15);
    EXPECT_NEAR(byExit.GetPerTaskCost(1), 5e-3, 1e-15);
    // b = 2: 1.5e-4 + 4.2e-3 = 4.35e-3 s
    EXPECT_NEAR(byExit.GetLatency(0, 2), 4.35e-3, 1e-15);

    auto byBlock = BatchLatencyModel::FromDnnModel(
        dnn, 1e9, 1e-4, 1e8, BatchLatencyModel::Segmentation::PARAMETER_BLOCKS);
    ASSERT_EQ(byBlock.GetNBlocks(), 3u);
    EXPECT_NEAR(byBlock.GetFixedCost(0), 1.4e-4, 1e-15); // 1e-4 + 4000/1e8
    EXPECT_NEAR(byBlock.GetFixedCost(1), 1.8e-4, 1e-15); // 1e-4 + 8000/1e8
    EXPECT_NEAR(byBlock.GetFixedCost(2), 1.2e-4, 1e-15); // 1e-4 + 2000/1e8
    EXPECT_NEAR(byBlock.GetPerTaskCost(1), 4e-3, 1e-15);

    ExpectInvalid([&] { BatchLatencyModel::FromDnnModel(dnn, 0, 1e-4, 1e8); },
                  {"gpuFlopsPerSecond", "0"});
    ExpectInvalid([&] { BatchLatencyModel::FromDnnModel(DnnModel("empty"), 1e9, 0, 1e8); },
                  {"empty", "no layers"});
}

TEST(BatchLatencyModel, Validation)
{
    ExpectInvalid(
        [] {
            BatchLatencyModel::Affine({1e-3, 1e-3}, {1e-3, -1e-3});
        },
        {"a_l", "block 1", "-0.001"});
    ExpectInvalid([] { BatchLatencyModel::Affine({-2, 0}, {0, 0}); }, {"c_l", "block 0", "-2"});
    ExpectInvalid([] { BatchLatencyModel::Affine({1e-3}, {1e-3, 1e-3}); }, {"1", "2"});
    ExpectInvalid(
        [] {
            BatchLatencyModel::FromTable({{{1, 0.01}}, {{1, 0.02}, {2, 0.015}}});
        },
        {"block 1", "0.015", "batch size 2"});
    ExpectInvalid([] { BatchLatencyModel::FromTable({{{0, 0.01}}}); }, {"block 0", "batch size 0"});
    ExpectInvalid(
        [] {
            BatchLatencyModel::FromTable({{{2, 0.01}, {2, 0.02}}});
        },
        {"block 0", "2 twice"});
    ExpectInvalid([] { BatchLatencyModel::FromTable({{}}); }, {"block 0", "empty"});
    auto model = BatchLatencyModel::Affine({2e-3, 3e-3}, {1e-3, 1.5e-3});
    ExpectInvalid([&] { model.GetCumulativeLatency({2, 3}); }, {"batch size 3", "block 1"});
    ExpectInvalid([&] { model.GetCumulativeLatency({2}); }, {"1 batch sizes", "2 blocks"});
    ExpectInvalid([&] { model.GetLatency(2, 1); }, {"block index 2"});
}

// ---------------------------------------------------------------------------------------------
// GpuMemoryModel
// ---------------------------------------------------------------------------------------------

// Reconstruction 2.9 E5 switch costs with R_L = 1000 MB/s: cold->m1 = 100 ms, m1->m2 = 10 ms,
// m2->m3 = 45 ms; without sharing m1->m2 = 100 ms.
TEST(GpuMemoryModel, E5SwitchTimes)
{
    E5Models e5;
    const DnnModel cold;
    EXPECT_NEAR(GpuMemoryModel::SwitchTime(cold, e5.m1, RL), 0.100, 1e-12);  // (90+10) ms
    EXPECT_NEAR(GpuMemoryModel::SwitchTime(e5.m1, e5.m2, RL), 0.010, 1e-12); // h2 only
    EXPECT_NEAR(GpuMemoryModel::SwitchTime(e5.m2, e5.m3, RL), 0.045, 1e-12); // B + h3
    EXPECT_DOUBLE_EQ(GpuMemoryModel::SwitchTime(e5.m1, e5.m1, RL), 0.0);
    EXPECT_NEAR(GpuMemoryModel::NoSharingSwitchTime(e5.m1, e5.m2, RL), 0.100, 1e-12);
    EXPECT_NEAR(GpuMemoryModel::NoSharingSwitchTime(cold, e5.m1, RL), 0.100, 1e-12);
    EXPECT_NEAR(GpuMemoryModel::NoSharingSwitchTime(e5.m2, e5.m3, RL), 0.045, 1e-12);
    EXPECT_DOUBLE_EQ(GpuMemoryModel::NoSharingSwitchTime(e5.m1, e5.m1, RL), 0.0);
    // with tau_0 = 2 ms: 10 + 2 ms for m1->m2, still 0 for the same model
    EXPECT_NEAR(GpuMemoryModel::SwitchTime(e5.m1, e5.m2, RL, 2e-3), 0.012, 1e-12);
    EXPECT_DOUBLE_EQ(GpuMemoryModel::SwitchTime(e5.m1, e5.m1, RL, 2e-3), 0.0);
    EXPECT_NEAR(GpuMemoryModel::NoSharingSwitchTime(e5.m1, e5.m2, RL, 2e-3), 0.102, 1e-12);
}

// Reconstruction 2.9 E5 optimum order m1, m1, m2, m3, m3 (I = 10, 10, 10, 5, 5 ms) run on the GPU
// model: ready times 100, 110, 130, 185, 190 ms and end times 110, 120, 140, 190, 195 ms.
TEST(GpuMemoryModel, E5ScheduleKeepLastModel)
{
    E5Models e5;
    GpuMemoryModel gpu(1000 * MB, RL); // KEEP_LAST_MODEL, tau_0 = 0
    const std::vector<const DnnModel*> order = {&e5.m1, &e5.m1, &e5.m2, &e5.m3, &e5.m3};
    const double inference[] = {10e-3, 10e-3, 10e-3, 5e-3, 5e-3};
    const double readySpec[] = {0.100, 0.110, 0.130, 0.185, 0.190};
    const double endSpec[] = {0.110, 0.120, 0.140, 0.190, 0.195};
    double end = 0;
    for (size_t i = 0; i < order.size(); ++i)
    {
        const auto r = gpu.Load(*order[i], end);
        const double ready = end + r.loadTime;
        end = ready + inference[i];
        EXPECT_NEAR(ready, readySpec[i], 1e-12) << "task " << i;
        EXPECT_NEAR(end, endSpec[i], 1e-12) << "task " << i;
    }
    // the last model is m3 = {B, h3}: 45 MB resident, A/h1/h2 evicted
    EXPECT_EQ(gpu.GetUsedBytes(), static_cast<uint64_t>(45 * MB));
    EXPECT_TRUE(gpu.IsResident("B"));
    EXPECT_FALSE(gpu.IsResident("A"));
}

TEST(GpuMemoryModel, KeepLastModelEvictionAndSharing)
{
    E5Models e5;
    GpuMemoryModel gpu(1000 * MB, RL, 1e-3); // tau_0 = 1 ms
    EXPECT_EQ(gpu.GetMissingBytes(e5.m1), static_cast<uint64_t>(100 * MB));
    EXPECT_NEAR(gpu.LoadTime(e5.m1), 0.101, 1e-12); // 100 ms + 1 ms
    auto r1 = gpu.Load(e5.m1, 0.0);
    EXPECT_EQ(r1.loadedBytes, static_cast<uint64_t>(100 * MB));
    EXPECT_NEAR(r1.loadTime, 0.101, 1e-12);
    EXPECT_EQ(r1.loadedBlocks, (std::vector<std::string>{"A", "h1"}));
    EXPECT_TRUE(r1.evicted.empty());
    EXPECT_TRUE(gpu.IsLoaded(e5.m1));
    EXPECT_DOUBLE_EQ(gpu.LoadTime(e5.m1), 0.0); // nothing missing: no overhead either
    // m2 shares A: only h2 (10 MB) is missing
    EXPECT_EQ(gpu.GetMissingBytes(e5.m2), static_cast<uint64_t>(10 * MB));
    EXPECT_EQ(gpu.GetMissingBlocks(e5.m2), (std::vector<std::string>{"h2"}));
    EXPECT_NEAR(gpu.LoadTime(e5.m2), 0.011, 1e-12);
    auto r2 = gpu.Load(e5.m2, 1.0);
    EXPECT_EQ(r2.loadedBytes, static_cast<uint64_t>(10 * MB));
    EXPECT_EQ(r2.evicted, (std::vector<std::string>{"h1"}));
    EXPECT_TRUE(gpu.IsResident("A"));
    EXPECT_FALSE(gpu.IsResident("h1"));
    EXPECT_EQ(gpu.GetUsedBytes(), static_cast<uint64_t>(100 * MB));
    EXPECT_EQ(gpu.GetFreeBytes(), static_cast<uint64_t>(900 * MB));
    // reloading the resident model costs nothing
    auto again = gpu.Load(e5.m2, 2.0);
    EXPECT_EQ(again.loadedBytes, 0u);
    EXPECT_DOUBLE_EQ(again.loadTime, 0.0);
    EXPECT_TRUE(again.evicted.empty());
    // m3 shares nothing: A and h2 go even though there is room
    auto r3 = gpu.Load(e5.m3, 3.0);
    EXPECT_EQ(r3.evicted.size(), 2u);
    EXPECT_NEAR(r3.loadTime, 0.046, 1e-12);
    EXPECT_EQ(gpu.GetResidentBlocks(), (std::vector<std::string>{"B", "h3"}));
    gpu.Clear();
    EXPECT_EQ(gpu.GetUsedBytes(), 0u);
    EXPECT_FALSE(gpu.IsResident("B"));
}

TEST(GpuMemoryModel, LruEvictionOrder)
{
    // capacity 100 MB; single-block models a, b, c (30 MB each) and d (40 MB)
    const auto a = BlockModel("a", {{"a", 30}});
    const auto b = BlockModel("b", {{"b", 30}});
    const auto c = BlockModel("c", {{"c", 30}});
    const auto d = BlockModel("d", {{"d", 40}});
    const auto e = BlockModel("e", {{"e", 70}});
    GpuMemoryModel gpu(100 * MB, RL, 0.0, GpuMemoryModel::EvictionPolicy::LRU);
    gpu.Load(a, 0.0);
    gpu.Load(b, 1.0);
    auto rc = gpu.Load(c, 2.0);
    EXPECT_TRUE(rc.evicted.empty()); // 90 MB <= 100 MB: LRU keeps everything that fits
    EXPECT_EQ(gpu.GetUsedBytes(), static_cast<uint64_t>(90 * MB));
    gpu.Touch(a, 3.0); // a becomes the most recently used; b is now the oldest
    // d needs 40 MB: 90 + 40 = 130 > 100, evict the oldest (b) -> 60 + 40 = 100
    auto rd = gpu.Load(d, 4.0);
    EXPECT_EQ(rd.evicted, (std::vector<std::string>{"b"}));
    EXPECT_EQ(gpu.GetUsedBytes(), static_cast<uint64_t>(100 * MB));
    // e needs 70 MB: 100 + 70 = 170, evict c (t=2) -> 140, a (t=3) -> 110, d (t=4) -> 70
    auto re = gpu.Load(e, 5.0);
    EXPECT_EQ(re.evicted, (std::vector<std::string>{"c", "a", "d"}));
    EXPECT_EQ(gpu.GetResidentBlocks(), (std::vector<std::string>{"e"}));
    EXPECT_NEAR(re.loadTime, 0.070, 1e-12);
}

TEST(GpuMemoryModel, LruKeepsBlocksOfTheModelBeingLoaded)
{
    // capacity 100 MB: m1 = {A 60, h1 10}, x = {X 20}, m2 = {A, h2 10}, m3 = {A, h3 30}
    const auto m1 = BlockModel("m1", {{"A", 60}, {"h1", 10}});
    const auto x = BlockModel("x", {{"X", 20}});
    const auto m2 = BlockModel("m2", {{"A", 60}, {"h2", 10}});
    const auto m3 = BlockModel("m3", {{"A", 60}, {"h3", 30}});
    GpuMemoryModel gpu(100 * MB, RL, 0.0, GpuMemoryModel::EvictionPolicy::LRU);
    gpu.Load(m1, 0.0);
    gpu.Load(x, 1.0);
    auto r2 = gpu.Load(m2, 2.0); // 90 + 10 = 100 fits exactly
    EXPECT_TRUE(r2.evicted.empty());
    EXPECT_NEAR(r2.loadTime, 0.010, 1e-12);
    // m3 needs h3 (30): 100 + 30 = 130 -> evict h1 (t=0) -> 120, X (t=1) -> 100.
    // A (shared, also last used at t=2 via m2) and h2 (t=2) stay.
    auto r3 = gpu.Load(m3, 3.0);
    EXPECT_EQ(r3.evicted, (std::vector<std::string>{"h1", "X"}));
    EXPECT_EQ(gpu.GetResidentBlocks(), (std::vector<std::string>{"A", "h2", "h3"}));
    EXPECT_EQ(gpu.GetUsedBytes(), static_cast<uint64_t>(100 * MB));

    // the same sequence under KEEP_LAST_MODEL: x evicts m1 entirely
    GpuMemoryModel keep(100 * MB, RL);
    keep.Load(m1, 0.0);
    auto rx = keep.Load(x, 1.0);
    EXPECT_EQ(rx.evicted.size(), 2u);
    EXPECT_NEAR(keep.Load(m2, 2.0).loadTime, 0.070, 1e-12); // A + h2 reloaded
}

TEST(GpuMemoryModel, Pinning)
{
    E5Models e5;
    GpuMemoryModel gpu(1000 * MB, RL);
    ExpectInvalid([&] { gpu.Pin("A"); }, {"'A'", "not resident"});
    gpu.Load(e5.m1, 0.0);
    gpu.Pin("A");
    EXPECT_TRUE(gpu.IsPinned("A"));
    // KEEP_LAST_MODEL would evict A for m3, but it is pinned: only h1 goes
    auto r3 = gpu.Load(e5.m3, 1.0);
    EXPECT_EQ(r3.evicted, (std::vector<std::string>{"h1"}));
    EXPECT_EQ(gpu.GetUsedBytes(), static_cast<uint64_t>(135 * MB)); // A 90 + B 40 + h3 5
    // back to m2: A survived, so only h2 (10 ms) instead of 100 ms
    auto r2 = gpu.Load(e5.m2, 2.0);
    EXPECT_NEAR(r2.loadTime, 0.010, 1e-12);
    gpu.Unpin("A");
    EXPECT_FALSE(gpu.IsPinned("A"));
    auto r3b = gpu.Load(e5.m3, 3.0);
    EXPECT_EQ(r3b.evicted, (std::vector<std::string>{"A", "h2"}));
}

TEST(GpuMemoryModel, PinnedBlocksPreventFit)
{
    E5Models e5;
    // capacity 120 MB: m1 (100) fits; with A (90) pinned, m3 (45) would need 135 MB
    GpuMemoryModel gpu(120 * MB, RL, 0.0, GpuMemoryModel::EvictionPolicy::LRU);
    gpu.Load(e5.m1, 0.0);
    gpu.Pin("A");
    ExpectInvalid([&] { gpu.Load(e5.m3, 1.0); },
                  {"'m3'", "45000000", "pinned", "90000000", "120000000"});
    // strong guarantee: nothing was evicted
    EXPECT_TRUE(gpu.IsResident("h1"));
    EXPECT_EQ(gpu.GetUsedBytes(), static_cast<uint64_t>(100 * MB));
    gpu.Unpin("A");
    auto r = gpu.Load(e5.m3, 2.0);
    // LRU: need 100 + 45 - 120 = 25 MB freed; A (stamped before h1 at t=0) goes first
    EXPECT_EQ(r.evicted, (std::vector<std::string>{"A"}));
    EXPECT_TRUE(gpu.IsResident("h1"));
}

TEST(GpuMemoryModel, Errors)
{
    E5Models e5;
    GpuMemoryModel gpu(50 * MB, RL);
    // m1 is 100 MB, the GPU 50 MB
    ExpectInvalid([&] { gpu.Load(e5.m1, 0.0); }, {"'m1'", "100000000", "50000000"});
    EXPECT_EQ(gpu.GetUsedBytes(), 0u);
    // a model listing block id "B" with another size than the resident one
    gpu.Load(e5.m3, 0.0);
    const auto bad = BlockModel("bad", {{"B", 41}});
    EXPECT_THROW(gpu.Load(bad, 1.0), ModelFormatError);
    ExpectInvalid([] { GpuMemoryModel(0, RL); }, {"capacityBytes", "0"});
    ExpectInvalid([] { GpuMemoryModel(MB, -1.0); }, {"loadBandwidthBps", "-1"});
    ExpectInvalid([] { GpuMemoryModel(MB, RL, -0.5); }, {"loadOverheadS", "-0.5"});
    ExpectInvalid([&] { gpu.SetCapacity(10 * MB); }, {"capacityBytes", "10000000"});
    ExpectInvalid([&] { GpuMemoryModel::SwitchTime(e5.m1, e5.m2, 0.0); },
                  {"loadBandwidthBps", "0"});
}
