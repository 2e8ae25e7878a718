"""`mkdocs serve` rebuilds the site in the same process after each save. The plugin outlives
the builds (it defines `on_startup`, so MkDocs keeps it) and keeps what the last check parsed;
each rebuild must still see every edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from conftest import PLAYBOOK, build_site, drop_first_capability


def playbook_plugin(project: Path) -> object:
    return load_config(str(project / "mkdocs.yml")).plugins["playbook"]


def test_a_rebuild_in_the_same_process_sees_each_edit(project: Path) -> None:
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
