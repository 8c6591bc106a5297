"""Exact extraction counts on the real Stockport documents (../shared/corpus/stockport).

Every number here was counted by reading the documents; see the comments for the
traps each one guards against.
"""

from __future__ import annotations

import pytest
from helpers import children, find, starting, targets

BP = "borough-plan-2030"
CP = "council-plan-2021-22"
OF = "one-future-2024"
BP_DOC = "borough-plan-2030-discussion-draft.txt"

# priority label -> (actions, success measures, {strategy: status}, {board label prefixes}, next steps)
BOROUGH = {
    # items "2. …attainment," + "3. working with schools…" are one action: 9 numbered items, 8 actions
    "A caring and growing Stockport": (8, 6, {"Children and Young People's Strategy": None},
                                       {"Stockport Family Partnership Board"}, 1),
    # first measure has no bullet
    "A healthy and happy Stockport": (7, 5, {"ONE Health and Care Plan": None},
                                      {"Health and Wellbeing Board"}, 1),
    # "What we will do" heading; a footnote sits inside the action list
    "A strong and supportive Stockport": (7, 6, {"Neighbourhoods Strategy": "to be developed",
                                                 "Safer Stockport Strategy": "to be refreshed"},
                                          {"Partnership steering group"}, 1),
    # "organisational equality and diversity strategies, plans, …" names no strategy (generic)
    "A fair and inclusive Stockport": (8, 5, {"One Neighbourhood and Community Strategy": "to be developed"},
                                       {"Partnership steering group"}, 2),
    # action 7 has two sub-bullets; "The action we will take" without a colon
    "A flourishing and creative Stockport": (7, 4, {"Cultural Strategy": "to be developed",
                                                    "Active Communities Strategy": None,
                                                    # one body with the Ageing Well Strategy (aliases.toml)
                                                    "Ageing Well Strategy": None},
                                             {"Stockport Cultural Network"}, 1),
    # "our Climate Action Now partnership": one node with the Council Plan's CAN Strategy (aliases.toml)
    "A climate friendly Stockport": (7, 4, {"Climate Action Now Strategy": None},
                                     {"Partnership steering group"}, 1),
    # action 1 has four sub-bullets; delivered through a programme AND a board
    "An enterprising and thriving Stockport": (8, 3, {"Mayoral Development Corporation Programme": None},
                                               {"Work and Skills Board", "Economic Alliance"}, 1),
    # the next-steps oversight cell is blank for this priority
    "A skilled and confident Stockport": (7, 4, {}, {"Work and Skills Board"}, 0),
    # status given in a following sentence: "This will be developed in partnership during 2021."
    "A radically digital Stockport": (8, 7, {"Digital Strategy": "to be developed"},
                                      {"Partnership steering group"}, 1),
}

PILLARS = {"One Heart": ["caring and growing", "healthy and happy", "strong and supportive"],
           "One Home": ["fair and inclusive", "flourishing and creative", "climate friendly"],
           "One Future": ["enterprising and thriving", "skilled and confident", "radically digital"]}


def _commitments(graph, priority, prefix):
    return [n for n in children(graph, priority.id, "commitment") if f"/{prefix}-" in n.id]


def test_borough_plan_has_three_pillars_and_nine_priorities(stockport):
    g = stockport.graph
    pillars = [n for n in g.nodes if n.kind == "theme" and n.plan == BP]
    assert sorted(p.label for p in pillars) == sorted(PILLARS)
    for pillar, expected in PILLARS.items():
        prios = children(g, find(g, "theme", pillar, BP).id, "priority")
        assert sorted(p.label.lower() for p in prios) == sorted(
            f"a {e} stockport" if not e.startswith("enter") else f"an {e} stockport" for e in expected)
    assert len([n for n in g.nodes if n.kind == "priority" and n.plan == BP]) == 9


