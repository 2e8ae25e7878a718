"""The translation status page readers see: per locale a progress bar, counts and every page.

Pure rendering of a :class:`~status.report.StatusReport` into the Markdown source of one page,
in the reader's language. Everything taken from pages or configuration (titles, locale names,
paths) is HTML-escaped and placed in raw HTML blocks, where Markdown does not interpret it, so a
title such as ``<script>`` shows as text.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from mkdocs_playbooks.reader.text import reader_text
from mkdocs_playbooks.status.report import LocaleStatus, PageStatus, StatusReport

PageHref = Callable[[str, str], str]
"""(locale, rel path) -> the link from the status page to that page in that locale."""

# Bar segments, left to right; what is left of the bar is the missing pages.
_BAR_STATES = ("up-to-date", "outdated", "untranslated")


def status_page_markdown(report: StatusReport, locale: str, page_href: PageHref) -> str:
    """The status page for readers of `locale`."""

    def text(*keys: str) -> str:
        return escape(reader_text(locale, "status_page", *keys))

    parts = [
        f"# {text('title')}",
        "",
        f'<p class="playbook-status-intro">{text("intro")}</p>',
        "",
    ]
    for status in report.locales:
        parts += [_locale_section(status, report.source_locale, page_href, text), ""]
    return "\n".join(parts)


def _locale_section(status: LocaleStatus, source_locale: str, page_href: PageHref,
                    text: Callable[..., str]) -> str:
    counts = status.summary.counts()
    total = status.summary.total
    progress = text("progress").format(up_to_date=counts["up-to-date"], total=total)
    bar = "".join(
        f'<span class="playbook-progress__part playbook-progress__part--{state}" '
        f'style="width: {100 * counts[state] / total:.4g}%"></span>'
        for state in _BAR_STATES if total and counts[state]
    )
    count_items = "\n".join(
        f'<li data-count="{state}">{text("counts", state)}: <strong>{count}</strong></li>'
        for state, count in counts.items()
    )
    rows = "\n".join(_page_row(page, source_locale, page_href, text) for page in status.pages)
    code = escape(status.locale)
    return "\n".join([
        f'<section class="playbook-status" data-locale="{code}">',
        f'<h2 id="status-{code}"><span lang="{code}">{escape(status.name)}</span> ({code})</h2>',
        f'<div class="playbook-progress" role="img" aria-label="{progress}">{bar}</div>',
        f'<p class="playbook-progress__label">{progress}</p>',
        f'<ul class="playbook-status-counts">\n{count_items}\n</ul>',
        '<div class="playbook-status-pages"><table>',
        f'<thead><tr><th>{text("page")}</th><th>{text("state")}</th>'
        f'<th>{text("source")}</th></tr></thead>',
        f"<tbody>\n{rows}\n</tbody>",
        "</table></div>",
        "</section>",
    ])


def _page_row(page: PageStatus, source_locale: str, page_href: PageHref,
              text: Callable[..., str]) -> str:
    badges = [page.state.value] + (["machine-translated"] if page.machine_translated else [])
    states = " ".join(
        f'<span class="playbook-state playbook-state--{badge}">{text("states", badge)}</span>'
        for badge in badges
    )
    link = escape(page_href(page.locale, page.rel_path))
    source_link = escape(page_href(source_locale, page.rel_path))
    return (
        f'<tr data-page="{escape(page.rel_path)}" data-state="{page.state.value}" '
        f'data-machine-translated="{str(page.machine_translated).lower()}">'
        f'<td><a href="{link}">{escape(page.title)}</a></td>'
        f"<td>{states}</td>"
        f'<td><a href="{source_link}">{escape(page.source_title)}</a></td></tr>'
    )
