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

from conftest import (
    PROJECT_ROOT,
    allow_missing_pages,
    build_site,
    copy_project,
    set_front_matter,
)
from mkdocs_playbooks.core.settings import load_settings

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
AXE = HERE / "axe" / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files like a static host; keeps the test output free of access logs."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """The root URL (with a trailing slash) of `folder`, served on 127.0.0.1 while in use."""
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
def site_url(built_site: Path) -> Iterator[str]:
    """The root URL (with a trailing slash) of the real built site, served on 127.0.0.1."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def scripts_site_url(scripts_site: Path) -> Iterator[str]:
    """The root URL of the seven-script sample site (tests/fixtures/scripts), served alike."""
    with served(scripts_site) as url:
        yield url


FALLBACK_PAGE = "playbooks/order-fulfillment.md"
"""Removed from every translation of `varied_project`: each locale shows the source there."""
OUTDATED = ("sv", "playbooks/customer-retention.md")
"""Made outdated in `varied_project` (its recorded word count no longer the source's)."""
REVIEWED = ("de", "playbooks/commerce-strategy.md")
"""Marked reviewed by a person in `varied_project`: no longer machine-translated."""


@pytest.fixture(scope="session")
def varied_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built, with translations in every state a reader can meet: a page
    missing in each translation (the English page is shown in its place), an outdated one, a
    reviewed one, the rest machine-translated and up to date. Not a git repository, so the
    status is judged by word count, the same way by the build and by `playbook status`."""
    project = copy_project(tmp_path_factory.mktemp("varied") / "project")
    allow_missing_pages(project)
    for locale in load_settings(project / "mkdocs.yml").locale_codes:
        page = project / "docs" / locale / FALLBACK_PAGE
        if locale != "en" and page.is_file():
            page.unlink()
    set_front_matter(project, *OUTDATED, "source-wordcount", "'1'")
    set_front_matter(project, *REVIEWED, "workflow-type", "ht")
    set_front_matter(project, *REVIEWED, "ht-degree", "100%")
    build_site(project)
    return project


@pytest.fixture(scope="session")
def varied_site_url(varied_project: Path) -> Iterator[str]:
    with served(varied_project / "site") as url:
        yield url


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core, the version pinned in tests/browser/axe/package-lock.json (npm ci there)."""
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed at {AXE} (npm ci --prefix tests/browser/axe)")
    return AXE.read_text(encoding="utf-8")


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


def local_context(browser, site_url: str, **options: object) -> object:
    """A fresh browser context (no cookies, storage or cache shared) that reaches only the
    local site at `site_url`: web fonts and the absolute hreflang URLs are not fetched."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(site_url) else route.abort()
        ),
    )
    return context


@pytest.fixture
def page(browser, site_url: str) -> Iterator[object]:
    """A fresh page in a fresh local context (see local_context)."""
    with open_page(browser, site_url) as fresh:
        yield fresh


@contextlib.contextmanager
def open_page(browser, site_url: str, *, color_scheme: str = "light") -> Iterator[object]:
    """A page as the `page` fixture gives it, for the site at `site_url`, in a light or dark
    preferred colour scheme (which material's palette follows)."""
    context = local_context(browser, site_url, color_scheme=color_scheme)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests save screenshots (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
