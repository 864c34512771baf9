/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief Seeded mutation fuzzer of the JSON solver's readers and solvers, and of the packet
 * headers' Deserialize.
 *
 *     edge-inference-fuzz [--mode=all|json|headers] [--budget=N] [--seed=S]
 *                         [--inputs=DIR] [--dump=I] [--verbose]
 *
 * json mode: mutates the example inputs DIR/\*.json (utils/solver/inputs) with a
 * std::mt19937_64 seeded by --seed (the same seed and budget give the same inputs): byte
 * flips, insertions of digits, brackets and quotes, numbers replaced by extreme values
 * (1e309, -0, 4e-320, huge integers, "nan", "-inf", ...), deleted fields, duplicated array
 * elements, deep nesting. Each of the --budget inputs goes through the code of
 * edge-inference-solve (ParseDocument, then the problem's XxxSolve with its default
 * algorithm or, one time in four, a random algorithm of the problem, except exhaustive-gd,
 * whose time is exponential by design and capped only by solver.maxConfigurations) and is
 * classified as
 * ok, rejected (JsonInputError: exit status 2 of the solver), internal error (any other
 * exception: exit status 1) or slow (over 2 s wall time). --dump=I prints the I-th mutated
 * input and exits, to reproduce a finding with the solver.
 *
 * headers mode: feeds 20 x --budget random buffers (random bytes, or a valid header with
 * flipped bytes) to the Deserialize of every packet header of the module through an
 * ns3::Packet (AddAtEnd, PeekHeader, RemoveHeader, then Print and AddHeader again). The
 * buffers are at least as long as the header's fixed part: like ns-3's own headers, a
 * fixed-size header relies on its receiver to check the packet size first.
 *
 * The exit status is 1 if any run was an internal error or over 2 s (a crash ends the
 * process with a signal), else 0.
 */

#include "ns3/batching-json.h"
#include "ns3/collaborative-inference-header.h"
#include "ns3/dto-ee-json.h"
#include "ns3/inference-request-header.h"
#include "ns3/json-node.h"
#include "ns3/layer-header.h"
#include "ns3/noma-net-device.h"
#include "ns3/noma-split-json.h"
#include "ns3/offloading-header.h"
#include "ns3/packet.h"
#include "ns3/partial-loading-json.h"
#include "ns3/slide-grant-header.h"
#include "ns3/slide-json.h"
#include "ns3/split-inference-header.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef EI_FUZZ_INPUTS
/// Default input directory: test.py runs the tools from the top of the ns-3 tree.
#    define EI_FUZZ_INPUTS "contrib/edge-inference/utils/solver/inputs"
#endif

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::json;

