"""Lay out a playbook's framework diagram from its parsed page: boxes and lines of text with
coordinates, computed once so the SVG and PNG writers draw exactly the same picture.

One lane per stage in source order (a chevron header, then its capabilities), the goals in a
band below. Text is wrapped by its estimated width (:mod:`diagram.text_width`), boxes grow to
fit their lines, and the same page always gives the same numbers. In a right-to-left language
(Arabic, Hebrew, …) the whole picture is mirrored: the first stage on the right, chevrons
pointing left, text starting at each box's right edge.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, replace
from typing import TypeVar

from mkdocs_playbooks.core.framework_ref import DIAGRAM_SUFFIXES
from mkdocs_playbooks.core.model import ParsedPage, Stage
from mkdocs_playbooks.core.text import replace_code_spans, without_controls
from mkdocs_playbooks.diagram.text_width import text_width
from mkdocs_playbooks.diagram.wrap import wrap_text

# What a box is; the writers choose its colours and shape by it.
ROLE_TITLE = "title"
ROLE_LANE = "lane"
ROLE_STAGE = "stage"
ROLE_CAPABILITY = "capability"
ROLE_GOALS = "goals"
ROLE_GOALS_TITLE = "goals-title"
ROLE_GOAL = "goal"

SHAPE_RECT = "rect"
SHAPE_CHEVRON = "chevron"  # a header pointing to the next stage
SHAPE_CHEVRON_FIRST = "chevron-first"  # the first stage's header: a flat left edge

T = TypeVar("T")

RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur",
                           "yi"})
"""Languages written right to left (their base code: ``ar`` also stands for ``ar-EG``)."""

_ASCENT_SHARE = 0.35  # a baseline this far below a line's middle centres mixed-case text


@dataclass(frozen=True)
class DiagramGeometry:
    """Sizes, in SVG user units (pixels at 100%), for one arrangement of the diagram."""

    name: str
    width: float
    max_columns: int
    margin: float = 12
    gap: float = 10
    lane_padding: float = 5
    item_gap: float = 5
    padding_x: float = 7
    padding_y: float = 6
    text_size: float = 14
    header_size: float = 15
    title_size: float = 20
    line_pitch: float = 1.3  # line height as a multiple of the font size
    chevron_depth: float = 9


WIDE = DiagramGeometry(name="wide", width=780, max_columns=4)
"""Stages side by side: for the standalone files and wide screens."""
NARROW = DiagramGeometry(name="narrow", width=360, max_columns=1)
"""Stages one under the other: for phone-width screens."""


@dataclass(frozen=True)
class TextLine:
    """One line of text: `x` is where it starts (its right end when `rtl`), or its centre
    when `centred`."""

    text: str
    x: float
    baseline: float
    size: float
    bold: bool
    centred: bool
    width: float  # estimated, an upper bound of the drawn width
    rtl: bool = False

    @property
    def left(self) -> float:
        if self.centred:
            return self.x - self.width / 2
        return self.x - self.width if self.rtl else self.x

    @property
    def right(self) -> float:
        return self.left + self.width


@dataclass(frozen=True)
class Box:
    """A rectangle (or chevron) with its lines; `inset` is the margin text keeps from each side,
    `label` its whole text before wrapping (what a screen reader should hear)."""

    role: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[TextLine, ...] = ()
    label: str = ""
    anchor: str | None = None  # the stage's anchor on the page, for a link
    shape: str = SHAPE_RECT
    inset: float = 0
    notch: float = 0  # how deep a chevron's point (and notch) is
    mirrored: bool = False  # right to left: a chevron points left

    def outline(self) -> tuple[tuple[float, float], ...]:
        """The corners of the box's shape, clockwise from the top left (counter-clockwise
        when mirrored)."""
        left, top, right, bottom = self.x, self.y, self.x + self.width, self.y + self.height
        middle = top + self.height / 2
        if self.shape == SHAPE_RECT:
            return ((left, top), (right, top), (right, bottom), (left, bottom))
        point = ((right - self.notch, top), (right, middle), (right - self.notch, bottom))
        tail = ((left, bottom),) if self.shape == SHAPE_CHEVRON_FIRST else (
            (left, bottom), (left + self.notch, middle))
        corners = ((left, top), *point, *tail)
        if self.mirrored:
            corners = tuple((left + right - x, y) for x, y in corners)
        return tuple((_round(x), _round(y)) for x, y in corners)


@dataclass(frozen=True)
class DiagramLayout:
    """The whole picture: its size, what it is called and says (in the page's language), its boxes
    in drawing order."""

    geometry: str
    width: float
    height: float
    title: str
    description: str
    locale: str
    boxes: tuple[Box, ...]
    rtl: bool = False  # mirrored, for a right-to-left language


# Possessive, and an emphasis never spans a delimiter character, so that no text can make
# these backtrack (an unclosed `_` used to be searched for to the end of the text from each
# one); emphasis is therefore taken off in two passes, the inner then the outer.
_LINK = re.compile(r"!?\[((?:[^\[\]]++|\[[^\[\]]*+\])*+)\](?:\([^)]*+\)|\[[^\]]*+\])")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)([^*_]+?)(?<=\S)\1")
_EMPHASIS_PASSES = 2
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_text(markdown: str) -> str:
    """The words of an inline Markdown fragment, as a reader sees them: link text without its
    target, no emphasis or code markers, backslash escapes and entities resolved."""
    text = replace_code_spans(markdown, lambda span: span.strip("`").strip())
    text = _LINK.sub(r"\1", text)
    for _ in range(_EMPHASIS_PASSES):
        text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    # Without control characters: XML 1.0 cannot hold them, so one would break the SVG.
    return " ".join(without_controls(html.unescape(text)).split())


def is_rtl(locale: str) -> bool:
    """Whether `locale` is written right to left."""
    return locale.replace("_", "-").split("-")[0].lower() in RTL_LANGUAGES


def _mirrored(box: Box, width: float) -> Box:
    """`box` seen in a mirror down the middle of a diagram `width` wide: it starts from the
    right, and its lines start at their right end."""
    lines = tuple(replace(line, x=_round(width - line.x), rtl=True) for line in box.lines)
    return replace(box, x=_round(width - box.x - box.width), lines=lines, mirrored=True)


def diagram_title(page: ParsedPage) -> str:
    """The diagram's name: the alt text of the page's framework image, else the page's title."""
    for reference in page.references:
        name = posixpath.basename(reference.target)
        if reference.is_image and name.endswith(DIAGRAM_SUFFIXES) and reference.text:
            return plain_text(reference.text)
    return plain_text(page.display_title)


def diagram_description(page: ParsedPage) -> str:
    """Everything the diagram shows, as one paragraph: each stage with its capabilities."""
    sections = [*page.playbook_stages, *([page.goals] if page.goals else [])]
    sentences = []
    for stage in sections:
        items = "; ".join(plain_text(item.text) for item in stage.capabilities.items)
        sentences.append(f"{plain_text(stage.title)}: {items}." if items
                         else f"{plain_text(stage.title)}.")
    return " ".join(sentences)


class _Typesetter:
    """Wraps text into positioned lines for one geometry and one language."""

    def __init__(self, geometry: DiagramGeometry, locale: str) -> None:
        self.geometry = geometry
        self.locale = locale

    def pitch(self, size: float) -> float:
        return size * self.geometry.line_pitch

    def wrap(self, text: str, width: float, size: float, bold: bool) -> list[str]:
        return wrap_text(text, width, size, bold=bold, locale=self.locale) or [""]

    def block_height(self, lines: list[str], size: float) -> float:
        return len(lines) * self.pitch(size) + 2 * self.geometry.padding_y

    def place(self, lines: list[str], *, x: float, top: float, size: float, bold: bool,
              centred: bool) -> tuple[TextLine, ...]:
        """Lines set from `top` (the top of the first line's slot) down."""
        pitch = self.pitch(size)
        return tuple(
            TextLine(
                text=line,
                x=_round(x),
                baseline=_round(top + pitch * (index + 0.5) + size * _ASCENT_SHARE),
                size=size,
                bold=bold,
                centred=centred,
                width=_round(text_width(line, size, bold=bold)),
            )
            for index, line in enumerate(lines)
        )


def _round(value: float) -> float:
    return round(value, 2)


def _chunks(items: tuple[T, ...], size: int) -> list[tuple[T, ...]]:
    return [items[start:start + size] for start in range(0, len(items), size)]


def layout_diagram(page: ParsedPage, geometry: DiagramGeometry = WIDE, *,
                   with_title: bool = True) -> DiagramLayout:
    """The framework diagram of `page`. `with_title` draws the diagram's name above it (the
    standalone files need it; a page shows it in the figure's caption instead)."""
    setter = _Typesetter(geometry, page.locale)
    boxes: list[Box] = []
    content_width = geometry.width - 2 * geometry.margin
    y = geometry.margin
    title = diagram_title(page)
    if with_title:
        lines = setter.wrap(title, content_width, geometry.title_size, True)
        height = len(lines) * setter.pitch(geometry.title_size)
        boxes.append(Box(ROLE_TITLE, geometry.margin, y, content_width, _round(height),
                         setter.place(lines, x=geometry.margin, top=y,
                                      size=geometry.title_size, bold=True, centred=False),
                         label=title))
        y += height + geometry.gap
    stages = page.playbook_stages
    columns = max(1, min(geometry.max_columns, len(stages)))
    lane_width = (content_width - (columns - 1) * geometry.gap) / columns
    for row_index, row in enumerate(_chunks(stages, columns)):
        y = _stage_row(boxes, setter, row, row_index * columns, y, lane_width) + geometry.gap
    goals = page.goals
    if goals is not None and goals.capabilities.items:
        y = _goals_band(boxes, setter, goals, y, lane_width, columns) + geometry.gap
    rtl = is_rtl(page.locale)
    return DiagramLayout(
        geometry=geometry.name,
        width=geometry.width,
        height=_round(y - geometry.gap + geometry.margin),
        title=title,
        description=diagram_description(page),
        locale=page.locale,
        boxes=tuple(_mirrored(box, geometry.width) for box in boxes) if rtl else tuple(boxes),
        rtl=rtl,
    )


def _header_shape(geometry: DiagramGeometry, stage_index: int) -> tuple[str, float, float]:
    """A stage header's shape, how far its text keeps from the sides, and its chevron's depth.

    Side by side, headers are chevrons pointing to the next stage; stacked, plain boxes.
    """
    if geometry.max_columns == 1:
        return SHAPE_RECT, geometry.padding_x, 0
    shape = SHAPE_CHEVRON_FIRST if stage_index == 0 else SHAPE_CHEVRON
    depth = geometry.chevron_depth
    return shape, geometry.padding_x + depth, depth


def _stage_row(boxes: list[Box], setter: _Typesetter, row: tuple[Stage, ...], first_index: int,
               top: float, lane_width: float) -> float:
    """Lay out one row of lanes from `top`; return the row's bottom."""
    geometry = setter.geometry
    headers = []
    for offset, stage in enumerate(row):
        shape, inset, notch = _header_shape(geometry, first_index + offset)
        label = plain_text(stage.title)
        lines = setter.wrap(label, lane_width - 2 * inset, geometry.header_size, True)
        headers.append((shape, inset, notch, label, lines))
    header_height = max(setter.block_height(lines, geometry.header_size)
                        for *_, lines in headers)
    lane_xs: list[float] = []
    contents: list[Box] = []
    bottom = top + header_height
    for column, (stage, header) in enumerate(zip(row, headers, strict=True)):
        shape, inset, notch, label, lines = header
        x = geometry.margin + column * (lane_width + geometry.gap)
        slack = header_height - setter.block_height(lines, geometry.header_size)
        contents.append(Box(
            ROLE_STAGE, _round(x), _round(top), _round(lane_width), _round(header_height),
            setter.place(lines, x=x + lane_width / 2,
                         top=top + geometry.padding_y + slack / 2,
                         size=geometry.header_size, bold=True, centred=True),
            label=label, anchor=stage.anchor, shape=shape, inset=inset, notch=notch,
        ))
        item_x = x + geometry.lane_padding
        item_width = lane_width - 2 * geometry.lane_padding
        item_y = top + header_height + geometry.lane_padding
        for item in stage.capabilities.items:
            box = _text_box(setter, ROLE_CAPABILITY, plain_text(item.text), item_x, item_y,
                            item_width, stage.anchor)
            contents.append(box)
            item_y += box.height + geometry.item_gap
        bottom = max(bottom, item_y - geometry.item_gap + geometry.lane_padding)
        lane_xs.append(x)
    # A lane's background starts under its header, so the chevrons stand out against the page.
    lane_top = top + header_height
    boxes.extend(
        Box(ROLE_LANE, _round(x), _round(lane_top), _round(lane_width), _round(bottom - lane_top))
        for x in lane_xs
    )
    boxes.extend(contents)
    return bottom


def _text_box(setter: _Typesetter, role: str, text: str, x: float, y: float, width: float,
              anchor: str | None, height: float | None = None) -> Box:
    geometry = setter.geometry
    lines = setter.wrap(text, width - 2 * geometry.padding_x, geometry.text_size, False)
    natural = setter.block_height(lines, geometry.text_size)
    return Box(
        role, _round(x), _round(y), _round(width), _round(height or natural),
        setter.place(lines, x=x + geometry.padding_x, top=y + geometry.padding_y,
                     size=geometry.text_size, bold=False, centred=False),
        label=text, anchor=anchor, inset=geometry.padding_x,
    )


def _goals_band(boxes: list[Box], setter: _Typesetter, goals: Stage, top: float,
                lane_width: float, columns: int) -> float:
    """The goals under the lanes, in the lanes' columns; return the band's bottom."""
    geometry = setter.geometry
    band_width = geometry.width - 2 * geometry.margin
    label = plain_text(goals.title)
    lines = setter.wrap(label, band_width - 2 * geometry.padding_x, geometry.header_size, True)
    header = Box(
        ROLE_GOALS_TITLE, geometry.margin, _round(top), _round(band_width),
        _round(setter.block_height(lines, geometry.header_size)),
        setter.place(lines, x=geometry.margin + band_width / 2, top=top + geometry.padding_y,
                     size=geometry.header_size, bold=True, centred=True),
        label=label, anchor=goals.anchor, inset=geometry.padding_x,
    )
    item_width = lane_width - 2 * geometry.lane_padding
    text_width_inside = item_width - 2 * geometry.padding_x
    items: list[Box] = []
    y = top + header.height + geometry.lane_padding
    for row in _chunks(goals.capabilities.items, columns):
        texts = [plain_text(item.text) for item in row]
        # Goals in one row share its height, so the grid stays even.
        height = max(
            setter.block_height(setter.wrap(text, text_width_inside, geometry.text_size, False),
                                geometry.text_size)
            for text in texts
        )
        for column, text in enumerate(texts):
            x = geometry.margin + column * (lane_width + geometry.gap) + geometry.lane_padding
            items.append(_text_box(setter, ROLE_GOAL, text, x, y, item_width, goals.anchor,
                                   height))
        y += height + geometry.item_gap
    bottom = y - geometry.item_gap + geometry.lane_padding
    band = Box(ROLE_GOALS, geometry.margin, _round(top), _round(band_width), _round(bottom - top))
    boxes.extend([band, header, *items])
    return bottom
