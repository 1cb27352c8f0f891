"""The shipped word lists, each line a word, its reading and where the reading comes from.

In the order they are trusted (the first list that has a word decides it):

- `norms.tsv`: words the norms settle where dictionaries disagree (普通话异读词审音表,
  现代汉语词典): 献血 xuè, 下调 tiáo, 大夫 dàifu (written by hand, each with its source);
- `history.tsv`, `places.tsv`, `brands.tsv`: special readings of names: historical names,
  ethnonyms and titles (辞海, 现代汉语词典), every county-level division with a dictionary
  reading and foreign places with 都 dū (made by `sources` from whole lists), brands (their
  own romanisation);
- pypinyin's phrase data (not here: `core` asks pypinyin);
- `lexicon.tsv`: CC-CEDICT's words pypinyin lacks (made by `sources`);
- `wider.tsv`: the rest of CC-CEDICT's and large_pinyin's words with a polyphone the context
  model decides (made by `sources`), weighed against the model's reading in `core` (only where
  jieba cuts the word as one; large_pinyin's only where the model is not near-certain);
- `edges.tsv`: a character's reading at the start or the end of a two-character word, where
  the dictionaries' two-character words nearly all agree (made by `sources`), for a
  two-character word no dictionary has, on the same terms as `wider.tsv`.

A word of these lists is read as listed wherever it stands as whole words (see `core`).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from audiofeature.pronounce.syllables import to_tone_digits

# Trusted before pypinyin's phrase data, in this order.
BEFORE_PHRASES = ("norms", "history", "places", "brands")
AFTER_PHRASES = ("lexicon",)
HAND_WRITTEN = frozenset({"norms", "history", "brands"})
ALL_LISTS = (*BEFORE_PHRASES, *AFTER_PHRASES, "not_names")
CACHE_FORMAT = 1


@dataclass(frozen=True)
class Listed:
    readings: tuple[str, ...]
    list: str  # norms, history, places, brands or lexicon
    source: str  # where that list took the reading from: 审音表, cc_cedict …
    stem: bool = False  # a place name without its 县/区/市 (宁都 of 宁都县)


@cache
def load(name: str) -> dict[str, Listed]:
    path = resources.files("audiofeature") / "data" / f"{name}.tsv"
    out: dict[str, Listed] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, reading, source, note, *_ = (*line.split("\t"), "", "")
        readings = tuple(reading.split())
        # places.tsv's last column is the division the name comes from
        stem = name == "places" and len(note) > len(word) and note.startswith(word)
        if name in HAND_WRITTEN:  # tone digits as people write them: lv2, lü2, zi0 …
            readings = tuple(to_tone_digits(r) for r in readings)
        if len(readings) == len(word):
            out.setdefault(word, Listed(readings, name, source, stem))
    return out


def _build() -> dict[str, Any]:
    words: dict[str, tuple[tuple[str, ...], str, str, bool]] = {}
    for name in BEFORE_PHRASES + AFTER_PHRASES:
        for word, listed in load(name).items():
            words.setdefault(word, (listed.readings, listed.list, listed.source, listed.stem))
    return {
        "format": CACHE_FORMAT,
        "words": words,
        "prefixes": frozenset(w[:end] for w in words for end in range(1, len(w))),
        "not_names": frozenset(load("not_names")),
    }


@cache
def _packed() -> dict[str, Any]:
    """All lists in one dict, kept in the user cache folder between runs: parsing eight
    thousand lines and their prefixes costs a cold start about 30 ms, unpacking them 3 ms."""
    from audiofeature.pronounce.packed import packed

    files = [resources.files("audiofeature") / "data" / f"{n}.tsv" for n in ALL_LISTS]
    try:
        stamps = [os.stat(str(f)) for f in files]
        key = "-".join(f"{s.st_size}.{s.st_mtime_ns}" for s in stamps)
        digest = hashlib.sha1(f"{CACHE_FORMAT}:{key}".encode()).hexdigest()[:16]
    except (OSError, TypeError):  # not plain files (a zipped install): no cache
        return _build()
    return packed("wordlists", digest, CACHE_FORMAT, _build)


def merged() -> tuple[dict[str, Listed], frozenset[str]]:
    """Every listed word with the list trusted first for it, and every proper prefix of a
    listed word (a scan over a sentence stops as soon as no listed word can begin there)."""
    packed = _packed()
    return {w: Listed(*t) for w, t in packed["words"].items()}, packed["prefixes"]


def is_not_a_name(word: str) -> bool:
    return word in _packed()["not_names"]


def find(text: str) -> list[tuple[int, str, Listed]]:
    """Every listed word in `text`, as (start, word, listing), shorter first at each start."""
    packed = _packed()
    words, prefixes = packed["words"], packed["prefixes"]
    found = []
    for start in range(len(text)):
        end = start + 1
        while end <= len(text):
            piece = text[start:end]
            listed = words.get(piece)
            if listed is not None and end - start >= 2:
                found.append((start, piece, Listed(*listed)))
            if piece not in prefixes:
                break
            end += 1
    return found


def before_phrases(word: str) -> Listed | None:
    """The listing of a word in the lists trusted before pypinyin's phrase data."""
    found = _packed()["words"].get(word)
    return Listed(*found) if found is not None and found[1] in BEFORE_PHRASES else None