namespace
{

/// Wall time above which a run counts as slow, s.
constexpr double SLOW_S = 2.0;

/// Header inputs per unit of --budget.
constexpr uint64_t HEADER_RUNS_PER_BUDGET = 20;

/// Outcome counts of one mode.
struct Counts
{
    uint64_t ok{0};       ///< Solved (or deserialized)
    uint64_t rejected{0}; ///< JsonInputError
    uint64_t internal{0}; ///< Any other exception
    uint64_t slow{0};     ///< Over SLOW_S
    double maxS{0.0};     ///< Slowest run, s
};

/// Extreme replacements for a number or a value.
const std::vector<std::string> EXTREMES{
    "1e309",
    "-1e309",
    "-0",
    "0",
    "-0.0",
    "4e-320",
    "-4e-320",
    "2.2250738585072014e-308",
    "1e-300",
    "1e308",
    "1.7976931348623157e308",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999",
    "-9223372036854775809",
    "9007199254740993",
    "-1",
    "1e18",
    "0.5",
    "\"nan\"",
    "\"NaN\"",
    "\"-inf\"",
    "\"inf\"",
    "\"Infinity\"",
    "\"-Infinity\"",
    "\"\"",
    "null",
    "true",
    "[]",
    "{}",
    "[1e309]",
};

/// Characters inserted by the byte mutations.
const std::string INSERTED = "0123456789[]{}\",:-+.eE \\";

/// Placeholder replaced by a raw token after dumping a mutated document.
const std::string PLACEHOLDER = "@@EI-FUZZ@@";

/**
 * @param [in] rng the generator
 * @param [in] n the number of choices (> 0)
 * @return a uniform index in [0, n)
 */
size_t
Pick(std::mt19937_64& rng, size_t n)
{
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
}

/**
 * @brief Collect pointers to every value of a document (pre-order, the root first).
 * @param [in] value the document
 * @param [out] out the values
 */
void
CollectValues(Json& value, std::vector<Json*>& out)
{
    out.push_back(&value);
    if (value.is_object() || value.is_array())
    {
        for (auto& child : value)
        {
            CollectValues(child, out);
        }
    }
}

/**
 * @brief One structural mutation of a parsed document.
 * @param [in,out] doc the document
 * @param [in] rng the generator
 * @param [out] raw a raw token to put where the placeholder string is, if any
 */
void
MutateTree(Json& doc, std::mt19937_64& rng, std::string& raw)
{
    std::vector<Json*> values;
    CollectValues(doc, values);
    Json& v = *values[Pick(rng, values.size())];
    switch (Pick(rng, 6))
    {
        case 0: // replace a value by an extreme (raw text, so 1e309 stays 1e309)
            raw = EXTREMES[Pick(rng, EXTREMES.size())];
            v = PLACEHOLDER;
            break;
        case 1: // delete a field or an element
            if (v.is_object() && !v.empty())
            {
                auto it = v.begin();
                std::advance(it, static_cast<std::ptrdiff_t>(Pick(rng, v.size())));
                v.erase(it.key());
            }
            else if (v.is_array() && !v.empty())
            {
                v.erase(v.begin() + static_cast<std::ptrdiff_t>(Pick(rng, v.size())));
            }
            break;
        case 2: // duplicate elements of an array (at most 8 times as many)
            if (v.is_array() && !v.empty())
            {
                const size_t n = v.size();
                const size_t copies = 1 + Pick(rng, 7);
                for (size_t c = 0; c < copies; ++c)
                {
                    for (size_t i = 0; i < n; ++i)
                    {
                        v.push_back(v[i]);
                    }
                }
            }
            break;
        case 3: // scale a number
            if (v.is_number())
            {
                static const std::array<double, 8> factors{
                    0.0, -1.0, 1e-12, 1e-3, 2.0, 1e3, 1e12, 1e300};
                v = v.get<double>() * factors[Pick(rng, factors.size())];
            }
            break;
        case 4: // wrap a value in nesting around the limit, or far beyond it
        {
            static const std::array<size_t, 6> depths{1, 2, 62, 63, 64, 100000};
            const size_t depth = depths[Pick(rng, depths.size())];
            raw = std::string(depth, '[') + v.dump() + std::string(depth, ']');
            v = PLACEHOLDER;
            break;
        }
        default: // change a type: number <-> string, value -> array of it
            if (v.is_number())
            {
                v = v.dump();
            }
            else if (v.is_string())
            {
                v = Json::array({v});
            }
            else
            {
                v = nullptr;
            }
            break;
    }
}

/**
 * @brief One byte-level mutation of a text.
 * @param [in,out] text the text
 * @param [in] rng the generator
 */
void
MutateBytes(std::string& text, std::mt19937_64& rng)
{
    if (text.empty())
    {
        text = "{";
        return;
    }
    const size_t pos = Pick(rng, text.size());
    switch (Pick(rng, 4))
    {
        case 0: // flip one bit
            text[pos] = static_cast<char>(text[pos] ^ (1 << Pick(rng, 8)));
            break;
        case 1: // insert a character
            text.insert(pos, 1, INSERTED[Pick(rng, INSERTED.size())]);
            break;
        case 2: // delete a short range
            text.erase(pos, 1 + Pick(rng, 8));
            break;
        default: // replace the number starting at or after pos by an extreme
        {
            size_t start = text.find_first_of("-0123456789", pos);
            if (start == std::string::npos)
            {
                break;
            }
            size_t end = text.find_first_not_of("-+.0123456789eE", start);
            if (end == std::string::npos)
            {
                end = text.size();
            }
            text.replace(start, end - start, EXTREMES[Pick(rng, EXTREMES.size())]);
            break;
        }
    }
}

/// An example input of the solver.
struct Seed
{
    std::string name; ///< File name
    std::string text; ///< Contents
};

/**
 * @param [in] dir a directory
 * @return its *.json files, sorted by name
 */
std::vector<Seed>
ReadSeeds(const std::string& dir)
{
    std::vector<Seed> seeds;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
    {
        if (entry.path().extension() != ".json")
        {
            continue;
        }
        std::ifstream is(entry.path(), std::ios::binary);
        std::ostringstream oss;
        oss << is.rdbuf();
        seeds.push_back({entry.path().filename().string(), oss.str()});
    }
    std::sort(
        seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) { return a.name < b.name; });
    return seeds;
}

