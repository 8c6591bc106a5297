"""Headless Debian Chromium for HTML tests: a page that records every request and error.

Chromium is the system package (/usr/bin/chromium, or the browser $GOLDENTHREAD_CHROMIUM
names), driven by Playwright; no browser is ever downloaded. Tests that need it skip when it
is missing, except under CI=true.
"""

from __future__ import annotations

import asyncio
import os
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conftest import require

CHROMIUM = Path(os.environ.get("GOLDENTHREAD_CHROMIUM", "/usr/bin/chromium"))
# Chromium's own background traffic would be refused by this closed network anyway
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# only the violations are read: axe then skips collecting every passing node (half its time)
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def require_browser() -> None:
    require(CHROMIUM.exists(), f"Chromium ({CHROMIUM}; apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        require(False, "Playwright (pip install playwright)")


# One Chromium per test process, launched on first use and closed when the session ends
# (conftest.py, pytest_sessionfinish): starting Playwright's driver and the browser takes over
# a second, which every browser test paid when each launched its own. The tests of a process
# share one page too (``open_page``), left blank, without storage, media emulation or their
# listeners between them.
_shared: dict[str, Any] = {}


def _chromium():
    """The shared browser, (re)launched if it is not running; Playwright's event loop is
    marked as running again (``_idle`` unmarked it)."""
    browser = _shared.get("browser")
    if browser is not None and browser.is_connected():
        asyncio._set_running_loop(_shared["loop"])
        return browser
    close_chromium()
    from playwright.sync_api import sync_playwright

    _shared["playwright"] = sync_playwright().start()
    _shared["loop"] = asyncio._get_running_loop()
    _shared["browser"] = _shared["playwright"].chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
    return _shared["browser"]


def _idle() -> None:
    """Between pages, Playwright's sync API leaves its event loop marked as running in this
    thread, so that any other test's ``asyncio.run`` would refuse to start: unmark it."""
    asyncio._set_running_loop(None)


def close_chromium() -> None:
    """Close the shared browser and Playwright's driver, if they were started."""
    playwright = _shared.pop("playwright", None)
    browser = _shared.pop("browser", None)
    _shared.pop("page", None)
    _shared.pop("page_of", None)
    if playwright is None:
        return
    asyncio._set_running_loop(_shared.pop("loop"))
    try:
        if browser is not None and browser.is_connected():
            browser.close()
    finally:
        playwright.stop()
        _idle()


def _reusable_page(viewport):
    """The test process's one page, at ``viewport``: a fresh page costs Chromium twice the
    work of loading another file into this one (0.54 against 0.29 s of processor time for the
    Stockport explorer), and the browser tests open over a hundred."""
    browser = _chromium()
    page = _shared.get("page")
    if page is None or page.is_closed() or _shared.get("page_of") is not browser:
        page = _shared["page"] = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}).new_page()
        _shared["page_of"] = browser
    else:
        page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    return page


def _leave(page) -> None:
    """Leave the page as a new one is: no storage, screen media, the pointer at the corner,
    blank; a page that cannot be left so is closed (the next test gets a new one)."""
    try:
        page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
        page.emulate_media(media="null")
        page.mouse.move(0, 0)
        page.goto("about:blank")
    except Exception:  # noqa: BLE001 - whatever state the test left it in, it is not reused
        _shared.pop("page", None)
        try:
            page.context.close()
        except Exception:  # noqa: BLE001 - already gone with its browser
            pass


@contextmanager
def open_page(path: Path, viewport=(1280, 900), fragment: str = ""):
    """Open a local HTML file (at ``#fragment``, as a link would open it) in the test process's
    page of the shared browser; yields (page, requests, errors).

    requests: every URL the page asked for (the file itself included);
    errors: uncaught page errors and console errors.
    The page is reused from test to test (``_reusable_page``), blank in between, with no
    storage, media emulation or listener of the test before it.
    """
    require_browser()
    page = _reusable_page(viewport)
    requests: list[str] = []
    errors: list[str] = []
    listeners = {"request": lambda r: requests.append(r.url),
                 "pageerror": lambda e: errors.append(str(e)),
                 "console": lambda m: errors.append(m.text) if m.type == "error" else None}
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        page.goto(Path(path).resolve().as_uri() + (f"#{fragment}" if fragment else ""))
        yield page, requests, errors
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
        _leave(page)
        _idle()


