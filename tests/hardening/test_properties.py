"""Property-based tests: the parser, the comparer and the whole check hold up on any input.

Whatever bytes a page holds, nothing raises, and every diagnostic names a real file (or the
path where a missing page belongs) and a line that exists in that file. On well-formed
generated pages the parser also finds exactly the stages and top-level capabilities that were
written, however lists and fences are nested around them.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TWO_LOCALE_CONFIG
from hardening.files import line_breaks_before, lines_in
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.compare import (
    LocalePages,
    compare_locale,
    first_difference,
    page_diagnostics,
)
from mkdocs_playbooks.core.diagnostics import Diagnostic
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.core.tree import DocsTree
from mkdocs_playbooks.project.check import check_project

PROPERTIES = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
ON_DISK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REL_PATH = "playbooks/page.md"


def assert_line_exists(line: int, raw: bytes, what: str) -> None:
    assert 1 <= line <= max(1, lines_in(raw)), f"{what}: line {line} of {lines_in(raw)}"


def assert_page_lines_exist(page: ParsedPage, raw: bytes) -> None:
    """Every line number the parser recorded points into the file."""
    recorded = [("problem " + p.rule, p.line) for p in page.problems]
    recorded += [("front matter key " + k.name, k.line) for k in page.front_matter]
    recorded += [("title", page.title_line)] if page.title_line is not None else []
    for stage in page.stages:
        recorded.append(("stage " + stage.title, stage.line))
        recorded.append(("capability list", stage.capabilities.line))
        recorded += [("capability " + item.text, item.line) for item in stage.capabilities.items]
        recorded += [("paragraph", line) for line in stage.capabilities.prose_lines]
    recorded += [("reference " + ref.target, ref.line) for ref in page.references]
    for what, line in recorded:
        assert_line_exists(line, raw, what)


# --- strategies -----------------------------------------------------------------------------

MARKDOWN_CHARS = st.sampled_from(list("ab zé#-*+`~{}[]()!<>:&\"'\t|=_.1\\/") + ["\u00a0", "ö"])
WORDS = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzåäö")),
                min_size=1, max_size=8)
PLAIN_TEXT = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)
NOISY_TEXT = st.text(alphabet=MARKDOWN_CHARS, max_size=30)
LINE_ENDING = st.sampled_from(["\n", "\r\n", "\r"])

FRONT_MATTER_VALUE = st.one_of(
    NOISY_TEXT, st.integers(), st.none(), st.booleans(), st.lists(PLAIN_TEXT, max_size=3)
)


@st.composite
def front_matter(draw: st.DrawFn) -> list[str]:
    """Front matter as lines: none, valid keys, random YAML-ish noise, or never closed."""
    kind = draw(st.sampled_from(["none", "valid", "noise", "unclosed", "empty"]))
    if kind == "none":
        return []
    if kind == "empty":
        return ["---", "---"]
    if kind == "noise":
        return ["---", *draw(st.lists(NOISY_TEXT, max_size=5)), "---"]
    keys = draw(st.lists(
        st.sampled_from(["title", "description", "content-id", "source-git-commit",
                         "source-wordcount", "workflow-type", "ht-degree", "extra", "tags"]),
        unique=True, max_size=8,
    ))
    body = []
    for key in keys:
        value = draw(FRONT_MATTER_VALUE)
        if isinstance(value, list):
            body += [f"{key}:"] + [f"  - {item}" for item in value]
        else:
            body.append(f"{key}: {'' if value is None else value}")
    return ["---", *body] + ([] if kind == "unclosed" else ["---"])


def list_block(depth: int = 0) -> st.SearchStrategy[list[str]]:
    """A list whose items may hold nested lists and fences, indented by the item's content."""
    marker = st.sampled_from(["-", "*", "+", "1.", "2)"])
    child = st.deferred(lambda: list_block(depth + 1)) if depth < 3 else st.just([])

    @st.composite
    def build(draw: st.DrawFn) -> list[str]:
        lines = []
        for _ in range(draw(st.integers(1, 4))):
            bullet = draw(marker)
            gap = draw(st.sampled_from([" ", "  ", "\t"]))
            lines.append(f"{bullet}{gap}{draw(NOISY_TEXT)}")
            indent = " " * (len(bullet) + (4 - len(bullet) % 4 if gap == "\t" else len(gap)))
            if draw(st.booleans()):
                lines += [indent + line if line else line for line in draw(child)]
            if draw(st.booleans()):
                lines += [indent + line for line in draw(fence_block())]
        return lines

    return build()


