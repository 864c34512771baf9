/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slide-json.h"

#include "ns3/batch-latency-model.h"
#include "ns3/device-compute-model.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/dnn-model.h"
#include "ns3/layer-streaming-latency.h"
#include "ns3/radio-rate.h"
#include "ns3/slide-solver.h"

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

/// A SLIDE instance read from JSON.
struct SlideInput
{
    SlideProblem problem; ///< The instance
    SlideOptions options; ///< Leftover policy and seed
};

/**
 * @brief Read a SLIDE model (zoo name or explicit per-layer arrays).
 * @param [in] node the model object
 * @return the model
 */
SlideModel
ReadSlideModel(const JsonNode& node)
{
    node.CheckObject({"name", "zoo", "bytesPerParameter", "layerBits", "layerFlops"});
    const bool hasArrays = node.Has("layerBits") || node.Has("layerFlops");
    if (auto zoo = node.Find("zoo"))
    {
        if (hasArrays)
        {
            node.FailMessage("give either \"zoo\" or \"layerBits\" with \"layerFlops\", not "
                             "both");
        }
        const std::string zooName = ReadString(*zoo);
        std::optional<DnnModel> dnn = ReadZooModel(*zoo);
        if (auto bpp = node.Find("bytesPerParameter"))
        {
            const double bytes = ReadNumber(*bpp, Positive());
            Checked(*bpp,
                    [&]()
                    {
                        dnn->SetBytesPerParameter(bytes);
                        return 0;
                    });
        }
        SlideModel m = SlideModel::FromDnnModel(*dnn);
        m.name = node.Has("name") ? ReadString(node.Require("name")) : zooName;
        return m;
    }
    if (node.Has("bytesPerParameter"))
    {
        node.Require("bytesPerParameter").FailMessage("only valid with \"zoo\"");
    }
    if (!hasArrays)
    {
        node.FailMessage("expected \"zoo\" or \"layerBits\" with \"layerFlops\", got neither");
    }
    SlideModel m;
    m.name = ReadString(node.Require("name"));
    m.layerBits = ReadNumbers(node.Require("layerBits"), NonNegative(), true);
    const JsonNode flops = node.Require("layerFlops");
    m.layerFlops = ReadNumbers(flops, NonNegative(), true);
    if (m.layerFlops.size() != m.layerBits.size())
    {
        flops.Fail("an array of " + std::to_string(m.layerBits.size()) +
                   " numbers (one per entry of layerBits)");
    }
    return m;
}

/**
 * @brief Read a SLIDE instance.
 * @param [in] root the document
 * @return the instance
 */
