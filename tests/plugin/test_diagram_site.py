"""The framework diagram in the real built site: inline on each locale's playbook page, and as
SVG and PNG files per locale, each drawn from the page that is actually rendered."""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image

from conftest import PROJECT_ROOT, build_site
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page

PREFIXES = {"en": "", "sv": "sv/", "de": "de/"}
PLAYBOOK = "playbooks/commerce-strategy.md"
PAGE_URL = "playbooks/commerce-strategy/"
DIAGRAM = "assets/playbooks/commerce-strategy-framework"
SVG = "{http://www.w3.org/2000/svg}"
ANCHORS = {"#awareness", "#consideration", "#purchase", "#support", "#goals"}
_FIGURE = re.compile(r'<figure class="pbd-figure"[^>]*>(.*?)</figure>', re.DOTALL)
_SVG = re.compile(r"<svg\b[^>]*\bclass=\"pbd [^\"]*\".*?</svg>", re.DOTALL)


def source_page(project: Path, locale: str) -> ParsedPage:
    path = project / "docs" / locale / PLAYBOOK
    return parse_page(str(path), PLAYBOOK, locale, path.read_bytes())


def figures(html: str) -> list[str]:
    return _FIGURE.findall(html)


def inline_svgs(figure: str) -> dict[str, ET.Element]:
    """The figure's SVGs by arrangement ("wide", "narrow")."""
    found = {}
    for markup in _SVG.findall(figure):
        root = ET.fromstring(markup)
        found[root.get("class").split("--")[1]] = root
    return found


def squeezed(names: list[str]) -> list[str]:
    """Names without spaces, to compare with text read back from wrapped lines."""
    return [name.replace(" ", "") for name in names]


def texts(root: ET.Element, role: str) -> list[str]:
    """The drawn text of each box of `role`: its lines joined, added hyphens and spaces dropped."""
    return squeezed([
        "".join(span.text for span in text.iter(f"{SVG}tspan")).replace("\u2010", "")
        for text in root.iter(f"{SVG}text") if text.get("class") == f"pbd-{role}-text"
    ])


def page_html(site: Path, locale: str) -> str:
    return (site / PREFIXES[locale] / PAGE_URL / "index.html").read_text(encoding="utf-8")


def test_each_locale_page_shows_its_own_diagram_inline(built_site):
    for locale in PREFIXES:
        page = source_page(PROJECT_ROOT, locale)
        html = page_html(built_site, locale)
        [figure] = figures(html)
        assert not re.search(r"<img[^>]+-framework\.(png|svg)", html), locale
        svgs = inline_svgs(figure)
        assert set(svgs) == {"wide", "narrow"}
        for root in svgs.values():
            assert root.get("role") == "group" and root.get("lang") == locale
            stages = [stage.title for stage in page.playbook_stages]
            assert texts(root, "stage") == squeezed(stages)
            capabilities = [item.text for stage in page.playbook_stages
                            for item in stage.capabilities.items]
            assert texts(root, "capability") == squeezed(capabilities)
            assert {a.get("href") for a in root.iter(f"{SVG}a")} == ANCHORS
            ids = {element.get("id") for element in root.iter() if element.get("id")}
            assert {root.get("aria-labelledby"), root.get("aria-describedby")} == ids
        alt = next(ref.text for ref in page.references if ref.target.endswith("framework.png"))
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure).group(1)
        assert caption.startswith(alt)
        for href in re.findall(r'href="([^"]+)"', caption):
            target = built_site / posixpath.normpath(posixpath.join(PREFIXES[locale] + PAGE_URL,
                                                                    href))
            assert target.is_file(), target
            if target.suffix == ".svg":  # the page's reference leads to its own locale's file
                assert f'lang="{locale}"' in target.read_text(encoding="utf-8")
        for anchor in ANCHORS:
            assert f'id="{anchor[1:]}"' in html  # every link in the diagram lands on the page


def test_the_diagram_files_are_published_for_each_locale(built_site):
    digests = set()
    for locale, prefix in PREFIXES.items():
        page = source_page(PROJECT_ROOT, locale)
        svg_file = built_site / f"{prefix}{DIAGRAM}.svg"
        png_file = built_site / f"{prefix}{DIAGRAM}.png"
        svg = svg_file.read_text(encoding="utf-8")
        root = ET.fromstring(svg.split("\n", 1)[1])
        assert root.get("lang") == locale
        assert texts(root, "stage") == squeezed([stage.title for stage in page.playbook_stages])
        # The file's links lead back to the stages on its page.
        for a in root.iter(f"{SVG}a"):
            target, _, anchor = a.get("href").partition("#")
            page_file = built_site / posixpath.normpath(
                posixpath.join(prefix + "assets/playbooks/", target)) / "index.html"
            assert f'id="{anchor}"' in page_file.read_text(encoding="utf-8"), a.get("href")
        with Image.open(io.BytesIO(png_file.read_bytes())) as image:
            assert image.format == "PNG" and image.width >= 1200
        digests |= {hashlib.sha256(svg_file.read_bytes()).hexdigest(),
                    hashlib.sha256(png_file.read_bytes()).hexdigest()}
    assert len(digests) == 2 * len(PREFIXES)  # every locale's files differ
    assert not (PROJECT_ROOT / f"{DIAGRAM}.png").exists()  # generated, never kept


def test_a_locale_without_the_page_shows_the_source_pages_diagram(project):
    (project / "docs" / "de" / PLAYBOOK).unlink()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      source_locale: en\n",
                                   "      source_locale: en\n"
                                   "      severity: {page-missing: ignore}\n", 1),
                      encoding="utf-8")
    site = build_site(project)
    english = [stage.title for stage in source_page(project, "en").playbook_stages]
    for root in inline_svgs(figures(page_html(site, "de"))[0]).values():
        assert root.get("lang") == "en"
        assert texts(root, "stage") == squeezed(english)
    svg = (site / f"de/{DIAGRAM}.svg").read_text(encoding="utf-8")
    assert 'lang="en"' in svg and "Aufmerksamkeit" not in svg
    assert (site / f"de/{DIAGRAM}.png").read_bytes() == (site / f"{DIAGRAM}.png").read_bytes()
