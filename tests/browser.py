"""Headless Debian Chromium for HTML tests: a page that records every request and error.

Chromium is the system package (/usr/bin/chromium), driven by Playwright; no browser is
ever downloaded. Tests that need it skip when it is missing, except under CI=true.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from conftest import require

CHROMIUM = Path("/usr/bin/chromium")
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


@contextmanager
def open_page(path: Path, viewport=(1280, 900)):
    """Open a local HTML file; yields (page, requests, errors).

    requests: every URL the page asked for (the file itself included);
    errors: uncaught page errors and console errors.
    """
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            requests: list[str] = []
            errors: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(Path(path).resolve().as_uri())
            yield page, requests, errors
        finally:
            browser.close()


def axe_violations(page) -> list[str]:
    """WCAG 2.x A/AA violations found by axe-core (bundled, offline), as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{', '.join(str(n['target']) for n in v['nodes'][:3])})"
            for v in results.response["violations"]]


def offline_requests(requests: list[str], page_path: Path) -> list[str]:
    """Requests other than the page file itself (there should be none)."""
    own = Path(page_path).resolve().as_uri()
    return [u for u in requests if u != own and not u.startswith("data:") and u != "about:blank"]


__all__ = ["open_page", "axe_violations", "offline_requests", "require_browser"]
