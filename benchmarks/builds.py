"""Site builds at size: the realistic corpus built with the plugin off, parity-only and with
every reader feature on; material's navigation.prune on and off; the serve loop.

Every build runs in a new process (see :func:`benchmarks.measure.build_in_new_process`); the
variants take turns round by round. Wall-clock times suffer from other jobs on a shared
machine, so each build's CPU time (its own and its git processes') is reported beside them.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpus import Corpus
from benchmarks.measure import build_in_new_process, interleaved, profiled_build
from benchmarks.realistic import FOLDER, generate_realistic, site_config

ALL_ON = "on"
NO_PRUNE = "on_no_prune"
NO_PRUNE_CONFIG = "mkdocs-no-prune.yml"
SERVE_EDITS = 3  # rebuilds per serving process, after its first build
SERVED_LOCALE_ENV = "PLAYBOOK_LOCALE"  # the corpus's mkdocs.yml: i18n build_only_locale


def realistic_build_corpus(root: Path, pages: int, locales: int) -> Corpus:
    """A defect-free realistic corpus with git history, and a copy of its configuration
    without navigation.prune."""
    corpus = generate_realistic(root, pages, locales, git=True, defects=False)
    (root / NO_PRUNE_CONFIG).write_text(site_config(corpus.locales, prune=False),
                                        encoding="utf-8")
    return corpus


def measure_variants(
    config_file: Path, site_dir: Path, page_locales: int, repeat: int, warmup: int,
    *, compare_prune: bool = False,
) -> dict[str, Any]:
    """Builds off / parity / on (and on without navigation.prune): medians of wall and CPU
    seconds and peak memory, the ratios to off, the plugin's CPU per page-locale."""
    measured: dict[str, list[dict[str, Any]]] = {}

    def runner(name: str, config: Path, variant: str) -> Callable[[], None]:
        def run() -> None:
            measured.setdefault(name, []).append(
                build_in_new_process(config, site_dir, variant=variant))
        return run

    runners = {name: runner(name, config_file, name) for name in ("off", "parity", ALL_ON)}
    if compare_prune:
        runners[NO_PRUNE] = runner(NO_PRUNE, config_file.parent / NO_PRUNE_CONFIG, ALL_ON)
    timings = interleaved(runners, repeat=repeat, warmup=warmup)
    result: dict[str, Any] = {"page_locales": page_locales, "runs": timings}
    for name, runs in measured.items():
        runs = runs[warmup:]
        result[name] = {
            "wall_s": statistics.median(timings["wall"][name]),
            "cpu_s": statistics.median(run["cpu_s"] for run in runs),
            "max_rss_mb": statistics.median(run["max_rss_kb"] for run in runs) / 1024,
            "handlers_cpu_s": statistics.median(run["plugin_handlers_cpu_s"] for run in runs),
            # The plugin's handlers' share of the build's CPU, each run's own.
            "handlers_share": statistics.median(
                run["plugin_handlers_cpu_s"] / run["cpu_s"] for run in runs),
        }
    off = result["off"]
    for name in measured:
        if name != "off":
            result[name]["wall_over_off"] = result[name]["wall_s"] / off["wall_s"]
            result[name]["cpu_over_off"] = result[name]["cpu_s"] / off["cpu_s"]
            result[name]["memory_over_off"] = result[name]["max_rss_mb"] / off["max_rss_mb"]
    result["plugin_cpu_ms_per_page_locale"] = (
        (result[ALL_ON]["cpu_s"] - off["cpu_s"]) / page_locales * 1000)
    # Measured inside the build: the plugin's handlers alone, free of the whole build's swing.
    result["handlers_cpu_ms_per_page_locale"] = (
        result[ALL_ON]["handlers_cpu_s"] / page_locales * 1000)
    result["off_wall_s_per_page_locale"] = off["wall_s"] / page_locales
    result["on_wall_s_per_page_locale"] = result[ALL_ON]["wall_s"] / page_locales
    if compare_prune:
        result["no_prune_wall_s_per_page_locale"] = result[NO_PRUNE]["wall_s"] / page_locales
    _, result["git_processes"] = profiled_build(config_file, site_dir)
    return result


def measure_serve(corpus: Corpus, site_dir: Path, repeat: int,
                  edits: int = SERVE_EDITS) -> dict[str, Any]:
    """`mkdocs serve`'s rebuild after a translator saves a page: every locale with the plugin
    off and on, and the translator's locale alone (the plugin on). Each process builds once,
    then edits and rebuilds `edits` times; the median rebuild is reported."""
    translation = corpus.locales[1]
    page = corpus.root / "docs" / translation / FOLDER / "p0001.md"
    rebuilds: dict[str, list[float]] = {}
    handlers: dict[str, list[float]] = {}  # the plugin's handlers' CPU in each rebuild

    def runner(name: str, variant: str, env: dict[str, str] | None) -> Callable[[], None]:
        def run() -> None:
            done = build_in_new_process(corpus.config_file, site_dir, variant=variant,
                                        edited_page=page, edits=edits, env=env)
            rebuilds.setdefault(name, []).extend(done["rebuild_s"])
            handlers.setdefault(name, []).extend(done["rebuild_handlers_cpu_s"])
        return run

    interleaved({"off": runner("off", "off", None), "on": runner("on", ALL_ON, None),
                 "one_locale": runner("one_locale", ALL_ON, {SERVED_LOCALE_ENV: translation})},
                repeat=repeat, warmup=0)
    median = {name: statistics.median(values) for name, values in rebuilds.items()}
    return {
        "edited_page": str(page.relative_to(corpus.root)),
        "locale": translation,
        "rebuild_s": median,
        "on_over_off": median["on"] / median["off"],
        "one_locale_over_all": median["one_locale"] / median["on"],
        # Measured inside each rebuild, so free of the swing between whole rebuilds; the
        # templates and status pages MkDocs renders for the plugin are not in it.
        "handlers_share_of_rebuild": statistics.median(
            cpu / wall for cpu, wall in zip(handlers["on"], rebuilds["on"], strict=True)),
        "runs": rebuilds,
    }


def render_builds(builds: list[dict[str, Any]], serve: dict[str, Any] | None) -> list[str]:
    """Markdown tables of the realistic builds and the serve loop."""
    lines = [
        "",
        "Realistic corpus builds, each in a new process (wall s / CPU s incl. git / peak MB):",
        "",
        "| pages × locales | plugin off | parity only | every reader feature on "
        "| parity / off (CPU) | on / off (CPU) | on / off (wall) | memory on / off "
        "| plugin CPU ms per page-locale (on − off) | in its handlers "
        "| handlers' share of the build: parity, on | git processes "
        "| build s per page-locale (on) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for size in builds:
        cells = [f"{size[name]['wall_s']:.2f} / {size[name]['cpu_s']:.2f} / "
                 f"{size[name]['max_rss_mb']:.0f}" for name in ("off", "parity", ALL_ON)]
        lines.append(
            f"| {size['pages']:,} × {size['locales']} | {' | '.join(cells)} "
            f"| {size['parity']['cpu_over_off']:.3f}× | {size[ALL_ON]['cpu_over_off']:.3f}× "
            f"| {size[ALL_ON]['wall_over_off']:.3f}× | {size[ALL_ON]['memory_over_off']:.3f}× "
            f"| {size['plugin_cpu_ms_per_page_locale']:.2f} "
            f"| {size['handlers_cpu_ms_per_page_locale']:.2f} "
            f"| {size['parity']['handlers_share']:.1%}, {size[ALL_ON]['handlers_share']:.1%} "
            f"| {size['git_processes']} "
            f"| {size['on_wall_s_per_page_locale']:.4f} |")
    pruned = [size for size in builds if NO_PRUNE in size]
    if pruned:
        lines += ["", "| pages × locales | s per page-locale, navigation.prune | without it |",
                  "| --- | ---: | ---: |"]
        lines += [f"| {size['pages']:,} × {size['locales']} "
                  f"| {size['on_wall_s_per_page_locale']:.4f} "
                  f"| {size['no_prune_wall_s_per_page_locale']:.4f} |" for size in pruned]
    if serve is not None:
        seconds = serve["rebuild_s"]
        lines += [
            "", f"Serve loop: rebuild after editing `{serve['edited_page']}` (median, s):", "",
            "| every locale, plugin off | every locale, plugin on | on / off "
            "| the plugin's handlers' share of the rebuild (on) "
            f"| `{serve['locale']}` alone | alone / every locale |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {seconds['off']:.2f} | {seconds['on']:.2f} | {serve['on_over_off']:.3f}× "
            f"| {serve['handlers_share_of_rebuild']:.1%} "
            f"| {seconds['one_locale']:.2f} | {serve['one_locale_over_all']:.3f} |",
        ]
    return lines
