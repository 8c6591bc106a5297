"""Link quality on the labelled measures, and tracked_by links reviewed and curated like alignments."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import EXAMPLE, ROOT
from helpers import run_cli
from indicator_fixtures import (
    EMPLOYMENT,
    HOMES,
    NORTHMERE_AREA,
    NORTHMERE_DATA,
    measure,
    northmere_with_indicators,
    require_stockport_data,
    stockport_with_indicators,
    tracked_by,
)

from goldenthread.core.errors import LoadError
from goldenthread.graph.build import build_graph
from goldenthread.graph.indicator_evaluate import evaluate_links, mistakes, read_labels
from goldenthread.graph.review import COLUMNS, review_rows

LABELS = ROOT / "tests" / "data" / "indicator-links.csv"
NORTHMERE_LABELS = ROOT / "tests" / "data" / "northmere-indicator-links.csv"
STARTED = "measure-1-number-affordable-homes-started"
EMPLOYMENT_MEASURE = "good-jobs-skills/measure-1-employment-rate-residents-aged"


def test_every_stockport_measure_is_labelled():
    require_stockport_data()
    labels = read_labels(LABELS)
    measures = {n.id for n in stockport_with_indicators().graph.nodes if n.kind == "measure"}
    assert set(labels) == measures and len(labels) == 75
    indicators = {n.id for n in stockport_with_indicators().graph.nodes if n.kind == "indicator"}
    assert set().union(*labels.values()) <= indicators


def test_precision_and_recall_on_the_labelled_stockport_measures():
    require_stockport_data()
    scores = evaluate_links(stockport_with_indicators().graph, read_labels(LABELS))
    assert scores.precision >= 0.95, mistakes(stockport_with_indicators().graph, read_labels(LABELS))
    assert scores.recall >= 0.85, mistakes(stockport_with_indicators().graph, read_labels(LABELS))
    assert (scores.gold, scores.predicted) == (7, 8)


def test_precision_and_recall_on_the_example():
    labels = read_labels(NORTHMERE_LABELS)
    scores = evaluate_links(northmere_with_indicators().graph, labels)
    assert (scores.precision, scores.recall) == (1.0, 1.0), mistakes(northmere_with_indicators().graph, labels)


def test_labels_file_errors_name_the_row(tmp_path):
    bad = tmp_path / "labels.csv"
    bad.write_text("measure,text,expected,note\n,x,none,\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"labels\.csv:2: a labelled row needs a measure"):
        read_labels(bad)


# -- review and curation -------------------------------------------------------------------------

def test_tracked_by_links_are_listed_for_review():
    rows = [r for r in review_rows(northmere_with_indicators().graph) if r["kind"] == "tracked_by"]
    assert len(rows) == 6
    employment = next(r for r in rows if r["target"] == EMPLOYMENT)
    assert employment["basis"] == "measure and indicator wording"
    assert employment["confidence_means"] == ("tf-idf cosine of the measure's text and the indicator's name, 0-1; "
                                              "linked from 0.30 when the measure names every word of the "
                                              "indicator's name")
    assert employment["target_lines"] == "indicators/employment-rate.csv:2-2; indicators/employment-rate.csv:16-16"
    topic = next(r for r in rows if r["target"] != EMPLOYMENT and r["target"] != HOMES)
    assert topic["basis"] == "measure and indicator wording, a topic shared"
    assert topic["evidence"].startswith("score 0.64; topic 'school readiness'")


def _decisions(tmp_path, rows: list[dict[str, str]]):
    path = tmp_path / "decisions.csv"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_decisions_accept_reject_and_add_tracked_by_links(tmp_path):
    nm = northmere_with_indicators()
    employment, started = measure(nm, EMPLOYMENT_MEASURE), measure(nm, STARTED)
    homes_measure = measure(nm, "measure-1-number-affordable-homes-completed")
    decisions = _decisions(tmp_path, [
        {"decision": "accept", "source": employment, "target": EMPLOYMENT, "kind": "tracked_by"},
        {"decision": "reject", "source": homes_measure, "target": HOMES, "kind": "tracked_by"},
        {"decision": "add", "source": started, "target": HOMES, "kind": "tracked_by",
         "note": "starts follow completions here"},
    ])
    curated = build_graph(EXAMPLE, decision_files=[decisions], indicators=NORTHMERE_DATA, area=NORTHMERE_AREA)
    links = {(e.source, e.target): e for e in curated.graph.edges if e.kind == "tracked_by"}
    assert links[(employment, EMPLOYMENT)].origin == "curated"
    assert links[(employment, EMPLOYMENT)].confidence == pytest.approx(0.599)  # kept from the inferred link
    assert (homes_measure, HOMES) not in links
    added = links[(started, HOMES)]
    assert added.origin == "curated" and "added by reviewer" in added.evidence.note
    # tracking follows the curated links: the added measure is tracked, the rejected one is not (and shows
    # its nearest indicators instead)
    tracked = {(t.measure, t.indicator) for t in curated.graph.tracking}
    assert (started, HOMES) in tracked and (homes_measure, HOMES) not in tracked
    assert curated.graph.node(homes_measure).candidates[0].node == HOMES
    assert not curated.graph.node(started).candidates
    assert tracked_by(curated)[started] == {HOMES}


def test_a_tracked_by_decision_must_go_from_a_measure_to_an_indicator(tmp_path):
    nm = northmere_with_indicators()
    priority = next(n.id for n in nm.graph.nodes if n.kind == "priority")
    decisions = _decisions(tmp_path, [{"decision": "add", "source": priority, "target": EMPLOYMENT,
                                       "kind": "tracked_by"}])
    with pytest.raises(LoadError, match=r"decisions\.csv:2: a tracked_by link goes from a measure to an indicator, "
                                        r"not from a priority to a indicator"):
        build_graph(EXAMPLE, decision_files=[decisions], indicators=NORTHMERE_DATA, area=NORTHMERE_AREA)


def test_links_command_lists_tracked_by_links(tmp_path):
    out = tmp_path / "out"
    done = run_cli("build", EXAMPLE, "--out", out, "--indicators", NORTHMERE_DATA, "--area", NORTHMERE_AREA,
                   columns=160, env={"PATH": ""})
    assert done.returncode == 0, done.stderr
    listed = run_cli("links", "--graph", out, "--format", "csv", columns=None)
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert sum(r["kind"] == "tracked_by" for r in rows) == 6
    table = run_cli("links", "--graph", out, columns=160, env={"PATH": ""})
    assert "(each: from carries out, or is tracked by, to)" in table.stdout.splitlines()[0]
