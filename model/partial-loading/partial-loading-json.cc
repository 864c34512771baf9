/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "partial-loading-json.h"

#include "ns3/batch-latency-model.h"
#include "ns3/device-compute-model.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/dnn-model.h"
#include "ns3/gpu-memory-model.h"
#include "ns3/partial-loading-solver.h"
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

/**
 * @brief Read a PartialLoading instance.
 * @param [in] root the document
 * @return the instance
 */
PartialLoadingProblem
ReadPartialLoading(const JsonNode& root)
{
    root.CheckObject({"problem",
                      "description",
                      "blocks",
                      "models",
                      "loadBandwidthBps",
                      "loadOverheadS",
                      "residentModel",
                      "gpuCapacityBytes",
                      "uploadWindow",
                      "totalBandwidthHz",
                      "noisePsdWPerHz",
                      "requests"});
    PartialLoadingProblem p;

    std::vector<std::pair<std::string, uint64_t>> blocks;
    std::map<std::string, JsonNode> blockNode;
    for (const JsonNode& b : root.Require("blocks").Elements(true))
    {
        b.CheckObject({"id", "bytes"});
        const JsonNode idNode = b.Require("id");
        const std::string id = ReadString(idNode);
        if (!blockNode.emplace(id, idNode).second)
        {
            idNode.FailMessage("duplicate block id \"" + id + "\"");
        }
        blocks.emplace_back(id, ReadUnsigned(b.Require("bytes")));
    }

    std::vector<std::pair<std::string, std::vector<std::string>>> models;
    std::set<std::string> usedBlocks;
    std::vector<std::string> modelNames;
    for (const JsonNode& m : root.Require("models").Elements(true))
    {
        m.CheckObject({"name", "blocks", "inferenceTimeS"});
        const JsonNode nameNode = m.Require("name");
        const std::string name = ReadString(nameNode);
        if (p.inferenceTimeS.count(name) != 0)
        {
            nameNode.FailMessage("duplicate model name \"" + name + "\"");
        }
        std::vector<std::string> ids;
        std::set<std::string> seen;
        for (const JsonNode& b : m.Require("blocks").Elements(true))
        {
            const std::string id = ReadString(b);
            if (blockNode.count(id) == 0)
            {
                b.FailMessage("unknown block \"" + id + "\" (not in \"blocks\")");
            }
            if (!seen.insert(id).second)
            {
                b.FailMessage("block \"" + id + "\" listed twice");
            }
            usedBlocks.insert(id);
            ids.push_back(id);
        }
        p.inferenceTimeS[name] = ReadNumber(m.Require("inferenceTimeS"), NonNegative());
        models.emplace_back(name, std::move(ids));
        modelNames.push_back(name);
    }
    for (const auto& [id, node] : blockNode)
    {
        if (usedBlocks.count(id) == 0)
        {
            node.FailMessage("block \"" + id + "\" is used by no model");
        }
    }
    p.family = Checked(root.Require("models"),
                       [&]() { return MakeBlockFamily("solver-input", blocks, models); });

    const std::string modelExpectation = "a model name (" + Join(modelNames, true) + ")";
    if (auto n = root.Find("loadBandwidthBps"))
    {
        p.loadBandwidthBps = ReadNumber(*n, Positive());
    }
    if (auto n = root.Find("loadOverheadS"))
    {
        p.loadOverheadS = ReadNumber(*n, NonNegative());
    }
    if (auto n = root.Find("residentModel"))
    {
        p.residentModel = ReadString(*n, false);
        if (!p.residentModel.empty() && p.inferenceTimeS.count(p.residentModel) == 0)
        {
            n->Fail(modelExpectation + ", \"\" or null (cold GPU)");
        }
    }
    if (auto n = root.Find("gpuCapacityBytes"))
    {
        p.gpuCapacityBytes = ReadUnsigned(*n);
    }
    if (auto n = root.Find("uploadWindow"))
    {
        p.uploadWindow =
            ReadChoice<UploadWindowRule>(*n,
                                         {{"ready-time", UploadWindowRule::READY_TIME},
                                          {"latest-start", UploadWindowRule::LATEST_START}});
    }
    p.totalBandwidthHz = ReadNumber(root.Require("totalBandwidthHz"), NonNegativeOrInf());
    const double noise = ReadNoise(root);

    for (const JsonNode& r : root.Require("requests").Elements())
    {
        r.CheckObject({"model",
                       "uploadBits",
                       "deadlineS",
                       "spectralEfficiency",
                       "snrBandwidthHz",
                       "txPowerW",
                       "channelGain"});
        PartialLoadingRequest req;
        const JsonNode modelNode = r.Require("model");
        req.model = ReadString(modelNode);
        if (p.inferenceTimeS.count(req.model) == 0)
        {
            modelNode.Fail(modelExpectation);
        }
        req.uploadBits = ReadNumber(r.Require("uploadBits"), NonNegative());
        req.deadlineS = ReadNumber(r.Require("deadlineS"), NonNegativeOrInf());
        if (r.Has("spectralEfficiency"))
        {
            RequireOneOf(r, {"spectralEfficiency", "snrBandwidthHz", "txPowerW"});
            if (r.Has("channelGain"))
            {
                r.Require("channelGain").FailMessage("only valid with \"txPowerW\"");
            }
            req.channel = UplinkChannel::ConstantPsd(
                ReadNumber(r.Require("spectralEfficiency"), NonNegative()));
        }
        else if (r.Has("snrBandwidthHz") || r.Has("txPowerW") || r.Has("channelGain"))
        {
            req.channel = UplinkChannel::FixedPower(ReadSnrBandwidth(r, noise));
        }
        else
        {
            r.FailMessage("missing the uplink channel: give \"spectralEfficiency\", "
                          "\"snrBandwidthHz\", or \"txPowerW\" with \"channelGain\"");
        }
        p.requests.push_back(std::move(req));
    }
    return p;
}

