"""Small trend charts for indicator series: inline SVG, its text alternative and its data table.

Inputs: a ``TrendChart``: one area's values by period (``SeriesPoint``: label as written, first
and last day, value or ``None``), optionally England's values and the lowest and highest value
of a comparator group of similar councils for each period, and whether higher or lower is
better.

Outputs, all pure functions of the chart (the same chart always gives the same bytes):

- ``trend_svg(chart, *, width=320, height=160, id_prefix, inline_style=True) -> str | None``: an ``<svg>`` to put
  in an HTML page as it is (also well-formed XML). The area is a solid line with round markers,
  England a dashed line with hollow diamonds, the comparator range a light band with dotted
  edges; a legend in words names each, so no series is told by colour alone. Colours have at
  least 3:1 contrast with white (lines, markers, band edges), text at least 4.5:1. Missing
  values break the line: a period the area has no value for is a gap, never interpolated.
  The SVG has ``role="img"``, a ``<title>`` (the chart title) and a ``<desc>`` (the
  ``trend_description`` sentences) named by ``aria-labelledby``; the title is not drawn (the
  page shows it as a heading). It is ``width="100%"`` with a ``max-width``, so it shrinks
  with its container (down to 320 CSS px and below). Returns ``None`` when no series has a
  single value: there is nothing to draw, and the caller says so in text (the table still
  lists the periods).
- ``trend_description(chart) -> str``: the text alternative in words: latest value and
  period, change since the first period, England's latest value, the comparator range and
  which way is better ("Lower is better.").
- ``trend_table_rows(chart) -> list[TrendRow]``: one row per period (all series' periods,
  by start date): the table beside the chart.
- ``trend_table_html(chart, caption, caption_id=None) -> str``: that table as ``<table>``
  with ``<caption>`` and ``<th scope>``; ``trend_table_markdown(chart, escape=markdown_escape)
  -> str``: as a Markdown pipe table (pass the report's own escape function to match it);
  ``trend_table_cells(chart)``: its cells as plain text, for a page that builds the table.
- ``format_value(value, unit, decimals)``: "3.2%", "1,234 people", "£1,500";
  ``decimals_for(values)``: the decimals the chart writes ``values`` with.

Every piece of text from the data (title, names, unit, period labels) is escaped for XML or
HTML (``&``, ``<``, ``>``, quotes) and characters XML cannot hold are dropped. Values that
are not finite numbers, or beyond ±1e15, count as missing. ``id_prefix`` makes the ids of
``<title>`` and ``<desc>`` (``{prefix}-title``, ``{prefix}-desc``): the caller keeps it unique
in the page; characters other than ``A-Z a-z 0-9 _ -`` become ``-`` (so two prefixes that
differ only there collide), and a prefix that does not start with a letter gets ``chart-``
in front.

This module imports nothing of goldenthread and no third-party package.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from typing import Literal

__all__ = [
    "SeriesPoint",
    "TrendChart",
    "TrendRow",
    "decimals_for",
    "format_value",
    "markdown_escape",
    "nice_ticks",
    "trend_description",
    "trend_svg",
    "trend_table_cells",
    "trend_table_html",
    "trend_table_markdown",
    "trend_table_rows",
]

Desired = Literal["up", "down"]

# -- colours (contrast with white in comments) -------------------------------------------

AREA_COLOUR = "#1d70b8"  # 5.2:1, solid line, filled round markers
ENGLAND_COLOUR = "#505a5f"  # 7.1:1, dashed line, hollow diamonds
BAND_EDGE_COLOUR = "#6f777b"  # 4.6:1, dotted edges of the comparator band
BAND_FILL = "#dbe4ee"  # decoration only: the band's edges carry it
GRID_COLOUR = "#d8dcde"  # decoration only: the tick labels carry the values
AXIS_COLOUR = "#505a5f"  # 7.1:1
TEXT_COLOUR = "#0b0c0c"  # 19.6:1

FONT_SIZE = 12
CHAR_WIDTH = 0.62 * FONT_SIZE  # a generous estimate of one character's width (Arial digits: 0.56 em)
LEGEND_LINE = 16
MAX_ABS = 1e15  # larger values are missing: no indicator is that large, and the scale stays finite

NO_DATA = "no data"

# characters XML 1.0 cannot hold, even escaped
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
# as the report's Markdown: emphasis, code, links, tables, headings; "<" only where it would
# open HTML or an autolink, "&" only where it would start a character reference
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")


# -- input -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SeriesPoint:
    """One period's value: ``label`` as the data writes it ("April 2024"), first and last day,
    and the value, or ``None`` when the data has none for the period."""

    label: str
    start: date
    end: date
    value: float | None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period {self.label!r} ends ({self.end}) before it starts ({self.start})")


@dataclass(frozen=True)
class TrendChart:
    """An indicator's trend for one area, with England and the comparator group's range.

    ``group_low``/``group_high``: the comparator group's lowest and highest value per period
    (``group_name`` names the group, "Similar councils"). ``desired``: which way is better, or
    ``None`` when the plan does not say. A period (first and last day) appears at most once in
    each series (``ValueError`` otherwise).
    """

    title: str
    unit: str
    area_name: str
    area: Sequence[SeriesPoint]
    england: Sequence[SeriesPoint] = ()
    group_low: Sequence[SeriesPoint] = ()
    group_high: Sequence[SeriesPoint] = ()
    group_name: str = ""
    desired: Desired | None = None

    def __post_init__(self) -> None:
        for name in ("area", "england", "group_low", "group_high"):
            seen: set[tuple[date, date]] = set()
            for point in getattr(self, name):
                key = (point.start, point.end)
                if key in seen:
                    raise ValueError(f"period {point.label!r} ({point.start} to {point.end}) "
                                     f"appears twice in {name}")
                seen.add(key)
        if self.desired not in ("up", "down", None):
            raise ValueError(f"desired must be 'up', 'down' or None, not {self.desired!r}")


@dataclass(frozen=True)
class TrendRow:
    """One period of the data table: its label, first and last day, and each series' value
    (``None``: no value)."""

    label: str
    start: date
    end: date
    area: float | None
    england: float | None
    group_low: float | None
    group_high: float | None


# -- text ------------------------------------------------------------------------------------

def _clean_text(value: object) -> str:
    """One line of text: whitespace collapsed, characters XML cannot hold dropped."""
    return " ".join(_XML_INVALID.sub("", str(value)).split())


def _x(value: object) -> str:
    """Escaped for XML text and attribute values (double and single quotes too)."""
    return html.escape(_clean_text(value), quote=True)


def markdown_escape(value: object) -> str:
    """The default Markdown escape: one line, with a backslash before the characters that
    would be read as markup (the same rule as the report's ``md``)."""
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), _clean_text(value))


