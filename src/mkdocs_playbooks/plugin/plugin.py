"""The MkDocs wiring: run the parity check once per build and publish the top-level assets.

All logic lives in the pure core (:mod:`project.check` and friends); this module only
connects MkDocs events to it. The check counts build depth because mkdocs-static-i18n runs the
whole build again for each other language from inside its ``on_post_build`` (see the README's
architecture section): the check runs once, in the first pass.
Each of those passes writes the search index and the 404 page at the site root; every locale
keeps its own copy under its folder (:mod:`reader.search_index`), the default one at the root.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_playbooks.core.atomic_write import write_file_atomically
from mkdocs_playbooks.core.diagnostics import Diagnostic, Severity
from mkdocs_playbooks.core.front_matter_values import SHAPES
from mkdocs_playbooks.core.render import render_text_one, summary_line
from mkdocs_playbooks.core.schema import DEFAULT_PRESET, PRESETS, PlaybookSelection
from mkdocs_playbooks.core.settings import (
    DEFAULT_GLOSSARY_DIR,
    ProjectSettings,
    SettingsError,
    settings_from,
)
from mkdocs_playbooks.core.tree import (
    ASSETS_FOLDER,
    FOLDER_LAYOUT,
    SUFFIX_LAYOUT,
    DocsTree,
    is_outside,
)
from mkdocs_playbooks.markdown.experience_league import plain_tokens
from mkdocs_playbooks.plugin.diagrams import add_diagram_files, inline_diagrams, rendered_page
from mkdocs_playbooks.plugin.dialect import set_dialect_language, uses_dialect
from mkdocs_playbooks.plugin.i18n_files import locale_prefix, locale_rel_path
from mkdocs_playbooks.plugin.log import log
from mkdocs_playbooks.plugin.nav import merge_split_sections
from mkdocs_playbooks.plugin.reader import ReaderSite
from mkdocs_playbooks.plugin.template_cache import SharedTemplateCode
from mkdocs_playbooks.project.check import CheckMemo, check_project, left_to_mkdocs
from mkdocs_playbooks.reader import THEME_DIR
from mkdocs_playbooks.reader.library import is_playbook
from mkdocs_playbooks.reader.pdf import PdfError, find_chromium, pdf_uri, print_pdf
from mkdocs_playbooks.reader.search_index import (
    INDEX_PATH,
    SearchLanguage,
    locale_search_index,
)
from mkdocs_playbooks.reader.text import reader_text
from mkdocs_playbooks.status.git_history import open_repository
from mkdocs_playbooks.status.render import locale_summary_line
from mkdocs_playbooks.status.report import compute_status

NOT_FOUND_PAGE = "404.html"  # every language pass renders it at the site root
THEME_PREFIX = "playbook"  # a site's own main.html extends ours as "playbook/main.html"
SEARCH_WORKER = "playbook-search.js"  # in every page the reader theme points at its locale index
PLAIN_TEXT_KEYS = ("title", "description")  # front matter the theme prints without escaping

_SETTINGS_OPTIONS = ("source_locale", "severity", "glossary_dir", "preset", "role_keys",
                     "page_keys", "translation_keys", "playbooks", "playbook_flag",
                     "link_roots", "external_links")
"""The plugin options that :func:`core.settings.settings_from` reads."""

_LOG_LEVEL = {
    Severity.ERROR: logging.ERROR,
    Severity.WARNING: logging.WARNING,
    Severity.INFO: logging.INFO,
}


class ReaderFeatures(base.Config):
    """What readers see, each on by default and each worth its build time only when wanted
    (see the README's benchmarks); the parity check runs whatever these say."""

    diagrams = c.Type(bool, default=True)
    """Draw each page's framework diagram (SVG, PNG, inline figure)."""
    status_page = c.Type(bool, default=True)
    """A translation status page in each language."""
    notices = c.Type(bool, default=True)
    """Machine-translation, out-of-date and not-translated notices on translated pages."""
    alternates = c.Type(bool, default=True)
    """``hreflang`` links in every page's head and in sitemap.xml."""
    search_per_locale = c.Type(bool, default=True)
    """Each locale its own search index (material's search)."""

    def needs_status(self) -> bool:
        """Whether anything shown needs the translation status (git, word counts)."""
        return bool(self.status_page or self.notices or self.alternates)


class PlaybookConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the whole plugin off (parity checks and published assets)."""
    source_locale = c.Optional(c.Type(str))
    """The locale translations are compared with; defaults to the i18n default language."""
    severity = c.Type(dict, default={})
    """Per-rule severity overrides, by id or slug: ``{PB204: info, stage-anchor: error}``."""
    glossary_dir = c.Type(str, default=DEFAULT_GLOSSARY_DIR)
    """Folder of per-locale glossaries (``<locale>.yml``), relative to mkdocs.yml; when it
    does not exist, terminology is not checked."""
    preset = c.Choice(tuple(PRESETS), default=DEFAULT_PRESET)
    """The front matter schema: ``playbooks`` (this project's keys) or ``experience-league``."""
    role_keys = c.Optional(c.Type(dict))
    """Override the key of a localization role: ``{stable_id: doc-id}``."""
    page_keys = c.Optional(c.ListOfItems(c.Type(str)))
    """Keys every playbook must have (the preset's by default)."""
    translation_keys = c.Optional(c.ListOfItems(c.Type(str)))
    """Keys every translated playbook must have (the preset's by default)."""
    playbooks = c.ListOfItems(c.Type(str), default=[])
    """Globs (paths inside a locale, ``*`` also crosses ``/``) of the pages that are playbooks."""
    playbook_flag = c.Type(str, default=PlaybookSelection.flag)
    """A source page whose front matter sets this key to true is a playbook (false: is not)."""
    link_roots = c.Type(dict, default={})
    """Site-absolute link prefixes and the locale folder each stands for: ``{/help/: ""}``."""
    external_links = c.Type(list, default=[])
    """Link prefixes that leave the documentation this site builds; they are not checked."""
    reader = c.SubConfig(ReaderFeatures)
    """The reader features, each switchable: ``reader: {diagrams: false}``."""

    # -- Readers: the playbook library (issue 20) --
    library_page = c.Type(str, default="index.md")
    """The page, inside each locale folder, that lists every playbook as a card after its own
    text (``index.md``, the home page, by default); ``""`` turns the library off."""
    pdf = c.Type(bool, default=False)
    """Print every playbook of every locale to a PDF beside its page, with headless Chromium,
    and link it from the page. Off by default: it needs Chromium when the site is built."""
    pdf_chromium = c.Type(str, default="chromium")
    """The Chromium that prints the PDFs: a path, or a name looked up on PATH."""


class I18nState:
    """What the i18n plugin says about the language pass that is running."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.plugin = config.plugins.get("i18n")

    @property
    def current(self) -> str | None:
        return getattr(self.plugin, "current_language", None) if self.plugin else None

    @property
    def default(self) -> str | None:
        return getattr(self.plugin, "default_language", None) if self.plugin else None

    def languages(self) -> list[tuple[str, str, bool, bool]]:
        if not self.plugin:
            return []
        return [
            (lang.locale, lang.name, bool(lang.default), bool(lang.build))
            for lang in self.plugin.config.languages
        ]

    def layout(self) -> str:
        """The i18n plugin's docs_structure; a site without it has one locale, suffix-free."""
        return str(self.plugin.config.docs_structure) if self.plugin else SUFFIX_LAYOUT

    @property
    def only_locale(self) -> str | None:
        """The i18n plugin's ``build_only_locale`` (a translator's preview of one locale)."""
        return getattr(self.plugin.config, "build_only_locale", None) if self.plugin else None

    def checked_languages(self, source_locale: str | None) -> list[tuple[str, str, bool, bool]]:
        """The languages the parity check compares. When only one locale is built, the i18n
        plugin makes it the default and builds nothing else; the check still compares it with
        the source (which must then be named in ``source_locale``)."""
        only = self.only_locale
        if not only:
            return self.languages()
        if not source_locale:
            raise PluginError("plugins.playbook: set source_locale when the i18n plugin builds "
                              f"only one locale (build_only_locale: {only})")
        return [(code, name, code == source_locale, code in (only, source_locale))
                for code, name, _, _ in self.languages()]

    def prefix(self) -> str:
        """Where the current language's files go in the site ("" for the default language)."""
        return locale_prefix(self.current, self.default)


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self._depth = 0
        self._serving = False  # `mkdocs serve`: the pages are kept whole for the next rebuild
        self._check_memo = CheckMemo()  # what the last build parsed and found, for the next
        self._template_code = SharedTemplateCode()
        self._start_build()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this event makes MkDocs keep the plugin from one ``mkdocs serve`` rebuild
        to the next (it makes anew the plugins without it), and with it the check's memo,
        which spares the pages that did not change."""
        self._serving = command == "serve"

    def on_shutdown(self) -> None:
        """The serve session is over; MkDocs keeps this plugin for the process's next build."""
        self._serving = False
        self._check_memo = CheckMemo()

    def _start_build(self) -> None:
        """Forget the last build (the plugin outlives builds: see :meth:`on_startup`)."""
        self._reader_site: ReaderSite | None = None  # translation status, once per build
        self._default_outputs: dict[str, str] = {}  # the default locale's 404 and search index
        self._env: Environment | None = None  # this language pass's template environment
        self._source_locale = "en"  # replaced by the configured one in on_pre_build
        self._tree: DocsTree | None = None  # every page, parsed once per build by the check
        # False once a page was rendered without the reader theme's search hook (a site's own
        # main.html that does not extend ours): such a page searches the root index, which is
        # then left as the search and i18n plugins wrote it, every language's pages in it.
        self._search_hooked = True
        self._chromium: str | None = None  # prints the PDFs (pdf: true)
        self._pdf_jobs: dict[Path, Path] = {}  # built page -> its PDF, printed at the end

    def project_settings(self, config: MkDocsConfig) -> ProjectSettings:
        config_file = Path(os.path.abspath(config.config_file_path))  # as MkDocs: no resolve()
        try:
            return settings_from(
                root=config_file.parent,
                docs_dir=Path(config.docs_dir),
                languages=I18nState(config).checked_languages(self.config.source_locale),
                options={name: self.config[name] for name in _SETTINGS_OPTIONS},
                layout=I18nState(config).layout(),
                where=f"{config_file.name}: plugins.playbook",
                config_file=config_file,
            )
        except SettingsError as error:
            raise PluginError(str(error)) from None

    # Below -100: after mkdocs-static-i18n, which puts its own sitemap folder first in every pass.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """The reader templates and assets, from the package: no ``custom_dir`` needed."""
        if self.config.enabled:
            config.theme.dirs[:] = with_reader_theme(config.theme.dirs, config.theme.custom_dir)
            if config.theme.name == "material" and "language" in config.theme:
                config.theme["language"] = material_language(config.theme["language"],
                                                             config.theme.dirs)
        return config

    # Priority 100: report before anything else in the first (source language) pass.
    @event_priority(100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._depth += 1
        if self._depth == 1:
            self._start_build()
        if self._depth == 1 and self.config.enabled:
            settings = self.project_settings(config)
            self._source_locale = settings.source_locale
            tree, found = check_project(settings, self._check_memo)
            if self._check_memo.files.reused:
                log.debug(f"{self._check_memo.files.reused} unchanged files not read again; "
                          f"locales not compared again: {self._check_memo.reused or 'none'}")
            if config.validation.links.not_found > logging.DEBUG:
                found = left_to_mkdocs(found)  # MkDocs reports those links itself
            self._tree = tree
            self._report(found)
            # The library's cards read the status too.
            if self.config.reader.needs_status() or self.config.library_page:
                self._reader_site = self._translation_status(tree, settings, config)
            if not self._serving:
                # No next build to reuse the pages: their texts (most of the memory the
                # plugin adds) can go, and the memo with them.
                tree.release_texts()
                self._check_memo = CheckMemo()
            if self.config.pdf:  # before anything is rendered: no Chromium, no build
                try:
                    self._chromium = find_chromium(self.config.pdf_chromium)
                except PdfError as error:
                    raise PluginError(f"plugins.playbook.pdf: {error}") from None

    def _translation_status(self, tree: DocsTree, settings: ProjectSettings,
                            config: MkDocsConfig) -> ReaderSite:
        """The same status ``playbook status`` prints, from the tree the check just parsed."""
        report = compute_status(tree, settings.locales, open_repository(settings.root),
                                settings.scope.schema)
        for status in report.locales:
            log.info(f"translation status: {locale_summary_line(status)}")
        for warning in report.warnings:
            log.info(f"translation status: {warning}")  # facts for readers, not build failures
        return ReaderSite(report, I18nState(config).default or settings.source_locale,
                          tuple(settings.locale_codes), config.site_url or "",
                          config.use_directory_urls, tree=tree,
                          library_page=self.config.library_page or None,
                          selection=settings.scope.playbooks)

    def _report(self, found: list[Diagnostic]) -> None:
        for item in found:
            log.log(_LOG_LEVEL[item.severity], render_text_one(item))
        errors = [item for item in found if item.severity is Severity.ERROR]
        if found:
            log.info(f"translation parity: {summary_line(found)}")
        if errors:
            raise PluginError(
                f"translation parity check failed: {summary_line(found)} (listed above)"
            )

    # Below -100: after mkdocs-static-i18n has rebuilt the file list for this language, so
    # these files are neither re-rooted into docs_dir by it nor seen by other languages.
    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        root = Path(config.config_file_path).resolve().parent
        for file in _escaping_docs(files, Path(config.docs_dir), root):
            files.remove(file)  # reported as PB503 already; its severity may have been lowered
        assets = root / ASSETS_FOLDER
        prefix = I18nState(config).prefix()
        for path in sorted(assets.rglob("*")) if assets.is_dir() else []:
            if path.is_file() and not is_outside(path, root):
                uri = path.relative_to(root).as_posix()
                files.append(File(uri, str(root), config.site_dir, config.use_directory_urls,
                                  dest_uri=prefix + uri))
        site = self._reader_site
        # A status page needs translations.
        if site is not None and site.report.locales and self.config.reader.status_page:
            site.add_status_page(files, config, I18nState(config).current or site.default_locale)
        i18n = I18nState(config)
        if self.config.reader.diagrams:
            add_diagram_files(files, config, current_locale=i18n.current,
                              source_locale=self._source_locale, prefix=i18n.prefix(),
                              locales=[locale for locale, *_ in i18n.languages()],
                              tree=self._tree, locale_folders=i18n.layout() == FOLDER_LAYOUT)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Front matter titles and descriptions are plain text, but the theme prints them into
        the nav, ``<title>`` and ``<meta name="description">`` as they are: escape them once,
        as Markup, which templates never escape a second time. With the Experience League
        dialect, their tokens are shown as text and callouts get titles in the page's language."""
        if self.config.enabled:
            set_dialect_language(config, I18nState(config).current or self._source_locale)
            dialect = uses_dialect(config)
            for key in PLAIN_TEXT_KEYS:
                value = page.meta.get(key)
                # Whatever its YAML type: a list or a number is printed as its text, too.
                if value is not None and not isinstance(value, Markup):
                    value = value if isinstance(value, str) else str(value)
                    value = plain_tokens(value) if dialect else value  # text, no Markdown
                    page.meta[key] = escape(value)
            for key, (fits, _) in SHAPES.items():
                # Reported as PB205; when that rule is lowered the theme must still not fail
                # on it (`hide: true` is not iterable), so the value is left out of the page.
                if key not in PLAIN_TEXT_KEYS and page.meta.get(key) is not None \
                        and not fits(page.meta[key]):
                    del page.meta[key]
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The framework diagram inline, where the page shows its image. Done on the finished
        page, not its content: search leaves the figure out of its index anyway, and would
        spend a third of its time parsing it (see benchmarks/)."""
        if not self.config.enabled:
            return output
        # Looked for from the end, where the theme's config block puts it: the navigation
        # before it grows with the site, and a search from the start made the cost per page
        # grow with the pages per folder (see benchmarks/).
        if self._search_hooked and self._searches_per_locale(config) and (
                output.rfind(SEARCH_WORKER) == -1):
            self._search_hooked = False
            log.info(f"{page.file.src_uri}: rendered without the playbook theme's main.html (a "
                     "main.html of the site's own that does not extend playbook/main.html?): "
                     "the root search index is left with every language's pages in it")
        if not self.config.reader.diagrams:
            return output
        i18n = I18nState(config)
        return inline_diagrams(output, page, i18n.current or self._source_locale, self._tree)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Keep the pass's environment, and let a site's own main.html extend ours by name:
        ``{% extends "playbook/main.html" %}``."""
        self._env = env  # the pass's own environment: making another one costs ~30 ms
        if self.config.enabled:
            env.bytecode_cache = self._template_code  # compiled once for every language pass
        if self.config.enabled and env.loader is not None:
            env.loader = ChoiceLoader([env.loader, PrefixLoader(
                {THEME_PREFIX: FileSystemLoader(str(THEME_DIR))})])
        return env

    # Below -100: after mkdocs-static-i18n has sorted this language's navigation.
    @event_priority(-110)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.config.enabled:
            merge_split_sections(nav)
        if self._reader_site is not None and self.config.reader.status_page:
            self._reader_site.move_status_page_last(nav)
        return nav

    def on_page_context(self, context: dict, *, page: Page,  # type: ignore[override]
                        config: MkDocsConfig, nav: Navigation) -> dict:
        """Notices and hreflang alternates for the reader theme's main.html."""
        _escape_language_names(config)
        site = self._reader_site
        if site is not None:
            locale = I18nState(config).current or site.default_locale
            context.update(site.page_context(page, locale, notices=self.config.reader.notices,
                                             alternates=self.config.reader.alternates))
        if self._chromium is not None:
            context["playbook_pdf"] = self._pdf_link(page, config)
        if self._searches_per_locale(config):
            # Where the reader theme's main.html points material's search: this locale's own index.
            root = get_relative_url(I18nState(config).prefix() or ".", page.url)
            context["playbook_search_base"] = root.rstrip("/") + "/"
        return context

    def _pdf_link(self, page: Page, config: MkDocsConfig) -> dict | None:
        """The link to a playbook page's PDF (printed at the end of the build), or None."""
        locale = I18nState(config).current or self._source_locale
        tree, site_info = self._tree, self._reader_site
        rel_path = locale_rel_path(page.file)
        parsed = rendered_page(page.file, locale, tree)
        source = tree.page(self._source_locale, rel_path) if tree else None
        if (parsed is None or tree is None or source is None or site_info is None
                or not site_info.selection.is_playbook(source)  # the site's choice, by source
                or not is_playbook(parsed, tuple(tree.locales))):
            return None
        pdf = pdf_uri(page.file.dest_uri, rel_path)
        site = Path(config.site_dir)
        self._pdf_jobs[site / page.file.dest_uri] = site / pdf
        return {"href": get_relative_url(pdf, page.url),
                "label": reader_text(locale, "pdf", "link")}

    def on_template_context(self, context: dict, *,  # type: ignore[override]
                            template_name: str, config: MkDocsConfig) -> dict:
        """The alternates for the reader theme's sitemap.xml; the 404 page's search index."""
        _escape_language_names(config)
        if (template_name == "sitemap.xml" and self._reader_site is not None
                and self.config.reader.alternates):
            context["playbook_sitemap"] = self._reader_site.sitemap
        if template_name == NOT_FOUND_PAGE and self._searches_per_locale(config):
            # The 404 page's links are absolute (it is served at any path): so is its base.
            root = context["base_url"].rstrip("/") + "/"
            context["playbook_search_base"] = root + I18nState(config).prefix()
        return context

    def _per_locale_outputs(self, config: MkDocsConfig) -> bool:
        """Each locale keeps its own copy of what every language pass writes at the site root."""
        return self.config.enabled and I18nState(config).plugin is not None

    def _searches_per_locale(self, config: MkDocsConfig) -> bool:
        """Each locale gets its own search index (needs material's search)."""
        return (self._per_locale_outputs(config) and self.config.reader.search_per_locale
                and config.theme.name == "material")

    def _locale_outputs(self, config: MkDocsConfig, prefix: str) -> dict[str, str]:
        """What this language pass wrote at the site root that belongs to its locale: the 404
        page, and the locale's own cut of the search index."""
        site = Path(config.site_dir)
        outputs = {}
        if (site / NOT_FOUND_PAGE).is_file():
            outputs[NOT_FOUND_PAGE] = (site / NOT_FOUND_PAGE).read_text(encoding="utf-8")
        if self._searches_per_locale(config) and (site / INDEX_PATH).is_file():
            outputs[INDEX_PATH] = locale_search_index(
                (site / INDEX_PATH).read_text(encoding="utf-8"), prefix=prefix,
                language=_search_language(self._env or config.theme.get_env(), config,
                                          I18nState(config).current or "en"))
        return outputs

    # Between the search plugin (0), which has just written this language pass's index at the
    # site root, and mkdocs-static-i18n (-100), which runs the other languages' passes from here.
    @event_priority(-50)
    def _keep_locale_outputs(self, *, config: MkDocsConfig) -> None:
        if not self._per_locale_outputs(config):
            return
        prefix = I18nState(config).prefix()
        outputs = self._locale_outputs(config, prefix)
        if prefix:
            for path, text in outputs.items():
                write_file_atomically(Path(config.site_dir) / prefix / path, text, replace=True,
                                      durable=False)
        else:  # the other passes overwrite them at the root: _end_build puts them back
            self._default_outputs = outputs

    # Lowest priority: after the i18n plugin's other-language passes have all finished.
    @event_priority(-110)
    def _end_build(self, *, config: MkDocsConfig) -> None:
        if self._depth == 1:
            if not self._search_hooked:  # a page searches the root index: keep it whole
                self._default_outputs.pop(INDEX_PATH, None)
            for path, text in self._default_outputs.items():
                write_file_atomically(Path(config.site_dir) / path, text, replace=True,
                                      durable=False)
            self._default_outputs = {}
            self._print_pdfs()
        self._depth = max(0, self._depth - 1)

    on_post_build = CombinedEvent(_keep_locale_outputs, _end_build)

    def _print_pdfs(self) -> None:
        """Every language's pages are written by now: print the playbooks' PDFs."""
        jobs, self._pdf_jobs = self._pdf_jobs, {}
        if self._chromium is None:
            return
        for page_html, pdf in sorted(jobs.items()):
            try:
                print_pdf(self._chromium, page_html, pdf)
            except PdfError as error:
                raise PluginError(f"plugins.playbook.pdf: {error}") from None
        if jobs:
            log.info(f"printed {len(jobs)} playbook PDFs with {self._chromium}")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer:
        """Rebuild when a glossary or a top-level asset changes: both feed the build."""
        if self.config.enabled:
            root = Path(config.config_file_path).resolve().parent
            for folder in (root / self.config.glossary_dir, root / ASSETS_FOLDER):
                if folder.is_dir():
                    server.watch(str(folder))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self._depth = 0
        self._default_outputs = {}
        self._pdf_jobs = {}


def _escape_language_names(config: MkDocsConfig) -> None:
    """The language selector's names, from mkdocs.yml, are text: material prints them as they
    are, so they are escaped (once; Markup is not escaped again). mkdocs-static-i18n resets the
    list before each page, hence at every page and template context, after it."""
    # Templates read `config.extra.alternate`: the attribute mkdocs-static-i18n sets for pages,
    # else the item it sets per language pass (extra is a dict whose attributes are separate).
    lists = (getattr(config.extra, "alternate", None), config.extra.get("alternate"))
    for alternate in [item for listed in lists if listed for item in listed]:
        name = alternate.get("name") if isinstance(alternate, dict) else None
        if name is not None and not isinstance(name, Markup):
            alternate["name"] = escape(str(name))


def with_reader_theme(dirs: list[str], custom_dir: str | None) -> list[str]:
    """Theme folders with ours after the site's ``custom_dir`` (whose templates must keep
    winning) and before everything else, the theme's own and the i18n sitemap folder included
    (our sitemap lists the same alternates as the pages' hreflang links)."""
    ours = str(THEME_DIR)
    first = [custom_dir] if custom_dir and custom_dir in dirs else []
    return [*first, ours, *(folder for folder in dirs if folder not in (ours, custom_dir))]


def material_language(locale: str, theme_dirs: list[str]) -> str:
    """The language material has strings for that fits `locale` best: mkdocs-static-i18n sets
    the locale itself (``zh-Hans``, ``pt_BR``), and material fails on one it lacks. Tried:
    the locale, with a hyphen, the script-less Chinese ``zh`` for ``zh-Hans``, the bare
    language, then English. Its strings also give the page's direction (``rtl`` for ``ar``)."""
    hyphenated = locale.replace("_", "-")
    base = hyphenated.split("-")[0]
    for candidate in dict.fromkeys([locale, hyphenated, base, "en"]):
        if any((Path(folder) / "partials" / "languages" / f"{candidate}.html").is_file()
               for folder in theme_dirs):
            return candidate
    return locale


def _escaping_docs(files: Files, docs_dir: Path, root: Path) -> list[File]:
    """Files of the docs folder that are symlinks out of the project: MkDocs would copy
    whatever they point at (``/etc/passwd``) into the site."""
    return [
        file for file in files
        if file.src_dir and Path(file.src_dir) == docs_dir and file.abs_src_path
        and all(is_outside(Path(file.abs_src_path), inside) for inside in (root, docs_dir))
    ]


def _search_language(env: Environment, config: MkDocsConfig, locale: str) -> SearchLanguage:
    """How lunr.js should read `locale`: the lunr.js language and separator material's
    partials give the theme language of this pass (i18n sets it per locale), or, where they
    name English for another language, that language's own lunr.js support when material
    ships it (Korean, Greek, Arabic, Hebrew: lunr.ko, …). Not Chinese: lunr.zh needs Node."""
    language = env.get_template("partials/language.html", None, {"config": config})
    translate = language.module.t  # type: ignore[attr-defined]
    lunr = str(translate("search.config.lang"))
    base = locale.replace("_", "-").split("-")[0].lower()
    if lunr == "en" and base not in ("en", "zh") and _theme_has_lunr(config.theme.dirs, base):
        lunr = base
    return SearchLanguage(locale, lunr, str(translate("search.config.separator")) or None)


def _theme_has_lunr(theme_dirs: list[str], language: str) -> bool:
    """Whether the theme (material) ships lunr.js support for `language`."""
    name = Path("assets", "javascripts", "lunr", "min", f"lunr.{language}.min.js")
    return any((Path(folder) / name).is_file() for folder in theme_dirs)
