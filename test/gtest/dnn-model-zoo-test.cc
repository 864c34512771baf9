/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Unit tests of DnnModelZoo: totals against published figures, per-layer sanity,
 * parameter-sharing families, CSV round trip and error handling.
 */

#include "ns3/dnn-model-zoo.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// Relative tolerance for the comparison with published totals.
constexpr double PUBLISHED_TOLERANCE = 0.01;

/// Expects |measured / published - 1| <= 1 %.
void
ExpectWithinOnePercent(double measured, double published, const std::string& what)
{
    EXPECT_NEAR(measured / published, 1.0, PUBLISHED_TOLERANCE)
        << what << ": measured " << measured << ", published " << published;
}

/// MACs of a model (FLOPs / 2).
double
Macs(const DnnModel& m)
{
    return m.GetTotalFlops() / 2.0;
}

/// Index of the layer with the given name, or GetNLayers() if absent.
uint32_t
LayerIndex(const DnnModel& m, const std::string& name)
{
    for (uint32_t i = 0; i < m.GetNLayers(); ++i)
    {
        if (m.GetLayer(i).name == name)
        {
            return i;
        }
    }
    return m.GetNLayers();
}

/// Set of block ids of a model.
std::set<std::string>
BlockIds(const DnnModel& m)
{
    std::set<std::string> ids;
    for (const auto& b : m.GetBlocks())
    {
        ids.insert(b.id);
    }
    return ids;
}

} // namespace

// Published totals: torchvision model documentation (parameters, GFLOPS = GMACs at 224x224),
// Hugging Face model cards / configs for the transformers, LLaMA-2 paper for 7B.
TEST(DnnModelZoo, CnnTotalsMatchPublishedFigures)
{
    // ResNet-18: 11.69 M parameters, 1.82 GMAC.
    const DnnModel r18 = DnnModelZoo::Get("resnet18");
    ExpectWithinOnePercent(r18.GetTotalParameters(), 11.69e6, "resnet18 parameters");
    ExpectWithinOnePercent(Macs(r18), 1.82e9, "resnet18 MACs");
    // ResNet-50: 25.56 M parameters, 4.1 GMAC.
    const DnnModel r50 = DnnModelZoo::Get("resnet50");
    ExpectWithinOnePercent(r50.GetTotalParameters(), 25.56e6, "resnet50 parameters");
    ExpectWithinOnePercent(Macs(r50), 4.1e9, "resnet50 MACs");
    // VGG-16: 138.36 M parameters, 15.5 GMAC.
    const DnnModel vgg = DnnModelZoo::Get("vgg16");
    ExpectWithinOnePercent(vgg.GetTotalParameters(), 138.36e6, "vgg16 parameters");
    ExpectWithinOnePercent(Macs(vgg), 15.5e9, "vgg16 MACs");
    // MobileNetV2: 3.50 M parameters, 0.30 GMAC.
    const DnnModel mnv2 = DnnModelZoo::Get("mobilenetv2");
    ExpectWithinOnePercent(mnv2.GetTotalParameters(), 3.50e6, "mobilenetv2 parameters");
    ExpectWithinOnePercent(Macs(mnv2), 0.30e9, "mobilenetv2 MACs");

    // Exact torchvision numel() totals.
    EXPECT_EQ(r18.GetTotalParameters(), 11689512U);
    EXPECT_EQ(r50.GetTotalParameters(), 25557032U);
    EXPECT_EQ(vgg.GetTotalParameters(), 138357544U);
    EXPECT_EQ(mnv2.GetTotalParameters(), 3504872U);
    // FP32 storage.
    EXPECT_EQ(r50.GetTotalBytes(), 4U * 25557032U);
    EXPECT_EQ(r50.GetInputBytes(), 3U * 224 * 224 * 4);
}

