/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "validation.h"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

std::string
FormatValue(double value)
{
    std::array<char, 64> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    return std::string(buf.data(), res.ptr);
}

void
ThrowInvalidValue(const std::string& where,
                  const std::string& field,
                  double value,
                  const std::string& rule)
{
    throw std::invalid_argument(where + ": " + field + " is " + FormatValue(value) + " (must be " +
                                rule + ")");
}

void
RequireNumber(const std::string& where, const std::string& field, double value)
{
    if (std::isnan(value))
    {
        ThrowInvalidValue(where, field, value, "a number");
    }
}

void
RequireNonNegative(const std::string& where, const std::string& field, double value)
{
    if (!(value >= 0.0))
    {
        ThrowInvalidValue(where, field, value, ">= 0");
    }
}

void
RequirePositive(const std::string& where, const std::string& field, double value)
{
    if (!(value > 0.0))
    {
        ThrowInvalidValue(where, field, value, "> 0");
    }
}

void
RequireFiniteNonNegative(const std::string& where, const std::string& field, double value)
{
    if (!(value >= 0.0) || !std::isfinite(value))
    {
        ThrowInvalidValue(where, field, value, "finite and >= 0");
    }
}

} // namespace edgeinference
} // namespace ns3
