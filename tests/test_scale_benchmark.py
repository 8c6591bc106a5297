"""The scale benchmark's machinery (benchmarks/generate_corpus.py, benchmarks/scale.py): the
generator in every run; a benchmark run at N=1 and N=10 among the slow tests (``.ci/run``
runs them after the README's command; ``python -m pytest -m slow``).

No timing is asserted: what must hold is that the generated councils are deterministic,
realistic and buildable, that rdflib and Oxigraph return the same rows for the library
queries, and that the benchmark prints a row per size.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, made_once, require

BENCH = ROOT / "benchmarks"
# the sizes the benchmark run covers: the benchmark's own smallest sizes, where both stores'
# rows are compared (about 20 s: a benchmark, so among the slow tests)
RUNS = [pytest.param((1, 10), id="N=1,10", marks=[pytest.mark.slow, pytest.mark.timeout(600)])]
QUERIES = ("thread", "orphans", "coverage")

# the realistic ranges per council ("~9 priorities, ~70 partnership commitments, ~80 council
# commitments, ~50 measures, ~15 strategies, ~10 boards")
RANGES = {"partnership_priority": (8, 10), "partnership_commitment": (55, 90),
          "council_commitment": (55, 105), "measure": (35, 70), "strategy": (10, 21), "board": (7, 13)}
# broken threads every council has
PLANTED = ("strategy_not_in_place", "board_not_established", "blank_cells", "partnership_priority_no_strategy",
           "partnership_priority_no_board", "partnership_priority_no_measure")


def _module(name: str):
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen():
    return _module("generate_corpus")


@pytest.fixture(scope="module", params=RUNS)
def bench(request, tmp_path_factory):
    """One benchmark run at the sizes of ``RUNS``, shared by the test processes: (results,
    printed lines, sizes)."""
    require(importlib.util.find_spec("pyoxigraph") is not None, "pyoxigraph (pip install pyoxigraph)")
    sizes = request.param

    def run(out: Path):
        lines: list[str] = []
        results = _module("scale").run(list(sizes), out, seed=0, repeat=1, step_timeout=600,
                                       log=lambda text="": lines.extend(str(text).splitlines()))
        return results, lines

    results, lines = made_once(tmp_path_factory, "scale-" + "-".join(map(str, sizes)), run)
    return results, lines, sizes


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generator_is_deterministic(gen, tmp_path):
    gen.main([str(tmp_path / "a"), "3", "--seed", "7"])
    gen.main([str(tmp_path / "b"), "3", "--seed", "7"])
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a == b and len(a) == 3 * 6  # 2 documents, 2 profiles, manifest, .generator.json
    # a council depends only on (seed, index): the first council of 1 is the first of 3
    gen.main([str(tmp_path / "c"), "1", "--seed", "7"])
    assert _files(tmp_path / "c" / "council-0001") == _files(tmp_path / "a" / "council-0001")
    # another seed gives other text
    gen.main([str(tmp_path / "d"), "1", "--seed", "8"])
    assert _files(tmp_path / "d" / "council-0001") != _files(tmp_path / "a" / "council-0001")


def test_councils_have_their_own_plans_and_profiles(gen, tmp_path):
    folders = gen.generate(tmp_path, 10, seed=0)
    names, plans, boroughs = set(), set(), set()
    for folder in folders:
        code = folder.name.replace("council-", "c")
        part = tomllib.loads((folder / "profiles" / "partnership-plan.toml").read_text(encoding="utf-8"))
        coun = tomllib.loads((folder / "profiles" / "council-delivery-plan.toml").read_text(encoding="utf-8"))
        assert part["plan"]["id"] == f"{code}-partnership-plan-2035"
        assert coun["plan"]["id"] == f"{code}-council-plan-2025-26"
        assert coun["plan"]["aligns_with"] == [part["plan"]["id"]]
        names |= {part["profile"]["name"], coun["profile"]["name"]}
        plans |= {part["plan"]["id"], coun["plan"]["id"]}
        boroughs.add(part["plan"]["title"])
        manifest = tomllib.loads((folder / "goldenthread.toml").read_text(encoding="utf-8"))
        assert {d["profile"] for d in manifest["documents"]} == {part["profile"]["name"], coun["profile"]["name"]}
        for doc in manifest["documents"]:
            assert (folder / doc["file"]).is_file()
        for profile in (folder / "profiles").glob("*.toml"):
            code_lines = [ln for ln in profile.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
            assert not any("northmere" in ln.lower() for ln in code_lines), profile
    assert len(names) == len(plans) == 20 and len(boroughs) == 10


def test_every_council_builds_with_realistic_counts(bench):
    results, _, sizes = bench
    counts = results["sizes"][max(sizes)]["counts"]
    assert len(counts) == max(sizes)
    for i, c in enumerate(counts, 1):
        for key, (low, high) in RANGES.items():
            assert low <= c.get(key, 0) <= high, f"council {i}: {key} = {c.get(key, 0)}, expected {low}-{high}"
        for key in PLANTED:
            assert c.get(key, 0) >= 1, f"council {i}: no {key}"
        assert c["council_commitment"] > 0 and c["partnership_commitment"] > 0
        # most council commitments paraphrase a partnership commitment, some have no counterpart
        share = c["council_commitment_aligned"] / c["council_commitment"]
        assert 0.5 <= share <= 0.95, f"council {i}: {share:.2f} of council commitments aligned"
    # each council is its own build: N=1 is council 1 of the largest N, with the same triples
    assert results["sizes"][1]["counts"][0] == counts[0]
    assert results["sizes"][max(sizes)]["triples"] == sum(c["triples"] for c in counts)


def test_councils_do_not_collide_in_the_stores(bench):
    results, _, sizes = bench
    size = results["sizes"][max(sizes)]
    for store in ("rdflib", "oxigraph"):
        assert size[store]["triples"] == size["triples"], store  # the union loses no triple
    assert size["focus"].startswith("https://w3id.org/goldenthread/id/c0001/c0001-partnership-plan-2035/priority/")


def test_both_stores_give_identical_rows(bench):
    results, _, sizes = bench
    for n in sizes:
        checks = results["checks"][n]
        for q in QUERIES:
            assert q in checks, f"N={n}: {q} did not finish on both stores"
            assert checks[q]["equal"], f"N={n}: {q} rows differ between rdflib and Oxigraph"
            assert checks[q]["rows"] > 0
        assert checks["thread@own-graph"]["equal"]
        for store in ("rdflib", "oxigraph"):
            assert results["sizes"][n][store]["status"] == "done"


def test_printed_tables_have_a_row_per_size(bench):
    _, lines, sizes = bench
    text = "\n".join(lines)
    assert re.search(r"^Machine: `.+`, \d+ CPUs .*Python 3\.\d+", text, re.M)
    for n in sizes:
        assert len([ln for ln in lines if re.match(rf"\| {n} \| [\d,]+ \| ", ln)]) == 1  # build table
        for store in ("rdflib", "Oxigraph", "rdflib ÷ Oxigraph"):
            assert len([ln for ln in lines if ln.startswith(f"| {n} | {store} |")]) == 1
        assert re.search(rf"^- N={n}: thread identical \(\d+ rows\), orphans identical .*coverage identical",
                         text, re.M)
