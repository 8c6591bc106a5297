"""Bad input through the command line: one clear line, exit 2, no output folder.

Every case copies the Northmere example corpus (examples/northmere: two
documents, their profiles and a manifest) into ``tmp_path``, breaks one thing
and runs ``goldenthread build`` (in this process: ``helpers.run_cli``). A user
error must be reported as exactly one line on stderr,
``error: PATH[:LINE]: message``, naming the offending file (and the line where
one applies), with exit status 2, no traceback, nothing on stdout, and no
``--out`` folder left behind (or an existing one left untouched).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import CliResult, run_cli

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "northmere"
DOC_P = "northmere-partnership-plan-2035.txt"
DOC_C = "northmere-council-delivery-plan-2025-26.txt"
PROFILE_P = Path("profiles") / "partnership-plan.toml"
PROFILE_C = Path("profiles") / "council-delivery-plan.toml"
MANIFEST = "goldenthread.toml"

# error: PATH[:LINE]: message   (paths in these tests never contain ": ")
ERROR_LINE = re.compile(r"^error: (?P<path>.+?)(?::(?P<line>\d+))?: (?P<message>\S.*)$")


# -- helpers -------------------------------------------------------------------
def build(corpus: Path, out: Path, *extra: str | Path) -> CliResult:
    return run_cli("build", corpus, "--out", out, *extra, cwd=out.parent, columns=None)


def line_number(path: Path, exact: str) -> int:
    """1-based number of the one line of ``path`` equal to ``exact``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, ln in enumerate(lines) if ln == exact]
    assert len(hits) == 1, f"{exact!r} found {len(hits)} times in {path}"
    return hits[0]


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the one line equal to ``old`` with ``new``; return its number."""
    number = line_number(path, old)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


def insert_after(path: Path, anchor: str, new: str) -> int:
    """Insert line ``new`` after the one line equal to ``anchor``; return the new line's number."""
    number = line_number(path, anchor)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(number, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@dataclass
class Expect:
    path: Path  # the file the error must name
    line: int | None = None  # the line it must name, None: no line
    words: tuple[str, ...] = ()  # fragments the message must contain (case-insensitive)


def assert_user_error(proc: CliResult, out: Path, expect: Expect,
                      out_existed: bool = False) -> re.Match[str]:
    both = proc.stdout + proc.stderr
    assert "Traceback" not in both, both
    assert proc.returncode == 2, both
    assert proc.stdout == "", proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), f"expected one line on stderr, got {proc.stderr!r}"
    line = lines[0]
    assert line.startswith("error: "), line
    m = ERROR_LINE.match(line)
    assert m, f"not 'error: PATH[:LINE]: message': {line!r}"
    assert Path(m["path"]).resolve() == expect.path.resolve(), line
    if expect.line is None:
        assert m["line"] is None, f"no line number expected: {line!r}"
    else:
        assert m["line"] is not None and int(m["line"]) == expect.line, \
            f"expected line {expect.line}: {line!r}"
    for word in expect.words:
        assert word.lower() in m["message"].lower(), f"{word!r} not in {line!r}"
    if not out_existed:
        assert not out.exists(), f"{out} was created by a failing build"
    return m


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLE, folder)
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out"


# -- positive control ------------------------------------------------------------
def test_unbroken_copy_builds(corpus: Path, out: Path) -> None:
    proc = build(corpus, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    names = {p.name for p in out.iterdir()}
    assert {"graph.json", "graph.ttl", "report.html", "report.md", "explorer.html"} <= names
    assert not [n for n in names if n.startswith(".")]  # nothing half-written left behind
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    docs = {s["document"] for n in graph["nodes"] for s in n["sources"]}
    assert docs == {DOC_P, DOC_C}
    assert "@prefix" in (out / "graph.ttl").read_text(encoding="utf-8")
    # no staging folder left beside the output
    assert sorted(p.name for p in out.parent.iterdir()) == ["corpus", "out"]


def test_unbroken_copy_builds_without_manifest(corpus: Path, out: Path) -> None:
    (corpus / MANIFEST).unlink()
    proc = build(corpus, out, "--profiles", corpus / "profiles")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "graph.json").is_file() and (out / "graph.ttl").is_file()


# -- the corpus folder -------------------------------------------------------------
def test_missing_corpus_folder(tmp_path: Path, out: Path) -> None:
    missing = tmp_path / "no-such-corpus"
    assert_user_error(build(missing, out), out, Expect(missing, words=("not found",)))


def test_corpus_path_is_a_file(corpus: Path, out: Path) -> None:
    file = corpus / DOC_P
    assert_user_error(build(file, out), out, Expect(file, words=("not a folder",)))


