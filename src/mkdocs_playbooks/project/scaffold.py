"""Scaffold a new locale from the source pages: same structure, text marked as untranslated.

Untranslated convention (``playbook status`` reads it, ``playbook check`` accepts it):

- front matter ``workflow-type: untranslated`` and ``ht-degree: 0%``, every key of the source
  page, plus ``content-id`` (the source's), ``source-git-commit`` (the last commit that changed
  the source page) and ``source-wordcount`` (:func:`core.text.count_words` of its body), each
  under the key the site's front matter schema gives its role (``exl-id`` for the stable id
  under the Experience League preset);
- each page where the site's i18n layout puts it: ``docs/fr/x.md`` or ``docs/x.fr.md``;
- ``title``, ``description``, every heading, list item and paragraph start with the visible
  marker ``[untranslated] `` followed by the source text;
- headings keep the source's ``{#anchor}`` ids, every capability stays one bullet, image and
  link targets are unchanged; code, HTML, tables and images are copied as they are.

Planning (:func:`plan_locale`) reads and decides; :func:`write_plan` is the only function that
writes, and it never replaces an existing page.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from mkdocs_playbooks.core.atomic_write import write_file_atomically
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import code_line_numbers, split_lines
from mkdocs_playbooks.core.regular_file import read_regular_file
from mkdocs_playbooks.core.schema import (
    HT_DEGREE,
    SOURCE_COMMIT,
    SOURCE_WORDCOUNT,
    STABLE_ID,
    WORKFLOW_TYPE,
)
from mkdocs_playbooks.core.settings import ProjectSettings, load_project_tree
from mkdocs_playbooks.core.tree import FOLDER_LAYOUT, page_file
from mkdocs_playbooks.project.config_languages import ConfigEditError, add_language, is_valid_locale
from mkdocs_playbooks.status.git_history import GitRepository, open_repository, source_commit
from mkdocs_playbooks.status.report import UNTRANSLATED_MARKER, UNTRANSLATED_WORKFLOW

UNTRANSLATED_DEGREE = "0%"
"""The ``ht-degree`` of a scaffolded page."""

TRANSLATED_TEXT_KEYS = ("title", "description")
"""Front matter keys whose values are prose to translate (and so get the marker)."""

_HEADING = re.compile(r"^( {0,3}#{1,6}[ \t]+)(.*)$")
_LIST_ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(.*)$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")
_PROSE_START = re.compile(r"[^\W_]|[\[*_`\"'(“‘„«¿¡]")  # a letter, or emphasis, link, quote
_BROKEN_SOURCE = ("PB103", "PB104", "PB201")  # a page without front matter is given one


class ScaffoldError(Exception):
    """The locale cannot be scaffolded as asked; the message says why and what to do."""


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    display: str  # relative to the project root
    content: str


@dataclass(frozen=True)
class LocalePlan:
    """What ``new-locale`` will do: the pages to create, the pages it keeps, the config edit."""

    locale: str
    files: tuple[PlannedFile, ...]
    kept: tuple[str, ...]  # pages that exist already (with --missing-only)
    config_file: Path
    config_text: str | None  # mkdocs.yml with the new language, None when it is listed already
    notes: tuple[str, ...] = field(default=())


def mark_untranslated(lines: Iterable[str]) -> list[str]:
    """Prefix each heading, list item and paragraph start with the untranslated marker,
    leaving code, HTML, tables, images, reference definitions and ``{#anchor}`` ids alone."""
    lines = list(lines)
    code = code_line_numbers(lines)  # the parser's own view: fences in list items included
    marked: list[str] = []
    block_may_start = True  # after a blank line or a heading, a line starts a paragraph
    for line_no, line in enumerate(lines, 1):
        stripped = line.strip()
        if line_no in code:
            marked.append(line)
            block_may_start = False
            continue
        heading = _HEADING.match(line)
        item = heading or _LIST_ITEM.match(line)
        indent = len(line) - len(line.lstrip())
        if _THEMATIC_BREAK.match(line) or _REF_DEFINITION.match(line):
            pass
        elif item:
            line = item.group(1) + _marked(item.group(2))
        elif block_may_start and stripped and indent < 4:  # 4 spaces after a blank: code
            line = line[:indent] + _marked(line[indent:])
        block_may_start = not stripped or heading is not None
        marked.append(line)
    return marked


def _marked(text: str) -> str:
    return UNTRANSLATED_MARKER + text if _PROSE_START.match(text) else text


def untranslated_page(source_text: str, front_matter_end: int, localization: Mapping[str, Any],
                      *, where: str) -> str:
    """The scaffold of one page: the source's front matter (comments and order kept) with the
    text keys marked and the localization keys set, then the marked body."""
    lines = split_lines(source_text)
    yaml = YAML(typ="rt")
    yaml.width = 4096  # never fold a long description
    yaml.indent(mapping=2, sequence=4, offset=2)
    block = lines[1: front_matter_end - 1] if front_matter_end else []
    try:
        data = yaml.load("\n".join(block)) or {}
    except YAMLError as error:
        raise ScaffoldError(f"{where}: the source front matter cannot be read: {error}") from None
    for key in TRANSLATED_TEXT_KEYS:
        if isinstance(data.get(key), str) and data[key]:
            data[key] = _marked(data[key])
    for key, value in localization.items():
        data[key] = value
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    body = mark_untranslated(lines[front_matter_end:])
    return "---\n" + buffer.getvalue() + "---\n" + "\n".join(body)


def plan_locale(settings: ProjectSettings, locale: str, name: str | None,
                *, missing_only: bool = False) -> LocalePlan:
    """Decide every file ``new-locale`` writes, or raise :class:`ScaffoldError` saying why not."""
    if not is_valid_locale(locale):
        raise ScaffoldError(f"`{locale}` is not a locale code; use `xx`, `xx-XX`, `xx_XX` or "
                            "`xx-Xxxx` (e.g. fr, pt-BR, zh-Hant)")
    if locale == settings.source_locale:
        raise ScaffoldError(f"`{locale}` is the source locale; scaffold a translation instead")
    if settings.config_file is None:
        raise ScaffoldError("no mkdocs.yml to add the language to")
    folder = settings.docs_dir / locale
    configured = locale in settings.locale_codes
    has_folder = settings.layout == FOLDER_LAYOUT and folder.exists()
    if (configured or has_folder) and not missing_only:
        where = "in mkdocs.yml" if configured else f"as {os.path.relpath(folder, settings.root)}/"
        raise ScaffoldError(f"locale `{locale}` exists already ({where}); nothing was written. "
                            "Use --missing-only to add just the pages it lacks")
    config_text = None
    if not configured:
        if not name:
            raise ScaffoldError(f"`{locale}` is a new language: give its name with --name")
        config_text = _config_with_language(settings.config_file, locale, name)
    # In the suffix layout a page's locale is told by its suffix: every locale must be known.
    known = [settings.source_locale] if settings.layout == FOLDER_LAYOUT else list(
        dict.fromkeys([*settings.locale_codes, locale]))
    tree, _ = load_project_tree(settings, known)
    if not tree.source.pages:
        raise ScaffoldError(f"{tree.source.folder} has no pages to scaffold from")
    repo = open_repository(settings.root)
    files, kept, notes = [], [], []
    for rel_path, page in sorted(tree.source.pages.items()):
        target = page_file(settings.docs_dir, settings.layout, locale, rel_path)
        display = os.path.relpath(target, settings.root).replace(os.sep, "/")
        link = _link_on_the_way(target, settings.docs_dir)
        if link is not None:
            raise ScaffoldError(
                f"{os.path.relpath(link, settings.root)} is a symlink (to {os.readlink(link)}); "
                "new-locale never writes through a link: nothing was written. Make it a real "
                "folder inside the project")
        if target.exists() or target.is_symlink():
            kept.append(display)
            continue
        content, note = _scaffold_page(settings, page, repo)
        files.append(PlannedFile(target, display, content))
        notes += [note] if note else []
    return LocalePlan(locale, tuple(files), tuple(kept), settings.config_file, config_text,
                      tuple(notes))


def _config_with_language(config_file: Path, locale: str, name: str) -> str:
    try:
        text = config_file.read_text(encoding="utf-8")
        return add_language(text, locale, name, where=str(config_file))
    except (OSError, UnicodeDecodeError) as error:
        raise ScaffoldError(f"{config_file}: cannot read: {error}") from None
    except ConfigEditError as error:
        raise ScaffoldError(str(error)) from None


def _scaffold_page(
    settings: ProjectSettings, page: ParsedPage, repo: GitRepository
) -> tuple[str, str | None]:
    broken = next((p for p in page.problems if p.rule in _BROKEN_SOURCE), None)
    if broken is not None:
        raise ScaffoldError(f"{page.path}:{broken.line}: {broken.message}; fix the source page "
                            "first (`playbook check` lists every problem)")
    source_path = settings.root / page.path
    commit, note = source_commit(repo, source_path, page.path)
    key = settings.scope.schema.key
    localization: dict[str, Any] = {
        key(SOURCE_COMMIT): commit,
        key(SOURCE_WORDCOUNT): page.word_count,
        key(WORKFLOW_TYPE): UNTRANSLATED_WORKFLOW,
        key(HT_DEGREE): UNTRANSLATED_DEGREE,
    }
    if page.meta(key(STABLE_ID)):
        localization = {key(STABLE_ID): page.meta(key(STABLE_ID)), **localization}
    elif (key(STABLE_ID) in settings.scope.schema.translation_keys
          and settings.scope.playbooks.is_playbook(page)):
        note = (note + "; " if note else "") + (f"{page.path} has no {key(STABLE_ID)}; add one "
                                                "to the source and to the new page")
    text = read_regular_file(source_path).decode("utf-8-sig")
    return untranslated_page(text, page.front_matter_end, localization, where=page.path), note


def write_plan(plan: LocalePlan) -> None:
    """Create the planned pages, then the mkdocs.yml edit; each file appears whole or not at
    all. Nothing existing is replaced except mkdocs.yml; on failure the new pages are removed."""
    clashing = [f.display for f in plan.files if f.path.exists() or f.path.is_symlink()]
    if clashing:
        raise ScaffoldError(f"would overwrite {', '.join(clashing)}; nothing was written")
    new_folders = _missing_folders(planned.path.parent for planned in plan.files)
    created: list[Path] = []
    try:
        for planned in plan.files:
            write_file_atomically(planned.path, planned.content, replace=False)
            created.append(planned.path)
        if plan.config_text is not None:
            write_file_atomically(plan.config_file, plan.config_text, replace=True)
    except OSError as error:
        # Undo everything, folders too: a leftover docs/fr/ would make a rerun refuse the
        # locale as existing.
        for path in created:
            path.unlink(missing_ok=True)
        for folder in sorted(new_folders, key=lambda path: len(path.parts), reverse=True):
            with contextlib.suppress(OSError):  # not empty: something else was put there
                folder.rmdir()
        raise ScaffoldError(f"cannot write {error.filename}: {error.strerror}; "
                            "the new pages were removed again") from None


def _missing_folders(folders: Iterable[Path]) -> set[Path]:
    """The folders, and their parents, that do not exist yet."""
    missing = set()
    for folder in folders:
        while not folder.exists() and folder not in missing:
            missing.add(folder)
            folder = folder.parent
    return missing


def _link_on_the_way(path: Path, docs_dir: Path) -> Path | None:
    """The first symlink among `path`'s folders below `docs_dir`, None when there is none."""
    links = [folder for folder in path.parents
             if docs_dir in folder.parents and folder.is_symlink()]
    return links[-1] if links else None
