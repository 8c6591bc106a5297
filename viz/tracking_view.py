"""What the report and the explorer say of each tracked measure: in words, and as a chart.

Inputs: a ``PlanGraph`` built with indicator data (``build --indicators``): its ``tracking``
summaries (graph/tracking.py), ``indicators`` (the area, the comparator group), the indicator
nodes and the ``tracked_by`` links with their evidence.
Outputs: ``tracking_views(graph)``: one ``TrackingView`` per measure and indicator tracking it,
in the order of ``graph.tracking`` (by measure, then indicator), each with

- the words both pages show: the latest value and period, the change since the baseline (and
  why that baseline), the direction of travel against the way the measure wants it to go,
  England's value, the rank among similar councils, the status with the rule that gave it
  (``STATUS_RULE``, graph/tracking.py: one rule, quoted, never re-derived here), and the
  evidence of the link (inferred: its score, method, note and the two passages compared;
  curated: said so);
- the ``TrendChart`` (viz/charts.py) of the area, England and the comparator group's range,
  which the report and the explorer draw with ``trend_svg`` and tabulate.

Every value is plain, unescaped text: each page escapes it as it writes it (the report's
templates; the explorer's DOM text nodes). Numbers are written as the chart writes them
(``format_value`` with the chart's decimals), so the words and the chart agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from goldenthread.core.model import Link, Node, PlanGraph, TrackedValue, Tracking
from goldenthread.graph.indicator_links import is_count
from goldenthread.graph.tracking import STATUS_RULE
from goldenthread.viz.charts import SeriesPoint, TrendChart, decimals_for, format_value

#: the statuses of the one rule, in the order the pages count them
TRACKING_STATUSES = tuple(STATUS_RULE)
#: each status in words, and the mark shown beside the word (never colour alone)
TRACKING_WORD = {"green": "Green", "amber": "Amber", "red": "Red", "no direction": "No direction",
                 "no data": "No data"}
TRACKING_MARK = {"green": "✔", "amber": "▲", "red": "✖", "no direction": "?", "no data": "–"}
#: the direction of travel: a mark pointing the way things went for the measure (up: better)
TRAVEL_MARK = {"improving": "↗", "worsening": "↘", "no change": "→", "unknown": "?"}
#: what the comparator group's range is called on the charts (the group's own name, often a
#: file name such as "cipfa2021", is given in the rank's words)
GROUP_NAME = "Similar councils"
_PERCENT = {"percentage", "percent", "per cent", "%", "proportion (%)", "rate (%)", "percentage (%)"}


@dataclass(frozen=True)
class Passage:
    """A passage a link's score compared: the document (or indicator file), its lines, the quote."""

    document: str
    lines: str  # "line 297", "lines 12-14"
    quote: str


@dataclass(frozen=True)
class LinkEvidence:
    """Why the indicator tracks the measure: how the link was made and on what."""

    origin: str  # inferred, curated (or stated); "" when no link records the pairing
    score: float | None  # the link's confidence (an inferred link's score, kept when curated)
    summary: str  # "Inferred from wording: score 0.32; <method>", "Curated: accepted or added by a reviewer"
    note: str  # the link's note (the topic or words shared, the nearest other indicator), or ""
    passages: list[Passage] = field(default_factory=list)

    @property
    def short(self) -> str:
        """"inferred, score 0.15", "curated": for a heading."""
        word = self.origin or "no link"
        return f"{word}, score {self.score:.2f}" if self.score is not None else word


