"""What the data says of each tracked measure: the ``tracking`` summaries and the observations kept.

Inputs: the graph (measures, indicator nodes, ``tracked_by`` links after the decisions, plan
nodes and documents), the ``Series`` of the indicator data, the chosen area, the comparator
group, each indicator's ``better`` setting from ``indicators.toml`` (None when unset), and the
measures' words that matched each indicator (``IndicatorScores.matched_words``).
Outputs: ``track`` -> (``IndicatorSet``, ``Tracking`` list): per tracked measure and indicator,
the area's first, baseline and latest values, the change, the direction of travel, England's
value, the rank in the comparator group, a status by one rule (``STATUS_RULE``) and the series
for charts; and the observations the tracked indicators need (the area, England, the group).

Definitions (README, "Indicator data"):

- *desired direction*: the measure's wording (``desired_direction``); for a measure with two
  aims ("Reducing unemployment and increasing skills") the clause holding the words that matched
  the indicator; when the wording gives none, the file's ``better`` setting in indicators.toml.
- *baseline*: the last value known when the plan started (the latest period ending on or
  before the plan's start, ``plan_start``) when a later value exists; otherwise the first value.
- *travel*: latest against baseline in the desired direction (no direction, or nothing after
  the baseline: unknown; equal values: no change).
- *England*: area E92000001 in the area's latest period; compared only in the same period,
  and never for a count (England's count is not comparable with an area's).
- *group*: the comparator group's areas and the area itself, in the area's latest period; rank
  1 is the best in the desired direction, equal values share a rank.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from goldenthread.core.model import (
    ENGLAND,
    Area,
    ComparatorGroup,
    Comparison,
    DatasetRecord,
    DesiredDirection,
    DocumentRecord,
    GroupPosition,
    IndicatorSet,
    Node,
    ObservationRecord,
    PlanGraph,
    SeriesPoint,
    TrackedValue,
    Tracking,
    TrackingStatus,
    Travel,
    Way,
)
from goldenthread.graph.indicator_links import is_count
from goldenthread.graph.indicators import Series, dataset_name
from goldenthread.loaders.indicators import Direction, Observation, desired_direction

STATUS_RULE: dict[str, str] = {
    "green": "improving since the baseline and better than England",
    "amber": "improving or better than England but not both, or one of the two cannot be told",
    "red": "worsening since the baseline and worse than England",
    "no direction": "the data has values, but neither the measure's wording nor the data says which way is better",
    "no data": "the indicator has no value for the area",
}

_SPLIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/\u2013]\s*(\d{2}|(?:19|20)\d{2})(?!\d)")
_BRACKET_YEAR = re.compile(r"\(((?:19|20)\d{2})\)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def wording_direction(measure: Node) -> DesiredDirection:
    """The direction a measure's wording gives, with the words that say so (or why none do)."""
    found = desired_direction(measure.text)
    return DesiredDirection(direction=found.direction, evidence=found.evidence)


def direction_for(measure: Node, matched: Iterable[str], better: Way | None, better_source: str
                  ) -> DesiredDirection:
    """The desired direction of ``measure`` for one indicator: its wording; for a measure with two aims,
    the clause holding the ``matched`` words; else ``better`` (read from ``better_source``)."""
    found: Direction = desired_direction(measure.text)
    if found.direction is not None:
        return DesiredDirection(direction=found.direction, evidence=found.evidence)
    words = {w.lower() for w in matched}
    about = [(sum(w.lower() in words for w in re.findall(r"[A-Za-z]+", c.about)), c) for c in found.clauses]
    best = max((n for n, _ in about), default=0)
    hits = [c for n, c in about if n == best and n > 0]
    if hits and len({c.direction for c in hits}) == 1:
        c = hits[0]
        return DesiredDirection(direction=c.direction, evidence=f"{c.word!r} ({c.about}): the aim naming this "
                                                                f"indicator's words; {found.evidence}")
    if better is not None:
        reason = "mixed and no aim names the indicator" if found.clauses else "no direction word"
        return DesiredDirection(direction=better, evidence=f"{better_source} (the measure's wording: {reason})")
    return DesiredDirection(direction=None, evidence=found.evidence)


def plan_start(plan: Node, documents: Iterable[DocumentRecord]) -> tuple[date | None, str]:
    """When a plan started, and where that is read: a split year in its id or title ("2021-22": 1 April
    2021, the financial year); a year in brackets ("(2024)": 1 January); else, beside a title year
    that is its horizon ("Borough Plan 2030"), the earliest earlier year its documents' file names
    give ("borough-plan-hwb-report-2021.txt": 1 January 2021). ``(None, why)`` when none does."""
    for text in (plan.label, plan.id):
        m = _SPLIT_YEAR.search(text)
        if m:
            first, second = int(m.group(1)), int(m.group(2))
            if second % 100 == (first + 1) % 100:
                return date(first, 4, 1), f"{plan.label} starts 1 April {first} (its year {m.group(0)})"
    m = _BRACKET_YEAR.search(plan.label)
    if m:
        return date(int(m.group(1)), 1, 1), f"{plan.label} starts in {m.group(1)} (the year in its title)"
    horizon = max((int(y) for y in _YEAR.findall(f"{plan.label} {plan.id}")), default=None)
    named = sorted((int(y), d.name) for d in documents if d.plan == plan.id for y in _YEAR.findall(d.name)
                   if horizon is None or int(y) < horizon)
    if named:
        year, name = named[0]
        return date(year, 1, 1), f"{plan.label} starts in {year} (the year of its document {name})"
    return None, f"the start of {plan.label} is not known (no year of a split year, in brackets or in its documents)"