/// A mutated input and the algorithm to run on it.
struct Case
{
    std::string seedName; ///< File it comes from
    std::string text;     ///< Mutated text
    size_t algorithmDraw; ///< Picks the algorithm (0 = the default)
};

/**
 * @param [in] seeds the example inputs
 * @param [in] rng the generator
 * @return the next mutated input
 */
Case
MakeCase(const std::vector<Seed>& seeds, std::mt19937_64& rng)
{
    const Seed& seed = seeds[Pick(rng, seeds.size())];
    Case c{seed.name, seed.text, 0};
    const size_t nTree = Pick(rng, 3);
    if (nTree > 0)
    {
        try
        {
            Json doc = Json::parse(seed.text);
            std::string raw;
            for (size_t i = 0; i < nTree; ++i)
            {
                MutateTree(doc, rng, raw);
            }
            c.text = doc.dump();
            const size_t at = c.text.find("\"" + PLACEHOLDER + "\"");
            if (at != std::string::npos)
            {
                c.text.replace(at, PLACEHOLDER.size() + 2, raw);
            }
        }
        catch (const Json::exception&)
        {
            // a malformed example (none today): mutate its bytes only
        }
    }
    const size_t nBytes = nTree == 0 ? 1 + Pick(rng, 4) : Pick(rng, 2);
    for (size_t i = 0; i < nBytes; ++i)
    {
        MutateBytes(c.text, rng);
    }
    c.algorithmDraw = Pick(rng, 4) == 0 ? 1 + Pick(rng, 1000) : 0;
    return c;
}

/**
 * @brief What edge-inference-solve does with an input (Run() without the files).
 * @param [in] text the input
 * @param [in] algorithmDraw 0 for the default algorithm, else picks one of the problem's
 * @return the output document
 */
Json
Solve(const std::string& text, size_t algorithmDraw)
{
    const Json document = ParseDocument(text);
    const JsonNode root(document, "");
    if (!document.is_object())
    {
        root.Fail("a JSON object");
    }
    const std::string problem = Normalise(ReadString(root.Require("problem")));
    using SolveFn = Json (*)(const JsonNode&, const std::string&);
    using AlgorithmsFn = std::vector<AlgorithmInfo> (*)();
    SolveFn solve = nullptr;
    AlgorithmsFn algorithms = nullptr;
    if (problem == "slide")
    {
        solve = &SlideSolve;
        algorithms = &SlideAlgorithms;
    }
    else if (problem == "partial-loading")
    {
        solve = &PartialLoadingSolve;
        algorithms = &PartialLoadingAlgorithms;
    }
    else if (problem == "batching-early-exit")
    {
        solve = &BatchingEarlyExitSolve;
        algorithms = &BatchingEarlyExitAlgorithms;
    }
    else if (problem == "dto-ee")
    {
        solve = &DtoEeSolve;
        algorithms = &DtoEeAlgorithms;
    }
    else if (problem == "noma-split")
    {
        solve = &NomaSplitSolve;
        algorithms = &NomaSplitAlgorithms;
    }
    else
    {
        root.Require("problem").Fail("a problem name");
    }
    std::vector<AlgorithmInfo> list;
    for (const AlgorithmInfo& a : algorithms())
    {
        // exponential by design (doc/solver.rst: "impractical" beyond small instances)
        if (a.name != "exhaustive-gd")
        {
            list.push_back(a);
        }
    }
    const std::string algorithm = list[algorithmDraw % list.size()].name;
    if (auto n = root.Find("description"))
    {
        ReadString(*n, false);
    }
    return solve(root, algorithm);
}

/**
 * @param [in] a start
 * @return seconds since @p a
 */
double
Since(std::chrono::steady_clock::time_point a)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
}

