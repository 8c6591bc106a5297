"""Recognising the columns of an indicator CSV by their header, whatever each file calls them.

Inputs: a file's header cells, its data rows (to see what an ``inequality`` column holds),
and the file's entry of the mapping file, if any (``columns``: role -> header;
``breakdowns``: breakdown name -> header).
Outputs: ``Layout``: the column index of each role (``area_code``, ``area_name``, ``period``,
``indicator``, ``measure``, ``unit``, ``value``), of each breakdown (``sex``, ``age``…, part
of what tells observations apart), of the other columns kept as attributes, the headers not
recognised, and the kind of year a header implies (``academic_year`` -> ``"academic"``).
``ColumnProblem`` (a ``ValueError``) when two columns claim one role, or a mapped header is
not in the file.

A header is recognised by its normalised form (lower case, runs of other characters as
``_``: "Area Code" -> ``area_code``), looked up in the synonyms below; ONS-style codes and
names (``LAD21CD``, ``CTYUA21NM``) are recognised too. A column named ``inequality`` whose
values are all sexes (Male, Female, Persons…) is the breakdown ``sex``; otherwise the
breakdown ``inequality``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

Role = Literal["area_code", "area_name", "period", "indicator", "measure", "unit", "value"]
ROLES: tuple[str, ...] = get_args(Role)

SYNONYMS: dict[str, frozenset[str]] = {
    "area_code": frozenset({"area_code", "areacode", "code", "geography_code", "geo_code", "geocode", "la_code",
                            "lad_code", "ons_code", "gss_code", "area_id", "local_authority_code"}),
    "area_name": frozenset({"area_name", "areaname", "area", "name", "geography", "geography_name", "geo_name",
                            "la_name", "lad_name", "local_authority", "local_authority_name"}),
    "period": frozenset({"period", "time_period", "timeperiod", "date", "year", "time", "reporting_period",
                         "period_label", "financial_year", "fiscal_year", "academic_year", "month", "quarter"}),
    "indicator": frozenset({"indicator", "indicator_name", "indicatorname", "indicator_label", "metric", "series"}),
    "measure": frozenset({"measure", "measure_type", "measure_name", "statistic", "value_type", "measurement"}),
    "unit": frozenset({"unit", "units", "unit_of_measure", "unit_of_measurement", "value_unit"}),
    "value": frozenset({"value", "obs_value", "observation", "obs", "val", "data_value", "datavalue", "amount"}),
}
_ONS_CODE = re.compile(r"[a-z]+\d{2}cd")  # LAD21CD
_ONS_NAME = re.compile(r"[a-z]+\d{2}nm")  # LAD21NM

# breakdowns: what a value is broken down by; part of an observation's identity
BREAKDOWNS: dict[str, str] = {
    "sex": "sex", "gender": "sex",
    "age": "age", "age_group": "age", "age_band": "age", "ageband": "age", "age_range": "age",
    "ethnicity": "ethnicity", "ethnic_group": "ethnicity",
    "deprivation": "deprivation", "deprivation_decile": "deprivation", "deprivation_quintile": "deprivation",
    "imd_decile": "deprivation", "imd_quintile": "deprivation",
    "disability": "disability", "category_type": "category_type", "category": "category",
    "breakdown": "breakdown",
}
SEX_VALUES = frozenset({"male", "female", "males", "females", "persons", "person", "all persons", "all", "men",
                        "women", "boys", "girls"})

# columns that describe a value without telling observations apart: kept as attributes, no warning
_ATTRIBUTES = re.compile(
    r"area_type|geography_type|area_level|parent_(?:code|name)|compared_(?:to|with)_\w+|significance|"
    r"(?:lower|upper)_\w*|\w*_ci(?:_\w+)?|count|denominator|numerator|value_note|notes?|source|"
    r"recent_trend|trend|indicator_(?:id|code)|time_period_(?:sortable|range)|new_data|polarity|"
    r"confidence_interval\w*|last_updated|updated")

# period headers that say which kind of year a split year is
PERIOD_HEADER_HINTS: dict[str, Literal["financial", "academic", "month"]] = {
    "financial_year": "financial", "fiscal_year": "financial", "academic_year": "academic", "month": "month"}


class ColumnProblem(ValueError):
    """The header cannot be read as an indicator table (the message says why); ``mapped_key`` is the
    mapping file's key (``columns``, ``breakdowns``) naming a header the file lacks."""

    def __init__(self, message: str, mapped_key: str | None = None):
        super().__init__(message)
        self.mapped_key = mapped_key


