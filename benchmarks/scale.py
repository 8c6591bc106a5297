"""Scale benchmark: build N generated councils, load them into rdflib and Oxigraph, time the library queries.

Usage: python benchmarks/scale.py [--sizes 1,10,100,1000] [--out DIR] [--seed S] [--rdflib-limit N]
                                  [--rdflib-timeout S] [--timeout S] [--repeat R] [--queries DIR] [--json FILE]

For each size N:
1. generate (or reuse) N councils with benchmarks/generate_corpus.py (council K depends only on
   the seed and K, so every size reuses the first N councils of one corpus);
2. build each council with ``goldenthread.graph.build.build_graph(folder)``, one after the other
   (total and per-council mean: the per-council mean staying flat is what "linear in N" means),
   and project it to RDF with its own base IRI (``https://w3id.org/goldenthread/id/c0001/``) so
   councils never collide, as the product does (``goldenthread.graph.rdf.project``, then
   ``Projection.ntriples(graph)``); each projection is written as N-Quads in the council's named
   graph under ``DIR/nq``, and the council's Python objects are dropped before the next is built
   (the build process's peak RSS is reported);
3. in a fresh worker process per store (so that each store's peak memory is its own), load all N
   councils into (a) one rdflib ``Graph`` (their union, ``RdflibStore``) and (b) one
   ``OxigraphStore`` with one named graph per council (``OxigraphStore.load``, as a workspace
   loads a build), queried as the union of its named graphs; then, in another fresh worker, the
   same N-Quads files are loaded by Oxigraph alone (``pyoxigraph.Store().load(path=…)``), which is
   the figure the projection is measured against: projection + load ≤ 2× Oxigraph's own load;
4. time every library query, ``thread`` (bound to a priority of council 1 with ``{"focus": iri}``),
   ``orphans``, ``coverage``, ``matrix`` and ``drift``, through each store's ``select(text, bindings)``: the median of
   ``--repeat`` runs (a query slower than 10 s runs once), first run included (it parses the
   query). On Oxigraph, ``thread`` is also timed scoped to council 1's own named graph
   (``OxigraphStore(default_graph=[graph])``), the same rows without the other councils.

A query running longer than ``--timeout`` seconds is stopped (the worker is killed and restarted,
reloading the store, for the queries left) and shown as "> X s". Above ``--rdflib-limit``
councils rdflib is run once, with ``--rdflib-timeout`` seconds for load and queries together,
capped at 85% of the available memory, and skipped (saying why) when the memory it measurably
needs per triple would not fit.

Peak memory is the worker's (and the build process's) peak resident set size (``VmHWM`` of
``/proc/self/status``; ``_rss_mb`` says why not ``ru_maxrss``), which counts memory held by
pyoxigraph's Rust code too (tracemalloc sees only Python objects); it includes the interpreter
and imports (``baseline_mb`` in the JSON output).

For sizes up to ``--check-limit`` (default 10) the rows of both stores are compared, sorted, for
each query, and the check is printed. ``--queries DIR`` runs ``DIR/<name>.rq`` instead of the
library's query where such a file exists (to measure a proposed rewrite).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_corpus  # noqa: E402  (benchmarks/ is not a package)

QUERIES = ("thread", "orphans", "coverage", "matrix", "drift")  # the whole library
SCOPED = "thread@own-graph"  # Oxigraph only: thread with default_graph = council 1's named graph
ID_BASE = "https://w3id.org/goldenthread/id/"
SLOW = 10.0  # a query slower than this (s) is not repeated
REFERENCE = "oxigraph-alone"  # the worker that times Oxigraph's own load of the same N-Quads
GOAL_RATIO = 2.0  # projection + load within this many times Oxigraph's own load (issue 19)


def council_base(code: str) -> str:
    return f"{ID_BASE}{code}/"


def query_texts(override: Path | None = None) -> dict[str, str]:
    from goldenthread.queries.library import query_text

    texts = {}
    for name in QUERIES:
        path = Path(override) / f"{name}.rq" if override else None
        texts[name] = path.read_text(encoding="utf-8") if path and path.is_file() else query_text(name)
    return texts


# -- build ---------------------------------------------------------------------

@dataclass
class BuildStats:
    n: int
    build_s: float = 0.0
    project_s: float = 0.0
    triples: int = 0
    per_council_ms: list[float] = field(default_factory=list)
    counts: list[dict[str, int]] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)   # (N-Quads path, named graph IRI)
    focus: str = ""
    reused: int = 0
    peak_mb: float = 0.0  # the build process's peak RSS


def node_counts(graph, partnership_id: str) -> dict[str, int]:
    """Counts of one council's graph: kinds (priorities, commitments and themes per plan) and the
    broken threads the generator plants (priorities missing a link, pending strategies and boards,
    blank cells), and how many council commitments alignment linked to a partnership commitment."""
    kinds: dict[str, int] = {}

    def add(key: str, k: int = 1) -> None:
        kinds[key] = kinds.get(key, 0) + k

    for n in graph.nodes:
        key = n.kind
        if n.kind in ("priority", "commitment", "theme"):
            key = f"{'partnership' if n.plan == partnership_id else 'council'}_{n.kind}"
        add(key)
        if n.kind == "strategy" and n.status in ("to be developed", "to be refreshed", "in development"):
            add("strategy_not_in_place")
        if n.kind == "board" and n.status == "to be established":
            add("board_not_established")
        add("blank_cells", len(n.blanks))
    out_links = {(e.source, e.kind) for e in graph.edges}
    kind_of = {n.id: n.kind for n in graph.nodes}
    for n in graph.nodes:
        if n.kind == "priority" and n.plan == partnership_id:
            for link, name in (("delivered_through", "no_strategy"), ("overseen_by", "no_board"),
                               ("measured_by", "no_measure")):
                add(f"partnership_priority_{name}", (n.id, link) not in out_links)
    aligned = {e.source for e in graph.edges if e.kind == "aligns_with" and kind_of.get(e.source) == "commitment"
               and kind_of.get(e.target) == "commitment"}
    add("council_commitment_aligned", len(aligned))
    return kinds


_WARM = False


def build_councils(folders: list[Path], nq_dir: Path, reuse: bool = False) -> BuildStats:
    """Build and project every council, one after the other; write ``nq_dir/<code>.nq`` (and
    ``<code>.json``: counts, named graph, focus). With ``reuse``, councils already projected are
    read back instead of rebuilt (their build is then not timed: ``reused`` counts them).
    Only one council's objects are alive at a time: what is kept per council is its counts."""
    from goldenthread.graph.build import build_graph
    from goldenthread.graph.rdf import project
    from goldenthread.queries.store import graph_iri_for

    global _WARM
    if not _WARM and folders:  # the first build of a process pays lazy imports and set-up: not timed
        project(build_graph(folders[0]).graph).ntriples("https://example.org/warm-up")
        _WARM = True
    nq_dir.mkdir(parents=True, exist_ok=True)
    stats = BuildStats(n=len(folders))
    for folder in folders:
        meta = json.loads((folder / ".generator.json").read_text(encoding="utf-8"))
        code, (partnership_id, _) = meta["code"], meta["plans"]
        path, info_path = nq_dir / f"{code}.nq", nq_dir / f"{code}.json"
        if reuse and path.is_file() and info_path.is_file():
            info = json.loads(info_path.read_text(encoding="utf-8"))
            if info.get("generator") == meta:
                stats.reused += 1
                stats.triples += info["counts"]["triples"]
                stats.counts.append(info["counts"])
                stats.files.append((str(path), info["graph"]))
                stats.focus = stats.focus or info["focus"]
                continue
        t0 = time.perf_counter()
        result = build_graph(folder)
        t1 = time.perf_counter()
        plans = [n.id for n in result.graph.nodes if n.kind == "plan"]
        graph_iri = graph_iri_for(plans)
        projection = project(result.graph, council_base(code))
        data = projection.ntriples(graph_iri)
        t2 = time.perf_counter()
        stats.build_s += t1 - t0
        stats.project_s += t2 - t1
        stats.per_council_ms.append((t1 - t0) * 1000)
        stats.triples += len(projection)
        counts = node_counts(result.graph, partnership_id)
        counts["triples"] = len(projection)
        stats.counts.append(counts)
        path.write_bytes(data)
        stats.files.append((str(path), graph_iri))
        first = sorted(n.id for n in result.graph.nodes if n.kind == "priority" and n.plan == partnership_id)[0]
        stats.focus = stats.focus or council_base(code) + first
        info_path.write_text(json.dumps({"generator": meta, "counts": counts, "graph": graph_iri,
                                         "focus": council_base(code) + first}), encoding="utf-8")
        del result, projection, data  # nothing of this council outlives its turn
    stats.peak_mb = _rss_mb()
    return stats


