"""What one line of Markdown is (heading, list item, rule) and which references it holds.

Shared by the two body readers in :mod:`core.parse` and :mod:`core.flat_body`, so
both judge a line the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mkdocs_playbooks.core.model import Reference
from mkdocs_playbooks.core.text import replace_code_spans, without_html_comments

LIST_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*)|[ \t]*$)")

# The patterns here are applied to text that anyone may write, so none may backtrack more than
# linearly: quantified parts that could match the same characters as what follows them are
# possessive (`*+`, `++`), and the parts of a heading are found with string methods
# (tests/hardening/test_bounded_time.py feeds each a megabyte built to make it backtrack).
_ATX_OPENING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s#.{}]+)")
_PLAIN_ID = re.compile(r"#[^\s#.{}]+")  # an attribute list that is only an id


def _inline_reference_pattern(space: str, line_break: str) -> re.Pattern[str]:
    """[text](target "title"), two levels of nested brackets in the text (a link around a
    do-not-localize token around brackets: `[[!DNL [Ads]]](ads.md)`); a "!" before it makes
    it an image (see :func:`inline_reference`). With `line_break` "\\n" and a `space` that
    excludes it, no match spans two lines."""
    return re.compile(
        # It starts with "[" (so the search can skip to each one) and is possessive: there is
        # nothing to backtrack into.
        rf"\[((?:[^\[\]{line_break}]++|\[(?:[^\[\]{line_break}]++|\[[^\[\]{line_break}]*+\])*+\])*+)\]"
        rf"\({space}*+<?([^\s)>]*+)>?(?:{space}+[\"'(][^){line_break}]*+)?{space}*\)"
    )


_INLINE_REF = _inline_reference_pattern(r"\s", "")  # on one line
_INLINE_REF_IN_TEXT = _inline_reference_pattern(r"[^\S\n]", r"\n")  # in many lines at once
# As Python-Markdown: after the target, only a title in quotes or parentheses. A UI label or
# do-not-localize token is never a label (`[!UICONTROL Interval]: None` is prose: the
# Experience League dialect, markdown/experience_league.py, renders the token first).
_REF_DEFINITION = re.compile(
    r"^ {0,3}\[(?!!(?:DNL|UICONTROL)\s)([^\]]+)\]:\s*<?(\S+?)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*$"
)
_HTML_IMG = re.compile(r"<img\b[^<>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


def is_thematic_break(first: str, raw: str) -> bool:
    """`raw` is a ``---``, ``***`` or ``___`` rule; `first` is its first non-blank character."""
    # A rule has at least three markers; counting them is cheaper than trying the pattern.
    return first in "-*_" and raw.count(first) >= 3 and _THEMATIC_BREAK.match(raw) is not None


def atx_heading(line: str) -> tuple[int, str] | None:
    """The level and text of an ATX heading line (``## Text ##``), or None: the text is what
    follows the opening ``#``s, without a closing run of ``#``s set off by white space."""
    opening = _ATX_OPENING.match(line)
    if opening is None:
        return None
    text = line[opening.end():].rstrip(" \t")
    if text.endswith("#"):
        before = text.rstrip("#")
        if before.endswith((" ", "\t")):
            text = before.rstrip(" \t")
    return len(opening.group(1)), text


def heading_text(raw: str) -> tuple[str, str | None]:
    """Split ``Awareness {#awareness}`` into its text and anchor."""
    if "{" not in raw:
        return raw.strip(), None
    if raw.endswith("}"):  # the usual "Title {#anchor}", read without the patterns
        opening = raw.rfind("{")
        if _PLAIN_ID.fullmatch(raw, opening + 1, len(raw) - 1):
            return raw[:opening].strip(), raw[opening + 2:-1]
    anchor = None
    trimmed = raw.rstrip(" \t")
    opening = trimmed.rfind("{")
    attrs = trimmed[opening + 1:-1]  # a trailing `{: #id .class}`, braces excluded
    if trimmed.endswith("}") and opening != -1 and "}" not in attrs:
        attrs = attrs[1:] if attrs.startswith(":") else attrs
        id_match = _ATTR_ID.search(attrs)
        if id_match or attrs.strip().startswith((".", "#")):
            anchor = id_match.group(1) if id_match else None
            raw = raw[:opening]
    return raw.strip(), anchor


def line_references(text: str, line: int) -> list[Reference]:
    """Images and internal links on one line of prose (code spans are not prose)."""
    # Each pattern runs only when the line holds the text it needs (`, <img, ]:).
    text = replace_code_spans(text, _nothing)
    text = without_html_comments(text) if "<!--" in text else text  # not rendered
    found: list[Reference] = []
    for match in _INLINE_REF.finditer(text):
        found += inline_reference(text, match, line)
    for match in _HTML_IMG.finditer(text) if "<" in text else ():
        found.extend(_reference("image", match.group(1), "", line))
    definition = _REF_DEFINITION.match(text) if "]:" in text else None
    if definition:
        found.extend(_reference("link", definition.group(2), definition.group(1), line))
    return found


def _nothing(span: str) -> str:
    return ""


def only_inline_references(text: str) -> bool:
    """True when the references in `text` can only be inline ones, none in a code span: then
    :func:`inline_references_in_text` finds them all, as :func:`line_references` would."""
    return "`" not in text and "<" not in text and "]:" not in text


def inline_references_in_text(text: str) -> Iterator[re.Match[str]]:
    """Every inline reference in `text`, line by line (see :func:`inline_reference`)."""
    return _INLINE_REF_IN_TEXT.finditer(text)


def inline_reference(text: str, match: re.Match[str], line: int) -> list[Reference]:
    """The reference an inline reference `match` in `text` stands for, unless it is external.
    (A match always ends with ")", so a "!" right before one is never part of another.)"""
    image = match.start() > 0 and text[match.start() - 1] == "!"
    return _reference("image" if image else "link", match.group(2), match.group(1), line)


def reference_marker_offsets(text: str) -> list[int]:
    """Where `text` has a reference marker, in order (`str.find` is many times faster here
    than a regular expression with alternatives)."""
    offsets = []
    at = text.find("]")
    while at != -1:
        if text.startswith(("(", ":"), at + 1):
            offsets.append(at)
        at = text.find("]", at + 1)
    at = text.find("<img")
    if at == -1:
        return offsets
    while at != -1:
        offsets.append(at)
        at = text.find("<img", at + 1)
    return sorted(offsets)


def _reference(kind: str, url: str, label: str, line: int) -> list[Reference]:
    if not url or _EXTERNAL.match(url):
        return []
    target, _, fragment = url.partition("#")
    return [Reference(kind, target, fragment or None, label.strip(), line)]
