"""Shared pieces of the command line: options, output, and the one-line error rule.

Every command reports bad input as one line on stderr (``error: FILE[:LINE]: message``)
and exits with status 2; no traceback is shown for user errors.

Tables never split a word: each column is at least as wide as its longest word (ids
and IRIs may break after a ``/``), the terminal width shares out the rest, and a table
that cannot fit that way is printed as a list instead (``print_table``).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.table import Table

from goldenthread.core.errors import GoldenthreadError

# the terminal's width; when piped, $COLUMNS if set, else wide, so tables are not cramped in logs
out = Console(highlight=False,
              width=None if sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit() else 160)
err = Console(stderr=True, highlight=False)

FORMATS = ("table", "csv", "json")
GRAPH_OPTION = typer.Option(Path("out"), "--graph", metavar="DIR", help="folder written by 'goldenthread build'")
FORMAT_OPTION = typer.Option("table", "--format", metavar="FORMAT", help="table | csv | json")
STORE_OPTION = typer.Option("auto", "--store", metavar="STORE",
                            help="where queries run: rdflib, oxigraph (in memory), oxigraph:DIR (on disk) "
                                 "or auto (Oxigraph in memory)")
IDS_OPTION = typer.Option(False, "--ids", metavar="",
                          help="also show node ids in the table (csv and json always have them)")


def say(text: str) -> None:
    """One plain line on stdout: never wrapped or styled, whatever the terminal."""
    out.print(text, markup=False, soft_wrap=True)


def warn(warnings: Iterable[object]) -> None:
    """Each warning as one plain line on stderr, ``warning: <text>`` (never wrapped or styled)."""
    for warning in warnings:
        err.print(f"warning: {warning}", markup=False, soft_wrap=True)


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
    """The workspace of a build folder (``open_workspace``), its warnings shown on stderr (a
    graph.ttl that no longer matches graph.json: the RDF is projected from graph.json instead)."""
    from goldenthread.queries.library import check_store, open_workspace

    ws = open_workspace(graph_dir, check_store(store))
    warn(ws.warnings)
    return ws


def cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    return "" if value is None else str(value)


def write_data(rows: list[dict[str, Any]], columns: list[str], fmt: str) -> None:
    """Rows as CSV (``columns``, in order) or JSON (every key, with its type) on stdout."""
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: cell(r.get(c)) for c in columns} for r in rows)


# -- tables that never split a word ------------------------------------------------

@dataclass(frozen=True)
class Col:
    """A table column: its heading, the row key it shows, alignment, and where a long
    token may break besides spaces (``"/"`` for ids, ``"/#"`` for IRIs)."""

    header: str
    key: str
    justify: JustifyMethod = "left"
    breaks: str = ""
    max_width: int | None = None  # wrap before this even when there is room (never below the longest word)


def _pieces(word: str, breaks: str) -> list[str]:
    """A word cut after each break character (``a/b/c`` -> ``a/``, ``b/``, ``c``)."""
    if not breaks:
        return [word]
    pieces, start = [], 0
    for i, ch in enumerate(word):
        if ch in breaks and i + 1 < len(word):
            pieces.append(word[start:i + 1])
            start = i + 1
    pieces.append(word[start:])
    return [p for p in pieces if p]


def longest_piece(text: str, breaks: str = "") -> int:
    """The width of the widest piece of ``text`` that may not be broken."""
    return max((cell_len(p) for word in text.split() for p in _pieces(word, breaks)), default=0)


def wrap(text: str, width: int, breaks: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken only at spaces (and after
    ``breaks`` inside a word too long for a line). Explicit line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            pieces = [word] if cell_len(word) <= width else _pieces(word, breaks)
            for n, piece in enumerate(pieces):
                gap = " " if line and n == 0 else ""
                if line and cell_len(line) + len(gap) + cell_len(piece) > width:
                    lines.append(line)
                    line, gap = "", ""
                line += gap + piece
        lines.append(line)
    return lines


def _widths(mins: list[int], maxs: list[int], room: int) -> list[int]:
    """Column widths: each its minimum, then the room left shared out equally, a column
    taking no more than it needs to show its longest cell on one line (so short columns
    such as a kind or a status stay on one line and long texts share the rest)."""
    widths = list(mins)
    left = room - sum(widths)
    wanting = sorted((i for i in range(len(mins)) if maxs[i] > mins[i]), key=lambda i: maxs[i] - mins[i])
    while wanting and left > 0:
        share = left // len(wanting)
        first = wanting[0]
        if maxs[first] - widths[first] <= share:
            left -= maxs[first] - widths[first]
            widths[first] = maxs[first]
            wanting.pop(0)
            continue
        for i in wanting:
            widths[i] += share
        left -= share * len(wanting)
        for i in sorted(wanting, key=lambda i: widths[i] - maxs[i])[:left]:
            widths[i] += 1
        break
    return widths


def print_table(rows: list[dict[str, Any]], cols: list[Col], title: str, *, legend: Iterable[str] = (),
                heading: str | None = None) -> None:
    """A titled table on stdout whose cells never end mid-word, with legend lines under it.

    Each column is at least as wide as its longest word and the terminal width shares out
    the rest; when even that does not fit, each row is printed as a short block instead
    (``heading`` names the key whose value heads a block; default the first column's).
    """
    text = [[cell(r.get(c.key)) for c in cols] for r in rows]
    if title:
        say_wrapped(title)
    if not rows:
        for line in legend:
            say_wrapped(line)
        return
    mins = [max([longest_piece(c.header)] + [longest_piece(t[i], c.breaks) for t in text]) or 1
            for i, c in enumerate(cols)]
    maxs = [max(cell_len(" ".join(line.split())) for value in [c.header] + [t[i] for t in text]
                for line in value.split("\n")) or 1 for i, c in enumerate(cols)]
    maxs = [max(mins[i], min(m, c.max_width or m)) for i, (m, c) in enumerate(zip(maxs, cols))]
    overhead = 3 * len(cols) + 1  # a space either side of each column, and the rules between
    if sum(mins) + overhead > out.width:
        _print_list(rows, cols, text, heading)
    else:
        widths = _widths(mins, maxs, out.width - overhead)
        cells = [["\n".join(wrap(t[i], widths[i], c.breaks)) for i, c in enumerate(cols)] for t in text]
        table = Table(show_lines=any("\n" in v for row in cells for v in row))
        for c, w in zip(cols, widths):
            table.add_column("\n".join(wrap(c.header, w)), justify=c.justify, width=w, overflow="fold")
        for row in cells:
            table.add_row(*row)
        out.print(table)
    for line in legend:
        say_wrapped(line)


def say_wrapped(text: str, breaks: str = "") -> None:
    """``text`` wrapped at spaces to the terminal, continuation lines indented two more
    than the first (which keeps its own leading spaces)."""
    indent = len(text) - len(text.lstrip(" "))
    lines = wrap(text, max(out.width - indent - 2, 20), breaks)
    say(" " * indent + lines[0])
    for line in lines[1:]:
        say(" " * (indent + 2) + line)


def _print_list(rows: list[dict[str, Any]], cols: list[Col], text: list[list[str]], heading: str | None) -> None:
    """The rows of a table too wide for the terminal, one block each: the heading value,
    then ``column: value`` lines, wrapped at spaces under their first word."""
    first = next((i for i, c in enumerate(cols) if c.key == heading), 0)
    width = max(out.width, 20)
    for t in text:
        say("")
        for line in wrap(t[first], width, cols[first].breaks):
            say(line)
        for i, c in enumerate(cols):
            if i == first or not t[i]:
                continue
            lead = f"  {c.header}: "
            lines = wrap(t[i], max(width - len(lead), 10), c.breaks)
            say(lead + lines[0])
            for line in lines[1:]:
                say(" " * len(lead) + line)
    say("")
