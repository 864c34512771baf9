/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SLIDE_HELPER_H
#define SLIDE_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/dnn-model.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/ptr.h"
#include "ns3/slide-resource-manager.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class NetDevice;

namespace edgeinference
{

class InferenceTraceWriter;

/**
 * @ingroup edge-inference-helpers
 * @brief Installs SLIDE (Paper 1, arXiv 2512.20946) in an LTE scenario: the server-side
 * resource manager (a SlideResourceManager or subclass, chosen by TypeId, with attributes)
 * and its allocator (a SlideAllocator, chosen by TypeId, with attributes), the
 * LayerStreamingServer that consults it, and the LayerwiseInferenceClients whose profiles
 * it knows.
 *
 * The eNB must run ns3::BandwidthShareFfrAlgorithm with an FFR-aware scheduler (e.g.
 * ns3::PfFfMacScheduler), so that the bandwidth decision is executed by the MAC.
 * @code
 *   lteHelper->SetSchedulerType("ns3::PfFfMacScheduler");
 *   lteHelper->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
 *   // ... install devices, EPC, IP addresses, attach ...
 *   SlideHelper slide;
 *   slide.SetResourceManagerAttribute("RateModel", StringValue("LteAmc"));
 *   slide.SetAllocatorAttribute("Algorithm", StringValue("slide-optimal"));
 *   slide.AddModel(DnnModelZoo::Get("mobilenetv2"));
 *   slide.AddTask("classify", {"mobilenetv2"});
 *   slide.InstallResourceManager(enbDevs.Get(0));
 *   slide.InstallServer(remoteHost);
 *   SlideUserProfile p;       // samples, device, energy budget, deadline
 *   slide.InstallClient(ueNodes.Get(0), ueDevs.Get(0), serverIp, "classify", p);
 *   slide.AssignStreams(ueNodes, 100);
 * @endcode
 */
class SlideHelper
{
  public:
    /// Factories for ns3::SlideResourceManager, ns3::LayerStreamingServer and
    /// ns3::LayerwiseInferenceClient.
    SlideHelper();

    /**
     * @brief Choose the allocator type (ns3::SlideResourceManager or a subclass).
     * @param [in] type TypeId name
     */
    void SetResourceManagerType(const std::string& type);

    /**
     * @brief Set an attribute of the allocator created by InstallResourceManager().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetResourceManagerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Choose the allocator type: ns3::SlideSolverAllocator (default; attribute
     * Algorithm), ns3::SlideDecisionFileAllocator (attribute FileName) or any subclass of
     * ns3::SlideAllocator, including one defined in the user's program (registered with
     * NS_OBJECT_ENSURE_REGISTERED). InstallResourceManager() creates it and sets it as the
     * manager's Allocator.
     * @param [in] type TypeId name
     */
    void SetAllocatorType(const std::string& type);

    /**
     * @brief Set an attribute of the allocator created by InstallResourceManager() (e.g.
     * "Algorithm", "InstanceFileName", "Fallback", "FileName").
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetAllocatorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the servers created by InstallServer().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the clients created by InstallClient() (the device
     * attributes are set from the profile).
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Add a model variant (to the allocator's library and the server's catalogue).
     * @param [in] model the model
     */
    void AddModel(const DnnModel& model);

    /**
     * @brief Define a task by the variants that meet it.
     * @param [in] task task name
     * @param [in] variants names of models added with AddModel()
     */
    void AddTask(const std::string& task, const std::vector<std::string>& variants);

    /**
     * @brief Create the resource manager for the cell of an eNB (its
     * BandwidthShareFfrAlgorithm and DL bandwidth) with the models and tasks added so far,
     * and its allocator (SetAllocatorType()). Aborts if the eNB does not run
     * BandwidthShareFfrAlgorithm or the allocator type is not a SlideAllocator.
     * @param [in] enbDevice an ns3::LteEnbNetDevice
     * @return the allocator
     */
    Ptr<SlideResourceManager> InstallResourceManager(Ptr<NetDevice> enbDevice);

    /// @return the allocator (null before InstallResourceManager())
    Ptr<SlideResourceManager> GetResourceManager() const;

    /**
     * @brief Install a LayerStreamingServer with the catalogue and the allocator on a node.
     * Aborts if no allocator was installed.
     * @param [in] node the node
     * @return the application
     */
    ApplicationContainer InstallServer(Ptr<Node> node);

