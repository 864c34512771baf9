/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_SPLIT_INFERENCE_HELPER_H
#define NOMA_SPLIT_INFERENCE_HELPER_H

#include "ns3/application-container.h"
#include "ns3/device-compute-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/noma-bs-mac.h"
#include "ns3/noma-net-device.h"
#include "ns3/noma-split-allocator.h"
#include "ns3/noma-split-solver.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/ptr.h"
#include "ns3/split-inference-client.h"
#include "ns3/split-inference-header.h"
#include "ns3/split-inference-server.h"

#include <map>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-helpers
 * @brief NomaSplitInferenceHelper: solves the NOMA split-inference problem of an installed
 * NOMA cell and executes the decision with SplitInferenceClient / SplitInferenceServer.
 */

namespace ns3
{
namespace edgeinference
{

class InferenceTraceWriter;

/**
 * @ingroup edge-inference-helpers
 * @brief Frame-aware prediction of one user's task (what the NOMA MAC will do with the
 * decision), next to the solver's Shannon-rate prediction.
 */
struct NomaSplitFramePrediction
{
    bool isOffloading{false};    ///< l < L
    uint32_t uplinkTbBytes{0};   ///< Fixed uplink TB size, bytes (0 if local)
    uint32_t downlinkTbBytes{0}; ///< Fixed downlink TB size, bytes (0 if local)
    double uplinkFrames{0};      ///< Mean uplink frames per task
    double downlinkFrames{0};    ///< Mean downlink frames per task
    double latencyS{0};          ///< Mean latency over the predicted tasks, s
    double deviceEnergyJ{0};     ///< Mean device energy: compute + p_i x UL frames x T, J
    double edgeEnergyJ{0};       ///< Mean edge energy: compute + P_i x DL frames x T, J
    bool isFinite{true};         ///< False: a TB cannot carry data (rate too low for a frame)
};

/**
 * @ingroup edge-inference-helpers
 * @brief Builds, solves and executes the split-inference problem of Paper 4 (Yuan et al.,
 * arXiv 2312.15850 [R]) on a NOMA cell installed by NomaHelper.
 *
 * BuildProblem() reads the cell: N_s, B_s and the noise sigma^2 = N0 B_s from the base
 * station's NomaSpectrumPhy, eps (ResidualFactor) from the PHY, p^max (UeTxPower), P^AP
 * (BsTxPower) and Q (MaxUsersPerSubchannel) from the NomaBsMac, and the gains h_i, g_i from
 * the channel's propagation loss model between the nodes' mobility models exactly as the
 * NomaHelper's gain provider and the PHY see them (large-scale gains, the same on every
 * subchannel; a fading model on the channel is not seen by the solver). The DNN profile,
 * the device processor and the remaining fields (weights, F^e, n_e, kappa_e, lower bounds)
 * come from SetProfile(), SetDeviceModel() and SetProblemTemplate().
 *
 * Install() hands the problem to the installed NomaSplitAllocator (SetAllocatorType(), default
 * NomaSplitSolverAllocator with Algorithm "li-gd"; SetAlgorithm() is a shortcut for it) and
 * executes whatever NomaSplitAllocator::Allocate() returns; Allocate() has already checked
 * the decision against the problem (split points <= L, subchannel indices, users per
 * subchannel, powers and edge shares within their bounds and budgets, user count) and fallen
 * back or served nobody on a violation, so the helper executes only valid decisions:
 * - the MAC gets a NomaFrameDecision (NomaBsMac::SetFrameDecision): on each subchannel the
 *   offloading users in the solver's SIC order (uplink: descending gain; downlink:
 *   ascending gain) with p_i / P_i and a FIXED TB size, floor(B_s T log2(1 + SINR_i /
 *   Gamma) / 8) with SINR_i the solver's SINR when all users of the subchannel transmit;
 *   a user alone in a frame then sees a higher SINR and its TB still decodes, so each user's
 *   rate is the solver's rate, quantised to frames, whatever the others do;
 * - OMA access (SetAccess(), or automatically for NomaSplitSolverAllocator with "oma-li-gd"):
 *   the problem cuts a subchannel into Q slots of B_s / Q; the cell must then be installed
 *   with N_s Q subchannels of B_s / Q (slot k of subchannel s is MAC subchannel s Q + k),
 *   which BuildProblem() folds back into N_s subchannels of B_s;
 * - each UE gets a SplitInferenceClient with its split point l_i and the device processor;
 *   the base-station node gets one SplitInferenceServer with f_i^e per user;
 * - the ARP caches of the cell are filled with permanent entries (the NomaNetDevice has no
 *   Channel, so NeighborCacheHelper cannot), so no ARP exchange delays the first task.
 * An infeasible decision (NomaSplitDecision::isFeasible false, e.g. a rejected decision
 * without fallback) is a valid answer, "serve nobody": every user then runs fully locally
 * (no packet is sent, the tasks still run and are measured) and GetDecision() gives the
 * reason.
 *
 * PredictFrameAware() replays what the MAC will do (frame alignment of the upload and the
 * download, segment headers, UDP/IP and SplitInferenceHeader overhead, fixed TB sizes) for
 * closed-loop tasks (Interval 0) started at the install time; the gap between it and the
 * solver's Shannon prediction is the frame quantisation.
 *
 * No random variable is used: AssignStreams() returns 0.
 */
class NomaSplitInferenceHelper
{
  public:
    NomaSplitInferenceHelper();

