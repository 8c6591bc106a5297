"""Commands that read a built graph: thread, orphans, coverage, matrix, drift, sparql, audit.

All of them read the output of ``build`` (``--graph DIR``) and call the Python API in
``goldenthread.queries``, so the CLI, the API and the report give identical results.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from goldenthread.cli.common import (FORMAT_OPTION, GRAPH_OPTION, STORE_OPTION, app, check_format, fail,
                                     out, user_errors, workspace, write_rows)
from goldenthread.queries import library


@app.command()
def thread(
    node: str = typer.Argument(..., help="node id, or an unambiguous label prefix ('caring and growing')"),
    graph_dir: Path = GRAPH_OPTION,
    fmt: str = typer.Option("table", "--format", help="table | json"),
    store: str = STORE_OPTION,
) -> None:
    """The golden thread of a node: up to its plan, down and across to commitments,
    aligned commitments in other plans, strategies, boards and measures."""
    check_format(fmt, ("table", "json"))
    with user_errors():
        result = library.thread(workspace(graph_dir, store), node)
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return
    focus = result["focus"]
    rows = [{"kind": n["kind"], "label": n["label"], "plan": n["plan"], "status": n["status"],
             "id": n["id"]} for n in result["nodes"]]
    rows.sort(key=lambda r: (_KIND_ORDER.index(r["kind"]), r["plan"] or "", r["id"]))
    write_rows(rows, ["kind", "label", "plan", "status", "id"], "table",
               title=f"Golden thread of {focus['label']} ({len(rows)} nodes, {len(result['edges'])} links)")


_KIND_ORDER = ["plan", "theme", "priority", "commitment", "strategy", "board", "portfolio", "measure"]


@app.command()
def orphans(
    reason: Optional[str] = typer.Option(None, "--reason", help=f"only this reason: {', '.join(library.REASONS)}"),
    graph_dir: Path = GRAPH_OPTION,
    fmt: str = FORMAT_OPTION,
    store: str = STORE_OPTION,
) -> None:
    """Where the thread breaks: commitments with no counterpart, priorities with no strategy,
    board or measure, strategies not in place, boards not established, blank table cells."""
    check_format(fmt)
    with user_errors():
        rows = library.orphans(workspace(graph_dir, store), reason)
    write_rows(rows, ["id", "kind", "label", "reason", "detail"], fmt, title=f"{len(rows)} breaks in the thread")


@app.command()
def coverage(graph_dir: Path = GRAPH_OPTION, fmt: str = FORMAT_OPTION, store: str = STORE_OPTION) -> None:
    """Per priority: which links of the thread exist, a completeness score and what is missing."""
    check_format(fmt)
    with user_errors():
        rows = library.coverage(workspace(graph_dir, store))
    write_rows(rows, ["status", "score", "label", "plan", "missing", "id"], fmt, title="Coverage per priority")


@app.command()
def matrix(graph_dir: Path = GRAPH_OPTION, fmt: str = FORMAT_OPTION, store: str = STORE_OPTION) -> None:
    """Traceability matrix: priorities of a plan that carries out another (rows) against
    that plan's priorities (columns), counting aligned commitments."""
    check_format(fmt)
    with user_errors():
        result = library.matrix(workspace(graph_dir, store))
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return
    columns = result["columns"]
    rows = [{"priority": r["label"], "id": r["id"],
             **{c["label"]: result["cells"].get(r["id"], {}).get(c["id"], 0) for c in columns}}
            for r in result["rows"]]
    write_rows(rows, ["priority", *(c["label"] for c in columns), *(["id"] if fmt == "csv" else [])], fmt,
               title="Traceability matrix (aligned commitments)")


@app.command()
def drift(graph_dir: Path = GRAPH_OPTION, fmt: str = FORMAT_OPTION, store: str = STORE_OPTION) -> None:
    """Priorities a later plan drops, and its themes that are new."""
    check_format(fmt)
    with user_errors():
        rows = library.drift(workspace(graph_dir, store))
    write_rows(rows, ["direction", "label", "kind", "plan", "detail", "id"], fmt, title="Drift between plans")


@app.command()
def sparql(
    query: str = typer.Argument(..., help="a .rq file, or - to read the query from stdin"),
    graph_dir: Path = GRAPH_OPTION,
    fmt: str = FORMAT_OPTION,
    store: str = STORE_OPTION,
) -> None:
    """Run your own read-only SPARQL query on the graph (updates, SERVICE, LOAD and FROM are refused)."""
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
        sys.stdout.write(result.turtle)
    elif result.kind == "ask":
        write_rows([{"answer": result.answer}], ["answer"], fmt)
    else:
        write_rows(result.rows, result.columns, fmt, title=f"{len(result.rows)} rows")


