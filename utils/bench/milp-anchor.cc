/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "milp-anchor.h"

#include "ns3/radio-rate.h"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{
namespace milp
{

namespace
{

/// Times inside the MILPs are in ms (better scaled for GLPK's tolerances than s).
constexpr double MS_PER_S = 1e3;

/**
 * @brief A MILP built column by column and row by row, then solved by glp_intopt().
 */
class Model
{
  public:
    /// Column kinds.
    enum class Kind
    {
        BINARY,     ///< {0, 1}
        CONTINUOUS, ///< [lo, hi]
    };

    /**
     * @brief Add a column.
     * @param [in] kind binary or continuous
     * @param [in] lo lower bound
     * @param [in] hi upper bound
     * @param [in] objective objective coefficient (maximised)
     * @return the 1-based column index
     */
    int AddColumn(Kind kind, double lo, double hi, double objective)
    {
        m_columns.push_back({kind, lo, hi, objective});
        return static_cast<int>(m_columns.size());
    }

    /**
     * @brief Add a row lo <= sum coef x <= hi (an infinite bound is no bound).
     * @param [in] terms (column, coefficient) pairs
     * @param [in] lo lower bound
     * @param [in] hi upper bound
     */
    void AddRow(const std::vector<std::pair<int, double>>& terms, double lo, double hi)
    {
        m_rows.push_back({terms, lo, hi});
    }

    /// @return number of columns
    uint32_t GetNColumns() const { return static_cast<uint32_t>(m_columns.size()); }

    /// @return number of rows
    uint32_t GetNRows() const { return static_cast<uint32_t>(m_rows.size()); }

    /**
     * @brief Maximise with GLPK's branch and cut (presolver on, output off).
     * @param [in] timeLimitS time limit, s
     * @param [out] values column values (index 1..n; index 0 unused)
     * @return "" if GLPK proved an optimum, else the reason
     */
    std::string Solve(double timeLimitS, std::vector<double>& values) const
    {
        glp_term_out(GLP_OFF);
        glp_prob* lp = glp_create_prob();
        glp_set_obj_dir(lp, GLP_MAX);
        glp_add_cols(lp, static_cast<int>(m_columns.size()));
        for (size_t j = 0; j < m_columns.size(); ++j)
        {
            const Column& c = m_columns[j];
            const int col = static_cast<int>(j + 1);
            if (c.kind == Kind::BINARY)
            {
                glp_set_col_kind(lp, col, GLP_BV);
            }
            else
            {
                glp_set_col_bnds(lp, col, std::isinf(c.hi) ? GLP_LO : GLP_DB, c.lo, c.hi);
            }
            glp_set_obj_coef(lp, col, c.objective);
        }
        glp_add_rows(lp, static_cast<int>(m_rows.size()));
        std::vector<int> ia{0};
        std::vector<int> ja{0};
        std::vector<double> ar{0.0};
        for (size_t i = 0; i < m_rows.size(); ++i)
        {
            const Row& r = m_rows[i];
            const int row = static_cast<int>(i + 1);
            const bool hasLo = !std::isinf(r.lo);
            const bool hasHi = !std::isinf(r.hi);
            const int type = hasLo && hasHi ? (r.lo == r.hi ? GLP_FX : GLP_DB)
                                            : (hasLo ? GLP_LO : (hasHi ? GLP_UP : GLP_FR));
            glp_set_row_bnds(lp, row, type, hasLo ? r.lo : 0.0, hasHi ? r.hi : 0.0);
            std::map<int, double> merged;
            for (const auto& [col, coef] : r.terms)
            {
                merged[col] += coef;
            }
            for (const auto& [col, coef] : merged)
            {
                if (coef != 0.0)
                {
                    ia.push_back(row);
                    ja.push_back(col);
                    ar.push_back(coef);
                }
            }
        }
        glp_load_matrix(lp, static_cast<int>(ar.size() - 1), ia.data(), ja.data(), ar.data());
        glp_iocp parm;
        glp_init_iocp(&parm);
        parm.presolve = GLP_ON;
        parm.msg_lev = GLP_MSG_OFF;
        parm.tm_lim = static_cast<int>(std::min(timeLimitS * 1e3, 2e9));
        const int ret = glp_intopt(lp, &parm);
        std::string reason;
        const int status = glp_mip_status(lp);
        if (ret != 0 && ret != GLP_ENOPFS)
        {
            reason = "glp_intopt returned " + std::to_string(ret) +
                     (ret == GLP_ETMLIM ? " (time limit)" : "");
        }
        else if (status == GLP_NOFEAS || ret == GLP_ENOPFS)
        {
            reason = "no integer feasible solution";
        }
        else if (status != GLP_OPT)
        {
            reason = "glp_mip_status " + std::to_string(status);
        }
        values.assign(m_columns.size() + 1, 0.0);
        if (status == GLP_OPT || status == GLP_FEAS)
        {
            for (size_t j = 1; j <= m_columns.size(); ++j)
            {
                values[j] = glp_mip_col_val(lp, static_cast<int>(j));
            }
        }
        glp_delete_prob(lp);
        return reason;
    }

