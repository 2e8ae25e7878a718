"""The page model: what a playbook page contains, as plain frozen data with line numbers.

The small records are named tuples rather than frozen dataclasses: a large site has hundreds
of thousands of them, and a named tuple is made about three times faster (see benchmarks/).

Nothing here knows about MkDocs. Line numbers are 1-based and count lines of the whole
file, front matter included, so a diagnostic can point a translator at the exact line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from mkdocs_playbooks.core.text import count_words, readable_lines
from mkdocs_playbooks.core.verbatim import Verbatim, verbatim_tokens

GOALS_ANCHOR = "goals"
"""The H2 section with this anchor holds the playbook's goals; every other H2 is a stage."""


class FrontMatterKey(NamedTuple):
    """One top-level front matter key, its value and the line it stands on."""

    name: str
    value: Any
    line: int


class Capability(NamedTuple):
    """One top-level item of a capability list."""

    text: str
    line: int


@dataclass(frozen=True)
class ListContents:
    """What a capability list holds, line by line (see :class:`CapabilityList`)."""

    items: tuple[Capability, ...]
    line: int
    prose_lines: tuple[int, ...] = ()


class CapabilityList:
    """The top-level bullet items under a stage heading.

    `line` is the first item's line (the heading's line when there are no items);
    `prose_lines` are the lines where paragraphs start in the section, so a list that was
    turned into prose can be told from a section that never had one.

    `count` is known at once; the rest may be read on first use (`read`): the parity check
    needs only the counts unless they differ, and most pages have dozens of items.
    """

    __slots__ = ("count", "_contents", "_read")

    def __init__(self, count: int, read: Callable[[], ListContents] | None) -> None:
        self.count = count
        self._read = read
        self._contents: ListContents | None = None

    @classmethod
    def of(cls, items: tuple[Capability, ...], line: int,
           prose_lines: tuple[int, ...] = ()) -> CapabilityList:
        # Read already: kept as it is, without a function to read it (memory: every stage
        # of every page of every locale lives for the whole build).
        known = cls(len(items), None)
        known._contents = ListContents(items, line, prose_lines)
        return known

    @property
    def contents(self) -> ListContents:
        if self._contents is None:
            assert self._read is not None  # set whenever the contents are not
            self._contents = self._read()
            self._read = None  # what it closes over (the page's lines) can go
        return self._contents

    @property
    def items(self) -> tuple[Capability, ...]:
        return self.contents.items

    @property
    def line(self) -> int:
        return self.contents.line

    @property
    def prose_lines(self) -> tuple[int, ...]:
        return self.contents.prose_lines

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CapabilityList):
            return NotImplemented
        return self.contents == other.contents

    def __hash__(self) -> int:
        return hash(self.contents)

    def __repr__(self) -> str:
        return f"CapabilityList({self.contents!r})"


class Stage(NamedTuple):
    """An H2 section: its title, its stable anchor (``{#awareness}``) and its capability list."""

    title: str
    anchor: str | None
    line: int
    capabilities: CapabilityList
    level: int = 2

    @property
    def is_goals(self) -> bool:
        return self.anchor == GOALS_ANCHOR


class Reference(NamedTuple):
    """An image or internal link the page points at (external URLs are not recorded)."""

    kind: str  # "image" or "link"
    target: str  # as written, without the #fragment
    fragment: str | None
    text: str
    line: int

    @property
    def is_image(self) -> bool:
        return self.kind == "image"


@dataclass(frozen=True)
class ParsedPage:
    """Everything the checks and the diagram need to know about one Markdown page.

    `path` is the path as it should be shown to people (relative to the project root,
    e.g. ``docs/sv/playbooks/commerce-strategy.md``); `rel_path` is relative to the locale
    folder (``playbooks/commerce-strategy.md``) and is what pages are matched on.
    """

    path: str
    rel_path: str
    locale: str
    front_matter: tuple[FrontMatterKey, ...]
    front_matter_end: int  # line of the closing ``---`` (0 when there is no front matter)
    title: str | None  # H1 text, if any
    title_line: int | None
    stages: tuple[Stage, ...]
    references: tuple[Reference, ...]
    line_count: int
    problems: tuple[ParseProblem, ...] = field(default=())
    text: str = field(default="", repr=False)
    """The whole file, its line breaks made LF. A build lets go of it once nothing reads it
    (:meth:`DocsTree.release_texts`): it is None from then on, and reading it fails loudly."""
    front_matter_values: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """The front matter's values by key (what :meth:`meta` looks up)."""
    code_lines: frozenset[int] = field(default=frozenset(), repr=False, compare=False)
    """The lines of fenced and indented code, fences included."""

    # The views below are worked out on use: the parity check needs none of them, and
    # counting words costs as much as parsing the front matter (see benchmarks/). The lines
    # are not kept: a page's lines take twice the memory of its text, for every page of every
    # locale, for the whole build (see the README's benchmarks).
    @property
    def lines(self) -> tuple[str, ...]:
        """Every line of the file without its line end, front matter included."""
        return tuple(self.text.split("\n"))

    @cached_property
    def word_count(self) -> int:
        """Words in the body (after the front matter): what ``source-wordcount`` records."""
        body = 0
        for _ in range(self.front_matter_end):
            body = self.text.find("\n", body) + 1 or len(self.text)
        return count_words(self.text[body:])

    @property
    def text_lines(self) -> tuple[tuple[int, str], ...]:
        """Every non-blank line outside fenced and indented code, front matter included, with
        code spans blanked out, as (line number, text): what the terminology check reads."""
        return readable_lines(self.text.split("\n"), self.code_lines)

    @cached_property
    def text_digest(self) -> str:
        """A SHA-256 of the text: what caches of work drawn from the page are keyed by."""
        return hashlib.sha256(self.text.encode()).hexdigest()

    @cached_property
    def verbatim(self) -> tuple[Verbatim, ...]:
        """The ``[!DNL …]`` tokens and code spans of the body prose: what a translation keeps
        unchanged. Worked out once: a source page is compared with every locale's."""
        return verbatim_tokens(self.text, self.front_matter_end, self.code_lines)

    def meta(self, name: str, default: Any = None) -> Any:
        return self.front_matter_values.get(name, default)

    def meta_line(self, name: str) -> int:
        for key in self.front_matter:
            if key.name == name:
                return key.line
        return 1

    @property
    def playbook_stages(self) -> tuple[Stage, ...]:
        """The stages proper: every H2 section except the goals."""
        return tuple(stage for stage in self.stages if not stage.is_goals)

    @property
    def goals(self) -> Stage | None:
        return next((stage for stage in self.stages if stage.is_goals), None)

    @property
    def display_title(self) -> str:
        return str(self.meta("title") or self.title or self.rel_path)


@dataclass(frozen=True)
class ParseProblem:
    """Something that kept the parser from reading a page fully (broken YAML, bad bytes...).

    `rule` is a rule id from :mod:`core.rules`.
    """

    rule: str
    line: int
    message: str
    hint: str = ""
