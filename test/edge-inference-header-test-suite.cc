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

#include "ns3/inference-request-header.h"
#include "ns3/layer-header.h"
#include "ns3/packet.h"
#include "ns3/slide-grant-header.h"
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
 * @brief Grant header: layout, round trip of every field, validation, text truncation.
 */
class SlideGrantHeaderTestCase : public TestCase
{
  public:
    SlideGrantHeaderTestCase()
        : TestCase("SlideGrantHeader round trip and validation")
    {
    }

  private:
    void DoRun() override
    {
        SlideGrantHeader h;
        h.SetTaskId(0x01020304);
        h.SetStatus(SlideGrantHeader::ADMITTED);
        h.SetReasonCode(0);
        h.SetDownloadThenInfer(true);
        h.SetFrequencyHz(234.786e6 + 0.5);
        h.SetBandwidthHz(31.195e6);
        h.SetPredictedLatencyS(4.26241);
        h.SetDecisionTime(NanoSeconds(1'234'567'891'011LL));
        h.SetText("b-alexnet-int8");
        // magic 2 + version 1 + task 4 + status 1 + reason 1 + execution 1 + 4 x 8 + length 1
        NS_TEST_ASSERT_MSG_EQ(SlideGrantHeader::GetFixedSize(), 43u, "fixed size");
        NS_TEST_ASSERT_MSG_EQ(h.GetSerializedSize(), 43u + 14u, "size with the text");
        Ptr<Packet> p = Create<Packet>(10);
        p->AddHeader(h);
        uint8_t raw[57];
        p->CopyData(raw, 57);
        NS_TEST_ASSERT_MSG_EQ(raw[0], 0x47, "magic byte 0 ('G')");
        NS_TEST_ASSERT_MSG_EQ(raw[1], 0x44, "magic byte 1 ('D')");
        NS_TEST_ASSERT_MSG_EQ(raw[2], 1, "version");
        NS_TEST_ASSERT_MSG_EQ(raw[3], 0x01, "task id, most significant byte first");
        NS_TEST_ASSERT_MSG_EQ(raw[6], 0x04, "task id, least significant byte last");
        NS_TEST_ASSERT_MSG_EQ(raw[7], 0, "status admitted");
        NS_TEST_ASSERT_MSG_EQ(raw[9], 1, "execution: download-then-infer");
        NS_TEST_ASSERT_MSG_EQ(raw[42], 14, "text length");
        NS_TEST_ASSERT_MSG_EQ(raw[43], 'b', "text starts after the fixed part");
        SlideGrantHeader r;
        p->RemoveHeader(r);
        NS_TEST_ASSERT_MSG_EQ(r.IsValid(), true, "valid");
        NS_TEST_ASSERT_MSG_EQ(r.GetTaskId(), 0x01020304u, "task");
        NS_TEST_ASSERT_MSG_EQ(r.GetStatus(), SlideGrantHeader::ADMITTED, "status");
        NS_TEST_ASSERT_MSG_EQ(r.IsDownloadThenInfer(), true, "execution");
        NS_TEST_ASSERT_MSG_EQ(r.GetFrequencyHz(), 234.786e6 + 0.5, "frequency bit-exact");
        NS_TEST_ASSERT_MSG_EQ(r.GetBandwidthHz(), 31.195e6, "bandwidth bit-exact");
        NS_TEST_ASSERT_MSG_EQ(r.GetPredictedLatencyS(), 4.26241, "prediction bit-exact");
        NS_TEST_ASSERT_MSG_EQ(r.GetDecisionTime(), NanoSeconds(1'234'567'891'011LL), "time");
        NS_TEST_ASSERT_MSG_EQ(r.GetText(), "b-alexnet-int8", "text");
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 10u, "only the grant consumed");

        // a rejection with a reason longer than the length field allows: truncated to 255
        SlideGrantHeader rej;
        rej.SetTaskId(9);
        rej.SetStatus(SlideGrantHeader::REJECTED);
        rej.SetReasonCode(6);
        rej.SetText(std::string(300, 'x'));
        NS_TEST_ASSERT_MSG_EQ(rej.GetText().size(), 255u, "text truncated");
        Ptr<Packet> q = Create<Packet>();
        q->AddHeader(rej);
        NS_TEST_ASSERT_MSG_EQ(q->GetSize(), 43u + 255u, "size with a full text");
        SlideGrantHeader rr;
        q->RemoveHeader(rr);
        NS_TEST_ASSERT_MSG_EQ(rr.IsValid(), true, "valid rejection");
        NS_TEST_ASSERT_MSG_EQ(rr.GetStatus(), SlideGrantHeader::REJECTED, "rejected");
        NS_TEST_ASSERT_MSG_EQ(rr.GetReasonCode(), 6, "reason code");
        NS_TEST_ASSERT_MSG_EQ(rr.IsDownloadThenInfer(), false, "streaming");

        // corrupted: a layer header's magic, a wrong version, an unknown status
        raw[0] = 0x4C;
        raw[1] = 0x59;
        Ptr<Packet> bad = Create<Packet>(raw, 57);
        SlideGrantHeader b;
        bad->RemoveHeader(b);
        NS_TEST_ASSERT_MSG_EQ(b.IsValid(), false, "layer magic is not a grant");
        raw[0] = 0x47;
        raw[1] = 0x44;
        raw[2] = 2;
        Ptr<Packet> badVersion = Create<Packet>(raw, 57);
        badVersion->RemoveHeader(b);
        NS_TEST_ASSERT_MSG_EQ(b.IsValid(), false, "version 2 rejected");
        raw[2] = 1;
        raw[7] = 7;
        Ptr<Packet> badStatus = Create<Packet>(raw, 57);
        badStatus->RemoveHeader(b);
        NS_TEST_ASSERT_MSG_EQ(b.IsValid(), false, "status 7 rejected");
        // the two message types start with different magics, which is how a client tells them
        NS_TEST_ASSERT_MSG_NE(SlideGrantHeader::MAGIC, LayerHeader::MAGIC, "distinct magics");
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
        AddTestCase(new SlideGrantHeaderTestCase);
    }
};

/// Static instance of the header test suite.
static EdgeInferenceHeaderTestSuite g_edgeInferenceHeaderTestSuite;