def _value(o: Observation, unit: str | None) -> TrackedValue:
    """An observation with a value, as a summary shows it."""
    assert o.value is not None
    return TrackedValue(period=o.period.label, start=o.period.start, end=o.period.end, value=o.value, unit=unit)


def _better(a: float, b: float, way: Way) -> bool:
    """Whether ``a`` is better than ``b`` when ``way`` is the way wanted."""
    return a > b if way == "up" else a < b


def _baseline(values: list[Observation], start: date | None, why_start: str) -> tuple[Observation, str]:
    """The value the change is counted from, and why (module docstring)."""
    first, latest = values[0], values[-1]
    if start is None:
        return first, f"first value: {why_start}"
    before = [o for o in values if o.period.end <= start]
    if before and before[-1] is not latest:
        return before[-1], f"the value at the plan's start: {why_start}"
    if before:
        return first, f"first value: no value after the plan's start ({why_start})"
    return first, f"first value: none before the plan's start ({why_start})"


def _travel(baseline: Observation, latest: Observation, way: Way | None) -> Travel:
    """Latest against baseline in the desired direction (module docstring)."""
    if way is None or baseline is latest:
        return "unknown"
    assert baseline.value is not None and latest.value is not None
    if latest.value == baseline.value:
        return "no change"
    return "improving" if _better(latest.value, baseline.value, way) else "worsening"


def _versus(area: float, england: float | None, way: Way | None) -> Comparison:
    """The area's value against England's (None: not compared)."""
    if way is None or england is None:
        return "unknown"
    if area == england:
        return "same"
    return "better" if _better(area, england, way) else "worse"


def status(has_value: bool, way: Way | None, travel: Travel, versus: Comparison) -> tuple[TrackingStatus, str]:
    """The one rule (``STATUS_RULE``), with its reason in words."""
    if not has_value:
        return "no data", STATUS_RULE["no data"]
    if way is None:
        return "no direction", STATUS_RULE["no direction"]
    said = f"{travel} since the baseline; {versus if versus != 'unknown' else 'not compared'} against England"
    if travel == "improving" and versus == "better":
        return "green", said
    if travel == "worsening" and versus == "worse":
        return "red", said
    return "amber", said


def _rank(area_value: float, values: list[float], way: Way | None) -> int | None:
    """1 + how many of ``values`` are better than the area's (equal values share a rank); None without
    a direction."""
    if way is None:
        return None
    return 1 + sum(_better(v, area_value, way) for v in values)


class _Data:
    """The observations of one series by area, oldest first, with helpers."""

    def __init__(self, series: Series):
        """Index ``series``' observations by area."""
        self.series = series
        self.by_area: dict[str, list[Observation]] = defaultdict(list)
        for o in series.observations:
            self.by_area[o.area_code].append(o)

    def values(self, area: str) -> list[Observation]:
        """The area's observations with a value, oldest first."""
        return [o for o in self.by_area.get(area, []) if o.value is not None]

    def at(self, area: str, when: tuple[date, date]) -> Observation | None:
        """The area's observation with a value for the period ``when`` (first and last day), or None."""
        return next((o for o in self.values(area) if o.period.same_time == when), None)


def _series_points(data: _Data, area: str, group: list[str]) -> list[SeriesPoint]:
    """Per period (oldest first) the area's and England's values and the group's range; a period is
    labelled as the area's row writes it (else the first label in sort order)."""
    labels: dict[tuple[date, date], set[str]] = defaultdict(set)
    for code in {area, ENGLAND, *group}:
        for o in data.values(code):
            labels[o.period.same_time].add(o.period.label)
    points = []
    for when in sorted(labels, key=lambda w: (w[1], w[0])):
        here, england = data.at(area, when), data.at(ENGLAND, when)
        members = [v for code in group if (o := data.at(code, when)) is not None and (v := o.value) is not None]
        points.append(SeriesPoint(period=here.period.label if here else min(labels[when]), start=when[0],
                                  end=when[1], area=here.value if here else None,
                                  england=england.value if england else None,
                                  group_min=min(members) if members else None,
                                  group_max=max(members) if members else None))
    return points


