#!/usr/bin/env python3
"""Run the commands of a teaching lab (doc/labs/*.rst) so the labs never rot.

    utils/check-labs.py doc/labs/lab-1-slide.rst --build build [--workdir DIR]

A command is a line of a literal block that starts with "$ " (the student types what follows).
Commands run in order in WORKDIR (default: a fresh temporary directory) with bash; the words
"build/" and "utils/" at the start of a command (or after "python3 ") are replaced by the
build directory and the source tree's utils/, and a leading "python3" by --python. A command fails the check when its exit status is
non-zero, except utils/plot-traces.py's 77 (matplotlib missing: the figure step is reported
skipped). Each command's output is kept in WORKDIR/command-N.out. Prints each command with its status and the last lines of its output; exit 1 if any
failed, 0 otherwise.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def commands(rst):
    out = []
    cont = ""
    with open(rst) as f:
        for line in f:
            s = line.strip()
            if cont:
                cont += " " + s.rstrip("\\").strip()
                if not s.endswith("\\"):
                    out.append(cont)
                    cont = ""
                continue
            if s.startswith("$ "):
                c = s[2:].strip()
                if c.endswith("\\"):
                    cont = c.rstrip("\\").strip()
                else:
                    out.append(c)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("lab")
    ap.add_argument("--build", required=True, help="build directory (has examples/)")
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--python", default=sys.executable, help="interpreter for 'python3 ...' commands")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    cmds = commands(args.lab)
    if not cmds:
        print(f"check-labs.py: {args.lab}: no '$ ' command lines", file=sys.stderr)
        return 1
    work = args.workdir or tempfile.mkdtemp(prefix="ei-lab-")
    os.makedirs(work, exist_ok=True)
    failed = 0
    for i, c in enumerate(cmds, 1):
        run = re.sub(r"(^|python3 )build/", lambda m: m.group(1) + build + "/", c)
        run = re.sub(r"(^|python3 )utils/", lambda m: m.group(1) + HERE + "/", run)
        run = re.sub(r"^python3 ", args.python + " ", run)
        p = subprocess.run(["bash", "-c", run], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        with open(os.path.join(work, f"command-{i}.out"), "w") as f:
            f.write(f"$ {c}\n{p.stdout}")
        tail = "\n".join(p.stdout.rstrip().splitlines()[-3:])
        if p.returncode == 0:
            status = "ok"
        elif p.returncode == 77 and "plot-traces.py" in c:
            status = "SKIPPED (matplotlib missing)"
        else:
            status = f"FAILED (exit {p.returncode})"
            failed += 1
        print(f"[{status}] $ {c}\n    " + tail.replace("\n", "\n    "))
    print(f"{os.path.basename(args.lab)}: {len(cmds) - failed}/{len(cmds)} commands ok (in {work})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
