"""Build a page's exchange file: its source segments, the current translation aligned with
them, each unit's state, context and glossary notes, and the facts an import checks."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.schema import DEFAULT_SCHEMA, WORKFLOW_TYPE, FrontMatterSchema
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.exchange.alignment import aligned_segments, translated_text
from mkdocs_playbooks.exchange.formats import NEEDS_REVIEW, NEW, TRANSLATED, ExchangeFile, Unit
from mkdocs_playbooks.exchange.freshness import SourceHistory, source_history
from mkdocs_playbooks.exchange.inline import Part, Placeholder, plain_text
from mkdocs_playbooks.exchange.segments import Segment, page_segments
from mkdocs_playbooks.status.git_history import GitRepository, source_commit
from mkdocs_playbooks.status.report import UNTRANSLATED_WORKFLOW, page_status, workflow_tokens
from mkdocs_playbooks.terminology.glossary import Glossary

NO_PAGE = "none"
"""The ``page-sha256`` fact when the locale has no such page yet."""


@dataclass(frozen=True)
class PageExport:
    document: ExchangeFile
    notes: tuple[str, ...]  # what the person exporting should know (uncommitted source, …)


def text_checksum(page: ParsedPage | None) -> str:
    """What an import compares to tell whether a page changed since the export."""
    return hashlib.sha256(page.text.encode("utf-8")).hexdigest() if page else NO_PAGE


def export_page(tree: DocsTree, locale: str, rel_path: str, repo: GitRepository,
                glossary: Glossary | None, schema: FrontMatterSchema = DEFAULT_SCHEMA,
                *, copy_source: bool = False) -> PageExport:
    """The exchange file of source page `rel_path` for `locale`; `schema` names the keys of the
    localization roles. With `copy_source` a new segment's target is its source, still in state
    new (for tools that translate in place)."""
    source = tree.source.pages[rel_path]
    page = tree.page(locale, rel_path)
    source_file = tree.file_path(tree.source_locale, rel_path)
    commit, note = source_commit(repo, source_file, source.path)
    page_path = tree.display(tree.file_path(locale, rel_path))
    facts = {
        "page": page_path,
        "source-commit": commit,
        "source-wordcount": str(source.word_count),
        "source-sha256": text_checksum(source),
        "page-sha256": text_checksum(page),
    }
    segments = page_segments(source)
    source_texts = {s.id: s.text for s in segments}
    translated: dict[str, Segment] = {}
    guessed: frozenset[str] = frozenset()
    history = SourceHistory(None, None, False)
    if page is not None:
        # A scaffold copies what it does not mark (an image's alt text): a copy is no translation.
        scaffold = UNTRANSLATED_WORKFLOW in workflow_tokens(page.meta(schema.key(WORKFLOW_TYPE)))
        alignment = aligned_segments(source, page)
        guessed = alignment.uncertain
        translated = {s.id: s for s in alignment.segments
                      if not (scaffold and s.text == source_texts.get(s.id))}
        status = page_status(locale, page_path, source, page, source_file, repo, schema)
        history = source_history(status, source, source_file, repo)
    units = tuple(_unit(source.path, segment, translated.get(segment.id), history, glossary,
                        guessed=segment.id in guessed) for segment in segments)
    if copy_source:
        units = tuple(replace(unit, target=unit.source) if unit.state == NEW else unit
                      for unit in units)
    document = ExchangeFile(tree.source_locale, locale, source.path, facts, units)
    return PageExport(document, (note,) if note else ())


def _unit(source_path: str, segment: Segment, translation: Segment | None,
          history: SourceHistory, glossary: Glossary | None, *, guessed: bool) -> Unit:
    notes = _glossary_notes(segment, glossary)
    target_text = translated_text(translation)
    target, state = None, NEW
    if translation is not None and target_text is not None:
        target, mismatch = _renumbered(segment.parts, translation.parts)
        state = TRANSLATED
        if mismatch:
            state = NEEDS_REVIEW
            notes.append(f"the translation's markup differs from the source's ({mismatch}); "
                         "use the source's placeholders")
        if guessed:
            state = NEEDS_REVIEW
            notes.append("paired from the end of its list, which is longer or shorter than the "
                         "source's: check that the target translates this capability")
        change = _source_change(segment, history)
        if change:
            state = NEEDS_REVIEW
            notes.append(change)
    before = history.segments.get(segment.id) if history.segments and target else None
    previous = before.parts if before is not None and before.text != segment.text else None
    return Unit(segment.id, segment.parts, target, state, segment.context,
                f"{source_path}:{segment.line}", tuple(notes), previous=previous)


def _source_change(segment: Segment, history: SourceHistory) -> str:
    """Why the translated segment needs review, or "" when its source is unchanged."""
    if history.segments is None:
        return "the page is outdated and git cannot tell which segments changed" \
            if history.outdated else ""
    since = f"since {history.commit[:12]}" if history.commit else ""
    before = history.segments.get(segment.id)
    if before is None:
        return f"new in the source {since}"
    if before.text != segment.text:
        return f"the source changed {since}; it said: {before.text}"
    return ""


def _renumbered(source: Sequence[Part], parts: Sequence[Part]) -> tuple[tuple[Part, ...], str]:
    """The translation's parts with each placeholder given the number of the source
    placeholder with the same markup; markup the source lacks stays as text, and is named."""
    free = [part for part in source if isinstance(part, Placeholder)]
    result: list[Part] = []
    strays: list[str] = []
    for part in parts:
        if isinstance(part, Placeholder):
            match = next((p for p in free if p.markup == part.markup), None)
            if match is not None:
                free.remove(match)
                result.append(match)
                continue
            strays.append(part.markup)
            part = part.markup
        if result and isinstance(result[-1], str) and isinstance(part, str):
            result[-1] += part
        else:
            result.append(part)
    missing = [p.markup for p in free]
    problems = ([f"not in the source: {' '.join(strays)}"] if strays else []) + (
        [f"missing: {' '.join(missing)}"] if missing else [])
    return tuple(result), "; ".join(problems)


def _glossary_notes(segment: Segment, glossary: Glossary | None) -> list[str]:
    if glossary is None:
        return []
    words = plain_text(segment.parts)
    notes = []
    for term in glossary.terms:
        if term.in_source(words):
            note = f"glossary: {term.name} = {term.approved_list()}"
            wrong = ", ".join(f"`{w.rendering.text}`" for w in term.forbidden)
            note += f"; not {wrong}" if wrong else ""
            note += f" ({term.note})" if term.note else ""
            notes.append(note)
    return notes
