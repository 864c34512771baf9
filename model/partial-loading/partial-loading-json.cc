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
#include "ns3/lte-ul-amc-rate-model.h"
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
 * @brief Turn a name table into ReadChoice() choices.
 * @param [in] table (value, name) pairs
 * @return (name, value) pairs
 */
template<typename T>
std::vector<std::pair<std::string, T>>
Choices(const std::vector<std::pair<T, std::string>>& table)
{
    std::vector<std::pair<std::string, T>> out;
    for (const auto& [value, name] : table)
    {
        out.emplace_back(name, value);
    }
    return out;
}

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
                      "uploadStartS",
                      "totalBandwidthHz",
                      "noisePsdWPerHz",
                      "ulBandwidthRb",
                      "minUlGrantRbs",
                      "symbolShare",
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
    std::set<std::string> modelSet;
    for (const JsonNode& m : root.Require("models").Elements(true))
    {
        m.CheckObject({"name", "blocks", "inferenceTimeS"});
        const JsonNode nameNode = m.Require("name");
        const std::string name = ReadString(nameNode);
        if (!modelSet.insert(name).second)
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
        if (auto t = m.Find("inferenceTimeS"))
        {
            p.inferenceTimeS[name] = ReadNumber(*t, NonNegative());
        }
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
        if (!p.residentModel.empty() && modelSet.count(p.residentModel) == 0)
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
        p.uploadWindow = ReadChoice<UploadWindowRule>(*n, Choices(UploadWindowRuleNames()));
    }
    if (auto n = root.Find("uploadStartS"))
    {
        p.uploadStartS = ReadNumber(*n, NonNegative());
    }
    p.totalBandwidthHz = ReadNumber(root.Require("totalBandwidthHz"), NonNegativeOrInf());
    const double noise = ReadNoise(root);
    // LTE uplink rate model (LteUlAmcRateModel) of the requests with "ulSinr"
    const bool lteUl = root.Has("ulBandwidthRb");
    uint32_t ulBandwidthRb = 0;
    uint32_t minGrantRbs = 3;
    if (lteUl)
    {
        ulBandwidthRb = static_cast<uint32_t>(ReadUnsigned(root.Require("ulBandwidthRb"), 6, 110));
        if (auto n = root.Find("minUlGrantRbs"))
        {
            minGrantRbs = static_cast<uint32_t>(ReadUnsigned(*n, 1, ulBandwidthRb));
        }
    }
    else if (root.Has("minUlGrantRbs"))
    {
        root.Require("minUlGrantRbs").FailMessage("only valid with \"ulBandwidthRb\"");
    }
    std::vector<double> ulSinr;
    std::vector<size_t> lteUsers;
    // symbol-share uplink rate model (SymbolShareRateModel, e.g. NR) of the requests with
    // "bytesBySymbols"
    const bool symbolShare = root.Has("symbolShare");
    SymbolShareSpec spec;
    if (symbolShare)
    {
        if (lteUl)
        {
            root.Require("symbolShare")
                .FailMessage("give \"ulBandwidthRb\" (LTE) or \"symbolShare\", not both: the "
                             "requests share one uplink rate model");
        }
        spec = ReadSymbolShare(root.Require("symbolShare"));
    }
    std::vector<std::vector<double>> bytesBySymbols;
    std::vector<size_t> symbolUsers;

    for (const JsonNode& r : root.Require("requests").Elements())
    {
        r.CheckObject({"model",
                       "uploadBits",
                       "deadlineS",
                       "spectralEfficiency",
                       "snrBandwidthHz",
                       "txPowerW",
                       "channelGain",
                       "ulSinr",
                       "bytesBySymbols"});
        PartialLoadingRequest req;
        const JsonNode modelNode = r.Require("model");
        req.model = ReadString(modelNode);
        if (modelSet.count(req.model) == 0)
        {
            modelNode.Fail(modelExpectation);
        }
        if (p.inferenceTimeS.count(req.model) == 0)
        {
            modelNode.FailMessage("model \"" + req.model + "\" has no \"inferenceTimeS\"");
        }
        req.uploadBits = ReadNumber(r.Require("uploadBits"), NonNegative());
        req.deadlineS = ReadNumber(r.Require("deadlineS"), NonNegativeOrInf());
        if (r.Has("ulSinr"))
        {
            RequireOneOf(
                r,
                {"ulSinr", "bytesBySymbols", "spectralEfficiency", "snrBandwidthHz", "txPowerW"});
            if (!lteUl)
            {
                r.Require("ulSinr").FailMessage(
                    "needs the top-level \"ulBandwidthRb\" (LTE uplink rate model)");
            }
            ulSinr.push_back(ReadNumber(r.Require("ulSinr"), AnyFinite()));
            lteUsers.push_back(p.requests.size());
        }
        else if (r.Has("bytesBySymbols"))
        {
            RequireOneOf(r, {"bytesBySymbols", "spectralEfficiency", "snrBandwidthHz", "txPowerW"});
            if (!symbolShare)
            {
                r.Require("bytesBySymbols")
                    .FailMessage("needs the top-level \"symbolShare\" (symbol-share uplink rate "
                                 "model)");
            }
            bytesBySymbols.push_back(ReadBytesBySymbols(r.Require("bytesBySymbols"), spec));
            symbolUsers.push_back(p.requests.size());
        }
        else if (r.Has("spectralEfficiency"))
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
                          "\"snrBandwidthHz\", \"txPowerW\" with \"channelGain\", \"ulSinr\" "
                          "or \"bytesBySymbols\"");
        }
        p.requests.push_back(std::move(req));
    }
    if (!lteUsers.empty())
    {
        std::shared_ptr<const RateModel> model = Checked(
            root,
            [&]()
            { return std::make_shared<LteUlAmcRateModel>(ulSinr, ulBandwidthRb, minGrantRbs); });
        for (size_t i = 0; i < lteUsers.size(); ++i)
        {
            p.requests[lteUsers[i]].channel =
                UplinkChannel::FromRateModel(model, static_cast<uint32_t>(i));
        }
    }
    if (!symbolUsers.empty())
    {
        std::shared_ptr<const RateModel> model =
            MakeSymbolShareRateModel(root.Require("symbolShare"), spec, std::move(bytesBySymbols));
        for (size_t i = 0; i < symbolUsers.size(); ++i)
        {
            p.requests[symbolUsers[i]].channel =
                UplinkChannel::FromRateModel(model, static_cast<uint32_t>(i));
        }
    }
    return p;
}

} // namespace

