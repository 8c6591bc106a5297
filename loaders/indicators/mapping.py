"""The optional mapping file of an indicator folder: how to read files that name things otherwise.

Inputs: a TOML file (``indicators.toml`` in the indicator folder), one table per CSV file:

    [files."neet.csv"]
    columns = { value = "Percentage", period = "Year" }  # role = header as written
    breakdowns = { sex = "Gender" }                       # breakdown name = header as written
    period_kind = "academic"                # split years "2016/17" are academic (or "financial", "month")
    indicator = "16-17 year olds NEET"      # constant, for a file with no indicator column
    measure = "Percentage"                  # constant, for a file with no measure column
    unit = "Persons"                        # constant, for a file with no unit column
    better = "lower"                        # which way is better for its indicators ("higher" or
                                            # "lower"), for a measure whose wording does not say

    [files."cipfa2021.csv"]
    kind = "comparators"                    # or "observations", or "ignore" (not read)
    group = "CIPFA nearest neighbours 2021" # the comparator group's name (default: file stem)

Roles: ``area_code``, ``area_name``, ``period``, ``indicator``, ``measure``, ``unit``,
``value``. Outputs: ``IndicatorMapping``; an unknown key, a bad value or a file that is not
beside the mapping file is a ``LoadError`` naming the mapping file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from goldenthread.core.errors import LoadError
from goldenthread.loaders.indicators.columns import ROLES, Role
from goldenthread.loaders.indicators.periods import PeriodHint
from goldenthread.loaders.tomlfile import line_of_key, read_toml

MAPPING_NAME = "indicators.toml"


class FileMapping(BaseModel):
    """How to read one CSV file (every key optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["observations", "comparators", "ignore"] | None = None
    columns: dict[Role, str] = Field(default_factory=dict)
    breakdowns: dict[str, str] = Field(default_factory=dict)
    period_kind: PeriodHint | None = None
    indicator: str | None = None
    measure: str | None = None
    unit: str | None = None
    better: Literal["higher", "lower"] | None = None  # which way is better for the file's indicators
    group: str | None = None


class _MappingFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    files: dict[str, FileMapping] = Field(default_factory=dict)


@dataclass(frozen=True)
class IndicatorMapping:
    """The mapping file's entries by file name, and where each key is (for error lines)."""

    path: Path | None = None
    text: str = ""
    files: dict[str, FileMapping] = field(default_factory=dict)

    def for_file(self, name: str) -> FileMapping:
        """The entry for CSV file ``name`` (an empty one when the mapping has none)."""
        return self.files.get(name, FileMapping())

    def line_of(self, name: str, key: str | None = None) -> int | None:
        """Line of ``[files."name"]`` (or of ``key`` within that table) in the mapping file."""
        return _line_of(self.text, name, key)


_HEADER = re.compile(r"^\s*\[")


def _line_of(text: str, name: str, key: str | None) -> int | None:
    """Best-effort line of the table ``[files."name"]``, or of ``key`` inside it (tomllib keeps no positions)."""
    lines = text.splitlines()
    table = re.compile(r"^\s*\[\s*files\s*\.\s*(?:\"" + re.escape(name) + r"\"|'" + re.escape(name) + r"'|"
                       + re.escape(name) + r")\s*\]")
    inline = re.compile(r"^\s*(?:\"" + re.escape(name) + r"\"|" + re.escape(name) + r")\s*=")
    start = next((i for i, line in enumerate(lines) if table.match(line) or inline.match(line)), None)
    if start is None:
        return None
    if key is None:
        return start + 1
    wanted = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=|[{,]\s*\"?" + re.escape(key) + r"\"?\s*=")
    if wanted.search(lines[start]):
        return start + 1
    for i in range(start + 1, len(lines)):
        if _HEADER.match(lines[i]):
            break
        if wanted.search(lines[i]):
            return i + 1
    return start + 1


def load_mapping(path: Path) -> IndicatorMapping:
    """The mapping file at ``path``, checked: ``LoadError`` naming its line for an unknown key, a bad
    value or an entry for a file that is not in the mapping file's folder."""
    text, data = read_toml(path, "indicator mapping")
    try:
        parsed = _MappingFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc: tuple[Any, ...] = tuple(err["loc"])
        dotted = ".".join(str(p) for p in loc)
        if err["type"] == "extra_forbidden":
            msg = f"unknown key '{dotted}' in indicator mapping"
        elif loc[-1] == "[key]":  # columns = { valeu = "…" }
            msg = f"unknown role {loc[-2]!r} in {'.'.join(str(p) for p in loc[:-2])} (roles: {', '.join(ROLES)})"
        else:
            msg = f"{dotted}: {err['msg']}"
        line = (_line_of(text, str(loc[1]), str(loc[2]) if len(loc) > 2 else None) if len(loc) > 1
                else line_of_key(text, loc))
        raise LoadError(msg, path, line) from None
    for name in parsed.files:
        if not (path.parent / name).is_file():
            raise LoadError(f"file {name!r} not found beside the mapping", path, _line_of(text, name, None))
    return IndicatorMapping(path=path, text=text, files=dict(parsed.files))
