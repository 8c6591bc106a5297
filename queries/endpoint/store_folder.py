"""The Oxigraph store folder the engine serves, made ready before the engine starts.

Inputs: ``--graph DIR`` (a folder written by ``goldenthread build``, or None), the store
folder of ``--store oxigraph:DIR`` (or None for ``--store oxigraph``, in memory) and the
named graph to load the build into (default: one per plan set).
Outputs: ``prepare(...)`` returns ``StoreFolder(location, graphs, temporary)``: the folder,
the named graphs it holds, and whether it is a temporary folder this process made (then
``remove()`` deletes it). With no store folder, the build is loaded into a temporary one.

The build is loaded with pyoxigraph, which is then closed (the engine opens the folder
read-only, and must not share it with a writer). Errors are one-line
``GoldenthreadError``.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from goldenthread.core.errors import GoldenthreadError


@dataclass(frozen=True)
class StoreFolder:
    location: Path
    graphs: list[str]
    temporary: bool
    warnings: tuple[str, ...] = ()  # the build's graph.ttl could not be used as it is (open_workspace)

    def remove(self) -> None:
        if self.temporary:
            shutil.rmtree(self.location, ignore_errors=True)


def _read_only(location: Path):
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(location))
    except OSError as exc:
        raise GoldenthreadError(f"{location}: cannot open the Oxigraph store: {exc}") from None


def prepare(graph_dir: Path | None, store_dir: Path | None, graph_iri: str | None = None) -> StoreFolder:
    if graph_dir is None and store_dir is None:
        raise GoldenthreadError("nothing to serve: give --graph DIR, or --store oxigraph:DIR holding published builds")
    if store_dir is not None and store_dir.exists() and not store_dir.is_dir():
        raise GoldenthreadError(f"{store_dir}: not a folder (expected an Oxigraph store folder)")
    if graph_dir is None and store_dir is not None and not store_dir.is_dir():
        raise GoldenthreadError(f"{store_dir}: no Oxigraph store there (give --graph DIR to load a build into it)")
    # read before anything is created; Oxigraph loads the build's own graph.ttl when graph.sha256 vouches for it
    ws = None
    if graph_dir is not None:
        # the model, rdflib and the ontology: imported only to load a build (0.15 s)
        from goldenthread.queries.library import open_workspace

        ws = open_workspace(graph_dir, store="oxigraph")
    temporary = store_dir is None
    location = Path(tempfile.mkdtemp(prefix="goldenthread-serve-")) if store_dir is None else store_dir
    try:
        if ws is not None:
            from goldenthread.queries.store import OxigraphStore

            writer = OxigraphStore(location)
            data, fmt = ws.rdf_data()
            writer.load(data, graph_iri or ws.graph_iri, fmt)
            graphs = writer.graphs()
            del writer
        else:  # only reading: the folder may already be served by another engine
            reader = _read_only(location)
            graphs = sorted(g.value for g in reader.named_graphs())
            del reader
        gc.collect()  # pyoxigraph closes the store when the object goes
    except BaseException:
        if temporary:
            shutil.rmtree(location, ignore_errors=True)
        raise
    return StoreFolder(location, graphs, temporary, tuple(ws.warnings) if ws is not None else ())
