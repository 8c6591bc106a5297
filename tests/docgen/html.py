"""The Northmere example documents as pages of a council website.

Inputs: an example document's name (``blocks.PARTNERSHIP``, ``blocks.COUNCIL``).
Outputs: ``page(name, main=True)``: the HTML of a web page publishing that plan;
``write_page(name, path, main=True)`` saves it as UTF-8, and ``example_html(name, folder,
main=True)`` saves it in ``folder`` under the text file's stem (``….html``).

The plan is written with HTML's own elements: ``<h1>``-``<h4>`` headings, ``<ol type="a">``
for each lettered list, ``<ul>`` for bullets (a nested ``<ul>`` inside the item above for
second-level bullets), ``<blockquote>`` for quotations, ``<p><strong>`` for a paragraph
set in bold, ``<table>`` with ``<th>`` header cells; page breaks are left out. All text
is escaped with ``html.escape``.

Around the plan is what a council website puts on every page, with link texts chosen to
look like the plans' own headings ("Our commitments", "THEME 1: Council tax", "Lead
strategy: …") so that a reader that let them through would give a different graph: a
skip link, a cookie banner, a site header with a search form and a menu, a breadcrumb, a
related-pages sidebar, a footer with contact links and "© Northmere Council", a script,
and a hidden survey prompt. ``main=True`` puts the plan in ``<main>``; ``main=False``
writes it straight into ``<body>`` between the header and the footer (sites without
``<main>``), to exercise the reader's fallback.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from docgen.blocks import COUNCIL, PARTNERSHIP, TITLES, Block, blocks

__all__ = ["COUNCIL", "MENU", "PARTNERSHIP", "SIDEBAR", "example_html", "page", "plan_html", "write_page"]

SITE = "Northmere Council"

# menu and sidebar links whose texts the profiles would take for plan structure
MENU = ["Home", "Council tax", "Bins and recycling", "Our commitments", "Indicators",
        "THEME 1: Council tax", "Focus area Z9: Parking permits", "GOAL Z | Leisure"]
SIDEBAR = ["Priority 9.9 - Libraries", "How we will know:", "Oversight: Audit Committee"]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class _Item:
    """A list item and the second-level items under it."""

    text: str
    children: list[str] = field(default_factory=list)


def _list_html(style: str, items: list[_Item]) -> str:
    """A lettered (``<ol type="a">``) or bulleted (``<ul>``) list; sub-items as a nested ``<ul>``."""
    tag, attrs = ("ol", ' type="a"') if style == "letter" else ("ul", "")
    out = []
    for item in items:
        nested = ""
        if item.children:
            sub_items = "".join(f"      <li>{_e(c)}</li>\n" for c in item.children)
            nested = f"\n    <ul>\n{sub_items}    </ul>\n  "
        out.append(f"  <li>{_e(item.text)}{nested}</li>\n")
    return f"<{tag}{attrs}>\n{''.join(out)}</{tag}>"


def _table_html(rows: list[list[str]]) -> str:
    """First row as ``<th>`` header cells, the rest as ``<td>`` (empty cells kept)."""
    head = "".join(f"<th>{_e(c)}</th>" for c in rows[0])
    body = "".join("    <tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>\n" for row in rows[1:])
    return f'<table>\n  <thead>\n    <tr>{head}</tr>\n  </thead>\n  <tbody>\n{body}  </tbody>\n</table>'


def _block_html(block: Block) -> str:
    """A block that is not a list item (those are gathered into lists by ``plan_html``)."""
    if block.kind == "heading":
        return f"<h{block.level}>{_e(block.text)}</h{block.level}>"
    if block.kind == "paragraph":
        return f"<p><strong>{_e(block.text)}</strong></p>" if block.bold else f"<p>{_e(block.text)}</p>"
    if block.kind == "quote":
        return f"<blockquote>\n  <p>{_e(block.text)}</p>\n</blockquote>"
    if block.kind == "table":
        return _table_html(block.rows)
    return ""  # a page break: a web page has none


def plan_html(name: str) -> str:
    """The plan's blocks as HTML elements, one after another (no page around them)."""
    parts: list[str] = []
    current: tuple[str, list[_Item]] | None = None  # the list being gathered

    def close() -> None:
        nonlocal current
        if current is not None:
            parts.append(_list_html(*current))
            current = None

    for block in blocks(name):
        if block.kind != "item":
            close()
            if html_text := _block_html(block):
                parts.append(html_text)
            continue
        if block.depth > 0 and current is not None and current[1]:
            current[1][-1].children.append(block.text)  # a second-level bullet
            continue
        if current is None or current[0] != block.list_style:
            close()
            current = (block.list_style, [])
        current[1].append(_Item(block.text))
    close()
    return "\n".join(parts)


