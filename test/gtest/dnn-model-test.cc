/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/dnn-model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// A three-layer model with two blocks and one exit.
DnnModel
MakeToy()
{
    DnnModel m("toy", 4.0);
    m.SetInputBytes(602112);
    m.AddLayer({"conv1", 1000, 2.0e6, 4096, "toy/stem"});
    m.AddLayer({"conv2", 2000, 3.0e6, 2048, "toy/stem"});
    m.AddLayer({"fc", 500, 1.0e3, 40, "toy/head"});
    EarlyExitBranch e;
    e.afterLayer = 0;
    e.flops = 5e4;
    e.parameters = 100;
    e.accuracy = 0.6;
    e.exitProfile = {{0.5, 0.9}, {0.7, 0.5}, {0.9, 0.1}};
    m.AddExit(e);
    return m;
}

/// Expects that parsing @p text throws a ModelFormatError whose message contains @p needle.
void
ExpectParseError(const std::string& text, const std::string& needle)
{
    std::istringstream is(text);
    try
    {
        DnnModel::ReadCsv(is, "bad.csv");
        FAIL() << "no error for:\n" << text;
    }
    catch (const ModelFormatError& e)
    {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
            << "message '" << e.what() << "' lacks '" << needle << "'";
    }
}

} // namespace

TEST(DnnModel, TotalsAndBlocks)
{
    DnnModel m = MakeToy();
    EXPECT_EQ(m.GetNLayers(), 3u);
    // 1000 + 2000 + 500 layer parameters + 100 exit parameters
    EXPECT_EQ(m.GetTotalParameters(), 3600u);
    // backbone bytes at FP32: (1000 + 2000 + 500) * 4
    EXPECT_EQ(m.GetTotalBytes(), 14000u);
    EXPECT_DOUBLE_EQ(m.GetTotalFlops(), 5.001e6);
    EXPECT_DOUBLE_EQ(m.GetFlops(1, 2), 3.001e6);
    ASSERT_EQ(m.GetBlocks().size(), 2u);
    EXPECT_EQ(m.GetBlocks()[0].id, "toy/stem");
    EXPECT_EQ(m.GetBlocks()[0].bytes, 12000u);
    EXPECT_EQ(m.GetBlocks()[0].firstLayer, 0u);
    EXPECT_EQ(m.GetBlocks()[0].lastLayer, 1u);
    EXPECT_EQ(m.GetBlocks()[1].bytes, 2000u);
    EXPECT_TRUE(m.HasBlock("toy/head"));
    EXPECT_FALSE(m.HasBlock("other"));
}

TEST(DnnModel, PrecisionScalesBytes)
{
    DnnModel m = MakeToy();
    m.SetBytesPerParameter(2.0);
    // FP16: (1000 + 2000 + 500) * 2 bytes, blocks resized too
    EXPECT_EQ(m.GetTotalBytes(), 7000u);
    EXPECT_EQ(m.GetBlocks()[0].bytes, 6000u);
    DnnModel h("toy16", 2.0);
    h.AddLayer({"conv1", 1000, 2.0e6, 4096, "s"});
    EXPECT_EQ(h.GetTotalBytes(), 2000u);
    EXPECT_THROW(DnnModel("x", 0.0), ModelFormatError);
    EXPECT_THROW(DnnModel("x", -1.0), ModelFormatError);
}

TEST(DnnModel, DefaultBlockPerLayer)
{
    DnnModel m("net");
    m.AddLayer({"a", 10, 1, 1, ""});
    m.AddLayer({"b", 10, 1, 1, ""});
    ASSERT_EQ(m.GetBlocks().size(), 2u);
    EXPECT_EQ(m.GetBlocks()[1].id, "net/b");
}

