/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "inference-trace-writer.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/string.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>

// SQLiteOutput is part of ns-3's stats module when ns-3 was built with SQLite (Debian's
// ns-3.37 is); without it the database output is disabled and Write() says so.
#if defined(__has_include)
#    if __has_include("ns3/sqlite-output.h") && __has_include(<sqlite3.h>)
#        define EI_TRACE_HAVE_SQLITE 1
#        include "ns3/sqlite-output.h"
#    endif
#endif

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("InferenceTraceWriter");
NS_OBJECT_ENSURE_REGISTERED(InferenceTraceWriter);

namespace
{

/// Task columns (CSV header and SQLite table), in order
const char* const TASK_COLUMNS[] = {"technique",
                                    "node",
                                    "ue",
                                    "task_id",
                                    "request",
                                    "decision",
                                    "t_request_s",
                                    "t_decision_s",
                                    "t_origin_s",
                                    "t_end_s",
                                    "pred_upload_s",
                                    "meas_upload_s",
                                    "pred_load_s",
                                    "meas_load_s",
                                    "pred_queue_s",
                                    "meas_queue_s",
                                    "pred_compute_s",
                                    "meas_compute_s",
                                    "pred_download_s",
                                    "meas_download_s",
                                    "pred_total_s",
                                    "meas_total_s",
                                    "exit",
                                    "outcome",
                                    "reason"};

/// Event columns, in order
const char* const EVENT_COLUMNS[] = {
    "time_s", "technique", "node", "ue", "task_id", "event", "index", "value", "detail"};

/// @return a double for CSV: empty if NaN, else 12 significant digits
std::string
Num(double v)
{
    if (std::isnan(v))
    {
        return "";
    }
    std::ostringstream os;
    os << std::setprecision(12) << v;
    return os.str();
}

/// @return a CSV field, quoted if it holds a comma, quote or newline
std::string
Text(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
    {
        return s;
    }
    std::string q = "\"";
    for (char c : s)
    {
        q += c;
        if (c == '"')
        {
            q += '"';
        }
    }
    return q + "\"";
}

/// @return the columns joined by commas
template<size_t N>
std::string
Join(const char* const (&cols)[N])
{
    std::string s;
    for (size_t i = 0; i < N; ++i)
    {
        s += (i ? "," : "");
        s += cols[i];
    }
    return s;
}

} // namespace

TypeId
InferenceTraceWriter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::edgeinference::InferenceTraceWriter")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddConstructor<InferenceTraceWriter>()
            .AddAttribute("TaskFileName",
                          "CSV file of the per-task records (\"\": not written).",
                          StringValue("edge-inference-tasks.csv"),
                          MakeStringAccessor(&InferenceTraceWriter::m_taskFile),
                          MakeStringChecker())
            .AddAttribute("EventFileName",
                          "CSV file of the per-layer / per-frame event records (\"\": not "
                          "written).",
                          StringValue("edge-inference-events.csv"),
                          MakeStringAccessor(&InferenceTraceWriter::m_eventFile),
                          MakeStringChecker())
            .AddAttribute("DatabaseFileName",
                          "SQLite database with the tables tasks and events (\"\": not "
                          "written; replaced if it exists).",
                          StringValue("edge-inference-traces.db"),
                          MakeStringAccessor(&InferenceTraceWriter::m_dbFile),
                          MakeStringChecker());
    return tid;
}

InferenceTraceWriter::InferenceTraceWriter()
{
    NS_LOG_FUNCTION(this);
}

InferenceTraceWriter::~InferenceTraceWriter()
{
    NS_LOG_FUNCTION(this);
}

InferenceTaskTrace&
InferenceTraceWriter::GetTask(const std::string& technique, uint32_t node, uint64_t taskId)
{
    Key key{technique, node, taskId};
    auto it = m_tasks.find(key);
    if (it == m_tasks.end())
    {
        InferenceTaskTrace t;
        t.technique = technique;
        t.node = node;
        t.taskId = taskId;
        it = m_tasks.emplace(key, t).first;
    }
    return it->second;
}

