"""What mkdocs-static-i18n (folder structure) says about a file: its locale's URL prefix and its
path inside its locale folder, in one place for every part of the plugin."""

from __future__ import annotations

from mkdocs.structure.files import File


def locale_prefix(locale: str | None, default_locale: str | None) -> str:
    """Where a locale's files go in the site: ``""`` for the default language, ``"sv/"``…"""
    return "" if locale is None or locale == default_locale else f"{locale}/"


def locale_rel_path(file: File) -> str:
    """The file's path inside its locale folder (``playbooks/x.md``), which is what pages are
    matched on across locales; the i18n plugin records it as ``norm_src_uri``."""
    return getattr(file, "norm_src_uri", None) or file.src_uri
