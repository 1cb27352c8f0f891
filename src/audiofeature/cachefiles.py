"""Files in the cache folders, each written whole or not at all.

Parallel workers (and an interrupted run) share these folders: a file is written beside its
target and renamed onto it, so a reader never sees half a file and two writers of the same key
both leave a whole one.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_folder() -> Path:
    """The user's cache folder for audiofeature (~/.cache/audiofeature on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("audiofeature"))


def installed_stamp(package: str) -> str:
    """Which install of a package this is, for keys of what is made from it: the path, size
    and modification time of its top module, which an upgrade or a reinstall rewrites. Found
    without importing the package or importlib.metadata (25 ms of every build's start)."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return f"{package}=absent"
    stat = os.stat(spec.origin)
    return f"{package}={spec.origin}:{stat.st_size}:{stat.st_mtime_ns}"


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


def derived(kind: str, source: bytes, makers: list[Path], make: Callable[[bytes], bytes]) -> bytes:
    """`make(source)`, kept in the user cache folder as models/<kind>-<hash>: for model files
    we rewrite from an installed package's, which costs a build a second or more to remake
    and a few milliseconds to read. The hash covers the source and the code that remakes it
    (`makers`), so changing either remakes it; older versions of a kind are removed."""
    digest = hashlib.sha256(source)
    return _kept(kind, digest, makers, lambda: make(source))


def derived_from_file(
    kind: str, source: Path, makers: list[Path], make: Callable[[bytes], bytes]
) -> bytes:
    """`derived` of a file's bytes, the file known by its path, size and modification time
    rather than its contents: a model of 16 MB is then neither read nor hashed when its
    derived file is there (an installed package's files change only with a new install)."""
    stat = source.stat()
    digest = hashlib.sha256(f"{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return _kept(kind, digest, makers, lambda: make(source.read_bytes()))


def _kept(kind: str, digest: Any, makers: list[Path], make: Callable[[], bytes]) -> bytes:
    for maker in makers:
        digest.update(maker.read_bytes())
    path = cache_folder() / "models" / f"{kind}-{digest.hexdigest()[:24]}"
    with contextlib.suppress(OSError):
        return path.read_bytes()
    made = make()
    with contextlib.suppress(OSError):  # no writable cache: the next build remakes it
        write_whole(path, made)
        for stale in path.parent.glob(f"{kind}-*"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return made
