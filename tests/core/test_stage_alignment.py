"""Stages without anchors: one inserted, dropped, moved, repeated or renamed stage gives exactly
one finding, at its own heading, and every other stage keeps its true counterpart.

The pages are written here, in our own words: a made-up playbook whose English stages are
translated into made-up Swedish. What a translation keeps (capability counts, code spans,
numbers, acronyms, link targets, or only glossary terms) is what the alignment has to go by.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TWO_LOCALE_CONFIG, USER_SEEDS, copy_project, findings
from mkdocs_playbooks.core.compare import align_stages, first_difference
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.terminology.glossary import parse_glossary

FRONT = "---\ntitle: {title}\ndescription: {title}.\ncontent-id: c1\n{extra}---\n\n# {title}\n\n"
TRANSLATION_KEYS = (
    "source-git-commit: 0123456789abcdef0123456789abcdef01234567\n"
    "source-wordcount: '10'\nworkflow-type: ht\nht-degree: 100%\n"
)
# English words and the made-up Swedish a translator would write for them.
WORDS = [
    ("plan", "planera"), ("ship", "skeppa"), ("count", "räkna"), ("price", "prissätt"),
    ("store", "lagra"), ("track", "spåra"), ("pack", "packa"), ("send", "sända"),
    ("check", "kolla"), ("sort", "sortera"), ("label", "märka"), ("measure", "mäta"),
]
ACRONYMS = ["SKU", "ERP", "API", "CRM", "PIM", "OMS", "EDI", "POS"]
Stage = tuple[str, str, list[tuple[str, str]]]  # English title, Swedish title, item pairs


def playbook(stage_count: int, signals: str) -> list[Stage]:
    """`stage_count` stages of 2 to 6 capabilities. `signals` is what survives translation:
    "marks" (code spans, numbers, acronyms, link targets) or "terms" (glossary terms only)."""
    stages = []
    for index in range(stage_count):
        items = []
        for item in range(2 + (index * 7) % 5):
            english, swedish = WORDS[(index * 5 + item * 3) % len(WORDS)]
            if signals == "marks":
                mark = [
                    f"`{english}_{index}`", f"{index * 10 + item + 11} units",
                    ACRONYMS[(index + item) % len(ACRONYMS)] + f"-{index}",
                    f"[the guide](p.md#step-{index})",
                ][item % 4]
                items.append((f"{english.title()} with {mark}", f"{swedish.title()} med {mark}"))
            else:
                term = f"term{index}x{item % 2}"
                items.append(
                    (f"{english.title()} the {term}", f"{swedish.title()} {rendering(term)}")
                )
        stages.append((f"Stage {index + 1}", f"Fas {index + 1}", items))
    return stages


def rendering(term: str) -> str:
    """The made-up Swedish for a made-up term: no letters in common, as with real words."""
    return "ord" + term[4:].replace("x", "y")


def glossary(stages: list[Stage]) -> str:
    """A Swedish glossary of every term the `terms` playbook uses."""
    terms = sorted({
        word for _, _, items in stages for english, _ in items for word in english.split()
        if word.startswith("term")
    })
    return "terms:\n" + "".join(
        f"  - source: {term}\n    approved: [{rendering(term)}]\n" for term in terms
    )


def page(stages: list[Stage], side: int, title: str) -> str:
    extra = TRANSLATION_KEYS if side else ""
    body = "".join(
        f"## {stage[side]}\n\n" + "".join(f"- {item[side]}\n" for item in stage[2]) + "\n"
        for stage in stages
    )
    return FRONT.format(title=title, extra=extra) + body


def write(root: Path, source: list[Stage], translation: list[Stage], terms: str = "") -> None:
    (root / "mkdocs.yml").write_text(TWO_LOCALE_CONFIG, encoding="utf-8")
    for locale, stages, side in (("en", source, 0), ("sv", translation, 1)):
        (root / "docs" / locale).mkdir(parents=True, exist_ok=True)
        (root / "docs" / locale / "p.md").write_text(page(stages, side, "P"), encoding="utf-8")
    (root / "glossary").mkdir(exist_ok=True)
    (root / "glossary" / "sv.yml").write_text(terms or "terms: []\n", encoding="utf-8")


def heading_line(stages: list[Stage], index: int, occurrence: int = 1) -> int:
    """The line of the translated heading of `stages[index]` (its n-th occurrence)."""
    text = page(stages, 1, "P").split("\n")
    wanted = f"## {stages[index][1]}"
    hits = [number for number, line in enumerate(text, 1) if line == wanted]
    return hits[occurrence - 1]


def inserted(stages: list[Stage], at: int) -> tuple[list[Stage], str, int]:
    new: Stage = ("New", "Ny fas", [("Extra work", "Extra arbete"), ("More", "Mer")])
    changed = stages[:at] + [new] + stages[at:]
    return changed, "PB302", heading_line(changed, at)


def dropped(stages: list[Stage], at: int) -> tuple[list[Stage], str, int]:
    changed = stages[:at] + stages[at + 1:]
    return changed, "PB301", heading_line(changed, at)  # where it belongs: the next heading


def swapped(stages: list[Stage], at: int) -> tuple[list[Stage], str, int]:
    changed = stages[:at] + [stages[at + 1], stages[at]] + stages[at + 2:]
    return changed, "PB303", heading_line(changed, at + 1)  # the one that moved down


def duplicated(stages: list[Stage], at: int) -> tuple[list[Stage], str, int]:
    changed = stages[:at + 1] + [stages[at]] + stages[at + 1:]
    return changed, "PB305", heading_line(changed, at, occurrence=2)


def renamed(stages: list[Stage], at: int) -> tuple[list[Stage], str, int]:
    english, _, items = stages[at]
    changed = stages[:at] + [(english, "Ett helt annat namn", items)] + stages[at + 1:]
    return changed, "", 0  # a title is translated anyway: renaming it is not a finding


MUTATIONS: dict[str, Callable[[list[Stage], int], tuple[list[Stage], str, int]]] = {
    "inserted": inserted, "dropped": dropped, "swapped": swapped,
    "duplicated": duplicated, "renamed": renamed,
}


def headlines(root: Path) -> list[str]:
    return [f"{item.line}: {item.rule}" for item in findings(root)]


@pytest.mark.parametrize("mutation", MUTATIONS)
@pytest.mark.parametrize(("stage_count", "signals"), [(5, "marks"), (40, "marks"), (5, "terms"),
                                                       (40, "terms")])
def test_one_changed_stage_is_one_finding_at_its_heading(
    tmp_path: Path, mutation: str, stage_count: int, signals: str
) -> None:
    source = playbook(stage_count, signals)
    terms = glossary(source) if signals == "terms" else ""
    write(tmp_path, source, source, terms)
    assert headlines(tmp_path) == [], "the unchanged translation is clean"
    for at in sorted({1, stage_count // 2, stage_count - 2}):
        translation, rule, line = MUTATIONS[mutation](source, at)
        write(tmp_path, source, translation, terms)
        assert headlines(tmp_path) == ([f"{line}: {rule}"] if rule else []), f"stage {at}"


def test_the_glossary_places_a_stage_nothing_else_can(tmp_path: Path) -> None:
    """Three stages alike in all but their words, which share no letters with the English:
    only the glossary's term pairs say which one was dropped."""
    def stage_text(title: str, words: tuple[str, str]) -> str:
        return f"## {title}\n\n- {words[0]}\n- {words[1]}\n\n"

    english = [("alpha", "beta"), ("gamma", "delta"), ("kappa", "omega")]
    swedish = [("ulf", "bo"), ("siv", "dag"), ("kim", "per")]
    source = "# A\n\n" + "".join(stage_text(f"S{i}", w) for i, w in enumerate(english))
    translated = "# A\n\n" + stage_text("T0", swedish[0]) + stage_text("T2", swedish[2])
    source_page = parse_page("en/a.md", "a.md", "en", source.encode())
    page = parse_page("sv/a.md", "a.md", "sv", translated.encode())
    lexicon = [
        (re.compile(rf"\b{en}\b").search, re.compile(rf"\b{sv}\b").search)
        for en_pair, sv_pair in zip(english, swedish, strict=True)
        for en, sv in zip(en_pair, sv_pair, strict=True)
    ]

    def missing(lexicon: list) -> list[str]:
        return [item.message for item in align_stages(source_page, page, lexicon).findings]

    assert missing(lexicon) == ["stage `S1` is missing"]
    assert missing([]) == ["stage `S2` is missing"], "without it, the last stage looks dropped"


