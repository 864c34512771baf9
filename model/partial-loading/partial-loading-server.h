/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PARTIAL_LOADING_SERVER_H
#define PARTIAL_LOADING_SERVER_H

#include "edge-server.h"
#include "partial-loading-allocator.h"
#include "partial-loading-solver.h"

#include "ns3/dnn-model.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/offloading-server-base.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-partial-loading
 * @brief Edge server of PartialLoading (G. Qu, Q. Chen, X. Chen, K. Huang, Y. Fang, "User
 * Scheduling and Bandwidth Allocation for Parameter-sharing Edge Inference", arXiv
 * 2503.22982; module the module's reconstruction of [2]): collects the requests of a
 * frame, hands the frame's instance to its PartialLoadingAllocator (attribute Allocator;
 * PartialLoadingAllocator::Allocate() is the only decision call), tells every client its
 * decision and uplink bandwidth, and runs the served requests on the EdgeServer aggregated
 * to its node in the decided order.
 *
 * The frame, decision, upload, cutoff and result machinery is OffloadingServerBase's; the
 * clients are OffloadingClient applications whose attribute ModelIndex names the model
 * (an index into the family set by SetFamily(), in the family's order).
 *
 * **Instance of a frame.** family = the catalogue; R_L, tau_0 and the GPU capacity are the
 * EdgeServer's LoadRate / 8, LoadOverhead and GpuMemory; I_m = EdgeServer::GetInferenceTime()
 * (one sample); the resident model m_0 = the model of the last job submitted if the
 * EdgeServer still has jobs, else the model of its last load (cold GPU: none); request k:
 * model m_k, D_k and T_k as OffloadingServerBase computes them (T_k < 0 is given as 0),
 * channel UplinkChannel::FixedPower(s_k) with s_k as measured (eNB report, else the
 * client's); the uplink total B = TotalBandwidthHz; the step-2 window rule = UploadWindow.
 * Time 0 of the instance is when the GPU may start loading: with LoadAtAllocation (default)
 * the decision time t0, the uploads then start at uploadStartS = UploadStartDelay (the
 * origin) and the deadlines T_k are counted from t0; without it, the origin t0 +
 * UploadStartDelay (uploadStartS = 0). The predictions the clients get are converted to
 * times from the origin.
 *
 * **Execution.** The served requests are submitted to the EdgeServer in the decided order
 * (LoadAtAllocation: at the decision, so the first load starts at once; otherwise at the
 * origin; either way at the instance's time 0); a job's input is marked ready
 * (EdgeServer::SetInputReady()) when its upload is complete. The EdgeServer then realizes
 * the reconstruction's timeline rho_i = e_{i-1} + lambda_i, b_i = max(rho_i, u_i), e_i = b_i + I_m.
 * Each served task has an input cutoff at the origin + its upload window + CutoffSlack: the
 * decision's uploadWindowS (rho_i with UploadWindow ready-time, L_i with latest-start) if
 * the algorithm has step-2 windows and it is > 0, else T_k - I_{m_k} (dp-equal-bandwidth,
 * infinite-bandwidth, a user allocator without windows); never before the predicted upload
 * end u_k. A task whose input is incomplete then is FAILED (RESULT FAILED) and its job
 * cancelled, so a lost upload does not hold the GPU queue beyond the window. The uploads
 * are closed (bandwidths cleared) when every input is in, at the latest at the frame's
 * cutoff (the largest window). A job's end gives RESULT ON_TIME or LATE.
 *
 * **Load rule.** When a frame's jobs are submitted, the EdgeServer's ShareBlocks is set to
 * the decision's load rule (no-sharing: every change of model really reloads the whole
 * model, as the no-sharing prediction assumes), unless ShareBlocks was false at the start.
 *
 * **Bandwidths.** A served request's w_k is the decision's B_k; with B_k = +infinity
 * (infinite-bandwidth) or an infinite B the UEs get equal shares B / |S| for the MAC.
 *
 * **Rejected decisions.** The allocator checks every decision; a rejected one is replaced by
 * its Fallback's or by "serve nobody", whose users get reason DECISION_REJECTED with the
 * rejection message in the DECISION's reason text.
 */
class PartialLoadingServer : public OffloadingServerBase
{
  public:
    /// DECISION reason: the model index is not in the catalogue.
    static constexpr uint8_t REASON_UNKNOWN_MODEL = 103;

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    PartialLoadingServer();
    ~PartialLoadingServer() override;

    PartialLoadingServer(const PartialLoadingServer&) = delete;
    PartialLoadingServer& operator=(const PartialLoadingServer&) = delete;

    /**
     * @brief Set the catalogue; OffloadingClient's ModelIndex i names family.GetModels()[i].
     * Its models are added to the EdgeServer at start (if it does not have them yet).
     * @param [in] family the model family
     */
    void SetFamily(const DnnModelFamily& family);

    /// @return the catalogue
    const DnnModelFamily& GetFamily() const;

    /// @return the EdgeServer aggregated to the node (null before the start)
    Ptr<EdgeServer> GetEdgeServer() const;

    /// @return the allocator (attribute Allocator; set at the start if it was null)
    Ptr<PartialLoadingAllocator> GetAllocator() const;

    /// @return the allocator's decision (with prediction) of every frame decided, by frame
    const std::map<uint32_t, PartialLoadingDecision>& GetDecisions() const;

    /// @return the EdgeServer job record of every submitted task, by task index
    const std::map<size_t, EdgeServerJobRecord>& GetJobRecords() const;

  protected:
    void DoDispose() override;

  private:
    void CheckConfiguration() override;
    bool CheckRequest(const TaskRecord& t, std::string& why) const override;
    FrameDecision DecideFrame(uint32_t frame, const std::vector<FrameRequest>& requests) override;
    void FrameDecided(uint32_t frame) override;
    void InputComplete(size_t index) override;
    void UploadCutoff(uint32_t frame) override;
    void DoStop() override;

    /**
     * @brief Submit the served tasks of a frame to the EdgeServer in the scheduled order.
     * @param [in] frame the frame
     */
    void SubmitJobs(uint32_t frame);
    /**
     * @brief The upload window of a task passed: fail it (and cancel its job) if its input
     * is incomplete.
     * @param [in] index task index
     */
    void InputCutoff(size_t index);
    /**
     * @brief An EdgeServer job finished or failed.
     * @param [in] record its record
     */
    void JobDone(const EdgeServerJobRecord& record);
    /// @param [in] value an UploadWindowRule (attribute UploadWindow)
    void SetUploadWindowValue(int value);
    /// @return the UploadWindowRule (attribute UploadWindow)
    int GetUploadWindowValue() const;
    /// @return m_0 for the next decision (empty: cold GPU)
    std::string ResidentModel() const;

    Ptr<PartialLoadingAllocator> m_allocator; ///< Attribute Allocator
    double m_totalBandwidthHz;                ///< Attribute TotalBandwidthHz
    UploadWindowRule m_uploadWindow;          ///< Attribute UploadWindow
    int m_uplinkRateModel;                    ///< Attribute UplinkRateModel: 0 Shannon, 1 LteUlAmc
    uint32_t m_minUlGrantRbs;                 ///< Attribute MinUlGrantRbs
    bool m_loadAtAllocation;                  ///< Attribute LoadAtAllocation
    bool m_shareBlocks;                       ///< The EdgeServer's ShareBlocks at the start
    DnnModelFamily m_family;                  ///< Catalogue
    Ptr<EdgeServer> m_edge;                   ///< The node's EdgeServer
    std::map<uint32_t, PartialLoadingDecision> m_decisions; ///< By frame
    std::map<size_t, uint64_t> m_jobOfTask;                 ///< Job id by task index
    std::map<uint64_t, size_t> m_taskOfJob;                 ///< Task index by job id
    std::map<size_t, EdgeServerJobRecord> m_jobRecords;     ///< Finished jobs by task
    std::map<uint32_t, EventId> m_submitEvents;             ///< Pending submissions
    std::map<size_t, Time> m_inputCutoff;                   ///< Upload window end by task
    std::map<size_t, EventId> m_inputCutoffEvents;          ///< Pending input cutoffs
    std::string m_lastSubmittedModel;                       ///< Model of the last job
    std::string m_residentModel;                            ///< Model of the last load
};

} // namespace edgeinference
} // namespace ns3

#endif /* PARTIAL_LOADING_SERVER_H */
