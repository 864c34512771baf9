/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batch-latency-model.h"

#include "dnn-model.h"
#include "validation.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ns3
{
namespace edgeinference
{

namespace
{

/**
 * @brief Throw std::invalid_argument with the class name as prefix.
 * @param [in] message the rest of the message
 */
[[noreturn]] void
Fail(const std::string& message)
{
    throw std::invalid_argument("BatchLatencyModel: " + message);
}

/**
 * @brief Check a non-negative finite parameter.
 * @param [in] value the value
 * @param [in] what description of the field, e.g. "fixed cost c_l of block 2"
 */
void
CheckNonNegative(double value, const std::string& what)
{
    RequireFiniteNonNegative("BatchLatencyModel", what, value);
}
} // namespace

BatchLatencyModel
BatchLatencyModel::Affine(const std::vector<double>& fixedCostS,
                          const std::vector<double>& perTaskCostS)
{
    if (fixedCostS.size() != perTaskCostS.size())
    {
        std::ostringstream oss;
        oss << "Affine: " << fixedCostS.size() << " fixed costs c_l but " << perTaskCostS.size()
            << " per-task costs a_l";
        Fail(oss.str());
    }
    BatchLatencyModel model;
    for (size_t l = 0; l < fixedCostS.size(); ++l)
    {
        model.AddAffineBlock(fixedCostS[l], perTaskCostS[l]);
    }
    return model;
}

BatchLatencyModel
BatchLatencyModel::FromTable(const std::vector<std::vector<std::pair<uint32_t, double>>>& tables)
{
    BatchLatencyModel model;
    for (const auto& table : tables)
    {
        model.AddTableBlock(table);
    }
    return model;
}

BatchLatencyModel
BatchLatencyModel::FromDnnModel(const DnnModel& model,
                                double gpuFlopsPerSecond,
                                double perBlockOverheadS,
                                double memoryBandwidthBps,
                                Segmentation segmentation)
{
    if (!(gpuFlopsPerSecond > 0.0) || !std::isfinite(gpuFlopsPerSecond))
    {
        std::ostringstream oss;
        oss << "FromDnnModel: gpuFlopsPerSecond is " << gpuFlopsPerSecond
            << " (must be finite and > 0)";
        Fail(oss.str());
    }
    CheckNonNegative(perBlockOverheadS, "FromDnnModel: perBlockOverheadS");
    if (!(memoryBandwidthBps > 0.0))
    {
        std::ostringstream oss;
        oss << "FromDnnModel: memoryBandwidthBps is " << memoryBandwidthBps << " (must be > 0)";
        Fail(oss.str());
    }
    if (model.GetNLayers() == 0)
    {
        Fail("FromDnnModel: model '" + model.GetName() + "' has no layers");
    }

    // Accumulate (bytes, flops) per block, then convert.
    std::vector<std::pair<double, double>> blocks;
    auto layerRange = [&model](uint32_t first, uint32_t last)
    {
        double bytes = 0;
        for (uint32_t i = first; i <= last; ++i)
        {
            bytes += static_cast<double>(model.GetLayerBytes(i));
        }
        return std::make_pair(bytes, model.GetFlops(first, last));
    };

    if (segmentation == Segmentation::PARAMETER_BLOCKS)
    {
        for (const auto& pb : model.GetBlocks())
        {
            blocks.push_back(
                {static_cast<double>(pb.bytes), model.GetFlops(pb.firstLayer, pb.lastLayer)});
        }
    }
    else
    {
        uint32_t next = 0; // first backbone layer not yet assigned to a block
        for (const auto& exit : model.GetExits())
        {
            std::pair<double, double> block{0.0, 0.0};
            if (exit.afterLayer >= next)
            {
                block = layerRange(next, exit.afterLayer);
                next = exit.afterLayer + 1;
            }
            block.first += static_cast<double>(exit.parameters) * model.GetBytesPerParameter();
            block.second += exit.flops;
            blocks.push_back(block);
        }
        if (next < model.GetNLayers())
        {
            blocks.push_back(layerRange(next, model.GetNLayers() - 1));
        }
    }

    BatchLatencyModel result;
    for (const auto& [bytes, flops] : blocks)
    {
        result.AddAffineBlock(perBlockOverheadS + bytes / memoryBandwidthBps,
                              flops / gpuFlopsPerSecond);
    }
    return result;
}

std::vector<uint32_t>
BatchLatencyModel::BatchSizesFromExitCounts(const std::vector<uint32_t>& exitCounts)
{
    std::vector<uint32_t> sizes(exitCounts.size(), 0);
    uint64_t sum = 0;
    for (size_t l = exitCounts.size(); l-- > 0;)
    {
        sum += exitCounts[l];
        sizes[l] = static_cast<uint32_t>(sum);
    }
    return sizes;
}

void
BatchLatencyModel::AddAffineBlock(double fixedCostS, double perTaskCostS)
{
    const std::string index = std::to_string(m_blocks.size());
    CheckNonNegative(fixedCostS, "fixed cost c_l of block " + index);
    CheckNonNegative(perTaskCostS, "per-task cost a_l of block " + index);
    Block block;
    block.isAffine = true;
    block.fixedCost = fixedCostS;
    block.perTaskCost = perTaskCostS;
    m_blocks.push_back(block);
}

void
BatchLatencyModel::AddTableBlock(std::vector<std::pair<uint32_t, double>> points)
{
    const std::string index = std::to_string(m_blocks.size());
    if (points.empty())
    {
        Fail("table of block " + index + " is empty");
    }
    std::sort(points.begin(), points.end());
    for (size_t i = 0; i < points.size(); ++i)
    {
        const auto& [b, t] = points[i];
        if (b == 0)
        {
            Fail("table of block " + index + " has batch size 0 (sizes must be >= 1)");
        }
        std::ostringstream what;
        what << "table time of block " << index << " at batch size " << b;
        CheckNonNegative(t, what.str());
        if (i > 0 && points[i - 1].first == b)
        {
            std::ostringstream oss;
            oss << "table of block " << index << " lists batch size " << b << " twice";
            Fail(oss.str());
        }
        if (i > 0 && t < points[i - 1].second)
        {
            std::ostringstream oss;
            oss << "table of block " << index << " decreases: " << t << " s at batch size " << b
                << " < " << points[i - 1].second << " s at batch size " << points[i - 1].first
                << " (times must be non-decreasing in the batch size)";
            Fail(oss.str());
        }
    }
    Block block;
    block.isAffine = false;
    block.points = std::move(points);
    m_blocks.push_back(std::move(block));
}

uint32_t
BatchLatencyModel::GetNBlocks() const
{
    return static_cast<uint32_t>(m_blocks.size());
}

const BatchLatencyModel::Block&
BatchLatencyModel::GetBlock(uint32_t block, const char* who) const
{
    if (block >= m_blocks.size())
    {
        std::ostringstream oss;
        oss << who << ": block index " << block << " is out of range (the model has "
            << m_blocks.size() << " blocks)";
        Fail(oss.str());
    }
    return m_blocks[block];
}

bool
BatchLatencyModel::IsAffine(uint32_t block) const
{
    return GetBlock(block, "IsAffine").isAffine;
}

double
BatchLatencyModel::GetFixedCost(uint32_t block) const
{
    const Block& b = GetBlock(block, "GetFixedCost");
    if (!b.isAffine)
    {
        Fail("GetFixedCost: block " + std::to_string(block) + " is a table, not affine");
    }
    return b.fixedCost;
}

double
BatchLatencyModel::GetPerTaskCost(uint32_t block) const
{
    const Block& b = GetBlock(block, "GetPerTaskCost");
    if (!b.isAffine)
    {
        Fail("GetPerTaskCost: block " + std::to_string(block) + " is a table, not affine");
    }
    return b.perTaskCost;
}

double
BatchLatencyModel::GetLatency(uint32_t block, uint32_t batchSize) const
{
    const Block& b = GetBlock(block, "GetLatency");
    if (batchSize == 0)
    {
        return 0.0;
    }
    if (b.isAffine)
    {
        return b.fixedCost + b.perTaskCost * batchSize;
    }
    const auto& pts = b.points;
    if (pts.size() == 1)
    {
        return pts.front().second;
    }
    // segment [i, i+1] used for interpolation / extrapolation
    size_t i = 0;
    if (batchSize >= pts.back().first)
    {
        i = pts.size() - 2;
    }
    else if (batchSize > pts.front().first)
    {
        auto it = std::upper_bound(pts.begin(),
                                   pts.end(),
                                   batchSize,
                                   [](uint32_t v, const std::pair<uint32_t, double>& p)
                                   { return v < p.first; });
        i = static_cast<size_t>(it - pts.begin()) - 1;
    }
    const double b0 = pts[i].first;
    const double t0 = pts[i].second;
    const double b1 = pts[i + 1].first;
    const double t1 = pts[i + 1].second;
    const double t = t0 + (t1 - t0) * (static_cast<double>(batchSize) - b0) / (b1 - b0);
    return std::max(0.0, t);
}

std::vector<double>
BatchLatencyModel::GetCumulativeLatency(const std::vector<uint32_t>& batchSizes) const
{
    if (batchSizes.size() != m_blocks.size())
    {
        std::ostringstream oss;
        oss << "GetCumulativeLatency: " << batchSizes.size() << " batch sizes for "
            << m_blocks.size() << " blocks (need one per block)";
        Fail(oss.str());
    }
    std::vector<double> cumulative(batchSizes.size(), 0.0);
    double sum = 0;
    for (size_t l = 0; l < batchSizes.size(); ++l)
    {
        if (l > 0 && batchSizes[l] > batchSizes[l - 1])
        {
            std::ostringstream oss;
            oss << "GetCumulativeLatency: batch size " << batchSizes[l] << " entering block " << l
                << " exceeds " << batchSizes[l - 1] << " entering block " << l - 1
                << " (tasks can only leave a batch)";
            Fail(oss.str());
        }
        sum += GetLatency(static_cast<uint32_t>(l), batchSizes[l]);
        cumulative[l] = sum;
    }
    return cumulative;
}

double
BatchLatencyModel::GetTotalLatency(const std::vector<uint32_t>& batchSizes) const
{
    const auto cumulative = GetCumulativeLatency(batchSizes);
    return cumulative.empty() ? 0.0 : cumulative.back();
}

double
BatchLatencyModel::GetFullLatency(uint32_t batchSize) const
{
    double sum = 0;
    for (uint32_t l = 0; l < GetNBlocks(); ++l)
    {
        sum += GetLatency(l, batchSize);
    }
    return sum;
}

} // namespace edgeinference
} // namespace ns3
