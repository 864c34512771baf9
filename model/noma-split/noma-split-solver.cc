/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-split-solver.h"

#include "ns3/dnn-model.h"
#include "ns3/radio-rate.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace ns3
{
namespace edgeinference
{

namespace
{

/// +infinity
constexpr double INF = std::numeric_limits<double>::infinity();

/// Armijo sufficient-decrease constant of the GD line search
constexpr double ARMIJO_C = 1e-4;

/// Backtracking halvings before a GD step is declared impossible
constexpr uint32_t MAX_BACKTRACKS = 60;

/**
 * @brief Throw std::invalid_argument with the class name as prefix.
 * @param [in] message the rest of the message
 */
[[noreturn]] void
Fail(const std::string& message)
{
    throw std::invalid_argument("NomaSplitSolver: " + message);
}

/**
 * @param [in] value a number
 * @return the number as printed by an ostream
 */
std::string
Str(double value)
{
    std::ostringstream oss;
    oss << value;
    return oss.str();
}

/**
 * @brief Check that a value is finite and >= 0.
 * @param [in] field field description
 * @param [in] value the value
 */
void
CheckNonNegative(const std::string& field, double value)
{
    if (!(value >= 0.0) || !std::isfinite(value))
    {
        Fail(field + " is " + Str(value) + " (must be finite and >= 0)");
    }
}

/**
 * @brief Check that a value is finite and > 0.
 * @param [in] field field description
 * @param [in] value the value
 */
void
CheckPositive(const std::string& field, double value)
{
    if (!(value > 0.0) || !std::isfinite(value))
    {
        Fail(field + " is " + Str(value) + " (must be finite and > 0)");
    }
}

/**
 * @brief Check that a value is in [0, 1].
 * @param [in] field field description
 * @param [in] value the value
 */
void
CheckUnit(const std::string& field, double value)
{
    if (!(value >= 0.0 && value <= 1.0))
    {
        Fail(field + " is " + Str(value) + " (must be in [0, 1])");
    }
}

/**
 * @brief Users of each subchannel of one link, in SIC order, with the link's bandwidth and
 * noise (OMA: one user per group, B_s / Q and sigma^2 / Q).
 */
struct LinkGroups
{
    std::vector<std::vector<uint32_t>> members; ///< Per group: users in SIC order
    std::vector<std::vector<double>> gains;     ///< Per group: the members' gains
    double bandwidthHz{0};                      ///< Bandwidth of one group, Hz
    double noiseW{0};                           ///< Noise of one group, W
};

/**
 * @brief Uplink and downlink groups of a configuration.
 */
struct Groups
{
    LinkGroups uplink;                ///< Uplink
    LinkGroups downlink;              ///< Downlink
    std::vector<uint32_t> offloading; ///< Users with l_i < L_i, ascending
};

/**
 * @brief Identity permutation of size n.
 * @param [in] n size
 * @return 0..n-1
 */
std::vector<std::size_t>
Identity(std::size_t n)
{
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    return order;
}

/**
 * @brief Weighted pool-adjacent-violators: the weighted least-squares fit of y by a
 * non-increasing sequence.
 * @param [in,out] y values in order, replaced by the fit
 * @param [in] wt positive weights
 */
void
NonIncreasingFit(std::vector<double>& y, const std::vector<double>& wt)
{
    std::vector<double> sum;
    std::vector<double> weight;
    std::vector<std::size_t> count;
    for (std::size_t k = 0; k < y.size(); ++k)
    {
        sum.push_back(wt[k] * y[k]);
        weight.push_back(wt[k]);
        count.push_back(1);
        while (sum.size() > 1 &&
               sum[sum.size() - 2] / weight[weight.size() - 2] < sum.back() / weight.back())
        {
            sum[sum.size() - 2] += sum.back();
            weight[weight.size() - 2] += weight.back();
            count[count.size() - 2] += count.back();
            sum.pop_back();
            weight.pop_back();
            count.pop_back();
        }
    }
    std::size_t k = 0;
    for (std::size_t b = 0; b < sum.size(); ++b)
    {
        for (std::size_t m = 0; m < count[b]; ++m)
        {
            y[k++] = sum[b] / weight[b];
        }
    }
}

/**
 * @brief Projection problem min sum_k wt_k (x_k - v_k)^2 over { lower <= x <= 1, sum x <= 1,
 * x non-increasing within each chain (if ordered) }.
 */
struct BudgetProjection
{
    std::vector<std::vector<std::size_t>> chains; ///< Index chains (order constraints inside)
    std::vector<double> v;                        ///< Point to project
    std::vector<double> wt;                       ///< Positive weights
    double lower{0};                              ///< Lower bound
    bool isOrdered{false};                        ///< Enforce the order inside chains

    /**
     * @brief Minimiser of sum wt (x - v)^2 + lambda sum x over box and order: per chain the
     * weighted isotonic fit of v - lambda / (2 wt), clipped to [lower, 1].
     * @param [in] lambda multiplier >= 0
     * @return x(lambda)
     */
    std::vector<double> At(double lambda) const
    {
        std::vector<double> x(v.size());
        for (const auto& chain : chains)
        {
            std::vector<double> y;
            std::vector<double> w;
            for (std::size_t k : chain)
            {
                y.push_back(v[k] - lambda / (2.0 * wt[k]));
                w.push_back(wt[k]);
            }
            if (isOrdered)
            {
                NonIncreasingFit(y, w);
            }
            for (std::size_t m = 0; m < chain.size(); ++m)
            {
                x[chain[m]] = std::clamp(y[m], lower, 1.0);
            }
        }
        return x;
    }
};

/**
 * @brief GSL callback: sum_k x_k(lambda) - 1.
 * @param [in] lambda multiplier
 * @param [in] params a BudgetProjection
 * @return the residual
 */
double
BudgetResidual(double lambda, void* params)
{
    const auto* bp = static_cast<const BudgetProjection*>(params);
    const auto x = bp->At(lambda);
    return std::accumulate(x.begin(), x.end(), 0.0) - 1.0;
}

/**
 * @brief Solve a BudgetProjection: x(0) if its sum fits, else x(lambda) with lambda the root
 * of sum x(lambda) = 1 (decreasing in lambda), found by the GSL Brent solver.
 * @param [in] bp the problem (n lower <= 1)
 * @return the projection
 */
std::vector<double>
SolveBudgetProjection(const BudgetProjection& bp)
{
    if (bp.v.empty())
    {
        return {};
    }
    auto* params = const_cast<BudgetProjection*>(&bp);
    if (BudgetResidual(0.0, params) <= 0.0)
    {
        return bp.At(0.0);
    }
    // at lambda = max 2 wt (v - lower) every shifted value is <= lower: sum = n lower <= 1
    double hi = 0;
    for (std::size_t k = 0; k < bp.v.size(); ++k)
    {
        hi = std::max(hi, 2.0 * bp.wt[k] * (bp.v[k] - bp.lower));
    }
    double lo = 0.0;
    gsl_function fn;
    fn.function = &BudgetResidual;
    fn.params = params;
    gsl_root_fsolver* solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    gsl_error_handler_t* old = gsl_set_error_handler_off();
    if (gsl_root_fsolver_set(solver, &fn, lo, hi) == GSL_SUCCESS)
    {
        for (int it = 0; it < 200; ++it)
        {
            if (gsl_root_fsolver_iterate(solver) != GSL_SUCCESS)
            {
                break;
            }
            lo = gsl_root_fsolver_x_lower(solver);
            hi = gsl_root_fsolver_x_upper(solver);
            if (gsl_root_test_interval(lo, hi, 0.0, 1e-15) == GSL_SUCCESS)
            {
                break;
            }
        }
    }
    gsl_set_error_handler(old);
    gsl_root_fsolver_free(solver);
    return bp.At(hi); // the upper end keeps the sum <= 1
}

/**
 * @brief Number of ways to put n labelled users into bins of capacity q.
 * @param [in] bins number of bins
 * @param [in] q capacity
 * @param [in] n users
 * @return the count (saturating)
 */
uint64_t
CountAssignments(uint32_t bins, uint32_t q, uint32_t n)
{
    // ways[m] = assignments of m labelled users to the bins seen so far
    std::vector<double> ways(n + 1, 0.0);
    ways[0] = 1.0;
    for (uint32_t b = 0; b < bins; ++b)
    {
        std::vector<double> next(n + 1, 0.0);
        for (uint32_t m = 0; m <= n; ++m)
        {
            double binom = 1.0;
            for (uint32_t j = 0; j <= std::min(q, m); ++j)
            {
                if (j > 0)
                {
                    binom = binom * static_cast<double>(m - j + 1) / static_cast<double>(j);
                }
                next[m] += binom * ways[m - j];
            }
        }
        ways = next;
    }
    return ways[n] >= 1.8e19 ? UINT64_MAX : static_cast<uint64_t>(std::llround(ways[n]));
}

/**
 * @brief Enumerate the assignments of users to bins of capacity q.
 * @param [in] users the users
 * @param [in] bins number of bins
 * @param [in] q capacity
 * @return every assignment, as a bin per user (same order as users)
 */
std::vector<std::vector<int32_t>>
EnumerateAssignments(const std::vector<uint32_t>& users, uint32_t bins, uint32_t q)
{
    std::vector<std::vector<int32_t>> out;
    std::vector<int32_t> current(users.size(), 0);
    std::vector<uint32_t> load(bins, 0);
    // iterative depth-first enumeration
    std::function<void(std::size_t)> rec = [&](std::size_t k)
    {
        if (k == users.size())
        {
            out.push_back(current);
            return;
        }
        for (uint32_t b = 0; b < bins; ++b)
        {
            if (load[b] < q)
            {
                ++load[b];
                current[k] = static_cast<int32_t>(b);
                rec(k + 1);
                --load[b];
            }
        }
    };
    rec(0);
    return out;
}

} // namespace

// ------------------------------------------------------------------------------------------
// NomaSplitProfile
// ------------------------------------------------------------------------------------------

uint32_t
NomaSplitProfile::GetNLayers() const
{
    return static_cast<uint32_t>(layerFlops.size());
}

double
NomaSplitProfile::GetLocalFlops(uint32_t split) const
{
    double sum = 0;
    for (uint32_t j = 0; j < split && j < layerFlops.size(); ++j)
    {
        sum += layerFlops[j];
    }
    return sum;
}

double
NomaSplitProfile::GetEdgeFlops(uint32_t split) const
{
    double sum = 0;
    for (uint32_t j = split; j < layerFlops.size(); ++j)
    {
        sum += layerFlops[j];
    }
    return sum;
}

NomaSplitProfile
NomaSplitProfile::FromDnnModel(const DnnModel& model, double resultBits)
{
    if (model.GetNLayers() == 0)
    {
        Fail("DnnModel '" + model.GetName() + "' has no layers (need L >= 1)");
    }
    NomaSplitProfile p;
    p.outputBits.push_back(8.0 * static_cast<double>(model.GetInputBytes()));
    for (const auto& layer : model.GetLayers())
    {
        p.layerFlops.push_back(layer.flops);
        p.outputBits.push_back(8.0 * static_cast<double>(layer.outputBytes));
    }
    p.resultBits = resultBits < 0.0 ? p.outputBits.back() : resultBits;
    return p;
}

bool
NomaSplitConfiguration::operator==(const NomaSplitConfiguration& other) const
{
    return split == other.split && uplinkSubchannel == other.uplinkSubchannel &&
           downlinkSubchannel == other.downlinkSubchannel;
}

const std::vector<std::pair<std::string, NomaSplitAlgorithm>>&
NomaSplitAlgorithmNames()
{
    static const std::vector<std::pair<std::string, NomaSplitAlgorithm>> names = {
        {"li-gd", NomaSplitAlgorithm::LI_GD},
        {"exhaustive-gd", NomaSplitAlgorithm::EXHAUSTIVE_GD},
        {"oma-li-gd", NomaSplitAlgorithm::OMA_LI_GD},
        {"fully-local", NomaSplitAlgorithm::FULLY_LOCAL},
        {"full-offload", NomaSplitAlgorithm::FULL_OFFLOAD},
        {"latency-only", NomaSplitAlgorithm::LATENCY_ONLY},
        {"equal-power", NomaSplitAlgorithm::EQUAL_POWER},
    };
    return names;
}

std::string
ToString(NomaSplitAlgorithm algorithm)
{
    for (const auto& [name, a] : NomaSplitAlgorithmNames())
    {
        if (a == algorithm)
        {
            return name;
        }
    }
    return "unknown";
}

NomaSplitAlgorithm
NomaSplitAlgorithmFromString(const std::string& name)
{
    std::string valid;
    for (const auto& [n, a] : NomaSplitAlgorithmNames())
    {
        if (n == name)
        {
            return a;
        }
        valid += (valid.empty() ? "" : ", ") + n;
    }
    throw std::invalid_argument("unknown NOMA split algorithm \"" + name + "\" (valid: " + valid +
                                ")");
}

// ------------------------------------------------------------------------------------------
// NomaSplitSolver
// ------------------------------------------------------------------------------------------

NomaSplitSolver::NomaSplitSolver(NomaSplitProblem problem)
    : m_problem(std::move(problem))
    , m_stepTolerance(DEFAULT_STEP_TOLERANCE)
    , m_maxIterations(DEFAULT_MAX_ITERATIONS)
    , m_maxConfigurations(DEFAULT_MAX_CONFIGURATIONS)
{
    const auto& p = m_problem;
    if (p.users.empty())
    {
        Fail("users is empty (need U >= 1)");
    }
    if (p.nSubchannels == 0)
    {
        Fail("nSubchannels is 0 (need N_s >= 1)");
    }
    if (p.maxUsersPerSubchannel == 0)
    {
        Fail("maxUsersPerSubchannel is 0 (need Q >= 1)");
    }
    CheckPositive("subchannelBandwidthHz", p.subchannelBandwidthHz);
    CheckPositive("noisePowerW", p.noisePowerW);
    CheckPositive("maxUplinkPowerW", p.maxUplinkPowerW);
    CheckPositive("apPowerW", p.apPowerW);
    CheckPositive("edgeFrequencyHz", p.edgeFrequencyHz);
    CheckPositive("edgeFlopsPerCycle", p.edgeFlopsPerCycle);
    CheckNonNegative("edgeEnergyCoefficient", p.edgeEnergyCoefficient);
    CheckPositive("minUplinkPowerW", p.minUplinkPowerW);
    CheckPositive("minDownlinkPowerW", p.minDownlinkPowerW);
    CheckPositive("minEdgeFrequencyHz", p.minEdgeFrequencyHz);
    if (p.minUplinkPowerW > p.maxUplinkPowerW)
    {
        Fail("minUplinkPowerW is " + Str(p.minUplinkPowerW) + " (must be <= maxUplinkPowerW " +
             Str(p.maxUplinkPowerW) + ")");
    }
    if (p.minDownlinkPowerW > p.apPowerW)
    {
        Fail("minDownlinkPowerW is " + Str(p.minDownlinkPowerW) + " (must be <= apPowerW " +
             Str(p.apPowerW) + ")");
    }
    if (p.minEdgeFrequencyHz > p.edgeFrequencyHz)
    {
        Fail("minEdgeFrequencyHz is " + Str(p.minEdgeFrequencyHz) +
             " (must be <= edgeFrequencyHz " + Str(p.edgeFrequencyHz) + ")");
    }
    CheckUnit("weightLatency", p.weightLatency);
    CheckUnit("weightDeviceEnergy", p.weightDeviceEnergy);
    CheckUnit("weightEdgeEnergy", p.weightEdgeEnergy);
    if (p.weightLatency + p.weightDeviceEnergy + p.weightEdgeEnergy == 0.0)
    {
        Fail("weightLatency, weightDeviceEnergy and weightEdgeEnergy are all 0 (J would be 0)");
    }
    CheckUnit("residualSicFactor", p.residualSicFactor);
    for (std::size_t i = 0; i < p.users.size(); ++i)
    {
        const auto& u = p.users[i];
        const std::string who = "users[" + std::to_string(i) + "].";
        if (u.profile.layerFlops.empty())
        {
            Fail(who + "profile.layerFlops is empty (need L >= 1 layers)");
        }
        if (u.profile.outputBits.size() != u.profile.layerFlops.size() + 1)
        {
            Fail(who + "profile.outputBits has " + std::to_string(u.profile.outputBits.size()) +
                 " entries (need L + 1 = " + std::to_string(u.profile.layerFlops.size() + 1) + ")");
        }
        for (std::size_t j = 0; j < u.profile.layerFlops.size(); ++j)
        {
            CheckNonNegative(who + "profile.layerFlops[" + std::to_string(j) + "]",
                             u.profile.layerFlops[j]);
        }
        for (std::size_t j = 0; j < u.profile.outputBits.size(); ++j)
        {
            CheckNonNegative(who + "profile.outputBits[" + std::to_string(j) + "]",
                             u.profile.outputBits[j]);
        }
        CheckNonNegative(who + "profile.resultBits", u.profile.resultBits);
        if (u.uplinkGain.size() != p.nSubchannels)
        {
            Fail(who + "uplinkGain has " + std::to_string(u.uplinkGain.size()) +
                 " entries (need N_s = " + std::to_string(p.nSubchannels) + ")");
        }
        if (u.downlinkGain.size() != p.nSubchannels)
        {
            Fail(who + "downlinkGain has " + std::to_string(u.downlinkGain.size()) +
                 " entries (need N_s = " + std::to_string(p.nSubchannels) + ")");
        }
        for (uint32_t s = 0; s < p.nSubchannels; ++s)
        {
            CheckNonNegative(who + "uplinkGain[" + std::to_string(s) + "]", u.uplinkGain[s]);
            CheckNonNegative(who + "downlinkGain[" + std::to_string(s) + "]", u.downlinkGain[s]);
        }
    }
}

const NomaSplitProblem&
NomaSplitSolver::GetProblem() const
{
    return m_problem;
}

uint32_t
NomaSplitSolver::GetNUsers() const
{
    return static_cast<uint32_t>(m_problem.users.size());
}

void
NomaSplitSolver::SetStepTolerance(double tolerance)
{
    CheckPositive("stepTolerance", tolerance);
    m_stepTolerance = tolerance;
}

void
NomaSplitSolver::SetMaxIterations(uint32_t maxIterations)
{
    if (maxIterations == 0)
    {
        Fail("maxIterations is 0 (need >= 1)");
    }
    m_maxIterations = maxIterations;
}

void
NomaSplitSolver::SetMaxConfigurations(uint64_t maxConfigurations)
{
    if (maxConfigurations == 0)
    {
        Fail("maxConfigurations is 0 (need >= 1)");
    }
    m_maxConfigurations = maxConfigurations;
}

NomaSplitSolver
NomaSplitSolver::WithProblem(const NomaSplitProblem& problem) const
{
    NomaSplitSolver sub(problem);
    sub.m_stepTolerance = m_stepTolerance;
    sub.m_maxIterations = m_maxIterations;
    sub.m_maxConfigurations = m_maxConfigurations;
    sub.m_maxWork = m_maxWork;
    return sub;
}

void
NomaSplitSolver::SetMaxWork(uint64_t maxWork)
{
    if (maxWork == 0)
    {
        Fail("maxWork is 0 (need >= 1)");
    }
    m_maxWork = maxWork;
}

void
NomaSplitSolver::CheckConfiguration(const NomaSplitConfiguration& c) const
{
    const uint32_t nUsers = GetNUsers();
    if (c.split.size() != nUsers || c.uplinkSubchannel.size() != nUsers ||
        c.downlinkSubchannel.size() != nUsers)
    {
        Fail("configuration vectors have sizes " + std::to_string(c.split.size()) + ", " +
             std::to_string(c.uplinkSubchannel.size()) + ", " +
             std::to_string(c.downlinkSubchannel.size()) + " (need U = " + std::to_string(nUsers) +
             ")");
    }
    std::vector<uint32_t> ulLoad(m_problem.nSubchannels, 0);
    std::vector<uint32_t> dlLoad(m_problem.nSubchannels, 0);
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        const uint32_t nLayers = m_problem.users[i].profile.GetNLayers();
        const std::string who = "configuration user " + std::to_string(i) + ": ";
        if (c.split[i] > nLayers)
        {
            Fail(who + "split is " + std::to_string(c.split[i]) + " (must be in 0.." +
                 std::to_string(nLayers) + ")");
        }
        const bool isLocal = c.split[i] == nLayers;
        for (int link = 0; link < 2; ++link)
        {
            const int32_t s = link == 0 ? c.uplinkSubchannel[i] : c.downlinkSubchannel[i];
            const std::string name = link == 0 ? "uplinkSubchannel" : "downlinkSubchannel";
            if (isLocal)
            {
                if (s != NOMA_SPLIT_NO_SUBCHANNEL)
                {
                    Fail(who + name + " is " + std::to_string(s) +
                         " (must be NOMA_SPLIT_NO_SUBCHANNEL for a fully local user)");
                }
                continue;
            }
            if (s < 0 || static_cast<uint32_t>(s) >= m_problem.nSubchannels)
            {
                Fail(who + name + " is " + std::to_string(s) + " (must be in 0.." +
                     std::to_string(m_problem.nSubchannels - 1) + ")");
            }
            auto& load = link == 0 ? ulLoad : dlLoad;
            if (++load[s] > m_problem.maxUsersPerSubchannel)
            {
                Fail(who + name + " " + std::to_string(s) + " already holds Q = " +
                     std::to_string(m_problem.maxUsersPerSubchannel) + " users");
            }
        }
    }
}

namespace
{

/**
 * @brief Build the groups of one link.
 * @param [in] problem the problem
 * @param [in] sub subchannel per user (NOMA_SPLIT_NO_SUBCHANNEL: not on the link)
 * @param [in] isUplink which link
 * @return the groups
 */
LinkGroups
BuildLink(const NomaSplitProblem& problem, const std::vector<int32_t>& sub, bool isUplink)
{
    LinkGroups g;
    const bool isOma = problem.access == NomaSplitAccess::OMA;
    const double q = static_cast<double>(problem.maxUsersPerSubchannel);
    g.bandwidthHz = isOma ? problem.subchannelBandwidthHz / q : problem.subchannelBandwidthHz;
    g.noiseW = isOma ? problem.noisePowerW / q : problem.noisePowerW;
    auto gainOf = [&](uint32_t i, int32_t s)
    {
        return isUplink ? problem.users[i].uplinkGain[s] : problem.users[i].downlinkGain[s];
    };
    for (uint32_t s = 0; s < problem.nSubchannels; ++s)
    {
        std::vector<uint32_t> members;
        std::vector<double> gains;
        for (uint32_t i = 0; i < sub.size(); ++i)
        {
            if (sub[i] == static_cast<int32_t>(s))
            {
                members.push_back(i);
                gains.push_back(gainOf(i, sub[i]));
            }
        }
        if (members.empty())
        {
            continue;
        }
        if (isOma)
        {
            for (std::size_t k = 0; k < members.size(); ++k)
            {
                g.members.push_back({members[k]});
                g.gains.push_back({gains[k]});
            }
            continue;
        }
        // Uplink: descending gain (R4.1 of [4]); downlink: ascending gain (weakest first)
        std::vector<std::size_t> order =
            isUplink ? DefaultUplinkSicOrder(std::vector<double>(gains.size(), 1.0), gains)
                     : DefaultDownlinkSicOrder(gains);
        std::vector<uint32_t> sortedMembers;
        std::vector<double> sortedGains;
        for (std::size_t k : order)
        {
            sortedMembers.push_back(members[k]);
            sortedGains.push_back(gains[k]);
        }
        g.members.push_back(sortedMembers);
        g.gains.push_back(sortedGains);
    }
    return g;
}

/**
 * @brief Build both links' groups of a configuration.
 * @param [in] problem the problem
 * @param [in] c the configuration (checked)
 * @return the groups
 */
Groups
BuildGroups(const NomaSplitProblem& problem, const NomaSplitConfiguration& c)
{
    Groups g;
    g.uplink = BuildLink(problem, c.uplinkSubchannel, true);
    g.downlink = BuildLink(problem, c.downlinkSubchannel, false);
    for (uint32_t i = 0; i < c.split.size(); ++i)
    {
        if (c.split[i] < problem.users[i].profile.GetNLayers())
        {
            g.offloading.push_back(i);
        }
    }
    return g;
}

/**
 * @brief Rates of every user on a link.
 * @param [in] link the groups
 * @param [in] power per-user powers (size U)
 * @param [in] eps residual SIC factor
 * @param [in] isUplink which link
 * @param [in] nUsers U
 * @return per-user rate, bit/s (0 for users not on the link)
 */
std::vector<double>
LinkRates(const LinkGroups& link,
          const std::vector<double>& power,
          double eps,
          bool isUplink,
          std::size_t nUsers)
{
    std::vector<double> rate(nUsers, 0.0);
    for (std::size_t k = 0; k < link.members.size(); ++k)
    {
        const auto& m = link.members[k];
        std::vector<double> pw(m.size());
        for (std::size_t n = 0; n < m.size(); ++n)
        {
            pw[n] = power[m[n]];
        }
        const auto order = Identity(m.size());
        const auto r =
            isUplink
                ? UplinkNomaRates(link.bandwidthHz, pw, link.gains[k], link.noiseW, eps, order)
                : DownlinkNomaRates(link.bandwidthHz, pw, link.gains[k], link.noiseW, eps, order);
        for (std::size_t n = 0; n < m.size(); ++n)
        {
            rate[m[n]] = r[n];
        }
    }
    return rate;
}

/**
 * @brief Accumulate the gradient of sum_m A_m / R_m over one link, where
 * A_m = bits_m (a + b x_m) and R_m the NOMA rate of member m (x = the link's powers).
 * @param [in] link the groups
 * @param [in] power per-user powers
 * @param [in] bits per-user bits on the link
 * @param [in] a weight of the time term (w_T)
 * @param [in] b weight of the energy term (w_d or w_e)
 * @param [in] eps residual SIC factor
 * @param [in] isUplink which link (uplink interference scales with the interferer's gain,
 * downlink with the receiver's)
 * @param [in,out] grad per-user gradient, W^-1
 */
void
LinkGradient(const LinkGroups& link,
             const std::vector<double>& power,
             const std::vector<double>& bits,
             double a,
             double b,
             double eps,
             bool isUplink,
             std::vector<double>& grad)
{
    const double c = link.bandwidthHz / std::log(2.0);
    for (std::size_t k = 0; k < link.members.size(); ++k)
    {
        const auto& m = link.members[k];
        const auto& h = link.gains[k];
        const std::size_t n = m.size();
        for (std::size_t i = 0; i < n; ++i)
        {
            const uint32_t ui = m[i];
            // interference (received) at member i: later members fully, earlier ones * eps
            double interference = 0;
            for (std::size_t j = 0; j < n; ++j)
            {
                if (j == i)
                {
                    continue;
                }
                const double coef = j > i ? 1.0 : eps;
                interference += coef * power[m[j]] * (isUplink ? h[j] : h[i]);
            }
            const double base = interference + link.noiseW;
            const double total = base + power[ui] * h[i];
            const double rate = c * std::log(total / base);
            const double amount = bits[ui] * (a + b * power[ui]);
            if (amount == 0.0)
            {
                continue;
            }
            grad[ui] += bits[ui] * b / rate;
            const double k2 = -amount / (rate * rate);
            grad[ui] += k2 * c * h[i] / total;
            for (std::size_t j = 0; j < n; ++j)
            {
                if (j == i)
                {
                    continue;
                }
                const double coef = j > i ? 1.0 : eps;
                const double dI = coef * (isUplink ? h[j] : h[i]);
                grad[m[j]] += k2 * c * dI * (1.0 / total - 1.0 / base);
            }
        }
    }
}

} // namespace

NomaSplitContinuous
NomaSplitSolver::DefaultStart(const NomaSplitConfiguration& configuration) const
{
    CheckConfiguration(configuration);
    const uint32_t nUsers = GetNUsers();
    NomaSplitContinuous z;
    z.uplinkPowerW.assign(nUsers, 0.0);
    z.downlinkPowerW.assign(nUsers, 0.0);
    z.edgeFrequencyHz.assign(nUsers, 0.0);
    uint32_t nOff = 0;
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        nOff += configuration.split[i] < m_problem.users[i].profile.GetNLayers() ? 1 : 0;
    }
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        if (configuration.split[i] < m_problem.users[i].profile.GetNLayers())
        {
            z.uplinkPowerW[i] = m_problem.maxUplinkPowerW;
            z.downlinkPowerW[i] = m_problem.apPowerW / nOff;
            z.edgeFrequencyHz[i] = m_problem.edgeFrequencyHz / nOff;
        }
    }
    return z;
}