# axe-core checks each part of a page once per test process in each state it is seen in, and
# leaves out of later checks the parts it has already found clean in the same state. Checking a
# whole page takes axe about a second, most of it colour contrast over the tables; most states a
# test reaches change a few parts (the details, a table's selected row) and leave the rest.
#
# The parts: the children of <body>; where one holds more than PART_SIZE elements, it is a
# container and its children are parts in turn (so a table's rows are parts, each on its own).
# A part's state is everything its results depend on: its markup (attributes, text, inline
# styles), its size, whether it holds the focus or the pointer, the attributes of its containers
# (classes and styles it inherits), the elements it names by id outside itself and the elements
# outside it that name its own (labels, descriptions); and the page's state: its viewport,
# emulated media, the attributes of <html> and <body>, and the <head> (its title and style
# sheets; a Content-Security-Policy's script hashes aside), not its address: the same part of
# the same page written to two test folders is the same part, and so is a part two builds of one
# council show alike. A container known clean in its state is left out whole; else it is checked itself,
# with those of its parts known clean left out. Only checks that found nothing are remembered:
# a violation is reported each time it is there.
# The states found clean are shared by the test processes of one run (pytest-xdist workers)
# through the file $GOLDENTHREAD_AXE_CLEAN names (conftest.py sets it in the run's temporary
# folder): a state is the same in any process, and the first to check it spares the others.
# Left out of a check, a part is not compared with the parts checked: a rule that compares
# elements across the page (no two landmarks of one name) sees the parts checked only.
_AXE_CLEAN: set[str] = set()  # "page state|part state" found with no violation
PART_SIZE = 60

# in two steps: the parts' states (kept on the page until the check), then the check itself
_AXE_PARTS = r"""(partSize) => {
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'LINK', 'META', 'NOSCRIPT']);
  const REFS = ['for', 'headers', 'list', 'form', 'popovertarget', 'aria-labelledby', 'aria-describedby',
                'aria-controls', 'aria-owns', 'aria-activedescendant', 'aria-errormessage', 'aria-details',
                'aria-flowto'];
  const hash = (text) => {  // cyrb53: a 53-bit string hash
    let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761); h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return String(4294967296 * (2097151 & h2) + (h1 >>> 0));
  };
  const attrs = (el) => el.tagName + ' ' + [...el.attributes].map(a => a.name + '=' + a.value).join(' ');
  // the parts, containers first: {el, inherited (its containers' attributes), parts (a container's)}
  const nodes = [];
  const split = (container, inherited) => {
    const inside = [];
    for (const el of container.children) {
      if (SKIP.has(el.tagName)) continue;
      const node = {el, inherited, parts: null};
      nodes.push(node);
      inside.push(node);
      if (el.getElementsByTagName('*').length > partSize) node.parts = split(el, inherited + '\n' + attrs(el));
    }
    return inside;
  };
  const top = split(document.body, '');
  const media = ['print', '(forced-colors: active)', '(prefers-color-scheme: dark)',
                 '(prefers-reduced-motion: reduce)'].map(q => matchMedia(q).matches ? '1' : '0').join('');
  // the head as it bears on the checks: its title, style sheets and metadata; the script hashes
  // of a Content-Security-Policy change with the data its scripts hold, and what those scripts
  // do is in the parts, so two builds of one council share what they show alike
  const scriptHash = /'sha(256|384|512)-[A-Za-z0-9+/=]+'/g;
  const head = [...document.head.children].map(e => e.outerHTML.replace(scriptHash, "'sha'"));
  const page = hash([innerWidth, innerHeight, media, attrs(document.documentElement), attrs(document.body),
                     head.join('\n')].join('\n'));
  // who names whom by id, noted on every part that holds one end and not the other
  const index = new Map(nodes.map((node, i) => [node.el, i]));
  const chain = (el) => {  // the parts holding el, innermost first
    const out = [];
    for (let e = el; e; e = e.parentElement) if (index.has(e)) out.push(index.get(e));
    return out;
  };
  const described = (el) => attrs(el) + ' ' + el.textContent;
  const links = nodes.map(() => []);
  for (const el of document.querySelectorAll(REFS.map(name => '[' + name + ']').join(','))) {
    const from = chain(el);
    for (const name of REFS) {
      for (const id of (el.getAttribute(name) || '').split(/\s+/).filter(Boolean)) {
        const target = document.getElementById(id);
        const to = target ? chain(target) : [];
        const named = target ? described(target) : '-';
        for (const i of from) if (!to.includes(i)) links[i].push(`names ${name} ${id}: ${named}`);
        for (const i of to) if (!from.includes(i)) links[i].push(`named ${name} ${id} by ${described(el)}`);
      }
    }
  }
  const focused = document.activeElement;
  const hovered = [...document.querySelectorAll(':hover')].pop();
  const keys = nodes.map((node, i) => {
    const box = node.el.getBoundingClientRect();
    const held = (node.el.contains(focused) ? 'focus' : '') + (hovered && node.el.contains(hovered) ? 'hover' : '');
    return page + '|' + hash([node.inherited, node.el.outerHTML, Math.round(box.width), Math.round(box.height), held,
                              links[i].join('\n')].join('\n'));
  });
  window.__goldenthreadAxeParts = {top, index};
  return keys;
}"""

