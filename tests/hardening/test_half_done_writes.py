"""Class 7 of the hardening: a writer that fails leaves nothing half done.

When ``new-locale`` cannot finish, the project is as it was, folders included (a leftover
``docs/fr/`` would make the rerun refuse the locale as existing), the message names the file
that could not be written, never a temp file, and the rerun succeeds.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hardening.test_writes import new_locale, no_space_left, snapshot, temp_files
from mkdocs_playbooks.project import scaffold


def folders(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_dir()}


@pytest.mark.parametrize("failure", [
    OSError(errno.ENOSPC, "No space left on device"),
    PermissionError(errno.EACCES, "Permission denied"),
    OSError(errno.EROFS, "Read-only file system"),
])
def test_a_failed_mkdocs_yml_write_undoes_pages_and_folders(
    project: Path, monkeypatch: pytest.MonkeyPatch, failure: OSError
) -> None:
    before, before_folders = snapshot(project), folders(project)

    def failing_replace(source: object, target: object) -> None:
        raise failure
    monkeypatch.setattr(scaffold.os, "replace", failing_replace)
    code, out, err = new_locale(project, "fr", "--name", "Français")
    assert code == 2 and out == ""
    assert f"cannot write {project / 'mkdocs.yml'}: {failure.strerror}" in err
    assert ".tmp" not in err
    assert snapshot(project) == before
    assert folders(project) == before_folders  # no empty docs/fr/ left behind
    assert temp_files(project) == []
    monkeypatch.undo()
    code, out, err = new_locale(project, "fr", "--name", "Français")  # the rerun is not refused
    assert code == 0, err
    assert (project / "docs/fr/index.md").is_file()


def test_a_failed_page_write_names_the_page(project: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    before_folders = folders(project)
    monkeypatch.setattr(scaffold.os, "fsync", no_space_left)
    code, _, err = new_locale(project, "fr", "--name", "Français")
    assert code == 2
    assert f"cannot write {project / 'docs/fr'}" in err and ".tmp" not in err
    assert folders(project) == before_folders


def test_a_folder_someone_else_fills_meanwhile_is_kept(project: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Undoing removes only the folders it made and only when empty: a file put there by
    someone else while it ran stays."""
    real_fsync = os.fsync

    def fsync_then_fail(descriptor: int) -> None:
        real_fsync(descriptor)
        (project / "docs/fr/notes.txt").write_text("mine\n", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(scaffold.os, "fsync", fsync_then_fail)
    code, _, _ = new_locale(project, "fr", "--name", "Français")
    assert code == 2
    assert (project / "docs/fr/notes.txt").read_text(encoding="utf-8") == "mine\n"
