"""The playbook library readers land on, in Chromium: a card for every playbook in each locale,
with the translation state `playbook status` reports for the reader's locale. Screenshots of each
locale's library go to test-artifacts/."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from browser.conftest import FALLBACK_PAGE, OUTDATED, REVIEWED, local_context
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.parse import parse_page

PREFIXES = {"en": "", "sv": "sv/", "de": "de/"}

_CARDS = """() => [...document.querySelectorAll('li.playbook-card')].map(card => ({
    page: card.dataset.page,
    state: card.dataset.state,
    title: card.querySelector('h3').textContent.trim(),
    href: card.querySelector('h3 a').href,
    description: card.querySelector('.playbook-card__description').textContent.trim(),
    stages: [...card.querySelectorAll('.playbook-card__stages a')].map(a => [
        a.textContent.trim(), a.href]),
    badges: [...card.querySelectorAll('.playbook-state')].map(badge => [
        badge.className.replace(/.*playbook-state--/, ''), badge.textContent.trim()]),
    thumbnail: (img => ({src: img.src, width: img.naturalWidth, alt: img.alt}))(
        card.querySelector('img.playbook-card__thumbnail')),
}))"""


@pytest.fixture(scope="module")
def status(varied_project: Path) -> dict[str, dict[str, dict]]:
    """`playbook status --format json` of the project the site was built from: by locale,
    then by page."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["status", "--format", "json", "--config",
                     str(varied_project / "mkdocs.yml")])
    assert code in (0, 2)  # 2: some pages are not up to date
    return {locale["locale"]: {page["page"]: page for page in locale["pages"]}
            for locale in json.loads(out.getvalue())["locales"]}


def playbooks(project: Path, locale: str) -> dict[str, object]:
    """Every page of `locale` that is a playbook (references its framework diagram), parsed."""
    folder = project / "docs" / locale
    pages = {}
    for path in sorted(folder.rglob("*.md")):
        rel_path = path.relative_to(folder).as_posix()
        page = parse_page(str(path), rel_path, locale, path.read_bytes())
        if any(ref.is_image and ref.target.endswith("-framework.png") for ref in page.references):
            pages[rel_path] = page
    return pages


@pytest.mark.parametrize("locale", PREFIXES)
def test_the_library_lists_every_playbook_with_its_translation_state(
    browser, varied_site_url, varied_project, status, artifacts, locale
):
    sources = playbooks(varied_project, "en")
    assert len(sources) >= 3
    translations = playbooks(varied_project, locale)
    for scheme in ("dark", "light"):  # a context each: the theme remembers a palette
        context = local_context(browser, varied_site_url, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(f"{varied_site_url}{PREFIXES[locale]}")
            page.wait_for_function("[...document.querySelectorAll("
                                   "'img.playbook-card__thumbnail')].every(img => img.complete)")
            page.screenshot(path=str(artifacts / f"library-{locale}-{scheme}.png"),
                            full_page=True)  # for a person to look at
            cards = page.evaluate(_CARDS)
        finally:
            context.close()

    assert [card["page"] for card in cards] == list(sources)
    for card in cards:
        rel_path = card["page"]
        shown = translations.get(rel_path, sources[rel_path])  # the fallback shows the source
        assert card["title"] == shown.meta("title")
        assert card["description"] == shown.meta("description")
        assert card["href"].startswith(f"{varied_site_url}{PREFIXES[locale]}")
        assert [title for title, _ in card["stages"]] == [
            stage.title for stage in shown.playbook_stages]
        assert [href.rsplit("#", 1)[1] for _, href in card["stages"]] == [
            stage.anchor for stage in shown.playbook_stages]
        # A real picture of the diagram (decorative: the card says what it shows).
        assert card["thumbnail"]["width"] > 0 and card["thumbnail"]["alt"] == ""
        assert card["thumbnail"]["src"].startswith(f"{varied_site_url}{PREFIXES[locale]}assets/")
        if locale == "en":
            assert card["state"] == "source"
            assert [slug for slug, _ in card["badges"]] == ["source"]
            continue
        reported = status[locale][rel_path]
        assert card["state"] == reported["state"], rel_path
        expected = [reported["state"]] + (["machine-translated"] if reported["machine_translated"]
                                          else [])
        assert [slug for slug, _ in card["badges"]] == expected, rel_path
        assert all(label for _, label in card["badges"])

    if locale != "en":  # the varied project really shows each state
        states = {card["page"]: card["state"] for card in cards}
        assert states[FALLBACK_PAGE] == "missing"
        if locale == OUTDATED[0]:
            assert states[OUTDATED[1]] == "outdated"
        if locale == REVIEWED[0]:
            badges = next(card["badges"] for card in cards if card["page"] == REVIEWED[1])
            assert [slug for slug, _ in badges] == ["up-to-date"]


_NAV_LABELS = """() => [...document.querySelectorAll(
    '.md-sidebar--primary .md-nav__title, .md-sidebar--primary .md-nav__link')]
    .filter(element => element.offsetParent !== null)
    .map(element => element.textContent.trim()).filter(Boolean)"""


@pytest.mark.parametrize("locale", PREFIXES)
def test_navigation_labels_say_what_they_are(page, site_url, locale):
    """Each label in the navigation once: the site's name heads it, the library is the home
    page, and the playbooks' section is named for what they cover."""
    page.goto(f"{site_url}{PREFIXES[locale]}")
    labels = page.evaluate(_NAV_LABELS)
    assert len(labels) >= 5, labels  # site, library, section, three playbooks, status
    assert len(labels) == len(set(labels)), labels
