"""The bundled Northmere example (its own house style, its own profiles) against
tests/data/northmere-expected.md, the ground truth written with the documents."""

from __future__ import annotations

import pytest
from helpers import children, find, targets

PP = "northmere-partnership-plan-2035"
CP = "northmere-council-plan-2025-26"

# priority -> (theme, commitments, indicators, {strategy: status}, {board: status})
PARTNERSHIP = {
    "Best start for every child": ("Thriving People", 4, 3,
                                   {"Northmere Best Start Strategy 2024-2029": None},
                                   {"Children and Families Partnership Board": None}),
    "Healthier, longer lives": ("Thriving People", 3, 0,
                                {"Northmere Health and Wellbeing Strategy 2023-2028": None},
                                {"Northmere Health and Wellbeing Board": None}),
    "Good jobs and skills for all": ("A Fair and Growing Economy", 5, 4,
                                     {"Northmere Inclusive Economy Strategy": "to be refreshed"},
                                     {"Northmere Economic Forum": None}),
    "Thriving town and district centres": ("A Fair and Growing Economy", 3, 1,
                                           {"Kelderbridge Town Centre Masterplan": None}, {}),
    "Homes people can afford": ("Safe and Green Places", 4, 2,
                                {"Northmere Housing Strategy": "to be developed"},
                                {"Housing Partnership Board for Homes people can afford": "to be established"}),
    "Clean, green and safe neighbourhoods": ("Safe and Green Places", 5, 3, {},
                                             {"Safer Northmere Partnership": None}),
}
# focus area -> commitments; goal -> (focus areas, measures, portfolio, scrutiny panel)
FOCUS = {"Best start for children": 3, "Living well": 3, "Jobs and skills": 3, "Town centres": 2,
         "Easier access to Council services": 2, "Homes": 3, "Safer streets": 2, "Streets, parks and trees": 3}
GOALS = {"Healthy and happy lives": (2, 3, "Health, Care and Families portfolio", "People Scrutiny Panel"),
         "A fairer local economy": (3, 4, "Economy and Resources portfolio", "Place and Economy Scrutiny Panel"),
         "Safe, clean and green neighbourhoods": (3, 3, "Environment, Housing and Highways portfolio", None)}


@pytest.mark.parametrize("label", list(PARTNERSHIP))
def test_partnership_priorities(northmere, label):
    g = northmere.graph
    theme, commitments, indicators, strategies, boards = PARTNERSHIP[label]
    prio = find(g, "priority", label, PP)
    assert prio in children(g, find(g, "theme", theme, PP).id, "priority")
    assert prio.text  # the "Aim:" line
    assert len(children(g, prio.id, "commitment")) == commitments
    assert len(targets(g, prio.id, "measured_by")) == indicators
    assert {s.label: s.status for s in targets(g, prio.id, "delivered_through")} == strategies
    assert {b.label: b.status for b in targets(g, prio.id, "overseen_by")} == boards


def test_partnership_text_handling(northmere):
    g = northmere.graph
    texts = {n.text for n in g.nodes if n.kind == "commitment"}
    assert ("Plant 50,000 trees across the borough by 2035 and create new wildlife corridors along "
            "the River Kelder and the old Wetherlow railway line.") in texts
    skills = [t for t in texts if t.startswith("Deliver an adult skills offer")]
    assert len(skills) == 1 and "everyday digital skills" in skills[0]
    assert ("Support Parks & Green Spaces 'Friends' groups to look after local parks, "
            "with small grants and tools.") in texts
    assert not any("Consultation version" in n.text for n in g.nodes)


@pytest.mark.parametrize("goal", list(GOALS))
def test_council_goals(northmere, goal):
    g = northmere.graph
    areas, measures, portfolio, panel = GOALS[goal]
    node = find(g, "theme", goal, CP)
    focus = children(g, node.id, "priority")
    assert len(focus) == areas
    for area in focus:
        assert len(children(g, area.id, "commitment")) == FOCUS[area.label]
    assert len(targets(g, node.id, "measured_by")) == measures
    assert [p.label for p in targets(g, node.id, "accountable_to")] == [portfolio]
    assert [b.label for b in targets(g, node.id, "overseen_by")] == ([panel] if panel else [])


