"""Parse one playbook page (bytes) into a :class:`ParsedPage`, tolerant where Markdown is.

The parser understands what decides the structure a translation must keep: front matter, ATX
and setext headings with ``{#id}`` attribute lists, fenced and indented code (whose contents are
never structure), HTML blocks, admonitions, nested lists (only top-level items are
capabilities) and lazy continuation lines. A flat body, as most are, is read by
:mod:`core.flat_body` from the text; any other body line by line here. Flat front matter is
read by :mod:`core.flat_yaml`, any other by PyYAML.
Nothing here raises on bad input: problems are returned on the page, with their line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from mkdocs_playbooks.core.bounded_yaml import load_bounded
from mkdocs_playbooks.core.flat_body import FlatBody, read_flat_body, references_at_markers
from mkdocs_playbooks.core.flat_yaml import read_flat_mapping
from mkdocs_playbooks.core.html_blocks import RawHtmlBlock, raw_html_block, starts_inline_html
from mkdocs_playbooks.core.markdown_lines import (
    LIST_ITEM,
    atx_heading,
    heading_text,
    is_thematic_break,
)
from mkdocs_playbooks.core.model import (
    Capability,
    CapabilityList,
    FrontMatterKey,
    ParsedPage,
    ParseProblem,
    Stage,
)

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FENCE = re.compile(r"(`{3,}|~{3,})")  # matched on the stripped line
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HTML_BLOCK = re.compile(r"^ {0,3}<(?:[A-Za-z][A-Za-z0-9-]*|!--|/[A-Za-z])")
_ADMONITION = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?)[ \t]")
# Possessive: a long line of spaces without a colon must not be re-scanned from each space.
_FM_KEY = re.compile(r"^([^\s#:'\"\-?][^:#]*+|'[^']*+'|\"[^\"]*+\")[ \t]*:(?:[ \t]|$)")
_TAB_WIDTH = 4
# The line that closes the front matter, as `parse_front_matter` finds it (rstrip: any space).
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)


def decode_page(raw: bytes) -> tuple[str, ParseProblem | None]:
    """Bytes to text: UTF-8 with or without a BOM. Bad bytes are replaced and reported."""
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    raw = raw[bom:]
    if b"\x00" in raw:
        line = _line_at(raw, raw.index(b"\x00"))
        text = raw.replace(b"\x00", b"").decode("utf-8", errors="replace")
        return text, ParseProblem("PB103", line, "the file contains a NUL byte")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        offset = bom + error.start  # in the file as it is on disk
        problem = ParseProblem(
            "PB103", _line_at(raw, error.start),
            f"byte 0x{raw[error.start]:02x} at offset {offset} is not UTF-8",
        )
        return raw.decode("utf-8", errors="replace"), problem


def _line_at(raw: bytes, offset: int) -> int:
    """The 1-based line of a byte offset, counting CRLF, LF and lone CR as :func:`split_lines`."""
    before = raw[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def normalize_line_breaks(text: str) -> str:
    """CRLF and lone CR as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def split_lines(text: str) -> list[str]:
    """Lines without their endings; CRLF and lone CR count as line breaks like LF."""
    return normalize_line_breaks(text).split("\n")


@dataclass
class _FrontMatter:
    keys: tuple[FrontMatterKey, ...] = ()
    end: int = 0  # 1-based line of the closing fence; 0 without front matter
    problems: list[ParseProblem] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # by key name


def parse_front_matter(lines: list[str]) -> _FrontMatter:
    """Read the ``---`` block at the top of the page, keeping each top-level key's line."""
    if not lines or lines[0].rstrip() != "---":
        return _FrontMatter(problems=[ParseProblem("PB202", 1, "the page has no front matter")])
    end = next(
        (index for index in range(1, len(lines)) if lines[index].rstrip() in ("---", "...")), None
    )
    if end is None:
        return _FrontMatter(
            problems=[ParseProblem("PB201", 1, "the front matter is never closed with `---`")]
        )
    flat = read_flat_mapping(lines[1:end])
    if flat is not None:  # the usual case: one `key: string` a line, no PyYAML needed
        return _FrontMatter(
            keys=tuple(
                FrontMatterKey(name, value, index)
                for index, (name, value) in enumerate(flat.items(), 2)
            ),
            end=end + 1,
            values=flat,
        )
    block = "\n".join(lines[1:end])
    try:
        data = load_bounded(block, _SafeLoader) if block.strip() else {}
    except yaml.YAMLError as error:
        # The context mark is where the broken construct opens (an unclosed bracket's line);
        # the problem mark alone often points at the end of the block.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = min(mark.line + 2, end) if mark is not None else 2
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return _FrontMatter(
            end=end + 1,
            problems=[ParseProblem("PB201", line, f"the front matter is not valid YAML: {reason}")],
        )
    if not isinstance(data, dict):
        kind = type(data).__name__
        return _FrontMatter(
            end=end + 1,
            problems=[ParseProblem("PB201", 2, f"the front matter is a {kind}, not a mapping")],
        )
    key_lines: dict[str, int] = {}
    for index in range(1, end):
        match = _FM_KEY.match(lines[index])
        if match:
            key_lines.setdefault(match.group(1).rstrip(" \t").strip("'\""), index + 1)
    keys = tuple(
        FrontMatterKey(str(name), value, key_lines.get(str(name), 2))
        for name, value in data.items()
    )
    values = {key.name: key.value for key in reversed(keys)}  # the first of a name wins
    return _FrontMatter(keys=keys, end=end + 1, values=values)