    /**
     * @brief Install a client on a UE and register its profile with the allocator: IMSI and
     * IPv4 address (interface 1) are taken from the device and node (so install after IP
     * assignment); the client's Samples, FlopsPerCycle, MinFrequencyHz, MaxFrequencyHz,
     * FrequencyHz (= fMax until granted) and EnergyCoefficient are set from the profile; the
     * UE PHY's ReportCurrentCellRsrpSinr trace is connected to the allocator.
     * @param [in] node the UE node
     * @param [in] ueDevice its ns3::LteUeNetDevice
     * @param [in] serverAddress IPv4 address of the server
     * @param [in] task the task the client requests
     * @param [in] profile samples, device, energy budget, deadline (imsi/address ignored)
     * @return the application
     */
    ApplicationContainer InstallClient(Ptr<Node> node,
                                       Ptr<NetDevice> ueDevice,
                                       const Address& serverAddress,
                                       const std::string& task,
                                       const SlideUserProfile& profile);

    /**
     * @brief Assign fixed random variable streams to the allocator and to the module's
     * clients on the nodes.
     * @param [in] nodes the UE nodes
     * @param [in] stream first stream index
     * @return the number of stream indices used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

    /**
     * @brief Per-task and per-event traces of this technique with one call: connects the
     * SLIDE clients (LayerwiseInferenceClient) on every node to the simulation's
     * InferenceTraceWriter (EdgeInferenceTraceHelper), which writes the CSV files and the SQLite
     * database when the simulation is destroyed. Call after installing, before Simulator::Run().
     * @return the writer (set its file-name attributes before the end of the simulation)
     */
    Ptr<InferenceTraceWriter> EnableTraces();

