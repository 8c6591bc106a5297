"""Cross-plan alignment: measured quality, explainable evidence, and the review loop."""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
import sys

import pytest
from conftest import EXAMPLE, ROOT
from helpers import CliResult, find, run_cli

from goldenthread.graph import align
from goldenthread.graph.build import build_graph
from goldenthread.graph.evaluate import add, evaluate, read_generated_gold, read_gold

GOLD = ROOT / "tests" / "data" / "alignment-gold.csv"
NORTHMERE_GOLD = ROOT / "tests" / "data" / "northmere-alignment-gold.csv"
CP, BP, OF = "council-plan-2021-22", "borough-plan-2030", "one-future-2024"
NM_COUNCIL, NM_PARTNERSHIP = "northmere-council-plan-2025-26", "northmere-partnership-plan-2035"
COUNCIL_DOC = "council-plan-2021-22-consultation-draft.txt"
BOROUGH_DOC = "borough-plan-2030-discussion-draft.txt"
SLIDES_DOC = "borough-plan-presentation-2021.txt"


def _aligned(graph, node_id):
    return [e for e in graph.edges if e.kind == "aligns_with" and e.source == node_id]


def test_labelled_sample_is_large_enough():
    gold = read_gold(GOLD)
    assert len(gold) >= 40
    assert sum(1 for v in gold.values() if not v) >= 10  # includes commitments with no counterpart


def _at(graph, document, line, words=""):
    """The commitment whose text starts at ``line`` of ``document`` (and contains ``words``, where
    a line holds several)."""
    hits = [n for n in graph.nodes if n.kind == "commitment" and words in n.text
            and (n.sources[0].document, n.sources[0].line_start) == (document, line)]
    assert len(hits) == 1, f"expected one commitment at {document}:{line}, found {[n.id for n in hits]}"
    return hits[0]


def test_precision_and_recall_floors(stockport):
    """Tuning set (measured: commitment P 1.000, R 0.962 = 50 of 52; priority P 1.000, R 1.000)."""
    commitment, priority = evaluate(stockport.graph, read_gold(GOLD), CP, BP, stopwords=stockport.stopwords)
    assert commitment.precision >= 0.98, commitment
    assert commitment.recall >= 0.95, commitment
    assert priority.precision >= 0.95, priority
    assert priority.recall >= 0.95, priority


def test_held_out_northmere_floors(northmere):
    """Held out, never tuned on (measured: P 1.000, R 1.000 = 17 of 17); the floors allow one
    wrong link or one miss."""
    gold = read_gold(NORTHMERE_GOLD)
    assert len(gold) == 21 and sum(1 for v in gold.values() if v) == 17
    commitment, _ = evaluate(northmere.graph, gold, NM_COUNCIL, NM_PARTNERSHIP, stopwords=northmere.stopwords)
    assert commitment.precision >= 0.94, commitment
    assert commitment.recall >= 0.94, commitment


