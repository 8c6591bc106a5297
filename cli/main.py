"""The ``goldenthread`` command line.

Every command reports bad input as one line on stderr (``error: FILE:LINE:
message``) and exits with status 2; no traceback is shown for user errors.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from goldenthread.graph.build import BuildResult, build_graph
from goldenthread.graph.model import NODE_KINDS
from goldenthread.loaders.errors import GoldenthreadError

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                  help="goldenthread: trace a council's plans from vision to measure.")
# a wide console when piped, so the summary table is not truncated in logs
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False)


@app.callback()
def _root() -> None:
    """goldenthread: trace a council's plans from vision to measure."""


def fail(message: str) -> None:
    err.print(f"error: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(2)


def summary_table(result: BuildResult) -> Table:
    """Node counts per kind per document (a node counts for every document that mentions it)."""
    per_doc: dict[str, Counter] = {d.name: Counter() for d in result.documents}
    for node in result.graph.nodes:
        for doc in sorted({s.document for s in node.sources}):
            per_doc.setdefault(doc, Counter())[node.kind] += 1
    kinds = [k for k in NODE_KINDS if any(n.kind == k for n in result.graph.nodes)]
    table = Table(title="Nodes per kind per document")
    table.add_column("document")
    table.add_column("profile")
    for kind in kinds:
        table.add_column(kind, justify="right")
    profile_of = {d.name: d.profile for d in result.documents}
    for doc, counts in per_doc.items():
        table.add_row(doc, profile_of.get(doc, ""), *(str(counts.get(k, 0)) for k in kinds))
    total = Counter(n.kind for n in result.graph.nodes)
    table.add_row("[bold]graph (unique nodes)[/bold]", "", *(f"[bold]{total.get(k, 0)}[/bold]" for k in kinds))
    return table


@app.command()
def build(
    corpus: Path = typer.Argument(..., help="folder of plan documents (plain text)"),
    out_dir: Path = typer.Option(Path("out"), "--out", "-o", help="output folder"),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="manifest naming each document's profile and plan"),
    profiles: list[Path] = typer.Option([], "--profiles", help="extra folder of profiles (repeatable)"),
    decisions: list[Path] = typer.Option([], "--decisions", help="curated link decisions CSV (repeatable)"),
) -> None:
    """Build the plan graph from CORPUS and write graph.json and graph.ttl to --out."""
    from goldenthread.graph.rdf import to_turtle
    from goldenthread.graph.serialize import to_json, write_outputs

    try:
        result = build_graph(corpus, manifest, tuple(profiles), tuple(decisions))
        files = {"graph.json": to_json(result.graph), "graph.ttl": to_turtle(result.graph)}
        write_outputs(out_dir, files)
    except GoldenthreadError as exc:
        fail(str(exc))
        return
    out.print(summary_table(result))
    for name in result.skipped:
        out.print(f"skipped: {name} (no profile recognises it)", markup=False)
    out.print(f"wrote {', '.join(sorted(files))} to {out_dir} "
              f"({len(result.graph.nodes)} nodes, {len(result.graph.edges)} links)", markup=False)


def load_graph_dir(graph_dir: Path):
    """The graph written by ``build`` in ``graph_dir`` (graph.json)."""
    from pydantic import ValidationError

    from goldenthread.graph.serialize import from_json

    path = Path(graph_dir) / "graph.json"
    if not path.is_file():
        raise GoldenthreadError(f"{path}: not found (run 'goldenthread build' first)")
    try:
        return from_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise GoldenthreadError(f"{path}: not a goldenthread graph: {exc.errors()[0]['msg']}") from None


def write_rows(rows: list[dict[str, str]], columns: list[str], fmt: str, title: str = "") -> None:
    """Print rows as a table, CSV or JSON on stdout."""
    import csv
    import json

    if fmt == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=title or None)
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*(str(row.get(c, "")) for c in columns))
        out.print(table)


FORMATS = ("table", "csv", "json")


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        fail(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    return fmt


@app.command()
def links(
    graph_dir: Path = typer.Option(Path("out"), "--graph", help="folder written by 'build'"),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    inferred_only: bool = typer.Option(False, "--inferred-only", help="leave out curated links"),
) -> None:
    """List inferred (and curated) links for review, weakest first.

    The CSV is a decisions file: fill in the 'decision' column (accept, reject, add)
    and pass it to 'goldenthread build --decisions FILE'.
    """
    from goldenthread.graph.review import COLUMNS, review_rows

    check_format(fmt)
    try:
        graph = load_graph_dir(graph_dir)
    except GoldenthreadError as exc:
        fail(str(exc))
        return
    rows = review_rows(graph, include_curated=not inferred_only)
    if fmt == "table":
        short = ["confidence", "origin", "source_label", "target_label", "evidence"]
        write_rows(rows, short, fmt, title=f"{len(rows)} inferred/curated links")
    else:
        write_rows(rows, COLUMNS, fmt)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
