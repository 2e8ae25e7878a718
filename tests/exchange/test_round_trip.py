"""Export every locale and import the files unchanged: every page stays byte for byte."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import (
    SOURCE_PAGES,
    TRANSLATIONS,
    copy_example,
    copy_example_in_suffix_layout,
    docs_bytes,
    export_locale,
)
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.exchange.inline import join_parts, split_inline
from mkdocs_playbooks.exchange.segments import page_segments, render_body


@pytest.mark.parametrize("file_format", ["xliff", "po"])
def test_every_locale_round_trips_byte_for_byte(
    repo: Path, file_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = docs_bytes(repo)
    files = [path for locale in TRANSLATIONS for path in export_locale(repo, locale, file_format)]
    assert len(files) == len(SOURCE_PAGES) * len(TRANSLATIONS)
    assert main(["import", "--config", str(repo / "mkdocs.yml"), *map(str, files)]) == 0
    assert docs_bytes(repo) == before
    out = capsys.readouterr().out
    assert out.count(": unchanged") == len(files)


def test_a_scaffolded_locale_round_trips_and_stays_untranslated(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(repo / "mkdocs.yml")
    assert main(["new-locale", "fr", "--name", "Français", "--config", config]) == 0
    before = docs_bytes(repo)
    files = export_locale(repo, "fr")
    out = capsys.readouterr().out
    counts = re.findall(r"\((\d+) segments: (\d+) new\)", out)
    assert len(counts) == len(SOURCE_PAGES) and all(total == new for total, new in counts)
    assert "(60 segments: 60 new)" in out and "(6 segments: 6 new)" in out
    assert main(["import", "--config", config, *map(str, files)]) == 0
    assert docs_bytes(repo) == before
    # Targets that copy the source, still in state new, are no translation either.
    files = export_locale(repo, "fr", "xliff", "--copy-source")
    playbook = next(path for path in files if path.name == "commerce-strategy.xlf")
    assert "<target state=\"new\">Product comparison</target>" in playbook.read_text("utf-8")
    assert main(["import", "--config", config, *map(str, files)]) == 0
    assert docs_bytes(repo) == before


@pytest.mark.parametrize("markdown", [
    "Use `code`, **bold _nested_ text**, [!DNL Adobe Commerce] and <br> here.",
    "A [link with `code`](other.md#part \"title\") and ![alt *text*](a.png){: .wide}",
    "Literal {1} braces, an escaped \\* star, snake_case words and 2*3*4.",
    "Unclosed [bracket and *star, trailing backslash \\",
])
def test_inline_parts_join_back_to_the_text(markdown: str) -> None:
    assert join_parts(split_inline(markdown)) == markdown


def test_segments_of_an_unusual_page_render_back_exactly() -> None:
    text = (
        "---\ntitle: 'Quoted: title'\ndescription: >\n  Folded\n  text\n---\n\n"
        "Setext heading\n==============\n\n"
        "Paragraph over\n  two lines with trailing space  \n\n"
        "## Stage {#stage}\n\n"
        "1. First\n   lazy continuation\n2. [Only a link](x.md)\n    - nested item\n\n"
        "| Cell | `code` |\n| --- | --- |\n| a \\| b | c |\n\n"
        "> Quoted line\n\n!!! note \"Admonition title\"\n    Body.\n\n"
        "```\n## not a heading\n- not an item\n```\n\n"
        "<div>\nHTML stays\n</div>\n\n[ref]: https://example.org\n"
    )
    page = parse_page("docs/en/x.md", "x.md", "en", text.encode())
    segments = page_segments(page)
    kinds = {segment.kind for segment in segments}
    assert {"title", "description", "heading", "paragraph", "table cell", "quote",
            "admonition title", "link text", "list item"} <= kinds
    assert not any("not a heading" in s.text or "HTML stays" in s.text for s in segments)
    assert render_body(page, segments, {s.id: s.outer(s.text) for s in segments}) == page.text
    swapped = render_body(page, segments, {s.id: s.outer(s.text.upper()) for s in segments})
    assert "## not a heading" in swapped and "PARAGRAPH OVER\n  TWO LINES" in swapped


@pytest.mark.parametrize("copy", [copy_example, copy_example_in_suffix_layout],
                         ids=["folder layout", "suffix layout"])
def test_another_site_round_trips_in_either_layout(
    tmp_path: Path, copy: Callable[[Path], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The example third-party site (ordinary pages and a playbook, French): export and import
    find its pages where its i18n layout puts them."""
    site = copy(tmp_path / "site")
    before = docs_bytes(site)
    files = export_locale(site, "fr", "po")
    assert len(files) == 3
    assert main(["import", "--config", str(site / "mkdocs.yml"), *map(str, files)]) == 0
    assert docs_bytes(site) == before
    out = capsys.readouterr().out
    suffix = copy is copy_example_in_suffix_layout
    assert ("docs/playbooks/win-back.fr.md: unchanged" if suffix
            else "docs/fr/playbooks/win-back.md: unchanged") in out
