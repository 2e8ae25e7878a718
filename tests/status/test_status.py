"""`playbook status`: the pure status core and the command, on temp copies of the real project
whose git history the tests write themselves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import (
    PLAYBOOK,
    SOURCE_PAGES,
    TRANSLATIONS,
    commit_all,
    git,
    set_front_matter,
)
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.core.tree import load_tree
from mkdocs_playbooks.status.git_history import open_repository
from mkdocs_playbooks.status.report import (
    REVIEWED_DEGREE,
    PageState,
    compute_status,
    is_machine_translated,
    parse_degree,
)

ADDED_CAPABILITY = "- Gift cards and store credit"


def add_capability(project: Path) -> None:
    """Add one capability to the Purchase stage of the English playbook."""
    path = project / "docs" / "en" / PLAYBOOK
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    heading = next(i for i, line in enumerate(lines) if line.startswith("## ") and "{#purchase}"
                   in line)
    first_item = next(i for i in range(heading, len(lines)) if lines[i].startswith("- "))
    lines.insert(first_item, ADDED_CAPABILITY + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def status_json(project: Path, *extra: str, capsys: pytest.CaptureFixture[str]) -> dict:
    code = main(["status", "--format", "json", "--config", str(project / "mkdocs.yml"), *extra])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def pages_by_state(document: dict) -> dict[tuple[str, str], dict]:
    return {(locale["locale"], page["page"]): page
            for locale in document["locales"] for page in locale["pages"]}


# -- machine translation ---------------------------------------------------------------------

@pytest.mark.parametrize(("workflow", "degree", "expected"), [
    ("mt", "0%", True),
    ("tm+mt", "0%", True),
    ("MT", "49%", True),
    ("mt", None, True),  # no degree recorded: nobody vouched for it
    ("tm+mt", "a lot", True),  # unreadable degree: the same
    ("mt", f"{REVIEWED_DEGREE:g}%", False),
    ("mt", "100%", False),
    ("mt", 80, False),
    ("ht", "0%", False),
    ("tm", "0%", False),
    ("smt", "0%", False),  # a token, not a substring
    (None, "0%", False),
])
def test_machine_translated_needs_an_mt_token_and_little_review(
    workflow: object, degree: object, expected: bool
) -> None:
    assert is_machine_translated(workflow, degree) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("0%", 0.0), ("85 %", 85.0), (85, 85.0), ("85", 85.0), ("12.5%", 12.5),
    ("150%", None), (-1, None), ("most", None), (True, None), (None, None),
])
def test_ht_degree_is_read_as_a_percentage(value: object, expected: float | None) -> None:
    assert parse_degree(value) == expected


# -- git decides -----------------------------------------------------------------------------

def test_translations_of_the_recorded_commit_are_up_to_date(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = pages_by_state(status_json(repo, capsys=capsys))
    assert len(pages) == len(TRANSLATIONS) * len(SOURCE_PAGES)
    for page in pages.values():
        assert page["state"] == "up-to-date", page
        assert page["decided_by"] == "git"
        assert page["machine_translated"] is True  # the real pages: mt, ht-degree 0%
        assert page["warnings"] == []


def test_a_source_commit_after_the_recorded_one_makes_the_page_outdated(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_capability(repo)
    commit_all(repo, "Add a capability")
    document = status_json(repo, capsys=capsys)
    pages = pages_by_state(document)
    for locale in TRANSLATIONS:
        assert pages[(locale, PLAYBOOK)]["state"] == "outdated"
        assert pages[(locale, PLAYBOOK)]["decided_by"] == "git"
        assert pages[(locale, "index.md")]["state"] == "up-to-date"  # its source did not change
    summaries = {locale["locale"]: locale["summary"] for locale in document["locales"]}
    total = len(SOURCE_PAGES)
    assert summaries["sv"] == {"pages": total, "translated": total, "up_to_date": total - 1,
                               "outdated": 1, "missing": 0, "untranslated": 0,
                               "machine_translated": total}


def test_an_uncommitted_source_edit_already_counts(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_capability(repo)  # not committed: a translator editing the source sees it at once
    pages = pages_by_state(status_json(repo, capsys=capsys))
    assert pages[("sv", PLAYBOOK)]["state"] == "outdated"


def test_a_source_changed_and_changed_back_is_up_to_date(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / "docs" / "en" / PLAYBOOK
    original = path.read_bytes()
    add_capability(repo)
    commit_all(repo, "Add a capability")
    path.write_bytes(original)
    commit_all(repo, "Take it back")
    pages = pages_by_state(status_json(repo, capsys=capsys))
    assert pages[("sv", PLAYBOOK)]["state"] == "up-to-date"


def test_diff_shows_what_changed_in_the_source_since_the_recorded_commit(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_capability(repo)
    commit_all(repo, "Add a capability")
    code = main(["status", "--diff", "--config", str(repo / "mkdocs.yml")])
    out = capsys.readouterr().out
    assert code == 0
    sv_block = out.split("\nde  ")[0]
    assert f"+{ADDED_CAPABILITY}" in sv_block
    assert f"docs/en/{PLAYBOOK}" in sv_block
    assert sv_block.count(f"+{ADDED_CAPABILITY}") == 1  # only under the outdated page
    document = status_json(repo, "--diff", capsys=capsys)
    pages = pages_by_state(document)
    assert f"+{ADDED_CAPABILITY}" in pages[("de", PLAYBOOK)]["diff"]
    assert pages[("de", "index.md")]["diff"] is None


# -- when git cannot answer ------------------------------------------------------------------

def test_without_git_history_the_word_count_decides_and_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = pages_by_state(status_json(project, capsys=capsys))
    assert {page["decided_by"] for page in pages.values()} == {"word count"}
    assert all(page["state"] == "up-to-date" for page in pages.values())  # counts match
    add_capability(project)
    document = status_json(project, capsys=capsys)
    assert document["git"] == {"available": False, "problem": "not a git repository",
                               "shallow": False}
    page = pages_by_state(document)[("sv", PLAYBOOK)]
    assert page["state"] == "outdated"
    recorded = int(page_front_matter(project, "sv", PLAYBOOK, "source-wordcount"))
    assert page["notes"] == [
        f"git history unavailable (not a git repository): word count {recorded} -> "
        f"{recorded + len(ADDED_CAPABILITY.split()) - 1}"
    ]
    main(["status", "--config", str(project / "mkdocs.yml")])
    text = capsys.readouterr().out
    assert "judged by source-wordcount drift" in text
    assert "git history unavailable (not a git repository): word count" in text


def page_front_matter(project: Path, locale: str, rel_path: str, key: str) -> str:
    text = (project / "docs" / locale / rel_path).read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(key)}:\s*'?([^'\n]*)'?$", text, re.MULTILINE)
    assert match, key
    return match.group(1)


def test_an_unknown_commit_is_a_warning_and_the_word_count_decides(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = "e76f101" + "0" * 33  # a full id that names no commit here
    set_front_matter(repo, "sv", PLAYBOOK, "source-git-commit", unknown)
    code = main(["status", "--format", "json", "--config", str(repo / "mkdocs.yml")])
    captured = capsys.readouterr()
    assert code == 0
    page = pages_by_state(json.loads(captured.out))[("sv", PLAYBOOK)]
    assert page["decided_by"] == "word count"
    assert page["state"] == "up-to-date"
    assert page["warnings"] == [f"docs/sv/{PLAYBOOK}:5: source-git-commit `{unknown}` is not a "
                                "commit in this repository; judged by source-wordcount"]
    assert f"playbook: warning: docs/sv/{PLAYBOOK}:5: source-git-commit `{unknown}`" in captured.err
    assert "Traceback" not in captured.err


def test_a_shallow_clone_says_the_commit_is_beyond_its_depth(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_capability(repo)
    commit_all(repo, "Add a capability")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    document = status_json(clone, capsys=capsys)
    assert document["git"]["shallow"] is True
    page = pages_by_state(document)[("sv", PLAYBOOK)]
    assert page["decided_by"] == "word count"
    assert page["state"] == "outdated"  # the capability added words
    assert "is not a commit in this shallow clone" in page["warnings"][0]


def test_no_recorded_commit_and_no_word_count_counts_as_outdated(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / "docs" / "de" / "index.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^source-(git-commit|wordcount):.*\n", "", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    page = pages_by_state(status_json(repo, capsys=capsys))[("de", "index.md")]
    assert page["state"] == "outdated"
    assert page["decided_by"] is None
    assert len(page["warnings"]) == 2


# -- missing, untranslated, the summary ------------------------------------------------------

def test_missing_and_untranslated_pages(project: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "de" / PLAYBOOK).unlink()
    assert main(["new-locale", "fr", "--name", "Français",
                 "--config", str(project / "mkdocs.yml")]) == 0
    capsys.readouterr()
    assert main(["status", "--config", str(project / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    summary = out.strip().splitlines()[-3:]
    total = len(SOURCE_PAGES)
    assert summary == [
        f"sv  {total}/{total} pages  {total} up to date  {total} machine-translated",
        f"de  {total - 1}/{total} pages  {total - 1} up to date  1 missing"
        f"  {total - 1} machine-translated",
        f"fr  0/{total} pages  {total} untranslated",
    ]
    assert re.search(rf"^  {re.escape(PLAYBOOK)}\s+missing$", out, re.MULTILINE)


def test_locale_filter_and_configuration_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = status_json(project, "--locale", "de", capsys=capsys)
    assert [locale["locale"] for locale in document["locales"]] == ["de"]
    assert main(["status", "--locale", "xx", "--config", str(project / "mkdocs.yml")]) == 2
    assert "unknown locale xx" in capsys.readouterr().err
    assert main(["status", "--config", str(project / "missing.yml")]) == 2
    capsys.readouterr()
    for page in (project / "docs" / "en").rglob("*.md"):
        page.unlink()
    assert main(["status", "--config", str(project / "mkdocs.yml")]) == 2
    assert "docs/en has no pages" in capsys.readouterr().err


def test_the_core_agrees_with_the_command(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The plugin calls compute_status directly: same facts as the command's JSON."""
    add_capability(repo)
    settings = load_settings(repo / "mkdocs.yml")
    tree, _ = load_tree(settings.root, settings.docs_dir, settings.source_locale,
                        settings.locale_codes)
    report = compute_status(tree, settings.locales, open_repository(repo))
    pages = pages_by_state(status_json(repo, capsys=capsys))
    for locale in report.locales:
        for page in locale.pages:
            assert pages[(locale.locale, page.rel_path)]["state"] == page.state.value
    assert report.page("sv", PLAYBOOK).state is PageState.OUTDATED
    assert report.alternate_locales(PLAYBOOK) == ["en", "sv", "de"]


