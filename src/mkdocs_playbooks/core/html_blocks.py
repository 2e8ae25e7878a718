"""Where a raw HTML block ends, as Python-Markdown decides: what it contains is not Markdown.

Python-Markdown takes an HTML comment, or an element whose tag is block-level, that starts a
block, as raw HTML up to the comment's end or the element's matching closing tag, blank lines
included: a ``## heading`` inside ``<details>`` (without ``markdown``) or a comment renders no
``<h2>``, so it is no stage. An element with a ``markdown`` attribute (md_in_html) has
Markdown inside and ends, like any other HTML line, at the next blank line.
"""

from __future__ import annotations

import re

BLOCK_LEVEL_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "canvas", "center", "colgroup", "dd",
    "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "group",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "iframe", "legend",
    "li", "main", "map", "math", "menu", "nav", "noscript", "object", "ol", "option", "output",
    "p", "pre", "progress", "script", "section", "style", "summary", "table", "tbody", "td",
    "textarea", "tfoot", "th", "thead", "tr", "ul", "video",
})
"""Python-Markdown's ``block_level_elements`` (a test keeps the two equal)."""

_OPENING = re.compile(r"[ ]{0,3}<([A-Za-z][A-Za-z0-9-]*)([^>]*+)")
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown(?:\s*=|\s|/|$)", re.IGNORECASE)
_VOID = frozenset({"hr"})  # block-level, never closed


class RawHtmlBlock:
    """An open raw block; :meth:`ends_on` is fed each line, the opening one first."""

    def __init__(self, tag: str | None) -> None:
        self._tag = tag  # None: a comment
        self._depth = 0
        if tag is not None:
            self._tags = re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>]|$)", re.IGNORECASE)

    def ends_on(self, line: str, *, opening: bool = False) -> bool:
        if self._tag is None:
            return "-->" in (line.split("<!--", 1)[1] if opening else line)
        for match in self._tags.finditer(line):
            self._depth += -1 if match.group(1) else 1
        return self._depth <= 0


def raw_html_block(line: str) -> RawHtmlBlock | None:
    """The raw block that `line`, an HTML line starting a block, opens; None when what follows
    is Markdown again after the next blank line (inline tags, a ``markdown`` attribute)."""
    if line.lstrip(" ").startswith("<!--"):
        return RawHtmlBlock(None)
    opening = _OPENING.match(line)
    if opening is None:
        return None
    tag = opening.group(1).lower()
    if tag not in BLOCK_LEVEL_TAGS or tag in _VOID or _MARKDOWN_ATTRIBUTE.search(
            opening.group(2)):
        return None
    return RawHtmlBlock(tag)


def starts_inline_html(line: str) -> bool:
    """`line` opens with an inline tag (``<span>``, ``<a>``): a paragraph for Python-Markdown,
    which a heading on the next line interrupts, not an HTML block."""
    opening = _OPENING.match(line)
    return opening is not None and opening.group(1).lower() not in BLOCK_LEVEL_TAGS
