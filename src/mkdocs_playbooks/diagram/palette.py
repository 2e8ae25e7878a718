"""The framework diagram's colours: each a theme colour with the light value to use without one.

Inline in a page, the SVG takes mkdocs-material's CSS custom properties, so it follows the
reader's light or dark palette; the standalone SVG and the PNG use the light values.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_playbooks.diagram.layout import (
    ROLE_CAPABILITY,
    ROLE_GOAL,
    ROLE_GOALS,
    ROLE_GOALS_TITLE,
    ROLE_LANE,
    ROLE_STAGE,
    ROLE_TITLE,
)


@dataclass(frozen=True)
class ThemeColour:
    variable: str  # a mkdocs-material custom property
    light: str  # its value in the default (light) scheme, over a white page

    @property
    def css(self) -> str:
        return f"var({self.variable}, {self.light})"


TEXT = ThemeColour("--md-default-fg-color", "#212121")
SURFACE = ThemeColour("--md-default-bg-color", "#ffffff")
SURFACE_SUNKEN = ThemeColour("--md-code-bg-color", "#f2f3f8")
OUTLINE = ThemeColour("--md-default-fg-color--lighter", "#adadad")
PRIMARY = ThemeColour("--md-primary-fg-color", "#4051b5")
ON_PRIMARY = ThemeColour("--md-primary-bg-color", "#ffffff")
ACCENT = ThemeColour("--md-accent-fg-color", "#526cfe")


@dataclass(frozen=True)
class BoxPaint:
    """How one role of box is painted; None leaves that part out."""

    fill: ThemeColour | None
    stroke: ThemeColour | None
    text: ThemeColour


PAINT = {
    ROLE_TITLE: BoxPaint(None, None, TEXT),
    ROLE_LANE: BoxPaint(SURFACE_SUNKEN, None, TEXT),
    ROLE_STAGE: BoxPaint(PRIMARY, None, ON_PRIMARY),
    ROLE_CAPABILITY: BoxPaint(SURFACE, OUTLINE, TEXT),
    ROLE_GOALS: BoxPaint(SURFACE_SUNKEN, None, TEXT),
    ROLE_GOALS_TITLE: BoxPaint(PRIMARY, None, ON_PRIMARY),
    ROLE_GOAL: BoxPaint(SURFACE, ACCENT, TEXT),
}

CORNER_RADIUS = 4
STROKE_WIDTH = 1
