"""Which image references name a playbook's framework diagram, which the build generates.

A reference to ``…/assets/<folder>/<name>-framework.svg`` (or ``.png``) is the framework
diagram of the page that makes it: the build draws it from that page's own stages, in the
page's language, so no such file is kept in the repository.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

DIAGRAM_MARKER = "-framework."
"""In every diagram file name: a cheap test before anything is parsed."""
DIAGRAM_SUFFIXES = (f"{DIAGRAM_MARKER}svg", f"{DIAGRAM_MARKER}png")


def is_framework_diagram(uri: str) -> bool:
    """True for a docs-relative URI like ``assets/playbooks/commerce-strategy-framework.png``."""
    parts = posixpath.normpath(uri).split("/")
    return "assets" in parts[:2] and parts[-1].endswith(DIAGRAM_SUFFIXES)


def framework_diagram_uris(src_uri: str, targets: Iterable[str],
                           locales: Iterable[str]) -> list[str]:
    """The site paths, without a locale folder, of the framework diagrams among the image
    `targets` of the page at `src_uri` (docs-relative, ``en/playbooks/x.md``), in order."""
    locales = tuple(locales)
    uris: list[str] = []
    for target in targets:
        if not target or target.startswith("/"):
            continue
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
        head, _, rest = uri.partition("/")
        uri = rest if head in locales else uri
        if is_framework_diagram(uri) and uri not in uris:
            uris.append(uri)
    return uris
