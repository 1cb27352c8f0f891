"""Respelling for engines that take only text (edge-tts): the audio input gets a homophone.

Where the wanted reading differs from what a plain reader says, the character is replaced by
one whose ONLY reading is the wanted one (曾少石 → 增少石), so the service cannot misread it.
The written text of the script keeps the original; only the engine's input changes.

The homophones are chosen from data, not a hand list: a candidate has a single reading in
CC-CEDICT's digest shipped with g2pM, pypinyin lists that same reading first, and among the
candidates the most frequent character in jieba's dictionary is preferred (a common character
is one a speech service is sure of).
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

from audiofeature.pronounce.syllables import to_tone_digits
from audiofeature.pronounce.table import Entry

PASSES = 3  # a replacement can change how its neighbours are read: check again, a few times


@cache
def _frequencies() -> dict[str, int]:
    """How often each single character occurs as a word in jieba's dictionary."""
    counts: dict[str, int] = {}
    with (resources.files("jieba") / "dict.txt").open("rb") as handle:
        for raw in handle:
            line = raw.decode("utf-8")
            if len(line) > 2 and line[1] == " ":
                counts[line[0]] = int(line.split(" ", 2)[1])
    return counts


@cache
def homophones() -> dict[str, str]:
    """For each reading, the most common character that has that reading and no other."""
    from audiofeature.pronounce.pypinyin_data import characters

    by_code_point = characters()

    with (resources.files("g2pM") / "digest_cedict.pkl").open("rb") as handle:
        cedict: dict[str, list[str]] = pickle.load(handle)  # noqa: S301 - g2pM's shipped data
    frequency = _frequencies()
    best: dict[str, tuple[int, str]] = {}
    for char, readings in cedict.items():
        if len(readings) != 1 or char not in frequency:
            continue
        listed = by_code_point.get(ord(char))
        if not listed:
            continue
        reading = to_tone_digits(readings[0])
        if to_tone_digits(listed.split(",")[0]) != reading:
            continue
        score = frequency[char]
        if reading not in best or score > best[reading][0]:
            best[reading] = (score, char)
    return {reading: char for reading, (_, char) in best.items()}


def respell_for_text_engine(text: str, readings: Sequence[str]) -> str:
    """`text` with every character whose plain reading is not the wanted one replaced by a
    single-reading homophone; characters without such a homophone are kept."""
    from audiofeature.pronounce.core import plain_readings

    if len(readings) != len(text):
        raise ValueError(f"{len(readings)} readings for {len(text)} characters")
    wanted = [to_tone_digits(r) if r != c else r for c, r in zip(text, readings, strict=True)]
    table = homophones()
    out = list(text)
    for _ in range(PASSES):
        plain = plain_readings("".join(out))
        changed = False
        for index, (want, said) in enumerate(zip(wanted, plain, strict=True)):
            if want == said or want == out[index]:
                continue
            substitute = table.get(want)
            if substitute and substitute != out[index]:
                out[index] = substitute
                changed = True
        if not changed:
            break
    return "".join(out)


def latin_said_as(latin: Mapping[str, Entry]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """A table's Latin words as the normalizer says them (`normalize`'s said_as): each
    syllable written by the commonest character with that one reading (iPhone ai4 feng1:
    爱疯). The characters stand in the spoken text; the readings are what is said."""
    if not latin:
        return {}
    by_reading = homophones()
    said: dict[str, tuple[str, tuple[str, ...]]] = {}
    for key, entry in latin.items():
        chars = "".join(by_reading.get(r) or _any_with(r) for r in entry.readings)
        said[key] = (chars, entry.readings)
    return said


def _any_with(reading: str) -> str:
    """A character whose commonest reading is `reading` (for the few syllables no character
    has alone)."""
    from audiofeature.pronounce.pypinyin_data import characters

    for code, listed in characters().items():
        if to_tone_digits(listed.split(",")[0]) == reading:
            return chr(code)
    return "〇"