  private:
    ObjectFactory m_managerFactory;                                        ///< Manager factory
    ObjectFactory m_allocatorFactory;                                      ///< Allocator factory
    ObjectFactory m_serverFactory;                                         ///< Server factory
    ObjectFactory m_clientFactory;                                         ///< Client factory
    std::vector<DnnModel> m_models;                                        ///< Variants
    std::vector<std::pair<std::string, std::vector<std::string>>> m_tasks; ///< Tasks
    Ptr<SlideResourceManager> m_manager;                                   ///< The allocator
};

/**
 * @ingroup edge-inference-helpers
 * @brief One user of a SLIDE LTE scenario (RunSlideLte()).
 */
struct SlideLteUser
{
    double distanceM{100};    ///< Distance from the eNB (of its cell), m
    std::string task;         ///< Requested task
    uint32_t samples{16};     ///< Samples per task
    double flopsPerCycle{64}; ///< Device FLOP/cycle (fMin, fMax, G: DeviceComputeModel defaults)
    double deadlineS{1};      ///< Deadline from the decision, s (before deadlineScale)
    double energyBudgetJ{1};  ///< Compute energy budget, J
    uint32_t cell{0};         ///< Its cell (0..nCells-1 of SlideLteConfig)
};

/**
 * @ingroup edge-inference-helpers
 * @brief A SLIDE LTE scenario: one cell (BuildEdgeLteTopology(), eNB at 30 m, UEs at 1.5 m,
 * 5 ms core), PF scheduler with BandwidthShareFfrAlgorithm, one task request per user within
 * one admission window at 0.5 s.
 *
 * With nCells 3 or 7 (EdgeLteLayout: hexagonal sites interSiteDistanceM apart, one eNB each,
 * sharing one spectrum channel), each user is attached to its cell (SlideLteUser::cell) and
 * each cell has its own SlideResourceManager (on its eNB's BandwidthShareFfrAlgorithm) and its
 * own LayerStreamingServer on the edge server, on TCP port 5000 + cell. LTE only; not with
 * plainShares.
 */
struct SlideLteConfig
{
    std::vector<SlideLteUser> users;                       ///< The users
    std::vector<DnnModel> models;                          ///< Model variants
    std::map<std::string, std::vector<std::string>> tasks; ///< Task -> variants
    uint32_t rbs{25};                                      ///< DL/UL bandwidth, RB
    double deadlineScale{1};                               ///< Factor on every deadline
    std::string rateModel{"LteAmc"};                       ///< Manager RateModel
    double rateEfficiency{1};                              ///< Manager RateEfficiency
    bool blerAware{true};                                  ///< Manager BlerAware
    std::function<void(SlideHelper&)> configure;           ///< Allocator type/attributes
    bool withManager{true}; ///< false: plain streaming of fixedVariants (no allocator)
    std::vector<std::string> fixedVariants; ///< Without manager: variant per user ("" none)
    bool plainShares{false};                ///< Without manager: equal FFR shares from 0.56 s
    uint32_t run{1};                        ///< RngRun
    /// "lte", or "nr": the NR cell of EdgeNrTopologyHelper (its attribute defaults) with
    /// NrSymbolShareScheduler, rbs unused (needs a build with 5G-LENA NR, EI_HAVE_NR)
    std::string radio{"lte"};
    uint32_t nCells{1}; ///< Cells: 1, 3 or 7 (EdgeLteLayout)
    double interSiteDistanceM{
        500}; ///< Inter-site distance (nCells > 1), m (EDGE_LTE_DEFAULT_ISD_M)
};

/**
 * @ingroup edge-inference-helpers
 * @brief What a SLIDE LTE run produced for one user.
 */
struct SlideLteUserOutcome
{
    int cqi{-1};               ///< Reported DL CQI at the decision (-1: none / not decided)
    int round{-1};             ///< Manager round that decided the request (-1: none)
    bool outOfCoverage{false}; ///< Found out of uplink coverage at admission (text: reason)
    bool admitted{false};      ///< Granted
    std::string text;          ///< Variant or reject reason
    double frequencyHz{0};     ///< Granted frequency, Hz
    double bandwidthHz{0};     ///< Granted bandwidth, Hz
    double predictedS{0};      ///< Allocator's prediction from the decision, s
    double measuredS{-1};      ///< Completion minus decision time, s (-1: not completed)
    double deadlineS{0};       ///< The user's deadline, s
    bool onTime{false};        ///< Completed within the deadline (measured)
    double modelRateBps{0};    ///< Rate model at the granted bandwidth, bit/s
    double goodputBps{0};      ///< Measured: stream bytes / (last byte - first byte), bit/s
    double tbsRateBps{0};      ///< AMC (TBS) rate at the granted bandwidth, bit/s (LTE or NR)
    uint64_t bytesReceived{0}; ///< Stream bytes received
};

/**
 * @ingroup edge-inference-helpers
 * @brief What a SLIDE LTE run produced.
 */
struct SlideLteOutcome
{
    std::vector<SlideLteUserOutcome> users;          ///< Per user (configuration order)
    uint32_t admitted{0};                            ///< Users granted
    uint32_t onTime{0};                              ///< Users completing within deadline
    double solveSeconds{0};                          ///< Allocator wall time
    double wallSeconds{0};                           ///< Wall time of the whole run
    double simSeconds{0};                            ///< Simulated time
    uint64_t bytesDelivered{0};                      ///< Stream bytes received by clients
    std::vector<SlideResourceManager::Round> rounds; ///< The managers' rounds (cell order)
    std::vector<std::string> rejections;             ///< The allocator's rejections
};

/// Initial TCP congestion window of the module's LTE scenarios (SetSlideLteDefaults()),
/// segments.
constexpr uint32_t SLIDE_LTE_INITIAL_CWND = 100;

/// Goodput / transport-block rate of a TCP stream in the module's LTE scenarios
/// (SetSlideLteDefaults()): 1400-byte segments under 52 bytes of TCP/IP and about 4 bytes
/// of PDCP and RLC UM headers give 1400 / 1456 = 0.962; HARQ retransmissions and MAC
/// padding leave 0.955 (measured r_meas / r_tbs in slide-lte: 0.955 to 0.958).
constexpr double SLIDE_LTE_RATE_EFFICIENCY = 0.955;

/**
 * @ingroup edge-inference-helpers
 * @brief Config defaults of the SLIDE LTE scenarios: TCP with 1400-byte segments, 1 MiB
 * buffers and an initial window of SLIDE_LTE_INITIAL_CWND segments (so that a transfer runs at
 * the MAC's rate from its first round trip, as the allocators' rate models assume), RLC AM,
 * ideal RRC, CQI from the whole band, 43 dBm eNB (for cells not built by
 * BuildEdgeLteTopology(), which sets the power itself).
 */
void SetSlideLteDefaults();

/**
 * @ingroup edge-inference-helpers
 * @brief Build and run one SLIDE LTE scenario until every client is done (Simulator::Destroy()
 * at the end). IMSIs are 1..K in user order.
 * @param [in] cfg the scenario
 * @return per-user decision, prediction and measurement
 */
SlideLteOutcome RunSlideLte(const SlideLteConfig& cfg);

} // namespace edgeinference
} // namespace ns3

#endif /* SLIDE_HELPER_H */
