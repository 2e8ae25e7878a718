"""Render diagnostics for people (text); other formats build on the same list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from playbook.diagnostics import Diagnostic, Severity


def render_text_one(item: Diagnostic) -> str:
    """``path:line: PB301 stage-missing: message`` and indented expected/found/hint lines."""
    return "\n".join([item.headline(), *("    " + line for line in item.detail_lines())])


def summary_line(found: Iterable[Diagnostic]) -> str:
    counts = Counter(item.severity for item in found)
    if not counts:
        return "no findings"
    parts = [
        f"{counts[level]} {level.label}{'s' if counts[level] != 1 else ''}"
        for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[level]
    ]
    return ", ".join(parts)
