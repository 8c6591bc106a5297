"""Plan editions (issue 18): profiles read any year's edition, a plan records its edition and a
later edition revises the earlier, and ``diff`` says what a new edition changed.

The next edition of the Stockport Council Plan is made here, at test time, from the real 2021-22
document (never copied into the repository): the year moved on, two commitments reworded, one
dropped, one added, one moved to another priority, one split in two, and a delivery strategy that
was "to be developed" named. The diff must find exactly those changes and call everything else
unchanged. The Northmere example has its next edition in the repository (examples/northmere-2026).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, ROOT
from rdflib.namespace import PROV

from goldenthread.core.errors import GoldenthreadError, LoadError
from goldenthread.core.model import Node, PlanGraph, Source
from goldenthread.graph.build import BuildResult, build_graph
from goldenthread.graph.editions import compare, render_diff, with_editions
from goldenthread.graph.rdf import to_rdf
from goldenthread.graph.review import COLUMNS, review_columns, review_rows
from goldenthread.graph.serialize import from_json, to_json
from goldenthread.loaders import LOADERS
from goldenthread.loaders.checks import rule_warnings
from goldenthread.loaders.profile import for_edition, load_profile, read_edition, recognises
from goldenthread.loaders.text import read_document
from goldenthread.ontology import GT
from goldenthread.queries.library import Workspace, coverage

NEXT_EXAMPLE = ROOT / "examples" / "northmere-2026"
OLD_DOC = "council-plan-2021-22-consultation-draft.txt"
NEW_DOC = "council-plan-2022-23-consultation-draft.txt"

# the edits that make the 2022-23 edition: (what the 2021-22 text says, what 2022-23 says)
PPE = ("- We will continue to provide a personal protective equipment (PPE) hub for as long as it is required to "
       "keep our staff and communities safe.",
       "- We will keep the personal protective equipment (PPE) hub open while it is needed to keep staff and "
       "communities safe.")
QUALITY = ("- We will launch the Quality Improvement programme for provider services\n",
           "- We will launch the Quality Improvement programme for all provider services across the borough\n")
DROPPED = ("- We will continue to develop and embed the Discharge to Assess model\n", "")
MENTAL_HEALTH = ("- We will improve mental health and wellbeing through development of a joint mental health and "
                 "wellbeing plan working with communities and businesses.\n")
HUBS = ("- We will open two community wellbeing hubs in Brinnington and Reddish offering advice on money, housing and "
        "health in one place.\n")
FRONT_DOOR = "- We will develop the 'Enhanced Front Door' approach to accessing high quality support\n"
LOCALITY = "- We will work with partners across health and care to develop a locality plan"
STRATEGY = ("Neighbourhoods Strategy (to be developed in partnership during 2021)",
            "Thriving Neighbourhoods Strategy 2022-25")
SPLIT = ("to inspire a future generation, launching a Youth Guarantee for those aged 16-30.",
         "to inspire a future generation.\n- We will launch a Youth Guarantee for those aged 16-30.")


def next_edition(text: str) -> str:
    """The 2022-23 Council Plan, made from the 2021-22 text."""
    def swap(old: str, new: str) -> None:
        nonlocal text
        assert text.count(old) == 1, f"the 2021-22 text no longer holds {old!r} once"
        text = text.replace(old, new)

    text = text.replace("2021-22", "2022-23").replace("2021/22", "2022/23")
    for old, new in (PPE, QUALITY, DROPPED, (MENTAL_HEALTH, MENTAL_HEALTH + HUBS), (FRONT_DOOR, ""),
                     (LOCALITY, FRONT_DOOR + LOCALITY), STRATEGY, SPLIT):
        swap(old, new)
    return text


def make_next_corpus(stockport_dir: Path, corpus: Path) -> Path:
    """``corpus``: a copy of the Stockport corpus with the 2022-23 Council Plan in place of the 2021-22 one
    (benchmarks/editions.py makes it too)."""
    shutil.copytree(stockport_dir, corpus)
    (corpus / OLD_DOC).unlink()
    (corpus / NEW_DOC).write_text(next_edition((stockport_dir / OLD_DOC).read_text(encoding="utf-8")),
                                  encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def next_corpus(stockport_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Stockport corpus with the 2022-23 Council Plan in place of the 2021-22 one."""
    return make_next_corpus(stockport_dir, tmp_path_factory.mktemp("stockport-2022-23") / "corpus")


