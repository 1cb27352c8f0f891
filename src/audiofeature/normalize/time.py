"""Clock times: 12:05 十二点零五分, 2:05 两点零五分, 9:30 a.m. 上午九点三十分, 3点15分 三点十五分.

A N:M that cannot be a time (78:96) or that stands among score words (比分17:16, 以3:1) is
left to math.py, which reads it as a ratio (七十八比九十六).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import NUM_START, cardinal, digits
from audiofeature.normalize.vocab import SCORE_AFTER, SCORE_BEFORE


@dataclass(frozen=True)
class Clock:
    hour: str
    minute: str = ""
    second: str = ""
    meridiem: str = ""  # "am", "pm" or ""
    quarter: str = ""  # 一刻, 半 ... as written after 点


def say_hour(hour: str) -> str:
    # 2点 is 两点 on the clock, like any count of two.
    return cardinal(hour, liang=True) + "点"


def _minute_words(text: str, unit: str) -> str:
    # Written with a leading zero (05), said with it (零五分), as a newsreader reads a timetable.
    if len(text) == 2 and text[0] == "0":
        return digits(text) + unit
    return cardinal(text) + unit


def _period(hour: int, meridiem: str) -> str:
    if meridiem == "am":
        return "凌晨" if hour < 5 or hour == 12 else "上午"
    if meridiem == "pm":
        if hour == 12:
            return "中午"
        return "下午" if hour < 6 else "晚上"
    return ""


def _say(token: Clock, context: Context) -> str:
    hour = int(token.hour)
    said = _period(hour, token.meridiem) + say_hour(str(hour))
    minute = int(token.minute or 0)
    second = int(token.second or 0)
    if token.quarter:
        return said + token.quarter
    if minute or second:
        said += _minute_words(token.minute, "分")
    if second:
        said += _minute_words(token.second, "秒")
    return said


def _tag_colon(match: re.Match[str], context: Context) -> Clock | None:
    hour, minute, second = match["h"], match["m"], match["s"] or ""
    if int(hour) > 24 or int(minute) > 59 or (second and int(second) > 59):
        return None
    before = context.before(match.start(), 8)
    if SCORE_BEFORE.search(before) or SCORE_AFTER.match(context.view, match.end()):
        return None
    meridiem = (match["ap"] or "").lower().replace(".", "").replace(" ", "")
    if meridiem and int(hour) > 12:
        meridiem = ""
    return Clock(hour, minute, second, meridiem)


COLON = Rule(
    "time",
    re.compile(
        rf"{NUM_START}(?P<h>[0-9]{{1,2}}):(?P<m>[0-9]{{2}})(?::(?P<s>[0-9]{{2}}))?(?![0-9]|:[0-9]|\.[0-9])"
        r"(?:\s?(?P<ap>[aApP]\.?\s?[mM]\.?)(?![A-Za-z]))?"
    ),
    _tag_colon,
    _say,
)


def _tag_chinese(match: re.Match[str], context: Context) -> Clock | None:
    if int(match["h"]) > 24 or (match["m"] and int(match["m"]) > 59):
        return None
    if match["s"] and int(match["s"]) > 59:
        return None
    quarter = match["q"] or ""
    if quarter[:1].isdigit():
        quarter = cardinal(quarter[0]) + quarter[1:]
    return Clock(match["h"], match["m"] or "", match["s"] or "", quarter=quarter)


def _say_chinese(token: Clock, context: Context) -> str:
    said = say_hour(token.hour)
    if token.quarter:
        return said + token.quarter
    if token.minute:
        said += _minute_words(token.minute, "分")
    if token.second:
        said += _minute_words(token.second, "秒")
    return said


# 3点15分, 10点半, 7点3刻; the hour alone too (2点 两点). 分/秒 after 点 are minutes/seconds.
CHINESE = Rule(
    "time",
    re.compile(
        rf"{NUM_START}(?P<h>[0-9]{{1,2}})点"
        r"(?:(?P<m>[0-9]{1,2})分(?!之)(?:(?P<s>[0-9]{1,2})秒)?|(?P<q>[1-3一三]刻|半))?"
    ),
    _tag_chinese,
    _say_chinese,
)


def _tag_shi(match: re.Match[str], context: Context) -> Clock | None:
    if int(match["h"]) > 24 or (match["m"] and int(match["m"]) > 59):
        return None
    if match["s"] and int(match["s"]) > 59:
        return None
    return Clock(match["h"], match["m"] or "", match["s"] or "")


def _say_shi(token: Clock, context: Context) -> str:
    # The hour is said without the zero a timetable prints (07时 七时; 2时 两时, as 两点);
    # minutes keep theirs (07时05分 七时零五分), as with 点.
    said = cardinal(token.hour, liang=True) + "时"
    if token.minute:
        said += _minute_words(token.minute, "分")
    if token.second:
        said += _minute_words(token.second, "秒")
    return said


# The formal clock of official notices: 14时30分, 07时15分, 8时. 时 that begins a word (8时代,
# 4时期) is not a time.
SHI = Rule(
    "time",
    re.compile(
        rf"{NUM_START}(?P<h>[0-9]{{1,2}})时"
        r"(?:(?P<m>[0-9]{1,2})分(?!之)(?:(?P<s>[0-9]{1,2})秒)?"
        r"|(?!代|期|候|间|尚|速|效|装|光|空|局|机|事|段|节|髦|针|差|令|势|辰|政|评|报|刻|态|序))"
    ),
    _tag_shi,
    _say_shi,
)

RULES = [COLON]
LATE = [CHINESE, SHI]
