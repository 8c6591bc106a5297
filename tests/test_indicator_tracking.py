"""Measures with evidence: indicator nodes, tracked_by links and tracking summaries, on the
Stockport plans with the Trafford Data Lab files and on the Northmere example.

Expected values were read by hand from the CSV files (the row is named beside each) and are
written as literals, so the code is checked against the files, not against itself.
"""

from __future__ import annotations

import json

import pytest
from indicator_fixtures import (
    CLAIMANT_COUNT,
    CLAIMANT_RATE,
    EMPLOYMENT,
    GLD_FEMALE,
    GLD_MALE,
    HLE_FEMALE,
    HLE_MALE,
    HOMES,
    NEET,
    SCHOOL_READY,
    SCHOOL_READY_FSM,
    TRAFFORD,
    measure,
    northmere_with_indicators,
    require_stockport_data,
    stockport_plain,
    stockport_with_indicators,
    tracked_by,
)

from goldenthread.core.model import INDICATOR_FORMAT, PlanGraph
from goldenthread.graph.build import BuildResult
from goldenthread.graph.serialize import from_json, to_json

BP_UNEMPLOYMENT = "enterprising-thriving/measure-3-reduced-unemployment"
BP_UNEMPLOYMENT_2 = "skilled-confident/measure-2-reduced-unemployment"
CP_UNEMPLOYMENT = "benefit-from-thriving-economy/measure-1-reducing-unemployment-increasing-skills"
BP_NEET = "skilled-confident/measure-3-reduced-not-in-employment"
BP_SCHOOL_READY = "caring-growing/measure-3-increasing-number-children-who"
CP_SCHOOL_READY = "people-be-able-make-positive-choices/measure-1-children-school-ready-young"
CP_HLE = "people-be-able-make-positive-choices/measure-7-reducing-premature-mortality-rates"
BP_HLE_GAP = "healthy-happy/measure-1-reduce-widening-gap-in"


@pytest.fixture(scope="module")
def sp() -> BuildResult:
    require_stockport_data()
    return stockport_with_indicators()


@pytest.fixture(scope="module")
def nm() -> BuildResult:
    return northmere_with_indicators()


def _tracking(result: BuildResult, measure_suffix: str, indicator: str):
    m = measure(result, measure_suffix)
    (found,) = [t for t in result.graph.tracking if t.measure == m and t.indicator == indicator]
    return found


def _plans_only(graph: PlanGraph) -> tuple[list[dict], list[dict]]:
    """The plans' nodes and links, without what indicator data adds (indicator nodes, tracked_by
    links, measures' desired direction and nearest indicators)."""
    nodes = [n.model_dump(mode="json", exclude={"desired_direction", "candidates"} if n.kind == "measure" else None)
             for n in graph.nodes if n.kind != "indicator"]
    edges = [e.model_dump(mode="json") for e in graph.edges if e.kind != "tracked_by"]
    return sorted(nodes, key=lambda n: n["id"]), edges


# -- indicator data never changes what is read from the plans -----------------------------------

def test_the_plans_read_the_same_with_indicator_data(sp):
    assert _plans_only(sp.graph) == _plans_only(stockport_plain().graph)
    assert sp.graph.documents == stockport_plain().graph.documents
    assert [w for w in sp.warnings if not w.code.startswith("indicator-")] == stockport_plain().warnings


def test_the_example_reads_the_same_with_indicator_data(nm, northmere):
    assert _plans_only(nm.graph) == _plans_only(northmere.graph)


# -- links: which indicator tracks which measure --------------------------------------------------

def test_stockport_measures_are_tracked_by_their_indicators(sp):
    assert tracked_by(sp) == {
        measure(sp, BP_UNEMPLOYMENT): {CLAIMANT_RATE},  # the proportion, not the count
        measure(sp, BP_UNEMPLOYMENT_2): {CLAIMANT_RATE},
        measure(sp, CP_UNEMPLOYMENT): {CLAIMANT_RATE},
        measure(sp, BP_NEET): {NEET},
        measure(sp, BP_SCHOOL_READY): {SCHOOL_READY},  # all children, not the free-school-meals series
        measure(sp, CP_SCHOOL_READY): {SCHOOL_READY},
        measure(sp, CP_HLE): {HLE_FEMALE, HLE_MALE},  # both sexes' series of one indicator
    }


