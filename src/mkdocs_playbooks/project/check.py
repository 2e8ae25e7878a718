"""Run every parity rule over a project: the one entry point the plugin and CLI share."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping
from typing import Any

from mkdocs_playbooks.core.compare import (
    LocalePages,
    align_locale,
    compare_locale,
    page_diagnostics,
    problem_diagnostics,
)
from mkdocs_playbooks.core.diagnostics import Diagnostic
from mkdocs_playbooks.core.file_memo import FileMemo
from mkdocs_playbooks.core.gc_pause import cyclic_gc_paused
from mkdocs_playbooks.core.schema import DEFAULT_SCOPE, CheckScope
from mkdocs_playbooks.core.settings import ProjectSettings, load_project_tree
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.terminology.check import check_locale_terminology
from mkdocs_playbooks.terminology.glossary import Glossary, load_glossaries


class CheckMemo:
    """What one build's check found, reused by the next build of the same process where
    nothing it was worked out from changed (``mkdocs serve`` after a translator saves a page:
    only that page is parsed again and only its locale compared again).

    Findings depend on the pages compared (unchanged pages are the very same objects, from
    :attr:`files`), on the set of files links may point at, and on the glossary and scope."""

    def __init__(self) -> None:
        self.files = FileMemo()
        self._found: dict[str, tuple[tuple[Any, ...], list[Diagnostic]]] = {}
        self.reused: list[str] = []  # in the running build: the locales not compared again

    def begin_build(self) -> None:
        self.files.begin_build()
        self.reused = []

    def findings(self, name: str, inputs: tuple[Any, ...],
                 work: Callable[[], list[Diagnostic]]) -> list[Diagnostic]:
        kept = self._found.get(name)
        if kept is not None and _same_inputs(kept[0], inputs):
            self.reused.append(name)
            return kept[1]
        found = work()
        self._found[name] = (inputs, found)
        return found


def _same_inputs(kept: tuple[Any, ...], inputs: tuple[Any, ...]) -> bool:
    """Pages are compared by identity (an unchanged page is the object kept from the last
    build), everything else by value."""
    pages, context = kept
    now_pages, now_context = inputs
    return (len(pages) == len(now_pages) and all(map(operator.is_, pages, now_pages))
            and context == now_context)


def check_tree(
    tree: DocsTree, folder_problems: list, glossaries: Mapping[str, Glossary] | None = None,
    scope: CheckScope = DEFAULT_SCOPE, memo: CheckMemo | None = None,
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for page in folder_problems:  # pseudo-pages: nothing to check but their problem
        found += problem_diagnostics(page)
    # What links may point at: every finding below may depend on it.
    context = (tree.root, tree.docs_dir, tuple(tree.locales), tree.layout, tree.links,
               tree.files, tree.asset_files, scope)
    memo = memo or CheckMemo()
    source_pages = tuple(tree.source.pages.values())
    found += memo.findings(tree.source_locale, (source_pages, context), lambda: [
        item for page in source_pages
        for item in page_diagnostics(page, tree.resolve, scope, scope.playbooks.is_playbook(page))
    ])
    for translation in tree.translations():
        glossary = (glossaries or {}).get(translation.locale)
        pages = source_pages + tuple(translation.pages.values())
        found += memo.findings(translation.locale, (pages, (context, glossary)),
                               functools.partial(_check_locale, tree, translation, glossary, scope))
    return found


def _check_locale(tree: DocsTree, translation: LocalePages, glossary: Glossary | None,
                  scope: CheckScope) -> list[Diagnostic]:
    lexicon = glossary.lexicon() if glossary is not None else ()
    # Parity and terminology share the alignment; the glossary's term pairs help it.
    alignments = align_locale(tree.source, translation, lexicon)
    found = compare_locale(tree.source, translation, tree.resolve, alignments, scope, lexicon)
    if glossary is not None:
        found += check_locale_terminology(translation, alignments, glossary)
    return found


@cyclic_gc_paused()
def check_project(settings: ProjectSettings,
                  memo: CheckMemo | None = None) -> tuple[DocsTree, list[Diagnostic]]:
    """Parse every page once and return the tree with every finding, severities applied. With
    a `memo` (kept from the last build), what did not change is neither parsed nor compared
    again."""
    if memo is not None:
        memo.begin_build()
    files = memo.files if memo is not None else None
    tree, folder_problems = load_project_tree(settings, memo=files)
    glossaries, glossary_problems = load_glossaries(
        settings.glossary_dir, [pages.locale for pages in tree.translations()], tree.display,
        files,
    )
    found = settings.apply_severity(
        check_tree(tree, folder_problems, glossaries, settings.scope, memo) + glossary_problems
    )
    return tree, sorted(found, key=Diagnostic.sort_key)


def left_to_mkdocs(found: list[Diagnostic]) -> list[Diagnostic]:
    """The findings without what MkDocs' own link validation (``validation: links:``) reports
    in a build: a relative link or image that points at no file. Site-absolute targets MkDocs
    leaves alone, so their PB502 stays."""
    return [
        item for item in found
        if not (item.rule == "PB502" and not item.found.startswith("/"))
    ]
