"""A source term counts only where it is used in its sense: not inside code, UI labels or
do-not-localize tokens, not as a verb when the entry says `sense: noun`, and only beside a
context word when the entry lists `context:`."""

from __future__ import annotations

import pytest

from mkdocs_playbooks.terminology.glossary import parse_glossary

GLOSSARY = b"""terms:
  - source: [returns, return]
    sense: noun
    approved: [retur]
  - source: order
    approved: [order]
  - source: lead
    context: [sales, customer]   # within four words
    approved: [lead]
"""


def term(name: str):
    glossary, problems = parse_glossary("g.yml", "sv", GLOSSARY)
    assert problems == []
    return next(item for item in glossary.terms if item.name == name)


@pytest.mark.parametrize(("text", "has_term"), [
    ("Process returns and exchanges", True),
    ("Manage the return of damaged goods", True),
    ("Orders with a return", True),
    ("Do plugins return a value?", False),
    ("The function will return the total", False),
    ("Avg time to return", False),
    ("It returns the list", False),
    ("This column returns the timestamp", False),
    ("A new scan returns different keys", False),
    ("Refund the returns of the week", True),
    ("Filter set `Returns we count`", False),
    ("Click **[!UICONTROL Returns]**", False),
    ("See [the guide](returns.md)", False),
])
def test_a_noun_term_is_not_matched_as_a_verb_or_in_code(text: str, has_term: bool) -> None:
    assert term("returns").in_source(text) is has_term


def test_a_term_without_a_sense_matches_any_use() -> None:
    assert term("order").in_source("Order the goods") is True
    assert term("order").in_source("Sort by `order`") is False  # code is never prose


def test_a_context_word_is_required_when_listed() -> None:
    assert term("lead").in_source("Qualify each sales lead") is True
    assert term("lead").in_source("Steps that lead to success") is False
    assert term("lead").in_source("A lead is far from any of the words we wrote for sales") is False


def test_a_bad_sense_is_a_glossary_error() -> None:
    _, problems = parse_glossary("g.yml", "sv", b"terms:\n  - source: a\n    approved: [b]\n"
                                 b"    sense: adverb\n")
    assert [(item.rule, item.line) for item in problems] == [("PB603", 4)]
    assert "`sense` is `adverb`" in problems[0].message
