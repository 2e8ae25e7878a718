"""Mend the navigation mkdocs-static-i18n builds for a locale that lacks some pages.

A page shown as fallback (the source locale's page, where a locale has no translation of it)
lands in a section of its own, beside the locale's section of the same name: the reader sees
the section twice, and two navigation landmarks share one name (axe-core's landmark-unique).
The sections are merged into the first, with the pages in the order MkDocs gives a folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from mkdocs_playbooks.plugin.i18n_files import locale_rel_path


def merge_split_sections(nav: Navigation) -> None:
    if not _merge(nav.items):
        return
    nav.pages = list(_pages(nav.items))
    bookended = [None, *nav.pages, None]
    for previous, page, following in zip(bookended[:-2], nav.pages, bookended[2:], strict=True):
        page.previous_page, page.next_page = previous, following


def _merge(items: list[StructureItem]) -> bool:
    """Merge sibling sections of one title, at every level; True when any were."""
    changed = False
    first_of: dict[str, Section] = {}
    kept: list[StructureItem] = []
    for item in items:
        if isinstance(item, Section):
            first = first_of.get(item.title)
            if first is not None:
                for child in item.children:
                    child.parent = first
                first.children = sorted([*first.children, *item.children], key=_folder_order)
                changed = True
                continue
            first_of[item.title] = item
        kept.append(item)
    items[:] = kept
    for section in first_of.values():
        changed = _merge(section.children) or changed
    return changed


def _folder_order(item: StructureItem) -> tuple[bool, bool, str]:
    """Pages before sections, a folder's index page first, then by path (MkDocs' own order)."""
    if not isinstance(item, Page):
        return True, True, str(getattr(item, "title", ""))
    rel_path = locale_rel_path(item.file)
    return False, posixpath.basename(rel_path) not in ("index.md", "README.md"), rel_path


def _pages(items: list[StructureItem]) -> Iterator[Page]:
    for item in items:
        if isinstance(item, Page):
            yield item
        if isinstance(item, Section):
            yield from _pages(item.children)
