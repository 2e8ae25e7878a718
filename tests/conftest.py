"""Shared fixtures: a throwaway copy of the real project, and a real in-process build of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from playbook.model import ParsedPage
from playbook.settings import load_settings
from playbook.tree import load_tree

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "assets", "glossary")
TWO_LOCALE_CONFIG = """\
site_name: Two locales
plugins:
  - playbook
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, name: English, default: true}
        - {locale: sv, name: Svenska}
"""
"""A minimal mkdocs.yml for checks on hand-made pages: English source, Swedish translation."""


def copy_project(destination: Path) -> Path:
    """Copy what a site build reads (config, pages, overrides, assets) into `destination`."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        elif source.is_file():
            shutil.copy2(source, destination / part)
    return destination


def build_site(project: Path, *, strict: bool = True) -> Path:
    """Run a real `mkdocs build` of `project` in this process; return the site folder."""
    site = project / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
    build(config)
    return site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the real project in a temp folder, safe to mutate."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session from an untouched copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    return build_site(project)


@pytest.fixture(scope="session")
def built_docs(built_site: Path) -> dict[str, dict[str, ParsedPage]]:
    """The parsed pages `built_site` was built from: by locale (source first), then by path."""
    settings = load_settings(built_site.parent / "mkdocs.yml")
    tree, _ = load_tree(
        settings.root, settings.docs_dir, settings.source_locale, settings.locale_codes
    )
    return {locale: dict(pages.pages) for locale, pages in tree.locales.items()}


@pytest.fixture
def make_site() -> Callable[..., Path]:
    return build_site
