/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/config.h"
#include "ns3/core-module.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/edge-inference-helper.h"
#include "ns3/edge-lte-topology-helper.h"
#include "ns3/internet-module.h"
#include "ns3/layer-header.h"
#include "ns3/layer-streaming-server.h"
#include "ns3/layerwise-inference-client.h"
#include "ns3/lte-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/slide-helper.h"
#include "ns3/streaming-exit-model.h"
#include "ns3/test.h"

#include <cmath>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-tests
 * The UE early-exit agent of LayerwiseInferenceClient over a point-to-point link: threshold
 * 1 is today's client, threshold 0 downloads only the first exit's prefix, in between the
 * measured exit depth, bytes and accuracy match StreamingExitModel; prefix streams and the
 * DTO-EE threshold rule.
 */

using namespace ns3;
using namespace ns3::edgeinference;

namespace
{

/// b-alexnet with INT8 parameters (544 kB): the exits of the zoo model, a quick download.
DnnModel
Alexnet8()
{
    DnnModel m = DnnModelZoo::BranchyAlexNet();
    m.SetBytesPerParameter(1.0);
    return m;
}

/// Stream bytes of each layer: LayerHeader + parameters.
std::vector<double>
WireBytes(const DnnModel& m)
{
    std::vector<double> w;
    for (uint32_t l = 0; l < m.GetNLayers(); ++l)
    {
        w.push_back(LayerHeader::SIZE + static_cast<double>(m.GetLayerBytes(l)));
    }
    return w;
}

/// Result of one run.
struct ExitRun
{
    std::vector<LayerwiseInferenceClient::TaskRecord> records; ///< The client's records
    std::vector<uint32_t> lastLayerSent;                       ///< Server: per task
    uint32_t transfersCompleted{0};                            ///< Server: whole models
    uint32_t exitEvents{0};                                    ///< ExitTaken traces
    uint32_t stopEvents{0};                                    ///< DownloadStopped traces
    double finalThreshold{1};                                  ///< Agent threshold at the end
};

void
OnLayerSent(ExitRun* r, uint32_t task, uint32_t layer)
{
    if (r->lastLayerSent.size() <= task)
    {
        r->lastLayerSent.resize(task + 1, 0);
    }
    r->lastLayerSent[task] = layer;
}

void
OnTransfer(ExitRun* r, uint32_t task, uint32_t layer)
{
    r->transfersCompleted++;
}

void
OnExit(ExitRun* r, uint32_t task, uint32_t exit, uint32_t samples, uint32_t correct)
{
    r->exitEvents++;
}

void
OnStop(ExitRun* r, uint32_t task, uint32_t layers, uint64_t bytes)
{
    r->stopEvents++;
}

/**
 * @brief Stream a model to one client over 100 Mb/s.
 * @param [in] served the model the server streams (its name is requested)
 * @param [in] tasks tasks to run
 * @param [in] attributes client attributes (name, value)
 * @param [in] fastDevice 1e15 FLOP/s (exit decisions when the layer arrives) or 1e9 FLOP/s
 * @return the records and server events
 */
ExitRun
RunClient(const DnnModel& served,
          uint32_t tasks,
          const std::vector<std::pair<std::string, std::string>>& attributes,
          bool fastDevice = false)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1400));
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper stack;
    stack.Install(nodes);
    Ipv4AddressHelper addr("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifaces = addr.Assign(devices);

    EdgeInferenceHelper helper;
    helper.AddModel(served);
    helper.SetClientAttribute("FlopsPerCycle", DoubleValue(fastDevice ? 1e6 : 10));
    helper.SetClientAttribute("FrequencyHz", DoubleValue(fastDevice ? 1e9 : 100e6));
    helper.SetClientAttribute("MaxFrequencyHz", DoubleValue(1e9));
    helper.SetClientAttribute("NumTasks", UintegerValue(tasks));
    helper.SetClientAttribute("TaskInterval",
                              StringValue("ns3::ConstantRandomVariable[Constant=0.05]"));
    helper.SetClientAttribute("TaskTimeout", TimeValue(Seconds(10)));
    for (const auto& [name, value] : attributes)
    {
        if (name == "ExitThreshold" || name == "FinalAccuracy" || name == "ThresholdBetaS" ||
            name == "ThresholdStep" || name == "MinThreshold" || name == "MaxThreshold")
        {
            helper.SetClientAttribute(name, DoubleValue(std::stod(value)));
        }
        else if (name == "Samples")
        {
            helper.SetClientAttribute(name, UintegerValue(std::stoul(value)));
        }
        else if (name == "ThresholdRule")
        {
            helper.SetClientAttribute(name,
                                      EnumValue(value == "DtoEeGradient"
                                                    ? LayerwiseInferenceClient::DTO_EE_GRADIENT
                                                    : LayerwiseInferenceClient::FIXED_THRESHOLD));
        }
        else
        {
            helper.SetClientAttribute(name, StringValue(value));
        }
    }
    ApplicationContainer server = helper.InstallServer(nodes.Get(0));
    ApplicationContainer client =
        helper.InstallClient(nodes.Get(1), ifaces.GetAddress(0), served.GetName());
    helper.AssignStreams(nodes, 7);
    ExitRun run;
    server.Get(0)->TraceConnectWithoutContext("LayerSent", MakeBoundCallback(&OnLayerSent, &run));
    server.Get(0)->TraceConnectWithoutContext("TransferCompleted",
                                              MakeBoundCallback(&OnTransfer, &run));
    client.Get(0)->TraceConnectWithoutContext("ExitTaken", MakeBoundCallback(&OnExit, &run));
    client.Get(0)->TraceConnectWithoutContext("DownloadStopped", MakeBoundCallback(&OnStop, &run));
    Simulator::Stop(Seconds(2000));
    Simulator::Run();
    auto c = DynamicCast<LayerwiseInferenceClient>(client.Get(0));
    run.records = c->GetTaskRecords();
    run.finalThreshold = c->GetExitThreshold();
    Simulator::Destroy();
    return run;
}

} // namespace

/**
 * @ingroup edge-inference-tests
 * @brief Threshold 1 never exits: every time, byte count and energy equal those of a
 * client without agent; every sample leaves at the final classifier.
 */
class EarlyExitThresholdOneTestCase : public TestCase
{
  public:
    EarlyExitThresholdOneTestCase()
        : TestCase("Early-exit agent with threshold 1 equals the client without agent")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const DnnModel m = Alexnet8();
        const ExitRun plain = RunClient(m, 4, {{"Samples", "16"}});
        const ExitRun agent = RunClient(
            m, 4, {{"Samples", "16"}, {"ExitModelName", "b-alexnet"}, {"ExitThreshold", "1"}});
        NS_TEST_ASSERT_MSG_EQ(plain.records.size(), 4u, "four tasks");
        NS_TEST_ASSERT_MSG_EQ(agent.records.size(), 4u, "four tasks");
        for (size_t t = 0; t < 4; ++t)
        {
            const auto& a = plain.records[t];
            const auto& b = agent.records[t];
            NS_TEST_ASSERT_MSG_EQ(a.completed && b.completed, true, "task " << t);
            NS_TEST_EXPECT_MSG_EQ(a.latency, b.latency, "task " << t << ": latency");
            NS_TEST_EXPECT_MSG_EQ(a.requestTime, b.requestTime, "task " << t);
            NS_TEST_EXPECT_MSG_EQ(a.bytesReceived, b.bytesReceived, "task " << t << ": bytes");
            NS_TEST_EXPECT_MSG_EQ((a.layerArrival == b.layerArrival), true, "task " << t);
            NS_TEST_EXPECT_MSG_EQ((a.computeFinish == b.computeFinish), true, "task " << t);
            NS_TEST_EXPECT_MSG_EQ(a.energyJ, b.energyJ, "task " << t << ": energy");
            NS_TEST_EXPECT_MSG_EQ(b.hasAgent, true, "task " << t);
            NS_TEST_EXPECT_MSG_EQ(b.downloadStopped, false, "task " << t);
            NS_TEST_EXPECT_MSG_EQ(b.deepestExit, 2, "task " << t << ": final classifier");
            NS_TEST_EXPECT_MSG_EQ(b.exitSamples.at(2), 16u, "task " << t);
            NS_TEST_EXPECT_MSG_EQ(b.bytesConsumed, b.bytesReceived, "task " << t);
        }
        NS_TEST_EXPECT_MSG_EQ(agent.transfersCompleted, 4u, "every model sent");
        NS_TEST_EXPECT_MSG_EQ(agent.stopEvents, 0u, "no download stopped");
        NS_TEST_EXPECT_MSG_EQ(agent.exitEvents, 4u, "one exit event per task (final)");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Threshold 0: every sample leaves at the first exit; the client parses exactly the
 * stream bytes of layers 0 .. afterLayer of exit 0, resets the stream, and the server
 * stops before the end of the model; the next tasks run normally.
 */
class EarlyExitThresholdZeroTestCase : public TestCase
{
  public:
    EarlyExitThresholdZeroTestCase()
        : TestCase("Early-exit agent with threshold 0 downloads only the first exit's prefix")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(2);
        const DnnModel m = Alexnet8();
        const ExitRun plain = RunClient(m, 3, {{"Samples", "4"}});
        const ExitRun run = RunClient(
            m, 3, {{"Samples", "4"}, {"ExitModelName", "b-alexnet"}, {"ExitThreshold", "0"}});
        const uint32_t exitLayer = m.GetExits().at(0).afterLayer;
        double prefix = 0;
        for (uint32_t l = 0; l <= exitLayer; ++l)
        {
            prefix += LayerHeader::SIZE + m.GetLayerBytes(l);
        }
        NS_TEST_ASSERT_MSG_EQ(run.records.size(), 3u, "three tasks");
        for (size_t t = 0; t < 3; ++t)
        {
            const auto& r = run.records[t];
            NS_TEST_ASSERT_MSG_EQ(r.completed, true, "task " << t << ": " << r.failureReason);
            NS_TEST_EXPECT_MSG_EQ(r.deepestExit, 0, "task " << t << ": first exit");
            NS_TEST_EXPECT_MSG_EQ(r.exitSamples.at(0), 4u, "task " << t);
            NS_TEST_EXPECT_MSG_EQ(r.downloadStopped, true, "task " << t);
            NS_TEST_EXPECT_MSG_EQ(r.bytesConsumed,
                                  static_cast<uint64_t>(prefix),
                                  "task " << t << ": exactly the prefix");
            NS_TEST_EXPECT_MSG_LT(r.latency,
                                  plain.records.at(t).latency,
                                  "task " << t << ": faster than the whole model");
            NS_TEST_EXPECT_MSG_LT(r.bytesReceived,
                                  static_cast<uint64_t>(0.5 * m.GetTotalBytes()),
                                  "task " << t << ": the rest of the model never came");
            NS_TEST_EXPECT_MSG_LT(run.lastLayerSent.at(t),
                                  m.GetNLayers() - 1,
                                  "task " << t << ": the server stopped");
        }
        NS_TEST_EXPECT_MSG_EQ(run.transfersCompleted, 0u, "no model sent to its end");
        NS_TEST_EXPECT_MSG_EQ(run.stopEvents, 3u, "one stop per task");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Threshold 0.9 over 240 one-sample tasks: the measured mean exit index, accuracy
 * and parsed bytes match StreamingExitModel within 3.29 standard errors (99.9 %, with the
 * model's own standard deviation); the bytes may exceed the prediction by at most one
 * segment (the rest of the segment holding the exit layer's last byte).
 */
class EarlyExitStatisticsTestCase : public TestCase
{
  public:
    EarlyExitStatisticsTestCase()
        : TestCase("Early-exit agent: exit depth, bytes and accuracy match the exit profile")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(1);
        const DnnModel m = Alexnet8();
        const uint32_t n = 240;
        const double theta = 0.9;
        const ExitRun run = RunClient(m,
                                      n,
                                      {{"ExitModelName", "b-alexnet"},
                                       {"ExitThreshold", "0.9"},
                                       {"ExitAccuracies", "0.64,0.72,0.7838"}},
                                      true);
        const StreamingExitModel em(DnnModelZoo::BranchyAlexNet(), {0.64, 0.72, 0.7838});
        const uint32_t cap = em.GetNSideExits();
        const auto pi = em.ExitDistribution(theta, cap);
        const std::vector<double> wire = WireBytes(m);
        std::vector<double> prefix(pi.size(), 0.0);
        for (uint32_t e = 0; e < pi.size(); ++e)
        {
            for (uint32_t l = 0; l <= em.GetExitLayer(e); ++l)
            {
                prefix[e] += wire[l];
            }
        }
        double meanExit = 0;
        double varExit = 0;
        double meanBytes = 0;
        double varBytes = 0;
        for (uint32_t e = 0; e < pi.size(); ++e)
        {
            meanExit += pi[e] * e;
            varExit += pi[e] * e * e;
            meanBytes += pi[e] * prefix[e];
            varBytes += pi[e] * prefix[e] * prefix[e];
        }
        varExit -= meanExit * meanExit;
        varBytes -= meanBytes * meanBytes;
        const double acc = em.ExpectedAccuracy(theta, cap);
        NS_TEST_ASSERT_MSG_EQ_TOL(meanExit, em.ExpectedExit(theta, cap), 1e-12, "closed form");
        NS_TEST_ASSERT_MSG_EQ_TOL(
            meanBytes, em.ExpectedPrefixSum(wire, theta, cap, 1), 1e-6, "closed form");

        NS_TEST_ASSERT_MSG_EQ(run.records.size(), n, "all tasks ran");
        double sumExit = 0;
        double sumBytes = 0;
        double sumCorrect = 0;
        for (const auto& r : run.records)
        {
            NS_TEST_ASSERT_MSG_EQ(r.completed, true, "task " << r.taskId << r.failureReason);
            sumExit += r.deepestExit;
            sumBytes += static_cast<double>(r.bytesConsumed);
            sumCorrect += r.correctSamples;
            NS_TEST_EXPECT_MSG_GT(r.bytesConsumed + 1,
                                  static_cast<uint64_t>(prefix.at(r.deepestExit)),
                                  "task " << r.taskId << ": all layers of its exit parsed");
        }
        const double z = 3.29;
        const double ciExit = z * std::sqrt(varExit / n);
        const double ciBytes = z * std::sqrt(varBytes / n);
        const double ciAcc = z * std::sqrt(acc * (1 - acc) / n);
        NS_TEST_EXPECT_MSG_EQ_TOL(sumExit / n, meanExit, ciExit, "mean exit index");
        NS_TEST_EXPECT_MSG_EQ_TOL(sumCorrect / n, acc, ciAcc, "accuracy");
        NS_TEST_EXPECT_MSG_GT(sumBytes / n, meanBytes - ciBytes, "mean bytes (low side)");
        NS_TEST_EXPECT_MSG_LT(sumBytes / n, meanBytes + ciBytes + 1400, "mean bytes (high side)");
        // the profile's operating point: 65.6 % leave at exit 0
        NS_TEST_EXPECT_MSG_EQ_TOL(pi[0], 0.656, 1e-9, "b-alexnet's exit 0 at 0.9");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief A prefix stream (StreamingExitModel::Prefix(), "b-alexnet@exit1") ends with its exit:
 * with threshold 1 every sample leaves there, after the whole prefix and the branch.
 */
class EarlyExitPrefixTestCase : public TestCase
{
  public:
    EarlyExitPrefixTestCase()
        : TestCase("Early-exit agent on a prefix stream leaves at the prefix's exit")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(3);
        const DnnModel prefix = StreamingExitModel::Prefix(Alexnet8(), 1);
        NS_TEST_ASSERT_MSG_EQ(prefix.GetName(), "b-alexnet@exit1", "name");
        NS_TEST_ASSERT_MSG_EQ(prefix.GetNLayers(), 3u, "conv1..conv3");
        const ExitRun run = RunClient(
            prefix, 2, {{"Samples", "2"}, {"ExitModelName", "b-alexnet"}, {"ExitThreshold", "1"}});
        for (const auto& r : run.records)
        {
            NS_TEST_ASSERT_MSG_EQ(r.completed, true, "task " << r.taskId << r.failureReason);
            NS_TEST_EXPECT_MSG_EQ(r.exitCap, 1u, "cap: exit 1");
            NS_TEST_EXPECT_MSG_EQ(r.deepestExit, 1, "forced exit at the cap");
            NS_TEST_EXPECT_MSG_EQ(r.exitSamples.at(1), 2u, "both samples");
            NS_TEST_EXPECT_MSG_EQ(r.downloadStopped, false, "the prefix is the stream");
            // the branch ran after the last layer
            NS_TEST_EXPECT_MSG_GT(r.finishTime, r.computeFinish.back(), "branch time");
        }
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief The DTO-EE threshold rule applied on the UE: with accuracy worth a lot (beta large)
 * the threshold rises towards MaxThreshold, with accuracy worth nothing it falls to
 * MinThreshold; it stays within the clip.
 */
class EarlyExitThresholdRuleTestCase : public TestCase
{
  public:
    EarlyExitThresholdRuleTestCase()
        : TestCase("Early-exit agent: the DTO-EE threshold rule moves the threshold")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(4);
        const DnnModel m = Alexnet8();
        auto runWith = [&](const std::string& beta)
        {
            return RunClient(m,
                             12,
                             {{"ExitModelName", "b-alexnet"},
                              {"ExitThreshold", "0.5"},
                              {"ExitAccuracies", "0.64,0.72,0.7838"},
                              {"ThresholdRule", "DtoEeGradient"},
                              {"ThresholdStep", "0.5"},
                              {"ThresholdBetaS", beta},
                              {"MinThreshold", "0.2"},
                              {"MaxThreshold", "0.95"}});
        };
        const ExitRun accurate = runWith("100");
        const ExitRun fast = runWith("0");
        NS_TEST_EXPECT_MSG_GT(accurate.finalThreshold, 0.5, "accuracy pays: theta rises");
        NS_TEST_EXPECT_MSG_LT(accurate.finalThreshold, 0.95 + 1e-12, "clipped");
        NS_TEST_EXPECT_MSG_LT(fast.finalThreshold, 0.5, "only latency: theta falls");
        NS_TEST_EXPECT_MSG_GT(fast.finalThreshold, 0.2 - 1e-12, "clipped");
        NS_TEST_EXPECT_MSG_GT(accurate.records.back().exitThreshold,
                              accurate.records.front().exitThreshold,
                              "recorded per task");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief Over LTE with SlideResourceManager: UE 0 streams b-alexnet and UE 1 asks while UE 0's
 * transfer would still run. When UE 0's agent exits at the first exit (threshold 0) its
 * download stops, the server releases its bandwidth and UE 1's round, right after its
 * request, is offered the whole cell; without the exit (threshold 1) UE 1 is decided only
 * after UE 0's whole download (UE 0 holds every downlink share meanwhile). With
 * ReservedDlFraction 0.25 and UE 1 reserved, UE 0's round is offered 75 % of the cell and UE 1
 * is heard at once.
 */
class EarlyExitReleasesBandwidthTestCase : public TestCase
{
  public:
    EarlyExitReleasesBandwidthTestCase()
        : TestCase("Early exit over LTE: the stopped download's bandwidth goes to the next round")
    {
    }

  private:
    /// Outcome of one run.
    struct Outcome
    {
        std::vector<SlideResourceManager::Round> rounds; ///< The manager's rounds
        double cellHz{0};                                ///< Cell bandwidth, Hz
        LayerwiseInferenceClient::TaskRecord first;      ///< UE 0's task
        LayerwiseInferenceClient::TaskRecord second;     ///< UE 1's task
    };

    /**
     * @param [in] threshold UE 0's exit threshold
     * @param [in] reserved ReservedDlFraction of the manager, UE 1 reserved if > 0
     * @return the outcome
     */
    Outcome RunWith(double threshold, double reserved = 0.0)
    {
        SetSlideLteDefaults();
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        EdgeLteGeometry geometry;
        geometry.enbHeightM = 30;
        geometry.ueHeightM = 1.5;
        const EdgeLteTopology topo = BuildEdgeLteTopology(
            25,
            {300, 150},
            [](Ptr<LteHelper> lte)
            {
                lte->SetSchedulerType("ns3::PfFfMacScheduler");
                lte->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
            },
            geometry);
        topo.lte->AssignStreams(NetDeviceContainer(topo.enbDevices, topo.ueDevices), 100);
        SlideHelper slide;
        slide.AddModel(DnnModelZoo::BranchyAlexNet()); // fp32, 2.2 MB
        slide.AddTask("cifar", {"b-alexnet"});
        slide.SetClientAttribute("ExitModelName", StringValue("b-alexnet"));
        slide.SetClientAttribute("TaskTimeout", TimeValue(Seconds(5)));
        slide.SetResourceManagerAttribute("ReservedDlFraction", DoubleValue(reserved));
        Ptr<SlideResourceManager> manager = slide.InstallResourceManager(topo.enbDevices.Get(0));
        if (reserved > 0)
        {
            manager->AddReservedUe(DynamicCast<LteUeNetDevice>(topo.ueDevices.Get(1))->GetImsi());
        }
        slide.InstallServer(topo.remote.Get(0)).Start(Seconds(0));
        ApplicationContainer clients;
        for (uint32_t i = 0; i < 2; ++i)
        {
            SlideUserProfile p;
            p.samples = 1;
            p.device = DeviceComputeModel(64, DeviceComputeModel::DEFAULT_MAX_FREQUENCY_HZ);
            p.deadlineS = 3.0;
            ApplicationContainer c = slide.InstallClient(
                topo.ues.Get(i), topo.ueDevices.Get(i), topo.serverAddress, "cifar", p);
            c.Get(0)->SetAttribute("ExitThreshold", DoubleValue(i == 0 ? threshold : 1.0));
            c.Start(Seconds(i == 0 ? 0.5 : 0.8));
            clients.Add(c);
        }
        slide.AssignStreams(topo.ues, 1000);
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        Outcome o;
        o.rounds = manager->GetRounds();
        o.cellHz = manager->GetCellBandwidthHz();
        o.first = DynamicCast<LayerwiseInferenceClient>(clients.Get(0))->GetTaskRecords().at(0);
        o.second = DynamicCast<LayerwiseInferenceClient>(clients.Get(1))->GetTaskRecords().at(0);
        Simulator::Destroy();
        return o;
    }

    void DoRun() override
    {
        const Outcome exits = RunWith(0.0);
        const Outcome stays = RunWith(1.0);
        NS_TEST_ASSERT_MSG_EQ(exits.rounds.size(), 2u, "one round per request");
        NS_TEST_ASSERT_MSG_EQ(stays.rounds.size(), 2u, "one round per request");
        NS_TEST_EXPECT_MSG_EQ(exits.first.completed, true, exits.first.failureReason);
        NS_TEST_EXPECT_MSG_EQ(exits.first.downloadStopped, true, "UE 0 stopped its download");
        NS_TEST_EXPECT_MSG_LT(exits.first.downloadStopTime, Seconds(0.8), "before UE 1 asks");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            exits.rounds[1].availableHz, exits.cellHz, 1.0, "UE 1's round: the whole cell again");
        NS_TEST_EXPECT_MSG_EQ(exits.second.granted, true, "UE 1 admitted");
        NS_TEST_EXPECT_MSG_LT(exits.rounds[1].time, Seconds(0.9), "UE 1 decided at once");
        NS_TEST_EXPECT_MSG_EQ(stays.first.downloadStopped, false, "no exit");
        NS_TEST_EXPECT_MSG_EQ(stays.first.completed, true, stays.first.failureReason);
        // without the exit, UE 1's request waits for UE 0's transfer to end: while UE 0 holds
        // every downlink share, UE 1 (no share) does not even get its TCP SYN-ACK
        NS_TEST_EXPECT_MSG_GT(stays.rounds[1].time,
                              stays.first.layerArrival.back(),
                              "UE 1 decided after UE 0's whole download");
        NS_TEST_EXPECT_MSG_GT(stays.rounds[1].time - exits.rounds[1].time,
                              Seconds(0.5),
                              "the exit serves UE 1 much earlier");
        // a reserved downlink fraction: UE 0's round is offered the rest of the cell, and UE 1
        // (reserved) is heard at once although UE 0 holds the rest
        const Outcome reserved = RunWith(1.0, 0.25);
        NS_TEST_ASSERT_MSG_EQ(reserved.rounds.size(), 2u, "one round per request");
        NS_TEST_EXPECT_MSG_EQ_TOL(reserved.rounds[0].availableHz,
                                  0.75 * reserved.cellHz,
                                  1.0,
                                  "the reserved fraction is not offered");
        NS_TEST_EXPECT_MSG_LT(reserved.rounds[1].time, Seconds(0.9), "UE 1 heard at once");
        NS_TEST_EXPECT_MSG_LT(
            reserved.rounds[1].availableHz, 0.05 * reserved.cellHz, "UE 0 holds what was offered");
        NS_TEST_EXPECT_MSG_LT(exits.first.bytesReceived,
                              stays.first.bytesReceived / 2,
                              "the rest of the model never came");
    }
};

/**
 * @ingroup edge-inference-tests
 * @brief The UE early-exit agent.
 */
class EdgeInferenceEarlyExitTestSuite : public TestSuite
{
  public:
    EdgeInferenceEarlyExitTestSuite()
        : TestSuite("edge-inference-early-exit")
    {
        AddTestCase(new EarlyExitThresholdOneTestCase);
        AddTestCase(new EarlyExitThresholdZeroTestCase);
        AddTestCase(new EarlyExitStatisticsTestCase);
        AddTestCase(new EarlyExitPrefixTestCase);
        AddTestCase(new EarlyExitThresholdRuleTestCase);
        AddTestCase(new EarlyExitReleasesBandwidthTestCase);
    }
};

/// Static instance of the early-exit test suite.
static EdgeInferenceEarlyExitTestSuite g_edgeInferenceEarlyExitTestSuite;
