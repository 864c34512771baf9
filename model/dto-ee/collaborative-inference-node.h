/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef COLLABORATIVE_INFERENCE_NODE_H
#define COLLABORATIVE_INFERENCE_NODE_H

#include "collaborative-inference-header.h"
#include "collaborative-reassembler.h"
#include "dto-ee-agent.h"
#include "dto-ee-solver.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-dto-ee
 * @brief An edge node of the collaborative inference network: one stage of the partitioned
 * model, a FIFO queue, early exit, offloading to the next stage, and the DTO-EE control
 * protocol over UDP.
 */

namespace ns3
{

class Socket;
class Packet;
class Address;

namespace edgeinference
{

/**
 * @ingroup edge-inference-dto-ee
 * @brief One edge node of collaborative inference with early exits and task offloading.
 *
 * R. Xie et al., "Collaborative Inference for Large Models with Task Offloading and Early
 * Exiting", arXiv 2412.08284 (DTO-EE; the model is a reconstruction, see doc/dto-ee.rst and
 * doc/dto-ee-network.rst).
 *
 * Data plane: the node hosts sub-model h. Complete messages (task inputs from UEs or features
 * from the previous stage, reassembled from UDP segments on DataPort) join a FIFO queue served
 * one at a time; the service time is Exponential with mean w_h / f_i (M/M/1, the model's
 * assumption) or deterministic. After service the exit head's confidence is drawn from the
 * stage's exit profile: the task exits if confidence >= theta_i (probability q_h(theta_i);
 * always at the last stage) and the result, correct with probability a_h(theta_i), is sent to
 * the UE; else s_h bytes of features go to a successor drawn with the offloading fractions
 * x_ij (or, under join-least-loaded control, the successor with the smallest known
 * (queue + 1) / mu). A node told to serve nobody (SetServing(false)) drops every task input.
 *
 * Control plane (ControlPort): under distributed control, every ControlPeriod the node feeds its
 * measured arrival rate (first stage: EWMA of the task inputs counted over the period) and its
 * service rate f_i / w_h to its DtoEeAgent and runs Rounds rounds, RoundTimeout apart: it sends its
 * DtoEeUpdateMessage to each successor once every predecessor's update of the round arrived,
 * its DtoEeReplyMessage to each predecessor once every successor's reply arrived, then updates
 * its strategy. A round that misses a message is abandoned at the next round's start and the
 * node keeps its previous strategy; late messages are dropped. Under join-least-loaded the
 * node sends its queue length and service rate to its predecessors every StatusInterval.
 */
class CollaborativeInferenceNode : public Application
{
  public:
    /// Service-time distribution.
    enum ServiceModel
    {
        EXPONENTIAL_SERVICE,   ///< Exponential, mean w_h / f_i (M/M/1)
        DETERMINISTIC_SERVICE, ///< Exactly w_h / f_i
    };

    /// How the strategy is decided (attribute names: ControlModeName()).
    enum ControlMode
    {
        STATIC_CONTROL,            ///< "static": keep the strategy given by SetStrategy()
        DTO_EE_CONTROL,            ///< "distributed": the DTO-EE protocol every ControlPeriod
        JOIN_LEAST_LOADED_CONTROL, ///< "join-least-loaded": least (queue + 1) / mu per task
    };

    /**
     * @param [in] mode a control mode
     * @return its one name: "static", "distributed" or "join-least-loaded" (the protocols
     * carry the names of their DtoEeScheme)
     */
    static std::string ControlModeName(ControlMode mode);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CollaborativeInferenceNode();
    ~CollaborativeInferenceNode() override;

    /**
     * @brief Set the node's place in the stage graph (before the application starts).
     * @param [in] node node index (as in DtoEeProblem::nodes)
     * @param [in] stage stage index h
     * @param [in] lastStage whether h is the last stage
     * @param [in] stageModel the sub-model and its exit head
     */
    void Configure(uint32_t node, uint32_t stage, bool lastStage, const DtoEeStage& stageModel);

    /**
     * @brief Add a successor (order = order of the node's out-links in the model).
     * @param [in] node successor node index
     * @param [in] address successor's address on the link
     * @param [in] linkDelayS d_ij = s_h / r_ij + prop_ij known to the agent, s
     */
    void AddSuccessor(uint32_t node, Ipv4Address address, double linkDelayS);

