"""The Experience League Markdown dialect, rendered with well-kept extensions where they exist.

What each construct becomes, and who renders it:

- ``>[!NOTE]`` (and TIP, IMPORTANT, WARNING, CAUTION, INFO, MORELIKETHIS, …) followed by
  ``>``-quoted lines: rewritten here into an admonition (``!!! note "Hinweis"``) with a title
  in the page's language, which Python-Markdown's own ``admonition`` extension renders as the
  theme's admonition.
- ``>[!BEGINTABS]`` … ``>[!TAB Title]`` … ``>[!ENDTABS]``: rewritten here into
  ``=== "Title"`` blocks, rendered as content tabs by ``pymdownx.tabbed``.
- ``[!DNL x]`` (do not localize): its text. ``[!UICONTROL x]`` (a UI label): its text in
  ``<span class="uicontrol">``, which the reader stylesheet styles as a UI label.
- ``![…](…){width="800" zoomable="yes"}``: left as it is: Python-Markdown's ``attr_list``
  applies the attributes to the image.

This module is the rewriting (a preprocessor, line by line, that leaves fenced code and code
spans alone); ``markdown-callouts`` was not used because it knows five callout types and
gives English titles only. The `language` option picks the titles (``callout_titles.yml``).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from mkdocs_playbooks.core.text import code_spans

CALLOUT_CLASSES = {
    "NOTE": "note", "TIP": "tip", "IMPORTANT": "warning", "WARNING": "warning",
    "CAUTION": "danger", "INFO": "info", "MORELIKETHIS": "abstract", "ADMIN": "note",
    "AVAILABILITY": "info", "PREREQUISITES": "info", "ERROR": "failure", "SUCCESS": "success",
}
"""Each callout type and the theme's admonition type it is shown as."""

