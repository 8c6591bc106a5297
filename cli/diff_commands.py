"""``goldenthread diff OLD NEW``: what a new edition of the plans dropped, added, reworded or moved.

OLD and NEW are folders written by ``goldenthread build`` (one build per edition). The nodes are
matched by content and place, never by id (``goldenthread.graph.editions``); each priority's thread
status comes from the query library (``coverage``), so "thread breaks" and "thread mends" follow the
one RAG rule. Output: a table (the changes, the unchanged counted in the title), ``--format md`` (a
page for the strategy team), ``--format json`` (every node, unchanged ones included: the contract in
README, "Editions: what changed") or ``--format csv`` (the same rows, flat).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

import typer

from goldenthread.cli.common import Col, check_format, print_table, say_wrapped, user_errors

app = typer.Typer()  # its commands join the root app in cli/main.py

FORMATS = ("table", "json", "csv", "md")
CSV_COLUMNS = ["change", "kind", "label", "score", "detail", "old", "new", "old_source", "new_source", "diff",
               "parts", "target_old", "target_new", "old_text", "new_text"]
_LEGEND = ["score: the share of content words the two texts have in common (Dice, 0-1); split and merged: "
           "the share of the whole's words its parts cover; a link: its confidence (blank when stated)",
           "[-words-] are in the old edition only, {+words+} in the new one only"]


def _open(folder: Path, which: str):
    from goldenthread.core.errors import GoldenthreadError
    from goldenthread.queries.library import open_workspace

    if not folder.exists():
        raise GoldenthreadError(f"{folder}: not found ({which}: a folder written by 'goldenthread build')")
    if not folder.is_dir():
        raise GoldenthreadError(f"{folder}: not a folder ({which}: a folder written by 'goldenthread build')")
    return open_workspace(folder)


def _flat(change: dict[str, Any]) -> dict[str, Any]:
    """A change as one CSV row (or table row)."""
    from goldenthread.graph.editions import render_diff, where
    from goldenthread.queries.editions import said

    passages = change["passages"]
    target = change.get("target") or {}
    return {**change, "score": "" if change["score"] is None else f"{change['score']:.2f}",
            "old_source": where(passages["old"]), "new_source": where(passages["new"]),
            "diff": render_diff(change["diff"]) if "diff" in change else "",  # CSV: the whole text
            "parts": "; ".join(change.get("parts", [])), "target_old": target.get("old") or "",
            "target_new": target.get("new") or "", "shown": said(change),
            "old_text": passages["old"]["text"] if passages["old"] else "",
            "new_text": passages["new"]["text"] if passages["new"] else "",
            "where": " -> ".join(w for w in (where(passages["old"]), where(passages["new"])) if w)}


def _title(result: Any) -> str:
    names = {p["id"]: p for p in [*result.old_plans, *result.new_plans]}

    def plan(plan_id: str) -> str:
        p = names[plan_id]
        return p["label"]

    moved = [f"{plan(o)} -> {plan(n)}" for o, n in result.pairs if o != n]
    same = [plan(o) for o, n in result.pairs if o == n]
    counts = result.summary()
    shown = ", ".join(f"{n} {c}" for c, n in counts.items() if c != "unchanged") or "no change"
    what = "; ".join(moved + ([f"{', '.join(same)} in both"] if same else []))
    return f"What changed ({what}): {shown}; {counts.get('unchanged', 0)} unchanged"


def _code(text: str) -> str:
    """``text`` as a Markdown code span (shown as written: a word diff's brackets are not markup).

    >>> _code("a `b` c")
    '``a `b` c``'
    """
    text = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_page(result: Any) -> str:
    from goldenthread.graph.editions import CHANGES, render_diff, where
    from goldenthread.queries.editions import CONTEXT, HEADINGS
    from goldenthread.viz.report import md

    lines = ["# What changed", ""]
    names = {p["id"]: p for p in [*result.old_plans, *result.new_plans]}
    for o, n in result.pairs:
        old, new = names[o], names[n]
        if o == n:
            lines.append(f"- {md(old['label'])}: in both")
            continue
        edition = f" (edition {old['edition'] or '?'} -> {new['edition'] or '?'})" if old["edition"] != new["edition"] \
            else ""
        lines.append(f"- {md(old['label'])} -> {md(new['label'])}{edition}")
    counts = result.summary()
    lines += ["", "| change | count |", "|---|---|", *(f"| {c} | {n} |" for c, n in counts.items()), ""]
    by_change: dict[str, list[dict[str, Any]]] = {}
    for change in result.changes:
        by_change.setdefault(change["change"], []).append(change)
    for name in CHANGES:
        if name == "unchanged" or name not in by_change:
            continue
        lines += [f"## {HEADINGS[name]} ({len(by_change[name])})", ""]
        for change in by_change[name]:
            score = "" if change["score"] is None else f", score {change['score']:.2f}"
            lines.append(f"- **{md(change['label'])}** ({change['kind']}{score})")
            if change["detail"]:
                lines.append(f"  - {md(change['detail'])}")
            if "diff" in change:
                lines.append(f"  - {_code(render_diff(change['diff'], context=CONTEXT))}")
            places = [f"{side}: {md(where(change['passages'][side]))}" for side in ("old", "new")
                      if change["passages"][side]]
            if places:
                lines.append(f"  - {'; '.join(places)}")
        lines.append("")
    lines.append(f"{md(_LEGEND[0][0].upper() + _LEGEND[0][1:])}. In a word diff, {_code('[-words-]')} are in the old "
                 f"edition only, {_code('{+words+}')} in the new one only.")
    return "\n".join(lines) + "\n"


@app.command()
def diff(
    old: Path = typer.Argument(..., metavar="OLD", help="folder written by 'goldenthread build' for the old edition"),
    new: Path = typer.Argument(..., metavar="NEW", help="folder written by 'goldenthread build' for the new edition"),
    fmt: str = typer.Option("table", "--format", metavar="FORMAT", help="table | json | csv | md"),
    ids: bool = typer.Option(False, "--ids", metavar="", help="also show node ids in the table"),
) -> None:
    """What changed between two editions of the plans: nodes dropped, added, reworded (with a word
    diff), moved, split or merged; links lost, gained or changed; priorities whose thread breaks or mends.

    Nodes are matched by content and place, not by id. The table and md list the changes and count
    the unchanged; json and csv list every node, unchanged ones too."""
    from goldenthread.queries.editions import edition_changes

    check_format(fmt, FORMATS)
    with user_errors():
        result = edition_changes(_open(old, "OLD"), _open(new, "NEW"))
    if fmt == "json":
        sys.stdout.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in _flat(c).items()} for c in result.changes)
        return
    if fmt == "md":
        sys.stdout.write(_md_page(result))
        return
    rows = [_flat(c) for c in result.changes if c["change"] != "unchanged"]
    if not rows:
        say_wrapped(_title(result))
        return
    print_table(rows, [Col("change", "change"), Col("kind", "kind"), Col("label", "label"),
                       Col("what changed", "shown"), Col("score", "score", justify="right"),
                       Col("where (old -> new)", "where"),
                       *([Col("old id", "old", breaks="/"), Col("new id", "new", breaks="/")] if ids else [])],
                _title(result), heading="label", legend=_LEGEND)
