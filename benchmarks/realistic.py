"""Generate a project shaped like real documentation (P pages × L locales), with glossaries.

The playbook corpus (:mod:`benchmarks.corpus`) has one short page shape, which the fast readers
handle. Real documentation is longer and mixed: fenced code, tables, admonitions, ordered and
nested lists, many links and images. Each page here draws its figures from the distributions
measured on a real documentation set (:data:`REAL_SHAPE`, measured with
``benchmarks/docs_shape.py``; none of its text is used). Pages are built from an outline that
every locale shares (the blocks, list lengths, link targets, code, where glossary terms occur),
and each locale fills it with its own made-up words, as a translation keeps the source's
structure. Every translated locale has a glossary of :data:`TERMS_PER_GLOSSARY` terms, each
with an approved rendering and two forbidden ones; translations use the approved ones.

The same defects as the playbook corpus are injected, one a page, plus one forbidden rendering
(PB601); the run confirms the check finds each exactly once.
"""

from __future__ import annotations

import hashlib
import math
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import (
    DEFECTS,
    IMAGE,
    SOURCE_LOCALE,
    Corpus,
    defect_plan,
    made_up_words,
    start_project,
    write_pages,
)

REAL_SHAPE_SOURCE = "AdobeDocs/commerce-merchant-services.en, help/ (142 pages, TOC files left out)"
REAL_SHAPE = {
    # per page: (share of pages with any; median, 90th percentile over those pages; maximum)
    "words": (1.00, 549, 1798, 4738),
    "headings": (0.92, 6, 14, 38),
    "fences": (0.23, 3, 13, 23),
    "fence_lines": (0.23, 21, 187, 238),
    "tables": (0.38, 2, 4, 36),
    "table_rows": (0.38, 13, 47, 431),
    "admonitions": (0.68, 2, 5, 10),
    "items": (0.87, 9, 34, 242),
    "nested_items": (0.29, 7, 13, 427),
    "links": (0.95, 6, 27, 70),
    "images": (0.48, 2, 22, 126),
}
"""Measured by ``python benchmarks/docs_shape.py`` on :data:`REAL_SHAPE_SOURCE`."""
MIN_STAGES = 3  # every page has at least three `##` sections, so that each defect fits
TERMS_PER_GLOSSARY = 40
TERM_IN_PARAGRAPH = 0.3  # chance that a paragraph names a glossary term
TERM_IN_ITEM = 0.15  # chance that a list item or heading names one
FOLDER = "guide"
SOURCE_COMMITS = 3  # with git: the source pages came in this many commits

REALISTIC_DEFECTS = {**DEFECTS, "term-forbidden": "PB601"}
"""The playbook corpus's defects, and a forbidden glossary rendering in a paragraph."""


def _draw(rng: random.Random, figure: str, *, present: bool = False) -> int:
    """A count for `figure`: zero as often as real pages have none (unless `present`), else
    log-normal with the measured median and 90th percentile, at most the measured maximum."""
    share, median, p90, most = REAL_SHAPE[figure]
    if not present and rng.random() >= share:
        return 0
    sigma = math.log(p90 / median) / 1.2816 if p90 > median else 0.0
    return min(most, max(1, round(rng.lognormvariate(math.log(median), sigma))))


@dataclass(frozen=True)
class _Block:
    """One block of a section, the same in every locale but for its words."""

    kind: str  # paragraph, list, fence, table, admonition, image
    size: int = 0  # paragraph: words; list: items; fence: lines; table: rows
    ordered: bool = False
    nested: tuple[int, ...] = ()  # list: nested items under each item
    terms: tuple[int | None, ...] = ()  # per item (list) or one (paragraph): glossary term
    links: tuple[str, ...] = ()  # paragraph: link targets
    code: str = ""


@dataclass(frozen=True)
class _Section:
    terms: int | None  # the glossary term in its heading
    blocks: tuple[_Block, ...]


@dataclass(frozen=True)
class _Outline:
    intro: tuple[_Block, ...]
    sections: tuple[_Section, ...]


