"""Property-based tests for the text reader and the outline parser.

1. ``read_document`` on arbitrary UTF-8 text (HTML fragments as the PDF and
   slide converters leave them, tabs, any unicode, CR, LF and CRLF line ends,
   a byte-order mark) never crashes: it gives at least one ``Line`` per file
   line, numbered from 1 in order, each ``raw`` a substring of its file line;
   it refuses only blank and binary files, with a ``LoadError``. On arbitrary
   bytes it raises nothing but ``LoadError``. Only the converters' HTML is
   interpreted (a closed list of tags and well-formed character references, see
   ``goldenthread.loaders.text``): a line holding none of it is read exactly as
   written, whatever ``<``, ``>`` and ``&`` it has (``< 16``, ``a<b``, "R&D",
   ``<img src=x onerror=alert(1)>``, ``<script>``), and text wrapped in the known
   tags comes out with only the tags interpreted.
2. The Northmere example profiles run over documents that interleave real
   example lines with junk lines (near-misses of the profiles' markers, HTML,
   tables, random text) raise nothing but ``LoadError``, and every source in
   the assembled graph quotes text found at the lines it states.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import examples
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from goldenthread.core.errors import LoadError
from goldenthread.core.model import Source
from goldenthread.graph.assemble import assemble
from goldenthread.loaders.outline import load_outline
from goldenthread.loaders.profile import load_profile
from goldenthread.loaders.text import KNOWN_TAGS, Line, expand_html_line, html_cells, read_document

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "northmere"
PROFILES = {p.stem: load_profile(p) for p in sorted((EXAMPLE / "profiles").glob("*.toml"))}
EXAMPLE_LINES = {p.name: p.read_text(encoding="utf-8").splitlines() for p in sorted(EXAMPLE.glob("*.txt"))}
ALL_EXAMPLE_LINES = sorted({ln for lines in EXAMPLE_LINES.values() for ln in lines})

PROPERTY_SETTINGS = settings(max_examples=examples(100), deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


# -- strategies ----------------------------------------------------------------------
# any character but the line breaks read_document splits on (and surrogates, not UTF-8)
_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")
_words = st.text(_chars, max_size=12)
_plain = st.text(st.sampled_from("abc XYZ•·●-*o>()&;.,:|\t"), max_size=12)
_small = st.one_of(_words, _plain)


# What could be interpreted markup: a known tag's name right after "<" or "</", with a
# ">" somewhere after it, or anything shaped like a character reference. Looser than the
# reader's own rules (which this does not repeat), so a line it finds nothing in must be
# read exactly as written.
MARKUP_LIKE = re.compile(rf"</?(?:{'|'.join(KNOWN_TAGS)})(?=[\s/>]).*>|&#?[A-Za-z0-9]+;", re.I | re.S)
# Text a reader must keep as written: comparisons, unknown and hostile tags, bare "&",
# references that are not well-formed or name no usable character
TRICKY = [
    "<", ">", "&", "<>", "< 16", "> 65", "a<b", "a>b", "a < b > c", "<<", ">>", "->", "<-", "<=",
    "R&D", "Parks & Green Spaces", "&amp", "&amp ;", "& amp;", "&;", "&#;", "&#x;",
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "</script>", "<style>", "<unknown>",
    "<bold>", "<pre>", "<abbr>", "<img>", "<div>", "<table>", "<td>", "<B", "<li", "</li", "<p", "<li x=>",
    '<b x=">', "<!-- x -->", "<![CDATA[x]]>", "<?php ?>", "<http://example.org/?a=1&b=2>",
    "<mailto:a@b.c>", "\"", "'", "`", "*", "**", "_", "|", "#", "\\", "~", "[x](y)", "@@TITLE@@",
    "é", "ß", "中文", "🙂", "\u00a0",
]


def _fmt(template: str) -> st.SearchStrategy[str]:
    return st.tuples(_small, _small).map(lambda xy: template.format(*xy))


HTML_FRAGMENTS = st.one_of(
    _fmt("<ul><li>• {0}</li></ul>"),
    _fmt("<ul><li>{0}</li><li>{1}</li></ul>"),
    _fmt("<li>- {0}</li><li>· {1}</li>"),
    _fmt("<p><b>{0}</b></p>"),
    _fmt("<p> <b>{0}</b> </p>{1}"),
    _fmt("<b>{0}</b> {1}"),
    _fmt("<strong>{0}</strong><sup>{1}</sup>"),
    _fmt("{0}<sup>1</sup>"),
    _fmt("{0}&amp;{1}&nbsp;&lt;"),
    _fmt("<li>{0}"),  # unclosed
    _fmt("{0}</li>{1}<p>"),
    _fmt("<ul><li></li><li> </li></ul>{0}"),
    _fmt("<p><b></b></p>{0}"),
    _fmt("{0}\t<ul><li>{1}</li></ul>\t"),
    st.sampled_from(["<", ">", "<>", "<br>", "<ul>", "</ul>", "<li>", "</li>", "<p>", "<b>", "\t", " ",
                     "\ufeff", "\u2028", "\x85", "\x0c", "\x0b", "\u00a0", "é", "ß", "中文", "🙂"]),
)
TEXT_LINE = st.lists(st.one_of(HTML_FRAGMENTS, st.sampled_from(TRICKY), _words), max_size=5).map("".join)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Text of a whole file: lines joined by LF, CRLF or CR, maybe a BOM, maybe a final break."""
    lines = draw(st.lists(TEXT_LINE, min_size=1, max_size=12))
    text = ""
    for i, line in enumerate(lines):
        text += line
        if i < len(lines) - 1 or draw(st.booleans()):
            text += draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return ("\ufeff" if draw(st.booleans()) else "") + text


