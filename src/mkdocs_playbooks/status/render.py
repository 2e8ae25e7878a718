"""Render a translation status report: a table per locale for people, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from mkdocs_playbooks.core.schema import HT_DEGREE, SOURCE_WORDCOUNT
from mkdocs_playbooks.core.text import one_line

if TYPE_CHECKING:  # the status module imports this one to render its command's output
    from mkdocs_playbooks.status.report import LocaleStatus, PageStatus, StatusReport

STATUS_FORMAT_VERSION = 1

Diffs = Mapping[tuple[str, str], "str | None"]
"""(locale, rel path) -> the source diff since the translation's commit, when asked for."""


def summary_counts(status: LocaleStatus) -> list[tuple[str, int]]:
    """The non-zero counts of a locale, labelled, in a fixed order."""
    counts = status.summary.counts().items()
    return [("up to date" if slug == "up-to-date" else slug, count) for slug, count in counts
            if count]


def locale_summary_line(status: LocaleStatus, width: int = 0) -> str:
    """``sv  2/2 pages  1 up to date  1 outdated  2 machine-translated``"""
    summary = status.summary
    parts = [f"{status.locale:<{width}}", f"{summary.translated}/{summary.total} pages"]
    parts += [f"{count} {label}" for label, count in summary_counts(status)]
    return "  ".join(parts)


def _state_text(page: PageStatus, degree_key: str) -> str:
    text = page.state.value.replace("-", " ")
    if page.machine_translated:
        degree = "?" if page.ht_degree is None else f"{page.ht_degree:g}%"
        text += f", machine-translated ({page.workflow_type}, {degree_key} {degree})"
    return text


def render_status_text(report: StatusReport, diffs: Diffs | None = None) -> str:
    """A table per locale (page, state, notes), then one summary line per locale."""
    lines: list[str] = []
    degree_key = report.schema.key(HT_DEGREE)
    count_key = report.schema.key(SOURCE_WORDCOUNT)
    width = max((len(page.rel_path) for status in report.locales for page in status.pages),
                default=0)
    for status in report.locales:
        lines.append(f"{status.locale}  {status.name}")
        for page in status.pages:
            lines.append(f"  {page.rel_path:<{width}}  {_state_text(page, degree_key)}")
            lines += [f"  {'':<{width}}    {note}" for note in page.notes]
            if page.state.value == "outdated":
                lines.append(f"  {'':<{width}}    the source has {page.source_word_count} words "
                             f"now ({count_key}, once the translation is updated)")
            if diffs is not None and page.state.value == "outdated":
                lines += _diff_lines(page, diffs.get((page.locale, page.rel_path)))
        lines.append("")
    if report.git_problem:
        lines.append(f"git history unavailable ({report.git_problem}): outdated pages are "
                     f"judged by {count_key} drift")
    elif report.shallow:
        lines.append("shallow clone: commits before the clone's depth are unknown, and pages "
                     f"that name them are judged by {count_key} drift")
    code_width = max((len(status.locale) for status in report.locales), default=0)
    lines += [locale_summary_line(status, code_width) for status in report.locales]
    # Titles, workflow types and commits come from pages: no control character reaches the
    # terminal, and none of their line breaks starts a line of its own.
    return "\n".join(map(one_line, lines)).strip("\n")


def _diff_lines(page: PageStatus, diff: str | None) -> list[str]:
    if diff:
        return ["", *(f"    {line}" for line in diff.splitlines()), ""]
    if page.compared_commit is None:
        return [f"    (no diff: {page.decided_by or 'nothing'} decided this page, not git)"]
    return [f"    (no diff: git could not produce one against {page.compared_commit[:12]})"]


def status_document(report: StatusReport, diffs: Diffs | None = None) -> dict:
    """The report as plain data: what ``--format json`` prints."""
    return {
        "version": STATUS_FORMAT_VERSION,
        "source_locale": report.source_locale,
        "git": {"available": report.git_problem is None, "problem": report.git_problem,
                "shallow": report.shallow},
        "locales": [
            {
                "locale": status.locale,
                "name": status.name,
                "summary": {"pages": status.summary.total,
                            "translated": status.summary.translated,
                            **{slug.replace("-", "_"): count
                               for slug, count in status.summary.counts().items()}},
                "pages": [_page_document(page, diffs) for page in status.pages],
            }
            for status in report.locales
        ],
    }


def _page_document(page: PageStatus, diffs: Diffs | None) -> dict:
    document = {
        "page": page.rel_path,
        "path": page.path,
        "source_path": page.source_path,
        "title": page.title,
        "state": page.state.value,
        "machine_translated": page.machine_translated,
        "workflow_type": page.workflow_type,
        "ht_degree": page.ht_degree,
        "source_git_commit": page.recorded_commit,
        "source_wordcount": page.source_word_count,
        "decided_by": page.decided_by,
        "notes": list(page.notes),
        "warnings": list(page.warnings),
    }
    if diffs is not None:
        document["diff"] = diffs.get((page.locale, page.rel_path))
    return document


def render_status_json(report: StatusReport, diffs: Diffs | None = None) -> str:
    return json.dumps(status_document(report, diffs), indent=2, ensure_ascii=False)