std::vector<AlgorithmInfo>
PartialLoadingAlgorithms()
{
    const std::map<SchedulingAlgorithm, std::string> descriptions = {
        {SchedulingAlgorithm::PARTIAL_LOADING,
         "backbone DP if applicable, else group greedy; step 2 [default]"},
        {SchedulingAlgorithm::BACKBONE_DP, "backbone-sharing DP (common deadline only); step 2"},
        {SchedulingAlgorithm::GROUP_GREEDY, "group-ratio greedy (R2.6 of [2]); step 2"},
        {SchedulingAlgorithm::PER_REQUEST_GREEDY, "myopic per-request greedy; step 2"},
        {SchedulingAlgorithm::NO_SHARING, "baseline (i): full model reload on every change"},
        {SchedulingAlgorithm::FCFS, "baseline (ii): request order, sharing"},
        {SchedulingAlgorithm::EDF, "baseline (iii): earliest deadline first, sharing"},
        {SchedulingAlgorithm::DP_EQUAL_BANDWIDTH, "baseline (iv): proposed schedule, B/K per user"},
        {SchedulingAlgorithm::INFINITE_BANDWIDTH,
         "baseline (v): step 1 only, uploads take no time"},
    };
    std::vector<AlgorithmInfo> out;
    for (const auto& [algorithm, name] : SchedulingAlgorithmNames())
    {
        out.push_back({name, descriptions.at(algorithm)});
    }
    return out;
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
                                         (inferenceTimeS required for requested models)
  "loadBandwidthBps": 1e9,               R_L, BYTES per second (default 6e9)
  "loadOverheadS": 0,                    tau_0 per non-empty load (default 0)
  "residentModel": "m1",                 model on the GPU at t = 0 (default: cold GPU)
  "gpuCapacityBytes": 0,                 0 = unlimited (default)
  "uploadWindow": "ready-time",          or "latest-start" (step-2 upload deadline)
  "uploadStartS": 0,                     uploads start here; the GPU may load from 0 (default 0)
  "totalBandwidthHz": 10e6,              uplink band B (>= 0 or "inf")
  "noisePsdWPerHz": 3.98e-21,            N0 for txPowerW/channelGain (default 3.98e-21)
  "requests": [{
    "model": "m1", "uploadBits": 1e6, "deadlineS": 0.2,   (deadline >= 0 or "inf")
    exactly one channel: "spectralEfficiency": 5  (r = B eta)
                     "snrBandwidthHz": 5e7    (r = B log2(1 + s / B))
                     "txPowerW": 0.2, "channelGain": 1e-12  (s = p g / N0)
                     "ulSinr": 200  (LTE uplink: TB sizes of the MCS PF picks from this
                                     linear SRS SINR; needs the top-level "ulBandwidthRb": 25
                                     and optionally "minUlGrantRbs": 3)
                     "bytesBySymbols": [0, 310, 630, ...]  (a share B/W of every slot's
                                     data symbols, e.g. NR uplink: bytes in one slot with
                                     j = 0..J symbols; needs the top-level "symbolShare":
                                     {"slots": [{"perPattern": 1, "dataSymbols": 12.95}],
                                      "patternSeconds": 0.0025, "bandwidthHz": 20e6,
                                      "efficiency": 1})
  }]
}
)";
}