def test_the_repository_is_judged_with_one_question_to_git(tmp_path: Path, repo: Path) -> None:
    assert open_repository(tmp_path).problem == "not a git repository"
    git(tmp_path, "init", "-q")
    assert open_repository(tmp_path).problem == "the repository has no commits yet"
    opened = open_repository(repo)
    assert (opened.available, opened.shallow) == (True, False)
    assert opened.resolve_commit("HEAD") == git(repo, "rev-parse", "HEAD")


def _git_calls_for_status(project: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, dict]:
    """How many git processes one status computation starts, and the states it found."""
    from mkdocs_playbooks.status import git_history

    calls: list[tuple[str, ...]] = []
    real_run_git = git_history.run_git

    def counting_run_git(cwd: Path, *args: str,
                         stdin: str | None = None) -> git_history.GitResult | None:
        calls.append(args)
        return real_run_git(cwd, *args, stdin=stdin)

    monkeypatch.setattr(git_history, "run_git", counting_run_git)
    settings = load_settings(project / "mkdocs.yml")
    tree, _ = load_tree(settings.root, settings.docs_dir, settings.source_locale,
                        settings.locale_codes)
    report = compute_status(tree, settings.locales, open_repository(project))
    states = {(status.locale, page.rel_path): page.state for status in report.locales
              for page in status.pages}
    return len(calls), states