def _indent_width(text: str) -> int:
    """Columns of leading white space, a tab reaching the next multiple of four."""
    spaces = len(text) - len(text.lstrip(" "))
    if not text.startswith("\t", spaces):
        return spaces  # no tab: the usual case, without a loop over the characters
    width = 0
    for char in text:
        if char == " ":
            width += 1
        elif char == "\t":
            width += _TAB_WIDTH - width % _TAB_WIDTH
        else:
            break
    return width


@dataclass
class _Section:
    """A stage under construction while the body is scanned."""

    title: str
    anchor: str | None
    line: int
    level: int
    items: list[list] = field(default_factory=list)  # [text, line] pairs
    paragraphs: list[int] = field(default_factory=list)

    def freeze(self) -> Stage:
        capabilities = tuple(Capability(" ".join(text.split()), line) for text, line in self.items)
        first = capabilities[0].line if capabilities else self.line
        return Stage(
            self.title,
            self.anchor,
            self.line,
            CapabilityList.of(capabilities, first, tuple(self.paragraphs)),
            self.level,
        )


class _BodyScanner:
    """Walks the body lines once, tracking the few block contexts that matter."""

    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line
        self.title: str | None = None
        self.title_line: int | None = None
        self.sections: list[_Section] = []
        self.not_prose: set[int] = set()  # headings, admonition titles, rules: no references
        self.code_lines: set[int] = set()  # fenced and indented code, fences included

    def scan(self) -> None:
        fence: str | None = None
        html_block = False  # an HTML block that ends at the next blank line
        raw_html: RawHtmlBlock | None = None  # one that ends where Python-Markdown ends it
        list_content_indent: int | None = None  # content column of the current top-level item
        list_base_indent = 0
        previous_blank = True
        previous_kind = "blank"  # blank | paragraph | item | heading | other
        for line_no, raw in enumerate(self.lines, self.first_line):
            stripped = raw.strip()
            if fence is not None:
                self.code_lines.add(line_no)
                if stripped.startswith(fence) and set(stripped) <= set(fence[0]):
                    fence = None
                continue
            if raw_html is not None:
                if raw_html.ends_on(raw):
                    raw_html = None
                previous_kind, previous_blank = "other", not stripped
                continue
            if not stripped:
                html_block = False
                previous_blank, previous_kind = True, "blank"
                continue
            # Each pattern below is tried only when the line's first character can open its
            # construct: most lines are prose, and skipping patterns that cannot match keeps
            # them cheap (the parser's time is what `playbook check` costs on a large site).
            first = stripped[0]
            fence_match = _FENCE.match(stripped) if first in "`~" else None
            # At most three spaces before a fence (more is indented code), counted from the
            # content column of the list item it stands in, if any.
            if fence_match and _indent_width(raw) <= (list_content_indent or 0) + 3:
                self.code_lines.add(line_no)
                fence = fence_match.group(1)
                previous_kind, previous_blank = "other", False
                continue
            if html_block:
                continue
            indent = _indent_width(raw) if raw[0] in " \t" else 0
            may_be_item = first in "-*+" or first.isdecimal()  # what \d matches

            if list_content_indent is not None and indent >= list_content_indent:
                # Continuation of the current item (nested list, paragraph or code inside it).
                if (previous_kind == "item" and not previous_blank
                        and not (may_be_item and LIST_ITEM.match(raw))):
                    self._extend_item(stripped)
                previous_blank = False
                continue

            could_be_heading = first == "#" or first in "=-" and previous_kind == "paragraph"
            if could_be_heading and self._heading(raw, previous_kind, line_no):
                self.not_prose.add(line_no)
                list_content_indent = None
                previous_kind, previous_blank = "heading", False
                continue

            item = LIST_ITEM.match(raw) if may_be_item else None
            if item and indent < 4 and not is_thematic_break(first, raw):
                # Not a continuation (handled above), so a sibling or the first item.
                list_base_indent = indent if list_content_indent is None else list_base_indent
                marker, gap, content = item.group(2, 3, 4)
                spacing = _indent_width(gap) if content else 1
                spacing = 1 if spacing > 4 else spacing
                list_content_indent = indent + len(marker) + spacing
                self._add_item(content or "", line_no)
                previous_kind, previous_blank = "item", False
                continue

            if indent >= 4 and previous_blank and list_content_indent is None:
                self.code_lines.add(line_no)
                continue  # indented code block
            if previous_kind == "item" and not previous_blank:
                self._extend_item(stripped)  # lazy continuation line
                previous_blank = False
                continue

            list_content_indent = None
            if (first == "<" and previous_blank and _HTML_BLOCK.match(raw)
                    and not starts_inline_html(raw)):
                raw_html = raw_html_block(raw)
                html_block = raw_html is None
                if raw_html is not None and raw_html.ends_on(raw, opening=True):
                    raw_html = None  # closed on its own line: Markdown again on the next
                previous_kind, previous_blank = "other", False
                continue
            if first in "!?" and _ADMONITION.match(raw) or is_thematic_break(first, raw):
                self.not_prose.add(line_no)
                previous_kind, previous_blank = "other", False
                continue
            if previous_kind != "paragraph":
                self._start_paragraph(line_no)
            previous_kind, previous_blank = "paragraph", False

    def _heading(self, raw: str, previous_kind: str, line_no: int) -> bool:
        atx = atx_heading(raw)
        if atx:
            self._open_heading(*atx, line_no)
            return True
        setext = _SETEXT.match(raw)
        if setext and previous_kind == "paragraph":
            level = 1 if setext.group(1).startswith("=") else 2
            self._retitle_paragraph_as_heading(level, line_no - 1)
            return True
        return False

    def _open_heading(self, level: int, raw_text: str, line_no: int) -> None:
        text, anchor = heading_text(raw_text)
        if level == 1 and self.title is None:
            self.title, self.title_line = text, line_no
        elif level == 2:
            self.sections.append(_Section(text, anchor, line_no, level))

    def _retitle_paragraph_as_heading(self, level: int, line_no: int) -> None:
        text = self.lines[line_no - self.first_line].strip()
        section = self.sections[-1] if self.sections else None
        if section is not None and section.paragraphs and section.paragraphs[-1] == line_no:
            section.paragraphs.pop()
        self._open_heading(level, text, line_no)

    def _add_item(self, text: str, line_no: int) -> None:
        if self.sections:
            self.sections[-1].items.append([text, line_no])

    def _extend_item(self, text: str) -> None:
        if self.sections and self.sections[-1].items:
            self.sections[-1].items[-1][0] += " " + text

    def _start_paragraph(self, line_no: int) -> None:
        if self.sections:
            self.sections[-1].paragraphs.append(line_no)



