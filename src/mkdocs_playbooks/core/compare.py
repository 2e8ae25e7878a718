"""Compare a locale's pages with the source's and say, rule by rule, where they drift apart.

Pure functions over parsed pages. Reference resolution is passed in as a callable so that
this module never touches the file system.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from mkdocs_playbooks.core.align import (
    PAIR_COST,
    Lexicon,
    Signals,
    align_sequences,
    marks,
    section_texts,
    shared_marks,
    signals,
    similarity,
)
from mkdocs_playbooks.core.diagnostics import Diagnostic
from mkdocs_playbooks.core.front_matter_values import value_diagnostics
from mkdocs_playbooks.core.model import ParsedPage, Reference, Stage
from mkdocs_playbooks.core.rules import diagnostic
from mkdocs_playbooks.core.schema import DEFAULT_SCOPE, SOURCE_WORDCOUNT, CheckScope
from mkdocs_playbooks.core.verbatim import Verbatim, may_have_verbatim

ResolveReference = Callable[[ParsedPage, Reference], str]
"""Returns "ok", "missing" or "escapes" for a page's reference."""


@dataclass(frozen=True)
class LocalePages:
    """All pages of one locale, keyed by their path inside the locale folder."""

    locale: str
    folder: str  # as shown to people, e.g. "docs/sv" (or "docs" in the suffix layout)
    pages: Mapping[str, ParsedPage]
    suffix: str | None = None  # the suffix layout's ".sv" before ".md"; None: a locale folder

    def display_path(self, rel_path: str) -> str:
        """Where the locale's page `rel_path` is, or would be, as shown to people."""
        if self.suffix is None:
            return f"{self.folder}/{rel_path}"
        return f"{self.folder}/{with_suffix(rel_path, self.suffix)}"


def with_suffix(rel_path: str, suffix: str) -> str:
    """``guide.md`` with the suffix layout's ``.fr``: ``guide.fr.md``."""
    stem, dot, extension = rel_path.rpartition(".")
    return f"{stem}{suffix}.{extension}" if dot else f"{rel_path}{suffix}"


class StageAlignment(NamedTuple):
    """A translated page's stages paired with its source page's, and the stage findings."""

    pairs: list[tuple[Stage, Stage]]
    findings: list[Diagnostic]


def problem_diagnostics(page: ParsedPage, playbook: bool = True) -> list[Diagnostic]:
    """The problems the parser or the tree loader recorded on a page, as diagnostics. Only a
    playbook must have front matter: an ordinary page without it is fine (no PB202)."""
    return [
        diagnostic(problem.rule, page.path, problem.line, problem.message, hint=problem.hint)
        for problem in page.problems
        if playbook or problem.rule != "PB202"
    ]


def page_diagnostics(page: ParsedPage, resolve: ResolveReference,
                     scope: CheckScope = DEFAULT_SCOPE, playbook: bool = True) -> list[Diagnostic]:
    """What is wrong with a page on its own: unreadable, broken front matter, dead references.
    The schema's required keys are asked of playbooks only."""
    found = problem_diagnostics(page, playbook)
    if playbook and not _front_matter_broken(page):
        found += [
            _key_missing(page, key, f"required front matter key `{key}` is missing",
                         f"a `{key}:` line in the front matter")
            for key in scope.schema.page_keys
            if page.meta(key) in (None, "")
        ]
    if not _front_matter_broken(page):  # what the theme reads, on every page
        found += value_diagnostics(page, scope.schema.key(SOURCE_WORDCOUNT))
    for reference in page.references:
        outcome = resolve(page, reference)
        if outcome == "escapes":
            found.append(diagnostic(
                "PB503", page.path, reference.line,
                f"{reference.kind} `{reference.target}` points outside the project",
                found=reference.target,
            ))
        elif outcome == "missing":
            found.append(diagnostic(
                "PB502", page.path, reference.line,
                f"{reference.kind} `{reference.target}` does not resolve to a file",
                found=reference.target,
            ))
    return found


