"""Reading indicator data: tidy long CSV files into observations, and comparator groups.

Inputs: a folder of CSV files (every ``*.csv`` directly in it, in name order, and its
``indicators.toml`` mapping file if there is one), or one CSV file, or a list of them (with
``mapping=`` naming a mapping file, if any). One row per value: area code, period, value,
and usually area name, indicator, measure, unit and breakdown columns (sex, age…), in any
order and under any of the names ``columns.py`` knows. A file of area codes only
(``area_code,area_name``, like ``cipfa2021.csv``) is a comparator group.

Outputs: ``IndicatorData``: ``observations`` (``Observation``: file, row, area, ``Period``,
indicator, measure, unit, value or the reason there is none, breakdowns, attributes),
``comparators`` (group name -> area codes, in file order) and ``warnings``.

Rows are numbered as a spreadsheet shows them: the header is row 1. Fatal problems raise
``LoadError`` (``file.csv:17: …``): a file that cannot be read as text, with no header, with
no recognisable columns or without an area code, period or value column, with two columns
for one role; a period no format reads; a second, different value for an observation
already read (same area, indicator, measure, unit, breakdowns and period), in this file or
another; a bad mapping file. A row that can be left out is left out with a warning
(``Diagnostic``, codes below), and a column that is not recognised is kept as an attribute
with one.

Warning codes:

- ``indicator-row-skipped``: a row with no area code, period or indicator, or with more or
  fewer cells than the header (a footnote, a stray line): skipped.
- ``indicator-value-unreadable``: a value that is neither a number nor a known missing
  marker (``values.py``): the row is skipped.
- ``indicator-row-repeated``: a row repeating an observation already read, with the same
  value: kept once.
- ``indicator-column-unknown``: columns not recognised: kept as attributes, not used to tell
  observations apart.
- ``indicator-file-empty``: a file with a header and no rows.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from goldenthread.core.errors import LoadError
from goldenthread.loaders.diagnostics import Diagnostic, Diagnostics
from goldenthread.loaders.indicators.columns import SYNONYMS, ColumnProblem, Layout, normalise_header, recognise_columns
from goldenthread.loaders.indicators.mapping import MAPPING_NAME, FileMapping, IndicatorMapping, load_mapping
from goldenthread.loaders.indicators.periods import Period, PeriodError, PeriodHint, parse_period
from goldenthread.loaders.indicators.values import MissingReason, parse_value
from goldenthread.loaders.text import decode_text

ROW_SKIPPED = "indicator-row-skipped"
VALUE_UNREADABLE = "indicator-value-unreadable"
ROW_REPEATED = "indicator-row-repeated"
COLUMN_UNKNOWN = "indicator-column-unknown"
FILE_EMPTY = "indicator-file-empty"
WARNING_CODES = (ROW_SKIPPED, VALUE_UNREADABLE, ROW_REPEATED, COLUMN_UNKNOWN, FILE_EMPTY)

# indicators whose split years ("2021/22") are academic years, September to August
_ACADEMIC = re.compile(r"\b(?:schools?|pupils?|reception|key stage|ks[1-5]|gcses?|a[- ]levels?|academic|"
                       r"education|eyfs|early years foundation|attainment 8|progress 8)\b", re.IGNORECASE)
_ISO_MONTH = re.compile(r"\s*(\d{4})-(\d{2})\s*")
_GROUP_HEADERS = frozenset({"group", "group_name", "comparator_group", "comparator", "comparators",
                            "neighbour_group", "peer_group"})


class Observation(BaseModel):
    """One value of one indicator, for one area, period and breakdown, traced to its file and row."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str  # the CSV file's name
    row: int  # 1-based, the header being row 1 (as a spreadsheet numbers it)
    area_code: str
    area_name: str | None = None
    period: Period
    indicator: str
    measure: str | None = None  # "Percentage", "Count", "Life expectancy"…
    unit: str | None = None  # "Persons", "Years"…
    value: float | None
    missing_reason: MissingReason | None = None  # why there is no value
    marker: str | None = None  # the missing marker as written ("x", "NA", "" for blank)
    breakdowns: dict[str, str] = Field(default_factory=dict)  # {"sex": "Female"}: tells values apart
    attributes: dict[str, str] = Field(default_factory=dict)  # other columns, as written: {"area_type": "UA"}

    @model_validator(mode="after")
    def _value_or_reason(self) -> Observation:
        if (self.value is None) == (self.missing_reason is None):
            raise ValueError("an observation has either a value or a missing_reason")
        return self

    @property
    def key(self) -> tuple[object, ...]:
        """What identifies the observation: area, indicator, measure, unit, breakdowns, period's dates."""
        return (self.area_code, self.indicator, self.measure, self.unit, tuple(sorted(self.breakdowns.items())),
                self.period.same_time)

    def describe(self) -> str:
        """"E08000007 'Claimant count' (Count, Persons) March 2020 [sex=Female]", for messages."""
        kind = ", ".join(x for x in (self.measure, self.unit) if x)
        split = "".join(f" [{k}={v}]" for k, v in sorted(self.breakdowns.items()))
        return f"{self.area_code} {self.indicator!r}{f' ({kind})' if kind else ''} {self.period.label}{split}"

    def shown_value(self) -> str:
        """The value as a message shows it: ``3.2``, or the marker and its reason."""
        return f"{self.value:g}" if self.value is not None else f"{self.marker!r} ({self.missing_reason})"


