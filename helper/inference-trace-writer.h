/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef INFERENCE_TRACE_WRITER_H
#define INFERENCE_TRACE_WRITER_H

#include "ns3/object.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-helpers
 * @brief One task of any technique, as written to the task trace (one CSV row, one row of
 * the SQLite table "tasks"). Times are simulation times in seconds; NaN means "the technique
 * has no such quantity" (an empty CSV field, NULL in SQLite). The schema is documented in
 * doc/edge-inference.rst, section "Traces".
 */
struct InferenceTaskTrace
{
    /// Not-a-number: the field does not apply
    static constexpr double NONE = std::numeric_limits<double>::quiet_NaN();

    std::string technique;      ///< slide, batching, partial-loading, noma-split or dto-ee
    uint32_t node{0};           ///< Node id of the user (UE, client or task source)
    int64_t ue{-1};             ///< IMSI (LTE), UE index (NOMA), source id (DTO-EE); -1 unknown
    uint64_t taskId{0};         ///< Task id of the application
    std::string request;        ///< What was requested (model, task, accuracy, split profile)
    std::string decision;       ///< What the allocator decided (variant, exit and bandwidth, split)
    double requestS{NONE};      ///< Request sent / task created, s
    double decisionS{NONE};     ///< Decision taken or received, s
    double originS{NONE};       ///< Origin of pred_total_s and meas_total_s, s
    double endS{NONE};          ///< Task ended (result, last layer computed, failure), s
    double predUploadS{NONE};   ///< Predicted upload duration, s
    double measUploadS{NONE};   ///< Measured upload duration, s
    double predLoadS{NONE};     ///< Predicted model load duration, s
    double measLoadS{NONE};     ///< Measured model load duration, s
    double predQueueS{NONE};    ///< Predicted wait (batch formation, GPU queue), s
    double measQueueS{NONE};    ///< Measured wait, s
    double predComputeS{NONE};  ///< Predicted compute duration, s
    double measComputeS{NONE};  ///< Measured compute duration, s
    double predDownloadS{NONE}; ///< Predicted download duration, s
    double measDownloadS{NONE}; ///< Measured download duration, s
    double predTotalS{NONE};    ///< Predicted completion minus originS, s
    double measTotalS{NONE};    ///< Measured completion minus originS, s
    int32_t exit{-1};           ///< Exit taken (0-based) or -1
    std::string outcome{"pending"}; ///< completed, on-time, late, failed, rejected,
                                    ///< not-scheduled, lost or pending
    std::string reason;             ///< Why it failed or was not served ("" otherwise)
};

/**
 * @ingroup edge-inference-helpers
 * @brief One event (a layer arrived or was computed, a GPU load or inference, a batch, a
 * NOMA transport block of a frame, a DTO-EE stage arrival or exit), as written to the event
 * trace (CSV, SQLite table "events").
 */
struct InferenceEventTrace
{
    double timeS{0};       ///< When the event (or the interval it describes) started, s
    std::string technique; ///< Technique (as in InferenceTaskTrace)
    uint32_t node{0};      ///< Node id where it happened
    int64_t ue{-1};        ///< User (as in InferenceTaskTrace), -1 if none
    int64_t taskId{-1};    ///< Task id, -1 if the event is not about one task
    std::string event;     ///< Event kind (see doc/edge-inference.rst, "Traces")
    int64_t index{-1};     ///< Layer, subchannel, frame, stage or exit, by kind
    double value{InferenceTaskTrace::NONE}; ///< Duration (s), bytes or size, by kind
    std::string detail;                     ///< Free text (model name, SIC position, ...)
};

/**
 * @ingroup edge-inference-helpers
 * @brief Collects per-task and per-event records of the module's applications and writes
 * them, when the simulation is destroyed (or on Write()), to two CSV files and one SQLite
 * database (ns-3's stats module SQLiteOutput, tables "tasks" and "events").
 *
 * Users do not create it: EdgeInferenceTraceHelper::EnableTraces() and the helpers'
 * EnableTraces() connect the applications to the simulation's writer, whose attributes give
 * the file names (Config::SetDefault("ns3::edgeinference::InferenceTraceWriter::TaskFileName",
 * ...) or writer->SetAttribute()). An empty file name disables that output. Records are
 * written in a deterministic order (tasks by technique, node, task id; events by time, then
 * the order they happened), so the same seed gives byte-identical files.
 */
class InferenceTraceWriter : public Object
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    InferenceTraceWriter();
    ~InferenceTraceWriter() override;

    InferenceTraceWriter(const InferenceTraceWriter&) = delete;
    InferenceTraceWriter& operator=(const InferenceTraceWriter&) = delete;

    /**
     * @brief The record of a task, created (outcome "pending") on first use.
     * @param [in] technique the technique
     * @param [in] node node id of the user
     * @param [in] taskId task id
     * @return the record, to update
     */
    InferenceTaskTrace& GetTask(const std::string& technique, uint32_t node, uint64_t taskId);

    /**
     * @brief Append an event.
     * @param [in] event the event
     */
    void AddEvent(const InferenceEventTrace& event);

    /**
     * @brief Set the prediction of the total time for every task of a user that has none
     * (applied at Write(); e.g. the NOMA split helper's frame-aware mean latency).
     * @param [in] technique the technique
     * @param [in] node node id of the user
     * @param [in] predictedS predicted total, s
     */
    void SetUserPrediction(const std::string& technique, uint32_t node, double predictedS);

    /// @return the tasks in write order (user predictions applied)
    std::vector<InferenceTaskTrace> GetTasks() const;

    /// @return the events in write order
    std::vector<InferenceEventTrace> GetEvents() const;

    /**
     * @brief Write the files named by the attributes (again on every call; the simulation's
     * destroy event calls it once). Aborts naming the file if it cannot be written.
     */
    void Write() const;

    /// @return true if this build writes SQLite (ns-3's stats module has SQLiteOutput)
    static bool HasSqlite();

    /// @return the task CSV header line (column names, comma-separated)
    static std::string GetTaskColumns();

    /// @return the event CSV header line (column names, comma-separated)
    static std::string GetEventColumns();

  private:
    /// Write the task and event CSV files
    void WriteCsv() const;
    /// Write the SQLite database
    void WriteSqlite() const;

    /// (technique, node, task id)
    using Key = std::tuple<std::string, uint32_t, uint64_t>;
    std::map<Key, InferenceTaskTrace> m_tasks;                     ///< Tasks
    std::vector<InferenceEventTrace> m_events;                     ///< Events, in order
    std::map<std::pair<std::string, uint32_t>, double> m_userPred; ///< Per-user prediction
    std::string m_taskFile;                                        ///< Task CSV file name
    std::string m_eventFile;                                       ///< Event CSV file name
    std::string m_dbFile;                                          ///< SQLite file name
};

} // namespace edgeinference
} // namespace ns3

#endif /* INFERENCE_TRACE_WRITER_H */
