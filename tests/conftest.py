"""Shared fixtures. External resources skip with a reason, except under CI=true."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from filelock import FileLock
from hypothesis import settings

from goldenthread.graph.build import BuildResult, build_graph

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "northmere"
STOCKPORT = Path(os.environ.get("GOLDENTHREAD_STOCKPORT", ROOT.parent / "shared" / "corpus" / "stockport"))


def require(available: bool, what: str) -> None:
    """Skip (or, under CI=true, fail) when something outside the repository is missing."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required under CI=true but is missing")
    pytest.skip(f"{what} not available")


# A test process holds large caches for the whole run (builds, workspaces, their rdflib graphs):
# each full run of the cyclic collector scans them all again. With Python's thresholds the
# collector took 18 s of the run's processor time (measured with gc.callbacks), 7 s with these.
# Builds run in-process keep them (goldenthread.core.collector.collect_less never lowers them).
TEST_PROCESS_THRESHOLDS = (50_000, 20, 100)


# Property tests (hypothesis): the README's command runs a third of each one's generated examples
# (at least 10; every @example too), so that it stays within two minutes on two processors;
# .ci/run then runs every property test again with all of them:
#     GOLDENTHREAD_EXAMPLES=all python -m pytest -m hypothesis
# A test written for n examples asks ``examples(n)``; one that names no count gets examples(100).
ALL_EXAMPLES = os.environ.get("GOLDENTHREAD_EXAMPLES", "") == "all"


def examples(n: int) -> int:
    """How many generated examples a property test written for ``n`` runs in this run (above)."""
    return n if ALL_EXAMPLES else max(10, -(-n // 3))


settings.register_profile("goldenthread", max_examples=examples(100))
settings.load_profile("goldenthread")


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("GOLDENTHREAD_EXAMPLES", "") not in ("", "all"):
        raise pytest.UsageError(f"GOLDENTHREAD_EXAMPLES={os.environ['GOLDENTHREAD_EXAMPLES']}: the one value "
                                "it takes is 'all' (every property test's examples; unset: a third of them)")
    gc.set_threshold(*TEST_PROCESS_THRESHOLDS)


# The modules whose tests take seconds each (a browser, a SPARQL server, SHACL over Stockport)
# run first. The workers (pytest-xdist, ``--dist worksteal``) each start on one half of the
# tests in this order and take over the end of the other's queue when theirs runs out; a
# worker cannot hand over the test it is running nor the next one. With the long tests first,
# the tests left at the end are short ones, and both workers finish within a second or two of
# each other (in collection order the explorer's longest tests came last: one worker ran them
# for 9 s while the other had finished).
LONG_TESTS_FIRST = ("test_explorer.py", "test_indicator_views.py", "test_report.py", "test_report_changes.py",
                    "test_endpoint.py", "test_indicator_findings.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the modules of LONG_TESTS_FIRST first, in that order; the rest keep theirs."""
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONG_TESTS_FIRST.index(name) if name in LONG_TESTS_FIRST else len(LONG_TESTS_FIRST)

    items.sort(key=rank)  # stable: each module's tests stay together and in order


T = TypeVar("T")


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """What ``make(folder)`` returns, made once per test run and shared by the test processes.

    The first process (pytest-xdist worker) to ask makes it, in a new folder ``name`` of the
    run's temporary folder, while the others wait; they get it back from a pickle. For work
    that takes seconds and gives the same result every time: the folder and what ``make``
    returns are read-only for the tests that use them. If ``make`` fails, each process that
    asks tries again, and fails with its own error."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # each worker has its own basetemp; this run's are side by side here
    folder, made = root / name, root / f"{name}.pickle"
    with FileLock(str(root / f"{name}.lock")):
        if made.is_file():
            return pickle.loads(made.read_bytes())
        shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
        folder.mkdir()
        value = make(folder)
        made.write_bytes(pickle.dumps(value))
        return value


def _build_example(folder: Path) -> Path:
    """``goldenthread build examples/northmere --out FOLDER/out``, as a user runs it; returns the output folder."""
    out = folder / "out"
    done = subprocess.run([sys.executable, "-m", "goldenthread.cli.main", "build", str(EXAMPLE), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session", autouse=True)
def _axe_clean_states(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Where the browser tests' processes share the page states axe-core found clean
    (tests/browser.py ``axe_check``): a file in this run's temporary folder, so no run
    trusts another's."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    os.environ["GOLDENTHREAD_AXE_CLEAN"] = str(root / "axe-clean-states.txt")


@pytest.fixture(scope="session")
def example_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of ``goldenthread build examples/northmere``, built once for the whole
    run. Read-only: a test that writes next to a build makes its own."""
    return made_once(tmp_path_factory, "example-build", _build_example)


@pytest.fixture(scope="session")
def stockport_dir() -> Path:
    require(STOCKPORT.is_dir(), f"Stockport corpus ({STOCKPORT})")
    return STOCKPORT


@pytest.fixture(scope="session")
def stockport(stockport_dir: Path) -> BuildResult:
    return build_graph(stockport_dir)


@pytest.fixture(scope="session")
def northmere() -> BuildResult:
    return build_graph(EXAMPLE)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Close the browser the browser tests share (tests/browser.py), if any of them ran; then
    leave what the process holds out of the collections pytest runs as it ends.

    pytest ends each process with five full runs of the cyclic collector, to catch exceptions
    raised while collecting garbage: over a test process's caches they took 1.2 and 1.7 s, the
    last second or two of the run. Each test's own unraisable exceptions are still reported
    with the test (pytest looks after every test)."""
    browser = sys.modules.get("browser")
    if browser is not None:
        browser.close_chromium()
    gc.freeze()
