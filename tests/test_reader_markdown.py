"""The Markdown reader: lines as written, pipe tables matched as tab-separated rows."""

from __future__ import annotations

from pathlib import Path

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.loaders.readers import read_any
from goldenthread.loaders.readers.markdown import table_cells

_CELL = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|\\\t\r\n\x85\u2028\u2029"),
                max_size=15).map(str.strip)


@settings(max_examples=examples(200), deadline=None)
@given(cells=st.lists(_CELL, min_size=2, max_size=6))
def test_a_pipe_row_gives_its_cells_each_a_stretch_of_the_line(cells):
    line = "| " + " | ".join(cells) + " |"
    assert table_cells(line) == cells
    assert all(cell in line for cell in cells)


def test_table_rows_are_tab_separated_and_quoted_as_written(tmp_path: Path):
    path = tmp_path / "plan.md"
    path.write_text("# Plan\n\n| Goal | Portfolio |\n|:---|---:|\n| A | Cllr Lee \\| Deputy |\n\n- item\n",
                    encoding="utf-8")
    doc = read_any(path)
    assert [(ln.number, ln.text) for ln in doc.lines] == [
        (1, "# Plan"), (2, ""), (3, "Goal\tPortfolio"), (4, ""), (5, "A\tCllr Lee \\| Deputy"), (6, ""),
        (7, "- item"), (8, "")]
    assert doc.lines[2].raw == "| Goal | Portfolio |"
    assert not doc.rendered  # quotes are the file's own lines: no text/ copy is needed
