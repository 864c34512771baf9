/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LAYERWISE_INFERENCE_CLIENT_H
#define LAYERWISE_INFERENCE_CLIENT_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/device-compute-model.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/streaming-exit-model.h"
#include "ns3/traced-callback.h"

#include <string>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

namespace edgeinference
{

class SlideGrantHeader;

/**
 * @ingroup edge-inference-slide
 * @brief Downloads a DNN layer by layer from a LayerStreamingServer and runs inference on
 * the device, layer by layer.
 *
 * For each task the client opens a TCP connection, sends an InferenceRequestHeader and
 * parses the stream of LayerHeader + payload. It records the arrival time of each layer's
 * last byte. In STREAMING mode (SLIDE, Paper 1) layer l starts computing at
 * max(arrival of l, finish of l-1); in DOWNLOAD_THEN_INFER mode (conventional DAI) layer 1
 * starts when the whole model has arrived. The compute time of a layer is
 * Samples x FLOPs / (FlopsPerCycle x FrequencyHz) and the energy EnergyCoefficient x f^2
 * per cycle (DeviceComputeModel).
 *
 * **Allocator grants.** If the stream starts with a SlideGrantHeader (a server with a
 * SlideResourceManager), the client applies it before the layers: a rejection ends the task
 * (TaskFailed with the reason, TaskRecord::rejected); an admission sets the device frequency
 * of that task (checked against [MinFrequencyHz, MaxFrequencyHz]; the next task starts again
 * at FrequencyHz) and the execution rule (streaming or download-then-infer) of the task, and
 * records the granted variant and the server's prediction. The client then names a task, not a
 * model, in its request (attribute ModelName). A stream that starts with a LayerHeader is served as
 * before.
 *
 * A task fails, never hangs, when the connection cannot be opened, is closed or reset
 * before the last layer arrived, the stream is malformed, or TaskTimeout expires; the
 * socket is then closed and the TaskFailed trace fires with the reason. Tasks run one after
 * another, separated by a TaskInterval draw.
 *
 * **Early-exit agent.** With ExitModelName set to a multi-exit zoo model (or SetExitModel()),
 * the client runs an early-exit agent over the layers it streams (StreamingExitModel): after
 * the backbone layer of a side exit is computed, the exit branch runs for the samples still
 * there (Samples x branch FLOPs on the device) and each sample draws its confidence from the
 * exit's profile (RNG stream of AssignStreams()); samples whose confidence reaches the
 * threshold leave there, with a correct/incorrect draw from the exit's accuracy. The agent
 * skips an exit that no sample can take (q_e(threshold) = 0): with ExitThreshold 1 and the
 * zoo's profiles it never exits, and the client behaves exactly as without the agent. When
 * every sample has left, the task completes and the download stops: the client resets the
 * stream (TCP RST on the next segment), the server drops the session and returns the
 * transfer's bandwidth to its SlideResourceManager (Release()), so the next round shares
 * it. The download also stops as soon as the layers of the first exit that all samples
 * leave for sure (q_e = 1, e.g. threshold 0) have arrived. A stream that is a prefix of the
 * model ending at a side exit (StreamingExitModel::Prefix(), e.g. granted by an exit-aware
 * allocator) ends with that exit: every remaining sample leaves there. The threshold is
 * fixed (ExitThreshold) or adapted after every task by the DTO-EE threshold update applied
 * locally (ThresholdRule, StreamingExitModel::UpdateThreshold() with the measured latency of
 * each exit). Exit branch parameters are taken to be resident on the device (not streamed).
 */
class LayerwiseInferenceClient : public Application
{
  public:
    /// When computing starts.
    enum Mode
    {
        STREAMING,          ///< Infer with the layers already received (SLIDE)
        DOWNLOAD_THEN_INFER ///< Download the whole model, then infer (DAI)
    };

