/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-split-json.h"

#include "ns3/batch-latency-model.h"
#include "ns3/device-compute-model.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/dnn-model.h"
#include "ns3/noma-split-solver.h"
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

/// Largest "subchannels" accepted (Li-GD's group exchanges grow as its square).
constexpr uint64_t NOMA_SPLIT_MAX_SUBCHANNELS = 128;
/// Largest number of users accepted.
constexpr std::size_t NOMA_SPLIT_MAX_USERS = 256;
/// Default Li-GD work bound of the JSON solver (NomaSplitSolver::SetMaxWork()): well under 1 s
/// on the 2-core reference machine.
constexpr uint64_t NOMA_SPLIT_DEFAULT_MAX_WORK = 400000;

/// A NOMA split-inference instance read from JSON.
struct NomaSplitInput
{
    NomaSplitProblem problem;                  ///< The instance
    std::vector<std::string> models;           ///< Model name of each user
    std::optional<double> stepTolerance;       ///< GD step tolerance (solver default if absent)
    std::optional<uint32_t> maxIterations;     ///< GD iteration limit
    std::optional<uint64_t> maxConfigurations; ///< Exhaustive-GD configuration limit
    std::optional<uint64_t> maxWork;           ///< Li-GD family work limit
};

/// A named layer profile of the input's model library.
struct NomaSplitModelEntry
{
    std::string name;         ///< Model name
    NomaSplitProfile profile; ///< Its profile
};

/**
 * @brief Read one model of the library: a zoo model or explicit per-layer arrays.
 * @param [in] node the model object
 * @return the named profile
 */
NomaSplitModelEntry
ReadNomaSplitModel(const JsonNode& node)
{
    node.CheckObject({"name", "zoo", "layerFlops", "outputBits", "resultBits"});
    NomaSplitModelEntry entry;
    std::optional<double> resultBits;
    if (auto n = node.Find("resultBits"))
    {
        resultBits = ReadNumber(*n, NonNegative());
    }
    const bool hasArrays = node.Has("layerFlops") || node.Has("outputBits");
    if (auto zoo = node.Find("zoo"))
    {
        if (hasArrays)
        {
            node.FailMessage("give either \"zoo\" or \"layerFlops\" with \"outputBits\", not "
                             "both");
        }
        const std::string zooName = ReadString(*zoo);
        std::optional<DnnModel> dnn = ReadZooModel(*zoo);
        entry.profile = NomaSplitProfile::FromDnnModel(*dnn, resultBits.value_or(-1.0));
        entry.name = node.Has("name") ? ReadString(node.Require("name")) : zooName;
        return entry;
    }
    if (!hasArrays)
    {
        node.FailMessage("expected \"zoo\" or \"layerFlops\" with \"outputBits\", got neither");
    }
    entry.name = ReadString(node.Require("name"));
    entry.profile.layerFlops = ReadNumbers(node.Require("layerFlops"), NonNegative(), true);
    const JsonNode outputs = node.Require("outputBits");
    entry.profile.outputBits = ReadNumbers(outputs, NonNegative(), true);
    if (entry.profile.outputBits.size() != entry.profile.layerFlops.size() + 1)
    {
        outputs.Fail("an array of " + std::to_string(entry.profile.layerFlops.size() + 1) +
                     " numbers (the input o_0, then one output per entry of layerFlops)");
    }
    entry.profile.resultBits = resultBits.value_or(entry.profile.outputBits.back());
    return entry;
}

/// Device of a split-inference user: f_d, n_d and kappa_d.
struct NomaSplitDeviceSpec
{
    double flopsPerCycle{1.0};       ///< n_d, FLOP/cycle
    double frequencyHz{1e9};         ///< f_d, cycle/s (R4.5 of [4] default)
    double energyCoefficient{1e-28}; ///< kappa_d, J s^2/cycle^3 (R4.5 of [4] default)
};

/**
 * @brief Read a split-inference device object; absent fields keep the values of @p base.
 * @param [in] node the object, or nothing
 * @param [in] base defaults
 * @return the device
 */
