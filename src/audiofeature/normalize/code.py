"""Codes, serials and model names: ISO9001 ISO九零零一, GB/T 19001-2016 GB/T 一九零零一杠二零一六,
5G 五G, HDR10 HDR十, 192.168.0.1 一九二点一六八点零点一, 911事件 九一一事件.

Digits joined to Latin letters are part of a name. Three digits or more are read one by one
(C919 C九一九, 1080P 一零八零P); one or two are read as a number (G20 G二十, M1 M一), the way
newsreaders say them. The letters themselves are left to latin.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import NUM_END, NUM_START, cardinal, digits
from audiofeature.normalize.vocab import AMOUNT_AHEAD, CJK, QUANTITY_AHEAD, UNIT_PATTERN

HYPHEN = "杠"  # how a hyphen inside a code is said (GB/T 19001-2016 … 一九零零一杠二零一六)


@dataclass(frozen=True)
class Code:
    parts: tuple[str, ...]  # digit groups
    joints: tuple[str, ...]  # what joins them, as written
    lead: str = ""  # a separator between the letters and the digits, as written


def say_part(part: str) -> str:
    if len(part) >= 3 or (part[0] == "0" and len(part) > 1):
        return digits(part)
    return cardinal(part)


def _say(token: Code, context: Context) -> str:
    said = " " if token.lead == " " else ""
    for index, part in enumerate(token.parts):
        if index:
            said += HYPHEN if token.joints[index - 1] == "-" else "，"
        said += say_part(part)
    return said


def _split(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    parts = tuple(re.findall(r"[0-9]+", text))
    joints = tuple(re.findall(r"[^0-9]+", text))
    return parts, joints


def _tag_after_letters(match: re.Match[str], context: Context) -> Code | None:
    if match["lead"] == " " and QUANTITY_AHEAD.match(context.view, match.end()):
        return None  # GDP 100万亿元 is an amount, not a name (K1234次, C919大飞机 are names)
    if AMOUNT_AHEAD.match(context.view, match.end()):
        return None  # GDP100亿元, CPI2%
    parts, joints = _split(match["num"])
    return Code(parts, joints, match["lead"] or "")


AFTER_LETTERS = Rule(
    "code",
    re.compile(r"(?<=[A-Za-z])(?P<lead>[\s-]?)(?P<num>[0-9]+(?:[-:][0-9]+)*)(?![0-9]|\.[0-9])"),
    _tag_after_letters,
    _say,
)


@dataclass(frozen=True)
class Quantity:
    number: str
    as_digits: bool


# A number before letters is a quantity (5G 五G, 256GB 二百五十六GB, 4K 四K), except a video
# resolution, said digit by digit (1080P 一零八零P, 720p 七二零p).
BEFORE_LETTERS = Rule(
    "code",
    re.compile(rf"{NUM_START}(?P<num>[0-9]+)(?=(?P<res>[PpIi](?![A-Za-z]))|[A-Za-z])"),
    lambda m, c: Quantity(m["num"], bool(m["res"]) and len(m["num"]) >= 3),
    lambda t, c: (
        digits(t.number)
        if t.as_digits or t.number[0] == "0" and len(t.number) > 1
        else cardinal(t.number)
    ),
)


@dataclass(frozen=True)
class Dotted:
    parts: tuple[str, ...]


# Three or more dotted groups are an address or a version (192.168.0.1, 2.4.1): digits and 点.
DOTTED = Rule(
    "code",
    re.compile(rf"{NUM_START}[0-9]+(?:\.[0-9]+){{2,}}{NUM_END}"),
    lambda m, c: Dotted(tuple(m.group().split("."))),
    lambda t, c: "点".join(digits(p) for p in t.parts),
)


@dataclass(frozen=True)
class Serial:
    number: str
    as_number: bool = False


def _tag_serial(match: re.Match[str], context: Context) -> Serial:
    number = match["num"] or match["name"] or match["room"] or match["style"]
    # A round number before 号 is said as a number (3000号 三千号); other long ones are
    # identifiers (人民路1288号 一二八八号).
    return Serial(number, as_number=bool(match["num"]) and number.endswith("00"))


# Long numbers before 号 are identifiers (人民路1288号, “26314”号); numbers naming an event, a
# programme, a base or a model, train and flight numbers, and room numbers, are said digit by
# digit (911事件, 315晚会, 211工程, 863计划, 737客机, 404基地, 1461次列车, 302室); so is a
# model year before 式 (59式坦克 五九式; 24式太极拳 counts its forms).
SERIAL = Rule(
    "code",
    re.compile(
        rf"{NUM_START}(?P<num>[0-9]{{4,}})(?=[”\"’」』]?\s?号(?!线))"
        rf"|{NUM_START}(?P<name>[0-9]{{3,4}})(?=事件|新政|晚会|工程|计划|行动|专案|惨案|购物节|型|系列|客机|机型|航班"
        r"|基地|次列车|次动车|次航班)"
        rf"|{NUM_START}(?P<room>[0-9]{{3,4}})(?=室(?![0-9])|房间)"
        rf"|{NUM_START}(?P<style>[0-9]{{2,3}})(?=式(?!太极|拳|样))"
    ),
    _tag_serial,
    lambda t, c: cardinal(t.number) if t.as_number else digits(t.number),
)


@dataclass(frozen=True)
class Model:
    number: str


# Words after which a hyphen before a number is a minus sign (同比-3, 温差为-5, 求-3的平方),
# and the words that close a quantity, after which it joins two values (20日-31日).
_MINUS_BEFORE = re.compile(
    r"(?:为|是|达|到|至|比|约|降|减|增|率|值|差|温|度|低|高|于|和|或|在|从|算|求|取|得|乘|除|加"
    r"|[0-9][\u3400-\u9fff])$"
)


# Units after which a signed number is a value below zero, not a model's number.
_VALUE_AHEAD = re.compile(
    rf"\s?(?:{UNIT_PATTERN}|摄氏度|度|米|千米|公里|厘米|毫米|克|千克|公斤|斤|吨|升|毫升|分贝|倍|个百分点)"
)


def _tag_model(match: re.Match[str], context: Context) -> Model | None:
    if _MINUS_BEFORE.search(context.before(match.start(), 2)):
        return None
    if _VALUE_AHEAD.match(context.view, match.end()) or AMOUNT_AHEAD.match(
        context.view, match.end()
    ):
        return None  # 气温-5度 is below zero (but 歼-20首飞: 首 is no unit here)
    return Model(match["num"])


# A hyphen between a Chinese name and a number joins a model name, and is not said: 歼-20 歼二十,
# 轰-6K 轰六K, 东风-41 东风四十一. Three digits or more are read one by one, as in codes.
MODEL = Rule(
    "code",
    re.compile(rf"(?<=[{CJK}])-(?P<num>[0-9]+)(?![0-9]|\.[0-9])"),
    _tag_model,
    lambda t, c: say_part(t.number),
)


@dataclass(frozen=True)
class Listed:
    number: str


# A stock code in brackets after the company's name (某银行（600036）, 某科技（00700.HK）),
# digit by digit; the dot before the exchange is not said.
STOCK = Rule(
    "code",
    re.compile(
        rf"(?<=[{CJK}A-Za-z][（(])(?P<num>[0-9]{{6}}|0[0-9]{{4}}|[0-9]{{4,6}}(?=\.[A-Za-z]))"
        r"(?:\.(?=[A-Za-z]{1,2}[）)]))?(?=(?:[A-Za-z]{1,2})?[）)])"
    ),
    lambda m, c: Listed(m["num"]),
    lambda t, c: digits(t.number),
)


def _tag_quoted(match: re.Match[str], context: Context) -> Listed | None:
    if QUANTITY_AHEAD.match(context.view, match.end() + 1):
        return None  # “100”个: a count in quotes
    return Listed(match["num"])


# A number of three digits or more standing alone in quotation marks is a name, said digit
# by digit (“996”工作制, “520”的日子), unless a measure word follows the quote.
QUOTED = Rule(
    "code",
    re.compile(r"(?<=[“‘「『\"'])(?P<num>[0-9]{3,})(?=[”’」』\"'])"),
    _tag_quoted,
    lambda t, c: digits(t.number),
)

EARLY = [DOTTED]
RULES = [MODEL, AFTER_LETTERS, BEFORE_LETTERS]
SERIALS = [SERIAL, STOCK, QUOTED]
