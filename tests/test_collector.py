"""The collector's thresholds for a build (core/collector.py): fewer collections, never more."""

from __future__ import annotations

import gc

import pytest

from goldenthread.core.collector import FEWER_COLLECTIONS, collect_as_before, collect_less


@pytest.fixture
def thresholds():
    """Set the process's thresholds for one test; put back what they were after it."""
    before = gc.get_threshold()
    yield gc.set_threshold
    gc.set_threshold(*before)


@pytest.mark.parametrize("process, during", [
    ((700, 10, 10), FEWER_COLLECTIONS),  # Python's defaults: raised for the build
    ((50_000, 20, 100), (50_000, 20, 100)),  # already higher (the test processes'): kept
    ((5_000, 50, 10), (10_000, 50, 20)),  # each raised only where it is lower
    ((0, 10, 10), (0, 10, 10)),  # switched off: stays off
])
def test_a_build_never_makes_the_collector_run_more_often(thresholds, process, during):
    thresholds(*process)
    before = collect_less()
    assert before == process and gc.get_threshold() == during
    collect_as_before(before)
    assert gc.get_threshold() == process
