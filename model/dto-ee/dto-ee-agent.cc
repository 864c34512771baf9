/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dto-ee-agent.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

namespace
{

/// Message type of DtoEeUpdateMessage on the wire.
constexpr uint8_t TYPE_UPDATE = 1;

/// Message type of DtoEeReplyMessage on the wire.
constexpr uint8_t TYPE_REPLY = 2;

/// Floor of the curvature used to scale steps.
constexpr double CURVATURE_FLOOR = 1e-12;

/// Grid points of the local threshold search.
constexpr uint32_t THRESHOLD_GRID = 64;

/**
 * @brief Append a u32 in network byte order.
 * @param [in,out] out buffer
 * @param [in] v value
 */
void
PutU32(std::vector<uint8_t>& out, uint32_t v)
{
    for (int s = 24; s >= 0; s -= 8)
    {
        out.push_back(static_cast<uint8_t>((v >> s) & 0xffU));
    }
}

/**
 * @brief Append an IEEE-754 double in network byte order.
 * @param [in,out] out buffer
 * @param [in] v value
 */
void
PutF64(std::vector<uint8_t>& out, double v)
{
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof(bits));
    for (int s = 56; s >= 0; s -= 8)
    {
        out.push_back(static_cast<uint8_t>((bits >> s) & 0xffU));
    }
}

/**
 * @brief Read a u32 in network byte order.
 * @param [in] in buffer
 * @param [in,out] pos read position
 * @return the value
 */
uint32_t
GetU32(const std::vector<uint8_t>& in, size_t& pos)
{
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k)
    {
        v = (v << 8) | in[pos++];
    }
    return v;
}

/**
 * @brief Read an IEEE-754 double in network byte order.
 * @param [in] in buffer
 * @param [in,out] pos read position
 * @return the value
 */
double
GetF64(const std::vector<uint8_t>& in, size_t& pos)
{
    uint64_t bits = 0;
    for (int k = 0; k < 8; ++k)
    {
        bits = (bits << 8) | in[pos++];
    }
    double v = 0;
    std::memcpy(&v, &bits, sizeof(v));
    return v;
}

/**
 * @brief Check size and type of a received buffer.
 * @param [in] bytes the buffer
 * @param [in] size expected size
 * @param [in] type expected type
 * @param [in] what message name
 */
void
CheckBuffer(const std::vector<uint8_t>& bytes, size_t size, uint8_t type, const char* what)
{
    if (bytes.size() != size)
    {
        std::ostringstream oss;
        oss << what << "::Deserialize: size = " << bytes.size() << ": expected " << size;
        throw std::invalid_argument(oss.str());
    }
    if (bytes[0] != type)
    {
        std::ostringstream oss;
        oss << what << "::Deserialize: type = " << static_cast<int>(bytes[0]) << ": expected "
            << static_cast<int>(type);
        throw std::invalid_argument(oss.str());
    }
}

/**
 * @brief Index of @p id in @p ids.
 * @param [in] ids the list
 * @param [in] id the id
 * @return the index, or ids.size() if absent
 */
size_t
IndexOf(const std::vector<uint32_t>& ids, uint32_t id)
{
    return static_cast<size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

} // namespace

std::vector<uint8_t>
DtoEeUpdateMessage::Serialize() const
{
    std::vector<uint8_t> out;
    out.reserve(DTO_EE_UPDATE_BYTES);
    out.push_back(TYPE_UPDATE);
    PutU32(out, round);
    PutU32(out, from);
    PutU32(out, to);
    PutF64(out, rate);
    return out;
}

DtoEeUpdateMessage
DtoEeUpdateMessage::Deserialize(const std::vector<uint8_t>& bytes)
{
    CheckBuffer(bytes, DTO_EE_UPDATE_BYTES, TYPE_UPDATE, "DtoEeUpdateMessage");
    size_t pos = 1;
    DtoEeUpdateMessage m;
    m.round = GetU32(bytes, pos);
    m.from = GetU32(bytes, pos);
    m.to = GetU32(bytes, pos);
    m.rate = GetF64(bytes, pos);
    return m;
}

