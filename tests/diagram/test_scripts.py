"""The diagram in every script of the sample site (tests/fixtures/scripts): each drawn character
is in the font that draws it, Chinese and Japanese lines obey kinsoku, right-to-left locales
are mirrored and their runs ordered as the Unicode Bidirectional Algorithm orders them."""

from __future__ import annotations

import io
import string
from functools import cache
from pathlib import Path

import pytest
from bidi import get_display
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFont

from conftest import SCRIPT_LOCALES, SCRIPTS_FIXTURE
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.diagram import fonts
from mkdocs_playbooks.diagram.bidi import embedding_levels, visual_order
from mkdocs_playbooks.diagram.layout import (
    NARROW,
    ROLE_STAGE,
    WIDE,
    DiagramLayout,
    layout_diagram,
)
from mkdocs_playbooks.diagram.png import drawing_problems, drawn_width, line_runs, render_png
from mkdocs_playbooks.diagram.text_width import text_width
from mkdocs_playbooks.diagram.wrap import wrap_text

PLAYBOOK = "playbooks/launch.md"
CJK = ("ja", "zh-Hans")
# Written out here rather than taken from diagram.wrap, so the test does not check the rule
# against itself: what Japanese typesetting forbids at the start and at the end of a line.
FORBIDDEN_AT_START = set("）」』】〕〉》］｝、。，．・：；？！ー々ゝゞ"
                         "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
FORBIDDEN_AT_END = set("（「『【〔〈《［｛")
# The Noto face each language's own letters must be drawn in.
EXPECTED_FACE = {"ja": "Noto Sans CJK JP", "zh-Hans": "Noto Sans CJK SC",
                 "ko": "Noto Sans CJK KR", "ar": "Noto Sans Arabic", "he": "Noto Sans Hebrew",
                 "el": "Roboto", "ru": "Roboto"}


BROWSER_FONTS = [f"/usr/share/fonts/truetype/{name}" for name in (
    "noto/NotoSans-Regular.ttf", "noto/NotoSansHebrew-Regular.ttf",
    "liberation/LiberationSans-Regular.ttf", "dejavu/DejaVuSans.ttf")]
"""Regular faces a browser may set the inline SVG's text in, when Roboto is not there."""


def fixture_page(locale: str) -> ParsedPage:
    path = SCRIPTS_FIXTURE / "docs" / locale / PLAYBOOK
    return parse_page(f"docs/{locale}/{PLAYBOOK}", PLAYBOOK, locale, path.read_bytes())


@cache
def cmap_of(path: str, index: int) -> frozenset[int]:
    """The font's character map, read here with fontTools, apart from diagram.fonts."""
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap())


def all_layouts(locale: str) -> list[DiagramLayout]:
    return [layout_diagram(fixture_page(locale), geometry) for geometry in (WIDE, NARROW)]


@pytest.fixture(autouse=True)
def _noto_installed():
    if not any(face.family.startswith("Noto Sans CJK") for face in fonts.font_faces("ja", False)):
        pytest.fail("Noto fonts are missing: run scripts/setup.sh as root, or install "
                    f"{fonts.NOTO_PACKAGES}")


@pytest.mark.parametrize("locale", SCRIPT_LOCALES)
def test_every_drawn_character_is_in_the_font_that_draws_it(locale):
    own_letters = 0
    for layout in all_layouts(locale):
        assert drawing_problems(layout) == []
        for box in layout.boxes:
            for line in box.lines:
                drawn = "".join(text for text, *_ in line_runs(line, locale, layout.rtl))
                assert sorted(drawn) == sorted(line.text)  # every character, once
                for text, face, _backwards in line_runs(line, locale, layout.rtl):
                    cmap = cmap_of(face.path, face.index)
                    missing = [char for char in text if ord(char) not in cmap]
                    assert not missing, f"{face.family} lacks {missing} of {line.text!r}"
                    if face.family == EXPECTED_FACE[locale]:
                        own_letters += sum(char.isalpha() for char in text)
    assert own_letters > 100, f"the {locale} text is not drawn in {EXPECTED_FACE[locale]}"


