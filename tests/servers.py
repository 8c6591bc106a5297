"""Servers the tests start, on ports they bind themselves and report back.

A test never picks a free port and hands it to a server: between the test releasing it and
the server binding it, another process may take it. The server binds port 0 instead, and the
test learns the port it got:
- ``goldenthread serve --port 0`` prints its address (``served_address``);
- ``oxigraph serve`` prints ``:0``, so its port is read from the kernel's table of listening
  sockets for its process (``listening_port``, Linux ``/proc``).
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LISTEN = "0A"  # TCP state LISTEN in /proc/net/tcp


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listening_port(pid: int, seconds: float = 20) -> int:
    """The TCP port process ``pid`` listens on, once it listens (``RuntimeError`` after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        inodes = _socket_inodes(pid)
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == LISTEN and fields[9] in inodes:
                    return int(fields[1].rsplit(":", 1)[1], 16)
        time.sleep(0.05)
    raise RuntimeError(f"process {pid} is not listening after {seconds} s")


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def stop(proc: subprocess.Popen) -> None:
    """Terminate ``proc``, killing it if it has not ended within 10 s."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def oxigraph_serving(binary: str, *args: str, probe: str = "/") -> Iterator[str]:
    """``oxigraph serve ARGS --bind 127.0.0.1:0``; yields ``http://127.0.0.1:PORT`` once it answers."""
    proc = subprocess.Popen([binary, "serve", *args, "--bind", "127.0.0.1:0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{listening_port(proc.pid)}"
        deadline = time.monotonic() + 20
        while not _answers(base + probe):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"oxigraph serve did not answer at {base}")
            time.sleep(0.05)
        yield base
    finally:
        stop(proc)


def announcement(proc: subprocess.Popen, seconds: float = 60) -> tuple[str, str]:
    """The ``http://HOST:PORT`` that ``goldenthread serve`` prints on its first line, and that line
    (``RuntimeError`` naming what it printed if it does not start)."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], seconds)
    line = proc.stdout.readline() if ready else ""
    found = re.search(r" at (http://\S+)/sparql ", line)
    if not found:
        proc.kill()
        errors = proc.stderr.read() if proc.stderr is not None else ""
        raise RuntimeError(f"goldenthread serve did not start: {line!r} {errors}")
    return found.group(1), line


def served_address(proc: subprocess.Popen, seconds: float = 60) -> str:
    """The address ``goldenthread serve`` prints (see ``announcement``)."""
    return announcement(proc, seconds)[0]
