"""Broken and hostile input, case by case: what `playbook check` reports, its exit code, and
what a real `mkdocs build` does with it.

Each case starts from a fresh copy of the real project and a builder that damages it; the
builder returns the findings the check must report (``path:line RULE``, or ``path RULE`` when
the line is not the point), computed from the files themselves, never hard-coded. Every site
that gets built, in full or aborted, is searched for leaked files and unescaped markup.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, ConfigurationError

from conftest import SOURCE_PAGES, build_site, copy_project
from hardening.files import lines_in
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.diagnostics import Diagnostic, Severity
from mkdocs_playbooks.core.settings import SettingsError, load_settings
from mkdocs_playbooks.project.check import check_project

LOCALES = ("en", "sv", "de")
PLAYBOOK = "playbooks/commerce-strategy.md"
EN, SV, DE = (f"docs/{locale}/{PLAYBOOK}" for locale in LOCALES)
EVERY_PLAYBOOK = (EN, SV, DE)
ESCAPE = "../../../../etc/passwd"
SCRIPT = "<script>alert(1)</script>"
HOSTILE_TITLE = f'Tom {SCRIPT} & "Jerry"'
SCRIPT_PATTERN = re.compile(r"<script>alert\(\d\)")
ATTRIBUTE_BREAKOUT = 'x" onmouseover="alert(4)'

Builder = Callable[[Path], list[str]]
"""Damages the project copy; returns the expected findings."""


@dataclass(frozen=True)
class Case:
    """One hostile input. `build` is what `mkdocs build --strict` does: "ok"; "aborts" (the
    check stops it before any page is written); "fails-strict" (a warning fails it at the
    end); "config-error" (MkDocs cannot load mkdocs.yml)."""

    name: str
    damage: Builder
    exit_code: int  # of `playbook check`
    build: str

    def __str__(self) -> str:
        return self.name


# --- helpers to damage a project -------------------------------------------------------------


def text_of(project: Path, rel: str) -> str:
    return (project / rel).read_text(encoding="utf-8")


def put(project: Path, rel: str, data: bytes | str) -> None:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def line_of(text: str, needle: str) -> int:
    """The first line (1-based) that contains `needle`."""
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


def last_line(text: str) -> int:
    return len(text.rstrip("\n").split("\n"))


def first_stage_heading(text: str) -> str:
    return next(line for line in text.split("\n") if line.startswith("## "))


def rewrite(rel: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        put(project, rel, change(text_of(project, rel)))
    return apply


def append_everywhere(project: Path, line: str) -> list[int]:
    """Append `line` to the playbook of every locale; return its line in each."""
    lines = []
    for rel in EVERY_PLAYBOOK:
        text = text_of(project, rel).rstrip("\n") + "\n\n" + line + "\n"
        put(project, rel, text)
        lines.append(last_line(text))
    return lines


def add_language(project: Path, locale: str, name: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "        - locale: sv\n"
    assert anchor in text
    entry = f"        - locale: {locale}\n          name: {name}\n          build: true\n"
    config.write_text(text.replace(anchor, entry + anchor), encoding="utf-8")


def set_front_matter(rel: str, key: str, value: str) -> Callable[[Path], None]:
    return rewrite(rel, lambda text: re.sub(rf"^{key}: .*$", f"{key}: {value}", text,
                                            count=1, flags=re.M))


# --- the builders -----------------------------------------------------------------------------


def broken_yaml(project: Path) -> list[str]:
    set_front_matter(SV, "title", "[unclosed, list")(project)
    return [f"{SV}:{line_of(text_of(project, SV), 'title:')} PB201"]


def unclosed_front_matter(project: Path) -> list[str]:
    lines = text_of(project, SV).split("\n")
    closing = lines.index("---", 1)
    put(project, SV, "\n".join(lines[:closing] + lines[closing + 1:]))
    return [f"{SV}:1 PB201"]


def structure_missing(project: Path) -> list[str]:
    """A Swedish page without a body misses every stage of the source, and the references of
    its introduction (those in a missing stage are part of the one PB301 finding)."""
    source = text_of(project, EN)
    introduction = source.split("\n## ", 1)[0]
    return [f"{SV} PB301"] * source.count("\n## ") + [f"{SV} PB501"] * introduction.count("](")


def front_matter_only(project: Path) -> list[str]:
    lines = text_of(project, SV).split("\n")
    put(project, SV, "\n".join(lines[: lines.index("---", 1) + 1]) + "\n")
    return structure_missing(project)


def replace_page(data: bytes, finding: str, *, has_body: bool = False) -> Builder:
    """Replace the Swedish page with `data`; `finding` is ``line RULE``. A non-empty page
    without the source's body also misses its stages and references."""
    def damage(project: Path) -> list[str]:
        put(project, SV, data)
        return [f"{SV}:{finding}"] + ([] if has_body else structure_missing(project))
    return damage