# -- workers (one process per store and size) -----------------------------------------

def _rss_mb() -> float:
    """This process's peak RSS in MB: ``VmHWM`` (Linux), which starts afresh in a new program.
    ``ru_maxrss`` would not do for a worker: Linux keeps it across fork and exec, so a worker
    started by a big parent would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # KiB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _write(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def _norm_rows(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


def worker(spec_path: Path, out_path: Path) -> None:
    """Load the councils of ``spec`` into one store, run its queries, write progress as it goes."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    if spec.get("max_bytes"):
        resource.setrlimit(resource.RLIMIT_AS, (spec["max_bytes"], spec["max_bytes"]))
    from goldenthread.queries.store import OxigraphStore, RdflibStore

    out: dict[str, Any] = {"baseline_mb": _rss_mb(), "step": "load", "step_started": time.time(),
                           "queries": {}}
    _write(out_path, out)
    t0 = time.perf_counter()
    if spec["store"] == REFERENCE:  # Oxigraph alone: the same files, no goldenthread code
        import pyoxigraph as ox

        bare = ox.Store()
        for path, _ in spec["files"]:  # read as the OxigraphStore worker reads them: whole, then loaded
            bare.load(Path(path).read_bytes(), format=ox.RdfFormat.N_QUADS)
        out.update(load_s=time.perf_counter() - t0, triples=len(bare), peak_mb=_rss_mb(), step="done")
        _write(out_path, out)
        return
    if spec["store"] == "oxigraph":
        store: Any = OxigraphStore()
        for path, graph_iri in spec["files"]:
            store.load(Path(path).read_bytes(), graph_iri, "nquads")
    else:
        from rdflib import Graph

        union = Graph()  # one graph, the union of the councils: what rdflib queries fastest
        for path, graph_iri in spec["files"]:
            # one council's N-Quads, all in its graph: its N-Triples once the graph term goes
            # (a line ends with it, and no literal holds a raw line break)
            data = Path(path).read_bytes().replace(f" <{graph_iri}> .\n".encode(), b" .\n")
            union.parse(data=data.decode("utf-8"), format="nt")
        store = RdflibStore(union)
    out["load_s"] = time.perf_counter() - t0
    out["triples"] = store.triples()
    out["peak_mb"] = _rss_mb()
    for name in spec["queries"]:
        out["step"], out["step_started"] = name, time.time()
        _write(out_path, out)
        target = store
        if name == SCOPED:
            target = OxigraphStore.__new__(OxigraphStore)  # same store, default graph = council 1's graph
            target.store, target.path, target.default_graph = store.store, None, [spec["files"][0][1]]
        text = spec["texts"][name.split("@")[0]]
        bindings = {"focus": spec["focus"]} if name.startswith("thread") else None
        times, rows = [], []
        for _ in range(spec["repeat"]):
            t = time.perf_counter()
            rows = target.select(text, bindings)
            times.append(time.perf_counter() - t)
            if sum(times) > SLOW:
                break
        out["queries"][name] = {"s": statistics.median(times), "runs": len(times), "rows": len(rows)}
        if spec.get("keep_rows"):
            out["queries"][name]["sorted_rows"] = _norm_rows(rows)
        out["peak_mb"] = _rss_mb()
    out["step"] = "done"
    _write(out_path, out)


