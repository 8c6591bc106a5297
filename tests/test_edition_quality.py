"""Edition matching quality (issue 18): on next editions labelled by hand, the diff's precision and recall
are at least 0.95 for each change, no unchanged node is reported changed, and no rewording shows as a
drop plus an add.

The sets: the Northmere example against its next edition (examples/northmere-2026), every change labelled
in tests/data/northmere-2026-changes.csv; the Stockport Council Plan against the 2022-23 edition
tests/test_editions.py makes from it (tests/data/stockport-2022-23-changes.csv). Every node in no row is
expected unchanged. benchmarks/editions.py prints the same scores as a table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from test_editions import NEXT_EXAMPLE, make_next_corpus

from goldenthread.core.errors import LoadError
from goldenthread.core.model import PlanGraph
from goldenthread.graph.build import BuildResult, build_graph
from goldenthread.graph.editions import compare
from goldenthread.graph.evaluate_editions import ASSESSED, Evaluation, evaluate

GOAL = 0.95
NORTHMERE_GOLD = ROOT / "tests" / "data" / "northmere-2026-changes.csv"
STOCKPORT_GOLD = ROOT / "tests" / "data" / "stockport-2022-23-changes.csv"
#: the changes a labelled next edition must hold, each at least once
EVERY_KIND = ("reworded", "moved", "added", "dropped", "split", "merged", "status changed", "link gained")


def _evaluate(old: PlanGraph, new: PlanGraph, gold: Path) -> Evaluation:
    return evaluate(old, new, compare(old, new), gold)


@pytest.fixture(scope="module")
def northmere_next() -> PlanGraph:
    return build_graph(NEXT_EXAMPLE).graph


@pytest.fixture(scope="module")
def northmere_quality(northmere: BuildResult, northmere_next: PlanGraph) -> Evaluation:
    return _evaluate(northmere.graph, northmere_next, NORTHMERE_GOLD)


@pytest.fixture(scope="module")
def stockport_quality(stockport: BuildResult, stockport_dir: Path,
                      tmp_path_factory: pytest.TempPathFactory) -> Evaluation:
    corpus = make_next_corpus(stockport_dir, tmp_path_factory.mktemp("stockport-2022-23") / "corpus")
    return _evaluate(stockport.graph, build_graph(corpus).graph, STOCKPORT_GOLD)


def test_the_northmere_set_holds_every_kind_of_change(northmere_quality: Evaluation):
    expected = {s.change: s.expected for s in northmere_quality.scores}
    assert sum(n for change, n in expected.items() if change != "unchanged") >= 20
    assert [change for change in EVERY_KIND if not expected[change]] == []
    assert expected["split"] >= 2 and expected["merged"] >= 2 and expected["unchanged"] >= 50


@pytest.mark.parametrize("change", ASSESSED)
def test_northmere_precision_and_recall_per_change(northmere_quality: Evaluation, change: str):
    score = northmere_quality.score(change)
    assert score.precision >= GOAL, (score, northmere_quality.extra)
    assert score.recall >= GOAL, (score, northmere_quality.missed)


def test_no_unchanged_node_is_reported_changed(northmere_quality: Evaluation, stockport_quality: Evaluation):
    assert northmere_quality.unchanged_reported_changed == []
    assert stockport_quality.unchanged_reported_changed == []


def test_no_rewording_shows_as_a_drop_plus_an_add(northmere_quality: Evaluation, stockport_quality: Evaluation):
    assert northmere_quality.reworded_as_drop_add == []
    assert stockport_quality.reworded_as_drop_add == []


@pytest.mark.parametrize("change", ASSESSED)
def test_stockport_precision_and_recall_per_change(stockport_quality: Evaluation, change: str):
    score = stockport_quality.score(change)
    assert score.precision >= GOAL, (score, stockport_quality.extra)
    assert score.recall >= GOAL, (score, stockport_quality.missed)


def test_a_gold_key_naming_no_node_is_an_error_at_its_line(northmere: BuildResult, northmere_next: PlanGraph,
                                                            tmp_path: Path):
    gold = tmp_path / "gold.csv"
    gold.write_text("# a comment\nchange,kind,old,new,note\nreworded,commitment,We shall paint the moon,,\n",
                    encoding="utf-8")
    with pytest.raises(LoadError, match=r"gold\.csv:3: 0 commitment nodes' text starts with 'We shall paint the moon'"):
        _evaluate(northmere.graph, northmere_next, gold)


def test_a_change_the_gold_set_does_not_label_is_an_error(northmere: BuildResult, northmere_next: PlanGraph,
                                                          tmp_path: Path):
    gold = tmp_path / "gold.csv"
    gold.write_text("change,kind,old,new,note\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"gold\.csv: plan 'northmere-council-plan-2025-26' .* is in no row and no "
                                        r"plan of the new build has its text: label its change"):
        _evaluate(northmere.graph, northmere_next, gold)
