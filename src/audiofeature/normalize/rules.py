"""The one ordered list of rules. Earlier rules win: a stretch one rule claims, no later rule
touches. Specific shapes come first (a phone number, a date, a time), then the forms whose
reading depends on the word after them, and plain cardinals last of all; a final safety net
reads any digit still left, so no digit ever reaches the voice.
"""

from __future__ import annotations

from typing import Any

from audiofeature.normalize import (
    cardinal,
    code,
    date,
    decimal,
    fraction,
    latin,
    math,
    measure,
    money,
    ordinal,
    percent,
    phone,
    punct,
    range,
    roman,
    time,
)
from audiofeature.normalize.core import Rule

RULES: list[Rule[Any]] = [
    *latin.EARLY,  # http://www.example.com, name@example.com
    *punct.EARLY,  # ● ▲ # @: never spoken
    *roman.RULES,  # Ⅱ类, 第Ⅳ阶段, 鹰击IV-B
    *phone.RULES,  # 0739-5321234, 13501234567, 电话12345
    *date.NUMERIC,  # 2016-09-05, 2016/09, 07/15, 5·12
    *code.EARLY,  # 192.168.0.1, 2.4.1
    *math.EARLY,  # 1.5:48.2:50.3, 3∶5∶2
    *time.RULES,  # 12:05, 9:30 a.m.
    *math.RULES,  # 3+4, 5 = 2 + 3
    *range.RULES,  # 3-5天, 15~28, 2019-2020年, 3%-5%
    *measure.RULES,  # 45kg, 120㎡, 60km/h, 3000元/吨
    *money.RULES,  # ￥13.5, $3.2万, 36.00元
    *percent.RULES,  # 4.7%, 100%
    *cardinal.RULES,  # 300w
    *code.SERIALS,  # 1288号, 911事件
    *code.RULES,  # ISO9001, 5G, HDR10
    *date.CHINESE,  # 2019年, 2019赛季, 95后, 2月, 2日
    *time.LATE,  # 3点15分, 6点
    *math.LATE,  # 78:96, 韩国0-1
    *fraction.RULES,  # 1/8, 5/12
    *ordinal.RULES,  # 第2
    *decimal.RULES,  # 6.42, .22
    *cardinal.FALLBACK,  # 10625, 2期; then any digit at all
    *range.LATE,  # the dash between two values already read
    *math.OPERATORS_RULES,  # ≥ ± before a number
    *punct.RULES,  # —— as a pause
    *latin.BOTH,  # GB/T: the slash between letters is not said
]

SPELL_RULES: list[Rule[Any]] = [*RULES, *latin.RULES]
