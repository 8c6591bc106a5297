"""The web page reader: a plan published on a council website gives the same graph as its
text, and the rendering keeps the page's main content only, written as a browser shows it
(list numbering, headings, quotations, bold, tables), with the site's menus, cookie banner
and footer left out."""

from __future__ import annotations

import codecs
import html
import shutil
from pathlib import Path

import pytest
from conftest import examples
from docgen.blocks import COUNCIL, EXAMPLE, PARTNERSHIP
from docgen.html import MENU, SIDEBAR, example_html, page, write_page
from helpers import graph_shape, misplaced_quotes, sources_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.core.errors import Unreadable
from goldenthread.graph.build import build_graph
from goldenthread.loaders.readers import read_any
from goldenthread.loaders.readers.render import one_line

PROFILES = {PARTNERSHIP: "northmere-partnership-plan", COUNCIL: "northmere-council-delivery-plan"}
VARIANTS = {"main": True, "no-main": False}  # the plan in <main>, or straight in <body>
# each plan's first line and the start of its last one
FIRST_AND_LAST = {PARTNERSHIP: ("## NORTHMERE TOGETHER", "Have your say: the consultation closes"),
                  COUNCIL: ("## NORTHMERE COUNCIL", "Progress against every measure in this plan")}


def _corpus(folder: Path, main: bool, manifest: bool = True) -> Path:
    """The Northmere example as web pages, with its profiles (and a manifest naming the pages)."""
    shutil.copytree(EXAMPLE / "profiles", folder / "profiles")
    lines = ['profiles = ["profiles"]']
    for name, profile in PROFILES.items():
        path = example_html(name, folder, main)
        if manifest:
            lines += ["", "[[documents]]", f'file = "{path.name}"', f'profile = "{profile}"']
    (folder / "goldenthread.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=list(VARIANTS), ids=list(VARIANTS))
def corpus(request, tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp(f"northmere-html-{request.param}"), VARIANTS[request.param])


@pytest.fixture(scope="module")
def from_text(northmere):
    return northmere.graph


def html_path(corpus: Path, name: str) -> Path:
    return corpus / (Path(name).stem + ".html")


def lines_of(path: Path) -> list[str]:
    return list(read_any(path).file_lines)


def text_lines(path: Path) -> list[str]:
    """The rendered lines without the blank lines between blocks."""
    return [line for line in lines_of(path) if line]


def write(tmp_path: Path, body: str, head: str = '<meta charset="utf-8">', name: str = "page.html") -> Path:
    """A page with ``body`` as the content of ``<body>``, saved as UTF-8."""
    path = tmp_path / name
    path.write_text(f"<!DOCTYPE html>\n<html lang=\"en\"><head>{head}<title>Test page</title></head>\n"
                    f"<body>\n{body}\n</body></html>\n", encoding="utf-8")
    return path


# -- 1, 2: the example corpus as web pages -----------------------------------------------------

def test_web_pages_build_the_same_graph_as_the_text(corpus, from_text):
    from_html = build_graph(corpus).graph
    assert [n.id for n in from_html.nodes] == [n.id for n in from_text.nodes]
    assert graph_shape(from_html) == graph_shape(from_text)
    assert {s.document for n in from_html.nodes for s in n.sources} == \
        {html_path(corpus, name).name for name in PROFILES}


def test_pages_are_recognised_without_a_manifest_naming_them(tmp_path, from_text):
    # the menu's "Our commitments" and "Focus area Z9: …" would make the council's page look
    # like both house styles if the reader let the navigation through
    folder = _corpus(tmp_path, main=True, manifest=False)
    result = build_graph(folder)
    assert sorted((d.name, d.profile) for d in result.documents) == \
        sorted((html_path(folder, name).name, profile) for name, profile in PROFILES.items())
    assert sorted(n.id for n in result.graph.nodes) == sorted(n.id for n in from_text.nodes)


def test_every_quote_is_found_at_its_lines_of_the_rendered_text(corpus):
    graph = build_graph(corpus).graph
    assert len(sources_of(graph)) > 100
    assert misplaced_quotes(graph, lambda document: lines_of(corpus / document)) == []


# -- 3: what is read, and how it is written ------------------------------------------------------

def test_site_chrome_is_left_out(corpus):
    for name in PROFILES:
        lines = lines_of(html_path(corpus, name))
        text = "\n".join(lines)
        for chrome in ["Skip to main content", "cookies", "Accept analytics", "Search this site",
                       "Council and democracy", "Related pages", "CONTACT US", "Email the Strategy team",
                       "Northmere Digital Strategy", "© Northmere Council", "THEME 9", "THEME 7",
                       "addEventListener", ".cookie-banner", "Test page", "Bins and recycling", "GOAL Z",
                       "Focus area Z9", "THEME 1: Council tax", "Priority 9.9", "Audit Committee"]:
            assert chrome not in text, (name, chrome)
        # the menu's links, some named like the plan's own sub-headings, are no lines of their own
        unmarked = {line.removeprefix("- ") for line in lines}
        assert not unmarked & {*MENU, *SIDEBAR}, name
        # the plan's first and last paragraphs are the page's
        first, last = FIRST_AND_LAST[name]
        assert lines[0] == first
        assert lines[-1].startswith(last)


def test_with_or_without_main_the_same_lines(tmp_path):
    for name in PROFILES:
        with_main = write_page(name, tmp_path / "main.html", main=True)
        without = write_page(name, tmp_path / "body.html", main=False)
        assert "<main" not in without.read_text(encoding="utf-8")
        assert lines_of(with_main) == lines_of(without)


def test_lettered_lists_restart_and_nested_bullets_are_indented(corpus):
    lines = lines_of(html_path(corpus, PARTNERSHIP))
    first = lines.index("a. Open family hubs in Kelderbridge, Ashby Fell and Wetherlow, bringing midwifery, "
                        "health visiting and parenting support under one roof.")
    assert [line[:3] for line in lines[first: first + 5]] == ["a. ", "b. ", "c. ", "d. ", ""]
    # the next priority's commitments are a new <ol>: it starts at "a." again
    assert ("a. Expand free swimming and gym sessions for under-16s and over-65s at our leisure centres."
            in lines)
    skills = lines.index("c. Deliver an adult skills offer at Northmere College focused on:")
    assert lines[skills + 1: skills + 5] == [
        "  - green construction and home retrofit", "  - health and social care",
        "  - everyday digital skills",
        "d. Buy locally: increase the share of partners' spending that goes to Northmere-based businesses."]
    assert "- Number of trees planted" in lines


def test_entities_are_decoded(corpus):
    path = html_path(corpus, PARTNERSHIP)
    source = path.read_text(encoding="utf-8")
    assert "Support Parks &amp; Green Spaces &#x27;Friends&#x27; groups" in source
    assert ("d. Support Parks & Green Spaces 'Friends' groups to look after local parks, with small grants "
            "and tools.") in lines_of(path)


def test_headings_quotes_and_the_bold_line(corpus):
    lines = lines_of(html_path(corpus, COUNCIL))
    assert "# Council Delivery Plan 2025/26" in lines
    assert "## GOAL A | Healthy and happy lives" in lines  # "GOAL A  |  …": spaces collapse
    assert "### Focus area A1: Best start for children" in lines
    assert "> We shall repair potholes reported on main roads within 48 hours." in lines
    assert lines.count("**How we will know:**") == 3


def test_table_rows_are_tab_separated(corpus):
    lines = lines_of(html_path(corpus, COUNCIL))
    header = lines.index("Goal\tCabinet portfolio\tScrutiny panel")
    assert lines[header + 1: header + 4] == [
        "A\tHealth, Care and Families (Cllr Priya Desai)\tPeople Scrutiny Panel",
        "B\tEconomy and Resources (Cllr Gareth Lund)\tPlace and Economy Scrutiny Panel",
        "C\tEnvironment, Housing and Highways (Cllr Tom Ashworth)"]  # the empty cell is last


def test_markup_written_as_text_stays_text(tmp_path):
    attack = '<img src=x onerror=alert(1)> & <script>alert("x")</script> &amp; &lt;'
    path = write(tmp_path, f"<main><p>{html.escape(attack)}</p><p>Fish &amp; chips &pound;5 &#8212; "
                           f"&copy;</p></main>")
    assert text_lines(path) == [attack, "Fish & chips £5 — ©"]


def test_ordered_lists_are_numbered_as_a_browser_shows_them(tmp_path):
    path = write(tmp_path, """<main>
      <ol start="3"><li>three</li><li>four</li></ol>
      <ol type="A"><li>A</li><li value="26">Z</li><li>AA</li></ol>
      <ol type="i" start="4"><li>iv</li><li>v</li></ol>
      <ol type="I" start="1999"><li>MCMXCIX</li></ol>
      <ol reversed><li>three</li><li>two</li><li>one</li></ol>
      <ol reversed start="10" type="a"><li>j</li><li>i</li></ol>
      <ol type="a" start="0"><li>no letter for zero</li></ol>
      <ol><li>one</li><li value="7">seven</li><li>eight</li></ol>
    </main>""")
    assert text_lines(path) == [
        "3. three", "4. four", "A. A", "Z. Z", "AA. AA", "iv. iv", "v. v", "MCMXCIX. MCMXCIX",
        "3. three", "2. two", "1. one", "j. j", "i. i", "0. no letter for zero",
        "1. one", "7. seven", "8. eight"]


def test_nested_lists_and_item_text_around_them(tmp_path):
    path = write(tmp_path, """<main><p>Intro</p>
      <ul>
        <li><p>First <strong>item</strong></p>
          <ol><li>one<ul><li>deep</li></ul></li><li>two</li></ol>
          and its tail</li>
        <li>Second</li>
      </ul><p>After</p></main>""")
    assert lines_of(path) == [
        "Intro", "", "- First **item** and its tail", "  1. one", "    - deep", "  2. two", "- Second", "",
        "After"]


def test_blocks_inline_text_bold_and_breaks(tmp_path):
    path = write(tmp_path, """<main>
      <h2>A <strong>bold</strong>   heading</h2>
      <p>Lead <b>strategy:</b>
         Housing<br>Strategy <em>and</em> <a href="/x">a   link</a></p>
      <p><strong>Our </strong><strong>commitments</strong></p>
      <div>Loose text<p>in a div</p>and after</div>
      <blockquote><p>We will <b>act</b></p></blockquote>
      <dl><dt>Lead strategy:</dt><dd>Housing Strategy</dd><dt>Oversight</dt><dd>Board</dd></dl>
      <hr>
      <a class="card" href="/y"><h3>Card title</h3><p>Card text</p></a>
    </main>""")
    assert text_lines(path) == [
        "## A bold heading", "Lead **strategy:** Housing Strategy and a link", "**Our commitments**",
        "Loose text", "in a div", "and after", "> We will **act**", "Lead strategy: Housing Strategy",
        "Oversight: Board", "### Card title", "Card text"]


def test_tables_spanning_cells_and_cells_with_blocks(tmp_path):
    path = write(tmp_path, """<main><table>
      <caption>Who is accountable</caption>
      <thead><tr><th colspan="2">Wide</th><th>C</th></tr></thead>
      <tbody>
        <tr><td>a</td><td><strong>b</strong></td><td rowspan="2"><p>Tall</p><p>second paragraph</p></td></tr>
        <tr><td>c</td><td>d<ul><li>x</li><li>y</li></ul></td></tr>
        <tr><td></td><td>e &amp; f</td><td>g<br>h</td></tr>
      </tbody></table></main>""")
    assert lines_of(path) == [
        "Who is accountable", "",
        "Wide\t\tC",  # spans two columns: its text once, the columns after it kept in place
        "a\tb\tTall; second paragraph",  # no bold marks in cells
        "c\td; x; y",  # the tall cell's second row is empty
        "\te & f\tg h"]


def test_hidden_scripted_and_interactive_content_is_left_out(tmp_path):
    path = write(tmp_path, """<main>
      <h1><span class="icon" aria-hidden="true">*</span> Plan</h1>
      <p hidden>Hidden paragraph</p>
      <div style="color: red; display:none">Display none</div>
      <p style="visibility: hidden">Invisible</p>
      <template><p>Template</p></template>
      <noscript><p>Turn on JavaScript</p></noscript>
      <script>document.write("<p>Scripted</p>")</script>
      <style>p::before { content: "Styled"; }</style>
      <dialog><p>Closed dialog</p></dialog>
      <form action="/feedback"><h2>Was this page useful?</h2><button>Yes</button></form>
      <p>Kept <input type="text" value="typed"> <select><option>Option</option></select>text</p>
      <div hidden="until-found"><p>Collapsed section</p></div>
      <svg><title>Chart title</title></svg>
    </main>""")
    assert text_lines(path) == ["# Plan", "Kept text", "Collapsed section"]


def test_chrome_inside_main_is_left_out_but_an_articles_header_is_kept(tmp_path):
    path = write(tmp_path, """
      <div class="cookie-consent"><p>We use cookies</p></div>
      <main>
        <nav aria-label="On this page"><ul><li><a href="#t1">THEME 1: Thriving people</a></li></ul></nav>
        <ol class="breadcrumbs"><li>Home</li><li>Plans</li></ol>
        <article>
          <header><h1>The plan</h1><p>Published 1 March</p></header>
          <h2 id="t1">THEME 1: Thriving people</h2>
          <aside><p>Related: Council tax</p></aside>
          <div role="complementary"><p>Also see</p></div>
          <footer><p>Article footer</p></footer>
        </article>
      </main>""")
    assert text_lines(path) == ["# The plan", "Published 1 March", "## THEME 1: Thriving people",
                                "Article footer"]


@pytest.mark.parametrize("body", [
    '<div role="main"><p>Content</p></div><p>Outside</p>',
    "<header><p>Site</p></header><article><p>Content</p></article><p>Outside</p>",
    '<form id="aspnetForm"><header><p>Site</p></header><main><p>Content</p></main>'
    '<footer><p>Footer</p></footer><input type="hidden" name="__VIEWSTATE" value="x"></form>',
    '<div><a href="#content">Skip to content</a><div id="content"><p>Content</p></div>'
    '<div role="contentinfo"><p>Footer</p></div></div>',
], ids=["role-main", "single-article", "page-in-a-form", "body-without-landmarks"])
def test_the_main_content_is_found(tmp_path, body):
    assert text_lines(write(tmp_path, body)) == ["Content"]


@pytest.mark.parametrize("fragment", [
    '<meta charset="utf-8"><header><p>Site</p></header><main><h2>Plan</h2><p>Content</p></main>',
    '<meta charset="utf-8"><header><p>Site</p></header><section><h2>Plan</h2></section><p>Content</p>'
    '<footer><p>Footer</p></footer>',
], ids=["main", "no-main"])
def test_a_page_without_html_and_body_tags(tmp_path, fragment):
    # lxml's parser puts HTML5 elements that come before <body> opens into <head>
    path = tmp_path / "fragment.html"
    path.write_text(fragment, encoding="utf-8")
    assert text_lines(path) == ["## Plan", "Content"]


def test_a_wrapper_named_like_a_banner_that_holds_the_title_is_kept(tmp_path):
    path = write(tmp_path, '<div class="page cookies-accepted"><h1>Plan</h1><p>Content</p></div>'
                           '<div id="gdpr-notice"><p>We value your privacy</p></div>'
                           '<div aria-label="Cookie settings"><p>Manage</p></div>')
    assert text_lines(path) == ["# Plan", "Content"]


@pytest.mark.parametrize(("data", "head"), [
    ("Caf\u00e9 \u00a35 \u2013 \u201cquoted\u201d".encode("windows-1252"), '<meta charset="windows-1252">'),
    ("Caf\u00e9 \u00a35 \u2013 \u201cquoted\u201d".encode("windows-1252"),
     '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'),
    ("Caf\u00e9 \u00a35 \u2013 \u201cquoted\u201d".encode("utf-8"), '<meta charset="utf-8">'),
], ids=["meta-charset", "http-equiv", "utf-8"])
def test_the_page_encoding_is_honoured(tmp_path, data, head):
    path = tmp_path / "page.html"
    path.write_bytes(b"<!DOCTYPE html><html><head>" + head.encode("ascii") + b"</head><body><main><p>"
                     + data + b"</p></main></body></html>")
    assert text_lines(path) == ["Caf\u00e9 \u00a35 \u2013 \u201cquoted\u201d"]


@pytest.mark.parametrize(("bom", "encoding"), [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
], ids=["utf-8", "utf-16le", "utf-16be"])
def test_a_byte_order_mark_is_honoured(tmp_path, bom, encoding):
    path = tmp_path / "page.html"
    page_text = "<html><body><p>Caf\u00e9 \u2013 \u0141\u00f3d\u017a</p></body></html>"
    path.write_bytes(bom + page_text.encode(encoding))
    assert text_lines(path) == ["Caf\u00e9 \u2013 \u0141\u00f3d\u017a"]


# -- 4: pages the reader cannot use -----------------------------------------------------------------

@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty file"),
    (b" \n\t\r\n", "empty file"),
    (b"<!DOCTYPE html><html><head><title>Plan</title></head><body></body></html>",
     "no text in the page's main content"),
    (page(PARTNERSHIP).replace("<main", "<main hidden").encode("utf-8"),
     "no text in the page's main content"),
    (b'<html><body><header><a href="/">Northmere Council</a></header><nav><ul><li><a href="/">'
     b'Our commitments</a></li></ul></nav><div id="cookie-banner"><p>We use cookies</p></div><footer>'
     b'<p>&copy; Northmere Council</p></footer><script>var plan = "THEME 1";</script></body></html>',
     "no text in the page's main content"),
    (b'<html><body><p>Text outside main</p><main> <img src="chart.png" alt="Chart"> </main></body></html>',
     "no text in the page's main content"),
    (b"%PDF-1.7\n\x00\x01\x02\x00binary", "binary file"),
], ids=["zero-bytes", "whitespace", "empty-body", "hidden-main", "navigation-only", "empty-main", "binary"])
def test_unusable_pages_are_unreadable_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "plan.html"
    path.write_bytes(content)
    with pytest.raises(Unreadable) as caught:
        read_any(path)
    assert reason in caught.value.message
    assert caught.value.path == path


