"""Generate a synthetic playbook project (P playbooks × L locales) with known, injected defects.

Every page has the real playbook's shape: front matter, an H1, an introduction with links to
the stages, 4–6 stages with ``{#anchor}`` headings and 5–10 capabilities each, the goals and an
image. Translations keep the source's structure in other (made-up) words. A few translated pages
carry one defect each, chosen so that each defect causes exactly one parity finding; the
generator returns how many it injected, so a run can confirm the check found them all.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from PIL import Image

SOURCE_LOCALE = "en"
LOCALES = ("en", "sv", "de", "fr", "es", "it", "nl", "pt", "fi", "da", "nb", "pl")
IMAGE = "assets/playbooks/overview.png"

DEFECTS = {
    "capability-dropped": "PB401",  # one capability fewer than the source
    "anchor-dropped": "PB304",  # a stage heading without its {#anchor}
    "l10n-key-dropped": "PB203",  # no source-git-commit
    "link-unresolved": "PB502",  # a link to a page that does not exist
    "page-missing": "PB101",  # the translation is not there at all
    "stages-swapped": "PB303",  # two neighbouring stages in the wrong order
}
"""Each defect kind and the one finding it causes."""
Outline = TypeVar("Outline")
DEFECT_EVERY = 20
"""One translated page in this many carries a defect (at least one of each kind fits)."""
_DEFECT_KINDS = tuple(DEFECTS)

_SYLLABLES = {  # made-up words that look a little like each language
    "en": ("com", "mer", "ce", "pro", "duct", "cat", "a", "log", "ser", "vice", "or", "der",
           "pay", "ment", "ship", "ping", "cus", "tom", "er"),
    "sv": ("han", "del", "pro", "dukt", "kat", "a", "log", "tjänst", "be", "ställ", "ning",
           "tal", "kund", "frakt", "lev", "er", "ans"),
    "de": ("han", "del", "pro", "dukt", "ka", "ta", "log", "dienst", "be", "stel", "lung",
           "zah", "kun", "de", "ver", "sand"),
}
_OTHER_SYLLABLES = ("la", "ri", "to", "ma", "ne", "su", "ko", "vi", "de", "pa", "lo", "mi",
                    "ter", "san", "gol", "bri", "cha", "fen", "dor")


@dataclass(frozen=True)
class Corpus:
    """A generated project: where its mkdocs.yml is, its size and the defects it carries."""

    root: Path
    playbooks: int
    locales: tuple[str, ...]
    defects: dict[str, int]  # defect kind -> how many were injected
    kind: str = "playbook"  # "playbook" (this module) or "realistic" (benchmarks.realistic)
    expected_rules: dict[str, str] = field(default_factory=lambda: dict(DEFECTS))
    """Each defect kind and the one finding it causes."""

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def page_locales(self) -> int:
        return self.playbooks * len(self.locales)

    @property
    def injected(self) -> int:
        return sum(self.defects.values())


@dataclass(frozen=True)
class _Outline:
    """The structure one playbook has in every locale: stage count and capabilities per stage."""

    capabilities: tuple[int, ...]  # per stage
    goals: int


def start_project(root: Path, locale_count: int,
                  config: Callable[[tuple[str, ...]], str]) -> tuple[str, ...]:
    """The first `locale_count` locales; `root` with its mkdocs.yml and the shared image."""
    if not 1 <= locale_count <= len(LOCALES):
        raise ValueError(f"locales must be between 1 and {len(LOCALES)}, not {locale_count}")
    locales = LOCALES[:locale_count]
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config(locales), encoding="utf-8")
    image = root / IMAGE
    image.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8), "white").save(image)
    return locales


def generate(root: Path, playbooks: int, locale_count: int, *, seed: int = 7) -> Corpus:
    """Write a project with `playbooks` pages in each of `locale_count` locales under `root`."""
    locales = start_project(root, locale_count, _mkdocs_yml)
    defect_at = defect_plan(playbooks, locales[1:])

    def outline(outline_random: random.Random, number: int) -> _Outline:
        return _Outline(
            capabilities=tuple(
                outline_random.randint(5, 10) for _ in range(outline_random.randint(4, 6))
            ),
            goals=outline_random.randint(4, 8),
        )

    defects = write_pages(root / "docs", "playbooks", playbooks, locales, defect_at,
                          tuple(DEFECTS), seed, outline, _page)
    return Corpus(root, playbooks, locales, defects)


def write_pages(
    docs: Path, folder: str, count: int, locales: tuple[str, ...],
    defect_at: dict[tuple[int, str], str], kinds: tuple[str, ...], seed: int,
    outline_of: Callable[[random.Random, int], Outline],
    page_text: Callable[[int, str, Outline, random.Random, str | None], str],
) -> dict[str, int]:
    """Write page `pNNNN.md` of `folder` in every locale: one outline a page, shared by its
    locales, each locale's words its own. Returns how many of each defect kind it injected."""
    injected = dict.fromkeys(kinds, 0)
    for number in range(count):
        outline = outline_of(random.Random(seed * 1_000_003 + number), number)
        for locale in locales:
            defect = defect_at.get((number, locale))
            if defect is not None:
                injected[defect] += 1
            if defect == "page-missing":
                continue
            words = random.Random(f"{seed}:{number}:{locale}")
            page = docs / locale / folder / f"p{number:04d}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(page_text(number, locale, outline, words, defect), encoding="utf-8")
    return injected


