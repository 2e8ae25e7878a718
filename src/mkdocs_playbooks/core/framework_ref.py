"""Which image references name a playbook's framework diagram, which the build generates.

A reference to ``…/assets/<folder>/<name>-framework.svg`` (or ``.png``) is the framework
diagram of the page that makes it: the build draws it from that page's own stages, in the
page's language, so no such file is kept in the repository.
"""

from __future__ import annotations

import posixpath

DIAGRAM_MARKER = "-framework."
"""In every diagram file name: a cheap test before anything is parsed."""
DIAGRAM_SUFFIXES = (f"{DIAGRAM_MARKER}svg", f"{DIAGRAM_MARKER}png")


def is_framework_diagram(uri: str) -> bool:
    """True for a docs-relative URI like ``assets/playbooks/commerce-strategy-framework.png``."""
    parts = posixpath.normpath(uri).split("/")
    return "assets" in parts[:2] and parts[-1].endswith(DIAGRAM_SUFFIXES)