def test_a_link_is_explained_like_an_inferred_alignment(sp):
    link = next(e for e in sp.graph.edges if e.source == measure(sp, BP_UNEMPLOYMENT) and e.kind == "tracked_by")
    assert link.origin == "inferred" and 0 < link.confidence <= 1
    assert link.evidence.method == "tf-idf cosine of measure and indicator wording, sharing an indicator topic"
    # the two passages compared: the measure's line in the plan, the indicator's first row in its file
    measure_source, indicator_source = link.evidence.sources
    assert measure_source.document == "borough-plan-2030-discussion-draft.txt"
    assert measure_source.quote.endswith("Reduced unemployment")
    assert indicator_source.document == "indicators/claimant_count.csv"
    assert indicator_source.quote == ("E92000001,England,April 2021,Claimants as a proportion of residents aged "
                                      "16-64,Percentage,Persons,6.3")
    assert (indicator_source.line_start, indicator_source.line_end) == (3, 3)
    note = link.evidence.note
    assert note.startswith(f"score {link.confidence:.2f}; topic 'unemployment': 'unemployment' in the measure, "
                           "'Claimants' in the indicator")
    assert "preferred to 'Claimant count'" in note and "a count" in note  # the count passed over, and why


def test_a_measure_about_a_gap_is_not_tracked_by_a_level(sp):
    gap = sp.graph.node(measure(sp, BP_HLE_GAP))
    assert gap.id not in tracked_by(sp)
    nearest = gap.candidates[0]
    assert nearest.node in (HLE_FEMALE, HLE_MALE) and nearest.score >= nearest.threshold
    assert nearest.note.startswith("gap rule: the measure is about a gap ('gap')")


def test_a_subgroup_indicator_tracks_only_a_measure_naming_the_subgroup(sp):
    from goldenthread.graph.indicator_links import IndicatorScores

    scores = IndicatorScores(sp.graph)
    fsm = next(p for p in scores.pairs[measure(sp, BP_SCHOOL_READY)] if p.indicator == SCHOOL_READY_FSM)
    assert fsm.blocked == ("subgroup rule: the indicator is about free school meals ('free school meal'), which "
                           "the measure does not name")


def test_untracked_measures_show_their_nearest_indicators(sp):
    untracked = [n for n in sp.graph.nodes if n.kind == "measure" and n.id not in tracked_by(sp)]
    assert len(untracked) == 68
    employment = sp.graph.node(measure(sp, "radically-digital/measure-5-increase-employment-in-digital"))
    assert employment.candidates[0].node == "indicator/employment-rate-aged-16-64"
    assert "employment" in employment.candidates[0].terms
    assert employment.candidates[0].score < employment.candidates[0].threshold


def test_each_measure_says_which_way_its_wording_wants(sp):
    assert sp.graph.node(measure(sp, BP_UNEMPLOYMENT)).desired_direction.model_dump() == {
        "direction": "down", "evidence": "Reduced"}
    none = sp.graph.node(measure(sp, CP_SCHOOL_READY)).desired_direction
    assert none.direction is None and none.evidence.startswith("no direction word")
    # a measure with two aims: for the indicator, the aim that names it
    assert _tracking(sp, CP_UNEMPLOYMENT, CLAIMANT_RATE).desired_direction.direction == "down"
    assert _tracking(sp, CP_HLE, HLE_FEMALE).desired_direction.direction == "up"
    assert _tracking(sp, CP_HLE, HLE_FEMALE).desired_direction.evidence.startswith("'increasing' (healthy life")


# -- tracking summaries: the values are the files' -------------------------------------------------

def test_unemployment_latest_value_rank_and_status(sp):
    t = _tracking(sp, BP_UNEMPLOYMENT, CLAIMANT_RATE)
    assert t.area == "E08000007"
    # claimant_count.csv: E08000007 April 2021 5.8 (the first row of Stockport's); April 2024 3.2; England 3.9
    assert (t.first.period, t.first.value) == ("April 2021", 5.8)
    assert (t.latest.period, str(t.latest.start), str(t.latest.end), t.latest.value, t.latest.unit) == (
        "April 2024", "2024-04-01", "2024-04-30", 3.2, "Percentage, Persons")
    assert (t.england.period, t.england.value) == ("April 2024", 3.9)
    # the Borough Plan starts in 2021 (its documents' year): no value before, so from the first value
    assert (t.baseline.period, t.baseline.value, t.change) == ("April 2021", 5.8, -2.6)
    assert t.baseline_basis.startswith("first value: none before the plan's start")
    assert (t.travel, t.versus_england, t.status) == ("improving", "better", "green")
    # cipfa2021.csv: 15 areas, Stockport among them; April 2024 proportions 1.8 to 5.7, 4 lower than 3.2
    assert t.group.model_dump() == {"group": "cipfa2021", "period": "April 2024", "rank": 5, "of": 15,
                                    "min": 1.8, "median": 4.0, "max": 5.7}