NomaSplitPrediction
NomaSplitSolver::Predict(const NomaSplitConfiguration& configuration,
                         const NomaSplitContinuous& z) const
{
    CheckConfiguration(configuration);
    const uint32_t nUsers = GetNUsers();
    if (z.uplinkPowerW.size() != nUsers || z.downlinkPowerW.size() != nUsers ||
        z.edgeFrequencyHz.size() != nUsers)
    {
        Fail("continuous vectors must have U = " + std::to_string(nUsers) + " entries");
    }
    const auto& pr = m_problem;
    const Groups groups = BuildGroups(pr, configuration);
    for (uint32_t i : groups.offloading)
    {
        const std::string who = "continuous user " + std::to_string(i) + ": ";
        CheckPositive(who + "uplinkPowerW", z.uplinkPowerW[i]);
        CheckPositive(who + "downlinkPowerW", z.downlinkPowerW[i]);
        CheckPositive(who + "edgeFrequencyHz", z.edgeFrequencyHz[i]);
    }
    const auto ulRate =
        LinkRates(groups.uplink, z.uplinkPowerW, pr.residualSicFactor, true, nUsers);
    const auto dlRate =
        LinkRates(groups.downlink, z.downlinkPowerW, pr.residualSicFactor, false, nUsers);

    NomaSplitPrediction out;
    out.localTimeS.assign(nUsers, 0.0);
    out.uplinkTimeS.assign(nUsers, 0.0);
    out.edgeTimeS.assign(nUsers, 0.0);
    out.downlinkTimeS.assign(nUsers, 0.0);
    out.latencyS.assign(nUsers, 0.0);
    out.uplinkRateBps.assign(nUsers, 0.0);
    out.downlinkRateBps.assign(nUsers, 0.0);
    out.deviceEnergyJ.assign(nUsers, 0.0);
    out.edgeEnergyJ.assign(nUsers, 0.0);
    out.userObjective.assign(nUsers, 0.0);
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        const auto& user = pr.users[i];
        const uint32_t l = configuration.split[i];
        const double localFlops = user.profile.GetLocalFlops(l);
        out.localTimeS[i] = user.device.ComputeTime(localFlops);
        out.deviceEnergyJ[i] = user.device.Energy(localFlops);
        if (l < user.profile.GetNLayers())
        {
            const double f = z.edgeFrequencyHz[i];
            const DeviceComputeModel share(pr.edgeFlopsPerCycle, f, pr.edgeEnergyCoefficient, f, f);
            const double edgeFlops = user.profile.GetEdgeFlops(l);
            out.uplinkRateBps[i] = ulRate[i];
            out.downlinkRateBps[i] = dlRate[i];
            const double ulBits = user.profile.outputBits[l];
            const double dlBits = user.profile.resultBits;
            out.uplinkTimeS[i] = ulBits == 0.0 ? 0.0 : ulBits / ulRate[i];
            out.downlinkTimeS[i] = dlBits == 0.0 ? 0.0 : dlBits / dlRate[i];
            out.edgeTimeS[i] = share.ComputeTime(edgeFlops);
            out.deviceEnergyJ[i] += z.uplinkPowerW[i] * out.uplinkTimeS[i];
            out.edgeEnergyJ[i] =
                share.Energy(edgeFlops) + z.downlinkPowerW[i] * out.downlinkTimeS[i];
        }
        out.latencyS[i] =
            out.localTimeS[i] + out.uplinkTimeS[i] + out.edgeTimeS[i] + out.downlinkTimeS[i];
        out.userObjective[i] = pr.weightLatency * out.latencyS[i] +
                               pr.weightDeviceEnergy * out.deviceEnergyJ[i] +
                               pr.weightEdgeEnergy * out.edgeEnergyJ[i];
        out.objective += out.userObjective[i];
        out.sumLatencyS += out.latencyS[i];
        out.maxLatencyS = std::max(out.maxLatencyS, out.latencyS[i]);
        out.sumDeviceEnergyJ += out.deviceEnergyJ[i];
        out.sumEdgeEnergyJ += out.edgeEnergyJ[i];
    }
    if (pr.access == NomaSplitAccess::NOMA)
    {
        for (std::size_t k = 0; k < groups.downlink.members.size(); ++k)
        {
            const auto& m = groups.downlink.members[k];
            if (m.size() < 2)
            {
                continue;
            }
            std::vector<double> pw;
            for (uint32_t i : m)
            {
                pw.push_back(z.downlinkPowerW[i]);
            }
            const auto report = CheckDownlinkSic(pw,
                                                 groups.downlink.gains[k],
                                                 groups.downlink.noiseW,
                                                 pr.residualSicFactor,
                                                 Identity(m.size()));
            out.isDownlinkSicFeasible = out.isDownlinkSicFeasible && report.feasible;
        }
    }
    return out;
}

