"""Measures with unit symbols: 45kg 四十五千克, 120㎡ 一百二十平方米, 60km/h 六十千米每小时,
-15°C 零下十五摄氏度, 2kg 两千克; and per-unit rates: 3000元/吨 三千元每吨.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import NUM, NUM_END, NUM_START, SIGN, decimal, sign_word
from audiofeature.normalize.vocab import (
    CURRENCY_AFTER,
    MEASURE_WORDS,
    TEMPERATURE_UNITS,
    UNIT_PATTERN,
    UNITS,
)


@dataclass(frozen=True)
class Measure:
    number: str
    unit: str  # as written (a key of UNITS)
    per: str = ""  # a second unit after a slash, as written
    sign: str = ""


def say_unit(unit: str) -> str:
    return UNITS.get(unit, unit)


def say_quantity(number: str, *, sign: str = "", unit: str = "") -> str:
    """The number of a measure: 两 for a lone 2 (2kg 两千克), 零下 for a temperature below zero."""
    temperature = unit in TEMPERATURE_UNITS
    return sign_word(sign, temperature=temperature) + decimal(
        number, counting=True, liang=bool(unit)
    )


def _say(token: Measure, context: Context) -> str:
    said = say_quantity(token.number, sign=token.sign, unit=token.unit) + say_unit(token.unit)
    if token.per:
        said += "每" + say_unit(token.per)
    return said


def _tag(match: re.Match[str], context: Context) -> Measure | None:
    unit = match["unit"]
    number = match["num"]
    # 1990s is a decade, not seconds.
    if unit == "s" and len(number) == 4:
        return None
    return Measure(number, unit, match["per"] or "", match["sign"] or "")


_PER_UNITS = "|".join(
    sorted({*MEASURE_WORDS, *CURRENCY_AFTER, "日", "分", "人"}, key=len, reverse=True)
)

SYMBOL = Rule(
    "measure",
    re.compile(
        rf"(?P<sign>{SIGN})?{NUM_START}(?P<num>{NUM})\s?(?P<unit>{UNIT_PATTERN})"
        rf"(?:/(?P<per>{UNIT_PATTERN}|{_PER_UNITS}))?"
    ),
    _tag,
    _say,
)


@dataclass(frozen=True)
class Rate:
    number: str
    magnitude: str
    unit: str
    per: str
    sign: str = ""


def _say_rate(token: Rate, context: Context) -> str:
    liang = not token.magnitude
    number = decimal(token.number, counting=True, liang=liang and token.number == "2")
    said = sign_word(token.sign) + number + token.magnitude + token.unit
    return said + "每" + say_unit(token.per)


# A Chinese unit, a slash, and another unit: the slash is said 每 (3000元/吨 三千元每吨).
RATE = Rule(
    "measure",
    re.compile(
        rf"(?P<sign>{SIGN})?{NUM_START}(?P<num>{NUM}){NUM_END}(?P<mag>[万亿千百]?)"
        rf"(?P<unit>{_PER_UNITS})/\s?(?P<per>{UNIT_PATTERN}|{_PER_UNITS})"
    ),
    lambda m, c: Rate(m["num"], m["mag"] or "", m["unit"], m["per"], m["sign"] or ""),
    _say_rate,
)

RULES = [SYMBOL, RATE]
