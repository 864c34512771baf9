/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup edge-inference-tests
 * Standalone ns-3 test runner (the same as ns-3's utils/test-runner.cc): the module's
 * TestSuites are compiled into this executable so their static registrations are kept.
 * Usage: ei-test-runner --suite=edge-inference-streaming [--verbose] | --list
 */

#include "ns3/test.h"

int
main(int argc, char* argv[])
{
    return ns3::TestRunner::Run(argc, argv);
}
