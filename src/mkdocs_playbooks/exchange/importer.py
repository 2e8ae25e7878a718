"""Turn translated exchange files back into a locale's pages, or say exactly why not.

Every file is read and checked before anything is written: the target language is a
translated locale, the page is one of the source's, neither page changed since the export
(unless forced), every unit is a segment of the page and every segment has its unit, every
target keeps each of its segment's placeholders exactly once, and the page that results passes
the parity check's structure rules. Only then are the pages that differ written, each
atomically.

The page is rewritten in place when the translation has the source's segments in the source's
order (then only the segments' text changes, and unchanged units give the page back byte for
byte); otherwise it is rebuilt on the source page's skeleton, with ``[untranslated]`` before
the source text of each segment the file leaves empty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from mkdocs_playbooks.core.atomic_write import write_file_atomically
from mkdocs_playbooks.core.compare import align_stages, compare_page
from mkdocs_playbooks.core.diagnostics import Severity
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.core.schema import (
    DEFAULT_SCHEMA,
    HT_DEGREE,
    SOURCE_COMMIT,
    SOURCE_WORDCOUNT,
    STABLE_ID,
    WORKFLOW_TYPE,
    FrontMatterSchema,
)
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.exchange.alignment import aligned_segments, translated_text
from mkdocs_playbooks.exchange.export import export_page, text_checksum
from mkdocs_playbooks.exchange.formats import (
    NEEDS_REVIEW,
    NEW,
    REVIEWED,
    TRANSLATED,
    ExchangeError,
    ExchangeFile,
    Unit,
    describe_states,
    read_exchange,
)
from mkdocs_playbooks.exchange.front_matter import split_front_matter, with_values
from mkdocs_playbooks.exchange.inline import Part, Placeholder, join_parts
from mkdocs_playbooks.exchange.segments import TEXT_KEYS, Segment, page_segments, render_body
from mkdocs_playbooks.status.git_history import GitRepository
from mkdocs_playbooks.status.report import UNTRANSLATED_MARKER, UNTRANSLATED_WORKFLOW

STRUCTURE_RULES = ("PB3", "PB4", "PB501")
"""Rule id prefixes of the structure an import must never break (stages, capabilities,
references)."""

HUMAN_WORKFLOW, CAT_WORKFLOW = "ht", "tm+mt"


@dataclass(frozen=True)
class ImportOptions:
    schema: FrontMatterSchema = DEFAULT_SCHEMA  # the keys of the localization roles
    force: bool = False  # import although a page changed since the export
    workflow_type: str | None = None  # workflow-type to record; None: see `_workflow`
    reviewed: bool = False  # a person reviewed every translated segment of these files


@dataclass(frozen=True)
class PlannedPage:
    """A page an import writes (or leaves as it is, when `changed` is False)."""

    path: Path
    display: str
    text: str
    changed: bool
    summary: str


def plan_import(tree: DocsTree, repo: GitRepository, files: Sequence[tuple[str, bytes]],
                options: ImportOptions) -> list[PlannedPage]:
    """The pages `files` (display path, bytes) give; raises :class:`ExchangeError` for the
    first file that cannot be imported."""
    planned: list[PlannedPage] = []
    for display, raw in files:
        page = _plan_file(tree, repo, read_exchange(display, raw), options)
        if any(other.path == page.path for other in planned):
            raise ExchangeError(display, 1, f"{page.display} is imported from another file "
                                "of this import already; give each page once")
        planned.append(page)
    return planned


def write_pages(planned: Sequence[PlannedPage]) -> None:
    for page in planned:
        if page.changed:
            write_file_atomically(page.path, page.text, replace=True)


def _plan_file(tree: DocsTree, repo: GitRepository, document: ExchangeFile,
               options: ImportOptions) -> PlannedPage:
    path = document.path
    translations = {pages.locale: pages for pages in tree.translations()}
    if document.locale not in translations:
        raise ExchangeError(path, 1, f"target language `{document.locale}` is not a translated "
                            f"locale of mkdocs.yml ({', '.join(translations) or 'none'})")
    source = next((p for p in tree.source.pages.values() if p.path == document.source_path),
                  None)
    if source is None:
        raise ExchangeError(path, 1, f"the file is for `{document.source_path}`, which is not "
                            f"a page of {tree.source.folder}")
    rel_path = source.rel_path
    page = tree.page(document.locale, rel_path)
    target_file = tree.file_path(document.locale, rel_path)
    display = tree.display(target_file)
    _check_unchanged(document, source, page, display, options)
    segments = page_segments(source)
    units = _units_by_segment(document, source, segments, options)
    targets = {s.id: _rendered(path, units[s.id], s) for s in segments
               if units[s.id].target is not None}
    expected = export_page(tree, document.locale, rel_path, repo, None, options.schema).document
    changed = any(_key(unit) != _key(units[unit.id]) for unit in expected.units)
    values = _localization(document, source, page, list(units.values()), options) \
        if changed or page is None else {}
    alignment = aligned_segments(source, page) if page is not None else None
    if page is not None and not changed:
        text = page.text  # nothing to bring in: the page stays as it is, whatever its shape
    elif page is not None and alignment is not None and alignment.in_place:
        # In the source's link markup: a scaffold's `[untranslated] [Awareness](#awareness)`
        # is one segment where the source's is the link text alone.
        wrapped = {s.id: s.outer(targets[s.id]) for s in segments if s.id in targets}
        text = _rewritten(page, alignment.segments, wrapped, values)
    else:
        if alignment is not None and not options.force:
            _check_nothing_lost(path, display, segments, alignment.segments)
        text = _rebuilt(source, page, segments, targets, values)
    differs = page is None or text != page.text
    if differs:
        _check_structure(path, source, display, rel_path, document.locale, text)
    summary = ("created" if page is None else "updated" if differs else "unchanged") + (
        f" ({describe_states(list(units.values()))})")
    return PlannedPage(target_file, display, text, differs, summary)


def _check_nothing_lost(path: str, display: str, segments: list[Segment],
                        translated: list[Segment]) -> None:
    """Refuse to rebuild a page on the source's skeleton when that would drop text of the
    translation that pairs with no source segment (an item the source does not have)."""
    known = {segment.id for segment in segments}
    lost = [s for s in translated if s.id not in known and translated_text(s) is not None]
    if lost:
        more = f", and {len(lost) - 1} more" if len(lost) > 1 else ""
        raise ExchangeError(path, 0, f"{display}:{lost[0].line}: the page has text no source "
                            f"segment pairs with ({lost[0].kind} `{lost[0].text[:60]}`{more}); "
                            "the import would rebuild the page on the source's structure and "
                            "drop it: bring the page in line with the source first, or import "
                            "with --force to rebuild it")


def _check_unchanged(document: ExchangeFile, source: ParsedPage, page: ParsedPage | None,
                     display: str, options: ImportOptions) -> None:
    """Refuse a file whose pages changed since the export, unless forced."""
    facts, path = document.facts, document.path
    if facts.get("page") != display:
        raise ExchangeError(path, document.header_lines.get("page", 1),
                            f"the file is for page `{facts.get('page')}`, not {display}")
    if options.force:
        return
    for fact, checked, name in (("source-sha256", source, source.path),
                                ("page-sha256", page, display)):
        if facts.get(fact) != text_checksum(checked):
            raise ExchangeError(path, document.header_lines.get(fact, 1),
                                f"{name} is not the page this file was exported from (it "
                                "changed since the export, or the file is for another page): "
                                "export again, or import with --force")


def _units_by_segment(document: ExchangeFile, source: ParsedPage, segments: list[Segment],
                      options: ImportOptions) -> dict[str, Unit]:
    path = document.path
    known = {s.id: s for s in segments}
    units: dict[str, Unit] = {}
    for unit in document.units:
        segment = known.get(unit.id)
        if segment is None:
            raise ExchangeError(path, unit.line, f"segment id `{unit.id}` does not exist in "
                                f"{source.path}")
        if unit.id in units:
            raise ExchangeError(path, unit.line, f"segment `{unit.id}` is in the file twice")
        if _canonical(unit.source) != _canonical(segment.parts):
            if not options.force:
                raise ExchangeError(path, unit.line, f"the source of segment `{unit.id}` is "
                                    f"not the text of {source.path}:{segment.line} now: export "
                                    "again, or import with --force")
            unit = Unit(unit.id, segment.parts, unit.target, NEEDS_REVIEW, line=unit.line)
        units[unit.id] = unit
    missing = [s for s in segments if s.id not in units]
    if missing:
        first = missing[0]
        raise ExchangeError(path, document.units[-1].line if document.units else 1,
                            f"segment `{first.id}` ({first.context}, {source.path}:"
                            f"{first.line}) is missing from the file"
                            + (f", and {len(missing) - 1} more" if len(missing) > 1 else ""))
    return units


def _canonical(parts: Sequence[Part]) -> str:
    """Parts as text with numbered placeholders, to compare a unit with a segment."""
    return "".join(p if isinstance(p, str) else f"{{{p.number}}}" for p in parts)


def _key(unit: Unit) -> tuple[str | None, str]:
    return (None if unit.target is None else _canonical(unit.target)), unit.state


def _rendered(path: str, unit: Unit, segment: Segment) -> str:
    """The unit's target as Markdown, each placeholder its segment's markup; an error names
    the first placeholder that is missing, repeated or unknown."""
    markup = {p.number: p.markup for p in segment.parts if isinstance(p, Placeholder)}
    target = unit.target or ()
    counts = Counter(p.number for p in target if isinstance(p, Placeholder))
    where = f"segment `{unit.id}`"
    for number, count in sorted(counts.items()):
        if number not in markup:
            raise ExchangeError(path, unit.line, f"{where}: placeholder {number} is not one of "
                                f"the source's ({len(markup)} placeholders)")
        if count > 1:
            raise ExchangeError(path, unit.line, f"{where}: placeholder {number} "
                                f"(`{markup[number]}`) appears {count} times; keep it once")
    for number, text in sorted(markup.items()):
        if number not in counts:
            raise ExchangeError(path, unit.line, f"{where}: placeholder {number} (`{text}`) is "
                                "missing from the translation; put it back")
    text = join_parts([p if isinstance(p, str) else Placeholder(p.number, markup[p.number])
                       for p in target])
    if "\n" in text and "\n" not in segment.text:
        raise ExchangeError(path, unit.line, f"{where}: the translation has a line break; the "
                            f"{segment.kind} is one line in the source: keep it on one line")
    if "\n" in text and any(not line.strip() for line in text.split("\n")):
        raise ExchangeError(path, unit.line, f"{where}: the translation has an empty line, "
                            f"which would end the {segment.kind}; remove it")
    return text


def _localization(document: ExchangeFile, source: ParsedPage, page: ParsedPage | None,
                  units: list[Unit], options: ImportOptions) -> dict[str, object]:
    """The localization keys to record: the source commit and word count once every segment
    is translated, the share a person vouched for as ht-degree, and the workflow."""
    key = options.schema.key

    def current(name: str) -> object:
        return page.meta(name) if page is not None else None

    complete = all(unit.state in (TRANSLATED, REVIEWED) for unit in units)
    values: dict[str, object] = {}
    if source.meta(key(STABLE_ID)) and current(key(STABLE_ID)) in (None, ""):
        values[key(STABLE_ID)] = source.meta(key(STABLE_ID))
    if complete or current(key(SOURCE_COMMIT)) in (None, ""):
        values[key(SOURCE_COMMIT)] = document.facts.get("source-commit", "")
        values[key(SOURCE_WORDCOUNT)] = int(document.facts.get("source-wordcount") or 0)
    vouched = sum(unit.state == REVIEWED or options.reviewed and unit.state == TRANSLATED
                  for unit in units)
    degree = round(100 * vouched / len(units)) if units else 0
    values[key(WORKFLOW_TYPE)] = _workflow(current(key(WORKFLOW_TYPE)), degree, units, options)
    values[key(HT_DEGREE)] = f"{degree}%"
    # Compared as text: a word count recorded as '374' needs no rewriting as 374.
    return {key: value for key, value in values.items() if str(value) != str(current(key))}


def _workflow(now: object, degree: int, units: list[Unit], options: ImportOptions) -> str:
    """What `workflow-type` says: as asked; else the page's own unless it was untranslated;
    then ht when a person vouched for every segment, tm+mt when a CAT tool's memory and
    machine translation may have made any of it, untranslated when nothing is translated."""
    if options.workflow_type:
        return options.workflow_type
    if now not in (None, "", UNTRANSLATED_WORKFLOW):
        return str(now)
    if all(unit.state == NEW for unit in units):
        return UNTRANSLATED_WORKFLOW
    return HUMAN_WORKFLOW if degree == 100 else CAT_WORKFLOW


def _rewritten(page: ParsedPage, segments: list[Segment], targets: Mapping[str, str],
               values: Mapping[str, object]) -> str:
    """The translated page with its segments' text replaced (and its front matter keys set)."""
    values = {**_text_values(page, targets), **values}
    text = render_body(page, segments, targets)  # the front matter is left as it is
    block, _ = split_front_matter(page)
    return with_values(block, page.front_matter, values) + text[len(block):]


