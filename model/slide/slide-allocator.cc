/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slide-allocator.h"

#include "slide-json.h"

#include "ns3/decision-file.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/name-table-checker.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <exception>
#include <limits>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("SlideAllocator");

NS_OBJECT_ENSURE_REGISTERED(SlideAllocator);
NS_OBJECT_ENSURE_REGISTERED(SlideSolverAllocator);
NS_OBJECT_ENSURE_REGISTERED(SlideDecisionFileAllocator);

namespace
{

/// Longest chain of fallbacks followed (a cycle of fallbacks ends there).
constexpr uint32_t MAX_FALLBACKS = 8;

/**
 * @brief Everyone unserved: the decision of a round whose decisions were all rejected.
 * @param [in] instance the problem
 * @param [in] message why
 * @return the decision
 */
SlideDecision
ServeNobody(const SlideProblem& instance, const std::string& message)
{
    SlideDecision d;
    d.users.resize(instance.users.size());
    for (auto& u : d.users)
    {
        u.reason = SlideRejectReason::DECISION_REJECTED;
        u.reasonText = message;
    }
    return d;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// SlideAllocator
// ---------------------------------------------------------------------------------------------

TypeId
SlideAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SlideAllocator")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddAttribute("Fallback",
                          "Allocator that decides a round whose decision was rejected (checked "
                          "the same way); null: nobody is served in that round.",
                          PointerValue(),
                          MakePointerAccessor(&SlideAllocator::m_fallback),
                          MakePointerChecker<SlideAllocator>())
            .AddAttribute("InstanceFileName",
                          "Write the instance of every round to this file, in the input format "
                          "of edge-inference-solve; \"%r\" stands for the round index; \"\" = "
                          "off.",
                          StringValue(""),
                          MakeStringAccessor(&SlideAllocator::m_instanceFileName),
                          MakeStringChecker())
            .AddTraceSource("Decision",
                            "The decision executed in a round (with its prediction).",
                            MakeTraceSourceAccessor(&SlideAllocator::m_decisionTrace),
                            "ns3::edgeinference::SlideAllocator::DecisionTracedCallback")
            .AddTraceSource("DecisionRejected",
                            "A decision was rejected: round and message (allocator, user, "
                            "field).",
                            MakeTraceSourceAccessor(&SlideAllocator::m_decisionRejectedTrace),
                            "ns3::edgeinference::SlideAllocator::RejectedTracedCallback");
    return tid;
}

SlideAllocator::SlideAllocator()
    : m_round(0)
{
    NS_LOG_FUNCTION(this);
}

SlideAllocator::~SlideAllocator()
{
    NS_LOG_FUNCTION(this);
}

void
SlideAllocator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_fallback = nullptr;
    Object::DoDispose();
}

SlideOptions
SlideAllocator::GetInstanceOptions()
{
    return SlideOptions();
}

int64_t
SlideAllocator::AssignStreams(int64_t /* stream */)
{
    return 0;
}

uint32_t
SlideAllocator::GetRound() const
{
    return m_round;
}

const std::vector<std::string>&
SlideAllocator::GetRejections() const
{
    return m_rejections;
}

std::string
SlideAllocator::TryDecide(const SlideProblem& instance, SlideDecision& decision)
{
    try
    {
        decision = Decide(instance);
    }
    catch (const std::exception& e)
    {
        return e.what();
    }
    return SlideSolver::CheckDecision(instance, decision);
}

SlideDecision
SlideAllocator::Allocate(const SlideProblem& instance)
{
    NS_LOG_FUNCTION(this << m_round << instance.users.size());
    const uint32_t round = m_round;
    try
    {
        SlideSolver::Validate(instance);
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR("SlideAllocator: round " << round << ": invalid instance: " << e.what());
    }
    if (!m_instanceFileName.empty())
    {
        const std::string path = RoundFileName(m_instanceFileName, round);
        try
        {
            WriteJsonFile(path, json::SlideInstanceToJson(instance, GetInstanceOptions()));
        }
        catch (const std::exception& e)
        {
            NS_FATAL_ERROR("SlideAllocator: cannot write the instance of round "
                           << round << " to '" << path << "': " << e.what());
        }
    }

    SlideDecision decision;
    std::string message;
    bool isAccepted = false;
    Ptr<SlideAllocator> who = this;
    for (uint32_t n = 0; who && n < MAX_FALLBACKS && !isAccepted; ++n, who = who->m_fallback)
    {
        who->m_round = round;
        const std::string why = who->TryDecide(instance, decision);
        if (why.empty())
        {
            isAccepted = true;
            break;
        }
        message = "round " + std::to_string(round) + ": " + who->GetInstanceTypeId().GetName() +
                  ": decision rejected: " + why;
        NS_LOG_WARN(message);
        m_rejections.push_back(message);
        m_decisionRejectedTrace(round, message);
    }
    if (!isAccepted)
    {
        decision = ServeNobody(instance, message);
    }

    // the module's own prediction and totals, whatever produced the decision
    decision.prediction = SlideSolver::Evaluate(instance, decision);
    decision.nServed = decision.prediction.nServed;
    decision.usedBandwidthHz = decision.prediction.usedBandwidthHz;
    decision.nEnergyViolations = decision.prediction.nEnergyViolations;
    decision.sumMinBandwidthHz = 0;
    for (const auto& u : decision.users)
    {
        if (u.isServed && std::isfinite(u.minBandwidthHz))
        {
            decision.sumMinBandwidthHz += u.minBandwidthHz;
        }
    }
    m_round = round + 1;
    m_decisionTrace(round, decision);
    return decision;
}

