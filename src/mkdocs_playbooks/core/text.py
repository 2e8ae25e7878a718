"""Small text helpers shared by the parser, the page model, the status report and the scaffolder."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def count_words(markdown_body: str) -> int:
    """Words in a Markdown body: runs of letters and digits, hyphenated compounds count once.

    This is what ``source-wordcount`` records, so a translator can compare it with the
    source's current count when git history is not available.
    """
    return len(_WORD.findall(markdown_body))


def readable_lines(
    lines: Sequence[str], code_lines: Collection[int]
) -> tuple[tuple[int, str], ...]:
    """Non-blank lines outside code as (1-based line number, text), with code spans blanked
    (columns stay where they were)."""
    return tuple(
        (number, CODE_SPAN.sub(_blank, text) if "`" in text else text)
        for number, text in enumerate(lines, 1)
        if number not in code_lines and text.strip()
    )


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())
