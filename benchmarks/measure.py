"""What the benchmarks time: the check, its floor, a real site build; and how they are timed.

The check and its floor run in this process, so Python's start-up and imports are paid once,
before any timing, and do not drown the work being measured. Site builds run each in a new
process, as `mkdocs build` does: a build pays its start-up and first-use costs every time.
"""

from __future__ import annotations

import contextlib
import cProfile
import gc
import inspect
import io
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import frontmatter
from frontmatter.default_handlers import SafeLoader as FRONTMATTER_LOADER
from mkdocs.plugins import BasePlugin, CombinedEvent

from benchmarks.site_build import BuildError, build_site
from mkdocs_playbooks.cli import main as cli
from mkdocs_playbooks.core.parse import (
    _SafeLoader as PARSER_LOADER,  # the loader the parser really uses
)
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.diagram.cache import CACHE_FOLDER as DIAGRAM_CACHE
from mkdocs_playbooks.diagram.syllables import CACHE_FOLDER as SYLLABLE_CACHE
from mkdocs_playbooks.plugin.plugin import PlaybookPlugin
from mkdocs_playbooks.project.check import check_project
from mkdocs_playbooks.status import git_history

CHECK_RUNNER = (
    'mkdocs_playbooks.cli.main.main(["check", "--config", CONFIG, "--format", "json"]), in-process'
)
FLOOR_RUNNER = "read every .md under docs/ and frontmatter.loads() it, nothing else"
REPOSITORY = Path(__file__).resolve().parents[1]  # where `python -m benchmarks...` works
GIT_HISTORY_FILE = inspect.getsourcefile(git_history)
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


def build_in_new_process(
    config_file: Path, site_dir: Path, *, variant: str, empty_caches: bool = False,
    edited_page: Path | None = None, edits: int = 0, env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`mkdocs build` in a process of its own, as a person or CI runs it: Python's start-up,
    the imports and every first-use cost count, as they do for them. With `empty_caches`, the
    plugin's caches (rastered diagrams, syllable breaks) are emptied first, as in a fresh clone.
    With `edited_page`, the process then edits it and rebuilds `edits` times, as `mkdocs serve`
    does. `env` adds environment variables (``PLAYBOOK_LOCALE``: one locale alone). Returns
    what the process measured: its peak memory, its CPU time, the rebuilds."""
    if empty_caches:
        for folder in (DIAGRAM_CACHE, SYLLABLE_CACHE):
            shutil.rmtree(config_file.parent / folder, ignore_errors=True)
    serve = [str(edited_page), str(edits)] if edited_page is not None else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.site_build", str(config_file), str(site_dir), variant,
         *serve],
        cwd=REPOSITORY, capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {})},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise BenchmarkError(done.stderr.strip() or f"mkdocs build exited with {done.returncode}")
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    # The child's CPU time and its children's (git): what the build cost, whatever the load.
    measured["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return measured


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
    return profiled_build(config_file, site_dir)[0]


def profiled_build(config_file: Path, site_dir: Path) -> tuple[dict[str, float], int]:
    """One build under cProfile with every reader feature on: the seconds of each plugin event
    handler (see `plugin_event_seconds`), and how many git processes the plugin started."""
    profiler = cProfile.Profile()
    try:
        profiler.runcall(build_site, config_file, site_dir, variant="on")
    except BuildError as error:
        raise BenchmarkError(str(error)) from None
    stats = pstats.Stats(profiler)
    handlers = _event_handlers(PlaybookPlugin)
    spent = {"build": stats.total_tt}  # type: ignore[attr-defined]
    git_processes = 0
    for key, entry in stats.stats.items():  # type: ignore[attr-defined]
        if key in handlers:
            spent[handlers[key]] = spent.get(handlers[key], 0.0) + entry[3]  # cumulative
        if key[0] == GIT_HISTORY_FILE and key[2] == "run_git":
            git_processes += entry[1]  # calls
    return dict(sorted(spent.items(), key=lambda item: -item[1])), git_processes


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
