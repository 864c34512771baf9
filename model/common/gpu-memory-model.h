/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef GPU_MEMORY_MODEL_H
#define GPU_MEMORY_MODEL_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{

class DnnModel;

/**
 * @ingroup edge-inference-common
 * @brief Outcome of GpuMemoryModel::Load().
 */
struct GpuLoadResult
{
    uint64_t loadedBytes{0};               ///< Bytes copied to the GPU (blocks that were missing)
    double loadTime{0};                    ///< Loading time, s (0 if nothing was missing)
    std::vector<std::string> loadedBlocks; ///< Ids of the blocks loaded, in model order
    std::vector<std::string> evicted;      ///< Ids of the blocks evicted, in eviction order
};

/**
 * @ingroup edge-inference-common
 * @brief Edge-server GPU memory holding the parameter blocks of DNN models.
 *
 * The model of PartialLoading (G. Qu, Q. Chen, X. Chen, K. Huang, Y. Fang, "User Scheduling
 * and Bandwidth Allocation for Parameter-sharing Edge Inference", arXiv 2503.22982), sections
 * 2.1-2.2 of the module's specification (a reconstruction). Blocks are identified by id and
 * shared by reference: a block resident for one model is not loaded again for another model
 * that lists the same id. Loading the missing blocks Delta of a model takes
 * lambda = bytes(Delta) / R_L + tau_0 * 1[Delta not empty], where R_L is the host-to-GPU
 * loading bandwidth and tau_0 a fixed per-load overhead.
 *
 * Eviction policies:
 * - KEEP_LAST_MODEL (R2.1 of [2] default): the GPU holds the blocks of the last loaded model;
 *   loading a model evicts every unpinned block it does not list.
 * - LRU (R2.1 of [2] optional extension): a capacity-limited block cache; loading evicts
 *   the least-recently-used unpinned blocks the model does not list, only until it fits.
 *   Ties of the last-use time are broken by the order in which the blocks were used.
 *
 * Pinned blocks are never evicted. Load() has the strong exception guarantee: on error the
 * state is unchanged. Errors throw std::invalid_argument (bad parameters, impossible loads)
 * or ModelFormatError (a block id resident with a different size), naming the model and
 * sizes.
 */
class GpuMemoryModel
{
  public:
    /// Eviction policy.
    enum class EvictionPolicy
    {
        LRU,             ///< Evict least-recently-used unpinned blocks until the model fits
        KEEP_LAST_MODEL, ///< Evict every unpinned block not in the model being loaded
    };

    /**
     * @brief Construct an empty (cold) GPU memory.
     * @param [in] capacityBytes memory capacity, bytes (> 0)
     * @param [in] loadBandwidthBps host-to-GPU loading bandwidth R_L, bytes/s (> 0)
     * @param [in] loadOverheadS fixed overhead tau_0 of each non-empty load, s (>= 0)
     * @param [in] policy eviction policy
     */
    GpuMemoryModel(uint64_t capacityBytes,
                   double loadBandwidthBps,
                   double loadOverheadS = 0.0,
                   EvictionPolicy policy = EvictionPolicy::KEEP_LAST_MODEL);

    /// @return the capacity, bytes
    uint64_t GetCapacity() const;

    /**
     * @brief Change the capacity. Throws std::invalid_argument if below GetUsedBytes().
     * @param [in] capacityBytes capacity, bytes (> 0)
     */
    void SetCapacity(uint64_t capacityBytes);

    /// @return R_L, bytes/s
    double GetLoadBandwidth() const;

    /// @param [in] loadBandwidthBps R_L, bytes/s (> 0)
    void SetLoadBandwidth(double loadBandwidthBps);

    /// @return tau_0, s
    double GetLoadOverhead() const;

    /// @param [in] loadOverheadS tau_0, s (finite, >= 0)
    void SetLoadOverhead(double loadOverheadS);

    /// @return the eviction policy
    EvictionPolicy GetEvictionPolicy() const;

    /// @param [in] policy the eviction policy
    void SetEvictionPolicy(EvictionPolicy policy);

    /**
     * @param [in] model a DNN
     * @return ids of the model's blocks that are not resident, in model order
     */
    std::vector<std::string> GetMissingBlocks(const DnnModel& model) const;

    /**
     * @param [in] model a DNN
     * @return bytes of the model's blocks that are not resident
     */
    uint64_t GetMissingBytes(const DnnModel& model) const;

