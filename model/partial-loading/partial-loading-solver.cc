/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "partial-loading-solver.h"

#include "ns3/gpu-memory-model.h"
#include "ns3/radio-rate.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iomanip>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

namespace
{

/// +infinity
constexpr double INF = std::numeric_limits<double>::infinity();

/**
 * @param [in] endS end time, s
 * @param [in] deadlineS deadline, s
 * @return true if the end is finite and meets the deadline within the tolerance
 */
bool
IsOnTime(double endS, double deadlineS)
{
    return std::isfinite(endS) && endS <= deadlineS + PARTIAL_LOADING_DEADLINE_TOLERANCE *
                                                          std::max(std::abs(deadlineS), 1.0);
}

/**
 * @param [in] request a request
 * @param [in] bandwidthHz allocated bandwidth, Hz (+infinity = instantaneous upload)
 * @param [in] startS when the uploads start, s (PartialLoadingProblem::uploadStartS)
 * @return upload end u_k, s: 0 if D_k = 0, else startS + D_k / r_k (+infinity if the rate
 * is 0)
 */
double
UploadTime(const PartialLoadingRequest& request, double bandwidthHz, double startS)
{
    if (request.uploadBits == 0.0)
    {
        return 0.0;
    }
    if (std::isinf(bandwidthHz))
    {
        return startS;
    }
    const double rate = request.channel.Rate(bandwidthHz);
    if (!(rate > 0.0))
    {
        return INF;
    }
    return startS + request.uploadBits / rate;
}

/**
 * @brief Throw std::invalid_argument with a message.
 * @param [in] oss the message
 */
[[noreturn]] void
Fail(const std::ostringstream& oss)
{
    throw std::invalid_argument(oss.str());
}

/**
 * @brief Union-find root with path halving.
 * @param [in,out] parent parent array
 * @param [in] i element
 * @return the root of i
 */
uint32_t
Root(std::vector<uint32_t>& parent, uint32_t i)
{
    while (parent[i] != i)
    {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/// A model inside a DP cluster.
struct DpModel
{
    uint32_t model{0};              ///< Family index
    double headS{0};                ///< h_m / R_L, s
    bool hasHead{false};            ///< The head has at least one block
    std::vector<uint32_t> requests; ///< Candidate requests, easiest upload first
};

/// A cluster of the DP.
struct DpCluster
{
    double backboneS{0};            ///< beta_c / R_L, s
    bool hasBackbone{false};        ///< The backbone has at least one block (and is not resident)
    bool isResident{false};         ///< Holds the resident model
    std::vector<DpModel> models;    ///< Members in family order
    std::vector<std::string> names; ///< Member names
};

} // namespace

// ------------------------------------------------------------------------------------------
// UplinkChannel

UplinkChannel
UplinkChannel::ConstantPsd(double spectralEfficiency)
{
    if (!(spectralEfficiency >= 0.0) || !std::isfinite(spectralEfficiency))
    {
        std::ostringstream oss;
        oss << "UplinkChannel::ConstantPsd: spectralEfficiency is " << spectralEfficiency
            << " (must be finite and >= 0)";
        Fail(oss);
    }
    UplinkChannel c;
    c.type = Type::CONSTANT_PSD;
    c.spectralEfficiency = spectralEfficiency;
    return c;
}

UplinkChannel
UplinkChannel::FixedPower(double snrBandwidthHz)
{
    if (!(snrBandwidthHz >= 0.0) || !std::isfinite(snrBandwidthHz))
    {
        std::ostringstream oss;
        oss << "UplinkChannel::FixedPower: snrBandwidthHz is " << snrBandwidthHz
            << " (must be finite and >= 0)";
        Fail(oss);
    }
    UplinkChannel c;
    c.type = Type::FIXED_POWER;
    c.snrBandwidthHz = snrBandwidthHz;
    return c;
}

UplinkChannel
UplinkChannel::FromRateModel(std::shared_ptr<const RateModel> model, uint32_t user)
{
    if (!model || user >= model->GetNUsers())
    {
        std::ostringstream oss;
        oss << "UplinkChannel::FromRateModel: "
            << (model ? "user " + std::to_string(user) + " is not in the model's " +
                            std::to_string(model->GetNUsers()) + " users"
                      : std::string("the model is null"));
        Fail(oss);
    }
    UplinkChannel c;
    c.type = Type::RATE_MODEL;
    c.rateModel = std::move(model);
    c.rateModelUser = user;
    return c;
}

double
UplinkChannel::Rate(double bandwidthHz) const
{
    if (!(bandwidthHz >= 0.0))
    {
        std::ostringstream oss;
        oss << "UplinkChannel::Rate: bandwidthHz is " << bandwidthHz << " (must be >= 0)";
        Fail(oss);
    }
    if (type == Type::CONSTANT_PSD)
    {
        // no rate at zero efficiency, even with infinite bandwidth (inf * 0 is NaN)
        return spectralEfficiency == 0.0 ? 0.0 : bandwidthHz * spectralEfficiency;
    }
    if (type == Type::RATE_MODEL)
    {
        return rateModel->Rate(rateModelUser, bandwidthHz);
    }
    return ShannonRateFixedPower(bandwidthHz, snrBandwidthHz);
}

double
UplinkChannel::MinBandwidth(double bits, double timeS) const
{
    if (bits == 0.0)
    {
        return 0.0;
    }
    if (!(timeS > 0.0))
    {
        return INF;
    }
    if (std::isinf(timeS))
    {
        return 0.0;
    }
    if (type == Type::CONSTANT_PSD)
    {
        return MinBandwidthLinear(bits / timeS, spectralEfficiency);
    }
    if (type == Type::RATE_MODEL)
    {
        return rateModel->MinBandwidthForRate(rateModelUser, bits / timeS);
    }
    return MinBandwidthFixedPower(bits, timeS, snrBandwidthHz);
}

// ------------------------------------------------------------------------------------------
// ToString

const std::vector<std::pair<SchedulingAlgorithm, std::string>>&
SchedulingAlgorithmNames()
{
    static const std::vector<std::pair<SchedulingAlgorithm, std::string>> names = {
        {SchedulingAlgorithm::PARTIAL_LOADING, "partial-loading"},
        {SchedulingAlgorithm::BACKBONE_DP, "backbone-dp"},
        {SchedulingAlgorithm::GROUP_GREEDY, "group-greedy"},
        {SchedulingAlgorithm::PER_REQUEST_GREEDY, "per-request-greedy"},
        {SchedulingAlgorithm::NO_SHARING, "no-sharing"},
        {SchedulingAlgorithm::FCFS, "fcfs"},
        {SchedulingAlgorithm::EDF, "edf"},
        {SchedulingAlgorithm::DP_EQUAL_BANDWIDTH, "dp-equal-bandwidth"},
        {SchedulingAlgorithm::INFINITE_BANDWIDTH, "infinite-bandwidth"},
    };
    return names;
}

std::string
ToString(SchedulingAlgorithm algorithm)
{
    for (const auto& [a, name] : SchedulingAlgorithmNames())
    {
        if (a == algorithm)
        {
            return name;
        }
    }
    return "unknown";
}

SchedulingAlgorithm
SchedulingAlgorithmFromString(const std::string& name)
{
    std::string valid;
    for (const auto& [a, n] : SchedulingAlgorithmNames())
    {
        if (n == name)
        {
            return a;
        }
        valid += (valid.empty() ? "" : ", ") + n;
    }
    throw std::invalid_argument("unknown PartialLoading algorithm '" + name +
                                "' (expected one of " + valid + ")");
}

const std::vector<std::pair<UploadWindowRule, std::string>>&
UploadWindowRuleNames()
{
    static const std::vector<std::pair<UploadWindowRule, std::string>> names = {
        {UploadWindowRule::READY_TIME, "ready-time"},
        {UploadWindowRule::LATEST_START, "latest-start"},
    };
    return names;
}

std::string
ToString(UploadWindowRule rule)
{
    for (const auto& [r, name] : UploadWindowRuleNames())
    {
        if (r == rule)
        {
            return name;
        }
    }
    return "unknown";
}

const std::vector<UnservedReason>&
AllUnservedReasons()
{
    static const std::vector<UnservedReason> all = {UnservedReason::NONE,
                                                    UnservedReason::MODEL_EXCEEDS_GPU_MEMORY,
                                                    UnservedReason::DEADLINE,
                                                    UnservedReason::BANDWIDTH,
                                                    UnservedReason::UPLOAD_LATE,
                                                    UnservedReason::NOT_SELECTED,
                                                    UnservedReason::DECISION_REJECTED};
    return all;
}

std::string
ToString(UnservedReason reason)
{
    switch (reason)
    {
        case UnservedReason::NONE:
            return "NONE";
        case UnservedReason::MODEL_EXCEEDS_GPU_MEMORY:
            return "MODEL_EXCEEDS_GPU_MEMORY";
        case UnservedReason::DEADLINE:
            return "DEADLINE";
        case UnservedReason::BANDWIDTH:
            return "BANDWIDTH";
        case UnservedReason::UPLOAD_LATE:
            return "UPLOAD_LATE";
        case UnservedReason::NOT_SELECTED:
            return "NOT_SELECTED";
        case UnservedReason::DECISION_REJECTED:
            return "DECISION_REJECTED";
    }
    return "UNKNOWN";
}

// ------------------------------------------------------------------------------------------
// PartialLoadingSolver: construction and evaluation

PartialLoadingSolver::PartialLoadingSolver(PartialLoadingProblem problem)
    : m_problem(std::move(problem))
{
    const std::string who = "PartialLoadingSolver: ";
    const auto& models = m_problem.family.GetModels();
    m_nModels = static_cast<uint32_t>(models.size());

    if (!(m_problem.loadBandwidthBps > 0.0) || !std::isfinite(m_problem.loadBandwidthBps))
    {
        std::ostringstream oss;
        oss << who << "loadBandwidthBps (R_L) is " << m_problem.loadBandwidthBps
            << " (must be finite and > 0)";
        Fail(oss);
    }
    if (!(m_problem.loadOverheadS >= 0.0) || !std::isfinite(m_problem.loadOverheadS))
    {
        std::ostringstream oss;
        oss << who << "loadOverheadS (tau_0) is " << m_problem.loadOverheadS
            << " (must be finite and >= 0)";
        Fail(oss);
    }
    if (!(m_problem.totalBandwidthHz >= 0.0))
    {
        std::ostringstream oss;
        oss << who << "totalBandwidthHz (B) is " << m_problem.totalBandwidthHz << " (must be >= 0)";
        Fail(oss);
    }
    if (!(m_problem.uploadStartS >= 0.0) || !std::isfinite(m_problem.uploadStartS))
    {
        std::ostringstream oss;
        oss << who << "uploadStartS is " << m_problem.uploadStartS << " (must be finite and >= 0)";
        Fail(oss);
    }

    std::map<std::string, uint32_t> index;
    m_modelBytes.resize(m_nModels);
    for (uint32_t m = 0; m < m_nModels; ++m)
    {
        index[models[m].GetName()] = m;
        if (models[m].GetBlocks().empty())
        {
            std::ostringstream oss;
            oss << who << "model '" << models[m].GetName() << "' of family '"
                << m_problem.family.GetName() << "' has no parameter blocks";
            Fail(oss);
        }
        m_modelBytes[m] = models[m].GetTotalBytes();
    }

    m_inferenceS.assign(m_nModels, std::numeric_limits<double>::quiet_NaN());
    for (const auto& [name, seconds] : m_problem.inferenceTimeS)
    {
        auto it = index.find(name);
        if (it == index.end())
        {
            std::ostringstream oss;
            oss << who << "inferenceTimeS names model '" << name << "', which is not in family '"
                << m_problem.family.GetName() << "'";
            Fail(oss);
        }
        if (!(seconds >= 0.0) || !std::isfinite(seconds))
        {
            std::ostringstream oss;
            oss << who << "inference time I_m of model '" << name << "' is " << seconds
                << " s (must be finite and >= 0)";
            Fail(oss);
        }
        m_inferenceS[it->second] = seconds;
    }

    m_resident = m_nModels;
    if (!m_problem.residentModel.empty())
    {
        auto it = index.find(m_problem.residentModel);
        if (it == index.end())
        {
            std::ostringstream oss;
            oss << who << "residentModel '" << m_problem.residentModel << "' is not in family '"
                << m_problem.family.GetName() << "'";
            Fail(oss);
        }
        m_resident = it->second;
        if (m_problem.gpuCapacityBytes > 0 && m_modelBytes[m_resident] > m_problem.gpuCapacityBytes)
        {
            std::ostringstream oss;
            oss << who << "residentModel '" << m_problem.residentModel << "' has "
                << m_modelBytes[m_resident] << " bytes, more than gpuCapacityBytes "
                << m_problem.gpuCapacityBytes;
            Fail(oss);
        }
    }

    m_maxDeadlineS = 0.0;
    double maxFinite = 0.0;
    m_modelOfRequest.resize(m_problem.requests.size());
    for (size_t k = 0; k < m_problem.requests.size(); ++k)
    {
        const auto& r = m_problem.requests[k];
        auto it = index.find(r.model);
        if (it == index.end())
        {
            std::ostringstream oss;
            oss << who << "request " << k << ": model '" << r.model << "' is not in family '"
                << m_problem.family.GetName() << "'";
            Fail(oss);
        }
        m_modelOfRequest[k] = it->second;
        if (std::isnan(m_inferenceS[it->second]))
        {
            std::ostringstream oss;
            oss << who << "request " << k << ": model '" << r.model
                << "' has no inference time (PartialLoadingProblem::inferenceTimeS)";
            Fail(oss);
        }
        if (!(r.uploadBits >= 0.0) || !std::isfinite(r.uploadBits))
        {
            std::ostringstream oss;
            oss << who << "request " << k << ": uploadBits (D_k) is " << r.uploadBits
                << " (must be finite and >= 0)";
            Fail(oss);
        }
        if (!(r.deadlineS >= 0.0))
        {
            std::ostringstream oss;
            oss << who << "request " << k << ": deadlineS (T_k) is " << r.deadlineS
                << " (must be >= 0)";
            Fail(oss);
        }
        if (r.channel.type == UplinkChannel::Type::RATE_MODEL)
        {
            if (!r.channel.rateModel || r.channel.rateModelUser >= r.channel.rateModel->GetNUsers())
            {
                std::ostringstream oss;
                oss << who << "request " << k << ": channel rateModel is null or has no user "
                    << r.channel.rateModelUser;
                Fail(oss);
            }
        }
        const bool isPsd = r.channel.type == UplinkChannel::Type::CONSTANT_PSD;
        const double channelValue = isPsd ? r.channel.spectralEfficiency : r.channel.snrBandwidthHz;
        if (r.channel.type != UplinkChannel::Type::RATE_MODEL &&
            (!(channelValue >= 0.0) || !std::isfinite(channelValue)))
        {
            std::ostringstream oss;
            oss << who << "request " << k << ": "
                << (isPsd ? "spectralEfficiency (eta_k)" : "snrBandwidthHz (s_k)") << " is "
                << channelValue << " (must be finite and >= 0)";
            Fail(oss);
        }
        m_maxDeadlineS = std::max(m_maxDeadlineS, r.deadlineS);
        if (std::isfinite(r.deadlineS))
        {
            maxFinite = std::max(maxFinite, r.deadlineS);
        }
    }
    m_referenceTimeS = maxFinite > 0.0 ? maxFinite : 1.0;

    const DnnModel cold;
    m_switchSharing.resize(static_cast<size_t>(m_nModels + 1) * m_nModels);
    m_switchNoSharing.resize(m_switchSharing.size());
    for (uint32_t from = 0; from <= m_nModels; ++from)
    {
        const DnnModel& f = from < m_nModels ? models[from] : cold;
        for (uint32_t to = 0; to < m_nModels; ++to)
        {
            const size_t i = static_cast<size_t>(from) * m_nModels + to;
            m_switchSharing[i] = GpuMemoryModel::SwitchTime(
                f, models[to], m_problem.loadBandwidthBps, m_problem.loadOverheadS);
            m_switchNoSharing[i] = GpuMemoryModel::NoSharingSwitchTime(
                f, models[to], m_problem.loadBandwidthBps, m_problem.loadOverheadS);
        }
    }
}

bool
PartialLoadingSolver::HasUploadWindows(SchedulingAlgorithm algorithm)
{
    return algorithm != SchedulingAlgorithm::DP_EQUAL_BANDWIDTH &&
           algorithm != SchedulingAlgorithm::INFINITE_BANDWIDTH;
}

const PartialLoadingProblem&
PartialLoadingSolver::GetProblem() const
{
    return m_problem;
}

uint32_t
PartialLoadingSolver::GetNRequests() const
{
    return static_cast<uint32_t>(m_problem.requests.size());
}

double
PartialLoadingSolver::Switch(uint32_t from, uint32_t to, LoadRule rule) const
{
    const size_t i = static_cast<size_t>(from) * m_nModels + to;
    return rule == LoadRule::SHARING ? m_switchSharing[i] : m_switchNoSharing[i];
}

double
PartialLoadingSolver::GetSwitchTime(const std::string& from,
                                    const std::string& to,
                                    LoadRule rule) const
{
    const auto& models = m_problem.family.GetModels();
    auto find = [&](const std::string& name)
    {
        for (uint32_t m = 0; m < m_nModels; ++m)
        {
            if (models[m].GetName() == name)
            {
                return m;
            }
        }
        std::ostringstream oss;
        oss << "PartialLoadingSolver::GetSwitchTime: model '" << name << "' is not in family '"
            << m_problem.family.GetName() << "'";
        Fail(oss);
    };
    const uint32_t f = from.empty() ? m_nModels : find(from);
    return Switch(f, find(to), rule);
}

double
PartialLoadingSolver::MinBandwidth(uint32_t k, double windowS) const
{
    const auto& r = m_problem.requests[k];
    return r.channel.MinBandwidth(r.uploadBits, windowS - m_problem.uploadStartS);
}

double
PartialLoadingSolver::DifficultyKey(uint32_t k) const
{
    return MinBandwidth(k, m_referenceTimeS);
}

std::vector<uint32_t>
PartialLoadingSolver::CheckCandidates(const std::vector<uint32_t>& candidates,
                                      const char* who) const
{
    std::vector<bool> seen(m_problem.requests.size(), false);
    for (uint32_t k : candidates)
    {
        if (k >= m_problem.requests.size())
        {
            std::ostringstream oss;
            oss << "PartialLoadingSolver::" << who << ": request index " << k
                << " is out of range (K = " << m_problem.requests.size() << ")";
            Fail(oss);
        }
        if (seen[k])
        {
            std::ostringstream oss;
            oss << "PartialLoadingSolver::" << who << ": request " << k << " is listed twice";
            Fail(oss);
        }
        seen[k] = true;
    }
    return candidates;
}

SchedulePrediction
PartialLoadingSolver::Evaluate(const std::vector<uint32_t>& order,
                               const std::vector<double>& bandwidthHz,
                               LoadRule rule) const
{
    CheckCandidates(order, "Evaluate");
    const size_t nRequests = m_problem.requests.size();
    if (!bandwidthHz.empty() && bandwidthHz.size() != nRequests)
    {
        std::ostringstream oss;
        oss << "PartialLoadingSolver::Evaluate: bandwidthHz has " << bandwidthHz.size()
            << " entries (must be empty or K = " << nRequests << ")";
        Fail(oss);
    }
    for (size_t k = 0; k < bandwidthHz.size(); ++k)
    {
        if (!(bandwidthHz[k] >= 0.0))
        {
            std::ostringstream oss;
            oss << "PartialLoadingSolver::Evaluate: bandwidthHz[" << k << "] is " << bandwidthHz[k]
                << " (must be >= 0)";
            Fail(oss);
        }
    }

    SchedulePrediction p;
    uint32_t prev = m_resident;
    double clock = 0.0;
    for (uint32_t k : order)
    {
        const auto& r = m_problem.requests[k];
        const uint32_t m = m_modelOfRequest[k];
        TaskTiming t;
        t.request = k;
        t.loadTimeS = Switch(prev, m, rule);
        t.readyTimeS = clock + t.loadTimeS;
        t.uploadTimeS =
            bandwidthHz.empty() ? 0.0 : UploadTime(r, bandwidthHz[k], m_problem.uploadStartS);
        t.startTimeS = std::max(t.readyTimeS, t.uploadTimeS);
        t.endTimeS = t.startTimeS + m_inferenceS[m];
        t.deadlineS = r.deadlineS;
        t.isOnTime = IsOnTime(t.endTimeS, r.deadlineS);
        p.nOnTime += t.isOnTime ? 1 : 0;
        p.isAllOnTime = p.isAllOnTime && t.isOnTime;
        p.tasks.push_back(t);
        clock = t.endTimeS;
        prev = m;
    }
    p.makespanS = clock;
    p.throughputPerS =
        (m_maxDeadlineS > 0.0 && std::isfinite(m_maxDeadlineS)) ? p.nOnTime / m_maxDeadlineS : 0.0;
    return p;
}

// ------------------------------------------------------------------------------------------
// Structure detection

std::vector<BackboneCluster>
PartialLoadingSolver::DetectBackboneClusters(const DnnModelFamily& family,
                                             const std::vector<std::string>& models)
{
    const auto& all = family.GetModels();
    std::vector<uint32_t> sel;
    if (models.empty())
    {
        sel.resize(all.size());
        std::iota(sel.begin(), sel.end(), 0U);
    }
    else
    {
        std::set<uint32_t> chosen;
        for (const auto& name : models)
        {
            bool isFound = false;
            for (uint32_t m = 0; m < all.size(); ++m)
            {
                if (all[m].GetName() == name)
                {
                    chosen.insert(m);
                    isFound = true;
                    break;
                }
            }
            if (!isFound)
            {
                std::ostringstream oss;
                oss << "PartialLoadingSolver::DetectBackboneClusters: model '" << name
                    << "' is not in family '" << family.GetName() << "'";
                Fail(oss);
            }
        }
        sel.assign(chosen.begin(), chosen.end());
    }

    // Owners of each block among the selected models (positions in sel).
    std::map<std::string, std::vector<uint32_t>> owners;
    for (uint32_t s = 0; s < sel.size(); ++s)
    {
        for (const auto& b : all[sel[s]].GetBlocks())
        {
            owners[b.id].push_back(s);
        }
    }
    std::vector<uint32_t> parent(sel.size());
    std::iota(parent.begin(), parent.end(), 0U);
    for (const auto& [id, own] : owners)
    {
        for (size_t i = 1; i < own.size(); ++i)
        {
            parent[Root(parent, own[i])] = Root(parent, own[0]);
        }
    }
    // Clusters in order of their first member.
    std::vector<std::vector<uint32_t>> groups;
    std::map<uint32_t, size_t> groupOfRoot;
    for (uint32_t s = 0; s < sel.size(); ++s)
    {
        const uint32_t root = Root(parent, s);
        auto it = groupOfRoot.find(root);
        if (it == groupOfRoot.end())
        {
            groupOfRoot[root] = groups.size();
            groups.push_back({s});
        }
        else
        {
            groups[it->second].push_back(s);
        }
    }

    std::vector<BackboneCluster> clusters;
    for (const auto& g : groups)
    {
        BackboneCluster c;
        for (uint32_t s : g)
        {
            c.models.push_back(all[sel[s]].GetName());
        }
        const DnnModel& first = all[sel[g.front()]];
        if (g.size() == 1)
        {
            for (const auto& b : first.GetBlocks())
            {
                c.backboneBlocks.push_back(b.id);
                c.backboneBytes += b.bytes;
            }
            c.headBytes.push_back(0);
            c.nHeadBlocks.push_back(0);
            clusters.push_back(c);
            continue;
        }
        for (uint32_t s : g)
        {
            uint64_t head = 0;
            uint32_t nHead = 0;
            for (const auto& b : all[sel[s]].GetBlocks())
            {
                const auto& own = owners[b.id];
                if (own.size() == 1)
                {
                    head += b.bytes;
                    ++nHead;
                    continue;
                }
                if (own.size() != g.size())
                {
                    // Shared by some but not all members of the cluster: name a non-holder.
                    std::string missing;
                    for (uint32_t t : g)
                    {
                        if (std::find(own.begin(), own.end(), t) == own.end())
                        {
                            missing = all[sel[t]].GetName();
                            break;
                        }
                    }
                    std::ostringstream oss;
                    oss << "PartialLoadingSolver: family '" << family.GetName()
                        << "' is not backbone-sharing: block '" << b.id << "' is shared by models '"
                        << all[sel[own[0]]].GetName() << "' and '" << all[sel[own[1]]].GetName()
                        << "' but not by model '" << missing
                        << "' of the same sharing cluster (use GROUP_GREEDY)";
                    Fail(oss);
                }
            }
            c.headBytes.push_back(head);
            c.nHeadBlocks.push_back(nHead);
        }
        for (const auto& b : first.GetBlocks())
        {
            if (owners[b.id].size() == g.size())
            {
                c.backboneBlocks.push_back(b.id);
                c.backboneBytes += b.bytes;
            }
        }
        clusters.push_back(c);
    }
    return clusters;
}

bool
PartialLoadingSolver::IsBackboneSharing(const DnnModelFamily& family,
                                        const std::vector<std::string>& models)
{
    try
    {
        DetectBackboneClusters(family, models);
    }
    catch (const std::invalid_argument&)
    {
        return false;
    }
    return true;
}

// ------------------------------------------------------------------------------------------
// Step 1: backbone-sharing DP (R2.5 of [2])

BackboneDpResult
PartialLoadingSolver::SolveBackboneDp(const std::vector<uint32_t>& candidatesIn,
                                      LoadRule rule) const
{
    const std::vector<uint32_t> candidates = CheckCandidates(candidatesIn, "SolveBackboneDp");
    BackboneDpResult res;
    res.minTimeS = {0.0};
    if (candidates.empty())
    {
        return res;
    }
    const auto& reqs = m_problem.requests;
    const double deadline = reqs[candidates[0]].deadlineS;
    for (uint32_t k : candidates)
    {
        if (reqs[k].deadlineS != deadline)
        {
            std::ostringstream oss;
            oss << "PartialLoadingSolver::SolveBackboneDp: the DP needs a common deadline, but "
                << "request " << candidates[0] << " has T = " << deadline << " s and request " << k
                << " has T = " << reqs[k].deadlineS << " s (use GROUP_GREEDY)";
            Fail(oss);
        }
    }
    res.deadlineS = deadline;

    const auto& models = m_problem.family.GetModels();
    const double rl = m_problem.loadBandwidthBps;
    const double tau0 = m_problem.loadOverheadS;

    // Relevant models: the candidates' and the resident one, in family order.
    std::vector<bool> isRelevant(m_nModels, false);
    for (uint32_t k : candidates)
    {
        isRelevant[m_modelOfRequest[k]] = true;
    }
    if (m_resident < m_nModels)
    {
        isRelevant[m_resident] = true;
    }
    std::vector<std::string> names;
    std::map<std::string, uint32_t> idx;
    for (uint32_t m = 0; m < m_nModels; ++m)
    {
        if (isRelevant[m])
        {
            names.push_back(models[m].GetName());
            idx[models[m].GetName()] = m;
        }
    }

    std::vector<DpCluster> clusters;
    if (rule == LoadRule::SHARING)
    {
        for (const auto& bc : DetectBackboneClusters(m_problem.family, names))
        {
            DpCluster c;
            c.backboneS = static_cast<double>(bc.backboneBytes) / rl;
            c.hasBackbone = !bc.backboneBlocks.empty();
            c.names = bc.models;
            for (size_t i = 0; i < bc.models.size(); ++i)
            {
                DpModel dm;
                dm.model = idx[bc.models[i]];
                dm.headS = static_cast<double>(bc.headBytes[i]) / rl;
                dm.hasHead = bc.nHeadBlocks[i] > 0;
                c.models.push_back(dm);
            }
            clusters.push_back(c);
        }
    }
    else
    {
        for (const auto& name : names)
        {
            DpCluster c;
            const uint32_t m = idx[name];
            c.backboneS = static_cast<double>(m_modelBytes[m]) / rl;
            c.hasBackbone = true;
            c.names = {name};
            DpModel dm;
            dm.model = m;
            c.models.push_back(dm);
            clusters.push_back(c);
        }
    }
    // Resident model: its backbone and head cost nothing; its cluster runs first.
    for (size_t c = 0; c < clusters.size(); ++c)
    {
        for (auto& dm : clusters[c].models)
        {
            if (dm.model == m_resident)
            {
                dm.headS = 0.0;
                dm.hasHead = false;
                clusters[c].backboneS = 0.0;
                clusters[c].hasBackbone = false;
                clusters[c].isResident = true;
            }
        }
        if (clusters[c].isResident && c > 0)
        {
            std::rotate(clusters.begin(), clusters.begin() + c, clusters.begin() + c + 1);
        }
    }
    // Candidate requests of each model, least bandwidth-hungry first.
    std::vector<uint32_t> sorted = candidates;
    std::stable_sort(sorted.begin(),
                     sorted.end(),
                     [this](uint32_t a, uint32_t b)
                     {
                         const double ka = DifficultyKey(a);
                         const double kb = DifficultyKey(b);
                         return ka < kb || (ka == kb && a < b);
                     });
    for (auto& c : clusters)
    {
        for (auto& dm : c.models)
        {
            for (uint32_t k : sorted)
            {
                if (m_modelOfRequest[k] == dm.model)
                {
                    dm.requests.push_back(k);
                }
            }
        }
    }

    // Inner DP per cluster. G[f][x]: minimum time for x tasks, f = some head loaded.
    const size_t nClusters = clusters.size();
    std::vector<std::vector<uint32_t>> servedOfModel(nClusters);
    std::vector<std::vector<std::array<std::vector<uint32_t>, 2>>> choiceY(nClusters);
    std::vector<std::vector<std::array<std::vector<uint8_t>, 2>>> choiceF(nClusters);
    std::vector<std::vector<uint8_t>> bestFlag(nClusters);
    for (size_t c = 0; c < nClusters; ++c)
    {
        const DpCluster& cl = clusters[c];
        size_t q = 0;
        for (const auto& dm : cl.models)
        {
            q += dm.requests.size();
        }
        std::array<std::vector<double>, 2> g{std::vector<double>(q + 1, INF),
                                             std::vector<double>(q + 1, INF)};
        g[0][0] = 0.0;
        choiceY[c].resize(cl.models.size());
        choiceF[c].resize(cl.models.size());
        for (size_t j = 0; j < cl.models.size(); ++j)
        {
            const DpModel& dm = cl.models[j];
            const double inference = m_inferenceS[dm.model];
            const double load = dm.headS + (dm.hasHead ? tau0 : 0.0);
            std::array<std::vector<double>, 2> next = g;
            for (uint8_t f = 0; f < 2; ++f)
            {
                choiceY[c][j][f].assign(q + 1, 0);
                choiceF[c][j][f].assign(q + 1, f);
            }
            for (uint8_t f = 0; f < 2; ++f)
            {
                for (size_t x = 0; x <= q; ++x)
                {
                    if (!std::isfinite(g[f][x]))
                    {
                        continue;
                    }
                    const uint8_t nf = (f != 0 || dm.hasHead) ? 1 : 0;
                    for (size_t y = 1; y <= dm.requests.size() && x + y <= q; ++y)
                    {
                        const double cost = g[f][x] + load + static_cast<double>(y) * inference;
                        if (cost < next[nf][x + y])
                        {
                            next[nf][x + y] = cost;
                            choiceY[c][j][nf][x + y] = static_cast<uint32_t>(y);
                            choiceF[c][j][nf][x + y] = f;
                        }
                    }
                }
            }
            g = next;
        }
        std::vector<double> gc(q + 1, 0.0);
        bestFlag[c].assign(q + 1, 0);
        for (size_t x = 1; x <= q; ++x)
        {
            const double open = cl.backboneS + (cl.hasBackbone ? tau0 : 0.0);
            const double viaBackbone = g[0][x] + open;
            const double viaHead = g[1][x] + cl.backboneS;
            gc[x] = std::min(viaBackbone, viaHead);
            bestFlag[c][x] = viaHead < viaBackbone ? 1 : 0;
        }
        res.clusterModels.push_back(cl.names);
        res.clusterTimeS.push_back(gc);
    }

    // Outer DP over clusters: F(c, n) = min_x F(c - 1, n - x) + g_c(x).
    const size_t nTotal = candidates.size();
    std::vector<std::vector<double>> f(nClusters + 1, std::vector<double>(nTotal + 1, INF));
    std::vector<std::vector<uint32_t>> choiceX(nClusters + 1, std::vector<uint32_t>(nTotal + 1, 0));
    f[0][0] = 0.0;
    for (size_t c = 1; c <= nClusters; ++c)
    {
        const auto& gc = res.clusterTimeS[c - 1];
        for (size_t n = 0; n <= nTotal; ++n)
        {
            for (size_t x = 0; x < gc.size() && x <= n; ++x)
            {
                const double v = f[c - 1][n - x] + gc[x];
                if (v < f[c][n])
                {
                    f[c][n] = v;
                    choiceX[c][n] = static_cast<uint32_t>(x);
                }
            }
        }
    }
    res.minTimeS = f[nClusters];
    for (size_t n = 0; n <= nTotal; ++n)
    {
        if (IsOnTime(res.minTimeS[n], deadline))
        {
            res.nServed = static_cast<uint32_t>(n);
        }
    }

    // Backtrack the counts y_m.
    std::vector<std::vector<uint32_t>> y(nClusters);
    size_t n = res.nServed;
    for (size_t c = nClusters; c >= 1; --c)
    {
        size_t x = choiceX[c][n];
        n -= x;
        const DpCluster& cl = clusters[c - 1];
        y[c - 1].assign(cl.models.size(), 0);
        uint8_t flag = x > 0 ? bestFlag[c - 1][x] : 0;
        for (size_t j = cl.models.size(); j >= 1 && x > 0; --j)
        {
            const uint32_t yy = choiceY[c - 1][j - 1][flag][x];
            const uint8_t pf = choiceF[c - 1][j - 1][flag][x];
            y[c - 1][j - 1] = yy;
            x -= yy;
            flag = pf;
        }
    }

    // Execution order (R2.5 of [2]): resident cluster first, then clusters and models whose
    // users need less bandwidth first; within a model, least bandwidth-hungry first.
    auto meanKey = [this](const std::vector<uint32_t>& ks)
    {
        double s = 0.0;
        for (uint32_t k : ks)
        {
            s += DifficultyKey(k);
        }
        return ks.empty() ? 0.0 : s / static_cast<double>(ks.size());
    };

    /// A model run (or a whole cluster) of the execution order.
    struct Block
    {
        double key{0};               ///< Mean DifficultyKey() of its tasks
        size_t pos{0};               ///< Position in the DP order
        bool isFirst{false};         ///< Must run first (resident model or cluster)
        bool hasHead{false};         ///< The model has head blocks
        std::vector<uint32_t> tasks; ///< Requests, least bandwidth-hungry first
    };

    std::vector<std::pair<Block, std::vector<Block>>> plan;
    for (size_t c = 0; c < nClusters; ++c)
    {
        std::vector<Block> ms;
        std::vector<uint32_t> all;
        for (size_t j = 0; j < clusters[c].models.size(); ++j)
        {
            if (y[c][j] == 0)
            {
                continue;
            }
            const DpModel& dm = clusters[c].models[j];
            Block b;
            b.tasks.assign(dm.requests.begin(), dm.requests.begin() + y[c][j]);
            b.key = meanKey(b.tasks);
            b.pos = j;
            b.isFirst = dm.model == m_resident;
            b.hasHead = dm.hasHead;
            all.insert(all.end(), b.tasks.begin(), b.tasks.end());
            ms.push_back(b);
        }
        if (ms.empty())
        {
            continue;
        }
        std::stable_sort(ms.begin(),
                         ms.end(),
                         [](const Block& a, const Block& b)
                         {
                             if (a.isFirst != b.isFirst)
                             {
                                 return a.isFirst;
                             }
                             return a.key < b.key;
                         });
        if (tau0 > 0.0 && !clusters[c].isResident && !ms.front().hasHead)
        {
            // Open the cluster with a head load so the backbone rides on it (one tau_0).
            auto it = std::find_if(ms.begin(), ms.end(), [](const Block& b) { return b.hasHead; });
            if (it != ms.end())
            {
                std::rotate(ms.begin(), it, it + 1);
            }
        }
        Block cb;
        cb.key = meanKey(all);
        cb.pos = c;
        cb.isFirst = clusters[c].isResident;
        cb.hasHead = false;
        plan.emplace_back(cb, ms);
    }
    std::stable_sort(plan.begin(),
                     plan.end(),
                     [](const auto& a, const auto& b)
                     {
                         if (a.first.isFirst != b.first.isFirst)
                         {
                             return a.first.isFirst;
                         }
                         return a.first.key < b.first.key;
                     });
    for (const auto& [cb, ms] : plan)
    {
        for (const auto& b : ms)
        {
            res.order.insert(res.order.end(), b.tasks.begin(), b.tasks.end());
        }
    }
    return res;
}

// ------------------------------------------------------------------------------------------
// Step 1: greedy and list schedules (R2.6 of [2], 2.7)

PartialLoadingSolver::Step1Result
PartialLoadingSolver::Greedy(const std::vector<uint32_t>& candidatesIn,
                             LoadRule rule,
                             bool isBandwidthAware,
                             bool isPerRequest) const
{
    const std::vector<uint32_t> candidates = CheckCandidates(candidatesIn, "Greedy");
    const auto& reqs = m_problem.requests;
    const double totalB = m_problem.totalBandwidthHz;
    auto edfLess = [&reqs](uint32_t a, uint32_t b)
    {
        return reqs[a].deadlineS < reqs[b].deadlineS ||
               (reqs[a].deadlineS == reqs[b].deadlineS && a < b);
    };
    std::vector<std::vector<uint32_t>> pending(m_nModels);
    for (uint32_t k : candidates)
    {
        pending[m_modelOfRequest[k]].push_back(k);
    }
    for (auto& p : pending)
    {
        std::sort(p.begin(), p.end(), edfLess);
    }

    Step1Result out;
    uint32_t resident = m_resident;
    double clock = 0.0;
    double sumB = 0.0;
    while (true)
    {
        bool isFound = false;
        uint32_t bestModel = 0;
        std::vector<uint32_t> bestSel;
        double bestLoad = 0.0;
        double bestScore = -1.0;
        double bestDeadline = 0.0;
        double bestAddB = 0.0;
        uint32_t bestRequest = 0;
        for (uint32_t m = 0; m < m_nModels; ++m)
        {
            if (pending[m].empty())
            {
                continue;
            }
            const double load = Switch(resident, m, rule);
            const double inference = m_inferenceS[m];
            if (isPerRequest)
            {
                for (uint32_t k : pending[m])
                {
                    if (!IsOnTime(clock + load + inference, reqs[k].deadlineS))
                    {
                        continue;
                    }
                    double addB = 0.0;
                    if (isBandwidthAware)
                    {
                        addB = MinBandwidth(k, clock + load);
                        if (!std::isfinite(addB) || sumB + addB > totalB)
                        {
                            continue;
                        }
                    }
                    const double cost = load + inference;
                    const bool isBetter =
                        !isFound || cost < bestLoad ||
                        (cost == bestLoad &&
                         (reqs[k].deadlineS < bestDeadline ||
                          (reqs[k].deadlineS == bestDeadline && k < bestRequest)));
                    if (isBetter)
                    {
                        isFound = true;
                        bestModel = m;
                        bestSel = {k};
                        bestLoad = cost;
                        bestDeadline = reqs[k].deadlineS;
                        bestAddB = addB;
                        bestRequest = k;
                    }
                }
                continue;
            }
            std::vector<uint32_t> sel;
            double addB = 0.0;
            for (uint32_t k : pending[m])
            {
                const double pos = static_cast<double>(sel.size());
                if (!IsOnTime(clock + load + (pos + 1.0) * inference, reqs[k].deadlineS))
                {
                    continue;
                }
                if (isBandwidthAware)
                {
                    const double b = MinBandwidth(k, clock + load + pos * inference);
                    if (!std::isfinite(b) || sumB + addB + b > totalB)
                    {
                        continue;
                    }
                    addB += b;
                }
                sel.push_back(k);
            }
            if (sel.empty())
            {
                continue;
            }
            const double a = static_cast<double>(sel.size());
            const double busy = load + a * inference;
            const double score = busy > 0.0 ? a / busy : INF;
            const double firstDeadline = reqs[sel.front()].deadlineS;
            const bool isBetter =
                !isFound || score > bestScore ||
                (score == bestScore && (firstDeadline < bestDeadline ||
                                        (firstDeadline == bestDeadline && load < bestLoad)));
            if (isBetter)
            {
                isFound = true;
                bestModel = m;
                bestSel = sel;
                bestLoad = load;
                bestScore = score;
                bestDeadline = firstDeadline;
                bestAddB = addB;
            }
        }
        if (!isFound)
        {
            break;
        }
        const double load = Switch(resident, bestModel, rule);
        clock += load + static_cast<double>(bestSel.size()) * m_inferenceS[bestModel];
        resident = bestModel;
        sumB += bestAddB;
        out.order.insert(out.order.end(), bestSel.begin(), bestSel.end());
        auto& p = pending[bestModel];
        p.erase(std::remove_if(p.begin(),
                               p.end(),
                               [&bestSel](uint32_t k) {
                                   return std::find(bestSel.begin(), bestSel.end(), k) !=
                                          bestSel.end();
                               }),
                p.end());
    }
    if (isBandwidthAware)
    {
        // Left out although still on time as the next task: blocked by bandwidth.
        for (uint32_t m = 0; m < m_nModels; ++m)
        {
            for (uint32_t k : pending[m])
            {
                if (IsOnTime(clock + Switch(resident, m, rule) + m_inferenceS[m],
                             reqs[k].deadlineS))
                {
                    out.bandwidthBlock.push_back(k);
                }
            }
        }
    }
    return out;
}

std::vector<uint32_t>
PartialLoadingSolver::GroupGreedy(const std::vector<uint32_t>& candidates,
                                  LoadRule rule,
                                  bool isBandwidthAware) const
{
    return Greedy(candidates, rule, isBandwidthAware, false).order;
}

std::vector<uint32_t>
PartialLoadingSolver::PerRequestGreedy(const std::vector<uint32_t>& candidates,
                                       LoadRule rule,
                                       bool isBandwidthAware) const
{
    return Greedy(candidates, rule, isBandwidthAware, true).order;
}

std::vector<uint32_t>
PartialLoadingSolver::ListSchedule(const std::vector<uint32_t>& priority, LoadRule rule) const
{
    CheckCandidates(priority, "ListSchedule");
    std::vector<uint32_t> order;
    uint32_t resident = m_resident;
    double clock = 0.0;
    for (uint32_t k : priority)
    {
        const uint32_t m = m_modelOfRequest[k];
        const double end = clock + Switch(resident, m, rule) + m_inferenceS[m];
        if (IsOnTime(end, m_problem.requests[k].deadlineS))
        {
            order.push_back(k);
            clock = end;
            resident = m;
        }
    }
    return order;
}

// ------------------------------------------------------------------------------------------
// Step 2: bandwidth (R2.4 of [2])

BandwidthAllocation
PartialLoadingSolver::AllocateBandwidth(const std::vector<uint32_t>& order, LoadRule rule) const
{
    CheckCandidates(order, "AllocateBandwidth");
    BandwidthAllocation a;
    a.order = order;
    const size_t n = order.size();
    if (n == 0)
    {
        return a;
    }
    const auto& reqs = m_problem.requests;
    const SchedulePrediction step1 = Evaluate(order, {}, rule);

    // Re-assign users inside each run of one model (the slots' times do not change).
    size_t begin = 0;
    while (begin < n)
    {
        size_t end = begin + 1;
        while (end < n && m_modelOfRequest[order[end]] == m_modelOfRequest[order[begin]])
        {
            ++end;
        }
        if (end - begin > 1)
        {
            const double refWindow = step1.tasks[end - 1].readyTimeS;
            std::vector<uint32_t> left(order.begin() + begin, order.begin() + end);
            std::vector<uint32_t> assigned(end - begin, 0);
            bool isOk = true;
            for (size_t slot = end; slot-- > begin;)
            {
                // Among the users still on time in this slot, the most bandwidth-hungry;
                // ties keep the original order (the latest one takes the later slot).
                int pick = -1;
                for (size_t i = 0; i < left.size(); ++i)
                {
                    if (!IsOnTime(step1.tasks[slot].endTimeS, reqs[left[i]].deadlineS))
                    {
                        continue;
                    }
                    if (pick < 0 ||
                        MinBandwidth(left[i], refWindow) >= MinBandwidth(left[pick], refWindow))
                    {
                        pick = static_cast<int>(i);
                    }
                }
                if (pick < 0)
                {
                    isOk = false;
                    break;
                }
                assigned[slot - begin] = left[pick];
                left.erase(left.begin() + pick);
            }
            if (isOk)
            {
                double before = 0.0;
                double after = 0.0;
                for (size_t slot = begin; slot < end; ++slot)
                {
                    before += MinBandwidth(order[slot], step1.tasks[slot].readyTimeS);
                    after += MinBandwidth(assigned[slot - begin], step1.tasks[slot].readyTimeS);
                }
                if (after < before)
                {
                    std::copy(assigned.begin(), assigned.end(), a.order.begin() + begin);
                }
            }
        }
        begin = end;
    }

    // Upload windows.
    a.windowS.resize(n);
    if (m_problem.uploadWindow == UploadWindowRule::READY_TIME)
    {
        for (size_t i = 0; i < n; ++i)
        {
            a.windowS[i] = step1.tasks[i].readyTimeS;
        }
    }
    else
    {
        double latest = INF;
        for (size_t i = n; i-- > 0;)
        {
            const uint32_t k = a.order[i];
            const double after = (i + 1 < n) ? latest - step1.tasks[i + 1].loadTimeS : INF;
            latest = std::min(reqs[k].deadlineS, after) - m_inferenceS[m_modelOfRequest[k]];
            a.windowS[i] = latest;
        }
    }

    a.minBandwidthHz.resize(n);
    for (size_t i = 0; i < n; ++i)
    {
        a.minBandwidthHz[i] = MinBandwidth(a.order[i], a.windowS[i]);
        a.sumMinBandwidthHz += a.minBandwidthHz[i];
    }
    const double total = m_problem.totalBandwidthHz;
    a.isFeasible = std::isfinite(a.sumMinBandwidthHz) && a.sumMinBandwidthHz <= total;
    if (a.isFeasible)
    {
        a.bandwidthHz.resize(n);
        for (size_t i = 0; i < n; ++i)
        {
            if (std::isinf(total))
            {
                a.bandwidthHz[i] = INF;
            }
            else if (a.sumMinBandwidthHz > 0.0)
            {
                a.bandwidthHz[i] = a.minBandwidthHz[i] * (total / a.sumMinBandwidthHz);
            }
            else
            {
                a.bandwidthHz[i] = total / static_cast<double>(n);
            }
        }
    }
    return a;
}

// ------------------------------------------------------------------------------------------
// Decide

bool
PartialLoadingSolver::IsDpApplicable(const std::vector<uint32_t>& candidates, LoadRule rule) const
{
    for (uint32_t k : candidates)
    {
        if (m_problem.requests[k].deadlineS != m_problem.requests[candidates[0]].deadlineS)
        {
            return false;
        }
    }
    if (rule == LoadRule::NO_SHARING)
    {
        return true;
    }
    std::vector<bool> isRelevant(m_nModels, false);
    for (uint32_t k : candidates)
    {
        isRelevant[m_modelOfRequest[k]] = true;
    }
    if (m_resident < m_nModels)
    {
        isRelevant[m_resident] = true;
    }
    std::vector<std::string> names;
    for (uint32_t m = 0; m < m_nModels; ++m)
    {
        if (isRelevant[m])
        {
            names.push_back(m_problem.family.GetModels()[m].GetName());
        }
    }
    return names.empty() || IsBackboneSharing(m_problem.family, names);
}

PartialLoadingDecision
PartialLoadingSolver::Decide(SchedulingAlgorithm algorithm) const
{
    const auto& reqs = m_problem.requests;
    const size_t nRequests = reqs.size();
    PartialLoadingDecision d;
    d.algorithm = algorithm;
    d.loadRule =
        algorithm == SchedulingAlgorithm::NO_SHARING ? LoadRule::NO_SHARING : LoadRule::SHARING;
    d.isServed.assign(nRequests, false);
    d.reason.assign(nRequests, UnservedReason::NONE);
    d.bandwidthHz.assign(nRequests, 0.0);
    d.minBandwidthHz.assign(nRequests, 0.0);
    d.uploadWindowS.assign(nRequests, 0.0);

    std::vector<uint32_t> candidates;
    for (uint32_t k = 0; k < nRequests; ++k)
    {
        if (m_problem.gpuCapacityBytes > 0 &&
            m_modelBytes[m_modelOfRequest[k]] > m_problem.gpuCapacityBytes)
        {
            d.reason[k] = UnservedReason::MODEL_EXCEEDS_GPU_MEMORY;
        }
        else
        {
            candidates.push_back(k);
        }
    }

    switch (algorithm)
    {
        case SchedulingAlgorithm::PARTIAL_LOADING:
        case SchedulingAlgorithm::NO_SHARING:
        case SchedulingAlgorithm::DP_EQUAL_BANDWIDTH:
        case SchedulingAlgorithm::INFINITE_BANDWIDTH:
            d.scheduler = IsDpApplicable(candidates, d.loadRule)
                              ? SchedulingAlgorithm::BACKBONE_DP
                              : SchedulingAlgorithm::GROUP_GREEDY;
            break;
        default:
            d.scheduler = algorithm;
            break;
    }
    const bool isStepTwo = HasUploadWindows(algorithm);
    const bool isGreedy = d.scheduler == SchedulingAlgorithm::GROUP_GREEDY ||
                          d.scheduler == SchedulingAlgorithm::PER_REQUEST_GREEDY;
    const bool isBandwidthAware =
        isStepTwo && isGreedy && m_problem.uploadWindow == UploadWindowRule::READY_TIME;

    Step1Result s1;
    BandwidthAllocation alloc;
    while (true)
    {
        switch (d.scheduler)
        {
            case SchedulingAlgorithm::BACKBONE_DP:
                s1.order = SolveBackboneDp(candidates, d.loadRule).order;
                s1.bandwidthBlock.clear();
                break;
            case SchedulingAlgorithm::GROUP_GREEDY:
                s1 = Greedy(candidates, d.loadRule, isBandwidthAware, false);
                break;
            case SchedulingAlgorithm::PER_REQUEST_GREEDY:
                s1 = Greedy(candidates, d.loadRule, isBandwidthAware, true);
                break;
            default:
            {
                std::vector<uint32_t> priority = candidates;
                if (d.scheduler == SchedulingAlgorithm::EDF)
                {
                    std::stable_sort(priority.begin(),
                                     priority.end(),
                                     [&reqs](uint32_t a, uint32_t b)
                                     { return reqs[a].deadlineS < reqs[b].deadlineS; });
                }
                s1.order = ListSchedule(priority, d.loadRule);
                s1.bandwidthBlock.clear();
                break;
            }
        }
        if (!isStepTwo)
        {
            break;
        }
        alloc = AllocateBandwidth(s1.order, d.loadRule);
        if (alloc.isFeasible)
        {
            s1.order = alloc.order;
            break;
        }
        // Drop the served task with the largest B^min and solve step 1 again.
        const size_t worst = static_cast<size_t>(
            std::max_element(alloc.minBandwidthHz.begin(), alloc.minBandwidthHz.end()) -
            alloc.minBandwidthHz.begin());
        const uint32_t dropped = alloc.order[worst];
        d.reason[dropped] = UnservedReason::BANDWIDTH;
        candidates.erase(std::find(candidates.begin(), candidates.end(), dropped));
        ++d.nBandwidthDrops;
    }

    std::vector<bool> isInOrder(nRequests, false);
    for (uint32_t k : s1.order)
    {
        isInOrder[k] = true;
    }
    for (uint32_t k : candidates)
    {
        if (!isInOrder[k])
        {
            const bool isBlocked =
                std::find(s1.bandwidthBlock.begin(), s1.bandwidthBlock.end(), k) !=
                s1.bandwidthBlock.end();
            d.reason[k] = isBlocked ? UnservedReason::BANDWIDTH : UnservedReason::DEADLINE;
        }
    }

    if (algorithm == SchedulingAlgorithm::INFINITE_BANDWIDTH)
    {
        d.order = s1.order;
        for (uint32_t k : d.order)
        {
            d.bandwidthHz[k] = INF;
        }
    }
    else if (algorithm == SchedulingAlgorithm::DP_EQUAL_BANDWIDTH)
    {
        // B / K to every user; a task whose upload makes it late is skipped.
        const double share = m_problem.totalBandwidthHz / static_cast<double>(nRequests);
        uint32_t resident = m_resident;
        double clock = 0.0;
        for (uint32_t k : s1.order)
        {
            const uint32_t m = m_modelOfRequest[k];
            const double ready = clock + Switch(resident, m, d.loadRule);
            const double end = std::max(ready, UploadTime(reqs[k], share, m_problem.uploadStartS)) +
                               m_inferenceS[m];
            if (IsOnTime(end, reqs[k].deadlineS))
            {
                d.order.push_back(k);
                d.bandwidthHz[k] = share;
                clock = end;
                resident = m;
            }
            else
            {
                d.reason[k] = UnservedReason::UPLOAD_LATE;
            }
        }
    }
    else
    {
        d.order = s1.order;
        for (size_t i = 0; i < d.order.size(); ++i)
        {
            const uint32_t k = d.order[i];
            d.bandwidthHz[k] = alloc.bandwidthHz[i];
            d.minBandwidthHz[k] = alloc.minBandwidthHz[i];
            d.uploadWindowS[k] = alloc.windowS[i];
        }
    }
    for (uint32_t k : d.order)
    {
        d.isServed[k] = true;
        d.reason[k] = UnservedReason::NONE;
    }
    d.nServed = static_cast<uint32_t>(d.order.size());
    d.prediction = Evaluate(d.order, d.bandwidthHz, d.loadRule);
    return d;
}

// ------------------------------------------------------------------------------------------
// Decisions of any allocator

std::string
PartialLoadingSolver::CheckDecision(const PartialLoadingProblem& problem,
                                    const PartialLoadingDecision& decision)
{
    const size_t nRequests = problem.requests.size();
    std::ostringstream oss;
    oss << std::setprecision(10);
    auto sizeError = [&](const char* field, size_t size, bool isEmptyAllowed) -> std::string
    {
        if (size == nRequests || (isEmptyAllowed && size == 0))
        {
            return "";
        }
        std::ostringstream e;
        e << field << ": " << size << " entries for " << nRequests << " requests (must be "
          << nRequests << (isEmptyAllowed ? " or empty)" : ")");
        return e.str();
    };
    for (const std::string& e : {sizeError("isServed", decision.isServed.size(), false),
                                 sizeError("reason", decision.reason.size(), false),
                                 sizeError("bandwidthHz", decision.bandwidthHz.size(), false),
                                 sizeError("minBandwidthHz", decision.minBandwidthHz.size(), true),
                                 sizeError("uploadWindowS", decision.uploadWindowS.size(), true)})
    {
        if (!e.empty())
        {
            return e;
        }
    }
    std::vector<bool> isInOrder(nRequests, false);
    for (size_t i = 0; i < decision.order.size(); ++i)
    {
        const uint32_t k = decision.order[i];
        if (k >= nRequests)
        {
            oss << "order[" << i << "]: request " << k << " does not exist (K = " << nRequests
                << ")";
            return oss.str();
        }
        if (isInOrder[k])
        {
            oss << "order[" << i << "]: request " << k << " is listed twice";
            return oss.str();
        }
        isInOrder[k] = true;
    }
    std::map<std::string, uint64_t> modelBytes;
    for (const DnnModel& m : problem.family.GetModels())
    {
        modelBytes[m.GetName()] = m.GetTotalBytes();
    }
    double sumHz = 0;
    for (size_t k = 0; k < nRequests; ++k)
    {
        const PartialLoadingRequest& r = problem.requests[k];
        const bool isServed = decision.isServed[k];
        const double w = decision.bandwidthHz[k];
        oss.str("");
        oss << "requests[" << k << "].";
        if (isServed != isInOrder[k])
        {
            oss << "served: " << (isServed ? "true" : "false") << " but the request is "
                << (isInOrder[k] ? "" : "not ") << "in the order";
            return oss.str();
        }
        if (isServed && decision.reason[k] != UnservedReason::NONE)
        {
            oss << "reason: " << ToString(decision.reason[k]) << " for a served request (must be "
                << "NONE)";
            return oss.str();
        }
        if (!isServed && decision.reason[k] == UnservedReason::NONE)
        {
            oss << "reason: NONE for a request that is not served";
            return oss.str();
        }
        if (!(w >= 0.0))
        {
            oss << "bandwidthHz: " << w << " (must be >= 0)";
            return oss.str();
        }
        if (!isServed)
        {
            if (w != 0.0)
            {
                oss << "bandwidthHz: " << w << " Hz for a request that is not served (must be 0)";
                return oss.str();
            }
            continue;
        }
        auto bytes = modelBytes.find(r.model);
        if (bytes == modelBytes.end())
        {
            oss << "model: '" << r.model << "' is not in the family";
            return oss.str();
        }
        if (problem.gpuCapacityBytes > 0 && bytes->second > problem.gpuCapacityBytes)
        {
            oss << "served: model '" << r.model << "' of " << bytes->second
                << " bytes does not fit the GPU memory of " << problem.gpuCapacityBytes << " bytes";
            return oss.str();
        }
        if (std::isfinite(w))
        {
            sumHz += w;
            const double limit = problem.totalBandwidthHz;
            if (sumHz > limit + 1e-9 * std::max(limit, 1.0))
            {
                oss << "bandwidthHz: " << w << " Hz makes the served sum " << sumHz
                    << " Hz > B = " << limit << " Hz";
                return oss.str();
            }
        }
    }
    if (decision.nServed != decision.order.size())
    {
        oss.str("");
        oss << "nServed: " << decision.nServed << " but the order has " << decision.order.size()
            << " requests";
        return oss.str();
    }
    return "";
}

PartialLoadingDecision
PartialLoadingSolver::NobodyServed(const PartialLoadingProblem& problem, UnservedReason reason)
{
    const size_t nRequests = problem.requests.size();
    PartialLoadingDecision d;
    d.isServed.assign(nRequests, false);
    d.reason.assign(nRequests, reason);
    d.bandwidthHz.assign(nRequests, 0.0);
    d.minBandwidthHz.assign(nRequests, 0.0);
    d.uploadWindowS.assign(nRequests, 0.0);
    d.nServed = 0;
    return d;
}

// ------------------------------------------------------------------------------------------
// Free functions

SchedulePrediction
EvaluatePartialLoadingSchedule(const PartialLoadingProblem& problem,
                               const std::vector<uint32_t>& order,
                               const std::vector<double>& bandwidthHz,
                               LoadRule rule)
{
    return PartialLoadingSolver(problem).Evaluate(order, bandwidthHz, rule);
}

PartialLoadingDecision
SolvePartialLoading(const PartialLoadingProblem& problem, SchedulingAlgorithm algorithm)
{
    return PartialLoadingSolver(problem).Decide(algorithm);
}

DnnModelFamily
MakeBlockFamily(const std::string& familyName,
                const std::vector<std::pair<std::string, uint64_t>>& blocks,
                const std::vector<std::pair<std::string, std::vector<std::string>>>& models)
{
    const std::string who = "MakeBlockFamily '" + familyName + "': ";
    std::map<std::string, uint64_t> library;
    std::map<std::string, uint32_t> uses;
    for (const auto& [id, bytes] : blocks)
    {
        if (id.empty())
        {
            throw std::invalid_argument(who + "a block of the library has an empty id");
        }
        if (!library.emplace(id, bytes).second)
        {
            throw std::invalid_argument(who + "block '" + id + "' is listed twice in the library");
        }
        uses[id] = 0;
    }
    DnnModelFamily family(familyName);
    for (const auto& [name, ids] : models)
    {
        if (ids.empty())
        {
            throw std::invalid_argument(who + "model '" + name + "' lists no blocks");
        }
        DnnModel model(name, 1.0);
        std::set<std::string> seen;
        for (const auto& id : ids)
        {
            auto it = library.find(id);
            if (it == library.end())
            {
                throw std::invalid_argument(who + "model '" + name + "' references block '" + id +
                                            "', which is not in the block library");
            }
            if (!seen.insert(id).second)
            {
                throw std::invalid_argument(who + "model '" + name + "' lists block '" + id +
                                            "' twice");
            }
            ++uses[id];
            DnnLayer layer;
            layer.name = id;
            layer.parameters = it->second;
            layer.blockId = id;
            model.AddLayer(layer);
        }
        family.Add(model);
    }
    for (const auto& [id, count] : uses)
    {
        if (count == 0)
        {
            throw std::invalid_argument(who + "block '" + id + "' is referenced by no model");
        }
    }
    return family;
}

} // namespace edgeinference
} // namespace ns3
