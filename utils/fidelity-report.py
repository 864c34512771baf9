#!/usr/bin/env python3
"""Fidelity report: run every example at its default setting and at a scaled-up one, collect
the per-user predicted vs measured rows each example writes with --predictionLog
(helper/prediction-log.h), and print one table: example, scale, users, served / admitted,
median and max |relative error|, wall time.

    utils/fidelity-report.py --bindir build/examples                 # default + scaled
    utils/fidelity-report.py --bindir build/examples --rst doc/fidelity-report.rst
    utils/fidelity-report.py --bindir build/examples --quick         # CTest: short settings
    utils/fidelity-report.py --bindir build-nr/examples --radio=nr   # the NR rows (NR build)

--quick runs the short settings of the default scale only and checks every row (well-formed,
relative error consistent with predicted and measured) and each run's fidelity bound
(median |error| of the served users); it exits 1 on any failure. Runs are independent
processes (--jobs, default 1 so wall times are comparable); the table is in RUNS order, so
the output does not depend on --jobs except for the wall-time column. The runs with
"--radio=nr" need a build with NR (5G-LENA): --radio=lte (default) runs the others, --radio=nr
only those, --radio=all both.
"""

import argparse
import concurrent.futures
import csv
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

# One entry per (example, scale). "args" is the setting of the report; "quick" the short
# setting CTest runs (default scale only); "bound" the largest median |relative error| of the
# served users accepted in --quick mode (a fidelity regression guard, not a goal); "label"
# replaces a long argument list in the table.
RUNS = [
    {"example": "edge-inference-first", "scale": "default", "args": [],
     "quick": ["--nUes=3"], "bound": 0.03},
    {"example": "edge-inference-first", "scale": "scaled",
     "args": ["--nUes=20", "--rbs=100"]},
    {"example": "layer-streaming-lte", "scale": "default", "args": [],
     "quick": ["--nUes=2", "--samples=16"], "bound": 0.05},
    {"example": "layer-streaming-lte", "scale": "scaled",
     "args": ["--nUes=40", "--rbs=100"]},
    {"example": "slide-lte", "scale": "default",
     "args": ["--algorithms=slide-optimal", "--sweeps=false"],
     "quick": ["--algorithms=slide-optimal", "--sweeps=false"], "bound": 0.03},
    {"example": "slide-lte", "scale": "scaled",
     "args": ["--nUes=50", "--rbs=100", "--algorithms=slide-optimal", "--sweeps=false"]},
    {"example": "slide-lte", "scale": "scaled",
     "args": ["--nCells=7", "--nUes=20", "--sweeps=false"],
     "label": "--nCells=7 --nUes=20 --sweeps=false (7 interfering cells x 20 UEs, 25 RB)"},
    {"example": "batching-early-exit", "scale": "default", "args": [],
     "quick": ["--users=4", "--rbs=25", "--usersForBandwidth=4", "--frames=20"],
     "bound": 0.5},
    {"example": "batching-early-exit", "scale": "scaled",
     "args": ["--users=40", "--rbs=100", "--usersForBandwidth=40"]},
    {"example": "batching-early-exit", "scale": "scaled",
     "args": ["--nCells=7", "--users=8", "--rbs=25", "--usersForBandwidth=8"],
     "label": "--nCells=7 --users=8 --rbs=25 --usersForBandwidth=8 (7 interfering cells)"},
    {"example": "partial-loading", "scale": "default", "args": [],
     # LoadAtAllocation (the default) starts loading at the decision and the instance says
     # so (uploadStartS); what remains: uploads that start before the origin end a few ms
     # early (6 % median at these settings)
     "quick": ["--users=4", "--loads=6", "--nUes=4"], "bound": 0.1},
    {"example": "partial-loading", "scale": "scaled",
     "args": ["--users=40", "--loads=6", "--nUes=40", "--rbs=100"]},
    {"example": "noma-vs-oma", "scale": "default", "args": [],
     "quick": ["--nUes=2", "--simTime=0.5"], "bound": 0.05},
    {"example": "noma-vs-oma", "scale": "scaled", "args": ["--nUes=40"]},
    {"example": "noma-split-inference", "scale": "default", "args": [],
     "quick": ["--nUes=2", "--tasks=1", "--algorithms=li-gd,fully-local,full-offload"],
     "bound": 0.1},
    {"example": "noma-split-inference", "scale": "scaled",
     "args": ["--distances=" + ",".join(str(30 + 10 * i) for i in range(40)),
              "--algorithms=li-gd,full-offload,fully-local"],
     "label": "40 UEs at 30, 40, ..., 420 m; li-gd, full-offload, fully-local"},
    {"example": "dto-ee-collaborative", "scale": "default", "args": [],
     "quick": ["--schemes=distributed,fixed-threshold", "--simTime=12", "--changeTime=6",
               "--controlPeriod=2"], "bound": 0.5},
    # 40 UEs make 0.75 task/s each: long phases so that a UE's window holds ~15 tasks; a UE
    # is compared only with >= 12 results (the per-scheme "mean network delay" row always)
    {"example": "dto-ee-collaborative", "scale": "scaled",
     "args": ["--nUes=40", "--simTime=50", "--changeTime=25", "--minUeTasks=12",
              "--schemes=distributed,join-least-loaded"]},
    # NR (5G-LENA): the same examples with --radio=nr (20 MHz bandwidth part, numerology 1)
    {"example": "slide-lte", "scale": "default", "radio": "nr",
     "args": ["--radio=nr", "--algorithms=slide-optimal", "--sweeps=false"],
     "quick": ["--radio=nr", "--algorithms=slide-optimal", "--sweeps=false"], "bound": 0.03},
    {"example": "slide-lte", "scale": "scaled", "radio": "nr",
     "args": ["--radio=nr", "--nUes=40", "--sweeps=false"]},
    {"example": "layer-streaming-lte", "scale": "default", "radio": "nr",
     "args": ["--radio=nr"], "quick": ["--radio=nr", "--nUes=2", "--samples=16"],
     "bound": 0.05},
    {"example": "layer-streaming-lte", "scale": "scaled", "radio": "nr",
     "args": ["--radio=nr", "--nUes=16"]},
    {"example": "batching-early-exit", "scale": "default", "radio": "nr",
     "args": ["--radio=nr"], "quick": ["--radio=nr", "--users=4", "--frames=20"],
     "bound": 0.5},
    {"example": "batching-early-exit", "scale": "scaled", "radio": "nr",
     "args": ["--radio=nr", "--users=40", "--usersForBandwidth=40"]},
    # over NR the DECISION reaches the clients sooner than the planned upload start, so
    # uploads and completions come early (12.6 % median at these settings)
    {"example": "partial-loading", "scale": "default", "radio": "nr",
     "args": ["--radio=nr"], "quick": ["--radio=nr", "--users=4", "--loads=6", "--nUes=4"],
     "bound": 0.15},
    {"example": "partial-loading", "scale": "scaled", "radio": "nr",
     "args": ["--radio=nr", "--users=40", "--loads=6", "--nUes=40"]},
    {"example": "edge-ai-cell", "scale": "default", "radio": "nr",
     "args": ["--radio=nr", "--ablation=0"], "quick": ["--radio=nr", "--quick", "--ablation=0"],
     "bound": 0.3},
    {"example": "edge-ai-cell", "scale": "default", "args": ["--ablation=0"],
     "quick": ["--quick", "--ablation=0"], "bound": 0.3},
    {"example": "edge-ai-cell", "scale": "scaled",
     "args": ["--ablation=0", "--nSlide=10", "--nBatch=10", "--nPl=10", "--nDto=10",
              "--rbs=100"]},
]

COLUMNS = ["program", "scenario", "user", "quantity", "unit", "predicted", "measured",
           "rel_error", "outcome"]


def number(text):
    return float(text) if text != "" else math.nan


def check_rows(rows, label):
    """Every row well-formed; the relative error is (measured - predicted) / predicted."""
    problems = []
    for i, r in enumerate(rows):
        where = "%s row %d" % (label, i + 2)
        if None in r.values() or len(r) != len(COLUMNS):
            problems.append("%s: %d fields, expected %d" % (where, len(r), len(COLUMNS)))
            continue
        outcome = r["outcome"].split(":", 1)[0]
        if outcome not in ("served", "unserved", "failed"):
            problems.append("%s: outcome '%s'" % (where, r["outcome"]))
            continue
        p, m, e = number(r["predicted"]), number(r["measured"]), number(r["rel_error"])
        if outcome == "served":
            if not (math.isfinite(p) and math.isfinite(m) and math.isfinite(e)):
                problems.append("%s: served without predicted, measured and error" % where)
            elif abs((m - p) / p - e) > 1e-6 * max(1.0, abs(e)):
                problems.append("%s: rel_error %g is not (measured - predicted) / predicted "
                                "= %g" % (where, e, (m - p) / p))
        elif outcome != "served" and ":" not in r["outcome"]:
            problems.append("%s: %s without a reason" % (where, outcome))
    return problems


