"""One diagnostic type for every finding: the checks produce it, every renderer reads it."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from mkdocs_playbooks.core.text import one_line


class Severity(enum.IntEnum):
    """How bad a finding is. Errors fail every build, warnings fail ``--strict``."""

    IGNORE = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(level.name.lower() for level in cls)
            raise ValueError(f"unknown severity {text!r}; use one of: {choices}") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Diagnostic:
    """A finding about one line of one file, with what was expected, what was found and a fix."""

    rule: str  # stable id, e.g. "PB301"
    slug: str  # e.g. "stage-missing"
    severity: Severity
    path: str  # shown to people, relative to the project root
    line: int
    message: str
    expected: str = ""
    found: str = ""
    hint: str = ""

    def __post_init__(self) -> None:
        # Page text reaches every field: each is kept to one line of plain characters, so no
        # report (terminal, JUnit XML, a CI log) can be broken or steered by what a page says.
        for name in ("path", "message", "expected", "found", "hint"):
            object.__setattr__(self, name, one_line(getattr(self, name)))

    def location(self) -> str:
        return f"{self.path}:{self.line}"

    def headline(self) -> str:
        """``docs/sv/x.md:42: PB301 stage-missing: message``"""
        return f"{self.location()}: {self.rule} {self.slug}: {self.message}"

    def detail_lines(self) -> list[str]:
        lines = []
        if self.expected:
            lines.append(f"expected: {self.expected}")
        if self.found:
            lines.append(f"found:    {self.found}")
        if self.hint:
            lines.append(f"hint:     {self.hint}")
        return lines

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.rule)
