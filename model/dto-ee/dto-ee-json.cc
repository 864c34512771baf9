/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dto-ee-json.h"

#include "ns3/batch-latency-model.h"
#include "ns3/device-compute-model.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/dnn-model.h"
#include "ns3/dto-ee-agent.h"
#include "ns3/dto-ee-solver.h"
#include "ns3/radio-rate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgeinference
{
namespace json
{

namespace
{

/// A DTO-EE instance read from JSON.
struct DtoEeInput
{
    DtoEeProblem problem;                     ///< The instance
    std::vector<std::string> nodeNames;       ///< JsonNode names (default "0", "1", ...)
    DtoEeSolverOptions solverOptions;         ///< Centralised solver and baselines
    DtoEeAlgorithmOptions distributedOptions; ///< Distributed agents
    uint32_t rounds{400};                     ///< Cap of distributed rounds
    double roundTolerance{1e-9};              ///< Distributed stop: largest local change
    uint32_t patience{3};                     ///< Distributed stop: quiet rounds required
};

/**
 * @brief Read a piecewise-linear profile: an array of [threshold, value] pairs, thresholds
 * increasing in [0, 1], values in [0, 1] (non-increasing if @p isNonIncreasing; only such an
 * exit-probability profile may be empty).
 * @param [in] node the array
 * @param [in] isNonIncreasing require non-increasing values (exit probabilities)
 * @return the points
 */
std::vector<std::pair<double, double>>
ReadProfile(const JsonNode& node, bool isNonIncreasing)
{
    std::vector<std::pair<double, double>> out;
    // an empty exit profile is a head that never fires (q(theta) = 0 for theta > 0)
    for (const JsonNode& point : node.Elements(!isNonIncreasing))
    {
        if (!point.Get().is_array() || point.Get().size() != 2)
        {
            point.Fail("a [threshold, value] pair");
        }
        const auto pair = point.Elements();
        const double x = ReadNumber(pair[0], UnitInterval());
        const double y = ReadNumber(pair[1], UnitInterval());
        if (!out.empty() && !(x > out.back().first))
        {
            pair[0].Fail("a threshold > " + FormatNumber(out.back().first) +
                         " (thresholds increase)");
        }
        if (isNonIncreasing && !out.empty() && y > out.back().second)
        {
            pair[1].Fail("a value <= " + FormatNumber(out.back().second) +
                         " (exit probabilities do not increase)");
        }
        out.emplace_back(x, y);
    }
    return out;
}

/// @return the step rules with their input names
std::vector<std::pair<std::string, DtoEeStepRule>>
StepRules()
{
    return {{"scaled", DtoEeStepRule::SCALED}, {"gradient", DtoEeStepRule::GRADIENT}};
}

/**
 * @brief Read a DTO-EE instance.
 * @param [in] root the document
 * @return the instance
 */
DtoEeInput
ReadDtoEe(const JsonNode& root)
{
    root.CheckObject({"problem",
                      "description",
                      "betaS",
                      "rho",
                      "epsilon",
                      "thresholdMin",
                      "serviceScv",
                      "stages",
                      "nodes",
                      "links",
                      "solver",
                      "distributed"});
    DtoEeInput in;
    DtoEeProblem& p = in.problem;
    if (auto n = root.Find("betaS"))
    {
        p.betaS = ReadNumber(*n, NonNegative());
    }
    if (auto n = root.Find("rho"))
    {
        p.rho = ReadNumber(*n, NonNegative());
    }
    if (auto n = root.Find("epsilon"))
    {
        p.epsilon = ReadNumber(*n, Positive());
        if (!(p.epsilon < 1.0))
        {
            n->Fail("a number in (0, 1)");
        }
    }
    if (auto n = root.Find("thresholdMin"))
    {
        p.thresholdMin = ReadNumber(*n, UnitInterval());
    }
    if (auto n = root.Find("serviceScv"))
    {
        p.serviceScv = ReadNumber(*n, NonNegative());
    }

    const auto stages = root.Require("stages").Elements(true);
    for (size_t h = 0; h < stages.size(); ++h)
    {
        const JsonNode& s = stages[h];
        s.CheckObject({"workFlop", "featureBits", "accuracy", "exitAccuracy", "exitProfile"});
        DtoEeStage stage;
        stage.workFlop = ReadNumber(s.Require("workFlop"), Positive());
        if (auto n = s.Find("featureBits"))
        {
            stage.featureBits = ReadNumber(*n, NonNegative());
        }
        const bool isLast = h + 1 == stages.size();
        if (s.Has("accuracy") == s.Has("exitAccuracy"))
        {
            s.FailMessage("expected exactly one of \"accuracy\" (constant) and \"exitAccuracy\" "
                          "([threshold, accuracy] points)");
        }
        if (auto n = s.Find("accuracy"))
        {
            stage.exit.accuracy = ReadNumber(*n, UnitInterval());
        }
        if (auto n = s.Find("exitAccuracy"))
        {
            stage.exitAccuracy = ReadProfile(*n, false);
        }
        if (auto n = s.Find("exitProfile"))
        {
            if (isLast)
            {
                n->FailMessage("not valid at the last stage (every task exits there)");
            }
            stage.exit.exitProfile = ReadProfile(*n, true);
        }
        else if (!isLast)
        {
            s.FailMessage("missing required field \"exitProfile\" (every stage but the last "
                          "has an exit head)");
        }
        p.stages.push_back(stage);
    }
    const uint64_t nStages = p.stages.size();

    std::map<std::string, uint32_t> nodeIndex;
    const auto nodes = root.Require("nodes").Elements(true);
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const JsonNode& n = nodes[i];
        n.CheckObject({"name", "stage", "speedFlops", "arrivalRate"});
        DtoEeNode node;
        node.stage = static_cast<uint32_t>(ReadUnsigned(n.Require("stage"), 0, nStages - 1));
        node.speedFlops = ReadNumber(n.Require("speedFlops"), Positive());
        if (auto a = n.Find("arrivalRate"))
        {
            node.arrivalRate = ReadNumber(*a, NonNegative());
            if (node.arrivalRate > 0 && node.stage != 0)
            {
                a->FailMessage("external arrivals are allowed at stage-0 nodes only (this node "
                               "is in stage " +
                               std::to_string(node.stage) + ")");
            }
        }
        std::string name = std::to_string(i);
        if (auto a = n.Find("name"))
        {
            name = ReadString(*a);
        }
        if (!nodeIndex.emplace(name, static_cast<uint32_t>(i)).second)
        {
            n.Require("name").FailMessage("node name \"" + name + "\" used twice");
        }
        in.nodeNames.push_back(name);
        p.nodes.push_back(node);
    }

    auto readNodeRef = [&](const JsonNode& ref)
    {
        const std::string expectation = "a node name (" + Join(in.nodeNames, true) +
                                        ") or an index in [0, " + std::to_string(p.nodes.size()) +
                                        ")";
        if (ref.Get().is_string())
        {
            auto it = nodeIndex.find(ref.Get().get<std::string>());
            if (it == nodeIndex.end())
            {
                ref.Fail(expectation);
            }
            return it->second;
        }
        if (!ref.Get().is_number())
        {
            ref.Fail(expectation);
        }
        return static_cast<uint32_t>(ReadUnsigned(ref, 0, p.nodes.size() - 1));
    };
    std::set<std::pair<uint32_t, uint32_t>> seenLinks;
    for (const JsonNode& l : root.Require("links").Elements())
    {
        l.CheckObject({"from", "to", "rateBps", "propagationDelayS"});
        DtoEeLink link;
        link.from = readNodeRef(l.Require("from"));
        link.to = readNodeRef(l.Require("to"));
        if (p.nodes[link.to].stage != p.nodes[link.from].stage + 1)
        {
            l.Require("to").FailMessage(
                "node \"" + in.nodeNames[link.to] + "\" is in stage " +
                std::to_string(p.nodes[link.to].stage) + ", expected stage " +
                std::to_string(p.nodes[link.from].stage + 1) +
                ", the stage after the offloader \"" + in.nodeNames[link.from] + "\"");
        }
        if (!seenLinks.insert({link.from, link.to}).second)
        {
            l.FailMessage("duplicate link \"" + in.nodeNames[link.from] + "\" -> \"" +
                          in.nodeNames[link.to] + "\"");
        }
        link.rateBps = ReadNumber(l.Require("rateBps"), Positive());
        if (auto n = l.Find("propagationDelayS"))
        {
            link.propagationDelayS = ReadNumber(*n, NonNegative());
        }
        p.links.push_back(link);
    }

    if (auto s = root.Find("solver"))
    {
        s->CheckObject({"routingTolerance",
                        "maxRoutingIterations",
                        "thresholdTolerance",
                        "maxThresholdIterations",
                        "optimiseThresholds",
                        "baselineThreshold",
                        "seed"});
        DtoEeSolverOptions& o = in.solverOptions;
        if (auto n = s->Find("routingTolerance"))
        {
            o.routingTolerance = ReadNumber(*n, Positive());
        }
        if (auto n = s->Find("maxRoutingIterations"))
        {
            o.maxRoutingIterations =
                static_cast<uint32_t>(ReadUnsigned(*n, 1, std::numeric_limits<uint32_t>::max()));
        }
        if (auto n = s->Find("thresholdTolerance"))
        {
            o.thresholdTolerance = ReadNumber(*n, Positive());
        }
        if (auto n = s->Find("maxThresholdIterations"))
        {
            o.maxThresholdIterations =
                static_cast<uint32_t>(ReadUnsigned(*n, 0, std::numeric_limits<uint32_t>::max()));
        }
        if (auto n = s->Find("optimiseThresholds"))
        {
            if (!n->Get().is_boolean())
            {
                n->Fail("true or false");
            }
            o.optimiseThresholds = n->Get().get<bool>();
        }
        if (auto n = s->Find("baselineThreshold"))
        {
            o.baselineThreshold = ReadNumber(*n, UnitInterval());
        }
        if (auto n = s->Find("seed"))
        {
            o.seed = ReadUnsigned(*n);
        }
    }
    if (auto s = root.Find("distributed"))
    {
        s->CheckObject({"rounds",
                        "tolerance",
                        "patience",
                        "splitRule",
                        "thresholdRule",
                        "splitStep",
                        "thresholdStep",
                        "thresholdPeriod",
                        "optimiseThresholds",
                        "rateNormalisation",
                        "initialThreshold"});
        DtoEeAlgorithmOptions& o = in.distributedOptions;
        if (auto n = s->Find("rounds"))
        {
            in.rounds = static_cast<uint32_t>(ReadUnsigned(*n, 1, 10000000));
        }
        if (auto n = s->Find("tolerance"))
        {
            in.roundTolerance = ReadNumber(*n, NonNegative());
        }
        if (auto n = s->Find("patience"))
        {
            in.patience =
                static_cast<uint32_t>(ReadUnsigned(*n, 1, std::numeric_limits<uint32_t>::max()));
        }
        if (auto n = s->Find("splitRule"))
        {
            o.splitRule = ReadChoice(*n, StepRules());
        }
        if (auto n = s->Find("thresholdRule"))
        {
            o.thresholdRule = ReadChoice(*n, StepRules());
        }
        if (auto n = s->Find("splitStep"))
        {
            o.splitStep = ReadNumber(*n, Positive());
        }
        if (auto n = s->Find("thresholdStep"))
        {
            o.thresholdStep = ReadNumber(*n, Positive());
        }
        if (auto n = s->Find("thresholdPeriod"))
        {
            o.thresholdPeriod =
                static_cast<uint32_t>(ReadUnsigned(*n, 1, std::numeric_limits<uint32_t>::max()));
        }
        if (auto n = s->Find("optimiseThresholds"))
        {
            if (!n->Get().is_boolean())
            {
                n->Fail("true or false");
            }
            o.optimiseThresholds = n->Get().get<bool>();
        }
        if (auto n = s->Find("rateNormalisation"))
        {
            o.rateNormalisation = ReadNumber(*n, NonNegative());
        }
        if (auto n = s->Find("initialThreshold"))
        {
            o.initialThreshold = ReadNumber(*n, UnitInterval());
        }
    }
    return in;
}

/**
 * @param [in] algorithm a DTO-EE algorithm's command-line name (not "distributed")
 * @return the scheme
 */
DtoEeScheme
DtoEeSchemeOf(const std::string& algorithm)
{
    const auto scheme = DtoEeSchemeFromString(algorithm);
    if (!scheme || *scheme == DtoEeScheme::DTO_EE)
    {
        // RequireAlgorithm() accepted the name: Algorithms() and the table disagree
        throw std::logic_error("DTO-EE algorithm \"" + algorithm + "\" has no static scheme");
    }
    return *scheme;
}

/**
 * @param [in] node the decision's "reason" field
 * @return the reason (the exact names of ToString(DtoEeReason))
 */
DtoEeReason
ReadReason(const JsonNode& node)
{
    std::vector<std::string> names;
    for (DtoEeReason r : {DtoEeReason::NONE,
                          DtoEeReason::NO_TRAFFIC,
                          DtoEeReason::STAGE_OVERLOADED,
                          DtoEeReason::NODE_OVERLOADED,
                          DtoEeReason::MARGIN_VIOLATED,
                          DtoEeReason::NOT_SERVED})
    {
        if (node.Get().is_string() && node.Get().get<std::string>() == ToString(r))
        {
            return r;
        }
        names.push_back(ToString(r));
    }
    node.Fail("one of " + Join(names, true));
}

/**
 * @brief Read a reference to a node of a network instance (unnamed nodes: "0", "1", ... or
 * the index as a number).
 * @param [in] ref the reference
 * @param [in] nNodes number of nodes
 * @return the node index
 */
uint32_t
ReadIndexRef(const JsonNode& ref, size_t nNodes)
{
    const std::string expectation =
        "a node index in [0, " + std::to_string(nNodes) + "), as a number or a string";
    if (ref.Get().is_string())
    {
        const std::string text = ref.Get().get<std::string>();
        for (uint32_t i = 0; i < nNodes; ++i)
        {
            if (text == std::to_string(i))
            {
                return i;
            }
        }
        ref.Fail(expectation);
    }
    if (!ref.Get().is_number_unsigned() || ref.Get().get<uint64_t>() >= nNodes)
    {
        ref.Fail(expectation);
    }
    return static_cast<uint32_t>(ref.Get().get<uint64_t>());
}

/**
 * @param [in] node a threshold or split value
 * @return the number (any finite number: ranges are checked by CheckDecision())
 */
double
ReadValue(const JsonNode& node)
{
    return ReadNumber(node, AnyFinite());
}

/**
 * @brief Solve a DTO-EE instance and describe the result.
 * @param [in] root the document
 * @param [in] algorithm the algorithm's command-line name
 * @return the output document
 */
Json
DoSolveDtoEe(const JsonNode& root, const std::string& algorithm)
{
    const DtoEeInput in = ReadDtoEe(root);
    const DtoEeModel model = Checked(root, [&]() { return DtoEeModel(in.problem); });
    DtoEeSolution sol;
    std::optional<DtoEeRunResult> run;
    if (algorithm == ToString(DtoEeScheme::DTO_EE))
    {
        DtoEeDistributed dist(model, in.distributedOptions);
        run = dist.Run(in.rounds, in.roundTolerance, in.patience);
        sol = run->solution;
    }
    else
    {
        const DtoEeSolver solver(model, in.solverOptions);
        sol = solver.SolveScheme(DtoEeSchemeOf(algorithm));
    }
    Json out = DtoEeDecisionToJson(model.GetProblem(), sol, algorithm, in.nodeNames);
    if (run)
    {
        Json d = Json::object();
        d["rounds"] = run->rounds;
        d["converged"] = run->converged;
        d["messages"] = run->messages;
        d["bytes"] = run->bytes;
        d["messagesPerRound"] = DtoEeDistributed::MessagesPerRound(model);
        out["distributed"] = std::move(d);
    }
    return out;
}

} // namespace

std::vector<AlgorithmInfo>
DtoEeAlgorithms()
{
    return {
        {ToString(DtoEeScheme::CENTRALISED),
         "routing + threshold search on the global objective [default]"},
        {ToString(DtoEeScheme::DTO_EE), "DTO-EE message-passing agents for the given rounds"},
        {ToString(DtoEeScheme::FIXED_THRESHOLD),
         "optimal offloading, thresholds at baselineThreshold"},
        {ToString(DtoEeScheme::NO_EARLY_EXIT),
         "optimal offloading, theta = 1 (no task exits early)"},
        {ToString(DtoEeScheme::UNIFORM_OFFLOADING),
         "uniform split over successors, baselineThreshold"},
        {ToString(DtoEeScheme::RANDOM_OFFLOADING), "random split (solver.seed), baselineThreshold"},
        {ToString(DtoEeScheme::JOIN_LEAST_LOADED), "fluid join-least-utilised, baselineThreshold"},
    };
}

std::string
DtoEeSchema()
{
    return R"(dto-ee input (units in the field names; null = field omitted; a "comment"
field is allowed in every object; stages, nodes and links are 0-based):
{
  "problem": "dto-ee",                   optional, must match --problem
  "betaS": 0.5,                          beta, s of delay per unit of accuracy (default 0.5)
  "rho": 1000,                           exterior-penalty weight (default 1000)
  "epsilon": 0.05,                       stability margin in (0, 1) (default 0.05)
  "thresholdMin": 0,                     lower bound of the thresholds (default 0)
  "serviceScv": 1,                       c^2 of the service times: 1 = exponential (M/M/1
                                     nodes, default), 0 = deterministic (M/D/1), any
                                     other >= 0: M/G/1 (Pollaczek-Khinchine)
  "stages": [                            H stages in order (>= 1)
    {"workFlop": 1e9,                    w_h, FLOPs per task (sub-model + exit head)
     "featureBits": 1e6,                 s_h, bits sent to the next stage (default 0)
     "exitProfile": [[0.5, 1], [1, 0]],  q_h(theta) points, non-increasing (all but the last)
     exactly one of "accuracy": 0.9      constant accuracy of the tasks exiting here
             or "exitAccuracy": [[0.5, 0.75], [1, 1]]   a_h(theta) points}
  ],
  "nodes": [{"name": "A", "stage": 0, "speedFlops": 50e9, "arrivalRate": 20}],
                                     f_i FLOP/s; lambda_i task/s (stage 0 only, default 0)
  "links": [{"from": "A", "to": "B", "rateBps": 2e8, "propagationDelayS": 0}],
                                     node names or indices, stage h -> h+1
  "solver": {"routingTolerance": 1e-9, "maxRoutingIterations": 2000,
         "thresholdTolerance": 1e-9, "maxThresholdIterations": 100,
         "optimiseThresholds": true, "baselineThreshold": 0.8, "seed": 1},
                                     centralised and baselines (all optional)
  "distributed": {"rounds": 400, "tolerance": 1e-9, "patience": 3,
              "splitRule": "scaled", "thresholdRule": "scaled",   or "gradient"
              "splitStep": 1, "thresholdStep": 0.5, "thresholdPeriod": 1,
              "optimiseThresholds": true, "rateNormalisation": 0,
              "initialThreshold": 0.8}
                                     --algorithm=distributed (all optional)
}
)";
}

