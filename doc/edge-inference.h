/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference
 * Doxygen groups of the edge-inference module (this file is read by Doxygen only; it is
 * neither compiled nor installed). The model documentation is doc/edge-inference.rst.
 */

/**
 * @defgroup edge-inference Edge inference
 *
 * Packet-level simulation of edge-AI inference: DNN model profiles, device and edge-server
 * compute models and radio rate functions; per allocation problem a pure solver with the
 * papers' algorithms and baselines, an ns-3 allocator interface that takes a user's own
 * algorithm or a decision file, and the ns-3 applications, MAC and PHY glue that execute the
 * decisions and measure them beside the prediction.
 */

/**
 * @defgroup edge-inference-common Domain model
 * @ingroup edge-inference
 * DNN models and zoo, compute, batch latency and GPU memory models, radio rates, the JSON
 * formats of the solver and the decision files (model/common, pure C++).
 */

/**
 * @defgroup edge-inference-lte LTE glue
 * @ingroup edge-inference
 * MAC-executed downlink and uplink bandwidth shares, eNB UE view, LTE AMC rate model
 * (model/lte).
 */

/**
 * @defgroup edge-inference-noma NOMA PHY, MAC and NetDevice
 * @ingroup edge-inference
 * Power-domain superposition and SIC on ns-3's spectrum framework (model/noma).
 */

/**
 * @defgroup edge-inference-offloading Offloading applications
 * @ingroup edge-inference
 * The UDP offloading client, server base and header shared by batching + early exit and
 * PartialLoading (model/offloading).
 */

/**
 * @defgroup edge-inference-slide SLIDE
 * @ingroup edge-inference
 * Simultaneous model downloading and inference: solver, allocator interface, layer streaming
 * applications and the resource manager (model/slide).
 */

/**
 * @defgroup edge-inference-partial-loading PartialLoading
 * @ingroup edge-inference
 * Parameter-sharing model loading into GPU memory: solver, allocator interface, edge server
 * and offloading server (model/partial-loading).
 */

/**
 * @defgroup edge-inference-batching Batching and early exiting
 * @ingroup edge-inference
 * Joint scheduling and uplink bandwidth with batching and early exits: solver, allocator
 * interface, batch execution and server (model/batching).
 */

/**
 * @defgroup edge-inference-noma-split NOMA split inference
 * @ingroup edge-inference
 * Split point, subchannels and powers (GD, Li-GD): solver, allocator interface, split
 * inference client and server (model/noma-split).
 */

/**
 * @defgroup edge-inference-dto-ee DTO-EE collaborative inference
 * @ingroup edge-inference
 * Task offloading and early-exit thresholds over a stage graph of edge nodes: model, solver,
 * allocator interface, agents and the collaborative inference node (model/dto-ee).
 */

/**
 * @defgroup edge-inference-helpers Helpers
 * @ingroup edge-inference
 * One helper per problem, the NOMA helper and the LTE topology builder (helper/).
 */
