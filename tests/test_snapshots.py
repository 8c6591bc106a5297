"""Snapshots of what ``goldenthread build`` writes for the bundled example corpus
(examples/northmere): report.md, report.html, graph.json and the data the explorer embeds,
plus the many-councils report index (two generated councils).

Each snapshot is one text file under tests/__snapshots__/test_snapshots/, so a change in the
output reads as an ordinary diff in review. A deliberate change: run
``python -m pytest tests/test_snapshots.py --snapshot-update`` and review the diff.
The explorer's page inlines vis-network and its own scripts; only its data (a JSON object,
``explorer_data``) is snapshotted, pretty-printed with sorted keys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from goldenthread.graph.build import build_graph
from goldenthread.graph.serialize import to_json
from goldenthread.queries.library import Workspace
from goldenthread.viz.explorer import explorer_data
from goldenthread.viz.report import render_reports


class _Text(SingleFileSnapshotExtension):
    """One UTF-8 text file per snapshot (exact text: the outputs hold no carriage return)."""

    _write_mode = WriteMode.TEXT


class MarkdownSnapshot(_Text):
    file_extension = "md"


class HtmlSnapshot(_Text):
    file_extension = "html"


class JsonSnapshot(_Text):
    file_extension = "json"


@pytest.fixture(scope="module")
def built(northmere) -> dict[str, Any]:
    """The example corpus built once, as ``build`` writes it: file name -> text, and the
    explorer's data."""
    graph = northmere.graph
    ws = Workspace(graph, store_spec="auto")
    files: dict[str, Any] = {"graph.json": to_json(graph), **render_reports(ws)}
    index, chunks = explorer_data(ws)
    files["explorer"] = {"index": index, "chunks": chunks}
    return files


def _text(value: str) -> str:
    assert "\r" not in value  # a text snapshot would read it back as "\n"
    return value


def test_report_md(built, snapshot):
    assert _text(built["report.md"]) == snapshot(extension_class=MarkdownSnapshot)


def test_report_html(built, snapshot):
    assert _text(built["report.html"]) == snapshot(extension_class=HtmlSnapshot)


def test_graph_json(built, snapshot):
    assert _text(built["graph.json"]) == snapshot(extension_class=JsonSnapshot)


def test_explorer_data(built, snapshot):
    data = json.dumps(built["explorer"], sort_keys=True, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    assert _text(data) == snapshot(extension_class=JsonSnapshot)


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> dict[str, str]:
    """The report files of a build of two generated councils: an index and one report each."""
    from many_councils import councils_corpus

    corpus = councils_corpus(Path(tmp_path_factory.mktemp("councils")) / "corpus", 2)
    return render_reports(Workspace(build_graph(corpus).graph, store_spec="auto"))


def test_many_councils_index_md(many, snapshot):
    assert sorted(many) == ["report.html", "report.md",
                            "report/c0001-council-plan-2025-26.html", "report/c0001-council-plan-2025-26.md",
                            "report/c0002-council-plan-2025-26.html", "report/c0002-council-plan-2025-26.md"]
    assert _text(many["report.md"]) == snapshot(extension_class=MarkdownSnapshot)


def test_many_councils_index_html(many, snapshot):
    assert _text(many["report.html"]) == snapshot(extension_class=HtmlSnapshot)
