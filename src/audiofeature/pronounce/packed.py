"""Data built once from text files and kept packed (marshal) in the user cache folder.

Building the pronouncer's tables from their text sources costs a cold start tens of
milliseconds or more; unpacking them a few. A table is rebuilt when its sources change (the
caller's `name` carries their stamp) or when the cache cannot be read.
"""

from __future__ import annotations

import logging
import marshal
from collections.abc import Callable
from typing import Any

from audiofeature.cachefiles import cache_folder, write_whole

log_ = logging.getLogger(__name__)


def packed(
    kind: str, stamp: str, version: str, build: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """`build()`, kept as cache_folder()/<kind>-<stamp>.marshal; other stamps of a kind are
    removed when a new one is written (left by another source or an older format)."""
    path = cache_folder() / f"{kind}-{stamp}.marshal"
    try:
        # loads() on the whole file: marshal.load() on a file object reads it in tiny pieces
        # and is several times slower.
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict) and data.get("format") == version:
            return data
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    try:
        write_whole(path, marshal.dumps(data))
        for stale in path.parent.glob(f"{kind}-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:  # no writable cache: this run still works, the next rebuilds
        log_.debug("cannot keep %s at %s: %s", kind, path, exc)
    return data
