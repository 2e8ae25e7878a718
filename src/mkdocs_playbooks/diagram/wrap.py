"""Break text into lines that fit a width, hyphenating long words in the page's language.

Words move to the next line whole when they can; a word wider than the whole line (a long
German compound, say) is broken after one of its own hyphens or at a syllable boundary from
the language's hyphenation dictionary, with a hyphen added, and only when neither exists,
between two letters. The added hyphen is U+2010 HYPHEN, which looks like the word's own
hyphen-minus but tells the two apart when the text is copied or checked.
"""

from __future__ import annotations

import unicodedata

from mkdocs_playbooks.diagram.syllables import syllable_breaks
from mkdocs_playbooks.diagram.text_width import text_width

HYPHEN = "-"
ADDED_HYPHEN = "\u2010"


def _break_points(word: str, locale: str) -> list[int]:
    """Indices where `word` may be broken, each after an existing hyphen or a syllable."""
    points = {index + 1 for index, char in enumerate(word[:-1]) if char == HYPHEN}
    points.update(
        index for index in syllable_breaks(word, locale)
        if word[index - 1] != HYPHEN and word[index] != HYPHEN
    )
    return sorted(points)


def _piece(word: str, end: int) -> str:
    """The part of `word` before `end`, with a hyphen added unless it ends with its own."""
    head = word[:end]
    return head if head.endswith(HYPHEN) else head + ADDED_HYPHEN


def _last_break(word: str, max_width: float, size: float, bold: bool, locale: str) -> int | None:
    """Where to break `word` so its first piece (hyphen included) fits in `max_width`: after the
    word's own last fitting hyphen if that fills at least half the line (compounds split where
    the writer split them), else at the last fitting syllable; None when nothing fits."""
    fitting = {
        end: text_width(_piece(word, end), size, bold=bold) for end in _break_points(word, locale)
    }
    fitting = {end: width for end, width in fitting.items() if width <= max_width}
    own = [end for end, width in fitting.items()
           if word[end - 1] == HYPHEN and width >= max_width / 2]
    candidates = own or list(fitting)
    return candidates[-1] if candidates else None


def split_word(word: str, max_width: float, size: float, bold: bool, locale: str) -> list[str]:
    """Pieces of `word`, each no wider than `max_width` (a single letter may still be wider)."""
    pieces: list[str] = []
    rest = word
    while text_width(rest, size, bold=bold) > max_width:
        end = _last_break(rest, max_width, size, bold, locale)
        if end is None:
            end = _hard_break(rest, max_width, size, bold)
        pieces.append(_piece(rest, end) if _takes_hyphen(rest[end - 1]) else rest[:end])
        rest = rest[end:]
    return [*pieces, rest] if rest else pieces


def _takes_hyphen(char: str) -> bool:
    """Whether a word broken after `char` gets a hyphen: not in scripts written without spaces
    between words (Chinese, Japanese), whose lines break between any two characters."""
    return unicodedata.east_asian_width(char) not in ("W", "F")


def _hard_break(word: str, max_width: float, size: float, bold: bool) -> int:
    """Where to break a word that has no usable break point: after as many characters as fit
    with their hyphen, and after at least one."""
    end = 1
    while end + 1 < len(word) and text_width(
        _piece(word, end + 1) if _takes_hyphen(word[end]) else word[: end + 1], size, bold=bold
    ) <= max_width:
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
            if text_width(word, size, bold=bold) > max_width:
                # The word has to be broken anyway: start it on this line if a syllable fits.
                room = max_width - text_width(current + " ", size, bold=bold)
                end = _last_break(word, room, size, bold, locale)
                if end is not None:
                    current += " " + _piece(word, end)
                    word = word[end:]
            lines.append(current)
        pieces = split_word(word, max_width, size, bold, locale)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines
