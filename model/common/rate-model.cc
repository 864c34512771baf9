/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rate-model.h"

#include "radio-rate.h"
#include "validation.h"

#include <cmath>
#include <string>
#include <utility>

namespace ns3
{
namespace edgeinference
{

namespace
{

/**
 * @brief Check a user index of a rate model.
 * @param [in] where class name
 * @param [in] user the index
 * @param [in] nUsers number of users
 */
void
CheckUser(const char* where, uint32_t user, size_t nUsers)
{
    if (user >= nUsers)
    {
        ThrowInvalidValue(where, "user", user, "< " + std::to_string(nUsers));
    }
}

/**
 * @brief Check a bandwidth argument of a rate model (>= 0, +infinity allowed).
 * @param [in] where class name
 * @param [in] bandwidthHz the bandwidth
 */
void
CheckBandwidth(const char* where, double bandwidthHz)
{
    RequireNonNegative(where, "bandwidthHz", bandwidthHz);
}

} // namespace

std::string
RateModel::DescribeNoRate(uint32_t /* user */) const
{
    return "no rate at any bandwidth";
}

bool
RateModel::IsRateAlwaysAtLeast(uint32_t /* a */, uint32_t /* b */) const
{
    return false;
}

bool
ConstantPsdRateModel::IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const
{
    CheckUser("ConstantPsdRateModel", a, m_spectralEfficiency.size());
    CheckUser("ConstantPsdRateModel", b, m_spectralEfficiency.size());
    return m_spectralEfficiency[a] >= m_spectralEfficiency[b];
}

bool
FixedPowerRateModel::IsRateAlwaysAtLeast(uint32_t a, uint32_t b) const
{
    CheckUser("FixedPowerRateModel", a, m_snrBandwidthHz.size());
    CheckUser("FixedPowerRateModel", b, m_snrBandwidthHz.size());
    return m_snrBandwidthHz[a] >= m_snrBandwidthHz[b];
}

ConstantPsdRateModel::ConstantPsdRateModel(std::vector<double> spectralEfficiency)
    : m_spectralEfficiency(std::move(spectralEfficiency))
{
    for (size_t k = 0; k < m_spectralEfficiency.size(); ++k)
    {
        RequireFiniteNonNegative("ConstantPsdRateModel",
                                 "spectralEfficiency[" + std::to_string(k) + "]",
                                 m_spectralEfficiency[k]);
    }
}

ConstantPsdRateModel
ConstantPsdRateModel::FromChannel(double totalPowerW,
                                  const std::vector<double>& gain,
                                  double totalBandwidthHz,
                                  double noisePsdWPerHz)
{
    const std::string where = "ConstantPsdRateModel::FromChannel";
    RequireFiniteNonNegative(where, "totalPowerW", totalPowerW);
    if (!(totalBandwidthHz > 0.0) || !std::isfinite(totalBandwidthHz))
    {
        ThrowInvalidValue(where, "totalBandwidthHz", totalBandwidthHz, "finite and > 0");
    }
    if (!(noisePsdWPerHz > 0.0) || !std::isfinite(noisePsdWPerHz))
    {
        ThrowInvalidValue(where, "noisePsdWPerHz", noisePsdWPerHz, "finite and > 0");
    }
    std::vector<double> eta;
    eta.reserve(gain.size());
    for (size_t k = 0; k < gain.size(); ++k)
    {
        RequireFiniteNonNegative(where, "gain[" + std::to_string(k) + "]", gain[k]);
        // eta = log2(1 + P g / (N0 B)) = Shannon rate of 1 Hz at that SNR
        eta.push_back(
            ShannonRate(1.0, totalPowerW * gain[k] / (noisePsdWPerHz * totalBandwidthHz)));
    }
    return ConstantPsdRateModel(std::move(eta));
}

const std::vector<double>&
ConstantPsdRateModel::GetSpectralEfficiency() const
{
    return m_spectralEfficiency;
}

uint32_t
ConstantPsdRateModel::GetNUsers() const
{
    return static_cast<uint32_t>(m_spectralEfficiency.size());
}

double
ConstantPsdRateModel::Rate(uint32_t user, double bandwidthHz) const
{
    CheckUser("ConstantPsdRateModel", user, m_spectralEfficiency.size());
    CheckBandwidth("ConstantPsdRateModel", bandwidthHz);
    const double eta = m_spectralEfficiency[user];
    return eta == 0.0 ? 0.0 : bandwidthHz * eta;
}

double
ConstantPsdRateModel::MinBandwidthForRate(uint32_t user, double rateBps) const
{
    CheckUser("ConstantPsdRateModel", user, m_spectralEfficiency.size());
    return MinBandwidthLinear(rateBps, m_spectralEfficiency[user]);
}

bool
ConstantPsdRateModel::HasRate(uint32_t user) const
{
    CheckUser("ConstantPsdRateModel", user, m_spectralEfficiency.size());
    return m_spectralEfficiency[user] > 0.0;
}

std::string
ConstantPsdRateModel::DescribeNoRate(uint32_t /* user */) const
{
    return "no rate (spectral efficiency 0)";
}

FixedPowerRateModel::FixedPowerRateModel(std::vector<double> snrBandwidthHz)
    : m_snrBandwidthHz(std::move(snrBandwidthHz))
{
    for (size_t k = 0; k < m_snrBandwidthHz.size(); ++k)
    {
        RequireFiniteNonNegative("FixedPowerRateModel",
                                 "snrBandwidthHz[" + std::to_string(k) + "]",
                                 m_snrBandwidthHz[k]);
    }
}

FixedPowerRateModel
FixedPowerRateModel::FromChannel(const std::vector<double>& powerW,
                                 const std::vector<double>& gain,
                                 double noisePsdWPerHz)
{
    if (powerW.size() != gain.size())
    {
        ThrowInvalidValue("FixedPowerRateModel::FromChannel",
                          "gain.size()",
                          static_cast<double>(gain.size()),
                          "equal powerW.size() = " + std::to_string(powerW.size()));
    }
    std::vector<double> s;
    s.reserve(gain.size());
    for (size_t k = 0; k < gain.size(); ++k)
    {
        s.push_back(SnrBandwidthHz(powerW[k], gain[k], noisePsdWPerHz));
    }
    return FixedPowerRateModel(std::move(s));
}

const std::vector<double>&
FixedPowerRateModel::GetSnrBandwidth() const
{
    return m_snrBandwidthHz;
}

uint32_t
FixedPowerRateModel::GetNUsers() const
{
    return static_cast<uint32_t>(m_snrBandwidthHz.size());
}

double
FixedPowerRateModel::Rate(uint32_t user, double bandwidthHz) const
{
    CheckUser("FixedPowerRateModel", user, m_snrBandwidthHz.size());
    CheckBandwidth("FixedPowerRateModel", bandwidthHz);
    return ShannonRateFixedPower(bandwidthHz, m_snrBandwidthHz[user]);
}

double
FixedPowerRateModel::MinBandwidthForRate(uint32_t user, double rateBps) const
{
    CheckUser("FixedPowerRateModel", user, m_snrBandwidthHz.size());
    // qualified: the member of the same name hides the radio-rate.h function
    return edgeinference::MinBandwidthForRate(rateBps, m_snrBandwidthHz[user]);
}

bool
FixedPowerRateModel::HasRate(uint32_t user) const
{
    CheckUser("FixedPowerRateModel", user, m_snrBandwidthHz.size());
    return m_snrBandwidthHz[user] > 0.0;
}

std::string
FixedPowerRateModel::DescribeNoRate(uint32_t /* user */) const
{
    return "no rate (SNR bandwidth 0)";
}

} // namespace edgeinference
} // namespace ns3
