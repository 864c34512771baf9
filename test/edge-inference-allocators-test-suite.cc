/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * The worked examples of the five allocation problems through the JSON formats of
 * edge-inference-solve (the same code path as the command-line solver), as an ns-3
 * TestSuite so that the ns-3 test runner covers the solvers in an ns-3 tree too. The inputs
 * are the files in utils/solver/inputs; the expected figures are the worked examples of the
 * module's reconstruction of each paper (doc/references.rst).
 */

#include "ns3/batching-json.h"
#include "ns3/decision-file.h"
#include "ns3/dto-ee-json.h"
#include "ns3/json-node.h"
#include "ns3/noma-split-json.h"
#include "ns3/partial-loading-json.h"
#include "ns3/slide-json.h"
#include "ns3/test.h"

#include <functional>
#include <string>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::json;

namespace
{

/// A solver of one problem: input document and algorithm name to output document.
using SolveFunction = std::function<Json(const JsonNode&, const std::string&)>;

/**
 * @ingroup edge-inference-tests
 * @brief Solve one input file of utils/solver/inputs with one algorithm and check figures of
 * the output document.
 */
class SolverWorkedExampleTestCase : public TestCase
{
  public:
    /// Checks on the output document.
    using Check = std::function<void(SolverWorkedExampleTestCase&, const Json&)>;

    /**
     * @param [in] file input file name in utils/solver/inputs
     * @param [in] algorithm algorithm name ("" = the problem's default)
     * @param [in] solve the problem's solver
     * @param [in] check the checks
     */
    SolverWorkedExampleTestCase(std::string file,
                                std::string algorithm,
                                SolveFunction solve,
                                Check check)
        : TestCase("worked example " + file + (algorithm.empty() ? "" : " with " + algorithm))
        , m_file(std::move(file))
        , m_algorithm(std::move(algorithm))
        , m_solve(std::move(solve))
        , m_check(std::move(check))
    {
    }

    /**
     * @param [in] value a number of the output
     * @param [in] expected the expected value
     * @param [in] tolerance the absolute tolerance
     * @param [in] what what the number is
     */
    void ExpectNear(const Json& value, double expected, double tolerance, const std::string& what)
    {
        NS_TEST_ASSERT_MSG_EQ(value.is_number(), true, what << " is not a number: " << value);
        NS_TEST_EXPECT_MSG_EQ_TOL(value.get<double>(), expected, tolerance, what);
    }

    /**
     * @param [in] value an integer of the output
     * @param [in] expected the expected value
     * @param [in] what what the number is
     */
    void ExpectCount(const Json& value, uint64_t expected, const std::string& what)
    {
        NS_TEST_ASSERT_MSG_EQ(value.is_number_unsigned(), true, what << ": " << value);
        NS_TEST_EXPECT_MSG_EQ(value.get<uint64_t>(), expected, what);
    }

  private:
    void DoRun() override
    {
        const std::string path = CreateDataDirFilename("../utils/solver/inputs/" + m_file);
        Json document;
        try
        {
            document = ReadJsonFile(path);
        }
        catch (const JsonInputError& e)
        {
            NS_TEST_ASSERT_MSG_EQ(true, false, "cannot read the input: " << e.what());
        }
        const JsonNode root(document, "");
        std::string algorithm = m_algorithm;
        if (algorithm.empty())
        {
            // the default algorithm is the first one the problem offers
            algorithm = document.value("algorithm", std::string());
        }
        const Json out = m_solve(root, algorithm);
        NS_TEST_ASSERT_MSG_EQ(out.contains("decision"), true, "no decision in the output");
        NS_TEST_ASSERT_MSG_EQ(out.contains("prediction"), true, "no prediction in the output");
        m_check(*this, out);
    }

