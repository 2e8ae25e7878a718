"""One locale's search index, cut from the index the search plugin wrote for its language pass.

mkdocs-static-i18n stacks every language's entries into one index at the site root, searched with
every language's stemmer at once, so a Swedish reader also gets English and German pages. Each
locale gets its own index instead, at ``<locale>/search/search_index.json``: only that locale's
pages, with locations relative to the locale's root (which is where the theme template points
material's search ``base``), and ``lang`` set to that one language, so lunr stems in it alone.
"""

from __future__ import annotations

import json
from typing import Any

INDEX_PATH = "search/search_index.json"
"""Where material's search reads the index, relative to its ``base``."""


def locale_search_index(pass_index: str, *, prefix: str, lunr_language: str) -> str:
    """The index for the locale whose pages live under `prefix` (``"sv/"``; ``""`` for the
    default language at the site root), from the JSON the search plugin wrote in that locale's
    language pass. `lunr_language` is the lunr.js language code the theme gives that locale."""
    index: dict[str, Any] = json.loads(pass_index)
    docs = [
        {**entry, "location": entry["location"][len(prefix) :]}
        for entry in index.get("docs", [])
        if entry["location"].startswith(prefix)
    ]
    config = {**index.get("config", {}), "lang": [lunr_language]}
    return json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
