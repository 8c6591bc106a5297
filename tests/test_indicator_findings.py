"""Indicator data in RDF (W3C Data Cube), its shapes, the two library queries on every store, the
audit rules about measures, the `measures` command, and byte-identical outputs."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE
from helpers import CliResult, run_cli
from indicator_fixtures import (
    CLAIMANT_RATE,
    HLE_FEMALE,
    NORTHMERE_AREA,
    NORTHMERE_DATA,
    STOCKPORT_AREA,
    TRAFFORD,
    northmere_with_indicators,
    require_stockport_data,
    stockport_with_indicators,
)
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from goldenthread.graph.rdf import observation_iri, period_iri, to_rdf, to_turtle, tracking_iri, validate
from goldenthread.graph.serialize import to_json
from goldenthread.ontology import GT
from goldenthread.queries import library
from goldenthread.queries.audit import audit
from goldenthread.queries.library import Workspace

QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_CODE = Namespace("http://purl.org/linked-data/sdmx/2009/code#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
HAS_DATA = "every measure is tracked by indicator data"
SPECIFIC = "every measure states a quantity, a baseline or a target"
WRONG_WAY = "no measure of a complete thread moves the wrong way"


@pytest.fixture(scope="module")
def sp_rdf() -> Graph:
    require_stockport_data()
    return to_rdf(stockport_with_indicators().graph)


# -- RDF: the W3C RDF Data Cube vocabulary ---------------------------------------------------------

def test_observations_are_data_cube_observations(sp_rdf):
    graph = stockport_with_indicators().graph
    observations = set(sp_rdf.subjects(RDF.type, QB.Observation))
    assert len(observations) == len(graph.indicators.observations)
    o = next(o for o in graph.indicators.observations
             if o.indicator == CLAIMANT_RATE and o.area == STOCKPORT_AREA and o.period == "April 2024")
    iri = observation_iri(o.indicator, o.area, o.start, o.end)
    period = period_iri(o.start, o.end)
    base = "https://w3id.org/goldenthread/id/"
    assert set(sp_rdf.predicate_objects(iri)) >= {
        (RDF.type, QB.Observation), (QB.dataSet, URIRef(base + CLAIMANT_RATE)),
        (SDMX_DIM.refArea, URIRef(base + "area/E08000007")), (SDMX_DIM.refPeriod, period),
        (SDMX_MEASURE.obsValue, Literal("3.2", datatype=XSD.decimal)), (GT.periodLabel, Literal("April 2024")),
        (GT.sourceRow, Literal(o.row))}
    assert (period, DCAT.startDate, Literal("2024-04-01", datatype=XSD.date)) in sp_rdf
    assert (period, DCAT.endDate, Literal("2024-04-30", datatype=XSD.date)) in sp_rdf
    assert (URIRef(base + CLAIMANT_RATE), QB.structure, GT.IndicatorStructure) in sp_rdf
    assert (URIRef(base + CLAIMANT_RATE), GT.statistic, Literal("Percentage")) in sp_rdf


def test_tracking_summaries_in_rdf(sp_rdf):
    t = next(t for t in stockport_with_indicators().graph.tracking if t.indicator == HLE_FEMALE)
    subject = tracking_iri(t)
    assert (subject, GT.travel, GT.travelWorsening) in sp_rdf
    assert (subject, GT.trackingStatus, GT.trackingRed) in sp_rdf
    assert (subject, GT.desiredDirection, GT.directionUp) in sp_rdf
    assert (subject, GT.rank, Literal(9)) in sp_rdf
    latest = sp_rdf.value(subject, GT.latestObservation)
    assert sp_rdf.value(latest, SDMX_MEASURE.obsValue) == Literal("62.2", datatype=XSD.decimal)


def test_indicator_builds_conform_to_the_shapes(sp_rdf):
    conforms, report = validate(sp_rdf)
    assert conforms, report
    conforms, report = validate(to_rdf(northmere_with_indicators().graph))
    assert conforms, report


EITHER = "either a value (sdmx-measure:obsValue) or the status missing"
STATUS_M = "has the status missing (sdmx-attribute:obsStatus sdmx-code:obsStatus-M), and no other"
ONE_REASON = "with the status missing has exactly one reason (gt:missingReason)"
_RESULT = re.compile(r"Focus Node: (\S+)\n(?:.*\n)*?\s*Message: (.+)")


def violations_by_focus(report: str) -> dict[str, list[str]]:
    """The messages of a pySHACL text report, by the focus node (as written there) each is about."""
    found: dict[str, list[str]] = {}
    for block in report.split("Constraint Violation")[1:]:
        match = _RESULT.search(block)
        assert match, block
        found.setdefault(match.group(1).strip("<>"), []).append(match.group(2))
    return found


def test_shapes_catch_broken_observations():
    """A value or the status missing with one known reason, never both: each observation broken
    a different way (one validation) is reported with its own message, and no other is."""
    g = to_rdf(northmere_with_indicators().graph)
    valued = sorted(o for o in g.subjects(RDF.type, QB.Observation) if (o, SDMX_MEASURE.obsValue, None) in g)
    edits = ["drop value", "value and status", "status without a reason", "an unknown reason",
             "a reason beside a value", "another status"]
    broken = dict(zip(edits, valued))
    for edit, obs in broken.items():
        if edit != "a reason beside a value" and edit != "value and status":
            g.remove((obs, SDMX_MEASURE.obsValue, None))
        if edit in ("value and status", "status without a reason", "an unknown reason"):
            g.add((obs, SDMX_ATTRIBUTE.obsStatus, SDMX_CODE["obsStatus-M"]))
        if edit == "another status":
            g.add((obs, SDMX_ATTRIBUTE.obsStatus, SDMX_CODE["obsStatus-P"]))
        reason = {"value and status": "blank", "an unknown reason": "lost", "a reason beside a value": "blank",
                  "another status": "blank"}.get(edit)
        if reason:
            g.add((obs, GT.missingReason, Literal(reason)))
    conforms, report = validate(g)
    assert not conforms
    found = violations_by_focus(report)
    assert set(found) == {str(obs) for obs in broken.values()}, report
    expected = {"drop value": EITHER, "value and status": EITHER, "status without a reason": ONE_REASON,
                "an unknown reason": ONE_REASON, "a reason beside a value": STATUS_M, "another status": STATUS_M}
    for edit, obs in broken.items():
        # one message, once per constraint it breaks (a missing status breaks two: count and value)
        assert {m for m in found[str(obs)] if expected[edit] in m} == set(found[str(obs)]), (edit, found[str(obs)])


@pytest.mark.parametrize("edit, message", [
    ("unlink", "measure is not tracked by its indicator"),
    ("tracked by a priority", "A tracked_by link must point to an indicator"),
])
def test_shapes_catch_broken_indicator_data(edit, message):
    g = to_rdf(northmere_with_indicators().graph)
    if edit == "unlink":
        g.remove((None, GT.trackedBy, None))
    else:
        measure = next(g.subjects(GT.trackedBy, None))
        priority = next(g.subjects(RDF.type, GT.Priority))
        g.add((measure, GT.trackedBy, priority))
    conforms, report = validate(g)
    assert not conforms and message in report


def test_turtle_and_json_are_byte_identical_across_builds(tmp_path):
    from goldenthread.graph.build import build_graph

    again = build_graph(EXAMPLE, indicators=NORTHMERE_DATA, area=NORTHMERE_AREA).graph
    first = northmere_with_indicators().graph
    assert to_json(again) == to_json(first)
    assert to_turtle(again) == to_turtle(first)


# -- the library queries: the same rows on every store ------------------------------------------

@pytest.mark.parametrize("query", ["latest", "wrong_way"])
def test_indicator_queries_give_the_same_rows_on_every_store(query, tmp_path):
    require_stockport_data()
    graph = stockport_with_indicators().graph
    call = getattr(library, query)
    results = {spec: call(Workspace(graph, store_spec=spec))
               for spec in ("rdflib", "oxigraph", f"oxigraph:{tmp_path / 'store'}")}
    assert results["rdflib"] == results["oxigraph"] == results[f"oxigraph:{tmp_path / 'store'}"]
    assert results["rdflib"]


def test_latest_values():
    require_stockport_data()
    rows = library.latest(Workspace(stockport_with_indicators().graph))
    assert len(rows) == 8
    unemployment = next(r for r in rows
                        if r["measure"].endswith("enterprising-thriving/measure-3-reduced-unemployment"))
    assert {k: unemployment[k] for k in ("area", "period", "start", "end", "value", "unit", "direction", "travel",
                                         "status")} == {
        "area": "E08000007", "period": "April 2024", "start": "2024-04-01", "end": "2024-04-30", "value": 3.2,
        "unit": "Percentage, Persons", "direction": "down", "travel": "improving", "status": "green"}


def test_measures_moving_the_wrong_way():
    require_stockport_data()
    rows = library.wrong_way(Workspace(stockport_with_indicators().graph))
    assert [(r["measure_label"], r["indicator_label"], r["baseline_value"], r["latest_value"], r["status"],
             r["complete"]) for r in rows] == [
        ("Reduced not in employment, education or training",
         "16-17 year olds not in education, employment or training (NEET)", 2.6, 3.1, "red", False),
        ("Reducing premature mortality rates and increasing healthy life expectancy, particularly…",
         "Healthy life expectancy at birth (Female)", 66.0, 62.2, "red", True),
        ("Reducing premature mortality rates and increasing healthy life expectancy, particularly…",
         "Healthy life expectancy at birth (Male)", 67.4, 65.1, "amber", True)]


def test_queries_are_empty_without_indicator_data(northmere):
    ws = Workspace(northmere.graph)
    assert library.latest(ws) == [] and library.wrong_way(ws) == []


# -- audit rules --------------------------------------------------------------------------------------

def _by_rule(rows, rule):
    return sorted((r["label"], r["message"]) for r in rows if r["rule"] == rule)


def test_audit_rules_about_measures():
    require_stockport_data()
    rows = audit(Workspace(stockport_with_indicators().graph))
    no_data = _by_rule(rows, HAS_DATA)
    assert len(no_data) == 68 and {r["severity"] for r in rows if r["rule"] == HAS_DATA} == {"info"}
    assert ("Reduce the widening gap in healthy life expectancy between our…", "has no data: no indicator in the "
            "data tracks it (its nearest indicators are its candidates)") in no_data
    vague = {label for label, _ in _by_rule(rows, SPECIFIC)}
    assert "Reduced unemployment" in vague  # no quantity, baseline or target as written
    assert "Reduced levels of carbon emissions" not in vague  # "levels": a quantity
    assert "Increasing the number of children who are 'school ready'" not in vague
    assert len(_by_rule(rows, SPECIFIC)) == 51
    assert _by_rule(rows, WRONG_WAY) == [
        ("Reducing premature mortality rates and increasing healthy life expectancy, particularly…",
         f"is moving the wrong way (Healthy life expectancy at birth ({sex})) although the thread of 6 "
         "priority(ies) it measures is otherwise complete (first: 'Delivering a new operating model for Adult "
         "Social Care which will help the people of Stockport live their best lives possible')")
        for sex in ("Female", "Male")]


def test_each_measure_rule_fires_on_the_example():
    rows = audit(Workspace(northmere_with_indicators().graph))
    assert len(_by_rule(rows, HAS_DATA)) == 19  # 23 measures, 4 tracked
    # every other measure of the example names a number, percentage, rate or count
    assert [label for label, _ in _by_rule(rows, SPECIFIC)] == [
        "Take-up of funded early education places by eligible two-year-olds"]
    assert _by_rule(rows, WRONG_WAY) == []  # nothing moves the wrong way in the example's data


def test_measure_rules_do_not_fire_without_indicator_data(northmere):
    rows = audit(Workspace(northmere.graph))
    assert not [r for r in rows if r["rule"] in (HAS_DATA, SPECIFIC, WRONG_WAY)]


# -- the measures command --------------------------------------------------------------------------------

def _cli(*args: str) -> CliResult:
    return run_cli(*args, columns=160, env={"PATH": ""})


def test_measures_command(tmp_path):
    require_stockport_data()
    out = tmp_path / "out"
    built = _cli("build", str(TRAFFORD.parent.parent.parent / "corpus" / "stockport"), "--out", str(out),
                 "--indicators", str(TRAFFORD), "--area", STOCKPORT_AREA)
    assert built.returncode == 0, built.stderr
    table = _cli("measures", "--graph", str(out))
    assert table.stdout.splitlines()[0] == ("Latest values of 7 tracked measures (8 indicator series): 4 green, "
                                            "1 amber, 2 red, 1 no direction")
    wrong = _cli("measures", "--graph", str(out), "--wrong-way", "--format", "csv")
    assert wrong.stdout.splitlines()[0] == ("status,measure_label,indicator_label,direction,baseline_period,"
                                            "baseline_value,latest_period,latest_value,change,complete,measure,"
                                            "indicator")
    assert len(wrong.stdout.splitlines()) == 4
