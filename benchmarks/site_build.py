"""A real `mkdocs build` of a site with the playbook plugin on or off, and the same in a process
of its own (``python -m benchmarks.site_build CONFIG SITE_DIR on|off``), as `mkdocs build` runs.

This module imports nothing but MkDocs, so that a build in a new process pays for exactly
what `mkdocs build` pays for: Python's start-up, MkDocs and its plugins, and the build.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


class BuildError(Exception):
    """The build failed; the message says which and why."""


def build_site(config_file: Path, site_dir: Path, *, plugin_enabled: bool) -> None:
    """A real `mkdocs build` with the playbook plugin on or off (its `enabled` option).

    Not strict: with the plugin off, the top-level assets are not published, so the pages'
    image links warn, and a strict build would stop at the first language.
    """
    try:
        with _quiet("mkdocs"):
            config = load_config(str(config_file), site_dir=str(site_dir), strict=False)
            config.plugins["playbook"].config.enabled = plugin_enabled
            build(config)
    except MkDocsException as error:
        state = "enabled" if plugin_enabled else "disabled"
        raise BuildError(
            f"mkdocs build of {config_file} with the playbook plugin {state} failed: {error}"
        ) from None


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Drop the logger's records below ERROR (both variants alike), then restore its level."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def main(argv: Sequence[str]) -> int:
    config_file, site_dir, state = argv
    try:
        build_site(Path(config_file), Path(site_dir), plugin_enabled=state == "on")
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
