"""Add a language to the i18n plugin's ``languages:`` list in mkdocs.yml, as a text edit.

The new entry is inserted after the last language, indented like it, so every comment, blank
line and quoting choice in the file stays exactly as it was. The YAML is only *composed*
(node positions, no construction), so tags such as ``!ENV`` or ``!!python/name`` are harmless.
"""

from __future__ import annotations

import json
import re

import yaml

LOCALE_PATTERN = re.compile(r"[a-z]{2}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?|[a-z]{2}_[A-Z]{2}")
"""Locale codes mkdocs-static-i18n accepts: ``fr``, ``pt-BR``, ``pt_BR``, ``zh-Hant``."""


class ConfigEditError(Exception):
    """mkdocs.yml cannot be edited safely; the message says where and why."""


def is_valid_locale(code: str) -> bool:
    return LOCALE_PATTERN.fullmatch(code) is not None


def add_language(text: str, locale: str, name: str, *, where: str = "mkdocs.yml") -> str:
    """Return `text` with ``{locale, name, build: true}`` appended to the i18n languages."""
    languages = _languages_node(text, where)
    items = languages.value
    if locale in _locales(items):
        raise ConfigEditError(f"{where}: language `{locale}` is already configured")
    last = items[-1]
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    key_column = last.start_mark.column
    dash_column = lines[last.start_mark.line].rfind("-", 0, key_column)
    if dash_column < 0:
        raise ConfigEditError(f"{where}:{last.start_mark.line + 1}: cannot find the list's `-`")
    entry = [
        " " * dash_column + "-" + " " * (key_column - dash_column - 1) + f"locale: {locale}",
        " " * key_column + f"name: {_yaml_string(name)}",
        " " * key_column + "build: true",
    ]
    end = _last_scalar(last).end_mark
    insert_at = end.line if end.column == 0 else end.line + 1
    if insert_at > 0 and not lines[insert_at - 1].endswith(("\n", "\r")):
        lines[insert_at - 1] += newline
    lines[insert_at:insert_at] = [line + newline for line in entry]
    edited = "".join(lines)
    if _locales(_languages_node(edited, where).value)[-1] != locale:
        raise ConfigEditError(f"{where}: the edited file does not list `{locale}` last")
    return edited


def _yaml_string(value: str) -> str:
    """`value` as a YAML scalar: plain when it reads back unchanged, double-quoted otherwise."""
    try:
        if value == value.strip() and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _locales(items: list[yaml.Node]) -> list[str]:
    found = []
    for item in items:
        value = _mapping_get(item, "locale")
        found.append(value.value if isinstance(value, yaml.ScalarNode) else "")
    return found


def _mapping_get(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def _languages_node(text: str, where: str) -> yaml.SequenceNode:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigEditError(f"{where}{line}: not valid YAML: {error}") from None
    plugins = _mapping_get(root, "plugins") if root is not None else None
    i18n = None
    if isinstance(plugins, yaml.SequenceNode):
        i18n = next((v for v in (_mapping_get(p, "i18n") for p in plugins.value) if v), None)
    elif isinstance(plugins, yaml.MappingNode):
        i18n = _mapping_get(plugins, "i18n")
    languages = _mapping_get(i18n, "languages") if i18n is not None else None
    if not isinstance(languages, yaml.SequenceNode) or not languages.value:
        raise ConfigEditError(f"{where}: no `languages:` list under the i18n plugin")
    if languages.flow_style:
        raise ConfigEditError(
            f"{where}:{languages.start_mark.line + 1}: `languages:` is written in flow style "
            "([...]); write it as a block list (one `- locale:` per language) and try again"
        )
    if not all(isinstance(item, yaml.MappingNode) for item in languages.value):
        raise ConfigEditError(
            f"{where}:{languages.start_mark.line + 1}: every language must be a mapping"
        )
    return languages


def _last_scalar(node: yaml.Node) -> yaml.Node:
    """The node whose text ends the entry (the last value of the last key, however deep)."""
    while isinstance(node, yaml.CollectionNode) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node