def _rebuilt(source: ParsedPage, page: ParsedPage | None, segments: list[Segment],
             targets: Mapping[str, str], values: Mapping[str, object]) -> str:
    """The page built on the source's skeleton: its own front matter when it has a usable one
    (else the source's), each segment's target, or the marked source text when it has none."""
    texts = {s.id: s.outer(targets[s.id]) if s.id in targets else _marked(s)
             for s in segments}
    source_block, _ = split_front_matter(source)
    body = render_body(source, segments, texts)[len(source_block):]
    usable = page is not None and page.front_matter_end and not any(
        problem.rule in ("PB201", "PB202") for problem in page.problems)
    owner = page if usable and page is not None else source
    block, _ = split_front_matter(owner)
    all_values = {**_text_values(owner, texts), **values}
    return with_values(block, owner.front_matter, all_values) + body


def _marked(segment: Segment) -> str:
    """Untranslated, as ``new-locale`` marks it: the marker before the source's markup."""
    return UNTRANSLATED_MARKER + segment.outer(segment.text)


def _text_values(page: ParsedPage, texts: Mapping[str, str]) -> dict[str, object]:
    """The translated front matter values (title, description) that differ from the page's."""
    return {key: texts[key] for key in TEXT_KEYS
            if key in texts and texts[key] != page.meta(key)}


def _check_structure(path: str, source: ParsedPage, display: str, rel_path: str, locale: str,
                     text: str) -> None:
    """Refuse a result the parity check would fail on structure (stages, lists, links)."""
    result = parse_page(display, rel_path, locale, text.encode("utf-8"))
    for finding in compare_page(source, result, align_stages(source, result)):
        if finding.severity >= Severity.ERROR and finding.rule.startswith(STRUCTURE_RULES):
            raise ExchangeError(path, 0, f"importing would break {display}:{finding.line}: "
                                f"{finding.rule} {finding.message}; fix the segment in the "
                                "file (its markup) and import again")
