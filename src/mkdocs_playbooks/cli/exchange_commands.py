"""``playbook export`` and ``playbook import``: pages to CAT-tool files (XLIFF 1.2, PO) and back.

Exit codes: 0 done, 1 a file was refused (nothing written; the message names the file and
line), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import sys
from pathlib import Path

from mkdocs_playbooks.core.atomic_write import write_file_atomically
from mkdocs_playbooks.core.settings import ProjectSettings, load_project_tree
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.exchange.export import export_page
from mkdocs_playbooks.exchange.formats import (
    FORMATS,
    SUFFIXES,
    ExchangeError,
    describe_states,
    write_exchange,
)
from mkdocs_playbooks.exchange.importer import ImportOptions, plan_import, write_pages
from mkdocs_playbooks.status.git_history import open_repository
from mkdocs_playbooks.terminology.glossary import load_glossaries

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
DEFAULT_OUTPUT = "translations"
_BROKEN_SOURCE = ("PB103", "PB104", "PB201")  # a page without front matter is fine


def add_exchange_commands(commands: argparse._SubParsersAction,
                          common: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export", parents=[common], help="write each source page's segments for a CAT tool",
        description="Write one XLIFF 1.2 or PO file per source page with its segments, the "
        "locale's current translation as targets (translated, needs review or new), context "
        "and glossary notes.",
    )
    export.add_argument("--locale", required=True, help="the translated locale, e.g. sv")
    export.add_argument("--format", choices=FORMATS, default="xliff",
                        help="xliff (XLIFF 1.2, default) or po")
    export.add_argument("--output", metavar="DIR", default=DEFAULT_OUTPUT,
                        help=f"folder for the files (default: ./{DEFAULT_OUTPUT}); each goes to "
                        "DIR/LOCALE/<page>.xlf or .po")
    export.add_argument("--copy-source", action="store_true",
                        help="XLIFF: give each new segment its source as the target, state "
                        "new, for tools that translate the target in place (OmegaT)")
    export.add_argument("pages", nargs="*", metavar="PAGE",
                        help="source pages to export, as docs/en/x.md or x.md (default: all)")
    export.set_defaults(run=run_export)

    import_ = commands.add_parser(
        "import", parents=[common], help="write a locale's pages from translated CAT-tool files",
        description="Write the locale's pages from exported files a CAT tool translated. "
        "Every file is checked first; nothing is written unless all of them are sound.",
    )
    import_.add_argument("files", nargs="+", metavar="FILE", help="exported .xlf or .po files")
    import_.add_argument("--force", action="store_true",
                         help="import although a page changed since the export, or has text "
                         "no source segment pairs with (the page is rebuilt on the source's "
                         "structure)")
    import_.add_argument("--workflow-type", metavar="TYPE",
                         help="the workflow-type to record (ht, mt, tm+mt); default: the "
                         "page's own, or for a page that was untranslated ht when a person "
                         "signed off every segment, else tm+mt")
    import_.add_argument("--reviewed", action="store_true",
                         help="a person reviewed every translated segment (counts towards "
                         "ht-degree; PO files cannot say so per segment)")
    import_.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    import_.set_defaults(run=run_import)


def _tree(settings: ProjectSettings) -> DocsTree:
    tree, _ = load_project_tree(settings)
    return tree


def run_export(args: argparse.Namespace, settings: ProjectSettings) -> int:
    translated = [code for code in settings.locale_codes if code != settings.source_locale]
    if args.locale not in translated:
        return _usage(f"`{args.locale}` is not a translated locale of mkdocs.yml "
                      f"({', '.join(translated) or 'none'})")
    if args.copy_source and args.format != "xliff":
        return _usage("--copy-source is for XLIFF: a PO entry's empty msgstr is what tools expect")
    tree = _tree(settings)
    wanted = [_rel_path(tree, page) for page in args.pages] or sorted(tree.source.pages)
    unknown = [page for page, rel in zip(args.pages, wanted, strict=False)
               if rel not in tree.source.pages]
    if unknown:
        return _usage(f"not a page of {tree.source.folder}: {', '.join(unknown)}")
    broken = [(tree.source.pages[rel], problem) for rel in wanted
              for problem in tree.source.pages[rel].problems if problem.rule in _BROKEN_SOURCE]
    if broken:
        page, problem = broken[0]
        return _usage(f"{page.path}:{problem.line}: {problem.message}; fix the source first")
    repo = open_repository(settings.root)
    glossaries, _ = load_glossaries(settings.glossary_dir, [args.locale], tree.display)
    output = Path(args.output) / args.locale
    for rel_path in wanted:
        exported = export_page(tree, args.locale, rel_path, repo, glossaries.get(args.locale),
                               settings.scope.schema, copy_source=args.copy_source)
        target = output / (posixpath.splitext(rel_path)[0] + SUFFIXES[args.format])
        write_file_atomically(target, write_exchange(exported.document, args.format),
                              replace=True)
        print(f"wrote {os.path.relpath(target)} ({describe_states(exported.document.units)})")
        for note in exported.notes:
            print(f"playbook: note: {note}", file=sys.stderr)
    return EXIT_OK


def _rel_path(tree: DocsTree, page: str) -> str:
    """``docs/en/x.md`` or ``x.md`` -> ``x.md``."""
    return page.replace(os.sep, "/").removeprefix(tree.source.folder + "/")


def run_import(args: argparse.Namespace, settings: ProjectSettings) -> int:
    files = []
    for name in args.files:
        try:
            files.append((name, Path(name).read_bytes()))
        except OSError as error:
            return _usage(f"{name}: {error.strerror}")
    tree = _tree(settings)
    options = ImportOptions(schema=settings.scope.schema, force=args.force,
                            workflow_type=args.workflow_type, reviewed=args.reviewed)
    try:
        planned = plan_import(tree, open_repository(settings.root), files, options)
    except ExchangeError as error:
        print(f"playbook: error: {error}", file=sys.stderr)
        print("playbook: nothing was written", file=sys.stderr)
        return EXIT_REFUSED
    if not args.dry_run:
        write_pages(planned)
    for page in planned:
        verb = "would be " if args.dry_run and page.changed else ""
        print(f"{page.display}: {verb}{page.summary}")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"playbook: error: {message}", file=sys.stderr)
    return EXIT_USAGE
