"""Tables: tab-separated rows, and tables flattened into paragraphs (slides).

Inputs: the ``View`` and the ``Structure`` (so a table's rows or columns can
be tied to the themes or priorities they are about).
Outputs: ``Rule`` objects for ``[[tables]]`` when the layout is clear, extra
``[[sections]]`` when a two-column table is the only place priorities are
named, and notes for the tables left undecided.

Layouts recognised:
- rows: a header row whose first cell names the theme or priority level
  ("Goal", "Ambition") and whose other cells name portfolios, boards or
  strategies ("Cabinet portfolio", "Scrutiny panel");
- columns: a row whose cells are the themes' labels, the row under it
  listing names per theme;
- flattened: a repeated header line naming table columns ("Theme Priority
  Actions Oversight") followed by paragraphs holding a bullet after their
  first words ("Early help • Open two hubs …");
- a subject table: rows of a short name and its description, when nothing
  else names the priorities (a report restating a plan's priorities).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from goldenthread.loaders.draft import vocabulary as vocab
from goldenthread.loaders.draft.compare import content_words
from goldenthread.loaders.draft.features import LineInfo, View
from goldenthread.loaders.draft.model import Rule, describe, line_list, quote_example
from goldenthread.loaders.draft.rx import alternation, char_class, checked, esc
from goldenthread.loaders.draft.structure import Level, Structure

_BULLETS = "•▪●◦"


@dataclass
class TabTable:
    """Consecutive tab-separated rows."""

    rows: list[LineInfo] = field(default_factory=list)

    @property
    def lines(self) -> list[int]:
        """File line numbers of the table's rows."""
        return [li.number for li in self.rows]


@dataclass
class Tables:
    """What the table analysis proposes."""

    rules: list[Rule] = field(default_factory=list)      # [[tables]]
    sections: list[Rule] = field(default_factory=list)   # [[sections]] from a subject table
    notes: list[str] = field(default_factory=list)       # undecided


def _cells(li: LineInfo) -> list[str]:
    """A row's cells, markup removed, white space collapsed."""
    return [" ".join(c.replace("**", "").split()) for c in li.text.split("\t")]


def tab_tables(view: View) -> list[TabTable]:
    """Runs of tab-separated rows (a single blank line inside a run is allowed)."""
    tables: list[TabTable] = []
    current: TabTable | None = None
    gap = 0
    for li in view.lines:
        if li.tab:
            if current is None or gap > 1:
                current = TabTable()
                tables.append(current)
            current.rows.append(li)
            gap = 0
        elif li.blank:
            gap += 1
        else:
            gap = 2
    return tables


def _jaccard(a: str, b: str) -> float:
    """Share of content words two texts have in common (0 when either has none)."""
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _column_kind(header: str) -> str | None:
    """What a column header names: 'portfolio', 'board', 'strategy', or None (unknown)."""
    if vocab.PORTFOLIO_COLUMN.search(header):
        return "portfolio"
    if vocab.BOARD_COLUMN.search(header):
        return "board"
    if vocab.STRATEGY_COLUMN.search(header):
        return "strategy"
    return None


def _subject_level(first: str, structure: Structure) -> Level | None:
    """The level a header's first cell names: a heading keyword, else theme/priority words."""
    words = content_words(first)
    for lv in structure.levels:
        if words and words <= content_words(lv.family.keyword):
            return lv
    if vocab.THEME_WORDS.search(first):
        return structure.theme
    if vocab.PRIORITY_WORDS.search(first):
        return structure.main
    return None


def _rows_rule(table: TabTable, structure: Structure) -> Rule | None:
    """A ``rows`` table rule when the header names a level and every other column's kind."""
    header = table.rows[0]
    cells = _cells(header)
    if len(cells) < 2 or len(table.rows) < 2:
        return None
    level = _subject_level(cells[0], structure)
    kinds = [_column_kind(c) for c in cells[1:]]
    if level is None or None in kinds:
        return None
    data = table.rows[1:]
    fields: dict[str, object] = {"name": "accountability" if "portfolio" in kinds else "table",
                                 "layout": "rows",
                                 "header": checked("^" + esc(header.stripped) + "$"),
                                 "subject_kind": level.kind, "subjects": level.name,
                                 "columns": ["subject", *kinds]}
    if any("  " in c.strip() for li in data for c in li.text.split("\t")):
        fields["cell_split"] = r"\s{2,}"
    suffixes = {}
    for col, (kind, head) in enumerate(zip(kinds, cells[1:]), start=1):
        last = head.split()[-1].lower() if head.split() else ""
        values = [_cells(li)[col] for li in data if col < len(_cells(li)) and _cells(li)[col]]
        if kind in ("portfolio", "board") and values and not any(v.lower().endswith(last) for v in values):
            suffixes[kind] = " " + (last if kind == "portfolio" else head)
    if suffixes:
        fields["label_suffix"] = suffixes
    comment = (f"a table with one row per {level.kind} ('{level.name}' headings, in order): header "
               f"'{quote_example(' | '.join(cells))}' (line {header.number}), {len(data)} rows")
    return Rule("tables", fields, [comment], table.lines)


