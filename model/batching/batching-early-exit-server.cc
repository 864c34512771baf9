/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batching-early-exit-server.h"

#include "batch-execution.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/dnn-model-zoo.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/lte-ul-amc-rate-model.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("BatchingEarlyExitServer");

NS_OBJECT_ENSURE_REGISTERED(BatchingEarlyExitServer);

TypeId
BatchingEarlyExitServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::BatchingEarlyExitServer")
            .SetParent<OffloadingServerBase>()
            .SetGroupName("EdgeInference")
            .AddConstructor<BatchingEarlyExitServer>()
            .AddAttribute("FrameLength",
                          "Frame length T_f of the throughput |S| / T_f; 0 = the largest "
                          "deadline of the frame's requests.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&BatchingEarlyExitServer::m_frameLength),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StartBatchAtPlannedTime",
                          "Start a batch not before the allocator's planned start (t0 + "
                          "UploadStartDelay + T_u) even if the inputs arrived earlier "
                          "(frame-synchronous GPU); false = as soon as the inputs are in.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&BatchingEarlyExitServer::m_startAtPlannedTime),
                          MakeBooleanChecker())
            .AddAttribute("Allocator",
                          "The ns3::BatchingEarlyExitAllocator run at every frame.",
                          PointerValue(),
                          MakePointerAccessor(&BatchingEarlyExitServer::m_allocator),
                          MakePointerChecker<BatchingEarlyExitAllocator>())
            .AddAttribute("ModelName",
                          "Multi-exit zoo model whose exits define the blocks (used unless "
                          "FixedCostsS and PerTaskCostsS are set).",
                          StringValue("b-alexnet"),
                          MakeStringAccessor(&BatchingEarlyExitServer::m_modelName),
                          MakeStringChecker())
            .AddAttribute("ExitAccuracies",
                          "Top-1 accuracy A_l of each exit (comma-separated, one per block, "
                          "non-decreasing, in [0, 1]); empty = the zoo model's exit accuracies "
                          "followed by FinalAccuracy.",
                          StringValue("0.64,0.72,0.7838"),
                          MakeStringAccessor(&BatchingEarlyExitServer::m_exitAccuracies),
                          MakeStringChecker())
            .AddAttribute("FinalAccuracy",
                          "Accuracy of the final classifier when ExitAccuracies is empty.",
                          DoubleValue(0.7838),
                          MakeDoubleAccessor(&BatchingEarlyExitServer::m_finalAccuracy),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("GpuFlopsPerSecond",
                          "Effective GPU speed per task for the zoo-derived per-task cost a_l "
                          "(FLOP/s).",
                          DoubleValue(2e10),
                          MakeDoubleAccessor(&BatchingEarlyExitServer::m_gpuFlopsPerSecond),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("PerBlockOverheadS",
                          "Fixed cost per block and batch (kernel launches, weight reads) added "
                          "to the zoo-derived c_l (s).",
                          DoubleValue(3e-3),
                          MakeDoubleAccessor(&BatchingEarlyExitServer::m_perBlockOverheadS),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("MemoryBandwidthBps",
                          "GPU memory bandwidth for the zoo-derived c_l (bytes/s).",
                          DoubleValue(2.5e10),
                          MakeDoubleAccessor(&BatchingEarlyExitServer::m_memoryBandwidthBps),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("FixedCostsS",
                          "Explicit fixed cost c_l per block (s, comma-separated); with "
                          "PerTaskCostsS overrides the zoo model.",
                          StringValue(""),
                          MakeStringAccessor(&BatchingEarlyExitServer::m_fixedCostsS),
                          MakeStringChecker())
            .AddAttribute("PerTaskCostsS",
                          "Explicit per-task cost a_l per block (s/task, comma-separated).",
                          StringValue(""),
                          MakeStringAccessor(&BatchingEarlyExitServer::m_perTaskCostsS),
                          MakeStringChecker())
            .AddAttribute("TotalBandwidthHz",
                          "Total uplink bandwidth W shared by the served users (Hz).",
                          DoubleValue(4.5e6),
                          MakeDoubleAccessor(&BatchingEarlyExitServer::m_totalBandwidthHz),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("SnrGapDb",
                          "SNR gap Gamma of the link to the Shannon rate: the instance has "
                          "s_k / Gamma (dB, >= 0).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&BatchingEarlyExitServer::m_snrGapDb),
                          MakeDoubleChecker<double>(0.0, 30.0))
            .AddAttribute("RateEfficiency",
                          "Fraction eta of the (gap-reduced) Shannon rate the link achieves: "
                          "the instance has D_k / eta (in (0, 1]).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&BatchingEarlyExitServer::m_rateEfficiency),
                          MakeDoubleChecker<double>(1e-3, 1.0))
            .AddAttribute("UplinkRateModel",
                          "Upload rate of the instances: Shannon (w log2(1 + s / (Gamma w)), the "
                          "reconstruction's) or LteUlAmc (LteUlAmcRateModel: uplink TB sizes of "
                          "the MCS PF picks from the SRS SINR s_k / TotalBandwidthHz, whole RBs, "
                          "as BandwidthShareFfMacScheduler executes w_k) or NrUlAmc (the NR cell's "
                          "model installed by EdgeNrTopologyHelper::ConnectUplinkShares: "
                          "NrUlAmcRateModel, the symbol shares NrSymbolShareScheduler executes).",
                          EnumValue(BatchingEarlyExitServer::SHANNON),
                          MakeEnumAccessor(&BatchingEarlyExitServer::m_uplinkRateModel),
                          MakeEnumChecker(BatchingEarlyExitServer::SHANNON,
                                          "Shannon",
                                          BatchingEarlyExitServer::LTE_UL_AMC,
                                          "LteUlAmc",
                                          BatchingEarlyExitServer::NR_UL_AMC,
                                          "NrUlAmc"))
            .AddAttribute("MinUlGrantRbs",
                          "LteUlAmc: smallest uplink grant, RBs (the scheduler's MinUlGrantRbs).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&BatchingEarlyExitServer::m_minUlGrantRbs),
                          MakeUintegerChecker<uint32_t>(1, 110))
            .AddAttribute("CellUplinkBandwidthHz",
                          "LteUlAmc: uplink bandwidth of the cell, Hz (whole RBs, 6..110), over "
                          "which the SRS SINR s_k / bandwidth was measured; 0 = TotalBandwidthHz "
                          "(the server decides over the whole uplink). Set it when the server "
                          "decides over a part W < the cell's uplink (others use the rest).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&BatchingEarlyExitServer::m_cellUplinkBandwidthHz),
                          MakeDoubleChecker<double>(0.0))
            .AddTraceSource("BatchStarted",
                            "A batch entered the GPU: frame, batch size, missing inputs.",
                            MakeTraceSourceAccessor(&BatchingEarlyExitServer::m_batchTrace),
                            "ns3::edgeinference::BatchingEarlyExitServer::BatchTracedCallback");
    return tid;
}

BatchingEarlyExitServer::BatchingEarlyExitServer()
    : m_startAtPlannedTime(false)
    , m_finalAccuracy(0.7838)
    , m_gpuFlopsPerSecond(2e10)
    , m_perBlockOverheadS(3e-3)
    , m_memoryBandwidthBps(2.5e10)
    , m_totalBandwidthHz(4.5e6)
    , m_snrGapDb(0)
    , m_rateEfficiency(1)
    , m_uplinkRateModel(SHANNON)
    , m_minUlGrantRbs(3)
    , m_cellUplinkBandwidthHz(0)
    , m_gpuFreeAt(Seconds(0))
{
    NS_LOG_FUNCTION(this);
}

BatchingEarlyExitServer::~BatchingEarlyExitServer()
{
    NS_LOG_FUNCTION(this);
}

void
BatchingEarlyExitServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_allocator = nullptr;
    OffloadingServerBase::DoDispose();
}

void
BatchingEarlyExitServer::SetAllocator(Ptr<BatchingEarlyExitAllocator> allocator)
{
    NS_LOG_FUNCTION(this << allocator);
    m_allocator = allocator;
}

Ptr<BatchingEarlyExitAllocator>
BatchingEarlyExitServer::GetAllocator() const
{
    return m_allocator;
}

void
BatchingEarlyExitServer::CheckConfiguration()
{
    NS_ABORT_MSG_IF(
        !m_allocator,
        "BatchingEarlyExitServer: attribute Allocator is not set (use SetAllocator() or "
        "BatchingEarlyExitHelper)");
    m_latency = GetLatencyModel();
    const auto accuracies = GetExitAccuracies();
    NS_ABORT_MSG_IF(accuracies.size() != m_latency.GetNBlocks(),
                    "BatchingEarlyExitServer: ExitAccuracies has "
                        << accuracies.size() << " entries but the latency model has "
                        << m_latency.GetNBlocks() << " blocks");
}

std::vector<double>
BatchingEarlyExitServer::ParseList(const std::string& text, const std::string& attribute)
{
    std::vector<double> out;
    std::istringstream is(text);
    std::string token;
    while (std::getline(is, token, ','))
    {
        std::istringstream ts(token);
        double v = 0;
        std::string rest;
        NS_ABORT_MSG_IF(!(ts >> v) || (ts >> rest) || !std::isfinite(v),
                        "BatchingEarlyExitServer: attribute " << attribute << " entry '" << token
                                                              << "' is not a finite number");
        out.push_back(v);
    }
    return out;
}

BatchLatencyModel
BatchingEarlyExitServer::GetLatencyModel() const
{
    const auto fixed = ParseList(m_fixedCostsS, "FixedCostsS");
    const auto perTask = ParseList(m_perTaskCostsS, "PerTaskCostsS");
    NS_ABORT_MSG_IF(fixed.size() != perTask.size(),
                    "BatchingEarlyExitServer: FixedCostsS has "
                        << fixed.size() << " entries but PerTaskCostsS has " << perTask.size());
    try
    {
        if (!fixed.empty())
        {
            return BatchLatencyModel::Affine(fixed, perTask);
        }
        return BatchLatencyModel::FromDnnModel(DnnModelZoo::Get(m_modelName),
                                               m_gpuFlopsPerSecond,
                                               m_perBlockOverheadS,
                                               m_memoryBandwidthBps,
                                               BatchLatencyModel::Segmentation::EXITS);
    }
    catch (const std::exception& e)
    {
        NS_FATAL_ERROR("BatchingEarlyExitServer: invalid block latency attributes (ModelName '"
                       << m_modelName << "', FixedCostsS '" << m_fixedCostsS << "', PerTaskCostsS '"
                       << m_perTaskCostsS << "'): " << e.what());
    }
    return BatchLatencyModel();
}

std::vector<double>
BatchingEarlyExitServer::GetExitAccuracies() const
{
    if (!m_exitAccuracies.empty())
    {
        return ParseList(m_exitAccuracies, "ExitAccuracies");
    }
    try
    {
        return BatchingEarlyExitSolver::ExitAccuraciesFromDnnModel(DnnModelZoo::Get(m_modelName),
                                                                   m_finalAccuracy);
    }
    catch (const std::exception& e)
    {
        NS_FATAL_ERROR("BatchingEarlyExitServer: ExitAccuracies is empty and ModelName '"
                       << m_modelName << "' gives no accuracies: " << e.what());
    }
    return {};
}

double
BatchingEarlyExitServer::GetTotalBandwidthHz() const
{
    return m_totalBandwidthHz;
}

BatchingEarlyExitProblem
BatchingEarlyExitServer::MakeProblem(const std::vector<BatchingEarlyExitUser>& users,
                                     double frameLengthS) const
{
    BatchingEarlyExitProblem problem;
    problem.latency = m_latency.GetNBlocks() > 0 ? m_latency : GetLatencyModel();
    problem.exitAccuracy = GetExitAccuracies();
    problem.totalBandwidthHz = m_totalBandwidthHz;
    problem.frameLengthS = frameLengthS;
    const double gap = std::pow(10.0, m_snrGapDb / 10.0);
    const double cellHz =
        m_cellUplinkBandwidthHz > 0 ? m_cellUplinkBandwidthHz : m_totalBandwidthHz;
    std::vector<double> sinr;
    for (const auto& u : users)
    {
        BatchingEarlyExitUser effective = u;
        effective.uploadBits = u.uploadBits / m_rateEfficiency;
        effective.snrBandwidthHz = u.snrBandwidthHz / gap;
        problem.users.push_back(effective);
        sinr.push_back(u.snrBandwidthHz / cellHz);
    }
    if (m_uplinkRateModel == LTE_UL_AMC)
    {
        const double rbs = cellHz / LteUlAmcRateModel::RB_HZ;
        const auto nRb = static_cast<uint32_t>(std::lround(rbs));
        NS_ABORT_MSG_IF(std::abs(rbs - nRb) > 1e-6 || nRb < 6 || nRb > 110,
                        "BatchingEarlyExitServer: UplinkRateModel LteUlAmc needs the cell's "
                        "uplink (CellUplinkBandwidthHz, or TotalBandwidthHz if 0) in 6..110 RBs "
                        "of 180 kHz; it is "
                            << cellHz << " Hz");
        NS_ABORT_MSG_IF(m_minUlGrantRbs > nRb,
                        "BatchingEarlyExitServer: MinUlGrantRbs "
                            << m_minUlGrantRbs << " exceeds the " << nRb << " uplink RBs");
        problem.rateModel = std::make_shared<LteUlAmcRateModel>(sinr, nRb, m_minUlGrantRbs);
    }
    else if (m_uplinkRateModel == NR_UL_AMC)
    {
        problem.rateModel =
            MakeUplinkRateModel(sinr, "BatchingEarlyExitServer: UplinkRateModel NrUlAmc");
    }
    return problem;
}

void
BatchingEarlyExitServer::DoStop()
{
    NS_LOG_FUNCTION(this);
    for (auto& kv : m_plannedEvents)
    {
        Simulator::Cancel(kv.second);
    }
    for (auto& kv : m_exitEvents)
    {
        Simulator::Cancel(kv.second);
    }
    m_plannedEvents.clear();
    m_exitEvents.clear();
    m_frameScheme.clear();
}

void
BatchingEarlyExitServer::InputComplete(size_t index)
{
    const uint32_t frame = Task(index).frame;
    if (!AllInputsIn(Frame(frame)) || m_plannedEvents.count(frame) > 0)
    {
        return; // wait for the other inputs, or for the planned start
    }
    StartBatch(frame);
}

void
BatchingEarlyExitServer::UploadCutoff(uint32_t frame)
{
    StartBatch(frame);
}

void
BatchingEarlyExitServer::PlannedStart(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    m_plannedEvents.erase(frame);
    if (AllInputsIn(Frame(frame)))
    {
        StartBatch(frame);
    }
}

OffloadingServerBase::FrameDecision
BatchingEarlyExitServer::DecideFrame(uint32_t frame, const std::vector<FrameRequest>& requests)
{
    NS_LOG_FUNCTION(this << frame);
    std::vector<BatchingEarlyExitUser> users;
    double maxDeadlineS = 0;
    for (const FrameRequest& r : requests)
    {
        const TaskRecord& t = Task(r.task);
        BatchingEarlyExitUser u;
        u.accuracyRequirement = t.accuracyRequirement;
        u.deadlineS = r.deadlineS;
        u.uploadBits = r.uploadBits;
        u.snrBandwidthHz = r.snrBandwidthHz;
        maxDeadlineS = std::max(maxDeadlineS, t.deadlineS);
        users.push_back(u);
    }
    FrameDecision out;
    out.frameLengthS =
        m_frameLength.IsStrictlyPositive() ? m_frameLength.GetSeconds() : maxDeadlineS;
    const BatchingEarlyExitDecision decision =
        m_allocator->Allocate(MakeProblem(users, out.frameLengthS));
    if (!decision.served.empty())
    {
        m_frameScheme[frame] = decision.scheme; // executed by StartBatch()
    }
    for (size_t k = 0; k < users.size(); ++k)
    {
        out.isServed.push_back(decision.isServed[k]);
        out.reason.push_back(static_cast<uint8_t>(decision.reason[k]));
        out.reasonText.push_back(decision.isServed[k] ? "" : ToString(decision.reason[k]));
        out.exit.push_back(decision.exit[k]);
        out.bandwidthHz.push_back(decision.isServed[k] ? decision.bandwidthHz[k] : 0.0);
        out.uploadEndS.push_back(decision.isServed[k] ? decision.prediction.uploadTimeS[k] : 0.0);
        out.completionS.push_back(decision.isServed[k] ? decision.prediction.completionTimeS[k]
                                                       : 0.0);
    }
    out.order = decision.prediction.order;
    out.throughputPerS = decision.prediction.throughputPerS;
    // uploads are cut off after T_u*(S), or after the predicted batch start if a decision
    // gives less than w^min (its users are then predicted late, and measured); a tiny w_k
    // must not schedule events beyond what Time can hold
    const double maxS = 1e6;
    out.startS = std::min(decision.prediction.batchStartS, maxS);
    out.latestUploadEndS =
        std::min(std::max(decision.latestUploadEndS, decision.prediction.batchStartS), maxS);
    return out;
}

void
BatchingEarlyExitServer::FrameDecided(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    const FrameRecord& fr = Frame(frame);
    if (m_startAtPlannedTime)
    {
        const Time planned = Seconds(fr.predictedBatchStartS);
        m_plannedEvents[frame] =
            Simulator::Schedule(std::max(planned - Simulator::Now(), Seconds(0)),
                                &BatchingEarlyExitServer::PlannedStart,
                                this,
                                frame);
    }
    else if (AllInputsIn(fr))
    {
        StartBatch(frame); // nothing to upload
    }
}

void
BatchingEarlyExitServer::StartBatch(uint32_t frame)
{
    NS_LOG_FUNCTION(this << frame);
    FrameRecord& fr = Frame(frame);
    if (fr.isUploadClosed)
    {
        return;
    }
    auto planned = m_plannedEvents.find(frame);
    if (planned != m_plannedEvents.end())
    {
        Simulator::Cancel(planned->second);
        m_plannedEvents.erase(planned);
    }
    const std::vector<size_t> members = CloseUploads(frame);
    const auto nMissing = static_cast<uint32_t>(fr.gpuOrder.size() - members.size());
    std::vector<uint32_t> exits;
    for (size_t i : members)
    {
        exits.push_back(static_cast<uint32_t>(Task(i).exit));
    }
    const Time start = std::max(Simulator::Now(), m_gpuFreeAt);
    fr.batchStartS = start.GetSeconds();
    m_batchTrace(frame, static_cast<uint32_t>(members.size()), nMissing);
    if (members.empty())
    {
        return;
    }
    auto decided = m_frameScheme.find(frame);
    NS_ABORT_MSG_IF(decided == m_frameScheme.end(), "frame " << frame << " has no decision");
    const BatchingEarlyExitScheme scheme = decided->second;
    m_frameScheme.erase(decided);
    const bool sequential = scheme == BatchingEarlyExitScheme::EARLY_EXIT_ONLY ||
                            scheme == BatchingEarlyExitScheme::NO_BATCHING_NO_EARLY_EXIT;
    const BatchExecutionPlan plan = BatchExecution::Plan(m_latency, exits, sequential);
    NS_LOG_INFO("frame " << frame << ": batch of " << members.size() << " starts at "
                         << fr.batchStartS << " s (predicted " << fr.predictedBatchStartS
                         << " s), makespan " << plan.makespanS << " s");
    for (size_t j = 0; j < members.size(); ++j)
    {
        Task(members[j]).batchStartS = fr.batchStartS;
        m_exitEvents[members[j]] =
            Simulator::Schedule(start - Simulator::Now() + Seconds(plan.finishS[j]),
                                &BatchingEarlyExitServer::TaskExit,
                                this,
                                members[j]);
    }
    m_gpuFreeAt = start + Seconds(plan.makespanS);
}

void
BatchingEarlyExitServer::TaskExit(size_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_exitEvents.erase(index);
    CompleteTask(index);
}

} // namespace edgeinference
} // namespace ns3
