/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dto-ee-solver.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
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

/// Tolerance on the sum of the fractions of one offloader.
constexpr double SPLIT_SUM_TOLERANCE = 1e-6;

/// Floor of the curvature used to scale steps (avoids a division by zero).
constexpr double CURVATURE_FLOOR = 1e-12;

/**
 * @brief Throw std::invalid_argument "<field> = <value>: <what>".
 * @param [in] field the field
 * @param [in] value the value
 * @param [in] what the problem
 */
[[noreturn]] void
Fail(const std::string& field, double value, const std::string& what)
{
    std::ostringstream oss;
    oss << "DtoEeProblem: " << field << " = " << value << ": " << what;
    throw std::invalid_argument(oss.str());
}

/**
 * @brief Require a finite value > 0.
 * @param [in] field the field
 * @param [in] value the value
 */
void
RequirePositive(const std::string& field, double value)
{
    if (!std::isfinite(value) || !(value > 0.0))
    {
        Fail(field, value, "must be finite and > 0");
    }
}

/**
 * @brief Require a finite value >= 0.
 * @param [in] field the field
 * @param [in] value the value
 */
void
RequireNonNegative(const std::string& field, double value)
{
    if (!std::isfinite(value) || value < 0.0)
    {
        Fail(field, value, "must be finite and >= 0");
    }
}

/**
 * @brief Require a value in [0, 1].
 * @param [in] field the field
 * @param [in] value the value
 */
void
RequireUnit(const std::string& field, double value)
{
    if (!(value >= 0.0 && value <= 1.0))
    {
        Fail(field, value, "must be in [0, 1]");
    }
}

/**
 * @brief Check a piecewise-linear profile over thresholds.
 * @param [in] field the field name
 * @param [in] points the profile
 * @param [in] nonIncreasing whether y must not increase
 */
void
CheckProfile(const std::string& field,
             const std::vector<std::pair<double, double>>& points,
             bool nonIncreasing)
{
    for (size_t k = 0; k < points.size(); ++k)
    {
        const std::string at = field + "[" + std::to_string(k) + "]";
        RequireUnit(at + ".threshold", points[k].first);
        RequireUnit(at + ".value", points[k].second);
        if (k > 0 && !(points[k].first > points[k - 1].first))
        {
            Fail(at + ".threshold", points[k].first, "thresholds must increase");
        }
        if (nonIncreasing && k > 0 && points[k].second > points[k - 1].second)
        {
            Fail(at + ".value", points[k].second, "exit probability must not increase");
        }
    }
}

} // namespace

std::string
ToString(DtoEeReason reason)
{
    switch (reason)
    {
        case DtoEeReason::NONE:
            return "NONE";
        case DtoEeReason::NO_TRAFFIC:
            return "NO_TRAFFIC";
        case DtoEeReason::STAGE_OVERLOADED:
            return "STAGE_OVERLOADED";
        case DtoEeReason::NODE_OVERLOADED:
            return "NODE_OVERLOADED";
        case DtoEeReason::MARGIN_VIOLATED:
            return "MARGIN_VIOLATED";
        case DtoEeReason::NOT_SERVED:
            return "NOT_SERVED";
    }
    return "UNKNOWN";
}

const std::vector<std::pair<DtoEeScheme, std::string>>&
DtoEeSchemeNames()
{
    static const std::vector<std::pair<DtoEeScheme, std::string>> names{
        {DtoEeScheme::DTO_EE, "distributed"},
        {DtoEeScheme::CENTRALISED, "centralised"},
        {DtoEeScheme::FIXED_THRESHOLD, "fixed-threshold"},
        {DtoEeScheme::NO_EARLY_EXIT, "no-early-exit"},
        {DtoEeScheme::UNIFORM_OFFLOADING, "uniform-offloading"},
        {DtoEeScheme::RANDOM_OFFLOADING, "random-offloading"},
        {DtoEeScheme::JOIN_LEAST_LOADED, "join-least-loaded"},
    };
    return names;
}

std::string
ToString(DtoEeScheme scheme)
{
    for (const auto& [s, name] : DtoEeSchemeNames())
    {
        if (s == scheme)
        {
            return name;
        }
    }
    return "unknown";
}

std::optional<DtoEeScheme>
DtoEeSchemeFromString(const std::string& name)
{
    for (const auto& [s, n] : DtoEeSchemeNames())
    {
        if (n == name)
        {
            return s;
        }
    }
    return std::nullopt;
}

std::vector<DtoEeScheme>
DtoEeSchemeList(const std::string& list)
{
    std::vector<DtoEeScheme> out;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        const auto scheme = DtoEeSchemeFromString(item);
        if (!scheme)
        {
            throw std::invalid_argument("unknown scheme \"" + item +
                                        "\" (valid: " + DtoEeSchemeNameList() + ")");
        }
        out.push_back(*scheme);
    }
    if (out.empty())
    {
        throw std::invalid_argument("empty scheme list (valid: " + DtoEeSchemeNameList() + ")");
    }
    return out;
}

