"""The readings of each utterance, remembered on disk between builds.

Deciding readings is most of a rebuild's work when the audio is cached: the segmenter, the
phrase data and the context model cost about a second to load and a second to run on a long
article. A rebuild after a table fix re-reads only the utterances the fix can touch, and a
rebuild with nothing changed reads none, without loading the pronouncer at all.

The key of an utterance is its text, the table entries that can apply to it and the code and
data that decide readings. The pronouncer consults the table only for words and surnames that
occur in the text, so an entry whose word is not in the utterance cannot change its readings.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from audiofeature.cachefiles import sharded, write_whole
from audiofeature.pronounce.table import Table

# The libraries whose data and models decide readings.
DECIDING_PACKAGES = ("pypinyin", "jieba", "g2pM")


@cache
def code_stamp() -> str:
    """A hash of everything besides the table that decides readings: our pronouncer's code,
    its word lists, and the versions of the libraries it reads."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("pronounce/*.py"), *package.glob("data/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in DECIDING_PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    return digest.hexdigest()


class RememberedReadings:
    """A reader (text -> one reading per character) that asks `pronouncer()` only for text
    it has not read before under the same table entries and code."""

    def __init__(
        self, table: Table, root: Path, pronouncer: Callable[[], Callable[[str], list[str]]]
    ):
        self.table = table
        self.root = root
        self._make = pronouncer
        self._reader: Callable[[str], list[str]] | None = None
        self.asked = 0  # utterances the pronouncer had to read

    def key(self, text: str) -> str:
        entries = [
            [scope, word, list(entry.readings)]
            for scope, entries in (("word", self.table.words), ("surname", self.table.surnames))
            for word, entry in entries.items()
            if word in text
        ]
        material = json.dumps([code_stamp(), text, sorted(entries)], ensure_ascii=False)
        return hashlib.sha256(material.encode()).hexdigest()

    def __call__(self, text: str) -> list[str]:
        path = sharded(self.root, self.key(text), ".json")
        try:
            readings = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(readings, list) and len(readings) == len(text):
                return readings
        except (OSError, ValueError):
            pass
        if self._reader is None:
            self._reader = self._make()
        readings = list(self._reader(text))
        self.asked += 1
        # No writable cache: this build still works, and the next one reads again.
        with contextlib.suppress(OSError):
            write_whole(path, json.dumps(readings, ensure_ascii=False).encode())
        return readings
