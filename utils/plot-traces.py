#!/usr/bin/env python3
"""Turn edge-inference traces (EnableTraces(), the examples' --traces=PREFIX) into PNG figures.

    utils/plot-traces.py PREFIX [--out DIR] [--max-ues N] [--dpi D]

reads PREFIX-tasks.csv and PREFIX-events.csv (the schema of doc/edge-inference.rst, section
"Traces") and writes, for what the traces contain:

- PREFIX-timeline.png   per UE (SLIDE): layer downloads (arrival of each layer) against layer
                        computation, one row per UE and task, exits marked;
- PREFIX-gpu.png        GPU timeline: model loads and inferences (PartialLoading), batches with
                        their size and the exit of each task (batching + early exit);
- PREFIX-noma.png       NOMA frame occupancy: bytes per subchannel and frame, uplink/downlink,
                        one colour per UE;
- PREFIX-dto-ee.png     DTO-EE: tasks arriving per stage node over time and exits per stage;
- PREFIX-scatter.png    predicted vs measured total time per task, every technique that has a
                        prediction (the y = x line is a perfect prediction).

Prints one line per figure written ("wrote FILE: what"), and "no figure" lines for the ones the
traces have no data for. Exits 77 (CTest's skip code) with a clear message if matplotlib is
missing (Debian: apt-get install python3-matplotlib); 2 if the trace files are missing.
"""

import argparse
import csv
import math
import os
import sys
from collections import defaultdict

