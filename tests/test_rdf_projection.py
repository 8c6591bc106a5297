"""One RDF projection, the same triples in every form; a build folder's graph.ttl is queried
only while graph.sha256 vouches for it.

- ``goldenthread.graph.rdf.project`` is the one definition of which triples a model object
  yields: the rdflib Graph, graph.ttl and an Oxigraph store (loaded from N-Triples, N-Quads or
  the Turtle) hold exactly the same triples, and the Turtle's triple count needs no parse.
- ``build`` writes graph.sha256 (``sha256sum`` format) for graph.json and graph.ttl; query
  commands load graph.ttl into Oxigraph instead of projecting graph.json again, and when either
  file changed since the build they say so in one warning and project graph.json instead.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import EXAMPLE
from indicator_fixtures import northmere_with_indicators
from rdflib import Graph
from typer.testing import CliRunner

from goldenthread.cli.main import app
from goldenthread.graph.rdf import project, turtle_triple_count
from goldenthread.queries import library
from goldenthread.queries.library import open_workspace

GRAPH = "https://w3id.org/goldenthread/graph/test"


def _oxigraph_triples(data: bytes, fmt: ox.RdfFormat) -> Graph:
    """The triples Oxigraph holds after loading ``data``, read back into rdflib for comparison."""
    store = ox.Store()
    if fmt == ox.RdfFormat.N_QUADS:  # names its graph itself
        store.load(data, format=fmt)
    else:
        store.load(data, format=fmt, to_graph=ox.NamedNode(GRAPH))
    text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(GRAPH))
    return Graph().parse(data=text.decode("utf-8"), format="nt")


@pytest.fixture(params=["example", "example with indicators"])
def projected(request, northmere):
    graph = northmere.graph if request.param == "example" else northmere_with_indicators().graph
    return project(graph)


def test_every_form_holds_the_same_triples(projected):
    expected = set(projected.rdflib())
    assert len(expected) == len(projected) > 1000
    turtle = projected.turtle()
    assert set(Graph().parse(data=turtle, format="turtle")) == expected
    assert set(_oxigraph_triples(turtle.encode("utf-8"), ox.RdfFormat.TURTLE)) == expected
    assert set(_oxigraph_triples(projected.ntriples(), ox.RdfFormat.N_TRIPLES)) == expected
    assert set(_oxigraph_triples(projected.ntriples(GRAPH), ox.RdfFormat.N_QUADS)) == expected
    assert turtle_triple_count(turtle.encode("utf-8")) == len(expected)


def test_turtle_is_made_once_and_handed_to_the_store(projected):
    assert projected.serialized()[1] == "ntriples"  # before graph.ttl is made: no sorting for a store
    turtle = projected.turtle()
    assert projected.turtle() is turtle
    assert projected.serialized() == (turtle.encode("utf-8"), "turtle")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example, built by the command."""
    out = tmp_path_factory.mktemp("built") / "out"
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _copy(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "out"))


def test_the_build_vouches_for_its_graph_ttl(built):
    lines = (built / "graph.sha256").read_text(encoding="utf-8").splitlines()
    assert lines == [f"{hashlib.sha256((built / name).read_bytes()).hexdigest()}  {name}"
                     for name in ("graph.json", "graph.ttl")]
    ws = open_workspace(built, "oxigraph")
    assert ws.warnings == []
    assert ws.stored_turtle == (built / "graph.ttl").read_bytes()
    assert ws.store.triples() == turtle_triple_count(ws.stored_turtle)
    assert ws.projected is None  # queried without projecting graph.json again
    assert library.orphans(ws) == library.orphans(open_workspace(built, "rdflib"))
    assert ws.projected is None


