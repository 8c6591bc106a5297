"""The audit report: a printable page for a council scrutiny committee.

Inputs: a ``Workspace`` (see ``goldenthread.queries.library``).
Outputs: ``render_report(ws)`` gives ``(html, markdown)``: the same sections (summary, thread
by priority, breaks, traceability matrix, drift, and for a build with indicator data the
measures with their charts, about) as a static HTML5 page and as Markdown tables;
``render_reports(ws)`` gives the report files of a build (one report per council, and an
index, when the graph holds several councils' plans).

What the report says is gathered once, as a typed model (viz/report_model.py: ``collect``),
and written twice through Jinja2 templates (viz/templates/report*.j2). Every piece of document
text is escaped by the template environment, never by hand: HTML with ``html.escape``
(autoescape); Markdown with ``md`` (pipes, newlines, markup characters and ``<``/``>``/``&``
where they would be read as markup). The page has no script, no external resource and no
timestamp: the same graph always gives byte-identical output. The indicator charts and their
tables are markup made by viz/charts.py (which escapes every piece of text it writes), passed
through as made; the words beside them are escaped like all other text.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from goldenthread.graph.tracking import STATUS_RULE
from goldenthread.queries.library import Workspace
from goldenthread.viz.charts import trend_description, trend_svg, trend_table_html, trend_table_markdown
from goldenthread.viz.report_model import (
    REASON_TEXT,
    STATUS_TEXT,
    STATUSES,
    TITLE,
    FamilyRow,
    Previous,
    Report,
    cite,
    collect,
)
from goldenthread.viz.tracking_view import (
    TRACKING_MARK,
    TRACKING_STATUSES,
    TRACKING_WORD,
    TRAVEL_MARK,
    TrackingView,
)

TEMPLATE_DIR = Path(__file__).parent / "templates"

# -- wording the templates share ---------------------------------------------------------

STATUS_MARK = {"green": "✔", "amber": "▲", "red": "✖"}  # Markdown: icon beside the word

PARTS_NOTE = ("Parts present: how many of the parts of the thread that apply to the priority are "
              "there (commitments, a delivery strategy and whether it is in place, an accountable board "
              "and whether it is established, a measure, a counterpart in the other plan). The status "
              "follows the rule above, not the count: a missing strategy, board or measure makes a "
              "priority red however many other parts it has.")

BREAKS_INTRO = ("Every break the checks find, grouped by what is wrong. First the gaps the documents "
                "state (a strategy not named, a board still to be established, a blank cell); then, "
                "headed “To review”, absences inferred from wording, each with the nearest candidates "
                "in the other plan so a reviewer can confirm or correct it. An item can appear under "
                "more than one heading.")

DRIFT_INTRO = ("To review: priorities a later plan was not found to carry forward, and themes a plan "
               "adds that the plan before it was not found to have. Both rest on comparing wording, "
               "not on what the documents say, so each shows its nearest candidates on the other side.")

CHANGES_INTRO = ("The new edition compared with the previous one, node by node. Nodes are matched by their "
                 "content and place, never by id, so a reworded or moved commitment shows as reworded or "
                 "moved, not as dropped and added; each change cites the lines of both editions. Matching "
                 "rests on comparing wording: the score is the share of content words the two texts have in "
                 "common (0-1); [-words-] are in the old edition only, {+words+} in the new one only.")

SHIFTS_INTRO = ("For each priority of a plan another plan carries out (the Borough priorities), the commitments "
                "of that plan aligned with it, or with one of its actions, that the new edition gained and "
                "lost. Alignments inferred from wording count as well as stated ones.")

INDEX_INTRO = ("This build holds the plans of {n} councils (plan families: plans linked by carrying "
               "each other out). Each has its own report; the figures below are theirs.")

MEASURES_INTRO = ("How the plans' measures are going, from published indicator data for {area}. Each measure "
                  "tracked by an indicator has a small chart ({area_name}, England, and the range of similar "
                  "councils), the data beside it, and a status by one rule. They are grouped by the priority or "
                  "theme each measures, in the order of the thread table; then the findings of the audit rules "
                  "about measures.")

TRACKING_NOTE = ("The change is counted from the last value known when the plan started (else the first value: "
                 "each entry says which). England is compared in the same period only, and never for a count. "
                 "Similar councils: the comparator group, the area included; 1st is the best in the direction the "
                 "measure wants. ↗ improving, ↘ worsening, → no change: the direction of travel in the way the "
                 "measure wants it to go, whichever way the value moved.")

_GLOBALS = {"TITLE": TITLE, "STATUSES": STATUSES, "STATUS_TEXT": STATUS_TEXT, "STATUS_MARK": STATUS_MARK,
            "INDEX_STATUSES": ("red", "amber", "green"), "PARTS_NOTE": PARTS_NOTE,
            "BREAKS_INTRO": BREAKS_INTRO, "DRIFT_INTRO": DRIFT_INTRO, "INDEX_INTRO": INDEX_INTRO,
            "MEASURES_INTRO": MEASURES_INTRO,
            "CHANGES_INTRO": CHANGES_INTRO, "SHIFTS_INTRO": SHIFTS_INTRO, "TRACKING_NOTE": TRACKING_NOTE,
            "TRACKING_STATUSES": TRACKING_STATUSES, "TRACKING_WORD": TRACKING_WORD, "TRACKING_MARK": TRACKING_MARK,
            "TRACKING_RULE": STATUS_RULE, "TRAVEL_MARK": TRAVEL_MARK}

# -- escaping ------------------------------------------------------------------------------


def h(value: Any) -> str:
    """HTML-escape any value (quotes too, so it is safe in attributes)."""
    return html.escape(str(value), quote=True)


# Markdown characters escaped with a backslash, which any CommonMark reader drops: emphasis,
# code, links, tables, headings; "<" only where it would open HTML or an autolink, "&" only
# where it would start a character reference. So the file reads as written ("aged < 16",
# "Parks & Green Spaces") and no document text becomes markup or HTML.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")


def md(value: Any) -> str:
    """Markdown-escape text for a table cell or heading: one line, no markup, no raw HTML."""
    text = " ".join(str(value).split())  # newlines (and every other line break) become spaces
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _html_value(value: Any) -> Markup:
    """What ``{{ value }}`` writes in an HTML template: markup made by the templates (a macro's
    output, ``|safe``) as it is, anything else escaped with ``h``."""
    return value if isinstance(value, Markup) else Markup(h(value))


def _md_value(value: Any) -> Markup:
    """What ``{{ value }}`` writes in a Markdown template: template-made text as it is, anything
    else escaped with ``md``."""
    return value if isinstance(value, Markup) else Markup(md(value))


# -- charts: markup made by viz/charts.py, which escapes every piece of text it writes ------------


def _chart_svg(view: TrackingView) -> Markup | None:
    """The tracked measure's chart as inline SVG (``role="img"``, named by its title and its
    ``trend_description``), or None when there is no value to draw."""
    svg = trend_svg(view.chart, id_prefix=f"{view.anchor}-chart")
    return Markup(svg) if svg is not None else None


def _chart_table_html(view: TrackingView, caption_id: str) -> Markup:
    """The chart's data as an HTML table whose caption has the id ``caption_id``."""
    return Markup(trend_table_html(view.chart, view.caption, caption_id=caption_id))


