"""Headless Debian Chromium for HTML tests: a page that records every request and error.

Chromium is the system package (/usr/bin/chromium, or the browser $GOLDENTHREAD_CHROMIUM
names), driven by Playwright; no browser is ever downloaded. Tests that need it skip when it
is missing, except under CI=true.
"""

from __future__ import annotations

import asyncio
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conftest import require

CHROMIUM = Path(os.environ.get("GOLDENTHREAD_CHROMIUM", "/usr/bin/chromium"))
# Chromium's own background traffic would be refused by this closed network anyway
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def require_browser() -> None:
    require(CHROMIUM.exists(), f"Chromium ({CHROMIUM}; apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        require(False, "Playwright (pip install playwright)")


# One Chromium per test process, launched on first use and closed when the session ends
# (conftest.py, pytest_sessionfinish): starting Playwright's driver and the browser takes over
# a second, which every browser test paid when each launched its own. Each page gets a fresh
# browser context (no cookies, storage or cache shared between tests).
_shared: dict[str, Any] = {}


def _chromium():
    """The shared browser, (re)launched if it is not running; Playwright's event loop is
    marked as running again (``_idle`` unmarked it)."""
    browser = _shared.get("browser")
    if browser is not None and browser.is_connected():
        asyncio._set_running_loop(_shared["loop"])
        return browser
    close_chromium()
    from playwright.sync_api import sync_playwright

    _shared["playwright"] = sync_playwright().start()
    _shared["loop"] = asyncio._get_running_loop()
    _shared["browser"] = _shared["playwright"].chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
    return _shared["browser"]


def _idle() -> None:
    """Between pages, Playwright's sync API leaves its event loop marked as running in this
    thread, so that any other test's ``asyncio.run`` would refuse to start: unmark it."""
    asyncio._set_running_loop(None)


def close_chromium() -> None:
    """Close the shared browser and Playwright's driver, if they were started."""
    playwright = _shared.pop("playwright", None)
    browser = _shared.pop("browser", None)
    if playwright is None:
        return
    asyncio._set_running_loop(_shared.pop("loop"))
    try:
        if browser is not None and browser.is_connected():
            browser.close()
    finally:
        playwright.stop()
        _idle()


@contextmanager
def open_page(path: Path, viewport=(1280, 900)):
    """Open a local HTML file in a fresh context of the shared browser; yields (page,
    requests, errors).

    requests: every URL the page asked for (the file itself included);
    errors: uncaught page errors and console errors.
    """
    require_browser()
    context = _chromium().new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(Path(path).resolve().as_uri())
        yield page, requests, errors
    finally:
        context.close()
        _idle()


def axe_violations(page) -> list[str]:
    """WCAG 2.x A/AA violations found by axe-core (bundled, offline), as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    # only the violations are read: axe then skips collecting every passing node (half its time)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{', '.join(str(n['target']) for n in v['nodes'][:3])})"
            for v in results.response["violations"]]


def offline_requests(requests: list[str], page_path: Path) -> list[str]:
    """Requests other than the page file itself (there should be none)."""
    own = Path(page_path).resolve().as_uri()
    return [u for u in requests if u != own and not u.startswith("data:") and u != "about:blank"]


__all__ = ["open_page", "axe_violations", "offline_requests", "require_browser", "close_chromium"]
