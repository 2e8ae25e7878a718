"""Read a docs tree from disk into parsed pages, once per file, and resolve references.

Both layouts of mkdocs-static-i18n: ``folder`` (``docs/<locale>/<page>.md``) and ``suffix``
(``docs/<page>.md`` for the default language, ``docs/<page>.<locale>.md`` for the others; a
site without the i18n plugin is the suffix layout with one locale). Either way a page is known
by its locale and its path without the locale (``playbooks/x.md``), and every file by the
virtual path ``<locale>/<path>``, so references resolve the same in both. Files in the
top-level ``assets/`` folder are published at the site's ``assets/`` path.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_playbooks.core.compare import LocalePages, with_suffix
from mkdocs_playbooks.core.file_memo import FileMemo
from mkdocs_playbooks.core.framework_ref import is_framework_diagram
from mkdocs_playbooks.core.gc_pause import cyclic_gc_paused
from mkdocs_playbooks.core.model import ParsedPage, ParseProblem, Reference
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.core.regular_file import kind_of, read_regular_file

ASSETS_FOLDER = "assets"
FOLDER_LAYOUT, SUFFIX_LAYOUT = "folder", "suffix"
LAYOUTS = (FOLDER_LAYOUT, SUFFIX_LAYOUT)
MARKDOWN_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""What makes a file a page for MkDocs 1.6 (``mkdocs.utils.markdown_extensions``; a test keeps
the two equal): case matters."""


@dataclass(frozen=True)
class LinkOptions:
    """How to read links that do not point at a file of the docs tree as written.

    `roots` maps a site-absolute prefix to a folder of each locale (``{"/help/": ""}``: a link
    to ``/help/a/b.md`` is ``a/b.md`` of the page's locale). A target that starts with one of
    the `external` prefixes (``/docs/other-product/``, ``../../other-repo/``) points outside the
    documentation this site builds, and is not checked.
    """

    roots: tuple[tuple[str, str], ...] = ()
    external: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocsTree:
    """Every locale's pages and the files a reference may point at."""

    root: Path  # the project folder (where mkdocs.yml is)
    docs_dir: Path
    source_locale: str
    locales: dict[str, LocalePages]
    files: frozenset[str]  # docs-relative paths of every file under docs/, POSIX style
    asset_files: frozenset[str]  # paths under the top-level assets/, as "assets/…"
    layout: str = FOLDER_LAYOUT
    links: LinkOptions = LinkOptions()
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

    def release_texts(self) -> None:
        """Let go of every page's text, the largest part of a parsed page, once nothing will
        read it again (a build's diagrams, status and notices read the parsed structure).
        What was worked out from it (word counts, verbatim tokens) stays. The text is None
        afterwards, so a late reader fails at once rather than reading an empty page."""
        for pages in self.locales.values():
            for page in pages.pages.values():
                page.text_digest  # noqa: B018 (worked out now: the diagram caches' key)
                object.__setattr__(page, "text", None)  # a frozen record, on purpose this once

    def translations(self) -> list[LocalePages]:
        return [pages for locale, pages in self.locales.items() if locale != self.source_locale]

    def display(self, path: Path) -> str:
        return _display(self.root, path)

    def file_path(self, locale: str, rel_path: str) -> Path:
        """The file of `locale`'s page `rel_path` (where it is, or would be, in the layout)."""
        page = self.page(locale, rel_path)
        if page is not None:
            return self.root / page.path
        return page_file(self.docs_dir, self.layout, locale, rel_path)

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
        if target.startswith(self.links.external) and self.links.external:
            return "ok"  # outside the documentation this site builds: not ours to check
        for prefix, root in self.links.roots:
            if target.startswith(prefix):
                target = "/" + posixpath.join(root, target[len(prefix):])
                break
        if target.startswith("/"):
            uri = posixpath.normpath(target.lstrip("/"))
        else:  # in the suffix layout a page's folder has no locale level
            base = folder if self.layout == SUFFIX_LAYOUT else posixpath.join(locale, folder)
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
        if head in self.locales and self.layout != SUFFIX_LAYOUT:
            yield uri
            yield f"{self.source_locale}/{rest}"
            yield rest
        else:
            yield f"{locale}/{uri}"
            yield f"{self.source_locale}/{uri}"
            yield uri