_AXE_RUN = r"""async ({known, options}) => {
  const {top, index} = window.__goldenthreadAxeParts;
  delete window.__goldenthreadAxeParts;
  const clean = new Set(known);
  const exclude = [];
  let checked = 0;
  const choose = (list) => {
    for (const node of list) {
      if (clean.has(index.get(node.el))) exclude.push(node.el);
      else if (node.parts) choose(node.parts);
      else checked += 1;
    }
  };
  choose(top);
  const results = await axe.run(exclude.length ? {exclude} : document, options);
  return {checked,
          violations: results.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target)}))};
}"""


# axe-core's colours keep their channels in private fields, which its bundle (compiled for older
# browsers) emulates with one WeakMap per field: every colour made sets six WeakMap entries and
# a WeakSet's, and every channel read or written checks and reads one. Colour contrast makes
# tens of thousands of colours on a large page, and those maps, with the garbage collector's
# work on them, took a third of a whole-page check. With ``plain_fields`` the seven maps of that
# one class are slots that keep each value on the colour itself under a symbol of their own,
# as a private field is kept: the same checks, the same values, the same errors. The rest of
# the bundle is unchanged; if its text no longer declares those maps so (another axe-core),
# the check warns and runs unchanged. (tests/test_axe_parts.py compares checks with and
# without it.)
COLOUR_FIELDS = ("Se=new WeakMap,_e=new WeakMap,Me=new WeakMap,Pe=new WeakMap,Ie=new WeakMap,Be=new WeakMap,"
                 "je=new WeakSet")
SLOTS = ("var __goldenthreadSlot = class { constructor() { this.key = Symbol(); } "
         "has(o) { return Object.prototype.hasOwnProperty.call(o, this.key); } get(o) { return o[this.key]; } "
         "set(o, v) { o[this.key] = v; return this; } add(o) { o[this.key] = true; return this; } };\n")


def _axe_script(plain_fields: bool = True) -> str:
    """axe-core as axe-playwright-python bundles it (offline); with ``plain_fields``, its
    colours' private fields kept as slots (above)."""
    key = "axe-plain-fields" if plain_fields else "axe"
    script = _shared.get(key)
    if script is None:
        import axe_playwright_python

        script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
        if plain_fields:
            if script.count(COLOUR_FIELDS) == 1:
                slots = COLOUR_FIELDS.replace("new WeakMap", "new __goldenthreadSlot")
                script = SLOTS + script.replace(COLOUR_FIELDS, slots.replace("new WeakSet", "new __goldenthreadSlot"))
            else:
                warnings.warn("axe-core's colour fields are not declared as tests/browser.py expects "
                              "(another axe-core?): its checks run at full cost", stacklevel=2)
        _shared[key] = script
    return script


