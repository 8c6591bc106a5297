"""Serving the guard with uvicorn, the engine beside it, until SIGTERM or Ctrl-C.

Inputs: the store folder and the named graphs in it, the address, the limits and options of
``goldenthread serve``, and ``on_ready(url)`` to announce where it listens.
Outputs: ``serve(...)`` runs until stopped; on SIGTERM or SIGINT it stops taking requests,
stops the engine and returns. ``bind(host, port)`` gives the listening socket or a one-line
``GoldenthreadError``.

Slow clients: uvicorn closes a connection idle between requests after ``timeout_keep_alive``
and answers 400 when a request head grows past ``h11_max_incomplete_event_size``, but it
has no limit on the time a client may take to send a request head: a client that sends half
a request line and waits keeps its connection forever (1,000 of them are 1,000 sockets held;
enough of them exhaust the process's file descriptors). ``HeadTimeoutProtocol`` closes a
connection whose request head has not arrived ``Settings.head_timeout`` seconds (10 unless
``serve --head-timeout`` says) after the connection opened or the previous response ended
(the app limits the body: app.py ``BODY_TIMEOUT``).
"""

from __future__ import annotations

import asyncio
import ipaddress
import resource
import signal
import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from goldenthread.core.errors import GoldenthreadError
from goldenthread.queries.endpoint.app import Settings, create_app
from goldenthread.queries.endpoint.engine import Engine

KEEP_ALIVE = 5  # seconds an idle connection is kept between requests
HEAD_BYTES = 64 * 1024  # request head, besides a GET's query


class HeadTimeoutProtocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection whose request head is too slow;
    ``with_head_timeout`` gives the class with a given limit."""

    head_timeout = Settings.head_timeout

    @classmethod
    def with_head_timeout(cls, seconds: float) -> type[HeadTimeoutProtocol]:
        return type(cls.__name__, (cls,), {"head_timeout": seconds})

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm_head_timer()

    def _arm_head_timer(self) -> None:
        self._waiting_for = self.cycle  # the head that ends the wait makes a new cycle
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_expired)

    def _head_expired(self) -> None:
        if self.cycle is self._waiting_for and not self.transport.is_closing():
            self.transport.close()  # no request head in time: nothing to answer

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # a pipelined request may already be under way; its own end re-arms the timer
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._arm_head_timer()

    def connection_lost(self, exc) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
        super().connection_lost(exc)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> list[str]:
    """The names the ``Host`` header may give: stops a web page reaching a loopback endpoint
    through a domain name it controls (DNS rebinding). A server bound to every interface
    (0.0.0.0, ::) cannot know its names and accepts any."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    names = {host.lower(), f"[{host}]" if ":" in host else host}
    if is_loopback(host):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    else:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return sorted(names)


def bind(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port`` (port 0: any free port), or a one-line error."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        raise GoldenthreadError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def _stop(signum, frame) -> None:  # uvicorn re-raises the signal it stopped on: end quietly
    raise KeyboardInterrupt


async def _run(sock: socket.socket, location: Path, settings: Settings, on_ready: Callable[[str], None]) -> None:
    engine = Engine(location, int(-(-settings.timeout // 1)))  # whole seconds, rounded up
    try:
        await engine.start()
        app = create_app(engine, settings)
        limits = settings.limits
        config = uvicorn.Config(
            app, http=HeadTimeoutProtocol.with_head_timeout(settings.head_timeout), lifespan="off",
            log_level="warning", access_log=False, server_header=False,
            timeout_keep_alive=KEEP_ALIVE, timeout_graceful_shutdown=2, backlog=2048,
            # a GET's query is percent-encoded: up to three bytes per byte
            h11_max_incomplete_event_size=3 * limits.max_query_bytes + HEAD_BYTES,
            # leave file descriptors for the engine connections; past this uvicorn answers 503
            limit_concurrency=max(64, resource.getrlimit(resource.RLIMIT_NOFILE)[0] // 2 - 64))
        server = uvicorn.Server(config)
        host, port = sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        on_ready(f"http://{shown}:{port}")
        try:
            await server.serve(sockets=[sock])
        except KeyboardInterrupt:
            pass
        finally:
            await app.state.guard.client.aclose()
    finally:
        await engine.stop()


def serve(sock: socket.socket, location: Path, settings: Settings, on_ready: Callable[[str], None]) -> None:
    """Run the guard on ``sock`` and the engine over ``location`` until SIGTERM or Ctrl-C."""
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        asyncio.run(_run(sock, location, settings, on_ready))
    except KeyboardInterrupt:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