TEST(DnnModelZoo, TransformerTotalsMatchPublishedFigures)
{
    // BERT-base (HF BertModel incl. pooler): 109.48 M; "~110 M" in the paper.
    const DnnModel bert = DnnModelZoo::Get("bert-base");
    ExpectWithinOnePercent(bert.GetTotalParameters(), 109.48e6, "bert-base parameters");
    ExpectWithinOnePercent(bert.GetTotalParameters(), 110e6, "bert-base parameters (paper)");
    // GPT-2 small, tied embeddings counted once: 124.4 M.
    const DnnModel gpt2 = DnnModelZoo::Get("gpt2");
    ExpectWithinOnePercent(gpt2.GetTotalParameters(), 124.4e6, "gpt2 parameters");
    // LLaMA-2-7B: 6.74 B.
    const DnnModel llama = DnnModelZoo::Get("llama2-7b");
    ExpectWithinOnePercent(llama.GetTotalParameters(), 6.74e9, "llama2-7b parameters");

    // Exact counts:
    // BERT: embeddings (30522+512+2)*768 + 2*768 = 23 837 184; block 4*(768^2+768) +
    // (768*3072+3072+3072*768+768) + 4*768 = 7 087 872; pooler 768^2+768 = 590 592;
    // 23 837 184 + 12*7 087 872 + 590 592 = 109 482 240.
    EXPECT_EQ(bert.GetTotalParameters(), 109482240U);
    // GPT-2: (50257+1024)*768 = 39 383 808; 12 * 7 087 872; ln_f 1536 -> 124 439 808.
    EXPECT_EQ(gpt2.GetTotalParameters(), 124439808U);
    // LLaMA: embed 32000*4096 = 131 072 000; block 4*4096^2 + 3*4096*11008 + 2*4096 =
    // 202 383 360; head 4096 + 131 072 000; total 131 072 000 + 32*202 383 360 +
    // 131 076 096 = 6 738 415 616.
    EXPECT_EQ(llama.GetTotalParameters(), 6738415616ULL);
}

TEST(DnnModelZoo, TransformerLayerStructure)
{
    const DnnModel bert = DnnModelZoo::BertBase();
    ASSERT_EQ(bert.GetNLayers(), 14U); // embeddings, 12 blocks, pooler
    EXPECT_EQ(bert.GetLayer(0).name, "embeddings");
    EXPECT_EQ(bert.GetLayer(0).parameters, 23837184U);
    EXPECT_EQ(bert.GetLayer(5).parameters, 7087872U);
    EXPECT_EQ(bert.GetLayer(13).parameters, 590592U);
    EXPECT_EQ(bert.GetLayer(5).outputBytes, 128U * 768 * 4);
    EXPECT_EQ(bert.GetBlocks().size(), 14U);

    // With a 3-class classifier: + 768*3 + 3 parameters, in the head block.
    const DnnModel bert3 = DnnModelZoo::BertBase(128, 3);
    EXPECT_EQ(bert3.GetTotalParameters(), 109482240U + 2307U);
    EXPECT_EQ(bert3.GetBlocks().back().lastLayer - bert3.GetBlocks().back().firstLayer, 1U);

    const DnnModel llama = DnnModelZoo::Get("llama2-7b");
    ASSERT_EQ(llama.GetNLayers(), 34U); // embedding, 32 blocks, norm + lm_head
    EXPECT_EQ(llama.GetBlocks().size(), 34U);
    EXPECT_EQ(llama.GetLayer(1).parameters, 202383360U);
    EXPECT_EQ(llama.GetLayer(33).parameters, 131076096U);
    EXPECT_EQ(llama.GetLayer(33).outputBytes, 128U * 32000 * 4); // logits of 128 tokens
}

TEST(DnnModelZoo, TransformerFlops)
{
    // BERT-base, s = 128: per block 4*128*768^2 + 2*128^2*768 + 2*128*768*3072
    // = 301 989 888 + 25 165 824 + 603 979 776 = 931 135 488 MACs; 12 blocks
    // = 11 173 625 856; pooler 768^2 = 589 824; total 11 174 215 680 MACs.
    EXPECT_DOUBLE_EQ(DnnModelZoo::BertBase(128).GetTotalFlops(), 2.0 * 11174215680.0);
    // GPT-2, s = 128: 11 173 625 856 + LM head 128*768*50257 = 4 940 464 128
    // -> 16 114 089 984 MACs.
    EXPECT_DOUBLE_EQ(DnnModelZoo::Gpt2(128).GetTotalFlops(), 2.0 * 16114089984.0);
    // Attention grows quadratically: doubling s more than doubles the block FLOPs.
    const DnnModel b256 = DnnModelZoo::BertBase(256);
    const DnnModel b128 = DnnModelZoo::BertBase(128);
    EXPECT_GT(b256.GetLayer(1).flops, 2.0 * b128.GetLayer(1).flops);

    // LLaMA-2-7B DECODE, 128 cached tokens: block 4*4096^2 + 2*129*4096 + 3*4096*11008
    // = 67 108 864 + 1 056 768 + 135 266 304 = 203 431 936 MACs; 32 blocks
    // = 6 509 821 952; head 4096*32000 = 131 072 000; total 6 640 893 952 MACs.
    const DnnModel dec = DnnModelZoo::Llama2_7B(128, DnnModelZoo::LlmPhase::DECODE);
    EXPECT_DOUBLE_EQ(dec.GetTotalFlops(), 2.0 * 6640893952.0);
    EXPECT_EQ(dec.GetLayer(1).outputBytes, 4096U * 4);
    // Rule of thumb: decode FLOPs ~ 2 * non-embedding parameters (6.607 B) -> 13.2 GFLOPs.
    EXPECT_NEAR(dec.GetTotalFlops() / 13.2e9, 1.0, 0.01);
    // PREFILL of 128 tokens: block 4*128*4096^2 + 2*128^2*4096 + 3*128*4096*11008
    // = 8 589 934 592 + 134 217 728 + 17 314 086 912 = 26 038 239 232; 32 blocks
    // = 833 223 655 424; head 128*4096*32000 = 16 777 216 000; total 850 000 871 424 MACs.
    EXPECT_DOUBLE_EQ(DnnModelZoo::Llama2_7B(128).GetTotalFlops(), 2.0 * 850000871424.0);
    // A 1-token prefill is the same computation as decoding with an empty cache.
    EXPECT_DOUBLE_EQ(DnnModelZoo::Llama2_7B(1, DnnModelZoo::LlmPhase::PREFILL).GetTotalFlops(),
                     DnnModelZoo::Llama2_7B(0, DnnModelZoo::LlmPhase::DECODE).GetTotalFlops());
    EXPECT_THROW(DnnModelZoo::Llama2_7B(0, DnnModelZoo::LlmPhase::PREFILL), std::invalid_argument);
}

TEST(DnnModelZoo, ResNet18GroupsMatchSlideTable)
{
    // ../shared/papers/R1.6 of [1] (PipeSwitch-style groups).
    const DnnModel m = DnnModelZoo::ResNet18();
    const auto& blocks = m.GetBlocks();
    ASSERT_EQ(blocks.size(), 6U);
    const std::vector<std::string> ids = {"resnet18/stem",
                                          "resnet18/layer1",
                                          "resnet18/layer2",
                                          "resnet18/layer3",
                                          "resnet18/layer4",
                                          "resnet18/fc"};
    const std::vector<uint64_t> params = {9536, 147968, 525568, 2099712, 8393728, 513000};
    const std::vector<double> mmac = {118.01, 462.42, 411.04, 411.04, 411.04, 0.512};
    for (size_t i = 0; i < blocks.size(); ++i)
    {
        EXPECT_EQ(blocks[i].id, ids[i]);
        EXPECT_EQ(blocks[i].bytes, 4 * params[i]) << ids[i];
        EXPECT_NEAR(m.GetFlops(blocks[i].firstLayer, blocks[i].lastLayer) / 2e6, mmac[i], 0.01)
            << ids[i];
    }
    // One layer per residual block: conv1, 8 BasicBlocks, fc.
    EXPECT_EQ(m.GetNLayers(), 10U);
    EXPECT_EQ(m.GetLayer(0).outputBytes, 64U * 56 * 56 * 4); // after the max pool
    EXPECT_EQ(m.GetLayer(LayerIndex(m, "layer3.0")).outputBytes, 256U * 14 * 14 * 4);
    EXPECT_EQ(m.GetLayer(9).outputBytes, 1000U * 4);
    // layer2.0 = conv 64->128 s2 (73 728) + BN (256) + conv 128->128 (147 456) + BN (256)
    // + downsample 1x1 64->128 (8 192) + BN (256) = 230 144.
    EXPECT_EQ(m.GetLayer(LayerIndex(m, "layer2.0")).parameters, 230144U);
}

TEST(DnnModelZoo, OtherCnnLayerSanity)
{
    const DnnModel r50 = DnnModelZoo::ResNet50();
    EXPECT_EQ(r50.GetNLayers(), 18U); // conv1, 3+4+6+3 bottlenecks, fc
    // fc: 2048*1000 + 1000.
    EXPECT_EQ(r50.GetLayer(17).parameters, 2049000U);
    EXPECT_EQ(r50.GetLayer(LayerIndex(r50, "layer4.2")).outputBytes, 2048U * 7 * 7 * 4);

    const DnnModel vgg = DnnModelZoo::Vgg16();
    EXPECT_EQ(vgg.GetNLayers(), 16U);
    // features.0: 3*64*9 + 64 = 1 792 params; 1 792 - 64 = 1 728 weights * 224^2 MACs.
    EXPECT_EQ(vgg.GetLayer(0).name, "features.0");
    EXPECT_EQ(vgg.GetLayer(0).parameters, 1792U);
    EXPECT_DOUBLE_EQ(vgg.GetLayer(0).flops, 2.0 * 1728 * 224 * 224);
    // classifier.0: 25088*4096 + 4096 = 102 764 544.
    EXPECT_EQ(vgg.GetLayer(LayerIndex(vgg, "classifier.0")).parameters, 102764544U);
    EXPECT_EQ(vgg.GetLayer(LayerIndex(vgg, "features.28")).outputBytes, 512U * 7 * 7 * 4);

    const DnnModel mnv2 = DnnModelZoo::MobileNetV2();
    EXPECT_EQ(mnv2.GetNLayers(), 20U);
    // features.1 (t = 1): depthwise 32*9 + BN 64 + project 32*16 + BN 32 = 896.
    EXPECT_EQ(mnv2.GetLayer(1).parameters, 896U);
    // features.2: expand 16*96 + 192, dw 96*9 + 192, project 96*24 + 48 = 5 136.
    EXPECT_EQ(mnv2.GetLayer(2).parameters, 5136U);
    EXPECT_EQ(mnv2.GetLayer(2).outputBytes, 24U * 56 * 56 * 4);
    EXPECT_EQ(mnv2.GetBlocks().size(), 10U);

    // Class count changes only the head.
    EXPECT_EQ(DnnModelZoo::ResNet50(10).GetTotalParameters(), 25557032U - 2049000U + 20490U);
}

