/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_TRACE_HELPER_H
#define EDGE_INFERENCE_TRACE_HELPER_H

#include "inference-trace-writer.h"

#include "ns3/ptr.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-helpers
 * @brief Per-task and per-event traces of every technique with one call, like
 * LteHelper::EnableTraces().
 *
 * EnableTraces() connects the trace sources of the module's applications and devices
 * installed so far on every node (call it after installing, before Simulator::Run()):
 * - "slide": LayerwiseInferenceClient (task record: grant, download, compute, latency vs the
 *   allocator's prediction; events layer-arrival, layer-compute);
 * - "batching" / "partial-loading": OffloadingClient and its BatchingEarlyExitServer or
 *   PartialLoadingServer (task record: decision, upload, wait, compute vs the server's
 *   predictions; events batch, batch-task, gpu-load, gpu-infer);
 * - "noma-split": SplitInferenceClient (local compute, upload, edge + result) and the NOMA
 *   base station's MAC (events noma-ul, noma-dl: one per transport block of a frame);
 * - "dto-ee": CollaborativeTaskSource (delay, network latency, exit) and the
 *   CollaborativeInferenceNodes (events stage-arrival, forward, exit).
 *
 * All calls of one simulation share one InferenceTraceWriter (GetWriter()), which writes the
 * files when the simulation is destroyed (Simulator::Destroy()); an application connected
 * twice (e.g. by a helper's EnableTraces() and by this one) is connected once.
 * @code
 *   EdgeInferenceTraceHelper::GetWriter()->SetAttribute("TaskFileName",
 *                                                       StringValue("my-tasks.csv"));
 *   EdgeInferenceTraceHelper::EnableTraces();
 *   Simulator::Run();
 *   Simulator::Destroy(); // writes my-tasks.csv, edge-inference-events.csv and the database
 * @endcode
 */
class EdgeInferenceTraceHelper
{
  public:
    /**
     * @brief Connect every application of the module on every node.
     * @return the writer
     */
    static Ptr<InferenceTraceWriter> EnableTraces();

    /**
     * @brief Connect the applications of one technique on every node. Aborts, naming the
     * value, if the technique is not one of GetTechniques().
     * @param [in] technique slide, batching, partial-loading, noma-split or dto-ee
     * @return the writer
     */
    static Ptr<InferenceTraceWriter> EnableTraces(const std::string& technique);

    /// @return the simulation's writer (created on first use; written and released when the
    /// simulation is destroyed)
    static Ptr<InferenceTraceWriter> GetWriter();

    /// @return the technique names
    static const std::vector<std::string>& GetTechniques();

    /**
     * @brief Ask for traces of every later simulation of this process that calls
     * EnableRequestedTraces() (the examples' --traces=PREFIX). The first simulation writes
     * PREFIX-tasks.csv, PREFIX-events.csv and PREFIX.db; the k-th (k >= 2), of an example that
     * runs several, PREFIX-simK-tasks.csv, PREFIX-simK-events.csv and PREFIX-simK.db.
     * @param [in] prefix file name prefix ("" = no traces)
     */
    static void RequestTraces(const std::string& prefix);

    /// @return true if RequestTraces() was given a prefix (an example's --traces): an example
    /// then also calls its helper's EnableTraces(), which adds the helper's predictions
    static bool AreTracesRequested();

    /**
     * @brief If RequestTraces() was given a prefix: EnableTraces() for every technique, with
     * that simulation's file names. Call right before Simulator::Run().
     * @return the writer, or null if no traces were requested
     */
    static Ptr<InferenceTraceWriter> EnableRequestedTraces();
};

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_INFERENCE_TRACE_HELPER_H */
