"""The seven-script sample site (tests/fixtures/scripts) checked and built strict: direction,
reader strings in the reader's language (or English, marked so), per-locale search settings."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import SCRIPT_LOCALES, SCRIPTS_FIXTURE, build_site, findings
from mkdocs_playbooks.diagram import fonts
from mkdocs_playbooks.reader.text import reader_text

RTL = ("ar", "he")


def test_the_sample_site_checks_clean():
    assert findings(SCRIPTS_FIXTURE) == []


def html(site: Path, locale: str, path: str = "playbooks/launch/") -> str:
    return (site / locale / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", SCRIPT_LOCALES)
def test_pages_read_in_their_direction(scripts_site, locale):
    page = html(scripts_site, locale)
    direction = "rtl" if locale in RTL else "ltr"
    assert f'<body dir="{direction}"' in page
    # The inline diagram reads the same way (its lanes are mirrored, see tests/diagram).
    assert ('direction="rtl"' in page) is (locale in RTL)


@pytest.mark.parametrize("locale", ["ja", "ar"])
def test_machine_translation_notice_in_the_readers_language(scripts_site, locale):
    page = html(scripts_site, locale)
    notice = re.search(r'<div class="admonition[^"]*playbook-notice--machine-translated"[^>]*>',
                       page)
    assert notice and "lang=" not in notice.group(0)
    assert reader_text(locale, "notices", "machine_translated", "text") in page
    assert reader_text(locale, "notices", "machine_translated", "text") != reader_text(
        "en", "notices", "machine_translated", "text")


def test_a_locale_without_strings_shows_english_marked_as_english(scripts_site):
    page = html(scripts_site, "el")
    assert re.search(r'playbook-notice--machine-translated"[^>]*lang="en"', page)
    status = html(scripts_site, "el", "translation-status/")
    assert '<div lang="en">' in status
    assert '<div lang="en">' not in html(scripts_site, "ja", "translation-status/")
    assert reader_text("ja", "status_page", "title") in html(scripts_site, "ja",
                                                             "translation-status/")


def search_config(site: Path, locale: str) -> dict:
    index = json.loads((site / locale / "search/search_index.json").read_text(encoding="utf-8"))
    return index["config"]


def test_search_reads_each_script_in_its_own_way(scripts_site):
    japanese = search_config(scripts_site, "ja")
    assert japanese["lang"] == ["ja"] and "、" in japanese["separator"]
    chinese = search_config(scripts_site, "zh-Hans")
    assert "\\u200b" in chinese["separator"] and chinese["pipeline"] == ["stopWordFilter"]
    assert "trimmer" in search_config(scripts_site, "ko")["pipeline"]  # lunr.ko's own
    assert search_config(scripts_site, "ko")["lang"] == ["ko"]
    # jieba's word breaks are kept in Chinese and taken out of Japanese.
    assert "\u200b" in (scripts_site / "zh-Hans/search/search_index.json").read_text("utf-8")
    assert "\u200b" not in (scripts_site / "ja/search/search_index.json").read_text("utf-8")


def test_a_machine_without_noto_warns_and_fails_strict(tmp_path, monkeypatch, caplog):
    """Without the fonts, the build names the characters and the packages: a strict build
    stops, a lenient one says so in its log, and none draws boxes silently."""
    monkeypatch.setattr(fonts, "FONT_FOLDERS", ())
    monkeypatch.delenv("PLAYBOOK_FONT_DIRS", raising=False)
    caches = (fonts._noto_files, fonts.font_faces, fonts.face_for)
    for cached in caches:
        cached.cache_clear()
    try:
        project = tmp_path / "project"
        shutil.copytree(SCRIPTS_FIXTURE, project)
        with pytest.raises(Abort):
            build_site(project)
        caplog.clear()
        build_site(project, strict=False)
        warnings = [record.getMessage() for record in caplog.records
                    if record.levelname == "WARNING" and fonts.NOTO_PACKAGES in record.getMessage()]
        warned = {re.search(r"docs/([^/]+)/", message).group(1) for message in warnings}
        assert warned == {"ja", "zh-Hans", "ko", "ar", "he"}  # Roboto has Greek and Cyrillic
    finally:
        for cached in caches:
            cached.cache_clear()
