/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batching-early-exit-allocator.h"

#include "batching-json.h"

#include "ns3/abort.h"
#include "ns3/decision-file.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/string.h"

#include <cmath>
#include <exception>
#include <optional>
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
            .AddAttribute("Fallback",
                          "Allocator whose decision is used when this one's is rejected "
                          "(checked the same way); null = serve nobody in that round.",
                          PointerValue(),
                          MakePointerAccessor(&BatchingEarlyExitAllocator::m_fallback),
                          MakePointerChecker<BatchingEarlyExitAllocator>())
            .AddAttribute("InstanceFileName",
                          "Write each round's instance to this file in the input format of "
                          "edge-inference-solve (\"%r\" = round index); \"\" = off.",
                          StringValue(""),
                          MakeStringAccessor(&BatchingEarlyExitAllocator::m_instanceFileName),
                          MakeStringChecker())
            .AddTraceSource(
                "Decision",
                "A round was decided: round, users, served users, predicted throughput "
                "(tasks/s).",
                MakeTraceSourceAccessor(&BatchingEarlyExitAllocator::m_decisionTrace),
                "ns3::edgeinference::BatchingEarlyExitAllocator::DecisionTracedCallback")
            .AddTraceSource(
                "DecisionRejected",
                "A decision was rejected: round, message naming the user and the field.",
                MakeTraceSourceAccessor(&BatchingEarlyExitAllocator::m_rejectedTrace),
                "ns3::edgeinference::BatchingEarlyExitAllocator::DecisionRejectedTracedCallback");
    return tid;
}

BatchingEarlyExitAllocator::BatchingEarlyExitAllocator()
    : m_round(0)
{
    NS_LOG_FUNCTION(this);
}

BatchingEarlyExitAllocator::~BatchingEarlyExitAllocator()
{
    NS_LOG_FUNCTION(this);
}

void
BatchingEarlyExitAllocator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_fallback = nullptr;
    Object::DoDispose();
}

uint32_t
BatchingEarlyExitAllocator::GetRound() const
{
    return m_round;
}

const std::vector<std::string>&
BatchingEarlyExitAllocator::GetRejections() const
{
    return m_rejections;
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
BatchingEarlyExitAllocator::ServeNobody(const BatchingEarlyExitProblem& instance)
{
    BatchingEarlyExitDecision none;
    none.isOptimal = instance.users.empty();
    none.bandwidthHz.assign(instance.users.size(), 0.0);
    return BatchingEarlyExitSolver(instance).CompleteDecision(none);
}

std::string
BatchingEarlyExitAllocator::TryDecide(BatchingEarlyExitAllocator& allocator,
                                      const BatchingEarlyExitProblem& instance,
                                      BatchingEarlyExitDecision& decision)
{
    try
    {
        decision = allocator.Decide(instance);
    }
    catch (const std::exception& e)
    {
        return e.what();
    }
    return BatchingEarlyExitSolver::CheckDecision(instance, decision);
}

void
BatchingEarlyExitAllocator::Reject(const std::string& message)
{
    NS_LOG_WARN("round " << m_round << ": " << GetInstanceTypeId().GetName()
                         << " decision rejected: " << message);
    m_rejections.push_back("round " + std::to_string(m_round) + ": " + message);
    m_rejectedTrace(m_round, message);
}

BatchingEarlyExitDecision
BatchingEarlyExitAllocator::Allocate(const BatchingEarlyExitProblem& instance)
{
    NS_LOG_FUNCTION(this << instance.users.size());
    std::optional<BatchingEarlyExitSolver> solver;
    try
    {
        solver.emplace(instance);
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR("BatchingEarlyExitAllocator: the instance of round "
                       << m_round << " is invalid: " << e.what());
    }
    if (!m_instanceFileName.empty())
    {
        const std::string path = RoundFileName(m_instanceFileName, m_round);
        try
        {
            WriteJsonFile(path, json::BatchingEarlyExitInstanceToJson(instance));
        }
        catch (const std::exception& e)
        {
            NS_FATAL_ERROR("BatchingEarlyExitAllocator: attribute InstanceFileName '"
                           << m_instanceFileName << "': " << e.what());
        }
    }
    BatchingEarlyExitDecision decision;
    std::string message = TryDecide(*this, instance, decision);
    if (!message.empty())
    {
        Reject(message);
        if (m_fallback)
        {
            m_fallback->m_round = m_round; // the fallback decides this round
            message = TryDecide(*m_fallback, instance, decision);
            if (!message.empty())
            {
                Reject("fallback " + m_fallback->GetInstanceTypeId().GetName() + ": " + message);
            }
        }
    }
    const BatchingEarlyExitDecision out =
        message.empty() ? solver->CompleteDecision(decision) : ServeNobody(instance);
    NS_LOG_INFO("round " << m_round << " (" << GetInstanceTypeId().GetName() << "): "
                         << out.served.size() << "/" << instance.users.size() << " served, T_u* "
                         << out.latestUploadEndS << " s, sum w " << out.sumBandwidthHz << " Hz");
    m_decisionTrace(m_round,
                    static_cast<uint32_t>(instance.users.size()),
                    static_cast<uint32_t>(out.served.size()),
                    out.prediction.throughputPerS);
    ++m_round;
    return out;
}

} // namespace edgeinference
} // namespace ns3