void
InferenceTraceWriter::AddEvent(const InferenceEventTrace& event)
{
    m_events.push_back(event);
}

void
InferenceTraceWriter::SetUserPrediction(const std::string& technique,
                                        uint32_t node,
                                        double predictedS)
{
    m_userPred[{technique, node}] = predictedS;
}

std::vector<InferenceTaskTrace>
InferenceTraceWriter::GetTasks() const
{
    std::vector<InferenceTaskTrace> out;
    out.reserve(m_tasks.size());
    for (const auto& [key, t] : m_tasks)
    {
        InferenceTaskTrace r = t;
        auto p = m_userPred.find({t.technique, t.node});
        if (std::isnan(r.predTotalS) && p != m_userPred.end())
        {
            r.predTotalS = p->second;
        }
        out.push_back(r);
    }
    return out;
}

std::vector<InferenceEventTrace>
InferenceTraceWriter::GetEvents() const
{
    std::vector<InferenceEventTrace> out = m_events;
    std::stable_sort(
        out.begin(), out.end(), [](const auto& a, const auto& b) { return a.timeS < b.timeS; });
    return out;
}

std::string
InferenceTraceWriter::GetTaskColumns()
{
    return Join(TASK_COLUMNS);
}

std::string
InferenceTraceWriter::GetEventColumns()
{
    return Join(EVENT_COLUMNS);
}

bool
InferenceTraceWriter::HasSqlite()
{
#ifdef EI_TRACE_HAVE_SQLITE
    return true;
#else
    return false;
#endif
}

void
InferenceTraceWriter::Write() const
{
    NS_LOG_FUNCTION(this);
    WriteCsv();
    WriteSqlite();
}

void
InferenceTraceWriter::WriteCsv() const
{
    if (!m_taskFile.empty())
    {
        std::ofstream f(m_taskFile);
        NS_ABORT_MSG_IF(!f,
                        "InferenceTraceWriter: cannot write TaskFileName '" << m_taskFile << "'");
        f << GetTaskColumns() << "\n";
        for (const auto& t : GetTasks())
        {
            f << Text(t.technique) << ',' << t.node << ',' << t.ue << ',' << t.taskId << ','
              << Text(t.request) << ',' << Text(t.decision) << ',' << Num(t.requestS) << ','
              << Num(t.decisionS) << ',' << Num(t.originS) << ',' << Num(t.endS) << ','
              << Num(t.predUploadS) << ',' << Num(t.measUploadS) << ',' << Num(t.predLoadS) << ','
              << Num(t.measLoadS) << ',' << Num(t.predQueueS) << ',' << Num(t.measQueueS) << ','
              << Num(t.predComputeS) << ',' << Num(t.measComputeS) << ',' << Num(t.predDownloadS)
              << ',' << Num(t.measDownloadS) << ',' << Num(t.predTotalS) << ',' << Num(t.measTotalS)
              << ',' << t.exit << ',' << Text(t.outcome) << ',' << Text(t.reason) << "\n";
        }
        NS_LOG_INFO("wrote " << m_tasks.size() << " tasks to " << m_taskFile);
    }
    if (!m_eventFile.empty())
    {
        std::ofstream f(m_eventFile);
        NS_ABORT_MSG_IF(!f,
                        "InferenceTraceWriter: cannot write EventFileName '" << m_eventFile << "'");
        f << GetEventColumns() << "\n";
        for (const auto& e : GetEvents())
        {
            f << Num(e.timeS) << ',' << Text(e.technique) << ',' << e.node << ',' << e.ue << ','
              << e.taskId << ',' << Text(e.event) << ',' << e.index << ',' << Num(e.value) << ','
              << Text(e.detail) << "\n";
        }
        NS_LOG_INFO("wrote " << m_events.size() << " events to " << m_eventFile);
    }
}