    /**
     * Install allocators of this type (default ns3::NomaSplitSolverAllocator); any subclass
     * of NomaSplitAllocator registered with NS_OBJECT_ENSURE_REGISTERED, including one written
     * in the user's program. Drops the allocator created so far (GetAllocator()).
     * @param [in] typeId the TypeId name, e.g. "ns3::NomaSplitDecisionFileAllocator"
     */
    void SetAllocatorType(const std::string& typeId);

    /**
     * Set an attribute of the allocator (e.g. Algorithm, FileName, InstanceFileName,
     * Fallback). Drops the allocator created so far.
     * @param [in] name attribute name
     * @param [in] value value
     */
    void SetAllocatorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Shortcut: a NomaSplitSolverAllocator with this Algorithm (default "li-gd").
     * @param [in] algorithm the algorithm or baseline
     */
    void SetAlgorithm(NomaSplitAlgorithm algorithm);

    /**
     * Multiple access of the problem. Without this call: OMA for a NomaSplitSolverAllocator
     * whose Algorithm is "oma-li-gd", NOMA otherwise.
     * @param [in] access NOMA, or OMA (the cell has N_s Q MAC subchannels, see the class)
     */
    void SetAccess(NomaSplitAccess access);

    /**
     * The allocator Install() calls (created from the factory on the first call; connect its
     * Decision / DecisionRejected traces here before Install()).
     * @return the allocator
     */
    Ptr<NomaSplitAllocator> GetAllocator();

    /**
     * The DNN profile of every user (required).
     * @param [in] profile the profile
     */
    void SetProfile(const NomaSplitProfile& profile);

    /**
     * The device processor of every user: f_d (current frequency), n_d, kappa_d.
     * @param [in] device the model
     */
    void SetDeviceModel(const DeviceComputeModel& device);

    /**
     * Scalar fields of the problem (weights, F^e, minimum shares, n_e, kappa_e,
     * enforceDownlinkPowerOrder). The users and the radio fields are read from the cell.
     * @param [in] problem a problem whose users and radio fields are ignored
     */
    void SetProblemTemplate(const NomaSplitProblem& problem);

    /**
     * Set an attribute of every SplitInferenceClient (e.g. NumTasks, TaskTimeout).
     * @param [in] name attribute name
     * @param [in] value value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Set an attribute of the SplitInferenceServer (e.g. ReassemblyTimeout).
     * @param [in] name attribute name
     * @param [in] value value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Build the problem of a cell.
     * @param [in] bs the base-station device (its UEs are the users, in UE index order)
     * @return the problem
     */
    NomaSplitProblem BuildProblem(Ptr<NomaNetDevice> bs) const;

