"""Read a file only if it is a regular file: a FIFO, a socket or a device is refused, never
waited on.

``open()`` on a named pipe blocks until something writes to it, so a ``pipe.md`` in the docs
(or a FIFO where mkdocs.yml or a glossary should be) would hang every command. The file is
opened without blocking and checked with ``fstat`` on the open descriptor, so nothing can be
swapped in between the check and the read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a FIFO, socket, device or folder: something MkDocs cannot read as a page."""


def read_regular_file(path: Path | str) -> bytes:
    """The bytes of `path` (symlinks followed); :class:`NotRegularFile` for anything else."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"not a regular file ({kind_of(mode)})",
                                 str(path))
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read()
    finally:
        os.close(descriptor)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"
