"""Pause Python's cycle collector while the docs tree is alive and being checked."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cycle collector, then restore it as it was.

    A check keeps every parsed page alive until its findings are out, and parsing creates no
    reference cycles, so each of the collector's passes would walk every page parsed so far for
    nothing: about a quarter of `playbook check`'s time at 10,000 pages (see benchmarks/).
    Reference counting still frees everything that is not kept. Pauses nest: only the outermost
    one restores the collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
