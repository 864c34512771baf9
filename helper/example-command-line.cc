/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "example-command-line.h"

#include "edge-inference-trace-helper.h"
#include "prediction-log.h"

#include "ns3/log.h"
#include "ns3/show-progress.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("ExampleCommandLine");

namespace
{

double g_progressS{0};                    ///< --progress of the last Parse(), s
std::unique_ptr<ShowProgress> g_progress; ///< Progress display of the running simulation

/// Stop the progress display (a destroy event of the simulation)
void
ReleaseProgress()
{
    g_progress.reset();
}

/**
 * Format a number so that it reads back to the same value.
 * @param [in] v the value
 * @return the text
 */
std::string
FormatNumber(double v)
{
    std::ostringstream os;
    os << v;
    if (std::strtod(os.str().c_str(), nullptr) != v)
    {
        os.str("");
        os.precision(17);
        os << v;
    }
    return os.str();
}

/**
 * Strict number: the whole text, finite, no leading blank.
 * @param [in] text the text
 * @param [out] v the value
 * @return true on success
 */
bool
ParseNumber(const std::string& text, double& v)
{
    if (text.empty() || std::isspace(static_cast<unsigned char>(text.front())))
    {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    v = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && errno == 0 && std::isfinite(v);
}

/**
 * Strict signed integer: the whole text, no leading blank.
 * @param [in] text the text
 * @param [out] v the value
 * @return true on success
 */
bool
ParseInteger(const std::string& text, int64_t& v)
{
    if (text.empty() || std::isspace(static_cast<unsigned char>(text.front())))
    {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    v = std::strtoll(text.c_str(), &end, 10);
    return end == text.c_str() + text.size() && errno == 0;
}

/**
 * Join a list with a separator.
 * @tparam T element type
 * @param [in] values the values
 * @param [in] sep the separator
 * @return the text
 */
template<typename T>
std::string
Join(const std::vector<T>& values, const std::string& sep)
{
    std::ostringstream os;
    for (size_t i = 0; i < values.size(); ++i)
    {
        os << (i ? sep : "") << values[i];
    }
    return os.str();
}

/**
 * What an integer flag allows.
 * @param [in] lo smallest value
 * @param [in] hi largest value
 * @param [in] allowed table (overrides lo, hi when not empty)
 * @return the description
 */
std::string
DescribeIntegers(int64_t lo, int64_t hi, const std::vector<uint32_t>& allowed)
{
    std::ostringstream os;
    if (!allowed.empty())
    {
        os << "one of " << Join(allowed, ", ");
    }
    else if (hi == std::numeric_limits<uint32_t>::max())
    {
        os << "an integer >= " << lo;
    }
    else
    {
        os << "an integer in [" << lo << ", " << hi << "]";
    }
    return os.str();
}

/**
 * Whether an integer is allowed.
 * @param [in] v the value
 * @param [in] lo smallest value
 * @param [in] hi largest value
 * @param [in] allowed table (overrides lo, hi when not empty)
 * @return true if allowed
 */
bool
IsAllowedInteger(int64_t v, int64_t lo, int64_t hi, const std::vector<uint32_t>& allowed)
{
    if (!allowed.empty())
    {
        return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
    }
    return v >= lo && v <= hi;
}

} // namespace

ValueRange
ValueRange::Positive()
{
    ValueRange r;
    r.lo = 0;
    r.isLoOpen = true;
    return r;
}

ValueRange
ValueRange::NonNegative()
{
    ValueRange r;
    r.lo = 0;
    return r;
}

ValueRange
ValueRange::Closed(double lo, double hi)
{
    ValueRange r;
    r.lo = lo;
    r.hi = hi;
    return r;
}

ValueRange
ValueRange::LeftOpen(double lo, double hi)
{
    ValueRange r = Closed(lo, hi);
    r.isLoOpen = true;
    return r;
}

ValueRange
ValueRange::Open(double lo, double hi)
{
    ValueRange r = LeftOpen(lo, hi);
    r.isHiOpen = true;
    return r;
}

bool
ValueRange::Contains(double v) const
{
    if (!std::isfinite(v))
    {
        return false;
    }
    const bool aboveLo = isLoOpen ? v > lo : v >= lo;
    const bool belowHi = isHiOpen ? v < hi : v <= hi;
    return aboveLo && belowHi;
}

std::string
ValueRange::Describe() const
{
    std::ostringstream os;
    if (std::isinf(hi))
    {
        os << "a number " << (isLoOpen ? "> " : ">= ") << FormatNumber(lo);
    }
    else
    {
        os << "a number in " << (isLoOpen ? "(" : "[") << FormatNumber(lo) << ", "
           << FormatNumber(hi) << (isHiOpen ? ")" : "]");
    }
    return os.str();
}

ExampleCommandLine::ExampleCommandLine(const std::string& file)
    : m_cmd(file)
{
    m_program = m_cmd.GetName();
    Usage("");
    m_cmd.AddValue("traces",
                   "Write per-task and per-event traces (CSV + SQLite) to PREFIX-tasks.csv, "
                   "PREFIX-events.csv, PREFIX.db (\"\": none; doc section Traces)",
                   m_tracesPrefix);
    AddNumber("progress",
              "Show simulation progress on stderr every this many wall-clock seconds (0: off)",
              m_progressS,
              ValueRange::NonNegative());
}

void
ExampleCommandLine::Usage(const std::string& text)
{
    m_cmd.Usage(
        text + (text.empty() ? "" : "\n\n") +
        "Every value is checked: a count, number or list entry that is malformed, has trailing "
        "text or is out of its range prints \"" +
        m_program +
        ": --<flag>=<value>: <what is allowed>\" and exits with status 2.\n"
        "Randomness: --RngRun=<n> (and --RngSeed=<n>), ns-3's global values, select the "
        "random draws; there is no private --run flag.");
}

void
ExampleCommandLine::Add(const std::string& name,
                        const std::string& help,
                        const std::string& defaultText,
                        std::function<void(const Item&)> set)
{
    auto item = std::make_unique<Item>();
    item->name = name;
    item->text = defaultText;
    item->defaultText = defaultText;
    item->set = std::move(set);
    m_cmd.AddValue(name, help, item->text);
    m_items.push_back(std::move(item));
}

void
ExampleCommandLine::AddCount(
    const std::string& name, const std::string& help, uint32_t& value, int64_t lo, int64_t hi)
{
    Add(name,
        help,
        std::to_string(value),
        [this, &value, lo, hi](const Item& item)
        {
            int64_t v = 0;
            if (!ParseInteger(item.text, v) || !IsAllowedInteger(v, lo, hi, {}))
            {
                Fail(item.name, item.text, DescribeIntegers(lo, hi, {}));
            }
            value = static_cast<uint32_t>(v);
        });
}

void
ExampleCommandLine::AddChoice(const std::string& name,
                              const std::string& help,
                              uint32_t& value,
                              const std::vector<uint32_t>& allowed)
{
    Add(name,
        help,
        std::to_string(value),
        [this, &value, allowed](const Item& item)
        {
            int64_t v = 0;
            if (!ParseInteger(item.text, v) || !IsAllowedInteger(v, 0, 0, allowed))
            {
                Fail(item.name, item.text, DescribeIntegers(0, 0, allowed));
            }
            value = static_cast<uint32_t>(v);
        });
}

void
ExampleCommandLine::AddNumber(const std::string& name,
                              const std::string& help,
                              double& value,
                              const ValueRange& range)
{
    Add(name,
        help,
        FormatNumber(value),
        [this, &value, range](const Item& item)
        {
            double v = 0;
            if (!ParseNumber(item.text, v) || !range.Contains(v))
            {
                Fail(item.name, item.text, range.Describe());
            }
            value = v;
        });
}

void
ExampleCommandLine::AddName(const std::string& name,
                            const std::string& help,
                            std::string& value,
                            const std::vector<std::string>& allowed,
                            bool ignoreCase)
{
    Add(name,
        help,
        value,
        [this, &value, allowed, ignoreCase](const Item& item)
        {
            auto lower = [](std::string t)
            {
                std::transform(
                    t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
                return t;
            };
            const bool isKnown =
                std::any_of(allowed.begin(),
                            allowed.end(),
                            [&](const std::string& a)
                            { return ignoreCase ? lower(a) == lower(item.text) : a == item.text; });
            if (!isKnown)
            {
                Fail(item.name, item.text, "one of " + Join(allowed, ", "));
            }
            value = item.text;
        });
}

void
ExampleCommandLine::AddNumberList(const std::string& name,
                                  const std::string& help,
                                  std::vector<double>& values,
                                  const ValueRange& range)
{
    std::vector<std::string> texts;
    for (double v : values)
    {
        texts.push_back(FormatNumber(v));
    }
    Add(name,
        help,
        Join(texts, ","),
        [this, &values, range](const Item& item)
        {
            std::vector<double> out;
            for (const std::string& entry : SplitCommaList(item.text))
            {
                double v = 0;
                if (!ParseNumber(entry, v) || !range.Contains(v))
                {
                    Fail(item.name,
                         item.text,
                         "a comma-separated list of numbers, each " + range.Describe().substr(9) +
                             " (bad entry '" + entry + "')");
                }
                out.push_back(v);
            }
            values = out;
        });
}

void
ExampleCommandLine::AddCountList(const std::string& name,
                                 const std::string& help,
                                 std::vector<uint32_t>& values,
                                 int64_t lo,
                                 int64_t hi,
                                 const std::vector<uint32_t>& allowed)
{
    Add(name,
        help,
        Join(values, ","),
        [this, &values, lo, hi, allowed](const Item& item)
        {
            std::vector<uint32_t> out;
            for (const std::string& entry : SplitCommaList(item.text))
            {
                int64_t v = 0;
                if (!ParseInteger(entry, v) || !IsAllowedInteger(v, lo, hi, allowed))
                {
                    Fail(item.name,
                         item.text,
                         "a comma-separated list, each entry " + DescribeIntegers(lo, hi, allowed) +
                             " (bad entry '" + entry + "')");
                }
                out.push_back(static_cast<uint32_t>(v));
            }
            values = out;
        });
}

void
ExampleCommandLine::AddNameList(const std::string& name,
                                const std::string& help,
                                std::vector<std::string>& values,
                                const std::vector<std::string>& allowed)
{
    Add(name,
        help,
        Join(values, ","),
        [this, &values, allowed](const Item& item)
        {
            std::vector<std::string> out = SplitCommaList(item.text);
            for (const std::string& entry : out)
            {
                if (std::find(allowed.begin(), allowed.end(), entry) == allowed.end())
                {
                    Fail(item.name,
                         item.text,
                         "a comma-separated list of " + Join(allowed, ", ") + " (bad entry '" +
                             entry + "')");
                }
            }
            values = out;
        });
}

void
ExampleCommandLine::Parse(int argc, char* argv[])
{
    // ns-3's global values RngRun and RngSeed abort on a malformed value: check them first
    for (int i = 1; i < argc; ++i)
    {
        std::string arg(argv[i]);
        arg.erase(0, arg.find_first_not_of('-'));
        const size_t eq = arg.find('=');
        const std::string name = arg.substr(0, eq);
        if (eq == std::string::npos || (name != "RngRun" && name != "RngSeed"))
        {
            continue;
        }
        const std::string text = arg.substr(eq + 1);
        const int64_t lo = name == "RngSeed" ? 1 : 0;
        const int64_t hi = name == "RngSeed" ? std::numeric_limits<uint32_t>::max()
                                             : std::numeric_limits<int64_t>::max();
        int64_t v = 0;
        if (!ParseInteger(text, v) || v < lo || v > hi)
        {
            Fail(name, text, DescribeIntegers(lo, hi, {}));
        }
    }
    std::string predictionLog;
    m_cmd.AddValue("predictionLog",
                   "CSV file receiving one row per user and predicted quantity (predicted, "
                   "measured, relative error, outcome), as read by utils/fidelity-report.py; "
                   "empty: none",
                   predictionLog);
    m_cmd.Parse(argc, argv);
    for (const auto& item : m_items)
    {
        item->set(*item);
    }
    if (!predictionLog.empty())
    {
        try
        {
            PredictionLog::Open(predictionLog, m_program);
        }
        catch (const std::invalid_argument&)
        {
            Fail("predictionLog", predictionLog, "a file that can be written");
        }
    }
    EdgeInferenceTraceHelper::RequestTraces(m_tracesPrefix);
    g_progressS = m_progressS;
}

void
ExampleCommandLine::PrepareRun()
{
    EdgeInferenceTraceHelper::EnableRequestedTraces();
    if (g_progressS > 0)
    {
        // on stderr, so the printed tables stay byte-identical; released before the
        // simulator is destroyed
        g_progress = std::make_unique<ShowProgress>(Seconds(g_progressS), std::cerr);
        Simulator::ScheduleDestroy(&ReleaseProgress);
    }
}

void
ExampleCommandLine::CheckOrdered(const std::string& minFlag,
                                 double minValue,
                                 const std::string& maxFlag,
                                 double maxValue) const
{
    if (!(minValue <= maxValue))
    {
        Fail(maxFlag,
             GetText(maxFlag),
             "a number >= --" + minFlag + " (" + FormatNumber(minValue) + ")");
    }
}

std::string
ExampleCommandLine::GetText(const std::string& name) const
{
    for (const auto& item : m_items)
    {
        if (item->name == name)
        {
            return item->text;
        }
    }
    NS_ABORT_MSG("ExampleCommandLine: no checked flag --" << name);
    return "";
}

void
ExampleCommandLine::Fail(const std::string& flag,
                         const std::string& value,
                         const std::string& allowed) const
{
    std::cerr << m_program << ": --" << flag << "=" << value << ": " << allowed << std::endl;
    std::exit(EXIT_INVALID);
}

std::string
ExampleCommandLine::GetProgramName() const
{
    return m_program;
}

int
ExampleCommandLine::Run(const std::string& file,
                        int argc,
                        char* argv[],
                        const std::function<int(int, char*[])>& body)
{
    try
    {
        return body(argc, argv);
    }
    catch (const std::exception& e)
    {
        std::cerr << CommandLine(file).GetName() << ": " << e.what() << std::endl;
        return EXIT_INVALID;
    }
}

std::vector<std::string>
SplitCommaList(const std::string& text)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true)
    {
        const size_t comma = text.find(',', start);
        out.push_back(text.substr(start, comma - start));
        if (comma == std::string::npos)
        {
            return out;
        }
        start = comma + 1;
    }
}

std::vector<uint32_t>
LteBandwidthTable()
{
    return {6, 15, 25, 50, 75, 100};
}

} // namespace edgeinference
} // namespace ns3
