"""The build's indicator steps: read the data, add indicator nodes and ``tracked_by`` links, summarise.

Inputs: the indicator folder given with ``build --indicators`` (its CSV files and optional
``indicators.toml``), the area (``--area`` or the manifest's ``area``), the graph of the plans
and the build's warnings.
Outputs: ``read_indicator_input`` -> ``IndicatorInput`` (the data, its series and indicator
nodes, the comparator group); ``with_indicators`` -> the graph with indicator nodes and the
inferred links, and the ``IndicatorScores`` behind them; ``with_tracking`` (after the
decisions) -> the graph with each measure's desired direction, the nearest indicators of
measures tracked by none, the tracking summaries and the observations they need, in graph
format 3.

Errors (one line, exit 2 in the CLI): no area; an area in none of the files (with the codes
of areas whose name or code is close); and every fatal problem of the files themselves
(``read_indicators``: file and row). Warnings (``--strict`` makes them errors):
``indicator-area-missing`` (a tracked indicator has no row for the area) and
``indicator-comparators-unclear`` (several comparator groups, none listing the area), besides
the reader's own.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from goldenthread.core.errors import GoldenthreadError
from goldenthread.core.model import INDICATOR_FORMAT, ComparatorGroup, Node, PlanGraph, Way
from goldenthread.graph.indicator_links import IndicatorScores
from goldenthread.graph.indicators import Series, dataset_records, indicator_nodes, indicator_series
from goldenthread.graph.tracking import track, wording_direction
from goldenthread.loaders.diagnostics import Diagnostics
from goldenthread.loaders.indicators import MAPPING_NAME, IndicatorData, IndicatorMapping, load_mapping, read_indicators

AREA_MISSING = "indicator-area-missing"
COMPARATORS_UNCLEAR = "indicator-comparators-unclear"
WARNING_CODES = (AREA_MISSING, COMPARATORS_UNCLEAR)


@dataclass
class IndicatorInput:
    """What the build reads from the indicator folder."""

    folder: Path
    source: Path  # the folder, or the one CSV file, given
    area: str
    data: IndicatorData
    series: list[Series]
    nodes: list[Node]
    mapping: IndicatorMapping = field(default_factory=IndicatorMapping)
    group: ComparatorGroup | None = None


def _check_area(data: IndicatorData, area: str, folder: Path) -> None:
    """A ``GoldenthreadError`` unless some file has a row for ``area``, suggesting close codes or names."""
    names = {o.area_code: o.area_name or "" for o in data.observations}
    if area in names:
        return
    by_name = sorted(code for code, name in names.items() if name.lower() == area.strip().lower())
    close = by_name or _closest(area, sorted(names))
    hint = f"; did you mean {', '.join(f'{c} ({names[c]})' if names[c] else c for c in close)}?" if close else ""
    raise GoldenthreadError(f"{folder}: area '{area}' is in none of the indicator files "
                            f"({len(names)} areas there){hint}")


def _closest(text: str, codes: list[str]) -> list[str]:
    """The codes most like ``text`` (those sharing the best similarity, if it is at least 0.75)."""
    scored = [(difflib.SequenceMatcher(None, text, code).ratio(), code) for code in codes]
    best = max((score for score, _ in scored), default=0.0)
    return [code for score, code in scored if score == best and best >= 0.75][:3]


def _comparator_group(data: IndicatorData, area: str, folder: Path, warnings: Diagnostics) -> ComparatorGroup | None:
    """The group listing ``area`` (the first by name if several do), else the only group; None, with a
    warning, when several groups list other areas only."""
    groups = data.comparators
    listing = sorted(g for g, codes in groups.items() if area in codes)
    if listing:
        name = listing[0]
    elif len(groups) == 1:
        name = next(iter(groups))
    elif not groups:
        return None
    else:
        warnings.warn(folder, None, f"{len(groups)} comparator groups ({', '.join(sorted(groups))}) and none lists "
                                    f"{area}: no comparator group used", COMPARATORS_UNCLEAR)
        return None
    return ComparatorGroup(name=name, areas=list(groups[name]))


def read_indicator_input(path: Path, area: str | None, warnings: Diagnostics) -> IndicatorInput:
    """Read the indicator folder (or one CSV file) at ``path`` for ``area``; the reader's warnings go to
    ``warnings``. Raises ``GoldenthreadError`` (module docstring)."""
    if area is None:
        raise GoldenthreadError("--indicators needs the area the plans are about: --area CODE, or "
                                "area = \"CODE\" in the corpus's goldenthread.toml")
    folder = path if path.is_dir() else path.parent
    data = read_indicators(path, warnings=warnings)
    _check_area(data, area, path)
    mapping_path = folder / MAPPING_NAME
    mapping = load_mapping(mapping_path) if path.is_dir() and mapping_path.is_file() else IndicatorMapping()
    series = indicator_series(data)
    return IndicatorInput(folder=folder, source=path, area=area, data=data, series=series,
                          nodes=indicator_nodes(series, folder), mapping=mapping,
                          group=_comparator_group(data, area, path, warnings))


def with_indicators(graph: PlanGraph, data: IndicatorInput, stopwords: frozenset[str]
                    ) -> tuple[PlanGraph, IndicatorScores]:
    """``graph`` with the indicator nodes and the inferred ``tracked_by`` links (not yet validated: the
    decisions apply next), and the scores behind the links."""
    taken = {n.id for n in graph.nodes} & {n.id for n in data.nodes}
    if taken:
        raise GoldenthreadError(f"indicator node ids {sorted(taken)} clash with nodes of the plans")
    nodes = sorted([*graph.nodes, *data.nodes], key=lambda n: n.id)
    scores = IndicatorScores(graph.model_copy(update={"nodes": nodes}), stopwords)
    edges = sorted([*graph.edges, *scores.links()], key=lambda e: (e.source, e.kind, e.target))
    return graph.model_copy(update={"nodes": nodes, "edges": edges}), scores


def _better(data: IndicatorInput, series: Series) -> tuple[Way | None, str]:
    """A series' ``better`` setting in indicators.toml (its files agreeing), and where it is read."""
    said = {data.mapping.for_file(f).better for f in series.files} - {None}
    if len(said) != 1:
        return None, ""
    better = said.pop()
    files = ", ".join(series.files)
    return ("up" if better == "higher" else "down"), f"better = \"{better}\" for {files} in {MAPPING_NAME}"