Json
DtoEeSolve(const JsonNode& root, const std::string& algorithm)
{
    return GuardedSolve("dto-ee", [&]() { return DoSolveDtoEe(root, algorithm); });
}

Json
DtoEeInstanceToJson(const DtoEeProblem& problem)
{
    auto profile = [](const std::vector<std::pair<double, double>>& points)
    {
        Json a = Json::array();
        for (const auto& [x, y] : points)
        {
            a.push_back(Json::array({Num(x), Num(y)}));
        }
        return a;
    };
    Json root = Json::object();
    root["problem"] = "dto-ee";
    root["betaS"] = Num(problem.betaS);
    root["rho"] = Num(problem.rho);
    root["epsilon"] = Num(problem.epsilon);
    root["thresholdMin"] = Num(problem.thresholdMin);
    root["serviceScv"] = Num(problem.serviceScv);
    Json stages = Json::array();
    for (size_t h = 0; h < problem.stages.size(); ++h)
    {
        const DtoEeStage& st = problem.stages[h];
        Json j = Json::object();
        j["workFlop"] = Num(st.workFlop);
        j["featureBits"] = Num(st.featureBits);
        if (st.exitAccuracy.empty())
        {
            j["accuracy"] = Num(st.exit.accuracy);
        }
        else
        {
            j["exitAccuracy"] = profile(st.exitAccuracy);
        }
        if (h + 1 < problem.stages.size())
        {
            j["exitProfile"] = profile(st.exit.exitProfile);
        }
        stages.push_back(std::move(j));
    }
    root["stages"] = std::move(stages);
    Json nodes = Json::array();
    for (const DtoEeNode& n : problem.nodes)
    {
        Json j = Json::object();
        j["stage"] = n.stage;
        j["speedFlops"] = Num(n.speedFlops);
        if (n.stage == 0)
        {
            j["arrivalRate"] = Num(n.arrivalRate);
        }
        nodes.push_back(std::move(j));
    }
    root["nodes"] = std::move(nodes);
    Json links = Json::array();
    for (const DtoEeLink& l : problem.links)
    {
        Json j = Json::object();
        j["from"] = l.from;
        j["to"] = l.to;
        j["rateBps"] = Num(l.rateBps);
        j["propagationDelayS"] = Num(l.propagationDelayS);
        links.push_back(std::move(j));
    }
    root["links"] = std::move(links);
    return root;
}

