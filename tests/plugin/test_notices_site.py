"""What readers and search engines see about translations, in real builds of temp copies:
notices per state, the status page against `playbook status --format json`, hreflang, sitemap."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import (
    PLAYBOOK,
    SOURCE_PAGES,
    allow_missing_pages,
    build_site,
    commit_all,
    copy_project,
    git,
    record_source_commit,
    set_front_matter,
)
from mkdocs_playbooks.cli.main import main

SITE = "https://playbooks.example.org/"
SCRIPT_TITLE = "<script>alert(1)</script> E-handel"
PLAYBOOK_URL = "playbooks/commerce-strategy/"


@dataclass
class Notice:
    kind: str
    classes: list[str]
    text: str = ""
    links: list[str] = field(default_factory=list)


class PageFacts(HTMLParser):
    """The parts of a built page these tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.hreflang: list[tuple[str, str]] = []  # <link rel=alternate> in the head
        self.switcher: dict[str, str] = {}  # the language switcher: lang -> href
        self.notices: list[Notice] = []
        self.h1 = ""
        self._notice_depth = 0
        self._in_h1 = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        classes = attr.get("class", "").split()
        if tag == "link" and attr.get("rel") == "alternate" and "hreflang" in attr:
            self.hreflang.append((attr["hreflang"], attr["href"]))
        if tag == "a" and "md-select__link" in classes:
            self.switcher[attr["hreflang"]] = attr["href"]
        if self._notice_depth:
            if tag == "div":
                self._notice_depth += 1
            if tag == "a":
                self.notices[-1].links.append(attr["href"])
        elif tag == "div" and "playbook-notice" in classes:
            kind = next(c for c in classes if c.startswith("playbook-notice--"))
            self.notices.append(Notice(kind.removeprefix("playbook-notice--"), classes))
            self._notice_depth = 1
        if tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._notice_depth:
            self._notice_depth -= 1
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._notice_depth:
            self.notices[-1].text += data
        if self._in_h1:
            self.h1 += data


def read_page(site: Path, url: str) -> PageFacts:
    return PageFacts((site / url / "index.html").read_text(encoding="utf-8"))


def resolve(page_url: str, href: str) -> str:
    """A link on the page at `page_url` (site-relative) as a site-relative URL."""
    absolute = urljoin(SITE + page_url, href)
    return urlsplit(absolute).path.lstrip("/")


