/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PREDICTION_LOG_H
#define PREDICTION_LOG_H

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

/**
 * @file
 * @ingroup edge-inference-helpers
 * @brief PredictionLog: one machine-readable row per user and per predicted quantity, written
 * by every example beside its printed table, read by utils/fidelity-report.py.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-helpers
 * @brief The per-user "predicted beside measured" rows of a program, as CSV.
 *
 * Every example prints, per user, what its allocator predicted before the packets ran and
 * what the packets measured. The same rows go to this log when the program runs with
 * `--predictionLog=<file>` (a flag that ExampleCommandLine adds to every example), so a tool
 * can compare predictions with measurements across examples and scales without parsing
 * tables meant for people. Columns (header written once per file):
 *
 * | column | meaning |
 * |---|---|
 * | program | the example's name |
 * | scenario | the setting inside one run (algorithm, bandwidth, phase, ...) |
 * | user | the user (UE, task source, ...) the row is about |
 * | quantity | what is predicted (latency, throughput, delay, rate, energy, ...) |
 * | unit | its unit (s, tasks/s, Mbit/s, J, ...) |
 * | predicted | the allocator's prediction, made before the packets ran |
 * | measured | the packet-level measurement (empty if the user was not served) |
 * | rel_error | (measured - predicted) / predicted (empty if either is missing) |
 * | outcome | served, unserved (not admitted; the reason follows after a colon) or failed |
 *
 * Text fields are quoted as CSV requires. Rows are written in the order the program records
 * them; with the same seed and run the file is byte-identical.
 */
class PredictionLog
{
  public:
    /// What happened to a user.
    enum class Outcome : uint8_t
    {
        SERVED,   ///< Admitted and completed: predicted and measured are both known
        UNSERVED, ///< Not admitted (a valid decision: the reason says why)
        FAILED,   ///< Admitted but not completed (a fidelity failure)
    };

    /**
     * @brief Start writing to a file (truncated). Called by ExampleCommandLine::Parse() when
     * --predictionLog is given; a program may also call it itself.
     * @param [in] fileName the CSV file
     * @param [in] program the program name written in every row
     * @throws std::invalid_argument if the file cannot be opened (names the file)
     */
    static void Open(const std::string& fileName, const std::string& program);

    /**
     * @brief Whether rows are being written.
     * @return true after Open()
     */
    static bool IsEnabled();

    /**
     * @brief Record one row (nothing happens unless the log is open).
     * @param [in] scenario the setting inside the run
     * @param [in] user the user
     * @param [in] quantity what is predicted
     * @param [in] unit its unit
     * @param [in] predicted the prediction (NaN if there is none, e.g.\ an unserved user)
     * @param [in] measured the measurement (NaN if there is none)
     * @param [in] outcome the user's outcome
     * @param [in] reason why a user was unserved or failed (empty if served)
     */
    static void Record(const std::string& scenario,
                       const std::string& user,
                       const std::string& quantity,
                       const std::string& unit,
                       double predicted,
                       double measured,
                       Outcome outcome,
                       const std::string& reason = "");

    /**
     * @brief Record a served user: both figures are known.
     * @param [in] scenario the setting inside the run
     * @param [in] user the user
     * @param [in] quantity what is predicted
     * @param [in] unit its unit
     * @param [in] predicted the prediction
     * @param [in] measured the measurement
     */
    static void RecordServed(const std::string& scenario,
                             const std::string& user,
                             const std::string& quantity,
                             const std::string& unit,
                             double predicted,
                             double measured);

    /**
     * @brief Stop writing and close the file (also done at program exit).
     */
    static void Close();

    /**
     * @brief Quote a CSV field if it needs it (comma, quote or line break).
     * @param [in] text the field
     * @return the field as written
     */
    static std::string Quote(const std::string& text);

  private:
    /// The open log, if any.
    struct State
    {
        std::ofstream out;   ///< The CSV file
        std::string program; ///< Program name
    };

    /**
     * @brief The process-wide state (a program writes one log).
     * @return the state
     */
    static std::unique_ptr<State>& GetState();
};

} // namespace edgeinference
} // namespace ns3

#endif // PREDICTION_LOG_H
