"""The playbook library readers land on: one card per playbook, in the reader's language.

A playbook is a source page that references its framework diagram. Its card shows the page's
title, description, a thumbnail of its diagram, its stages (each linking to its section) and its
translation state in the reader's locale, the same state ``playbook status`` reports. The text
comes from the reader's locale when it has the page, from the source page otherwise (what the
reader will find there: mkdocs-static-i18n falls back to it).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from mkdocs_playbooks.core.framework_ref import framework_diagram_uris
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.schema import EVERY_PAGE, PlaybookSelection
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.reader.text import reader_text
from mkdocs_playbooks.status.report import StatusReport

SOURCE_STATE = "source"
"""The state of a card read in the source locale: the original, not a translation."""

PageHref = Callable[[str], str]
"""rel path of a page (``playbooks/x.md``) -> the link to it from the library page."""
FileHref = Callable[[str], str]
"""site path without a locale folder (``assets/playbooks/x-framework.svg``) -> the link to
the reader's locale's copy of that file from the library page."""


class Badge(NamedTuple):
    slug: str  # "up-to-date", "machine-translated", "source", ...
    label: str  # in the reader's language


class StageLink(NamedTuple):
    title: str
    href: str


@dataclass(frozen=True)
class LibraryCard:
    rel_path: str
    title: str
    description: str
    href: str
    thumbnail: str
    stages: tuple[StageLink, ...]
    state: str  # a PageState value, or SOURCE_STATE
    badges: tuple[Badge, ...]
    lang: str  # the language the card's text is in (the source's, for a fallback)


def is_playbook(page: ParsedPage, locales: tuple[str, ...]) -> bool:
    """Whether `page` can have a card (or a PDF): it has stages and its framework diagram."""
    return bool(_diagram_uris(page, locales)) and bool(page.playbook_stages)


def _diagram_uris(page: ParsedPage, locales: tuple[str, ...]) -> list[str]:
    images = [reference.target for reference in page.references if reference.is_image]
    # Seen from the locale folder; in the suffix layout the locale part is dropped again.
    return framework_diagram_uris(f"{page.locale}/{page.rel_path}", images, locales)


def library_cards(tree: DocsTree, report: StatusReport, locale: str, *,
                  page_href: PageHref, file_href: FileHref,
                  selection: PlaybookSelection = EVERY_PAGE) -> list[LibraryCard]:
    """Every playbook of the source locale, in path order, as a card for readers of `locale`:
    each page the site's `selection` counts as a playbook that has stages and a diagram."""
    locales = tuple(tree.locales)
    cards = []
    for rel_path, source in sorted(tree.source.pages.items()):
        if not (selection.is_playbook(source) and is_playbook(source, locales)):
            continue
        status = report.page(locale, rel_path) if locale != report.source_locale else None
        page = tree.page(locale, rel_path) or source  # a missing page: the source is shown
        stem = posixpath.splitext(_diagram_uris(source, locales)[0])[0]
        href = page_href(rel_path)
        cards.append(LibraryCard(
            rel_path=rel_path,
            title=page.display_title,
            description=str(page.meta("description") or ""),
            href=href,
            thumbnail=file_href(f"{stem}.svg"),  # the SVG is published for every diagram
            stages=tuple(StageLink(stage.title, f"{href}#{stage.anchor}" if stage.anchor else href)
                         for stage in page.playbook_stages),
            state=status.state.value if status else SOURCE_STATE,
            badges=_badges(locale, status.state.value if status else SOURCE_STATE,
                           bool(status and status.machine_translated)),
            lang=page.locale,
        ))
    return cards


def _badges(locale: str, state: str, machine_translated: bool) -> tuple[Badge, ...]:
    """The card's state in the words of the status page (the original has its own)."""
    slugs = [state] + (["machine-translated"] if machine_translated else [])
    return tuple(
        Badge(slug, reader_text(locale, "library", "source") if slug == SOURCE_STATE
              else reader_text(locale, "status_page", "states", slug))
        for slug in slugs
    )


def library_text(locale: str) -> dict[str, str]:
    """The library's own words in `locale`: its heading and a card's labels."""
    return {key: reader_text(locale, "library", key) for key in ("heading", "stages", "state")}