TEST(DnnModelZoo, BranchyAlexNetExits)
{
    const DnnModel m = DnnModelZoo::Get("b-alexnet");
    ASSERT_EQ(m.GetNLayers(), 8U);
    // Backbone: conv1 3*25*32+32 = 2 432; conv2 32*25*64+64 = 51 264; conv3 64*9*96+96 =
    // 55 392; conv4 96*9*96+96 = 83 040; conv5 96*9*64+64 = 55 360; fc1 1024*256+256 =
    // 262 400; fc2 256*128+128 = 32 896; fc3 128*10+10 = 1 290 -> 544 074.
    // Branch 1: 64*9*32+32 + 32*9*32+32 + 512*10+10 = 32 842.
    // Branch 2: 96*9*32+32 + 128*10+10 = 28 970.
    EXPECT_EQ(m.GetTotalParameters(), 544074U + 32842U + 28970U);
    EXPECT_EQ(m.GetTotalBytes(), 4U * 544074U);
    // MACs: conv1 75*32*32^2 = 2 457 600; conv2 800*64*16^2 = 13 107 200; conv3
    // 576*96*8^2 = 3 538 944; conv4 864*96*64 = 5 308 416; conv5 864*64*64 = 3 538 944;
    // fc 262 144 + 32 768 + 1 280 -> 28 247 296.
    EXPECT_DOUBLE_EQ(m.GetTotalFlops(), 2.0 * 28247296.0);
    EXPECT_EQ(m.GetInputBytes(), 3U * 32 * 32 * 4);
    EXPECT_EQ(m.GetLayer(4).outputBytes, 1024U * 4); // 64 x 4 x 4 into fc1

    const auto& exits = m.GetExits();
    ASSERT_EQ(exits.size(), 2U);
    EXPECT_EQ(m.GetLayer(exits[0].afterLayer).name, "conv2");
    EXPECT_EQ(m.GetLayer(exits[1].afterLayer).name, "conv3");
    EXPECT_EQ(exits[0].parameters, 32842U);
    EXPECT_EQ(exits[1].parameters, 28970U);
    // Branch 1 MACs at 8x8: 576*32*64 + 288*32*64 + 5 120 = 1 774 592.
    EXPECT_DOUBLE_EQ(exits[0].flops, 2.0 * 1774592.0);
    // Branch 2 MACs at 4x4: 864*32*16 + 1 280 = 443 648.
    EXPECT_DOUBLE_EQ(exits[1].flops, 2.0 * 443648.0);

    // Published operating point: 65.6 % leave at exit 1, 25.2 % at exit 2 (34.4 % reach it).
    EXPECT_NEAR(exits[0].ExitProbability(0.9), 0.656, 1e-12);
    EXPECT_NEAR(exits[1].ExitProbability(0.9), 0.252 / 0.344, 1e-12);
    EXPECT_DOUBLE_EQ(exits[0].ExitProbability(0.05), 1.0);
    EXPECT_DOUBLE_EQ(exits[0].ExitProbability(1.0), 0.0);
    // Reconstructed accuracies (final classifier 0.45, documented) reproduce the published
    // overall accuracy 79.19 %: 0.656*0.88 + 0.252*0.687 + 0.092*0.45 = 0.791804.
    EXPECT_NEAR(0.656 * exits[0].accuracy + 0.252 * exits[1].accuracy + 0.092 * 0.45, 0.7919, 2e-4);
    EXPECT_GT(exits[0].accuracy, exits[1].accuracy);
}

TEST(DnnModelZoo, NamesAndErrors)
{
    const auto names = DnnModelZoo::GetNames();
    EXPECT_EQ(names.size(), 8U);
    for (const auto& n : names)
    {
        EXPECT_EQ(DnnModelZoo::Get(n).GetName(), n);
    }
    EXPECT_EQ(DnnModelZoo::Get("ResNet18").GetName(), "resnet18");
    try
    {
        DnnModelZoo::Get("resnet-18");
        FAIL() << "no error for an unknown name";
    }
    catch (const std::invalid_argument& e)
    {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("'resnet-18'"), std::string::npos) << msg;
        for (const auto& n : names)
        {
            EXPECT_NE(msg.find(n), std::string::npos) << msg << " lacks " << n;
        }
    }
    EXPECT_THROW(DnnModelZoo::ResNet18(0), std::invalid_argument);
    EXPECT_THROW(DnnModelZoo::BertBase(0), std::invalid_argument);
    EXPECT_THROW(DnnModelZoo::BertBase(513), std::invalid_argument);
    EXPECT_THROW(DnnModelZoo::Gpt2(1025), std::invalid_argument);
}

