"""Show a page's framework diagram inline in its HTML, in place of the image that names it.

An ``<img>`` hides an SVG's text and links from readers, so the rendered paragraph holding only
the image becomes a ``<figure>`` with the diagram inline, twice (side by side for wide
screens, stacked for phones; CSS shows one), and a caption that links to the image files.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

from mkdocs_playbooks.core.framework_ref import is_framework_diagram
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.diagram.layout import NARROW, WIDE, layout_diagram
from mkdocs_playbooks.diagram.svg import FIGURE_CLASS, render_svg

_IMAGE_PARAGRAPH = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>")
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(tag: str) -> dict[str, str]:
    return {
        match.group(1).lower(): html.unescape(match.group(2) or match.group(3) or "")
        for match in _ATTRIBUTE.finditer(tag)
    }


def _site_path(src: str, page_url: str) -> str:
    """The site path an image's `src` points at, as seen from the page at `page_url`."""
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    return posixpath.normpath(posixpath.join(base, src.split("#", 1)[0].split("?", 1)[0]))


def replace_framework_images(page_html: str, page_url: str,
                             figure: Callable[[str, str, int], str]) -> str:
    """`page_html` with each paragraph that holds only a framework diagram image replaced by
    ``figure(src, alt, index)``; `index` counts the diagrams on the page from 0."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        attributes = _attributes(match.group(1))
        src = attributes.get("src", "")
        if not src or not is_framework_diagram(_site_path(src, page_url)):
            return match.group(0)
        count += 1
        return figure(src, attributes.get("alt", ""), count - 1)

    return _IMAGE_PARAGRAPH.sub(replace, page_html)


def _file_links(src: str) -> str:
    """Links to the diagram's files: the SVG always, the PNG when the page asked for one."""
    stem, extension = posixpath.splitext(src)
    links = [(f"{stem}.svg", "SVG")]
    if extension.lower() == ".png":
        links.append((src, "PNG"))
    return ", ".join(
        f'<a href="{html.escape(href)}" download>{label}</a>' for href, label in links
    )


def diagram_figure(page: ParsedPage, src: str, alt: str, index: int) -> str:
    """The inline figure for `page`'s framework diagram that the image `src` stood for."""
    name = posixpath.splitext(posixpath.basename(src))[0]
    svgs = "".join(
        render_svg(layout_diagram(page, geometry, with_title=False),
                   id_prefix=f"pbd-{index}-{re.sub(r'[^A-Za-z0-9-]', '-', name)}-{geometry.name}")
        for geometry in (WIDE, NARROW)
    )
    caption = html.escape(alt) + (" " if alt else "") + f"({_file_links(src)})"
    return (
        f'<figure class="{FIGURE_CLASS}" data-search-exclude>'
        f"{svgs}<figcaption>{caption}</figcaption></figure>"
    )
