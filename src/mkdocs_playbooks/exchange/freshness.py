"""Which segments of a source page changed since the commit a translation was made from.

Git gives the source page as it was at the translation's ``source-git-commit``; both versions
are cut into segments, and segments with the same id are compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.exchange.segments import Segment, page_segments
from mkdocs_playbooks.status.git_history import GitRepository
from mkdocs_playbooks.status.report import PageState, PageStatus, StatusReport


class SegmentChange(NamedTuple):
    """A source segment that differs from the translation's commit: `before` is None when the
    segment is new, `after` None when it was removed."""

    id: str
    context: str
    before: str | None
    after: str | None


class SourceHistory(NamedTuple):
    """The source page's segments at the translation's commit, when git could tell."""

    commit: str | None
    segments: dict[str, Segment] | None  # None: unknown (no git, or no usable commit)
    outdated: bool  # what `playbook status` says of the whole page


def source_history(status: PageStatus, source: ParsedPage, source_file: Path,
                   repo: GitRepository) -> SourceHistory:
    """The source's segments as they were when the translation `status` describes was made."""
    outdated = status.state is PageState.OUTDATED
    commit = status.compared_commit
    if commit is None:
        return SourceHistory(None, None, outdated)
    raw = repo.file_at(commit, source_file)
    if raw is None:
        return SourceHistory(commit, None, outdated)
    old = parse_page(source.path, source.rel_path, source.locale, raw)
    return SourceHistory(commit, {s.id: s for s in page_segments(old)}, outdated)


def segment_changes(history: SourceHistory, source: ParsedPage) -> list[SegmentChange]:
    """Every segment added, changed or removed since the translation's commit, in page order."""
    if history.segments is None:
        return []
    now = page_segments(source)
    changes = [SegmentChange(s.id, s.context, _before(history, s), s.text)
               for s in now if _before(history, s) != s.text]
    current = {s.id for s in now}
    changes += [SegmentChange(s.id, s.context, s.text, None)
                for s in history.segments.values() if s.id not in current]
    return changes


def _before(history: SourceHistory, segment: Segment) -> str | None:
    old = history.segments.get(segment.id) if history.segments is not None else None
    return old.text if old is not None else None


def outdated_segments(tree: DocsTree, report: StatusReport, repo: GitRepository
                      ) -> dict[tuple[str, str], SourceChanges]:
    """For each outdated page of `report`, (locale, rel path) -> what changed in its source."""
    found = {}
    for status in report.locales:
        for page in status.pages:
            if page.state is not PageState.OUTDATED:
                continue
            source = tree.source.pages[page.rel_path]
            source_file = tree.file_path(tree.source_locale, page.rel_path)
            history = source_history(page, source, source_file, repo)
            found[page.locale, page.rel_path] = SourceChanges(
                history.commit, segment_changes(history, source), history.segments is not None)
    return found


class SourceChanges(NamedTuple):
    commit: str | None
    changes: list[SegmentChange]
    known: bool  # False: git could not give the source at the translation's commit


def describe_changes(found: SourceChanges) -> str:
    """The changed segments, for people: one block per segment, what it said and says."""
    if not found.known:
        return "(no segments: git cannot give the source as it was at the translation's commit)"
    since = found.commit[:12] if found.commit else "?"
    if not found.changes:
        return f"no segment changed since {since} (only the skeleton: markup, spacing, code)"
    lines = [f"{len(found.changes)} segment(s) changed in the source since {since}:"]
    for change in found.changes:
        what = "new" if change.before is None else "removed" if change.after is None else \
            "changed"
        lines.append(f"  {change.id}  ({change.context}) {what}")
        if change.before is not None:
            lines.append(f"    was: {change.before}")
        if change.after is not None:
            lines.append(f"    now: {change.after}")
    return "\n".join(lines)