/**
 * @brief Run the json mode.
 * @param [in] seeds the example inputs
 * @param [in] seed the generator seed
 * @param [in] budget the number of mutated inputs
 * @param [in] isVerbose print every rejection message
 * @return the counts
 */
Counts
FuzzJson(const std::vector<Seed>& seeds, uint64_t seed, uint64_t budget, bool isVerbose)
{
    std::mt19937_64 rng(seed);
    Counts counts;
    for (uint64_t i = 0; i < budget; ++i)
    {
        const Case c = MakeCase(seeds, rng);
        const auto start = std::chrono::steady_clock::now();
        std::string problem;
        try
        {
            Solve(c.text, c.algorithmDraw).dump();
            ++counts.ok;
        }
        catch (const JsonInputError& e)
        {
            ++counts.rejected;
            if (isVerbose)
            {
                std::cout << "  #" << i << " " << c.seedName << ": rejected: " << e.what() << "\n";
            }
        }
        catch (const std::exception& e)
        {
            ++counts.internal;
            std::cout << "  #" << i << " " << c.seedName << ": INTERNAL ERROR: " << e.what()
                      << " (reproduce: --seed=" << seed << " --dump=" << i << ")" << std::endl;
        }
        const double s = Since(start);
        counts.maxS = std::max(counts.maxS, s);
        if (s > SLOW_S)
        {
            ++counts.slow;
            std::cout << "  #" << i << " " << c.seedName << ": SLOW " << s
                      << " s (reproduce: --seed=" << seed << " --dump=" << i << ")" << std::endl;
        }
    }
    return counts;
}

/**
 * @brief Feed random buffers to one header type.
 * @param [in] name the header's name
 * @param [in] rng the generator
 * @param [in] runs the number of buffers
 * @param [in,out] counts the counts (ok, or internal for an exception)
 */
template<typename H>
void
FuzzHeader(const std::string& name, std::mt19937_64& rng, uint64_t runs, Counts& counts)
{
    // the serialized form of a default header: the seed of the byte-flip inputs, and the
    // length of the fixed part
    Packet valid;
    valid.AddHeader(H());
    std::vector<uint8_t> validBytes(valid.GetSize());
    valid.CopyData(validBytes.data(), validBytes.size());
    const size_t fixed = validBytes.size();
    for (uint64_t r = 0; r < runs; ++r)
    {
        const size_t length = fixed + Pick(rng, 300);
        std::vector<uint8_t> bytes(length);
        for (auto& b : bytes)
        {
            b = static_cast<uint8_t>(rng());
        }
        if (Pick(rng, 2) == 0)
        {
            // a valid header (magic, version) with a few bytes changed
            std::copy(validBytes.begin(), validBytes.end(), bytes.begin());
            const size_t flips = 1 + Pick(rng, 4);
            for (size_t f = 0; f < flips; ++f)
            {
                bytes[Pick(rng, fixed)] = static_cast<uint8_t>(rng());
            }
        }
        try
        {
            Ptr<Packet> p = Create<Packet>();
            p->AddAtEnd(Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size())));
            H peeked;
            p->PeekHeader(peeked);
            H h;
            const uint32_t read = p->RemoveHeader(h);
            if (read > length || read != peeked.GetSerializedSize())
            {
                throw std::logic_error("Deserialize read " + std::to_string(read) + " bytes of " +
                                       std::to_string(length));
            }
            std::ostringstream oss;
            h.Print(oss);
            Packet again;
            again.AddHeader(h);
            ++counts.ok;
        }
        catch (const std::exception& e)
        {
            ++counts.internal;
            std::cout << "  " << name << " run " << r << ": INTERNAL ERROR: " << e.what() << "\n";
        }
    }
}

/**
 * @brief Run the headers mode.
 * @param [in] seed the generator seed
 * @param [in] runs buffers per header type
 * @return the counts
 */
Counts
FuzzHeaders(uint64_t seed, uint64_t runs)
{
    std::mt19937_64 rng(seed);
    Counts counts;
    FuzzHeader<InferenceRequestHeader>("InferenceRequestHeader", rng, runs, counts);
    FuzzHeader<LayerHeader>("LayerHeader", rng, runs, counts);
    FuzzHeader<SlideGrantHeader>("SlideGrantHeader", rng, runs, counts);
    FuzzHeader<OffloadingHeader>("OffloadingHeader", rng, runs, counts);
    FuzzHeader<SplitInferenceHeader>("SplitInferenceHeader", rng, runs, counts);
    FuzzHeader<CollaborativeInferenceHeader>("CollaborativeInferenceHeader", rng, runs, counts);
    FuzzHeader<NomaSegmentHeader>("NomaSegmentHeader", rng, runs, counts);
    return counts;
}

