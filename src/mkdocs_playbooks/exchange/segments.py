"""A page cut into segments, the units a translator translates, and put back together.

Segments: the front matter's title and description, every heading, capability, list item,
paragraph, table cell, quote line and admonition title. A segment that is one link or image
(a list item ``[Awareness](#awareness)``, a paragraph ``![Framework](…png)``) is its label or
alt text alone. Everything between segments (list markers, ``{#anchor}`` ids, code, HTML,
blank lines) is the page's skeleton and never leaves the page, so putting unchanged segments
back gives the page byte for byte.

Each segment has a stable id made of its section (``intro`` before the first stage, else the
stage's anchor) and its place in it: ``awareness.heading``, ``awareness.p1``,
``awareness.cap3`` (capability 3), ``intro.item2``, ``goals.p2``. Ids do not move when another
section changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from mkdocs_playbooks.core.markdown_lines import LIST_ITEM, atx_heading, is_thematic_break
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.exchange.inline import Part, join_parts, split_inline, wrapping_link

TEXT_KEYS = ("title", "description")
"""Front matter keys whose values are prose to translate."""

INTRO = "intro"
"""The section before the first stage."""

_HEADING_TAIL = re.compile(r"(?:[ \t]*\{[^{}\n]*\})?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_HTML_BLOCK = re.compile(r"^ {0,3}<(?:[A-Za-z][A-Za-z0-9-]*|!--|/[A-Za-z])")
_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")
_ADMONITION = re.compile(r"^( {0,3}(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+\")"
                         r"(.+)\"[ \t]*$")
_QUOTE = re.compile(r"^([ \t]*>[ \t]?)(.*)$")
_TABLE_ROW = re.compile(r"^[ \t]*\|")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_BORDER = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Segment:
    """One unit of text to translate, where it stands, and what it says."""

    id: str
    kind: str  # title, description, heading, capability, item, paragraph, link text, ...
    section: str  # "intro", or the stage anchor
    number: int  # the capability's number in its stage; 0 for anything else
    line: int  # in the page
    start: int  # offsets of the text in the page (-1 for front matter values)
    end: int
    parts: tuple[Part, ...]
    wrap: tuple[str, str] = ("", "")  # the link or image markup around a link text or alt text

    @property
    def text(self) -> str:
        return join_parts(self.parts)

    def outer(self, text: str) -> str:
        """`text` in this segment's link or image markup, if it has any."""
        return self.wrap[0] + text + self.wrap[1]

    @property
    def context(self) -> str:
        """Where the segment stands, for the translator: ``stage #awareness, capability 3``."""
        where = "front matter" if self.start < 0 else (
            "introduction" if self.section == INTRO else f"stage #{self.section}")
        return f"{where}, {self.kind}" + (f" {self.number}" if self.number else "")


def page_segments(page: ParsedPage, section_names: Mapping[int, str] | None = None
                  ) -> list[Segment]:
    """Every segment of `page`, in page order. `section_names` maps a stage's heading line to
    the name its segment ids use (default: the stage's anchor)."""
    names = dict(section_names) if section_names is not None else own_section_names(page)
    found = list(_front_matter_segments(page))
    found += _BodyReader(page, names).segments()
    return found


def own_section_names(page: ParsedPage) -> dict[int, str]:
    """Each stage's heading line and the section name of its own anchor (its number without)."""
    return {stage.line: stage.anchor or f"stage{index}"
            for index, stage in enumerate(page.stages, 1)}


def segment_id(section: str, code: str, number: int | None = None) -> str:
    """``awareness.cap3``; a page's H1 is ``h1``, wherever it stands."""
    suffix = code if number is None else f"{code}{number}"
    return suffix if code == "h1" else f"{section}.{suffix}"


def render_body(page: ParsedPage, segments: list[Segment], texts: Mapping[str, str]) -> str:
    """`page`'s text with each body segment whose id `texts` has replaced, link or image markup
    included (see :meth:`Segment.outer`), by that text."""
    pieces, position = [], 0
    for segment in sorted((s for s in segments if s.start >= 0 and s.id in texts),
                          key=lambda s: s.start):
        pieces += [page.text[position:segment.start - len(segment.wrap[0])], texts[segment.id]]
        position = segment.end + len(segment.wrap[1])
    pieces.append(page.text[position:])
    return "".join(pieces)


def _front_matter_segments(page: ParsedPage) -> Iterator[Segment]:
    for key in TEXT_KEYS:
        value = page.meta(key)
        if isinstance(value, str) and value:
            yield Segment(key, key, INTRO, 0, page.meta_line(key), -1, -1,
                          tuple(split_inline(value)))