def align_locale(
    source: LocalePages, translation: LocalePages, lexicon: Lexicon = ()
) -> dict[str, StageAlignment]:
    """The stage alignment of every translated page that has a source page, by rel path
    (`lexicon`: the glossary's term pairs for this locale, see :mod:`core.align`)."""
    return {
        rel_path: align_stages(source.pages[rel_path], page, lexicon)
        for rel_path, page in translation.pages.items()
        if rel_path in source.pages
    }


def compare_locale(
    source: LocalePages, translation: LocalePages, resolve: ResolveReference,
    alignments: Mapping[str, StageAlignment] | None = None, scope: CheckScope = DEFAULT_SCOPE,
    lexicon: Lexicon = (),
) -> list[Diagnostic]:
    """Every parity finding for one translated locale, in file and line order. `alignments`
    (from :func:`align_locale`) saves aligning the stages again when the caller has them;
    `lexicon` (the glossary's term pairs, see :mod:`core.align`) helps align the lists."""
    if alignments is None:
        alignments = align_locale(source, translation, lexicon)
    found: list[Diagnostic] = []
    for rel_path, source_page in source.pages.items():
        page = translation.pages.get(rel_path)
        if page is None:
            found.append(diagnostic(
                "PB101", translation.display_path(rel_path), 1,
                f"page is missing in locale `{translation.locale}`",
                expected=f"a translation of {source_page.path}", found="no file",
            ))
            continue
        found += compare_page(source_page, page, alignments[rel_path], scope, lexicon)
    by_spelling = {unicodedata.normalize("NFC", rel_path): rel_path for rel_path in source.pages}
    for rel_path, page in translation.pages.items():
        counterpart = source.pages.get(rel_path)
        if counterpart is None:
            twin = by_spelling.get(unicodedata.normalize("NFC", rel_path))
            found.append(diagnostic(
                "PB102", page.path, 1, "page has no counterpart in the source locale" + (
                    f"; its name and the source's {source.display_path(twin)} differ only in "
                    "Unicode normalization (NFC and NFD spell the same letters with different "
                    "bytes)" if twin is not None else ""),
                expected=f"a page at {source.display_path(rel_path)}", found="no source page",
                hint="Rename the file with the source's exact bytes (NFC, as most editors "
                "save)." if twin is not None else "",
            ))
        playbook = scope.playbooks.is_playbook(counterpart or page)
        found += page_diagnostics(page, resolve, scope, playbook)
    return sorted(_one_per_reference(found), key=Diagnostic.sort_key)


def _one_per_reference(found: list[Diagnostic]) -> list[Diagnostic]:
    """A changed target that resolves to nothing is said once, by its PB501 (which names the
    source's target), not again as PB502."""
    changed = {(item.path, item.line, item.found) for item in found if item.rule == "PB501"}
    return [
        item for item in found
        if not (item.rule == "PB502" and (item.path, item.line, item.found) in changed)
    ]


def compare_page(
    source: ParsedPage, page: ParsedPage, alignment: StageAlignment,
    scope: CheckScope = DEFAULT_SCOPE, lexicon: Lexicon = (),
) -> list[Diagnostic]:
    """Parity of one translated page with its source page, whose stages `alignment` pairs.
    Stages and capability lists are compared only when the source page is a playbook."""
    if page.problems and any(problem.rule == "PB104" for problem in page.problems):
        return []  # an empty page is reported once, as empty
    playbook = scope.playbooks.is_playbook(source)
    found = _front_matter_parity(source, page, scope, playbook)
    if playbook:
        found += alignment.findings + _capability_findings(source, page, alignment, lexicon)
    found += _reference_parity(source, page, alignment.pairs)
    found += _verbatim_parity(source, page, alignment.pairs)
    return found


def _capability_findings(
    source: ParsedPage, page: ParsedPage, alignment: StageAlignment, lexicon: Lexicon
) -> list[Diagnostic]:
    """PB401/PB402 for each paired stage whose list is longer or shorter than the source's;
    not for one longer where the next source stage is missing (its items ran into this one,
    and that stage's PB301 says so)."""
    found: list[Diagnostic] = []
    paired = {id(source_stage) for source_stage, _ in alignment.pairs}
    following = dict(zip(map(id, source.stages), source.stages[1:], strict=False))
    for source_stage, stage in alignment.pairs:
        if stage.capabilities.count == source_stage.capabilities.count:  # neither list is read
            continue
        after = following.get(id(source_stage))
        if (after is not None and id(after) not in paired
                and stage.capabilities.count > source_stage.capabilities.count):
            continue
        found += _capability_parity(page, source_stage, stage, lexicon)
    return found


