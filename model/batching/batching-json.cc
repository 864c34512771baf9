/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batching-json.h"

#include "ns3/batch-latency-model.h"
#include "ns3/batching-early-exit-solver.h"
#include "ns3/device-compute-model.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/dnn-model.h"
#include "ns3/lte-ul-amc-rate-model.h"
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

/// A batching + early-exit instance read from JSON.
struct BatchingInput
{
    BatchingEarlyExitProblem problem;                                             ///< The instance
    BatchingEarlyExitScheme scheme{BatchingEarlyExitScheme::BATCHING_EARLY_EXIT}; ///< Scheme
    uint64_t maxSearchNodes{BatchingEarlyExitSolver::DEFAULT_MAX_SEARCH_NODES}; ///< JsonNode limit
};

/// @return the schemes with their input names
std::vector<std::pair<std::string, BatchingEarlyExitScheme>>
Schemes()
{
    std::vector<std::pair<std::string, BatchingEarlyExitScheme>> out;
    for (const auto& [scheme, name] : BatchingEarlyExitSchemeNames())
    {
        out.emplace_back(name, scheme);
    }
    return out;
}

/**
 * @brief Read a batching + early-exit instance.
 * @param [in] root the document
 * @return the instance
 */
BatchingInput
ReadBatching(const JsonNode& root)
{
    root.CheckObject({"problem",
                      "description",
                      "blocks",
                      "exitAccuracy",
                      "totalBandwidthHz",
                      "frameLengthS",
                      "scheme",
                      "maxSearchNodes",
                      "noisePsdWPerHz",
                      "rateModel",
                      "ulBandwidthRb",
                      "minUlGrantRbs",
                      "symbolShare",
                      "users"});
    BatchingInput in;
    BatchingEarlyExitProblem& p = in.problem;
    for (const JsonNode& b : root.Require("blocks").Elements(true))
    {
        b.CheckObject({"fixedCostS", "perTaskCostS", "table"});
        if (b.Has("table"))
        {
            if (b.Has("fixedCostS") || b.Has("perTaskCostS"))
            {
                b.FailMessage("give either \"table\" or \"fixedCostS\" with \"perTaskCostS\", "
                              "not both");
            }
            const JsonNode table = b.Require("table");
            std::vector<std::pair<uint32_t, double>> points;
            for (const JsonNode& point : table.Elements(true))
            {
                if (!point.Get().is_array() || point.Get().size() != 2)
                {
                    point.Fail("a [batchSize, latencyS] pair");
                }
                const auto pair = point.Elements();
                points.emplace_back(static_cast<uint32_t>(ReadUnsigned(
                                        pair[0], 1, std::numeric_limits<uint32_t>::max())),
                                    ReadNumber(pair[1], NonNegative()));
            }
            Checked(table,
                    [&]()
                    {
                        p.latency.AddTableBlock(points);
                        return 0;
                    });
            continue;
        }
        const double c = ReadNumber(b.Require("fixedCostS"), NonNegative());
        const double a = ReadNumber(b.Require("perTaskCostS"), NonNegative());
        Checked(b,
                [&]()
                {
                    p.latency.AddAffineBlock(c, a);
                    return 0;
                });
    }
    const uint32_t nBlocks = p.latency.GetNBlocks();

    std::optional<JsonNode> accuracyNode = root.Find("exitAccuracy");
    if (accuracyNode)
    {
        const auto elements = accuracyNode->Elements();
        if (elements.size() != nBlocks)
        {
            accuracyNode->Fail("an array of " + std::to_string(nBlocks) +
                               " accuracies (one per block)");
        }
        for (size_t l = 0; l < elements.size(); ++l)
        {
            const double a = ReadNumber(elements[l], UnitInterval());
            if (l > 0 && a < p.exitAccuracy.back())
            {
                elements[l].Fail("a number >= exitAccuracy[" + std::to_string(l - 1) +
                                 "] = " + FormatNumber(p.exitAccuracy.back()) +
                                 " (accuracies are non-decreasing)");
            }
            p.exitAccuracy.push_back(a);
        }
    }
    p.totalBandwidthHz = ReadNumber(root.Require("totalBandwidthHz"), NonNegativeOrInf());
    if (auto n = root.Find("frameLengthS"))
    {
        p.frameLengthS = ReadNumber(*n, NonNegative());
    }
    if (auto n = root.Find("scheme"))
    {
        in.scheme = ReadChoice(*n, Schemes());
    }
    if (auto n = root.Find("maxSearchNodes"))
    {
        in.maxSearchNodes = ReadUnsigned(*n, 1);
    }
    const double noise = ReadNoise(root);
    enum class UlRate
    {
        FIXED_POWER,
        LTE_UL_AMC,
        SYMBOL_SHARE
    };
    UlRate kind = UlRate::FIXED_POWER;
    if (auto n = root.Find("rateModel"))
    {
        kind = ReadChoice(
            *n,
            std::vector<std::pair<std::string, UlRate>>{{"fixed-power", UlRate::FIXED_POWER},
                                                        {"lte-ul-amc", UlRate::LTE_UL_AMC},
                                                        {"symbol-share", UlRate::SYMBOL_SHARE}});
    }
    const bool isLteUl = kind == UlRate::LTE_UL_AMC;
    const bool isSymbolShare = kind == UlRate::SYMBOL_SHARE;
    SymbolShareSpec symbolShare;
    if (isSymbolShare)
    {
        symbolShare = ReadSymbolShare(root.Require("symbolShare"));
    }
    else if (root.Has("symbolShare"))
    {
        root.Require("symbolShare").FailMessage("only valid with \"rateModel\": \"symbol-share\"");
    }
    uint32_t ulBandwidthRb = 0;
    uint32_t minGrantRbs = 3;
    for (const char* key : {"ulBandwidthRb", "minUlGrantRbs"})
    {
        if (!isLteUl && root.Has(key))
        {
            root.Require(key).FailMessage("only valid with \"rateModel\": \"lte-ul-amc\"");
        }
    }
    if (isLteUl)
    {
        ulBandwidthRb = static_cast<uint32_t>(ReadUnsigned(root.Require("ulBandwidthRb"), 6, 110));
        if (auto n = root.Find("minUlGrantRbs"))
        {
            minGrantRbs = static_cast<uint32_t>(ReadUnsigned(*n, 1, ulBandwidthRb));
        }
    }
    std::vector<double> ulSinr;
    std::vector<std::vector<double>> bytesBySymbols;

    for (const JsonNode& u : root.Require("users").Elements())
    {
        u.CheckObject({"exit",
                       "accuracyRequirement",
                       "deadlineS",
                       "uploadBits",
                       "snrBandwidthHz",
                       "txPowerW",
                       "channelGain",
                       "ulSinr",
                       "bytesBySymbols"});
        BatchingEarlyExitUser user;
        if (RequireOneOf(u, {"exit", "accuracyRequirement"}) == 0)
        {
            user.exit = static_cast<uint32_t>(ReadUnsigned(u.Require("exit"), 0, nBlocks - 1));
        }
        else
        {
            const JsonNode req = u.Require("accuracyRequirement");
            user.accuracyRequirement = ReadNumber(req, NonNegative());
            if (!accuracyNode)
            {
                req.FailMessage("needs the top-level \"exitAccuracy\" (or give \"exit\")");
            }
        }
        user.deadlineS = ReadNumber(u.Require("deadlineS"), AnyFinite());
        user.uploadBits = ReadNumber(u.Require("uploadBits"), NonNegative());
        if (u.Has("ulSinr") && !isLteUl)
        {
            u.Require("ulSinr").FailMessage("only valid with \"rateModel\": \"lte-ul-amc\"");
        }
        if (u.Has("bytesBySymbols") && !isSymbolShare)
        {
            u.Require("bytesBySymbols")
                .FailMessage("only valid with \"rateModel\": \"symbol-share\"");
        }
        if (isLteUl || isSymbolShare)
        {
            // the SRS SINR (the table) drives the rate; s_k is informative (optional)
            if (isLteUl)
            {
                ulSinr.push_back(ReadNumber(u.Require("ulSinr"), AnyFinite()));
            }
            else
            {
                bytesBySymbols.push_back(
                    ReadBytesBySymbols(u.Require("bytesBySymbols"), symbolShare));
            }
            if (u.Has("snrBandwidthHz") || u.Has("txPowerW") || u.Has("channelGain"))
            {
                user.snrBandwidthHz = ReadSnrBandwidth(u, noise);
            }
        }
        else
        {
            user.snrBandwidthHz = ReadSnrBandwidth(u, noise);
        }
        p.users.push_back(user);
    }
    if (isLteUl)
    {
        p.rateModel = Checked(
            root,
            [&]()
            { return std::make_shared<LteUlAmcRateModel>(ulSinr, ulBandwidthRb, minGrantRbs); });
    }
    if (isSymbolShare)
    {
        p.rateModel = MakeSymbolShareRateModel(
            root.Require("symbolShare"), symbolShare, std::move(bytesBySymbols));
    }
    return in;
}

