"""The framework diagram drawn from parsed pages: what it shows, how its text fits, its bytes."""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import font_roboto
import pytest
from PIL import Image, ImageFont

from conftest import PROJECT_ROOT
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.diagram.html import diagram_figure, replace_framework_images
from mkdocs_playbooks.diagram.layout import (
    NARROW,
    ROLE_CAPABILITY,
    ROLE_GOAL,
    ROLE_LANE,
    ROLE_STAGE,
    WIDE,
    DiagramLayout,
    layout_diagram,
)
from mkdocs_playbooks.diagram.png import PNG_SCALE, render_png
from mkdocs_playbooks.diagram.svg import render_svg
from mkdocs_playbooks.diagram.text_width import text_width
from mkdocs_playbooks.diagram.wrap import ADDED_HYPHEN, wrap_text

LOCALES = ("en", "sv", "de")
PLAYBOOK = "playbooks/commerce-strategy.md"
SVG = "{http://www.w3.org/2000/svg}"
GEOMETRIES = pytest.mark.parametrize("geometry", [WIDE, NARROW], ids=lambda g: g.name)


def real_page(locale: str) -> ParsedPage:
    path = PROJECT_ROOT / "docs" / locale / PLAYBOOK
    return parse_page(f"docs/{locale}/{PLAYBOOK}", PLAYBOOK, locale, path.read_bytes())


def page_from(markdown: str, locale: str = "de") -> ParsedPage:
    return parse_page(f"docs/{locale}/{PLAYBOOK}", PLAYBOOK, locale, markdown.encode())


def unwrap(lines: list[str]) -> str:
    """The text the lines were wrapped from: an added hyphen disappears, a word's own stays."""
    text = ""
    for line in lines:
        if text.endswith(ADDED_HYPHEN):
            text = text[:-1] + line
        elif text.endswith("-"):
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


def drawn_texts(svg: str) -> list[tuple[str, str, str | None]]:
    """(role, text, link) for every text element, in drawing order, read back from the SVG."""
    root = ET.fromstring(svg)
    links = {text: a.get("href") for a in root.iter(f"{SVG}a") for text in a.iter(f"{SVG}text")}
    return [
        (
            text.get("class").removeprefix("pbd-").removesuffix("-text"),
            unwrap([span.text for span in text.iter(f"{SVG}tspan")]),
            links.get(text),
        )
        for text in root.iter(f"{SVG}text")
    ]


def of_role(svg: str, role: str) -> list[str]:
    return [text for drawn_role, text, _ in drawn_texts(svg) if drawn_role == role]


@GEOMETRIES
@pytest.mark.parametrize("locale", LOCALES)
def test_each_locale_shows_exactly_its_stage_titles_and_capabilities(locale, geometry):
    page = real_page(locale)
    svg = render_svg(layout_diagram(page, geometry), id_prefix="test")
    stages = page.playbook_stages
    assert len(stages) == 4 and all(len(stage.capabilities.items) >= 7 for stage in stages)
    assert of_role(svg, ROLE_STAGE) == [stage.title for stage in stages]
    assert of_role(svg, ROLE_CAPABILITY) == [
        item.text for stage in stages for item in stage.capabilities.items
    ]
    assert of_role(svg, ROLE_GOAL) == [item.text for item in page.goals.capabilities.items]
    others = {stage.title for other in LOCALES if other != locale
              for stage in real_page(other).playbook_stages} - {s.title for s in stages}
    assert others and not any(title in svg for title in others)


