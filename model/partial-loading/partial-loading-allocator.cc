/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "partial-loading-allocator.h"

#include "partial-loading-json.h"

#include "ns3/abort.h"
#include "ns3/decision-file.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/name-table-checker.h"
#include "ns3/pointer.h"
#include "ns3/string.h"

#include <exception>
#include <memory>
#include <sstream>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("PartialLoadingAllocator");

NS_OBJECT_ENSURE_REGISTERED(PartialLoadingAllocator);
NS_OBJECT_ENSURE_REGISTERED(PartialLoadingSolverAllocator);
NS_OBJECT_ENSURE_REGISTERED(PartialLoadingDecisionFileAllocator);

namespace
{

/// @return the names of SchedulingAlgorithmNames(), comma-separated
std::string
AlgorithmNameList()
{
    std::string out;
    for (const auto& [algorithm, name] : SchedulingAlgorithmNames())
    {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

} // namespace

// ------------------------------------------------------------------------------------------
// PartialLoadingAllocator

TypeId
PartialLoadingAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PartialLoadingAllocator")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddAttribute("Fallback",
                          "Allocator asked when this one's decision is rejected (its decision "
                          "is checked the same way); null = serve nobody in that round.",
                          PointerValue(),
                          MakePointerAccessor(&PartialLoadingAllocator::m_fallback),
                          MakePointerChecker<PartialLoadingAllocator>())
            .AddAttribute("InstanceFileName",
                          "Write each round's instance to this file in the input format of "
                          "edge-inference-solve (--problem=partial-loading); \"%r\" is replaced "
                          "by the round index; \"\" = off.",
                          StringValue(""),
                          MakeStringAccessor(&PartialLoadingAllocator::m_instanceFileName),
                          MakeStringChecker())
            .AddTraceSource("Decision",
                            "A round was decided (the decision returned, with its prediction).",
                            MakeTraceSourceAccessor(&PartialLoadingAllocator::m_decisionTrace),
                            "ns3::edgeinference::PartialLoadingAllocator::DecisionTracedCallback")
            .AddTraceSource(
                "DecisionRejected",
                "A decision violated the instance's constraints (message names the request "
                "and the field).",
                MakeTraceSourceAccessor(&PartialLoadingAllocator::m_rejectedTrace),
                "ns3::edgeinference::PartialLoadingAllocator::DecisionRejectedTracedCallback");
    return tid;
}

PartialLoadingAllocator::PartialLoadingAllocator()
    : m_round(0)
{
    NS_LOG_FUNCTION(this);
}

PartialLoadingAllocator::~PartialLoadingAllocator()
{
    NS_LOG_FUNCTION(this);
}

void
PartialLoadingAllocator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_fallback = nullptr;
    Object::DoDispose();
}

uint32_t
PartialLoadingAllocator::GetRound() const
{
    return m_round;
}

const std::vector<std::string>&
PartialLoadingAllocator::GetRejections() const
{
    return m_rejections;
}

void
PartialLoadingAllocator::Reject(uint32_t round, const std::string& message)
{
    NS_LOG_FUNCTION(this << round << message);
    NS_LOG_WARN("round " << round << ": decision rejected: " << message);
    m_rejections.push_back(message);
    m_rejectedTrace(round, message);
}

std::string
PartialLoadingAllocator::TryDecide(Ptr<PartialLoadingAllocator> allocator,
                                   const PartialLoadingProblem& instance,
                                   const PartialLoadingSolver& solver,
                                   PartialLoadingDecision& decision)
{
    NS_LOG_FUNCTION(this << allocator);
    const std::string who = allocator->GetInstanceTypeId().GetName() + ": ";
    PartialLoadingDecision d;
    try
    {
        d = allocator->Decide(instance);
    }
    catch (const std::exception& e)
    {
        return who + e.what();
    }
    const size_t nRequests = instance.requests.size();
    if (d.isServed.empty() && nRequests > 0)
    {
        d.isServed.assign(nRequests, false);
        for (uint32_t k : d.order)
        {
            if (k < nRequests)
            {
                d.isServed[k] = true;
            }
        }
    }
    if (d.reason.empty() && d.isServed.size() == nRequests)
    {
        for (size_t k = 0; k < nRequests; ++k)
        {
            d.reason.push_back(d.isServed[k] ? UnservedReason::NONE : UnservedReason::NOT_SELECTED);
        }
    }
    if (d.minBandwidthHz.empty())
    {
        d.minBandwidthHz.assign(nRequests, 0.0);
    }
    if (d.uploadWindowS.empty())
    {
        d.uploadWindowS.assign(nRequests, 0.0);
    }
    d.nServed = static_cast<uint32_t>(d.order.size());
    const std::string error = PartialLoadingSolver::CheckDecision(instance, d);
    if (!error.empty())
    {
        return who + error;
    }
    try
    {
        d.prediction = solver.Evaluate(d.order, d.bandwidthHz, d.loadRule);
    }
    catch (const std::exception& e)
    {
        return who + e.what();
    }
    decision = d;
    return "";
}

