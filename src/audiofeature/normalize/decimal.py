"""Decimals: 6.42万 六点四二万, -5.5 负五点五, .22 零点二二; the fraction digit by digit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule
from audiofeature.normalize.numbers import (
    INT,
    NUM_END,
    NUM_START,
    SIGN,
    below_zero_ahead,
    decimal,
    sign_word,
)


@dataclass(frozen=True)
class Decimal:
    number: str
    sign: str = ""
    temperature: bool = False  # -5.5度: 零下五点五度


def _say(token: Decimal, context: Context) -> str:
    return sign_word(token.sign, temperature=token.temperature) + decimal(
        token.number, counting=True
    )


DECIMAL = Rule(
    "decimal",
    re.compile(rf"(?P<sign>{SIGN})?{NUM_START}(?P<num>{INT}\.[0-9]+){NUM_END}"),
    lambda m, c: Decimal(m["num"], m["sign"] or "", below_zero_ahead(m["sign"], c.view, m.end())),
    _say,
)

# A bare fraction (.22口径): not after a letter, where the dot would end an abbreviation.
BARE = Rule(
    "decimal",
    re.compile(r"(?<![0-9A-Za-z.])(?P<num>\.[0-9]+)" + NUM_END),
    lambda m, c: Decimal("0" + m["num"]),
    _say,
)

RULES = [DECIMAL, BARE]
