"""Where queries run: an Oxigraph store (the default, in memory) or rdflib in memory.

Inputs: a workspace's RDF (an ``RdfSource``: an rdflib Graph, or its
RDF serialized as Turtle or N-Triples) and a store spec:
- ``rdflib``: an rdflib Graph in memory;
- ``oxigraph``: a pyoxigraph store in memory;
- ``oxigraph:DIR``: a pyoxigraph store on disk at DIR, kept between runs;
- ``auto`` (the default): Oxigraph in memory, the faster at every size measured.
Outputs: a store with ``select(query_text, bindings)`` returning rows of plain Python
values (IRIs as ``str``, booleans, ints, floats, strings, ``None`` when unbound), so
every library query gives the same rows on either store.

Each build is loaded into its own named graph (``graph_iri``), so many councils can live
in one Oxigraph store and be queried together (the union of all graphs, the default) or
apart (``default_graph=[graph_iri]``). Parameters are bound, never formatted into text:
rdflib by ``initBindings``; for Oxigraph the IRI, checked to be one IRI term, replaces the
variable (queries/params.py), because Oxigraph plans ``substitutions`` as unbound.

Over the union of all its graphs (many builds at once), Oxigraph answers a SELECT over a
UNION (orphans, drift) one branch per core, side by side (queries/union.py); a query on one
build's graph takes milliseconds and stays whole, so it never pays for parsing the query to
split it. Rows come as TSV read back in one pass (queries/tsv.py). Both only change how fast
the same rows arrive (benchmarks/scale.py).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import ResultRow

from goldenthread.core.errors import GoldenthreadError
from goldenthread.graph.rdf import prepared_query

# "auto" is Oxigraph at every size. Measured on this project's machines (2 cores), the report's
# queries with the store opened: a 148-triple test corpus 4.6 ms against 13.6 ms on rdflib;
# the Northmere example (3,289 triples) 19 ms against 215 ms; Stockport 0.3 s against 2.1 s.
# (It kept rdflib for graphs of up to 1,000 triples while loads went through rdflib's N-Triples.)
GRAPH_BASE = "https://w3id.org/goldenthread/graph/"
_WORKERS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
_REMEMBERED = 256  # branch timings kept per store (for scheduling only; cleared when full)


class RdfSource(Protocol):
    """What a store is opened from (``queries.library.Workspace`` is one): each form is made
    only when the chosen store asks for it."""

    def rdflib_graph(self) -> Graph: ...

    def rdf_data(self) -> tuple[bytes, str]: ...  # (RDF text, one of RDF_FORMATS)


#: the serializations ``OxigraphStore.load`` reads; N-Quads must hold only the graph it is loaded as
RDF_FORMATS = ("turtle", "ntriples", "nquads")


class Store(Protocol):
    name: str

    def select(self, query: str, bindings: dict[str, str] | None = None) -> list[dict[str, Any]]: ...

    def triples(self) -> int: ...


def _python(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"  # as Oxigraph writes it
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return value if isinstance(value, (bool, int, float)) else str(term)
    return str(term)


class RdflibStore:
    """rdflib in memory: no set-up, fast enough for one council."""

    name = "rdflib"

    def __init__(self, graph: Graph):
        self.graph = graph

    def select(self, query: str, bindings: dict[str, str] | None = None) -> list[dict[str, Any]]:
        init = {k: URIRef(v) for k, v in (bindings or {}).items()}
        result = self.graph.query(prepared_query(query), initBindings=init)
        names = [str(v) for v in result.vars or ()]
        rows = cast("Iterable[ResultRow]", result)  # a SELECT's result iterates over its rows
        return [{n: _python(row[i]) for i, n in enumerate(names)} for row in rows]

    def triples(self) -> int:
        return len(self.graph)


class OxigraphStore:
    """pyoxigraph, in memory or on disk: tens of times faster on many councils."""

    name = "oxigraph"

    def __init__(self, path: Path | None = None, default_graph: list[str] | None = None):
        import pyoxigraph as ox

        try:
            self.store = ox.Store(str(path)) if path else ox.Store()
        except OSError as exc:
            raise GoldenthreadError(f"{path}: cannot open Oxigraph store: {exc}") from None
        self.path = path
        self.default_graph = default_graph

    def load_ntriples(self, text: str | bytes, graph_iri: str) -> None:
        """Replace named graph ``graph_iri`` with the triples of ``text`` (N-Triples)."""
        self.load(text, graph_iri, "ntriples")

    def load(self, data: str | bytes, graph_iri: str, fmt: str = "ntriples") -> None:
        """Replace named graph ``graph_iri`` with the RDF of ``data`` in ``fmt`` (one of
        ``RDF_FORMATS``; N-Quads name their graph themselves, which must be ``graph_iri``)."""
        import pyoxigraph as ox

        formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS}
        target = ox.NamedNode(graph_iri)
        if self.store.contains_named_graph(target):
            self.store.remove_graph(target)
        if fmt == "nquads":
            self.store.load(data, format=formats[fmt])
        else:
            self.store.load(data, format=formats[fmt], to_graph=target)
        if self.path:
            self.store.flush()

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def select(self, query: str, bindings: dict[str, str] | None = None) -> list[dict[str, Any]]:
        from goldenthread.queries.params import bind_constants
        from goldenthread.queries.union import split_union

        bindings = bindings or {}
        # split the library's own text (parsed once, cached), then bind each branch
        branches = split_union(query) if _WORKERS > 1 and self.default_graph is None else None
        if not branches:
            return self._rows(bind_constants(query, bindings))
        branches = [bind_constants(branch, bindings) for branch in branches]
        # Oxigraph runs one query on one core and releases the GIL while it does: a UNION's
        # branches run side by side (same rows, in branch order; queries/union.py says why).
        # Each free core takes the next branch, longest first by what it took last time on
        # this store (written order until then): a long branch started last would leave the
        # other core idle (orphans at 1,000 councils: 0.6 s for each commitment branch,
        # 0.01-0.2 s for the others).
        seconds = self.__dict__.setdefault("_seconds", {})
        order = sorted(range(len(branches)), key=lambda i: -seconds.get(branches[i], math.inf))
        with ThreadPoolExecutor(min(_WORKERS, len(branches))) as pool:
            done = {i: pool.submit(self._timed_rows, branches[i], seconds) for i in order}
            return [row for i in range(len(branches)) for row in done[i].result()]

    def _timed_rows(self, text: str, seconds: dict[str, float]) -> list[dict[str, Any]]:
        start = time.perf_counter()
        rows = self._rows(text)
        if len(seconds) >= _REMEMBERED:
            seconds.clear()
        seconds[text] = time.perf_counter() - start
        return rows

    def _rows(self, text: str) -> list[dict[str, Any]]:
        import pyoxigraph as ox

        from goldenthread.queries.tsv import read_tsv_rows

        kwargs: dict[str, Any] = {}
        if self.default_graph:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in self.default_graph]
        else:
            kwargs["use_default_graph_as_union"] = True
        solutions = self.store.query(text, **kwargs)
        if not isinstance(solutions, ox.QuerySolutions):
            raise GoldenthreadError("not a SELECT query: only SELECT queries give rows")
        # written by Oxigraph in Rust, read in one pass: faster than a Python object per term
        # the stub says bytes | None for every call; without an output argument it returns bytes
        return read_tsv_rows(cast(bytes, solutions.serialize(format=ox.QueryResultsFormat.TSV)))

    def triples(self) -> int:
        return len(self.store)


def graph_iri_for(plan_ids: list[str]) -> str:
    """Default named graph of a build: one per plan set."""
    return GRAPH_BASE + "+".join(sorted(plan_ids))


def open_store(spec: str, source: RdfSource, graph_iri: str) -> Store:
    """A store holding ``source``'s RDF (in named graph ``graph_iri`` for Oxigraph), per ``spec``."""
    if spec == "auto":
        spec = "oxigraph"
    if spec == "rdflib":
        return RdflibStore(source.rdflib_graph())
    if spec == "oxigraph" or spec.startswith("oxigraph:"):
        path = Path(spec.split(":", 1)[1]) if ":" in spec else None
        if path is not None and path.exists() and not path.is_dir():
            raise GoldenthreadError(f"{path}: not a folder (expected an Oxigraph store folder)")
        # the workspace queries its own build; other builds in the same store stay apart
        store = OxigraphStore(path, default_graph=[graph_iri])
        data, fmt = source.rdf_data()
        store.load(data, graph_iri, fmt)
        return store
    raise GoldenthreadError(f"unknown store '{spec}' (use rdflib, oxigraph, oxigraph:DIR or auto)")