def _verbatim_parity(
    source: ParsedPage, page: ParsedPage, pairs: list[tuple[Stage, Stage]]
) -> list[Diagnostic]:
    """PB701 for each [!DNL …] token or code span of the source the translation does not
    have unchanged: at the most alike changed token of the same kind in the same section when
    there is one (naming both), else at the section's heading (the title for the introduction).
    Code spans the translation joined into one (`a`|`b` as `a|b`) count as kept."""
    if not may_have_verbatim(source.text) and not may_have_verbatim(page.text):
        return []  # the usual page: one search each, no line is read
    source_tokens, tokens = source.verbatim, page.verbatim
    have = Counter((token.kind, token.text) for token in tokens)
    wanted = Counter((token.kind, token.text) for token in source_tokens)
    if have == wanted:
        return []
    counterpart = {id(source_stage): stage for source_stage, stage in pairs}
    extra: dict[tuple[int | None, str], list[Verbatim]] = {}
    for token in tokens:
        if wanted[token.kind, token.text] > 0:
            wanted[token.kind, token.text] -= 1
            continue
        stage = _section_of(page.stages, token.line)
        extra.setdefault((stage.line if stage else None, token.kind), []).append(token)
    missing: list[Verbatim] = []
    for token in source_tokens:
        if have[token.kind, token.text] > 0:
            have[token.kind, token.text] -= 1
        else:
            missing.append(token)
    missing = _without_joined_spans(missing, [t for group in extra.values() for t in group], extra)
    found = []
    for token in missing:
        source_stage = _section_of(source.stages, token.line)
        stage = counterpart.get(id(source_stage)) if source_stage else None
        if source_stage is not None and stage is None:
            continue  # its stage is missing: one PB301 says so
        candidates = extra.get((stage.line if stage else None, token.kind))
        expected = f"`{token.shown()}` (source {source.path}:{token.line})"
        if candidates:
            other = max(candidates, key=lambda candidate: _alike(token.text, candidate.text))
            candidates.remove(other)
            found.append(diagnostic(
                "PB701", page.path, other.line,
                f"`{token.shown()}` of the source is `{other.shown()}` here",
                expected=expected, found=other.shown(),
            ))
        else:
            where = f"stage {_describe(stage)}" if stage else "the introduction"
            found.append(diagnostic(
                "PB701", page.path, stage.line if stage else (page.title_line or 1),
                f"`{token.shown()}` of the source is missing in {where}",
                expected=expected, found="not in the translation",
            ))
    return found


def _alike(first: str, second: str) -> float:
    return difflib.SequenceMatcher(None, first, second).ratio()


def _squashed(text: str) -> str:
    return "".join(char for char in text if char not in "`|\\ ")


def _without_joined_spans(
    missing: list[Verbatim], extras: list[Verbatim],
    extra: dict[tuple[int | None, str], list[Verbatim]],
) -> list[Verbatim]:
    """The missing code spans, less those whose line's missing spans, put together, are one
    extra span of the translation (and that span is then no longer extra)."""
    by_line: dict[int, list[Verbatim]] = {}
    for token in missing:
        if token.kind == "code":
            by_line.setdefault(token.line, []).append(token)
    joined = set()
    for line, group in by_line.items():
        whole = _squashed("".join(token.text for token in group))
        match = next((t for t in extras if t.kind == "code" and _squashed(t.text) == whole), None)
        if match is not None and len(group) > 1:
            joined.add(line)
            extras.remove(match)
            for candidates in extra.values():
                if match in candidates:
                    candidates.remove(match)
    return [token for token in missing if not (token.kind == "code" and token.line in joined)]