class IndicatorData(BaseModel):
    """What an indicator folder holds: observations, comparator groups, and the warnings given."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    observations: list[Observation] = Field(default_factory=list)
    comparators: dict[str, list[str]] = Field(default_factory=dict)  # group name -> area codes
    warnings: list[Diagnostic] = Field(default_factory=list)

    def select(self, *, area_code: str | None = None, indicator: str | None = None, measure: str | None = None,
               breakdowns: Mapping[str, str] | None = None) -> list[Observation]:
        """Observations matching every criterion given (``breakdowns``: exactly these), oldest period first."""
        found = [o for o in self.observations
                 if (area_code is None or o.area_code == area_code)
                 and (indicator is None or o.indicator == indicator)
                 and (measure is None or o.measure == measure)
                 and (breakdowns is None or o.breakdowns == dict(breakdowns))]
        return sorted(found, key=lambda o: (o.period.sort_key, o.file, o.row))

    def latest(self, *, area_code: str | None = None, indicator: str | None = None, measure: str | None = None,
               breakdowns: Mapping[str, str] | None = None) -> Observation | None:
        """The observation with a value for the most recent period among those ``select`` gives, or ``None``."""
        with_value = [o for o in self.select(area_code=area_code, indicator=indicator, measure=measure,
                                             breakdowns=breakdowns) if o.value is not None]
        return with_value[-1] if with_value else None


def academic_indicator(indicator: str) -> bool:
    """Whether an indicator's split years are academic years, by its wording (school, pupils, education…)."""
    return bool(_ACADEMIC.search(indicator))


