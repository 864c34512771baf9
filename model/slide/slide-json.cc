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
#include "ns3/lte-amc-rate-model.h"
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
#include <tuple>
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

/// Rate models of the input format.
enum class RateKind
{
    CONSTANT_PSD, ///< ConstantPsdRateModel (users' spectral efficiencies)
    FIXED_POWER,  ///< FixedPowerRateModel (users' SNR bandwidths)
    LTE_AMC,      ///< LteAmcRateModel (users' CQIs, the cell's RBs)
    SHANNON_SINR, ///< ShannonSinrRateModel (users' SINRs, the SNR gap)
    SYMBOL_SHARE, ///< SymbolShareRateModel (users' bytes per slot, the slot pattern)
};

/**
 * @brief Read a wideband CQI: an integer in [0, 15], or -1 for "no report received".
 * @param [in] node the value
 * @return the CQI
 */
int
ReadCqi(const JsonNode& node)
{
    const Json& v = node.Get();
    if (!v.is_number_integer() || v.get<int64_t>() < -1 || v.get<int64_t>() > 15)
    {
        node.Fail("an integer in [0, 15], or -1 for no report");
    }
    return static_cast<int>(v.get<int64_t>());
}

/**
 * @brief Read a SLIDE instance.
 * @param [in] root the document
 * @return the instance
 */
