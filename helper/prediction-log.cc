/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "prediction-log.h"

#include "ns3/log.h"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("PredictionLog");

namespace
{

/**
 * A number as written in the log: 10 significant digits, empty if not finite.
 * @param [in] v the value
 * @return the text
 */
std::string
FormatField(double v)
{
    if (!std::isfinite(v))
    {
        return "";
    }
    std::ostringstream os;
    os << std::setprecision(10) << v;
    return os.str();
}

} // namespace

std::unique_ptr<PredictionLog::State>&
PredictionLog::GetState()
{
    static std::unique_ptr<State> state;
    return state;
}

void
PredictionLog::Open(const std::string& fileName, const std::string& program)
{
    auto state = std::make_unique<State>();
    state->out.open(fileName, std::ios::out | std::ios::trunc);
    if (!state->out)
    {
        throw std::invalid_argument("--predictionLog=" + fileName + ": cannot open the file");
    }
    state->program = program;
    state->out << "program,scenario,user,quantity,unit,predicted,measured,rel_error,outcome\n";
    NS_LOG_INFO("prediction log " << fileName << " for " << program);
    GetState() = std::move(state);
}

bool
PredictionLog::IsEnabled()
{
    return GetState() != nullptr;
}

void
PredictionLog::Record(const std::string& scenario,
                      const std::string& user,
                      const std::string& quantity,
                      const std::string& unit,
                      double predicted,
                      double measured,
                      Outcome outcome,
                      const std::string& reason)
{
    auto& state = GetState();
    if (!state)
    {
        return;
    }
    double relError = std::nan("");
    if (outcome == Outcome::SERVED && std::isfinite(predicted) && std::isfinite(measured) &&
        predicted != 0)
    {
        relError = (measured - predicted) / predicted;
    }
    std::string outcomeText;
    switch (outcome)
    {
        case Outcome::SERVED:
            outcomeText = "served";
            break;
        case Outcome::UNSERVED:
            outcomeText = "unserved";
            break;
        case Outcome::FAILED:
            outcomeText = "failed";
            break;
    }
    if (!reason.empty())
    {
        outcomeText += ": " + reason;
    }
    state->out << Quote(state->program) << ',' << Quote(scenario) << ',' << Quote(user) << ','
               << Quote(quantity) << ',' << Quote(unit) << ',' << FormatField(predicted) << ','
               << FormatField(measured) << ',' << FormatField(relError) << ',' << Quote(outcomeText)
               << '\n';
    state->out.flush();
}

void
PredictionLog::RecordServed(const std::string& scenario,
                            const std::string& user,
                            const std::string& quantity,
                            const std::string& unit,
                            double predicted,
                            double measured)
{
    Record(scenario, user, quantity, unit, predicted, measured, Outcome::SERVED);
}

void
PredictionLog::Close()
{
    GetState().reset();
}

std::string
PredictionLog::Quote(const std::string& text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
    {
        return text;
    }
    std::string out = "\"";
    for (char c : text)
    {
        if (c == '"')
        {
            out += '"';
        }
        out += c;
    }
    return out + "\"";
}

} // namespace edgeinference
} // namespace ns3