  private:
    /// One column.
    struct Column
    {
        Kind kind;        ///< Binary or continuous
        double lo;        ///< Lower bound
        double hi;        ///< Upper bound
        double objective; ///< Objective coefficient
    };

    /// One row.
    struct Row
    {
        std::vector<std::pair<int, double>> terms; ///< (column, coefficient)
        double lo;                                 ///< Lower bound
        double hi;                                 ///< Upper bound
    };

    std::vector<Column> m_columns; ///< Columns
    std::vector<Row> m_rows;       ///< Rows
};

/// Seconds since a start.
double
Since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/**
 * @brief d w^min / d T of the fixed-power channel: w log2(1 + s / w) = D / T.
 * @param [in] bits D, bit
 * @param [in] timeS T, s
 * @param [in] snrBandwidthHz s, Hz
 * @param [in] w w^min(T), Hz
 * @return the derivative, Hz/s (<= 0)
 */
double
MinBandwidthSlope(double bits, double timeS, double snrBandwidthHz, double w)
{
    const double fPrime =
        std::log2(1.0 + snrBandwidthHz / w) - snrBandwidthHz / ((w + snrBandwidthHz) * M_LN2);
    return -(bits / (timeS * timeS)) / fPrime;
}

} // namespace

bool
IsAvailable()
{
    return true;
}

std::string
SolverVersion()
{
    return glp_version();
}

MilpResult
SolveBatchingMilp(const BatchingEarlyExitSolver& solver, uint32_t maxSolves, double timeLimitS)
{
    const auto start = std::chrono::steady_clock::now();
    constexpr auto SCHEME = BatchingEarlyExitScheme::BATCHING_EARLY_EXIT;
    const BatchingEarlyExitProblem& problem = solver.GetProblem();
    const BatchLatencyModel& latency = problem.latency;
    const uint32_t nBlocks = solver.GetNExits();
    MilpResult result;

    std::vector<uint32_t> cand;
    for (uint32_t k = 0; k < solver.GetNUsers(); ++k)
    {
        if (solver.GetIndividualReason(SCHEME, k) == BatchingEarlyExitReason::NONE)
        {
            cand.push_back(k);
        }
    }
    const auto n = static_cast<uint32_t>(cand.size());
    if (n == 0)
    {
        result.isOptimal = true;
        result.wallTimeS = Since(start);
        return result;
    }
    const double bandwidth = problem.totalBandwidthHz;
    const bool isBandwidthBound = std::isfinite(bandwidth);
    std::vector<uint32_t> exitOf(n);
    std::vector<double> deadlineMs(n);
    std::vector<double> minTimeMs(n, 0.0); // T_u must exceed D ln 2 / s
    double maxDeadlineMs = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        const BatchingEarlyExitUser& u = problem.users[cand[i]];
        exitOf[i] = static_cast<uint32_t>(solver.GetExit(cand[i]));
        deadlineMs[i] = u.deadlineS * MS_PER_S;
        maxDeadlineMs = std::max(maxDeadlineMs, deadlineMs[i]);
        if (u.uploadBits > 0)
        {
            minTimeMs[i] = u.uploadBits * M_LN2 / u.snrBandwidthHz * MS_PER_S;
        }
    }
    // upper bound of the GPU time of a block (batch of all candidates), ms
    std::vector<double> maxBlockMs(nBlocks);
    for (uint32_t l = 0; l < nBlocks; ++l)
    {
        maxBlockMs[l] = latency.GetLatency(l, n) * MS_PER_S;
    }