_tricky_line = st.lists(st.one_of(st.sampled_from(TRICKY), _words), min_size=1, max_size=6).map("".join)


# -- 1. the text reader ----------------------------------------------------------------
def check_lines(doc, body: str) -> None:
    expected = LINE_BREAK.split(body)
    assert list(doc.file_lines) == expected
    numbers = [ln.number for ln in doc.lines]
    assert numbers == sorted(numbers), "lines out of order"
    assert set(numbers) == set(range(1, len(expected) + 1)), "a file line has no Line"
    for number in set(numbers):
        here = [ln for ln in doc.lines if ln.number == number]
        if len(here) > 1:
            assert all(ln.virtual for ln in here)
    for ln in doc.lines:
        file_line = doc.file_lines[ln.number - 1]
        assert ln.raw in file_line, (ln, file_line)
        if not MARKUP_LIKE.search(file_line):
            assert ln.text == ln.raw == file_line
        if ln.virtual:
            assert ln.raw.strip(), f"a list item quoting nothing: {ln}"
        assert "\n" not in ln.text and "\r" not in ln.text
    assert doc.quote(1, len(expected)) == "\n".join(expected)


@PROPERTY_SETTINGS
@given(text=documents())
@example(text="<ul><li>• x</li></ul>")
@example(text="<p><b>Heading</b></p>\r\n<ul><li>• one</li><li>· two</li></ul>\r\n")
@example(text="a\tb\rc\r\n\r\nd\n")
@example(text="\ufeffTHEME 1: THRIVING PEOPLE\n")
@example(text="<ul><li></li></ul>\nx")
def test_read_document_keeps_every_line(workdir: Path, text: str) -> None:
    path = workdir / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    body = text.removeprefix("\ufeff")
    if "\x00" in body or not body.strip():
        with pytest.raises(LoadError):
            read_document(path)
        return
    doc = read_document(path)
    assert doc.name == "doc.txt"
    check_lines(doc, body)


def test_html_list_items_and_headings() -> None:
    from goldenthread.loaders.text import expand_html_line

    items = expand_html_line(7, "<ul><li>• Open hubs</li><li>· Train <b>staff</b></li></ul>")
    assert [(ln.number, ln.text, ln.raw, ln.virtual) for ln in items] == [
        (7, "- Open hubs", "• Open hubs", True),
        (7, "- Train **staff**", "· Train <b>staff</b>", True),
    ]
    (head,) = expand_html_line(3, "<p><b>Our &amp; priorities</b></p>")
    assert (head.text, head.raw, head.virtual) == ("**Our & priorities**", "Our &amp; priorities", True)


@PROPERTY_SETTINGS
@given(line=_tricky_line)
@example(line="children aged < 16 and adults aged > 65")
@example(line="<img src=x onerror=alert(1)> and <script>alert(1)</script>")
@example(line="R&D, Parks & Green Spaces, a<b, x > y, <unknown>, &amp, <li, <p")
@example(line="<http://democracy.stockport.gov.uk/mgConvert2PDF.aspx?ID=170541>")
def test_text_without_known_markup_is_read_as_written(workdir: Path, line: str) -> None:
    """No text is lost: a line with no known tag and no character reference is its own text."""
    assume(not MARKUP_LIKE.search(line))
    assert expand_html_line(4, line) == [Line(4, line, line)]
    assert html_cells(line) == [[(cell.strip(), cell.strip())] if cell.strip() else []
                                for cell in line.split("\t")]
    if "\x00" in line or not line.strip():
        return
    path = workdir / "tricky.txt"
    path.write_bytes(f"Title\n{line}\n".encode())
    assert [ln for ln in read_document(path).lines if ln.number == 2] == [Line(2, line, line)]


