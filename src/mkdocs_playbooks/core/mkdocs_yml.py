"""Read mkdocs.yml as MkDocs reads it, and judge the parts this package uses as MkDocs would.

Every ``playbook`` command must reach the same verdict on a configuration as ``mkdocs build``:
a value MkDocs, mkdocs-static-i18n or our plugin refuses is refused here too, as
``mkdocs.yml:LINE: …`` (:class:`ConfigFileError`), before anything is read from the docs. The
rules are those of MkDocs 1.6's ``site_name`` and ``docs_dir``, the i18n plugin's language
options (its locale pattern included) and the playbook plugin's options; tests compare each
verdict with a real ``mkdocs build``. ``!ENV`` tags are resolved as MkDocs resolves them; other
tags read as null. The file is read where its path says, not where a symlink to it points: MkDocs
takes the docs folder relative to the path it was given.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml_env_tag import construct_env_tag

from mkdocs_playbooks.core.bounded_yaml import compose_bounded
from mkdocs_playbooks.core.regular_file import read_regular_file

LOCALE_CODE = re.compile(r"[a-z]{2}(?:-[A-Za-z]{4})?(?:-[A-Z]{2})?|[a-z]{2}_[A-Z]{2}")
"""The locale codes mkdocs-static-i18n accepts (``en``, ``pt-BR``, ``pt_BR``, ``zh-Hant``):
never a path, so a locale folder is always a direct child of the docs folder."""
NULL_LOCALE = "null"
"""mkdocs-static-i18n's placeholder language: a link in the switcher, never built."""


