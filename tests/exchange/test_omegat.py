"""A real CAT tool: OmegaT's console mode translates an exported file from a TMX memory, and the
import puts its translations on the page. Skipped when OmegaT (Debian package ``omegat``) is not
installed; ``scripts/test.sh`` installs it as root."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tmx

from conftest import PLAYBOOK, check_is_clean, export_locale
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.parse import parse_page

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
MEMORY = {"Awareness": "Notoriété", "Product comparison": "Comparaison de produits"}

pytestmark = pytest.mark.skipif(
    not OMEGAT_JAR.is_file() or shutil.which("java") is None,
    reason="OmegaT is not installed (Debian: apt-get install omegat; scripts/test.sh does it "
    "as root)",
)


def omegat_project(folder: Path, source_file: Path) -> Path:
    """An OmegaT project translating `source_file` from English to French, whose project
    memory holds :data:`MEMORY`."""
    for name in ("source", "target", "tm", "omegat", "glossary", "dictionary"):
        (folder / name).mkdir(parents=True)
    shutil.copy(source_file, folder / "source" / source_file.name)
    settings = {
        "source_dir": "__DEFAULT__", "target_dir": "__DEFAULT__", "tm_dir": "__DEFAULT__",
        "glossary_dir": "__DEFAULT__", "glossary_file": "__DEFAULT__",
        "dictionary_dir": "__DEFAULT__", "source_lang": "en", "target_lang": "fr",
        "source_tok": "org.omegat.tokenizer.LuceneEnglishTokenizer",
        "target_tok": "org.omegat.tokenizer.LuceneFrenchTokenizer",
        "sentence_seg": "false",  # one segment per unit, as exported
        "support_default_translations": "true", "remove_tags": "false",
    }
    root = etree.Element("omegat")
    project = etree.SubElement(root, "project", version="1.0")
    for name, value in settings.items():
        etree.SubElement(project, name).text = value
    etree.ElementTree(root).write(str(folder / "omegat.project"), encoding="UTF-8",
                                  xml_declaration=True, standalone=True)
    memory = tmx.tmxfile(sourcelanguage="en", targetlanguage="fr")
    for source, target in MEMORY.items():
        memory.addtranslation(source, "en", target, "fr")
    memory.savefile(str(folder / "omegat" / "project_save.tmx"))
    return folder


def test_omegat_translates_an_export_from_a_tmx_memory(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(repo / "mkdocs.yml")
    assert main(["new-locale", "fr", "--name", "Français", "--config", config]) == 0
    exported = next(p for p in export_locale(repo, "fr", "xliff", "--copy-source")
                    if p.name.startswith("commerce"))
    project = omegat_project(tmp_path / "omegat", exported)
    done = subprocess.run(
        ["java", "-Djava.awt.headless=true", "-jar", str(OMEGAT_JAR), str(project),
         "--mode=console-translate"],
        capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    translated = project / "target" / exported.name

    assert main(["import", "--config", config, str(translated)]) == 0
    path = repo / "docs" / "fr" / PLAYBOOK
    page = parse_page(str(path), PLAYBOOK, "fr", path.read_bytes())
    awareness = next(stage for stage in page.stages if stage.anchor == "awareness")
    assert awareness.title == "Notoriété"
    assert page.lines[awareness.capabilities.items[1].line - 1] == "- Comparaison de produits"
    # What the memory did not hold is still marked, and the record says how it was made.
    assert awareness.capabilities.items[0].text.startswith("[untranslated] ")
    assert page.meta("workflow-type") == "tm+mt" and page.meta("ht-degree") == "0%"
    check_is_clean(repo, capsys)
