"""The library on the built site: escaped, switched off by its option, and a navigation without
a section split in two where a locale lacks a page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import allow_missing_pages, build_site, copy_project, set_front_matter

SCRIPT_TITLE = '<script>alert("card")</script> & Co'
RETENTION = "playbooks/customer-retention.md"
FULFILLMENT = "playbooks/order-fulfillment.md"


def test_cards_escape_titles_and_the_navigation_keeps_one_section(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    set_front_matter(project, "sv", RETENTION, "title", json.dumps(SCRIPT_TITLE))
    (project / "docs" / "de" / FULFILLMENT).unlink()
    allow_missing_pages(project)
    site = build_site(project)

    swedish = (site / "sv" / "index.html").read_text(encoding="utf-8")
    assert 'alert("card")</script>' not in swedish
    assert "&lt;script&gt;alert(&#34;card&#34;)&lt;/script&gt; &amp; Co" in swedish
    assert len(re.findall(r'<li class="playbook-card"', swedish)) == 3
    ids = re.findall(r'\bid="([^"]+)"', swedish)
    assert len(ids) == len(set(ids))  # the library's ids clash with no heading's

    german = (site / "de" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<nav class="md-nav" data-md-level="1"', german)
    assert len(sections) == 1  # the fallback page sits in the locale's own section
    links = re.findall(
        r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', german)
    assert "Order Fulfillment" in links and "Kundenbindung" in links


def test_library_page_option_empty_turns_the_cards_off(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - playbook:\n", "  - playbook:\n      library_page: ''\n", 1), encoding="utf-8")
    site = build_site(project)
    for prefix in ("", "sv/", "de/"):
        assert "playbook-card" not in (site / prefix / "index.html").read_text(encoding="utf-8")
