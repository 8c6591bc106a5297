"""The examples in the public API's docstrings run, and give what they show (networkx style)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "goldenthread.core.ids",
    "goldenthread.loaders.indicators.periods",
    "goldenthread.loaders.indicators.direction",
    "goldenthread.queries.params",
    "goldenthread.queries.union",
    "goldenthread.queries.tsv",
    "goldenthread.graph.nx",
    "goldenthread.graph.align",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failed == 0
    assert attempted > 0
