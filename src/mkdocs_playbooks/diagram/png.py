"""Raster a laid-out framework diagram to PNG with Pillow, for social cards and readers without
SVG: the very layout the SVG is written from, in the light palette.

Each line is drawn as runs of one font each (:mod:`diagram.fonts`: Roboto, then Noto for the
scripts Roboto lacks), in the order :mod:`diagram.bidi` gives them. With libraqm (Pillow's
complex text layout, :func:`shapes_text`) each run is shaped: Arabic letters join, marks sit
on their letters, right-to-left runs read right to left. Without it Pillow's basic layout
draws one glyph per character, so the plugin warns before it publishes an Arabic or Hebrew
PNG drawn that way.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont, features

from mkdocs_playbooks.diagram.bidi import embedding_levels, is_rtl_text, visual_order
from mkdocs_playbooks.diagram.fonts import (
    NOTO_PACKAGES,
    FontFace,
    font_runs,
    uncovered_characters,
)
from mkdocs_playbooks.diagram.layout import SHAPE_RECT, DiagramLayout, TextLine
from mkdocs_playbooks.diagram.palette import CORNER_RADIUS, PAINT, STROKE_WIDTH, SURFACE

PNG_SCALE = 2
"""Pixels per layout unit: twice the SVG's size, sharp on high-density screens."""


@cache
def shapes_text() -> bool:
    """Whether Pillow has libraqm here, to shape complex scripts and right-to-left text."""
    return bool(features.check("raqm"))


@cache
def _font(face: FontFace, size: float) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if shapes_text() else ImageFont.Layout.BASIC
    return ImageFont.truetype(face.path, size, index=face.index, layout_engine=engine)


def line_runs(line: TextLine, locale: str, rtl: bool) -> list[tuple[str, FontFace, bool]]:
    """The runs `line` is drawn as, left to right: text, face, and whether it reads right
    to left."""
    levels = embedding_levels(line.text, rtl)
    runs: list[tuple[str, FontFace, int]] = []
    position = 0
    for text, face in font_runs(line.text, locale, line.bold):
        for offset, char in enumerate(text):
            level = levels[position + offset]
            if runs and runs[-1][1] == face and runs[-1][2] == level:
                runs[-1] = (runs[-1][0] + char, face, level)
            else:
                runs.append((char, face, level))
        position += len(text)
    ordered = visual_order(runs, [level for *_, level in runs])
    return [(text, face, level % 2 == 1) for text, face, level in ordered]


@dataclass(frozen=True)
class _Run:
    """One run of a line as the PNG draws it: `direction` and `language` for libraqm."""

    text: str
    font: ImageFont.FreeTypeFont
    direction: str | None
    language: str | None
    width: float


def _shaped_runs(line: TextLine, locale: str, rtl: bool, size: float) -> list[_Run]:
    """`line`'s runs, left to right, each with its font and width."""
    runs = []
    for text, face, backwards in line_runs(line, locale, rtl):
        font = _font(face, size)
        if shapes_text():
            direction, language = ("rtl" if backwards else "ltr"), locale
        else:  # no shaping: at least the letters come in reading order
            text, direction, language = (text[::-1] if backwards else text), None, None
        width = font.getlength(text, direction=direction, language=language)
        runs.append(_Run(text, font, direction, language, width))
    return runs


def drawn_width(line: TextLine, locale: str, rtl: bool) -> float:
    """How wide the PNG draws `line`, in layout units."""
    scale = 10  # measured large, so rounding to whole pixels does not count
    return sum(run.width for run in _shaped_runs(line, locale, rtl, line.size * scale)) / scale


def _draw_line(draw: ImageDraw.ImageDraw, line: TextLine, locale: str, rtl: bool, scale: int,
               colour: str) -> None:
    runs = _shaped_runs(line, locale, rtl, line.size * scale)
    total = sum(run.width for run in runs)
    x = line.x * scale
    left = x - total / 2 if line.centred else x - total if rtl else x
    for run in runs:
        draw.text((left, line.baseline * scale), run.text, font=run.font, fill=colour,
                  anchor="ls", direction=run.direction, language=run.language)
        left += run.width


def drawing_problems(layout: DiagramLayout) -> list[str]:
    """What the PNG of `layout` cannot draw properly on this machine, in words for the build
    log; empty when it draws every character as it should."""
    lines = [line for box in layout.boxes for line in box.lines]
    missing: set[str] = set()
    for line in lines:
        missing |= uncovered_characters(line.text, layout.locale, line.bold)
    problems = []
    if missing:
        shown = "".join(sorted(missing)[:20]) + ("…" if len(missing) > 20 else "")
        problems.append(
            f"no font here has {len(missing)} of its characters ({shown}), so the PNG shows "
            f"them as empty boxes: install {NOTO_PACKAGES} (Debian), or name a folder of Noto "
            "Sans fonts in PLAYBOOK_FONT_DIRS")
    if not shapes_text() and any(is_rtl_text(line.text) for line in lines):
        problems.append(
            "Pillow has no libraqm here, so the PNG draws right-to-left letters unjoined: "
            "install libfribidi0 (Debian), which Pillow's libraqm loads")
    return problems


def render_png(layout: DiagramLayout, *, scale: int = PNG_SCALE) -> bytes:
    """The diagram as PNG bytes, on a white background."""
    size = (math.ceil(layout.width * scale), math.ceil(layout.height * scale))
    image = Image.new("RGB", size, SURFACE.light)
    draw = ImageDraw.Draw(image)
    for box in layout.boxes:
        paint = PAINT[box.role]
        fill = paint.fill.light if paint.fill else None
        outline = paint.stroke.light if paint.stroke else None
        if fill or outline:
            if box.shape == SHAPE_RECT:
                corners = (box.x * scale, box.y * scale,
                           (box.x + box.width) * scale, (box.y + box.height) * scale)
                draw.rounded_rectangle(corners, radius=CORNER_RADIUS * scale, fill=fill,
                                       outline=outline, width=STROKE_WIDTH * scale)
            else:
                points = [(x * scale, y * scale) for x, y in box.outline()]
                draw.polygon(points, fill=fill, outline=outline)
        for line in box.lines:
            _draw_line(draw, line, layout.locale, layout.rtl, scale, paint.text.light)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