_REFERENCE_KEY = attrgetter("kind", "target", "fragment")  # what makes two references alike


def _front_matter_broken(page: ParsedPage) -> bool:
    """True when the front matter cannot be judged key by key (and was reported already)."""
    return bool(page.problems) and any(
        problem.rule in ("PB104", "PB201", "PB202") for problem in page.problems
    )


def _key_missing(page: ParsedPage, key: str, message: str, expected: str) -> Diagnostic:
    """PB203 at the key's own line when it is there without a value (`title:`, `title: null`),
    at the closing `---` when it is not there at all."""
    present = any(item.name == key for item in page.front_matter)
    return diagnostic(
        "PB203", page.path, page.meta_line(key) if present else page.front_matter_end or 1,
        message + (" (it has no value)" if present else ""), expected=expected,
        found=f"`{key}:` without a value" if present else "no such key",
    )


def _front_matter_parity(source: ParsedPage, page: ParsedPage, scope: CheckScope,
                         playbook: bool) -> list[Diagnostic]:
    if _front_matter_broken(page) or _front_matter_broken(source):
        return []
    line = page.front_matter_end or 1
    found = [] if not playbook else [
        _key_missing(page, key, f"localization key `{key}` is missing",
                     f"`{key}:` in the front matter of every translation")
        for key in scope.schema.translation_keys
        if page.meta(key) in (None, "")
    ]
    present = {key.name for key in page.front_matter}
    judged = scope.schema.judged_keys | {scope.playbooks.flag}  # the flag is the source's
    found += [
        diagnostic(
            "PB204", page.path, line,
            f"front matter key `{key.name}` of the source is missing",
            expected=f"`{key.name}:` as in {source.path}:{key.line}", found="no such key",
        )
        for key in source.front_matter
        if key.name not in present and key.name not in judged
    ]
    return found


def _describe(stage: Stage) -> str:
    return f"`{stage.title}`" + (f" {{#{stage.anchor}}}" if stage.anchor else "")


def _describe_pair(source_stage: Stage, stage: Stage) -> str:
    """The translated stage, and which source stage it is: `Kännedom` {#awareness} (source
    `Awareness`)."""
    return f"{_describe(stage)} (source `{source_stage.title}`)"


