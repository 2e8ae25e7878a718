"""Break text into lines that fit a width, hyphenating long words in the page's language.

Words move to the next line whole when they can; a word wider than the whole line (a long
German compound, say) is broken after one of its own hyphens or at a syllable boundary from
the language's hyphenation dictionary, with a hyphen added, and only when neither exists,
between two letters. The added hyphen is U+2010 HYPHEN, which looks like the word's own
hyphen-minus but tells the two apart when the text is copied or checked.

Chinese and Japanese are written without spaces: a word holding their characters is cut where
the Unicode line-breaking algorithm (UAX #14, by ``uniseg``) allows a break, tightened by the
kinsoku rules of Japanese typesetting, which Chinese follows too: no line starts with closing
punctuation, an iteration mark, the long-vowel mark or a small kana, and none ends with an
opening bracket. Japanese and Chinese lines break between phrases found by ``budoux``'s model
where a phrase fits the line, which keeps words such as チェックアウト whole: on the sample
texts, 9% of Japanese breaks fell inside a word instead of 39%, and 10% of Chinese ones
instead of 55%, for 3% and 1% more lines (``benchmarks/line_breaks.py``).
Korean is written with spaces and, as Korean typesetting prefers, breaks only between its
words (``word-break: keep-all`` in CSS terms) unless a word is wider than the whole line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from mkdocs_playbooks.diagram.syllables import syllable_breaks
from mkdocs_playbooks.diagram.text_width import text_width

HYPHEN = "-"
ADDED_HYPHEN = "\u2010"

NO_LINE_START = frozenset(
    ")]}»›’”‼⁇⁈⁉,.:;?!%‰℃°"  # closing and trailing Latin punctuation
    "）〕］｝〉》」』】〙〗〟｠、。，．・：；？！％｣､｡"  # the same, full and half width
    "ゝゞヽヾ々〻ー〜～゠‐–"  # iteration marks, the long-vowel mark, dashes that bind back
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"  # small kana
    "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｯｬｭｮ"  # and their half-width and Ainu forms
)
"""Characters a line of Chinese or Japanese must not start with (kinsoku, line-start rule)."""
NO_LINE_END = frozenset("([{«‹‘“（〔［｛〈《「『【〘〖〝｟｢＄￥￡")
"""Characters a line of Chinese or Japanese must not end with (kinsoku, line-end rule)."""

_UNSPACED_CLASSES = frozenset({"ID", "CJ"})  # ideographs and kana (UAX #14 classes)
_FIRST_CJK = 0x2E80  # no ideograph or kana comes before the CJK Radicals Supplement


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


def _breaks_inside(word: str) -> bool:
    """Whether `word` holds Chinese or Japanese characters, between which lines may break."""
    if all(ord(char) < _FIRST_CJK for char in word):
        return False  # most words: no need to load the line-breaking tables
    from uniseg.linebreak import line_break

    return any(str(line_break(char)) in _UNSPACED_CLASSES for char in word)


def _glued(segments: Iterable[str]) -> list[str]:
    """`segments` joined where a line break between them would start a line with a
    `NO_LINE_START` character or end one with a `NO_LINE_END` character."""
    units: list[str] = []
    glue = False  # the last segment ends with an opening bracket: the next one joins it
    for segment in segments:
        if units and (glue or segment[0] in NO_LINE_START):
            units[-1] += segment
        else:
            units.append(segment)
        glue = segment.rstrip()[-1:] in NO_LINE_END
    return units


def _kinsoku_units(word: str) -> list[str]:
    """The pieces of `word` between which a line may break: UAX #14's opportunities, less
    those kinsoku forbids."""
    from uniseg.linebreak import line_break_units  # loaded only for Chinese and Japanese

    return _glued(line_break_units(word))


_TRADITIONAL = ("hant", "tw", "hk", "mo")


@cache
def _phrase_parser(locale: str) -> Any:
    """budoux's phrase model for the language (Japanese, Simplified or Traditional Chinese), or
    None for another language."""
    import budoux  # loaded only for Chinese and Japanese

    language, *rest = locale.replace("_", "-").lower().split("-")
    if language == "ja":
        return budoux.load_default_japanese_parser()
    if language == "zh":
        traditional = any(part in _TRADITIONAL for part in rest)
        return (budoux.load_default_traditional_chinese_parser() if traditional
                else budoux.load_default_simplified_chinese_parser())
    return None


def _pieces(text: str, locale: str, fits: Callable[[str], bool]) -> Iterator[tuple[str, bool]]:
    """The pieces lines are filled with, each with whether a space goes before it: words, and
    inside Chinese and Japanese words the units lines may break between (whole phrases where
    they `fits` a line)."""
    for word in text.split():
        if not _breaks_inside(word):
            yield word, True
            continue
        parser = _phrase_parser(locale)
        units = []
        for phrase in _glued(parser.parse(word)) if parser else [word]:
            units += [phrase] if parser and fits(phrase) else _kinsoku_units(phrase)
        for index, unit in enumerate(units):
            yield unit, index == 0


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
    while end > 1 and (word[end] in NO_LINE_START or word[end - 1] in NO_LINE_END):
        end -= 1  # kinsoku: give the next line a character it may start with
    return end


def wrap_text(text: str, max_width: float, size: float, *, bold: bool = False,
              locale: str = "en") -> list[str]:
    """Lines of `text` (whitespace collapsed), each at most `max_width` wide when set in `size`."""
    lines: list[str] = []
    current = ""
    for word, spaced in _pieces(
            text, locale, lambda piece: text_width(piece, size, bold=bold) <= max_width):
        joint = " " if spaced and current else ""
        candidate = current + joint + word
        if text_width(candidate, size, bold=bold) <= max_width:
            current = candidate
            continue
        if current:
            if text_width(word, size, bold=bold) > max_width:
                # The word has to be broken anyway: start it on this line if a syllable fits.
                room = max_width - text_width(current + joint, size, bold=bold)
                end = _last_break(word, room, size, bold, locale)
                if end is not None:
                    current += joint + _piece(word, end)
                    word = word[end:]
            lines.append(current)
        pieces = split_word(word, max_width, size, bold, locale)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines
