"""The seven-script sample site (tests/fixtures/scripts) in Chromium: search finds Japanese,
Chinese and Korean words, Arabic and Hebrew pages are laid out right to left, and a screenshot
of the playbook per script, light and dark, is saved under test-artifacts/ for a person to
look at."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from browser.conftest import open_page
from conftest import SCRIPT_LOCALES

# A word from the middle of a capability (never the first word of a line of the page), so a
# search that reads the text as one long token would not find it.
QUERIES = {
    "ja": ["見積書", "カタログ"],
    "zh-Hans": ["报价单", "优惠券"],
    "ko": ["견적서", "쿠폰"],
}


def search(page, query: str) -> list[str]:
    """The result links material's search shows for `query` (without query or fragment)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # material reads the box on key presses: one search, for the whole query
    page.locator("li.md-search-result__item a.md-search-result__link").first.wait_for()
    hrefs = page.eval_on_selector_all(
        "li.md-search-result__item a.md-search-result__link", "links => links.map(l => l.href)")
    return [urlsplit(href)._replace(query="", fragment="").geturl() for href in hrefs]


@pytest.mark.parametrize("locale", list(QUERIES))
def test_search_finds_cjk_words(browser, scripts_site_url, locale):
    root = urljoin(scripts_site_url, f"{locale}/")
    playbook = urljoin(root, "playbooks/launch/")
    with open_page(browser, scripts_site_url) as page:
        for query in QUERIES[locale]:
            page.goto(root)
            results = search(page, query)
            assert playbook in results, (query, results)
            assert all(href.startswith(root) for href in results), (query, results)


@pytest.mark.parametrize("locale", ["ar", "he"])
def test_right_to_left_pages_are_laid_out_right_to_left(browser, scripts_site_url, locale):
    with open_page(browser, scripts_site_url) as page:
        page.goto(urljoin(scripts_site_url, f"{locale}/playbooks/launch/"))
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        article = page.locator("article").bounding_box()
        heading = page.locator("article h1").first
        # The heading's text hugs the article's right edge, not its left.
        text_box = page.evaluate(
            """element => { const range = document.createRange();
                 range.selectNodeContents(element.firstChild);
                 const box = range.getBoundingClientRect();
                 return {left: box.left, right: box.right}; }""",
            heading.element_handle())
        assert article["x"] + article["width"] - text_box["right"] < 40
        assert text_box["left"] - article["x"] > 100
        # The diagram's first stage is its rightmost lane.
        stages = page.locator("svg.pbd--wide .pbd-stage").evaluate_all(
            "shapes => shapes.map(s => s.getBoundingClientRect().left)")
        assert len(stages) == 3 and stages == sorted(stages, reverse=True)
        if locale == "ar":  # the notice mirrors too: its title's text starts at the right
            title = page.locator(".playbook-notice .admonition-title").first
            assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_arabic_status_page_mirrors(browser, scripts_site_url, artifacts):
    with open_page(browser, scripts_site_url) as page:
        page.goto(urljoin(scripts_site_url, "ar/translation-status/"))
        badge = page.locator(".playbook-state").first
        style = badge.evaluate("""e => { const s = getComputedStyle(e);
            return {right: s.borderRightWidth, left: s.borderLeftWidth}; }""")
        assert style["left"] == "0px" and style["right"] != "0px"  # the colour mark leads
        page.screenshot(path=str(artifacts / "scripts-ar-status.png"), full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("locale", SCRIPT_LOCALES)
def test_playbook_screenshot_per_script(browser, scripts_site_url, artifacts, locale, scheme):
    with open_page(browser, scripts_site_url, color_scheme=scheme) as page:
        page.goto(urljoin(scripts_site_url, f"{locale}/playbooks/launch/"))
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        page.locator("svg.pbd--wide").first.wait_for()
        assert page.locator("svg.pbd--wide").get_attribute("lang") == locale
        page.screenshot(path=str(artifacts / f"scripts-{locale}-{scheme}.png"), full_page=True)