def _records(path: Path) -> list[list[str]]:
    """The CSV records of ``path`` (text as ``decode_text`` reads it: UTF-8 or UTF-16, else ``Unreadable``)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError("file not found", path) from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}", path) from None
    text = decode_text(data, path)
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise LoadError(f"not a readable CSV file: {exc}", path) from None


def _month_file(labels: list[str]) -> bool:
    """Whether every period is written ``YYYY-MM`` and some cannot be a split year: ISO months."""
    matches = [_ISO_MONTH.fullmatch(label) for label in labels]
    if not matches or any(m is None for m in matches):
        return False
    return any((int(m[1]) + 1) % 100 != int(m[2]) for m in matches if m is not None)


class _Reader:
    """Reads files one after another, keeping every observation's key to find duplicates across files."""

    def __init__(self, warnings: Diagnostics):
        self.warnings = warnings
        self.observations: list[Observation] = []
        self.comparators: dict[str, list[str]] = {}
        self.seen: dict[tuple[object, ...], Observation] = {}
        self._periods: dict[tuple[str, PeriodHint | None], Period] = {}

    def read(self, path: Path, entry: FileMapping, mapping: IndicatorMapping | None) -> None:
        if entry.kind == "ignore":
            return
        records = _records(path)
        header_at = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
        if header_at is None:
            raise LoadError("empty file: expected a header row (area_code, period, value…)", path)
        header = [c.strip() for c in records[header_at]]
        rows = [(number, cells) for number, cells in enumerate(records[header_at + 1:], start=header_at + 2)
                if any(c.strip() for c in cells)]
        try:
            layout = recognise_columns(header, [cells for _, cells in rows], columns=entry.columns,
                                       breakdowns=entry.breakdowns, file_name=path.name)
        except ColumnProblem as exc:
            if exc.mapped_key and mapping is not None and mapping.path is not None:  # point at the mapping's line
                raise LoadError(str(exc), mapping.path, mapping.line_of(path.name, exc.mapped_key)) \
                    from None
            raise LoadError(str(exc), path, header_at + 1) from None
        if entry.kind == "comparators" or (entry.kind is None and self._is_comparator_file(layout)):
            self._comparators(path, layout, rows, entry)
            return
        self._check_columns(path, layout, entry, header_at + 1)
        if layout.unknown:
            names = ", ".join(repr(u) for u in layout.unknown)
            self.warnings.warn(path, header_at + 1, f"column{'s' if len(layout.unknown) > 1 else ''} {names} not "
                               "recognised: kept as attributes, not used to tell observations apart (if one is a "
                               "breakdown, name it under breakdowns in indicators.toml)", COLUMN_UNKNOWN)
        if not rows:
            self.warnings.warn(path, header_at + 1, "a header and no rows: nothing read", FILE_EMPTY)
            return
        hint = entry.period_kind or layout.period_hint
        if hint is None and _month_file([cells[layout.roles["period"]] for _, cells in rows
                                         if layout.roles["period"] < len(cells)]):
            hint = "month"
        for number, cells in rows:
            self._row(path, layout, entry, hint, number, cells)

    @staticmethod
    def _is_comparator_file(layout: Layout) -> bool:
        return "area_code" in layout.roles and not {"period", "value", "indicator"} & layout.roles.keys()

    def _check_columns(self, path: Path, layout: Layout, entry: FileMapping, line: int) -> None:
        if not layout.roles:
            found = ", ".join(repr(h) for h in layout.header)
            raise LoadError(f"no recognisable columns (found {found}): an indicator file needs area code, period "
                            "and value columns, a comparator file area codes; name them in indicators.toml", path,
                            line)
        needed = ["area_code", "period", "value"] + ([] if entry.indicator else ["indicator"])
        missing = [role for role in needed if role not in layout.roles]
        if missing:
            role = missing[0]
            known = ", ".join(sorted(SYNONYMS[role])[:6])
            extra = " (or indicator = \"…\" for the whole file)" if role == "indicator" else ""
            raise LoadError(f"no {role.replace('_', ' ')} column (expected a header such as {known}); name it in "
                            f"indicators.toml: [files.\"{path.name}\"] columns = {{ {role} = \"…\" }}{extra}", path,
                            line)

    def _comparators(self, path: Path, layout: Layout, rows: list[tuple[int, list[str]]], entry: FileMapping) -> None:
        if "area_code" not in layout.roles:
            raise LoadError("a comparator file needs an area code column", path, 1)
        code_at = layout.roles["area_code"]
        group_at = next((i for h, i in layout.attributes.items() if normalise_header(h) in _GROUP_HEADERS), None)
        default = entry.group or path.stem
        for number, cells in rows:
            code = cells[code_at].strip() if code_at < len(cells) else ""
            if not code:
                self.warnings.warn(path, number, "no area code: row skipped", ROW_SKIPPED)
                continue
            group = (cells[group_at].strip() if group_at is not None and group_at < len(cells) else "") or default
            members = self.comparators.setdefault(group, [])
            if code in members:
                self.warnings.warn(path, number, f"{code} is already in comparator group {group!r}: kept once",
                                   ROW_REPEATED)
                continue
            members.append(code)

    def _period(self, text: str, hint: PeriodHint | None) -> Period:
        cached = self._periods.get((text, hint))
        if cached is None:
            cached = self._periods[(text, hint)] = parse_period(text, hint)
        return cached

    def _row(self, path: Path, layout: Layout, entry: FileMapping, hint: PeriodHint | None, number: int,
             cells: list[str]) -> None:
        width = len(layout.header)
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            cells = cells[:width]  # trailing empty cells
        if len(cells) != width:
            self.warnings.warn(path, number, f"{len(cells)} cells where the header has {width}: row skipped",
                               ROW_SKIPPED)
            return

        def cell(role: str) -> str:
            return cells[layout.roles[role]].strip() if role in layout.roles else ""

        area_code, period_text = cell("area_code"), cell("period")
        indicator = entry.indicator or cell("indicator")
        for what, text in (("area code", area_code), ("period", period_text), ("indicator", indicator)):
            if not text:
                self.warnings.warn(path, number, f"no {what}: row skipped", ROW_SKIPPED)
                return
        try:
            value, reason = parse_value(cells[layout.roles["value"]])
        except ValueError as exc:
            self.warnings.warn(path, number, f"{exc}: row skipped", VALUE_UNREADABLE)
            return
        row_hint = hint or ("academic" if academic_indicator(indicator) else None)
        try:
            period = self._period(period_text, row_hint)
        except PeriodError as exc:
            raise LoadError(str(exc), path, number) from None
        observation = Observation(
            file=path.name, row=number, area_code=area_code, area_name=cell("area_name") or None, period=period,
            indicator=indicator, measure=entry.measure or cell("measure") or None,
            unit=entry.unit or cell("unit") or None, value=value, missing_reason=reason,
            marker=cells[layout.roles["value"]].strip() if reason else None,
            breakdowns={name: cells[i].strip() for name, i in layout.breakdowns.items() if cells[i].strip()},
            attributes={name: cells[i].strip() for name, i in layout.attributes.items() if cells[i].strip()})
        self._add(path, observation)

    def _add(self, path: Path, observation: Observation) -> None:
        earlier = self.seen.get(observation.key)
        if earlier is None:
            self.seen[observation.key] = observation
            self.observations.append(observation)
            return
        there = f"row {earlier.row}" if earlier.file == observation.file else f"{earlier.file}:{earlier.row}"
        if (earlier.value, earlier.missing_reason) == (observation.value, observation.missing_reason):
            self.warnings.warn(path, observation.row, f"repeats {there} ({observation.describe()}): kept once",
                               ROW_REPEATED)
            return
        raise LoadError(f"a second value for {observation.describe()}: {observation.shown_value()} here, "
                        f"{earlier.shown_value()} in {there}; if a column tells them apart, name it under "
                        "breakdowns in indicators.toml", path, observation.row)


