"""Counting a file's lines the way an editor does, to check that diagnostics point inside it."""

from __future__ import annotations

import re

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def lines_in(raw: bytes) -> int:
    """One line per line break, plus an unterminated last line; a BOM is not a line."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    breaks = len(_LINE_BREAK.findall(raw))
    return breaks + (1 if raw and not raw.endswith((b"\n", b"\r")) else 0)


def line_breaks_before(raw: bytes, offset: int) -> int:
    return len(_LINE_BREAK.findall(raw[:offset]))
