"""Write a file so that it is always whole or absent: a temp file beside it, then a rename."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path


def write_file_atomically(path: Path, content: str | bytes, *, replace: bool,
                          durable: bool = True) -> None:
    """Write a temp file beside `path`, then rename it into place. With ``replace=False``
    an existing `path` is never touched (FileExistsError). Without `durable` the data is not
    forced to disk first: for build output, which the next build writes again anyway (an
    fsync costs milliseconds, several a build on a busy disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        _write_and_rename(temp, path, content, replace=replace, durable=durable)
    except OSError as error:  # say which file failed, not which temp file
        raise OSError(error.errno, error.strerror, str(path)) from None
    finally:
        temp.unlink(missing_ok=True)


def _write_and_rename(temp: Path, path: Path, content: str | bytes, *, replace: bool,
                      durable: bool) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open(temp, "xb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
    if replace and path.exists():
        shutil.copymode(path, temp)
    if replace:
        os.replace(temp, path)
    else:
        _rename_without_replacing(temp, path)


def _rename_without_replacing(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)  # atomic, and fails with FileExistsError if `path` exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if path.exists() or path.is_symlink():
            raise FileExistsError(17, "File exists", str(path)) from None
        os.replace(temp, path)
