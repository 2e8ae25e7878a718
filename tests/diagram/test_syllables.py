"""Syllable breaks: pyphen's answers, remembered on disk so that a build need not load a
dictionary for words it has seen before."""

from __future__ import annotations

import json
from pathlib import Path

import pyphen
import pytest

from mkdocs_playbooks.diagram import syllables
from mkdocs_playbooks.diagram.syllables import CACHE_FOLDER, remembered_in, syllable_breaks

WORDS = {"de": ["Produktkatalogverwaltung", "Retourenmanagement"],
         "sv": ["Prenumerationstjänster", "Produktkataloghantering"]}


@pytest.fixture(autouse=True)
def forget() -> None:
    """Each test starts as a new process would: nothing known, no dictionary loaded."""
    syllables._known.clear()
    syllables._new.clear()
    syllables._dictionary.cache_clear()


@pytest.mark.parametrize("locale", sorted(WORDS))
def test_the_breaks_are_pyphens(locale: str) -> None:
    for word in WORDS[locale]:
        assert syllable_breaks(word, locale) == list(pyphen.Pyphen(lang=locale).positions(word))


def test_a_second_build_loads_no_dictionary(tmp_path: Path) -> None:
    with remembered_in(tmp_path):
        first = {word: syllable_breaks(word, "de") for word in WORDS["de"]}
    assert syllables._dictionary.cache_info().currsize == 1
    saved = list((tmp_path / CACHE_FOLDER).iterdir())
    assert [path.name for path in saved] == [f"de-pyphen-{pyphen.__version__}.json"]

    syllables._known.clear()
    syllables._dictionary.cache_clear()
    with remembered_in(tmp_path):
        again = {word: syllable_breaks(word, "de") for word in WORDS["de"]}
    assert again == first
    assert syllables._dictionary.cache_info().currsize == 0  # answered from the file


def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path) -> None:
    path = tmp_path / CACHE_FOLDER / f"sv-pyphen-{pyphen.__version__}.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    word = WORDS["sv"][0]
    with remembered_in(tmp_path):
        breaks = syllable_breaks(word, "sv")
    assert breaks == list(pyphen.Pyphen(lang="sv").positions(word))
    assert json.loads(path.read_text(encoding="utf-8")) == {word: breaks}


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(tmp_path: Path) -> None:
    (tmp_path / ".cache").write_text("a file where the cache folder would go", encoding="utf-8")
    with remembered_in(tmp_path):
        assert syllable_breaks(WORDS["de"][0], "de")


def test_a_language_without_a_dictionary_breaks_nowhere() -> None:
    assert syllable_breaks("Kwisatzhaderach", "tlh") == []