@pytest.fixture(scope="module")
def next_build(next_corpus: Path) -> BuildResult:
    return build_graph(next_corpus)


def _threads(graph: PlanGraph) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in coverage(Workspace(graph))}


def diff(old: PlanGraph, new: PlanGraph):
    return compare(old, new, _threads(old), _threads(new))


@pytest.fixture(scope="module")
def stockport_diff(stockport: BuildResult, next_build: BuildResult):
    return diff(stockport.graph, next_build.graph)


def _node(graph: PlanGraph, plan: str, starts: str) -> Node:
    """The one node of ``plan`` whose text starts with ``starts``."""
    hits = [n for n in graph.nodes if n.plan == plan and n.text.startswith(starts)]
    assert len(hits) == 1, f"{len(hits)} nodes of {plan} start with {starts!r}"
    return hits[0]


def _parent(graph: PlanGraph, node_id: str) -> str:
    return next(e.target for e in graph.edges if e.kind == "part_of" and e.source == node_id)


# -- 1. profiles describe a house style, not one year's file --------------------------------

def test_the_stockport_profile_reads_the_next_edition(next_build: BuildResult):
    assert [(d.name, d.profile) for d in next_build.documents if d.name == NEW_DOC] == \
        [(NEW_DOC, "stockport-council-plan")]
    plan = next_build.graph.node("council-plan-2022-23")
    assert (plan.label, plan.edition, plan.revision_of) == ("Stockport Council Plan 2022-23", "2022-23", None)
    assert all(not n.id.startswith("council-plan-2021-22") for n in next_build.graph.nodes)


def test_existing_ids_and_editions_of_the_stockport_build(stockport: BuildResult):
    plans = {n.id: n.edition for n in stockport.graph.nodes if n.kind == "plan"}
    assert plans == {"borough-plan-2030": None, "council-plan-2021-22": "2021-22", "one-future-2024": "2024"}
    council = [n for n in stockport.graph.nodes if n.plan == "council-plan-2021-22"
               and n.kind in ("theme", "priority", "commitment", "measure")]
    assert len(council) == 165 and all(n.id.startswith("council-plan-2021-22/") for n in council)


def test_two_editions_in_one_build_are_two_plans_the_later_revising_the_earlier(
        stockport_dir: Path, next_corpus: Path, tmp_path: Path):
    corpus = tmp_path / "both"
    shutil.copytree(stockport_dir, corpus)
    shutil.copy(next_corpus / NEW_DOC, corpus / NEW_DOC)
    result = build_graph(corpus)
    plans = {n.id: n for n in result.graph.nodes if n.kind == "plan"}
    assert plans["council-plan-2022-23"].revision_of == "council-plan-2021-22"
    assert plans["council-plan-2021-22"].revision_of is None
    assert not [w for w in result.warnings if w.code == "duplicate-document"]
    rdf = to_rdf(result.graph)
    revised = [(str(s), str(o)) for s, o in rdf.subject_objects(PROV.wasRevisionOf)]
    assert [(s.rsplit("/", 1)[-1], o.rsplit("/", 1)[-1]) for s, o in revised] == \
        [("council-plan-2022-23", "council-plan-2021-22")]


