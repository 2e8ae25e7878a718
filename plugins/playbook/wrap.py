"""Break text into lines that fit a width, hyphenating long words in the page's language.

Words move to the next line whole when they can; a word wider than the whole line (a long
German compound, say) is broken after one of its own hyphens or at a syllable boundary from
the language's hyphenation dictionary, with a hyphen added, and only when neither exists,
between two letters.
"""

from __future__ import annotations

from functools import cache

import pyphen

from playbook.text_width import text_width

HYPHEN = "-"


@cache
def _hyphenator(locale: str) -> pyphen.Pyphen | None:
    language = pyphen.language_fallback(locale.replace("-", "_"))
    return pyphen.Pyphen(lang=language) if language else None


def _break_points(word: str, locale: str) -> list[int]:
    """Indices where `word` may be broken, each after an existing hyphen or a syllable."""
    points = {index + 1 for index, char in enumerate(word[:-1]) if char == HYPHEN}
    hyphenator = _hyphenator(locale)
    if hyphenator is not None:
        points.update(
            index for index in hyphenator.positions(word)
            if word[index - 1] != HYPHEN and word[index] != HYPHEN
        )
    return sorted(points)


def _piece(word: str, end: int) -> str:
    """The part of `word` before `end`, with a hyphen when the break is inside a syllable run."""
    head = word[:end]
    return head if head.endswith(HYPHEN) else head + HYPHEN


def split_word(word: str, max_width: float, size: float, bold: bool, locale: str) -> list[str]:
    """Pieces of `word`, each no wider than `max_width` (a single letter may still be wider)."""
    pieces: list[str] = []
    rest = word
    while text_width(rest, size, bold=bold) > max_width:
        fitting = [
            end for end in _break_points(rest, locale)
            if text_width(_piece(rest, end), size, bold=bold) <= max_width
        ]
        if fitting:
            end = fitting[-1]
            pieces.append(_piece(rest, end))
        else:
            end = max(1, _longest_prefix(rest, max_width, size, bold))
            pieces.append(rest[:end])
        rest = rest[end:]
    return [*pieces, rest] if rest else pieces


def _longest_prefix(text: str, max_width: float, size: float, bold: bool) -> int:
    end = 0
    while end < len(text) and text_width(text[: end + 1], size, bold=bold) <= max_width:
        end += 1
    return end


def wrap_text(text: str, max_width: float, size: float, *, bold: bool = False,
              locale: str = "en") -> list[str]:
    """Lines of `text` (whitespace collapsed), each at most `max_width` wide when set in `size`."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = split_word(word, max_width, size, bold, locale)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines
