/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DNN_MODEL_ZOO_H
#define DNN_MODEL_ZOO_H

#include "dnn-model.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-common
 * @brief DnnModelZoo: layer profiles of well-known DNNs derived from their architectures.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @brief Ready-made DnnModel profiles of well-known networks, derived from their layer
 * configurations, and parameter-sharing model families built on them.
 *
 * Every profile is computed by small builders from the real architecture (layer shapes,
 * kernel sizes, channel counts); no per-layer totals are typed in. The conventions are:
 * - convolution: weights k*k*(cin/groups)*cout, plus cout biases where the real network has
 *   them; MACs = k*k*(cin/groups)*cout*Hout*Wout;
 * - batch normalization: 2*c learnable parameters (gamma, beta); running statistics are
 *   buffers and not counted (torchvision / PyTorch numel() convention);
 * - linear: in*out weights plus out biases; MACs = in*out per token / sample;
 * - FLOPs = 2 * MACs of the convolutions, linear layers and attention matrix products only;
 *   activations, pooling, normalization, softmax and residual additions are not counted
 *   (the convention behind the published torchvision GFLOPS / GMAC figures);
 * - the output activation of a layer is C*H*W*4 bytes per sample (FP32);
 * - parameters are stored in FP32 (4 bytes each).
 *
 * Totals (checked by the unit tests against the published figures, within 1%):
 * | model       | parameters       | MACs per sample          |
 * |-------------|------------------|--------------------------|
 * | resnet18    | 11 689 512       | 1.814 G (224x224)        |
 * | resnet50    | 25 557 032       | 4.089 G (224x224)        |
 * | vgg16       | 138 357 544      | 15.47 G (224x224)        |
 * | mobilenetv2 | 3 504 872        | 0.3008 G (224x224)       |
 * | bert-base   | 109 482 240      | see BertBase()           |
 * | gpt2        | 124 439 808      | see Gpt2()               |
 * | llama2-7b   | 6 738 415 616    | see Llama2_7B()          |
 * | b-alexnet   | 544 074 (+ 61 812 in the side branches) | 28.25 M (32x32)   |
 *
 * Layer names follow the torchvision / Hugging Face module names; block ids are
 * "<model>/<group>", e.g. "resnet50/layer3".
 */
class DnnModelZoo
{
  public:
    /// Phase of a decoder-only language model that a profile describes.
    enum class LlmPhase
    {
        PREFILL, ///< Process a whole prompt of seqLen tokens in one pass
        DECODE   ///< Generate one token with a KV cache holding seqLen earlier tokens
    };

    /**
     * @brief Names accepted by Get(), in a fixed order.
     * @return "resnet18", "resnet50", "vgg16", "mobilenetv2", "bert-base", "gpt2",
     * "llama2-7b", "b-alexnet"
     */
    static std::vector<std::string> GetNames();

    /**
     * @brief Build a zoo model with its default settings (224x224 images, 1000 classes,
     * sequence length 128, LLaMA prefill of 128 tokens).
     *
     * The name is matched case-insensitively. Throws std::invalid_argument naming the
     * unknown model and listing the valid names.
     * @param [in] name a name from GetNames()
     * @return the model
     */
    static DnnModel Get(const std::string& name);

    /**
     * @brief ResNet-18 (He et al., CVPR 2016; torchvision resnet18), 224x224 input.
     *
     * Layers: "conv1" (stem: 7x7 conv, BN, max pool), one layer per BasicBlock
     * ("layer1.0" ... "layer4.1"), "fc" (global average pool + linear).
     * Blocks: stem, layer1, layer2, layer3, layer4, fc.
     * @param [in] numClasses output classes of the fc layer (> 0)
     * @return the model, named "resnet18"
     */
    static DnnModel ResNet18(uint32_t numClasses = 1000);

    /**
     * @brief ResNet-50 (torchvision resnet50, v1.5: stride in the 3x3 conv), 224x224 input.
     *
     * Layers: "conv1", one layer per Bottleneck ("layer1.0" ... "layer4.2"), "fc".
     * Blocks: stem, layer1, layer2, layer3, layer4, fc. Without fc the backbone holds
     * 23 508 032 parameters (94.03 MB in FP32).
     * @param [in] numClasses output classes of the fc layer (> 0)
     * @return the model, named "resnet50"
     */
    static DnnModel ResNet50(uint32_t numClasses = 1000);

    /**
     * @brief VGG-16 (Simonyan and Zisserman, ICLR 2015; torchvision vgg16, no BN),
     * 224x224 input.
     *
     * Layers: one per convolution ("features.0" ... "features.28", the following max pool
     * merged into the preceding conv) and "classifier.0", "classifier.3", "classifier.6".
     * Blocks: stage1 ... stage5 (the convolution stages), classifier (classifier.0 and .3),
     * head (classifier.6).
     * @param [in] numClasses output classes of the last linear layer (> 0)
     * @return the model, named "vgg16"
     */
    static DnnModel Vgg16(uint32_t numClasses = 1000);