def _truncate(text: str, max_width: float) -> str:
    """``text`` cut with "…" so that its estimated width fits ``max_width``."""
    chars = max(1, int(max_width / CHAR_WIDTH))
    return text if len(text) <= chars else text[:max(0, chars - 1)].rstrip() + "…"


def _width(text: str) -> float:
    return len(text) * CHAR_WIDTH


# -- numbers ---------------------------------------------------------------------------------

def _clean(value: float | None) -> float | None:
    """A value to chart, or ``None``: missing, not a finite number, or beyond ±``MAX_ABS``."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and abs(number) <= MAX_ABS else None


def _decimals(values: Iterable[float]) -> int:
    """Decimals to show for a chart's values: none when all are whole, else one (two or three
    when every value is below 1 or 0.1, so small rates do not all read "0.0")."""
    present = [v for v in values]
    if not present or all(v == round(v) for v in present):
        return 0
    top = max(abs(v) for v in present)
    return 3 if top < 0.1 else 2 if top < 1 else 1


def decimals_for(values: Iterable[float]) -> int:
    """The decimals a chart of ``values`` shows them with (``_decimals``): text beside the chart
    that writes its values the same way uses this."""
    return _decimals(values)


def _number(value: float, decimals: int) -> str:
    text = f"{abs(value):,.{decimals}f}"
    return "-" + text if value < 0 and text.strip("0.,") else text


def _unit_kind(unit: str) -> tuple[Literal["percent", "pounds", "none", "words"], str]:
    """How a unit is written beside a number, and what follows a ``%`` ("% of pupils")."""
    text = _clean_text(unit)
    low = text.lower()
    if low in ("", "count", "number", "numbers", "n"):
        return "none", ""
    if low in ("%", "percent", "percentage", "per cent", "percentage (%)", "proportion (%)", "rate (%)"):
        return "percent", ""
    if text.startswith("%"):
        return "percent", text[1:].strip()
    if low in ("£", "gbp", "pounds", "£s", "pounds sterling"):
        return "pounds", ""
    return "words", text


def format_value(value: float, unit: str = "", decimals: int | None = None) -> str:
    """``value`` with thousands separators, ``decimals`` places (default: none for a whole
    number, else one) and its unit: "3.2%" (unit "%" or "Percentage"), "£1,500" (unit "£"),
    "1,234 people", "1,234" (unit "" or "count")."""
    places = _decimals([value]) if decimals is None else decimals
    number = _number(value, places)
    kind, rest = _unit_kind(unit)
    if kind == "percent":
        return f"{number}%" + (f" {rest}" if rest else "")
    if kind == "pounds":
        return f"-£{number[1:]}" if number.startswith("-") else f"£{number}"
    if kind == "none":
        return number
    return f"{number} {rest}"


def _tick_text(value: Decimal, unit: str, decimals: int) -> str:
    """A y-axis label: the number, with "%" or "£" when that is the unit (other units are
    written once, above the axis)."""
    number = _number(float(value), decimals)
    kind, _ = _unit_kind(unit)
    if kind == "percent":
        return f"{number}%"
    if kind == "pounds":
        return f"-£{number[1:]}" if number.startswith("-") else f"£{number}"
    return number


def _padded(low: float, high: float) -> tuple[float, float]:
    """The data's range, widened when it is (nearly) one value so the axis has a span."""
    top = max(abs(low), abs(high))
    if high - low > max(top * 1e-9, 1e-9):
        return low, high
    if top == 0:
        return 0.0, 1.0
    pad = max(top * 0.1, 1e-6)
    middle = (low + high) / 2
    return middle - pad, middle + pad