class ConfigFileError(Exception):
    """mkdocs.yml cannot be used; the message starts with ``path:line:``."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading (C parser when PyYAML has it) with MkDocs' ``!ENV``; the other tags MkDocs
    knows (``!relative``, ``!!python/name:…``) are not needed here and read as null."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: Node) -> None:
    return None


_Loader.add_constructor("!ENV", construct_env_tag)
_Loader.add_multi_constructor("", _ignore_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    default: bool
    build: bool
    line: int


@dataclass(frozen=True)
class MkdocsYml:
    """The parts of mkdocs.yml this package reads, checked."""

    path: Path  # as given, made absolute, symlinks not followed
    docs_dir: Path
    playbook_options: dict[str, Any]  # {} when the plugin is listed without options or not at all
    languages: tuple[Language, ...]  # the i18n plugin's, () without it
    docs_structure: str | None  # the i18n plugin's, None without it or when not given
    _root: Node | None

    def where(self, *keys: str | int) -> str:
        """``mkdocs.yml:LINE`` of the value at `keys` (the nearest one that exists)."""
        return f"{self.path}:{_line(self._root, keys)}"


def read_mkdocs_yml(config_file: Path) -> MkdocsYml:
    """Read and check mkdocs.yml; raise :class:`ConfigFileError` as MkDocs would refuse it."""
    path = Path(os.path.abspath(config_file))
    try:
        text = read_regular_file(path).decode("utf-8-sig")
    except OSError as error:
        raise ConfigFileError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigFileError(f"{path}: is not UTF-8 text") from None
    try:
        root, data = compose_bounded(text, _Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigFileError(f"{path}{line}: not valid YAML: {error}") from None
    checker = _Checker(path, root)
    if not isinstance(data, dict):
        raise checker.error((), "MkDocs needs a mapping of settings with at least `site_name`")
    checker.expect(data, ("site_name",), str, required=True)
    docs_dir = checker.expect(data, ("docs_dir",), str) or "docs"
    docs_path = path.parent / docs_dir
    if not docs_path.is_dir():
        raise checker.error(("docs_dir",), f"docs_dir `{docs_dir}` is not an existing folder "
                            f"(relative to {path.name})")
    plugins = _plugin_options(checker, data.get("plugins"))
    options = plugins.get("playbook") or {}
    checker.expect(options, ("plugins", "playbook", "source_locale"), str)
    checker.expect(options, ("plugins", "playbook", "severity"), dict)
    checker.expect(options, ("plugins", "playbook", "glossary_dir"), str)
    checker.expect(options, ("plugins", "playbook", "enabled"), bool)
    i18n = plugins.get("i18n")
    languages = _languages(checker, i18n) if i18n is not None else ()
    structure = checker.expect(i18n or {}, ("plugins", "i18n", "docs_structure"), str)
    return MkdocsYml(path, docs_path, options, languages, structure, root)


def _plugin_options(checker: _Checker, plugins: Any) -> dict[str, dict[str, Any]]:
    """Each listed plugin's options; a plugin's options must be a mapping (or nothing)."""
    if plugins is None:
        return {}
    entries: Iterable[Any]
    if isinstance(plugins, dict):
        entries = [{name: value} for name, value in plugins.items()]
    elif isinstance(plugins, list):
        entries = plugins
    else:
        raise checker.error(("plugins",), "`plugins` must be a list of plugins")
    found: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if isinstance(entry, str):
            found[entry] = {}
        elif isinstance(entry, dict) and len(entry) == 1:
            [(name, options)] = entry.items()
            if options is not None and not isinstance(options, dict):
                raise checker.error(("plugins", str(name)), f"the options of the `{name}` plugin "
                                    f"must be a mapping, not {_kind(options)}")
            found[str(name)] = options or {}
        else:
            raise checker.error(("plugins",), "each plugin must be a name, or a name with a "
                                "mapping of options")
    return found


def _languages(checker: _Checker, i18n: dict[str, Any]) -> tuple[Language, ...]:
    where = ("plugins", "i18n", "languages")
    items = checker.expect(i18n, where, list, required=True)
    languages = []
    for index, item in enumerate(items):
        at = (*where, index)
        if not isinstance(item, dict):
            raise checker.error(at, f"each language must be a mapping, not {_kind(item)}")
        locale = checker.expect(item, (*at, "locale"), str, required=True)
        if locale != NULL_LOCALE and not LOCALE_CODE.fullmatch(locale):
            raise checker.error((*at, "locale"), f"`{locale}` is not a locale code; use `xx`, "
                                "`xx-XX`, `xx_XX` or `xx-Xxxx` (e.g. fr, pt-BR, zh-Hant)")
        name = checker.expect(item, (*at, "name"), str, required=True)
        default = checker.expect(item, (*at, "default"), bool) or False
        build = checker.expect(item, (*at, "build"), bool)
        languages.append(Language(locale, name, default, build is not False
                                  and locale != NULL_LOCALE, _line(checker.root, at)))
    return tuple(languages)


class _Checker:
    def __init__(self, path: Path, root: Node | None) -> None:
        self.path = path
        self.root = root

    def error(self, keys: tuple[str | int, ...], message: str) -> ConfigFileError:
        name = ".".join(str(key) for key in keys if isinstance(key, str))
        return ConfigFileError(f"{self.path}:{_line(self.root, keys)}: "
                               + (f"{name}: " if name else "") + message)

    def expect(self, mapping: dict[str, Any], keys: tuple[str | int, ...], kind: type,
               *, required: bool = False) -> Any:
        """``mapping[keys[-1]]`` when it is of `kind`; None when absent and not `required`."""
        value = mapping.get(str(keys[-1]))
        if value is None:
            if required:
                raise self.error(keys, "required, and not given")
            return None
        if not isinstance(value, kind):
            raise self.error(keys, f"expected {_KIND_NAMES[kind]}, found {_kind(value)}")
        return value


_KIND_NAMES = {str: "text", bool: "true or false", dict: "a mapping", list: "a list"}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return {str: "text", int: "a number", float: "a number", dict: "a mapping",
            list: "a list"}.get(type(value), type(value).__name__)


def _line(root: Node | None, keys: Iterable[str | int]) -> int:
    """The 1-based line of the value at `keys`, or of the nearest enclosing one that exists.
    A string key looks into a mapping, or into a list for the entry that names it (a plugin)."""
    node, line = root, (root.start_mark.line + 1) if root is not None else 1
    for key in keys:
        node = _child(node, key)
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _child(node: Node | None, key: str | int) -> Node | None:
    if isinstance(node, SequenceNode):
        if isinstance(key, int):
            return node.value[key] if key < len(node.value) else None
        for item in node.value:
            if isinstance(item, ScalarNode) and item.value == key:
                return item
            found = _child(item, key) if isinstance(item, MappingNode) else None
            if found is not None:
                return found
        return None
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(key):
                return value_node
    return None
