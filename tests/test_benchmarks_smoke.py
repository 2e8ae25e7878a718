"""The benchmark script runs end to end on a tiny corpus: its JSON and table say what it measured,
and the check finds exactly the defects the corpus generator injected. No timing is asserted."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from conftest import PROJECT_ROOT


@pytest.fixture
def benchmarks(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(PROJECT_ROOT))  # `benchmarks` lives beside `tests`
    from benchmarks import run

    return run


def test_a_quick_run_reports_every_measurement_and_finds_every_injected_defect(
    benchmarks: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks.corpus import DEFECTS
    from benchmarks.realistic import REALISTIC_DEFECTS

    out = tmp_path / "results" / "latest.json"
    argv = ["--quick", "--sizes", "14x3", "--build-sizes", "4x2", "--workdir",
            str(tmp_path / "work"), "--out", str(out)]

    assert benchmarks.main(argv) == 0

    report = json.loads(out.read_text(encoding="utf-8"))
    playbook, realistic = report["corpora"]
    for corpus, defects in ((playbook, DEFECTS), (realistic, REALISTIC_DEFECTS)):
        assert (corpus["playbooks"], corpus["locales"], corpus["page_locales"]) == (14, 3, 42)
        # One defect of each kind, each caught exactly once by the rule it targets.
        assert corpus["injected_defects"] == len(defects) == corpus["findings"]
        assert corpus["findings_by_rule"] == {rule: 1 for rule in sorted(defects.values())}
        assert corpus["all_defects_found"] is True
        for key in ("floor_s", "check_s", "check_over_floor", "check_us_per_page_locale"):
            assert corpus[key] > 0
        assert [len(runs) for runs in corpus["runs"]["wall"].values()] == [1, 1]
    assert (playbook["kind"], realistic["kind"]) == ("playbook", "realistic")
    assert "PB601" in realistic["findings_by_rule"]  # the glossaries are checked

    build = report["build"]
    for key in ("disabled_s", "parity_s", "enabled_s", "enabled_over_disabled",
                "parity_over_disabled_cpu", "check_alone_s"):
        assert build[key] > 0
    assert "on_pre_build" in build["plugin_events_profiled_s"]  # where the check runs
    assert report["yaml_loaders"].keys() == {"check", "floor"}
    assert report["machine"]["cpus"] >= 1

    [built] = report["realistic_builds"]
    assert (built["pages"], built["locales"], built["page_locales"]) == (4, 2, 8)
    for variant in ("off", "parity", "on"):
        assert built[variant]["cpu_s"] > 0 and built[variant]["max_rss_mb"] > 0
    # The plugin's own handlers are timed inside the build: they run when it is on.
    assert built["on"]["handlers_cpu_s"] > built["off"]["handlers_cpu_s"] >= 0
    # The corpus has git history: opening the repository, one log, one cat-file resolving
    # every recorded commit, and one diff per distinct commit (three, one per source batch);
    # never one per page.
    assert built["git_processes"] == 3 + 3
    serve = report["serve"]
    assert serve["edited_page"] == "docs/sv/guide/p0001.md"
    assert all(len(runs) == 1 for runs in serve["runs"].values())  # --quick: one edit
    assert serve["rebuild_s"]["one_locale"] > 0
    assert 0 < serve["handlers_share_of_rebuild"] < 1

    printed = capsys.readouterr().out
    assert "| playbook 14 × 3 | 42 |" in printed
    assert "| realistic 14 × 3 | 42 |" in printed
    assert "6 / 6 (all found)" in printed and "7 / 7 (all found)" in printed
    assert "| 4 × 2 |" in printed and "Serve loop" in printed
    work = tmp_path / "work"
    assert len(list(work.glob("*/playbook/14x3/docs/*/playbooks/*.md"))) == 42 - 1
    assert len(list(work.glob("*/realistic/14x3/docs/*/guide/*.md"))) == 42 - 1
    assert len(list(work.glob("*/realistic/14x3/glossary/*.yml"))) == 2  # each translation's


def test_a_size_that_is_not_playbooks_x_locales_is_a_usage_error(
    benchmarks: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        benchmarks.main(["--sizes", "10by3"])

    assert stop.value.code == 2
    assert "'10by3' is not PLAYBOOKSxLOCALES" in capsys.readouterr().err
