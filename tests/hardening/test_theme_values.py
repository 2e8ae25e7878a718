"""Class 5 of the hardening: values the theme or the status cannot take are findings.

Each case writes a value real pages have (``hide: true`` is on Experience League pages) or a
careless contributor would; `playbook check` reports it at its line (PB205, or PB203 for a key
without a value), `status` neither fails nor trusts it, and `mkdocs build` stops with the
finding instead of a traceback from the theme's template.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import (
    PLAYBOOK,
    build_site,
    commit_all,
    git,
    record_source_commit,
    run_playbook,
    set_front_matter,
)

SV = f"docs/sv/{PLAYBOOK}"


def line_of(project: Path, rel: str, key: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


@pytest.mark.parametrize(("key", "value", "rule"), [
    ("hide", "true", "PB205"),
    ("hide", "navigation", "PB205"),
    ("tags", "{a: 1}", "PB205"),
    ("title", "['</title><script>alert(2)</script>']", "PB205"),
    ("description", "12", "PB205"),
    ("source-wordcount", "'²'", "PB205"),
    ("source-wordcount", "-3", "PB205"),
    ("title", "null", "PB203"),
    ("title", "", "PB203"),
])
def test_a_value_the_theme_cannot_take_is_a_finding_at_its_line(
    project: Path, key: str, value: str, rule: str
) -> None:
    set_front_matter(project, "sv", PLAYBOOK, key, value)
    code, out, _ = run_playbook(project, "check")
    assert code == 1
    assert f"{SV}:{line_of(project, SV, key)}: {rule} " in out, out
    code, _, _ = run_playbook(project, "status")
    assert code == 0
    with pytest.raises(Abort):  # the check stops the build: no TypeError from a template
        build_site(project)


@pytest.mark.parametrize(("key", "value"), [("hide", "true"), ("tags", "3"), ("icon", "[x]")])
def test_with_pb205_ignored_the_build_leaves_the_value_out(project: Path, key: str,
                                                           value: str) -> None:
    set_front_matter(project, "sv", PLAYBOOK, key, value)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "source_locale: en\n", "source_locale: en\n      severity: {PB205: ignore}\n", 1),
        encoding="utf-8")
    site = build_site(project)  # no TypeError from the theme's templates
    assert (site / "sv/playbooks/commerce-strategy/index.html").is_file()


def test_the_shapes_the_theme_takes_pass(project: Path) -> None:
    set_front_matter(project, "sv", PLAYBOOK, "hide", "[navigation, toc]")
    set_front_matter(project, "sv", PLAYBOOK, "tags", "[commerce]")
    code, out, _ = run_playbook(project, "check")
    assert code == 0, out
    site = build_site(project)
    assert (site / "sv/playbooks/commerce-strategy/index.html").is_file()


@pytest.mark.parametrize("recorded", ["HEAD", "master", "main", "HEAD~0", "short"])
def test_only_a_full_commit_id_is_taken_as_the_source_commit(project: Path,
                                                             recorded: str) -> None:
    """A name that resolves (HEAD, a branch, an abbreviated id) moves with the repository, so
    the page would be up to date for ever: a warning, and the word count decides."""
    git(project, "init", "-q", "-b", "main")
    source_commit = commit_all(project, "source")
    record_source_commit(project, source_commit)
    commit_all(project, "record")
    value = source_commit[:7] if recorded == "short" else recorded
    set_front_matter(project, "sv", PLAYBOOK, "source-git-commit", value)
    code, out, err = run_playbook(project, "status", "--format", "json")
    assert code == 0
    page = next(page for locale in json.loads(out)["locales"] for page in locale["pages"]
                if locale["locale"] == "sv" and page["page"] == PLAYBOOK)
    assert page["decided_by"] == "word count"
    line = line_of(project, SV, "source-git-commit")
    assert f"{SV}:{line}: source-git-commit `{value}` is not a full commit id" in err
