/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "gpu-memory-model.h"

#include "dnn-model.h"
#include "validation.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace ns3
{
namespace edgeinference
{

namespace
{

/**
 * @brief Check a loading bandwidth.
 * @param [in] value bandwidth, bytes/s
 * @param [in] who method name for the message
 */
void
CheckBandwidth(double value, const char* who)
{
    RequirePositive(std::string("GpuMemoryModel::") + who, "loadBandwidthBps", value);
}

/**
 * @brief Check a load overhead.
 * @param [in] value overhead, s
 * @param [in] who method name for the message
 */
void
CheckOverhead(double value, const char* who)
{
    RequireFiniteNonNegative(std::string("GpuMemoryModel::") + who, "loadOverheadS", value);
}

/**
 * @param [in] model a DNN
 * @return the set of its block ids
 */
std::set<std::string>
BlockIds(const DnnModel& model)
{
    std::set<std::string> ids;
    for (const auto& b : model.GetBlocks())
    {
        ids.insert(b.id);
    }
    return ids;
}

} // namespace

GpuMemoryModel::GpuMemoryModel(uint64_t capacityBytes,
                               double loadBandwidthBps,
                               double loadOverheadS,
                               EvictionPolicy policy)
    : m_capacityBytes(0)
    , m_loadBandwidthBps(1.0)
    , m_loadOverheadS(0.0)
    , m_policy(policy)
{
    SetCapacity(capacityBytes);
    SetLoadBandwidth(loadBandwidthBps);
    SetLoadOverhead(loadOverheadS);
}

uint64_t
GpuMemoryModel::GetCapacity() const
{
    return m_capacityBytes;
}

void
GpuMemoryModel::SetCapacity(uint64_t capacityBytes)
{
    if (capacityBytes == 0 || capacityBytes < m_usedBytes)
    {
        std::ostringstream oss;
        oss << "GpuMemoryModel::SetCapacity: capacityBytes is " << capacityBytes
            << " (must be > 0 and >= the " << m_usedBytes << " bytes in use)";
        throw std::invalid_argument(oss.str());
    }
    m_capacityBytes = capacityBytes;
}

double
GpuMemoryModel::GetLoadBandwidth() const
{
    return m_loadBandwidthBps;
}

void
GpuMemoryModel::SetLoadBandwidth(double loadBandwidthBps)
{
    CheckBandwidth(loadBandwidthBps, "SetLoadBandwidth");
    m_loadBandwidthBps = loadBandwidthBps;
}

double
GpuMemoryModel::GetLoadOverhead() const
{
    return m_loadOverheadS;
}

void
GpuMemoryModel::SetLoadOverhead(double loadOverheadS)
{
    CheckOverhead(loadOverheadS, "SetLoadOverhead");
    m_loadOverheadS = loadOverheadS;
}

GpuMemoryModel::EvictionPolicy
GpuMemoryModel::GetEvictionPolicy() const
{
    return m_policy;
}

void
GpuMemoryModel::SetEvictionPolicy(EvictionPolicy policy)
{
    m_policy = policy;
}

std::vector<std::string>
GpuMemoryModel::GetMissingBlocks(const DnnModel& model) const
{
    std::vector<std::string> missing;
    for (const auto& b : model.GetBlocks())
    {
        if (m_resident.find(b.id) == m_resident.end())
        {
            missing.push_back(b.id);
        }
    }
    return missing;
}

uint64_t
GpuMemoryModel::GetMissingBytes(const DnnModel& model) const
{
    uint64_t bytes = 0;
    for (const auto& b : model.GetBlocks())
    {
        if (m_resident.find(b.id) == m_resident.end())
        {
            bytes += b.bytes;
        }
    }
    return bytes;
}

double
GpuMemoryModel::LoadTime(const DnnModel& model) const
{
    if (GetMissingBlocks(model).empty())
    {
        return 0.0;
    }
    return static_cast<double>(GetMissingBytes(model)) / m_loadBandwidthBps + m_loadOverheadS;
}

GpuLoadResult
GpuMemoryModel::Load(const DnnModel& model, double now)
{
    if (std::isnan(now))
    {
        throw std::invalid_argument("GpuMemoryModel::Load: now is NaN");
    }
    const uint64_t modelBytes = model.GetTotalBytes();
    if (modelBytes > m_capacityBytes)
    {
        std::ostringstream oss;
        oss << "GpuMemoryModel::Load: model '" << model.GetName() << "' needs " << modelBytes
            << " bytes but the GPU capacity is " << m_capacityBytes << " bytes";
        throw std::invalid_argument(oss.str());
    }

    // 1. Check shared blocks for size consistency; collect what is missing.
    GpuLoadResult result;
    for (const auto& b : model.GetBlocks())
    {
        auto it = m_resident.find(b.id);
        if (it == m_resident.end())
        {
            result.loadedBlocks.push_back(b.id);
            result.loadedBytes += b.bytes;
        }
        else if (it->second.bytes != b.bytes)
        {
            std::ostringstream oss;
            oss << "GpuMemoryModel::Load: block '" << b.id << "' of model '" << model.GetName()
                << "' has " << b.bytes << " bytes but the resident block with this id has "
                << it->second.bytes << " bytes";
            throw ModelFormatError(oss.str());
        }
    }

    // 2. Plan the evictions (no state change yet).
    const std::set<std::string> needed = BlockIds(model);
    using Candidate = std::tuple<double, uint64_t, std::string, uint64_t>;
    std::vector<Candidate> candidates; // (lastUse, useOrder, id, bytes) of evictable blocks
    uint64_t pinnedOtherBytes = 0;
    for (const auto& [id, r] : m_resident)
    {
        if (needed.count(id) != 0)
        {
            continue;
        }
        if (r.isPinned)
        {
            pinnedOtherBytes += r.bytes;
        }
        else
        {
            candidates.emplace_back(r.lastUse, r.useOrder, id, r.bytes);
        }
    }
    std::sort(candidates.begin(), candidates.end());

    uint64_t used = m_usedBytes;
    for (const auto& [lastUse, order, id, bytes] : candidates)
    {
        const bool fits = used + result.loadedBytes <= m_capacityBytes;
        if (m_policy == EvictionPolicy::LRU && fits)
        {
            break;
        }
        result.evicted.push_back(id);
        used -= bytes;
    }
    if (used + result.loadedBytes > m_capacityBytes)
    {
        std::ostringstream oss;
        oss << "GpuMemoryModel::Load: model '" << model.GetName() << "' (" << modelBytes
            << " bytes, " << result.loadedBytes << " missing) does not fit: pinned blocks of "
            << "other models hold " << pinnedOtherBytes << " bytes of the " << m_capacityBytes
            << "-byte GPU";
        throw std::invalid_argument(oss.str());
    }

    // 3. Commit.
    for (const auto& id : result.evicted)
    {
        m_usedBytes -= m_resident[id].bytes;
        m_resident.erase(id);
    }
    for (const auto& b : model.GetBlocks())
    {
        auto [it, inserted] = m_resident.try_emplace(b.id);
        if (inserted)
        {
            it->second.bytes = b.bytes;
            m_usedBytes += b.bytes;
        }
        Stamp(it->second, now);
    }
    if (!result.loadedBlocks.empty())
    {
        result.loadTime =
            static_cast<double>(result.loadedBytes) / m_loadBandwidthBps + m_loadOverheadS;
    }
    return result;
}

void
GpuMemoryModel::Touch(const DnnModel& model, double now)
{
    for (const auto& b : model.GetBlocks())
    {
        auto it = m_resident.find(b.id);
        if (it != m_resident.end())
        {
            Stamp(it->second, now);
        }
    }
}

void
GpuMemoryModel::Stamp(Resident& block, double now)
{
    block.lastUse = now;
    block.useOrder = ++m_useCounter;
}

void
GpuMemoryModel::Pin(const std::string& blockId)
{
    auto it = m_resident.find(blockId);
    if (it == m_resident.end())
    {
        throw std::invalid_argument("GpuMemoryModel::Pin: block '" + blockId + "' is not resident");
    }
    it->second.isPinned = true;
}

void
GpuMemoryModel::Unpin(const std::string& blockId)
{
    auto it = m_resident.find(blockId);
    if (it != m_resident.end())
    {
        it->second.isPinned = false;
    }
}

bool
GpuMemoryModel::IsPinned(const std::string& blockId) const
{
    auto it = m_resident.find(blockId);
    return it != m_resident.end() && it->second.isPinned;
}

bool
GpuMemoryModel::IsResident(const std::string& blockId) const
{
    return m_resident.find(blockId) != m_resident.end();
}

bool
GpuMemoryModel::IsLoaded(const DnnModel& model) const
{
    return GetMissingBlocks(model).empty();
}

uint64_t
GpuMemoryModel::GetUsedBytes() const
{
    return m_usedBytes;
}

uint64_t
GpuMemoryModel::GetFreeBytes() const
{
    return m_capacityBytes - m_usedBytes;
}

std::vector<std::string>
GpuMemoryModel::GetResidentBlocks() const
{
    std::vector<std::string> ids;
    ids.reserve(m_resident.size());
    for (const auto& entry : m_resident)
    {
        ids.push_back(entry.first);
    }
    return ids;
}

void
GpuMemoryModel::Clear()
{
    m_resident.clear();
    m_usedBytes = 0;
}

double
GpuMemoryModel::SwitchTime(const DnnModel& from,
                           const DnnModel& to,
                           double loadBandwidthBps,
                           double loadOverheadS)
{
    CheckBandwidth(loadBandwidthBps, "SwitchTime");
    CheckOverhead(loadOverheadS, "SwitchTime");
    const std::set<std::string> resident = BlockIds(from);
    uint64_t bytes = 0;
    bool anyMissing = false;
    for (const auto& b : to.GetBlocks())
    {
        if (resident.count(b.id) == 0)
        {
            bytes += b.bytes;
            anyMissing = true;
        }
    }
    if (!anyMissing)
    {
        return 0.0;
    }
    return static_cast<double>(bytes) / loadBandwidthBps + loadOverheadS;
}

double
GpuMemoryModel::NoSharingSwitchTime(const DnnModel& from,
                                    const DnnModel& to,
                                    double loadBandwidthBps,
                                    double loadOverheadS)
{
    CheckBandwidth(loadBandwidthBps, "NoSharingSwitchTime");
    CheckOverhead(loadOverheadS, "NoSharingSwitchTime");
    bool same = from.GetName() == to.GetName() && from.GetBlocks().size() == to.GetBlocks().size();
    for (size_t i = 0; same && i < to.GetBlocks().size(); ++i)
    {
        same = from.GetBlocks()[i].id == to.GetBlocks()[i].id;
    }
    if (same || to.GetBlocks().empty())
    {
        return 0.0;
    }
    return static_cast<double>(to.GetTotalBytes()) / loadBandwidthBps + loadOverheadS;
}

} // namespace edgeinference
} // namespace ns3
