/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slide-solver.h"

#include "ns3/dnn-model.h"

#include <algorithm>
#include <cmath>
#include <random>
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
 * @brief Throw std::invalid_argument naming a field and its value.
 * @param [in] where class or function name
 * @param [in] field the field
 * @param [in] value the offending value
 * @param [in] rule what the value must satisfy
 */
[[noreturn]] void
Fail(const std::string& where, const std::string& field, double value, const std::string& rule)
{
    std::ostringstream oss;
    oss << where << ": " << field << " is " << value << " (" << rule << ")";
    throw std::invalid_argument(oss.str());
}

/**
 * @brief Require a finite value >= 0.
 * @param [in] where class or function name
 * @param [in] field the field
 * @param [in] value the value
 */
void
RequireFiniteNonNegative(const std::string& where, const std::string& field, double value)
{
    if (!(value >= 0.0) || !std::isfinite(value))
    {
        Fail(where, field, value, "must be finite and >= 0");
    }
}

/**
 * @brief Name of a field of user k, e.g. "users[3].deadlineS".
 * @param [in] k the user
 * @param [in] field the field
 * @return the name
 */
std::string
UserField(size_t k, const std::string& field)
{
    return "users[" + std::to_string(k) + "]." + field;
}

/**
 * @brief Format a number for a reason text.
 * @param [in] value the number
 * @return its text with 6 significant digits
 */
std::string
Num(double value)
{
    std::ostringstream oss;
    oss.precision(6);
    oss << value;
    return oss.str();
}

/**
 * @brief The effective rate model of a problem.
 * @param [in] problem the instance
 * @return problem.rateModel, or a ConstantPsdRateModel of the users' spectral efficiencies
 */
std::shared_ptr<const RateModel>
EffectiveRateModel(const SlideProblem& problem)
{
    if (problem.rateModel)
    {
        return problem.rateModel;
    }
    std::vector<double> eta;
    eta.reserve(problem.users.size());
    for (const auto& u : problem.users)
    {
        eta.push_back(u.spectralEfficiency);
    }
    return std::make_shared<ConstantPsdRateModel>(std::move(eta));
}

/**
 * @brief Stage a pair reached before failing; used to pick the most telling reason.
 * @param [in] reason the reason
 * @return larger = further along the checks
 */
int
Stage(SlideRejectReason reason)
{
    switch (reason)
    {
        case SlideRejectReason::ENERGY:
            return 1;
        case SlideRejectReason::DEADLINE:
            return 2;
        case SlideRejectReason::RATE_LIMIT:
            return 3;
        default:
            return 0;
    }
}

/**
 * @brief Steps 1-2 of R1.4 of [1] for one pair (indices already checked).
 * @param [in] problem the instance
 * @param [in] rate the rate model
 * @param [in] k user index
 * @param [in] m model index
 * @param [in] algorithm the algorithm (frequency rule and execution)
 * @return the requirement
 */
