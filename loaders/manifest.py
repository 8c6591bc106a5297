"""The optional corpus manifest: which profile and plan each document has.

Inputs: a TOML file (``goldenthread.toml`` in the corpus folder, or given with
``--manifest``), format documented in README, "Manifest":

    profiles = ["profiles"]          # extra profile folders, relative to this file
    area = "E08000007"               # optional: the area the plans are about (build --indicators)

    [[documents]]
    file = "northmere-partnership-plan-2035.txt"
    profile = "northmere-partnership-plan"   # a profile name
    plan = "northmere-plan-2035"              # optional: override the profile's plan id
    title = "Northmere Partnership Plan 2035" # optional: override the plan title

Outputs: a validated ``Manifest``. A missing file, an unknown key or an
unknown profile is an error naming the manifest and line.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from goldenthread.core.errors import LoadError
from goldenthread.loaders.tomlfile import line_of_key, read_toml

MANIFEST_NAME = "goldenthread.toml"


class DocumentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    profile: str
    plan: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9\-]*$")
    title: str | None = None


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    profiles: list[str] = Field(default_factory=list)
    area: str | None = Field(None, min_length=1, description="the area code the plans are about, whose "
                                                             "indicator values a build with --indicators tracks")
    documents: list[DocumentEntry] = Field(default_factory=list)
    path: Path | None = None

    @property
    def folder(self) -> Path:
        """The folder of the manifest file (the current folder when it has no path)."""
        return self.path.parent if self.path else Path(".")

    def entry_for(self, file_name: str) -> DocumentEntry | None:
        """The manifest's entry for document ``file_name``, or None."""
        for entry in self.documents:
            if entry.file == file_name:
                return entry
        return None


def line_of(text: str, needle: str) -> int | None:
    """First line of ``text`` containing ``needle`` (TOML parsers keep no positions)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def load_manifest(path: Path) -> Manifest:
    """Parse and check the manifest at ``path``; ``LoadError`` naming the line of a bad entry or a missing
    document."""
    text, data = read_toml(path, "manifest")
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        dotted = ".".join(str(p) for p in err["loc"])
        msg = (f"unknown key '{dotted}' in manifest" if err["type"] == "extra_forbidden"
               else f"{dotted}: {err['msg']}")
        raise LoadError(msg, path, line_of_key(text, tuple(err["loc"]))) from None
    for i, entry in enumerate(manifest.documents):
        if not (path.parent / entry.file).is_file():
            raise LoadError(f"document '{entry.file}' not found", path,
                            line_of_key(text, ("documents", i, "file")))
    return manifest.model_copy(update={"path": path})
