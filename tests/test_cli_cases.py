"""Command-line cases kept as files: what a user did, and what goldenthread must say.

Each ``tests/cases/*.toml`` is one case (format below). The case copies the Northmere
example corpus into a temporary folder (``{corpus}``), applies its edits, runs the
command line (in this process, as ``tests/helpers.py`` ``run_cli`` runs it: a piped
terminal, stdout and stderr apart, a crash's traceback kept) and checks the exit status, every line on stderr
(each a regular expression, in order, all of them), text on stdout and the files
written to ``{out}`` (nothing at all when the command fails).

    description = "what the user did"
    setup = [["build", "{corpus}", "--out", "{graph}"]]   # optional: commands run first
    args = ["build", "{corpus}", "--out", "{out}"]
    [[edits]]                      # in order; each names a file inside the corpus
    file = "profiles/partnership-plan.toml"
    replace = "line as it is"      # the one whole line equal to this…
    with = "line as it becomes"    # …becomes this ("" deletes its text)
    # or: write = "new content" | write_bytes = "bytes as \u00ff" | append = "more lines"
    #     | move_to = "sub/name" | copy_to = "name"
    [expect]
    exit = 0
    stderr = ['^warning: {corpus}/…:45: … \\[rule-unmatched\\]$']   # {corpus}, {out} are escaped
    stdout = ["substring", …]
    outputs = ["graph.json", "text/…"]
    contents = { "graph.json" = ["substring", …] }
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "northmere"
CASES = sorted((Path(__file__).parent / "cases").glob("*.toml"))


def _edit(corpus: Path, edit: dict) -> None:
    path = corpus / edit["file"]
    if "move_to" in edit or "copy_to" in edit:
        target = corpus / edit.get("move_to", edit.get("copy_to"))
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.move if "move_to" in edit else shutil.copy)(path, target)
    elif "write" in edit:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(edit["write"], encoding="utf-8")
    elif "write_bytes" in edit:  # each character one byte: "\u00ff" writes 0xFF
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(edit["write_bytes"].encode("latin-1"))
    elif "append" in edit:
        path.write_text(path.read_text(encoding="utf-8") + edit["append"], encoding="utf-8")
    else:
        lines = path.read_text(encoding="utf-8").split("\n")
        hits = [i for i, line in enumerate(lines) if line == edit["replace"]]
        assert len(hits) == 1, f"case edit: {edit['replace']!r} found {len(hits)} times in {path}"
        lines[hits[0]] = edit["with"]
        path.write_text("\n".join(lines), encoding="utf-8")


def _prepare(case: dict, tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """The case's corpus copied and edited, its setup commands run; returns the command's
    arguments and the places they name."""
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLE, corpus)
    for edit in case.get("edits", []):
        _edit(corpus, edit)
    places = {"corpus": str(corpus), "out": str(tmp_path / "out"), "graph": str(tmp_path / "graph")}
    for setup in case.get("setup", []):  # commands that must succeed first (a build to query)
        done = run_cli(*[a.format(**places) for a in setup], cwd=tmp_path, columns=None)
        assert done.returncode == 0, done.stdout + done.stderr
    return [a.format(**places) for a in case["args"]], places


def _load(case_file: Path) -> dict:
    return tomllib.loads(case_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_cli_case(case_file: Path, tmp_path: Path) -> None:
    case = _load(case_file)
    args, places = _prepare(case, tmp_path)
    out = Path(places["out"])
    proc = run_cli(*args, cwd=tmp_path, columns=None)
    expect = case["expect"]
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == expect["exit"], proc.stdout + proc.stderr
    escaped = {k: re.escape(v) for k, v in places.items()}
    wanted = []
    for pattern in expect.get("stderr", []):
        for key, value in escaped.items():
            pattern = pattern.replace("{" + key + "}", value)
        wanted.append(pattern)
    lines = proc.stderr.splitlines()
    assert len(lines) == len(wanted), f"{case['description']}: stderr was\n{proc.stderr}"
    for line, pattern in zip(lines, wanted):
        assert re.fullmatch(pattern, line), f"{case['description']}:\n  {line!r}\ndoes not match\n  {pattern!r}"
    for text in expect.get("stdout", []):
        assert text in proc.stdout, f"{case['description']}: {text!r} not in stdout:\n{proc.stdout}"
    if expect["exit"] == 2:
        assert proc.stdout == "" and not out.exists(), "a failing command wrote output"
    for name in expect.get("outputs", []):
        assert (out / name).is_file(), f"{case['description']}: {name} not written"
    for name, texts in expect.get("contents", {}).items():
        written = (out / name).read_text(encoding="utf-8")
        for text in texts:
            assert text in written, f"{case['description']}: {text!r} not in {name}"


# a warning build and a refused command: what the harness runs in this process is what a user's
# real process prints, byte for byte, with the same exit status
IN_A_REAL_PROCESS = ["warn-duplicate-id", "diff-not-a-build-folder"]


@pytest.mark.parametrize("name", IN_A_REAL_PROCESS)
def test_a_case_says_the_same_in_a_real_process(name: str, tmp_path: Path) -> None:
    case = _load(Path(__file__).parent / "cases" / f"{name}.toml")
    args, _ = _prepare(case, tmp_path)
    inside = run_cli(*args, cwd=tmp_path, columns=None)
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    # a user's piped process has no COLUMNS; under pytest (its workers) one is often exported
    piped = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    real = subprocess.run([sys.executable, "-m", "goldenthread.cli.main", *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=180, env=piped)
    assert (real.returncode, real.stdout, real.stderr) == (inside.returncode, inside.stdout, inside.stderr)
    assert real.returncode == case["expect"]["exit"]
