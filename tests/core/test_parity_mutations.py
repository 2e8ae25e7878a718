"""Mutations of the real pages: each defect a translator could make is caught at its line.

Lines are looked up in the parsed real pages, never hard-coded, so content edits keep working.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import USER_SEEDS, build_site, findings, parity_records
from mkdocs_playbooks.core.diagnostics import Diagnostic
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page

PLAYBOOK = "docs/sv/playbooks/commerce-strategy.md"


def headlines(found: list[Diagnostic]) -> list[str]:
    return [f"{item.location()}: {item.rule} {item.slug}" for item in found]


def parsed(project: Path, rel: str = PLAYBOOK) -> ParsedPage:
    path = project / rel
    return parse_page(rel, path.name, rel.split("/")[1], path.read_bytes())


def edit_lines(project: Path, rel: str, change) -> None:
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(change(lines)), encoding="utf-8")


def stage(page: ParsedPage, anchor: str):
    return next(s for s in page.stages if s.anchor == anchor)


def test_the_real_docs_have_no_findings(project: Path) -> None:
    assert headlines(findings(project)) == []


@pytest.mark.parametrize("anchor", ["awareness", "consideration", "purchase", "support"])
def test_dropped_capability_is_caught_in_its_stage(project: Path, anchor: str) -> None:
    items = stage(parsed(project), anchor).capabilities.items
    dropped = items[len(items) // 2]
    edit_lines(project, PLAYBOOK, lambda lines: lines[: dropped.line - 1] + lines[dropped.line:])
    found = findings(project)
    assert [(item.rule, item.path) for item in found] == [("PB401", PLAYBOOK)]
    # The difference is pinned to an item of this stage (after the edit the list spans one
    # line less); the count is spelled out.
    assert items[0].line <= found[0].line <= items[-1].line - 1
    assert f"has {len(items) - 1} capabilities, the source has {len(items)}" in found[0].message


@pytest.mark.parametrize("anchor", ["awareness", "consideration", "purchase", "support"])
def test_two_capabilities_merged_on_one_line_are_caught_at_that_line(
    project: Path, anchor: str
) -> None:
    items = stage(parsed(project), anchor).capabilities.items
    first, second = items[1], items[2]

    def merge(lines: list[str]) -> list[str]:
        merged = lines[first.line - 1] + " " + second.text
        return lines[: first.line - 1] + [merged] + lines[second.line:]

    edit_lines(project, PLAYBOOK, merge)
    assert headlines(findings(project)) == [f"{PLAYBOOK}:{first.line}: PB401 capability-count"]


def test_swapped_stages_are_caught_at_the_moved_stage(project: Path) -> None:
    page = parsed(project)
    purchase, support = stage(page, "purchase"), stage(page, "support")
    goals = stage(page, "goals")

    def swap(lines: list[str]) -> list[str]:
        intro = lines[: purchase.line - 1]
        purchase_block = lines[purchase.line - 1: support.line - 1]
        support_block = lines[support.line - 1: goals.line - 1]
        return intro + support_block + purchase_block + lines[goals.line - 1:]

    edit_lines(project, PLAYBOOK, swap)
    moved_to = purchase.line + (goals.line - support.line)
    assert headlines(findings(project)) == [f"{PLAYBOOK}:{moved_to}: PB303 stage-order"]


def test_deleted_image_is_caught_at_the_end_of_its_section(project: Path) -> None:
    page = parsed(project)
    image = next(ref for ref in page.references if ref.is_image)
    edit_lines(project, PLAYBOOK, lambda lines: lines[: image.line - 1] + lines[image.line:])
    found = findings(project)
    assert [(item.rule, item.path) for item in found] == [("PB501", PLAYBOOK)]
    assert stage(page, "goals").line < found[0].line < image.line
    assert image.target in found[0].message


def test_broken_front_matter_is_caught_at_its_line(project: Path) -> None:
    line = parsed(project).meta_line("description")
    edit_lines(project, PLAYBOOK, lambda lines: [
        text.replace(": ", ': "', 1) if number == line else text  # an unclosed quote
        for number, text in enumerate(lines, 1)
    ])
    assert headlines(findings(project)) == [f"{PLAYBOOK}:{line}: PB201 front-matter-invalid"]


def test_crlf_and_bom_are_not_defects(project: Path) -> None:
    for path in (project / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert headlines(findings(project)) == []


def test_the_users_seeds_fail_parity_where_they_merged_capabilities(project: Path) -> None:
    seeds = USER_SEEDS
    if not seeds.is_dir():
        pytest.skip(f"the user's seeds are not beside the checkout ({seeds})")
    for locale in ("sv", "de"):
        seed = seeds / f"commerce-strategy.{locale}.md"
        (project / f"docs/{locale}/playbooks/commerce-strategy.md").write_bytes(seed.read_bytes())
    by_rule = Counter((item.path.split("/")[1], item.rule) for item in findings(project))
    # Merged "customer-specific pricing" + "availability" in both, stages without anchors.
    for locale in ("sv", "de"):
        assert by_rule[(locale, "PB401")] >= 1
        assert by_rule[(locale, "PB304")] >= 1


def test_the_real_site_builds_strict_with_the_check_silent(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        site = build_site(project, strict=True)
    assert (site / "sv/playbooks/commerce-strategy/index.html").is_file()
    assert (site / "de/playbooks/commerce-strategy/index.html").is_file()
    assert parity_records(caplog) == []


def test_a_mutated_site_fails_with_each_finding_reported_once(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    items = stage(parsed(project), "awareness").capabilities.items
    edit_lines(project, PLAYBOOK, lambda lines: lines[: items[0].line - 1] + lines[items[0].line:])
    orphan = project / "docs/de/playbooks/old-name.md"
    orphan.write_bytes((project / "docs/de/playbooks/commerce-strategy.md").read_bytes())
    expected = headlines(findings(project))
    assert [line.split(" ")[1] for line in expected] == ["PB102", "PB401"]
    with caplog.at_level(logging.INFO), pytest.raises(Abort, match="BuildError"):
        build_site(project, strict=False)
    reported = parity_records(caplog)
    assert Counter(reported) == Counter(
        f"{item.headline()}" for item in findings(project)
    ), "each finding once, not once per language pass"


def test_a_warning_fails_strict_builds_only_and_is_reported_once(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    orphan = project / "docs/de/playbooks/old-name.md"
    orphan.write_bytes((project / "docs/de/playbooks/commerce-strategy.md").read_bytes())
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build_site(project, strict=True)
    assert len(parity_records(caplog)) == 1
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_site(project, strict=False)
    assert len(parity_records(caplog)) == 1