void
InferenceTraceWriter::WriteSqlite() const
{
    if (m_dbFile.empty())
    {
        return;
    }
#ifdef EI_TRACE_HAVE_SQLITE
    std::remove(m_dbFile.c_str()); // a fresh database, like the CSV files
    Ptr<SQLiteOutput> db = Create<SQLiteOutput>(m_dbFile);
    db->SpinExec("CREATE TABLE tasks (technique TEXT, node INTEGER, ue INTEGER, task_id "
                 "INTEGER, request TEXT, decision TEXT, t_request_s REAL, t_decision_s REAL, "
                 "t_origin_s REAL, t_end_s REAL, pred_upload_s REAL, meas_upload_s REAL, "
                 "pred_load_s REAL, meas_load_s REAL, pred_queue_s REAL, meas_queue_s REAL, "
                 "pred_compute_s REAL, meas_compute_s REAL, pred_download_s REAL, "
                 "meas_download_s REAL, pred_total_s REAL, meas_total_s REAL, exit INTEGER, "
                 "outcome TEXT, reason TEXT);");
    db->SpinExec("CREATE TABLE events (time_s REAL, technique TEXT, node INTEGER, ue INTEGER, "
                 "task_id INTEGER, event TEXT, \"index\" INTEGER, value REAL, detail TEXT);");
    db->SpinExec("BEGIN TRANSACTION;");
    // SQLiteOutput::SpinExec(stmt) steps and finalizes: one prepared statement per row
    for (const auto& t : GetTasks())
    {
        sqlite3_stmt* st = nullptr;
        db->SpinPrepare(&st,
                        "INSERT INTO tasks VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);");
        // SQLite stores a NaN bound as a double as NULL: "no such quantity"
        int i = 1;
        db->Bind(st, i++, t.technique);
        db->Bind(st, i++, static_cast<int64_t>(t.node));
        db->Bind(st, i++, t.ue);
        db->Bind(st, i++, static_cast<int64_t>(t.taskId));
        db->Bind(st, i++, t.request);
        db->Bind(st, i++, t.decision);
        for (double v : {t.requestS,
                         t.decisionS,
                         t.originS,
                         t.endS,
                         t.predUploadS,
                         t.measUploadS,
                         t.predLoadS,
                         t.measLoadS,
                         t.predQueueS,
                         t.measQueueS,
                         t.predComputeS,
                         t.measComputeS,
                         t.predDownloadS,
                         t.measDownloadS,
                         t.predTotalS,
                         t.measTotalS})
        {
            db->Bind(st, i++, v);
        }
        db->Bind(st, i++, static_cast<int>(t.exit));
        db->Bind(st, i++, t.outcome);
        db->Bind(st, i++, t.reason);
        db->SpinExec(st);
    }
    for (const auto& e : GetEvents())
    {
        sqlite3_stmt* st = nullptr;
        db->SpinPrepare(&st, "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?);");
        int i = 1;
        db->Bind(st, i++, e.timeS);
        db->Bind(st, i++, e.technique);
        db->Bind(st, i++, static_cast<int64_t>(e.node));
        db->Bind(st, i++, e.ue);
        db->Bind(st, i++, e.taskId);
        db->Bind(st, i++, e.event);
        db->Bind(st, i++, e.index);
        db->Bind(st, i++, e.value);
        db->Bind(st, i++, e.detail);
        db->SpinExec(st);
    }
    db->SpinExec("COMMIT;");
    NS_LOG_INFO("wrote " << m_tasks.size() << " tasks and " << m_events.size() << " events to "
                         << m_dbFile);
#else
    NS_LOG_WARN("InferenceTraceWriter: DatabaseFileName '"
                << m_dbFile
                << "' not written: this ns-3 has no SQLiteOutput (build ns-3 with SQLite)");
#endif
}

} // namespace edgeinference
} // namespace ns3
