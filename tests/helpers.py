"""Small queries over a PlanGraph used by several tests, and ``run_cli``: the command line run
in this process."""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from goldenthread.core.model import Node, PlanGraph

# what Click shows as the program's name when run as ``python -m goldenthread.cli.main``
PROG_NAME = "python -m goldenthread.cli.main"
# the consoles' widths in a subprocess whose output is piped, without COLUMNS (cli/common.py; rich)
PIPED_OUT, PIPED_ERR = 160, 80


def children(graph: PlanGraph, parent_id: str, kind: str) -> list[Node]:
    """Nodes of ``kind`` linked part_of ``parent_id`` (commitments, priorities, themes)."""
    ids = {e.source for e in graph.edges if e.kind == "part_of" and e.target == parent_id}
    return [n for n in graph.nodes if n.id in ids and n.kind == kind]


def targets(graph: PlanGraph, source_id: str, link_kind: str) -> list[Node]:
    ids = {e.target for e in graph.edges if e.kind == link_kind and e.source == source_id}
    return [n for n in graph.nodes if n.id in ids]


def find(graph: PlanGraph, kind: str, label: str, plan: str | None = None) -> Node:
    """The one node of ``kind`` whose label is ``label`` (case-insensitive)."""
    hits = [n for n in graph.nodes if n.kind == kind and n.label.lower() == label.lower()
            and (plan is None or n.plan == plan)]
    assert len(hits) == 1, f"expected one {kind} labelled {label!r}, found {[n.id for n in hits]}"
    return hits[0]


def starting(graph: PlanGraph, kind: str, prefix: str, plan: str | None = None) -> list[Node]:
    return [n for n in graph.nodes if n.kind == kind and n.label.lower().startswith(prefix.lower())
            and (plan is None or n.plan == plan)]


def graph_shape(graph: PlanGraph) -> tuple[dict[str, tuple], list[tuple]]:
    """What a graph must keep whatever format its documents came in: each node's kind,
    label, text and status by id, and the links (source, kind, target, origin)."""
    nodes = {n.id: (n.kind, n.label, n.text, n.status) for n in graph.nodes}
    links = sorted((e.source, e.kind, e.target, e.origin) for e in graph.edges)
    return nodes, links


def sources_of(graph: PlanGraph) -> list:
    """Every source in the graph: the nodes' and those of the links' evidence."""
    return [s for n in graph.nodes for s in n.sources] + \
        [s for e in graph.edges if e.evidence for s in e.evidence.sources]


def misplaced_quotes(graph: PlanGraph, lines_of) -> list:
    """Sources whose quote is not found at their stated lines; ``lines_of(document)`` gives
    the lines a document's sources cite (the file's, or the text read from a PDF)."""
    cache: dict[str, list[str]] = {}
    wrong = []
    for s in sources_of(graph):
        if s.document not in cache:  # read each document once: reading a PDF takes a while
            cache[s.document] = list(lines_of(s.document))
        lines = cache[s.document]
        if s.quote not in "\n".join(lines[s.line_start - 1: s.line_end]):
            wrong.append(s)
    return wrong


@dataclass
class CliResult:
    """What a run of the command line gave: as ``subprocess.CompletedProcess`` has it."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


@contextmanager
def _in_folder(cwd: str | Path | None) -> Iterator[None]:
    """Run the body with ``cwd`` as the working folder (unchanged when None), then go back."""
    if cwd is None:
        yield
        return
    before = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(before)


@contextmanager
def _terminal_width(out_width: int, err_width: int) -> Iterator[None]:
    """The CLI's stdout and stderr consoles that wide for the body, as ``COLUMNS`` makes them in
    a fresh process: they read the width once, at import, so it is set on them (and put back)."""
    from goldenthread.cli import common

    consoles = (common.out, common.err)
    before = [c.width for c in consoles]
    for c, width in zip(consoles, (out_width, err_width)):
        c.width = width
    try:
        yield
    finally:
        for c, width in zip(consoles, before):
            c.width = width


def run_cli(*args: str | Path, cwd: str | Path | None = None, columns: int | None = 200, stdin: str | None = None,
            env: Mapping[str, str] | None = None) -> CliResult:
    """``goldenthread ARGS`` run in this process (no interpreter start), in ``cwd``, on a
    terminal ``columns`` wide (None: as a subprocess with its output piped and no ``COLUMNS``
    sees it), with ``stdin`` as its input and ``env`` added to the environment.
    Returns its exit status (a ``SystemExit`` code), stdout and stderr kept apart; an uncaught
    exception is not hidden: its traceback ends stderr and the status is 1, as in a real process.
    Use a real subprocess where the process itself is what is tested (stdin piping, signals,
    servers, start-up)."""
    from typer.testing import CliRunner

    from goldenthread.cli.main import app

    argv = [str(a) for a in args]
    widths = (PIPED_OUT, PIPED_ERR) if columns is None else (columns, columns)
    width_env = {} if columns is None else {"COLUMNS": str(columns)}
    with _in_folder(cwd), _terminal_width(*widths):
        done = CliRunner().invoke(app, argv, input=stdin, env={**width_env, **(env or {})}, prog_name=PROG_NAME)
    stderr = done.stderr
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        stderr += "".join(traceback.format_exception(*done.exc_info))
    return CliResult(argv, done.exit_code, done.stdout, stderr)


def publish_cli(graph_dir: str | Path, endpoint: str, *extra: str, env: Mapping[str, str] | None = None) -> CliResult:
    """``goldenthread publish --graph GRAPH_DIR --endpoint ENDPOINT EXTRA`` in this process, its
    output piped, ``env`` added to the environment (credentials)."""
    return run_cli("publish", "--graph", graph_dir, "--endpoint", endpoint, *extra, columns=None, env=env)