@pytest.mark.parametrize("locale", SCRIPT_LOCALES)
def test_every_line_fits_its_estimated_width_as_drawn(locale):
    """text_width() is an upper bound in every script: as the PNG draws it (shaped, in the
    fonts chosen) and in each single font a browser may use that has all its characters."""
    browser_fonts = [ImageFont.truetype(path, 100) for path in BROWSER_FONTS if Path(path).exists()]
    assert browser_fonts
    checked = 0
    for layout in all_layouts(locale):
        for box in layout.boxes:
            for line in box.lines:
                assert drawn_width(line, locale, layout.rtl) <= line.width + 0.01, line.text
                for font, path in zip(browser_fonts, BROWSER_FONTS, strict=False):
                    if not line.bold and all(ord(char) in cmap_of(path, 0) for char in line.text):
                        checked += 1
                        assert font.getlength(line.text) <= text_width(
                            line.text, 100) + 0.01, (path, line.text)
    assert checked or locale in CJK + ("ko", "ar")


@pytest.mark.parametrize("locale", SCRIPT_LOCALES)
def test_the_published_png_is_the_one_checked(scripts_site: Path, locale):
    """The site's PNG is drawn from the very layout the test above checks, and has ink."""
    published = scripts_site / locale / "assets/playbooks/launch-framework.png"
    assert published.read_bytes() == render_png(layout_diagram(fixture_page(locale), WIDE))
    image = Image.open(io.BytesIO(published.read_bytes())).convert("L")
    assert image.getextrema()[0] < 60  # dark text on the light boxes


@pytest.mark.parametrize("locale", CJK)
def test_no_wrapped_cjk_line_starts_or_ends_with_a_forbidden_character(locale):
    page = fixture_page(locale)
    texts = [stage.title for stage in page.stages]
    texts += [item.text for stage in page.stages for item in stage.capabilities.items]
    wrapped = 0
    for layout in all_layouts(locale):
        for box in layout.boxes:
            lines = [line.text for line in box.lines]
            wrapped += len(lines) > 1
            for before, after in zip(lines, lines[1:], strict=False):
                assert after[0] not in FORBIDDEN_AT_START, (before, after)
                assert before[-1] not in FORBIDDEN_AT_END, (before, after)
    # And at every width from four characters up (the longest unit kinsoku keeps together,
    # such as ちょっ, must fit a line): each break is where kinsoku allows one.
    for text in texts:
        for width in range(56, 320, 3):
            lines = wrap_text(text, width, 14, locale=locale)
            assert "".join(lines) == "".join(text.split()), (text, width, lines)
            for before, after in zip(lines, lines[1:], strict=False):
                assert after[0] not in FORBIDDEN_AT_START, (text, width, lines)
                assert before[-1] not in FORBIDDEN_AT_END, (text, width, lines)
    assert wrapped, "no box wrapped: the sample text no longer tests the rule"


def test_kinsoku_keeps_closing_punctuation_and_small_kana_off_a_lines_start():
    # At this width a plain character-by-character break would start lines with ） and ょ.
    text = "商品カタログ（品目一覧）の作成と、ちょっとした写真のチェック"
    for width in range(56, 200, 2):
        lines = wrap_text(text, width, 14, locale="ja")
        assert all(line[0] not in FORBIDDEN_AT_START for line in lines[1:]), (width, lines)


def test_korean_breaks_between_words():
    lines = wrap_text("장바구니와 결제 절차를 확인하기", 90, 14, locale="ko")
    assert len(lines) > 1
    assert " ".join(lines).split() == ["장바구니와", "결제", "절차를", "확인하기"]


