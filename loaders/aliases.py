"""Curated alias lists: names the documents use for the same strategy or board.

Inputs: ``aliases.toml`` files found beside profiles (in a profile folder), format:

    [[same]]
    kind = "strategy"                     # strategy | board | portfolio
    names = ["Climate Action Now partnership", "Stockport Climate Action Now (CAN) Strategy"]
    note = "why these are one body"        # shown as the evidence for the merge

Outputs: ``AliasGroup`` objects. The first name of a group is its label. Automatic
normalisation (case, punctuation, stop words, edition years) is applied first, so
only genuinely different wordings need listing here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from goldenthread.core.errors import LoadError
from goldenthread.loaders.manifest import line_of
from goldenthread.loaders.tomlfile import read_toml

ALIASES_NAME = "aliases.toml"


class AliasGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["strategy", "board", "portfolio"]
    names: list[str] = Field(min_length=2)
    note: str | None = None


class AliasFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    same: list[AliasGroup] = Field(default_factory=list)


def load_aliases(path: Path) -> list[AliasGroup]:
    """The alias groups of the alias file at ``path``; ``LoadError`` naming the line of a bad entry."""
    text, data = read_toml(path, "alias file")
    try:
        return AliasFile.model_validate(data).same
    except ValidationError as exc:
        err = exc.errors()[0]
        dotted = ".".join(str(p) for p in err["loc"])
        msg = (f"unknown key '{dotted}' in alias file" if err["type"] == "extra_forbidden"
               else f"{dotted}: {err['msg']}")
        raise LoadError(msg, path, line_of(text, str(err["loc"][-1]))) from None


def discover_aliases(folders: list[Path]) -> list[AliasGroup]:
    """The alias groups of every ``aliases.toml`` under ``folders``, in folder then path order."""
    groups: list[AliasGroup] = []
    for folder in folders:
        for file in sorted(folder.rglob(ALIASES_NAME)):
            groups.extend(load_aliases(file))
    return groups