_BULLETS = "•·●▪◦‣-"
# one stretch of text a list item or cell keeps whole: no tab, no markup, nothing stripped off
_plain_text = _tricky_line.filter(lambda t: t and t.strip() == t and t.strip(_BULLETS) == t and "\t" not in t
                                  and not MARKUP_LIKE.search(t))


@PROPERTY_SETTINGS
@given(x=_plain_text, y=_plain_text)
@example(x="<B", y=">")  # markup taken out must not join the text around it into a tag
@example(x="&am", y="p;")  # ... or into a character reference
def test_known_markup_is_interpreted_and_the_rest_kept(x: str, y: str) -> None:
    """Text inside the converters' tags comes out with only the tags interpreted."""
    inline = {
        f"<b>{x}</b> {y}": f"**{x}** {y}",
        f"<strong class='k'>{x}</strong>{y}": f"**{x}**{y}",
        f"<i>{x}</i><em>{y}</em>": f"{x}{y}",
        f'<span style="color: red">{x}</span> <a href="https://example.org/?a=1&amp;b=2">{y}</a>': f"{x} {y}",
        f"<u>{x}</u><sub>2</sub>{y}": f"{x}2{y}",
        f"{x}<sup>1</sup> {y}": f"{x} {y}",
        f"{x}<br>{y}<BR/>": f"{x} {y} ",
        f"{x} &amp; {y} &lt;script&gt; &#39;&#x2019;&nbsp;": f"{x} & {y} <script> '\u2019\u00a0",
    }
    for line, text in inline.items():
        assert expand_html_line(1, line) == [Line(1, text, line)], line
    items = expand_html_line(2, f'<ul style="list-style-type: none"><li>• {x}</li> <li>{y} <b>z</b></li></ul>')
    assert [(ln.text, ln.raw, ln.virtual) for ln in items] == [
        (f"- {x}", f"• {x}", True), (f"- {y} **z**", f"{y} <b>z</b>", True)]
    (head,) = expand_html_line(3, f"<p><b>{x}</b></p>")
    assert (head.text, head.raw, head.virtual) == (f"**{x}**", x, True)
    assert html_cells(f"<ul><li>• {x}</li></ul>\t{y}") == [[(x, f"• {x}")], [(y, y)]]


@pytest.mark.parametrize("line, texts", [
    ("children aged < 16 and adults aged > 65", ["children aged < 16 and adults aged > 65"]),
    ("<img src=x onerror=alert(1)>", ["<img src=x onerror=alert(1)>"]),
    ("<script>alert('x')</script> &amp; <b>bold</b>", ["<script>alert('x')</script> & **bold**"]),
    ("<ul><li>• Ages < 16 & > 65</li><li>&lt;b&gt; is text</li></ul>", ["- Ages < 16 & > 65", "- <b> is text"]),
    ("<p><b>R&D <i>and</i> a<b</b></p>", ["**R&D and a<b**"]),
    ("<li>a<script>b</script></li>", ["- a<script>b</script>"]),
    ("&#0; &#10; &NewLine; &#xD800; &#x110000; &bogus; &amp &AMP; &#150;",
     ["&#0; &#10; &NewLine; &#xD800; &#x110000; &bogus; &amp & \u2013"]),
    ("<LI>Upper</LI>", ["- Upper"]),
    ("<li class=x id='y' data-z=\"1\" hidden>Attrs</li>", ["- Attrs"]),
    ("<li onclick=alert(1) x=\"\">Item</li>", ["- Item"]),
    ("<li x=\">Item</li>", ["<li x=\">Item"]),  # not a well-formed tag: only the end tag is markup
    ("<b x='>'>y</b>", ["**y**"]),
    ("<bx>y</bx> <b/>", ["<bx>y</bx> **"]),
    ("<B<sup>1</sup> >", ["<B >"]),  # one pass: what is left is not read again
    ("&am<i></i>p; &lt;b&gt;x&lt;/b&gt;", ["&amp; <b>x</b>"]),
])
def test_markup_examples(line: str, texts: list[str]) -> None:
    assert [ln.text for ln in expand_html_line(1, line)] == texts


