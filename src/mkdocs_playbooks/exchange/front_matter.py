"""Set front matter keys of a page's text, leaving every other line as it is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import yaml

from mkdocs_playbooks.core.model import FrontMatterKey, ParsedPage


def split_front_matter(page: ParsedPage) -> tuple[str, str]:
    """The page's front matter block (fences included, "" when it has none) and its body."""
    end = page.front_matter_end
    if not end:
        return "", page.text
    lines = page.lines
    return "\n".join(lines[:end]) + "\n", "\n".join(lines[end:])


def with_values(block: str, keys: Sequence[FrontMatterKey], values: Mapping[str, object]) -> str:
    """`block` (a front matter block, or "" for none) with each key of `values` set: a key that
    is there is rewritten in place (all its lines), a new one goes before the closing fence."""
    if not values:
        return block
    lines = block.split("\n")[:-1] if block else ["---", "---"]
    starts = sorted(key.line for key in keys)
    closing = len(lines)  # 1-based line of the closing fence
    replaced: dict[int, tuple[int, str]] = {}
    added = []
    for name, value in values.items():
        line = _dumped(name, value)
        key = next((k for k in keys if k.name == name), None) if block else None
        if key is None:
            added.append(line)
            continue
        following = [start for start in starts if start > key.line]
        replaced[key.line] = (following[0] if following else closing, line)
    result: list[str] = []
    number = 1
    while number <= len(lines):
        if number in replaced:
            end, line = replaced[number]
            result.append(line)
            number = end
            continue
        if number == closing:
            result += added
        result.append(lines[number - 1])
        number += 1
    return "\n".join(result) + "\n"


def _dumped(name: str, value: object) -> str:
    """``name: value`` as YAML writes it (quoted when the value needs it), on one line."""
    return yaml.safe_dump({name: value}, allow_unicode=True, width=1_000_000,
                          sort_keys=False).rstrip("\n")