    /**
     * One decision round: build the problem, NomaSplitAllocator::Allocate(), install the
     * applications and push the decision into the MAC. The nodes need IPv4 addresses on the
     * NOMA devices (assigned before this call).
     * @param [in] bs the base-station device
     * @param [in] start start time of the applications
     * @return the server first, then one client per UE (UE index order)
     *
     * A rejected decision never stops the round (fallback or serve nobody); an invalid
     * problem (std::invalid_argument of NomaSplitSolver) propagates before anything is
     * installed.
     */
    ApplicationContainer Install(Ptr<NomaNetDevice> bs, Time start);

    /// @return the problem of the last Install()
    const NomaSplitProblem& GetProblem() const;

    /// @return the decision of the last Install()
    const NomaSplitDecision& GetDecision() const;

    /// @return the frame decision pushed into the MAC by the last Install()
    const NomaFrameDecision& GetFrameDecision() const;

    /**
     * Frame-aware prediction for numTasks closed-loop tasks per user from the start time.
     * @param [in] numTasks tasks per user (>= 1)
     * @return one entry per user
     */
    std::vector<NomaSplitFramePrediction> PredictFrameAware(uint32_t numTasks) const;

    /// @return the server of the last Install()
    Ptr<SplitInferenceServer> GetServer() const;

    /**
     * @param [in] ue UE index
     * @return its client of the last Install()
     */
    Ptr<SplitInferenceClient> GetClient(uint32_t ue) const;

    /**
     * Fill the ARP caches of the base station and its UEs with permanent entries.
     * @param [in] bs the base-station device
     */
    static void PopulateArpCaches(Ptr<NomaNetDevice> bs);

    /**
     * No random variable is used.
     * @param [in] stream first stream index
     * @return 0
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * @brief Per-task and per-event traces of this technique with one call: connects the
     * SplitInferenceClients and NOMA base-station MACs (frame events) on every node; each user's
     * tasks get the frame-aware prediction PredictFrameAware() of its NumTasks as pred_total_s to
     * the simulation's InferenceTraceWriter (EdgeInferenceTraceHelper), which writes the CSV files
     * and the SQLite database when the simulation is destroyed. Call after installing, before
     * Simulator::Run().
     * @return the writer (set its file-name attributes before the end of the simulation)
     */
    Ptr<InferenceTraceWriter> EnableTraces();

  private:
    /**
     * Frame decision of a solved problem.
     * @param [in] frameDuration T
     * @param [in] snrGap Gamma (linear)
     * @return the frame decision (one entry per MAC subchannel and direction)
     */
    NomaFrameDecision MakeFrameDecision(Time frameDuration, double snrGap);

    /**
     * @return true if the problem is an OMA one (see SetAccess())
     */
    bool IsOma() const;

    ObjectFactory m_allocatorFactory;                 ///< Allocators
    Ptr<NomaSplitAllocator> m_allocator;              ///< The allocator
    bool m_hasAccess{false};                          ///< SetAccess() was called
    NomaSplitAccess m_access{NomaSplitAccess::NOMA};  ///< SetAccess() value
    NomaSplitProfile m_profile;                       ///< Profile of every user
    DeviceComputeModel m_device;                      ///< Device of every user
    NomaSplitProblem m_template;                      ///< Scalar fields
    ObjectFactory m_clientFactory;                    ///< Clients
    ObjectFactory m_serverFactory;                    ///< Server
    NomaSplitProblem m_problem;                       ///< Last problem
    NomaSplitDecision m_decision;                     ///< Last decision
    NomaFrameDecision m_frameDecision;                ///< Last frame decision
    std::vector<uint32_t> m_ulTb;                     ///< UL TB bytes per user
    std::vector<uint32_t> m_dlTb;                     ///< DL TB bytes per user
    Time m_frameDuration;                             ///< T
    Time m_start;                                     ///< Start of the applications
    uint32_t m_clientPayload{1400};                   ///< Client MaxPayloadBytes
    uint32_t m_serverPayload{1400};                   ///< Server MaxPayloadBytes
    Ptr<SplitInferenceServer> m_server;               ///< Last server
    std::vector<Ptr<SplitInferenceClient>> m_clients; ///< Last clients
};

} // namespace edgeinference
} // namespace ns3

#endif /* NOMA_SPLIT_INFERENCE_HELPER_H */