SlidePairRequirement
ComputeRequirement(const SlideProblem& problem,
                   const RateModel& rate,
                   uint32_t k,
                   uint32_t m,
                   SlideAlgorithm algorithm)
{
    const SlideUser& user = problem.users[k];
    const SlideModel& model = problem.models[m];
    SlidePairRequirement req;
    req.model = m;
    req.minRateBps = INF;
    req.minBandwidthHz = INF;

    const double samples = static_cast<double>(user.samples);
    double flopsPerSample = 0;
    for (double c : model.layerFlops)
    {
        flopsPerSample += c;
    }
    const double totalFlops = samples * flopsPerSample;

    DeviceComputeModel device = user.device;
    if (algorithm == SlideAlgorithm::MAX_FREQUENCY)
    {
        req.frequencyHz = device.GetMaxFrequency();
    }
    else
    {
        req.frequencyHz = device.OptimalFrequency(totalFlops, user.energyBudgetJ);
        if (req.frequencyHz < device.GetMinFrequency())
        {
            req.reason = SlideRejectReason::ENERGY;
            req.reasonText = "energy budget allows no frequency >= fMin (model '" + model.name +
                             "': f^E = " + Num(req.frequencyHz) +
                             " Hz < fMin = " + Num(device.GetMinFrequency()) +
                             " Hz for a budget of " + Num(user.energyBudgetJ) + " J)";
            return req;
        }
    }
    device.SetFrequency(req.frequencyHz);

    std::vector<double> tau(model.layerFlops.size());
    for (size_t l = 0; l < tau.size(); ++l)
    {
        tau[l] = device.ComputeTime(samples * model.layerFlops[l]);
        req.computeTimeS += tau[l];
    }
    req.energyJ = device.Energy(totalFlops);

    req.minRateBps =
        algorithm == SlideAlgorithm::DAI_OPTIMAL
            ? LayerStreamingLatency::MinRateDownloadThenInfer(model.layerBits, tau, user.deadlineS)
            : LayerStreamingLatency::MinRateStreaming(model.layerBits, tau, user.deadlineS);
    if (std::isinf(req.minRateBps))
    {
        req.reason = SlideRejectReason::DEADLINE;
        req.reasonText = "deadline shorter than compute time at max frequency (model '" +
                         model.name + "': T = " + Num(user.deadlineS) +
                         " s <= " + Num(req.computeTimeS) + " s at f = " + Num(req.frequencyHz) +
                         " Hz)";
        return req;
    }
    req.minBandwidthHz = rate.MinBandwidthForRate(k, req.minRateBps);
    if (!std::isfinite(req.minBandwidthHz))
    {
        req.minBandwidthHz = INF;
        req.reason = SlideRejectReason::RATE_LIMIT;
        req.reasonText = "deadline needs a rate no bandwidth reaches (model '" + model.name +
                         "': r^min = " + Num(req.minRateBps) + " bit/s)";
    }
    return req;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Problem and names
// ---------------------------------------------------------------------------------------------

SlideModel
SlideModel::FromDnnModel(const DnnModel& model)
{
    SlideModel m;
    m.name = model.GetName();
    m.layerBits = LayerStreamingLatency::LayerBits(model);
    m.layerFlops.reserve(model.GetNLayers());
    for (const auto& layer : model.GetLayers())
    {
        m.layerFlops.push_back(layer.flops);
    }
    return m;
}

const std::vector<std::pair<SlideAlgorithm, std::string>>&
SlideAlgorithmNames()
{
    static const std::vector<std::pair<SlideAlgorithm, std::string>> names = {
        {SlideAlgorithm::SLIDE_OPTIMAL, "slide-optimal"},
        {SlideAlgorithm::DAI_OPTIMAL, "dai-optimal"},
        {SlideAlgorithm::EQUAL_BANDWIDTH, "equal-bandwidth"},
        {SlideAlgorithm::RANDOM_MODEL, "random-model"},
        {SlideAlgorithm::MAX_FREQUENCY, "max-frequency"},
    };
    return names;
}

std::string
ToString(SlideAlgorithm algorithm)
{
    for (const auto& entry : SlideAlgorithmNames())
    {
        if (entry.first == algorithm)
        {
            return entry.second;
        }
    }
    return "unknown";
}

SlideAlgorithm
SlideAlgorithmFromString(const std::string& name)
{
    std::string valid;
    for (const auto& entry : SlideAlgorithmNames())
    {
        if (entry.second == name)
        {
            return entry.first;
        }
        valid += (valid.empty() ? "" : ", ") + entry.second;
    }
    throw std::invalid_argument("unknown SLIDE algorithm '" + name + "' (valid: " + valid + ")");
}

const std::vector<std::pair<LeftoverPolicy, std::string>>&
LeftoverPolicyNames()
{
    static const std::vector<std::pair<LeftoverPolicy, std::string>> names = {
        {LeftoverPolicy::PRO_RATA, "pro-rata"},
        {LeftoverPolicy::NONE, "none"},
    };
    return names;
}

std::string
ToString(LeftoverPolicy policy)
{
    return policy == LeftoverPolicy::PRO_RATA ? "pro-rata" : "none";
}

std::string
ToString(SlideRejectReason reason)
{
    switch (reason)
    {
        case SlideRejectReason::NONE:
            return "NONE";
        case SlideRejectReason::NO_CANDIDATE_MODEL:
            return "NO_CANDIDATE_MODEL";
        case SlideRejectReason::NO_RATE:
            return "NO_RATE";
        case SlideRejectReason::ENERGY:
            return "ENERGY";
        case SlideRejectReason::DEADLINE:
            return "DEADLINE";
        case SlideRejectReason::RATE_LIMIT:
            return "RATE_LIMIT";
        case SlideRejectReason::BANDWIDTH:
            return "BANDWIDTH";
        case SlideRejectReason::NOT_SELECTED:
            return "NOT_SELECTED";
        case SlideRejectReason::DECISION_REJECTED:
            return "DECISION_REJECTED";
    }
    return "UNKNOWN";
}

// ---------------------------------------------------------------------------------------------
// SlideSolver
// ---------------------------------------------------------------------------------------------

void
SlideSolver::Validate(const SlideProblem& problem)
{
    const std::string where = "SlideSolver";
    RequireFiniteNonNegative(where, "totalBandwidthHz", problem.totalBandwidthHz);
    for (size_t m = 0; m < problem.models.size(); ++m)
    {
        const SlideModel& model = problem.models[m];
        const std::string prefix = "models[" + std::to_string(m) + "] ('" + model.name + "')";
        if (model.layerBits.empty())
        {
            Fail(where, prefix + ".layerBits.size()", 0, "a model needs at least one layer");
        }
        if (model.layerBits.size() != model.layerFlops.size())
        {
            Fail(where,
                 prefix + ".layerFlops.size()",
                 static_cast<double>(model.layerFlops.size()),
                 "must equal layerBits.size() = " + std::to_string(model.layerBits.size()));
        }
        for (size_t l = 0; l < model.layerBits.size(); ++l)
        {
            RequireFiniteNonNegative(
                where, prefix + ".layerBits[" + std::to_string(l) + "]", model.layerBits[l]);
            RequireFiniteNonNegative(
                where, prefix + ".layerFlops[" + std::to_string(l) + "]", model.layerFlops[l]);
        }
    }
    for (size_t k = 0; k < problem.users.size(); ++k)
    {
        const SlideUser& user = problem.users[k];
        if (user.samples == 0)
        {
            Fail(where, UserField(k, "samples"), 0, "must be >= 1");
        }
        RequireFiniteNonNegative(where, UserField(k, "deadlineS"), user.deadlineS);
        if (!(user.energyBudgetJ >= 0.0))
        {
            Fail(where, UserField(k, "energyBudgetJ"), user.energyBudgetJ, "must be >= 0");
        }
        if (!problem.rateModel)
        {
            RequireFiniteNonNegative(
                where, UserField(k, "spectralEfficiency"), user.spectralEfficiency);
        }
        for (size_t i = 0; i < user.candidateModels.size(); ++i)
        {
            const uint32_t m = user.candidateModels[i];
            const std::string field = UserField(k, "candidateModels[" + std::to_string(i) + "]");
            if (m >= problem.models.size())
            {
                Fail(where,
                     field,
                     m,
                     "must be < the number of models, " + std::to_string(problem.models.size()));
            }
            if (std::find(user.candidateModels.begin(), user.candidateModels.begin() + i, m) !=
                user.candidateModels.begin() + i)
            {
                Fail(where, field, m, "model listed twice");
            }
        }
    }
    if (problem.rateModel && problem.rateModel->GetNUsers() != problem.users.size())
    {
        Fail(where,
             "rateModel->GetNUsers()",
             problem.rateModel->GetNUsers(),
             "must equal the number of users, " + std::to_string(problem.users.size()));
    }
}

SlidePairRequirement
SlideSolver::Requirement(const SlideProblem& problem,
                         uint32_t user,
                         uint32_t model,
                         SlideAlgorithm algorithm)
{
    if (user >= problem.users.size())
    {
        Fail("SlideSolver::Requirement",
             "user",
             user,
             "must be < " + std::to_string(problem.users.size()));
    }
    if (model >= problem.models.size())
    {
        Fail("SlideSolver::Requirement",
             "model",
             model,
             "must be < " + std::to_string(problem.models.size()));
    }
    return ComputeRequirement(problem, *EffectiveRateModel(problem), user, model, algorithm);
}

SlideDecision
SlideSolver::Solve(const SlideProblem& problem,
                   SlideAlgorithm algorithm,
                   const SlideOptions& options)
{
    Validate(problem);
    const auto rate = EffectiveRateModel(problem);
    const uint32_t nUsers = static_cast<uint32_t>(problem.users.size());
    const double totalBandwidth = problem.totalBandwidthHz;

    SlideDecision decision;
    decision.algorithm = algorithm;
    decision.execution = algorithm == SlideAlgorithm::DAI_OPTIMAL
                             ? SlideExecution::DOWNLOAD_THEN_INFER
                             : SlideExecution::STREAMING;
    decision.users.resize(nUsers);

    // Steps 1-3: per user, the requirement of the provisioned model.
    std::mt19937_64 rng(options.seed);
    std::vector<SlidePairRequirement> chosen(nUsers);
    std::vector<uint32_t> contenders; // users with a pair-feasible model
    for (uint32_t k = 0; k < nUsers; ++k)
    {
        const SlideUser& user = problem.users[k];
        SlideUserDecision& ud = decision.users[k];
        ud.minBandwidthHz = INF;
        if (user.candidateModels.empty())
        {
            ud.reason = SlideRejectReason::NO_CANDIDATE_MODEL;
            ud.reasonText = "no candidate model";
            continue;
        }
        if (!rate->HasRate(k))
        {
            ud.reason = SlideRejectReason::NO_RATE;
            ud.reasonText = rate->DescribeNoRate(k);
            continue;
        }
        std::vector<SlidePairRequirement> feasible;
        SlidePairRequirement furthest;
        int furthestStage = -1;
        for (uint32_t m : user.candidateModels)
        {
            SlidePairRequirement req = ComputeRequirement(problem, *rate, k, m, algorithm);
            if (req.reason == SlideRejectReason::NONE)
            {
                feasible.push_back(std::move(req));
            }
            else if (Stage(req.reason) > furthestStage)
            {
                furthestStage = Stage(req.reason);
                furthest = std::move(req);
            }
        }
        if (feasible.empty())
        {
            ud.reason = furthest.reason;
            ud.reasonText = furthest.reasonText;
            continue;
        }
        size_t pick = 0;
        if (algorithm == SlideAlgorithm::RANDOM_MODEL)
        {
            pick = static_cast<size_t>(rng() % feasible.size());
        }
        else
        {
            for (size_t i = 1; i < feasible.size(); ++i)
            {
                if (feasible[i].minBandwidthHz < feasible[pick].minBandwidthHz)
                {
                    pick = i;
                }
            }
        }
        chosen[k] = feasible[pick];
        ud.model = chosen[k].model;
        ud.minBandwidthHz = chosen[k].minBandwidthHz;
        contenders.push_back(k);
    }

    // Step 4: admission.
    std::vector<uint32_t> served;
    if (algorithm == SlideAlgorithm::EQUAL_BANDWIDTH)
    {
        const double share = totalBandwidth / nUsers; // nUsers > 0 if there are contenders
        for (uint32_t k : contenders)
        {
            SlideUserDecision& ud = decision.users[k];
            if (ud.minBandwidthHz <= share)
            {
                served.push_back(k);
                ud.bandwidthHz = share;
            }
            else
            {
                ud.reason = SlideRejectReason::BANDWIDTH;
                ud.reasonText = "bandwidth exhausted (equal share B/K = " + Num(share) +
                                " Hz < B^min = " + Num(ud.minBandwidthHz) + " Hz)";
            }
        }
    }
    else
    {
        std::stable_sort(contenders.begin(),
                         contenders.end(),
                         [&chosen](uint32_t a, uint32_t b)
                         { return chosen[a].minBandwidthHz < chosen[b].minBandwidthHz; });
        double used = 0;
        for (uint32_t k : contenders)
        {
            SlideUserDecision& ud = decision.users[k];
            if (used + ud.minBandwidthHz <= totalBandwidth)
            {
                used += ud.minBandwidthHz;
                served.push_back(k);
            }
            else
            {
                ud.reason = SlideRejectReason::BANDWIDTH;
                ud.reasonText = "bandwidth exhausted (B^min = " + Num(ud.minBandwidthHz) + " Hz, " +
                                Num(totalBandwidth - used) +
                                " Hz left of B = " + Num(totalBandwidth) + " Hz)";
            }
        }
        // Step 5: leftover.
        double sumMin = 0;
        for (uint32_t k : served)
        {
            sumMin += decision.users[k].minBandwidthHz;
        }
        for (uint32_t k : served)
        {
            SlideUserDecision& ud = decision.users[k];
            if (options.leftover == LeftoverPolicy::NONE)
            {
                ud.bandwidthHz = ud.minBandwidthHz;
            }
            else if (sumMin > 0.0)
            {
                // B / sumMin >= 1 in floating point too, so B_k >= B^min
                ud.bandwidthHz = ud.minBandwidthHz * (totalBandwidth / sumMin);
            }
            else
            {
                ud.bandwidthHz = totalBandwidth / static_cast<double>(served.size());
            }
        }
    }

    std::sort(served.begin(), served.end());
    for (uint32_t k : served)
    {
        SlideUserDecision& ud = decision.users[k];
        ud.isServed = true;
        ud.frequencyHz = chosen[k].frequencyHz;
        ud.reason = SlideRejectReason::NONE;
        ud.reasonText.clear();
        decision.sumMinBandwidthHz += ud.minBandwidthHz;
        decision.usedBandwidthHz += ud.bandwidthHz;
    }
    decision.nServed = static_cast<uint32_t>(served.size());
    decision.prediction = Evaluate(problem, decision);
    decision.nEnergyViolations = decision.prediction.nEnergyViolations;
    return decision;
}

SlideEvaluation
SlideSolver::Evaluate(const SlideProblem& problem, const SlideDecision& decision)
{
    Validate(problem);
    const std::string where = "SlideSolver::Evaluate";
    const size_t nUsers = problem.users.size();
    if (decision.users.size() != nUsers)
    {
        Fail(where,
             "decision.users.size()",
             static_cast<double>(decision.users.size()),
             "must equal the number of users, " + std::to_string(nUsers));
    }
    const auto rate = EffectiveRateModel(problem);
    SlideEvaluation eval;
    eval.users.resize(nUsers);
    for (size_t k = 0; k < nUsers; ++k)
    {
        const SlideUserDecision& ud = decision.users[k];
        SlideUserOutcome& o = eval.users[k];
        o.isServed = ud.isServed;
        if (!ud.isServed)
        {
            continue;
        }
        const SlideUser& user = problem.users[k];
        if (ud.model >= problem.models.size())
        {
            Fail(where,
                 "decision.users[" + std::to_string(k) + "].model",
                 ud.model,
                 "must be < the number of models, " + std::to_string(problem.models.size()));
        }
        RequireFiniteNonNegative(
            where, "decision.users[" + std::to_string(k) + "].bandwidthHz", ud.bandwidthHz);
        if (!(ud.frequencyHz > 0.0) || !std::isfinite(ud.frequencyHz))
        {
            Fail(where,
                 "decision.users[" + std::to_string(k) + "].frequencyHz",
                 ud.frequencyHz,
                 "must be finite and > 0");
        }
        const SlideModel& model = problem.models[ud.model];
        ++eval.nServed;
        eval.usedBandwidthHz += ud.bandwidthHz;

        o.isModelCandidate =
            std::find(user.candidateModels.begin(), user.candidateModels.end(), ud.model) !=
            user.candidateModels.end();

        // Download finish times D_l.
        o.rateBps = rate->Rate(static_cast<uint32_t>(k), ud.bandwidthHz);
        std::vector<double> download;
        if (o.rateBps > 0.0)
        {
            download = LayerStreamingLatency::DownloadFinishTimes(model.layerBits, o.rateBps);
        }
        else
        {
            // rate 0: layers up to the last empty prefix arrive at once, the rest never
            download.resize(model.layerBits.size());
            double cumulative = 0;
            for (size_t l = 0; l < download.size(); ++l)
            {
                cumulative += model.layerBits[l];
                download[l] = cumulative > 0.0 ? INF : 0.0;
            }
        }

        // Compute times at f_k, on a copy of the device whose range admits f_k.
        DeviceComputeModel device = user.device;
        const double fMin = device.GetMinFrequency();
        const double fMax = device.GetMaxFrequency();
        o.isFrequencyInRange = ud.frequencyHz >= fMin * (1.0 - SLIDE_TOLERANCE) &&
                               ud.frequencyHz <= fMax * (1.0 + SLIDE_TOLERANCE);
        device.SetFrequencyRange(std::min(fMin, ud.frequencyHz), std::max(fMax, ud.frequencyHz));
        device.SetFrequency(ud.frequencyHz);
        const double samples = static_cast<double>(user.samples);
        std::vector<double> tau(model.layerFlops.size());
        double totalFlops = 0;
        for (size_t l = 0; l < tau.size(); ++l)
        {
            tau[l] = device.ComputeTime(samples * model.layerFlops[l]);
            totalFlops += samples * model.layerFlops[l];
        }
        o.timeline = decision.execution == SlideExecution::STREAMING
                         ? LayerStreamingLatency::Streaming(download, tau)
                         : LayerStreamingLatency::DownloadThenInfer(download, tau);
        o.latencyS = o.timeline.latency;
        o.energyJ = device.Energy(totalFlops);

        o.isDeadlineMet =
            o.latencyS <= user.deadlineS + SLIDE_TOLERANCE * std::max(user.deadlineS, 1.0);
        o.isEnergyMet = o.energyJ <= user.energyBudgetJ * (1.0 + SLIDE_TOLERANCE);
        o.isFeasible =
            o.isModelCandidate && o.isFrequencyInRange && o.isDeadlineMet && o.isEnergyMet;
        eval.nDeadlineMisses += o.isDeadlineMet ? 0 : 1;
        eval.nEnergyViolations += o.isEnergyMet ? 0 : 1;
        eval.nFeasible += o.isFeasible ? 1 : 0;
    }
    eval.isBandwidthFeasible =
        eval.usedBandwidthHz <= problem.totalBandwidthHz * (1.0 + SLIDE_TOLERANCE);
    eval.isFeasible = eval.isBandwidthFeasible && eval.nFeasible == eval.nServed;
    return eval;
}

std::string
SlideSolver::CheckDecision(const SlideProblem& problem, const SlideDecision& decision)
{
    const size_t nUsers = problem.users.size();
    if (decision.users.size() != nUsers)
    {
        return "users: " + std::to_string(decision.users.size()) + " entries, the instance has " +
               std::to_string(nUsers) + " users";
    }
    double sum = 0;
    for (size_t k = 0; k < nUsers; ++k)
    {
        const SlideUserDecision& d = decision.users[k];
        if (!d.isServed)
        {
            continue;
        }
        std::ostringstream oss;
        oss << "users[" << k << "].";
        const SlideUser& user = problem.users[k];
        if (d.model >= problem.models.size())
        {
            oss << "model: index " << d.model << " out of range (the instance has "
                << problem.models.size() << " models)";
            return oss.str();
        }
        if (std::find(user.candidateModels.begin(), user.candidateModels.end(), d.model) ==
            user.candidateModels.end())
        {
            oss << "model: '" << problem.models[d.model].name
                << "' is not a candidate model of the user";
            return oss.str();
        }
        if (!std::isfinite(d.bandwidthHz) || d.bandwidthHz < 0)
        {
            oss << "bandwidthHz: " << d.bandwidthHz << " (expected finite and >= 0)";
            return oss.str();
        }
        const double fMin = user.device.GetMinFrequency();
        const double fMax = user.device.GetMaxFrequency();
        if (!std::isfinite(d.frequencyHz) || d.frequencyHz < fMin * (1.0 - SLIDE_TOLERANCE) ||
            d.frequencyHz > fMax * (1.0 + SLIDE_TOLERANCE))
        {
            oss << "frequencyHz: " << d.frequencyHz << " outside the device range [" << fMin << ", "
                << fMax << "] Hz";
            return oss.str();
        }
        sum += d.bandwidthHz;
        if (sum > problem.totalBandwidthHz * (1.0 + SLIDE_TOLERANCE))
        {
            oss << "bandwidthHz: " << d.bandwidthHz << " Hz brings the bandwidth sum to " << sum
                << " Hz, above B = " << problem.totalBandwidthHz << " Hz";
            return oss.str();
        }
    }
    return "";
}

} // namespace edgeinference
} // namespace ns3
