"""The library's cards, computed from the real project: one per playbook, in the reader's
language where the locale has the page, with the state of the status report."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import set_front_matter
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.core.tree import load_tree
from mkdocs_playbooks.reader.library import SOURCE_STATE, library_cards, library_text
from mkdocs_playbooks.status.git_history import open_repository
from mkdocs_playbooks.status.report import compute_status

PLAYBOOKS = ("playbooks/commerce-strategy.md", "playbooks/customer-retention.md",
             "playbooks/order-fulfillment.md")


def cards_for(project: Path, locale: str):
    settings = load_settings(project / "mkdocs.yml")
    tree, _ = load_tree(settings.root, settings.docs_dir, settings.source_locale,
                        settings.locale_codes)
    report = compute_status(tree, settings.locales, open_repository(settings.root))
    cards = library_cards(tree, report, locale, page_href=lambda rel: f"PAGE:{rel}",
                          file_href=lambda uri: f"FILE:{uri}")
    return tree, report, cards


def test_a_card_for_each_playbook_in_the_readers_language(project: Path):
    tree, report, cards = cards_for(project, "sv")
    assert [card.rel_path for card in cards] == list(PLAYBOOKS)  # the home page is no playbook
    for card in cards:
        page = tree.page("sv", card.rel_path)
        assert (card.title, card.lang) == (page.meta("title"), "sv")
        assert card.description == page.meta("description")
        assert card.href == f"PAGE:{card.rel_path}"
        assert card.thumbnail == "FILE:assets/playbooks/" + card.rel_path.split("/")[-1].replace(
            ".md", "-framework.svg")
        assert [(stage.title, stage.href) for stage in card.stages] == [
            (stage.title, f"PAGE:{card.rel_path}#{stage.anchor}")
            for stage in page.playbook_stages]
        status = report.page("sv", card.rel_path)
        assert card.state == status.state.value
        assert [badge.slug for badge in card.badges] == [status.state.value] + (
            ["machine-translated"] if status.machine_translated else [])


def test_a_missing_translation_shows_the_source_and_says_so(project: Path):
    (project / "docs" / "de" / PLAYBOOKS[2]).unlink()
    set_front_matter(project, "de", PLAYBOOKS[0], "workflow-type", "ht")
    set_front_matter(project, "de", PLAYBOOKS[0], "ht-degree", "100%")
    tree, _, cards = cards_for(project, "de")
    missing = cards[2]
    source = tree.page("en", PLAYBOOKS[2])
    assert (missing.title, missing.lang, missing.state) == (source.meta("title"), "en", "missing")
    assert [(badge.slug, badge.label) for badge in missing.badges] == [("missing", "fehlt")]
    assert [badge.slug for badge in cards[0].badges] == ["up-to-date"]  # reviewed: no mt badge


@pytest.mark.parametrize(("locale", "heading"), [("en", "All playbooks"),
                                                 ("sv", "Alla playbooks"),
                                                 ("de", "Alle Playbooks"),
                                                 ("fr", "All playbooks")])  # no French strings
def test_the_source_locale_reads_originals_in_its_own_words(project: Path, locale, heading):
    assert library_text(locale)["heading"] == heading
    if locale == "en":
        _, _, cards = cards_for(project, "en")
        assert {card.state for card in cards} == {SOURCE_STATE}
        assert {badge.label for card in cards for badge in card.badges} == {"original"}
