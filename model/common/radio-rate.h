/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RADIO_RATE_H
#define RADIO_RATE_H

#include <cstddef>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-common
 * @brief Analytical radio rate functions shared by every allocator of the module.
 *
 * Pure C++ (no simulator headers):
 * - Shannon rates with a given SNR or with a fixed total transmit power spread over the
 *   allocated band (the "SNR bandwidth" s = p g / N0 of Paper 3 and of PartialLoading);
 * - dB / dBm conversions, thermal noise and the 128.1 + 37.6 log10(d/km) path loss;
 * - the minimum bandwidth that carries D bits within T seconds (Lambert W closed form of
 *   Paper 3, Liu, Lan, Huang, IEEE JSAC 41(4), 2023 / arXiv 2204.05223, and an independent
 *   bisection), and its constant-PSD linear variant (PartialLoading, arXiv 2503.22982);
 * - uplink and downlink NOMA SINRs with successive interference cancellation (SIC) on one
 *   subchannel, with a residual-interference factor, the matching rates and a downlink SIC
 *   feasibility check (Paper 4, Yuan et al., arXiv 2312.15850).
 *
 * Source status: the full texts of these papers were not available. The formulas follow the
 * module's reconstruction (R3.1–R3.2 of [3] and 4.1,
 * R1.1 of [1], 2.1 and 2.4), where they are marked [R]
 * (reconstruction): they are standard information-theoretic expressions consistent with the
 * verified facts, not formulas copied from the papers. The residual-interference factor
 * (imperfect SIC) is an extension of this module and is not in the specs.
 *
 * Units: Hz, W, bit, s, bit/s. Linear SNR/SINR values are power ratios.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @brief Thermal noise power spectral density at 290 K, in dBm/Hz.
 */
static constexpr double THERMAL_NOISE_DBM_PER_HZ{-174.0};

/**
 * @ingroup edge-inference-common
 * @brief Thermal noise power spectral density in W/Hz: -174 dBm/Hz rounded to 3.98e-21 W/Hz.
 *
 * This rounded value is the convention of the PartialLoading/SLIDE authors' group
 * (R1.1 of [1]) and is the N0 of the reconstruction's worked examples. The
 * exact conversion DbmToW(THERMAL_NOISE_DBM_PER_HZ) is 3.98107e-21 W/Hz (0.03 % larger).
 */
static constexpr double THERMAL_NOISE_PSD_W_PER_HZ{3.98e-21};

/**
 * @ingroup edge-inference-common
 * @brief Convert a power ratio from dB to linear scale: 10^(db/10).
 * @param [in] db ratio in dB (any finite value)
 * @return the linear ratio
 * @throws std::invalid_argument if db is NaN
 */
double DbToLinear(double db);

/**
 * @ingroup edge-inference-common
 * @brief Convert a linear power ratio to dB: 10 log10(linear).
 * @param [in] linear ratio, >= 0 (0 gives -infinity)
 * @return the ratio in dB
 * @throws std::invalid_argument if linear is negative or NaN
 */
double LinearToDb(double linear);

/**
 * @ingroup edge-inference-common
 * @brief Convert a power from dBm to W: 10^((dbm - 30)/10).
 * @param [in] dbm power in dBm
 * @return the power in W
 * @throws std::invalid_argument if dbm is NaN
 */
double DbmToW(double dbm);

/**
 * @ingroup edge-inference-common
 * @brief Convert a power from W to dBm: 10 log10(w) + 30.
 * @param [in] watts power in W, >= 0 (0 gives -infinity)
 * @return the power in dBm
 * @throws std::invalid_argument if watts is negative or NaN
 */
double WToDbm(double watts);

/**
 * @ingroup edge-inference-common
 * @brief Noise power in a band: N0 * B.
 * @param [in] bandwidthHz band B in Hz, >= 0
 * @param [in] noisePsdWPerHz noise PSD N0 in W/Hz, >= 0 (default: THERMAL_NOISE_PSD_W_PER_HZ)
 * @return the noise power in W
 * @throws std::invalid_argument if an argument is negative or NaN
 */
double NoisePowerW(double bandwidthHz, double noisePsdWPerHz = THERMAL_NOISE_PSD_W_PER_HZ);

