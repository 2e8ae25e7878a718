"""The machine-translation notice as a reader sees it, in the light and the dark palette:
a screenshot of each (test-artifacts/) and the notice's text contrast measured in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SOURCE_PAGES

PAGE = "sv/playbooks/commerce-strategy/"

# The text colour of an element and the background layers behind it, nearest first, down to the
# first opaque one (the admonition title's tint is translucent over the page).
_COLOURS = """
(selector) => {
  const element = document.querySelector(selector);
  const rgba = (value) => {
    const parts = (value.match(/[\\d.]+/g) || []).map(Number);
    return parts.length === 3 ? [...parts, 1] : parts;
  };
  const layers = [];
  for (let node = element; node; node = node.parentElement) {
    const layer = rgba(getComputedStyle(node).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] === 1) break;
  }
  return {text: rgba(getComputedStyle(element).color), layers};
}
"""


def _luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _over(colour: list[float], below: list[float]) -> list[float]:
    """`colour` (with alpha) painted over the opaque `below`."""
    alpha = colour[3]
    return [alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], below[:3], strict=True)]


def contrast(text: list[float], layers: list[list[float]]) -> float:
    """WCAG contrast ratio of `text` over the background `layers` (nearest first)."""
    background = [255.0, 255.0, 255.0]  # what a browser paints below everything
    for layer in reversed(layers):
        background = _over(layer, background)
    lighter, darker = sorted((_luminance(_over(text, background)), _luminance(background)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_notice_is_readable_in_both_palettes(
    page, site_url: str, artifacts: Path, scheme: str, palette: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGE)
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette
    notice = page.locator(".playbook-notice--machine-translated")
    assert notice.count() == 1
    assert notice.is_visible()
    title = notice.locator(".admonition-title")
    assert title.inner_text().strip() == "Maskinöversättning"
    link = notice.locator("a")
    assert link.inner_text() == "Läs originalet på engelska"
    assert re.search(r"/playbooks/commerce-strategy/$", link.evaluate("a => a.href"))
    # The notice sits above the page's heading.
    notice_top = notice.bounding_box()["y"]
    assert notice_top < page.locator("article h1").bounding_box()["y"]
    for selector in (".playbook-notice--machine-translated p:not(.admonition-title)",
                     ".playbook-notice--machine-translated .admonition-title"):
        colours = page.evaluate(_COLOURS, selector)
        assert contrast(colours["text"], colours["layers"]) >= 4.5, (selector, colours)
    notice.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"notice-{scheme}.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_status_page_progress_and_counts_are_readable(
    page, site_url: str, artifacts: Path, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "sv/translation-status/")
    for locale in ("sv", "de"):
        section = page.locator(f'section[data-locale="{locale}"]')
        bar_width = section.locator(".playbook-progress").bounding_box()["width"]
        counts = {state: int(section.locator(f'li[data-count="{state}"] strong').inner_text())
                  for state in ("up-to-date", "outdated", "missing", "untranslated")}
        total = sum(counts.values())
        assert total == len(SOURCE_PAGES)
        for state in ("up-to-date", "outdated", "untranslated"):  # missing: the empty rest
            part = section.locator(f".playbook-progress__part--{state}")
            width = part.bounding_box()["width"] if part.count() else 0
            assert width == pytest.approx(bar_width * counts[state] / total, abs=1), state
    for selector in ('section[data-locale="sv"] li[data-count="up-to-date"]',
                     'section[data-locale="sv"] .playbook-state--machine-translated'):
        colours = page.evaluate(_COLOURS, selector)
        assert contrast(colours["text"], colours["layers"]) >= 4.5, (selector, colours)
    page.screenshot(path=str(artifacts / f"status-page-{scheme}.png"), full_page=True)