def page_file(docs_dir: Path, layout: str, locale: str, rel_path: str) -> Path:
    """Where a translation's page `rel_path` belongs in the layout (``docs/fr/x.md`` or
    ``docs/x.fr.md``)."""
    if layout == SUFFIX_LAYOUT:
        return docs_dir / with_suffix(rel_path, f".{locale}")
    return docs_dir / locale / rel_path


def _display(root: Path, path: Path) -> str:
    """The path as people see it: relative to the project; bytes of a file name that are not
    UTF-8 shown as ``\\xff``, so every report can print and encode it."""
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_FOLDER_HINT = "Make it a real folder, or a symlink to a folder inside the project."
_FILE_HINT = "Check that the file exists and that you may read it."
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
                    _add_file(entry, prefix, found, problems)
            elif entry.is_dir(follow_symlinks=False) and not _is_utf8(entry.name):
                problems.append((Path(entry.path), ParseProblem(
                    "PB103", 1, "the folder name is not valid UTF-8: MkDocs cannot build it",
                    "Rename the folder with a UTF-8 name.")))
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append((f"{prefix}{entry.name}/", entry.path))
            else:
                _add_file(entry, prefix, found, problems)
        pending += reversed(subfolders)  # depth first, in order, as os.walk goes
    return found, problems


def _add_file(entry: os.DirEntry, prefix: str, found: list[str],
              problems: list[Located]) -> None:
    """List a regular file; report anything else (a FIFO would block whoever opens it,
    MkDocs included) and a name that is not UTF-8 (MkDocs cannot build it)."""
    try:
        regular = entry.is_file()
        mode = entry.stat().st_mode
    except OSError as error:
        problems.append((Path(entry.path), ParseProblem(
            "PB103", 1, f"cannot read the file: {error.strerror}", _FILE_HINT)))
        return
    if not regular:
        problems.append((Path(entry.path), ParseProblem(
            "PB103", 1, f"{kind_of(mode)}, not a regular file: MkDocs cannot read it as a "
            "page or copy it", "Replace it with a regular file, or move it out of docs/.")))
    elif not _is_utf8(entry.name):
        problems.append((Path(entry.path), ParseProblem(
            "PB103", 1, "the file name is not valid UTF-8: MkDocs cannot build it",
            "Rename the file with a UTF-8 name.")))
    else:
        found.append(prefix + entry.name)