    // tangent points per user (ms), refined by the loop
    std::vector<std::vector<double>> tangents(n);
    if (isBandwidthBound)
    {
        for (uint32_t i = 0; i < n; ++i)
        {
            if (problem.users[cand[i]].uploadBits <= 0)
            {
                continue;
            }
            const double lo = std::max(minTimeMs[i] * 1.05, 1e-6);
            const double hi = std::max(deadlineMs[i], lo);
            constexpr int N_INITIAL = 8;
            for (int g = 0; g < N_INITIAL; ++g)
            {
                tangents[i].push_back(lo * std::pow(hi / lo, g / (N_INITIAL - 1.0)));
            }
        }
    }

    for (uint32_t iter = 0; iter < maxSolves; ++iter)
    {
        Model m;
        std::vector<int> x(n);
        for (uint32_t i = 0; i < n; ++i)
        {
            x[i] = m.AddColumn(Model::Kind::BINARY, 0, 1, 1.0);
        }
        const int tu = m.AddColumn(Model::Kind::CONTINUOUS, 0.0, maxDeadlineMs, 0.0);
        // GPU time of each block as terms over x (affine) or one-hot z (table)
        std::vector<std::vector<std::pair<int, double>>> blockTerms(nBlocks);
        std::vector<double> blockConst(nBlocks, 0.0);
        for (uint32_t l = 0; l < nBlocks; ++l)
        {
            if (latency.IsAffine(l))
            {
                blockConst[l] = latency.GetFixedCost(l) * MS_PER_S;
                for (uint32_t j = 0; j < n; ++j)
                {
                    if (exitOf[j] >= l)
                    {
                        blockTerms[l].emplace_back(x[j], latency.GetPerTaskCost(l) * MS_PER_S);
                    }
                }
                continue;
            }
            std::vector<std::pair<int, double>> oneHot;
            std::vector<std::pair<int, double>> count;
            for (uint32_t b = 0; b <= n; ++b)
            {
                const int z = m.AddColumn(Model::Kind::BINARY, 0, 1, 0.0);
                oneHot.emplace_back(z, 1.0);
                count.emplace_back(z, static_cast<double>(b));
                blockTerms[l].emplace_back(z, latency.GetLatency(l, b) * MS_PER_S);
            }
            for (uint32_t j = 0; j < n; ++j)
            {
                if (exitOf[j] >= l)
                {
                    count.emplace_back(x[j], -1.0);
                }
            }
            m.AddRow(oneHot, 1.0, 1.0);
            m.AddRow(count, 0.0, 0.0);
        }
        // deadlines: T_u + sum_{l <= e_k} t_l(B_l) <= T_k + M (1 - x_k)
        for (uint32_t i = 0; i < n; ++i)
        {
            std::vector<std::pair<int, double>> terms{{tu, 1.0}};
            double constant = 0;
            double maxGpu = 0;
            for (uint32_t l = 0; l <= exitOf[i]; ++l)
            {
                terms.insert(terms.end(), blockTerms[l].begin(), blockTerms[l].end());
                constant += blockConst[l];
                maxGpu += maxBlockMs[l];
            }
            const double bigM = maxDeadlineMs + maxGpu + constant + 1.0;
            terms.emplace_back(x[i], bigM);
            m.AddRow(terms, -INFINITY, deadlineMs[i] + bigM - constant);
            if (minTimeMs[i] > 0)
            {
                m.AddRow({{tu, 1.0}, {x[i], -minTimeMs[i] * (1 + 1e-9)}}, 0.0, INFINITY);
            }
        }
        // bandwidth: y_k >= tangents of w_k^min (fractions of W), sum y <= 1
        uint32_t nCuts = 0;
        if (isBandwidthBound)
        {
            std::vector<std::pair<int, double>> sum;
            for (uint32_t i = 0; i < n; ++i)
            {
                const BatchingEarlyExitUser& u = problem.users[cand[i]];
                if (u.uploadBits <= 0)
                {
                    continue;
                }
                const int y = m.AddColumn(Model::Kind::CONTINUOUS, 0.0, INFINITY, 0.0);
                sum.emplace_back(y, 1.0);
                for (double t0 : tangents[i])
                {
                    const double w0 =
                        MinBandwidthFixedPower(u.uploadBits, t0 / MS_PER_S, u.snrBandwidthHz);
                    if (!std::isfinite(w0) || w0 <= 0)
                    {
                        continue;
                    }
                    // slope per ms, in fractions of W; the cut is scaled down by 1e-9 so that
                    // rounding never makes it cut the function itself
                    const double g =
                        MinBandwidthSlope(u.uploadBits, t0 / MS_PER_S, u.snrBandwidthHz, w0) /
                        MS_PER_S / bandwidth;
                    const double v0 = w0 / bandwidth * (1 - 1e-9);
                    const double atZero = v0 - g * t0; // largest value of the tangent on T >= 0
                    // y - g T - atZero x >= v0 - g t0 - atZero = 0
                    m.AddRow({{y, 1.0}, {tu, -g}, {x[i], -atZero}}, v0 - g * t0 - atZero, INFINITY);
                    ++nCuts;
                }
            }
            m.AddRow(sum, -INFINITY, 1.0);
        }
        std::vector<double> values;
        const std::string reason = m.Solve(timeLimitS, values);
        ++result.nSolves;
        result.nCuts = nCuts;
        result.nColumns = m.GetNColumns();
        result.nRows = m.GetNRows();
        if (!reason.empty())
        {
            result.message = reason;
            break;
        }
        std::vector<uint32_t> set;
        for (uint32_t i = 0; i < n; ++i)
        {
            if (values[x[i]] > 0.5)
            {
                set.push_back(cand[i]);
            }
        }
        const BatchingEarlyExitSetEvaluation ev = solver.EvaluateSet(SCHEME, set);
        if (ev.isFeasible)
        {
            result.isOptimal = true;
            result.nServed = static_cast<uint32_t>(set.size());
            result.set = set;
            result.message.clear();
            break;
        }
        // cut the set off: tangents at its exact T_u*(S) and at the MILP's T_u
        bool isCutAdded = false;
        for (uint32_t i = 0; i < n; ++i)
        {
            if (values[x[i]] <= 0.5 || problem.users[cand[i]].uploadBits <= 0)
            {
                continue;
            }
            for (double t0 : {ev.latestUploadEndS * MS_PER_S, values[tu]})
            {
                if (t0 > minTimeMs[i] &&
                    std::find(tangents[i].begin(), tangents[i].end(), t0) == tangents[i].end())
                {
                    tangents[i].push_back(t0);
                    isCutAdded = true;
                }
            }
        }
        result.message = "set of " + std::to_string(set.size()) + " does not fit W after " +
                         std::to_string(result.nSolves) + " MILPs";
        if (!isCutAdded)
        {
            result.message += "; no new cut";
            break;
        }
    }
    result.wallTimeS = Since(start);
    return result;
}

