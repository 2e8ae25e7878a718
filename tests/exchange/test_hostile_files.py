"""Files an import must refuse: each gives one clear error at the exchange file's line, exit 1,
and nothing under docs/ changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from translate.storage import po, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import G, X

from conftest import PLAYBOOK, add_linked_sentence, docs_bytes, edit_xliff, export_locale
from mkdocs_playbooks.cli.main import main


def exported(project: Path, name: str, file_format: str = "xliff") -> Path:
    return next(p for p in export_locale(project, "sv", file_format) if p.stem == name)


def refused(project: Path, path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    """Import `path`, expecting a refusal; return the error line."""
    before = docs_bytes(project)
    capsys.readouterr()
    assert main(["import", "--config", str(project / "mkdocs.yml"), *extra, str(path)]) == 1
    assert docs_bytes(project) == before
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.endswith("playbook: nothing was written\n")
    return err.splitlines()[0]


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


LINKED_TEXT = "the commerce strategy"
"""In the paragraph add_linked_sentence gives the home page: placeholders 1 ``[`` and
2 ``](playbooks/…)`` around it."""


def linked_segment(path: Path) -> str:
    """The id of the exported home page's segment with the link."""
    store = xliff.xlifffile.parsefile(str(path))
    return next(unit.getid().split("\x04")[-1] for unit in store.units
                if LINKED_TEXT in unit.source)


def placeholders(unit: xliff.xliffunit) -> list[str]:
    return [str(e.id) for e in unit.rich_source[0].flatten() if isinstance(e, X)]