NomaSplitContinuous
NomaSplitSolver::Gradient(const NomaSplitConfiguration& configuration,
                          const NomaSplitContinuous& z) const
{
    CheckConfiguration(configuration);
    const uint32_t nUsers = GetNUsers();
    const auto& pr = m_problem;
    const Groups groups = BuildGroups(pr, configuration);
    NomaSplitContinuous g;
    g.uplinkPowerW.assign(nUsers, 0.0);
    g.downlinkPowerW.assign(nUsers, 0.0);
    g.edgeFrequencyHz.assign(nUsers, 0.0);
    std::vector<double> ulBits(nUsers, 0.0);
    std::vector<double> dlBits(nUsers, 0.0);
    for (uint32_t i : groups.offloading)
    {
        const auto& prof = pr.users[i].profile;
        ulBits[i] = prof.outputBits[configuration.split[i]];
        dlBits[i] = prof.resultBits;
        const double edgeFlops = prof.GetEdgeFlops(configuration.split[i]);
        const double f = z.edgeFrequencyHz[i];
        const double n = pr.edgeFlopsPerCycle;
        // d/df [ w_T C / (n f) + w_e kappa f^2 C / n ]
        g.edgeFrequencyHz[i] =
            -pr.weightLatency * edgeFlops / (n * f * f) +
            2.0 * pr.weightEdgeEnergy * pr.edgeEnergyCoefficient * f * edgeFlops / n;
    }
    LinkGradient(groups.uplink,
                 z.uplinkPowerW,
                 ulBits,
                 pr.weightLatency,
                 pr.weightDeviceEnergy,
                 pr.residualSicFactor,
                 true,
                 g.uplinkPowerW);
    LinkGradient(groups.downlink,
                 z.downlinkPowerW,
                 dlBits,
                 pr.weightLatency,
                 pr.weightEdgeEnergy,
                 pr.residualSicFactor,
                 false,
                 g.downlinkPowerW);
    return g;
}