def align_stages(
    source: ParsedPage, page: ParsedPage, lexicon: Lexicon = ()
) -> StageAlignment:
    """Pair the translation's stages with the source's and return the pairs and the stage
    findings. Stages pair by anchor first; the rest by a sequence alignment over what survives
    translation (:mod:`core.align`; `lexicon` is the glossary's term pairs), so one inserted,
    dropped, moved or repeated stage is one finding at its own heading."""
    source_stages, stages = list(source.stages), list(page.stages)
    anchors = [stage.anchor for stage in source_stages]
    if (all(anchors) and anchors == [stage.anchor for stage in stages]
            and len(set(anchors)) == len(anchors)):
        return StageAlignment(list(zip(source_stages, stages, strict=True)), [])  # all kept
    by_source: dict[int, int] = {}  # source index -> translation index
    repeats: dict[int, int] = {}  # a translation index that repeats another, and that other
    # The k-th stage with an anchor pairs with the source's k-th stage with that anchor; one
    # more than the source has repeats the first (a source may repeat an anchor itself).
    source_indexes: dict[str, list[int]] = {}
    for index, anchor in enumerate(anchors):
        if anchor:
            source_indexes.setdefault(anchor, []).append(index)
    seen: Counter[str] = Counter()
    for index, stage in enumerate(stages):
        candidates = source_indexes.get(stage.anchor) if stage.anchor else None
        if not candidates or stage.anchor is None:
            continue
        occurrence = seen[stage.anchor]
        seen[stage.anchor] += 1
        if occurrence < len(candidates):
            by_source[candidates[occurrence]] = index
        else:
            repeats[index] = by_source[candidates[0]]
    aligner = _StageAligner(source, page, lexicon)
    left_source = [i for i in range(len(source_stages)) if i not in by_source]
    taken = set(by_source.values()) | repeats.keys()
    left = [j for j in range(len(stages)) if j not in taken]
    for i, j in align_sequences(
        len(left_source), len(left),
        lambda i, j: aligner.similarity(left_source[i], left[j]) - PAIR_COST,
    ):
        by_source[left_source[i]] = left[j]
    # What the alignment left out: a stage moved elsewhere, repeated, added or dropped.
    paired = set(by_source.values())
    unpaired_source = [i for i in range(len(source_stages)) if i not in by_source]
    paired_in_order = sorted(paired)
    for j in (j for j in range(len(stages)) if j not in paired and j not in repeats):
        original = aligner.repeated(j, paired_in_order)
        if original is not None:
            repeats[j] = original
            continue
        moved = aligner.counterpart(j, unpaired_source)
        if moved is not None:
            by_source[moved] = j
            unpaired_source.remove(moved)  # few: the alignment pairs the rest
    found = _anchor_findings(source_stages, stages, by_source, page)
    pairs = [(source_stages[i], stages[j]) for i, j in sorted(by_source.items())]
    present = {i: stages[j] for i, j in by_source.items()}
    for index in unpaired_source:
        found.append(_missing_stage(source, source_stages, index, present, page))
    paired = set(by_source.values())
    only_source = "only the source's stages: " + ", ".join(_describe(s) for s in source_stages[:20])
    only_source += ", …" if len(source_stages) > 20 else ""
    for j, stage in enumerate(stages):
        if j in repeats:
            first = stages[repeats[j]]
            found.append(diagnostic(
                "PB305", page.path, stage.line,
                f"stage {_describe(stage)} repeats the stage at line {first.line}",
                expected="each source stage once", found=f"{_describe(first)} twice",
            ))
        elif j not in paired:
            found.append(diagnostic(
                "PB302", page.path, stage.line,
                f"stage {_describe(stage)} is not in the source",
                expected=only_source, found=_describe(stage),
            ))
    found += _order_findings(pairs, page)
    return StageAlignment(pairs, found)


class _StageAligner:
    """The signals of both pages' stages, worked out once, and the judgements made on them."""

    REPEAT = 0.8  # trigram overlap of two stages of one page above which one repeats the other
    MOVE = 0.5  # similarity above which a left-out stage pairs with a left-out source stage

    NEAREST = 32  # candidates looked at, nearest in position first: work stays linear

    def __init__(self, source: ParsedPage, page: ParsedPage, lexicon: Lexicon) -> None:
        self._source = _LazySignals(source, [has for has, _ in lexicon])
        self._translation = _LazySignals(page, [has for _, has in lexicon])

    def similarity(self, i: int, j: int) -> float:
        return similarity(self._source[i], self._translation[j])

    def repeated(self, j: int, others: list[int]) -> int | None:
        """The paired stage of the same page that stage `j` repeats, if any, among the
        nearest paired stages (`others` in page order)."""
        mine = self._translation[j]
        for other in _nearest(others, j, self.NEAREST):
            theirs = self._translation[other]
            same_marks = mine.tokens == theirs.tokens
            if same_marks and mine.capability_count == theirs.capability_count and (
                similarity(mine, theirs) >= self.REPEAT
            ):
                return other
        return None

    def counterpart(self, j: int, candidates: list[int]) -> int | None:
        """The left-out source stage that left-out stage `j` clearly translates, if any."""
        scored = [(self.similarity(i, j), i) for i in _nearest(candidates, j, self.NEAREST)]
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] >= self.MOVE else None


class _LazySignals:
    """Each stage's signals, worked out when first asked for: most pages pair every stage by
    its anchor and need none, and a hostile page may have tens of thousands of stages."""

    def __init__(self, page: ParsedPage, has_term: list[Callable[[str], bool]]) -> None:
        self._page, self._has_term = page, has_term
        self._sections: list[str] | None = None
        self._done: dict[int, Signals] = {}

    def __getitem__(self, index: int) -> Signals:
        if index not in self._done:
            if self._sections is None:
                self._sections = section_texts(self._page)
            stage = self._page.stages[index]
            self._done[index] = signals(self._sections[index], stage, self._has_term)
        return self._done[index]


