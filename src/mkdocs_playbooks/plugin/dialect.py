"""The Experience League dialect's callout titles in the language of the pass being built."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from mkdocs_playbooks.markdown import experience_league

DIALECT = experience_league.__name__
"""The name a site lists under ``markdown_extensions`` to enable the dialect."""


def set_dialect_language(config: MkDocsConfig, locale: str) -> None:
    """MkDocs makes a Markdown converter for each page from ``mdx_configs``: set the dialect's
    `language` there before the page is rendered, when the site enables the dialect."""
    if DIALECT in config.markdown_extensions:
        config.mdx_configs.setdefault(DIALECT, {})["language"] = locale
