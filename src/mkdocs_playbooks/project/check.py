"""Run every parity rule over a project: the one entry point the plugin and CLI share."""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs_playbooks.core.compare import (
    align_locale,
    compare_locale,
    page_diagnostics,
    problem_diagnostics,
)
from mkdocs_playbooks.core.diagnostics import Diagnostic
from mkdocs_playbooks.core.gc_pause import cyclic_gc_paused
from mkdocs_playbooks.core.schema import DEFAULT_SCOPE, CheckScope
from mkdocs_playbooks.core.settings import ProjectSettings, load_project_tree
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.terminology.check import check_locale_terminology
from mkdocs_playbooks.terminology.glossary import Glossary, load_glossaries


def check_tree(
    tree: DocsTree, folder_problems: list, glossaries: Mapping[str, Glossary] | None = None,
    scope: CheckScope = DEFAULT_SCOPE,
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for page in folder_problems:  # pseudo-pages: nothing to check but their problem
        found += problem_diagnostics(page)
    for page in tree.source.pages.values():
        found += page_diagnostics(page, tree.resolve, scope, scope.playbooks.is_playbook(page))
    for translation in tree.translations():
        glossary = (glossaries or {}).get(translation.locale)
        lexicon = glossary.lexicon() if glossary is not None else ()
        # Parity and terminology share the alignment; the glossary's term pairs help it.
        alignments = align_locale(tree.source, translation, lexicon)
        found += compare_locale(
            tree.source, translation, tree.resolve, alignments, scope, lexicon
        )
        if glossary is not None:
            found += check_locale_terminology(translation, alignments, glossary)
    return found


@cyclic_gc_paused()
def check_project(settings: ProjectSettings) -> tuple[DocsTree, list[Diagnostic]]:
    """Parse every page once and return the tree with every finding, severities applied."""
    tree, folder_problems = load_project_tree(settings)
    glossaries, glossary_problems = load_glossaries(
        settings.glossary_dir, [pages.locale for pages in tree.translations()], tree.display
    )
    found = settings.apply_severity(
        check_tree(tree, folder_problems, glossaries, settings.scope) + glossary_problems
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