def with_tracking(graph: PlanGraph, data: IndicatorInput, scores: IndicatorScores,
                  warnings: Diagnostics) -> PlanGraph:
    """The final graph of a build with indicator data (module docstring)."""
    tracked = {e.source for e in graph.edges if e.kind == "tracked_by"}
    nodes = []
    for n in graph.nodes:
        if n.kind == "measure":
            update: dict[str, object] = {"desired_direction": wording_direction(n)}
            if n.id not in tracked:
                update["candidates"] = scores.candidates(n.id)
            n = n.model_copy(update=update)
        nodes.append(n)
    graph = graph.model_copy(update={"nodes": nodes})
    files = sorted(_files_read(data))
    indicators, tracking = track(graph, data.series, data.area, data.group, dataset_records(data.folder, files),
                                 lambda s: _better(data, s), scores.matched_words)
    _warn_missing_area(graph, data, tracking, warnings)
    return PlanGraph(format=INDICATOR_FORMAT, generator=graph.generator, documents=graph.documents,
                     nodes=graph.nodes, edges=graph.edges, indicators=indicators, tracking=tracking,
                     retired=graph.retired)


def _files_read(data: IndicatorInput) -> set[str]:
    """The CSV files read: those with observations, and the folder's other CSV files (comparator groups,
    files with a header only) that the mapping does not tell the reader to ignore."""
    read = {o.file for o in data.data.observations}
    if data.source.is_dir():
        read |= {p.name for p in data.source.iterdir() if p.is_file() and p.suffix.lower() == ".csv"
                 and data.mapping.for_file(p.name).kind != "ignore"}
    return read


def _warn_missing_area(graph: PlanGraph, data: IndicatorInput, tracking: list, warnings: Diagnostics) -> None:
    """One warning per tracked indicator with no value for the area."""
    by_id = {s.node_id: s for s in data.series}
    labels = {n.id: n.label for n in graph.nodes}
    empty: dict[str, list[str]] = {}
    for t in tracking:
        if t.status == "no data":
            empty.setdefault(t.indicator, []).append(labels[t.measure])
    for indicator, measures in sorted(empty.items()):
        s = by_id[indicator]
        warnings.warn(data.folder / s.files[0], None, f"no value for {data.area} of '{s.label}': "
                      f"{len(measures)} measure(s) it tracks show no data ({'; '.join(sorted(set(measures)))})",
                      AREA_MISSING)