@dataclass(frozen=True)
class TrackingView:
    """One measure tracked by one indicator, as the report and the explorer show it."""

    anchor: str  # "track-3": unique among the graph's tracking summaries (ids in a page)
    tracking: Tracking
    measure: Node
    indicator: Node
    area: str  # the area's name, else its code
    unit: str  # as the chart writes it beside a number ("%", "years")
    status: str  # by the one rule (STATUS_RULE)
    rule: str  # STATUS_RULE[status], the rule's words
    reason: str  # the summary's reason in words
    latest: str  # "3.2% in April 2024", or "no value for Stockport"
    change: str  # "down 2.6 percentage points since April 2021 (5.8%)", or ""
    baseline_basis: str
    travel: str  # improving, worsening, no change, unknown
    wanted: str  # "lower is better ('Reduced')"
    england: str  # "3.9% in April 2024: Stockport's value is better", or ""
    rank: str  # "5th of 15 similar councils (cipfa2021, …) in April 2024 …", or ""
    england_short: str  # for a table cell: "3.9% (better)", or ""
    rank_short: str  # for a table cell: "5th of 15", "not ranked (of 3)", or ""
    evidence: LinkEvidence
    chart: TrendChart

    @property
    def status_word(self) -> str:
        return TRACKING_WORD[self.status]

    @property
    def status_mark(self) -> str:
        return TRACKING_MARK[self.status]

    @property
    def travel_mark(self) -> str:
        return TRAVEL_MARK[self.travel]

    @property
    def travel_line(self) -> str:
        """"Improving: down 2.6 percentage points since April 2021 (5.8%); lower is better (…)"."""
        head = {"improving": "Improving", "worsening": "Worsening", "no change": "No change",
                "unknown": "Direction of travel unknown"}[self.travel]
        return f"{head}: " + "; ".join(part for part in (self.change, self.wanted) if part)

    @property
    def caption(self) -> str:
        """The data table's caption."""
        return f"{self.indicator.label}, {self.area}: the data"

    @property
    def title(self) -> str:
        """The chart's title (its accessible name; the page shows it as a heading)."""
        return f"{self.indicator.label}, {self.area}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def chart_unit(indicator: Node) -> str:
    """How a value of ``indicator`` is written beside its number: "%" for a percentage, else the
    unit in lower case when the data capitalises a plain word ("Years": "62.2 years")."""
    if (indicator.statistic or "").strip().lower() in _PERCENT:
        return "%"
    unit = (indicator.unit or "").strip()
    return unit.lower() if unit.istitle() and unit.isalpha() else unit


def trend_chart(t: Tracking, indicator: Node, area: str) -> TrendChart:
    """The chart of a tracking summary's series: the area, England and the comparator group's range."""
    def points(values: list[float | None]) -> list[SeriesPoint]:
        if all(v is None for v in values):
            return []
        return [SeriesPoint(p.period, p.start, p.end, v) for p, v in zip(t.series, values)]

    return TrendChart(title=f"{indicator.label}, {area}", unit=chart_unit(indicator), area_name=area,
                      area=[SeriesPoint(p.period, p.start, p.end, p.area) for p in t.series],
                      england=points([p.england for p in t.series]),
                      group_low=points([p.group_min for p in t.series]),
                      group_high=points([p.group_max for p in t.series]),
                      group_name=GROUP_NAME, desired=t.desired_direction.direction)


def _lines(start: int, end: int) -> str:
    return f"line {start}" if start == end else f"lines {start}-{end}"


def link_evidence(link: Link | None) -> LinkEvidence:
    """The evidence of a ``tracked_by`` link in words (module docstring)."""
    if link is None:
        return LinkEvidence("", None, "No tracked_by link records this pairing.", "")
    ev = link.evidence
    passages = [Passage(s.document, _lines(s.line_start, s.line_end), s.quote) for s in (ev.sources if ev else [])]
    score = f"score {link.confidence:.2f}" if link.confidence is not None else ""
    note = (ev.note or "") if ev else ""
    note = note.removeprefix(f"{score}; ") if score else note  # the summary gives the score
    if link.origin == "inferred":
        how = "; ".join(part for part in (score, ev.method if ev else "") if part)
        summary = "Inferred from wording" + (f": {how}" if how else "")
    elif link.origin == "curated":
        summary = "Curated: accepted or added by a reviewer" + (f" ({score})" if score else "")
    else:
        summary = "Stated by the documents"
    return LinkEvidence(link.origin, link.confidence, summary, note, passages)


