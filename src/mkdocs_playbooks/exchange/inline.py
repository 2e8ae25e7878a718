"""Inline Markdown split into text a translator may change and markup they must keep.

A segment's text is cut into parts: plain strings, and :class:`Placeholder`s that stand for
markup (a code span, a link's brackets and target, an emphasis marker, an ``{#anchor}``, a
``[!DNL …]`` term, an HTML tag, a backslash escape). The parts always join back to the exact
text they were cut from, so a segment nobody changed renders byte for byte as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple


class Placeholder(NamedTuple):
    """Markup a translator must keep: its number in the segment (1-based) and its text."""

    number: int
    markup: str


Part = str | Placeholder

_LINK_TARGET = r"\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"]*\")?\)|\]\[[^\]]*\]"
_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<dnl>\[!DNL[ \t][^\]]*\])"
    r"|(?P<attributes>\{[:#.][^}\n]*\})"
    r"|(?P<token>\{/?\d+\})"  # a literal that looks like a placeholder is protected as one
    r"|(?P<escape>\\[\\`*_{}\[\]()#+\-.!|<>~])"
    r"|(?P<html><(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--.*?--|[a-z][a-z0-9+.-]*:[^\s<>]*)>)"
    r"|(?P<link>(?P<open>!?\[)(?P<label>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)"
    rf"(?P<close>{_LINK_TARGET}))"
    r"|(?P<strong>(?P<smark>\*\*|(?<!\w)__)(?=\S)(?P<stext>.+?)(?<=\S)(?P=smark)(?!\w))"
    r"|(?P<em>(?P<emark>\*|(?<!\w)_)(?=[^\s*])(?P<etext>.+?)(?<=[^\s*])(?P=emark)(?!\w))",
    re.DOTALL,
)


def split_inline(text: str) -> list[Part]:
    """`text` as plain strings and numbered placeholders, in order."""
    parts: list[Part] = []
    for piece in _pieces(text):
        if isinstance(piece, str):
            if parts and isinstance(parts[-1], str):
                parts[-1] += piece
            elif piece:
                parts.append(piece)
        else:
            parts.append(Placeholder(sum(isinstance(p, Placeholder) for p in parts) + 1, piece[0]))
    return parts


def _pieces(text: str) -> Iterator[str | tuple[str]]:
    """Plain strings, and markup as 1-tuples, in order (nested link labels and emphasis are
    cut further)."""
    position = 0
    for match in _INLINE.finditer(text):
        yield text[position:match.start()]
        position = match.end()
        if match.group("link"):
            yield (match.group("open"),)
            yield from _pieces(match.group("label"))
            yield (match.group("close"),)
        elif match.group("strong") or match.group("em"):
            mark = match.group("smark") or match.group("emark")
            yield (mark,)
            yield from _pieces(match.group("stext") or match.group("etext"))
            yield (mark,)
        else:
            yield (match.group(0),)
    yield text[position:]


def join_parts(parts: Sequence[Part]) -> str:
    """The Markdown the parts stand for."""
    return "".join(part if isinstance(part, str) else part.markup for part in parts)


def placeholder_count(parts: Sequence[Part]) -> int:
    return sum(isinstance(part, Placeholder) for part in parts)


def plain_text(parts: Sequence[Part]) -> str:
    """The words only (what glossary terms are looked up in)."""
    return "".join(part for part in parts if isinstance(part, str))


def wrapping_link(parts: Sequence[Part]) -> tuple[str, str] | None:
    """The opening and closing markup when the whole segment is one link or image
    (``[Awareness](#awareness)``): the label alone is then what there is to translate."""
    if (len(parts) == 3 and isinstance(parts[0], Placeholder) and isinstance(parts[1], str)
            and isinstance(parts[2], Placeholder) and parts[0].markup in ("[", "![")
            and parts[2].markup.startswith("]")):
        return parts[0].markup, parts[2].markup
    return None