    /**
     * @brief MobileNetV2 (Sandler et al., CVPR 2018; torchvision mobilenet_v2, width 1.0),
     * 224x224 input.
     *
     * Layers: "features.0" (stem conv), one per inverted-residual block ("features.1" ...
     * "features.17"), "features.18" (1x1 conv to 1280), "classifier.1" (pool + linear).
     * Blocks: stem, stage1 ... stage7 (one per row of the paper's Table 2), conv_last,
     * classifier.
     * @param [in] numClasses output classes (> 0)
     * @return the model, named "mobilenetv2"
     */
    static DnnModel MobileNetV2(uint32_t numClasses = 1000);

    /**
     * @brief BERT-base (Devlin et al., NAACL 2019; Hugging Face bert-base-uncased): 12
     * encoder blocks, hidden size d = 768, FFN size f = 3072, vocabulary V = 30522, 512
     * positions, 2 token types.
     *
     * Layers and blocks: "embeddings" (word, position and token-type embeddings +
     * LayerNorm), "encoder.layer.0" ... "encoder.layer.11" (one block each), and a "head"
     * block holding "pooler" (dense d x d on the [CLS] token) and, if numClasses > 0, a
     * "classifier" (d x numClasses). With numClasses = 0 the model has the Hugging Face
     * BertModel size, 109 482 240 parameters.
     *
     * FLOPs per sample (one sequence of s = seqLen tokens), counting matrix products only:
     * - per encoder block: 2 * (4 s d^2 [Q, K, V, output projections] + 2 s^2 d [Q K^T and
     *   attention x V] + 2 s d f [the two FFN matrices]);
     * - pooler: 2 d^2; classifier: 2 d numClasses; embeddings: 0 (table look-ups).
     * At s = 128 this is 22.35 GFLOPs. Activations: s*d*4 bytes per encoder block output.
     * @param [in] seqLen tokens per sequence (> 0)
     * @param [in] numClasses classes of an optional classification layer (0 = none)
     * @return the model, named "bert-base"
     */
    static DnnModel BertBase(uint32_t seqLen = 128, uint32_t numClasses = 0);

    /**
     * @brief GPT-2 small (Radford et al., 2019; Hugging Face gpt2): 12 decoder blocks,
     * d = 768, f = 3072, V = 50257, 1024 positions.
     *
     * Layers and blocks: "embeddings" (wte + wpe), "h.0" ... "h.11", and "head" (final
     * LayerNorm ln_f + the language-model head). The LM head is tied to wte, so its weights
     * are counted once, in "embeddings": 124 439 808 parameters in total.
     *
     * FLOPs per sample (one sequence of s = seqLen tokens, logits for every position, as
     * in a Hugging Face forward pass), matrix products only:
     * - per block: 2 * (4 s d^2 + 2 s^2 d + 2 s d f), the attention counted over the full
     *   s x s score matrix (masked entries included);
     * - head: 2 s d V. At s = 128 the total is 32.23 GFLOPs.
     * @param [in] seqLen tokens per sequence (> 0, <= 1024)
     * @return the model, named "gpt2"
     */
    static DnnModel Gpt2(uint32_t seqLen = 128);

    /**
     * @brief LLaMA-2-7B (Touvron et al., 2023) at block granularity: 32 decoder blocks,
     * d = 4096, SwiGLU FFN f = 11008, 32 heads (no grouped-query attention), V = 32000,
     * RMSNorm (d weights, no bias), no linear biases, untied LM head.
     *
     * Layers and blocks: "embed_tokens", "layers.0" ... "layers.31", and "head" (final
     * RMSNorm + lm_head in one layer). Parameters: 6 738 415 616.
     *
     * FLOPs, matrix products only, with n = seqLen:
     * - PREFILL (one sample = a prompt of n tokens, logits for all n positions):
     *   per block 2 * (4 n d^2 + 2 n^2 d + 3 n d f); head 2 n d V;
     * - DECODE (one sample = one generated token, attending to n cached tokens and itself):
     *   per block 2 * (4 d^2 + 2 (n + 1) d + 3 d f); head 2 d V.
     * Activations: n*d*4 (PREFILL) or d*4 (DECODE) bytes per block output; the head
     * outputs the logits, n*V*4 or V*4 bytes.
     * @param [in] seqLen prompt length (PREFILL, > 0) or KV-cache length (DECODE, >= 0)
     * @param [in] phase PREFILL or DECODE
     * @return the model, named "llama2-7b"
     */
    static DnnModel Llama2_7B(uint32_t seqLen = 128, LlmPhase phase = LlmPhase::PREFILL);

