"""The MkDocs wiring: run the parity check once per build and publish the top-level assets.

All logic lives in the pure core (:mod:`playbook.check` and friends); this module only
connects MkDocs events to it. See STYLE.md for why the check counts build depth: the i18n
plugin runs the whole build again for each language from inside its ``on_post_build``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from playbook.check import check_project
from playbook.diagnostics import Diagnostic, Severity
from playbook.git_history import open_repository
from playbook.reader_site import ReaderSite
from playbook.render import render_text_one, summary_line
from playbook.settings import DEFAULT_GLOSSARY_DIR, ProjectSettings, SettingsError, settings_from
from playbook.status import compute_status
from playbook.status_render import locale_summary_line
from playbook.tree import ASSETS_FOLDER, DocsTree

log = get_plugin_logger(__name__)

_LOG_LEVEL = {
    Severity.ERROR: logging.ERROR,
    Severity.WARNING: logging.WARNING,
    Severity.INFO: logging.INFO,
}


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

    def prefix(self) -> str:
        """Where the current language's files go in the site ("" for the default language)."""
        current = self.current
        return "" if current is None or current == self.default else f"{current}/"


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self._depth = 0
        self._reader_site: ReaderSite | None = None  # translation status, once per build

    def project_settings(self, config: MkDocsConfig) -> ProjectSettings:
        config_file = Path(config.config_file_path).resolve()
        try:
            return settings_from(
                root=config_file.parent,
                docs_dir=Path(config.docs_dir),
                languages=I18nState(config).languages(),
                options={"source_locale": self.config.source_locale,
                         "severity": self.config.severity,
                         "glossary_dir": self.config.glossary_dir},
                where=f"{config_file.name}: plugins.playbook",
                config_file=config_file,
            )
        except SettingsError as error:
            raise PluginError(str(error)) from None

    # Priority 100: report before anything else in the first (source language) pass.
    @event_priority(100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._depth += 1
        if self._depth == 1 and self.config.enabled:
            settings = self.project_settings(config)
            tree, found = check_project(settings)
            self._report(found)
            self._reader_site = self._translation_status(tree, settings, config)

    def _translation_status(self, tree: DocsTree, settings: ProjectSettings,
                            config: MkDocsConfig) -> ReaderSite:
        """The same status ``playbook status`` prints, from the tree the check just parsed."""
        report = compute_status(tree, settings.locales, open_repository(settings.root))
        for status in report.locales:
            log.info(f"translation status: {locale_summary_line(status)}")
        for warning in report.warnings:
            log.info(f"translation status: {warning}")  # facts for readers, not build failures
        return ReaderSite(report, I18nState(config).default or settings.source_locale,
                          tuple(settings.locale_codes), config.site_url or "",
                          config.use_directory_urls)

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
        assets = root / ASSETS_FOLDER
        prefix = I18nState(config).prefix()
        for path in sorted(assets.rglob("*")) if assets.is_dir() else []:
            if path.is_file():
                uri = path.relative_to(root).as_posix()
                files.append(File(uri, str(root), config.site_dir, config.use_directory_urls,
                                  dest_uri=prefix + uri))
        site = self._reader_site
        if site is not None:
            site.add_status_page(files, config, I18nState(config).current or site.default_locale)
        return files

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict:
        """Notices and hreflang alternates for overrides/main.html."""
        site = self._reader_site
        if site is not None:
            context.update(site.page_context(page, I18nState(config).current or site.default_locale))
        return context

    def on_template_context(self, context: dict, *, template_name: str,
                            config: MkDocsConfig) -> dict:
        """The alternates for overrides/sitemap.xml."""
        if template_name == "sitemap.xml" and self._reader_site is not None:
            context["playbook_sitemap"] = self._reader_site.sitemap()
        return context

    # Lowest priority: after the i18n plugin's other-language passes have all finished.
    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._depth = max(0, self._depth - 1)

    def on_build_error(self, *, error: Exception) -> None:
        self._depth = 0