NomaSplitDeviceSpec
ReadNomaSplitDevice(const std::optional<JsonNode>& node, NomaSplitDeviceSpec base)
{
    if (!node)
    {
        return base;
    }
    node->CheckObject({"flopsPerCycle", "frequencyHz", "energyCoefficient"});
    if (auto n = node->Find("flopsPerCycle"))
    {
        base.flopsPerCycle = ReadNumber(*n, Positive());
    }
    if (auto n = node->Find("frequencyHz"))
    {
        base.frequencyHz = ReadNumber(*n, Positive());
    }
    if (auto n = node->Find("energyCoefficient"))
    {
        base.energyCoefficient = ReadNumber(*n, NonNegative());
    }
    return base;
}

/**
 * @brief Read a boolean field.
 * @param [in] node the value
 * @return the boolean
 */
bool
ReadBool(const JsonNode& node)
{
    if (!node.Get().is_boolean())
    {
        node.Fail("true or false");
    }
    return node.Get().get<bool>();
}

/// @return the names of NomaSplitAccess in the "access" field
std::vector<std::pair<std::string, NomaSplitAccess>>
AccessNames()
{
    return {{"noma", NomaSplitAccess::NOMA}, {"oma", NomaSplitAccess::OMA}};
}

/**
 * @brief Read a NOMA split-inference instance.
 * @param [in] root the document
 * @return the instance
 */
