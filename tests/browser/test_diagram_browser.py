"""What a reader sees of the framework diagram in Chromium: each locale's playbook page at desktop
and phone width, in the light and the dark palette. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT_ROOT
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page

PREFIXES = {"en": "", "sv": "sv/", "de": "de/"}
PLAYBOOK = "playbooks/commerce-strategy.md"
WIDTHS = {1280: "wide", 375: "narrow"}
SCHEMES = {"light": "default", "dark": "slate"}
SMALLEST_TEXT = 11  # CSS pixels: capability text must not be drawn smaller than this
HEADER_HEIGHT = 64  # keeps the figure clear of the sticky header when scrolled to

# For each text in the visible diagram: its drawn box, and the box of the shape it sits on.
_OVERFLOWS = """svg => [...svg.querySelectorAll('text')].flatMap(text => {
    const shape = text.previousElementSibling;
    if (!shape) return [];
    const t = text.getBBox(), s = shape.getBBox();
    const inside = t.x >= s.x - 0.5 && t.x + t.width <= s.x + s.width + 0.5
        && t.y >= s.y - 0.5 && t.y + t.height <= s.y + s.height + 0.5;
    return inside ? [] : [text.textContent];
})"""

_COLOURS = """svg => {
    const colour = element => getComputedStyle(element).fill;
    const capability = svg.querySelector('.pbd-capability');
    const stage = svg.querySelector('.pbd-stage');
    return {
        capability: colour(capability), capabilityText: colour(capability.nextElementSibling),
        stage: colour(stage), stageText: colour(stage.nextElementSibling),
    };
}"""


def source_page(locale: str) -> ParsedPage:
    path = PROJECT_ROOT / "docs" / locale / PLAYBOOK
    return parse_page(str(path), PLAYBOOK, locale, path.read_bytes())


def rgba(css_colour: str) -> tuple[float, float, float, float]:
    """``rgb(r, g, b)`` or ``rgba(r, g, b, a)`` as channels from 0 to 1 and an alpha."""
    values = [float(value) for value in re.findall(r"[\d.]+", css_colour)]
    return values[0] / 255, values[1] / 255, values[2] / 255, values[3] if len(values) > 3 else 1


def luminance(channels: tuple[float, ...]) -> float:
    """Relative luminance (WCAG) of opaque channels."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(text: str, background: str) -> float:
    """WCAG contrast of (possibly translucent) text over an opaque background."""
    *colour, alpha = rgba(text)
    back = rgba(background)[:3]
    seen = [alpha * c + (1 - alpha) * b for c, b in zip(colour, back, strict=True)]
    light, dark = sorted((luminance(seen), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("locale", PREFIXES)
def test_the_playbook_page_shows_a_legible_diagram(browser, site_url, artifacts, locale, width,
                                                   scheme):
    source = source_page(locale)
    alt = next(ref.text for ref in source.references if ref.target.endswith("framework.png"))
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{PREFIXES[locale]}playbooks/commerce-strategy/")
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        figure = page.locator("figure.pbd-figure")
        figure.evaluate(f"f => window.scrollBy(0, f.getBoundingClientRect().top - {HEADER_HEIGHT})")
        name = f"diagram-{locale}-{width}-{scheme}"
        page.screenshot(path=artifacts / f"{name}-page.png", animations="disabled")
        figure.screenshot(path=artifacts / f"{name}.png", animations="disabled")

        # One arrangement is shown: side by side on a desktop, stacked on a phone.
        diagram = page.get_by_role("group", name=alt, exact=True)
        assert diagram.count() == 1
        assert diagram.get_attribute("class") == f"pbd pbd--{WIDTHS[width]}"

        # It fits the screen and the page does not scroll sideways.
        box = diagram.bounding_box()
        assert box["width"] > 0.8 * min(width, 700)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        view_width = float(diagram.get_attribute("viewBox").split()[2])
        assert 14 * box["width"] / view_width >= SMALLEST_TEXT

        # In the font the browser really used, no text leaves its box.
        assert diagram.evaluate(_OVERFLOWS) == []

        # The page's own stage names, readable in this palette.
        headers = diagram.locator("text.pbd-stage-text").all_text_contents()
        assert [re.sub(r"[\s\u2010]", "", text) for text in headers] == [
            stage.title.replace(" ", "") for stage in source.playbook_stages]
        colours = diagram.evaluate(_COLOURS)
        assert contrast(colours["capabilityText"], colours["capability"]) >= 7
        assert contrast(colours["stageText"], colours["stage"]) >= 4.5
        dark = luminance(rgba(colours["capability"])) < 0.2
        assert dark == (scheme == "dark")

        # A capability leads to its stage's section.
        first = source.playbook_stages[0]
        diagram.get_by_role("link", name=first.capabilities.items[0].text, exact=True).click()
        assert page.url.endswith(f"#{first.anchor}")
        assert page.locator(f"#{first.anchor}").is_visible()
    finally:
        context.close()
