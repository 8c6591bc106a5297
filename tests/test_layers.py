"""The packages are layers, each importing only the ones below it (README, "Layout of the repository").

    cli > viz > queries > graph > loaders | ontology > core

(loaders and ontology side by side: neither imports the other), and no import cycles
inside a package either. The contracts are ``[tool.importlinter]`` in pyproject.toml, checked
here with import-linter; imports inside functions count too, and so does a chain through other
modules. grimp, which import-linter
builds its graph with, cannot see through the editable install's import hook (the folders
graph/, loaders/, ... are mapped onto goldenthread.graph, ... by it), so the test copies the
packages named by ``package-dir`` in pyproject.toml into a plain goldenthread/ tree and
checks that copy.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT, require

PYPROJECT = ROOT / "pyproject.toml"
LINT = ("import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True))")


def _tree(where: Path) -> Path:
    """A copy of the packages' .py files as a plain goldenthread/ package under ``where``."""
    package_dir = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]
    top = where / "goldenthread"
    top.mkdir()
    (top / "__init__.py").write_text("", encoding="utf-8")
    for package, folder in package_dir.items():
        source = ROOT / folder
        target = top / package.removeprefix("goldenthread.").replace(".", "/")
        for file in source.rglob("*.py"):
            if "__pycache__" in file.parts:
                continue
            copy = target / file.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, copy)
    return where


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([sys.executable, "-c", LINT, str(PYPROJECT)], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=120)


def test_packages_import_only_downwards(tmp_path: Path) -> None:
    require(importlib.util.find_spec("importlinter") is not None, "import-linter (pip install -e '.[test]')")
    done = _lint(_tree(tmp_path))
    assert done.returncode == 0, f"an import breaks the layers (README, 'Layout of the repository'):\n{done.stdout}"
    assert "2 kept, 0 broken" in done.stdout, done.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """The check is not vacuous: one lazy upward import (graph -> viz) fails it, and is named."""
    require(importlib.util.find_spec("importlinter") is not None, "import-linter (pip install -e '.[test]')")
    tree = _tree(tmp_path)
    nx = tree / "goldenthread" / "graph" / "nx.py"
    nx.write_text(nx.read_text(encoding="utf-8") + "\n\ndef _upward() -> None:\n"
                  "    from goldenthread.viz import report  # noqa: F401\n", encoding="utf-8")
    done = _lint(tree)
    assert done.returncode != 0, done.stdout
    assert "goldenthread.graph.nx -> goldenthread.viz.report" in done.stdout, done.stdout


def test_an_import_cycle_breaks_the_contract(tmp_path: Path) -> None:
    """Two modules of one package that import each other fail it (graph.nx <-> graph.serialize)."""
    require(importlib.util.find_spec("importlinter") is not None, "import-linter (pip install -e '.[test]')")
    tree = _tree(tmp_path)
    for module, other in (("nx", "serialize"), ("serialize", "nx")):
        path = tree / "goldenthread" / "graph" / f"{module}.py"
        path.write_text(path.read_text(encoding="utf-8") + f"\n\nfrom goldenthread.graph import {other}  # noqa\n",
                        encoding="utf-8")
    done = _lint(tree)
    assert done.returncode != 0, done.stdout
    assert "no import cycles between siblings BROKEN" in done.stdout, done.stdout
