"""``goldenthread profile draft|check|text``: writing and checking a profile for a new house style.

``text`` prints the lines goldenthread reads from a document, the lines patterns match.
``check`` reads one document with one profile and says, per rule, how many lines it
matched (with the first examples), which lines look like content that no rule claimed,
and every warning the build would give; it exits 1 when there is a warning.
``draft`` proposes a starter profile for a document in an unknown house style.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import typer
from rich.table import Table

from goldenthread.cli.common import check_format, err, out, say, user_errors, warn
from goldenthread.core.errors import LoadError

profile_app = typer.Typer(no_args_is_help=True, help="Draft and check profiles (house styles).")  # cli/main.py adds it


def _load_profile(spec: str):
    """A profile file, or the name of a built-in profile."""
    from goldenthread.loaders.profile import discover_profiles, load_profile

    path = Path(spec)
    if path.is_file():
        return load_profile(path)
    builtin = {p.name: p for p in discover_profiles()}
    if spec in builtin:
        return builtin[spec]
    raise LoadError(f"no such profile file, nor a built-in profile of that name "
                    f"(built-in: {', '.join(sorted(builtin))})", path)


@profile_app.command("draft")
def draft(
    document: Path = typer.Argument(..., metavar="DOC", help="a plan document (.pdf, .docx, .html, .md, .txt)"),
    out_file: Path | None = typer.Option(None, "--out", "-o", metavar="FILE",
                                         help="write the profile here (default: standard output)"),
    name: str | None = typer.Option(None, "--name", metavar="NAME",
                                    help="the profile's name (default: from the title)"),
    force: bool = typer.Option(False, "--force", help="replace --out FILE if it exists"),
) -> None:
    """Propose a starter profile for DOC, a document in a house style goldenthread does not know:
    heading shapes, lists, "We will…" commitments, delivery and oversight statements, tables.
    What it could not decide is listed on stderr, and in the profile's comments."""
    from goldenthread.loaders.draft import draft_profile
    from goldenthread.loaders.readers import read_any

    with user_errors():
        if not document.is_file():
            raise LoadError("document not found", document)
        if out_file is not None and out_file.exists() and not force:
            raise LoadError("exists; choose another --out FILE, or add --force to replace it", out_file)
        result = draft_profile(read_any(document, document.name), name)
        if out_file is not None:
            write_text_atomically(out_file, result.toml)
    if out_file is None:
        sys.stdout.write(result.toml)
    for line in result.undecided:
        err.print(f"note: {line}", markup=False, soft_wrap=True)
    if out_file is not None:
        matched = ", ".join(f"{r.table} '{r.name}' ({r.matches})" for r in result.rules)
        say(f"wrote {out_file}: {len(result.rules)} rules: {matched}")
        say(f"next: goldenthread profile check {document} --profile {out_file}")


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it: never half a file."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise LoadError(f"cannot write: {exc.strerror}", path) from None


@profile_app.command("text")
def text(
    document: Path = typer.Argument(..., metavar="DOC", help="a plan document (.pdf, .docx, .html, .md, .txt)"),
    numbered: bool = typer.Option(False, "--numbered", help="put each line's number (and PDF page) in front"),
) -> None:
    """The text goldenthread reads from DOC: the lines profile patterns match (for PDF, Word
    and HTML the same text build writes to text/NAME.txt)."""
    from goldenthread.loaders.readers import read_any

    with user_errors():
        if not document.is_file():
            raise LoadError("document not found", document)
        doc = read_any(document, document.name)
    pages: dict[int, int | None] = {}  # file line number -> its PDF page
    for line in doc.lines:
        pages.setdefault(line.number, line.page)
    for number, file_line in enumerate(doc.file_lines, start=1):
        if numbered:
            page = f" p{pages[number]}" if pages.get(number) else ""
            sys.stdout.write(f"{number:>5}{page}\t{file_line}\n")
        else:
            sys.stdout.write(file_line + "\n")


