"""How long the README's test command takes, beside its goal (issue 19: 2 minutes on 2 CPUs).

Runs ``python -m pytest`` (the README's test command, after its ``pip install``) from the
repository root ``--runs`` times, and prints a Markdown table: each run's wall time, the
tests it passed, how busy the machine's processors were during it (from /proc/stat, where
there is one: a run on a machine busy with other work is slower), the machine's speed just
before it (``reference_seconds``: a fixed task on every processor; the same machine has been
measured 25% slower on some hours than on others, and this says which kind of hour a run
had), and the goal. Nothing is installed: run it where ``pip install -e ".[test]"`` has been
run.

    python benchmarks/tests.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 120.0  # seconds, every run (issue 19)


def _busy_jiffies() -> tuple[int, int] | None:
    """(busy, total) processor time of the whole machine so far, or None without /proc/stat."""
    try:
        fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return None
    idle = fields[3] + fields[4]  # idle and waiting for I/O
    return sum(fields) - idle, sum(fields)


_REFERENCE_TASK = "s = 0\nfor i in range(30_000_000):\n    s += i\n"


def reference_seconds() -> float:
    """The machine's speed now: the seconds one Python process per processor takes, all at
    once, to add up the first 30 million whole numbers (the slowest process's time; about
    1.9 s on the machine of the README's tables in a quiet hour)."""
    code = f"import time\nt = time.perf_counter()\n{_REFERENCE_TASK}print(time.perf_counter() - t)"
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
             for _ in range(os.cpu_count() or 1)]
    return max(float(p.communicate()[0]) for p in procs)


def run_tests() -> tuple[float, str, str, bool]:
    """One run of the README's test command: (seconds, its summary line, busy share, passed)."""
    before = _busy_jiffies()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = _busy_jiffies()
    lines = [ln for ln in done.stdout.splitlines() if re.search(r"\d+ (passed|failed)", ln)]
    summary = lines[-1].strip("= ") if lines else f"exit status {done.returncode}"
    busy = ""
    if before is not None and after is not None and after[1] > before[1]:
        busy = f"{100 * (after[0] - before[0]) / (after[1] - before[1]):.0f}%"
    return seconds, re.sub(r" in [\d.]+s.*", "", summary), busy, done.returncode == 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f} at the start\n")
    print("| run | wall (s) | tests | processors busy | machine reference (s) | goal | |")
    print("|---|---|---|---|---|---|---|")
    for k in range(1, args.runs + 1):
        reference = reference_seconds()
        seconds, summary, busy, passed = run_tests()
        verdict = "met" if passed and seconds <= GOAL else "NOT met"
        print(f"| {k} | {seconds:.1f} | {summary} | {busy} | {reference:.2f} | ≤ {GOAL:.0f} s | {verdict} |",
              flush=True)


if __name__ == "__main__":
    main()
