"""The fast reader of flat bodies (flat_body.py) reads every flat body exactly as the line-by-line
reader does, and hands every other body over to it.

Bodies are generated from lines that are each a heading, an item, prose, a rule, a fence,
indented, blank or whitespace-only, HTML, an admonition, with and without references, so both
flat and non-flat bodies come up often; the test counts both kinds to show they did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT_ROOT
from mkdocs_playbooks.core.flat_body import FlatBody, read_flat_body
from mkdocs_playbooks.core.parse import (
    _scan_body,
    _split_front_matter,
    parse_front_matter,
    split_lines,
)

LINES = [
    "", "   ", "\t", "\u00a0", "# Title", "# Second title", "## Stage {#one}", "## Stage two",
    "## Goals {#goals}", "### Detail", "#hashtag", "#", "####### seven", "## Closed ##",
    "- item", "-\titem", "*  star item", "+ plus item", "1. first", "2) second", "10. tenth",
    "- ", "-", "1.", "---", "***", "* * *", "- - -", "___", "==", "--flag", "- **bold** item",
    "prose text", "**bold** prose", "-dash prose", "1.5 million", "_italic_ prose",
    "![diagram](../assets/x.png)", "[link](other.md#part)", "see [a](b.md) and ![c](d.png)",
    "[ref]: target.md", "<img src='x.png'>", "text <img src=\"y.png\"> more",
    "- [to stage](#one)", "`code [x](y.md)` and [z](w.md)", "## Heading [link](h.md) {#h}",
    "  indented", "    code", "```", "~~~", "<div>", "!!! note", "??? note", "= sum",
    "\u00a0nbsp first", "trailing spaces   ", "- item with trailing   ",
]

LINE = st.one_of(
    st.sampled_from(LINES), st.text(st.sampled_from(list("ab #-*1.)[]( ")), max_size=8)
)
PROPERTIES = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
seen = {"flat": 0, "not flat": 0}


def materialised(body: FlatBody) -> tuple:
    """Everything a body reader found, with each stage's list read out."""
    stages = [
        (stage.title, stage.anchor, stage.line, stage.level, stage.capabilities.count,
         stage.capabilities.items, stage.capabilities.line, stage.capabilities.prose_lines)
        for stage in body.stages
    ]
    return body.title, body.title_line, stages, body.references, body.code_lines


@PROPERTIES
@given(st.lists(LINE, max_size=40), st.integers(min_value=0, max_value=5))
def test_flat_reader_agrees_with_the_line_reader(lines: list[str], front_matter_end: int) -> None:
    body = "\n".join(lines)
    expected = _scan_body("\n" + "\n".join(split_lines(body)), front_matter_end + 1)
    flat = read_flat_body("\n" + body, front_matter_end + 1)
    seen["not flat" if flat is None else "flat"] += 1
    if flat is not None:
        assert materialised(flat) == materialised(expected)
        for stage in flat.stages:  # the count known at once is the number of items read later
            assert stage.capabilities.count == len(stage.capabilities.items)


def test_both_kinds_of_body_were_generated() -> None:
    """Runs after the property above (file order): it exercised both readers."""
    if sum(seen.values()) == 0:
        pytest.skip("run together with the property test")
    assert seen["flat"] >= 40 and seen["not flat"] >= 40, seen


@pytest.mark.parametrize("body, flat", [
    ("# T\n\n## A {#a}\n\n- one\n- two\n", True),
    ("# T\n\n## A {#a}\n\n- one\n  - nested\n", False),
    ("# T\n\n## A {#a}\n\n```\n- not an item\n```\n", False),
    ("# T\n\n## A {#a}\n\nprose\n---\n", False),
    ("# T\n\n## A {#a}\n\n<div>\n- x\n</div>\n", False),
    ("# T\n\n## A {#a}\n\n!!! note\n    text\n", False),
    ("# T\n\n## A {#a}\n\n- one\n-\n", False),
    ("# T\n\n## A {#a}\n\n- one\n   \n- two\n", True),
    ("# T\n\n## A {#a}\n\n* one\n", False),  # items that do not start "- " are counted
    ("# T\n\n## A {#a}\n\n1. one\n", False),  # by the line-by-line reader
    ("# T\n\n## A {#a}\n\n**Bold** prose, 1.5 times -x +y\n", True),
])
def test_which_bodies_are_flat(body: str, flat: bool) -> None:
    assert (read_flat_body("\n" + body, 1) is not None) is flat


@pytest.mark.parametrize("page", sorted((PROJECT_ROOT / "docs").rglob("*.md")),
                         ids=lambda path: str(path.relative_to(PROJECT_ROOT)))
def test_the_real_pages_take_the_fast_reader(page: Path) -> None:
    lines = split_lines(page.read_text(encoding="utf-8"))
    end = parse_front_matter(lines).end
    flat = read_flat_body("\n" + "\n".join(lines[end:]), end + 1)
    assert flat is not None
    assert materialised(flat) == materialised(_scan_body("\n" + "\n".join(lines[end:]), end + 1))


FRONT_LINES = st.sampled_from(["---", "--- ", "...", "title: x", "", " ---", "a: '---'", "# h"])


@PROPERTIES
@given(st.lists(st.one_of(FRONT_LINES, LINE), max_size=12))
def test_the_front_matter_is_cut_where_the_line_reader_ends_it(lines: list[str]) -> None:
    text = "\n".join(lines)
    head, body = _split_front_matter(text)
    end = parse_front_matter(head.split("\n")).end
    assert end == parse_front_matter(lines or [""]).end
    if end == 0:
        assert body == "\n" + text
    else:
        rest = lines[end:]
        assert body == ("\n" + "\n".join(rest) if rest else "")