@dataclass(frozen=True)
class _Glossary:
    """Made-up terms whose letters (x, q) the made-up words never use: no match by chance."""

    sources: tuple[str, ...]
    approved: dict[str, tuple[str, ...]] = field(default_factory=dict)  # locale -> per term
    forbidden: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def generate_realistic(root: Path, pages: int, locale_count: int, *, seed: int = 11,
                       git: bool = False, defects: bool = True) -> Corpus:
    """Write a project of `pages` documentation pages in each of `locale_count` locales. With
    `git`, the project is a repository whose source pages came in :data:`SOURCE_COMMITS`
    commits, and each translation records the commit of its source page (as a build's
    translation status reads them). Without `defects` no page has one (a corpus to build: an
    error stops a build)."""
    locales = start_project(root, locale_count, site_config)
    glossary = _glossary(locales, seed)
    for locale in locales[1:]:
        path = root / "glossary" / f"{locale}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_glossary_yaml(glossary, locale), encoding="utf-8")
    defect_at = defect_plan(pages, locales[1:], tuple(REALISTIC_DEFECTS)) if defects else {}
    never_missing = [number for number in range(pages)
                     if all(defect_at.get((number, loc)) != "page-missing" for loc in locales)]
    injected = write_pages(
        root / "docs", FOLDER, pages, locales, defect_at, tuple(REALISTIC_DEFECTS), seed,
        lambda rng, number: _outline(rng, number, never_missing),
        lambda number, locale, outline, words, defect: _page(number, locale, outline, words,
                                                             glossary, defect))
    if git:
        _commit_history(root, pages, locales)
    return Corpus(root, pages, locales, injected, kind="realistic",
                  expected_rules=dict(REALISTIC_DEFECTS))


def _fake_commit(number: int) -> str:
    return hashlib.sha1(f"d{number}".encode()).hexdigest()


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.org",
         "-c", "commit.gpgsign=false", *args],
        cwd=root, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _commit_history(root: Path, pages: int, locales: tuple[str, ...]) -> None:
    """Commit the source pages in a few commits, then the rest, then each translation naming
    its source page's commit in `source-git-commit`."""
    _git(root, "init", "-q")
    source = root / "docs" / SOURCE_LOCALE / FOLDER
    commits = []
    for batch in range(SOURCE_COMMITS):
        paths = [str(source / f"p{number:04d}.md") for number in range(batch, pages,
                                                                       SOURCE_COMMITS)]
        if paths:
            _git(root, "add", "--", *paths)
            _git(root, "commit", "-q", "-m", f"Source pages, part {batch + 1}")
        commits.append(_git(root, "rev-parse", "HEAD"))
    for locale in locales[1:]:
        for page in sorted((root / "docs" / locale / FOLDER).glob("p*.md")):
            number = int(page.stem[1:])
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace(_fake_commit(number),
                                         commits[number % SOURCE_COMMITS]), encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Translations, glossaries, configuration")


def site_config(locales: tuple[str, ...], *, prune: bool = True) -> str:
    """An mkdocs.yml like this repository's: material, its search, the i18n plugin, the reader
    features on. `prune` keeps material's navigation.prune (see the README's benchmarks)."""
    languages = "".join(
        f"        - locale: {code}\n          name: {code.upper()}\n"
        f"          default: {'true' if code == SOURCE_LOCALE else 'false'}\n"
        f"          build: true\n"
        for code in locales
    )
    features = ["navigation.sections", "navigation.top", "search.highlight", "search.suggest",
                "toc.follow"] + (["navigation.prune"] if prune else [])
    return (
        "site_name: Benchmark documentation\n"
        "site_url: https://docs.example.org/\n"
        "docs_dir: docs\n"
        "theme:\n  name: material\n  features:\n"
        + "".join(f"    - {feature}\n" for feature in features)
        + "markdown_extensions:\n  - attr_list\n  - admonition\n  - md_in_html\n"
        "  - toc:\n      permalink: true\n"
        "plugins:\n"
        f"  - playbook:\n      source_locale: {SOURCE_LOCALE}\n"
        '      playbooks: ["*"]\n'  # every page is checked as a playbook, as on this site
        "  - search:\n      pipeline: [trimmer, stopWordFilter, stemmer]\n"
        "  - i18n:\n      docs_structure: folder\n      fallback_to_default: true\n"
        "      build_only_locale: !ENV [PLAYBOOK_LOCALE, null]\n"
        "      reconfigure_material: true\n      reconfigure_search: true\n"
        "      languages:\n" + languages
    )


