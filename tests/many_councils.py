"""A corpus holding several generated councils' plans at once, for tests of many-council builds.

``councils_corpus(folder, n)`` writes councils 1..n with benchmarks/generate_corpus.py (each a
partnership plan and a council plan in the Northmere house style, with its own profiles) under
``folder`` and one manifest naming every document and profile folder; returns ``folder``.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

from conftest import ROOT


def _generator():
    if "generate_corpus" in sys.modules:
        return sys.modules["generate_corpus"]
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "benchmarks" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def councils_corpus(folder: Path, n: int, seed: int = 0) -> Path:
    generator = _generator()
    profiles, documents = [], []
    for index in range(1, n + 1):
        council = generator.write_council(folder, index, seed)
        manifest = council / "goldenthread.toml"
        for doc in tomllib.loads(manifest.read_text(encoding="utf-8"))["documents"]:
            documents.append((f"{council.name}/{doc['file']}", doc["profile"]))
        profiles.append(f"{council.name}/profiles")
        manifest.unlink()  # one manifest, at the top
    lines = ["profiles = [" + ", ".join(f'"{p}"' for p in profiles) + "]", ""]
    for file, profile in documents:
        lines += ["[[documents]]", f'file = "{file}"', f'profile = "{profile}"', ""]
    (folder / "goldenthread.toml").write_text("\n".join(lines), encoding="utf-8")
    return folder
