/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCH_LATENCY_MODEL_H
#define BATCH_LATENCY_MODEL_H

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgeinference
{

class DnnModel;

/**
 * @ingroup edge-inference-common
 * @brief Edge-server GPU time of the blocks of a (multi-exit) DNN as a function of batch size.
 *
 * Block l (0-based here; block l ends at exit l in a multi-exit DNN) takes t_l(b) seconds for
 * a batch of b tasks, with t_l(0) = 0. Each block is described either
 * - affinely, t_l(b) = c_l + a_l b for b >= 1 (c_l: fixed weight/memory-access cost amortised
 *   by batching, a_l: per-task cost), the reconstructed model of Liu, Lan, Huang, "Resource
 *   Allocation for Multiuser Edge Inference with Batching and Early Exiting", IEEE JSAC 2023
 *   (section 3.1 of the module's specification); or
 * - by a measured table of (batch size, seconds) points: linear interpolation between measured
 *   sizes, linear extrapolation with the last two points beyond the largest size and with the
 *   first two points below the smallest size (clamped at 0); a single point means a time
 *   independent of the batch size. The measured times must be non-decreasing in b.
 *
 * With batching and early exiting, one batch enters block 0 and the tasks whose exit is block
 * l leave after it, so the batch entering block l is B_l = sum_{m >= l} n_m (n_m = tasks that
 * exit at m) and a task leaving at exit e completes sum_{l <= e} t_l(B_l) after the batch
 * starts.
 *
 * Pure C++: no simulator state. Invalid input throws std::invalid_argument naming the block
 * and the value.
 */
class BatchLatencyModel
{
  public:
    /// How FromDnnModel() cuts the model into blocks.
    enum class Segmentation
    {
        PARAMETER_BLOCKS, ///< One block per DnnModel parameter block
        EXITS,            ///< One block per early exit (block l ends at exit l), plus a tail
    };

    /// Construct a model with no blocks.
    BatchLatencyModel() = default;

    /**
     * @brief Affine model t_l(b) = c_l + a_l b.
     * @param [in] fixedCostS c_l for each block, s (>= 0)
     * @param [in] perTaskCostS a_l for each block, s/task (>= 0), same size as fixedCostS
     * @return the model
     */
    static BatchLatencyModel Affine(const std::vector<double>& fixedCostS,
                                    const std::vector<double>& perTaskCostS);

    /**
     * @brief Table model: for each block, measured (batch size, seconds) points.
     * @param [in] tables one table per block; see AddTableBlock() for the rules
     * @return the model
     */
    static BatchLatencyModel FromTable(
        const std::vector<std::vector<std::pair<uint32_t, double>>>& tables);

    /**
     * @brief Affine model derived from a DNN profile (a reconstruction, not a measured model).
     *
     * For each block l: c_l = perBlockOverheadS + paramBytes_l / memoryBandwidthBps (every
     * batch reads the block's weights once) and a_l = flops_l / gpuFlopsPerSecond (every task
     * performs the block's per-sample FLOPs). With Segmentation::EXITS, block l covers the
     * backbone layers after exit l-1 up to and including the layer exit l is attached after,
     * and includes the branch of exit l (every task passing the block evaluates the branch,
     * BranchyNet-style); a final block covers the layers after the last exit, if any. A model
     * without exits then gives a single block. With Segmentation::PARAMETER_BLOCKS the blocks
     * are the model's parameter blocks and exits are ignored.
     * @param [in] model the DNN (at least one layer)
     * @param [in] gpuFlopsPerSecond effective GPU speed, FLOP/s (> 0)
     * @param [in] perBlockOverheadS fixed per-block overhead (kernel launches etc.), s (>= 0)
     * @param [in] memoryBandwidthBps GPU memory bandwidth, bytes/s (> 0; infinity allowed)
     * @param [in] segmentation how to cut the model into blocks
     * @return the model
     */
    static BatchLatencyModel FromDnnModel(const DnnModel& model,
                                          double gpuFlopsPerSecond,
                                          double perBlockOverheadS,
                                          double memoryBandwidthBps,
                                          Segmentation segmentation = Segmentation::EXITS);

    /**
     * @brief Batch size entering each block from the number of tasks leaving at each exit.
     * @param [in] exitCounts n_l, tasks that exit after block l
     * @return B_l = sum_{m >= l} n_m
     */
    static std::vector<uint32_t> BatchSizesFromExitCounts(const std::vector<uint32_t>& exitCounts);

    /**
     * @brief Append an affine block t(b) = c + a b.
     * @param [in] fixedCostS c, s (finite, >= 0)
     * @param [in] perTaskCostS a, s/task (finite, >= 0)
     */
    void AddAffineBlock(double fixedCostS, double perTaskCostS);

    /**
     * @brief Append a measured block. The points need not be sorted; batch sizes must be >= 1
     * and distinct, times finite, >= 0 and non-decreasing in the batch size.
     * @param [in] points (batch size, seconds) pairs, at least one
     */
    void AddTableBlock(std::vector<std::pair<uint32_t, double>> points);

    /// @return number of blocks L
    uint32_t GetNBlocks() const;

    /**
     * @param [in] block block index l, < GetNBlocks()
     * @return true if the block is affine, false if it is a table
     */
    bool IsAffine(uint32_t block) const;

    /**
     * @param [in] block index of an affine block
     * @return c_l, s
     */
    double GetFixedCost(uint32_t block) const;

    /**
     * @param [in] block index of an affine block
     * @return a_l, s/task
     */
    double GetPerTaskCost(uint32_t block) const;

    /**
     * @brief GPU time of one block.
     * @param [in] block block index l, < GetNBlocks()
     * @param [in] batchSize b (0 gives 0)
     * @return t_l(b), s
     */
    double GetLatency(uint32_t block, uint32_t batchSize) const;

    /**
     * @brief Cumulative time to reach each exit for an early-exit batch.
     * @param [in] batchSizes B_l entering each block, one per block, non-increasing in l
     * @return T_l = sum_{j <= l} t_j(B_j), s, one per block
     */
    std::vector<double> GetCumulativeLatency(const std::vector<uint32_t>& batchSizes) const;

    /**
     * @brief Total time of an early-exit batch (the last value of GetCumulativeLatency()).
     * @param [in] batchSizes B_l entering each block, one per block, non-increasing in l
     * @return sum_l t_l(B_l), s (0 for a model without blocks)
     */
    double GetTotalLatency(const std::vector<uint32_t>& batchSizes) const;

    /**
     * @brief Time of a batch that runs through all blocks (no early exit).
     * @param [in] batchSize b
     * @return sum_l t_l(b), s
     */
    double GetFullLatency(uint32_t batchSize) const;

  private:
    /// One block: affine coefficients or a sorted table.
    struct Block
    {
        bool isAffine{true};                             ///< Affine (true) or table (false)
        double fixedCost{0};                             ///< c_l, s (affine)
        double perTaskCost{0};                           ///< a_l, s/task (affine)
        std::vector<std::pair<uint32_t, double>> points; ///< Sorted table (table)
    };

    /**
     * @param [in] block block index
     * @param [in] who calling method name, for the error message
     * @return the block; throws std::invalid_argument if out of range
     */
    const Block& GetBlock(uint32_t block, const char* who) const;

    std::vector<Block> m_blocks; ///< Blocks in execution order
};

} // namespace edgeinference
} // namespace ns3

#endif /* BATCH_LATENCY_MODEL_H */