    /// What happened to one task.
    struct TaskRecord
    {
        uint32_t taskId{0};                   ///< Task id (unique per node and application)
        Mode mode{STREAMING};                 ///< Mode the task ran in
        Time requestTime;                     ///< When the connection was opened
        Time firstByteTime;                   ///< First byte of the stream received
        std::vector<Time> layerArrival;       ///< Last byte of each layer received
        std::vector<uint64_t> layerWireBytes; ///< Stream bytes (header+payload) of each layer
        std::vector<Time> computeStart;       ///< Start of each layer's computation
        std::vector<Time> computeFinish;      ///< End of each layer's computation
        std::vector<double> layerFlops;       ///< FLOPs per sample of each layer (from headers)
        uint64_t bytesReceived{0};            ///< Stream bytes received
        bool completed{false};                ///< All layers computed
        bool failed{false};                   ///< The task failed
        std::string failureReason;            ///< Why it failed
        Time latency;                         ///< End time minus requestTime (if completed)
        double energyJ{0};                    ///< Compute energy spent, J
        bool granted{false};                  ///< A SlideGrantHeader admitted the task
        bool rejected{false};                 ///< A SlideGrantHeader rejected the task
        std::string grantText;                ///< Granted model variant, or reject reason
        uint8_t grantReasonCode{0};           ///< Reject reason code of the grant
        double grantFrequencyHz{0};           ///< Frequency applied from the grant, Hz
        double grantBandwidthHz{0};           ///< Bandwidth the server allocated, Hz
        double predictedLatencyS{0};          ///< Server's prediction, s from the decision
        Time decisionTime;                    ///< When the server decided (from the grant)
        Time grantTime;                       ///< When the grant arrived
        Time finishTime;                      ///< When the last layer was computed
        // early-exit agent (ExitModelName set); the fields below keep their defaults otherwise
        bool hasAgent{false};              ///< The early-exit agent ran this task
        double exitThreshold{1};           ///< Threshold the agent used for this task
        uint32_t exitCap{0};               ///< Last exit of the stream (E: whole model)
        int32_t deepestExit{-1};           ///< Deepest exit a sample of the task left at
        std::vector<uint32_t> exitSamples; ///< Samples that left at each exit 0 .. E
        uint32_t correctSamples{0};        ///< Samples classified correctly (accuracy draws)
        bool downloadStopped{false};       ///< The agent stopped the download before its end
        Time downloadStopTime;             ///< When it stopped the download
        uint64_t bytesConsumed{0};         ///< Stream bytes parsed (grant and layers) for the task
    };

    /// How the agent's threshold evolves.
    enum ThresholdRule
    {
        FIXED_THRESHOLD, ///< ExitThreshold for every task
        DTO_EE_GRADIENT  ///< DTO-EE's threshold update after every completed task
    };

    /**
     * @brief Register this type.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    LayerwiseInferenceClient();
    ~LayerwiseInferenceClient() override;

    LayerwiseInferenceClient(const LayerwiseInferenceClient&) = delete;
    LayerwiseInferenceClient& operator=(const LayerwiseInferenceClient&) = delete;

    /**
     * @brief Set the server address and port.
     * @param [in] address server IPv4 address (or an InetSocketAddress, whose port wins)
     * @param [in] port server port
     */
    void SetRemote(const Address& address, uint16_t port);

    /**
     * @brief Apply a compute decision: the device frequency for the layers started from now
     * on. Aborts if the frequency is outside [MinFrequencyHz, MaxFrequencyHz].
     * @param [in] frequencyHz GPU/CPU frequency, Hz
     */
    void SetFrequency(double frequencyHz);

    /// @return the device compute model in use
    const DeviceComputeModel& GetComputeModel() const;

    /// @return the records of all tasks started so far
    const std::vector<TaskRecord>& GetTaskRecords() const;

    /**
     * @brief Use this exit model for the early-exit agent instead of ExitModelName (must
     * describe the streamed model: its layer count and exit positions).
     * @param [in] model the exit model
     */
    void SetExitModel(const StreamingExitModel& model);

    /// @return true if the early-exit agent is configured
    bool HasExitAgent() const;

    /// @return the agent's exit model (empty if none; built at start from ExitModelName)
    const StreamingExitModel& GetExitModel() const;

    /// @return the agent's current threshold (changes with ThresholdRule DtoEeGradient)
    double GetExitThreshold() const;

    /**
     * @brief Assign a fixed random variable stream number to the random variables used.
     * @param [in] stream first stream index to use
     * @return the number of stream indices assigned: 1 (TaskInterval), 3 with the early-exit
     * agent (its confidence and accuracy draws)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature for a layer event.
     * @param [in] taskId the task id
     * @param [in] layer 0-based layer index
     * @param [in] time when it happened
     */
    typedef void (*LayerTracedCallback)(uint32_t taskId, uint32_t layer, Time time);

    /**
     * TracedCallback signature for a completed task.
     * @param [in] taskId the task id
     * @param [in] latency end-to-end latency from the connection request
     * @param [in] energyJ compute energy, J
     */
    typedef void (*TaskCompletedTracedCallback)(uint32_t taskId, Time latency, double energyJ);

