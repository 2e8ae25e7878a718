"""Content-addressed caches of drawn diagrams, so a rebuild does not draw them again.

Rastering is most of what drawing a diagram costs. The PNG is a pure function of the layout
(deterministic, see :mod:`diagram.layout`) and of the renderer, so the key is a hash of both;
a changed page gives a new key, and stale entries are never read.

The SVG markup (inline figures, standalone files) is a pure function of the page's text, of
what is asked for and of this package's diagram code and syllable dictionaries, so its key is a
hash of those: a rebuild of an unchanged page reads it instead of laying the page out again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import cache
from importlib.metadata import version
from pathlib import Path

from mkdocs_playbooks.core.atomic_write import write_file_atomically
from mkdocs_playbooks.diagram.fonts import font_faces
from mkdocs_playbooks.diagram.layout import DiagramLayout

CACHE_FOLDER = Path(".cache") / "playbook" / "diagrams"
MARKUP_FOLDER = CACHE_FOLDER / "markup"
RENDERER_VERSION = "png-2"
"""Change this when the PNG renderer draws differently, to retire every cached file."""


def cached_png(layout: DiagramLayout, cache_root: Path,
               render: Callable[[DiagramLayout], bytes]) -> Path:
    """The cached PNG file of `layout`, rendered with `render` the first time it is asked for."""
    # The fonts found on this machine are part of the key: installing one redraws the PNG.
    fonts = [font_faces(layout.locale, bold) for bold in (False, True)]
    key = hashlib.sha256(f"{RENDERER_VERSION}\n{fonts!r}\n{layout!r}".encode()).hexdigest()
    path = cache_root / CACHE_FOLDER / f"{key}.png"
    if not path.is_file():
        write_file_atomically(path, render(layout), replace=True)
    return path


@cache
def _code_digest() -> str:
    """What the markup also depends on: every file of this package (layout, widths, SVG) and the
    hyphenation dictionaries' version."""
    digest = hashlib.sha256(version("pyphen").encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cached_markup(cache_root: Path, parts: Sequence[str], render: Callable[[], str]) -> str:
    """The markup `render` gives for `parts` (a digest of the page's text and everything else it
    is drawn from), rendered the first time it is asked for and read from the cache after that."""
    key = hashlib.sha256("\0".join([_code_digest(), *parts]).encode()).hexdigest()
    path = cache_root / MARKUP_FOLDER / f"{key}.svg.html"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        markup = render()
        write_file_atomically(path, markup, replace=True, durable=False)
        return markup
