/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EXAMPLE_COMMAND_LINE_H
#define EXAMPLE_COMMAND_LINE_H

#include "ns3/command-line.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-helpers
 * @brief ExampleCommandLine: the one place where the module's examples parse and check their
 * command line (strict numbers and lists, ranges, name tables, exit status 2).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-helpers
 * @brief The allowed values of a number: an interval with open or closed ends.
 */
struct ValueRange
{
    double lo{-std::numeric_limits<double>::infinity()}; ///< Lower bound
    double hi{std::numeric_limits<double>::infinity()};  ///< Upper bound
    bool isLoOpen{false};                                ///< Lower bound excluded
    bool isHiOpen{false};                                ///< Upper bound excluded

    /**
     * @brief A physical quantity that must be > 0 (and finite).
     * @return the range (0, inf)
     */
    static ValueRange Positive();
    /**
     * @brief A quantity that must be >= 0 (and finite).
     * @return the range [0, inf)
     */
    static ValueRange NonNegative();
    /**
     * @brief A closed interval.
     * @param [in] lo lower bound
     * @param [in] hi upper bound
     * @return the range [lo, hi]
     */
    static ValueRange Closed(double lo, double hi);
    /**
     * @brief An interval open at its lower end.
     * @param [in] lo lower bound (excluded)
     * @param [in] hi upper bound
     * @return the range (lo, hi]
     */
    static ValueRange LeftOpen(double lo, double hi);
    /**
     * @brief An open interval.
     * @param [in] lo lower bound (excluded)
     * @param [in] hi upper bound (excluded)
     * @return the range (lo, hi)
     */
    static ValueRange Open(double lo, double hi);
    /**
     * @brief Whether a value lies in the range (NaN and infinities never do).
     * @param [in] v the value
     * @return true if allowed
     */
    bool Contains(double v) const;
    /**
     * @brief What the range allows, for error messages ("a number > 0", "a number in [0, 1]").
     * @return the description
     */
    std::string Describe() const;
};

/**
 * @ingroup edge-inference-helpers
 * @brief A CommandLine wrapper that checks every value of an example's command line.
 *
 * Counts, numbers, lists and names are read as text by ns-3's CommandLine and converted
 * after CommandLine::Parse() by strict parsers: a count is parsed as a signed integer and then
 * range-checked (so --nUes=-1 is reported as -1), a number or list entry must be the whole
 * text ("150abc" is rejected), numbers are finite and lie in their ValueRange, names come
 * from a table. A bad value prints "<program>: --<flag>=<value>: <what is allowed>" on
 * stderr and exits with status 2 (ns-3's own CommandLine keeps exit 1 for unknown flags).
 *
 * Randomness: the examples have no private run flag. ns-3's --RngRun and --RngSeed (global
 * values read by RngSeedManager) select the draws; the usage text says so.
 *
 * Exceptions thrown while the scenario is set up are turned into exit status 2 by Run().
 *
 * Every example also gets --predictionLog=<file>: the per-user predicted vs measured rows
 * the example records with PredictionLog go to that CSV file (utils/fidelity-report.py).
 */
class ExampleCommandLine
{
  public:
    /**
     * @brief Constructor.
     * @param [in] file the example's source file (__FILE__); its base name is the program name
     */
    explicit ExampleCommandLine(const std::string& file);

    /**
     * @brief Set the usage text printed by --help, followed by the shared note on validation
     * and on --RngRun / --RngSeed.
     * @param [in] text the example's usage text
     */
    void Usage(const std::string& text);

    /**
     * @brief Add a flag handled by ns-3's CommandLine as is (bool, free text, file names).
     * @tparam T value type
     * @param [in] name flag name
     * @param [in] help help text
     * @param [in,out] value the value (default in, parsed value out)
     */
    template<typename T>
    void AddValue(const std::string& name, const std::string& help, T& value)
    {
        m_cmd.AddValue(name, help, value);
    }