@pytest.mark.parametrize(("body", "expected"), [
    ("<div>" * 3000 + "Deep" + "</div>" * 3000, "Deep"),
    ("<p>" + "<b><i>" * 3000 + "Deep", "**Deep**"),  # never closed
    ("<ul><li>" * 3000 + "Deep", "Deep"),  # past the nesting limit: its text, unmarked
], ids=["blocks", "inline", "lists"])
def test_markup_nested_thousands_deep_is_read(tmp_path, body, expected):
    assert text_lines(write(tmp_path, body)) == [expected]


def test_htm_pages_are_read_too(tmp_path):
    path = write(tmp_path, "<main><p>Content</p></main>", name="PLAN.HTM")
    assert text_lines(path) == ["Content"]
    assert read_any(path).rendered


# -- 5: determinism ---------------------------------------------------------------------------------

def test_same_page_same_lines(corpus, tmp_path):
    path = html_path(corpus, PARTNERSHIP)
    assert read_any(path).file_lines == read_any(path).file_lines
    again = example_html(PARTNERSHIP, tmp_path)  # written afresh: the same rendering
    assert read_any(again).file_lines == read_any(path).file_lines
    assert build_graph(corpus).graph.model_dump_json() == build_graph(corpus).graph.model_dump_json()


# -- 6: properties -----------------------------------------------------------------------------------