def code_line_numbers(body_lines: list[str]) -> set[int]:
    """1-based numbers of the body lines that are code (fenced, fences included, or indented),
    as the page parser sees them."""
    scanner = _BodyScanner(body_lines, 1)
    scanner.scan()
    return scanner.code_lines


def parse_page(path: str, rel_path: str, locale: str, raw: bytes) -> ParsedPage:
    """Parse one page. Never raises on bad input: problems are listed on the page."""
    text, decode_problem = decode_page(raw)
    problems: list[ParseProblem] = [decode_problem] if decode_problem else []
    text = normalize_line_breaks(text)
    if not text.strip():
        problems.append(ParseProblem("PB104", 1, "the page is empty"))
        return ParsedPage(path, rel_path, locale, (), 0, None, None, (), (),
                          text.count("\n") + 1 if text else 0, tuple(problems), text)
    # Only the front matter is split into lines here: a flat body is read from the text.
    head, body = _split_front_matter(text)
    front = parse_front_matter(head.split("\n"))
    problems.extend(front.problems)
    found = read_flat_body(body, front.end + 1) or _scan_body(body, front.end + 1)
    return ParsedPage(
        path=path,
        rel_path=rel_path,
        locale=locale,
        front_matter=front.keys,
        front_matter_values=front.values,
        front_matter_end=front.end,
        title=found.title,
        title_line=found.title_line,
        stages=found.stages,
        references=found.references,
        line_count=text.count("\n") + 1,
        problems=tuple(problems),
        text=text,
        code_lines=found.code_lines,
    )


def _split_front_matter(text: str) -> tuple[str, str]:
    """The front matter's lines, fences included, and the body from the line break before it.
    Without a closed front matter: all of the text (for :func:`parse_front_matter` to report)
    and all of it as the body."""
    first_break = text.find("\n")
    if first_break != -1 and text[:first_break].rstrip() == "---":
        closing = _CLOSING_FENCE.search(text, first_break + 1)
        if closing:
            return text[:closing.end()], text[closing.end():]
    return text, "\n" + text


def _scan_body(body: str, first_line: int) -> FlatBody:
    """Any body (``"\\n"`` + its lines, the first numbered `first_line`: what the flat reader
    takes), read line by line (a flat one is read faster by :mod:`core.flat_body`)."""
    scanner = _BodyScanner(body[1:].split("\n"), first_line)
    scanner.scan()
    return FlatBody(
        title=scanner.title,
        title_line=scanner.title_line,
        stages=tuple(section.freeze() for section in scanner.sections),
        # Found after the scan where the text has a reference marker: a search at C speed
        # instead of a test on each line.
        references=tuple(references_at_markers(body, first_line,
                                               scanner.code_lines | scanner.not_prose)),
        code_lines=frozenset(scanner.code_lines),
    )
