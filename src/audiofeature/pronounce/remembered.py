"""The readings of each utterance, remembered on disk between builds.

Deciding readings is most of a rebuild's work when the audio is cached: the segmenter, the
phrase data and the context model cost about a second to load and a second to run on a long
article. A rebuild after a table fix re-reads only the utterances the fix can touch, from what
the pronouncer said of them before the table had its say, and a rebuild with nothing changed
reads none; neither loads the segmenter, the phrase data or the context model.

The key of an utterance is its text, the table entries that can apply to it and the code and
data that decide readings. The pronouncer consults the table only for words and surnames that
occur in the text, so an entry whose word is not in the utterance cannot change its readings.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from audiofeature.cachefiles import installed_stamp, sharded, write_whole
from audiofeature.normalize import LatinMode, Normalized, Span, normalize
from audiofeature.pronounce.core import CharReading, Pronouncer, Untabled, unlisted_name
from audiofeature.pronounce.segment import Token
from audiofeature.pronounce.table import Table

# The libraries whose data and models decide readings.
DECIDING_PACKAGES = ("pypinyin", "jieba", "g2pM")


@cache
def code_stamp() -> str:
    """A hash of everything besides the table that decides what is said and how: our
    normalizer's and pronouncer's code, the word lists, and the versions of the libraries the
    pronouncer reads."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    sources = [*package.glob("normalize/*.py"), *package.glob("pronounce/*.py")]
    for path in sorted([*sources, *package.glob("data/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in DECIDING_PACKAGES:
        digest.update(installed_stamp(name).encode())
    return digest.hexdigest()


class Remembered:
    """Lists of readings on disk, named by the hash of what made them and of the code."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, material: list[object]) -> Path:
        text = json.dumps([code_stamp(), *material], ensure_ascii=False)
        return sharded(self.root, hashlib.sha256(text.encode()).hexdigest(), ".json")

    def get(self, material: list[object], length: int) -> list[Any] | None:
        found = self.get_any(material)
        return found if isinstance(found, list) and len(found) == length else None

    def get_any(self, material: list[object]) -> Any:
        """What was put under `material`, or None."""
        try:
            return json.loads(self._path(material).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, material: list[object], readings: list[Any]) -> None:
        # No writable cache: this build still works, and the next one reads again.
        with contextlib.suppress(OSError):
            write_whole(self._path(material), json.dumps(readings, ensure_ascii=False).encode())


class RememberedReadings:
    """A reader (text -> one reading per character) that asks the pronouncer only for text it
    has not read before under the same table entries and code.

    Two things are kept per text: its readings under the table entries that occur in it, and
    what the pronouncer says before the table has its say (`Pronouncer.untabled`, with the
    answers `unlisted_name` gave). A table fix finds the second and runs only the table's two
    steps on it, without loading the segmenter, the phrase data or the context model."""

    def __init__(
        self,
        table: Table,
        root: Path,
        pronouncer: Callable[[], Pronouncer],
        on_first_miss: Callable[[], None] | None = None,
    ) -> None:
        self.table = table
        self.memo = Remembered(root)
        self._make = pronouncer
        # Told once, when the first utterance must be read anew: a sign that new audio follows.
        self._on_first_miss = on_first_miss
        self._pronouncer: Pronouncer | None = None
        self._tokens: dict[str, tuple[Token, ...] | None] = {}
        self.asked = 0  # utterances the pronouncer read from the start
        self.finished = 0  # utterances it read from what it said before the table

    def material(self, text: str) -> list[object]:
        entries = [
            [scope, word, list(entry.readings)]
            for scope, entries in (("word", self.table.words), ("surname", self.table.surnames))
            for word, entry in entries.items()
            if word in text
        ]
        return ["readings", text, sorted(entries)]

    def tokens(self, text: str) -> tuple[Token, ...] | None:
        """The segmenter's words of a text read in this run (None if it was not)."""
        return self._tokens.get(text)

    def __call__(self, text: str) -> list[str]:
        material = self.material(text)
        found = self.memo.get(material, len(text))
        if found is not None:
            return found
        if self._pronouncer is None:
            if self._on_first_miss:
                self._on_first_miss()
            self._pronouncer = self._make()
        untabled_material: list[object] = ["untabled", text]
        kept = _untabled_from(self.memo.get_any(untabled_material), text)
        answers: dict[str, bool] = {}
        if kept is None:
            untabled = self._pronouncer.untabled(text)
            self.asked += 1
        else:
            untabled, answers = kept
            self.finished += 1
        known = len(answers)

        def is_unlisted_name(name: str) -> bool:
            if name not in answers:
                answers[name] = unlisted_name(name)
            return answers[name]

        readings = self._pronouncer.finish(untabled, is_unlisted_name).readings
        if kept is None or len(answers) > known:
            self.memo.put(untabled_material, _untabled_record(untabled, answers))
        self._tokens[text] = untabled.tokens
        self.memo.put(material, readings)
        return readings


def _untabled_record(untabled: Untabled, answers: dict[str, bool]) -> list[Any]:
    chars = [
        [c.char, c.reading, c.plain, c.source, c.confidence, list(c.alternatives), c.why]
        for c in untabled.chars
    ]
    tokens = (
        None if untabled.tokens is None else [[t.word, t.tag, t.start] for t in untabled.tokens]
    )
    return [chars, tokens, sorted(untabled.listed), answers]


def _untabled_from(record: Any, text: str) -> tuple[Untabled, dict[str, bool]] | None:
    """The record read back, or None when it is damaged (then the text is read again)."""
    try:
        chars, tokens, listed, answers = record
        untabled = Untabled(
            text,
            tuple(CharReading(a, b, c, d, e, tuple(f), g) for a, b, c, d, e, f, g in chars),
            None if tokens is None else tuple(Token(w, t, s) for w, t, s in tokens),
            frozenset(int(i) for i in listed),
        )
        if len(untabled.chars) != len(text) or not isinstance(answers, dict):
            return None
        return untabled, {str(k): bool(v) for k, v in answers.items()}
    except (TypeError, ValueError):
        return None


class RememberedNormalizer:
    """`normalize`, remembered per written text: a rebuild that remembers every utterance
    never compiles the normalizer's rules. `said_as` is normalize's: the table's Latin words,
    which are part of the key of the texts they occur in."""

    def __init__(
        self, root: Path, said_as: Mapping[str, tuple[str, tuple[str, ...]]] | None = None
    ) -> None:
        self.memo = Remembered(root)
        self.said_as = dict(said_as or {})

    def __call__(self, text: str, latin: LatinMode) -> Normalized:
        lower = text.lower()
        occurring = sorted(
            [word, said, list(readings)]
            for word, (said, readings) in self.said_as.items()
            if word in lower
        )
        material: list[object] = ["normalize", text, latin, occurring]
        found = self.memo.get(material, 2)
        if found is not None:
            with contextlib.suppress(ValueError, TypeError):  # a damaged entry: normalize again
                spoken, spans = found
                return Normalized(
                    text,
                    str(spoken),
                    tuple(Span(a, b, c, d, kind, tuple(r)) for a, b, c, d, kind, r in spans),
                )
        normalized = normalize(text, latin, self.said_as)
        spans = [
            [s.w_start, s.w_end, s.s_start, s.s_end, s.kind, list(s.readings)]
            for s in normalized.spans
        ]
        self.memo.put(material, [normalized.spoken, spans])
        return normalized


def remembered_surface_tones(
    memo: Remembered | None,
    text: str,
    readings: tuple[str, ...],
    words: Sequence[Token] | None = None,
) -> tuple[str, ...]:
    """`sandhi.surface_tones`, remembered: it segments the text, which loads the segmenter,
    unless the text's words are given."""
    material: list[object] = ["surface", text, list(readings)]
    found = memo.get(material, len(readings)) if memo else None
    if found is not None:
        return tuple(found)
    from audiofeature.pronounce.sandhi import surface_tones

    surface = surface_tones(text, readings, words)
    if memo:
        memo.put(material, list(surface))
    return tuple(surface)