def _chart_table_md(view: TrackingView) -> Markup:
    """The chart's data as a Markdown table, each cell escaped with ``md``."""
    return Markup(trend_table_markdown(view.chart, escape=md))


def _chart_text(view: TrackingView) -> str:
    """The chart in words (plain text: the template escapes it)."""
    return trend_description(view.chart)


@cache
def environment(kind: Literal["html", "md"]) -> Environment:
    """The Jinja2 environment of the ``html`` or ``md`` templates (viz/templates).

    Both escape every ``{{ value }}`` by default: ``autoescape`` is on, and ``finalize`` escapes
    the value with ``h`` (HTML: ``html.escape``, which writes ``'`` and ``"`` as the report
    always has) or ``md`` (Markdown) before autoescape sees it, marked as done. Template text
    and macro output are not escaped again; ``|safe`` marks a value as already written (used
    for nothing from a document). In Markdown, ``|md`` escapes each value of a list the template
    joins (``map("md")|join("; ")``), as ``md`` escapes each item, not the joined line.
    """
    finalize = _html_value if kind == "html" else _md_value
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, finalize=finalize,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      undefined=StrictUndefined)
    if kind == "md":
        env.filters["md"] = _md_value
        env.filters["chart_table"] = _chart_table_md
    else:
        env.filters["chart_svg"] = _chart_svg
        env.filters["chart_table"] = _chart_table_html
    env.filters["chart_text"] = _chart_text
    env.globals.update(_GLOBALS)
    return env


def _render(kind: Literal["html", "md"], name: str, **context: Any) -> str:
    return environment(kind).get_template(name).render(**context)


# -- the report --------------------------------------------------------------------------


def render_html(rep: Report) -> str:
    """The report as a static HTML5 page (viz/templates/report.html.j2)."""
    return _render("html", "report.html.j2", rep=rep)


def render_markdown(rep: Report) -> str:
    """The report as Markdown (viz/templates/report.md.j2)."""
    return _render("md", "report.md.j2", rep=rep)


def render_report(ws: Workspace, previous: Previous | None = None) -> tuple[str, str]:
    """``(report.html, report.md)`` for the workspace: the audit report in both forms (with
    ``previous``, its "What changed since" section)."""
    rep = collect(ws, previous)
    return render_html(rep), render_markdown(rep)


def render_reports(ws: Workspace, previous: Workspace | None = None) -> dict[str, str]:
    """The report files of a build: ``report.html`` and ``report.md`` for one council's plans;
    for a graph holding several plan families (many councils), an index of the families in
    ``report.html``/``report.md`` and one report per family in ``report/<plan id>.html`` and
    ``.md``, each the size of one council's (a single page for a hundred councils is tens of
    MB and will not open). With ``previous`` (the previous edition's build: ``build --previous``),
    each report says what changed since it."""
    from goldenthread.graph.families import family_graph, plan_families

    since = Previous.of(previous, ws) if previous is not None else None
    families = plan_families(ws.graph)
    if len(families) <= 1:
        html_text, md_text = render_report(ws, since)
        return {"report.html": html_text, "report.md": md_text}
    files: dict[str, str] = {}
    rows = []
    for plans in families:
        rep = collect(Workspace(family_graph(ws.graph, plans), store_spec="auto", base=ws.base), since)
        name = plans[0]
        files[f"report/{name}.html"] = render_html(rep)
        files[f"report/{name}.md"] = render_markdown(rep)
        rows.append(FamilyRow.of(name, rep))
    files["report.html"] = render_index_html(rows, ws.graph.generator)
    files["report.md"] = render_index_markdown(rows, ws.graph.generator)
    return files


def render_index_html(rows: list[FamilyRow], generator: str) -> str:
    """The many-councils index page: a row per family, linking to its report."""
    return _render("html", "report_index.html.j2", rows=rows, generator=generator)


def render_index_markdown(rows: list[FamilyRow], generator: str) -> str:
    """The many-councils index in Markdown."""
    return _render("md", "report_index.md.j2", rows=rows, generator=generator)


__all__ = ["render_report", "render_reports", "collect", "render_html", "render_markdown", "cite", "REASON_TEXT",
           "render_index_html", "render_index_markdown", "md", "h"]
