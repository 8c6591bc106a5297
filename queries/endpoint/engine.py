"""Running the query engine, ``oxigraph serve-read-only``, and keeping it running.

Inputs: the store folder, the engine's own time limit (whole seconds) and, optionally, the
``oxigraph`` binary (found on PATH or beside the Python interpreter).
Outputs: ``Engine``:
- ``await engine.start()`` starts the engine on a free loopback port and waits until it
  answers (``GoldenthreadError`` with one line if it cannot start);
- ``await engine.acquire(wait)`` gives the running ``Instance`` (``instance.url``) for one
  query, or None when none is ready within ``wait`` seconds; ``engine.release(instance)``
  when the query is done;
- ``engine.replace(instance)`` after a query ran past the guard's deadline;
- ``await engine.stop()`` stops every engine process.

Why a supervisor: the engine dies on some queries (a stack overflow aborts the whole
process) and can be killed from outside. A watcher restarts it at once (starting oxigraph
on a store takes about 0.1 s), so the query that found it dead gets 503 and the next one is
answered. A query the engine keeps running past its own time limit (its limit does not cover
planning, nor some sorts) would hold a core for minutes: the guard gives up on it and
replaces that engine: a fresh one takes new queries at once, and the old one is killed when
the queries it still holds are done. Each engine is started to die with the guard (Linux
``PR_SET_PDEATHSIG``), so even a guard killed with SIGKILL leaves no engine behind.
"""

from __future__ import annotations

import asyncio
import collections
import ctypes
import os
import shutil
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from goldenthread.core.errors import GoldenthreadError

START_TIMEOUT = 20.0  # seconds for a new engine to answer (opening a large store)
RESTART_BACKOFF = (0.0, 0.2, 0.5, 1.0, 2.0)  # between failed restarts, so a broken store does not spin


def find_binary() -> str:
    """The ``oxigraph`` server binary (the ``oxigraph`` package on PyPI), or a one-line error."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise GoldenthreadError("the query engine is missing: 'oxigraph' is not on PATH (pip install oxigraph)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the guard died before prctl took effect
            os._exit(1)


@dataclass(eq=False)
class Instance:
    """One engine process and its address; ``busy`` counts the queries it is answering."""

    process: asyncio.subprocess.Process
    port: int
    busy: int = 0
    retired: bool = False
    log: collections.deque = field(default_factory=lambda: collections.deque(maxlen=20))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def alive(self) -> bool:
        return self.process.returncode is None

    def kill(self) -> None:
        if self.alive:
            self.process.kill()


class Engine:
    def __init__(self, location: Path, timeout_s: int, binary: str | None = None, say=None):
        self.location = location
        self.timeout_s = max(1, int(timeout_s))
        self.binary = binary or find_binary()
        self.say = say or (lambda line: print(line, file=sys.stderr, flush=True))
        self.current: Instance | None = None
        self.instances: set[Instance] = set()
        self.ready = asyncio.Event()
        self.stopping = False
        self.restarts = 0
        self._restarting: asyncio.Task | None = None
        self._tasks: set[asyncio.Task] = set()

    # -- starting ------------------------------------------------------------------------

    async def _spawn(self) -> Instance:
        port = _free_port()
        process = await asyncio.create_subprocess_exec(
            self.binary, "serve-read-only", "--location", str(self.location), "--bind", f"127.0.0.1:{port}",
            "--timeout-s", str(self.timeout_s), stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE, preexec_fn=_die_with_parent)
        instance = Instance(process, port)
        self.instances.add(instance)
        self._spawn_task(self._read_log(instance))
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and instance.alive:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.01)
                continue
            writer.close()
            self._spawn_task(self._watch(instance))
            return instance
        await asyncio.sleep(0.05)  # let the last lines of its log arrive
        instance.kill()
        self.instances.discard(instance)
        why = instance.log[-1] if instance.log else "it did not answer in time"
        raise GoldenthreadError(f"{self.location}: the query engine (oxigraph) did not start: {why}")

    async def start(self) -> None:
        self.current = await self._spawn()
        self.ready.set()

    def _spawn_task(self, coroutine) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _read_log(self, instance: Instance) -> None:
        assert instance.process.stderr is not None
        async for line in instance.process.stderr:  # drained so the engine never blocks on it
            text = line.decode("utf-8", "replace").strip()
            if text:
                instance.log.append(text)

    async def _watch(self, instance: Instance) -> None:
        code = await instance.process.wait()
        self.instances.discard(instance)
        if self.stopping or instance is not self.current:
            return
        how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        last = next((line for line in reversed(instance.log) if "overflow" in line or "panic" in line), "")
        self.say(f"query engine stopped ({how}{': ' + last if last else ''}); restarting it")
        self._restart()

    def _restart(self) -> None:
        self.ready.clear()
        self.current = None
        if self._restarting is None or self._restarting.done():
            self._restarting = asyncio.get_running_loop().create_task(self._restart_loop())

    async def _restart_loop(self) -> None:
        for attempt in range(10_000):
            if self.stopping:
                return
            await asyncio.sleep(RESTART_BACKOFF[min(attempt, len(RESTART_BACKOFF) - 1)])
            try:
                self.current = await self._spawn()
            except (GoldenthreadError, OSError) as exc:
                self.say(f"{exc}; trying again")
                continue
            self.restarts += 1
            self.ready.set()
            return

    # -- using ---------------------------------------------------------------------------

    async def acquire(self, wait: float) -> Instance | None:
        """The engine to send one query to, waiting up to ``wait`` s for a restart; None if none."""
        if not self.ready.is_set():
            try:
                await asyncio.wait_for(self.ready.wait(), wait)
            except TimeoutError:
                return None
        instance = self.current
        if instance is None or not instance.alive:
            return None
        instance.busy += 1
        return instance

    def release(self, instance: Instance) -> None:
        instance.busy -= 1
        if instance.retired and instance.busy <= 0:
            instance.kill()

    def lost(self, instance: Instance) -> None:
        """``instance`` dropped or refused a connection: it is dying or dead. Stop sending it
        queries and start its replacement now, without waiting for its exit to be noticed."""
        if instance is not self.current or instance.retired:
            return
        instance.retired = True
        instance.kill()
        self.say("the query engine stopped answering; restarting it")
        self._restart()

    def replace(self, instance: Instance) -> None:
        """Stop sending queries to ``instance`` (a query ran away on it); start a fresh engine."""
        if instance is not self.current or instance.retired:
            return
        instance.retired = True
        self.say("a query ran past the time limit; replacing the query engine")
        self._restart()

    async def stop(self) -> None:
        self.stopping = True
        if self._restarting is not None:
            self._restarting.cancel()
        for instance in list(self.instances):
            if instance.alive:
                instance.process.terminate()
        for instance in list(self.instances):
            try:
                await asyncio.wait_for(instance.process.wait(), 2)
            except TimeoutError:
                instance.kill()
                await instance.process.wait()
        for task in list(self._tasks):
            task.cancel()
