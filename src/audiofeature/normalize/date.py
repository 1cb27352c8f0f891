"""Dates and years: 2019年 二零一九年, 2016-09-05 二零一六年九月五日, 2月2日 二月二日, 95后 九五后.

Years are read digit by digit; months and days as numbers, never with 两.
A number before 年 is a year only when it looks like one: four digits (unless a count cue
says otherwise: 近2000年, 1000多年), or 08年 / 86年8月, or after 公元. Otherwise it is a count
(30年后 三十年后, 2年 两年) and cardinal.py reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import NUM_END, NUM_START, cardinal, digits
from audiofeature.normalize.vocab import AMOUNT_AHEAD, CJK, QUANTITY_AHEAD


@dataclass(frozen=True)
class Date:
    year: str = ""
    month: str = ""
    day: str = ""


def say_year(year: str) -> str:
    return digits(year)


def say_month(month: str) -> str:
    return cardinal(month)


def say_day(day: str) -> str:
    return cardinal(day)


def _say(token: Date, context: Context) -> str:
    said = ""
    if token.year:
        said += say_year(token.year) + "年"
    if token.month:
        said += say_month(token.month) + "月"
    if token.day:
        said += say_day(token.day) + "日"
    return said


def valid_month(text: str) -> bool:
    return 1 <= int(text) <= 12


def valid_day(text: str) -> bool:
    return 1 <= int(text) <= 31


def _plausible_year(text: str) -> bool:
    return 1000 <= int(text) <= 2999


# What may follow a numeric date without turning it into a quantity or a longer number.
_MORE_DIGITS = re.compile(r"[-/.·][0-9]")
_LABEL_AHEAD = re.compile(r"\s?(?:年|赛季|财年|学年|届|级)")


def _free_after(context: Context, end: int) -> bool:
    return not (QUANTITY_AHEAD.match(context.view, end) or _MORE_DIGITS.match(context.view, end))


def _tag_ymd(match: re.Match[str], context: Context) -> Date | None:
    y, m, d = match["y"], match["m"], match["d"]
    if not (_plausible_year(y) and valid_month(m) and valid_day(d)):
        return None
    return Date(y, m, d)


def _tag_dmy(match: re.Match[str], context: Context) -> Date | None:
    a, b, y = match["a"], match["b"], match["y"]
    if not _plausible_year(y):
        return None
    # Day first when the first part cannot be a month (25/12/2019); otherwise month first.
    if int(a) > 12 and valid_month(b) and valid_day(a):
        return Date(y, b, a)
    if valid_month(a) and valid_day(b):
        return Date(y, a, b)
    return None


def _tag_ym(match: re.Match[str], context: Context) -> Date | None:
    y, m = match["y"], match["m"]
    if not (_plausible_year(y) and valid_month(m)) or not _free_after(context, match.end()):
        return None
    if _LABEL_AHEAD.match(context.view, match.end()):
        return None  # 2015-16赛季 is a span of seasons, not June 2015
    return Date(y, m)


def _tag_my(match: re.Match[str], context: Context) -> Date | None:
    m, y = match["m"], match["y"]
    if not (1900 <= int(y) <= 2099 and valid_month(m)) or not _free_after(context, match.end()):
        return None
    return Date(y, m)


def _tag_md(match: re.Match[str], context: Context) -> Date | None:
    m, d = match["m"], match["d"]
    # Only zero-padded pairs (07/15, 12-05) are dates; 1/4 and 7/12 are fractions.
    if "0" not in (m[0], d[0]) or not (valid_month(m) and valid_day(d)):
        return None
    if not _free_after(context, match.end()):
        return None
    return Date(month=m, day=d)


_SEP = r"[-/.·・]"
YMD = Rule(
    "date",
    re.compile(
        rf"{NUM_START}(?P<y>[0-9]{{4}})(?P<sep>{_SEP})(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}}){NUM_END}"
    ),
    _tag_ymd,
    _say,
)
DMY = Rule(
    "date",
    re.compile(
        rf"{NUM_START}(?P<a>[0-9]{{1,2}})(?P<sep>[-/.])(?P<b>[0-9]{{1,2}})(?P=sep)(?P<y>[0-9]{{4}}){NUM_END}"
    ),
    _tag_dmy,
    _say,
)
YM = Rule(
    "date",
    re.compile(rf"{NUM_START}(?P<y>[0-9]{{4}})[-/](?P<m>[0-9]{{1,2}}){NUM_END}"),
    _tag_ym,
    _say,
)
MY = Rule(
    "date",
    re.compile(rf"{NUM_START}(?P<m>[0-9]{{1,2}})[-/](?P<y>[0-9]{{4}}){NUM_END}"),
    _tag_my,
    _say,
)
MD = Rule(
    "date",
    re.compile(rf"{NUM_START}(?P<m>[0-9]{{2}})[-/](?P<d>[0-9]{{2}}){NUM_END}(?![-/][0-9])"),
    _tag_md,
    _say,
)


@dataclass(frozen=True)
class Named:
    """A date used as a name (5·12汶川地震, 9·11事件): said digit by digit, 五一二."""

    month: str
    day: str


def _tag_named_date(month: str, day: str) -> Named | None:
    if not (valid_month(month) and valid_day(day)):
        return None
    return Named(month, day)


NAMED = Rule(
    "date",
    re.compile(
        r"(?<![0-9.·・•])(?P<m>[0-9]{1,2})[·・•](?P<d>[0-9]{1,2})(?![0-9·・•])"
        # Written with a full stop, only before the kind of event a date names (7.21暴雨);
        # otherwise 7.21 is a decimal.
        r"|(?<![0-9.])(?P<m2>[0-9]{1,2})\.(?P<d2>[0-9]{1,2})(?![0-9.])"
        r"(?=[”\"’」』]?(?:事件|示威|游行|集会|行动|惨案|大案|案件|血案|空难|大火|火灾|地震|暴雨|洪灾|洪水"
        r"|爆炸|枪击|暴乱|骚乱|冲突|晚会|特大))"
    ),
    lambda m, c: _tag_named_date(m["m"] or m["m2"], m["d"] or m["d2"]),
    lambda t, c: digits(t.month + t.day),
)


@dataclass(frozen=True)
class Year:
    year: str


# Words around a number + 年 that make it a length of time, not a year.
_COUNT_BEFORE = re.compile(
    r"(?:近|约|逾|超|超过|长达|历经|历时|经过|用了|花了|耗时|持续|多达|这|那|几|数|每|将近|大约|不到|不足|整整|足足)$"
)
_COUNT_AFTER = re.compile(
    r"年(?:多|余|来|左右|之久|以上|以下|以内|之内|时间|光景|的历史|历史|寿命)"
)
_ERA_BEFORE = re.compile(r"(?:公元前?|前|纪元)$")


def _tag_year(match: re.Match[str], context: Context) -> Year | None:
    year = match["y"]
    end = match.end()
    before = context.before(match.start(), 4)
    era = _ERA_BEFORE.search(before) is not None
    after = context.after(end, 6)
    if len(year) == 4:
        if _COUNT_BEFORE.search(before) and not era:
            return None
        counted = _COUNT_AFTER.match(after)
        if counted and not era:
            word = counted.group()
            # 2019年来 (since 2019) is a year; 1000年来, 2000年前 are spans of time.
            if word == "年来" and 1950 <= int(year) <= 2099:
                return Year(year)
            return None
        if after.startswith("年前") and int(year) % 100 == 0 and not era:
            return None
        return Year(year)
    if len(year) == 3:
        return Year(year) if era else None
    if len(year) == 2:
        if year[0] == "0" or re.match(
            r"年\s?[0-9]{1,2}\s?月|年(?:出生|生人|毕业|入学|入伍|入党)", after
        ):
            return Year(year)
        return None
    return None


# A year in a list of years that ends in 年 takes it too (2016、2017年 二零一六、二零一七年).
_YEAR_LIST = r"(?:\s?[、和及与或]\s?(?:19|20)[0-9]{2})+\s?年(?!级)"
YEAR = Rule(
    "date",
    re.compile(
        rf"{NUM_START}(?P<y>[0-9]{{4}}(?=\s?年(?!级)|{_YEAR_LIST})|[0-9]{{2,3}}(?=\s?年(?!级|代)))"
    ),
    _tag_year,
    lambda t, c: say_year(t.year),
)

# A four-digit year naming a season, model or cohort: 2019赛季, 2020款, 2019级, 2020届; a
# season or fiscal year also by its last two digits (97赛季 九七赛季).
YEAR_LABEL = Rule(
    "date",
    re.compile(
        rf"{NUM_START}(?P<y>(?:19|20)[0-9]{{2}})(?=\s?(?:赛季|财年|学年|年度|款|版|级|届))"
        rf"|{NUM_START}(?P<y2>[0-9]{{2}})(?=\s?(?:赛季|财年))"
    ),
    lambda m, c: Year(m["y"] or m["y2"]),
    lambda t, c: say_year(t.year),
)

# Words before a number that make it a count, whatever follows it.
_COUNT_CUE = re.compile(
    r"(?:约|近|超|逾|达|共|计|仅|只|第|有|增至|降至|增加|减少|增长|下降|多达|高达|不足|不到|大约)\s?$"
)
# What after a number keeps it an amount: an approximation, a magnitude, or a verb of change
# (从1800增加到2000).
_NOT_A_NOUN = re.compile(
    r"\s?(?:多|余|来|左右|上下|以上|以下|以内|之内|万|亿|千|百|点"
    r"|增|减|降|升|涨|跌|变|到|至|为|是|和|与|及|或|跃|翻|比)"
)


# Events whose first character is also a measure word (大, 届 …): 2019大会 is still a year.
_EVENT_AHEAD = re.compile(r"\s?(?:大会|大赛|大奖赛|大典|大选|大阅兵)")


def _tag_year_before_noun(match: re.Match[str], context: Context) -> Year | None:
    end = match.end()
    view = context.view
    if not re.match(rf"[{CJK}]", view[end : end + 1]):
        return None
    counted = QUANTITY_AHEAD.match(view, end) or AMOUNT_AHEAD.match(view, end)
    if counted and not _EVENT_AHEAD.match(view, end):
        return None
    if _NOT_A_NOUN.match(view, end) or _COUNT_CUE.search(context.before(match.start(), 3)):
        return None
    return Year(match["y"])


# A year written without 年 before the name of what it dates, an event, a report or a list
# (华为2020开发者大会, 《2022中国城市发展报告》, 2008北京奥运会), is still a year, said digit by
# digit; a count before a measure word (2019名) or a magnitude is not.
YEAR_BEFORE_NOUN = Rule(
    "date",
    re.compile(rf"{NUM_START}(?P<y>(?:19|20)[0-9]{{2}})(?![0-9]|\.[0-9]|,[0-9])"),
    _tag_year_before_noun,
    lambda t, c: say_year(t.year),
)

# A year in the brackets of a document number: 国发〔2023〕5号 国发二零二三五号.
YEAR_BRACKETED = Rule(
    "date",
    re.compile(r"(?<=[〔\[【（(])(?P<y>(?:19|20)[0-9]{2})(?=[〕\]】）)])"),
    lambda m, c: Year(m["y"]),
    lambda t, c: say_year(t.year),
)

# Generations: 70后 七零后, 00后 零零后, 85后 八五后.
GENERATION = Rule(
    "date",
    re.compile(r"(?<![0-9.])(?P<y>[0-9][05])(?=后(?![0-9年面来续者]))"),
    lambda m, c: Year(m["y"]),
    lambda t, c: say_year(t.year),
)


def _tag_month(match: re.Match[str], context: Context) -> Date | None:
    return Date(month=match["m"]) if valid_month(match["m"]) else None


MONTH = Rule(
    "date",
    re.compile(rf"{NUM_START}(?P<m>[0-9]{{1,2}})(?=\s?月)"),
    _tag_month,
    lambda t, c: say_month(t.month),
)


def _tag_day(match: re.Match[str], context: Context) -> Date | None:
    return Date(day=match["d"]) if valid_day(match["d"]) else None


DAY = Rule(
    "date",
    re.compile(rf"{NUM_START}(?P<d>[0-9]{{1,2}})(?=\s?(?:号|日(?!元)))"),  # 日元 is yen
    _tag_day,
    lambda t, c: say_day(t.day),
)

NUMERIC = [YMD, DMY, YM, MY, MD, NAMED]
CHINESE = [YEAR, YEAR_LABEL, YEAR_BRACKETED, GENERATION, MONTH, DAY, YEAR_BEFORE_NOUN]