def run_one(bindir, run, quick, tmpdir, index):
    args = run["quick"] if quick else run["args"]
    log = os.path.join(tmpdir, "%02d-%s-%s.csv" % (index, run["example"], run["scale"]))
    cmd = [os.path.join(bindir, run["example"])] + args + ["--predictionLog=" + log]
    start = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    result = {"run": run, "args": args, "wall": wall, "status": proc.returncode,
              "stderr": proc.stderr[-2000:], "rows": []}
    if os.path.exists(log):
        with open(log, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames != COLUMNS:
                result["header"] = reader.fieldnames
            result["rows"] = list(reader)
    return result


def summarise(rows):
    served = [r for r in rows if r["outcome"].startswith("served")]
    failed = [r for r in rows if r["outcome"].startswith("failed")]
    errors = [abs(number(r["rel_error"])) for r in served]
    return {
        "users": len({r["user"] for r in rows}),
        "rows": len(rows),
        "served": len(served),
        "admitted": len(served) + len(failed),
        "median": statistics.median(errors) if errors else math.nan,
        "max": max(errors) if errors else math.nan,
    }


def by_quantity(result):
    """The rows of a run grouped by predicted quantity (in first-seen order); a run without
    rows gives one empty group so that it still appears in the table."""
    groups = {}
    for r in result["rows"]:
        groups.setdefault(r["quantity"] + " (" + r["unit"] + ")", []).append(r)
    return list(groups.items()) or [("-", [])]


def percent(v):
    return "-" if not math.isfinite(v) else "%.2f" % (100 * v)


def table_lines(results):
    head = ["example", "scale", "settings", "quantity", "users", "served / admitted (rows)",
            "median abs err %", "max abs err %", "wall s"]
    body = []
    for res in results:
        status = "" if res["status"] == 0 else " (exit %d)" % res["status"]
        for quantity, rows in by_quantity(res):
            s = summarise(rows)
            body.append([res["run"]["example"], res["run"]["scale"],
                         res["run"].get("label", " ".join(res["args"]) or "(defaults)"),
                         quantity, str(s["users"]),
                         "%d / %d (%d)%s" % (s["served"], s["admitted"], s["rows"], status),
                         percent(s["median"]), percent(s["max"]), "%.1f" % res["wall"]])
    return head, body


def print_table(head, body):
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(head)]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)))
    for r in body:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))