SlideJsonInstance
ReadSlide(const JsonNode& root)
{
    root.CheckObject({"problem",
                      "description",
                      "totalBandwidthHz",
                      "rateModel",
                      "dlBandwidthRb",
                      "snrGap",
                      "rateEfficiency",
                      "symbolShare",
                      "bsPowerW",
                      "noisePsdWPerHz",
                      "device",
                      "leftover",
                      "seed",
                      "models",
                      "users"});
    SlideJsonInstance in;
    SlideProblem& p = in.problem;
    p.totalBandwidthHz = ReadNumber(root.Require("totalBandwidthHz"), NonNegative());

    RateKind kind = RateKind::CONSTANT_PSD;
    if (auto n = root.Find("rateModel"))
    {
        kind = ReadChoice<RateKind>(*n,
                                    {{"constant-psd", RateKind::CONSTANT_PSD},
                                     {"fixed-power", RateKind::FIXED_POWER},
                                     {"lte-amc", RateKind::LTE_AMC},
                                     {"shannon-sinr", RateKind::SHANNON_SINR},
                                     {"symbol-share", RateKind::SYMBOL_SHARE}});
    }
    const bool isFixedPower = kind == RateKind::FIXED_POWER;
    const bool isCellModel = kind == RateKind::LTE_AMC || kind == RateKind::SHANNON_SINR ||
                             kind == RateKind::SYMBOL_SHARE;
    uint32_t dlBandwidthRb = 0;
    double snrGap = 1.0;
    double rateEfficiency = 1.0;
    const std::vector<std::tuple<const char*, bool, const char*>> cellFields = {
        {"dlBandwidthRb", kind == RateKind::LTE_AMC, "\"lte-amc\""},
        {"snrGap", kind == RateKind::SHANNON_SINR, "\"shannon-sinr\""},
        {"symbolShare", kind == RateKind::SYMBOL_SHARE, "\"symbol-share\""},
        {"rateEfficiency", isCellModel, "\"lte-amc\", \"shannon-sinr\" or \"symbol-share\""}};
    for (const auto& [key, isValid, models] : cellFields)
    {
        if (root.Has(key) && !isValid)
        {
            root.Require(key).FailMessage(std::string("only valid with \"rateModel\": ") + models);
        }
    }
    if (kind == RateKind::LTE_AMC)
    {
        dlBandwidthRb = static_cast<uint32_t>(ReadUnsigned(root.Require("dlBandwidthRb"), 1, 110));
    }
    SymbolShareSpec symbolShare;
    if (kind == RateKind::SYMBOL_SHARE)
    {
        symbolShare = ReadSymbolShare(root.Require("symbolShare"));
    }
    if (auto n = root.Find("snrGap"))
    {
        snrGap = ReadNumber(*n, Positive());
    }
    if (auto n = root.Find("rateEfficiency"))
    {
        rateEfficiency = ReadNumber(*n, NumberRange{0.0, true, 1.0, false});
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
    std::vector<int> cqi;
    std::vector<double> sinr;
    std::vector<double> blerSinr; // lte-amc: per-user SINR of the BLER term (-1: none)
    bool anyBlerSinr = false;
    std::vector<std::vector<double>> bytesBySymbols; // symbol-share: per-user table
    for (const JsonNode& u : root.Require("users").Elements())
    {
        u.CheckObject({"cqi",
                       "blerSinr",
                       "bytesBySymbols",
                       "sinr",
                       "sinrDb",
                       "candidateModels",
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

        if (isCellModel)
        {
            for (const char* k :
                 {"spectralEfficiency", "snrDb", "channelGain", "snrBandwidthHz", "txPowerW"})
            {
                if (u.Has(k))
                {
                    u.Require(k).FailMessage(
                        kind == RateKind::LTE_AMC
                            ? "not valid with \"rateModel\": \"lte-amc\" (give \"cqi\")"
                        : kind == RateKind::SHANNON_SINR
                            ? "not valid with \"rateModel\": \"shannon-sinr\" (give \"sinr\" "
                              "or \"sinrDb\")"
                            : "not valid with \"rateModel\": \"symbol-share\" (give "
                              "\"bytesBySymbols\")");
                }
            }
            if (kind != RateKind::SYMBOL_SHARE && u.Has("bytesBySymbols"))
            {
                u.Require("bytesBySymbols")
                    .FailMessage("only valid with \"rateModel\": \"symbol-share\"");
            }
            if (kind != RateKind::SHANNON_SINR)
            {
                for (const char* k : {"sinr", "sinrDb"})
                {
                    if (u.Has(k))
                    {
                        u.Require(k).FailMessage("only valid with \"rateModel\": "
                                                 "\"shannon-sinr\"");
                    }
                }
            }
            if (kind != RateKind::LTE_AMC)
            {
                for (const char* k : {"cqi", "blerSinr"})
                {
                    if (u.Has(k))
                    {
                        u.Require(k).FailMessage("only valid with \"rateModel\": \"lte-amc\"");
                    }
                }
            }
            if (kind == RateKind::SYMBOL_SHARE)
            {
                bytesBySymbols.push_back(
                    ReadBytesBySymbols(u.Require("bytesBySymbols"), symbolShare));
            }
            else if (kind == RateKind::LTE_AMC)
            {
                cqi.push_back(ReadCqi(u.Require("cqi")));
                blerSinr.push_back(
                    u.Has("blerSinr") ? ReadNumber(u.Require("blerSinr"), AnyFinite()) : -1.0);
                anyBlerSinr = anyBlerSinr || u.Has("blerSinr");
            }
            else
            {
                sinr.push_back(
                    RequireOneOf(u, {"sinr", "sinrDb"}) == 0
                        ? ReadNumber(u.Require("sinr"), AnyFinite())
                        : DbToLinear(ReadNumber(u.Require("sinrDb"),
                                                NumberRange{-INF, false, 3000.0, false})));
            }
            p.users.push_back(std::move(user));
            continue;
        }
        for (const char* k : {"cqi", "blerSinr", "sinr", "sinrDb", "bytesBySymbols"})
        {
            if (u.Has(k))
            {
                const std::string key(k);
                u.Require(k).FailMessage(std::string("only valid with \"rateModel\": ") +
                                         (key == "cqi" || key == "blerSinr" ? "\"lte-amc\""
                                          : key == "bytesBySymbols"         ? "\"symbol-share\""
                                                                            : "\"shannon-sinr\""));
            }
        }
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
    if (isCellModel)
    {
        std::shared_ptr<const RateModel> rate;
        if (kind == RateKind::SYMBOL_SHARE)
        {
            rate = MakeSymbolShareRateModel(
                root.Require("symbolShare"), symbolShare, std::move(bytesBySymbols));
        }
        Checked(root,
                [&]()
                {
                    if (kind == RateKind::LTE_AMC)
                    {
                        rate = anyBlerSinr
                                   ? std::make_shared<LteAmcRateModel>(cqi, dlBandwidthRb, blerSinr)
                                   : std::make_shared<LteAmcRateModel>(cqi, dlBandwidthRb);
                    }
                    else if (kind == RateKind::SHANNON_SINR)
                    {
                        rate = std::make_shared<ShannonSinrRateModel>(sinr, snrGap);
                    }
                    // as SlideResourceManager builds it: the factor only when below 1
                    if (rateEfficiency < 1.0)
                    {
                        rate = std::make_shared<ScaledRateModel>(rate, rateEfficiency);
                    }
                    return 0;
                });
        p.rateModel = rate;
    }
    Checked(root,
            [&]()
            {
                SlideSolver::Validate(p);
                return 0;
            });
    return in;
}

} // namespace

std::vector<AlgorithmInfo>
SlideAlgorithms()
{
    const std::map<SlideAlgorithm, std::string> help = {
        {SlideAlgorithm::SLIDE_OPTIMAL, "optimal SLIDE allocation (R1.4 of [1]) [default]"},
        {SlideAlgorithm::DAI_OPTIMAL, "baseline (i): same algorithm, download-then-infer"},
        {SlideAlgorithm::EQUAL_BANDWIDTH, "baseline (ii): B/K per user"},
        {SlideAlgorithm::RANDOM_MODEL, "baseline (iii): random feasible model (seed)"},
        {SlideAlgorithm::MAX_FREQUENCY, "baseline (iv): f = fMax, no energy check (upper bound)"},
    };
    std::vector<AlgorithmInfo> out;
    for (const auto& entry : SlideAlgorithmNames())
    {
        out.push_back({entry.second, help.at(entry.first)});
    }
    return out;
}

std::string
SlideSchema()
{
    return R"(slide input (units in the field names; "inf" = +infinity where allowed;
null = field omitted; a "comment" field is allowed in every object):
{
  "problem": "slide",                    optional, must match --problem
  "totalBandwidthHz": 50e6,              B, downlink band shared by the users (>= 0)
  "rateModel": "constant-psd",           or "fixed-power", "lte-amc", "shannon-sinr",
                                     "symbol-share" (default constant-psd)
  "dlBandwidthRb": 25,                   lte-amc: cell DL bandwidth, RB (required)
  "snrGap": 1,                           shannon-sinr: SNR gap, linear (default 1)
  "symbolShare": {                       symbol-share (required): a share B/W of the data
                                     symbols of every slot (e.g. NR downlink)
    "slots": [{"perPattern": 3, "dataSymbols": 13}],  slot classes of the pattern
    "patternSeconds": 0.0025,            T, s; rate = 8 e sum_c n_c bytes_c(B/W) / T
    "bandwidthHz": 20e6,                 W, the bandwidth of a share of 1
    "efficiency": 1                      e in (0, 1] (default 1)
  },
  "rateEfficiency": 0.85,                lte-amc, shannon-sinr, symbol-share: factor in
                                     (0, 1] on the model's rate (default 1)
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
    lte-amc: "cqi": 11                   wideband CQI 0..15 (-1 = no report)
             "blerSinr": 96              optional: linear SINR of the first-transmission
                                         BLER term (LteMiErrorModel; negative = none)
    shannon-sinr: "sinr": 30             linear SINR (negative = no report), or "sinrDb"
    symbol-share: "bytesBySymbols": [0, 310, 630, ...]   bytes in one slot with
                                         j = 0..J symbols (0 first, non-decreasing,
                                         J >= every class's dataSymbols rounded up)
  }]
}
)";
}

