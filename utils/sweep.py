#!/usr/bin/env python3
"""Sweep runner: one example, a parameter grid and a seed count -> one process per (point, seed),
run in parallel (GNU parallel if installed, else Python multiprocessing), serially, or as a Slurm
job array; merges the per-run CSVs and prints mean +/- 95 % confidence interval per point.

    utils/sweep.py run   --example build/examples/slide-lte --grid algorithm=slide-optimal,dai-optimal \\
                         --grid rbs=15,25 --seeds 3 --fixed=--sweeps=false \\
                         --metric 'on_time=on time (\\d+)/' --out sweep-dir [--jobs 2]
                         [--backend auto|parallel|pool|serial|slurm] [--traces]
    utils/sweep.py merge sweep-dir          # after a Slurm array finished: merge and print

Each run is `EXAMPLE --k=v ... FIXED --RngRun=SEED` (seeds 1..N; ns-3's --RngRun selects the
draws), its stdout kept in OUT/runs/<point>-s<seed>.out. Metrics of a run:
- --metric NAME=REGEX (repeatable): the first group of the first match in stdout, as a number;
- --traces: the example also writes its task trace (--traces=OUT/runs/<point>-s<seed>, see
  doc/edge-inference.rst, "Traces"), and the run gets tasks, completed (completed/on-time
  outcomes), mean_total_s (mean meas_total_s) and mean_abs_err_pct (mean |meas - pred| / pred).
A run's metrics go to OUT/runs/<point>-s<seed>.csv; merge writes OUT/merged.csv (one row per run)
and OUT/summary.csv, and prints per point: mean +/- half-width of the 95 % CI (Student t, n - 1
degrees of freedom; "n=1" when one seed). The output is independent of the backend and of the
order runs finish in, so a parallel sweep prints exactly the table of the serial one.

The Slurm backend writes OUT/jobs.txt (one command per line) and OUT/sweep.slurm, an array job
(#SBATCH --array=0-(runs-1)) whose task i runs line i+1; submit it with `sbatch OUT/sweep.slurm`,
then run `utils/sweep.py merge OUT`.
"""

import argparse
import csv
import itertools
import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

# two-sided 95 % Student t quantiles, dof 1..30 (dof > 30: 1.96)
T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
       2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
       2.052, 2.048, 2.045, 2.042]


def t95(dof):
    return T95[dof - 1] if dof <= len(T95) else 1.96


def point_id(point):
    """File-name-safe id of a point, e.g. algorithm=slide-optimal,rbs=15."""
    return ",".join(f"{k}={v}" for k, v in point).replace("/", "_").replace(" ", "_")


def parse_grid(items):
    grid = []
    for g in items:
        if "=" not in g:
            sys.exit(f"sweep.py: --grid {g!r}: expected NAME=v1,v2,...")
        k, vs = g.split("=", 1)
        values = [v for v in vs.split(",") if v != ""]
        if not k or not values:
            sys.exit(f"sweep.py: --grid {g!r}: expected NAME=v1,v2,...")
        grid.append((k, values))
    return grid


def parse_metrics(items):
    out = []
    for m in items:
        if "=" not in m:
            sys.exit(f"sweep.py: --metric {m!r}: expected NAME=REGEX")
        name, rx = m.split("=", 1)
        try:
            re.compile(rx)
        except re.error as e:
            sys.exit(f"sweep.py: --metric {m!r}: bad regular expression: {e}")
        out.append((name, rx))
    return out