def test_editions_link_in_order_whatever_the_order_read():
    source = Source(document="d.txt", line_start=1, line_end=1, quote="x")
    plans = [Node(id=f"plan-{y}", kind="plan", label=f"Plan {y}", text="t", sources=[source])
             for y in ("2023-24", "2021-22", "2022-23")]
    graph = with_editions(PlanGraph(nodes=plans, edges=[]),
                          {p.id: ("plan-{edition}", p.id.removeprefix("plan-")) for p in plans})
    assert {n.id: n.revision_of for n in graph.nodes} == {
        "plan-2021-22": None, "plan-2022-23": "plan-2021-22", "plan-2023-24": "plan-2022-23"}


def test_only_a_plan_has_an_edition_and_it_revises_a_plan():
    source = Source(document="d.txt", line_start=1, line_end=1, quote="x")
    plan = Node(id="p", kind="plan", label="P", text="t", sources=[source])
    with pytest.raises(ValueError, match="only a plan has an edition"):
        PlanGraph(nodes=[plan, Node(id="t", kind="theme", label="T", text="t", plan="p", sources=[source],
                                    edition="2021")], edges=[])
    with pytest.raises(ValueError, match="not another plan"):
        PlanGraph(nodes=[plan.model_copy(update={"revision_of": "p"})], edges=[])


def test_profile_edition_pattern_and_templates(tmp_path: Path):
    profile = load_profile(ROOT / "loaders" / "profiles" / "stockport" / "council-plan.toml")
    text = "The Stockport Council Plan 2024-25\nOur key priorities for 2024/25\nMeasuring our impact"
    assert recognises(profile, "cp.txt", text)
    assert read_edition(profile, text) == "2024-25"
    made = for_edition(profile, "2024-25")
    assert (made.plan.id, made.plan.title) == ("council-plan-2024-25", "Stockport Council Plan 2024-25")
    assert not recognises(profile, "cp.txt", text.replace("Council Plan 2024-25", "Council Plan"))
    northmere = load_profile(EXAMPLE / "profiles" / "council-delivery-plan.toml")
    assert for_edition(northmere, "2026/27").plan.id == "northmere-council-plan-2026-27"
    bad = tmp_path / "bad.toml"
    bad.write_text('[profile]\nname = "x"\n\n[plan]\nid = "x-{edition}"\ntitle = "X"\n', encoding="utf-8")
    with pytest.raises(LoadError, match=r"bad\.toml:5: plan\.id: '\{edition\}' needs a pattern"):
        load_profile(bad)


def test_an_edition_pattern_that_matches_nothing_is_a_warning(tmp_path: Path):
    profile = load_profile(EXAMPLE / "profiles" / "council-delivery-plan.toml")
    profile = profile.model_copy(update={"plan": profile.plan.model_copy(update={"id": "northmere-council-plan"})})
    doc = tmp_path / "plan.txt"
    doc.write_text((EXAMPLE / "northmere-council-delivery-plan-2025-26.txt").read_text(encoding="utf-8")
                   .replace("Council Delivery Plan 2025/26", "Council Delivery Plan"), encoding="utf-8")
    text = read_document(doc)
    found = rule_warnings(profile, text, LOADERS["outline"](text, profile))
    assert [(w.code, w.line, w.message) for w in found] == [
        ("rule-unmatched", 22, "[plan] edition matched no line of plan.txt: its edition is not read")]


# -- 2. what changed ------------------------------------------------------------------------

def _changes(result, *, unchanged: bool = False) -> list[dict[str, Any]]:
    return [c for c in result.changes if unchanged or c["change"] != "unchanged"]


