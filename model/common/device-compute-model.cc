/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "device-compute-model.h"

#include "validation.h"

#include <algorithm>
#include <cmath>
#include <limits>
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
 * @brief Check a workload argument.
 * @param [in] flops the workload, FLOP
 */
void
CheckFlops(double flops)
{
    if (!(flops >= 0.0) || !std::isfinite(flops))
    {
        ThrowInvalidValue("DeviceComputeModel", "flops", flops, "finite and >= 0");
    }
}

} // namespace

DeviceComputeModel::DeviceComputeModel()
    : DeviceComputeModel(DEFAULT_FLOPS_PER_CYCLE,
                         DEFAULT_MAX_FREQUENCY_HZ,
                         DEFAULT_ENERGY_COEFFICIENT,
                         DEFAULT_MIN_FREQUENCY_HZ,
                         DEFAULT_MAX_FREQUENCY_HZ)
{
}

DeviceComputeModel::DeviceComputeModel(double flopsPerCycle,
                                       double frequencyHz,
                                       double energyCoefficient,
                                       double minFrequencyHz,
                                       double maxFrequencyHz)
    : m_flopsPerCycle(DEFAULT_FLOPS_PER_CYCLE)
    , m_frequencyHz(DEFAULT_MAX_FREQUENCY_HZ)
    , m_energyCoefficient(DEFAULT_ENERGY_COEFFICIENT)
    , m_minFrequencyHz(DEFAULT_MIN_FREQUENCY_HZ)
    , m_maxFrequencyHz(DEFAULT_MAX_FREQUENCY_HZ)
{
    SetFlopsPerCycle(flopsPerCycle);
    SetEnergyCoefficient(energyCoefficient);
    SetFrequencyRange(minFrequencyHz, maxFrequencyHz);
    SetFrequency(frequencyHz);
}

double
DeviceComputeModel::ComputeTime(double flops) const
{
    CheckFlops(flops);
    return flops / (m_flopsPerCycle * m_frequencyHz);
}

double
DeviceComputeModel::Energy(double flops) const
{
    CheckFlops(flops);
    return m_energyCoefficient * m_frequencyHz * m_frequencyHz * flops / m_flopsPerCycle;
}

double
DeviceComputeModel::GetPower() const
{
    return m_energyCoefficient * m_frequencyHz * m_frequencyHz * m_frequencyHz;
}

double
DeviceComputeModel::GetFlopsPerSecond() const
{
    return m_flopsPerCycle * m_frequencyHz;
}

double
DeviceComputeModel::MaxFrequencyForEnergy(double flops, double budgetJ) const
{
    CheckFlops(flops);
    if (!(budgetJ >= 0.0) || std::isnan(budgetJ))
    {
        ThrowInvalidValue("DeviceComputeModel", "budgetJ", budgetJ, ">= 0");
    }
    const double denominator = m_energyCoefficient * flops;
    if (denominator == 0.0)
    {
        return std::numeric_limits<double>::infinity();
    }
    return std::sqrt(budgetJ * m_flopsPerCycle / denominator);
}

double
DeviceComputeModel::OptimalFrequency(double flops, double budgetJ) const
{
    return std::min(m_maxFrequencyHz, MaxFrequencyForEnergy(flops, budgetJ));
}

double
DeviceComputeModel::GetFlopsPerCycle() const
{
    return m_flopsPerCycle;
}

void
DeviceComputeModel::SetFlopsPerCycle(double flopsPerCycle)
{
    if (!(flopsPerCycle > 0.0) || !std::isfinite(flopsPerCycle))
    {
        ThrowInvalidValue("DeviceComputeModel", "flopsPerCycle", flopsPerCycle, "finite and > 0");
    }
    m_flopsPerCycle = flopsPerCycle;
}

double
DeviceComputeModel::GetFrequency() const
{
    return m_frequencyHz;
}

void
DeviceComputeModel::SetFrequency(double frequencyHz)
{
    if (!(frequencyHz >= m_minFrequencyHz && frequencyHz <= m_maxFrequencyHz))
    {
        ThrowInvalidValue("DeviceComputeModel",
                          "frequencyHz",
                          frequencyHz,
                          "within [" + FormatValue(m_minFrequencyHz) + ", " +
                              FormatValue(m_maxFrequencyHz) + "] Hz");
    }
    m_frequencyHz = frequencyHz;
}

double
DeviceComputeModel::GetMinFrequency() const
{
    return m_minFrequencyHz;
}

double
DeviceComputeModel::GetMaxFrequency() const
{
    return m_maxFrequencyHz;
}

void
DeviceComputeModel::SetFrequencyRange(double minFrequencyHz, double maxFrequencyHz)
{
    if (!(minFrequencyHz > 0.0) || !std::isfinite(minFrequencyHz))
    {
        ThrowInvalidValue("DeviceComputeModel", "minFrequencyHz", minFrequencyHz, "finite and > 0");
    }
    if (!(maxFrequencyHz >= minFrequencyHz) || !std::isfinite(maxFrequencyHz))
    {
        ThrowInvalidValue(
            "DeviceComputeModel", "maxFrequencyHz", maxFrequencyHz, "finite and >= minFrequencyHz");
    }
    m_minFrequencyHz = minFrequencyHz;
    m_maxFrequencyHz = maxFrequencyHz;
    m_frequencyHz = std::clamp(m_frequencyHz, minFrequencyHz, maxFrequencyHz);
}

double
DeviceComputeModel::GetEnergyCoefficient() const
{
    return m_energyCoefficient;
}

void
DeviceComputeModel::SetEnergyCoefficient(double energyCoefficient)
{
    if (!(energyCoefficient >= 0.0) || !std::isfinite(energyCoefficient))
    {
        ThrowInvalidValue(
            "DeviceComputeModel", "energyCoefficient", energyCoefficient, "finite and >= 0");
    }
    m_energyCoefficient = energyCoefficient;
}

} // namespace edgeinference
} // namespace ns3