def _nearest(indexes: list[int], target: int, count: int) -> list[int]:
    """At most `count` of `indexes` (sorted), those nearest to `target`, in their order."""
    if len(indexes) <= count:
        return indexes
    start = max(0, min(bisect.bisect_left(indexes, target) - count // 2, len(indexes) - count))
    return indexes[start:start + count]


def _anchor_findings(
    source_stages: list[Stage], stages: list[Stage], by_source: dict[int, int],
    page: ParsedPage,
) -> list[Diagnostic]:
    """PB304 for a paired stage whose anchor is not its source stage's."""
    found = []
    for i, j in by_source.items():
        expected, stage = source_stages[i], stages[j]
        if expected.anchor and stage.anchor != expected.anchor:
            found.append(diagnostic(
                "PB304", page.path, stage.line,
                f"stage {_describe(stage)} has "
                + ("no anchor" if stage.anchor is None else "another anchor than the source's"),
                expected=f"{{#{expected.anchor}}} (source stage {_describe(expected)})",
                found="no {#id} on the heading" if stage.anchor is None else f"{{#{stage.anchor}}}",
            ))
    return found


def _missing_stage(
    source: ParsedPage, source_stages: list[Stage], index: int,
    present: Mapping[int, Stage], page: ParsedPage,
) -> Diagnostic:
    missing = source_stages[index]
    heading = f"`## … {{#{missing.anchor}}}`" if missing.anchor else f"for `{missing.title}`"
    return diagnostic(
        "PB301", page.path, _insertion_line(len(source_stages), index, present, page),
        f"stage {_describe(missing)} is missing",
        expected=f"a heading {heading} (source {source.path}:{missing.line})",
        found="no stage that translates it",
    )


def _insertion_line(
    count: int, index: int, present: Mapping[int, Stage], page: ParsedPage
) -> int:
    """Where a missing stage belongs: at the heading of the next source stage that is present."""
    for following in range(index + 1, count):
        if following in present:
            return present[following].line
    return _last_line(page)


def _last_line(page: ParsedPage) -> int:
    """The page's last line (a file that ends with a newline has an empty line after it)."""
    return max(page.line_count - 1, 1)


def _order_findings(pairs: list[tuple[Stage, Stage]], page: ParsedPage) -> list[Diagnostic]:
    """Stages outside the longest run that keeps the source's order are out of order."""
    positions = [stage.line for _, stage in pairs]
    if positions == sorted(positions):
        return []
    keep = _longest_increasing(positions)
    rank = {line: place for place, line in enumerate(sorted(positions), 1)}
    found = []
    for index, (source_stage, stage) in enumerate(pairs):
        if index in keep:
            continue
        before = pairs[index - 1][0] if index else None
        expected = (
            f"after {_describe(before)}" if before else "as the first stage"
        ) + f" (stage {index + 1} of {len(pairs)} in the source)"
        found.append(diagnostic(
            "PB303", page.path, stage.line,
            f"stage {_describe_pair(source_stage, stage)} is out of order",
            expected=expected,
            found=f"stage {rank[stage.line]} of {len(pairs)}",
        ))
    return found


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (patience method)."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(values)
    for index, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if tails[middle] < value:
                low = middle + 1
            else:
                high = middle
        parent[index] = tail_index[low - 1] if low else -1
        if low == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[low], tail_index[low] = value, index
    keep, cursor = set(), tail_index[-1] if tail_index else -1
    while cursor != -1:
        keep.add(cursor)
        cursor = parent[cursor]
    return keep


def _capability_parity(
    page: ParsedPage, source_stage: Stage, stage: Stage, lexicon: Lexicon
) -> list[Diagnostic]:
    """The finding for a stage whose capability list is longer or shorter than the source's."""
    expected_items = source_stage.capabilities.items
    items = stage.capabilities.items
    described = _describe_pair(source_stage, stage)
    if expected_items and not items and stage.capabilities.prose_lines:
        return [diagnostic(
            "PB402", page.path, stage.capabilities.prose_lines[0],
            f"the capability list of stage {described} is written as prose",
            expected=f"{len(expected_items)} bullet items as in the source",
            found="a paragraph and no list",
        )]
    index = first_difference(
        [item.text for item in expected_items], [item.text for item in items], lexicon
    )
    if index < len(items):
        line = items[index].line
        at = f"item {index + 1}: `{items[index].text}`"
    else:
        line = items[-1].line if items else stage.line
        at = "the end of the list"
    source_at = (
        f" (source item {index + 1}: `{expected_items[index].text}`)"
        if index < len(expected_items) else ""
    )
    return [diagnostic(
        "PB401", page.path, line,
        f"stage {described} has {len(items)} capabilities, the source has "
        f"{len(expected_items)}; the lists differ from {at}",
        expected=f"{len(expected_items)} top-level items{source_at}",
        found=f"{len(items)} top-level items",
    )]


_MARK_WEIGHT = 2.5
"""How much more a shared mark (code, number, glossary term) weighs than shared letters."""

_ALIGNMENT_SLACK = 16
"""How far beyond the difference in length an item alignment may wander from the diagonal."""


def first_difference(
    source_items: list[str], items: list[str], lexicon: Lexicon = ()
) -> int:
    """Index in `items` where a translated list stops matching the source list one to one.

    Translations differ in wording, so items are matched by relative length and by shared
    letter trigrams (cognates and loan words: *Produkt*, *online*, *RFQ*): a sequence alignment
    where pairing two items costs the distance of their scaled lengths less their trigram
    overlap, and a dropped, added or merged item costs a fixed penalty. The first step of the
    cheapest alignment that is not a one-to-one pairing is where the lists part ways. What
    survives translation (code, numbers, acronyms, the `lexicon`'s terms: see
    :func:`core.align.marks`) counts more than the letters.
    """
    if not source_items or not items:
        return 0
    # Mean lengths, not sums: a dropped item must not shrink the expected length of the rest.
    mean_length = sum(map(len, items)) / len(items)
    source_mean_length = sum(map(len, source_items)) / len(source_items)
    scale = mean_length / max(1.0, source_mean_length)

    source_terms = [has for has, _ in lexicon]
    terms = [has for _, has in lexicon]
    source_marks = functools.lru_cache(maxsize=None)(lambda text: marks(text, source_terms))
    translated_marks = functools.lru_cache(maxsize=None)(lambda text: marks(text, terms))

    def pair_cost(source_text: str, text: str) -> float:
        if source_text == text:
            return -1.0 - _MARK_WEIGHT  # the best any pair scores: every letter and mark shared
        length_cost = abs(math.log((len(text) + 4) / (scale * len(source_text) + 4)))
        shared = shared_marks(source_marks(source_text), translated_marks(text))
        return length_cost - _trigram_overlap(source_text, text) - _MARK_WEIGHT * (shared or 0.0)

    gap = 0.9
    rows, cols = len(source_items), len(items)
    # Only cells near the diagonal: an alignment straying further would drop and add more than
    # _ALIGNMENT_SLACK items, and the full table of two lists of 10,000 items would not fit.
    low = min(0, cols - rows) - _ALIGNMENT_SLACK
    high = max(0, cols - rows) + _ALIGNMENT_SLACK
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    step: dict[tuple[int, int], str] = {}
    for i in range(rows + 1):
        for j in range(max(0, i + low), min(cols, i + high) + 1):
            here = cost.get((i, j), math.inf)
            if here == math.inf:
                continue
            moves = []
            if i < rows and j < cols:
                moves.append((i + 1, j + 1, here + pair_cost(source_items[i], items[j]), "pair"))
            if i + 1 < rows and j < cols:  # two source items merged into one
                merged = source_items[i] + " " + source_items[i + 1]
                moves.append((i + 2, j + 1, here + gap * 0.5 + pair_cost(merged, items[j]),
                              "merge"))
            if i < rows:
                moves.append((i + 1, j, here + gap, "drop"))
            if j < cols:
                moves.append((i, j + 1, here + gap, "add"))
            for ni, nj, value, name in moves:
                if low <= nj - ni <= high and value < cost.get((ni, nj), math.inf):
                    cost[ni, nj], step[ni, nj] = value, name
    path: list[tuple[str, int]] = []
    i, j = rows, cols
    while i or j:
        name = step[i, j]
        path.append((name, j))
        i, j = {"pair": (i - 1, j - 1), "merge": (i - 2, j - 1),
                "drop": (i - 1, j), "add": (i, j - 1)}[name]
    for name, j_after in reversed(path):
        if name != "pair":
            return j_after - 1 if name in ("merge", "add") else j_after
    return min(len(items), len(source_items))


@functools.lru_cache(maxsize=4096)  # each item is paired with every item in its band
def _trigrams(text: str) -> frozenset[str]:
    words = "".join(char if char.isalnum() else " " for char in text.lower()).split()
    return frozenset(word[i:i + 3] for word in words for i in range(max(1, len(word) - 2)))


def _trigram_overlap(first: str, second: str) -> float:
    """Jaccard overlap of the two texts' letter trigrams, 0 (nothing shared) to 1."""
    a, b = _trigrams(first), _trigrams(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def _section_of(stages: Iterable[Stage], line: int) -> Stage | None:
    current = None
    for stage in stages:
        if stage.line <= line:
            current = stage
    return current


def _reference_parity(
    source: ParsedPage, page: ParsedPage, pairs: list[tuple[Stage, Stage]]
) -> list[Diagnostic]:
    """PB501 for each reference of the source the translation lacks. Where the translation has,
    in the same section, a reference of the same kind the source lacks, the target was changed:
    one finding names both (`diagram.png` became `diagram.svg`), not a missing and an extra."""
    key = _REFERENCE_KEY
    if list(map(key, source.references)) == list(map(key, page.references)):
        return []  # the same references in the same order
    have = Counter(key(reference) for reference in page.references)
    wanted = Counter(key(reference) for reference in source.references)
    counterpart = {id(source_stage): stage for source_stage, stage in pairs}
    extra: dict[tuple[int | None, str], list[Reference]] = {}  # by section line and kind
    for reference in page.references:
        if wanted[key(reference)] > 0:
            wanted[key(reference)] -= 1
            continue
        stage = _section_of(page.stages, reference.line)
        extra.setdefault((stage.line if stage else None, reference.kind), []).append(reference)
    found = []
    for reference in source.references:
        if have[key(reference)] > 0:
            have[key(reference)] -= 1
            continue
        source_stage = _section_of(source.stages, reference.line)
        stage = counterpart.get(id(source_stage)) if source_stage else None
        if source_stage is not None and stage is None:
            continue  # its stage is missing, and that is reported once, as PB301
        where = f"stage {_describe(stage)}" if stage else "the introduction"
        target = _target(reference)
        replacements = extra.get((stage.line if stage else None, reference.kind))
        if replacements:
            changed = replacements.pop(0)
            found.append(diagnostic(
                "PB501", page.path, changed.line,
                f"{reference.kind} `{target}` of the source is `{_target(changed)}` here",
                expected=f"`{target}` (source {source.path}:{reference.line})",
                found=changed.target,
                hint="Keep the source's target; change it in the source first if it moved.",
            ))
            continue
        line = _section_end(page, stage) if stage else (page.title_line or 1)
        found.append(diagnostic(
            "PB501", page.path, line,
            f"{reference.kind} `{target}` of the source is missing in {where}",
            expected=f"a reference to `{target}` (source {source.path}:{reference.line})",
            found="no such reference",
        ))
    return found


def _target(reference: Reference) -> str:
    return reference.target + (f"#{reference.fragment}" if reference.fragment else "")


def _section_end(page: ParsedPage, stage: Stage) -> int:
    """The last line in a section that holds anything (an item, a paragraph, a reference)."""
    later = [s.line for s in page.stages if s.line > stage.line]
    limit = min(later) if later else page.line_count + 1
    lines = [stage.line]
    lines += [item.line for item in stage.capabilities.items]
    lines += list(stage.capabilities.prose_lines)
    lines += [ref.line for ref in page.references if stage.line <= ref.line < limit]
    return max(line for line in lines if line < limit)
