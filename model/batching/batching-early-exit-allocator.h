/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCHING_EARLY_EXIT_ALLOCATOR_H
#define BATCHING_EARLY_EXIT_ALLOCATOR_H

#include "batching-early-exit-solver.h"

#include "ns3/batch-latency-model.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference
 * @brief ns-3 Object shell (attributes, trace) around BatchingEarlyExitSolver.
 *
 * The file is named after the solver's file with the suffix "-object" because
 * batching-early-exit-solver.{h,cc} already holds the pure C++ solver.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference
 * @brief Joint scheduling and uplink bandwidth allocation for multiuser edge inference with
 * batching and early exiting (Z. Liu, Q. Lan, K. Huang, IEEE JSAC 41(4), 2023), as an ns-3
 * Object with attributes, used by BatchingEarlyExitServer once per frame.
 *
 * It builds a BatchingEarlyExitProblem from the users of a frame and the attributes (exit
 * accuracies A_l, block latencies t_l(b), total bandwidth W) and solves it with
 * BatchingEarlyExitSolver:
 * - Algorithm Optimal: the proposed scheme (batching + early exit), Optimal-U or Optimal-H;
 * - Greedy: the proposed scheme, greedy algorithm;
 * - NoBatchingNoEarlyExit, BatchingOnly, EarlyExitOnly: the baselines (a), (b), (c) of the
 *   spec (3.4), each with its best (optimal) user set.
 *
 * **Block latency.** If FixedCostsS and PerTaskCostsS are both given (comma-separated, one
 * value per block) t_l(b) = c_l + a_l b with those values; otherwise the zoo model ModelName
 * is cut at its exits (BatchLatencyModel::FromDnnModel, Segmentation::EXITS) with
 * GpuFlopsPerSecond, PerBlockOverheadS and MemoryBandwidthBps.
 *
 * **Channel and calibration.** Each user brings s_k = p_k g_k / N_0 in Hz (for LTE,
 * SnrBandwidthFromSinr() of the eNB's wideband SRS SINR). The solver's rate is
 * w log2(1 + s / w); an LTE uplink achieves less (MCS granularity, BLER target, control
 * overhead). Two calibration attributes map the Shannon model to the link actually used:
 * SnrGapDb (Gamma: the solver sees s_k / Gamma) and RateEfficiency (eta: the solver sees
 * D_k / eta), i.e. r = eta w log2(1 + s / (Gamma w)). Both default to the ideal values
 * (0 dB, 1). The prediction returned is the one of these effective inputs.
 */
class BatchingEarlyExitAllocator : public Object
{
  public:
    /// Algorithm / scheme selected by the Algorithm attribute.
    enum Algorithm
    {
        OPTIMAL,                   ///< Proposed scheme, Optimal-U or Optimal-H
        GREEDY,                    ///< Proposed scheme, greedy
        NO_BATCHING_NO_EARLY_EXIT, ///< Baseline (a), optimal set
        BATCHING_ONLY,             ///< Baseline (b), optimal set
        EARLY_EXIT_ONLY,           ///< Baseline (c), optimal set
    };

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    BatchingEarlyExitAllocator();
    ~BatchingEarlyExitAllocator() override;

    BatchingEarlyExitAllocator(const BatchingEarlyExitAllocator&) = delete;
    BatchingEarlyExitAllocator& operator=(const BatchingEarlyExitAllocator&) = delete;

    /**
     * @brief Solve one frame.
     *
     * The users' uploadBits and snrBandwidthHz are divided by RateEfficiency and by the SNR
     * gap before solving. Fatal error (naming the attribute and value) if the attributes do
     * not describe a valid problem.
     * @param [in] users the users of the frame (s_k and D_k as measured / requested)
     * @param [in] frameLengthS T_f for the throughput, s (0 = the largest deadline)
     * @return the decision and its prediction
     * @throw std::invalid_argument if a user's field is invalid (see BatchingEarlyExitSolver)
     */
    BatchingEarlyExitDecision Allocate(const std::vector<BatchingEarlyExitUser>& users,
                                       double frameLengthS);

    /// @return the block latency model described by the attributes
    BatchLatencyModel GetLatencyModel() const;

    /// @return A_l, one per block, from the attributes
    std::vector<double> GetExitAccuracies() const;

    /// @return the processing scheme of the selected algorithm
    BatchingEarlyExitScheme GetScheme() const;

    /// @return the solver algorithm of the selected algorithm
    BatchingEarlyExitAlgorithm GetSolverAlgorithm() const;

    /// @return the Algorithm attribute
    Algorithm GetAlgorithm() const;

    /// @return W, Hz (attribute TotalBandwidthHz)
    double GetTotalBandwidthHz() const;

    /**
     * @param [in] algorithm an algorithm
     * @return its attribute name, e.g. "Greedy"
     */
    static std::string AlgorithmName(Algorithm algorithm);

    /**
     * @brief s = p g / N_0 from a wideband SINR: with the power p spread over the measured
     * bandwidth B (as the LTE SRS is, without uplink power control), SINR = p g / (N_0 B),
     * so s = SINR x B.
     * @param [in] sinrLinear measured SINR (linear, >= 0)
     * @param [in] measuredBandwidthHz bandwidth the SINR was measured over, Hz (> 0)
     * @return s, Hz
     */
    static double SnrBandwidthFromSinr(double sinrLinear, double measuredBandwidthHz);

    /**
     * TracedCallback signature of an allocation.
     * @param [in] nUsers users of the frame
     * @param [in] nServed users served
     * @param [in] throughputPerS predicted throughput, tasks/s
     */
    typedef void (*AllocationTracedCallback)(uint32_t nUsers,
                                             uint32_t nServed,
                                             double throughputPerS);

  private:
    /**
     * @param [in] text comma-separated numbers
     * @param [in] attribute attribute name for the error message
     * @return the numbers (fatal error on a malformed entry)
     */
    static std::vector<double> ParseList(const std::string& text, const std::string& attribute);

    Algorithm m_algorithm;                                        ///< Attribute Algorithm
    std::string m_modelName;                                      ///< Attribute ModelName
    std::string m_exitAccuracies;                                 ///< Attribute ExitAccuracies
    double m_finalAccuracy;                                       ///< Attribute FinalAccuracy
    double m_gpuFlopsPerSecond;                                   ///< Attribute GpuFlopsPerSecond
    double m_perBlockOverheadS;                                   ///< Attribute PerBlockOverheadS
    double m_memoryBandwidthBps;                                  ///< Attribute MemoryBandwidthBps
    std::string m_fixedCostsS;                                    ///< Attribute FixedCostsS
    std::string m_perTaskCostsS;                                  ///< Attribute PerTaskCostsS
    double m_totalBandwidthHz;                                    ///< Attribute TotalBandwidthHz
    double m_snrGapDb;                                            ///< Attribute SnrGapDb
    double m_rateEfficiency;                                      ///< Attribute RateEfficiency
    uint64_t m_maxSearchNodes;                                    ///< Attribute MaxSearchNodes
    uint64_t m_nAllocations;                                      ///< Allocations made
    TracedCallback<uint32_t, uint32_t, double> m_allocationTrace; ///< Allocation made
};

} // namespace edgeinference
} // namespace ns3

#endif /* BATCHING_EARLY_EXIT_ALLOCATOR_H */
