/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Command-line solver for the module's allocation problems: JSON in, JSON out.
 *
 *     edge-inference-solve --problem=slide|partial-loading|batching-early-exit|dto-ee|noma-split
 *                          [--algorithm=NAME] [--input=FILE|-] [--output=FILE|-]
 *     edge-inference-solve --help
 *     edge-inference-solve --schema [--problem=NAME]
 *
 * The input is a JSON object describing one instance (schemas: --schema, doc/solver.rst);
 * the output is a pretty-printed JSON object with the decision and its prediction, keys in
 * a fixed order. Exit status: 0 on success (an instance in which nobody can be served is a
 * valid answer), 2 for a bad command line or bad input (the message names the JSON path and
 * the value; nothing is written to the output), 1 if the output cannot be written.
 *
 * The program does not run a simulation: it calls the pure C++ allocators
 * SlideAllocator, PartialLoadingScheduler, BatchingEarlyExitSolver, and for DTO-EE
 * DtoEeCentralSolver (centralised and baselines) and DtoEeDistributed (message-passing
 * agents, run for a number of rounds without a network), and NomaSplitSolver (Li-GD,
 * exhaustive GD and the baselines of NOMA split inference).
 */

#include "ns3/batch-latency-model.h"
#include "ns3/batching-early-exit-allocator.h"
#include "ns3/device-compute-model.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/dnn-model.h"
#include "ns3/dto-ee-agent.h"
#include "ns3/dto-ee.h"
#include "ns3/noma-split-inference.h"
#include "ns3/partial-loading-scheduler.h"
#include "ns3/radio-rate.h"
#include "ns3/slide-allocator.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#ifndef EDGE_INFERENCE_VERSION
/// Module version reported in the output (set by the build from the VERSION file).
#    define EDGE_INFERENCE_VERSION "unknown"
#endif

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// JSON document type: objects keep the insertion order, so the output order is fixed.
using Json = nlohmann::ordered_json;

/// Program name used in messages.
constexpr const char* PROGRAM = "edge-inference-solve";

/// Exit status of a successful run (also when nobody can be served).
constexpr int EXIT_OK = 0;

/// Exit status when the output cannot be written or an unexpected error occurs.
constexpr int EXIT_ERROR = 1;

/// Exit status of a bad command line or a bad input.
constexpr int EXIT_BAD_INPUT = 2;

/// Positive infinity.
constexpr double INF = std::numeric_limits<double>::infinity();

/**
 * @brief Bad input or command line: the message names the JSON path and the value.
 */
class InputError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/// The problems.
enum class Problem
{
    SLIDE,               ///< SlideAllocator
    PARTIAL_LOADING,     ///< PartialLoadingScheduler
    BATCHING_EARLY_EXIT, ///< BatchingEarlyExitSolver
    DTO_EE,              ///< DtoEeCentralSolver, DtoEeDistributed
    NOMA_SPLIT,          ///< NomaSplitSolver
};

/// Every problem, in the order of --help and --schema.
const std::vector<Problem> ALL_PROBLEMS{Problem::SLIDE,
                                        Problem::PARTIAL_LOADING,
                                        Problem::BATCHING_EARLY_EXIT,
                                        Problem::DTO_EE,
                                        Problem::NOMA_SPLIT};

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/**
 * @brief Canonical form of a user-given name: lower case, '_' and ' ' become '-'.
 * @param [in] text the name
 * @return the canonical form
 */
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

/**
 * @param [in] p a problem
 * @return its command-line name
 */
std::string
ProblemName(Problem p)
{
    switch (p)
    {
        case Problem::SLIDE:
            return "slide";
        case Problem::PARTIAL_LOADING:
            return "partial-loading";
        case Problem::BATCHING_EARLY_EXIT:
            return "batching-early-exit";
        case Problem::DTO_EE:
            return "dto-ee";
        case Problem::NOMA_SPLIT:
            return "noma-split";
    }
    return "?";
}

/**
 * @param [in] name a problem name (any case, '-' or '_')
 * @return the problem, or nothing if the name is unknown
 */
std::optional<Problem>
ParseProblem(const std::string& name)
{
    for (Problem p : ALL_PROBLEMS)
    {
        if (Normalise(name) == ProblemName(p))
        {
            return p;
        }
    }
    return std::nullopt;
}

/// An algorithm as offered on the command line.
struct AlgorithmInfo
{
    std::string name;        ///< Command-line name, e.g. "slide-optimal"
    std::string description; ///< One line for --help
};

/**
 * @param [in] problem a problem
 * @return its algorithms, the default first
 */
