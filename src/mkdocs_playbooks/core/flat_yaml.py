"""Read the usual front matter, one ``key: scalar`` a line, without running PyYAML.

Almost every playbook's front matter is a flat mapping of strings (title, description,
content-id, source-git-commit...). Parsing it with PyYAML costs more than the rest of the parity
check together, even with the C loader, because every scalar goes through PyYAML's Python
constructor. :func:`read_flat_mapping` reads exactly that common shape and gives up (returns
None) on anything else, so the caller hands the block to PyYAML: comments, blank lines, nesting,
lists, block scalars, anchors, tags, escapes, duplicate keys, and any plain scalar that YAML
would resolve to something other than a string (numbers, booleans, dates, null). That last test
uses PyYAML's own resolver table, so both readings agree (tests/hardening checks it on
generated mappings).
"""

from __future__ import annotations

import functools
import re

from yaml.resolver import Resolver

_ENTRY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[ ]+(\S(?:.*\S)?)[ ]*")
# Characters that give a plain scalar's first character another meaning in YAML.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# What PyYAML's reader rejects or treats specially: left to PyYAML to report.
# (YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029.)
_UNUSUAL = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# PyYAML's implicit resolvers, filed under the first character they can match, as one pattern
# per character (each keeps its own flags) so that a scalar is tested once.
_RESOLVERS = {
    first: re.compile("|".join(
        f"(?{'x' if pattern.flags & re.VERBOSE else ''}:{pattern.pattern})"
        for _, pattern in resolvers
    ))
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


def read_flat_mapping(lines: list[str]) -> dict[str, str] | None:
    """The mapping `lines` hold, or None when they are not all simple ``key: string`` lines."""
    mapping: dict[str, str] = {}
    if _UNUSUAL.search("".join(lines)):
        return None
    for line in lines:
        entry = _ENTRY.fullmatch(line)
        if entry is None:
            return None
        key, value = entry.groups()
        value = _string_scalar(value)
        if value is None or key in mapping or not _key_is_string(key):
            return None
        mapping[key] = value
    return mapping


def _string_scalar(text: str) -> str | None:
    """A quoted or plain scalar that is surely a string, as YAML reads it; None otherwise."""
    first = text[0]
    if first == "'":
        inner = text[1:-1]
        return inner if len(text) > 1 and text[-1] == "'" and "'" not in inner else None
    if first == '"':
        inner = text[1:-1]
        plain_inner = '"' not in inner and "\\" not in inner
        return inner if len(text) > 1 and text[-1] == '"' and plain_inner else None
    if first in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return None
    return text if _plain_is_string(text) else None


def _plain_is_string(text: str) -> bool:
    """No implicit YAML type (int, float, bool, null, timestamp, merge, value) claims `text`."""
    resolvers = _RESOLVERS.get(text[0])
    return resolvers is None or resolvers.match(text) is None


_key_is_string = functools.lru_cache(maxsize=256)(_plain_is_string)  # keys repeat page to page
