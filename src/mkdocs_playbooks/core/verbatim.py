"""Text a translation must keep exactly as the source has it: ``[!DNL …]`` tokens (Experience
League's "do not localize": product and feature names) and code spans.

``[!UICONTROL …]`` labels are not among them: a UI label is translated with the product's UI.
Code in fenced or indented blocks is not looked at here (it is not prose a translator edits).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

from mkdocs_playbooks.core.text import code_spans, without_code_spans

_DNL = re.compile(r"\[!DNL\s+([^\]]+?)\s*\]")


class Verbatim(NamedTuple):
    """One token to keep: its kind ("DNL" or "code"), its text and its line."""

    kind: str
    text: str
    line: int

    def shown(self) -> str:
        return f"[!DNL {self.text}]" if self.kind == "DNL" else self.text


def may_have_verbatim(text: str) -> bool:
    """False when `text` can hold no token to keep (most playbook pages)."""
    return "`" in text or "[!DNL" in text


def verbatim_tokens(text: str, front_matter_end: int,
                    code_lines: Collection[int]) -> tuple[Verbatim, ...]:
    """Every ``[!DNL …]`` token and code span in the body prose of a page's `text` (after line
    `front_matter_end`, outside its `code_lines`), in order. Only the lines that hold a
    backtick or ``[!DNL`` are looked at, found with `str.find`."""
    found: list[Verbatim] = []
    number, counted = 1, 0  # the number of the line that starts at offset `counted`
    tick, dnl = text.find("`"), text.find("[!DNL")
    while tick != -1 or dnl != -1:
        at = tick if dnl == -1 or tick != -1 and tick < dnl else dnl
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        number += text.count("\n", counted, start)
        counted = start
        if number > front_matter_end and number not in code_lines:
            found += _line_tokens(text[start:end], number)
        tick = text.find("`", end) if tick != -1 else -1
        dnl = text.find("[!DNL", end) if dnl != -1 else -1
    return tuple(found)


def _line_tokens(line: str, number: int) -> list[Verbatim]:
    spans = code_spans(line) if "`" in line else []
    found = [Verbatim("code", line[start:end], number) for start, end in spans]
    prose = without_code_spans(line, spans) if spans else line
    return found + [
        Verbatim("DNL", " ".join(match.group(1).split()), number)
        for match in _DNL.finditer(prose)
    ]
