"""The ``playbook`` command: check parity, report translation status, scaffold a new locale.

Only argument parsing, output and exit codes live here; the work is done by the same core the
MkDocs plugin uses. Exit codes: 0 clean, 1 findings at or above the failing severity,
2 usage or configuration error (the message goes to stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TextIO

from mkdocs_playbooks.cli.exchange_commands import add_exchange_commands
from mkdocs_playbooks.core.diagnostics import Diagnostic, Severity
from mkdocs_playbooks.core.gc_pause import cyclic_gc_paused
from mkdocs_playbooks.core.render import render_github, render_json, render_junit, render_text
from mkdocs_playbooks.core.sarif import render_sarif
from mkdocs_playbooks.core.schema import HT_DEGREE, WORKFLOW_TYPE
from mkdocs_playbooks.core.settings import (
    ProjectSettings,
    SettingsError,
    load_project_tree,
    load_settings,
)
from mkdocs_playbooks.core.text import one_line, without_workflow_commands
from mkdocs_playbooks.exchange.freshness import (
    SourceChanges,
    describe_changes,
    outdated_segments,
)
from mkdocs_playbooks.project.check import check_project
from mkdocs_playbooks.project.scaffold import (
    UNTRANSLATED_MARKER,
    LocalePlan,
    ScaffoldError,
    plan_locale,
    write_plan,
)
from mkdocs_playbooks.status.git_history import open_repository
from mkdocs_playbooks.status.render import render_status_text, status_document
from mkdocs_playbooks.status.report import StatusReport, compute_status, source_diff

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a program ended by SIGPIPE
FORMATS = ("text", "json", "github", "junit", "sarif")
FAIL_LEVELS = ("error", "warning", "info")

Command = Callable[[argparse.Namespace, ProjectSettings], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error argparse has already printed
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    try:
        settings = load_settings(Path(args.config))
        command: Command = args.run
        with cyclic_gc_paused():  # until the command's docs tree is gone (see gc_pause)
            return command(args, settings)
    except (SettingsError, ScaffoldError) as error:
        _say(f"playbook: error: {error}", stream=sys.stderr)
    except BrokenPipeError:  # the reader went away (`playbook check | head -1`): end quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return EXIT_BROKEN_PIPE
    except OSError as error:
        _say(f"playbook: error: {error.filename or ''}: {error.strerror}", stream=sys.stderr)
    return EXIT_USAGE


def package_version() -> str:
    """The installed distribution's version (pyproject.toml's), as ``pip`` recorded it."""
    try:
        return version("mkdocs-playbooks")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _say(text: str, *, stream: TextIO | None = None, defuse: bool = True) -> None:
    """Print `text`, with no line that GitHub Actions would run as a workflow command."""
    print(without_workflow_commands(text) if defuse else text, file=stream or sys.stdout)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", default="mkdocs.yml", metavar="PATH",
        help="the site's mkdocs.yml, which lists the locales and the parity settings "
        "(default: ./mkdocs.yml)",
    )
    parser = argparse.ArgumentParser(
        prog="playbook", description="Keep localized playbooks in step with their source.",
        epilog="Exit codes: 0 clean, 1 findings that fail, 2 usage or configuration error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", parents=[common], help="run every parity rule over the docs (no site build)",
        description="Run every parity rule over the docs tree without building the site.",
    )
    check.add_argument("--format", choices=FORMATS, default="text",
                       help="text for people (default), json for tools, github for workflow "
                       "annotations, junit for a CI server's test view, sarif for code scanning")
    check.add_argument("--fail-on", choices=FAIL_LEVELS, default="error",
                       help="the lowest severity that fails the check (default: error)")
    check.add_argument("--strict", action="store_true",
                       help="warnings fail too, as with `mkdocs build --strict`")
    check.set_defaults(run=run_check)

    status = commands.add_parser(
        "status", parents=[common], help="which translations are outdated, missing or untranslated",
        description="Show, per locale and page, whether the translation is up to date, outdated, "
        "missing or untranslated, and whether it is an unreviewed machine translation.",
    )
    status.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default), json for tools")
    status.add_argument("--diff", action="store_true",
                        help="show what changed in the source since each outdated translation")
    status.add_argument("--segments", action="store_true",
                        help="for each outdated translation, which segments (headings, "
                        "capabilities, paragraphs, ...) changed in the source since")
    status.add_argument("--locale", action="append", metavar="LOCALE",
                        help="only this locale (repeat for several)")
    status.set_defaults(run=run_status)

    new_locale = commands.add_parser(
        "new-locale", parents=[common], help="scaffold a new locale from the source pages",
        description="Create docs/LOCALE/ from the source pages, with every text marked "
        f"`{UNTRANSLATED_MARKER.strip()}`, and add the language to mkdocs.yml. "
        "Never overwrites a file.",
    )
    new_locale.add_argument("locale", metavar="LOCALE", help="e.g. fr, pt-BR, zh-Hant")
    new_locale.add_argument("--name", help="the language's name in itself, e.g. Français "
                            "(needed when the language is not in mkdocs.yml yet)")
    new_locale.add_argument("--missing-only", action="store_true",
                            help="the locale exists: add only the pages it lacks")
    new_locale.add_argument("--dry-run", action="store_true",
                            help="show what would be written, write nothing")
    new_locale.set_defaults(run=run_new_locale)
    add_exchange_commands(commands, common)
    return parser


def failing_severity(args: argparse.Namespace) -> Severity:
    level = Severity.parse(args.fail_on)
    return min(level, Severity.WARNING) if args.strict else level


def run_check(args: argparse.Namespace, settings: ProjectSettings) -> int:
    _, found = check_project(settings)
    failing = failing_severity(args)
    output = render_check(found, args.format, failing)
    if output:
        # GitHub's format is workflow commands by design, its page text escaped in them.
        _say(output, defuse=args.format != "github")
    return EXIT_FINDINGS if any(item.severity >= failing for item in found) else EXIT_OK


def render_check(found: list[Diagnostic], output_format: str, failing: Severity) -> str:
    if output_format == "json":
        return render_json(found)
    if output_format == "github":
        return render_github(found)
    if output_format == "junit":
        return render_junit(found, failing)
    if output_format == "sarif":
        return render_sarif(found, package_version())
    return render_text(found)


def run_status(args: argparse.Namespace, settings: ProjectSettings) -> int:
    translated = [code for code in settings.locale_codes if code != settings.source_locale]
    unknown = sorted(set(args.locale or []) - set(translated))
    if unknown:
        _say(f"playbook: error: unknown locale {', '.join(unknown)}; the translated locales "
             f"in mkdocs.yml are {', '.join(translated) or 'none'}", stream=sys.stderr)
        return EXIT_USAGE
    tree, _ = load_project_tree(settings)
    if not tree.source.pages:
        _say(f"playbook: error: {tree.source.folder} has no pages (is docs_dir right in "
             f"{settings.config_file or 'mkdocs.yml'}?)", stream=sys.stderr)
        return EXIT_USAGE
    repo = open_repository(settings.root)
    report = compute_status(tree, settings.locales, repo, settings.scope.schema)
    if args.locale:
        report = _only_locales(report, args.locale)
    diffs = {
        (page.locale, page.rel_path): source_diff(page, tree, repo)
        for status in report.locales for page in status.pages
    } if args.diff else None
    segments = outdated_segments(tree, report, repo) if args.segments else None
    if args.format == "json":
        document = status_document(report, diffs)
        if segments is not None:
            for status in document["locales"]:
                for page in status["pages"]:
                    page["segments"] = _segments_document(
                        segments.get((status["locale"], page["page"])))
        _say(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        _say(render_status_text(report, _joined(segments, diffs)))
    for warning in report.warnings:
        _say(f"playbook: warning: {one_line(warning)}", stream=sys.stderr)
    return EXIT_OK


def _segments_document(found: SourceChanges | None) -> dict | None:
    if found is None:
        return None
    return {"since": found.commit, "known": found.known,
            "changes": [change._asdict() for change in found.changes]}


def _joined(segments: Mapping[tuple[str, str], SourceChanges] | None,
            diffs: Mapping[tuple[str, str], str | None] | None
            ) -> Mapping[tuple[str, str], str | None] | None:
    """The text shown under each outdated page: the changed segments, then the diff."""
    if segments is None:
        return diffs
    return {key: "\n\n".join(text for text in (describe_changes(found),
                                              (diffs or {}).get(key)) if text)
            for key, found in segments.items()}


def _only_locales(report: StatusReport, wanted: list[str]) -> StatusReport:
    kept = tuple(status for status in report.locales if status.locale in wanted)
    return dataclasses.replace(report, locales=kept)


def run_new_locale(args: argparse.Namespace, settings: ProjectSettings) -> int:
    plan = plan_locale(settings, args.locale, args.name, missing_only=args.missing_only)
    if not args.dry_run:
        write_plan(plan)
    _say(describe_plan(plan, settings, dry_run=args.dry_run))
    for note in plan.notes:
        _say(f"playbook: note: {one_line(note)}", stream=sys.stderr)
    return EXIT_OK


def describe_plan(plan: LocalePlan, settings: ProjectSettings, *, dry_run: bool) -> str:
    config = os.path.relpath(plan.config_file, settings.root)
    lines = [f"{'would create' if dry_run else 'created'} {f.display}" for f in plan.files]
    lines += [f"kept {display} (it exists)" for display in plan.kept]
    if plan.config_text is not None:
        lines.append(f"{'would add' if dry_run else 'added'} `{plan.locale}` to the i18n "
                     f"languages in {config}")
        if dry_run:
            before = plan.config_file.read_text(encoding="utf-8").splitlines(keepends=True)
            after = plan.config_text.splitlines(keepends=True)
            lines.append("".join(difflib.unified_diff(before, after, config, config)).rstrip())
    if not plan.files and plan.config_text is None:
        lines.append(f"nothing to do: locale `{plan.locale}` has every source page")
    elif not dry_run:
        key = settings.scope.schema.key
        lines.append(f"next: translate the text marked `{UNTRANSLATED_MARKER.strip()}`, then "
                     f"set {key(WORKFLOW_TYPE)} and {key(HT_DEGREE)}; `playbook check` must "
                     "stay clean")
    return "\n".join(lines)
