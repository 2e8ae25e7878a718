"""Bidirectional text for the PNG: the embedding level of each character of one line, by the
Unicode Bidirectional Algorithm (UAX #9) for a line without explicit embeddings, and the order
runs of text are drawn in.

The PNG draws a line as runs of one font each (:mod:`diagram.fonts`), and libraqm shapes and
orders the text inside one run; the order of the runs themselves (an Arabic phrase, a Latin
product name, a number) is decided here. Explicit embedding controls (U+202A…U+202E,
U+2066…U+2069) and bracket pairs (rule N0) are not modelled: they do not occur in a diagram's
short labels, and the browser lays out the SVG's text by the full algorithm anyway.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_STRONG = {"L": "L", "R": "R", "AL": "R"}
_NEUTRAL = {"B", "S", "WS", "ON", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI",
            "PDI"}


def is_rtl_text(text: str) -> bool:
    """Whether `text` has any right-to-left letter (Hebrew, Arabic, …)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _weak_types(text: str, base: str) -> list[str]:
    """Rules W1–W7: each character's type with numbers and separators resolved."""
    types: list[str] = []
    for char in text:
        kind = unicodedata.bidirectional(char) or "L"
        if kind == "NSM":  # W1: a mark takes its base's type
            kind = types[-1] if types else base
        types.append(kind)
    last_strong = base
    for index, kind in enumerate(types):  # W2, W3
        if kind in ("L", "R", "AL"):
            last_strong = kind
        if kind == "EN" and last_strong == "AL":
            types[index] = "AN"
        if kind == "AL":
            types[index] = "R"
    for index in range(1, len(types) - 1):  # W4
        before, kind, after = types[index - 1], types[index], types[index + 1]
        if before == after == "EN" and kind in ("ES", "CS") or before == after == "AN" and \
                kind == "CS":
            types[index] = before
    for index, kind in enumerate(types):  # W5: terminators next to European numbers
        if kind == "ET":
            end = index
            while end < len(types) and types[end] == "ET":
                end += 1
            touches = (index > 0 and types[index - 1] == "EN") or (
                end < len(types) and types[end] == "EN")
            if touches:
                types[index:end] = ["EN"] * (end - index)
    types = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]  # W6
    last_strong = base
    for index, kind in enumerate(types):  # W7
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[index] = "L"
    return types


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """The level of each character of `text`, a line of a paragraph whose direction is
    right to left when `rtl`: even levels are drawn left to right, odd ones right to left."""
    base = "R" if rtl else "L"
    types = _weak_types(text, base)
    direction = [_STRONG.get(kind) or ("R" if kind in ("EN", "AN") else None) for kind in types]
    index = 0
    while index < len(types):  # N1, N2: neutrals between two of one direction take it
        if types[index] not in _NEUTRAL:
            index += 1
            continue
        end = index
        while end < len(types) and types[end] in _NEUTRAL:
            end += 1
        before = direction[index - 1] if index > 0 else base
        after = direction[end] if end < len(types) else base
        direction[index:end] = [before if before == after else base] * (end - index)
        index = end
    paragraph = 1 if rtl else 0
    levels = []
    for kind, resolved in zip(types, direction, strict=True):  # I1, I2
        if paragraph == 0:
            levels.append(2 if kind in ("EN", "AN") else 1 if resolved == "R" else 0)
        else:
            levels.append(2 if kind in ("EN", "AN") or resolved == "L" else 1)
    return levels


def visual_order(items: Sequence[T], levels: Sequence[int]) -> list[T]:
    """`items` (in logical order, each at its level) in the order they are drawn, left to
    right (rule L2: from the highest level down to the lowest odd one, reverse every
    sequence at that level or above)."""
    order = list(range(len(items)))
    if not levels:
        return []
    lowest_odd = min(level for level in levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = reversed(order[index:end])
            index = end
    return [items[position] for position in order]