PartialLoadingProblem
PartialLoadingProblemFromJson(const JsonNode& root)
{
    return ReadPartialLoading(root);
}

namespace
{

/**
 * @param [in] root the document
 * @param [in] algorithm the algorithm's command-line name
 * @return the output document
 */
Json
DoPartialLoadingSolve(const JsonNode& root, const std::string& algorithm)
{
    const PartialLoadingProblem problem = ReadPartialLoading(root);
    const PartialLoadingSolver scheduler =
        Checked(root, [&]() { return PartialLoadingSolver(problem); });
    SchedulingAlgorithm alg = SchedulingAlgorithm::PARTIAL_LOADING;
    try
    {
        alg = SchedulingAlgorithmFromString(Normalise(algorithm));
    }
    catch (const std::invalid_argument& e)
    {
        throw JsonInputError(e.what());
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
    return PartialLoadingDecisionToJson(scheduler.GetProblem(), d);
}

} // namespace

Json
PartialLoadingSolve(const JsonNode& root, const std::string& algorithm)
{
    return GuardedSolve("partial-loading",
                        [&]() { return DoPartialLoadingSolve(root, algorithm); });
}

Json
PartialLoadingDecisionToJson(const PartialLoadingProblem& p, const PartialLoadingDecision& d)
{
    Json out = SolverOutputHeader("partial-loading", ToString(d.algorithm));
    Json decision = Json::object();
    decision["scheduler"] = ToString(d.scheduler);
    decision["loadRule"] = d.loadRule == LoadRule::SHARING ? "sharing" : "no-sharing";
    decision["uploadWindow"] = ToString(p.uploadWindow);
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
        j["minBandwidthHz"] = Num(k < d.minBandwidthHz.size() ? d.minBandwidthHz[k] : 0.0);
        j["uploadWindowS"] = Num(k < d.uploadWindowS.size() ? d.uploadWindowS[k] : 0.0);
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

PartialLoadingDecision
PartialLoadingDecisionFromJson(const JsonNode& root, const PartialLoadingProblem& problem)
{
    root.CheckObject({"problem", "algorithm", "version", "decision", "prediction"});
    if (auto n = root.Find("problem"))
    {
        if (ReadString(*n) != "partial-loading")
        {
            n->Fail("\"partial-loading\"");
        }
    }
    PartialLoadingDecision d;
    if (auto n = root.Find("algorithm"))
    {
        d.algorithm = ReadChoice<SchedulingAlgorithm>(*n, Choices(SchedulingAlgorithmNames()));
    }
    const JsonNode dec = root.Require("decision");
    dec.CheckObject({"scheduler",
                     "loadRule",
                     "uploadWindow",
                     "nServed",
                     "nBandwidthDrops",
                     "order",
                     "usedBandwidthHz",
                     "totalBandwidthHz",
                     "requests"});
    d.scheduler = d.algorithm;
    if (auto n = dec.Find("scheduler"))
    {
        d.scheduler = ReadChoice<SchedulingAlgorithm>(*n, Choices(SchedulingAlgorithmNames()));
    }
    d.loadRule =
        d.algorithm == SchedulingAlgorithm::NO_SHARING ? LoadRule::NO_SHARING : LoadRule::SHARING;
    if (auto n = dec.Find("loadRule"))
    {
        d.loadRule = ReadChoice<LoadRule>(
            *n, {{"sharing", LoadRule::SHARING}, {"no-sharing", LoadRule::NO_SHARING}});
    }
    if (auto n = dec.Find("uploadWindow"))
    {
        const UploadWindowRule rule =
            ReadChoice<UploadWindowRule>(*n, Choices(UploadWindowRuleNames()));
        if (rule != problem.uploadWindow)
        {
            n->Fail("\"" + ToString(problem.uploadWindow) + "\" (the instance's rule)");
        }
    }
    if (auto n = dec.Find("nBandwidthDrops"))
    {
        d.nBandwidthDrops = static_cast<uint32_t>(ReadUnsigned(*n));
    }
    const size_t nRequests = problem.requests.size();
    for (const JsonNode& o : dec.Require("order").Elements())
    {
        d.order.push_back(static_cast<uint32_t>(ReadUnsigned(o)));
    }
    d.nServed = static_cast<uint32_t>(d.order.size());
    if (auto n = dec.Find("nServed"))
    {
        if (ReadUnsigned(*n) != d.order.size())
        {
            n->Fail(std::to_string(d.order.size()) + " (the length of \"order\")");
        }
    }
    const std::vector<JsonNode> reqs = dec.Require("requests").Elements();
    if (reqs.size() != nRequests)
    {
        dec.Require("requests")
            .FailMessage("has " + std::to_string(reqs.size()) + " entries for the instance's " +
                         std::to_string(nRequests) + " requests");
    }
    std::vector<std::pair<std::string, UnservedReason>> reasons;
    for (UnservedReason r : AllUnservedReasons())
    {
        reasons.emplace_back(Normalise(ToString(r)), r);
    }
    d.isServed.assign(nRequests, false);
    d.reason.assign(nRequests, UnservedReason::NONE);
    d.bandwidthHz.assign(nRequests, 0.0);
    d.minBandwidthHz.assign(nRequests, 0.0);
    d.uploadWindowS.assign(nRequests, 0.0);
    for (size_t k = 0; k < nRequests; ++k)
    {
        const JsonNode& r = reqs[k];
        r.CheckObject({"request",
                       "model",
                       "served",
                       "position",
                       "bandwidthHz",
                       "minBandwidthHz",
                       "uploadWindowS",
                       "completionTimeS",
                       "deadlineS",
                       "reason"});
        if (auto n = r.Find("request"))
        {
            if (ReadUnsigned(*n) != k)
            {
                n->Fail(std::to_string(k) + " (requests are listed in instance order)");
            }
        }
        if (auto n = r.Find("model"))
        {
            if (ReadString(*n) != problem.requests[k].model)
            {
                n->Fail("\"" + problem.requests[k].model + "\" (the instance's model)");
            }
        }
        const JsonNode served = r.Require("served");
        if (!served.Get().is_boolean())
        {
            served.Fail("true or false");
        }
        d.isServed[k] = served.Get().get<bool>();
        d.bandwidthHz[k] = ReadNumber(r.Require("bandwidthHz"), NonNegativeOrInf());
        if (auto n = r.Find("minBandwidthHz"))
        {
            d.minBandwidthHz[k] = ReadNumber(*n, NonNegativeOrInf());
        }
        if (auto n = r.Find("uploadWindowS"))
        {
            d.uploadWindowS[k] = ReadNumber(*n, NonNegativeOrInf());
        }
        if (auto n = r.Find("reason"))
        {
            d.reason[k] = ReadChoice<UnservedReason>(*n, reasons);
        }
        else
        {
            d.reason[k] = d.isServed[k] ? UnservedReason::NONE : UnservedReason::NOT_SELECTED;
        }
    }
    return d;
}

Json
PartialLoadingInstanceToJson(const PartialLoadingProblem& p)
{
    Json out = Json::object();
    out["problem"] = "partial-loading";
    Json blocks = Json::array();
    std::map<std::string, uint64_t> library;
    Json models = Json::array();
    for (const DnnModel& m : p.family.GetModels())
    {
        Json ids = Json::array();
        for (const ParameterBlock& b : m.GetBlocks())
        {
            auto it = library.find(b.id);
            if (it == library.end())
            {
                library[b.id] = b.bytes;
                Json j = Json::object();
                j["id"] = b.id;
                j["bytes"] = b.bytes;
                blocks.push_back(std::move(j));
            }
            else if (it->second != b.bytes)
            {
                throw std::invalid_argument("PartialLoadingInstanceToJson: block '" + b.id +
                                            "' has " + std::to_string(b.bytes) + " bytes in '" +
                                            m.GetName() + "' but " + std::to_string(it->second) +
                                            " in an earlier model");
            }
            ids.push_back(b.id);
        }
        Json j = Json::object();
        j["name"] = m.GetName();
        j["blocks"] = std::move(ids);
        auto t = p.inferenceTimeS.find(m.GetName());
        if (t != p.inferenceTimeS.end())
        {
            j["inferenceTimeS"] = Num(t->second);
        }
        models.push_back(std::move(j));
    }
    out["blocks"] = std::move(blocks);
    out["models"] = std::move(models);
    out["loadBandwidthBps"] = Num(p.loadBandwidthBps);
    out["loadOverheadS"] = Num(p.loadOverheadS);
    out["residentModel"] = p.residentModel.empty() ? Json(nullptr) : Json(p.residentModel);
    out["gpuCapacityBytes"] = p.gpuCapacityBytes;
    out["uploadWindow"] = ToString(p.uploadWindow);
    if (p.uploadStartS != 0.0)
    {
        out["uploadStartS"] = Num(p.uploadStartS); // omitted at 0: instances as before
    }
    out["totalBandwidthHz"] = Num(p.totalBandwidthHz);
    Json requests = Json::array();
    std::shared_ptr<const RateModel> shared;
    for (const PartialLoadingRequest& r : p.requests)
    {
        if (r.channel.type != UplinkChannel::Type::RATE_MODEL)
        {
            continue;
        }
        const bool isKnown =
            std::dynamic_pointer_cast<const LteUlAmcRateModel>(r.channel.rateModel) ||
            std::dynamic_pointer_cast<const SymbolShareRateModel>(r.channel.rateModel);
        if (!isKnown || (shared && r.channel.rateModel != shared))
        {
            throw std::invalid_argument(
                "PartialLoadingInstanceToJson: a rate-model channel has a JSON form only for one "
                "LteUlAmcRateModel or SymbolShareRateModel shared by the requests");
        }
        shared = r.channel.rateModel;
    }
    auto lteUl = std::dynamic_pointer_cast<const LteUlAmcRateModel>(shared);
    // NrUlAmcRateModel and any other SymbolShareRateModel: its tables, radio-free
    auto symbolShare = std::dynamic_pointer_cast<const SymbolShareRateModel>(shared);
    if (lteUl)
    {
        out["ulBandwidthRb"] = lteUl->GetUlBandwidthRb();
        out["minUlGrantRbs"] = lteUl->GetMinGrantRbs();
    }
    else if (symbolShare)
    {
        out["symbolShare"] = SymbolShareToJson(*symbolShare);
    }
    for (const PartialLoadingRequest& r : p.requests)
    {
        Json j = Json::object();
        j["model"] = r.model;
        j["uploadBits"] = Num(r.uploadBits);
        j["deadlineS"] = Num(r.deadlineS);
        if (r.channel.type == UplinkChannel::Type::RATE_MODEL)
        {
            if (lteUl)
            {
                j["ulSinr"] = Num(lteUl->GetSinr(r.channel.rateModelUser));
            }
            else
            {
                j["bytesBySymbols"] = BytesBySymbolsToJson(*symbolShare, r.channel.rateModelUser);
            }
        }
        else if (r.channel.type == UplinkChannel::Type::CONSTANT_PSD)
        {
            j["spectralEfficiency"] = Num(r.channel.spectralEfficiency);
        }
        else
        {
            j["snrBandwidthHz"] = Num(r.channel.snrBandwidthHz);
        }
        requests.push_back(std::move(j));
    }
    out["requests"] = std::move(requests);
    return out;
}

} // namespace json
} // namespace edgeinference
} // namespace ns3