std::vector<uint8_t>
DtoEeReplyMessage::Serialize() const
{
    std::vector<uint8_t> out;
    out.reserve(DTO_EE_REPLY_BYTES);
    out.push_back(TYPE_REPLY);
    PutU32(out, round);
    PutU32(out, from);
    PutU32(out, to);
    PutF64(out, marginalCost);
    PutF64(out, arrivalRate);
    PutF64(out, serviceRate);
    PutF64(out, curvature);
    PutU32(out, predecessors);
    return out;
}

DtoEeReplyMessage
DtoEeReplyMessage::Deserialize(const std::vector<uint8_t>& bytes)
{
    CheckBuffer(bytes, DTO_EE_REPLY_BYTES, TYPE_REPLY, "DtoEeReplyMessage");
    size_t pos = 1;
    DtoEeReplyMessage m;
    m.round = GetU32(bytes, pos);
    m.from = GetU32(bytes, pos);
    m.to = GetU32(bytes, pos);
    m.marginalCost = GetF64(bytes, pos);
    m.arrivalRate = GetF64(bytes, pos);
    m.serviceRate = GetF64(bytes, pos);
    m.curvature = GetF64(bytes, pos);
    m.predecessors = GetU32(bytes, pos);
    return m;
}

// ---------------------------------------------------------------------------------------------
// DtoEeAgent

DtoEeAgent::DtoEeAgent(DtoEeAgentConfig config,
                       const DtoEeAlgorithmOptions& options,
                       double rateNormalisation)
    : m_config(std::move(config))
    , m_options(options)
    , m_rateNormalisation(rateNormalisation)
    , m_threshold(0)
{
    if (m_config.successors.size() != m_config.linkDelayS.size())
    {
        throw std::invalid_argument(
            "DtoEeAgentConfig: linkDelayS.size() = " + std::to_string(m_config.linkDelayS.size()) +
            ": must equal successors.size()");
    }
    if (!(m_rateNormalisation > 0.0))
    {
        std::ostringstream oss;
        oss << "DtoEeAgent: rateNormalisation = " << m_rateNormalisation << ": must be > 0";
        throw std::invalid_argument(oss.str());
    }
    SetThreshold(options.initialThreshold);
    m_split.assign(
        m_config.successors.size(),
        m_config.successors.empty() ? 0.0 : 1.0 / static_cast<double>(m_config.successors.size()));
    m_replies.resize(m_config.successors.size());
    BeginRound(0);
}

void
DtoEeAgent::BeginRound(uint32_t round)
{
    m_round = round;
    m_arrivalRate = m_config.externalRate;
    m_updateSeen.assign(m_config.predecessors.size(), false);
    m_replySeen.assign(m_config.successors.size(), false);
}

void
DtoEeAgent::ReceiveUpdate(const DtoEeUpdateMessage& message)
{
    const size_t k = IndexOf(m_config.predecessors, message.from);
    if (message.to != m_config.node || message.round != m_round ||
        k == m_config.predecessors.size() || m_updateSeen[k])
    {
        throw std::invalid_argument("DtoEeAgent " + std::to_string(m_config.node) +
                                    ": unexpected update from " + std::to_string(message.from) +
                                    " for node " + std::to_string(message.to) + " round " +
                                    std::to_string(message.round));
    }
    m_updateSeen[k] = true;
    m_arrivalRate += message.rate;
}

std::vector<DtoEeUpdateMessage>
DtoEeAgent::MakeUpdates() const
{
    std::vector<DtoEeUpdateMessage> out;
    const double cont = m_arrivalRate * (1.0 - ExitProbability());
    for (size_t k = 0; k < m_config.successors.size(); ++k)
    {
        DtoEeUpdateMessage m;
        m.round = m_round;
        m.from = m_config.node;
        m.to = m_config.successors[k];
        m.rate = cont * m_split[k];
        out.push_back(m);
    }
    return out;
}