std::vector<AlgorithmInfo>
Algorithms(Problem problem)
{
    switch (problem)
    {
        case Problem::SLIDE:
            return {
                {"slide-optimal", "optimal SLIDE allocation (spec 1.4) [default]"},
                {"dai-optimal", "baseline (i): same algorithm, download-then-infer"},
                {"equal-bandwidth", "baseline (ii): B/K per user"},
                {"random-model", "baseline (iii): random feasible model (seed)"},
                {"max-frequency", "baseline (iv): f = fMax, no energy check (upper bound)"},
            };
        case Problem::PARTIAL_LOADING:
            return {
                {"partial-loading",
                 "backbone DP if applicable, else group greedy; step 2 [default]"},
                {"backbone-dp", "backbone-sharing DP (common deadline only); step 2"},
                {"group-greedy", "group-ratio greedy (spec 2.6); step 2"},
                {"per-request-greedy", "myopic per-request greedy; step 2"},
                {"no-sharing", "baseline (i): full model reload on every change"},
                {"fcfs", "baseline (ii): request order, sharing"},
                {"edf", "baseline (iii): earliest deadline first, sharing"},
                {"dp-equal-bandwidth", "baseline (iv): proposed schedule, B/K per user"},
                {"infinite-bandwidth", "baseline (v): step 1 only, uploads take no time"},
            };
        case Problem::BATCHING_EARLY_EXIT:
            return {
                {"optimal", "optimal-u with a common deadline, else optimal-h [default]"},
                {"optimal-u", "enumeration of exit-count vectors (common deadline only)"},
                {"optimal-h", "branch and bound (any deadlines)"},
                {"greedy", "add the user giving the smallest bandwidth sum"},
            };
        case Problem::DTO_EE:
            return {
                {"centralised", "routing + threshold search on the global objective [default]"},
                {"distributed", "DTO-EE message-passing agents for the given rounds"},
                {"fixed-threshold", "optimal offloading, thresholds at baselineThreshold"},
                {"no-early-exit", "optimal offloading, theta = 1 (no task exits early)"},
                {"uniform-offloading", "uniform split over successors, baselineThreshold"},
                {"random-offloading", "random split (solver.seed), baselineThreshold"},
                {"join-least-loaded", "fluid join-least-utilised, baselineThreshold"},
            };
        case Problem::NOMA_SPLIT:
            return {
                {"li-gd", "loop-iteration GD with warm starts (spec 4.3) [default]"},
                {"exhaustive-gd", "GD on every configuration (reference; small instances)"},
                {"oma-li-gd", "baseline: Li-GD with OMA (one user per orthogonal slot)"},
                {"fully-local", "baseline: every layer on the device (l = L)"},
                {"full-offload", "baseline: l = 0, strong-weak pairing, GD"},
                {"latency-only", "baseline: splits chosen for latency only (Neurosurgeon)"},
                {"equal-power", "baseline: p = p^max, equal P and f^e, Li-GD loops"},
            };
    }
    return {};
}

/**
 * @param [in] value a number of the output
 * @return the number; +infinity as "inf", -infinity as "-inf", NaN as null
 */
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

/**
 * @param [in] value a number
 * @return a short decimal text of it (15 significant digits)
 */
std::string
FormatNumber(double value)
{
    std::ostringstream oss;
    oss << std::setprecision(15) << value;
    return oss.str();
}

/**
 * @param [in] items words
 * @param [in] quote put each word in double quotes
 * @return the words separated by ", "
 */
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

// ---------------------------------------------------------------------------------------------
// Checked access to the input document
// ---------------------------------------------------------------------------------------------

/**
 * @param [in] value a JSON value
 * @return its JSON text, cut to 60 characters
 */
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

/**
 * @brief A value of the input document with its JSON path, e.g. "users[2].deadlineS".
 */
class Node
{
  public:
    /**
     * @param [in] value the value (must outlive the node)
     * @param [in] path its path; empty for the document itself
     */
    Node(const Json& value, std::string path)
        : m_value(&value)
        , m_path(std::move(path))
    {
    }

    /// @return the value
    const Json& Get() const { return *m_value; }

    /// @return the path, or "(top level)" for the document
    std::string Where() const { return m_path.empty() ? "(top level)" : m_path; }

    /**
     * @param [in] key a field name
     * @return the path of that field of this object
     */
    std::string PathOf(const std::string& key) const
    {
        return m_path.empty() ? key : m_path + "." + key;
    }

    /**
     * @brief Throw "<path>: expected <expectation>, got <value>".
     * @param [in] expectation what a valid value looks like
     */
    [[noreturn]] void Fail(const std::string& expectation) const
    {
        throw InputError(Where() + ": expected " + expectation + ", got " + Abbreviate(*m_value));
    }

    /**
     * @brief Throw "<path>: <message>".
     * @param [in] message the problem
     */
    [[noreturn]] void FailMessage(const std::string& message) const
    {
        throw InputError(Where() + ": " + message);
    }

    /**
     * @brief Require an object whose fields are all in @p keys ("comment" is always allowed).
     * @param [in] keys the valid field names
     */
    void CheckObject(std::initializer_list<const char*> keys) const
    {
        if (!m_value->is_object())
        {
            Fail("an object");
        }
        for (auto it = m_value->begin(); it != m_value->end(); ++it)
        {
            if (it.key() == "comment")
            {
                continue;
            }
            bool isKnown = false;
            std::vector<std::string> names;
            for (const char* k : keys)
            {
                isKnown = isKnown || it.key() == k;
                names.emplace_back(k);
            }
            if (!isKnown)
            {
                throw InputError(PathOf(it.key()) +
                                 ": unknown field (valid fields: " + Join(names, false) + ")");
            }
        }
    }

    /**
     * @param [in] key a field name
     * @return true if the field is present and not null
     */
    bool Has(const std::string& key) const
    {
        auto it = m_value->find(key);
        return it != m_value->end() && !it->is_null();
    }

    /**
     * @param [in] key a field name
     * @return the field, or nothing if it is absent or null
     */
    std::optional<Node> Find(const std::string& key) const
    {
        auto it = m_value->find(key);
        if (it == m_value->end() || it->is_null())
        {
            return std::nullopt;
        }
        return Node(*it, PathOf(key));
    }