    /**
     * @brief Add a predecessor.
     * @param [in] node predecessor node index
     * @param [in] address predecessor's address on the link
     */
    void AddPredecessor(uint32_t node, Ipv4Address address);

    /**
     * @brief Settings of the DTO-EE agent (DTO_EE control).
     * @param [in] options algorithm options
     * @param [in] rateNormalisation lambda_n of the GRADIENT rule, task/s (> 0)
     * @param [in] betaS beta, s per unit of accuracy
     * @param [in] rho exterior-penalty weight
     * @param [in] epsilon stability margin in (0, 1)
     * @param [in] thresholdMin theta_min
     */
    void SetAgentSettings(const DtoEeAlgorithmOptions& options,
                          double rateNormalisation,
                          double betaS,
                          double rho,
                          double epsilon,
                          double thresholdMin);

    /**
     * @brief The external arrival rate the node plans with before it has measured one (and
     * always, if MeasureArrivalRate is false).
     * @param [in] rate task/s, >= 0
     */
    void SetConfiguredArrivalRate(double rate);

    /**
     * @brief Set the strategy (STATIC_CONTROL; under DTO_EE the agent's start point).
     * @param [in] threshold theta_i in [0, 1]
     * @param [in] split x_ij per successor (sums to 1; empty at the last stage)
     */
    void SetStrategy(double threshold, const std::vector<double>& split);

    /**
     * @brief Change the compute speed (dynamic scenario; the task in service keeps its
     * drawn service time).
     * @param [in] flops f_i, FLOP/s, > 0
     */
    void SetComputeSpeed(double flops);

    /// @return f_i, FLOP/s
    double GetComputeSpeed() const;

    /// @return theta_i in use
    double GetThreshold() const;

    /// @return x_ij in use, per successor
    const std::vector<double>& GetSplit() const;

    /**
     * @return c^2 of the service times this node draws (attribute ServiceTime): 1 for
     * exponential, 0 for deterministic; its DtoEeAgent models the node as M/G/1 with it
     */
    double GetServiceScv() const;

    /// @return tasks in the node (queued and in service)
    uint32_t GetQueueLength() const;

    /**
     * @brief Serve or drop the task inputs that enter here ("serve nobody": an allocator's
     * decision with reason NOT_SERVED). Features from predecessors are always served.
     * @param [in] serving false: drop every task input on arrival (TaskDropped)
     */
    void SetServing(bool serving);

    /// @return false if the node drops every task input
    bool IsServing() const;

    /// @return task inputs dropped because the node serves nobody
    uint64_t GetDroppedTasks() const;

    /// @return control messages sent
    uint64_t GetControlMessagesSent() const;

    /// @return control bytes sent (UDP payload)
    uint64_t GetControlBytesSent() const;

    /// @return DTO-EE rounds this node completed
    uint32_t GetCompletedRounds() const;

    /// @return DTO-EE rounds this node started but abandoned (a message missing)
    uint32_t GetAbandonedRounds() const;

    /// @return messages being reassembled (incomplete; forgotten after ReassemblyTimeout)
    uint32_t GetPendingMessages() const;

    /// @return the external arrival rate the agent uses now, task/s
    double GetPlannedArrivalRate() const;

    /**
     * @brief Assign fixed random-variable streams (service, exit, correctness, routing).
     * @param [in] stream first stream index
     * @return the number of streams used (4)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature of TaskArrived.
     * @param [in] taskId task id
     * @param [in] stage stage of the node
     * @param [in] queueLength tasks in the node after the arrival
     */
    typedef void (*TaskArrivedTracedCallback)(uint64_t taskId,
                                              uint32_t stage,
                                              uint32_t queueLength);

    /**
     * TracedCallback signature of TaskExited.
     * @param [in] taskId task id
     * @param [in] stage exit stage
     * @param [in] confidence confidence of the exit head
     * @param [in] latency time since the task entered the first-stage node
     * @param [in] correct whether the result is correct
     */
    typedef void (*TaskExitedTracedCallback)(
        uint64_t taskId, uint32_t stage, double confidence, Time latency, bool correct);

    /**
     * TracedCallback signature of TaskDropped.
     * @param [in] taskId task id
     * @param [in] stage stage of the node
     */
    typedef void (*TaskDroppedTracedCallback)(uint64_t taskId, uint32_t stage);

    /**
     * TracedCallback signature of TaskForwarded.
     * @param [in] taskId task id
     * @param [in] toNode successor node index
     */
    typedef void (*TaskForwardedTracedCallback)(uint64_t taskId, uint32_t toNode);

    /**
     * TracedCallback signature of StrategyUpdated.
     * @param [in] threshold theta_i
     * @param [in] split x_ij per successor
     */
    typedef void (*StrategyUpdatedTracedCallback)(double threshold,
                                                  const std::vector<double>& split);

    /**
     * TracedCallback signature of ControlMessageSent and ControlMessageReceived.
     * @param [in] peer node index of the other end
     * @param [in] bytes UDP payload bytes
     */
    typedef void (*ControlMessageTracedCallback)(uint32_t peer, uint32_t bytes);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Cancel every pending event and detach and close the sockets (stop and dispose).
    void CancelEventsAndCloseSockets();

    /// A task in the node.
    struct Task
    {
        CollaborativeInferenceHeader header; ///< Header of the message that brought it
    };

    /// @param [in] socket the data socket
    void HandleData(Ptr<Socket> socket);

    /// @param [in] socket the control socket
    void HandleControl(Ptr<Socket> socket);

    /// Start serving the head of the queue if idle.
    void StartService();

    /// The task in service is done.
    void FinishService();

    /**
     * @brief Send the result of a task to its UE.
     * @param [in] task the task
     * @param [in] confidence drawn confidence
     * @param [in] correct drawn correctness
     */
    void SendResult(const Task& task, double confidence, bool correct);

    /**
     * @brief Send the features of a task to a successor.
     * @param [in] task the task
     */
    void Forward(const Task& task);

    /// @return index of the successor for the next forwarded task
    uint32_t ChooseSuccessor();

    /// @return q_h(theta_i) (1 at the last stage)
    double ExitProbability() const;

    /// @return a_h(theta_i) (a_H(0) at the last stage)
    double ExitAccuracy() const;

    /**
     * @param [in] u a uniform draw in [0, 1)
     * @return the confidence c with q(c) = u (the inverse of the exit profile)
     */
    double ConfidenceFor(double u) const;

    /// Start a control period (measure, then schedule the rounds).
    void StartPeriod();

    /**
     * @brief Start a round.
     * @param [in] round round number
     */
    void StartRound(uint32_t round);

    /// Every predecessor's update arrived: send updates (or replies at the last stage).
    void OnAllUpdates();

    /// Every successor's reply arrived: reply to the predecessors and update the strategy.
    void OnAllReplies();

    /**
     * @brief Send a control payload to a neighbour.
     * @param [in] peer node index
     * @param [in] address its address
     * @param [in] bytes payload
     */
    void SendControl(uint32_t peer, Ipv4Address address, const std::vector<uint8_t>& bytes);

    /// Copy the agent's strategy and fire StrategyUpdated.
    void AdoptAgentStrategy();

    /// JOIN_LEAST_LOADED: send the status to the predecessors.
    void SendStatus();

    /// @param [in] length new number of tasks in the node
    void SetQueueLength(uint32_t length);

    // Configuration
    uint32_t m_node{0};                  ///< Node index
    uint32_t m_stage{0};                 ///< Stage index
    bool m_lastStage{true};              ///< Last stage
    bool m_configured{false};            ///< Configure() called
    DtoEeStage m_stageModel;             ///< Sub-model and exit head
    std::vector<uint32_t> m_succ;        ///< Successor indices
    std::vector<Ipv4Address> m_succAddr; ///< Successor addresses
    std::vector<double> m_succDelayS;    ///< d_ij per successor, s
    std::vector<uint32_t> m_pred;        ///< Predecessor indices
    std::vector<Ipv4Address> m_predAddr; ///< Predecessor addresses
    DtoEeAlgorithmOptions m_options;     ///< Agent options
    double m_rateNormalisation{1};       ///< lambda_n
    double m_betaS{0.5};                 ///< beta
    double m_rho{1e3};                   ///< rho
    double m_epsilon{0.05};              ///< epsilon
    double m_thresholdMin{0};            ///< theta_min
    double m_configuredRate{0};          ///< Planned external rate before measuring, task/s
    bool m_strategySet{false};           ///< SetStrategy() called
    bool m_serving{true};                ///< false: drop every task input
    uint64_t m_droppedTasks{0};          ///< Task inputs dropped (serving nobody)

    // Attributes
    double m_speedFlops{1e10};                        ///< f_i, FLOP/s
    ServiceModel m_serviceModel{EXPONENTIAL_SERVICE}; ///< Service-time distribution
    ControlMode m_mode{STATIC_CONTROL};               ///< Control mode
    uint16_t m_dataPort{9000};                        ///< Data port
    uint16_t m_controlPort{9001};                     ///< Control port
    uint32_t m_segmentPayload{1344};                  ///< Payload bytes per data packet
    uint32_t m_resultBytes{64};                       ///< Result payload bytes
    Time m_controlStart;                              ///< First control period
    Time m_controlPeriod;                             ///< T_p
    uint32_t m_rounds{20};                            ///< Rounds per period
    Time m_roundTimeout;                              ///< Spacing and deadline of the rounds
    bool m_measure{true};                             ///< Measure the external arrival rate
    double m_smoothing{0.5};                          ///< EWMA weight of the newest measurement
    Time m_statusInterval;                            ///< JOIN_LEAST_LOADED status period
    Time m_reassemblyTimeout;                         ///< Forget incomplete messages after this

    // State
    Ptr<Socket> m_dataSocket;               ///< Data socket
    Ptr<Socket> m_controlSocket;            ///< Control socket
    CollaborativeReassembler m_reassembler; ///< Segment reassembly
    std::deque<Task> m_queue;               ///< FIFO, head in service if m_busy
    bool m_busy{false};                     ///< Serving the head
    EventId m_serviceEvent;                 ///< End of the current service
    double m_threshold{0.8};                ///< theta_i in use
    std::vector<double> m_split;            ///< x_ij in use
    std::unique_ptr<DtoEeAgent> m_agent;    ///< DTO-EE agent (DTO_EE control)
    EventId m_periodEvent;                  ///< Next period
    std::vector<EventId> m_roundEvents;     ///< Rounds of the period
    uint32_t m_nextRound{0};                ///< Next round number
    uint32_t m_round{0};                    ///< Current round
    bool m_roundOpen{false};                ///< Current round not completed yet
    uint32_t m_updatesIn{0};                ///< Updates received this round
    uint32_t m_repliesIn{0};                ///< Replies received this round
    uint32_t m_completedRounds{0};          ///< Rounds completed
    uint32_t m_abandonedRounds{0};          ///< Rounds abandoned
    uint64_t m_externalArrivals{0};         ///< Task inputs since the period start
    Time m_periodStart;                     ///< Start of the current period
    bool m_periodStarted{false};            ///< A control period has started
    bool m_rateMeasured{false};             ///< An EWMA value exists
    double m_plannedRate{0};                ///< External rate used by the agent, task/s
    uint64_t m_controlMessages{0};          ///< Control messages sent
    uint64_t m_controlBytes{0};             ///< Control bytes sent
    EventId m_statusEvent;                  ///< Next status message
    std::vector<double> m_knownQueue;       ///< JLL: successors' queue estimates
    std::vector<double> m_knownMu;          ///< JLL: successors' service rates, task/s
    TracedValue<uint32_t> m_queueLength;    ///< Tasks in the node

    Ptr<ExponentialRandomVariable> m_serviceRv; ///< Service times
    Ptr<UniformRandomVariable> m_exitRv;        ///< Confidence draws
    Ptr<UniformRandomVariable> m_correctRv;     ///< Correctness draws
    Ptr<UniformRandomVariable> m_routeRv;       ///< Successor draws

    TracedCallback<uint64_t, uint32_t, uint32_t> m_taskArrivedTrace;          ///< TaskArrived
    TracedCallback<uint64_t, uint32_t, double, Time, bool> m_taskExitedTrace; ///< TaskExited
    TracedCallback<uint64_t, uint32_t> m_taskForwardedTrace;                  ///< TaskForwarded
    TracedCallback<uint64_t, uint32_t> m_taskDroppedTrace;                    ///< TaskDropped
    TracedCallback<double, const std::vector<double>&> m_strategyTrace;       ///< StrategyUpdated
    TracedCallback<uint32_t, uint32_t> m_controlSentTrace;     ///< ControlMessageSent
    TracedCallback<uint32_t, uint32_t> m_controlReceivedTrace; ///< ControlMessageReceived
};

} // namespace edgeinference
} // namespace ns3

#endif /* COLLABORATIVE_INFERENCE_NODE_H */
