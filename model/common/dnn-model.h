/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DNN_MODEL_H
#define DNN_MODEL_H

#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @brief Error raised for malformed model descriptions (files or API input).
 *
 * The message names the offending file, line, column and value where they are known.
 */
class ModelFormatError : public std::runtime_error
{
  public:
    /**
     * @brief Construct from a complete, human-readable message.
     * @param [in] what the message
     */
    explicit ModelFormatError(const std::string& what);
};

/**
 * @ingroup edge-inference-common
 * @brief One layer (or PipeSwitch-style layer group) of a DNN.
 */
struct DnnLayer
{
    std::string name;        ///< Layer name, e.g. "layer3.1.conv2"
    uint64_t parameters{0};  ///< Number of parameters (weights and biases)
    double flops{0};         ///< Forward FLOPs for one input sample (1 MAC = 2 FLOPs)
    uint64_t outputBytes{0}; ///< Output activation size for one sample, in bytes
    std::string blockId;     ///< Id of the parameter block holding this layer's parameters
};

/**
 * @ingroup edge-inference-common
 * @brief A set of contiguous layers whose parameters are stored and loaded together.
 *
 * Blocks carry ids: two models that list the same block id share that block (the same
 * parameters), so a GPU that holds it for one model need not load it again for the other.
 */
struct ParameterBlock
{
    std::string id;         ///< Block id, unique within a model family
    uint64_t bytes{0};      ///< Parameter bytes of the block
    uint32_t firstLayer{0}; ///< Index of the first layer in the block
    uint32_t lastLayer{0};  ///< Index of the last layer in the block (inclusive)
};

/**
 * @ingroup edge-inference-common
 * @brief An early-exit branch (side classifier) attached after a backbone layer.
 *
 * The exit-probability profile gives P(confidence >= threshold) for a sample reaching this
 * exit, as points (threshold, probability) sorted by threshold; the probability is
 * non-increasing in the threshold and interpolated linearly between points.
 */
struct EarlyExitBranch
{
    uint32_t afterLayer{0}; ///< Index of the backbone layer the branch is attached after
    double flops{0};        ///< FLOPs of the branch for one sample
    uint64_t parameters{0}; ///< Parameters of the branch
    double accuracy{0};     ///< Top-1 accuracy of the samples classified at this exit
    std::vector<std::pair<double, double>> exitProfile; ///< (threshold, exit probability)

    /**
     * @brief Exit probability at a confidence threshold (linear interpolation, clamped).
     * @param [in] threshold confidence threshold in [0, 1]
     * @return P(confidence >= threshold); 1 if the profile is empty and threshold <= 0
     */
    double ExitProbability(double threshold) const;
};

/**
 * @ingroup edge-inference-common
 * @brief A DNN as an ordered list of layers, grouped into parameter blocks, with optional
 * early exits.
 *
 * Pure C++ (no simulator state). Layers are appended in execution order; every layer names
 * the parameter block that holds its parameters and the layers of one block are contiguous.
 * Parameter bytes are parameters times GetBytesPerParameter() (4 for FP32).
 *
 * The CSV format (see doc/edge-inference.rst) has one record per line, the record type in
 * the first column:
 * @code
 * model,<name>,<bytesPerParameter>,<inputBytes>
 * layer,<name>,<parameters>,<flops>,<outputBytes>,<blockId>
 * exit,<afterLayer>,<flops>,<parameters>,<accuracy>
 * exitpoint,<exitIndex>,<threshold>,<probability>
 * @endcode
 * Lines starting with '#' are comments.
 */
class DnnModel
{
  public:
    /// Construct an empty, unnamed model (FP32 parameters).
    DnnModel();

    /**
     * @brief Construct an empty model.
     * @param [in] name the model name
     * @param [in] bytesPerParameter bytes per stored parameter (4 = FP32, 2 = FP16, 1 = INT8)
     */
    explicit DnnModel(std::string name, double bytesPerParameter = 4.0);

    /// @return the model name
    const std::string& GetName() const;

    /// @param [in] name the model name
    void SetName(const std::string& name);

    /// @return bytes per parameter
    double GetBytesPerParameter() const;

    /**
     * @brief Set the storage precision.
     * @param [in] bytesPerParameter bytes per parameter, > 0
     */
    void SetBytesPerParameter(double bytesPerParameter);

    /// @return input size of one sample, bytes (o_0 in the split-inference papers)
    uint64_t GetInputBytes() const;

    /// @param [in] bytes input size of one sample, bytes
    void SetInputBytes(uint64_t bytes);

    /**
     * @brief Append a layer. An empty block id puts the layer in a block of its own named
     * "<model>/<layer>". Throws ModelFormatError for negative FLOPs, an empty name, or a block
     * id reused after another block started (blocks must be contiguous).
     * @param [in] layer the layer
     */
    void AddLayer(const DnnLayer& layer);