SlideInput
ReadSlide(const JsonNode& root)
{
    root.CheckObject({"problem",
                      "description",
                      "totalBandwidthHz",
                      "rateModel",
                      "bsPowerW",
                      "noisePsdWPerHz",
                      "device",
                      "leftover",
                      "seed",
                      "models",
                      "users"});
    SlideInput in;
    SlideProblem& p = in.problem;
    p.totalBandwidthHz = ReadNumber(root.Require("totalBandwidthHz"), NonNegative());

    bool isFixedPower = false;
    if (auto n = root.Find("rateModel"))
    {
        isFixedPower = ReadChoice<bool>(*n, {{"constant-psd", false}, {"fixed-power", true}});
    }
    std::optional<double> bsPowerW;
    if (auto n = root.Find("bsPowerW"))
    {
        bsPowerW = ReadNumber(*n, NonNegative());
    }
    const double noise = ReadNoise(root);
    const DeviceSpec defaultDevice = ReadDevice(root.Find("device"), DeviceSpec());
    if (auto n = root.Find("leftover"))
    {
        in.options.leftover = ReadChoice<LeftoverPolicy>(
            *n, {{"pro-rata", LeftoverPolicy::PRO_RATA}, {"none", LeftoverPolicy::NONE}});
    }
    if (auto n = root.Find("seed"))
    {
        in.options.seed = ReadUnsigned(*n);
    }

    std::map<std::string, uint32_t> modelIndex;
    std::vector<std::string> modelNames;
    for (const JsonNode& m : root.Require("models").Elements())
    {
        SlideModel model = ReadSlideModel(m);
        if (!modelIndex.emplace(model.name, static_cast<uint32_t>(p.models.size())).second)
        {
            (m.Has("name") ? m.Require("name") : m)
                .FailMessage("duplicate model name \"" + model.name + "\"");
        }
        modelNames.push_back(model.name);
        p.models.push_back(std::move(model));
    }

    std::vector<double> snrBandwidth;
    for (const JsonNode& u : root.Require("users").Elements())
    {
        u.CheckObject({"candidateModels",
                       "samples",
                       "device",
                       "energyBudgetJ",
                       "deadlineS",
                       "spectralEfficiency",
                       "snrDb",
                       "channelGain",
                       "snrBandwidthHz",
                       "txPowerW"});
        SlideUser user;
        std::set<uint32_t> seen;
        for (const JsonNode& c : u.Require("candidateModels").Elements())
        {
            uint32_t index = 0;
            const std::string expectation = "a model name (" + Join(modelNames, true) +
                                            ") or an index in [0, " +
                                            std::to_string(p.models.size()) + ")";
            if (c.Get().is_string())
            {
                auto it = modelIndex.find(c.Get().get<std::string>());
                if (it == modelIndex.end())
                {
                    c.Fail(expectation);
                }
                index = it->second;
            }
            else if (c.Get().is_number() && !p.models.empty())
            {
                index = static_cast<uint32_t>(ReadUnsigned(c, 0, p.models.size() - 1));
            }
            else
            {
                c.Fail(expectation);
            }
            if (!seen.insert(index).second)
            {
                c.FailMessage("model \"" + modelNames[index] + "\" listed twice");
            }
            user.candidateModels.push_back(index);
        }
        if (auto n = u.Find("samples"))
        {
            user.samples =
                static_cast<uint32_t>(ReadUnsigned(*n, 1, std::numeric_limits<uint32_t>::max()));
        }
        const DeviceSpec d = ReadDevice(u.Find("device"), defaultDevice);
        user.device = DeviceComputeModel(d.flopsPerCycle,
                                         d.maxFrequencyHz,
                                         d.energyCoefficient,
                                         d.minFrequencyHz,
                                         d.maxFrequencyHz);
        if (auto n = u.Find("energyBudgetJ"))
        {
            user.energyBudgetJ = ReadNumber(*n, NonNegativeOrInf());
        }
        user.deadlineS = ReadNumber(u.Require("deadlineS"), NonNegative());

        if (isFixedPower)
        {
            for (const char* k : {"spectralEfficiency", "snrDb"})
            {
                if (u.Has(k))
                {
                    u.Require(k).FailMessage(
                        "not valid with \"rateModel\": \"fixed-power\" (give \"snrBandwidthHz\" "
                        "or \"txPowerW\" with \"channelGain\")");
                }
            }
            snrBandwidth.push_back(ReadSnrBandwidth(u, noise));
            p.users.push_back(std::move(user));
            continue;
        }
        for (const char* k : {"snrBandwidthHz", "txPowerW"})
        {
            if (u.Has(k))
            {
                u.Require(k).FailMessage("only valid with \"rateModel\": \"fixed-power\"");
            }
        }
        switch (RequireOneOf(u, {"spectralEfficiency", "snrDb", "channelGain"}))
        {
            case 0:
                user.spectralEfficiency =
                    ReadNumber(u.Require("spectralEfficiency"), NonNegative());
                break;
            case 1:
                // eta = log2(1 + SNR) with the SNR of the whole band at the BS power
                user.spectralEfficiency =
                    ShannonRate(1.0,
                                DbToLinear(ReadNumber(u.Require("snrDb"),
                                                      NumberRange{-INF, false, 3000.0, false})));
                break;
            default:
            {
                const JsonNode gainNode = u.Require("channelGain");
                const double gain = ReadNumber(gainNode, NonNegative());
                if (!bsPowerW)
                {
                    gainNode.FailMessage("needs the top-level \"bsPowerW\" (BS power spread over "
                                         "totalBandwidthHz)");
                }
                user.spectralEfficiency =
                    Checked(gainNode,
                            [&]()
                            {
                                return ConstantPsdRateModel::FromChannel(
                                           *bsPowerW, {gain}, p.totalBandwidthHz, noise)
                                    .GetSpectralEfficiency()
                                    .at(0);
                            });
                if (!std::isfinite(user.spectralEfficiency))
                {
                    gainNode.Fail("a gain giving a finite spectral efficiency");
                }
                break;
            }
        }
        p.users.push_back(std::move(user));
    }
    if (isFixedPower)
    {
        p.rateModel = std::make_shared<FixedPowerRateModel>(snrBandwidth);
    }
    Checked(root,
            [&]()
            {
                SlideSolver::Validate(p);
                return 0;
            });
    return in;
}

