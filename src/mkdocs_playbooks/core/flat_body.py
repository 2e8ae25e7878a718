"""Read a *flat* page body with a few string searches instead of a step per line.

A body is flat when no line is indented content, a code fence, HTML, an admonition, a setext
underline, a thematic break or an empty list item, and every list item starts with ``- ``: what
playbook pages nearly always are. Then every non-blank line is an ATX heading, an item or
prose, so the structure shows in the text itself: headings start with ``\\n#``, items with
``\\n- ``, inline references with ``[``. `str.find`, `str.count` and one pattern over the whole
body find those at C speed, several times faster than stepping through the lines in Python
(see benchmarks/).

Each stage's items, their text and lines, are read on first use (:func:`_read_section`): the
parity check needs only their number unless the numbers differ. :func:`read_flat_body` returns
None for any other body, and :mod:`core.parse` reads it line by line. On flat bodies both
readers give the same pages (tests/hardening/test_flat_body.py checks it on generated bodies)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import NamedTuple

from mkdocs_playbooks.core.markdown_lines import (
    atx_heading,
    heading_text,
    inline_reference,
    inline_references_in_text,
    line_references,
    only_inline_references,
    reference_marker_offsets,
)
from mkdocs_playbooks.core.model import Capability, CapabilityList, ListContents, Reference, Stage

# Matched after each line break of "\n" + body: a line that keeps the body from being flat.
# The first alternative is rule characters alone: a thematic break, a setext underline, an
# empty item. A flat body's items all start with "- " (what playbooks write), so that
# `str.count` can count them: an item that starts otherwise (*, +, a tab, a number) sends the
# page to the line-by-line reader, as do lines that start with "=" or "<" (a setext underline
# or HTML, or not: that reader knows). The lookahead skips at once the lines that no
# alternative can match (prose, headings, items), which makes the search twice as fast.
_NOT_FLAT = re.compile(
    r"\n(?![A-Za-z#\[]|- [^\s\-*_+])"
    r"(?:[-*_+][-*_+ \t]*+(?=\n|\Z)|[^\S\n]+\S|```|~~~|[<=]|!!!|\?\?\?"
    r"|[*+][ \t]|-\t|\d{1,9}[.)](?:[ \t]|(?=\n|\Z)))"
)
_PLAIN_ATX_IN_TEXT = re.compile(r"^(#{1,6})[ \t]+([^ \t\n][^\n]*)$", re.MULTILINE)


@dataclass(frozen=True)
class FlatBody:
    """What a body reader finds: the same for a flat body and any other."""

    title: str | None
    title_line: int | None
    stages: tuple[Stage, ...]
    references: tuple[Reference, ...]
    code_lines: frozenset[int] = frozenset()  # a flat body has no code


class _Heading(NamedTuple):
    start: int  # offset of the line break before the heading line
    end: int  # offset of the line break after it (or the end of the text)
    line: int
    level: int
    text: str


def read_flat_body(text: str, first_line: int) -> FlatBody | None:
    """The title, stages and references of a flat body; None when the body is not flat.

    `text` is the body with the line break before it (``"\\n" + body``), so that every line
    starts after a line break; `first_line` is the number of the body's first line."""
    if _NOT_FLAT.search(text):
        return None
    headings = _headings(text, first_line)
    title = next((heading for heading in headings if heading.level == 1), None)
    sections = [heading for heading in headings if heading.level == 2]
    stages = []
    # Split once for the whole body, on the first stage read: once per stage would make a
    # page of N stages cost N times its size.
    body_lines = functools.cache(lambda: text[1:].split("\n"))
    for index, heading in enumerate(sections):
        end = sections[index + 1].start if index + 1 < len(sections) else len(text)
        count = text.count("\n- ", heading.end, end)
        next_line = sections[index + 1].line if index + 1 < len(sections) else None
        read = functools.partial(_read_section, body_lines, first_line, heading.line, next_line)
        stage_title, anchor = heading_text(heading.text)
        stages.append(Stage(stage_title, anchor, heading.line, CapabilityList(count, read)))
    return FlatBody(
        title=heading_text(title.text)[0] if title else None,
        title_line=title.line if title else None,
        stages=tuple(stages),
        references=tuple(_references(text, first_line, headings)),
    )


def _headings(text: str, first_line: int) -> list[_Heading]:
    found = []
    line, counted = first_line - 1, 0  # the line that the line break at `counted - 1` opens
    start = text.find("\n#")
    while start != -1:
        end = text.find("\n", start + 1)
        end = len(text) if end == -1 else end
        # The usual heading has no closing #s: a pattern without a lazy part reads it the same
        # and ten times faster.
        plain = _PLAIN_ATX_IN_TEXT.match(text, start + 1)
        if plain is None or plain.group(2)[-1] in " \t#":
            atx = atx_heading(text[start + 1:end])
        else:
            atx = len(plain.group(1)), plain.group(2)
        if atx:
            line += text.count("\n", counted, start + 1)
            counted = start + 1
            found.append(_Heading(start, end, line, *atx))
        start = text.find("\n#", end)
    return found


def _references(text: str, first_line: int, headings: list[_Heading]) -> list[Reference]:
    """References on every line but headings (whose links are not the page's references)."""
    if not only_inline_references(text):
        return references_at_markers(text, first_line, {heading.line for heading in headings})
    heading_starts = {heading.start for heading in headings}
    found: list[Reference] = []
    line, counted = first_line - 1, 0
    for match in inline_references_in_text(text):
        start = text.rfind("\n", 0, match.start())
        if start not in heading_starts:
            line += text.count("\n", counted, start + 1)
            counted = start + 1
            found += inline_reference(text, match, line)
    return found


def references_at_markers(
    text: str, first_line: int, skipped_lines: Collection[int]
) -> list[Reference]:
    """The references on each line of `text` (``"\\n"`` + the lines, the first numbered
    `first_line`) that holds a reference marker, but on the `skipped_lines`: found from the
    markers with `str.find`, not by testing every line."""
    found: list[Reference] = []
    line, counted, done = first_line - 1, 0, -1
    for offset in reference_marker_offsets(text):
        start = text.rfind("\n", 0, offset)
        if start == done:
            continue
        done = start
        line += text.count("\n", counted, start + 1)
        counted = start + 1
        if line not in skipped_lines:
            end = text.find("\n", offset)
            found += line_references(text[start + 1:end if end != -1 else len(text)], line)
    return found


def _read_section(
    body_lines: Callable[[], list[str]], first_line: int, heading_line: int,
    next_line: int | None,
) -> ListContents:
    """The items and paragraph starts of the stage whose heading is on `heading_line`, up to
    the next stage's heading (`next_line`) or the end of the body."""
    lines = body_lines()
    items: list[list] = []  # [text, line] pairs
    prose_lines: list[int] = []
    after_item = in_paragraph = False
    stop = len(lines) if next_line is None else next_line - first_line
    for line_no, line in enumerate(lines[heading_line - first_line + 1:stop], heading_line + 1):
        first = line[:1]
        if line.startswith("- "):
            items.append([line[2:].lstrip(" \t"), line_no])
            after_item, in_paragraph = True, False
        elif not first or first.isspace() or first == "#" and atx_heading(line):
            after_item = in_paragraph = False  # a blank line or a heading
        elif after_item:
            items[-1][0] += " " + line.strip()  # a lazy continuation line
        elif not in_paragraph:
            prose_lines.append(line_no)
            in_paragraph = True
    capabilities = tuple(Capability(" ".join(words.split()), at) for words, at in items)
    return ListContents(
        capabilities, capabilities[0].line if capabilities else heading_line, tuple(prose_lines)
    )