def latin1_bytes(project: Path) -> list[str]:
    text = text_of(project, SV)
    put(project, SV, text.encode("latin-1"))
    first = next(n for n, line in enumerate(text.split("\n"), 1) if not line.isascii())
    return [f"{SV}:{first} PB103"]


def nul_byte(project: Path) -> list[str]:
    text = text_of(project, SV)
    heading = first_stage_heading(text)
    put(project, SV, text.replace(heading, heading + "\x00", 1))
    return [f"{SV}:{line_of(text, heading)} PB103"]


def clean(change: Callable[[Path], None]) -> Builder:
    def damage(project: Path) -> list[str]:
        change(project)
        return []
    return damage


def with_bom(project: Path) -> None:
    put(project, SV, b"\xef\xbb\xbf" + (project / SV).read_bytes())


def line_endings(ending: str) -> Callable[[Path], None]:
    return rewrite(SV, lambda text: text.replace("\n", ending))


def tab_after_bullets(text: str) -> str:
    return re.sub(r"^- ", "-\t", text, flags=re.M)


def mixed_bullets(text: str) -> str:
    markers = iter("-*+" * 100)
    return re.sub(r"^- ", lambda _: next(markers) + " ", text, flags=re.M)


def structure_in_fences(text: str) -> str:
    fake = ("```markdown\n## Extra {#extra}\n- fake capability\n# Another title\n```\n\n"
            "~~~\n## Also fake {#also}\n~~~\n\n")
    heading = first_stage_heading(text)
    return text.replace(heading, fake + heading, 1)


def unclosed_fence(project: Path) -> list[str]:
    text = text_of(project, SV)
    second = [line for line in text.split("\n") if line.startswith("## ")][1]
    put(project, SV, text.replace(second, "```\n" + second, 1))
    swallowed = text.split(second, 1)[1].count("\n## ") + 1
    return [f"{SV} PB301"] * swallowed  # the image is in a swallowed stage: part of its PB301


def escaping_image(project: Path) -> list[str]:
    text = text_of(project, SV).rstrip("\n") + f"\n\n![passwd]({ESCAPE})\n"
    put(project, SV, text)
    return [f"{SV}:{last_line(text)} PB503"]


def escaping_everywhere(line: str, rule: str) -> Builder:
    def damage(project: Path) -> list[str]:
        at = append_everywhere(project, line)
        return [f"{rel}:{number} {rule}" for rel, number in zip(EVERY_PLAYBOOK, at, strict=True)]
    return damage


def symlink(rel: str, target: str, rule: str) -> Builder:
    def damage(project: Path) -> list[str]:
        os.symlink(target, project / rel)
        return [f"{rel}:1 {rule}"]
    return damage


def locale_self_loop(project: Path) -> list[str]:
    add_language(project, "fr", "Français")
    os.symlink("fr", project / "docs/fr")
    return ["docs/fr:1 PB103", *(f"docs/fr/{rel}:1 PB101" for rel in SOURCE_PAGES)]


def loop_inside_locale(project: Path) -> list[str]:
    add_language(project, "fr", "Français")
    for rel in SOURCE_PAGES:  # a complete locale, so the loop is the only finding
        put(project, f"docs/fr/{rel}", (project / "docs/de" / rel).read_bytes())
    os.symlink("..", project / "docs/fr/loop")
    return ["docs/fr/loop:1 PB103"]


def missing_locale_folder(project: Path) -> list[str]:
    add_language(project, "fr", "Français")
    return ["docs/fr:1 PB103", *(f"docs/fr/{rel}:1 PB101" for rel in SOURCE_PAGES)]


