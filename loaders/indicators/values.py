"""Reading the value cell of an indicator row: a number, or a marker saying why there is none.

Inputs: the text of one value cell.
Outputs: ``parse_value(text) -> (number, None)`` or ``(None, reason)``, where ``reason`` is
``"suppressed"``, ``"not available"``, ``"not applicable"`` or ``"blank"``. Text that is
neither raises ``ValueError`` (the reader turns it into a warning naming file and row).

Numbers: ``12``, ``-3.5``, ``1e3``, ``12,345`` (thousands separated by commas), ``12.5%``
(the sign dropped; the unit column says it is a percentage), a Unicode minus ``−3``.
``inf`` is not a number here, and ``nan`` is the marker "not available".

Missing markers (the Government Statistical Service's and the older ONS/Eurostat ones), in
any letter case, with or without square brackets:

- suppressed (confidential, small numbers): ``c``, ``*``, ``supp``, ``suppressed``, ``<5``
  (any "fewer than" a whole number);
- not available: ``x``, ``..``, ``.``, ``:``, ``-``, ``–``, ``—``, ``na``, ``n/a``, ``nan``,
  ``null``, ``not available``;
- not applicable: ``z``, ``not applicable``;
- blank: an empty cell, or only spaces.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

MissingReason = Literal["suppressed", "not available", "not applicable", "blank"]
MISSING_REASONS: tuple[str, ...] = get_args(MissingReason)

MISSING_MARKERS: dict[str, MissingReason] = {
    "c": "suppressed", "*": "suppressed", "supp": "suppressed", "suppressed": "suppressed",
    "x": "not available", "..": "not available", ".": "not available", ":": "not available",
    "-": "not available", "\u2013": "not available", "\u2014": "not available",
    "na": "not available", "n/a": "not available", "nan": "not available", "null": "not available",
    "not available": "not available",
    "z": "not applicable", "not applicable": "not applicable",
}

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FEWER_THAN = re.compile(r"<\s*\d+")  # "<5": a small number withheld
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def missing_reason(text: str) -> MissingReason | None:
    """Why a cell holding ``text`` has no value (``None`` when ``text`` is no missing marker)."""
    cell = text.strip().lower()
    if not cell:
        return "blank"
    if cell.startswith("[") and cell.endswith("]"):
        cell = cell[1:-1].strip()
    if _FEWER_THAN.fullmatch(cell):
        return "suppressed"
    return MISSING_MARKERS.get(cell)


def parse_value(text: str) -> tuple[float | None, MissingReason | None]:
    """``(number, None)`` for a number, ``(None, reason)`` for a missing marker; ``ValueError`` otherwise."""
    reason = missing_reason(text)
    if reason is not None:
        return None, reason
    cell = text.strip().replace("\u2212", "-").removesuffix("%").strip()
    if _THOUSANDS.fullmatch(cell):
        cell = cell.replace(",", "")
    if _NUMBER.fullmatch(cell):
        return float(cell), None
    raise ValueError(f"value {text.strip()!r} is neither a number nor a known missing marker "
                     "(x, .., c, :, -, NA, z, <5, blank)")
