"""Fractions: 1/8 八分之一, 5/12 十二分之五, -2/7 负七分之二, 41235/98763 九万…分之四万….

Dates written with a slash (07/15, 2021/3/14) are claimed before this rule by date.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import INT, NUM_START, SIGN, cardinal, sign_word


@dataclass(frozen=True)
class Fraction:
    numerator: str
    denominator: str
    sign: str = ""


def say_fraction(numerator: str, denominator: str) -> str:
    return cardinal(denominator) + "分之" + cardinal(numerator)


def _tag(match: re.Match[str], context: Context) -> Fraction | None:
    if not match["b"].strip("0,"):  # a zero denominator is no fraction
        return None
    return Fraction(match["a"], match["b"], match["sign"] or "")


FRACTION = Rule(
    "fraction",
    re.compile(rf"(?P<sign>{SIGN})?{NUM_START}(?P<a>{INT})\s?/\s?(?P<b>{INT})(?![0-9/]|\.[0-9])"),
    _tag,
    lambda t, c: sign_word(t.sign) + say_fraction(t.numerator, t.denominator),
)

RULES = [FRACTION]
