"""Translation status: for every locale and page, up to date, outdated, missing or untranslated.

The pure core behind ``playbook status``, the reader notices and the status page. It reads the
parsed docs tree and what git knows about the source pages; it never writes anything.

- **missing**: the source has the page, the locale does not.
- **untranslated**: the page is the scaffolder's placeholder (``workflow-type: untranslated``).
- **outdated**: the source page differs from the text it had at the translation's
  ``source-git-commit`` (uncommitted edits count, see :mod:`status.git_history`). When git cannot
  answer (no git, no repository, a shallow clone without that commit, an unknown commit, a source
  page never committed) the recorded ``source-wordcount`` is compared with the source's count now:
  any difference is outdated, and a note says that the word count decided.
  With neither record usable the page counts as outdated, since nobody can vouch for it.
- **up-to-date**: everything else.

Independently, a translated page is **machine-translated** when its ``workflow-type`` has an
``mt`` token (``mt``, ``tm+mt``) and its ``ht-degree`` (share reviewed by a person) is below
:data:`REVIEWED_DEGREE`.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from mkdocs_playbooks.core.front_matter_values import is_word_count
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.schema import (
    DEFAULT_SCHEMA,
    HT_DEGREE,
    SOURCE_COMMIT,
    SOURCE_WORDCOUNT,
    WORKFLOW_TYPE,
    FrontMatterSchema,
)
from mkdocs_playbooks.core.settings import Locale
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.status.git_history import GitRepository

UNTRANSLATED_WORKFLOW = "untranslated"
"""The ``workflow-type`` value of a page nobody has translated yet."""

UNTRANSLATED_MARKER = "[untranslated] "
"""Prefix of every heading, list item and paragraph ``new-locale`` scaffolds, so nobody
mistakes the source text for a translation."""

REVIEWED_DEGREE = 50.0
"""An ``mt`` page counts as reviewed (no machine-translation notice) from this ``ht-degree`` on."""

FULL_COMMIT_ID = re.compile(r"[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")
"""A commit's whole id, SHA-1 or SHA-256: the only ``source-git-commit`` git is asked about."""
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*$")


class PageState(str, enum.Enum):
    UP_TO_DATE = "up-to-date"
    OUTDATED = "outdated"
    MISSING = "missing"
    UNTRANSLATED = "untranslated"


@dataclass(frozen=True)
class PageStatus:
    """Where one page of one locale stands against its source page."""

    locale: str
    rel_path: str  # inside the locale folder, e.g. "playbooks/commerce-strategy.md"
    path: str  # the translation as shown to people (where it would be, when missing)
    source_path: str
    title: str  # the translation's title; the source's when the page is missing
    source_title: str
    source_word_count: int  # the source page's count now (what source-wordcount should record)
    state: PageState
    machine_translated: bool = False
    workflow_type: str | None = None
    ht_degree: float | None = None
    recorded_commit: str | None = None  # source-git-commit as written
    compared_commit: str | None = None  # the full hash git compared with, when git decided
    decided_by: str | None = None  # "git", "word count" or None (missing, untranslated, unknown)
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class LocaleSummary:
    total: int
    up_to_date: int
    outdated: int
    missing: int
    untranslated: int
    machine_translated: int

    @property
    def translated(self) -> int:
        """Pages that exist as a real translation (up to date or not)."""
        return self.up_to_date + self.outdated

    def counts(self) -> dict[str, int]:
        """Each count by its slug, in the order every report shows them."""
        return {"up-to-date": self.up_to_date, "outdated": self.outdated,
                "missing": self.missing, "untranslated": self.untranslated,
                "machine-translated": self.machine_translated}

    @classmethod
    def of(cls, pages: Iterable[PageStatus]) -> LocaleSummary:
        pages = list(pages)
        count = {state: sum(page.state is state for page in pages) for state in PageState}
        return cls(
            total=len(pages),
            up_to_date=count[PageState.UP_TO_DATE],
            outdated=count[PageState.OUTDATED],
            missing=count[PageState.MISSING],
            untranslated=count[PageState.UNTRANSLATED],
            machine_translated=sum(page.machine_translated for page in pages),
        )


@dataclass(frozen=True)
class LocaleStatus:
    locale: str
    name: str
    pages: tuple[PageStatus, ...]  # one per source page, in the source's order

    @cached_property
    def summary(self) -> LocaleSummary:
        return LocaleSummary.of(self.pages)

    @cached_property
    def _by_path(self) -> dict[str, PageStatus]:
        return {page.rel_path: page for page in self.pages}

    def page_for(self, rel_path: str) -> PageStatus | None:
        return self._by_path.get(rel_path)