def _words(t: Tracking, indicator: Node, area: str, unit: str, measure_text: str) -> dict[str, str]:
    """latest, change, wanted, england and rank in words (module docstring)."""
    values = [v for p in t.series for v in (p.area, p.england, p.group_min, p.group_max) if v is not None]
    places = decimals_for(values)

    def fmt(v: float) -> str:
        return format_value(v, unit, places)

    def at(v: TrackedValue) -> str:
        return f"{fmt(v.value)} in {v.period}"

    way = t.desired_direction.direction
    wanted = {"up": "higher is better", "down": "lower is better"}.get(way or "", "which way is better is not said")
    evidence = t.desired_direction.evidence
    wanted += f" (the measure says “{evidence}”)" if evidence in measure_text else f" ({evidence})"
    if t.latest is None:
        return {"latest": f"no value for {area}", "change": "", "wanted": wanted,
                "england": at(t.england) if t.england else "", "rank": "",
                "england_short": fmt(t.england.value) if t.england else "", "rank_short": ""}
    change = ""
    if t.baseline is not None and t.change is not None:
        if t.baseline.period == t.latest.period and t.baseline.start == t.latest.start:
            change = f"one value only ({t.latest.period}): nothing to compare it with"
        elif round(t.change, places) == 0:
            change = f"unchanged since {at(t.baseline)}"
        else:
            amount = (f"{format_value(abs(t.change), '', places)} percentage points" if unit == "%"
                      else format_value(abs(t.change), unit, places))
            change = f"{'up' if t.change > 0 else 'down'} {amount} since {t.baseline.period} ({fmt(t.baseline.value)})"
    england = england_short = ""
    if t.england is not None:
        england = at(t.england)
        versus = t.versus_england if t.versus_england != "unknown" else "not compared"
        england_short = f"{fmt(t.england.value)} ({versus})"
        if t.versus_england in ("better", "worse"):
            england += f": {area}'s value is {t.versus_england}"
        elif t.versus_england == "same":
            england += f": {area}'s value is the same"
        elif is_count(indicator):
            england += " (not compared: a count, and England's is not comparable with an area's)"
        elif t.england.period != t.latest.period:
            england += f" (not compared: {area}'s latest value is for {t.latest.period})"
        else:
            england += " (not compared: nothing says which way is better)"
    rank = rank_short = ""
    if t.group is not None:
        g = t.group
        spread = f"they range from {fmt(g.min)} to {fmt(g.max)} (median {fmt(g.median)})"
        where = f"{GROUP_NAME.lower()} ({g.group}, {area} included) in {g.period}"
        rank = (f"{ordinal(g.rank)} of {g.of} {where}, 1st the best; {spread}" if g.rank is not None
                else f"one of {g.of} {where}, not ranked (nothing says which way is better); {spread}")
        rank_short = f"{ordinal(g.rank)} of {g.of}" if g.rank is not None else f"not ranked (of {g.of})"
    return {"latest": at(t.latest), "change": change, "wanted": wanted, "england": england, "rank": rank,
            "england_short": england_short, "rank_short": rank_short}


def tracking_views(graph: PlanGraph) -> list[TrackingView]:
    """One ``TrackingView`` per tracking summary of ``graph``, in its order (empty without indicator data)."""
    if not graph.tracking:
        return []
    nodes = {n.id: n for n in graph.nodes}
    links = {(e.source, e.target): e for e in graph.edges if e.kind == "tracked_by"}
    area = graph.indicators.area if graph.indicators else None
    out = []
    for k, t in enumerate(graph.tracking, start=1):
        measure, indicator = nodes[t.measure], nodes[t.indicator]
        name = (area.name or area.code) if area is not None else t.area
        unit = chart_unit(indicator)
        words = _words(t, indicator, name, unit, measure.text)
        out.append(TrackingView(
            anchor=f"track-{k}", tracking=t, measure=measure, indicator=indicator, area=name, unit=unit,
            status=t.status, rule=STATUS_RULE[t.status], reason=t.status_reason, latest=words["latest"],
            change=words["change"], baseline_basis=t.baseline_basis, travel=t.travel, wanted=words["wanted"],
            england=words["england"], rank=words["rank"], england_short=words["england_short"],
            rank_short=words["rank_short"], evidence=link_evidence(links.get((t.measure, t.indicator))),
            chart=trend_chart(t, indicator, name)))
    return out


__all__ = ["GROUP_NAME", "TRACKING_MARK", "TRACKING_STATUSES", "TRACKING_WORD", "TRAVEL_MARK", "LinkEvidence",
           "Passage", "TrackingView", "chart_unit", "link_evidence", "ordinal", "trend_chart",
           "tracking_views"]