    /**
     * TracedCallback signature for a grant.
     * @param [in] taskId the task id
     * @param [in] admitted true if admitted
     * @param [in] text granted model variant, or the reject reason
     * @param [in] frequencyHz frequency applied (0 if rejected), Hz
     */
    typedef void (*GrantTracedCallback)(uint32_t taskId,
                                        bool admitted,
                                        const std::string& text,
                                        double frequencyHz);

    /**
     * TracedCallback signature for a failed task.
     * @param [in] taskId the task id
     * @param [in] reason why it failed
     */
    typedef void (*TaskFailedTracedCallback)(uint32_t taskId, const std::string& reason);

    /**
     * TracedCallback signature for samples leaving at an exit.
     * @param [in] taskId the task id
     * @param [in] exit exit index (0 .. E-1 side exits, E the final classifier)
     * @param [in] samples samples that left there
     * @param [in] correct of them, classified correctly
     */
    typedef void (*ExitTracedCallback)(uint32_t taskId,
                                       uint32_t exit,
                                       uint32_t samples,
                                       uint32_t correct);

    /**
     * TracedCallback signature for a download the agent stopped.
     * @param [in] taskId the task id
     * @param [in] layersReceived layers fully received
     * @param [in] bytes stream bytes parsed so far (grant and layers)
     */
    typedef void (*DownloadStoppedTracedCallback)(uint32_t taskId,
                                                  uint32_t layersReceived,
                                                  uint64_t bytes);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// (Re)build m_compute from the attributes; fatal error naming the bad value.
    void BuildComputeModel();
    /// Open a connection and request the model for a new task.
    void StartTask();
    /**
     * @brief Connection established: send the request.
     * @param [in] socket the socket
     */
    void HandleConnected(Ptr<Socket> socket);
    /**
     * @brief Connection could not be established.
     * @param [in] socket the socket
     */
    void HandleConnectFailed(Ptr<Socket> socket);
    /**
     * @brief Stream data arrived.
     * @param [in] socket the socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * @brief The server closed the connection.
     * @param [in] socket the socket
     */
    void HandlePeerClose(Ptr<Socket> socket);
    /**
     * @brief The connection was reset or failed.
     * @param [in] socket the socket
     */
    void HandlePeerError(Ptr<Socket> socket);
    /**
     * @brief Consume stream bytes (an optional grant, then layers).
     * @param [in] data pointer to the bytes
     * @param [in] size number of bytes
     */
    void Consume(const uint8_t* data, uint32_t size);
    /**
     * @brief Consume layer stream bytes.
     * @param [in] data pointer to the bytes
     * @param [in] size number of bytes
     */
    void ConsumeLayers(const uint8_t* data, uint32_t size);
    /**
     * @brief Apply a complete grant.
     * @param [in] grant the grant
     */
    void ApplyGrant(const SlideGrantHeader& grant);
    /**
     * @brief A layer's last byte arrived.
     * @param [in] layer the layer index
     */
    void LayerArrived(uint32_t layer);
    /// Start computing the next layer if its inputs are there and the device is idle.
    void TryCompute();
    /**
     * @brief A layer finished computing.
     * @param [in] layer the layer index
     */
    void ComputeDone(uint32_t layer);
    /**
     * @brief End the current task as failed.
     * @param [in] reason why
     */
    void Fail(const std::string& reason);
    /// The current task completed.
    void Complete();
    /// Close the socket and cancel the task's events; schedule the next task.
    void FinishTask();
    /// Set up the agent for a stream of m_nLayers layers (false: Fail() was called).
    bool StartAgent();
    /**
     * @brief Agent step after a backbone layer was computed.
     * @param [in] layer the layer
     * @return true if the agent occupies the device (branch) or ended the task
     */
    bool AgentAfterLayer(uint32_t layer);
    /**
     * @brief An exit branch finished: samples decide.
     * @param [in] exit the exit
     */
    void BranchDone(uint32_t exit);
    /**
     * @brief Samples leave at an exit.
     * @param [in] exit the exit
     * @param [in] samples how many
     */
    void SamplesExit(uint32_t exit, uint32_t samples);
    /// Stop the download: reset the stream, parse no more bytes.
    void StopDownload();
    /// Adapt the threshold after a completed task (ThresholdRule).
    void AdaptThreshold();

