"""Read a docs tree from disk into parsed pages, once per file, and resolve references.

Folder layout (mkdocs-static-i18n, folder structure): ``docs/<locale>/<page>.md``. Files in the
top-level ``assets/`` folder are published at the site's ``assets/`` path.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_playbooks.core.compare import LocalePages
from mkdocs_playbooks.core.framework_ref import is_framework_diagram
from mkdocs_playbooks.core.gc_pause import cyclic_gc_paused
from mkdocs_playbooks.core.model import ParsedPage, ParseProblem, Reference
from mkdocs_playbooks.core.parse import parse_page

ASSETS_FOLDER = "assets"


@dataclass(frozen=True)
class DocsTree:
    """Every locale's pages and the files a reference may point at."""

    root: Path  # the project folder (where mkdocs.yml is)
    docs_dir: Path
    source_locale: str
    locales: dict[str, LocalePages]
    files: frozenset[str]  # docs-relative paths of every file under docs/, POSIX style
    asset_files: frozenset[str]  # paths under the top-level assets/, as "assets/…"
    _resolved: dict[tuple[str, str, str], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def source(self) -> LocalePages:
        return self.locales[self.source_locale]

    def page(self, locale: str, rel_path: str) -> ParsedPage | None:
        """The parsed page at `rel_path` in `locale`'s folder, if the tree has it."""
        pages = self.locales.get(locale)
        return pages.pages.get(rel_path) if pages else None

    def translations(self) -> list[LocalePages]:
        return [pages for locale, pages in self.locales.items() if locale != self.source_locale]

    def display(self, path: Path) -> str:
        return _display(self.root, path)

    def resolve(self, page: ParsedPage, reference: Reference) -> str:
        """"ok", "missing" or "escapes", following mkdocs-static-i18n's lookup order."""
        if not reference.target:
            return "ok"  # a link to an anchor on the same page
        # Pages in one folder mostly point at the same few files: each is looked up once.
        key = (page.locale, posixpath.dirname(page.rel_path), reference.target)
        outcome = self._resolved.get(key)
        if outcome is None:
            outcome = self._resolved[key] = self._resolve(*key)
        return outcome

    def _resolve(self, locale: str, folder: str, target: str) -> str:
        target = target.split("?", 1)[0]
        if target.startswith("/"):
            uri = posixpath.normpath(target.lstrip("/"))
        else:
            base = posixpath.join(locale, folder)
            uri = posixpath.normpath(posixpath.join(base, target))
        if uri == ".." or uri.startswith("../"):
            return "escapes"
        for candidate in self._candidates(uri, locale):
            if candidate in self.files or candidate in self.asset_files:
                return "ok"
            if is_framework_diagram(candidate):
                return "ok"  # drawn at build time from the page itself
            if candidate.rstrip("/") + "/index.md" in self.files:
                return "ok"
        return "missing"

    def _candidates(self, uri: str, locale: str) -> Iterable[str]:
        head, _, rest = uri.partition("/")
        if head in self.locales:
            yield uri
            yield f"{self.source_locale}/{rest}"
            yield rest
        else:
            yield f"{locale}/{uri}"
            yield f"{self.source_locale}/{uri}"
            yield uri


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


_FOLDER_HINT = "Make it a real folder, or a symlink to a folder inside the project."
_SYMLINK_HINT = "Replace the symlink with the file or folder itself, kept inside the project."

Located = tuple[Path, ParseProblem]
"""A problem and the file or folder it is about."""


def _walk(folder: Path, root: Path) -> tuple[list[str], list[Located]]:
    """Every file below `folder`, as a POSIX path relative to it, in sorted order, not following
    symlinked folders (a loop cannot trap us).

    MkDocs does follow symlinks: one it would loop through, fail to open, or use to publish a
    file from outside the project is reported, and not listed. Only symlinks are looked at
    more closely: for the other entries, what the folder listing says is enough."""
    found: list[str] = []
    problems: list[Located] = []
    pending = [("", str(folder))]
    while pending:
        prefix, current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            problems.append((Path(current), ParseProblem(
                "PB103", 1, f"cannot read the folder: {error.strerror}", _FOLDER_HINT
            )))
            continue
        subfolders = []
        for entry in entries:
            if entry.is_symlink():
                problem = _symlink_problem(Path(entry.path), root)
                if problem is not None:
                    problems.append((Path(entry.path), problem))
                elif not entry.is_dir():
                    found.append(prefix + entry.name)
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append((f"{prefix}{entry.name}/", entry.path))
            else:
                found.append(prefix + entry.name)
        pending += reversed(subfolders)  # depth first, in order, as os.walk goes
    return found, problems


def is_outside(path: Path, root: Path) -> bool:
    """True when `path`, symlinks followed, is not inside the project folder `root`."""
    target, project = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    return target != project and project not in target.parents


def _symlink_problem(path: Path, root: Path) -> ParseProblem | None:
    """Why MkDocs cannot safely follow `path` if it is a symlink (None when it can)."""
    if not path.is_symlink():
        return None
    if not path.exists():
        return ParseProblem("PB103", 1, "a broken symlink, or a symlink loop", _SYMLINK_HINT)
    target = Path(os.path.realpath(path))
    here = Path(os.path.realpath(path.parent))
    if target == here or target in here.parents:
        return ParseProblem(
            "PB103", 1, f"a symlink to {_display(root, target)}, a folder that holds it: "
            "MkDocs would loop", _SYMLINK_HINT,
        )
    if is_outside(target, root):
        return ParseProblem(
            "PB503", 1, f"a symlink to {target}, outside the project: MkDocs would "
            "publish it", _SYMLINK_HINT,
        )
    return None


@cyclic_gc_paused()
def load_tree(
    root: Path,
    docs_dir: Path,
    source_locale: str,
    locales: Iterable[str],
) -> tuple[DocsTree, list[ParsedPage]]:
    """Parse every Markdown page of every locale. Returns the tree and pseudo-pages that carry
    problems about folders (a locale folder that cannot be read), so nothing is lost silently."""
    locale_pages: dict[str, LocalePages] = {}
    files: set[str] = set()
    unreadable: list[ParsedPage] = []
    for locale in locales:
        folder = docs_dir / locale
        display = _display(root, folder)
        pages: dict[str, ParsedPage] = {}
        missing = None if folder.is_dir() else ParseProblem(
            "PB103", 1, "the locale folder is missing", _FOLDER_HINT
        )
        problem = _symlink_problem(folder, root) or missing
        if problem is not None:
            unreadable.append(_problem_page(display, locale, problem))
            locale_pages[locale] = LocalePages(locale, display, pages)
            continue
        paths, problems = _walk(folder, root)
        folder_path = str(folder)
        unreadable += [_problem_page(_display(root, at), locale, p) for at, p in problems]
        for rel in paths:
            files.add(f"{locale}/{rel}")
            if not rel.lower().endswith(".md"):
                continue
            try:
                with open(os.path.join(folder_path, rel), "rb") as file:
                    raw = file.read()
            except OSError as error:
                unreadable.append(_problem_page(f"{display}/{rel}", locale, ParseProblem(
                    "PB103", 1, f"cannot read the page: {error.strerror}",
                    "Check that the file exists and that you may read it.",
                )))
                continue
            pages[rel] = parse_page(f"{display}/{rel}", rel, locale, raw)
        locale_pages[locale] = LocalePages(locale, display, pages)
    asset_paths, asset_problems = (
        _walk(root / ASSETS_FOLDER, root) if (root / ASSETS_FOLDER).is_dir() else ([], [])
    )
    unreadable += [_problem_page(_display(root, at), "", p) for at, p in asset_problems]
    asset_files = frozenset(f"{ASSETS_FOLDER}/{rel}" for rel in asset_paths)
    tree = DocsTree(
        root=root,
        docs_dir=docs_dir,
        source_locale=source_locale,
        locales=locale_pages,
        files=frozenset(files),
        asset_files=asset_files,
    )
    return tree, unreadable


def _problem_page(display: str, locale: str, problem: ParseProblem) -> ParsedPage:
    """A pseudo-page that carries a problem about a folder or a file that cannot be parsed."""
    return ParsedPage(display, "", locale, (), 0, None, None, (), (), 0, (problem,))
