"""What a reader sees in Chromium: search in their own language, a language switcher that keeps
the page, and one screenshot of the playbook per locale (saved under test-artifacts/)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from playbook.model import ParsedPage
from playbook.settings import load_settings
from playbook.tree import load_tree

PLAYBOOK = "playbooks/commerce-strategy.md"

# Each locale's search: an inflected form that the pages never contain, found only through that
# language's stemmer (lunr stems query and text alike: "strategier" and "strategin" both become
# "strategi"), and a stage name taken from the page itself.
STEMMED_QUERIES = {
    "sv": "strategier",  # the pages say "strategi", "strategin"
    "de": "Bestellungen",  # the pages say "Bestellung", "bestellt"
    "en": "strategies",  # the pages say "strategy"
}


@pytest.fixture(scope="module")
def playbook_pages(built_site: Path) -> dict[str, ParsedPage]:
    """The playbook as the served site was built from it, by locale (source first)."""
    settings = load_settings(built_site.parent / "mkdocs.yml")
    tree, _ = load_tree(settings.root, settings.docs_dir, settings.source_locale,
                        settings.locale_codes)
    return {locale: pages.pages[PLAYBOOK] for locale, pages in tree.locales.items()}


def locale_root(site_url: str, playbook_pages: dict[str, ParsedPage], locale: str) -> str:
    source = next(iter(playbook_pages))
    return site_url if locale == source else urljoin(site_url, f"{locale}/")


def playbook_url(site_url: str, playbook_pages: dict[str, ParsedPage], locale: str) -> str:
    return urljoin(locale_root(site_url, playbook_pages, locale), "playbooks/commerce-strategy/")


def search(page, query: str) -> list[tuple[str, str]]:
    """Type `query` into material's search; return the results as (absolute href, title)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    results = page.locator("li.md-search-result__item a.md-search-result__link")
    results.first.wait_for(state="attached")
    return [
        (link.evaluate("element => element.href"),
         link.locator("h1, h2").first.inner_text().strip())
        for link in results.all()
    ]


def search_words(index_text: str) -> set[str]:
    return set(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", index_text).lower()))


@pytest.mark.parametrize("locale", list(STEMMED_QUERIES))
def test_search_finds_the_playbook_in_the_readers_language_only(
    page, site_url, built_site, playbook_pages, artifacts, locale
):
    root = locale_root(site_url, playbook_pages, locale)
    playbook = playbook_url(site_url, playbook_pages, locale)
    title = playbook_pages[locale].display_title
    index_file = built_site / root.removeprefix(site_url) / "search/search_index.json"
    stemmed = STEMMED_QUERIES[locale]
    assert stemmed.lower() not in search_words(index_file.read_text(encoding="utf-8")), (
        f"{stemmed!r} now occurs literally in the {locale} pages: choose another inflection"
    )
    other_roots = [locale_root(site_url, playbook_pages, other)
                   for other in playbook_pages if other != locale]
    page.goto(root)
    stage = playbook_pages[locale].playbook_stages[0].title
    for query in (stage, stemmed):
        page.goto(root)  # a fresh search box each time
        results = search(page, query)
        hrefs = [href.split("#")[0] for href, _title in results]
        assert playbook in hrefs, (query, results)
        assert title in [result_title for _href, result_title in results], (query, results)
        foreign = [href for href in hrefs
                   if not href.startswith(root)
                   or any(other.startswith(root) and href.startswith(other)
                          for other in other_roots)]
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
