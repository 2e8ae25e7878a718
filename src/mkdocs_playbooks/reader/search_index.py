"""One locale's search index, cut from the index the search plugin wrote for its language pass.

mkdocs-static-i18n stacks every language's entries into one index at the site root, searched with
every language's stemmer at once, so a Swedish reader also gets English and German pages. Each
locale gets its own index instead, at ``<locale>/search/search_index.json``: only that locale's
pages, with locations relative to the locale's root (which is where the theme template points
material's search ``base``), and ``lang`` set to that one language, so lunr stems in it alone.

The config also gets the locale's own word separator (material's for Japanese splits at
ideographic spaces and punctuation too, Chinese's at the zero-width spaces the search plugin
puts between words that jieba finds). A language lunr has no support for gets no English
trimmer or stemmer: the trimmer cuts everything that is not a Latin letter from a word's ends,
which leaves nothing of a Chinese, Greek or Arabic word.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

INDEX_PATH = "search/search_index.json"
"""Where material's search reads the index, relative to its ``base``."""

WORD_JOINER = "\u200b"
"""What material's search plugin puts between the Chinese words jieba finds (in every page)."""
_ENGLISH_ONLY = ("trimmer", "stemmer")


@dataclass(frozen=True)
class SearchLanguage:
    """How lunr.js reads one locale: its language (``en`` when lunr has none for it), the
    pattern words are split at, and whether the text is Chinese (segmented by jieba)."""

    locale: str
    lunr: str
    separator: str | None = None

    @property
    def chinese(self) -> bool:
        return self.locale.replace("_", "-").split("-")[0].lower() == "zh"


def locale_search_index(pass_index: str, *, prefix: str, language: SearchLanguage) -> str:
    """The index for the locale whose pages live under `prefix` (``"sv/"``; ``""`` for the
    default language at the site root), from the JSON the search plugin wrote in that locale's
    language pass."""
    index: dict[str, Any] = json.loads(pass_index)
    docs = [
        {**entry, "location": entry["location"][len(prefix) :]}
        for entry in index.get("docs", [])
        if entry["location"].startswith(prefix)
    ]
    if not language.chinese:  # jieba's word breaks inside Japanese kanji are no words
        docs = [{key: value.replace(WORD_JOINER, "") if isinstance(value, str) else value
                 for key, value in entry.items()} for entry in docs]
    config = {**index.get("config", {}), "lang": [language.lunr]}
    if language.separator:
        config["separator"] = language.separator
    english = language.locale.replace("_", "-").split("-")[0].lower() == "en"
    if language.lunr == "en" and not english:
        config["pipeline"] = [step for step in config.get("pipeline", [])
                              if step not in _ENGLISH_ONLY]
    return json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