def test_stockport_text_is_kept(stockport_dir: Path) -> None:
    """The Stockport exports: the URL in angle brackets and every bare "&" are text."""
    draft = read_document(stockport_dir / "borough-plan-2030-discussion-draft.txt")
    url = "<http://democracy.stockport.gov.uk/mgConvert2PDF.aspx?ID=170541>"
    assert [ln.text for ln in draft.lines if ln.number == 625] == [url]
    for name in ("borough-plan-presentation-2021.txt", "council-plan-2021-22-consultation-draft.txt"):
        doc = read_document(stockport_dir / name)
        for ln in doc.lines:
            if "&" in ln.raw:
                assert ln.text.count("&") == ln.raw.count("&"), ln
    council = read_document(stockport_dir / "council-plan-2021-22-consultation-draft.txt")
    (line,) = [ln for ln in council.lines if ln.number == 146]
    assert "<" not in line.text
    assert "our ambition for safe, resilient and inclusive communities (Priority 4)" in line.text


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=200))
@example(data=b"\xef\xbb\xbf\n\xff")
@example(data=b"%PDF-1.4\n" + b"\x00" * 20)
def test_read_document_on_any_bytes_raises_only_load_error(workdir: Path, data: bytes) -> None:
    path = workdir / "bytes.txt"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except LoadError as exc:
        assert exc.path == path
        if exc.line is not None:
            assert 1 <= exc.line <= len(LINE_BREAK.split(data.decode("utf-8", "replace")))
        return
    check_lines(doc, data.decode("utf-8").removeprefix("\ufeff"))


# -- 2. the parser -------------------------------------------------------------------
MARKERS = [
    "(a) ", "(z) ", "  * ", "* ", "o ", "> ", "> We shall ", "Aim: ", "Aim:", "Lead strategy: ",
    "Oversight: ", "Our commitments", "Indicators", "How we will know:", "THEME 9: ",
    "Priority 9.9 - ", "GOAL Z  |  ", "Focus area Z9: ", "Focus area A1:", "A\t", "\t\t",
    "Goal\tCabinet portfolio\tScrutiny panel", "Northmere Council | Draft for Cabinet",
    "Northmere Partnership Plan 2035", "Council Delivery Plan 2025/26", "¹ ", "² ",
    " (to be developed)", "; ", " and the ", ", ", "Board", "Strategy",
]
JUNK_LINE = st.one_of(
    st.just(""),
    st.lists(st.one_of(st.sampled_from(MARKERS), _words, HTML_FRAGMENTS), min_size=1, max_size=4).map("".join),
    st.tuples(st.sampled_from(ALL_EXAMPLE_LINES), _words).map("".join),  # a real line with junk after it
)


@st.composite
def mixed_documents(draw: st.DrawFn) -> list[str]:
    """Runs of consecutive lines of an example document interleaved with junk lines."""
    lines: list[str] = []
    source = EXAMPLE_LINES[draw(st.sampled_from(sorted(EXAMPLE_LINES)))]
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            start = draw(st.integers(0, len(source) - 1))
            lines.extend(source[start:start + draw(st.integers(1, 25))])
        else:
            lines.extend(draw(st.lists(JUNK_LINE, min_size=1, max_size=3)))
    return lines


def check_source(source: Source, doc) -> None:
    assert source.document == doc.name
    assert 1 <= source.line_start <= source.line_end <= len(doc.file_lines), source
    stated = "\n".join(doc.file_lines[source.line_start - 1:source.line_end])
    assert source.quote in stated, (source, stated)


@pytest.mark.parametrize("profile_name", sorted(PROFILES))
@PROPERTY_SETTINGS
@given(lines=mixed_documents(), line_end=st.sampled_from(["\n", "\r\n"]))
def test_profiles_on_mixed_documents_quote_their_lines(workdir: Path, profile_name: str,
                                                       lines: list[str], line_end: str) -> None:
    profile = PROFILES[profile_name]
    path = workdir / f"{profile_name}.txt"
    path.write_bytes(line_end.join(lines).encode("utf-8"))
    try:
        doc = read_document(path)
        extract = load_outline(doc, profile)
    except LoadError:
        return
    graph = assemble([extract])
    assert graph.nodes, "no plan node"
    for node in graph.nodes:
        assert node.sources, node
        for source in node.sources:
            check_source(source, doc)
    for edge in graph.edges:
        for source in edge.evidence.sources:
            check_source(source, doc)


@pytest.mark.parametrize("profile_name", sorted(PROFILES))
def test_profiles_on_their_own_example_quote_their_lines(profile_name: str) -> None:
    """The unbroken examples satisfy the same property (and find something)."""
    profile = PROFILES[profile_name]
    path = next(EXAMPLE / name for name in EXAMPLE_LINES
                if profile.recognise.all[0].search((EXAMPLE / name).read_text(encoding="utf-8")))
    doc = read_document(path)
    graph = assemble([load_outline(doc, profile)])
    assert len(graph.nodes) > 20
    for node in graph.nodes:
        for source in node.sources:
            check_source(source, doc)
