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
    per_number: str = ""  # the quantity after the slash: 元/500g


def _say_rate(token: Rate, context: Context) -> str:
    liang = not token.magnitude
    number = decimal(token.number, counting=True, liang=liang and token.number == "2")
    said = sign_word(token.sign) + number + token.magnitude + token.unit
    if token.per_number:
        return said + "每" + say_quantity(token.per_number, unit=token.per) + say_unit(token.per)
    return said + "每" + say_unit(token.per)


# Denominators of a rate besides units and measure words: 元/月, 元/晚.
_PER_TIME = "月|晚|夜|日|周|季"

# A Chinese unit, a slash, and another unit, perhaps with its quantity: the slash is said 每
# (3000元/吨 三千元每吨, 9.9美元/月 九点九美元每月, 25元/500g 二十五元每五百克).
RATE = Rule(
    "measure",
    re.compile(
        rf"(?P<sign>{SIGN})?{NUM_START}(?P<num>{NUM}){NUM_END}(?P<mag>[万亿千百]?)"
        rf"(?P<unit>{_PER_UNITS})/\s?(?:(?P<pnum>{NUM})\s?(?=(?:{UNIT_PATTERN})))?"
        rf"(?P<per>{UNIT_PATTERN}|{_PER_UNITS}|{_PER_TIME})"
    ),
    lambda m, c: Rate(
        m["num"], m["mag"] or "", m["unit"], m["per"], m["sign"] or "", m["pnum"] or ""
    ),
    _say_rate,
)


@dataclass(frozen=True)
class Power:
    volts: str
    amperes: str


# A charger's rating, volts and amperes run together (5V2A 五伏两安, 9V/3A 九伏三安). A lone A
# after a number is not amperes (5A级景区), so amperes are read only beside volts.
POWER = Rule(
    "measure",
    re.compile(rf"{NUM_START}(?P<v>{NUM})\s?V\s?[/⎵ ]?\s?(?P<a>{NUM})\s?A(?![A-Za-z])"),
    lambda m, c: Power(m["v"], m["a"]),
    lambda t, c: say_quantity(t.volts, unit="V") + "伏" + say_quantity(t.amperes, unit="A") + "安",
)

RULES = [POWER, RATE, SYMBOL]
