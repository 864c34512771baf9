/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "decision-file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

std::string
RoundFileName(const std::string& pattern, uint32_t round)
{
    std::string out;
    out.reserve(pattern.size() + 8);
    for (size_t i = 0; i < pattern.size(); ++i)
    {
        if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] == 'r')
        {
            out += std::to_string(round);
            ++i;
        }
        else
        {
            out.push_back(pattern[i]);
        }
    }
    return out;
}

json::Json
ReadJsonFile(const std::string& path)
{
    std::ifstream is(path, std::ios::binary);
    if (!is)
    {
        throw json::JsonInputError(path + ": cannot open the file");
    }
    std::ostringstream oss;
    oss << is.rdbuf();
    if (is.bad())
    {
        throw json::JsonInputError(path + ": error while reading the file");
    }
    try
    {
        return json::ParseDocument(oss.str());
    }
    catch (const json::JsonInputError& e)
    {
        throw json::JsonInputError(path + ": " + e.what());
    }
}

void
WriteJsonFile(const std::string& path, const json::Json& document)
{
    std::ofstream os(path, std::ios::binary | std::ios::trunc);
    os << document.dump(2) << "\n";
    os.close();
    if (!os)
    {
        throw std::runtime_error("cannot write the file '" + path + "'");
    }
}

} // namespace edgeinference
} // namespace ns3
