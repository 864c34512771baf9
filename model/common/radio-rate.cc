/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "radio-rate.h"

#include "validation.h"

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/lambert_w.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

/**
 * @file
 * @ingroup edge-inference-common
 * @brief Implementation of the radio rate functions (see radio-rate.h).
 */

namespace ns3
{
namespace edgeinference
{

namespace
{

/// +infinity, the "infeasible" bandwidth
constexpr double INF = std::numeric_limits<double>::infinity();

/**
 * @brief Require every entry of a vector to be >= 0.
 * @param [in] where the public function name
 * @param [in] field the vector name
 * @param [in] values the entries
 */
void
RequireNonNegativeEntries(const std::string& where,
                          const std::string& field,
                          const std::vector<double>& values)
{
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        RequireNonNegative(where, field + "[" + std::to_string(i) + "]", values[i]);
    }
}

/**
 * @brief Validate the common NOMA inputs and resolve the SIC order.
 * @param [in] where the public function name
 * @param [in] powerW transmit powers
 * @param [in] gain channel gains
 * @param [in] noisePowerW noise power
 * @param [in] residualFactor eps
 * @param [in] sicOrder user-given order (empty = use defaultOrder)
 * @param [in] isUplink selects the default order (uplink: descending p h; downlink: ascending g)
 * @return the validated order (position -> user)
 */
std::vector<std::size_t>
ValidateNoma(const std::string& where,
             const std::vector<double>& powerW,
             const std::vector<double>& gain,
             double noisePowerW,
             double residualFactor,
             const std::vector<std::size_t>& sicOrder,
             bool isUplink)
{
    if (powerW.size() != gain.size())
    {
        throw std::invalid_argument(where + ": gain has " + std::to_string(gain.size()) +
                                    " entries but powerW has " + std::to_string(powerW.size()) +
                                    " (sizes must match)");
    }
    RequireNonNegativeEntries(where, "powerW", powerW);
    RequireNonNegativeEntries(where, "gain", gain);
    RequirePositive(where, "noisePowerW", noisePowerW);
    if (!(residualFactor >= 0.0 && residualFactor <= 1.0))
    {
        ThrowInvalidValue(where, "residualFactor", residualFactor, "in [0, 1]");
    }
    const std::size_t n = powerW.size();
    if (sicOrder.empty())
    {
        return isUplink ? DefaultUplinkSicOrder(powerW, gain) : DefaultDownlinkSicOrder(gain);
    }
    if (sicOrder.size() != n)
    {
        throw std::invalid_argument(where + ": sicOrder has " + std::to_string(sicOrder.size()) +
                                    " entries but there are " + std::to_string(n) +
                                    " users (must be a permutation of 0.." +
                                    std::to_string(n == 0 ? 0 : n - 1) + ")");
    }
    std::vector<bool> seen(n, false);
    for (std::size_t k = 0; k < n; ++k)
    {
        const std::size_t user = sicOrder[k];
        if (user >= n || seen[user])
        {
            throw std::invalid_argument(
                where + ": sicOrder[" + std::to_string(k) + "] is " + std::to_string(user) +
                (user >= n ? " (out of range" : " (repeated") + "; must be a permutation of 0.." +
                std::to_string(n - 1) + ")");
        }
        seen[user] = true;
    }
    return sicOrder;
}

/**
 * @brief Bandwidth-free SIC SINR of the signal at position m, seen with gain g.
 *
 * Computes P_{pi[m]} g / ( g sum_{n>m} P_{pi[n]} + eps g sum_{n<m} P_{pi[n]} + sigma^2 ),
 * the common downlink expression of DownlinkNomaSinr() and CheckDownlinkSic().
 * @param [in] powerW AP powers
 * @param [in] order SIC order
 * @param [in] m position of the decoded signal
 * @param [in] g gain of the receiving user
 * @param [in] noisePowerW sigma^2
 * @param [in] eps residual factor
 * @return the SINR
 */
double
DownlinkSignalSinr(const std::vector<double>& powerW,
                   const std::vector<std::size_t>& order,
                   std::size_t m,
                   double g,
                   double noisePowerW,
                   double eps)
{
    double later = 0.0;
    double cancelled = 0.0;
    for (std::size_t n = 0; n < order.size(); ++n)
    {
        if (n > m)
        {
            later += powerW[order[n]];
        }
        else if (n < m)
        {
            cancelled += powerW[order[n]];
        }
    }
    return powerW[order[m]] * g / (g * later + eps * g * cancelled + noisePowerW);
}

/**
 * @brief Apply B log2(1 + SINR) element-wise.
 * @param [in] bandwidthHz B in Hz
 * @param [in] sinr SINRs
 * @return the rates in bit/s
 */
std::vector<double>
RatesFromSinr(double bandwidthHz, const std::vector<double>& sinr)
{
    std::vector<double> rates;
    rates.reserve(sinr.size());
    for (double x : sinr)
    {
        rates.push_back(ShannonRate(bandwidthHz, x));
    }
    return rates;
}

} // namespace

double
DbToLinear(double db)
{
    RequireNumber("DbToLinear", "db", db);
    return std::pow(10.0, db / 10.0);
}

double
LinearToDb(double linear)
{
    RequireNonNegative("LinearToDb", "linear", linear);
    return 10.0 * std::log10(linear);
}

double
DbmToW(double dbm)
{
    RequireNumber("DbmToW", "dbm", dbm);
    return std::pow(10.0, (dbm - 30.0) / 10.0);
}

double
WToDbm(double watts)
{
    RequireNonNegative("WToDbm", "watts", watts);
    return 10.0 * std::log10(watts) + 30.0;
}

double
NoisePowerW(double bandwidthHz, double noisePsdWPerHz)
{
    RequireNonNegative("NoisePowerW", "bandwidthHz", bandwidthHz);
    RequireNonNegative("NoisePowerW", "noisePsdWPerHz", noisePsdWPerHz);
    return bandwidthHz * noisePsdWPerHz;
}

double
PathLossDb(double distanceM)
{
    RequirePositive("PathLossDb", "distanceM", distanceM);
    return 128.1 + 37.6 * std::log10(distanceM / 1000.0);
}

double
PathLossGain(double distanceM)
{
    RequirePositive("PathLossGain", "distanceM", distanceM);
    return DbToLinear(-PathLossDb(distanceM));
}

double
ShannonRate(double bandwidthHz, double snrLinear)
{
    RequireNonNegative("ShannonRate", "bandwidthHz", bandwidthHz);
    RequireNonNegative("ShannonRate", "snrLinear", snrLinear);
    return bandwidthHz * std::log1p(snrLinear) / boost::math::constants::ln_two<double>();
}

double
SnrBandwidthHz(double powerW, double gain, double noisePsdWPerHz)
{
    RequireNonNegative("SnrBandwidthHz", "powerW", powerW);
    RequireNonNegative("SnrBandwidthHz", "gain", gain);
    RequirePositive("SnrBandwidthHz", "noisePsdWPerHz", noisePsdWPerHz);
    return powerW * gain / noisePsdWPerHz;
}

double
ShannonRateFixedPower(double bandwidthHz, double snrBandwidthHz)
{
    RequireNonNegative("ShannonRateFixedPower", "bandwidthHz", bandwidthHz);
    RequireNonNegative("ShannonRateFixedPower", "snrBandwidthHz", snrBandwidthHz);
    if (bandwidthHz == 0.0)
    {
        return 0.0; // limit w -> 0 of w log2(1 + s/w)
    }
    if (std::isinf(bandwidthHz))
    {
        return MaxRateFixedPower(snrBandwidthHz);
    }
    return bandwidthHz * std::log1p(snrBandwidthHz / bandwidthHz) /
           boost::math::constants::ln_two<double>();
}

double
MaxRateFixedPower(double snrBandwidthHz)
{
    RequireNonNegative("MaxRateFixedPower", "snrBandwidthHz", snrBandwidthHz);
    return snrBandwidthHz / boost::math::constants::ln_two<double>();
}

double
MinBandwidthForRate(double rateBps, double snrBandwidthHz)
{
    RequireNonNegative("MinBandwidthForRate", "rateBps", rateBps);
    RequireNonNegative("MinBandwidthForRate", "snrBandwidthHz", snrBandwidthHz);
    if (std::isinf(snrBandwidthHz))
    {
        ThrowInvalidValue("MinBandwidthForRate", "snrBandwidthHz", snrBandwidthHz, "finite");
    }
    if (rateBps == 0.0)
    {
        return 0.0;
    }
    // Feasible iff rate < s / ln2, tested against MaxRateFixedPower() itself so that both
    // functions agree on the boundary (also covers s = 0 and rate = +inf).
    if (!(rateBps < MaxRateFixedPower(snrBandwidthHz)))
    {
        return INF;
    }
    const double ln2 = boost::math::constants::ln_two<double>();
    const double c = rateBps * ln2 / snrBandwidthHz;
    // Argument of W_{-1}: -c e^{-c} in (-1/e, 0). Rounding near c = 1 could push it below
    // -1/e by an ulp, outside the domain; clamp to the branch point (W = -1 there).
    const double branchPoint = -boost::math::constants::exp_minus_one<double>();
    double arg = -c * std::exp(-c);
    arg = std::max(arg, branchPoint);
    if (std::fabs(arg) < std::numeric_limits<double>::min())
    {
        // c underflowed to 0 or to a subnormal number (rate negligible against s), which
        // lambert_wm1 rejects ("denormalized"): fall back to the bracketing method, which
        // never needs W_{-1}(0) = -inf.
        return MinBandwidthBisection(rateBps, 1.0, snrBandwidthHz);
    }
    const double w = boost::math::lambert_wm1(arg);
    const double z = -w / c;
    if (!(z > 1.0))
    {
        return INF; // only reachable by rounding at c -> 1, where the bandwidth diverges
    }
    return snrBandwidthHz / (z - 1.0);
}

double
MinBandwidthFixedPower(double bits, double timeS, double snrBandwidthHz)
{
    RequireNonNegative("MinBandwidthFixedPower", "bits", bits);
    RequireNumber("MinBandwidthFixedPower", "timeS", timeS);
    RequireNonNegative("MinBandwidthFixedPower", "snrBandwidthHz", snrBandwidthHz);
    if (bits == 0.0)
    {
        return 0.0;
    }
    if (timeS <= 0.0)
    {
        return INF;
    }
    return MinBandwidthForRate(bits / timeS, snrBandwidthHz);
}

double
MinBandwidthBisection(double bits, double timeS, double snrBandwidthHz, double relTolerance)
{
    RequireNonNegative("MinBandwidthBisection", "bits", bits);
    RequireNumber("MinBandwidthBisection", "timeS", timeS);
    RequireNonNegative("MinBandwidthBisection", "snrBandwidthHz", snrBandwidthHz);
    RequirePositive("MinBandwidthBisection", "relTolerance", relTolerance);
    if (std::isinf(snrBandwidthHz))
    {
        ThrowInvalidValue("MinBandwidthBisection", "snrBandwidthHz", snrBandwidthHz, "finite");
    }
    if (bits == 0.0)
    {
        return 0.0;
    }
    if (timeS <= 0.0)
    {
        return INF;
    }
    const double rate = bits / timeS;
    if (!(rate < MaxRateFixedPower(snrBandwidthHz)))
    {
        return INF;
    }
    // Bracket: rate(lo) < target <= rate(hi), lo = 0 being always valid. Start hi at the
    // target rate itself (enough whenever it is <= s, as w log2(1 + s/w) >= w for w <= s)
    // and double it until it is enough.
    double lo = 0.0;
    double hi = rate;
    while (ShannonRateFixedPower(hi, snrBandwidthHz) < rate)
    {
        lo = hi;
        hi *= 2.0;
        if (std::isinf(hi))
        {
            return INF; // the rate is within rounding of the cap
        }
    }
    for (int it = 0; it < 4000 && hi - lo > relTolerance * hi; ++it)
    {
        const double mid = lo + (hi - lo) / 2.0;
        if (mid <= lo || mid >= hi)
        {
            break; // adjacent doubles
        }
        if (ShannonRateFixedPower(mid, snrBandwidthHz) >= rate)
        {
            hi = mid;
        }
        else
        {
            lo = mid;
        }
    }
    return hi;
}

double
MinBandwidthLinear(double rateBps, double spectralEfficiency)
{
    RequireNonNegative("MinBandwidthLinear", "rateBps", rateBps);
    RequireNonNegative("MinBandwidthLinear", "spectralEfficiency", spectralEfficiency);
    if (rateBps == 0.0)
    {
        return 0.0;
    }
    if (spectralEfficiency == 0.0)
    {
        return INF;
    }
    return rateBps / spectralEfficiency;
}

std::vector<std::size_t>
DefaultUplinkSicOrder(const std::vector<double>& powerW, const std::vector<double>& gain)
{
    const std::string where = "DefaultUplinkSicOrder";
    if (powerW.size() != gain.size())
    {
        throw std::invalid_argument(where + ": gain has " + std::to_string(gain.size()) +
                                    " entries but powerW has " + std::to_string(powerW.size()) +
                                    " (sizes must match)");
    }
    RequireNonNegativeEntries(where, "powerW", powerW);
    RequireNonNegativeEntries(where, "gain", gain);
    std::vector<std::size_t> order(powerW.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(),
                     order.end(),
                     [&](std::size_t a, std::size_t b)
                     { return powerW[a] * gain[a] > powerW[b] * gain[b]; });
    return order;
}

std::vector<std::size_t>
DefaultDownlinkSicOrder(const std::vector<double>& gain)
{
    RequireNonNegativeEntries("DefaultDownlinkSicOrder", "gain", gain);
    std::vector<std::size_t> order(gain.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(),
                     order.end(),
                     [&](std::size_t a, std::size_t b) { return gain[a] < gain[b]; });
    return order;
}

std::vector<double>
UplinkNomaSinr(const std::vector<double>& powerW,
               const std::vector<double>& gain,
               double noisePowerW,
               double residualFactor,
               const std::vector<std::size_t>& sicOrder)
{
    const std::vector<std::size_t> order =
        ValidateNoma("UplinkNomaSinr", powerW, gain, noisePowerW, residualFactor, sicOrder, true);
    const std::size_t n = order.size();
    // Received power per position.
    std::vector<double> received(n);
    for (std::size_t k = 0; k < n; ++k)
    {
        received[k] = powerW[order[k]] * gain[order[k]];
    }
    std::vector<double> sinr(n, 0.0);
    for (std::size_t k = 0; k < n; ++k)
    {
        double later = 0.0;
        double cancelled = 0.0;
        for (std::size_t m = 0; m < n; ++m)
        {
            if (m > k)
            {
                later += received[m];
            }
            else if (m < k)
            {
                cancelled += received[m];
            }
        }
        sinr[order[k]] = received[k] / (later + residualFactor * cancelled + noisePowerW);
    }
    return sinr;
}

std::vector<double>
UplinkNomaRates(double bandwidthHz,
                const std::vector<double>& powerW,
                const std::vector<double>& gain,
                double noisePowerW,
                double residualFactor,
                const std::vector<std::size_t>& sicOrder)
{
    RequireNonNegative("UplinkNomaRates", "bandwidthHz", bandwidthHz);
    return RatesFromSinr(bandwidthHz,
                         UplinkNomaSinr(powerW, gain, noisePowerW, residualFactor, sicOrder));
}

std::vector<double>
DownlinkNomaSinr(const std::vector<double>& powerW,
                 const std::vector<double>& gain,
                 double noisePowerW,
                 double residualFactor,
                 const std::vector<std::size_t>& sicOrder)
{
    const std::vector<std::size_t> order = ValidateNoma(
        "DownlinkNomaSinr", powerW, gain, noisePowerW, residualFactor, sicOrder, false);
    std::vector<double> sinr(order.size(), 0.0);
    for (std::size_t k = 0; k < order.size(); ++k)
    {
        sinr[order[k]] =
            DownlinkSignalSinr(powerW, order, k, gain[order[k]], noisePowerW, residualFactor);
    }
    return sinr;
}

std::vector<double>
DownlinkNomaRates(double bandwidthHz,
                  const std::vector<double>& powerW,
                  const std::vector<double>& gain,
                  double noisePowerW,
                  double residualFactor,
                  const std::vector<std::size_t>& sicOrder)
{
    RequireNonNegative("DownlinkNomaRates", "bandwidthHz", bandwidthHz);
    return RatesFromSinr(bandwidthHz,
                         DownlinkNomaSinr(powerW, gain, noisePowerW, residualFactor, sicOrder));
}

DownlinkSicReport
CheckDownlinkSic(const std::vector<double>& powerW,
                 const std::vector<double>& gain,
                 double noisePowerW,
                 double residualFactor,
                 const std::vector<std::size_t>& sicOrder)
{
    const std::vector<std::size_t> order = ValidateNoma(
        "CheckDownlinkSic", powerW, gain, noisePowerW, residualFactor, sicOrder, false);
    const std::size_t n = order.size();
    // Own SINR of the signal at each position (the SINR its rate is coded for).
    std::vector<double> ownSinr(n);
    for (std::size_t m = 0; m < n; ++m)
    {
        ownSinr[m] =
            DownlinkSignalSinr(powerW, order, m, gain[order[m]], noisePowerW, residualFactor);
    }
    DownlinkSicReport report;
    report.users.resize(n);
    for (std::size_t k = 0; k < n; ++k)
    {
        const std::size_t user = order[k];
        SicUserReport& userReport = report.users[user];
        for (std::size_t m = 0; m < k; ++m)
        {
            SicDecodeAttempt attempt;
            attempt.signalOf = order[m];
            attempt.sinr =
                DownlinkSignalSinr(powerW, order, m, gain[user], noisePowerW, residualFactor);
            attempt.requiredSinr = ownSinr[m];
            attempt.success = attempt.sinr >= attempt.requiredSinr * (1.0 - SIC_RELATIVE_SLACK);
            userReport.feasible = userReport.feasible && attempt.success;
            userReport.attempts.push_back(attempt);
        }
        report.feasible = report.feasible && userReport.feasible;
    }
    return report;
}

} // namespace edgeinference
} // namespace ns3
