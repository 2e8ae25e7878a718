"""Load YAML whose aliases cannot make it grow without bound.

A few lines of anchors and aliases (``a: &a [x, x]``, ``b: &b [*a, *a]``, …, the "billion
laughs") load quickly, because PyYAML shares the aliased objects, but the value they describe
has billions of parts: whatever walks it (a report printing it, a template, a JSON dump) runs
out of memory. Before anything is constructed, the composed node graph is measured as it would
be once expanded (each shared node counted once per use, in time linear in the graph's size);
beyond :data:`MAX_VALUES` the document is refused with the line of the key that exceeds it.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_VALUES = 100_000
"""Scalars, lists and mappings a document may hold once its aliases are expanded."""


class YamlTooLarge(yaml.MarkedYAMLError):
    """The document expands beyond :data:`MAX_VALUES`; `problem_mark` is the key's place."""


def load_bounded(text: str, loader_class: type) -> Any:
    """``yaml.load(text, loader_class)``, refusing a document that aliases make too large
    (:class:`YamlTooLarge`, a ``yaml.YAMLError``)."""
    return compose_bounded(text, loader_class)[1]


def compose_bounded(text: str, loader_class: type) -> tuple[Node | None, Any]:
    """The document's node graph (for the lines of its parts) and its value, as
    :func:`load_bounded` reads it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_size(node)
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


def _check_size(root: Node) -> None:
    sizes: dict[int, int] = {}
    if isinstance(root, MappingNode):  # the usual document: say which key is too large
        total = 0
        for key, value in root.value:
            total += _expanded_size(key, sizes) + _expanded_size(value, sizes)
            if total > MAX_VALUES:
                raise _too_large(key)
    elif _expanded_size(root, sizes) > MAX_VALUES:
        raise _too_large(root)


def _too_large(node: Node) -> YamlTooLarge:
    return YamlTooLarge(
        problem=f"its anchors and aliases (&, *) expand to more than {MAX_VALUES:,} values",
        problem_mark=node.start_mark,
    )


def _expanded_size(root: Node, sizes: dict[int, int]) -> int:
    """How many nodes `root` stands for with every alias expanded; a node that contains
    itself counts as too many. Iterative, so deep nesting cannot exhaust the stack."""
    if id(root) in sizes:
        return sizes[id(root)]
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done:
            open_nodes.discard(id(node))
            sizes[id(node)] = min(MAX_VALUES + 1, 1 + sum(sizes[id(c)] for c in children))
            continue
        if id(node) in open_nodes:  # reached again through its own descendants
            sizes[id(node)] = MAX_VALUES + 1
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        stack += [(child, False) for child in children if id(child) not in sizes]
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []
