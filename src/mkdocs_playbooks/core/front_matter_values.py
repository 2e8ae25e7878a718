"""Front matter values the site cannot take, as findings (PB205) rather than a failed build.

mkdocs-material reads some keys of every page and trusts their type: ``hide: true`` makes its
template fail with ``argument of type 'bool' is not iterable``, a list as ``title`` is printed
as Python's text of the list. ``source-wordcount`` is compared as a number by the translation
status. Each key here has the one shape that works; any other value is reported at its line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs_playbooks.core.diagnostics import Diagnostic
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.rules import diagnostic


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_list_of_text(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def is_word_count(value: Any) -> bool:
    """A whole number of words: an int, or ASCII digits (``str.isdigit`` also takes ``²``)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, str) and value.strip().isascii() and value.strip().isdigit()


# key -> (the test, what the value must be)
SHAPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "title": (_is_text, "text"),
    "description": (_is_text, "text"),
    "subtitle": (_is_text, "text"),
    "template": (_is_text, "a template's file name"),
    "icon": (_is_text, "an icon's name"),
    "status": (_is_text, "a status name"),
    "hide": (_is_list_of_text, "a list of names (navigation, toc, footer, …)"),
    "tags": (_is_list_of_text, "a list of tags"),
}
WORD_COUNT_SHAPE = (is_word_count, "a whole number in the digits 0-9")


def value_diagnostics(page: ParsedPage, word_count_key: str) -> list[Diagnostic]:
    """PB205 for each key of :data:`SHAPES`, and the schema's word count key, whose value has
    another shape (null is left to the missing-key rule)."""
    found = []
    shapes = {**SHAPES, word_count_key: WORD_COUNT_SHAPE}
    for key in page.front_matter:
        shape = shapes.get(key.name)
        if shape is None or key.value is None or shape[0](key.value):
            continue
        found.append(diagnostic(
            "PB205", page.path, key.line,
            f"front matter `{key.name}` must be {shape[1]}, not {_shown(key.value)}",
            expected=shape[1], found=_shown(key.value),
        ))
    return found


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"`{value}`"
    kind = {bool: "true or false", list: "a list", dict: "a mapping", int: "a number",
            float: "a number", str: "the text"}.get(type(value), type(value).__name__)
    return f"{kind} {text[:60]}{'…' if len(text) > 60 else ''}"
