"""How long the commands people run most take, end to end, as a user runs them.

Times ``goldenthread --help``, ``goldenthread build CORPUS --out DIR`` (every output written)
and a query command on the built folder (``orphans --format json``: opening the build's
RDF and querying it; also on a copy without ``graph.sha256``, which projects ``graph.json``
to RDF again, as every query command did before graph.ttl was loaded directly) in fresh
processes, best and median of ``--runs``, for the bundled example and, when it is there, the
Stockport corpus (``../shared/corpus/stockport``). Prints a Markdown table, each figure beside
its goal (issue 19: Stockport end to end <= 1.0 s, ``--help`` <= 0.2 s, best of the runs).

Each command is timed twice over, whatever the environment running the script says about
bytecode, in a cache folder of its own (``PYTHONPYCACHEPREFIX``; the checkout is not touched):

- as Python runs it by default: the bytecode of every module written by a first, untimed run
  and read by the timed ones (a user's second run on);
- with goldenthread's own modules compiled on every run, as they are where an editable install
  runs with ``PYTHONDONTWRITEBYTECODE=1`` (container images often set it): the libraries'
  bytecode is kept, goldenthread's removed and never written (about 0.1-0.2 s more for a build).

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


def _bytecode_envs(cache: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(the environment of Python's default, bytecode written and read; the environment in
    which goldenthread's modules are compiled on every run), both with ``cache`` as their
    bytecode folder. Call ``_forget_own_bytecode(cache)`` after the first run."""
    written = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    written["PYTHONPYCACHEPREFIX"] = str(cache)
    return written, {**written, "PYTHONDONTWRITEBYTECODE": "1"}


def _forget_own_bytecode(cache: Path) -> None:
    """Remove goldenthread's bytecode from ``cache`` (a ``PYTHONPYCACHEPREFIX`` tree mirrors
    the absolute paths of the sources), keeping the libraries'."""
    shutil.rmtree(cache / ROOT.relative_to(ROOT.anchor), ignore_errors=True)


def _run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "goldenthread.cli.main", *args], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _seconds(args: list[str], runs: int, cache: Path) -> tuple[list[float], list[float]]:
    """Wall times of ``runs`` fresh processes of the command: (bytecode read, goldenthread's
    compiled on every run). A first, untimed run writes every module's bytecode."""
    written, not_written = _bytecode_envs(cache)
    _run(args, written)
    read = [_run(args, written) for _ in range(runs)]
    _forget_own_bytecode(cache)  # and the other environment never writes it back
    return read, [_run(args, not_written) for _ in range(runs)]


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

    rows: list[tuple[str, tuple[list[float], list[float]], float | None]] = []
    with tempfile.TemporaryDirectory(prefix="gt-cli-bench-") as tmp:
        cache = Path(tmp, "bytecode")
        rows.append(("`goldenthread --help`", _seconds(["--help"], args.runs, cache), GOALS["help"]))
        corpora: list[tuple[str, Path, float | None]] = [("examples/northmere", ROOT / "examples" / "northmere", None)]
        if STOCKPORT.is_dir():
            corpora.append(("Stockport, 5 documents", STOCKPORT, GOALS["stockport"]))
        else:
            print(f"(Stockport corpus not found at {STOCKPORT}: skipped)", file=sys.stderr)
        for name, corpus, goal in corpora:
            out = f"{tmp}/{corpus.name}"
            rows.append((f"`build` {name} (all outputs)",
                         _seconds(["build", str(corpus), "--out", out], args.runs, cache), goal))
            rows.append(("`orphans --format json` on that build (loads graph.ttl)",
                         _seconds(["orphans", "--graph", out, "--format", "json"], args.runs, cache), None))
            again = shutil.copytree(out, f"{out}-unstamped")
            Path(again, "graph.sha256").unlink()  # as a folder built before graph.sha256 was written
            rows.append(("the same without graph.sha256 (projects graph.json again)",
                         _seconds(["orphans", "--graph", again, "--format", "json"], args.runs, cache), None))

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}; "
          f"wall time of a fresh process, {args.runs} runs; load average before: "
          f"{' '.join(f'{x:.1f}' for x in load)}\n")
    print("| command | best (s) | median (s) | goal (best) | | compiled each run: best (s) | median (s) | |")
    print("|---|---|---|---|---|---|---|---|")
    for name, (read, compiled), goal in rows:
        cells = [f"{min(read):.2f}", f"{statistics.median(read):.2f}", *_goal(read, goal),
                 f"{min(compiled):.2f}", f"{statistics.median(compiled):.2f}", _goal(compiled, goal)[1]]
        print(f"| {name} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