    Address m_remote;                     ///< Server address
    uint16_t m_remotePort;                ///< Server port
    std::string m_modelName;              ///< Requested model
    Mode m_mode;                          ///< Streaming or DAI
    uint32_t m_samples;                   ///< Input samples per task
    double m_flopsPerCycle;               ///< Attribute FlopsPerCycle
    double m_frequencyHz;                 ///< Attribute FrequencyHz
    double m_minFrequencyHz;              ///< Attribute MinFrequencyHz
    double m_maxFrequencyHz;              ///< Attribute MaxFrequencyHz
    double m_energyCoefficient;           ///< Attribute EnergyCoefficient
    DeviceComputeModel m_compute;         ///< Device compute model built from those
    uint32_t m_numTasks;                  ///< Tasks to run
    Ptr<RandomVariableStream> m_interval; ///< Gap between tasks, s
    Time m_timeout;                       ///< Task timeout

    /// Where the parser is with respect to an optional grant at the start of the stream.
    enum GrantState
    {
        GRANT_MAYBE,   ///< Not enough bytes to tell a grant from a layer header
        GRANT_READING, ///< A grant is being received
        GRANT_DONE     ///< Grant applied, or the stream has none
    };

    Ptr<Socket> m_socket;              ///< Current connection
    Mode m_taskMode;                   ///< Mode of the current task (attribute or grant)
    GrantState m_grantState;           ///< Grant parser state
    std::vector<uint8_t> m_grantBuf;   ///< Bytes of the grant (or stream prefix) so far
    std::vector<TaskRecord> m_records; ///< One record per task
    bool m_active;                     ///< A task is running
    uint32_t m_nLayers;                ///< Layers announced by the stream (0 = unknown)
    std::vector<uint8_t> m_headerBuf;  ///< Partial LayerHeader bytes
    uint64_t m_payloadLeft;            ///< Payload bytes left in the current layer
    uint32_t m_currentLayer;           ///< Layer being received
    uint32_t m_arrived;                ///< Layers fully received
    uint32_t m_computed;               ///< Layers computed
    bool m_computing;                  ///< The device is busy
    double m_layerEnergyJ;             ///< Energy of the layer being computed, J
    EventId m_computeEvent;            ///< Pending compute completion
    EventId m_timeoutEvent;            ///< Pending timeout
    EventId m_nextTaskEvent;           ///< Pending start of the next task

    TracedCallback<uint32_t, uint32_t, Time> m_layerReceivedTrace;           ///< Layer received
    TracedCallback<uint32_t, uint32_t, Time> m_layerComputedTrace;           ///< Layer computed
    TracedCallback<uint32_t, Time, double> m_completedTrace;                 ///< Task completed
    TracedCallback<uint32_t, const std::string&> m_failedTrace;              ///< Task failed
    TracedCallback<uint32_t, bool, const std::string&, double> m_grantTrace; ///< Grant

    // early-exit agent
    std::string m_exitModelName;               ///< Attribute ExitModelName
    std::string m_exitAccuracies;              ///< Attribute ExitAccuracies
    double m_finalAccuracy;                    ///< Attribute FinalAccuracy
    double m_exitThreshold;                    ///< Current threshold (attribute ExitThreshold)
    ThresholdRule m_thresholdRule;             ///< Attribute ThresholdRule
    double m_thresholdStep;                    ///< Attribute ThresholdStep
    double m_thresholdBetaS;                   ///< Attribute ThresholdBetaS
    double m_minThreshold;                     ///< Attribute MinThreshold
    double m_maxThreshold;                     ///< Attribute MaxThreshold
    bool m_hasExitModel;                       ///< m_exitModel is set
    StreamingExitModel m_exitModel;            ///< The agent's exit model
    Ptr<UniformRandomVariable> m_confidenceRv; ///< Confidence draws
    Ptr<UniformRandomVariable> m_correctRv;    ///< Accuracy draws
    bool m_agentTask;                          ///< The agent runs the current task
    uint32_t m_samplesLeft;                    ///< Samples of the task not yet exited
    uint32_t m_nextExit;                       ///< Next exit to reach
    uint32_t m_downloadBound;                  ///< Last layer the task can need
    bool m_downloadStopped;                    ///< The download of the task was stopped
    std::vector<double> m_exitLatencyS;        ///< Latest latency of each exit, s (<0 unknown)
    TracedCallback<uint32_t, uint32_t, uint32_t, uint32_t> m_exitTrace;  ///< ExitTaken
    TracedCallback<uint32_t, uint32_t, uint64_t> m_downloadStoppedTrace; ///< DownloadStopped
};

} // namespace edgeinference
} // namespace ns3

#endif /* LAYERWISE_INFERENCE_CLIENT_H */
