"""Benchmark the parity check and the plugin: ``python benchmarks/run.py [options]``.

1. ``playbook check`` on generated corpora of P playbooks × L locales, against a floor that only
   reads each page and parses its front matter; time per page-locale shows how it scales.
2. ``mkdocs build`` of the real site with the playbook plugin enabled and disabled, and the
   parity check alone.

Each measurement runs several times, interleaved, after a warm-up; medians are reported. Prints
Markdown tables and writes every timing as JSON (``--out``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the `benchmarks` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.builds import (  # noqa: E402
    SERVE_EDITS,
    measure_serve,
    measure_variants,
    realistic_build_corpus,
    render_builds,
)
from benchmarks.corpus import LOCALES, Corpus, generate  # noqa: E402
from benchmarks.measure import (  # noqa: E402
    CHECK_RUNNER,
    FLOOR_RUNNER,
    YAML_LOADERS,
    BenchmarkError,
    build_in_new_process,
    check_alone,
    interleaved,
    plugin_event_seconds,
    read_floor,
    run_check,
)
from benchmarks.realistic import REAL_SHAPE_SOURCE, generate_realistic  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = "10x3,100x5,1000x10"
QUICK_SIZES = "10x3"
CORPUS_KINDS: dict[str, Callable[[Path, int, int], Corpus]] = {
    "playbook": generate, "realistic": generate_realistic}
DEFAULT_BUILD_SIZES = "150x3"
QUICK_BUILD_SIZES = "4x2"
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "latest.json"
CHECK_TARGET = 1.5  # check / floor at the largest corpus
BUILD_TARGET = 1.10  # build with every reader feature on / build without the plugin
PARITY_BUILD_TARGET = 1.03  # build with the parity check only / build without the plugin
SERVE_TARGET = 1.05  # serve rebuild with the plugin / without it
ONE_LOCALE_TARGET = 1 / 3  # one locale's serve rebuild / every locale's


def parse_sizes(text: str) -> list[tuple[int, int]]:
    """``"10x3,100x5"`` -> ``[(10, 3), (100, 5)]`` (playbooks, locales)."""
    sizes = []
    for part in text.split(","):
        playbooks, _, locales = part.strip().lower().partition("x")
        if not (playbooks.isdigit() and locales.isdigit()):
            raise argparse.ArgumentTypeError(
                f"{part.strip()!r} is not PLAYBOOKSxLOCALES, e.g. 100x5"
            )
        if int(playbooks) < 1 or not 1 <= int(locales) <= len(LOCALES):
            raise argparse.ArgumentTypeError(
                f"{part.strip()!r}: at least 1 playbook and 1 to {len(LOCALES)} locales"
            )
        sizes.append((int(playbooks), int(locales)))
    return sizes


def parse_build_sizes(text: str) -> list[tuple[int, int]]:
    """Like :func:`parse_sizes`; ``none`` builds no realistic corpus."""
    return [] if text.strip().lower() == "none" else parse_sizes(text)


def parse_kinds(text: str) -> list[str]:
    kinds = [kind.strip() for kind in text.split(",") if kind.strip()]
    unknown = [kind for kind in kinds if kind not in CORPUS_KINDS]
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(
            f"{text!r}: corpus kinds are {', '.join(CORPUS_KINDS)}")
    return kinds


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Time `playbook check` against a floor that only reads the pages and their "
        "front matter, and `mkdocs build` of the real site with the playbook plugin on and off. "
        "Prints Markdown tables and writes every timing as JSON.",
    )
    parser.add_argument("--sizes", type=parse_sizes, default=None, metavar="PxL,...",
                        help=f"corpora to check, playbooks x locales (default {DEFAULT_SIZES})")
    parser.add_argument("--repeat", type=positive_int, default=5, metavar="N",
                        help="timed runs of each measurement; the median is reported (default 5)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="PATH",
                        help="where to write the JSON results (default benchmarks/results/"
                        "latest.json)")
    parser.add_argument("--workdir", type=Path, default=None, metavar="DIR",
                        help="generate the corpora in a new folder under DIR and keep them "
                        "(default: a temporary folder, removed afterwards)")
    parser.add_argument("--corpus", type=parse_kinds, default=list(CORPUS_KINDS),
                        metavar="KIND,...", help="corpora to check: playbook (the playbook's "
                        "shape), realistic (shaped like a real docs set, with glossaries); "
                        "default both")
    parser.add_argument("--build-sizes", type=parse_build_sizes, default=None,
                        metavar="PxL,...", help="realistic corpora to build with the plugin "
                        f"off, parity-only and on (default {DEFAULT_BUILD_SIZES}; none: no "
                        "realistic build)")
    parser.add_argument("--compare-prune", action="store_true",
                        help="also build each realistic corpus without material's "
                        "navigation.prune")
    parser.add_argument("--no-serve", action="store_true",
                        help="skip the serve loop (rebuilds after an edit)")
    parser.add_argument("--warmup", type=int, default=1, choices=(0, 1), metavar="N",
                        help="warm-up rounds before the timed ones (default 1; 0 for builds so "
                        "large that one round is all there is time for)")
    parser.add_argument("--no-site", action="store_true",
                        help="skip the builds of this repository's site")
    parser.add_argument("--no-check", action="store_true",
                        help="skip the check against the floor (builds only)")
    parser.add_argument("--quick", action="store_true",
                        help=f"a smoke run: {QUICK_SIZES} (unless --sizes is given), one run of "
                        "each measurement, no warm-up")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.sizes = args.sizes or parse_sizes(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    if args.build_sizes is None:
        args.build_sizes = parse_sizes(QUICK_BUILD_SIZES if args.quick else DEFAULT_BUILD_SIZES)
    repeat, warmup = (1, 0) if args.quick else (args.repeat, args.warmup)
    load_before = _load_average()
    try:
        if args.workdir is None:
            with tempfile.TemporaryDirectory(prefix="playbook-bench-") as folder:
                report = measure_all(Path(folder), args, repeat, warmup)
        else:
            args.workdir.mkdir(parents=True, exist_ok=True)
            folder = tempfile.mkdtemp(prefix="playbook-bench-", dir=args.workdir)
            report = measure_all(Path(folder), args, repeat, warmup)
    except BenchmarkError as error:
        print(f"benchmarks: error: {error}", file=sys.stderr)
        return 1
    report["machine"] = {**machine(), "load_average": [load_before, _load_average()]}
    write_json(args.out, report)
    print(render_report(report))
    print(f"\nJSON: {args.out}")
    return 0


def measure_all(
    workdir: Path, args: argparse.Namespace, repeat: int, warmup: int
) -> dict[str, Any]:
    corpora = []
    for kind in [] if args.no_check else args.corpus:
        for pages, locales in args.sizes:
            name = f"{kind} {pages}x{locales}"
            _progress(f"generating {name}")
            corpus = CORPUS_KINDS[kind](workdir / kind / f"{pages}x{locales}", pages, locales)
            _progress(f"checking {name} ({repeat} runs)")
            corpora.append(measure_check(corpus, repeat, warmup))
    if not args.no_site:
        _progress(f"building the real site, plugin off, parity only and on ({repeat} runs)")
    report: dict[str, Any] = {
        "repeat": repeat,
        "warmup": warmup,
        "check_runner": CHECK_RUNNER,
        "floor_runner": FLOOR_RUNNER,
        "yaml_loaders": YAML_LOADERS,
        "real_shape_source": REAL_SHAPE_SOURCE,
        "corpora": corpora,
        "build": None if args.no_site else measure_build(PROJECT_ROOT / "mkdocs.yml",
                                                         workdir / "site", repeat, warmup),
        "realistic_builds": [],
        "serve": None,
        "targets": {"check_over_floor": CHECK_TARGET, "build_on_over_off": BUILD_TARGET,
                    "build_parity_over_off": PARITY_BUILD_TARGET,
                    "serve_on_over_off": SERVE_TARGET, "one_locale_over_all": ONE_LOCALE_TARGET},
    }
    for number, (pages, locales) in enumerate(args.build_sizes):
        name = f"realistic {pages}x{locales}"
        _progress(f"generating {name} with git history, building it ({repeat} runs)")
        corpus = realistic_build_corpus(workdir / "builds" / f"{pages}x{locales}", pages, locales)
        size = measure_variants(corpus.config_file, workdir / "site", corpus.page_locales,
                                repeat, warmup, compare_prune=args.compare_prune)
        report["realistic_builds"].append({"pages": pages, "locales": locales, **size})
        if number == 0 and not args.no_serve and locales > 1:
            _progress(f"serve loop on {name} ({repeat} runs)")
            report["serve"] = measure_serve(corpus, workdir / "site", repeat,
                                            edits=1 if args.quick else SERVE_EDITS)
    return report


def measure_check(corpus: Corpus, repeat: int, warmup: int) -> dict[str, Any]:
    outputs: list[str] = []
    timings = interleaved(
        {"floor": lambda: read_floor(corpus.root / "docs"),
         "check": lambda: outputs.append(run_check(corpus.config_file))},
        repeat=repeat, warmup=warmup,
    )
    wall, cpu = _medians(timings["wall"]), _medians(timings["cpu"])
    findings = Counter(item["rule"] for item in json.loads(outputs[-1])["findings"])
    expected = Counter({corpus.expected_rules[kind]: count
                        for kind, count in corpus.defects.items() if count})
    return {
        "kind": corpus.kind,
        "playbooks": corpus.playbooks,
        "locales": len(corpus.locales),
        "page_locales": corpus.page_locales,
        "floor_s": wall["floor"],
        "check_s": wall["check"],
        "check_over_floor": wall["check"] / wall["floor"],
        "check_over_floor_cpu": cpu["check"] / cpu["floor"],
        "floor_us_per_page_locale": wall["floor"] / corpus.page_locales * 1e6,
        "check_us_per_page_locale": wall["check"] / corpus.page_locales * 1e6,
        "injected_defects": corpus.injected,
        "findings": sum(findings.values()),
        "findings_by_rule": dict(sorted(findings.items())),
        "expected_by_rule": dict(sorted(expected.items())),
        "all_defects_found": findings == expected,
        "runs": timings,
    }


def measure_build(config_file: Path, site_dir: Path, repeat: int, warmup: int) -> dict[str, Any]:
    """This repository's site: off, parity only, on, and on after emptying the caches."""
    measured: dict[str, list[dict[str, Any]]] = {}

    def build(name: str, variant: str, *, empty_caches: bool = False) -> None:
        measured.setdefault(name, []).append(build_in_new_process(
            config_file, site_dir, variant=variant, empty_caches=empty_caches))

    timings = interleaved(
        {"disabled": lambda: build("disabled", "off"),
         "parity": lambda: build("parity", "parity"),
         "enabled": lambda: build("enabled", "on"),
         "enabled_first": lambda: build("enabled_first", "on", empty_caches=True),
         "check_alone": lambda: check_alone(config_file)},
        repeat=repeat, warmup=warmup,
    )
    wall = _medians(timings["wall"])
    cpu = {name: statistics.median(run["cpu_s"] for run in runs[warmup:])
           for name, runs in measured.items()}
    return {
        "config": str(config_file),
        "disabled_s": wall["disabled"],
        "parity_s": wall["parity"],
        "enabled_s": wall["enabled"],
        "enabled_over_disabled": wall["enabled"] / wall["disabled"],
        "parity_over_disabled": wall["parity"] / wall["disabled"],
        "cpu_s": cpu,
        "enabled_over_disabled_cpu": cpu["enabled"] / cpu["disabled"],
        "parity_over_disabled_cpu": cpu["parity"] / cpu["disabled"],
        "enabled_first_s": wall["enabled_first"],
        "enabled_first_over_disabled": wall["enabled_first"] / wall["disabled"],
        "check_alone_s": wall["check_alone"],
        "check_share_of_enabled": wall["check_alone"] / wall["enabled"],
        "plugin_events_profiled_s": plugin_event_seconds(config_file, site_dir),
        "runs": timings,
    }


def _medians(runs: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(values) for name, values in runs.items()}


def render_report(report: dict[str, Any]) -> str:
    machine_info = report["machine"]
    loads = " → ".join(f"{load:.1f}" for load in machine_info["load_average"] if load is not None)
    lines = [
        f"Machine: {machine_info['cpus']} CPUs, {machine_info['cpu']}, Python "
        f"{machine_info['python']} ({machine_info['system']}); "
        f"1-minute load average {loads or '?'}.",
        f"Median of {report['repeat']} interleaved runs after {report['warmup']} warm-up. "
        f"YAML: floor {report['yaml_loaders']['floor']}; check: its own reader for flat "
        f"`key: string` front matter, {report['yaml_loaders']['check']} for anything else.",
        f"check: {report['check_runner']}",
        f"floor: {report['floor_runner']}",
        f"realistic corpus: shaped like {report['real_shape_source']}, glossaries on",
        "",
        "| corpus (pages × locales) | page-locales | floor (s) | check (s) | check / floor "
        "| same, CPU time | floor µs per page-locale | check µs per page-locale "
        "| findings / injected defects |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for size in report["corpora"]:
        verdict = "all found" if size["all_defects_found"] else "MISMATCH"
        lines.append(
            f"| {size['kind']} {size['playbooks']:,} × {size['locales']} "
            f"| {size['page_locales']:,} "
            f"| {size['floor_s']:.3f} | {size['check_s']:.3f} | {size['check_over_floor']:.2f}× "
            f"| {size['check_over_floor_cpu']:.2f}× | {size['floor_us_per_page_locale']:.0f} "
            f"| {size['check_us_per_page_locale']:.0f} "
            f"| {size['findings']} / {size['injected_defects']} ({verdict}) |"
        )
    for kind in dict.fromkeys(size["kind"] for size in report["corpora"]):
        largest = max((size for size in report["corpora"] if size["kind"] == kind),
                      key=lambda size: size["page_locales"])
        lines += ["", f"Target check / floor ≤ {CHECK_TARGET}× at the largest {kind} corpus: "
                  f"{largest['check_over_floor']:.2f}× "
                  f"({_verdict(largest['check_over_floor'], CHECK_TARGET)})."]
    if report["build"] is not None:
        lines += _render_site_build(report["build"])
    if report["realistic_builds"] or report["serve"]:
        lines += render_builds(report["realistic_builds"], report["serve"])
    return "\n".join(lines)


def _render_site_build(build: dict[str, Any]) -> list[str]:
    cpu = build["cpu_s"]
    lines = [
        "",
        "| `mkdocs build` of the real site, each in a new process | median (s) | CPU (s) |",
        "| --- | ---: | ---: |",
        f"| playbook plugin disabled (`enabled: false`) | {build['disabled_s']:.3f} "
        f"| {cpu['disabled']:.3f} |",
        f"| parity check only (every reader feature off) | {build['parity_s']:.3f} "
        f"| {cpu['parity']:.3f} |",
        f"| every reader feature on | {build['enabled_s']:.3f} | {cpu['enabled']:.3f} |",
        f"| parity only / disabled | {build['parity_over_disabled']:.3f}× "
        f"| {build['parity_over_disabled_cpu']:.3f}× |",
        f"| every feature on / disabled | {build['enabled_over_disabled']:.3f}× "
        f"| {build['enabled_over_disabled_cpu']:.3f}× |",
        f"| every feature on, its caches emptied first (as in a fresh clone) "
        f"| {build['enabled_first_s']:.3f} ({build['enabled_first_over_disabled']:.3f}×) "
        f"| {cpu['enabled_first']:.3f} |",
        f"| parity check alone (`check_project`) | {build['check_alone_s']:.3f} "
        f"({build['check_share_of_enabled']:.1%} of the enabled build) | |",
        "",
        f"Targets (CPU): on / off ≤ {BUILD_TARGET}×: {build['enabled_over_disabled_cpu']:.3f}× "
        f"({_verdict(build['enabled_over_disabled_cpu'], BUILD_TARGET)}); parity only / off "
        f"≤ {PARITY_BUILD_TARGET}×: {build['parity_over_disabled_cpu']:.3f}× "
        f"({_verdict(build['parity_over_disabled_cpu'], PARITY_BUILD_TARGET)}).",
        "",
        "Where the plugin's time goes (one enabled build under cProfile, all language passes):",
        "",
        "| plugin event handler | seconds | share of the build |",
        "| --- | ---: | ---: |",
    ]
    events = dict(build["plugin_events_profiled_s"])
    total = events.pop("build")
    lines += [f"| `{name}` | {seconds:.3f} | {seconds / total:.1%} |"
              for name, seconds in events.items()]
    lines.append(f"| whole build (profiled) | {total:.3f} | 100% |")
    return lines


def _verdict(value: float, target: float) -> str:
    return "met" if value <= target else "not met"


def machine() -> dict[str, Any]:
    return {
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _load_average() -> float | None:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def write_json(path: Path, report: dict[str, Any]) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(report, stream, indent=2)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _progress(message: str) -> None:
    print(f"benchmarks: {message} …", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