class _BodyReader:
    """Reads the body once, block by block, numbering segments within their section."""

    def __init__(self, page: ParsedPage, section_names: Mapping[int, str]) -> None:
        self.page = page
        self.lines = page.lines
        self.offsets = [0]
        for line in self.lines:
            self.offsets.append(self.offsets[-1] + len(line) + 1)
        self.section_names = section_names
        self.stage_lines = {stage.line for stage in page.stages}
        self.capability_lines = {
            item.line: number for stage in page.stages
            for number, item in enumerate(stage.capabilities.items, 1)
        }
        self.section = INTRO
        self.counters: dict[str, int] = {}
        self.found: list[Segment] = []

    def segments(self) -> list[Segment]:
        index, count = self.page.front_matter_end, len(self.lines)
        previous_blank = True
        while index < count:
            line_no, raw = index + 1, self.lines[index]
            if line_no in self.page.code_lines or not raw.strip():
                previous_blank = not raw.strip()
                index += 1
                continue
            if previous_blank and (_HTML_BLOCK.match(raw) or raw.lstrip().startswith("<!--")):
                index = self._skip_block(index)
            else:
                index = self._block(index)
            previous_blank = False
        return self.found

    def _skip_block(self, index: int) -> int:
        """HTML is skeleton up to the next blank line."""
        while index < len(self.lines) and self.lines[index].strip():
            index += 1
        return index

    def _block(self, index: int) -> int:
        """Read the block starting at line `index` (0-based); return the next line's index."""
        line_no, raw = index + 1, self.lines[index]
        stripped = raw.strip()
        atx = atx_heading(raw)
        if atx:
            self._heading(line_no, raw, atx[0])
            return index + 1
        if (is_thematic_break(stripped[0], raw) or _SETEXT_UNDERLINE.match(raw)
                or _REF_DEFINITION.match(raw) or _TABLE_RULE.match(raw) and "-" in raw):
            return index + 1
        if _TABLE_ROW.match(raw):
            self._table_row(line_no, raw)
            return index + 1
        quote = _QUOTE.match(raw)
        if quote:
            self._add("quote", "quote", line_no, self._at(line_no, len(quote.group(1))),
                      self._at(line_no, len(raw.rstrip())))
            return index + 1
        admonition = _ADMONITION.match(raw)
        if admonition:
            start = self._at(line_no, len(admonition.group(1)))
            self._add("admonition title", "note", line_no, start, start + len(admonition[2]))
            return index + 1
        item = LIST_ITEM.match(raw)
        if item and item.group(4):
            last = self._continuation_end(index)
            start = self._at(line_no, len(raw) - len(item.group(4)))
            number = self.capability_lines.get(line_no, 0)
            kind, code = ("capability", "cap") if number else ("list item", "item")
            self._add(kind, code, line_no, start, self._line_end(last), number=number)
            return last + 1
        if item:
            return index + 1  # an empty item holds nothing to translate
        last = self._continuation_end(index)
        start = self._at(line_no, len(raw) - len(raw.lstrip()))
        self._add("paragraph", "p", line_no, start, self._line_end(last))
        return last + 1

    def _continuation_end(self, index: int) -> int:
        """The last line of the paragraph or item starting at `index`."""
        last = index
        while last + 1 < len(self.lines):
            raw = self.lines[last + 1]
            stripped = raw.strip()
            if (not stripped or last + 2 in self.page.code_lines or atx_heading(raw)
                    or LIST_ITEM.match(raw) or _QUOTE.match(raw) or _TABLE_ROW.match(raw)
                    or _ADMONITION.match(raw) or _SETEXT_UNDERLINE.match(raw)
                    or is_thematic_break(stripped[0], raw)):
                break
            last += 1
        return last

    def _line_end(self, index: int) -> int:
        """Where line `index`'s text ends (trailing spaces stay in the skeleton)."""
        return self._at(index + 1, len(self.lines[index].rstrip()))

    def _heading(self, line_no: int, raw: str, level: int) -> None:
        if line_no in self.stage_lines:
            self.section = self.section_names.get(line_no, f"line{line_no}")
            self.counters = {}
        start = len(raw) - len(raw.lstrip(" "))
        start += level
        start += len(raw[start:]) - len(raw[start:].lstrip(" \t"))
        tail = _HEADING_TAIL.search(raw, start)
        end = self._at(line_no, tail.start() if tail else len(raw))
        start = self._at(line_no, start)
        if line_no in self.stage_lines:
            self._add("heading", "heading", line_no, start, end, numbered=False)
        elif level == 1 and self.section == INTRO and line_no == self.page.title_line:
            self._add("page heading", "h1", line_no, start, end, numbered=False)
        else:
            self._add("heading", "h", line_no, start, end)

    def _table_row(self, line_no: int, raw: str) -> None:
        borders = [match.start() for match in _CELL_BORDER.finditer(raw)]
        edges = ([-1] if raw.lstrip()[0] != "|" else []) + borders + [len(raw)]
        for left, right in zip(edges, edges[1:], strict=False):
            cell = raw[left + 1:right]
            if cell.strip():
                start = self._at(line_no, left + 1 + len(cell) - len(cell.lstrip()))
                end = self._at(line_no, left + 1 + len(cell.rstrip()))
                self._add("table cell", "cell", line_no, start, end)

    def _at(self, line_no: int, column: int) -> int:
        """The offset in the page of column `column` of line `line_no`."""
        return self.offsets[line_no - 1] + column

    def _add(self, kind: str, code: str, line_no: int, start: int, end: int,
             *, number: int = 0, numbered: bool = True) -> None:
        """Record the page's text from offset `start` to `end` as a segment."""
        if end <= start:
            return
        self.counters[code] = self.counters.get(code, 0) + 1
        unit_id = segment_id(self.section, code, self.counters[code] if numbered else None)
        parts = split_inline(self.page.text[start:end])
        wrap = wrapping_link(parts) or ("", "")
        if wrap[0]:
            start, end = start + len(wrap[0]), end - len(wrap[1])
            kind = "image alt text" if wrap[0] == "![" else "link text"
            parts = split_inline(self.page.text[start:end])
        self.found.append(Segment(unit_id, kind, self.section, number, line_no, start, end,
                                  tuple(parts), wrap))
