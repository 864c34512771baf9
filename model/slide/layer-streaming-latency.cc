/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "layer-streaming-latency.h"

#include "ns3/dnn-model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

namespace
{

void
CheckSizes(const std::vector<double>& a, const std::vector<double>& b, const char* who)
{
    if (a.size() != b.size())
    {
        std::ostringstream oss;
        oss << "LayerStreamingLatency::" << who << ": " << a.size() << " download times but "
            << b.size() << " compute times";
        throw std::invalid_argument(oss.str());
    }
}

} // namespace

std::vector<double>
LayerStreamingLatency::DownloadFinishTimes(const std::vector<double>& layerBits,
                                           double rateBps,
                                           double startDelay)
{
    if (!(rateBps > 0.0))
    {
        std::ostringstream oss;
        oss << "LayerStreamingLatency::DownloadFinishTimes: rateBps is " << rateBps
            << " (must be > 0)";
        throw std::invalid_argument(oss.str());
    }
    std::vector<double> d(layerBits.size());
    double cumulative = 0;
    for (size_t l = 0; l < layerBits.size(); ++l)
    {
        cumulative += layerBits[l];
        d[l] = startDelay + cumulative / rateBps;
    }
    return d;
}

std::vector<double>
LayerStreamingLatency::ComputeTimes(const DnnModel& model, double flopsPerSecond, uint32_t samples)
{
    if (!(flopsPerSecond > 0.0))
    {
        std::ostringstream oss;
        oss << "LayerStreamingLatency::ComputeTimes: flopsPerSecond is " << flopsPerSecond
            << " (must be > 0)";
        throw std::invalid_argument(oss.str());
    }
    std::vector<double> tau(model.GetNLayers());
    for (uint32_t l = 0; l < model.GetNLayers(); ++l)
    {
        tau[l] = samples * model.GetLayer(l).flops / flopsPerSecond;
    }
    return tau;
}

std::vector<double>
LayerStreamingLatency::LayerBits(const DnnModel& model)
{
    std::vector<double> bits(model.GetNLayers());
    for (uint32_t l = 0; l < model.GetNLayers(); ++l)
    {
        bits[l] = 8.0 * static_cast<double>(model.GetLayerBytes(l));
    }
    return bits;
}

LayerTimeline
LayerStreamingLatency::Streaming(const std::vector<double>& downloadFinish,
                                 const std::vector<double>& computeTimes)
{
    CheckSizes(downloadFinish, computeTimes, "Streaming");
    LayerTimeline t;
    t.downloadFinish = downloadFinish;
    t.computeStart.resize(downloadFinish.size());
    t.computeFinish.resize(downloadFinish.size());
    double previous = 0;
    for (size_t l = 0; l < downloadFinish.size(); ++l)
    {
        t.computeStart[l] = std::max(downloadFinish[l], previous);
        t.computeFinish[l] = t.computeStart[l] + computeTimes[l];
        previous = t.computeFinish[l];
    }
    t.latency = previous;
    return t;
}

LayerTimeline
LayerStreamingLatency::DownloadThenInfer(const std::vector<double>& downloadFinish,
                                         const std::vector<double>& computeTimes)
{
    CheckSizes(downloadFinish, computeTimes, "DownloadThenInfer");
    LayerTimeline t;
    t.downloadFinish = downloadFinish;
    t.computeStart.resize(downloadFinish.size());
    t.computeFinish.resize(downloadFinish.size());
    double previous = downloadFinish.empty() ? 0.0 : downloadFinish.back();
    for (size_t l = 0; l < downloadFinish.size(); ++l)
    {
        t.computeStart[l] = previous;
        t.computeFinish[l] = previous + computeTimes[l];
        previous = t.computeFinish[l];
    }
    t.latency = downloadFinish.empty() ? 0.0 : previous;
    return t;
}

double
LayerStreamingLatency::StreamingClosedForm(const std::vector<double>& downloadFinish,
                                           const std::vector<double>& computeTimes,
                                           uint32_t* argmax)
{
    CheckSizes(downloadFinish, computeTimes, "StreamingClosedForm");
    double best = -std::numeric_limits<double>::infinity();
    uint32_t bestL = 0;
    double suffix = 0;
    // Scan backwards so the suffix sum of tau is O(1); a strict ">" keeps, among equal
    // terms, the largest l: the last layer whose download the computation waits for.
    for (size_t i = downloadFinish.size(); i-- > 0;)
    {
        suffix += computeTimes[i];
        const double term = downloadFinish[i] + suffix;
        if (term > best)
        {
            best = term;
            bestL = static_cast<uint32_t>(i);
        }
    }
    if (downloadFinish.empty())
    {
        best = 0;
    }
    if (argmax != nullptr)
    {
        *argmax = bestL;
    }
    return best;
}

double
LayerStreamingLatency::MinRateStreaming(const std::vector<double>& layerBits,
                                        const std::vector<double>& computeTimes,
                                        double deadline)
{
    CheckSizes(layerBits, computeTimes, "MinRateStreaming");
    double total = 0;
    for (double tau : computeTimes)
    {
        total += tau;
    }
    if (!(deadline > total))
    {
        return std::numeric_limits<double>::infinity();
    }
    double rate = 0;
    double cumulativeBits = 0;
    double suffix = total; // sum_{j >= l} tau_j
    for (size_t l = 0; l < layerBits.size(); ++l)
    {
        cumulativeBits += layerBits[l];
        rate = std::max(rate, cumulativeBits / (deadline - suffix));
        suffix -= computeTimes[l];
    }
    return rate;
}

double
LayerStreamingLatency::MinRateDownloadThenInfer(const std::vector<double>& layerBits,
                                                const std::vector<double>& computeTimes,
                                                double deadline)
{
    CheckSizes(layerBits, computeTimes, "MinRateDownloadThenInfer");
    double total = 0;
    double bits = 0;
    for (size_t l = 0; l < layerBits.size(); ++l)
    {
        total += computeTimes[l];
        bits += layerBits[l];
    }
    if (!(deadline > total))
    {
        return std::numeric_limits<double>::infinity();
    }
    return bits / (deadline - total);
}

} // namespace edgeinference
} // namespace ns3