namespace
{

/**
 * @brief sum_m bits_m (a + b x_m) / R_m over one link (the link's part of J), with the
 * NOMA rate of member m as in LinkGradient().
 * @param [in] link the groups
 * @param [in] power per-user powers
 * @param [in] bits per-user bits on the link
 * @param [in] a weight of the time term
 * @param [in] b weight of the energy term
 * @param [in] eps residual SIC factor
 * @param [in] isUplink which link
 * @return the sum (+infinity if a rate with bits > 0 is 0)
 */
double
LinkObjective(const LinkGroups& link,
              const std::vector<double>& power,
              const std::vector<double>& bits,
              double a,
              double b,
              double eps,
              bool isUplink)
{
    const double c = link.bandwidthHz / std::log(2.0);
    double sum = 0;
    for (std::size_t k = 0; k < link.members.size(); ++k)
    {
        const auto& m = link.members[k];
        const auto& h = link.gains[k];
        for (std::size_t i = 0; i < m.size(); ++i)
        {
            if (bits[m[i]] == 0.0)
            {
                continue;
            }
            double interference = 0;
            for (std::size_t j = 0; j < m.size(); ++j)
            {
                if (j != i)
                {
                    interference += (j > i ? 1.0 : eps) * power[m[j]] * (isUplink ? h[j] : h[i]);
                }
            }
            const double base = interference + link.noiseW;
            const double rate = c * std::log1p(power[m[i]] * h[i] / base);
            sum += bits[m[i]] * (a + b * power[m[i]]) / rate;
        }
    }
    return sum;
}

/**
 * @brief Outcome of one block of the projected GD.
 */
struct BlockOutcome
{
    std::vector<double> x;   ///< Last iterate (physical units)
    double objective{0};     ///< Block objective at x
    uint32_t iterations{0};  ///< Accepted steps
    uint32_t evaluations{0}; ///< Objective evaluations
    bool isConverged{false}; ///< Stopped by the step tolerance or stationarity
};

/**
 * @brief Scaled projected gradient descent on one block of variables. The variables are
 * scaled by s_k = max(x_k, SCALE_FLOOR * scale) (refreshed every RESCALE_PERIOD steps), so a
 * step is x <- P_W(x - alpha S^2 grad), P_W the projection in the metric
 * sum (x_k - v_k)^2 / s_k^2; Armijo backtracking along the projection arc and
 * Barzilai-Borwein trial steps; stop when an accepted step moves no x_k by more than
 * tol * scale (or the projected step is zero, or no step decreases J).
 * @param [in] x0 feasible start (physical units)
 * @param [in] scale unit of the block (p^max, P^AP or F^e)
 * @param [in] objective block objective of x
 * @param [in] gradient block gradient with respect to x
 * @param [in] project projection of x in the metric with weights (scale / s_k)^2
 * @param [in] tol step tolerance, in units of scale
 * @param [in] maxIterations iteration limit
 * @return the outcome
 */
BlockOutcome
RunBlockGd(const std::vector<double>& x0,
           double scale,
           const std::function<double(const std::vector<double>&)>& objective,
           const std::function<std::vector<double>(const std::vector<double>&)>& gradient,
           const std::function<std::vector<double>(const std::vector<double>&,
                                                   const std::vector<double>&)>& project,
           double tol,
           uint32_t maxIterations)
{
    constexpr double SCALE_FLOOR = 1e-3;
    constexpr uint32_t RESCALE_PERIOD = 10;
    BlockOutcome out;
    out.x = x0;
    out.objective = objective(out.x);
    ++out.evaluations;
    const std::size_t n = x0.size();
    if (n == 0 || !std::isfinite(out.objective))
    {
        out.isConverged = true;
        return out;
    }
    std::vector<double> sc(n);
    std::vector<double> wt(n);
    auto rescale = [&]()
    {
        for (std::size_t k = 0; k < n; ++k)
        {
            sc[k] = std::max(out.x[k], SCALE_FLOOR * scale);
            wt[k] = (scale / sc[k]) * (scale / sc[k]);
        }
    };
    rescale();
    std::vector<double> g = gradient(out.x);
    double alpha = 1.0;
    std::vector<double> trial(n);
    while (out.iterations < maxIterations)
    {
        bool isAccepted = false;
        std::vector<double> xNew;
        double jNew = out.objective;
        double maxStep = 0;
        for (uint32_t bt = 0; bt < MAX_BACKTRACKS; ++bt)
        {
            for (std::size_t k = 0; k < n; ++k)
            {
                trial[k] = out.x[k] - alpha * sc[k] * sc[k] * g[k];
            }
            xNew = project(trial, wt);
            double slope = 0;
            maxStep = 0;
            for (std::size_t k = 0; k < n; ++k)
            {
                slope += g[k] * (xNew[k] - out.x[k]);
                maxStep = std::max(maxStep, std::abs(xNew[k] - out.x[k]) / scale);
            }
            if (maxStep == 0.0)
            {
                break; // stationary: the projected step does not move
            }
            jNew = objective(xNew);
            ++out.evaluations;
            if (jNew <= out.objective + ARMIJO_C * slope)
            {
                isAccepted = true;
                break;
            }
            alpha *= 0.5;
        }
        if (!isAccepted)
        {
            out.isConverged = true;
            break;
        }
        const std::vector<double> gNew = gradient(xNew);
        // Barzilai-Borwein step in the scaled variables u = x / s
        double ss = 0;
        double sy = 0;
        for (std::size_t k = 0; k < n; ++k)
        {
            const double du = (xNew[k] - out.x[k]) / sc[k];
            ss += du * du;
            sy += du * (gNew[k] - g[k]) * sc[k];
        }
        alpha = sy > 0.0 ? std::clamp(ss / sy, 1e-12, 1e12) : std::min(alpha * 4.0, 1e12);
        out.x = xNew;
        out.objective = jNew;
        g = gNew;
        ++out.iterations;
        if (maxStep < tol)
        {
            out.isConverged = true;
            break;
        }
        if (out.iterations % RESCALE_PERIOD == 0)
        {
            rescale();
            alpha = 1.0;
        }
    }
    return out;
}

} // namespace

