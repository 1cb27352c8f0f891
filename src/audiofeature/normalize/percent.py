"""Per cent and per mille: 4.7% 百分之四点七, -45% 负百分之四十五, 100% 百分之百, 5‰ 千分之五."""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import NUM, NUM_START, SIGN, decimal, sign_word

PREFIX = {"%": "百分之", "‰": "千分之"}


@dataclass(frozen=True)
class Percent:
    number: str
    symbol: str = "%"
    sign: str = ""


def say_percent(number: str, symbol: str = "%") -> str:
    # A newsreader says 百分之百, not 百分之一百, for the whole.
    if number == "100" and symbol == "%":
        return "百分之百"
    return PREFIX[symbol] + decimal(number)


def _say(token: Percent, context: Context) -> str:
    return sign_word(token.sign) + say_percent(token.number, token.symbol)


PERCENT = Rule(
    "percent",
    re.compile(rf"(?P<sign>{SIGN})?{NUM_START}(?P<num>{NUM})\s?(?P<pct>[%‰])"),
    lambda m, c: Percent(m["num"], m["pct"], m["sign"] or ""),
    _say,
)

# A minus before a written-out per cent: -百分之3 负百分之三 (the digits are read elsewhere).
MINUS_WORDS = Rule(
    "percent",
    re.compile(rf"{SIGN}(?=[百千万]分之)"),
    lambda m, c: "-",
    lambda t, c: "负",
)

RULES = [PERCENT, MINUS_WORDS]
