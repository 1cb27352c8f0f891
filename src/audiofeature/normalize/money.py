"""Money: ￥13.5 十三点五元, $3.2万 三点二万美元, HKD13.5 十三点五港元, 36.00元 三十六元.

A sign or code before the amount is said after it, as a newsreader does. Trailing zeros of
an amount are not said (14.60元 十四点六元); 2 before a currency word is 两 (2元 两元).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import NUM, NUM_END, NUM_START, SIGN, amount, sign_word
from audiofeature.normalize.vocab import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    CURRENCY_CODES,
    CURRENCY_PATTERN,
)


@dataclass(frozen=True)
class Money:
    number: str
    magnitude: str = ""  # 万, 亿 … written after the number
    currency: str = ""  # said after the amount; empty when the text already names it
    sign: str = ""


def _say(token: Money, context: Context) -> str:
    liang = token.number == "2"
    return (
        sign_word(token.sign) + amount(token.number, liang=liang) + token.magnitude + token.currency
    )


_NAMED_AFTER = re.compile(r"\s?(?:" + "|".join(CURRENCY_AFTER) + ")")


def _tag_before(match: re.Match[str], context: Context) -> Money | None:
    code = match["cur"]
    # A currency code must stand alone (not the end of a longer word such as XUSD).
    before = context.view[match.start("cur") - 1 : match.start("cur")]
    if code.isalpha() and re.match(r"[A-Za-z]", before):
        return None
    name = CURRENCY_BEFORE[code]
    magnitude = (match["mag"] or "").strip()
    if _NAMED_AFTER.match(context.view, match.end()):
        name = ""  # ￥5万元: the text names the currency itself
    return Money(match["num"], magnitude, name, match["sign"] or match["sign2"] or "")


BEFORE = Rule(
    "money",
    re.compile(
        rf"(?P<sign>{SIGN})?(?P<cur>{CURRENCY_PATTERN})\s?(?P<sign2>-)?{NUM_START}(?P<num>{NUM}){NUM_END}"
        r"(?P<mag>\s?[万亿千百]+)?"
    ),
    _tag_before,
    _say,
)


def _tag_code_after(match: re.Match[str], context: Context) -> Money:
    return Money(match["num"], "", CURRENCY_BEFORE[match["cur"]], match["sign"] or "")


AFTER_CODE = Rule(
    "money",
    re.compile(
        rf"(?P<sign>{SIGN})?{NUM_START}(?P<num>{NUM})\s?(?P<cur>{'|'.join(CURRENCY_CODES)})(?![A-Za-z])"
    ),
    _tag_code_after,
    _say,
)


def _tag_amount(match: re.Match[str], context: Context) -> Money:
    return Money(match["num"], match["mag"] or "", "", match["sign"] or "")


# An amount before a Chinese currency word: only the number is claimed, the word stays.
AMOUNT = Rule(
    "money",
    re.compile(
        rf"(?P<sign>{SIGN})?{NUM_START}(?P<num>{NUM}){NUM_END}(?P<mag>[万亿千百]*)"
        rf"(?=\s?(?:{'|'.join(CURRENCY_AFTER)}))"
    ),
    _tag_amount,
    _say,
)

RULES = [BEFORE, AFTER_CODE, AMOUNT]