def test_folder_with_only_an_unrecognised_readme(tmp_path: Path, out: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.md").write_text("# Notes\n\nMinutes of the working group.\n", encoding="utf-8")
    assert_user_error(build(folder, out), out,
                      Expect(folder, words=("no recognisable plan document", "README.md")))


# -- documents -----------------------------------------------------------------------
BAD_DOCUMENTS = {
    "empty": ("appendix.txt", b"", None, ("empty",)),
    "whitespace only": ("appendix.txt", b"  \n\t\n\r\n   \n", None, ("empty",)),
    "binary": ("appendix.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\x00" * 512, None, ("binary",)),
    "invalid utf-8": ("appendix.txt", b"Appendix A\n\nCosts in \xa3 sterling\nEnd\n", 3,
                      ("UTF-8", "Windows-1252", "'£'", "save it as UTF-8")),
    "invalid utf-8 after a BOM": ("appendix.txt", b"\xef\xbb\xbfAppendix A\nx\n\xff\n", 3, ("UTF-8",)),
    "invalid utf-8 on line 1": ("appendix.txt", b"\x80Appendix\n", 1, ("UTF-8",)),
    "invalid utf-8, CR line ends": ("appendix.txt", b"Appendix A\r\rCosts\r\x80\r", 4, ("UTF-8",)),
    "invalid utf-8, CRLF line ends": ("appendix.txt", b"Appendix A\r\n\r\nCosts \xe2\x82\r\n", 3, ("UTF-8",)),
    "utf-16 cut in half": ("appendix.txt", b"\xff\xfeA\x00\n\x00\x00\xd8", 2, ("UTF-16", "save it as UTF-8")),
}


@pytest.mark.parametrize("name, data, line, words", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_unusable_file_is_skipped_with_its_reason(corpus: Path, out: Path, name: str, data: bytes,
                                                   line: int | None, words: tuple[str, ...]) -> None:
    """A stray file nobody named does not abort the build: it is listed as skipped, with a warning."""
    (corpus / name).write_bytes(data)
    proc = build(corpus, out)
    assert proc.returncode == 0, proc.stderr
    assert (out / "graph.json").is_file()
    skipped = [ln for ln in proc.stdout.splitlines() if ln.startswith(f"skipped: {name} (")]
    assert len(skipped) == 1, proc.stdout
    warnings = [ln for ln in proc.stderr.splitlines() if ln.startswith("warning: ")]
    assert len(warnings) == 1, proc.stderr
    where = f"{corpus / name}:{line}" if line else f"{corpus / name}"
    assert warnings[0].startswith(f"warning: {where}: skipped: "), warnings[0]
    assert warnings[0].endswith("[file-skipped]")
    for word in words:
        assert word.lower() in skipped[0].lower(), skipped[0]
        assert word.lower() in warnings[0].lower(), warnings[0]


@pytest.mark.parametrize("name, data, line, words", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_unusable_file_fails_a_strict_build(corpus: Path, out: Path, name: str, data: bytes,
                                            line: int | None, words: tuple[str, ...]) -> None:
    (corpus / name).write_bytes(data)
    proc = build(corpus, out, "--strict")
    assert proc.returncode == 2 and proc.stdout == "" and not out.exists(), proc.stdout + proc.stderr
    first, last = proc.stderr.splitlines()
    where = f"{corpus / name}:{line}" if line else f"{corpus / name}"
    assert first.startswith(f"error: {where}: skipped: "), first
    assert last == "error: 1 warning(s) and --strict: nothing written"


def test_text_in_utf16_is_read(corpus: Path, out: Path) -> None:
    text = (corpus / DOC_C).read_text(encoding="utf-8")
    (corpus / DOC_C).write_bytes(text.encode("utf-16"))  # with a byte-order mark, as Notepad saves it
    proc = build(corpus, out)
    assert proc.returncode == 0, proc.stderr
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert sum(n["kind"] == "commitment" and n["plan"] == "northmere-council-plan-2025-26"
               for n in graph["nodes"]) == 21


def test_bad_document_named_in_manifest(corpus: Path, out: Path) -> None:
    (corpus / DOC_C).write_bytes(b"")
    assert_user_error(build(corpus, out), out, Expect(corpus / DOC_C, None, ("empty",)))


def test_document_named_in_manifest_in_another_encoding(corpus: Path, out: Path) -> None:
    text = (corpus / DOC_C).read_text(encoding="utf-8").replace("Draft for Cabinet", "Draft for Cabinet – £")
    (corpus / DOC_C).write_bytes(text.encode("cp1252"))
    assert_user_error(build(corpus, out), out,
                      Expect(corpus / DOC_C, 1, ("not valid UTF-8", "Windows-1252", "save it as UTF-8")))


def test_document_with_only_ignored_lines(corpus: Path, out: Path) -> None:
    # named in the manifest, so read although nothing in it is recognisable
    (corpus / DOC_C).write_text("Northmere Council | Draft for Cabinet\n\n", encoding="utf-8")
    assert_user_error(build(corpus, out), out, Expect(corpus / DOC_C, None, ("no text left",)))


def test_document_matched_by_two_profiles(corpus: Path, out: Path) -> None:
    (corpus / MANIFEST).write_text('profiles = ["profiles"]\n', encoding="utf-8")
    copy = corpus / "profiles" / "partnership-plan-copy.toml"
    shutil.copy(corpus / PROFILE_P, copy)
    replace_line(copy, 'name = "northmere-partnership-plan"', 'name = "northmere-partnership-plan-copy"')
    assert_user_error(build(corpus, out), out, Expect(
        corpus / DOC_P, None,
        ("several profiles", "northmere-partnership-plan,", "northmere-partnership-plan-copy")))


# -- profiles ------------------------------------------------------------------------
def test_profile_unknown_key_in_profile_table(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_P
    line = insert_after(file, "authority = 10", 'colour = "red"')
    assert_user_error(build(corpus, out), out, Expect(file, line, ("unknown key", "profile.colour")))


def test_profile_unknown_key_in_list_entry(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_P
    line = insert_after(file, 'name = "indicators"', 'colour = "red"')  # the second [[lists]]
    assert_user_error(build(corpus, out), out, Expect(file, line, ("unknown key", "lists.1.colour")))


def test_profile_bad_regex_in_section(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_P
    line = replace_line(file, r"match = '^(?:#+ )?Priority \d+\.\d+ - (?P<label>.+)$'", "match = '^(unclosed'")
    assert_user_error(build(corpus, out), out,
                      Expect(file, line, ("sections.1.match", "bad pattern", "^(unclosed")))


def test_profile_section_missing_its_pattern(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_P
    line = line_number(file, 'name = "priority"') - 1  # the second [[sections]] header
    replace_line(file, r"match = '^(?:#+ )?Priority \d+\.\d+ - (?P<label>.+)$'", "")
    assert_user_error(build(corpus, out), out, Expect(file, line, ("sections.1.match", "required")))


def test_profile_bad_regex_in_recognise(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_C
    line = replace_line(file, r"all = ['^(?:#+ )?Council Delivery Plan \d{4}/\d{2}$', '^(?:#+ )?Focus area [A-Z]\d+:']",
                        r"all = ['^(?:#+ )?Council Delivery Plan \d{4}/\d{2}$', '^(?:#+ )?Focus area [A-Z\d+:']")
    assert_user_error(build(corpus, out), out, Expect(file, line, ("recognise.all", "bad pattern")))


def test_profile_pattern_without_the_group_the_loader_reads(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_P
    line = replace_line(file, r"item = '^[*•-]\s+(?P<text>.+)$'", r"item = '^[*•-]\s+.+$'")
    assert_user_error(build(corpus, out), out, Expect(file, line, ("lists.1.item", "(?P<text>")))


def test_profile_statement_without_names_group(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_P
    line = replace_line(file, r"match = '^(?:\*\*)?Oversight:(?:\*\*)?\s*(?P<names>.+)$'",
                        r"match = '^(?:\*\*)?Oversight:(?:\*\*)?\s*(.+)$'")
    assert_user_error(build(corpus, out), out, Expect(file, line, ("statements.1.match", "(?P<names>")))


def test_profile_invalid_toml(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_C
    line = insert_after(file, "[recognise]", "this line is not toml")
    assert_user_error(build(corpus, out), out, Expect(file, line, ("invalid TOML",)))


def test_profile_unknown_loader(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_P
    # a comment mentioning the loader must not be taken for the offending line
    text = file.read_text(encoding="utf-8")
    file.write_text("# Read by the outline loader after PDF-to-text conversion.\n" + text, encoding="utf-8")
    line = replace_line(file, 'loader = "outline"', 'loader = "pdfminer"')
    assert_user_error(build(corpus, out), out, Expect(file, line, ("unknown loader", "pdfminer", "outline")))


def test_profile_unknown_status(corpus: Path, out: Path) -> None:
    file = corpus / PROFILE_P
    line = insert_after(file, r""""to be refreshed" = '(?i)\bto be refreshed\b'""",
                        r""""to be delivered" = '(?i)\bto be delivered\b'""")
    assert_user_error(build(corpus, out), out,
                      Expect(file, line, ("names.status", "unknown status", "to be delivered")))


def test_profile_folder_missing(corpus: Path, out: Path) -> None:
    missing = corpus.parent / "no-such-profiles"
    assert_user_error(build(corpus, out, "--profiles", missing), out, Expect(missing, None, ("not found",)))


# -- the manifest ----------------------------------------------------------------------
def test_manifest_missing_document(corpus: Path, out: Path) -> None:
    file = corpus / MANIFEST
    line = replace_line(file, f'file = "{DOC_P}"', 'file = "northmere-partnership-plan-2036.txt"')
    assert_user_error(build(corpus, out), out,
                      Expect(file, line, ("northmere-partnership-plan-2036.txt", "not found")))


def test_manifest_missing_document_whose_name_is_part_of_another(corpus: Path, out: Path) -> None:
    file = corpus / MANIFEST
    text = file.read_text(encoding="utf-8")
    file.write_text(text + '\n[[documents]]\nfile = "delivery-plan-2025-26.txt"\n'
                           'profile = "northmere-council-delivery-plan"\n', encoding="utf-8")
    line = line_number(file, 'file = "delivery-plan-2025-26.txt"')
    assert_user_error(build(corpus, out), out, Expect(file, line, ("delivery-plan-2025-26.txt", "not found")))


def test_manifest_unknown_profile(corpus: Path, out: Path) -> None:
    file = corpus / MANIFEST
    # the unknown name is a prefix of the document's file name on the line before
    line = replace_line(file, 'profile = "northmere-partnership-plan"', 'profile = "northmere-partnership"')
    assert_user_error(build(corpus, out), out,
                      Expect(file, line, ("unknown profile", "'northmere-partnership'")))


def test_manifest_unknown_top_level_key(corpus: Path, out: Path) -> None:
    file = corpus / MANIFEST
    line = insert_after(file, 'profiles = ["profiles"]', 'colour = "red"')
    assert_user_error(build(corpus, out), out, Expect(file, line, ("unknown key", "colour")))


def test_manifest_unknown_key_in_document_entry(corpus: Path, out: Path) -> None:
    file = corpus / MANIFEST
    line = insert_after(file, 'profile = "northmere-council-delivery-plan"', 'titel = "Delivery Plan"')
    assert_user_error(build(corpus, out), out, Expect(file, line, ("unknown key", "documents.1.titel")))


def test_manifest_entry_missing_its_profile(corpus: Path, out: Path) -> None:
    file = corpus / MANIFEST
    line = line_number(file, f'file = "{DOC_P}"') - 1  # the entry's [[documents]] header
    replace_line(file, 'profile = "northmere-partnership-plan"', "")  # not the next entry's profile line
    assert_user_error(build(corpus, out), out, Expect(file, line, ("documents.0.profile", "required")))


def test_manifest_bad_plan_id(corpus: Path, out: Path) -> None:
    file = corpus / MANIFEST
    line = insert_after(file, 'profile = "northmere-council-delivery-plan"', 'plan = "Council Plan"')
    assert_user_error(build(corpus, out), out, Expect(file, line, ("documents.1.plan",)))


def test_manifest_invalid_toml(corpus: Path, out: Path) -> None:
    file = corpus / MANIFEST
    line = insert_after(file, 'profiles = ["profiles"]', "[[documents]")
    assert_user_error(build(corpus, out), out, Expect(file, line, ("invalid TOML",)))


def test_manifest_option_names_missing_file(corpus: Path, out: Path) -> None:
    missing = corpus.parent / "elsewhere" / "goldenthread.toml"
    assert_user_error(build(corpus, out, "--manifest", missing), out, Expect(missing, None, ("not found",)))


# -- the output folder ---------------------------------------------------------------
@pytest.mark.parametrize("breakage", ["empty document", "unknown profile key", "manifest missing file"])
def test_failing_build_leaves_existing_output_untouched(corpus: Path, out: Path, breakage: str) -> None:
    out.mkdir()
    old = '{"nodes": [], "edges": [], "note": "from yesterday"}\n'
    (out / "graph.json").write_text(old, encoding="utf-8")
    before = (out / "graph.json").stat().st_mtime_ns
    if breakage == "empty document":
        (corpus / DOC_P).write_bytes(b"")
        expect = Expect(corpus / DOC_P, None, ("empty",))
    elif breakage == "unknown profile key":
        file = corpus / PROFILE_C
        expect = Expect(file, insert_after(file, "[plan]", 'colour = "red"'), ("plan.colour",))
    else:
        file = corpus / MANIFEST
        expect = Expect(file, replace_line(file, f'file = "{DOC_C}"', 'file = "gone.txt"'), ("gone.txt",))
    assert_user_error(build(corpus, out), out, expect, out_existed=True)
    assert [p.name for p in out.iterdir()] == ["graph.json"]
    assert (out / "graph.json").read_text(encoding="utf-8") == old
    assert (out / "graph.json").stat().st_mtime_ns == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["corpus", "out"]


def test_out_is_an_existing_file(corpus: Path, out: Path) -> None:
    out.write_text("not a folder\n", encoding="utf-8")
    assert_user_error(build(corpus, out), out, Expect(out, None, ("not a folder",)), out_existed=True)
    assert out.read_text(encoding="utf-8") == "not a folder\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["corpus", "out"]
