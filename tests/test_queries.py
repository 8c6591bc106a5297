"""The query library on the real Stockport graph: the breaks a careful reader finds,
and the same answers through the CLI and the Python API."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli

from goldenthread.core.errors import GoldenthreadError
from goldenthread.graph.serialize import to_json
from goldenthread.queries import library
from goldenthread.queries.library import Workspace

BP, CP = "borough-plan-2030", "council-plan-2021-22"


@pytest.fixture(scope="module")
def ws(stockport) -> Workspace:
    return Workspace(stockport.graph)


@pytest.fixture(scope="module")
def graph_dir(stockport, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    (out / "graph.json").write_text(to_json(stockport.graph), encoding="utf-8")
    return out


def _by_reason(rows, reason):
    return sorted(r["label"] for r in rows if r["reason"] == reason)


def test_orphans_name_the_real_breaks(ws):
    rows = library.orphans(ws)
    assert _by_reason(rows, "board_not_established") == [
        f"Partnership steering group for {p}" for p in
        ("Climate Friendly", "Fair and Inclusive", "Radically Digital", "Strong and Supportive")]
    assert _by_reason(rows, "strategy_not_in_place") == [
        "Cultural Strategy", "Digital Strategy", "Neighbourhoods Strategy",
        "One Neighbourhood and Community Strategy", "Safer Stockport Strategy"]
    assert sorted(r["label"] for r in rows if r["reason"] == "no_strategy" and r["kind"] == "priority") == [
        "A skilled and confident Stockport"]
    # One Future's themes stand on their own, with no strategy, board or measure of their own
    for reason in ("no_strategy", "no_board", "no_measure"):
        themes = [r for r in rows if r["reason"] == reason and r["kind"] == "theme"]
        assert len(themes) == 8 and {ws.nodes[r["id"]].plan for r in themes} == {"one-future-2024"}
    blank = [r for r in rows if r["reason"] == "blank_in_table"]
    assert {(r["label"], r["detail"]) for r in blank if r["label"] == "A skilled and confident Stockport"} == {
        ("A skilled and confident Stockport", "Left blank in the 'key next steps' table: no board named."),
        ("A skilled and confident Stockport", "Left blank in the 'key next steps' table: no commitment named.")}
    # the Council's fourth ambition has no portfolio or scrutiny committee: its key priorities have no board
    assert len([r for r in rows if r["reason"] == "no_board" and r["kind"] == "priority"]) == 6
    for r in rows:
        assert set(r) == {"id", "kind", "label", "reason", "basis", "detail", "candidates"} and r["detail"]
        # an absence found by comparing wording says so, with what it was compared with; a stated one has none
        inferred = r["reason"] in ("no_counterpart", "not_carried_out")
        assert r["basis"] == ("inferred" if inferred else "stated")
        assert bool(r["candidates"]) <= inferred


def test_inferred_absences_show_their_nearest_candidates(ws):
    rows = {r["id"]: r for r in library.orphans(ws) if r["basis"] == "inferred"}
    wellbeing = next(r for r in rows.values() if ws.nodes[r["id"]].text.startswith(
        "We will develop coordinated and timely emotional health & wellbeing support pathways"))
    best = wellbeing["candidates"][0]
    assert best["label"] == "Joint mental health and wellbeing strategy" and best["plan"] == BP
    assert best["score"] < best["threshold"] == 0.22 and "wellbeing" in best["terms"]
    assert best["source"] == "borough-plan-2030-discussion-draft.txt line 346" and best["text"]
    # the "digital to the maximum" delivery theme: new, to review, nearest the radically digital priority
    new = {d["label"]: d for d in library.drift(ws) if d["direction"] == "new"}
    digital = new["We are a council that uses digital to the maximum"]
    assert digital["basis"] == "inferred"
    assert digital["candidates"][0]["label"] == "A radically digital Stockport"


def test_a_generic_phrase_is_quoted_in_the_finding_it_does_not_fill(ws):
    rows = [r for r in library.orphans(ws) if "mentions only" in r["detail"]]
    assert rows == []  # both priorities with a generic phrase also name a real strategy


def test_commitments_without_counterpart_both_directions(ws):
    rows = library.orphans(ws)
    text = {n.id: n.text for n in ws.graph.nodes}
    council = [text[r["id"]] for r in rows if r["reason"] == "no_counterpart"]
    borough = [text[r["id"]] for r in rows if r["reason"] == "not_carried_out"]
    assert any(t.startswith("We will continue to provide a personal protective equipment (PPE) hub") for t in council)
    assert any(t.startswith("We will focus on keeping our highways safe") for t in council)
    assert not any("Food Network" in t for t in council + borough)  # aligned on both sides
    assert any(t.startswith("Deliver our homeless strategy") for t in borough)
    assert all(r["kind"] == "commitment" for r in rows if r["reason"] in ("no_counterpart", "not_carried_out"))


def test_reason_filter_and_unknown_reason(ws):
    assert {r["reason"] for r in library.orphans(ws, "no_strategy")} == {"no_strategy"}
    with pytest.raises(GoldenthreadError, match="unknown reason"):
        library.orphans(ws, "lonely")


def test_coverage(ws):
    rows = {r["label"]: r for r in library.coverage(ws) if r["plan"] == BP}
    assert len(rows) == 9
    assert rows["A caring and growing Stockport"]["status"] == "green"
    skilled = rows["A skilled and confident Stockport"]
    assert skilled["status"] == "red" and skilled["missing"] == ["delivery strategy"]
    strong = rows["A strong and supportive Stockport"]
    assert strong["status"] == "amber" and strong["missing"] == ["strategy in place", "board established"]
    assert (strong["present"], strong["applicable"]) == (5, 7) and strong["missing_inferred"] == []
    # one rule: a missing strategy, board or measure is red however many other parts are there
    assert (skilled["present"], skilled["applicable"]) == (5, 6)
    for r in library.coverage(ws):
        assert r["status"] == library.rag({k: r[k] for k in r if k in (
            "commitments", "strategy", "strategyInPlace", "board", "boardEstablished", "measure", "counterpart")})


def test_thread_of_a_borough_priority(ws):
    result = library.thread(ws, "caring and growing")
    assert result["focus"]["id"] == f"{BP}/priority/caring-growing"
    kinds = {}
    for n in result["nodes"]:
        kinds.setdefault(n["kind"], set()).add(n["label"])
    assert "One Heart" in kinds["theme"] and "One Stockport Borough Plan 2030" in kinds["plan"]
    assert "Children and Young People's Strategy" in kinds["strategy"]
    assert "Stockport Family Partnership Board" in kinds["board"]
    assert len([n for n in result["nodes"] if n["kind"] == "measure" and n["plan"] == BP]) == 6
    # across: Council commitments that carry out its actions
    assert any(n["plan"] == CP and n["kind"] == "commitment" for n in result["nodes"])
    ids = {n["id"] for n in result["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in result["edges"])


def test_thread_of_a_strategy_reaches_back_to_priorities(ws):
    result = library.thread(ws, "strategy/digital-strategy")
    labels = {n["label"] for n in result["nodes"]}
    assert "A radically digital Stockport" in labels


def test_matrix_and_drift(ws):
    m = library.matrix(ws)
    assert len(m["rows"]) == 23 and len(m["columns"]) == 9
    row = next(r["id"] for r in m["rows"] if r["label"] == "Taking action on climate change")
    assert m["cells"][row][f"{BP}/priority/climate-friendly"] == 6
    assert [row, f"{BP}/priority/climate-friendly"] in m["aligned"]
    drift = library.drift(ws)
    dropped = [d["label"] for d in drift if d["direction"] == "dropped"]
    assert dropped == ["A radically digital Stockport"]
    assert not [d for d in drift if d["plan"] == "one-future-2024"]  # every One Future theme carries something forward


def _cli(*args, stdin=None):
    """``goldenthread ARGS`` in this process, its output piped, ``stdin`` as its input (a real
    pipe into a real process: tests/test_cli_output.py, test_sparql_formats)."""
    return run_cli(*args, columns=None, stdin=stdin)


@pytest.mark.parametrize("command,api", [
    (["orphans"], lambda ws: library.orphans(ws)),
    (["orphans", "--reason", "no_board"], lambda ws: library.orphans(ws, "no_board")),
    (["coverage"], lambda ws: library.coverage(ws)),
    (["drift"], lambda ws: library.drift(ws)),
    (["matrix"], lambda ws: library.matrix(ws)),
    (["thread", "A healthy and happy"], lambda ws: library.thread(ws, "A healthy and happy")),
])
def test_cli_json_equals_api(ws, graph_dir, command, api):
    done = _cli(*command, "--graph", str(graph_dir), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(json.dumps(api(ws)))


@pytest.mark.parametrize("args,stdin,message", [
    (["thread", "nothing like this"], None, "unknown node 'nothing like this'"),
    (["thread", "responding"], None, "ambiguous node 'responding'"),
    (["orphans", "--reason", "lonely"], None, "unknown reason 'lonely'"),
    (["sparql", "-"], "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates are refused"),
    (["sparql", "-"], "LOAD <http://example.org/data.ttl>", "updates are refused"),
    (["sparql", "-"], "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    # rdflib would download a FROM IRI; Oxigraph resolves it against its own graphs (tests/test_stores.py)
    (["sparql", "-", "--store", "rdflib"], "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
     "FROM / FROM NAMED are refused"),
    (["sparql", "-"], "SELECT ?s WHERE {\n  ?s ?p ?o .\n", "<stdin>:3:1: malformed SPARQL"),
    (["sparql", "missing.rq"], None, "missing.rq: query file not found"),
])
def test_bad_requests_get_one_clear_line(graph_dir, args, stdin, message):
    done = _cli(*args, "--graph", str(graph_dir), stdin=stdin)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_user_sparql_select_and_ask(graph_dir):
    query = ("PREFIX gt: <https://w3id.org/goldenthread/ontology#>\n"
             "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
             "SELECT ?label WHERE { ?b a gt:Board ; gt:status gt:statusToBeEstablished ; skos:prefLabel ?label }"
             " ORDER BY ?label")
    done = _cli("sparql", "-", "--graph", str(graph_dir), "--format", "csv", stdin=query)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "label" and len(done.stdout.splitlines()) == 5
    ask = _cli("sparql", "-", "--graph", str(graph_dir), "--format", "json",
               stdin="ASK { ?s ?p \"Cultural Strategy\" }")
    assert json.loads(ask.stdout) == [{"answer": True}]


def test_parameters_are_bound_not_formatted(ws):
    hostile = 'x> } ; DROP ALL ; SELECT * { <y'
    with pytest.raises(GoldenthreadError, match="unknown node"):
        library.thread(ws, hostile)
    # a value that is not one IRI term is refused before any store sees it
    with pytest.raises(GoldenthreadError, match="not an IRI that can be bound"):
        ws.select("thread", focus='borough-plan-2030"} UNION {?node ?p ?o')
    # a valid IRI is bound as a whole term: the thread of a plan, not the whole graph
    rows = ws.select("thread", focus="borough-plan-2030")
    assert 0 < len(rows) < len(ws.graph.nodes)


def test_audit_rules_are_data(ws, graph_dir, tmp_path):
    from goldenthread.queries.audit import audit

    rows = audit(ws)
    violations = {(r["rule"], r["label"]) for r in rows if r["severity"] == "violation"}
    assert ("every priority has a delivery strategy", "A skilled and confident Stockport") in violations
    warnings = {r["label"] for r in rows if r["severity"] == "warning"}
    assert "Cultural Strategy" in warnings and "Partnership steering group for Climate Friendly" in warnings
    done = _cli("audit", "--graph", str(graph_dir))
    assert (done.returncode == 1
            and "A skilled and confident Stockport (priority) has no delivery strategy" in done.stdout)
    # a strategy team relaxes the rules without touching Python: only measures are required
    rules = tmp_path / "rules.ttl"
    text = (library.QUERY_DIR.parent / "ontology" / "audit.ttl").read_text(encoding="utf-8")
    rules.write_text(text.split("gta:PriorityHasStrategy")[0] + "gta:PriorityHasMeasure" +
                     text.split("gta:PriorityHasMeasure")[1].split("gta:StrategyInPlace")[0], encoding="utf-8")
    relaxed = _cli("audit", "--graph", str(graph_dir), "--rules", str(rules))
    assert relaxed.returncode == 0 and "meets every audit rule" in relaxed.stdout
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    broken = _cli("audit", "--graph", str(graph_dir), "--rules", str(bad))
    assert broken.returncode == 2 and broken.stderr.startswith(f"error: {bad}: not valid Turtle")


SHACL_RULES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix gt: <https://w3id.org/goldenthread/ontology#> .
@prefix ex: <https://example.org/rules#> .
ex:MarkBoards a sh:NodeShape ;
    sh:targetClass gt:Board ;
    sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate ex:checked ; sh:object true ] .
ex:NoBoardChecked a sh:NodeShape ;
    sh:targetClass gt:Board ;
    sh:name "no board is checked" ;
    sh:property [ sh:path ex:checked ; sh:maxCount 0 ; sh:message "was checked by a rule" ] .
"""


def test_the_audit_never_changes_the_workspace_graph(northmere, tmp_path):
    """Shapes are checked on the workspace's own graph; SHACL rules (sh:rule), which add
    triples, run on a copy, and their triples count in the audit."""
    from goldenthread.queries.audit import audit

    ws = Workspace(northmere.graph, store_spec="rdflib")
    before = set(ws.rdf)
    assert audit(ws) and set(ws.rdf) == before
    rules = tmp_path / "rules.ttl"
    rules.write_text(SHACL_RULES, encoding="utf-8")
    rows = audit(ws, rules)
    boards = sorted(n.id for n in northmere.graph.nodes if n.kind == "board")
    assert boards and sorted(r["id"] for r in rows) == boards
    assert {(r["rule"], r["message"]) for r in rows} == {("no board is checked", "was checked by a rule")}
    assert set(ws.rdf) == before