Json
DtoEeDecisionToJson(const DtoEeProblem& problem,
                    const DtoEeSolution& sol,
                    const std::string& algorithm,
                    const std::vector<std::string>& nodeNames)
{
    const DtoEeModel model(problem);
    auto name = [&nodeNames](uint32_t i)
    {
        return i < nodeNames.size() ? nodeNames[i] : std::to_string(i);
    };
    const DtoEeProblem& p = model.GetProblem();
    const DtoEeEvaluation& e = sol.evaluation;
    const bool isServed = sol.reason != DtoEeReason::NOT_SERVED;

    Json out = SolverOutputHeader("dto-ee", algorithm);
    Json decision = Json::object();
    decision["scheme"] = ToString(sol.scheme);
    decision["reason"] = ToString(sol.reason);
    decision["iterations"] = sol.iterations;
    Json nodes = Json::array();
    for (uint32_t i = 0; isServed && i < model.GetNNodes(); ++i)
    {
        Json j = Json::object();
        j["node"] = name(i);
        j["stage"] = p.nodes[i].stage;
        if (model.IsLastStage(i))
        {
            j["threshold"] = nullptr;
        }
        else
        {
            j["threshold"] = Num(sol.strategy.threshold[i]);
        }
        j["exitProbability"] = Num(model.ExitProbability(i, sol.strategy.threshold[i]));
        j["exitAccuracy"] = Num(model.ExitAccuracy(i, sol.strategy.threshold[i]));
        nodes.push_back(std::move(j));
    }
    decision["nodes"] = std::move(nodes);
    Json links = Json::array();
    for (uint32_t l = 0; isServed && l < model.GetNLinks(); ++l)
    {
        Json j = Json::object();
        j["from"] = name(p.links[l].from);
        j["to"] = name(p.links[l].to);
        j["split"] = Num(sol.strategy.split[l]);
        links.push_back(std::move(j));
    }
    decision["links"] = std::move(links);
    out["decision"] = std::move(decision);

    Json prediction = Json::object();
    prediction["stable"] = e.stable;
    prediction["reason"] = ToString(e.reason);
    prediction["totalArrivalRate"] = Num(model.GetTotalArrivalRate());
    prediction["meanDelayS"] = Num(e.meanDelayS);
    prediction["meanAccuracy"] = Num(e.meanAccuracy);
    prediction["penalty"] = Num(e.penalty);
    prediction["objective"] = Num(e.objective);
    Json nodeOut = Json::array();
    for (uint32_t i = 0; i < model.GetNNodes(); ++i)
    {
        Json j = Json::object();
        j["node"] = name(i);
        j["arrivalRate"] = Num(e.nodeRate[i]);
        j["serviceRate"] = Num(model.GetServiceRate(i));
        j["utilisation"] = Num(e.nodeRate[i] / model.GetServiceRate(i));
        j["marginalCostS"] = Num(e.marginalCost[i]);
        nodeOut.push_back(std::move(j));
    }
    prediction["nodes"] = std::move(nodeOut);
    Json linkOut = Json::array();
    for (uint32_t l = 0; l < model.GetNLinks(); ++l)
    {
        Json j = Json::object();
        j["from"] = name(p.links[l].from);
        j["to"] = name(p.links[l].to);
        j["flow"] = Num(e.linkFlow[l]);
        j["delayS"] = Num(model.GetLinkDelay(l));
        linkOut.push_back(std::move(j));
    }
    prediction["links"] = std::move(linkOut);
    out["prediction"] = std::move(prediction);
    return out;
}