def test_git_is_asked_once_per_distinct_commit_not_once_per_page(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    few, states = _git_calls_for_status(repo, monkeypatch)
    assert set(states.values()) == {PageState.UP_TO_DATE}
    # Ten more pages in every locale, recording the same commit: not one git process more.
    recorded = page_front_matter(repo, "sv", PLAYBOOK, "source-git-commit")
    for number in range(10):
        for locale in ("en", *TRANSLATIONS):
            page = repo / "docs" / locale / "more" / f"page-{number}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text((repo / "docs" / locale / "index.md").read_text(encoding="utf-8"),
                            encoding="utf-8")
    commit_all(repo, "Ten more pages")
    for number in range(10):
        for locale in TRANSLATIONS:
            set_front_matter(repo, locale, f"more/page-{number}.md", "source-git-commit", recorded)
    many, states = _git_calls_for_status(repo, monkeypatch)
    assert many == few
    # The new source pages did not exist at the recorded commit: changed since, so outdated.
    assert states[("sv", "more/page-3.md")] is PageState.OUTDATED
    assert states[("sv", PLAYBOOK)] is PageState.UP_TO_DATE
    # A second distinct recorded commit costs one `git diff` more (all are resolved at once).
    set_front_matter(repo, "de", "more/page-0.md", "source-git-commit", git(repo, "rev-parse",
                                                                             "HEAD"))
    two_commits, states = _git_calls_for_status(repo, monkeypatch)
    assert two_commits == few + 1
    assert states[("de", "more/page-0.md")] is PageState.UP_TO_DATE
    assert states[("sv", "more/page-0.md")] is PageState.OUTDATED