NomaSplitContinuous
NomaSplitSolver::Project(const NomaSplitConfiguration& configuration,
                         const NomaSplitContinuous& z) const
{
    CheckConfiguration(configuration);
    const auto& pr = m_problem;
    const uint32_t nUsers = GetNUsers();
    const Groups groups = BuildGroups(pr, configuration);
    NomaSplitContinuous out;
    out.uplinkPowerW.assign(nUsers, 0.0);
    out.downlinkPowerW.assign(nUsers, 0.0);
    out.edgeFrequencyHz.assign(nUsers, 0.0);
    const std::size_t nOff = groups.offloading.size();
    if (nOff == 0)
    {
        return out;
    }
    if (nOff * pr.minDownlinkPowerW > pr.apPowerW ||
        nOff * pr.minEdgeFrequencyHz > pr.edgeFrequencyHz)
    {
        Fail("configuration with " + std::to_string(nOff) +
             " offloading users violates the lower bounds (n * minDownlinkPowerW > apPowerW "
             "or n * minEdgeFrequencyHz > edgeFrequencyHz)");
    }
    out.uplinkPowerW = ProjectUplink(groups.offloading, z.uplinkPowerW);
    out.downlinkPowerW = ProjectDownlink(groups.downlink.members, z.downlinkPowerW, {});
    out.edgeFrequencyHz = ProjectEdge(groups.offloading, z.edgeFrequencyHz, {});
    return out;
}

std::vector<double>
NomaSplitSolver::ProjectUplink(const std::vector<uint32_t>& offloading,
                               const std::vector<double>& p) const
{
    std::vector<double> out(p.size(), 0.0);
    for (uint32_t i : offloading)
    {
        out[i] = std::clamp(p[i], m_problem.minUplinkPowerW, m_problem.maxUplinkPowerW);
    }
    return out;
}

std::vector<double>
NomaSplitSolver::ProjectDownlink(const std::vector<std::vector<uint32_t>>& members,
                                 const std::vector<double>& power,
                                 const std::vector<double>& weight) const
{
    // in units of P^AP: weighted isotonic fit per NOMA subchannel (SIC order: weakest first,
    // non-increasing power), clip, and shift onto the budget
    const auto& pr = m_problem;
    BudgetProjection bp;
    bp.lower = pr.minDownlinkPowerW / pr.apPowerW;
    bp.isOrdered = pr.enforceDownlinkPowerOrder && pr.access == NomaSplitAccess::NOMA;
    std::vector<uint32_t> who;
    for (const auto& m : members)
    {
        std::vector<std::size_t> chain;
        for (uint32_t i : m)
        {
            chain.push_back(bp.v.size());
            bp.v.push_back(power[i] / pr.apPowerW);
            bp.wt.push_back(weight.empty() ? 1.0 : weight[i]);
            who.push_back(i);
        }
        bp.chains.push_back(chain);
    }
    std::vector<double> out(power.size(), 0.0);
    const auto x = SolveBudgetProjection(bp);
    for (std::size_t k = 0; k < x.size(); ++k)
    {
        out[who[k]] = x[k] * pr.apPowerW;
    }
    return out;
}

std::vector<double>
NomaSplitSolver::ProjectEdge(const std::vector<uint32_t>& offloading,
                             const std::vector<double>& f,
                             const std::vector<double>& weight) const
{
    const auto& pr = m_problem;
    BudgetProjection bp;
    bp.lower = pr.minEdgeFrequencyHz / pr.edgeFrequencyHz;
    for (uint32_t i : offloading)
    {
        bp.chains.push_back({bp.v.size()});
        bp.v.push_back(f[i] / pr.edgeFrequencyHz);
        bp.wt.push_back(weight.empty() ? 1.0 : weight[i]);
    }
    std::vector<double> out(f.size(), 0.0);
    const auto x = SolveBudgetProjection(bp);
    for (std::size_t k = 0; k < x.size(); ++k)
    {
        out[offloading[k]] = x[k] * pr.edgeFrequencyHz;
    }
    return out;
}

NomaSplitGdResult
NomaSplitSolver::OptimiseContinuous(const NomaSplitConfiguration& configuration,
                                    const NomaSplitContinuous& start) const
{
    return OptimiseContinuous(configuration, start, nullptr);
}

NomaSplitGdResult
NomaSplitSolver::OptimiseContinuous(const NomaSplitConfiguration& configuration,
                                    const NomaSplitContinuous& start,
                                    BlockCache* cache) const
{
    CheckConfiguration(configuration);
    const auto& pr = m_problem;
    const uint32_t nUsers = GetNUsers();
    NomaSplitGdResult result;
    const Groups groups = BuildGroups(pr, configuration);
    const std::size_t nOff = groups.offloading.size();
    if (nOff * pr.minDownlinkPowerW > pr.apPowerW ||
        nOff * pr.minEdgeFrequencyHz > pr.edgeFrequencyHz)
    {
        result.isFeasible = false;
        result.reason = std::to_string(nOff) + " offloading users exceed apPowerW / " +
                        "minDownlinkPowerW or edgeFrequencyHz / minEdgeFrequencyHz";
        return result;
    }
    // block keys (BlockCache): what each block's optimum depends on
    std::vector<int32_t> ulKey(nUsers);
    std::vector<int32_t> edgeKey(nUsers);
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        const bool isOff = configuration.uplinkSubchannel[i] != NOMA_SPLIT_NO_SUBCHANNEL;
        const auto split = static_cast<int32_t>(configuration.split[i]);
        ulKey[i] = isOff ? configuration.uplinkSubchannel[i] * 65536 + split : -1;
        edgeKey[i] = isOff ? split : -1;
    }
    const std::vector<int32_t>& dlKey = configuration.downlinkSubchannel;
    // every block known (BlockCache): their optima make the result (the rates are not 0,
    // since each block comes from a configuration with the same assignment on its link)
    if (cache != nullptr && cache->uplink.count(ulKey) > 0 &&
        cache->downlink.count(configuration.downlinkSubchannel) > 0 &&
        cache->edge.count(edgeKey) > 0)
    {
        const auto& off = groups.offloading;
        result.point = DefaultStart(configuration);
        const std::vector<double>& ulX = cache->uplink[ulKey];
        const std::vector<double>& dlX = cache->downlink[configuration.downlinkSubchannel];
        const std::vector<double>& edgeX = cache->edge[edgeKey];
        for (std::size_t k = 0; k < off.size(); ++k)
        {
            result.point.uplinkPowerW[off[k]] = ulX[k];
            result.point.downlinkPowerW[off[k]] = dlX[k];
            result.point.edgeFrequencyHz[off[k]] = edgeX[k];
        }
        result.objective = Predict(configuration, result.point).objective;
        result.isConverged = true;
        return result;
    }
    // fill missing entries of the start from the default start, then project
    const NomaSplitContinuous def = DefaultStart(configuration);
    NomaSplitContinuous z = def;
    auto pick = [](const std::vector<double>& v, std::size_t i, double fallback)
    {
        return i < v.size() && v[i] > 0.0 && std::isfinite(v[i]) ? v[i] : fallback;
    };
    for (uint32_t i : groups.offloading)
    {
        z.uplinkPowerW[i] = pick(start.uplinkPowerW, i, def.uplinkPowerW[i]);
        z.downlinkPowerW[i] = pick(start.downlinkPowerW, i, def.downlinkPowerW[i]);
        z.edgeFrequencyHz[i] = pick(start.edgeFrequencyHz, i, def.edgeFrequencyHz[i]);
    }
    z = Project(configuration, z);
    if (!std::isfinite(Predict(configuration, z).objective))
    {
        result.point = z;
        result.isFeasible = false;
        result.reason = "a rate is 0 (zero channel gain on an assigned subchannel)";
        return result;
    }
    // J = J_ul(p) + J_dl(P) + J_edge(f) + const and the feasible set is a product, so the
    // projected GD runs block by block (each block with its own step size)
    std::vector<double> ulBits(nUsers, 0.0);
    std::vector<double> dlBits(nUsers, 0.0);
    std::vector<double> edgeFlops(nUsers, 0.0);
    for (uint32_t i : groups.offloading)
    {
        const auto& prof = pr.users[i].profile;
        ulBits[i] = prof.outputBits[configuration.split[i]];
        dlBits[i] = prof.resultBits;
        edgeFlops[i] = prof.GetEdgeFlops(configuration.split[i]);
    }
    const double eps = pr.residualSicFactor;
    auto full = [nUsers](const std::vector<uint32_t>& idx, const std::vector<double>& x)
    {
        std::vector<double> v(nUsers, 0.0);
        for (std::size_t k = 0; k < idx.size(); ++k)
        {
            v[idx[k]] = x[k];
        }
        return v;
    };
    auto compact = [](const std::vector<uint32_t>& idx, const std::vector<double>& v)
    {
        std::vector<double> x(idx.size());
        for (std::size_t k = 0; k < idx.size(); ++k)
        {
            x[k] = v[idx[k]];
        }
        return x;
    };
    const auto& off = groups.offloading;
    // run a block, or take its optimum from the cache
    auto cached = [cache](std::map<std::vector<int32_t>, std::vector<double>>* table,
                          const std::vector<int32_t>& key,
                          const auto& run)
    {
        if (cache != nullptr)
        {
            const auto it = table->find(key);
            if (it != table->end())
            {
                BlockOutcome hit;
                hit.x = it->second;
                hit.isConverged = true;
                return hit;
            }
        }
        BlockOutcome out = run();
        if (cache != nullptr)
        {
            (*table)[key] = out.x;
        }
        return out;
    };
    // one link block (uplink powers p or downlink powers P): the same GD on that link's
    // objective and gradient, with the link's own bound and projection
    auto runLinkBlock = [&](const auto& link,
                            const std::vector<double>& startPower,
                            double maxPower,
                            const std::vector<double>& bits,
                            double energyWeight,
                            bool isUplink,
                            const auto& project)
    {
        return RunBlockGd(
            compact(off, startPower),
            maxPower,
            [&](const std::vector<double>& x) {
                return LinkObjective(
                    link, full(off, x), bits, pr.weightLatency, energyWeight, eps, isUplink);
            },
            [&](const std::vector<double>& x)
            {
                std::vector<double> g(nUsers, 0.0);
                LinkGradient(
                    link, full(off, x), bits, pr.weightLatency, energyWeight, eps, isUplink, g);
                return compact(off, g);
            },
            project,
            m_stepTolerance,
            m_maxIterations);
    };
    const BlockOutcome ul =
        cached(cache != nullptr ? &cache->uplink : nullptr,
               ulKey,
               [&]()
               {
                   return runLinkBlock(groups.uplink,
                                       z.uplinkPowerW,
                                       pr.maxUplinkPowerW,
                                       ulBits,
                                       pr.weightDeviceEnergy,
                                       true,
                                       [&](const std::vector<double>& x, const std::vector<double>&)
                                       { return compact(off, ProjectUplink(off, full(off, x))); });
               });
    const BlockOutcome dl = cached(
        cache != nullptr ? &cache->downlink : nullptr,
        dlKey,
        [&]()
        {
            return runLinkBlock(
                groups.downlink,
                z.downlinkPowerW,
                pr.apPowerW,
                dlBits,
                pr.weightEdgeEnergy,
                false,
                [&](const std::vector<double>& x, const std::vector<double>& w) {
                    return compact(
                        off, ProjectDownlink(groups.downlink.members, full(off, x), full(off, w)));
                });
        });
    // edge block: w_T C / (n f) + w_e kappa f^2 C / n per user
    const double n = pr.edgeFlopsPerCycle;
    const BlockOutcome edge = cached(
        cache != nullptr ? &cache->edge : nullptr,
        edgeKey,
        [&]()
        {
            return RunBlockGd(
                compact(off, z.edgeFrequencyHz),
                pr.edgeFrequencyHz,
                [&](const std::vector<double>& x)
                {
                    double sum = 0;
                    for (std::size_t k = 0; k < x.size(); ++k)
                    {
                        const double c = edgeFlops[off[k]];
                        sum += pr.weightLatency * c / (n * x[k]) +
                               pr.weightEdgeEnergy * pr.edgeEnergyCoefficient * x[k] * x[k] * c / n;
                    }
                    return sum;
                },
                [&](const std::vector<double>& x)
                {
                    std::vector<double> g(x.size());
                    for (std::size_t k = 0; k < x.size(); ++k)
                    {
                        const double c = edgeFlops[off[k]];
                        g[k] = -pr.weightLatency * c / (n * x[k] * x[k]) +
                               2.0 * pr.weightEdgeEnergy * pr.edgeEnergyCoefficient * x[k] * c / n;
                    }
                    return g;
                },
                [&](const std::vector<double>& x, const std::vector<double>& w)
                { return compact(off, ProjectEdge(off, full(off, x), full(off, w))); },
                m_stepTolerance,
                m_maxIterations);
        });
    result.point.uplinkPowerW = full(off, ul.x);
    result.point.downlinkPowerW = full(off, dl.x);
    result.point.edgeFrequencyHz = full(off, edge.x);
    result.objective = Predict(configuration, result.point).objective;
    result.iterations = std::max({ul.iterations, dl.iterations, edge.iterations});
    result.evaluations = ul.evaluations + dl.evaluations + edge.evaluations;
    result.isConverged = ul.isConverged && dl.isConverged && edge.isConverged;
    return result;
}