NomaSplitInput
ReadNomaSplit(const JsonNode& root)
{
    root.CheckObject({"problem",
                      "description",
                      "subchannels",
                      "maxUsersPerSubchannel",
                      "subchannelBandwidthHz",
                      "noisePowerW",
                      "maxUplinkPowerW",
                      "minUplinkPowerW",
                      "apPowerW",
                      "minDownlinkPowerW",
                      "edgeFrequencyHz",
                      "minEdgeFrequencyHz",
                      "edgeFlopsPerCycle",
                      "edgeEnergyCoefficient",
                      "weights",
                      "residualSicFactor",
                      "enforceDownlinkPowerOrder",
                      "access",
                      "device",
                      "models",
                      "users",
                      "solver"});
    NomaSplitInput in;
    NomaSplitProblem& p = in.problem;
    const auto readPositive = [&](const char* key, double& field)
    {
        if (auto n = root.Find(key))
        {
            field = ReadNumber(*n, Positive());
        }
    };
    if (auto n = root.Find("subchannels"))
    {
        p.nSubchannels = static_cast<uint32_t>(ReadUnsigned(*n, 1, NOMA_SPLIT_MAX_SUBCHANNELS));
    }
    if (auto n = root.Find("maxUsersPerSubchannel"))
    {
        p.maxUsersPerSubchannel = static_cast<uint32_t>(ReadUnsigned(*n, 1, 64));
    }
    readPositive("subchannelBandwidthHz", p.subchannelBandwidthHz);
    readPositive("noisePowerW", p.noisePowerW);
    readPositive("maxUplinkPowerW", p.maxUplinkPowerW);
    readPositive("minUplinkPowerW", p.minUplinkPowerW);
    readPositive("apPowerW", p.apPowerW);
    readPositive("minDownlinkPowerW", p.minDownlinkPowerW);
    readPositive("edgeFrequencyHz", p.edgeFrequencyHz);
    readPositive("minEdgeFrequencyHz", p.minEdgeFrequencyHz);
    readPositive("edgeFlopsPerCycle", p.edgeFlopsPerCycle);
    if (auto n = root.Find("edgeEnergyCoefficient"))
    {
        p.edgeEnergyCoefficient = ReadNumber(*n, NonNegative());
    }
    if (auto n = root.Find("residualSicFactor"))
    {
        p.residualSicFactor = ReadNumber(*n, UnitInterval());
    }
    if (auto n = root.Find("enforceDownlinkPowerOrder"))
    {
        p.enforceDownlinkPowerOrder = ReadBool(*n);
    }
    if (auto n = root.Find("access"))
    {
        p.access = ReadChoice(*n, AccessNames());
    }
    if (auto w = root.Find("weights"))
    {
        w->CheckObject({"latency", "deviceEnergy", "edgeEnergy"});
        if (auto n = w->Find("latency"))
        {
            p.weightLatency = ReadNumber(*n, UnitInterval());
        }
        if (auto n = w->Find("deviceEnergy"))
        {
            p.weightDeviceEnergy = ReadNumber(*n, UnitInterval());
        }
        if (auto n = w->Find("edgeEnergy"))
        {
            p.weightEdgeEnergy = ReadNumber(*n, UnitInterval());
        }
    }
    const NomaSplitDeviceSpec defaultDevice = ReadNomaSplitDevice(root.Find("device"), {});

    std::vector<NomaSplitModelEntry> models;
    for (const JsonNode& m : root.Require("models").Elements(true))
    {
        NomaSplitModelEntry entry = ReadNomaSplitModel(m);
        for (const NomaSplitModelEntry& other : models)
        {
            if (other.name == entry.name)
            {
                m.FailMessage("model name \"" + entry.name + "\" used twice");
            }
        }
        models.push_back(std::move(entry));
    }
    std::vector<std::string> modelNames;
    for (const NomaSplitModelEntry& m : models)
    {
        modelNames.push_back(m.name);
    }

    const JsonNode usersNode = root.Require("users");
    const std::vector<JsonNode> users = usersNode.Elements(true);
    if (users.size() > NOMA_SPLIT_MAX_USERS)
    {
        usersNode.FailMessage(std::to_string(users.size()) + " users; at most " +
                              std::to_string(NOMA_SPLIT_MAX_USERS) + " are accepted");
    }
    for (const JsonNode& u : users)
    {
        u.CheckObject({"model", "device", "uplinkGain", "downlinkGain"});
        const JsonNode ref = u.Require("model");
        size_t index = 0;
        if (ref.Get().is_string())
        {
            const std::string name = ref.Get().get<std::string>();
            auto it = std::find(modelNames.begin(), modelNames.end(), name);
            if (it == modelNames.end())
            {
                ref.Fail("a model name (" + Join(modelNames, true) + ") or an index in [0, " +
                         std::to_string(models.size()) + ")");
            }
            index = static_cast<size_t>(it - modelNames.begin());
        }
        else
        {
            index = ReadUnsigned(ref, 0, models.size() - 1);
        }
        const NomaSplitDeviceSpec d = ReadNomaSplitDevice(u.Find("device"), defaultDevice);
        NomaSplitUser user;
        user.profile = models[index].profile;
        user.device = DeviceComputeModel(
            d.flopsPerCycle, d.frequencyHz, d.energyCoefficient, d.frequencyHz, d.frequencyHz);
        for (const char* key : {"uplinkGain", "downlinkGain"})
        {
            const JsonNode g = u.Require(key);
            std::vector<double> gains;
            if (g.Get().is_number())
            {
                // one gain for every subchannel (flat channel)
                gains.assign(p.nSubchannels, ReadNumber(g, NonNegative()));
            }
            else
            {
                gains = ReadNumbers(g, NonNegative(), true);
                if (gains.size() != p.nSubchannels)
                {
                    g.Fail("a number or an array of " + std::to_string(p.nSubchannels) +
                           " numbers (one gain per subchannel)");
                }
            }
            (std::string(key) == "uplinkGain" ? user.uplinkGain : user.downlinkGain) = gains;
        }
        in.models.push_back(models[index].name);
        p.users.push_back(std::move(user));
    }

    if (auto s = root.Find("solver"))
    {
        s->CheckObject({"stepTolerance", "maxIterations", "maxConfigurations", "maxWork"});
        if (auto n = s->Find("stepTolerance"))
        {
            in.stepTolerance = ReadNumber(*n, Positive());
        }
        if (auto n = s->Find("maxIterations"))
        {
            in.maxIterations =
                static_cast<uint32_t>(ReadUnsigned(*n, 1, std::numeric_limits<uint32_t>::max()));
        }
        if (auto n = s->Find("maxConfigurations"))
        {
            in.maxConfigurations = ReadUnsigned(*n, 1, std::numeric_limits<uint64_t>::max());
        }
        if (auto n = s->Find("maxWork"))
        {
            in.maxWork = ReadUnsigned(*n, 1, std::numeric_limits<uint64_t>::max());
        }
    }
    return in;
}

