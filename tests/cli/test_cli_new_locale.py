"""`playbook new-locale` through `main([...])`: a scaffold that passes the check and builds,
and a command that never overwrites or loses anything."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import SOURCE_PAGES, build_site, git
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.project.config_languages import ConfigEditError, add_language
from mkdocs_playbooks.project.scaffold import (
    UNTRANSLATED_MARKER,
    UNTRANSLATED_WORKFLOW,
    mark_untranslated,
    write_file_atomically,
)
from mkdocs_playbooks.status.git_history import UNKNOWN_COMMIT

PAGES = SOURCE_PAGES


@pytest.fixture
def repo(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project copy as a git repository with one commit, as the current directory."""
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "initial")
    monkeypatch.chdir(project)
    return project


def snapshot(project: Path) -> dict[str, bytes]:
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(project).parts
    }


def page(project: Path, locale: str, rel: str):
    path = project / "docs" / locale / rel
    return parse_page(f"docs/{locale}/{rel}", rel, locale, path.read_bytes())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_scaffolded_locale_passes_the_check_and_builds_as_a_fourth_language(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new-locale", "fr", "--name", "Français")
    assert code == 0, err
    assert "created docs/fr/playbooks/commerce-strategy.md" in out
    assert run(capsys, "check")[0] == 0

    head = git(repo, "rev-parse", "HEAD")
    for rel in PAGES:
        source, scaffold = page(repo, "en", rel), page(repo, "fr", rel)
        assert [s.anchor for s in scaffold.stages] == [s.anchor for s in source.stages]
        assert [len(s.capabilities.items) for s in scaffold.stages] == [
            len(s.capabilities.items) for s in source.stages
        ]
        assert [(r.kind, r.target, r.fragment) for r in scaffold.references] == [
            (r.kind, r.target, r.fragment) for r in source.references
        ]
        assert scaffold.meta("content-id") == source.meta("content-id")
        assert scaffold.meta("source-git-commit") == head
        assert scaffold.meta("source-wordcount") == source.word_count
        assert scaffold.meta("workflow-type") == UNTRANSLATED_WORKFLOW
        assert scaffold.meta("ht-degree") == "0%"
        assert scaffold.title == UNTRANSLATED_MARKER + (source.title or "")
        assert all(item.text.startswith(UNTRANSLATED_MARKER)
                   for stage in scaffold.stages for item in stage.capabilities.items)

    code, out, _ = run(capsys, "status", "--format", "json", "--locale", "fr")
    assert code == 0
    states = [p["state"] for p in json.loads(out)["locales"][0]["pages"]]
    assert states == ["untranslated"] * len(PAGES)

    languages = [locale.code for locale in load_settings(repo / "mkdocs.yml").locales]
    assert languages == ["en", "sv", "de", "fr"]
    site = build_site(repo, strict=True)
    for prefix in ("", "sv/", "de/", "fr/"):
        assert (site / prefix / "playbooks/commerce-strategy/index.html").is_file()
    html = (site / "fr/playbooks/commerce-strategy/index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="fr"', html)
    assert '<h2 id="awareness">[untranslated] ' in html


def test_source_git_commit_is_the_last_commit_that_changed_each_source_page(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = git(repo, "rev-parse", "HEAD")
    home = repo / "docs/en/index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "edit the home page")
    second = git(repo, "rev-parse", "HEAD")

    assert run(capsys, "new-locale", "fr", "--name", "Français")[0] == 0
    assert page(repo, "fr", "index.md").meta("source-git-commit") == second
    assert page(repo, "fr", PAGES[1]).meta("source-git-commit") == first


def test_without_git_history_the_commit_is_a_reported_placeholder(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.parent))
    code, _, err = run(capsys, "new-locale", "fr", "--name", "Français")
    assert code == 0
    assert page(project, "fr", PAGES[1]).meta("source-git-commit") == UNKNOWN_COMMIT
    assert "no git history" in err and "docs/en/playbooks/commerce-strategy.md" in err


def test_mkdocs_yml_keeps_every_line_and_comment(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert run(capsys, "new-locale", "pt-BR", "--name", "Português (Brasil)")[0] == 0
    after = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    changes = [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith(("+ ", "- "))
    ]
    assert changes == [
        "+         - locale: pt-BR",
        "+           name: Português (Brasil)",
        "+           build: true",
    ]
    assert "# Parity runs before i18n" in after


@pytest.mark.parametrize(
    "argv",
    [
        ["new-locale", "sv", "--name", "Svenska"],  # exists
        ["new-locale", "en", "--name", "English"],  # the source
        ["new-locale", "FR", "--name", "Français"],
        ["new-locale", "french", "--name", "Français"],
        ["new-locale", "fr"],  # a new language needs its name
        ["new-locale"],
    ],
)
def test_refusals_exit_2_and_write_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    before = snapshot(repo)
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err and "Traceback" not in err
    assert snapshot(repo) == before


def test_an_existing_locale_folder_is_refused_even_when_not_configured(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "docs/fr").mkdir()
    (repo / "docs/fr/notes.md").write_text("my own notes\n", encoding="utf-8")
    before = snapshot(repo)
    code, _, err = run(capsys, "new-locale", "fr", "--name", "Français")
    assert code == 2
    assert "--missing-only" in err
    assert snapshot(repo) == before


def test_missing_only_fills_in_the_missing_page_and_keeps_the_rest(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "docs/sv/index.md").unlink()
    before = snapshot(repo)
    code, out, _ = run(capsys, "new-locale", "sv", "--missing-only")
    assert code == 0
    after = snapshot(repo)
    assert sorted(set(after) - set(before)) == ["docs/sv/index.md"]
    assert all(after[path] == content for path, content in before.items())
    assert "kept docs/sv/playbooks/commerce-strategy.md" in out
    assert page(repo, "sv", "index.md").meta("workflow-type") == UNTRANSLATED_WORKFLOW
    assert run(capsys, "check")[0] == 0

    code, out, _ = run(capsys, "new-locale", "sv", "--missing-only")
    assert code == 0 and "nothing to do" in out
    assert snapshot(repo) == after


def test_dry_run_shows_the_plan_and_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(repo)
    code, out, _ = run(capsys, "new-locale", "fr", "--name", "Français", "--dry-run")
    assert code == 0
    assert "would create docs/fr/index.md" in out
    assert "would create docs/fr/playbooks/commerce-strategy.md" in out
    assert "+        - locale: fr" in out
    assert snapshot(repo) == before
    assert not (repo / "docs/fr").exists()


def test_marking_leaves_code_images_breaks_and_definitions_alone() -> None:
    body = [
        "Intro text.", "continues here.", "", "```yaml", "key: value", "```", "",
        "![Diagram](img.png)", "", "[ref]: other.md", "", "* * *", "",
        "## Stage {#stage}", "- item", "  - nested", "1. numbered", "<div>html</div>",
    ]
    assert mark_untranslated(body) == [
        "[untranslated] Intro text.", "continues here.", "", "```yaml", "key: value", "```", "",
        "![Diagram](img.png)", "", "[ref]: other.md", "", "* * *", "",
        "## [untranslated] Stage {#stage}", "- [untranslated] item",
        "  - [untranslated] nested", "1. [untranslated] numbered", "<div>html</div>",
    ]


def test_add_language_keeps_crlf_and_quotes_names_that_need_it() -> None:
    text = ("plugins:\r\n  - i18n:\r\n      languages:  # ours\r\n        - locale: en\r\n"
            "          default: true\r\n  - search\r\n")
    edited = add_language(text, "fr", "Français: #1")
    assert edited.startswith(text[: text.index("  - search")])
    assert edited.count("\r\n") == text.count("\r\n") + 3
    languages = yaml.safe_load(edited)["plugins"][0]["i18n"]["languages"]
    assert languages[-1] == {"locale": "fr", "name": "Français: #1", "build": True}
    assert yaml.safe_load(edited)["plugins"][1] == "search"


def test_add_language_refuses_a_flow_style_list() -> None:
    with pytest.raises(ConfigEditError, match="flow style"):
        add_language("plugins:\n  - i18n:\n      languages: [{locale: en}]\n", "fr", "Français")


def test_atomic_write_never_replaces_an_existing_page(tmp_path: Path) -> None:
    target = tmp_path / "page.md"
    target.write_text("the translator's work\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_file_atomically(target, "scaffold\n", replace=False)
    assert target.read_text(encoding="utf-8") == "the translator's work\n"
    assert [path.name for path in tmp_path.iterdir()] == ["page.md"]  # no temp file left