@pytest.mark.parametrize("locale", LOCALES)
def test_each_capability_links_to_its_stage_anchor(locale):
    page = real_page(locale)
    svg = render_svg(layout_diagram(page), id_prefix="test")
    drawn = drawn_texts(svg)
    expected = [
        (text, f"#{stage.anchor}")
        for stage in page.playbook_stages
        for text in [stage.title, *(item.text for item in stage.capabilities.items)]
    ]
    links = [(text, link) for role, text, link in drawn if role in (ROLE_STAGE, ROLE_CAPABILITY)]
    assert links == expected
    # Each link is named by the whole phrase, whatever its line breaks.
    goals = page.goals
    named = [(a.get("aria-label"), a.get("href")) for a in ET.fromstring(svg).iter(f"{SVG}a")]
    goal_texts = [goals.title, *(item.text for item in goals.capabilities.items)]
    assert named == expected + [(text, "#goals") for text in goal_texts]
    assert {stage.anchor for stage in page.playbook_stages} == {
        "awareness", "consideration", "purchase", "support"}


LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenverwaltungsausschuss"
LONG_PAGE = f"""---
title: Lang
---

# Lang

## Aufmerksamkeitsökonomieverantwortlichkeiten {{#awareness}}

- {LONG_WORD}
- Kurz
- Online-Bestellung und Online-Rechnungszahlungsverwaltungsoberfläche

## Erwägung {{#consideration}}

- {"W" * 40}

## Ziele {{#goals}}

- {LONG_WORD}
"""


def assert_lines_inside(layout: DiagramLayout) -> int:
    """Every line lies inside its box's text area; returns how many boxes have several lines."""
    wrapped = 0
    for box in layout.boxes:
        for line in box.lines:
            assert line.left >= box.x + box.inset - 0.01, (box.role, line.text)
            assert line.right <= box.x + box.width - box.inset + 0.01, (box.role, line.text)
            assert line.baseline - line.size >= box.y - 0.01, (box.role, line.text)
            assert line.baseline + 0.3 * line.size <= box.y + box.height + 0.01, line.text
            assert line.width == pytest.approx(text_width(line.text, line.size, bold=line.bold),
                                               abs=0.01)
        wrapped += len(box.lines) > 1
    return wrapped


@GEOMETRIES
@pytest.mark.parametrize("locale", ["de", "xx"])  # xx: no hyphenation dictionary
def test_a_very_long_word_wraps_inside_its_box(locale, geometry):
    layout = layout_diagram(page_from(LONG_PAGE, locale), geometry)
    assert assert_lines_inside(layout) >= 3
    capabilities = [box for box in layout.boxes if box.role == ROLE_CAPABILITY]
    long_box = capabilities[0]
    assert text_width(LONG_WORD, long_box.lines[0].size) > long_box.width
    assert len(long_box.lines) >= 2
    assert unwrap([line.text for line in long_box.lines]) == LONG_WORD
    # Boxes grow to fit their lines and never overlap the next one in the lane.
    assert long_box.y + long_box.height < capabilities[1].y
    lanes = [box for box in layout.boxes if box.role == ROLE_LANE]
    for box in capabilities:
        assert any(
            lane.x <= box.x and box.x + box.width <= lane.x + lane.width
            and lane.y <= box.y and box.y + box.height <= lane.y + lane.height
            for lane in lanes
        ), box


def test_a_compound_breaks_at_its_own_hyphen_rather_than_a_syllable():
    text = "Beschaffungs-Workflow und -Integration"
    width = text_width("Beschaffungs-Workfl", 14)  # "Beschaffungs-Work‐" would fit too
    assert wrap_text(text, width, 14, locale="de") == ["Beschaffungs-", "Workflow und",
                                                       "-Integration"]


def test_a_short_first_part_does_not_leave_a_short_line():
    text = "Online-Rechnungszahlungsverwaltung"
    width = text_width("Online-Rechnungszah", 14)
    lines = wrap_text(text, width, 14, locale="de")
    assert lines[0] == f"Online-Rechnungs{ADDED_HYPHEN}"
    assert all(text_width(line, 14) <= width for line in lines)
    assert unwrap(lines) == text


@pytest.mark.parametrize("locale", LOCALES)
def test_real_pages_fit_their_boxes(locale):
    for geometry in (WIDE, NARROW):
        assert_lines_inside(layout_diagram(real_page(locale), geometry))


