"""Telephone numbers, read digit by digit with a pause between groups: 0739-5321234
零七三九，五三二一二三四; +86 185… 加八六，一八五…

Recognized by shape (mobile 1[3-9] + 9 digits, 0 + area code + 7–8 digits, 400/800 numbers,
a leading +country code) or by a cue before it (电话, 拨打, 尾号, 编号 …) or after it
(…打个电话, …热线). A second number joined by 或/、/和 to a phone number is one too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import digits
from audiofeature.normalize.vocab import QUANTITY_AHEAD, by_length

PAUSE = "，"


@dataclass(frozen=True)
class Phone:
    groups: tuple[str, ...]
    prefix: str = ""  # said before the digits: 加 for a leading +, or a cue word kept as is


def say_groups(groups: tuple[str, ...]) -> str:
    return PAUSE.join(digits(g) for g in groups if g)


def _say(token: Phone, context: Context) -> str:
    return token.prefix + say_groups(token.groups)


def _groups(text: str) -> tuple[str, ...]:
    return tuple(g for g in re.split(r"[^0-9]+", text) if g)


def _not_a_count(match: re.Match[str], context: Context) -> bool:
    return not QUANTITY_AHEAD.match(context.view, match.end())


def _tag_shape(match: re.Match[str], context: Context) -> Phone | None:
    if not _not_a_count(match, context):
        return None
    return Phone(_groups(match.group()))


def _tag_international(match: re.Match[str], context: Context) -> Phone | None:
    if not _not_a_count(match, context):
        return None
    return Phone((match["cc"], *_groups(match["rest"])), prefix="加")


INTERNATIONAL = Rule(
    "phone",
    re.compile(
        r"(?<![0-9A-Za-z])\+\s?(?P<cc>[0-9]{1,3})[\s-]?(?P<rest>[0-9][0-9 -]{5,14}[0-9])(?![0-9])"
    ),
    _tag_international,
    _say,
)
LANDLINE = Rule(
    "phone",
    re.compile(
        r"(?<![0-9.])(?:[(（]0[0-9]{2,3}[)）]|0[0-9]{2,3})[\s-]?[0-9]{7,8}(?:-[0-9]{1,5})?(?![0-9])"
    ),
    _tag_shape,
    _say,
)
# A 400/800 service number has ten digits, grouped as the company prints it (400-800-1234,
# 4008-123-456): the groups are kept as pauses.
SERVICE = Rule(
    "phone",
    re.compile(r"(?<![0-9.])[48]00(?:[\s-]?[0-9]){7}(?![0-9])"),
    _tag_shape,
    _say,
)
MOBILE = Rule(
    "phone",
    re.compile(r"(?<![0-9.])1[3-9][0-9](?:[0-9]{8}|[\s-][0-9]{4}[\s-][0-9]{4})(?![0-9])"),
    _tag_shape,
    _say,
)

# Cue words after which a run of digits is a number to dial or an identifier.
CUES = by_length(
    """
    电话号码 电话 热线 手机号码 手机号 手机 号码 尾号 拨打 致电 拨 传真 邮编
    邮政编码 QQ 微信号 账号 帐号 卡号 编号 工号 代码 证号 车牌号 房号 批号
    序号 密码 验证码 学号 身份证号 订单号 单号 航班号 分机 Tel TEL tel
    短号
    """
)


def _tag_cued(match: re.Match[str], context: Context) -> Phone | None:
    if not _not_a_count(match, context):
        return None
    return Phone(_groups(match["num"]), prefix=context.written(match, "cue"))


CUED = Rule(
    "phone",
    re.compile(
        r"(?<![A-Za-z])(?P<cue>(?:" + "|".join(CUES) + r")(?:[是为:]|\s){0,3})"
        r"(?P<num>[0-9]+(?:[\s-][0-9]+)*)(?![0-9]|\.[0-9])"
    ),
    _tag_cued,
    _say,
)

# A short service number followed by what one does with it: 给12333打个电话, 12345热线; and a
# five-digit public service number (1xxxx, 9xxxx) naming its website, app or account.
CUED_AFTER = Rule(
    "phone",
    re.compile(
        r"(?<![0-9.])(?P<num>[0-9]{3,6})"
        r"(?=\s?(?:打|拨打)?[个通]?(?:电话|热线)|\s?(?:服务热线|客服|咨询|投诉|举报|求助|报警))"
        r"|(?<![0-9.])(?P<service>[19][0-9]{4})(?![0-9])"
        r"(?=[”\"]?\s?(?:账号|帐号|账户|网站|官网|平台|客户端|App|APP|app|短信|公众号|购票))"
    ),
    lambda m, c: Phone(_groups(m["num"] or m["service"])),
    _say,
)


def _tag_chained(match: re.Match[str], context: Context) -> Phone | None:
    if context.claims.ending_at(match.start()) != "phone":
        return None
    if match["ext"]:  # an extension: 转8001
        ext = "转" if match["ext"] == "-" else match["ext"]
        return Phone((match["extnum"],), prefix=ext)
    joint = context.written(match, "joint")
    return Phone(_groups(match["num"]), prefix="或" if joint.strip() in "/／" else joint)


CHAINED = Rule(
    "phone",
    re.compile(
        r"(?P<joint>\s?(?:或者|或|、|/|和|及)\s?)(?P<num>[0-9]{7,8}|1[3-9][0-9]{9})(?![0-9])"
        r"|(?P<ext>转|分机|-)(?P<extnum>[0-9]{1,5})(?![0-9])"
    ),
    _tag_chained,
    _say,
)

RULES = [INTERNATIONAL, LANDLINE, SERVICE, MOBILE, CUED, CUED_AFTER, CHAINED]
