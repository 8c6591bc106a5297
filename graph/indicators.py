"""Indicator nodes from indicator data: one node per series a file publishes.

Inputs: ``IndicatorData`` (``goldenthread.loaders.indicators.read_indicators``) and the
folder it was read from.
Outputs: ``Series`` (one per indicator, statistic, unit and breakdown: what one line of
a chart shows), ``indicator_nodes`` (a ``Node`` of kind ``indicator`` per series, its
sources the first and last rows of the series in its file), ``dataset_records`` (each
file read, with its SHA-256) and ``dataset_name`` (how sources and observations name a
file: ``indicators/<file name>``).

A node's text is the indicator's name as the file writes it (what measures are compared
with); its label is that name, with the statistic and unit added where one indicator name
comes with several (a count and a percentage of one indicator), and a breakdown series'
values (``sex = Female``): "Healthy life expectancy at birth (Female)". Its id is
``indicator/<slug of the label>``; ``statistic``, ``unit`` and ``breakdowns`` are fields.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from goldenthread.core.ids import slugify
from goldenthread.core.model import DatasetRecord, Node, Source
from goldenthread.loaders.indicators import IndicatorData, Observation
from goldenthread.loaders.text import decode_text

DATASET_FOLDER = "indicators"
_ID_STOPWORDS = ("a", "an", "the", "of", "at", "in", "to", "and", "or", "as", "by", "for", "with")

SeriesKey = tuple[str, str | None, str | None, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class Series:
    """One series of the data: its indicator, statistic, unit and breakdown, and its observations
    (every area and period, oldest first)."""

    key: SeriesKey
    node_id: str
    label: str
    observations: tuple[Observation, ...]

    @property
    def indicator(self) -> str:
        """The indicator's name, as the file writes it."""
        return self.key[0]

    @property
    def statistic(self) -> str | None:
        """The statistic ('Percentage', 'Count'), or None."""
        return self.key[1]

    @property
    def unit(self) -> str | None:
        """The unit ('Persons'), or None."""
        return self.key[2]

    @property
    def breakdowns(self) -> dict[str, str]:
        """The breakdown values that set the series apart ({'sex': 'Female'})."""
        return dict(self.key[3])

    @property
    def unit_text(self) -> str | None:
        """Statistic and unit as a value's unit: 'Percentage, Persons'."""
        return ", ".join(x for x in (self.statistic, self.unit) if x) or None

    @property
    def files(self) -> list[str]:
        """The files the series comes from, in name order."""
        return sorted({o.file for o in self.observations})


def dataset_name(file_name: str) -> str:
    """How an indicator file is named in sources, observations and ``datasets``."""
    return f"{DATASET_FOLDER}/{file_name}"


def _key(o: Observation) -> SeriesKey:
    """The series an observation belongs to: indicator, statistic, unit, breakdowns."""
    return (o.indicator, o.measure, o.unit, tuple(sorted(o.breakdowns.items())))


def _labels(keys: list[SeriesKey]) -> dict[SeriesKey, str]:
    """Each series' label: the indicator's name, with statistic and unit where the name has several,
    and the breakdown values where it is broken down."""
    kinds: dict[str, set[tuple[str | None, str | None]]] = defaultdict(set)
    for name, statistic, unit, _ in keys:
        kinds[name].add((statistic, unit))
    out = {}
    for key in keys:
        name, statistic, unit, split = key
        extra = [", ".join(x for x in (statistic, unit) if x)] if len(kinds[name]) > 1 else []
        extra += [value for _, value in split]
        shown = "; ".join(e for e in extra if e)
        out[key] = f"{name} ({shown})" if shown else name
    return out


def indicator_series(data: IndicatorData) -> list[Series]:
    """The series of ``data``, sorted by node id; ids unique (a clash gets ``-2``)."""
    grouped: dict[SeriesKey, list[Observation]] = defaultdict(list)
    for o in data.observations:
        grouped[_key(o)].append(o)
    labels = _labels(sorted(grouped, key=str))
    out: list[Series] = []
    taken: set[str] = set()
    for key in sorted(grouped, key=lambda k: (labels[k], str(k))):
        base = "indicator/" + slugify(labels[key], _ID_STOPWORDS, max_words=12)
        node_id, n = base, 1
        while node_id in taken:
            n += 1
            node_id = f"{base}-{n}"
        taken.add(node_id)
        rows = sorted(grouped[key], key=lambda o: (o.period.sort_key, o.area_code, o.file, o.row))
        out.append(Series(key=key, node_id=node_id, label=labels[key], observations=tuple(rows)))
    return sorted(out, key=lambda s: s.node_id)


def record_lines(path: Path) -> dict[int, tuple[int, int, str]]:
    """Row number (the header being row 1, as the reader numbers rows) -> (first line, last line,
    text) of that record in the file: a quoted cell may hold a line break."""
    text = decode_text(path.read_bytes(), path)
    lines = [line.removesuffix("\r") for line in text.split("\n")]  # lines as the csv module counts them
    reader = csv.reader(io.StringIO(text, newline=""))
    out: dict[int, tuple[int, int, str]] = {}
    start = 1
    for row, _ in enumerate(reader, start=1):
        end = max(reader.line_num, start)
        out[row] = (start, end, "\n".join(lines[start - 1:end]))
        start = reader.line_num + 1
    return out


def _source(folder: Path, o: Observation, cache: dict[str, dict[int, tuple[int, int, str]]]) -> Source:
    """The lines of ``o``'s row in its file, quoted."""
    records = cache.get(o.file)
    if records is None:
        records = cache[o.file] = record_lines(folder / o.file)
    start, end, quote = records[o.row]
    return Source(document=dataset_name(o.file), line_start=start, line_end=end, quote=quote)


def indicator_nodes(series: list[Series], folder: Path) -> list[Node]:
    """One ``indicator`` node per series; sources: the series' first and last rows in each of its files."""
    cache: dict[str, dict[int, tuple[int, int, str]]] = {}
    nodes = []
    for s in series:
        sources: list[Source] = []
        for name in s.files:
            rows = sorted(o.row for o in s.observations if o.file == name)
            firsts = [o for o in s.observations if o.file == name and o.row in (rows[0], rows[-1])]
            for o in sorted(firsts, key=lambda o: o.row):
                sources.append(_source(folder, o, cache))
        nodes.append(Node(id=s.node_id, kind="indicator", label=s.label, text=s.indicator, sources=sources,
                          statistic=s.statistic, unit=s.unit, breakdowns=s.breakdowns))
    return nodes


def dataset_records(folder: Path, files: list[str]) -> list[DatasetRecord]:
    """The files read, by name, with the SHA-256 of their bytes."""
    return [DatasetRecord(name=dataset_name(f), sha256=hashlib.sha256((folder / f).read_bytes()).hexdigest())
            for f in sorted(set(files))]