/**
 * @brief Solve a batching + early-exit instance and describe the result.
 * @param [in] root the document
 * @param [in] algorithm the algorithm's command-line name
 * @return the output document
 */
Json
DoSolveBatching(const JsonNode& root, const std::string& algorithm)
{
    const BatchingInput in = ReadBatching(root);
    BatchingEarlyExitSolver solver =
        Checked(root, [&]() { return BatchingEarlyExitSolver(in.problem); });
    solver.SetMaxSearchNodes(in.maxSearchNodes);
    BatchingEarlyExitAlgorithm alg = BatchingEarlyExitAlgorithm::OPTIMAL;
    for (const auto& [a, name] : BatchingEarlyExitAlgorithmNames())
    {
        if (name == algorithm)
        {
            alg = a;
        }
    }
    BatchingEarlyExitDecision d;
    try
    {
        d = solver.Solve(in.scheme, alg);
    }
    catch (const std::invalid_argument& e)
    {
        throw JsonInputError("algorithm " + algorithm +
                             " does not apply to this input: " + e.what());
    }
    return BatchingEarlyExitDecisionToJson(solver.GetProblem(), d, algorithm);
}

} // namespace

std::vector<AlgorithmInfo>
BatchingEarlyExitAlgorithms()
{
    const std::map<BatchingEarlyExitAlgorithm, std::string> descriptions{
        {BatchingEarlyExitAlgorithm::OPTIMAL,
         "optimal-u with a common deadline, else optimal-h [default]"},
        {BatchingEarlyExitAlgorithm::OPTIMAL_U,
         "enumeration of exit-count vectors (common deadline only)"},
        {BatchingEarlyExitAlgorithm::OPTIMAL_H, "branch and bound (any deadlines)"},
        {BatchingEarlyExitAlgorithm::GREEDY, "add the user giving the smallest bandwidth sum"},
    };
    std::vector<AlgorithmInfo> out;
    for (const auto& [algorithm, name] : BatchingEarlyExitAlgorithmNames())
    {
        out.push_back({name, descriptions.at(algorithm)});
    }
    return out;
}