PartialLoadingDecision
PartialLoadingAllocator::Allocate(const PartialLoadingProblem& instance)
{
    NS_LOG_FUNCTION(this << instance.requests.size());
    const uint32_t round = m_round;
    if (!m_instanceFileName.empty())
    {
        const std::string path = RoundFileName(m_instanceFileName, round);
        try
        {
            WriteJsonFile(path, json::PartialLoadingInstanceToJson(instance));
        }
        catch (const std::exception& e)
        {
            NS_FATAL_ERROR("PartialLoadingAllocator: InstanceFileName: cannot write the instance "
                           "of round "
                           << round << ": " << e.what());
        }
    }

    PartialLoadingDecision decision;
    std::unique_ptr<PartialLoadingSolver> solver;
    try
    {
        solver = std::make_unique<PartialLoadingSolver>(instance);
    }
    catch (const std::exception& e)
    {
        Reject(round, std::string("the instance is invalid: ") + e.what());
        decision = PartialLoadingSolver::NobodyServed(instance, UnservedReason::DECISION_REJECTED);
    }
    if (solver)
    {
        std::string error = TryDecide(this, instance, *solver, decision);
        if (!error.empty())
        {
            Reject(round, error);
            error = "no fallback";
            if (m_fallback)
            {
                m_fallback->m_round = round; // a fallback decides the rounds of its primary
                error = TryDecide(m_fallback, instance, *solver, decision);
                if (!error.empty())
                {
                    Reject(round, "fallback " + error);
                }
            }
            if (!error.empty())
            {
                decision =
                    PartialLoadingSolver::NobodyServed(instance, UnservedReason::DECISION_REJECTED);
                decision.prediction = solver->Evaluate({}, decision.bandwidthHz);
            }
        }
    }
    ++m_round;
    NS_LOG_INFO("round " << round << ": " << decision.nServed << "/" << instance.requests.size()
                         << " served, predicted on time " << decision.prediction.nOnTime);
    m_decisionTrace(round, decision);
    return decision;
}

// ------------------------------------------------------------------------------------------
// PartialLoadingSolverAllocator

TypeId
PartialLoadingSolverAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PartialLoadingSolverAllocator")
            .SetParent<PartialLoadingAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<PartialLoadingSolverAllocator>()
            .AddAttribute("Algorithm",
                          "PartialLoadingSolver::Decide() algorithm: " + AlgorithmNameList() +
                              " (partial-loading: backbone DP if applicable, else the group "
                              "greedy, then step-2 bandwidth; the others are the baselines of "
                              "doc/solver.rst).",
                          EnumValue(static_cast<int>(SchedulingAlgorithm::PARTIAL_LOADING)),
                          MakeEnumAccessor(&PartialLoadingSolverAllocator::SetAlgorithmValue,
                                           &PartialLoadingSolverAllocator::GetAlgorithmValue),
                          MakeNameTableChecker(SchedulingAlgorithmNames(),
                                               SchedulingAlgorithm::PARTIAL_LOADING));
    return tid;
}

PartialLoadingSolverAllocator::PartialLoadingSolverAllocator()
    : m_algorithm(SchedulingAlgorithm::PARTIAL_LOADING)
{
    NS_LOG_FUNCTION(this);
}

PartialLoadingSolverAllocator::~PartialLoadingSolverAllocator()
{
    NS_LOG_FUNCTION(this);
}

void
PartialLoadingSolverAllocator::SetAlgorithmValue(int value)
{
    m_algorithm = static_cast<SchedulingAlgorithm>(value);
}

int
PartialLoadingSolverAllocator::GetAlgorithmValue() const
{
    return static_cast<int>(m_algorithm);
}

SchedulingAlgorithm
PartialLoadingSolverAllocator::GetAlgorithm() const
{
    return m_algorithm;
}

PartialLoadingDecision
PartialLoadingSolverAllocator::Decide(const PartialLoadingProblem& instance)
{
    NS_LOG_FUNCTION(this << ToString(m_algorithm));
    return PartialLoadingSolver(instance).Decide(m_algorithm);
}

// ------------------------------------------------------------------------------------------
// PartialLoadingDecisionFileAllocator

TypeId
PartialLoadingDecisionFileAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PartialLoadingDecisionFileAllocator")
            .SetParent<PartialLoadingAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<PartialLoadingDecisionFileAllocator>()
            .AddAttribute("FileName",
                          "Decision of each round, in the output format of edge-inference-solve "
                          "(--problem=partial-loading); \"%r\" is replaced by the round index.",
                          StringValue(""),
                          MakeStringAccessor(&PartialLoadingDecisionFileAllocator::m_fileName),
                          MakeStringChecker());
    return tid;
}

PartialLoadingDecisionFileAllocator::PartialLoadingDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

PartialLoadingDecisionFileAllocator::~PartialLoadingDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

PartialLoadingDecision
PartialLoadingDecisionFileAllocator::Decide(const PartialLoadingProblem& instance)
{
    NS_LOG_FUNCTION(this << GetRound());
    if (m_fileName.empty())
    {
        throw json::JsonInputError("attribute FileName is empty");
    }
    const std::string path = RoundFileName(m_fileName, GetRound());
    const json::Json root = ReadJsonFile(path); // errors name the file
    PartialLoadingDecision d;
    try
    {
        d = json::PartialLoadingDecisionFromJson(json::JsonNode(root, ""), instance);
    }
    catch (const json::JsonInputError& e)
    {
        throw json::JsonInputError(path + ": " + e.what());
    }
    const std::string error = PartialLoadingSolver::CheckDecision(instance, d);
    if (!error.empty())
    {
        throw json::JsonInputError(path + ": decision." + error);
    }
    return d;
}

} // namespace edgeinference
} // namespace ns3