# axe-core 4.12 parses a CSS colour with colorjs.io every time it meets one: the colour and
# background of each element checked for contrast and of every element behind it. A page has
# a few dozen distinct colour strings, parsed thousands of times; parsing took a third of a
# whole-page check of Stockport's report. ``parseString`` sets a colour's four channels from
# the string alone, so each string's channels are kept and set again as parsing would set
# them; a string that fails to parse fails each time, as before.
# (tests/test_axe_parts.py compares a check with and without it.)
REMEMBER_PARSED_COLOURS = r"""() => {
  const Color = axe.commons.color.Color;
  if (Color.prototype.parseString.remembers) return;
  const parse = Color.prototype.parseString;
  const parsed = new Map();
  const remembered = function (text) {
    const channels = parsed.get(text);
    if (channels === undefined) {
      parse.call(this, text);
      parsed.set(text, [this.r, this.g, this.b, this.alpha]);
    } else {
      [this.r, this.g, this.b, this.alpha] = channels;
    }
    return this;
  };
  remembered.remembers = true;
  Color.prototype.parseString = remembered;
}"""


def load_axe(page, remember_colours: bool = True, plain_fields: bool = True) -> None:
    """axe-core into the page (once), by default with its colours' fields kept as slots and
    its parsed colours remembered (above)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_script(plain_fields))
    if remember_colours:
        page.evaluate(REMEMBER_PARSED_COLOURS)


def axe_check(page) -> tuple[list[str], int]:
    """axe-core (bundled, offline) on the page for WCAG 2.x A/AA: (the violations as readable
    lines, how many parts of the page it checked); the parts already found clean in the same
    state are left out (above)."""
    load_axe(page)
    shared = os.environ.get("GOLDENTHREAD_AXE_CLEAN")
    if shared and Path(shared).is_file():
        _AXE_CLEAN.update(Path(shared).read_text(encoding="utf-8").split())
    keys = page.evaluate(_AXE_PARTS, PART_SIZE)
    known = [i for i, key in enumerate(keys) if key in _AXE_CLEAN]
    run = page.evaluate(_AXE_RUN, {"known": known, "options": AXE_OPTIONS})
    if not run["violations"]:
        new = set(keys) - _AXE_CLEAN
        _AXE_CLEAN.update(new)
        if shared and new:
            from filelock import FileLock

            with FileLock(shared + ".lock"), open(shared, "a", encoding="utf-8") as out:
                out.write("".join(f"{key}\n" for key in sorted(new)))
    return _readable(run["violations"]), run["checked"]


def _readable(violations: list[dict]) -> list[str]:
    """axe-core's violations, a line each: the rule, its help, how many elements and the first three."""
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {', '.join(str(t) for t in v['nodes'][:3])})"
            for v in violations]


def axe_violations(page) -> list[str]:
    """WCAG 2.x A/AA violations axe-core finds on the page in its present state (``axe_check``)."""
    return axe_check(page)[0]


def axe_violations_within(page, selector: str) -> list[str]:
    """WCAG 2.x A/AA violations axe-core finds in the one element ``selector`` names, in its
    present state, checked whole (no parts left out): for a test that checks one panel in
    many states."""
    load_axe(page)
    found = page.evaluate("async ([selector, options]) => (await axe.run(document.querySelector(selector), options))"
                          ".violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target)}))",
                          [selector, AXE_OPTIONS])
    return _readable(found)


def offline_requests(requests: list[str], page_path: Path) -> list[str]:
    """Requests other than the page file itself (there should be none)."""
    own = Path(page_path).resolve().as_uri()
    return [u for u in requests if u != own and not u.startswith("data:") and u != "about:blank"]


__all__ = ["open_page", "axe_violations", "axe_violations_within", "axe_check", "offline_requests",
           "require_browser", "close_chromium"]
