"""Small text helpers shared by the parser, the page model, the status report and the scaffolder."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_BACKTICK_RUN = re.compile(r"`+")


def code_spans(line: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the code spans on one line, paired as CommonMark and
    Python-Markdown pair them: a run of backticks opens a span that the next run of the same
    length closes; a run without such a partner is literal text.

    Done with one pass over the runs, not a pattern with a back-reference: such a pattern
    backtracks cubically on a line of backticks (2,000 of them took six minutes)."""
    if "``" not in line:  # the usual line: every run is one backtick, paired with the next
        ticks = []
        at = line.find("`")
        while at != -1:
            ticks.append(at)
            at = line.find("`", at + 1)
        return [(ticks[index], ticks[index + 1] + 1) for index in range(0, len(ticks) - 1, 2)]
    runs = [match.span() for match in _BACKTICK_RUN.finditer(line)]
    partner: list[int | None] = [None] * len(runs)
    next_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        partner[index] = next_of_length.get(length)
        next_of_length[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = partner[index]
        if closing is None:
            index += 1
        else:
            spans.append((runs[index][0], runs[closing][1]))
            index = closing + 1
    return spans


def replace_code_spans(line: str, replacement: Callable[[str], str],
                       spans: list[tuple[int, int]] | None = None) -> str:
    """`line` with each code span (backticks included) replaced by `replacement(span)`;
    `spans`: its :func:`code_spans`, when the caller has them already."""
    if spans is None:
        spans = code_spans(line) if "`" in line else []
    if not spans:
        return line
    parts, done = [], 0
    for start, end in spans:
        parts += [line[done:start], replacement(line[start:end])]
        done = end
    parts.append(line[done:])
    return "".join(parts)


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
        (number, replace_code_spans(text, _blank))
        for number, text in enumerate(lines, 1)
        if number not in code_lines and text.strip()
    )


def _blank(span: str) -> str:
    return " " * len(span)


# C0 and C1 control characters, DEL and the Unicode line and paragraph separators: what can
# move a terminal's cursor, start a new line where a reader (or GitHub's runner) sees a new
# command, or make XML not well-formed. A tab is kept.
_CONTROLS = [*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]
_VISIBLE_CONTROLS = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
                     for code in _CONTROLS} | {0x0A: "\\n", 0x0D: "\\r"}
_NO_CONTROLS: dict[int, None] = dict.fromkeys(_CONTROLS)
_WORKFLOW_COMMAND = re.compile(r"^([^\S\n]*):(?=:)", re.MULTILINE)


def one_line(text: str) -> str:
    """`text` as one line of plain characters: each control character and line break shown
    as its escape (``\\x1b``, ``\\n``). What every finding and report line is made of."""
    return text.translate(_VISIBLE_CONTROLS)


def without_controls(text: str) -> str:
    """`text` with the control characters left out (for drawn text, where no escape helps)."""
    return text.translate(_NO_CONTROLS)


def without_workflow_commands(output: str) -> str:
    """`output` with every line that GitHub Actions would run as a workflow command (``::``
    after optional blanks) defused by a backslash: ``\\::error …``. Page content reaches the
    reports (a heading in a diff, a key in a message); none of it may steer the CI run."""
    return _WORKFLOW_COMMAND.sub(r"\1\\:", output)


def without_code_spans(line: str, spans: list[tuple[int, int]] | None = None) -> str:
    """`line` with each code span replaced by one space (the prose around it stays apart)."""
    return replace_code_spans(line, lambda _: " ", spans)


def without_html_comments(text: str) -> str:
    """`text` with each ``<!-- … -->`` removed; an unclosed one runs to the end. String search,
    not a pattern: a lazy ``<!--.*?-->`` rescans the rest of the line from every unclosed start."""
    kept = []
    start = 0
    while (opening := text.find("<!--", start)) >= 0:
        kept.append(text[start:opening])
        closing = text.find("-->", opening + 4)
        if closing < 0:
            return "".join(kept)
        start = closing + 3
    kept.append(text[start:])
    return "".join(kept)
