"""Class 3 of the hardening: bounded time and memory on any input.

Every pattern and loop that reads page text must do linear work. Each case is a page of about
a megabyte built to make one of them backtrack or repeat work (tests/hardening/
hostile_megabytes.py); the budget is counted against a baseline, reading a plain page of the
same size in the same child process, never as a wall-clock limit: the shared test machines are
too noisy for that. A quadratic reader takes minutes on these pages, a hundred times the
budget; the child's timeout turns a hang into a failure.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TWO_LOCALE_CONFIG
from hardening.hostile_megabytes import CASES
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.project.check import check_project
from mkdocs_playbooks.status.git_history import open_repository
from mkdocs_playbooks.status.report import compute_status

PROBE = Path(__file__).with_name("hostile_megabytes.py")
BASELINE_MULTIPLE = 20
HANG = 300  # seconds: far beyond any linear reading of a megabyte, even on a loaded machine


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_megabyte_costs_at_most_20_plain_megabytes(case: str) -> None:
    done = subprocess.run([sys.executable, str(PROBE), case], capture_output=True, text=True,
                          timeout=HANG, check=True)
    measured = json.loads(done.stdout)
    assert measured["hostile"] <= BASELINE_MULTIPLE * measured["baseline"], measured


def _page(title: str, body: str, front_matter: str = "") -> str:
    return (f"---\ntitle: {title}\ndescription: d\ncontent-id: x\n"
            "source-git-commit: 0123456789abcdef0123456789abcdef01234567\n"
            f"source-wordcount: 1\nworkflow-type: ht\nht-degree: 100%\n{front_matter}---\n\n"
            f"# {title}\n\n{body}")


def _two_locale_project(root: Path, source: str, translation: str) -> Path:
    for locale, text in (("en", source), ("sv", translation)):
        (root / "docs" / locale).mkdir(parents=True)
        (root / "docs" / locale / "index.md").write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(TWO_LOCALE_CONFIG, encoding="utf-8")
    return root / "mkdocs.yml"


def test_fifty_thousand_identical_stages_compare_in_linear_work(tmp_path: Path) -> None:
    """Aligning N stages that share an anchor, one of them repeated in the translation: one
    PB305 for the repeat (it used to pass), and no pass over the stages per stage."""
    stages = "## S {#s}\n\n- a\n\n" * 50_000
    config = _two_locale_project(tmp_path, _page("T", stages), _page("T", stages + "## S {#s}\n"))
    _, found = check_project(load_settings(config))
    assert [(item.rule, item.line) for item in found] == [("PB305", 13 + 4 * 50_000)]


def test_fifty_thousand_missing_stages_are_placed_in_linear_work(tmp_path: Path) -> None:
    source = "".join(f"## S{n} {{#s{n}}}\n\n- a\n\n" for n in range(50_000))
    config = _two_locale_project(tmp_path, _page("T", source), _page("T", "Nothing.\n"))
    _, found = check_project(load_settings(config))
    missing = [item for item in found if item.rule == "PB301"]
    assert len(missing) == 50_000
    assert {item.line for item in missing} == {missing[0].line}  # all at the page's end


BILLION_LAUGHS = "lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{n}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(9)
)


def test_a_billion_laughs_in_front_matter_is_refused_at_its_key(tmp_path: Path) -> None:
    """Nine lines of aliases stand for 9**10 values: the front matter is PB201 at the key that
    goes over the bound, and `status` (which prints every title) never expands it."""
    source = _page("T", "## S {#s}\n\n- a\n")
    translation = _page("T", "## S {#s}\n\n- a\n", front_matter=BILLION_LAUGHS)
    config = _two_locale_project(tmp_path, source, translation)
    settings = load_settings(config)
    tree, found = check_project(settings)
    [invalid] = [item for item in found if item.rule == "PB201"]
    lines = translation.split("\n")
    assert "anchors and aliases" in invalid.message
    assert lines[invalid.line - 1].startswith("lol")  # the key's own line
    report = compute_status(tree, settings.locales, open_repository(settings.root))
    assert report.locales[0].pages[0].title  # the page is still listed, by its H1 title


def test_a_billion_laughs_in_mkdocs_yml_is_a_configuration_error(tmp_path: Path) -> None:
    config = _two_locale_project(tmp_path, _page("T", ""), _page("T", ""))
    config.write_text(TWO_LOCALE_CONFIG + "extra:\n" + "".join(
        f"  {line}\n" for line in BILLION_LAUGHS.splitlines()), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", "--config", str(config)])
    assert code == 2, err.getvalue()
    extra_line = TWO_LOCALE_CONFIG.count("\n") + 1  # the top-level key that holds them
    assert f"mkdocs.yml:{extra_line}:" in err.getvalue()
    assert "anchors and aliases" in err.getvalue()