def test_the_diff_finds_exactly_the_edits(stockport: BuildResult, next_build: BuildResult, stockport_diff):
    old, new = stockport.graph, next_build.graph
    cp_old, cp_new = "council-plan-2021-22", "council-plan-2022-23"
    ppe = (_node(old, cp_old, "We will continue to provide a personal protective"),
           _node(new, cp_new, "We will keep the personal protective"))
    quality = (_node(old, cp_old, "We will launch the Quality"), _node(new, cp_new, "We will launch the Quality"))
    dropped = _node(old, cp_old, "We will continue to develop and embed the Discharge")
    added = _node(new, cp_new, "We will open two community wellbeing hubs")
    moved = (_node(old, cp_old, "We will develop the 'Enhanced Front Door'"),
             _node(new, cp_new, "We will develop the 'Enhanced Front Door'"))
    whole = _node(old, cp_old, "We will help young people to prepare for adulthood")
    parts = [_node(new, cp_new, "We will help young people to prepare for adulthood"),
             _node(new, cp_new, "We will launch a Youth Guarantee")]
    theme = (_node(old, cp_old, "Stockport communities to be safe"),
             _node(new, cp_new, "Stockport communities to be safe"))
    found = {(c["change"], c["kind"], c["old"], c["new"]) for c in _changes(stockport_diff)}
    assert found == {
        ("reworded", "commitment", ppe[0].id, ppe[1].id),
        ("reworded", "commitment", quality[0].id, quality[1].id),
        ("dropped", "commitment", dropped.id, None),
        ("added", "commitment", None, added.id),
        ("moved", "commitment", moved[0].id, moved[1].id),
        ("split", "commitment", whole.id, parts[0].id),
        ("added", "strategy", None, "strategy/thriving-neighbourhoods-strategy-2022-25"),
        ("link changed", "delivered_through", theme[0].id, theme[1].id),
    }
    # nothing else: every other node of the old build is unchanged
    assert stockport_diff.summary()["unchanged"] == len(old.nodes) - 5
    assert len(_changes(stockport_diff, unchanged=True)) == len(old.nodes) - 5 + len(found)


def test_each_change_carries_its_evidence(stockport: BuildResult, next_build: BuildResult, stockport_diff):
    by = {(c["change"], c["kind"]): c for c in _changes(stockport_diff) if c["kind"] != "strategy"}
    ppe = next(c for c in _changes(stockport_diff) if c["change"] == "reworded" and "PPE" in c["label"])
    assert ppe["score"] == pytest.approx(0.75, abs=0.05)
    assert render_diff(ppe["diff"]) == ("We will [-continue to provide a-]{+keep the+} personal protective equipment "
                                        "(PPE) hub [-for as long as-]{+open while+} it is [-required-]{+needed+} "
                                        "to keep [-our-] staff and communities safe.")
    assert ppe["passages"]["old"]["sources"] == [{"document": OLD_DOC, "line_start": 240, "line_end": 240}]
    assert ppe["passages"]["new"]["sources"][0]["document"] == NEW_DOC
    moved = by["moved", "commitment"]
    assert (moved["old_parent"], moved["new_parent"]) == (_parent(stockport.graph, moved["old"]),
                                                          _parent(next_build.graph, moved["new"]))
    assert moved["detail"].startswith("from Delivering a new operating model for Adult Social Care")
    assert moved["detail"].endswith("to Joining up the way we work across health and care partners")
    split = by["split", "commitment"]
    assert len(split["parts"]) == 2 and split["parts"][0] == split["new"] and split["score"] >= 0.8
    assert [p["text"] for p in split["part_passages"]][1] == "We will launch a Youth Guarantee for those aged 16-30."
    dropped = by["dropped", "commitment"]
    assert dropped["passages"]["new"] is None and dropped["nearest"] and 0 < dropped["score"] < 0.5
    changed = by["link changed", "delivered_through"]
    assert changed["target"] == {"old": "strategy/neighbourhoods-strategy",
                                 "new": "strategy/thriving-neighbourhoods-strategy-2022-25"}
    assert changed["detail"] == ("strategy now named: Thriving Neighbourhoods Strategy 2022-25 "
                                 "(was Neighbourhoods Strategy, to be developed)")