std::string
BatchingEarlyExitSchema()
{
    return R"(batching-early-exit input (units in the field names; "inf" = +infinity where
allowed; null = field omitted; a "comment" field is allowed in every object):
{
  "problem": "batching-early-exit",      optional, must match --problem
  "blocks": [                            L blocks; block l ends at exit l (0-based)
    {"fixedCostS": 0.002, "perTaskCostS": 0.001},   t_l(b) = c_l + a_l b
    {"table": [[1, 0.0045], [4, 0.009]]}            measured (batch size, s) points
  ],
  "exitAccuracy": [0.6, 0.75],           A_l per block, non-decreasing, in [0, 1]
                                     (needed only for accuracyRequirement)
  "totalBandwidthHz": 1e6,               W (>= 0 or "inf")
  "frameLengthS": 0,                     T_f for the throughput (0 = largest deadline)
  "scheme": "batching-early-exit",       or "batching-only", "early-exit-only",
                                     "no-batching-no-early-exit"
  "maxSearchNodes": 1000000,             node limit of the optimal algorithms
  "noisePsdWPerHz": 3.98e-21,            N0 for txPowerW/channelGain
  "rateModel": "fixed-power",            upload rate: "fixed-power" (w log2(1 + s/w)),
                                     "lte-ul-amc" (LTE uplink TBS of the SRS SINR's MCS) or
                                     "symbol-share" (a share w/W of every slot's data
                                     symbols, e.g. NR uplink; SymbolShareRateModel)
  "ulBandwidthRb": 25,                   lte-ul-amc only: cell uplink RBs (6..110)
  "minUlGrantRbs": 3,                    lte-ul-amc only: smallest grant (default 3)
  "symbolShare": {                       symbol-share only:
    "slots": [{"perPattern": 1, "dataSymbols": 12.95}],  slot classes of the pattern
    "patternSeconds": 0.0025,            T, s; rate = 8 e sum_c n_c bytes_c(w/W) / T
    "bandwidthHz": 20e6,                 W, the bandwidth of a share of 1
    "efficiency": 1                      e in (0, 1] (default 1)
  },
  "users": [{
    exactly one of "exit": 0 (0-based exit index) or "accuracyRequirement": 0.7,
    "deadlineS": 0.05,                   from the frame start (finite; <= 0 = past)
    "uploadBits": 1e5,
    "snrBandwidthHz": 1e8,               or "txPowerW" + "channelGain" (optional with
                                     lte-ul-amc)
    "ulSinr": 200                        lte-ul-amc only: linear SRS SINR (< 0: no report)
    "bytesBySymbols": [0, 310, 630, ...] symbol-share only: bytes in one slot with j = 0..J
                                     symbols (0 first, non-decreasing, J >= every class's
                                     dataSymbols rounded up)
  }]
}
)";
}