/**
 * @brief Names of the distinct DNN profiles of an instance, as NomaSplitInstanceToJson()
 * writes them: "model0", "model1", ... in the order of first use.
 * @param [in] problem the instance
 * @param [out] modelOfUser index of each user's profile in the returned list
 * @return the distinct profiles
 */
std::vector<const NomaSplitProfile*>
DistinctProfiles(const NomaSplitProblem& problem, std::vector<std::size_t>& modelOfUser)
{
    std::vector<const NomaSplitProfile*> profiles;
    modelOfUser.clear();
    for (const NomaSplitUser& u : problem.users)
    {
        std::size_t k = 0;
        while (k < profiles.size() && !(profiles[k]->layerFlops == u.profile.layerFlops &&
                                        profiles[k]->outputBits == u.profile.outputBits &&
                                        profiles[k]->resultBits == u.profile.resultBits))
        {
            ++k;
        }
        if (k == profiles.size())
        {
            profiles.push_back(&u.profile);
        }
        modelOfUser.push_back(k);
    }
    return profiles;
}

/**
 * @param [in] subchannel a subchannel index or NOMA_SPLIT_NO_SUBCHANNEL
 * @return the index, or null for a user that does not use the link
 */
Json
SubchannelJson(int32_t subchannel)
{
    if (subchannel == NOMA_SPLIT_NO_SUBCHANNEL)
    {
        return nullptr;
    }
    return subchannel;
}

/**
 * @brief Solve a NOMA split-inference instance and describe the result.
 * @param [in] root the document
 * @param [in] algorithm the algorithm's command-line name
 * @return the output document
 */
Json
DoSolveNomaSplit(const JsonNode& root, const std::string& algorithm)
{
    const NomaSplitInput in = ReadNomaSplit(root);
    NomaSplitSolver solver = Checked(root, [&]() { return NomaSplitSolver(in.problem); });
    if (in.stepTolerance)
    {
        solver.SetStepTolerance(*in.stepTolerance);
    }
    if (in.maxIterations)
    {
        solver.SetMaxIterations(*in.maxIterations);
    }
    if (in.maxConfigurations)
    {
        solver.SetMaxConfigurations(*in.maxConfigurations);
    }
    // bounded work by default: Li-GD's candidates grow with the users and the square of the
    // subchannels, and a GD run may take many line-search steps
    solver.SetMaxWork(in.maxWork ? *in.maxWork : NOMA_SPLIT_DEFAULT_MAX_WORK);
    NomaSplitAlgorithm which = NomaSplitAlgorithm::LI_GD;
    try
    {
        which = NomaSplitAlgorithmFromString(algorithm);
    }
    catch (const std::invalid_argument&)
    {
        // RequireAlgorithm() accepted the name: Algorithms() and the name table disagree
        throw std::logic_error("NOMA split algorithm \"" + algorithm + "\" has no solver");
    }
    const NomaSplitDecision d = Checked(root, [&]() { return solver.Solve(which); });
    return NomaSplitDecisionToJson(algorithm, d, solver.GetProblem(), in.models);
}

} // namespace

