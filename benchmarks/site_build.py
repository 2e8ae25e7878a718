"""A real `mkdocs build` of a site in one of three plugin variants, and the same in a process of
its own (``python -m benchmarks.site_build CONFIG SITE_DIR VARIANT [EDITED_PAGE EDITS]``), as
`mkdocs build` runs. The process prints one JSON line: its peak memory and, when a page is
given, the time of each rebuild after editing that page, as `mkdocs serve` rebuilds; and the
CPU time spent inside the playbook plugin's event handlers (what its cost per page is measured
on: the difference of two whole builds swings by more than the plugin's share).

Variants: ``off`` (the playbook plugin's ``enabled: false``), ``parity`` (enabled, every reader
feature off: the parity check only) and ``on`` (enabled, every reader feature on).

This module imports nothing but MkDocs, so that a build in a new process pays for exactly
what `mkdocs build` pays for: Python's start-up, MkDocs and its plugins, and the build.
"""

from __future__ import annotations

import contextlib
import json
import logging
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

VARIANTS = ("off", "parity", "on")
READER_FEATURES = ("diagrams", "status_page", "notices", "alternates", "search_per_locale")


class BuildError(Exception):
    """The build failed; the message says which and why."""


def configured(config_file: Path, site_dir: Path, variant: str) -> MkDocsConfig:
    """The site's configuration with the playbook plugin set to `variant`.

    Not strict: with the plugin off, the top-level assets are not published, so the pages'
    image links warn, and a strict build would stop at the first language.
    """
    config = load_config(str(config_file), site_dir=str(site_dir), strict=False)
    plugin = config.plugins["playbook"].config
    plugin.enabled = variant != "off"
    for feature in READER_FEATURES:
        setattr(plugin.reader, feature, variant == "on")
    return config


# CPU seconds inside the playbook plugin's event handlers, by handler.
_handler_cpu: dict[str, float] = {}


def build_site(config_file: Path, site_dir: Path, *, variant: str = "on") -> None:
    """A real `mkdocs build` with the playbook plugin in `variant`."""
    config = configured(config_file, site_dir, variant)
    _time_handlers(config)
    try:
        with _quiet("mkdocs"):
            build(config)
    except MkDocsException as error:
        raise BuildError(
            f"mkdocs build of {config_file} with the playbook plugin {variant} failed: {error}"
        ) from None


def rebuild_seconds(config_file: Path, site_dir: Path, variant: str, page: Path,
                    edits: int) -> tuple[list[float], list[float]]:
    """What `mkdocs serve` does after each save of `page`: the configuration read again and
    the whole site rebuilt (MkDocs 1.6 serves by full rebuilds), the plugins started as serve
    starts them (MkDocs keeps those that define `on_startup` from build to build). Each edit
    appends a word to the page's last line, which keeps its structure. The first build is not
    counted. Returns each rebuild's seconds and the CPU seconds of the plugin's handlers in it."""
    serving = configured(config_file, site_dir, variant).plugins
    serving.on_startup(command="serve", dirty=False)
    original = page.read_text(encoding="utf-8")
    seconds, handler_seconds = [], []
    try:
        build_site(config_file, site_dir, variant=variant)
        for edit in range(edits):
            page.write_text(original.rstrip("\n") + f" edit{edit}\n", encoding="utf-8")
            handlers_before = sum(_handler_cpu.values())
            start = time.perf_counter()
            build_site(config_file, site_dir, variant=variant)
            seconds.append(time.perf_counter() - start)
            handler_seconds.append(sum(_handler_cpu.values()) - handlers_before)
    finally:
        page.write_text(original, encoding="utf-8")
        serving.on_shutdown()
    return seconds, handler_seconds


def _time_handlers(config: MkDocsConfig) -> None:
    """Add the CPU time of each of the playbook plugin's event handlers to `_handler_cpu`."""
    plugin = config.plugins["playbook"]
    for handlers in config.plugins.events.values():
        for index, handler in enumerate(handlers):
            if getattr(handler, "__self__", None) is plugin:
                handlers[index] = _timed(handler)


def _timed(handler: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = _cpu_seconds()
        try:
            return handler(*args, **kwargs)
        finally:
            name = handler.__name__
            _handler_cpu[name] = _handler_cpu.get(name, 0.0) + _cpu_seconds() - start
    return timed


def _cpu_seconds() -> float:
    """This process's CPU time and that of the child processes it has waited for (git)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # os.times() counts in 10 ms ticks
    return time.process_time() + children.ru_utime + children.ru_stime


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
    config_file, site_dir, variant, *serve = argv
    result: dict[str, object] = {}
    try:
        if serve:
            page, edits = serve
            result["rebuild_s"], result["rebuild_handlers_cpu_s"] = rebuild_seconds(
                Path(config_file), Path(site_dir), variant, Path(page), int(edits))
        else:
            build_site(Path(config_file), Path(site_dir), variant=variant)
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    result["max_rss_kb"] = peak_memory_kb()
    result["plugin_handlers_cpu_s"] = sum(_handler_cpu.values())
    result["plugin_handlers_cpu_s_by_handler"] = _handler_cpu
    print(json.dumps(result))
    return 0


def peak_memory_kb() -> int:
    """This process's peak resident memory, KiB. Linux's VmHWM belongs to the program now
    running; ``ru_maxrss`` would also count the parent's peak from before the exec (the
    benchmark script that started this build, with its corpora in memory)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