void
DtoEeAgent::ReceiveReply(const DtoEeReplyMessage& message)
{
    const size_t k = IndexOf(m_config.successors, message.from);
    if (message.to != m_config.node || message.round != m_round ||
        k == m_config.successors.size() || m_replySeen[k])
    {
        throw std::invalid_argument("DtoEeAgent " + std::to_string(m_config.node) +
                                    ": unexpected reply from " + std::to_string(message.from) +
                                    " for node " + std::to_string(message.to) + " round " +
                                    std::to_string(message.round));
    }
    m_replySeen[k] = true;
    m_replies[k] = message;
}

std::vector<DtoEeReplyMessage>
DtoEeAgent::MakeReplies()
{
    if (std::find(m_replySeen.begin(), m_replySeen.end(), false) != m_replySeen.end())
    {
        throw std::logic_error("DtoEeAgent " + std::to_string(m_config.node) +
                               ": a successor's reply of this round is missing");
    }
    const double q = ExitProbability();
    double phi = 0;
    double kDown = 0;
    for (size_t k = 0; k < m_replies.size(); ++k)
    {
        phi += m_split[k] * (m_config.linkDelayS[k] + m_replies[k].marginalCost);
        kDown += m_split[k] * m_split[k] * m_replies[k].curvature;
    }
    const double mu = m_config.serviceRate;
    m_marginalCost = DtoEeNodeCost::Derivative(
                         m_arrivalRate, mu, m_config.rho, m_config.epsilon, m_config.serviceScv) -
                     m_config.betaS * ExitValue(m_threshold) + (1.0 - q) * phi;
    m_curvature = DtoEeNodeCost::SecondDerivative(
                      m_arrivalRate, mu, m_config.rho, m_config.epsilon, m_config.serviceScv) +
                  (1.0 - q) * (1.0 - q) * kDown;
    std::vector<DtoEeReplyMessage> out;
    for (uint32_t pred : m_config.predecessors)
    {
        DtoEeReplyMessage m;
        m.round = m_round;
        m.from = m_config.node;
        m.to = pred;
        m.marginalCost = m_marginalCost;
        m.arrivalRate = m_arrivalRate;
        m.serviceRate = mu;
        m.curvature = m_curvature;
        m.predecessors = static_cast<uint32_t>(m_config.predecessors.size());
        out.push_back(m);
    }
    return out;
}