std::vector<AlgorithmInfo>
NomaSplitAlgorithms()
{
    std::vector<AlgorithmInfo> out;
    for (const auto& [name, a] : NomaSplitAlgorithmNames())
    {
        std::string description;
        switch (a)
        {
            case NomaSplitAlgorithm::LI_GD:
                description = "loop-iteration GD with warm starts (R4.3 of [4]) [default]";
                break;
            case NomaSplitAlgorithm::EXHAUSTIVE_GD:
                description = "GD on every configuration (reference; small instances)";
                break;
            case NomaSplitAlgorithm::OMA_LI_GD:
                description = "baseline: Li-GD with OMA (one user per orthogonal slot)";
                break;
            case NomaSplitAlgorithm::FULLY_LOCAL:
                description = "baseline: every layer on the device (l = L)";
                break;
            case NomaSplitAlgorithm::FULL_OFFLOAD:
                description = "baseline: l = 0, strong-weak pairing, GD";
                break;
            case NomaSplitAlgorithm::LATENCY_ONLY:
                description = "baseline: splits chosen for latency only (Neurosurgeon)";
                break;
            case NomaSplitAlgorithm::EQUAL_POWER:
                description = "baseline: p = p^max, equal P and f^e, Li-GD loops";
                break;
        }
        out.push_back({name, description});
    }
    return out;
}

std::string
NomaSplitSchema()
{
    return R"(noma-split input (units in the field names; null = field omitted; a "comment"
field is allowed in every object; users, layers and subchannels are 0-based; defaults of
R4.5 of [4] in brackets):
{
  "problem": "noma-split",               optional, must match --problem
  "subchannels": 2,                      N_s, per link [1] (at most 128)
  "maxUsersPerSubchannel": 2,            Q, users per subchannel and link [2]
  "subchannelBandwidthHz": 1e6,          B_s [1e6]
  "noisePowerW": 1e-13,                  sigma^2 on one subchannel [1e-13]
  "maxUplinkPowerW": 0.2, "minUplinkPowerW": 1e-6,      p_i bounds
  "apPowerW": 10, "minDownlinkPowerW": 1e-6,            P^AP, lower bound of P_i
  "edgeFrequencyHz": 20e9, "minEdgeFrequencyHz": 1e3,   F^e, lower bound of f_i^e
  "edgeFlopsPerCycle": 1,                n_e [1]
  "edgeEnergyCoefficient": 1e-30,        kappa_e, J s^2/cycle^3 [1e-30]
  "weights": {"latency": 1, "deviceEnergy": 1, "edgeEnergy": 1},
                                     w_T (per s), w_d, w_e (per J), each in [0, 1]
  "residualSicFactor": 0,                imperfect-SIC residual in [0, 1] [0]
  "enforceDownlinkPowerOrder": true,     weaker user gets at least the stronger's power
  "access": "noma",                      "noma", or "oma": Q orthogonal slots of B_s / Q
                                     per subchannel, one user each [noma]
  "device": {"flopsPerCycle": 1, "frequencyHz": 1e9, "energyCoefficient": 1e-28},
                                     default device (f_d, kappa_d) of every user
  "models": [                            the layer profiles
    {"name": "m", "layerFlops": [2e8, 4e8, 2e8],           c_1..c_L, FLOP
     "outputBits": [1e6, 5e5, 2e5, 1e4],                    o_0 (input)..o_L, bit
     "resultBits": 1e4},                                    o_res (default o_L)
    {"zoo": "alexnet", "name": "a", "resultBits": 8000}     zoo model (name: zoo name)
  ],
  "users": [{
    "model": "m",                        model name or index
    "device": {...},                     optional, overrides the default device fields
    "uplinkGain": 1e-10,                 h_i: one number (every subchannel) or N_s numbers
    "downlinkGain": [1e-10, 5e-11]       g_i: the same
  }],
  "solver": {"stepTolerance": 1e-9, "maxIterations": 500, "maxConfigurations": 2000000,
             "maxWork": 400000}  GD, exhaustive-GD and Li-GD work limits (all optional)
At most 256 users and 128 subchannels. Li-GD stops at maxWork (block objective evaluations
+ (10 + U/4) per configuration; "budgetExhausted": true in the output) and returns the best
decision found until then.
}
)";
}

Json
NomaSplitSolve(const JsonNode& root, const std::string& algorithm)
{
    return GuardedSolve("noma-split", [&]() { return DoSolveNomaSplit(root, algorithm); });
}