@dataclass(frozen=True)
class StatusReport:
    """Every translated locale's status, and whether git history could be used."""

    source_locale: str
    source_name: str
    source_pages: tuple[str, ...]  # rel paths, sorted
    locales: tuple[LocaleStatus, ...]
    git_problem: str | None  # why git history could not be used at all, None when it could
    shallow: bool = False
    schema: FrontMatterSchema = DEFAULT_SCHEMA  # the keys that hold the localization roles

    # Looked up for every page of every language pass: indexed once, not scanned each time.
    @cached_property
    def _by_locale(self) -> dict[str, LocaleStatus]:
        return {status.locale: status for status in self.locales}

    @cached_property
    def _source_page_set(self) -> frozenset[str]:
        return frozenset(self.source_pages)

    def has_source_page(self, rel_path: str) -> bool:
        return rel_path in self._source_page_set

    def page(self, locale: str, rel_path: str) -> PageStatus | None:
        status = self._by_locale.get(locale)
        return status.page_for(rel_path) if status is not None else None

    def alternate_locales(self, rel_path: str) -> list[str]:
        """Locales that have `rel_path` in their own language: the source, then every locale
        with a real translation, outdated or not. Missing and untranslated pages would show the
        source's text, so they are not alternates."""
        if not self.has_source_page(rel_path):
            return []
        translated = (PageState.UP_TO_DATE, PageState.OUTDATED)
        return [self.source_locale] + [
            status.locale for status in self.locales
            if (page := status.page_for(rel_path)) is not None and page.state in translated
        ]

    @property
    def warnings(self) -> list[str]:
        return [warning for status in self.locales for page in status.pages
                for warning in page.warnings]