def _next_row(view: View, row: LineInfo) -> int | None:
    """The file line of the row under ``row``: the next line holding a tab (HTML cells
    are parsed into list lines, so the view may not show it as a row)."""
    lines = view.doc.file_lines
    for number in range(row.number + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.strip():
            return number if "\t" in text else None
    return None


def _columns_rule(table: TabTable, structure: Structure, view: View) -> Rule | None:
    """A ``columns`` table rule when a row's cells are (nearly all) the themes' labels."""
    theme = structure.theme
    if theme is None:
        return None
    for row in table.rows:
        cells = [c for c in _cells(row) if c]
        below = _next_row(view, row)
        if len(cells) < 2 or below is None:
            continue
        hits = sum(1 for c in cells if any(_jaccard(c, label) >= 0.5 for label in theme.family.labels))
        if hits >= 0.75 * len(cells):
            first = row.text.split("\t")[0].strip()
            fields = {"name": "plans per theme", "layout": "columns",
                      "header": checked("^" + esc(first) + r"\t"),
                      "subject_kind": "theme", "subjects": theme.name}
            comment = (f"a table whose columns are the themes (header line {row.number}, "
                       f"'{quote_example(cells[0], 40)}' …): the row below (line {below}) lists "
                       f"names per theme")
            return Rule("tables", fields, [comment], [row.number, below])
    return None


def _subject_sections(table: TabTable) -> list[Rule]:
    """A two-column table of short names and descriptions: its rows are priorities, and rows
    whose first cell is 'Name – description' (or stands alone) group them as themes."""
    subjects, groups = [], []
    for li in table.rows:
        cells = [c.strip() for c in li.text.split("\t")]
        filled = [c for c in cells if c]
        first = cells[0]
        dash = next((d for d in (" – ", " - ") if d in first), None)
        if dash and len(first.split(dash)[0].split()) <= 4 and len(filled) <= 2:
            groups.append((li, first.split(dash)[0].strip(), dash.strip()))
        elif (len(cells) == 2 and len(filled) == 2 and 1 <= len(first.split()) <= 8
              and first[:1].isupper() and not first.endswith((":", ".")) and len(cells[1].split()) >= 4):
            subjects.append((li, first))
    if len(subjects) < 3:
        return []
    rules = []
    if len(groups) >= 2:
        labels = [g for _, g, _ in groups]
        pattern = checked("^(?P<label>" + alternation(labels) + r")\s+[–-]\s", ("label",))
        rules.append(Rule("sections", {"name": "theme", "match": pattern, "kind": "theme", "within": "plan"},
                          [describe(len(groups), "table row", groups[0][0].text.split("\t")[0],
                                    [li.number for li, _, _ in groups]) + " naming a group of rows: themes"],
                          [li.number for li, _, _ in groups]))
    labels = [s for _, s in subjects]
    cls = char_class(labels)
    pattern = checked("^(?P<label>" + cls + "{2," + str(max(len(s) for s in labels) + 40) + r"}?)\t"
                      r"(?P<text>[^\t]*[^\t\s][^\t]*?)\s*$", ("label", "text"))
    rules.append(Rule("sections", {"name": "priority", "match": pattern, "kind": "priority",
                                   "within": "theme" if len(groups) >= 2 else "plan", "text": "match"},
                      [describe(len(subjects), "table row", subjects[0][0].text.split("\t")[0],
                                [li.number for li, _ in subjects])
                       + ": a name, then its description (priorities)"],
                      [li.number for li, _ in subjects]))
    return rules


def _flattened(view: View) -> Rule | None:
    """A table whose cells became paragraphs: a header line repeated before each part."""
    headers: dict[str, list[LineInfo]] = {}
    for li in view.lines:
        if (not li.blank and not li.tab and li.marker is None and 2 <= li.words <= 8
                and len(vocab.TABLE_HEADER_WORDS.findall(li.plain)) >= 2 and not li.sentence_end):
            headers.setdefault(li.plain, []).append(li)
    for text, occs in sorted(headers.items(), key=lambda kv: kv[1][0].pos):
        regions = [_region(view, li) for li in occs]
        marked = [p for r in regions for p in r if _mid_bullet(p) is not None]
        if len(marked) < 2:
            continue
        bullet = _mid_bullet(marked[0])
        themes = []
        for r in regions:
            if r and _mid_bullet(r[0]) is None and not any(c in _BULLETS for c in r[0]) \
                    and len(r[0].split()) <= 4:
                themes.append(r[0])
        ends = {occs[0].stripped}
        for li in occs:
            after = _after_region(view, li)
            if after is not None and after.plain != text:
                ends.add(after.stripped)
        fields = {"name": "flattened table", "layout": "flattened",
                  "header": checked("^" + esc(occs[0].stripped) + "$"),
                  "end": checked("^(?:" + alternation(sorted(ends)) + r")\s*$"),
                  "subject_kind": "priority", "item_kind": "commitment", "item_marker": bullet}
        if themes:
            fields["theme"] = checked("^(?P<label>" + alternation(sorted(set(themes))) + ")$", ("label",))
        comment = (f"a table flattened into paragraphs under the header '{quote_example(text)}' "
                   f"({line_list([li.number for li in occs])}): {len(marked)} rows with actions marked "
                   f"'{bullet}'; the paragraph right under each header is a theme, and the table ends "
                   f"at the next page break")
        return Rule("tables", fields, [comment], [li.number for li in occs])
    return None


def _paragraphs(view: View, start: int, stop: int) -> list[str]:
    """The paragraphs (blank-line separated, lines joined by spaces) of lines start..stop."""
    out: list[str] = []
    current: list[str] = []
    for li in view.lines[start:stop]:
        if li.blank:
            if current:
                out.append(" ".join(current))
                current = []
        else:
            current.append(li.stripped)
    if current:
        out.append(" ".join(current))
    return out


def _region_end(view: View, header: LineInfo) -> int:
    """The table part under ``header`` runs to the next page break (two or more blank lines)
    or the next occurrence of the header."""
    j = header.pos + 1
    while j < len(view):
        li = view.lines[j]
        if li.plain == header.plain:
            return j
        if not li.blank and view.blanks_before(j) >= 2 and j > header.pos + 2:
            return j
        j += 1
    return len(view)


def _region(view: View, header: LineInfo) -> list[str]:
    """The paragraphs of the table part under ``header``."""
    return _paragraphs(view, header.pos + 1, _region_end(view, header))


def _after_region(view: View, header: LineInfo) -> LineInfo | None:
    """The first line after the table part under ``header`` (where the table ends)."""
    end = _region_end(view, header)
    return view.lines[end] if end < len(view) else None


def _mid_bullet(paragraph: str) -> str | None:
    """The bullet character a paragraph holds after some words ("Name • action"), if any."""
    for i, c in enumerate(paragraph):
        if c in _BULLETS:
            return c if paragraph[:i].strip() else None
    return None


def table_rules(view: View, structure: Structure) -> Tables:
    """Table rules, sections from a subject table (when nothing else names priorities), notes."""
    out = Tables()
    for table in tab_tables(view):
        if not any(len([c for c in _cells(li) if c]) >= 2 for li in table.rows):
            continue  # a stray tab, not a table
        rule = _rows_rule(table, structure) or _columns_rule(table, structure, view)
        if rule is not None:
            out.rules.append(rule)
            continue
        first = _cells(table.rows[0])
        if not structure.levels and not out.sections:
            sections = _subject_sections(table)
            if sections:
                out.sections.extend(sections)
                continue
        if all(c.endswith(":") for c in (_cells(li)[0] for li in table.rows) if c):
            out.notes.append(f"table at {line_list(table.lines)} holds the document's details "
                             f"('{quote_example(first[0], 30)}' …): not read")
            continue
        out.notes.append(f"table at {line_list(table.lines)} ({len(table.rows)} rows, first row "
                         f"'{quote_example(' | '.join(first), 50)}'): layout not recognised, "
                         f"no [[tables]] rule")
    flat = _flattened(view)
    if flat is not None:
        out.rules.append(flat)
    names: dict[str, int] = {}
    for rule in out.rules:
        names[rule.name] = names.get(rule.name, 0) + 1
        if names[rule.name] > 1:
            rule.fields["name"] = f"{rule.name} {names[rule.name]}"
    return out
