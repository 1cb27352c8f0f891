"""Cardinal numbers: counts and plain integers (10625万元 一万零六百二十五万元, 2期 两期).

The last number rule: whatever integer no more specific rule claimed is read as a quantity,
except that a leading zero (007, 0595) or more than twelve digits make it a string of digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import (
    INT,
    MAX_CARDINAL_DIGITS,
    NUM,
    NUM_END,
    NUM_START,
    SIGN,
    below_zero_ahead,
    cardinal,
    decimal,
    digits,
    sign_word,
)
from audiofeature.normalize.vocab import MEASURE_AHEAD


@dataclass(frozen=True)
class Cardinal:
    number: str
    sign: str = ""
    liang: bool = False
    as_digits: bool = False
    temperature: bool = False  # -5度: 零下五度


def liang_ahead(number: str, context: Context, end: int) -> bool:
    """A lone 2 before a measure word is 两 (2期 两期), never before 两 itself (称了2两 称了二两)."""
    return number == "2" and MEASURE_AHEAD.match(context.view, end) is not None


def _tag(match: re.Match[str], context: Context) -> Cardinal:
    number = match["num"]
    plain = number.replace(",", "")
    as_digits = (len(plain) > 1 and plain[0] == "0") or len(plain) > MAX_CARDINAL_DIGITS
    sign = match["sign"] or ""
    return Cardinal(
        number,
        sign,
        liang_ahead(number, context, match.end()),
        as_digits,
        below_zero_ahead(sign, context.view, match.end()),
    )


def _say(token: Cardinal, context: Context) -> str:
    sign = sign_word(token.sign, temperature=token.temperature)
    if token.as_digits:
        return sign + digits(token.number)
    return sign + cardinal(token.number, counting=True, liang=token.liang)


CARDINAL = Rule(
    "cardinal",
    re.compile(rf"(?P<sign>{SIGN})?{NUM_START}(?P<num>{INT}){NUM_END}"),
    _tag,
    _say,
)


@dataclass(frozen=True)
class Wan:
    number: str


# Web copy writes 万 as w (300w张 三百万张); only the lower-case letter, since 5W is five watts.
WAN = Rule(
    "cardinal",
    re.compile(rf"{NUM_START}(?P<num>{NUM})w(?![A-Za-z])"),
    lambda m, c: Wan(m["num"]),
    lambda t, c: decimal(t.number, counting=True) + "万",
)


@dataclass(frozen=True)
class Leftover:
    text: str


# A safety net: any digit still unclaimed is read out, so no digit ever reaches the voice.
DIGITS = Rule(
    "cardinal",
    re.compile(r"[0-9]+"),
    lambda m, c: Leftover(m.group()),
    lambda t, c: digits(t.text),
    gaps=True,
)

RULES = [WAN]
FALLBACK = [CARDINAL, DIGITS]
