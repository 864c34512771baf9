/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_BENCH_UTIL_H
#define EDGE_INFERENCE_BENCH_UTIL_H

/**
 * @file
 * @ingroup edge-inference
 * @brief What the benchmarks in utils/bench share: a wall-clock stopwatch, the median of
 * repeated timings, PASS/MISS verdicts, the --quick/--full run modes and their "done" line,
 * lists of counts on the command line, fixed-width table cells and a least-squares slope.
 * Header-only, for the benchmark programs (not part of the module's library).
 */

#include "ns3/command-line.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <limits>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgeinference
{
namespace bench
{

/**
 * @ingroup edge-inference
 * @brief Wall-clock stopwatch (std::chrono::steady_clock), started when it is made.
 */
class Stopwatch
{
  public:
    Stopwatch()
        : m_start(Clock::now())
    {
    }

    /// Start again from now.
    void Restart() { m_start = Clock::now(); }

    /**
     * @return the wall time since construction or the last Restart(), s
     */
    double ElapsedS() const
    {
        return std::chrono::duration<double>(Clock::now() - m_start).count();
    }

  private:
    using Clock = std::chrono::steady_clock; ///< The clock
    Clock::time_point m_start;               ///< When it started
};

/**
 * @ingroup edge-inference
 * @brief Median of a sample (the mean of the two middle values for an even count).
 * @param [in] samples the values (at least one)
 * @return the median
 */
inline double
Median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    return n % 2 == 1 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
}

/**
 * @ingroup edge-inference
 * @brief The verdict word of a target line.
 * @param [in] isMet whether the target is met
 * @return "PASS" or "MISS"
 */
inline const char*
Verdict(bool isMet)
{
    return isMet ? "PASS" : "MISS";
}

/**
 * @ingroup edge-inference
 * @brief Run size chosen on the command line: --quick (CTest smoke test), --full, or neither
 * (default). A benchmark without a full sweep offers only --quick.
 */
class RunMode
{
  public:
    /**
     * @brief Add --quick (and --full if fullHelp is not empty) to a command line.
     * @param [in,out] cmd the command line (keeps pointers to this object's flags)
     * @param [in] quickHelp help text of --quick
     * @param [in] fullHelp help text of --full ("" = no --full)
     */
    void AddTo(CommandLine& cmd, const std::string& quickHelp, const std::string& fullHelp = "")
    {
        cmd.AddValue("quick", quickHelp, m_isQuick);
        if (!fullHelp.empty())
        {
            cmd.AddValue("full", fullHelp, m_isFull);
        }
    }

    /**
     * @brief Check the flags after parsing; prints "<program>: --quick and --full exclude each
     * other" to std::cerr when both are given.
     * @param [in] program the program name
     * @param [in,out] err where the error goes
     * @return false if both are given
     */
    bool Check(const std::string& program, std::ostream& err) const
    {
        if (m_isQuick && m_isFull)
        {
            err << program << ": --quick and --full exclude each other\n";
            return false;
        }
        return true;
    }

    /// @return whether --quick was given
    bool IsQuick() const { return m_isQuick; }

    /// @return whether --full was given
    bool IsFull() const { return m_isFull; }

    /// @return whether neither was given
    bool IsDefault() const { return !m_isQuick && !m_isFull; }

    /// @return "quick", "full" or "default"
    std::string GetName() const { return m_isQuick ? "quick" : (m_isFull ? "full" : "default"); }

    /**
     * @brief The value for this mode.
     * @tparam T the value type
     * @param [in] quick the value with --quick
     * @param [in] normal the value by default
     * @param [in] full the value with --full
     * @return a copy of one of them
     */
    template<typename T>
    T Pick(const T& quick, const T& normal, const T& full) const
    {
        return m_isQuick ? quick : (m_isFull ? full : normal);
    }

  private:
    bool m_isQuick{false}; ///< --quick
    bool m_isFull{false};  ///< --full
};

/**
 * @ingroup edge-inference
 * @brief The last line of a benchmark, which its CTest matches: "<program>: done (<label>)".
 * @param [in] program the program name
 * @param [in] label e.g. the mode name ("" = no parenthesis)
 * @return the line, without a newline
 */
inline std::string
DoneLine(const std::string& program, const std::string& label)
{
    return program + ": done" + (label.empty() ? "" : " (" + label + ")");
}

/**
 * @ingroup edge-inference
 * @brief Parse a comma-separated list of counts, such as "--ues=10,50,100".
 * @param [in] text the list
 * @param [in] maxCount the largest accepted count (the smallest is 1)
 * @param [out] counts the counts (appended)
 * @param [out] badEntry the first entry that is not a whole number in [1, maxCount]
 * @return false at a bad entry
 */
inline bool
ParseCounts(const std::string& text,
            uint32_t maxCount,
            std::vector<uint32_t>& counts,
            std::string& badEntry)
{
    std::istringstream is(text);
    std::string tok;
    while (std::getline(is, tok, ','))
    {
        std::istringstream ts(tok);
        long long v = 0;
        if (!(ts >> v) || !ts.eof() || v < 1 || v > static_cast<long long>(maxCount))
        {
            badEntry = tok;
            return false;
        }
        counts.push_back(static_cast<uint32_t>(v));
    }
    return true;
}

/**
 * @ingroup edge-inference
 * @brief A table cell: its text right-aligned in a fixed width (std::setw).
 */
struct Cell
{
    int width;        ///< Width, characters
    std::string text; ///< Text
};

/**
 * @ingroup edge-inference
 * @brief Print cells one after the other, right-aligned, with no newline.
 * @param [in,out] os the stream
 * @param [in] cells the cells
 */
inline void
PrintCells(std::ostream& os, const std::vector<Cell>& cells)
{
    for (const Cell& c : cells)
    {
        os << std::setw(c.width) << c.text;
    }
}

/**
 * @ingroup edge-inference
 * @brief Left-align a label in a fixed width (row names of a table).
 * @param [in] text the label
 * @param [in] width the width; a longer label is kept whole
 * @return the label followed by spaces up to width
 */
inline std::string
PadRight(const std::string& text, size_t width)
{
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

/**
 * @ingroup edge-inference
 * @brief Format a number with a fixed number of decimals.
 * @param [in] x the number
 * @param [in] decimals decimals
 * @return the text
 */
inline std::string
Fixed(double x, int decimals)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(decimals) << x;
    return os.str();
}

/**
 * @ingroup edge-inference
 * @brief Least-squares slope of y versus x (growth exponents: pass logarithms).
 * @param [in] xy the points
 * @return the slope; NaN with fewer than 2 points or all x equal
 */
inline double
LeastSquaresSlope(const std::vector<std::pair<double, double>>& xy)
{
    if (xy.size() < 2)
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    double mx = 0;
    double my = 0;
    for (const auto& p : xy)
    {
        mx += p.first;
        my += p.second;
    }
    mx /= xy.size();
    my /= xy.size();
    double sxy = 0;
    double sxx = 0;
    for (const auto& p : xy)
    {
        sxy += (p.first - mx) * (p.second - my);
        sxx += (p.first - mx) * (p.first - mx);
    }
    return sxx > 0 ? sxy / sxx : std::numeric_limits<double>::quiet_NaN();
}

} // namespace bench
} // namespace edgeinference
} // namespace ns3

#endif // EDGE_INFERENCE_BENCH_UTIL_H
