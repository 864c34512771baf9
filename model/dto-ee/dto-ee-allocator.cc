/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dto-ee-allocator.h"

#include "dto-ee-json.h"

#include "ns3/boolean.h"
#include "ns3/decision-file.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/fatal-error.h"
#include "ns3/log.h"
#include "ns3/name-table-checker.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <exception>
#include <limits>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("DtoEeAllocator");

NS_OBJECT_ENSURE_REGISTERED(DtoEeAllocator);
NS_OBJECT_ENSURE_REGISTERED(DtoEeSolverAllocator);
NS_OBJECT_ENSURE_REGISTERED(DtoEeDecisionFileAllocator);

// ---------------------------------------------------------------------------------------------
// DtoEeAllocator

TypeId
DtoEeAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DtoEeAllocator")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddAttribute("Fallback",
                          "Allocator used when a decision is rejected (itself checked); "
                          "null: serve nobody (every task dropped at its entry node)",
                          PointerValue(),
                          MakePointerAccessor(&DtoEeAllocator::m_fallback),
                          MakePointerChecker<DtoEeAllocator>())
            .AddAttribute("InstanceFileName",
                          "Write each round's instance here in the input format of "
                          "edge-inference-solve --problem=dto-ee (\"\" = off, \"%r\" = round "
                          "index)",
                          StringValue(""),
                          MakeStringAccessor(&DtoEeAllocator::m_instanceFileName),
                          MakeStringChecker())
            .AddTraceSource("Decision",
                            "A round's decision, after the checks and the fallback",
                            MakeTraceSourceAccessor(&DtoEeAllocator::m_decisionTrace),
                            "ns3::edgeinference::DtoEeAllocator::DecisionTracedCallback")
            .AddTraceSource("DecisionRejected",
                            "A decision was rejected (message naming the node and the field)",
                            MakeTraceSourceAccessor(&DtoEeAllocator::m_rejectedTrace),
                            "ns3::edgeinference::DtoEeAllocator::DecisionRejectedTracedCallback");
    return tid;
}

DtoEeAllocator::DtoEeAllocator()
{
    NS_LOG_FUNCTION(this);
}

DtoEeAllocator::~DtoEeAllocator()
{
    NS_LOG_FUNCTION(this);
}

void
DtoEeAllocator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_fallback = nullptr;
    Object::DoDispose();
}

json::Json
DtoEeAllocator::InstanceDocument(const DtoEeProblem& instance) const
{
    return json::DtoEeInstanceToJson(instance);
}

DtoEeSolution
DtoEeAllocator::Allocate(const DtoEeProblem& instance)
{
    NS_LOG_FUNCTION(this);
    const DtoEeModel model(instance); // throws std::invalid_argument for a bad instance
    const DtoEeSolver solver(model);
    const uint32_t round = m_round;
    if (!m_instanceFileName.empty())
    {
        const std::string path = RoundFileName(m_instanceFileName, round);
        try
        {
            WriteJsonFile(path, InstanceDocument(instance));
        }
        catch (const std::exception& e)
        {
            NS_FATAL_ERROR("DtoEeAllocator InstanceFileName: " << e.what());
        }
    }
    std::string message;
    DtoEeSolution decision;
    m_isAllocating = true;
    try
    {
        decision = Decide(instance);
        message = DtoEeSolver::CheckDecision(instance, decision);
    }
    catch (const std::exception& e)
    {
        message = e.what();
    }
    m_isAllocating = false;
    ++m_round;
    DtoEeSolution out;
    if (message.empty())
    {
        try
        {
            out = solver.Predict(decision);
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what(); // the evaluator's own check, should CheckDecision miss one
        }
    }
    if (!message.empty())
    {
        const std::string text = "round " + std::to_string(round) + ": " + message;
        NS_LOG_WARN(GetInstanceTypeId().GetName() << ": decision rejected: " << text);
        m_rejects.push_back(text);
        m_rejectedTrace(round, message);
        if (m_fallback && m_fallback != this && !m_fallback->m_isAllocating)
        {
            out = m_fallback->Allocate(instance);
        }
        else
        {
            out = solver.ServeNobody();
        }
    }
    m_decisionTrace(round, out);
    return out;
}

