"""Page objects for the explorer (goldenthread.viz.explorer), one per part of the page,
so the browser tests read as what an officer does: search, read the details, filter,
sort the table, review links.

Every object wraps a Playwright ``page`` showing ``explorer.html`` (see tests/browser.py);
``ExplorerPage(page)`` holds them all. Reading the page goes through the DOM and the
small read-only handle the page exposes (``window.goldenthreadExplorer``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path


def wait_until(page, predicate: str, arg=None, timeout_ms: int = 5000) -> None:
    """Poll ``predicate`` (a JS function of ``arg``) until it is true. (Playwright's
    wait_for_function evaluates a string, which the page's Content Security Policy refuses.)"""
    for _ in range(max(1, timeout_ms // 50)):
        if page.evaluate(predicate, arg):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false after {timeout_ms} ms: {predicate}")


# the parts of the details panel's summary, by the id of their <dd>
ANSWERS = {
    "status": "details-rag", "overseen": "details-over", "delivered": "details-deliv",
    "commitments": "details-commitments", "measured": "details-meas", "accountable": "details-acct",
    "aligned": "details-aligned", "breaks": "details-breaks", "reverse": "details-rev",
    # with indicator data: a measure's indicators; an indicator's series, latest value, measures and chart
    "tracked": "details-tracked", "series": "details-series", "latest": "details-latest",
    "tracking": "details-tracking", "chart": "details-chart",
}


class Details:
    """The details panel: the answers first, then the full record folded."""

    def __init__(self, page):
        self.page = page

    def title(self) -> str:
        return self.page.inner_text("#details-title").strip().removeprefix("⚠ ")

    def kind(self) -> str:
        return self.page.inner_text("#details-kind").strip().lower()

    def path_ids(self) -> list[str]:
        return self.page.eval_on_selector_all("#details-path a.nodelink", "a => a.map(x => x.dataset.id)")

    def answer(self, name: str) -> str:
        """The text of one answer ("overseen", "delivered", ...), with every item shown."""
        self.expand_all()
        return self.page.inner_text(f"#{ANSWERS[name]}")

    def answer_ids(self, name: str) -> list[str]:
        """The nodes an answer names, in order (every item, the folded ones too)."""
        self.expand_all()
        return self.page.eval_on_selector_all(f"#{ANSWERS[name]} a.nodelink", "a => a.map(x => x.dataset.id)")

    def has_answer(self, name: str) -> bool:
        return self.page.locator(f"#{ANSWERS[name]}").count() == 1

    def expand_all(self) -> None:
        """Press every "and N more" of the answers."""
        for _ in range(50):
            more = self.page.locator("#details-answers button.more-inline[aria-expanded='false']")
            if more.count() == 0:
                return
            more.first.click()

    def answer_rect(self, name: str) -> dict:
        return self.page.locator(f"#{ANSWERS[name]}").bounding_box()

    def answers_bottom(self) -> float:
        return self.page.evaluate("document.getElementById('details-answers').getBoundingClientRect().bottom")

    def title_top(self) -> float:
        return self.page.evaluate("document.getElementById('details-title').getBoundingClientRect().top")

    def summary_heights(self, node_ids: list[str]) -> dict[str, float]:
        """Select each node in turn; the height from the top of its title to the bottom of its
        answers, for each (in the page at once: a round trip each took longer than a selection)."""
        return self.page.evaluate("""ids => Object.fromEntries(ids.map(id => {
            goldenthreadExplorer.select(id);
            const top = document.getElementById('details-title').getBoundingClientRect().top;
            return [id, document.getElementById('details-answers').getBoundingClientRect().bottom - top];
        }))""", node_ids)

    def rag(self) -> str | None:
        node = self.page.locator("#details-rag-status")
        return node.get_attribute("data-status") if node.count() else None

    def breaks(self):
        return self.page.locator("#details-orphans > li")

    def folded(self, name: str):
        """A folded section: text, sources, blanks, links, thread."""
        return self.page.locator(f"#fold-{name}")

    def unfold(self, name: str) -> None:
        fold = self.folded(name)
        if not fold.evaluate("d => d.open"):
            fold.locator("summary").click()

    def open_everything(self) -> None:
        """Open every fold and press every "and N more" (in the page at once)."""
        self.page.evaluate("""() => {
            for (let round = 0; round < 50; round++) {
                const closed = [...document.querySelectorAll('#details details:not([open]), '
                                                          + '#details button.more-inline[aria-expanded="false"]')];
                if (!closed.length) return;
                closed.forEach(e => { if (e.tagName === 'DETAILS') e.open = true; else e.click(); });
            }
        }""")

    def thread_button(self):
        return self.page.locator("#panel-thread")

    def tracked(self) -> list[dict]:
        """A measure's "Tracked by": per indicator, its id, status (by the one rule) and what the panel says."""
        return self.page.eval_on_selector_all(
            "#details-tracked > .tracked",
            "ds => ds.map(d => ({indicator: d.dataset.indicator, status: d.dataset.status, text: d.innerText}))")

    def charts(self):
        """The trend charts in the details (inline SVG)."""
        return self.page.locator("#details-answers svg.trend-chart")

    def chart_names(self) -> list[str]:
        """Each chart's accessible name, as its aria-labelledby composes it (its title, then its description)."""
        return self.charts().evaluate_all(
            "svgs => svgs.map(s => s.getAttribute('aria-labelledby').split(' ')"
            ".map(id => (document.getElementById(id) || {textContent: ''}).textContent).join(' '))")

    def charts_named(self, pattern) -> int:
        """How many images in the answers the accessibility tree names with ``pattern`` (a regex)."""
        return self.page.locator("#details-answers").get_by_role("img", name=pattern).count()

    def chart_caption(self, anchor: str) -> str:
        """The caption of a chart's data table (unfolded first)."""
        self.unfold(f"data-{anchor}")
        return self.page.inner_text(f"#fold-data-{anchor} caption")

    def why_tracked(self, anchor: str) -> str:
        """Why that indicator tracks the measure: the link's evidence (unfolded first)."""
        self.unfold(f"why-{anchor}")
        return self.page.inner_text(f"#fold-why-{anchor}")

    def chart_table(self, anchor: str) -> list[list[str]]:
        """A chart's data table (unfolded first): the header row, then one row per period."""
        self.unfold(f"data-{anchor}")
        return self.page.eval_on_selector_all(
            f"#fold-data-{anchor} table tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))")

    def press(self, button_id: str) -> None:
        self.page.locator(f"#{button_id}").click()


class Search:
    """The Find box, its ranked matches and the Previous / Next stepper."""

    def __init__(self, page):
        self.page = page

    def type(self, text: str) -> None:
        self.page.fill("#search-input", text)

    def results(self) -> list[str]:
        """Ids of the matches listed, best first."""
        return self.page.eval_on_selector_all("#search-results button", "b => b.map(x => x.dataset.id)")

    def count_text(self) -> str:
        return self.page.inner_text("#search-count")

    def find(self, text: str) -> None:
        """Type and press Enter: opens the best match."""
        self.type(text)
        self.page.press("#search-input", "Enter")

    def next(self) -> None:
        self.page.click("#search-next")

    def previous(self) -> None:
        self.page.click("#search-prev")

    def position(self) -> str:
        return self.page.inner_text("#search-position")


class Filters:
    """Kinds, plans, links, orphans only, show all nodes, reset."""

    def __init__(self, page):
        self.page = page

    def _set(self, menu: str, value: str, on: bool) -> None:
        details = self.page.locator(f"#filter-{menu}")
        if not details.evaluate("d => d.open"):
            details.locator("summary").click()
        box = self.page.locator(f'#{menu}-options input[value="{value}"]')
        box.check() if on else box.uncheck()

    def kind(self, kind: str, on: bool) -> None:
        self._set("kind", kind, on)

    def plan(self, plan: str, on: bool) -> None:
        self._set("plan", plan, on)

    def plan_groups(self) -> list[str]:
        """The plan filter's groups as listed ("Indicator data (11)")."""
        return self.page.eval_on_selector_all("#plan-options label", "l => l.map(x => x.textContent)")

    def origin(self, origin: str, on: bool) -> None:
        self._set("origin", origin, on)

    def orphans_only(self, on: bool = True) -> None:
        box = self.page.locator("#orphans-only")
        box.check() if on else box.uncheck()

    def show_all(self) -> None:
        if self.page.get_attribute("#all-button", "aria-pressed") != "true":
            self.page.click("#all-button")

    def reset(self) -> None:
        self.page.click("#reset-filters")


class TextView:
    """The table below the graph: a view, a filter, sorting, CSV."""

    def __init__(self, page):
        self.page = page

    def show(self, view: str) -> None:
        self.page.select_option("#table-view", view)

    def filter(self, text: str) -> None:
        self.page.fill("#table-filter", text)
        wait_until(self.page, "t => goldenthreadExplorer.tableFilter() === t", text)

    def all_rows(self) -> list[str]:
        """Ids of every row (pressing "Show more" until all are listed)."""
        while self.page.locator("#table-more").is_visible():
            self.page.click("#table-more")
        return self.page.eval_on_selector_all("#textview-body tr", "rows => rows.map(r => r.dataset.id)")

    def column(self, key: str) -> list[str]:
        return self.page.eval_on_selector_all(f'#textview-body td[data-col="{key}"]', "c => c.map(x => x.textContent)")

    def marked(self, mark: str) -> list[str]:
        """Ids of the rows listed with ``mark`` ("selected", "in-thread")."""
        return self.page.eval_on_selector_all(f"#textview-body tr.{mark}", "rows => rows.map(r => r.dataset.id)")

    def headers(self) -> list[str]:
        return self.page.eval_on_selector_all("#textview-head button.sort", "b => b.map(x => x.firstChild.textContent)")

    def sort_by(self, title: str) -> None:
        self.page.locator("#textview-head").get_by_role("button", name=title, exact=True).click()

    def summary(self) -> str:
        return self.page.inner_text("#table-summary")

    def download_csv(self, folder: Path) -> list[list[str]]:
        with self.page.expect_download() as info:
            self.page.click("#table-csv")
        path = folder / info.value.suggested_filename
        info.value.save_as(path)
        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


class Review:
    """Reviewing inferred links: accept, reject, add, download the decisions file."""

    def __init__(self, page):
        self.page = page

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(r) for r in self.page.eval_on_selector_all(
            "#review-body tr", "rows => rows.map(r => [r.dataset.source, r.dataset.kind, r.dataset.target])")]

    def _row(self, source: str, kind: str, target: str):
        return self.page.locator(f'#review-body tr[data-source="{source}"][data-kind="{kind}"][data-target="{target}"]')

    def accept(self, source: str, kind: str, target: str) -> None:
        self._row(source, kind, target).locator("button.decision.accept").click()

    def reject(self, source: str, kind: str, target: str) -> None:
        self._row(source, kind, target).locator("button.decision.reject").click()

    def decision(self, source: str, kind: str, target: str) -> str | None:
        row = self._row(source, kind, target)
        for what in ("accept", "reject"):
            if row.locator(f"button.decision.{what}").get_attribute("aria-pressed") == "true":
                return what
        return None

    def add(self, source: str, target: str, kind: str = "aligns_with", note: str = "") -> str:
        self.page.fill("#add-source", source)
        self.page.select_option("#add-kind", kind)
        self.page.fill("#add-target", target)
        self.page.fill("#add-note", note)
        self.page.click("#add-link")
        return self.page.inner_text("#add-status")

    def added(self) -> list[str]:
        return self.page.eval_on_selector_all("#review-added > li", "li => li.map(x => x.dataset.key)")

    def download(self, folder: Path) -> Path:
        with self.page.expect_download() as info:
            self.page.click("#review-download")
        path = folder / info.value.suggested_filename
        info.value.save_as(path)
        return path


class Graph:
    """The drawn graph: its cards (as the page places them), zoom, the thread button."""

    def __init__(self, page):
        self.page = page

    def cards(self) -> list[dict]:
        return self.page.evaluate("goldenthreadExplorer.cards()")

    def card(self, node_id: str) -> dict | None:
        return self.page.evaluate("id => goldenthreadExplorer.cardRect(id)", node_id)

    def scale(self) -> float:
        return self.page.evaluate("goldenthreadExplorer.scale()")

    def click(self, node_id: str) -> None:
        """Scroll the card into the window and click its middle, as a mouse would."""
        box = self.card(node_id)
        if box["top"] < 0 or box["bottom"] > self.page.viewport_size["height"]:
            self.page.evaluate("y => window.scrollBy(0, y)", box["top"] - 100)
            box = self.card(node_id)
        self.page.mouse.click((box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2)

    def thread_button(self):
        return self.page.locator("#thread-button")

    def focus(self) -> None:
        self.page.focus("#canvas")


class ExplorerPage:
    """The whole page: its parts, and what the page says it shows."""

    def __init__(self, page):
        self.page = page
        self.details = Details(page)
        self.search = Search(page)
        self.filters = Filters(page)
        self.table = TextView(page)
        self.review = Review(page)
        self.graph = Graph(page)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg) if arg is not None else self.page.evaluate(expression)

    def selected(self) -> str | None:
        return self.js("goldenthreadExplorer.selectedId()")

    def select(self, node_id: str) -> None:
        self.js("id => goldenthreadExplorer.select(id)", node_id)

    def drawn(self) -> set[str]:
        return set(self.js("goldenthreadExplorer.drawnIds()"))

    def context(self) -> set[str]:
        return set(self.js("goldenthreadExplorer.contextIds()"))

    def matching(self) -> set[str]:
        return set(self.js("goldenthreadExplorer.matchIds()"))

    def thread(self) -> list[str]:
        return self.js("goldenthreadExplorer.threadIds()")

    def status(self) -> str:
        return self.page.inner_text("#status")

    def focused(self) -> str:
        return self.js("document.activeElement.id || document.activeElement.tagName")

    def hash(self) -> str:
        return self.js("location.hash")

    def page_width(self) -> int:
        return self.js("document.documentElement.scrollWidth")