def test_totals(northmere):
    g = northmere.graph
    count = lambda plan, kind: sum(1 for n in g.nodes if n.plan == plan and n.kind == kind)  # noqa: E731
    assert (count(PP, "theme"), count(PP, "priority"), count(PP, "commitment"), count(PP, "measure")) == (3, 6, 24, 13)
    assert (count(CP, "theme"), count(CP, "priority"), count(CP, "commitment"), count(CP, "measure")) == (3, 8, 21, 10)
    wrapped = [n for n in g.nodes if n.plan == CP and n.text.startswith("We shall fund two additional youth")]
    assert wrapped[0].text.endswith("in the evenings and at weekends.")
    assert (wrapped[0].sources[0].line_start, wrapped[0].sources[0].line_end) == (79, 80)


def test_example_builds_without_manifest(tmp_path, northmere):
    """The profiles' [recognise] patterns find the documents on their own."""
    import shutil

    from conftest import EXAMPLE

    from goldenthread.graph.build import build_graph

    for f in EXAMPLE.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    result = build_graph(tmp_path, profile_dirs=[EXAMPLE / "profiles"])
    assert sorted(d.profile for d in result.documents) == ["northmere-council-delivery-plan",
                                                           "northmere-partnership-plan"]
    assert len(result.graph.nodes) == len(northmere.graph.nodes)


# -- against tests/data/northmere-expected.md, read as written -----------------------------

EXPECTED = (__import__("conftest").ROOT / "tests" / "data" / "northmere-expected.md").read_text(encoding="utf-8")


def _table(heading: str) -> list[list[str]]:
    """The rows of the Markdown table under ``heading`` in northmere-expected.md."""
    section = EXPECTED.split(heading, 1)[1]
    rows = []
    for line in section.split("\n")[1:]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").replace("\\|", "¦").split("|")]
            if not set("".join(cells)) <= set("-: "):
                rows.append(cells)
        elif rows:
            break
    return rows[1:]  # without the header row


def _number(cell: str) -> int:
    return int(cell.strip("*").split()[0])


def test_headline_counts_are_the_ground_truth(northmere):
    g = northmere.graph
    rows = {r[0]: r[1:] for r in _table("## Headline counts")}
    count = lambda plan, kind: sum(1 for n in g.nodes if n.plan == plan and n.kind == kind)  # noqa: E731
    for row, kind in (("Themes / Goals", "theme"), ("Priorities / Focus areas", "priority"),
                      ("Commitments", "commitment"), ("Indicators / Measures", "measure")):
        assert [count(PP, kind), count(CP, kind)] == [_number(c) for c in rows[row]], row
    named = lambda kind: {e.target for e in g.edges if e.kind in ("delivered_through", "overseen_by")  # noqa: E731
                          and g.node(e.source).plan == PP and g.node(e.target).kind == kind}
    assert len(named("strategy")) == _number(rows["Lead strategies (distinct)"][0])
    assert len(named("board")) == _number(rows["Oversight boards (distinct)"][0])


def test_each_priority_and_focus_area_is_as_the_ground_truth_says(northmere):
    g = northmere.graph
    for theme, priority, commitments, indicators, strategy, oversight in _table("### Themes, priorities and counts"):
        if theme.startswith("**"):
            continue  # the totals row
        prio = find(g, "priority", priority.split(" ", 1)[1], PP)
        assert len(children(g, prio.id, "commitment")) == _number(commitments), priority
        assert len(targets(g, prio.id, "measured_by")) == _number(indicators.split(",")[0]), priority
        stated = {s.label for s in targets(g, prio.id, "delivered_through")}
        assert stated == (set() if strategy.startswith("missing") else {strategy.rsplit(" (", 1)[0]}), priority
        boards = targets(g, prio.id, "overseen_by")
        assert len(boards) == (0 if oversight.startswith("missing") else 1), priority
    for goal, area, commitments, _ in _table("### Goals, focus areas and counts"):
        if goal.startswith("**"):
            continue
        node = find(g, "priority", area.split(": ", 1)[1], CP)
        assert len(children(g, node.id, "commitment")) == _number(commitments), area
