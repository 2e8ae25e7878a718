"""Terminology checks of a translated locale against its glossary (rules PB601 and PB602).

PB601 term-forbidden: a wrong rendering the glossary lists, found in the page's text (code is
not text), or, for renderings scoped ``aligned``, in a stage title or capability whose aligned
source has the term. PB602 term-missing: a stage title or capability whose source has a term
while the translation has none of its approved renderings. Stage titles are paired by
:func:`core.compare.align_stages`, capabilities by position when both lists are as long.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from mkdocs_playbooks.core.compare import LocalePages, StageAlignment
from mkdocs_playbooks.core.diagnostics import Diagnostic
from mkdocs_playbooks.core.model import ParsedPage, Stage
from mkdocs_playbooks.core.rules import diagnostic
from mkdocs_playbooks.terminology.glossary import ForbiddenRendering, Glossary, Term


@dataclass(frozen=True)
class AlignedText:
    """A stage title or capability of the translation with the source text it translates."""

    source: str
    text: str
    line: int


def _aligned_with_terms(
    pairs: list[tuple[Stage, Stage]], glossary: Glossary
) -> Iterator[tuple[AlignedText, tuple[int, ...]]]:
    """The aligned texts whose source has a term, with the terms. A translation's items are
    read only where some source item of the stage has one: the source's are read once for
    every locale, and most stages of real pages have no glossary term at all."""
    for source_stage, stage in pairs:
        terms = _source_terms(glossary, source_stage.title)
        if terms:
            yield AlignedText(source_stage.title, stage.title, stage.line), terms
        if source_stage.capabilities.count != stage.capabilities.count:
            continue
        source_items = source_stage.capabilities.items
        item_terms = [_source_terms(glossary, item.text) for item in source_items]
        if any(item_terms):
            for source_item, item, terms in zip(source_items, stage.capabilities.items,
                                                item_terms, strict=True):
                if terms:
                    yield AlignedText(source_item.text, item.text, item.line), terms


def check_locale_terminology(
    translation: LocalePages, alignments: Mapping[str, StageAlignment], glossary: Glossary
) -> list[Diagnostic]:
    """Every terminology finding for one translated locale, whose pages' stages `alignments`
    (from :func:`core.compare.align_locale`) pairs with the source's."""
    found: list[Diagnostic] = []
    for rel_path, page in translation.pages.items():
        alignment = alignments.get(rel_path)
        pairs = alignment.pairs if alignment is not None else []
        found += check_page_terminology(page, pairs, glossary)
    return found


def check_page_terminology(
    page: ParsedPage, pairs: list[tuple[Stage, Stage]], glossary: Glossary
) -> list[Diagnostic]:
    """PB601 and PB602 for one translated page whose stages are paired with the source's.
    A line or text gets at most one PB601 per term: the first wrong rendering found."""
    found: list[Diagnostic] = []
    for line, text in page.text_lines if glossary.may_forbid_in_page(page.text) else ():
        if not glossary.may_forbid(text):
            continue
        for term in glossary.terms:
            hit = next((pair for pair in term.forbidden_in(text) if pair[0].anywhere), None)
            if hit:
                found.append(_forbidden(page, line, term, *hit))
    for aligned, terms in _aligned_with_terms(pairs, glossary):
        for index in terms:
            found += _aligned_findings(page, aligned, glossary.terms[index], glossary)
    return found


# The source's stage titles and capabilities are the same for every locale, and glossaries
# mostly list the same source terms: each source text is matched once per distinct term list,
# not once per locale. Bounded: cleared when it grows past a large site's source texts.
_SOURCE_TERMS: dict[tuple[str, str], tuple[int, ...]] = {}
_SOURCE_TERMS_LIMIT = 200_000


def _source_terms(glossary: Glossary, source: str) -> tuple[int, ...]:
    key = (glossary.source_forms, source)
    found = _SOURCE_TERMS.get(key)
    if found is None:
        if len(_SOURCE_TERMS) >= _SOURCE_TERMS_LIMIT:
            _SOURCE_TERMS.clear()
        found = _SOURCE_TERMS[key] = glossary.source_terms_in(source)
    return found


def _aligned_findings(
    page: ParsedPage, aligned: AlignedText, term: Term, glossary: Glossary
) -> list[Diagnostic]:
    """A wrong rendering scoped to aligned text is a PB601 here (one found anywhere was
    reported with its line already); a text with any wrong rendering of the term is not also
    a PB602, the warning names the approved term."""
    wrong = list(term.forbidden_in(aligned.text))
    if wrong:
        scoped = [(rendering, hit) for rendering, hit in wrong if not rendering.anywhere]
        return [_forbidden(page, aligned.line, term, *scoped[0])] if scoped else []
    if term.approved_in(aligned.text):
        return []
    note = f" {term.note}" if term.note else ""
    return [diagnostic(
        "PB602", page.path, aligned.line,
        f"the source has `{term.name}` (`{aligned.source}`), but this has none of its "
        "approved renderings",
        expected=term.approved_list(), found=aligned.text,
        hint=f"Use {term.approved_list()}, or add the term used here to {glossary.path} "
        f"if it is right too.{note}",
    )]


def _forbidden(
    page: ParsedPage, line: int, term: Term, wrong: ForbiddenRendering, hit: str
) -> Diagnostic:
    return diagnostic(
        "PB601", page.path, line,
        f"`{hit}` is a wrong rendering of `{term.name}`",
        expected=term.approved_list(), found=hit,
        hint=f"Use {term.approved_list()}. {wrong.note}",
    )
