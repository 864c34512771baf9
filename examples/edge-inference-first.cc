/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * @brief The first edge-inference scenario, in the spirit of lte's lena-simple-epc.cc: one LTE
 * cell with EPC, an edge server behind the PGW and a few UEs that download MobileNetV2 layer by
 * layer and infer while the rest arrives (SLIDE, Qu et al., IEEE TMC 2026).
 *
 * The bandwidth allocator is written here, in the user's program: EqualShareAllocator serves
 * every UE with an equal share of the downlink at its device's maximum frequency. The helper
 * installs it by TypeId; the eNB's MAC executes its shares (BandwidthShareFfrAlgorithm); the
 * module predicts each UE's latency from the decision before any layer is sent, and the
 * packets measure it.
 *
 *     ./edge-inference-first --nUes=4 --rbs=50 --deadline=5
 */

#include "ns3/core-module.h"
#include "ns3/edge-inference-module.h"
#include "ns3/lte-module.h"
#include "ns3/network-module.h"

#include <cmath>
#include <cstdio>

using namespace ns3;
using namespace ns3::edgeinference;

NS_LOG_COMPONENT_DEFINE("EdgeInferenceFirst");

/**
 * A user-written SLIDE allocator: every user gets B/K of the downlink, its first candidate
 * model and its device's maximum frequency. SlideAllocator::Allocate() checks the decision
 * and adds the module's prediction of it.
 */
class EqualShareAllocator : public SlideAllocator
{
  public:
    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::EqualShareAllocator")
                                .SetParent<SlideAllocator>()
                                .SetGroupName("EdgeInference")
                                .AddConstructor<EqualShareAllocator>();
        return tid;
    }

    SlideDecision Decide(const SlideProblem& instance) override
    {
        SlideDecision d;
        d.users.resize(instance.users.size());
        for (size_t k = 0; k < d.users.size(); ++k)
        {
            d.users[k].isServed = true;
            d.users[k].model = instance.users[k].candidateModels.front();
            d.users[k].bandwidthHz = instance.totalBandwidthHz / d.users.size();
            d.users[k].frequencyHz = instance.users[k].device.GetMaxFrequency();
        }
        return d;
    }
};

NS_OBJECT_ENSURE_REGISTERED(EqualShareAllocator);

/**
 * The example, run by main() through ExampleCommandLine::Run (exceptions: exit status 2).
 * @param [in] argc argument count
 * @param [in] argv arguments
 * @return the exit status
 */