WIDER_FORMAT = 3


class _SortedLines:
    """wider.tsv's lines, sorted, kept as one UTF-8 byte string and the offsets of its lines,
    searched by bisection: unpacking bytes costs a cold start a few milliseconds, a dict of
    its ninety thousand words sixty or more. (UTF-8 sorts as the code points do.)"""

    def __init__(self, text: bytes, offsets: bytes) -> None:
        from array import array

        self.text = text
        self.offsets = array("I")
        self.offsets.frombytes(offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, index: int) -> bytes:
        return self.text[self.offsets[index] : self.offsets[index + 1]]

    def get(self, word: str) -> Listed | None:
        from bisect import bisect_left

        key = (word + "\t").encode()  # a tab sorts before any character: 只在 after 只
        at = bisect_left(self, key)
        if at == len(self) or not self[at].startswith(key):
            return None
        _, reading, source = self[at].decode().rstrip("\n").split("\t")[:3]
        return Listed(tuple(reading.split()), "wider", source)


def _build_wider() -> dict[str, Any]:
    from array import array

    path = resources.files("audiofeature") / "data" / "wider.tsv"
    lines = sorted(
        (line + "\n").encode()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    offsets = array("I", [0])
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    longest = max((len(line.decode().split("\t")[0]) for line in lines), default=0)
    return {
        "format": WIDER_FORMAT,
        "text": b"".join(lines),
        "offsets": offsets.tobytes(),
        "longest": longest,
    }


@cache
def _wider() -> tuple[_SortedLines, int]:
    from audiofeature.pronounce.packed import packed

    path = resources.files("audiofeature") / "data" / "wider.tsv"
    try:
        stat = os.stat(str(path))
        key = f"{WIDER_FORMAT}:{stat.st_size}.{stat.st_mtime_ns}"
        digest = hashlib.sha1(key.encode()).hexdigest()[:16]
        data = packed("wider", digest, WIDER_FORMAT, _build_wider)
    except (OSError, TypeError):  # not a plain file (a zipped install): no cache
        data = _build_wider()
    return _SortedLines(data["text"], data["offsets"]), data["longest"]


def wider_word(word: str) -> Listed | None:
    """The listing of `word` in wider.tsv."""
    lines, longest = _wider()
    return lines.get(word) if 2 <= len(word) <= longest else None


@cache
def edges() -> dict[tuple[str, str], tuple[str, str]]:
    """(character, "first" or "last") -> (reading, how many of the words read it so)."""
    path = resources.files("audiofeature") / "data" / "edges.tsv"
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, edge, reading, share = line.split("\t")
            out[(char, edge)] = (reading, share)
    return out