    /**
     * @param [in] key a field name
     * @return the field; throws if it is absent or null
     */
    Node Require(const std::string& key) const
    {
        auto found = Find(key);
        if (!found)
        {
            FailMessage("missing required field \"" + key + "\"");
        }
        return *found;
    }

    /**
     * @brief Require an array.
     * @param [in] isNonEmpty also require at least one element
     * @return its elements
     */
    std::vector<Node> Elements(bool isNonEmpty = false) const
    {
        if (!m_value->is_array() || (isNonEmpty && m_value->empty()))
        {
            Fail(isNonEmpty ? "a non-empty array" : "an array");
        }
        std::vector<Node> out;
        for (size_t i = 0; i < m_value->size(); ++i)
        {
            out.emplace_back((*m_value)[i], m_path + "[" + std::to_string(i) + "]");
        }
        return out;
    }

  private:
    const Json* m_value; ///< The value
    std::string m_path;  ///< Its JSON path
};

/// Allowed values of a number of the input.
struct NumberRange
{
    double min{-INF};          ///< Lower bound (-infinity = none)
    bool isMinStrict{false};   ///< The lower bound is excluded
    double max{INF};           ///< Upper bound (+infinity = none)
    bool allowInfinity{false}; ///< The string "inf" (+infinity) is accepted
};

/// @return finite numbers >= 0
NumberRange
NonNegative()
{
    return {0.0, false, INF, false};
}

/// @return finite numbers >= 0, or "inf"
NumberRange
NonNegativeOrInf()
{
    return {0.0, false, INF, true};
}

/// @return finite numbers > 0
NumberRange
Positive()
{
    return {0.0, true, INF, false};
}

/// @return any finite number
NumberRange
AnyFinite()
{
    return {};
}

/// @return numbers in [0, 1]
NumberRange
UnitInterval()
{
    return {0.0, false, 1.0, false};
}

/**
 * @param [in] range a range
 * @return e.g. "a number >= 0 or \"inf\""
 */
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

/**
 * @brief Read a number.
 * @param [in] node the value
 * @param [in] range allowed values
 * @return the number (+infinity for "inf" where allowed)
 */
double
ReadNumber(const Node& node, const NumberRange& range)
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
    const bool isBelow = range.isMinStrict ? !(x > range.min) : !(x >= range.min);
    if (isBelow || x > range.max)
    {
        node.Fail(Describe(range));
    }
    return x;
}

/**
 * @brief Read a non-negative integer (integral floating-point values such as 9e7 are
 * accepted).
 * @param [in] node the value
 * @param [in] min smallest allowed value
 * @param [in] max largest allowed value
 * @return the integer
 */
uint64_t
ReadUnsigned(const Node& node,
             uint64_t min = 0,
             uint64_t max = std::numeric_limits<uint64_t>::max())
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

/**
 * @param [in] node the value
 * @param [in] isNonEmpty reject ""
 * @return the string
 */
std::string
ReadString(const Node& node, bool isNonEmpty = true)
{
    if (!node.Get().is_string() || (isNonEmpty && node.Get().get<std::string>().empty()))
    {
        node.Fail(isNonEmpty ? "a non-empty string" : "a string");
    }
    return node.Get().get<std::string>();
}

/**
 * @brief Read one of a set of names (any case; '-' and '_' are the same).
 * @param [in] node the value
 * @param [in] choices (canonical name, value) pairs
 * @return the value of the matching name
 */
template<typename T>
T
ReadChoice(const Node& node, const std::vector<std::pair<std::string, T>>& choices)
{
    std::vector<std::string> names;
    for (const auto& c : choices)
    {
        names.push_back(c.first);
    }
    if (node.Get().is_string())
    {
        const std::string word = Normalise(node.Get().get<std::string>());
        for (const auto& c : choices)
        {
            if (word == c.first)
            {
                return c.second;
            }
        }
    }
    node.Fail("one of " + Join(names, true));
}

/**
 * @param [in] node the value
 * @param [in] range allowed values
 * @param [in] isNonEmpty require at least one element
 * @return an array of numbers
 */
std::vector<double>
ReadNumbers(const Node& node, const NumberRange& range, bool isNonEmpty)
{
    std::vector<double> out;
    for (const Node& e : node.Elements(isNonEmpty))
    {
        out.push_back(ReadNumber(e, range));
    }
    return out;
}

/**
 * @brief Require exactly one of a set of fields (or one group of fields that go together).
 * @param [in] node the object
 * @param [in] keys the alternatives
 * @return the index of the present alternative
 */
size_t
RequireOneOf(const Node& node, const std::vector<std::string>& keys)
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

/**
 * @brief Throw a library message as an InputError, prefixed with the path of @p node
 * unless it is the whole document (library messages name their own fields).
 * @param [in] node where the arguments come from
 * @param [in] message the library's message
 */
[[noreturn]] void
ThrowAt(const Node& node, const std::string& message)
{
    if (node.PathOf("").empty())
    {
        throw InputError(message);
    }
    node.FailMessage(message);
}

/**
 * @brief Run @p f, turning its std::invalid_argument into an InputError at @p node.
 * @param [in] node where the arguments come from
 * @param [in] f the call
 * @return what f returns
 */
template<typename F>
auto
Checked(const Node& node, F f) -> decltype(f())
{
    try
    {
        return f();
    }
    catch (const std::invalid_argument& e)
    {
        ThrowAt(node, e.what());
    }
    catch (const ModelFormatError& e)
    {
        ThrowAt(node, e.what());
    }
}

