/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * Tests of EdgeServer: the PartialLoading worked example E5 as simulated events, the input
 * wait, the event timeline against the recursion of R2.2 of [2] (with GpuMemoryModel's static
 * switch times) on random instances, and the failure paths (late, cancelled, unknown model,
 * model bigger than the GPU, skipped).
 */

#include "test-block-model.h"

#include "ns3/core-module.h"
#include "ns3/edge-server.h"
#include "ns3/test.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgeinference;
using namespace ns3::edgeinference::testutils;

namespace
{

/**
 * @brief An EdgeServer loading at 1000 MB/s (1 ms per MB) with the E5 models.
 * @return the server
 */
Ptr<EdgeServer>
E5Server()
{
    Ptr<EdgeServer> server = CreateObject<EdgeServer>();
    server->SetAttribute("LoadRate", DataRateValue(DataRate(8e9))); // 1000 MB/s
    server->AddModel(BlockModel("m1", {{"A", 90}, {"h1", 10}}));
    server->AddModel(BlockModel("m2", {{"A", 90}, {"h2", 10}}));
    server->AddModel(BlockModel("m3", {{"B", 40}, {"h3", 5}}));
    server->SetInferenceTime("m1", MilliSeconds(10));
    server->SetInferenceTime("m2", MilliSeconds(10));
    server->SetInferenceTime("m3", MilliSeconds(5));
    return server;
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * @brief Reconstruction 2.9 E5: the optimal order m1, m1, m2, m3, m3 on a cold GPU at 1000 MB/s
 * gives ready times 100, 110, 130, 185, 190 ms and end times 110, 120, 140, 190, 195 ms.
 */
class EdgeServerE5TestCase : public TestCase
{
  public:
    EdgeServerE5TestCase()
        : TestCase("E5 schedule as events: ready and end times, bytes loaded")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<EdgeServer> server = E5Server();
        std::vector<EdgeServerJobRecord> done;
        uint32_t loads = 0;
        server->TraceConnectWithoutContext("LoadStarted",
                                           Callback<void, const std::string&, uint64_t, Time>(
                                               [&loads](const std::string&, uint64_t, Time)
                                               { ++loads; }));
        auto record = [&done](const EdgeServerJobRecord& r)
        {
            done.push_back(r);
        };
        for (const char* m : {"m1", "m1", "m2", "m3", "m3"})
        {
            server->Submit(m, 1, MilliSeconds(200), true, record);
        }
        Simulator::Run();
        // ready: 90 + 10 = 100 MB; m1 again: nothing; m2: h2 = 10; m3: B + h3 = 45
        const double ready[] = {100, 110, 130, 185, 190};
        const double end[] = {110, 120, 140, 190, 195};
        NS_TEST_ASSERT_MSG_EQ(done.size(), 5u, "five jobs ended");
        for (size_t i = 0; i < done.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(done[i].ready.GetSeconds(), ready[i] / 1e3, 1e-9, "ready");
            NS_TEST_EXPECT_MSG_EQ_TOL(done[i].end.GetSeconds(), end[i] / 1e3, 1e-9, "end");
            NS_TEST_EXPECT_MSG_EQ(done[i].isOnTime, true, "on time (T = 200 ms)");
            NS_TEST_EXPECT_MSG_EQ(done[i].failure.empty(), true, "no failure");
        }
        NS_TEST_EXPECT_MSG_EQ(server->GetLoadedBytes(), 155'000'000ULL, "100 + 10 + 45 MB");
        NS_TEST_EXPECT_MSG_EQ(loads, 3u, "the repeated models load nothing");
        NS_TEST_EXPECT_MSG_EQ_TOL(server->GetLoadingTime().GetSeconds(), 0.155, 1e-9, "155 ms");
        NS_TEST_EXPECT_MSG_EQ(server->GetNPendingJobs(), 0u, "queue empty");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief A job waits for its input (b = max(rho, u)) and the next load starts at its end.
 */
class EdgeServerInputWaitTestCase : public TestCase
{
  public:
    EdgeServerInputWaitTestCase()
        : TestCase("inference starts at max(ready, input); next load after the end")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<EdgeServer> server = E5Server();
        std::vector<EdgeServerJobRecord> done;
        auto record = [&done](const EdgeServerJobRecord& r)
        {
            done.push_back(r);
        };
        const uint64_t first = server->Submit("m1", 1, Seconds(1), false, record);
        server->Submit("m2", 1, Seconds(1), true, record);
        Simulator::Schedule(MilliSeconds(150), &EdgeServer::SetInputReady, server, first);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(done.size(), 2u, "two jobs");
        // m1 ready at 100 ms, input at 150 ms: 150..160 ms; m2 loads h2 (10 ms) from 160 ms
        NS_TEST_EXPECT_MSG_EQ_TOL(done[0].ready.GetSeconds(), 0.100, 1e-9, "ready");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[0].inputReady.GetSeconds(), 0.150, 1e-9, "input");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[0].start.GetSeconds(), 0.150, 1e-9, "start");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[0].end.GetSeconds(), 0.160, 1e-9, "end");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[1].loadStart.GetSeconds(), 0.160, 1e-9, "load start");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[1].ready.GetSeconds(), 0.170, 1e-9, "ready");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[1].end.GetSeconds(), 0.180, 1e-9, "end");
        NS_TEST_EXPECT_MSG_EQ(done[1].loadedBytes, 10'000'000ULL, "only h2");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief (a) The next job's input arriving in the callback of the previous job's end
 * (the same instant) does not start it before its model is loaded: m1 (ready, 100 MB) ends
 * at 110 ms, m2 then loads h2 (10 ms): start 120 ms, end 130 ms, each job finishes once.
 * (b) ShareBlocks = false (no-sharing baseline): m2 after m1 reloads all 100 MB: ready at
 * 110 + 100 = 210 ms.
 */
