"""What profiles can say beyond headings and lists: items split on one line, what a
measure's document says of it (target, baseline, RAG), and the plan's own vision text.

Each test writes a small document of a fictional council (Eastwold) and a profile,
builds it, and checks the graph a user would see.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.core.errors import LoadError
from goldenthread.graph.build import build_graph
from goldenthread.graph.rdf import to_rdf, validate
from goldenthread.graph.serialize import to_json
from goldenthread.loaders.outline import load_outline
from goldenthread.loaders.profile import load_profile
from goldenthread.loaders.text import read_document

# an inline table, which TOML keeps on one line
FIELDS = (r"fields = { target = 'target:?\s*(?P<value>[^;)]+)', baseline = 'baseline:?\s*(?P<value>[^;)]+)', "
          r"rag = '\b(?:RAG|status):?\s*(?P<value>\w+)' }")

PROFILE = r"""
[profile]
name = "eastwold-plan"

[plan]
id = "eastwold-plan-2030"
title = "Eastwold Plan 2030"
text = "Typed into the profile"

[recognise]
all = ['^EASTWOLD PLAN 2030$']

[[attributes]]
name = "vision"
match = '^Our vision$'
kind = "plan"
text = "next"

[[sections]]
name = "priority"
match = '^Priority \d+: (?P<label>.+)$'
kind = "priority"
within = "plan"

[[lists]]
name = "measures"
opens = '^Measures$'
kind = "measure"
within = "priority"
item = '^[-•]\s+(?P<text>.+)$'
item_split = '\s+•\s+'
""" + FIELDS + "\n"

DOCUMENT = """EASTWOLD PLAN 2030

Our vision
An Eastwold where every village has a bus, a school and a shop, and
nobody is left out in the cold.

