"""Commands that read a built graph: thread, orphans, coverage, matrix, drift, measures, sparql, audit.

All of them read the output of ``build`` (``--graph DIR``) and call the Python API in
``goldenthread.queries``, so the CLI, the API and the report give identical results. Every
one prints a titled table for people (labels; ids with ``--ids``), or ``--format csv|json``
for programs (JSON is exactly what the API returns).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import typer

from goldenthread.cli.common import (
    FORMAT_OPTION,
    GRAPH_OPTION,
    IDS_OPTION,
    STORE_OPTION,
    Col,
    check_format,
    fail,
    longest_piece,
    out,
    print_table,
    say,
    say_wrapped,
    user_errors,
    warn,
    workspace,
    wrap,
    write_data,
)
from goldenthread.queries.reasons import REASONS

app = typer.Typer()  # its commands join the root app in cli/main.py

_KIND_ORDER = ["plan", "theme", "priority", "commitment", "strategy", "board", "portfolio", "measure"]
_LINK_ORDER = ["aligns_with", "delivered_through", "overseen_by", "accountable_to", "measured_by", "part_of"]
ID = Col("id", "id", breaks="/")


def _dump(result: Any) -> None:
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


def _plan_labels(ws) -> dict[str, str]:
    return {n.id: n.label for n in ws.graph.nodes if n.kind == "plan"}


def _told_apart(ws, rows: list[dict[str, Any]], key: str = "label") -> list[dict[str, Any]]:
    """Rows whose label is shared by different nodes (four priorities "Responding and recovering
    from the Covid-19 pandemic", one per theme) with what each sits in: "… (in <theme>)"."""
    ids_of: dict[str, set[str]] = {}
    for r in rows:
        ids_of.setdefault(r[key], set()).add(r["id"])
    repeated = {label for label, ids in ids_of.items() if len(ids) > 1}
    if not repeated:
        return rows
    parent = {e.source: e.target for e in ws.graph.edges if e.kind == "part_of"}
    return [{**r, key: f"{r[key]} (in {ws.nodes[parent[r['id']]].label})"}
            if r[key] in repeated and r["id"] in parent else r for r in rows]


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _confidence(value: Any) -> str:
    return "" if value in (None, "") else f"{float(value):.2f}"


def confidence_legend(rows: list[dict[str, Any]]) -> list[str]:
    """One line per way a confidence was found among ``rows``: what the number means."""
    seen = sorted({(r["basis"], r["confidence_means"]) for r in rows if r.get("confidence_means")})
    if not seen:
        return []
    return ["confidence, by what the link rests on:", *(f"  {b}: {means}" for b, means in seen)]


@app.command()
def thread(
    node: str = typer.Argument(..., metavar="NODE",
                               help="node id, or an unambiguous label prefix ('caring and growing')"),
    graph_dir: Path = GRAPH_OPTION,
    fmt: str = FORMAT_OPTION,
    store: str = STORE_OPTION,
    ids: bool = IDS_OPTION,
) -> None:
    """The golden thread of NODE, nodes and links: its theme and plan above, its commitments below, what carries it out in other plans, and the strategies, boards, portfolios and measures on the way.

    The table lists the nodes, then every link as 'from - link - to' with its origin and, for inferred links, the confidence and what it means. CSV has one row per link; JSON is {"focus", "nodes", "edges"} with the graph.json fields."""
    from goldenthread.core.model import Link
    from goldenthread.graph.review import LINK_WORDS, basis, confidence_means

    check_format(fmt)
    from goldenthread.queries import library  # loaded by the commands that query (rdflib ~0.4 s)
    with user_errors():
        ws = workspace(graph_dir, store)
        result = library.thread(ws, node)
    if fmt == "json":
        _dump(result)
        return
    raw = {n["id"]: n for n in result["nodes"]}
    nodes = {n["id"]: n for n in _told_apart(ws, result["nodes"])}  # as the table shows them
    plans = _plan_labels(ws)
    edges = sorted(result["edges"], key=lambda e: (_LINK_ORDER.index(e["kind"]), _KIND_ORDER.index(
        nodes[e["source"]]["kind"]), nodes[e["source"]]["label"], nodes[e["target"]]["label"]))
    links = []
    for e in edges:
        s, t, link = nodes[e["source"]], nodes[e["target"]], Link.model_validate(e)
        links.append({"source": s["id"], "source_kind": s["kind"], "source_label": raw[s["id"]]["label"],
                      "from": f"{s['label']} ({s['kind']})", "link": LINK_WORDS[e["kind"]], "kind": e["kind"],
                      "target": t["id"], "target_kind": t["kind"], "target_label": raw[t["id"]]["label"],
                      "to": f"{t['label']} ({t['kind']})", "origin": e["origin"], "confidence": e["confidence"],
                      "shown_confidence": _confidence(e["confidence"]), "basis": basis(link, s["kind"]),
                      "confidence_means": confidence_means(link, s["kind"])})
    if fmt == "csv":
        write_data(links, ["source_kind", "source_label", "link", "target_kind", "target_label", "origin",
                           "confidence", "basis", "confidence_means", "kind", "source", "target"], fmt)
        return
    focus = result["focus"]
    where = f", {plans[focus['plan']]}" if focus.get("plan") in plans and focus["kind"] != "plan" else ""
    say_wrapped(f"Golden thread of \"{focus['label']}\" ({focus['kind']}{where}): "
                f"{_count(len(nodes), 'node')}, {_count(len(links), 'link')}")
    say("")
    rows = [{**n, "plan": "" if n["kind"] == "plan" else plans.get(n["plan"] or "", n["plan"] or "")}
            for n in nodes.values()]
    rows.sort(key=lambda r: (_KIND_ORDER.index(r["kind"]), r["plan"], r["id"]))
    print_table(rows, [Col("kind", "kind"), Col("label", "label"), Col("plan", "plan"), Col("status", "status"),
                       *([ID] if ids else [])],
                f"{_count(len(rows), 'node')} in the thread", heading="label")
    say("")
    print_table(links, [Col("from", "from"), Col("link", "link"), Col("to", "to"), Col("origin", "origin"),
                        Col("confidence", "shown_confidence", justify="right"), Col("basis", "basis"),
                        *([Col("from id", "source", breaks="/"), Col("to id", "target", breaks="/")] if ids else [])],
                f"{_count(len(links), 'link')} in the thread (from - link - to)", heading="from",
                legend=confidence_legend(links))


@app.command()
def orphans(
    reason: str | None = typer.Option(None, "--reason", metavar="REASON",
                                         help=f"only this reason: {', '.join(REASONS)} "
                                              "(or in words: 'no board')"),
    graph_dir: Path = GRAPH_OPTION,
    fmt: str = FORMAT_OPTION,
    store: str = STORE_OPTION,
    ids: bool = IDS_OPTION,
) -> None:
    """Where the thread breaks: commitments with no counterpart, priorities with no strategy, board or measure, strategies not in place, boards not established, blank table cells."""
    check_format(fmt)
    from goldenthread.queries import library  # loaded by the commands that query (rdflib ~0.4 s)
    with user_errors():
        ws = workspace(graph_dir, store)
        rows = library.orphans(ws, reason.replace(" ", "_") if reason else None)  # "no board" = no_board
    if fmt != "table":
        write_data(rows if fmt == "json" else [{**r, "nearest": nearest(r)} for r in rows],
                   ["id", "kind", "label", "reason", "basis", "detail", "nearest"], fmt)
        return
    plans = _plan_labels(ws)
    shown = [{**r, "plan": plans.get(ws.nodes[r["id"]].plan or "", ""), "reason": r["reason"].replace("_", " "),
              "nearest": nearest(r)} for r in _told_apart(ws, rows)]
    counts = Counter(r["reason"] for r in shown)
    title = f"{_count(len(rows), 'break')} in the golden thread"
    if len(counts) > 1:
        title += ": " + ", ".join(f"{n} {r}" for r, n in counts.items())
    elif counts:
        title += f" ({next(iter(counts))})"
    inferred = any(r["basis"] == "inferred" for r in rows)
    print_table(shown, [Col("reason", "reason"), Col("basis", "basis"), Col("kind", "kind"), Col("label", "label"),
                        Col("plan", "plan"), Col("detail", "detail"),
                        *([Col("nearest", "nearest")] if inferred else []),
                        *([ID] if ids else [])], title, heading="label",
                legend=[BASIS_LEGEND] + ([NEAREST_LEGEND] if inferred else []))


BASIS_LEGEND = ("basis: stated, the documents say so (a blank cell, 'to be established', no strategy named); "
                "inferred, no link was found by comparing wording: an absence to review, not a fact")
NEAREST_LEGEND = ("nearest: in the other plan, what the finding was compared with, best first, with its "
                  "score and the score a link needs")


def nearest(row: dict) -> str:
    """An inferred finding's nearest candidates, one line: "label (0.19 of 0.22); …"."""
    return "; ".join(f"{c['label']} ({c['score']:.2f} of {c['threshold']:.2f})" for c in row.get("candidates", []))


_COVERAGE_FLAGS = ["commitments", "strategy", "strategyInPlace", "board", "boardEstablished", "measure", "counterpart"]


@app.command()
def coverage(graph_dir: Path = GRAPH_OPTION, fmt: str = FORMAT_OPTION, store: str = STORE_OPTION,
             ids: bool = IDS_OPTION) -> None:
    """Per priority: which parts of the thread are present, what is missing (inferred parts marked), and its red, amber or green status by one rule (README, "Coverage and RAG")."""
    check_format(fmt)
    from goldenthread.queries import library  # loaded by the commands that query (rdflib ~0.4 s)
    with user_errors():
        ws = workspace(graph_dir, store)
        rows = library.coverage(ws)
    if fmt != "table":
        write_data(rows, ["status", "present", "applicable", "label", "plan", "missing", "missing_inferred", "id",
                          *_COVERAGE_FLAGS], fmt)
        return
    plans = _plan_labels(ws)
    shown = [{**r, "plan": plans.get(r["plan"] or "", ""), "parts": f"{r['present']} of {r['applicable']}",
              "missing": [m + (" (inferred)" if m in r["missing_inferred"] else "") for m in r["missing"]]}
             for r in _told_apart(ws, rows)]
    status = Counter(r["status"] for r in rows)
    print_table(shown, [Col("status", "status"), Col("parts", "parts", justify="right"), Col("priority", "label"),
                        Col("plan", "plan"), Col("missing", "missing"), *([ID] if ids else [])],
                f"Coverage of {_count(len(rows), 'priority', 'priorities')}: "
                + ", ".join(f"{status[s]} {s}" for s in ("red", "amber", "green")),
                heading="label",
                legend=[f"{s}: {library.RAG_RULE[s]}" for s in ("red", "amber", "green")]
                + ["parts: how many parts of the thread that apply to the priority are present; the status "
                   "follows the rule above, not the count"])


@app.command()
def matrix(graph_dir: Path = GRAPH_OPTION, fmt: str = FORMAT_OPTION, store: str = STORE_OPTION,
           ids: bool = IDS_OPTION) -> None:
    """Traceability matrix: priorities of a plan that carries out another (rows) against that plan's priorities (columns), counting aligned commitments."""
    check_format(fmt)
    from goldenthread.queries import library  # loaded by the commands that query (rdflib ~0.4 s)
    with user_errors():
        ws = workspace(graph_dir, store)
        result = library.matrix(ws)
    if fmt == "json":
        _dump(result)
        return
    columns = result["columns"]

    def count(r: dict, c: dict) -> int:
        return result["cells"].get(r["id"], {}).get(c["id"], 0)

    if fmt == "csv":
        rows = [{"priority": r["label"], "id": r["id"], **{c["label"]: count(r, c) for c in columns}}
                for r in result["rows"]]
        write_data(rows, ["priority", *(c["label"] for c in columns), "id"], fmt)
        return
    plans = _plan_labels(ws)

    def plan_names(items: list[dict]) -> str:
        return " and ".join(dict.fromkeys(plans.get(i["plan"], i["plan"]) for i in items))

    say_wrapped(f"Traceability matrix: {_count(len(result['rows']), 'priority', 'priorities')} of "
                f"{plan_names(result['rows'])} (rows) against {_count(len(columns), 'priority', 'priorities')} "
                f"of {plan_names(columns)} (columns)")
    if not result["rows"]:
        return
    _print_matrix(_told_apart(ws, result["rows"]), columns, count, ids)


def _print_matrix(rows: list[dict], columns: list[dict], count, ids: bool) -> None:
    """The matrix with the column priorities' labels as headings, wrapped at spaces; if that
    is too wide for the terminal, with numbered columns and a key; if even that is too wide,
    as a list of each row's aligned priorities."""
    note = "each cell: commitments of the row's priority aligned with actions of the column's priority (· none)"
    width = out.width
    label_min = max(longest_piece("priority"), *(longest_piece(r["label"]) for r in rows))
    id_min = max(longest_piece(r["id"], "/") for r in rows) + 3 if ids else 0

    def table(headers: list[str]) -> list[Col]:
        return [Col("priority", "priority"),
                *(Col(h, f"c{i}", justify="center", max_width=12) for i, h in enumerate(headers)),
                *([ID] if ids else [])]

    data = [{"priority": r["label"], "id": r["id"],
             **{f"c{i}": count(r, c) or "·" for i, c in enumerate(columns)}} for r in rows]
    full = label_min + id_min + sum(max(longest_piece(c["label"]), 1) + 3 for c in columns) + 4
    if full <= width and not ids:
        say_wrapped(note)
        print_table(data, table([c["label"] for c in columns]), "")
        return
    keys = [str(i + 1) for i in range(len(columns))]
    numbered = label_min + id_min + sum(len(k) + 3 for k in keys) + 4
    if numbered <= width:
        say_wrapped(note + "; columns numbered, key below")
        key = [f"  {k} {c['label']}" + (f" ({c['id']})" if ids else "") for k, c in zip(keys, columns)]
        print_table(data, table(keys), "", legend=["columns:", *key])
        return
    say_wrapped(note.replace(" (· none)", "") + "; listed, as the terminal is too narrow for the table")
    for r in rows:
        say("")
        for line in wrap(r["label"] + (f" ({r['id']})" if ids else ""), width, "/"):
            say(line)
        hits = [(count(r, c), c) for c in columns if count(r, c)]
        if not hits:
            say("  none")
        for n, c in hits:
            lines = wrap(c["label"], width - 8)
            say(f"  {n:>3}  {lines[0]}")
            for line in lines[1:]:
                say(f"       {line}")


@app.command()
def drift(graph_dir: Path = GRAPH_OPTION, fmt: str = FORMAT_OPTION, store: str = STORE_OPTION,
          ids: bool = IDS_OPTION) -> None:
    """Priorities an earlier plan has that a later one does not carry forward (dropped), and the later plan's priorities and themes that are new."""
    check_format(fmt)
    from goldenthread.queries import library  # loaded by the commands that query (rdflib ~0.4 s)
    with user_errors():
        ws = workspace(graph_dir, store)
        rows = library.drift(ws)
    if fmt != "table":
        write_data(rows if fmt == "json" else [{**r, "nearest": nearest(r)} for r in rows],
                   ["direction", "label", "kind", "plan", "basis", "detail", "nearest", "id"], fmt)
        return
    plans = _plan_labels(ws)
    shown = [{**r, "plan": plans.get(r["plan"], r["plan"]), "nearest": nearest(r)} for r in _told_apart(ws, rows)]
    directions = Counter(r["direction"] for r in rows)
    print_table(shown, [Col("direction", "direction"), Col("label", "label"), Col("kind", "kind"),
                        Col("plan", "plan"), Col("detail", "detail"), Col("nearest", "nearest"),
                        *([ID] if ids else [])],
                f"Drift between plans: {directions['dropped']} dropped, {directions['new']} new (inferred: to review)",
                heading="label", legend=[NEAREST_LEGEND])


_MEASURE_COLUMNS = ["status", "measure_label", "indicator_label", "period", "value", "unit", "direction", "travel",
                    "area", "measure", "indicator"]
_WRONG_WAY_COLUMNS = ["status", "measure_label", "indicator_label", "direction", "baseline_period", "baseline_value",
                      "latest_period", "latest_value", "change", "complete", "measure", "indicator"]


@app.command()
def measures(graph_dir: Path = GRAPH_OPTION, fmt: str = FORMAT_OPTION, store: str = STORE_OPTION,
             ids: bool = IDS_OPTION,
             wrong_way: bool = typer.Option(False, "--wrong-way", metavar="",
                                            help="only the measures whose indicator moves the wrong way")) -> None:
    """Tracked measures (a build with --indicators): each one's latest value, direction of travel and status by one rule (README, "Indicator data"); or, with --wrong-way, those moving the wrong way since the plan's start."""
    from goldenthread.graph.tracking import STATUS_RULE

    check_format(fmt)
    from goldenthread.queries import library  # loaded by the commands that query (rdflib ~0.4 s)
    with user_errors():
        ws = workspace(graph_dir, store)
        rows = library.wrong_way(ws) if wrong_way else library.latest(ws)
    if fmt != "table":
        write_data(rows, _WRONG_WAY_COLUMNS if wrong_way else _MEASURE_COLUMNS, fmt)
        return
    plans = _plan_labels(ws)

    def number(value: Any) -> str:
        return "" if value is None else f"{value:g}"

    shown = [{**r, "measure": r["measure_label"], "indicator": r["indicator_label"], "measure id": r["measure"],
              "indicator id": r["indicator"], "plan": plans.get(ws.nodes[r["measure"]].plan or "", ""),
              **{k: number(r[k]) for k in ("value", "baseline_value", "latest_value", "change") if k in r}}
             for r in rows]
    id_cols = [Col("measure id", "measure id", breaks="/"), Col("indicator id", "indicator id", breaks="/")] \
        if ids else []
    status = Counter(r["status"] for r in rows)
    counts = ", ".join(f"{status[s]} {s}" for s in STATUS_RULE if status[s])
    tracked = _count(len({r["measure"] for r in rows}), "tracked measure")
    if len(rows) != len({r["measure"] for r in rows}):
        tracked += f" ({_count(len(rows), 'indicator series', 'indicator series')})"
    if wrong_way:
        cols = [Col("status", "status"), Col("measure", "measure"), Col("plan", "plan"), Col("indicator", "indicator"),
                Col("from", "baseline_period"), Col("value", "baseline_value", justify="right"),
                Col("to", "latest_period"), Col("latest", "latest_value", justify="right"),
                Col("change", "change", justify="right"), Col("thread complete", "complete"), *id_cols]
        title = f"{tracked} moving the wrong way" + (f": {counts}" if rows else "")
        legend = ["from: the value at the plan's start, else the first value; thread complete: a priority it "
                  "measures has a delivery strategy in place and an established board"]
    else:
        cols = [Col("status", "status"), Col("measure", "measure"), Col("plan", "plan"), Col("indicator", "indicator"),
                Col("latest", "period"), Col("value", "value", justify="right"), Col("unit", "unit"),
                Col("wanted", "direction"), Col("travel", "travel"), *id_cols]
        title = f"Latest values of {tracked}" + (f": {counts}" if rows else
                                                 " (build with --indicators DIR to track measures)")
        legend = [f"{s}: {STATUS_RULE[s]}" for s in STATUS_RULE if status[s]]
    if not rows:
        say_wrapped(title)
        return
    print_table(shown, cols, title, heading="measure", legend=legend)


@app.command()
def sparql(
    query: str = typer.Argument(..., metavar="QUERY", help="a .rq file, or - to read the query from stdin"),
    graph_dir: Path = GRAPH_OPTION,
    fmt: str = FORMAT_OPTION,
    store: str = STORE_OPTION,
) -> None:
    """Run your own read-only SPARQL query on the graph (updates, SERVICE, LOAD and FROM are refused).

    SELECT gives rows, ASK a yes or no; CONSTRUCT and DESCRIBE give Turtle, or one row per triple with --format csv or json."""
    from goldenthread.queries.run import run_user_query

    check_format(fmt)
    with user_errors():
        if query == "-":
            text, where = sys.stdin.read(), "<stdin>"
        else:
            path = Path(query)
            if not path.is_file():
                fail(f"{path}: query file not found")
            text, where = path.read_text(encoding="utf-8"), str(path)
        result = run_user_query(workspace(graph_dir, store), text, where)
    if result.kind == "graph":
        if fmt == "table":
            sys.stdout.write(result.turtle)
            return
        from rdflib import Graph

        triples = sorted(Graph().parse(data=result.turtle, format="turtle"))
        write_data([{"subject": str(s), "predicate": str(p), "object": str(o)} for s, p, o in triples],
                   ["subject", "predicate", "object"], fmt)
    elif result.kind == "ask":
        if fmt == "table":
            say(f"Answer: {'yes' if result.answer else 'no'}")
        else:
            write_data([{"answer": result.answer}], ["answer"], fmt)
    elif fmt == "table":
        print_table(result.rows, [Col(c, c, breaks="/#") for c in result.columns],
                    f"Query results: {_count(len(result.rows), 'row')}")
    else:
        write_data(result.rows, result.columns, fmt)


@app.command()
def audit(
    graph_dir: Path = GRAPH_OPTION,
    rules: Path | None = typer.Option(None, "--rules", metavar="FILE",
                                         help="SHACL rules file (default: ontology/audit.ttl)"),
    fmt: str = FORMAT_OPTION,
    store: str = STORE_OPTION,
    ids: bool = IDS_OPTION,
) -> None:
    """Check the graph against the audit rules (SHACL shapes) and report what fails in plain language. Exit status 1 when a rule of severity 'violation' fails.

    The rules run with pySHACL on the graph in memory, whatever --store says."""
    from goldenthread.queries.audit import audit as run_audit

    check_format(fmt)
    with user_errors():
        ws = workspace(graph_dir, store)
        rows = run_audit(ws, rules)
    if fmt != "table":
        write_data(rows, ["severity", "rule", "id", "kind", "label", "message"], fmt)
    else:
        _print_audit(_told_apart(ws, rows), rules, ids)
    if any(r["severity"] == "violation" for r in rows):
        raise typer.Exit(1)


def _print_audit(rows: list[dict[str, Any]], rules: Path | None, ids: bool) -> None:
    counts = Counter(r["severity"] for r in rows)
    source = str(rules) if rules else "ontology/audit.ttl"
    found = ", ".join(_count(counts[s], s) for s in ("violation", "warning", "info") if counts[s])
    say_wrapped(f"Audit against the rules in {source}: {found or 'nothing fails'}")
    if not rows:
        say("The graph meets every audit rule.")
    for severity in ("violation", "warning", "info"):
        group = [r for r in rows if r["severity"] == severity]
        if not group:
            continue
        say("")
        say(f"{_count(len(group), severity)}:")
        for r in group:
            lines = wrap(f"{r['label']} ({r['kind']}) {r['message']}.  [{r['rule']}]", out.width - 4, "/")
            say("  " + lines[0])
            for line in lines[1:]:
                say("    " + line)
            if ids:
                say(f"    id: {r['id']}")


@app.command()
def serve(
    graph_dir: Path | None = typer.Option(None, "--graph", metavar="DIR",
                                             help="folder written by 'goldenthread build' (loaded as a named graph)"),
    store: str = typer.Option("oxigraph", "--store", metavar="STORE",
                              help="oxigraph (in memory) or oxigraph:DIR (on disk, may already hold other builds)"),
    host: str = typer.Option("127.0.0.1", "--host", metavar="HOST", help="address to listen on (loopback by default)"),
    port: int = typer.Option(7878, "--port", metavar="PORT", help="port to listen on (0: any free port)"),
    timeout: float = typer.Option(10.0, "--timeout", metavar="SECONDS",
                                  help="seconds a query may run; past this plus 2 s it gets 503"),
    max_bytes: int = typer.Option(50_000_000, "--max-bytes", metavar="BYTES",
                                  help="largest result sent, in bytes; a larger one gets 507 asking for a LIMIT "
                                       "(results are never cut short)"),
    max_rows: int | None = typer.Option(None, "--max-rows", metavar="N",
                                           help="no longer available: use --max-bytes (the engine writes results "
                                                "in the client's format, so rows could only be capped by cutting "
                                                "a result short)"),
    graph_iri: str | None = typer.Option(None, "--graph-iri", metavar="IRI", help="named graph for this build"),
    cors: bool = typer.Option(False, "--cors", help="allow queries from web pages of other origins (CORS)"),
    head_timeout: float = typer.Option(10.0, "--head-timeout", metavar="SECONDS",
                                       help="seconds a client may take to send a request line and headers; "
                                            "past this its connection is closed"),
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql."""
    from goldenthread.queries.endpoint.app import Settings
    from goldenthread.queries.endpoint.server import allowed_hosts, bind, is_loopback
    from goldenthread.queries.endpoint.server import serve as run_server
    from goldenthread.queries.endpoint.store_folder import prepare

    if store != "oxigraph" and not (store.startswith("oxigraph:") and store != "oxigraph:"):
        fail(f"unknown store '{store}' for serve (use oxigraph or oxigraph:DIR)")
    if max_rows is not None:
        fail("--max-rows is no longer available: use --max-bytes (results are never cut short, so rows "
             "are not counted)")
    if not timeout > 0 or not max_bytes > 0 or not head_timeout > 0:
        fail("--timeout, --max-bytes and --head-timeout must be greater than 0")
    with user_errors():
        folder = prepare(graph_dir, Path(store.split(":", 1)[1]) if ":" in store else None, graph_iri)
    warn(folder.warnings)
    try:
        with user_errors():
            sock = bind(host, port)
            settings = Settings(graphs=folder.graphs, timeout=timeout, max_bytes=max_bytes, cors=cors,
                                allowed_hosts=allowed_hosts(host), head_timeout=head_timeout)

            def ready(url: str) -> None:
                out.print(f"serving {len(folder.graphs)} graph(s) read-only at {url}/sparql "
                          f"(query page: {url}/); Ctrl-C to stop", markup=False)
                if not is_loopback(host):
                    out.print(f"warning: listening on {host}, reachable from other machines", markup=False)
                sys.stdout.flush()

            run_server(sock, folder.location, settings, ready)
    finally:
        folder.remove()


@app.command()
def publish(
    graph_dir: Path = GRAPH_OPTION,
    endpoint: str = typer.Option(..., "--endpoint", metavar="URL",
                                 help="the writable store's SPARQL Graph Store Protocol URL: Oxigraph server "
                                      "http://HOST:PORT/store, Fuseki http://HOST:PORT/DATASET/data "
                                      "('goldenthread serve' is read-only and cannot receive it)"),
    graph_iri: str | None = typer.Option(None, "--graph-iri", metavar="IRI",
                                            help="named graph to replace (default: one per plan set)"),
    timeout: float = typer.Option(60.0, "--timeout", metavar="SECONDS",
                                  help="seconds to wait for the server; after that the graph is read back to "
                                       "check what the server holds"),
) -> None:
    """Write graph.ttl into a shared triple store, replacing that named graph atomically.

    Basic-auth credentials come from $GOLDENTHREAD_PUBLISH_USER and $GOLDENTHREAD_PUBLISH_PASSWORD, never from the URL."""
    import os

    from goldenthread.queries.publish import PASSWORD_ENV, USER_ENV, plain_http_warning, shown
    from goldenthread.queries.publish import publish as put_graph

    user = os.environ.get(USER_ENV)
    with user_errors():
        # graph.ttl as the build wrote it; when graph.sha256 says it no longer matches graph.json (a warning
        # says so), the RDF projected from graph.json instead (N-Triples, which is Turtle too)
        ws = workspace(graph_dir, "oxigraph")
        ttl = Path(graph_dir) / "graph.ttl"
        if not ttl.is_file():
            fail(f"{ttl}: not found (run 'goldenthread build' first)")
        if timeout <= 0:
            fail(f"--timeout must be more than 0 seconds, not {timeout:g}")
        if (warning := plain_http_warning(endpoint, user)) is not None:
            warn([warning])
        iri = graph_iri or ws.graph_iri
        result = put_graph(ws.rdf_data()[0].decode("utf-8"), endpoint, iri, user, os.environ.get(PASSWORD_ENV),
                           timeout=timeout)
    late = (f" (the server answered after {timeout:g} s; the graph was read back and matches)"
            if result.late else "")
    say(f"published {result.triples} triples to <{iri}> at {shown(endpoint)}{late}")
