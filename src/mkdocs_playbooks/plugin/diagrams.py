"""Wire the framework diagrams into a MkDocs language pass: the image files it publishes and the
inline figure on each page that references one.

Each is drawn from the Markdown the page is actually rendered from: its own locale's page, or
the source locale's page when mkdocs-static-i18n falls back to it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_playbooks.core.framework_ref import DIAGRAM_MARKER, framework_diagram_uris
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.diagram.cache import CACHE_FOLDER, cached_markup, cached_png
from mkdocs_playbooks.diagram.html import diagram_figure, replace_framework_images
from mkdocs_playbooks.diagram.layout import WIDE, DiagramLayout, layout_diagram
from mkdocs_playbooks.diagram.png import drawing_problems, render_png
from mkdocs_playbooks.diagram.svg import render_svg
from mkdocs_playbooks.diagram.syllables import remembered_in
from mkdocs_playbooks.plugin.i18n_files import locale_rel_path
from mkdocs_playbooks.plugin.log import log


def rendered_page(file: File, fallback_locale: str, tree: DocsTree | None) -> ParsedPage | None:
    """The parsed Markdown of a documentation page, in the locale it is written in: the page
    the parity check parsed already, or (outside the locale folders it reads) parsed now."""
    if not file.is_documentation_page() or file.abs_src_path is None:
        return None
    # mkdocs-static-i18n records the locale a file is written in and its path within it.
    locale = getattr(file, "locale", None) or fallback_locale
    rel_path = locale_rel_path(file)
    known = tree.page(locale, rel_path) if tree else None
    if known is not None:
        return known
    raw = file.content_bytes
    if DIAGRAM_MARKER.encode() not in raw:  # only such pages can reference a diagram
        return None
    return parse_page(file.src_uri, rel_path, locale, raw)


def _diagram_uris(file: File, page: ParsedPage, locales: Iterable[str]) -> list[str]:
    """The site-relative paths (without a locale folder) of the diagrams `page` references."""
    images = [reference.target for reference in page.references if reference.is_image]
    return framework_diagram_uris(file.src_uri, images, locales)


def add_diagram_files(files: Files, config: MkDocsConfig, *, current_locale: str | None,
                      source_locale: str, prefix: str, locales: Iterable[str],
                      tree: DocsTree | None, locale_folders: bool = True) -> None:
    """Add this pass's diagram files: an SVG for each diagram a page references, and a PNG
    where the page asks for one. They sit in the current locale's folder (with
    `locale_folders`, the folder layout; beside the pages otherwise), where
    mkdocs-static-i18n looks first, and are published under the language's `prefix`."""
    locales = tuple(locales)
    project_root = Path(config.config_file_path).resolve().parent  # where the caches live
    drawn: dict[str, str] = {}  # site path -> the page it was drawn from
    for file in sorted(files.documentation_pages(), key=lambda item: item.src_uri):
        page = rendered_page(file, current_locale or source_locale, tree)
        if page is None:
            continue
        uris = _diagram_uris(file, page, locales)
        if not uris:
            continue
        layout = _layout_once(page, project_root)  # the SVG and the PNG share it
        for uri in uris:
            stem, extension = posixpath.splitext(uri)
            for variant in dict.fromkeys((f"{stem}.svg", f"{stem}{extension}")):
                if variant in drawn:
                    log.info(f"{page.path}: {variant} is drawn from {drawn[variant]} already")
                    continue
                drawn[variant] = page.path
                _publish(files, config, project_root, page, layout, file, variant,
                         current_locale if locale_folders else None, prefix)


def _layout_once(page: ParsedPage, project_root: Path) -> Callable[[], DiagramLayout]:
    """The page's wide layout, worked out on first use: with the diagram's files in the cache
    already (an unchanged page), it is not needed at all."""

    @cache
    def layout() -> DiagramLayout:
        with remembered_in(project_root):
            return layout_diagram(page, WIDE)

    return layout


def _png_file(page: ParsedPage, project_root: Path,
              layout: Callable[[], DiagramLayout]) -> Path:
    """The cached PNG of the page's diagram; which file that is, is itself remembered by the
    page's text, so an unchanged page is not laid out again to find it."""
    def rastered_name() -> str:
        return cached_png(layout(), project_root, render_png).name

    name = cached_markup(project_root, ("png-name", page.locale, page.text_digest), rastered_name)
    path = project_root / CACHE_FOLDER / name
    return path if path.is_file() else cached_png(layout(), project_root, render_png)


def _publish(files: Files, config: MkDocsConfig, project_root: Path, page: ParsedPage,
             layout: Callable[[], DiagramLayout], page_file: File, uri: str,
             locale_folder: str | None, prefix: str) -> None:
    dest_uri = prefix + uri
    src_uri = f"{locale_folder}/{uri}" if locale_folder else uri
    if uri.endswith(".png"):
        for problem in drawing_problems(layout()):  # each build warns, cached or not
            log.warning(f"{page.path}: {dest_uri}: {problem}")
        png = _png_file(page, project_root, layout)
        generated = File.generated(config, src_uri, abs_src_path=str(png))
    else:
        # A diagram file's links lead back to the stages on the page it was drawn from.
        link_prefix = get_relative_url(page_file.url, dest_uri)
        content = cached_markup(
            project_root, ("svg", page.locale, page.text_digest, link_prefix),
            lambda: render_svg(layout(), id_prefix="pbd", link_prefix=link_prefix,
                               standalone=True))
        generated = File.generated(config, src_uri, content=content)
    for existing in [item for item in files if item.dest_uri == dest_uri]:
        log.info(f"{existing.src_uri} is not published: {dest_uri} is drawn from {page.path}")
        files.remove(existing)
    generated.dest_uri = dest_uri
    files.append(generated)


def inline_diagrams(html: str, page: Page, fallback_locale: str, tree: DocsTree | None) -> str:
    """The page's HTML with its framework diagram images shown as inline figures."""
    # The page's own content, not the whole HTML: the navigation of a large site is most of
    # a page, and grows with the site (the search was quadratic in pages, see benchmarks/).
    if DIAGRAM_MARKER not in (page.content or ""):
        return html
    parsed = rendered_page(page.file, fallback_locale, tree)
    if parsed is None:
        return html
    if tree is None:
        return replace_framework_images(
            html, page.url, lambda src, alt, index: diagram_figure(parsed, src, alt, index))
    root = tree.root

    def figure(src: str, alt: str, index: int) -> str:
        def draw() -> str:
            with remembered_in(root):
                return diagram_figure(parsed, src, alt, index)
        return cached_markup(root,
                             ("figure", parsed.locale, parsed.text_digest, src, alt, str(index)),
                             draw)

    return replace_framework_images(html, page.url, figure)