@pytest.mark.parametrize("label", sorted(BOROUGH))
def test_borough_priority_counts(stockport, label):
    g = stockport.graph
    actions, measures, strategies, boards, next_steps = BOROUGH[label]
    prio = find(g, "priority", label, BP)
    assert len(_commitments(g, prio, "action")) == actions
    assert len(targets(g, prio.id, "measured_by")) == measures
    got = {s.label: s.status for s in targets(g, prio.id, "delivered_through")}
    assert got == strategies
    got_boards = targets(g, prio.id, "overseen_by")
    assert len(got_boards) == len(boards)
    for prefix in boards:
        assert any(b.label.startswith(prefix) for b in got_boards), (prefix, [b.label for b in got_boards])
    assert len(_commitments(g, prio, "next-step")) == next_steps


def test_generic_phrases_are_kept_as_mentions_not_strategies(stockport):
    """"individual organisation's plans" names no strategy: it is kept, with its line, on the
    priority, and never makes the priority count as having a strategy."""
    g = stockport.graph
    mentions = {n.label: [(m.text, m.kind, m.source.document, m.source.line_start) for m in n.generic_mentions]
                for n in g.nodes if n.generic_mentions}
    assert mentions == {
        "A fair and inclusive Stockport": [(
            "organisational equality and diversity strategies, plans, equality impact assessments",
            "delivered_through", BP_DOC, 508)],
        "A flourishing and creative Stockport": [("individual organisation's plans", "delivered_through", BP_DOC, 568)],
    }
    assert not [n for n in g.nodes if n.kind in ("strategy", "board", "portfolio") and n.label[:1].islower()]


def test_borough_totals(stockport):
    g = stockport.graph
    bp_doc = [n for n in g.nodes if any(s.document == BP_DOC for s in n.sources)]
    assert sum(1 for n in bp_doc if n.kind == "commitment") == 67
    assert sum(1 for n in bp_doc if n.kind == "measure") == 44


def test_borough_ambitions_come_from_the_priority_sections(stockport):
    g = stockport.graph
    assert find(g, "priority", "A climate friendly Stockport", BP).text == "A climate friendly and sustainable borough"
    assert find(g, "priority", "A strong and supportive Stockport", BP).text.startswith(
        "Confident and empowered communities")
    assert find(g, "priority", "A healthy and happy Stockport", BP).text.startswith("People to live the best lives")


def test_borough_pdf_traps(stockport):
    g = stockport.graph
    caring = find(g, "priority", "A caring and growing Stockport", BP)
    split = [c for c in _commitments(g, caring, "action") if "attainment" in c.text]
    assert len(split) == 1 and "working with schools to outline priorities" in split[0].text
    assert (split[0].sources[0].line_start, split[0].sources[0].line_end) == (283, 284)
    mdc = [c for c in g.nodes if c.kind == "commitment" and c.label.startswith("Progress our ambitious Mayoral")]
    assert len(mdc) == 1 and "Weir Mill" in mdc[0].text and "Metrolink" in mdc[0].text
    healthy = find(g, "priority", "A healthy and happy Stockport", BP)
    assert any(m.text.startswith("Reduce the widening gap") for m in targets(g, healthy.id, "measured_by"))
    texts = " ".join(n.text for n in g.nodes)
    assert "Discussion Draft" not in texts and "GM Police and Community Safety Survey" not in texts
    assert "**" not in texts


def test_slides_oversight(stockport):
    g = stockport.graph
    tbe = [n for n in g.nodes if n.kind == "board" and n.status == "to be established"]
    assert len(tbe) == 4  # strong and supportive, fair and inclusive, climate friendly, radically digital
    assert all(n.label.startswith("Partnership steering group for ") for n in tbe)
    named = {n.label for n in g.nodes if n.kind == "board" and any(
        s.document == "borough-plan-presentation-2021.txt" for s in n.sources) and n.status is None}
    assert named == {"Stockport Family Partnership Board", "Health and Wellbeing Board",
                     "Stockport Cultural Network", "Economic Alliance"}


def test_hwb_report_priorities_merge_with_borough_plan(stockport):
    g = stockport.graph
    for label in BOROUGH:
        docs = {s.document for s in find(g, "priority", label, BP).sources}
        assert {BP_DOC, "borough-plan-hwb-report-2021.txt", "borough-plan-presentation-2021.txt"} <= docs
    for pillar in PILLARS:
        docs = {s.document for s in find(g, "theme", pillar, BP).sources}
        assert "borough-plan-hwb-report-2021.txt" in docs