def test_neet_worsening_since_the_plan_started(sp):
    t = _tracking(sp, BP_NEET, NEET)
    # neet.csv, '16-17 year olds … (NEET)': Stockport 2020 2.6 (the last before 2021), 2023 3.1; England 2023 2.8
    assert (t.baseline.period, t.baseline.value, t.latest.period, t.latest.value) == ("2020", 2.6, "2023", 3.1)
    assert t.baseline_basis.startswith("the value at the plan's start: One Stockport Borough Plan 2030 starts in "
                                       "2021 (the year of its document borough-plan-hwb-report-2021.txt)")
    assert (t.change, t.travel, t.england.value, t.versus_england, t.status) == (0.5, "worsening", 2.8, "worse",
                                                                                  "red")
    assert (t.group.rank, t.group.of, t.group.min, t.group.median, t.group.max) == (10, 15, 0.7, 2.8, 4.4)


def test_school_readiness(sp):
    t = _tracking(sp, BP_SCHOOL_READY, SCHOOL_READY)
    # school_readiness.csv: Stockport 2021/22 65.5, 2022/23 67.6; England 2022/23 67.2; of the CIPFA
    # group only Solihull (69) and York (69.7) are in the file
    assert (t.first.value, t.latest.period, t.latest.value, t.england.value) == (65.5, "2022/23", 67.6, 67.2)
    assert (t.latest.start.isoformat(), t.latest.end.isoformat()) == ("2022-09-01", "2023-08-31")  # academic
    assert (t.travel, t.versus_england, t.status) == ("improving", "better", "green")
    assert (t.group.rank, t.group.of, t.group.min, t.group.median, t.group.max) == (3, 3, 67.6, 69.0, 69.7)
    # the Council Plan's measure gives no direction, and the files do not say which way is better
    cp = _tracking(sp, CP_SCHOOL_READY, SCHOOL_READY)
    assert (cp.latest.value, cp.travel, cp.versus_england, cp.status) == (67.6, "unknown", "unknown", "no direction")
    assert cp.group.rank is None and cp.group.of == 3


def test_healthy_life_expectancy_by_sex(sp):
    female, male = _tracking(sp, CP_HLE, HLE_FEMALE), _tracking(sp, CP_HLE, HLE_MALE)
    # healthy_life_expectancy.csv: Stockport 2010 - 12 F 66, M 67.4; 2018 - 20 F 62.2, M 65.1; England 63.9, 63.1
    assert (female.baseline.value, female.latest.value, female.england.value) == (66.0, 62.2, 63.9)
    assert (male.baseline.value, male.latest.value, male.england.value) == (67.4, 65.1, 63.1)
    assert female.baseline_basis.startswith("first value: no value after the plan's start")
    assert (female.travel, female.versus_england, female.status) == ("worsening", "worse", "red")
    assert (male.travel, male.versus_england, male.status) == ("worsening", "better", "amber")
    assert (female.group.rank, female.group.of, male.group.rank, male.group.of) == (9, 15, 5, 15)


def test_series_for_charts(sp):
    t = _tracking(sp, BP_UNEMPLOYMENT, CLAIMANT_RATE)
    assert len(t.series) == 37  # April 2021 to April 2024, monthly
    assert [p.start.isoformat() for p in t.series] == sorted(p.start.isoformat() for p in t.series)
    last = t.series[-1].model_dump(mode="json")
    assert last == {"period": "April 2024", "start": "2024-04-01", "end": "2024-04-30", "area": 3.2,
                    "england": 3.9, "group_min": 1.8, "group_max": 5.7}


def test_only_the_observations_needed_are_kept(sp):
    data = sp.graph.indicators
    assert (data.area.code, data.area.name) == ("E08000007", "Stockport")
    assert data.comparators.name == "cipfa2021" and len(data.comparators.areas) == 15
    kept_areas = {o.area for o in data.observations}
    assert kept_areas <= {"E92000001", *data.comparators.areas}
    assert {o.indicator for o in data.observations} == {CLAIMANT_RATE, NEET, SCHOOL_READY, HLE_FEMALE, HLE_MALE}
    assert CLAIMANT_COUNT not in {o.indicator for o in data.observations}
    one = next(o for o in data.observations if o.indicator == CLAIMANT_RATE and o.area == "E08000007"
               and o.period == "April 2024")
    assert (one.value, one.file) == (3.2, "indicators/claimant_count.csv")
    lines = (TRAFFORD / "claimant_count.csv").read_text(encoding="utf-8").splitlines()
    assert lines[one.row - 1] == ("E08000007,Stockport,April 2024,Claimants as a proportion of residents aged 16-64,"
                                  "Percentage,Persons,3.2")
    assert [d.name for d in data.datasets] == [
        "indicators/children_poverty.csv", "indicators/cipfa2021.csv", "indicators/claimant_count.csv",
        "indicators/employment_rate.csv", "indicators/healthy_life_expectancy.csv", "indicators/neet.csv",
        "indicators/school_readiness.csv"]


