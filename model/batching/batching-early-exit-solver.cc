/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batching-early-exit-solver.h"

#include "batch-execution.h"

#include "ns3/dnn-model.h"
#include "ns3/radio-rate.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace ns3
{
namespace edgeinference
{

namespace
{

/// +infinity
constexpr double INF = std::numeric_limits<double>::infinity();

/**
 * @brief Throw std::invalid_argument with the class name as prefix.
 * @param [in] message the rest of the message
 */
[[noreturn]] void
Fail(const std::string& message)
{
    throw std::invalid_argument("BatchingEarlyExitSolver: " + message);
}

/**
 * @param [in] value a number
 * @return the number as printed by an ostream
 */
std::string
Str(double value)
{
    std::ostringstream oss;
    oss << value;
    return oss.str();
}

/**
 * @brief Check a finite, non-negative field of a user.
 * @param [in] user user index
 * @param [in] field field description, e.g. "uploadBits D_k"
 * @param [in] value the value
 */
void
CheckUserNonNegative(uint32_t user, const std::string& field, double value)
{
    if (!(value >= 0.0) || !std::isfinite(value))
    {
        Fail("user " + std::to_string(user) + ": " + field + " is " + Str(value) +
             " (must be finite and >= 0)");
    }
}

/**
 * @brief Memo of sums of w^min of a fixed member set, keyed by the upload end.
 */
class SumCache
{
  public:
    /**
     * @param [in] compute function T -> sum, called on a miss
     */
    template<typename F>
    double Get(double uploadEndS, F compute)
    {
        auto it = m_values.find(uploadEndS);
        if (it != m_values.end())
        {
            return it->second;
        }
        const double value = compute(uploadEndS);
        m_values.emplace(uploadEndS, value);
        return value;
    }

  private:
    std::unordered_map<double, double> m_values; ///< T -> sum
};

} // namespace

const std::vector<std::pair<BatchingEarlyExitScheme, std::string>>&
BatchingEarlyExitSchemeNames()
{
    static const std::vector<std::pair<BatchingEarlyExitScheme, std::string>> names{
        {BatchingEarlyExitScheme::BATCHING_EARLY_EXIT, "batching-early-exit"},
        {BatchingEarlyExitScheme::BATCHING_ONLY, "batching-only"},
        {BatchingEarlyExitScheme::EARLY_EXIT_ONLY, "early-exit-only"},
        {BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT, "no-batching-no-early-exit"},
    };
    return names;
}

const std::vector<std::pair<BatchingEarlyExitAlgorithm, std::string>>&
BatchingEarlyExitAlgorithmNames()
{
    static const std::vector<std::pair<BatchingEarlyExitAlgorithm, std::string>> names{
        {BatchingEarlyExitAlgorithm::OPTIMAL, "optimal"},
        {BatchingEarlyExitAlgorithm::OPTIMAL_U, "optimal-u"},
        {BatchingEarlyExitAlgorithm::OPTIMAL_H, "optimal-h"},
        {BatchingEarlyExitAlgorithm::GREEDY, "greedy"},
    };
    return names;
}

std::string
ToString(BatchingEarlyExitScheme scheme)
{
    for (const auto& [value, name] : BatchingEarlyExitSchemeNames())
    {
        if (value == scheme)
        {
            return name;
        }
    }
    return "unknown";
}

std::string
ToString(BatchingEarlyExitAlgorithm algorithm)
{
    for (const auto& [value, name] : BatchingEarlyExitAlgorithmNames())
    {
        if (value == algorithm)
        {
            return name;
        }
    }
    return "unknown";
}

std::string
ToString(BatchingEarlyExitReason reason)
{
    switch (reason)
    {
        case BatchingEarlyExitReason::NONE:
            return "NONE";
        case BatchingEarlyExitReason::ACCURACY_UNREACHABLE:
            return "ACCURACY_UNREACHABLE";
        case BatchingEarlyExitReason::DEADLINE_PASSED:
            return "DEADLINE_PASSED";
        case BatchingEarlyExitReason::COMPUTE_EXCEEDS_DEADLINE:
            return "COMPUTE_EXCEEDS_DEADLINE";
        case BatchingEarlyExitReason::UPLOAD_RATE_CAP:
            return "UPLOAD_RATE_CAP";
        case BatchingEarlyExitReason::BANDWIDTH_EXCEEDS_TOTAL:
            return "BANDWIDTH_EXCEEDS_TOTAL";
        case BatchingEarlyExitReason::NOT_SELECTED:
            return "NOT_SELECTED";
    }
    return "UNKNOWN";
}

BatchingEarlyExitSolver::BatchingEarlyExitSolver(BatchingEarlyExitProblem problem)
    : m_problem(std::move(problem))
{
    const uint32_t nBlocks = m_problem.latency.GetNBlocks();
    if (nBlocks == 0)
    {
        Fail("latency model has 0 blocks (need L >= 1)");
    }
    const auto& accuracy = m_problem.exitAccuracy;
    if (!accuracy.empty() && accuracy.size() != nBlocks)
    {
        Fail("exitAccuracy has " + std::to_string(accuracy.size()) +
             " entries but the latency model has L = " + std::to_string(nBlocks) +
             " blocks (need one A_l per block, or none)");
    }
    for (size_t l = 0; l < accuracy.size(); ++l)
    {
        if (!(accuracy[l] >= 0.0 && accuracy[l] <= 1.0))
        {
            Fail("exitAccuracy A_l of exit " + std::to_string(l) + " is " + Str(accuracy[l]) +
                 " (must be in [0, 1])");
        }
        if (l > 0 && accuracy[l] < accuracy[l - 1])
        {
            Fail("exitAccuracy A_l of exit " + std::to_string(l) + " is " + Str(accuracy[l]) +
                 " < " + Str(accuracy[l - 1]) + " of exit " + std::to_string(l - 1) +
                 " (must be non-decreasing)");
        }
    }
    if (!(m_problem.totalBandwidthHz >= 0.0))
    {
        Fail("totalBandwidthHz W is " + Str(m_problem.totalBandwidthHz) + " (must be >= 0)");
    }
    if (!(m_problem.frameLengthS >= 0.0) || !std::isfinite(m_problem.frameLengthS))
    {
        Fail("frameLengthS T_f is " + Str(m_problem.frameLengthS) +
             " (must be finite and >= 0; 0 = largest deadline)");
    }

    const uint32_t nUsers = GetNUsers();
    m_exit.assign(nUsers, BATCHING_EARLY_EXIT_NO_EXIT);
    for (uint32_t k = 0; k < nUsers; ++k)
    {
        const BatchingEarlyExitUser& user = m_problem.users[k];
        const std::string who = "user " + std::to_string(k) + ": ";
        if (user.exit.has_value())
        {
            if (*user.exit >= nBlocks)
            {
                Fail(who + "exit e_k is " + std::to_string(*user.exit) +
                     " (must be < L = " + std::to_string(nBlocks) + ")");
            }
            m_exit[k] = static_cast<int32_t>(*user.exit);
        }
        else
        {
            if (accuracy.empty())
            {
                Fail(who + "no exit given and exitAccuracy is empty (give exit or exitAccuracy)");
            }
            if (!(user.accuracyRequirement >= 0.0))
            {
                Fail(who + "accuracyRequirement alpha_k is " + Str(user.accuracyRequirement) +
                     " (must be >= 0)");
            }
            m_exit[k] = SelectExit(accuracy, user.accuracyRequirement);
        }
        if (!std::isfinite(user.deadlineS))
        {
            Fail(who + "deadlineS T_k is " + Str(user.deadlineS) + " (must be finite)");
        }
        CheckUserNonNegative(k, "uploadBits D_k", user.uploadBits);
        CheckUserNonNegative(k, "snrBandwidthHz s_k", user.snrBandwidthHz);
    }
    if (m_problem.rateModel && m_problem.rateModel->GetNUsers() != nUsers)
    {
        Fail("rateModel describes " + std::to_string(m_problem.rateModel->GetNUsers()) +
             " users (need K = " + std::to_string(nUsers) + ")");
    }

    std::vector<uint32_t> byDeadline(nUsers);
    std::iota(byDeadline.begin(), byDeadline.end(), 0U);
    std::stable_sort(byDeadline.begin(),
                     byDeadline.end(),
                     [this](uint32_t a, uint32_t b)
                     { return m_problem.users[a].deadlineS < m_problem.users[b].deadlineS; });
    m_edfRank.assign(nUsers, 0);
    for (uint32_t r = 0; r < nUsers; ++r)
    {
        m_edfRank[byDeadline[r]] = r;
    }

    m_singleTimeS.assign(nBlocks, 0.0);
    double sum = 0.0;
    for (uint32_t l = 0; l < nBlocks; ++l)
    {
        sum += m_problem.latency.GetLatency(l, 1);
        m_singleTimeS[l] = sum;
    }
}

const BatchingEarlyExitProblem&
BatchingEarlyExitSolver::GetProblem() const
{
    return m_problem;
}

uint32_t
BatchingEarlyExitSolver::GetNUsers() const
{
    return static_cast<uint32_t>(m_problem.users.size());
}

uint32_t
BatchingEarlyExitSolver::GetNExits() const
{
    return m_problem.latency.GetNBlocks();
}

int32_t
BatchingEarlyExitSolver::SelectExit(const std::vector<double>& exitAccuracy, double requirement)
{
    for (size_t l = 0; l < exitAccuracy.size(); ++l)
    {
        if (exitAccuracy[l] >= requirement)
        {
            return static_cast<int32_t>(l);
        }
    }
    return BATCHING_EARLY_EXIT_NO_EXIT;
}

std::vector<double>
BatchingEarlyExitSolver::ExitAccuraciesFromDnnModel(const DnnModel& model, double finalAccuracy)
{
    std::vector<double> accuracy;
    for (const auto& exit : model.GetExits())
    {
        accuracy.push_back(exit.accuracy);
    }
    const auto& exits = model.GetExits();
    const bool hasTail = exits.empty() || exits.back().afterLayer + 1 < model.GetNLayers();
    if (hasTail)
    {
        if (!(finalAccuracy >= 0.0 && finalAccuracy <= 1.0))
        {
            Fail("ExitAccuraciesFromDnnModel: finalAccuracy of model '" + model.GetName() +
                 "' is " + Str(finalAccuracy) + " (must be in [0, 1])");
        }
        accuracy.push_back(finalAccuracy);
    }
    return accuracy;
}

int32_t
BatchingEarlyExitSolver::GetExit(uint32_t user) const
{
    if (user >= GetNUsers())
    {
        Fail("GetExit: user index " + std::to_string(user) +
             " is out of range (K = " + std::to_string(GetNUsers()) + ")");
    }
    return m_exit[user];
}

void
BatchingEarlyExitSolver::SetMaxSearchNodes(uint64_t maxNodes)
{
    if (maxNodes == 0)
    {
        Fail("SetMaxSearchNodes: maxNodes is 0 (must be >= 1)");
    }
    m_maxSearchNodes = maxNodes;
}

uint64_t
BatchingEarlyExitSolver::GetMaxSearchNodes() const
{
    return m_maxSearchNodes;
}

bool
BatchingEarlyExitSolver::IsSequential(BatchingEarlyExitScheme scheme)
{
    return scheme == BatchingEarlyExitScheme::EARLY_EXIT_ONLY ||
           scheme == BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT;
}

uint32_t
BatchingEarlyExitSolver::SchemeExit(BatchingEarlyExitScheme scheme, uint32_t user) const
{
    if (scheme == BatchingEarlyExitScheme::BATCHING_EARLY_EXIT ||
        scheme == BatchingEarlyExitScheme::EARLY_EXIT_ONLY)
    {
        return static_cast<uint32_t>(m_exit[user]);
    }
    return GetNExits() - 1;
}

double
BatchingEarlyExitSolver::LatestUploadEnd(BatchingEarlyExitScheme scheme,
                                         const std::vector<uint32_t>& sortedMembers,
                                         int64_t extra) const
{
    if (sortedMembers.empty() && extra < 0)
    {
        return INF;
    }
    double latest = INF;
    if (IsSequential(scheme))
    {
        // EDF order, the extra user merged in at its rank.
        double elapsed = 0.0;
        auto visit = [&](uint32_t k)
        {
            elapsed += m_singleTimeS[SchemeExit(scheme, k)];
            latest = std::min(latest, m_problem.users[k].deadlineS - elapsed);
        };
        bool isExtraDone = extra < 0;
        for (uint32_t k : sortedMembers)
        {
            if (!isExtraDone && m_edfRank[extra] < m_edfRank[k])
            {
                visit(static_cast<uint32_t>(extra));
                isExtraDone = true;
            }
            visit(k);
        }
        if (!isExtraDone)
        {
            visit(static_cast<uint32_t>(extra));
        }
        return latest;
    }
    // One batch: per exit class, the count and the earliest deadline.
    const uint32_t nBlocks = GetNExits();
    std::vector<uint32_t> counts(nBlocks, 0);
    std::vector<double> earliest(nBlocks, INF);
    auto add = [&](uint32_t k)
    {
        const uint32_t e = SchemeExit(scheme, k);
        ++counts[e];
        earliest[e] = std::min(earliest[e], m_problem.users[k].deadlineS);
    };
    for (uint32_t k : sortedMembers)
    {
        add(k);
    }
    if (extra >= 0)
    {
        add(static_cast<uint32_t>(extra));
    }
    const std::vector<uint32_t> sizes = BatchLatencyModel::BatchSizesFromExitCounts(counts);
    const std::vector<double> cumulative = m_problem.latency.GetCumulativeLatency(sizes);
    for (uint32_t l = 0; l < nBlocks; ++l)
    {
        if (counts[l] > 0)
        {
            latest = std::min(latest, earliest[l] - cumulative[l]);
        }
    }
    return latest;
}

double
BatchingEarlyExitSolver::MinBandwidth(uint32_t user, double uploadEndS) const
{
    const BatchingEarlyExitUser& u = m_problem.users[user];
    if (!m_problem.rateModel)
    {
        return MinBandwidthFixedPower(u.uploadBits, uploadEndS, u.snrBandwidthHz);
    }
    if (u.uploadBits == 0.0)
    {
        return 0.0;
    }
    if (!(uploadEndS > 0.0))
    {
        return INF;
    }
    return m_problem.rateModel->MinBandwidthForRate(user, u.uploadBits / uploadEndS);
}

double
BatchingEarlyExitSolver::SumMinBandwidth(const std::vector<uint32_t>& members,
                                         double uploadEndS) const
{
    double sum = 0.0;
    for (uint32_t k : members)
    {
        sum += MinBandwidth(k, uploadEndS);
    }
    return sum;
}

bool
BatchingEarlyExitSolver::Fits(double sumBandwidthHz, double uploadEndS) const
{
    return uploadEndS >= 0.0 && std::isfinite(sumBandwidthHz) &&
           sumBandwidthHz <=
               m_problem.totalBandwidthHz * (1.0 + BATCHING_EARLY_EXIT_BANDWIDTH_TOLERANCE);
}

std::vector<uint32_t>
BatchingEarlyExitSolver::SortByRank(std::vector<uint32_t> members) const
{
    std::sort(members.begin(),
              members.end(),
              [this](uint32_t a, uint32_t b) { return m_edfRank[a] < m_edfRank[b]; });
    return members;
}

BatchingEarlyExitSetEvaluation
BatchingEarlyExitSolver::EvaluateSet(BatchingEarlyExitScheme scheme,
                                     const std::vector<uint32_t>& members) const
{
    std::vector<bool> isSeen(GetNUsers(), false);
    for (uint32_t k : members)
    {
        if (k >= GetNUsers())
        {
            Fail("EvaluateSet: user index " + std::to_string(k) +
                 " is out of range (K = " + std::to_string(GetNUsers()) + ")");
        }
        if (isSeen[k])
        {
            Fail("EvaluateSet: user " + std::to_string(k) + " is listed twice");
        }
        if (m_exit[k] == BATCHING_EARLY_EXIT_NO_EXIT)
        {
            Fail("EvaluateSet: user " + std::to_string(k) +
                 " has an unreachable accuracy requirement (no exit)");
        }
        isSeen[k] = true;
    }
    BatchingEarlyExitSetEvaluation evaluation;
    evaluation.members = members;
    evaluation.latestUploadEndS = LatestUploadEnd(scheme, SortByRank(members), -1);
    for (uint32_t k : members)
    {
        const double w = MinBandwidth(k, evaluation.latestUploadEndS);
        evaluation.minBandwidthHz.push_back(w);
        evaluation.sumMinBandwidthHz += w;
    }
    evaluation.isFeasible = Fits(evaluation.sumMinBandwidthHz, evaluation.latestUploadEndS);
    return evaluation;
}

BatchingEarlyExitReason
BatchingEarlyExitSolver::GetIndividualReason(BatchingEarlyExitScheme scheme, uint32_t user) const
{
    if (user >= GetNUsers())
    {
        Fail("GetIndividualReason: user index " + std::to_string(user) +
             " is out of range (K = " + std::to_string(GetNUsers()) + ")");
    }
    if (m_exit[user] == BATCHING_EARLY_EXIT_NO_EXIT)
    {
        return BatchingEarlyExitReason::ACCURACY_UNREACHABLE;
    }
    const BatchingEarlyExitUser& u = m_problem.users[user];
    if (u.deadlineS <= 0.0)
    {
        return BatchingEarlyExitReason::DEADLINE_PASSED;
    }
    const double slack = u.deadlineS - m_singleTimeS[SchemeExit(scheme, user)];
    if (slack < 0.0 || (slack == 0.0 && u.uploadBits > 0.0))
    {
        return BatchingEarlyExitReason::COMPUTE_EXCEEDS_DEADLINE;
    }
    const double w = MinBandwidth(user, slack);
    if (std::isinf(w))
    {
        return BatchingEarlyExitReason::UPLOAD_RATE_CAP;
    }
    if (!Fits(w, slack))
    {
        return BatchingEarlyExitReason::BANDWIDTH_EXCEEDS_TOTAL;
    }
    return BatchingEarlyExitReason::NONE;
}

BatchingEarlyExitPrediction
BatchingEarlyExitSolver::Predict(BatchingEarlyExitScheme scheme,
                                 const std::vector<uint32_t>& served,
                                 const std::vector<double>& bandwidthHz) const
{
    const uint32_t nUsers = GetNUsers();
    if (bandwidthHz.size() != nUsers)
    {
        Fail("Predict: bandwidthHz has " + std::to_string(bandwidthHz.size()) +
             " entries (need K = " + std::to_string(nUsers) + ")");
    }
    std::vector<bool> isSeen(nUsers, false);
    for (uint32_t k : served)
    {
        if (k >= nUsers)
        {
            Fail("Predict: user index " + std::to_string(k) +
                 " is out of range (K = " + std::to_string(nUsers) + ")");
        }
        if (isSeen[k])
        {
            Fail("Predict: user " + std::to_string(k) + " is listed twice");
        }
        if (m_exit[k] == BATCHING_EARLY_EXIT_NO_EXIT)
        {
            Fail("Predict: user " + std::to_string(k) +
                 " has an unreachable accuracy requirement (no exit)");
        }
        if (!(bandwidthHz[k] >= 0.0))
        {
            Fail("Predict: bandwidthHz w_k of user " + std::to_string(k) + " is " +
                 Str(bandwidthHz[k]) + " (must be >= 0)");
        }
        isSeen[k] = true;
    }

    BatchingEarlyExitPrediction prediction;
    prediction.uploadTimeS.assign(nUsers, 0.0);
    prediction.completionTimeS.assign(nUsers, INF);
    prediction.isOnTime.assign(nUsers, false);
    prediction.nServed = static_cast<uint32_t>(served.size());

    for (uint32_t k : served)
    {
        const BatchingEarlyExitUser& u = m_problem.users[k];
        double tau = 0.0;
        if (u.uploadBits > 0.0)
        {
            const double rate = m_problem.rateModel
                                    ? m_problem.rateModel->Rate(k, bandwidthHz[k])
                                    : ShannonRateFixedPower(bandwidthHz[k], u.snrBandwidthHz);
            tau = rate > 0.0 ? u.uploadBits / rate : INF;
        }
        prediction.uploadTimeS[k] = tau;
        prediction.batchStartS = std::max(prediction.batchStartS, tau);
        prediction.sumBandwidthHz += bandwidthHz[k];
    }

    // the GPU timing is BatchExecution's, the one the edge server executes
    const bool isSequential = IsSequential(scheme);
    if (isSequential)
    {
        prediction.order = SortByRank(served);
    }
    else
    {
        prediction.order = served;
        std::sort(prediction.order.begin(), prediction.order.end());
    }
    std::vector<uint32_t> exits;
    exits.reserve(prediction.order.size());
    for (uint32_t k : prediction.order)
    {
        exits.push_back(SchemeExit(scheme, k));
    }
    const BatchExecutionPlan plan = BatchExecution::Plan(m_problem.latency, exits, isSequential);
    prediction.batchSizes = plan.batchSizes;
    for (size_t i = 0; i < prediction.order.size(); ++i)
    {
        prediction.completionTimeS[prediction.order[i]] = prediction.batchStartS + plan.finishS[i];
    }

    bool isAllOnTime = true;
    for (uint32_t k : served)
    {
        const double deadline = m_problem.users[k].deadlineS;
        const double c = prediction.completionTimeS[k];
        prediction.makespanS = std::max(prediction.makespanS, c);
        prediction.isOnTime[k] =
            c <= deadline + BATCHING_EARLY_EXIT_DEADLINE_TOLERANCE * std::max(deadline, 1.0);
        if (prediction.isOnTime[k])
        {
            ++prediction.nOnTime;
        }
        else
        {
            isAllOnTime = false;
        }
    }
    prediction.isFeasible = isAllOnTime && prediction.sumBandwidthHz <=
                                               m_problem.totalBandwidthHz *
                                                   (1.0 + BATCHING_EARLY_EXIT_BANDWIDTH_TOLERANCE);

    prediction.frameLengthS = m_problem.frameLengthS;
    if (prediction.frameLengthS == 0.0)
    {
        for (const auto& u : m_problem.users)
        {
            prediction.frameLengthS = std::max(prediction.frameLengthS, u.deadlineS);
        }
    }
    prediction.throughputPerS =
        prediction.frameLengthS > 0.0 ? prediction.nOnTime / prediction.frameLengthS : 0.0;
    return prediction;
}

std::vector<uint32_t>
BatchingEarlyExitSolver::Candidates(BatchingEarlyExitScheme scheme) const
{
    std::vector<uint32_t> candidates;
    for (uint32_t k = 0; k < GetNUsers(); ++k)
    {
        if (GetIndividualReason(scheme, k) == BatchingEarlyExitReason::NONE)
        {
            candidates.push_back(k);
        }
    }
    return candidates;
}

std::vector<uint32_t>
BatchingEarlyExitSolver::RunGreedy(BatchingEarlyExitScheme scheme,
                                   const std::vector<uint32_t>& candidates) const
{
    std::vector<uint32_t> members; // EDF-rank order
    std::vector<uint32_t> pool = candidates;
    while (!pool.empty())
    {
        SumCache cache;
        auto membersSum = [&](double t)
        {
            return SumMinBandwidth(members, t);
        };
        std::vector<uint32_t> stillFeasible;
        int64_t best = -1;
        double bestSum = INF;
        double bestUploadEnd = -INF;
        for (uint32_t k : pool)
        {
            const double uploadEnd = LatestUploadEnd(scheme, members, k);
            if (uploadEnd < 0.0)
            {
                continue; // infeasible now, hence with every superset (downward closure)
            }
            const double total = cache.Get(uploadEnd, membersSum) + MinBandwidth(k, uploadEnd);
            if (!Fits(total, uploadEnd))
            {
                continue;
            }
            stillFeasible.push_back(k);
            if (total < bestSum || (total == bestSum && uploadEnd > bestUploadEnd))
            {
                best = k;
                bestSum = total;
                bestUploadEnd = uploadEnd;
            }
        }
        if (best < 0)
        {
            break;
        }
        const auto user = static_cast<uint32_t>(best);
        members.insert(std::upper_bound(members.begin(),
                                        members.end(),
                                        user,
                                        [this](uint32_t a, uint32_t b)
                                        { return m_edfRank[a] < m_edfRank[b]; }),
                       user);
        stillFeasible.erase(std::find(stillFeasible.begin(), stillFeasible.end(), user));
        pool = std::move(stillFeasible);
    }
    return members;
}

std::vector<uint32_t>
BatchingEarlyExitSolver::RunOptimalU(BatchingEarlyExitScheme scheme,
                                     const std::vector<uint32_t>& candidates,
                                     uint64_t& nodes,
                                     bool& isComplete) const
{
    nodes = 0;
    isComplete = true;
    if (candidates.empty())
    {
        return {};
    }
    const uint32_t nBlocks = GetNExits();
    double deadline = INF;
    for (uint32_t k : candidates)
    {
        deadline = std::min(deadline, m_problem.users[k].deadlineS);
    }
    // Exit classes that have candidates.
    std::vector<std::vector<uint32_t>> byExit(nBlocks);
    for (uint32_t k : candidates)
    {
        byExit[SchemeExit(scheme, k)].push_back(k);
    }
    std::vector<uint32_t> classExit;
    for (uint32_t l = 0; l < nBlocks; ++l)
    {
        if (!byExit[l].empty())
        {
            classExit.push_back(l);
        }
    }
    const size_t nClasses = classExit.size();

    // GPU time until the last task of a count vector completes (common deadline: the last
    // completion binds T_u*).
    auto computeTime = [&](const std::vector<uint32_t>& n)
    {
        if (IsSequential(scheme))
        {
            double sum = 0.0;
            for (size_t c = 0; c < nClasses; ++c)
            {
                sum += n[c] * m_singleTimeS[classExit[c]];
            }
            return sum;
        }
        std::vector<uint32_t> counts(nBlocks, 0);
        int64_t lastExit = -1;
        for (size_t c = 0; c < nClasses; ++c)
        {
            counts[classExit[c]] = n[c];
            if (n[c] > 0)
            {
                lastExit = classExit[c];
            }
        }
        if (lastExit < 0)
        {
            return 0.0;
        }
        const auto cumulative = m_problem.latency.GetCumulativeLatency(
            BatchLatencyModel::BatchSizesFromExitCounts(counts));
        return cumulative[lastExit];
    };
    // T_u and the smallest sum of w^min for a count vector; users chosen if requested.
    std::vector<double> scratch;
    auto evaluate = [&](const std::vector<uint32_t>& n, std::vector<uint32_t>* chosen)
    {
        ++nodes;
        const double uploadEnd = deadline - computeTime(n);
        double sum = 0.0;
        if (uploadEnd < 0.0)
        {
            return std::make_pair(false, INF);
        }
        for (size_t c = 0; c < nClasses && std::isfinite(sum); ++c)
        {
            if (n[c] == 0)
            {
                continue;
            }
            const auto& users = byExit[classExit[c]];
            std::vector<std::pair<double, uint32_t>> needs;
            needs.reserve(users.size());
            for (uint32_t k : users)
            {
                needs.emplace_back(MinBandwidth(k, uploadEnd), k);
            }
            std::nth_element(needs.begin(), needs.begin() + (n[c] - 1), needs.end());
            std::sort(needs.begin(), needs.begin() + n[c]);
            for (uint32_t i = 0; i < n[c]; ++i)
            {
                sum += needs[i].first;
                if (chosen != nullptr)
                {
                    chosen->push_back(needs[i].second);
                }
            }
        }
        return std::make_pair(Fits(sum, uploadEnd), sum);
    };

    std::vector<uint32_t> n(nClasses, 0);
    std::vector<uint32_t> bestN(nClasses, 0);
    uint32_t bestCount = 0;
    double bestSum = 0.0;
    const size_t last = nClasses - 1;
    const auto lastSize = static_cast<uint32_t>(byExit[classExit[last]].size());
    // Odometer over the first nClasses - 1 coordinates (coordinate last - 1 fastest); for
    // each prefix the largest feasible n_last by bisection (feasibility is monotone in it).
    while (true)
    {
        if (nodes >= m_maxSearchNodes)
        {
            isComplete = false;
            break;
        }
        uint32_t prefixCount = 0;
        for (size_t c = 0; c < last; ++c)
        {
            prefixCount += n[c];
        }
        bool isPrefixFeasible = true;
        if (prefixCount + lastSize >= bestCount)
        {
            n[last] = 0;
            auto [isFeasible, sum] = evaluate(n, nullptr);
            isPrefixFeasible = isFeasible;
            if (isFeasible)
            {
                uint32_t lo = 0; // feasible
                double loSum = sum;
                uint32_t hi = lastSize + 1; // first size known infeasible (or out of range)
                while (hi - lo > 1)
                {
                    const uint32_t mid = lo + (hi - lo) / 2;
                    n[last] = mid;
                    auto [isMidFeasible, midSum] = evaluate(n, nullptr);
                    if (isMidFeasible)
                    {
                        lo = mid;
                        loSum = midSum;
                    }
                    else
                    {
                        hi = mid;
                    }
                }
                n[last] = lo;
                const uint32_t count = prefixCount + lo;
                if (count > bestCount || (count == bestCount && loSum < bestSum))
                {
                    bestCount = count;
                    bestSum = loSum;
                    bestN = n;
                }
                n[last] = 0;
            }
        }
        // Advance the odometer. An infeasible prefix makes every larger value of its fastest
        // coordinate infeasible too (componentwise larger vectors), so that coordinate carries.
        if (last == 0)
        {
            break;
        }
        size_t c = last - 1;
        bool isDone = false;
        while (true)
        {
            const auto size = static_cast<uint32_t>(byExit[classExit[c]].size());
            const bool isSkip = (c == last - 1) && !isPrefixFeasible;
            if (!isSkip && n[c] < size)
            {
                ++n[c];
                break;
            }
            n[c] = 0;
            if (c == 0)
            {
                isDone = true;
                break;
            }
            --c;
        }
        if (isDone)
        {
            break;
        }
    }
    std::vector<uint32_t> chosen;
    if (bestCount > 0)
    {
        evaluate(bestN, &chosen);
    }
    return SortByRank(chosen);
}

uint32_t
BatchingEarlyExitSolver::CandidateBound(const std::vector<Candidate>& candidates,
                                        size_t first) const
{
    const size_t n = candidates.size() - first;
    const double capacity = m_problem.totalBandwidthHz;
    if (std::isinf(capacity) || n == 0)
    {
        return static_cast<uint32_t>(n);
    }
    double minMembers = INF;
    std::vector<double> own;
    own.reserve(n);
    for (size_t i = first; i < candidates.size(); ++i)
    {
        minMembers = std::min(minMembers, candidates[i].membersBandwidthHz);
        own.push_back(candidates[i].ownBandwidthHz);
    }
    std::sort(own.begin(), own.end());
    // Slightly looser than Fits() so that summation order never prunes a feasible set.
    const double budget =
        capacity * (1.0 + 2.0 * BATCHING_EARLY_EXIT_BANDWIDTH_TOLERANCE) - minMembers;
    double used = 0.0;
    uint32_t count = 0;
    for (double w : own)
    {
        used += w;
        if (used > budget)
        {
            break;
        }
        ++count;
    }
    return count;
}

bool
BatchingEarlyExitSolver::CanImprove(const SearchState& state,
                                    const std::vector<uint32_t>& members,
                                    const std::vector<Candidate>& candidates,
                                    size_t first) const
{
    const size_t nLeft = candidates.size() - first;
    const size_t needed = state.best.size() + 1 - members.size(); // >= 1
    if (needed > nLeft || CandidateBound(candidates, first) < needed)
    {
        return false;
    }
    const auto m = static_cast<std::ptrdiff_t>(needed);
    std::vector<double> ownEnd(nLeft); // upper bound of T_u*(S + R) seen by each candidate
    std::vector<double> values(nLeft);
    double upper = INF;
    if (!IsSequential(state.scheme))
    {
        const uint32_t nBlocks = GetNExits();
        std::vector<uint32_t> counts(nBlocks, 0);
        std::vector<double> earliest(nBlocks, INF);
        for (uint32_t k : members)
        {
            const uint32_t e = SchemeExit(state.scheme, k);
            ++counts[e];
            earliest[e] = std::min(earliest[e], m_problem.users[k].deadlineS);
        }
        std::vector<uint32_t> candidateCounts(nBlocks, 0);
        for (size_t i = first; i < candidates.size(); ++i)
        {
            ++candidateCounts[SchemeExit(state.scheme, candidates[i].user)];
        }
        std::vector<uint32_t> total = counts;
        size_t toAdd = needed;
        for (uint32_t l = 0; l < nBlocks && toAdd > 0; ++l)
        {
            const size_t take = std::min<size_t>(toAdd, candidateCounts[l]);
            total[l] += static_cast<uint32_t>(take);
            toAdd -= take;
        }
        const std::vector<double> cumulative = m_problem.latency.GetCumulativeLatency(
            BatchLatencyModel::BatchSizesFromExitCounts(total));
        for (uint32_t l = 0; l < nBlocks; ++l)
        {
            if (counts[l] > 0)
            {
                upper = std::min(upper, earliest[l] - cumulative[l]);
            }
        }
        for (size_t i = 0; i < nLeft; ++i)
        {
            const Candidate& c = candidates[first + i];
            const double own =
                m_problem.users[c.user].deadlineS - cumulative[SchemeExit(state.scheme, c.user)];
            ownEnd[i] = std::min(c.uploadEndS, own);
            values[i] = own;
        }
    }
    else
    {
        double busy = 0.0;
        double latestDeadline = -INF;
        for (uint32_t k : members)
        {
            busy += m_singleTimeS[SchemeExit(state.scheme, k)];
            latestDeadline = std::max(latestDeadline, m_problem.users[k].deadlineS);
        }
        for (size_t i = 0; i < nLeft; ++i)
        {
            const Candidate& c = candidates[first + i];
            latestDeadline = std::max(latestDeadline, m_problem.users[c.user].deadlineS);
            values[i] = m_singleTimeS[SchemeExit(state.scheme, c.user)];
        }
        std::nth_element(values.begin(), values.begin() + (m - 1), values.end());
        const double addedBusy = std::accumulate(values.begin(), values.begin() + m, 0.0);
        upper =
            std::min(LatestUploadEnd(state.scheme, members, -1), latestDeadline - busy - addedBusy);
        for (size_t i = 0; i < nLeft; ++i)
        {
            ownEnd[i] = candidates[first + i].uploadEndS;
            values[i] = ownEnd[i];
        }
    }
    // The minimum over R of its own bounds is at most the m-th largest of them.
    std::nth_element(values.begin(), values.begin() + (m - 1), values.end(), std::greater<>());
    upper = std::min(upper, values[m - 1]);
    if (upper < 0.0)
    {
        return false;
    }
    double bandwidth = SumMinBandwidth(members, upper);
    for (size_t i = 0; i < nLeft; ++i)
    {
        values[i] = MinBandwidth(candidates[first + i].user, std::min(upper, ownEnd[i]));
    }
    std::nth_element(values.begin(), values.begin() + (m - 1), values.end());
    bandwidth += std::accumulate(values.begin(), values.begin() + m, 0.0);
    return std::isfinite(bandwidth) &&
           bandwidth <=
               m_problem.totalBandwidthHz * (1.0 + 2.0 * BATCHING_EARLY_EXIT_BANDWIDTH_TOLERANCE);
}

void
BatchingEarlyExitSolver::Branch(SearchState& state,
                                const std::vector<uint32_t>& members,
                                const std::vector<Candidate>& candidates) const
{
    if (members.size() > state.best.size())
    {
        state.best = members;
    }
    for (size_t i = 0; i < candidates.size(); ++i)
    {
        if (state.isAborted)
        {
            return;
        }
        if (state.nodes >= m_maxSearchNodes)
        {
            state.isAborted = true;
            return;
        }
        ++state.nodes;
        // The bounds only tighten as i grows (a subset of candidates), so stop here.
        if (!CanImprove(state, members, candidates, i))
        {
            return;
        }
        const Candidate& joining = candidates[i];
        auto isDominatedByExcluded = [&](uint32_t user)
        {
            for (size_t e = 0; e < i; ++e)
            {
                if (state.dominates[candidates[e].user * GetNUsers() + user])
                {
                    return true;
                }
            }
            return false;
        };
        if (isDominatedByExcluded(joining.user))
        {
            continue;
        }
        std::vector<uint32_t> next = members;
        next.insert(std::upper_bound(next.begin(),
                                     next.end(),
                                     joining.user,
                                     [this](uint32_t a, uint32_t b)
                                     { return m_edfRank[a] < m_edfRank[b]; }),
                    joining.user);
        SumCache cache;
        auto nextSum = [&](double t)
        {
            return SumMinBandwidth(next, t);
        };
        std::vector<Candidate> nextCandidates;
        for (size_t j = i + 1; j < candidates.size(); ++j)
        {
            Candidate c;
            c.user = candidates[j].user;
            if (isDominatedByExcluded(c.user))
            {
                continue;
            }
            c.uploadEndS = LatestUploadEnd(state.scheme, next, c.user);
            if (c.uploadEndS < 0.0)
            {
                continue;
            }
            c.membersBandwidthHz = cache.Get(c.uploadEndS, nextSum);
            c.ownBandwidthHz = MinBandwidth(c.user, c.uploadEndS);
            if (Fits(c.membersBandwidthHz + c.ownBandwidthHz, c.uploadEndS))
            {
                nextCandidates.push_back(c);
            }
        }
        Branch(state, next, nextCandidates);
    }
}

std::vector<uint32_t>
BatchingEarlyExitSolver::RunOptimalH(BatchingEarlyExitScheme scheme,
                                     const std::vector<uint32_t>& candidates,
                                     uint64_t& nodes,
                                     bool& isComplete) const
{
    SearchState state;
    state.scheme = scheme;
    state.best = RunGreedy(scheme, candidates); // incumbent
    std::vector<Candidate> root;
    for (uint32_t k : candidates)
    {
        Candidate c;
        c.user = k;
        c.uploadEndS = LatestUploadEnd(scheme, {}, k);
        c.ownBandwidthHz = MinBandwidth(k, c.uploadEndS);
        c.membersBandwidthHz = 0.0;
        root.push_back(c);
    }
    // Branching order of R3.3 of [3]: deadline, then w^min alone, then index.
    std::stable_sort(root.begin(),
                     root.end(),
                     [this](const Candidate& a, const Candidate& b)
                     {
                         const double ta = m_problem.users[a.user].deadlineS;
                         const double tb = m_problem.users[b.user].deadlineS;
                         if (ta != tb)
                         {
                             return ta < tb;
                         }
                         return a.ownBandwidthHz < b.ownBandwidthHz;
                     });
    const uint32_t nUsers = GetNUsers();
    state.dominates.assign(static_cast<size_t>(nUsers) * nUsers, false);
    for (size_t a = 0; a < root.size(); ++a)
    {
        const uint32_t y = root[a].user;
        const BatchingEarlyExitUser& uy = m_problem.users[y];
        for (size_t b = a + 1; b < root.size(); ++b)
        {
            const uint32_t x = root[b].user;
            const BatchingEarlyExitUser& ux = m_problem.users[x];
            state.dominates[static_cast<size_t>(y) * nUsers + x] =
                SchemeExit(scheme, y) <= SchemeExit(scheme, x) && uy.deadlineS >= ux.deadlineS &&
                uy.uploadBits <= ux.uploadBits &&
                (m_problem.rateModel ? m_problem.rateModel->IsRateAlwaysAtLeast(y, x)
                                     : uy.snrBandwidthHz >= ux.snrBandwidthHz);
        }
    }
    if (state.best.size() < root.size())
    {
        Branch(state, {}, root);
    }
    nodes = state.nodes;
    isComplete = !state.isAborted;
    return state.best;
}

BatchingEarlyExitDecision
BatchingEarlyExitSolver::Solve(BatchingEarlyExitScheme scheme,
                               BatchingEarlyExitAlgorithm algorithm) const
{
    const std::vector<uint32_t> candidates = Candidates(scheme);
    double earliest = INF;
    double latest = -INF;
    uint32_t earliestUser = 0;
    uint32_t latestUser = 0;
    for (uint32_t k : candidates)
    {
        const double t = m_problem.users[k].deadlineS;
        if (t < earliest)
        {
            earliest = t;
            earliestUser = k;
        }
        if (t > latest)
        {
            latest = t;
            latestUser = k;
        }
    }
    const bool isCommonDeadline = candidates.empty() || latest - earliest <= 1e-12 * latest;
    if (algorithm == BatchingEarlyExitAlgorithm::OPTIMAL)
    {
        algorithm = isCommonDeadline ? BatchingEarlyExitAlgorithm::OPTIMAL_U
                                     : BatchingEarlyExitAlgorithm::OPTIMAL_H;
    }

    BatchingEarlyExitDecision decision;
    decision.scheme = scheme;
    decision.algorithm = algorithm;
    std::vector<uint32_t> chosen;
    bool isComplete = true;
    switch (algorithm)
    {
        case BatchingEarlyExitAlgorithm::OPTIMAL_U:
            if (!isCommonDeadline)
            {
                Fail("Solve(optimal-u): deadline T_k of user " + std::to_string(latestUser) +
                     " is " + Str(latest) + " s but user " + std::to_string(earliestUser) +
                     " has " + Str(earliest) +
                     " s (optimal-u needs a common deadline; use "
                     "optimal-h)");
            }
            chosen = RunOptimalU(scheme, candidates, decision.nSearchNodes, isComplete);
            break;
        case BatchingEarlyExitAlgorithm::OPTIMAL_H:
            chosen = RunOptimalH(scheme, candidates, decision.nSearchNodes, isComplete);
            break;
        default:
            chosen = RunGreedy(scheme, candidates);
            isComplete = chosen.size() == candidates.size();
            break;
    }
    decision.isOptimal = isComplete;

    std::sort(chosen.begin(), chosen.end());
    decision.served = chosen;
    const uint32_t nUsers = GetNUsers();
    decision.isServed.assign(nUsers, false);
    decision.reason.assign(nUsers, BatchingEarlyExitReason::NOT_SELECTED);
    decision.exit.assign(nUsers, BATCHING_EARLY_EXIT_NO_EXIT);
    decision.bandwidthHz.assign(nUsers, 0.0);
    for (uint32_t k = 0; k < nUsers; ++k)
    {
        if (m_exit[k] != BATCHING_EARLY_EXIT_NO_EXIT)
        {
            decision.exit[k] = static_cast<int32_t>(SchemeExit(scheme, k));
        }
        decision.reason[k] = GetIndividualReason(scheme, k);
        if (decision.reason[k] == BatchingEarlyExitReason::NONE)
        {
            decision.reason[k] = BatchingEarlyExitReason::NOT_SELECTED;
        }
    }
    const BatchingEarlyExitSetEvaluation evaluation = EvaluateSet(scheme, chosen);
    for (size_t i = 0; i < chosen.size(); ++i)
    {
        const uint32_t k = chosen[i];
        decision.isServed[k] = true;
        decision.reason[k] = BatchingEarlyExitReason::NONE;
        decision.bandwidthHz[k] = evaluation.minBandwidthHz[i];
    }
    decision.latestUploadEndS = chosen.empty() ? 0.0 : evaluation.latestUploadEndS;
    decision.sumBandwidthHz = evaluation.sumMinBandwidthHz;
    decision.prediction = Predict(scheme, decision.served, decision.bandwidthHz);
    return decision;
}

std::string
BatchingEarlyExitSolver::CheckDecision(const BatchingEarlyExitProblem& problem,
                                       const BatchingEarlyExitDecision& decision)
{
    std::optional<BatchingEarlyExitSolver> solver;
    try
    {
        solver.emplace(problem);
    }
    catch (const std::invalid_argument& e)
    {
        return std::string("instance: ") + e.what();
    }
    const auto nUsers = static_cast<uint32_t>(problem.users.size());
    const std::string kUsers = " for " + std::to_string(nUsers) + " users (one per user)";
    if (decision.bandwidthHz.size() != nUsers)
    {
        return "users: bandwidthHz has " + std::to_string(decision.bandwidthHz.size()) +
               " entries" + kUsers;
    }
    if (!decision.isServed.empty() && decision.isServed.size() != nUsers)
    {
        return "users: isServed has " + std::to_string(decision.isServed.size()) + " entries" +
               kUsers;
    }
    if (!decision.exit.empty() && decision.exit.size() != nUsers)
    {
        return "users: exit has " + std::to_string(decision.exit.size()) + " entries" + kUsers;
    }
    std::vector<bool> inServed(nUsers, false);
    for (size_t i = 0; i < decision.served.size(); ++i)
    {
        const uint32_t k = decision.served[i];
        const std::string where = "served[" + std::to_string(i) + "]: user " + std::to_string(k);
        if (k >= nUsers)
        {
            return where + " does not exist (the instance has " + std::to_string(nUsers) +
                   " users)";
        }
        if (inServed[k])
        {
            return where + " is listed twice";
        }
        inServed[k] = true;
    }
    const BatchingEarlyExitScheme scheme = decision.scheme;
    double sum = 0;
    for (uint32_t k = 0; k < nUsers; ++k)
    {
        const std::string user = "users[" + std::to_string(k) + "].";
        if (!decision.isServed.empty() && decision.isServed[k] != inServed[k])
        {
            return user + "served: " + (decision.isServed[k] ? "true" : "false") +
                   " but the served list " + (inServed[k] ? "holds" : "does not hold") + " user " +
                   std::to_string(k);
        }
        if (!inServed[k])
        {
            continue;
        }
        if (solver->GetExit(k) == BATCHING_EARLY_EXIT_NO_EXIT)
        {
            return user + "served: true, but no exit meets its accuracy requirement " +
                   Str(problem.users[k].accuracyRequirement);
        }
        const auto schemeExit = static_cast<int32_t>(solver->SchemeExit(scheme, k));
        if (!decision.exit.empty() && decision.exit[k] != schemeExit)
        {
            return user + "exit: " + std::to_string(decision.exit[k]) + ", but under scheme " +
                   ToString(scheme) + " the user leaves at exit " + std::to_string(schemeExit);
        }
        const double w = decision.bandwidthHz[k];
        if (!(w >= 0.0) || !std::isfinite(w))
        {
            return user + "bandwidthHz: " + Str(w) + " (a served user needs a finite value >= 0)";
        }
        if (w == 0.0 && problem.users[k].uploadBits > 0.0)
        {
            return user + "bandwidthHz: 0 for a served user with uploadBits " +
                   Str(problem.users[k].uploadBits) + " > 0 (it could never upload)";
        }
        sum += w;
        if (!(sum <= problem.totalBandwidthHz * (1.0 + BATCHING_EARLY_EXIT_BANDWIDTH_TOLERANCE)))
        {
            double total = 0;
            for (uint32_t j : decision.served)
            {
                total += decision.bandwidthHz[j];
            }
            return user + "bandwidthHz: " + Str(w) +
                   " Hz makes the served users' sum exceed "
                   "totalBandwidthHz W = " +
                   Str(problem.totalBandwidthHz) + " Hz (sum " + Str(total) + " Hz)";
        }
    }
    return "";
}

BatchingEarlyExitDecision
BatchingEarlyExitSolver::CompleteDecision(const BatchingEarlyExitDecision& decision) const
{
    const uint32_t nUsers = GetNUsers();
    const BatchingEarlyExitScheme scheme = decision.scheme;
    BatchingEarlyExitDecision out;
    out.scheme = scheme;
    out.algorithm = decision.algorithm;
    out.isOptimal = decision.isOptimal;
    out.nSearchNodes = decision.nSearchNodes;
    out.served = decision.served;
    std::sort(out.served.begin(), out.served.end());
    out.isServed.assign(nUsers, false);
    out.reason.assign(nUsers, BatchingEarlyExitReason::NOT_SELECTED);
    out.exit.assign(nUsers, BATCHING_EARLY_EXIT_NO_EXIT);
    out.bandwidthHz.assign(nUsers, 0.0);
    for (uint32_t k = 0; k < nUsers; ++k)
    {
        if (m_exit[k] != BATCHING_EARLY_EXIT_NO_EXIT)
        {
            out.exit[k] = static_cast<int32_t>(SchemeExit(scheme, k));
        }
        out.reason[k] = GetIndividualReason(scheme, k);
        if (out.reason[k] == BatchingEarlyExitReason::NONE)
        {
            out.reason[k] = BatchingEarlyExitReason::NOT_SELECTED;
        }
    }
    for (uint32_t k : out.served)
    {
        out.isServed[k] = true;
        out.reason[k] = BatchingEarlyExitReason::NONE;
        out.bandwidthHz[k] = decision.bandwidthHz.at(k);
        out.sumBandwidthHz += out.bandwidthHz[k];
    }
    out.latestUploadEndS =
        out.served.empty() ? 0.0 : EvaluateSet(scheme, out.served).latestUploadEndS;
    out.prediction = Predict(scheme, out.served, out.bandwidthHz);
    return out;
}

} // namespace edgeinference
} // namespace ns3