uint64_t
NomaSplitSolver::CountConfigurations() const
{
    const uint32_t nUsers = GetNUsers();
    // e[k] = split vectors with exactly k offloading users (elementary symmetric sums)
    std::vector<double> e(nUsers + 1, 0.0);
    e[0] = 1.0;
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        const double ways = m_problem.users[i].profile.GetNLayers();
        for (uint32_t k = i + 1; k > 0; --k)
        {
            e[k] += e[k - 1] * ways;
        }
    }
    double total = 0;
    for (uint32_t k = 0; k <= nUsers; ++k)
    {
        const double a = static_cast<double>(
            CountAssignments(m_problem.nSubchannels, m_problem.maxUsersPerSubchannel, k));
        total += e[k] * a * a;
    }
    return total >= 1.8e19 ? UINT64_MAX : static_cast<uint64_t>(std::llround(total));
}

NomaSplitConfiguration
NomaSplitSolver::PairingConfiguration() const
{
    const uint32_t nUsers = GetNUsers();
    const uint32_t nSub = m_problem.nSubchannels;
    const uint32_t q = m_problem.maxUsersPerSubchannel;
    NomaSplitConfiguration c;
    c.split.resize(nUsers);
    c.uplinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    c.downlinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    for (int link = 0; link < 2; ++link)
    {
        std::vector<double> meanGain(nUsers, 0.0);
        for (uint32_t i = 0; i < nUsers; ++i)
        {
            const auto& gains =
                link == 0 ? m_problem.users[i].uplinkGain : m_problem.users[i].downlinkGain;
            meanGain[i] = std::accumulate(gains.begin(), gains.end(), 0.0) / nSub;
        }
        // ranking by the uplink gain decides who offloads; each link pairs by its own gains
        std::vector<uint32_t> rank(nUsers);
        std::iota(rank.begin(), rank.end(), 0);
        std::stable_sort(rank.begin(),
                         rank.end(),
                         [&](uint32_t a, uint32_t b) { return meanGain[a] > meanGain[b]; });
        if (link == 1)
        {
            // only the users chosen on the uplink take part
            rank.erase(std::remove_if(rank.begin(),
                                      rank.end(),
                                      [&](uint32_t i) {
                                          return c.uplinkSubchannel[i] == NOMA_SPLIT_NO_SUBCHANNEL;
                                      }),
                       rank.end());
        }
        const uint32_t nOff =
            std::min<uint64_t>(static_cast<uint64_t>(rank.size()), uint64_t{nSub} * q);
        rank.resize(nOff);
        const uint32_t nGroups = std::min(nSub, nOff);
        for (uint32_t k = 0; k < nOff; ++k)
        {
            // snake order: 0, 1, .., m-1, m-1, .., 1, 0, 0, 1, ...
            const uint32_t pass = k / nGroups;
            const uint32_t pos = k % nGroups;
            const uint32_t group = pass % 2 == 0 ? pos : nGroups - 1 - pos;
            auto& sub = link == 0 ? c.uplinkSubchannel : c.downlinkSubchannel;
            sub[rank[k]] = static_cast<int32_t>(group);
        }
    }
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        c.split[i] = c.uplinkSubchannel[i] == NOMA_SPLIT_NO_SUBCHANNEL
                         ? m_problem.users[i].profile.GetNLayers()
                         : 0;
    }
    return c;
}

NomaSplitSolver::Incumbent
NomaSplitSolver::EvaluateCandidate(const NomaSplitConfiguration& configuration,
                                   const NomaSplitContinuous& warm,
                                   bool useGd,
                                   NomaSplitDecision& decision,
                                   BlockCache* cache) const
{
    Incumbent out;
    out.configuration = configuration;
    // a configuration's bookkeeping (copies, checks, start point) costs O(U)
    const uint64_t perConfiguration = NOMA_SPLIT_WORK_PER_CONFIGURATION + GetNUsers() / 4;
    if (decision.nObjectiveEvaluations + perConfiguration * decision.nConfigurations >= m_maxWork)
    {
        // budget spent: the candidate is not evaluated and never accepted
        decision.isBudgetExhausted = true;
        out.point = warm;
        out.objective = INF;
        return out;
    }
    ++decision.nConfigurations;
    if (useGd)
    {
        ++decision.nGdRuns;
        const auto r = OptimiseContinuous(configuration, warm, cache);
        decision.nObjectiveEvaluations += r.evaluations;
        out.point = r.point;
        out.objective = r.isFeasible ? r.objective : INF;
        return out;
    }
    out.point = DefaultStart(configuration);
    out.objective = Predict(configuration, out.point).objective;
    ++decision.nObjectiveEvaluations;
    return out;
}