def nice_ticks(low: float, high: float) -> list[Decimal]:
    """3 to 5 evenly spaced round numbers (steps of 1, 2 or 5 times a power of ten) from at or
    below ``low`` to at or above ``high``; a (nearly) flat range is widened first."""
    low, high = sorted((low, high))
    low, high = _padded(low, high)
    with localcontext() as ctx:
        ctx.prec = 60
        d_low, d_high = Decimal(repr(low)), Decimal(repr(high))
        span = d_high - d_low
        step = Decimal(1).scaleb((span / 10).adjusted())  # small enough for at least 6 ticks
        multipliers = (Decimal(1), Decimal(2), Decimal(5))
        for _ in range(40):
            for m in multipliers:
                size = step * m
                first = (d_low / size).to_integral_value(rounding=ROUND_FLOOR)
                last = (d_high / size).to_integral_value(rounding=ROUND_CEILING)
                if 3 <= last - first + 1 <= 5:
                    return [(first + k) * size for k in range(int(last - first) + 1)]
            step *= 10
    # not reached for a real span; kept so the function always answers
    return [Decimal(repr(low)), Decimal(repr((low + high) / 2)), Decimal(repr(high))]


def _tick_decimals(ticks: Sequence[Decimal]) -> int:
    step = (ticks[1] - ticks[0]).normalize()
    exponent = step.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _c(value: float) -> str:
    """A coordinate: one decimal, never "-0.0"."""
    text = f"{round(value, 1):.1f}"
    return "0.0" if text == "-0.0" else text


# -- the table -------------------------------------------------------------------------------

def trend_table_rows(chart: TrendChart) -> list[TrendRow]:
    """One row per period any series has, by first day (then last day): the data beside the
    chart. A period's label is the area's, else England's, else the comparator group's."""
    series = [chart.area, chart.england, chart.group_low, chart.group_high]
    labels: dict[tuple[date, date], str] = {}
    values: list[dict[tuple[date, date], float | None]] = []
    for points in series:
        by_period: dict[tuple[date, date], float | None] = {}
        for p in points:
            key = (p.start, p.end)
            labels.setdefault(key, _clean_text(p.label))
            by_period[key] = _clean(p.value)
        values.append(by_period)
    rows = []
    for key in sorted(labels):
        area, england, low, high = (v.get(key) for v in values)
        if low is not None and high is not None and low > high:
            low, high = high, low
        rows.append(TrendRow(label=labels[key], start=key[0], end=key[1], area=area, england=england,
                             group_low=low, group_high=high))
    return rows


