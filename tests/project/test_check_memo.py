"""The check's memo (what `mkdocs serve` keeps from one rebuild to the next): after an edit,
only the edited files are parsed again and only the locales they touch compared again, and
the findings are exactly those of a check made from nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import PLAYBOOK, drop_first_capability, findings
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.project.check import CheckMemo, check_project

LOCALES = ["en", "sv", "de"]  # the source first, then the translations in the tree's order


def check_with(memo: CheckMemo, project: Path) -> list:
    return check_project(load_settings(project / "mkdocs.yml"), memo)[1]


def files_read_by_a_check(project: Path) -> int:
    """Every page and glossary a check reads."""
    return (len(list((project / "docs").rglob("*.md")))
            + len(list((project / "glossary").glob("*.yml"))))


def test_an_unchanged_project_is_neither_read_nor_compared_again(project: Path) -> None:
    memo = CheckMemo()
    first = check_with(memo, project)
    assert memo.files.reused == 0 and memo.reused == []
    assert check_with(memo, project) == first
    assert memo.files.reused == files_read_by_a_check(project)
    assert memo.reused == LOCALES


def test_an_edited_translation_is_read_and_compared_again_alone(project: Path) -> None:
    memo = CheckMemo()
    assert check_with(memo, project) == []
    drop_first_capability(project / "docs" / "sv" / PLAYBOOK)
    after = check_with(memo, project)
    assert after == findings(project) != []
    assert memo.files.reused == files_read_by_a_check(project) - 1
    assert memo.reused == ["en", "de"]  # and not "sv"


def test_an_edited_source_page_compares_every_locale_again(project: Path) -> None:
    memo = CheckMemo()
    check_with(memo, project)
    drop_first_capability(project / "docs" / "en" / PLAYBOOK)
    assert check_with(memo, project) == findings(project) != []
    assert memo.reused == []


def test_a_deleted_page_and_an_edited_glossary_are_seen(project: Path) -> None:
    """A deleted file may be what a link pointed at: every locale is compared again."""
    memo = CheckMemo()
    check_with(memo, project)
    (project / "docs" / "de" / PLAYBOOK).unlink()
    glossary = project / "glossary" / "sv.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\nnot: [a glossary entry\n",
                        encoding="utf-8")
    after = check_with(memo, project)
    assert after == findings(project)
    assert {item.rule for item in after} >= {"PB101", "PB603"}
    assert memo.reused == []
