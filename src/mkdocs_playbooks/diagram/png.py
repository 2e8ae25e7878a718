"""Raster a laid-out framework diagram to PNG with Pillow, for social cards and readers without
SVG: the very layout the SVG is written from, in the light palette and the Roboto font."""

from __future__ import annotations

import io
import math
from functools import cache

import font_roboto
from PIL import Image, ImageDraw, ImageFont

from mkdocs_playbooks.diagram.layout import SHAPE_RECT, DiagramLayout
from mkdocs_playbooks.diagram.palette import CORNER_RADIUS, PAINT, STROKE_WIDTH, SURFACE

PNG_SCALE = 2
"""Pixels per layout unit: twice the SVG's size, sharp on high-density screens."""


@cache
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_roboto.font_files["RobotoBold" if bold else "Roboto"], size)


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
            draw.text((line.x * scale, line.baseline * scale), line.text,
                      font=_font(line.size * scale, line.bold), fill=paint.text.light,
                      anchor="ms" if line.centred else "ls")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