SlideJsonInstance
SlideInstanceFromJson(const JsonNode& root)
{
    return ReadSlide(root);
}

namespace
{

/**
 * @param [in] root the document
 * @param [in] algorithm the algorithm's command-line name
 * @return the output document
 */
Json
DoSlideSolve(const JsonNode& root, const std::string& algorithm)
{
    const SlideJsonInstance in = ReadSlide(root);
    const SlideAlgorithm alg = SlideAlgorithmFromString(algorithm);
    const SlideDecision d = SlideSolver::Solve(in.problem, alg, in.options);
    return SlideDecisionToJson(in.problem, d, algorithm, in.options.leftover);
}

} // namespace

Json
SlideSolve(const JsonNode& root, const std::string& algorithm)
{
    return GuardedSolve("slide", [&]() { return DoSlideSolve(root, algorithm); });
}

Json
SlideDecisionToJson(const SlideProblem& p,
                    const SlideDecision& d,
                    const std::string& algorithm,
                    LeftoverPolicy leftover)
{
    auto modelName = [&p](uint32_t m) -> Json
    {
        return m < p.models.size() ? Json(p.models[m].name) : Json(nullptr);
    };
    Json out = SolverOutputHeader("slide", algorithm);

    Json decision = Json::object();
    decision["execution"] =
        d.execution == SlideExecution::STREAMING ? "streaming" : "download-then-infer";
    decision["leftover"] = ToString(leftover);
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

Json
SlideInstanceToJson(const SlideProblem& problem, const SlideOptions& options)
{
    SlideSolver::Validate(problem);
    Json root = Json::object();
    root["problem"] = "slide";
    root["totalBandwidthHz"] = Num(problem.totalBandwidthHz);
    const size_t nUsers = problem.users.size();
    // the rate model: its kind, the cell-wide parameters, then one field per user
    std::string userKey;
    std::vector<Json> userRate(nUsers);
    std::vector<Json> userBlerSinr; // lte-amc with the BLER term: one per user
    std::shared_ptr<const RateModel> rate = problem.rateModel;
    double efficiency = 1.0;
    if (auto scaled = std::dynamic_pointer_cast<const ScaledRateModel>(rate))
    {
        efficiency = scaled->GetEfficiency();
        rate = scaled->GetBase();
    }
    const bool isCell = std::dynamic_pointer_cast<const LteAmcRateModel>(rate) ||
                        std::dynamic_pointer_cast<const ShannonSinrRateModel>(rate) ||
                        std::dynamic_pointer_cast<const SymbolShareRateModel>(rate);
    if (efficiency < 1.0 && !isCell)
    {
        throw std::invalid_argument(
            "SlideInstanceToJson: a ScaledRateModel is written only around an LteAmcRateModel, "
            "a ShannonSinrRateModel or a SymbolShareRateModel");
    }
    if (!rate)
    {
        root["rateModel"] = "constant-psd";
        userKey = "spectralEfficiency";
        for (size_t k = 0; k < nUsers; ++k)
        {
            userRate[k] = Num(problem.users[k].spectralEfficiency);
        }
    }
    else if (auto c = std::dynamic_pointer_cast<const ConstantPsdRateModel>(rate))
    {
        root["rateModel"] = "constant-psd";
        userKey = "spectralEfficiency";
        for (size_t k = 0; k < nUsers; ++k)
        {
            userRate[k] = Num(c->GetSpectralEfficiency().at(k));
        }
    }
    else if (auto f = std::dynamic_pointer_cast<const FixedPowerRateModel>(rate))
    {
        root["rateModel"] = "fixed-power";
        userKey = "snrBandwidthHz";
        for (size_t k = 0; k < nUsers; ++k)
        {
            userRate[k] = Num(f->GetSnrBandwidth().at(k));
        }
    }
    else if (auto l = std::dynamic_pointer_cast<const LteAmcRateModel>(rate))
    {
        root["rateModel"] = "lte-amc";
        root["dlBandwidthRb"] = l->GetDlBandwidthRb();
        userKey = "cqi";
        for (size_t k = 0; k < nUsers; ++k)
        {
            userRate[k] = l->GetCqi(static_cast<uint32_t>(k));
            if (l->IsBlerAware())
            {
                userBlerSinr.push_back(Num(l->GetBlerSinr(static_cast<uint32_t>(k))));
            }
        }
    }
    else if (auto sh = std::dynamic_pointer_cast<const ShannonSinrRateModel>(rate))
    {
        root["rateModel"] = "shannon-sinr";
        root["snrGap"] = Num(sh->GetGap());
        userKey = "sinr";
        for (size_t k = 0; k < nUsers; ++k)
        {
            userRate[k] = Num(sh->GetSinr(static_cast<uint32_t>(k)));
        }
    }
    else if (auto ss = std::dynamic_pointer_cast<const SymbolShareRateModel>(rate))
    {
        // NrDlSymbolRateModel and any other SymbolShareRateModel: its tables, radio-free
        if (ss->GetNUsers() != nUsers)
        {
            throw std::invalid_argument("SlideInstanceToJson: the SymbolShareRateModel has " +
                                        std::to_string(ss->GetNUsers()) + " users, the problem " +
                                        std::to_string(nUsers));
        }
        root["rateModel"] = "symbol-share";
        root["symbolShare"] = SymbolShareToJson(*ss);
        userKey = "bytesBySymbols";
        for (size_t k = 0; k < nUsers; ++k)
        {
            userRate[k] = BytesBySymbolsToJson(*ss, static_cast<uint32_t>(k));
        }
    }
    else
    {
        throw std::invalid_argument(
            "SlideInstanceToJson: the rate model is not one the input format can say "
            "(ConstantPsdRateModel, FixedPowerRateModel, LteAmcRateModel, ShannonSinrRateModel, "
            "SymbolShareRateModel, optionally in a ScaledRateModel)");
    }
    if (isCell)
    {
        root["rateEfficiency"] = Num(efficiency);
    }
    root["leftover"] = ToString(options.leftover);
    root["seed"] = options.seed;

    Json models = Json::array();
    std::set<std::string> names;
    for (size_t m = 0; m < problem.models.size(); ++m)
    {
        const SlideModel& model = problem.models[m];
        if (model.name.empty() || !names.insert(model.name).second)
        {
            throw std::invalid_argument("SlideInstanceToJson: models[" + std::to_string(m) +
                                        "].name '" + model.name +
                                        "' is empty or not unique (models are named in the "
                                        "input format)");
        }
        Json j = Json::object();
        j["name"] = model.name;
        Json bits = Json::array();
        Json flops = Json::array();
        for (size_t l = 0; l < model.layerBits.size(); ++l)
        {
            bits.push_back(Num(model.layerBits[l]));
            flops.push_back(Num(model.layerFlops[l]));
        }
        j["layerBits"] = std::move(bits);
        j["layerFlops"] = std::move(flops);
        models.push_back(std::move(j));
    }
    root["models"] = std::move(models);

    Json users = Json::array();
    for (size_t k = 0; k < nUsers; ++k)
    {
        const SlideUser& u = problem.users[k];
        Json j = Json::object();
        Json candidates = Json::array();
        for (uint32_t m : u.candidateModels)
        {
            candidates.push_back(problem.models[m].name);
        }
        j["candidateModels"] = std::move(candidates);
        j["samples"] = u.samples;
        Json device = Json::object();
        device["flopsPerCycle"] = Num(u.device.GetFlopsPerCycle());
        device["minFrequencyHz"] = Num(u.device.GetMinFrequency());
        device["maxFrequencyHz"] = Num(u.device.GetMaxFrequency());
        device["energyCoefficient"] = Num(u.device.GetEnergyCoefficient());
        j["device"] = std::move(device);
        j["energyBudgetJ"] = Num(u.energyBudgetJ);
        j["deadlineS"] = Num(u.deadlineS);
        j[userKey] = userRate[k];
        if (!userBlerSinr.empty())
        {
            j["blerSinr"] = userBlerSinr[k];
        }
        users.push_back(std::move(j));
    }
    root["users"] = std::move(users);
    return root;
}

SlideDecision
SlideDecisionFromJson(const JsonNode& root, const SlideProblem& problem)
{
    root.CheckObject({"problem", "algorithm", "version", "decision", "prediction"});
    if (auto n = root.Find("problem"))
    {
        if (ReadString(*n) != "slide")
        {
            n->Fail("\"slide\"");
        }
    }
    SlideDecision d;
    if (auto n = root.Find("algorithm"))
    {
        // an external algorithm may name itself: only the module's names select an enumerator
        const std::string name = ReadString(*n);
        for (const auto& entry : SlideAlgorithmNames())
        {
            if (entry.second == name)
            {
                d.algorithm = entry.first;
            }
        }
    }
    const JsonNode decision = root.Require("decision");
    decision.CheckObject({"execution",
                          "leftover",
                          "nServed",
                          "usedBandwidthHz",
                          "totalBandwidthHz",
                          "sumMinBandwidthHz",
                          "nEnergyViolations",
                          "admissionOrder",
                          "users"});
    if (auto n = decision.Find("execution"))
    {
        d.execution = ReadChoice<SlideExecution>(
            *n,
            {{"streaming", SlideExecution::STREAMING},
             {"download-then-infer", SlideExecution::DOWNLOAD_THEN_INFER}});
    }
    std::vector<std::string> names;
    for (const auto& m : problem.models)
    {
        names.push_back(m.name);
    }
    const std::vector<JsonNode> users = decision.Require("users").Elements();
    if (users.size() != problem.users.size())
    {
        decision.Require("users").Fail("an array of " + std::to_string(problem.users.size()) +
                                       " users (one per user of the instance)");
    }
    std::vector<std::pair<std::string, SlideRejectReason>> reasons;
    for (auto r : {SlideRejectReason::NONE,
                   SlideRejectReason::NO_CANDIDATE_MODEL,
                   SlideRejectReason::NO_RATE,
                   SlideRejectReason::ENERGY,
                   SlideRejectReason::DEADLINE,
                   SlideRejectReason::RATE_LIMIT,
                   SlideRejectReason::BANDWIDTH,
                   SlideRejectReason::NOT_SELECTED,
                   SlideRejectReason::DECISION_REJECTED})
    {
        reasons.emplace_back(Normalise(ToString(r)), r);
    }
    for (size_t k = 0; k < users.size(); ++k)
    {
        const JsonNode& u = users[k];
        u.CheckObject({"user",
                       "served",
                       "model",
                       "bandwidthHz",
                       "frequencyHz",
                       "minBandwidthHz",
                       "reason",
                       "reasonText"});
        if (auto n = u.Find("user"))
        {
            ReadUnsigned(*n, k, k);
        }
        SlideUserDecision ud;
        const JsonNode served = u.Require("served");
        if (!served.Get().is_boolean())
        {
            served.Fail("true or false");
        }
        ud.isServed = served.Get().get<bool>();
        if (auto n = u.Find("model"))
        {
            const std::string expectation = "a model name of the instance (" + Join(names, true) +
                                            ") or an index in [0, " + std::to_string(names.size()) +
                                            ")";
            if (n->Get().is_string())
            {
                auto it = std::find(names.begin(), names.end(), n->Get().get<std::string>());
                if (it == names.end())
                {
                    n->Fail(expectation);
                }
                ud.model = static_cast<uint32_t>(it - names.begin());
            }
            else if (n->Get().is_number() && !names.empty())
            {
                ud.model = static_cast<uint32_t>(ReadUnsigned(*n, 0, names.size() - 1));
            }
            else
            {
                n->Fail(expectation);
            }
        }
        else if (ud.isServed)
        {
            u.Require("model");
        }
        if (ud.isServed)
        {
            ud.bandwidthHz = ReadNumber(u.Require("bandwidthHz"), NonNegative());
            ud.frequencyHz = ReadNumber(u.Require("frequencyHz"), Positive());
        }
        if (auto n = u.Find("minBandwidthHz"))
        {
            ud.minBandwidthHz = ReadNumber(*n, NonNegativeOrInf());
        }
        ud.reason = ud.isServed ? SlideRejectReason::NONE : SlideRejectReason::NOT_SELECTED;
        if (auto n = u.Find("reason"))
        {
            ud.reason = ReadChoice<SlideRejectReason>(*n, reasons);
            if ((ud.reason == SlideRejectReason::NONE) != ud.isServed)
            {
                n->FailMessage(ud.isServed ? "a served user has reason \"NONE\""
                                           : "an unserved user needs a reason other than "
                                             "\"NONE\"");
            }
        }
        if (auto n = u.Find("reasonText"))
        {
            ud.reasonText = ReadString(*n, false);
        }
        else if (!ud.isServed)
        {
            ud.reasonText = "not served by the decision";
        }
        d.users.push_back(ud);
    }
    return d;
}

} // namespace json
} // namespace edgeinference
} // namespace ns3
