"""The PDF reader: the Northmere example published as PDF gives the graph the text gives.

The PDFs are generated (tests/docgen/pdf.py) from the example's own text, with what
published plans have: running headers, page numbers, larger bold headings, lettered
and bulleted (nested) lists, a bold sub-heading, a ruled table, a two-column page and
words hyphenated at line ends.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from conftest import examples
from docgen.blocks import COUNCIL, EXAMPLE, PARTNERSHIP, RUNNING_HEADERS
from docgen.pdf import (
    PdfLayout,
    write_broken,
    write_encrypted,
    write_example,
    write_items,
    write_no_text_layer,
    write_paragraphs,
    write_truncated,
)
from helpers import find, graph_shape, misplaced_quotes, sources_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.core.errors import Unreadable
from goldenthread.graph.build import build_graph
from goldenthread.loaders.readers import read_any

THEME_2 = "THEME 2: A FAIR AND GROWING ECONOMY"


def _pdf_name(name: str) -> str:
    return Path(name).with_suffix(".pdf").name


@pytest.fixture(scope="module")
def layouts(tmp_path_factory) -> dict[str, PdfLayout]:
    """Both example documents written as PDF, each with the page every block landed on."""
    folder = tmp_path_factory.mktemp("northmere-pdf")
    return {name: write_example(name, folder / _pdf_name(name)) for name in (PARTNERSHIP, COUNCIL)}


@pytest.fixture(scope="module")
def corpus(layouts) -> Path:
    """A corpus folder holding both PDFs, the example's profiles and a manifest naming
    the PDFs."""
    folder = layouts[PARTNERSHIP].path.parent
    shutil.copytree(EXAMPLE / "profiles", folder / "profiles")
    manifest = (EXAMPLE / "goldenthread.toml").read_text(encoding="utf-8")
    for name in (PARTNERSHIP, COUNCIL):
        manifest = manifest.replace(f'"{name}"', f'"{_pdf_name(name)}"')
    assert manifest.count(".pdf") == 2
    (folder / "goldenthread.toml").write_text(manifest, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def rendered(corpus) -> dict[str, list[str]]:
    """The lines the reader renders for each example PDF."""
    return {name: list(read_any(corpus / _pdf_name(name)).file_lines) for name in (PARTNERSHIP, COUNCIL)}


@pytest.fixture(scope="module")
def pdf_build(corpus):
    return build_graph(corpus)


# -- the graph ---------------------------------------------------------------

def test_pdf_corpus_gives_the_same_graph_as_the_text(pdf_build, northmere):
    """Node for node and link for link, the PDFs give what the plain text gives, across
    both plans (the council plan's links to the partnership plan included)."""
    assert sorted(d.name for d in pdf_build.documents) == sorted(_pdf_name(n) for n in (PARTNERSHIP, COUNCIL))
    assert graph_shape(pdf_build.graph) == graph_shape(northmere.graph)
    assert any(e.kind == "aligns_with" and e.origin == "inferred" for e in pdf_build.graph.edges)


def test_every_quote_is_at_its_lines_of_the_rendered_text(pdf_build, corpus):
    graph = pdf_build.graph
    assert misplaced_quotes(graph, lambda document: read_any(corpus / document).file_lines) == []
    assert len(sources_of(graph)) > 100
    assert [s for s in sources_of(graph) if s.page is None] == []


def test_sources_carry_the_page_the_item_is_printed_on(pdf_build, layouts):
    graph = pdf_build.graph
    partnership, council = layouts[PARTNERSHIP], layouts[COUNCIL]
    assert partnership.page_of(THEME_2) == 4  # the two-column page, after the cover and the vision
    table_page = next(council.pages[i] for i, b in enumerate(council.blocks) if b.kind == "table")
    cases = [(find(graph, "theme", "A Fair and Growing Economy"), _pdf_name(PARTNERSHIP),
              partnership.page_of(THEME_2)),
             (find(graph, "priority", "Homes people can afford"), _pdf_name(PARTNERSHIP),
              partnership.page_of("Priority 3.1 - Homes people can afford")),
             (find(graph, "priority", "Homes"), _pdf_name(COUNCIL), council.page_of("Focus area C1: Homes")),
             (find(graph, "portfolio", "Economy and Resources portfolio"), _pdf_name(COUNCIL), table_page)]
    for node, document, page in cases:
        assert {s.page for s in node.sources if s.document == document} == {page}, node.id


# -- rendering -----------------------------------------------------------------

def test_running_headers_and_page_numbers_are_left_out(rendered):
    for name, lines in rendered.items():
        assert not [ln for ln in lines if RUNNING_HEADERS[name] in ln]
        assert not [ln for ln in lines if re.fullmatch(r"Page \d+|- \d+ -|\d+", ln)]
    assert "**How we will know:**" in rendered[COUNCIL]


def test_headings_lists_and_quotes_follow_the_conventions(rendered):
    lines = rendered[PARTNERSHIP]
    assert "# Northmere Partnership Plan 2035" in lines
    assert f"## {THEME_2}" in lines
    assert "### Priority 1.1 - Best start for every child" in lines
    assert "#### Our commitments" in lines
    assert ("(a) Open family hubs in Kelderbridge, Ashby Fell and Wetherlow, bringing midwifery, "
            "health visiting and parenting support under one roof.") in lines
    assert "- Number of trees planted" in lines
    assert "  - health and social care" in lines  # a bullet nested in item (c)
    assert "  - green construction and home retrofit" in lines  # …its wrapped line joined
    council = rendered[COUNCIL]
    assert "> Take the Community Health Van to every ward at least once a month." in council
    # a footnote mark printed as a small raised digit reads as the superscript the text has
    assert any("Northmere Fairness Commission¹ that the gap" in ln for ln in lines)
    assert any(ln.startswith("¹ Northmere Fairness Commission") for ln in lines)


def test_two_column_page_is_read_column_by_column(rendered, corpus):
    path = corpus / _pdf_name(PARTNERSHIP)
    with pdfplumber.open(path) as pdf:  # the layout the test relies on
        page = pdf.pages[3]
        words = {w["text"]: w for w in page.extract_words()}
        assert words["Grow"]["x1"] < page.width / 2 < words["Deliver"]["x0"]
        assert words["THEME"]["x0"] < page.width / 2 < words["ECONOMY"]["x1"]
    lines = rendered[PARTNERSHIP]
    order = [next(i for i, ln in enumerate(lines) if ln.startswith(start)) for start in (
        f"## {THEME_2}", "### Priority 2.1 - Good jobs and skills for all", "(a) Grow the number",
        "(b) Encourage local employers", "(c) Deliver an adult skills offer", "  - green construction",
        "(d) Buy locally", "(e) Provide one-to-one")]
    assert order == sorted(order)
    assert "(d) Buy locally: increase the share of partners' spending that goes to Northmere-based businesses." in lines


def test_words_hyphenated_at_line_ends_are_joined(rendered, corpus):
    breaks = []
    for name in (PARTNERSHIP, COUNCIL):
        with pdfplumber.open(corpus / _pdf_name(name)) as pdf:
            raw = [ln for p in pdf.pages for ln in (p.extract_text() or "").split("\n")]
        breaks += [(name, a.split()[-1][:-1], b.split()[0]) for a, b in zip(raw, raw[1:])
                   if re.search(r"[a-z]-$", a) and b[:1].islower()]
    assert breaks, "the generated PDFs should hyphenate some word at a line end"
    for name, head, tail in breaks:
        text = "\n".join(rendered[name])
        assert head + tail in text
        assert f"{head}-{tail}" not in text
        assert f"{head}- " not in text


def test_table_rows_are_tab_separated_and_not_repeated_as_paragraphs(rendered):
    lines = rendered[COUNCIL]
    assert "Goal\tCabinet portfolio\tScrutiny panel" in lines
    assert "A\tHealth, Care and Families (Cllr Priya Desai)\tPeople Scrutiny Panel" in lines
    start = lines.index("Goal\tCabinet portfolio\tScrutiny panel")
    assert lines[start + 1: start + 4] == [
        "A\tHealth, Care and Families (Cllr Priya Desai)\tPeople Scrutiny Panel",
        "B\tEconomy and Resources (Cllr Gareth Lund)\tPlace and Economy Scrutiny Panel",
        "C\tEnvironment, Housing and Highways (Cllr Tom Ashworth)",
    ]
    assert [ln for ln in lines if "Cllr" in ln] == lines[start + 1: start + 4]


def test_compound_hyphens_and_spaced_dashes_at_line_ends_stay(tmp_path):
    paragraph = " ".join(f"Item {i} of the Kelder-Valley plan - and its 2024-2029 review." for i in range(30))
    path = write_paragraphs(tmp_path / "compounds.pdf", [paragraph], split_compounds=True)
    with pdfplumber.open(path) as pdf:
        raw = pdf.pages[0].extract_text().split("\n")
    assert any(ln.endswith("Kelder-") for ln in raw)  # the layout broke a compound
    assert any(ln.endswith(" -") for ln in raw)  # …and a line after a spaced dash
    assert [ln for ln in read_any(path).file_lines if ln] == [paragraph]


def test_bullet_glyphs_are_rendered_as_dashes(tmp_path):
    glyphs = ["•", "o", "§", "‣", "–"]
    path = write_items(tmp_path / "bullets.pdf", [(g, f"Item number {i}") for i, g in enumerate(glyphs)])
    assert [ln for ln in read_any(path).file_lines if ln] == [f"- Item number {i}" for i in range(len(glyphs))]


# -- files the reader refuses ----------------------------------------------------

def test_pdf_without_text_layer_is_unreadable(tmp_path):
    path = write_no_text_layer(tmp_path / "scan.pdf")
    with pytest.raises(Unreadable, match="no text layer") as caught:
        read_any(path)
    assert caught.value.path == path


def test_encrypted_pdf_is_unreadable(tmp_path):
    path = write_encrypted(tmp_path / "locked.pdf")
    with pytest.raises(Unreadable, match="encrypted") as caught:
        read_any(path)
    assert "unencrypted copy" in caught.value.message


_FAKES = {
    "empty": (lambda path, _pdf: path.write_bytes(b""), "empty file"),
    "text": (lambda path, _pdf: path.write_text("Northmere Partnership Plan 2035\n"), "not a PDF file"),
    "noise": (lambda path, _pdf: write_broken(path), "damaged PDF"),
    "truncated": (lambda path, pdf: write_truncated(path, pdf), "damaged PDF"),
}


@pytest.mark.parametrize("case", list(_FAKES))
def test_damaged_or_fake_pdf_is_unreadable_with_a_short_reason(tmp_path, corpus, case):
    write, reason = _FAKES[case]
    path = tmp_path / "plan.pdf"
    write(path, corpus / _pdf_name(COUNCIL))
    with pytest.raises(Unreadable) as caught:
        read_any(path)
    assert caught.value.path == path
    assert caught.value.message.startswith(reason)
    assert "\n" not in caught.value.message
    assert len(caught.value.message) < 150


def test_build_skips_an_unreadable_pdf_with_its_reason(tmp_path, corpus):
    folder = tmp_path / "corpus"
    shutil.copytree(corpus, folder)
    write_no_text_layer(folder / "scanned-appendix.pdf")
    result = build_graph(folder)
    assert [(s.name, s.reason) for s in result.skipped] == [
        ("scanned-appendix.pdf", "no text layer: scanned? run OCR first")]


# -- determinism and round trips ------------------------------------------------------

def test_reading_is_deterministic(corpus, tmp_path):
    path = corpus / _pdf_name(PARTNERSHIP)
    first, second = read_any(path), read_any(path)
    assert first.file_lines == second.file_lines
    assert ([(ln.number, ln.text, ln.page) for ln in first.lines]
            == [(ln.number, ln.text, ln.page) for ln in second.lines])
    again = write_example(PARTNERSHIP, tmp_path / "again.pdf").path
    assert read_any(again).file_lines == first.file_lines


_WORD = st.one_of(st.from_regex(r"[a-z]{2,9}[,;]?", fullmatch=True),
                  st.sampled_from(["<", ">", "&", "&amp;", "<b>", "a<b", "x>y", "R&D", "5%", "Q&A?"]))
_PARAGRAPH = st.builds(lambda first, rest: " ".join([first.capitalize(), *rest]) + ".",
                       st.from_regex(r"[a-z]{2,9}", fullmatch=True), st.lists(_WORD, max_size=40))


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=st.lists(_PARAGRAPH, min_size=1, max_size=6))
def test_paragraphs_come_back_word_for_word(tmp_path, paragraphs):
    """Whatever the words (markup characters included), each paragraph is one line, in order."""
    path = write_paragraphs(tmp_path / "paragraphs.pdf", paragraphs)
    assert [ln for ln in read_any(path).file_lines if ln] == paragraphs
