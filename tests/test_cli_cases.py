"""Command-line cases kept as files: what a user did, and what goldenthread must say.

Each ``tests/cases/*.toml`` is one case (format below). The case copies the Northmere
example corpus into a temporary folder (``{corpus}``), applies its edits, runs the
real command line in a subprocess and checks the exit status, every line on stderr
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

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_cli_case(case_file: Path, tmp_path: Path) -> None:
    case = tomllib.loads(case_file.read_text(encoding="utf-8"))
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(EXAMPLE, corpus)
    for edit in case.get("edits", []):
        _edit(corpus, edit)
    places = {"corpus": str(corpus), "out": str(out), "graph": str(tmp_path / "graph")}
    for setup in case.get("setup", []):  # commands that must succeed first (a build to query)
        done = subprocess.run([sys.executable, "-m", "goldenthread.cli.main", *[a.format(**places) for a in setup]],
                              cwd=tmp_path, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stdout + done.stderr
    args = [a.format(**places) for a in case["args"]]
    proc = subprocess.run([sys.executable, "-m", "goldenthread.cli.main", *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=180)
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
