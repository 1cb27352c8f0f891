"""Ranges: 15~28 十五到二十八, 3-5天 三到五天, 1-2个 一到两个, 3%-5% 百分之三到百分之五,
2019-2020年 二零一九到二零二零年, 1-6月 一到六月, -5~3℃ 零下五到三摄氏度.

Both ends are read the way the word after the range wants (a year, a month, a count taking 两,
a per cent, a measure); a symbol between them is said 到, a written 至 or 到 stays.
A bare N-M with nothing after it is not a range but a score (math.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.measure import say_quantity, say_unit
from audiofeature.normalize.numbers import NUM, NUM_START, cardinal, decimal, digits, sign_word
from audiofeature.normalize.percent import say_percent
from audiofeature.normalize.vocab import (
    CJK,
    CURRENCY_AFTER,
    MEASURE_AHEAD,
    SCORE_AFTER,
    SCORE_BEFORE,
    SPORTS_CONTEXT,
    UNIT_PATTERN,
)

DASHES = "-~～〜—–"


@dataclass(frozen=True)
class Range:
    left: str
    right: str
    connector: str  # as written
    kind: str  # year, month, day, percent, measure, count, plain
    left_unit: str = ""
    right_unit: str = ""
    left_sign: str = ""
    right_sign: str = ""
    ordinal: bool = False


_YEARISH = re.compile(r"\s?(?:年(?!级|代)|赛季|财年|学年|年度)")
_AMOUNT_AHEAD = re.compile(r"\s?(?:[万亿千百]*(?:" + "|".join(CURRENCY_AFTER) + "))")


def _kind(match: re.Match[str], context: Context) -> str | None:
    left, right = match["l"], match["r"]
    units = {u.strip() for u in (match["lu"], match["ru"]) if u}
    if units & {"%", "‰"}:
        return "percent" if len(units) == 1 else None
    if units:
        return "measure"
    after = context.after(match.end(), 8)
    if _YEARISH.match(after):
        if len(left) == 4 and len(right) in (2, 4) and (left + right).isdigit():
            return "year"
        return "count" if match["conn"] != "/" else None
    if re.match(r"\s?月", after):
        return "month"
    if re.match(r"\s?(?:日(?!元)|号)", after):
        return "day"
    if MEASURE_AHEAD.match(after) or _AMOUNT_AHEAD.match(after):
        return "count"
    if (
        left.isdigit()
        and right.isdigit()
        and len(left) == len(right) == 4
        and 1900 <= int(left) < int(right) <= 2099
    ):
        return "year"  # 2019-2020, 2019—2020
    if match["conn"] == "-":
        # 4-5级 is a range; 韩国0-1 and 3-1战胜 are scores (math.py); GB 2015 … is a code.
        if re.match(rf"[{CJK}]", after) and not SCORE_AFTER.match(after):
            before = context.before(match.start(), 8)
            if SCORE_BEFORE.search(before) or _score(match, context):
                return None
            return "plain"
        return None
    return "plain"


def _score(match: re.Match[str], context: Context) -> bool:
    """A bare N-M between words is a score when it cannot be a range (2-0, 1-1, 0-2: a range
    runs upwards from more than nothing) or when the words around it report a match."""
    left, right = match["l"], match["r"]
    if not (left.isdigit() and right.isdigit() and len(left) <= 2 and len(right) <= 2):
        return False
    if int(left) >= int(right) or int(left) == 0:
        return True
    around = context.before(match.start(), 30) + context.after(match.end(), 12)
    return SPORTS_CONTEXT.search(around) is not None


def _tag(match: re.Match[str], context: Context) -> Range | None:
    start = match.start()
    before = context.view[max(0, start - 2) : start]
    if before[-1:].isalpha() and before[-1:].isascii():
        return None  # GB 2015-2019 is a code
    if before[-1:] in ("-", "/", ":") or re.search(r"[A-Za-z][\s-]$", before):
        return None
    kind = _kind(match, context)
    if kind is None or (match["conn"] == "/" and kind != "year"):
        return None  # 3/4 is a fraction; only 2023/24赛季 is a range with a slash
    if kind in ("month", "day"):
        limit = 12 if kind == "month" else 31
        if not all(
            n.isdigit() and len(n) <= 2 and 1 <= int(n) <= limit for n in (match["l"], match["r"])
        ):
            return None
    return Range(
        match["l"],
        match["r"],
        context.written(match, "conn"),
        kind,
        (match["lu"] or "").strip(),
        (match["ru"] or "").strip(),
        match["ls"] or "",
        match["rs"] or "",
        ordinal=before.endswith("第"),
    )


def _end(number: str, sign: str, unit: str, token: Range, context: Context) -> str:
    kind = token.kind
    if kind == "year":
        return digits(number)
    if kind in ("month", "day"):
        return cardinal(number)
    if kind == "percent":
        return sign_word(sign) + say_percent(number, unit or token.right_unit or token.left_unit)
    if kind == "measure":
        shared = unit or token.right_unit or token.left_unit
        said = say_quantity(number, sign=sign, unit=shared)
        return said + (say_unit(unit) if unit else "")
    liang = kind == "count" and not token.ordinal and number == "2"
    return sign_word(sign) + decimal(number, counting=not token.ordinal, liang=liang)


def _say(token: Range, context: Context) -> str:
    connector = token.connector if token.connector in ("至", "到") else "到"
    return (
        _end(token.left, token.left_sign, token.left_unit, token, context)
        + connector
        + _end(token.right, token.right_sign, token.right_unit, token, context)
    )


_SIDE_UNIT = rf"\s?(?:{UNIT_PATTERN}|[%‰])"

RANGE = Rule(
    "range",
    re.compile(
        rf"(?:(?<![0-9A-Za-z.)）%℃])(?P<ls>-))?{NUM_START}(?P<l>{NUM})(?P<lu>{_SIDE_UNIT})?"
        rf"\s?(?P<conn>[{DASHES}/]|至|到)\s?"
        rf"(?P<rs>-)?(?P<r>{NUM})(?P<ru>{_SIDE_UNIT})?(?![0-9]|\.[0-9])"
    ),
    _tag,
    _say,
)


@dataclass(frozen=True)
class Connector:
    text: str


# A dash or tilde between a value another rule already read and the next number (8:00-9:00,
# 9月1日-10月31日, 2019年-2020年, 2万—3万元) is said 到.
_QUANTITY_BEHIND = re.compile(rf"[0-9][%‰℃°]?[{CJK}]{{0,4}}\s?$")


def _tag_connector(match: re.Match[str], context: Context) -> Connector | None:
    if not _QUANTITY_BEHIND.search(context.before(match.start(), 8)):
        return None  # 中国—东盟 is punctuation, not a range
    return Connector(match.group())


CONNECTOR = Rule(
    "range",
    re.compile(rf"\s?(?:--|——|[{DASHES}])\s?(?=-?[0-9])"),
    _tag_connector,
    lambda t, c: "到",
)

RULES = [RANGE]
LATE = [CONNECTOR]