def ten_megabyte_page(project: Path) -> list[str]:
    paragraph = "Ett långt stycke text som bara finns för att göra sidan stor. " * 15 + "\n\n"
    filler = paragraph * (10_000_000 // len(paragraph.encode("utf-8")) + 1)
    text = text_of(project, SV).rstrip("\n") + "\n\n" + filler + "## Extra {#extra}\n"
    put(project, SV, text)
    assert len(text.encode("utf-8")) >= 10_000_000
    return [f"{SV}:{last_line(text)} PB302"]


def long_list(dropped: int | None) -> Builder:
    """A page with 10,000 capabilities in every locale; Swedish drops item `dropped`."""
    def page(word: str, skip: int | None) -> str:
        items = "\n".join(f"- {word} {n}" for n in range(1, 10_001) if n != skip)
        return (f"---\ntitle: {word}\ndescription: {word}\ncontent-id: long\n"
                "source-git-commit: 0123456789abcdef0123456789abcdef01234567\n"
                "source-wordcount: 20000\nworkflow-type: ht\nht-degree: 100%\n---\n\n"
                f"# {word}\n\n## {word} {{#all}}\n\n{items}\n")

    def damage(project: Path) -> list[str]:
        rel = "playbooks/long.md"
        put(project, f"docs/en/{rel}", page("Capability", None))
        put(project, f"docs/de/{rel}", page("Fähigkeit", None))
        swedish = page("Förmåga", dropped)
        put(project, f"docs/sv/{rel}", swedish)
        if dropped is None:
            return []
        return [f"docs/sv/{rel}:{line_of(swedish, f'- Förmåga {dropped + 1}')} PB401"]
    return damage


def deep_nesting(project: Path) -> None:
    text = text_of(project, SV)
    first_item = next(line for line in text.split("\n") if line.startswith("- "))
    nested = "\n".join("  " * depth + f"- nivå {depth}" for depth in range(1, 200))
    put(project, SV, text.replace(first_item, first_item + "\n" + nested, 1))


def long_line(project: Path) -> None:
    rewrite(SV, lambda text: text.replace("\n## ", "\n" + "ord " * 250_000 + "\n\n## ", 1))(
        project
    )


def hostile_titles(project: Path) -> None:
    for rel in (*EVERY_PLAYBOOK, *(f"docs/{locale}/index.md" for locale in LOCALES)):
        set_front_matter(rel, "title", f"'{HOSTILE_TITLE}'")(project)
        set_front_matter(rel, "description", f"'{ATTRIBUTE_BREAKOUT} & <b>bold</b>'")(project)


def hostile_capabilities(project: Path) -> None:
    """A capability that names the tag in a code span, with `&` and quotes, in every locale."""
    def change(text: str) -> str:
        intro, stages = text.split("\n## ", 1)
        return intro + "\n## " + re.sub(
            r"^(- .*)$", r'\1 `<script>alert(2)</script>` & "quoted"', stages, count=1, flags=re.M
        )

    for rel in EVERY_PLAYBOOK:
        rewrite(rel, change)(project)


def heading_without_anchor(project: Path) -> list[str]:
    text = text_of(project, SV)
    heading = first_stage_heading(text)
    put(project, SV, text.replace(heading, heading.rstrip("}"), 1))  # `{#awareness` unclosed
    return [f"{SV}:{line_of(text, heading)} PB304"]


def source_broken(project: Path) -> list[str]:
    set_front_matter(EN, "description", "'never closed")(project)
    return [f"{EN}:{line_of(text_of(project, EN), 'description:')} PB201"]


def broken_config(project: Path) -> list[str]:
    (project / "mkdocs.yml").write_text("site_name: x\nplugins: [i18n\n", encoding="utf-8")
    return []


CASES = [
    Case("broken YAML", broken_yaml, 1, "aborts"),
    Case("unclosed front matter", unclosed_front_matter, 1, "aborts"),
    Case("front matter only", front_matter_only, 1, "aborts"),
    Case("empty file", replace_page(b"", "1 PB104", has_body=True), 1, "aborts"),
    Case("only blank lines", replace_page(b"\n  \n\t\n", "1 PB104", has_body=True), 1,
         "aborts"),
    Case("only a BOM", replace_page(b"\xef\xbb\xbf", "1 PB104", has_body=True), 1, "aborts"),
    Case("front matter is a list", replace_page(b"---\n- a\n- b\n---\n# T\n", "2 PB201"), 1,
         "aborts"),
    Case("YAML indented with a tab", replace_page(b"---\ntitle:\n\tx: 1\n---\n", "3 PB201"), 1,
         "aborts"),
    Case("non-UTF-8 bytes (Latin-1)", latin1_bytes, 1, "aborts"),
    Case("NUL byte", nul_byte, 1, "aborts"),
    Case("UTF-8 BOM", clean(with_bom), 0, "ok"),
    Case("CRLF line ends", clean(line_endings("\r\n")), 0, "ok"),
    Case("lone CR line ends", clean(line_endings("\r")), 0, "ok"),
    Case("tab after bullets", clean(rewrite(SV, tab_after_bullets)), 0, "ok"),
    Case("mixed bullet markers", clean(rewrite(SV, mixed_bullets)), 0, "ok"),
    Case("headings and items inside fences", clean(rewrite(SV, structure_in_fences)), 0, "ok"),
    Case("unclosed fence", unclosed_fence, 1, "aborts"),
    Case("heading with an unclosed {#anchor", heading_without_anchor, 0, "fails-strict"),
    Case("broken YAML in the source page", source_broken, 1, "aborts"),
    Case("image path escaping the project", escaping_image, 1, "aborts"),
    Case("link path escaping the project", escaping_everywhere(f"[p]({ESCAPE})", "PB503"), 1,
         "aborts"),
    Case("HTML img escaping the project",
         escaping_everywhere(f'<img src="{ESCAPE}" alt="p">', "PB503"), 1, "aborts"),
    Case("reference definition escaping the project",
         escaping_everywhere(f"[p]: {ESCAPE}", "PB503"), 1, "aborts"),
    Case("absolute path /etc/passwd", escaping_everywhere("![p](/etc/passwd)", "PB502"), 1,
         "aborts"),
    Case("symlink to /etc/passwd in docs",
         symlink("docs/sv/passwd.txt", "/etc/passwd", "PB503"), 1, "aborts"),
    Case("symlinked folder to /etc in docs", symlink("docs/sv/etc", "/etc", "PB503"), 1,
         "aborts"),
    Case("dangling symlink page", symlink("docs/sv/dead.md", "nowhere.md", "PB103"), 1,
         "aborts"),
    Case("locale folder is a symlink to itself", locale_self_loop, 1, "aborts"),
    Case("symlink loop inside a locale folder", loop_inside_locale, 1, "aborts"),
    Case("locale folder missing", missing_locale_folder, 1, "aborts"),
    Case("10 MB page with a stray stage at its end", ten_megabyte_page, 1, "aborts"),
    Case("10,000 capabilities, one dropped", long_list(5_000), 1, "aborts"),
    Case("10,000 capabilities in step", long_list(None), 0, "ok"),
    Case("200 levels of nested list", clean(deep_nesting), 0, "ok"),
    Case("a 1 MB line", clean(long_line), 0, "ok"),
    Case("titles and descriptions with <script>, quotes and &", clean(hostile_titles), 0,
         "ok"),
    Case("capabilities with <script>, quotes and &", clean(hostile_capabilities), 0, "ok"),
    Case("mkdocs.yml is not valid YAML", broken_config, 2, "config-error"),
]


# --- what every case must show ---------------------------------------------------------------


def matches(found: list[Diagnostic], expected: list[str]) -> bool:
    """Exactly the expected findings: ``path:line RULE`` pins the line, ``path RULE`` does not."""
    remaining = [f"{item.path}:{item.line} {item.rule}" for item in found]
    loose = []
    for want in expected:
        if want in remaining:
            remaining.remove(want)
        else:
            loose.append(want)
    for want in loose:
        path, rule = want.rsplit(" ", 1)
        hit = next((have for have in remaining
                    if have.startswith(path + ":") and have.endswith(" " + rule)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return not remaining


def assert_points_at_real_places(project: Path, found: list[Diagnostic]) -> None:
    for item in found:
        where = project / item.path
        if item.rule == "PB101" or not os.path.lexists(where):  # a missing page or locale
            assert item.rule == "PB101" or where.parent == project / "docs", item.headline()
            assert item.line == 1
        elif where.is_file() and not where.is_symlink():
            assert 1 <= item.line <= max(1, lines_in(where.read_bytes())), item.headline()
        else:  # a folder or a symlink the loader refused to follow
            assert where.is_symlink() or where.is_dir(), item.headline()
            assert item.line == 1


def run_check(project: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--config", str(project / "mkdocs.yml")])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_playbook_check_reports_each_case(tmp_path: Path, case: Case) -> None:
    project = copy_project(tmp_path / "project")
    expected = case.damage(project)
    code, out, err = run_check(project)
    assert "Traceback" not in out + err
    assert code == case.exit_code, out + err
    if code == 2:
        assert err.startswith("playbook: error: ") and "mkdocs.yml" in err
        with pytest.raises(SettingsError):
            load_settings(project / "mkdocs.yml")
        return
    _, found = check_project(load_settings(project / "mkdocs.yml"))
    # Infos never fail a check; the terminology ones (PB602) also fire on text the decoder had
    # to repair, so only errors and warnings are pinned down here.
    failing = [item for item in found if item.severity >= Severity.WARNING]
    assert matches(failing, expected), [item.headline() for item in found]
    assert_points_at_real_places(project, found)
    for item in found:
        assert item.headline() in out


@pytest.mark.parametrize("case", CASES, ids=str)
def test_mkdocs_build_of_each_case(tmp_path: Path, case: Case) -> None:
    project = copy_project(tmp_path / "project")
    case.damage(project)
    if case.build == "ok":
        site = build_site(project, strict=True)
        assert (site / "sv/playbooks/commerce-strategy/index.html").is_file()
    elif case.build == "config-error":
        with pytest.raises(ConfigurationError):
            build_site(project, strict=True)
        site = project / "site"
    else:
        with pytest.raises(Abort):
            build_site(project, strict=True)
        site = project / "site"
        assert (site / "index.html").exists() == (case.build == "fails-strict")
    assert_site_is_safe(site)


def passwd_line() -> bytes:
    return Path("/etc/passwd").read_bytes().split(b"\n", 1)[0]


def assert_site_is_safe(site: Path) -> None:
    """No symlink, no file from outside the project, no unescaped markup from page text."""
    if not site.exists():
        return
    leaked = passwd_line()
    for path in site.rglob("*"):
        assert not path.is_symlink(), path
        if not path.is_file():
            continue
        data = path.read_bytes()
        assert leaked not in data, f"{path} holds /etc/passwd"
        if path.suffix in (".html", ".json", ".xml", ".svg", ".js"):
            text = data.decode("utf-8", errors="replace")
            assert not SCRIPT_PATTERN.search(text), f"{path} holds an unescaped <script>"
            assert 'onmouseover="alert(4)' not in text, f"{path}: an attribute broke out"


def test_hostile_titles_are_shown_escaped(tmp_path: Path) -> None:
    """The escaped text is really there: the safety check above is not vacuous."""
    project = copy_project(tmp_path / "project")
    hostile_titles(project)
    hostile_capabilities(project)
    site = build_site(project, strict=True)
    assert_site_is_safe(site)
    title = "Tom &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
    capability = "&lt;script&gt;alert(2)&lt;/script&gt;"
    for prefix in ("", "sv/", "de/"):
        html = (site / prefix / "playbooks/commerce-strategy/index.html").read_text("utf-8")
        assert title in html  # <title>, header and navigation
        assert re.search(r'content="x(&#34;|&quot;) onmouseover=', html)
        assert capability in html  # the list item and the inline diagram
        diagram = site / prefix / "assets/playbooks/commerce-strategy-framework.svg"
        assert capability in diagram.read_text("utf-8")
        status = (site / prefix / "translation-status/index.html").read_text("utf-8")
        assert title in status
        assert title in (site / prefix / "search/search_index.json").read_text("utf-8")


def test_raw_html_in_a_capability_reaches_only_the_page_body(tmp_path: Path) -> None:
    """Markdown passes raw HTML through, as on every MkDocs site, so a `<script>` typed into a
    bullet stays in that page's list item. Everything derived from the capability text (the
    diagram, inline and as a file; the search index) escapes it."""
    project = copy_project(tmp_path / "project")
    for rel in EVERY_PLAYBOOK:
        rewrite(rel, lambda text: text.replace(
            "\n- ", "\n- <script>alert(3)</script> & ", text.count("\n- "))
        )(project)
    site = build_site(project, strict=True)
    raw = "<script>alert(3)</script>"
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".json", ".svg", ".xml"):
            continue
        text = path.read_text("utf-8")
        page = path.relative_to(site).as_posix().endswith("playbooks/commerce-strategy/index.html")
        if page:  # once per list item written with it, never inside the diagram
            assert text.count(raw) == text.count(f"<li>{raw}"), path
            assert "&lt;script&gt;alert(3)&lt;/script&gt;" in text.split("<svg", 1)[1]
        else:
            assert raw not in text, path


def test_escaping_paths_are_never_copied_even_when_the_build_goes_on(tmp_path: Path) -> None:
    """With PB503 lowered to a warning and no --strict, the build completes: neither the files
    escaping references name nor what symlinks out of the project point at are published."""
    project = copy_project(tmp_path / "project")
    for line in (f"![p]({ESCAPE})", f"[p]({ESCAPE})", f'<img src="{ESCAPE}">'):
        append_everywhere(project, line)
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "key.txt").write_text("SECRET-KEY-OUTSIDE-THE-PROJECT\n", encoding="utf-8")
    (project / "docs/sv/passwd.txt").symlink_to("/etc/passwd")
    (project / "docs/de/secrets").symlink_to(secrets)
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets/key.txt").symlink_to(secrets / "key.txt")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("source_locale: en\n",
                                   "source_locale: en\n      severity: {PB503: warning}\n", 1),
                      encoding="utf-8")
    site = build_site(project, strict=False)
    assert (site / "sv/playbooks/commerce-strategy/index.html").is_file()
    assert (site / "assets/javascripts").is_dir()  # the theme's own files are published
    assert_site_is_safe(site)
    published = {path.name for path in site.rglob("*")}
    assert not published & {"passwd", "passwd.txt", "etc", "secrets", "key.txt"}
    for path in site.rglob("*"):
        assert not path.is_file() or b"SECRET-KEY" not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("case_name", "exit_code"),
    [("UTF-8 BOM", 0), ("image path escaping the project", 1),
     ("heading with an unclosed {#anchor", 1), ("locale folder is a symlink to itself", 1)],
)
def test_mkdocs_command_exit_codes(tmp_path: Path, case_name: str, exit_code: int) -> None:
    """The real `mkdocs build --strict` command, as CI runs it: exit code and no traceback."""
    case = next(case for case in CASES if case.name == case_name)
    project = copy_project(tmp_path / "project")
    case.damage(project)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == exit_code, done.stderr
    assert "Traceback" not in done.stderr
    assert_site_is_safe(project / "site")


