"""Write a laid-out framework diagram as SVG: real, selectable text, links to the stages, and
colours that follow the page's palette when the SVG sits inline in a page.

Every piece of text is XML-escaped; numbers are written with at most two decimals, so the same
layout always gives the same bytes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from mkdocs_playbooks.diagram.fonts import css_font_stack
from mkdocs_playbooks.diagram.layout import SHAPE_RECT, Box, DiagramLayout, TextLine
from mkdocs_playbooks.diagram.palette import ACCENT, CORNER_RADIUS, PAINT, STROKE_WIDTH, SURFACE

FIGURE_CLASS = "pbd-figure"
NARROW_BELOW = 560
"""A figure narrower than this (CSS pixels) shows the stacked layout instead of the wide one."""


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _style(locale: str) -> str:
    """The stylesheet inside each SVG: theme colours, link feedback and the wide/narrow switch.
    Text is set in the theme's font, then in the fonts the PNG uses for the other scripts."""
    rules = [
        f".pbd text{{font-family:var(--md-text-font,Roboto),{css_font_stack(locale)}}}",
        f".pbd a:hover .pbd-shape,.pbd a:focus .pbd-shape{{stroke:{ACCENT.css};stroke-width:2}}",
        # Keyboard focus: a ring around the whole box, in the accent colour (3:1 or more against
        # the page in both palettes), besides the thicker outline of the box itself.
        f".pbd a:focus-visible{{outline:2px solid {ACCENT.css};outline-offset:2px}}",
        ".pbd a:hover text{text-decoration:underline}",
    ]
    for role, paint in PAINT.items():
        fill = paint.fill.css if paint.fill else "none"
        stroke = paint.stroke.css if paint.stroke else "none"
        rules.append(f".pbd-{role}{{fill:{fill};stroke:{stroke}}}")
        rules.append(f".pbd-{role}-text{{fill:{paint.text.css}}}")
    rules += [
        f".md-typeset figure.{FIGURE_CLASS}{{display:block;width:100%;max-width:100%;"
        "container-type:inline-size}",
        f".{FIGURE_CLASS} svg.pbd{{display:block;width:100%;height:auto}}",
        f".{FIGURE_CLASS} svg.pbd--narrow{{display:none}}",
        f"@container (max-width:{NARROW_BELOW - 0.02}px){{"
        f".{FIGURE_CLASS} svg.pbd--wide{{display:none}}"
        f".{FIGURE_CLASS} svg.pbd--narrow{{display:block}}}}",
    ]
    return "".join(rules)


def _shape(box: Box) -> str:
    paint = PAINT[box.role]
    if paint.fill is None and paint.stroke is None:
        return ""
    colours = (
        f' fill="{paint.fill.light if paint.fill else "none"}"'
        f' stroke="{paint.stroke.light if paint.stroke else "none"}"'
        + (f' stroke-width="{STROKE_WIDTH}"' if paint.stroke else "")
    )
    classes = f'class="pbd-shape pbd-{box.role}"'
    if box.shape == SHAPE_RECT:
        return (
            f'<rect {classes} x="{_number(box.x)}" y="{_number(box.y)}"'
            f' width="{_number(box.width)}" height="{_number(box.height)}"'
            f' rx="{CORNER_RADIUS}"{colours}/>'
        )
    points = " ".join(f"{_number(x)},{_number(y)}" for x, y in box.outline())
    return f'<polygon {classes} points="{points}"{colours}/>'


def _text(box: Box) -> str:
    if not box.lines:
        return ""
    first: TextLine = box.lines[0]
    attributes = [
        f'class="pbd-{box.role}-text"',
        f'font-size="{_number(first.size)}"',
        f'fill="{PAINT[box.role].text.light}"',
    ]
    if first.bold:
        attributes.append('font-weight="bold"')
    if first.centred:
        attributes.append('text-anchor="middle"')
    spans = "".join(
        f'<tspan x="{_number(line.x)}" y="{_number(line.baseline)}">{escape(line.text)}</tspan>'
        for line in box.lines
    )
    return f"<text {' '.join(attributes)}>{spans}</text>"


def _box(box: Box, link_prefix: str) -> str:
    drawn = _shape(box) + _text(box)
    if box.anchor and box.lines:
        # The label names the link as one phrase, however its text was wrapped and hyphenated.
        href = quoteattr(f"{link_prefix}#{box.anchor}")
        return f"<a href={href} aria-label={quoteattr(box.label)}>{drawn}</a>"
    return drawn


def render_svg(layout: DiagramLayout, *, id_prefix: str, link_prefix: str = "",
               standalone: bool = False) -> str:
    """The diagram as SVG markup.

    `id_prefix` keeps the title and description ids unique on a page that holds several
    diagrams; `link_prefix` goes before each ``#anchor`` (the page's URL, for a standalone file);
    `standalone` adds the XML declaration a ``.svg`` file starts with.
    """
    width, height = _number(layout.width), _number(layout.height)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    # A file viewed on its own gets the light page behind it; inline, the page shows through.
    # Right to left, a line's `start` anchor is its right end and the browser orders it so.
    direction = ' direction="rtl"' if layout.rtl else ""
    background = f'<rect width="100%" height="100%" fill="{SURFACE.light}"/>' if standalone else ""
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" class="pbd pbd--{layout.geometry}"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        # A group, not an image: its links must stay reachable (an image's content is hidden
        # from assistive technology, and links inside one are axe-core's nested-interactive).
        f' role="group" aria-labelledby="{title_id}" aria-describedby="{desc_id}"'
        f" lang={quoteattr(layout.locale)} xml:lang={quoteattr(layout.locale)}"
        f' font-family="{css_font_stack(layout.locale)}"{direction}>'
        f'<title id="{title_id}">{escape(layout.title)}</title>'
        f'<desc id="{desc_id}">{escape(layout.description)}</desc>'
        f"<style>{_style(layout.locale)}</style>{background}"
        + "".join(_box(box, link_prefix) for box in layout.boxes)
        + "</svg>\n"
    )