/**
 * @brief Solve a SLIDE instance and describe the result.
 * @param [in] root the document
 * @param [in] algorithm the algorithm's command-line name
 * @return the output document
 */
Json
DoSolveSlide(const JsonNode& root, const std::string& algorithm)
{
    const SlideInput in = ReadSlide(root);
    const SlideProblem& p = in.problem;
    SlideAlgorithm alg = SlideAlgorithm::SLIDE_OPTIMAL;
    for (SlideAlgorithm a : {SlideAlgorithm::SLIDE_OPTIMAL,
                             SlideAlgorithm::DAI_OPTIMAL,
                             SlideAlgorithm::EQUAL_BANDWIDTH,
                             SlideAlgorithm::RANDOM_MODEL,
                             SlideAlgorithm::MAX_FREQUENCY})
    {
        if (Normalise(ToString(a)) == algorithm)
        {
            alg = a;
        }
    }
    const SlideDecision d = SlideSolver::Solve(p, alg, in.options);

    auto modelName = [&p](uint32_t m) -> Json
    {
        return m < p.models.size() ? Json(p.models[m].name) : Json(nullptr);
    };
    Json out = SolverOutputHeader("slide", algorithm);

    Json decision = Json::object();
    decision["execution"] =
        d.execution == SlideExecution::STREAMING ? "streaming" : "download-then-infer";
    decision["leftover"] = in.options.leftover == LeftoverPolicy::PRO_RATA ? "pro-rata" : "none";
    decision["nServed"] = d.nServed;
    decision["usedBandwidthHz"] = Num(d.usedBandwidthHz);
    decision["totalBandwidthHz"] = Num(p.totalBandwidthHz);
    decision["sumMinBandwidthHz"] = Num(d.sumMinBandwidthHz);
    decision["nEnergyViolations"] = d.nEnergyViolations;
    // admission order: served users by ascending B^min (ties: lower index), as admitted
    std::vector<uint32_t> order;
    for (uint32_t k = 0; k < d.users.size(); ++k)
    {
        if (d.users[k].isServed)
        {
            order.push_back(k);
        }
    }
    std::stable_sort(order.begin(),
                     order.end(),
                     [&d](uint32_t a, uint32_t b)
                     { return d.users[a].minBandwidthHz < d.users[b].minBandwidthHz; });
    decision["admissionOrder"] = order;
    Json users = Json::array();
    for (uint32_t k = 0; k < d.users.size(); ++k)
    {
        const SlideUserDecision& u = d.users[k];
        Json j = Json::object();
        j["user"] = k;
        j["served"] = u.isServed;
        j["model"] = modelName(u.model);
        j["bandwidthHz"] = Num(u.bandwidthHz);
        j["frequencyHz"] = Num(u.frequencyHz);
        j["minBandwidthHz"] = Num(u.minBandwidthHz);
        j["reason"] = ToString(u.reason);
        if (!u.isServed)
        {
            j["reasonText"] = u.reasonText;
        }
        users.push_back(std::move(j));
    }
    decision["users"] = std::move(users);
    out["decision"] = std::move(decision);

    const SlideEvaluation& e = d.prediction;
    Json prediction = Json::object();
    prediction["nServed"] = e.nServed;
    prediction["nCompleted"] = e.nFeasible;
    prediction["throughput"] = e.nFeasible;
    prediction["nDeadlineMisses"] = e.nDeadlineMisses;
    prediction["nEnergyViolations"] = e.nEnergyViolations;
    prediction["usedBandwidthHz"] = Num(e.usedBandwidthHz);
    prediction["isBandwidthFeasible"] = e.isBandwidthFeasible;
    prediction["isFeasible"] = e.isFeasible;
    Json outcomes = Json::array();
    for (uint32_t k = 0; k < e.users.size(); ++k)
    {
        const SlideUserOutcome& o = e.users[k];
        Json j = Json::object();
        j["user"] = k;
        j["served"] = o.isServed;
        if (o.isServed)
        {
            j["rateBps"] = Num(o.rateBps);
            j["latencyS"] = Num(o.latencyS);
            j["deadlineS"] = Num(p.users[k].deadlineS);
            j["energyJ"] = Num(o.energyJ);
            j["energyBudgetJ"] = Num(p.users[k].energyBudgetJ);
            j["isDeadlineMet"] = o.isDeadlineMet;
            j["isEnergyMet"] = o.isEnergyMet;
            j["isFeasible"] = o.isFeasible;
        }
        outcomes.push_back(std::move(j));
    }
    prediction["users"] = std::move(outcomes);
    out["prediction"] = std::move(prediction);
    return out;
}

} // namespace

