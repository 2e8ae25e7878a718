"""Shared fixtures: a throwaway copy of the real project, and a real in-process build of it."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from translate.storage import xliff

from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.diagnostics import Diagnostic
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.core.tree import load_tree
from mkdocs_playbooks.project.check import check_project

PROJECT_ROOT = Path(__file__).resolve().parents[1]
USER_SEEDS = Path(os.environ.get("PLAYBOOK_USER_SEEDS") or PROJECT_ROOT.parent / "shared" / "seeds")
"""The user's own Swedish and German documents, as handed over, where the workspace lays them
beside the checkout (or where PLAYBOOK_USER_SEEDS says); tests that read them skip when they are
absent. Never copied in here."""
PROJECT_PARTS = ("mkdocs.yml", "docs", "assets", "glossary")
SCRIPTS_FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "scripts"
"""A small site of our own in seven scripts (ja, zh-Hans, ko, ar, he, el, ru; English source)."""
SCRIPT_LOCALES = ("ja", "zh-Hans", "ko", "ar", "he", "el", "ru")
TWO_LOCALE_CONFIG = """\
site_name: Two locales
plugins:
  - playbook:
      playbooks: ["*"]  # every page is checked as a playbook
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, name: English, default: true}
        - {locale: sv, name: Svenska}
"""
"""A minimal mkdocs.yml for checks on hand-made pages: English source, Swedish translation."""


def run_playbook(project: Path, *argv: str) -> tuple[int, str, str]:
    """Run the `playbook` command in this process on `project`'s mkdocs.yml: exit code, stdout,
    stderr; never a traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, "--config", str(project / "mkdocs.yml")])
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def copy_project(destination: Path) -> Path:
    """Copy what a site build reads (config, pages, assets, glossaries) into `destination`."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        elif source.is_file():
            shutil.copy2(source, destination / part)
    return destination


def build_site(project: Path, *, strict: bool = True) -> Path:
    """Run a real `mkdocs build` of `project` in this process; return the site folder."""
    site = project / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
    build(config)
    return site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the real project in a temp folder, safe to mutate."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session from an untouched copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    return build_site(project)


@pytest.fixture(scope="session")
def scripts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seven-script sample site, built strict once per test session from a copy."""
    project = tmp_path_factory.mktemp("scripts") / "project"
    shutil.copytree(SCRIPTS_FIXTURE, project)
    return build_site(project)


@pytest.fixture(scope="session")
def built_docs(built_site: Path) -> dict[str, dict[str, ParsedPage]]:
    """The parsed pages `built_site` was built from: by locale (source first), then by path."""
    settings = load_settings(built_site.parent / "mkdocs.yml")
    tree, _ = load_tree(
        settings.root, settings.docs_dir, settings.source_locale, settings.locale_codes
    )
    return {locale: dict(pages.pages) for locale, pages in tree.locales.items()}


def allow_missing_pages(project: Path) -> None:
    """A missing page fails the parity check by default; a site may publish without it."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - playbook:\n" in text
    config.write_text(text.replace("  - playbook:\n", "  - playbook:\n      severity:\n"
                                   "        page-missing: info\n", 1), encoding="utf-8")


@pytest.fixture
def make_site() -> Callable[..., Path]:
    return build_site


PLAYBOOK = "playbooks/commerce-strategy.md"
"""The real playbook's path inside each locale folder."""
SOURCE_PAGES = tuple(sorted(
    path.relative_to(PROJECT_ROOT / "docs" / "en").as_posix()
    for path in (PROJECT_ROOT / "docs" / "en").rglob("*.md")
))
"""Every page of the real project's source locale (index.md first); each locale has them all."""
TRANSLATIONS = ("sv", "de")


def git(project: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", *args],
        cwd=project, capture_output=True, text=True, check=True,
    )
    return done.stdout.strip()


def commit_all(project: Path, message: str) -> str:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)
    return git(project, "rev-parse", "HEAD")


def set_front_matter(project: Path, locale: str, rel_path: str, key: str, value: str) -> None:
    """Replace (or add) one front matter key of a page, leaving the rest of the file alone."""
    path = project / "docs" / locale / rel_path
    text = path.read_text(encoding="utf-8")
    line = f"{key}: {value}"
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _: line, text, count=1)
    else:
        text = text.replace("---\n", f"---\n{line}\n", 1)
    path.write_text(text, encoding="utf-8")


def record_source_commit(project: Path, commit: str) -> None:
    for locale in TRANSLATIONS:
        for rel_path in SOURCE_PAGES:
            set_front_matter(project, locale, rel_path, "source-git-commit", commit)


@pytest.fixture
def repo(project: Path) -> Path:
    """The project copy as a repository whose translations name its own source commit."""
    git(project, "init", "-q")
    source_commit = commit_all(project, "English source and translations")
    record_source_commit(project, source_commit)
    commit_all(project, "Record the source commit in the translations")
    return project