def _menu(items: list[str], indent: str) -> str:
    links = "".join(f'{indent}  <li><a href="/{i}">{_e(text)}</a></li>\n' for i, text in enumerate(items))
    return f"{indent}<ul>\n{links}{indent}</ul>"


def _chrome_top(name: str) -> str:
    """Skip link, cookie banner, site header with search and menu, breadcrumb."""
    return f"""<a class="skip-link" href="#main-content">Skip to main content</a>
<div id="cookie-banner" class="cookie-banner" role="region" aria-label="Cookies on the {SITE} website">
  <h2>Cookies on the {SITE} website</h2>
  <p>We use some essential cookies to make this website work, and analytics cookies to
  understand our commitments to you. Indicators of how you use the site help us improve it.</p>
  <button type="button">Accept analytics cookies</button>
  <button type="button">Reject analytics cookies</button>
</div>
<header class="site-header">
  <a class="logo" href="/"><img src="/logo.svg" alt="{SITE}"> {SITE}</a>
  <form role="search" action="/search">
    <label for="q">Search this site</label> <input id="q" name="q" type="search">
    <button type="submit">Search</button>
  </form>
  <nav aria-label="Main menu">
{_menu(MENU, "    ")}
  </nav>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb">
  <ol>
    <li><a href="/">Home</a></li>
    <li><a href="/council">Council and democracy</a></li>
    <li><a href="/plans">Plans and strategies</a></li>
    <li aria-current="page">{_e(TITLES[name])}</li>
  </ol>
</nav>"""


def _chrome_bottom() -> str:
    """Related-pages sidebar, a hidden survey prompt, the site footer and a script."""
    return f"""<aside class="related">
  <h2>Related pages</h2>
{_menu(SIDEBAR, "  ")}
</aside>
<div class="survey" hidden><p>THEME 9: Tell us what you think</p></div>
<footer class="site-footer">
  <h2>CONTACT US</h2>
  <ul>
    <li><a href="mailto:plans@northmere.example">Email the Strategy team</a></li>
    <li><a href="tel:+441234567890">01234 567890</a></li>
    <li><a href="/accessibility">Accessibility statement</a></li>
  </ul>
  <p>Lead strategy: Northmere Digital Strategy</p>
  <p>&copy; {SITE}</p>
</footer>
<script>
  document.querySelector("#cookie-banner button").addEventListener("click", function () {{
    document.body.insertAdjacentHTML("beforeend", "<h2>THEME 7: Injected</h2>");
  }});
</script>"""


def page(name: str, main: bool = True) -> str:
    """A council web page publishing the plan ``name``, with the plan in ``<main>`` or not."""
    content = plan_html(name)
    if main:
        content = f'<main id="main-content">\n{content}\n</main>'
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(TITLES[name])} - {SITE}</title>
<style>
  .cookie-banner {{ position: fixed; bottom: 0; }}
  .skip-link {{ position: absolute; left: -999px; }}
</style>
</head>
<body>
{_chrome_top(name)}
{content}
{_chrome_bottom()}
</body>
</html>
"""


def write_page(name: str, path: Path, main: bool = True) -> Path:
    """Save ``page(name, main)`` at ``path`` (UTF-8) and return ``path``."""
    path.write_text(page(name, main), encoding="utf-8")
    return path


def example_html(name: str, folder: Path, main: bool = True) -> Path:
    """The example document ``name`` as a web page in ``folder``, named like the text file."""
    return write_page(name, folder / (Path(name).stem + ".html"), main)
