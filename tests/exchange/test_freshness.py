"""A source change since the translation's commit: exactly that segment needs review, in the
exported file and in `playbook status --segments`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from translate.storage import po, xliff

from conftest import PLAYBOOK, commit_all, docs_bytes, export_locale
from mkdocs_playbooks.cli.main import main

OLD, NEW = "- Self-service quote request (RFQ)", "- Self-service quote requests for buyers (RFQ)"


@pytest.fixture
def changed(repo: Path) -> Path:
    """The repository after one English capability was edited and committed."""
    path = repo / "docs" / "en" / PLAYBOOK
    text = path.read_text(encoding="utf-8")
    assert text.count(OLD + "\n") == 1
    path.write_text(text.replace(OLD + "\n", NEW + "\n"), encoding="utf-8")
    commit_all(repo, "Reword one capability")
    return repo


def test_export_marks_exactly_the_changed_segment_for_review(changed: Path) -> None:
    exported = next(p for p in export_locale(changed, "sv") if p.name.startswith("commerce"))
    store = xliff.xlifffile.parsefile(str(exported))
    states = {unit.getid().split("\x04")[-1]: unit.get_state_n() for unit in store.units}
    needs_review = store.UnitClass.S_NEEDS_REVIEW
    review = {unit_id for unit_id, state in states.items() if state == needs_review}
    assert review == {"consideration.cap5"}
    assert all(state == store.UnitClass.S_TRANSLATED for unit_id, state in states.items()
               if unit_id not in review)
    unit = next(u for u in store.units if u.getid().endswith("consideration.cap5"))
    notes = unit.getnotes()
    assert "it said: Self-service quote request (RFQ)" in notes
    # The glossary's entries for the segment's terms, from glossary/sv.yml.
    assert "glossary: quote = `offert` or `offerera`; not `citat`" in notes
    assert "glossary: RFQ = `offertförfrågan`" in notes
    assert unit.source == NEW.removeprefix("- ")


def test_po_export_marks_it_fuzzy(changed: Path) -> None:
    exported = next(p for p in export_locale(changed, "de", "po") if p.name.startswith("commerce"))
    fuzzy = [u for u in po.pofile.parsefile(str(exported)).units if u.isfuzzy()]
    assert [unit.getcontext() for unit in fuzzy] == ["consideration.cap5"]
    # gettext's record of the source it was translated from (`#| msgid`), which PO tools diff.
    assert fuzzy[0].prev_source == "Self-service quote request (RFQ)"
    assert '#| msgid "Self-service quote request (RFQ)"' in exported.read_text("utf-8")


def test_status_segments_names_the_changed_segment(
    changed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(changed / "mkdocs.yml")
    assert main(["status", "--segments", "--locale", "sv", "--config", config]) == 0
    out = capsys.readouterr().out
    assert "1 segment(s) changed in the source since" in out
    assert "consideration.cap5  (stage #consideration, capability 5) changed" in out
    assert "was: Self-service quote request (RFQ)" in out
    assert "now: Self-service quote requests for buyers (RFQ)" in out
    assert main(["status", "--segments", "--format", "json", "--config", config]) == 0
    document = json.loads(capsys.readouterr().out)
    pages = {(locale["locale"], page["page"]): page
             for locale in document["locales"] for page in locale["pages"]}
    assert pages["de", "index.md"]["segments"] is None  # up to date: nothing to list
    changes = pages["de", PLAYBOOK]["segments"]["changes"]
    assert [change["id"] for change in changes] == ["consideration.cap5"]


def test_unchanged_import_of_a_needs_review_file_changes_nothing(changed: Path) -> None:
    before = docs_bytes(changed)
    files = export_locale(changed, "sv")
    assert main(["import", "--config", str(changed / "mkdocs.yml"), *map(str, files)]) == 0
    assert docs_bytes(changed) == before


def test_confirming_the_reviewed_segment_records_the_new_source_commit(
    changed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = next(p for p in export_locale(changed, "sv") if p.name.startswith("commerce"))
    store = xliff.xlifffile.parsefile(str(exported))
    unit = next(u for u in store.units if u.getid().endswith("consideration.cap5"))
    unit.set_state_n(unit.S_TRANSLATED)  # the translator finds the translation still right
    store.savefile(str(exported))
    assert main(["import", "--config", str(changed / "mkdocs.yml"), str(exported)]) == 0
    text = (changed / "docs" / "sv" / PLAYBOOK).read_text(encoding="utf-8")
    assert "source-wordcount: 376\n" in text
    commit_all(changed, "Swedish reviewed")
    capsys.readouterr()
    assert main(["status", "--segments", "--locale", "sv", "--format", "json",
                 "--config", str(changed / "mkdocs.yml")]) == 0
    page = next(page for page in json.loads(capsys.readouterr().out)["locales"][0]["pages"]
                if page["page"] == PLAYBOOK)
    assert page["state"] == "up-to-date" and page["segments"] is None