@st.composite
def fence_block(draw: st.DrawFn, closed: bool | None = None) -> list[str]:
    """A fenced block whose content looks like structure: headings, items, other fences."""
    fence = draw(st.sampled_from(["```", "~~~", "````", "~~~~~"]))
    content = draw(st.lists(st.one_of(
        NOISY_TEXT, st.just("## Fake {#fake}"), st.just("- fake item"), st.just("```"),
        st.just("# Not a title"), st.just("---"),
    ), max_size=5))
    content = [line for line in content if not line.strip().startswith(fence)]
    is_closed = draw(st.booleans()) if closed is None else closed
    return [fence + draw(st.sampled_from(["", "python", "md"])), *content] + (
        [fence] if is_closed else []
    )


NOISY_BLOCK = st.one_of(
    st.lists(NOISY_TEXT, min_size=1, max_size=3),  # paragraph-ish lines
    st.builds(lambda level, text: ["#" * level + " " + text], st.integers(1, 7), NOISY_TEXT),
    st.builds(lambda text, bar: [text, bar], NOISY_TEXT, st.sampled_from(["===", "---", "- -"])),
    list_block(),
    fence_block(),
    st.just(["<div>", "## Inside html {#html}", "</div>"]),
    st.just(["    indented code", "    ## not a heading"]),
    st.sampled_from([
        ["![escape](../../../../etc/passwd)"], ["[link](../other.md#part)"],
        ["<img src='../../x.png'>"], ["[ref]: ../../../../etc/passwd"], ["!!! note", "    text"],
        ["![a](<spaced path.png> \"title\")"], ["[](#)"], ["***"],
    ]),
)


@st.composite
def noisy_page(draw: st.DrawFn, bom: bool = True) -> bytes:
    """A page built from Markdown-shaped pieces, then joined with random line endings."""
    lines = draw(front_matter())
    for block in draw(st.lists(NOISY_BLOCK, max_size=12)):
        lines += block + draw(st.sampled_from([[""], []]))
    ending = draw(LINE_ENDING)
    text = ending.join(lines) + draw(st.sampled_from(["", ending]))
    prefix = draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) if bom else b""
    return prefix + text.encode("utf-8")


ANY_PAGE = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda text: text.encode("utf-8")),
    noisy_page(),
)


# --- the parser ------------------------------------------------------------------------------


@PROPERTIES
@given(ANY_PAGE)
def test_parser_never_raises_and_every_line_exists(raw: bytes) -> None:
    page = parse_page("docs/en/" + REL_PATH, REL_PATH, "en", raw)
    assert_page_lines_exist(page, raw)
    assert page.line_count == 0 or page.line_count >= lines_in(raw)


@PROPERTIES
@given(noisy_page(bom=False), st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80"]),
       st.floats(0, 1))
def test_bad_bytes_are_reported_at_their_own_line(raw: bytes, bad: bytes, where: float) -> None:
    at = int(len(raw) * where)
    hostile = raw[:at] + bad + raw[at:]
    page = parse_page("docs/en/" + REL_PATH, REL_PATH, "en", hostile)
    expected_line = line_breaks_before(raw, at) + 1
    assert [p.line for p in page.problems if p.rule == "PB103"] == [expected_line]


