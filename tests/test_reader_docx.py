"""The Word reader: a plan published as .docx gives the same graph as its text, and the
rendering shows what Word shows (automatic numbering, headings, quotes, bold, tables)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import examples
from docgen.blocks import COUNCIL, EXAMPLE, PARTNERSHIP, RUNNING_HEADERS
from docgen.docx import CIRCLE_BULLET, SYMBOL_BULLET, Lists, example_docx, write_empty_docx, write_invalid_docx
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from helpers import graph_shape, misplaced_quotes, sources_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.core.errors import Unreadable
from goldenthread.graph.build import build_graph
from goldenthread.loaders.readers import read_any

PROFILES = {PARTNERSHIP: "northmere-partnership-plan", COUNCIL: "northmere-council-delivery-plan"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The Northmere example as Word files, with its profiles and a manifest naming them."""
    folder = tmp_path_factory.mktemp("northmere-docx")
    shutil.copytree(EXAMPLE / "profiles", folder / "profiles")
    manifest = ['profiles = ["profiles"]']
    for name, profile in PROFILES.items():
        path = example_docx(name, folder)
        manifest += ["", "[[documents]]", f'file = "{path.name}"', f'profile = "{profile}"']
    (folder / "goldenthread.toml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return folder


def lines_of(path: Path) -> list[str]:
    return list(read_any(path).file_lines)


def docx_path(corpus: Path, name: str) -> Path:
    return corpus / (Path(name).stem + ".docx")


def save(document, tmp_path: Path, name: str = "test.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def text_lines(path: Path) -> list[str]:
    """The rendered lines without the blank lines between blocks."""
    return [line for line in lines_of(path) if line]


# -- 1, 2: the example corpus as Word files ----------------------------------------------

def test_word_corpus_builds_the_same_graph_as_the_text(corpus, northmere):
    from_word = build_graph(corpus).graph
    from_text = northmere.graph
    assert graph_shape(from_word) == graph_shape(from_text)
    assert {s.document for n in from_word.nodes for s in n.sources} == \
        {docx_path(corpus, name).name for name in PROFILES}


def test_every_quote_is_found_at_its_lines_of_the_rendered_text(corpus):
    graph = build_graph(corpus).graph
    assert sources_of(graph)
    assert misplaced_quotes(graph, lambda document: lines_of(corpus / document)) == []


# -- 3: rendering ----------------------------------------------------------------------------

def test_lettered_lists_restart_and_nested_bullets_are_indented(corpus):
    lines = lines_of(docx_path(corpus, PARTNERSHIP))
    first = lines.index("(a) Open family hubs in Kelderbridge, Ashby Fell and Wetherlow, bringing midwifery, "
                        "health visiting and parenting support under one roof.")
    assert [line[:4] for line in lines[first: first + 4]] == ["(a) ", "(b) ", "(c) ", "(d) "]
    # the next priority's commitments are a new list: Word shows "(a)" again
    assert "(a) Expand free swimming and gym sessions for under-16s and over-65s at our leisure centres." in lines
    skills = lines.index("(c) Deliver an adult skills offer at Northmere College focused on:")
    assert lines[skills + 1: skills + 5] == [
        "  - green construction and home retrofit", "  - health and social care",
        "  - everyday digital skills",
        "(d) Buy locally: increase the share of partners' spending that goes to Northmere-based businesses."]
    assert "- Number of trees planted" in lines


def test_headings_quotes_and_the_bold_line(corpus):
    lines = lines_of(docx_path(corpus, COUNCIL))
    assert "# Council Delivery Plan 2025/26" in lines
    assert "## GOAL A | Healthy and happy lives" in lines
    assert "### Focus area A1: Best start for children" in lines
    assert "> We shall repair potholes reported on main roads within 48 hours." in lines
    assert lines.count("**How we will know:**") == 3


def test_page_header_and_footer_are_not_body_text(corpus):
    for name in PROFILES:
        text = "\n".join(lines_of(docx_path(corpus, name)))
        assert RUNNING_HEADERS[name] not in text
        assert "Northmere" not in lines_of(docx_path(corpus, name))  # the footer


def test_table_rows_are_tab_separated_without_bold(corpus):
    lines = lines_of(docx_path(corpus, COUNCIL))
    header = lines.index("Goal\tCabinet portfolio\tScrutiny panel")  # bold in Word, plain here
    assert lines[header + 1: header + 4] == [
        "A\tHealth, Care and Families (Cllr Priya Desai)\tPeople Scrutiny Panel",
        "B\tEconomy and Resources (Cllr Gareth Lund)\tPlace and Economy Scrutiny Panel",
        "C\tEnvironment, Housing and Highways (Cllr Tom Ashworth)"]


def test_merged_cells_are_not_repeated_and_nested_tables_are_flattened(tmp_path):
    document = Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).paragraphs[0].add_run("Wide")
    table.cell(0, 2).paragraphs[0].add_run("C")
    for (r, c), text in {(1, 0): "a", (1, 1): "b", (2, 0): "c", (2, 1): "d"}.items():
        table.cell(r, c).paragraphs[0].add_run(text)
    tall = table.cell(1, 2).merge(table.cell(2, 2))
    tall.paragraphs[0].add_run("Tall")
    tall.add_paragraph("second paragraph")
    nested = table.cell(2, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).paragraphs[0].add_run("x")
    nested.cell(0, 1).paragraphs[0].add_run("y")
    assert text_lines(save(document, tmp_path)) == [
        "Wide\t\tC",  # spans two columns: its text once, the header positions kept
        "a\tb\tTall; second paragraph",
        "c\td; x; y"]  # the continued "Tall" cell is empty here


def test_numbered_lists_show_words_markers(tmp_path):
    document = Document()
    lists = Lists(document)
    decimal = lists.start(lists.define([("decimal", "%1."), ("decimal", "%1.%2")]))
    for text, level in (("one", 0), ("two", 0), ("two point one", 1), ("three", 0)):
        lists.apply(document.add_paragraph(text), decimal, level)
    document.add_paragraph("Between lists.")
    roman = lists.start(lists.define([("lowerRoman", "%1)")]))
    for text in ("first", "second", "third", "fourth"):
        lists.apply(document.add_paragraph(text), roman)
    document.add_paragraph("Styles with numbering:")
    for text in ("alpha", "beta"):
        document.add_paragraph(text, style="List Number")  # numbering inherited from the style
    document.add_paragraph("gamma", style="List Bullet")
    document.add_paragraph("1. typed by hand")
    assert text_lines(save(document, tmp_path)) == [
        "1. one", "2. two", "  2.1 two point one", "3. three", "Between lists.",
        "i) first", "ii) second", "iii) third", "iv) fourth", "Styles with numbering:",
        "1. alpha", "2. beta", "- gamma", "1. typed by hand"]


def test_restart_override_and_level_restart(tmp_path):
    document = Document()
    lists = Lists(document)
    # level 1 never restarts (w:lvlRestart 0): it keeps counting under each new "A."
    outline = lists.define([("upperLetter", "%1."), ("decimal", "%2.")], restarts={1: 0})
    first = lists.start(outline)
    for text, level in (("A", 0), ("one", 1), ("B", 0), ("two", 1)):
        lists.apply(document.add_paragraph(text), first, level)
    document.add_paragraph("Continued, then restarted at 5:")
    lists.apply(document.add_paragraph("C"), first, 0)  # same list instance: continues
    lists.apply(document.add_paragraph("E"), lists.start(outline, restart_at=5), 0)
    assert text_lines(save(document, tmp_path)) == [
        "A. A", "  1. one", "B. B", "  2. two", "Continued, then restarted at 5:", "C. C", "E. E"]


def test_bold_runs(tmp_path):
    document = Document()
    p = document.add_paragraph()
    p.add_run("Lead ").bold = True
    p.add_run("strategy:").bold = True  # Word splits runs freely: one bold stretch
    p.add_run(" Housing Strategy")
    p = document.add_paragraph("A")
    p.add_run(" ").bold = True  # a bold space is not bold text
    p.add_run("B ")
    p.add_run("X").bold = True
    p.add_run(" ")
    p.add_run("Y").bold = True
    p.add_run(" and ")
    p.add_run("strong").style = "Strong"  # bold from a character style
    p = document.add_paragraph(style="Heading 2")
    p.add_run("Bold heading").bold = True
    p = document.add_paragraph(style="Quote")
    p.add_run("We will ")
    p.add_run("act").bold = True
    assert text_lines(save(document, tmp_path)) == [
        "**Lead strategy:** Housing Strategy", "A B **X Y** and **strong**", "## Bold heading",
        "> We will **act**"]


def test_heading_styles_by_inheritance_and_outline_level(tmp_path):
    document = Document()
    document.add_paragraph("The plan", style="Title")
    custom = document.styles.add_style("Section Head", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("Based on Heading 2", style="Section Head")
    outlined = document.styles.add_style("Council Head", WD_STYLE_TYPE.PARAGRAPH)
    outlined.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    document.add_paragraph("Outline level 3", style="Council Head")
    document.add_paragraph("Deep", style="Heading 9")
    document.add_paragraph("Intense", style="Intense Quote")
    document.add_paragraph("Body text.")
    assert text_lines(save(document, tmp_path)) == [
        "# The plan", "## Based on Heading 2", "### Outline level 3", "###### Deep", "> Intense",
        "Body text."]


def test_breaks_tabs_and_no_break_spaces_become_spaces(tmp_path):
    document = Document()
    run = document.add_paragraph().add_run("one")
    run.add_break()
    run.add_text("two\tthree four\u00a0five")
    assert text_lines(save(document, tmp_path)) == ["one two three four five"]


def test_text_word_does_not_show_is_left_out(tmp_path):
    document = Document()
    p = document.add_paragraph("Shown")
    p._p.append(parse_xml(  # a deleted revision, hidden text and a field code
        f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> kept</w:t></w:r>'))
    p._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>deleted</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText>PAGE</w:instrText></w:r>'))
    box = document.add_paragraph("Body")
    box._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>In a text box</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r>'))
    assert text_lines(save(document, tmp_path)) == ["Shown kept", "Body"]


def test_table_of_contents_is_not_read_as_headings(tmp_path):
    document = Document()
    document.add_paragraph("Contents")
    document.element.body.append(parse_xml(  # Word's table-of-contents content control
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        '</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Priority 1.1 - Best start</w:t></w:r>'
        '<w:r><w:tab/><w:t>3</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    document.add_paragraph("Priority 1.2 - Healthier lives\t4", style=document.styles.add_style(
        "TOC 1", WD_STYLE_TYPE.PARAGRAPH))  # an older table of contents: paragraphs in TOC styles
    document.add_paragraph("Priority 1.1 - Best start", style="Heading 3")
    assert text_lines(save(document, tmp_path)) == ["Contents", "### Priority 1.1 - Best start"]


# -- 4: files the reader cannot use -------------------------------------------------------------

def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: write_invalid_docx(p), "not a Word .docx file"),
    (lambda p: write_empty_docx(p), "no text"),
    (lambda p: p.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)),
     "encrypted or not a Word .docx file"),
    (lambda p: p.write_bytes(b""), "empty file"),
    (lambda p: _zip(p, {"hello.txt": "not a document"}), "not a Word .docx file"),
    (lambda p: p.write_bytes(b"PK\x03\x04" + bytes(100)), "damaged .docx file"),
    (lambda p: p.write_bytes(b"{\\rtf1\\ansi Plan}"), "an RTF file"),
], ids=["random-bytes", "no-text", "encrypted", "zero-bytes", "zip-without-document", "broken-zip", "rtf"])
def test_unusable_files_are_unreadable_with_a_reason(tmp_path, make, reason):
    path = tmp_path / "plan.docx"
    make(path)
    with pytest.raises(Unreadable) as caught:
        read_any(path)
    assert reason in caught.value.message
    assert caught.value.path == path