def exists(site: Path, url: str) -> bool:
    return (site / url / "index.html").is_file() if url.endswith("/") or not url else (
        (site / url).is_file())


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A git copy of the project where, against the recorded source commit:
    sv/index is machine-translated and up to date, sv/playbook machine-translated, outdated and
    titled with a script tag, de/index reviewed by a person, de/playbook deleted."""
    project = copy_project(tmp_path_factory.mktemp("notices") / "project")
    git(project, "init", "-q")
    record_source_commit(project, commit_all(project, "source and translations"))
    set_front_matter(project, "de", "index.md", "workflow-type", "ht")
    set_front_matter(project, "de", "index.md", "ht-degree", "100%")
    set_front_matter(project, "sv", PLAYBOOK, "title", json.dumps(SCRIPT_TITLE))
    (project / "docs" / "de" / PLAYBOOK).unlink()
    allow_missing_pages(project)
    commit_all(project, "record the source commit; de reviewed; de playbook removed")
    source = project / "docs" / "en" / PLAYBOOK
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Digital commerce changes quickly", "Digital commerce changes very quickly", 1
    ), encoding="utf-8")
    commit_all(project, "the source's prose changes")
    return project, build_site(project)


def test_machine_translated_and_outdated_notices_in_swedish(scenario: tuple[Path, Path]) -> None:
    _, site = scenario
    page = read_page(site, "sv/" + PLAYBOOK_URL)
    assert [notice.kind for notice in page.notices] == ["machine-translated", "outdated"]
    machine, outdated = page.notices
    assert "Maskinöversättning" in machine.text and "granskats av en människa" in machine.text
    assert "Översättningen är inaktuell" in outdated.text
    assert "admonition" in outdated.classes and "warning" in outdated.classes
    for notice in page.notices:  # both link to the English page
        assert [resolve("sv/" + PLAYBOOK_URL, link) for link in notice.links] == [PLAYBOOK_URL]


def test_machine_translated_but_current_page_has_only_that_notice(
    scenario: tuple[Path, Path],
) -> None:
    _, site = scenario
    page = read_page(site, "sv/")
    assert [notice.kind for notice in page.notices] == ["machine-translated"]
    assert [resolve("sv/", link) for link in page.notices[0].links] == [""]


def test_no_notice_on_source_pages_nor_on_reviewed_current_translations(
    scenario: tuple[Path, Path],
) -> None:
    _, site = scenario
    for url in ("", PLAYBOOK_URL, "de/"):
        assert read_page(site, url).notices == [], url


def test_a_missing_translation_shows_the_source_with_a_notice_not_a_404(
    scenario: tuple[Path, Path],
) -> None:
    _, site = scenario
    page = read_page(site, "de/" + PLAYBOOK_URL)
    assert page.h1.strip().startswith("Commerce Strategy")  # the English page
    html = (site / "de" / PLAYBOOK_URL / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in html and '<div lang="en">' in html  # German site, English text
    own = (site / "sv" / PLAYBOOK_URL / "index.html").read_text(encoding="utf-8")
    assert '<div lang="' not in own
    assert [notice.kind for notice in page.notices] == ["not-translated"]
    assert "Noch nicht übersetzt" in page.notices[0].text
    assert [resolve("de/" + PLAYBOOK_URL, link) for link in page.notices[0].links] == [
        "de/translation-status/"
    ]
    # Every language switcher link on every page lands on a page that exists.
    for html in site.rglob("index.html"):
        url = html.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        for lang, href in read_page(site, url).switcher.items():
            assert exists(site, resolve(url, href)), (url, lang, href)
    assert read_page(site, PLAYBOOK_URL).switcher["de"].endswith("de/playbooks/commerce-strategy/")


def status_page_counts(site: Path, url: str) -> dict[str, dict[str, int]]:
    """locale -> {state: count} as the status page at `url` shows them."""

    class Counts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.counts: dict[str, dict[str, int]] = {}
            self.rows: dict[tuple[str, str], tuple[str, bool]] = {}
            self.locale = ""
            self.state = ""
            self.in_strong = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            attr = dict(attrs)
            if tag == "section" and attr.get("data-locale"):
                self.locale = attr["data-locale"] or ""
                self.counts[self.locale] = {}
            if tag == "li" and attr.get("data-count"):
                self.state = attr["data-count"] or ""
            if tag == "strong" and self.state:
                self.in_strong = True
            if tag == "tr" and attr.get("data-page"):
                self.rows[(self.locale, attr["data-page"] or "")] = (
                    attr["data-state"] or "", attr["data-machine-translated"] == "true")

        def handle_data(self, data: str) -> None:
            if self.in_strong:
                self.counts[self.locale][self.state] = int(data)
                self.in_strong, self.state = False, ""

    parser = Counts()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return {"counts": parser.counts, "rows": parser.rows}  # type: ignore[dict-item]


def test_status_pages_show_the_numbers_of_the_status_command(
    scenario: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project, site = scenario
    assert main(["status", "--format", "json", "--config", str(project / "mkdocs.yml")]) == 0
    document = json.loads(capsys.readouterr().out)
    expected_counts = {
        locale["locale"]: {
            "up-to-date": locale["summary"]["up_to_date"],
            "outdated": locale["summary"]["outdated"],
            "missing": locale["summary"]["missing"],
            "untranslated": locale["summary"]["untranslated"],
            "machine-translated": locale["summary"]["machine_translated"],
        }
        for locale in document["locales"]
    }
    expected_rows = {(locale["locale"], page["page"]): (page["state"], page["machine_translated"])
                     for locale in document["locales"] for page in locale["pages"]}
    pages = len(SOURCE_PAGES)  # sv: the playbook outdated; de: it missing, the home reviewed
    assert expected_counts == {
        "sv": {"up-to-date": pages - 1, "outdated": 1, "missing": 0, "untranslated": 0,
               "machine-translated": pages},
        "de": {"up-to-date": pages - 1, "outdated": 0, "missing": 1, "untranslated": 0,
               "machine-translated": pages - 2},
    }
    for url in ("translation-status/", "sv/translation-status/", "de/translation-status/"):
        shown = status_page_counts(site, url)
        assert shown["counts"] == expected_counts, url
        assert shown["rows"] == expected_rows, url


def test_status_page_escapes_titles_and_is_in_the_navigation(
    scenario: tuple[Path, Path],
) -> None:
    _, site = scenario
    html = (site / "sv" / "translation-status" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; E-handel" in html
    assert "<script>alert(1)</script>" not in html.split('<article')[1].split("</article>")[0]
    assert "<h1" in html and "Översättningsstatus" in html
    for url, title in (("", "Translation status"), ("de/", "Übersetzungsstatus")):
        home = (site / url / "index.html").read_text(encoding="utf-8")
        assert 'href="translation-status/"' in home, url
        assert title in home


def test_hreflang_lists_each_locale_that_has_the_page_and_x_default(
    scenario: tuple[Path, Path],
) -> None:
    _, site = scenario
    home = [(SITE, "en"), (SITE + "sv/", "sv"), (SITE + "de/", "de")]
    playbook = [(SITE + PLAYBOOK_URL, "en"), (SITE + "sv/" + PLAYBOOK_URL, "sv")]
    expected = {
        # de lacks the playbook: no de alternate, on any of its pages, in any locale
        "": home, "sv/": home, "de/": home,
        PLAYBOOK_URL: playbook, "sv/" + PLAYBOOK_URL: playbook, "de/" + PLAYBOOK_URL: playbook,
    }
    for url, alternates in expected.items():
        links = read_page(site, url).hreflang
        wanted = [(lang, href) for href, lang in alternates] + [("x-default", alternates[0][0])]
        assert links == wanted, url


def test_sitemap_lists_each_page_in_its_own_language_with_its_alternates(
    scenario: tuple[Path, Path],
) -> None:
    _, site = scenario
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
                  "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    entries = {
        url.findtext("s:loc", namespaces=namespaces): [
            (link.get("hreflang"), link.get("href"))
            for link in url.findall("x:link", namespaces)
        ]
        for url in root.findall("s:url", namespaces)
    }
    locs = {loc.removeprefix(SITE) for loc in entries}
    urls = ["" if rel == "index.md" else rel.removesuffix(".md") + "/" for rel in SOURCE_PAGES]
    assert locs == {prefix + url for prefix in ("", "sv/", "de/")
                    for url in [*urls, "translation-status/"]} - {"de/" + PLAYBOOK_URL}
    for loc, alternates in entries.items():
        page_url = loc.removeprefix(SITE)
        assert alternates == read_page(site, page_url).hreflang, loc  # the same as the head
        assert all(exists(site, href.removeprefix(SITE)) for _, href in alternates)


def test_untranslated_scaffold_falls_back_to_english_notice_strings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    assert main(["new-locale", "fi", "--name", "Suomi",
                 "--config", str(project / "mkdocs.yml")]) == 0
    capsys.readouterr()
    site = build_site(project)
    page = read_page(site, "fi/" + PLAYBOOK_URL)
    assert [notice.kind for notice in page.notices] == ["untranslated"]
    assert "has not been translated yet" in page.notices[0].text  # no Finnish strings: English
    html = (site / "fi" / PLAYBOOK_URL / "index.html").read_text(encoding="utf-8")
    assert re.search(r'playbook-notice--untranslated"[^>]*lang="en"', html)  # marked English
    assert [resolve("fi/" + PLAYBOOK_URL, link) for link in page.notices[0].links] == [
        PLAYBOOK_URL
    ]
    assert "fi" not in dict(page.hreflang)  # the placeholder is not a Finnish alternate
    counts = status_page_counts(site, "fi/translation-status/")["counts"]
    assert counts["fi"]["untranslated"] == len(SOURCE_PAGES)


def test_the_real_site_marks_its_unreviewed_translations(built_site: Path) -> None:
    """The real pages are honestly `mt` with `ht-degree: 0%`: readers are told so."""
    for locale in ("sv", "de"):
        for url in ("", PLAYBOOK_URL):
            kinds = [notice.kind for notice in read_page(built_site, f"{locale}/{url}").notices]
            assert "machine-translated" in kinds, (locale, url)
    for url in ("", PLAYBOOK_URL):
        page = read_page(built_site, url)
        assert page.notices == []
        assert [lang for lang, _ in page.hreflang] == ["en", "sv", "de", "x-default"]
    for prefix in ("", "sv/", "de/"):
        assert (built_site / prefix / "translation-status" / "index.html").is_file()