BatchingEarlyExitProblem
BatchingEarlyExitProblemFromJson(const JsonNode& root)
{
    return ReadBatching(root).problem;
}

Json
BatchingEarlyExitSolve(const JsonNode& root, const std::string& algorithm)
{
    return GuardedSolve("batching-early-exit", [&]() { return DoSolveBatching(root, algorithm); });
}

Json
BatchingEarlyExitDecisionToJson(const BatchingEarlyExitProblem& p,
                                const BatchingEarlyExitDecision& d,
                                const std::string& algorithm)
{
    Json out = SolverOutputHeader("batching-early-exit", algorithm);
    Json decision = Json::object();
    decision["scheme"] = ToString(d.scheme);
    decision["algorithmRun"] = ToString(d.algorithm);
    decision["isOptimal"] = d.isOptimal;
    decision["nSearchNodes"] = d.nSearchNodes;
    decision["nServed"] = d.served.size();
    decision["served"] = d.served;
    decision["latestUploadEndS"] = Num(d.latestUploadEndS);
    decision["sumBandwidthHz"] = Num(d.sumBandwidthHz);
    decision["totalBandwidthHz"] = Num(p.totalBandwidthHz);
    Json users = Json::array();
    for (uint32_t k = 0; k < p.users.size(); ++k)
    {
        Json j = Json::object();
        j["user"] = k;
        j["served"] = static_cast<bool>(d.isServed[k]);
        j["exit"] = d.exit[k] == BATCHING_EARLY_EXIT_NO_EXIT ? Json(nullptr) : Json(d.exit[k]);
        if (!p.exitAccuracy.empty() && d.exit[k] != BATCHING_EARLY_EXIT_NO_EXIT)
        {
            j["exitAccuracy"] = Num(p.exitAccuracy[d.exit[k]]);
        }
        j["bandwidthHz"] = Num(d.bandwidthHz[k]);
        j["reason"] = ToString(d.reason[k]);
        users.push_back(std::move(j));
    }
    decision["users"] = std::move(users);
    out["decision"] = std::move(decision);

    const BatchingEarlyExitPrediction& e = d.prediction;
    Json prediction = Json::object();
    prediction["nServed"] = e.nServed;
    prediction["nOnTime"] = e.nOnTime;
    prediction["isFeasible"] = e.isFeasible;
    prediction["order"] = e.order;
    prediction["batchSizes"] = e.batchSizes;
    prediction["batchStartS"] = Num(e.batchStartS);
    prediction["makespanS"] = Num(e.makespanS);
    prediction["sumBandwidthHz"] = Num(e.sumBandwidthHz);
    prediction["frameLengthS"] = Num(e.frameLengthS);
    prediction["throughputPerS"] = Num(e.throughputPerS);
    Json outcomes = Json::array();
    for (uint32_t k = 0; k < p.users.size(); ++k)
    {
        Json j = Json::object();
        j["user"] = k;
        j["served"] = static_cast<bool>(d.isServed[k]);
        if (d.isServed[k])
        {
            j["uploadTimeS"] = Num(e.uploadTimeS[k]);
            j["completionTimeS"] = Num(e.completionTimeS[k]);
            j["deadlineS"] = Num(p.users[k].deadlineS);
            j["isOnTime"] = static_cast<bool>(e.isOnTime[k]);
        }
        outcomes.push_back(std::move(j));
    }
    prediction["users"] = std::move(outcomes);
    out["prediction"] = std::move(prediction);
    return out;
}

