"""The real site, built once in a temp folder: every page in every locale, in its language, with
its own search index and its framework diagram. Expectations are read from the docs, not typed in.
"""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mkdocs_playbooks.core.framework_ref import is_framework_diagram
from mkdocs_playbooks.core.model import ParsedPage

INDEX = "search/search_index.json"


class _PageFacts(HTMLParser):
    """What the tests read from a built page: its language, its title, what it links to."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.title = ""
        self.targets: list[str] = []  # every src and href
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "title":
            self._in_title = True
        self.targets += [str(values[name]) for name in ("src", "href") if values.get(name)]

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def page_facts(site: Path, url: str) -> _PageFacts:
    return _PageFacts((site / url / "index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def prefixes(built_docs: dict[str, dict[str, ParsedPage]]) -> dict[str, str]:
    """Where each locale lives in the site: the source (the i18n default) at the root."""
    source = next(iter(built_docs))
    return {locale: "" if locale == source else f"{locale}/" for locale in built_docs}


def page_url(rel_path: str) -> str:
    """The site folder of a page (directory URLs): ``playbooks/x.md`` -> ``playbooks/x/``."""
    stem = rel_path.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def locale_pages(built_docs, prefixes) -> list[tuple[str, ParsedPage, str]]:
    return [
        (locale, page, prefixes[locale] + page_url(rel_path))
        for locale, pages in built_docs.items()
        for rel_path, page in sorted(pages.items())
    ]


def playbooks(built_docs) -> list[tuple[str, ParsedPage]]:
    return [
        (locale, page)
        for locale, pages in built_docs.items()
        for page in pages.values()
        if page.playbook_stages
    ]


def search_index(site: Path, prefix: str) -> dict:
    return json.loads((site / prefix / INDEX).read_text(encoding="utf-8"))


def test_the_site_is_built_from_english_swedish_and_german_playbooks(built_docs, prefixes):
    assert {"en", "sv", "de"} <= set(built_docs) and prefixes["en"] == ""
    assert {locale for locale, _page in playbooks(built_docs)} == set(built_docs)


def test_every_page_is_built_in_every_locale_with_its_own_title(built_site, built_docs, prefixes):
    for _locale, page, url in locale_pages(built_docs, prefixes):
        assert page_facts(built_site, url).title.startswith(page.display_title), url


def test_every_page_declares_its_locale_as_its_language(built_site, built_docs, prefixes):
    for locale, _page, url in locale_pages(built_docs, prefixes):
        assert page_facts(built_site, url).lang == locale, url
    for locale, prefix in prefixes.items():
        not_found = (built_site / prefix / "404.html").read_text(encoding="utf-8")
        assert _PageFacts(not_found).lang == locale, f"{prefix}404.html"


def test_each_locale_search_index_holds_exactly_that_locales_pages(
    built_site, built_docs, prefixes
):
    for locale, prefix in prefixes.items():
        index = search_index(built_site, prefix)
        assert index["config"]["lang"] == [locale]  # lunr stems in this language alone
        locations = [entry["location"] for entry in index["docs"]]
        # Material resolves each location against the locale root its pages point it at.
        pages = {location.split("#")[0] for location in locations}
        for url in pages:
            assert page_facts(built_site, prefix + url).lang == locale, (prefix, url)
        others = tuple(other for other in prefixes.values() if other and other != prefix)
        assert not [location for location in locations if location.startswith(others)]
        expected = {page_url(rel_path) for rel_path in built_docs[locale]}
        assert expected <= pages, f"{locale}: pages missing from its search index"


def test_each_locale_search_index_finds_its_stage_names(built_site, built_docs, prefixes):
    for locale, page in playbooks(built_docs):
        titles = {entry["title"] for entry in search_index(built_site, prefixes[locale])["docs"]}
        stages = [stage.title for stage in page.playbook_stages]
        assert set(stages) <= titles, (locale, stages)


def test_every_playbook_page_references_its_published_framework_diagram(
    built_site, built_docs, prefixes
):
    for locale, page in playbooks(built_docs):
        url = prefixes[locale] + page_url(page.rel_path)
        folder = posixpath.dirname(f"{locale}/{page.rel_path}")
        diagrams = [
            posixpath.basename(reference.target)
            for reference in page.references
            if reference.is_image
            and is_framework_diagram(posixpath.normpath(posixpath.join(folder, reference.target)))
        ]
        assert diagrams, f"{page.path} names no framework diagram"
        targets = page_facts(built_site, url).targets
        for name in diagrams:
            found = [target for target in targets if posixpath.basename(target) == name]
            assert found, f"{url}: nothing refers to {name}"
            for target in found:
                published = built_site / posixpath.normpath(posixpath.join(url, target))
                assert published.is_file(), published
                if name.endswith(".png"):
                    assert published.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), published
