/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dnn-model-zoo.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgeinference
{

namespace
{

/// Bytes of one FP32 value (parameters and activations).
constexpr uint64_t FP32_BYTES = 4;

/// Shape of a feature map (channels, height, width) of one sample.
struct Shape
{
    uint64_t c{0}; ///< Channels (or features of a flat vector)
    uint64_t h{1}; ///< Height
    uint64_t w{1}; ///< Width
};

/**
 * Accumulates parameters and MACs of the operations of one layer while tracking the
 * feature-map shape, and appends finished layers to a DnnModel.
 */
class NetBuilder
{
  public:
    /**
     * @param [in,out] model the model layers are appended to
     * @param [in] input shape of the input sample
     */
    NetBuilder(DnnModel& model, Shape input)
        : m_model(model)
        , m_shape(input)
    {
    }

    /**
     * Convolution (+ optional bias, + optional BatchNorm with 2*cout learnable params).
     * @param [in] cout output channels
     * @param [in] k kernel size
     * @param [in] stride stride
     * @param [in] pad zero padding
     * @param [in] groups groups (cin for depthwise)
     * @param [in] bias whether the conv has a bias
     * @param [in] bn whether a BatchNorm follows
     */
    void Conv(uint64_t cout,
              uint64_t k,
              uint64_t stride,
              uint64_t pad,
              uint64_t groups = 1,
              bool bias = false,
              bool bn = true)
    {
        const uint64_t cin = m_shape.c;
        const uint64_t hOut = (m_shape.h + 2 * pad - k) / stride + 1;
        const uint64_t wOut = (m_shape.w + 2 * pad - k) / stride + 1;
        const uint64_t weights = k * k * (cin / groups) * cout;
        m_params += weights + (bias ? cout : 0) + (bn ? 2 * cout : 0);
        m_macs += static_cast<double>(weights) * static_cast<double>(hOut * wOut);
        m_shape = {cout, hOut, wOut};
    }

    /**
     * Max or average pooling (no parameters, no MACs counted).
     * @param [in] k window
     * @param [in] stride stride
     * @param [in] pad padding
     * @param [in] coverAll round the output size up (Chainer cover_all / ceil_mode)
     */
    void Pool(uint64_t k, uint64_t stride, uint64_t pad = 0, bool coverAll = false)
    {
        const uint64_t extra = coverAll ? stride - 1 : 0;
        m_shape.h = (m_shape.h + 2 * pad - k + extra) / stride + 1;
        m_shape.w = (m_shape.w + 2 * pad - k + extra) / stride + 1;
    }

    /**
     * Adaptive average pooling to out x out.
     * @param [in] out output height and width
     */
    void AdaptivePool(uint64_t out)
    {
        m_shape.h = out;
        m_shape.w = out;
    }

    /// Flatten C x H x W to a vector.
    void Flatten() { m_shape = {m_shape.c * m_shape.h * m_shape.w, 1, 1}; }

    /**
     * Fully connected layer on the flattened input.
     * @param [in] out output features
     * @param [in] bias whether it has a bias
     */
    void Linear(uint64_t out, bool bias = true)
    {
        Flatten();
        const uint64_t in = m_shape.c;
        m_params += in * out + (bias ? out : 0);
        m_macs += static_cast<double>(in) * static_cast<double>(out);
        m_shape = {out, 1, 1};
    }

    /**
     * Add parameters and MACs computed by the caller (transformer blocks).
     * @param [in] params parameters
     * @param [in] macs multiply-accumulates
     */
    void Add(uint64_t params, double macs)
    {
        m_params += params;
        m_macs += macs;
    }

    /// @return the current feature-map shape
    Shape GetShape() const { return m_shape; }

    /// @param [in] shape the new current shape
    void SetShape(Shape shape) { m_shape = shape; }

    /**
     * Append the accumulated operations as one layer and reset the accumulators.
     * @param [in] name layer name
     * @param [in] group block group; the block id is "<model>/<group>"
     */
    void EndLayer(const std::string& name, const std::string& group)
    {
        DnnLayer layer;
        layer.name = name;
        layer.parameters = m_params;
        layer.flops = 2.0 * m_macs;
        layer.outputBytes = m_shape.c * m_shape.h * m_shape.w * FP32_BYTES;
        layer.blockId = m_model.GetName() + "/" + group;
        m_model.AddLayer(layer);
        m_params = 0;
        m_macs = 0;
    }

    /**
     * Take the accumulated operations (e.g. of an exit branch) without adding a layer.
     * @return (parameters, MACs)
     */
    std::pair<uint64_t, double> Take()
    {
        auto result = std::make_pair(m_params, m_macs);
        m_params = 0;
        m_macs = 0;
        return result;
    }

  private:
    DnnModel& m_model;    ///< Target model
    Shape m_shape;        ///< Current feature-map shape
    uint64_t m_params{0}; ///< Parameters of the pending layer
    double m_macs{0};     ///< MACs of the pending layer
};

/// Input bytes of a 3-channel FP32 image of the given side.
uint64_t
ImageBytes(uint64_t side)
{
    return 3 * side * side * FP32_BYTES;
}

/**
 * Throw if a count is zero.
 * @param [in] who function name for the message
 * @param [in] field argument name
 * @param [in] value the value
 */
void
RequirePositive(const std::string& who, const std::string& field, uint64_t value)
{
    if (value == 0)
    {
        throw std::invalid_argument("DnnModelZoo::" + who + ": " + field + " is 0 (must be > 0)");
    }
}

/**
 * Common ResNet builder.
 * @param [in] name model name
 * @param [in] blocksPerStage residual blocks in layer1..layer4
 * @param [in] bottleneck Bottleneck (expansion 4) instead of BasicBlock
 * @param [in] numClasses classes
 * @return the model
 */
DnnModel
BuildResNet(const std::string& name,
            const std::vector<uint32_t>& blocksPerStage,
            bool bottleneck,
            uint32_t numClasses)
{
    RequirePositive(name, "numClasses", numClasses);
    DnnModel model(name, FP32_BYTES);
    model.SetInputBytes(ImageBytes(224));
    NetBuilder b(model, {3, 224, 224});
    b.Conv(64, 7, 2, 3);
    b.Pool(3, 2, 1);
    b.EndLayer("conv1", "stem");
    const uint64_t expansion = bottleneck ? 4 : 1;
    for (uint32_t stage = 0; stage < blocksPerStage.size(); ++stage)
    {
        const uint64_t planes = 64ULL << stage;
        const std::string group = "layer" + std::to_string(stage + 1);
        for (uint32_t i = 0; i < blocksPerStage[stage]; ++i)
        {
            const uint64_t stride = (stage > 0 && i == 0) ? 2 : 1;
            const Shape in = b.GetShape();
            if (bottleneck)
            {
                b.Conv(planes, 1, 1, 0);
                b.Conv(planes, 3, stride, 1);
                b.Conv(planes * expansion, 1, 1, 0);
            }
            else
            {
                b.Conv(planes, 3, stride, 1);
                b.Conv(planes, 3, 1, 1);
            }
            if (stride != 1 || in.c != planes * expansion)
            {
                const Shape out = b.GetShape();
                b.SetShape(in);
                b.Conv(planes * expansion, 1, stride, 0); // downsample branch
                b.SetShape(out);
            }
            b.EndLayer(group + "." + std::to_string(i), group);
        }
    }
    b.AdaptivePool(1);
    b.Linear(numClasses);
    b.EndLayer("fc", "fc");
    model.Validate();
    return model;
}

/**
 * B-AlexNet builder (see DnnModelZoo::BranchyAlexNet).
 * @param [in] numClasses classes of the final and the branch classifiers
 * @return the model
 */
DnnModel
BuildBranchyAlexNet(uint32_t numClasses)
{
    RequirePositive("BranchyAlexNet", "numClasses", numClasses);
    DnnModel model("b-alexnet", FP32_BYTES);
    model.SetInputBytes(ImageBytes(32));
    NetBuilder b(model, {3, 32, 32});
    // Chainer: max_pooling_2d(3, 2) has cover_all=True (output size rounded up).
    b.Conv(32, 5, 1, 2, 1, true, false);
    b.Pool(3, 2, 0, true);
    b.EndLayer("conv1", "features"); // relu, pool, LRN included
    b.Conv(64, 5, 1, 2, 1, true, false);
    b.EndLayer("conv2", "features"); // branch 1 attaches to this output
    const Shape atExit1 = b.GetShape();
    b.Pool(3, 2, 0, true);
    b.Conv(96, 3, 1, 1, 1, true, false);
    b.EndLayer("conv3", "features"); // branch 2 attaches to this output
    const Shape atExit2 = b.GetShape();
    b.Conv(96, 3, 1, 1, 1, true, false);
    b.EndLayer("conv4", "features");
    b.Conv(64, 3, 1, 1, 1, true, false);
    b.Pool(3, 2, 0, true);
    b.EndLayer("conv5", "features");
    b.Linear(256);
    b.EndLayer("fc1", "classifier");
    b.Linear(128);
    b.EndLayer("fc2", "classifier");
    b.Linear(numClasses);
    b.EndLayer("fc3", "head");
    const Shape end = b.GetShape();

    // Branch 1: norm() + conv(64) + conv(32) + cap(512).
    b.SetShape(atExit1);
    b.Pool(3, 2, 0, true);
    b.Conv(32, 3, 1, 1, 1, true, false);
    b.Conv(32, 3, 1, 1, 1, true, false);
    b.Pool(3, 2, 0, true);
    b.Linear(numClasses);
    const auto branch1 = b.Take();
    // Branch 2: norm() + conv(96) + cap(128).
    b.SetShape(atExit2);
    b.Pool(3, 2, 0, true);
    b.Conv(32, 3, 1, 1, 1, true, false);
    b.Pool(3, 2, 0, true);
    b.Linear(numClasses);
    const auto branch2 = b.Take();
    b.SetShape(end);

    // Published operating point (BranchyNet Table 1): 65.6 % / 25.2 % / 9.2 % of the
    // samples leave at exit 1 / exit 2 / the final classifier; overall accuracy 79.19 %.
    // The per-exit accuracies and the profile shapes are a reconstruction (see header).
    const double frac1 = 0.656;
    const double frac2 = 0.252;
    EarlyExitBranch e1;
    e1.afterLayer = 1;
    e1.parameters = branch1.first;
    e1.flops = 2.0 * branch1.second;
    e1.accuracy = 0.88;
    e1.exitProfile = {{0.1, 1.0}, {0.9, frac1}, {1.0, 0.0}};
    model.AddExit(e1);
    EarlyExitBranch e2;
    e2.afterLayer = 2;
    e2.parameters = branch2.first;
    e2.flops = 2.0 * branch2.second;
    e2.accuracy = 0.687;
    e2.exitProfile = {{0.1, 1.0}, {0.9, frac2 / (1.0 - frac1)}, {1.0, 0.0}};
    model.AddExit(e2);
    model.Validate();
    return model;
}

/**
 * Parameters of a transformer encoder/decoder block with biases and two LayerNorms
 * (BERT, GPT-2).
 * @param [in] d hidden size
 * @param [in] f FFN size
 * @return parameters
 */
uint64_t
GptBertBlockParams(uint64_t d, uint64_t f)
{
    const uint64_t attention = 4 * (d * d + d); // Q, K, V, output projection
    const uint64_t ffn = d * f + f + f * d + d;
    const uint64_t norms = 2 * (2 * d); // two LayerNorms (gamma, beta)
    return attention + ffn + norms;
}

/**
 * MACs of a transformer block (GELU FFN) over s tokens, full s x s attention.
 * @param [in] s tokens
 * @param [in] d hidden size
 * @param [in] f FFN size
 * @return MACs
 */
double
GptBertBlockMacs(double s, double d, double f)
{
    return 4 * s * d * d + 2 * s * s * d + 2 * s * d * f;
}

/// @return lower-case copy of s
std::string
ToLower(const std::string& s)
{
    std::string out = s;
    std::transform(out.begin(),
                   out.end(),
                   out.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return out;
}

/**
 * Resolve a name to its canonical lower-case form or throw listing the valid names.
 * @param [in] who calling function
 * @param [in] name user-supplied name
 * @return canonical name
 */
std::string
CanonicalName(const std::string& who, const std::string& name)
{
    const std::string lower = ToLower(name);
    const auto names = DnnModelZoo::GetNames();
    if (std::find(names.begin(), names.end(), lower) == names.end())
    {
        std::ostringstream oss;
        oss << "DnnModelZoo::" << who << ": unknown model '" << name << "' (valid names:";
        for (size_t i = 0; i < names.size(); ++i)
        {
            oss << (i == 0 ? " " : ", ") << names[i];
        }
        oss << ")";
        throw std::invalid_argument(oss.str());
    }
    return lower;
}

/**
 * Build a zoo model by canonical name with an optional class count.
 * @param [in] who calling function (for messages)
 * @param [in] name canonical name
 * @param [in] numClasses classes of the head, 0 = the default head
 * @return the model
 */
DnnModel
BuildByName(const std::string& who, const std::string& name, uint32_t numClasses)
{
    const bool isLm = (name == "gpt2" || name == "llama2-7b");
    if (isLm && numClasses != 0)
    {
        throw std::invalid_argument("DnnModelZoo::" + who + ": model '" + name +
                                    "' is a language model; a class count (" +
                                    std::to_string(numClasses) + ") cannot be applied");
    }
    const uint32_t classes = numClasses == 0 ? 1000 : numClasses;
    if (name == "resnet18")
    {
        return DnnModelZoo::ResNet18(classes);
    }
    if (name == "resnet50")
    {
        return DnnModelZoo::ResNet50(classes);
    }
    if (name == "vgg16")
    {
        return DnnModelZoo::Vgg16(classes);
    }
    if (name == "mobilenetv2")
    {
        return DnnModelZoo::MobileNetV2(classes);
    }
    if (name == "bert-base")
    {
        return DnnModelZoo::BertBase(128, numClasses);
    }
    if (name == "gpt2")
    {
        return DnnModelZoo::Gpt2(128);
    }
    if (name == "llama2-7b")
    {
        return DnnModelZoo::Llama2_7B(128, DnnModelZoo::LlmPhase::PREFILL);
    }
    // b-alexnet
    return BuildBranchyAlexNet(numClasses == 0 ? 10 : numClasses);
}

/**
 * Copy a model under a new name, choosing every block's id with a callback.
 * @param [in] base the model to copy
 * @param [in] name the new model name
 * @param [in] idOf maps (block index, block) to the block id in the copy
 * @return the copy
 */
DnnModel
CopyWithBlockIds(const DnnModel& base,
                 const std::string& name,
                 const std::function<std::string(size_t, const ParameterBlock&)>& idOf)
{
    DnnModel copy(name, base.GetBytesPerParameter());
    copy.SetInputBytes(base.GetInputBytes());
    const auto& blocks = base.GetBlocks();
    for (size_t bi = 0; bi < blocks.size(); ++bi)
    {
        const std::string id = idOf(bi, blocks[bi]);
        for (uint32_t i = blocks[bi].firstLayer; i <= blocks[bi].lastLayer; ++i)
        {
            DnnLayer layer = base.GetLayer(i);
            layer.blockId = id;
            copy.AddLayer(layer);
        }
    }
    for (const auto& e : base.GetExits())
    {
        copy.AddExit(e);
    }
    return copy;
}

/**
 * Group part of a zoo block id "<model>/<group>".
 * @param [in] id block id
 * @return the group
 */
std::string
GroupOf(const std::string& id)
{
    const auto slash = id.find('/');
    return slash == std::string::npos ? id : id.substr(slash + 1);
}

} // namespace

std::vector<std::string>
DnnModelZoo::GetNames()
{
    return {"resnet18",
            "resnet50",
            "vgg16",
            "mobilenetv2",
            "bert-base",
            "gpt2",
            "llama2-7b",
            "b-alexnet"};
}

DnnModel
DnnModelZoo::Get(const std::string& name)
{
    return BuildByName("Get", CanonicalName("Get", name), 0);
}

DnnModel
DnnModelZoo::ResNet18(uint32_t numClasses)
{
    return BuildResNet("resnet18", {2, 2, 2, 2}, false, numClasses);
}

DnnModel
DnnModelZoo::ResNet50(uint32_t numClasses)
{
    return BuildResNet("resnet50", {3, 4, 6, 3}, true, numClasses);
}

DnnModel
DnnModelZoo::Vgg16(uint32_t numClasses)
{
    RequirePositive("Vgg16", "numClasses", numClasses);
    DnnModel model("vgg16", FP32_BYTES);
    model.SetInputBytes(ImageBytes(224));
    NetBuilder b(model, {3, 224, 224});
    // Configuration "D": conv 3x3 widths per stage, a 2x2 max pool after each stage.
    const std::vector<std::vector<uint64_t>> stages = {
        {64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    uint32_t index = 0; // torchvision index in vgg.features (conv, ReLU, [pool])
    for (size_t s = 0; s < stages.size(); ++s)
    {
        for (size_t i = 0; i < stages[s].size(); ++i)
        {
            const uint32_t convIndex = index;
            b.Conv(stages[s][i], 3, 1, 1, 1, true, false);
            index += 2;
            if (i + 1 == stages[s].size())
            {
                b.Pool(2, 2);
                index += 1;
            }
            b.EndLayer("features." + std::to_string(convIndex), "stage" + std::to_string(s + 1));
        }
    }
    b.AdaptivePool(7);
    b.Linear(4096);
    b.EndLayer("classifier.0", "classifier");
    b.Linear(4096);
    b.EndLayer("classifier.3", "classifier");
    b.Linear(numClasses);
    b.EndLayer("classifier.6", "head");
    model.Validate();
    return model;
}

DnnModel
DnnModelZoo::MobileNetV2(uint32_t numClasses)
{
    RequirePositive("MobileNetV2", "numClasses", numClasses);
    DnnModel model("mobilenetv2", FP32_BYTES);
    model.SetInputBytes(ImageBytes(224));
    NetBuilder b(model, {3, 224, 224});
    b.Conv(32, 3, 2, 1);
    b.EndLayer("features.0", "stem");

    struct Row
    {
        uint64_t t; ///< expansion factor
        uint64_t c; ///< output channels
        uint32_t n; ///< repeats
        uint64_t s; ///< stride of the first repeat
    };

    // Sandler et al., Table 2 (width multiplier 1.0).
    const std::vector<Row> rows = {{1, 16, 1, 1},
                                   {6, 24, 2, 2},
                                   {6, 32, 3, 2},
                                   {6, 64, 4, 2},
                                   {6, 96, 3, 1},
                                   {6, 160, 3, 2},
                                   {6, 320, 1, 1}};
    uint32_t index = 1;
    for (size_t r = 0; r < rows.size(); ++r)
    {
        for (uint32_t i = 0; i < rows[r].n; ++i)
        {
            const uint64_t stride = i == 0 ? rows[r].s : 1;
            const uint64_t hidden = b.GetShape().c * rows[r].t;
            if (rows[r].t != 1)
            {
                b.Conv(hidden, 1, 1, 0); // expand
            }
            b.Conv(hidden, 3, stride, 1, hidden); // depthwise
            b.Conv(rows[r].c, 1, 1, 0);           // linear projection
            b.EndLayer("features." + std::to_string(index), "stage" + std::to_string(r + 1));
            ++index;
        }
    }
    b.Conv(1280, 1, 1, 0);
    b.EndLayer("features." + std::to_string(index), "conv_last");
    b.AdaptivePool(1);
    b.Linear(numClasses);
    b.EndLayer("classifier.1", "classifier");
    model.Validate();
    return model;
}

DnnModel
DnnModelZoo::BertBase(uint32_t seqLen, uint32_t numClasses)
{
    RequirePositive("BertBase", "seqLen", seqLen);
    if (seqLen > 512)
    {
        throw std::invalid_argument("DnnModelZoo::BertBase: seqLen is " + std::to_string(seqLen) +
                                    " (must be <= 512 positions)");
    }
    const uint64_t d = 768;
    const uint64_t f = 3072;
    const uint64_t vocab = 30522;
    const uint64_t positions = 512;
    const uint64_t types = 2;
    const uint64_t s = seqLen;
    DnnModel model("bert-base", FP32_BYTES);
    model.SetInputBytes(s * FP32_BYTES); // int32 token ids
    NetBuilder b(model, {s * d, 1, 1});
    b.Add((vocab + positions + types) * d + 2 * d, 0.0);
    b.EndLayer("embeddings", "embeddings");
    for (uint32_t i = 0; i < 12; ++i)
    {
        b.Add(GptBertBlockParams(d, f), GptBertBlockMacs(s, d, f));
        b.EndLayer("encoder.layer." + std::to_string(i), "encoder.layer." + std::to_string(i));
    }
    b.SetShape({d, 1, 1});
    b.Add(d * d + d, static_cast<double>(d * d)); // pooler on [CLS]
    b.EndLayer("pooler", "head");
    if (numClasses > 0)
    {
        b.Linear(numClasses);
        b.EndLayer("classifier", "head");
    }
    model.Validate();
    return model;
}

DnnModel
DnnModelZoo::Gpt2(uint32_t seqLen)
{
    RequirePositive("Gpt2", "seqLen", seqLen);
    if (seqLen > 1024)
    {
        throw std::invalid_argument("DnnModelZoo::Gpt2: seqLen is " + std::to_string(seqLen) +
                                    " (must be <= 1024 positions)");
    }
    const uint64_t d = 768;
    const uint64_t f = 3072;
    const uint64_t vocab = 50257;
    const uint64_t positions = 1024;
    const uint64_t s = seqLen;
    DnnModel model("gpt2", FP32_BYTES);
    model.SetInputBytes(s * FP32_BYTES);
    NetBuilder b(model, {s * d, 1, 1});
    b.Add((vocab + positions) * d, 0.0); // wte (also the tied LM head) + wpe
    b.EndLayer("embeddings", "embeddings");
    for (uint32_t i = 0; i < 12; ++i)
    {
        b.Add(GptBertBlockParams(d, f), GptBertBlockMacs(s, d, f));
        b.EndLayer("h." + std::to_string(i), "h." + std::to_string(i));
    }
    // ln_f (2d) + tied lm_head (no own parameters) producing s x V logits.
    b.Add(2 * d, static_cast<double>(s) * d * vocab);
    b.SetShape({s * vocab, 1, 1});
    b.EndLayer("head", "head");
    model.Validate();
    return model;
}

DnnModel
DnnModelZoo::Llama2_7B(uint32_t seqLen, LlmPhase phase)
{
    const bool prefill = phase == LlmPhase::PREFILL;
    if (prefill)
    {
        RequirePositive("Llama2_7B", "seqLen (PREFILL)", seqLen);
    }
    const uint64_t d = 4096;
    const uint64_t f = 11008;
    const uint64_t vocab = 32000;
    const double n = seqLen;
    const uint64_t tokens = prefill ? seqLen : 1; // tokens processed in this pass
    DnnModel model("llama2-7b", FP32_BYTES);
    model.SetInputBytes(tokens * FP32_BYTES);
    NetBuilder b(model, {tokens * d, 1, 1});
    b.Add(vocab * d, 0.0);
    b.EndLayer("embed_tokens", "embed_tokens");
    // Per block: q, k, v, o (d x d each, no bias), SwiGLU gate/up/down (3 d f), two RMSNorms.
    const uint64_t blockParams = 4 * d * d + 3 * d * f + 2 * d;
    const double blockMacs =
        prefill ? 4 * n * d * d + 2 * n * n * d + 3 * n * d * static_cast<double>(f)
                : 4.0 * d * d + 2 * (n + 1) * d + 3.0 * d * f;
    for (uint32_t i = 0; i < 32; ++i)
    {
        b.Add(blockParams, blockMacs);
        b.EndLayer("layers." + std::to_string(i), "layers." + std::to_string(i));
    }
    b.Add(d + vocab * d, static_cast<double>(tokens) * d * vocab); // norm + untied lm_head
    b.SetShape({tokens * vocab, 1, 1});
    b.EndLayer("head", "head");
    model.Validate();
    return model;
}

DnnModel
DnnModelZoo::BranchyAlexNet()
{
    return BuildBranchyAlexNet(10);
}

DnnModelFamily
DnnModelZoo::BackboneSharingFamily(const std::string& baseName,
                                   uint32_t nVariants,
                                   const std::vector<uint32_t>& classesPerVariant)
{
    const std::string who = "BackboneSharingFamily";
    const std::string base = CanonicalName(who, baseName);
    RequirePositive(who, "nVariants", nVariants);
    if (!classesPerVariant.empty() && classesPerVariant.size() != nVariants)
    {
        throw std::invalid_argument(
            "DnnModelZoo::BackboneSharingFamily: classesPerVariant has " +
            std::to_string(classesPerVariant.size()) +
            " entries (must be empty or nVariants = " + std::to_string(nVariants) + ")");
    }
    DnnModelFamily family(base + "-backbone");
    for (uint32_t v = 0; v < nVariants; ++v)
    {
        uint32_t classes = 0;
        if (!classesPerVariant.empty())
        {
            classes = classesPerVariant[v];
            if (classes == 0)
            {
                throw std::invalid_argument(
                    "DnnModelZoo::BackboneSharingFamily: classesPerVariant[" + std::to_string(v) +
                    "] is 0 (must be > 0)");
            }
        }
        const DnnModel model = BuildByName(who, base, classes);
        const std::string name = base + "-task" + std::to_string(v);
        const size_t head = model.GetBlocks().size() - 1;
        family.Add(CopyWithBlockIds(model,
                                    name,
                                    [&](size_t bi, const ParameterBlock& blk)
                                    { return bi == head ? name + "/head" : blk.id; }));
    }
    return family;
}

DnnModelFamily
DnnModelZoo::GeneralSharingFamily(const std::string& baseName,
                                  uint32_t nVariants,
                                  double fineTuneProbability,
                                  uint32_t seed)
{
    const std::string who = "GeneralSharingFamily";
    const std::string base = CanonicalName(who, baseName);
    RequirePositive(who, "nVariants", nVariants);
    if (!(fineTuneProbability > 0.0 && fineTuneProbability < 1.0))
    {
        std::ostringstream oss;
        oss << "DnnModelZoo::GeneralSharingFamily: fineTuneProbability is " << fineTuneProbability
            << " (must be in (0, 1))";
        throw std::invalid_argument(oss.str());
    }
    const DnnModel model = BuildByName(who, base, 0);
    const size_t k = model.GetBlocks().size() - 1; // non-head blocks
    // Subsets with at least one and not all of the k blocks: 2^k - 2.
    const uint64_t maxSubsets = k >= 63 ? UINT64_MAX : (1ULL << k) - 2;
    if (k < 2 || nVariants > maxSubsets)
    {
        throw std::invalid_argument("DnnModelZoo::GeneralSharingFamily: nVariants is " +
                                    std::to_string(nVariants) + " but model '" + base +
                                    "' has only " + std::to_string(maxSubsets) +
                                    " distinct partial fine-tuning subsets of its " +
                                    std::to_string(k) + " non-head blocks");
    }
    // mt19937's output sequence is fixed by the standard (unlike the distributions), so the
    // draws below are the same on every platform.
    std::mt19937 rng(seed);
    const double cut = fineTuneProbability * 4294967296.0;
    std::set<std::vector<bool>> used;
    DnnModelFamily family(base + "-general");
    for (uint32_t v = 0; v < nVariants; ++v)
    {
        std::vector<bool> tuned(k, false);
        bool found = false;
        for (uint32_t attempt = 0; attempt < 100000 && !found; ++attempt)
        {
            size_t count = 0;
            for (size_t i = 0; i < k; ++i)
            {
                tuned[i] = static_cast<double>(rng()) < cut;
                count += tuned[i] ? 1 : 0;
            }
            if (count == 0)
            {
                tuned[rng() % k] = true;
            }
            else if (count == k)
            {
                tuned[rng() % k] = false;
            }
            found = used.count(tuned) == 0;
        }
        if (!found)
        {
            // Fall back to the first unused subset in counting order (deterministic).
            for (uint64_t code = 1; !found; ++code)
            {
                size_t count = 0;
                for (size_t i = 0; i < k; ++i)
                {
                    tuned[i] = i < 64 && ((code >> i) & 1ULL) != 0;
                    count += tuned[i] ? 1 : 0;
                }
                found = count > 0 && count < k && used.count(tuned) == 0;
            }
        }
        used.insert(tuned);
        const std::string name = base + "-ft" + std::to_string(v);
        family.Add(CopyWithBlockIds(model,
                                    name,
                                    [&](size_t bi, const ParameterBlock& blk)
                                    {
                                        if (bi == k)
                                        {
                                            return name + "/head";
                                        }
                                        return tuned[bi] ? name + "/" + GroupOf(blk.id) : blk.id;
                                    }));
    }
    return family;
}

} // namespace edgeinference
} // namespace ns3