def _group_name(chart: TrendChart) -> str:
    return _clean_text(chart.group_name) or "Comparator group"


def _table_cells(chart: TrendChart) -> tuple[list[str], list[list[str]]]:
    """Header and body cells (plain text) of the data table; England's and the group's
    columns only when the chart has those series."""
    rows = trend_table_rows(chart)
    places = _decimals(_all_values(rows))
    has_england = bool(chart.england)
    has_group = bool(chart.group_low or chart.group_high)

    def cell(value: float | None) -> str:
        return NO_DATA if value is None else format_value(value, chart.unit, places)

    header = ["Period", _clean_text(chart.area_name) or "Area"]
    if has_england:
        header.append("England")
    if has_group:
        header.append(f"{_group_name(chart)} (lowest to highest)")
    body = []
    for row in rows:
        line = [row.label, cell(row.area)]
        if has_england:
            line.append(cell(row.england))
        if has_group:
            both = row.group_low is not None and row.group_high is not None
            line.append(f"{cell(row.group_low)} to {cell(row.group_high)}" if both else NO_DATA)
        body.append(line)
    return header, body


def trend_table_cells(chart: TrendChart) -> tuple[list[str], list[list[str]]]:
    """The data table as plain text cells (not escaped): the column headers, and per period
    its label then each series' value as the HTML and Markdown tables write it; for a page
    that builds its table itself (the explorer, through DOM text nodes)."""
    return _table_cells(chart)


