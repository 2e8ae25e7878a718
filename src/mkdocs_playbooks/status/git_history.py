"""What git knows about the source pages: last commits, recorded commits, diffs since then.

A thin wrapper over the ``git`` command (no library). Nothing here raises: when git is not
installed, the folder is not a repository, the clone is shallow or a command fails, the answer is
``None`` and :attr:`GitRepository.problem` says why, so callers can fall back and tell the reader.

The working tree counts: :meth:`GitRepository.changed_since` and :meth:`GitRepository.diff_since`
compare a commit with the file as it is on disk, so a source page edited but not yet committed
already shows up as a change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

_TIMEOUT_SECONDS = 30
T = TypeVar("T")


@dataclass(frozen=True)
class GitResult:
    returncode: int
    stdout: str


def run_git(cwd: Path, *args: str, stdin: str | None = None) -> GitResult | None:
    """Run ``git args`` in `cwd` (`stdin` as its input); None when git is missing or cannot be
    started."""
    if shutil.which("git") is None:
        return None
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, text=True,
            encoding="utf-8",
            errors="replace", check=False, timeout=_TIMEOUT_SECONDS,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return GitResult(done.returncode, done.stdout)


def git_output(cwd: Path, *args: str) -> str | None:
    """Stripped output of a git command that succeeded, else None."""
    result = run_git(cwd, *args)
    return result.stdout.strip() if result is not None and result.returncode == 0 else None


@dataclass(frozen=True)
class GitRepository:
    """The repository a project folder lives in, or why there is none to ask."""

    cwd: Path  # the project folder; paths given to the methods are relative to it or absolute
    problem: str | None  # None when git history can be used
    shallow: bool = False
    # Each question is put to git once: every locale asks about the same source pages, and
    # starting git costs milliseconds (a tenth of a small site's build, see benchmarks/).
    _answers: dict[tuple[str, ...], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # Folders whose files are asked about in bulk (see `ask_in_bulk`), relative to `cwd`.
    _bulk_folders: list[str] = field(default_factory=list, init=False, repr=False,
                                     compare=False)

    def _once(self, question: tuple[str, ...], ask: Callable[[], T]) -> T:
        if question not in self._answers:
            self._answers[question] = ask()
        return cast(T, self._answers[question])

    @property
    def available(self) -> bool:
        return self.problem is None

    def resolve_commit(self, revision: str) -> str | None:
        """The full hash of `revision` when it names a commit in this repository."""
        if not self.available or not revision or revision.startswith("-"):
            return None
        return self._once(("rev-parse", revision), lambda: git_output(
            self.cwd, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"
        ))

    def ask_in_bulk(self, folder: Path) -> None:
        """Answer `is_committed` and `changed_since` for the files under `folder` from one
        ``git log --name-only`` and one ``git diff --name-only`` per commit, instead of a git
        process per file: a status of N pages then starts a constant number of processes plus
        one per distinct recorded commit."""
        self._bulk_folders.append(self._relative(folder).rstrip("/") + "/")

    def _bulk_folder(self, relative: str) -> str | None:
        return next((folder for folder in self._bulk_folders if relative.startswith(folder)),
                    None)

    def _names(self, *args: str) -> set[str] | None:
        """The file names a ``git … --name-only`` lists (relative to `cwd`); None on failure."""
        output = git_output(self.cwd, "-c", "core.quotepath=off", *args)
        return None if output is None else {line for line in output.splitlines() if line}

    def is_committed(self, path: Path) -> bool | None:
        """Whether any commit changed `path`; None when git cannot tell."""
        if not self.available:
            return None
        relative = self._relative(path)
        folder = self._bulk_folder(relative)
        if folder is None:
            return self.last_commit(path) is not None
        names = self._once(("log --name-only", folder), lambda: self._names(
            "log", "--format=", "--name-only", "--no-renames", "--relative", "--", folder))
        return None if names is None else relative in names

    def resolve_commits(self, revisions: Iterable[str]) -> None:
        """Resolve many revisions with one ``git cat-file --batch-check`` and remember the
        answers for :meth:`resolve_commit` (instead of one ``git rev-parse`` each)."""
        asked = [revision for revision in dict.fromkeys(revisions)
                 if revision and not revision.startswith("-") and revision.split() == [revision]
                 and ("rev-parse", revision) not in self._answers]
        if not self.available or not asked:
            return
        result = run_git(self.cwd, "cat-file", "--batch-check=%(objectname) %(objecttype)",
                         stdin="".join(f"{revision}^{{commit}}\n" for revision in asked))
        answers = result.stdout.splitlines() if result is not None else []
        if result is None or result.returncode != 0 or len(answers) != len(asked):
            return  # each is then asked on its own
        for revision, answer in zip(asked, answers, strict=True):
            name, _, kind = answer.partition(" ")
            self._answers[("rev-parse", revision)] = name if kind == "commit" else None

    def last_commit(self, path: Path) -> str | None:
        """The last commit that changed `path`; None when it was never committed."""
        if not self.available:
            return None
        relative = self._relative(path)
        return self._once(("log", relative), lambda: git_output(
            self.cwd, "log", "-1", "--format=%H", "--", relative
        ) or None)

    def changed_since(self, commit: str, path: Path) -> bool | None:
        """Whether `path` on disk differs from `path` at `commit`; None when git cannot tell."""
        if not self.available:
            return None
        relative = self._relative(path)
        folder = self._bulk_folder(relative)
        if folder is not None:
            names = self._once(("diff --name-only", commit, folder), lambda: self._names(
                "diff", "--name-only", "--no-renames", "--no-ext-diff", "--relative", commit,
                "--", folder))
            return None if names is None else relative in names
        result = self._once(("diff --quiet", commit, relative), lambda: run_git(
            self.cwd, "diff", "--quiet", "--no-ext-diff", commit, "--", relative
        ))
        if result is None or result.returncode not in (0, 1):
            return None
        return result.returncode == 1

    def diff_since(self, commit: str, path: Path) -> str | None:
        """The unified diff of `path` from `commit` to the file on disk."""
        if not self.available:
            return None
        return git_output(self.cwd, "diff", "--no-color", "--no-ext-diff", commit, "--",
                          self._relative(path))

    def file_at(self, commit: str, path: Path) -> bytes | None:
        """The bytes of `path` as committed in `commit`; None when git cannot tell."""
        if not self.available:
            return None
        try:
            done = subprocess.run(
                ["git", "show", f"{commit}:./{self._relative(path)}"], cwd=self.cwd,
                capture_output=True, check=False, timeout=_TIMEOUT_SECONDS,
                env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    def _relative(self, path: Path) -> str:
        return os.path.relpath(path, self.cwd) if path.is_absolute() else str(path)


def open_repository(folder: Path) -> GitRepository:
    """Find the repository `folder` is in and whether its history can be used."""
    if shutil.which("git") is None:
        return GitRepository(folder, "git is not installed")
    # One git for three questions: in a work tree? shallow? and HEAD's commit, if any.
    result = run_git(folder, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository",
                     "--verify", "--quiet", "HEAD")
    answers = result.stdout.split() if result is not None else []
    if not answers or answers[0] != "true":
        return GitRepository(folder, "not a git repository")
    if result is None or result.returncode != 0 or len(answers) < 3:
        return GitRepository(folder, "the repository has no commits yet")
    return GitRepository(folder, None, shallow=answers[1] == "true")


UNKNOWN_COMMIT = "unknown"
"""``source-git-commit`` when git cannot tell which commit the source page comes from."""


def source_commit(repo: GitRepository, path: Path, display: str) -> tuple[str, str | None]:
    """The commit a translation of the source page `path` is made from (its last commit), and
    a note when that is not the whole truth (uncommitted edits, never committed, no git)."""
    last = repo.last_commit(path)
    if last:
        note = None
        if repo.changed_since(last, path):
            note = (f"{display} has uncommitted changes; source-git-commit names its last "
                    f"commit {last[:12]}: commit the source first for an exact record")
        return last, note
    head = repo.resolve_commit("HEAD")
    if head:
        return head, f"{display} is not committed yet; source-git-commit set to HEAD {head[:12]}"
    return UNKNOWN_COMMIT, (f"{display}: no git history ({repo.problem}); "
                            f"source-git-commit set to `{UNKNOWN_COMMIT}`")