    /**
     * @brief Attach an early-exit branch. Throws ModelFormatError if the position is not a
     * layer of the model, the accuracy is outside [0, 1] or the profile is not monotone.
     * @param [in] branch the branch
     */
    void AddExit(const EarlyExitBranch& branch);

    /// @return number of layers
    uint32_t GetNLayers() const;

    /**
     * @param [in] i layer index, < GetNLayers()
     * @return layer i
     */
    const DnnLayer& GetLayer(uint32_t i) const;

    /// @return all layers in execution order
    const std::vector<DnnLayer>& GetLayers() const;

    /**
     * @param [in] i layer index
     * @return parameter bytes of layer i
     */
    uint64_t GetLayerBytes(uint32_t i) const;

    /// @return parameter blocks in execution order
    const std::vector<ParameterBlock>& GetBlocks() const;

    /**
     * @param [in] id a block id
     * @return true if the model has a block with this id
     */
    bool HasBlock(const std::string& id) const;

    /// @return early exits sorted by position
    const std::vector<EarlyExitBranch>& GetExits() const;

    /// @return total number of parameters (backbone layers and exit branches)
    uint64_t GetTotalParameters() const;

    /// @return total parameter bytes of the backbone layers (what is downloaded or loaded)
    uint64_t GetTotalBytes() const;

    /// @return total forward FLOPs per sample of the backbone layers
    double GetTotalFlops() const;

    /**
     * @param [in] first first layer index
     * @param [in] last last layer index (inclusive)
     * @return sum of FLOPs of layers first..last
     */
    double GetFlops(uint32_t first, uint32_t last) const;

    /**
     * @brief Check internal consistency (non-empty, positive sizes where required).
     * Throws ModelFormatError naming the model and the problem.
     */
    void Validate() const;

    /**
     * @brief Write the model in the CSV format described above.
     * @param [in,out] os the output stream
     */
    void WriteCsv(std::ostream& os) const;

    /**
     * @brief Save to a CSV file. Throws ModelFormatError if the file cannot be written.
     * @param [in] path file name
     */
    void SaveCsv(const std::string& path) const;

    /**
     * @brief Parse a model from CSV text (read with ns-3's CsvReader).
     *
     * Throws ModelFormatError naming the source, line, column and value of the first error.
     * @param [in,out] is the input stream
     * @param [in] sourceName name used in error messages (e.g. the file name)
     * @return the model
     */
    static DnnModel ReadCsv(std::istream& is, const std::string& sourceName = "<stream>");

    /**
     * @brief Load a model from a CSV file. Throws ModelFormatError if the file cannot be
     * opened or is malformed.
     * @param [in] path file name
     * @return the model
     */
    static DnnModel LoadCsv(const std::string& path);

  private:
    std::string m_name;                   ///< Model name
    double m_bytesPerParameter;           ///< Storage precision
    uint64_t m_inputBytes;                ///< Input bytes of one sample
    std::vector<DnnLayer> m_layers;       ///< Layers in execution order
    std::vector<ParameterBlock> m_blocks; ///< Blocks in execution order
    std::vector<EarlyExitBranch> m_exits; ///< Early exits sorted by position
};

/**
 * @ingroup edge-inference-common
 * @brief A set of models whose parameter blocks may be shared (same id = same parameters).
 *
 * Used for the PartialLoading "backbone-sharing" and "general sharing" families.
 */
class DnnModelFamily
{
  public:
    /// Construct an empty family.
    DnnModelFamily() = default;

    /**
     * @brief Construct a named family.
     * @param [in] name the family name
     */
    explicit DnnModelFamily(std::string name);

    /// @return the family name
    const std::string& GetName() const;

    /**
     * @brief Add a model. Throws ModelFormatError if a model with the same name exists or a
     * block id is shared with a different size (an inconsistent sharing description).
     * @param [in] model the model
     */
    void Add(const DnnModel& model);

    /// @return the models in insertion order
    const std::vector<DnnModel>& GetModels() const;

    /**
     * @param [in] name a model name
     * @return the model; throws ModelFormatError if absent
     */
    const DnnModel& Get(const std::string& name) const;

    /**
     * @param [in] a first model name
     * @param [in] b second model name
     * @return bytes of the blocks that both models contain
     */
    uint64_t SharedBytes(const std::string& a, const std::string& b) const;

    /// @return number of distinct blocks over all models
    uint32_t GetNBlocks() const;

  private:
    std::string m_name;             ///< Family name
    std::vector<DnnModel> m_models; ///< Member models
};

} // namespace edgeinference
} // namespace ns3

#endif /* DNN_MODEL_H */
