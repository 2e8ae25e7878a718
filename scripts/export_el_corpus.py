"""Export Experience League documentation repositories into a scratch playbook project.

Adobe publishes each locale of a documentation set from its own repository
(``AdobeDocs/<product>.en``, ``.sv-SE``, ``.de-DE``, …). This script takes one repository per
locale, source first, and writes a subtree of each (``help`` by default) to
``<out>/docs/<locale>/``, with a ``mkdocs.yml`` that builds and checks them as this project's
site does. It is how the checker and the dialect are tried on real localized pages:

    python scripts/export_el_corpus.py --out /tmp/el-corpus \\
        en=/path/to/commerce-business-intelligence.en \\
        sv=/path/to/commerce-business-intelligence.sv-SE \\
        de=/path/to/commerce-business-intelligence.de-DE
    cd /tmp/el-corpus && playbook check; mkdocs build

A repository may be a clone or a bare git directory: the files are read with git itself.
Their content is Adobe's, not ours: the script refuses to write inside this repository, and
into a folder that is not empty.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from mkdocs_playbooks.core.diagnostics import Severity
from mkdocs_playbooks.core.rules import RULES

REPOSITORY = Path(__file__).resolve().parents[1]

CONFIG = """\
site_name: Experience League corpus
docs_dir: docs
theme:
  name: material
markdown_extensions:
  - mkdocs_playbooks.markdown.experience_league
  - pymdownx.superfences
  - tables
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
{languages}
  - playbook:
      source_locale: {source}
      preset: experience-league  # exl-id, their localization keys
      playbooks: ["*"]  # every page's sections are compared as stages
      link_roots: {{"/{subtree}/": ""}}  # their site-absolute links: /help/<page>
      # Every finding as a warning, so that the non-strict build of the whole corpus runs
      # through; `playbook check --fail-on warning` still fails on them.
      severity: {{{severities}}}
"""


def export(repository: Path, subtree: str, destination: Path) -> tuple[int, int]:
    """Write the files under `subtree` of `repository`'s HEAD into `destination`. Returns how
    many Markdown pages were written, and how many files the snapshot lacks (a mirror may leave
    out its largest files, mostly images)."""
    listing = _git(repository, "ls-tree", "-r", "-z", "HEAD", "--", subtree)
    entries = []  # (object id, path below the subtree)
    prefix = subtree.rstrip("/") + "/"
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        _, kind, object_id = meta.split()
        relative = Path(name.decode("utf-8")[len(prefix):])
        # _includes/ holds snippets other pages include, not pages of their own.
        if kind == b"blob" and ".." not in relative.parts and "_includes" not in relative.parts:
            entries.append((object_id, relative))
    batch = subprocess.run(
        ["git", "-C", str(repository), "cat-file", "--batch"],
        input=b"".join(object_id + b"\n" for object_id, _ in entries),
        capture_output=True, check=False,
    ).stdout
    pages = absent = 0
    at = 0
    for _, relative in entries:
        end = batch.index(b"\n", at)
        header = batch[at:end].split()
        at = end + 1
        if header[-1] == b"missing":
            absent += 1
            continue
        size = int(header[2])
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(batch[at:at + size])
        at += size + 1
        pages += relative.suffix == ".md"
    return pages, absent


def _git(repository: Path, *args: str) -> bytes:
    done = subprocess.run(["git", "-C", str(repository), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{repository}: git {args[0]} failed: {done.stderr.decode().strip()}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the scratch project folder")
    parser.add_argument("--subtree", default="help", help="the folder of each repository")
    parser.add_argument("locales", nargs="+", metavar="LOCALE=REPOSITORY",
                        help="one per locale, the source first")
    options = parser.parse_args(argv)
    out = options.out.resolve()
    if out == REPOSITORY or REPOSITORY in out.parents:
        parser.error(f"{out} is inside this repository; their pages must never be committed")
    if out.exists() and any(out.iterdir()):
        parser.error(f"{out} is not empty; choose a new folder")
    pairs = []
    for item in options.locales:
        locale, _, path = item.partition("=")
        if not locale or not path:
            parser.error(f"{item!r}: expected LOCALE=REPOSITORY")
        pairs.append((locale, Path(path)))
    for locale, repository in pairs:
        pages, absent = export(repository, options.subtree, out / "docs" / locale)
        print(f"{locale}: {pages} pages from {repository}"
              + (f" ({absent} files absent from the snapshot)" if absent else ""))
    languages = "\n".join(
        f"        - {{locale: {locale}, name: {locale}{', default: true' if index == 0 else ''}}}"
        for index, (locale, _) in enumerate(pairs)
    )
    (out / "mkdocs.yml").write_text(
        CONFIG.format(
            languages=languages, source=pairs[0][0], subtree=options.subtree.strip("/"),
            severities=", ".join(
                f"{rule.id}: warning" for rule in RULES if rule.severity is Severity.ERROR
            ),
        ), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
