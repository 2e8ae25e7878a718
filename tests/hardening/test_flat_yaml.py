"""The PyYAML-free front matter reader (flat_yaml.py) reads every mapping it accepts exactly as
PyYAML does, and refuses what it cannot read alike.

Values are drawn to be awkward: numbers, booleans, dates, nulls, YAML indicators, ": " and " #"
inside, quotes, escapes, unusual characters; each is written plain, single- or double-quoted.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_playbooks.core.flat_yaml import read_flat_mapping

TRICKY = [
    "0", "007", "0x1f", "1e3", "1.5", "-2", "+3", ".5", "1_000", "0o17", "190:20:30", ".inf",
    "-.Inf", ".NaN", "yes", "No", "on", "OFF", "true", "False", "y", "n", "null", "~", "Null",
    "2024-01-31", "2001-12-14t21:59:43.10-05:00", "<<", "=", "0%", "tm+mt", "mt", "a: b",
    "a #b", "a#b", "ends:", "http://x.org/a", "- a", "[a]", "{a}", "*a", "&a", "!a", "|", ">",
    "'q'", '"q"', "it's", 'say "hi"', "back\\slash", "%x", "@x", "`x`", "?x", ",x",
    "e3f0a1b2c3d4e5f60718293a4b5c6d7e8f901234", "00000000-0000-4000-8000-000000000001",
    "Kännedom", "a\u2028b", "a\x85b", "tab\there", "\ufeffbom", "x\x07",
]
ORDINARY = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzåé .,")), min_size=1)
VALUE = st.one_of(
    ORDINARY,
    st.sampled_from(TRICKY),
    st.text(st.sampled_from(list("abyn01.:-+#'\" e%é")), min_size=1, max_size=10),
)
KEY = st.one_of(
    st.sampled_from(["title", "content-id", "yes", "on", "null", "1", "ht-degree", "a_b"]),
    st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True),
)
QUOTING = st.sampled_from(["{}", "'{}'", '"{}"'])
seen = {"read": 0, "refused": 0}


def yaml_reading(lines: list[str]) -> object:
    try:
        return yaml.load("\n".join(lines), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return "an error"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(KEY, VALUE, QUOTING), min_size=1, max_size=5))
def test_an_accepted_mapping_is_what_pyyaml_reads(entries: list[tuple[str, str, str]]) -> None:
    lines = [f"{key}: {quoting.format(value)}" for key, value, quoting in entries]
    flat = read_flat_mapping(lines)
    seen["refused" if flat is None else "read"] += 1
    if flat is not None:
        assert flat == yaml_reading(lines)


def test_both_outcomes_were_generated() -> None:
    """Runs after the property above (file order): it saw mappings read and refused."""
    if sum(seen.values()) == 0:
        pytest.skip("run together with the property test")
    assert seen["read"] >= 60 and seen["refused"] >= 60, seen


@pytest.mark.parametrize("line", [
    "title: Commerce Strategy", "content-id: 00000000-0000-4000-8000-000000000001",
    "source-git-commit: e3f0a1b2c3d4e5f60718293a4b5c6d7e8f901234", "source-wordcount: '380'",
    "workflow-type: mt", "ht-degree: 0%",
    "description: Reach, convert and keep customers (all of them).",
])
def test_the_usual_front_matter_is_read_without_pyyaml(line: str) -> None:
    flat = read_flat_mapping([line])
    assert flat is not None and flat == yaml_reading([line])


@pytest.mark.parametrize("line", [
    "count: 380", "reviewed: yes", "date: 2024-01-31", "empty:", "list: [a, b]", "# comment",
    "title: a # note", "key: 'it''s'", "nested:", "  child: x", "anchor: &a x", "text: |",
    "quoted: \"a\\tb\"", "time: 12:30",
])
def test_anything_else_goes_to_pyyaml(line: str) -> None:
    assert read_flat_mapping([line]) is None


def test_a_repeated_key_goes_to_pyyaml() -> None:
    assert read_flat_mapping(["title: a", "title: b"]) is None