def test_command_line_formats_stay_well_formed_with_hostile_text(tmp_path: Path) -> None:
    """A finding and a title made of markup, quotes, `&`, `%` and a line break: JSON and
    JUnit XML parse and give the text back exactly, GitHub gets one annotation line."""
    project = copy_project(tmp_path / "project")
    hostile_titles(project)
    heading = '## <script>alert(5)</script> & "x" 100% {#extra}'
    put(project, SV, text_of(project, SV).rstrip("\n") + "\n\n" + heading + "\n")
    config = str(project / "mkdocs.yml")

    def run(*argv: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([*argv, "--config", config])
        assert "Traceback" not in err.getvalue()
        return code, out.getvalue()

    stage_text = '<script>alert(5)</script> & "x" 100%'
    code, out = run("check", "--format", "json")
    assert code == 1
    [finding] = json.loads(out)["findings"]
    assert finding["rule"] == "PB302" and stage_text in finding["message"]

    _, out = run("check", "--format", "junit")
    messages = [node.get("message", "") + (node.text or "")
                for node in ET.fromstring(out).iter("failure")]
    assert any(stage_text in message for message in messages)

    _, out = run("check", "--format", "github")
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and "PB302" in annotations[0]

    code, out = run("status", "--format", "json")
    assert code == 0
    assert f'"title": {json.dumps(HOSTILE_TITLE)}' in out
