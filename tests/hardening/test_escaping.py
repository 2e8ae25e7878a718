"""Class 2 of the hardening: everything that reaches HTML, XML, JSON or a terminal is escaped,
whatever its YAML type.

Page text and mkdocs.yml values are markup, control characters and line breaks here; the built
site must hold none of it raw, every SVG and the JUnit report must parse, no output line may
carry a control character, and no output format may let page content start a GitHub
workflow command (``::error …``).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import PLAYBOOK, build_site, run_playbook, set_front_matter

SV, EN = f"docs/sv/{PLAYBOOK}", f"docs/en/{PLAYBOOK}"
RAW = ("<script>alert(", "onerror=alert(", "</title><script>")
CONTROL_CHARACTERS = [chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F)]


def lower_rule(project: Path, rule: str) -> None:
    """Let the build go on past a finding, to see what reaches the site."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("source_locale: en\n", f"source_locale: en\n      severity: "
                                   f"{{{rule}: ignore}}\n", 1), encoding="utf-8")


def site_texts(site: Path) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in site.rglob("*")
            if path.suffix in (".html", ".xml", ".svg", ".json")}


@pytest.mark.parametrize("value", [
    "['</title><script>alert(2)</script>']",  # a list
    "{x: '</title><script>alert(2)</script>'}",  # a mapping
    "['\"><script>alert(3)</script>']",
])
def test_a_title_or_description_of_any_yaml_type_is_escaped(project: Path, value: str) -> None:
    for locale in ("en", "sv", "de"):
        set_front_matter(project, locale, PLAYBOOK, "title", value)
        set_front_matter(project, locale, PLAYBOOK, "description", value)
    code, out, _ = run_playbook(project, "check")
    assert code == 1 and f"{SV}:" in out and "PB205" in out  # reported first
    lower_rule(project, "PB205")
    site = build_site(project, strict=False)
    texts = site_texts(site)
    for path, text in texts.items():
        assert not any(raw in text for raw in RAW), path
    page = texts[site / "sv/playbooks/commerce-strategy/index.html"]
    assert "&lt;script&gt;alert(" in page  # shown as text, so the check above is not vacuous


def test_a_language_name_is_escaped_in_the_selector(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    name = "'\"><img src=x onerror=alert(7)>'"
    config.write_text(text.replace("name: Svenska", f"name: {name}", 1), encoding="utf-8")
    site = build_site(project)
    texts = site_texts(site)
    for path, html in texts.items():
        assert "<img src=x onerror=alert(7)>" not in html, path
    index = texts[site / "index.html"]
    assert "&lt;img src=x onerror=alert(7)&gt;" in index
    assert texts[site / "404.html"].count("&lt;img src=x") >= 1


@pytest.mark.parametrize("control", ["\x01", "\x1b", "\x7f", "\x0c"])
def test_a_control_character_in_a_capability_leaves_every_svg_well_formed(
    project: Path, control: str
) -> None:
    for locale in ("en", "sv", "de"):
        path = project / "docs" / locale / PLAYBOOK
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n- ", f"\n- Bad{control}char ", 1), encoding="utf-8")
    site = build_site(project)
    svgs = list(site.rglob("*.svg"))
    assert svgs
    for svg in svgs:
        ET.fromstring(svg.read_bytes())  # raises on a character XML cannot hold
    page = (site / "sv/playbooks/commerce-strategy/index.html").read_text(encoding="utf-8")
    ET.fromstring(page[page.index("<svg"):page.index("</svg>") + 6].encode())


def hostile_translation(project: Path) -> None:
    """A stage title with an ESC sequence and a line break, a source key whose name carries a
    line break and a workflow command (the translation lacks it: PB204 names it), and a
    title with controls."""
    path = project / SV
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n\n## \x1b[31mRed\x1b[0m \x07bell {#extra}\n", encoding="utf-8")
    source = project / EN
    key = '"x\\n::error file=README.md,line=1::owned"'
    source.write_text(source.read_text(encoding="utf-8").replace(
        "---\n", f"---\n{key}: y\n", 1), encoding="utf-8")
    set_front_matter(project, "sv", PLAYBOOK, "title", '"T\\x1b]0;x\\x07\\n::warning ::t"')


def starts_a_workflow_command(line: str) -> bool:
    return line.lstrip().startswith("::")


@pytest.mark.parametrize("output_format", ["text", "json", "junit", "github"])
def test_no_output_lets_page_content_start_a_workflow_command(
    project: Path, output_format: str
) -> None:
    hostile_translation(project)
    code, out, err = run_playbook(project, "check", "--format", output_format)
    assert code == 1
    for character in CONTROL_CHARACTERS:
        assert character not in out + err, repr(character)
    commands = [line for line in (out + err).split("\n") if starts_a_workflow_command(line)]
    if output_format == "github":  # its own commands only: one per finding, page text escaped
        findings = out.count("\n::") + out.startswith("::")
        assert len(commands) == findings
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in commands)
        assert not any("owned" in line.split("::", 2)[1] for line in commands)
    else:
        assert commands == []
    if output_format == "json":
        messages = [item["message"] for item in json.loads(out)["findings"]]
        assert any("::error file=README.md" in message for message in messages)
    if output_format == "junit":
        ET.fromstring(out.split("\n", 1)[1])


def test_status_text_has_one_line_per_fact_and_no_controls(project: Path) -> None:
    hostile_translation(project)
    code, out, err = run_playbook(project, "status")
    assert code == 0
    for character in CONTROL_CHARACTERS:
        assert character not in out + err, repr(character)
    assert not any(starts_a_workflow_command(line) for line in (out + err).split("\n"))
