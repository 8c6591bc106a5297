"""A corpus as councils publish it, through the real command line: PDF, Word, web pages and text.

The two example documents are written as a Word file, a web page and a PDF (by the
generators in tests/docgen) and mixed with the original text; ``goldenthread build``
must give the graph the text gives, node for node, write the text it read from each
non-text document to ``OUT/text/<document>.txt`` with every quote found at its stated
lines there, and write byte-identical outputs when run twice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docgen.blocks import COUNCIL, EXAMPLE, PARTNERSHIP
from helpers import CliResult, graph_shape, misplaced_quotes, run_cli, sources_of

from goldenthread.graph.serialize import from_json


def _markdown(name: str, folder: Path) -> Path:
    """The text as Markdown: headings as "#", tab-separated table rows as a pipe table."""
    lines = []
    for line in (EXAMPLE / name).read_text(encoding="utf-8").split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            lines.append("| " + " | ".join(cells) + " |")
            if cells[0] == "Goal":
                lines.append("|" + "---|" * len(cells))
        elif line.startswith(("THEME ", "GOAL ")):
            lines.append("## " + line)
        else:
            lines.append(line)
    path = folder / (Path(name).stem + ".md")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


FORMATS = {
    "md": _markdown,
    "docx": lambda name, folder: __import__("docgen.docx", fromlist=["x"]).example_docx(name, folder),
    "html": lambda name, folder: __import__("docgen.html", fromlist=["x"]).example_html(name, folder),
    "pdf": lambda name, folder: _pdf(name, folder),
}


def _pdf(name: str, folder: Path) -> Path:
    from docgen.pdf import write_example

    path = folder / (Path(name).stem + ".pdf")
    write_example(name, path)
    return path


def _build(corpus: Path, out: Path) -> CliResult:
    return run_cli("build", corpus, "--out", out, "--strict", columns=None)


def _corpus(tmp_path: Path, partnership: str, council: str) -> Path:
    """The example corpus with each document in the given format ("txt" keeps the text)."""
    corpus = tmp_path / f"{partnership}-{council}"
    corpus.mkdir()
    shutil.copytree(EXAMPLE / "profiles", corpus / "profiles")
    files = {}
    for name, fmt in ((PARTNERSHIP, partnership), (COUNCIL, council)):
        files[name] = shutil.copy(EXAMPLE / name, corpus / name) if fmt == "txt" \
            else FORMATS[fmt](name, corpus)
    manifest = 'profiles = ["profiles"]\n'
    for name, profile in ((PARTNERSHIP, "northmere-partnership-plan"), (COUNCIL, "northmere-council-delivery-plan")):
        manifest += f'\n[[documents]]\nfile = "{Path(files[name]).name}"\nprofile = "{profile}"\n'
    (corpus / "goldenthread.toml").write_text(manifest, encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def text_graph(example_out: Path) -> dict:
    """The graph of the example as text (its build passing --strict is tests/cases/strict-passes-on-the-example)."""
    return from_json((example_out / "graph.json").read_text(encoding="utf-8"))


MIXES = [("docx", "html"), ("html", "pdf"), ("pdf", "docx"), ("pdf", "txt"), ("txt", "docx"), ("md", "md")]


@pytest.mark.parametrize("partnership, council", MIXES, ids=[f"{p}+{c}" for p, c in MIXES])
def test_published_formats_give_the_text_graph(tmp_path, text_graph, partnership, council):
    corpus = _corpus(tmp_path, partnership, council)
    out = tmp_path / "out"
    proc = _build(corpus, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == ""  # --strict: not one warning
    graph = from_json((out / "graph.json").read_text(encoding="utf-8"))
    assert graph_shape(graph) == graph_shape(text_graph)

    # every quote is at its stated lines: in OUT/text for PDF, Word and HTML, in the file for text
    documents = {s.document for s in sources_of(graph)}
    for doc in documents:
        assert (out / "text" / f"{doc}.txt").is_file() == (not doc.endswith((".txt", ".md"))), doc

    def lines_of(doc: str) -> list[str]:
        rendered = out / "text" / f"{doc}.txt"
        return (rendered if rendered.is_file() else corpus / doc).read_text(encoding="utf-8").split("\n")

    assert misplaced_quotes(graph, lines_of) == []
    assert [s for s in sources_of(graph) if (s.page is not None) != s.document.endswith(".pdf")] == []
    assert sorted(p.name for p in out.glob("text/*")) == sorted(
        f"{d}.txt" for d in documents if not d.endswith((".txt", ".md")))


def test_rebuilds_are_byte_identical_and_stale_text_goes(tmp_path):
    corpus = _corpus(tmp_path, "pdf", "docx")
    out = tmp_path / "out"
    assert _build(corpus, out).returncode == 0
    first = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert _build(corpus, out).returncode == 0
    second = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert first == second
    # the Word document replaced by its text: its old text/ file must not linger
    docx = next(corpus.glob("*.docx"))
    docx.unlink()
    shutil.copy(EXAMPLE / COUNCIL, corpus / COUNCIL)
    manifest = corpus / "goldenthread.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(docx.name, COUNCIL), encoding="utf-8")
    assert _build(corpus, out).returncode == 0
    assert sorted(p.name for p in (out / "text").iterdir()) == [f"{Path(PARTNERSHIP).stem}.pdf.txt"]
