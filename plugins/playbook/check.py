"""Run every parity rule over a project: the one entry point the plugin and CLI share."""

from __future__ import annotations

from playbook.compare import compare_locale, page_diagnostics
from playbook.diagnostics import Diagnostic
from playbook.settings import ProjectSettings
from playbook.tree import DocsTree, load_tree


def check_tree(tree: DocsTree, folder_problems: list) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for page in folder_problems:
        found += page_diagnostics(page, tree.resolve)
    for page in tree.source.pages.values():
        found += page_diagnostics(page, tree.resolve)
    for translation in tree.translations():
        found += compare_locale(tree.source, translation, tree.resolve)
    return found


def check_project(settings: ProjectSettings) -> tuple[DocsTree, list[Diagnostic]]:
    """Parse every page once and return the tree with every finding, severities applied."""
    tree, folder_problems = load_tree(
        settings.root, settings.docs_dir, settings.source_locale, settings.locale_codes
    )
    found = settings.apply_severity(check_tree(tree, folder_problems))
    return tree, sorted(found, key=Diagnostic.sort_key)