@app.command()
def audit(
    graph_dir: Path = GRAPH_OPTION,
    rules: Optional[Path] = typer.Option(None, "--rules", help="SHACL rules file (default: ontology/audit.ttl)"),
    fmt: str = FORMAT_OPTION,
) -> None:
    """Check the graph against the audit rules (SHACL shapes) and report violations in plain
    language. Exit status 1 when a rule of severity 'violation' fails."""
    from goldenthread.queries.audit import audit as run_audit

    check_format(fmt)
    with user_errors():
        rows = run_audit(workspace(graph_dir), rules)
    if fmt == "table":
        if not rows:
            out.print("The graph meets every audit rule.")
        for severity in ("violation", "warning", "info"):
            group = [r for r in rows if r["severity"] == severity]
            if group:
                out.print(f"\n{len(group)} {severity}{'s' if len(group) > 1 else ''}:", markup=False)
                for r in group:
                    out.print(f"  {r['label']} ({r['kind']}) {r['message']}.  [{r['rule']}]", markup=False)
    else:
        write_rows(rows, ["severity", "rule", "id", "kind", "label", "message"], fmt)
    if any(r["severity"] == "violation" for r in rows):
        raise typer.Exit(1)


@app.command()
def serve(
    graph_dir: Optional[Path] = typer.Option(None, "--graph", help="folder written by 'build' (loaded as a named graph)"),
    store: str = typer.Option("oxigraph", "--store", help="oxigraph (in memory) or oxigraph:DIR (on disk, "
                                                         "may already hold other builds)"),
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (loopback by default)"),
    port: int = typer.Option(7878, "--port"),
    timeout: float = typer.Option(10.0, "--timeout", help="seconds a query may run"),
    max_rows: int = typer.Option(10_000, "--max-rows", help="result rows returned at most"),
    graph_iri: Optional[str] = typer.Option(None, "--graph-iri", help="named graph for this build"),
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql."""
    from goldenthread.queries.server import serve as make_server
    from goldenthread.queries.store import OxigraphStore

    if store != "oxigraph" and not store.startswith("oxigraph:"):
        fail(f"unknown store '{store}' for serve (use oxigraph or oxigraph:DIR)")
    path = Path(store.split(":", 1)[1]) if ":" in store else None
    with user_errors():
        if graph_dir is None and path is None:
            fail("nothing to serve: give --graph DIR, or --store oxigraph:DIR holding published builds")
        ox_store = OxigraphStore(path)
        if graph_dir is not None:
            ws = workspace(graph_dir)
            ox_store.load_ntriples(ws.rdf.serialize(format="nt"), graph_iri or ws.graph_iri)
        graphs = ox_store.graphs()
        if path is not None:
            del ox_store  # the query process opens the store read-only itself
            server, runner = make_server(None, graphs, host, port, timeout, max_rows, str(path))
        else:
            server, runner = make_server(ox_store.store, graphs, host, port, timeout, max_rows)
    where = f"http://{host}:{server.server_address[1]}"
    out.print(f"serving {len(graphs)} graph(s) read-only at {where}/sparql (query page: {where}/); "
              "Ctrl-C to stop", markup=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        out.print(f"warning: listening on {host}, reachable from other machines", markup=False)
    sys.stdout.flush()
    import signal

    def stop(signum, frame):  # a terminated server still stops its query process
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        runner.close()


@app.command()
def publish(
    graph_dir: Path = GRAPH_OPTION,
    endpoint: str = typer.Option(..., "--endpoint", help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store"),
    graph_iri: Optional[str] = typer.Option(None, "--graph-iri", help="named graph to replace (default: one per plan set)"),
) -> None:
    """Write graph.ttl into a shared triple store, replacing that named graph atomically.

    Basic-auth credentials come from $GOLDENTHREAD_PUBLISH_USER and $GOLDENTHREAD_PUBLISH_PASSWORD."""
    import os

    from goldenthread.queries.publish import PASSWORD_ENV, USER_ENV, publish as put_graph

    with user_errors():
        ws = workspace(graph_dir)
        ttl = Path(graph_dir) / "graph.ttl"
        if not ttl.is_file():
            fail(f"{ttl}: not found (run 'goldenthread build' first)")
        iri = graph_iri or ws.graph_iri
        count = put_graph(ttl.read_text(encoding="utf-8"), endpoint, iri,
                          os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV))
    out.print(f"published {count} triples to <{iri}> at {endpoint}", markup=False)
