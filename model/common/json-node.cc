/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "json-node.h"

#include "ns3/dnn-model-zoo.h"
#include "ns3/radio-rate.h"

#include <boost/math/policies/error_handling.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>

#ifndef EDGE_INFERENCE_VERSION
/// Module version reported in the output (set by the build from the VERSION file).
#    define EDGE_INFERENCE_VERSION "unknown"
#endif

namespace ns3
{
namespace edgeinference
{
namespace json
{

std::string
Normalise(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text)
    {
        if (c == '_' || c == ' ')
        {
            out.push_back('-');
        }
        else
        {
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    return out;
}

Json
Num(double value)
{
    if (std::isnan(value))
    {
        return nullptr;
    }
    if (std::isinf(value))
    {
        return value > 0 ? "inf" : "-inf";
    }
    return value;
}

std::string
FormatNumber(double value)
{
    std::ostringstream oss;
    oss << std::setprecision(15) << value;
    return oss.str();
}

std::string
Join(const std::vector<std::string>& items, bool quote)
{
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
    {
        out += (i == 0 ? "" : ", ");
        out += quote ? "\"" + items[i] + "\"" : items[i];
    }
    return out;
}

std::string
Abbreviate(const Json& value)
{
    std::string text = value.dump();
    if (text.size() > 60)
    {
        text = text.substr(0, 57) + "...";
    }
    return text;
}

NumberRange
NonNegative()
{
    return {0.0, false, INF, false};
}

NumberRange
NonNegativeOrInf()
{
    return {0.0, false, INF, true};
}

NumberRange
Positive()
{
    return {0.0, true, INF, false};
}

NumberRange
AnyFinite()
{
    return {};
}

NumberRange
UnitInterval()
{
    return {0.0, false, 1.0, false};
}

std::string
Describe(const NumberRange& range)
{
    std::string text = "a number";
    const bool hasMin = std::isfinite(range.min);
    const bool hasMax = std::isfinite(range.max);
    if (hasMin && hasMax)
    {
        text += std::string(" in ") + (range.isMinStrict ? "(" : "[") + FormatNumber(range.min) +
                ", " + FormatNumber(range.max) + "]";
    }
    else if (hasMin)
    {
        text += (range.isMinStrict ? " > " : " >= ") + FormatNumber(range.min);
    }
    else if (hasMax)
    {
        text += " <= " + FormatNumber(range.max);
    }
    else
    {
        text = "a finite number";
    }
    if (range.allowInfinity)
    {
        text += " or \"inf\"";
    }
    return text;
}

double
ReadNumber(const JsonNode& node, const NumberRange& range)
{
    const Json& v = node.Get();
    double x = 0;
    if (v.is_number())
    {
        x = v.get<double>();
    }
    else if (v.is_string() && range.allowInfinity)
    {
        const std::string word = Normalise(v.get<std::string>());
        if (word != "inf" && word != "+inf" && word != "infinity" && word != "+infinity")
        {
            node.Fail(Describe(range));
        }
        return INF;
    }
    else
    {
        node.Fail(Describe(range));
    }
    if (std::isnan(x) || (std::isinf(x) && !(range.allowInfinity && x > 0)))
    {
        node.Fail(Describe(range));
    }
    if (x != 0.0 && std::fabs(x) < std::numeric_limits<double>::min())
    {
        // no quantity of the module is that small, and Boost's special functions reject
        // subnormal arguments ("denormalized"): ask for 0 instead
        node.FailMessage("subnormal number " + Abbreviate(v) + " (0 < |x| < " +
                         FormatNumber(std::numeric_limits<double>::min()) +
                         " is not accepted; write 0)");
    }
    const bool isBelow = range.isMinStrict ? !(x > range.min) : !(x >= range.min);
    if (isBelow || x > range.max)
    {
        node.Fail(Describe(range));
    }
    return x;
}

uint64_t
ReadUnsigned(const JsonNode& node, uint64_t min, uint64_t max)
{
    const std::string expectation =
        max == std::numeric_limits<uint64_t>::max()
            ? "an integer >= " + std::to_string(min)
            : "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
    const Json& v = node.Get();
    uint64_t u = 0;
    if (v.is_number_unsigned())
    {
        u = v.get<uint64_t>();
    }
    else if (v.is_number_integer())
    {
        const int64_t i = v.get<int64_t>();
        if (i < 0)
        {
            node.Fail(expectation);
        }
        u = static_cast<uint64_t>(i);
    }
    else if (v.is_number_float())
    {
        const double d = v.get<double>();
        if (!(d >= 0.0) || d != std::floor(d) || !(d < 18446744073709551616.0))
        {
            node.Fail(expectation);
        }
        u = static_cast<uint64_t>(d);
    }
    else
    {
        node.Fail(expectation);
    }
    if (u < min || u > max)
    {
        node.Fail(expectation);
    }
    return u;
}

std::string
ReadString(const JsonNode& node, bool isNonEmpty)
{
    if (!node.Get().is_string() || (isNonEmpty && node.Get().get<std::string>().empty()))
    {
        node.Fail(isNonEmpty ? "a non-empty string" : "a string");
    }
    return node.Get().get<std::string>();
}

std::vector<double>
ReadNumbers(const JsonNode& node, const NumberRange& range, bool isNonEmpty)
{
    std::vector<double> out;
    for (const JsonNode& e : node.Elements(isNonEmpty))
    {
        out.push_back(ReadNumber(e, range));
    }
    return out;
}

size_t
RequireOneOf(const JsonNode& node, const std::vector<std::string>& keys)
{
    std::vector<std::string> present;
    size_t index = 0;
    for (size_t i = 0; i < keys.size(); ++i)
    {
        if (node.Has(keys[i]))
        {
            present.push_back(keys[i]);
            index = i;
        }
    }
    if (present.size() != 1)
    {
        node.FailMessage("expected exactly one of " + Join(keys, true) + ", got " +
                         (present.empty() ? std::string("none") : Join(present, true)));
    }
    return index;
}

[[noreturn]] void
ThrowAt(const JsonNode& node, const std::string& message)
{
    if (node.PathOf("").empty())
    {
        throw JsonInputError(message);
    }
    node.FailMessage(message);
}

Json
GuardedSolve(const std::string& problem, const std::function<Json()>& solve)
{
    auto fail = [&problem](const char* kind, const std::exception& e) -> JsonInputError
    {
        return JsonInputError(problem + ": the solver cannot handle this input (" + kind + ": " +
                              e.what() + ")");
    };
    try
    {
        return solve();
    }
    catch (const JsonInputError&)
    {
        throw;
    }
    catch (const std::invalid_argument& e)
    {
        throw fail("invalid argument", e);
    }
    catch (const std::domain_error& e)
    {
        throw fail("domain error", e);
    }
    catch (const std::range_error& e)
    {
        throw fail("range error", e);
    }
    catch (const std::overflow_error& e)
    {
        throw fail("overflow", e);
    }
    catch (const std::underflow_error& e)
    {
        throw fail("underflow", e);
    }
    catch (const boost::math::evaluation_error& e)
    {
        throw fail("evaluation error", e);
    }
    catch (const boost::math::rounding_error& e)
    {
        throw fail("rounding error", e);
    }
}

namespace
{

/// One open object or array while parsing: only what is needed to name a path on error.
struct ParseFrame
{
    bool isArray{false};        ///< Array (true) or object
    size_t nextIndex{0};        ///< Index of the next element (arrays)
    std::string key;            ///< Last key seen (objects)
    std::set<std::string> keys; ///< Keys seen so far (objects), for the duplicate check
};

/**
 * @param [in] frames the open containers, outermost first
 * @return the JSON path of the value being parsed in the innermost container (its last key
 *         or its next index); empty at the top level
 */
std::string
FramesPath(const std::vector<ParseFrame>& frames)
{
    std::string path;
    for (size_t i = 0; i < frames.size(); ++i)
    {
        const ParseFrame& f = frames[i];
        if (f.isArray)
        {
            // an enclosing array counted its open element when it started
            const bool isOpen = i + 1 < frames.size();
            path += "[" + std::to_string(isOpen ? f.nextIndex - 1 : f.nextIndex) + "]";
        }
        else
        {
            path += (path.empty() ? "" : ".") + f.key;
        }
    }
    return path;
}

/**
 * @param [in] path a JSON path, maybe empty
 * @return "<path>: " or "" for the document itself
 */
std::string
PathPrefix(const std::string& path)
{
    return path.empty() ? std::string() : path + ": ";
}

} // namespace

Json
ParseDocument(const std::string& text, const ParseLimits& limits)
{
    if (text.size() > limits.maxBytes)
    {
        throw JsonInputError("input too large: more than " + std::to_string(limits.maxBytes) +
                             " bytes");
    }
    std::vector<ParseFrame> frames;
    auto startChild = [&frames]()
    {
        if (!frames.empty() && frames.back().isArray)
        {
            ++frames.back().nextIndex;
        }
    };
    Json::parser_callback_t callback = [&](int depth, Json::parse_event_t event, Json& parsed)
    {
        switch (event)
        {
            case Json::parse_event_t::object_start:
            case Json::parse_event_t::array_start:
            {
                // depth = number of enclosing containers; this one is at level depth + 1
                if (static_cast<size_t>(depth) + 1 > limits.maxDepth)
                {
                    throw JsonInputError(PathPrefix(FramesPath(frames)) + "nesting deeper than " +
                                         std::to_string(limits.maxDepth) + " levels");
                }
                startChild();
                ParseFrame f;
                f.isArray = event == Json::parse_event_t::array_start;
                frames.push_back(std::move(f));
                break;
            }
            case Json::parse_event_t::object_end:
            case Json::parse_event_t::array_end:
                frames.pop_back();
                break;
            case Json::parse_event_t::key:
            {
                ParseFrame& top = frames.back();
                top.key = parsed.get<std::string>();
                if (!top.keys.insert(top.key).second)
                {
                    throw JsonInputError(FramesPath(frames) + ": duplicate field");
                }
                if (top.keys.size() > limits.maxFields)
                {
                    throw JsonInputError(FramesPath(frames) + ": more than " +
                                         std::to_string(limits.maxFields) +
                                         " fields in one object");
                }
                break;
            }
            case Json::parse_event_t::value:
                // only scalars (containers were counted at their start)
                startChild();
                break;
        }
        return true;
    };
    try
    {
        return Json::parse(text, callback);
    }
    catch (const Json::parse_error& e)
    {
        std::string message = e.what();
        const size_t pos = message.find("] ");
        if (pos != std::string::npos)
        {
            message = message.substr(pos + 2);
        }
        throw JsonInputError("invalid JSON: " + message);
    }
    catch (const Json::out_of_range& e)
    {
        // 406: a number beyond the double range (e.g. 1e309), thrown before the value event
        std::string message = e.what();
        const size_t pos = message.find("] ");
        if (pos != std::string::npos)
        {
            message = message.substr(pos + 2);
        }
        throw JsonInputError(PathPrefix(FramesPath(frames)) + message +
                             " (numbers must be finite doubles, |x| <= 1.79769e308)");
    }
}

DnnModel
ReadZooModel(const JsonNode& node)
{
    try
    {
        return DnnModelZoo::Get(ReadString(node));
    }
    catch (const std::invalid_argument&)
    {
        node.Fail("a model of the zoo (" + Join(DnnModelZoo::GetNames(), true) + ")");
    }
}

DeviceSpec
ReadDevice(const std::optional<JsonNode>& node, DeviceSpec base)
{
    if (!node)
    {
        return base;
    }
    node->CheckObject({"flopsPerCycle", "minFrequencyHz", "maxFrequencyHz", "energyCoefficient"});
    if (auto n = node->Find("flopsPerCycle"))
    {
        base.flopsPerCycle = ReadNumber(*n, Positive());
    }
    if (auto n = node->Find("minFrequencyHz"))
    {
        base.minFrequencyHz = ReadNumber(*n, Positive());
    }
    if (auto n = node->Find("maxFrequencyHz"))
    {
        base.maxFrequencyHz = ReadNumber(*n, Positive());
    }
    if (auto n = node->Find("energyCoefficient"))
    {
        base.energyCoefficient = ReadNumber(*n, NonNegative());
    }
    if (base.maxFrequencyHz < base.minFrequencyHz)
    {
        const JsonNode where = node->Find("maxFrequencyHz") ? *node->Find("maxFrequencyHz")
                                                            : *node->Find("minFrequencyHz");
        where.FailMessage("maxFrequencyHz " + FormatNumber(base.maxFrequencyHz) +
                          " is below minFrequencyHz " + FormatNumber(base.minFrequencyHz));
    }
    return base;
}

double
ReadSnrBandwidth(const JsonNode& node, double noisePsdWPerHz)
{
    const bool hasPower = node.Has("txPowerW");
    const bool hasGain = node.Has("channelGain");
    if (node.Has("snrBandwidthHz"))
    {
        if (hasPower || hasGain)
        {
            node.FailMessage("give either \"snrBandwidthHz\" or \"txPowerW\" with "
                             "\"channelGain\", not both");
        }
        return ReadNumber(node.Require("snrBandwidthHz"), NonNegative());
    }
    if (!hasPower || !hasGain)
    {
        node.FailMessage("missing the uplink channel: give \"snrBandwidthHz\" or both "
                         "\"txPowerW\" and \"channelGain\"");
    }
    const double p = ReadNumber(node.Require("txPowerW"), NonNegative());
    const double g = ReadNumber(node.Require("channelGain"), NonNegative());
    return SnrBandwidthHz(p, g, noisePsdWPerHz);
}

double
ReadNoise(const JsonNode& root)
{
    if (auto n = root.Find("noisePsdWPerHz"))
    {
        return ReadNumber(*n, Positive());
    }
    return THERMAL_NOISE_PSD_W_PER_HZ;
}

std::string
ModuleVersion()
{
    return EDGE_INFERENCE_VERSION;
}

SymbolShareSpec
ReadSymbolShare(const JsonNode& node)
{
    node.CheckObject({"slots", "patternSeconds", "bandwidthHz", "efficiency"});
    SymbolShareSpec spec;
    for (const JsonNode& c : node.Require("slots").Elements(true))
    {
        c.CheckObject({"perPattern", "dataSymbols"});
        SymbolSlotClass slot;
        slot.perPattern = ReadNumber(c.Require("perPattern"), NonNegative());
        slot.dataSymbols =
            ReadNumber(c.Require("dataSymbols"), NumberRange{0.0, false, 1e4, false});
        spec.maxSymbols = std::max(spec.maxSymbols, std::ceil(slot.dataSymbols - 1e-9));
        spec.slots.push_back(slot);
    }
    spec.patternSeconds = ReadNumber(node.Require("patternSeconds"), Positive());
    spec.bandwidthHz = ReadNumber(node.Require("bandwidthHz"), Positive());
    if (auto n = node.Find("efficiency"))
    {
        spec.efficiency = ReadNumber(*n, NumberRange{0.0, true, 1.0, false});
    }
    return spec;
}

std::vector<double>
ReadBytesBySymbols(const JsonNode& node, const SymbolShareSpec& spec)
{
    const auto needed = static_cast<size_t>(spec.maxSymbols) + 1;
    const std::vector<JsonNode> elements = node.Elements();
    if (elements.size() < needed)
    {
        node.Fail("an array of at least " + std::to_string(needed) + " byte counts (symbols 0.." +
                  std::to_string(needed - 1) + ": the largest slot class of \"symbolShare\" has " +
                  FormatNumber(spec.maxSymbols) + " data symbols)");
    }
    std::vector<double> out;
    for (size_t j = 0; j < elements.size(); ++j)
    {
        const double b = ReadNumber(elements[j], NonNegative());
        if (j == 0 && b != 0)
        {
            elements[j].Fail("0 (no bytes with no symbol)");
        }
        if (j > 0 && b < out.back())
        {
            elements[j].Fail("a number >= entry [" + std::to_string(j - 1) +
                             "] = " + FormatNumber(out.back()) + " (the table is non-decreasing)");
        }
        out.push_back(b);
    }
    return out;
}

std::shared_ptr<const SymbolShareRateModel>
MakeSymbolShareRateModel(const JsonNode& at,
                         const SymbolShareSpec& spec,
                         std::vector<std::vector<double>> tables)
{
    return Checked(at,
                   [&]()
                   {
                       return std::make_shared<const SymbolShareRateModel>(std::move(tables),
                                                                           spec.slots,
                                                                           spec.patternSeconds,
                                                                           spec.bandwidthHz,
                                                                           spec.efficiency);
                   });
}

Json
SymbolShareToJson(const SymbolShareRateModel& model)
{
    Json out = Json::object();
    Json slots = Json::array();
    for (const SymbolSlotClass& c : model.GetSlots())
    {
        Json j = Json::object();
        j["perPattern"] = Num(c.perPattern);
        j["dataSymbols"] = Num(c.dataSymbols);
        slots.push_back(std::move(j));
    }
    out["slots"] = std::move(slots);
    out["patternSeconds"] = Num(model.GetPatternSeconds());
    out["bandwidthHz"] = Num(model.GetBandwidthHz());
    out["efficiency"] = Num(model.GetEfficiency());
    return out;
}

Json
BytesBySymbolsToJson(const SymbolShareRateModel& model, uint32_t user)
{
    Json out = Json::array();
    for (double b : model.GetBytesBySymbols().at(user))
    {
        out.push_back(Num(b));
    }
    return out;
}

Json
SolverOutputHeader(const std::string& problem, const std::string& algorithm)
{
    Json out = Json::object();
    out["problem"] = problem;
    out["algorithm"] = algorithm;
    out["version"] = ModuleVersion();
    return out;
}

} // namespace json
} // namespace edgeinference
} // namespace ns3