uint32_t
DtoEeAllocator::GetRound() const
{
    return m_round;
}

const std::vector<std::string>&
DtoEeAllocator::GetRejections() const
{
    return m_rejects;
}

Ptr<DtoEeAllocator>
DtoEeAllocator::GetFallback() const
{
    return m_fallback;
}

// ---------------------------------------------------------------------------------------------
// DtoEeSolverAllocator

TypeId
DtoEeSolverAllocator::GetTypeId()
{
    static const DtoEeSolverOptions defaults;
    static TypeId tid =
        TypeId("ns3::DtoEeSolverAllocator")
            .SetParent<DtoEeAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<DtoEeSolverAllocator>()
            .AddAttribute(
                "Algorithm",
                "Centrally computed scheme: centralised (optimum of the penalised "
                "objective), fixed-threshold, no-early-exit, uniform-offloading, "
                "random-offloading",
                EnumValue(static_cast<int>(DtoEeScheme::CENTRALISED)),
                MakeEnumAccessor(&DtoEeSolverAllocator::SetAlgorithmValue,
                                 &DtoEeSolverAllocator::GetAlgorithmValue),
                MakeNameTableChecker<DtoEeScheme>(DtoEeSchemeNames(),
                                                  DtoEeScheme::CENTRALISED,
                                                  [](DtoEeScheme s) {
                                                      return s != DtoEeScheme::DTO_EE &&
                                                             s != DtoEeScheme::JOIN_LEAST_LOADED;
                                                  }))
            .AddAttribute("BaselineThreshold",
                          "Threshold theta of fixed-threshold, uniform-offloading and "
                          "random-offloading (raised to the instance's thresholdMin), in [0, 1]",
                          DoubleValue(defaults.baselineThreshold),
                          MakeDoubleAccessor(&DtoEeSolverAllocator::m_baselineThreshold),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("OptimiseThresholds",
                          "centralised: optimise the thresholds (false: routing only, from "
                          "BaselineThreshold)",
                          BooleanValue(defaults.optimiseThresholds),
                          MakeBooleanAccessor(&DtoEeSolverAllocator::m_optimiseThresholds),
                          MakeBooleanChecker())
            .AddAttribute("Seed",
                          "Seed of random-offloading (std::mt19937_64)",
                          UintegerValue(defaults.seed),
                          MakeUintegerAccessor(&DtoEeSolverAllocator::m_seed),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("RoutingTolerance",
                          "Stop the routing when the KKT residual / lambda is below this, s",
                          DoubleValue(defaults.routingTolerance),
                          MakeDoubleAccessor(&DtoEeSolverAllocator::m_routingTolerance),
                          MakeDoubleChecker<double>(std::numeric_limits<double>::min()))
            .AddAttribute("MaxRoutingIterations",
                          "Cap of routing iterations per solve",
                          UintegerValue(defaults.maxRoutingIterations),
                          MakeUintegerAccessor(&DtoEeSolverAllocator::m_maxRoutingIterations),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ThresholdTolerance",
                          "Stop the threshold search at this objective change, s",
                          DoubleValue(defaults.thresholdTolerance),
                          MakeDoubleAccessor(&DtoEeSolverAllocator::m_thresholdTolerance),
                          MakeDoubleChecker<double>(std::numeric_limits<double>::min()))
            .AddAttribute("MaxThresholdIterations",
                          "Cap of projected-gradient steps on the thresholds",
                          UintegerValue(defaults.maxThresholdIterations),
                          MakeUintegerAccessor(&DtoEeSolverAllocator::m_maxThresholdIterations),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

DtoEeSolverAllocator::DtoEeSolverAllocator()
{
    NS_LOG_FUNCTION(this);
}

DtoEeSolverAllocator::~DtoEeSolverAllocator()
{
    NS_LOG_FUNCTION(this);
}

void
DtoEeSolverAllocator::SetAlgorithmValue(int value)
{
    m_algorithm = static_cast<DtoEeScheme>(value);
}

int
DtoEeSolverAllocator::GetAlgorithmValue() const
{
    return static_cast<int>(m_algorithm);
}

DtoEeScheme
DtoEeSolverAllocator::GetAlgorithm() const
{
    return m_algorithm;
}

DtoEeSolverOptions
DtoEeSolverAllocator::GetSolverOptions() const
{
    DtoEeSolverOptions o;
    o.routingTolerance = m_routingTolerance;
    o.maxRoutingIterations = m_maxRoutingIterations;
    o.thresholdTolerance = m_thresholdTolerance;
    o.maxThresholdIterations = m_maxThresholdIterations;
    o.optimiseThresholds = m_optimiseThresholds;
    o.baselineThreshold = m_baselineThreshold;
    o.seed = m_seed;
    return o;
}

DtoEeSolution
DtoEeSolverAllocator::Decide(const DtoEeProblem& instance)
{
    NS_LOG_FUNCTION(this << ToString(m_algorithm));
    const DtoEeModel model(instance);
    return DtoEeSolver(model, GetSolverOptions()).SolveScheme(m_algorithm);
}

json::Json
DtoEeSolverAllocator::InstanceDocument(const DtoEeProblem& instance) const
{
    json::Json doc = DtoEeAllocator::InstanceDocument(instance);
    const DtoEeSolverOptions o = GetSolverOptions();
    json::Json s = json::Json::object();
    s["routingTolerance"] = json::Num(o.routingTolerance);
    s["maxRoutingIterations"] = o.maxRoutingIterations;
    s["thresholdTolerance"] = json::Num(o.thresholdTolerance);
    s["maxThresholdIterations"] = o.maxThresholdIterations;
    s["optimiseThresholds"] = o.optimiseThresholds;
    s["baselineThreshold"] = json::Num(o.baselineThreshold);
    s["seed"] = o.seed;
    doc["solver"] = std::move(s);
    return doc;
}

// ---------------------------------------------------------------------------------------------
// DtoEeDecisionFileAllocator

TypeId
DtoEeDecisionFileAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DtoEeDecisionFileAllocator")
            .SetParent<DtoEeAllocator>()
            .SetGroupName("EdgeInference")
            .AddConstructor<DtoEeDecisionFileAllocator>()
            .AddAttribute("FileName",
                          "Decision of each round, in the output format of "
                          "edge-inference-solve --problem=dto-ee (\"%r\" = round index)",
                          StringValue(""),
                          MakeStringAccessor(&DtoEeDecisionFileAllocator::m_fileName),
                          MakeStringChecker());
    return tid;
}

DtoEeDecisionFileAllocator::DtoEeDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

DtoEeDecisionFileAllocator::~DtoEeDecisionFileAllocator()
{
    NS_LOG_FUNCTION(this);
}

DtoEeSolution
DtoEeDecisionFileAllocator::Decide(const DtoEeProblem& instance)
{
    NS_LOG_FUNCTION(this);
    if (m_fileName.empty())
    {
        throw std::invalid_argument("DtoEeDecisionFileAllocator: FileName is empty");
    }
    const std::string path = RoundFileName(m_fileName, GetRound());
    const json::Json doc = ReadJsonFile(path); // its errors name the file
    try
    {
        return json::DtoEeDecisionFromJson(json::JsonNode(doc, ""), instance);
    }
    catch (const json::JsonInputError& e)
    {
        throw json::JsonInputError(path + ": " + e.what());
    }
}

} // namespace edgeinference
} // namespace ns3
