"""The accessibility check every browser test uses (tests/browser.py ``axe_check``): axe-core
leaves out of a check the parts of a page it has already found clean in the same state, and
must still find every violation a whole-page check finds. Tried in Chromium on a small page
whose parts depend on each other the ways the real pages' parts do."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from browser import COLOUR_FIELDS, WCAG_TAGS, _axe_script, axe_check, load_axe, open_page

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parts {n}</title>
<style>.faint {{ color: #bbb; }}</style></head>
<body>
<header><h1>Parts {n}</h1></header>
<main>
  <section aria-label="Actions"><button type="button" aria-labelledby="save-label"></button></section>
  <section aria-label="Labels"><span id="save-label">Save</span></section>
  <section aria-label="Table"><table><caption>Rows</caption><tr><th scope="col">Row</th></tr>
    {rows}</table></section>
</main>
<footer><p>End</p></footer>
</body></html>"""


ROWS = 40
# header, the two small sections of main, the table's caption, its header row and each row
# (main, the third section, the table and its body hold too many elements to be parts), footer
PARTS = 5 + 1 + ROWS


@pytest.fixture()
def page(tmp_path: Path, request):
    # a page of its own (its own title) for each test: nothing is known clean yet
    path = tmp_path / "parts.html"
    rows = "".join(f"<tr><td>row {k}</td></tr>" for k in range(ROWS))
    path.write_text(PAGE.format(n=request.node.name, rows=rows), encoding="utf-8")
    with open_page(path) as (pg, _requests, errors):
        yield pg
        assert errors == []


def test_an_unchanged_page_is_not_checked_twice_and_a_changed_part_is(page):
    assert axe_check(page) == ([], PARTS)
    assert axe_check(page) == ([], 0)
    page.evaluate("document.querySelector('td').textContent = 'row X'")  # the same width
    assert axe_check(page) == ([], 1)  # only the row
    page.evaluate("document.querySelector('td').textContent = 'row 0, a wider row'")
    assert axe_check(page) == ([], 2 + ROWS)  # every row and the caption, as wide as the table now


def test_a_violation_in_a_changed_part_is_found(page):
    axe_check(page)
    page.evaluate("document.querySelector('td').className = 'faint'")
    violations, checked = axe_check(page)
    assert checked == 1 and [v.split(":")[0] for v in violations] == ["color-contrast"]


def test_a_violation_is_found_again_at_every_check(page):
    page.evaluate("document.querySelector('td').className = 'faint'")
    assert [v.split(":")[0] for v in axe_check(page)[0]] == ["color-contrast"]
    assert [v.split(":")[0] for v in axe_check(page)[0]] == ["color-contrast"]


def test_a_row_is_checked_again_when_its_table_changes(page):
    """A row inherits its table's classes: a faint table makes every row faint."""
    axe_check(page)
    page.evaluate("document.querySelector('table').className = 'faint'")
    violations, checked = axe_check(page)
    assert checked == 2 + ROWS and [v.split(":")[0] for v in violations] == ["color-contrast"]


def test_a_part_is_checked_again_when_what_names_it_elsewhere_changes(page):
    """A label elsewhere names the field: emptying the label leaves the field's own markup as
    it was, and the field nameless."""
    page.evaluate("""document.querySelector('footer').insertAdjacentHTML('beforeend',
                     '<label for="where">Where</label>');
                     document.querySelector('header').insertAdjacentHTML('beforeend', '<input id="where">')""")
    axe_check(page)
    page.evaluate("document.querySelector('label[for=where]').textContent = ''")
    violations, checked = axe_check(page)
    assert checked == 2  # the label's part (the footer), and the field's (the header)
    assert [v.split(":")[0] for v in violations] == ["label"]


def test_a_part_is_checked_again_when_what_it_names_elsewhere_changes(page):
    """The button's name is the text of a label in another part: emptying the label leaves the
    button's own markup as it was, and the button nameless."""
    axe_check(page)
    page.evaluate("document.getElementById('save-label').textContent = ''")
    violations, checked = axe_check(page)
    assert checked == 2  # the label's part, and the button's, whose named label changed
    assert [v.split(":")[0] for v in violations] == ["button-name"]


