/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "streaming-exit-model.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

StreamingExitModel::StreamingExitModel()
    : m_nLayers(0)
{
}

StreamingExitModel::StreamingExitModel(const DnnModel& model,
                                       const std::vector<double>& accuracies,
                                       double finalAccuracy)
    : m_nLayers(model.GetNLayers())
    , m_branches(model.GetExits())
{
    if (m_nLayers == 0)
    {
        throw std::invalid_argument("StreamingExitModel: model '" + model.GetName() +
                                    "' has no layers");
    }
    for (size_t e = 0; e < m_branches.size(); ++e)
    {
        if (m_branches[e].afterLayer + 1 >= m_nLayers)
        {
            std::ostringstream oss;
            oss << "StreamingExitModel: exits[" << e
                << "].afterLayer = " << m_branches[e].afterLayer << " is the last layer of '"
                << model.GetName() << "' (the final classifier ends the model)";
            throw std::invalid_argument(oss.str());
        }
    }
    if (accuracies.empty())
    {
        for (const auto& b : m_branches)
        {
            m_accuracy.push_back(b.accuracy);
        }
        m_accuracy.push_back(finalAccuracy);
    }
    else
    {
        m_accuracy = accuracies;
    }
    if (m_accuracy.size() != m_branches.size() + 1)
    {
        std::ostringstream oss;
        oss << "StreamingExitModel: " << m_accuracy.size() << " exit accuracies for '"
            << model.GetName() << "', which has " << m_branches.size()
            << " side exits and a final classifier (" << m_branches.size() + 1 << " expected)";
        throw std::invalid_argument(oss.str());
    }
    for (size_t e = 0; e < m_accuracy.size(); ++e)
    {
        if (!(m_accuracy[e] >= 0.0 && m_accuracy[e] <= 1.0))
        {
            std::ostringstream oss;
            oss << "StreamingExitModel: accuracy[" << e << "] = " << m_accuracy[e]
                << " is outside [0, 1]";
            throw std::invalid_argument(oss.str());
        }
    }
}

uint32_t
StreamingExitModel::GetNSideExits() const
{
    return static_cast<uint32_t>(m_branches.size());
}

uint32_t
StreamingExitModel::GetNLayers() const
{
    return m_nLayers;
}

uint32_t
StreamingExitModel::GetExitLayer(uint32_t exit) const
{
    return exit < m_branches.size() ? m_branches[exit].afterLayer : m_nLayers - 1;
}

double
StreamingExitModel::GetBranchFlops(uint32_t exit) const
{
    return exit < m_branches.size() ? m_branches[exit].flops : 0.0;
}

double
StreamingExitModel::GetAccuracy(uint32_t exit) const
{
    return m_accuracy.at(exit);
}

const std::vector<EarlyExitBranch>&
StreamingExitModel::GetBranches() const
{
    return m_branches;
}

bool
StreamingExitModel::CapOfStream(uint32_t nLayers, uint32_t& cap) const
{
    if (nLayers == m_nLayers)
    {
        cap = GetNSideExits();
        return true;
    }
    for (uint32_t e = 0; e < m_branches.size(); ++e)
    {
        if (m_branches[e].afterLayer + 1 == nLayers)
        {
            cap = e;
            return true;
        }
    }
    return false;
}

std::vector<double>
StreamingExitModel::ExitDistribution(double threshold, uint32_t cap) const
{
    const uint32_t nExits = GetNSideExits() + 1;
    cap = std::min(cap, nExits - 1);
    std::vector<double> pi(nExits, 0.0);
    double reach = 1.0;
    for (uint32_t e = 0; e < cap; ++e)
    {
        const double q = m_branches[e].ExitProbability(threshold);
        pi[e] = reach * q;
        reach *= 1.0 - q;
    }
    pi[cap] = reach;
    return pi;
}

std::vector<double>
StreamingExitModel::DeepestExitDistribution(double threshold, uint32_t cap, uint32_t samples) const
{
    const std::vector<double> pi = ExitDistribution(threshold, cap);
    std::vector<double> deepest(pi.size(), 0.0);
    double cumulative = 0.0;
    double previous = 0.0;
    for (size_t e = 0; e < pi.size(); ++e)
    {
        cumulative += pi[e];
        const double atMost =
            e + 1 == pi.size() ? 1.0
                               : std::pow(std::min(1.0, cumulative), static_cast<double>(samples));
        deepest[e] = std::max(0.0, atMost - previous);
        previous = atMost;
    }
    return deepest;
}