def normalise_header(header: str) -> str:
    """``"Area Code "`` -> ``"area_code"``: lower case, other characters as one ``_``."""
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def role_of(header: str) -> str | None:
    """The role a header names by its synonyms (``"Units"`` -> ``"unit"``), or ``None``."""
    name = normalise_header(header)
    for role, names in SYNONYMS.items():
        if name in names:
            return role
    if _ONS_CODE.fullmatch(name):
        return "area_code"
    if _ONS_NAME.fullmatch(name):
        return "area_name"
    return None


@dataclass(frozen=True)
class Layout:
    """Which column holds what (indexes into a row)."""

    header: tuple[str, ...]
    roles: dict[str, int] = field(default_factory=dict)  # role -> column
    breakdowns: dict[str, int] = field(default_factory=dict)  # breakdown name -> column
    attributes: dict[str, int] = field(default_factory=dict)  # header as written -> column
    unknown: tuple[str, ...] = ()  # headers recognised as nothing (also in attributes)
    period_hint: Literal["financial", "academic", "month"] | None = None


def _find(header: Sequence[str], wanted: str) -> int | None:
    """The column whose header is ``wanted`` as written, or else normalised alike."""
    for i, cell in enumerate(header):
        if cell.strip() == wanted.strip():
            return i
    for i, cell in enumerate(header):
        if normalise_header(cell) == normalise_header(wanted):
            return i
    return None


def _breakdown_name(header: str, values: list[str]) -> str | None:
    name = normalise_header(header)
    if name == "inequality":
        seen = {v.strip().lower() for v in values if v.strip()}
        return "sex" if seen and seen <= SEX_VALUES else "inequality"
    return BREAKDOWNS.get(name)


def recognise_columns(header: Sequence[str], rows: Sequence[Sequence[str]], *,
                      columns: Mapping[Role, str] | None = None,
                      breakdowns: Mapping[str, str] | None = None, file_name: str = "the file") -> Layout:
    """The ``Layout`` of a file with ``header`` and data ``rows``.

    ``columns`` (role -> header) and ``breakdowns`` (name -> header) come from the mapping file
    and win over recognition; a header they name that the file lacks is a ``ColumnProblem``
    (naming ``file_name``), and so are two columns recognised as one role or one breakdown.
    """
    roles: dict[str, int] = {}
    found_breakdowns: dict[str, int] = {}
    claimed: set[int] = set()
    for mapped, wanted in (columns or {}).items():
        index = _find(header, wanted)
        if index is None:
            raise ColumnProblem(f"column {wanted!r} ({mapped}) is not in {file_name}", "columns")
        roles[mapped] = index
        claimed.add(index)
    for label, wanted in (breakdowns or {}).items():
        index = _find(header, wanted)
        if index is None:
            raise ColumnProblem(f"column {wanted!r} (breakdown {label}) is not in {file_name}", "breakdowns")
        found_breakdowns[label] = index
        claimed.add(index)
    attributes: dict[str, int] = {}
    unknown: list[str] = []
    for i, cell in enumerate(header):
        if i in claimed:
            continue
        if not cell.strip():
            if any(i < len(row) and row[i].strip() for row in rows):
                attributes[f"column {i + 1}"] = i
                unknown.append(f"column {i + 1} (no header)")
            continue  # an empty column with no header: a spreadsheet's trailing comma
        role = role_of(cell)
        if role is not None and role in (columns or {}):
            attributes[cell.strip()] = i  # another column for a role the mapping settled
            continue
        if role is not None:
            if role in roles:
                raise ColumnProblem(f"columns {header[roles[role]].strip()!r} and {cell.strip()!r} both read as "
                                    f"{role}; say which in indicators.toml (columns = {{ {role} = \"…\" }})")
            roles[role] = i
            continue
        name = _breakdown_name(cell, [row[i] for row in rows if i < len(row)])
        if name is not None and name in (breakdowns or {}):
            attributes[cell.strip()] = i  # another column for a breakdown the mapping settled
            continue
        if name is not None:
            if name in found_breakdowns:
                raise ColumnProblem(f"columns {header[found_breakdowns[name]].strip()!r} and {cell.strip()!r} both "
                                    f"read as the breakdown {name}; say which in indicators.toml "
                                    f"(breakdowns = {{ {name} = \"…\" }})")
            found_breakdowns[name] = i
            continue
        attributes[cell.strip()] = i
        if name is None and not _ATTRIBUTES.fullmatch(normalise_header(cell)):
            unknown.append(cell.strip())
    hint = PERIOD_HEADER_HINTS.get(normalise_header(header[roles["period"]])) if "period" in roles else None
    return Layout(header=tuple(header), roles=roles, breakdowns=found_breakdowns, attributes=attributes,
                  unknown=tuple(unknown), period_hint=hint)