/**
 * @param [in] arg a command-line argument
 * @param [in] key e.g. "--budget="
 * @param [out] value the text after the key
 * @return true if @p arg starts with @p key
 */
bool
Option(const std::string& arg, const std::string& key, std::string& value)
{
    if (arg.compare(0, key.size(), key) != 0)
    {
        return false;
    }
    value = arg.substr(key.size());
    return true;
}

} // namespace

int
main(int argc, char** argv)
{
    std::string mode = "all";
    uint64_t budget = 2000;
    uint64_t seed = 1;
    std::string inputs = EI_FUZZ_INPUTS;
    long long dump = -1;
    bool isVerbose = false;
    try
    {
        for (int i = 1; i < argc; ++i)
        {
            const std::string arg = argv[i];
            std::string value;
            if (Option(arg, "--mode=", value))
            {
                mode = value;
            }
            else if (Option(arg, "--budget=", value))
            {
                budget = std::stoull(value);
            }
            else if (Option(arg, "--seed=", value))
            {
                seed = std::stoull(value);
            }
            else if (Option(arg, "--inputs=", value))
            {
                inputs = value;
            }
            else if (Option(arg, "--dump=", value))
            {
                dump = std::stoll(value);
            }
            else if (arg == "--verbose")
            {
                isVerbose = true;
            }
            else
            {
                std::cerr << "usage: edge-inference-fuzz [--mode=all|json|headers] [--budget=N]"
                             " [--seed=S] [--inputs=DIR] [--dump=I] [--verbose]\n";
                return 2;
            }
        }
        if (mode != "all" && mode != "json" && mode != "headers")
        {
            std::cerr << "edge-inference-fuzz: unknown --mode=" << mode << "\n";
            return 2;
        }
    }
    catch (const std::exception&)
    {
        std::cerr << "edge-inference-fuzz: bad number in the arguments\n";
        return 2;
    }

    bool isFailed = false;
    if (mode == "all" || mode == "json")
    {
        const std::vector<Seed> seeds = ReadSeeds(inputs);
        if (seeds.empty())
        {
            std::cerr << "edge-inference-fuzz: no *.json in " << inputs << "\n";
            return 2;
        }
        if (dump >= 0)
        {
            std::mt19937_64 rng(seed);
            for (long long i = 0; i < dump; ++i)
            {
                MakeCase(seeds, rng);
            }
            const Case c = MakeCase(seeds, rng);
            std::cout << c.text << "\n";
            std::cerr << "from " << c.seedName << ", algorithm draw " << c.algorithmDraw << "\n";
            return 0;
        }
        const auto start = std::chrono::steady_clock::now();
        const Counts c = FuzzJson(seeds, seed, budget, isVerbose);
        std::cout << "json: " << budget << " inputs from " << seeds.size() << " examples, seed "
                  << seed << ": ok " << c.ok << ", rejected " << c.rejected << ", internal errors "
                  << c.internal << ", slow (> " << SLOW_S << " s) " << c.slow << "; slowest "
                  << c.maxS << " s, total " << Since(start) << " s\n";
        isFailed = isFailed || c.internal > 0 || c.slow > 0;
    }
    if (mode == "all" || mode == "headers")
    {
        const auto start = std::chrono::steady_clock::now();
        const uint64_t runs = HEADER_RUNS_PER_BUDGET * budget;
        const Counts c = FuzzHeaders(seed, runs);
        std::cout << "headers: " << runs << " buffers for each of 7 headers, seed " << seed
                  << ": deserialized " << c.ok << ", internal errors " << c.internal
                  << ", crashes 0; total " << Since(start) << " s\n";
        isFailed = isFailed || c.internal > 0;
    }
    std::cout << "edge-inference-fuzz: " << (isFailed ? "FAILED" : "done") << "\n";
    return isFailed ? 1 : 0;
}