@pytest.fixture(scope="module")
def generated_councils(tmp_path_factory):
    """The benchmark's held-out councils: 10 generated councils, seed 1, with their labels."""
    bench = ROOT / "benchmarks"
    if str(bench) not in sys.path:
        sys.path.insert(0, str(bench))
    module = sys.modules.get("generate_corpus")
    if module is None:
        spec = importlib.util.spec_from_file_location("generate_corpus", bench / "generate_corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["generate_corpus"] = module
        spec.loader.exec_module(module)
    out = []
    for folder in module.generate(tmp_path_factory.mktemp("councils"), 10, seed=1):
        built = build_graph(folder)
        out.append((built, *read_generated_gold(folder, built.graph)))
    return out


def test_held_out_generated_councils_floors(generated_councils):
    """Held out, never tuned on (measured: P 0.960, R 0.960 over 625 labelled council
    commitments); floors 0.02 below."""
    total = add([evaluate(b.graph, gold, lower, higher, stopwords=b.stopwords)[0]
                 for b, gold, lower, higher in generated_councils])
    assert total.gold >= 500
    assert total.precision >= 0.94, total
    assert total.recall >= 0.94, total


@pytest.mark.parametrize("council_line,words,borough_doc,borough_line", [
    (253, "SEND Strategy", BOROUGH_DOC, 287),  # "continue to deliver our SEND Strategy" / "Deliver our SEND Strategy"
    (412, "shared strategy", SLIDES_DOC, 277),  # "co-design a shared strategy for our Voluntary, …" on the slides
    (376, "Cultural Strategy", SLIDES_DOC, 315),  # "co-create and launch a new Cultural Strategy" / "Co-design …"
    (321, "Local Plan", BOROUGH_DOC, 700),  # "develop a Local Plan which …" / "Co-develop a Local Plan which …"
    (277, "Integrated Care Systems", SLIDES_DOC, 266),  # locality plan / One Health and Care Plan "… ICS discussions"
    (179, "Integrated Care Systems", SLIDES_DOC, 266),
])
def test_near_verbatim_restatements_always_link(stockport, council_line, words, borough_doc, borough_line):
    """Restatements across the Council Plan, the Borough Plan and its slides link, with evidence:
    how (method), the two passages compared, and the score."""
    g = stockport.graph
    council, borough = _at(g, COUNCIL_DOC, council_line, words), _at(g, borough_doc, borough_line)
    links = [e for e in _aligned(g, council.id) if e.target == borough.id]
    assert len(links) == 1, [e.target for e in _aligned(g, council.id)]
    link = links[0]
    assert link.origin == "inferred"
    assert link.evidence.method in align.COMMITMENT_METHODS
    assert [(s.document, s.line_start) for s in link.evidence.sources] == [(COUNCIL_DOC, council_line),
                                                                           (borough_doc, borough_line)]
    assert 0 < link.confidence <= 1
    assert link.evidence.note.startswith(f"score {link.confidence:.2f}")
    assert "shared terms: " in link.evidence.note


def test_links_below_the_threshold_say_what_corroborates_them(stockport):
    g = stockport.graph
    commitments = {n.id for n in g.nodes if n.kind == "commitment"}
    links = [e for e in g.edges if e.kind == "aligns_with" and e.origin == "inferred" and e.source in commitments]
    weak = [e for e in links if e.confidence < align.THRESHOLD]
    assert weak  # SEND Strategy, ICS, Stockport Family
    for link in weak:
        assert link.evidence.method in (align.METHOD_ANCHOR, align.METHOD_CONTEXT), link
        assert link.confidence >= align.LOW_THRESHOLD
        assert "corroborated" in link.evidence.note
    send = [e for e in weak if e.source == _at(g, COUNCIL_DOC, 253).id]
    assert send[0].evidence.method == align.METHOD_ANCHOR
    assert "'send strategy'" in send[0].evidence.note.lower()


# -- nearest candidates, for commitments with no counterpart --------------------------------

@pytest.fixture(scope="module")
def stockport_candidates(stockport):
    return align.candidates(stockport.graph, stockport.plan_pairs, stockport.stopwords)


def test_candidates_cover_every_commitment_of_both_plans(stockport, stockport_candidates):
    g = stockport.graph
    plan = {n.id: n.plan for n in g.nodes}
    for side, other in ((CP, BP), (BP, CP)):
        commitments = [n.id for n in g.nodes if n.kind == "commitment" and n.plan == side]
        for c in commitments:
            found = stockport_candidates[c]
            assert len(found) <= 3
            assert [x.rank for x in found] == list(range(1, len(found) + 1))
            assert [x.score for x in found] == sorted((x.score for x in found), reverse=True)
            assert all(x.commitment == c and plan[x.other] == other and x.other_plan == other for x in found)
    assert all(stockport_candidates[n.id] for n in g.nodes if n.kind == "commitment" and n.plan in (CP, BP))


def test_candidates_name_the_nearest_restatement_of_an_absence(stockport, stockport_candidates):
    """Council Plan 177 has no counterpart in the labelled set; its nearest Borough commitments are
    offered with score and shared terms, whatever the threshold."""
    g = stockport.graph
    delivery_plans = _at(g, COUNCIL_DOC, 177)
    assert _aligned(g, delivery_plans.id) == []
    nearest = stockport_candidates[delivery_plans.id]
    assert len(nearest) == 3
    assert all(0 < x.score < align.THRESHOLD for x in nearest)
    assert all("plan" in x.terms for x in nearest)
    # and from the Borough Plan's side: a next step nothing carries out gets its nearest Council commitments
    mobilisation = _at(g, SLIDES_DOC, 259)
    assert not [e for e in g.edges if e.kind == "aligns_with" and e.target == mobilisation.id]
    assert {plan_of.plan for plan_of in (g.node(x.other) for x in stockport_candidates[mobilisation.id])} == {CP}


def test_candidates_score_exactly_as_links(stockport, stockport_candidates):
    g = stockport.graph
    commitments = {n.id for n in g.nodes if n.kind == "commitment"}
    links = [e for e in g.edges if e.kind == "aligns_with" and e.origin == "inferred" and e.source in commitments]
    compared = 0
    for link in links:
        for x in stockport_candidates[link.source]:
            if x.other == link.target:
                assert x.score == pytest.approx(link.confidence, abs=1e-9)
                compared += 1
    assert compared >= 45
    send = stockport_candidates[_at(g, COUNCIL_DOC, 253).id][0]
    assert send.other == _at(g, BOROUGH_DOC, 287).id
    assert send.terms[:2] == ("send", "strategy")


def test_candidates_are_deterministic_and_frozen(northmere):
    pairs, stop = northmere.plan_pairs, northmere.stopwords
    first = align.candidates(northmere.graph, pairs, stop)
    assert first == align.candidates(northmere.graph, list(reversed(pairs)), stop)
    x = next(c for found in first.values() for c in found)
    with pytest.raises(dataclasses.FrozenInstanceError):
        x.score = 1.0
    potholes = [n for n in northmere.graph.nodes if n.kind == "commitment" and "repair potholes" in n.text][0]
    assert first[potholes.id] == ()  # shares no word with any partnership commitment
    assert len(align.candidates(northmere.graph, pairs, stop, k=1)[potholes.id]) == 0


def test_a_build_scores_each_pair_of_plans_once():
    """The links and the nearest candidates of a build read one set of scores per aligned pair."""
    align._pair_scores.cache_clear()
    built = build_graph(EXAMPLE)
    info = align._pair_scores.cache_info()
    assert len(built.plan_pairs) == 1
    assert (info.misses, info.hits) == (1, 1)


def test_changed_commitments_are_scored_afresh(northmere):
    """Scores are kept by the commitments they are made from: a reworded commitment is scored
    again, and the scores read are those of the graph given, never another graph's."""
    graph = northmere.graph
    (lower, higher), stop = northmere.plan_pairs[0], align.stopwords_of(northmere.stopwords, northmere.plan_pairs[0][0])
    before = align.pair_scores(graph, lower, higher, stop)
    potholes = next(n for n in graph.nodes if n.kind == "commitment" and "repair potholes" in n.text)
    assert before.forward[potholes.id] == []  # shares no word with any partnership commitment
    target = before.high[0]
    reworded = graph.model_copy(update={"nodes": [
        n.model_copy(update={"text": graph.node(target).text}) if n.id == potholes.id else n for n in graph.nodes]})
    after = align.pair_scores(reworded, lower, higher, stop)
    fresh = align.PairScores(align.pair_commitments(reworded, lower, higher), lower, higher, stop)
    assert after.forward == fresh.forward
    assert after.forward[potholes.id][0] == (1.0, target)
    assert align.pair_scores(graph, lower, higher, stop).forward == before.forward


@pytest.mark.parametrize("start", [
    "We will continue to provide a personal protective equipment (PPE) hub",
    "We will work with our partners across health and care on key priorities including vaccination",
    "We will focus on keeping our highways safe",
    "We will progress our Forward Plan for Museums",
    "We will support the pandemic response by working with businesses",
])
def test_no_counterpart_gets_no_link(stockport, start):
    g = stockport.graph
    hits = [n for n in g.nodes if n.plan == CP and n.kind == "commitment" and n.text.startswith(start)]
    assert len(hits) == 1
    assert _aligned(g, hits[0].id) == []


def test_near_verbatim_commitment_links_with_evidence(stockport):
    g = stockport.graph
    food = [n for n in g.nodes if n.plan == CP and n.text.startswith("We will introduce a new Food Network")][0]
    links = _aligned(g, food.id)
    assert len(links) == 1
    target = {n.id: n for n in g.nodes}[links[0].target]
    assert target.plan == BP and target.label == "Introduce a new Food Network"
    link = links[0]
    assert link.origin == "inferred" and 0.5 < link.confidence <= 1
    assert "food" in link.evidence.note and "score" in link.evidence.note
    assert [s.document for s in link.evidence.sources] == ["council-plan-2021-22-consultation-draft.txt",
                                                            "borough-plan-2030-discussion-draft.txt"]


def test_priority_links_count_their_support(stockport):
    g = stockport.graph
    climate = [n for n in g.nodes if n.plan == CP and n.label == "Taking action on climate change"][0]
    links = {e.target: e for e in _aligned(g, climate.id)}
    link = links[find(g, "priority", "A climate friendly Stockport", BP).id]
    assert link.evidence.note.startswith("6 of 7 commitments align")
    assert link.confidence == pytest.approx(6 / 7, abs=1e-3)


def test_shared_strategies_link_ambitions_to_priorities(stockport):
    g = stockport.graph
    ambition = [n for n in g.nodes if n.plan == CP and n.kind == "theme" and n.label.startswith("Stockport people")][0]
    shared = [e for e in _aligned(g, ambition.id) if e.evidence.method == "shared delivery strategy or board"]
    names = {t.split("/")[-1] for t in (e.target for e in shared)}
    assert {"caring-growing", "healthy-happy"} <= names
    assert all("both name" in e.evidence.note for e in shared)


def test_one_future_carries_forward_through_curated_links(stockport):
    g = stockport.graph
    themes = [n for n in g.nodes if n.plan == OF and n.kind == "theme"]
    origins = set()
    for theme in themes:
        links = _aligned(g, theme.id)
        assert links, f"{theme.label} carries nothing forward"
        origins |= {e.origin for e in links}
    # the shipped curated mapping carries One Future forward (README, "Linking the plans"): text
    # similarity on such short themes adds no inferred link the mapping does not already hold
    assert origins == {"curated"}
    carried = {e.target for t in themes for e in _aligned(g, t.id)}
    assert find(g, "priority", "A radically digital Stockport", BP).id not in carried  # drift


def test_stated_links_are_never_alignments(stockport):
    assert all(e.kind != "aligns_with" for e in stockport.graph.edges if e.origin == "stated")


def test_method_carries_over_to_another_house_style(northmere):
    """Northmere (its own style, never tuned on): 17 council commitments have a counterpart."""
    g = northmere.graph
    by_id = {n.id: n for n in g.nodes}
    links = [e for e in g.edges if e.kind == "aligns_with" and by_id[e.source].kind == "commitment"]
    for link in links:  # every inferred pair shares its key words
        assert by_id[link.source].plan == "northmere-council-plan-2025-26"
        assert by_id[link.target].plan == "northmere-partnership-plan-2035"
    assert len(links) >= 15
    council_only = ["opening hours at Kelderbridge Museum", "Council Tax app", "Customer Contact Centre",
                    "repair potholes"]
    for words in council_only:
        node = [n for n in g.nodes if n.kind == "commitment" and words in n.text][0]
        assert _aligned(g, node.id) == [], words


# -- review loop ---------------------------------------------------------------

def _cli(*args: str, check: bool = True) -> CliResult:
    """``goldenthread ARGS`` in this process (as a piped subprocess sees the terminal); with
    ``check``, a non-zero exit status fails the test."""
    done = run_cli(*args, columns=None)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_review_csv_and_decisions_round_trip(tmp_path, example_out):
    out = tmp_path / "out"
    rows = list(csv.DictReader(io.StringIO(_cli("links", "--graph", str(example_out), "--format", "csv").stdout)))
    assert rows and all(r["origin"] == "inferred" and r["source_text"] and r["target_lines"] for r in rows)
    confidences = [float(r["confidence"]) for r in rows]
    assert confidences == sorted(confidences)  # weakest first
    commitment_rows = [r for r in rows if "/commitment-" in r["source"]]
    reject, accept = commitment_rows[0], commitment_rows[-1]
    reject["decision"], accept["decision"] = "reject", "accept"
    added = dict(accept, decision="add", note="apprenticeships: also part of the adult skills offer",
                 source="northmere-council-plan-2025-26/priority/jobs-skills/commitment-1-offer-90-apprenticeships-within",
                 target="northmere-partnership-plan-2035/priority/good-jobs-skills/commitment-3-deliver-adult-skills-offer")
    assert (added["source"], added["target"]) not in {(r["source"], r["target"]) for r in rows}  # one the tool missed
    decisions = tmp_path / "reviewed.csv"
    with open(decisions, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([*rows, added])

    for _ in range(2):  # rejected links stay gone on every rebuild
        _cli("build", str(EXAMPLE), "--out", str(out), "--decisions", str(decisions))
        graph = {(e["source"], e["target"]): e for e in __import__("json").loads(
            (out / "graph.json").read_text())["edges"] if e["kind"] == "aligns_with"}
        assert (reject["source"], reject["target"]) not in graph
        assert graph[(accept["source"], accept["target"])]["origin"] == "curated"
        new = graph[(added["source"], added["target"])]
        assert new["origin"] == "curated" and "apprenticeships" in new["evidence"]["note"]


@pytest.mark.parametrize("row,message", [
    ("maybe,northmere-partnership-plan-2035,northmere-council-plan-2025-26,aligns_with,x", "unknown decision 'maybe'"),
    ("add,northmere-partnership-plan-2035,northmere-council-plan-2025-26,likes,x", "unknown link kind 'likes'"),
    ("add,northmere-partnership-plan-2035", "row has 2 fields"),
])
def test_bad_decisions_name_the_row(tmp_path, row, message):
    decisions = tmp_path / "d.csv"
    decisions.write_text("decision,source,target,kind,note\n"
                         "add,northmere-council-plan-2025-26,northmere-partnership-plan-2035,aligns_with,ok\n"
                         f"{row}\n", encoding="utf-8")
    done = _cli("build", str(EXAMPLE), "--out", str(tmp_path / "out"), "--decisions", str(decisions), check=False)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {decisions}:3: "), done.stderr
    assert message in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_decision_naming_a_node_not_in_the_build_is_skipped_with_a_warning(tmp_path):
    decisions = tmp_path / "d.csv"
    decisions.write_text("decision,source,target,kind,note\n"
                         "add,northmere-council-plan-2025-26,northmere-partnership-plan-2035,aligns_with,ok\n"
                         "add,no/such/node,northmere-partnership-plan-2035,aligns_with,x\n", encoding="utf-8")
    done = _cli("build", str(EXAMPLE), "--out", str(tmp_path / "out"), "--decisions", str(decisions), check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"warning: {decisions}:3: 'no/such/node' is not a node of this build, so this decision was skipped "
        f"[decision-unknown-node]"]
    strict = _cli("build", str(EXAMPLE), "--out", str(tmp_path / "strict"), "--decisions", str(decisions),
                  "--strict", check=False)
    assert strict.returncode == 2 and not (tmp_path / "strict").exists()
    assert f"error: {decisions}:3: 'no/such/node' is not a node" in strict.stderr
