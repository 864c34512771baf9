#!/usr/bin/env python3
"""Tests of utils/sweep.py (CTest utils.sweep-*).

    utils/test-sweep.py reproduce --build build   # sweep == slide-lte's own serial sweep table
    utils/test-sweep.py slurm                     # the Slurm script: bash -n, array size, jobs
    utils/test-sweep.py speedup --build build [--seeds 4] [--backend pool]  # serial vs parallel wall time

reproduce: runs slide-lte once with its in-process serial sweep (slide-optimal at two
bandwidths, deadline x1) and parses its "Task throughput vs total bandwidth" table (cells
"on-time (admitted)"); then runs the same points as separate processes with sweep.py
(slide-lte --sweeps=false --algorithm=A --rbs=R, same seed) with each available backend
(multiprocessing, GNU parallel) and checks that every point's admitted and on-time counts equal
the serial table's cell, and that the backends print byte-identical tables.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SWEEP = os.path.join(HERE, "sweep.py")
ALGOS = ["slide-optimal", "dai-optimal"]
RBS = ["15", "25"]
COMMON = []  # slide-lte defaults (6 UEs)


def sweep(build, out, backend, seeds=1, jobs=2, algos=ALGOS):
    cmd = [sys.executable, SWEEP, "run", "--example", os.path.join(build, "examples", "slide-lte"),
           "--fixed=--sweeps=false"] + [f"--fixed={a}" for a in COMMON] + [
        "--grid", "algorithm=" + ",".join(algos), "--grid", "rbs=" + ",".join(RBS),
        "--seeds", str(seeds), "--metric", r"admitted=admitted (\d+)/", "--metric", r"on_time=on time (\d+)/",
        "--out", out, "--backend", backend, "--jobs", str(jobs)]
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit(f"FAIL: sweep.py ({backend}) exit {p.returncode}:\n{p.stderr}")
    return p.stdout, wall


def reproduce(args):
    # one algorithm keeps the CTest entry short (the grid product is exercised by speedup)
    algos = ALGOS[:1]
    build = os.path.abspath(args.build)
    tmp = tempfile.mkdtemp(prefix="ei-sweep-")
    serial = subprocess.run(
        [os.path.join(build, "examples", "slide-lte"), "--algorithms=" + ",".join(algos),
         "--rbsList=" + ",".join(RBS), "--deadlineScales=1", "--RngRun=1"] + COMMON,
        stdout=subprocess.PIPE, text=True, check=True).stdout
    table = serial.split("Task throughput vs total bandwidth")[1].split("\n\n")[0]
    cells = {}
    for line in table.splitlines()[2:]:
        m = re.match(r"\s*(\d+) \(\S+\)\s+(.*)$", line)
        if not m:
            continue
        vals = re.findall(r"(\d+) \((\d+)\)", m.group(2))
        for a, (ontime, admitted) in zip(algos, vals):
            cells[(a, m.group(1))] = (admitted, ontime)
    if len(cells) != len(algos) * len(RBS):
        sys.exit(f"FAIL: could not parse slide-lte's serial table:\n{table}")
    backends = ["pool"] + (["parallel"] if shutil.which("parallel") else [])
    outputs = {}
    for b in backends:
        out, wall = sweep(build, os.path.join(tmp, b), b, algos=algos)
        outputs[b] = out
        print(f"--- sweep.py --backend {b} ({wall:.1f} s):\n{out}")
        for (a, r), (admitted, ontime) in cells.items():
            m = re.search(rf"^algorithm={a},rbs={r}\s+1\s+(\S+) \(n=1\)\s+(\S+) \(n=1\)", out, re.MULTILINE)
            if not m:
                sys.exit(f"FAIL: point algorithm={a},rbs={r} missing in the {b} sweep table")
            got = (str(int(float(m.group(1)))), str(int(float(m.group(2)))))
            if got != (admitted, ontime):
                sys.exit(f"FAIL: {b}: algorithm={a},rbs={r}: sweep (admitted, on time) = {got}, "
                         f"serial table = {(admitted, ontime)}")
    if len(set(outputs.values())) != 1:
        sys.exit("FAIL: the backends printed different tables")
    print(f"slide-lte serial table cells (on time (admitted)): {cells}")
    if "parallel" not in backends:
        print("note: GNU parallel not installed: only the multiprocessing backend was checked")
    print(f"sweep reproduces the serial table: ok ({', '.join(backends)})")
    shutil.rmtree(tmp)
    return 0


def slurm(args):
    tmp = tempfile.mkdtemp(prefix="ei-slurm-")
    fake = os.path.join(tmp, "fake-example")
    with open(fake, "w") as f:
        f.write("#!/bin/sh\necho 'on time 1/2'\n")
    os.chmod(fake, 0o755)
    out = os.path.join(tmp, "out")
    p = subprocess.run([sys.executable, SWEEP, "run", "--example", fake, "--grid", "a=1,2,3", "--grid", "b=x,y",
                        "--seeds", "4", "--metric", r"on_time=on time (\d+)/", "--out", out, "--backend", "slurm",
                        "--jobs", "8"], stdout=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit("FAIL: sweep.py --backend slurm failed")
    script = os.path.join(out, "sweep.slurm")
    n = 3 * 2 * 4
    text = open(script).read()
    if subprocess.run(["bash", "-n", script]).returncode != 0:
        sys.exit("FAIL: bash -n rejects the Slurm script")
    m = re.search(r"^#SBATCH --array=0-(\d+)%8$", text, re.MULTILINE)
    if not m or int(m.group(1)) != n - 1:
        sys.exit(f"FAIL: array line for {n} runs missing or wrong:\n{text}")
    jobs = open(os.path.join(out, "jobs.txt")).read().splitlines()
    if len(jobs) != n:
        sys.exit(f"FAIL: {len(jobs)} job lines, expected {n}")
    # run array tasks 0 and n-1 as Slurm would, then merge what exists
    for i in (0, n - 1):
        env = dict(os.environ, SLURM_ARRAY_TASK_ID=str(i))
        if subprocess.run(["bash", script], env=env).returncode != 0:
            sys.exit(f"FAIL: array task {i} failed")
    m = subprocess.run([sys.executable, SWEEP, "merge", out], stdout=subprocess.PIPE, text=True)
    if m.returncode != 0 or "a=1,b=x" not in m.stdout or "a=3,b=y" not in m.stdout:
        sys.exit(f"FAIL: merge after two array tasks:\n{m.stdout}")
    print(text)
    print(m.stdout)
    print(f"slurm script: bash -n ok, array 0-{n - 1} for {n} runs, tasks 0 and {n - 1} ran and merged: ok")
    shutil.rmtree(tmp)
    return 0


def speedup(args):
    build = os.path.abspath(args.build)
    tmp = tempfile.mkdtemp(prefix="ei-speed-")
    load0 = os.getloadavg()
    s_out, s_wall = sweep(build, os.path.join(tmp, "serial"), "serial", seeds=args.seeds)
    b = args.backend or ("parallel" if shutil.which("parallel") else "pool")
    p_out, p_wall = sweep(build, os.path.join(tmp, b), b, seeds=args.seeds, jobs=2)
    load1 = os.getloadavg()
    print(s_out)
    print(f"serial {s_wall:.1f} s, {b} -j2 {p_wall:.1f} s: speed-up {s_wall / p_wall:.2f}x "
          f"({len(ALGOS) * len(RBS) * args.seeds} runs; load average before {load0[0]:.1f}, after {load1[0]:.1f}; "
          f"tables identical: {s_out == p_out})")
    shutil.rmtree(tmp)
    return 0 if s_out == p_out else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["reproduce", "slurm", "speedup"])
    ap.add_argument("--build", default="build")
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--backend", choices=["parallel", "pool"], default=None,
                    help="speedup: the parallel backend (default: GNU parallel if installed)")
    args = ap.parse_args()
    return {"reproduce": reproduce, "slurm": slurm, "speedup": speedup}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
