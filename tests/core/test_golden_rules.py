"""Golden cases: each YAML file in tests/golden/ holds input pages and the exact findings.

A case lists files (path -> content) and the findings `playbook check` must report, as
``path:line: RULE slug`` strings, in order. Pages without their own front matter get a valid
one: the source's title and description, plus the localization keys on translations
(unless the case says ``raw: true``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import TWO_LOCALE_CONFIG
from mkdocs_playbooks.core.rules import RULES
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.project.check import check_project

GOLDEN = Path(__file__).parent / "golden"
SOURCE_FRONT_MATTER = "---\ntitle: Page\ndescription: A page.\ncontent-id: c1\n---\n"
TRANSLATION_FRONT_MATTER = (
    "---\ntitle: Sida\ndescription: En sida.\ncontent-id: c1\n"
    "source-git-commit: 0123456789abcdef0123456789abcdef01234567\n"
    "source-wordcount: '10'\nworkflow-type: ht\nht-degree: 100%\n---\n"
)


def _cases() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted(GOLDEN.glob("*.yml")):
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]):
            cases.append((f"{path.stem}[{index}]-{case['name']}", case))
    return cases


def _write_case(root: Path, case: dict) -> None:
    (root / "mkdocs.yml").write_text(TWO_LOCALE_CONFIG, encoding="utf-8")
    for name, content in case["files"].items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        blank = isinstance(content, str) and not content.strip()
        is_text = isinstance(content, str)
        wants_header = is_text and not (blank or case.get("raw") or content.startswith("---"))
        if wants_header and name.endswith(".md"):
            is_source = name.startswith("docs/en/")
            content = (SOURCE_FRONT_MATTER if is_source else TRANSLATION_FRONT_MATTER) + content
        if case.get("crlf"):
            content = content.replace("\n", "\r\n")
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        if case.get("bom") and name.endswith(".md"):
            data = b"\xef\xbb\xbf" + data
        path.write_bytes(data)
    for locale in ("en", "sv"):
        (root / "docs" / locale).mkdir(parents=True, exist_ok=True)


@pytest.mark.parametrize(("case_id", "case"), _cases(), ids=[name for name, _ in _cases()])
def test_golden_case(tmp_path: Path, case_id: str, case: dict) -> None:
    _write_case(tmp_path, case)
    _, found = check_project(load_settings(tmp_path / "mkdocs.yml"))
    assert [f"{item.location()}: {item.rule} {item.slug}" for item in found] == case["expect"]


def test_every_rule_has_a_failing_and_a_passing_golden_case() -> None:
    failing = {line.split()[1] for _, case in _cases() for line in case["expect"]}
    files = {path.stem.split("-")[0] for path in GOLDEN.glob("*.yml")}
    parity = ("PB1", "PB2", "PB3", "PB4", "PB5", "PB7")  # PB6xx: tests/terminology/
    rules = {rule.id for rule in RULES if rule.id.startswith(parity)}
    assert rules <= failing, f"rules without a failing case: {sorted(rules - failing)}"
    assert rules <= files, f"rules without a golden file: {sorted(rules - files)}"
    for path in GOLDEN.glob("PB*.yml"):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        assert any(not case["expect"] for case in cases), f"{path.name} has no passing case"
