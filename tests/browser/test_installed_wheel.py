"""The plugin as another team gets it: the wheel built from this repository, installed into a
fresh virtual environment, builds the example site (examples/third-party-site: no overrides,
nothing copied from here) with every reader feature, in both i18n layouts.

Building and installing the wheel is slow, so it happens once, in a module-scoped fixture;
pip's own cache makes the dependencies' downloads a one-time cost on a machine."""

from __future__ import annotations

import functools
import glob
import shutil
import subprocess
import sys
import threading
import venv
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser.conftest import _QuietHandler
from browser.test_reader_site import search
from conftest import PROJECT_ROOT, copy_example, copy_example_in_suffix_layout, drop_line

SOURCE_PARTS = ("pyproject.toml", "README.md", "LICENSE", "src")
FR_PLAYBOOK = "fr/playbooks/win-back/"


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv with only the wheel (and its dependencies) installed."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so the build leaves nothing behind in the repository
    source.mkdir()
    for part in SOURCE_PARTS:
        copy = shutil.copytree if (PROJECT_ROOT / part).is_dir() else shutil.copy2
        copy(PROJECT_ROOT / part, source / part)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps",
         "--wheel-dir", work / "dist", source)
    [wheel] = glob.glob(str(work / "dist" / "*.whl"))
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / "bin"
    _run(bin_dir / "python", "-m", "pip", "install", "--disable-pip-version-check", wheel)
    return bin_dir


def _build(bin_dir: Path, project: Path) -> Path:
    _run(bin_dir / "mkdocs", "build", "--strict", cwd=project)
    return project / "site"


@pytest.fixture(scope="module")
def example_site(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(installed, copy_example(tmp_path_factory.mktemp("example") / "site"))


def test_the_wheel_holds_the_reader_theme_and_the_licence(installed: Path) -> None:
    done = _run(installed / "python", "-c",
                "import mkdocs_playbooks.reader as r; print(r.THEME_DIR)")
    theme = Path(done.stdout.strip())
    assert "site-packages" in theme.parts
    for name in ("main.html", "sitemap.xml", "partials/playbook-notices.html",
                 "partials/playbook-hreflang.html", "assets/stylesheets/playbook-reader.css",
                 "assets/javascripts/workers/playbook-search.js"):
        assert (theme / name).is_file(), name
    licence = _run(installed / "python", "-c", "from importlib.metadata import metadata, files; "
                   "print(metadata('mkdocs-playbooks')['License-Expression']); "
                   "print(*[f.name for f in files('mkdocs-playbooks') if 'licenses' in f.parts])")
    assert licence.stdout.split() == ["MIT", "LICENSE"]
    assert _run(installed / "playbook", "--version").stdout.startswith("playbook 0.")


def test_the_example_gets_every_reader_feature(example_site: Path) -> None:
    page = (example_site / FR_PLAYBOOK / "index.html").read_text(encoding="utf-8")
    assert "playbook-notice--machine-translated" in page
    for hreflang, url in (("en", ""), ("fr", "fr/"), ("x-default", "")):
        link = (f'hreflang="{hreflang}" '
                f'href="https://docs.northwind.example/{url}playbooks/win-back/"')
        assert link in page
    assert 'role="group"' in page and "<svg" in page, "the framework diagram, inline"
    assert (example_site / "fr/assets/playbooks/win-back-framework.png").is_file()
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="x-default"' in sitemap
    status = (example_site / "fr/translation-status/index.html").read_text(encoding="utf-8")
    assert "playbook-reader.css" in status
    assert (example_site / "assets/stylesheets/playbook-reader.css").is_file()


def test_the_suffix_layout_reports_a_dropped_capability_at_its_line(
    installed: Path, tmp_path: Path
) -> None:
    project = copy_example_in_suffix_layout(tmp_path / "site")
    line = drop_line(project / "docs/playbooks/win-back.fr.md",
                     "- Proposer une révision gratuite du vélo")
    check = subprocess.run([str(installed / "playbook"), "check"], cwd=project,
                           capture_output=True, text=True, check=False)
    assert check.returncode == 1
    assert check.stdout.startswith(
        f"docs/playbooks/win-back.fr.md:{line}: PB401 capability-count:")
    build = subprocess.run([str(installed / "mkdocs"), "build"], cwd=project,
                           capture_output=True, text=True, check=False)
    assert build.returncode == 1
    assert f"docs/playbooks/win-back.fr.md:{line}: PB401" in build.stderr


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a closed page: not an error
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    server = _Server(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(example_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_french_word_on_a_french_page_finds_the_french_page(browser, example_url: str) -> None:
    context = browser.new_context()
    context.route("**/*", lambda route: (
        route.continue_() if route.request.url.startswith(example_url) else route.abort()))
    try:
        page = context.new_page()
        page.goto(example_url + "fr/")
        hrefs = [urlsplit(href)._replace(query="", fragment="").geturl()
                 for href, _ in search(page, "fidélisation")]
        assert example_url + FR_PLAYBOOK in hrefs
        assert all(href.startswith(example_url + "fr/") for href in hrefs), hrefs
    finally:
        context.close()