def run_worker(store: str, stats: BuildStats, work: Path, texts: dict[str, str], repeat: int,
               keep_rows: bool, step_timeout: float, deadline: float | None = None,
               max_bytes: int | None = None, log=print) -> dict[str, Any]:
    """Run ``store``'s worker; a step over ``step_timeout`` (or past ``deadline`` for everything)
    is stopped, recorded as a timeout, and the queries left run in a restarted worker."""
    # cheapest first at 1,000 councils on rdflib (matrix grows fastest: 22 s at 100 councils,
    # over 1,100 s at 1,000), so that a time budget yields as many figures as it can
    todo = [] if store == REFERENCE else [q for q in ("thread", SCOPED, "drift", "coverage", "orphans", "matrix")
                                          if store == "oxigraph" or q != SCOPED]
    result: dict[str, Any] = {"status": "done", "queries": {}, "restarts": 0}
    started = time.time()
    first = True
    while todo or first:  # the reference worker only loads: one run, no queries
        first = False
        spec = {"store": store, "files": stats.files, "focus": stats.focus, "repeat": repeat,
                "keep_rows": keep_rows, "max_bytes": max_bytes, "queries": todo, "texts": texts}
        spec_path = work / f"spec-{store}-{stats.n}.json"
        out_path = work / f"result-{store}-{stats.n}.json"
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        out_path.unlink(missing_ok=True)
        proc = subprocess.Popen([sys.executable, __file__, "--worker", str(spec_path), str(out_path)],
                                stderr=subprocess.PIPE, text=True)
        stopped, out = None, {}
        while proc.poll() is None:
            time.sleep(0.2)
            try:
                out = json.loads(out_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            now = time.time()
            over_step = now - out["step_started"] > step_timeout
            over_all = deadline is not None and now - started > deadline
            if over_step or over_all:
                proc.kill()  # the worker this function started, by its own handle
                stopped = (out["step"], now - out["step_started"])
                break
        _, err = proc.communicate()
        if out_path.is_file():
            out = json.loads(out_path.read_text(encoding="utf-8"))
        for key in ("load_s", "triples", "baseline_mb"):
            if key in out and key not in result:
                result[key] = out[key]
        result["peak_mb"] = max(result.get("peak_mb", 0), out.get("peak_mb", 0))
        result["queries"].update(out.get("queries", {}))
        todo = [q for q in todo if q not in result["queries"]]
        if stopped:
            step, elapsed = stopped
            log(f"  {store}: stopped '{step}' after {elapsed:.0f} s")
            if step == "load":
                result.update(status="timeout", load_timeout_s=elapsed)
                break
            result["queries"][step] = {"timeout_s": elapsed}
            todo = [q for q in todo if q != step]
            if deadline is not None:
                result["status"] = "timeout"
                break
            result["restarts"] += 1
        elif proc.returncode != 0:
            result.update(status="failed", error=(err or "").strip().splitlines()[-1:] or ["failed"],
                          failed_step=out.get("step", "load"))
            break
    for q in todo:
        result["queries"].setdefault(q, {"not_run": True})
    return result


# -- the run -----------------------------------------------------------------------

def machine() -> dict[str, Any]:
    import pyoxigraph
    import rdflib

    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(("MemTotal", "MemAvailable")):
                key, value = line.split(":")
                mem += f"{key} {int(value.split()[0]) / 1024 / 1024:.1f} GiB; "
    except OSError:
        pass
    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(), "python": platform.python_version(), "rdflib": rdflib.__version__,
            "pyoxigraph": pyoxigraph.__version__, "memory": mem.strip("; ")}