double
DtoEeAgent::UpdateStrategy()
{
    const size_t n = m_config.successors.size();
    if (n == 0 || m_config.lastStage)
    {
        return 0.0;
    }
    if (std::find(m_replySeen.begin(), m_replySeen.end(), false) != m_replySeen.end())
    {
        throw std::logic_error("DtoEeAgent " + std::to_string(m_config.node) +
                               ": cannot update without every successor's reply");
    }
    const double q = ExitProbability();
    const double cont = m_arrivalRate * (1.0 - q);
    std::vector<double> phi(n);
    double phiMean = 0;
    double kDown = 0;
    size_t best = 0;
    for (size_t k = 0; k < n; ++k)
    {
        phi[k] = m_config.linkDelayS[k] + m_replies[k].marginalCost;
        phiMean += m_split[k] * phi[k];
        kDown += m_split[k] * m_split[k] * m_replies[k].curvature;
        if (phi[k] < phi[best])
        {
            best = k;
        }
    }
    double change = 0;

    // Threshold (from the same replies, before the fractions move).
    const bool thresholdRound =
        m_options.optimiseThresholds &&
        (m_round + 1) % std::max<uint32_t>(1, m_options.thresholdPeriod) == 0;
    double newThreshold = m_threshold;
    if (thresholdRound)
    {
        if (m_options.thresholdRule == DtoEeStepRule::GRADIENT)
        {
            const double dq = DtoEeProfile::Slope(m_config.exit.exitProfile, m_threshold);
            const double da = DtoEeProfile::Slope(m_config.exitAccuracy, m_threshold);
            const double a =
                DtoEeProfile::Value(m_config.exitAccuracy, m_threshold, m_config.exit.accuracy);
            const double grad =
                -m_arrivalRate * dq * phiMean - m_config.betaS * m_arrivalRate * (dq * a + q * da);
            newThreshold = m_threshold - m_options.thresholdStep * grad / m_rateNormalisation;
        }
        else if (m_arrivalRate > 0.0)
        {
            const double target = LocalThresholdTarget(phiMean, kDown);
            newThreshold = m_threshold + m_options.thresholdStep * (target - m_threshold);
        }
    }

    // Offloading fractions (DTO-O): mass from costlier successors to the cheapest one.
    double moved = 0;
    double bestLoadShift = 0;
    for (size_t k = 0; k < n; ++k)
    {
        if (k == best)
        {
            continue;
        }
        const double gap = phi[k] - phi[best];
        double step = 0;
        if (m_options.splitRule == DtoEeStepRule::GRADIENT)
        {
            step = m_options.splitStep * cont * gap / m_rateNormalisation;
        }
        else if (cont > 0.0)
        {
            // The receivers' other offloaders move at the same time: take a share of the
            // equalising flow.
            const double movers = std::max<uint32_t>(
                1, std::max(m_replies[k].predecessors, m_replies[best].predecessors));
            const double flow = m_options.splitStep *
                                MoveToEqualise(k, best, gap, cont * m_split[k], bestLoadShift) /
                                movers;
            bestLoadShift += flow;
            step = flow / cont;
        }
        else
        {
            step = m_split[k]; // nothing forwarded: point at the cheapest successor
        }
        step = std::min(step, m_split[k]);
        m_split[k] -= step;
        moved += step;
        change = std::max(change, step);
    }
    m_split[best] += moved;
    change = std::max(change, moved);
    const double before = m_threshold;
    SetThreshold(newThreshold);
    change = std::max(change, std::abs(m_threshold - before));
    return change;
}

double
DtoEeAgent::MoveToEqualise(size_t from, size_t to, double gap, double maxFlow, double shift) const
{
    // Predicted change of phi_to - phi_from when moving f task/s: the receivers' own
    // penalised M/M/1 marginal costs exactly (from their Lambda and mu in the replies), their
    // downstream parts to second order (kappa minus the receiver's own curvature).
    const auto& a = m_replies[from];
    const auto& b = m_replies[to];
    const double rho = m_config.rho;
    const double eps = m_config.epsilon;
    const double scv = m_config.serviceScv;
    const double downA = std::max(
        0.0,
        a.curvature - DtoEeNodeCost::SecondDerivative(a.arrivalRate, a.serviceRate, rho, eps, scv));
    const double downB = std::max(
        0.0,
        b.curvature - DtoEeNodeCost::SecondDerivative(b.arrivalRate, b.serviceRate, rho, eps, scv));
    const double baseA = DtoEeNodeCost::Derivative(a.arrivalRate, a.serviceRate, rho, eps, scv);
    auto excess = [&](double f)
    {
        const double rise =
            DtoEeNodeCost::Derivative(b.arrivalRate + shift + f, b.serviceRate, rho, eps, scv) -
            DtoEeNodeCost::Derivative(b.arrivalRate + shift, b.serviceRate, rho, eps, scv);
        const double fall =
            baseA - DtoEeNodeCost::Derivative(
                        std::max(0.0, a.arrivalRate - f), a.serviceRate, rho, eps, scv);
        return rise + fall + (downA + downB) * f - gap;
    };
    if (maxFlow <= 0.0)
    {
        return 0.0;
    }
    if (excess(maxFlow) <= 0.0)
    {
        return maxFlow;
    }
    double lo = 0.0;
    double hi = maxFlow;
    for (int it = 0; it < 60; ++it)
    {
        const double mid = 0.5 * (lo + hi);
        if (excess(mid) <= 0.0)
        {
            lo = mid;
        }
        else
        {
            hi = mid;
        }
    }
    return lo;
}