    /**
     * @brief Add a count: an integer in [lo, hi].
     * @param [in] name flag name
     * @param [in] help help text
     * @param [in,out] value the value (default in, parsed value out)
     * @param [in] lo smallest allowed value
     * @param [in] hi largest allowed value
     */
    void AddCount(const std::string& name,
                  const std::string& help,
                  uint32_t& value,
                  int64_t lo,
                  int64_t hi = std::numeric_limits<uint32_t>::max());

    /**
     * @brief Add an integer that must be one of a table (e.g.\ the LTE bandwidths in RBs).
     * @param [in] name flag name
     * @param [in] help help text
     * @param [in,out] value the value
     * @param [in] allowed the allowed values
     */
    void AddChoice(const std::string& name,
                   const std::string& help,
                   uint32_t& value,
                   const std::vector<uint32_t>& allowed);

    /**
     * @brief Add a number in a range.
     * @param [in] name flag name
     * @param [in] help help text
     * @param [in,out] value the value
     * @param [in] range the allowed values
     */
    void AddNumber(const std::string& name,
                   const std::string& help,
                   double& value,
                   const ValueRange& range);

    /**
     * @brief Add a name from a table.
     * @param [in] name flag name
     * @param [in] help help text
     * @param [in,out] value the value
     * @param [in] allowed the allowed names
     * @param [in] ignoreCase compare without case (zoo model names)
     */
    void AddName(const std::string& name,
                 const std::string& help,
                 std::string& value,
                 const std::vector<std::string>& allowed,
                 bool ignoreCase = false);

    /**
     * @brief Add a non-empty comma-separated list of numbers in a range.
     * @param [in] name flag name
     * @param [in] help help text
     * @param [in,out] values the values (default in, parsed values out)
     * @param [in] range the allowed values of each entry
     */
    void AddNumberList(const std::string& name,
                       const std::string& help,
                       std::vector<double>& values,
                       const ValueRange& range);

    /**
     * @brief Add a non-empty comma-separated list of integers in [lo, hi], or from a table.
     * @param [in] name flag name
     * @param [in] help help text
     * @param [in,out] values the values
     * @param [in] lo smallest allowed entry
     * @param [in] hi largest allowed entry
     * @param [in] allowed if not empty, the allowed entries (lo and hi are then ignored)
     */
    void AddCountList(const std::string& name,
                      const std::string& help,
                      std::vector<uint32_t>& values,
                      int64_t lo,
                      int64_t hi,
                      const std::vector<uint32_t>& allowed = {});

    /**
     * @brief Add a non-empty comma-separated list of names from a table.
     * @param [in] name flag name
     * @param [in] help help text
     * @param [in,out] values the values
     * @param [in] allowed the allowed names
     */
    void AddNameList(const std::string& name,
                     const std::string& help,
                     std::vector<std::string>& values,
                     const std::vector<std::string>& allowed);

    /**
     * @brief Parse the command line and check every value added with the Add* methods (in
     * the order they were added). A bad value calls Fail().
     * @param [in] argc argument count
     * @param [in] argv arguments
     */
    void Parse(int argc, char* argv[]);

    /**
     * @brief Check a min <= max pair of numbers (after Parse()).
     * @param [in] minFlag name of the lower flag
     * @param [in] minValue its value
     * @param [in] maxFlag name of the upper flag
     * @param [in] maxValue its value
     */
    void CheckOrdered(const std::string& minFlag,
                      double minValue,
                      const std::string& maxFlag,
                      double maxValue) const;

    /**
     * @brief The text of a flag added with an Add* method other than AddValue.
     * @param [in] name flag name
     * @return its text (given or default)
     */
    std::string GetText(const std::string& name) const;

    /**
     * @brief Report a bad value: print "<program>: --<flag>=<value>: <allowed>" on stderr and
     * exit with status 2.
     * @param [in] flag flag name
     * @param [in] value the value as given
     * @param [in] allowed what is allowed
     */
    [[noreturn]] void Fail(const std::string& flag,
                           const std::string& value,
                           const std::string& allowed) const;

