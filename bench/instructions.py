#!/usr/bin/env python3
"""Count the instructions rhetoric executes (valgrind's callgrind), a measure that load on the machine does not move.

    python bench/instructions.py FOLDER [--jobs 2] [--cmd .venv/bin/rhetoric]

Runs `rhetoric analyze FOLDER --format jsonl --jobs N` under callgrind and prints the
instructions of every process. Wall time on a shared machine varies by a third from run
to run; the instruction count of the same run varies by well under one per cent (with
PYTHONHASHSEED fixed), so a change of one or two per cent can be seen. Use a subset of
some tens of articles: under callgrind a run takes some fifty times as long.

With --jobs 2 each worker's count includes what its parent had executed before forking
it; the parent's own count at the fork is that of a run over a folder of two tiny files,
which --baseline measures. The run's critical path is then about the parent's count at
the fork plus the larger of the workers' counts after it.

Before counting, the command runs once over two tiny files with bytecode writing allowed, so
that every module it imports (from whichever tree it runs) has its bytecode: under
PYTHONDONTWRITEBYTECODE=1 a module edited since its bytecode was written is compiled from
source at every start, which the count would include (some 9 M instructions for a small
module, hundreds of millions for a tree without any bytecode).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_COLLECTED = re.compile(r"==(\d+)== Collected : (\d+)")


def write_bytecode(cmd: str) -> None:
    """Run `cmd` once, uncounted, over two tiny files, letting Python write the bytecode of what it imports."""
    with tempfile.TemporaryDirectory(prefix="rhetoric-ic-warm-") as tmp:
        for name in ("a.txt", "b.txt"):
            Path(tmp, name).write_text("A short text. It says little.\n", encoding="utf-8")
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([cmd, "analyze", tmp, "--format", "jsonl"], env=env, stdout=subprocess.DEVNULL, check=True)


def count(cmd: str, folder: str, jobs: int) -> list[tuple[int, int]]:
    """Return (pid, instructions) of every process of one run, the first process first."""
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    with tempfile.TemporaryDirectory(prefix="rhetoric-ic-") as tmp:
        argv = ["valgrind", "--tool=callgrind", "--trace-children=yes",
                f"--callgrind-out-file={os.devnull}", cmd, "analyze", folder, "--format", "jsonl",
                "--jobs", str(jobs), "--output", str(Path(tmp) / "out.jsonl")]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        err = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stderr
    return sorted((int(pid), int(n)) for pid, n in _COLLECTED.findall(err))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", help="a folder of articles (keep it to some tens)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--baseline", action="store_true",
                    help="also run over two tiny files, to learn the parent's count when it forks")
    ap.add_argument("--cmd", default=shutil.which("rhetoric") or str(ROOT / ".venv" / "bin" / "rhetoric"))
    args = ap.parse_args()
    write_bytecode(args.cmd)
    runs = [("run", args.folder)]
    tiny = None
    if args.baseline:
        tiny = tempfile.TemporaryDirectory(prefix="rhetoric-tiny-")
        for name in ("a.txt", "b.txt"):
            Path(tiny.name, name).write_text("A short text. It says little.\n", encoding="utf-8")
        runs.append(("two tiny files", tiny.name))
    for label, folder in runs:
        counts = count(args.cmd, folder, args.jobs)
        parts = ", ".join(f"{n / 1e6:,.0f} M" for _, n in counts)
        print(f"{label}: --jobs {args.jobs}: {parts} (in order of process id: the parent first)")
    if tiny is not None:
        tiny.cleanup()


if __name__ == "__main__":
    main()
