/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-split-allocator.h"

#include "noma-split-json.h"

#include "ns3/abort.h"
#include "ns3/decision-file.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/name-table-checker.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <exception>
#include <limits>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("NomaSplitAllocator");

NS_OBJECT_ENSURE_REGISTERED(NomaSplitAllocator);
NS_OBJECT_ENSURE_REGISTERED(NomaSplitSolverAllocator);
NS_OBJECT_ENSURE_REGISTERED(NomaSplitDecisionFileAllocator);

// ------------------------------------------------------------------------------------------
// NomaSplitAllocator
// ------------------------------------------------------------------------------------------

TypeId
NomaSplitAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NomaSplitAllocator")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddAttribute("Fallback",
                          "Allocator used when a decision is rejected (its decision is checked "
                          "the same way); null: serve nobody (every user runs fully locally).",
                          PointerValue(),
                          MakePointerAccessor(&NomaSplitAllocator::m_fallback),
                          MakePointerChecker<NomaSplitAllocator>())
            .AddAttribute("InstanceFileName",
                          "Write each round's instance to this file in the input format of "
                          "edge-inference-solve (\"%r\" = round index; \"\" = off).",
                          StringValue(""),
                          MakeStringAccessor(&NomaSplitAllocator::m_instanceFileName),
                          MakeStringChecker())
            .AddTraceSource("Decision",
                            "A round was decided (the decision returned by Allocate()).",
                            MakeTraceSourceAccessor(&NomaSplitAllocator::m_decisionTrace),
                            "ns3::edgeinference::NomaSplitAllocator::DecisionTracedCallback")
            .AddTraceSource("DecisionRejected",
                            "A decision was rejected; the message names the user and the field.",
                            MakeTraceSourceAccessor(&NomaSplitAllocator::m_rejectedTrace),
                            "ns3::edgeinference::NomaSplitAllocator::RejectedTracedCallback");
    return tid;
}

NomaSplitAllocator::NomaSplitAllocator()
{
    NS_LOG_FUNCTION(this);
}

NomaSplitAllocator::~NomaSplitAllocator()
{
    NS_LOG_FUNCTION(this);
}

void
NomaSplitAllocator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_fallback = nullptr;
    Object::DoDispose();
}

uint32_t
NomaSplitAllocator::GetRound() const
{
    return m_round;
}

const std::vector<std::string>&
NomaSplitAllocator::GetRejections() const
{
    return m_rejections;
}

NomaSplitDecision
NomaSplitAllocator::ServeNobody(const NomaSplitProblem& instance, const std::string& reason)
{
    const uint32_t nUsers = instance.users.size();
    NomaSplitDecision d;
    d.isFeasible = false;
    d.reason = reason;
    d.configuration.split.resize(nUsers);
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        d.configuration.split[i] = instance.users[i].profile.GetNLayers();
    }
    d.configuration.uplinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    d.configuration.downlinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    d.continuous.uplinkPowerW.assign(nUsers, 0.0);
    d.continuous.downlinkPowerW.assign(nUsers, 0.0);
    d.continuous.edgeFrequencyHz.assign(nUsers, 0.0);
    d.nConfigurations = 1;
    return d;
}

std::string
NomaSplitAllocator::TryDecide(const NomaSplitProblem& instance, NomaSplitDecision& decision)
{
    try
    {
        decision = Decide(instance);
    }
    catch (const std::exception& e)
    {
        return std::string("no decision: ") + e.what();
    }
    if (!decision.isFeasible)
    {
        // an infeasible decision is a valid answer: nobody is served
        NomaSplitDecision nobody = ServeNobody(instance, decision.reason);
        nobody.algorithm = decision.algorithm;
        nobody.objectiveHistory = decision.objectiveHistory;
        nobody.nRounds = decision.nRounds;
        nobody.nGdRuns = decision.nGdRuns;
        nobody.nConfigurations = decision.nConfigurations;
        decision = nobody;
    }
    return NomaSplitSolver::CheckDecision(instance, decision);
}

NomaSplitDecision
NomaSplitAllocator::Allocate(const NomaSplitProblem& instance)
{
    NS_LOG_FUNCTION(this);
    // the module's evaluator; throws std::invalid_argument for an invalid instance
    const NomaSplitSolver evaluator(instance);
    const uint32_t round = m_round;
    if (!m_instanceFileName.empty())
    {
        const std::string path = RoundFileName(m_instanceFileName, round);
        try
        {
            WriteJsonFile(path, json::NomaSplitInstanceToJson(instance));
        }
        catch (const std::exception& e)
        {
            NS_FATAL_ERROR("NomaSplitAllocator: InstanceFileName: " << e.what());
        }
    }
    m_isAllocating = true;
    NomaSplitDecision d;
    const std::string message = TryDecide(instance, d);
    if (!message.empty())
    {
        NS_LOG_WARN("NomaSplitAllocator round " << round << ": decision rejected: " << message);
        m_rejections.push_back("round " + std::to_string(round) + ": " + message);
        m_rejectedTrace(round, message);
        if (m_fallback && m_fallback != this && !m_fallback->m_isAllocating)
        {
            d = m_fallback->Allocate(instance);
            d.reason = "decision rejected (" + message + "); fallback " +
                       m_fallback->GetInstanceTypeId().GetName() +
                       (d.reason.empty() ? "" : ": " + d.reason);
        }
        else
        {
            d = ServeNobody(instance,
                            "decision rejected (" + message +
                                "); serving nobody: every user runs fully locally");
        }
    }
    m_isAllocating = false;
    // entries of local users are 0; the module's own prediction
    for (uint32_t i = 0; i < instance.users.size(); ++i)
    {
        if (d.configuration.split[i] == instance.users[i].profile.GetNLayers())
        {
            d.continuous.uplinkPowerW[i] = 0.0;
            d.continuous.downlinkPowerW[i] = 0.0;
            d.continuous.edgeFrequencyHz[i] = 0.0;
        }
    }
    d.prediction = evaluator.Predict(d.configuration, d.continuous);
    if (d.objectiveHistory.empty())
    {
        d.objectiveHistory.push_back(d.prediction.objective);
    }
    ++m_round;
    m_decisionTrace(round, d);
    return d;
}

