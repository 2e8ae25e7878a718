"""Where a word may be broken between syllables: pyphen's answer, remembered on disk.

Loading pyphen's dictionary for a language takes about a quarter of a second, and a build that
draws Swedish and German diagrams loaded two, for the five long words that needed breaking:
half a second of every `mkdocs build` (see benchmarks/). The answer for a word never changes
with the same dictionary, so it is kept in ``.cache/playbook/syllables/`` (one JSON file per
language and pyphen version) and a dictionary is loaded only for a word not seen before.
Inside :func:`remembered_in` the answers are read from and written to that folder; outside it,
they are kept for this process only.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pyphen

from mkdocs_playbooks.core.atomic_write import write_file_atomically

CACHE_FOLDER = Path(".cache") / "playbook" / "syllables"

_known: dict[str, dict[str, list[int]]] = {}  # language -> word -> break points
_folder: Path | None = None  # where the answers are kept, inside `remembered_in`
_new: set[str] = set()  # languages with answers not yet written to `_folder`


def syllable_breaks(word: str, locale: str) -> list[int]:
    """Indices where pyphen's dictionary for `locale` would break `word` (none without one)."""
    language = pyphen.language_fallback(locale.replace("-", "_"))
    if not language:
        return []
    known = _known_in(language)
    if word not in known:
        known[word] = list(_dictionary(language).positions(word))
        if _folder is not None:
            _new.add(language)
    return known[word]


@contextlib.contextmanager
def remembered_in(project_root: Path) -> Iterator[None]:
    """Read the remembered answers from the project's cache, and write new ones back."""
    global _folder
    outer, _folder = _folder, project_root / CACHE_FOLDER
    try:
        yield
    finally:
        for language in sorted(_new):
            with contextlib.suppress(OSError):  # a cache: a project we may not write to is fine
                write_file_atomically(_file(_folder, language),
                                      json.dumps(_known[language], sort_keys=True), replace=True)
        _new.clear()
        _folder = outer


def _known_in(language: str) -> dict[str, list[int]]:
    if language not in _known:
        _known[language] = _read(_file(_folder, language)) if _folder is not None else {}
    return _known[language]


def _read(path: Path) -> dict[str, list[int]]:
    """The remembered answers; none when the file is missing or not what this module writes."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {word: points for word, points in data.items()
            if isinstance(points, list) and all(isinstance(p, int) for p in points)}


def _file(folder: Path, language: str) -> Path:
    return folder / f"{language}-pyphen-{pyphen.__version__}.json"


@cache
def _dictionary(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=language)
