"""Ordinals: 第2 第二, 第100名 第一百名. An ordinal never takes 两 (第2次 第二次)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import INT, NUM_END, cardinal


@dataclass(frozen=True)
class Ordinal:
    prefix: str
    number: str


def _say(token: Ordinal, context: Context) -> str:
    return token.prefix + cardinal(token.number)


ORDINAL = Rule(
    "ordinal",
    re.compile(rf"(?P<prefix>第)\s?(?P<num>{INT}){NUM_END}"),
    lambda m, c: Ordinal(m["prefix"], m["num"]),
    _say,
)

RULES = [ORDINAL]
