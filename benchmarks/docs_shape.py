"""Measure the shape of a real documentation set: ``python benchmarks/docs_shape.py DOCS_DIR``.

Per page: lines, words, ``##``/``###`` headings, fenced code blocks and their lines, tables and
their rows, admonitions (material's ``!!!`` and Experience League's ``>[!NOTE]``), list items
at the top level and nested, links and images. Prints each one's mean and percentiles, the
figures :mod:`benchmarks.realistic` generates its pages from. It reads text, never keeps it.
"""

from __future__ import annotations

import re
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

FIGURES = ("lines", "words", "headings", "fences", "fence_lines", "tables", "table_rows",
           "admonitions", "items", "nested_items", "links", "images")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s")
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?|>\s*\[!)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\([^)]*\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def page_shape(text: str) -> dict[str, int]:
    """The figures of one page (front matter left out)."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        text = text[end + 4:] if end != -1 else text
    shape = dict.fromkeys(FIGURES, 0)
    fenced = in_table = False
    for line in text.splitlines():
        shape["lines"] += 1
        if _FENCE.match(line):
            fenced = not fenced
            shape["fences"] += not fenced  # count each block once, at its end
            continue
        if fenced:
            shape["fence_lines"] += 1
            continue
        shape["words"] += len(line.split())
        stripped = line.lstrip()
        if stripped.startswith("|"):
            shape["tables"] += not in_table
            shape["table_rows"] += 1
            in_table = True
        else:
            in_table = False
        if re.match(r"#{2,3}\s", line):
            shape["headings"] += 1
        if _ADMONITION.match(stripped):
            shape["admonitions"] += 1
        item = _ITEM.match(line)
        if item:
            shape["nested_items" if item.group(1) else "items"] += 1
        shape["links"] += len(_LINK.findall(line))
        shape["images"] += len(_IMAGE.findall(line))
    return shape


def summary(shapes: list[dict[str, int]]) -> dict[str, dict[str, float]]:
    """Each figure's mean, 10th, 50th and 90th percentile and maximum over all pages; the share
    of pages that have any; and the median and 90th percentile over those pages only (what the
    generator draws from)."""
    result = {}
    for figure in FIGURES:
        values = sorted(shape[figure] for shape in shapes)
        present = [value for value in values if value] or [0]
        result[figure] = {"mean": statistics.fmean(values), "p10": _percentile(values, 10),
                          "p50": _percentile(values, 50), "p90": _percentile(values, 90),
                          "max": values[-1], "share": len([v for v in values if v]) / len(values),
                          "present_p50": _percentile(present, 50),
                          "present_p90": _percentile(present, 90)}
    return result


def _percentile(values: list[int], percent: int) -> float:
    return values[min(len(values) - 1, len(values) * percent // 100)]


def main(argv: Sequence[str]) -> int:
    [folder] = argv
    pages = [path for path in sorted(Path(folder).rglob("*.md")) if path.name.lower() != "toc.md"]
    shapes = [page_shape(path.read_text(encoding="utf-8", errors="replace")) for path in pages]
    print(f"{len(shapes)} pages under {folder}\n")
    print("| per page | mean | p10 | median | p90 | max | pages with any | median, p90 of those |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for figure, values in summary(shapes).items():
        print(f"| {figure} | {values['mean']:.1f} | {values['p10']:.0f} | {values['p50']:.0f} "
              f"| {values['p90']:.0f} | {values['max']:.0f} | {values['share']:.0%} "
              f"| {values['present_p50']:.0f}, {values['present_p90']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
