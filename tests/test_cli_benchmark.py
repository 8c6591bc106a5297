"""The command-line benchmark's machinery (benchmarks/cli.py): its two bytecode conditions in
every run; a whole benchmark run, one run per command, among the slow tests (``.ci/run`` runs
them after the README's command; ``python -m pytest -m slow``).

No timing is asserted: what must hold is that "bytecode read" reads goldenthread's bytecode,
that "compiled each run" never does (while keeping the libraries'), and that the table prints
each command's figures beside its goal.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import ROOT, require

BENCH = ROOT / "benchmarks"


@pytest.fixture(scope="module")
def cli_bench():
    spec = importlib.util.spec_from_file_location("cli_benchmark", BENCH / "cli.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compiled(folder) -> set[str]:
    """The bytecode files under ``folder``, by path within it."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.pyc")} if folder.is_dir() else set()


def test_each_condition_reads_and_writes_the_bytecode_it_says(cli_bench, tmp_path):
    cache = tmp_path / "bytecode"
    own = cache / ROOT.relative_to(ROOT.anchor)
    written, not_written = cli_bench._bytecode_envs(cache)
    assert "PYTHONDONTWRITEBYTECODE" not in written and not_written["PYTHONDONTWRITEBYTECODE"] == "1"
    cli_bench._run(["--help"], written)
    assert f"cli/main.cpython-{sys.version_info[0]}{sys.version_info[1]}.pyc" in _compiled(own)
    libraries = _compiled(cache) - {f"{own.relative_to(cache).as_posix()}/{name}" for name in _compiled(own)}
    assert [name for name in libraries if "/typer/" in name]  # the command line's library, read by --help
    cli_bench._forget_own_bytecode(cache)
    assert _compiled(own) == set()
    assert _compiled(cache) == libraries  # the libraries' bytecode is kept
    cli_bench._run(["--help"], not_written)
    assert _compiled(own) == set()  # and goldenthread's is never written back


def _verdict(best: str, goal: float) -> str:
    return "met" if float(best) <= goal else "NOT met"


@pytest.mark.slow  # about 10 s: fresh processes for every command, both ways
@pytest.mark.timeout(600)
def test_the_table_shows_each_command_both_ways_beside_its_goal(cli_bench):
    require(cli_bench.STOCKPORT.is_dir(), f"the Stockport corpus ({cli_bench.STOCKPORT})")
    done = subprocess.run([sys.executable, str(BENCH / "cli.py"), "--runs", "1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    body = lines[lines.index("|---|---|---|---|---|---|---|---|") + 1:]
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in body]
    assert [cells[0] for cells in rows] == [
        "`goldenthread --help`",
        "`build` examples/northmere (all outputs)",
        "`orphans --format json` on that build (loads graph.ttl)",
        "the same without graph.sha256 (projects graph.json again)",
        "`build` Stockport, 5 documents (all outputs)",
        "`orphans --format json` on that build (loads graph.ttl)",
        "the same without graph.sha256 (projects graph.json again)"]
    for cells in rows:
        assert len(cells) == 8 and all(float(cells[i]) > 0 for i in (1, 2, 5, 6))
    for k, goal in ((0, 0.2), (4, 1.0)):  # --help and the Stockport build have goals
        _name, best, _median, shown, verdict, compiled_best, _compiled_median, compiled_verdict = rows[k]
        assert shown == f"≤ {goal:.1f} s"
        assert verdict == _verdict(best, goal) and compiled_verdict == _verdict(compiled_best, goal)
    assert [cells[3:5] + cells[7:] for k, cells in enumerate(rows) if k not in (0, 4)] == [["", "", ""]] * 5
