"""Shared fixtures. External resources skip with a reason, except under CI=true."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