def test_the_diff_reads_both_ways(stockport: BuildResult, next_build: BuildResult, stockport_diff):
    back = diff(next_build.graph, stockport.graph)
    forth = {(c["change"], c["kind"], c["old"], c["new"]) for c in _changes(stockport_diff)}
    swapped = {"dropped": "added", "added": "dropped", "split": "merged"}
    expected = {(swapped.get(ch, ch), k, n, o) for ch, k, o, n in forth if ch != "link changed"}
    got = {(c["change"], c["kind"], c["old"], c["new"]) for c in _changes(back)}
    assert {g for g in got if g[0] not in ("link lost", "link gained")} == expected
    assert {g[0] for g in got if g[1] == "delivered_through"} == {"link lost", "link gained"}


def test_a_build_compared_with_itself_is_unchanged(stockport: BuildResult):
    same = diff(stockport.graph, stockport.graph)
    assert same.summary() == {"unchanged": len(stockport.graph.nodes)}


def test_builds_of_unrelated_plans_are_refused(stockport: BuildResult, northmere: BuildResult):
    with pytest.raises(GoldenthreadError, match="no plan of the new build is an edition of a plan of the old one"):
        compare(northmere.graph, stockport.graph)


def test_the_northmere_next_edition(northmere: BuildResult):
    nxt = build_graph(NEXT_EXAMPLE)
    assert not nxt.warnings
    plan = nxt.graph.node("northmere-council-plan-2026-27")
    assert (plan.label, plan.edition) == ("Northmere Council Delivery Plan 2026/27", "2026/27")
    result = diff(northmere.graph, nxt.graph)
    summary = result.summary()
    # every change labelled in tests/data/northmere-2026-changes.csv (test_edition_quality.py scores them)
    assert summary == {"dropped": 3, "added": 12, "reworded": 11, "moved": 2, "split": 2, "merged": 2,
                       "status changed": 2, "link lost": 2, "link gained": 5, "thread mends": 6, "unchanged": 81}
    mends = {c["label"]: (c["status"]["new"], c["missing"]["new"]) for c in result.changes
             if c["change"] == "thread mends"}
    assert mends == {
        "Homes": ("red", ["delivery strategy"]), "Safer streets": ("red", ["delivery strategy"]),
        "Streets, parks and green spaces": ("red", ["delivery strategy"]),  # a Goal C scrutiny panel named
        "Clean, green and safe neighbourhoods": ("green", []),  # a lead strategy named
        "Good jobs and skills for all": ("green", []),  # its strategy no longer "to be refreshed"
        "Homes people can afford": ("amber", ["strategy in place"]),  # its board no longer "to be established"
    }
    back = diff(nxt.graph, northmere.graph)
    assert {c["label"] for c in back.changes if c["change"] == "thread breaks"} == \
        {"Homes", "Safer streets", "Streets, parks and trees", "Clean, green and safe neighbourhoods",
         "Good jobs and skills for all", "Homes people can afford"}
    swapped = {"dropped": "added", "added": "dropped", "split": "merged", "merged": "split"}
    assert {swapped.get(k, k): n for k, n in back.summary().items() if not k.startswith(("link", "thread"))} == \
        {k: n for k, n in summary.items() if not k.startswith(("link", "thread"))}


def test_a_focus_area_renamed_over_the_same_commitments_is_reworded(northmere: BuildResult):
    """"Living well" is "Active at every age" in 2026/27: no word in common, but two of its three
    commitments stayed (the third was dropped, a new one added): reworded, its commitments in place."""
    nxt = build_graph(NEXT_EXAMPLE).graph
    result = compare(northmere.graph, nxt)
    renamed = next(c for c in result.changes if c["kind"] == "priority" and c["label"] == "Active at every age")
    assert (renamed["change"], renamed["score"]) == ("reworded", 0.0)
    assert renamed["detail"] == "renamed: 2 of its 3 items kept"
    under = [c for c in result.changes if c["kind"] == "commitment" and c["old"]
             and c["old"].startswith(renamed["old"] + "/")]
    assert sorted((c["change"], c["label"][:24]) for c in under) == [
        ("dropped", "Extend opening hours at "), ("reworded", "Bring the Community Heal"),
        ("unchanged", "Expand free swimming and")]


