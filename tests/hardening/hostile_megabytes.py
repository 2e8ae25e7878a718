"""Pages of about a megabyte built to make a pattern or a loop do more than linear work, and a
probe that measures what reading one costs against a plain page of the same size.

Run as ``python hostile_megabytes.py CASE``: it prints ``{"baseline": s, "hostile": s}``, the
best of three runs of everything `check`, `status` and the diagram do with a page (parse it,
read every stage's items, the terminology's view of its lines, its word count, the diagram's
plain text), for a plain page and for the hostile one. The test runs it in a child process
with a timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

SIZE = 1_000_000
FRONT_MATTER = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n"


def _fill(unit: str) -> str:
    return unit * (SIZE // len(unit))


CASES: dict[str, Callable[[], str]] = {
    "backtick runs of every length, none closed": lambda: "## S {#s}\n\n- x " + "".join(
        "`" * length + " " for length in range(1, 1400)) + "\n",
    "a line of backticks with a link": lambda: "x" + _fill("`") + " [a](b)\n",
    "a heading padded with spaces": lambda: "## a" + _fill(" ") + "b\n\n- i\n  - nested\n",
    "a heading padded with spaces before a brace": lambda: "## a" + _fill(" ") + "{b\n",
    "a heading padded with tabs and hashes": lambda: "## a" + _fill(" \t#") + "x\n",
    "identical stages": lambda: _fill("## S {#s}\n\n- a\n\n"),
    "many <img on one line": lambda: _fill("<img ") + "](x)\n",
    "many [ on one line": lambda: _fill("[") + "](x)\n",
    "nested brackets never closed": lambda: _fill("[a") + "](x)\n",
    "a link title never closed": lambda: '[a](b "' + _fill(" ") + "\n",
    "a link target after spaces, never closed": lambda: "[a](" + _fill(" ") + "x\n",
    "a reference definition padded with spaces": lambda: "[a]: " + _fill(" ") + "x y\n",
    "emphasis never closed in a capability": lambda: "## S {#s}\n\n- " + _fill("_a ") + "\n",
    "stars never closed in a capability": lambda: "## S {#s}\n\n- " + _fill("**a ") + "\n",
    "a front matter line of spaces without a colon": lambda: "",  # see page()
    "a thematic break that fails at its end": lambda: _fill("- ") + "x\n",
    "a list item padded with spaces": lambda: _fill(" ") + "x\n",
}


def page(case: str) -> str:
    if case == "a front matter line of spaces without a colon":  # read by PyYAML, not flat
        return "---\n# a comment\ntitle: T\nkey" + _fill(" ") + "x\n---\n# T\n"
    return FRONT_MATTER + CASES[case]()


def plain_page() -> str:
    return FRONT_MATTER + "## S {#s}\n\n" + _fill("- Plain words in a capability, as usual.\n")


def read_everything(text: str) -> None:
    from mkdocs_playbooks.core.parse import parse_page
    from mkdocs_playbooks.diagram.layout import diagram_description, diagram_title

    parsed = parse_page("docs/en/x.md", "x.md", "en", text.encode("utf-8"))
    for stage in parsed.stages:
        stage.capabilities.items  # noqa: B018 (read on first use)
    parsed.text_lines  # noqa: B018
    parsed.word_count  # noqa: B018
    diagram_title(parsed)
    diagram_description(parsed)


def best_of_three(text: str) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        read_everything(text)
        times.append(time.perf_counter() - start)
    return min(times)


if __name__ == "__main__":
    hostile = page(sys.argv[1])
    assert len(hostile) >= SIZE * 0.9, len(hostile)
    print(json.dumps({"baseline": best_of_three(plain_page()), "hostile": best_of_three(hostile)}))
