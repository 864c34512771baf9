/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef COLLABORATIVE_TASK_SOURCE_H
#define COLLABORATIVE_TASK_SOURCE_H

#include "collaborative-inference-header.h"
#include "collaborative-reassembler.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>

/**
 * @file
 * @ingroup edge-inference-dto-ee
 * @brief A UE's inference-task generator for the collaborative inference network.
 */

namespace ns3
{

class Socket;

namespace edgeinference
{

/**
 * @ingroup edge-inference-dto-ee
 * @brief Generates inference tasks (Poisson arrivals), sends each task input to a first-stage
 * CollaborativeInferenceNode and records the response delay of the results.
 *
 * The external arrivals lambda_i of the DTO-EE model (Xie et al., arXiv 2412.08284) are the
 * sum of the ArrivalRate of the sources that use node i as their entry node. The task input
 * (InputBytes) is sent as UDP segments to EntryAddress:EntryPort; the result comes back to
 * LocalPort. Tasks whose result never arrives are simply not counted (no state is kept for
 * them beyond the counters).
 */
class CollaborativeTaskSource : public Application
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CollaborativeTaskSource();
    ~CollaborativeTaskSource() override;

    /**
     * @brief Change the arrival rate (dynamic scenario; takes effect at the next arrival).
     * @param [in] rate task/s, > 0
     */
    void SetArrivalRate(double rate);

    /// @return the arrival rate, task/s
    double GetArrivalRate() const;

    /// @return tasks sent
    uint64_t GetSent() const;

    /// @return results received (of tasks still outstanding; a result after the task's
    /// TaskTimeout is counted by GetLate() instead)
    uint64_t GetReceived() const;

    /// @return tasks failed: no result within TaskTimeout, or outstanding at the stop
    uint64_t GetLost() const;

    /// @return results that arrived after their task had failed (ignored)
    uint64_t GetLate() const;

    /// @return tasks sent whose result has not arrived and that have not failed yet
    uint64_t GetOutstanding() const;

    /**
     * @brief Assign a fixed random-variable stream (inter-arrival times).
     * @param [in] stream stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature of TaskSent.
     * @param [in] taskId task id
     */
    typedef void (*TaskSentTracedCallback)(uint64_t taskId);

    /**
     * TracedCallback signature of TaskLost.
     * @param [in] taskId task id
     * @param [in] reason why it failed
     */
    typedef void (*TaskLostTracedCallback)(uint64_t taskId, const std::string& reason);

    /**
     * TracedCallback signature of ResultReceived.
     * @param [in] taskId task id
     * @param [in] created creation time of the task
     * @param [in] delay end-to-end response delay
     * @param [in] networkLatency time from the entry into the first-stage node to the exit
     * decision (the node-network part), as measured by the exit node
     * @param [in] exitStage stage where the task exited
     * @param [in] correct whether the result is correct
     */
    typedef void (*ResultReceivedTracedCallback)(uint64_t taskId,
                                                 Time created,
                                                 Time delay,
                                                 Time networkLatency,
                                                 uint32_t exitStage,
                                                 bool correct);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Send one task and schedule the next.
    void SendTask();

    /// @param [in] socket the socket
    void HandleRead(Ptr<Socket> socket);

    /**
     * @brief Fail an outstanding task.
     * @param [in] taskId the task
     * @param [in] reason why
     */
    void Lose(uint64_t taskId, const std::string& reason);

    /**
     * @brief TaskTimeout of a task expired: Lose() it (the reason is built only then).
     * @param [in] taskId the task
     */
    void TimeOut(uint64_t taskId);

    double m_rate{10};               ///< Arrival rate, task/s
    uint32_t m_inputBytes{2048};     ///< Task input bytes
    Ipv4Address m_entry;             ///< Entry node address
    uint16_t m_entryPort{9000};      ///< Entry node data port
    uint16_t m_localPort{9100};      ///< Port of the results
    uint32_t m_segmentPayload{1344}; ///< Payload bytes per packet
    uint32_t m_sourceId{0};          ///< High 32 bits of the task ids
    uint64_t m_maxTasks{0};          ///< Stop after this many tasks (0: no limit)
    Time m_reassemblyTimeout;        ///< Forget incomplete results after this
    Time m_taskTimeout;              ///< A task without result after this has failed

    Ptr<Socket> m_socket;                                     ///< UDP socket
    Ptr<ExponentialRandomVariable> m_gap;                     ///< Inter-arrival times
    EventId m_sendEvent;                                      ///< Next task
    CollaborativeReassembler m_reassembler;                   ///< Result reassembly
    std::map<uint64_t, EventId> m_outstanding;                ///< Task id -> its TaskTimeout event
    uint64_t m_lost{0};                                       ///< Tasks failed
    bool m_isDisposing{false};                                ///< In DoDispose(): no trace fires
    uint64_t m_late{0};                                       ///< Results after the task failed
    TracedCallback<uint64_t, const std::string&> m_lostTrace; ///< TaskLost
    uint64_t m_sent{0};                                       ///< Tasks sent
    uint64_t m_received{0};                                   ///< Results received
    Ipv4Address m_localAddress;                               ///< Own address toward the entry node

    TracedCallback<uint64_t> m_sentTrace; ///< TaskSent
    /// ResultReceived
    TracedCallback<uint64_t, Time, Time, Time, uint32_t, bool> m_resultTrace;
};

} // namespace edgeinference
} // namespace ns3

#endif /* COLLABORATIVE_TASK_SOURCE_H */
