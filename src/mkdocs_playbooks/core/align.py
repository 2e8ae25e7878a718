"""Pair a translation's stages with the source's where anchors cannot: a sequence alignment
over what survives translation.

Headings are translated, so their words say little. What a translator keeps is the order, the
number of capabilities, link and image targets, code spans, numbers, acronyms, ``[!DNL …]``
tokens, and the glossary's terms (an English term on one side, an approved rendering on the
other: a bilingual lexicon the caller passes in as plain data). Each stage is reduced to those
signals; a Needleman-Wunsch alignment pairs the two sequences so that the summed similarity is
highest. An inserted or dropped stage is then a gap at its own place, and the stages after it
keep their true counterparts instead of shifting by one.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

from mkdocs_playbooks.core.model import ParsedPage, Stage
from mkdocs_playbooks.core.text import code_spans, without_code_spans

Lexicon = Sequence[tuple[Callable[[str], bool], Callable[[str], bool]]]
"""Bilingual term pairs: (does an English text have the term, does a translated text have an
approved rendering of it). Built from the glossary by the caller; the core knows no glossary."""

_TARGET = re.compile(r"\]\(\s*<?([^\s)>]+)")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?(?![\w])")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z0-9](?:s)?\b")
_DNL = re.compile(r"\[!DNL\s+([^\]]+)\]")
_UICONTROL = re.compile(r"\[!UICONTROL\s+([^\]]+)\]")

PAIR_COST = 0.2
"""Subtracted from every pair's similarity: pairing is worth it only when the stages share
something, so that a moved stage is left out of the alignment (and reported as moved) rather
than paired with whatever stands at its place."""

_BAND = 24
"""How far beyond the difference in length the alignment may stray from the diagonal."""


class Signals(NamedTuple):
    """What a stage keeps when translated."""

    tokens: Counter[str]
    capability_count: int
    trigrams: frozenset[str]


def section_texts(page: ParsedPage) -> list[str]:
    """Each stage's heading and everything up to the next H2 heading, as written, in one pass."""
    lines = page.lines
    starts = [stage.line for stage in page.stages]
    ends = [*starts[1:], len(lines) + 1]
    return ["\n".join(lines[start - 1:end - 1])
            for start, end in zip(starts, ends, strict=True)]


def signals(text: str, stage: Stage, has_term: Sequence[Callable[[str], bool]]) -> Signals:
    """The signals of a stage whose section is `text`; `has_term` tells, term by term of the
    lexicon, whether the text holds it (in its own language)."""
    words = " ".join([stage.title] + [item.text for item in stage.capabilities.items])
    return Signals(marks(text, has_term), stage.capabilities.count, _trigrams(words))


def marks(text: str, has_term: Sequence[Callable[[str], bool]]) -> Counter[str]:
    """What in `text` a translation keeps: targets, code, [!DNL] tokens, numbers, acronyms,
    and which lexicon terms it holds (`has_term`: one test a term, in the text's language)."""
    tokens: Counter[str] = Counter()
    tokens.update("target:" + target for target in _TARGET.findall(text))
    tokens.update("code:" + text[start:end] for start, end in code_spans(text))
    tokens.update("dnl:" + " ".join(token.split()) for token in _DNL.findall(text))
    prose = _UICONTROL.sub(" ", without_code_spans(_TARGET.sub(" ", text)))
    tokens.update("number:" + re.sub(r"\D", "", number) for number in _NUMBER.findall(prose))
    tokens.update("acronym:" + word.rstrip("s") for word in _ACRONYM.findall(prose))
    tokens.update(f"term:{index}" for index, has in enumerate(has_term) if has(text))
    return tokens


def shared_marks(first: Counter[str], second: Counter[str]) -> float | None:
    """How many marks two texts share, 0 to 1 (Dice); None when neither has any."""
    total = sum(first.values()) + sum(second.values())
    return 2 * sum((first & second).values()) / total if total else None


def similarity(source: Signals, translation: Signals) -> float:
    """0 (nothing in common) to 1 (every signal the same)."""
    parts = [(0.35, _count_similarity(source.capability_count, translation.capability_count))]
    shared = shared_marks(source.tokens, translation.tokens)
    if shared is not None:
        parts.append((0.5, shared))
    if source.trigrams and translation.trigrams:
        shared_trigrams = len(source.trigrams & translation.trigrams)
        parts.append((0.25, shared_trigrams / len(source.trigrams | translation.trigrams)))
    return sum(weight * value for weight, value in parts) / sum(weight for weight, _ in parts)


def _count_similarity(first: int, second: int) -> float:
    if first == second:
        return 1.0
    return min(first, second) / max(first, second)


@functools.lru_cache(maxsize=4096)
def _trigrams(text: str) -> frozenset[str]:
    words = "".join(char if char.isalnum() else " " for char in text.lower()).split()
    return frozenset(word[i:i + 3] for word in words for i in range(max(1, len(word) - 2)))


def align_sequences(
    rows: int, cols: int, score: Callable[[int, int], float]
) -> list[tuple[int, int]]:
    """The pairs (i, j), in order, of the alignment of two sequences with the highest summed
    `score`, a gap scoring 0 (Needleman-Wunsch). Ties keep pairs early, gaps late, so that with
    no signal at all the sequences pair by position. Only a band around the diagonal is
    searched, so two long sequences cost time in proportion to their length."""
    low = min(0, cols - rows) - _BAND
    high = max(0, cols - rows) + _BAND
    best: dict[tuple[int, int], float] = {(rows, cols): 0.0}
    move: dict[tuple[int, int], str] = {}
    # Filled from the end, so that the walk from the start can take the first best step.
    for i in range(rows, -1, -1):
        for j in range(min(cols, i + high), max(0, i + low) - 1, -1):
            if (i, j) == (rows, cols):
                continue
            options = []
            if i < rows and j < cols and (i + 1, j + 1) in best:
                options.append((best[i + 1, j + 1] + score(i, j), "pair"))
            if i < rows and (i + 1, j) in best:
                options.append((best[i + 1, j], "skip-source"))
            if j < cols and (i, j + 1) in best:
                options.append((best[i, j + 1], "skip-translation"))
            if options:
                best[i, j], move[i, j] = max(options, key=lambda option: option[0])
    pairs, i, j = [], 0, 0
    while (i, j) != (rows, cols):
        step = move[i, j]
        if step == "pair":
            pairs.append((i, j))
        i += step != "skip-translation"
        j += step != "skip-source"
    return pairs
