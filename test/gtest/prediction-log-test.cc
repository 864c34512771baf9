/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief GoogleTest unit tests of PredictionLog (helper/prediction-log.h): the CSV rows that
 * utils/fidelity-report.py reads (error, outcome, quoting, unwritable file).
 */

#include "ns3/prediction-log.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

using ns3::edgeinference::PredictionLog;

namespace
{

std::string
ReadAll(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

} // namespace

TEST(PredictionLog, DisabledRecordsNothing)
{
    PredictionLog::Close();
    EXPECT_FALSE(PredictionLog::IsEnabled());
    PredictionLog::RecordServed("s", "u", "latency", "s", 1.0, 2.0); // no file, no crash
}

TEST(PredictionLog, RowsWithErrorOutcomeAndQuoting)
{
    const std::string path = testing::TempDir() + "prediction-log-test.csv";
    PredictionLog::Open(path, "prog");
    ASSERT_TRUE(PredictionLog::IsEnabled());
    PredictionLog::RecordServed("slide, 25 RB", "UE 0", "latency", "s", 2.0, 2.5);
    PredictionLog::Record("slide, 25 RB",
                          "UE 1",
                          "latency",
                          "s",
                          std::nan(""),
                          std::nan(""),
                          PredictionLog::Outcome::UNSERVED,
                          "no CQI: \"out of coverage\"");
    PredictionLog::Record(
        "x", "UE 2", "latency", "s", 1.0, std::nan(""), PredictionLog::Outcome::FAILED, "lost");
    PredictionLog::Close();
    EXPECT_FALSE(PredictionLog::IsEnabled());
    EXPECT_EQ(ReadAll(path),
              "program,scenario,user,quantity,unit,predicted,measured,rel_error,outcome\n"
              "prog,\"slide, 25 RB\",UE 0,latency,s,2,2.5,0.25,served\n"
              "prog,\"slide, 25 RB\",UE 1,latency,s,,,,\"unserved: no CQI: \"\"out of "
              "coverage\"\"\"\n"
              "prog,x,UE 2,latency,s,1,,,failed: lost\n");
    std::remove(path.c_str());
}

TEST(PredictionLog, UnwritableFileIsRefusedByName)
{
    try
    {
        PredictionLog::Open("/nonexistent-directory/log.csv", "prog");
        FAIL() << "no exception";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-directory/log.csv"), std::string::npos);
    }
    EXPECT_FALSE(PredictionLog::IsEnabled());
}
