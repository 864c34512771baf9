#! /usr/bin/env python3
# -*- coding: utf-8 -*-

# Examples run by ns-3's test.py in an ns-3 tree (in-tree mode). In standalone mode the
# same examples are CTest tests (examples/CMakeLists.txt).
#
# A list of C++ examples to run in order to ensure that they remain buildable and runnable
# over time. Each tuple is (example_name_with_args, do_run, do_valgrind_run).
cpp_examples = [
    ("edge-inference-first --nUes=3", "True", "False"),
    ("layer-streaming-lte --nUes=2 --samples=16", "True", "False"),
    ("slide-lte --algorithms=slide-optimal,dai-optimal --rbsList=25 --deadlineScales=1", "True", "False"),
    ("slide-lte --nCells=3 --nUes=4 --sweeps=false", "True", "False"),
    ("allocator-benchmark --quick", "True", "False"),
    ("batching-early-exit --users=4 --rbs=25 --usersForBandwidth=4 --frames=1", "True", "False"),
    (
        "batching-early-exit --users=8 --rbs=25 --usersForBandwidth=8 --frames=20 --algorithms=optimal,batching-only",
        "True",
        "False",
    ),
    ("batching-early-exit --users=32 --rbs=6 --usersForBandwidth=1 --frames=2 --algorithms=optimal", "True", "False"),
    (
        "batching-early-exit --nCells=3 --users=4 --rbs=25 --usersForBandwidth=4 --frames=20 --algorithms=optimal",
        "True",
        "False",
    ),
    ("dto-ee-benchmark --quick", "True", "False"),
    ("noma-split-benchmark --quick", "True", "False"),
    ("noma-vs-oma --nUes=2 --simTime=0.5", "True", "False"),
    ("noma-split-inference --nUes=2 --tasks=1 --algorithms=li-gd,fully-local,full-offload", "True", "False"),
    ("noma-benchmark --quick", "True", "False"),
    ("partial-loading --users=4 --loads=6 --nUes=4", "True", "False"),
    ("streaming-overhead-benchmark --quick", "True", "False"),
    (
        "dto-ee-collaborative --schemes=distributed,fixed-threshold --simTime=12 --changeTime=6 --controlPeriod=2",
        "True",
        "False",
    ),
    # test.py runs examples from the top of the ns-3 tree
    (
        "edge-inference-solve --input=contrib/edge-inference/utils/solver/inputs/slide-e4.json",
        "True",
        "False",
    ),
    ("edge-inference-fuzz --budget=100", "True", "False"),
    ("edge-ai-cell --quick --ablation=0", "True", "False"),
]

# A list of Python examples to run (none).
python_examples = []
