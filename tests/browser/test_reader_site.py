"""What a reader sees in Chromium: search in their own language, a language switcher that keeps
the page, and one screenshot of the playbook per locale (saved under test-artifacts/)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from mkdocs_playbooks.core.model import ParsedPage

PLAYBOOK = "playbooks/commerce-strategy.md"

# Each locale's search: a stage name taken from the page itself, and an inflected form that
# starts no word of the locale's pages, so only that language's stemmer can find the playbook
# ("kundernas" and "kunderna" both stem to "kund").
STEMMED_QUERIES = {
    "sv": "kundernas",  # the pages say "kunderna", "kunden"
    "de": "Strategien",  # the pages say "Strategie"
    "en": "strategies",  # the pages say "strategy"
}


@pytest.fixture(scope="module")
def playbook_pages(built_docs: dict[str, dict[str, ParsedPage]]) -> dict[str, ParsedPage]:
    """The playbook as the served site was built from it, by locale (source first)."""
    return {locale: pages[PLAYBOOK] for locale, pages in built_docs.items()}


def locale_root(site_url: str, playbook_pages: dict[str, ParsedPage], locale: str) -> str:
    source = next(iter(playbook_pages))
    return site_url if locale == source else urljoin(site_url, f"{locale}/")


def playbook_url(site_url: str, playbook_pages: dict[str, ParsedPage], locale: str) -> str:
    return urljoin(locale_root(site_url, playbook_pages, locale), "playbooks/commerce-strategy/")


def search(page, query: str) -> list[list[str]]:
    """Search for `query` with material's search box; return the results (href, title)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # material reads the box on key presses: one search, for the whole query
    page.locator("li.md-search-result__item a.md-search-result__link").first.wait_for()
    # One snapshot of the list, read in the page: it is re-rendered whenever results arrive.
    return page.eval_on_selector_all(
        "li.md-search-result__item a.md-search-result__link",
        "links => links.map(link => [link.href, link.querySelector('h1, h2').textContent.trim()])",
    )


def search_words(index_file: Path) -> set[str]:
    """Every word in the titles and texts of a search index, lower-cased."""
    entries = json.loads(index_file.read_text(encoding="utf-8"))["docs"]
    text = " ".join(f"{entry['title']} {entry['text']}" for entry in entries)
    return set(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", text).lower()))


@pytest.mark.parametrize("locale", list(STEMMED_QUERIES))
def test_search_finds_the_playbook_in_the_readers_language_only(
    page, site_url, built_site, playbook_pages, artifacts, locale
):
    root = locale_root(site_url, playbook_pages, locale)
    playbook = playbook_url(site_url, playbook_pages, locale)
    title = playbook_pages[locale].display_title
    index_file = built_site / root.removeprefix(site_url) / "search/search_index.json"
    stemmed = STEMMED_QUERIES[locale]
    words = search_words(index_file)
    prefixed = sorted(word for word in words if word.startswith(stemmed.lower()))
    assert not prefixed, f"{stemmed!r} starts {prefixed} in the pages: choose another inflection"
    other_roots = [
        locale_root(site_url, playbook_pages, other) for other in playbook_pages if other != locale
    ]
    stage = playbook_pages[locale].playbook_stages[0].title
    for query in (stage, stemmed):
        page.goto(root)  # a fresh search box each time
        results = search(page, query)
        hrefs = [urlsplit(href)._replace(query="", fragment="").geturl() for href, _ in results]
        assert playbook in hrefs, (query, results)
        assert title in [result_title for _href, result_title in results], (query, results)
        foreign = [
            href
            for href in hrefs
            if not href.startswith(root)
            or any(other.startswith(root) and href.startswith(other) for other in other_roots)
        ]
        assert not foreign, f"{query!r} on {root} found other languages' pages: {foreign}"
    page.screenshot(path=str(artifacts / f"search-{locale}.png"))


@pytest.mark.parametrize("target", ["de", "en"])
def test_switching_language_on_the_swedish_playbook_keeps_the_playbook(
    page, site_url, playbook_pages, target
):
    page.goto(playbook_url(site_url, playbook_pages, "sv"))
    page.locator(".md-select").hover()
    page.locator(f"a.md-select__link[hreflang={target}]").click()
    page.wait_for_url(playbook_url(site_url, playbook_pages, target))
    assert page.locator("html").get_attribute("lang") == target
    expected = playbook_pages[target].title or playbook_pages[target].display_title
    assert page.locator("article h1").first.inner_text().strip().startswith(expected)


@pytest.mark.parametrize("locale", ["en", "sv", "de"])
def test_playbook_screenshot(page, site_url, playbook_pages, artifacts, locale):
    page.goto(playbook_url(site_url, playbook_pages, locale))
    assert page.locator("html").get_attribute("lang") == locale
    stages = [stage.title for stage in playbook_pages[locale].playbook_stages]
    headings = [text.rstrip("¶").strip() for text in page.locator("article h2").all_inner_texts()]
    assert [heading for heading in headings if heading in stages] == stages
    page.screenshot(path=str(artifacts / f"playbook-{locale}.png"), full_page=True)
