"""The Experience League dialect in a build: callout titles in the language of the pass, and
tokens in front matter titles and descriptions shown as their text."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from mkdocs_playbooks.markdown import experience_league

DIALECT = experience_league.__name__
"""The name a site lists under ``markdown_extensions`` to enable the dialect."""


def set_dialect_language(config: MkDocsConfig, locale: str) -> None:
    """MkDocs makes a Markdown converter for each page from ``mdx_configs``: set the dialect's
    `language` there before the page is rendered, when the site enables the dialect."""
    if uses_dialect(config):
        config.mdx_configs.setdefault(DIALECT, {})["language"] = locale


def uses_dialect(config: MkDocsConfig) -> bool:
    return DIALECT in config.markdown_extensions