/**
 * @ingroup edge-inference-common
 * @brief Path loss of the reconstruction's default model: PL(d) = 128.1 + 37.6 log10(d / 1 km) dB.
 *
 * The 3GPP TR 36.814 macro-cell model used as the default [A] in
 * R3.5 of [3] and 4.5 (not taken from the papers).
 * @param [in] distanceM distance in metres, > 0
 * @return the path loss in dB (90.5 dB at 100 m, 128.1 dB at 1 km)
 * @throws std::invalid_argument if distanceM is not > 0
 */
double PathLossDb(double distanceM);

/**
 * @ingroup edge-inference-common
 * @brief Linear channel power gain of the default path-loss model: 10^(-PathLossDb(d)/10).
 * @param [in] distanceM distance in metres, > 0
 * @return the linear gain g (no fading)
 * @throws std::invalid_argument if distanceM is not > 0
 */
double PathLossGain(double distanceM);

/**
 * @ingroup edge-inference-common
 * @brief Shannon rate B log2(1 + snr).
 * @param [in] bandwidthHz bandwidth B in Hz, >= 0
 * @param [in] snrLinear linear SNR (or SINR), >= 0
 * @return the rate in bit/s
 * @throws std::invalid_argument if an argument is negative or NaN
 */
double ShannonRate(double bandwidthHz, double snrLinear);

/**
 * @ingroup edge-inference-common
 * @brief "SNR bandwidth" s = p g / N0 (Paper 3 section 3.1, PartialLoading section 2.1).
 * @param [in] powerW transmit power p in W, >= 0
 * @param [in] gain linear channel power gain g, >= 0
 * @param [in] noisePsdWPerHz noise PSD N0 in W/Hz, > 0 (default: THERMAL_NOISE_PSD_W_PER_HZ)
 * @return s in Hz
 * @throws std::invalid_argument if an argument is out of range
 */
double SnrBandwidthHz(double powerW,
                      double gain,
                      double noisePsdWPerHz = THERMAL_NOISE_PSD_W_PER_HZ);

/**
 * @ingroup edge-inference-common
 * @brief Rate with a fixed total power spread over the allocated band: w log2(1 + s / w).
 *
 * Paper 3 (Liu-Lan-Huang, JSAC 2023) upload rate r_k = w_k log2(1 + s_k / w_k) [R]; the same
 * expression is the PartialLoading uplink rate. It is increasing and concave in w, 0 at
 * w = 0 and tends to s / ln 2 as w grows (see MaxRateFixedPower()).
 * @param [in] bandwidthHz allocated bandwidth w in Hz, >= 0 (w = 0 gives 0 bit/s)
 * @param [in] snrBandwidthHz s = p g / N0 in Hz, >= 0
 * @return the rate in bit/s
 * @throws std::invalid_argument if an argument is negative or NaN
 */
double ShannonRateFixedPower(double bandwidthHz, double snrBandwidthHz);

/**
 * @ingroup edge-inference-common
 * @brief Infinite-bandwidth limit of ShannonRateFixedPower(): s / ln 2.
 *
 * A rate is achievable with finite bandwidth iff it is strictly below this cap
 * (Paper 3 section 3.2 step 2 [R]).
 * @param [in] snrBandwidthHz s = p g / N0 in Hz, >= 0
 * @return the supremum rate in bit/s
 * @throws std::invalid_argument if snrBandwidthHz is negative or NaN
 */
double MaxRateFixedPower(double snrBandwidthHz);

/**
 * @ingroup edge-inference-common
 * @brief Minimum bandwidth w with w log2(1 + s / w) >= rate, closed form (Lambert W).
 *
 * Paper 3 (Liu-Lan-Huang, JSAC 2023) section 3.2 step 2 [R; closed form derived for the
 * reconstruction, not taken from the paper]: with c = rate ln2 / s, z = -W_{-1}(-c e^{-c}) / c and
 * w = s / (z - 1), where W_{-1} is the lower real branch of the Lambert W function
 * (boost::math::lambert_wm1). Derivation: with y = 1 + s/w the condition is
 * ln(y) / (y - 1) = c, whose root y > 1 exists iff 0 < c < 1.
 * Accuracy: within a few 1e-15 (relative) of bisection for c <= 0.9; the problem itself is
 * ill-conditioned as c -> 1 (the bandwidth diverges), e.g. 1e-12 at c = 0.99 and 1e-10 at
 * c = 0.999, while the rate at the returned bandwidth stays within 1e-13 of the target.
 * If c underflows to a W_{-1} argument of 0 (rate below ~1e-300 s), MinBandwidthBisection()
 * is used instead.
 * @param [in] rateBps required rate in bit/s, >= 0 (0 needs 0 Hz)
 * @param [in] snrBandwidthHz s = p g / N0 in Hz, >= 0 and finite
 * @return the minimum bandwidth in Hz, or +infinity when rate >= MaxRateFixedPower(s)
 *         (infeasible, including s = 0 with rate > 0)
 * @throws std::invalid_argument if an argument is negative or NaN, or s is infinite
 */