MilpResult
SolvePartialLoadingMilp(const PartialLoadingSolver& solver, double timeLimitS)
{
    const auto start = std::chrono::steady_clock::now();
    const PartialLoadingProblem& problem = solver.GetProblem();
    MilpResult result;
    const auto nRequests = static_cast<uint32_t>(problem.requests.size());
    if (nRequests == 0)
    {
        result.isOptimal = true;
        result.wallTimeS = Since(start);
        return result;
    }
    const double deadlineS = problem.requests[0].deadlineS;
    std::vector<std::string> models;
    std::vector<uint32_t> count;
    for (const PartialLoadingRequest& r : problem.requests)
    {
        if (r.deadlineS != deadlineS)
        {
            throw std::invalid_argument("SolvePartialLoadingMilp: the requests do not share one "
                                        "deadline");
        }
        if (problem.gpuCapacityBytes > 0 &&
            problem.family.Get(r.model).GetTotalBytes() > problem.gpuCapacityBytes)
        {
            throw std::invalid_argument("SolvePartialLoadingMilp: model " + r.model +
                                        " does not fit the GPU");
        }
        const auto it = std::find(models.begin(), models.end(), r.model);
        if (it == models.end())
        {
            models.push_back(r.model);
            count.push_back(1);
        }
        else
        {
            ++count[it - models.begin()];
        }
    }
    const auto nModels = static_cast<uint32_t>(models.size());
    const uint32_t nPositions = nRequests;
    Model m;
    // y[p][m]
    std::vector<std::vector<int>> y(nPositions, std::vector<int>(nModels));
    for (uint32_t p = 0; p < nPositions; ++p)
    {
        for (uint32_t j = 0; j < nModels; ++j)
        {
            y[p][j] = m.AddColumn(Model::Kind::BINARY, 0, 1, 1.0);
        }
    }
    std::vector<std::pair<int, double>> makespan;
    for (uint32_t p = 0; p < nPositions; ++p)
    {
        std::vector<std::pair<int, double>> one;
        for (uint32_t j = 0; j < nModels; ++j)
        {
            one.emplace_back(y[p][j], 1.0);
            makespan.emplace_back(y[p][j],
                                  problem.inferenceTimeS.at(models[j]) * MS_PER_S +
                                      (p == 0 ? solver.GetSwitchTime(problem.residentModel,
                                                                     models[j],
                                                                     LoadRule::SHARING) *
                                                    MS_PER_S
                                              : 0.0));
        }
        m.AddRow(one, -INFINITY, 1.0);
        if (p + 1 < nPositions)
        {
            // filled from the first position: sum_m y[p+1] <= sum_m y[p]
            std::vector<std::pair<int, double>> order;
            for (uint32_t j = 0; j < nModels; ++j)
            {
                order.emplace_back(y[p + 1][j], 1.0);
                order.emplace_back(y[p][j], -1.0);
            }
            m.AddRow(order, -INFINITY, 0.0);
        }
    }
    for (uint32_t j = 0; j < nModels; ++j)
    {
        std::vector<std::pair<int, double>> terms;
        for (uint32_t p = 0; p < nPositions; ++p)
        {
            terms.emplace_back(y[p][j], 1.0);
        }
        m.AddRow(terms, -INFINITY, count[j]);
    }
    for (uint32_t a = 0; a < nModels; ++a)
    {
        for (uint32_t b = 0; b < nModels; ++b)
        {
            const double lambdaMs =
                solver.GetSwitchTime(models[a], models[b], LoadRule::SHARING) * MS_PER_S;
            if (a == b && lambdaMs == 0.0)
            {
                continue;
            }
            for (uint32_t p = 0; p + 1 < nPositions; ++p)
            {
                const int u = m.AddColumn(Model::Kind::CONTINUOUS, 0.0, 1.0, 0.0);
                // u >= y[p][a] + y[p+1][b] - 1
                m.AddRow({{u, 1.0}, {y[p][a], -1.0}, {y[p + 1][b], -1.0}}, -1.0, INFINITY);
                makespan.emplace_back(u, lambdaMs);
            }
        }
    }
    // the deadline tolerance of the module's Evaluate()
    const double limitMs =
        (deadlineS + PARTIAL_LOADING_DEADLINE_TOLERANCE * std::max(deadlineS, 1.0)) * MS_PER_S;
    m.AddRow(makespan, -INFINITY, limitMs);
    std::vector<double> values;
    const std::string reason = m.Solve(timeLimitS, values);
    result.nSolves = 1;
    result.nColumns = m.GetNColumns();
    result.nRows = m.GetNRows();
    result.message = reason;
    if (reason.empty())
    {
        result.isOptimal = true;
        result.set.assign(nModels, 0);
        for (uint32_t p = 0; p < nPositions; ++p)
        {
            for (uint32_t j = 0; j < nModels; ++j)
            {
                if (values[y[p][j]] > 0.5)
                {
                    ++result.set[j];
                    ++result.nServed;
                }
            }
        }
    }
    result.wallTimeS = Since(start);
    return result;
}

} // namespace milp
} // namespace edgeinference
} // namespace ns3
