"""Files in the cache folders, each written whole or not at all.

Parallel workers (and an interrupted run) share these folders: a file is written beside its
target and renamed onto it, so a reader never sees half a file and two writers of the same key
both leave a whole one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_folder() -> Path:
    """The user's cache folder for audiofeature (~/.cache/audiofeature on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("audiofeature"))


def sharded(root: Path, key: str, suffix: str) -> Path:
    """root/ab/abcdef….suffix: a folder per two hex digits keeps folders small."""
    return root / key[:2] / f"{key}{suffix}"


def write_whole(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