/**
 * @brief Solve a PartialLoading instance and describe the result.
 * @param [in] root the document
 * @param [in] algorithm the algorithm's command-line name
 * @return the output document
 */
Json
DoSolvePartialLoadingInput(const JsonNode& root, const std::string& algorithm)
{
    const PartialLoadingProblem problem = ReadPartialLoading(root);
    const PartialLoadingSolver scheduler =
        Checked(root, [&]() { return PartialLoadingSolver(problem); });
    SchedulingAlgorithm alg = SchedulingAlgorithm::PARTIAL_LOADING;
    for (SchedulingAlgorithm a : {SchedulingAlgorithm::PARTIAL_LOADING,
                                  SchedulingAlgorithm::BACKBONE_DP,
                                  SchedulingAlgorithm::GROUP_GREEDY,
                                  SchedulingAlgorithm::PER_REQUEST_GREEDY,
                                  SchedulingAlgorithm::NO_SHARING,
                                  SchedulingAlgorithm::FCFS,
                                  SchedulingAlgorithm::EDF,
                                  SchedulingAlgorithm::DP_EQUAL_BANDWIDTH,
                                  SchedulingAlgorithm::INFINITE_BANDWIDTH})
    {
        if (Normalise(ToString(a)) == algorithm)
        {
            alg = a;
        }
    }
    PartialLoadingDecision d;
    try
    {
        d = scheduler.Decide(alg);
    }
    catch (const std::invalid_argument& e)
    {
        throw JsonInputError("algorithm " + algorithm +
                             " does not apply to this input: " + e.what());
    }
    const PartialLoadingProblem& p = scheduler.GetProblem();

    Json out = SolverOutputHeader("partial-loading", algorithm);
    Json decision = Json::object();
    decision["scheduler"] = Normalise(ToString(d.scheduler));
    decision["loadRule"] = d.loadRule == LoadRule::SHARING ? "sharing" : "no-sharing";
    decision["uploadWindow"] =
        p.uploadWindow == UploadWindowRule::READY_TIME ? "ready-time" : "latest-start";
    decision["nServed"] = d.nServed;
    decision["nBandwidthDrops"] = d.nBandwidthDrops;
    decision["order"] = d.order;
    double used = 0;
    for (uint32_t k : d.order)
    {
        used += d.bandwidthHz[k];
    }
    decision["usedBandwidthHz"] = Num(used);
    decision["totalBandwidthHz"] = Num(p.totalBandwidthHz);

    std::map<uint32_t, size_t> slotOf;
    for (size_t i = 0; i < d.prediction.tasks.size(); ++i)
    {
        slotOf[d.prediction.tasks[i].request] = i;
    }
    Json requests = Json::array();
    for (uint32_t k = 0; k < p.requests.size(); ++k)
    {
        Json j = Json::object();
        j["request"] = k;
        j["model"] = p.requests[k].model;
        j["served"] = static_cast<bool>(d.isServed[k]);
        auto slot = slotOf.find(k);
        j["position"] = slot == slotOf.end() ? Json(nullptr) : Json(slot->second);
        j["bandwidthHz"] = Num(d.bandwidthHz[k]);
        j["minBandwidthHz"] = Num(d.minBandwidthHz[k]);
        j["uploadWindowS"] = Num(d.uploadWindowS[k]);
        j["completionTimeS"] =
            slot == slotOf.end() ? Json(nullptr) : Num(d.prediction.tasks[slot->second].endTimeS);
        j["deadlineS"] = Num(p.requests[k].deadlineS);
        j["reason"] = ToString(d.reason[k]);
        requests.push_back(std::move(j));
    }
    decision["requests"] = std::move(requests);
    out["decision"] = std::move(decision);

    const SchedulePrediction& e = d.prediction;
    Json prediction = Json::object();
    prediction["nServed"] = d.nServed;
    prediction["nOnTime"] = e.nOnTime;
    prediction["isAllOnTime"] = e.isAllOnTime;
    prediction["makespanS"] = Num(e.makespanS);
    prediction["throughputPerS"] = Num(e.throughputPerS);
    Json tasks = Json::array();
    for (const TaskTiming& t : e.tasks)
    {
        Json j = Json::object();
        j["request"] = t.request;
        j["model"] = p.requests[t.request].model;
        j["loadTimeS"] = Num(t.loadTimeS);
        j["readyTimeS"] = Num(t.readyTimeS);
        j["uploadTimeS"] = Num(t.uploadTimeS);
        j["startTimeS"] = Num(t.startTimeS);
        j["endTimeS"] = Num(t.endTimeS);
        j["deadlineS"] = Num(t.deadlineS);
        j["isOnTime"] = t.isOnTime;
        tasks.push_back(std::move(j));
    }
    prediction["tasks"] = std::move(tasks);
    out["prediction"] = std::move(prediction);
    return out;
}

} // namespace

