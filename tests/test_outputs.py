"""The output folder is replaced whole or not at all, and keeps what the user put in it."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from goldenthread.core.errors import GoldenthreadError
from goldenthread.graph.serialize import write_outputs


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_write_that_fails_half_way_leaves_the_previous_output_exactly(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_outputs(out, {"graph.json": "old graph\n", "report.html": "old report\n", "text/a.pdf.txt": "old a\n"},
                  replace_folders=("text",))
    before = _tree(out)
    real_open, written = builtins.open, []

    def failing_open(file, mode="r", *args, **kwargs):
        if "w" in mode:
            written.append(file)
            if len(written) == 3:  # the third file of the new output cannot be written
                raise OSError(28, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)
    with pytest.raises(GoldenthreadError, match="No space left on device"):
        write_outputs(out, {"graph.json": "new graph\n", "report.html": "new report\n",
                            "explorer.html": "new explorer\n", "text/b.pdf.txt": "new b\n"},
                      replace_folders=("text",))
    monkeypatch.undo()
    assert _tree(out) == before  # no mix of old and new files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left


def test_a_rebuild_replaces_its_own_files_and_keeps_the_users(tmp_path):
    out = tmp_path / "out"
    write_outputs(out, {"graph.json": "old\n", "text/gone.pdf.txt": "from a document since removed\n"},
                  replace_folders=("text",))
    (out / "review.csv").write_text("decision,source,target\n", encoding="utf-8")
    (out / "notes").mkdir()
    (out / "notes" / "scrutiny.md").write_text("questions\n", encoding="utf-8")
    write_outputs(out, {"graph.json": "new\n", "text/kept.docx.txt": "new text\n"}, replace_folders=("text",))
    assert _tree(out) == {"graph.json": b"new\n", "notes/scrutiny.md": b"questions\n",
                          "review.csv": b"decision,source,target\n", "text/kept.docx.txt": b"new text\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