NomaSplitSolver::Incumbent
NomaSplitSolver::RunLoopIteration(bool useGd, NomaSplitDecision& decision) const
{
    const uint32_t nUsers = GetNUsers();
    const uint32_t nSub = m_problem.nSubchannels;
    const uint32_t q = m_problem.maxUsersPerSubchannel;
    auto isBetter = [](double candidate, double incumbent)
    {
        return candidate < incumbent - ACCEPT_RELATIVE_DECREASE * std::abs(incumbent);
    };
    // step 1: reconstruction's start (l = 0, strong-weak pairing, default z), and the all-local
    // configuration as a second initial candidate
    BlockCache cache;
    const NomaSplitConfiguration pairing = PairingConfiguration();
    Incumbent inc = EvaluateCandidate(pairing, DefaultStart(pairing), useGd, decision, &cache);
    NomaSplitConfiguration local;
    local.split.resize(nUsers);
    local.uplinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    local.downlinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        local.split[i] = m_problem.users[i].profile.GetNLayers();
    }
    if (!(pairing == local))
    {
        Incumbent loc = EvaluateCandidate(local, DefaultStart(local), false, decision);
        if (isBetter(loc.objective, inc.objective) || !std::isfinite(inc.objective))
        {
            inc = loc;
        }
    }
    decision.objectiveHistory.push_back(inc.objective);
    auto load = [&](const std::vector<int32_t>& sub, int32_t s)
    {
        return static_cast<uint32_t>(std::count(sub.begin(), sub.end(), s));
    };
    // the configuration with the whole groups of subchannels s and t exchanged on the uplink
    // (link 0), the downlink (1) or both (2)
    auto exchanged = [](NomaSplitConfiguration c, int link, uint32_t s, uint32_t t)
    {
        auto exchange = [s, t](std::vector<int32_t>& sub)
        {
            for (int32_t& v : sub)
            {
                if (v == static_cast<int32_t>(s))
                {
                    v = static_cast<int32_t>(t);
                }
                else if (v == static_cast<int32_t>(t))
                {
                    v = static_cast<int32_t>(s);
                }
            }
        };
        if (link != 1)
        {
            exchange(c.uplinkSubchannel);
        }
        if (link != 0)
        {
            exchange(c.downlinkSubchannel);
        }
        return c;
    };
    auto accept = [&](const Incumbent& candidate)
    {
        inc = candidate;
        decision.objectiveHistory.push_back(inc.objective);
    };
    for (uint32_t round = 0; round < DEFAULT_MAX_ROUNDS; ++round)
    {
        bool isChanged = false;
        // step 2: split points, warm start from the previous split's optimum; every user's
        // sweep starts from the same incumbent and the best single-user change is applied
        // (steepest descent over users), until no user improves
        while (true)
        {
            Incumbent best;
            best.objective = INF;
            std::vector<Incumbent> top; // the LOOKAHEAD_CANDIDATES best candidates, ascending J
            for (uint32_t i = 0; i < nUsers; ++i)
            {
                if (decision.isBudgetExhausted)
                {
                    break; // SetMaxWork() reached: no further candidates
                }
                const uint32_t nLayers = m_problem.users[i].profile.GetNLayers();
                NomaSplitContinuous warm = inc.point;
                for (uint32_t l = 0; l <= nLayers; ++l)
                {
                    std::vector<NomaSplitConfiguration> candidates;
                    NomaSplitConfiguration c = inc.configuration;
                    c.split[i] = l;
                    if (l == nLayers)
                    {
                        c.uplinkSubchannel[i] = NOMA_SPLIT_NO_SUBCHANNEL;
                        c.downlinkSubchannel[i] = NOMA_SPLIT_NO_SUBCHANNEL;
                        candidates.push_back(c);
                    }
                    else
                    {
                        // the user (re)enters the links with split l: its current slots if
                        // it offloads, every pair of subchannels with a free slot (its own
                        // slots freed), and the slots of each offloading user j, who becomes
                        // local
                        const bool isOffloading = c.uplinkSubchannel[i] != NOMA_SPLIT_NO_SUBCHANNEL;
                        if (isOffloading)
                        {
                            candidates.push_back(c);
                        }
                        NomaSplitConfiguration freed = c;
                        freed.uplinkSubchannel[i] = NOMA_SPLIT_NO_SUBCHANNEL;
                        freed.downlinkSubchannel[i] = NOMA_SPLIT_NO_SUBCHANNEL;
                        for (uint32_t su = 0; su < nSub; ++su)
                        {
                            for (uint32_t sd = 0; sd < nSub; ++sd)
                            {
                                if (load(freed.uplinkSubchannel, su) < q &&
                                    load(freed.downlinkSubchannel, sd) < q)
                                {
                                    NomaSplitConfiguration d = freed;
                                    d.uplinkSubchannel[i] = static_cast<int32_t>(su);
                                    d.downlinkSubchannel[i] = static_cast<int32_t>(sd);
                                    if (!(d == c) || !isOffloading)
                                    {
                                        candidates.push_back(d);
                                    }
                                }
                            }
                        }
                        for (uint32_t j = 0; j < nUsers; ++j)
                        {
                            if (j == i || c.uplinkSubchannel[j] == NOMA_SPLIT_NO_SUBCHANNEL)
                            {
                                continue;
                            }
                            NomaSplitConfiguration d = freed;
                            d.uplinkSubchannel[i] = c.uplinkSubchannel[j];
                            d.downlinkSubchannel[i] = c.downlinkSubchannel[j];
                            d.uplinkSubchannel[j] = NOMA_SPLIT_NO_SUBCHANNEL;
                            d.downlinkSubchannel[j] = NOMA_SPLIT_NO_SUBCHANNEL;
                            d.split[j] = m_problem.users[j].profile.GetNLayers();
                            candidates.push_back(d);
                        }
                    }
                    Incumbent bestOfL;
                    bestOfL.objective = INF;
                    for (const auto& cand : candidates)
                    {
                        if (cand == inc.configuration)
                        {
                            continue; // the incumbent itself
                        }
                        Incumbent r = EvaluateCandidate(cand, warm, useGd, decision, &cache);
                        if (std::isfinite(r.objective) && (top.size() < LOOKAHEAD_CANDIDATES ||
                                                           r.objective < top.back().objective))
                        {
                            auto at = std::upper_bound(top.begin(),
                                                       top.end(),
                                                       r.objective,
                                                       [](double v, const Incumbent& x)
                                                       { return v < x.objective; });
                            top.insert(at, r);
                            if (top.size() > LOOKAHEAD_CANDIDATES)
                            {
                                top.pop_back();
                            }
                        }
                        if (r.objective < bestOfL.objective)
                        {
                            bestOfL = r;
                        }
                    }
                    if (std::isfinite(bestOfL.objective))
                    {
                        warm = bestOfL.point;
                        if (bestOfL.objective < best.objective)
                        {
                            best = bestOfL;
                        }
                    }
                }
            }
            if (!isBetter(best.objective, inc.objective) && useGd)
            {
                // lookahead: no single-user change helps; each of the best few changes
                // followed by an exchange of two subchannel groups (step 3b's move)
                for (const Incumbent& t : top)
                {
                    for (int link = 0; link < 3; ++link)
                    {
                        for (uint32_t a = 0; a < nSub; ++a)
                        {
                            if (decision.isBudgetExhausted)
                            {
                                break; // SetMaxWork() reached: no further candidates
                            }
                            for (uint32_t b = a + 1; b < nSub; ++b)
                            {
                                const NomaSplitConfiguration c =
                                    exchanged(t.configuration, link, a, b);
                                if (c == t.configuration || c == inc.configuration)
                                {
                                    continue;
                                }
                                Incumbent r =
                                    EvaluateCandidate(c, t.point, useGd, decision, &cache);
                                if (r.objective < best.objective)
                                {
                                    best = r;
                                }
                            }
                        }
                    }
                }
            }
            if (!isBetter(best.objective, inc.objective))
            {
                break;
            }
            accept(best);
            isChanged = true;
        }
        // step 3: subchannel moves: to a subchannel with room, or swaps with its members;
        // uplink, downlink, then both links at once
        // (link 2: the same move on both links at once)
        auto moveOn = [](NomaSplitConfiguration& c, int link, uint32_t i, uint32_t s)
        {
            // plain move of user i to subchannel s on one link (0 uplink, 1 downlink)
            (link == 0 ? c.uplinkSubchannel : c.downlinkSubchannel)[i] = static_cast<int32_t>(s);
        };
        for (int link = 0; link < 3; ++link)
        {
            for (uint32_t i = 0; i < nUsers; ++i)
            {
                if (decision.isBudgetExhausted)
                {
                    break; // SetMaxWork() reached: no further candidates
                }
                for (uint32_t s = 0; s < nSub; ++s)
                {
                    std::vector<NomaSplitConfiguration> candidates;
                    const auto& base = inc.configuration;
                    if (base.uplinkSubchannel[i] == NOMA_SPLIT_NO_SUBCHANNEL)
                    {
                        continue;
                    }
                    // per link: the plain move if s has room, else one swap per member of s
                    std::vector<std::vector<NomaSplitConfiguration>> perLink;
                    for (int k = 0; k < 2; ++k)
                    {
                        std::vector<NomaSplitConfiguration> opts;
                        if (link != 2 && link != k)
                        {
                            opts.push_back(base);
                            perLink.push_back(opts);
                            continue;
                        }
                        const auto& cur = k == 0 ? base.uplinkSubchannel : base.downlinkSubchannel;
                        const int32_t from = cur[i];
                        if (from == static_cast<int32_t>(s))
                        {
                            opts.push_back(base);
                        }
                        else
                        {
                            if (load(cur, s) < q)
                            {
                                NomaSplitConfiguration c = base;
                                moveOn(c, k, i, s);
                                opts.push_back(c);
                            }
                            for (uint32_t j = 0; j < nUsers; ++j)
                            {
                                if (cur[j] == static_cast<int32_t>(s))
                                {
                                    NomaSplitConfiguration c = base;
                                    auto& sub = k == 0 ? c.uplinkSubchannel : c.downlinkSubchannel;
                                    sub[i] = static_cast<int32_t>(s);
                                    sub[j] = from;
                                    opts.push_back(c);
                                }
                            }
                        }
                        perLink.push_back(opts);
                    }
                    // combine: uplink part of the first option set, downlink of the second
                    for (const auto& a : perLink[0])
                    {
                        for (const auto& b : perLink[1])
                        {
                            NomaSplitConfiguration c = base;
                            c.uplinkSubchannel = a.uplinkSubchannel;
                            c.downlinkSubchannel = b.downlinkSubchannel;
                            if (!(c == base))
                            {
                                candidates.push_back(c);
                            }
                        }
                    }
                    for (const auto& c : candidates)
                    {
                        Incumbent cand = EvaluateCandidate(c, inc.point, useGd, decision, &cache);
                        if (isBetter(cand.objective, inc.objective))
                        {
                            accept(cand);
                            isChanged = true;
                            break;
                        }
                    }
                }
            }
        }
        // step 3b: exchange the whole groups of two subchannels (uplink, downlink, both):
        // the gains differ per subchannel, and moving a group one user at a time passes
        // through worse configurations
        for (int link = 0; link < 3; ++link)
        {
            for (uint32_t s = 0; s < nSub; ++s)
            {
                if (decision.isBudgetExhausted)
                {
                    break; // SetMaxWork() reached: no further candidates
                }
                for (uint32_t t = s + 1; t < nSub; ++t)
                {
                    const NomaSplitConfiguration c = exchanged(inc.configuration, link, s, t);
                    if (c == inc.configuration)
                    {
                        continue;
                    }
                    Incumbent cand = EvaluateCandidate(c, inc.point, useGd, decision, &cache);
                    if (isBetter(cand.objective, inc.objective))
                    {
                        accept(cand);
                        isChanged = true;
                    }
                }
            }
        }
        ++decision.nRounds;
        if (!isChanged)
        {
            break;
        }
    }
    return inc;
}

void
NomaSplitSolver::Finish(NomaSplitAlgorithm algorithm,
                        const NomaSplitConfiguration& configuration,
                        const NomaSplitContinuous& point,
                        NomaSplitDecision& decision) const
{
    decision.algorithm = algorithm;
    decision.configuration = configuration;
    decision.continuous = point;
    decision.prediction = Predict(configuration, point);
    if (decision.objectiveHistory.empty())
    {
        decision.objectiveHistory.push_back(decision.prediction.objective);
    }
}

