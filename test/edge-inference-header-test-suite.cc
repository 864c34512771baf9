/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @defgroup edge-inference-tests Tests for edge-inference
 * @ingroup edge-inference
 * @ingroup tests
 */

#include "ns3/edge-inference-header.h"
#include "ns3/packet.h"
#include "ns3/test.h"

#include <limits>

using namespace ns3;
using namespace ns3::edgeinference;

/**
 * @ingroup edge-inference-tests
 * @brief Request header: serialise, deserialise, sizes, magic check.
 */
class InferenceRequestHeaderTestCase : public TestCase
{
  public:
    InferenceRequestHeaderTestCase()
        : TestCase("InferenceRequestHeader round trip and validation")
    {
    }

  private:
    void DoRun() override
    {
        InferenceRequestHeader h;
        h.SetTaskId(0xDEADBEEF);
        h.SetModelName("resnet50");
        // magic 2 + version 1 + task 4 + length 1 + 8 name bytes
        NS_TEST_ASSERT_MSG_EQ(h.GetSerializedSize(), 16u, "serialized size");
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 16u, "packet size");
        uint8_t raw[16];
        p->CopyData(raw, 16);
        NS_TEST_ASSERT_MSG_EQ(raw[0], 0x45, "magic byte 0 ('E')");
        NS_TEST_ASSERT_MSG_EQ(raw[1], 0x49, "magic byte 1 ('I')");
        NS_TEST_ASSERT_MSG_EQ(raw[3], 0xDE, "task id in network byte order");
        NS_TEST_ASSERT_MSG_EQ(raw[7], 8, "name length");
        InferenceRequestHeader r;
        p->RemoveHeader(r);
        NS_TEST_ASSERT_MSG_EQ(r.IsValid(), true, "valid");
        NS_TEST_ASSERT_MSG_EQ(r.GetTaskId(), 0xDEADBEEFu, "task id");
        NS_TEST_ASSERT_MSG_EQ(r.GetModelName(), "resnet50", "model name");
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 0u, "all bytes consumed");

        raw[0] = 0x00; // corrupt the magic
        Ptr<Packet> bad = Create<Packet>(raw, 16);
        InferenceRequestHeader b;
        bad->RemoveHeader(b);
        NS_TEST_ASSERT_MSG_EQ(b.IsValid(), false, "bad magic detected");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Layer header: every field survives a round trip, including extreme values.
 */
class LayerHeaderTestCase : public TestCase
{
  public:
    LayerHeaderTestCase()
        : TestCase("LayerHeader round trip")
    {
    }

  private:
    void DoRun() override
    {
        LayerHeader h;
        h.SetTaskId(7);
        h.SetLayerIndex(31);
        h.SetNLayers(34);
        h.SetPayloadBytes(13'476'839'424ULL); // > 2^32: a LLaMA-7B-class FP16 block set
        h.SetFlops(1.8e9 + 0.125);
        NS_TEST_ASSERT_MSG_EQ(h.GetSerializedSize(), LayerHeader::SIZE, "size");
        NS_TEST_ASSERT_MSG_EQ(LayerHeader::SIZE, 30u, "2+4+4+4+8+8 bytes");
        Ptr<Packet> p = Create<Packet>(100);
        p->AddHeader(h);
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 130u, "header + payload");
        LayerHeader r;
        p->RemoveHeader(r);
        NS_TEST_ASSERT_MSG_EQ(r.IsValid(), true, "valid");
        NS_TEST_ASSERT_MSG_EQ(r.GetTaskId(), 7u, "task");
        NS_TEST_ASSERT_MSG_EQ(r.GetLayerIndex(), 31u, "layer");
        NS_TEST_ASSERT_MSG_EQ(r.GetNLayers(), 34u, "layers");
        NS_TEST_ASSERT_MSG_EQ(r.GetPayloadBytes(), 13'476'839'424ULL, "payload");
        NS_TEST_ASSERT_MSG_EQ(r.GetFlops(), 1.8e9 + 0.125, "flops bit-exact");
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 100u, "payload left");

        uint8_t zeros[LayerHeader::SIZE] = {};
        Ptr<Packet> bad = Create<Packet>(zeros, LayerHeader::SIZE);
        LayerHeader b;
        bad->RemoveHeader(b);
        NS_TEST_ASSERT_MSG_EQ(b.IsValid(), false, "zero magic rejected");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Header test suite.
 */
class EdgeInferenceHeaderTestSuite : public TestSuite
{
  public:
    EdgeInferenceHeaderTestSuite()
        : TestSuite("edge-inference-header")
    {
        AddTestCase(new InferenceRequestHeaderTestCase);
        AddTestCase(new LayerHeaderTestCase);
    }
};

/// Static instance of the header test suite.
static EdgeInferenceHeaderTestSuite g_edgeInferenceHeaderTestSuite;