def _group_position(data: _Data, latest: Observation, area: str, group: ComparatorGroup | None,
                    way: Way | None) -> GroupPosition | None:
    """The area in its comparator group (the group's areas and itself) in its latest period."""
    if group is None or latest.value is None:
        return None
    members = sorted(set(group.areas) | {area})
    values = [o.value for code in members if (o := data.at(code, latest.period.same_time)) is not None
              and o.value is not None]
    return GroupPosition(group=group.name, period=latest.period.label, rank=_rank(latest.value, values, way),
                         of=len(values), min=min(values), median=statistics.median(values), max=max(values))


def summarise(measure: Node, series: Series, area: str, way: DesiredDirection, plan: tuple[date | None, str],
              group: ComparatorGroup | None, count: bool = False) -> Tracking:
    """The ``Tracking`` of ``measure`` through ``series`` for ``area`` (module docstring)."""
    data = _Data(series)
    values = data.values(area)
    members = sorted(set(group.areas) | {area}) if group else [area]
    unit = series.unit_text
    common = dict(measure=measure.id, indicator=series.node_id, area=area, desired_direction=way,
                  series=_series_points(data, area, members))
    if not values:
        state, reason = status(False, way.direction, "unknown", "unknown")
        return Tracking(**common, baseline_basis="no value for the area", travel="unknown",
                        versus_england="unknown", status=state, status_reason=reason)
    first, latest = values[0], values[-1]
    baseline, basis = _baseline(values, *plan)
    travel = _travel(baseline, latest, way.direction)
    england = data.at(ENGLAND, latest.period.same_time)
    england_shown = england or (data.values(ENGLAND)[-1] if data.values(ENGLAND) else None)
    assert latest.value is not None and baseline.value is not None
    versus = _versus(latest.value, england.value if england and not count else None, way.direction)
    state, reason = status(True, way.direction, travel, versus)
    if count:
        reason += " (a count: not compared with England's)"
    elif england is None and england_shown is not None:
        reason += f" (England's latest value is for {england_shown.period.label}, not {latest.period.label})"
    return Tracking(**common, first=_value(first, unit), latest=_value(latest, unit), baseline=_value(baseline, unit),
                    baseline_basis=basis, change=round(latest.value - baseline.value, 10), travel=travel,
                    england=_value(england_shown, unit) if england_shown else None, versus_england=versus,
                    group=_group_position(data, latest, area, group, way.direction), status=state,
                    status_reason=reason)


def observations_kept(series: list[Series], areas: set[str]) -> list[ObservationRecord]:
    """The observations of ``series`` for ``areas``, values and missing ones, by indicator, area, period."""
    out = [ObservationRecord(indicator=s.node_id, area=o.area_code, period=o.period.label, start=o.period.start,
                             end=o.period.end, value=o.value, missing=o.missing_reason, file=dataset_name(o.file),
                             row=o.row)
           for s in series for o in s.observations if o.area_code in areas]
    return sorted(out, key=lambda o: (o.indicator, o.area, o.end, o.start, o.file, o.row))


def area_names(series: Iterable[Series], codes: set[str]) -> list[Area]:
    """The areas ``codes`` with the first name a file gives each (in file and row order)."""
    names: dict[str, str] = {}
    for o in sorted((o for s in series for o in s.observations if o.area_code in codes),
                    key=lambda o: (o.file, o.row)):
        if o.area_name and o.area_code not in names:
            names[o.area_code] = o.area_name
    return [Area(code=c, name=names.get(c)) for c in sorted(codes)]


def track(graph: PlanGraph, series: list[Series], area: str, group: ComparatorGroup | None,
          datasets: list[DatasetRecord], better: Callable[[Series], tuple[Way | None, str]],
          matched: Callable[[str, str], list[str]]) -> tuple[IndicatorSet, list[Tracking]]:
    """The indicator data and tracking summaries of ``graph`` (module docstring). ``better(series)`` gives
    a series' ``better`` setting and where it is read; ``matched(measure, indicator)`` the measure's
    words that matched."""
    nodes = {n.id: n for n in graph.nodes}
    by_id = {s.node_id: s for s in series}
    starts = {p.id: plan_start(p, graph.documents) for p in graph.nodes if p.kind == "plan"}
    out = []
    for link in sorted((e for e in graph.edges if e.kind == "tracked_by"), key=lambda e: (e.source, e.target)):
        measure, s = nodes[link.source], by_id[link.target]
        way, source = better(s)
        direction = direction_for(measure, matched(measure.id, s.node_id), way, source)
        plan = starts.get(measure.plan or "", (None, "the measure belongs to no plan"))
        out.append(summarise(measure, s, area, direction, plan, group, is_count(nodes[s.node_id])))
    tracked = sorted({t.indicator for t in out})
    codes = {area, ENGLAND, *(group.areas if group else [])}
    kept = observations_kept([by_id[i] for i in tracked], codes)
    present = {o.area for o in kept} | {area}
    names = area_names(series, present)
    focus = next((a for a in area_names(series, {area})), Area(code=area))
    return IndicatorSet(area=focus, comparators=group, areas=names, datasets=datasets, observations=kept), out
