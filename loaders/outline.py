"""The ``outline`` loader: reads a plan laid out as headings, lists and tables.

Inputs: a ``DocumentText`` and the ``Profile`` of its house style.
Outputs: a ``DocumentExtract`` (mentions of plans, themes, priorities,
commitments, measures, strategies, boards and portfolios, and the links the
document states between them, each with the lines it came from).

The loader is a single pass over the lines keeping a context (the current
plan, theme, priority and commitment). Each line is tried, in this order,
against: the open list's item patterns; section headings; attribute lines
("Our ambition: …"); list openers; delivery statements; table headers. A line
nothing matches is prose and is skipped. No phrase of any council is written
here: every pattern comes from the profile.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from goldenthread.core.errors import LoadError
from goldenthread.core.model import EntityKind, EntityLinkKind, LinkKind, Source
from goldenthread.loaders.diagnostics import Diagnostics
from goldenthread.loaders.extract import DocumentExtract, Recorder
from goldenthread.loaders.names import NamedEntity, clean_name, split_names, status_of
from goldenthread.loaders.profile import (
    RULE_TABLES,
    ListRule,
    Profile,
    SectionRule,
    TableRule,
    for_edition,
    read_edition,
)
from goldenthread.loaders.readers.render import CELL_JOIN
from goldenthread.loaders.text import DocumentText, Line, html_cells

_LEVELS = ("plan", "theme", "priority", "commitment")
_CHILD_LINK: dict[str, LinkKind] = {"commitment": "part_of", "priority": "part_of", "theme": "part_of"}
_ENTITY_LINK: dict[EntityKind, EntityLinkKind] = {
    "strategy": "delivered_through", "board": "overseen_by", "portfolio": "accountable_to"}
_WS = re.compile(r"\s+")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")  # the readers' **bold** markup
_RAG = {"r": "red", "a": "amber", "g": "green"}
_EMPTY_BRACKETS = re.compile(r"\(\s*[;,:\s]*\)|\[\s*[;,:\s]*\]")


def shorten(text: str, max_words: int = 10) -> str:
    """A short label: the text itself, or its first words and an ellipsis."""
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]).rstrip(",;:") + "…"


def _recase(label: str, how: str) -> str:
    if how == "title":
        return " ".join(w.capitalize() if w.lower() not in {"and", "of", "the", "for"} or i == 0
                        else w.lower() for i, w in enumerate(label.split()))
    if how == "sentence":
        return label[:1].upper() + label[1:].lower()
    return label


@dataclass(frozen=True)
class _TableAction:
    """A commitment read from a flattened table: its mention and the lines it came from (a lower-case
    paragraph after it continues it, so ``lines`` grows)."""

    ref: str
    lines: list[Line]


@dataclass(frozen=True)
class _TableRow:
    """A row of a flattened table: its subject (a theme or priority mention), the lines naming it, its
    actions so far and what its oversight paragraph named (``None`` for a generic phrase: the cell was
    still filled in)."""

    ref: str
    lines: list[Line]
    actions: list[_TableAction] = field(default_factory=list)
    oversight: list[str | None] = field(default_factory=list)


@dataclass
class _OpenList:
    rule: ListRule
    parent: str
    items: list[tuple[str, list[Line]]] = field(default_factory=list)  # (ref, lines)


class OutlineParser:
    def __init__(self, doc: DocumentText, profile: Profile):
        self.doc = doc
        # a plan made with its edition ("council-plan-{edition}") takes the one this document gives
        # (a build refuses a document that gives none: goldenthread.loaders.profile.require_edition)
        profile = for_edition(profile, read_edition(profile, doc.full_text) or "unknown edition")
        self.profile = profile
        self.extract = DocumentExtract(
            document=doc.name, profile=profile.name, plan_id=profile.plan.id,
            plan_title=profile.plan.title, plan_text=profile.plan.text,
            authority=profile.profile.authority, stopwords=profile.keys.stopwords)
        self.rec = Recorder(self.extract, profile.keys.stopwords)
        self.lines = [ln for ln in doc.lines if not self._ignored(ln)]
        self.context: dict[str, str] = {}
        self.subjects: dict[str, list[str]] = {}  # section rule name -> refs in order
        self.open_list: _OpenList | None = None
        self.pending_text: str | None = None  # ref waiting for its text from the next paragraph
        self.pending_rank = 1  # how explicit that text is (see Recorder.set_text)
        # which rule is which ("lists.1"), and the lines each matched, for the profile checks
        self.rule_key = {id(rule): f"{table}.{i}" for table in RULE_TABLES
                         for i, rule in enumerate(getattr(profile, table))}
        self.hits: dict[str, list[int]] = defaultdict(list)
        self.ordinals: Counter[tuple] = Counter()  # (parent's identity, id prefix) -> items so far
        self.warnings = Diagnostics()
        # (rule, level it needed) -> where it matched with no such heading above: one warning each
        self.orphaned: dict[tuple[str, str], list[tuple[Line, str, str]]] = {}

    # -- helpers -----------------------------------------------------------
    def _ignored(self, line: Line) -> bool:
        t = line.text.strip()
        return bool(t) and any(p.search(t) for p in self.profile.clean.ignore)

    def clean(self, text: str) -> str:
        """``text`` with the profile's ``[clean] strip`` patterns (and a rendered document's bold markup)
        removed, white space collapsed."""
        for pattern in self.profile.clean.strip:
            text = pattern.sub("", text)
        if self.doc.rendered:  # "**" is then the reader's markup for bold, not text
            text = _BOLD.sub(r"\1", text)
        return _WS.sub(" ", text).strip()

    def identity(self, ref: str) -> tuple:
        """What makes mentions of this document one node (as graph/assemble.py merges them):
        kind and key, with the parent's identity where the mention is scoped to its parent."""
        m = self.rec.mention(ref)
        if m.scope in ("parent", "ordinal") and m.parent is not None:
            return (m.kind, m.scope, m.match_key, m.ordinal, self.identity(m.parent))
        return (m.kind, m.scope, m.match_key)

    def hit(self, rule: object, line: Line, part: str = "") -> None:
        """Record that ``rule`` (its ``part``: "item", "opens"…) matched ``line``."""
        key = self.rule_key[id(rule)] + (f".{part}" if part else "")
        if not self.hits[key] or self.hits[key][-1] != line.number:
            self.hits[key].append(line.number)

    def warn(self, line: Line, message: str, code: str) -> None:
        """A warning (``code``) about ``line``, naming its page when it has one."""
        page = f"page {line.page}: " if line.page else ""
        self.warnings.warn(self.doc.path, line.number, page + message, code)

    def source(self, lines: list[Line]) -> Source:
        """The ``Source`` of ``lines``: their line range, page and exact text."""
        first, last = lines[0], lines[-1]
        window = self.doc.quote(first.number, last.number)
        if len(lines) == 1:
            quote = first.raw
        elif any(ln.virtual for ln in lines):
            # HTML list items: their own text, unless that is not one stretch of the file
            quote = "\n".join(ln.raw for ln in lines)
            quote = quote if quote in window else window
        else:
            quote = window
        return Source(document=self.doc.name, line_start=first.number, line_end=last.number,
                      quote=quote, page=first.page)

    def parent_for(self, within: str, line: Line | None = None, what: str = "") -> str:
        """The node a rule's match belongs under; a warning when its level has none yet."""
        level = _LEVELS.index(within)
        for name in reversed(_LEVELS[: level + 1]):
            if name in self.context:
                if name != within and line is not None:
                    self.orphaned.setdefault((what, within), []).append((line, name, self.context[name]))
                return self.context[name]
        return self.context["plan"]

    def set_context(self, kind: str, ref: str) -> None:
        """Make ``ref`` the current node of level ``kind``, forgetting the levels under it."""
        level = _LEVELS.index(kind)
        for deeper in _LEVELS[level:]:
            self.context.pop(deeper, None)
        self.context[kind] = ref

    def link_child(self, child: str, parent: str, kind: str, source: Source) -> None:
        """Link ``child`` (of ``kind``) to ``parent``: ``measured_by`` from the parent for a measure, else
        ``part_of``."""
        if kind == "measure":
            self.rec.link(parent, child, "measured_by", "document structure", [source])
        else:
            self.rec.link(child, parent, _CHILD_LINK[kind], "document structure", [source])

    def entity(self, named: NamedEntity, subject: str, source: Source, method: str,
               label_suffix: str = "") -> str | None:
        """Record a strategy/board/portfolio and the subject's link to it.

        A generic phrase ("individual organisation's plans") names no strategy or board:
        it is kept on the subject as a generic mention, with its source, and None returned.
        """
        label = named.name + label_suffix
        if self.profile.names.generic.search(named.name):
            self.rec.add_generic(subject, named.name, _ENTITY_LINK[named.kind], source)
            return None
        if named.status == "to be established":
            # not yet a real body: one per subject, named after it
            subject_label = self.rec.mention(subject).label
            ref = self.rec.node(named.kind, f"{label} for {subject_label}", label, source,
                                scope="parent", parent=subject, status=named.status,
                                key_text=label)
        else:
            ref = self.rec.node(named.kind, label, label, source, scope="global",
                                status=named.status)
        self.rec.link(subject, ref, _ENTITY_LINK[named.kind], method, [source])
        return ref

    # -- main loop ---------------------------------------------------------
    def run(self) -> DocumentExtract:
        """Read the document: the extract with its mentions, links, rule hits and warnings; ``LoadError`` when
        no text is left."""
        first = next((ln for ln in self.lines if ln.text.strip()), None)
        if first is None:
            raise LoadError("no text left once page furniture is removed", self.doc.path)
        plan_ref = self.rec.node("plan", self.profile.plan.title,
                                 self.profile.plan.text or self.profile.plan.title,
                                 self.source([first]), scope="global",
                                 key_text=self.profile.plan.id)
        self.context["plan"] = plan_ref
        i = 0
        while i < len(self.lines):
            if self.open_list is not None:
                nxt = self.step_list(self.open_list, i)
                if nxt is not None:
                    i = nxt
                    continue
                self.close_list()
            if not self.lines[i].text.strip():
                i += 1
                continue
            nxt = self.try_rules(i)
            if nxt is not None:
                i = nxt
                continue
            if self.pending_text is not None:
                i = self.take_paragraph(self.pending_text, i)
                continue
            i += 1
        self.close_list()
        for (what, within), places in self.orphaned.items():
            line, name, ref = places[0]
            more = (f" (and {len(places) - 1} more time(s), lines "
                    f"{', '.join(str(p[0].number) for p in places[1:])})") if len(places) > 1 else ""
            self.warn(line, f"{what} comes before any {within} heading, so it was attached to the {name} "
                            f"'{self.rec.mention(ref).label}'{more}", "item-without-parent")
        self.extract.rule_hits = dict(sorted(self.hits.items()))
        self.extract.warnings = list(self.warnings)
        return self.extract

    def take_paragraph(self, ref: str, i: int) -> int:
        """Consume the paragraph at ``i`` as the text of ``ref``, the pending node."""
        lines: list[Line] = []
        while i < len(self.lines) and self.lines[i].text.strip():
            if lines and self.match_rule(self.lines[i]) is not None:
                break
            lines.append(self.lines[i])
            i += 1
        rank = self.pending_rank
        self.pending_text, self.pending_rank = None, 1
        self.rec.set_text(ref, self.clean(" ".join(ln.text for ln in lines)), rank)
        self.rec.add_source(ref, self.source(lines))
        return i

    def match_rule(self, line: Line) -> tuple[str, Any, re.Match[str]] | None:
        """The first rule ``line`` matches, in the order of the module doc, as ``(what, rule,
        match)``: ``what`` ("section", "attribute", "list", "statement", "table") says which
        kind of rule it is, or None when no rule matches."""
        t = line.text.strip()
        for section in self.profile.sections:
            if m := section.match.search(t):
                return ("section", section, m)
        for attribute in self.profile.attributes:
            if m := attribute.match.search(t):
                return ("attribute", attribute, m)
        for list_rule in self.profile.lists:
            if list_rule.opens is not None and (m := list_rule.opens.search(t)):
                return ("list", list_rule, m)
        for statement in self.profile.statements:
            if m := statement.match.search(t):
                return ("statement", statement, m)
        for table in self.profile.tables:
            if m := table.header.search(t):
                return ("table", table, m)
        return None

    def try_rules(self, i: int) -> int | None:
        """Apply the first rule line ``i`` matches; the index of the next line to read, or None when none
        matches."""
        line = self.lines[i]
        found = self.match_rule(line)
        if found is None:
            return None
        what, rule, m = found
        self.hit(rule, line, {"list": "opens", "table": "header"}.get(what, ""))
        self.pending_text, self.pending_rank = None, 1  # a heading came before the expected paragraph
        if what == "section":
            self.section(rule, m, line)
        elif what == "attribute":
            target = self.context.get(rule.kind)
            if target is not None and rule.text == "next":
                self.pending_text, self.pending_rank = target, 2
                self.rec.add_source(target, self.source([line]))
            elif target is not None:
                self.rec.set_text(target, self.clean(m.group("text")), 2)
                self.rec.add_source(target, self.source([line]))
        elif what == "list":
            self.open_list = _OpenList(rule, self.parent_for(rule.within, line, f"list '{rule.name}'"))
        elif what == "statement":
            subject = self.parent_for(rule.within, line, f"statement '{rule.name}'")
            src = self.source([line])
            for named in split_names(m.group("names"), self.profile.names):
                if rule.kind:
                    named = NamedEntity(named.name, rule.kind, named.status)
                self.entity(named, subject, src, rule.name)
        elif what == "table":
            return self.table(rule, i)
        return i + 1

    def section(self, rule: SectionRule, m: re.Match[str], line: Line) -> None:
        """Record the heading ``line`` matched by section ``rule`` (match ``m``) and make it the current node
        of its level."""
        groups = m.groupdict()
        raw_label = groups.get("label") or groups.get("text") or m.group(0)
        label = self.clean(_recase(raw_label, rule.label_case))
        label_rank = 0 if rule.label_case != "as_is" else 1
        if "label" not in groups and "text" in groups:
            label = shorten(label)
        parent = self.parent_for(rule.within, line, f"{rule.kind} heading '{label}'")
        text, rank = label, 0
        if rule.text == "match" and groups.get("text"):
            text, rank = self.clean(groups["text"]), 2
        ref = self.rec.node(rule.kind, label, text, self.source([line]),
                            scope="parent" if rule.scope == "parent" else "plan", parent=parent,
                            label_rank=label_rank, text_rank=rank)
        self.link_child(ref, parent, rule.kind, self.source([line]))
        self.set_context(rule.kind, ref)
        self.subjects.setdefault(rule.name, []).append(ref)
        self.pending_text = ref if rule.text == "next" else None
        if rule.list:
            self.open_list = _OpenList(self.profile.list_rule(rule.list), ref)

    # -- lists -------------------------------------------------------------
    def step_list(self, ol: _OpenList, i: int) -> int | None:
        """Consume line ``i`` into the open list ``ol``, or return None to close it."""
        rule = ol.rule
        line = self.lines[i]
        t = line.text.strip()
        if not t:
            return i + 1
        if rule.sub_item and ol.items and (m := rule.sub_item.match(line.text)):
            self.hit(rule, line, "sub_item")
            self.grow_item(ol, line, m.group("text"))
            return i + 1
        m = rule.item.match(line.text)
        if m:
            self.hit(rule, line, "item")
            text = m.group("text")
            prev = ol.items[-1] if ol.items else None
            if (rule.join_split_items and prev is not None and text[:1].islower()
                    and self.rec.mention(prev[0]).text.rstrip().endswith(",")):
                self.grow_item(ol, line, text)  # one item split in two by the PDF conversion
            else:
                self.new_items(ol, line, text)
            return i + 1
        if rule.first_unmarked and not ol.items and self.match_rule(line) is None:
            self.hit(rule, line, "item")
            self.new_items(ol, line, t)
            return i + 1
        if rule.continuation and ol.items and rule.continuation.match(t):
            self.hit(rule, line, "continuation")
            self.grow_item(ol, line, t)
            return i + 1
        if not ol.items and self.match_rule(line) is None:
            return i + 1  # an introductory sentence before the first item
        return None

    def new_items(self, ol: _OpenList, line: Line, text: str) -> None:
        """One item, or several when the rule's ``item_split`` separates them on this line."""
        rule = ol.rule
        if rule.item_split is None:
            self.new_item(ol, line, text, line.raw)
            return
        pieces = [p for p in rule.item_split.split(text) if p and p.strip()]
        if len(pieces) > 1:
            self.hit(rule, line, "item_split")
        for piece in pieces:
            # the quote is the piece itself (a part of the line) when the line is quoted as is
            raw = piece.strip() if piece.strip() in line.raw else line.raw
            self.new_item(ol, line, piece, raw)

    def measure_fields(self, rule: ListRule, line: Line, text: str) -> tuple[str, dict[str, str]]:
        """What a measure item says of the measure (target, baseline, RAG), and the text without it."""
        found: dict[str, str] = {}
        rest = text
        for name, pattern in rule.fields.items():
            m = pattern.search(rest)
            if m is None or not m.group("value").strip():
                continue
            value = self.clean(m.group("value"))
            if name == "rag":
                rag = _RAG.get(value[:1].lower()) if value.lower() in (
                    "r", "a", "g", "red", "amber", "green") else None
                if rag is None:
                    self.warn(line, f"'{value}' is not a RAG rating (red, amber, green); "
                                    f"left in the measure's text", "rag-unknown")
                    continue
                value = rag
            found[name] = value
            rest = rest[: m.start()] + " " + rest[m.end():]
        if found:  # "Homes insulated (target: 500; RAG: amber)" leaves "Homes insulated ( ; )"
            rest = _EMPTY_BRACKETS.sub(" ", rest)
            rest = _WS.sub(" ", rest).strip(" ,;:-–")
        return rest, found

    def new_item(self, ol: _OpenList, line: Line, text: str, raw: str) -> None:
        """Record one item of the open list ``ol`` (its node, link and source) from ``line``."""
        rule = ol.rule
        clean_text = self.clean(text)
        fields: dict[str, str] = {}
        if rule.fields:
            text, fields = self.measure_fields(rule, line, text)
        label_match = rule.label.search(text) if rule.label else None
        label = shorten(self.clean(label_match.group("label")) if label_match else self.clean(text))
        label = label[:1].upper() + label[1:]
        key_text = self.clean(label_match.group("label")) if label_match else self.clean(text)
        src = Source(document=self.doc.name, line_start=line.number, line_end=line.number,
                     quote=raw, page=line.page)
        if rule.kind in ("commitment", "measure"):
            prefix = rule.id_prefix or rule.kind
            # numbering goes on under the same parent, even one whose heading the document repeats
            # (the same priority twice is one node), so no two items share a position
            counter = (self.identity(ol.parent), prefix)
            self.ordinals[counter] += 1
            ref = self.rec.node(rule.kind, label, clean_text, src, scope="ordinal",
                                parent=ol.parent, ordinal=self.ordinals[counter],
                                id_prefix=prefix, key_text=key_text)
            for name, value in fields.items():
                setattr(self.rec.mention(ref), name, value)
        else:
            ref = self.rec.node(rule.kind, label, clean_text, src,
                                scope="plan", parent=ol.parent, text_rank=1)
        self.link_child(ref, ol.parent, rule.kind, src)
        ol.items.append((ref, [line]))

    def grow_item(self, ol: _OpenList, line: Line, text: str) -> None:
        """Add ``line`` (its ``text``) to the last item of the open list ``ol``."""
        ref, lines = ol.items[-1]
        lines.append(line)
        self.rec.extend(ref, self.clean(text), self.source(lines))

    def close_list(self) -> None:
        """End the open list, if any."""
        self.open_list = None

    # -- tables ------------------------------------------------------------
    def table(self, rule: TableRule, i: int) -> int:
        """Read the table whose header is line ``i``; the index of the first line after it."""
        if rule.layout == "flattened":
            return self.flattened_table(rule, i)
        subjects = self.subjects.get(_subject_rule(self.profile, rule), [])
        header = self.lines[i]
        j = i + 1
        rows: list[Line] = []
        while j < len(self.lines):
            line = self.lines[j]
            if rule.end and rule.end.search(line.text.strip()):
                break
            if not line.text.strip():
                if rows and rule.layout == "rows":
                    break
                j += 1
                continue
            if rows and line.number == rows[-1].number:
                j += 1
                continue  # further virtual lines of a row already read
            rows.append(line)
            j += 1
            if rule.layout == "columns":
                break
        if rule.layout == "columns":
            self.column_table(rule, header, rows, subjects)
        else:
            self.row_table(rule, rows, subjects)
        return j

    def _cell_entity(self, rule: TableRule, text: str, kind: EntityKind | None = None) -> NamedEntity:
        names = self.profile.names
        name = clean_name(text, names)
        if kind is None:
            kind = "board" if names.board.search(name) else "strategy"
        return NamedEntity(name, kind, status_of(text, names))

    def row_text(self, row: Line) -> str:
        """A table row with its cells separated by tabs: the file's line, or (Markdown pipe
        tables) the line as the reader gave it."""
        raw = self.doc.file_lines[row.number - 1]
        return raw if "\t" in raw or "\t" not in row.text else row.text

    def cells(self, row: Line) -> list[list[tuple[str, str]]]:
        """A table row's cells, each as its items (clean text, exact source text)."""
        raw = self.row_text(row)
        if not self.doc.rendered and raw == self.doc.file_lines[row.number - 1]:
            return html_cells(raw)  # text exports keep HTML lists inside cells
        return [[(part.strip(), part.strip()) for part in cell.split(CELL_JOIN) if part.strip()]
                for cell in raw.split("\t")]

    def column_table(self, rule: TableRule, header: Line, rows: list[Line],
                     subjects: list[str]) -> None:
        """A table with a column per subject: each cell's names become entities of that column's subject."""
        for row in rows:
            for col, items in enumerate(self.cells(row)):
                if col >= len(subjects):
                    break
                for text, raw in items:
                    src = Source(document=self.doc.name, line_start=row.number,
                                 line_end=row.number, quote=raw, page=row.page)
                    self.rec.add_source(subjects[col], Source(
                        document=self.doc.name, line_start=header.number, line_end=header.number,
                        quote=header.raw.split("\t")[col].strip() or header.raw, page=header.page))
                    self.entity(self._cell_entity(rule, text), subjects[col], src, rule.name)

    def row_table(self, rule: TableRule, rows: list[Line], subjects: list[str]) -> None:
        """A table with a row per subject: each cell's names become entities of the row's subject, an empty
        cell a blank."""
        for n, row in enumerate(rows):
            if n >= len(subjects):
                break
            raw_cells = self.row_text(row).split("\t")
            for col, kind in enumerate(rule.columns):
                if kind == "subject":
                    continue
                if col >= len(raw_cells):
                    self.rec.add_blank(subjects[n], rule.name, kind, self.source([row]))
                    continue
                cell = raw_cells[col]
                if not cell.strip():
                    self.rec.add_blank(subjects[n], rule.name, kind, self.source([row]))
                    continue
                parts = rule.cell_split.split(cell.strip()) if rule.cell_split else [cell.strip()]
                for part in (p.strip() for p in parts):
                    if not part:
                        continue
                    src = Source(document=self.doc.name, line_start=row.number,
                                 line_end=row.number, quote=part, page=row.page)
                    named = NamedEntity(clean_name(part, self.profile.names), kind,
                                        status_of(part, self.profile.names))
                    self.entity(named, subjects[n], src, rule.name,
                                label_suffix=rule.label_suffix.get(kind, ""))

    def flattened_table(self, rule: TableRule, i: int) -> int:
        """A table whose cells were flattened into paragraphs (slides), its header at line ``i``:
        each paragraph read in turn (``flattened_paragraph``); the index of the first line after it."""
        paragraphs, j = self.table_paragraphs(rule, i)
        row: _TableRow | None = None
        for para in paragraphs:
            row = self.flattened_paragraph(rule, row, para)
        self._close_row(rule, row)
        return j

    def table_paragraphs(self, rule: TableRule, i: int) -> tuple[list[list[Line]], int]:
        """The paragraphs (runs of non-blank lines) after the header at line ``i``, up to the table's
        ``end`` or the document's; and the index of the line where the table ends."""
        paragraphs: list[list[Line]] = []
        current: list[Line] = []
        j = i + 1
        while j < len(self.lines):
            line = self.lines[j]
            t = line.text.strip()
            if rule.end and t and rule.end.search(t):
                break
            if t:
                current.append(line)
            elif current:
                paragraphs.append(current)
                current = []
            j += 1
        if current:
            paragraphs.append(current)
        return paragraphs, j

    def flattened_paragraph(self, rule: TableRule, row: _TableRow | None, para: list[Line]) -> _TableRow | None:
        """Read one paragraph of a flattened table; the row being read after it (``None`` after a theme).

        In order: a theme heading; ``• action`` of the current row; ``subject • action`` (a new row);
        a lower-case continuation of the last action; the row's oversight bodies (after its actions);
        anything else is the subject of a new row.
        """
        text = self.clean(" ".join(ln.text.strip() for ln in para))
        marker = rule.item_marker
        if rule.theme and (m := rule.theme.search(text)):
            self.table_theme(para, m.groupdict().get("label") or text)
            self._close_row(rule, row)
            return None
        if text.startswith(marker) and row is not None:
            self.table_action(rule, row, para, text[len(marker):])
        elif marker in text:
            head, _, action = text.partition(marker)
            self._close_row(rule, row)
            row = self.table_subject(rule, para[:1], head.strip())
            self.table_action(rule, row, para, action)
        elif text[:1].islower() and row is not None and row.actions:
            last = row.actions[-1]
            last.lines.extend(para)
            self.rec.extend(last.ref, text, self.source(last.lines))
        elif row is not None and row.actions and not row.oversight:
            src = self.source(para)
            for named in split_names(text, self.profile.names):
                row.oversight.append(self.entity(named, row.ref, src, rule.name))
        else:
            self._close_row(rule, row)
            row = self.table_subject(rule, para, text)
        return row

    def table_theme(self, para: list[Line], label: str) -> None:
        """Record a theme heading met inside a flattened table and make it the current theme."""
        ref = self.rec.node("theme", label, label, self.source(para), scope="plan",
                            parent=self.context["plan"], text_rank=0)
        self.link_child(ref, self.context["plan"], "theme", self.source(para))
        self.set_context("theme", ref)

    def _close_row(self, rule: TableRule, row: _TableRow | None) -> None:
        """A finished row that named no action or no oversight body has a blank cell."""
        if row is not None and not row.actions:
            self.rec.add_blank(row.ref, rule.name, "commitment", self.source(row.lines))
        if row is not None and not row.oversight:
            self.rec.add_blank(row.ref, rule.name, "board", self.source(row.lines))

    def table_subject(self, rule: TableRule, lines: list[Line], label: str) -> _TableRow:
        """Record a subject (theme or priority) of a flattened table; the row its actions are collected in."""
        parent = self.parent_for("theme")
        ref = self.rec.node(rule.subject_kind, label, label, self.source(lines), scope="plan",
                            parent=parent, label_rank=0)
        self.link_child(ref, parent, rule.subject_kind, self.source(lines))
        return _TableRow(ref=ref, lines=list(lines))

    def table_action(self, rule: TableRule, row: _TableRow, lines: list[Line], text: str) -> None:
        """Record ``text`` as the next commitment of the flattened table ``row``."""
        text = self.clean(text)
        ordinal = len(row.actions) + 1
        ref = self.rec.node("commitment", shorten(text), text, self.source(lines), scope="ordinal",
                            parent=row.ref, ordinal=ordinal,
                            id_prefix=rule.id_prefix or "commitment", key_text=text)
        self.link_child(ref, row.ref, "commitment", self.source(lines))
        row.actions.append(_TableAction(ref=ref, lines=list(lines)))


def _subject_rule(profile: Profile, rule: TableRule) -> str:
    """Name of the section rule whose nodes are the table's subjects, in order."""
    if rule.subjects:
        return rule.subjects
    candidates = [s.name for s in profile.sections if s.kind == rule.subject_kind]
    return candidates[-1] if candidates else ""


def load_outline(doc: DocumentText, profile: Profile) -> DocumentExtract:
    """Loader plugin ``outline``: see module docstring."""
    return OutlineParser(doc, profile).run()
