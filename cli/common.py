"""Shared pieces of the command line: the app, output, and the one-line error rule.

Every command reports bad input as one line on stderr (``error: FILE[:LINE]: message``)
and exits with status 2; no traceback is shown for user errors.
"""

from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import typer
from rich.console import Console
from rich.table import Table

from goldenthread.loaders.errors import GoldenthreadError

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                  help="goldenthread: trace a council's plans from vision to measure.")
# a wide console when piped, so tables are not truncated in logs
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False)

FORMATS = ("table", "csv", "json")
GRAPH_OPTION = typer.Option(Path("out"), "--graph", help="folder written by 'goldenthread build'")
FORMAT_OPTION = typer.Option("table", "--format", help="table | csv | json")
STORE_OPTION = typer.Option("auto", "--store",
                            help="where queries run: rdflib, oxigraph (in memory), oxigraph:DIR (on disk) "
                                 "or auto (rdflib for small graphs, Oxigraph for large)")


@app.callback()
def _root() -> None:
    """goldenthread: trace a council's plans from vision to measure."""


def say(text: str) -> None:
    """One plain line on stdout: never wrapped or styled, whatever the terminal."""
    out.print(text, markup=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> None:
    err.print(f"error: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a ``GoldenthreadError`` into one line on stderr and exit status 2."""
    try:
        yield
    except GoldenthreadError as exc:
        fail(str(exc))


def check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> str:
    if fmt not in allowed:
        fail(f"unknown format '{fmt}' (use {', '.join(allowed)})")
    return fmt


def workspace(graph_dir: Path, store: str = "rdflib"):
    from goldenthread.queries.library import open_workspace

    return open_workspace(graph_dir, store)


def cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    return "" if value is None else str(value)


def write_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, title: str = "") -> None:
    """Print rows as a table, CSV or JSON on stdout (JSON keeps the values' types)."""
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: cell(r.get(c)) for c in columns} for r in rows)
    else:
        table = Table(title=title or None)
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*(cell(row.get(c)) for c in columns))
        out.print(table)