// ---------------------------------------------------------------------------------------------
// SlideSolverAllocator
// ---------------------------------------------------------------------------------------------

TypeId
SlideSolverAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SlideSolverAllocator")
            .SetParent<SlideAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<SlideSolverAllocator>()
            .AddAttribute(
                "Algorithm",
                "The optimal SLIDE algorithm or one of the baselines (names of "
                "edge-inference-solve --algorithm).",
                EnumValue(static_cast<int>(SlideAlgorithm::SLIDE_OPTIMAL)),
                MakeEnumAccessor(&SlideSolverAllocator::m_algorithm),
                MakeNameTableChecker(SlideAlgorithmNames(), SlideAlgorithm::SLIDE_OPTIMAL))
            .AddAttribute("Leftover",
                          "What the bandwidth left after the admitted users' minima does: "
                          "pro-rata (shared in proportion to the minima) or none.",
                          EnumValue(static_cast<int>(LeftoverPolicy::PRO_RATA)),
                          MakeEnumAccessor(&SlideSolverAllocator::m_leftover),
                          MakeNameTableChecker(LeftoverPolicyNames(), LeftoverPolicy::PRO_RATA))
            .AddAttribute("Seed",
                          "Seed of the random-model baseline (dimensionless); 0: a new seed "
                          "per round from the allocator's random stream (AssignStreams).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SlideSolverAllocator::m_seed),
                          MakeUintegerChecker<uint64_t>());
    return tid;
}

SlideSolverAllocator::SlideSolverAllocator()
    : m_algorithm(static_cast<int>(SlideAlgorithm::SLIDE_OPTIMAL))
    , m_leftover(static_cast<int>(LeftoverPolicy::PRO_RATA))
    , m_seed(0)
    , m_rng(CreateObject<UniformRandomVariable>())
    , m_seedRound(0)
    , m_hasRoundSeed(false)
    , m_roundSeed(1)
{
    NS_LOG_FUNCTION(this);
}

SlideSolverAllocator::~SlideSolverAllocator()
{
    NS_LOG_FUNCTION(this);
}

void
SlideSolverAllocator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_rng = nullptr;
    SlideAllocator::DoDispose();
}

SlideAlgorithm
SlideSolverAllocator::GetAlgorithm() const
{
    return static_cast<SlideAlgorithm>(m_algorithm);
}

SlideOptions
SlideSolverAllocator::GetInstanceOptions()
{
    SlideOptions options;
    options.leftover = static_cast<LeftoverPolicy>(m_leftover);
    if (m_seed != 0)
    {
        options.seed = m_seed;
        return options;
    }
    // one seed per round, drawn once whether or not the instance is written
    if (!m_hasRoundSeed || m_seedRound != GetRound())
    {
        m_roundSeed = m_rng->GetInteger(1, std::numeric_limits<uint32_t>::max());
        m_seedRound = GetRound();
        m_hasRoundSeed = true;
    }
    options.seed = m_roundSeed;
    return options;
}

SlideDecision
SlideSolverAllocator::Decide(const SlideProblem& instance)
{
    NS_LOG_FUNCTION(this << GetRound());
    return SlideSolver::Solve(instance, GetAlgorithm(), GetInstanceOptions());
}

int64_t
SlideSolverAllocator::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_rng->SetStream(stream);
    return 1;
}

// ---------------------------------------------------------------------------------------------
// SlideDecisionFileAllocator
// ---------------------------------------------------------------------------------------------

TypeId
SlideDecisionFileAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SlideDecisionFileAllocator")
            .SetParent<SlideAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<SlideDecisionFileAllocator>()
            .AddAttribute("FileName",
                          "Decision of every round, in the output format of "
                          "edge-inference-solve; \"%r\" stands for the round index.",
                          StringValue(""),
                          MakeStringAccessor(&SlideDecisionFileAllocator::m_fileName),
                          MakeStringChecker());
    return tid;
}

SlideDecisionFileAllocator::SlideDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

SlideDecisionFileAllocator::~SlideDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

SlideDecision
SlideDecisionFileAllocator::Decide(const SlideProblem& instance)
{
    NS_LOG_FUNCTION(this << GetRound());
    if (m_fileName.empty())
    {
        throw std::invalid_argument("FileName is empty (no decision file)");
    }
    const std::string path = RoundFileName(m_fileName, GetRound());
    const json::Json document = ReadJsonFile(path); // errors name the file
    try
    {
        return json::SlideDecisionFromJson(json::JsonNode(document, ""), instance);
    }
    catch (const json::JsonInputError& e)
    {
        throw json::JsonInputError(path + ": " + e.what());
    }
}

} // namespace edgeinference
} // namespace ns3
