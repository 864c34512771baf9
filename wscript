# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
#
# edge-inference for waf-based ns-3 trees (ns-3 <= 3.35). The file lists are the same as
# in CMakeLists.txt; utils/check-file-lists.py (run by .ci/run) keeps them in sync.


def build(bld):
    module = bld.create_ns3_module(
        'edge-inference',
        ['core', 'network', 'internet', 'applications', 'mobility', 'point-to-point', 'lte',
         'spectrum', 'propagation'])
    module.source = [
        'model/dnn-model.cc',
        'model/dnn-model-zoo.cc',
        'model/device-compute-model.cc',
        'model/batch-latency-model.cc',
        'model/gpu-memory-model.cc',
        'model/radio-rate.cc',
        'model/layer-streaming-latency.cc',
        'model/edge-inference-header.cc',
        'model/layer-streaming-server.cc',
        'model/layerwise-inference-client.cc',
        'model/slide-allocator.cc',
        'model/partial-loading-scheduler.cc',
        'model/batching-early-exit-allocator.cc',
        'model/edge-server.cc',
        'model/enb-ue-view.cc',
        'model/bandwidth-share-ffr-algorithm.cc',
        'model/batch-execution.cc',
        'model/batching-early-exit-allocator-object.cc',
        'model/offloading-header.cc',
        'model/offloading-client.cc',
        'model/edge-inference-server.cc',
        'model/offloading-server-base.cc',
        'model/bandwidth-share-ff-mac-scheduler.cc',
        'model/dto-ee.cc',
        'model/dto-ee-agent.cc',
        'model/noma-split-inference.cc',
        'helper/edge-inference-helper.cc',
        'helper/batching-early-exit-helper.cc',
        'model/lte-amc-rate-model.cc',
        'model/slide-resource-manager.cc',
        'helper/slide-helper.cc',
        'model/noma-spectrum-signal-parameters.cc',
        'model/noma-spectrum-phy.cc',
        'model/noma-mac.cc',
        'model/noma-net-device.cc',
        'helper/noma-helper.cc',
        'model/split-inference-app.cc',
        'helper/noma-split-inference-helper.cc',
        'model/partial-loading-server.cc',
        'helper/partial-loading-helper.cc',
        'model/collaborative-inference-header.cc',
        'model/collaborative-inference-node.cc',
        'model/collaborative-task-source.cc',
        'helper/collaborative-inference-helper.cc',
        'helper/edge-lte-topology-helper.cc',
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
    ]

    headers = bld(features='ns3header')
    headers.module = 'edge-inference'
    headers.source = [
        'model/dnn-model.h',
        'model/dnn-model-zoo.h',
        'model/device-compute-model.h',
        'model/batch-latency-model.h',
        'model/gpu-memory-model.h',
        'model/radio-rate.h',
        'model/layer-streaming-latency.h',
        'model/edge-inference-header.h',
        'model/layer-streaming-server.h',
        'model/layerwise-inference-client.h',
        'model/slide-allocator.h',
        'model/partial-loading-scheduler.h',
        'model/batching-early-exit-allocator.h',
        'model/edge-server.h',
        'model/enb-ue-view.h',
        'model/bandwidth-share-ffr-algorithm.h',
        'model/batch-execution.h',
        'model/batching-early-exit-allocator-object.h',
        'model/offloading-header.h',
        'model/offloading-client.h',
        'model/edge-inference-server.h',
        'model/offloading-server-base.h',
        'model/bandwidth-share-ff-mac-scheduler.h',
        'model/dto-ee.h',
        'model/dto-ee-agent.h',
        'model/noma-split-inference.h',
        'helper/edge-inference-helper.h',
        'helper/batching-early-exit-helper.h',
        'model/lte-amc-rate-model.h',
        'model/slide-resource-manager.h',
        'helper/slide-helper.h',
        'model/noma-spectrum-signal-parameters.h',
        'model/noma-spectrum-phy.h',
        'model/noma-mac.h',
        'model/noma-net-device.h',
        'helper/noma-helper.h',
        'model/split-inference-app.h',
        'helper/noma-split-inference-helper.h',
        'model/partial-loading-server.h',
        'helper/partial-loading-helper.h',
        'model/collaborative-inference-header.h',
        'model/collaborative-inference-node.h',
        'model/collaborative-task-source.h',
        'helper/collaborative-inference-helper.h',
        'helper/edge-lte-topology-helper.h',
    ]

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
