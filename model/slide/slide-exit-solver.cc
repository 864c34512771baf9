/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slide-exit-solver.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

void
SlideExitSolver::Validate(const SlideExitProblem& problem)
{
    SlideSolver::Validate(problem.base);
    const size_t nModels = problem.base.models.size();
    const size_t nUsers = problem.base.users.size();
    auto fail = [](const std::string& what)
    {
        throw std::invalid_argument(what);
    };
    if (problem.exitModels.size() != nModels)
    {
        fail("exitModels: " + std::to_string(problem.exitModels.size()) + " entries for " +
             std::to_string(nModels) + " models");
    }
    for (size_t m = 0; m < nModels; ++m)
    {
        if (problem.exitModels[m].GetNLayers() != problem.base.models[m].layerBits.size())
        {
            std::ostringstream oss;
            oss << "exitModels[" << m << "]: " << problem.exitModels[m].GetNLayers()
                << " layers, models[" << m << "] ('" << problem.base.models[m].name << "') has "
                << problem.base.models[m].layerBits.size();
            fail(oss.str());
        }
    }
    if (problem.accuracyRequirement.size() != nUsers || problem.threshold.size() != nUsers)
    {
        std::ostringstream oss;
        oss << "accuracyRequirement/threshold: " << problem.accuracyRequirement.size() << "/"
            << problem.threshold.size() << " entries for " << nUsers << " users";
        fail(oss.str());
    }
    for (size_t k = 0; k < nUsers; ++k)
    {
        for (auto [name, v] :
             {std::make_pair("accuracyRequirement", problem.accuracyRequirement[k]),
              std::make_pair("threshold", problem.threshold[k])})
        {
            if (!(v >= 0.0 && v <= 1.0))
            {
                std::ostringstream oss;
                oss << name << "[" << k << "] = " << v << " is outside [0, 1]";
                fail(oss.str());
            }
        }
    }
}

uint32_t
SlideExitSolver::NeededCap(const StreamingExitModel& model, double threshold, double requirement)
{
    const uint32_t nExits = model.GetNSideExits() + 1;
    for (uint32_t c = 0; c < nExits; ++c)
    {
        if (model.ExpectedAccuracy(threshold, c) >= requirement - 1e-12)
        {
            return c;
        }
    }
    return nExits;
}

SlideModel
SlideExitSolver::PrefixModel(const SlideModel& model,
                             const StreamingExitModel& exits,
                             double threshold,
                             uint32_t cap)
{
    SlideModel p;
    p.name = cap < exits.GetNSideExits() ? model.name + "@exit" + std::to_string(cap) : model.name;
    const uint32_t last = exits.GetExitLayer(cap);
    p.layerBits.assign(model.layerBits.begin(), model.layerBits.begin() + last + 1);
    p.layerFlops.assign(model.layerFlops.begin(), model.layerFlops.begin() + last + 1);
    for (uint32_t e = 0; e < exits.GetNSideExits() && e <= cap; ++e)
    {
        const bool taken = e == cap || exits.GetBranches()[e].ExitProbability(threshold) > 0.0;
        if (taken)
        {
            p.layerFlops[exits.GetExitLayer(e)] += exits.GetBranchFlops(e);
        }
    }
    return p;
}

SlideExitDecision
SlideExitSolver::Solve(const SlideExitProblem& problem,
                       bool exitAware,
                       SlideAlgorithm algorithm,
                       const SlideOptions& options)
{
    Validate(problem);
    SlideExitDecision d;
    d.expanded.totalBandwidthHz = problem.base.totalBandwidthHz;
    d.expanded.rateModel = problem.base.rateModel;
    const size_t nUsers = problem.base.users.size();
    for (size_t k = 0; k < nUsers; ++k)
    {
        SlideUser u = problem.base.users[k];
        u.candidateModels.clear();
        const double theta = problem.threshold[k];
        const double alpha = problem.accuracyRequirement[k];
        for (uint32_t m : problem.base.users[k].candidateModels)
        {
            const StreamingExitModel& ex = problem.exitModels[m];
            const uint32_t whole = ex.GetNSideExits();
            // every admissible cap is a candidate: SLIDE's argmin picks the cheapest
            const uint32_t first = exitAware ? NeededCap(ex, theta, alpha) : whole;
            for (uint32_t cap = first; cap <= whole; ++cap)
            {
                if (exitAware && ex.ExpectedAccuracy(theta, cap) < alpha - 1e-12)
                {
                    continue;
                }
                if (!exitAware && ex.GetAccuracy(whole) < alpha - 1e-12)
                {
                    continue;
                }
                d.expanded.models.push_back(
                    exitAware ? PrefixModel(problem.base.models[m], ex, theta, cap)
                              : problem.base.models[m]);
                d.expandedBaseModel.push_back(m);
                d.expandedCap.push_back(cap);
                u.candidateModels.push_back(static_cast<uint32_t>(d.expanded.models.size() - 1));
            }
        }
        d.expanded.users.push_back(u);
    }
    d.decision = SlideSolver::Solve(d.expanded, algorithm, options);
    d.baseModel.assign(nUsers, SLIDE_NO_MODEL);
    d.cap.assign(nUsers, 0);
    d.expectedAccuracy.assign(nUsers, 0.0);
    d.expectedBits.assign(nUsers, 0.0);
    d.prefixBits.assign(nUsers, 0.0);
    for (size_t k = 0; k < nUsers; ++k)
    {
        const SlideUserDecision& ud = d.decision.users[k];
        if (!ud.isServed)
        {
            continue;
        }
        const uint32_t m = d.expandedBaseModel[ud.model];
        const uint32_t cap = d.expandedCap[ud.model];
        const StreamingExitModel& ex = problem.exitModels[m];
        d.baseModel[k] = m;
        d.cap[k] = cap;
        d.expectedAccuracy[k] = ex.ExpectedAccuracy(problem.threshold[k], cap);
        d.expectedBits[k] =
            ex.ExpectedPrefixSum(problem.base.models[m].layerBits, problem.threshold[k], cap, 1);
        for (double b : d.expanded.models[ud.model].layerBits)
        {
            d.prefixBits[k] += b;
        }
    }
    return d;
}

} // namespace edgeinference
} // namespace ns3