def run_one(spec):
    """Run one (point, seed) and write its metrics CSV. spec is a dict (JSON-serialisable)."""
    base = os.path.join(spec["out"], "runs", f"{spec['point']}-s{spec['seed']}")
    cmd = [spec["example"]] + spec["args"] + [f"--RngRun={spec['seed']}"]
    if spec["traces"]:
        cmd.append(f"--traces={base}")
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with open(base + ".out", "w") as f:
        f.write(p.stdout)
    if p.returncode != 0:
        with open(base + ".err", "w") as f:
            f.write(p.stderr)
        raise RuntimeError(f"run failed (exit {p.returncode}): {shlex.join(cmd)}\n{p.stderr[-2000:]}")
    row = {"point": spec["point"], "seed": spec["seed"]}
    for name, rx in spec["metrics"]:
        m = re.search(rx, p.stdout, re.MULTILINE)
        row[name] = float(m.group(1)) if m else math.nan
    if spec["traces"]:
        with open(base + "-tasks.csv", newline="") as f:
            tasks = list(csv.DictReader(f))
        tot = [float(t["meas_total_s"]) for t in tasks if t["meas_total_s"]]
        errs = [abs(float(t["meas_total_s"]) - float(t["pred_total_s"])) / float(t["pred_total_s"]) * 100
                for t in tasks if t["meas_total_s"] and t["pred_total_s"] and float(t["pred_total_s"]) > 0]
        row["tasks"] = len(tasks)
        row["completed"] = sum(t["outcome"] in ("completed", "on-time") for t in tasks)
        row["mean_total_s"] = sum(tot) / len(tot) if tot else math.nan
        row["mean_abs_err_pct"] = sum(errs) / len(errs) if errs else math.nan
    with open(base + ".csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(row))
        w.writeheader()
        w.writerow(row)
    return base + ".csv"


def make_specs(args):
    grid = parse_grid(args.grid)
    metrics = parse_metrics(args.metric)
    if not metrics and not args.traces:
        sys.exit("sweep.py: give at least one --metric NAME=REGEX or --traces")
    example = os.path.abspath(args.example) if os.path.sep in args.example else shutil.which(args.example)
    if not example or not os.access(example, os.X_OK):
        sys.exit(f"sweep.py: --example {args.example!r}: not an executable")
    if args.seeds < 1:
        sys.exit(f"sweep.py: --seeds {args.seeds}: must be >= 1")
    names = [k for k, _ in grid]
    specs = []
    for values in itertools.product(*[vs for _, vs in grid]):
        point = list(zip(names, values))
        for seed in range(1, args.seeds + 1):
            specs.append({
                "example": example,
                "args": [f"--{k}={v}" for k, v in point] + list(args.fixed),
                "point": point_id(point),
                "seed": seed,
                "out": os.path.abspath(args.out),
                "metrics": metrics,
                "traces": args.traces,
            })
    return specs


def write_jobs(specs, out):
    """One command line per run: this script's 'one' mode with the spec as JSON."""
    path = os.path.join(out, "jobs.txt")
    with open(path, "w") as f:
        for s in specs:
            f.write(shlex.join([sys.executable, os.path.abspath(__file__), "one", json.dumps(s)]) + "\n")
    return path


def write_slurm(specs, out, args):
    jobs = write_jobs(specs, out)
    script = os.path.join(out, "sweep.slurm")
    with open(script, "w") as f:
        f.write(f"""#!/bin/bash
#SBATCH --job-name=ei-sweep
#SBATCH --array=0-{len(specs) - 1}{'%' + str(args.jobs) if args.jobs else ''}
#SBATCH --cpus-per-task=1
#SBATCH --time={args.slurm_time}
#SBATCH --output={os.path.join(out, 'runs', 'slurm-%A_%a.log')}
# {len(specs)} runs of {specs[0]['example']}; after the array: {sys.executable} {os.path.abspath(__file__)} merge {out}
set -euo pipefail
line=$((SLURM_ARRAY_TASK_ID + 1))
cmd=$(sed -n "${{line}}p" {shlex.quote(jobs)})
eval "$cmd"
""")
    return script


def merge(out):
    runs_dir = os.path.join(out, "runs")
    rows = []
    for name in sorted(os.listdir(runs_dir)):
        if name.endswith(".csv") and not name.endswith("-tasks.csv") and not name.endswith("-events.csv"):
            with open(os.path.join(runs_dir, name), newline="") as f:
                rows.extend(csv.DictReader(f))
    if not rows:
        sys.exit(f"sweep.py: no run CSV in {runs_dir}")
    order = []
    for r in rows:
        r["seed"] = int(r["seed"])
    try:
        with open(os.path.join(out, "points.txt")) as f:
            order = [line.strip() for line in f if line.strip()]
    except FileNotFoundError:
        order = sorted({r["point"] for r in rows})
    rows.sort(key=lambda r: (order.index(r["point"]) if r["point"] in order else len(order), r["seed"]))
    metrics = [k for k in rows[0] if k not in ("point", "seed")]
    with open(os.path.join(out, "merged.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["point", "seed"] + metrics)
        w.writeheader()
        w.writerows(rows)
    summary = []
    width = max(len(p) for p in order + [r["point"] for r in rows])
    print(f"{'point':<{width}}  {'n':>3}  " + "  ".join(f"{m:>22}" for m in metrics))
    for p in order:
        prow = [r for r in rows if r["point"] == p]
        if not prow:
            continue
        cells = []
        srow = {"point": p, "n": len(prow)}
        for m in metrics:
            vals = [float(r[m]) for r in prow if r[m] not in ("", "nan")]
            vals = [v for v in vals if not math.isnan(v)]
            if not vals:
                cells.append(f"{'-':>22}")
                srow[m + "_mean"] = ""
                srow[m + "_ci95"] = ""
                continue
            mean = sum(vals) / len(vals)
            if len(vals) > 1:
                sd = math.sqrt(sum((v - mean) ** 2 for v in vals) / (len(vals) - 1))
                half = t95(len(vals) - 1) * sd / math.sqrt(len(vals))
                cells.append(f"{mean:>12.6g} ± {half:<8.3g}")
            else:
                half = math.nan
                cells.append(f"{mean:>12.6g} (n=1)   ")
            srow[m + "_mean"] = f"{mean:.10g}"
            srow[m + "_ci95"] = "" if math.isnan(half) else f"{half:.10g}"
        summary.append(srow)
        print(f"{p:<{width}}  {len(prow):>3}  " + "  ".join(cells))
    with open(os.path.join(out, "summary.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(summary[0]))
        w.writeheader()
        w.writerows(summary)
    return 0


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "one":  # worker mode (jobs.txt lines)
        run_one(json.loads(sys.argv[2]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    r = sub.add_parser("run", help="run a sweep (or write the Slurm script)")
    r.add_argument("--example", required=True, help="example program (path, or name on PATH)")
    r.add_argument("--grid", action="append", default=[], help="NAME=v1,v2,... (repeatable): --NAME=v per point")
    r.add_argument("--fixed", action="append", default=[], help="argument given to every run (repeatable; use --fixed=--x=y)")
    r.add_argument("--seeds", type=int, default=1, help="seeds per point: --RngRun=1..N (default 1)")
    r.add_argument("--metric", action="append", default=[], help="NAME=REGEX on stdout, first group (repeatable)")
    r.add_argument("--traces", action="store_true", help="metrics from the task trace (--traces of the example)")
    r.add_argument("--out", required=True, help="output directory")
    r.add_argument("--jobs", type=int, default=None,
                   help="parallel runs (default: cores; Slurm: at most this many array tasks at once)")
    r.add_argument("--backend", choices=["auto", "parallel", "pool", "serial", "slurm"], default="auto",
                   help="auto = GNU parallel if installed, else multiprocessing (pool)")
    r.add_argument("--slurm-time", default="01:00:00", help="Slurm --time of each array task")
    m = sub.add_parser("merge", help="merge the run CSVs of a sweep directory and print the table")
    m.add_argument("out")
    args = ap.parse_args()
    if args.mode == "merge":
        return merge(args.out)

    specs = make_specs(args)
    if args.jobs is not None and args.jobs < 1:
        sys.exit(f"sweep.py: --jobs {args.jobs}: must be >= 1")
    os.makedirs(os.path.join(args.out, "runs"), exist_ok=True)
    for name in os.listdir(os.path.join(args.out, "runs")):  # no stale runs in the merge
        os.remove(os.path.join(args.out, "runs", name))
    points = []
    for s in specs:
        if s["point"] not in points:
            points.append(s["point"])
    with open(os.path.join(args.out, "points.txt"), "w") as f:
        f.write("\n".join(points) + "\n")
    backend = args.backend
    if backend == "auto":
        # local default: Python's pool (GNU parallel's Perl start-up per run costs more than
        # it saves on short runs: 1.47x vs 2.00x on 32 runs of 0.4 s, doc/traces-and-sweeps.rst)
        backend = "pool"
    if backend == "parallel" and not shutil.which("parallel"):
        sys.exit("sweep.py: --backend parallel: GNU parallel is not installed (Debian: apt-get install parallel)")
    if backend == "slurm":
        script = write_slurm(specs, os.path.abspath(args.out), args)
        print(f"wrote {script}: Slurm array of {len(specs)} runs ({len(points)} points x {args.seeds} seeds); "
              f"submit with: sbatch {script}; then: {sys.argv[0]} merge {args.out}")
        return 0
    if args.jobs is None:
        args.jobs = os.cpu_count() or 1
    t0 = time.monotonic()
    if backend == "serial":
        for s in specs:
            run_one(s)
    elif backend == "pool":
        import multiprocessing

        with multiprocessing.Pool(args.jobs) as pool:
            pool.map(run_one, specs, chunksize=1)
    else:
        jobs = write_jobs(specs, args.out)
        p = subprocess.run(["parallel", "--will-cite", "-j", str(args.jobs), "--halt", "now,fail=1"],
                           stdin=open(jobs), stdout=subprocess.DEVNULL)
        if p.returncode != 0:
            sys.exit(f"sweep.py: a run failed (GNU parallel exit {p.returncode}); see {args.out}/runs/*.err")
    wall = time.monotonic() - t0
    print(f"sweep: {len(specs)} runs ({len(points)} points x {args.seeds} seeds), backend {backend}, "
          f"{args.jobs if backend != 'serial' else 1} job(s), {wall:.1f} s wall", file=sys.stderr)
    return merge(args.out)


if __name__ == "__main__":
    sys.exit(main())
