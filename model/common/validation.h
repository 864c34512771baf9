/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VALIDATION_H
#define VALIDATION_H

#include <cstddef>
#include <string>

/**
 * @file
 * @ingroup edge-inference-common
 * @brief Argument checks shared by the pure C++ layers: every failure throws
 * std::invalid_argument "<where>: <field> is <value> (must be <rule>)", so messages name the
 * function or class, the field and the value the same way everywhere.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @param [in] value a number
 * @return the shortest text that reads back as the same double, e.g. "-2e-11", "0.1",
 * "inf", "nan"
 */
std::string FormatValue(double value);

/**
 * @ingroup edge-inference-common
 * @brief Throw std::invalid_argument "<where>: <field> is <value> (must be <rule>)".
 * @param [in] where the class or function
 * @param [in] field the argument or field
 * @param [in] value the offending value
 * @param [in] rule the violated rule, e.g. ">= 0"
 */
[[noreturn]] void ThrowInvalidValue(const std::string& where,
                                    const std::string& field,
                                    double value,
                                    const std::string& rule);

/**
 * @ingroup edge-inference-common
 * @brief Require a number (not NaN); rule "a number".
 * @param [in] where the class or function
 * @param [in] field the argument or field
 * @param [in] value the value
 */
void RequireNumber(const std::string& where, const std::string& field, double value);

/**
 * @ingroup edge-inference-common
 * @brief Require value >= 0 (not NaN; +infinity allowed); rule ">= 0".
 * @param [in] where the class or function
 * @param [in] field the argument or field
 * @param [in] value the value
 */
void RequireNonNegative(const std::string& where, const std::string& field, double value);

/**
 * @ingroup edge-inference-common
 * @brief Require value > 0 (not NaN; +infinity allowed); rule "> 0".
 * @param [in] where the class or function
 * @param [in] field the argument or field
 * @param [in] value the value
 */
void RequirePositive(const std::string& where, const std::string& field, double value);

/**
 * @ingroup edge-inference-common
 * @brief Require a finite value >= 0; rule "finite and >= 0".
 * @param [in] where the class or function
 * @param [in] field the argument or field
 * @param [in] value the value
 */
void RequireFiniteNonNegative(const std::string& where, const std::string& field, double value);

} // namespace edgeinference
} // namespace ns3

#endif // VALIDATION_H
