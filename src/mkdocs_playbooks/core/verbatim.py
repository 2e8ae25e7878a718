"""Text a translation must keep exactly as the source has it: ``[!DNL …]`` tokens (Experience
League's "do not localize": product and feature names) and code spans.

``[!UICONTROL …]`` labels are not among them: a UI label is translated with the product's UI.
Code in fenced or indented blocks is not looked at here (it is not prose a translator edits).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mkdocs_playbooks.core.model import ParsedPage
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


def verbatim_tokens(page: ParsedPage) -> list[Verbatim]:
    """Every ``[!DNL …]`` token and code span in the page's body prose, in order."""
    found: list[Verbatim] = []
    for number, line in enumerate(page.lines[page.front_matter_end:], page.front_matter_end + 1):
        if number in page.code_lines or ("`" not in line and "[!DNL" not in line):
            continue
        spans = code_spans(line) if "`" in line else []
        found += [Verbatim("code", line[start:end], number) for start, end in spans]
        prose = without_code_spans(line) if spans else line
        found += [
            Verbatim("DNL", " ".join(match.group(1).split()), number)
            for match in _DNL.finditer(prose)
        ]
    return found
