"""Layout marks that must never be voiced: ● ▲ # bullets are dropped; a dash used as punctuation
(——, —) is heard as a pause, "，", or as nothing where punctuation already gives one.

Other punctuation stays as printed: engines pause on ASCII and Chinese marks alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import DIGIT_WORDS

PAUSE = "，"
_PUNCTUATION = set("，。、；：！？…“”‘’「」『』（）《》〈〉【】,.;:!?\"'()[]")


@dataclass(frozen=True)
class Mark:
    text: str
    spoken: str


# ○ is left alone: it is also the zero of 二○一九. · joins foreign names (卡尔·马克思). © ® ™
# go unsaid like bullets; so does a "more" arrow (详情>>).
_MARKS = "●▲■◆★☆▼▽◇◎※►▶■□◢◣#＃©®™»«"
_NUMERALS = DIGIT_WORDS + "十百千万亿两"
MARKER = Rule(
    "punct",
    # Between numbers, << and >> are comparisons; numbers already said (零) count as numbers,
    # so that normalizing spoken text changes nothing.
    re.compile(rf"[{_MARKS}]+|(?<![0-9{_NUMERALS}])(?:>{{2,}}|<{{2,}})(?!\s?[0-9{_NUMERALS}])"),
    lambda m, c: Mark(m.group(), ""),
    lambda t, c: t.spoken,
)


def _neighbour(context: Context, index: int, step: int) -> str:
    while 0 <= index < len(context.view) and context.view[index].isspace():
        index += step
    return context.view[index] if 0 <= index < len(context.view) else ""


def _tag_dash(match: re.Match[str], context: Context) -> Mark:
    before = _neighbour(context, match.start() - 1, -1)
    after = _neighbour(context, match.end(), 1)
    if not before or not after or before in _PUNCTUATION or after in _PUNCTUATION:
        return Mark(match.group(), "")
    return Mark(match.group(), PAUSE)


DASH = Rule("punct", re.compile(r"[—―─⸺⸻]+|-{2,}"), _tag_dash, lambda t, c: t.spoken)


def _stays_a_letter(context: Context, index: int) -> bool:
    """An ASCII letter that no rule has turned into words (roman numerals, units have)."""
    char = context.view[index : index + 1]
    return char.isascii() and char.isalpha() and not context.claims.overlaps(index, index + 1)


def _tag_hyphen(match: re.Match[str], context: Context) -> Mark | None:
    before = match.start() - 1
    if before < 0:
        return None
    # After a word, or after what a rule has turned into words (3% 百分之三).
    if not (context.view[before].isalnum() or context.claims.overlaps(before, before + 1)):
        return None
    if context.latin == "keep" and (
        _stays_a_letter(context, match.start() - 1) or _stays_a_letter(context, match.end())
    ):
        return None  # Mini-LED: a hyphen inside a word the voice reads in English
    return Mark(match.group(), " ")


# A hyphen left between words once every number around it is read (英超-曼城胜, 2-氨基) is a
# separator no voice should read: a short break, as a space.
HYPHEN = Rule(
    "punct",
    re.compile(r"\s?-\s?"),
    _tag_hyphen,
    lambda t, c: t.spoken,
)


def _tag_bar(match: re.Match[str], context: Context) -> Mark | None:
    if "|" in context.written(match):
        return None  # an ASCII bar is left as printed: the voices pass over it
    before = _neighbour(context, match.start() - 1, -1)
    after = _neighbour(context, match.end(), 1)
    if not before or not after or before in _PUNCTUATION or after in _PUNCTUATION:
        return Mark(match.group(), "")
    return Mark(match.group(), PAUSE)


# A full-width or vertical-form bar between a column's name and its headline (出品︱某某,
# 观察｜标题) is a pause;
# a line that is nothing but dashes, pluses or tildes (a rule, a button) is not said, nor is
# the dash of a list item.
BAR = Rule("punct", re.compile(r"\s?[|︱｜¦]\s?"), _tag_bar, lambda t, c: t.spoken)
_SILENT = re.compile(rf"[\s{_MARKS}<>]*")
_SILENT_TO_END = re.compile(rf"[\s{_MARKS}<>]*\Z")


def _tag_lone(match: re.Match[str], context: Context) -> Mark | None:
    view = context.view
    alone_from_start = _SILENT.match(view).end() >= match.start()
    if alone_from_start and _SILENT_TO_END.match(view, match.end()):
        return Mark(match.group(), "")
    if alone_from_start and match.group() == "- ":
        return Mark(match.group(), "")  # "- 要闻": a list bullet
    return None


LONE = Rule("punct", re.compile(r"[-+~]+ ?"), _tag_lone, lambda t, c: t.spoken)


def _tag_arrow(match: re.Match[str], context: Context) -> Mark | None:
    before = match.start() - 1
    if not _SILENT_TO_END.match(context.view, match.end()):
        return None
    if before >= 0 and (
        context.view[before].isalnum() or context.claims.overlaps(before, before + 1)
    ):
        return Mark(match.group(), "")
    return None


# A > ending a line after words and a space (频道首页 >) is a breadcrumb's arrow, not a
# comparison nor the end of a tag.
ARROW = Rule("punct", re.compile(r"\s>"), _tag_arrow, lambda t, c: t.spoken)


def _tag_at(match: re.Match[str], context: Context) -> Mark | None:
    before = context.view[match.start() - 1 : match.start()]
    if before in (".", "_", "-") or (
        context.latin == "keep" and before.isascii() and before.isalpha()
    ):
        return None  # a@b: an address the voice reads in English
    return Mark(match.group(), "")


# The @ before an account's name (关注@人民日报) is not said. Web and e-mail addresses are
# claimed before this (latin.ADDRESS).
AT = Rule("punct", re.compile(r"@(?=[^\W_])"), _tag_at, lambda t, c: t.spoken)

EARLY = [MARKER, AT]
RULES = [DASH, HYPHEN, BAR, LONE, ARROW]