double
DtoEeAgent::LocalThresholdTarget(double phi, double kDown) const
{
    const double lam = m_arrivalRate;
    const double g0 = lam * (1.0 - ExitProbability());
    auto local = [&](double th)
    {
        const double g = lam * (1.0 - m_config.exit.ExitProbability(th));
        return -m_config.betaS * lam * ExitValue(th) + phi * g + 0.5 * kDown * (g - g0) * (g - g0);
    };
    const double lo = m_config.thresholdMin;
    const double width = (1.0 - lo) / THRESHOLD_GRID;
    double bestTh = m_threshold;
    double bestVal = local(bestTh);
    for (uint32_t k = 0; k <= THRESHOLD_GRID; ++k)
    {
        const double th = lo + width * k;
        const double v = local(th);
        if (v < bestVal)
        {
            bestVal = v;
            bestTh = th;
        }
    }
    // Golden-section refinement around the best grid point.
    double a = std::max(lo, bestTh - width);
    double b = std::min(1.0, bestTh + width);
    const double r = 0.5 * (std::sqrt(5.0) - 1.0);
    for (int it = 0; it < 40; ++it)
    {
        const double c = b - r * (b - a);
        const double d = a + r * (b - a);
        if (local(c) < local(d))
        {
            b = d;
        }
        else
        {
            a = c;
        }
    }
    const double mid = 0.5 * (a + b);
    return local(mid) < bestVal ? mid : bestTh;
}

void
DtoEeAgent::SetServiceRate(double mu)
{
    if (!(mu > 0.0) || !std::isfinite(mu))
    {
        std::ostringstream oss;
        oss << "DtoEeAgent " << m_config.node << ": serviceRate = " << mu << ": must be > 0";
        throw std::invalid_argument(oss.str());
    }
    m_config.serviceRate = mu;
}

void
DtoEeAgent::SetExternalRate(double rate)
{
    if (!(rate >= 0.0) || !std::isfinite(rate))
    {
        std::ostringstream oss;
        oss << "DtoEeAgent " << m_config.node << ": externalRate = " << rate << ": must be >= 0";
        throw std::invalid_argument(oss.str());
    }
    m_config.externalRate = rate;
}

uint32_t
DtoEeAgent::GetNode() const
{
    return m_config.node;
}

double
DtoEeAgent::GetThreshold() const
{
    return m_threshold;
}

void
DtoEeAgent::SetThreshold(double threshold)
{
    m_threshold =
        m_config.lastStage ? 0.0 : std::min(1.0, std::max(m_config.thresholdMin, threshold));
}

const std::vector<double>&
DtoEeAgent::GetSplit() const
{
    return m_split;
}

void
DtoEeAgent::SetSplit(const std::vector<double>& split)
{
    if (split.size() != m_split.size())
    {
        throw std::invalid_argument("DtoEeAgent " + std::to_string(m_config.node) +
                                    ": split.size() = " + std::to_string(split.size()) +
                                    ": expected " + std::to_string(m_split.size()));
    }
    m_split = split;
}

double
DtoEeAgent::GetArrivalRate() const
{
    return m_arrivalRate;
}

double
DtoEeAgent::GetMarginalCost() const
{
    return m_marginalCost;
}

double
DtoEeAgent::ExitProbability() const
{
    return m_config.lastStage ? 1.0 : m_config.exit.ExitProbability(m_threshold);
}

double
DtoEeAgent::ExitValue(double threshold) const
{
    if (m_config.lastStage)
    {
        return DtoEeProfile::Value(m_config.exitAccuracy, 0.0, m_config.exit.accuracy);
    }
    return m_config.exit.ExitProbability(threshold) *
           DtoEeProfile::Value(m_config.exitAccuracy, threshold, m_config.exit.accuracy);
}

// ---------------------------------------------------------------------------------------------
// DtoEeDistributed

