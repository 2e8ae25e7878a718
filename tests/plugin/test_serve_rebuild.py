"""`mkdocs serve` rebuilds the site in the same process after each save. The plugin outlives
the builds (it defines `on_startup`, so MkDocs keeps it) and keeps what the last check parsed;
each rebuild must still see every edit."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from conftest import PLAYBOOK, build_site, drop_first_capability


def playbook_plugin(project: Path) -> Any:
    return load_config(str(project / "mkdocs.yml")).plugins["playbook"]


@contextlib.contextmanager
def serving(project: Path) -> Iterator[Any]:
    """The plugin as `mkdocs serve` starts and stops it (MkDocs keeps one instance for the
    whole process, so the next test's build must find it stopped)."""
    plugin = playbook_plugin(project)
    plugin.on_startup(command="serve", dirty=False)
    try:
        yield plugin
    finally:
        plugin.on_shutdown()


def test_a_rebuild_in_the_same_process_sees_each_edit(project: Path) -> None:
    with serving(project):
        build_site(project)
        assert playbook_plugin(project) is playbook_plugin(project)  # kept from build to build
        page = project / "docs" / "sv" / PLAYBOOK
        original = page.read_bytes()
        drop_first_capability(page)
        with pytest.raises((Abort, PluginError)):
            build_site(project)  # the dropped capability is an error, not a stale pass
        page.write_bytes(original)
        site = build_site(project)
    assert (site / "sv" / PLAYBOOK.removesuffix(".md") / "index.html").is_file()


def test_serve_keeps_the_unchanged_pages_from_one_rebuild_to_the_next(project: Path) -> None:
    with serving(project) as plugin:
        build_site(project)
        first = plugin._tree
        page = project / "docs" / "sv" / PLAYBOOK
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n",
                        encoding="utf-8")
        build_site(project)
        second = plugin._tree
    assert second.page("de", PLAYBOOK) is first.page("de", PLAYBOOK)  # not read again
    assert second.page("sv", PLAYBOOK) is not first.page("sv", PLAYBOOK)  # the edited one is
    assert "One more line." in second.page("sv", PLAYBOOK).text


def test_a_build_lets_go_of_the_page_texts_and_keeps_what_it_drew_from_them(
    project: Path,
) -> None:
    plugin = playbook_plugin(project)
    site = build_site(project)  # `mkdocs build`: no rebuild will reuse the pages
    tree = plugin._tree
    pages = [page for locale in tree.locales.values() for page in locale.pages.values()]
    assert pages and all(page.text is None for page in pages)
    assert all(len(page.text_digest) == 64 for page in pages)
    assert "<svg" in (site / "sv" / PLAYBOOK.removesuffix(".md") / "index.html").read_text(
        encoding="utf-8")  # the diagram, drawn from the parsed page after its text went
