"""Pausing Python's cyclic garbage collector while many small objects are made.

Inputs: none. Outputs: ``collector_paused()``, a context manager; ``collect_less()`` and
``collect_as_before()``, which raise the collector's thresholds for a step and restore them.

Why: making tens of thousands of tuples, strings and small containers (an RDF projection, the
explorer's data) makes the collector run again and again, and each full run scans every live
object of the process (every imported module's too), though none of these objects forms a
reference cycle. Pausing it for such a step cost 30-70% of the step's time before. Cycles made
meanwhile are collected once it runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["FEWER_COLLECTIONS", "collect_as_before", "collect_less", "collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Within the block the cyclic collector does not run; it is restored as it was after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


#: the collector's thresholds while a build runs: a full run (every live object scanned) after
#: some 4 million allocations instead of 490,000, a young one after 10,000 instead of 700
FEWER_COLLECTIONS = (10_000, 20, 20)


def collect_less() -> tuple[int, int, int]:
    """Set ``FEWER_COLLECTIONS`` for a step that makes a great many objects which mostly live to
    its end (a build: ~0.1 s of collector time for Stockport, a third of it after this); a
    threshold the process has already set higher stays, and a collector switched off (threshold
    0) stays off: fewer collections, never more.
    Output: the thresholds before, for ``collect_as_before``."""
    before = gc.get_threshold()
    if before[0] != 0:
        gc.set_threshold(*(max(now, fewer) for now, fewer in zip(before, FEWER_COLLECTIONS)))
    return before


def collect_as_before(thresholds: tuple[int, ...]) -> None:
    """Restore the thresholds ``collect_less`` returned (a test process goes on after a build)."""
    gc.set_threshold(*thresholds)
