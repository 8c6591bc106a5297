"""The same input gives byte-identical graph.json and graph.ttl (users diff them in git)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, STOCKPORT, require


def _build(corpus: Path, out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "goldenthread.cli.main", "build", str(corpus), "--out", str(out)],
                   check=True, env=env, capture_output=True)


@pytest.mark.parametrize("which", ["example", "stockport"])
def test_two_builds_are_byte_identical(tmp_path, which):
    corpus = EXAMPLE if which == "example" else STOCKPORT
    if which == "stockport":
        require(STOCKPORT.is_dir(), f"Stockport corpus ({STOCKPORT})")
    _build(corpus, tmp_path / "a", "1")
    _build(corpus, tmp_path / "b", "2")
    for name in ("graph.json", "graph.ttl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
