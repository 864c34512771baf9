/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BATCHING_EARLY_EXIT_SERVER_H
#define BATCHING_EARLY_EXIT_SERVER_H

#include "batching-early-exit-allocator.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/batch-latency-model.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/offloading-server-base.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

namespace edgeinference
{

/**
 * @ingroup edge-inference-batching
 * @brief Edge server of multiuser edge inference with batching and early exiting (Z. Liu,
 * Q. Lan, K. Huang, IEEE JSAC 41(4), 2023): collects the requests of a frame, runs the
 * BatchingEarlyExitAllocator, tells every client its decision, collects the scheduled
 * users' inputs and runs one batch through the multi-exit DNN in simulated time.
 *
 * All messages are OffloadingHeader datagrams over UDP on one port (attribute Port); the
 * frame, decision, upload and result machinery is OffloadingServerBase's.
 *
 * **Frame timeline.** The first REQUEST of frame n starts a collection window
 * (CollectionWindow); at its end (t0) the server allocates the frame among the requests
 * received. The allocator's time origin is t0 + UploadStartDelay (the expected time for
 * the DECISION to reach the UEs and for their uplink grants); user k gets the deadline
 * T_k = (frame start_k + deadline_k - ResultDelay) - (t0 + UploadStartDelay), D_k = the IP
 * bits of its upload (payload + OffloadingHeader + UDP + IPv4 headers per datagram) and s_k
 * from ReportUplinkChannel() (the eNB's measurement) or, if none, the client's own report.
 * Each client receives a DECISION; a scheduled one uploads its input. The uplink
 * bandwidths w_k of the served users (Hz, by IMSI) are passed to the UplinkBandwidth
 * callback (the helper executes them in the LTE MAC) and cleared when the batch starts.
 * The batch starts when the last scheduled input is complete (with
 * StartBatchAtPlannedTime: not before the allocator's planned start t0 + UploadStartDelay +
 * T_u, so that an on-time upload gives exactly the predicted completion), at the latest at the
 * upload cutoff t0 + UploadStartDelay + T_u*(S) + CutoffSlack; a scheduled task whose
 * input is incomplete then is FAILED (a RESULT with status FAILED is sent). If the GPU is
 * still busy with an earlier frame, the batch waits for it.
 *
 * **Instance.** The problem handed to the allocator: the blocks t_l(b) and exit accuracies
 * A_l of the GPU (attributes below), W = TotalBandwidthHz, T_f = FrameLength (0 = the
 * largest deadline), and per request the deadline T_k, D_k / RateEfficiency and
 * s_k / Gamma (SnrGapDb).
 *
 * **Block latency.** If FixedCostsS and PerTaskCostsS are both given (comma-separated, one
 * value per block) t_l(b) = c_l + a_l b with those values; otherwise the zoo model ModelName
 * is cut at its exits (BatchLatencyModel::FromDnnModel, Segmentation::EXITS) with
 * GpuFlopsPerSecond, PerBlockOverheadS and MemoryBandwidthBps. The same model times the
 * batch the GPU runs, whatever the allocator.
 *
 * **Channel and calibration.** Each user brings s_k = p_k g_k / N_0 in Hz (for LTE,
 * BatchingEarlyExitAllocator::SnrBandwidthFromSinr() of the eNB's wideband SRS SINR). The
 * solver's rate is w log2(1 + s / w); an LTE uplink achieves less (MCS granularity, BLER
 * target, control overhead). Two calibration attributes map the Shannon model to the link
 * actually used: SnrGapDb (Gamma: the instance has s_k / Gamma) and RateEfficiency (eta: the
 * instance has D_k / eta), i.e. r = eta w log2(1 + s / (Gamma w)). Both default to the ideal
 * values (0 dB, 1).
 *
 * **LTE uplink rate.** With UplinkRateModel = LteUlAmc the instance carries an
 * LteUlAmcRateModel instead of the Shannon rate: the rate BandwidthShareFfMacScheduler
 * executes for a bandwidth w (SRS SINR_k = s_k / TotalBandwidthHz -> CQI -> MCS as ns-3's PF
 * uplink scheduler picks it, uplink TB sizes, whole RBs met over time, grants of at least
 * MinUlGrantRbs). TotalBandwidthHz must then be the cell's uplink, a whole number of RBs of
 * 180 kHz; SnrGapDb is not used (the model has PF's own gap), RateEfficiency still is.
 * With UplinkRateModel = NrUlAmc the instance carries the model the NR cell installed with
 * SetUplinkRateModelFactory() (EdgeNrTopologyHelper::ConnectUplinkShares(): NrUlAmcRateModel,
 * the symbol shares NrSymbolShareScheduler executes); TotalBandwidthHz must then be that
 * model's W (nRb x RB width).
 *
 * **Batch.** The tasks run as BatchExecution::Plan() says for the decision's scheme
 * (batched: block l processes B_l tasks and a task leaves at its exit; sequential
 * baselines: one at a time in the allocator's EDF order). When a task reaches its exit the
 * server sends its RESULT: ON_TIME if that instant is <= frame start + deadline -
 * ResultDelay, LATE otherwise (a late task is counted as failed, never as done).
 *
 * Requests arriving after their frame was allocated get a NOT_SCHEDULED decision with
 * reason OffloadingHeader::REASON_REQUEST_LATE; malformed requests (non-finite or negative
 * fields) one with REASON_INVALID_REQUEST. Every pending event is cancelled by
 * StopApplication().
 */
class BatchingEarlyExitServer : public OffloadingServerBase
{
  public:
    /// Upload rate model of the instances (attribute UplinkRateModel).
    enum UplinkRateModel
    {
        SHANNON,    ///< w log2(1 + s_k / (Gamma w)), the reconstruction's fixed-power rate
        LTE_UL_AMC, ///< LteUlAmcRateModel: the LTE uplink executed by the share scheduler
        NR_UL_AMC,  ///< the cell's model (SetUplinkRateModelFactory(), e.g. NrUlAmcRateModel)
    };

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    BatchingEarlyExitServer();
    ~BatchingEarlyExitServer() override;