def defect_plan(
    playbooks: int, translations: tuple[str, ...], kinds: tuple[str, ...] = _DEFECT_KINDS
) -> dict[tuple[int, str], str]:
    """Which translated page gets which defect: spread evenly, kinds in turn."""
    slots = [(number, locale) for locale in translations for number in range(playbooks)]
    if not slots:
        return {}
    count = min(len(slots), max(len(kinds), len(slots) // DEFECT_EVERY))
    stride = len(slots) / count
    return {slots[int(index * stride)]: kinds[index % len(kinds)] for index in range(count)}


def _mkdocs_yml(locales: tuple[str, ...]) -> str:
    languages = "".join(
        f"        - locale: {code}\n          name: {code.upper()}\n"
        f"          default: {'true' if code == SOURCE_LOCALE else 'false'}\n"
        for code in locales
    )
    return (
        "site_name: Benchmark playbooks\n"
        "docs_dir: docs\n"
        "plugins:\n"
        f"  - playbook:\n      source_locale: {SOURCE_LOCALE}\n"
        '      playbooks: ["playbooks/*"]\n'
        "  - i18n:\n      docs_structure: folder\n      languages:\n" + languages
    )


def made_up_words(words: random.Random, locale: str, low: int, high: int) -> str:
    syllables = _SYLLABLES.get(locale, _OTHER_SYLLABLES)
    return " ".join(
        "".join(words.choice(syllables) for _ in range(words.randint(1, 4)))
        for _ in range(words.randint(low, high))
    )


def _page(
    number: int, locale: str, outline: _Outline, words: random.Random, defect: str | None
) -> str:
    anchors = [f"stage-{index + 1}" for index in range(len(outline.capabilities))]
    lines = ["---", f"title: {made_up_words(words, locale, 2, 4).title()}",
             f"description: {made_up_words(words, locale, 8, 14)}.",
             f"content-id: 00000000-0000-4000-8000-{number:012d}"]
    if locale != SOURCE_LOCALE:
        if defect != "l10n-key-dropped":
            # A SHA-1 like a real commit's (a zero-padded counter of digits would be a YAML int).
            commit = hashlib.sha1(f"p{number}".encode()).hexdigest()
            lines.append(f"source-git-commit: {commit}")
        lines += [f"source-wordcount: '{300 + number % 100}'", "workflow-type: tm+mt",
                  "ht-degree: 0%"]
    lines += ["---", "", f"# {made_up_words(words, locale, 2, 4).title()}", ""]
    for _ in range(3):
        lines += [made_up_words(words, locale, 25, 50) + ".", ""]
    lines += [f"- [{made_up_words(words, locale, 1, 2).title()}](#{anchor})" for anchor in anchors]
    lines.append("")
    if defect == "link-unresolved":
        lines += [f"[{made_up_words(words, locale, 2, 3)}](p{number:04d}-missing.md)", ""]
    stages = []
    for index, count in enumerate(outline.capabilities):
        anchor = "" if defect == "anchor-dropped" and index == 1 else f" {{#{anchors[index]}}}"
        if defect == "capability-dropped" and index == 0:
            count -= 1
        stage = [f"## {made_up_words(words, locale, 1, 2).title()}{anchor}", "",
                 made_up_words(words, locale, 8, 16) + ".", ""]
        stage += [f"- {made_up_words(words, locale, 1, 6).capitalize()}" for _ in range(count)]
        stages.append([*stage, ""])
    if defect == "stages-swapped":
        stages[1], stages[2] = stages[2], stages[1]
    for stage in stages:
        lines += stage
    lines += [f"## {made_up_words(words, locale, 1, 1).title()} {{#goals}}", "",
              made_up_words(words, locale, 8, 16) + ":", ""]
    lines += [f"- {made_up_words(words, locale, 2, 6).capitalize()}" for _ in range(outline.goals)]
    lines += ["", made_up_words(words, locale, 6, 10) + ":", "",
              f"![{made_up_words(words, locale, 2, 3)}](../../{IMAGE})", ""]
    return "\n".join(lines)