# any printable text: letters, marks, numbers, punctuation (quotes, &), symbols (<, >),
# spaces of every kind and invisible format characters
_TEXT = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs", "Cf"), include_characters="<>&\"'"),
                max_size=40)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("html-properties")


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXT, min_size=1, max_size=8))
def test_paragraph_text_comes_back_exactly_in_order(workdir, texts):
    texts = [*texts, "The end."]  # so that the page has text even when every generated one is blank
    body = "<main>" + "\n".join(f"<p>{html.escape(t)}</p>" for t in texts) + "</main>"
    path = write(workdir, body)
    expected = [one_line(t) for t in texts if one_line(t)]  # a blank paragraph is no line
    assert text_lines(path) == expected
    assert lines_of(path) == "\n\n".join(expected).split("\n")  # one blank line between paragraphs


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=st.lists(st.tuples(st.text("abcxyz<>&", min_size=1, max_size=5), st.booleans()),
                     min_size=1, max_size=8))
def test_bold_words_are_marked_as_stretches(workdir, runs):
    words = [f"<strong>{html.escape(w)}</strong>" if bold else html.escape(w) for w, bold in runs]
    path = write(workdir, "<main><p>" + "\n ".join(words) + "</p></main>")
    stretches: list[list] = []  # consecutive bold words form one **…** stretch
    for word, bold in runs:
        if stretches and stretches[-1][1] == bold:
            stretches[-1][0].append(word)
        else:
            stretches.append([[word], bold])
    expected = " ".join(f"**{' '.join(w)}**" if bold else " ".join(w) for w, bold in stretches)
    assert text_lines(path) == [expected]
