/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batching-early-exit-solver-allocator.h"

#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/name-table-checker.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("BatchingEarlyExitSolverAllocator");

NS_OBJECT_ENSURE_REGISTERED(BatchingEarlyExitSolverAllocator);

TypeId
BatchingEarlyExitSolverAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::BatchingEarlyExitSolverAllocator")
            .SetParent<BatchingEarlyExitAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<BatchingEarlyExitSolverAllocator>()
            .AddAttribute("Algorithm",
                          "optimal, optimal-u, optimal-h, greedy: batching + early exit with "
                          "that algorithm; no-batching-no-early-exit, batching-only, "
                          "early-exit-only: the baselines, each with its optimal user set.",
                          EnumValue(BatchingEarlyExitSolverAllocator::OPTIMAL),
                          MakeEnumAccessor(&BatchingEarlyExitSolverAllocator::m_algorithm),
                          MakeNameTableChecker(BatchingEarlyExitSolverAllocator::AlgorithmNames(),
                                               BatchingEarlyExitSolverAllocator::OPTIMAL))
            .AddAttribute("MaxSearchNodes",
                          "Node limit of the optimal algorithms (count vectors or "
                          "branch-and-bound nodes).",
                          UintegerValue(BatchingEarlyExitSolver::DEFAULT_MAX_SEARCH_NODES),
                          MakeUintegerAccessor(&BatchingEarlyExitSolverAllocator::m_maxSearchNodes),
                          MakeUintegerChecker<uint64_t>(1));
    return tid;
}

BatchingEarlyExitSolverAllocator::BatchingEarlyExitSolverAllocator()
    : m_algorithm(OPTIMAL)
    , m_maxSearchNodes(BatchingEarlyExitSolver::DEFAULT_MAX_SEARCH_NODES)
{
    NS_LOG_FUNCTION(this);
}

BatchingEarlyExitSolverAllocator::~BatchingEarlyExitSolverAllocator()
{
    NS_LOG_FUNCTION(this);
}

const std::vector<std::pair<BatchingEarlyExitSolverAllocator::Algorithm, std::string>>&
BatchingEarlyExitSolverAllocator::AlgorithmNames()
{
    static const std::vector<std::pair<Algorithm, std::string>> names{
        {OPTIMAL, edgeinference::ToString(BatchingEarlyExitAlgorithm::OPTIMAL)},
        {OPTIMAL_U, edgeinference::ToString(BatchingEarlyExitAlgorithm::OPTIMAL_U)},
        {OPTIMAL_H, edgeinference::ToString(BatchingEarlyExitAlgorithm::OPTIMAL_H)},
        {GREEDY, edgeinference::ToString(BatchingEarlyExitAlgorithm::GREEDY)},
        {NO_BATCHING_NO_EARLY_EXIT,
         edgeinference::ToString(BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT)},
        {BATCHING_ONLY, edgeinference::ToString(BatchingEarlyExitScheme::BATCHING_ONLY)},
        {EARLY_EXIT_ONLY, edgeinference::ToString(BatchingEarlyExitScheme::EARLY_EXIT_ONLY)},
    };
    return names;
}

std::string
BatchingEarlyExitSolverAllocator::ToString(Algorithm algorithm)
{
    for (const auto& [value, name] : AlgorithmNames())
    {
        if (value == algorithm)
        {
            return name;
        }
    }
    return "unknown";
}

bool
BatchingEarlyExitSolverAllocator::FromString(const std::string& name, Algorithm& algorithm)
{
    for (const auto& [value, n] : AlgorithmNames())
    {
        if (n == name)
        {
            algorithm = value;
            return true;
        }
    }
    return false;
}

BatchingEarlyExitSolverAllocator::Algorithm
BatchingEarlyExitSolverAllocator::GetAlgorithm() const
{
    return m_algorithm;
}

BatchingEarlyExitScheme
BatchingEarlyExitSolverAllocator::GetScheme() const
{
    switch (m_algorithm)
    {
        case NO_BATCHING_NO_EARLY_EXIT:
            return BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT;
        case BATCHING_ONLY:
            return BatchingEarlyExitScheme::BATCHING_ONLY;
        case EARLY_EXIT_ONLY:
            return BatchingEarlyExitScheme::EARLY_EXIT_ONLY;
        default:
            return BatchingEarlyExitScheme::BATCHING_EARLY_EXIT;
    }
}

BatchingEarlyExitAlgorithm
BatchingEarlyExitSolverAllocator::GetSolverAlgorithm() const
{
    switch (m_algorithm)
    {
        case OPTIMAL_U:
            return BatchingEarlyExitAlgorithm::OPTIMAL_U;
        case OPTIMAL_H:
            return BatchingEarlyExitAlgorithm::OPTIMAL_H;
        case GREEDY:
            return BatchingEarlyExitAlgorithm::GREEDY;
        default:
            return BatchingEarlyExitAlgorithm::OPTIMAL;
    }
}

BatchingEarlyExitDecision
BatchingEarlyExitSolverAllocator::Decide(const BatchingEarlyExitProblem& instance)
{
    NS_LOG_FUNCTION(this << instance.users.size());
    BatchingEarlyExitSolver solver(instance);
    solver.SetMaxSearchNodes(m_maxSearchNodes);
    return solver.Solve(GetScheme(), GetSolverAlgorithm());
}

} // namespace edgeinference
} // namespace ns3
