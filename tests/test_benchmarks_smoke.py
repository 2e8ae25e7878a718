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

    out = tmp_path / "results" / "latest.json"
    argv = ["--quick", "--sizes", "12x3", "--workdir", str(tmp_path / "work"), "--out", str(out)]

    assert benchmarks.main(argv) == 0

    report = json.loads(out.read_text(encoding="utf-8"))
    [corpus] = report["corpora"]
    assert (corpus["playbooks"], corpus["locales"], corpus["page_locales"]) == (12, 3, 36)
    # One defect of each kind, each caught exactly once by the rule it targets.
    assert corpus["injected_defects"] == len(DEFECTS) == corpus["findings"]
    assert corpus["findings_by_rule"] == {rule: 1 for rule in sorted(DEFECTS.values())}
    assert corpus["all_defects_found"] is True
    for key in ("floor_s", "check_s", "check_over_floor", "check_us_per_page_locale"):
        assert corpus[key] > 0
    assert [len(runs) for runs in corpus["runs"]["wall"].values()] == [1, 1]

    build = report["build"]
    for key in ("disabled_s", "enabled_s", "enabled_over_disabled", "check_alone_s"):
        assert build[key] > 0
    assert "on_pre_build" in build["plugin_events_profiled_s"]  # where the check runs
    assert report["yaml_loaders"].keys() == {"check", "floor"}
    assert report["machine"]["cpus"] >= 1

    printed = capsys.readouterr().out
    assert "| 12 × 3 | 36 |" in printed
    assert "6 / 6 (all found)" in printed
    generated = list((tmp_path / "work").glob("*/12x3/docs/*/playbooks/*.md"))
    assert len(generated) == 36 - 1  # kept with --workdir; one translation is left out on purpose


def test_a_size_that_is_not_playbooks_x_locales_is_a_usage_error(
    benchmarks: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        benchmarks.main(["--sizes", "10by3"])

    assert stop.value.code == 2
    assert "'10by3' is not PLAYBOOKSxLOCALES" in capsys.readouterr().err