def _available_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def run(sizes: list[int], out: Path, seed: int = 0, rdflib_limit: int = 100, rdflib_timeout: float = 600,
        step_timeout: float = 300, repeat: int = 3, check_limit: int = 10, queries: Path | None = None,
        reuse_build: bool = False, log=print) -> dict[str, Any]:
    """The whole benchmark; returns every figure and prints the tables through ``log``."""
    out = Path(out)
    corpus, nq_dir, work = out / "corpus", out / "nq", out / "work"
    work.mkdir(parents=True, exist_ok=True)
    texts = query_texts(queries)
    t = time.perf_counter()
    folders = generate_corpus.generate(corpus, max(sizes), seed, reuse=True)
    log(f"corpus: {max(sizes)} councils in {corpus} "
        f"(seed {seed}; {time.perf_counter() - t:.1f} s to generate or reuse)")
    results: dict[str, Any] = {"machine": machine(), "seed": seed, "sizes": {}, "checks": {},
                               "queries": str(queries) if queries else "library",
                               "step_timeout": step_timeout}
    bytes_per_triple = None
    for n in sorted(sizes):
        log(f"N={n}: building …")
        stats = build_councils(folders[:n], nq_dir, reuse_build)
        log(f"N={n}: built in {stats.build_s:.1f} s ({stats.reused} reused; {stats.triples:,} triples); Oxigraph …")
        keep = n <= check_limit
        oxi = run_worker("oxigraph", stats, work, texts, repeat, keep, step_timeout, log=log)
        log(f"N={n}: Oxigraph alone, loading the same N-Quads …")
        alone = run_worker(REFERENCE, stats, work, texts, repeat, False, step_timeout, log=log)
        rdf: dict[str, Any]
        avail = _available_bytes()
        if n <= rdflib_limit:
            log(f"N={n}: rdflib …")
            rdf = run_worker("rdflib", stats, work, texts, repeat, keep, step_timeout, log=log)
        elif rdflib_timeout <= 0:
            rdf = {"status": "skipped", "reason": f"above --rdflib-limit {rdflib_limit}", "queries": {}}
        elif avail and bytes_per_triple and bytes_per_triple * stats.triples * 1.2 > 0.85 * avail:
            need = bytes_per_triple * stats.triples * 1.2
            rdf = {"status": "skipped", "queries": {},
                   "reason": f"needs ~{need / 2**30:.0f} GiB ({bytes_per_triple:.0f} bytes per triple measured "
                             f"at a smaller size, +20%), {avail / 2**30:.0f} GiB available"}
        else:
            log(f"N={n}: rdflib, once, {rdflib_timeout:.0f} s for load and queries …")
            rdf = run_worker("rdflib", stats, work, texts, 1, False, rdflib_timeout, deadline=rdflib_timeout,
                             max_bytes=int(0.85 * avail) if avail else None, log=log)
        if rdf.get("load_s") is not None and rdf.get("triples"):
            bytes_per_triple = (rdf["peak_mb"] - rdf["baseline_mb"]) * 2**20 / rdf["triples"]
        if keep:
            checks = {}
            for q in QUERIES:
                a, b = oxi["queries"].get(q, {}), rdf["queries"].get(q, {})
                if "sorted_rows" in a and "sorted_rows" in b:
                    checks[q] = {"equal": a["sorted_rows"] == b["sorted_rows"], "rows": a["rows"]}
            a, b = oxi["queries"].get(SCOPED, {}), oxi["queries"].get("thread", {})
            if "sorted_rows" in a and "sorted_rows" in b:
                checks[SCOPED] = {"equal": a["sorted_rows"] == b["sorted_rows"], "rows": a["rows"]}
            results["checks"][n] = checks
            for store in (oxi, rdf):
                for q in store["queries"].values():
                    q.pop("sorted_rows", None)
        results["sizes"][n] = {
            "n": n, "triples": stats.triples, "build_s": stats.build_s, "project_s": stats.project_s,
            "build_ms_per_council": statistics.mean(stats.per_council_ms) if stats.per_council_ms else None,
            "build_ms_median": statistics.median(stats.per_council_ms) if stats.per_council_ms else None,
            "reused": stats.reused, "build_peak_mb": stats.peak_mb,
            "counts": stats.counts, "focus": stats.focus, "oxigraph": oxi, "rdflib": rdf, REFERENCE: alone}
    log("")
    log(report(results))
    return results