Priority 1: Warm homes
Measures
- Homes insulated (target: 500 a year; baseline: 120 in 2024; RAG: amber)
- Households in fuel poverty (target 10%) • Complaints about damp • Grants paid (status: Green)
"""


def _build(tmp_path: Path, document: str = DOCUMENT, profile: str = PROFILE):
    corpus = tmp_path / "corpus"
    (corpus / "profiles").mkdir(parents=True)
    (corpus / "profiles" / "eastwold.toml").write_text(profile, encoding="utf-8")
    (corpus / "eastwold-plan.txt").write_text(document, encoding="utf-8")
    return build_graph(corpus, profile_dirs=[corpus / "profiles"])


def _measures(result):
    return sorted((n for n in result.graph.nodes if n.kind == "measure"), key=lambda n: n.id)


def test_several_items_on_one_line_become_several_measures(tmp_path):
    result = _build(tmp_path)
    assert [m.label for m in _measures(result)] == [
        "Homes insulated", "Households in fuel poverty", "Complaints about damp", "Grants paid"]
    line = DOCUMENT.split("\n").index("- Households in fuel poverty (target 10%) • Complaints about damp "
                                      "• Grants paid (status: Green)") + 1
    split = [m for m in _measures(result) if m.sources[0].line_start == line]
    assert [m.sources[0].quote for m in split] == [
        "Households in fuel poverty (target 10%)", "Complaints about damp", "Grants paid (status: Green)"]
    assert result.warnings == []


def test_measures_keep_target_baseline_and_rag_in_fields_not_labels(tmp_path):
    result = _build(tmp_path)
    by_label = {m.label: m for m in _measures(result)}
    homes = by_label["Homes insulated"]
    assert (homes.target, homes.baseline, homes.rag) == ("500 a year", "120 in 2024", "amber")
    assert homes.text == "Homes insulated (target: 500 a year; baseline: 120 in 2024; RAG: amber)"
    assert (by_label["Households in fuel poverty"].target, by_label["Households in fuel poverty"].rag) == ("10%", None)
    assert by_label["Grants paid"].rag == "green"
    assert (by_label["Complaints about damp"].target, by_label["Complaints about damp"].rag) == (None, None)
    # in graph.json only where the document says something, and in RDF with the ontology's terms
    nodes = {n["label"]: n for n in json.loads(to_json(result.graph))["nodes"]}
    assert nodes["Homes insulated"]["rag"] == "amber" and "rag" not in nodes["Complaints about damp"]
    assert "target" not in nodes["Warm homes"]
    conforms, report = validate(to_rdf(result.graph))
    assert conforms, report


def test_an_unknown_rag_word_stays_in_the_text_with_a_warning(tmp_path):
    result = _build(tmp_path, DOCUMENT.replace("RAG: amber", "RAG: purple"))
    homes = next(m for m in _measures(result) if m.label.startswith("Homes insulated"))
    assert homes.rag is None and "purple" in homes.text
    assert [(w.code, w.line) for w in result.warnings] == [("rag-unknown", 9)]
    assert "'purple' is not a RAG rating" in result.warnings[0].message


def test_the_plan_vision_is_read_from_the_document(tmp_path):
    result = _build(tmp_path)
    plan = result.graph.node("eastwold-plan-2030")
    assert plan.text == ("An Eastwold where every village has a bus, a school and a shop, and "
                         "nobody is left out in the cold.")
    assert [(s.line_start, s.line_end) for s in plan.sources] == [(1, 1), (3, 3), (4, 5)]


def test_without_a_vision_in_the_document_the_profile_text_stays(tmp_path):
    result = _build(tmp_path, DOCUMENT.replace("Our vision\n", "About us\n"))
    assert result.graph.node("eastwold-plan-2030").text == "Typed into the profile"
    assert [w.code for w in result.warnings] == ["rule-unmatched"]


@pytest.mark.parametrize("field, pattern, message", [
    ("target", r"target (?P<amount>\d+)", "lists.0.fields.target: the pattern needs a named group (?P<value>...)"),
    ("colour", r"(?P<value>red)", "lists.0.fields.colour"),
])
def test_bad_field_patterns_are_errors(tmp_path, field, pattern, message):
    profile = PROFILE.replace(FIELDS, f"fields = {{ {field} = '{pattern}' }}")
    path = tmp_path / "p.toml"
    path.write_text(profile, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_profile(path)
    assert message in str(caught.value)
    assert caught.value.line == profile.split("\n").index(next(
        ln for ln in profile.split("\n") if ln.startswith("fields"))) + 1


def test_fields_only_for_measures(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(PROFILE.replace('kind = "measure"', 'kind = "commitment"'), encoding="utf-8")
    with pytest.raises(LoadError, match="only measures have targets"):
        load_profile(path)


def test_a_profile_edited_between_builds_is_read_again(tmp_path):
    """Profiles read before are not parsed again while unchanged (every build reads the built-in
    ones): an edited file is read as it now is, and a broken one fails every time it is loaded."""
    path = tmp_path / "p.toml"
    path.write_text(PROFILE, encoding="utf-8")
    assert load_profile(path).plan.title == "Eastwold Plan 2030"
    refreshed = PROFILE.replace('title = "Eastwold Plan 2030"', 'title = "Eastwold Plan 2030, refreshed"')
    path.write_text(refreshed, encoding="utf-8")
    assert load_profile(path).plan.title == "Eastwold Plan 2030, refreshed"
    path.write_text(PROFILE.replace('kind = "measure"', 'kind = "commitment"'), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(LoadError, match="only measures have targets"):
            load_profile(path)
    path.write_text(PROFILE, encoding="utf-8")
    assert load_profile(path).plan.title == "Eastwold Plan 2030"


_WORDS = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F), min_size=1, max_size=8)
_ITEM = st.lists(_WORDS, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=examples(60), deadline=None)
@given(items=st.lists(_ITEM, min_size=1, max_size=20))
def test_item_split_gives_every_item_once_in_order(tmp_path_factory, items):
    """Any number of items on one line come back as that many measures, in order, each quoted exactly."""
    folder = tmp_path_factory.mktemp("split")
    profile = folder / "p.toml"
    profile.write_text(PROFILE.replace("fields = {", "# fields = {"), encoding="utf-8")
    doc = folder / "d.txt"
    doc.write_text("EASTWOLD PLAN 2030\n\nPriority 1: Warm homes\nMeasures\n- " + " • ".join(items) + "\n",
                   encoding="utf-8")
    extract = load_outline(read_document(doc), load_profile(profile))
    measures = [m for m in extract.mentions if m.kind == "measure"]
    assert [m.text for m in measures] == [" ".join(i.split()) for i in items]
    assert [m.sources[0].quote for m in measures] == [i.strip() for i in items]
    assert [m.ordinal for m in measures] == list(range(1, len(items) + 1))


def test_a_repeated_heading_continues_its_numbering(tmp_path):
    """The same priority heading twice in one document is one priority; its items are not
    merged by position but numbered on."""
    doc = DOCUMENT + ("\nPriority 2: Buses\nMeasures\n- Bus journeys\n"
                      "\nPriority 1: Warm homes\nMeasures\n- Boilers replaced\n")
    result = _build(tmp_path, doc)
    warm = [m for m in _measures(result) if "/priority/warm-homes/" in m.id]
    assert [m.label for m in sorted(warm, key=lambda m: int(m.id.split("/measure-")[1].split("-")[0]))] == [
        "Homes insulated", "Households in fuel poverty", "Complaints about damp", "Grants paid", "Boilers replaced"]
    assert [w.code for w in result.warnings] == []