DtoEeDistributed::DtoEeDistributed(const DtoEeModel& model, DtoEeAlgorithmOptions options)
    : m_model(&model)
    , m_options(options)
{
    auto fail = [](const char* field, double value, const char* what)
    {
        std::ostringstream oss;
        oss << "DtoEeAlgorithmOptions: " << field << " = " << value << ": " << what;
        throw std::invalid_argument(oss.str());
    };
    if (!(options.initialThreshold >= 0.0 && options.initialThreshold <= 1.0))
    {
        fail("initialThreshold", options.initialThreshold, "must be in [0, 1]");
    }
    if (!(options.splitStep > 0.0) || !std::isfinite(options.splitStep))
    {
        fail("splitStep", options.splitStep, "must be finite and > 0");
    }
    if (!(options.thresholdStep > 0.0) || !std::isfinite(options.thresholdStep))
    {
        fail("thresholdStep", options.thresholdStep, "must be finite and > 0");
    }
    if (!(options.rateNormalisation >= 0.0) || !std::isfinite(options.rateNormalisation))
    {
        fail("rateNormalisation", options.rateNormalisation, "must be finite and >= 0");
    }
    const auto& p = model.GetProblem();
    double norm = options.rateNormalisation;
    if (norm <= 0.0)
    {
        norm = model.GetTotalArrivalRate() > 0.0 ? model.GetTotalArrivalRate() : 1.0;
    }
    for (uint32_t i = 0; i < model.GetNNodes(); ++i)
    {
        DtoEeAgentConfig c;
        c.node = i;
        c.lastStage = model.IsLastStage(i);
        c.serviceRate = model.GetServiceRate(i);
        c.externalRate = p.nodes[i].arrivalRate;
        c.exit = p.stages[p.nodes[i].stage].exit;
        c.exitAccuracy = p.stages[p.nodes[i].stage].exitAccuracy;
        for (uint32_t l : model.GetOutLinks(i))
        {
            c.successors.push_back(p.links[l].to);
            c.linkDelayS.push_back(model.GetLinkDelay(l));
        }
        for (uint32_t l : model.GetInLinks(i))
        {
            c.predecessors.push_back(p.links[l].from);
        }
        c.betaS = p.betaS;
        c.rho = p.rho;
        c.epsilon = p.epsilon;
        c.thresholdMin = p.thresholdMin;
        c.serviceScv = p.serviceScv;
        m_agents.emplace_back(std::move(c), options, norm);
    }
}

void
DtoEeDistributed::SetStrategy(const DtoEeStrategy& strategy)
{
    m_model->CheckStrategy(strategy);
    for (uint32_t i = 0; i < m_agents.size(); ++i)
    {
        m_agents[i].SetThreshold(strategy.threshold[i]);
        std::vector<double> split;
        for (uint32_t l : m_model->GetOutLinks(i))
        {
            split.push_back(strategy.split[l]);
        }
        m_agents[i].SetSplit(split);
    }
}

DtoEeRoundRecord
DtoEeDistributed::RunRound()
{
    const uint32_t round = m_round++;
    for (auto& agent : m_agents)
    {
        agent.BeginRound(round);
    }
    // Forward: updates, stage by stage, carried as bytes.
    for (uint32_t h = 0; h + 1 < m_model->GetNStages(); ++h)
    {
        for (uint32_t i : m_model->GetStageNodes(h))
        {
            for (const auto& m : m_agents[i].MakeUpdates())
            {
                const std::vector<uint8_t> wire = m.Serialize();
                ++m_messages;
                m_bytes += wire.size();
                m_agents.at(m.to).ReceiveUpdate(DtoEeUpdateMessage::Deserialize(wire));
            }
        }
    }
    // Backward: replies, from the last stage down to stage 1.
    for (uint32_t h = m_model->GetNStages(); h-- > 0;)
    {
        for (uint32_t j : m_model->GetStageNodes(h))
        {
            for (const auto& m : m_agents[j].MakeReplies())
            {
                const std::vector<uint8_t> wire = m.Serialize();
                ++m_messages;
                m_bytes += wire.size();
                m_agents.at(m.to).ReceiveReply(DtoEeReplyMessage::Deserialize(wire));
            }
        }
    }
    DtoEeRoundRecord rec;
    rec.round = round;
    for (auto& agent : m_agents)
    {
        rec.maxChange = std::max(rec.maxChange, agent.UpdateStrategy());
    }
    const DtoEeEvaluation ev = m_model->Evaluate(GetStrategy());
    rec.objective = ev.objective;
    rec.meanDelayS = ev.meanDelayS;
    rec.meanAccuracy = ev.meanAccuracy;
    rec.messages = m_messages;
    rec.bytes = m_bytes;
    return rec;
}

