"""Writing the graph to files: canonical JSON and all-or-nothing output folders.

Inputs: a ``PlanGraph``; a mapping of output file names to their text.
Outputs: ``to_json`` gives byte-identical text for the same graph;
``write_outputs`` writes every file to a temporary folder beside the target
and only then moves them into place, so a failed build leaves no partial
output (and never a half-written file).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from goldenthread.graph.model import GRAPH_FORMAT, VERSION, PlanGraph
from goldenthread.loaders.errors import GoldenthreadError


def to_json(graph: PlanGraph) -> str:
    """``graph.json`` text: nodes sorted by id, links by (source, kind, target)."""
    data = graph.model_dump(mode="json")
    data["nodes"].sort(key=lambda n: n["id"])
    data["edges"].sort(key=lambda e: (e["source"], e["kind"], e["target"]))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def from_json(text: str) -> PlanGraph:
    """A graph from ``graph.json`` text; ``ValueError`` (one line) when it is not one this
    version can read: not JSON, not a graph, or a graph of another format."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict) or not {"nodes", "edges"} <= set(data):
        raise ValueError("not a goldenthread graph (no 'nodes' and 'edges')")
    if data.get("format") != GRAPH_FORMAT:
        written = data.get("generator") or "an earlier goldenthread"
        raise ValueError(f"written by {written} in graph format {data.get('format', 1)}; this is "
                         f"goldenthread {VERSION} (format {GRAPH_FORMAT}): run 'goldenthread build' again")
    return PlanGraph.model_validate(data)


def write_outputs(out_dir: Path, files: dict[str, str], replace_folders: tuple[str, ...] = ()) -> None:
    """Write ``files`` (names may hold one folder: "text/plan.pdf.txt") into ``out_dir``.

    Everything is written to a staging folder beside ``out_dir`` first, then moved into
    place, file by file, so a failed build never leaves a half-written file. A folder
    named in ``replace_folders`` is replaced as a whole, so text from a document no
    longer in the corpus does not linger beside the new one.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise GoldenthreadError(f"{out_dir}: exists and is not a folder")
    parent = out_dir.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=parent))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the output folder should not be
    except OSError as exc:
        raise GoldenthreadError(f"{out_dir}: cannot write output: {exc.strerror}") from None
    try:
        for name, text in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        if not out_dir.exists():
            os.replace(staging, out_dir)  # the whole folder appears at once
            return
        for folder in replace_folders:
            if (out_dir / folder).is_dir():
                os.replace(out_dir / folder, staging / f".old-{folder}")  # removed with staging below
            if (staging / folder).is_dir():
                os.replace(staging / folder, out_dir / folder)
        for name in files:
            if name.split("/")[0] not in replace_folders:
                (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / name, out_dir / name)
    except OSError as exc:
        raise GoldenthreadError(f"{out_dir}: cannot write output: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