Json
NomaSplitDecisionToJson(const std::string& algorithm,
                        const NomaSplitDecision& d,
                        const NomaSplitProblem& p,
                        const std::vector<std::string>& models)
{
    std::vector<std::string> names = models;
    if (names.size() != p.users.size())
    {
        std::vector<std::size_t> modelOfUser;
        DistinctProfiles(p, modelOfUser);
        names.clear();
        for (std::size_t k : modelOfUser)
        {
            names.push_back("model" + std::to_string(k));
        }
    }
    const NomaSplitPrediction& e = d.prediction;
    Json out = SolverOutputHeader("noma-split", algorithm);
    Json decision = Json::object();
    decision["feasible"] = d.isFeasible;
    decision["reason"] = d.reason;
    decision["rounds"] = d.nRounds;
    decision["gdRuns"] = d.nGdRuns;
    decision["configurations"] = d.nConfigurations;
    decision["objectiveEvaluations"] = d.nObjectiveEvaluations;
    decision["budgetExhausted"] = d.isBudgetExhausted;
    Json history = Json::array();
    for (double j : d.objectiveHistory)
    {
        history.push_back(Num(j));
    }
    decision["objectiveHistory"] = std::move(history);
    Json users = Json::array();
    for (uint32_t i = 0; d.isFeasible && i < p.users.size(); ++i)
    {
        const bool isLocal = d.configuration.split[i] == p.users[i].profile.GetNLayers();
        Json j = Json::object();
        j["user"] = i;
        j["model"] = names[i];
        j["split"] = d.configuration.split[i];
        j["layers"] = p.users[i].profile.GetNLayers();
        j["uplinkSubchannel"] = SubchannelJson(d.configuration.uplinkSubchannel[i]);
        j["downlinkSubchannel"] = SubchannelJson(d.configuration.downlinkSubchannel[i]);
        j["uplinkPowerW"] = isLocal ? Json(nullptr) : Num(d.continuous.uplinkPowerW[i]);
        j["downlinkPowerW"] = isLocal ? Json(nullptr) : Num(d.continuous.downlinkPowerW[i]);
        j["edgeFrequencyHz"] = isLocal ? Json(nullptr) : Num(d.continuous.edgeFrequencyHz[i]);
        users.push_back(std::move(j));
    }
    decision["users"] = std::move(users);
    out["decision"] = std::move(decision);

    Json prediction = Json::object();
    if (d.isFeasible)
    {
        prediction["objective"] = Num(e.objective);
        prediction["sumLatencyS"] = Num(e.sumLatencyS);
        prediction["maxLatencyS"] = Num(e.maxLatencyS);
        prediction["sumDeviceEnergyJ"] = Num(e.sumDeviceEnergyJ);
        prediction["sumEdgeEnergyJ"] = Num(e.sumEdgeEnergyJ);
        prediction["downlinkSicFeasible"] = e.isDownlinkSicFeasible;
        Json perUser = Json::array();
        for (uint32_t i = 0; i < p.users.size(); ++i)
        {
            Json j = Json::object();
            j["user"] = i;
            j["localTimeS"] = Num(e.localTimeS[i]);
            j["uplinkTimeS"] = Num(e.uplinkTimeS[i]);
            j["edgeTimeS"] = Num(e.edgeTimeS[i]);
            j["downlinkTimeS"] = Num(e.downlinkTimeS[i]);
            j["latencyS"] = Num(e.latencyS[i]);
            j["uplinkRateBps"] = Num(e.uplinkRateBps[i]);
            j["downlinkRateBps"] = Num(e.downlinkRateBps[i]);
            j["deviceEnergyJ"] = Num(e.deviceEnergyJ[i]);
            j["edgeEnergyJ"] = Num(e.edgeEnergyJ[i]);
            j["objective"] = Num(e.userObjective[i]);
            perUser.push_back(std::move(j));
        }
        prediction["users"] = std::move(perUser);
    }
    out["prediction"] = std::move(prediction);
    return out;
}

