/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief GoogleTest unit tests of the checked JSON reader (model/common/json-node.h): every
 * class of bad input is a JsonInputError whose message names the JSON path.
 */

#include "ns3/json-node.h"
#include "ns3/radio-rate.h"

#include <boost/math/policies/error_handling.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>

using namespace ns3::edgeinference;
using namespace ns3::edgeinference::json;

namespace
{

/**
 * @param [in] f a call
 * @return the message of the JsonInputError it throws ("" and a test failure if it does not)
 */
std::string
InputError(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const JsonInputError& e)
    {
        return e.what();
    }
    catch (const std::exception& e)
    {
        ADD_FAILURE() << "not a JsonInputError: " << e.what();
        return "";
    }
    ADD_FAILURE() << "no exception";
    return "";
}

/**
 * @param [in] text a JSON document with a field "x"
 * @param [in] range the allowed values of x
 * @return x as read by ReadNumber
 */
double
ReadX(const std::string& text, const NumberRange& range)
{
    const Json doc = ParseDocument(text);
    return ReadNumber(JsonNode(doc, "").Require("x"), range);
}

/**
 * @param [in] depth nesting depth
 * @return @p depth nested arrays around 1
 */
std::string
Nested(size_t depth)
{
    return std::string(depth, '[') + "1" + std::string(depth, ']');
}

TEST(JsonNodeTest, NumberBeyondDoubleRangeNamesItsPath)
{
    const std::string m = InputError(
        []() { ParseDocument(R"({"users": [{"deadlineS": 0.4}, {"deadlineS": 1e309}]})"); });
    EXPECT_NE(m.find("users[1].deadlineS: "), std::string::npos) << m;
    EXPECT_NE(m.find("1e309"), std::string::npos) << m;
    const std::string n = InputError([]() { ParseDocument(R"({"a": [1, 2, -1e400]})"); });
    EXPECT_NE(n.find("a[2]: "), std::string::npos) << n;
    // an integer beyond 64 bits is a double: accepted by ParseDocument, but not as a count
    const Json doc = ParseDocument(R"({"n": 99999999999999999999999})");
    const std::string u = InputError([&doc]() { ReadUnsigned(JsonNode(doc, "").Require("n")); });
    EXPECT_EQ(u.rfind("n: expected an integer >= 0, got ", 0), 0U) << u;
}

TEST(JsonNodeTest, SubnormalNumberIsRejectedWithItsPath)
{
    const std::string m = InputError([]() { ReadX(R"({"x": 4e-320})", Positive()); });
    EXPECT_EQ(m.rfind("x: subnormal number", 0), 0U) << m;
    EXPECT_NE(InputError([]() { ReadX(R"({"x": -4e-320})", AnyFinite()); }).find("subnormal"),
              std::string::npos);
    // the smallest normal number and zero (also -0) are accepted
    EXPECT_EQ(ReadX(R"({"x": 2.2250738585072014e-308})", Positive()),
              std::numeric_limits<double>::min());
    EXPECT_EQ(ReadX(R"({"x": -0})", NonNegative()), 0.0);
    EXPECT_EQ(ReadX(R"({"x": 0})", NonNegative()), 0.0);
}

TEST(JsonNodeTest, SubnormalRateDoesNotReachLambertW)
{
    // c = rate ln2 / s = 6.9e-309 is subnormal (a normal rate can give it): the bracketing
    // fallback, not Boost's "denormalized" error from lambert_wm1
    double b = -1.0;
    EXPECT_NO_THROW(b = MinBandwidthForRate(1e-300, 1e8));
    EXPECT_GE(b, 0.0);
    EXPECT_LT(b, 1e-290);
    EXPECT_NO_THROW(b = MinBandwidthForRate(4e-320, 1e8)); // c underflows to 0
    EXPECT_GE(b, 0.0);
}

TEST(JsonNodeTest, NanAndInfinitySpellings)
{
    for (const char* word : {"\"nan\"", "\"NaN\"", "\"-inf\"", "\"-Infinity\"", "\"abc\""})
    {
        const std::string text = std::string(R"({"x": )") + word + "}";
        const std::string m = InputError([&text]() { ReadX(text, NonNegativeOrInf()); });
        EXPECT_EQ(m, std::string("x: expected a number >= 0 or \"inf\", got ") + word);
    }
    for (const char* word : {"\"inf\"", "\"Infinity\"", "\"+inf\"", "\"INF\""})
    {
        const std::string text = std::string(R"({"x": )") + word + "}";
        EXPECT_EQ(ReadX(text, NonNegativeOrInf()), INF) << word;
        const std::string m = InputError([&text]() { ReadX(text, NonNegative()); });
        EXPECT_EQ(m, std::string("x: expected a number >= 0, got ") + word);
    }
    // JSON has no NaN or Infinity literal
    EXPECT_EQ(InputError([]() { ParseDocument(R"({"x": NaN})"); }).rfind("invalid JSON", 0), 0U);
    EXPECT_EQ(InputError([]() { ParseDocument(R"({"x": Infinity})"); }).rfind("invalid JSON", 0),
              0U);
}

