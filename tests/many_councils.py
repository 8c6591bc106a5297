"""Several generated councils in one corpus, for tests of many-council builds.

``councils_corpus(folder, n)`` is benchmarks/generate_corpus.py's: councils 1..n (each a
partnership plan and a council plan in the Northmere house style, with its own profiles) in
``folder/corpus`` with one manifest naming every document and profile folder.
"""

from __future__ import annotations

import importlib.util
import sys

from conftest import ROOT


def _generator():
    if "generate_corpus" in sys.modules:
        return sys.modules["generate_corpus"]
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "benchmarks" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


councils_corpus = _generator().councils_corpus