def test_broken_xml(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported(repo, "commerce-strategy")
    text = path.read_text(encoding="utf-8")
    cut = text.index("consideration.cap1")
    path.write_text(text[:cut] + "<unclosed" + text[cut:], encoding="utf-8")
    error = refused(repo, path, capsys)
    assert error.startswith(f"playbook: error: {path}:{line_of(path, '<unclosed')}: not "
                            "well-formed XML")


def test_entities_are_refused_not_expanded(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = exported(repo, "index")
    text = path.read_text(encoding="utf-8")
    translated = re.compile(r'(<target state="translated">[^<&]+)</target>')
    declaration = ('<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/hostname">'
                   '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n')
    text = text.replace("<xliff ", declaration + "<xliff ", 1)
    text = translated.sub(r"\1 &secret; &b;</target>", text, count=1)
    assert "&secret;" in text
    path.write_text(text, encoding="utf-8")
    error = refused(repo, path, capsys)
    assert error.startswith(f"playbook: error: {path}:1: has a document type declaration")


def test_not_an_exchange_file_at_all(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo.parent / "notes.po"
    path.write_text('msgid "unterminated\n', encoding="utf-8")
    assert refused(repo, path, capsys).startswith(f"playbook: error: {path}:")


@pytest.mark.parametrize("targets, message", [
    (["Börja med ", "1", "E-handelsstrategi."], "placeholder 2 (`](playbooks/commerce-strategy"
     ".md)`) is missing from the translation; put it back"),
    (["Börja med ", "1", "E-handel", "2", " och ", "2", "."], "placeholder 2 (`](playbooks/"
     "commerce-strategy.md)`) appears 2 times; keep it once"),
    (["Se ", "3", "."], "placeholder 3 is not one of the source's (2 placeholders)"),
])
def test_a_broken_placeholder_in_xliff(
    repo: Path, capsys: pytest.CaptureFixture[str], targets: list[str], message: str
) -> None:
    add_linked_sentence(repo)
    path = exported(repo, "index")
    linked = linked_segment(path)

    def retarget(unit: xliff.xliffunit) -> None:
        assert placeholders(unit) == ["1", "2"]
        unit.rich_target = [StringElem([X(id=t) if t.isdigit() else t for t in targets])]

    edit_xliff(path, linked, retarget)
    error = refused(repo, path, capsys)
    line = line_of(path, f'id="{linked}"')
    assert error == f"playbook: error: {path}:{line}: segment `{linked}`: {message}"


def test_a_line_break_in_a_capability(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported(repo, "commerce-strategy")
    edit_xliff(path, "purchase.cap2",
               lambda unit: setattr(unit, "target", "Kundvagn\n- och kassa"))
    error = refused(repo, path, capsys)
    line = line_of(path, 'id="purchase.cap2"')
    assert error == (f"playbook: error: {path}:{line}: "
                     "segment `purchase.cap2`: the translation has a line break; the capability "
                     "is one line in the source: keep it on one line")


def test_markup_a_cat_tool_added(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported(repo, "index")
    edit_xliff(path, "h1", lambda unit: setattr(unit, "rich_target", [
        StringElem([G(id="9", sub=[StringElem(["Spelböcker"])])])]))
    error = refused(repo, path, capsys)
    line = line_of(path, 'id="h1"')
    assert f"{path}:{line}: inline element <g> is not allowed" in error


def test_a_broken_placeholder_in_po(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_linked_sentence(repo)
    path = exported(repo, "index", "po")
    store = po.pofile.parsefile(str(path))
    unit = next(u for u in store.units if LINKED_TEXT in u.source)
    assert "{2}" in unit.target
    unit.target = unit.target.replace("{2}", "")
    store.savefile(str(path))
    error = refused(repo, path, capsys)
    linked = unit.getcontext()
    line = line_of(path, f'msgctxt "{linked}"')
    assert error.startswith(f"playbook: error: {path}:{line}: segment `{linked}`: placeholder 2")


def test_a_segment_id_that_does_not_exist(repo: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = exported(repo, "commerce-strategy")
    edit_xliff(path, "awareness.cap7", lambda unit: unit.setid("awareness.cap99"))
    error = refused(repo, path, capsys)
    assert error == (f"playbook: error: {path}:{line_of(path, 'awareness.cap99')}: segment id "
                     "`awareness.cap99` does not exist in docs/en/playbooks/commerce-strategy.md")


def test_a_missing_segment(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported(repo, "commerce-strategy")
    store = xliff.xlifffile.parsefile(str(path))
    store.removeunit(next(u for u in store.units if u.getid().endswith("support.cap4")))
    store.savefile(str(path))
    error = refused(repo, path, capsys)
    assert f"{path}:" in error
    assert "segment `support.cap4` (stage #support, capability 4, docs/en/playbooks/" in error
    assert "is missing from the file" in error


def test_a_file_for_another_page(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported(repo, "commerce-strategy")
    store = xliff.xlifffile.parsefile(str(path))
    store.setfilename(store.getfilenode(store.getfilenames()[0]), "docs/en/index.md")
    store.savefile(str(path))
    error = refused(repo, path, capsys)
    assert error == (f"playbook: error: {path}:{line_of(path, 'page: docs/sv/')}: the file is "
                     f"for page `docs/sv/{PLAYBOOK}`, not docs/sv/index.md")


def test_a_file_for_another_locale(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported(repo, "index", "po")
    store = po.pofile.parsefile(str(path))
    store.updateheader(Language="de")
    store.savefile(str(path))
    error = refused(repo, path, capsys)
    assert "the file is for page `docs/sv/index.md`, not docs/de/index.md" in error


def test_a_page_changed_since_the_export_needs_force(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = exported(repo, "index")
    page = repo / "docs" / "sv" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Välkommen", "Hej"),
                    encoding="utf-8")
    error = refused(repo, path, capsys)
    assert error == (f"playbook: error: {path}:{line_of(path, 'page-sha256')}: docs/sv/index.md "
                     "is not the page this file was exported from (it changed since the export, "
                     "or the file is for another page): export again, or import with --force")
    assert main(["import", "--force", "--config", str(repo / "mkdocs.yml"), str(path)]) == 0
    assert "Välkommen" in page.read_text(encoding="utf-8")  # the file's text wins


def test_one_bad_file_and_nothing_is_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = exported(repo, "index")
    edit_xliff(good, "h1", lambda unit: setattr(unit, "target", "Spelböcker"))
    bad = exported(repo, "commerce-strategy")
    bad.write_text("<xliff", encoding="utf-8")
    before = docs_bytes(repo)
    assert main(["import", "--config", str(repo / "mkdocs.yml"), str(good), str(bad)]) == 1
    assert docs_bytes(repo) == before