TEST(DnnModelZoo, BackboneSharingFamily)
{
    const DnnModelFamily fam = DnnModelZoo::BackboneSharingFamily("resnet50", 3, {10, 100, 1000});
    ASSERT_EQ(fam.GetModels().size(), 3U);
    EXPECT_EQ(fam.GetName(), "resnet50-backbone");
    // Backbone = all but fc: (25 557 032 - 2 049 000) * 4 = 94 032 128 bytes (94.03 MB).
    EXPECT_EQ(fam.SharedBytes("resnet50-task0", "resnet50-task1"), 94032128U);
    EXPECT_EQ(fam.SharedBytes("resnet50-task1", "resnet50-task2"), 94032128U);
    // Heads: (2048*10 + 10) * 4 = 81 960 bytes; (2048*100 + 100) * 4 = 819 600 bytes.
    EXPECT_EQ(fam.Get("resnet50-task0").GetTotalBytes(), 94032128U + 81960U);
    EXPECT_EQ(fam.Get("resnet50-task1").GetTotalBytes(), 94032128U + 819600U);
    EXPECT_EQ(fam.Get("resnet50-task0").GetBlocks().back().id, "resnet50-task0/head");
    // 5 shared blocks + 3 heads.
    EXPECT_EQ(fam.GetNBlocks(), 8U);

    // The variants also share the backbone with the plain zoo model.
    DnnModelFamily withBase = fam;
    withBase.Add(DnnModelZoo::ResNet50());
    EXPECT_EQ(withBase.SharedBytes("resnet50", "resnet50-task2"), 94032128U);

    // Language models: no class counts, the head (GPT-2 ln_f, 1536 params) is per task.
    const DnnModelFamily gpt = DnnModelZoo::BackboneSharingFamily("gpt2", 2);
    EXPECT_EQ(gpt.SharedBytes("gpt2-task0", "gpt2-task1"), 4U * (124439808U - 1536U));
    EXPECT_THROW(DnnModelZoo::BackboneSharingFamily("gpt2", 2, {5, 5}), std::invalid_argument);
    EXPECT_THROW(DnnModelZoo::BackboneSharingFamily("resnet50", 2, {5}), std::invalid_argument);
    EXPECT_THROW(DnnModelZoo::BackboneSharingFamily("resnet50", 0), std::invalid_argument);
    EXPECT_THROW(DnnModelZoo::BackboneSharingFamily("alexnet", 2), std::invalid_argument);
}

