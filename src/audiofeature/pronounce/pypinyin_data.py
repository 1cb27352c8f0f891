"""pypinyin, imported with its phrase data packed: the one way this project imports it.

pypinyin's import parses its phrase data (47,000 words as nested JSON lists) and trains its
segmenter's prefix set from it: 0.2 to 0.3 s, a seventh of a rebuild after a one-word fix,
which reads one sentence anew. Here pypinyin is imported with its own switch for no phrase
data (PYPINYIN_NO_PHRASES), and the same data, kept packed in the user cache as one string
per word together with the finished prefix set, is put where its modules look for it. A word's
nested lists are made only when it is looked up. The readings are pypinyin's own, unchanged.

If pypinyin was imported before this module could do so (by a caller's own code), or a
version of it keeps its data otherwise, its own data is used as it stands.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType
from typing import Any

CACHE_FORMAT = "1"
_lock = threading.Lock()
_ready: ModuleType | None = None


class PackedPhrases(Mapping[str, list[list[str]]]):
    """pypinyin's phrase dictionary, word → one list of readings per character, stored as
    "reading,reading reading" strings and unpacked on lookup (into new lists: pypinyin's
    converter copies what it gets anyway). Words added at run time (`load_phrases_dict`)
    are kept as given."""

    def __init__(self, packed: dict[str, str]) -> None:
        self._packed = packed
        self._added: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        added = self._added.get(word)
        if added is not None:
            return added
        return [syllable.split(",") for syllable in self._packed[word].split(" ")]

    def __setitem__(self, word: str, readings: list[list[str]]) -> None:
        self._added[word] = readings

    def update(self, other: Mapping[str, list[list[str]]]) -> None:
        self._added.update(other)

    def __contains__(self, word: object) -> bool:
        return word in self._packed or word in self._added

    def __iter__(self) -> Iterator[str]:
        yield from self._packed
        yield from (word for word in self._added if word not in self._packed)

    def __len__(self) -> int:
        return len(self._packed) + sum(1 for word in self._added if word not in self._packed)


def _package_folder() -> Path:
    spec = find_spec("pypinyin")
    if spec is None or spec.origin is None:
        raise ImportError("pypinyin is not installed")
    return Path(spec.origin).parent


def _build(source: Path) -> dict[str, Any]:
    phrases: dict[str, list[list[str]]] = json.loads(source.read_text(encoding="utf-8"))
    prefixes = {word[: end + 1] for word in phrases for end in range(len(word))}
    return {
        "format": CACHE_FORMAT,
        "phrases": {
            word: " ".join(",".join(syllable) for syllable in readings)
            for word, readings in phrases.items()
        },
        "prefixes": prefixes,
    }


def _install(packed: dict[str, Any]) -> None:
    from pypinyin import constants
    from pypinyin.seg import mmseg

    if not isinstance(getattr(getattr(mmseg, "p_set", None), "_set", None), set):
        # A pypinyin laid out otherwise: its own data, loaded as it would have loaded it.
        from pypinyin import phrases_dict

        constants.PHRASES_DICT.update(phrases_dict.phrases_dict)
        mmseg.retrain(mmseg.seg)
        return
    phrases = PackedPhrases(packed["phrases"])
    empty = constants.PHRASES_DICT
    # Every pypinyin module took its own name for the one (empty) dictionary at import.
    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] == "pypinyin" and getattr(module, "PHRASES_DICT", None) is empty:
            module.PHRASES_DICT = phrases  # type: ignore[attr-defined]
    mmseg.p_set._set = packed["prefixes"]


def library() -> ModuleType:
    """pypinyin, with its phrase data in place."""
    global _ready
    if _ready is not None:  # asked for in every whole-word test: no lock once it is there
        return _ready
    with _lock:
        source = _package_folder() / "phrases_dict.json"
        if "pypinyin" not in sys.modules and source.is_file():
            from audiofeature.pronounce.packed import packed

            stat = source.stat()
            stamp = f"{CACHE_FORMAT}-{stat.st_size}-{stat.st_mtime_ns}"
            data = packed("pypinyin-phrases", stamp, CACHE_FORMAT, lambda: _build(source))
            before = os.environ.get("PYPINYIN_NO_PHRASES")
            os.environ["PYPINYIN_NO_PHRASES"] = "1"
            try:
                import pypinyin.seg.mmseg  # noqa: F401 - the modules that hold the data
                import pypinyin.seg.simpleseg  # noqa: F401
            finally:
                if before is None:
                    del os.environ["PYPINYIN_NO_PHRASES"]
                else:
                    os.environ["PYPINYIN_NO_PHRASES"] = before
            _install(data)
        import pypinyin

        _ready = pypinyin
        return pypinyin


def phrases() -> Mapping[str, list[list[str]]]:
    """pypinyin's phrase dictionary: word → one list of readings per character."""
    return library().constants.PHRASES_DICT


def characters() -> dict[int, str]:
    """pypinyin's character dictionary: code point → "reading,reading" (most common first)."""
    return library().constants.PINYIN_DICT
