/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_GTEST_UTILS_H
#define EDGE_INFERENCE_GTEST_UTILS_H

/**
 * @file
 * @ingroup edge-inference-tests
 * Assertions shared by the module's GoogleTest files.
 */

#include "ns3/symbol-share-rate-model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{
namespace testutils
{

/**
 * @brief Expect |actual - expected| <= relTol * |expected|.
 * @param [in] actual computed value
 * @param [in] expected reference value
 * @param [in] relTol relative tolerance
 */
inline void
ExpectRel(double actual, double expected, double relTol)
{
    EXPECT_NEAR(actual, expected, relTol * std::abs(expected)) << "expected " << expected;
}

/**
 * @brief Expect fn to throw std::invalid_argument whose message contains every fragment.
 * @param [in] fn the call
 * @param [in] fragments substrings the message must contain
 */
inline void
ExpectInvalid(const std::function<void()>& fn, const std::vector<std::string>& fragments)
{
    try
    {
        fn();
        ADD_FAILURE() << "no std::invalid_argument thrown";
    }
    catch (const std::invalid_argument& e)
    {
        const std::string msg = e.what();
        for (const auto& fragment : fragments)
        {
            EXPECT_NE(msg.find(fragment), std::string::npos)
                << "message '" << msg << "' lacks '" << fragment << "'";
        }
    }
}

/**
 * @brief A random SymbolShareRateModel as NR's give them: a UL-like or DL-like slot
 * pattern (fractional data symbols, as the mean SRS overhead makes them), tables of
 * bytes per slot growing with the symbols, one user in five without rate.
 * @param [in] rng the generator
 * @param [in] nUsers users
 * @param [in] bandwidthHz W
 * @return the model
 */
template<typename Rng>
std::shared_ptr<const SymbolShareRateModel>
RandomSymbolShareModel(Rng& rng, size_t nUsers, double bandwidthHz)
{
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    std::vector<SymbolSlotClass> slots;
    if (rng() % 2 == 0)
    {
        slots = {{1, 13 - 0.05 * std::floor(20 * u01(rng))}, {1, 12}}; // DDDSU uplink
    }
    else
    {
        slots = {{3, 13}, {1, 12}}; // DDDSU downlink
    }
    const size_t nSymbols = 14;
    std::vector<std::vector<double>> tables;
    for (size_t k = 0; k < nUsers; ++k)
    {
        std::vector<double> b(nSymbols + static_cast<size_t>(rng() % 2), 0.0);
        if (rng() % 5 != 0)
        {
            const double perSymbol = std::floor(20 + 1500 * u01(rng));
            for (size_t j = 1; j < b.size(); ++j)
            {
                // TB sizes: roughly linear with steps, sometimes flat
                b[j] = b[j - 1] +
                       (rng() % 7 == 0 ? 0.0 : std::floor(perSymbol * (0.8 + 0.4 * u01(rng))));
            }
        }
        tables.push_back(b);
    }
    const double efficiency = rng() % 2 == 0 ? 1.0 : 0.6 + 0.4 * u01(rng);
    return std::make_shared<const SymbolShareRateModel>(
        tables, slots, 0.0025, bandwidthHz, efficiency);
}

/**
 * @brief Expect two SymbolShareRateModels to be equal: same fields, and the same Rate and
 * MinBandwidthForRate (bit for bit) at several bandwidths and rates of every user.
 * @param [in] a one model
 * @param [in] b the other (e.g. read back from JSON)
 * @param [in] what context for the messages
 */
inline void
ExpectSameSymbolShareModel(const SymbolShareRateModel& a,
                           const SymbolShareRateModel& b,
                           const std::string& what)
{
    ASSERT_EQ(a.GetNUsers(), b.GetNUsers()) << what;
    EXPECT_EQ(a.GetBytesBySymbols(), b.GetBytesBySymbols()) << what;
    ASSERT_EQ(a.GetSlots().size(), b.GetSlots().size()) << what;
    for (size_t c = 0; c < a.GetSlots().size(); ++c)
    {
        EXPECT_EQ(a.GetSlots()[c].perPattern, b.GetSlots()[c].perPattern) << what;
        EXPECT_EQ(a.GetSlots()[c].dataSymbols, b.GetSlots()[c].dataSymbols) << what;
    }
    EXPECT_EQ(a.GetPatternSeconds(), b.GetPatternSeconds()) << what;
    EXPECT_EQ(a.GetBandwidthHz(), b.GetBandwidthHz()) << what;
    EXPECT_EQ(a.GetEfficiency(), b.GetEfficiency()) << what;
    const double w = a.GetBandwidthHz();
    for (uint32_t k = 0; k < a.GetNUsers(); ++k)
    {
        EXPECT_EQ(a.HasRate(k), b.HasRate(k)) << what << " user " << k;
        for (double hz : {0.0, 1e3, 1.7e5, 0.013 * w, 0.1 * w, w / 3, 0.77 * w, w, 2 * w})
        {
            EXPECT_EQ(a.Rate(k, hz), b.Rate(k, hz)) << what << " user " << k << " at " << hz;
        }
        for (double frac : {0.001, 0.05, 0.31, 0.5, 0.999, 1.0, 1.5})
        {
            const double r = frac * a.Rate(k, w) + (frac > 1 ? 1.0 : 0.0);
            EXPECT_EQ(a.MinBandwidthForRate(k, r), b.MinBandwidthForRate(k, r))
                << what << " user " << k << " rate " << r;
        }
    }
}

} // namespace testutils
} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_INFERENCE_GTEST_UTILS_H */