def _is_utf8(name: str) -> bool:
    """False for a name the file system gave with bytes that are not UTF-8 (Python keeps
    them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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


def _read_page(path: str, display: str, rel: str, locale: str,
               memo: FileMemo | None = None) -> ParsedPage:
    """Parse one Markdown file, or a pseudo-page saying why it cannot be read; with a `memo`,
    the page the last build parsed while the file is unchanged."""
    if memo is not None:
        return memo.get(path, (display, rel, locale), lambda: _read_page(path, display, rel,
                                                                        locale))
    try:
        raw = read_regular_file(path)  # a FIFO is reported, never waited on
    except OSError as error:
        return _problem_page(display, locale, ParseProblem(
            "PB103", 1, f"cannot read the page: {error.strerror}", _FILE_HINT))
    return parse_page(display, rel, locale, raw)


def _keep(page: ParsedPage, pages: dict[str, ParsedPage], unreadable: list[ParsedPage]) -> None:
    """A parsed page goes to its locale's pages; one that could not be read (a pseudo-page
    without a path) to the problems."""
    if page.rel_path:
        pages[page.rel_path] = page
    else:
        unreadable.append(page)


def _is_markdown(name: str) -> bool:
    return name.endswith(MARKDOWN_EXTENSIONS)  # MkDocs' rule: `x.MD` is a static file


def _suffix_locale(rel: str, locales: Iterable[str]) -> tuple[str | None, str]:
    """``guide.fr.md`` -> ("fr", "guide.md"); a file without a locale suffix -> (None, rel)."""
    folder, slash, name = rel.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    base, locale_dot, locale = stem.rpartition(".")
    if dot and locale_dot and base and locale in locales:
        return locale, f"{folder}{slash}{base}.{extension}"
    return None, rel


def _load_suffix_layout(
    root: Path, docs_dir: Path, source_locale: str, locales: list[str], skipped: Iterable[str],
    memo: FileMemo | None,
) -> tuple[dict[str, LocalePages], set[str], list[ParsedPage]]:
    """Pages of every locale from one folder: ``x.md`` (or ``x.en.md``) is the source locale's,
    ``x.fr.md`` French. Each locale's pages are known by the path without the suffix. Files of
    the `skipped` locales (not built) are left out, not taken for source pages."""
    display = _display(root, docs_dir)
    by_locale: dict[str, dict[str, ParsedPage]] = {locale: {} for locale in locales}
    files: set[str] = set()
    unreadable: list[ParsedPage] = []
    if not docs_dir.is_dir():
        unreadable.append(_problem_page(display, source_locale, ParseProblem(
            "PB103", 1, "the docs folder is missing", _FOLDER_HINT)))
        paths: list[str] = []
    else:
        paths, problems = _walk(docs_dir, root)
        unreadable += [_problem_page(_display(root, at), "", p) for at, p in problems]
    folder_path = str(docs_dir)
    for rel in paths:
        locale, virtual = _suffix_locale(rel, [*locales, *skipped])
        if locale not in by_locale and locale is not None:
            continue  # a language that is not built
        locale = locale or source_locale
        files.add(f"{locale}/{virtual}")
        if locale == source_locale and virtual != rel:
            files.add(f"{locale}/{rel}")  # `x.en.md` may also be linked as written
        if _is_markdown(rel) and virtual not in by_locale[locale]:
            _keep(_read_page(os.path.join(folder_path, rel), f"{display}/{rel}", virtual, locale,
                             memo), by_locale[locale], unreadable)
    pages = {
        locale: LocalePages(locale, display, by_locale[locale],
                            suffix="" if locale == source_locale else f".{locale}")
        for locale in locales
    }
    return pages, files, unreadable


@cyclic_gc_paused()
def load_tree(
    root: Path,
    docs_dir: Path,
    source_locale: str,
    locales: Iterable[str],
    layout: str = FOLDER_LAYOUT,
    skipped_locales: Iterable[str] = (),
    links: LinkOptions = LinkOptions(),
    memo: FileMemo | None = None,
) -> tuple[DocsTree, list[ParsedPage]]:
    """Parse every Markdown page of every locale (in the suffix layout, the files of the
    `skipped_locales` are recognized and left out); with a `memo`, unchanged pages are not
    parsed again. Returns the tree and pseudo-pages that carry problems about folders (a
    locale folder that cannot be read), so nothing is lost silently."""
    locale_pages: dict[str, LocalePages] = {}
    files: set[str] = set()
    unreadable: list[ParsedPage] = []
    locales = list(locales)
    if layout == SUFFIX_LAYOUT:
        locale_pages, files, unreadable = _load_suffix_layout(
            root, docs_dir, source_locale, locales, skipped_locales, memo)
        locales = []  # read already
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
            if _is_markdown(rel):
                _keep(_read_page(os.path.join(folder_path, rel), f"{display}/{rel}", rel, locale,
                                 memo), pages, unreadable)
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
        layout=layout,
        links=links,
    )
    return tree, unreadable


def _problem_page(display: str, locale: str, problem: ParseProblem) -> ParsedPage:
    """A pseudo-page that carries a problem about a folder or a file that cannot be parsed."""
    return ParsedPage(display, "", locale, (), 0, None, None, (), (), 0, (problem,))