DtoEeRunResult
DtoEeDistributed::Run(uint32_t maxRounds, double tolerance, uint32_t patience)
{
    DtoEeRunResult res;
    uint32_t quiet = 0;
    for (uint32_t r = 0; r < maxRounds; ++r)
    {
        res.history.push_back(RunRound());
        quiet = res.history.back().maxChange < tolerance ? quiet + 1 : 0;
        if (quiet >= std::max<uint32_t>(1, patience))
        {
            res.converged = true;
            break;
        }
    }
    res.rounds = static_cast<uint32_t>(res.history.size());
    res.messages = m_messages;
    res.bytes = m_bytes;
    res.solution.scheme = DtoEeScheme::DTO_EE;
    res.solution.strategy = GetStrategy();
    res.solution.evaluation = m_model->Evaluate(res.solution.strategy);
    res.solution.reason = res.solution.evaluation.reason;
    if (res.solution.reason != DtoEeReason::NONE &&
        res.solution.reason != DtoEeReason::NO_TRAFFIC &&
        m_model->CapacityCheck() == DtoEeReason::STAGE_OVERLOADED)
    {
        res.solution.reason = DtoEeReason::STAGE_OVERLOADED;
    }
    res.solution.iterations = res.rounds;
    return res;
}

void
DtoEeDistributed::UpdateEnvironment(const DtoEeModel& model)
{
    const auto& a = m_model->GetProblem();
    const auto& b = model.GetProblem();
    bool same = a.nodes.size() == b.nodes.size() && a.links.size() == b.links.size() &&
                a.stages.size() == b.stages.size();
    for (size_t i = 0; same && i < a.nodes.size(); ++i)
    {
        same = a.nodes[i].stage == b.nodes[i].stage;
    }
    for (size_t l = 0; same && l < a.links.size(); ++l)
    {
        same = a.links[l].from == b.links[l].from && a.links[l].to == b.links[l].to;
    }
    if (!same)
    {
        throw std::invalid_argument(
            "DtoEeDistributed::UpdateEnvironment: model = changed topology: nodes, stages and "
            "links must stay the same");
    }
    m_model = &model;
    for (uint32_t i = 0; i < m_agents.size(); ++i)
    {
        m_agents[i].SetServiceRate(model.GetServiceRate(i));
        m_agents[i].SetExternalRate(b.nodes[i].arrivalRate);
    }
}

DtoEeStrategy
DtoEeDistributed::GetStrategy() const
{
    DtoEeStrategy s;
    s.threshold.assign(m_model->GetNNodes(), 0.0);
    s.split.assign(m_model->GetNLinks(), 0.0);
    for (uint32_t i = 0; i < m_agents.size(); ++i)
    {
        s.threshold[i] = m_agents[i].GetThreshold();
        const auto& out = m_model->GetOutLinks(i);
        const auto& split = m_agents[i].GetSplit();
        for (size_t k = 0; k < out.size(); ++k)
        {
            s.split[out[k]] = split[k];
        }
    }
    return s;
}

uint64_t
DtoEeDistributed::GetMessages() const
{
    return m_messages;
}

uint64_t
DtoEeDistributed::GetBytes() const
{
    return m_bytes;
}

uint64_t
DtoEeDistributed::MessagesPerRound(const DtoEeModel& model)
{
    return 2ULL * model.GetNLinks();
}

uint64_t
DtoEeDistributed::BytesPerRound(const DtoEeModel& model)
{
    return static_cast<uint64_t>(model.GetNLinks()) * (DTO_EE_UPDATE_BYTES + DTO_EE_REPLY_BYTES);
}

} // namespace edgeinference
} // namespace ns3