std::vector<AlgorithmInfo>
SlideAlgorithms()
{
    return {
        {"slide-optimal", "optimal SLIDE allocation (spec 1.4) [default]"},
        {"dai-optimal", "baseline (i): same algorithm, download-then-infer"},
        {"equal-bandwidth", "baseline (ii): B/K per user"},
        {"random-model", "baseline (iii): random feasible model (seed)"},
        {"max-frequency", "baseline (iv): f = fMax, no energy check (upper bound)"},
    };
}

std::string
SlideSchema()
{
    return R"(slide input (units in the field names; "inf" = +infinity where allowed;
null = field omitted; a "comment" field is allowed in every object):
{
  "problem": "slide",                    optional, must match --problem
  "totalBandwidthHz": 50e6,              B, downlink band shared by the users (>= 0)
  "rateModel": "constant-psd",           or "fixed-power" (default constant-psd)
  "bsPowerW": 20,                        BS power over the band (for users' channelGain)
  "noisePsdWPerHz": 3.98e-21,            N0 (default 3.98e-21)
  "device": {...},                       default device of every user (see below)
  "leftover": "pro-rata",                or "none": what B - sum B^min does
  "seed": 1,                             random-model baseline seed
  "models": [                            the model library
    {"name": "e1", "layerBits": [8e6, ...], "layerFlops": [5e10, ...]},
                                     bits and FLOPs (one sample) per layer
    {"zoo": "resnet18", "bytesPerParameter": 4, "name": "r18"}
                                     zoo model (name defaults to the zoo name)
  ],
  "users": [{
    "candidateModels": ["e1", 1],        model names or indices (M_k)
    "samples": 1,                        b_k (default 1)
    "device": {"flopsPerCycle": 2048, "minFrequencyHz": 50e6,
           "maxFrequencyHz": 625e6, "energyCoefficient": 1e-26},
                                     every field optional (defaults: top-level device)
    "energyBudgetJ": 0.5,                default "inf" (no budget)
    "deadlineS": 0.4,                    required (finite)
    constant-psd: exactly one of
      "spectralEfficiency": 4            eta_k, bit/s/Hz
      "snrDb": 15                        SNR of the whole band (<= 3000): eta = log2(1+SNR)
      "channelGain": 1e-10               with bsPowerW: eta = log2(1 + P g / (N0 B))
    fixed-power: "snrBandwidthHz": 1e8   s_k = P_k g_k / N0, or "txPowerW" + "channelGain"
  }]
}
)";
}

Json
SlideSolve(const JsonNode& root, const std::string& algorithm)
{
    return DoSolveSlide(root, algorithm);
}

} // namespace json
} // namespace edgeinference
} // namespace ns3