class EdgeServerInputAtEndTestCase : public TestCase
{
  public:
    EdgeServerInputAtEndTestCase()
        : TestCase("input ready in the previous job's callback; ShareBlocks=false reloads")
    {
    }

  private:
    void DoRun() override
    {
        for (bool share : {true, false})
        {
            Ptr<EdgeServer> server = E5Server();
            server->SetAttribute("ShareBlocks", BooleanValue(share));
            std::vector<EdgeServerJobRecord> done;
            uint64_t second = 0;
            auto record = [&done, &second, server](const EdgeServerJobRecord& r)
            {
                done.push_back(r);
                if (done.size() == 1)
                {
                    server->SetInputReady(second);
                }
            };
            server->Submit("m1", 1, Seconds(1), true, record);
            second = server->Submit("m2", 1, Seconds(1), false, record);
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(done.size(), 2u, "each job finishes once");
            const double ready = share ? 0.120 : 0.210;
            NS_TEST_EXPECT_MSG_EQ_TOL(done[0].end.GetSeconds(), 0.110, 1e-9, "m1 end");
            NS_TEST_EXPECT_MSG_EQ_TOL(done[1].ready.GetSeconds(), ready, 1e-9, "m2 ready");
            NS_TEST_EXPECT_MSG_EQ_TOL(done[1].start.GetSeconds(), ready, 1e-9, "m2 start");
            NS_TEST_EXPECT_MSG_EQ_TOL(done[1].end.GetSeconds(), ready + 0.010, 1e-9, "m2 end");
            NS_TEST_EXPECT_MSG_EQ(
                done[1].loadedBytes, share ? 10'000'000ULL : 100'000'000ULL, "bytes loaded for m2");
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief On random families, orders and input times, the event timeline equals the
 * recursion rho_i = e_{i-1} + SwitchTime(m_{i-1}, m_i), b_i = max(rho_i, u_i), e_i = b_i + I
 * computed with GpuMemoryModel's static switch time (no GPU state).
 */
class EdgeServerRandomTestCase : public TestCase
{
  public:
    EdgeServerRandomTestCase()
        : TestCase("event timeline equals the R2.2 of [2] recursion on 200 random instances")
    {
    }

  private:
    void DoRun() override
    {
        std::mt19937_64 rng(20261123);
        std::uniform_int_distribution<int> nModels(1, 4);
        std::uniform_int_distribution<int> nJobs(1, 8);
        std::uniform_real_distribution<double> mb(1, 100);
        std::uniform_real_distribution<double> ms(1, 50);
        std::bernoulli_distribution coin(0.5);
        const double rl = 1000 * MB; // bytes/s
        for (int instance = 0; instance < 200; ++instance)
        {
            // models: a shared backbone with probability 1/2, plus an own head
            const int m = nModels(rng);
            std::vector<DnnModel> models;
            std::vector<double> inference;
            const double backbone = mb(rng);
            for (int j = 0; j < m; ++j)
            {
                const std::string name = "x" + std::to_string(j);
                if (coin(rng))
                {
                    models.push_back(
                        BlockModel(name, {{"shared", backbone}, {name + "h", mb(rng)}}));
                }
                else
                {
                    models.push_back(
                        BlockModel(name, {{name + "b", mb(rng)}, {name + "h", mb(rng)}}));
                }
                inference.push_back(std::round(ms(rng) * 1000) / 1e6); // whole microseconds
            }
            Ptr<EdgeServer> server = CreateObject<EdgeServer>();
            server->SetAttribute("LoadRate", DataRateValue(DataRate(8 * rl)));
            for (int j = 0; j < m; ++j)
            {
                server->AddModel(models[j]);
                server->SetInferenceTime(models[j].GetName(), Seconds(inference[j]));
            }
            const int n = nJobs(rng);
            std::vector<int> which(n);
            std::vector<double> upload(n);
            std::vector<EdgeServerJobRecord> done;
            auto record = [&done](const EdgeServerJobRecord& r)
            {
                done.push_back(r);
            };
            for (int i = 0; i < n; ++i)
            {
                which[i] = std::uniform_int_distribution<int>(0, m - 1)(rng);
                upload[i] = std::round(ms(rng) * 4 * 1000) / 1e6; // 0..200 ms, whole us
                const uint64_t id =
                    server->Submit(models[which[i]].GetName(), 1, Time::Max(), false, record);
                Simulator::Schedule(Seconds(upload[i]), &EdgeServer::SetInputReady, server, id);
            }
            Simulator::Run();
            Simulator::Destroy();
            NS_TEST_ASSERT_MSG_EQ(done.size(), static_cast<size_t>(n), "all jobs ended");
            double e = 0;
            const DnnModel cold;
            for (int i = 0; i < n; ++i)
            {
                const DnnModel& prev = i == 0 ? cold : models[which[i - 1]];
                const double rho = e + GpuMemoryModel::SwitchTime(prev, models[which[i]], rl);
                const double b = std::max(rho, upload[i]);
                e = b + inference[which[i]];
                // Time has 1 ns resolution: allow a few ns of rounding per step
                NS_TEST_EXPECT_MSG_EQ_TOL(done[i].ready.GetSeconds(), rho, 1e-8, "ready");
                NS_TEST_EXPECT_MSG_EQ_TOL(done[i].start.GetSeconds(), b, 1e-8, "start");
                NS_TEST_EXPECT_MSG_EQ_TOL(done[i].end.GetSeconds(), e, 1e-8, "end");
            }
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Failure paths: late job, model bigger than the GPU, unknown model, cancelled job,
 * SkipLateJobs; the queue goes on and the simulation runs out of events.
 */
class EdgeServerFailureTestCase : public TestCase
{
  public:
    EdgeServerFailureTestCase()
        : TestCase("late, too big, unknown, cancelled and skipped jobs fail with reasons")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<EdgeServer> server = E5Server();
        server->SetAttribute("GpuMemory", UintegerValue(120'000'000)); // 120 MB
        server->AddModel(BlockModel("huge", {{"H", 150}}));
        std::vector<EdgeServerJobRecord> done;
        std::vector<EdgeServerJobRecord> failed;
        auto record = [&done](const EdgeServerJobRecord& r)
        {
            done.push_back(r);
        };
        server->TraceConnectWithoutContext(
            "JobFailed",
            Callback<void, const EdgeServerJobRecord&>([&failed](const EdgeServerJobRecord& r)
                                                       { failed.push_back(r); }));
        server->Submit("huge", 1, Seconds(1), true, record);      // 150 MB > 120 MB
        server->Submit("nosuch", 1, Seconds(1), true, record);    // not in the catalogue
        server->Submit("m1", 1, MilliSeconds(105), true, record); // ends at 110 ms: late
        const uint64_t waiting = server->Submit("m2", 1, Seconds(1), false, record);
        server->Submit("m3", 1, Seconds(1), true, record);
        Simulator::Schedule(MilliSeconds(300),
                            [server, waiting]() { server->Cancel(waiting, "upload lost"); });
        Simulator::Run(); // returns: no event left behind
        NS_TEST_ASSERT_MSG_EQ(done.size(), 5u, "every job reported once");
        NS_TEST_EXPECT_MSG_EQ((done[0].failure.find("huge") != std::string::npos),
                              true,
                              "the message names the model: " << done[0].failure);
        NS_TEST_EXPECT_MSG_EQ(done[0].isCompleted, false, "too big: not run");
        NS_TEST_EXPECT_MSG_EQ(done[1].failure, "unknown model 'nosuch'", "unknown model");
        NS_TEST_EXPECT_MSG_EQ(done[2].failure, "deadline missed", "late");
        NS_TEST_EXPECT_MSG_EQ(done[2].isCompleted, true, "late but computed");
        NS_TEST_EXPECT_MSG_EQ(done[2].isOnTime, false, "late");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[2].end.GetSeconds(), 0.110, 1e-9, "m1 ends at 110 ms");
        // m2 loaded (ready 120 ms) and waited for its input until cancelled at 300 ms
        NS_TEST_EXPECT_MSG_EQ(done[3].failure, "cancelled: upload lost", "cancelled");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[3].ready.GetSeconds(), 0.120, 1e-9, "m2 ready");
        // m3 loads from 300 ms: B + h3 = 45 ms, then 5 ms
        NS_TEST_EXPECT_MSG_EQ_TOL(done[4].end.GetSeconds(), 0.350, 1e-9, "m3 after cancel");
        NS_TEST_EXPECT_MSG_EQ(done[4].isOnTime, true, "m3 on time");
        NS_TEST_EXPECT_MSG_EQ(failed.size(), 4u, "four JobFailed traces");
        Simulator::Destroy();

        // SkipLateJobs: a job that cannot end by its deadline does not use the GPU
        Ptr<EdgeServer> skipping = E5Server();
        skipping->SetAttribute("SkipLateJobs", BooleanValue(true));
        std::vector<EdgeServerJobRecord> out;
        auto keep = [&out](const EdgeServerJobRecord& r)
        {
            out.push_back(r);
        };
        skipping->Submit("m1", 1, MilliSeconds(105), true, keep); // would end at 110 ms
        skipping->Submit("m1", 1, MilliSeconds(200), true, keep);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(out.size(), 2u, "two jobs");
        NS_TEST_EXPECT_MSG_EQ(out[0].failure, "skipped: cannot end by the deadline", "skipped");
        NS_TEST_EXPECT_MSG_EQ(out[0].start.IsStrictlyNegative(), true, "never started");
        NS_TEST_EXPECT_MSG_EQ_TOL(out[1].end.GetSeconds(), 0.110, 1e-9, "next runs at 100 ms");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief A job cancelled while its model is loading is reported at once, but the copy
 * finishes before the next job starts: a next job sharing those blocks must not find them
 * resident before they have arrived.
 */
class EdgeServerCancelDuringLoadTestCase : public TestCase
{
  public:
    EdgeServerCancelDuringLoadTestCase()
        : TestCase("a job cancelled mid-load: the load still takes its time")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<EdgeServer> server = E5Server();
        std::vector<EdgeServerJobRecord> done;
        auto record = [&done](const EdgeServerJobRecord& r)
        {
            done.push_back(r);
        };
        const uint64_t first = server->Submit("m1", 1, Seconds(1), false, record);
        server->Submit("m2", 1, Seconds(1), true, record);
        // m1 loads A + h1 (100 ms) from 0; cancelled at 40 ms, mid-load
        Simulator::Schedule(MilliSeconds(40),
                            [server, first]() { server->Cancel(first, "upload lost"); });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(done.size(), 2u, "both jobs reported");
        NS_TEST_EXPECT_MSG_EQ(done[0].failure, "cancelled: upload lost", "cancelled");
        NS_TEST_EXPECT_MSG_EQ(done[0].isCompleted, false, "not run");
        // m2 shares A: its load (h2, 10 ms) starts when A has arrived at 100 ms, not at 40 ms
        NS_TEST_EXPECT_MSG_EQ_TOL(done[1].loadStart.GetSeconds(), 0.100, 1e-9, "load start");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[1].ready.GetSeconds(), 0.110, 1e-9, "ready");
        NS_TEST_EXPECT_MSG_EQ_TOL(done[1].end.GetSeconds(), 0.120, 1e-9, "end");
        NS_TEST_EXPECT_MSG_EQ(server->Cancel(first, "again"), false, "gone");
        NS_TEST_EXPECT_MSG_EQ(server->GetNPendingJobs(), 0u, "queue empty");
        Simulator::Destroy();
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief EdgeServer test suite.
 */
class EdgeInferenceEdgeServerTestSuite : public TestSuite
{
  public:
    EdgeInferenceEdgeServerTestSuite()
        : TestSuite("edge-inference-edge-server")
    {
        AddTestCase(new EdgeServerE5TestCase);
        AddTestCase(new EdgeServerInputWaitTestCase);
        AddTestCase(new EdgeServerInputAtEndTestCase);
        AddTestCase(new EdgeServerRandomTestCase);
        AddTestCase(new EdgeServerFailureTestCase);
        AddTestCase(new EdgeServerCancelDuringLoadTestCase);
    }
};

/// Static instance of the EdgeServer test suite.
static EdgeInferenceEdgeServerTestSuite g_edgeInferenceEdgeServerTestSuite;