# -- 5: determinism -------------------------------------------------------------------------------

def test_same_file_same_lines(corpus, tmp_path):
    path = docx_path(corpus, PARTNERSHIP)
    assert read_any(path).file_lines == read_any(path).file_lines
    again = example_docx(PARTNERSHIP, tmp_path)  # written afresh: the same rendering
    assert read_any(again).file_lines == read_any(path).file_lines


# -- 6: properties ---------------------------------------------------------------------------------

_WORD = st.text(st.characters(categories=("L", "N", "P", "S"), include_characters="<>&*"),
                min_size=1, max_size=12)
_TEXT = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXT, min_size=1, max_size=8))
def test_paragraph_text_comes_back_exactly_in_order(tmp_path, texts):
    document = Document()
    for text in texts:
        document.add_paragraph(text)
    path = save(document, tmp_path)
    assert text_lines(path) == texts
    assert read_any(path).file_lines == tuple("\n\n".join(texts).split("\n"))


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(runs=st.lists(st.tuples(st.text("abcxyz<>&", min_size=1, max_size=5), st.booleans()),
                     min_size=1, max_size=8))
def test_bold_words_are_marked_as_stretches(tmp_path, runs):
    document = Document()
    p = document.add_paragraph()
    for i, (word, bold) in enumerate(runs):
        if i:
            p.add_run(" ")
        p.add_run(word).bold = bold
    # expected: consecutive bold words form one **…** stretch
    stretches: list[list] = []
    for word, bold in runs:
        if stretches and stretches[-1][1] == bold:
            stretches[-1][0].append(word)
        else:
            stretches.append([[word], bold])
    expected = " ".join(f"**{' '.join(w)}**" if bold else " ".join(w) for w, bold in stretches)
    assert text_lines(save(document, tmp_path)) == [expected]


def _letter(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


_LEVELS = st.lists(st.integers(0, 2), min_size=1, max_size=12)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lists=st.lists(_LEVELS, min_size=1, max_size=3), bullets=st.booleans())
def test_list_structures_render_their_markers(tmp_path, lists, bullets):
    document = Document()
    numbering = Lists(document)
    levels = ([SYMBOL_BULLET, CIRCLE_BULLET, ("bullet", "\u25aa", "Wingdings")] if bullets
              else [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "(%3)")])
    abstract = numbering.define(levels)
    expected = []
    for n, items in enumerate(lists):
        num = numbering.start(abstract)  # every list starts again
        counters = [0, 0, 0]
        for i, level in enumerate(items):
            counters[level] += 1
            counters[level + 1:] = [0] * (2 - level)
            numbering.apply(document.add_paragraph(f"item {n}.{i}"), num, level)
            marker = "-" if bullets else (str(counters[0]) + ".", _letter(counters[1]) + ")",
                                          f"({_roman(counters[2])})")[level]
            expected.append(f"{'  ' * level}{marker} item {n}.{i}")
        document.add_paragraph(f"after list {n}")
        expected.append(f"after list {n}")
    assert text_lines(save(document, tmp_path)) == expected
