/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batching-early-exit-allocator.h"

#include "ns3/abort.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("BatchingEarlyExitAllocator");

NS_OBJECT_ENSURE_REGISTERED(BatchingEarlyExitAllocator);

TypeId
BatchingEarlyExitAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::BatchingEarlyExitAllocator")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddConstructor<BatchingEarlyExitAllocator>()
            .AddAttribute(
                "Algorithm",
                "Optimal / Greedy: batching + early exit (Optimal-U or Optimal-H / greedy); "
                "NoBatchingNoEarlyExit, BatchingOnly, EarlyExitOnly: the baselines, each with "
                "its optimal user set.",
                EnumValue(BatchingEarlyExitAllocator::OPTIMAL),
                MakeEnumAccessor(&BatchingEarlyExitAllocator::m_algorithm),
                MakeEnumChecker(BatchingEarlyExitAllocator::OPTIMAL,
                                "Optimal",
                                BatchingEarlyExitAllocator::GREEDY,
                                "Greedy",
                                BatchingEarlyExitAllocator::NO_BATCHING_NO_EARLY_EXIT,
                                "NoBatchingNoEarlyExit",
                                BatchingEarlyExitAllocator::BATCHING_ONLY,
                                "BatchingOnly",
                                BatchingEarlyExitAllocator::EARLY_EXIT_ONLY,
                                "EarlyExitOnly"))
            .AddAttribute("ModelName",
                          "Multi-exit zoo model whose exits define the blocks (used unless "
                          "FixedCostsS and PerTaskCostsS are set).",
                          StringValue("b-alexnet"),
                          MakeStringAccessor(&BatchingEarlyExitAllocator::m_modelName),
                          MakeStringChecker())
            .AddAttribute("ExitAccuracies",
                          "Top-1 accuracy A_l of each exit (comma-separated, one per block, "
                          "non-decreasing, in [0, 1]); empty = the zoo model's exit accuracies "
                          "followed by FinalAccuracy.",
                          StringValue("0.64,0.72,0.7838"),
                          MakeStringAccessor(&BatchingEarlyExitAllocator::m_exitAccuracies),
                          MakeStringChecker())
            .AddAttribute("FinalAccuracy",
                          "Accuracy of the final classifier when ExitAccuracies is empty.",
                          DoubleValue(0.7838),
                          MakeDoubleAccessor(&BatchingEarlyExitAllocator::m_finalAccuracy),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("GpuFlopsPerSecond",
                          "Effective GPU speed per task for the zoo-derived per-task cost a_l "
                          "(FLOP/s).",
                          DoubleValue(2e10),
                          MakeDoubleAccessor(&BatchingEarlyExitAllocator::m_gpuFlopsPerSecond),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("PerBlockOverheadS",
                          "Fixed cost per block and batch (kernel launches, weight reads) added "
                          "to the zoo-derived c_l (s).",
                          DoubleValue(3e-3),
                          MakeDoubleAccessor(&BatchingEarlyExitAllocator::m_perBlockOverheadS),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("MemoryBandwidthBps",
                          "GPU memory bandwidth for the zoo-derived c_l (bytes/s).",
                          DoubleValue(2.5e10),
                          MakeDoubleAccessor(&BatchingEarlyExitAllocator::m_memoryBandwidthBps),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("FixedCostsS",
                          "Explicit fixed cost c_l per block (s, comma-separated); with "
                          "PerTaskCostsS overrides the zoo model.",
                          StringValue(""),
                          MakeStringAccessor(&BatchingEarlyExitAllocator::m_fixedCostsS),
                          MakeStringChecker())
            .AddAttribute("PerTaskCostsS",
                          "Explicit per-task cost a_l per block (s/task, comma-separated).",
                          StringValue(""),
                          MakeStringAccessor(&BatchingEarlyExitAllocator::m_perTaskCostsS),
                          MakeStringChecker())
            .AddAttribute("TotalBandwidthHz",
                          "Total uplink bandwidth W shared by the served users (Hz).",
                          DoubleValue(4.5e6),
                          MakeDoubleAccessor(&BatchingEarlyExitAllocator::m_totalBandwidthHz),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("SnrGapDb",
                          "SNR gap Gamma of the link to the Shannon rate: the solver uses "
                          "s_k / Gamma (dB, >= 0).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&BatchingEarlyExitAllocator::m_snrGapDb),
                          MakeDoubleChecker<double>(0.0, 30.0))
            .AddAttribute("RateEfficiency",
                          "Fraction eta of the (gap-reduced) Shannon rate the link achieves: "
                          "the solver uses D_k / eta (in (0, 1]).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&BatchingEarlyExitAllocator::m_rateEfficiency),
                          MakeDoubleChecker<double>(1e-3, 1.0))
            .AddAttribute("MaxSearchNodes",
                          "Node limit of the optimal algorithms (count vectors or "
                          "branch-and-bound nodes).",
                          UintegerValue(BatchingEarlyExitSolver::DEFAULT_MAX_SEARCH_NODES),
                          MakeUintegerAccessor(&BatchingEarlyExitAllocator::m_maxSearchNodes),
                          MakeUintegerChecker<uint64_t>(1))
            .AddTraceSource(
                "Allocation",
                "A frame was allocated: users, served users, predicted throughput (tasks/s).",
                MakeTraceSourceAccessor(&BatchingEarlyExitAllocator::m_allocationTrace),
                "ns3::edgeinference::BatchingEarlyExitAllocator::AllocationTracedCallback");
    return tid;
}

BatchingEarlyExitAllocator::BatchingEarlyExitAllocator()
    : m_algorithm(OPTIMAL)
    , m_finalAccuracy(0.7838)
    , m_gpuFlopsPerSecond(2e10)
    , m_perBlockOverheadS(3e-3)
    , m_memoryBandwidthBps(2.5e10)
    , m_totalBandwidthHz(4.5e6)
    , m_snrGapDb(0)
    , m_rateEfficiency(1)
    , m_maxSearchNodes(BatchingEarlyExitSolver::DEFAULT_MAX_SEARCH_NODES)
    , m_nAllocations(0)
{
    NS_LOG_FUNCTION(this);
}

BatchingEarlyExitAllocator::~BatchingEarlyExitAllocator()
{
    NS_LOG_FUNCTION(this);
}

std::vector<double>
BatchingEarlyExitAllocator::ParseList(const std::string& text, const std::string& attribute)
{
    std::vector<double> out;
    std::istringstream is(text);
    std::string token;
    while (std::getline(is, token, ','))
    {
        std::istringstream ts(token);
        double v = 0;
        std::string rest;
        NS_ABORT_MSG_IF(!(ts >> v) || (ts >> rest) || !std::isfinite(v),
                        "BatchingEarlyExitAllocator: attribute " << attribute << " entry '" << token
                                                                 << "' is not a finite number");
        out.push_back(v);
    }
    return out;
}

BatchLatencyModel
BatchingEarlyExitAllocator::GetLatencyModel() const
{
    const auto fixed = ParseList(m_fixedCostsS, "FixedCostsS");
    const auto perTask = ParseList(m_perTaskCostsS, "PerTaskCostsS");
    NS_ABORT_MSG_IF(fixed.size() != perTask.size(),
                    "BatchingEarlyExitAllocator: FixedCostsS has "
                        << fixed.size() << " entries but PerTaskCostsS has " << perTask.size());
    try
    {
        if (!fixed.empty())
        {
            return BatchLatencyModel::Affine(fixed, perTask);
        }
        return BatchLatencyModel::FromDnnModel(DnnModelZoo::Get(m_modelName),
                                               m_gpuFlopsPerSecond,
                                               m_perBlockOverheadS,
                                               m_memoryBandwidthBps,
                                               BatchLatencyModel::Segmentation::EXITS);
    }
    catch (const std::exception& e)
    {
        NS_FATAL_ERROR("BatchingEarlyExitAllocator: invalid block latency attributes (ModelName '"
                       << m_modelName << "', FixedCostsS '" << m_fixedCostsS << "', PerTaskCostsS '"
                       << m_perTaskCostsS << "'): " << e.what());
    }
    return BatchLatencyModel();
}

std::vector<double>
BatchingEarlyExitAllocator::GetExitAccuracies() const
{
    if (!m_exitAccuracies.empty())
    {
        return ParseList(m_exitAccuracies, "ExitAccuracies");
    }
    try
    {
        return BatchingEarlyExitSolver::ExitAccuraciesFromDnnModel(DnnModelZoo::Get(m_modelName),
                                                                   m_finalAccuracy);
    }
    catch (const std::exception& e)
    {
        NS_FATAL_ERROR("BatchingEarlyExitAllocator: ExitAccuracies is empty and ModelName '"
                       << m_modelName << "' gives no accuracies: " << e.what());
    }
    return {};
}

BatchingEarlyExitScheme
BatchingEarlyExitAllocator::GetScheme() const
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
BatchingEarlyExitAllocator::GetSolverAlgorithm() const
{
    return m_algorithm == GREEDY ? BatchingEarlyExitAlgorithm::GREEDY
                                 : BatchingEarlyExitAlgorithm::OPTIMAL;
}

BatchingEarlyExitAllocator::Algorithm
BatchingEarlyExitAllocator::GetAlgorithm() const
{
    return m_algorithm;
}

double
BatchingEarlyExitAllocator::GetTotalBandwidthHz() const
{
    return m_totalBandwidthHz;
}

std::string
BatchingEarlyExitAllocator::AlgorithmName(Algorithm algorithm)
{
    switch (algorithm)
    {
        case OPTIMAL:
            return "Optimal";
        case GREEDY:
            return "Greedy";
        case NO_BATCHING_NO_EARLY_EXIT:
            return "NoBatchingNoEarlyExit";
        case BATCHING_ONLY:
            return "BatchingOnly";
        case EARLY_EXIT_ONLY:
            return "EarlyExitOnly";
    }
    return "?";
}

double
BatchingEarlyExitAllocator::SnrBandwidthFromSinr(double sinrLinear, double measuredBandwidthHz)
{
    NS_ABORT_MSG_IF(!(sinrLinear >= 0) || !std::isfinite(sinrLinear),
                    "SnrBandwidthFromSinr: sinrLinear is " << sinrLinear
                                                           << " (must be finite and >= 0)");
    NS_ABORT_MSG_IF(!(measuredBandwidthHz > 0) || !std::isfinite(measuredBandwidthHz),
                    "SnrBandwidthFromSinr: measuredBandwidthHz is " << measuredBandwidthHz
                                                                    << " (must be finite, > 0)");
    return sinrLinear * measuredBandwidthHz;
}

BatchingEarlyExitDecision
BatchingEarlyExitAllocator::Allocate(const std::vector<BatchingEarlyExitUser>& users,
                                     double frameLengthS)
{
    NS_LOG_FUNCTION(this << users.size() << frameLengthS);
    BatchingEarlyExitProblem problem;
    problem.latency = GetLatencyModel();
    problem.exitAccuracy = GetExitAccuracies();
    problem.totalBandwidthHz = m_totalBandwidthHz;
    problem.frameLengthS = frameLengthS;
    const double gap = std::pow(10.0, m_snrGapDb / 10.0);
    for (const auto& u : users)
    {
        BatchingEarlyExitUser effective = u;
        effective.uploadBits = u.uploadBits / m_rateEfficiency;
        effective.snrBandwidthHz = u.snrBandwidthHz / gap;
        problem.users.push_back(effective);
    }
    // Attribute-level problems (accuracies vs blocks) are fatal; user-level ones throw.
    const uint32_t nBlocks = problem.latency.GetNBlocks();
    NS_ABORT_MSG_IF(problem.exitAccuracy.size() != nBlocks,
                    "BatchingEarlyExitAllocator: ExitAccuracies has "
                        << problem.exitAccuracy.size() << " entries but the latency model has "
                        << nBlocks << " blocks");
    BatchingEarlyExitSolver solver(std::move(problem));
    solver.SetMaxSearchNodes(m_maxSearchNodes);
    BatchingEarlyExitDecision decision = solver.Solve(GetScheme(), GetSolverAlgorithm());
    ++m_nAllocations;
    NS_LOG_INFO("allocation " << m_nAllocations << " (" << AlgorithmName(m_algorithm)
                              << "): " << decision.served.size() << "/" << users.size()
                              << " served, T_u* " << decision.latestUploadEndS << " s, sum w "
                              << decision.sumBandwidthHz << " Hz");
    m_allocationTrace(static_cast<uint32_t>(users.size()),
                      static_cast<uint32_t>(decision.served.size()),
                      decision.prediction.throughputPerS);
    return decision;
}

} // namespace edgeinference
} // namespace ns3
