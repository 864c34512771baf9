#!/usr/bin/env python3
"""Check that edge-ai-cell's in-process ablation rows equal fresh runs.

edge-ai-cell --ablation reruns the cell in one process, once per technique disabled. Each row
must be what a fresh process prints for the same --disable (same seed = same output, whatever
ran before in the process). This runs the ablation once, then for every row a fresh process
with --disable=<row>, whose first ablation row is that run alone (the process is stopped as
soon as the row is printed), and compares the rows character for character.

    utils/check-ablation.py --bindir build/examples --radio nr          # --quick settings
    utils/check-ablation.py --bindir build/examples --radio lte --full  # default settings

Other arguments go to every run (e.g. --ns3::EdgeNrTopologyHelper::GnbConstructionStream=-1,
5G-LENA's automatic stream numbering, under which the NR rows differ).

Exit status 1 if a row differs (both rows are printed), 2 on a failed run.
"""

import argparse
import os
import subprocess
import sys

HEADER = "  disabled"


def table_rows(lines):
    """The ablation rows (name, text) after the table header."""
    rows = []
    seen = False
    for line in lines:
        if line.startswith(HEADER):
            seen = True
            continue
        if seen:
            if not line.startswith("  ") or not line.strip():
                break
            rows.append((line.split()[0], line.rstrip("\n")))
    return rows


def first_row(cmd):
    """Run cmd until it prints its first ablation row; return the row text."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = False
    row = None
    for line in proc.stdout:
        if line.startswith(HEADER):
            seen = True
        elif seen:
            row = line.rstrip("\n")
            break
    proc.kill()
    proc.wait()
    if row is None:
        sys.exit("check-ablation: no ablation row from " + " ".join(cmd))
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bindir", required=True, help="directory holding edge-ai-cell")
    parser.add_argument("--radio", default="lte", choices=["lte", "nr"])
    parser.add_argument("--full", action="store_true", help="default settings, not --quick")
    args, extra = parser.parse_known_args()

    exe = os.path.join(args.bindir, "edge-ai-cell")
    base = [exe, "--radio=" + args.radio] + ([] if args.full else ["--quick"]) + extra
    done = subprocess.run(base + ["--ablation=1"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        sys.exit(2)
    rows = table_rows(done.stdout.splitlines())
    if len(rows) < 2:
        sys.exit("check-ablation: no ablation table in the output of " + " ".join(base))
    mismatches = 0
    for name, in_process in rows[1:]:
        fresh = first_row(base + ["--ablation=1", "--disable=" + name])
        same = fresh == in_process
        mismatches += 0 if same else 1
        print(("same    " if same else "DIFFERS ") + in_process.strip())
        if not same:
            print("  fresh " + fresh.strip())
    compared = len(rows) - 1
    print("edge-ai-cell --radio=%s%s ablation: %d/%d rows equal to fresh runs"
          % (args.radio, "" if args.full else " --quick", compared - mismatches, compared))
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
