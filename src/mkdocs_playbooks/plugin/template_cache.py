"""Compiled templates shared by the language passes of a build.

mkdocs-static-i18n builds each language in a pass of its own, and each pass makes a new Jinja
environment, which compiles every template of the theme again: on a small site most of a
build's time. Jinja's bytecode cache lets the passes share what the first compiled. Each entry
is checked against its template's source, so an edited template is compiled anew.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class SharedTemplateCode(BytecodeCache):
    """Compiled templates kept in memory, for every environment that uses this cache."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # dropped again if the source has changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