    std::string m_file;      ///< Input file
    std::string m_algorithm; ///< Algorithm
    SolveFunction m_solve;   ///< Solver
    Check m_check;           ///< Checks
};

/**
 * @ingroup edge-inference-tests
 * @brief The worked examples of the five problems.
 */
class AllocatorsTestSuite : public TestSuite
{
  public:
    AllocatorsTestSuite()
        : TestSuite("edge-inference-allocators", UNIT)
    {
        SetDataDir(NS_TEST_SOURCEDIR);
        using T = SolverWorkedExampleTestCase;
        // SLIDE worked example E4: three of the users are served within B
        AddTestCase(new T("slide-e4.json",
                          "slide-optimal",
                          SlideSolve,
                          [](T& t, const Json& out)
                          {
                              t.ExpectCount(out["decision"]["nServed"], 3, "SLIDE nServed");
                              t.ExpectCount(out["prediction"]["nCompleted"], 3, "nCompleted");
                          }),
                    TestCase::QUICK);
        // PartialLoading worked example E5: all five requests served
        AddTestCase(
            new T("partial-loading-e5.json",
                  "partial-loading",
                  PartialLoadingSolve,
                  [](T& t, const Json& out)
                  { t.ExpectCount(out["decision"]["nServed"], 5, "PartialLoading nServed"); }),
            TestCase::QUICK);
        // Batching + early exit worked example E3.2: two users served
        AddTestCase(new T("batching-e3-2.json",
                          "optimal",
                          BatchingEarlyExitSolve,
                          [](T& t, const Json& out)
                          { t.ExpectCount(out["decision"]["nServed"], 2, "batching nServed"); }),
                    TestCase::QUICK);
        // DTO-EE worked example 5.6: centralised optimum theta* = 0.763, D = 61.33 ms,
        // A = 0.89123; the fixed-threshold row theta = 0.8 (D = 66.583 ms, A = 0.90); the
        // message-passing agents reach the centralised optimum
        auto dtoEeOptimum = [](T& t, const Json& out)
        {
            t.ExpectNear(out["prediction"]["meanDelayS"], 0.0613284, 1e-6, "mean delay");
            t.ExpectNear(out["prediction"]["meanAccuracy"], 0.8912271, 1e-6, "mean accuracy");
            t.ExpectNear(out["decision"]["nodes"][0]["threshold"], 0.763, 1e-3, "threshold A");
        };
        AddTestCase(new T("dto-ee-5-6.json", "centralised", DtoEeSolve, dtoEeOptimum),
                    TestCase::QUICK);
        AddTestCase(new T("dto-ee-5-6.json", "distributed", DtoEeSolve, dtoEeOptimum),
                    TestCase::QUICK);
        AddTestCase(
            new T("dto-ee-5-6.json",
                  "fixed-threshold",
                  DtoEeSolve,
                  [](T& t, const Json& out)
                  {
                      t.ExpectNear(out["prediction"]["meanDelayS"], 0.066583, 1e-6, "mean delay");
                      t.ExpectNear(out["prediction"]["meanAccuracy"], 0.9, 1e-9, "mean accuracy");
                  }),
            TestCase::QUICK);
        // NOMA split worked example E4.4: l = 0 for both users, p* = (0.2000, 0.0576) W,
        // J* = 0.291898; the exhaustive GD agrees; fully local takes 1000 s per user
        auto nomaOptimum = [](T& t, const Json& out)
        {
            const Json& users = out["decision"]["users"];
            t.ExpectCount(Json(users.size()), 2, "number of users");
            if (users.size() != 2)
            {
                return;
            }
            t.ExpectCount(users[0]["split"], 0, "split of user 0");
            t.ExpectCount(users[1]["split"], 0, "split of user 1");
            t.ExpectNear(users[0]["uplinkPowerW"], 0.2, 1e-4, "p_0");
            t.ExpectNear(users[1]["uplinkPowerW"], 0.0576, 1e-4, "p_1");
            t.ExpectNear(out["prediction"]["objective"], 0.291898, 1e-6, "objective J*");
        };
        AddTestCase(new T("noma-split-e4-4.json", "li-gd", NomaSplitSolve, nomaOptimum),
                    TestCase::QUICK);
        AddTestCase(new T("noma-split-e4-4.json", "exhaustive-gd", NomaSplitSolve, nomaOptimum),
                    TestCase::QUICK);
        AddTestCase(
            new T("noma-split-e4-4.json",
                  "fully-local",
                  NomaSplitSolve,
                  [](T& t, const Json& out)
                  {
                      t.ExpectNear(out["prediction"]["sumLatencyS"], 2000.0, 1e-9, "sum latency");
                      t.ExpectNear(out["prediction"]["maxLatencyS"], 1000.0, 1e-9, "max latency");
                  }),
            TestCase::QUICK);
    }
};

/// The suite's instance.
AllocatorsTestSuite g_allocatorsTestSuite;

} // namespace
