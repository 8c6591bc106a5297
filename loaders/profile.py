"""Document profiles: a house style's phrasing, kept in TOML, not in code.

Inputs: ``.toml`` profile files (format documented in README, "Profiles").
Outputs: validated ``Profile`` objects with compiled patterns, and
``recognises(profile, text)`` to tell whether a document is in that style.

A profile names the loader plugin that reads the document (``outline``) and
gives it every pattern it needs: section headings, list openers and item
markers, delivery statements, status phrases, table layouts. Unknown keys and
invalid regular expressions are errors naming the file and line.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from goldenthread.core.errors import LoadError
from goldenthread.core.ids import words
from goldenthread.core.model import STATUSES
from goldenthread.loaders.diagnostics import Diagnostics
from goldenthread.loaders.tomlfile import line_of_key, parse_toml, read_text


def _compile(value: Any) -> re.Pattern[str]:
    if isinstance(value, re.Pattern):
        return value
    if not isinstance(value, str):
        raise ValueError("a pattern must be a string")
    try:
        return re.compile(value, re.M)
    except re.error as exc:
        raise ValueError(f"bad pattern {value!r}: {exc}") from None


Pattern = Annotated[re.Pattern[str], BeforeValidator(_compile)]
Within = Literal["plan", "theme", "priority", "commitment"]
ContentKind = Literal["theme", "priority", "commitment", "measure"]
EntityKind = Literal["strategy", "board", "portfolio"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class ProfileInfo(_Strict):
    name: str
    description: str = ""
    loader: str = "outline"
    authority: int = Field(0, description="higher wins when documents disagree on a label or text")


EDITION = "{edition}"  # where a plan's id, title and text take the edition read from the document


class PlanInfo(_Strict):
    id: str = Field(pattern=r"^[a-z0-9](?:[a-z0-9\-]|\{edition\})*$",
                    description="the plan's id; '{edition}' in it takes the edition's words joined by '-'")
    title: str = Field(description="the plan's title; '{edition}' in it takes the edition as written")
    text: str | None = None
    aligns_with: list[str] = Field(default_factory=list,
                                   description="ids of higher/earlier plans this plan carries out")
    edition: Pattern | None = Field(
        None, description="where the document gives its edition (year or date): the pattern's group "
                          "'edition', else the whole match, e.g. '2021-22'")

    @property
    def needs_edition(self) -> bool:
        """Whether the id, title or text of the plan is made with the edition ('{edition}')."""
        return any(EDITION in (value or "") for value in (self.id, self.title, self.text))


class Recognise(_Strict):
    all: list[Pattern] = Field(default_factory=list)
    any: list[Pattern] = Field(default_factory=list)
    filename: Pattern | None = None


class Clean(_Strict):
    ignore: list[Pattern] = Field(default_factory=list, description="lines dropped (page furniture)")
    strip: list[Pattern] = Field(default_factory=list, description="removed from extracted text")


class Keys(_Strict):
    stopwords: list[str] = Field(default_factory=lambda: ["a", "an", "and", "the", "of", "for", "our"])


class SectionRule(_Strict):
    name: str
    match: Pattern
    kind: Literal["theme", "priority"]
    within: Within = "plan"
    text: Literal["next", "match", "label"] = "label"
    label_case: Literal["as_is", "title", "sentence"] = "as_is"
    scope: Literal["plan", "parent"] = "plan"
    list: str | None = None


class AttributeRule(_Strict):
    name: str
    match: Pattern
    kind: Literal["plan", "theme", "priority"]
    # match: the text is the match's group 'text' ("Aim: …");
    # next: the match is a heading ("OUR VISION FOR 2035") and the text is the next paragraph
    text: Literal["match", "next"] = "match"


class ListRule(_Strict):
    name: str
    opens: Pattern | None = None
    kind: ContentKind
    within: Within = "priority"
    item: Pattern
    sub_item: Pattern | None = None
    continuation: Pattern | None = None
    join_split_items: bool = False
    first_unmarked: bool = False
    # several items on one line ("• A • B • C" from a web page): the pattern between them
    item_split: Pattern | None = None
    label: Pattern | None = None
    id_prefix: str | None = None
    # measures: what the item says of the measure, each pattern with a group 'value'; the
    # matched text is kept in the field and left out of the label
    fields: dict[Literal["target", "baseline", "rag"], Pattern] = Field(default_factory=dict)


class StatementRule(_Strict):
    name: str
    match: Pattern
    within: Within = "priority"
    kind: Literal["strategy", "board"] | None = Field(
        None, description="force the kind of every name (e.g. 'Oversight:' lines name boards)")


class TableRule(_Strict):
    name: str
    layout: Literal["columns", "rows", "flattened"]
    header: Pattern
    end: Pattern | None = None
    subject_kind: Literal["theme", "priority"]
    subjects: str | None = Field(None, description="section rule whose nodes are the rows/columns, in order")
    columns: list[Literal["subject", "strategy", "board", "portfolio"]] = Field(default_factory=list)
    item_kind: Literal["strategy", "board", "portfolio", "commitment"] = "strategy"
    cell_split: Pattern | None = None
    label_suffix: dict[str, str] = Field(default_factory=dict)
    theme: Pattern | None = None
    item_marker: str = "•"
    id_prefix: str | None = None


class Names(_Strict):
    strong_separators: Pattern = _compile(r"\s*;\s*|\s+alongside\s+|(?<=[a-z)])\.\s+(?=[A-Z])")
    weak_separators: Pattern = _compile(r",?\s+and\s+|,\s+")
    name_end: Pattern = _compile(r"(?:Strategy|Plan|Programme|Board|Partnership)$")
    next_name: Pattern = _compile(r"^(?:our|the|a|an)\s")
    strip: list[Pattern] = Field(default_factory=list)
    board: Pattern = _compile(r"(?:Board|Committee|Partnership|Group|Forum)$")
    # a name matching this is not a strategy or board but a generic mention of one
    # ("individual organisation's plans", "existing partnership groups"): kept with its source
    generic: Pattern = _compile(r"^[a-z]")
    status_sentence: Pattern | None = None
    status: dict[str, Pattern] = Field(default_factory=dict)


class Profile(_Strict):
    profile: ProfileInfo
    plan: PlanInfo
    recognise: Recognise = Recognise()
    clean: Clean = Clean()
    keys: Keys = Keys()
    names: Names = Names()
    sections: list[SectionRule] = Field(default_factory=list)
    attributes: list[AttributeRule] = Field(default_factory=list)
    lists: list[ListRule] = Field(default_factory=list)
    statements: list[StatementRule] = Field(default_factory=list)
    tables: list[TableRule] = Field(default_factory=list)
    path: Path | None = None

    @property
    def name(self) -> str:
        """The profile's name (``[profile] name``)."""
        return self.profile.name

    def list_rule(self, name: str) -> ListRule:
        """The list rule called ``name``; ``KeyError`` when there is none."""
        for rule in self.lists:
            if rule.name == name:
                return rule
        raise KeyError(name)


