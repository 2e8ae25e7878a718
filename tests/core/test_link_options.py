"""Links the docs tree does not hold as written: site-absolute links under a link root, links
that leave the documentation (external prefixes), and which findings a build leaves to MkDocs'
own link validation."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from conftest import TWO_LOCALE_CONFIG, build_site, findings, parity_records
from mkdocs_playbooks.core.settings import SettingsError, load_settings

OPTIONS = """\
      link_roots: {"/help/": ""}
      external_links: ["/docs/other-product/", "../../../other-repo/"]
"""
PAGE = (
    "---\ntitle: A\ndescription: A.\ncontent-id: c1\n{keys}---\n\n# A\n\n"
    "See [b](/help/guide/b.md), [c](/docs/other-product/c.md) and [d](../../../other-repo/d.md).\n"
)
KEYS = ("source-git-commit: 0123456789abcdef0123456789abcdef01234567\n"
        "source-wordcount: '5'\nworkflow-type: ht\nht-degree: 100%\n")


def write(root: Path, options: str = OPTIONS, page: str = PAGE) -> None:
    marker = "  - playbook:\n"
    assert marker in TWO_LOCALE_CONFIG
    config = TWO_LOCALE_CONFIG.replace(marker, marker + options)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for locale, keys in (("en", ""), ("sv", KEYS)):
        folder = root / "docs" / locale
        (folder / "guide").mkdir(parents=True, exist_ok=True)
        (folder / "a.md").write_text(page.format(keys=keys), encoding="utf-8")
        (folder / "guide" / "b.md").write_text(
            "---\ntitle: B\ndescription: B.\ncontent-id: c2\n" + keys + "---\n\n# B\n",
            encoding="utf-8",
        )


def test_link_roots_and_external_prefixes_resolve(tmp_path: Path) -> None:
    write(tmp_path)
    assert [item.headline() for item in findings(tmp_path)] == []


def test_without_the_options_the_same_links_are_unresolved(tmp_path: Path) -> None:
    write(tmp_path, options="")
    found = [(item.rule, item.found) for item in findings(tmp_path)]
    assert sorted(set(found)) == [
        ("PB502", "/docs/other-product/c.md"), ("PB502", "/help/guide/b.md"),
        ("PB503", "../../../other-repo/d.md"),
    ]


def test_a_link_root_still_finds_a_dead_link(tmp_path: Path) -> None:
    write(tmp_path, page=PAGE.replace("/help/guide/b.md", "/help/guide/gone.md"))
    assert [(item.rule, item.path, item.found) for item in findings(tmp_path)] == [
        ("PB502", "docs/en/a.md", "/help/guide/gone.md"),
        ("PB502", "docs/sv/a.md", "/help/guide/gone.md"),
    ]


@pytest.mark.parametrize(("options", "message"), [
    ("      link_roots: [/help/]\n", "link_roots must map"),
    ("      external_links: /docs/\n", "external_links must be a list"),
])
def test_bad_link_options_are_a_clear_error(tmp_path: Path, options: str, message: str) -> None:
    write(tmp_path, options=options)
    with pytest.raises(SettingsError, match=message):
        load_settings(tmp_path / "mkdocs.yml")


def test_a_build_leaves_relative_dead_links_to_mkdocs_validation(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`playbook check` reports the dead relative link (PB502); the build does not repeat
    what MkDocs' `validation: links: not_found` already warns about."""
    write(tmp_path, page=PAGE.replace("(/help/guide/b.md)", "(guide/gone.md)"))
    assert {item.rule for item in findings(tmp_path)} == {"PB502"}
    with caplog.at_level(logging.INFO):
        build_site(tmp_path, strict=False)
    assert parity_records(caplog) == []
    mkdocs_warnings = [
        record.getMessage() for record in caplog.records
        if record.levelno == logging.WARNING and "guide/gone.md" in record.getMessage()
    ]
    assert mkdocs_warnings, "MkDocs reports the dead link itself"
