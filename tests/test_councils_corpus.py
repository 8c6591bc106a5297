"""Several councils in one corpus: each council's graph is the one it gets when built alone.

A council's plans are compared with its own plans only (its plan family), read with its own
profiles' stop words and alias lists, and its strategies and boards are its own nodes (ids under
its family). So, up to those id prefixes and the council's folder in document names, a
council's nodes and links inside a corpus of several councils are the ones it gets alone:
the same nodes, links, scores, evidence and nearest candidates.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from many_councils import councils_corpus

from goldenthread.core.model import PlanGraph
from goldenthread.graph.build import build_graph

COUNCILS = 3


def council_part(graph: PlanGraph, code: str, folder: str | None = None) -> list[str]:
    """Council ``code``'s nodes, links and documents in ``graph`` as sorted JSON lines, with
    ``folder/`` left out of document names and its family left out of its strategies', boards'
    and portfolios' ids (the ids they have when the council is built alone)."""
    plans = {n.id for n in graph.nodes if n.kind == "plan" and n.id.startswith(f"{code}-")}
    mine = {n.id for n in graph.nodes if n.plan in plans}
    items = [*(n for n in graph.nodes if n.id in mine), *(e for e in graph.edges if e.source in mine),
             *(d for d in graph.documents if d.plan in plans)]
    text = "\n".join(sorted(json.dumps(item.model_dump(mode="json"), sort_keys=True) for item in items))
    if folder is not None:
        text = text.replace(f'"{folder}/', '"')
    family = re.escape(min(plans))
    return sorted(re.sub(rf'"{family}/(strategy|board|portfolio)/', r'"\1/', text).splitlines())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return councils_corpus(tmp_path_factory.mktemp("councils"), COUNCILS)


def alone(corpus: Path, k: int) -> PlanGraph:
    """Council ``k`` built from its own folder, as generated (its own manifest and profiles)."""
    return build_graph(corpus.parent / "generated" / f"council-{k:04d}").graph


def test_each_council_in_a_corpus_is_the_council_built_alone(corpus):
    together = build_graph(corpus).graph
    assert len({n.id for n in together.nodes if n.kind == "plan"}) == 2 * COUNCILS
    for k in range(1, COUNCILS + 1):
        code, folder = f"c{k:04d}", f"council-{k:04d}"
        expected = council_part(alone(corpus, k), code)
        assert any('"origin": "inferred"' in line for line in expected)  # alignment links are compared
        assert any('"candidates": [{' in line for line in expected)  # and nearest candidates
        assert council_part(together, code, folder) == expected, code


def _add_stopword(profiles: Path, word: str) -> None:
    for profile in sorted(profiles.glob("*.toml")):
        text = profile.read_text(encoding="utf-8")
        profile.write_text(text.replace("stopwords = [", f'stopwords = ["{word}", ', 1), encoding="utf-8")


def test_another_councils_stop_words_do_not_apply_to_a_council(corpus, tmp_path):
    """Council 2's profiles make "homes" a stop word; council 1's plans still weigh it."""
    import shutil

    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    _add_stopword(copy / "council-0002" / "profiles", "homes")
    expected = council_part(alone(corpus, 1), "c0001")
    assert any("homes" in line and '"method": "tf-idf' in line for line in expected)  # evidence names it
    assert council_part(build_graph(copy).graph, "c0001", "council-0001") == expected


def _write_aliases(profiles: Path, names: list[str]) -> None:
    (profiles / "aliases.toml").write_text(
        f'[[same]]\nkind = "strategy"\nnames = {json.dumps(names)}\nnote = "one strategy in this council"\n',
        encoding="utf-8")


def test_each_councils_alias_list_merges_its_own_strategies_only(corpus, tmp_path):
    """Two councils' alias lists that would disagree ("Cultural Strategy" in two groups, each named
    after another strategy) apply each to its own council: the corpus builds, each council with
    its own merge."""
    import shutil

    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    _write_aliases(copy / "council-0001" / "profiles", ["Cultural Strategy", "Heritage Strategy"])
    _write_aliases(copy / "council-0002" / "profiles", ["Digital Strategy", "Cultural Strategy"])
    graph = build_graph(copy).graph
    strategies = {(n.id.split("-")[0], n.label): n.aliases for n in graph.nodes if n.kind == "strategy"}
    assert strategies[("c0001", "Cultural Strategy")] == ["Heritage Strategy"]
    assert strategies[("c0002", "Digital Strategy")] == ["Cultural Strategy"]
    assert strategies[("c0002", "Heritage Strategy")] == []  # council 1's list is not council 2's
    assert ("c0001", "Heritage Strategy") not in strategies
