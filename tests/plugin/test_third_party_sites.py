"""Other teams' sites with the plugin on: the example site in both i18n layouts, a site without
the i18n plugin, and sites with a main.html of their own."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
import yaml

from conftest import (
    EXAMPLE_SITE,
    PROJECT_ROOT,
    build_site,
    copy_example,
    copy_example_in_suffix_layout,
    drop_line,
    findings,
    parity_records,
)
from mkdocs_playbooks.plugin.plugin import PlaybookConfig

FR_PLAYBOOK = "fr/playbooks/win-back/index.html"
ROOT_INDEX = "search/search_index.json"


def _search_locations(site: Path, index: str) -> list[str]:
    return [doc["location"] for doc in json.loads((site / index).read_text("utf-8"))["docs"]]


@pytest.mark.parametrize("layout", ["folder", "suffix"])
def test_the_example_builds_strict_without_findings_in_both_layouts(
    tmp_path: Path, layout: str, caplog: pytest.LogCaptureFixture
) -> None:
    copy = copy_example if layout == "folder" else copy_example_in_suffix_layout
    project = copy(tmp_path / "example")
    assert findings(project) == []
    with caplog.at_level(logging.INFO):
        site = build_site(project)
    assert parity_records(caplog) == []
    page = (site / FR_PLAYBOOK).read_text(encoding="utf-8")
    assert "playbook-notice--machine-translated" in page
    assert ('hreflang="x-default" href="https://docs.northwind.example/playbooks/win-back/"'
            in page)
    assert "<svg" in page and (site / "fr/assets/playbooks/win-back-framework.png").is_file()
    assert all(not loc.startswith("fr/") for loc in _search_locations(site, ROOT_INDEX))
    assert "playbooks/win-back/" in _search_locations(site, "fr/search/search_index.json")


def test_a_dropped_capability_in_the_suffix_layout_is_reported_at_its_line(
    tmp_path: Path,
) -> None:
    project = copy_example_in_suffix_layout(tmp_path / "example")
    line = drop_line(project / "docs/playbooks/win-back.fr.md",
                     "- Proposer une révision gratuite du vélo")
    assert [item.headline().split(":", 3)[:3] for item in findings(project)] == [
        ["docs/playbooks/win-back.fr.md", str(line), " PB401 capability-count"],
    ]


def test_a_site_without_the_i18n_plugin_builds_with_no_finding(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_example_in_suffix_layout(tmp_path / "example")
    for french in (project / "docs").rglob("*.fr.md"):
        french.unlink()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("  - i18n:")], encoding="utf-8")
    assert findings(project) == []
    with caplog.at_level(logging.INFO):
        site = build_site(project)
    assert parity_records(caplog) == []
    assert (site / "playbooks/win-back/index.html").is_file()
    assert not (site / "translation-status").exists(), "no translations, no status page"


def _with_main_html(project: Path, template: str) -> None:
    (project / "overrides").mkdir()
    (project / "overrides/main.html").write_text(template, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n",
                                   "  name: material\n  custom_dir: overrides\n"), encoding="utf-8")


def test_a_sites_main_html_extending_ours_keeps_every_feature(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "example")
    _with_main_html(project, '{% extends "playbook/main.html" %}\n'
                    '{% block content %}{{ super() }}<p id="team-footer">Ours</p>{% endblock %}\n')
    site = build_site(project)
    page = (site / FR_PLAYBOOK).read_text(encoding="utf-8")
    assert 'id="team-footer"' in page and "playbook-notice--machine-translated" in page
    assert 'hreflang="x-default"' in page and "playbook-search.js" in page
    assert all(not loc.startswith("fr/") for loc in _search_locations(site, ROOT_INDEX))


def test_a_sites_own_main_html_keeps_search_as_it_was(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Its pages search the root index: it keeps every language's pages, as without us."""
    project = copy_example(tmp_path / "example")
    _with_main_html(project, '{% extends "base.html" %}\n')
    with caplog.at_level(logging.INFO):
        site = build_site(project)
    page = (site / FR_PLAYBOOK).read_text(encoding="utf-8")
    assert "playbook-search.js" not in page and "playbook-notice" not in page
    root_index = _search_locations(site, ROOT_INDEX)
    assert "fr/playbooks/win-back/" in root_index and "playbooks/win-back/" in root_index
    assert any("rendered without the playbook theme's main.html" in record.getMessage()
               for record in caplog.records)


def test_the_example_keeps_no_overrides() -> None:
    """Everything the example shows comes from the installed package, not from its folder."""
    config = yaml.safe_load((EXAMPLE_SITE / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "custom_dir" not in config["theme"]
    assert sorted(path.name for path in EXAMPLE_SITE.iterdir()) == ["docs", "mkdocs.yml"]


def test_a_language_that_is_not_built_is_left_out_in_the_suffix_layout(tmp_path: Path) -> None:
    """Its `guide.de.md` files are neither compared nor taken for English pages."""
    project = copy_example_in_suffix_layout(tmp_path / "example")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + (
        "        - locale: de\n          name: Deutsch\n          build: false\n"),
        encoding="utf-8")
    (project / "docs/notes.de.md").write_text("# Notizen\n", encoding="utf-8")
    assert findings(project) == []
    site = build_site(project)
    assert not (site / "notes.de").exists() and not (site / "de").exists()


def test_the_readme_lists_every_option_of_the_plugin() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Options"):readme.index("### Presets")]
    listed = re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE)
    assert sorted(listed) == sorted(name for name, _ in PlaybookConfig._schema)