double MinBandwidthForRate(double rateBps, double snrBandwidthHz);

/**
 * @ingroup edge-inference-common
 * @brief Minimum bandwidth that uploads bits within timeS with fixed power, closed form.
 *
 * Paper 3 w_k^min(T_u*) and PartialLoading B_k^min(rho_i) (R2.4 of [2] step 2) [R]:
 * MinBandwidthForRate(bits / timeS, snrBandwidthHz).
 * @param [in] bits payload D in bit, >= 0
 * @param [in] timeS available time T in s; T <= 0 with D > 0 is infeasible (not an error,
 *             because T is usually a computed slack that may be negative)
 * @param [in] snrBandwidthHz s = p g / N0 in Hz, >= 0
 * @return the minimum bandwidth in Hz; 0 when bits = 0 (whatever timeS); +infinity when
 *         infeasible (timeS <= 0, or bits / timeS >= s / ln 2)
 * @throws std::invalid_argument if bits or snrBandwidthHz is negative, snrBandwidthHz is
 *         infinite, or any argument is NaN
 */
double MinBandwidthFixedPower(double bits, double timeS, double snrBandwidthHz);

/**
 * @ingroup edge-inference-common
 * @brief Minimum bandwidth for bits within timeS with fixed power, by bisection.
 *
 * Independent of the Lambert W closed form, for cross-checking and as a fallback. The rate
 * w log2(1 + s/w) is increasing in w, so the bracket [0, hi] is found by doubling hi and then
 * halved until hi - lo <= relTolerance * hi. Same conventions as MinBandwidthFixedPower().
 * @param [in] bits payload D in bit, >= 0
 * @param [in] timeS available time T in s (T <= 0 with D > 0 is infeasible)
 * @param [in] snrBandwidthHz s = p g / N0 in Hz, >= 0
 * @param [in] relTolerance relative width of the final bracket, > 0 (default 1e-14)
 * @return the upper end of the final bracket (a bandwidth that does meet the rate) in Hz;
 *         0 when bits = 0; +infinity when infeasible
 * @throws std::invalid_argument if an argument is out of range or NaN
 */
double MinBandwidthBisection(double bits,
                             double timeS,
                             double snrBandwidthHz,
                             double relTolerance = 1e-14);

/**
 * @ingroup edge-inference-common
 * @brief Minimum bandwidth at a constant PSD (rate linear in bandwidth): B = rate / eta.
 *
 * SLIDE downlink (R1.1 of [1]) and PartialLoading section 2.4 with
 * constant uplink PSD [R]: r = B eta with spectral efficiency eta = log2(1 + P g / (N0 B_tot)).
 * @param [in] rateBps required rate in bit/s, >= 0 (0 needs 0 Hz)
 * @param [in] spectralEfficiency eta in bit/s/Hz, >= 0 (eta = 0 with rate > 0 is infeasible)
 * @return the bandwidth in Hz, or +infinity when infeasible
 * @throws std::invalid_argument if an argument is negative or NaN
 */
double MinBandwidthLinear(double rateBps, double spectralEfficiency);

/**
 * @ingroup edge-inference-common
 * @brief Default uplink SIC order: descending received power p_i h_i (strongest decoded first).
 *
 * Paper 4 (Yuan et al., arXiv 2312.15850) section 4.1 decodes in descending channel gain [R];
 * with unequal powers the received power is the natural generalisation. Ties keep the lower
 * index first.
 * @param [in] powerW transmit powers p_i in W, each >= 0
 * @param [in] gain channel gains h_i, each >= 0, same size as powerW
 * @return a permutation of 0..n-1; element k is the user decoded k-th
 * @throws std::invalid_argument on mismatched sizes, negative or NaN entries
 */
std::vector<std::size_t> DefaultUplinkSicOrder(const std::vector<double>& powerW,
                                               const std::vector<double>& gain);

/**
 * @ingroup edge-inference-common
 * @brief Default downlink SIC order: ascending gain g_i (weakest user's signal decoded first).
 *
 * Paper 4 section 4.1 [R]: the weaker user gets more power and its signal is decoded and
 * cancelled by every stronger user. Ties keep the lower index first.
 * @param [in] gain channel gains g_i, each >= 0
 * @return a permutation of 0..n-1; element k is the user whose signal is decoded k-th
 * @throws std::invalid_argument on negative or NaN entries
 */
