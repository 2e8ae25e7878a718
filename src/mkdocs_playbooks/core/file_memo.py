"""What one build made of each file, reused by the next build of the same process while the
file is unchanged: ``mkdocs serve`` rebuilds the whole site after every save, and a translator
saves one page at a time.

A file counts as unchanged while its modification and change times (in nanoseconds), size,
inode and device are the ones seen when it was read: the ``stat`` comes before the read, so
an edit made while reading is seen by the next build. Only regular files are remembered; an
entry not asked for in a build is forgotten at the next (a deleted page leaves no trace).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class FileMemo:
    """One process's memory of what was made from each file, build after build."""

    def __init__(self) -> None:
        self._previous: dict[tuple[str, Hashable], tuple[tuple[int, ...], Any]] = {}
        self._current: dict[tuple[str, Hashable], tuple[tuple[int, ...], Any]] = {}
        self.reused = 0  # in the running build: how many results were reused

    def begin_build(self) -> None:
        """Keep only what the last build asked for (call once at the start of each build)."""
        self._previous, self._current = self._current, {}
        self.reused = 0

    def get(self, path: str, key: Hashable, make: Callable[[], T]) -> T:
        """What `make` makes of the file at `path` (`key` says what else it depends on): the
        last build's result while the file is unchanged, else `make`'s."""
        try:
            status = os.stat(path)
        except OSError:
            return make()  # `make` says why the file cannot be read
        if not stat.S_ISREG(status.st_mode):
            return make()
        signature = (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino,
                     status.st_dev)
        kept = self._previous.get((path, key))
        if kept is not None and kept[0] == signature:
            self.reused += 1
            result = kept[1]
        else:
            result = make()
        self._current[path, key] = (signature, result)
        return result  # type: ignore[no-any-return]
