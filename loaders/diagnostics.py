"""Warnings: what the tool had to guess, or a rule that found nothing, said in one line.

Inputs: nothing; a type and a small collector used by readers, loaders, the
profile checks and the build.
Outputs: ``Diagnostic`` (file, line, message, code) and ``Diagnostics``, a list
that keeps the first of identical warnings. ``build`` prints every warning and
a count; ``build --strict`` turns them into errors.

Codes are stable names a user can search the README for:
``file-skipped``, ``folder-not-read``, ``rule-unmatched``, ``section-no-label``,
``items-merged``, ``duplicate-id``, ``item-without-parent``,
``profile-shadows-builtin``, ``decision-unknown-node``, ``plan-not-in-build``,
``duplicate-document``, ``rag-unknown``, ``link-suspect``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict


class Diagnostic(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str  # the file the warning is about: a document, a profile, a decisions file
    line: int | None = None  # 1-based line in that file, where one applies
    message: str
    code: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message} [{self.code}]"


class Diagnostics(list):
    """Warnings in the order found; an identical warning is kept once."""

    def warn(self, path: Path | str, line: int | None, message: str, code: str) -> None:
        """Add a warning (``code``) about ``line`` of ``path``, unless an identical one is there."""
        found = Diagnostic(path=str(path), line=line, message=message, code=code)
        if found not in self:
            self.append(found)