std::vector<std::size_t> DefaultDownlinkSicOrder(const std::vector<double>& gain);

/**
 * @ingroup edge-inference-common
 * @brief Uplink NOMA SINRs on one subchannel with SIC at the base station.
 *
 * Paper 4 (Yuan et al., arXiv 2312.15850) section 4.1 [R], extended with imperfect SIC. With
 * decoding order pi (pi[0] first) and received powers q_i = p_i h_i, the user at position k has
 *   SINR = q_{pi[k]} / ( sum_{m>k} q_{pi[m]} + eps * sum_{m<k} q_{pi[m]} + sigma^2 ):
 * users decoded later are interference; users already decoded are cancelled up to the
 * residual fraction eps. With eps = 0 and any order, sum_i log2(1 + SINR_i) =
 * log2(1 + sum_i q_i / sigma^2) (sum-rate identity).
 * @param [in] powerW transmit powers p_i in W, each >= 0
 * @param [in] gain channel gains h_i, each >= 0, same size as powerW
 * @param [in] noisePowerW noise power sigma^2 on the subchannel in W, > 0
 * @param [in] residualFactor eps in [0, 1]: fraction of a cancelled signal's power left after
 *             SIC (0 = perfect SIC, 1 = no cancellation)
 * @param [in] sicOrder decoding order, a permutation of 0..n-1; empty = DefaultUplinkSicOrder()
 * @return SINR_i indexed by user (not by position)
 * @throws std::invalid_argument on mismatched sizes, negative/NaN powers or gains, noise not
 *         > 0, eps outside [0, 1], or sicOrder not a permutation
 */
std::vector<double> UplinkNomaSinr(const std::vector<double>& powerW,
                                   const std::vector<double>& gain,
                                   double noisePowerW,
                                   double residualFactor = 0.0,
                                   const std::vector<std::size_t>& sicOrder = {});

/**
 * @ingroup edge-inference-common
 * @brief Uplink NOMA rates R_i = B_s log2(1 + SINR_i) (Paper 4 section 4.1 [R]).
 * @param [in] bandwidthHz subchannel bandwidth B_s in Hz, >= 0
 * @param [in] powerW transmit powers p_i in W (see UplinkNomaSinr())
 * @param [in] gain channel gains h_i (see UplinkNomaSinr())
 * @param [in] noisePowerW noise power sigma^2 on the subchannel in W, > 0
 * @param [in] residualFactor eps in [0, 1] (0 = perfect SIC)
 * @param [in] sicOrder decoding order; empty = DefaultUplinkSicOrder()
 * @return rates in bit/s indexed by user
 * @throws std::invalid_argument as UplinkNomaSinr(), or if bandwidthHz is negative or NaN
 */
std::vector<double> UplinkNomaRates(double bandwidthHz,
                                    const std::vector<double>& powerW,
                                    const std::vector<double>& gain,
                                    double noisePowerW,
                                    double residualFactor = 0.0,
                                    const std::vector<std::size_t>& sicOrder = {});

/**
 * @ingroup edge-inference-common
 * @brief Downlink NOMA SINRs on one subchannel (superposition coding at the AP, SIC at users).
 *
 * Paper 4 section 4.1 [R], extended with imperfect SIC. With order pi (pi[0]'s signal decoded
 * first), user i = pi[k] decodes and cancels the signals pi[0..k-1], then decodes its own:
 *   SINR_i = P_i g_i / ( g_i sum_{m>k} P_{pi[m]} + eps g_i sum_{m<k} P_{pi[m]} + sigma^2 ).
 * These SINRs assume every cancellation succeeds; check that with CheckDownlinkSic().
 * @param [in] powerW AP powers P_i in W, each >= 0
 * @param [in] gain channel gains g_i, each >= 0, same size as powerW
 * @param [in] noisePowerW noise power sigma^2 on the subchannel in W, > 0
 * @param [in] residualFactor eps in [0, 1] (0 = perfect SIC)
 * @param [in] sicOrder decoding order; empty = DefaultDownlinkSicOrder()
 * @return SINR_i indexed by user
 * @throws std::invalid_argument as UplinkNomaSinr()
 */
