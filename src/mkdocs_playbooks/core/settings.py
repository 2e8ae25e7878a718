"""Project settings: where the docs are, which locales exist, how severe each rule is.

Both the MkDocs plugin and the command line build a :class:`ProjectSettings`; the command
line reads it from ``mkdocs.yml`` so that the locales and severities live in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs_playbooks.core.diagnostics import Diagnostic, Severity
from mkdocs_playbooks.core.file_memo import FileMemo
from mkdocs_playbooks.core.mkdocs_yml import LOCALE_CODE, ConfigFileError, read_mkdocs_yml
from mkdocs_playbooks.core.model import ParsedPage
from mkdocs_playbooks.core.rules import lookup
from mkdocs_playbooks.core.schema import (
    DEFAULT_SCOPE,
    CheckScope,
    PlaybookSelection,
    SchemaError,
    schema_from,
)
from mkdocs_playbooks.core.tree import (
    FOLDER_LAYOUT,
    LAYOUTS,
    SUFFIX_LAYOUT,
    DocsTree,
    LinkOptions,
    load_tree,
)

DEFAULT_GLOSSARY_DIR = "glossary"
"""Where the per-locale glossaries live, relative to the project folder."""


class SettingsError(Exception):
    """mkdocs.yml or the plugin options cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Locale:
    code: str
    name: str


@dataclass(frozen=True)
class ProjectSettings:
    root: Path
    docs_dir: Path
    source_locale: str
    locales: tuple[Locale, ...]  # source first
    severities: Mapping[str, Severity] = field(default_factory=dict)  # rule id -> severity
    config_file: Path | None = None
    glossary_dir: Path | None = None  # glossary/<locale>.yml termbases; None: no terminology
    scope: CheckScope = DEFAULT_SCOPE  # the front matter schema, which pages are playbooks
    layout: str = FOLDER_LAYOUT  # mkdocs-static-i18n's docs_structure: folder or suffix
    unbuilt_locales: tuple[str, ...] = ()  # i18n languages with `build: false`
    links: LinkOptions = LinkOptions()  # site-absolute link roots, external prefixes

    @property
    def locale_codes(self) -> list[str]:
        return [locale.code for locale in self.locales]

    def apply_severity(self, found: list[Diagnostic]) -> list[Diagnostic]:
        """Set each diagnostic's severity from the configuration; drop the ignored ones."""
        adjusted = []
        for item in found:
            severity = self.severities.get(item.rule, item.severity)
            if severity is not Severity.IGNORE:
                adjusted.append(_with_severity(item, severity))
        return adjusted


def _with_severity(item: Diagnostic, severity: Severity) -> Diagnostic:
    if item.severity is severity:
        return item
    return Diagnostic(**{**item.__dict__, "severity": severity})


def parse_severities(options: Mapping[str, Any] | None, where: str) -> dict[str, Severity]:
    """``{"PB301": "warning", "stage-anchor": "ignore"}`` -> ``{"PB301": Severity.WARNING, ...}``"""
    result: dict[str, Severity] = {}
    for key, value in (options or {}).items():
        try:
            rule = lookup(str(key))
            result[rule.id] = Severity.parse(str(value))
        except (KeyError, ValueError) as error:
            raise SettingsError(f"{where}: severity for {key!r}: {error.args[0]}") from None
    return result


def load_settings(config_file: Path) -> ProjectSettings:
    """Read the settings from mkdocs.yml (the i18n and playbook plugin sections), refusing
    what ``mkdocs build`` would refuse (see :mod:`core.mkdocs_yml`)."""
    try:
        config = read_mkdocs_yml(config_file)
    except ConfigFileError as error:
        raise SettingsError(str(error)) from None
    return settings_from(
        root=config.path.parent,
        docs_dir=config.docs_dir,
        # mkdocs-static-i18n's own default; a site without it has one locale, suffix-free.
        layout=config.docs_structure or SUFFIX_LAYOUT,
        languages=[(lang.locale, lang.name, lang.default, lang.build)
                   for lang in config.languages],
        options=config.playbook_options,
        where=config.where("plugins", "playbook"),
        config_file=config.path,
    )


