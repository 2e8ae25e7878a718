"""Everything that writes (``playbook new-locale``, the site build's own outputs) never replaces
an existing page and, when interrupted or out of disk, leaves every file whole or absent: no
half-written file, no stray temp file, originals intact."""

from __future__ import annotations

import contextlib
import errno
import io
import os
from pathlib import Path

import pytest

from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.project import scaffold
from mkdocs_playbooks.project.scaffold import (
    ScaffoldError,
    plan_locale,
    write_file_atomically,
    write_plan,
)

NEW_PAGES = ("docs/fr/index.md", "docs/fr/playbooks/commerce-strategy.md")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file (symlinks as their target's name) under `root`, by relative path."""
    files = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            files[rel] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            files[rel] = path.read_bytes()
    return files


def temp_files(root: Path) -> list[str]:
    return [path.name for path in root.rglob("*.tmp")]


def new_locale(project: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["new-locale", *argv, "--config", str(project / "mkdocs.yml")])
    return code, out.getvalue(), err.getvalue()


def no_space_left(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


# --- never overwrite ---------------------------------------------------------------------------


def test_missing_only_on_a_complete_locale_changes_nothing(project: Path) -> None:
    before = snapshot(project)
    code, out, err = new_locale(project, "sv", "--missing-only")
    assert (code, err) == (0, "")
    assert "nothing to do" in out
    assert snapshot(project) == before


def test_an_existing_locale_is_refused_with_exit_2(project: Path) -> None:
    before = snapshot(project)
    code, out, err = new_locale(project, "sv")
    assert code == 2 and out == ""
    assert "exists already" in err and "Traceback" not in err
    assert snapshot(project) == before


def test_a_page_that_appears_after_planning_is_kept(project: Path) -> None:
    """Someone saves a page between the plan and the write: nothing is written at all."""
    plan = plan_locale(load_settings(project / "mkdocs.yml"), "fr", "Français")
    theirs = project / NEW_PAGES[1]
    theirs.parent.mkdir(parents=True)
    theirs.write_text("a translator's work\n", encoding="utf-8")
    before = snapshot(project)
    with pytest.raises(ScaffoldError, match="would overwrite"):
        write_plan(plan)
    assert snapshot(project) == before


def test_a_page_that_appears_during_the_write_is_kept_and_the_rest_undone(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race the up-front check cannot see: the second page appears while the first is
    written. The rename refuses to replace it, and the page already written is removed."""
    plan = plan_locale(load_settings(project / "mkdocs.yml"), "fr", "Français")
    theirs = project / NEW_PAGES[1]
    real_write = scaffold.write_file_atomically

    def racing_write(path: Path, text: str, *, replace: bool) -> None:
        real_write(path, text, replace=replace)
        if path == project / NEW_PAGES[0]:
            theirs.parent.mkdir(parents=True, exist_ok=True)
            theirs.write_text("a translator's work\n", encoding="utf-8")

    monkeypatch.setattr(scaffold, "write_file_atomically", racing_write)
    config_before = (project / "mkdocs.yml").read_bytes()
    with pytest.raises(ScaffoldError, match="removed again"):
        write_plan(plan)
    assert theirs.read_text(encoding="utf-8") == "a translator's work\n"
    assert not (project / NEW_PAGES[0]).exists()
    assert (project / "mkdocs.yml").read_bytes() == config_before
    assert temp_files(project) == []


def test_a_dangling_symlink_where_a_page_goes_is_left_alone(project: Path) -> None:
    """Writing through the link would create a file wherever it points: it is kept instead."""
    link = project / "docs/sv/index.md"
    link.unlink()
    link.symlink_to(project.parent / "elsewhere.md")
    before = snapshot(project)
    code, out, _ = new_locale(project, "sv", "--missing-only")
    assert code == 0
    assert "kept docs/sv/index.md" in out
    assert snapshot(project) == before
    assert not (project.parent / "elsewhere.md").exists()


def test_replace_false_never_replaces_a_file_or_a_symlink(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("original\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "target.md")
    for path in (page, link):
        with pytest.raises(FileExistsError):
            write_file_atomically(path, "new\n", replace=False)
    assert page.read_text(encoding="utf-8") == "original\n"
    assert not (tmp_path / "target.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "page.md"]


# --- interrupted writes ------------------------------------------------------------------------


def test_a_failing_rename_of_mkdocs_yml_undoes_the_new_pages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages are written, then replacing mkdocs.yml fails: exit 2, the new pages are
    removed, mkdocs.yml is byte for byte what it was, and no temp file is left."""
    before = snapshot(project)
    monkeypatch.setattr(scaffold.os, "replace", no_space_left)
    code, out, err = new_locale(project, "fr", "--name", "Français")
    assert code == 2 and out == ""
    assert "No space left on device" in err and "removed again" in err
    assert snapshot(project) == before
    assert temp_files(project) == []


def test_a_full_disk_while_writing_a_page_leaves_nothing_behind(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(project)
    monkeypatch.setattr(scaffold.os, "fsync", no_space_left)
    code, _, err = new_locale(project, "fr", "--name", "Français")
    assert code == 2
    assert "No space left on device" in err and "Traceback" not in err
    after = snapshot(project)
    assert after == before
    assert temp_files(project) == []


def test_an_interrupt_leaves_only_whole_files_and_a_rerun_completes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the second page is being written: the first page is whole, the others
    absent, no temp file, mkdocs.yml untouched; `--missing-only` then finishes the job and
    gives exactly what an uninterrupted run gives."""
    settings = load_settings(project / "mkdocs.yml")
    plan = plan_locale(settings, "fr", "Français")
    expected = {planned.display: planned.content for planned in plan.files}
    config_before = (project / "mkdocs.yml").read_bytes()
    real_fsync, calls = os.fsync, []

    def interrupted_fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_fsync(descriptor)

    monkeypatch.setattr(scaffold.os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        write_plan(plan)
    monkeypatch.undo()

    first, *rest = (planned.display for planned in plan.files)
    assert (project / first).read_text(encoding="utf-8") == expected[first]
    assert rest and not any((project / display).exists() for display in rest)
    assert (project / "mkdocs.yml").read_bytes() == config_before
    assert temp_files(project) == []

    code, out, _ = new_locale(project, "fr", "--name", "Français", "--missing-only")
    assert code == 0 and f"kept {first}" in out
    for display, content in expected.items():
        assert (project / display).read_text(encoding="utf-8") == content
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == plan.config_text


def test_replacing_a_file_that_fails_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site build writes its per-locale outputs the same way (replace=True)."""
    target = tmp_path / "search_index.json"
    target.write_text('{"old": true}', encoding="utf-8")
    target.chmod(0o640)
    monkeypatch.setattr(scaffold.os, "replace", no_space_left)
    with pytest.raises(OSError):
        write_file_atomically(target, '{"new": true}', replace=True)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert [path.name for path in tmp_path.iterdir()] == ["search_index.json"]

    write_file_atomically(target, '{"new": true}', replace=True)
    assert target.read_text(encoding="utf-8") == '{"new": true}'
    assert target.stat().st_mode & 0o777 == 0o640  # the original's permissions are kept


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_locale_folder_is_reported_not_half_filled(project: Path) -> None:
    (project / "docs/sv/index.md").unlink()
    folder = project / "docs/sv"
    before = snapshot(project)
    folder.chmod(0o555)
    try:
        code, _, err = new_locale(project, "sv", "--missing-only")
    finally:
        folder.chmod(0o755)
    assert code == 2 and "Permission denied" in err
    assert snapshot(project) == before
    assert temp_files(project) == []
