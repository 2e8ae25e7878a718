"""Which segment of a translated page translates which segment of its source page.

Stages are paired by the parity check's own alignment (:func:`core.compare.align_stages`), so a
translated stage's segments take the ids of the source stage it translates. Within a stage,
segments pair by their place; when the capability lists differ in length, only the items before
the point where the check says they part ways (:func:`core.compare.first_difference`) pair.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from mkdocs_playbooks.core.compare import align_stages, first_difference
from mkdocs_playbooks.core.model import ParsedPage, Stage
from mkdocs_playbooks.exchange.segments import (
    Segment,
    own_section_names,
    page_segments,
    segment_id,
)
from mkdocs_playbooks.status.report import UNTRANSLATED_MARKER


class Alignment(NamedTuple):
    segments: list[Segment]  # the translation's, named by the source segments they translate
    in_place: bool  # the same segments as the source, in its order: rewrite the page in place
    uncertain: frozenset[str]  # ids paired by a guess (from the end of a list of another length)


def aligned_segments(source: ParsedPage, page: ParsedPage) -> Alignment:
    """The translated page's segments named by the source segments they translate (the rest
    by names no source segment has)."""
    source_names = own_section_names(source)
    pairs = align_stages(source, page).pairs
    names = {stage.line: source_names[source_stage.line] for source_stage, stage in pairs}
    segments = page_segments(page, names)
    uncertain: set[str] = set()
    for source_stage, stage in pairs:
        if source_stage.capabilities.count != stage.capabilities.count:
            numbers, guessed = _capability_numbers(source_stage, stage)
            name = names[stage.line]
            segments = [_renumbered(s, numbers.get(s.number)) if s.section == name and s.number
                        else s for s in segments]
            uncertain |= {segment_id(name, "cap", number) for number in guessed}
    same = [s.id for s in segments] == [s.id for s in page_segments(source)]
    return Alignment(segments, same, frozenset(uncertain))


def _capability_numbers(source_stage: Stage, stage: Stage
                        ) -> tuple[dict[int, int | None], set[int]]:
    """Translated capability number -> the source capability it translates (None: none), and
    the source numbers paired by a guess. Items before the point where the check finds the
    lists part ways pair in order; the items after it pair from the end of both lists (one
    dropped or added item shifts them), which is a guess."""
    source_count, count = source_stage.capabilities.count, stage.capabilities.count
    parted = first_difference([item.text for item in source_stage.capabilities.items],
                              [item.text for item in stage.capabilities.items])
    numbers: dict[int, int | None] = {}
    guessed: set[int] = set()
    for index in range(count):
        from_end = count - 1 - index
        if index < parted:
            numbers[index + 1] = index + 1
        elif source_count - 1 - from_end >= parted:
            numbers[index + 1] = source_count - from_end
            guessed.add(source_count - from_end)
        else:
            numbers[index + 1] = None
    return numbers, guessed


def _renumbered(segment: Segment, number: int | None) -> Segment:
    if number is None:
        return replace(segment, id=f"unpaired.{segment.id}", number=0)
    return replace(segment, id=segment_id(segment.section, "cap", number), number=number)


def translated_text(segment: Segment | None) -> str | None:
    """A translated segment's text, or None when it is missing or still the untranslated
    scaffold (``[untranslated] …``)."""
    if segment is None or segment.text.startswith(UNTRANSLATED_MARKER):
        return None
    return segment.text
