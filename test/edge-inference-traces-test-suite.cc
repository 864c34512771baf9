/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-test-cell.h"
#include "test-models.h"

#include "ns3/batching-early-exit-helper.h"
#include "ns3/batching-early-exit-server.h"
#include "ns3/core-module.h"
#include "ns3/edge-inference-helper.h"
#include "ns3/edge-inference-trace-helper.h"
#include "ns3/internet-module.h"
#include "ns3/layerwise-inference-client.h"
#include "ns3/network-module.h"
#include "ns3/noma-bs-mac.h"
#include "ns3/noma-split-inference-helper.h"
#include "ns3/offloading-client.h"
#include "ns3/point-to-point-module.h"
#include "ns3/split-inference-client.h"
#include "ns3/test.h"

#if defined(__has_include)
#    if __has_include("ns3/sqlite-output.h") && __has_include(<sqlite3.h>)
#        define EI_TEST_HAVE_SQLITE 1
#        include "ns3/sqlite-output.h"
#    endif
#endif

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;

/**
 * @defgroup edge-inference-traces-tests Trace tests
 * @ingroup edge-inference-tests
 */

namespace
{

/// The documented task columns (doc/edge-inference.rst, "Traces")
const std::string TASK_HEADER =
    "technique,node,ue,task_id,request,decision,t_request_s,t_decision_s,t_origin_s,t_end_s,"
    "pred_upload_s,meas_upload_s,pred_load_s,meas_load_s,pred_queue_s,meas_queue_s,"
    "pred_compute_s,meas_compute_s,pred_download_s,meas_download_s,pred_total_s,meas_total_s,"
    "exit,outcome,reason";

/// The documented event columns
const std::string EVENT_HEADER = "time_s,technique,node,ue,task_id,event,index,value,detail";

/// A CSV file as a header and rows of named fields (no quoted commas in these tests)
struct Csv
{
    std::string header;                                   ///< First line
    std::vector<std::map<std::string, std::string>> rows; ///< Rows by column name
};

/// @return the file read as CSV
Csv
ReadCsv(const std::string& file)
{
    Csv csv;
    std::ifstream f(file);
    std::getline(f, csv.header);
    std::vector<std::string> cols;
    std::stringstream hs(csv.header);
    for (std::string c; std::getline(hs, c, ',');)
    {
        cols.push_back(c);
    }
    for (std::string line; std::getline(f, line);)
    {
        std::map<std::string, std::string> row;
        std::stringstream ls(line);
        size_t i = 0;
        for (std::string v; i < cols.size(); ++i)
        {
            if (!std::getline(ls, v, ','))
            {
                v.clear();
            }
            row[cols[i]] = v;
        }
        csv.rows.push_back(row);
    }
    return csv;
}

/// @return the field as a double (NaN if empty)
double
D(const std::map<std::string, std::string>& row, const std::string& col)
{
    auto it = row.find(col);
    return (it == row.end() || it->second.empty()) ? std::nan("") : std::stod(it->second);
}

#ifdef EI_TEST_HAVE_SQLITE
/// @return the double of the first column of the first row of a query (NaN if no row)
double
QueryDouble(const std::string& db, const std::string& sql)
{
    Ptr<SQLiteOutput> out = Create<SQLiteOutput>(db);
    sqlite3_stmt* st = nullptr;
    out->SpinPrepare(&st, sql);
    double v = std::nan("");
    if (SQLiteOutput::SpinStep(st) == SQLITE_ROW)
    {
        v = out->RetrieveColumn<double>(st, 0);
    }
    SQLiteOutput::SpinFinalize(st);
    return v;
}
#endif

/**
 * @ingroup edge-inference-traces-tests
 * @brief A user's own short scenario (two nodes, one link, a streaming server and client)
 * with one EnableTraces() call: the CSV files and the database have the documented columns,
 * and the task records match the client's own records and its TaskCompleted trace.
 */
class UserScenarioTracesTestCase : public TestCase
{
  public:
    UserScenarioTracesTestCase()
        : TestCase("A user's scenario with EnableTraces() writes the documented CSV and SQLite "
                   "records, equal to the application's own traces")
    {
    }

  private:
    /// TaskCompleted sink: the latency per task
    static void Completed(std::map<uint32_t, double>* out, uint32_t taskId, Time latency, double)
    {
        (*out)[taskId] = latency.GetSeconds();
    }