    /**
     * @param [in] model a DNN
     * @return missing bytes / R_L + tau_0 if any block is missing, else 0, s
     */
    double LoadTime(const DnnModel& model) const;

    /**
     * @brief Make every block of a model resident, evicting blocks as the policy says, and
     * stamp all its blocks as used at @p now.
     * @param [in] model the DNN
     * @param [in] now current time (any clock; used for LRU), s
     * @return what was loaded and evicted
     */
    GpuLoadResult Load(const DnnModel& model, double now);

    /**
     * @brief Stamp the resident blocks of a model as used at @p now (e.g. when it runs).
     * @param [in] model the DNN
     * @param [in] now current time, s
     */
    void Touch(const DnnModel& model, double now);

    /**
     * @brief Pin a resident block so it is never evicted. Throws std::invalid_argument if
     * the block is not resident.
     * @param [in] blockId the block id
     */
    void Pin(const std::string& blockId);

    /**
     * @brief Unpin a block (no effect if not pinned or not resident).
     * @param [in] blockId the block id
     */
    void Unpin(const std::string& blockId);

    /**
     * @param [in] blockId a block id
     * @return true if the block is resident and pinned
     */
    bool IsPinned(const std::string& blockId) const;

    /**
     * @param [in] blockId a block id
     * @return true if the block is resident
     */
    bool IsResident(const std::string& blockId) const;

    /**
     * @param [in] model a DNN
     * @return true if every block of the model is resident
     */
    bool IsLoaded(const DnnModel& model) const;

    /// @return bytes of the resident blocks
    uint64_t GetUsedBytes() const;

    /// @return capacity minus used bytes
    uint64_t GetFreeBytes() const;

    /// @return ids of the resident blocks, sorted by id
    std::vector<std::string> GetResidentBlocks() const;

    /// Evict every block, pinned ones included (a cold GPU).
    void Clear();

    /**
     * @brief Time to switch the GPU from one model to another with block sharing (R2.2 of [2]).
     * @param [in] from the resident model (an empty DnnModel for a cold GPU)
     * @param [in] to the next model
     * @param [in] loadBandwidthBps R_L, bytes/s (> 0)
     * @param [in] loadOverheadS tau_0, s (>= 0)
     * @return bytes of the blocks of @p to whose ids are not in @p from, / R_L, plus tau_0 if
     * there is at least one such block, s
     */
    static double SwitchTime(const DnnModel& from,
                             const DnnModel& to,
                             double loadBandwidthBps,
                             double loadOverheadS = 0.0);

    /**
     * @brief Switch time without block sharing (R2.2 of [2] no-sharing baseline).
     *
     * Two models are the same if they have the same name and the same block ids in order.
     * @param [in] from the resident model (an empty DnnModel for a cold GPU)
     * @param [in] to the next model
     * @param [in] loadBandwidthBps R_L, bytes/s (> 0)
     * @param [in] loadOverheadS tau_0, s (>= 0)
     * @return 0 if the models are the same, else total bytes of @p to / R_L + tau_0, s
     */
    static double NoSharingSwitchTime(const DnnModel& from,
                                      const DnnModel& to,
                                      double loadBandwidthBps,
                                      double loadOverheadS = 0.0);

  private:
    /// A resident block.
    struct Resident
    {
        uint64_t bytes{0};    ///< Block size, bytes
        double lastUse{0};    ///< Time of the last use, s
        uint64_t useOrder{0}; ///< Tie-breaker: sequence number of the last use
        bool isPinned{false}; ///< Never evicted while pinned
    };

    /**
     * @brief Stamp a resident block as used.
     * @param [in,out] block the block
     * @param [in] now current time, s
     */
    void Stamp(Resident& block, double now);

    uint64_t m_capacityBytes;                   ///< Capacity, bytes
    double m_loadBandwidthBps;                  ///< R_L, bytes/s
    double m_loadOverheadS;                     ///< tau_0, s
    EvictionPolicy m_policy;                    ///< Eviction policy
    std::map<std::string, Resident> m_resident; ///< Resident blocks by id
    uint64_t m_usedBytes{0};                    ///< Sum of resident block sizes
    uint64_t m_useCounter{0};                   ///< Last sequence number handed out
};

} // namespace edgeinference
} // namespace ns3

#endif /* GPU_MEMORY_MODEL_H */
