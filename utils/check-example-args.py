#!/usr/bin/env python3
"""Run every example with a table of bad command-line values and check that each is refused
cleanly (helper/example-command-line.h): exit status non-zero, not killed by a signal (status
below 128, not negative in subprocess), and stderr names the flag. Also checks that --RngRun
reaches the draws of the examples that used to force their own run number (--run is gone).

    utils/check-example-args.py --bindir build/examples [--jobs 2]

Prints one line per failure and a summary "N passed, M failed"; exit 1 if any failed.
"""

import argparse
import concurrent.futures
import os
import subprocess
import sys

# (example, [arguments], flag that stderr must name)
BAD = [
    # edge-inference-first: count, LTE table, physical value
    ("edge-inference-first", ["--nUes=-1"], "nUes"),
    ("edge-inference-first", ["--nUes=abc"], "nUes"),
    ("edge-inference-first", ["--nUes=0"], "nUes"),
    ("edge-inference-first", ["--nUes=21"], "nUes"),
    ("edge-inference-first", ["--nUes=3abc"], "nUes"),
    ("edge-inference-first", ["--rbs=7"], "rbs"),
    ("edge-inference-first", ["--deadline=0"], "deadline"),
    ("edge-inference-first", ["--deadline=-1"], "deadline"),
    ("edge-inference-first", ["--deadline=nan"], "deadline"),
    ("edge-inference-first", ["--RngRun=abc"], "RngRun"),
    ("edge-inference-first", ["--RngSeed=0"], "RngSeed"),
    ("edge-inference-first", ["--predictionLog=/nonexistent-directory/x.csv"], "predictionLog"),
    ("edge-inference-first", ["--progress=-1"], "progress"),
    ("slide-lte", ["--progress=abc"], "progress"),
    # layer-streaming-lte
    ("layer-streaming-lte", ["--nUes=-1"], "nUes"),
    ("layer-streaming-lte", ["--nUes=4294967296"], "nUes"),
    ("layer-streaming-lte", ["--distances=150abc"], "distances"),
    ("layer-streaming-lte", ["--distances=-5"], "distances"),
    ("layer-streaming-lte", ["--distances=150,,300"], "distances"),
    ("layer-streaming-lte", ["--distances="], "distances"),
    ("layer-streaming-lte", ["--samples=0"], "samples"),
    ("layer-streaming-lte", ["--model=nosuchnet"], "model"),
    ("layer-streaming-lte", ["--bytesPerParameter=0"], "bytesPerParameter"),
    ("layer-streaming-lte", ["--flopsPerCycle=-64"], "flopsPerCycle"),
    ("layer-streaming-lte", ["--frequencyHz=1"], "frequencyHz"),
    ("layer-streaming-lte", ["--rbs=0"], "rbs"),
    ("layer-streaming-lte", ["--timeout=0"], "timeout"),
    # slide-lte
    ("slide-lte", ["--nUes=-1"], "nUes"),
    ("slide-lte", ["--nUes=abc"], "nUes"),
    ("slide-lte", ["--distances=150abc"], "distances"),
    ("slide-lte", ["--distances=-5"], "distances"),
    ("slide-lte", ["--rateModel=ray"], "rateModel"),
    ("slide-lte", ["--rbs=26"], "rbs"),
    ("slide-lte", ["--rbsList=25,7"], "rbsList"),
    ("slide-lte", ["--deadlineScales=0"], "deadlineScales"),
    ("slide-lte", ["--algorithms=slide-optimal,foo"], "algorithms"),
    ("slide-lte", ["--algorithm=foo"], "algorithm"),
    ("slide-lte", ["--rateEfficiency=1.5"], "rateEfficiency"),
    ("slide-lte", ["--benchmarkUes=0"], "benchmarkUes"),
    ("slide-lte", ["--run=3"], "run"),
    # batching-early-exit
    ("batching-early-exit", ["--users=-1"], "users"),
    ("batching-early-exit", ["--users=4x"], "users"),
    ("batching-early-exit", ["--rbs=24"], "rbs"),
    ("batching-early-exit", ["--usersForBandwidth=0"], "usersForBandwidth"),
    ("batching-early-exit", ["--bandwidthRbs=1"], "bandwidthRbs"),
    ("batching-early-exit", ["--frames=0"], "frames"),
    ("batching-early-exit", ["--framePeriod=0"], "framePeriod"),
    ("batching-early-exit", ["--inputBytes=-3"], "inputBytes"),
    ("batching-early-exit", ["--snrGapDb=-1"], "snrGapDb"),
    ("batching-early-exit", ["--rateEfficiency=0"], "rateEfficiency"),
    ("batching-early-exit", ["--uploadStartDelay=-0.1"], "uploadStartDelay"),
    ("batching-early-exit", ["--resultDelay=abc"], "resultDelay"),
    ("batching-early-exit", ["--minDistance=500", "--maxDistance=100"], "maxDistance"),
    ("batching-early-exit", ["--minDistance=-5"], "minDistance"),
    ("batching-early-exit", ["--mac=tdma"], "mac"),
    ("batching-early-exit", ["--algorithms=optimal,foo"], "algorithms"),
    ("batching-early-exit", ["--nCells=2"], "nCells"),
    ("batching-early-exit", ["--nCells=3", "--maxDistance=300"], "maxDistance"),
    ("batching-early-exit", ["--nCells=3", "--decisionFiles=d-%r.json"], "nCells"),
    ("batching-early-exit", ["--interSiteDistance=0"], "interSiteDistance"),
    # noma-vs-oma
    ("noma-vs-oma", ["--nUes=-1"], "nUes"),
    ("noma-vs-oma", ["--nUes=3"], "nUes"),
    ("noma-vs-oma", ["--nUes=abc"], "nUes"),
    ("noma-vs-oma", ["--bsPower=0"], "bsPower"),
    ("noma-vs-oma", ["--uePower=-0.2"], "uePower"),
    ("noma-vs-oma", ["--dNear=0"], "dNear"),
    ("noma-vs-oma", ["--dFar=400m"], "dFar"),
    ("noma-vs-oma", ["--weakFraction=1"], "weakFraction"),
    ("noma-vs-oma", ["--simTime=0.2"], "simTime"),
    # noma-split-inference
    ("noma-split-inference", ["--nUes=-1"], "nUes"),
    ("noma-split-inference", ["--nUes=5"], "nUes"),
    ("noma-split-inference", ["--distances=150abc"], "distances"),
    ("noma-split-inference", ["--distances=-5"], "distances"),
    ("noma-split-inference", ["--wT=2"], "wT"),
    ("noma-split-inference", ["--wD=-0.5"], "wD"),
    ("noma-split-inference", ["--wT=0", "--wD=0", "--wE=0"], "wE"),
    ("noma-split-inference", ["--tasks=0"], "tasks"),
    ("noma-split-inference", ["--frameMs=0"], "frameMs"),
    ("noma-split-inference", ["--mtu=99"], "mtu"),
    ("noma-split-inference", ["--algorithms=li-gd,foo"], "algorithms"),
    ("noma-split-inference", ["--model=nosuchnet"], "model"),
    # partial-loading
    ("partial-loading", ["--users=abc"], "users"),
    ("partial-loading", ["--users=-1"], "users"),
    ("partial-loading", ["--loads=2,x"], "loads"),
    ("partial-loading", ["--loads=0"], "loads"),
    ("partial-loading", ["--nUes=-1"], "nUes"),
    ("partial-loading", ["--loadGBps=-6"], "loadGBps"),
    ("partial-loading", ["--family=other"], "family"),
    ("partial-loading", ["--baseModel=nosuchnet"], "baseModel"),
    ("partial-loading", ["--variants=0"], "variants"),
    ("partial-loading", ["--family=general", "--baseModel=b-alexnet", "--variants=1000"], "variants"),
    ("partial-loading", ["--inference=0"], "inference"),
    ("partial-loading", ["--deadline=-1"], "deadline"),
    ("partial-loading", ["--frames=0"], "frames"),
    ("partial-loading", ["--rbs=20"], "rbs"),
    ("partial-loading", ["--algorithm=foo"], "algorithm"),
    ("partial-loading", ["--run=2"], "run"),
    # dto-ee-collaborative
    ("dto-ee-collaborative", ["--nUes=-1"], "nUes"),
    ("dto-ee-collaborative", ["--nUes=0"], "nUes"),
    ("dto-ee-collaborative", ["--lambda=0"], "lambda"),
    ("dto-ee-collaborative", ["--lambda=30x"], "lambda"),
    ("dto-ee-collaborative", ["--rbs=30"], "rbs"),
    ("dto-ee-collaborative", ["--simTime=-1"], "simTime"),
    ("dto-ee-collaborative", ["--changeTime=2"], "changeTime"),
    ("dto-ee-collaborative", ["--changeTime=28"], "changeTime"),
    ("dto-ee-collaborative", ["--minUeTasks=0"], "minUeTasks"),
    ("dto-ee-collaborative", ["--warmup=-1"], "warmup"),
    ("dto-ee-collaborative", ["--slowNode=99"], "slowNode"),
    ("dto-ee-collaborative", ["--slowFactor=0"], "slowFactor"),
    ("dto-ee-collaborative", ["--rateFactor=-1"], "rateFactor"),
    ("dto-ee-collaborative", ["--controlPeriod=0"], "controlPeriod"),
    ("dto-ee-collaborative", ["--rounds=0"], "rounds"),
    ("dto-ee-collaborative", ["--beta=-1"], "beta"),
    ("dto-ee-collaborative", ["--schemes=distributed,foo"], "schemes"),
    ("dto-ee-collaborative", ["--schemes="], "schemes"),
]