TEST(DnnModel, NonContiguousBlockRejected)
{
    DnnModel m("net");
    m.AddLayer({"a", 10, 1, 1, "x"});
    m.AddLayer({"b", 10, 1, 1, "y"});
    try
    {
        m.AddLayer({"c", 10, 1, 1, "x"});
        FAIL();
    }
    catch (const ModelFormatError& e)
    {
        EXPECT_NE(std::string(e.what()).find("'x'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("'c'"), std::string::npos);
    }
}

TEST(DnnModel, ExitProfileInterpolation)
{
    DnnModel m = MakeToy();
    const auto& e = m.GetExits().at(0);
    EXPECT_DOUBLE_EQ(e.ExitProbability(0.0), 0.9); // clamped below
    EXPECT_DOUBLE_EQ(e.ExitProbability(0.5), 0.9);
    EXPECT_NEAR(e.ExitProbability(0.6), 0.7, 1e-12); // midway between 0.9 and 0.5
    EXPECT_NEAR(e.ExitProbability(0.8), 0.3, 1e-12);
    EXPECT_DOUBLE_EQ(e.ExitProbability(1.0), 0.1); // clamped above
}

TEST(DnnModel, ExitValidation)
{
    DnnModel m = MakeToy();
    EarlyExitBranch bad;
    bad.afterLayer = 7;
    EXPECT_THROW(m.AddExit(bad), ModelFormatError);
    bad.afterLayer = 1;
    bad.accuracy = 1.5;
    EXPECT_THROW(m.AddExit(bad), ModelFormatError);
    bad.accuracy = 0.5;
    bad.exitProfile = {{0.5, 0.2}, {0.6, 0.4}}; // increasing probability
    EXPECT_THROW(m.AddExit(bad), ModelFormatError);
}

TEST(DnnModel, CsvRoundTrip)
{
    DnnModel m = MakeToy();
    std::ostringstream os;
    m.WriteCsv(os);
    std::istringstream is(os.str());
    DnnModel r = DnnModel::ReadCsv(is, "roundtrip");
    EXPECT_EQ(r.GetName(), "toy");
    EXPECT_EQ(r.GetInputBytes(), 602112u);
    ASSERT_EQ(r.GetNLayers(), m.GetNLayers());
    for (uint32_t i = 0; i < m.GetNLayers(); ++i)
    {
        EXPECT_EQ(r.GetLayer(i).name, m.GetLayer(i).name);
        EXPECT_EQ(r.GetLayer(i).parameters, m.GetLayer(i).parameters);
        EXPECT_DOUBLE_EQ(r.GetLayer(i).flops, m.GetLayer(i).flops);
        EXPECT_EQ(r.GetLayer(i).outputBytes, m.GetLayer(i).outputBytes);
        EXPECT_EQ(r.GetLayer(i).blockId, m.GetLayer(i).blockId);
    }
    ASSERT_EQ(r.GetExits().size(), 1u);
    EXPECT_DOUBLE_EQ(r.GetExits()[0].accuracy, 0.6);
    EXPECT_EQ(r.GetExits()[0].exitProfile, m.GetExits()[0].exitProfile);
    EXPECT_EQ(r.GetTotalBytes(), m.GetTotalBytes());
}

TEST(DnnModel, FileRoundTripAndMissingFile)
{
    DnnModel m = MakeToy();
    const std::string path = testing::TempDir() + "ei-dnn-model-test.csv";
    m.SaveCsv(path);
    DnnModel r = DnnModel::LoadCsv(path);
    EXPECT_EQ(r.GetTotalParameters(), m.GetTotalParameters());
    std::remove(path.c_str());
    try
    {
        DnnModel::LoadCsv("/nonexistent/dir/model.csv");
        FAIL();
    }
    catch (const ModelFormatError& e)
    {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/model.csv"), std::string::npos);
    }
}

TEST(DnnModel, CsvErrorsNameLineColumnValue)
{
    // non-numeric parameters on line 2, column 3
    ExpectParseError("model,m,4,0\nlayer,a,12x,5,1,b\n", "bad.csv:2: column 3 ('12x')");
    // negative FLOPs
    ExpectParseError("model,m,4,0\nlayer,a,1,-5,1,b\n", "bad.csv:2: column 4 ('-5')");
    // wrong column count
    ExpectParseError("model,m,4,0\nlayer,a,1,5\n", "bad.csv:2: a 'layer' record has 6 columns");
    // unknown record type on line 3 (comment lines count)
    ExpectParseError("# c\nmodel,m,4,0\nlayr,a,1,5,1,b\n", "bad.csv:3: column 1 ('layr')");
    // layer before model
    ExpectParseError("layer,a,1,5,1,b\n", "before the 'model' record");
    // zero precision
    ExpectParseError("model,m,0,0\n", "bytesPerParameter");
    // exit at a layer that does not exist
    ExpectParseError("model,m,4,0\nlayer,a,1,5,1,b\nexit,3,1,1,0.5\n", "bad.csv:3: column 2 ('3')");
    // exit point with no exit
    ExpectParseError("model,m,4,0\nlayer,a,1,5,1,b\nexitpoint,0,0.5,0.5\n", "exitIndex");
    // accuracy out of range
    ExpectParseError("model,m,4,0\nlayer,a,1,5,1,b\nexit,0,1,1,1.2\n", "('1.2')");
    // non-contiguous block
    ExpectParseError("model,m,4,0\nlayer,a,1,5,1,x\nlayer,b,1,5,1,y\nlayer,c,1,5,1,x\n",
                     "bad.csv:4: column 6 ('x')");
    // no model at all
    ExpectParseError("# only a comment\n", "no 'model' record");
    // a model without layers
    ExpectParseError("model,m,4,0\n", "no layers");
}

TEST(DnnModelFamily, SharingAndConsistency)
{
    DnnModelFamily f("fam");
    DnnModel a("a");
    a.AddLayer({"back", 1000, 1, 1, "backbone"});
    a.AddLayer({"head", 10, 1, 1, "head-a"});
    DnnModel b("b");
    b.AddLayer({"back", 1000, 1, 1, "backbone"});
    b.AddLayer({"head", 20, 1, 1, "head-b"});
    f.Add(a);
    f.Add(b);
    EXPECT_EQ(f.SharedBytes("a", "b"), 4000u);
    EXPECT_EQ(f.SharedBytes("a", "a"), a.GetTotalBytes());
    EXPECT_EQ(f.GetNBlocks(), 3u);
    EXPECT_THROW(f.Add(a), ModelFormatError); // duplicate name
    DnnModel c("c");
    c.AddLayer({"back", 999, 1, 1, "backbone"}); // same id, other size
    try
    {
        f.Add(c);
        FAIL();
    }
    catch (const ModelFormatError& e)
    {
        EXPECT_NE(std::string(e.what()).find("'backbone'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("'c'"), std::string::npos);
    }
    EXPECT_THROW(f.Get("zzz"), ModelFormatError);
}
