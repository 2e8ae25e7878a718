"""A content-addressed cache of rendered PNG diagrams, so a rebuild does not raster them again.

Rastering is most of what drawing a diagram costs. The PNG is a pure function of the layout
(deterministic, see :mod:`diagram.layout`) and of the renderer, so the key is a hash of both;
a changed page gives a new key, and stale entries are never read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from mkdocs_playbooks.core.atomic_write import write_file_atomically
from mkdocs_playbooks.diagram.fonts import font_faces
from mkdocs_playbooks.diagram.layout import DiagramLayout

CACHE_FOLDER = Path(".cache") / "playbook" / "diagrams"
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