Json
BatchingEarlyExitInstanceToJson(const BatchingEarlyExitProblem& problem)
{
    Json root = Json::object();
    root["problem"] = "batching-early-exit";
    Json blocks = Json::array();
    const BatchLatencyModel& latency = problem.latency;
    const auto maxBatch = static_cast<uint32_t>(std::max<size_t>(problem.users.size(), 1));
    for (uint32_t l = 0; l < latency.GetNBlocks(); ++l)
    {
        Json b = Json::object();
        if (latency.IsAffine(l))
        {
            b["fixedCostS"] = Num(latency.GetFixedCost(l));
            b["perTaskCostS"] = Num(latency.GetPerTaskCost(l));
        }
        else
        {
            Json table = Json::array();
            for (uint32_t n = 1; n <= maxBatch; ++n)
            {
                table.push_back(Json::array({n, Num(latency.GetLatency(l, n))}));
            }
            b["table"] = std::move(table);
        }
        blocks.push_back(std::move(b));
    }
    root["blocks"] = std::move(blocks);
    if (!problem.exitAccuracy.empty())
    {
        Json accuracy = Json::array();
        for (double a : problem.exitAccuracy)
        {
            accuracy.push_back(Num(a));
        }
        root["exitAccuracy"] = std::move(accuracy);
    }
    root["totalBandwidthHz"] = Num(problem.totalBandwidthHz);
    root["frameLengthS"] = Num(problem.frameLengthS);
    std::shared_ptr<const LteUlAmcRateModel> lteUl;
    std::shared_ptr<const SymbolShareRateModel> symbolShare;
    if (problem.rateModel)
    {
        lteUl = std::dynamic_pointer_cast<const LteUlAmcRateModel>(problem.rateModel);
        // NrUlAmcRateModel and any other SymbolShareRateModel: its tables, radio-free
        symbolShare = std::dynamic_pointer_cast<const SymbolShareRateModel>(problem.rateModel);
        if (lteUl)
        {
            root["rateModel"] = "lte-ul-amc";
            root["ulBandwidthRb"] = lteUl->GetUlBandwidthRb();
            root["minUlGrantRbs"] = lteUl->GetMinGrantRbs();
        }
        else if (symbolShare)
        {
            if (symbolShare->GetNUsers() != problem.users.size())
            {
                throw std::invalid_argument(
                    "BatchingEarlyExitInstanceToJson: the SymbolShareRateModel has " +
                    std::to_string(symbolShare->GetNUsers()) + " users, the problem " +
                    std::to_string(problem.users.size()));
            }
            root["rateModel"] = "symbol-share";
            root["symbolShare"] = SymbolShareToJson(*symbolShare);
        }
        else
        {
            throw std::invalid_argument(
                "BatchingEarlyExitInstanceToJson: rateModel is neither null (fixed-power), an "
                "LteUlAmcRateModel nor a SymbolShareRateModel; no JSON form for it");
        }
    }
    Json users = Json::array();
    for (size_t k = 0; k < problem.users.size(); ++k)
    {
        const BatchingEarlyExitUser& u = problem.users[k];
        Json j = Json::object();
        if (u.exit)
        {
            j["exit"] = *u.exit;
        }
        else
        {
            j["accuracyRequirement"] = Num(u.accuracyRequirement);
        }
        j["deadlineS"] = Num(u.deadlineS);
        j["uploadBits"] = Num(u.uploadBits);
        j["snrBandwidthHz"] = Num(u.snrBandwidthHz);
        if (lteUl)
        {
            j["ulSinr"] = Num(lteUl->GetSinr(static_cast<uint32_t>(k)));
        }
        if (symbolShare)
        {
            j["bytesBySymbols"] = BytesBySymbolsToJson(*symbolShare, static_cast<uint32_t>(k));
        }
        users.push_back(std::move(j));
    }
    root["users"] = std::move(users);
    return root;
}