std::vector<double> DownlinkNomaSinr(const std::vector<double>& powerW,
                                     const std::vector<double>& gain,
                                     double noisePowerW,
                                     double residualFactor = 0.0,
                                     const std::vector<std::size_t>& sicOrder = {});

/**
 * @ingroup edge-inference-common
 * @brief Downlink NOMA rates R_i = B_s log2(1 + SINR_i) (Paper 4 section 4.1 [R]).
 * @param [in] bandwidthHz subchannel bandwidth B_s in Hz, >= 0
 * @param [in] powerW AP powers P_i in W (see DownlinkNomaSinr())
 * @param [in] gain channel gains g_i (see DownlinkNomaSinr())
 * @param [in] noisePowerW noise power sigma^2 on the subchannel in W, > 0
 * @param [in] residualFactor eps in [0, 1] (0 = perfect SIC)
 * @param [in] sicOrder decoding order; empty = DefaultDownlinkSicOrder()
 * @return rates in bit/s indexed by user
 * @throws std::invalid_argument as DownlinkNomaSinr(), or if bandwidthHz is negative or NaN
 */
std::vector<double> DownlinkNomaRates(double bandwidthHz,
                                      const std::vector<double>& powerW,
                                      const std::vector<double>& gain,
                                      double noisePowerW,
                                      double residualFactor = 0.0,
                                      const std::vector<std::size_t>& sicOrder = {});

/**
 * @ingroup edge-inference-common
 * @brief One SIC step at a downlink user: decoding another user's signal.
 */
struct SicDecodeAttempt
{
    std::size_t signalOf{0}; ///< User whose signal is decoded (and then cancelled)
    double sinr{0};          ///< SINR of that signal at the decoding user
    double requiredSinr{0};  ///< The signal's own user SINR (its rate is coded for it)
    bool success{false};     ///< sinr >= requiredSinr (relative slack SIC_RELATIVE_SLACK)
};

/**
 * @ingroup edge-inference-common
 * @brief SIC outcome at one downlink user.
 */
struct SicUserReport
{
    std::vector<SicDecodeAttempt> attempts; ///< One per user ordered before it, in SIC order
    bool feasible{true}; ///< True iff every attempt succeeds (true when there is none)
};

/**
 * @ingroup edge-inference-common
 * @brief SIC outcome on one downlink subchannel.
 */
struct DownlinkSicReport
{
    std::vector<SicUserReport> users; ///< Indexed by user
    bool feasible{true};              ///< True iff every user's SIC is feasible
};

/**
 * @ingroup edge-inference-common
 * @brief Relative slack of the SIC test: success iff sinr >= requiredSinr * (1 - slack).
 *
 * Absorbs rounding when two users have equal gains (then both SINRs are equal in exact
 * arithmetic).
 */
static constexpr double SIC_RELATIVE_SLACK{1e-12};

/**
 * @ingroup edge-inference-common
 * @brief Check downlink SIC feasibility at every user.
 *
 * Paper 4 section 4.1 [R], with imperfect SIC: user i = pi[k] must decode every signal
 * j = pi[m], m < k, at least at j's own SINR (DownlinkNomaSinr()), i.e.
 *   P_j g_i / ( g_i sum_{n>m} P_{pi[n]} + eps g_i sum_{n<m} P_{pi[n]} + sigma^2 ) >= SINR_j.
 * Each attempt is evaluated assuming the earlier cancellations succeeded (the standard SIC
 * condition); after a failure the later entries of that user are therefore conditional.
 * Both sides share the same interference powers (those left after cancelling pi[0..m-1]),
 * and P_j / (I + sigma^2 / g) increases with g, so for P_j > 0 an attempt succeeds iff
 * g_i >= g_j, for any other powers and any eps.
 * @param [in] powerW AP powers P_i in W, each >= 0
 * @param [in] gain channel gains g_i, each >= 0, same size as powerW
 * @param [in] noisePowerW noise power sigma^2 on the subchannel in W, > 0
 * @param [in] residualFactor eps in [0, 1] (0 = perfect SIC)
 * @param [in] sicOrder decoding order; empty = DefaultDownlinkSicOrder()
 * @return the per-user and overall report
 * @throws std::invalid_argument as DownlinkNomaSinr()
 */
DownlinkSicReport CheckDownlinkSic(const std::vector<double>& powerW,
                                   const std::vector<double>& gain,
                                   double noisePowerW,
                                   double residualFactor = 0.0,
                                   const std::vector<std::size_t>& sicOrder = {});

} // namespace edgeinference
} // namespace ns3

#endif // RADIO_RATE_H
