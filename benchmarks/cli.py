"""How long the commands people run most take, end to end, as a user runs them.

Times ``goldenthread --help``, ``goldenthread build CORPUS --out DIR`` (every output written)
and a query command on the built folder (``orphans --format json``: opening the build's
RDF and querying it; also on a copy without ``graph.sha256``, which projects ``graph.json``
to RDF again, as every query command did before graph.ttl was loaded directly) in fresh
processes, best and median of ``--runs``, for the bundled example and, when it is there, the
Stockport corpus (``../shared/corpus/stockport``). Prints a Markdown table, each figure beside
its goal (issue 19: Stockport end to end <= 1.0 s, ``--help`` <= 0.2 s, best of the runs).

    python benchmarks/cli.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STOCKPORT = ROOT.parent / "shared" / "corpus" / "stockport"
GOALS = {"help": 0.2, "stockport": 1.0}  # seconds, best of the runs (issue 19)


def _seconds(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "goldenthread.cli.main", *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times


def _goal(times: list[float], goal: float | None) -> tuple[str, str]:
    """(goal, verdict) cells for a row: "<= 1.0 s", "met"/"NOT met", or blanks without a goal."""
    if goal is None:
        return "", ""
    return f"≤ {goal:.1f} s", "met" if min(times) <= goal else "NOT met"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    load = os.getloadavg()  # the machine's other work, which these wall times include

    rows: list[tuple[str, list[float], float | None]] = [
        ("`goldenthread --help`", _seconds(["--help"], args.runs), GOALS["help"])]
    with tempfile.TemporaryDirectory(prefix="gt-cli-bench-") as tmp:
        corpora = [("examples/northmere", ROOT / "examples" / "northmere", None)]
        if STOCKPORT.is_dir():
            corpora.append(("Stockport, 5 documents", STOCKPORT, GOALS["stockport"]))
        else:
            print(f"(Stockport corpus not found at {STOCKPORT}: skipped)", file=sys.stderr)
        for name, corpus, goal in corpora:
            out = f"{tmp}/{corpus.name}"
            rows.append((f"`build` {name} (all outputs)", _seconds(["build", str(corpus), "--out", out], args.runs),
                         goal))
            rows.append(("`orphans --format json` on that build (loads graph.ttl)",
                         _seconds(["orphans", "--graph", out, "--format", "json"], args.runs), None))
            again = shutil.copytree(out, f"{out}-unstamped")
            Path(again, "graph.sha256").unlink()  # as a folder built before graph.sha256 was written
            rows.append(("the same without graph.sha256 (projects graph.json again)",
                         _seconds(["orphans", "--graph", again, "--format", "json"], args.runs), None))

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}; "
          f"wall time of a fresh process, {args.runs} runs; load average before: "
          f"{' '.join(f'{x:.1f}' for x in load)}\n")
    print("| command | best (s) | median (s) | goal (best) | |")
    print("|---|---|---|---|---|")
    for name, times, goal in rows:
        print(f"| {name} | {min(times):.2f} | {statistics.median(times):.2f} | {' | '.join(_goal(times, goal))} |")


if __name__ == "__main__":
    main()
