"""`playbook check --format sarif` for code scanning, and `playbook --version`.

No PyPI package ships the SARIF 2.1.0 JSON schema (sarif-om and sarif-tools carry object
models, not the schema), so the log is checked against the structure the specification
requires of it: version, runs, each run's tool.driver.name, each result's message.text, and
for ours each result's rule, level and physical location."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_example_in_suffix_layout, drop_line
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.rules import RULES

SARIF_LEVELS = {"none", "note", "warning", "error"}


def _sarif(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["check", "--format", "sarif", "--config", str(project / "mkdocs.yml")])
    return code, json.loads(capsys.readouterr().out)


def _assert_sarif_structure(log: dict) -> None:
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and log["runs"]
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"]
        ids = [rule["id"] for rule in driver["rules"]]
        assert len(ids) == len(set(ids))
        for result in run["results"]:
            assert isinstance(result["message"]["text"], str) and result["message"]["text"]
            assert result["level"] in SARIF_LEVELS
            assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
            for location in result["locations"]:
                physical = location["physicalLocation"]
                assert isinstance(physical["artifactLocation"]["uri"], str)
                assert isinstance(physical["region"]["startLine"], int)
                assert physical["region"]["startLine"] >= 1


def test_sarif_carries_each_finding_at_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_example_in_suffix_layout(tmp_path / "example")
    line = drop_line(project / "docs/playbooks/win-back.fr.md", "- Inviter à une soirée atelier")
    code, log = _sarif(project, capsys)
    assert code == 1
    _assert_sarif_structure(log)
    [run] = log["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [r.id for r in RULES]
    [result] = run["results"]
    assert (result["ruleId"], result["level"]) == ("PB401", "error")
    location = result["locations"][0]["physicalLocation"]
    # The dropped item was the list's last: the finding is at the item before it.
    assert location["artifactLocation"]["uri"] == "docs/playbooks/win-back.fr.md"
    assert location["region"]["startLine"] == line - 1


def test_a_clean_project_gives_a_valid_log_without_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, log = _sarif(copy_example_in_suffix_layout(tmp_path / "example"), capsys)
    assert code == 0
    _assert_sarif_structure(log)
    assert log["runs"][0]["results"] == []


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"playbook {version('mkdocs-playbooks')}"
