"""The README's examples are run, so its sample output cannot go stale.

- A fenced block whose lines start with ``$ `` is a transcript: each command is run (in this
  process, ``helpers.run_cli``, from a temporary folder holding a copy of ``examples/``, with
  ``../shared/corpus/stockport`` meaning the Stockport corpus, on a 160-column terminal) and its
  output must be the lines that follow it, word for word (runs of spaces between columns may
  differ).
- A ``python`` block right after the comment ``<!-- run by tests/test_readme.py -->`` is
  executed from the repository root and must not raise.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, STOCKPORT, require
from helpers import run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.M | re.S)
MARK = "<!-- run by tests/test_readme.py -->"


def _blocks() -> list[tuple[str, str, int, bool]]:
    """(language, body, line, marked) of every fenced block, indentation removed."""
    out = []
    for m in FENCE.finditer(README):
        indent = len(m.group(1))
        body = "".join(line[indent:] for line in m.group(3).splitlines(keepends=True))
        before = README[: m.start()].rstrip().splitlines()
        out.append((m.group(2), body, README[: m.start()].count("\n") + 1, bool(before) and before[-1].strip() == MARK))
    return out


TRANSCRIPTS = [(line, body) for lang, body, line, _ in _blocks() if body.startswith("$ ")]
PROGRAMS = [(line, body) for lang, body, line, marked in _blocks() if lang == "python" and marked]


def _steps(body: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in body.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def test_the_readme_has_examples_to_run():
    assert len(TRANSCRIPTS) >= 2 and PROGRAMS


@pytest.mark.parametrize("line, body", TRANSCRIPTS, ids=[f"README line {n}" for n, _ in TRANSCRIPTS])
def test_transcript(tmp_path: Path, line: int, body: str):
    if "../shared/corpus/stockport" in body:
        require(STOCKPORT.is_dir(), f"Stockport corpus ({STOCKPORT})")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for command, expected in _steps(body):
        args = [a.replace("../shared/corpus/stockport", str(STOCKPORT)) for a in shlex.split(command)]
        assert args[0] == "goldenthread", command
        done = run_cli(*args[1:], cwd=tmp_path, columns=160)  # the width the README shows
        shown = (done.stdout + done.stderr).rstrip("\n").split("\n")
        assert [ln.split() for ln in shown] == [ln.split() for ln in expected], \
            f"README line {line}: `{command}` now prints:\n" + "\n".join(shown)


@pytest.mark.parametrize("line, body", PROGRAMS, ids=[f"README line {n}" for n, _ in PROGRAMS])
def test_python_example(line: int, body: str):
    done = subprocess.run([sys.executable, "-c", body], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"README line {line}:\n{done.stderr}"
