"""Running large jobs without the cyclic garbage collector's wasted passes."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for a block that makes millions of small objects and no cycles.

    Reading, checking and aligning large catalogs create objects the collector
    keeps scanning and never frees; its full passes cost a fifth of a 100,000-entry
    check and grow faster than the text. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