// ------------------------------------------------------------------------------------------
// NomaSplitSolverAllocator
// ------------------------------------------------------------------------------------------

TypeId
NomaSplitSolverAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NomaSplitSolverAllocator")
            .SetParent<NomaSplitAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<NomaSplitSolverAllocator>()
            .AddAttribute(
                "Algorithm",
                "Algorithm or baseline of NomaSplitSolver: li-gd, exhaustive-gd, "
                "oma-li-gd, fully-local, full-offload, latency-only, equal-power.",
                EnumValue(static_cast<int>(NomaSplitAlgorithm::LI_GD)),
                MakeEnumAccessor(&NomaSplitSolverAllocator::SetAlgorithmValue,
                                 &NomaSplitSolverAllocator::GetAlgorithmValue),
                MakeNameTableChecker(NomaSplitAlgorithmNames(), NomaSplitAlgorithm::LI_GD))
            .AddAttribute("StepTolerance",
                          "GD step tolerance on the normalised variables (dimensionless, > 0).",
                          DoubleValue(NomaSplitSolver::DEFAULT_STEP_TOLERANCE),
                          MakeDoubleAccessor(&NomaSplitSolverAllocator::m_stepTolerance),
                          MakeDoubleChecker<double>(std::numeric_limits<double>::min()))
            .AddAttribute("MaxIterations",
                          "Iteration limit of one GD run (>= 1).",
                          UintegerValue(NomaSplitSolver::DEFAULT_MAX_ITERATIONS),
                          MakeUintegerAccessor(&NomaSplitSolverAllocator::m_maxIterations),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MaxConfigurations",
                          "Configuration limit of exhaustive-gd (>= 1); beyond it the decision "
                          "is rejected.",
                          UintegerValue(NomaSplitSolver::DEFAULT_MAX_CONFIGURATIONS),
                          MakeUintegerAccessor(&NomaSplitSolverAllocator::m_maxConfigurations),
                          MakeUintegerChecker<uint64_t>(1));
    return tid;
}

NomaSplitSolverAllocator::NomaSplitSolverAllocator()
    : m_stepTolerance(NomaSplitSolver::DEFAULT_STEP_TOLERANCE)
    , m_maxIterations(NomaSplitSolver::DEFAULT_MAX_ITERATIONS)
    , m_maxConfigurations(NomaSplitSolver::DEFAULT_MAX_CONFIGURATIONS)
{
    NS_LOG_FUNCTION(this);
}

NomaSplitSolverAllocator::~NomaSplitSolverAllocator()
{
    NS_LOG_FUNCTION(this);
}

NomaSplitDecision
NomaSplitSolverAllocator::Decide(const NomaSplitProblem& instance)
{
    NS_LOG_FUNCTION(this);
    NomaSplitSolver solver(instance);
    solver.SetStepTolerance(m_stepTolerance);
    solver.SetMaxIterations(m_maxIterations);
    solver.SetMaxConfigurations(m_maxConfigurations);
    return solver.Solve(m_algorithm);
}

NomaSplitAlgorithm
NomaSplitSolverAllocator::GetAlgorithm() const
{
    return m_algorithm;
}

void
NomaSplitSolverAllocator::SetAlgorithm(NomaSplitAlgorithm algorithm)
{
    m_algorithm = algorithm;
}

void
NomaSplitSolverAllocator::SetAlgorithmValue(int value)
{
    m_algorithm = static_cast<NomaSplitAlgorithm>(value);
}

int
NomaSplitSolverAllocator::GetAlgorithmValue() const
{
    return static_cast<int>(m_algorithm);
}

// ------------------------------------------------------------------------------------------
// NomaSplitDecisionFileAllocator
// ------------------------------------------------------------------------------------------

TypeId
NomaSplitDecisionFileAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NomaSplitDecisionFileAllocator")
            .SetParent<NomaSplitAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<NomaSplitDecisionFileAllocator>()
            .AddAttribute("FileName",
                          "Decision file in the output format of edge-inference-solve (\"%r\" "
                          "= round index).",
                          StringValue(""),
                          MakeStringAccessor(&NomaSplitDecisionFileAllocator::m_fileName),
                          MakeStringChecker());
    return tid;
}

NomaSplitDecisionFileAllocator::NomaSplitDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

NomaSplitDecisionFileAllocator::~NomaSplitDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

NomaSplitDecision
NomaSplitDecisionFileAllocator::Decide(const NomaSplitProblem& instance)
{
    NS_LOG_FUNCTION(this);
    if (m_fileName.empty())
    {
        throw json::JsonInputError("NomaSplitDecisionFileAllocator: the FileName attribute is "
                                   "empty");
    }
    const std::string path = RoundFileName(m_fileName, GetRound());
    const json::Json root = ReadJsonFile(path); // errors are "<path>: <reason>"
    try
    {
        return json::NomaSplitDecisionFromJson(json::JsonNode(root, ""), instance);
    }
    catch (const json::JsonInputError& e)
    {
        throw json::JsonInputError(path + ": " + e.what());
    }
}

} // namespace edgeinference
} // namespace ns3