std::string
NomaSplitSolver::CheckDecision(const NomaSplitProblem& problem, const NomaSplitDecision& decision)
{
    constexpr double TOL = 1e-9;
    const uint32_t nUsers = problem.users.size();
    const auto num = [](double v)
    {
        std::ostringstream oss;
        oss.precision(15);
        oss << v;
        return oss.str();
    };
    const auto field = [](uint32_t i, const std::string& name)
    {
        return "users[" + std::to_string(i) + "]." + name + ": ";
    };
    const NomaSplitConfiguration& c = decision.configuration;
    const NomaSplitContinuous& z = decision.continuous;
    const std::vector<std::pair<std::string, std::size_t>> sizes = {
        {"split", c.split.size()},
        {"uplinkSubchannel", c.uplinkSubchannel.size()},
        {"downlinkSubchannel", c.downlinkSubchannel.size()},
        {"uplinkPowerW", z.uplinkPowerW.size()},
        {"downlinkPowerW", z.downlinkPowerW.size()},
        {"edgeFrequencyHz", z.edgeFrequencyHz.size()}};
    for (const auto& [name, size] : sizes)
    {
        if (size != nUsers)
        {
            return "users: the decision gives " + name + " for " + std::to_string(size) +
                   " users, the instance has " + std::to_string(nUsers);
        }
    }
    const bool isOma = problem.access == NomaSplitAccess::OMA;
    const uint32_t q = problem.maxUsersPerSubchannel;
    std::vector<std::vector<uint32_t>> ulMembers(problem.nSubchannels);
    std::vector<std::vector<uint32_t>> dlMembers(problem.nSubchannels);
    std::vector<uint32_t> offloading;
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        const uint32_t nLayers = problem.users[i].profile.GetNLayers();
        if (c.split[i] > nLayers)
        {
            return field(i, "split") + std::to_string(c.split[i]) +
                   " exceeds L = " + std::to_string(nLayers);
        }
        const bool isLocal = c.split[i] == nLayers;
        for (bool isUplink : {true, false})
        {
            const std::string name = isUplink ? "uplinkSubchannel" : "downlinkSubchannel";
            const int32_t s = isUplink ? c.uplinkSubchannel[i] : c.downlinkSubchannel[i];
            if (isLocal)
            {
                if (s != NOMA_SPLIT_NO_SUBCHANNEL)
                {
                    return field(i, name) + std::to_string(s) +
                           " given for a fully local user (split = L = " + std::to_string(nLayers) +
                           "); a local user uses no subchannel";
                }
                continue;
            }
            if (s < 0 || static_cast<uint32_t>(s) >= problem.nSubchannels)
            {
                return field(i, name) +
                       (s == NOMA_SPLIT_NO_SUBCHANNEL ? std::string("none") : std::to_string(s)) +
                       " is not a subchannel in 0.." + std::to_string(problem.nSubchannels - 1) +
                       " (the user offloads: split = " + std::to_string(c.split[i]) +
                       " < L = " + std::to_string(nLayers) + ")";
            }
            auto& members = (isUplink ? ulMembers : dlMembers)[s];
            if (members.size() >= q)
            {
                std::string others;
                for (uint32_t j : members)
                {
                    others += (others.empty() ? "" : ", ") + std::to_string(j);
                }
                return field(i, name) + "subchannel " + std::to_string(s) +
                       (isOma ? " has Q = " + std::to_string(q) +
                                    " orthogonal slots (one user each), all taken by users "
                              : " already carries Q = " + std::to_string(q) + " users (users ") +
                       others + (isOma ? "" : ")");
            }
            members.push_back(i);
        }
        if (isLocal)
        {
            continue;
        }
        offloading.push_back(i);

        struct Bound
        {
            const char* name;
            double value;
            double lo;
            double hi;
            const char* unit;
            const char* loName;
            const char* hiName;
        };

        const std::vector<Bound> bounds = {{"uplinkPowerW",
                                            z.uplinkPowerW[i],
                                            problem.minUplinkPowerW,
                                            problem.maxUplinkPowerW,
                                            " W",
                                            "minUplinkPowerW",
                                            "p^max"},
                                           {"downlinkPowerW",
                                            z.downlinkPowerW[i],
                                            problem.minDownlinkPowerW,
                                            problem.apPowerW,
                                            " W",
                                            "minDownlinkPowerW",
                                            "P^AP"},
                                           {"edgeFrequencyHz",
                                            z.edgeFrequencyHz[i],
                                            problem.minEdgeFrequencyHz,
                                            problem.edgeFrequencyHz,
                                            " Hz",
                                            "minEdgeFrequencyHz",
                                            "F^e"}};
        for (const Bound& b : bounds)
        {
            if (!std::isfinite(b.value))
            {
                return field(i, b.name) + num(b.value) + " is not a finite number";
            }
            if (b.value > b.hi * (1 + TOL))
            {
                return field(i, b.name) + num(b.value) + b.unit + " is above " + b.hiName + " = " +
                       num(b.hi) + b.unit;
            }
            if (b.value < b.lo * (1 - TOL))
            {
                return field(i, b.name) + num(b.value) + b.unit + " is below " + b.loName + " = " +
                       num(b.lo) + b.unit + " (an offloading user needs it)";
            }
        }
    }
    double sumP = 0;
    double sumF = 0;
    for (uint32_t i : offloading)
    {
        sumP += z.downlinkPowerW[i];
        sumF += z.edgeFrequencyHz[i];
    }
    if (!offloading.empty() && sumP > problem.apPowerW * (1 + TOL))
    {
        return field(offloading.back(), "downlinkPowerW") + "the downlink powers of the " +
               std::to_string(offloading.size()) + " offloading users add up to " + num(sumP) +
               " W, above P^AP = " + num(problem.apPowerW) + " W";
    }
    if (!offloading.empty() && sumF > problem.edgeFrequencyHz * (1 + TOL))
    {
        return field(offloading.back(), "edgeFrequencyHz") + "the edge shares of the " +
               std::to_string(offloading.size()) + " offloading users add up to " + num(sumF) +
               " Hz, above F^e = " + num(problem.edgeFrequencyHz) + " Hz";
    }
    if (problem.enforceDownlinkPowerOrder && !isOma)
    {
        for (uint32_t s = 0; s < problem.nSubchannels; ++s)
        {
            for (uint32_t i : dlMembers[s])
            {
                for (uint32_t j : dlMembers[s])
                {
                    const double gi = problem.users[i].downlinkGain[s];
                    const double gj = problem.users[j].downlinkGain[s];
                    // i weaker than j: P_i >= P_j
                    if (gi < gj &&
                        z.downlinkPowerW[i] < z.downlinkPowerW[j] - TOL * problem.apPowerW)
                    {
                        return field(i, "downlinkPowerW") + num(z.downlinkPowerW[i]) +
                               " W is below the " + num(z.downlinkPowerW[j]) + " W of user " +
                               std::to_string(j) + ", a stronger user of downlink subchannel " +
                               std::to_string(s) +
                               " (enforceDownlinkPowerOrder: the weaker user gets at least the "
                               "power of a stronger one)";
                    }
                }
            }
        }
    }
    return "";
}

NomaSplitDecision
NomaSplitSolver::Solve(NomaSplitAlgorithm algorithm) const
{
    const uint32_t nUsers = GetNUsers();
    NomaSplitDecision decision;
    decision.algorithm = algorithm;
    NomaSplitConfiguration local;
    local.split.resize(nUsers);
    local.uplinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    local.downlinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        local.split[i] = m_problem.users[i].profile.GetNLayers();
    }
    switch (algorithm)
    {
        case NomaSplitAlgorithm::LI_GD:
        {
            const Incumbent inc = RunLoopIteration(true, decision);
            Finish(algorithm, inc.configuration, inc.point, decision);
            return decision;
        }
        case NomaSplitAlgorithm::EQUAL_POWER:
        {
            const Incumbent inc = RunLoopIteration(false, decision);
            Finish(algorithm, inc.configuration, DefaultStart(inc.configuration), decision);
            return decision;
        }
        case NomaSplitAlgorithm::OMA_LI_GD:
        {
            NomaSplitProblem oma = m_problem;
            oma.access = NomaSplitAccess::OMA;
            const NomaSplitSolver sub = WithProblem(oma);
            decision = sub.Solve(NomaSplitAlgorithm::LI_GD);
            decision.algorithm = algorithm;
            return decision;
        }
        case NomaSplitAlgorithm::LATENCY_ONLY:
        {
            NomaSplitProblem lat = m_problem;
            lat.weightLatency = 1.0;
            lat.weightDeviceEnergy = 0.0;
            lat.weightEdgeEnergy = 0.0;
            const NomaSplitSolver sub = WithProblem(lat);
            const Incumbent inc = sub.RunLoopIteration(true, decision);
            ++decision.nGdRuns;
            const auto r = OptimiseContinuous(inc.configuration, DefaultStart(inc.configuration));
            decision.objectiveHistory.clear();
            Finish(algorithm, inc.configuration, r.point, decision);
            return decision;
        }
        case NomaSplitAlgorithm::FULLY_LOCAL:
        {
            decision.nConfigurations = 1;
            Finish(algorithm, local, DefaultStart(local), decision);
            return decision;
        }
        case NomaSplitAlgorithm::FULL_OFFLOAD:
        {
            const NomaSplitConfiguration c = PairingConfiguration();
            decision.nConfigurations = 1;
            const uint64_t slots =
                uint64_t{m_problem.nSubchannels} * m_problem.maxUsersPerSubchannel;
            if (nUsers > slots)
            {
                decision.isFeasible = false;
                decision.reason = std::to_string(nUsers) +
                                  " users exceed the N_s * Q = " + std::to_string(slots) +
                                  " subchannel slots; the decision is the fully local fallback";
                Finish(algorithm, local, DefaultStart(local), decision);
                return decision;
            }
            ++decision.nGdRuns;
            const auto r = OptimiseContinuous(c, DefaultStart(c));
            if (!r.isFeasible)
            {
                decision.isFeasible = false;
                decision.reason = r.reason + "; the decision is the fully local fallback";
                Finish(algorithm, local, DefaultStart(local), decision);
                return decision;
            }
            Finish(algorithm, c, r.point, decision);
            return decision;
        }
        case NomaSplitAlgorithm::EXHAUSTIVE_GD:
        {
            const uint64_t count = CountConfigurations();
            if (count > m_maxConfigurations)
            {
                Fail("exhaustive-gd: " + std::to_string(count) +
                     " configurations exceed maxConfigurations " +
                     std::to_string(m_maxConfigurations));
            }
            Incumbent best;
            best.configuration = local;
            best.point = DefaultStart(local);
            best.objective = INF;
            std::vector<uint32_t> split(nUsers, 0);
            while (true)
            {
                NomaSplitConfiguration c;
                c.split = split;
                c.uplinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
                c.downlinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
                std::vector<uint32_t> off;
                for (uint32_t i = 0; i < nUsers; ++i)
                {
                    if (split[i] < m_problem.users[i].profile.GetNLayers())
                    {
                        off.push_back(i);
                    }
                }
                const auto assignments = EnumerateAssignments(
                    off, m_problem.nSubchannels, m_problem.maxUsersPerSubchannel);
                for (const auto& ul : assignments)
                {
                    for (const auto& dl : assignments)
                    {
                        for (std::size_t k = 0; k < off.size(); ++k)
                        {
                            c.uplinkSubchannel[off[k]] = ul[k];
                            c.downlinkSubchannel[off[k]] = dl[k];
                        }
                        Incumbent cand =
                            EvaluateCandidate(c, DefaultStart(c), !off.empty(), decision);
                        if (cand.objective < best.objective)
                        {
                            best = cand;
                        }
                    }
                }
                // next split vector (odometer)
                uint32_t i = 0;
                while (i < nUsers && split[i] == m_problem.users[i].profile.GetNLayers())
                {
                    split[i] = 0;
                    ++i;
                }
                if (i == nUsers)
                {
                    break;
                }
                ++split[i];
            }
            Finish(algorithm, best.configuration, best.point, decision);
            return decision;
        }
    }
    return decision;
}

} // namespace edgeinference
} // namespace ns3
