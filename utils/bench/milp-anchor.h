/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_MILP_ANCHOR_H
#define EDGE_INFERENCE_MILP_ANCHOR_H

/**
 * @file
 * @ingroup edge-inference
 * @brief The MILP anchor: the batching + early-exit C2 allocation and the PartialLoading
 * schedule written as mixed-integer linear programmes and solved by GLPK, as a researcher
 * without this module would, to check the module's exact algorithms against a generic
 * solver and to time them against it.
 *
 * Built only when GLPK (glpk.h, libglpk, Debian package libglpk-dev) is found at configure
 * time (standalone CMake build); the allocator benchmark and the gtest then define
 * EI_HAVE_GLPK. Not part of the module's library.
 *
 * Batching + early exit (R3.1–R3.2 of [3], scheme BATCHING_EARLY_EXIT), maximise |S|:
 * binaries x_k (user k served, individually feasible users only), the common upload end
 * T_u (continuous) and bandwidths y_k (fractions of W). The batch sizes
 * B_l = sum_{j : e_j >= l} x_j are linear; the GPU time of block l is c_l + a_l B_l for an
 * affine block and sum_b t_l(b) z_{l,b} with a one-hot z_{l,.} (sum_b b z_{l,b} = B_l) for a
 * table block, so the deadline of a served user, T_u + sum_{l <= e_k} t_l(B_l) <= T_k, is
 * linear (big-M on x_k). Its only non-linear part is w_k^min(T_u) (Lambert W), which is
 * convex and decreasing in T_u: y_k >= every tangent of w_k^min (big-M on x_k),
 * sum y_k <= 1, T_u >= D_k ln 2 / s_k for a served user. This outer approximation is a
 * relaxation; the loop solves it, evaluates the set found exactly
 * (BatchingEarlyExitSolver::EvaluateSet()) and, if the set does not fit W, adds the
 * tangents at its exact T_u*(S) (which cut that set off for good) and solves again. The
 * first set that fits is a maximum set (a relaxation's optimum that is feasible).
 *
 * PartialLoading schedule (R2.2 of [2], step 1 with uploads ignored, a common deadline T,
 * SHARING): positions p = 1..P (P = number of candidate requests), binaries y_{m,p} (position
 * p runs model m; at most one model per position, positions filled from the first, at most
 * Q_m positions for the Q_m requests of model m), transition variables
 * u_{m,m',p} >= y_{m,p} + y_{m',p+1} - 1 and the makespan
 * sum_m lambda(m_0, m) y_{m,1} + sum_{p,m != m'} lambda(m, m') u_{m,m',p} + sum I_m y_{m,p}
 * <= T; maximise sum y. It allows any order of the models (the backbone DP only orders whole
 * clusters), so the same optimum is also a check of the DP's structural assumption.
 */

#include "ns3/batching-early-exit-solver.h"
#include "ns3/partial-loading-solver.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{
namespace milp
{

/**
 * @ingroup edge-inference
 * @brief Outcome of one MILP solve (or cutting-plane loop).
 */
struct MilpResult
{
    bool isOptimal{false};     ///< GLPK proved the optimum (and, batching, the set fits W)
    uint32_t nServed{0};       ///< Optimal objective: |S| or the number of scheduled tasks
    std::vector<uint32_t> set; ///< Served users (batching) or requests per model (counts)
    uint32_t nSolves{0};       ///< MILPs solved (cutting-plane iterations)
    uint32_t nCuts{0};         ///< Tangent cuts in the last MILP (batching)
    uint32_t nColumns{0};      ///< Variables of the last MILP
    uint32_t nRows{0};         ///< Constraints of the last MILP
    double wallTimeS{0};       ///< Wall time of the whole solve, s
    std::string message;       ///< Why not optimal (empty if optimal)
};

/**
 * @ingroup edge-inference
 * @return true if the anchor was built with GLPK (always true when this header is usable)
 */
bool IsAvailable();

/**
 * @ingroup edge-inference
 * @return the GLPK version string, e.g. "5.0"
 */
std::string SolverVersion();

/**
 * @ingroup edge-inference
 * @brief Maximum |S| of the batching + early-exit C2 problem (scheme BATCHING_EARLY_EXIT) by
 * GLPK with tangent cuts (see the file description).
 * @param [in] solver the instance (any latency model: affine blocks directly, table blocks
 * one-hot)
 * @param [in] maxSolves cutting-plane iteration limit (>= 1)
 * @param [in] timeLimitS GLPK time limit of one MILP, s (> 0)
 * @return the result; set = the served users, ascending
 */
MilpResult SolveBatchingMilp(const BatchingEarlyExitSolver& solver,
                             uint32_t maxSolves = 200,
                             double timeLimitS = 60.0);

/**
 * @ingroup edge-inference
 * @brief Largest number of tasks a PartialLoading schedule can finish by the common deadline,
 * uploads ignored, SHARING load rule (the quantity BackboneDpResult::nServed of
 * PartialLoadingSolver::SolveBackboneDp()), by GLPK (see the file description).
 *
 * Throws std::invalid_argument if the requests do not share one deadline or a requested
 * model does not fit the GPU capacity.
 * @param [in] solver the instance
 * @param [in] timeLimitS GLPK time limit, s (> 0)
 * @return the result; set = tasks scheduled per requested model, in order of first request
 */
MilpResult SolvePartialLoadingMilp(const PartialLoadingSolver& solver, double timeLimitS = 60.0);

} // namespace milp
} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_INFERENCE_MILP_ANCHOR_H */
