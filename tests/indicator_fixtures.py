"""Shared pieces of the indicator tests: where the data is, and builds made once per session.

The real data (Trafford Data Lab's files, Stockport among the areas) lives outside the
repository like the Stockport corpus: tests that need it skip with a reason when it is
missing, and fail under CI=true (``conftest.require``).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from conftest import EXAMPLE, ROOT, STOCKPORT, require

from goldenthread.graph.build import BuildResult, build_graph

TRAFFORD = Path(os.environ.get("GOLDENTHREAD_INDICATORS",
                               ROOT.parent / "shared" / "data" / "indicators" / "trafford-data-lab"))
NORTHMERE_DATA = ROOT / "examples" / "northmere-indicators"
STOCKPORT_AREA = "E08000007"
NORTHMERE_AREA = "X00000001"

# indicator node ids of the Trafford Data Lab files
CLAIMANT_RATE = "indicator/claimants-proportion-residents-aged-16-64"
CLAIMANT_COUNT = "indicator/claimant-count"
NEET = "indicator/16-17-year-olds-not-education-employment-training-neet"
NEET_OR_NOT_KNOWN = "indicator/16-17-year-olds-not-education-employment-training-neet-whose-activity-is"
SCHOOL_READY = "indicator/school-readiness-percentage-children-achieving-good-level-development-end-reception"
SCHOOL_READY_FSM = ("indicator/school-readiness-percentage-children-free-school-meal-status-achieving-good-level-"
                    "development")
HLE_FEMALE = "indicator/healthy-life-expectancy-birth-female"
HLE_MALE = "indicator/healthy-life-expectancy-birth-male"
# of the Northmere example's
GLD_FEMALE = "indicator/percentage-children-achieving-good-level-development-end-reception-female"
GLD_MALE = "indicator/percentage-children-achieving-good-level-development-end-reception-male"
EMPLOYMENT = "indicator/employment-rate-aged-16-64"
HOMES = "indicator/affordable-homes-completed"


def require_stockport_data() -> None:
    """Skip (fail under CI=true) without the Stockport corpus or the Trafford Data Lab files."""
    require(STOCKPORT.is_dir(), f"Stockport corpus ({STOCKPORT})")
    require(TRAFFORD.is_dir(), f"indicator data ({TRAFFORD})")


@functools.cache
def stockport_with_indicators() -> BuildResult:
    """The Stockport build with the Trafford Data Lab files, for Stockport (built once)."""
    return build_graph(STOCKPORT, indicators=TRAFFORD, area=STOCKPORT_AREA)


@functools.cache
def stockport_plain() -> BuildResult:
    """The Stockport build without indicator data (built once)."""
    return build_graph(STOCKPORT)


@functools.cache
def northmere_with_indicators() -> BuildResult:
    """The example build with its indicator data, for Northmere (built once)."""
    return build_graph(EXAMPLE, indicators=NORTHMERE_DATA, area=NORTHMERE_AREA)


def measure(result: BuildResult, suffix: str) -> str:
    """The id of the one measure whose id ends with ``suffix``."""
    found = [n.id for n in result.graph.nodes if n.kind == "measure" and n.id.endswith(suffix)]
    assert len(found) == 1, (suffix, found)
    return found[0]


def tracked_by(result: BuildResult) -> dict[str, set[str]]:
    """Measure id -> the indicators it is tracked by."""
    out: dict[str, set[str]] = {}
    for e in result.graph.edges:
        if e.kind == "tracked_by":
            out.setdefault(e.source, set()).add(e.target)
    return out
