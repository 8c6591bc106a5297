"""How long the commands people run most take, end to end, as a user runs them.

Times ``goldenthread --help`` and ``goldenthread build CORPUS --out DIR`` (every output
written) in fresh processes, best and median of ``--runs``, for the bundled example and, when
it is there, the Stockport corpus (``../shared/corpus/stockport``). Prints a Markdown table.

    python benchmarks/cli.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STOCKPORT = ROOT.parent / "shared" / "corpus" / "stockport"


def _seconds(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "goldenthread.cli.main", *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    cases = [("goldenthread --help", ["--help"])]
    with tempfile.TemporaryDirectory(prefix="gt-cli-bench-") as tmp:
        cases.append(("build examples/northmere (all outputs)",
                      ["build", str(ROOT / "examples" / "northmere"), "--out", f"{tmp}/northmere"]))
        if STOCKPORT.is_dir():
            cases.append(("build Stockport, 5 documents (all outputs)",
                          ["build", str(STOCKPORT), "--out", f"{tmp}/stockport"]))
        else:
            print(f"(Stockport corpus not found at {STOCKPORT}: skipped)", file=sys.stderr)
        rows = [(name, _seconds(command, args.runs)) for name, command in cases]

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}; "
          f"wall time of a fresh process, {args.runs} runs\n")
    print("| command | best (s) | median (s) |")
    print("|---|---|---|")
    for name, times in rows:
        print(f"| {name} | {min(times):.2f} | {statistics.median(times):.2f} |")


if __name__ == "__main__":
    main()