    void DoRun() override
    {
        const std::string tasks = CreateTempDirFilename("tasks.csv");
        const std::string events = CreateTempDirFilename("events.csv");
        const std::string db = CreateTempDirFilename("traces.db");
        // ---- the user's scenario: about 30 lines
        NodeContainer nodes;
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("20Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        NetDeviceContainer devices = p2p.Install(nodes);
        InternetStackHelper stack;
        stack.Install(nodes);
        Ipv4AddressHelper addr("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer ifaces = addr.Assign(devices);
        EdgeInferenceHelper helper;
        DnnModel model = testutils::SmallModel();
        helper.AddModel(model);
        helper.InstallServer(nodes.Get(0));
        helper.SetClientAttribute("NumTasks", UintegerValue(2));
        ApplicationContainer clients =
            helper.InstallClient(nodes.Get(1), ifaces.GetAddress(0), model.GetName());
        clients.Start(Seconds(0.1));
        Ptr<InferenceTraceWriter> writer = EdgeInferenceTraceHelper::EnableTraces();
        writer->SetAttribute("TaskFileName", StringValue(tasks));
        writer->SetAttribute("EventFileName", StringValue(events));
        writer->SetAttribute("DatabaseFileName", StringValue(db));
        // ---- the application's own trace, to compare with
        std::map<uint32_t, double> latency;
        auto client = DynamicCast<LayerwiseInferenceClient>(clients.Get(0));
        client->TraceConnectWithoutContext("TaskCompleted",
                                           MakeBoundCallback(&Completed, &latency));
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        std::vector<LayerwiseInferenceClient::TaskRecord> records = client->GetTaskRecords();
        Simulator::Destroy(); // writes the files

        NS_TEST_ASSERT_MSG_EQ(latency.size(), 2, "the scenario completes two tasks");
        Csv t = ReadCsv(tasks);
        NS_TEST_ASSERT_MSG_EQ(t.header, TASK_HEADER, "documented task columns");
        NS_TEST_ASSERT_MSG_EQ(t.rows.size(), 2, "one row per task");
        for (const auto& row : t.rows)
        {
            uint32_t id = std::stoul(row.at("task_id"));
            NS_TEST_ASSERT_MSG_EQ(latency.count(id), 1, "task id of the application");
            const auto& r = records.at(id == records[0].taskId ? 0 : 1);
            NS_TEST_EXPECT_MSG_EQ(row.at("technique"), "slide", "technique");
            NS_TEST_EXPECT_MSG_EQ(row.at("node"), std::to_string(nodes.Get(1)->GetId()), "node");
            NS_TEST_EXPECT_MSG_EQ(row.at("request"), model.GetName(), "request");
            NS_TEST_EXPECT_MSG_EQ(row.at("outcome"), "completed", "outcome");
            NS_TEST_EXPECT_MSG_EQ_TOL(D(row, "meas_total_s"), latency[id], 1e-9, "latency");
            NS_TEST_EXPECT_MSG_EQ_TOL(
                D(row, "t_request_s"), r.requestTime.GetSeconds(), 1e-9, "request time");
            NS_TEST_EXPECT_MSG_EQ_TOL(
                D(row, "t_end_s"), r.finishTime.GetSeconds(), 1e-9, "end time");
            double busy = 0;
            for (size_t l = 0; l < r.computeStart.size(); ++l)
            {
                busy += (r.computeFinish[l] - r.computeStart[l]).GetSeconds();
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(D(row, "meas_compute_s"), busy, 1e-9, "compute");
            NS_TEST_EXPECT_MSG_EQ_TOL(D(row, "meas_download_s"),
                                      (r.layerArrival.back() - r.requestTime).GetSeconds(),
                                      1e-9,
                                      "download");
            NS_TEST_EXPECT_MSG_EQ(std::isnan(D(row, "pred_total_s")),
                                  true,
                                  "no allocator: no prediction (empty field)");
        }
        Csv e = ReadCsv(events);
        NS_TEST_ASSERT_MSG_EQ(e.header, EVENT_HEADER, "documented event columns");
        uint32_t arrivals = 0;
        uint32_t computes = 0;
        double lastTime = -1;
        for (const auto& row : e.rows)
        {
            arrivals += row.at("event") == "layer-arrival";
            computes += row.at("event") == "layer-compute";
            NS_TEST_EXPECT_MSG_GT_OR_EQ(D(row, "time_s"), lastTime, "events in time order");
            lastTime = D(row, "time_s");
        }
        NS_TEST_EXPECT_MSG_EQ(arrivals, 2 * model.GetNLayers(), "one arrival per layer");
        NS_TEST_EXPECT_MSG_EQ(computes, 2 * model.GetNLayers(), "one compute per layer");
#ifdef EI_TEST_HAVE_SQLITE
        NS_TEST_EXPECT_MSG_EQ(QueryDouble(db,
                                          "SELECT COUNT(*) FROM tasks WHERE "
                                          "technique='slide' AND outcome='completed';"),
                              2,
                              "two completed tasks in the database");
        uint32_t id = records[1].taskId;
        NS_TEST_EXPECT_MSG_EQ_TOL(
            QueryDouble(db,
                        "SELECT meas_total_s FROM tasks WHERE task_id=" + std::to_string(id) + ";"),
            latency[id],
            1e-12,
            "database latency of a task = TaskCompleted's latency");
        NS_TEST_EXPECT_MSG_EQ(
            QueryDouble(db, "SELECT COUNT(*) FROM tasks WHERE pred_total_s IS NULL;"),
            2,
            "no prediction is NULL");
        NS_TEST_EXPECT_MSG_EQ(
            QueryDouble(db, "SELECT COUNT(*) FROM events WHERE event='layer-arrival';"),
            2 * model.GetNLayers(),
            "events in the database");
#else
        NS_TEST_EXPECT_MSG_EQ(InferenceTraceWriter::HasSqlite(), false, "no SQLite in this ns-3");
#endif
        std::remove(tasks.c_str());
        std::remove(events.c_str());
        std::remove(db.c_str());
    }
};

/**
 * @ingroup edge-inference-traces-tests
 * @brief Batching + early exit over point-to-point links with BatchingEarlyExitHelper's
 * EnableTraces(): the record joins the client's side (outcome, exit) and the server's side
 * (predicted and measured upload and completion) of every task, and batches are events.
 */
class BatchingTracesTestCase : public TestCase
{
  public:
    BatchingTracesTestCase()
        : TestCase("BatchingEarlyExitHelper::EnableTraces() joins client and server records")
    {
    }

  private:
    void DoRun() override
    {
        const std::string tasks = CreateTempDirFilename("b-tasks.csv");
        const std::string events = CreateTempDirFilename("b-events.csv");
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        NodeContainer serverNode;
        serverNode.Create(1);
        NodeContainer clientNodes;
        clientNodes.Create(2);
        InternetStackHelper stack;
        stack.Install(serverNode);
        stack.Install(clientNodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        BatchingEarlyExitHelper helper;
        helper.SetServerAttribute("FixedCostsS", StringValue("0.002,0.003"));
        helper.SetServerAttribute("PerTaskCostsS", StringValue("0.001,0.0015"));
        helper.SetServerAttribute("ExitAccuracies", StringValue("0.6,0.8"));
        helper.SetServerAttribute("TotalBandwidthHz", DoubleValue(2e7));
        helper.SetClientAttribute("InputBytes", UintegerValue(2400));
        helper.SetClientAttribute("DataPayloadBytes", UintegerValue(1200));
        helper.SetClientAttribute("ChannelReportHz", DoubleValue(1e8));
        helper.SetClientAttribute("NumFrames", UintegerValue(3));
        helper.SetClientAttribute("Deadline", TimeValue(MilliSeconds(50)));
        Ptr<BatchingEarlyExitServer> server =
            DynamicCast<BatchingEarlyExitServer>(helper.InstallServer(serverNode.Get(0)).Get(0));
        std::vector<Ptr<OffloadingClient>> clients;
        for (uint32_t i = 0; i < 2; ++i)
        {
            NetDeviceContainer link = p2p.Install(serverNode.Get(0), clientNodes.Get(i));
            Ipv4AddressHelper addr;
            addr.SetBase(Ipv4Address(("10.1." + std::to_string(i + 1) + ".0").c_str()),
                         "255.255.255.0");
            Ipv4InterfaceContainer ifaces = addr.Assign(link);
            ApplicationContainer app =
                helper.InstallClients(NodeContainer(clientNodes.Get(i)), ifaces.GetAddress(0));
            clients.push_back(DynamicCast<OffloadingClient>(app.Get(0)));
        }
        helper.AssignStreams(clientNodes, 10);
        Ptr<InferenceTraceWriter> writer = helper.EnableTraces();
        writer->SetAttribute("TaskFileName", StringValue(tasks));
        writer->SetAttribute("EventFileName", StringValue(events));
        writer->SetAttribute("DatabaseFileName", StringValue(""));
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        auto serverRecords = server->GetTaskRecords();
        std::vector<std::vector<OffloadingClient::TaskRecord>> clientRecords;
        std::vector<uint32_t> clientNodeIds;
        std::vector<Ipv4Address> clientAddresses;
        for (const auto& c : clients)
        {
            clientRecords.push_back(c->GetTaskRecords());
            clientNodeIds.push_back(c->GetNode()->GetId());
            clientAddresses.push_back(c->GetNode()->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
        }
        Simulator::Destroy();

        Csv t = ReadCsv(tasks);
        NS_TEST_ASSERT_MSG_EQ(t.header, TASK_HEADER, "documented task columns");
        NS_TEST_ASSERT_MSG_EQ(t.rows.size(), 6, "two clients x three frames");
        uint32_t onTime = 0;
        for (const auto& row : t.rows)
        {
            NS_TEST_EXPECT_MSG_EQ(row.at("technique"), "batching", "technique");
            uint32_t node = std::stoul(row.at("node"));
            uint32_t id = std::stoul(row.at("task_id"));
            size_t c = node == clientNodeIds[0] ? 0 : 1;
            const OffloadingClient::TaskRecord* cr = nullptr;
            for (const auto& r : clientRecords[c])
            {
                cr = r.taskId == id ? &r : cr;
            }
            NS_TEST_ASSERT_MSG_NE(cr, nullptr, "a task of the client");
            NS_TEST_EXPECT_MSG_EQ(std::stoi(row.at("exit")), cr->exit, "exit");
            std::string expect = cr->outcome == OffloadingClient::ON_TIME         ? "on-time"
                                 : cr->outcome == OffloadingClient::NOT_SCHEDULED ? "not-scheduled"
                                 : cr->outcome == OffloadingClient::LATE          ? "late"
                                                                                  : "failed";
            NS_TEST_EXPECT_MSG_EQ(row.at("outcome"), expect, "outcome");
            onTime += expect == "on-time";
            if (cr->isScheduled)
            {
                // the server's record of this task (same client address and task id)
                const OffloadingServerBase::TaskRecord* sr = nullptr;
                for (const auto& r : serverRecords)
                {
                    if (r.taskId == id &&
                        InetSocketAddress::ConvertFrom(r.from).GetIpv4() == clientAddresses[c])
                    {
                        sr = &r;
                    }
                }
                NS_TEST_ASSERT_MSG_NE(sr, nullptr, "the server's record");
                NS_TEST_EXPECT_MSG_EQ_TOL(D(row, "pred_total_s"),
                                          sr->predictedCompletionS - sr->allocationS,
                                          1e-9,
                                          "predicted completion");
                NS_TEST_EXPECT_MSG_EQ_TOL(D(row, "meas_total_s"),
                                          sr->completionS - sr->allocationS,
                                          1e-9,
                                          "measured completion");
                NS_TEST_EXPECT_MSG_EQ_TOL(D(row, "meas_upload_s"),
                                          sr->uploadEndS - sr->allocationS,
                                          1e-9,
                                          "measured upload");
                NS_TEST_EXPECT_MSG_EQ_TOL(D(row, "t_end_s"), cr->resultS, 1e-9, "result time");
            }
        }
        NS_TEST_EXPECT_MSG_GT(onTime, 0, "some tasks on time");
        Csv e = ReadCsv(events);
        uint32_t batches = 0;
        for (const auto& row : e.rows)
        {
            batches += row.at("event") == "batch";
        }
        NS_TEST_EXPECT_MSG_GT(batches, 0, "batch events");
        std::remove(tasks.c_str());
        std::remove(events.c_str());
    }
};

/**
 * @ingroup edge-inference-traces-tests
 * @brief NOMA split inference with NomaSplitInferenceHelper::EnableTraces(): each task's
 * record carries the helper's frame-aware prediction and the client's measured latency, and
 * the noma-ul / noma-dl events are exactly the transport blocks of the MAC's Schedule trace.
 */
class NomaSplitTracesTestCase : public TestCase
{
  public:
    NomaSplitTracesTestCase()
        : TestCase("NomaSplitInferenceHelper::EnableTraces(): predictions, latencies, TBs")
    {
    }

  private:
    /// Schedule sink: count uplink and downlink TBs per UE
    static void Count(std::map<std::pair<std::string, uint32_t>, uint32_t>* out,
                      const NomaFrameSchedule& s)
    {
        for (const auto& g : s.uplink)
        {
            ++(*out)[{"noma-ul", g.ue}];
        }
        for (const auto& g : s.downlink)
        {
            ++(*out)[{"noma-dl", g.ue}];
        }
    }

    void DoRun() override
    {
        const std::string tasks = CreateTempDirFilename("n-tasks.csv");
        const std::string events = CreateTempDirFilename("n-events.csv");
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const std::vector<double> dist = {60, 250};
        auto cell = testutils::MakeNomaTestCell(dist, 1, 1e6, MilliSeconds(1));
        NomaSplitProfile p;
        p.layerFlops = {4e8, 4e8, 4e8, 4e8};
        p.outputBits = {8.0 * 20000, 8.0 * 12000, 8.0 * 6000, 8.0 * 3000, 8.0 * 100};
        p.resultBits = 800;
        NomaSplitInferenceHelper h;
        h.SetProfile(p);
        h.SetDeviceModel(DeviceComputeModel(1.0, 1e9, 1e-28, 1e9, 1e9));
        NomaSplitProblem tmpl;
        tmpl.edgeFrequencyHz = 20e9;
        h.SetProblemTemplate(tmpl);
        h.SetClientAttribute("NumTasks", UintegerValue(2));
        h.Install(cell.bsDev, Seconds(0.0503));
        std::map<std::pair<std::string, uint32_t>, uint32_t> tbs;
        cell.bsDev->GetMac()->TraceConnectWithoutContext("Schedule",
                                                         MakeBoundCallback(&Count, &tbs));
        Ptr<InferenceTraceWriter> writer = h.EnableTraces();
        writer->SetAttribute("TaskFileName", StringValue(tasks));
        writer->SetAttribute("EventFileName", StringValue(events));
        writer->SetAttribute("DatabaseFileName", StringValue(""));
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        std::vector<NomaSplitFramePrediction> pred = h.PredictFrameAware(2);
        std::vector<uint32_t> nodeIds;
        std::vector<std::vector<SplitInferenceClientTask>> clientTasks;
        for (uint32_t u = 0; u < dist.size(); ++u)
        {
            nodeIds.push_back(h.GetClient(u)->GetNode()->GetId());
            clientTasks.push_back(h.GetClient(u)->GetTasks());
        }
        Simulator::Destroy();

        Csv t = ReadCsv(tasks);
        NS_TEST_ASSERT_MSG_EQ(t.header, TASK_HEADER, "documented task columns");
        NS_TEST_ASSERT_MSG_EQ(t.rows.size(), 4, "two UEs x two tasks");
        for (const auto& row : t.rows)
        {
            uint32_t u = std::stoul(row.at("ue"));
            NS_TEST_ASSERT_MSG_LT(u, dist.size(), "ue is the NOMA UE index");
            NS_TEST_EXPECT_MSG_EQ(row.at("node"), std::to_string(nodeIds[u]), "node of the UE");
            NS_TEST_EXPECT_MSG_EQ(row.at("technique"), "noma-split", "technique");
            const auto& ct = clientTasks[u].at(std::stoul(row.at("task_id")));
            NS_TEST_EXPECT_MSG_EQ(
                row.at("decision"), "split=" + std::to_string(ct.splitPoint), "split point");
            NS_TEST_EXPECT_MSG_EQ(
                row.at("outcome"), std::string(ct.isSuccess ? "completed" : "failed"), "outcome");
            if (ct.isSuccess)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(D(row, "meas_total_s"),
                                          ct.GetLatency().GetSeconds(),
                                          1e-9,
                                          "latency of the client's record");
            }
            if (pred[u].isFinite)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(D(row, "pred_total_s"),
                                          pred[u].latencyS,
                                          1e-9,
                                          "the helper's frame-aware prediction");
            }
        }
        Csv e = ReadCsv(events);
        std::map<std::pair<std::string, uint32_t>, uint32_t> traced;
        for (const auto& row : e.rows)
        {
            if (row.at("event") == "noma-ul" || row.at("event") == "noma-dl")
            {
                ++traced[{row.at("event"), static_cast<uint32_t>(std::stoul(row.at("ue")))}];
            }
        }
        NS_TEST_EXPECT_MSG_EQ((traced == tbs), true, "one event per transport block");
        NS_TEST_EXPECT_MSG_GT(tbs.size(), 0, "some transport blocks");
        std::remove(tasks.c_str());
        std::remove(events.c_str());
    }
};

/**
 * @ingroup edge-inference-traces-tests
 * @brief The trace test suite.
 */
class TracesTestSuite : public TestSuite
{
  public:
    TracesTestSuite()
        : TestSuite("edge-inference-traces")
    {
        AddTestCase(new UserScenarioTracesTestCase);
        AddTestCase(new BatchingTracesTestCase);
        AddTestCase(new NomaSplitTracesTestCase);
    }
};

/// The suite instance
TracesTestSuite g_tracesTestSuite;

} // namespace
