"""How `goldenthread serve` answers many analysts at once, on loopback.

Starts ``goldenthread serve --graph OUT --port 0`` on a build of the bundled example corpus
(or ``--corpus DIR``), then:

1. **many clients**: ``--clients`` concurrent clients (default 200), each sending its next
   query as soon as the last one is answered, for ``--seconds`` (default 30) or until
   ``--max-requests`` have been sent, whichever comes first. The queries are a mix of what
   analysts run: ``ASK {}``, a count of commitments, the library's ``orphans.rq`` and a
   CONSTRUCT of one plan's priorities. Every request must be answered (any status, counted
   by status); latencies are from sending the request to reading the whole answer.
2. **a slow query beside a trivial one**: the median of 15 ``ASK {}`` alone, then while two
   queries run until the time limit (``--timeout``, default 5 s).

Prints one Markdown table per part. Loopback only; bounded in count and time.

    python benchmarks/endpoint.py [--clients 200] [--seconds 30] [--max-requests 200000]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
GT = "PREFIX gt: <https://w3id.org/goldenthread/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
QUERIES = {
    "ask": "ASK {}",
    "count": GT + "SELECT (COUNT(*) AS ?n) WHERE { ?c a gt:Commitment }",
    "orphans": (ROOT / "queries" / "orphans.rq").read_text(encoding="utf-8"),
    "construct": GT + "CONSTRUCT { ?p skos:prefLabel ?l } WHERE { ?p a gt:Priority ; skos:prefLabel ?l }",
}
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs until the time limit


def _build(corpus: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "goldenthread.cli.main", "build", str(corpus), "--out", str(out)],
                   check=True, stdout=subprocess.DEVNULL)


def _serve(out: Path, timeout: float) -> tuple[subprocess.Popen, str]:
    from servers import served_address  # tests/servers.py: how goldenthread serve is started and found

    proc = subprocess.Popen([sys.executable, "-m", "goldenthread.cli.main", "serve", "--graph", str(out),
                             "--port", "0", "--timeout", str(timeout)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return proc, served_address(proc)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class _Connection:
    """One keep-alive HTTP/1.1 connection, as an analyst's client holds one: requests sent one
    after another, each answer read whole (the endpoint sends Content-Length). A minimal client
    on asyncio streams, because httpx's pool costs more CPU than the server at 200 connections
    on this 2-CPU machine, and the figures would measure the client."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, body: bytes, accept: str) -> int:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = (f"POST /sparql HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Content-Type: application/sparql-query\r\nAccept: {accept}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        await self.writer.drain()
        assert self.reader is not None
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed by the server")
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and "close" in value.lower():
                close = True
        await self.reader.readexactly(length)
        if close:
            self.writer.close()
        return int(status_line.split()[1])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _many_clients(url: str, clients: int, seconds: float, max_requests: int) -> dict:
    names = list(QUERIES)
    bodies = {name: text.encode("utf-8") for name, text in QUERIES.items()}
    latencies: dict[str, list[float]] = collections.defaultdict(list)
    statuses: collections.Counter = collections.Counter()
    failures: collections.Counter = collections.Counter()
    sent = 0
    deadline = time.monotonic() + seconds
    parts = httpx.URL(url)

    async def one_client(i: int) -> None:
        nonlocal sent
        connection = _Connection(parts.host, parts.port or 80)
        turn = i
        try:
            while time.monotonic() < deadline and sent < max_requests:
                sent += 1
                name = names[turn % len(names)]
                turn += 1
                started = time.monotonic()
                try:
                    status = await asyncio.wait_for(
                        connection.post(bodies[name], "text/turtle" if name == "construct" else "text/csv"), 60)
                except (OSError, ConnectionError, asyncio.IncompleteReadError, TimeoutError) as exc:
                    failures[type(exc).__name__] += 1
                    connection.close()
                    connection = _Connection(parts.host, parts.port or 80)
                    continue
                statuses[status] += 1
                latencies[name].append(time.monotonic() - started)
        finally:
            connection.close()

    started = time.monotonic()
    await asyncio.gather(*(one_client(i) for i in range(clients)))
    wall = time.monotonic() - started
    return {"sent": sent, "wall": wall, "latencies": latencies, "statuses": statuses, "failures": failures}


def _ask_ms(url: str, n: int = 15) -> float:
    times = []
    with httpx.Client(trust_env=False, timeout=30) as http:
        for _ in range(n):
            started = time.monotonic()
            http.get(f"{url}/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
            times.append(time.monotonic() - started)
    return statistics.median(times) * 1000


def _slow_beside_trivial(url: str) -> tuple[float, float]:
    alone = _ask_ms(url)

    async def slow_pair() -> None:
        async with httpx.AsyncClient(trust_env=False, timeout=60) as http:
            await asyncio.gather(*(http.get(f"{url}/sparql", params={"query": SLOW}) for _ in range(2)))

    import threading

    runner = threading.Thread(target=lambda: asyncio.run(slow_pair()))
    runner.start()
    time.sleep(0.5)
    during = _ask_ms(url)
    runner.join()
    return alone, during


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "northmere")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--timeout", type=float, default=5.0, help="the endpoint's --timeout")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="gt-endpoint-bench-") as tmp:
        out = Path(tmp) / "out"
        _build(args.corpus, out)
        proc, url = _serve(out, args.timeout)
        try:
            result = asyncio.run(_many_clients(url, args.clients, args.seconds, args.max_requests))
            alone, during = _slow_beside_trivial(url)
        finally:
            from servers import stop

            stop(proc)

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"Machine: {platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}; "
          f"corpus {args.corpus.name}; clients and endpoint on one machine (loopback).\n")
    answered = sum(result["statuses"].values())
    unanswered = sum(result["failures"].values())
    statuses = ", ".join(f"{code}: {n:,}" for code, n in sorted(result["statuses"].items()))
    print(f"{args.clients} concurrent clients for {result['wall']:.1f} s: {result['sent']:,} requests, "
          f"{answered:,} answered ({statuses}), {unanswered:,} unanswered"
          + (f" ({dict(result['failures'])})" if unanswered else "") + "\n")
    print("| query | requests | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |")
    print("|---|---|---|---|---|---|")
    every: list[float] = []
    for name, values in result["latencies"].items():
        every += values
        p50, p95, p99 = (_percentile(values, p) * 1000 for p in (50, 95, 99))
        print(f"| {name} | {len(values):,} | {p50:.0f} | {p95:.0f} | {p99:.0f} | {max(values) * 1000:.0f} |")
    if every:
        print(f"| all | {len(every):,} | {_percentile(every, 50) * 1000:.0f} | {_percentile(every, 95) * 1000:.0f}"
              f" | {_percentile(every, 99) * 1000:.0f} | {max(every) * 1000:.0f} |")
    print(f"\nThroughput: {answered / result['wall']:.0f} answers a second.\n")
    print("| `ASK {}`, median of 15 | ms |")
    print("|---|---|")
    print(f"| alone | {alone:.1f} |")
    print(f"| while two queries run to the {args.timeout:g} s limit | {during:.1f} |")


if __name__ == "__main__":
    main()
