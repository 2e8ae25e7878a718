"""Each reader feature can be switched off in mkdocs.yml (`plugins.playbook.reader`), the parity
check runs whatever they say, and a translator can build one locale alone (the i18n plugin's
`build_only_locale`, which mkdocs.yml reads from $PLAYBOOK_LOCALE)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import PLAYBOOK, build_site

READER_SWITCHES = ("diagrams", "status_page", "notices", "alternates", "search_per_locale")


def set_reader(project: Path, **switches: bool) -> None:
    """Rewrite the `reader:` block of the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for name, value in switches.items():
        text, count = re.subn(rf"^(\s+{name}:) \w+", rf"\1 {str(value).lower()}", text,
                              flags=re.MULTILINE)
        assert count == 1, name
    config.write_text(text, encoding="utf-8")


def test_with_every_reader_feature_off_the_site_has_none_of_them(project: Path) -> None:
    set_reader(project, **dict.fromkeys(READER_SWITCHES, False))
    # Not strict: nothing draws the framework diagram the playbook references, and MkDocs
    # warns about that image (as it would about any missing one).
    site = build_site(project, strict=False)
    playbook = (site / "sv" / PLAYBOOK.removesuffix(".md") / "index.html").read_text("utf-8")
    assert not (site / "translation-status").exists()
    assert not (site / "sv" / "translation-status").exists()
    assert "pbd-shape" not in playbook  # no inline diagram …
    assert not list(site.rglob("*-framework.svg"))  # … and no diagram files
    assert '<link rel="alternate" hreflang' not in playbook
    assert "playbook-notice" not in playbook
    assert not (site / "sv" / "search" / "search_index.json").exists()
    assert (site / "search" / "search_index.json").exists()  # material's own index stays


def test_with_every_reader_feature_on_the_site_has_each_of_them(built_site: Path) -> None:
    playbook = (built_site / "sv" / PLAYBOOK.removesuffix(".md") / "index.html").read_text("utf-8")
    assert (built_site / "sv" / "translation-status" / "index.html").is_file()
    assert "pbd-shape" in playbook and "playbook-notice" in playbook
    assert '<link rel="alternate" hreflang="de"' in playbook
    assert (built_site / "sv" / "search" / "search_index.json").is_file()


def test_with_reader_features_off_the_parity_check_still_stops_the_build(project: Path) -> None:
    set_reader(project, **dict.fromkeys(READER_SWITCHES, False))
    page = project / "docs" / "sv" / PLAYBOOK
    page.write_text(page.read_text(encoding="utf-8").replace("{#purchase}", ""), "utf-8")
    with pytest.raises((Abort, PluginError)):
        build_site(project)


def test_one_locale_alone_is_built_at_the_root_and_still_checked(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_LOCALE", "sv")
    site = build_site(project)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="sv"' in home
    assert not (site / "sv").exists() and not (site / "de").exists()
    assert (site / "translation-status" / "index.html").is_file()
    # The preview still compares the translator's locale with the English source.
    page = project / "docs" / "sv" / PLAYBOOK
    page.write_text(page.read_text(encoding="utf-8").replace("{#purchase}", ""), "utf-8")
    with pytest.raises((Abort, PluginError)):
        build_site(project)