TEST(JsonNodeTest, DepthLimit)
{
    EXPECT_NO_THROW(ParseDocument(Nested(MAX_DOCUMENT_DEPTH)));
    const std::string m = InputError([]() { ParseDocument(Nested(MAX_DOCUMENT_DEPTH + 1)); });
    std::string path;
    for (size_t i = 0; i < MAX_DOCUMENT_DEPTH; ++i)
    {
        path += "[0]";
    }
    EXPECT_EQ(m, path + ": nesting deeper than 64 levels");
    // inside objects, the path names the keys
    const std::string k = InputError(
        []() { ParseDocument(R"({"a": [1, {"b": )" + Nested(MAX_DOCUMENT_DEPTH) + "}]}"); });
    EXPECT_EQ(k.rfind("a[1].b[0][0]", 0), 0U) << k;
    // 100,000 open brackets are rejected at once (memory and time linear in the input)
    const auto start = std::chrono::steady_clock::now();
    EXPECT_NE(InputError([]() { ParseDocument(std::string(100000, '[')); }).find("nesting"),
              std::string::npos);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 2.0);
    // a smaller limit
    ParseLimits limits;
    limits.maxDepth = 2;
    EXPECT_NO_THROW(ParseDocument("[[1]]", limits));
    EXPECT_EQ(InputError([&limits]() { ParseDocument("[[[1]]]", limits); }),
              "[0][0]: nesting deeper than 2 levels");
}

TEST(JsonNodeTest, SizeLimit)
{
    ParseLimits limits;
    limits.maxBytes = 10;
    EXPECT_NO_THROW(ParseDocument("[1,2,3,45]", limits));
    EXPECT_EQ(InputError([&limits]() { ParseDocument("[1,2,3,456]", limits); }),
              "input too large: more than 10 bytes");
    EXPECT_EQ(MAX_DOCUMENT_BYTES, 16U * 1024U * 1024U);
}

TEST(JsonNodeTest, FieldLimit)
{
    ParseLimits limits;
    limits.maxFields = 2;
    EXPECT_NO_THROW(ParseDocument(R"({"a": {"x": 1, "y": 2}})", limits));
    EXPECT_EQ(
        InputError([&limits]() { ParseDocument(R"({"a": [{"x": 1, "y": 2, "z": 3}]})", limits); }),
        "a[0].z: more than 2 fields in one object");
    EXPECT_EQ(MAX_OBJECT_FIELDS, 256U);
}

TEST(JsonNodeTest, DuplicateKeysNameTheirPath)
{
    EXPECT_EQ(InputError([]() { ParseDocument(R"({"a": [0, {"b": 1, "b": 2}]})"); }),
              "a[1].b: duplicate field");
    EXPECT_EQ(InputError([]() { ParseDocument(R"({"x": 1, "y": [[], [{}]], "x": 2})"); }),
              "x: duplicate field");
    EXPECT_EQ(InputError([]() { ParseDocument(R"([{"c": {"d": 1}}, {"c": {"d": 1, "d": 1}}])"); }),
              "[1].c.d: duplicate field");
    // the same key in different objects is fine
    EXPECT_NO_THROW(ParseDocument(R"({"a": {"k": 1}, "b": {"k": 1}, "c": [{"k": 1}, {"k": 2}]})"));
}

TEST(JsonNodeTest, GuardedSolveTranslatesNumericalErrors)
{
    const std::string d = InputError(
        []() { GuardedSolve("slide", []() -> Json { throw std::domain_error("log of -1"); }); });
    EXPECT_EQ(d, "slide: the solver cannot handle this input (domain error: log of -1)");
    const std::string o = InputError(
        []() { GuardedSolve("dto-ee", []() -> Json { throw std::overflow_error("too big"); }); });
    EXPECT_EQ(o.rfind("dto-ee: ", 0), 0U) << o;
    const std::string e = InputError(
        []()
        {
            GuardedSolve("noma-split",
                         []() -> Json { throw boost::math::evaluation_error("no convergence"); });
        });
    EXPECT_EQ(e.rfind("noma-split: ", 0), 0U) << e;
    // reader errors pass unchanged, bugs are not turned into bad input
    EXPECT_EQ(
        InputError(
            []()
            { GuardedSolve("slide", []() -> Json { throw JsonInputError("users[0]: bad"); }); }),
        "users[0]: bad");
    EXPECT_THROW(GuardedSolve("slide", []() -> Json { throw std::logic_error("bug"); }),
                 std::logic_error);
    EXPECT_EQ(GuardedSolve("slide", []() { return Json(1); }), Json(1));
}

} // namespace