    BatchingEarlyExitServer(const BatchingEarlyExitServer&) = delete;
    BatchingEarlyExitServer& operator=(const BatchingEarlyExitServer&) = delete;

    /**
     * @param [in] allocator the allocator run at every frame (also attribute Allocator)
     */
    void SetAllocator(Ptr<BatchingEarlyExitAllocator> allocator);

    /// @return the allocator
    Ptr<BatchingEarlyExitAllocator> GetAllocator() const;

    /// @return the block latency model described by the attributes (fatal error naming the
    /// attribute if they are invalid)
    BatchLatencyModel GetLatencyModel() const;

    /// @return A_l, one per block, from the attributes
    std::vector<double> GetExitAccuracies() const;

    /// @return W, Hz (attribute TotalBandwidthHz)
    double GetTotalBandwidthHz() const;

    /**
     * @brief The instance of a frame as handed to the allocator.
     * @param [in] users the users as requested / measured (s_k, D_k before calibration)
     * @param [in] frameLengthS T_f, s
     * @return the problem with the GPU, W and the calibrated users
     */
    BatchingEarlyExitProblem MakeProblem(const std::vector<BatchingEarlyExitUser>& users,
                                         double frameLengthS) const;

    /**
     * TracedCallback signature for a batch start.
     * @param [in] frame frame index
     * @param [in] batchSize tasks in the batch
     * @param [in] nMissing scheduled tasks whose input was incomplete
     */
    typedef void (*BatchTracedCallback)(uint32_t frame, uint32_t batchSize, uint32_t nMissing);

  protected:
    void DoDispose() override;

  private:
    void CheckConfiguration() override;
    FrameDecision DecideFrame(uint32_t frame, const std::vector<FrameRequest>& requests) override;
    void FrameDecided(uint32_t frame) override;
    void InputComplete(size_t index) override;
    void UploadCutoff(uint32_t frame) override;
    void DoStop() override;

    /**
     * @brief Start the batch of a frame (all inputs in, or the cutoff).
     * @param [in] frame the frame
     */
    void StartBatch(uint32_t frame);
    /**
     * @brief The planned batch start of a frame (StartBatchAtPlannedTime): start if every
     * input is in, else wait for them until the cutoff.
     * @param [in] frame the frame
     */
    void PlannedStart(uint32_t frame);
    /**
     * @brief A task reached its exit.
     * @param [in] index task index
     */
    void TaskExit(size_t index);

    /**
     * @param [in] text comma-separated numbers
     * @param [in] attribute attribute name for the error message
     * @return the numbers (fatal error on a malformed entry)
     */
    static std::vector<double> ParseList(const std::string& text, const std::string& attribute);

    Time m_frameLength;                          ///< Attribute FrameLength
    bool m_startAtPlannedTime;                   ///< Attribute StartBatchAtPlannedTime
    Ptr<BatchingEarlyExitAllocator> m_allocator; ///< Attribute Allocator
    std::string m_modelName;                     ///< Attribute ModelName
    std::string m_exitAccuracies;                ///< Attribute ExitAccuracies
    double m_finalAccuracy;                      ///< Attribute FinalAccuracy
    double m_gpuFlopsPerSecond;                  ///< Attribute GpuFlopsPerSecond
    double m_perBlockOverheadS;                  ///< Attribute PerBlockOverheadS
    double m_memoryBandwidthBps;                 ///< Attribute MemoryBandwidthBps
    std::string m_fixedCostsS;                   ///< Attribute FixedCostsS
    std::string m_perTaskCostsS;                 ///< Attribute PerTaskCostsS
    double m_totalBandwidthHz;                   ///< Attribute TotalBandwidthHz
    double m_snrGapDb;                           ///< Attribute SnrGapDb
    double m_rateEfficiency;                     ///< Attribute RateEfficiency
    UplinkRateModel m_uplinkRateModel;           ///< Attribute UplinkRateModel
    uint32_t m_minUlGrantRbs;                    ///< Attribute MinUlGrantRbs
    double m_cellUplinkBandwidthHz;              ///< Attribute CellUplinkBandwidthHz
    BatchLatencyModel m_latency;                 ///< GPU model (at StartApplication)
    std::map<uint32_t, BatchingEarlyExitScheme> m_frameScheme; ///< Decided scheme per frame
    std::map<uint32_t, EventId> m_plannedEvents;               ///< Pending planned starts
    std::map<size_t, EventId> m_exitEvents;                    ///< Pending exits by task
    Time m_gpuFreeAt;                                          ///< End of the last batch

    TracedCallback<uint32_t, uint32_t, uint32_t> m_batchTrace; ///< Batch start
};

} // namespace edgeinference
} // namespace ns3

#endif /* BATCHING_EARLY_EXIT_SERVER_H */