def trend_table_html(chart: TrendChart, caption: str, *, caption_id: str | None = None) -> str:
    """The data table as HTML: ``<table class="trend-table">`` with ``<caption>`` (with the id
    ``caption_id`` when given, so a scrolling region can be named by it), column headers
    ``<th scope="col">`` and each period a ``<th scope="row">``; all text escaped."""
    header, body = _table_cells(chart)
    opening = f'<caption id="{_x(caption_id)}">' if caption_id else "<caption>"
    out = ['<table class="trend-table">', f"{opening}{_x(caption)}</caption>", "<thead><tr>"
           + "".join(f'<th scope="col">{_x(h)}</th>' for h in header) + "</tr></thead>", "<tbody>"]
    for line in body:
        out.append(f'<tr><th scope="row">{_x(line[0])}</th>' + "".join(f"<td>{_x(c)}</td>" for c in line[1:])
                   + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def trend_table_markdown(chart: TrendChart, escape: Callable[[str], str] = markdown_escape) -> str:
    """The data table as a Markdown pipe table, every cell passed through ``escape`` (the
    report passes its own ``md``); no caption (the caller writes a heading)."""
    header, body = _table_cells(chart)
    lines = ["| " + " | ".join(escape(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(escape(c) for c in line) + " |" for line in body]
    return "\n".join(lines)


def _all_values(rows: Sequence[TrendRow]) -> list[float]:
    return [v for r in rows for v in (r.area, r.england, r.group_low, r.group_high) if v is not None]


# -- the text alternative --------------------------------------------------------------------

def trend_description(chart: TrendChart) -> str:
    """The chart in words (the SVG's ``<desc>``), e.g. "Stockport: 3.2% in April 2024, down 0.6
    percentage points since April 2021 (3.8%). England: 3.9% in April 2024. Similar councils
    ranged from 2.1% to 5.0% in April 2024. Lower is better." """
    rows = trend_table_rows(chart)
    places = _decimals(_all_values(rows))
    unit = chart.unit
    name = _clean_text(chart.area_name) or "Area"

    def fmt(value: float) -> str:
        return format_value(value, unit, places)

    sentences = []
    area = [r for r in rows if r.area is not None]
    if not area:
        sentences.append(f"{name}: no values.")
    elif len(area) == 1:
        sentences.append(f"{name}: {fmt(area[0].area or 0.0)} in {area[0].label} (one period only).")
    else:
        first, last = area[0], area[-1]
        first_v, last_v = first.area or 0.0, last.area or 0.0
        change = round(last_v - first_v, places)
        if change == 0:
            sentences.append(f"{name}: {fmt(last_v)} in {last.label}, unchanged since {first.label}.")
        else:
            kind, _ = _unit_kind(unit)
            amount = (f"{_number(abs(change), places)} percentage points" if kind == "percent"
                      else format_value(abs(change), unit, places))
            way = "up" if change > 0 else "down"
            sentences.append(f"{name}: {fmt(last_v)} in {last.label}, {way} {amount} since {first.label} "
                             f"({fmt(first_v)}).")
    missing = sum(1 for r in rows if r.area is None)
    if area and missing:
        sentences.append(f"{name} has no value for {missing} of {len(rows)} periods.")
    england = [r for r in rows if r.england is not None]
    if england:
        sentences.append(f"England: {fmt(england[-1].england or 0.0)} in {england[-1].label}.")
    group = [r for r in rows if r.group_low is not None and r.group_high is not None]
    if group:
        g = group[-1]
        sentences.append(f"{_group_name(chart)} ranged from {fmt(g.group_low or 0.0)} to "
                         f"{fmt(g.group_high or 0.0)} in {g.label}.")
    if chart.desired == "down":
        sentences.append("Lower is better.")
    elif chart.desired == "up":
        sentences.append("Higher is better.")
    return " ".join(sentences)


# -- the SVG ---------------------------------------------------------------------------------

def _safe_id(prefix: str) -> str:
    text = _ID_UNSAFE.sub("-", str(prefix))
    return text if text[:1].isascii() and text[:1].isalpha() else "chart-" + text


def _runs(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Consecutive present points, split at every missing one."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [r for r in runs if r]


def _line(run: Sequence[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{_c(x)} {_c(y)}" for x, y in run)


def _diamond(x: float, y: float, r: float) -> str:
    return f"M{_c(x)} {_c(y - r)} L{_c(x + r)} {_c(y)} L{_c(x)} {_c(y + r)} L{_c(x - r)} {_c(y)} Z"


def _x_labels(labels: Sequence[str], xs: Sequence[float], left: float, right: float
              ) -> list[tuple[int, str, str]]:
    """Which period labels to write on the x axis, as (index, text, anchor): the first and the
    last, and between them as many as fit evenly spaced without overlapping."""
    n = len(labels)
    if n == 1:
        return [(0, _truncate(labels[0], right - left), "middle")]
    half = (right - left) / 2 - 6
    texts = [_truncate(label, half) for label in labels]
    gap = 8.0

    def extent(i: int) -> tuple[float, float]:
        w = _width(texts[i])
        if i == 0:
            return xs[0], xs[0] + w
        if i == n - 1:
            return xs[-1] - w, xs[-1]
        return xs[i] - w / 2, xs[i] + w / 2

    def fits(a: int, b: int) -> bool:
        return extent(a)[1] + gap <= extent(b)[0]

    chosen: list[int] = []
    for step in range(1, n):
        middle = list(range(step, n - 1, step))
        while middle and not fits(middle[-1], n - 1):
            middle.pop()
        sequence = [0, *middle, n - 1]
        if all(fits(a, b) for a, b in zip(sequence, sequence[1:])):
            chosen = middle
            break
    out = [(0, texts[0], "start")]
    out += [(i, texts[i], "middle") for i in chosen]
    out.append((n - 1, texts[-1], "end"))
    return out


def trend_svg(chart: TrendChart, *, width: int = 320, height: int = 160, id_prefix: str,
              inline_style: bool = True) -> str | None:
    """The chart as an inline ``<svg>`` (module docstring), or ``None`` when no series has a
    value. ``width`` and ``height`` are its size in CSS px at most (its viewBox); the SVG is
    taller than ``height`` only when the legend needs the room. ``inline_style=False`` leaves
    out the ``style`` attribute (max-width, auto height, block): for a page whose
    Content-Security-Policy refuses style attributes, which sizes ``svg.trend-chart`` itself."""
    rows = trend_table_rows(chart)
    values = _all_values(rows)
    if not values:
        return None
    prefix = _safe_id(id_prefix)
    unit_kind, _ = _unit_kind(chart.unit)
    ticks = nice_ticks(min(values), max(values))
    tick_places = _tick_decimals(ticks)
    tick_texts = [_tick_text(t, chart.unit, tick_places) for t in ticks]

    w = float(max(int(width), 160))
    caption = _clean_text(chart.unit) if unit_kind == "words" else ""
    top = 8.0 + (16.0 if caption else 0.0)

    # legend: (kind, text), flowed into lines
    has_england = any(r.england is not None for r in rows)
    has_group = any(r.group_low is not None and r.group_high is not None for r in rows)
    entries: list[tuple[str, str]] = [("area", _clean_text(chart.area_name) or "Area")]
    if has_england:
        entries.append(("england", "England"))
    if has_group:
        entries.append(("band", f"{_group_name(chart)} (range)"))
    swatch = 22.0
    room = w - 16
    lines: list[list[tuple[str, str, float]]] = [[]]
    cursor = 8.0  # where the next entry may start on the current line
    for kind, text in entries:
        text = _truncate(text, room - swatch - 4)
        size = swatch + 4 + _width(text)
        x = cursor + 14 if lines[-1] else 8.0
        if lines[-1] and x + size > 8 + room:
            lines.append([])
            x = 8.0
        lines[-1].append((kind, text, x))
        cursor = x + size
    bottom = 28 + LEGEND_LINE * len(lines)  # x labels, a gap, the legend
    h = float(max(int(height), int(top + bottom + 48)))

    left = min(max(max(_width(t) for t in tick_texts) + 10, 28.0), w * 0.4)
    x0, x1, y0, y1 = left, w - 8, top, h - bottom
    px0, px1 = x0 + 6, x1 - 6

    # scales
    first_day = rows[0].start.toordinal()
    last_day = rows[-1].start.toordinal()
    if last_day == first_day:
        xs = [(px0 + px1) / 2 for _ in rows]
    else:
        xs = [px0 + (r.start.toordinal() - first_day) / (last_day - first_day) * (px1 - px0) for r in rows]
    t_low, t_high = float(ticks[0]), float(ticks[-1])

    def y_of(v: float) -> float:
        return y1 - (v - t_low) / (t_high - t_low) * (y1 - y0)

    spacing = (px1 - px0) / max(len(rows) - 1, 1)
    radius = min(3.0, max(1.5, spacing * 0.35))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" '
           f'aria-labelledby="{prefix}-title {prefix}-desc" viewBox="0 0 {_c(w)} {_c(h)}" width="100%" '
           + (f'style="max-width:{_c(w)}px;height:auto;display:block" ' if inline_style else "")
           + f'font-family="Arial, Helvetica, sans-serif" font-size="{FONT_SIZE}">',
           f'<title id="{prefix}-title">{_x(chart.title) or "Trend chart"}</title>',
           f'<desc id="{prefix}-desc">{_x(trend_description(chart))}</desc>']

    # grid and y axis labels
    grid = " ".join(f"M{_c(x0)} {_c(y_of(float(t)))} L{_c(x1)} {_c(y_of(float(t)))}" for t in ticks)
    out.append(f'<path class="grid" d="{grid}" fill="none" stroke="{GRID_COLOUR}" stroke-width="1"/>')
    out.append(f'<g class="y-axis" fill="{TEXT_COLOUR}" text-anchor="end">')
    out += [f'<text x="{_c(x0 - 6)}" y="{_c(y_of(float(t)) + 4)}">{_x(text)}</text>'
            for t, text in zip(ticks, tick_texts)]
    out.append("</g>")
    if caption:
        out.append(f'<text class="unit" x="4.0" y="{_c(top - 6)}" fill="{TEXT_COLOUR}">'
                   f'{_x(_truncate(caption, w - 8))}</text>')
    out.append(f'<path class="x-axis" d="M{_c(x0)} {_c(y1)} L{_c(x1)} {_c(y1)}" stroke="{AXIS_COLOUR}" '
               f'stroke-width="1"/>')

    # comparator band: a filled shape for each run of periods with both values, dotted edges
    band_points = [(x, y_of(r.group_high), y_of(r.group_low))
                   if r.group_low is not None and r.group_high is not None else None
                   for x, r in zip(xs, rows)]
    fills, edges = [], []
    runs: list[list[tuple[float, float, float]]] = [[]]
    for point in band_points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    for run in (r for r in runs if r):
        if len(run) == 1:
            x, hi, lo = run[0]
            run = [(x - 3, hi, lo), (x + 3, hi, lo)]
        upper = [(x, hi) for x, hi, _ in run]
        lower = [(x, lo) for x, _, lo in reversed(run)]
        fills.append(_line(upper) + " L" + " L".join(f"{_c(x)} {_c(y)}" for x, y in lower) + " Z")
        edges.append(_line(upper))
        edges.append(_line(lower))
    if fills:
        out.append(f'<g class="band"><path d="{" ".join(fills)}" fill="{BAND_FILL}"/>'
                   f'<path d="{" ".join(edges)}" fill="none" stroke="{BAND_EDGE_COLOUR}" stroke-width="1" '
                   f'stroke-dasharray="2 2"/></g>')

    # England: dashed line, hollow diamonds
    england = [(x, y_of(r.england)) if r.england is not None else None for x, r in zip(xs, rows)]
    if has_england:
        lines_d = " ".join(_line(run) for run in _runs(england) if len(run) > 1)
        out.append('<g class="england">')
        if lines_d:
            out.append(f'<path class="line" d="{lines_d}" fill="none" stroke="{ENGLAND_COLOUR}" stroke-width="2" '
                       f'stroke-dasharray="6 3" stroke-linejoin="round"/>')
        marks = " ".join(_diamond(x, y, radius + 0.5) for x, y in (p for p in england if p is not None))
        out.append(f'<path class="markers" d="{marks}" fill="#ffffff" stroke="{ENGLAND_COLOUR}" '
                   f'stroke-width="1.5"/>')
        out.append("</g>")

    # the area: solid line, filled circles
    area = [(x, y_of(r.area)) if r.area is not None else None for x, r in zip(xs, rows)]
    if any(p is not None for p in area):
        lines_d = " ".join(_line(run) for run in _runs(area) if len(run) > 1)
        out.append('<g class="area">')
        if lines_d:
            out.append(f'<path class="line" d="{lines_d}" fill="none" stroke="{AREA_COLOUR}" stroke-width="2" '
                       f'stroke-linejoin="round"/>')
        out += [f'<circle cx="{_c(x)}" cy="{_c(y)}" r="{_c(radius)}" fill="{AREA_COLOUR}"/>'
                for x, y in (p for p in area if p is not None)]
        out.append("</g>")

    # x axis labels
    out.append(f'<g class="x-labels" fill="{TEXT_COLOUR}">')
    for i, text, anchor in _x_labels([r.label for r in rows], xs, px0, px1):
        x = min(max(xs[i], x0), x1)
        out.append(f'<text x="{_c(x)}" y="{_c(y1 + 15)}" text-anchor="{anchor}">{_x(text)}</text>')
    out.append("</g>")

    # legend
    out.append(f'<g class="legend" fill="{TEXT_COLOUR}">')
    for n, line in enumerate(lines):
        base = y1 + 36 + LEGEND_LINE * n
        mid = base - 4
        for kind, text, x in line:
            if kind == "area":
                out.append(f'<path d="M{_c(x)} {_c(mid)} L{_c(x + swatch)} {_c(mid)}" stroke="{AREA_COLOUR}" '
                           f'stroke-width="2"/>')
                out.append(f'<circle cx="{_c(x + swatch / 2)}" cy="{_c(mid)}" r="3.0" fill="{AREA_COLOUR}"/>')
            elif kind == "england":
                out.append(f'<path d="M{_c(x)} {_c(mid)} L{_c(x + swatch)} {_c(mid)}" stroke="{ENGLAND_COLOUR}" '
                           f'stroke-width="2" stroke-dasharray="6 3"/>')
                out.append(f'<path d="{_diamond(x + swatch / 2, mid, 4)}" fill="#ffffff" '
                           f'stroke="{ENGLAND_COLOUR}" stroke-width="1.5"/>')
            else:
                out.append(f'<path d="M{_c(x)} {_c(mid - 5)} L{_c(x + swatch)} {_c(mid - 5)} '
                           f'L{_c(x + swatch)} {_c(mid + 5)} L{_c(x)} {_c(mid + 5)} Z" fill="{BAND_FILL}"/>')
                out.append(f'<path d="M{_c(x)} {_c(mid - 5)} L{_c(x + swatch)} {_c(mid - 5)} '
                           f'M{_c(x)} {_c(mid + 5)} L{_c(x + swatch)} {_c(mid + 5)}" fill="none" '
                           f'stroke="{BAND_EDGE_COLOUR}" stroke-width="1" stroke-dasharray="2 2"/>')
            out.append(f'<text x="{_c(x + swatch + 4)}" y="{_c(base)}">{_x(text)}</text>')
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