/**
 * @brief Parse JSON text, rejecting duplicate keys (reported with their path).
 * @param [in] text the text
 * @return the document
 */
Json
ParseDocument(const std::string& text)
{
    /// One open object or array while parsing.
    struct Frame
    {
        std::string path;           ///< Its JSON path
        bool isArray{false};        ///< Array (true) or object
        size_t nextIndex{0};        ///< Next element index (arrays)
        std::string key;            ///< Last key seen (objects)
        std::set<std::string> keys; ///< Keys seen so far (objects)
    };

    std::vector<Frame> frames;
    auto childPath = [&frames]()
    {
        if (frames.empty())
        {
            return std::string();
        }
        Frame& top = frames.back();
        if (top.isArray)
        {
            return top.path + "[" + std::to_string(top.nextIndex++) + "]";
        }
        return top.path.empty() ? top.key : top.path + "." + top.key;
    };
    Json::parser_callback_t callback = [&](int /* depth */, Json::parse_event_t event, Json& parsed)
    {
        switch (event)
        {
            case Json::parse_event_t::object_start:
            case Json::parse_event_t::array_start:
            {
                Frame f;
                f.path = childPath();
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
                Frame& top = frames.back();
                top.key = parsed.get<std::string>();
                if (!top.keys.insert(top.key).second)
                {
                    const std::string path = top.path.empty() ? top.key : top.path + "." + top.key;
                    throw InputError(path + ": duplicate field");
                }
                break;
            }
            case Json::parse_event_t::value:
                if (!frames.empty() && frames.back().isArray)
                {
                    ++frames.back().nextIndex;
                }
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
        throw InputError("invalid JSON: " + message);
    }
}

// ---------------------------------------------------------------------------------------------
// Shared pieces of the schemas
// ---------------------------------------------------------------------------------------------

/// Fields of a device (SLIDE): DeviceComputeModel parameters.
struct DeviceSpec
{
    double flopsPerCycle{DeviceComputeModel::DEFAULT_FLOPS_PER_CYCLE};        ///< n, FLOP/cycle
    double minFrequencyHz{DeviceComputeModel::DEFAULT_MIN_FREQUENCY_HZ};      ///< fMin, Hz
    double maxFrequencyHz{DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ};      ///< fMax, Hz
    double energyCoefficient{DeviceComputeModel::DEFAULT_ENERGY_COEFFICIENT}; ///< G
};

/**
 * @param [in] node a "zoo" field
 * @return the DnnModelZoo model it names; throws InputError listing the zoo if unknown
 */
DnnModel
ReadZooModel(const Node& node)
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

/**
 * @brief Read a device object; absent fields keep the values of @p base.
 * @param [in] node the object, or nothing
 * @param [in] base defaults
 * @return the device
 */
DeviceSpec
ReadDevice(const std::optional<Node>& node, DeviceSpec base)
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
        const Node where = node->Find("maxFrequencyHz") ? *node->Find("maxFrequencyHz")
                                                        : *node->Find("minFrequencyHz");
        where.FailMessage("maxFrequencyHz " + FormatNumber(base.maxFrequencyHz) +
                          " is below minFrequencyHz " + FormatNumber(base.minFrequencyHz));
    }
    return base;
}

/**
 * @brief SNR bandwidth s = p g / N0 of a fixed-power user: "snrBandwidthHz", or
 * "txPowerW" and "channelGain" (with the document's noise PSD).
 * @param [in] node the user object
 * @param [in] noisePsdWPerHz N0, W/Hz
 * @return s, Hz
 */
double
ReadSnrBandwidth(const Node& node, double noisePsdWPerHz)
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

/**
 * @param [in] root the document
 * @return N0 from "noisePsdWPerHz", or THERMAL_NOISE_PSD_W_PER_HZ
 */
double
ReadNoise(const Node& root)
{
    if (auto n = root.Find("noisePsdWPerHz"))
    {
        return ReadNumber(*n, Positive());
    }
    return THERMAL_NOISE_PSD_W_PER_HZ;
}

/**
 * @brief Output header shared by the problems.
 * @param [in] problem the problem
 * @param [in] algorithm the algorithm's command-line name
 * @return the object with "problem", "algorithm" and "version"
 */
Json
Header(Problem problem, const std::string& algorithm)
{
    Json out = Json::object();
    out["problem"] = ProblemName(problem);
    out["algorithm"] = algorithm;
    out["version"] = EDGE_INFERENCE_VERSION;
    return out;
}

// ---------------------------------------------------------------------------------------------
// SLIDE
// ---------------------------------------------------------------------------------------------

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
ReadSlideModel(const Node& node)
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
    const Node flops = node.Require("layerFlops");
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
ReadSlide(const Node& root)
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
    for (const Node& m : root.Require("models").Elements())
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
    for (const Node& u : root.Require("users").Elements())
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
        for (const Node& c : u.Require("candidateModels").Elements())
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
                const Node gainNode = u.Require("channelGain");
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
                SlideAllocator::Validate(p);
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
SolveSlide(const Node& root, const std::string& algorithm)
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
    const SlideDecision d = SlideAllocator::Solve(p, alg, in.options);

    auto modelName = [&p](uint32_t m) -> Json
    {
        return m < p.models.size() ? Json(p.models[m].name) : Json(nullptr);
    };
    Json out = Header(Problem::SLIDE, algorithm);

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

// ---------------------------------------------------------------------------------------------
// PartialLoading
// ---------------------------------------------------------------------------------------------