TEST(DnnModelZoo, GeneralSharingFamily)
{
    const DnnModelFamily fam = DnnModelZoo::GeneralSharingFamily("resnet50", 4, 0.4, 7);
    ASSERT_EQ(fam.GetModels().size(), 4U);
    const uint64_t total = 102228128; // 25 557 032 * 4
    std::set<std::set<std::string>> tunedSets;
    for (const auto& m : fam.GetModels())
    {
        EXPECT_EQ(m.GetTotalBytes(), total);
        std::set<std::string> tuned;
        for (const auto& b : m.GetBlocks())
        {
            if (b.id.rfind("resnet50/", 0) != 0)
            {
                tuned.insert(b.id.substr(b.id.find('/') + 1));
            }
        }
        // Head always tuned, plus at least one and at most 4 of the 5 other blocks.
        EXPECT_EQ(tuned.count("head"), 1U);
        EXPECT_GE(tuned.size(), 2U);
        EXPECT_LE(tuned.size(), 5U);
        tunedSets.insert(tuned);
    }
    EXPECT_EQ(tunedSets.size(), 4U); // all subsets differ
    // Any two variants share a non-empty strict subset of their bytes.
    const auto& ms = fam.GetModels();
    for (size_t i = 0; i < ms.size(); ++i)
    {
        for (size_t j = i + 1; j < ms.size(); ++j)
        {
            const uint64_t shared = fam.SharedBytes(ms[i].GetName(), ms[j].GetName());
            EXPECT_GT(shared, 0U);
            EXPECT_LT(shared, total);
        }
    }

    // Deterministic in the seed.
    const DnnModelFamily again = DnnModelZoo::GeneralSharingFamily("resnet50", 4, 0.4, 7);
    const DnnModelFamily other = DnnModelZoo::GeneralSharingFamily("resnet50", 4, 0.4, 8);
    bool anyDifferent = false;
    for (size_t i = 0; i < 4; ++i)
    {
        EXPECT_EQ(BlockIds(fam.GetModels()[i]), BlockIds(again.GetModels()[i]));
        anyDifferent =
            anyDifferent || BlockIds(fam.GetModels()[i]) != BlockIds(other.GetModels()[i]);
    }
    EXPECT_TRUE(anyDifferent);

    // resnet18 has 5 non-head blocks -> 2^5 - 2 = 30 distinct subsets.
    const DnnModelFamily full = DnnModelZoo::GeneralSharingFamily("resnet18", 30, 0.3, 3);
    std::set<std::set<std::string>> all;
    for (const auto& m : full.GetModels())
    {
        all.insert(BlockIds(m));
    }
    EXPECT_EQ(all.size(), 30U);
    EXPECT_THROW(DnnModelZoo::GeneralSharingFamily("resnet18", 31, 0.3, 3), std::invalid_argument);
    EXPECT_THROW(DnnModelZoo::GeneralSharingFamily("resnet18", 2, 0.0, 3), std::invalid_argument);
    EXPECT_THROW(DnnModelZoo::GeneralSharingFamily("resnet18", 2, 1.0, 3), std::invalid_argument);
}

TEST(DnnModelZoo, CsvRoundTrip)
{
    for (const std::string name : {"resnet50", "b-alexnet", "llama2-7b"})
    {
        const DnnModel m = DnnModelZoo::Get(name);
        std::stringstream ss;
        m.WriteCsv(ss);
        const DnnModel r = DnnModel::ReadCsv(ss, name + ".csv");
        EXPECT_EQ(r.GetName(), m.GetName());
        EXPECT_EQ(r.GetInputBytes(), m.GetInputBytes());
        ASSERT_EQ(r.GetNLayers(), m.GetNLayers());
        for (uint32_t i = 0; i < m.GetNLayers(); ++i)
        {
            EXPECT_EQ(r.GetLayer(i).name, m.GetLayer(i).name);
            EXPECT_EQ(r.GetLayer(i).parameters, m.GetLayer(i).parameters);
            EXPECT_DOUBLE_EQ(r.GetLayer(i).flops, m.GetLayer(i).flops);
            EXPECT_EQ(r.GetLayer(i).outputBytes, m.GetLayer(i).outputBytes);
            EXPECT_EQ(r.GetLayer(i).blockId, m.GetLayer(i).blockId);
        }
        EXPECT_EQ(r.GetBlocks().size(), m.GetBlocks().size());
        EXPECT_EQ(r.GetTotalBytes(), m.GetTotalBytes());
        ASSERT_EQ(r.GetExits().size(), m.GetExits().size());
        for (size_t e = 0; e < m.GetExits().size(); ++e)
        {
            EXPECT_EQ(r.GetExits()[e].afterLayer, m.GetExits()[e].afterLayer);
            EXPECT_EQ(r.GetExits()[e].parameters, m.GetExits()[e].parameters);
            EXPECT_DOUBLE_EQ(r.GetExits()[e].accuracy, m.GetExits()[e].accuracy);
            EXPECT_EQ(r.GetExits()[e].exitProfile, m.GetExits()[e].exitProfile);
        }
    }
}
