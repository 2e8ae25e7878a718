"""Class 4 of the hardening: configuration errors are configuration errors.

For each broken mkdocs.yml, every ``playbook`` command says ``mkdocs.yml:LINE: …`` and exits 2,
and a real ``mkdocs build`` stops with MkDocs' own configuration error: the same verdict. For
configurations that are fine but unusual (``!ENV``, a symlinked mkdocs.yml) both build and
check the same docs.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, ConfigurationError

from conftest import build_site
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.mkdocs_yml import LOCALE_CODE

COMMANDS = [["check"], ["status"], ["new-locale", "fr", "--name", "Français", "--dry-run"]]


def run(config: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, "--config", str(config)])
    return code, out.getvalue(), err.getvalue()


def edit(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return change


# (name, change to mkdocs.yml, the text on the line the error must name)
BROKEN = [
    ("playbook: true", lambda text: re.sub(r"  - playbook:\n(?:      .*\n)*",
                                           "  - playbook: true\n", text), "- playbook: true"),
    ("severity is a list", edit("source_locale: en\n", "source_locale: en\n      severity: "
                                "[PB204]\n"), "severity: [PB204]"),
    ("source_locale is a number", edit("source_locale: en", "source_locale: 12"),
     "source_locale: 12"),
    ("i18n: true", lambda text: re.sub(r"  - i18n:\n(?:      .*\n|\s*#.*\n)*", "  - i18n: true\n",
                                       text), "- i18n: true"),
    ("languages is text", lambda text: re.sub(r"      languages:\n(?:        .*\n)*",
                                              "      languages: sv\n", text), "languages: sv"),
    ("a language without locale", edit("        - locale: de\n", "        - build: true\n"),
     "- build: true"),
    ("a language without name", edit("          name: Deutsch\n", ""), "- locale: de"),
    ("build is text", edit("          name: Deutsch\n          build: true\n",
                           "          name: Deutsch\n          build: yes please\n"),
     "build: yes please"),
    ("a locale that is a path", edit("- locale: de", "- locale: ../.."), "- locale: ../.."),
    ("empty mkdocs.yml", lambda text: "", None),
    ("only a comment", lambda text: "# nothing yet\n", None),
    ("no site_name", lambda text: re.sub(r"^site_name: .*\n", "", text, flags=re.M), None),
    ("docs_dir is missing", edit("docs_dir: docs", "docs_dir: nowhere"), "docs_dir: nowhere"),
    ("plugins is text", lambda text: text.replace("plugins:\n", "plugins: all\nx:\n", 1),
     "plugins: all"),
]


@pytest.mark.parametrize(("name", "change", "needle"), BROKEN, ids=[b[0] for b in BROKEN])
def test_every_command_refuses_what_mkdocs_build_refuses(
    project: Path, name: str, change: Callable[[str], str], needle: str | None
) -> None:
    config = project / "mkdocs.yml"
    text = change(config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    with pytest.raises((ConfigurationError, Abort)) as stopped:
        build_site(project)
    assert "configuration error" in str(stopped.value) or stopped.type is ConfigurationError
    rows = text.split("\n")
    if needle is None:  # a key that is missing: the line where the settings start
        needle = next((row for row in rows if row.strip() and not row.startswith("#")), "")
    line = next((n for n, row in enumerate(rows, 1) if needle in row), 1)
    assert line, needle
    for command in COMMANDS:
        code, out, err = run(config, *command)
        assert code == 2, (command, out, err)
        assert err.startswith(f"playbook: error: {config}:{line}: "), (command, err)
        assert "Traceback" not in err and out == ""


@pytest.mark.parametrize("value", ["!ENV [PLAYBOOK_TEST_DOCS_DIR, docs]",
                                   "!ENV PLAYBOOK_TEST_DOCS_DIR"])
def test_env_tags_resolve_as_mkdocs_resolves_them(
    project: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "docs_dir: docs", f"docs_dir: {value}"), encoding="utf-8")
    (project / "docs").rename(project / "pages")
    monkeypatch.setenv("PLAYBOOK_TEST_DOCS_DIR", "pages")
    code, out, err = run(config, "check")
    assert code == 0, out + err
    assert "None" not in out + err
    build_site(project)  # and MkDocs builds the same folder


def test_a_symlinked_mkdocs_yml_reads_the_docs_beside_the_link(project: Path,
                                                               tmp_path: Path) -> None:
    """MkDocs takes docs_dir relative to the path it is given, not to the link's target."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mkdocs.yml").symlink_to(project / "mkdocs.yml")
    (elsewhere / "docs").mkdir()  # an empty docs folder: no source pages at all
    code, _, err = run(elsewhere / "mkdocs.yml", "status")
    assert code == 2 and "docs/en has no pages" in err and f"{elsewhere}/mkdocs.yml" in err
    code, out, _ = run(elsewhere / "mkdocs.yml", "check")
    assert f"{elsewhere.name}" not in out and "docs/en:1: PB103" in out


def test_the_locale_pattern_is_mkdocs_static_i18n_s() -> None:
    """Our locale rule is the i18n plugin's own: the same codes pass and fail (except that
    its `$` also lets a code end with a line break, which we refuse: it would name a folder)."""
    from mkdocs_static_i18n.config import RE_LOCALE

    for code in ["en", "pt-BR", "pt_BR", "zh-Hant", "zh-Hant-TW", "zh-hant", "EN", "e",
                 "../..", "/", "en-", "en_us", "abc"]:
        assert bool(LOCALE_CODE.fullmatch(code)) == bool(RE_LOCALE.match(code)), code
