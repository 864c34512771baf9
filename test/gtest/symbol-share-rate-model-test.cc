/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief GoogleTest unit tests of SymbolShareRateModel (model/common/symbol-share-rate-model.h):
 * the credit-rule interpolation against a slot-by-slot run of the credit rule the share
 * schedulers use (BandwidthShareFfrAlgorithm::Apportion), the inverse, and bad input.
 */

#include "gtest-utils.h"

#include "ns3/bandwidth-share-ffr-algorithm.h"
#include "ns3/symbol-share-rate-model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/// @return a random non-decreasing table b(0..13) with b(0) = 0 (bytes of j symbols)
std::vector<double>
RandomTable(std::mt19937& rng)
{
    std::uniform_real_distribution<double> step(0, 900);
    std::vector<double> b(14, 0.0);
    for (std::size_t j = 1; j < b.size(); ++j)
    {
        b[j] = b[j - 1] + std::floor(step(rng));
    }
    return b;
}

} // namespace

// The closed form against the mean bytes per second of a slot-by-slot run of the credit rule
// (Apportion on the slot's symbols, every user with its share), on random tables and shares:
// exact for one user and one slot class (floor or ceil in the stated proportions); with
// several users and two slot classes the credits carry between classes and between users'
// rounding, so a user's ceil slots are not split between the classes in proportion: within
// 1 % of the rate plus 0.1 % of the full-band rate (measured: up to 1.2 % for a user
// with less than one symbol per slot).
TEST(SymbolShareRateModel, MatchesCreditRuleRun)
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    for (int instance = 0; instance < 20; ++instance)
    {
        const uint32_t nUsers = 1 + instance % 4;
        const bool exact = nUsers == 1 && instance % 8 == 0; // one user, one slot class
        std::vector<std::vector<double>> tables;
        std::vector<double> shares;
        double left = 1;
        for (uint32_t k = 0; k < nUsers; ++k)
        {
            tables.push_back(RandomTable(rng));
            const double s = left * u(rng);
            shares.push_back(s);
            left -= s;
        }
        // pattern: 3 slots of 13 symbols, 1 slot of 12, 1 unused slot, 2.5 ms
        const std::vector<SymbolSlotClass> slots =
            exact ? std::vector<SymbolSlotClass>{{4, 13}}
                  : std::vector<SymbolSlotClass>{{3, 13}, {1, 12}};
        const double w = 20e6;
        SymbolShareRateModel model(tables, slots, 2.5e-3, w);

        std::map<uint16_t, double> shareMap;
        for (uint32_t k = 0; k < nUsers; ++k)
        {
            shareMap[k + 1] = shares[k];
        }
        std::map<uint16_t, double> credits;
        std::vector<double> bytes(nUsers, 0.0);
        const int patterns = 4000;
        for (int p = 0; p < patterns; ++p)
        {
            for (uint32_t symbols : {13U, 13U, 13U, exact ? 13U : 12U})
            {
                const auto given =
                    BandwidthShareFfrAlgorithm::Apportion(shareMap, credits, symbols);
                for (const auto& [rnti, n] : given)
                {
                    bytes[rnti - 1] += tables[rnti - 1][n];
                }
            }
        }
        for (uint32_t k = 0; k < nUsers; ++k)
        {
            const double run = 8 * bytes[k] / (patterns * 2.5e-3);
            const double closed = model.Rate(k, shares[k] * w);
            // exact: up to the finite run's rounding (1e-4 of the rate); else 1 % of the rate plus
            // 0.1 % of the full-band rate (a user with a share of a few symbols per pattern)
            const double tol = exact ? 1e-4 * run : 0.01 * run + 0.001 * model.Rate(k, w);
            EXPECT_NEAR(closed, run, tol) << "instance " << instance << " user " << k;
        }
    }
}

// Rate is non-decreasing, 0 at 0, and MinBandwidthForRate is its generalised inverse.
TEST(SymbolShareRateModel, InverseAndMonotone)
{
    std::mt19937 rng(11);
    const std::vector<std::vector<double>> tables{RandomTable(rng), std::vector<double>(14, 0)};
    SymbolShareRateModel model(tables, {{6, 13}, {2, 12}}, 5e-3, 19.08e6, 0.9);
    EXPECT_EQ(model.Rate(0, 0), 0);
    double last = 0;
    for (double b = 0; b <= 19.08e6; b += 0.1e6)
    {
        const double r = model.Rate(0, b);
        EXPECT_GE(r, last);
        last = r;
    }
    for (double target : {1e5, 1e6, 0.5 * model.Rate(0, 19.08e6), model.Rate(0, 19.08e6)})
    {
        const double b = model.MinBandwidthForRate(0, target);
        EXPECT_GE(model.Rate(0, b), target);
        EXPECT_LT(model.Rate(0, b - 1e-3 * 19.08e6), target);
    }
    EXPECT_TRUE(std::isinf(model.MinBandwidthForRate(0, 2 * model.Rate(0, 19.08e6))));
    EXPECT_TRUE(model.HasRate(0));
    EXPECT_FALSE(model.HasRate(1));
    EXPECT_EQ(model.Rate(1, 19.08e6), 0);
    // the efficiency is a factor
    SymbolShareRateModel full(tables, {{6, 13}, {2, 12}}, 5e-3, 19.08e6, 1.0);
    EXPECT_NEAR(model.Rate(0, 7e6), 0.9 * full.Rate(0, 7e6), 1e-6);
}

// Bad input names the field and the value.
TEST(SymbolShareRateModel, BadInput)
{
    const std::vector<double> ok(14, 0);
    std::vector<double> decreasing(14, 100);
    decreasing[0] = 0;
    decreasing[5] = 50;
    std::vector<double> nonZero(14, 100);
    const std::vector<SymbolSlotClass> slots{{6, 13}};
    ExpectInvalid([&] { SymbolShareRateModel({std::vector<double>(13, 0)}, slots, 5e-3, 1e6); },
                  {"bytesBySymbols[0] has 13 entries"});
    ExpectInvalid(
        [&] {
            SymbolShareRateModel({ok, decreasing}, slots, 5e-3, 1e6);
        },
        {"bytesBySymbols[1][5] = 50.0"});
    ExpectInvalid([&] { SymbolShareRateModel({nonZero}, slots, 5e-3, 1e6); },
                  {"bytesBySymbols[0][0] = 100.0"});
    ExpectInvalid([&] { SymbolShareRateModel({ok}, slots, 0, 1e6); }, {"patternSeconds = 0.0"});
    ExpectInvalid([&] { SymbolShareRateModel({ok}, slots, 5e-3, -1); }, {"bandwidthHz = -1.0"});
    ExpectInvalid([&] { SymbolShareRateModel({ok}, slots, 5e-3, 1e6, 1.5); },
                  {"efficiency = 1.50"});
    ExpectInvalid([&] { SymbolShareRateModel({ok}, {{-1, 13}}, 5e-3, 1e6); }, {"slots[0]"});
}
