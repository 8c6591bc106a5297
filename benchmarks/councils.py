"""Councils in one corpus against councils built alone: the cost per council.

For each size N (default 1, 10 and 100), generate (or reuse) councils 1..N with
benchmarks/generate_corpus.py and time ``build_graph``:

- *one corpus*: every council's documents and profiles in one folder with one manifest
  (``generate_corpus.councils_corpus``), built once;
- *alone*: each council's own folder built on its own, one after the other (what
  benchmarks/scale.py does).

Each figure is the best of ``--runs`` runs in this process (the stemmer's cache is warm after
the first). The ratio is seconds per council in one corpus over seconds per council alone; the
goal is at most 2 (many councils in one corpus cost no more per council than one alone). The
node and link counts check that the corpus holds what the councils hold alone.

    python benchmarks/councils.py [--sizes 1,10,100] [--runs 3] [--out DIR] [--seed S]

With ``--cli``, ``goldenthread build CORPUS --out DIR`` (every output: graph.json, graph.ttl,
report, explorer) is also timed end to end, once, in a fresh process: the corpus against each
council's folder one after the other.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goldenthread.core.model import PlanGraph

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_corpus  # noqa: E402  (benchmarks/ is not a package)

GOAL = 2.0  # seconds per council in one corpus / seconds per council alone, at most


def _best(runs: int, build: Callable[[Path], PlanGraph], corpora: list[Path]) -> tuple[float, tuple[int, int]]:
    """The shortest of ``runs`` timings of building each of ``corpora`` in turn, and the nodes and
    links of those builds added up."""
    best, counts = float("inf"), (0, 0)
    for _ in range(runs):
        started = time.perf_counter()
        graphs = [build(corpus) for corpus in corpora]
        best = min(best, time.perf_counter() - started)
        counts = (sum(len(g.nodes) for g in graphs), sum(len(g.edges) for g in graphs))
    return best, counts


def _cli_seconds(corpora: list[Path], out: Path) -> float:
    """Wall time of ``goldenthread build`` on each corpus in turn, each in a fresh process."""
    started = time.perf_counter()
    for i, corpus in enumerate(corpora):
        subprocess.run([sys.executable, "-m", "goldenthread.cli.main", "build", str(corpus),
                        "--out", str(out / f"out-{i}")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _row(what: str, n: int, together: float, alone: float) -> str:
    ratio = (together / n) / (alone / n)
    verdict = "yes" if ratio <= GOAL else "**no**"
    return (f"| {n:,} | {what} | {together:.2f} | {alone:.2f} | {together / n * 1000:.0f} | "
            f"{alone / n * 1000:.0f} | {ratio:.2f} | <= {GOAL:g}x: {verdict} |")


def machine() -> str:
    """One line: the system, CPUs, load and Python this ran on."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{platform.system()} {platform.machine()}, {cpus} CPUs, load average {load} at the end, "
            f"Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="councils per corpus, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs (default 3)")
    parser.add_argument("--out", type=Path, help="where to generate the councils (default: a temporary folder)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cli", action="store_true", help="also time `goldenthread build` end to end, once")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if not sizes or min(sizes) < 1 or args.runs < 1:
        parser.error("sizes and runs must be at least 1")

    from goldenthread.graph.build import build_graph

    def build(corpus: Path) -> PlanGraph:
        return build_graph(corpus).graph

    rows = []
    with tempfile.TemporaryDirectory(prefix="gt-councils-") as tmp:
        folder = args.out or Path(tmp)
        for n in sizes:
            corpus = generate_corpus.councils_corpus(folder, n, seed=args.seed)
            councils = generate_corpus.council_folders(folder / "generated", n)
            together, counts = _best(args.runs, build, [corpus])
            alone, alone_counts = _best(args.runs, build, councils)
            same = "same" if counts == alone_counts else f"**differ** (alone {alone_counts[0]:,} / {alone_counts[1]:,})"
            rows.append(_row("`build_graph`", n, together, alone) + f" {counts[0]:,} / {counts[1]:,}, {same} |")
            if args.cli:
                with tempfile.TemporaryDirectory(prefix="gt-councils-out-") as out:
                    rows.append(_row("`goldenthread build`, all outputs", n, _cli_seconds([corpus], Path(out)),
                                     _cli_seconds(councils, Path(out))) + " |")
            print(f"{n} councils done", file=sys.stderr)

    print(f"{machine()}; best of {args.runs} runs (`goldenthread build`: once, fresh process)\n")
    print("| councils | what | one corpus (s) | alone, one by one (s) | per council, one corpus (ms) "
          "| per council, alone (ms) | ratio | goal | nodes / links (one corpus) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
