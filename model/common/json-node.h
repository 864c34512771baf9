/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef JSON_NODE_H
#define JSON_NODE_H

#include "ns3/device-compute-model.h"
#include "ns3/dnn-model.h"
#include "ns3/symbol-share-rate-model.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-common
 * @brief Checked reading of the JSON instance and decision documents of edge-inference-solve
 * and of the decision files: every error names the JSON path and the value.
 */

namespace ns3
{
namespace edgeinference
{
namespace json
{

/// JSON document type: objects keep the insertion order, so the output order is fixed.
using Json = nlohmann::ordered_json;

/// Positive infinity.
constexpr double INF = std::numeric_limits<double>::infinity();

/**
 * @ingroup edge-inference-common
 * @brief Bad input: the message names the JSON path and the value.
 */
class JsonInputError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/**
 * @ingroup edge-inference-common
 * @brief An algorithm as offered by the solver and the allocators.
 */
struct AlgorithmInfo
{
    std::string name;        ///< Command-line name, e.g. "slide-optimal"
    std::string description; ///< One line for --help
};

/**
 * @brief Canonical form of a user-given name: lower case, '_' and ' ' become '-'.
 * @param [in] text the name
 * @return the canonical form
 */
std::string Normalise(const std::string& text);

/**
 * @param [in] value a number of the output
 * @return the number; +infinity as "inf", -infinity as "-inf", NaN as null
 */
Json Num(double value);

/**
 * @param [in] value a number
 * @return a short decimal text of it (15 significant digits)
 */
std::string FormatNumber(double value);

/**
 * @param [in] items words
 * @param [in] quote put each word in double quotes
 * @return the words separated by ", "
 */
std::string Join(const std::vector<std::string>& items, bool quote);

/**
 * @param [in] value a JSON value
 * @return its JSON text, cut to 60 characters
 */
std::string Abbreviate(const Json& value);

/**
 * @brief A value of the input document with its JSON path, e.g. "users[2].deadlineS".
 */
class JsonNode
{
  public:
    /**
     * @param [in] value the value (must outlive the node)
     * @param [in] path its path; empty for the document itself
     */
    JsonNode(const Json& value, std::string path)
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
        throw JsonInputError(Where() + ": expected " + expectation + ", got " +
                             Abbreviate(*m_value));
    }