def parse_degree(value: object) -> float | None:
    """``ht-degree`` as a percentage: ``"0%"``, ``"85 %"``, ``85`` or ``"85"``; None if unusable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        match = _PERCENT.match(str(value))
        if not match:
            return None
        number = float(match.group(1))
    return number if 0 <= number <= 100 else None


def workflow_tokens(value: object) -> set[str]:
    """``"tm+mt"`` -> ``{"tm", "mt"}``."""
    if value is None:
        return set()
    return {token.strip().lower() for token in str(value).split("+") if token.strip()}


def is_machine_translated(workflow_type: object, ht_degree: object) -> bool:
    """An ``mt`` workflow that a person has reviewed less than :data:`REVIEWED_DEGREE` of
    (an unreadable or absent degree counts as not reviewed)."""
    if "mt" not in workflow_tokens(workflow_type):
        return False
    degree = parse_degree(ht_degree)
    return degree is None or degree < REVIEWED_DEGREE


def parse_wordcount(value: object) -> int | None:
    """``source-wordcount`` as a number; None unless it is one (see :func:`is_word_count`)."""
    return int(str(value).strip()) if is_word_count(value) else None


@dataclass(frozen=True)
class _Freshness:
    outdated: bool
    decided_by: str | None
    compared_commit: str | None = None
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def _freshness(page: ParsedPage, source: ParsedPage, source_file: Path,
               repo: GitRepository, schema: FrontMatterSchema) -> _Freshness:
    """Has the source changed since this translation was made? Git first, word count after."""
    commit_key, count_key = schema.key(SOURCE_COMMIT), schema.key(SOURCE_WORDCOUNT)
    raw_commit = page.meta(commit_key)
    recorded = str(raw_commit).strip() if raw_commit not in (None, "") else None
    commit_at = f"{page.path}:{page.meta_line(commit_key)}"
    warnings: list[str] = []
    if not repo.available:
        why = f"git history unavailable ({repo.problem})"
    elif recorded is None:
        why = f"no {commit_key} recorded"
        warnings.append(f"{page.path}:{page.front_matter_end or 1}: no {commit_key} "
                        f"recorded; judged by {count_key}")
    elif not FULL_COMMIT_ID.fullmatch(recorded):
        # `HEAD` or `master` would resolve, and move with every commit: the page would never
        # be outdated. Only the id of one commit records what the translation was made from.
        why = f"`{recorded}` is not a full commit id"
        warnings.append(f"{commit_at}: {commit_key} `{recorded}` is not a full commit id "
                        f"(40 hexadecimal digits); judged by {count_key}")
    elif (commit := repo.resolve_commit(recorded)) is None:
        where = "this shallow clone" if repo.shallow else "this repository"
        why = f"commit {recorded} not found"
        warnings.append(f"{commit_at}: {commit_key} `{recorded}` is not a commit in "
                        f"{where}; judged by {count_key}")
    elif not repo.is_committed(source_file):
        why = f"{source.path} is not committed yet"
    else:
        changed = repo.changed_since(commit, source_file)
        if changed is not None:
            note = f"{source.path} changed since {commit[:12]}" if changed else ""
            return _Freshness(changed, "git", commit, (note,) if note else ())
        why = f"git diff against {commit[:12]} failed"
    recorded_count = parse_wordcount(page.meta(count_key))
    if recorded_count is None:
        warnings.append(f"{page.path}:{page.meta_line(count_key)}: no usable "
                        f"{count_key} either ({why}); counted as outdated")
        return _Freshness(True, None, notes=(f"{why}; no {count_key} to compare",),
                          warnings=tuple(warnings))
    note = f"{why}: word count {recorded_count} -> {source.word_count}"
    return _Freshness(recorded_count != source.word_count, "word count", notes=(note,),
                      warnings=tuple(warnings))


def page_status(locale: str, path: str, source: ParsedPage, page: ParsedPage | None,
                source_file: Path, repo: GitRepository,
                schema: FrontMatterSchema = DEFAULT_SCHEMA) -> PageStatus:
    """The status of one translation (`page`, None when missing, then at `path`) of one source
    page; `schema` says which front matter keys hold the localization roles."""
    missing = PageStatus(locale=locale, rel_path=source.rel_path,
                         path=path, source_path=source.path,
                         title=source.display_title, source_title=source.display_title,
                         source_word_count=source.word_count, state=PageState.MISSING)
    if page is None:
        return missing
    workflow, degree = page.meta(schema.key(WORKFLOW_TYPE)), page.meta(schema.key(HT_DEGREE))
    recorded = page.meta(schema.key(SOURCE_COMMIT))
    present = dataclasses.replace(
        missing, path=page.path, title=page.display_title,
        workflow_type=None if workflow is None else str(workflow),
        ht_degree=parse_degree(degree),
        recorded_commit=None if recorded is None else str(recorded),
    )
    if UNTRANSLATED_WORKFLOW in workflow_tokens(workflow):
        return dataclasses.replace(present, state=PageState.UNTRANSLATED)
    fresh = _freshness(page, source, source_file, repo, schema)
    return dataclasses.replace(
        present,
        state=PageState.OUTDATED if fresh.outdated else PageState.UP_TO_DATE,
        machine_translated=is_machine_translated(workflow, degree),
        compared_commit=fresh.compared_commit, decided_by=fresh.decided_by,
        notes=fresh.notes, warnings=fresh.warnings,
    )


def compute_status(tree: DocsTree, locales: Iterable[Locale], repo: GitRepository,
                   schema: FrontMatterSchema = DEFAULT_SCHEMA) -> StatusReport:
    """The status of every translated locale of `tree` (the source locale is not listed)."""
    names = {locale.code: locale.name for locale in locales}
    source_pages = sorted(tree.source.pages)
    repo.ask_in_bulk(tree.docs_dir / tree.source_locale)
    repo.resolve_commits(
        str(page.meta("source-git-commit")).strip() for translation in tree.translations()
        for page in translation.pages.values() if page.meta("source-git-commit") not in (None, "")
    )
    statuses = []
    for translation in tree.translations():
        pages = tuple(
            page_status(translation.locale, translation.display_path(rel_path),
                        tree.source.pages[rel_path], translation.pages.get(rel_path),
                        tree.file_path(tree.source_locale, rel_path), repo, schema)
            for rel_path in source_pages
        )
        statuses.append(LocaleStatus(translation.locale,
                                     names.get(translation.locale, translation.locale), pages))
    return StatusReport(
        source_locale=tree.source_locale,
        source_name=names.get(tree.source_locale, tree.source_locale),
        source_pages=tuple(source_pages),
        locales=tuple(statuses),
        git_problem=repo.problem,
        shallow=repo.shallow,
        schema=schema,
    )


def source_diff(page: PageStatus, tree: DocsTree, repo: GitRepository) -> str | None:
    """What changed in the source page since the translation's commit (git-decided pages)."""
    if page.state is not PageState.OUTDATED or page.compared_commit is None:
        return None
    return repo.diff_since(page.compared_commit,
                          tree.file_path(tree.source_locale, page.rel_path))