std::string
DtoEeSchemeNameList()
{
    std::string out;
    for (const auto& entry : DtoEeSchemeNames())
    {
        out += (out.empty() ? "" : ", ") + entry.second;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Node cost and profiles

double
DtoEeNodeCost::Value(double rate, double mu, double rho, double epsilon, double scv)
{
    const double knee = (1.0 - epsilon) * mu;
    auto n = [mu, scv](double l)
    {
        if (scv == 1.0)
        {
            return l / (mu - l);
        }
        return l / mu + 0.5 * (1.0 + scv) * l * l / (mu * (mu - l));
    };
    if (rate <= knee)
    {
        return n(rate);
    }
    const double atKnee = n(knee);
    const double slope = Derivative(knee, mu, 0.0, epsilon, scv);
    const double excess = rate - knee;
    return atKnee + slope * excess + rho * excess * excess;
}

double
DtoEeNodeCost::Derivative(double rate, double mu, double rho, double epsilon, double scv)
{
    const double knee = (1.0 - epsilon) * mu;
    auto d = [mu, scv](double l)
    {
        if (scv == 1.0)
        {
            return mu / ((mu - l) * (mu - l));
        }
        return 1.0 / mu + 0.5 * (1.0 + scv) * (2.0 * mu * l - l * l) / (mu * (mu - l) * (mu - l));
    };
    if (rate <= knee)
    {
        return d(rate);
    }
    return d(knee) + 2.0 * rho * (rate - knee);
}

double
DtoEeNodeCost::SecondDerivative(double rate, double mu, double rho, double epsilon, double scv)
{
    const double knee = (1.0 - epsilon) * mu;
    if (rate <= knee)
    {
        const double gap = mu - rate;
        return (scv == 1.0 ? 2.0 : 1.0 + scv) * mu / (gap * gap * gap);
    }
    return 2.0 * rho;
}

double
DtoEeNodeCost::Sojourn(double rate, double mu, double scv)
{
    if (!(rate < mu))
    {
        return std::numeric_limits<double>::infinity();
    }
    if (scv == 1.0)
    {
        return 1.0 / (mu - rate);
    }
    return 1.0 / mu + 0.5 * (1.0 + scv) * rate / (mu * (mu - rate));
}

double
DtoEeProfile::Value(const std::vector<std::pair<double, double>>& points, double x, double empty)
{
    if (points.empty())
    {
        return empty;
    }
    if (x <= points.front().first)
    {
        return points.front().second;
    }
    if (x >= points.back().first)
    {
        return points.back().second;
    }
    size_t k = 1;
    while (k < points.size() && points[k].first <= x)
    {
        ++k;
    }
    const auto& lo = points[k - 1];
    const auto& hi = points[k];
    return lo.second + (x - lo.first) / (hi.first - lo.first) * (hi.second - lo.second);
}

double
DtoEeProfile::Slope(const std::vector<std::pair<double, double>>& points, double x)
{
    if (points.size() < 2 || x < points.front().first || x > points.back().first)
    {
        return 0.0;
    }
    size_t k = 1;
    while (k + 1 < points.size() && points[k].first <= x)
    {
        ++k;
    }
    const auto& lo = points[k - 1];
    const auto& hi = points[k];
    return (hi.second - lo.second) / (hi.first - lo.first);
}

// ---------------------------------------------------------------------------------------------
// DtoEeModel

DtoEeModel::DtoEeModel(DtoEeProblem problem)
    : m_problem(std::move(problem))
{
    const auto& p = m_problem;
    if (p.stages.empty())
    {
        Fail("stages.size()", 0, "need at least one stage");
    }
    const uint32_t nStages = static_cast<uint32_t>(p.stages.size());
    for (uint32_t h = 0; h < nStages; ++h)
    {
        const std::string at = "stages[" + std::to_string(h) + "]";
        RequirePositive(at + ".workFlop", p.stages[h].workFlop);
        RequireNonNegative(at + ".featureBits", p.stages[h].featureBits);
        RequireUnit(at + ".exit.accuracy", p.stages[h].exit.accuracy);
        CheckProfile(at + ".exit.exitProfile", p.stages[h].exit.exitProfile, true);
        CheckProfile(at + ".exitAccuracy", p.stages[h].exitAccuracy, false);
    }
    RequireNonNegative("betaS", p.betaS);
    RequireNonNegative("rho", p.rho);
    if (!(p.epsilon > 0.0 && p.epsilon < 1.0))
    {
        // epsilon = 0 puts the knee of the penalised cost at mu: its value and derivative
        // divide by mu - knee = 0 there
        Fail("epsilon", p.epsilon, "must be in (0, 1)");
    }
    RequireUnit("thresholdMin", p.thresholdMin);
    if (!(p.serviceScv >= 0.0) || !std::isfinite(p.serviceScv))
    {
        Fail("serviceScv", p.serviceScv, "must be finite and >= 0 (1: exponential service)");
    }

    const uint32_t n = static_cast<uint32_t>(p.nodes.size());
    m_outLinks.assign(n, {});
    m_inLinks.assign(n, {});
    m_stageNodes.assign(nStages, {});
    for (uint32_t i = 0; i < n; ++i)
    {
        const std::string at = "nodes[" + std::to_string(i) + "]";
        const auto& node = p.nodes[i];
        if (node.stage >= nStages)
        {
            Fail(at + ".stage", node.stage, "must be < H = " + std::to_string(nStages));
        }
        RequirePositive(at + ".speedFlops", node.speedFlops);
        RequireNonNegative(at + ".arrivalRate", node.arrivalRate);
        if (node.arrivalRate > 0.0 && node.stage != 0)
        {
            Fail(at + ".arrivalRate",
                 node.arrivalRate,
                 "external arrivals are allowed at first-stage nodes only (stage " +
                     std::to_string(node.stage) + ")");
        }
        m_stageNodes[node.stage].push_back(i);
        m_lambda += node.arrivalRate;
    }
    for (uint32_t h = 0; h < nStages; ++h)
    {
        if (m_stageNodes[h].empty())
        {
            Fail("stages[" + std::to_string(h) + "] node count", 0, "every stage needs a node");
        }
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        const double mu = GetServiceRate(i);
        if (p.nodes[i].arrivalRate >= mu)
        {
            std::ostringstream what;
            what << "unstable load: >= the service rate mu = " << mu << " task/s";
            Fail(
                "nodes[" + std::to_string(i) + "].arrivalRate", p.nodes[i].arrivalRate, what.str());
        }
    }
    std::set<std::pair<uint32_t, uint32_t>> seen;
    for (uint32_t l = 0; l < p.links.size(); ++l)
    {
        const std::string at = "links[" + std::to_string(l) + "]";
        const auto& link = p.links[l];
        if (link.from >= n)
        {
            Fail(at + ".from", link.from, "no such node");
        }
        if (link.to >= n)
        {
            Fail(at + ".to", link.to, "no such node");
        }
        if (p.nodes[link.to].stage != p.nodes[link.from].stage + 1)
        {
            Fail(at + ".to",
                 link.to,
                 "must be in the stage after node " + std::to_string(link.from) + "'s");
        }
        if (!seen.insert({link.from, link.to}).second)
        {
            Fail(at + ".to", link.to, "duplicate link");
        }
        RequirePositive(at + ".rateBps", link.rateBps);
        RequireNonNegative(at + ".propagationDelayS", link.propagationDelayS);
        m_outLinks[link.from].push_back(l);
        m_inLinks[link.to].push_back(l);
        m_linkDelayS.push_back(p.stages[p.nodes[link.from].stage].featureBits / link.rateBps +
                               link.propagationDelayS);
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        if (p.nodes[i].stage + 1 < nStages && m_outLinks[i].empty())
        {
            Fail("nodes[" + std::to_string(i) + "] successors",
                 0,
                 "no path to the last stage (node of stage " + std::to_string(p.nodes[i].stage) +
                     " has no outgoing link)");
        }
    }
}

const DtoEeProblem&
DtoEeModel::GetProblem() const
{
    return m_problem;
}

uint32_t
DtoEeModel::GetNStages() const
{
    return static_cast<uint32_t>(m_problem.stages.size());
}

uint32_t
DtoEeModel::GetNNodes() const
{
    return static_cast<uint32_t>(m_problem.nodes.size());
}

uint32_t
DtoEeModel::GetNLinks() const
{
    return static_cast<uint32_t>(m_problem.links.size());
}

double
DtoEeModel::GetTotalArrivalRate() const
{
    return m_lambda;
}

double
DtoEeModel::GetServiceRate(uint32_t node) const
{
    const auto& nd = m_problem.nodes.at(node);
    return nd.speedFlops / m_problem.stages[nd.stage].workFlop;
}

double
DtoEeModel::GetLinkDelay(uint32_t link) const
{
    return m_linkDelayS.at(link);
}

bool
DtoEeModel::IsLastStage(uint32_t node) const
{
    return m_problem.nodes.at(node).stage + 1 == GetNStages();
}

const std::vector<uint32_t>&
DtoEeModel::GetOutLinks(uint32_t node) const
{
    return m_outLinks.at(node);
}

const std::vector<uint32_t>&
DtoEeModel::GetInLinks(uint32_t node) const
{
    return m_inLinks.at(node);
}

const std::vector<uint32_t>&
DtoEeModel::GetStageNodes(uint32_t stage) const
{
    return m_stageNodes.at(stage);
}

double
DtoEeModel::ExitProbability(uint32_t node, double threshold) const
{
    if (IsLastStage(node))
    {
        return 1.0;
    }
    return m_problem.stages[m_problem.nodes[node].stage].exit.ExitProbability(threshold);
}

double
DtoEeModel::ExitAccuracy(uint32_t node, double threshold) const
{
    const auto& stage = m_problem.stages[m_problem.nodes.at(node).stage];
    const double th = IsLastStage(node) ? 0.0 : threshold;
    return DtoEeProfile::Value(stage.exitAccuracy, th, stage.exit.accuracy);
}

void
DtoEeModel::CheckStrategy(const DtoEeStrategy& strategy) const
{
    auto fail = [](const std::string& field, double value, const std::string& what)
    {
        std::ostringstream oss;
        oss << "DtoEeStrategy: " << field << " = " << value << ": " << what;
        throw std::invalid_argument(oss.str());
    };
    if (strategy.threshold.size() != GetNNodes())
    {
        fail("threshold.size()", strategy.threshold.size(), "must equal the number of nodes");
    }
    if (strategy.split.size() != GetNLinks())
    {
        fail("split.size()", strategy.split.size(), "must equal the number of links");
    }
    for (uint32_t i = 0; i < GetNNodes(); ++i)
    {
        const double th = strategy.threshold[i];
        const double lo = IsLastStage(i) ? 0.0 : m_problem.thresholdMin;
        if (!(th >= lo && th <= 1.0))
        {
            fail("threshold[" + std::to_string(i) + "]",
                 th,
                 "must be in [" + std::to_string(lo) + ", 1]");
        }
        double sum = 0;
        for (uint32_t l : m_outLinks[i])
        {
            const double x = strategy.split[l];
            if (!(x >= 0.0) || !std::isfinite(x))
            {
                fail("split[" + std::to_string(l) + "]", x, "must be finite and >= 0");
            }
            sum += x;
        }
        if (!m_outLinks[i].empty() && std::abs(sum - 1.0) > SPLIT_SUM_TOLERANCE)
        {
            fail("split of node " + std::to_string(i) + " (sum)", sum, "must sum to 1");
        }
    }
}

std::vector<double>
DtoEeModel::DelayToExit(const DtoEeStrategy& strategy) const
{
    const DtoEeEvaluation ev = Evaluate(strategy); // checks the strategy
    std::vector<double> t(GetNNodes(), INF);
    for (uint32_t h = GetNStages(); h-- > 0;)
    {
        for (uint32_t i : GetStageNodes(h))
        {
            const double mu = GetServiceRate(i);
            const double lambda = ev.nodeRate[i];
            double ti = DtoEeNodeCost::Sojourn(lambda, mu, m_problem.serviceScv);
            if (!IsLastStage(i))
            {
                double onward = 0;
                for (uint32_t l : GetOutLinks(i))
                {
                    const double x = strategy.split[l];
                    if (x > 0)
                    {
                        onward += x * (GetLinkDelay(l) + t[m_problem.links[l].to]);
                    }
                }
                const double forwarded = 1.0 - ExitProbability(i, strategy.threshold[i]);
                if (forwarded > 0)
                {
                    ti += forwarded * onward;
                }
            }
            t[i] = ti;
        }
    }
    return t;
}

std::vector<double>
DtoEeModel::ArrivalScv(const DtoEeStrategy& strategy) const
{
    const DtoEeEvaluation ev = Evaluate(strategy, true); // checks; flows and rates
    const double cs2 = m_problem.serviceScv;
    std::vector<double> weighted(GetNNodes(), 0.0); // sum of F c^2 over the incoming flows
    std::vector<double> ca2(GetNNodes(), 1.0);
    for (uint32_t h = 0; h < GetNStages(); ++h)
    {
        for (uint32_t i : GetStageNodes(h))
        {
            const double rate = ev.nodeRate[i];
            const double external = m_problem.nodes[i].arrivalRate;
            if (rate > 0.0)
            {
                ca2[i] = (weighted[i] + external * 1.0) / rate; // external: Poisson
            }
            const double mu = GetServiceRate(i);
            const double rho = std::min(1.0, rate / mu);
            const double cd2 = rho * rho * cs2 + (1.0 - rho * rho) * ca2[i];
            const double forwarded = 1.0 - ExitProbability(i, strategy.threshold[i]);
            for (uint32_t l : GetOutLinks(i))
            {
                const double pr = forwarded * strategy.split[l];
                weighted[m_problem.links[l].to] += ev.linkFlow[l] * (pr * cd2 + 1.0 - pr);
            }
        }
    }
    return ca2;
}

std::vector<double>
DtoEeModel::DelayToExitTwoMoment(const DtoEeStrategy& strategy) const
{
    return DelayToExitWithArrivalScv(strategy, false);
}

std::vector<double>
DtoEeModel::DelayToExitPooled(const DtoEeStrategy& strategy) const
{
    return DelayToExitWithArrivalScv(strategy, true);
}

std::vector<double>
DtoEeModel::DelayToExitWithArrivalScv(const DtoEeStrategy& strategy, bool isPooled) const
{
    const DtoEeEvaluation ev = Evaluate(strategy, true);
    const std::vector<double> ca2 = ArrivalScv(strategy);
    const double cs2 = m_problem.serviceScv;
    // the wait of each node: per node, or per pooled stage
    std::vector<double> wait(GetNNodes(), INF);
    for (uint32_t h = 0; h < GetNStages(); ++h)
    {
        const auto& nodes = GetStageNodes(h);
        bool pooled = isPooled && h > 0 && nodes.size() > 1;
        for (uint32_t j : nodes)
        {
            // every node of stage h - 1 must reach j
            pooled = pooled && GetInLinks(j).size() == GetStageNodes(h - 1).size();
        }
        if (!pooled)
        {
            for (uint32_t j : nodes)
            {
                const double mu = GetServiceRate(j);
                const double lambda = ev.nodeRate[j];
                wait[j] = lambda < mu ? 0.5 * (ca2[j] + cs2) * lambda / (mu * (mu - lambda)) : INF;
            }
            continue;
        }
        double muTotal = 0;
        double lambda = 0;
        double ca2Flow = 0;
        for (uint32_t j : nodes)
        {
            muTotal += GetServiceRate(j);
            lambda += ev.nodeRate[j];
            ca2Flow += ev.nodeRate[j] * ca2[j];
        }
        double w = INF;
        if (lambda <= 0.0)
        {
            w = 0.0;
        }
        else if (lambda < muTotal)
        {
            // Erlang C with c servers and offered load a = c rho
            const auto c = static_cast<double>(nodes.size());
            const double rho = lambda / muTotal;
            const double a = c * rho;
            double term = 1; // a^k / k!
            double sum = 0;
            for (uint32_t k = 0; k < nodes.size(); ++k)
            {
                sum += term;
                term *= a / (k + 1);
            }
            const double tail = term / (1.0 - rho);
            const double erlangC = tail / (sum + tail);
            w = 0.5 * (ca2Flow / lambda + cs2) * erlangC / (muTotal - lambda);
        }
        for (uint32_t j : nodes)
        {
            wait[j] = w;
        }
    }
    std::vector<double> t(GetNNodes(), INF);
    for (uint32_t h = GetNStages(); h-- > 0;)
    {
        for (uint32_t i : GetStageNodes(h))
        {
            double ti = 1.0 / GetServiceRate(i) + wait[i];
            if (!IsLastStage(i))
            {
                double onward = 0;
                for (uint32_t l : GetOutLinks(i))
                {
                    const double x = strategy.split[l];
                    if (x > 0)
                    {
                        onward += x * (GetLinkDelay(l) + t[m_problem.links[l].to]);
                    }
                }
                const double forwarded = 1.0 - ExitProbability(i, strategy.threshold[i]);
                if (forwarded > 0)
                {
                    ti += forwarded * onward;
                }
            }
            t[i] = ti;
        }
    }
    return t;
}

DtoEeEvaluation
DtoEeModel::Evaluate(const DtoEeStrategy& strategy) const
{
    return Evaluate(strategy, false);
}

double
DtoEeModel::Objective(const DtoEeStrategy& strategy) const
{
    return Evaluate(strategy, true).objective;
}

DtoEeEvaluation
DtoEeModel::Evaluate(const DtoEeStrategy& strategy, bool isObjectiveOnly) const
{
    CheckStrategy(strategy);
    const auto& p = m_problem;
    const uint32_t n = GetNNodes();
    DtoEeEvaluation ev;
    ev.nodeRate.assign(n, 0.0);
    ev.linkFlow.assign(GetNLinks(), 0.0);
    ev.marginalCost.assign(n, 0.0);
    ev.curvature.assign(n, 0.0);
    ev.thresholdGradient.assign(n, 0.0);
    std::vector<double> q(n);
    std::vector<double> a(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        ev.nodeRate[i] = p.nodes[i].arrivalRate;
        q[i] = ExitProbability(i, strategy.threshold[i]);
        a[i] = ExitAccuracy(i, strategy.threshold[i]);
    }
    // Forward: flows stage by stage.
    for (uint32_t h = 0; h < GetNStages(); ++h)
    {
        for (uint32_t i : m_stageNodes[h])
        {
            const double cont = ev.nodeRate[i] * (1.0 - q[i]);
            for (uint32_t l : m_outLinks[i])
            {
                ev.linkFlow[l] = cont * strategy.split[l];
                ev.nodeRate[p.links[l].to] += ev.linkFlow[l];
            }
        }
    }
    // Costs.
    double lambdaJ = 0;
    double delaySum = 0;
    double accSum = 0;
    double penaltySum = 0;
    bool marginViolated = false;
    for (uint32_t i = 0; i < n; ++i)
    {
        const double mu = GetServiceRate(i);
        const double rate = ev.nodeRate[i];
        lambdaJ += DtoEeNodeCost::Value(rate, mu, p.rho, p.epsilon, p.serviceScv) -
                   p.betaS * rate * q[i] * a[i];
        const double excess = std::max(0.0, rate - (1.0 - p.epsilon) * mu);
        penaltySum += p.rho * excess * excess;
        marginViolated = marginViolated || excess > 0.0;
        if (rate >= mu)
        {
            ev.stable = false;
        }
        else
        {
            delaySum += p.serviceScv == 1.0 ? rate / (mu - rate)
                                            : rate * DtoEeNodeCost::Sojourn(rate, mu, p.serviceScv);
        }
        accSum += rate * q[i] * a[i];
    }
    for (uint32_t l = 0; l < GetNLinks(); ++l)
    {
        lambdaJ += ev.linkFlow[l] * m_linkDelayS[l];
        delaySum += ev.linkFlow[l] * m_linkDelayS[l];
    }
    if (isObjectiveOnly)
    {
        ev.objective = m_lambda > 0.0 ? lambdaJ / m_lambda : 0.0;
        return ev;
    }
    // Backward: marginal costs and curvatures.
    for (uint32_t hh = GetNStages(); hh-- > 0;)
    {
        for (uint32_t i : m_stageNodes[hh])
        {
            const double mu = GetServiceRate(i);
            const double rate = ev.nodeRate[i];
            double phi = 0;
            double kappaDown = 0;
            for (uint32_t l : m_outLinks[i])
            {
                const uint32_t j = p.links[l].to;
                const double x = strategy.split[l];
                phi += x * (GetLinkDelay(l) + ev.marginalCost[j]);
                kappaDown += x * x * ev.curvature[j];
            }
            ev.marginalCost[i] =
                DtoEeNodeCost::Derivative(rate, mu, p.rho, p.epsilon, p.serviceScv) -
                p.betaS * q[i] * a[i] + (1.0 - q[i]) * phi;
            ev.curvature[i] =
                DtoEeNodeCost::SecondDerivative(rate, mu, p.rho, p.epsilon, p.serviceScv) +
                (1.0 - q[i]) * (1.0 - q[i]) * kappaDown;
            if (!IsLastStage(i))
            {
                const auto& stage = p.stages[hh];
                const double th = strategy.threshold[i];
                const double dq = DtoEeProfile::Slope(stage.exit.exitProfile, th);
                const double da = DtoEeProfile::Slope(stage.exitAccuracy, th);
                ev.thresholdGradient[i] =
                    -rate * dq * phi - p.betaS * rate * (dq * a[i] + q[i] * da);
            }
        }
    }
    if (m_lambda <= 0.0)
    {
        ev.reason = DtoEeReason::NO_TRAFFIC;
        return ev;
    }
    ev.objective = lambdaJ / m_lambda;
    ev.penalty = penaltySum / m_lambda;
    ev.meanAccuracy = accSum / m_lambda;
    ev.meanDelayS = ev.stable ? delaySum / m_lambda : INF;
    if (!ev.stable)
    {
        ev.reason = DtoEeReason::NODE_OVERLOADED;
    }
    else if (marginViolated)
    {
        ev.reason = DtoEeReason::MARGIN_VIOLATED;
    }
    return ev;
}

DtoEeStrategy
DtoEeModel::UniformStrategy(double threshold) const
{
    DtoEeStrategy s;
    s.threshold.assign(GetNNodes(), 0.0);
    s.split.assign(GetNLinks(), 0.0);
    const double th = std::min(1.0, std::max(m_problem.thresholdMin, threshold));
    for (uint32_t i = 0; i < GetNNodes(); ++i)
    {
        s.threshold[i] = IsLastStage(i) ? 0.0 : th;
        for (uint32_t l : m_outLinks[i])
        {
            s.split[l] = 1.0 / static_cast<double>(m_outLinks[i].size());
        }
    }
    return s;
}

DtoEeReason
DtoEeModel::CapacityCheck() const
{
    double inflow = m_lambda;
    for (uint32_t h = 0; h < GetNStages(); ++h)
    {
        double capacity = 0;
        double exitMax = 0;
        for (uint32_t i : m_stageNodes[h])
        {
            capacity += (1.0 - m_problem.epsilon) * GetServiceRate(i);
            exitMax = std::max(exitMax, ExitProbability(i, m_problem.thresholdMin));
        }
        if (inflow > capacity)
        {
            return DtoEeReason::STAGE_OVERLOADED;
        }
        inflow *= 1.0 - exitMax;
    }
    return DtoEeReason::NONE;
}

// ---------------------------------------------------------------------------------------------
// DtoEeSolver

DtoEeSolver::DtoEeSolver(const DtoEeModel& model, DtoEeSolverOptions options)
    : m_model(model)
    , m_options(options)
{
    RequirePositive("options.routingTolerance", options.routingTolerance);
    RequirePositive("options.thresholdTolerance", options.thresholdTolerance);
    // a value below thresholdMin is raised to it by the fixed-threshold baselines
    RequireUnit("options.baselineThreshold", options.baselineThreshold);
}

void
DtoEeSolver::SetReason(DtoEeSolution& solution) const
{
    solution.reason = solution.evaluation.reason;
    if (solution.reason != DtoEeReason::NONE && solution.reason != DtoEeReason::NO_TRAFFIC &&
        m_model.CapacityCheck() == DtoEeReason::STAGE_OVERLOADED)
    {
        solution.reason = DtoEeReason::STAGE_OVERLOADED;
    }
}

DtoEeSolution
DtoEeSolver::SolveRouting(const DtoEeStrategy& start) const
{
    return SolveRouting(start, m_options.routingTolerance);
}

DtoEeSolution
DtoEeSolver::SolveRouting(const DtoEeStrategy& start, double tolerance) const
{
    const auto& p = m_model.GetProblem();
    const double lambda = m_model.GetTotalArrivalRate();
    DtoEeSolution sol;
    sol.scheme = DtoEeScheme::CENTRALISED;
    sol.strategy = start;
    sol.evaluation = m_model.Evaluate(start);
    if (lambda <= 0.0)
    {
        SetReason(sol);
        return sol;
    }
    const uint32_t n = m_model.GetNNodes();
    std::vector<double> dir(m_model.GetNLinks(), 0.0);
    double alphaPrev = 1.0;
    for (uint32_t it = 0; it < m_options.maxRoutingIterations; ++it)
    {
        const auto& ev = sol.evaluation;
        double residual = 0;
        double slope = 0;
        std::fill(dir.begin(), dir.end(), 0.0);
        for (uint32_t i = 0; i < n; ++i)
        {
            const auto& out = m_model.GetOutLinks(i);
            if (out.size() < 2)
            {
                continue;
            }
            const double cont =
                ev.nodeRate[i] * (1.0 - m_model.ExitProbability(i, sol.strategy.threshold[i]));
            if (cont <= 0.0)
            {
                continue;
            }
            uint32_t best = out[0];
            auto phiOf = [&](uint32_t l)
            {
                return m_model.GetLinkDelay(l) + ev.marginalCost[p.links[l].to];
            };
            for (uint32_t l : out)
            {
                if (phiOf(l) < phiOf(best))
                {
                    best = l;
                }
            }
            double moved = 0;
            for (uint32_t l : out)
            {
                if (l == best)
                {
                    continue;
                }
                const double gap = phiOf(l) - phiOf(best);
                residual += cont * sol.strategy.split[l] * gap;
                const double kappa = std::max(
                    CURVATURE_FLOOR, ev.curvature[p.links[l].to] + ev.curvature[p.links[best].to]);
                const double step = std::min(sol.strategy.split[l], gap / (cont * kappa));
                dir[l] = -step;
                moved += step;
                slope -= cont * gap * step;
            }
            dir[best] = moved;
        }
        sol.iterations = it;
        if (residual / lambda < tolerance || slope >= 0.0)
        {
            break;
        }
        double alpha = std::min(1.0, 4.0 * alphaPrev);
        bool accepted = false;
        while (alpha > 1e-12)
        {
            DtoEeStrategy trial = sol.strategy;
            for (uint32_t l = 0; l < trial.split.size(); ++l)
            {
                trial.split[l] = std::max(0.0, trial.split[l] + alpha * dir[l]);
            }
            DtoEeEvaluation tev = m_model.Evaluate(trial);
            if (tev.objective <= ev.objective + 1e-4 * alpha * slope / lambda)
            {
                sol.strategy = std::move(trial);
                sol.evaluation = std::move(tev);
                accepted = true;
                alphaPrev = alpha;
                break;
            }
            alpha *= 0.5;
        }
        if (!accepted)
        {
            break;
        }
    }
    SetReason(sol);
    return sol;
}

DtoEeSolution
DtoEeSolver::DescendThresholds(const DtoEeStrategy& start) const
{
    const double inner = std::max(m_options.routingTolerance, INNER_ROUTING_TOLERANCE);
    const double lambda = m_model.GetTotalArrivalRate();
    const double thMin = m_model.GetProblem().thresholdMin;
    DtoEeSolution sol = SolveRouting(start, inner);
    if (lambda <= 0.0)
    {
        return sol;
    }
    double step = 0.0;
    uint32_t smallGains = 0;
    for (uint32_t it = 0; it < m_options.maxThresholdIterations; ++it)
    {
        const auto& g = sol.evaluation.thresholdGradient;
        double gMax = 0;
        for (uint32_t i = 0; i < g.size(); ++i)
        {
            gMax = std::max(gMax, std::abs(g[i] / lambda));
        }
        if (gMax <= 0.0)
        {
            break;
        }
        if (step <= 0.0)
        {
            step = 0.05 / gMax;
        }
        DtoEeStrategy trial = sol.strategy;
        double decrease = 0;
        for (uint32_t i = 0; i < g.size(); ++i)
        {
            if (m_model.IsLastStage(i))
            {
                continue;
            }
            const double th =
                std::min(1.0, std::max(thMin, trial.threshold[i] - step * g[i] / lambda));
            decrease += g[i] / lambda * (trial.threshold[i] - th);
            trial.threshold[i] = th;
        }
        if (decrease <= 0.0)
        {
            break; // projected gradient is zero: a stationary point
        }
        DtoEeSolution next = SolveRouting(trial, inner);
        const double gain = sol.evaluation.objective - next.evaluation.objective;
        if (gain >= 1e-4 * decrease)
        {
            sol.strategy = next.strategy;
            sol.evaluation = next.evaluation;
            sol.iterations += next.iterations;
            step *= 1.5;
            smallGains = gain < m_options.thresholdTolerance ? smallGains + 1 : 0;
            if (smallGains >= 3)
            {
                break;
            }
        }
        else
        {
            step *= 0.5;
            if (step * gMax < 1e-12)
            {
                break;
            }
        }
    }
    SetReason(sol);
    return sol;
}

DtoEeSolution
DtoEeSolver::PolishThresholds(DtoEeSolution sol) const
{
    const double inner = std::max(m_options.routingTolerance, INNER_ROUTING_TOLERANCE);
    const double thMin = m_model.GetProblem().thresholdMin;
    // Pattern-search polish: J_rho is only piecewise smooth in theta (piecewise-linear exit
    // profiles), so the projected gradient can stall at a breakpoint; try theta_i +- delta.
    // A trial is evaluated with the current offloading fractions (one Evaluate(),
    // O(N + |E|)) and kept if it lowers J; after each pass that kept one, the offloading is
    // re-optimised (SolveRouting(), which does not increase J).
    for (double delta : {0.05, 0.01, 0.002, 4e-4})
    {
        bool improved = true;
        for (uint32_t pass = 0; improved && pass < 20; ++pass)
        {
            improved = false;
            for (uint32_t i = 0; i < m_model.GetNNodes(); ++i)
            {
                if (m_model.IsLastStage(i))
                {
                    continue;
                }
                for (double sign : {1.0, -1.0})
                {
                    DtoEeStrategy trial = sol.strategy;
                    trial.threshold[i] =
                        std::min(1.0, std::max(thMin, trial.threshold[i] + sign * delta));
                    if (trial.threshold[i] == sol.strategy.threshold[i])
                    {
                        continue;
                    }
                    if (m_model.Objective(trial) <
                        sol.evaluation.objective - m_options.thresholdTolerance)
                    {
                        sol.strategy = std::move(trial);
                        sol.evaluation = m_model.Evaluate(sol.strategy);
                        improved = true;
                        break;
                    }
                }
            }
            if (improved)
            {
                DtoEeSolution next = SolveRouting(sol.strategy, inner);
                if (next.evaluation.objective <= sol.evaluation.objective)
                {
                    sol.strategy = std::move(next.strategy);
                    sol.evaluation = std::move(next.evaluation);
                }
            }
        }
    }
    SetReason(sol);
    return sol;
}

DtoEeSolution
DtoEeSolver::Solve() const
{
    if (!m_options.optimiseThresholds)
    {
        return SolveRouting(m_model.UniformStrategy(m_options.baselineThreshold));
    }
    const double thMin = m_model.GetProblem().thresholdMin;
    const std::vector<double> starts{thMin, 0.5 * (thMin + 1.0), 1.0, m_options.baselineThreshold};
    DtoEeSolution best;
    bool have = false;
    for (double th : starts)
    {
        // the thresholds of the start; the offloading fractions of the best solution so far
        // (a warm start of the routing: the cold routing solve is most of the cost at scale)
        DtoEeStrategy start = m_model.UniformStrategy(th);
        if (have)
        {
            start.split = best.strategy.split;
        }
        DtoEeSolution sol = DescendThresholds(start);
        if (!have || sol.evaluation.objective < best.evaluation.objective)
        {
            best = std::move(sol);
            have = true;
        }
    }
    if (m_model.GetTotalArrivalRate() <= 0.0)
    {
        return best;
    }
    best = PolishThresholds(std::move(best));
    // the final routing to the full tolerance (the search above re-routes to
    // INNER_ROUTING_TOLERANCE); kept if not worse
    DtoEeSolution final = SolveRouting(best.strategy);
    final.iterations += best.iterations;
    return final.evaluation.objective <= best.evaluation.objective ? final : best;
}

DtoEeStrategy
DtoEeSolver::JoinLeastLoadedStrategy(const DtoEeStrategy& thresholds) const
{
    m_model.CheckStrategy(thresholds);
    const auto& p = m_model.GetProblem();
    DtoEeSolution sol;
    sol.strategy = thresholds;
    // Fluid join-the-least-utilised: each offloader, in stage and index order, sends its
    // continuing flow in small chunks, each to the successor of least (Lambda_j +
    // chunk)/mu_j.
    constexpr uint32_t CHUNKS = 64;
    std::vector<double> rate(m_model.GetNNodes(), 0.0);
    for (uint32_t i = 0; i < m_model.GetNNodes(); ++i)
    {
        rate[i] = p.nodes[i].arrivalRate;
    }
    for (uint32_t h = 0; h < m_model.GetNStages(); ++h)
    {
        for (uint32_t i : m_model.GetStageNodes(h))
        {
            const auto& out = m_model.GetOutLinks(i);
            const double cont =
                rate[i] * (1.0 - m_model.ExitProbability(i, sol.strategy.threshold[i]));
            if (out.empty() || cont <= 0.0)
            {
                continue;
            }
            const double chunk = cont / CHUNKS;
            std::vector<double> sent(out.size(), 0.0);
            for (uint32_t c = 0; c < CHUNKS; ++c)
            {
                size_t best = 0;
                double bestUtil = INF;
                for (size_t k = 0; k < out.size(); ++k)
                {
                    const uint32_t j = p.links[out[k]].to;
                    const double util = (rate[j] + chunk) / m_model.GetServiceRate(j);
                    if (util < bestUtil)
                    {
                        bestUtil = util;
                        best = k;
                    }
                }
                sent[best] += chunk;
                rate[p.links[out[best]].to] += chunk;
            }
            for (size_t k = 0; k < out.size(); ++k)
            {
                sol.strategy.split[out[k]] = sent[k] / cont;
            }
        }
    }
    return sol.strategy;
}

DtoEeSolution
DtoEeSolver::SolveScheme(DtoEeScheme scheme) const
{
    DtoEeSolution sol;
    switch (scheme)
    {
        case DtoEeScheme::DTO_EE:
            throw std::invalid_argument(
                "DtoEeSolver::SolveScheme: scheme = distributed: run DtoEeDistributed instead");
        case DtoEeScheme::CENTRALISED:
            return Solve();
        case DtoEeScheme::FIXED_THRESHOLD:
            sol = SolveRouting(m_model.UniformStrategy(m_options.baselineThreshold));
            break;
        case DtoEeScheme::NO_EARLY_EXIT:
            sol = SolveRouting(m_model.UniformStrategy(1.0));
            break;
        case DtoEeScheme::UNIFORM_OFFLOADING:
            sol.strategy = m_model.UniformStrategy(m_options.baselineThreshold);
            break;
        case DtoEeScheme::RANDOM_OFFLOADING:
        {
            sol.strategy = m_model.UniformStrategy(m_options.baselineThreshold);
            std::mt19937_64 rng(m_options.seed);
            std::exponential_distribution<double> expo(1.0);
            for (uint32_t i = 0; i < m_model.GetNNodes(); ++i)
            {
                const auto& out = m_model.GetOutLinks(i);
                double sum = 0;
                for (uint32_t l : out)
                {
                    sol.strategy.split[l] = expo(rng);
                    sum += sol.strategy.split[l];
                }
                for (uint32_t l : out)
                {
                    sol.strategy.split[l] /= sum;
                }
            }
            break;
        }
        case DtoEeScheme::JOIN_LEAST_LOADED:
            sol.strategy =
                JoinLeastLoadedStrategy(m_model.UniformStrategy(m_options.baselineThreshold));
            break;
    }
    sol.scheme = scheme;
    sol.evaluation = m_model.Evaluate(sol.strategy);
    SetReason(sol);
    return sol;
}

DtoEeSolution
DtoEeSolver::Predict(const DtoEeSolution& decision) const
{
    if (decision.reason == DtoEeReason::NOT_SERVED)
    {
        DtoEeSolution none = ServeNobody();
        none.scheme = decision.scheme;
        none.iterations = decision.iterations;
        return none;
    }
    DtoEeSolution sol = decision;
    sol.evaluation = m_model.Evaluate(sol.strategy);
    SetReason(sol);
    return sol;
}

DtoEeSolution
DtoEeSolver::ServeNobody() const
{
    DtoEeSolution sol;
    sol.reason = DtoEeReason::NOT_SERVED;
    DtoEeEvaluation& ev = sol.evaluation;
    ev.nodeRate.assign(m_model.GetNNodes(), 0.0);
    ev.linkFlow.assign(m_model.GetNLinks(), 0.0);
    ev.marginalCost.assign(m_model.GetNNodes(), 0.0);
    ev.curvature.assign(m_model.GetNNodes(), 0.0);
    ev.thresholdGradient.assign(m_model.GetNNodes(), 0.0);
    ev.reason = DtoEeReason::NOT_SERVED;
    return sol;
}

std::string
DtoEeSolver::CheckDecision(const DtoEeProblem& problem, const DtoEeSolution& decision)
{
    if (decision.reason == DtoEeReason::NOT_SERVED)
    {
        return "";
    }
    std::optional<DtoEeModel> model;
    try
    {
        model.emplace(problem);
    }
    catch (const std::invalid_argument& e)
    {
        return std::string("instance: ") + e.what();
    }
    const DtoEeStrategy& s = decision.strategy;
    std::ostringstream msg;
    if (s.threshold.size() != model->GetNNodes())
    {
        msg << "threshold: " << s.threshold.size() << " values, expected " << model->GetNNodes()
            << " (one per node)";
        return msg.str();
    }
    if (s.split.size() != model->GetNLinks())
    {
        msg << "split: " << s.split.size() << " values, expected " << model->GetNLinks()
            << " (one per link)";
        return msg.str();
    }
    for (uint32_t i = 0; i < model->GetNNodes(); ++i)
    {
        const double th = s.threshold[i];
        const bool isLast = model->IsLastStage(i);
        const double lo = isLast ? 0.0 : problem.thresholdMin;
        if (!(th >= lo && th <= 1.0))
        {
            msg << "nodes[" << i << "].threshold = " << th << ": must be in [" << lo << ", 1]";
            return msg.str();
        }
        double sum = 0;
        std::string targets;
        for (uint32_t l : model->GetOutLinks(i))
        {
            const double x = s.split[l];
            if (!(x >= 0.0) || !std::isfinite(x))
            {
                msg << "nodes[" << i << "].split to node " << problem.links[l].to << " (links[" << l
                    << "]) = " << x << ": must be finite and >= 0";
                return msg.str();
            }
            sum += x;
            targets += (targets.empty() ? "" : ", ") + std::to_string(problem.links[l].to);
        }
        if (!isLast && std::abs(sum - 1.0) > 1e-6)
        {
            msg << "nodes[" << i << "].split: sums to " << sum << " over its links to nodes "
                << targets << ": must sum to 1";
            return msg.str();
        }
    }
    return "";
}

} // namespace edgeinference
} // namespace ns3