@profile_app.command("check")
def check(
    document: Path = typer.Argument(..., metavar="DOC", help="a plan document (.pdf, .docx, .html, .md, .txt)"),
    profile_spec: str = typer.Option(..., "--profile", metavar="FILE",
                                     help="the profile to check (a .toml file, or a built-in profile's name)"),
    examples: int = typer.Option(3, "--examples", metavar="N", help="example lines shown per rule"),
    fmt: str = typer.Option("table", "--format", metavar="FORMAT", help="table | json"),
) -> None:
    """How a profile reads a document: lines matched per rule, content no rule claimed,
    and warnings (exit status 1 when there is any)."""
    from goldenthread.loaders import LOADERS
    from goldenthread.loaders.checks import profile_warnings, rule_report, rule_warnings, unclaimed_lines
    from goldenthread.loaders.profile import BUILTIN_PROFILES, discover_profiles
    from goldenthread.loaders.readers import read_any

    check_format(fmt, ("table", "json"))
    with user_errors():
        if not document.is_file():
            raise LoadError("document not found", document)
        profile = _load_profile(profile_spec)
        doc = read_any(document, document.name)
        if profile.profile.loader not in LOADERS:
            raise LoadError(f"unknown loader '{profile.profile.loader}'", profile.path or profile_spec)
        extract = LOADERS[profile.profile.loader](doc, profile)
    warnings = [*profile_warnings(profile), *extract.warnings, *rule_warnings(profile, doc, extract)]
    builtin = {p.name: p for p in discover_profiles()}
    if (profile.name in builtin and profile.path is not None
            and not profile.path.resolve().is_relative_to(BUILTIN_PROFILES.resolve())):
        from goldenthread.loaders.diagnostics import Diagnostic

        warnings.append(Diagnostic(path=str(profile.path), line=None, code="profile-shadows-builtin",
                                   message=f"profile '{profile.name}' has the name of a built-in profile, "
                                           f"which it would replace in a build; rename it"))
    report = rule_report(profile, doc, extract, examples)
    unclaimed = unclaimed_lines(profile, doc, extract)
    counts: Counter[str] = Counter(m.kind for m in extract.mentions)
    if fmt == "json":
        from goldenthread.core.model import NODE_KINDS  # loaded by the command, not by --help

        sys.stdout.write(json.dumps({
            "document": str(document), "profile": profile.name,
            "found": {k: counts[k] for k in NODE_KINDS if counts[k]},
            "rules": [{"rule": r.key, "name": r.name, "profile_line": r.profile_line,
                       "matched": len(r.lines), "lines": list(r.lines)} for r in report],
            "unclaimed": [{"line": ln.number, "text": ln.text.strip()} for ln in unclaimed],
            "warnings": [w.model_dump() for w in warnings],
        }, indent=2, ensure_ascii=False) + "\n")
    else:
        _print_check(document, profile, report, unclaimed, warnings, counts, examples)
    if warnings:
        raise typer.Exit(1)


def _print_check(document, profile, report, unclaimed, warnings, counts, examples: int) -> None:
    from goldenthread.core.model import NODE_KINDS

    found = ", ".join(f"{counts[k]} {k}" for k in NODE_KINDS if counts[k])
    say(f"{document} read with profile '{profile.name}': {found}")
    table = Table(title="Lines matched per rule")
    for column in ("rule", "profile line", "matched", f"first {examples} (line: text)"):
        table.add_column(column, overflow="fold")
    for r in report:
        table.add_row(r.name, str(r.profile_line or ""), str(len(r.lines)) if r.lines else "0 (never)",
                      "\n".join(r.examples))
    out.print(table)
    if unclaimed:
        say(f"{len(unclaimed)} line(s) look like content (items, 'We will…') but no rule claimed them:")
        for line in unclaimed[:20]:
            say(f"  {line.number}: {line.text.strip()}")
        if len(unclaimed) > 20:
            say(f"  … and {len(unclaimed) - 20} more (--format json lists all)")
    else:
        say("every line that looks like content was claimed by a rule")
    warn(warnings)
    say(f"{len(warnings)} warning(s)")
