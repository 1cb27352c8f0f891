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
from pathlib import Path
from typing import Any

from audiofeature.cachefiles import sharded, write_whole
from audiofeature.normalize import LatinMode, Normalized, Span, normalize
from audiofeature.pronounce.table import Table

# The libraries whose data and models decide readings.
DECIDING_PACKAGES = ("pypinyin", "jieba", "g2pM")


@cache
def code_stamp() -> str:
    """A hash of everything besides the table that decides what is said and how: our
    normalizer's and pronouncer's code, the word lists, and the versions of the libraries the
    pronouncer reads."""
    from importlib import metadata  # 20 ms to import: only builds that remember need it

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    sources = [*package.glob("normalize/*.py"), *package.glob("pronounce/*.py")]
    for path in sorted([*sources, *package.glob("data/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in DECIDING_PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    return digest.hexdigest()


class Remembered:
    """Lists of readings on disk, named by the hash of what made them and of the code."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, material: list[object]) -> Path:
        text = json.dumps([code_stamp(), *material], ensure_ascii=False)
        return sharded(self.root, hashlib.sha256(text.encode()).hexdigest(), ".json")

    def get(self, material: list[object], length: int) -> list[Any] | None:
        try:
            found = json.loads(self._path(material).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, list) and len(found) == length else None

    def put(self, material: list[object], readings: list[Any]) -> None:
        # No writable cache: this build still works, and the next one reads again.
        with contextlib.suppress(OSError):
            write_whole(self._path(material), json.dumps(readings, ensure_ascii=False).encode())


class RememberedReadings:
    """A reader (text -> one reading per character) that asks `pronouncer()` only for text
    it has not read before under the same table entries and code."""

    def __init__(
        self,
        table: Table,
        root: Path,
        pronouncer: Callable[[], Callable[[str], list[str]]],
        on_first_miss: Callable[[], None] | None = None,
    ) -> None:
        self.table = table
        self.memo = Remembered(root)
        self._make = pronouncer
        # Told once, when the first utterance must be read anew: a sign that new audio follows.
        self._on_first_miss = on_first_miss
        self._reader: Callable[[str], list[str]] | None = None
        self.asked = 0  # utterances the pronouncer had to read

    def material(self, text: str) -> list[object]:
        entries = [
            [scope, word, list(entry.readings)]
            for scope, entries in (("word", self.table.words), ("surname", self.table.surnames))
            for word, entry in entries.items()
            if word in text
        ]
        return ["readings", text, sorted(entries)]

    def __call__(self, text: str) -> list[str]:
        material = self.material(text)
        found = self.memo.get(material, len(text))
        if found is not None:
            return found
        if self._reader is None:
            if self._on_first_miss:
                self._on_first_miss()
            self._reader = self._make()
        readings = list(self._reader(text))
        self.asked += 1
        self.memo.put(material, readings)
        return readings


class RememberedNormalizer:
    """`normalize`, remembered per written text: a rebuild that remembers every utterance
    never compiles the normalizer's rules."""

    def __init__(self, root: Path) -> None:
        self.memo = Remembered(root)

    def __call__(self, text: str, latin: LatinMode) -> Normalized:
        material: list[object] = ["normalize", text, latin]
        found = self.memo.get(material, 2)
        if found is not None:
            with contextlib.suppress(ValueError, TypeError):  # a damaged entry: normalize again
                spoken, spans = found
                return Normalized(
                    text,
                    str(spoken),
                    tuple(Span(a, b, c, d, kind, tuple(r)) for a, b, c, d, kind, r in spans),
                )
        normalized = normalize(text, latin)
        spans = [
            [s.w_start, s.w_end, s.s_start, s.s_end, s.kind, list(s.readings)]
            for s in normalized.spans
        ]
        self.memo.put(material, [normalized.spoken, spans])
        return normalized


def remembered_surface_tones(
    memo: Remembered | None, text: str, readings: tuple[str, ...]
) -> tuple[str, ...]:
    """`sandhi.surface_tones`, remembered: it segments the text, which loads the segmenter."""
    material: list[object] = ["surface", text, list(readings)]
    found = memo.get(material, len(readings)) if memo else None
    if found is not None:
        return tuple(found)
    from audiofeature.pronounce.sandhi import surface_tones

    surface = surface_tones(text, readings)
    if memo:
        memo.put(material, list(surface))
    return tuple(surface)
