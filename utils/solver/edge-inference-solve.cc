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
 * SlideSolver, PartialLoadingSolver, BatchingEarlyExitSolver, and for DTO-EE
 * DtoEeSolver (centralised and baselines) and DtoEeDistributed (message-passing
 * agents, run for a number of rounds without a network), and NomaSplitSolver (Li-GD,
 * exhaustive GD and the baselines of NOMA split inference).
 */

#include "ns3/batching-json.h"
#include "ns3/dto-ee-json.h"
#include "ns3/json-node.h"
#include "ns3/noma-split-json.h"
#include "ns3/partial-loading-json.h"
#include "ns3/slide-json.h"

#include <algorithm>
#include <array>
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

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::json;

namespace
{

/// Program name used in messages.
constexpr const char* PROGRAM = "edge-inference-solve";

/// Exit status of a successful run (also when nobody can be served).
constexpr int EXIT_OK = 0;

/// Exit status when the output cannot be written or an unexpected error occurs.
constexpr int EXIT_ERROR = 1;

/// Exit status of a bad command line or a bad input.
constexpr int EXIT_BAD_INPUT = 2;

/// The problems.
enum class Problem
{
    SLIDE,               ///< SlideSolver
    PARTIAL_LOADING,     ///< PartialLoadingSolver
    BATCHING_EARLY_EXIT, ///< BatchingEarlyExitSolver
    DTO_EE,              ///< DtoEeSolver, DtoEeDistributed
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
            return SlideAlgorithms();
        case Problem::PARTIAL_LOADING:
            return PartialLoadingAlgorithms();
        case Problem::BATCHING_EARLY_EXIT:
            return BatchingEarlyExitAlgorithms();
        case Problem::DTO_EE:
            return DtoEeAlgorithms();
        case Problem::NOMA_SPLIT:
            return NomaSplitAlgorithms();
    }
    return {};
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
            return SlideSchema();
        case Problem::PARTIAL_LOADING:
            return PartialLoadingSchema();
        case Problem::BATCHING_EARLY_EXIT:
            return BatchingEarlyExitSchema();
        case Problem::DTO_EE:
            return DtoEeSchema();
        case Problem::NOMA_SPLIT:
            return NomaSplitSchema();
    }
    return {};
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
 * @return the options; throws JsonInputError for an unknown or malformed argument
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
            throw JsonInputError("unknown or incomplete argument '" + arg + "' (see --help)");
        }
        if (value.empty())
        {
            throw JsonInputError("empty value in '" + arg + "'");
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
            throw JsonInputError("unknown argument '" + arg + "' (see --help)");
        }
    }
    return o;
}

/**
 * @param [in] name a problem name from the command line or the input
 * @param [in] where where the name comes from, for the message
 * @return the problem; throws JsonInputError if the name is unknown
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
        throw JsonInputError(where + ": unknown problem \"" + name + "\" (expected one of " +
                             Join(names, true) + ")");
    }
    return *p;
}

/**
 * @param [in] problem the problem
 * @param [in] name an algorithm name, or nothing for the default
 * @return its canonical name; throws JsonInputError if it is not an algorithm of the problem
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
    throw JsonInputError("--algorithm: unknown algorithm \"" + *name + "\" for problem " +
                         ProblemName(problem) + " (expected one of " + Join(names, true) + ")");
}

/**
 * @param [in] is a stream
 * @return at most MAX_DOCUMENT_BYTES + 1 bytes of it: enough for ParseDocument to reject a
 *         larger input without reading all of it
 */
std::string
ReadBounded(std::istream& is)
{
    std::string text;
    std::array<char, 65536> buffer{};
    while (text.size() <= MAX_DOCUMENT_BYTES && is)
    {
        is.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        text.append(buffer.data(), static_cast<size_t>(is.gcount()));
    }
    return text;
}

/**
 * @param [in] path a file name, or "-" for standard input
 * @return the whole text (cut after MAX_DOCUMENT_BYTES + 1 bytes); throws JsonInputError if
 *         the file cannot be read
 */
std::string
ReadText(const std::string& path)
{
    if (path == "-")
    {
        return ReadBounded(std::cin);
    }
    std::error_code error;
    if (std::filesystem::is_directory(path, error))
    {
        throw JsonInputError("input '" + path + "' is a directory");
    }
    std::ifstream is(path, std::ios::binary);
    if (!is)
    {
        throw JsonInputError("cannot open input file '" + path + "'");
    }
    std::string text = ReadBounded(is);
    if (is.bad())
    {
        throw JsonInputError("error while reading '" + path + "'");
    }
    return text;
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
    const JsonNode root(document, "");
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
        throw JsonInputError("no problem given: use --problem or a \"problem\" field in the input");
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
            out = SlideSolve(root, algorithm);
            break;
        case Problem::PARTIAL_LOADING:
            out = PartialLoadingSolve(root, algorithm);
            break;
        case Problem::BATCHING_EARLY_EXIT:
            out = BatchingEarlyExitSolve(root, algorithm);
            break;
        case Problem::DTO_EE:
            out = DtoEeSolve(root, algorithm);
            break;
        case Problem::NOMA_SPLIT:
            out = NomaSplitSolve(root, algorithm);
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
    catch (const JsonInputError& e)
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
