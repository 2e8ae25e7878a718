"""A CAT tool edits targets (here through translate-toolkit's own API, as tools built on it
do); the import puts each change at its segment's line and the check stays clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from translate.storage import po, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import X

from conftest import (
    PLAYBOOK,
    TRANSLATIONS,
    add_linked_sentence,
    check_is_clean,
    commit_all,
    edit_xliff,
    export_locale,
    git,
)
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.parse import parse_page


def unit_by_id(store: xliff.xlifffile | po.pofile, segment_id: str):  # noqa: ANN201
    """The unit of a segment: XLIFF by its id, PO by its msgctxt."""
    for unit in store.units:
        if segment_id in (unit.getid().split("\x04")[-1], unit.getcontext()):
            return unit
    raise AssertionError(f"no unit {segment_id}")


def page_of(project: Path, locale: str, rel_path: str):  # noqa: ANN201
    path = project / "docs" / locale / rel_path
    return parse_page(str(path), rel_path, locale, path.read_bytes())


def test_a_signed_off_capability_lands_on_its_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = export_locale(repo, "sv")
    exported = next(path for path in files if path.name == "commerce-strategy.xlf")
    store = xliff.xlifffile.parsefile(str(exported))
    unit = unit_by_id(store, "consideration.cap5")
    unit.rich_target = [StringElem(["Offertförfrågningar via självbetjäning (RFQ)"])]
    unit.set_state_n(unit.S_SIGNED_OFF)
    store.savefile(str(exported))
    before = page_of(repo, "sv", PLAYBOOK)
    line = next(item.line for stage in before.stages if stage.anchor == "consideration"
                for item in stage.capabilities.items[4:5])

    assert main(["import", "--config", str(repo / "mkdocs.yml"), str(exported)]) == 0
    after = page_of(repo, "sv", PLAYBOOK)
    assert after.lines[line - 1] == "- Offertförfrågningar via självbetjäning (RFQ)"
    assert len(after.lines) == len(before.lines)
    changed = [n for n, (old, new) in enumerate(zip(before.lines, after.lines, strict=True), 1)
               if old != new]
    # In the body only that line changed; in the front matter only the localization keys.
    assert [n for n in changed if n > after.front_matter_end] == [line]
    # One segment of 60 signed off by a person: 2%.
    assert [after.lines[n - 1] for n in changed if n != line] == ["ht-degree: 2%"]
    source_commit = git(repo, "log", "-1", "--format=%H", "--", f"docs/en/{PLAYBOOK}")
    assert after.meta("source-git-commit") == source_commit
    assert after.meta("workflow-type") == "mt"  # how it was made has not changed
    check_is_clean(repo, capsys)


def test_a_link_keeps_its_target_when_the_sentence_is_reworded(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_linked_sentence(repo)
    exported = next(p for p in export_locale(repo, "de") if p.name == "index.xlf")
    store = xliff.xlifffile.parsefile(str(exported))
    segment = next(unit.getid().split("\x04")[-1] for unit in store.units
                   if "the commerce strategy" in unit.source)
    edit_xliff(exported, segment, lambda unit: setattr(unit, "rich_target", [StringElem(
        ["Lesen Sie zuerst ", X(id="1"), "die Handelsstrategie", X(id="2"), "."])]))
    assert main(["import", "--config", str(repo / "mkdocs.yml"), str(exported)]) == 0
    assert ("Lesen Sie zuerst [die Handelsstrategie](playbooks/commerce-strategy.md)."
            in (repo / "docs" / "de" / "index.md").read_text(encoding="utf-8"))
    check_is_clean(repo, capsys)


def test_a_reviewed_po_file_records_a_human_review(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = next(p for p in export_locale(repo, "sv", "po") if p.name == "index.po")
    store = po.pofile.parsefile(str(exported))
    title = unit_by_id(store, "h1")
    title.target = "Spelböcker för e-handel"
    store.savefile(str(exported))
    config = str(repo / "mkdocs.yml")
    assert main(["import", "--reviewed", "--config", config, str(exported)]) == 0
    page = page_of(repo, "sv", "index.md")
    assert page.title == "Spelböcker för e-handel"
    assert page.meta("ht-degree") == "100%"
    commit_all(repo, "reviewed Swedish home page")
    assert main(["status", "--locale", "sv", "--config", config]) == 0
    # Reviewed, so no longer listed as machine-translated (columns pad to the longest path).
    assert re.search(r"^  index\.md +up to date$", capsys.readouterr().out, re.MULTILINE)
    check_is_clean(repo, capsys)


def test_a_link_text_on_a_scaffolded_page_keeps_its_link(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The scaffold writes `- [untranslated] [Awareness](#awareness)`, one segment where the
    source's is the link text alone: the translation goes back inside the source's link."""
    config = str(repo / "mkdocs.yml")
    assert main(["new-locale", "fr", "--name", "Français", "--config", config]) == 0
    exported = next(p for p in export_locale(repo, "fr") if p.name.startswith("commerce"))
    store = xliff.xlifffile.parsefile(str(exported))
    item = unit_by_id(store, "intro.item1")
    assert item.source == "Awareness"
    item.target = "Notoriété"
    store.savefile(str(exported))
    assert main(["import", "--config", config, str(exported)]) == 0
    text = (repo / "docs" / "fr" / PLAYBOOK).read_text(encoding="utf-8")
    assert "\n- [Notoriété](#awareness)\n- [untranslated] [Consideration](#consideration)\n" in text
    check_is_clean(repo, capsys)


def test_the_workflow_type_is_recorded_as_told(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = next(p for p in export_locale(repo, "de") if p.name == "index.xlf")
    edit_xliff(exported, "h1", lambda unit: setattr(unit, "target", "Handbücher"))
    config = str(repo / "mkdocs.yml")
    assert main(["import", "--workflow-type", "ht", "--config", config, str(exported)]) == 0
    page = page_of(repo, "de", "index.md")
    assert (page.title, page.meta("workflow-type"), page.meta("ht-degree")) == (
        "Handbücher", "ht", "0%")  # a person made it; nobody has signed a segment off yet
    check_is_clean(repo, capsys)


def test_the_record_goes_to_the_keys_the_site_names(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site whose schema names its own key for a role (`role_keys`) gets it written there."""
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    schema = ("      role_keys: {ht_degree: human-share}\n"
              "      translation_keys: [content-id, source-git-commit, source-wordcount, "
              "workflow-type, human-share]\n")
    config.write_text(text.replace("      playbooks: [\"*\"]\n",
                                   "      playbooks: [\"*\"]\n" + schema, 1), encoding="utf-8")
    for page in (p for locale in TRANSLATIONS for p in (repo / "docs" / locale).rglob("*.md")):
        page.write_text(page.read_text(encoding="utf-8").replace("ht-degree:", "human-share:"),
                        encoding="utf-8")
    exported = next(p for p in export_locale(repo, "de") if p.name == "index.xlf")
    edit_xliff(exported, "h1", lambda unit: unit.set_state_n(unit.S_SIGNED_OFF))
    assert main(["import", "--config", str(config), str(exported)]) == 0
    imported = page_of(repo, "de", "index.md")
    assert imported.meta("human-share") == "17%"  # one of six segments signed off
    assert imported.meta("ht-degree") is None
    check_is_clean(repo, capsys)
