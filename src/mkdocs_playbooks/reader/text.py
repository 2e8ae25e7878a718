"""The words readers see about translations (notices, the status page), per locale.

The strings live in ``strings.yml`` beside this module. A locale without its own strings,
or a string a locale lacks, falls back to the region-less locale (``pt`` for ``pt-BR``), then to
English, so a new locale never shows a blank notice.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

FALLBACK_LOCALE = "en"


@functools.cache
def _strings() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("strings.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # C: 10× faster


def _candidates(locale: str) -> list[str]:
    base = locale.replace("_", "-").split("-")[0]
    return list(dict.fromkeys([locale, locale.replace("_", "-"), base, FALLBACK_LOCALE]))


def _lookup(locale: str, keys: tuple[str, ...]) -> tuple[str, str]:
    for candidate in _candidates(locale):
        value: Any = _strings().get(candidate)
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str):
            return candidate, value
    raise KeyError(f"strings.yml has no English string at {'.'.join(keys)}")


def reader_text(locale: str, *keys: str) -> str:
    """The string at `keys` (e.g. ``"notices", "outdated", "title"``) in `locale`'s language."""
    return _lookup(locale, keys)[1]


def fallback_language(locale: str, *keys: str) -> str | None:
    """The language the string at `keys` is written in when it is not `locale`'s own (English
    for a locale strings.yml lacks), to mark it with ``lang``; None when it is its own."""
    found = _lookup(locale, keys)[0]
    same = found.replace("_", "-").split("-")[0] == locale.replace("_", "-").split("-")[0]
    return None if same else found