def settings_from(
    *,
    root: Path,
    docs_dir: Path,
    languages: list[tuple[str, str, bool, bool]],
    options: Mapping[str, Any],
    where: str,
    config_file: Path | None = None,
    layout: str = FOLDER_LAYOUT,
) -> ProjectSettings:
    """Settings from the i18n languages (code, name, default, build) and the plugin options."""
    if layout not in LAYOUTS:
        raise SettingsError(f"{where}: docs_structure {layout!r} is not one of "
                            f"{', '.join(LAYOUTS)}")
    built = [(code, name, default) for code, name, default, build in languages if build]
    for code, _, _ in built:
        if not LOCALE_CODE.fullmatch(code):  # it names a folder: never a path
            raise SettingsError(f"{where}: `{code}` is not a locale code")
    default = next((code for code, _, is_default, in built if is_default), None)
    source = str(options.get("source_locale") or default or "en")
    if not LOCALE_CODE.fullmatch(source):
        raise SettingsError(f"{where}: source_locale `{source}` is not a locale code")
    if built and source not in [code for code, _, _ in built]:
        raise SettingsError(f"{where}: source_locale {source!r} is not one of the i18n languages")
    locales = [Locale(code, name) for code, name, _ in built] or [Locale(source, source)]
    locales.sort(key=lambda locale: locale.code != source)
    return ProjectSettings(
        root=root,
        docs_dir=docs_dir,
        source_locale=source,
        locales=tuple(locales),
        unbuilt_locales=tuple(code for code, _, _, build in languages if not build),
        severities=parse_severities(options.get("severity"), where),
        config_file=config_file,
        glossary_dir=root / str(options.get("glossary_dir") or DEFAULT_GLOSSARY_DIR),
        scope=scope_from(options, where),
        layout=layout,
        links=parse_link_options(options.get("link_roots"), options.get("external_links"), where),
    )


def scope_from(options: Mapping[str, Any], where: str) -> CheckScope:
    """The front matter schema (``preset``, ``role_keys``, ``page_keys``, ``translation_keys``) and
    the playbook selection (``playbooks``, ``playbook_flag``) from the plugin options."""
    try:
        schema = schema_from(
            _optional(options, "preset", str, where), _optional(options, "role_keys", dict, where),
            _optional(options, "page_keys", list, where),
            _optional(options, "translation_keys", list, where),
        )
    except SchemaError as error:
        raise SettingsError(f"{where}: {error}") from None
    globs = _optional(options, "playbooks", list, where)
    flag = _optional(options, "playbook_flag", str, where)
    return CheckScope(schema, PlaybookSelection(
        globs=tuple(map(str, globs or ())), flag=flag or PlaybookSelection.flag))


def _optional(options: Mapping[str, Any], name: str, kind: type, where: str) -> Any:
    value = options.get(name)
    if value is not None and not isinstance(value, kind):
        raise SettingsError(f"{where}: {name} must be a {kind.__name__}, not {value!r}")
    return value


def load_project_tree(
    settings: ProjectSettings, locales: list[str] | None = None, memo: FileMemo | None = None,
) -> tuple[DocsTree, list[ParsedPage]]:
    """The project's docs tree, in its layout: every locale, or only those in `locales`
    (with a `memo`, unchanged pages are those the last build parsed)."""
    return load_tree(settings.root, settings.docs_dir, settings.source_locale,
                     settings.locale_codes if locales is None else locales, settings.layout,
                     settings.unbuilt_locales, settings.links, memo)


def parse_link_options(roots: Any, external: Any, where: str) -> LinkOptions:
    """``link_roots: {"/help/": ""}`` and ``external_links: ["/docs/"]``, checked."""
    if roots is not None and not (
        isinstance(roots, Mapping)
        and all(isinstance(k, str) and k and isinstance(v, str) for k, v in roots.items())
    ):
        raise SettingsError(f"{where}: link_roots must map link prefixes to folders, "
                            'e.g. {"/help/": ""}')
    if external is not None and not (
        isinstance(external, list) and all(isinstance(item, str) and item for item in external)
    ):
        raise SettingsError(f"{where}: external_links must be a list of link prefixes")
    # The longest prefix first, so that /help/a/ wins over /help/.
    ordered = sorted((roots or {}).items(), key=lambda pair: -len(pair[0]))
    return LinkOptions(tuple((k, v.strip("/")) for k, v in ordered), tuple(external or ()))