def _files(source: Path | str | Iterable[Path | str], mapping: Path | str | None) -> tuple[list[Path], Path | None]:
    """The CSV files to read and the mapping file to use."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir():
            files = sorted((p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv"),
                           key=lambda p: p.name)
            if not files:
                raise LoadError("no CSV files in the indicator folder", path)
            default = path / MAPPING_NAME
            return files, Path(mapping) if mapping is not None else (default if default.is_file() else None)
        if not path.exists():
            raise LoadError("indicator file or folder not found", path)
        return [path], Path(mapping) if mapping is not None else None
    return [Path(p) for p in source], Path(mapping) if mapping is not None else None


def read_indicators(source: Path | str | Iterable[Path | str], *, mapping: Path | str | None = None,
                    warnings: Diagnostics | None = None) -> IndicatorData:
    """Read indicator CSV files into ``IndicatorData``.

    ``source``: a folder (its ``*.csv`` files in name order; its ``indicators.toml`` is the mapping
    unless ``mapping`` names another), a CSV file, or a list of CSV files. ``warnings``, when
    given, receives the warnings too (the build's collector). Raises ``LoadError`` naming the file
    and row for the fatal problems listed in the module docstring.
    """
    files, mapping_path = _files(source, mapping)
    loaded = load_mapping(mapping_path) if mapping_path is not None else IndicatorMapping()
    found = Diagnostics()
    reader = _Reader(found)
    for path in files:
        reader.read(path, loaded.for_file(path.name), loaded)
    if warnings is not None:
        for w in found:
            warnings.warn(w.path, w.line, w.message, w.code)
    return IndicatorData(observations=reader.observations, comparators=reader.comparators, warnings=list(found))
