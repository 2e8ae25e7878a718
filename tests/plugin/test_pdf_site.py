"""The optional PDFs (plugin option pdf: true): each playbook of each locale printed by Debian's
Chromium beside its page and linked from it; without Chromium the build stops before it renders
anything, with a message that says what to do."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import PLAYBOOK, build_site, copy_project

CHROMIUM = Path("/usr/bin/chromium")
NOTICE_TITLES = {"sv": "Maskinöversättning", "de": "Maschinelle Übersetzung"}


def with_pdf_option(project: Path, *options: str) -> Path:
    """`project` with only the first playbook (one PDF per locale keeps this test short) and
    the plugin's `options` set."""
    for page in (project / "docs").glob("*/playbooks/*.md"):
        if page.name != Path(PLAYBOOK).name:
            page.unlink()
    config = project / "mkdocs.yml"
    lines = "".join(f"      {option}\n" for option in options)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - playbook:\n", f"  - playbook:\n{lines}", 1), encoding="utf-8")
    return project


@pytest.mark.skipif(not CHROMIUM.is_file(), reason=f"Debian chromium not found at {CHROMIUM}")
def test_each_locale_gets_a_pdf_of_each_playbook_linked_from_its_page(tmp_path: Path):
    project = with_pdf_option(copy_project(tmp_path / "project"), "pdf: true",
                              f"pdf_chromium: {CHROMIUM}")
    site = build_site(project)
    stem = Path(PLAYBOOK).stem
    for locale in ("en", "sv", "de"):
        folder = site / ("" if locale == "en" else locale) / "playbooks" / stem
        pdf = folder / f"{stem}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-"), locale
        html = (folder / "index.html").read_text(encoding="utf-8")
        assert f'<p class="playbook-pdf"><a href="{stem}.pdf" download>' in html
        assert not list(folder.glob(".*.partial"))
        home = (site / ("" if locale == "en" else locale) / "index.html").read_text("utf-8")
        assert "playbook-pdf" not in home  # only playbooks are printed
        if shutil.which("pdftotext"):  # poppler-utils: what the PDF says
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                  text=True, check=True, timeout=60).stdout
            title = html.split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0].strip()
            assert title in text, locale
            if locale in NOTICE_TITLES:
                assert NOTICE_TITLES[locale] in text  # the notice is printed too
            assert "https://playbooks.example.org/" in text  # link targets written out


def test_without_chromium_the_build_stops_before_rendering(tmp_path: Path, caplog):
    project = with_pdf_option(copy_project(tmp_path / "project"), "pdf: true",
                              f"pdf_chromium: {tmp_path / 'no-chromium'}")
    with pytest.raises((Abort, PluginError)):
        build_site(project)
    message = " ".join(record.getMessage() for record in caplog.records)
    assert "plugins.playbook.pdf: Chromium not found" in message
    assert not (project / "site" / "index.html").exists()
