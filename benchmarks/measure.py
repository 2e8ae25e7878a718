"""What the benchmarks time: the check, its floor, a real site build; and how they are timed.

Everything runs in this process, so Python's start-up and imports are paid once, before any
timing, and do not drown the work being measured.
"""

from __future__ import annotations

import contextlib
import cProfile
import gc
import inspect
import io
import logging
import os
import pstats
import shutil
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import frontmatter
from frontmatter.default_handlers import SafeLoader as FRONTMATTER_LOADER
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, CombinedEvent

from playbook import cli
from playbook.check import check_project
from playbook.diagram_cache import CACHE_FOLDER
from playbook.mkdocs_plugin import PlaybookPlugin
from playbook.parse import _SafeLoader as PARSER_LOADER  # the loader the parser really uses
from playbook.settings import load_settings

CHECK_RUNNER = 'playbook.cli.main(["check", "--config", CONFIG, "--format", "json"]), in-process'
FLOOR_RUNNER = "read every .md under docs/ and frontmatter.loads() it, nothing else"
YAML_LOADERS = {"check": PARSER_LOADER.__name__, "floor": FRONTMATTER_LOADER.__name__}


class BenchmarkError(Exception):
    """A measured command failed; the message says which and why."""


def read_floor(docs_dir: Path) -> int:
    """The least any checker must do: read each page and parse its front matter. Returns the
    number of pages read."""
    pages = 0
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            if name.endswith(".md"):
                frontmatter.loads(Path(folder, name).read_text(encoding="utf-8"))
                pages += 1
    return pages


def run_check(config_file: Path) -> str:
    """`playbook check --format json` as the command line runs it; returns what it printed."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = cli.main(["check", "--config", str(config_file), "--format", "json"])
    if code not in (cli.EXIT_OK, cli.EXIT_FINDINGS):
        raise BenchmarkError(f"playbook check --config {config_file} exited with {code}")
    return output.getvalue()


def check_alone(config_file: Path) -> None:
    """The parity check exactly as the MkDocs plugin calls it (no rendering of findings)."""
    check_project(load_settings(config_file))


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
        raise BenchmarkError(
            f"mkdocs build of {config_file} with the playbook plugin {state} failed: {error}"
        ) from None


def build_site_first_time(config_file: Path, site_dir: Path) -> None:
    """A build with the plugin on, as the first one in a fresh clone: the diagram cache that
    other builds find filled (see :mod:`playbook.diagram_cache`) is emptied first."""
    shutil.rmtree(config_file.parent / CACHE_FOLDER, ignore_errors=True)
    build_site(config_file, site_dir, plugin_enabled=True)


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


Timings = dict[str, dict[str, list[float]]]
"""``{"wall": {runner: [seconds, ...]}, "cpu": {runner: [...]}}``."""


def interleaved(
    runners: Mapping[str, Callable[[], object]], *, repeat: int, warmup: int
) -> Timings:
    """Run each runner in turn, round after round; return each one's wall-clock and CPU times.

    Interleaving spreads the machine's noise over all runners alike; the order flips every
    round so that none always runs right after another. Warm-up rounds are not recorded. CPU
    time is this process's only (not that of a `git` the plugin may start): it shows how much
    of a wall-clock difference other processes on a shared machine caused.
    """
    timings: Timings = {clock: {name: [] for name in runners} for clock in ("wall", "cpu")}
    order = list(runners)
    for round_number in range(warmup + repeat):
        for name in order if round_number % 2 == 0 else reversed(order):
            gc.collect()  # the previous run's garbage is not this run's cost
            wall, cpu = time.perf_counter(), time.process_time()
            runners[name]()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if round_number >= warmup:
                timings["wall"][name].append(wall)
                timings["cpu"][name].append(cpu)
    return timings


def plugin_event_seconds(config_file: Path, site_dir: Path) -> dict[str, float]:
    """One profiled build with the plugin enabled: seconds spent in each of the plugin's event
    handlers (all language passes), and in the whole build under the profiler ("build")."""
    profiler = cProfile.Profile()
    profiler.runcall(build_site, config_file, site_dir, plugin_enabled=True)
    stats = pstats.Stats(profiler)
    handlers = _event_handlers(PlaybookPlugin)
    spent = {"build": stats.total_tt}  # type: ignore[attr-defined]
    for key, entry in stats.stats.items():  # type: ignore[attr-defined]
        if key in handlers:
            spent[handlers[key]] = spent.get(handlers[key], 0.0) + entry[3]  # cumulative
    return dict(sorted(spent.items(), key=lambda item: -item[1]))


def _event_handlers(plugin: type[BasePlugin]) -> dict[tuple[str, int, str], str]:
    """The plugin's event handlers, as the profiler names functions, each with a label:
    ``on_files``, or ``on_post_build: _end_build`` for a part of a combined event."""
    handlers = {}
    for name in dir(plugin):
        if not name.startswith("on_"):
            continue
        handler = getattr(plugin, name)
        parts = ([(f"{name}: {part.__name__}", part) for part in handler.methods]
                 if isinstance(handler, CombinedEvent) else [(name, handler)])
        for label, function in parts:
            code = getattr(function, "__code__", None)
            if code is not None and code.co_filename == inspect.getsourcefile(plugin):
                handlers[(code.co_filename, code.co_firstlineno, code.co_name)] = label
    return handlers