std::vector<AlgorithmInfo>
PartialLoadingAlgorithms()
{
    return {
        {"partial-loading", "backbone DP if applicable, else group greedy; step 2 [default]"},
        {"backbone-dp", "backbone-sharing DP (common deadline only); step 2"},
        {"group-greedy", "group-ratio greedy (spec 2.6); step 2"},
        {"per-request-greedy", "myopic per-request greedy; step 2"},
        {"no-sharing", "baseline (i): full model reload on every change"},
        {"fcfs", "baseline (ii): request order, sharing"},
        {"edf", "baseline (iii): earliest deadline first, sharing"},
        {"dp-equal-bandwidth", "baseline (iv): proposed schedule, B/K per user"},
        {"infinite-bandwidth", "baseline (v): step 1 only, uploads take no time"},
    };
}

std::string
PartialLoadingSchema()
{
    return R"(partial-loading input (units in the field names; "inf" = +infinity where
allowed; null = field omitted; a "comment" field is allowed in every object):
{
  "problem": "partial-loading",          optional, must match --problem
  "blocks": [{"id": "A", "bytes": 90e6}],  parameter-block library (every block used)
  "models": [{"name": "m1", "blocks": ["A", "h1"], "inferenceTimeS": 0.010}],
  "loadBandwidthBps": 1e9,               R_L, BYTES per second (default 6e9)
  "loadOverheadS": 0,                    tau_0 per non-empty load (default 0)
  "residentModel": "m1",                 model on the GPU at t = 0 (default: cold GPU)
  "gpuCapacityBytes": 0,                 0 = unlimited (default)
  "uploadWindow": "ready-time",          or "latest-start" (step-2 upload deadline)
  "totalBandwidthHz": 10e6,              uplink band B (>= 0 or "inf")
  "noisePsdWPerHz": 3.98e-21,            N0 for txPowerW/channelGain (default 3.98e-21)
  "requests": [{
    "model": "m1", "uploadBits": 1e6, "deadlineS": 0.2,   (deadline >= 0 or "inf")
    exactly one channel: "spectralEfficiency": 5  (r = B eta)
                     "snrBandwidthHz": 5e7    (r = B log2(1 + s / B))
                     "txPowerW": 0.2, "channelGain": 1e-12  (s = p g / N0)
  }]
}
)";
}

Json
PartialLoadingSolve(const JsonNode& root, const std::string& algorithm)
{
    return DoSolvePartialLoadingInput(root, algorithm);
}

} // namespace json
} // namespace edgeinference
} // namespace ns3
