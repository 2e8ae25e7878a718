"""What other repositories run in CI: the pre-commit hook and the composite GitHub Action. Their
commands are run here, with bash, against the example site, as the runner would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import PROJECT_ROOT, copy_example, drop_line

BIN = Path(sys.executable).parent  # where `playbook` is installed next to this Python


def _drop_capability(project: Path) -> int:
    return drop_line(project / "docs/fr/playbooks/win-back.md",
                     "- Proposer une révision gratuite du vélo")


def _action_step(name: str) -> dict:
    action = yaml.safe_load((PROJECT_ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        assert "run" not in step or step["shell"] == "bash", "composite run steps need a shell"
    return next(step for step in action["runs"]["steps"] if step.get("name") == name)


def _run_step(step: dict, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    assert "${{" not in step["run"], "inputs reach the script through env, never inlined"
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env},
        check=False,
    )


def test_the_action_annotates_a_finding_and_fails(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "site")
    line = _drop_capability(project)
    done = _run_step(_action_step("Check translation parity"), project,
                     {"CONFIG": "mkdocs.yml", "STRICT": "false"})
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith(
        f"::error file=docs/fr/playbooks/win-back.md,line={line},title=PB401 capability-count::")


def test_the_action_passes_a_clean_site_and_writes_sarif(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "site")
    env = {"CONFIG": "mkdocs.yml", "STRICT": "true", "SARIF_FILE": "parity.sarif"}
    assert _run_step(_action_step("Check translation parity"), project, env).returncode == 0
    _drop_capability(project)
    written = _run_step(_action_step("Write SARIF"), project, env)
    assert written.returncode == 0, "findings are in the file; the check step fails the job"
    assert '"ruleId": "PB401"' in (project / "parity.sarif").read_text(encoding="utf-8")


def test_the_pre_commit_hook_runs_the_check_on_the_files_it_watches(tmp_path: Path) -> None:
    [hook] = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["pass_filenames"] is False and hook["language"] == "python"
    watched = re.compile(hook["files"])
    for path in ("mkdocs.yml", "docs/fr/playbooks/win-back.md", "site/glossary/sv.yml"):
        assert watched.search(path), path
    assert not watched.search("src/app.py")
    project = copy_example(tmp_path / "site")
    command = [str(BIN / hook["entry"].split()[0]), *hook["entry"].split()[1:]]
    assert subprocess.run(command, cwd=project, capture_output=True, check=False).returncode == 0
    _drop_capability(project)
    assert subprocess.run(command, cwd=project, capture_output=True, check=False).returncode == 1