def _fonts() -> list[tuple[str, bool]]:
    roboto = font_roboto.font_files
    fonts = [(roboto["Roboto"], False), (roboto["RobotoBold"], True)]
    system = Path("/usr/share/fonts/truetype")
    for name, bold in [("liberation/LiberationSans-Regular.ttf", False),
                       ("liberation/LiberationSans-Bold.ttf", True),
                       ("dejavu/DejaVuSans.ttf", False), ("dejavu/DejaVuSans-Bold.ttf", True)]:
        if (system / name).is_file():
            fonts.append((str(system / name), bold))
    return fonts


@pytest.mark.parametrize("font_path, bold", _fonts(), ids=lambda v: Path(str(v)).stem)
def test_estimated_widths_are_never_less_than_a_real_fonts(font_path, bold):
    """What makes "fits by the estimate" mean "fits on screen" in each font a reader may get."""
    font = ImageFont.truetype(font_path, 100)
    texts = [LONG_WORD, "W" * 40, "ÅÄÖ åäö ÜÖÄß üöä ľ — …"]
    for locale in LOCALES:
        page = real_page(locale)
        texts += [stage.title for stage in page.stages]
        texts += [item.text for stage in page.stages for item in stage.capabilities.items]
    for text in texts:
        assert font.getlength(text) <= text_width(text, 100, bold=bold) + 0.01, text


SCRIPT_PAGE = """---
title: x
---

# x

## <script>alert("stage")</script> & Co {#awareness}

- <script>alert('capability')</script>
- Tom & Jerry's <b>bold</b>

## Goals {#goals}

- a "quoted" goal

![<script>alert(1)</script>](../../assets/playbooks/x-framework.png)
"""


def test_markup_in_titles_is_escaped():
    page = page_from(SCRIPT_PAGE, "en")
    layout = layout_diagram(page)
    svg = render_svg(layout, id_prefix="t", link_prefix="../x/", standalone=True)
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
    root = ET.fromstring(svg.split("\n", 1)[1])  # well-formed XML after the declaration
    assert root.find(f"{SVG}title").text == "<script>alert(1)</script>"
    assert of_role(svg, ROLE_STAGE) == ['<script>alert("stage")</script> & Co']
    assert of_role(svg, ROLE_CAPABILITY) == ["<script>alert('capability')</script>",
                                             "Tom & Jerry's <b>bold</b>"]
    assert {link for _, _, link in drawn_texts(svg)} == {None, "../x/#awareness", "../x/#goals"}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_diagram_is_a_labelled_group_with_title_and_description_in_the_pages_language(locale):
    page = real_page(locale)
    svg = render_svg(layout_diagram(page, with_title=False), id_prefix="fig-1")
    root = ET.fromstring(svg)
    assert root.get("role") == "group"
    assert root.get("lang") == locale
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    alt = next(ref.text for ref in page.references if ref.target.endswith("-framework.png"))
    assert title.text == alt
    for stage in page.stages:
        assert f"{stage.title}: " in desc.text
        assert all(item.text in desc.text for item in stage.capabilities.items)
    assert [t for role, t, _ in drawn_texts(svg) if role == "title"] == []
    with_title = render_svg(layout_diagram(page), id_prefix="fig-1")
    assert [t for role, t, _ in drawn_texts(with_title) if role == "title"] == [alt]


def test_inline_text_is_real_text_in_the_page_font():
    svg = render_svg(layout_diagram(real_page("sv")), id_prefix="t")
    assert "<path" not in svg  # no outlines: every word is a <text> element
    assert "var(--md-text-font," in svg and "var(--md-default-fg-color" in svg
    assert "Noto Sans" in svg  # then the families the PNG draws other scripts in
    assert "Produktkataloghantering" in svg


