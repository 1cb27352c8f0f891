"""Arithmetic, comparisons and scores: 3+4 三加四, 5 = 2 + 3 五等于二加三, ≥100万 大于等于一百万,
±2 正负二, 78:96 七十八比九十六, 韩国0-1 韩国零比一.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import NUM, NUM_END, NUM_START, decimal
from audiofeature.normalize.vocab import MEASURE_AHEAD, QUANTITY_AHEAD

OPERATORS = {
    "+": "加",
    "-": "减",
    "×": "乘",
    "*": "乘",
    "÷": "除以",
    "=": "等于",
    "≠": "不等于",
    "!=": "不等于",
    "≈": "约等于",
    "<": "小于",
    ">": "大于",
    "≤": "小于等于",
    "<=": "小于等于",
    "≥": "大于等于",
    ">=": "大于等于",
    "±": "正负",
}
_OP = r"(?:<=|>=|!=|[-+×*÷=≠≈<>≤≥])"


@dataclass(frozen=True)
class Expression:
    items: tuple[str, ...]  # numbers and operators, in order; a leading "-" or "±" is a sign


def _say_expression(token: Expression, context: Context) -> str:
    said = []
    previous_is_number = False
    for item in token.items:
        if item[0].isdigit():
            said.append(decimal(item))
            previous_is_number = True
        elif item == "-" and not previous_is_number:
            said.append("负")
        else:
            said.append(OPERATORS[item])
            previous_is_number = False
    return "".join(said)


_ITEM = re.compile(rf"{NUM}|{_OP}|±")


def _tag_expression(match: re.Match[str], context: Context) -> Expression | None:
    items = tuple(_ITEM.findall(match.group().replace(" ", "")))
    operators = [i for i in items if not i[0].isdigit()]
    # Only hyphens: a range, a date, a score or a code; other rules know those better.
    if all(op in "-±" for op in operators):
        return None
    return Expression(items)


EXPRESSION = Rule(
    "math",
    re.compile(
        rf"(?:(?<![0-9A-Za-z.)）])[-±])?{NUM_START}{NUM}(?:\s?{_OP}\s?-?{NUM}){{1,12}}{NUM_END}(?!\s?[%‰])"
    ),
    _tag_expression,
    _say_expression,
)


@dataclass(frozen=True)
class Operator:
    symbol: str


# A comparison or ± before a number stands alone (≥100万, ±2, <5%); the number is read elsewhere.
OPERATOR = Rule(
    "math",
    re.compile(r"(?:<=|>=|[≥≤≈±≠=×÷]|(?<![<>])[<>](?![<>=]))(?=\s?-?[0-9])"),
    lambda m, c: Operator(m.group()),
    lambda t, c: OPERATORS[t.symbol],
)


# A plus joined to a number: 1+N 一加N, N+1, 10万+ 十万加 (more than a hundred thousand).
_DATE_AHEAD = re.compile(r"[0-9]{1,4}\s?[年月日号]")


def _tag_plus(match: re.Match[str], context: Context) -> Operator | None:
    if match["trailing"] and MEASURE_AHEAD.match(context.view, match.end()):
        return Operator("多")  # 100+个国家 一百多个国家
    before = context.before(match.start(), 1)
    if before.isascii() and before.isalpha() and _DATE_AHEAD.match(context.view, match.end()):
        # A name ending in + (Disney+ 5月上线) is no sum; the pinyin voices say it 加.
        return Operator("+") if context.latin == "spell" else None
    return Operator("+")


PLUS = Rule(
    "math",
    re.compile(
        r"(?<=[0-9万亿])\+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])\+(?=[0-9])"
        r"|(?<=[0-9万亿])(?P<trailing>\+)(?![0-9A-Za-z+])"
    ),
    _tag_plus,
    lambda t, c: OPERATORS.get(t.symbol, t.symbol),
)


@dataclass(frozen=True)
class Ratio:
    left: str
    right: str


def _tag_ratio(match: re.Match[str], context: Context) -> Ratio | None:
    if match["op"] == "-":
        # N-M is a score only when no unit follows (1-2米 is a range) and both are short.
        if not (match["a"] + match["b"]).isdigit() or len(match["a"]) > 3 or len(match["b"]) > 3:
            return None
        if QUANTITY_AHEAD.match(context.view, match.end()):
            return None
    return Ratio(match["a"], match["b"])


# Scores and ratios: what time.py left of N:M, and N-M standing alone (韩国0-1).
RATIO = Rule(
    "math",
    re.compile(
        rf"{NUM_START}(?<![0-9]:)(?<![A-Za-z])(?P<a>{NUM})\s?(?P<op>[:-])\s?(?P<b>{NUM})"
        rf"(?![0-9]|\.[0-9]|:[0-9]|-[0-9])"
    ),
    _tag_ratio,
    lambda t, c: decimal(t.left) + "比" + decimal(t.right),
)


@dataclass(frozen=True)
class Ratios:
    parts: tuple[str, ...]


def _tag_chain(match: re.Match[str], context: Context) -> Ratios | None:
    parts = tuple(re.split(r"\s?:\s?", match.group()))
    ratio_sign = "∶" in context.written(match)
    if ratio_sign:
        return Ratios(parts)
    if len(parts) == 2:
        return None  # N:M is a time or a score: time.py and RATIO below decide
    clock = parts[0].isdigit() and len(parts[0]) <= 2 and int(parts[0]) <= 24
    if clock and all(p.isdigit() and len(p) == 2 and int(p) <= 59 for p in parts[1:]):
        return None  # 14:20:45 is a time
    return Ratios(parts)


# Ratios of several terms (1.5:48.2:50.3, 2:3:5) and anything written with the ratio sign ∶
# (3∶5∶2, 1∶2): each colon is said 比, never a clock time.
CHAIN = Rule(
    "math",
    re.compile(rf"{NUM_START}{NUM}(?:\s?:\s?{NUM}){{1,8}}{NUM_END}(?!:[0-9])"),
    _tag_chain,
    lambda t, c: "比".join(decimal(p) for p in t.parts),
)

EARLY = [CHAIN]
RULES = [EXPRESSION]
LATE = [RATIO]
OPERATORS_RULES = [OPERATOR, PLUS]
