/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief GoogleTest unit tests of the radio rate functions (model/radio-rate.h).
 *
 * Reference values are the worked examples of the reconstruction (R3.6 of [3] and 4.6, R2.9 of [2])
 * or are computed by hand in the comments. Printed reconstruction digits are compared with relative
 * tolerance 1e-4, identities with 1e-9.
 */

#include "gtest-utils.h"

#include "ns3/radio-rate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/// Relative tolerance against digits printed in the specs.
constexpr double SPEC_REL_TOL = 1e-4;
/// Relative tolerance for identities.
constexpr double IDENTITY_REL_TOL = 1e-9;
/// +infinity
constexpr double INF = std::numeric_limits<double>::infinity();

/**
 * @brief log2(x).
 * @param [in] x argument
 * @return log2(x)
 */
double
Log2(double x)
{
    return std::log(x) / std::log(2.0);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Conversions, noise, path loss
// ---------------------------------------------------------------------------------------------

TEST(RadioRateTest, DecibelConversions)
{
    EXPECT_DOUBLE_EQ(DbToLinear(30.0), 1000.0);
    EXPECT_DOUBLE_EQ(DbToLinear(-10.0), 0.1);
    EXPECT_DOUBLE_EQ(LinearToDb(100.0), 20.0);
    EXPECT_DOUBLE_EQ(LinearToDb(DbToLinear(-37.25)), -37.25);
    EXPECT_EQ(LinearToDb(0.0), -INF);
    EXPECT_DOUBLE_EQ(DbmToW(30.0), 1.0);
    EXPECT_DOUBLE_EQ(DbmToW(0.0), 1e-3);
    // 0.2 W = 10 log10(200) dBm = 23.0103 dBm
    ExpectRel(WToDbm(0.2), 23.010299956639813, IDENTITY_REL_TOL);
    EXPECT_EQ(WToDbm(0.0), -INF);
}

TEST(RadioRateTest, ThermalNoise)
{
    EXPECT_DOUBLE_EQ(THERMAL_NOISE_DBM_PER_HZ, -174.0);
    // -174 dBm/Hz = 10^(-17.4) mW/Hz = 3.981072e-21 W/Hz; the reconstruction rounds it to 3.98e-21.
    ExpectRel(DbmToW(THERMAL_NOISE_DBM_PER_HZ), 3.981071705534985e-21, IDENTITY_REL_TOL);
    ExpectRel(THERMAL_NOISE_PSD_W_PER_HZ, 3.98e-21, 1e-12);
    ExpectRel(DbmToW(THERMAL_NOISE_DBM_PER_HZ), THERMAL_NOISE_PSD_W_PER_HZ, 3e-4);
    // 1 MHz at the default PSD: 3.98e-15 W; explicit PSD 1e-19 W/Hz over 1 MHz: 1e-13 W.
    ExpectRel(NoisePowerW(1e6), 3.98e-15, IDENTITY_REL_TOL);
    ExpectRel(NoisePowerW(1e6, 1e-19), 1e-13, IDENTITY_REL_TOL);
}

TEST(RadioRateTest, PathLoss)
{
    // 128.1 + 37.6 log10(1) = 128.1; at 100 m: 128.1 - 37.6 = 90.5;
    // at 250 m: 128.1 + 37.6 log10(0.25) = 128.1 - 22.637456 = 105.462544 dB.
    ExpectRel(PathLossDb(1000.0), 128.1, IDENTITY_REL_TOL);
    ExpectRel(PathLossDb(100.0), 90.5, IDENTITY_REL_TOL);
    ExpectRel(PathLossDb(250.0), 105.462544326, IDENTITY_REL_TOL);
    // gain at 100 m: 10^-9.05 = 8.912509e-10
    ExpectRel(PathLossGain(100.0), 8.912509381337456e-10, IDENTITY_REL_TOL);
    ExpectInvalid([] { PathLossDb(0.0); }, {"PathLossDb", "distanceM", "0"});
    ExpectInvalid([] { PathLossGain(-5.0); }, {"PathLossGain", "distanceM", "-5"});
}

// ---------------------------------------------------------------------------------------------
// Shannon rates
// ---------------------------------------------------------------------------------------------

TEST(RadioRateTest, ShannonRate)
{
    // 1 MHz log2(2) = 1 Mbit/s; log2(4) = 2; log2(1 + 0) = 0
    ExpectRel(ShannonRate(1e6, 1.0), 1e6, IDENTITY_REL_TOL);
    ExpectRel(ShannonRate(1e6, 3.0), 2e6, IDENTITY_REL_TOL);
    EXPECT_EQ(ShannonRate(1e6, 0.0), 0.0);
    EXPECT_EQ(ShannonRate(0.0, 100.0), 0.0);
    ExpectInvalid([] { ShannonRate(-1.0, 1.0); }, {"ShannonRate", "bandwidthHz", "-1"});
    ExpectInvalid([] { ShannonRate(1.0, -2.0); }, {"ShannonRate", "snrLinear", "-2"});
}

TEST(RadioRateTest, SnrBandwidthAndFixedPowerRate)
{
    // PartialLoading E5 step 2: s = 0.2 * 1e-12 / 3.98e-21 = 5.0251256e7 Hz
    ExpectRel(SnrBandwidthHz(0.2, 1e-12, 3.98e-21), 5.025125628140704e7, IDENTITY_REL_TOL);
    ExpectRel(SnrBandwidthHz(0.2, 1e-12), 5.025125628140704e7, IDENTITY_REL_TOL);
    // w = 0.5 MHz, s = 1e8 Hz: 0.5e6 log2(1 + 200) = 3.8255 Mbit/s (E4.1 OMA user 1)
    ExpectRel(ShannonRateFixedPower(5e5, 1e8), 3.8255e6, SPEC_REL_TOL);
    ExpectRel(ShannonRateFixedPower(5e5, 1e8), 5e5 * Log2(201.0), IDENTITY_REL_TOL);
    // w = s: s log2(2) = s
    ExpectRel(ShannonRateFixedPower(3e6, 3e6), 3e6, IDENTITY_REL_TOL);
    EXPECT_EQ(ShannonRateFixedPower(0.0, 1e8), 0.0);
    EXPECT_EQ(ShannonRateFixedPower(1e6, 0.0), 0.0);
    // Cap s / ln2 = 144.27 Mbit/s for s = 1e8 (E3.1); approached from below as w grows.
    ExpectRel(MaxRateFixedPower(1e8), 144.27e6, SPEC_REL_TOL);
    const double far = ShannonRateFixedPower(1e14, 1e8);
    EXPECT_LT(far, MaxRateFixedPower(1e8));
    ExpectRel(far, MaxRateFixedPower(1e8), 1e-5);
    // increasing in w
    EXPECT_LT(ShannonRateFixedPower(1e5, 1e8), ShannonRateFixedPower(2e5, 1e8));
    ExpectInvalid([] { SnrBandwidthHz(0.1, 1e-10, 0.0); }, {"noisePsdWPerHz", "0"});
    ExpectInvalid([] { SnrBandwidthHz(-0.1, 1e-10); }, {"powerW", "-0.1"});
    ExpectInvalid([] { ShannonRateFixedPower(1e6, -3.0); }, {"snrBandwidthHz", "-3"});
}

// ---------------------------------------------------------------------------------------------
// Minimum bandwidth (Paper 3 closed form, bisection, linear variant)
// ---------------------------------------------------------------------------------------------

TEST(RadioRateTest, E31MinBandwidthClosedFormAndBisection)
{
    // E3.1: D / T = 1e5 / 0.029 = 3.448 Mbit/s.
    const double bits = 1e5;
    const double time = 0.029;
    const double w1 = MinBandwidthFixedPower(bits, time, 1e8);
    const double w2 = MinBandwidthFixedPower(bits, time, 5e7);
    // reconstruction: 440 163.39 Hz and 522 926.72 Hz (printed to 0.01 Hz)
    ExpectRel(w1, 440163.39, SPEC_REL_TOL);
    ExpectRel(w2, 522926.72, SPEC_REL_TOL);
    EXPECT_NEAR(w1, 440163.39, 0.01);
    EXPECT_NEAR(w2, 522926.72, 0.01);
    // both methods agree to 1e-6 Hz
    EXPECT_NEAR(MinBandwidthBisection(bits, time, 1e8), w1, 1e-6);
    EXPECT_NEAR(MinBandwidthBisection(bits, time, 5e7), w2, 1e-6);
    // the rate at w^min is exactly D/T, and slightly less bandwidth is not enough
    ExpectRel(ShannonRateFixedPower(w1, 1e8), bits / time, IDENTITY_REL_TOL);
    ExpectRel(ShannonRateFixedPower(w2, 5e7), bits / time, IDENTITY_REL_TOL);
    EXPECT_LT(ShannonRateFixedPower(w1 * (1 - 1e-6), 1e8), bits / time);
    // rate form = time form
    ExpectRel(MinBandwidthForRate(bits / time, 1e8), w1, 1e-14);
    // cap s / ln2 = 144.27 Mbit/s
    ExpectRel(MaxRateFixedPower(1e8), 144.27e6, SPEC_REL_TOL);
}

TEST(RadioRateTest, E32MinBandwidthSums)
{
    // E3.2, S = {1,2,3}: T_u* = 29 ms, D = 100 kbit, s = (1e8, 1e8, 5e7):
    // w^min = (0.4402, 0.4402, 0.5229) MHz, sum 1.4033 MHz.
    const double sum3 =
        2 * MinBandwidthFixedPower(1e5, 0.029, 1e8) + MinBandwidthFixedPower(1e5, 0.029, 5e7);
    ExpectRel(sum3, 1.4033e6, SPEC_REL_TOL);
    // S = {1,2}: T_u* = 41.5 ms, both s = 1e8, sum 0.5697 MHz
    ExpectRel(2 * MinBandwidthFixedPower(1e5, 0.0415, 1e8), 0.5697e6, SPEC_REL_TOL);
    // S = {2,3}: T_u* = 30 ms, sum 0.9231 MHz
    ExpectRel(MinBandwidthFixedPower(1e5, 0.030, 1e8) + MinBandwidthFixedPower(1e5, 0.030, 5e7),
              0.9231e6,
              SPEC_REL_TOL);
}

TEST(RadioRateTest, PartialLoadingShannonVariant)
{
    // R2.9 of [2], E5 step 2: p = 0.2 W, g = 1e-12, N0 = 3.98e-21 W/Hz,
    // D = 1 Mbit: rho = 100 ms -> 2.17941 MHz, rho = 50 ms -> 6.32835 MHz.
    const double s = SnrBandwidthHz(0.2, 1e-12, 3.98e-21);
    ExpectRel(MinBandwidthFixedPower(1e6, 0.100, s), 2.17941e6, SPEC_REL_TOL);
    ExpectRel(MinBandwidthFixedPower(1e6, 0.050, s), 6.32835e6, SPEC_REL_TOL);
    ExpectRel(MinBandwidthBisection(1e6, 0.100, s), 2.17941e6, SPEC_REL_TOL);
    ExpectRel(MinBandwidthBisection(1e6, 0.050, s), 6.32835e6, SPEC_REL_TOL);
    // reconstruction: the closed form matches bisection to 1e-15 (relative); allow a few ulps
    ExpectRel(MinBandwidthFixedPower(1e6, 0.100, s), MinBandwidthBisection(1e6, 0.100, s), 1e-13);
    ExpectRel(MinBandwidthFixedPower(1e6, 0.050, s), MinBandwidthBisection(1e6, 0.050, s), 1e-13);
}

TEST(RadioRateTest, MinBandwidthFeasibilityEdges)
{
    const double s = 1e8;
    const double cap = MaxRateFixedPower(s); // s / ln2 = 144.27 Mbit/s
    ExpectRel(cap, 1e8 / std::log(2.0), IDENTITY_REL_TOL);
    // at or above the cap: infeasible for both methods
    EXPECT_EQ(MinBandwidthForRate(cap, s), INF);
    EXPECT_EQ(MinBandwidthForRate(1.01 * cap, s), INF);
    EXPECT_EQ(MinBandwidthFixedPower(cap * 1.0, 1.0, s), INF);
    EXPECT_EQ(MinBandwidthBisection(1.5 * cap, 1.0, s), INF);
    EXPECT_EQ(MinBandwidthForRate(INF, s), INF);
    // just below the cap: finite but huge (c = 0.9 -> w = 4.34475e8 Hz, computed by bisection
    // in Python: w log2(1 + s/w) = 0.9 s/ln2)
    const double w09 = MinBandwidthForRate(0.9 * cap, s);
    EXPECT_TRUE(std::isfinite(w09));
    ExpectRel(w09, 434475111.676, 1e-9);
    // T <= 0 with D > 0: infeasible; D = 0: 0 Hz whatever T
    EXPECT_EQ(MinBandwidthFixedPower(1e5, 0.0, s), INF);
    EXPECT_EQ(MinBandwidthFixedPower(1e5, -0.01, s), INF);
    EXPECT_EQ(MinBandwidthBisection(1e5, 0.0, s), INF);
    EXPECT_EQ(MinBandwidthBisection(1e5, -0.01, s), INF);
    EXPECT_EQ(MinBandwidthFixedPower(0.0, 0.029, s), 0.0);
    EXPECT_EQ(MinBandwidthFixedPower(0.0, -1.0, s), 0.0);
    EXPECT_EQ(MinBandwidthBisection(0.0, 0.029, s), 0.0);
    EXPECT_EQ(MinBandwidthForRate(0.0, s), 0.0);
    // s = 0 (no power or no channel): any positive rate is infeasible
    EXPECT_EQ(MinBandwidthFixedPower(1.0, 1.0, 0.0), INF);
    EXPECT_EQ(MinBandwidthBisection(1.0, 1.0, 0.0), INF);
    // bad input
    ExpectInvalid([] { MinBandwidthFixedPower(-1.0, 1.0, 1e8); }, {"bits", "-1"});
    ExpectInvalid([] { MinBandwidthFixedPower(1.0, std::nan(""), 1e8); }, {"timeS", "nan"});
    ExpectInvalid([] { MinBandwidthFixedPower(1.0, 1.0, -1e8); }, {"snrBandwidthHz", "-1"});
    ExpectInvalid([] { MinBandwidthForRate(-5.0, 1e8); }, {"rateBps", "-5"});
    ExpectInvalid([] { MinBandwidthForRate(5.0, INF); }, {"snrBandwidthHz", "inf"});
    ExpectInvalid([] { MinBandwidthBisection(1.0, 1.0, 1e8, 0.0); }, {"relTolerance", "0"});
}

TEST(RadioRateTest, MinBandwidthClosedFormMatchesBisectionOnRandomInstances)
{
    std::mt19937 rng(12345);
    std::uniform_real_distribution<double> logS(5.0, 9.0);    // s in [1e5, 1e9] Hz
    std::uniform_real_distribution<double> cDist(1e-4, 0.99); // c = rate ln2 / s
    for (int i = 0; i < 500; ++i)
    {
        const double s = std::pow(10.0, logS(rng));
        const double c = cDist(rng);
        const double rate = c * s / std::log(2.0);
        const double closed = MinBandwidthForRate(rate, s);
        const double bisect = MinBandwidthBisection(rate, 1.0, s);
        ExpectRel(closed, bisect, IDENTITY_REL_TOL);
        // the defining equation
        ExpectRel(ShannonRateFixedPower(closed, s), rate, IDENTITY_REL_TOL);
        // monotone: more time or more SNR bandwidth needs less spectrum
        EXPECT_LT(MinBandwidthFixedPower(rate, 1.1, s), closed);
        EXPECT_LT(MinBandwidthFixedPower(rate, 1.0, 1.1 * s), closed);
    }
}

TEST(RadioRateTest, MinBandwidthLinearVariant)
{
    // R2.9 of [2], E5 step 2, constant PSD: eta = 5 bit/s/Hz, D = 1 Mbit,
    // rho = (100, 110, 130, 185, 190) ms: B = D / (eta rho) =
    // (2.0, 1.8182, 1.5385, 1.0811, 1.0526) MHz, sum 7.4904 MHz.
    const std::vector<double> rho{0.100, 0.110, 0.130, 0.185, 0.190};
    const std::vector<double> expected{2.0e6, 1.8182e6, 1.5385e6, 1.0811e6, 1.0526e6};
    double sum = 0.0;
    for (std::size_t i = 0; i < rho.size(); ++i)
    {
        const double b = MinBandwidthLinear(1e6 / rho[i], 5.0);
        ExpectRel(b, expected[i], SPEC_REL_TOL);
        sum += b;
    }
    ExpectRel(sum, 7.4904e6, SPEC_REL_TOL);
    EXPECT_LE(sum, 10e6); // feasible for B = 10 MHz
    EXPECT_GT(sum, 5e6);  // infeasible for B = 5 MHz
    EXPECT_EQ(MinBandwidthLinear(0.0, 0.0), 0.0);
    EXPECT_EQ(MinBandwidthLinear(1.0, 0.0), INF);
    ExpectInvalid([] { MinBandwidthLinear(1.0, -2.0); }, {"spectralEfficiency", "-2"});
    ExpectInvalid([] { MinBandwidthLinear(-1.0, 2.0); }, {"rateBps", "-1"});
}

// ---------------------------------------------------------------------------------------------
// Uplink NOMA
// ---------------------------------------------------------------------------------------------

TEST(RadioRateTest, E41UplinkNoma)
{
    // sigma^2 = 1e-13 W, B = 1 MHz, h = (1e-10, 2e-11), p = (0.1, 0.1): received
    // q = (1e-11, 2e-12). Descending q: user 0 first.
    // SINR1 = 1e-11 / (2e-12 + 1e-13) = 4.7619 -> R1 = 1e6 log2(5.7619) = 2.5265 Mbit/s
    // SINR2 = 2e-12 / 1e-13 = 20 -> R2 = 1e6 log2(21) = 4.3923 Mbit/s; sum = 1e6 log2(121).
    const std::vector<double> p{0.1, 0.1};
    const std::vector<double> h{1e-10, 2e-11};
    EXPECT_EQ(DefaultUplinkSicOrder(p, h), (std::vector<std::size_t>{0, 1}));
    const auto sinr = UplinkNomaSinr(p, h, 1e-13);
    ASSERT_EQ(sinr.size(), 2U);
    ExpectRel(sinr[0], 4.7619, SPEC_REL_TOL);
    ExpectRel(sinr[1], 20.0, SPEC_REL_TOL);
    const auto rate = UplinkNomaRates(1e6, p, h, 1e-13);
    ASSERT_EQ(rate.size(), 2U);
    ExpectRel(rate[0], 2.5265e6, SPEC_REL_TOL);
    ExpectRel(rate[1], 4.3923e6, SPEC_REL_TOL);
    ExpectRel(rate[0] + rate[1], 6.9189e6, SPEC_REL_TOL);
    ExpectRel(rate[0] + rate[1], 1e6 * Log2(121.0), IDENTITY_REL_TOL);
    // OMA, half band each, noise proportional to band: N0 = sigma^2 / B = 1e-19 W/Hz,
    // s = q / N0 = (1e8, 2e7) Hz: 0.5e6 log2(201) = 3.8255, 0.5e6 log2(41) = 2.6788 Mbit/s.
    const double oma1 = ShannonRateFixedPower(5e5, SnrBandwidthHz(0.1, 1e-10, 1e-19));
    const double oma2 = ShannonRateFixedPower(5e5, SnrBandwidthHz(0.1, 2e-11, 1e-19));
    ExpectRel(oma1, 3.8255e6, SPEC_REL_TOL);
    ExpectRel(oma2, 2.6788e6, SPEC_REL_TOL);
    ExpectRel(oma1 + oma2, 6.5043e6, SPEC_REL_TOL);
    EXPECT_GT(rate[0] + rate[1], oma1 + oma2);
}

TEST(RadioRateTest, UplinkOrderFollowsReceivedPower)
{
    // q = p h = (0.01 * 1e-10, 0.1 * 2e-11) = (1e-12, 2e-12): user 1 decoded first although
    // user 0 has the larger gain.
    EXPECT_EQ(DefaultUplinkSicOrder({0.01, 0.1}, {1e-10, 2e-11}), (std::vector<std::size_t>{1, 0}));
    // ties keep index order
    EXPECT_EQ(DefaultUplinkSicOrder({0.1, 0.1, 0.2}, {1e-11, 1e-11, 5e-12}),
              (std::vector<std::size_t>{0, 1, 2}));
    // SINR with that order: user 1: 2e-12 / (1e-12 + 1e-13) = 1.818182; user 0: 1e-12/1e-13 = 10
    const auto sinr = UplinkNomaSinr({0.01, 0.1}, {1e-10, 2e-11}, 1e-13);
    ExpectRel(sinr[1], 2.0 / 1.1, IDENTITY_REL_TOL);
    ExpectRel(sinr[0], 10.0, IDENTITY_REL_TOL);
}

TEST(RadioRateTest, UplinkResidualInterferenceByHand)
{
    const std::vector<double> p{0.1, 0.1};
    const std::vector<double> h{1e-10, 2e-11};
    // eps = 0.1: user 0 (decoded first) unchanged, 1e-11 / 2.1e-12 = 4.761905;
    // user 1 sees 0.1 * 1e-11 = 1e-12 of the cancelled signal: 2e-12 / (1e-12 + 1e-13) = 1.818182
    auto sinr = UplinkNomaSinr(p, h, 1e-13, 0.1);
    ExpectRel(sinr[0], 1.0 / 0.21, IDENTITY_REL_TOL);
    ExpectRel(sinr[1], 2.0 / 1.1, IDENTITY_REL_TOL);
    // eps = 1 (no cancellation): user 1: 2e-12 / (1e-11 + 1e-13) = 0.1980198
    sinr = UplinkNomaSinr(p, h, 1e-13, 1.0);
    ExpectRel(sinr[1], 2.0 / 10.1, IDENTITY_REL_TOL);
    // rates follow: 1e6 log2(1 + 1.818182) = 1.494765 Mbit/s
    const auto rate = UplinkNomaRates(1e6, p, h, 1e-13, 0.1);
    ExpectRel(rate[1], 1e6 * Log2(1.0 + 2.0 / 1.1), IDENTITY_REL_TOL);
}

TEST(RadioRateTest, UplinkThreeUsersByHand)
{
    // sigma^2 = 1e-13, p = 0.1 each, h = (1e-10, 5e-11, 1e-11): q = (1e-11, 5e-12, 1e-12).
    // eps = 0, order (0, 1, 2):
    //   SINR0 = 1e-11 / (5e-12 + 1e-12 + 1e-13) = 1 / 0.61   = 1.639344
    //   SINR1 = 5e-12 / (1e-12 + 1e-13)         = 5 / 1.1    = 4.545455
    //   SINR2 = 1e-12 / 1e-13                    = 10
    //   (1 + SINR0)(1 + SINR1)(1 + SINR2) = (1.61/0.61)(6.1/1.1)(11) = 161 = 1 + 160 (identity)
    const std::vector<double> p{0.1, 0.1, 0.1};
    const std::vector<double> h{1e-10, 5e-11, 1e-11};
    auto sinr = UplinkNomaSinr(p, h, 1e-13);
    ExpectRel(sinr[0], 1.0 / 0.61, IDENTITY_REL_TOL);
    ExpectRel(sinr[1], 5.0 / 1.1, IDENTITY_REL_TOL);
    ExpectRel(sinr[2], 10.0, IDENTITY_REL_TOL);
    const auto rate = UplinkNomaRates(2e6, p, h, 1e-13);
    ExpectRel(rate[0] + rate[1] + rate[2], 2e6 * Log2(161.0), IDENTITY_REL_TOL);
    // eps = 0.1:
    //   SINR0 unchanged = 1.639344
    //   SINR1 = 5e-12 / (1e-12 + 0.1 * 1e-11 + 1e-13)          = 5 / 2.1 = 2.380952
    //   SINR2 = 1e-12 / (0.1 * (1e-11 + 5e-12) + 1e-13)         = 1 / 1.6 = 0.625
    sinr = UplinkNomaSinr(p, h, 1e-13, 0.1);
    ExpectRel(sinr[0], 1.0 / 0.61, IDENTITY_REL_TOL);
    ExpectRel(sinr[1], 5.0 / 2.1, IDENTITY_REL_TOL);
    ExpectRel(sinr[2], 0.625, IDENTITY_REL_TOL);
    // explicit order (2, 0, 1), eps = 0:
    //   user 2 first: 1e-12 / (1e-11 + 5e-12 + 1e-13) = 1 / 15.1 = 0.0662252
    //   user 0:       1e-11 / (5e-12 + 1e-13)         = 10 / 5.1 = 1.960784
    //   user 1 last:  5e-12 / 1e-13                   = 50
    sinr = UplinkNomaSinr(p, h, 1e-13, 0.0, {2, 0, 1});
    ExpectRel(sinr[2], 1.0 / 15.1, IDENTITY_REL_TOL);
    ExpectRel(sinr[0], 10.0 / 5.1, IDENTITY_REL_TOL);
    ExpectRel(sinr[1], 50.0, IDENTITY_REL_TOL);
}

TEST(RadioRateTest, UplinkSumRateIdentityOnRandomInstances)
{
    std::mt19937 rng(2024);
    std::uniform_int_distribution<int> users(1, 6);
    std::uniform_real_distribution<double> power(0.0, 0.2);
    std::uniform_real_distribution<double> logGain(-13.0, -9.0);
    std::uniform_real_distribution<double> epsDist(0.01, 1.0);
    const double noise = 1e-13;
    const double band = 1e6;
    for (int trial = 0; trial < 300; ++trial)
    {
        const auto n = static_cast<std::size_t>(users(rng));
        std::vector<double> p(n);
        std::vector<double> h(n);
        double totalSnr = 0.0;
        for (std::size_t i = 0; i < n; ++i)
        {
            p[i] = power(rng);
            h[i] = std::pow(10.0, logGain(rng));
            totalSnr += p[i] * h[i] / noise;
        }
        const double expected = band * Log2(1.0 + totalSnr);
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::shuffle(order.begin(), order.end(), rng);
        // eps = 0: identity for the default order and for any other order
        for (const auto& o : {std::vector<std::size_t>{}, order})
        {
            const auto r = UplinkNomaRates(band, p, h, noise, 0.0, o);
            ExpectRel(std::accumulate(r.begin(), r.end(), 0.0), expected, IDENTITY_REL_TOL);
        }
        // eps > 0 strictly lowers the sum when someone is decoded after a nonzero signal
        if (n >= 2)
        {
            const auto r = UplinkNomaRates(band, p, h, noise, epsDist(rng), order);
            EXPECT_LT(std::accumulate(r.begin(), r.end(), 0.0), expected);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Downlink NOMA
// ---------------------------------------------------------------------------------------------

TEST(RadioRateTest, E42DownlinkNoma)
{
    // sigma^2 = 1e-13, B = 1 MHz, g = (1e-10 strong, 2e-11 weak), P = (0.2, 0.8) W.
    // Order: weak (user 1) first.
    // weak:   0.8 * 2e-11 / (0.2 * 2e-11 + 1e-13) = 1.6e-11 / 4.1e-12 = 3.9024 -> 2.2935 Mbit/s
    // strong: 0.2 * 1e-10 / 1e-13 = 200 -> 1e6 log2(201) = 7.6511 Mbit/s
    // SIC at strong of the weak signal: 0.8e-10 / (0.2e-10 + 1e-13) = 3.9801 >= 3.9024
    const std::vector<double> pw{0.2, 0.8};
    const std::vector<double> g{1e-10, 2e-11};
    EXPECT_EQ(DefaultDownlinkSicOrder(g), (std::vector<std::size_t>{1, 0}));
    const auto sinr = DownlinkNomaSinr(pw, g, 1e-13);
    ExpectRel(sinr[1], 3.9024, SPEC_REL_TOL);
    ExpectRel(sinr[0], 200.0, SPEC_REL_TOL);
    const auto rate = DownlinkNomaRates(1e6, pw, g, 1e-13);
    ExpectRel(rate[1], 2.2935e6, SPEC_REL_TOL);
    ExpectRel(rate[0], 7.6511e6, SPEC_REL_TOL);

    const auto report = CheckDownlinkSic(pw, g, 1e-13);
    EXPECT_TRUE(report.feasible);
    ASSERT_EQ(report.users.size(), 2U);
    EXPECT_TRUE(report.users[1].attempts.empty()); // the weak user cancels nothing
    EXPECT_TRUE(report.users[1].feasible);
    ASSERT_EQ(report.users[0].attempts.size(), 1U);
    const auto& a = report.users[0].attempts[0];
    EXPECT_EQ(a.signalOf, 1U);
    ExpectRel(a.sinr, 3.9801, SPEC_REL_TOL);
    ExpectRel(a.requiredSinr, 3.9024, SPEC_REL_TOL);
    EXPECT_TRUE(a.success);
    EXPECT_TRUE(report.users[0].feasible);
}

TEST(RadioRateTest, DownlinkResidualInterferenceByHand)
{
    // E4.2 with eps = 0.1: weak user unchanged (nothing cancelled) = 3.902439;
    // strong: 0.2e-10 / (0.1 * 0.8e-10 + 1e-13) = 2e-11 / 8.1e-12 = 2.469136;
    // its SIC attempt on the weak signal happens before any cancellation: still 3.980100.
    const std::vector<double> pw{0.2, 0.8};
    const std::vector<double> g{1e-10, 2e-11};
    const auto sinr = DownlinkNomaSinr(pw, g, 1e-13, 0.1);
    ExpectRel(sinr[1], 16.0 / 4.1, IDENTITY_REL_TOL);
    ExpectRel(sinr[0], 20.0 / 8.1, IDENTITY_REL_TOL);
    const auto rate = DownlinkNomaRates(1e6, pw, g, 1e-13, 0.1);
    ExpectRel(rate[0], 1e6 * Log2(1.0 + 20.0 / 8.1), IDENTITY_REL_TOL);
    const auto report = CheckDownlinkSic(pw, g, 1e-13, 0.1);
    EXPECT_TRUE(report.feasible);
    ExpectRel(report.users[0].attempts.at(0).sinr, 8.0 / 2.01, IDENTITY_REL_TOL);
}

TEST(RadioRateTest, DownlinkWrongOrderFailsTwoUsers)
{
    // E4.2 powers, but the strong user's signal (user 0) is decoded first: order (0, 1).
    // strong own SINR: 0.2e-10 / (0.8e-10 + 1e-13) = 2 / 8.01 = 0.249688
    // weak decodes it: 0.2 * 2e-11 / (0.8 * 2e-11 + 1e-13) = 0.4 / 1.61 = 0.248447 < 0.249688
    // -> fails, as theory says (g_weak < g_strong). Weak own SINR if it had succeeded:
    // 1.6e-11 / 1e-13 = 160.
    const std::vector<double> pw{0.2, 0.8};
    const std::vector<double> g{1e-10, 2e-11};
    const std::vector<std::size_t> order{0, 1};
    const auto sinr = DownlinkNomaSinr(pw, g, 1e-13, 0.0, order);
    ExpectRel(sinr[0], 2.0 / 8.01, IDENTITY_REL_TOL);
    ExpectRel(sinr[1], 160.0, IDENTITY_REL_TOL);
    const auto report = CheckDownlinkSic(pw, g, 1e-13, 0.0, order);
    EXPECT_FALSE(report.feasible);
    EXPECT_TRUE(report.users[0].feasible);
    EXPECT_TRUE(report.users[0].attempts.empty());
    ASSERT_EQ(report.users[1].attempts.size(), 1U);
    const auto& a = report.users[1].attempts[0];
    EXPECT_EQ(a.signalOf, 0U);
    ExpectRel(a.sinr, 0.4 / 1.61, IDENTITY_REL_TOL);
    ExpectRel(a.requiredSinr, 2.0 / 8.01, IDENTITY_REL_TOL);
    EXPECT_FALSE(a.success);
    EXPECT_FALSE(report.users[1].feasible);
}

TEST(RadioRateTest, DownlinkThreeUsersByHand)
{
    // sigma^2 = 1e-13, g = (1e-10, 5e-11, 1e-11), P = (0.1, 0.3, 0.6).
    // Default order ascending g: (2, 1, 0).
    //   user 2: 0.6e-11 / (0.4e-11 + 1e-13)        = 6 / 4.1   = 1.463415
    //   user 1: 0.3 * 5e-11 / (0.1 * 5e-11 + 1e-13) = 15 / 5.1  = 2.941176
    //   user 0: 0.1e-10 / 1e-13                      = 100
    // SIC at user 1 of signal 2: 0.6 * 5e-11 / (0.4 * 5e-11 + 1e-13) = 30 / 20.1 = 1.492537 ok
    // SIC at user 0 of signal 2: 0.6e-10 / (0.4e-10 + 1e-13)         = 60 / 40.1 = 1.496259 ok
    // SIC at user 0 of signal 1: 0.3e-10 / (0.1e-10 + 1e-13)         = 30 / 10.1 = 2.970297 ok
    const std::vector<double> pw{0.1, 0.3, 0.6};
    const std::vector<double> g{1e-10, 5e-11, 1e-11};
    EXPECT_EQ(DefaultDownlinkSicOrder(g), (std::vector<std::size_t>{2, 1, 0}));
    const auto sinr = DownlinkNomaSinr(pw, g, 1e-13);
    ExpectRel(sinr[2], 6.0 / 4.1, IDENTITY_REL_TOL);
    ExpectRel(sinr[1], 15.0 / 5.1, IDENTITY_REL_TOL);
    ExpectRel(sinr[0], 100.0, IDENTITY_REL_TOL);
    auto report = CheckDownlinkSic(pw, g, 1e-13);
    EXPECT_TRUE(report.feasible);
    ASSERT_EQ(report.users[1].attempts.size(), 1U);
    EXPECT_EQ(report.users[1].attempts[0].signalOf, 2U);
    ExpectRel(report.users[1].attempts[0].sinr, 30.0 / 20.1, IDENTITY_REL_TOL);
    ASSERT_EQ(report.users[0].attempts.size(), 2U);
    EXPECT_EQ(report.users[0].attempts[0].signalOf, 2U);
    ExpectRel(report.users[0].attempts[0].sinr, 60.0 / 40.1, IDENTITY_REL_TOL);
    ExpectRel(report.users[0].attempts[0].requiredSinr, 6.0 / 4.1, IDENTITY_REL_TOL);
    EXPECT_EQ(report.users[0].attempts[1].signalOf, 1U);
    ExpectRel(report.users[0].attempts[1].sinr, 30.0 / 10.1, IDENTITY_REL_TOL);
    ExpectRel(report.users[0].attempts[1].requiredSinr, 15.0 / 5.1, IDENTITY_REL_TOL);

    // Wrong order (1, 2, 0): the middle user's signal first.
    //   user 1 own: 0.3 * 5e-11 / (0.7 * 5e-11 + 1e-13) = 15 / 35.1 = 0.427350
    //   user 2 decodes signal 1: 0.3e-11 / (0.7e-11 + 1e-13) = 3 / 7.1 = 0.422535 < 0.427350 FAIL
    //   user 2 own: 0.6e-11 / (0.1e-11 + 1e-13) = 6 / 1.1 = 5.454545
    //   user 0 decodes signal 1: 0.3e-10 / (0.7e-10 + 1e-13) = 30 / 70.1 = 0.427960 ok
    //   user 0 decodes signal 2: 0.6e-10 / (0.1e-10 + 1e-13) = 60 / 10.1 = 5.940594 ok
    //   user 0 own: 100
    const std::vector<std::size_t> wrong{1, 2, 0};
    const auto wrongSinr = DownlinkNomaSinr(pw, g, 1e-13, 0.0, wrong);
    ExpectRel(wrongSinr[1], 15.0 / 35.1, IDENTITY_REL_TOL);
    ExpectRel(wrongSinr[2], 6.0 / 1.1, IDENTITY_REL_TOL);
    ExpectRel(wrongSinr[0], 100.0, IDENTITY_REL_TOL);
    report = CheckDownlinkSic(pw, g, 1e-13, 0.0, wrong);
    EXPECT_FALSE(report.feasible);
    EXPECT_TRUE(report.users[1].feasible);
    EXPECT_FALSE(report.users[2].feasible);
    ASSERT_EQ(report.users[2].attempts.size(), 1U);
    ExpectRel(report.users[2].attempts[0].sinr, 3.0 / 7.1, IDENTITY_REL_TOL);
    EXPECT_FALSE(report.users[2].attempts[0].success);
    EXPECT_TRUE(report.users[0].feasible);
    ASSERT_EQ(report.users[0].attempts.size(), 2U);
    ExpectRel(report.users[0].attempts[0].sinr, 30.0 / 70.1, IDENTITY_REL_TOL);
    ExpectRel(report.users[0].attempts[1].sinr, 60.0 / 10.1, IDENTITY_REL_TOL);
    ExpectRel(report.users[0].attempts[1].requiredSinr, 6.0 / 1.1, IDENTITY_REL_TOL);
    EXPECT_TRUE(report.users[0].attempts[0].success);
    EXPECT_TRUE(report.users[0].attempts[1].success);
}

TEST(RadioRateTest, DownlinkSicSucceedsIffStrongerOnRandomInstances)
{
    // Theory: decoding signal j at user i uses the same residual interference as at user j,
    // and P_j / (I + sigma^2 / g) increases with g, so it succeeds iff g_i >= g_j (P_j > 0).
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> users(2, 5);
    std::uniform_real_distribution<double> power(0.01, 1.0);
    std::uniform_real_distribution<double> logGain(-12.0, -9.0);
    std::uniform_real_distribution<double> epsDist(0.0, 1.0);
    int failures = 0;
    for (int trial = 0; trial < 300; ++trial)
    {
        const auto n = static_cast<std::size_t>(users(rng));
        std::vector<double> pw(n);
        std::vector<double> g(n);
        for (std::size_t i = 0; i < n; ++i)
        {
            pw[i] = power(rng);
            g[i] = std::pow(10.0, logGain(rng));
        }
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::shuffle(order.begin(), order.end(), rng);
        const double eps = trial % 3 == 0 ? 0.0 : epsDist(rng);
        const auto report = CheckDownlinkSic(pw, g, 1e-13, eps, order);
        bool allOk = true;
        for (std::size_t k = 0; k < n; ++k)
        {
            const std::size_t user = order[k];
            ASSERT_EQ(report.users[user].attempts.size(), k);
            bool userOk = true;
            for (std::size_t m = 0; m < k; ++m)
            {
                const auto& a = report.users[user].attempts[m];
                EXPECT_EQ(a.signalOf, order[m]);
                const bool theory = g[user] >= g[order[m]];
                EXPECT_EQ(a.success, theory);
                failures += theory ? 0 : 1;
                userOk = userOk && theory;
            }
            EXPECT_EQ(report.users[user].feasible, userOk);
            allOk = allOk && userOk;
        }
        EXPECT_EQ(report.feasible, allOk);
        // the default (ascending gain) order is always feasible
        EXPECT_TRUE(CheckDownlinkSic(pw, g, 1e-13, eps).feasible);
    }
    EXPECT_GT(failures, 0); // the random orders did exercise failing decodes
}

TEST(RadioRateTest, DownlinkEqualGainsAreFeasible)
{
    // equal gains: both sides of the SIC test are equal in exact arithmetic -> success
    const auto report = CheckDownlinkSic({0.7, 0.3}, {3e-11, 3e-11}, 1e-13, 0.05, {1, 0});
    EXPECT_TRUE(report.feasible);
}

// ---------------------------------------------------------------------------------------------
// Input validation and degenerate sizes
// ---------------------------------------------------------------------------------------------

TEST(RadioRateTest, NomaInputValidation)
{
    const std::vector<double> p{0.1, 0.1};
    const std::vector<double> h{1e-10, 2e-11};
    ExpectInvalid(
        [&] {
            UplinkNomaSinr({0.1, -0.1}, h, 1e-13);
        },
        {"UplinkNomaSinr", "powerW[1]", "-0.1", ">= 0"});
    ExpectInvalid(
        [&] {
            DownlinkNomaSinr(p, {1e-10, -2e-11}, 1e-13);
        },
        {"DownlinkNomaSinr", "gain[1]", "-2e-11"});
    ExpectInvalid([&] { UplinkNomaSinr(p, h, 1e-13, 1.5); }, {"residualFactor", "1.5", "[0, 1]"});
    ExpectInvalid([&] { CheckDownlinkSic(p, h, 1e-13, -0.1); },
                  {"CheckDownlinkSic", "residualFactor", "-0.1"});
    ExpectInvalid(
        [&] {
            UplinkNomaSinr(p, {1e-10, 2e-11, 3e-11}, 1e-13);
        },
        {"gain has 3", "powerW has 2"});
    ExpectInvalid([&] { UplinkNomaSinr(p, h, 0.0); }, {"noisePowerW", "0", "> 0"});
    ExpectInvalid(
        [&] {
            UplinkNomaSinr(p, h, 1e-13, 0.0, {0, 0});
        },
        {"sicOrder[1]", "repeated", "permutation"});
    ExpectInvalid(
        [&] {
            DownlinkNomaSinr(p, h, 1e-13, 0.0, {0, 2});
        },
        {"sicOrder[1]", "2", "out of range"});
    ExpectInvalid([&] { DownlinkNomaRates(1e6, p, h, 1e-13, 0.0, {0}); },
                  {"sicOrder has 1", "2 users"});
    ExpectInvalid([&] { UplinkNomaRates(-1e6, p, h, 1e-13); },
                  {"UplinkNomaRates", "bandwidthHz", "-1e+06"});
    ExpectInvalid([&] { UplinkNomaSinr(p, {std::nan(""), 1.0}, 1e-13); }, {"gain[0]", "nan"});
    ExpectInvalid([&] { DefaultUplinkSicOrder(p, {1.0}); }, {"DefaultUplinkSicOrder", "gain"});
    ExpectInvalid([&] { DefaultDownlinkSicOrder({-1.0}); }, {"gain[0]", "-1"});
}

TEST(RadioRateTest, NomaEmptyAndSingleUser)
{
    EXPECT_TRUE(UplinkNomaSinr({}, {}, 1e-13).empty());
    EXPECT_TRUE(DownlinkNomaRates(1e6, {}, {}, 1e-13).empty());
    EXPECT_TRUE(CheckDownlinkSic({}, {}, 1e-13).feasible);
    // one user: plain SNR, 0.1 * 1e-10 / 1e-13 = 100, whatever eps
    ExpectRel(UplinkNomaSinr({0.1}, {1e-10}, 1e-13, 0.7).at(0), 100.0, IDENTITY_REL_TOL);
    ExpectRel(DownlinkNomaSinr({0.1}, {1e-10}, 1e-13, 0.7).at(0), 100.0, IDENTITY_REL_TOL);
    // a silent user (p = 0) gets SINR 0 and does not interfere
    const auto sinr = UplinkNomaSinr({0.0, 0.1}, {1e-10, 1e-10}, 1e-13);
    EXPECT_EQ(sinr[0], 0.0);
    ExpectRel(sinr[1], 100.0, IDENTITY_REL_TOL);
}
