#!/usr/bin/env python3
"""Measure rhetoric's speed end to end, as a user runs it (no timed assertions live in the tests).

    python bench/speed.py ../shared/bench/data/ptc_train.jsonl --runs 5

Writes the articles of one or more JSON Lines files (one {"id", "text"} per line) into a
temporary folder, then reports the median of several runs of:
  - `rhetoric --version` (start-up),
  - `rhetoric analyze` on one article (the reference sample),
  - `rhetoric analyze FOLDER --format jsonl` with 1 and with 2 worker processes, run in
    alternating pairs, with the median ratio of the pairs,
  - the same two commands over a folder of two one-line files (what a run costs before and
    after its articles: start-up, and with 2 workers their forking), in the same pairs, and the
    ratio of the two runs' times with that subtracted: the ratio a much larger folder approaches,
and the peak resident memory of the analysing processes. CPU time (user + system, of the
process and its workers) is printed beside wall time: on a machine whose cores are shared
with other work, it shows what the run itself cost.

rhetoric's modules are compiled to bytecode first, as pip does when it installs the wheel,
so that an editable install under PYTHONDONTWRITEBYTECODE=1 does not recompile them on
every run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str]) -> tuple[float, float, int]:
    """Run a command; return wall seconds, CPU seconds and the peak RSS (KiB) of the process tree it started."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    secs = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return secs, _cpu(after) - _cpu(before), max(before.ru_maxrss, after.ru_maxrss)


def median_of(argv: list[str], runs: int) -> tuple[float, float, int]:
    results = [timed(argv) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            max(r[2] for r in results))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="+", help="JSON Lines files of articles ({id, text} per line)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cmd", default=shutil.which("rhetoric") or str(ROOT / ".venv" / "bin" / "rhetoric"))
    args = ap.parse_args()
    cmd = [args.cmd]
    # With the interpreter that runs rhetoric, so that the bytecode is for its version.
    python = Path(args.cmd).parent / "python"
    subprocess.run([str(python) if python.exists() else sys.executable, "-m", "compileall", "-q",
                    str(ROOT / "rhetoric")], check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
    with (tempfile.TemporaryDirectory(prefix="rhetoric-speed-") as tmp,
          tempfile.TemporaryDirectory(prefix="rhetoric-speed-tiny-") as tiny):
        nbytes = 0
        for corpus in args.corpus:
            with open(corpus, encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    data = row["text"].encode("utf-8")
                    nbytes += len(data)
                    Path(tmp, f"{row['id']}.txt").write_bytes(data)
        n = len(os.listdir(tmp))
        for name in ("a.txt", "b.txt"):
            Path(tiny, name).write_text("A short line.\n", encoding="utf-8")
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"corpus: {n} articles, {nbytes / 1e6:.2f} MB; median of {args.runs} runs each")
        secs, cpu, _ = median_of([*cmd, "--version"], args.runs)
        print(f"rhetoric --version            {secs:6.3f} s  (CPU {cpu:.3f} s)")
        sample = str(ROOT / "samples" / "the-russians-are-coming.txt")
        secs, cpu, _ = median_of([*cmd, "analyze", sample], args.runs)
        print(f"one article (reference)       {secs:6.3f} s  (CPU {cpu:.3f} s)")
        # The two folder runs alternate (one worker, two, two, one, ...), so that each pair meets the
        # host in the same few seconds: on a shared machine its speed drifts by a third within minutes,
        # and the ratio of one pair is steadier than the ratio of two medians taken minutes apart.
        folder = {jobs: [*cmd, "analyze", tmp, "--format", "jsonl", "--jobs", str(jobs)] for jobs in (1, 2)}
        empty = {jobs: [*cmd, "analyze", tiny, "--format", "jsonl", "--jobs", str(jobs)] for jobs in (1, 2)}
        pairs, fixed = [], []
        for run in range(args.runs):
            order = (1, 2) if run % 2 == 0 else (2, 1)
            pairs.append({jobs: timed(folder[jobs]) for jobs in order})
            fixed.append({jobs: timed(empty[jobs]) for jobs in order})
        for jobs in (1, 2):
            secs = statistics.median(p[jobs][0] for p in pairs)
            cpu = statistics.median(p[jobs][1] for p in pairs)
            rss = max(p[jobs][2] for p in pairs)
            print(f"folder, --jobs {jobs}              {secs:6.2f} s  {nbytes / 1e6 / secs:5.2f} MB/s  "
                  f"peak RSS {rss / 1024:.0f} MB  (CPU {cpu:.2f} s, {nbytes / 1e6 / cpu:.2f} MB per CPU-second)")
        ratios = sorted(p[1][0] / p[2][0] for p in pairs)
        print(f"--jobs 2 over --jobs 1, run by run: x{statistics.median(ratios):.2f} median "
              f"(x{ratios[0]:.2f} to x{ratios[-1]:.2f} over {len(ratios)} pairs)")
        # What the run costs whatever its articles: on a small folder it caps the ratio (Amdahl).
        base = {jobs: statistics.median(f[jobs][0] for f in fixed) for jobs in (1, 2)}
        print(f"two one-line files, --jobs 1     {base[1]:6.3f} s;  --jobs 2  {base[2]:6.3f} s  "
              f"(the runs' fixed cost: {base[2] / statistics.median(p[2][0] for p in pairs):.0%} of the --jobs 2 run)")
        marginal = sorted((p[1][0] - f[1][0]) / (p[2][0] - f[2][0]) for p, f in zip(pairs, fixed))
        print(f"--jobs 2 over --jobs 1, the fixed cost subtracted: x{statistics.median(marginal):.2f} median "
              f"(x{marginal[0]:.2f} to x{marginal[-1]:.2f}): the ratio a much larger folder approaches")
    sys.exit(0)


if __name__ == "__main__":
    main()
