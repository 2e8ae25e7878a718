"""Which notices a reader sees at the top of a page, decided from its translation status.

- a page shown in a locale that lacks it (the i18n fallback to the source): *not translated yet*,
  linking to the translation status page;
- a scaffolded placeholder (``untranslated``): *not translated yet*, linking to the source page;
- an unreviewed machine translation: *machine translation*, linking to the source page;
- an outdated translation: *translation out of date*, linking to the source page.

Source pages, and reviewed translations that are up to date, get no notice.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_playbooks.reader.text import fallback_language, reader_text
from mkdocs_playbooks.status.report import PageState, PageStatus


@dataclass(frozen=True)
class Notice:
    kind: str  # "not-translated", "untranslated", "machine-translated" or "outdated"
    admonition: str  # the material admonition type that styles it
    title: str
    text: str
    link_text: str
    link_url: str  # site-relative, e.g. "playbooks/commerce-strategy/"
    lang: str | None = None  # the strings' language when the locale has none of its own


_ADMONITION = {
    "not-translated": "note",
    "untranslated": "note",
    "machine-translated": "info",
    "outdated": "warning",
}


def _notice(kind: str, locale: str, link_url: str) -> Notice:
    key = kind.replace("-", "_")
    return Notice(
        kind=kind,
        admonition=_ADMONITION[kind],
        title=reader_text(locale, "notices", key, "title"),
        text=reader_text(locale, "notices", key, "text"),
        link_text=reader_text(locale, "notices", key, "link"),
        link_url=link_url,
        lang=fallback_language(locale, "notices", key, "title"),
    )


def page_notices(status: PageStatus | None, *, reader_locale: str, shown_as_fallback: bool,
                 source_url: str, status_page_url: str) -> list[Notice]:
    """The notices for a page read in `reader_locale`. `status` is the translation's status
    (None on source pages); `shown_as_fallback` when the locale lacks the page and the source
    page is shown in its place."""
    if shown_as_fallback:
        return [_notice("not-translated", reader_locale, status_page_url)]
    if status is None or status.state is PageState.MISSING:
        return []
    if status.state is PageState.UNTRANSLATED:
        return [_notice("untranslated", reader_locale, source_url)]
    notices = []
    if status.machine_translated:
        notices.append(_notice("machine-translated", reader_locale, source_url))
    if status.state is PageState.OUTDATED:
        notices.append(_notice("outdated", reader_locale, source_url))
    return notices
