"""Every command in both i18n layouts: `new-locale` writes the pages where the site's layout
puts them, `status` and `check` name the real files; the scaffold writes the preset's keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_example, copy_example_in_suffix_layout, findings
from mkdocs_playbooks.cli.main import main


def _run(project: Path, *args: str) -> int:
    return main([*args, "--config", str(project / "mkdocs.yml")])


@pytest.mark.parametrize(("layout", "expected"), [
    ("folder", ["docs/de/guide/install.md", "docs/de/index.md", "docs/de/playbooks/win-back.md"]),
    ("suffix", ["docs/guide/install.de.md", "docs/index.de.md", "docs/playbooks/win-back.de.md"]),
])
def test_new_locale_writes_the_sites_layout_and_status_names_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], layout: str, expected: list[str]
) -> None:
    copy = copy_example if layout == "folder" else copy_example_in_suffix_layout
    project = copy(tmp_path / "site")
    before = {path.relative_to(project).as_posix() for path in (project / "docs").rglob("*")}
    assert _run(project, "new-locale", "de", "--name", "Deutsch") == 0
    after = {path.relative_to(project).as_posix() for path in (project / "docs").rglob("*.md")}
    assert sorted(after - before) == expected
    assert "locale: de" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert findings(project) == []
    capsys.readouterr()
    assert _run(project, "status", "--format", "json", "--locale", "de") == 0
    [status] = json.loads(capsys.readouterr().out)["locales"]
    assert sorted(page["path"] for page in status["pages"]) == expected
    assert {page["state"] for page in status["pages"]} == {"untranslated"}


def test_new_locale_writes_the_presets_keys(tmp_path: Path) -> None:
    project = copy_example_in_suffix_layout(tmp_path / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - playbook:\n", "  - playbook:\n      preset: experience-league\n"), encoding="utf-8")
    source = project / "docs/playbooks/win-back.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "content-id: northwind-win-back", "exl-id: 5d0c4bd2-win-back"), encoding="utf-8")
    assert _run(project, "new-locale", "de", "--name", "Deutsch") == 0
    page = (project / "docs/playbooks/win-back.de.md").read_text(encoding="utf-8")
    assert "exl-id: 5d0c4bd2-win-back\n" in page and "content-id" not in page
    assert "workflow-type: untranslated\n" in page
    ordinary = (project / "docs/index.de.md").read_text(encoding="utf-8")
    assert ordinary.startswith("---\n") and "\n# [untranslated] Northwind documentation" in ordinary