def test_json_is_deterministic_and_sorted(stockport_diff, stockport: BuildResult, next_build: BuildResult):
    first = json.dumps(stockport_diff.to_json())
    assert first == json.dumps(diff(stockport.graph, next_build.graph).to_json())
    data = stockport_diff.to_json()
    assert {"change", "kind", "old", "new"} <= set(data["changes"][0])
    assert data["pairs"] == [{"old": "borough-plan-2030", "new": "borough-plan-2030"},
                             {"old": "council-plan-2021-22", "new": "council-plan-2022-23"},
                             {"old": "one-future-2024", "new": "one-future-2024"}]


# -- 3. ids that survive a refresh ----------------------------------------------------------

@pytest.fixture(scope="module")
def carried(stockport: BuildResult, next_corpus: Path) -> BuildResult:
    return build_graph(next_corpus, previous=stockport.graph)


def test_build_with_previous_carries_ids_forward(stockport: BuildResult, next_build: BuildResult,
                                                 carried: BuildResult, stockport_diff):
    old_ids = {n.id for n in stockport.graph.nodes}
    new_ids = {n.id for n in carried.graph.nodes}
    changes = _changes(stockport_diff, unchanged=True)
    for change in changes:  # every node kept (unchanged, reworded, moved, split's main part) keeps its id
        if change["old"] and change["new"] and change["kind"] != "plan" and change["change"] in (
                "unchanged", "reworded", "moved", "split"):
            assert change["old"] in new_ids, change
    dropped = next(c["old"] for c in changes if c["change"] == "dropped")
    assert dropped not in new_ids and carried.graph.retired == [dropped]
    added = next(c["new"] for c in changes if c["change"] == "added" and c["kind"] == "commitment")
    youth = next(c for c in changes if c["change"] == "split")["parts"][1]
    assert added in new_ids and youth in new_ids and not {added, youth} & old_ids
    # plans are editions of their own; the rest is the same graph under the old names
    assert {n.id for n in carried.graph.nodes if n.kind == "plan"} == \
        {"borough-plan-2030", "council-plan-2022-23", "one-future-2024"}
    assert len(carried.graph.nodes) == len(next_build.graph.nodes)
    assert len(carried.graph.edges) == len(next_build.graph.edges)
    again = diff(stockport.graph, carried.graph)
    assert {(c["change"], c["kind"]) for c in _changes(again)} == \
        {(c["change"], c["kind"]) for c in _changes(stockport_diff)}
    assert all(c["old"] == c["new"] for c in _changes(again) if c["old"] and c["new"])


def test_decisions_on_the_old_ids_keep_working(stockport: BuildResult, next_corpus: Path, tmp_path: Path):
    link = next(e for e in stockport.graph.edges if e.kind == "aligns_with" and e.origin == "inferred"
                and e.source.startswith("council-plan-2021-22/") and "/commitment-" in e.source)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(f"decision,source,target,kind,note\nreject,{link.source},{link.target},aligns_with,no\n",
                         encoding="utf-8")
    result = build_graph(next_corpus, decision_files=[decisions], previous=stockport.graph)
    assert not [w for w in result.warnings if w.code == "decision-unknown-node"]
    assert link.source in {n.id for n in result.graph.nodes}
    assert not [e for e in result.graph.edges if (e.source, e.kind, e.target) == (link.source, link.kind, link.target)]


def test_a_retired_id_stays_retired(carried: BuildResult, next_corpus: Path):
    again = build_graph(next_corpus, previous=carried.graph)
    assert again.graph.retired == carried.graph.retired
    assert {n.id for n in again.graph.nodes} == {n.id for n in carried.graph.nodes}


