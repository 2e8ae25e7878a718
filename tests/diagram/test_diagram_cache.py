"""The diagram caches draw a page once and never serve a stale picture for a changed page."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import PROJECT_ROOT, build_site
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.diagram.cache import MARKUP_FOLDER, cached_markup, cached_png
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


def test_markup_is_drawn_once_per_content_and_a_changed_page_is_drawn_again(
    tmp_path: Path,
) -> None:
    drawn: list[str] = []

    def draw(text: str) -> str:
        drawn.append(text)
        return f"<svg>{len(text)}</svg>"

    original = PLAYBOOK.read_text(encoding="utf-8")
    first = cached_markup(tmp_path, ("figure", "sv", original), lambda: draw(original))
    again = cached_markup(tmp_path, ("figure", "sv", original), lambda: draw(original))
    assert first == again == f"<svg>{len(original)}</svg>" and len(drawn) == 1
    changed = original.replace("- Kampanjer", "- Kampanjer och erbjudanden")
    cached_markup(tmp_path, ("figure", "sv", changed), lambda: draw(changed))
    cached_markup(tmp_path, ("figure", "de", original), lambda: draw(original))  # another part
    assert len(drawn) == 3


def test_a_site_built_from_the_markup_cache_equals_one_drawn_afresh(project: Path) -> None:
    page = PLAYBOOK.relative_to(PROJECT_ROOT / "docs").with_suffix("")
    built = [build_site(project) / page / "index.html" for _ in range(2)]
    from_cache = built[1].read_text(encoding="utf-8")
    assert list((project / MARKUP_FOLDER).iterdir())  # the second build read these
    shutil.rmtree(project / MARKUP_FOLDER)
    afresh = (build_site(project) / page / "index.html").read_text(encoding="utf-8")
    assert "pbd-shape" in afresh and from_cache == afresh