# the profile tables that hold rules, in the order the outline loader tries them
RULE_TABLES = ("sections", "attributes", "lists", "statements", "tables")


def load_profile(path: Path) -> Profile:
    """Parse and validate one profile file; every problem names file and line."""
    return _profile_of_text(path, read_text(path, "profile"))


# Every build reads the built-in profiles as well as its own: a file read before, unchanged, is
# not parsed and validated again (profiles are frozen; errors are raised again, never kept).
@functools.lru_cache(maxsize=256)
def _profile_of_text(path: Path, text: str) -> Profile:
    data = parse_toml(text, path)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        dotted = ".".join(str(p) for p in loc)
        if err["type"] == "extra_forbidden":
            msg = f"unknown key '{dotted}' in profile"
        else:
            msg = f"{dotted}: {err['msg'].removeprefix('Value error, ')}"
        raise LoadError(msg, path, line_of_key(text, loc)) from None
    _check_references(profile, path, text)
    return profile.model_copy(update={"path": path})


def _check_references(profile: Profile, path: Path, text: str) -> None:
    names = {rule.name for rule in profile.lists}
    for i, section in enumerate(profile.sections):
        if section.list and section.list not in names:
            raise LoadError(f"sections.{i}.list: no list named '{section.list}'", path,
                            line_of_key(text, ("sections", i, "list")))
    sections = {rule.name for rule in profile.sections}
    for i, table_rule in enumerate(profile.tables):
        if table_rule.subjects and table_rule.subjects not in sections:
            raise LoadError(f"tables.{i}.subjects: no section rule named '{table_rule.subjects}'", path,
                            line_of_key(text, ("tables", i, "subjects")))
    if profile.plan.needs_edition and profile.plan.edition is None:
        key = next(k for k in ("id", "title", "text") if EDITION in (getattr(profile.plan, k) or ""))
        raise LoadError(f"plan.{key}: '{EDITION}' needs a pattern giving the edition ([plan] edition)", path,
                        line_of_key(text, ("plan", key)))
    for status in profile.names.status:
        if status not in STATUSES:
            raise LoadError(f"names.status: unknown status '{status}' (known: {', '.join(STATUSES)})",
                            path, line_of_key(text, ("names", "status", status)))
    for i, rule in enumerate(profile.lists):
        if rule.fields and rule.kind != "measure":
            raise LoadError(f"lists.{i}.fields: only measures have targets, baselines and RAG ratings",
                            path, line_of_key(text, ("lists", i, "fields")))
        for field_name, pattern in rule.fields.items():
            if "value" not in pattern.groupindex:
                raise LoadError(f"lists.{i}.fields.{field_name}: the pattern needs a named group "
                                f"(?P<value>...)", path, line_of_key(text, ("lists", i, "fields", field_name)))
    for table, fields in _NEEDED_GROUPS.items():
        for i, rule in enumerate(getattr(profile, table)):
            for key, group in fields.items():
                if table == "attributes" and rule.text == "next":
                    continue  # the text is the next paragraph, not a group
                pattern = getattr(rule, key)
                if pattern is not None and group not in pattern.groupindex:
                    raise LoadError(f"{table}.{i}.{key}: the pattern needs a named group "
                                    f"(?P<{group}>...)", path, line_of_key(text, (table, i, key)))