# -- the report ----------------------------------------------------------------------

def _secs(x: float) -> str:
    return f"{x:.4f}" if x < 0.01 else f"{x:.3f}" if x < 10 else f"{x:.1f}"


def _cell(store: dict[str, Any], key: str) -> tuple[str, float | None]:
    """(text, seconds or None) of a load or query step of a worker result."""
    if store.get("status") == "skipped":
        return "skipped", None
    if key == "load":
        if store.get("load_s") is not None:
            return _secs(store["load_s"]), store["load_s"]
        if "load_timeout_s" in store:
            return f"> {store['load_timeout_s']:.0f} s", None
        return "failed", None
    q = store.get("queries", {}).get(key)
    if q is None:
        return "—", None
    if "s" in q:
        return _secs(q["s"]), q["s"]
    if "timeout_s" in q:
        return f"> {q['timeout_s']:.0f} s", None
    if store.get("status") == "failed" and store.get("failed_step") == key:
        return "failed", None
    return "not run", None


def _ratio(rdf: dict[str, Any], oxi: dict[str, Any], key: str) -> str:
    _, r = _cell(rdf, key)
    _, o = _cell(oxi, key)
    if r is not None and o:
        x = r / o
        return f"{x:.0f}×" if x >= 10 else f"{x:.1f}×" if x >= 1 else f"{x:.2g}×"
    q = rdf.get("queries", {}).get(key, {})
    if "timeout_s" in q and o:
        return f"> {q['timeout_s'] / o:.0f}×"
    if key == "load" and "load_timeout_s" in rdf and o:
        return f"> {rdf['load_timeout_s'] / o:.0f}×"
    return "—"


