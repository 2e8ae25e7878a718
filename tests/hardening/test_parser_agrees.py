"""Class 6 of the hardening: the parser agrees with Python-Markdown and MkDocs about what a
page contains.

A stage is an ``<h2>`` in the rendered page: for each body below, the number of stages the
parser finds equals the number of ``<h2>`` Python-Markdown renders with the site's extensions.
What a page is follows MkDocs' own rule, a stage repeated with the source's anchor is a finding,
and file names that differ only in Unicode normalization are explained.
"""

from __future__ import annotations

import contextlib
import io
import unicodedata
from pathlib import Path

import markdown
import pytest
from mkdocs.utils import markdown_extensions

from conftest import TWO_LOCALE_CONFIG
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.html_blocks import BLOCK_LEVEL_TAGS
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.core.tree import MARKDOWN_EXTENSIONS

EXTENSIONS = ["attr_list", "admonition", "md_in_html", "toc"]  # as the site's mkdocs.yml
FRONT_MATTER = "---\ntitle: T\ndescription: d\n---\n\n"

BODIES = {
    "a comment over blank lines": "<!-- draft\n\n## Hidden {#h}\n\n-->\n\n## Real {#r}\n",
    "a comment on one line, then a heading": "<!-- note -->\n## Real {#r}\n",
    "a comment closed mid-line": "<!--\n## Hidden\n--> text\n\n## Real {#r}\n",
    "details without markdown": "<details>\n<summary>More</summary>\n\n## Hidden {#h}\n\n"
                                "- not a capability\n\n</details>\n\n## Real {#r}\n",
    "details with markdown": "<details markdown>\n<summary>More</summary>\n\n## Shown {#s}\n\n"
                             "</details>\n\n## Real {#r}\n",
    "nested divs": "<div>\n<div>\n\n## Hidden\n\n</div>\n\n## Hidden too\n\n</div>\n\n"
                   "## Real {#r}\n",
    "a div on one line": "<div>x</div>\n## Real {#r}\n",
    "an inline tag, then a heading": "<span>x</span>\n## Real {#r}\n",
    "a table": "<table>\n<tr><td>\n\n## Hidden\n\n</td></tr>\n</table>\n\n## Real {#r}\n",
    "a rule": "<hr>\n\n## Real {#r}\n",
    "plain stages": "## One {#one}\n\n- a\n\n## Two {#two}\n\n- b\n",
}


@pytest.mark.parametrize("body", sorted(BODIES))
def test_stages_are_the_h2_python_markdown_renders(body: str) -> None:
    text = BODIES[body]
    rendered = markdown.markdown("# T\n\n" + text, extensions=EXTENSIONS)
    parsed = parse_page("x.md", "x.md", "en", (FRONT_MATTER + "# T\n\n" + text).encode())
    assert len(parsed.stages) == rendered.count("<h2"), rendered


def test_block_level_tags_are_python_markdown_s() -> None:
    assert set(markdown.Markdown().block_level_elements) == BLOCK_LEVEL_TAGS


def test_what_a_page_is_follows_mkdocs() -> None:
    assert tuple(markdown_extensions) == MARKDOWN_EXTENSIONS


def check(root: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", "--config", str(root / "mkdocs.yml")])
    return code, out.getvalue()


def two_locales(root: Path, pages: dict[str, str]) -> Path:
    (root / "mkdocs.yml").write_text(TWO_LOCALE_CONFIG, encoding="utf-8")
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


TRANSLATED = ("---\ntitle: T\ndescription: d\ncontent-id: c\nsource-git-commit: "
              + "0" * 40 + "\nsource-wordcount: 1\nworkflow-type: ht\nht-degree: 100%\n---\n\n")


@pytest.mark.parametrize("name", ["guide.markdown", "guide.mdown", "guide.mkd"])
def test_every_page_mkdocs_builds_is_checked(tmp_path: Path, name: str) -> None:
    root = two_locales(tmp_path, {f"docs/en/{name}": FRONT_MATTER + "## A {#a}\n"})
    code, out = check(root)
    assert code == 1 and f"docs/sv/{name}:1: PB101" in out


def test_an_upper_case_extension_is_a_static_file_as_for_mkdocs(tmp_path: Path) -> None:
    root = two_locales(tmp_path, {"docs/en/index.md": FRONT_MATTER + "[n](notes.MD)\n",
                                  "docs/en/notes.MD": "not a page\n",
                                  "docs/sv/index.md": TRANSLATED + "[n](notes.MD)\n"})
    code, out = check(root)
    assert code == 0, out  # notes.MD is copied as it is, like an image: nothing to translate


def test_a_stage_repeated_with_the_source_anchor_is_a_finding(tmp_path: Path) -> None:
    source = FRONT_MATTER + "## A {#a}\n\n- x\n\n## B {#b}\n\n- y\n"
    root = two_locales(tmp_path, {"docs/en/index.md": source, "docs/sv/index.md": TRANSLATED
                                  + "## A {#a}\n\n- x\n\n## A {#a}\n\n- x\n\n## B {#b}\n\n- y\n"})
    code, out = check(root)
    assert code == 1
    assert "docs/sv/index.md:15: PB305 stage-duplicate: stage `A` {#a} repeats the stage at " \
           "line 11" in out


def test_names_that_differ_only_in_normalization_are_explained(tmp_path: Path) -> None:
    nfc, nfd = (unicodedata.normalize(form, "översikt.md") for form in ("NFC", "NFD"))
    assert nfc != nfd
    root = two_locales(tmp_path, {f"docs/en/{nfc}": FRONT_MATTER + "## A {#a}\n",
                                  f"docs/sv/{nfd}": TRANSLATED + "## A {#a}\n"})
    code, out = check(root)
    assert code == 1
    assert f"docs/sv/{nfc}:1: PB101" in out
    assert "differ only in Unicode normalization" in out