SHA_SCRIPT = """
import hashlib, sys
from pathlib import Path
from mkdocs_playbooks.diagram.layout import layout_diagram
from mkdocs_playbooks.diagram.svg import render_svg
from mkdocs_playbooks.core.parse import parse_page
path = Path(sys.argv[1])
page = parse_page("p", "playbooks/commerce-strategy.md", "de", path.read_bytes())
print(hashlib.sha256(render_svg(layout_diagram(page), id_prefix="x").encode()).hexdigest())
"""


def test_the_same_page_gives_byte_identical_output():
    first = render_svg(layout_diagram(real_page("de")), id_prefix="x")
    again = render_svg(layout_diagram(real_page("de")), id_prefix="x")
    assert first == again
    layout = layout_diagram(real_page("de"))
    assert render_png(layout) == render_png(layout_diagram(real_page("de")))
    path = PROJECT_ROOT / "docs" / "de" / PLAYBOOK
    runs = [
        subprocess.run([sys.executable, "-c", SHA_SCRIPT, str(path)], check=True, text=True,
                       capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        for seed in ("1", "2")
    ]
    digests = {run.stdout.strip() for run in runs}
    assert digests == {hashlib.sha256(first.encode()).hexdigest()}


def test_the_png_draws_the_same_layout():
    layouts = {locale: layout_diagram(real_page(locale)) for locale in LOCALES}
    images = {locale: render_png(layout) for locale, layout in layouts.items()}
    assert len(set(images.values())) == 3
    for locale, data in images.items():
        with Image.open(io.BytesIO(data)) as image:
            layout = layouts[locale]
            assert image.format == "PNG"
            assert image.size == (math.ceil(layout.width * PNG_SCALE),
                                  math.ceil(layout.height * PNG_SCALE))
            # A stage header is drawn in the primary colour where the layout put it.
            stage = next(box for box in layout.boxes if box.role == ROLE_STAGE)
            centre = ((stage.x + stage.width / 2) * PNG_SCALE, (stage.y + 2) * PNG_SCALE)
            assert image.getpixel(centre) == (0x40, 0x51, 0xB5)



def test_only_a_framework_image_standing_alone_becomes_a_figure():
    diagram = '<img alt="A &amp; B" src="../../assets/playbooks/x-framework.png" />'
    page_html = (
        f"<p>{diagram}</p>"
        f"<p>See {diagram} inline.</p>"  # a figure cannot go inside a paragraph: left as it is
        '<p><img alt="photo" src="../../assets/playbooks/photo.png" /></p>'
        f"<p>{diagram.replace('x-framework', 'y-framework')}</p>"
    )
    replaced = replace_framework_images(page_html, "sv/playbooks/x/",
                                        lambda src, alt, index: f"[{src}|{alt}|{index}]")
    assert replaced == (
        "[../../assets/playbooks/x-framework.png|A & B|0]"
        f"<p>See {diagram} inline.</p>"
        '<p><img alt="photo" src="../../assets/playbooks/photo.png" /></p>'
        "[../../assets/playbooks/y-framework.png|A & B|1]"
    )


@pytest.mark.parametrize("extension, links", [(".png", ["SVG", "PNG"]), (".svg", ["SVG"])])
def test_the_figure_links_the_files_the_page_asked_for(extension, links):
    page = real_page("sv")
    src = f"../../assets/playbooks/commerce-strategy-framework{extension}"
    figure = diagram_figure(page, src, "Ramverk <för> e-handel", 0)
    caption = figure[figure.index("<figcaption>"):]
    assert caption.startswith("<figcaption>Ramverk &lt;för&gt; e-handel (")
    assert [label for _, label in re.findall(r'<a href="([^"]+)" download>(\w+)</a>', caption)] \
        == links
    assert figure.count('class="pbd pbd--wide"') == figure.count('class="pbd pbd--narrow"') == 1
    assert "data-search-exclude" in figure  # the page's own text is what search should find