Json
NomaSplitInstanceToJson(const NomaSplitProblem& p)
{
    Json out = Json::object();
    out["problem"] = "noma-split";
    out["subchannels"] = p.nSubchannels;
    out["maxUsersPerSubchannel"] = p.maxUsersPerSubchannel;
    out["subchannelBandwidthHz"] = p.subchannelBandwidthHz;
    out["noisePowerW"] = p.noisePowerW;
    out["maxUplinkPowerW"] = p.maxUplinkPowerW;
    out["minUplinkPowerW"] = p.minUplinkPowerW;
    out["apPowerW"] = p.apPowerW;
    out["minDownlinkPowerW"] = p.minDownlinkPowerW;
    out["edgeFrequencyHz"] = p.edgeFrequencyHz;
    out["minEdgeFrequencyHz"] = p.minEdgeFrequencyHz;
    out["edgeFlopsPerCycle"] = p.edgeFlopsPerCycle;
    out["edgeEnergyCoefficient"] = p.edgeEnergyCoefficient;
    Json w = Json::object();
    w["latency"] = p.weightLatency;
    w["deviceEnergy"] = p.weightDeviceEnergy;
    w["edgeEnergy"] = p.weightEdgeEnergy;
    out["weights"] = std::move(w);
    out["residualSicFactor"] = p.residualSicFactor;
    out["enforceDownlinkPowerOrder"] = p.enforceDownlinkPowerOrder;
    out["access"] = p.access == NomaSplitAccess::OMA ? "oma" : "noma";
    std::vector<std::size_t> modelOfUser;
    const std::vector<const NomaSplitProfile*> profiles = DistinctProfiles(p, modelOfUser);
    Json models = Json::array();
    for (std::size_t k = 0; k < profiles.size(); ++k)
    {
        Json m = Json::object();
        m["name"] = "model" + std::to_string(k);
        m["layerFlops"] = profiles[k]->layerFlops;
        m["outputBits"] = profiles[k]->outputBits;
        m["resultBits"] = profiles[k]->resultBits;
        models.push_back(std::move(m));
    }
    out["models"] = std::move(models);
    Json users = Json::array();
    for (std::size_t i = 0; i < p.users.size(); ++i)
    {
        const NomaSplitUser& u = p.users[i];
        Json j = Json::object();
        j["model"] = "model" + std::to_string(modelOfUser[i]);
        Json d = Json::object();
        d["flopsPerCycle"] = u.device.GetFlopsPerCycle();
        d["frequencyHz"] = u.device.GetFrequency();
        d["energyCoefficient"] = u.device.GetEnergyCoefficient();
        j["device"] = std::move(d);
        j["uplinkGain"] = u.uplinkGain;
        j["downlinkGain"] = u.downlinkGain;
        users.push_back(std::move(j));
    }
    out["users"] = std::move(users);
    return out;
}