SEED_MUTATIONS = {
    # name: (change to the list of "## " blocks, the rule, which block the finding is at)
    "inserted": (lambda b: b[:2] + ["## Ny fas\n\n- Ett\n- Två\n- Tre\n\n"] + b[2:], "PB302", 2),
    "dropped": (lambda b: b[:3] + b[4:], "PB301", 3),
    "swapped": (lambda b: b[:3] + [b[4], b[3]] + b[5:], "PB303", 4),
    "duplicated": (lambda b: b[:4] + [b[3]] + b[4:], "PB305", 4),
    "moved": (lambda b: b[:1] + b[2:5] + [b[1]] + b[5:], "PB303", 4),
}


@pytest.mark.parametrize("mutation", SEED_MUTATIONS)
@pytest.mark.parametrize("locale", ["sv", "de"])
def test_the_users_seeds_with_one_stage_changed_give_one_finding(
    tmp_path: Path, locale: str, mutation: str
) -> None:
    seed = USER_SEEDS / f"commerce-strategy.{locale}.md"
    if not seed.is_file():
        pytest.skip(f"the user's seeds are not beside the checkout ({USER_SEEDS})")
    project = copy_project(tmp_path / "project")
    target = project / f"docs/{locale}/playbooks/commerce-strategy.md"
    blocks = re.split(r"(?m)^(?=## )", seed.read_text(encoding="utf-8"))

    def stage_findings() -> Counter[str]:
        """Stage and capability findings, by rule and message (lines shift with the edit)."""
        return Counter(
            f"{item.rule} {item.message}" for item in findings(project)
            if item.rule.startswith(("PB3", "PB4")) and f"/{locale}/" in item.path
        )

    target.write_text("".join(blocks), encoding="utf-8")
    before = stage_findings()
    change, rule, at = SEED_MUTATIONS[mutation]
    changed = change(blocks)
    target.write_text("".join(changed), encoding="utf-8")
    after = stage_findings()
    line = "".join(changed[:at]).count("\n") + 1
    new = after - before
    assert [finding.split()[0] for finding in new] == [rule]
    assert [item.line for item in findings(project) if f"{item.rule} " in f"{rule} "
            and f"/{locale}/" in item.path] == [line]
    gone = before - after
    if mutation == "dropped":  # the dropped stage's own findings go with it
        assert gone and all(f"`{blocks[3].split()[1]}`" in finding for finding in gone)
    else:
        assert not gone, "every other stage keeps its counterpart and its findings"


