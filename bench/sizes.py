#!/usr/bin/env python3
"""Measure how rhetoric's time and memory grow with the size and shape of one input.

    python bench/sizes.py [--cmd PATH/TO/rhetoric] [--skip-20mb]

Generates, in a temporary folder, prose of 10 KB to 20 MB (the samples repeated, in
paragraphs) and pathological shapes (a 1 MB paragraph with no full stop, a million
one-word lines, 10,000 nested quotation marks, a paragraph of short quotations, quotations
inside longer ones, a 1 MB word, a 1 MB run of "!"), then
runs `rhetoric analyze FILE --format json --output TMP --max-bytes ...` once on each
and prints a Markdown table: size, wall time, MB/s and the peak resident memory of the
process. Tests hold no timed assertions; this is where speed and memory are checked.
"""
from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000

# Runs the command in a fresh process, so that the peak memory it reports is this run's alone.
_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
secs = time.perf_counter() - t
if done.returncode not in (0,):
    sys.exit(done.stderr.decode()[-500:])
print(secs, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def prose() -> str:
    """Return the samples' text: real sentences, quotations and paragraphs to repeat."""
    return "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "samples").glob("*.txt")))


def repeat_to(text: str, size: int) -> str:
    data = (text + "\n\n") * (size // (len(text.encode("utf-8")) + 2) + 1)
    return data.encode("utf-8")[:size].decode("utf-8", "ignore")


def cases(base: str, skip_20mb: bool) -> list[tuple[str, str]]:
    sizes = [("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", MB), ("5 MB", 5 * MB), ("20 MB", 20 * MB)]
    out = [(f"prose, {label}", repeat_to(base, n)) for label, n in sizes if not (skip_20mb and n == 20 * MB)]
    words = [w.strip(".!?…\"'“”‘’()") for w in base.split()]
    words = [w for w in words if w]
    run_on = " ".join(words)
    out.append(("1 MB paragraph, no full stop", repeat_to(run_on.replace("\n", " "), MB).replace("\n", " ")))
    out.append(("1,000,000 one-word lines", "\n".join(words[i % len(words)] for i in range(MB))))
    half = 5_000
    nested = "".join("“" if i % 2 == 0 else "‘" for i in range(half)) + " the so-called plan "
    nested += "".join("”" if i % 2 == 0 else "’" for i in reversed(range(half)))
    out.append(("10,000 nested quotation marks", "He said " + nested + " on Monday."))
    # Quotations by the thousand: one paragraph of short ones, whose marks are paired within it, and
    # paragraphs of a short quotation ending in a full stop, and recurring, beside a longer one holding
    # its word: each asks whether it stands inside a longer quotation.
    shorts = " ".join(f"“{words[i % len(words)]}” and" for i in range(MB // 12))
    out.append(("1 MB paragraph of short quotations", repeat_to(shorts, MB).replace("\n", " ")))
    asked = "\n\n".join(f"The levy is a “reform.” Critics said “the {words[i % len(words)]} {i} plan will fail,” "
                         "on Monday." for i in range(MB // 70))
    out.append(("1 MB of quotations inside longer ones", repeat_to(asked, MB)))
    out.append(("one 1 MB word", "The " + "a" * MB + " plan."))
    out.append(("1 MB of \"!\"", "Stop" + "!" * MB + "x"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cmd", default=shutil.which("rhetoric") or str(ROOT / ".venv" / "bin" / "rhetoric"))
    ap.add_argument("--skip-20mb", action="store_true", help="leave out the largest input")
    args = ap.parse_args()
    base = prose()
    print(f"Python {platform.python_version()} on {platform.machine()}; one run each; "
          f"{args.cmd}", file=sys.stderr)
    print("| input | size | time | MB/s | peak memory |")
    print("| --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="rhetoric-sizes-") as tmp:
        for name, text in cases(base, args.skip_20mb):
            path = Path(tmp, "input.txt")
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size
            argv = [sys.executable, "-c", _MEASURE, args.cmd, "analyze", str(path), "--format", "json",
                    "--output", str(Path(tmp, "out.json")), "--max-bytes", str(size + 1)]
            done = subprocess.run(argv, capture_output=True, text=True)
            if done.returncode:
                print(f"| {name} | {size / MB:.2f} MB | failed: {done.stderr.strip()[-200:]} | | |")
                continue
            secs, kib = done.stdout.split()
            secs_f = float(secs)
            print(f"| {name} | {size / MB:.2f} MB | {secs_f:.2f} s | {size / MB / secs_f:.2f} | "
                  f"{int(kib) / 1024:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
