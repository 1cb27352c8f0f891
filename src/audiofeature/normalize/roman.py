"""Roman numerals: said as the numbers they count (Ⅱ类 二类, 第Ⅳ阶段 第四阶段, 鹰击IV-B
鹰击四B), in both Latin modes, since no voice reads Ⅱ and a letter-by-letter I I is wrong.

The numeral signs (U+2160–2188) are numbers wherever they stand. Roman numerals typed with
Latin capitals are only taken as numbers where letters cannot be meant: two or more of I, V, X
(II, IV, XII) not inside a Latin word, or a lone I before a class word (I期 一期, I型 一型);
never XX (a placeholder: XX公司), and never with L, C, D or M, which spell abbreviations far
more often than numbers (CD, MV, MIX, LV).
A numeral is a rank or a class, so 2 is 二, never 两.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import cardinal

_SIGNS = {
    **{chr(0x2160 + i): str(i + 1) for i in range(12)},  # Ⅰ … Ⅻ
    **{chr(0x2170 + i): str(i + 1) for i in range(12)},  # ⅰ … ⅻ
    **dict.fromkeys("Ⅼⅼ", "L"),
    **dict.fromkeys("Ⅽⅽ", "C"),
    **dict.fromkeys("Ⅾⅾ", "D"),
    **dict.fromkeys("Ⅿⅿ", "M"),
}
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_VALID = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def value(numeral: str) -> int | None:
    """The number a Roman numeral writes (Ⅻ 12, XIV 14), or None if it is not well formed."""
    letters = ""
    for char in numeral:
        sign = _SIGNS.get(char, char)
        letters += _roman(int(sign)) if sign.isdigit() else sign
    if not letters or not _VALID.fullmatch(letters):
        return None
    total = 0
    for index, char in enumerate(letters):
        worth = _VALUES[char]
        following = _VALUES[letters[index + 1]] if index + 1 < len(letters) else 0
        total += -worth if worth < following else worth
    return total


def _roman(number: int) -> str:
    said = ""
    for worth, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= worth:
            said += letters
            number -= worth
    return said


@dataclass(frozen=True)
class Numeral:
    numbers: tuple[int, ...]  # one number, or one per sign of a run that is no single numeral


def _tag(match: re.Match[str], context: Context) -> Numeral | None:
    numeral = match["signs"] or match["ascii"] or match["lone"]
    if match["ascii"] and set(numeral) == {"X"}:
        return None  # XX, XXX: a placeholder for a withheld name
    number = value(numeral)
    if number:
        return Numeral((number,))
    if match["signs"]:  # ⅠⅢ is no numeral, but each sign is a number wherever it stands
        return Numeral(tuple(value(sign) or 0 for sign in numeral))
    return None


_CLASS_WORDS = "期类级型代世届阶"
ROMAN = Rule(
    "roman",
    re.compile(
        r"(?P<signs>[\u2160-\u217f]+)-?"
        r"|(?<![A-Za-z])(?P<ascii>[IVX]{2,6})(?![A-Za-z])-?"
        rf"|(?<![A-Za-z])(?P<lone>I)(?=[{_CLASS_WORDS}])"
    ),
    _tag,
    lambda t, c: "".join(cardinal(str(n)) for n in t.numbers),
)

RULES = [ROMAN]