def _glossary(locales: tuple[str, ...], seed: int) -> _Glossary:
    rng = random.Random(f"{seed}:glossary")

    def term(prefix: str, locale: str, number: int) -> str:
        return f"{prefix}{number:02d}" + made_up_words(rng, locale, 1, 1).replace(" ", "")

    sources = tuple(term("xen", "en", number) for number in range(TERMS_PER_GLOSSARY))
    glossary = _Glossary(sources)
    for locale in locales[1:]:
        glossary.approved[locale] = tuple(
            term(f"q{locale}", locale, number) for number in range(TERMS_PER_GLOSSARY))
        glossary.forbidden[locale] = tuple(
            (term(f"qz{locale}", locale, number), term(f"xq{locale}", locale, number))
            for number in range(TERMS_PER_GLOSSARY))
    return glossary


def _glossary_yaml(glossary: _Glossary, locale: str) -> str:
    lines = ["terms:"]
    for number, source in enumerate(glossary.sources):
        first, second = glossary.forbidden[locale][number]
        lines += [f"  - source: {source}", f"    approved: [{glossary.approved[locale][number]}]",
                  "    forbidden:",
                  f"      - rendering: {first}", "        note: A made-up wrong rendering.",
                  f"      - rendering: {second}", "        scope: aligned",
                  "        note: Right elsewhere, wrong for this term."]
    return "\n".join(lines) + "\n"


def _term(rng: random.Random, chance: float) -> int | None:
    return rng.randrange(TERMS_PER_GLOSSARY) if rng.random() < chance else None


def _spread(rng: random.Random, total: int, bins: int) -> list[int]:
    counts = [0] * bins
    for _ in range(total):
        counts[rng.randrange(bins)] += 1
    return counts