# ambition label prefix -> {key priority label prefix: commitments}, measures
COUNCIL = {
    "Stockport people to be able to make positive choices": (
        {"Responding and recovering": 5, "Supporting parents and carers": 5,
         "Supporting children and young people with special": 4, "Delivering a new operating model": 6,
         "Improving health outcomes": 4, "Joining up the way we work": 2}, 10),
    "Stockport to benefit from a thriving economy": (
        {"Responding and recovering": 2, "Delivering new regeneration": 2, "Shaping the future": 3,
         "Supporting the development of 'good growth'": 3, "Encouraging a successful": 4}, 6),
    "Stockport to be a place that people want to live": (
        {"Responding and recovering": 2, "Taking action on climate change": 7,
         "Developing the homes we need": 3, "Creating pride in our borough": 3,
         "Living an active and healthy life": 2, "Embracing our heritage and culture": 3}, 8),
    "Stockport communities to be safe, resilient and inclusive": (
        {"Responding and recovering": 1, "Building connected and inclusive": 6,
         "Enabling all residents": 2, "Embracing and celebrating equality": 3,
         "Working together across services": 3, "Maximising digital opportunities": 4}, 7),
}
DELIVERY_THEMES = {"We are a council that is built around our communities": 8,
                   "We are a council that uses digital to the maximum": 4,
                   "We are a council that values partnerships and collaboration": 4,
                   "We are a council that cares about our staff and engages them in the future": 8}
# family-of-plans table: (strategies, boards) per ambition column; accountability: (portfolios, committees)
FAMILY = [(8, 0), (4, 1), (9, 0), (4, 0)]
ACCOUNTABILITY = [({"Adult Care and Health portfolio", "Children, Family Services and Education portfolio"},
                   {"Adult Social Care and Health Scrutiny Committee", "Children and Families Scrutiny Committee"}),
                  ({"Economy and Regeneration portfolio"}, {"Economy and Regeneration Scrutiny Committee"}),
                  ({"Sustainable Stockport portfolio", "Inclusive Neighbourhoods portfolio"},
                   {"Communities and Housing Scrutiny Committee"}),
                  (set(), set())]  # the fourth row is blank


def _ambition(g, prefix):
    hits = starting(g, "theme", prefix[:40], CP)
    assert len(hits) == 1, prefix
    return hits[0]


@pytest.mark.parametrize("ambition", list(COUNCIL))
def test_council_key_priorities_and_commitments(stockport, ambition):
    g = stockport.graph
    expected, measures = COUNCIL[ambition]
    amb = _ambition(g, ambition)
    kps = children(g, amb.id, "priority")
    assert len(kps) == len(expected)
    for prefix, count in expected.items():
        kp = [k for k in kps if k.label.startswith(prefix)]
        assert len(kp) == 1, prefix
        assert len(children(g, kp[0].id, "commitment")) == count, prefix
    assert len(targets(g, amb.id, "measured_by")) == measures


def test_council_totals_and_traps(stockport):
    g = stockport.graph
    council = [n for n in g.nodes if n.plan == CP]
    assert sum(n.kind == "theme" for n in council) == 8
    assert sum(n.kind == "commitment" for n in council) == 79 + 24
    assert sum(n.kind == "measure" for n in council) == 31
    texts = {n.text for n in council if n.kind == "commitment"}
    # inside an HTML list cell
    assert any(t.startswith("We will promote an ‘age-friendly’ Stockport") for t in texts)
    # broken across a page
    assert ("We will improve the air quality in Stockport by promoting active and public transport and "
            "introducing a GM Clean Air Zone in 2022") in texts
    assert any(t.startswith("We will review and co-design a joined up financial inclusion support offer "
                            "creating a clear") for t in texts)
    # not starting with "We will"
    assert any(t.startswith("In line with the Greater Manchester Local Industrial Strategy, we will") for t in texts)
    # sub-bullets belong to their commitment
    mdc = [t for t in texts if t.startswith("We will progress the Mayoral Development Corporation")]
    assert len(mdc) == 1 and "Weir Mill" in mdc[0]
    assert not any("CONSULTATION DRAFT" in n.text for n in council)


