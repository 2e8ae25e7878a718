"""Small text helpers shared by the parser, the status report and the scaffolder."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def count_words(markdown_body: str) -> int:
    """Words in a Markdown body: runs of letters and digits, hyphenated compounds count once.

    This is what ``source-wordcount`` records, so a translator can compare it with the
    source's current count when git history is not available.
    """
    return len(_WORD.findall(markdown_body))