DtoEeSolution
DtoEeDecisionFromJson(const JsonNode& root, const DtoEeProblem& problem)
{
    const DtoEeModel model = Checked(root, [&]() { return DtoEeModel(problem); });
    root.CheckObject({"problem", "algorithm", "version", "decision", "prediction", "distributed"});
    if (auto n = root.Find("problem"))
    {
        if (!n->Get().is_string() || n->Get().get<std::string>() != "dto-ee")
        {
            n->Fail("\"dto-ee\"");
        }
    }
    const JsonNode d = root.Require("decision");
    d.CheckObject({"scheme", "reason", "iterations", "nodes", "links"});
    DtoEeSolution sol;
    if (auto n = d.Find("scheme"))
    {
        std::vector<std::pair<std::string, DtoEeScheme>> schemes;
        for (const auto& [s, name] : DtoEeSchemeNames())
        {
            schemes.emplace_back(name, s);
        }
        sol.scheme = ReadChoice(*n, schemes);
    }
    if (auto n = d.Find("iterations"))
    {
        sol.iterations =
            static_cast<uint32_t>(ReadUnsigned(*n, 0, std::numeric_limits<uint32_t>::max()));
    }
    if (auto n = d.Find("reason"))
    {
        sol.reason = ReadReason(*n);
    }
    if (sol.reason == DtoEeReason::NOT_SERVED)
    {
        return sol;
    }
    const uint32_t nNodes = model.GetNNodes();
    sol.strategy.threshold.assign(nNodes, 0.0);
    std::vector<bool> seenNode(nNodes, false);
    for (const JsonNode& n : d.Require("nodes").Elements())
    {
        n.CheckObject({"node", "stage", "threshold", "exitProbability", "exitAccuracy"});
        const uint32_t i = ReadIndexRef(n.Require("node"), nNodes);
        if (seenNode[i])
        {
            n.Require("node").FailMessage("node " + std::to_string(i) + " listed twice");
        }
        seenNode[i] = true;
        if (auto t = n.Find("threshold"))
        {
            sol.strategy.threshold[i] = ReadValue(*t);
        }
        else if (!model.IsLastStage(i))
        {
            n.FailMessage("missing required field \"threshold\" (node " + std::to_string(i) +
                          " is not in the last stage)");
        }
    }
    for (uint32_t i = 0; i < nNodes; ++i)
    {
        if (!seenNode[i])
        {
            d.Require("nodes").FailMessage("node " + std::to_string(i) + " is missing");
        }
    }
    const auto& links = problem.links;
    sol.strategy.split.assign(links.size(), 0.0);
    std::vector<bool> seenLink(links.size(), false);
    for (const JsonNode& l : d.Require("links").Elements())
    {
        l.CheckObject({"from", "to", "split"});
        const uint32_t from = ReadIndexRef(l.Require("from"), nNodes);
        const uint32_t to = ReadIndexRef(l.Require("to"), nNodes);
        size_t k = 0;
        while (k < links.size() && !(links[k].from == from && links[k].to == to))
        {
            ++k;
        }
        if (k == links.size())
        {
            l.FailMessage("no link " + std::to_string(from) + " -> " + std::to_string(to) +
                          " in the instance");
        }
        if (seenLink[k])
        {
            l.FailMessage("link " + std::to_string(from) + " -> " + std::to_string(to) +
                          " listed twice");
        }
        seenLink[k] = true;
        sol.strategy.split[k] = ReadValue(l.Require("split"));
    }
    for (size_t k = 0; k < links.size(); ++k)
    {
        if (!seenLink[k])
        {
            d.Require("links").FailMessage("no split for link " + std::to_string(links[k].from) +
                                           " -> " + std::to_string(links[k].to));
        }
    }
    return sol;
}

} // namespace json
} // namespace edgeinference
} // namespace ns3