def test_every_part_is_checked_again_when_what_they_inherit_changes(page):
    axe_check(page)
    page.evaluate("document.body.className = 'faint'")  # every part's text turns faint
    violations, checked = axe_check(page)
    assert checked == PARTS and [v.split(":")[0] for v in violations] == ["color-contrast"]
    assert "nodes" in violations[0]


def test_every_part_is_checked_again_at_another_width_or_in_print(page):
    axe_check(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert axe_check(page) == ([], PARTS)
    page.emulate_media(media="print")
    assert axe_check(page) == ([], PARTS)


def test_two_builds_differing_in_script_hashes_share_clean_parts(tmp_path):
    """A Content-Security-Policy's script hashes change with the data a page's scripts hold:
    the parts of two such pages that show alike are checked once; a policy that differs in
    anything else (its style sources) makes every part new."""
    rows = "".join(f"<tr><td>row {k}</td></tr>" for k in range(ROWS))
    shown = PAGE.format(n="builds", rows=rows)
    policy = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src {}; style-src {}">'
    checked = []
    def hashes(text: bytes) -> str:  # the page's two scripts, as a build of other data hashes them
        return " ".join(f"'{algorithm}-{base64.b64encode(hashlib.new(algorithm, text).digest()).decode()}'"
                        for algorithm in ("sha256", "sha384"))

    for name, scripts, styles in (("a", hashes(b"a"), "'unsafe-inline'"),
                                  ("b", hashes(b"b"), "'unsafe-inline'"),
                                  ("c", hashes(b"a"), "'unsafe-inline' data:")):
        path = tmp_path / f"{name}.html"
        path.write_text(shown.replace("<head>", "<head>" + policy.format(scripts, styles)), encoding="utf-8")
        with open_page(path) as (pg, _requests, errors):
            checked.append(axe_check(pg))
            assert errors == []
    assert checked == [([], PARTS), ([], 0), ([], PARTS)]


COLOURS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Colours</title><style>
.a {{ color: #999; }} .b {{ color: rgb(150 150 150); background: rgba(0, 0, 0, 0.1); }}
.c {{ color: hsl(0 0% 55%); opacity: 0.8; }} .d {{ color: oklch(70% 0 0); background: #eee; }}
.e {{ color: white; background: navy; }} .f {{ color: #767676; }} .g {{ color: grey; background: transparent; }}
</style></head><body><main><h1>Colours</h1>{rows}</main></body></html>"""
# every element's colours, as axe-core reports a failing one
_CONTRAST = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
  resultTypes: ['violations']})).violations.map(v => [v.id, v.nodes.map(n => [n.target, n.any.map(c => c.data)])])"""


def test_the_faster_axe_reports_what_axe_reports(tmp_path):
    """axe-core with its colours' fields kept as slots and its parsed colours remembered
    (tests/browser.py) reports the same failing elements, with the same colours and ratios, as
    axe-core as it is bundled."""
    path = tmp_path / "colours.html"
    rows = "".join(f'<p class="{c}">{c} {k}</p><div class="{c}"><span class="{d}">{d} in {c}</span></div>'
                   for k in range(8) for c, d in zip("abcdefg", "gfedcba"))
    path.write_text(COLOURS.format(rows=rows), encoding="utf-8")
    found = []
    for faster in (False, True):
        with open_page(path) as (page, _requests, errors):
            load_axe(page, remember_colours=faster, plain_fields=faster)
            found.append(page.evaluate(_CONTRAST, WCAG_TAGS))
            assert errors == []
    plain, faster = found
    assert [rule for rule, _nodes in plain] == ["color-contrast"]
    assert len(plain[0][1]) > 50  # many failing elements: most colour strings are met again
    assert faster == plain


def test_the_bundled_axe_gets_the_slots():
    """The bundled axe-core declares its colours' fields as the slots expect: an upgrade that
    changed that would leave every check at full cost."""
    assert _axe_script(plain_fields=False).count(COLOUR_FIELDS) == 1
    assert COLOUR_FIELDS not in _axe_script(plain_fields=True)