double
StreamingExitModel::ExpectedAccuracy(double threshold, uint32_t cap) const
{
    const std::vector<double> pi = ExitDistribution(threshold, cap);
    double a = 0.0;
    for (size_t e = 0; e < pi.size(); ++e)
    {
        a += pi[e] * m_accuracy[e];
    }
    return a;
}

double
StreamingExitModel::ExpectedExit(double threshold, uint32_t cap) const
{
    const std::vector<double> pi = ExitDistribution(threshold, cap);
    double d = 0.0;
    for (size_t e = 0; e < pi.size(); ++e)
    {
        d += pi[e] * static_cast<double>(e);
    }
    return d;
}

double
StreamingExitModel::ExpectedPrefixSum(const std::vector<double>& perLayer,
                                      double threshold,
                                      uint32_t cap,
                                      uint32_t samples) const
{
    if (perLayer.size() != m_nLayers)
    {
        std::ostringstream oss;
        oss << "StreamingExitModel::ExpectedPrefixSum: perLayer has " << perLayer.size()
            << " entries, the model " << m_nLayers << " layers";
        throw std::invalid_argument(oss.str());
    }
    const std::vector<double> deepest = DeepestExitDistribution(threshold, cap, samples);
    double sum = 0.0;
    for (uint32_t e = 0; e < deepest.size(); ++e)
    {
        double prefix = 0.0;
        for (uint32_t l = 0; l <= GetExitLayer(e); ++l)
        {
            prefix += perLayer[l];
        }
        sum += deepest[e] * prefix;
    }
    return sum;
}

uint32_t
StreamingExitModel::CertainExit(double threshold, uint32_t cap) const
{
    cap = std::min(cap, GetNSideExits());
    for (uint32_t e = 0; e < cap; ++e)
    {
        if (m_branches[e].ExitProbability(threshold) >= 1.0)
        {
            return e;
        }
    }
    return cap;
}

double
StreamingExitModel::Confidence(uint32_t exit, double u) const
{
    const EarlyExitBranch& b = m_branches.at(exit);
    if (b.ExitProbability(1.0) > u)
    {
        return 1.0;
    }
    if (b.ExitProbability(0.0) <= u)
    {
        return 0.0;
    }
    double lo = 0.0;
    double hi = 1.0;
    for (int it = 0; it < 60; ++it)
    {
        const double mid = 0.5 * (lo + hi);
        (b.ExitProbability(mid) > u ? lo : hi) = mid;
    }
    return lo;
}

DnnModel
StreamingExitModel::Prefix(const DnnModel& model, uint32_t exit)
{
    const auto& exits = model.GetExits();
    if (exit >= exits.size())
    {
        std::ostringstream oss;
        oss << "StreamingExitModel::Prefix: exit " << exit << " is not a side exit of '"
            << model.GetName() << "' (" << exits.size() << " side exits)";
        throw std::invalid_argument(oss.str());
    }
    DnnModel prefix(model.GetName() + "@exit" + std::to_string(exit), model.GetBytesPerParameter());
    prefix.SetInputBytes(model.GetInputBytes());
    for (uint32_t l = 0; l <= exits[exit].afterLayer; ++l)
    {
        prefix.AddLayer(model.GetLayer(l));
    }
    for (uint32_t e = 0; e <= exit; ++e)
    {
        prefix.AddExit(exits[e]);
    }
    return prefix;
}

double
StreamingExitModel::UpdateThreshold(double threshold,
                                    uint32_t cap,
                                    const std::vector<double>& exitLatencyS,
                                    double betaS,
                                    double step,
                                    double minThreshold,
                                    double maxThreshold) const
{
    if (exitLatencyS.size() != GetNSideExits() + 1)
    {
        throw std::invalid_argument("StreamingExitModel::UpdateThreshold: exitLatencyS needs " +
                                    std::to_string(GetNSideExits() + 1) + " entries");
    }
    auto cost = [&](double th)
    {
        const std::vector<double> pi = ExitDistribution(th, cap);
        double j = 0.0;
        for (size_t e = 0; e < pi.size(); ++e)
        {
            j += pi[e] * (exitLatencyS[e] - betaS * m_accuracy[e]);
        }
        return j;
    };
    const double h = 1e-3;
    const double lo = std::max(0.0, threshold - h);
    const double hi = std::min(1.0, threshold + h);
    const double grad = hi > lo ? (cost(hi) - cost(lo)) / (hi - lo) : 0.0;
    return std::min(maxThreshold, std::max(minThreshold, threshold - step * grad));
}

} // namespace edgeinference
} // namespace ns3