def write_rst(path, head, body, command):
    with open(path, "w", encoding="utf-8") as f:
        f.write(".. Generated by utils/fidelity-report.py; do not edit by hand.\n")
        f.write(".. Command: %s\n\n" % command)
        f.write(".. list-table:: Predicted vs measured per user, every example, default and "
                "scaled-up settings\n   :header-rows: 1\n\n")
        for row in [head] + body:
            f.write("   * - %s\n" % row[0].replace("*", "\\*"))
            for cell in row[1:]:
                f.write("     - %s\n" % (cell.replace("*", "\\*") or "\\ "))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bindir", required=True, help="directory of the example binaries")
    ap.add_argument("--quick", action="store_true", help="short settings, default scale, checks")
    ap.add_argument("--only", default="", help="comma-separated examples to run")
    ap.add_argument("--scale", choices=["default", "scaled", "all"], default="all")
    ap.add_argument("--jobs", type=int, default=1, help="runs in parallel (default 1)")
    ap.add_argument("--rst", default="", help="also write the table as RST to this file")
    ap.add_argument("--radio", choices=["lte", "nr", "all"], default="lte",
                    help="lte: the runs without --radio=nr (default); nr: only those (needs "
                         "a build with NR); all: both")
    a = ap.parse_args()
    if a.jobs < 1:
        ap.error("--jobs=%d: a count >= 1" % a.jobs)
    only = [x for x in a.only.split(",") if x]
    known = {r["example"] for r in RUNS}
    for x in only:
        if x not in known:
            ap.error("--only: unknown example '%s' (known: %s)" % (x, ", ".join(sorted(known))))
    runs = [r for r in RUNS
            if (not only or r["example"] in only)
            and a.radio in ("all", r.get("radio", "lte"))
            and (a.quick and r["scale"] == "default" or
                 not a.quick and a.scale in ("all", r["scale"]))]
    missing = sorted({r["example"] for r in runs
                      if not os.access(os.path.join(a.bindir, r["example"]), os.X_OK)})
    if missing:
        sys.exit("fidelity-report: not built in %s: %s" % (a.bindir, ", ".join(missing)))
    with tempfile.TemporaryDirectory(prefix="fidelity-") as tmpdir:
        with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
            futures = [pool.submit(run_one, a.bindir, r, a.quick, tmpdir, i)
                       for i, r in enumerate(runs)]
            results = []
            for f in futures:
                res = f.result()
                results.append(res)
                print("ran %s (%s) in %.1f s" % (res["run"]["example"], res["run"]["scale"],
                                                 res["wall"]), file=sys.stderr, flush=True)
    head, body = table_lines(results)
    print_table(head, body)
    problems = []
    for res in results:
        label = "%s (%s)" % (res["run"]["example"], res["run"]["scale"])
        if res["status"] != 0:
            problems.append("%s: exit status %d: %s" % (label, res["status"],
                                                        res["stderr"].strip()))
        if "header" in res:
            problems.append("%s: header %s, expected %s" % (label, res["header"], COLUMNS))
        if not res["rows"]:
            problems.append("%s: no prediction rows" % label)
        problems += check_rows(res["rows"], label)
        for quantity, rows in by_quantity(res):
            s = summarise(rows)
            if a.quick and "bound" in res["run"] and rows and \
                    not s["median"] <= res["run"]["bound"]:
                problems.append("%s, %s: median |error| %s %% above the bound %s %%"
                                % (label, quantity, percent(s["median"]),
                                   percent(res["run"]["bound"])))
    if a.rst:
        command = ["utils/fidelity-report.py", "--bindir", "BUILD/examples"]
        command += ["--quick"] if a.quick else []
        command += ["--only=" + a.only] if a.only else []
        command += ["--scale=" + a.scale] if a.scale != "all" else []
        command += ["--radio=" + a.radio] if a.radio != "lte" else []
        write_rst(a.rst, head, body, " ".join(command + ["--rst", a.rst]))
    for p in problems:
        print("FAIL " + p)
    print("%d runs, %d problems" % (len(results), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