BatchingEarlyExitDecision
BatchingEarlyExitDecisionFromJson(const JsonNode& root, const BatchingEarlyExitProblem& problem)
{
    root.CheckObject({"problem", "algorithm", "version", "decision", "prediction"});
    if (auto n = root.Find("problem"))
    {
        if (!n->Get().is_string() ||
            Normalise(n->Get().get<std::string>()) != "batching-early-exit")
        {
            n->Fail("\"batching-early-exit\"");
        }
    }
    const JsonNode d = root.Require("decision");
    d.CheckObject({"scheme",
                   "algorithmRun",
                   "isOptimal",
                   "nSearchNodes",
                   "nServed",
                   "served",
                   "latestUploadEndS",
                   "sumBandwidthHz",
                   "totalBandwidthHz",
                   "users"});
    auto readBool = [](const JsonNode& node)
    {
        if (!node.Get().is_boolean())
        {
            node.Fail("true or false");
        }
        return node.Get().get<bool>();
    };
    BatchingEarlyExitDecision out;
    if (auto n = d.Find("scheme"))
    {
        out.scheme = ReadChoice(*n, Schemes());
    }
    if (auto n = d.Find("algorithmRun"))
    {
        std::vector<std::pair<std::string, BatchingEarlyExitAlgorithm>> algorithms;
        for (const auto& [a, name] : BatchingEarlyExitAlgorithmNames())
        {
            algorithms.emplace_back(name, a);
        }
        out.algorithm = ReadChoice(*n, algorithms);
    }
    if (auto n = d.Find("isOptimal"))
    {
        out.isOptimal = readBool(*n);
    }
    if (auto n = d.Find("nSearchNodes"))
    {
        out.nSearchNodes = ReadUnsigned(*n);
    }
    const JsonNode usersNode = d.Require("users");
    const std::vector<JsonNode> users = usersNode.Elements();
    const size_t nUsers = problem.users.size();
    if (users.size() != nUsers)
    {
        usersNode.Fail("an array of " + std::to_string(nUsers) +
                       " users (one per user of the instance)");
    }
    out.isServed.assign(nUsers, false);
    out.bandwidthHz.assign(nUsers, 0.0);
    out.exit.assign(nUsers, BATCHING_EARLY_EXIT_NO_EXIT);
    bool hasExits = false;
    for (size_t k = 0; k < nUsers; ++k)
    {
        const JsonNode& u = users[k];
        u.CheckObject({"user", "served", "exit", "exitAccuracy", "bandwidthHz", "reason"});
        if (auto n = u.Find("user"))
        {
            ReadUnsigned(*n, k, k);
        }
        out.isServed[k] = readBool(u.Require("served"));
        if (out.isServed[k])
        {
            out.served.push_back(static_cast<uint32_t>(k));
            out.bandwidthHz[k] = ReadNumber(u.Require("bandwidthHz"), NonNegative());
            if (auto n = u.Find("exit"))
            {
                out.exit[k] =
                    static_cast<int32_t>(ReadUnsigned(*n, 0, std::numeric_limits<int32_t>::max()));
                hasExits = true;
            }
        }
    }
    if (auto n = d.Find("served"))
    {
        const std::vector<JsonNode> listed = n->Elements();
        std::vector<uint32_t> indices;
        for (const JsonNode& e : listed)
        {
            indices.push_back(static_cast<uint32_t>(ReadUnsigned(e)));
        }
        std::sort(indices.begin(), indices.end());
        if (indices != out.served)
        {
            n->Fail("the users whose \"served\" is true, ascending");
        }
    }
    if (!hasExits)
    {
        out.exit.clear();
    }
    else
    {
        // unserved users' exits are not part of the decision: take the scheme's
        for (size_t k = 0; k < nUsers; ++k)
        {
            if (!out.isServed[k])
            {
                out.exit[k] = BATCHING_EARLY_EXIT_NO_EXIT;
            }
        }
    }
    return out;
}

} // namespace json
} // namespace edgeinference
} // namespace ns3