NomaSplitDecision
NomaSplitDecisionFromJson(const JsonNode& root, const NomaSplitProblem& problem)
{
    root.CheckObject({"problem", "algorithm", "version", "decision", "prediction"});
    if (auto n = root.Find("problem"))
    {
        if (ReadString(*n) != "noma-split")
        {
            n->Fail("\"noma-split\"");
        }
    }
    const uint32_t nUsers = problem.users.size();
    NomaSplitDecision d;
    if (auto n = root.Find("algorithm"))
    {
        // an external solver may name its own algorithm: keep li-gd then
        const std::string name = ReadString(*n);
        for (const auto& [known, a] : NomaSplitAlgorithmNames())
        {
            if (known == name)
            {
                d.algorithm = a;
            }
        }
    }
    const JsonNode dec = root.Require("decision");
    dec.CheckObject({"feasible",
                     "reason",
                     "rounds",
                     "gdRuns",
                     "configurations",
                     "objectiveEvaluations",
                     "budgetExhausted",
                     "objectiveHistory",
                     "users"});
    const JsonNode feasible = dec.Require("feasible");
    if (!feasible.Get().is_boolean())
    {
        feasible.Fail("true or false");
    }
    d.isFeasible = feasible.Get().get<bool>();
    if (auto n = dec.Find("reason"))
    {
        d.reason = ReadString(*n, false);
    }
    if (auto n = dec.Find("rounds"))
    {
        d.nRounds =
            static_cast<uint32_t>(ReadUnsigned(*n, 0, std::numeric_limits<uint32_t>::max()));
    }
    if (auto n = dec.Find("gdRuns"))
    {
        d.nGdRuns = ReadUnsigned(*n, 0, std::numeric_limits<uint64_t>::max());
    }
    if (auto n = dec.Find("configurations"))
    {
        d.nConfigurations = ReadUnsigned(*n, 0, std::numeric_limits<uint64_t>::max());
    }
    if (auto n = dec.Find("objectiveEvaluations"))
    {
        d.nObjectiveEvaluations = ReadUnsigned(*n, 0, std::numeric_limits<uint64_t>::max());
    }
    if (auto n = dec.Find("budgetExhausted"))
    {
        if (!n->Get().is_boolean())
        {
            n->Fail("true or false");
        }
        d.isBudgetExhausted = n->Get().get<bool>();
    }
    if (auto n = dec.Find("objectiveHistory"))
    {
        for (const JsonNode& v : n->Elements())
        {
            d.objectiveHistory.push_back(v.Get().is_null()
                                             ? std::numeric_limits<double>::quiet_NaN()
                                             : ReadNumber(v, NumberRange{-INF, false, INF, true}));
        }
    }
    NomaSplitConfiguration& c = d.configuration;
    NomaSplitContinuous& z = d.continuous;
    c.split.resize(nUsers);
    c.uplinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    c.downlinkSubchannel.assign(nUsers, NOMA_SPLIT_NO_SUBCHANNEL);
    z.uplinkPowerW.assign(nUsers, 0.0);
    z.downlinkPowerW.assign(nUsers, 0.0);
    z.edgeFrequencyHz.assign(nUsers, 0.0);
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        c.split[i] = problem.users[i].profile.GetNLayers();
    }
    if (!d.isFeasible)
    {
        // "serve nobody": every user runs fully locally (the solver's infeasible decision)
        if (auto n = dec.Find("users"))
        {
            if (!n->Elements().empty())
            {
                n->Fail("an empty array (the decision is infeasible: every user runs locally)");
            }
        }
        return d;
    }
    const JsonNode usersNode = dec.Require("users");
    const std::vector<JsonNode> users = usersNode.Elements();
    if (users.size() != nUsers)
    {
        usersNode.Fail("an array of " + std::to_string(nUsers) +
                       " users (one per user of the instance)");
    }
    for (uint32_t i = 0; i < nUsers; ++i)
    {
        const JsonNode& u = users[i];
        u.CheckObject({"user",
                       "model",
                       "split",
                       "layers",
                       "uplinkSubchannel",
                       "downlinkSubchannel",
                       "uplinkPowerW",
                       "downlinkPowerW",
                       "edgeFrequencyHz"});
        if (auto n = u.Find("user"))
        {
            ReadUnsigned(*n, i, i);
        }
        c.split[i] = static_cast<uint32_t>(
            ReadUnsigned(u.Require("split"), 0, std::numeric_limits<uint32_t>::max()));
        if (auto n = u.Find("uplinkSubchannel"))
        {
            c.uplinkSubchannel[i] =
                static_cast<int32_t>(ReadUnsigned(*n, 0, std::numeric_limits<int32_t>::max()));
        }
        if (auto n = u.Find("downlinkSubchannel"))
        {
            c.downlinkSubchannel[i] =
                static_cast<int32_t>(ReadUnsigned(*n, 0, std::numeric_limits<int32_t>::max()));
        }
        if (auto n = u.Find("uplinkPowerW"))
        {
            z.uplinkPowerW[i] = ReadNumber(*n, AnyFinite());
        }
        if (auto n = u.Find("downlinkPowerW"))
        {
            z.downlinkPowerW[i] = ReadNumber(*n, AnyFinite());
        }
        if (auto n = u.Find("edgeFrequencyHz"))
        {
            z.edgeFrequencyHz[i] = ReadNumber(*n, AnyFinite());
        }
    }
    return d;
}

} // namespace json
} // namespace edgeinference
} // namespace ns3
