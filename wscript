# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
#
# edge-inference for waf-based ns-3 trees (ns-3 <= 3.35). The file lists are the same as
# in CMakeLists.txt; utils/check-file-lists.py (run by .ci/run) keeps them in sync.


def build(bld):
    module = bld.create_ns3_module(
        'edge-inference',
        ['core', 'network', 'internet', 'applications', 'mobility', 'point-to-point', 'lte',
         'spectrum', 'propagation', 'stats'])
    module.source = [
        # domain model, pure C++
        'model/common/dnn-model.cc',
        'model/common/dnn-model-zoo.cc',
        'model/common/device-compute-model.cc',
        'model/common/batch-latency-model.cc',
        'model/common/gpu-memory-model.cc',
        'model/common/radio-rate.cc',
        'model/common/rate-model.cc',
        'model/common/symbol-share-rate-model.cc',
        'model/common/json-node.cc',
        'model/common/decision-file.cc',
        'model/common/socket-teardown.cc',
        'model/common/validation.cc',
        # LTE glue: MAC-executed shares, eNB UE view, LTE AMC rate
        'model/lte/enb-ue-view.cc',
        'model/lte/ue-share-table.cc',
        'model/lte/bandwidth-share-ffr-algorithm.cc',
        'model/lte/bandwidth-share-ff-mac-scheduler.cc',
        'model/lte/lte-amc-rate-model.cc',
        'model/lte/lte-ul-amc-rate-model.cc',
        # NOMA PHY, MAC and NetDevice on the spectrum framework
        'model/noma/noma-spectrum-signal-parameters.cc',
        'model/noma/noma-spectrum-phy.cc',
        'model/noma/noma-bs-mac.cc',
        'model/noma/noma-net-device.cc',
        # offloading applications shared by batching and PartialLoading
        'model/offloading/offloading-header.cc',
        'model/offloading/offloading-client.cc',
        'model/offloading/offloading-server-base.cc',
        # SLIDE: layer streaming
        'model/slide/layer-streaming-latency.cc',
        'model/slide/inference-request-header.cc',
        'model/slide/layer-header.cc',
        'model/slide/slide-grant-header.cc',
        'model/slide/layer-streaming-server.cc',
        'model/slide/layerwise-inference-client.cc',
        'model/slide/streaming-exit-model.cc',
        'model/slide/slide-exit-solver.cc',
        'model/slide/slide-solver.cc',
        'model/slide/slide-resource-manager.cc',
        'model/slide/slide-json.cc',
        'model/slide/slide-allocator.cc',
        # PartialLoading: GPU memory with shared blocks
        'model/partial-loading/partial-loading-solver.cc',
        'model/partial-loading/edge-server.cc',
        'model/partial-loading/partial-loading-server.cc',
        'model/partial-loading/partial-loading-json.cc',
        'model/partial-loading/partial-loading-allocator.cc',
        # batching + early exit
        'model/batching/batching-early-exit-solver.cc',
        'model/batching/batch-execution.cc',
        'model/batching/batching-early-exit-allocator.cc',
        'model/batching/batching-early-exit-server.cc',
        'model/batching/batching-json.cc',
        'model/batching/batching-early-exit-solver-allocator.cc',
        'model/batching/batching-early-exit-decision-file-allocator.cc',
        # NOMA split inference
        'model/noma-split/noma-split-solver.cc',
        'model/noma-split/split-inference-header.cc',
        'model/noma-split/airtime-ledger.cc',
        'model/noma-split/split-inference-client.cc',
        'model/noma-split/split-inference-server.cc',
        'model/noma-split/split-inference-util.cc',  # internal helpers of the client and server; header not installed
        'model/noma-split/noma-split-json.cc',
        'model/noma-split/noma-split-allocator.cc',
        # DTO-EE collaborative inference
        'model/dto-ee/dto-ee-solver.cc',
        'model/dto-ee/dto-ee-agent.cc',
        'model/dto-ee/collaborative-inference-header.cc',
        'model/dto-ee/collaborative-reassembler.cc',
        'model/dto-ee/collaborative-inference-node.cc',
        'model/dto-ee/collaborative-task-source.cc',
        'model/dto-ee/dto-ee-json.cc',
        'model/dto-ee/dto-ee-allocator.cc',
        # helpers
        'helper/edge-inference-helper.cc',
        'helper/batching-early-exit-helper.cc',
        'helper/slide-helper.cc',
        'helper/noma-helper.cc',
        'helper/noma-split-inference-helper.cc',
        'helper/partial-loading-helper.cc',
        'helper/collaborative-inference-helper.cc',
        'helper/edge-lte-topology-helper.cc',
        'helper/example-command-line.cc',
        'helper/prediction-log.cc',
        'helper/inference-trace-writer.cc',
        'helper/edge-inference-trace-helper.cc',
    ]

    # GSL: projected GD of the NOMA split-inference solver (as src/wifi in waf-based ns-3)
    if bld.env['ENABLE_GSL']:
        module.use.extend(['GSL', 'GSLCBLAS'])

    module_test = bld.create_ns3_module_test_library('edge-inference')
    module_test.source = [
        'test/edge-inference-header-test-suite.cc',
        'test/edge-inference-streaming-test-suite.cc',
        'test/edge-inference-domain-test-suite.cc',
        'test/edge-inference-ffr-test-suite.cc',
        'test/edge-inference-edge-server-test-suite.cc',
        'test/edge-inference-batching-test-suite.cc',
        'test/edge-inference-ul-share-test-suite.cc',
        'test/edge-inference-slide-test-suite.cc',
        'test/edge-inference-noma-test-suite.cc',
        'test/edge-inference-noma-split-test-suite.cc',
        'test/edge-inference-partial-loading-test-suite.cc',
        'test/edge-inference-collaborative-test-suite.cc',
        'test/edge-inference-allocators-test-suite.cc',
        'test/edge-inference-fault-injection-test-suite.cc',
        'test/edge-inference-early-exit-test-suite.cc',
        'test/edge-inference-traces-test-suite.cc',
        'test/edge-inference-multi-cell-test-suite.cc',
    ]

    headers = bld(features='ns3header')
    headers.module = 'edge-inference'
    headers.source = [
        # domain model, pure C++
        'model/common/dnn-model.h',
        'model/common/dnn-model-zoo.h',
        'model/common/device-compute-model.h',
        'model/common/batch-latency-model.h',
        'model/common/gpu-memory-model.h',
        'model/common/radio-rate.h',
        'model/common/rate-model.h',
        'model/common/symbol-share-rate-model.h',
        'model/common/json-node.h',
        'model/common/decision-file.h',
        'model/common/socket-teardown.h',
        'model/common/validation.h',
        'model/common/name-table-checker.h',
        # LTE glue: MAC-executed shares, eNB UE view, LTE AMC rate
        'model/lte/enb-ue-view.h',
        'model/lte/ue-share-table.h',
        'model/lte/bandwidth-share-ffr-algorithm.h',
        'model/lte/bandwidth-share-ff-mac-scheduler.h',
        'model/lte/lte-amc-rate-model.h',
        'model/lte/lte-ul-amc-rate-model.h',
        # NOMA PHY, MAC and NetDevice on the spectrum framework
        'model/noma/noma-spectrum-signal-parameters.h',
        'model/noma/noma-spectrum-phy.h',
        'model/noma/noma-bs-mac.h',
        'model/noma/noma-net-device.h',
        # offloading applications shared by batching and PartialLoading
        'model/offloading/offloading-header.h',
        'model/offloading/offloading-client.h',
        'model/offloading/offloading-server-base.h',
        # SLIDE: layer streaming
        'model/slide/layer-streaming-latency.h',
        'model/slide/inference-request-header.h',
        'model/slide/layer-header.h',
        'model/slide/slide-grant-header.h',
        'model/slide/layer-streaming-server.h',
        'model/slide/layerwise-inference-client.h',
        'model/slide/streaming-exit-model.h',
        'model/slide/slide-exit-solver.h',
        'model/slide/slide-solver.h',
        'model/slide/slide-resource-manager.h',
        'model/slide/slide-json.h',
        'model/slide/slide-allocator.h',
        # PartialLoading: GPU memory with shared blocks
        'model/partial-loading/partial-loading-solver.h',
        'model/partial-loading/edge-server.h',
        'model/partial-loading/partial-loading-server.h',
        'model/partial-loading/partial-loading-json.h',
        'model/partial-loading/partial-loading-allocator.h',
        # batching + early exit
        'model/batching/batching-early-exit-solver.h',
        'model/batching/batch-execution.h',
        'model/batching/batching-early-exit-allocator.h',
        'model/batching/batching-early-exit-server.h',
        'model/batching/batching-json.h',
        'model/batching/batching-early-exit-solver-allocator.h',
        'model/batching/batching-early-exit-decision-file-allocator.h',
        # NOMA split inference
        'model/noma-split/noma-split-solver.h',
        'model/noma-split/split-inference-header.h',
        'model/noma-split/airtime-ledger.h',
        'model/noma-split/split-inference-client.h',
        'model/noma-split/split-inference-server.h',
        'model/noma-split/noma-split-json.h',
        'model/noma-split/noma-split-allocator.h',
        # DTO-EE collaborative inference
        'model/dto-ee/dto-ee-solver.h',
        'model/dto-ee/dto-ee-agent.h',
        'model/dto-ee/collaborative-inference-header.h',
        'model/dto-ee/collaborative-reassembler.h',
        'model/dto-ee/collaborative-inference-node.h',
        'model/dto-ee/collaborative-task-source.h',
        'model/dto-ee/dto-ee-json.h',
        'model/dto-ee/dto-ee-allocator.h',
        # helpers
        'helper/edge-inference-helper.h',
        'helper/batching-early-exit-helper.h',
        'helper/slide-helper.h',
        'helper/noma-helper.h',
        'helper/noma-split-inference-helper.h',
        'helper/partial-loading-helper.h',
        'helper/collaborative-inference-helper.h',
        'helper/edge-lte-topology-helper.h',
        'helper/example-command-line.h',
        'helper/prediction-log.h',
        'helper/inference-trace-writer.h',
        'helper/edge-inference-trace-helper.h',
    ]

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
        bld.recurse('utils')