SKIP = 77


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def num(row, key):
    v = row.get(key, "")
    return float(v) if v not in ("", None) else math.nan


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("prefix", help="trace prefix: reads PREFIX-tasks.csv, PREFIX-events.csv")
    ap.add_argument("--out", default=None, help="output directory (default: next to the traces)")
    ap.add_argument("--max-ues", type=int, default=8, help="UEs shown in the timeline (default 8)")
    ap.add_argument("--dpi", type=int, default=80, help="PNG resolution (default 80)")
    args = ap.parse_args()

    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(
            "plot-traces.py: SKIP: matplotlib is not installed "
            "(Debian: apt-get install python3-matplotlib)",
            file=sys.stderr,
        )
        return SKIP

    tasks_file = args.prefix + "-tasks.csv"
    events_file = args.prefix + "-events.csv"
    for f in (tasks_file, events_file):
        if not os.path.exists(f):
            print(f"plot-traces.py: {f}: no such file (run with --traces={args.prefix})", file=sys.stderr)
            return 2
    tasks = load(tasks_file)
    events = load(events_file)
    out_base = args.prefix
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        out_base = os.path.join(args.out, os.path.basename(args.prefix))
    written = []

    def save(fig, name, what):
        path = f"{out_base}-{name}.png"
        fig.tight_layout()
        fig.savefig(path, dpi=args.dpi)
        plt.close(fig)
        written.append(path)
        print(f"wrote {path}: {what}")

    # ---- per-UE timeline (SLIDE): downloads vs compute per layer
    arrivals = defaultdict(list)  # (ue, task) -> [(t, layer)]
    computes = defaultdict(list)  # (ue, task) -> [(start, duration, layer)]
    exits = defaultdict(list)  # (ue, task) -> [t]
    for e in events:
        key = (int(e["ue"]), int(e["task_id"]))
        if e["event"] == "layer-arrival":
            arrivals[key].append((num(e, "time_s"), int(e["index"])))
        elif e["event"] == "layer-compute":
            computes[key].append((num(e, "time_s"), num(e, "value"), int(e["index"])))
        elif e["event"] == "ue-exit":
            exits[key].append(num(e, "time_s"))
    keys = sorted(set(arrivals) | set(computes))[: args.max_ues]
    if keys:
        fig, ax = plt.subplots(figsize=(8, 1 + 0.6 * len(keys)))
        for row, key in enumerate(keys):
            comp = computes.get(key, [])
            ax.broken_barh(
                [(s, d) for s, d, _ in comp], (row - 0.35, 0.3), facecolors="tab:orange", label="compute" if row == 0 else None
            )
            arr = arrivals.get(key, [])
            t0 = min([t for t, _ in arr] + [s for s, _, _ in comp]) if (arr or comp) else 0
            ax.plot([t for t, _ in arr], [row + 0.2] * len(arr), "|", color="tab:blue", markersize=10,
                    label="layer arrival" if row == 0 else None)
            for t in exits.get(key, []):
                ax.plot([t], [row], "x", color="tab:red", markersize=10, label="exit" if row == 0 else None)
        ax.set_yticks(range(len(keys)))
        ax.set_yticklabels([f"ue {u} task {k}" for u, k in keys])
        ax.set_xlabel("simulation time (s)")
        ax.set_title("Per-UE timeline: layer arrivals (download) vs layer compute\n"
                     "(ue = the trace's ue column: IMSI over LTE)", fontsize="medium")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
        save(fig, "timeline", f"{len(keys)} UE tasks, {sum(len(v) for v in arrivals.values())} layer arrivals")
    else:
        print("no figure timeline: no layer-arrival / layer-compute events")

    # ---- GPU timeline: loads, inferences, batches
    loads = [e for e in events if e["event"] == "gpu-load"]
    infers = [e for e in events if e["event"] == "gpu-infer"]
    batch_tasks = [e for e in events if e["event"] == "batch-task"]
    batches = [e for e in events if e["event"] == "batch"]
    if loads or infers or batch_tasks:
        fig, ax = plt.subplots(figsize=(8, 2.8))
        ax.broken_barh([(num(e, "time_s"), num(e, "value")) for e in loads], (1.6, 0.6), facecolors="tab:purple")
        ax.broken_barh([(num(e, "time_s"), num(e, "value")) for e in infers], (0.6, 0.6), facecolors="tab:green")
        for e in infers:
            ax.text(num(e, "time_s"), 1.25, e["detail"].split(" ")[0], fontsize=6, rotation=45)
        # batch-task: one bar per task of a batch, stacked by exit
        for e in batch_tasks:
            ex = int(e["index"])
            ax.broken_barh([(num(e, "time_s"), num(e, "value"))], (-0.4 - 0.5 * ex, 0.4),
                           facecolors="tab:cyan", edgecolors="k", linewidth=0.3)
        for e in batches:
            ax.annotate(f"b={int(num(e, 'value'))}", (num(e, "time_s"), -0.05), fontsize=6)
        ticks = [1.9, 0.9] + [-0.2 - 0.5 * x for x in sorted({int(e["index"]) for e in batch_tasks})]
        labels = ["load", "inference"] + [f"batch, exit {x}" for x in sorted({int(e["index"]) for e in batch_tasks})]
        ax.set_yticks(ticks)
        ax.set_yticklabels(labels)
        ax.set_xlabel("simulation time (s)")
        ax.set_title("GPU timeline: model loads, inferences, batches")
        save(fig, "gpu", f"{len(loads)} loads, {len(infers)} inferences, {len(batches)} batches")
    else:
        print("no figure gpu: no gpu-load / gpu-infer / batch-task events")

    # ---- NOMA frame occupancy
    noma = [e for e in events if e["event"] in ("noma-ul", "noma-dl")]
    if noma:
        fig, axes = plt.subplots(2, 1, figsize=(8, 4), sharex=True)
        ues = sorted({int(e["ue"]) for e in noma})
        colours = plt.get_cmap("tab10")
        for ax, kind, title in zip(axes, ("noma-ul", "noma-dl"), ("uplink", "downlink")):
            stacks = defaultdict(float)  # (time, subchannel) -> bytes so far (superposed users)
            for e in (x for x in noma if x["event"] == kind):
                t = num(e, "time_s")
                sc = int(e["index"])
                b = num(e, "value")
                ax.bar(t, b, width=0.0008, bottom=stacks[(t, sc)] + 0 * sc,
                       color=colours(ues.index(int(e["ue"])) % 10))
                stacks[(t, sc)] += b
            ax.set_ylabel(f"{title}\nbytes / frame")
        handles = [plt.Rectangle((0, 0), 1, 1, color=colours(i % 10)) for i in range(len(ues))]
        axes[0].legend(handles, [f"UE {u}" for u in ues], fontsize="small", ncol=min(4, len(ues)))
        axes[1].set_xlabel("simulation time (s)")
        axes[0].set_title("NOMA frame occupancy (users superposed per frame)")
        save(fig, "noma", f"{len(noma)} transport blocks")
    else:
        print("no figure noma: no noma-ul / noma-dl events")

    # ---- DTO-EE: arrivals per stage, exits per stage
    arr = [e for e in events if e["event"] == "stage-arrival"]
    ex = [e for e in events if e["event"] == "exit" and e["technique"] == "dto-ee"]
    if arr:
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 3))
        by_node = defaultdict(list)
        for e in arr:
            by_node[int(e["node"])].append(num(e, "time_s"))
        for node, ts in sorted(by_node.items()):
            a1.plot(sorted(ts), range(1, len(ts) + 1), label=f"node {node}")
        a1.set_xlabel("simulation time (s)")
        a1.set_ylabel("tasks arrived")
        a1.legend(fontsize="x-small")
        a1.set_title("Arrivals per edge node")
        stages = defaultdict(int)
        for e in ex:
            stages[int(e["index"])] += 1
        a2.bar([str(s) for s in sorted(stages)], [stages[s] for s in sorted(stages)], color="tab:red")
        a2.set_xlabel("exit stage")
        a2.set_ylabel("tasks")
        a2.set_title("Early exits per stage")
        save(fig, "dto-ee", f"{len(arr)} arrivals, {len(ex)} exits")
    else:
        print("no figure dto-ee: no stage-arrival events")

    # ---- predicted vs measured
    pts = defaultdict(list)
    for t in tasks:
        p, m = num(t, "pred_total_s"), num(t, "meas_total_s")
        if not (math.isnan(p) or math.isnan(m)):
            pts[t["technique"]].append((p, m))
    if pts:
        fig, ax = plt.subplots(figsize=(4.5, 4.5))
        hi = 0
        for tech, v in sorted(pts.items()):
            ax.scatter([p for p, _ in v], [m for _, m in v], s=12, label=f"{tech} ({len(v)})")
            hi = max(hi, max(max(p, m) for p, m in v))
        ax.plot([0, hi * 1.05], [0, hi * 1.05], "k--", linewidth=0.8, label="y = x")
        ax.set_xlabel("predicted (s)")
        ax.set_ylabel("measured (s)")
        ax.set_title("Predicted vs measured total time")
        ax.legend(fontsize="small")
        save(fig, "scatter", ", ".join(f"{k}: {len(v)} tasks" for k, v in sorted(pts.items())))
    else:
        print("no figure scatter: no task has both pred_total_s and meas_total_s")

    print(f"{len(written)} figure(s) from {len(tasks)} tasks and {len(events)} events")
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
