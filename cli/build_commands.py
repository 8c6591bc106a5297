"""The commands that make and review a build: ``build`` and ``links``.

Every command reports bad input as one line on stderr (``error: FILE:LINE:
message``) and exits with status 2; no traceback is shown for user errors.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from goldenthread.cli.common import (
    FORMAT_OPTION,
    GRAPH_OPTION,
    IDS_OPTION,
    STORE_OPTION,
    check_format,
    err,
    fail,
    out,
    say,
    warn,
    workspace,
    write_data,
)
from goldenthread.core.collector import collect_as_before, collect_less
from goldenthread.core.errors import GoldenthreadError

if TYPE_CHECKING:
    from goldenthread.graph.build import BuildResult

app = typer.Typer()  # its commands join the root app in cli/main.py


def print_summary(result: BuildResult) -> None:
    """Node counts per kind per document (a node counts for every document that mentions it).

    Plain columns, no borders, so it reads the same in a terminal, a CI log and the README;
    on a terminal too narrow for them, one block per document instead (never a cut word)."""
    from goldenthread.core.model import NODE_KINDS  # the model (~0.08 s) is not needed for --help

    per_doc: dict[str, Counter] = {d.name: Counter() for d in result.documents}
    for node in result.graph.nodes:
        for doc in sorted({s.document for s in node.sources}):
            per_doc.setdefault(doc, Counter())[node.kind] += 1
    kinds = [k for k in NODE_KINDS if any(n.kind == k for n in result.graph.nodes)]
    profile_of = {d.name: d.profile for d in result.documents}
    total = Counter(n.kind for n in result.graph.nodes)
    rows = [[doc, profile_of.get(doc, ""), *(str(counts.get(k, 0)) for k in kinds)] for doc, counts in per_doc.items()]
    rows.append(["graph (unique nodes)", "", *(str(total.get(k, 0)) for k in kinds)])
    header = ["document", "profile", *kinds]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    if sum(widths) + 2 * (len(widths) - 1) > out.width:
        for row in rows:
            say(row[0] + (f" ({row[1]})" if row[1] else ""))
            say("  " + ", ".join(f"{n} {k}" for k, n in zip(kinds, row[2:])))
        return
    for row in [header, *rows]:
        cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
        say("  ".join(cells).rstrip())


def render_pages(graph, previous=None, projection=None) -> dict[str, str]:
    """The HTML outputs of a build: the audit report (and its Markdown twin) and the explorer; with
    ``previous`` (the previous edition's workspace, ``build --previous``) the report says what changed.
    ``projection``: the graph's RDF when already made (for graph.ttl), which their queries then use."""
    from goldenthread.queries.library import Workspace
    from goldenthread.viz.explorer import render_explorer
    from goldenthread.viz.report import render_reports

    ws = Workspace(graph, store_spec="auto", projected=projection)
    return {**render_reports(ws, previous), "explorer.html": render_explorer(ws)}


@app.command()
def build(
    corpus: Path = typer.Argument(..., metavar="CORPUS",
                                  help="folder of plan documents (.pdf, .docx, .html, .md, .txt; sub-folders too)"),
    out_dir: Path = typer.Option(Path("out"), "--out", "-o", metavar="DIR", help="output folder"),
    manifest: Path | None = typer.Option(None, "--manifest", metavar="FILE",
                                            help="manifest naming each document's profile and plan"),
    profiles: list[Path] = typer.Option([], "--profiles", metavar="DIR", help="extra folder of profiles (repeatable)"),
    decisions: list[Path] = typer.Option([], "--decisions", metavar="FILE",
                                         help="curated link decisions CSV (repeatable)"),
    strict: bool = typer.Option(False, "--strict", help="treat every warning as an error: exit 2, write nothing"),
    indicators: Path | None = typer.Option(None, "--indicators", metavar="DIR",
                                           help="folder of indicator data (CSV files, optional indicators.toml): "
                                                "link measures to indicators and track them for --area"),
    area: str | None = typer.Option(None, "--area", metavar="CODE",
                                    help="area code the plans are about, e.g. E08000007 (default: the manifest's "
                                         "area); needs --indicators"),
    previous: Path | None = typer.Option(None, "--previous", metavar="DIR",
                                         help="the build of the previous edition: each node that continues one "
                                              "of it keeps that node's id (see 'goldenthread diff')"),
) -> None:
    """Build the plan graph from CORPUS and write graph.json, graph.ttl, report.html,
    report.md, explorer.html and, for PDF, Word and HTML documents, the text read from
    them (text/NAME.txt) to --out. With --indicators, measures are linked to the
    indicators whose data tracks them, and each is summarised for the area (latest value,
    change since the plan's start, England, comparator rank, status). With --previous, ids
    are carried forward from the previous edition's build: a reworded or moved commitment
    keeps its id, a new one gets a new id, and a dropped id is never used again."""
    # imported by the command, not the module: `goldenthread --help` need not load them
    from goldenthread.graph.build import build_graph, check_out_folder
    from goldenthread.graph.rdf import project
    from goldenthread.graph.serialize import stamp, to_json, write_outputs

    collecting = collect_less()  # most objects a build makes live to its end: scan them less often
    try:
        check_out_folder(corpus, out_dir)
        before = workspace(previous) if previous is not None else None
        result = build_graph(corpus, manifest, tuple(profiles), tuple(decisions), indicators=indicators, area=area,
                             previous=before.graph if before is not None else None)
        if strict and result.warnings:
            for warning in result.warnings:
                err.print(f"error: {warning}", markup=False, soft_wrap=True)
            fail(f"{len(result.warnings)} warning(s) and --strict: nothing written")
        projection = project(result.graph)  # once: graph.ttl, then the report's and explorer's queries
        files = {"graph.json": to_json(result.graph), "graph.ttl": projection.turtle()}
        files["graph.sha256"] = stamp(files)  # so query commands can load graph.ttl, not project again
        files.update(render_pages(result.graph, before, projection))
        files.update({f"text/{name}.txt": text for name, text in result.texts.items()})
        write_outputs(out_dir, files, replace_folders=("text", "report"))
    except GoldenthreadError as exc:
        fail(str(exc))
        return
    finally:
        collect_as_before(collecting)
    print_summary(result)
    for skipped in result.skipped:
        say(f"skipped: {skipped.name} ({skipped.reason})")
    warn(result.warnings)
    warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    folders = sorted({f.split("/")[0] + "/" for f in files if "/" in f})
    written = sorted(f for f in files if "/" not in f) + folders
    say(f"wrote {', '.join(written)} to {out_dir} "
        f"({len(result.graph.nodes)} nodes, {len(result.graph.edges)} links{warned})")


@app.command()
def links(
    graph_dir: Path = GRAPH_OPTION,
    fmt: str = FORMAT_OPTION,
    store: str = STORE_OPTION,
    ids: bool = IDS_OPTION,
    inferred_only: bool = typer.Option(False, "--inferred-only", metavar="", help="leave out curated links"),
) -> None:
    """List inferred (and curated) links for review, weakest first, with what each confidence means.

    The CSV is a decisions file: fill in the 'decision' column (accept, reject, add) and pass it to 'goldenthread build --decisions FILE'. --store is accepted like every query command's; links are read from graph.json."""
    from goldenthread.cli.common import Col, print_table
    from goldenthread.cli.query_commands import confidence_legend
    from goldenthread.graph.review import SUSPECT_COLUMN, review_columns, review_rows

    check_format(fmt)
    try:
        ws = workspace(graph_dir, store)
    except GoldenthreadError as exc:
        fail(str(exc))
        return
    rows = review_rows(ws.graph, include_curated=not inferred_only)
    columns = review_columns(ws.graph)
    if fmt != "table":
        write_data(rows, columns, fmt)
        return
    kind = {n.id: n.kind for n in ws.graph.nodes}
    shown = [{**r, "confidence": "" if r["confidence"] == "" else f"{float(r['confidence']):.2f}",
              "from": f"{r['source_label']} ({kind[r['source']]})", "to": f"{r['target_label']} ({kind[r['target']]})"}
             for r in rows]
    what = "inferred links" if inferred_only else "inferred and curated links"
    each = "from carries out, or is tracked by, to" if any(r["kind"] == "tracked_by" for r in rows) \
        else "from carries out to"
    print_table(shown, [Col("confidence", "confidence", justify="right"), Col("basis", "basis"),
                        Col("origin", "origin"), Col("from", "from"), Col("to", "to"), Col("evidence", "evidence"),
                        # a curated link an end of which changed since the previous edition (build --previous)
                        *([Col("suspect", SUSPECT_COLUMN)] if SUSPECT_COLUMN in columns else []),
                        *([Col("from id", "source", breaks="/"), Col("to id", "target", breaks="/")] if ids else [])],
                f"{len(rows)} {what} to review, weakest first (each: {each})", heading="from",
                legend=[*confidence_legend(rows),
                        "to accept or reject links: --format csv > review.csv, fill in its 'decision' column, "
                        "then 'goldenthread build CORPUS --decisions review.csv'"])