LINKED_SENTENCES = {
    "en": "Start with [the commerce strategy](playbooks/commerce-strategy.md) first.",
    "sv": "Börja med [handelsstrategin](playbooks/commerce-strategy.md).",
    "de": "Beginnen Sie mit [der Handelsstrategie](playbooks/commerce-strategy.md).",
}
"""A sentence with a link, per locale: the real home page has none."""


def add_linked_sentence(project: Path) -> None:
    """End every locale's home page with its LINKED_SENTENCES paragraph, and commit it."""
    for locale, sentence in LINKED_SENTENCES.items():
        home = project / "docs" / locale / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\n" + sentence + "\n",
                        encoding="utf-8")
    commit_all(project, "a sentence with a link on the home page")


def findings(project: Path) -> list[Diagnostic]:
    return check_project(load_settings(project / "mkdocs.yml"))[1]


def parity_records(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage().split("\n")[0].removeprefix("playbook: ")
        for record in caplog.records
        if record.name.startswith("mkdocs.plugins.playbook") and " PB" in record.getMessage()
    ]


EXAMPLE_SITE = PROJECT_ROOT / "examples" / "third-party-site"
"""A third-party site with the plugin on: English and French, folder layout, no overrides."""


def copy_example(destination: Path) -> Path:
    """The example site, copied to `destination` as it is kept (folder layout)."""
    shutil.copytree(EXAMPLE_SITE, destination, ignore=shutil.ignore_patterns("site"))
    return destination


def copy_example_in_suffix_layout(destination: Path) -> Path:
    """The example site in mkdocs-static-i18n's other layout: ``docs/guide.md`` for English,
    ``docs/guide.fr.md`` for French; image paths lose the locale folder's ``../``."""
    destination.mkdir(parents=True)
    config = (EXAMPLE_SITE / "mkdocs.yml").read_text(encoding="utf-8")
    assert "docs_structure: folder" in config
    (destination / "mkdocs.yml").write_text(
        config.replace("docs_structure: folder", "docs_structure: suffix"), encoding="utf-8")
    docs = EXAMPLE_SITE / "docs"
    for locale in ("en", "fr"):
        for page in sorted((docs / locale).rglob("*.md")):
            rel = page.relative_to(docs / locale)
            name = rel.name if locale == "en" else f"{rel.stem}.{locale}{rel.suffix}"
            target = destination / "docs" / rel.parent / name
            target.parent.mkdir(parents=True, exist_ok=True)
            text = page.read_text(encoding="utf-8").replace("](../../assets/", "](../assets/")
            target.write_text(text, encoding="utf-8")
    return destination


def drop_line(page: Path, line_text: str) -> int:
    """Remove the line `line_text` from `page` (a dropped capability, say); return its 1-based
    line number, where the line after it now stands."""
    lines = page.read_text(encoding="utf-8").split("\n")
    index = lines.index(line_text)
    page.write_text("\n".join(lines[:index] + lines[index + 1:]), encoding="utf-8")
    return index + 1


def drop_first_capability(page: Path) -> None:
    """Remove the first item of the first stage's list."""
    lines = page.read_text(encoding="utf-8").split("\n")
    stage = next(index for index, line in enumerate(lines) if line.startswith("## "))
    del lines[next(index for index in range(stage, len(lines)) if lines[index].startswith("- "))]
    page.write_text("\n".join(lines), encoding="utf-8")


def docs_bytes(project: Path) -> dict[str, bytes]:
    """Every file under the project's docs/, by its path there: to tell that nothing changed."""
    docs = project / "docs"
    return {path.relative_to(docs).as_posix(): path.read_bytes()
            for path in sorted(docs.rglob("*")) if path.is_file()}


def export_locale(project: Path, locale: str, file_format: str = "xliff",
                  *extra: str) -> list[Path]:
    """Run `playbook export` for every page of `locale`; return the files it wrote."""
    output = project.parent / "exchange"
    assert main(["export", "--config", str(project / "mkdocs.yml"), "--locale", locale,
                 "--format", file_format, "--output", str(output), *extra]) == 0
    suffix = ".xlf" if file_format == "xliff" else ".po"
    return sorted((output / locale).rglob(f"*{suffix}"))


def edit_xliff(path: Path, segment_id: str, change: Callable[[xliff.xliffunit], None]) -> None:
    """Change one unit of an XLIFF file through translate-toolkit, as a CAT tool would."""
    store = xliff.xlifffile.parsefile(str(path))
    change(next(u for u in store.units if u.getid().split("\x04")[-1] == segment_id))
    store.savefile(str(path))


def check_is_clean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`playbook check --strict` passes on `project` (its output shown when it does not)."""
    capsys.readouterr()
    code = main(["check", "--strict", "--config", str(project / "mkdocs.yml")])
    assert code == 0, capsys.readouterr().out