def _status_note(store: dict[str, Any]) -> str:
    if store["status"] == "skipped":
        return f"skipped: {store.get('reason', '')}"
    if store["status"] == "timeout":
        return "run once within its time budget, stopped when the budget ran out (steps after that: not run)"
    return f"{store['status']}: {' '.join(store.get('error') or [])}"


def rdf_speed_table(ordered: list[tuple[Any, dict[str, Any]]]) -> list[str]:
    """Goals 2 and 4 of issue 19, each figure beside its goal: projection + load into the
    ``OxigraphStore`` against Oxigraph's own load of the same N-Quads, and peak RSS."""
    lines = [f"RDF at the store's speed (goal: projection + load ≤ {GOAL_RATIO:.0f}× Oxigraph's own load of "
             "the same N-Quads, both in this run; peak RSS of the build process and of each store's worker):",
             "", "| councils | projection to N-Quads (s) | load into OxigraphStore (s) | projection + load (s) "
             "| Oxigraph alone, same N-Quads (s) | ratio | goal | peak RSS, build (MB) "
             "| peak RSS, OxigraphStore (MB) | peak RSS, Oxigraph alone (MB) |", "|---" * 10 + "|"]
    for n, s in ordered:
        oxi, alone = s["oxigraph"], s.get(REFERENCE, {})
        load, own = oxi.get("load_s"), alone.get("load_s")
        projected = s.get("build_ms_per_council") is not None and not s.get("reused")
        total = s["project_s"] + load if projected and load is not None else None
        ratio = f"{total / own:.2f}×" if total is not None and own else "—"
        verdict = "—" if total is None or not own else "met" if total <= GOAL_RATIO * own else "NOT met"
        cells = [_secs(s["project_s"]) if projected else "reused", _secs(load) if load is not None else "—",
                 _secs(total) if total is not None else "—", _secs(own) if own is not None else "—", ratio,
                 f"≤ {GOAL_RATIO:.0f}×: {verdict}", f"{s['build_peak_mb']:,.0f}" if s.get("build_peak_mb") else "—",
                 f"{oxi['peak_mb']:,.0f}" if oxi.get("peak_mb") else "—",
                 f"{alone['peak_mb']:,.0f}" if alone.get("peak_mb") else "—"]
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return lines