# -- 4. suspect links ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def reviewed(stockport: BuildResult, next_corpus: Path, stockport_diff, tmp_path_factory: pytest.TempPathFactory):
    """The next edition built with --previous and a reviewer's decisions: a link added from the reworded
    PPE commitment, an inferred link accepted from a commitment that did not change."""
    old = stockport.graph
    ppe = _node(old, "council-plan-2021-22", "We will continue to provide a personal protective")
    unchanged = {c["old"] for c in stockport_diff.changes if c["change"] == "unchanged" and c["kind"] == "commitment"}
    steady = next(e for e in old.edges if e.source in unchanged and e.kind == "aligns_with"
                  and e.origin == "inferred")
    # the PPE commitment has no inferred link: the reviewer adds one (to what the steady one carries out)
    rows = [(ppe.id, steady.target), (steady.source, steady.target)]
    decisions = tmp_path_factory.mktemp("suspect") / "decisions.csv"
    decisions.write_text("decision,source,target,kind,note\n" + "".join(
        f"{d},{s},{t},aligns_with,fits\n" for d, (s, t) in zip(("add", "accept"), rows)), encoding="utf-8")
    result = build_graph(next_corpus, decision_files=[decisions], previous=old)
    return result, rows, decisions


def test_a_decision_on_a_link_to_a_reworded_node_comes_out_suspect(reviewed, stockport_diff):
    result, ((ppe, ppe_target), (steady, steady_target)), decisions = reviewed
    links = {(e.source, e.target): e for e in result.graph.edges if e.kind == "aligns_with"}
    marked = links[ppe, ppe_target]
    assert marked.origin == "curated" and marked.suspect is not None
    reworded = next(c for c in stockport_diff.changes if c["change"] == "reworded" and c["old"] == ppe)
    assert (marked.suspect.end, marked.suspect.change, marked.suspect.score) == (ppe, "reworded", reworded["score"])
    warned = [w for w in result.warnings if w.code == "link-suspect"]
    assert any(ppe in w.message and "reworded" in w.message and Path(w.path).name == decisions.name
               and w.line == 2 for w in warned)
    # the link whose ends did not change keeps its decision silently
    assert links[steady, steady_target].origin == "curated" and links[steady, steady_target].suspect is None
    assert not [w for w in warned if steady in w.message]
    # graph.json carries the mark; the review CSV gains a suspect column
    data = json.loads(to_json(result.graph))
    assert next(e for e in data["edges"] if (e["source"], e["target"]) == (ppe, ppe_target))["suspect"] == \
        {"end": ppe, "change": "reworded", "score": reworded["score"]}
    assert all("suspect" not in e for e in data["edges"] if not e.get("origin") == "curated")
    assert to_json(from_json(to_json(result.graph))) == to_json(result.graph)
    assert review_columns(result.graph)[-1] == "suspect"
    row = next(r for r in review_rows(result.graph) if (r["source"], r["target"]) == (ppe, ppe_target))
    assert row["suspect"].startswith(f"reworded: {ppe}")
    assert {str(o) for o in to_rdf(result.graph).objects(None, GT.suspect)} == {row["suspect"]}


def test_the_report_lists_links_to_look_at_again(reviewed):
    from goldenthread.viz.report import render_report

    result, ((ppe, _), _), _ = reviewed
    html, markdown = render_report(Workspace(result.graph))
    assert "Links to look at again" in html and "Links to look at again" in markdown
    label = next(n.label for n in result.graph.nodes if n.id == ppe)
    assert f"{label} reworded since the previous edition" in markdown


def test_without_previous_no_link_is_suspect(northmere: BuildResult):
    assert not any(e.suspect for e in northmere.graph.edges)
    assert review_columns(northmere.graph) == COLUMNS
    assert '"suspect"' not in to_json(northmere.graph)
