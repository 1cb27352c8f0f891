"""Pinyin syllables: tone digits, tone marks, and the inventory of syllables Mandarin has.

The inventory is derived from pypinyin's per-character readings (every reading of every
character it knows), so a table entry is checked against real Mandarin rather than a pattern.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_DROP_TONES = str.maketrans("", "", "".join(_TONE_MARKS))
_MARK_OF_TONE = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}
_SHAPE = re.compile(r"^([a-zêü]+)([1-5])$")


_PLAIN_DIGITS = re.compile(r"^[a-z]+[1-5]$")


def to_tone_digits(syllable: str) -> str:
    """zēng -> zeng1, fa4 -> fa4, lü4/lv4/lu:4 -> lü4; an unmarked syllable is neutral (5).

    A digit 0 (some dictionaries' neutral tone) becomes 5.
    """
    if _PLAIN_DIGITS.match(syllable) and "v" not in syllable:
        return syllable  # already our form (pypinyin's TONE3): the common case, kept cheap
    text = unicodedata.normalize("NFC", syllable.strip().lower())
    text = text.replace("u:", "ü").replace("v", "ü")
    if text and text[-1] in "012345":
        return _spell(text[:-1]) + ("5" if text[-1] == "0" else text[-1])
    tone = "5"
    plain: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        elif char == "\u0308" and plain:  # the diaeresis of ü, decomposed
            plain[-1] = "ü"
        else:
            plain.append(char)
    return _spell(unicodedata.normalize("NFC", "".join(plain))) + tone


def _spell(base: str) -> str:
    # After j, q, x and y the ü is written u (ju, que, xun, yue): one spelling per syllable.
    return re.sub(r"^([jqxy])ü", r"\1u", base)


def split_tone(syllable: str) -> tuple[str, str]:
    """zeng1 -> ("zeng", "1"); the syllable must already be in tone-digit form."""
    match = _SHAPE.match(syllable)
    if not match:
        raise ValueError(f"not a tone-digit syllable: {syllable!r}")
    return match.group(1), match.group(2)


def to_tone_marks(syllable: str) -> str:
    """zeng1 -> zēng, lü4 -> lǜ, de5 -> de (the neutral tone carries no mark)."""
    base, tone = split_tone(syllable)
    if tone == "5":
        return base
    # The standard placement: a or e takes the mark; in "ou" the o; otherwise the last vowel.
    if "a" in base:
        at = base.index("a")
    elif "e" in base:
        at = base.index("e")
    elif "ou" in base:
        at = base.index("o")
    elif any(c in "iouü" for c in base):
        at = max(i for i, c in enumerate(base) if c in "iouü")
    else:  # syllabic consonants: m, n, ng, hm
        at = base.index("n") if "n" in base else base.index("m")
    marked = base[: at + 1] + _MARK_OF_TONE[tone] + base[at + 1 :]
    return unicodedata.normalize("NFC", marked)


@cache
def inventory() -> frozenset[str]:
    """Every toneless syllable that some character is read as (zeng, lü, ê, hm, ng …).

    Read from a shipped list: deriving it from pypinyin's dictionary costs 0.7 s at every start
    (a test derives it and checks the list is the same).
    """
    from importlib import resources

    text = (resources.files("audiofeature") / "data" / "syllables.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def derive_inventory() -> frozenset[str]:
    """The inventory from pypinyin's readings of every character it knows."""
    from audiofeature.pronounce.pypinyin_data import characters

    by_code_point = characters()

    # All readings at once: one decomposition and one pass to drop the tone marks (the
    # diaeresis of ü and the circumflex of ê are kept), rather than 60,000 small calls.
    every = unicodedata.normalize("NFD", ",".join(set(by_code_point.values())))
    bare = unicodedata.normalize("NFC", every.translate(_DROP_TONES))
    bare = re.sub(r"(^|,)([jqxy])ü", r"\1\2u", bare)  # as _spell does, on all at once
    return frozenset(s for s in bare.split(",") if s)


def problem(syllable: str) -> str | None:
    """Why a tone-digit syllable is not Mandarin, or None when it is."""
    match = _SHAPE.match(syllable)
    if not match:
        return f"{syllable!r} is not a pinyin syllable"
    if match.group(1) not in inventory():
        return f"{syllable!r} is not a Mandarin syllable"
    return None