def test_council_delivery_themes(stockport):
    g = stockport.graph
    for label, count in DELIVERY_THEMES.items():
        assert len(children(g, find(g, "theme", label, CP).id, "commitment")) == count


def test_council_family_of_plans_and_accountability(stockport):
    g = stockport.graph
    for i, ambition in enumerate(COUNCIL):
        amb = _ambition(g, ambition)
        strategies = targets(g, amb.id, "delivered_through")
        boards = [b for b in targets(g, amb.id, "overseen_by") if "Scrutiny" not in b.label]
        assert (len(strategies), len(boards)) == FAMILY[i], ambition
        portfolios, committees = ACCOUNTABILITY[i]
        assert {p.label for p in targets(g, amb.id, "accountable_to")} == portfolios
        assert {b.label for b in targets(g, amb.id, "overseen_by") if "Scrutiny" in b.label} == committees
    statuses = {n.label: n.status for n in g.nodes if n.kind == "strategy"}
    assert statuses["Cultural Strategy"] == "to be developed"
    assert statuses["Neighbourhoods Strategy"] == "to be developed"
    # the same name in two columns is one node with two sources
    active = find(g, "strategy", "Active Communities Strategy")
    assert len([e for e in g.edges if e.target == active.id and e.kind == "delivered_through"]) == 3


def test_one_future(stockport):
    g = stockport.graph
    themes = {n.label for n in g.nodes if n.kind == "theme" and n.plan == OF}
    assert {"Good jobs and homes", "The best place to grow up", "Best health and care",
            "Thriving neighbourhoods", "Clean, green transport"} <= themes
    assert sum(t.startswith(("Fairness and inclusion", "Environmental sustainability",
                             "Economic resilience")) for t in themes) == 3
    assert len(themes) == 8


def test_summary_counts_per_document(stockport):
    assert [d.name for d in stockport.documents] == [
        "borough-plan-2030-discussion-draft.txt", "borough-plan-hwb-report-2021.txt",
        "borough-plan-presentation-2021.txt", "council-plan-2021-22-consultation-draft.txt",
        "one-future-scrutiny-report-2024.txt"]
    assert [(s.name, s.reason) for s in stockport.skipped] == [("README.md", "no profile recognises it")]
    assert stockport.warnings == []  # every rule of every profile matched, nothing guessed


def test_blank_table_cells_are_recorded(stockport):
    g = stockport.graph
    blanks = {(n.label[:30], b.table, b.column, b.source.line_start) for n in g.nodes for b in n.blanks}
    assert blanks == {
        ("A skilled and confident Stockp", "key next steps", "commitment", 348),
        ("A skilled and confident Stockp", "key next steps", "board", 348),
        ("Stockport communities to be sa", "accountability", "board", 466),
        ("Stockport communities to be sa", "accountability", "portfolio", 466),
    }


def test_absences_keep_their_nearest_candidates(stockport):
    """A node the alignment linked to nothing in the other plan keeps what it was compared with:
    the evidence that its absence is inferred, not stated."""
    g = stockport.graph
    theme = find(g, "theme", "We are a council that uses digital to the maximum")
    assert theme.text.startswith("We have the ambition to be a radically digital council")
    best = theme.candidates[0]
    assert g.node(best.node).label == "A radically digital Stockport"
    assert best.score < best.threshold and "digital" in best.terms
    linked = ({e.source for e in g.edges if e.kind == "aligns_with"}
              | {e.target for e in g.edges if e.kind == "aligns_with"})
    for n in g.nodes:
        if n.candidates:
            assert n.id not in linked or n.kind in ("theme", "priority"), n.id  # commitments: only unlinked ones
            assert [c.score for c in n.candidates] == sorted((c.score for c in n.candidates), reverse=True)
            assert all(g.node(c.node).plan != n.plan for c in n.candidates)