    /**
     * @brief The program name (base name of the source file).
     * @return the name
     */
    std::string GetProgramName() const;

    /**
     * @brief Run an example's body; an exception (std::invalid_argument from a set-up, ...)
     * prints "<program>: <what>" on stderr and gives exit status 2 instead of SIGABRT.
     * @param [in] file the example's source file (__FILE__)
     * @param [in] argc argument count
     * @param [in] argv arguments
     * @param [in] body the example
     * @return the body's exit status, or 2 after an exception
     */
    static int Run(const std::string& file,
                   int argc,
                   char* argv[],
                   const std::function<int(int, char*[])>& body);

    /// Exit status of an invalid value.
    static constexpr int EXIT_INVALID = 2;

    /**
     * @brief Apply the options every example has (added by the constructor): --traces=PREFIX
     * enables EdgeInferenceTraceHelper's per-task and per-event traces
     * (EdgeInferenceTraceHelper::RequestTraces()), --progress=S shows ns-3's ShowProgress on
     * stderr every S seconds of wall time. Call right before each Simulator::Run(); a no-op
     * without these options.
     */
    static void PrepareRun();

  private:
    /// A checked flag: its text and the conversion that assigns and checks it.
    struct Item
    {
        std::string name;                     ///< Flag name
        std::string text;                     ///< Text (default, then the given value)
        std::string defaultText;              ///< Text of the default
        std::function<void(const Item&)> set; ///< Convert, check and assign
    };

    /**
     * @brief Register a checked flag.
     * @param [in] name flag name
     * @param [in] help help text
     * @param [in] defaultText text of the default value
     * @param [in] set conversion
     */
    void Add(const std::string& name,
             const std::string& help,
             const std::string& defaultText,
             std::function<void(const Item&)> set);

    CommandLine m_cmd;                          ///< ns-3's command line
    std::string m_program;                      ///< Program name
    std::string m_tracesPrefix;                 ///< --traces
    double m_progressS{0};                      ///< --progress, s (0 = off)
    std::vector<std::unique_ptr<Item>> m_items; ///< Checked flags (stable addresses)
};

/**
 * @ingroup edge-inference-helpers
 * @brief The names of a (value, name) table such as SlideAlgorithmNames().
 * @tparam E value type
 * @param [in] pairs the table
 * @return the names, in table order
 */
template<typename E>
std::vector<std::string>
NameTable(const std::vector<std::pair<E, std::string>>& pairs)
{
    std::vector<std::string> out;
    for (const auto& p : pairs)
    {
        out.push_back(p.second);
    }
    return out;
}

/**
 * @ingroup edge-inference-helpers
 * @brief The names of a (name, value) table such as NomaSplitAlgorithmNames().
 * @tparam E value type
 * @param [in] pairs the table
 * @return the names, in table order
 */
template<typename E>
std::vector<std::string>
NameTable(const std::vector<std::pair<std::string, E>>& pairs)
{
    std::vector<std::string> out;
    for (const auto& p : pairs)
    {
        out.push_back(p.first);
    }
    return out;
}

/**
 * @ingroup edge-inference-helpers
 * @brief Split a comma-separated list ("a,b" gives {"a", "b"}; "" gives one empty entry).
 * @param [in] text the list
 * @return the entries
 */
std::vector<std::string> SplitCommaList(const std::string& text);

/// Largest number of UEs in one LTE cell of ns-3.37 (one SRS index each, periodicity 320 ms).
constexpr uint32_t LTE_MAX_UES = 319;

/**
 * @ingroup edge-inference-helpers
 * @brief The LTE bandwidths in resource blocks: 6, 15, 25, 50, 75, 100.
 * @return the table
 */
std::vector<uint32_t> LteBandwidthTable();

} // namespace edgeinference
} // namespace ns3

#endif /* EXAMPLE_COMMAND_LINE_H */
