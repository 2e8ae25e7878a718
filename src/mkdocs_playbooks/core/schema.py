"""What a site's pages are expected to carry: the front matter schema and which pages are
playbooks. Both are configuration (the ``playbook`` plugin's options), read by the check, the
status and the scaffold, so no layer hard-codes a key name.

A **role** is what a localization key means (the translation's source commit, say); the schema
maps each role to the key a site uses for it. A **preset** is a named schema:
``playbooks`` (this project's own keys, the default) or ``experience-league`` (the keys of
Adobe Experience League documents).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from mkdocs_playbooks.core.model import ParsedPage

STABLE_ID = "stable_id"  # the same id on the source page and on each translation
SOURCE_COMMIT = "source_commit"  # the source's commit the translation was made from
SOURCE_WORDCOUNT = "source_wordcount"  # the source's word count at that commit
WORKFLOW_TYPE = "workflow_type"  # ht, mt, tm+mt, untranslated
HT_DEGREE = "ht_degree"  # how much of it a person translated or reviewed, as a percentage
ROLES = (STABLE_ID, SOURCE_COMMIT, SOURCE_WORDCOUNT, WORKFLOW_TYPE, HT_DEGREE)


class SchemaError(ValueError):
    """A preset or schema option that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class FrontMatterSchema:
    """Which key holds each role, and which keys every playbook and every translated playbook
    must have (PB203). Keys named here are never reported as dropped (PB204): the rules above
    decide about them."""

    keys: Mapping[str, str]  # role -> front matter key
    page_keys: tuple[str, ...]  # every playbook, source and translation
    translation_keys: tuple[str, ...]  # every translated playbook, on top of page_keys

    def key(self, role: str) -> str:
        return self.keys[role]

    @cached_property  # asked once per translated page
    def judged_keys(self) -> frozenset[str]:
        """Keys the required-key rule or a role covers, so PB204 leaves them alone."""
        return frozenset(self.keys.values()) | frozenset(self.page_keys) | frozenset(
            self.translation_keys
        )


_PLAYBOOKS_KEYS = {
    STABLE_ID: "content-id",
    SOURCE_COMMIT: "source-git-commit",
    SOURCE_WORDCOUNT: "source-wordcount",
    WORKFLOW_TYPE: "workflow-type",
    HT_DEGREE: "ht-degree",
}
_EXPERIENCE_LEAGUE_KEYS = {**_PLAYBOOKS_KEYS, STABLE_ID: "exl-id"}

PRESETS: Mapping[str, FrontMatterSchema] = {
    "playbooks": FrontMatterSchema(
        keys=_PLAYBOOKS_KEYS,
        page_keys=("title", "description"),
        translation_keys=tuple(_PLAYBOOKS_KEYS.values()),
    ),
    # Experience League's translation pipeline does not always carry exl-id over (one of the
    # two translations the user handed over lacks it), so it is not required of translations.
    "experience-league": FrontMatterSchema(
        keys=_EXPERIENCE_LEAGUE_KEYS,
        page_keys=("title", "description"),
        translation_keys=tuple(
            key for role, key in _EXPERIENCE_LEAGUE_KEYS.items() if role != STABLE_ID
        ),
    ),
}
DEFAULT_PRESET = "playbooks"
DEFAULT_SCHEMA = PRESETS[DEFAULT_PRESET]


def schema_from(preset: str | None, keys: Mapping[str, Any] | None,
                page_keys: Sequence[Any] | None,
                translation_keys: Sequence[Any] | None) -> FrontMatterSchema:
    """The preset (default ``playbooks``) with the options that override parts of it."""
    name = preset or DEFAULT_PRESET
    if name not in PRESETS:
        raise SchemaError(f"preset {name!r} is not one of {', '.join(sorted(PRESETS))}")
    base = PRESETS[name]
    unknown = sorted(set(keys or {}) - set(ROLES))
    if unknown:
        raise SchemaError(f"role_keys: {', '.join(map(repr, unknown))} is not a role; the roles "
                          f"are {', '.join(ROLES)}")
    return FrontMatterSchema(
        keys={**base.keys, **{role: str(key) for role, key in (keys or {}).items()}},
        page_keys=base.page_keys if page_keys is None else tuple(map(str, page_keys)),
        translation_keys=(base.translation_keys if translation_keys is None
                          else tuple(map(str, translation_keys))),
    )


@dataclass(frozen=True)
class PlaybookSelection:
    """Which pages are playbooks: those whose path inside the locale matches one of `globs`
    (``fnmatch`` patterns, where ``*`` also crosses ``/``), or whose source page sets the front
    matter flag `flag` to true. A flag set to false excludes a page the globs match."""

    globs: tuple[str, ...] = ()
    flag: str = "playbook"

    def is_playbook(self, page: ParsedPage) -> bool:
        """Whether `page` (a source page: its translations follow it) is a playbook."""
        flag = page.meta(self.flag)
        if flag is not None and flag != "":
            return flag is True or str(flag).strip().lower() in ("true", "yes")
        return any(fnmatch.fnmatchcase(page.rel_path, pattern) for pattern in self.globs)


EVERY_PAGE = PlaybookSelection(globs=("*",))
"""Every page is a playbook (the core's default when no selection is given)."""


@dataclass(frozen=True)
class CheckScope:
    """What the check expects of a site's pages: its front matter schema, and which pages are
    playbooks (stages and capability lists are compared on playbooks only)."""

    schema: FrontMatterSchema = DEFAULT_SCHEMA
    playbooks: PlaybookSelection = EVERY_PAGE


DEFAULT_SCOPE = CheckScope()