def test_an_edited_graph_ttl_is_noticed_and_not_used(built, tmp_path):
    out = _copy(built, tmp_path)
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    (out / "graph.ttl").write_text(turtle.replace("skos:prefLabel", "skos:altLabel"), encoding="utf-8")
    ws = open_workspace(out, "auto")
    assert ws.stored_turtle is None
    assert ws.warnings == [f"{out / 'graph.ttl'}: not the one the build wrote (graph.sha256 says; edited, or from "
                           f"another build): queries use the RDF projected from graph.json, not graph.ttl"]
    assert library.coverage(ws) == library.coverage(open_workspace(built, "auto"))
    result = CliRunner().invoke(app, ["coverage", "--graph", str(out), "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr == f"warning: {ws.warnings[0]}\n"
    assert result.stdout == CliRunner().invoke(app, ["coverage", "--graph", str(built), "--format", "json"]).stdout


def test_a_graph_json_edited_after_the_build_is_projected_again(built, tmp_path):
    out = _copy(built, tmp_path)
    graph = (out / "graph.json").read_text(encoding="utf-8")
    label = open_workspace(out).graph.nodes[0].label
    (out / "graph.json").write_text(graph.replace(f'"label": "{label}"', '"label": "Renamed by hand"', 1),
                                    encoding="utf-8")
    ws = open_workspace(out, "oxigraph")
    assert ws.stored_turtle is None
    assert ws.warnings == [f"{out / 'graph.json'}: changed since the build that wrote graph.ttl (graph.sha256 "
                           f"says): queries use the RDF projected from graph.json, not graph.ttl"]
    assert ws.store.select("SELECT ?l WHERE { ?n <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
                           "FILTER(?l = 'Renamed by hand') }") == [{"l": "Renamed by hand"}]


@pytest.mark.parametrize("missing", ["graph.ttl", "graph.sha256"])
def test_a_folder_without_the_files_is_projected_again(built, tmp_path, missing):
    out = _copy(built, tmp_path)
    (out / missing).unlink()
    ws = open_workspace(out, "oxigraph")
    assert ws.stored_turtle is None
    # no graph.sha256: a folder from before it was written, projected quietly; no graph.ttl: said
    assert len(ws.warnings) == (1 if missing == "graph.ttl" else 0)
    assert library.orphans(ws) == library.orphans(open_workspace(built, "oxigraph"))


def test_the_rdflib_store_never_reads_graph_ttl(built, tmp_path):
    out = _copy(built, tmp_path)
    (out / "graph.ttl").write_text("not Turtle at all", encoding="utf-8")
    ws = open_workspace(out, "rdflib")
    assert ws.warnings == [] and ws.stored_turtle is None
    assert ws.store.triples() == len(ws.projection)


def test_serve_loads_the_graph_ttl_the_build_vouches_for_and_warns_about_an_edited_one(built, tmp_path):
    """`serve --graph DIR` prepares its store as the query commands do: the build's own graph.ttl, or,
    when graph.sha256 says it was edited, the projection of graph.json with the same one-line warning."""
    from goldenthread.queries.endpoint.store_folder import prepare

    def served(folder) -> tuple[int, int]:
        """How many triples the store holds, and how many of them are labels (skos:prefLabel)."""
        store = ox.Store.read_only(str(folder.location))
        try:
            label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
            return len(store), sum(1 for _ in store.quads_for_pattern(None, label, None))
        finally:
            del store

    kept = prepare(built, None)
    try:
        assert kept.warnings == ()
        triples, labels = served(kept)
        assert triples == turtle_triple_count((built / "graph.ttl").read_bytes())
        assert labels > 0
    finally:
        kept.remove()
    out = _copy(built, tmp_path)
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    (out / "graph.ttl").write_text(turtle.replace("skos:prefLabel", "skos:altLabel"), encoding="utf-8")
    edited = prepare(out, None)
    try:
        assert edited.warnings == (f"{out / 'graph.ttl'}: not the one the build wrote (graph.sha256 says; edited, "
                                   f"or from another build): queries use the RDF projected from graph.json, not "
                                   f"graph.ttl",)
        assert served(edited) == (triples, labels)  # graph.json's triples, not the edited file's
    finally:
        edited.remove()
