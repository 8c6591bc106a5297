"""Writing the graph to files: canonical JSON and all-or-nothing output folders.

Inputs: a ``PlanGraph``; a mapping of output file names to their text.
Outputs: ``to_json`` gives byte-identical text for the same graph;
``write_outputs`` writes every file to a temporary folder beside the target
and only then moves them into place, so a failed build leaves no partial
output (and never a half-written file); ``stamp`` is graph.sha256, the SHA-256 of
graph.json and graph.ttl, by which ``stored_turtle`` later tells that a folder's graph.ttl
is the RDF of its graph.json (so queries load it instead of projecting graph.json again).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from goldenthread.core.errors import GoldenthreadError
from goldenthread.core.model import GRAPH_FORMAT, GRAPH_FORMATS, VERSION, PlanGraph


def to_json(graph: PlanGraph) -> str:
    """``graph.json`` text: nodes sorted by id, links by (source, kind, target); with indicator data,
    observations by indicator, area and period, tracking summaries by measure and indicator."""
    data = graph.model_dump(mode="json")
    data["nodes"].sort(key=lambda n: n["id"])
    data["edges"].sort(key=lambda e: (e["source"], e["kind"], e["target"]))
    if "indicators" in data:
        data["indicators"]["observations"].sort(key=lambda o: (o["indicator"], o["area"], o["end"], o["start"],
                                                               o["file"], o["row"]))
    if "tracking" in data:
        data["tracking"].sort(key=lambda t: (t["measure"], t["indicator"]))
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
    if data.get("format") not in GRAPH_FORMATS:
        written = data.get("generator") or "an earlier goldenthread"
        raise ValueError(f"written by {written} in graph format {data.get('format', 1)}; this is "
                         f"goldenthread {VERSION} (format {GRAPH_FORMAT}): run 'goldenthread build' again")
    return PlanGraph.model_validate(data)


#: the file ``stamp`` writes, and the files it vouches for (the RDF, and the graph it is of)
STAMP = "graph.sha256"
STAMPED = ("graph.json", "graph.ttl")


def stamp(files: dict[str, str]) -> str:
    """graph.sha256's text for a build's ``files`` (name -> text, as written: UTF-8): one line
    per file of ``STAMPED``, in ``sha256sum``'s format, so ``sha256sum -c graph.sha256`` checks it."""
    return "".join(f"{hashlib.sha256(files[name].encode('utf-8')).hexdigest()}  {name}\n" for name in STAMPED)


def stored_turtle(folder: Path, graph_json: bytes) -> tuple[bytes | None, str | None]:
    """The bytes of ``folder``'s graph.ttl when its graph.sha256 vouches for it and for
    ``graph_json`` (the bytes of the folder's graph.json, already read).

    Output: (graph.ttl bytes, None) when both hashes match; (None, warning) when graph.sha256
    is there and either file differs or is missing (edited by hand, or left from another
    build); (None, None) when there is no graph.sha256 (a folder not written by ``build``, or
    by a version before it wrote one).
    """
    try:
        recorded = (folder / STAMP).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None
    expected = dict(line.split("  ", 1)[::-1] for line in recorded.splitlines() if "  " in line)
    try:
        turtle = (folder / "graph.ttl").read_bytes()
    except OSError:
        turtle = None
    found = {"graph.json": graph_json, "graph.ttl": turtle}
    stale = [name for name in STAMPED
             if found[name] is None or expected.get(name) != hashlib.sha256(found[name] or b"").hexdigest()]
    instead = "queries use the RDF projected from graph.json, not graph.ttl"
    if "graph.json" in stale:
        return None, f"{folder / 'graph.json'}: changed since the build that wrote graph.ttl ({STAMP} says): {instead}"
    if stale:
        return None, (f"{folder / 'graph.ttl'}: {'missing' if turtle is None else 'not the one the build wrote'} "
                      f"({STAMP} says; edited, or from another build): {instead}")
    return turtle, None


def write_outputs(out_dir: Path, files: dict[str, str], replace_folders: tuple[str, ...] = ()) -> None:
    """Write ``files`` (names may hold one folder: "text/plan.pdf.txt") as ``out_dir``.

    Everything is written to a staging folder beside ``out_dir``, which then takes its
    place in two renames (the old folder set aside, the new one moved in, the old one
    removed; if the second rename fails the first is undone). So a failed build leaves the
    previous output exactly as it was, never a mix of old and new files. Files in the old
    folder that goldenthread does not write (a reviewer's CSV, say) are carried over; the
    folders in ``replace_folders`` ("text") are goldenthread's and replaced whole, so text
    from a document no longer in the corpus does not linger.
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
    old = staging.with_name(staging.name + ".old")
    try:
        for name, text in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        if out_dir.exists():
            ours = {name.split("/")[0] for name in files} | set(replace_folders)
            for entry in sorted(out_dir.iterdir()):
                if entry.name not in ours:
                    _carry_over(entry, staging / entry.name)
            os.replace(out_dir, old)
            try:
                os.replace(staging, out_dir)
            except OSError:
                os.replace(old, out_dir)  # put the previous output back as it was
                raise
        else:
            os.replace(staging, out_dir)  # the whole folder appears at once
    except OSError as exc:
        raise GoldenthreadError(f"{out_dir}: cannot write output: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def _carry_over(entry: Path, target: Path) -> None:
    """A file or folder of the old output that goldenthread did not write, into the new one."""
    if entry.is_dir() and not entry.is_symlink():
        shutil.copytree(entry, target, symlinks=True)
        return
    try:
        os.link(entry, target, follow_symlinks=False)  # cheap, and the old folder goes anyway
    except OSError:
        shutil.copy2(entry, target, follow_symlinks=False)