@pytest.mark.parametrize("locale", ["ar", "he"])
def test_right_to_left_diagrams_are_mirrored(locale):
    layout = layout_diagram(fixture_page(locale), WIDE)
    assert layout.rtl
    stages = [box for box in layout.boxes if box.role == ROLE_STAGE]
    assert [box.x for box in stages] == sorted((box.x for box in stages), reverse=True)
    for box in stages:  # each chevron points left, to the next stage
        tip = min(box.outline())
        assert tip[1] == pytest.approx(box.y + box.height / 2, abs=0.01)
    for box in layout.boxes:
        for line in box.lines:
            assert box.x - 0.01 <= line.left and line.right <= box.x + box.width + 0.01
            if not line.centred:  # a line starts at its box's right edge
                assert line.x == pytest.approx(box.x + box.width - box.inset, abs=0.01)


def test_left_to_right_diagrams_are_not_mirrored():
    layout = layout_diagram(fixture_page("ru"), WIDE)
    stages = [box for box in layout.boxes if box.role == ROLE_STAGE]
    assert not layout.rtl and [box.x for box in stages] == sorted(box.x for box in stages)


def test_svg_of_a_right_to_left_page_reads_right_to_left():
    from mkdocs_playbooks.diagram.svg import render_svg

    svg = render_svg(layout_diagram(fixture_page("ar"), WIDE), id_prefix="t")
    assert 'direction="rtl"' in svg and "Noto Sans Arabic" in svg
    assert 'direction="rtl"' not in render_svg(layout_diagram(fixture_page("ja"), WIDE),
                                               id_prefix="t")


# Letters of both directions, European and Arabic-Indic digits, and the neutrals and
# separators between them; no brackets (rule N0 is not modelled) and no explicit controls.
BIDI_ALPHABET = "abcXYZابتجسשלוםαβ0123٠١٢ .,:%-+/$"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=BIDI_ALPHABET, min_size=1, max_size=24), rtl=st.booleans())
def test_visual_order_matches_the_reference_implementation(text, rtl):
    """Characters in the order bidi.py draws them are python-bidi's display string."""
    levels = embedding_levels(text, rtl)
    assert "".join(visual_order(list(text), levels)) == get_display(
        text, base_dir="R" if rtl else "L")


def test_missing_fonts_are_reported_not_drawn_silently(monkeypatch):
    monkeypatch.setattr(fonts, "FONT_FOLDERS", ())
    monkeypatch.delenv("PLAYBOOK_FONT_DIRS", raising=False)
    for cached in (fonts._noto_files, fonts.font_faces, fonts.face_for):
        cached.cache_clear()
    try:
        layout = layout_diagram(fixture_page("ja"), WIDE)
        problems = drawing_problems(layout)
        roboto = cmap_of(fonts.font_faces("ja", False)[0].path, 0)
        lacking = {char for box in layout.boxes for line in box.lines for char in line.text
                   if ord(char) not in roboto}
        assert len(problems) == 1 and fonts.NOTO_PACKAGES in problems[0]
        assert f"{len(lacking)} of its characters" in problems[0]
        assert drawing_problems(layout_diagram(fixture_page("ru"), WIDE)) == []  # Roboto has it
    finally:
        for cached in (fonts._noto_files, fonts.font_faces, fonts.face_for):
            cached.cache_clear()


def test_ascii_letters_stay_in_roboto():
    runs = fonts.font_runs(string.ascii_letters + " 123", "ja", False)
    assert [face.family for _text, face in runs] == ["Roboto"]


@pytest.mark.parametrize("bold", [False, True])
def test_roboto_has_every_printable_character_it_is_trusted_with(bold):
    face = fonts.font_faces("en", bold)[0]
    cmap = cmap_of(face.path, face.index)
    printable = [code for code in fonts.ROBOTO_LATIN if chr(code).isprintable()]
    assert face.family == "Roboto" and not [hex(code) for code in printable if code not in cmap]