# named groups the outline loader reads from a rule's match (others are optional)
_NEEDED_GROUPS = {
    "attributes": {"match": "text"},
    "lists": {"item": "text", "sub_item": "text", "label": "label"},
    "statements": {"match": "names"},
}


BUILTIN_PROFILES = Path(__file__).parent / "profiles"


def discover_profiles(extra_dirs: list[Path] | tuple[Path, ...] = (),
                      warnings: Diagnostics | None = None) -> list[Profile]:
    """Profiles shipped with goldenthread plus those in ``extra_dirs``, by name.

    A profile in an extra folder replaces one of the same name from an earlier folder
    (a built-in one included), with a ``profile-shadows-builtin`` warning.
    """
    found: dict[str, Profile] = {}
    for folder in [BUILTIN_PROFILES, *extra_dirs]:
        in_folder: dict[str, Path] = {}
        if not folder.is_dir():
            raise LoadError("profile folder not found", folder)
        for file in sorted(folder.rglob("*.toml")):
            if file.name == "aliases.toml":
                continue  # alias lists live beside profiles (loaders/aliases.py)
            profile = load_profile(file)
            if profile.name in in_folder:
                raise LoadError(f"profile name '{profile.name}' is also used by {in_folder[profile.name]}", file,
                                line_of_key(file.read_text(encoding="utf-8"), ("profile", "name")))
            in_folder[profile.name] = file
            if profile.name in found and warnings is not None:
                earlier = found[profile.name].path
                what = "the built-in profile" if folder != BUILTIN_PROFILES and earlier and \
                    earlier.is_relative_to(BUILTIN_PROFILES) else f"the profile in {earlier}"
                warnings.warn(file, line_of_key(file.read_text(encoding="utf-8"), ("profile", "name")),
                              f"profile '{profile.name}' replaces {what} of the same name; "
                              f"rename it to use both", "profile-shadows-builtin")
            found[profile.name] = profile  # a later folder replaces an earlier one's profile
    return [found[name] for name in sorted(found)]


def recognises(profile: Profile, name: str, text: str) -> bool:
    """True when a document (file name and text) is in this profile's style (and, when the plan's id
    or title is made with the edition, gives its edition)."""
    rec = profile.recognise
    if not (rec.all or rec.any or rec.filename):
        return False
    if profile.plan.needs_edition and read_edition(profile, text) is None:
        return False
    if rec.filename and not rec.filename.search(name):
        return False
    if not all(p.search(text) for p in rec.all):
        return False
    if rec.any and not any(p.search(text) for p in rec.any):
        return False
    return True


def read_edition(profile: Profile, text: str) -> str | None:
    r"""The edition a document gives (``[plan] edition``'s first match in ``text``: its group
    'edition', else the whole match, spaces collapsed), or None (no pattern, or no match).

    Examples
    --------
    >>> p = Profile.model_validate({"profile": {"name": "cp"}, "plan": {
    ...     "id": "council-plan-{edition}", "title": "Council Plan {edition}",
    ...     "edition": r"Council Plan (?P<edition>\d{4}[-/]\d{2})"}})
    >>> read_edition(p, "# The Council Plan 2022/23")
    '2022/23'
    >>> for_edition(p, "2022/23").plan.id, for_edition(p, "2022/23").plan.title
    ('council-plan-2022-23', 'Council Plan 2022/23')
    """
    pattern = profile.plan.edition
    found = pattern.search(text) if pattern is not None else None
    if found is None:
        return None
    value = found.group("edition") if "edition" in found.re.groupindex else found.group(0)
    return " ".join((value or "").split()) or None


def for_edition(profile: Profile, edition: str | None) -> Profile:
    """``profile`` with its plan's id, title and text made for ``edition`` ('{edition}' replaced: in
    the id by the edition's words joined by '-', "2021/22" -> "2021-22"; elsewhere as written). A
    profile whose plan does not use '{edition}', or no edition, gives the profile as it is (see
    ``require_edition``)."""
    plan = profile.plan
    if not plan.needs_edition or not edition:
        return profile
    slug = "-".join(words(edition)) or "x"
    info = plan.model_copy(update={"id": plan.id.replace(EDITION, slug),
                                   "title": plan.title.replace(EDITION, edition),
                                   "text": plan.text.replace(EDITION, edition) if plan.text else None})
    return profile.model_copy(update={"plan": info})


def require_edition(profile: Profile, document: Path) -> None:
    """``LoadError`` naming ``document`` when ``profile`` (as ``for_edition`` left it) still needs the
    edition: the manifest named a document whose edition the profile's pattern does not find."""
    if profile.plan.needs_edition:
        raise LoadError(f"no edition found: profile '{profile.name}' makes its plan's id with the edition, "
                        f"and its [plan] edition pattern matches nothing here", document)
