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

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
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

} // namespace testutils
} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_INFERENCE_GTEST_UTILS_H */
