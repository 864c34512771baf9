/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batching-early-exit-decision-file-allocator.h"

#include "batching-json.h"

#include "ns3/decision-file.h"
#include "ns3/log.h"
#include "ns3/string.h"

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("BatchingEarlyExitDecisionFileAllocator");

NS_OBJECT_ENSURE_REGISTERED(BatchingEarlyExitDecisionFileAllocator);

TypeId
BatchingEarlyExitDecisionFileAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::BatchingEarlyExitDecisionFileAllocator")
            .SetParent<BatchingEarlyExitAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<BatchingEarlyExitDecisionFileAllocator>()
            .AddAttribute(
                "FileName",
                "Decision file of each round in the output format of edge-inference-solve "
                "(\"%r\" = round index).",
                StringValue(""),
                MakeStringAccessor(&BatchingEarlyExitDecisionFileAllocator::m_fileName),
                MakeStringChecker());
    return tid;
}

BatchingEarlyExitDecisionFileAllocator::BatchingEarlyExitDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

BatchingEarlyExitDecisionFileAllocator::~BatchingEarlyExitDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

BatchingEarlyExitDecision
BatchingEarlyExitDecisionFileAllocator::Decide(const BatchingEarlyExitProblem& instance)
{
    NS_LOG_FUNCTION(this << GetRound());
    if (m_fileName.empty())
    {
        throw json::JsonInputError("attribute FileName is not set");
    }
    const std::string path = RoundFileName(m_fileName, GetRound());
    const json::Json document = ReadJsonFile(path); // errors name the file
    BatchingEarlyExitDecision decision;
    try
    {
        decision = json::BatchingEarlyExitDecisionFromJson(json::JsonNode(document, ""), instance);
    }
    catch (const json::JsonInputError& e)
    {
        throw json::JsonInputError(path + ": " + e.what());
    }
    const std::string message = BatchingEarlyExitSolver::CheckDecision(instance, decision);
    if (!message.empty())
    {
        throw json::JsonInputError(path + ": decision." + message);
    }
    return decision;
}

} // namespace edgeinference
} // namespace ns3