# Callouts and tabs may stand indented in a list item: the indent is kept for their content.
_MARKER = re.compile(r"^( *)> ?\[!([A-Z]+)(?:[ \t]+((?:[^\[\]]|\[[^\]]*\])*))?\][ \t]*$")
_QUOTED = re.compile(r"^( *)>[ \t]?(.*)$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# A token's text may hold code spans: [!UICONTROL Edit `.csv` file].
_INLINE = re.compile(r"\[!(DNL|UICONTROL)[ \t]+((?:[^\]`]|`[^`]*`)+?)[ \t]*\]")
_INDENT = "    "


@cache
def _titles() -> dict[str, dict[str, str]]:
    text = resources.files(__package__).joinpath("callout_titles.yml").read_text("utf-8")
    loaded: dict[str, dict[str, str]] = yaml.safe_load(text)
    return loaded


def callout_title(kind: str, language: str) -> str:
    """The title of a callout in `language` (its base language, then English)."""
    titles = _titles()
    for code in (language, language.split("-")[0].split("_")[0], "en"):
        if kind in titles.get(code, {}):
            return titles[code][kind]
    return kind.title()


def inline_tokens(line: str) -> str:
    """``[!DNL x]`` as x and ``[!UICONTROL x]`` as a UI label, unless inside a code span."""
    if "[!" not in line:
        return line
    code = code_spans(line) if "`" in line else []
    return _INLINE.sub(lambda match: _inline(match, code), line)


def plain_tokens(text: str) -> str:
    """The text of every token, no markup: for front matter titles and descriptions."""
    return _INLINE.sub(lambda match: " ".join(match.group(2).split()), text)


def _inline(match: re.Match[str], code: list[tuple[int, int]]) -> str:
    if any(start <= match.start() < end for start, end in code):
        return match.group()  # written inside code: shown as written
    text = " ".join(match.group(2).split())
    return text if match.group(1) == "DNL" else f'<span class="uicontrol">{text}</span>'


def rewrite(lines: list[str], language: str) -> list[str]:
    """The page's lines with the dialect's block constructs in the syntaxes of ``admonition``
    and ``pymdownx.tabbed``, and its inline tokens rendered."""
    out: list[str] = []
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        fence_match = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if fence_match and fence_match.group(1).startswith(fence):
                fence = None
            index += 1
            continue
        if fence_match:
            fence = fence_match.group(1)[0] * 3
            out.append(line)
            index += 1
            continue
        marker = _MARKER.match(line)
        indent, kind = marker.group(1, 2) if marker else ("", "")
        if len(indent) < len(_INDENT) and not _in_list(out):
            indent = ""  # up to three spaces before a top-level block mean nothing
        if kind == "BEGINTABS":
            index = _tabs(lines, index + 1, indent, language, out)
        elif kind in CALLOUT_CLASSES:
            index = _callout(lines, index + 1, indent, kind, language, out)
        else:
            out.append(inline_tokens(line))
            index += 1
    return out


def _callout(
    lines: list[str], index: int, indent: str, kind: str, language: str, out: list[str]
) -> int:
    """The quoted lines after a callout marker as an indented admonition body."""
    body = []
    while index < len(lines):
        quoted = _QUOTED.match(lines[index])
        if not quoted or quoted.group(1) != indent or _MARKER.match(lines[index]):
            break
        body.append(quoted.group(2))
        index += 1
    title = callout_title(kind, language).replace('"', "'")
    at = _block_indent(indent)
    out += ["", f'{at}!!! {CALLOUT_CLASSES[kind]} "{title}"', ""]
    out += [at + _INDENT + text if text.strip() else "" for text in rewrite(body, language)]
    out.append("")
    return index


def _tabs(lines: list[str], index: int, indent: str, language: str, out: list[str]) -> int:
    """Everything up to ``>[!ENDTABS]`` as content tabs, one per ``>[!TAB Title]``."""
    tabs: list[tuple[str, list[str]]] = []
    while index < len(lines):
        marker = _MARKER.match(lines[index])
        if marker and marker.group(2) == "ENDTABS":
            index += 1
            break
        if marker and marker.group(2) == "TAB":
            tabs.append(((marker.group(3) or "").strip(), []))
        elif tabs:
            text = lines[index]
            tabs[-1][1].append(text[len(indent):] if text.startswith(indent) else text)
        index += 1
    out.append("")
    for title, body in tabs:
        at = _block_indent(indent)
        out += [f'{at}=== "{plain_tokens(title).replace(chr(34), chr(39))}"', ""]
        out += [at + _INDENT + text if text.strip() else "" for text in rewrite(body, language)]
        out.append("")
    return index


_LIST_LINE = re.compile(r"^(?:[ \t]+\S|[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t])")


def _in_list(out: list[str]) -> bool:
    """True when the last line with text so far is a list item or indented under one."""
    last = next((line for line in reversed(out) if line.strip()), "")
    return bool(_LIST_LINE.match(last))


def _block_indent(indent: str) -> str:
    """The indent a nested block needs in Python-Markdown: whole steps of four spaces (their
    pages indent a callout in a list item by three, as CommonMark allows)."""
    return _INDENT * -(-len(indent) // len(_INDENT))


class _DialectPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, language: str) -> None:
        super().__init__(md)
        self.language = language

    def run(self, lines: list[str]) -> list[str]:
        return rewrite(lines, self.language)


class ExperienceLeagueExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"language": ["en", "The locale whose callout titles are shown."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtensions(
            ["admonition", "attr_list", "pymdownx.tabbed"],
            {"pymdownx.tabbed": {"alternate_style": True}},  # what mkdocs-material styles
        )
        # Before the HTML block stash (priority 20) and after line-end normalization (30).
        md.preprocessors.register(
            _DialectPreprocessor(md, str(self.getConfig("language"))), "experience_league", 25
        )


def makeExtension(**kwargs: Any) -> ExperienceLeagueExtension:  # noqa: N802
    return ExperienceLeagueExtension(**kwargs)