@pytest.mark.parametrize("locale", ["sv", "de"])
def test_a_capability_dropped_is_reported_at_the_item_that_took_its_place(locale: str) -> None:
    """Every capability of the real translated page dropped in turn: the difference is found at
    the item that now stands in its place (the end of the list for the last one). Neighbours
    that share no code, number or glossary term can be told apart only by their letters, so a
    few are not placed; the glossary's terms place most."""
    root = Path(__file__).resolve().parents[2]

    def read(path: str, locale: str) -> ParsedPage:
        return parse_page(path, path, locale, (root / path).read_bytes())

    source = read("docs/en/playbooks/commerce-strategy.md", "en")
    translated = read(f"docs/{locale}/playbooks/commerce-strategy.md", locale)
    termbase, _ = parse_glossary("g", locale, (root / f"glossary/{locale}.yml").read_bytes())
    placed = {"without the glossary": 0, "with the glossary": 0}
    total = 0
    for source_stage, stage in zip(source.stages, translated.stages, strict=True):
        english = [item.text for item in source_stage.capabilities.items]
        items = [item.text for item in stage.capabilities.items]
        for index in range(len(items)):
            rest = items[:index] + items[index + 1:]
            total += 1
            placed["without the glossary"] += first_difference(english, rest) == index
            placed["with the glossary"] += (
                first_difference(english, rest, termbase.lexicon()) == index
            )
    assert placed["with the glossary"] >= 0.85 * total, placed
    assert placed["with the glossary"] > placed["without the glossary"], placed


@pytest.mark.parametrize("locale", ["sv", "de"])
def test_two_capabilities_merged_are_reported_at_the_merged_item(locale: str) -> None:
    root = Path(__file__).resolve().parents[2]
    source = parse_page("s", "s", "en",
                        (root / "docs/en/playbooks/commerce-strategy.md").read_bytes())
    translated = parse_page("t", "t", locale,
                            (root / f"docs/{locale}/playbooks/commerce-strategy.md").read_bytes())
    termbase, _ = parse_glossary("g", locale, (root / f"glossary/{locale}.yml").read_bytes())
    misplaced = []
    for source_stage, stage in zip(source.stages, translated.stages, strict=True):
        english = [item.text for item in source_stage.capabilities.items]
        items = [item.text for item in stage.capabilities.items]
        for index in range(len(items) - 1):
            merged = items[:index] + [f"{items[index]} {items[index + 1]}"] + items[index + 2:]
            if first_difference(english, merged, termbase.lexicon()) != index:
                misplaced.append((stage.title, index))
    assert misplaced == []
