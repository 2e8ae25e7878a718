"""Class 1 of the hardening: nothing is read or written outside the project, and only regular
files are opened.

A locale code names a folder, so one that is a path (``../..``, ``/``) is a configuration
error before anything is read; a symlinked folder on the way to a page stops ``new-locale``
before it writes; a FIFO, wherever it is, is a finding and never waited on. Commands that could
hang run in a child process with a timeout, so a regression fails instead of blocking the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hardening.test_writes import new_locale, snapshot

HANG = 120  # seconds; each command here takes well under one
PLAYBOOK = [sys.executable, "-c",
            "import sys; from mkdocs_playbooks.cli.main import main; sys.exit(main(sys.argv[1:]))"]


def playbook(project: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*PLAYBOOK, *argv, "--config", str(project / "mkdocs.yml")],
                          capture_output=True, text=True, timeout=HANG, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def replace_in_config(project: Path, old: str, new: str) -> int:
    """Edit mkdocs.yml; return the line of the edit."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def add_french(project: Path) -> None:
    replace_in_config(project, "        - locale: sv\n",
                      "        - locale: fr\n          name: Français\n        - locale: sv\n")


# --- a link on the way to a page ---------------------------------------------------------------


@pytest.mark.parametrize("linked", ["docs/fr", "docs/fr/playbooks"])
def test_new_locale_never_writes_through_a_symlinked_folder(
    project: Path, tmp_path: Path, linked: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    add_french(project)
    (project / linked).parent.mkdir(parents=True, exist_ok=True)
    (project / linked).symlink_to(outside, target_is_directory=True)
    before = snapshot(project)
    code, out, err = new_locale(project, "fr", "--missing-only")
    assert code == 2 and out == ""
    assert f"{linked} is a symlink" in err and "nothing was written" in err
    assert list(outside.iterdir()) == []
    assert snapshot(project) == before
    # and the check agrees that the folder cannot be used
    checked = playbook(project, "check")
    assert checked.returncode == 1 and f"{linked}:1: PB503" in checked.stdout


# --- locale codes that are paths ---------------------------------------------------------------

NOT_LOCALES = ["../..", "/", ".", "..", "sv/../..", "en/x", "~", "sv\\..\\.."]


@pytest.mark.parametrize("code", NOT_LOCALES)
@pytest.mark.parametrize("command", [["check"], ["status"], ["new-locale", "fr", "--name", "F"]])
def test_a_locale_code_that_is_a_path_is_a_configuration_error(
    project: Path, code: str, command: list[str]
) -> None:
    line = replace_in_config(project, "- locale: de\n", f"- locale: '{code}'\n")
    before = snapshot(project)
    done = playbook(project, *command)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"mkdocs.yml:{line}: plugins.i18n.languages.locale: `{code}` is not a locale code" \
        in done.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("code", ["../..", "/"])
def test_a_source_locale_that_is_a_path_is_a_configuration_error(project: Path,
                                                                 code: str) -> None:
    replace_in_config(project, "source_locale: en", f"source_locale: '{code}'")
    done = playbook(project, "check")
    assert done.returncode == 2 and "is not a locale code" in done.stderr


# --- only regular files --------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["docs/sv/pipe.md", "docs/sv/playbooks/pipe.txt",
                                   "docs/en/pipe.md", "assets/pipe.png"])
def test_a_fifo_is_a_finding_and_never_waited_on(project: Path, where: str) -> None:
    (project / where).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(project / where)
    checked = playbook(project, "check")
    assert checked.returncode == 1
    assert f"{where}:1: PB103 page-unreadable: a named pipe, not a regular file" in checked.stdout
    assert playbook(project, "status").returncode == 0


def test_a_symlink_to_a_fifo_is_a_finding(project: Path) -> None:
    os.mkfifo(project / "pipe")
    (project / "docs/sv/pipe.md").symlink_to(project / "pipe")
    checked = playbook(project, "check")
    assert checked.returncode == 1 and "docs/sv/pipe.md:1: PB103" in checked.stdout


def test_a_fifo_glossary_is_a_finding(project: Path) -> None:
    glossary = project / "glossary/sv.yml"
    glossary.unlink()
    os.mkfifo(glossary)
    checked = playbook(project, "check")
    assert checked.returncode == 1
    assert "glossary/sv.yml:1: PB603" in checked.stdout and "named pipe" in checked.stdout


def test_a_fifo_mkdocs_yml_is_a_configuration_error(project: Path) -> None:
    (project / "mkdocs.yml").unlink()
    os.mkfifo(project / "mkdocs.yml")
    done = playbook(project, "check")
    assert done.returncode == 2 and "not a regular file" in done.stderr


def test_mkdocs_build_stops_on_a_fifo_instead_of_hanging(project: Path) -> None:
    os.mkfifo(project / "docs/sv/pipe.md")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, timeout=HANG, check=False)
    assert done.returncode == 1 and "docs/sv/pipe.md:1: PB103" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_non_utf8_file_name_is_a_finding_shown_escaped(project: Path) -> None:
    folder = os.fsencode(project / "docs/sv")
    with open(os.path.join(folder, b"bad\xff.md"), "wb") as file:
        file.write(b"---\ntitle: x\n---\n")
    os.mkdir(os.path.join(folder, b"dir\xfe"))
    with open(os.path.join(folder, b"dir\xfe", b"page.md"), "wb") as file:
        file.write(b"---\ntitle: x\n---\n")
    for output_format in ("json", "text", "junit", "github"):
        done = subprocess.run([*PLAYBOOK, "check", "--format", output_format, "--config",
                               str(project / "mkdocs.yml")], capture_output=True,
                              timeout=HANG, check=False, env={**os.environ,
                                                              "PYTHONIOENCODING": "utf-8"})
        assert done.returncode == 1, done.stderr
        out = done.stdout.decode("utf-8")  # strict: not one byte that is not UTF-8
        assert "docs/sv/bad\\xff.md" in out.replace("\\\\", "\\")
        assert "docs/sv/dir\\xfe" in out.replace("\\\\", "\\")