def test_graph_json_with_indicator_data(sp, tmp_path):
    text = to_json(sp.graph)
    data = json.loads(text)
    assert data["format"] == INDICATOR_FORMAT
    assert list(data) == ["format", "generator", "documents", "nodes", "edges", "indicators", "tracking"]
    assert to_json(from_json(text)) == text
    indicator = next(n for n in data["nodes"] if n["id"] == HLE_FEMALE)
    assert (indicator["kind"], indicator["label"], indicator["text"], indicator["statistic"], indicator["unit"],
            indicator["breakdowns"]) == ("indicator", "Healthy life expectancy at birth (Female)",
                                         "Healthy life expectancy at birth", "Life expectancy", "Years",
                                         {"sex": "Female"})
    assert indicator["sources"][0]["document"] == "indicators/healthy_life_expectancy.csv"


# -- the Northmere example ---------------------------------------------------------------------------

def test_northmere_links(nm):
    gld = "measure-1-percentage-children-achieving-good"
    assert tracked_by(nm) == {
        measure(nm, f"northmere-council-plan-2025-26/theme/healthy-happy-lives/{gld}"): {GLD_FEMALE, GLD_MALE},
        measure(nm, f"best-start-child/{gld}"): {GLD_FEMALE, GLD_MALE},
        measure(nm, "good-jobs-skills/measure-1-employment-rate-residents-aged"): {EMPLOYMENT},
        measure(nm, "homes-people-can-afford/measure-1-number-affordable-homes-completed"): {HOMES},
    }
    started = nm.graph.node(measure(nm, "measure-1-number-affordable-homes-started"))
    assert started.candidates[0].node == HOMES
    assert started.candidates[0].note == ("no topic shared, and the measure does not name 'completed' of the "
                                          "indicator's name")


def test_northmere_tracking(nm):
    employment = _tracking(nm, "good-jobs-skills/measure-1-employment-rate-residents-aged", EMPLOYMENT)
    # employment-rate.csv: Northmere 74.1, 74.8, 75.6; England Apr 2024-Mar 2025 75.7; neighbours 76.4, 73.1, 71.9
    assert employment.desired_direction.model_dump() == {
        "direction": "up", "evidence": 'better = "higher" for employment-rate.csv in indicators.toml (the '
                                       "measure's wording: no direction word)"}
    assert (employment.baseline.value, employment.latest.value, employment.england.value) == (74.1, 75.6, 75.7)
    assert employment.baseline_basis.startswith("first value: the start of Northmere Partnership Plan 2035 is not "
                                                "known")
    assert (employment.travel, employment.versus_england, employment.status) == ("improving", "worse", "amber")
    assert employment.group.model_dump() == {"group": "nearest-neighbours", "period": "Apr 2024-Mar 2025",
                                             "rank": 2, "of": 4, "min": 71.9, "median": 74.35, "max": 76.4}
    homes = _tracking(nm, "measure-1-number-affordable-homes-completed", HOMES)
    # affordable-homes.csv: 212, 248, 301; a count is not compared with England's
    assert (homes.change, homes.travel, homes.versus_england, homes.status) == (89.0, "improving", "unknown", "amber")
    assert homes.status_reason.endswith("(a count: not compared with England's)")
    assert (homes.group.rank, homes.group.of) == (1, 4)
    female = _tracking(nm, "best-start-child/measure-1-percentage-children-achieving-good", GLD_FEMALE)
    # good-level-of-development.csv: Northmere Female 70.2, 71.6; England 2023/24 71.4
    assert (female.latest.value, female.england.value, female.status) == (71.6, 71.4, "green")


def test_a_suppressed_value_is_kept_with_its_reason_and_in_rdf(nm):
    from rdflib import Literal, URIRef

    from goldenthread.graph.rdf import observation_iri, to_rdf

    (suppressed,) = [o for o in nm.graph.indicators.observations if o.value is None]
    assert (suppressed.area, suppressed.indicator, suppressed.missing) == ("X00000004", GLD_MALE, "suppressed")
    g = to_rdf(nm.graph)
    obs = observation_iri(suppressed.indicator, suppressed.area, suppressed.start, suppressed.end)
    sdmx = "http://purl.org/linked-data/sdmx/2009/"
    assert (obs, URIRef(sdmx + "attribute#obsStatus"), URIRef(sdmx + "code#obsStatus-M")) in g
    assert (obs, URIRef("https://w3id.org/goldenthread/ontology#missingReason"), Literal("suppressed")) in g
    assert not list(g.objects(obs, URIRef(sdmx + "measure#obsValue")))
