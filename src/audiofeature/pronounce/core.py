"""The Pronouncer: one reading (tone digits, neutral 5) per character of spoken text.

The readings are decided in this order, each step overruling the one before where it speaks:

1. pypinyin with its phrase data (the plain reading, also what a plain reader would say);
2. the context model (g2pM) for each polyphonic character, nudged towards the reading of the
   dictionary word the character belongs to (jieba's word, pypinyin's phrase data);
3. person names (jieba's tags and the words around a name) read as names: the surname with
   its surname reading, a given name with each character's most common reading;
4. the pronunciation tables (shipped, then the user's), longest match winning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from audiofeature.pronounce.names import Name, find_names
from audiofeature.pronounce.syllables import to_tone_digits
from audiofeature.pronounce.table import Entry, Table, load_table, shipped_table_path

Source = Literal["plain", "context", "name", "table"]

# How much the reading of the dictionary word a character sits in counts against the context
# model, in log-probability: the model must be e^5 ≈ 150 times surer of another reading to
# overrule the dictionary. Chosen as a round figure between "the word always wins" (which
# imports the dictionary's mistakes) and "the model always wins" (which misses rare words).
WORD_BONUS = 5.0
# Below this probability the context model's choice is reported by `lint`.
UNSURE_BELOW = 0.85


@dataclass(frozen=True)
class CharReading:
    char: str
    reading: str  # the chosen reading; a non-Chinese character stands for itself
    plain: str  # what a plain reader (pypinyin with its phrase data) says
    source: Source  # the step that decided the reading
    confidence: float | None = None  # the context model's probability, for a polyphone

    @property
    def differs(self) -> bool:
        return self.reading != self.plain


@dataclass(frozen=True)
class Analysis:
    text: str
    chars: tuple[CharReading, ...]
    names: tuple[Name, ...]
    table_spans: tuple[tuple[int, int, Entry], ...]

    @property
    def readings(self) -> list[str]:
        return [c.reading for c in self.chars]

    def in_table(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e, _ in self.table_spans)


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char == "〇"


def _plain(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    def per_char(chunk: str) -> list[str]:
        return list(chunk)

    def run(chunk: str) -> list[str]:
        return lazy_pinyin(
            chunk,
            style=Style.TONE3,
            neutral_tone_with_five=True,
            v_to_u=True,
            errors=per_char,
        )

    result = run(text)
    if len(result) != len(text):  # pypinyin merged something: fall back per character
        result = [run(c)[0] if run(c) else c for c in text]
    return [to_tone_digits(r) if is_han(c) else c for c, r in zip(text, result, strict=True)]


def most_common_reading(char: str) -> str | None:
    """The first reading pypinyin lists for a character (its most common one)."""
    from pypinyin.constants import PINYIN_DICT

    readings = PINYIN_DICT.get(ord(char))
    return to_tone_digits(readings.split(",")[0]) if readings else None


def _word_reading(word: str, offset: int) -> str | None:
    from pypinyin.constants import PHRASES_DICT

    entry = PHRASES_DICT.get(word)
    if not entry or len(entry) != len(word):
        return None
    return to_tone_digits(entry[offset][0])


class Pronouncer:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.longest = max((len(w) for w in table.words), default=0)

    @classmethod
    def from_files(cls, user_table: Path | None = None) -> Pronouncer:
        table = load_table(shipped_table_path())
        if user_table is not None:
            table = table.merged(load_table(user_table))
        return cls(table)

    def readings(self, text: str) -> list[str]:
        """One reading per character; a character that is not Chinese stands for itself."""
        return self.analyse(text).readings

    def analyse(self, text: str) -> Analysis:
        plain = _plain(text)
        chars = [CharReading(c, r, r, "plain") for c, r in zip(text, plain, strict=True)]
        if not any(is_han(c) for c in text):
            return Analysis(text, tuple(chars), (), ())
        from audiofeature.pronounce.context import context_model
        from audiofeature.pronounce.segment import tokens as segment

        tokens = segment(text)
        word_at: dict[int, tuple[str, int]] = {}
        for token in tokens:
            if len(token.word) >= 2:
                for offset in range(len(token.word)):
                    word_at[token.start + offset] = (token.word, offset)

        for index, guess in context_model().guesses(text).items():
            scores = {r: math.log(max(p, 1e-12)) for r, p in guess.probabilities}
            if index in word_at:
                from_word = _word_reading(*word_at[index])
                if from_word in scores:
                    scores[from_word] += WORD_BONUS
            total = sum(math.exp(s) for s in scores.values())
            best = max(scores, key=lambda r: scores[r])
            confidence = math.exp(scores[best]) / total
            chars[index] = CharReading(text[index], best, plain[index], "context", confidence)

        from pypinyin.constants import PHRASES_DICT

        names = find_names(tokens, self.table.surnames)
        for name in names:
            # A "name" that pypinyin's phrase data lists is either a well-known name read
            # right there already, or a common word jieba's dictionary mislabels (朴素, 燕子).
            if name.kind != "person" or name.text in PHRASES_DICT:
                continue
            surname = self.table.surnames.get(name.text[: name.surname])
            for offset, char in enumerate(name.text):
                index = name.start + offset
                if surname and offset < name.surname:
                    reading = surname.readings[offset]
                    chars[index] = CharReading(char, reading, plain[index], "name")

        spans: list[tuple[int, int, Entry]] = []
        index = 0
        while index < len(text):
            for size in range(min(self.longest, len(text) - index), 0, -1):
                entry = self.table.words.get(text[index : index + size])
                if entry:
                    for offset, reading in enumerate(entry.readings):
                        at = index + offset
                        chars[at] = CharReading(text[at], reading, plain[at], "table")
                    spans.append((index, index + size, entry))
                    index += size
                    break
            else:
                index += 1
        return Analysis(text, tuple(chars), tuple(names), tuple(spans))