@st.composite
def well_formed_page(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, int]]]:
    """A page with known stages and top-level item counts, wrapped in nesting and fences that
    must not change them. Returns the bytes and the expected (anchor, item count) per stage."""
    lines = ["---", "title: T", "description: D", "---", "", "# Title", ""]
    expected = []
    stage_count = draw(st.integers(0, 5))
    for index in range(stage_count):
        anchor = f"stage-{index}"
        lines += [f"## {draw(PLAIN_TEXT)} {{#{anchor}}}", ""]
        if draw(st.booleans()):
            lines += [draw(PLAIN_TEXT), ""]
        items = 0
        for _ in range(draw(st.integers(0, 6))):
            bullet = draw(st.sampled_from(["-", "*", "+"]))
            lines.append(f"{bullet} {draw(PLAIN_TEXT)}")
            items += 1
            if draw(st.booleans()):  # a nested list at the item's content column
                for _ in range(draw(st.integers(1, 3))):
                    lines.append(f"{' ' * (len(bullet) + 1)}- {draw(PLAIN_TEXT)}")
                    if draw(st.booleans()):
                        lines.append(f"{' ' * (len(bullet) + 3)}1. {draw(PLAIN_TEXT)}")
            if draw(st.booleans()):  # a fence inside the item, holding fake structure
                indent = " " * (len(bullet) + 1)
                lines += [indent + line for line in draw(fence_block(closed=True))]
        lines.append("")
        if draw(st.booleans()):  # a top-level fence between stages, also with fake structure
            lines += [*draw(fence_block(closed=True)), ""]
        expected.append((anchor, items))
    ending = draw(LINE_ENDING)
    return ending.join(lines).encode("utf-8"), expected


@PROPERTIES
@given(well_formed_page())
def test_parser_finds_exactly_the_stages_and_items_written(
    case: tuple[bytes, list[tuple[str, int]]],
) -> None:
    raw, expected = case
    page = parse_page("docs/en/" + REL_PATH, REL_PATH, "en", raw)
    assert page.problems == ()
    assert page.title == "Title"
    assert [(s.anchor, len(s.capabilities.items)) for s in page.stages] == expected
    assert_page_lines_exist(page, raw)


# --- the comparer ----------------------------------------------------------------------------


def _tree(source: dict[str, ParsedPage], translation: dict[str, ParsedPage]) -> DocsTree:
    files = {f"en/{rel}" for rel in source} | {f"sv/{rel}" for rel in translation}
    return DocsTree(
        root=Path("/nonexistent"), docs_dir=Path("/nonexistent/docs"), source_locale="en",
        locales={"en": LocalePages("en", "docs/en", source),
                 "sv": LocalePages("sv", "docs/sv", translation)},
        files=frozenset(files), asset_files=frozenset({"assets/x.png"}),
    )


def assert_diagnostics_point_into_files(
    found: list[Diagnostic], contents: dict[str, bytes], missing: set[str]
) -> None:
    for item in found:
        if item.path in missing:
            assert item.line == 1, item.headline()
            continue
        assert item.path in contents, f"{item.headline()}: not a page path"
        assert_line_exists(item.line, contents[item.path], item.headline())


@PROPERTIES
@given(
    st.dictionaries(st.sampled_from(["a.md", "b.md", REL_PATH]), ANY_PAGE, max_size=3),
    st.dictionaries(st.sampled_from(["a.md", "c.md", REL_PATH]), ANY_PAGE, max_size=3),
)
def test_comparer_never_raises_and_points_into_files(
    source_raw: dict[str, bytes], translation_raw: dict[str, bytes]
) -> None:
    source = {rel: parse_page(f"docs/en/{rel}", rel, "en", raw) for rel, raw in source_raw.items()}
    translation = {
        rel: parse_page(f"docs/sv/{rel}", rel, "sv", raw) for rel, raw in translation_raw.items()
    }
    tree = _tree(source, translation)
    found = [d for page in source.values() for d in page_diagnostics(page, tree.resolve)]
    found += compare_locale(tree.source, tree.locales["sv"], tree.resolve)
    contents = {f"docs/en/{rel}": raw for rel, raw in source_raw.items()}
    contents |= {f"docs/sv/{rel}": raw for rel, raw in translation_raw.items()}
    missing = {f"docs/sv/{rel}" for rel in source_raw if rel not in translation_raw}
    assert_diagnostics_point_into_files(found, contents, missing)
    assert {d.path for d in found if d.rule == "PB101"} == missing