def _outline(rng: random.Random, number: int, link_targets: list[int]) -> _Outline:
    """The page's blocks: its figures drawn from :data:`REAL_SHAPE`, spread over its sections."""
    figure = {name: _draw(rng, name) for name in REAL_SHAPE}
    for parts, whole in (("fence_lines", "fences"), ("table_rows", "tables")):
        figure[parts] = _draw(rng, parts, present=True) if figure[whole] else 0
    sections = max(MIN_STAGES, figure["headings"])
    items = max(1, figure["items"])
    spread = {name: _spread(rng, figure[name], sections)
              for name in ("fences", "tables", "admonitions", "images", "links")}
    item_spread = _spread(rng, items, sections)
    item_spread[0] = max(2, item_spread[0])  # the capability-dropped defect leaves a list
    nested_left = figure["nested_items"]
    # Words outside lists, tables, admonitions and code: paragraphs of about 30 words.
    paragraph_words = figure["words"] - items * 5 - figure["table_rows"] * 9 - sections * 3
    paragraph_words -= figure["admonitions"] * 28 + figure["links"] * 2
    paragraphs = _spread(rng, max(sections + 1, paragraph_words // 30), sections + 1)

    def paragraph(links: int) -> _Block:
        targets = tuple(_link_target(rng, number, link_targets, sections) for _ in range(links))
        return _Block("paragraph", rng.randint(15, 45), terms=(_term(rng, TERM_IN_PARAGRAPH),),
                      links=targets)

    intro = tuple(paragraph(0) for _ in range(max(1, paragraphs[0])))
    built = []
    for index in range(sections):
        blocks = [paragraph(spread["links"][index])]
        blocks += [paragraph(0) for _ in range(paragraphs[index + 1] - 1)]
        if item_spread[index]:
            count = item_spread[index]
            nested = [0] * count
            if nested_left:
                host = rng.randrange(count)
                nested[host], nested_left = nested_left, 0
            blocks.append(_Block("list", count, ordered=rng.random() < 0.5, nested=tuple(nested),
                                 terms=tuple(_term(rng, TERM_IN_ITEM) for _ in range(count))))
        for _ in range(spread["fences"][index]):
            lines = max(1, figure["fence_lines"] // max(1, figure["fences"]))
            blocks.append(_Block("fence", lines, code=_code(rng, lines)))
        for _ in range(spread["tables"][index]):
            blocks.append(_Block("table", max(1, figure["table_rows"] // max(1, figure["tables"]))))
        blocks += [_Block("admonition", rng.randint(15, 40))
                   for _ in range(spread["admonitions"][index])]
        blocks += [_Block("image") for _ in range(spread["images"][index])]
        rng.shuffle(blocks[1:])  # the first paragraph stays first
        built.append(_Section(_term(rng, TERM_IN_ITEM), tuple(blocks)))
    return _Outline(intro, tuple(built))


def _link_target(rng: random.Random, number: int, pages: list[int], sections: int) -> str:
    """Another page (one no locale lacks), a section of this page, or an outside address."""
    roll = rng.random()
    if roll < 0.5 and pages:
        return f"p{rng.choice(pages):04d}.md"
    if roll < 0.75:
        return f"#s{rng.randint(1, sections)}"
    return f"https://example.com/docs/{number}/{rng.randint(1, 99)}"


def _code(rng: random.Random, lines: int) -> str:
    """Code is not translated: the same lines in every locale."""
    return "\n".join(
        f'{"  " * rng.randint(0, 3)}"key{rng.randint(1, 99)}": "value-{rng.randint(1, 999)}",'
        for _ in range(lines)
    )


class _Writer:
    """Fills an outline with one locale's words."""

    def __init__(self, locale: str, words: random.Random, glossary: _Glossary) -> None:
        self.locale, self.words, self.glossary = locale, words, glossary

    def text(self, low: int, high: int, term: int | None = None) -> str:
        text = made_up_words(self.words, self.locale, low, high)
        if term is None:
            return text
        head, _, tail = text.partition(" ")
        return f"{head} {self.term(term)} {tail}".rstrip()

    def term(self, number: int) -> str:
        if self.locale == SOURCE_LOCALE:
            return self.glossary.sources[number]
        return self.glossary.approved[self.locale][number]

    def paragraph(self, block: _Block) -> str:
        text = self.text(block.size, block.size, block.terms[0]).capitalize()
        links = "".join(f" [{self.text(1, 3)}]({target})" for target in block.links)
        return f"{text}{links}."

    def block(self, block: _Block) -> list[str]:
        if block.kind == "paragraph":
            return [self.paragraph(block)]
        if block.kind == "list":
            lines = []
            for index in range(block.size):
                marker = f"{index + 1}." if block.ordered else "-"
                lines.append(f"{marker} {self.text(1, 8, block.terms[index]).capitalize()}")
                lines += [f"    - {self.text(1, 5)}" for _ in range(block.nested[index])]
            return lines
        if block.kind == "fence":
            return ["```json", block.code, "```"]
        if block.kind == "table":
            rows = [f"| {self.text(1, 2)} | {self.text(1, 3)} |", "| --- | --- |"]
            # Code is never translated: the same identifier in every locale (PB701 checks it).
            return rows + [f"| `attr_{row + 1}` | {self.text(3, 12)} |"
                           for row in range(block.size)]
        if block.kind == "admonition":
            return [f'!!! note "{self.text(1, 3).title()}"', "",
                    f"    {self.text(block.size, block.size).capitalize()}."]
        return [f"![{self.text(2, 4)}](../../{IMAGE})"]


def _page(number: int, locale: str, outline: _Outline, words: random.Random,
          glossary: _Glossary, defect: str | None) -> str:
    writer = _Writer(locale, words, glossary)
    lines = ["---", f"title: {writer.text(2, 5).title()}",
             f"description: {writer.text(10, 20).capitalize()}.",
             f"content-id: 00000000-0000-4000-9000-{number:012d}"]
    if locale != SOURCE_LOCALE:
        if defect != "l10n-key-dropped":
            lines.append(f"source-git-commit: {_fake_commit(number)}")
        lines += [f"source-wordcount: '{500 + number % 400}'", "workflow-type: tm+mt",
                  "ht-degree: 0%"]
    lines += ["---", "", f"# {writer.text(2, 5).title()}", ""]
    for block in outline.intro:
        lines += [*writer.block(block), ""]
    if defect == "link-unresolved":
        lines += [f"[{writer.text(2, 3)}](p{number:04d}-missing.md)", ""]
    if defect == "term-forbidden":
        wrong = glossary.forbidden[locale][number % TERMS_PER_GLOSSARY][0]
        lines += [f"{writer.text(5, 10).capitalize()} {wrong}.", ""]
    sections = []
    for index, section in enumerate(outline.sections):
        anchor = "" if defect == "anchor-dropped" and index == 1 else f" {{#s{index + 1}}}"
        title = writer.text(1, 4, section.terms).title()
        body = [f"## {title}{anchor}", ""]
        for block in section.blocks:
            if defect == "capability-dropped" and index == 0 and block.kind == "list":
                block = _drop_last_item(block)
            body += [*writer.block(block), ""]
        sections.append(body)
    if defect == "stages-swapped":
        sections[1], sections[2] = sections[2], sections[1]
    for body in sections:
        lines += body
    return "\n".join(lines)


def _drop_last_item(block: _Block) -> _Block:
    return _Block(block.kind, block.size - 1, block.ordered, block.nested[:-1], block.terms[:-1])
