#!/usr/bin/env python3
"""Plot edge-ai-cell's predicted vs measured per technique, one radio against another.

    utils/plot-edge-ai-cell.py LTE.csv NR.csv [--out FILE] [--dpi D]

reads two prediction logs of edge-ai-cell (--predictionLog=FILE, the schema of
helper/prediction-log.h), e.g. of

    edge-ai-cell --ablation=0 --predictionLog=lte.csv
    edge-ai-cell --ablation=0 --radio=nr --predictionLog=nr.csv

and writes one PNG (default edge-ai-cell-radios.png) with a panel per technique: each served
user's (task's) prediction against its measurement, LTE and NR in two markers, the y = x line
a perfect prediction; the panel title gives each radio's served/recorded count and mean
relative error. Exits 77 (CTest's skip code) if matplotlib is missing, 2 on a bad file.
"""

import argparse
import csv
import math
import sys
from collections import OrderedDict, defaultdict

SKIP = 77


def load(path):
    """Rows of a prediction log, grouped by scenario (technique), in file order."""
    groups = OrderedDict()
    try:
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                if row.get("program") != "edge-ai-cell":
                    continue
                groups.setdefault(row["scenario"], []).append(row)
    except OSError as e:
        print("plot-edge-ai-cell.py: cannot read %s: %s" % (path, e), file=sys.stderr)
        sys.exit(2)
    if not groups:
        print("plot-edge-ai-cell.py: %s has no edge-ai-cell rows" % path, file=sys.stderr)
        sys.exit(2)
    return groups


def served(rows):
    """(predicted, measured) pairs of the served rows, in ms."""
    pts = []
    for r in rows:
        try:
            p = float(r["predicted"])
            m = float(r["measured"])
        except (TypeError, ValueError):
            continue
        if math.isfinite(p) and math.isfinite(m) and r["outcome"].startswith("served"):
            pts.append((p * 1e3, m * 1e3))
    return pts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("lte", help="prediction log of the LTE run")
    ap.add_argument("nr", help="prediction log of the NR run")
    ap.add_argument("--out", default="edge-ai-cell-radios.png", help="output PNG")
    ap.add_argument("--dpi", type=int, default=70, help="PNG resolution (default 70)")
    args = ap.parse_args()
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("plot-edge-ai-cell.py: SKIP: matplotlib is not installed "
              "(Debian: apt-get install python3-matplotlib)")
        return SKIP

    logs = OrderedDict([("LTE", load(args.lte)), ("NR", load(args.nr))])
    techniques = []
    for groups in logs.values():
        for t in groups:
            if t not in techniques:
                techniques.append(t)
    cols = min(3, len(techniques))
    rows = (len(techniques) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.8 * rows), squeeze=False)
    style = {"LTE": ("o", "tab:blue"), "NR": ("^", "tab:orange")}
    for i, t in enumerate(techniques):
        ax = axes[i // cols][i % cols]
        lo, hi = math.inf, 0.0
        title = [t]
        for radio, groups in logs.items():
            recs = groups.get(t, [])
            pts = served(recs)
            marker, colour = style[radio]
            if pts:
                ax.scatter([p for p, _ in pts], [m for _, m in pts], marker=marker,
                           color=colour, s=22, alpha=0.75, label=radio)
                lo = min(lo, min(min(p, m) for p, m in pts))
                hi = max(hi, max(max(p, m) for p, m in pts))
                err = sum((m - p) / p for p, m in pts) / len(pts) * 100
                title.append("%s %d/%d served, mean err %+.1f%%" % (radio, len(pts), len(recs),
                                                                    err))
            else:
                title.append("%s: none served (%d recorded)" % (radio, len(recs)))
        if hi > 0:
            pad = 0.05 * (hi - lo + 1)
            ax.plot([lo - pad, hi + pad], [lo - pad, hi + pad], "k--", lw=0.8)
        ax.set_title("\n".join(title), fontsize=8)
        ax.set_xlabel("predicted, ms", fontsize=8)
        ax.set_ylabel("measured, ms", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=7)
    for j in range(len(techniques), rows * cols):
        axes[j // cols][j % cols].axis("off")
    fig.tight_layout()
    fig.savefig(args.out, dpi=args.dpi)
    print("wrote %s: %d techniques, LTE and NR" % (args.out, len(techniques)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
