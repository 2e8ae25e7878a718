"""Browser fixtures: the real built site on a local HTTP server, seen through Debian's Chromium.

Every test in this folder is marked ``browser`` and skipped, with the reason, when Chromium is not
installed at /usr/bin/chromium (CI installs it with apt-get).
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = f"Debian chromium not found at {CHROMIUM} (apt-get install chromium)"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI containers run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No traffic of its own: the tests must see only requests to the local server.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files like a static host; keeps the test output free of access logs."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The root URL (with a trailing slash) of the real built site, served on 127.0.0.1."""
    yield from _serve(built_site)


@pytest.fixture(scope="session")
def scripts_site_url(scripts_site: Path) -> Iterator[str]:
    """The root URL of the seven-script sample site (tests/fixtures/scripts), served alike."""
    yield from _serve(scripts_site)


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the session, driven by Playwright."""
    if not CHROMIUM.is_file():
        pytest.skip(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, site_url: str) -> Iterator[object]:
    """A fresh page in a fresh context (no cookies, storage or cache shared between tests) that
    reaches only the local site: web fonts and the absolute hreflang URLs are not fetched."""
    with open_page(browser, site_url) as fresh:
        yield fresh


@contextlib.contextmanager
def open_page(browser, site_url: str, *, color_scheme: str = "light") -> Iterator[object]:
    """A page as the `page` fixture gives it, for the site at `site_url`, in a light or dark
    preferred colour scheme (which material's palette follows)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  color_scheme=color_scheme)
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(site_url) else route.abort()
        ),
    )
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests save screenshots (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
