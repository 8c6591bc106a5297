"""What an officer reads from the query commands: tables that never split a word, labels
rather than ids (ids on request), links with what their confidence means, every format
and the same options on every command, and help that names real metavariables.

The commands run in this process (``helpers.run_cli``; a real subprocess when stdin is
piped in), with the terminal's width set as ``COLUMNS`` sets it. Tables are read back from
the screen: a cell's lines joined with spaces must give back the label, word for word (a
word split across lines would not).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from helpers import CliResult, run_cli

from goldenthread.core.model import Link
from goldenthread.graph.review import COLUMNS as REVIEW_COLUMNS
from goldenthread.graph.review import LINK_WORDS, basis, confidence_means, review_rows
from goldenthread.graph.serialize import to_json
from goldenthread.queries import library
from goldenthread.queries.library import Workspace

QUERY_COMMANDS = ["thread", "orphans", "coverage", "matrix", "drift", "sparql", "audit", "links"]
NM_PRIORITY = "northmere-partnership-plan-2035/priority/best-start-child"
BOARDS_QUERY = ("PREFIX gt: <https://w3id.org/goldenthread/ontology#>\n"
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                "SELECT ?board ?label WHERE { ?board a gt:Board ; skos:prefLabel ?label } ORDER BY ?label\n")


# -- running the command line, and reading its tables back ---------------------------

def run(*args: str, columns: int = 200, stdin: str | None = None) -> CliResult:
    """``goldenthread ARGS`` in this process, on a terminal ``columns`` wide, with ``stdin`` as its
    input (test_sparql_formats pipes a query into a real process too)."""
    return run_cli(*args, columns=columns, stdin=stdin)


def ok(*args: str, columns: int = 200, code: int = 0, stdin: str | None = None) -> str:
    done = run(*args, columns=columns, stdin=stdin)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == code, done.stdout + done.stderr
    return done.stdout


class Screen:
    """The tables on a screen, read back: headings and rows, each cell's lines joined
    (with spaces, or with nothing for columns of ids, which break after a '/')."""

    def __init__(self, text: str, rows: int | None = None):
        """``rows``: how many rows the first table has, when it may have just one (a single
        row has no rules under it, so its lines could be read as rows of one line)."""
        self.lines = text.splitlines()
        self.tables: list[tuple[list[list[str]], list[list[str]]]] = []
        i = 0
        while i < len(self.lines):
            if self.lines[i].startswith("┏"):
                head, i = [], i + 1
                while not self.lines[i].startswith("┡"):
                    head.append(self.lines[i])
                    i += 1
                groups, current, i = [], [], i + 1
                while not self.lines[i].startswith("└"):
                    if self.lines[i].startswith("├"):
                        groups.append(current)
                        current = []
                    else:
                        current.append(self.lines[i])
                    i += 1
                groups.append(current)
                if len(groups) == 1 and not (rows == 1 and not self.tables):  # no rules: a row a line
                    groups = [[line] for line in groups[0]]
                self.tables.append(([_cells(line, "┃") for line in head],
                                    [[_cells(line, "│") for line in g] for g in groups]))
            i += 1

    def headers(self, n: int = 0) -> list[str]:
        return [_join(part) for part in zip(*self.tables[n][0])]

    def column(self, name: str, n: int = 0, glue: str = " ") -> list[str]:
        j = self.headers(n).index(name)
        return [_join([line[j] for line in row], glue) for row in self.tables[n][1]]


def _cells(line: str, bar: str) -> list[str]:
    return [c.strip() for c in line.split(bar)[1:-1]]


def _join(pieces, glue: str = " ") -> str:
    return glue.join(p for p in pieces if p)


def unwrap(lines: list[str], entry: int = 2) -> list[str]:
    """Lines wrapped by the CLI joined back: entries are indented ``entry`` spaces (or fewer),
    and a line indented deeper continues the indented line before it."""
    out: list[str] = []
    for line in lines:
        depth = len(line) - len(line.lstrip(" "))
        if out and line.strip() and depth > entry and out[-1].startswith(" "):
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return out


def told_apart(ws: Workspace, rows: list[dict]) -> list[str]:
    """The labels a table shows: a label several nodes share is followed by '(in <parent>)'."""
    ids: dict[str, set] = {}
    for r in rows:
        ids.setdefault(r["label"], set()).add(r["id"])
    parent = {e.source: e.target for e in ws.graph.edges if e.kind == "part_of"}
    return [f"{r['label']} (in {ws.nodes[parent[r['id']]].label})" if len(ids[r["label"]]) > 1 else r["label"]
            for r in rows]


def plan_label(ws: Workspace, plan_id: str | None) -> str:
    return ws.nodes[plan_id].label if plan_id in ws.nodes else ""


# -- graphs ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nm_ws(northmere) -> Workspace:
    return Workspace(northmere.graph)


@pytest.fixture(scope="module")
def nm_dir(northmere, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("northmere")
    (out / "graph.json").write_text(to_json(northmere.graph), encoding="utf-8")
    (out / "boards.rq").write_text(BOARDS_QUERY, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def sp_ws(stockport) -> Workspace:
    return Workspace(stockport.graph)


@pytest.fixture(scope="module")
def sp_dir(stockport, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stockport")
    (out / "graph.json").write_text(to_json(stockport.graph), encoding="utf-8")
    return out


# -- version and help ------------------------------------------------------------------

def test_version_comes_from_the_installed_package():
    assert ok("--version") == f"goldenthread {version('goldenthread')}\n"


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_help_names_real_metavariables(command):
    text = ok(command, "--help")
    assert re.search(r"--graph\s+DIR\s", text), text
    assert re.search(r"--format\s+FORMAT\s+table \| csv \| json", text), text
    assert re.search(r"--store\s+STORE\s", text), text
    assert "<path>" not in text and "PATH" not in text and "TEXT" not in text


def test_publish_help_does_not_suggest_the_serve_port():
    publish = ok("publish", "--help")
    assert re.search(r"--endpoint\s+URL\s", publish), publish
    assert "7878" not in publish
    assert "'goldenthread serve' is read-only" in publish
    serve = ok("serve", "--help")
    for option, metavar in [("--graph", "DIR"), ("--store", "STORE"), ("--host", "HOST"), ("--port", "PORT"),
                            ("--timeout", "SECONDS"), ("--max-rows", "N"), ("--graph-iri", "IRI")]:
        assert re.search(rf"{option}\s+{metavar}\s", serve), (option, serve)


# -- every command: every format, the same --store ---------------------------------------

def _command(name: str, nm_dir: Path) -> list[str]:
    return {"thread": ["thread", NM_PRIORITY], "sparql": ["sparql", str(nm_dir / "boards.rq")]}.get(name, [name])


def _exit(name: str, ws: Workspace) -> int:
    from goldenthread.queries.audit import audit

    return 1 if name == "audit" and any(r["severity"] == "violation" for r in audit(ws)) else 0


CSV_HEADERS = {
    "thread": ["source_kind", "source_label", "link", "target_kind", "target_label", "origin", "confidence", "basis",
               "confidence_means", "kind", "source", "target"],
    "orphans": ["id", "kind", "label", "reason", "basis", "detail", "nearest"],
    "coverage": ["status", "present", "applicable", "label", "plan", "missing", "missing_inferred", "id",
                 "commitments", "strategy", "strategyInPlace",
                 "board", "boardEstablished", "measure", "counterpart"],
    "drift": ["direction", "label", "kind", "plan", "basis", "detail", "nearest", "id"],
    "sparql": ["board", "label"],
    "audit": ["severity", "rule", "id", "kind", "label", "message"],
    "links": REVIEW_COLUMNS,
}


def _api_rows(name: str, ws: Workspace) -> list:
    from goldenthread.queries.audit import audit

    return {"thread": lambda: library.thread(ws, NM_PRIORITY)["edges"], "orphans": lambda: library.orphans(ws),
            "coverage": lambda: library.coverage(ws), "matrix": lambda: library.matrix(ws)["rows"],
            "drift": lambda: library.drift(ws), "audit": lambda: audit(ws),
            "links": lambda: review_rows(ws.graph),
            "sparql": lambda: [n for n in ws.graph.nodes if n.kind == "board"]}[name]()


@pytest.mark.parametrize("name", QUERY_COMMANDS)
def test_csv_has_its_columns_and_one_row_per_result(name, nm_dir, nm_ws):
    rows = list(csv.reader(io.StringIO(ok(*_command(name, nm_dir), "--graph", str(nm_dir), "--format", "csv",
                                          "--store", "rdflib", code=_exit(name, nm_ws)))))
    expected = _api_rows(name, nm_ws)
    if name == "matrix":
        m = library.matrix(nm_ws)
        assert rows[0] == ["priority", *(c["label"] for c in m["columns"]), "id"]
    else:
        assert rows[0] == CSV_HEADERS[name]
    assert len(rows) - 1 == len(expected) > 0


@pytest.mark.parametrize("name", QUERY_COMMANDS)
def test_json_is_machine_readable_and_table_has_a_title(name, nm_dir, nm_ws):
    args = [*_command(name, nm_dir), "--graph", str(nm_dir), "--store", "oxigraph"]
    data = json.loads(ok(*args, "--format", "json", code=_exit(name, nm_ws)))
    if name == "links":  # the same rows as the Python API, what each confidence means included
        assert data == review_rows(nm_ws.graph)
    table = ok(*args, code=_exit(name, nm_ws))
    assert table.splitlines()[0].strip(), "a table starts with a line saying what it is"


@pytest.mark.parametrize("name", QUERY_COMMANDS)
@pytest.mark.parametrize("option,value,message", [
    ("--store", "bogus", "error: unknown store 'bogus' (use rdflib, oxigraph, oxigraph:DIR or auto)"),
    ("--format", "xml", "error: unknown format 'xml' (use table, csv, json)"),
])
def test_bad_store_or_format_is_one_line(name, option, value, message, nm_dir):
    done = run(*_command(name, nm_dir), "--graph", str(nm_dir), option, value)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [message]


# -- thread: the links, not only the nodes ------------------------------------------------

def test_thread_shows_every_link_with_its_kind_origin_and_confidence(sp_dir, sp_ws):
    result = library.thread(sp_ws, "caring and growing")
    nodes = {n["id"]: n for n in result["nodes"]}
    assert len({n["label"] for n in nodes.values()}) == len(nodes), "this thread has no repeated label"
    screen = Screen(ok("thread", "caring and growing", "--graph", str(sp_dir), columns=240))
    assert screen.lines[0] == (f'Golden thread of "A caring and growing Stockport" (priority, One Stockport Borough '
                               f'Plan 2030): {len(nodes)} nodes, {len(result["edges"])} links')
    assert screen.headers(0) == ["kind", "label", "plan", "status"]
    assert sorted(screen.column("label", 0)) == sorted(n["label"] for n in nodes.values())
    assert screen.headers(1) == ["from", "link", "to", "origin", "confidence", "basis"]
    shown = sorted(zip(*(screen.column(c, 1) for c in screen.headers(1))))
    expected = []
    for e in result["edges"]:
        s, t = nodes[e["source"]], nodes[e["target"]]
        link = Link.model_validate(e)
        expected.append((f"{s['label']} ({s['kind']})", LINK_WORDS[e["kind"]], f"{t['label']} ({t['kind']})",
                         e["origin"], "" if e["confidence"] is None else f"{e['confidence']:.2f}",
                         basis(link, s["kind"])))
    assert shown == sorted(expected)
    assert ("A caring and growing Stockport (priority)", "overseen by", "Stockport Family Partnership Board (board)",
            "stated", "", "key next steps") in shown
    inferred = [row for row in shown if row[3] == "inferred"]
    assert inferred and all(row[4] for row in inferred), "every inferred link shows its confidence"
    legend = unwrap(screen.lines[screen.lines.index("confidence, by what the link rests on:") + 1:])
    means = {(basis(Link.model_validate(e), nodes[e["source"]]["kind"]),
              confidence_means(Link.model_validate(e), nodes[e["source"]]["kind"]))
             for e in result["edges"] if e["confidence"] is not None}
    assert sorted(legend) == sorted(f"  {b}: {m}" for b, m in means)


def test_thread_csv_is_one_row_per_link(sp_dir, sp_ws):
    result = library.thread(sp_ws, "caring and growing")
    rows = list(csv.DictReader(io.StringIO(ok("thread", "caring and growing", "--graph", str(sp_dir),
                                              "--format", "csv"))))
    assert sorted((r["source"], r["kind"], r["target"]) for r in rows) == \
        sorted((e["source"], e["kind"], e["target"]) for e in result["edges"])
    board = next(r for r in rows if r["kind"] == "overseen_by")
    assert (board["source_label"], board["link"], board["target_label"], board["origin"]) == \
        ("A caring and growing Stockport", "overseen by", "Stockport Family Partnership Board", "stated")
    for r in rows:
        assert bool(r["confidence"]) == bool(r["confidence_means"]), r


# -- tables never split a word, whatever the width ---------------------------------------

@pytest.mark.parametrize("columns", [160, 240])  # narrower: the list view (below)
def test_orphans_table_keeps_every_word_whole(columns, sp_dir, sp_ws):
    rows = library.orphans(sp_ws)
    screen = Screen(ok("orphans", "--graph", str(sp_dir), columns=columns))
    assert screen.headers() == ["reason", "basis", "kind", "label", "plan", "detail", "nearest"]
    assert screen.column("label") == told_apart(sp_ws, rows)
    assert screen.column("detail") == [r["detail"] for r in rows]
    assert screen.column("basis") == [r["basis"] for r in rows]
    assert screen.column("nearest") == [
        "; ".join(f"{c['label']} ({c['score']:.2f} of {c['threshold']:.2f})" for c in r["candidates"]) for r in rows]
    assert screen.column("plan") == [plan_label(sp_ws, sp_ws.nodes[r["id"]].plan) for r in rows]
    assert screen.column("reason") == [r["reason"].replace("_", " ") for r in rows]
    assert max(len(line) for line in screen.lines) <= columns


@pytest.mark.parametrize("columns", [80, 160])
def test_coverage_and_drift_tables_keep_every_word_whole(columns, sp_dir, sp_ws):
    rows = library.coverage(sp_ws)
    screen = Screen(ok("coverage", "--graph", str(sp_dir), columns=columns))
    status = {s: sum(r["status"] == s for r in rows) for s in ("red", "amber", "green")}
    assert screen.lines[0] == (f"Coverage of {len(rows)} priorities: {status['red']} red, {status['amber']} amber, "
                               f"{status['green']} green")
    assert screen.headers() == ["status", "parts", "priority", "plan", "missing"]
    assert screen.column("priority") == told_apart(sp_ws, rows)
    assert screen.column("missing") == ["; ".join(m + (" (inferred)" if m in r["missing_inferred"] else "")
                                                  for m in r["missing"]) for r in rows]
    assert screen.column("parts") == [f"{r['present']} of {r['applicable']}" for r in rows]
    drift = library.drift(sp_ws)
    screen = Screen(ok("drift", "--graph", str(sp_dir), columns=columns))
    assert screen.headers() == ["direction", "label", "kind", "plan", "detail", "nearest"]
    assert screen.column("label") == told_apart(sp_ws, drift)
    assert screen.column("plan") == [plan_label(sp_ws, r["plan"]) for r in drift]


def test_a_very_narrow_terminal_gets_a_list(sp_dir, sp_ws):
    rows = library.orphans(sp_ws)
    text = ok("orphans", "--graph", str(sp_dir), columns=40)
    assert "┏" not in text
    blocks = [b for b in text.split("\n\n")[1:] if b.strip() and not b.startswith(("basis:", "nearest"))]
    assert len(blocks) == len(rows)
    for block, label, row in zip(blocks, told_apart(sp_ws, rows), rows):
        lines = block.strip("\n").splitlines()
        heading = [line for line in lines if not line.startswith(" ")]
        assert " ".join(heading) == label
        fields = unwrap([line for line in lines if line.startswith(" ")])
        assert f"  detail: {row['detail']}" in fields
        assert max(len(line) for line in lines) <= 40


def _matrix_rows(ws: Workspace, m: dict) -> list[list[str]]:
    return [[str(m["cells"].get(r["id"], {}).get(c["id"], 0) or "·") for c in m["columns"]] for r in m["rows"]]


def test_matrix_with_labels_as_headings_on_a_wide_terminal(sp_dir, sp_ws):
    m = library.matrix(sp_ws)
    screen = Screen(ok("matrix", "--graph", str(sp_dir), columns=240))
    assert screen.lines[0] == ("Traceability matrix: 23 priorities of Stockport Council Plan 2021-22 (rows) against "
                               "9 priorities of One Stockport Borough Plan 2030 (columns)")
    assert screen.headers() == ["priority", *(c["label"] for c in m["columns"])]
    assert screen.column("priority") == told_apart(sp_ws, m["rows"])
    counts = [[screen.column(c["label"])[i] for c in m["columns"]] for i in range(len(m["rows"]))]
    assert counts == _matrix_rows(sp_ws, m)


def test_matrix_numbers_its_columns_when_labels_do_not_fit(sp_dir, sp_ws):
    m = library.matrix(sp_ws)
    text = ok("matrix", "--graph", str(sp_dir), columns=80)
    screen = Screen(text)
    keys = [str(i + 1) for i in range(len(m["columns"]))]
    assert screen.headers() == ["priority", *keys]
    assert screen.column("priority") == told_apart(sp_ws, m["rows"])
    assert [[screen.column(k)[i] for k in keys] for i in range(len(m["rows"]))] == _matrix_rows(sp_ws, m)
    key = text.split("columns:\n", 1)[1].splitlines()
    assert key == [f"  {k} {c['label']}" for k, c in zip(keys, m["columns"])]
    assert max(len(line) for line in text.splitlines()) <= 80


def test_matrix_is_a_list_on_a_very_narrow_terminal(sp_dir, sp_ws):
    m = library.matrix(sp_ws)
    text = ok("matrix", "--graph", str(sp_dir), columns=40)
    assert "┏" not in text
    blocks = text.split("\n\n")[1:]
    assert len(blocks) == len(m["rows"])
    for block, label, row in zip(blocks, told_apart(sp_ws, m["rows"]), m["rows"]):
        lines = block.strip("\n").splitlines()
        assert " ".join(line for line in lines if not line.startswith(" ")) == label
        aligned = [line.strip() for line in unwrap([line for line in lines if line.startswith(" ")], entry=4)]
        expected = [f"{n} {c['label']}" for c in m["columns"] if (n := m["cells"].get(row["id"], {}).get(c["id"], 0))]
        if not expected:  # a row aligned with no column says so
            expected = ["none"]
        assert [" ".join(line.split()) for line in aligned] == expected


# -- ids on request -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["orphans", "coverage", "drift"])
def test_ids_only_with_ids(name, nm_dir, nm_ws):
    rows = {"orphans": library.orphans, "coverage": library.coverage, "drift": library.drift}[name](nm_ws)
    plain = ok(name, "--graph", str(nm_dir))
    assert not [r["id"] for r in rows if r["id"] in plain]
    screen = Screen(ok(name, "--graph", str(nm_dir), "--ids"), rows=len(rows))
    assert screen.headers()[-1] == "id"
    assert screen.column("id", glue="") == [r["id"] for r in rows]


def test_thread_and_links_ids_only_with_ids(nm_dir, nm_ws):
    result = library.thread(nm_ws, NM_PRIORITY)
    plain = ok("thread", NM_PRIORITY, "--graph", str(nm_dir))
    assert not [n["id"] for n in result["nodes"] if "/" in n["id"] and n["id"] in plain]
    screen = Screen(ok("thread", NM_PRIORITY, "--graph", str(nm_dir), "--ids"))
    assert sorted(screen.column("id", 0, glue="")) == sorted(n["id"] for n in result["nodes"])
    assert sorted(zip(screen.column("from id", 1, glue=""), screen.column("to id", 1, glue=""))) == \
        sorted((e["source"], e["target"]) for e in result["edges"])
    rows = review_rows(nm_ws.graph)
    plain = ok("links", "--graph", str(nm_dir))
    assert not [r["source"] for r in rows if r["source"] in plain]
    screen = Screen(ok("links", "--graph", str(nm_dir), "--ids"))
    assert screen.column("from id", glue="") == [r["source"] for r in rows]


# -- links: what the confidence means --------------------------------------------------------

def test_links_say_what_each_confidence_means(sp_dir, sp_ws, tmp_path):
    rows = review_rows(sp_ws.graph)
    assert rows and all(bool(r["confidence"]) == bool(r["confidence_means"]) for r in rows)
    text = ok("links", "--graph", str(sp_dir), columns=240)
    screen = Screen(text)
    lines = text.splitlines()
    assert lines[0] == (f"{len(rows)} inferred and curated links to review, weakest first "
                        f"(each: from carries out to)")
    assert screen.headers() == ["confidence", "basis", "origin", "from", "to", "evidence"]
    assert screen.column("basis") == [r["basis"] for r in rows]
    assert screen.column("confidence") == [f"{float(r['confidence']):.2f}" if r["confidence"] else "" for r in rows]
    kind = {n.id: n.kind for n in sp_ws.graph.nodes}
    assert screen.column("from") == [f"{r['source_label']} ({kind[r['source']]})" for r in rows]
    start = lines.index("confidence, by what the link rests on:") + 1
    legend = unwrap(lines[start:])[:-1]
    assert sorted(legend) == sorted(f"  {b}: {m}" for b, m in {(r["basis"], r["confidence_means"]) for r in rows
                                                               if r["confidence_means"]})
    assert any("tf-idf cosine of the two texts, 0-1; linked from 0.22" in line for line in legend)
    assert any(line.startswith("  share of commitments: share of the 'from' priority's commitments") for line in legend)
    # each basis stands for one meaning, so a row's basis finds its line in the legend
    assert len({r["basis"] for r in rows if r["confidence_means"]}) == len(legend)


def test_links_csv_is_still_a_decisions_file(nm_dir, tmp_path):
    from goldenthread.graph.decisions import read_decisions

    rows = list(csv.DictReader(io.StringIO(ok("links", "--graph", str(nm_dir), "--format", "csv"))))
    assert list(rows[0]) == REVIEW_COLUMNS and all(r["basis"] for r in rows)
    rows[0]["decision"] = "accept"
    path = tmp_path / "review.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=REVIEW_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    [decision] = read_decisions(path)
    assert (decision.decision, decision.source, decision.target) == ("accept", rows[0]["source"], rows[0]["target"])


# -- sparql and audit ----------------------------------------------------------------------

def test_sparql_formats(nm_dir, nm_ws):
    boards = sorted(n.label for n in nm_ws.graph.nodes if n.kind == "board")
    screen = Screen(ok("sparql", str(nm_dir / "boards.rq"), "--graph", str(nm_dir), columns=100))
    assert screen.lines[0] == f"Query results: {len(boards)} rows"
    assert screen.column("label") == boards
    assert screen.column("board", glue="") == [str(nm_ws.iri(n.id)) for n in
                                               sorted((n for n in nm_ws.graph.nodes if n.kind == "board"),
                                                      key=lambda n: n.label)]
    ask = 'ASK { ?s ?p "no node has this label" }'
    assert ok("sparql", "-", "--graph", str(nm_dir), stdin=ask) == "Answer: no\n"
    # a query piped from a shell into a real process reads the same
    piped = subprocess.run([sys.executable, "-m", "goldenthread.cli.main", "sparql", "-", "--graph", str(nm_dir)],
                           input=ask, capture_output=True, text=True, timeout=180)
    assert (piped.returncode, piped.stdout, piped.stderr) == (0, "Answer: no\n", "")
    construct = ("PREFIX gt: <https://w3id.org/goldenthread/ontology#>\n"
                 "CONSTRUCT { ?b a gt:Board } WHERE { ?b a gt:Board }")
    triples = json.loads(ok("sparql", "-", "--graph", str(nm_dir), "--format", "json", stdin=construct))
    assert sorted(t["subject"] for t in triples) == sorted(str(nm_ws.iri(n.id)) for n in nm_ws.graph.nodes
                                                           if n.kind == "board")
    assert {t["object"] for t in triples} == {"https://w3id.org/goldenthread/ontology#Board"}


def test_audit_title_counts_and_ids_on_request(nm_dir, nm_ws):
    from goldenthread.queries.audit import audit

    rows = audit(nm_ws)
    counts = {s: sum(r["severity"] == s for r in rows) for s in ("violation", "warning", "info")}
    code = _exit("audit", nm_ws)
    text = ok("audit", "--graph", str(nm_dir), "--store", "rdflib", code=code, columns=100)
    found = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    assert text.splitlines()[0] == f"Audit against the rules in ontology/audit.ttl: {found}"
    entries = unwrap(text.splitlines())
    for r, label in zip(rows, told_apart(nm_ws, rows)):
        assert f"  {label} ({r['kind']}) {r['message']}. [{r['rule']}]" in entries
    assert max(len(line) for line in text.splitlines()) <= 100
    assert not [r["id"] for r in rows if "/" in r["id"] and r["id"] in text]
    with_ids = ok("audit", "--graph", str(nm_dir), "--ids", code=code).splitlines()
    assert [line for line in with_ids if line.startswith("    id: ")] == [f"    id: {r['id']}" for r in rows]