    /**
     * @brief Throw "<path>: <message>".
     * @param [in] message the problem
     */
    [[noreturn]] void FailMessage(const std::string& message) const
    {
        throw JsonInputError(Where() + ": " + message);
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
                throw JsonInputError(PathOf(it.key()) +
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
    std::optional<JsonNode> Find(const std::string& key) const
    {
        auto it = m_value->find(key);
        if (it == m_value->end() || it->is_null())
        {
            return std::nullopt;
        }
        return JsonNode(*it, PathOf(key));
    }

    /**
     * @param [in] key a field name
     * @return the field; throws if it is absent or null
     */
    JsonNode Require(const std::string& key) const
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
    std::vector<JsonNode> Elements(bool isNonEmpty = false) const
    {
        if (!m_value->is_array() || (isNonEmpty && m_value->empty()))
        {
            Fail(isNonEmpty ? "a non-empty array" : "an array");
        }
        std::vector<JsonNode> out;
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
NumberRange NonNegative();

/// @return finite numbers >= 0, or "inf"
NumberRange NonNegativeOrInf();

/// @return finite numbers > 0
NumberRange Positive();

/// @return any finite number
NumberRange AnyFinite();

/// @return numbers in [0, 1]
NumberRange UnitInterval();

/**
 * @param [in] range a range
 * @return e.g. "a number >= 0 or \"inf\""
 */
std::string Describe(const NumberRange& range);

/**
 * @brief Read a number.
 * @param [in] node the value
 * @param [in] range allowed values
 * @return the number (+infinity for "inf" where allowed)
 */
double ReadNumber(const JsonNode& node, const NumberRange& range);

/**
 * @brief Read a non-negative integer (integral floating-point values such as 9e7 are
 * accepted).
 * @param [in] node the value
 * @param [in] min smallest allowed value
 * @param [in] max largest allowed value
 * @return the integer
 */
uint64_t ReadUnsigned(const JsonNode& node,
                      uint64_t min = 0,
                      uint64_t max = std::numeric_limits<uint64_t>::max());

/**
 * @param [in] node the value
 * @param [in] isNonEmpty reject ""
 * @return the string
 */
std::string ReadString(const JsonNode& node, bool isNonEmpty = true);

/**
 * @brief Read one of a set of names (any case; '-' and '_' are the same).
 * @param [in] node the value
 * @param [in] choices (canonical name, value) pairs
 * @return the value of the matching name
 */
template<typename T>
T
ReadChoice(const JsonNode& node, const std::vector<std::pair<std::string, T>>& choices)
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
std::vector<double> ReadNumbers(const JsonNode& node, const NumberRange& range, bool isNonEmpty);

/**
 * @brief Require exactly one of a set of fields (or one group of fields that go together).
 * @param [in] node the object
 * @param [in] keys the alternatives
 * @return the index of the present alternative
 */
size_t RequireOneOf(const JsonNode& node, const std::vector<std::string>& keys);

/**
 * @brief Throw a library message as an JsonInputError, prefixed with the path of @p node
 * unless it is the whole document (library messages name their own fields).
 * @param [in] node where the arguments come from
 * @param [in] message the library's message
 */
[[noreturn]] void ThrowAt(const JsonNode& node, const std::string& message);

/**
 * @brief Run @p f, turning its std::invalid_argument into an JsonInputError at @p node.
 * @param [in] node where the arguments come from
 * @param [in] f the call
 * @return what f returns
 */
template<typename F>
auto
Checked(const JsonNode& node, F f) -> decltype(f())
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
 * @brief Run a solver on a checked input, turning the errors that the maths libraries (Boost,
 * GSL, the module's own checks) raise on extreme but valid-looking inputs into JsonInputError
 * "<problem>: ...": std::invalid_argument, std::domain_error, std::range_error,
 * std::overflow_error, std::underflow_error, boost::math::evaluation_error and
 * boost::math::rounding_error. JsonInputError passes unchanged; anything else (a bug) too.
 * @param [in] problem the problem's command-line name, e.g. "slide"
 * @param [in] solve reads and solves the instance
 * @return what solve returns
 */
Json GuardedSolve(const std::string& problem, const std::function<Json()>& solve);

/// Default largest input document, bytes (16 MiB).
constexpr size_t MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/// Default deepest nesting of objects and arrays (the document itself is level 1).
constexpr size_t MAX_DOCUMENT_DEPTH = 64;

/// Default largest number of fields of one object: ordered_json inserts a field in time
/// linear in the fields before it, so this bounds the parse time (quadratic per object).
constexpr size_t MAX_OBJECT_FIELDS = 256;

/// Limits checked by ParseDocument before the document is built.
struct ParseLimits
{
    size_t maxBytes{MAX_DOCUMENT_BYTES}; ///< Largest text, bytes
    size_t maxDepth{MAX_DOCUMENT_DEPTH}; ///< Deepest nesting of objects and arrays
    size_t maxFields{MAX_OBJECT_FIELDS}; ///< Most fields of one object
};

/**
 * @brief Parse JSON text, rejecting duplicate keys (reported with their path), numbers
 * beyond the double range (e.g. 1e309, reported with their path), nesting deeper than
 * ParseLimits::maxDepth (reported while parsing, so memory stays linear in the input),
 * objects with more than ParseLimits::maxFields fields and
 * texts longer than ParseLimits::maxBytes (before parsing).
 * @param [in] text the text
 * @param [in] limits size and depth limits
 * @return the document; throws JsonInputError
 */
Json ParseDocument(const std::string& text, const ParseLimits& limits = ParseLimits());

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
 * @return the DnnModelZoo model it names; throws JsonInputError listing the zoo if unknown
 */
DnnModel ReadZooModel(const JsonNode& node);

/**
 * @brief Read a device object; absent fields keep the values of @p base.
 * @param [in] node the object, or nothing
 * @param [in] base defaults
 * @return the device
 */
DeviceSpec ReadDevice(const std::optional<JsonNode>& node, DeviceSpec base);

/**
 * @brief SNR bandwidth s = p g / N0 of a fixed-power user: "snrBandwidthHz", or
 * "txPowerW" and "channelGain" (with the document's noise PSD).
 * @param [in] node the user object
 * @param [in] noisePsdWPerHz N0, W/Hz
 * @return s, Hz
 */
double ReadSnrBandwidth(const JsonNode& node, double noisePsdWPerHz);

/**
 * @param [in] root the document
 * @return N0 from "noisePsdWPerHz", or THERMAL_NOISE_PSD_W_PER_HZ
 */
double ReadNoise(const JsonNode& root);

/**
 * @brief The cell-wide part of a "symbol-share" rate model (SymbolShareRateModel): the
 * "symbolShare" object of the batching, SLIDE and PartialLoading instances.
 */
struct SymbolShareSpec
{
    std::vector<SymbolSlotClass> slots; ///< slot classes of the pattern
    double patternSeconds{0};           ///< T, s
    double bandwidthHz{0};              ///< W, the bandwidth of a share of 1, Hz
    double efficiency{1.0};             ///< e in (0, 1]
    double maxSymbols{0};               ///< largest ceil(dataSymbols): tables need 0..this
};

/**
 * @brief Read a "symbolShare" object: {"slots": [{"perPattern": n, "dataSymbols": a}, ...],
 * "patternSeconds": T, "bandwidthHz": W, "efficiency": e (optional, default 1)}.
 * @param [in] node the object
 * @return the specification; throws JsonInputError naming the field and the value
 */
SymbolShareSpec ReadSymbolShare(const JsonNode& node);

/**
 * @brief Read a user's "bytesBySymbols" table b(0..J) (bytes in one slot with j symbols):
 * finite numbers >= 0, b(0) = 0, non-decreasing, J >= SymbolShareSpec::maxSymbols.
 * @param [in] node the array
 * @param [in] spec the cell-wide part (for the length)
 * @return the table; throws JsonInputError naming the entry and its value
 */
std::vector<double> ReadBytesBySymbols(const JsonNode& node, const SymbolShareSpec& spec);

/**
 * @brief Build the SymbolShareRateModel of a checked specification and tables.
 * @param [in] at where the model comes from (errors of the model are reported there)
 * @param [in] spec the cell-wide part
 * @param [in] tables the per-user tables (ReadBytesBySymbols())
 * @return the model
 */
std::shared_ptr<const SymbolShareRateModel> MakeSymbolShareRateModel(
    const JsonNode& at, const SymbolShareSpec& spec, std::vector<std::vector<double>> tables);

/**
 * @param [in] model a model
 * @return its "symbolShare" object (ReadSymbolShare() reads it back)
 */
Json SymbolShareToJson(const SymbolShareRateModel& model);

/**
 * @param [in] model a model
 * @param [in] user a user of the model
 * @return its "bytesBySymbols" array
 */
Json BytesBySymbolsToJson(const SymbolShareRateModel& model, uint32_t user);

/**
 * @brief Output header shared by the problems.
 * @param [in] problem the problem's command-line name, e.g. "slide"
 * @param [in] algorithm the algorithm's command-line name
 * @return the object with "problem", "algorithm" and "version"
 */
Json SolverOutputHeader(const std::string& problem, const std::string& algorithm);

/// @return the module version written in solver outputs (the VERSION file)
std::string ModuleVersion();

} // namespace json
} // namespace edgeinference
} // namespace ns3

#endif // JSON_NODE_H
