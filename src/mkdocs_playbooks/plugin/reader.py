"""MkDocs wiring for what readers and search engines see about translations.

From one :class:`~status.report.StatusReport` (computed once per build) this gives each
language pass its translation status page, each page its notices and ``hreflang`` alternates, and
the sitemap its alternates. URLs come from MkDocs' own :class:`File` rules, prefixed the way
mkdocs-static-i18n places non-default languages (``sv/…``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_playbooks.core.schema import EVERY_PAGE, PlaybookSelection
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.plugin.i18n_files import locale_prefix, locale_rel_path
from mkdocs_playbooks.reader.library import library_cards, library_text
from mkdocs_playbooks.reader.notices import Notice, page_notices
from mkdocs_playbooks.reader.status_page import status_page_markdown
from mkdocs_playbooks.reader.text import fallback_language
from mkdocs_playbooks.status.report import StatusReport

STATUS_PAGE = "translation-status.md"
"""The generated status page, inside each locale (``/sv/translation-status/``)."""


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class ReaderSite:
    report: StatusReport
    default_locale: str  # the i18n default language: its pages have no URL prefix
    locales: tuple[str, ...]  # every built locale
    site_url: str
    use_directory_urls: bool
    tree: DocsTree | None = None  # every page, for the library's cards
    library_page: str | None = None  # the page (rel path) that lists every playbook
    selection: PlaybookSelection = EVERY_PAGE  # which pages the site counts as playbooks
    # Every page asks for the same few URLs (its source, the status page, its alternates) in
    # every language pass: each is worked out once (a File costs microseconds, times pages²).
    _urls: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False,
                                              compare=False)
    _alternates: dict[str, list[Alternate]] = field(default_factory=dict, init=False,
                                                    repr=False, compare=False)

    def url(self, locale: str, rel_path: str) -> str:
        """The site-relative URL of `rel_path` in `locale` (``sv/playbooks/x/``, ``./``)."""
        key = (locale, rel_path)
        url = self._urls.get(key)
        if url is None:
            url = self._urls[key] = self._file(locale, rel_path).url
        return url

    def _file(self, locale: str, rel_path: str) -> File:
        dest = File(rel_path, None, "", self.use_directory_urls).dest_uri
        return File(f"{locale}/{rel_path}", None, "", self.use_directory_urls,
                    dest_uri=locale_prefix(locale, self.default_locale) + dest)

    def absolute(self, url: str) -> str:
        return urljoin(self.site_url or "/", url)

    # -- the status page ----------------------------------------------------------------------

    def add_status_page(self, files: Files, config: MkDocsConfig, current: str) -> None:
        """Add this language's status page to the files of its pass, with the attributes
        mkdocs-static-i18n gives its own files, so its language switcher works there too."""
        src_uri = f"{current}/{STATUS_PAGE}"
        planned = self._file(current, STATUS_PAGE)
        if files.get_file_from_path(src_uri) is not None or any(
            file.dest_uri == planned.dest_uri for file in files
        ):
            raise PluginError(f"docs/{src_uri}: the translation status page is generated at "
                              f"this path; rename or remove that page")

        def href(locale: str, rel_path: str) -> str:
            return get_relative_url(self.url(locale, rel_path), planned.url)

        content = status_page_markdown(self.report, current, href)
        status_file = File.generated(config, src_uri, content=content)
        status_file.dest_uri = planned.dest_uri
        alternates = {locale: status_file if locale == current else self._file(locale, STATUS_PAGE)
                      for locale in self.locales}
        # The attributes mkdocs-static-i18n's create_i18n_file sets on the files it handles;
        # its page context reads them to point the language switcher at each alternate.
        vars(status_file).update(locale=current, localization=current, locale_alternate_of=current,
                                 norm_src_uri=STATUS_PAGE, alternates=alternates)
        files.append(status_file)

    @staticmethod
    def move_status_page_last(nav: Navigation) -> None:
        """mkdocs-static-i18n sorts the top of the navigation by title before pages are read,
        when every page title is still empty; put the status page back at the end."""
        status_items = [item for item in nav.items
                        if isinstance(item, Page) and locale_rel_path(item.file) == STATUS_PAGE]
        nav.items = [item for item in nav.items if item not in status_items] + status_items

    # -- per page ------------------------------------------------------------------------------

    def alternates(self, rel_path: str) -> list[Alternate]:
        """``hreflang`` links for a page: every locale that has it in its own language, then
        ``x-default``, the source page. Empty for pages the source does not have. The same in
        every language pass and in the sitemap: worked out once a page."""
        found = self._alternates.get(rel_path)
        if found is None:
            found = self._alternates[rel_path] = self._work_out_alternates(rel_path)
        return found

    def _work_out_alternates(self, rel_path: str) -> list[Alternate]:
        locales = (list(self.locales) if rel_path == STATUS_PAGE
                   else self.report.alternate_locales(rel_path))
        if not locales:
            return []
        links = [Alternate(_hreflang(locale), self.absolute(self.url(locale, rel_path)))
                 for locale in locales]
        default = self.report.source_locale if rel_path != STATUS_PAGE else self.default_locale
        return [*links, Alternate("x-default", self.absolute(self.url(default, rel_path)))]

    def notices(self, page: Page, current: str) -> list[Notice]:
        file = page.file
        rel_path = locale_rel_path(file)
        if rel_path == STATUS_PAGE or not self.report.has_source_page(rel_path):
            return []
        return page_notices(
            self.report.page(current, rel_path),
            reader_locale=current,
            shown_as_fallback=getattr(file, "locale", current) != current,
            source_url=self.url(self.report.source_locale, rel_path),
            status_page_url=self.url(current, STATUS_PAGE),
        )

    def library(self, page: Page, current: str) -> dict | None:
        """The library's cards and words, on the library page only."""
        if self.tree is None or locale_rel_path(page.file) != self.library_page:
            return None
        here = self.url(current, self.library_page)
        prefix = locale_prefix(current, self.default_locale)
        cards = library_cards(
            self.tree, self.report, current, selection=self.selection,
            page_href=lambda rel_path: get_relative_url(self.url(current, rel_path), here),
            file_href=lambda uri: get_relative_url(prefix + uri, here),
        )
        return {"cards": cards, "text": library_text(current)}

    def page_context(self, page: Page, current: str, *, notices: bool = True,
                     alternates: bool = True) -> dict:
        """Template variables for the reader theme's main.html (`notices` and `alternates`
        say whether those reader features are on)."""
        file_locale = getattr(page.file, "locale", current)
        rel_path = locale_rel_path(page.file)
        # A fallback page shows the source's text, and the status page of a locale without
        # strings of its own is in English: say which language the content is in.
        if rel_path == STATUS_PAGE:
            content_lang = fallback_language(current, "status_page", "title")
        else:
            content_lang = file_locale if file_locale != current else None
        return {
            "playbook_library": self.library(page, current),
            "playbook_notices": self.notices(page, current) if notices else [],
            "playbook_alternates": self.alternates(rel_path) if alternates else [],
            "playbook_content_lang": _hreflang(content_lang) if content_lang else None,
        }

    @cached_property  # the same for every language pass's sitemap.xml
    def sitemap(self) -> list[dict]:
        """One entry per page that exists in its own language, each with all its alternates."""
        entries = []
        for rel_path in [*self.report.source_pages, STATUS_PAGE]:
            alternates = self.alternates(rel_path)
            entries += [{"loc": alternate.href, "alternates": alternates}
                        for alternate in alternates if alternate.hreflang != "x-default"]
        return entries


def _hreflang(locale: str) -> str:
    return locale.replace("_", "-")
