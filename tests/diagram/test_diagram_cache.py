"""The PNG cache renders a layout once and never serves a stale picture for a changed page."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT_ROOT
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.diagram.cache import cached_png
from mkdocs_playbooks.diagram.layout import WIDE, DiagramLayout, layout_diagram
from mkdocs_playbooks.diagram.png import render_png

PLAYBOOK = PROJECT_ROOT / "docs/sv/playbooks/commerce-strategy.md"


def layout_of(text: bytes) -> DiagramLayout:
    return layout_diagram(parse_page("p.md", "p.md", "sv", text), WIDE)


def test_a_layout_is_rendered_once_and_a_changed_page_gets_a_new_file(tmp_path: Path) -> None:
    calls: list[DiagramLayout] = []

    def counting_render(layout: DiagramLayout) -> bytes:
        calls.append(layout)
        return render_png(layout)

    original = PLAYBOOK.read_bytes()
    first = cached_png(layout_of(original), tmp_path, counting_render)
    again = cached_png(layout_of(original), tmp_path, counting_render)
    assert first == again and len(calls) == 1
    assert first.read_bytes().startswith(b"\x89PNG")

    changed = original.replace(b"- Kampanjer", b"- Kampanjer och erbjudanden")
    assert changed != original
    other = cached_png(layout_of(changed), tmp_path, counting_render)
    assert other != first and len(calls) == 2
    assert sorted(path.name for path in other.parent.iterdir()) == sorted([first.name, other.name])