/**
 * @brief Read a PartialLoading instance.
 * @param [in] root the document
 * @return the instance
 */
PartialLoadingProblem
ReadPartialLoading(const Node& root)
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
    std::map<std::string, Node> blockNode;
    for (const Node& b : root.Require("blocks").Elements(true))
    {
        b.CheckObject({"id", "bytes"});
        const Node idNode = b.Require("id");
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
    for (const Node& m : root.Require("models").Elements(true))
    {
        m.CheckObject({"name", "blocks", "inferenceTimeS"});
        const Node nameNode = m.Require("name");
        const std::string name = ReadString(nameNode);
        if (p.inferenceTimeS.count(name) != 0)
        {
            nameNode.FailMessage("duplicate model name \"" + name + "\"");
        }
        std::vector<std::string> ids;
        std::set<std::string> seen;
        for (const Node& b : m.Require("blocks").Elements(true))
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

    for (const Node& r : root.Require("requests").Elements())
    {
        r.CheckObject({"model",
                       "uploadBits",
                       "deadlineS",
                       "spectralEfficiency",
                       "snrBandwidthHz",
                       "txPowerW",
                       "channelGain"});
        PartialLoadingRequest req;
        const Node modelNode = r.Require("model");
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
SolvePartialLoadingInput(const Node& root, const std::string& algorithm)
{
    const PartialLoadingProblem problem = ReadPartialLoading(root);
    const PartialLoadingScheduler scheduler =
        Checked(root, [&]() { return PartialLoadingScheduler(problem); });
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
        throw InputError("algorithm " + algorithm + " does not apply to this input: " + e.what());
    }
    const PartialLoadingProblem& p = scheduler.GetProblem();

    Json out = Header(Problem::PARTIAL_LOADING, algorithm);
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

// ---------------------------------------------------------------------------------------------
// Batching + early exit
// ---------------------------------------------------------------------------------------------

/// A batching + early-exit instance read from JSON.
struct BatchingInput
{
    BatchingEarlyExitProblem problem;                                             ///< The instance
    BatchingEarlyExitScheme scheme{BatchingEarlyExitScheme::BATCHING_EARLY_EXIT}; ///< Scheme
    uint64_t maxSearchNodes{BatchingEarlyExitSolver::DEFAULT_MAX_SEARCH_NODES};   ///< Node limit
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
ReadBatching(const Node& root)
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
    for (const Node& b : root.Require("blocks").Elements(true))
    {
        b.CheckObject({"fixedCostS", "perTaskCostS", "table"});
        if (b.Has("table"))
        {
            if (b.Has("fixedCostS") || b.Has("perTaskCostS"))
            {
                b.FailMessage("give either \"table\" or \"fixedCostS\" with \"perTaskCostS\", "
                              "not both");
            }
            const Node table = b.Require("table");
            std::vector<std::pair<uint32_t, double>> points;
            for (const Node& point : table.Elements(true))
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

    std::optional<Node> accuracyNode = root.Find("exitAccuracy");
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

    for (const Node& u : root.Require("users").Elements())
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
            const Node req = u.Require("accuracyRequirement");
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
SolveBatching(const Node& root, const std::string& algorithm)
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
        throw InputError("algorithm " + algorithm + " does not apply to this input: " + e.what());
    }
    const BatchingEarlyExitProblem& p = solver.GetProblem();

    Json out = Header(Problem::BATCHING_EARLY_EXIT, algorithm);
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

// ---------------------------------------------------------------------------------------------
// DTO-EE (collaborative inference over a stage graph with early exits)
// ---------------------------------------------------------------------------------------------

/// A DTO-EE instance read from JSON.
struct DtoEeInput
{
    DtoEeProblem problem;                     ///< The instance
    std::vector<std::string> nodeNames;       ///< Node names (default "0", "1", ...)
    DtoEeSolverOptions solverOptions;         ///< Centralised solver and baselines
    DtoEeAlgorithmOptions distributedOptions; ///< Distributed agents
    uint32_t rounds{400};                     ///< Cap of distributed rounds
    double roundTolerance{1e-9};              ///< Distributed stop: largest local change
    uint32_t patience{3};                     ///< Distributed stop: quiet rounds required
};

/**
 * @brief Read a piecewise-linear profile: an array of [threshold, value] pairs, thresholds
 * increasing in [0, 1], values in [0, 1] (non-increasing if @p isNonIncreasing).
 * @param [in] node the array
 * @param [in] isNonIncreasing require non-increasing values (exit probabilities)
 * @return the points
 */
std::vector<std::pair<double, double>>
ReadProfile(const Node& node, bool isNonIncreasing)
{
    std::vector<std::pair<double, double>> out;
    for (const Node& point : node.Elements(true))
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
ReadDtoEe(const Node& root)
{
    root.CheckObject({"problem",
                      "description",
                      "betaS",
                      "rho",
                      "epsilon",
                      "thresholdMin",
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

    const auto stages = root.Require("stages").Elements(true);
    for (size_t h = 0; h < stages.size(); ++h)
    {
        const Node& s = stages[h];
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
        const Node& n = nodes[i];
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

    auto readNodeRef = [&](const Node& ref)
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
    for (const Node& l : root.Require("links").Elements())
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
    for (DtoEeScheme s : {DtoEeScheme::CENTRALISED,
                          DtoEeScheme::FIXED_THRESHOLD,
                          DtoEeScheme::NO_EARLY_EXIT,
                          DtoEeScheme::UNIFORM_OFFLOADING,
                          DtoEeScheme::RANDOM_OFFLOADING,
                          DtoEeScheme::JOIN_LEAST_LOADED})
    {
        if (Normalise(ToString(s)) == algorithm)
        {
            return s;
        }
    }
    // RequireAlgorithm() accepted the name: Algorithms() and this list disagree
    throw std::logic_error("DTO-EE algorithm \"" + algorithm + "\" has no scheme");
}

/**
 * @brief Solve a DTO-EE instance and describe the result.
 * @param [in] root the document
 * @param [in] algorithm the algorithm's command-line name
 * @return the output document
 */
Json
SolveDtoEe(const Node& root, const std::string& algorithm)
{
    const DtoEeInput in = ReadDtoEe(root);
    const DtoEeModel model = Checked(root, [&]() { return DtoEeModel(in.problem); });
    DtoEeSolution sol;
    std::optional<DtoEeRunResult> run;
    if (algorithm == "distributed")
    {
        DtoEeDistributed dist(model, in.distributedOptions);
        run = dist.Run(in.rounds, in.roundTolerance, in.patience);
        sol = run->solution;
    }
    else
    {
        const DtoEeCentralSolver solver(model, in.solverOptions);
        sol = solver.SolveScheme(DtoEeSchemeOf(algorithm));
    }
    const DtoEeProblem& p = model.GetProblem();
    const DtoEeEvaluation& e = sol.evaluation;

    Json out = Header(Problem::DTO_EE, algorithm);
    Json decision = Json::object();
    decision["scheme"] = Normalise(ToString(sol.scheme));
    decision["reason"] = ToString(sol.reason);
    decision["iterations"] = sol.iterations;
    Json nodes = Json::array();
    for (uint32_t i = 0; i < model.GetNNodes(); ++i)
    {
        Json j = Json::object();
        j["node"] = in.nodeNames[i];
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
    for (uint32_t l = 0; l < model.GetNLinks(); ++l)
    {
        Json j = Json::object();
        j["from"] = in.nodeNames[p.links[l].from];
        j["to"] = in.nodeNames[p.links[l].to];
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
        j["node"] = in.nodeNames[i];
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
        j["from"] = in.nodeNames[p.links[l].from];
        j["to"] = in.nodeNames[p.links[l].to];
        j["flow"] = Num(e.linkFlow[l]);
        j["delayS"] = Num(model.GetLinkDelay(l));
        linkOut.push_back(std::move(j));
    }
    prediction["links"] = std::move(linkOut);
    out["prediction"] = std::move(prediction);

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

// ---------------------------------------------------------------------------------------------
// NOMA split inference (split point, subchannels and powers, spec 4.1-4.4)
// ---------------------------------------------------------------------------------------------

/// A NOMA split-inference instance read from JSON.
struct NomaSplitInput
{
    NomaSplitProblem problem;                  ///< The instance
    std::vector<std::string> models;           ///< Model name of each user
    std::optional<double> stepTolerance;       ///< GD step tolerance (solver default if absent)
    std::optional<uint32_t> maxIterations;     ///< GD iteration limit
    std::optional<uint64_t> maxConfigurations; ///< Exhaustive-GD configuration limit
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
ReadNomaSplitModel(const Node& node)
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
    const Node outputs = node.Require("outputBits");
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
    double frequencyHz{1e9};         ///< f_d, cycle/s (spec 4.5 default)
    double energyCoefficient{1e-28}; ///< kappa_d, J s^2/cycle^3 (spec 4.5 default)
};

/**
 * @brief Read a split-inference device object; absent fields keep the values of @p base.
 * @param [in] node the object, or nothing
 * @param [in] base defaults
 * @return the device
 */
NomaSplitDeviceSpec
ReadNomaSplitDevice(const std::optional<Node>& node, NomaSplitDeviceSpec base)
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
ReadBool(const Node& node)
{
    if (!node.Get().is_boolean())
    {
        node.Fail("true or false");
    }
    return node.Get().get<bool>();
}

/**
 * @brief Read a NOMA split-inference instance.
 * @param [in] root the document
 * @return the instance
 */
NomaSplitInput
ReadNomaSplit(const Node& root)
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
        p.nSubchannels = static_cast<uint32_t>(ReadUnsigned(*n, 1, 4096));
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
    for (const Node& m : root.Require("models").Elements(true))
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

    for (const Node& u : root.Require("users").Elements(true))
    {
        u.CheckObject({"model", "device", "uplinkGain", "downlinkGain"});
        const Node ref = u.Require("model");
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
            const Node g = u.Require(key);
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
        s->CheckObject({"stepTolerance", "maxIterations", "maxConfigurations"});
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
    }
    return in;
}

/// @return the NOMA split algorithms with their command-line names
std::vector<std::pair<std::string, NomaSplitAlgorithm>>
NomaSplitAlgorithms()
{
    return {{"li-gd", NomaSplitAlgorithm::LI_GD},
            {"exhaustive-gd", NomaSplitAlgorithm::EXHAUSTIVE_GD},
            {"oma-li-gd", NomaSplitAlgorithm::OMA_LI_GD},
            {"fully-local", NomaSplitAlgorithm::FULLY_LOCAL},
            {"full-offload", NomaSplitAlgorithm::FULL_OFFLOAD},
            {"latency-only", NomaSplitAlgorithm::LATENCY_ONLY},
            {"equal-power", NomaSplitAlgorithm::EQUAL_POWER}};
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
SolveNomaSplit(const Node& root, const std::string& algorithm)
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
    const auto algorithms = NomaSplitAlgorithms();
    auto found = std::find_if(algorithms.begin(),
                              algorithms.end(),
                              [&algorithm](const auto& a) { return a.first == algorithm; });
    if (found == algorithms.end())
    {
        // RequireAlgorithm() accepted the name: Algorithms() and this list disagree
        throw std::logic_error("NOMA split algorithm \"" + algorithm + "\" has no solver");
    }
    const NomaSplitAlgorithm which = found->second;
    const NomaSplitDecision d = Checked(root, [&]() { return solver.Solve(which); });
    const NomaSplitProblem& p = solver.GetProblem();
    const NomaSplitPrediction& e = d.prediction;

    Json out = Header(Problem::NOMA_SPLIT, algorithm);
    Json decision = Json::object();
    decision["feasible"] = d.isFeasible;
    decision["reason"] = d.reason;
    decision["rounds"] = d.nRounds;
    decision["gdRuns"] = d.nGdRuns;
    decision["configurations"] = d.nConfigurations;
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
        j["model"] = in.models[i];
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

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

/**
 * @param [in] problem a problem
 * @return the short input schema printed by --schema
 */
std::string
Schema(Problem problem)
{
    switch (problem)
    {
        case Problem::SLIDE:
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
        case Problem::PARTIAL_LOADING:
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
        case Problem::BATCHING_EARLY_EXIT:
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
        case Problem::DTO_EE:
            return R"(dto-ee input (units in the field names; null = field omitted; a "comment"
field is allowed in every object; stages, nodes and links are 0-based):
{
  "problem": "dto-ee",                   optional, must match --problem
  "betaS": 0.5,                          beta, s of delay per unit of accuracy (default 0.5)
  "rho": 1000,                           exterior-penalty weight (default 1000)
  "epsilon": 0.05,                       stability margin in (0, 1) (default 0.05)
  "thresholdMin": 0,                     lower bound of the thresholds (default 0)
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
        case Problem::NOMA_SPLIT:
            return R"(noma-split input (units in the field names; null = field omitted; a "comment"
field is allowed in every object; users, layers and subchannels are 0-based; defaults of
spec 4.5 in brackets):
{
  "problem": "noma-split",               optional, must match --problem
  "subchannels": 2,                      N_s, per link [1]
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
  "solver": {"stepTolerance": 1e-9, "maxIterations": 500, "maxConfigurations": 2000000}
                                         GD and exhaustive-GD limits (all optional)
}
)";
    }
    return "";
}

/**
 * @param [in] os the stream
 */
void
PrintUsage(std::ostream& os)
{
    os << "Usage: " << PROGRAM
       << " --problem=slide|partial-loading|batching-early-exit|dto-ee|noma-split\n"
          "       [--algorithm=NAME] [--input=FILE|-] [--output=FILE|-]\n"
          "       "
       << PROGRAM
       << " --schema [--problem=NAME]\n"
          "       "
       << PROGRAM
       << " --help\n\n"
          "Solves one instance of an edge-inference allocation problem: reads a JSON object\n"
          "(default: standard input), writes the decision and its prediction as JSON\n"
          "(default: standard output). --problem may be omitted if the input has a\n"
          "\"problem\" field. --schema prints the input schema of a problem.\n"
          "Exit status: 0 solved (also when nobody can be served), 2 bad command line or\n"
          "bad input (message on stderr, no output written), 1 output not writable.\n\n"
          "Algorithms (--algorithm):\n";
    for (Problem p : ALL_PROBLEMS)
    {
        os << "  " << ProblemName(p) << ":\n";
        for (const AlgorithmInfo& a : Algorithms(p))
        {
            os << "    " << std::left << std::setw(20) << a.name << " " << a.description << "\n";
        }
    }
    os << "\nModule version " << EDGE_INFERENCE_VERSION << ".\n";
}

/// Parsed command line.
struct Options
{
    std::optional<std::string> problem;   ///< --problem
    std::optional<std::string> algorithm; ///< --algorithm
    std::string input{"-"};               ///< --input
    std::string output{"-"};              ///< --output
    bool isHelp{false};                   ///< --help
    bool isSchema{false};                 ///< --schema
};

/**
 * @param [in] argc argument count
 * @param [in] argv arguments
 * @return the options; throws InputError for an unknown or malformed argument
 */
Options
ParseCommandLine(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h")
        {
            o.isHelp = true;
            continue;
        }
        if (arg == "--schema")
        {
            o.isSchema = true;
            continue;
        }
        const size_t eq = arg.find('=');
        std::string key = arg.substr(0, eq);
        std::string value;
        if (eq != std::string::npos)
        {
            value = arg.substr(eq + 1);
        }
        else if (i + 1 < argc && (key == "--problem" || key == "--algorithm" || key == "--input" ||
                                  key == "--output"))
        {
            value = argv[++i];
        }
        else
        {
            throw InputError("unknown or incomplete argument '" + arg + "' (see --help)");
        }
        if (value.empty())
        {
            throw InputError("empty value in '" + arg + "'");
        }
        if (key == "--problem")
        {
            o.problem = value;
        }
        else if (key == "--algorithm")
        {
            o.algorithm = value;
        }
        else if (key == "--input")
        {
            o.input = value;
        }
        else if (key == "--output")
        {
            o.output = value;
        }
        else
        {
            throw InputError("unknown argument '" + arg + "' (see --help)");
        }
    }
    return o;
}

/**
 * @param [in] name a problem name from the command line or the input
 * @param [in] where where the name comes from, for the message
 * @return the problem; throws InputError if the name is unknown
 */
Problem
RequireProblem(const std::string& name, const std::string& where)
{
    auto p = ParseProblem(name);
    if (!p)
    {
        std::vector<std::string> names;
        for (Problem known : ALL_PROBLEMS)
        {
            names.push_back(ProblemName(known));
        }
        throw InputError(where + ": unknown problem \"" + name + "\" (expected one of " +
                         Join(names, true) + ")");
    }
    return *p;
}

/**
 * @param [in] problem the problem
 * @param [in] name an algorithm name, or nothing for the default
 * @return its canonical name; throws InputError if it is not an algorithm of the problem
 */
std::string
RequireAlgorithm(Problem problem, const std::optional<std::string>& name)
{
    const auto algorithms = Algorithms(problem);
    if (!name)
    {
        return algorithms.front().name;
    }
    std::vector<std::string> names;
    for (const AlgorithmInfo& a : algorithms)
    {
        if (Normalise(*name) == a.name)
        {
            return a.name;
        }
        names.push_back(a.name);
    }
    throw InputError("--algorithm: unknown algorithm \"" + *name + "\" for problem " +
                     ProblemName(problem) + " (expected one of " + Join(names, true) + ")");
}

/**
 * @param [in] path a file name, or "-" for standard input
 * @return the whole text; throws InputError if the file cannot be read
 */
std::string
ReadText(const std::string& path)
{
    std::ostringstream oss;
    if (path == "-")
    {
        oss << std::cin.rdbuf();
        return oss.str();
    }
    std::error_code error;
    if (std::filesystem::is_directory(path, error))
    {
        throw InputError("input '" + path + "' is a directory");
    }
    std::ifstream is(path, std::ios::binary);
    if (!is)
    {
        throw InputError("cannot open input file '" + path + "'");
    }
    oss << is.rdbuf();
    if (is.bad())
    {
        throw InputError("error while reading '" + path + "'");
    }
    return oss.str();
}

/**
 * @brief Read, solve and write one instance.
 * @param [in] o the options
 * @return the exit status
 */
int
Run(const Options& o)
{
    std::optional<Problem> problem;
    if (o.problem)
    {
        problem = RequireProblem(*o.problem, "--problem");
    }
    // an unknown algorithm is reported before the input is read
    if (problem && o.algorithm)
    {
        RequireAlgorithm(*problem, o.algorithm);
    }
    const Json document = ParseDocument(ReadText(o.input));
    const Node root(document, "");
    if (!document.is_object())
    {
        root.Fail("a JSON object");
    }
    if (auto n = root.Find("problem"))
    {
        const Problem stated = RequireProblem(ReadString(*n), "problem");
        if (problem && *problem != stated)
        {
            n->FailMessage("the input is a \"" + ProblemName(stated) +
                           "\" instance but --problem is " + ProblemName(*problem));
        }
        problem = stated;
    }
    if (!problem)
    {
        throw InputError("no problem given: use --problem or a \"problem\" field in the input");
    }
    const std::string algorithm = RequireAlgorithm(*problem, o.algorithm);
    if (auto n = root.Find("description"))
    {
        ReadString(*n, false);
    }

    Json out;
    switch (*problem)
    {
        case Problem::SLIDE:
            out = SolveSlide(root, algorithm);
            break;
        case Problem::PARTIAL_LOADING:
            out = SolvePartialLoadingInput(root, algorithm);
            break;
        case Problem::BATCHING_EARLY_EXIT:
            out = SolveBatching(root, algorithm);
            break;
        case Problem::DTO_EE:
            out = SolveDtoEe(root, algorithm);
            break;
        case Problem::NOMA_SPLIT:
            out = SolveNomaSplit(root, algorithm);
            break;
    }
    const std::string text = out.dump(2) + "\n";
    if (o.output == "-")
    {
        std::cout << text << std::flush;
        return std::cout ? EXIT_OK : EXIT_ERROR;
    }
    std::ofstream os(o.output, std::ios::binary | std::ios::trunc);
    os << text;
    os.close();
    if (!os)
    {
        std::cerr << PROGRAM << ": cannot write output file '" << o.output << "'\n";
        return EXIT_ERROR;
    }
    return EXIT_OK;
}

} // namespace

int
main(int argc, char** argv)
{
    std::string context;
    try
    {
        const Options o = ParseCommandLine(argc, argv);
        if (o.isHelp)
        {
            PrintUsage(std::cout);
            return EXIT_OK;
        }
        if (o.isSchema)
        {
            if (o.problem)
            {
                std::cout << Schema(RequireProblem(*o.problem, "--problem"));
                return EXIT_OK;
            }
            for (Problem p : ALL_PROBLEMS)
            {
                std::cout << Schema(p) << "\n";
            }
            return EXIT_OK;
        }
        context = o.input == "-" ? "<stdin>" : o.input;
        return Run(o);
    }
    catch (const InputError& e)
    {
        std::cerr << PROGRAM << ": " << (context.empty() ? "" : context + ": ") << e.what() << "\n";
        return EXIT_BAD_INPUT;
    }
    catch (const std::exception& e)
    {
        std::cerr << PROGRAM << ": internal error: " << e.what() << "\n";
        return EXIT_ERROR;
    }
}
