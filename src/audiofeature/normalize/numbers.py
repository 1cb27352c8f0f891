"""Saying numbers: the shared verbalizers every kind of expression builds on.

Integers are read by our own `_integer` rather than cn2an.an2cn: cn2an 0.5.24 drops the 零
when a whole 万 group is zero (100001000 一亿一千 instead of 一亿零一千; 300000002000
三千亿二千), and place-value reading is twenty lines. The tests compare the two on every
number where cn2an is right. Around it sit the newsreader's habits: digit-by-digit reading,
两 for a leading 2 in counts, decimals read digit by digit after 点.
"""

from __future__ import annotations

import re

DIGIT_WORDS = "零一二三四五六七八九"

# An unsigned number as printed: plain digits or thousands groups, and an optional fraction.
NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
INT = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)"

# cn2an reads up to 16 digits, but past 千亿 (12 digits) it stacks 万亿 oddly, and a literal
# 13-digit integer in news copy is an identifier far more often than a count.
MAX_CARDINAL_DIGITS = 12

_LEADING_TWO = re.compile(r"^二(?=[千万亿])")


_GROUP_UNITS = ("", "万", "亿")
_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


def _section(number: int) -> str:
    """0 < number < 10000: 1011 一千零一十一."""
    said = ""
    gap = False
    for place, unit in _PLACES:
        digit = number // place % 10
        if digit == 0:
            gap = bool(said)
            continue
        if gap:
            said += "零"
            gap = False
        said += DIGIT_WORDS[digit] + unit
    return said


def _integer(number: int) -> str:
    """Place-value reading up to 千亿: 10625 一万零六百二十五, 100001000 一亿零一千."""
    if number == 0:
        return "零"
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    said = ""
    gap = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(said)
            continue
        if said and (gap or group < 1000):
            said += "零"
        said += _section(group) + _GROUP_UNITS[index]
        gap = False
    # 10 to 19 at the head are said 十…, not 一十… (but 一百一十, 一万零一十).
    return said[1:] if said.startswith("一十") else said


def digits(text: str) -> str:
    """Digit by digit: 2019 二零一九. Non-digits are dropped."""
    return "".join(DIGIT_WORDS[ord(c) - 48] for c in text if "0" <= c <= "9")


def cardinal(text: str, *, counting: bool = False, liang: bool = False) -> str:
    """An integer as a quantity: 10625 一万零六百二十五.

    counting: a leading 2 before 千/万/亿 is 两 (2000 两千, 20000 两万), as said in counts.
    liang: the whole number is 2 before a measure word (2期 两期).
    """
    plain = text.replace(",", "").lstrip("0") or "0"
    if len(plain) > MAX_CARDINAL_DIGITS:
        return digits(plain)
    words = _integer(int(plain))
    if liang and words == "二":
        return "两"
    if counting:
        words = _LEADING_TWO.sub("两", words)
    return words


def decimal(text: str, *, counting: bool = False, liang: bool = False) -> str:
    """A number with or without a fraction: 6.3 六点三, 0.70 零点七零 (digits as printed)."""
    whole, _, fraction = text.partition(".")
    said = cardinal(whole or "0", counting=counting, liang=liang and not fraction)
    if fraction:
        said += "点" + digits(fraction)
    return said


def amount(text: str, *, liang: bool = False) -> str:
    """A sum of money: trailing zeros of the fraction are not said (36.00元 三十六元)."""
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    return decimal(whole + ("." + fraction if fraction else ""), counting=True, liang=liang)


# A minus sign: a hyphen before a digit that does not follow a digit, a letter, or a character
# that closes a quantity (after 日, 米 or ℃ a hyphen joins two values: 1日-3日, 3米-5米).
# 度 is not among them: 温度-5℃ is a temperature below zero.
SIGN = r"(?:(?<![0-9A-Za-z.)）\]%‰℃°′″年月日号时点分秒天周岁个元万亿千百米吨克斤人次件台家名位倍期批项条里])-)"
# Nothing numeric may continue a number on either side (no digit, no decimal part).
NUM_START = r"(?<![0-9.])(?<![0-9],)"
NUM_END = r"(?![0-9]|\.[0-9])"


# 度 after a number below zero: the temperature a weather report gives (气温-5度 零下五度),
# not the 度 of electricity (度电, kilowatt-hours).
_DEGREES = re.compile(r"度(?!电)")


def below_zero_ahead(sign: str | None, view: str, end: int) -> bool:
    """Whether a signed number ending at `end` is a temperature written with 度."""
    return bool(sign) and _DEGREES.match(view, end) is not None


def sign_word(sign: str | None, *, temperature: bool = False) -> str:
    if not sign:
        return ""
    return "零下" if temperature else "负"