int
RunExample(int argc, char* argv[])
{
    uint32_t nUes = 4;
    uint32_t rbs = 50;
    double deadline = 5.0;
    ExampleCommandLine cmd(__FILE__);
    cmd.AddCount("nUes", "Number of UEs (1..20)", nUes, 1, 20);
    cmd.AddChoice(
        "rbs", "Cell bandwidth, RBs (6, 15, 25, 50, 75 or 100)", rbs, LteBandwidthTable());
    cmd.AddNumber("deadline", "Deadline of every task, s", deadline, ValueRange::Positive());
    cmd.Parse(argc, argv);
    SetSlideLteDefaults(); // TCP over RLC AM, ideal RRC, 43 dBm eNB

    // edge server -- PGW -- eNB ~~ UEs at 100, 200, ... m; PF scheduler with the share FFR
    std::vector<double> distances;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        distances.push_back(100.0 * (i + 1));
    }
    EdgeLteGeometry geometry;
    geometry.enbHeightM = 30;
    geometry.ueHeightM = 1.5;
    const EdgeLteTopology cell = BuildEdgeLteTopology(
        rbs,
        distances,
        [](Ptr<LteHelper> lte)
        {
            // PF, grant for grant, without the ns-3.37 abort on random-access preambles that
            // got no temporary RNTI (BandwidthShareFfMacScheduler without shares)
            lte->SetSchedulerType("ns3::BandwidthShareFfMacScheduler");
            lte->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
        },
        geometry);

    // SLIDE with the allocator above
    SlideHelper slide;
    slide.SetAllocatorType("ns3::EqualShareAllocator");
    // the allocator's rate: LTE AMC from each UE's CQI, times the goodput left after the
    // TCP/IP/PDCP/RLC headers over RLC UM (the calibration slide-lte uses)
    slide.SetResourceManagerAttribute("RateEfficiency", DoubleValue(SLIDE_LTE_RATE_EFFICIENCY));
    DnnModel model = DnnModelZoo::Get("mobilenetv2");
    model.SetBytesPerParameter(1); // INT8 weights: 3.5 MB
    slide.AddModel(model);
    slide.AddTask("classify", {"mobilenetv2"});
    slide.InstallResourceManager(cell.enbDevices.Get(0));
    slide.InstallServer(cell.remote.Get(0));
    ApplicationContainer clients;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        SlideUserProfile profile;
        profile.samples = 8;
        profile.deadlineS = deadline;
        clients.Add(slide.InstallClient(
            cell.ues.Get(i), cell.ueDevices.Get(i), cell.serverAddress, "classify", profile));
    }
    clients.Start(Seconds(0.5)); // after attachment and the first CQI reports
    slide.AssignStreams(cell.ues, 1000);
    Simulator::Stop(Seconds(0.5 + 3 * deadline + 1));
    ExampleCommandLine::PrepareRun();
    Simulator::Run();

    std::printf("UE  distance  bandwidth  predicted  measured  error\n");
    double worst = 0;
    uint32_t done = 0;
    for (uint32_t i = 0; i < nUes; ++i)
    {
        auto client = DynamicCast<LayerwiseInferenceClient>(clients.Get(i));
        const auto& r = client->GetTaskRecords().front();
        const std::string user = "UE " + std::to_string(i);
        if (!r.completed)
        {
            // a UE whose uplink cannot reach the eNB never gets its request through: the
            // resource manager says so (CoverageCheck); otherwise the client's own reason
            const uint64_t imsi = DynamicCast<LteUeNetDevice>(cell.ueDevices.Get(i))->GetImsi();
            const std::string coverage = slide.GetResourceManager()->GetCoverageRejection(imsi);
            const std::string reason = !r.failureReason.empty() ? r.failureReason
                                       : !coverage.empty()      ? coverage
                                                           : "not completed when the run ended";
            std::printf("%2u  %6.0f m  not completed: %s\n", i, distances[i], reason.c_str());
            // a rejected request (no grant, out of coverage) is an admission decision;
            // anything else a failure
            PredictionLog::Record("first",
                                  user,
                                  "latency",
                                  "s",
                                  r.granted ? r.predictedLatencyS : std::nan(""),
                                  std::nan(""),
                                  r.rejected || !coverage.empty() ? PredictionLog::Outcome::UNSERVED
                                                                  : PredictionLog::Outcome::FAILED,
                                  reason);
            continue;
        }
        const double measured = (r.finishTime - r.decisionTime).GetSeconds();
        PredictionLog::RecordServed("first", user, "latency", "s", r.predictedLatencyS, measured);
        const double error = 100.0 * (measured - r.predictedLatencyS) / r.predictedLatencyS;
        worst = std::max(worst, std::abs(error));
        ++done;
        std::printf("%2u  %6.0f m  %5.2f MHz  %7.3f s  %6.3f s  %+.2f %%\n",
                    i,
                    distances[i],
                    r.grantBandwidthHz / 1e6,
                    r.predictedLatencyS,
                    measured,
                    error);
    }
    std::printf(
        "edge-inference-first: %u/%u completed; largest |error| %.2f %%\n", done, nUes, worst);
    Simulator::Destroy();
    return 0;
}

int
main(int argc, char* argv[])
{
    return ExampleCommandLine::Run(__FILE__, argc, argv, RunExample);
}