def report(results: dict[str, Any]) -> str:
    m = results["machine"]
    ordered = sorted(results["sizes"].items(), key=lambda kv: int(kv[0]))
    lines = [f"Machine: `{m['platform']}`, {m['cpus']} CPUs ({m['processor']}), Python {m['python']}, "
             f"rdflib {m['rdflib']}, pyoxigraph {m['pyoxigraph']}; {m['memory']}.",
             f"Queries: {results['queries']}; a step longer than {results['step_timeout']:.0f} s is stopped.", "",
             "Build (one `build_graph` per council, sequential; RDF projection with each council's own base IRI):",
             "", "| councils | triples | build total (s) | build per council, mean (ms) | median (ms) "
             "| RDF projection + N-Quads total (s) |", "|---|---|---|---|---|---|"]
    for n, s in ordered:
        if s.get("build_ms_per_council") is None:
            lines.append(f"| {n} | {s['triples']:,} | reused ({s['reused']} councils) | | | |")
            continue
        reused = f" ({n - s['reused']} built, {s['reused']} reused)" if s.get("reused") else ""
        lines.append(f"| {n} | {s['triples']:,} | {s['build_s']:.1f}{reused} | {s['build_ms_per_council']:.0f} "
                     f"| {s['build_ms_median']:.0f} | {s['project_s']:.1f} |")
    lines += ["", *rdf_speed_table(ordered)]
    lines += ["", "Stores and library queries (seconds, median of runs; peak RSS = the store's worker process, "
              "`VmHWM`, interpreter included; thread bound to a priority of council 1):", "",
              "| councils | store | load (s) | peak RSS (MB) | " + " | ".join(f"{q} (s)" for q in QUERIES)
              + " | thread, own named graph (s) |", "|---" * (len(QUERIES) + 5) + "|"]
    for n, s in ordered:
        for label, key in (("rdflib", "rdflib"), ("Oxigraph", "oxigraph")):
            st = s[key]
            peak = (f"{st['peak_mb']:,.0f}" if st.get("peak_mb") else
                    "skipped" if st.get("status") == "skipped" else "—")
            cells = [_cell(st, k)[0] for k in ("load", *QUERIES)]
            scoped = _cell(st, SCOPED)[0] if key == "oxigraph" else "—"
            lines.append(f"| {n} | {label} | {cells[0]} | {peak} | {' | '.join(cells[1:])} | {scoped} |")
        ratios = [_ratio(s["rdflib"], s["oxigraph"], k) for k in ("load", *QUERIES)]
        lines.append(f"| {n} | rdflib ÷ Oxigraph | {ratios[0]} | | {' | '.join(ratios[1:])} | |")
    notes = [f"- N={n}: rdflib {_status_note(s['rdflib'])}" for n, s in ordered
             if s["rdflib"].get("status") not in ("done", None)]
    notes += [f"- N={n}: Oxigraph {s['oxigraph']['status']}: {s['oxigraph'].get('error') or ''}"
              for n, s in ordered if s["oxigraph"].get("status") != "done"]
    if notes:
        lines += ["", *notes]
    lines += ["", "Same rows on both stores (sorted rows compared):"]
    if not any(results["checks"].values()):
        lines.append("- not checked (no size at or below the check limit finished on both stores)")
    for n, checks in sorted(results["checks"].items(), key=lambda kv: int(kv[0])):
        parts = [f"{q} {'identical' if c['equal'] else 'DIFFERENT'} ({c['rows']} rows)"
                 for q, c in checks.items() if q != SCOPED]
        parts += [f"{q} not compared (did not finish on both stores)" for q in QUERIES if q not in checks]
        if SCOPED in checks:
            same = "identical to" if checks[SCOPED]["equal"] else "DIFFERENT from"
            parts.append(f"Oxigraph thread on council 1's own graph {same} the union's")
        lines.append(f"- N={n}: " + ", ".join(parts))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any] | None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        worker(Path(argv[1]), Path(argv[2]))
        return None
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,10,100,1000", help="comma-separated council counts")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "goldenthread-scale",
                    help="working folder: corpus, N-Triples, worker files (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rdflib-limit", type=int, default=100,
                    help="above this many councils rdflib is run once, with --rdflib-timeout (default 100)")
    ap.add_argument("--rdflib-timeout", type=float, default=600,
                    help="seconds for rdflib's load and queries above the limit; 0 skips it (default 600)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before a step is stopped (default 300)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query, median reported (default 3)")
    ap.add_argument("--check-limit", type=int, default=10, help="compare both stores' rows up to this size")
    ap.add_argument("--queries", type=Path, help="folder of .rq files to run instead of the library's")
    ap.add_argument("--reuse-build", action="store_true",
                    help="reuse councils already built and projected under --out (to time queries only)")
    ap.add_argument("--json", type=Path, help="also write every figure as JSON")
    args = ap.parse_args(argv)
    try:
        sizes = sorted({int(x) for x in args.sizes.split(",") if x.strip()})
    except ValueError:
        ap.error("--sizes: comma-separated whole numbers, e.g. 1,10,100")
    if not sizes or sizes[0] < 1:
        ap.error("--sizes: every size must be at least 1")
    if args.queries and not args.queries.is_dir():
        ap.error(f"--queries: {args.queries} is not a folder")
    results = run(sizes, args.out, args.seed, args.rdflib_limit, args.rdflib_timeout, args.timeout,
                  args.repeat, args.check_limit, args.queries, args.reuse_build)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
