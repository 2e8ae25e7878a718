"""The front matter schema is configuration: the user's Experience League documents, checked
under the ``experience-league`` preset, raise nothing about their front matter keys, while their
structural and terminology defects are still reported."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, USER_SEEDS, findings
from mkdocs_playbooks.cli.main import main

EL_CONFIG = """\
site_name: Experience League style
plugins:
  - playbook:
      preset: {preset}
      playbooks: ["playbooks/*"]
  - i18n:
      docs_structure: folder
      languages:
        - {{locale: en, name: English, default: true}}
        - {{locale: sv, name: Svenska}}
        - {{locale: de, name: Deutsch}}
"""
PLAYBOOK = "playbooks/commerce-strategy.md"
EL_SOURCE_FRONT_MATTER = (
    "---\ntitle: Commerce Strategy\n"
    "description: Plan the core capabilities of your digital commerce business.\n"
    "exl-id: 0efb424b-9026-439d-a50c-d2d935c07c8c\n---\n"
)


def _seeded_project(root: Path, preset: str) -> Path:
    """This project's English playbook, its front matter in Experience League keys, as the
    source; the user's Swedish and German documents, as handed over, as its translations."""
    if not USER_SEEDS.is_dir():
        pytest.skip(f"the user's seeds are not beside the checkout ({USER_SEEDS})")
    (root / "mkdocs.yml").write_text(EL_CONFIG.format(preset=preset), encoding="utf-8")
    english = (PROJECT_ROOT / "docs/en" / PLAYBOOK).read_text(encoding="utf-8")
    body = english.split("---\n", 2)[2]
    source = root / "docs/en" / PLAYBOOK
    source.parent.mkdir(parents=True)
    source.write_text(EL_SOURCE_FRONT_MATTER + body, encoding="utf-8")
    for locale in ("sv", "de"):
        target = root / "docs" / locale / PLAYBOOK
        target.parent.mkdir(parents=True)
        shutil.copyfile(USER_SEEDS / f"commerce-strategy.{locale}.md", target)
    shutil.copytree(PROJECT_ROOT / "glossary", root / "glossary")
    return root


def test_the_seeds_raise_no_front_matter_key_finding_under_the_experience_league_preset(
    tmp_path: Path,
) -> None:
    found = findings(_seeded_project(tmp_path, "experience-league"))
    assert [item.headline() for item in found if item.rule.startswith("PB2")] == []
    by_rule = Counter((item.path.split("/")[1], item.rule) for item in found)
    for locale in ("sv", "de"):
        assert by_rule[(locale, "PB401")] >= 1, "the merged capability is still found"
        assert by_rule[(locale, "PB601")] >= 1, "forbidden terms are still found"
    merged = next(item for item in found if item.rule == "PB401" and "/sv/" in item.path)
    seed_lines = (USER_SEEDS / "commerce-strategy.sv.md").read_text(encoding="utf-8").split("\n")
    assert re.search(r"Kundspecifik prissättning Produkttillgänglighet",
                     seed_lines[merged.line - 1]), "reported at the merged item's line"


def test_the_default_preset_asks_for_this_projects_keys(tmp_path: Path) -> None:
    """The control: the same pages under the default preset lack `content-id`."""
    found = findings(_seeded_project(tmp_path, "playbooks"))
    missing = {(item.path.split("/")[1], item.rule, item.message) for item in found
               if item.rule == "PB203"}
    assert ("sv", "PB203", "localization key `content-id` is missing") in missing
    assert ("de", "PB203", "localization key `content-id` is missing") in missing


@pytest.mark.parametrize(("option", "message"), [
    ("preset: nonsense", "preset 'nonsense' is not one of experience-league, playbooks"),
    ("role_keys: {doc_id: x}", "role_keys: 'doc_id' is not a role"),
    ("page_keys: title", "page_keys must be a list, not 'title'"),
])
def test_a_bad_schema_option_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, message: str
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(EL_CONFIG.format(preset="playbooks").replace(
        "      preset: playbooks\n", f"      {option}\n"), encoding="utf-8")
    (tmp_path / "docs").mkdir()  # else MkDocs' own verdict comes first: no docs_dir
    assert main(["check", "--config", str(config)]) == 2
    assert re.search(rf"mkdocs\.yml:\d+: {re.escape(message)}", capsys.readouterr().err)