    /**
     * @brief B-AlexNet for CIFAR-10 (32x32x3), the multi-exit network of BranchyNet.
     *
     * Source: S. Teerapittayanon, B. McDanel, H. T. Kung, "BranchyNet: Fast Inference via
     * Early Exiting from Deep Neural Networks", ICPR 2016 (arXiv:1709.01686). The layer
     * configuration is the authors' Chainer code (github.com/kunglab/branchynet,
     * networks/alex_cifar10.py): conv 5x5 3->32, conv 5x5 32->64, conv 3x3 64->96,
     * 96->96, 96->64 (all with bias; 3x3/stride-2 max pools with Chainer's cover_all
     * rounding and LRN after conv1 and conv2), fc 1024->256->128->10.
     * Backbone layers: "conv1" ... "conv5", "fc1", "fc2", "fc3"; blocks: features
     * (conv1-conv5), classifier (fc1, fc2), head (fc3).
     *
     * Two side branches (EarlyExitBranch), with FLOPs and parameters derived from the same
     * code:
     * - exit 1 after "conv2": ReLU, pool, LRN, conv 3x3 64->32, conv 3x3 32->32, pool,
     *   fc 512->10 (32 842 parameters, 3.549 MFLOPs);
     * - exit 2 after "conv3": ReLU, pool, LRN, conv 3x3 96->32, pool, fc 128->10
     *   (28 970 parameters, 0.887 MFLOPs).
     *
     * Published figures (paper, Table 1, CPU rows): B-AlexNet overall accuracy 79.19 %
     * (AlexNet baseline 78.38 %) at entropy thresholds T = (0.0001, 0.05), where 65.6 %,
     * 25.2 % and 9.2 % of the CIFAR-10 test samples leave at exit 1, exit 2 and the final
     * classifier.
     *
     * Reconstructed (not published; the paper reports only the overall accuracy and the
     * exit fractions):
     * - per-exit accuracies of the samples leaving there: 0.88 (exit 1), 0.687 (exit 2) and
     *   0.45 (final classifier), chosen so that 0.656*0.88 + 0.252*0.687 + 0.092*0.45 =
     *   0.7919 reproduces the published overall accuracy; easy samples leave early;
     * - exit-probability profiles on the max-softmax confidence threshold: piecewise
     *   linear through (0.1, 1) (a 10-class softmax always has confidence >= 0.1), the
     *   published operating point placed at confidence 0.9 — P = 0.656 for exit 1 and
     *   P = 0.252/0.344 = 0.7326 (conditional on reaching it) for exit 2 — and (1, 0).
     * @return the model, named "b-alexnet"
     */
    static DnnModel BranchyAlexNet();

    /**
     * @brief Task-specific variants of one backbone that share every block but their head
     * (PartialLoading's "backbone-sharing" / "bottom-layer sharing" case).
     *
     * Variant v (v = 0 .. nVariants-1) is named "<baseName>-task<v>". It keeps the block ids
     * of the base zoo model (so it also shares them with the plain base model) except for
     * its last block, the head, which gets the id "<baseName>-task<v>/head". The head is
     * rebuilt for classesPerVariant[v] classes when that list is given (classification
     * models only); otherwise it keeps the base size.
     * @param [in] baseName a zoo name (see GetNames())
     * @param [in] nVariants number of variants (>= 1)
     * @param [in] classesPerVariant empty, or nVariants class counts (each > 0); not
     * allowed for the language models gpt2 and llama2-7b
     * @return the family, named "<baseName>-backbone"
     */
    static DnnModelFamily BackboneSharingFamily(
        const std::string& baseName,
        uint32_t nVariants,
        const std::vector<uint32_t>& classesPerVariant = {});

    /**
     * @brief Partially fine-tuned variants that share an arbitrary subset of blocks
     * (PartialLoading's general case).
     *
     * Variant v is named "<baseName>-ft<v>". Its head (last block) is always task-specific.
     * Every other block is fine-tuned (gets the new id "<baseName>-ft<v>/<group>")
     * independently with probability fineTuneProbability and otherwise keeps the base id.
     * Each variant fine-tunes at least one and not all of the non-head blocks, and no two
     * variants fine-tune the same subset (a subset drawn again is redrawn). The draws use a
     * std::mt19937 seeded with seed, so the family is a deterministic function of the
     * arguments.
     *
     * Throws std::invalid_argument for an unknown base name, nVariants = 0, a probability
     * outside (0, 1), or more variants than distinct subsets (2^k - 2 for k non-head
     * blocks).
     * @param [in] baseName a zoo name (see GetNames())
     * @param [in] nVariants number of variants (>= 1)
     * @param [in] fineTuneProbability probability that a non-head block is fine-tuned
     * @param [in] seed seed of the random draws
     * @return the family, named "<baseName>-general"
     */
    static DnnModelFamily GeneralSharingFamily(const std::string& baseName,
                                               uint32_t nVariants,
                                               double fineTuneProbability = 0.3,
                                               uint32_t seed = 1);
};

} // namespace edgeinference
} // namespace ns3

#endif /* DNN_MODEL_ZOO_H */
