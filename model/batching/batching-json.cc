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
    for (BatchingEarlyExitScheme s : {BatchingEarlyExitScheme::BATCHING_EARLY_EXIT,
                                      BatchingEarlyExitScheme::BATCHING_ONLY,
                                      BatchingEarlyExitScheme::EARLY_EXIT_ONLY,
                                      BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT})
    {
        out.emplace_back(Normalise(ToString(s)), s);
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

    for (const JsonNode& u : root.Require("users").Elements())
    {
        u.CheckObject({"exit",
                       "accuracyRequirement",
                       "deadlineS",
                       "uploadBits",
                       "snrBandwidthHz",
                       "txPowerW",
                       "channelGain"});
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
        user.snrBandwidthHz = ReadSnrBandwidth(u, noise);
        p.users.push_back(user);
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
    for (BatchingEarlyExitAlgorithm a : {BatchingEarlyExitAlgorithm::OPTIMAL,
                                         BatchingEarlyExitAlgorithm::OPTIMAL_U,
                                         BatchingEarlyExitAlgorithm::OPTIMAL_H,
                                         BatchingEarlyExitAlgorithm::GREEDY})
    {
        if (Normalise(ToString(a)) == algorithm)
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
    const BatchingEarlyExitProblem& p = solver.GetProblem();

    Json out = SolverOutputHeader("batching-early-exit", algorithm);
    Json decision = Json::object();
    decision["scheme"] = Normalise(ToString(d.scheme));
    decision["algorithmRun"] = Normalise(ToString(d.algorithm));
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

} // namespace

std::vector<AlgorithmInfo>
BatchingEarlyExitAlgorithms()
{
    return {
        {"optimal", "optimal-u with a common deadline, else optimal-h [default]"},
        {"optimal-u", "enumeration of exit-count vectors (common deadline only)"},
        {"optimal-h", "branch and bound (any deadlines)"},
        {"greedy", "add the user giving the smallest bandwidth sum"},
    };
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
  "users": [{
    exactly one of "exit": 0 (0-based exit index) or "accuracyRequirement": 0.7,
    "deadlineS": 0.05,                   from the frame start (finite; <= 0 = past)
    "uploadBits": 1e5,
    "snrBandwidthHz": 1e8                or "txPowerW" + "channelGain"
  }]
}
)";
}

Json
BatchingEarlyExitSolve(const JsonNode& root, const std::string& algorithm)
{
    return DoSolveBatching(root, algorithm);
}

} // namespace json
} // namespace edgeinference
} // namespace ns3
