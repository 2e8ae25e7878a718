"""`playbook check` through `main([...])`: exit codes, and the same findings in every format."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT_ROOT
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.core.rules import RULES

PLAYBOOK = "docs/sv/playbooks/commerce-strategy.md"
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),title=(PB\d{3}) [a-z-]+::(.+)$"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def drop_a_capability(project: Path) -> int:
    """Delete the second bullet of the Swedish Purchase stage; return its line number."""
    path = project / PLAYBOOK
    page = parse_page(PLAYBOOK, "playbooks/commerce-strategy.md", "sv", path.read_bytes())
    purchase = next(stage for stage in page.stages if stage.anchor == "purchase")
    line = purchase.capabilities.items[1].line
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(lines[: line - 1] + lines[line:]), encoding="utf-8")
    return line


def add_orphan_page(project: Path) -> None:
    """A well-formed Swedish page without a source page: a warning (PB102), not an error."""
    (project / "docs/sv/extra.md").write_text(
        "---\ntitle: Extra\ndescription: En sida utan källa.\n---\n\n# Extra\n", encoding="utf-8"
    )


@pytest.fixture
def in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    return project


def test_clean_docs_exit_0(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check")
    assert (code, err) == (0, "")
    assert out.strip() == "translation parity: no findings"


def test_a_dropped_capability_exits_1_at_its_line(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop_a_capability(in_project)
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert re.search(rf"^{re.escape(PLAYBOOK)}:\d+: PB401 capability-count: ", out, re.M)
    assert out.rstrip().endswith("translation parity: 1 error")


def test_every_format_holds_the_same_findings(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop_a_capability(in_project)
    add_orphan_page(in_project)

    code, out, _ = run(capsys, "check", "--format", "text")
    assert code == 1
    from_text = {
        (m.group(3), m.group(1), int(m.group(2)))
        for m in re.finditer(r"^(\S+\.md):(\d+): (PB\d{3}) ", out, re.M)
    }

    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 1
    document = json.loads(out)
    from_json = {(f["rule"], f["path"], f["line"]) for f in document["findings"]}
    assert document["summary"] == {"error": 1, "warning": 1, "info": 0}
    assert {f["severity"] for f in document["findings"]} == {"error", "warning"}

    code, out, _ = run(capsys, "check", "--format", "github")
    assert code == 1
    matches = [GITHUB_LINE.match(line) for line in out.splitlines() if line.startswith("::")]
    assert all(matches)
    from_github = {(m.group(4), m.group(2), int(m.group(3))) for m in matches if m}
    assert {m.group(1) for m in matches if m} == {"error", "warning"}

    code, out, _ = run(capsys, "check", "--format", "junit")
    assert code == 1
    suites = ET.fromstring(out)
    cases = [case for case in suites.iter("testcase") if case.get("file")]
    from_junit = {(c.get("classname", "").split(".")[-1], c.get("file"), int(c.get("line", 0)))
                  for c in cases}
    # Not strict: the warning is reported but does not fail, like the exit code says.
    assert suites.get("failures") == "1"
    assert len(list(suites.iter("failure"))) == 1

    assert from_text == from_json == from_github == from_junit
    assert {rule for rule, _, _ in from_json} == {"PB401", "PB102"}


def test_junit_lists_every_rule_as_a_passing_case_when_clean(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "--format", "junit")
    suites = ET.fromstring(out)
    names = [case.get("name", "") for case in suites.iter("testcase")]
    assert code == 0
    assert [name.split()[0] for name in names] == [rule.id for rule in RULES]
    assert suites.get("failures") == "0"


def test_github_message_newlines_are_escaped(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop_a_capability(in_project)
    _, out, _ = run(capsys, "check", "--format", "github")
    annotation = next(line for line in out.splitlines() if line.startswith("::error"))
    assert "%0Aexpected: " in annotation and "%0Ahint: " in annotation


@pytest.mark.parametrize(
    ("options", "expected"),
    [((), 0), (("--strict",), 1), (("--fail-on", "warning"), 1), (("--fail-on", "info"), 1)],
)
def test_warnings_fail_only_when_asked(
    in_project: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], expected: int
) -> None:
    add_orphan_page(in_project)
    code, out, _ = run(capsys, "check", *options)
    assert code == expected
    assert "docs/sv/extra.md:1: PB102 page-orphaned" in out


def test_strict_junit_counts_the_warning_as_a_failure(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_orphan_page(in_project)
    _, out, _ = run(capsys, "check", "--strict", "--format", "junit")
    failure = next(ET.fromstring(out).iter("failure"))
    assert failure.get("type") == "warning"


@pytest.mark.parametrize(
    "argv",
    [[], ["check", "--format", "yaml"], ["check", "--fail-on", "fatal"], ["lint"],
     ["check", "--config", "no-such.yml"]],
)
def test_usage_and_configuration_errors_exit_2(
    in_project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err and "Traceback" not in err


def test_broken_mkdocs_yml_is_named_with_its_line(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_project / "mkdocs.yml").write_text("site_name: x\nplugins: [i18n\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert re.search(r"mkdocs\.yml:\d+: not valid YAML", err)


def test_config_option_points_at_another_project(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    drop_a_capability(project)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--config", str(project / "mkdocs.yml"))
    assert code == 1
    assert f"{PLAYBOOK}:" in out


def test_readme_rule_table_is_the_rule_catalogue() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if re.match(r"^\| PB\d{3} \|", line)]
    expected = [
        f"| {rule.id} | `{rule.slug}` | {rule.severity.label} | {rule.summary} | {rule.fix} |"
        for rule in RULES
    ]
    assert rows == expected, "regenerate the README table:\n" + "\n".join(expected)


def test_ci_workflow_installs_the_project_and_annotates_findings() -> None:
    workflow = yaml.safe_load(
        (PROJECT_ROOT / ".github/workflows/parity.yml").read_text(encoding="utf-8")
    )
    commands = [
        step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]
    ]
    script = "\n".join(commands)
    assert "pip install -e ." in script
    assert script.index("pip install -e .") < script.index("playbook check --format github")


def test_a_closed_pipe_ends_the_command_quietly(project: Path) -> None:
    """`playbook check | head -1`: the reader leaves before the report is written."""
    drop_a_capability(project)
    command = [str(Path(sys.executable).parent / "playbook"), "check", "--format", "json"]
    with subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as reader_gone:
        assert reader_gone.stdout is not None and reader_gone.stderr is not None
        reader_gone.stdout.close()  # closed before the command has printed anything
        err = reader_gone.stderr.read().decode()
        assert reader_gone.wait(timeout=60) == 141
    assert err == ""