@PROPERTIES
@given(well_formed_page(), well_formed_page())
def test_comparer_on_well_formed_pages_reports_inside_the_translation(
    source_case: tuple[bytes, list], translation_case: tuple[bytes, list]
) -> None:
    (source_raw, source_stages), (raw, stages) = source_case, translation_case
    source = {REL_PATH: parse_page("docs/en/" + REL_PATH, REL_PATH, "en", source_raw)}
    translation = {REL_PATH: parse_page("docs/sv/" + REL_PATH, REL_PATH, "sv", raw)}
    tree = _tree(source, translation)
    found = compare_locale(tree.source, tree.locales["sv"], tree.resolve)
    assert_diagnostics_point_into_files(found, {"docs/sv/" + REL_PATH: raw}, set())
    if source_stages == stages:
        assert not [d for d in found if d.rule.startswith(("PB3", "PB4"))]
    else:
        assert [d for d in found if d.rule.startswith(("PB3", "PB4"))]


# --- the whole check, on disk, through settings and the command line ---------------------------

@ON_DISK
@given(
    st.dictionaries(st.sampled_from(["index.md", REL_PATH]), ANY_PAGE, max_size=2),
    st.dictionaries(st.sampled_from(["index.md", "extra.md", REL_PATH]), ANY_PAGE, max_size=3),
)
def test_check_and_command_line_on_random_projects(
    source_raw: dict[str, bytes], translation_raw: dict[str, bytes]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "mkdocs.yml").write_text(TWO_LOCALE_CONFIG, encoding="utf-8")
        contents = {}
        for locale, pages in (("en", source_raw), ("sv", translation_raw)):
            (root / "docs" / locale).mkdir(parents=True)
            for rel, raw in pages.items():
                path = root / "docs" / locale / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(raw)
                contents[f"docs/{locale}/{rel}"] = raw
        _, found = check_project(load_settings(root / "mkdocs.yml"))
        missing = {f"docs/sv/{rel}" for rel in source_raw if rel not in translation_raw}
        assert_diagnostics_point_into_files(found, contents, missing)
        for item in found:
            assert item.path in missing or (root / item.path).is_file()

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", "--config", str(root / "mkdocs.yml")])
        assert code == (1 if any(d.severity.label == "error" for d in found) else 0)
        assert "Traceback" not in out.getvalue() + err.getvalue()
        assert out.getvalue().count("\n") >= len(found)


CAPABILITY_WORDS = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz")),
                          min_size=4, max_size=10)


@PROPERTIES
@given(st.lists(CAPABILITY_WORDS, min_size=2, max_size=900, unique=True), st.data())
def test_a_dropped_capability_is_found_where_it_was_dropped(
    words: list[str], data: st.DataObject
) -> None:
    """An untranslated list with one item left out: the lists part exactly there, however
    long the list (the alignment searches only near the diagonal). Items are two or three
    distinct words and a number, so no two items look alike to the alignment (same length
    and same letter trigrams), as no two capabilities of a real list do."""
    items, start = [], 0
    while len(words) - start >= 2:
        size = 3 if len(words) - start >= 3 and data.draw(st.booleans()) else 2
        items.append(" ".join(words[start:start + size]) + f" {len(items)}")
        start += size
    index = data.draw(st.integers(0, len(items) - 1))
    assert first_difference(items, items[:index] + items[index + 1:]) == index