# --RngRun must reach the draws of the examples that used to force their own run number:
# (example, short arguments); runs 1 and 3 must both succeed and print different results
RNG = [
    ("batching-early-exit",
     ["--users=2", "--rbs=25", "--usersForBandwidth=2", "--frames=1", "--algorithms=greedy"]),
    ("partial-loading", ["--users=2", "--loads=6", "--nUes=2"]),
    ("dto-ee-collaborative",
     ["--schemes=fixed-threshold", "--lte=0", "--simTime=9", "--changeTime=4",
      "--controlPeriod=2"]),
]


def check_rng(bindir, example, args):
    """Run an example with --RngRun=1 and 3; return None if the outputs differ."""
    outs = []
    for run in (1, 3):
        cmd = [os.path.join(bindir, example)] + args + ["--RngRun=%d" % run]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            return "--RngRun=%d: exit status %d: %s" % (run, p.returncode, p.stderr[-200:])
        outs.append(p.stdout)
    return None if outs[0] != outs[1] else "--RngRun=1 and --RngRun=3 print the same output"


def check_bad(bindir, example, args, flag):
    """Run one bad case; return None if it passed, else a description of the failure."""
    cmd = [os.path.join(bindir, example)] + args
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "timed out (the bad value was accepted)"
    if p.returncode == 0:
        return "exit status 0 (accepted)"
    if p.returncode < 0 or p.returncode >= 128:
        return "killed by a signal (status %d): %s" % (p.returncode, p.stderr.strip()[-200:])
    if ("--" + flag) not in p.stderr and ("-" + flag) not in p.stderr:
        return "status %d but stderr does not name --%s: %r" % (
            p.returncode, flag, p.stderr.strip()[-200:])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bindir", required=True, help="directory of the example binaries")
    ap.add_argument("--jobs", type=int, default=2)
    opts = ap.parse_args()
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
        futures = [(case, pool.submit(check_bad, opts.bindir, *case)) for case in BAD]
        futures += [((example, args + ["--RngRun=1 vs 3"], None),
                     pool.submit(check_rng, opts.bindir, example, args)) for example, args in RNG]
        for (example, args, _), fut in futures:
            err = fut.result()
            if err:
                failed += 1
                print("FAIL %s %s: %s" % (example, " ".join(args), err))
    per_example = {}
    for example, _, _ in BAD:
        per_example[example] = per_example.get(example, 0) + 1
    print("bad values per example: " + ", ".join("%s %d" % kv for kv in per_example.items()))
    print("%d bad values, %d --RngRun checks" % (len(BAD), len(RNG)))
    print("%d passed, %d failed" % (len(futures) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
