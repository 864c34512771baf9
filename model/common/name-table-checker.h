/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NAME_TABLE_CHECKER_H
#define NAME_TABLE_CHECKER_H

#include "ns3/enum.h"
#include "ns3/ptr.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-common
 * @brief The ns-3 EnumChecker of an enumeration built from its one name table, so that an
 * Algorithm attribute accepts exactly the names that ToString() prints and
 * edge-inference-solve takes.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @brief An EnumChecker with the entries of a name table, the default first.
 * @tparam E the enumeration
 * @param [in] table (value, name) pairs
 * @param [in] defaultValue the default value (must be kept)
 * @param [in] keep the values the attribute accepts (all if empty)
 * @return the checker
 */
template<typename E>
Ptr<const AttributeChecker>
MakeNameTableChecker(const std::vector<std::pair<E, std::string>>& table,
                     E defaultValue,
                     const std::function<bool(E)>& keep = {})
{
    Ptr<EnumChecker> checker = Create<EnumChecker>();
    for (const auto& [value, name] : table)
    {
        if (value == defaultValue)
        {
            checker->AddDefault(static_cast<int>(value), name);
        }
    }
    for (const auto& [value, name] : table)
    {
        if (value != defaultValue && (!keep || keep(value)))
        {
            checker->Add(static_cast<int>(value), name);
        }
    }
    return checker;
}

/**
 * @ingroup edge-inference-common
 * @brief The same for a table of (name, value) pairs.
 * @tparam E the enumeration
 * @param [in] table (name, value) pairs
 * @param [in] defaultValue the default value
 * @return the checker
 */
template<typename E>
Ptr<const AttributeChecker>
MakeNameTableChecker(const std::vector<std::pair<std::string, E>>& table, E defaultValue)
{
    std::vector<std::pair<E, std::string>> swapped;
    for (const auto& [name, value] : table)
    {
        swapped.emplace_back(value, name);
    }
    return MakeNameTableChecker(swapped, defaultValue);
}

} // namespace edgeinference
} // namespace ns3

#endif // NAME_TABLE_CHECKER_H
