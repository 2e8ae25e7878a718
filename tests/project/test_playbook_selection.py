"""Which pages are playbooks is configuration: globs and a front matter flag. Stage and
capability rules, and the schema's required keys, apply to playbooks only; every page keeps
page, front matter and reference parity."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_example, drop_line, findings


def _headlines(project: Path) -> list[str]:
    return [item.headline().split(": ", 2)[0] + ": " + item.rule for item in findings(project)]


def _set_front_matter(page: Path, lines: str) -> None:
    text = page.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    page.write_text(f"---\n{lines}---\n{body}", encoding="utf-8")


def test_ordinary_pages_may_differ_in_headings_lists_and_front_matter(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "site")
    french = project / "docs/fr/index.md"
    french.write_text(french.read_text(encoding="utf-8") + "\n## Nouveautés\n\n- Un point\n",
                      encoding="utf-8")
    assert findings(project) == []


def test_every_page_keeps_reference_and_front_matter_parity(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "site")
    drop_line(project / "docs/fr/guide/install.md",
              "Consultez la [page d'accueil](../index.md) pour les autres guides.")
    _set_front_matter(project / "docs/en/guide/install.md", "title: Install\nowner: docs team\n")
    assert _headlines(project) == [
        "docs/fr/guide/install.md:3: PB204",  # `owner` of the source is dropped
        "docs/fr/guide/install.md:5: PB501",  # the link home, reported at the page's title
    ]


def test_the_front_matter_flag_makes_a_page_a_playbook_or_not(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "site")
    _set_front_matter(project / "docs/en/guide/install.md", "title: Install\nplaybook: true\n")
    _set_front_matter(project / "docs/en/playbooks/win-back.md",
                      "title: Win back\nplaybook: false\n")
    drop_line(project / "docs/fr/playbooks/win-back.md", "- Inviter à une soirée atelier")
    found = _headlines(project)
    # install.md: no description (PB203), its French page lacks the localization keys (PB203);
    # win-back.md is no playbook now: the dropped capability is not compared.
    assert "docs/en/guide/install.md:4: PB203" in found  # at the closing `---`
    assert any(item.startswith("docs/fr/guide/install.md:3: PB203") for item in found)
    assert not any("win-back" in item for item in found), found
